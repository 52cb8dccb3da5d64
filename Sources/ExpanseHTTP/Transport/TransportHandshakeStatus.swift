/// The outcome of one step of a transport's handshake.
public enum TransportHandshakeStatus: Sendable, Equatable {
    /// The handshake is complete; requests may be read.
    case finished
    /// The handshake continues once the socket is readable.
    case awaitingReadable
    /// The handshake continues once the socket is writable.
    case awaitingWritable
}
