/// The one error type handlers throw to send a client error or a server
/// error. The server turns it into an `application/problem+json` response
/// (RFC 9457) in `HTTPResponse.init(problem:)`, and nowhere else.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPStatus
    /// A short summary of the problem type. With `type` `about:blank`,
    /// RFC 9457 recommends the status's reason phrase, which is the default.
    public var title: String
    /// A human-readable explanation of this occurrence, sent to the client.
    public var detail: String
    /// The configuration setting to raise when a server limit was hit, such
    /// as `maxBodyBytes`; sent as the problem's `setting` member.
    public var setting: String?
    /// Extra response headers, such as `Allow` for 405 or `Retry-After` for 503.
    public var headers: HTTPHeaders

    public init(
        _ status: HTTPStatus,
        title: String? = nil,
        detail: String,
        setting: String? = nil,
        headers: HTTPHeaders = [:]
    ) {
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.setting = setting
        self.headers = headers
    }

    public var description: String {
        var text = "\(status.code) \(title): \(detail)"
        if let setting { text += " (setting \(setting))" }
        return text
    }
}
