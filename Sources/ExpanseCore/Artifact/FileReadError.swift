import Glibc

/// A failure to open or read a file, with the system error number.
public struct FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    /// The system call that failed, such as `open` or `read`.
    public let operation: String
    public let errno: Int32

    public init(path: String, operation: String, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    public var description: String {
        "cannot \(operation) \(path): \(String(cString: strerror(errno)))"
    }
}
