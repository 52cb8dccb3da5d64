import COpenSSL
import Glibc

/// TLS over a non-blocking TCP socket, through an OpenSSL `SSL` object.
///
/// OpenSSL reads and writes the socket itself. When it cannot make progress
/// it reports `SSL_ERROR_WANT_READ` or `SSL_ERROR_WANT_WRITE`, which this
/// type maps to `.wouldBlock` and, for a read that must write first, to
/// `readWaitsForWritable`.
final class TLSTransport: HTTPTransport {
    let fileDescriptor: Int32
    let handshakeTimeout: Duration?
    private(set) var readWaitsForWritable = false

    private let ssl: OpaquePointer
    /// Keeps the `SSL_CTX` this connection was created from alive, even
    /// after `HTTPServer.reloadTLS()` swaps in a new one.
    private let tlsContext: TLSContext

    /// Takes ownership of an accepted non-blocking socket.
    /// - Throws: `SocketError` when OpenSSL cannot create the connection
    ///   object; the socket is then still the caller's to close.
    init(acceptedSocket: Int32, context: TLSContext) throws(SocketError) {
        ssl = try context.makeConnection(descriptor: acceptedSocket)
        fileDescriptor = acceptedSocket
        tlsContext = context
        handshakeTimeout = context.configuration.handshakeTimeout
        // A failure here costs latency only, so the connection carries on.
        try? Syscall.setOption(acceptedSocket, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
    }

    /// Decrypted bytes already inside OpenSSL. `SSL_pending` counts only
    /// processed application data, so a read right after returns bytes.
    var hasBufferedInput: Bool {
        SSL_pending(ssl) > 0
    }

    func handshake() throws(SocketError) -> TransportHandshakeStatus {
        OpenSSLErrorQueue.clear()
        let result = SSL_do_handshake(ssl)
        let callErrno = errno
        if result == 1 { return .finished }

        let error = SSL_get_error(ssl, result)
        switch error {
        case SSL_ERROR_WANT_READ:
            return .awaitingReadable
        case SSL_ERROR_WANT_WRITE:
            return .awaitingWritable
        default:
            throw failure("SSL_do_handshake", error: error, errno: callErrno)
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> IOResult<Int> {
        readWaitsForWritable = false
        OpenSSLErrorQueue.clear()
        var count = 0
        let result = SSL_read_ex(ssl, buffer.baseAddress, buffer.count, &count)
        let callErrno = errno
        if result == 1 { return .processed(count) }

        let error = SSL_get_error(ssl, result)
        switch error {
        case SSL_ERROR_WANT_READ:
            return .wouldBlock
        case SSL_ERROR_WANT_WRITE:
            readWaitsForWritable = true
            return .wouldBlock
        case SSL_ERROR_ZERO_RETURN:
            // close_notify, or a TCP close without it, because the context
            // sets SSL_OP_IGNORE_UNEXPECTED_EOF.
            return .endOfFile
        default:
            throw failure("SSL_read_ex", error: error, errno: callErrno)
        }
    }

    func write(from buffer: UnsafeRawBufferPointer) throws(SocketError) -> IOResult<Int> {
        guard !buffer.isEmpty else { return .processed(0) }

        OpenSSLErrorQueue.clear()
        var count = 0
        let result = SSL_write_ex(ssl, buffer.baseAddress, buffer.count, &count)
        let callErrno = errno
        if result == 1 { return .processed(count) }

        let error = SSL_get_error(ssl, result)
        switch error {
        case SSL_ERROR_WANT_WRITE:
            return .wouldBlock
        case SSL_ERROR_WANT_READ:
            // NOTE: a write waits for writability here, but OpenSSL wants
            // input. With renegotiation off and the handshake finished before
            // the first write, OpenSSL 3.0 has no reason to return this, so
            // the connection's retry loop is not expected to spin.
            return .wouldBlock
        default:
            throw failure("SSL_write_ex", error: error, errno: callErrno)
        }
    }

    /// Sends close_notify when it fits into the socket buffer, then a TCP FIN.
    func shutdownOutput() {
        OpenSSLErrorQueue.clear()
        // Only a finished handshake may send close_notify.
        if SSL_is_init_finished(ssl) == 1 {
            _ = SSL_shutdown(ssl)
        }
        OpenSSLErrorQueue.clear()
        // The peer may already be gone (ENOTCONN), which needs no handling.
        try? Syscall.shutdownWrite(fileDescriptor)
    }

    func close() {
        SSL_free(ssl)
        Syscall.close(fileDescriptor)
    }

    /// Builds the error for a failed call from OpenSSL's error queue. The
    /// socket's `errno` counts only for `SSL_ERROR_SYSCALL`; a protocol
    /// failure carries `EPROTO`.
    private func failure(_ operation: String, error: Int32, errno callErrno: Int32) -> SocketError {
        let socketErrno = error == SSL_ERROR_SYSCALL && callErrno != 0 ? callErrno : EPROTO
        let fallback = error == SSL_ERROR_SYSCALL ? String(cString: strerror(socketErrno)) : "SSL_get_error returned \(error)"
        return SocketError(operation: operation, errno: socketErrno, detail: OpenSSLErrorQueue.drain(fallback: fallback))
    }
}
