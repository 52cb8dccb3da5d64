import ExpanseLog
import Synchronization

/// Reloads the model file (and the API keys file and TLS pair, when
/// configured), checks the result and swaps it into the registry, one reload
/// at a time.
///
/// On any failure nothing is swapped: the old model and keys stay in
/// service, the reason is logged at error level with the path, and the
/// failure is counted in `expanse_model_reloads_total{result="failure"}`.
public final class ModelReloader: Sendable {
    /// The reason a reload kept the old model.
    public struct ReloadError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    let registry: ModelRegistry
    let metrics: ServiceMetrics
    let apiKeys: APIKeyStore?
    let configuration: ServiceConfiguration
    let logger: Logger
    /// Held for the whole of a reload, so two triggers cannot interleave.
    private let reloading = Mutex<Int>(0)
    /// Rebuilds the TLS context from its files and swaps it in, or throws and keeps the old one; nil without TLS.
    private let tlsReload = Mutex<(@Sendable () throws -> Void)?>(nil)

    init(registry: ModelRegistry, metrics: ServiceMetrics, apiKeys: APIKeyStore?, configuration: ServiceConfiguration, logger: Logger) {
        self.registry = registry
        self.metrics = metrics
        self.apiKeys = apiKeys
        self.configuration = configuration
        self.logger = logger
    }

    /// Makes every later reload also reload the TLS certificate and key with `reload`.
    func reloadsTLS(with reload: @escaping @Sendable () throws -> Void) {
        tlsReload.withLock { $0 = reload }
    }

    /// Loads, checks and swaps in the model at `configuration.modelPath`, or
    /// the built-in model when that is nil, together with the API keys and
    /// the TLS certificate and key when configured.
    /// - Parameter trigger: what started the reload (`SIGHUP`, `http`, `watch`), for the log.
    /// - Returns: the model now in service, or why the old one stayed.
    @discardableResult
    public func reload(trigger: String) -> Result<ServedModel, ReloadError> {
        let path = configuration.modelPath
        let result: Result<ServedModel, ReloadError> = reloading.withLock { attempts in
            attempts += 1
            do {
                let tokens = try configuration.apiKeysPath.map { path throws(APIKeyStore.LoadError) in try APIKeyStore.readTokens(path: path) }
                let model = try ModelLoader.load(path: path, name: configuration.modelName)
                // The TLS context swaps itself only when its files check out, so
                // it goes last among the steps that can fail.
                try tlsReload.withLock { $0 }?()
                if let tokens { apiKeys?.replace(tokens: tokens) }
                registry.replace(with: model)
                return .success(model)
            } catch {
                return .failure(ReloadError(message: String(describing: error)))
            }
        }

        var metadata: LogMetadata = ["reload.trigger": .string(trigger)]
        if let path {
            metadata["model.path"] = .string(path)
        } else {
            metadata["model.embedded"] = true
        }
        switch result {
        case .success(let model):
            metrics.recordReload(success: true)
            metadata["model.name"] = .string(model.name)
            metadata["model.version"] = .string(model.version)
            metadata["model.sha256"] = .string(model.sha256)
            logger.info("model reloaded", metadata: metadata)
        case .failure(let error):
            metrics.recordReload(success: false)
            metadata["error"] = .string(error.message)
            logger.error("model reload failed; the previous model stays in service", metadata: metadata)
        }
        return result
    }
}
