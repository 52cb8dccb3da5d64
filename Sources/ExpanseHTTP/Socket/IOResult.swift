/// The outcome of one non-blocking read, write or accept.
public enum IOResult<Value>: Sendable where Value: Sendable {
    /// The call made progress: a byte count, or an accepted socket.
    case processed(Value)
    /// The call would have blocked (`EAGAIN` or `EWOULDBLOCK`), so wait for readiness and retry.
    case wouldBlock
    /// The peer closed its sending side (a read returned 0 bytes).
    case endOfFile
}
