/// The byte stream under one HTTP connection.
///
/// The connection's state machine and the parser see only this protocol, so
/// a TLS transport can replace plain TCP without changes to either. A
/// transport is confined to its connection's serial queue and is never
/// called from two threads at once. Every method is non-blocking.
public protocol HTTPTransport: AnyObject {
    /// The socket the connection's event loop watches for readiness.
    var fileDescriptor: Int32 { get }

    /// The maximum time from accept until `handshake()` must return
    /// `.finished`, or nil when the transport has no handshake.
    var handshakeTimeout: Duration? { get }

    /// Whether decoded input waits inside the transport. The socket does not
    /// become readable for such bytes, so the connection reads them without
    /// waiting for a readiness event.
    var hasBufferedInput: Bool { get }

    /// Whether the last `read` returned `.wouldBlock` because the transport
    /// must first write a record it owes the peer. The connection then
    /// retries the read once the socket is writable instead of readable.
    var readWaitsForWritable: Bool { get }

    /// Advances the transport's handshake, if it has one.
    /// - Returns: `.finished` once reads and writes may start.
    func handshake() throws(SocketError) -> TransportHandshakeStatus

    /// Reads at most `buffer.count` bytes into `buffer`.
    /// - Returns: the byte count, `.wouldBlock` until the socket is readable
    ///   again (or writable, see `readWaitsForWritable`), or `.endOfFile`
    ///   once the peer has closed its side.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> IOResult<Int>

    /// Writes a prefix of `buffer`.
    /// - Returns: the byte count written, which may be less than
    ///   `buffer.count`, or `.wouldBlock` until the socket is writable again.
    func write(from buffer: UnsafeRawBufferPointer) throws(SocketError) -> IOResult<Int>

    /// Stops sending (a TCP FIN) while the connection can still read.
    func shutdownOutput()

    /// Releases the descriptor. Called once, after the descriptor has left
    /// its event loop's epoll set.
    func close()
}

/// The defaults for a transport without a handshake or its own buffer.
extension HTTPTransport {
    public var handshakeTimeout: Duration? { nil }
    public var hasBufferedInput: Bool { false }
    public var readWaitsForWritable: Bool { false }

    public func handshake() throws(SocketError) -> TransportHandshakeStatus {
        .finished
    }
}
