/// A parsed and validated request head: the request line, the header
/// fields, and what they mean for the body and the connection.
public struct HTTPRequestHead: Sendable {
    /// The rule that finds the end of the body.
    public enum BodyFraming: Sendable, Equatable {
        case contentLength(Int)
        case chunked
    }

    public var method: String
    /// The target in origin form: as sent, or the path and query of an
    /// absolute-form target (`/` for an empty path). `*` for `OPTIONS *`.
    public var target: String
    public var version: HTTPVersion
    /// The header fields as received, except that an absolute-form target's
    /// authority is the value of `Host`.
    public var headers: HTTPHeaders
    public var framing: BodyFraming
    /// Whether the connection stays open after the response: the default on
    /// HTTP/1.1 unless `Connection: close`, and on HTTP/1.0 only with
    /// `Connection: keep-alive`.
    public var keepAlive: Bool
    /// Whether an HTTP/1.1 client sent `Expect: 100-continue` and waits for
    /// `100 Continue` before it sends a non-empty body.
    public var expectsContinue: Bool
}
