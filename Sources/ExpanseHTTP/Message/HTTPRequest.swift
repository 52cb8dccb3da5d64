/// One complete request as the handler receives it, body included.
public struct HTTPRequest: Sendable {
    /// The method token exactly as sent; methods are case-sensitive.
    public var method: String
    /// The target in origin form, such as `/v2/models/m/infer?x=1`: as sent,
    /// or the path and query of an absolute-form target (`/` for an empty
    /// path). `*` for `OPTIONS *`.
    public var target: String
    /// The target up to the first `?`, still percent-encoded.
    public var path: String
    /// The target after the first `?`, or nil when there is no `?`.
    public var query: String?
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The decoded body: the `Content-Length` bytes, or the chunks joined.
    public var body: [UInt8]
    /// The client's `X-Request-ID` when it was sane, otherwise a generated id.
    /// The response always carries it back.
    public var requestID: String
    /// The peer's address, such as `127.0.0.1:51234`.
    public var remoteAddress: String

    public init(
        method: String,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        requestID: String = "",
        remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        (path, query) = Self.split(target: target)
        self.version = version
        self.headers = headers
        self.body = body
        self.requestID = requestID
        self.remoteAddress = remoteAddress
    }

    /// Splits a request target at its first `?` into the path and the query.
    static func split(target: String) -> (path: String, query: String?) {
        guard let mark = target.firstIndex(of: "?") else { return (target, nil) }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }
}
