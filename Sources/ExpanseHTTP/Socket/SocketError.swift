import Glibc

/// A failed socket call: the operation's name, its `errno`, and the address
/// involved when there is one.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    /// The C function that failed, such as `bind` or `accept`.
    public let operation: String
    public let errno: Int32
    /// The address the call concerned, such as `127.0.0.1:8080`, if any.
    public let address: String?

    public init(operation: String, errno: Int32, address: String? = nil) {
        self.operation = operation
        self.errno = errno
        self.address = address
    }

    public var description: String {
        let reason = String(cString: strerror(errno))
        if let address {
            return "\(operation) failed for \(address): \(reason) (errno \(errno))"
        }
        return "\(operation) failed: \(reason) (errno \(errno))"
    }
}
