import Dispatch
import ExpanseLog
import Synchronization

/// State shared by the server and all of its connections.
final class HTTPServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let logger: Logger
    let handler: HTTPHandler
    let observer: HTTPRequestObserver?
    let errorRenderer: HTTPErrorRenderer?
    let routeLabeler: HTTPRouteLabeler?

    /// The loops that run the connections, assigned in turn as they are
    /// accepted. `HTTPServer.start()` sets them before it accepts.
    let eventLoops = Mutex<[EventLoop]>([])
    private let nextLoopIndex = Atomic<Int>(0)

    let openConnections = Atomic<Int>(0)
    let inFlightRequests = Atomic<Int>(0)
    /// Set once draining has begun. Readiness checks read it, and every
    /// response from then on carries `Connection: close`.
    let draining = Atomic<Bool>(false)

    private let connections = Mutex<[Int: HTTPConnection]>([:])
    private let nextConnectionID = Atomic<Int>(0)
    private let onConnectionRemoved: Mutex<(@Sendable () -> Void)?> = Mutex(nil)

    init(
        configuration: HTTPServerConfiguration,
        logger: Logger,
        handler: @escaping HTTPHandler,
        observer: HTTPRequestObserver?,
        errorRenderer: HTTPErrorRenderer?,
        routeLabeler: HTTPRouteLabeler?
    ) {
        self.configuration = configuration
        self.logger = logger
        self.handler = handler
        self.observer = observer
        self.errorRenderer = errorRenderer
        self.routeLabeler = routeLabeler
    }

    /// Returns the loop for a new connection, round robin.
    func nextEventLoop() -> EventLoop {
        let index = nextLoopIndex.wrappingAdd(1, ordering: .relaxed).oldValue
        return eventLoops.withLock { loops in
            precondition(!loops.isEmpty, "a connection was accepted before the event loops started")
            return loops[Int(UInt(bitPattern: index) % UInt(loops.count))]
        }
    }

    func makeConnectionID() -> Int {
        nextConnectionID.wrappingAdd(1, ordering: .relaxed).newValue
    }

    func register(_ connection: HTTPConnection) {
        connections.withLock { $0[connection.id] = connection }
        openConnections.add(1, ordering: .relaxed)
    }

    /// Removes a closed connection and runs the removal callback, which the
    /// drain uses to notice the last connection going away.
    func remove(connectionID: Int) {
        connections.withLock { _ = $0.removeValue(forKey: connectionID) }
        openConnections.subtract(1, ordering: .relaxed)
        let callback = onConnectionRemoved.withLock { $0 }
        callback?()
    }

    func setConnectionRemovedCallback(_ callback: (@Sendable () -> Void)?) {
        onConnectionRemoved.withLock { $0 = callback }
    }

    var allConnections: [HTTPConnection] {
        connections.withLock { Array($0.values) }
    }

    func report(_ record: HTTPRequestRecord) {
        observer?(record)
    }
}
