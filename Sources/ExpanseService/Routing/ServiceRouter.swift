import ExpanseHTTP
import ExpanseLog
import Synchronization

/// The request handler of the service: matches the method and path, checks
/// the bearer token where a route needs one, and runs the route.
///
/// `/v1`, `/admin` and health errors are RFC 9457 problems thrown as
/// `HTTPError`; Open Inference Protocol routes under `/v2` return errors as
/// `{"error": "..."}`, as that protocol specifies.
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
    func handle(_ request: HTTPRequest, route: inout String) throws -> HTTPResponse {
        let path = request.path
        switch path {
        case "/v1/score":
            route = path
            try allow(request, ["POST"])
            try authorize(request)
            return try score(request)
        case "/v1/model":
            route = path
            try allow(request, ["GET", "HEAD"])
            try authorize(request)
            return try modelDescription()
        case "/admin/reload":
            route = path
            try allow(request, ["POST"])
            try authorize(request)
            return try reload()
        case "/healthz":
            route = path
            try allow(request, ["GET", "HEAD"])
            return Self.json(#"{"status":"ok"}"#)
        case "/readyz":
            route = path
            try allow(request, ["GET", "HEAD"])
            return readiness()
        case "/metrics":
            route = path
            try allow(request, ["GET", "HEAD"])
            if configuration.protectMetrics { try authorize(request) }
            return renderMetrics()
        case "/openapi.yaml":
            route = path
            try allow(request, ["GET", "HEAD"])
            return HTTPResponse(status: .ok, headers: ["Content-Type": "application/yaml"], body: openAPIDocument)
        case "/v2", "/v2/", "/v2/health/live", "/v2/health/ready":
            route = path == "/v2/" ? "/v2" : path
            return routeInferenceServer(request, path: route)
        default:
            if path.hasPrefix("/v2/models/") {
                return routeInferenceModel(request, path: path, route: &route)
            }
            throw HTTPError(.notFound, detail: "No route matches \(request.method) \(path); GET /openapi.yaml lists the routes.")
        }
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
