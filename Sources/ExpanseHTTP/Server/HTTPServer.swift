import Dispatch
import Glibc
import ExpanseLog
import Synchronization

/// An HTTP/1.1 server on non-blocking sockets.
///
/// A thread of its own accepts connections and hands each, in turn, to one
/// of `eventLoopCount` event loops: threads that each wait on an epoll set
/// and run their connections' reads, handlers and writes.
///
/// It serves HTTPS when `configuration.tls` is set. Around every handler
/// it inflates gzip request bodies and, when `gzipMinimumBytes` is set,
/// compresses response bodies for clients that accept gzip.
///
/// Create it with a configuration, a logger and one handler, call `start()`,
/// and end it with `beginShutdown(drainDelay:drainTimeout:onStopped:)`.
/// All methods may be called from any thread.
public final class HTTPServer: Sendable {
    let context: HTTPServerContext
    let lifecycle = Mutex<HTTPServerState>(.starting)
    let listener = Mutex<ListeningSocket?>(nil)
    let acceptor = Mutex<HTTPAcceptor?>(nil)
    /// The TLS context new connections use; `reloadTLS()` replaces it.
    let tlsContext = Mutex<TLSContext?>(nil)
    /// The queue that runs the drain's timers.
    let drainQueue = DispatchQueue(label: "expanse.http.drain")
    let stoppedCallbacks = Mutex<[@Sendable () -> Void]>([])
    /// Signalled once when the server stops; each waiter passes the signal on.
    let stoppedSignal = DispatchSemaphore(value: 0)

