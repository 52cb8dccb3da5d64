/// The byte stream under one HTTP connection.
///
/// The connection's state machine and the parser see only this protocol, so
/// a TLS transport can replace plain TCP without changes to either. A
/// transport is confined to its connection's serial queue and is never
/// called from two threads at once. Every method is non-blocking.
public protocol HTTPTransport: AnyObject {
    /// The socket the connection's Dispatch sources watch for readiness.
    var fileDescriptor: Int32 { get }

    /// Reads at most `buffer.count` bytes into `buffer`.
    /// - Returns: the byte count, `.wouldBlock` until the socket is readable
    ///   again, or `.endOfFile` once the peer has closed its side.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> IOResult<Int>

    /// Writes a prefix of `buffer`.
    /// - Returns: the byte count written, which may be less than
    ///   `buffer.count`, or `.wouldBlock` until the socket is writable again.
    func write(from buffer: UnsafeRawBufferPointer) throws(SocketError) -> IOResult<Int>

    /// Stops sending (a TCP FIN) while the connection can still read.
    func shutdownOutput()

    /// Releases the descriptor. Called once, after every Dispatch source on
    /// the descriptor has been cancelled.
    func close()
}
