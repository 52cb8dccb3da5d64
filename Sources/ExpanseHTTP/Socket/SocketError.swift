import Glibc

/// A failed socket or TLS call: the operation's name, its `errno`, the
/// address involved when there is one, and for TLS calls OpenSSL's reason.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    /// The C function that failed, such as `bind` or `accept`.
    public let operation: String
    public let errno: Int32
    /// The address the call concerned, such as `127.0.0.1:8080`, if any.
    public let address: String?
    /// OpenSSL's error queue as text for a failed TLS call such as
    /// `SSL_read`; the description then shows it in place of `strerror`.
    public let detail: String?

    public init(operation: String, errno: Int32, address: String? = nil, detail: String? = nil) {
        self.operation = operation
        self.errno = errno
        self.address = address
        self.detail = detail
    }

    public var description: String {
        let reason = detail ?? String(cString: strerror(errno))
        if let address {
            return "\(operation) failed for \(address): \(reason) (errno \(errno))"
        }
        return "\(operation) failed: \(reason) (errno \(errno))"
    }
}
