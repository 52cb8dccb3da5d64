import Dispatch
import ExpanseLog
import ExpanseService
import Glibc

/// The process's signal handling: SIGTERM and SIGINT start a graceful
/// shutdown that exits 0, SIGHUP reloads the model, the API keys and the TLS pair.
///
/// Each signal is ignored first, so its default action cannot kill the
/// process, and then observed through a Dispatch source on the main queue.
enum SignalHandlers {
    /// The installed sources; Dispatch cancels a source that is released.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func install(service: ExpanseService, options: ServeOptions, logger: Logger) {
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            observe(number) {
                logger.info("shutdown requested", metadata: ["signal": .string(name)])
                service.beginShutdown(drainDelay: options.drainDelay, drainTimeout: options.drainTimeout) {
                    logger.info("expanse-serve stopped")
                    exit(0)
                }
            }
        }
        observe(SIGHUP) {
            // Off the main queue: loading a large model must not delay signal handling.
            DispatchQueue.global().async {
                service.reloader.reload(trigger: "SIGHUP")
            }
        }
    }

    private static func observe(_ number: Int32, handler: @escaping @Sendable () -> Void) {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
        source.setEventHandler(handler: handler)
        source.activate()
        sources.append(source)
    }
}
