import COpenSSL
import Glibc

/// One OpenSSL server context (`SSL_CTX`) built from a `TLSConfiguration`.
///
/// Settings: TLS 1.2 minimum, the server's cipher order, no TLS
/// compression, no renegotiation, and ALPN that selects `http/1.1`. A client
/// that offers ALPN without `http/1.1` (for example only `h2`) completes the
/// handshake with no protocol selected, which RFC 7301 section 3.2 allows,
/// and is then served HTTP/1.1; a strict HTTP/2 client closes the connection
/// itself at that point.
final class TLSContext: @unchecked Sendable {
    // Safe to share because `context` is never mutated after `init`, and
    // OpenSSL 3 allows `SSL_new` on one `SSL_CTX` from several threads.
    let context: OpaquePointer
    let configuration: TLSConfiguration

    /// The ALPN protocol the server selects, in wire format.
    static let http11Protocol: [UInt8] = Array("http/1.1".utf8)

    /// Builds the context and loads the certificate chain and key.
    /// - Throws: `TLSConfigurationError` naming the file that is missing,
    ///   unreadable or invalid, or both files when the key does not match.
    init(configuration: TLSConfiguration) throws(TLSConfigurationError) {
        OpenSSLErrorQueue.clear()
        try Self.checkReadable(configuration.certificatePath)
        try Self.checkReadable(configuration.keyPath)

        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw .contextSetupFailed(reason: OpenSSLErrorQueue.drain())
        }
        self.context = context
        self.configuration = configuration

        guard copenssl_ctx_set_min_proto_version(context, TLS1_2_VERSION) == 1 else {
            throw .contextSetupFailed(reason: OpenSSLErrorQueue.drain())
        }
        _ = copenssl_ctx_set_options(context, Int(copenssl_server_options()))
        _ = copenssl_ctx_set_mode(context, copenssl_server_mode())
        SSL_CTX_set_alpn_select_cb(context, selectALPN, nil)

        guard SSL_CTX_use_certificate_chain_file(context, configuration.certificatePath) == 1 else {
            throw .invalidCertificate(path: configuration.certificatePath, reason: OpenSSLErrorQueue.drain())
        }
        guard SSL_CTX_use_PrivateKey_file(context, configuration.keyPath, SSL_FILETYPE_PEM) == 1 else {
            let reason = OpenSSLErrorQueue.drain()
            // OpenSSL loads the key and then compares it with the certificate,
            // so a valid key of the wrong pair fails here with this reason.
            if reason.contains("key values mismatch") {
                throw .keyMismatch(certificatePath: configuration.certificatePath, keyPath: configuration.keyPath, reason: reason)
            }
            throw .invalidPrivateKey(path: configuration.keyPath, reason: reason)
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw .keyMismatch(
                certificatePath: configuration.certificatePath,
                keyPath: configuration.keyPath,
                reason: OpenSSLErrorQueue.drain()
            )
        }
    }

    deinit {
        SSL_CTX_free(context)
    }

    /// Creates the per-connection `SSL` object in server mode.
    /// - Throws: `SocketError` for `SSL_new` or `SSL_set_fd` with OpenSSL's reason.
    func makeConnection(descriptor: Int32) throws(SocketError) -> OpaquePointer {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context) else {
            throw SocketError(operation: "SSL_new", errno: ENOMEM, detail: OpenSSLErrorQueue.drain())
        }
        guard SSL_set_fd(ssl, descriptor) == 1 else {
            SSL_free(ssl)
            throw SocketError(operation: "SSL_set_fd", errno: EBADF, detail: OpenSSLErrorQueue.drain())
        }
        SSL_set_accept_state(ssl)
        return ssl
    }

    private static func checkReadable(_ path: String) throws(TLSConfigurationError) {
        guard access(path, R_OK) == 0 else {
            throw .fileNotReadable(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// Selects `http/1.1` when the client offers it in ALPN, and otherwise
/// returns `SSL_TLSEXT_ERR_NOACK` so the handshake continues without ALPN.
///
/// `input` is the client's list in wire format, a sequence of one length
/// byte followed by that many bytes. `output` is set to point into `input`,
/// which OpenSSL keeps alive for the rest of the handshake.
private func selectALPN(
    _ ssl: OpaquePointer?,
    _ output: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
    _ outputLength: UnsafeMutablePointer<UInt8>?,
    _ input: UnsafePointer<UInt8>?,
    _ inputLength: UInt32,
    _ argument: UnsafeMutableRawPointer?
) -> Int32 {
    guard let input, let output, let outputLength else { return SSL_TLSEXT_ERR_NOACK }

    let list = UnsafeBufferPointer(start: input, count: Int(inputLength))
    var index = 0
    while index < list.count {
        let length = Int(list[index])
        let start = index + 1
        let end = start + length
        guard end <= list.count else { break }

        if list[start..<end].elementsEqual(TLSContext.http11Protocol) {
            output.pointee = input + start
            outputLength.pointee = UInt8(length)
            return SSL_TLSEXT_ERR_OK
        }
        index = end
    }
    return SSL_TLSEXT_ERR_NOACK
}
