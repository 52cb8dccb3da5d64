/// A failure to build a TLS context from a `TLSConfiguration`.
///
/// Every case names the file involved. `reason` carries OpenSSL's error
/// queue, as `ERR_error_string_n` formats it, when OpenSSL reported one.
public enum TLSConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist or cannot be opened.
    case fileNotReadable(path: String, reason: String)
    /// The certificate file has no valid PEM certificate chain.
    case invalidCertificate(path: String, reason: String)
    /// The key file has no valid unencrypted PEM private key.
    case invalidPrivateKey(path: String, reason: String)
    /// The private key does not belong to the certificate.
    case keyMismatch(certificatePath: String, keyPath: String, reason: String)
    /// OpenSSL failed to create or set up the context for another reason.
    case contextSetupFailed(reason: String)
    /// `HTTPServer.reloadTLS()` was called on a server without TLS.
    case notConfigured

    public var description: String {
        switch self {
        case .fileNotReadable(let path, let reason):
            "cannot read TLS file \(path): \(reason)"
        case .invalidCertificate(let path, let reason):
            "invalid TLS certificate chain in \(path): \(reason)"
        case .invalidPrivateKey(let path, let reason):
            "invalid TLS private key in \(path) (expected an unencrypted PEM key): \(reason)"
        case .keyMismatch(let certificatePath, let keyPath, let reason):
            "the private key in \(keyPath) does not match the certificate in \(certificatePath): \(reason)"
        case .contextSetupFailed(let reason):
            "failed to set up the TLS context: \(reason)"
        case .notConfigured:
            "cannot reload TLS: the server was started without a TLS configuration"
        }
    }
}
