import ExpanseLog

extension HTTPResponse {
    /// The `type` member of every problem body. `about:blank` means that
    /// the problem has no meaning beyond its status code (RFC 9457, section 4.2.1).
    public static let problemType = "about:blank"

    /// Builds the `application/problem+json` response for `error`, with
    /// members `type`, `title`, `status`, `detail` and, when a limit was
    /// hit, `setting`. The error's extra headers are copied over.
    public init(problem error: HTTPError) {
        var json = "{\"type\":"
        JSONLinesLogSink.appendJSONString(Self.problemType, to: &json)
        json += ",\"title\":"
        JSONLinesLogSink.appendJSONString(error.title, to: &json)
        json += ",\"status\":\(error.status.code),\"detail\":"
        JSONLinesLogSink.appendJSONString(error.detail, to: &json)
        if let setting = error.setting {
            json += ",\"setting\":"
            JSONLinesLogSink.appendJSONString(setting, to: &json)
        }
        json += "}"

        var headers = error.headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/problem+json")
        self.init(status: error.status, headers: headers, body: Array(json.utf8))
        errorDetail = error.detail
    }
}
