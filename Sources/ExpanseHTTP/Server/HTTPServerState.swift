/// The server's lifecycle: `starting` → `running` → `draining` → `stopped`.
/// A server that never started may go from `starting` straight to `stopped`.
public enum HTTPServerState: Sendable, Equatable, CustomStringConvertible {
    /// Created; `start()` has not bound the socket yet.
    case starting
    /// Listening and serving.
    case running
    /// `beginShutdown` was called: no new work is wanted and open connections are finishing.
    case draining
    /// The listener and every connection are closed.
    case stopped

    public var description: String {
        switch self {
        case .starting: "starting"
        case .running: "running"
        case .draining: "draining"
        case .stopped: "stopped"
        }
    }

    /// Returns whether `next` may follow this state.
    public func canMove(to next: HTTPServerState) -> Bool {
        switch (self, next) {
        case (.starting, .running), (.starting, .stopped), (.running, .draining), (.draining, .stopped): true
        default: false
        }
    }
}
