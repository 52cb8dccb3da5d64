/// A complete response returned by a handler.
///
/// The server adds `Content-Length` (from `body`), `Connection`, `Date` and
/// `X-Request-ID`, replacing any the handler set. It sends no body for
/// `HEAD` requests and for 1xx, 204 and 304 statuses.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// For an error response, the reason the access log records beside it.
    /// It is never sent.
    public var errorDetail: String?

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Creates a response whose body is `text` in UTF-8, with `Content-Type` set to `contentType`.
    public init(status: HTTPStatus = .ok, contentType: String, body text: String) {
        self.init(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }
}
