/// A mistake in how a command was invoked. Programs print `message`, then the
/// command's usage line, to stderr and exit with `exitCode` (64, EX_USAGE).
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    /// EX_USAGE from sysexits.h.
    public static let exitCode: Int32 = 64

    public var description: String { message }
}
