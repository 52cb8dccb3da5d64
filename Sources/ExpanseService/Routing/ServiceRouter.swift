import ExpanseHTTP
import ExpanseLog
import Synchronization

/// The request handler of the service: matches the method and path, checks
/// the bearer token where a route needs one, and runs the route.
///
/// `/v1`, `/admin` and health errors are RFC 9457 problems thrown as
/// `HTTPError`; Open Inference Protocol routes under `/v2` return errors as
/// `{"error": "..."}`, as that protocol specifies, and `renderError` gives
/// the HTTP layer's errors on those paths the same shape.
final class ServiceRouter: Sendable {
    let registry: ModelRegistry
    let metrics: ServiceMetrics
    let apiKeys: APIKeyStore?
    let reloader: ModelReloader
    let configuration: ServiceConfiguration
    let openAPIDocument: [UInt8]
    private let server = Mutex<WeakServer>(WeakServer())

    private struct WeakServer {
        weak var server: HTTPServer?
    }

    init(
        registry: ModelRegistry, metrics: ServiceMetrics, apiKeys: APIKeyStore?, reloader: ModelReloader,
        configuration: ServiceConfiguration, openAPIDocument: [UInt8]
    ) {
        self.registry = registry
        self.metrics = metrics
        self.apiKeys = apiKeys
        self.reloader = reloader
        self.configuration = configuration
        self.openAPIDocument = openAPIDocument
    }

    /// Connects the router to the server it serves, for the draining state
    /// and the in-flight count. The reference is weak, so no cycle forms.
    func attach(_ server: HTTPServer) {
        self.server.withLock { $0.server = server }
    }

    var attachedServer: HTTPServer? {
        server.withLock { $0.server }
    }

    /// Whether a model is loaded and the server is not draining.
    var isReady: Bool {
        registry.current != nil && !(attachedServer?.isDraining ?? false)
    }

    /// The `HTTPHandler`.
    func handle(_ request: HTTPRequest, route label: inout String) throws -> HTTPResponse {
        let path = request.path
        guard let route = ServiceRoute(path: path) else {
            throw HTTPError(.notFound, detail: "No route matches \(request.method) \(path); GET /openapi.yaml lists the routes.")
        }
        label = route.rawValue

        switch route {
        case .score:
            try allow(request, ["POST"])
            try authorize(request)
            return try score(request)
        case .modelDescription:
            try allow(request, ["GET", "HEAD"])
            try authorize(request)
            return try modelDescription()
        case .reload:
            try allow(request, ["POST"])
            try authorize(request)
            return try reload()
        case .health:
            try allow(request, ["GET", "HEAD"])
            return Self.json(#"{"status":"ok"}"#)
        case .readiness:
            try allow(request, ["GET", "HEAD"])
            return readiness()
        case .metrics:
            try allow(request, ["GET", "HEAD"])
            if configuration.protectMetrics { try authorize(request) }
            return renderMetrics()
        case .openAPI:
            try allow(request, ["GET", "HEAD"])
            return HTTPResponse(status: .ok, headers: ["Content-Type": "application/yaml"], body: openAPIDocument)
        case .inferenceServer, .inferenceLive, .inferenceReady:
            return routeInferenceServer(request, route: route)
        case .inferenceModel, .inferenceModelReady, .inferenceModelInfer,
            .inferenceVersion, .inferenceVersionReady, .inferenceVersionInfer:
            return routeInferenceModel(request, route: route)
        }
    }

    /// Renders the errors of `/v2` paths as `{"error": "..."}` with the
    /// error's status, as the Open Inference Protocol specifies. It is the
    /// server's `HTTPErrorRenderer`, so the server adds the error's extra
    /// headers. Other paths keep problem details.
    static func renderError(_ error: HTTPError, path: String) -> HTTPResponse? {
        guard ServiceRoute.isInferencePath(path) else { return nil }
        return inferenceError(error.status, error.detail)
    }

    // MARK: Shared checks

    /// - Throws: 405 with `Allow` when the method is not in `methods`.
    private func allow(_ request: HTTPRequest, _ methods: [String]) throws(HTTPError) {
        guard !methods.contains(request.method) else { return }
        let allowed = methods.joined(separator: ", ")
        throw HTTPError(
            .methodNotAllowed, detail: "\(request.path) does not accept \(request.method); use \(allowed).",
            headers: ["Allow": allowed]
        )
    }

    static let authenticateHeader = (name: "WWW-Authenticate", value: #"Bearer realm="expanse""#)

    /// Returns whether the request may use a protected route: always true
    /// without an API keys file.
    func isAuthorized(_ request: HTTPRequest) -> Bool {
        guard let apiKeys else { return true }
        return apiKeys.authorizes(request.headers["Authorization"])
    }

    /// - Throws: 401 with `WWW-Authenticate` when the token is missing or not accepted.
    private func authorize(_ request: HTTPRequest) throws(HTTPError) {
        guard !isAuthorized(request) else { return }
        throw HTTPError(
            .unauthorized, detail: "A valid bearer token is required: send Authorization: Bearer <token>.",
            headers: [Self.authenticateHeader.name: Self.authenticateHeader.value]
        )
    }

    /// Returns the model in service.
    /// - Throws: 503 before a model is loaded.
    func currentModel() throws(HTTPError) -> ServedModel {
        guard let model = registry.current else {
            throw HTTPError(.serviceUnavailable, detail: "No model is loaded yet.")
        }
        return model
    }

    static func json(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: text)
    }

    static func json(_ bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: bytes)
    }
}