    /// - Parameters:
    ///   - observer: called once per response, including the server's own
    ///     error responses; `HTTPAccessLog.observer(logger:)` makes one that
    ///     writes access logs.
    ///   - errorRenderer: renders the error responses of requests whose path
    ///     is known, for a JSON error shape that a protocol requires. With
    ///     nil every error is `application/problem+json`.
    ///   - routeLabel: labels a request's route from its path for the
    ///     observer, including for errors raised before the handler runs;
    ///     nil leaves such errors `HTTPRequestRecord.unmatchedRoute`.
    public init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        logger: Logger,
        observer: HTTPRequestObserver? = nil,
        errorRenderer: HTTPErrorRenderer? = nil,
        routeLabel: HTTPRouteLabeler? = nil,
        handler: @escaping HTTPHandler
    ) {
        context = HTTPServerContext(
            configuration: configuration,
            logger: logger,
            handler: handler,
            observer: observer,
            errorRenderer: errorRenderer,
            routeLabeler: routeLabel
        )
    }

    public var configuration: HTTPServerConfiguration { context.configuration }

    public var state: HTTPServerState {
        lifecycle.withLock { $0 }
    }

    /// True from the moment `beginShutdown` is called. A readiness check
    /// should return 503 while it is set.
    public var isDraining: Bool {
        context.draining.load(ordering: .relaxed)
    }

    /// Open client connections, including those waiting between requests.
    public var openConnectionCount: Int {
        context.openConnections.load(ordering: .relaxed)
    }

    /// Requests whose response has not been fully written yet.
    public var inFlightRequestCount: Int {
        context.inFlightRequests.load(ordering: .relaxed)
    }

    /// The bound address, with the kernel's port when port 0 was configured;
    /// nil before `start()` succeeds.
    public var localAddress: SocketAddress? {
        listener.withLock { $0?.localAddress }
    }

    /// Loads the TLS certificate and key when `tls` is set, then binds,
    /// listens and starts accepting connections. Ignores `SIGPIPE` for the
    /// whole process. Call it once; a second call stops the process.
    /// - Throws: `TLSConfigurationError` naming the file when the
    ///   certificate or key cannot be loaded, or `SocketError` naming the
    ///   address and errno when binding or listening fails. The server is
    ///   then `stopped`.
    public func start() throws {
        let configuration = context.configuration
        precondition(state == .starting, "start() called on a server that is \(state)")
        Syscall.ignoreBrokenPipeSignal()

        if let tls = configuration.tls {
            do {
                let loaded = try TLSContext(configuration: tls)
                tlsContext.withLock { $0 = loaded }
            } catch {
                throw abandonStart(failedTo: "load the TLS certificate and key", error)
            }
        }

        do {
            let loops = try (0..<max(1, configuration.eventLoopCount)).map { _ throws(SocketError) in try EventLoop() }
            context.eventLoops.withLock { $0 = loops }
            loops.forEach { $0.start() }
        } catch {
            throw abandonStart(failedTo: "start the event loops", error)
        }

        let socket: ListeningSocket
        do {
            socket = try ListeningSocket(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        } catch {
            throw abandonStart(failedTo: "listen", error)
        }
        listener.withLock { $0 = socket }

        // Accepting and the drain's steps run on a loop of their own, so a
        // handler that keeps a connection loop busy cannot delay them.
        let acceptLoop: EventLoop
        do {
            acceptLoop = try EventLoop()
        } catch {
            throw abandonStart(failedTo: "start the accept loop", error)
        }
        acceptLoop.start()
        let acceptor = HTTPAcceptor(socket: socket, loop: acceptLoop) { [weak self] in self?.acceptPendingConnections() }
        self.acceptor.withLock { $0 = acceptor }
        let failure = Mutex<SocketError?>(nil)
        let registered = DispatchSemaphore(value: 0)
        acceptLoop.execute {
            do throws(SocketError) {
                try acceptor.start()
            } catch {
                failure.withLock { $0 = error }
            }
            registered.signal()
        }
        registered.wait()
        if let error = failure.withLock({ $0 }) {
            throw abandonStart(failedTo: "watch the listening socket", error)
        }
        transition(to: .running)

        warnIfOpenFileLimitIsLow()

        context.logger.info(
            "server started",
            metadata: [
                "server.address": .string(socket.localAddress.description),
                "http.max_connections": .int(configuration.maxConnections),
                "server.event_loops": .int(max(1, configuration.eventLoopCount)),
                "server.tls": .bool(configuration.tls != nil),
            ]
        )
    }

    /// Descriptors kept free beyond those open at start, for model reloads,
    /// log files and TLS files.
    static let spareDescriptors = 16

    /// Logs a warning when the soft open-file limit leaves too few
    /// descriptors for `maxConnections`: past that point, new clients wait in
    /// the listen backlog instead of getting 503.
    private func warnIfOpenFileLimitIsLow() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return }
        let configuration = context.configuration
        let available = Int(clamping: limit.rlim_cur)
        let reserved = Self.openDescriptorCount() + Self.spareDescriptors
        guard available < configuration.maxConnections + reserved else { return }

        let setting = configuration.settingNames["maxConnections"] ?? "maxConnections"
        var hint = "raise ulimit -n to at least \(configuration.maxConnections + reserved)"
        if available - reserved >= 1 {
            hint += " or set \(setting) to at most \(available - reserved)"
        }
        context.logger.warning(
            "the open-file limit is too low for the connection limit",
            metadata: [
                "process.open_file_limit": .int(available),
                "process.open_fds": .int(reserved - Self.spareDescriptors),
                "http.max_connections": .int(configuration.maxConnections),
                "hint": .string(hint + "; otherwise clients past the open-file limit wait instead of getting 503"),
            ]
        )
    }

    /// Logs why `start()` failed, closes the listener if it was opened, stops
    /// the server and returns `error` for `start()` to throw.
    private func abandonStart(failedTo step: String, _ error: any Error) -> any Error {
        context.logger.error("failed to \(step)", metadata: ["error": .string(String(describing: error))])
        listener.withLock { $0 }?.close()
        transition(to: .stopped)
        finishStopping()
        return error
    }

    /// Counts the process's open descriptors in /proc/self/fd, without the
    /// one the count itself opens, and returns 64 when that cannot be read.
    private static func openDescriptorCount() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return 64 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { $0.first }
            if name != UInt8(ascii: ".") { count += 1 }
        }
        return max(0, count - 1)
    }

    /// Moves the lifecycle to `next`, stopping the process on an illegal
    /// transition because that is a bug in this module.
    func transition(to next: HTTPServerState) {
        lifecycle.withLock { state in
            precondition(state.canMove(to: next), "server cannot move from \(state) to \(next)")
            state = next
        }
        context.logger.debug("server state changed", metadata: ["server.state": .string(next.description)])
    }
}
