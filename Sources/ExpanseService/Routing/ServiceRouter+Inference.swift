import ExpanseHTTP

/// Open Inference Protocol v2 (REST) routes. Their errors are
/// `{"error": "..."}` bodies, not problem details.
extension ServiceRouter {
    static let serverName = "expanse-serve"
    static let serverVersion = "1.0.0"
    static let inputName = "transactions"
    static let outputName = "fraud_probability"

    /// `/v2`, `/v2/health/live` and `/v2/health/ready`.
    func routeInferenceServer(_ request: HTTPRequest, route: ServiceRoute) -> HTTPResponse {
        if let rejection = Self.rejectMethod(request, allowed: ["GET", "HEAD"]) { return rejection }
        switch route {
        case .inferenceLive:
            return Self.json(#"{"live":true}"#)
        case .inferenceReady:
            return isReady ? Self.json(#"{"ready":true}"#) : Self.json(#"{"ready":false}"#, status: .serviceUnavailable)
        default:
            if let rejection = rejectUnauthorized(request) { return rejection }
            var writer = JSONWriter()
            writer.raw(#"{"name":"#)
            writer.string(Self.serverName)
            writer.raw(#","version":"#)
            writer.string(Self.serverVersion)
            writer.raw(#","extensions":[]}"#)
            return Self.json(writer.bytes)
        }
    }

    /// `/v2/models/{name}`, `/v2/models/{name}/ready` and `/v2/models/{name}/infer`,
    /// and the same under `/versions/{version}`, which must be the served model's version.
    func routeInferenceModel(_ request: HTTPRequest, route versionedRoute: ServiceRoute) -> HTTPResponse {
        let route = versionedRoute.unversioned
        let name = ServiceRoute.modelName(inPath: request.path)
        if let rejection = Self.rejectMethod(request, allowed: route == .inferenceModelInfer ? ["POST"] : ["GET", "HEAD"]) { return rejection }
        if let rejection = rejectUnauthorized(request) { return rejection }
        guard let model = registry.current else {
            return Self.inferenceError(.serviceUnavailable, "No model is loaded yet.")
        }
        guard model.name == name else {
            return Self.inferenceError(.notFound, "Model \(name) is not served here; this server serves \(model.name).")
        }
        if let version = ServiceRoute.modelVersion(inPath: request.path), version != model.version {
            return Self.inferenceError(.notFound, "Version \(version) of model \(name) is not served here; this server serves version \(model.version).")
        }

        switch route {
        case .inferenceModelReady:
            return isReady ? Self.json(#"{"ready":true}"#) : Self.json(#"{"ready":false}"#, status: .serviceUnavailable)
        case .inferenceModelInfer:
            return infer(request, model: model)
        default:
            return modelMetadata(model)
        }
    }

    private func modelMetadata(_ model: ServedModel) -> HTTPResponse {
        var writer = JSONWriter()
        writer.raw(#"{"name":"#)
        writer.string(model.name)
        writer.raw(#","versions":["#)
        writer.string(model.version)
        writer.raw(#"],"platform":"expanse-lve","inputs":[{"name":"#)
        writer.string(Self.inputName)
        writer.raw(#","datatype":"FP32","shape":[-1,"#)
        writer.number(model.features.count)
        writer.raw(#"]}],"outputs":[{"name":"#)
        writer.string(Self.outputName)
        writer.raw(#","datatype":"FP32","shape":[-1,1]}]}"#)
        return Self.json(writer.bytes)
    }

    private func infer(_ request: HTTPRequest, model: ServedModel) -> HTTPResponse {
        let decoder = InferRequestDecoder(featureCount: model.features.count, maxRows: configuration.maxBatchRows)
        return request.body.withUnsafeBufferPointer { body -> HTTPResponse in
            let decoded: InferRequestDecoder.Result
            do throws(RequestDecodingError) {
                decoded = try decoder.decode(body)
            } catch {
                switch error {
                case .malformed(let syntax):
                    return Self.inferenceError(.badRequest, "The body is not valid JSON: \(syntax.message) at byte offset \(syntax.offset).")
                case .invalidContent(let message):
                    return Self.inferenceError(.badRequest, message)
                case .tooManyRows(let limit):
                    return Self.inferenceError(.contentTooLarge, "The tensor contains more than \(limit) rows; split it into requests of at most \(limit) rows, or raise --max-batch-rows on the server.")
                }
            }

            let probabilities = Self.scoreBatch(decoded.batch, with: model.scorer)
            probabilities.withUnsafeBufferPointer { metrics.recordScores($0) }

            var writer = JSONWriter(capacity: 200 + probabilities.count * 14)
            writer.raw(#"{"model_name":"#)
            writer.string(model.name)
            writer.raw(#","model_version":"#)
            writer.string(model.version)
            if let idRange = decoded.idRange {
                writer.raw(#","id":"#)
                writer.quotedBytes(body, idRange)
            }
            writer.raw(#","outputs":[{"name":"#)
            writer.string(Self.outputName)
            writer.raw(#","datatype":"FP32","shape":["#)
            writer.number(probabilities.count)
            writer.raw(#",1],"data":["#)
            for (index, probability) in probabilities.enumerated() {
                if index > 0 { writer.raw(",") }
                writer.number(probability)
            }
            writer.raw("]}]}")
            return Self.json(writer.bytes)
        }
    }

    private static func rejectMethod(_ request: HTTPRequest, allowed: [String]) -> HTTPResponse? {
        guard !allowed.contains(request.method) else { return nil }
        let list = allowed.joined(separator: ", ")
        var response = inferenceError(.methodNotAllowed, "\(request.path) does not accept \(request.method); use \(list).")
        response.headers.replaceOrAdd(name: "Allow", value: list)
        return response
    }

    private func rejectUnauthorized(_ request: HTTPRequest) -> HTTPResponse? {
        guard !isAuthorized(request) else { return nil }
        var response = Self.inferenceError(.unauthorized, "A valid bearer token is required: send Authorization: Bearer <token>.")
        response.headers.replaceOrAdd(name: Self.authenticateHeader.name, value: Self.authenticateHeader.value)
        return response
    }

    static func inferenceError(_ status: HTTPStatus, _ message: String) -> HTTPResponse {
        var writer = JSONWriter()
        writer.raw(#"{"error":"#)
        writer.string(message)
        writer.raw("}")
        var response = json(writer.bytes, status: status)
        response.errorDetail = message
        return response
    }
}
