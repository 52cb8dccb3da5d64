import ExpanseCore
import ExpanseHTTP
import ExpanseLog

/// The fraud-scoring service: the model registry, the routes, the metrics,
/// hot reload and the HTTP server, wired together.
///
/// Create it (which loads and checks the model and the API keys), call
/// `start()`, and end it with `beginShutdown`.
public final class ExpanseService: Sendable {
    /// A start-up failure: the model or the API keys file cannot be used.
    public struct StartError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public let configuration: ServiceConfiguration
    public let registry: ModelRegistry
    public let metrics: ServiceMetrics
    public let reloader: ModelReloader
    public let server: HTTPServer
    let router: ServiceRouter
    private let watcher: ModelFileWatcher?
    private let logger: Logger

    /// Loads the model and the API keys and builds the server, without binding.
    /// - Throws: `StartError` naming the file and the reason.
    public init(configuration: ServiceConfiguration, http: HTTPServerConfiguration, logger: Logger) throws(StartError) {
        self.configuration = configuration
        self.logger = logger

        let apiKeys: APIKeyStore?
        if let keysPath = configuration.apiKeysPath {
            do {
                apiKeys = APIKeyStore(tokens: try APIKeyStore.readTokens(path: keysPath))
            } catch {
                throw StartError(message: error.message)
            }
        } else {
            apiKeys = nil
        }

        let model: ServedModel
        do {
            model = try ModelLoader.load(path: configuration.modelPath, name: configuration.modelName)
        } catch {
            throw StartError(message: error.message)
        }

        registry = ModelRegistry(model)
        metrics = ServiceMetrics()
        reloader = ModelReloader(registry: registry, metrics: metrics, apiKeys: apiKeys, configuration: configuration, logger: logger)
        router = ServiceRouter(
            registry: registry, metrics: metrics, apiKeys: apiKeys, reloader: reloader,
            configuration: configuration, openAPIDocument: Self.openAPIDocument()
        )

        let accessLog = HTTPAccessLog.observer(logger: logger)
        let metrics = metrics
        let router = router
        server = HTTPServer(
            configuration: http,
            logger: logger,
            observer: { record in
                metrics.record(record)
                accessLog(record)
            },
            errorRenderer: ServiceRouter.renderError,
            routeLabel: ServiceRoute.label(forPath:),
            handler: { request, route in try router.handle(request, route: &route) }
        )
        router.attach(server)
        if http.tls != nil {
            reloader.reloadsTLS { [weak server] in try server?.reloadTLS() }
        }
        if configuration.watchModel, let path = configuration.modelPath {
            watcher = ModelFileWatcher(path: path, interval: configuration.watchInterval)
        } else {
            watcher = nil
        }
    }

    /// Binds and starts serving, and starts watching the model file when configured.
    /// - Throws: `SocketError` when the address cannot be bound, `TLSConfigurationError`
    ///   when the certificate or key cannot be used.
    /// Sets OpenBLAS to one thread first: each request scores on its
    /// connection's thread, and concurrent callers of a multi-threaded
    /// OpenBLAS pool are serialised.
    public func start() throws {
        BLAS.setThreadCount(1)
        try server.start()
        if let watcher {
            let reloader = reloader
            watcher.start { reloader.reload(trigger: "watch") }
        }
    }

    /// The bound address, with the kernel's port when port 0 was configured.
    public var localAddress: SocketAddress? { server.localAddress }

    /// Whether `/readyz` returns 200.
    public var isReady: Bool { router.isReady }

    /// Starts a graceful shutdown; see `HTTPServer.beginShutdown`. Readiness
    /// turns 503 at once and the model watcher stops.
    public func beginShutdown(drainDelay: Duration, drainTimeout: Duration, onStopped: (@Sendable () -> Void)? = nil) {
        watcher?.stop()
        server.beginShutdown(drainDelay: drainDelay, drainTimeout: drainTimeout, onStopped: onStopped)
    }

    /// Decodes the OpenAPI contract served at `/openapi.yaml` from the copy
    /// compiled into the binary.
    public static func openAPIDocument() -> [UInt8] {
        EmbeddedResource.openapiYaml.bytes()
    }
}
