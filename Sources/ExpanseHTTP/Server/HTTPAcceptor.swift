import Dispatch

/// Watches the listening socket on an event loop of its own and accepts from it.
///
/// Every method but `init` runs on that loop's thread, so an accept never
/// runs at the same time as `close()` or the drain's first step.
final class HTTPAcceptor: EventLoopWatcher, @unchecked Sendable {
    // Safe to share: `closed` and `resumeAt` are used on the loop thread only.
    let id = 0
    let loop: EventLoop
    let socket: ListeningSocket
    private let onReadable: @Sendable () -> Void
    private var closed = false
    /// The uptime in nanoseconds at which a paused acceptor reads again, or nil.
    private var resumeAt: UInt64?
    /// When the last resource-shortage warning was logged, and the failures since.
    private var shortageLoggedAt: UInt64?
    private var shortagesSinceLog = 0

    /// Shortest time between two warnings about accept failures, in nanoseconds.
    static let shortageLogInterval: UInt64 = 10_000_000_000

    /// - Parameter onReadable: accepts the waiting connections, on the loop thread.
    init(socket: ListeningSocket, loop: EventLoop, onReadable: @escaping @Sendable () -> Void) {
        self.socket = socket
        self.loop = loop
        self.onReadable = onReadable
    }

    /// Starts watching the socket.
    /// - Throws: `SocketError` when the socket cannot join the loop's epoll set.
    func start() throws(SocketError) {
        try loop.register(self, descriptor: socket.descriptor)
        loop.setInterest(self, descriptor: socket.descriptor, readable: true, writable: false)
    }

    /// Stops reading the socket for `nanoseconds`, because accepting failed
    /// for lack of descriptors or memory and the socket stays readable.
    func pause(nanoseconds: UInt64) {
        guard !closed else { return }
        let deadline = DispatchTime.now().uptimeNanoseconds + nanoseconds
        resumeAt = deadline
        loop.setInterest(self, descriptor: socket.descriptor, readable: false, writable: false)
        loop.scheduleTimer(for: self, at: deadline)
    }

    /// Counts an accept that failed for lack of resources, and returns the
    /// failures to report now: the first at once, then their count at most
    /// once per `shortageLogInterval`. Nil means stay quiet.
    func recordShortage() -> Int? {
        shortagesSinceLog += 1
        let now = DispatchTime.now().uptimeNanoseconds
        if let last = shortageLoggedAt, now - last < Self.shortageLogInterval {
            return nil
        }
        shortageLoggedAt = now
        defer { shortagesSinceLog = 0 }
        return shortagesSinceLog
    }

    /// Stops watching and closes the socket; new connections are refused from then on.
    func close() {
        guard !closed else { return }
        closed = true
        loop.deregister(self, descriptor: socket.descriptor)
        socket.close()
    }

    func handleEvents(readable: Bool, writable: Bool, hangUp: Bool) {
        guard !closed else { return }
        onReadable()
    }

    func timerFired(scheduledAt: UInt64) {
        guard !closed, scheduledAt == resumeAt else { return }
        resumeAt = nil
        loop.setInterest(self, descriptor: socket.descriptor, readable: true, writable: false)
    }

    func loopStopped() {
        close()
    }
}
