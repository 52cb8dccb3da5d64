/// A failure to compress or inflate data.
public enum CompressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The inflated output would pass `limit` bytes. Inflating stopped once the
    /// cap was passed, so at most `limit + 1` bytes were produced.
    case outputLimitExceeded(limit: Int)
    /// The input is not valid gzip or zlib data. `reason` is zlib's message or names the problem.
    case corruptInput(reason: String)
    /// The input ended before the end of the compressed stream.
    case truncatedInput
    /// A zlib call failed for a reason other than the input, such as memory.
    case zlibFailure(operation: String, code: Int32)

    public var description: String {
        switch self {
        case .outputLimitExceeded(let limit):
            "inflated data is larger than the limit of \(limit) bytes"
        case .corruptInput(let reason):
            "invalid compressed data: \(reason)"
        case .truncatedInput:
            "compressed data is truncated: the input ended before the end of the stream"
        case .zlibFailure(let operation, let code):
            "zlib \(operation) failed with code \(code)"
        }
    }
}
