import ExpanseCore
import ExpanseHTTP

/// Readiness, metrics, model description and reload.
extension ServiceRouter {
    /// `GET /readyz`: 200 while a model is loaded and the server is not draining, else 503.
    func readiness() -> HTTPResponse {
        if registry.current == nil {
            return Self.json(#"{"status":"no_model"}"#, status: .serviceUnavailable)
        }
        if attachedServer?.isDraining ?? false {
            return Self.json(#"{"status":"draining"}"#, status: .serviceUnavailable)
        }
        return Self.json(#"{"status":"ready"}"#)
    }

    /// `GET /metrics`.
    func renderMetrics() -> HTTPResponse {
        let text = metrics.render(model: registry.current, inFlight: attachedServer?.inFlightRequestCount ?? 0)
        return HTTPResponse(status: .ok, contentType: PrometheusText.contentType, body: text)
    }

    /// `GET /v1/model`: the artifact's metadata.
    func modelDescription() throws(HTTPError) -> HTTPResponse {
        let model = try currentModel()
        let artifact = model.artifact
        let description: JSONValue = .object([
            "name": .string(model.name),
            "version": .string(artifact.version),
            "sha256": .string(model.sha256),
            "features": .array(artifact.features.map { .string($0) }),
            "threshold": JSONValue(artifact.threshold),
            "encoder": .string(artifact.shape.encoder.rawValue),
            "expansion": JSONValue(artifact.shape.expansion),
            "created": .string(artifact.created),
            "data_sha256": .string(artifact.dataSHA256),
            "metrics": .object(artifact.metrics),
            "config": .object(artifact.config),
        ])
        return Self.json(description.serialized())
    }

    /// `POST /admin/reload`: 200 with the new identity, or 422 with the reason the old model stayed.
    func reload() throws(HTTPError) -> HTTPResponse {
        switch reloader.reload(trigger: "http") {
        case .success(let model):
            var writer = JSONWriter()
            writer.raw(#"{"result":"success","model":{"name":"#)
            writer.string(model.name)
            writer.raw(#","version":"#)
            writer.string(model.version)
            writer.raw(#","sha256":"#)
            writer.string(model.sha256)
            writer.raw("}}")
            return Self.json(writer.bytes)
        case .failure(let error):
            throw HTTPError(.unprocessableContent, detail: error.description)
        }
    }
}
