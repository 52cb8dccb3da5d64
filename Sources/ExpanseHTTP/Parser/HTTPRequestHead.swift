/// A parsed and validated request head: the request line, the header
/// fields, and what they mean for the body and the connection.
public struct HTTPRequestHead: Sendable {
    /// The rule that finds the end of the body.
    public enum BodyFraming: Sendable, Equatable {
        case contentLength(Int)
        case chunked
    }

    public var method: String
    public var target: String
    public var version: HTTPVersion
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
