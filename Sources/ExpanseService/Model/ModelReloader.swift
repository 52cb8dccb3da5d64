import ExpanseLog
import Synchronization

/// Reloads the model file (and the API keys file and TLS pair, when
/// configured), checks the result and swaps it into the registry, one reload
/// at a time.
///
/// On any failure nothing is swapped: the old model, keys and TLS pair stay
/// in service, the part that failed and the reason are logged at error level
/// with the path, and the failure is counted in
/// `expanse_model_reloads_total{result="failure"}`.
public final class ModelReloader: Sendable {
    /// The reason a reload kept the old model, keys and TLS pair.
    public struct ReloadError: Error, Sendable, CustomStringConvertible {
        /// The file set that failed to load.
        public enum Part: String, Sendable {
            case model = "model"
            case apiKeys = "API keys"
            case tlsPair = "TLS certificate and key"
        }

        public let part: Part
        /// The reason the part failed, naming its file.
        public let message: String
        /// One sentence for logs and responses: what failed and that nothing was swapped.
        public var summary: String {
            "The \(part.rawValue) reload failed, so the previous model, API keys and TLS certificate and key stay in service"
        }
        public var description: String { "\(summary): \(message)" }
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
            let tokens: [String]?
            do {
                tokens = try configuration.apiKeysPath.map { path throws(APIKeyStore.LoadError) in try APIKeyStore.readTokens(path: path) }
            } catch {
                return .failure(ReloadError(part: .apiKeys, message: String(describing: error)))
            }
            let model: ServedModel
            do {
                model = try ModelLoader.load(path: path, name: configuration.modelName)
            } catch {
                return .failure(ReloadError(part: .model, message: String(describing: error)))
            }
            // The TLS context swaps itself only when its files check out, so
            // it goes last among the steps that can fail.
            do {
                try tlsReload.withLock { $0 }?()
            } catch {
                return .failure(ReloadError(part: .tlsPair, message: String(describing: error)))
            }

            if let tokens { apiKeys?.replace(tokens: tokens) }
            registry.replace(with: model)
            return .success(model)
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
            metadata["reload.failed_part"] = .string(error.part.rawValue)
            logger.error("\(error.summary).", metadata: metadata)
        }
        return result
    }
}
