import ExpanseHTTP

/// The routes of the service, each with its template, which is also its
/// `route` label in `/metrics` and the access log.
///
/// `init(path:)` is the one path matcher: the router dispatches on it and
/// the HTTP server labels requests with it, so the two cannot disagree.
enum ServiceRoute: String, CaseIterable, Sendable {
    case score = "/v1/score"
    case modelDescription = "/v1/model"
    case reload = "/admin/reload"
    case health = "/healthz"
    case readiness = "/readyz"
    case metrics = "/metrics"
    case openAPI = "/openapi.yaml"
    case inferenceServer = "/v2"
    case inferenceLive = "/v2/health/live"
    case inferenceReady = "/v2/health/ready"
    case inferenceModel = "/v2/models/{name}"
    case inferenceModelReady = "/v2/models/{name}/ready"
    case inferenceModelInfer = "/v2/models/{name}/infer"
    case inferenceVersion = "/v2/models/{name}/versions/{version}"
    case inferenceVersionReady = "/v2/models/{name}/versions/{version}/ready"
    case inferenceVersionInfer = "/v2/models/{name}/versions/{version}/infer"

    /// Matches a request path, without its query, to a route; nil when no
    /// route matches. `/v2/` is `/v2`, and a model name must not be empty.
    init?(path: String) {
        if path == "/v2/" {
            self = .inferenceServer
            return
        }
        if let exact = ServiceRoute(rawValue: path), !exact.rawValue.contains("{") {
            self = exact
            return
        }
        guard path.hasPrefix(Self.modelPrefix) else { return nil }

        let parts = path.dropFirst(Self.modelPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count), !parts[0].isEmpty else { return nil }
        if parts.count >= 3 {
            guard parts[1] == "versions", !parts[2].isEmpty else { return nil }
            switch parts.count == 4 ? parts[3] : "" {
            case "": self = .inferenceVersion
            case "ready": self = .inferenceVersionReady
            case "infer": self = .inferenceVersionInfer
            default: return nil
            }
            return
        }
        switch parts.count == 2 ? parts[1] : "" {
        case "": self = .inferenceModel
        case "ready": self = .inferenceModelReady
        case "infer": self = .inferenceModelInfer
        default: return nil
        }
    }

    /// The route without its `/versions/{version}` part; versioned routes act
    /// as their unversioned twins once the version matches the served model.
    var unversioned: ServiceRoute {
        switch self {
        case .inferenceVersion: .inferenceModel
        case .inferenceVersionReady: .inferenceModelReady
        case .inferenceVersionInfer: .inferenceModelInfer
        default: self
        }
    }

    /// Returns the version in a `/v2/models/{name}/versions/{version}…` path, or nil.
    static func modelVersion(inPath path: String) -> String? {
        let parts = path.dropFirst(modelPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[1] == "versions" else { return nil }
        return String(parts[2])
    }

    static let modelPrefix = "/v2/models/"

    /// Returns the label of the route matching `path`, or
    /// `HTTPRequestRecord.unmatchedRoute`; the server's `HTTPRouteLabeler`.
    static func label(forPath path: String) -> String {
        ServiceRoute(path: path)?.rawValue ?? HTTPRequestRecord.unmatchedRoute
    }

    /// Returns the model name in a `/v2/models/{name}…` path.
    static func modelName(inPath path: String) -> String {
        String(path.dropFirst(modelPrefix.count).prefix { $0 != "/" })
    }

    /// Returns whether `path` is `/v2` or under it. Those paths belong to the
    /// Open Inference Protocol, whose errors are `{"error": "..."}` bodies.
    static func isInferencePath(_ path: String) -> Bool {
        path == "/v2" || path.hasPrefix("/v2/")
    }
}
