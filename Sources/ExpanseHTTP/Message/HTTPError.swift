/// The one error type handlers throw to send a client error or a server
/// error. The server turns it into a response in one place: an
/// `application/problem+json` response (RFC 9457), unless the server's
/// `HTTPErrorRenderer` renders it in another shape.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPStatus
    /// A short summary of the problem type. With `type` `about:blank`,
    /// RFC 9457 recommends the status's reason phrase, which is the default.
    public var title: String
    /// A human-readable explanation of this occurrence, sent to the client.
    public var detail: String
    /// The configuration setting to raise when a server limit was hit, such
    /// as `maxBodyBytes`. The server sends it as the problem's `setting`
    /// member, under the name `HTTPServerConfiguration.settingNames` gives it.
    public var setting: String?
    /// The change a client can make to stay within a limit, such as "send a
    /// smaller body". The server appends it to `detail` together with the
    /// setting an operator can raise, or states that the limit is fixed.
    public var remedy: String?
    /// Extra response headers, such as `Allow` for 405 or `Retry-After` for 503.
    public var headers: HTTPHeaders

    public init(
        _ status: HTTPStatus,
        title: String? = nil,
        detail: String,
        setting: String? = nil,
        remedy: String? = nil,
        headers: HTTPHeaders = [:]
    ) {
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.setting = setting
        self.remedy = remedy
        self.headers = headers
    }

    public var description: String {
        var text = "\(status.code) \(title): \(detail)"
        if let setting { text += " (setting \(setting))" }
        return text
    }
}
