/// The certificate and key a server presents for TLS, and its handshake limit.
///
/// The server reads both files when it starts and again on
/// `HTTPServer.reloadTLS()`. It accepts TLS 1.2 and 1.3 only.
public struct TLSConfiguration: Sendable, Equatable {
    /// A PEM file with the server certificate first, followed by any
    /// intermediate certificates in order towards the root.
    public var certificatePath: String
    /// A PEM file with the private key of the certificate, unencrypted.
    public var keyPath: String
    /// Time from accept until the TLS handshake must be complete; the server
    /// closes the connection without a response when it passes.
    public var handshakeTimeout: Duration

    public init(certificatePath: String, keyPath: String, handshakeTimeout: Duration = .seconds(10)) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.handshakeTimeout = handshakeTimeout
    }
}
