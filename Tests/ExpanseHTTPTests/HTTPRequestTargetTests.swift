import Testing

@testable import ExpanseHTTP

/// One absolute-form target that the parser accepts, and what it becomes.
struct AcceptedTarget: Sendable, CustomTestStringConvertible {
    let target: String
    let originForm: String
    let authority: String

    init(_ target: String, _ originForm: String, _ authority: String) {
        self.target = target
        self.originForm = originForm
        self.authority = authority
    }

    var testDescription: String { target }
}

/// One malformed or unsupported request target and a phrase of the detail it must get.
struct RejectedTarget: Sendable, CustomTestStringConvertible {
    let target: String
    let method: String
    let detailPhrase: String

    init(_ target: String, method: String = "GET", _ detailPhrase: String) {
        self.target = target
        self.method = method
        self.detailPhrase = detailPhrase
    }

    var testDescription: String { "\(method) \(target)" }
}

let acceptedTargets: [AcceptedTarget] = [
    AcceptedTarget("http://example.com:8080/v1/model?x=1", "/v1/model?x=1", "example.com:8080"),
    AcceptedTarget("https://example.com/a/b", "/a/b", "example.com"),
    AcceptedTarget("HTTP://Example.COM/v1/model", "/v1/model", "Example.COM"),
    AcceptedTarget("HtTpS://h/x", "/x", "h"),
    AcceptedTarget("http://example.com", "/", "example.com"),
    AcceptedTarget("http://example.com/", "/", "example.com"),
    AcceptedTarget("http://example.com?x=1", "/?x=1", "example.com"),
    AcceptedTarget("http://example.com:8080?x=1&y=2", "/?x=1&y=2", "example.com:8080"),
    AcceptedTarget("http://127.0.0.1:9000/healthz", "/healthz", "127.0.0.1:9000"),
    AcceptedTarget("http://[::1]:8080/v2", "/v2", "[::1]:8080"),
    AcceptedTarget("http://[::1]/v2", "/v2", "[::1]"),
    AcceptedTarget("http://[v1.fe80::a+en1]/v2", "/v2", "[v1.fe80::a+en1]"),
    AcceptedTarget("http://[::ffff:192.0.2.1]/v2", "/v2", "[::ffff:192.0.2.1]"),
    AcceptedTarget("http://example.com/a?b=http://c/d", "/a?b=http://c/d", "example.com"),
]

let rejectedTargets: [RejectedTarget] = [
    RejectedTarget("ftp://example.com/file", "scheme 'ftp'"),
    RejectedTarget("mailto:someone@example.com", "scheme 'mailto'"),
    RejectedTarget("httpx://example.com/", "scheme 'httpx'"),
    RejectedTarget("http:/v1/model", "no authority"),
    RejectedTarget("http:example.com/v1", "no authority"),
    RejectedTarget("http:///v1/model", "empty host"),
    RejectedTarget("http://", "empty host"),
    RejectedTarget("http://user@example.com/", "userinfo"),
    RejectedTarget("http://user:secret@example.com/", "userinfo"),
    RejectedTarget("http://:8080/", "is empty or contains a character"),
    RejectedTarget("http://exa\"mple.com/", "is empty or contains a character"),
    RejectedTarget("http://example.com:80a/", "port"),
    RejectedTarget("http://example.com:80:81/", "port"),
    RejectedTarget("http://[::1/", "IP literal"),
    RejectedTarget("http://[]/", "IP literal"),
    RejectedTarget("http://[::1]x/", "port"),
    RejectedTarget("http://[zz::1]/healthz", "IP literal"),
    RejectedTarget("http://[:::::::::::]/", "IP literal"),
    RejectedTarget("http://[12345::]/", "IP literal"),
    RejectedTarget("http://[1:2:3:4:5:6:7:8:9]/", "IP literal"),
    RejectedTarget("http://[::1.2.3.4.5]/", "IP literal"),
    RejectedTarget("http://[v]/", "IP literal"),
    RejectedTarget("http://[vZ.x]/", "IP literal"),
    RejectedTarget("http://[v1.]/", "IP literal"),
    RejectedTarget("http://%zz/", "is empty or contains a character"),
    RejectedTarget("http://[1.2.3.4]/", "IP literal"),
    RejectedTarget("/healthz#frag", "fragment"),
    RejectedTarget("http://example.com/v1#top", "fragment"),
    RejectedTarget("example.com:443", method: "CONNECT", "Authority-form"),
    RejectedTarget("example.com:443", "Authority-form"),
    RejectedTarget("example.com", "a path starting with '/'"),
    RejectedTarget("://example.com/", "a path starting with '/'"),
    RejectedTarget("*", "only accepted with OPTIONS"),
]

@Suite struct HTTPRequestTargetTests {
    @Test(arguments: acceptedTargets)
    func acceptsAbsoluteForm(_ accepted: AcceptedTarget) throws {
        let requests = try parse("GET \(accepted.target) HTTP/1.1\r\nHost: ignored.example\r\n\r\n")

        let request = try #require(requests.first)
        #expect(request.head.target == accepted.originForm)
        #expect(request.head.headers.values(of: "Host") == [accepted.authority])
    }

    @Test(arguments: rejectedTargets)
    func rejectsTarget(_ rejected: RejectedTarget) throws {
        let error = try #require(rejection("\(rejected.method) \(rejected.target) HTTP/1.1\r\nHost: h\r\n\r\n"))

        #expect(error.status.code == 400)
        #expect(error.detail.contains(rejected.detailPhrase), "detail: \(error.detail)")
    }

    @Test func absoluteFormMatchesOriginForm() throws {
        let absolute = try #require(try parse("POST http://h:1/v2/models/m/infer?x=1 HTTP/1.1\r\nHost: h:1\r\nContent-Length: 2\r\n\r\nhi").first)
        let origin = try #require(try parse("POST /v2/models/m/infer?x=1 HTTP/1.1\r\nHost: h:1\r\nContent-Length: 2\r\n\r\nhi").first)

        #expect(absolute.head.method == origin.head.method)
        #expect(absolute.head.target == origin.head.target)
        #expect(absolute.head.headers == origin.head.headers)
        #expect(absolute.body == origin.body)
    }

    @Test func requestSplitsRewrittenTarget() throws {
        let head = try #require(try parse("GET HTTP://h/v1/score?debug=1&x=2 HTTP/1.1\r\nHost: other\r\n\r\n").first?.head)

        let request = HTTPRequest(method: head.method, target: head.target, headers: head.headers)
        #expect(request.path == "/v1/score")
        #expect(request.query == "debug=1&x=2")
        #expect(request.headers["Host"] == "h")
    }

    @Test(arguments: ["[::1", "a b", "h/x", "h#x", "h:abc", "[g::1]", "[]", "user@h", "%zz", "a%4"])
    func rejectsInvalidHostValue(_ host: String) throws {
        let error = try #require(rejection("GET /healthz HTTP/1.1\r\nHost: \(host)\r\n\r\n"))

        #expect(error.status.code == 400)
        #expect(error.detail.contains("Host header field"), "detail: \(error.detail)")
    }

    @Test func rejectsInvalidHostWithAbsoluteForm() throws {
        let error = try #require(rejection("GET http://h/healthz HTTP/1.1\r\nHost: u@h\r\n\r\n"))

        #expect(error.status.code == 400)
        #expect(error.detail.contains("Host header field 'u@h'"), "detail: \(error.detail)")
    }

    @Test(arguments: ["h", "example.com:8080", "[::1]:8080", "127.0.0.1", "", "%41bc"])
    func acceptsValidHostValue(_ host: String) throws {
        let requests = try parse("GET /healthz HTTP/1.1\r\nHost: \(host)\r\n\r\n")

        #expect(requests.first?.head.target == "/healthz")
    }

    @Test func absoluteFormStillNeedsHostOnHTTP11() throws {
        let error = try #require(rejection("GET http://h/ HTTP/1.1\r\n\r\n"))

        #expect(error.status.code == 400)
        #expect(error.detail.contains("Host"))
    }

    @Test func absoluteFormSetsHostOnHTTP10() throws {
        let request = try #require(try parse("GET http://h:8080/x HTTP/1.0\r\n\r\n").first)

        #expect(request.head.target == "/x")
        #expect(request.head.headers.values(of: "Host") == ["h:8080"])
    }

    @Test func absoluteFormKeepsOtherHeaders() throws {
        let request = try #require(try parse("GET http://a/ HTTP/1.1\r\nX-A: 1\r\nhost: b\r\nX-B: 2\r\n\r\n").first)

        #expect(request.head.headers.values(of: "Host") == ["a"])
        #expect(request.head.headers["X-A"] == "1")
        #expect(request.head.headers["X-B"] == "2")
        #expect(request.head.headers.count == 3)
    }

    @Test func asteriskFormStaysAsterisk() throws {
        let request = try #require(try parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").first)

        #expect(request.head.target == "*")
        #expect(request.head.headers["Host"] == "h")
    }

    @Test(arguments: [1, 5, 13])
    func parsesAbsoluteFormFedInPieces(pieceSize: Int) throws {
        let input = "GET http://h/one?q HTTP/1.1\r\nHost: h\r\n\r\nGET https://h2:8443 HTTP/1.1\r\nHost: h\r\n\r\n"
        let requests = try parse(input, pieceSize: pieceSize)

        #expect(requests.map(\.head.target) == ["/one?q", "/"])
        #expect(requests.map { $0.head.headers["Host"] } == ["h", "h2:8443"])
    }

    @Test func currentTargetIsOriginForm() throws {
        var parser = HTTPRequestParser(configuration: HTTPServerConfiguration())
        parser.append(Array("GET http://h/v1/model?x=1 HTTP/1.1\r\nBad Name: 1\r\n\r\n".utf8))

        #expect(throws: HTTPError.self) { _ = try parser.next() }
        #expect(parser.currentTarget == "/v1/model?x=1")
    }

    @Test(arguments: [
        ("GET http://h/v2/models/m?", "/v2/models/m"),
        ("GET HTTPS://h:8443/v2/models/m ", "/v2/models/m"),
        ("GET http://h?aaaa", "/"),
        ("GET /v2/models/m?", "/v2/models/m"),
    ])
    func partialLineFindsPath(line: String, path: String) throws {
        let partial = try #require(try partialRequestLine(line))

        #expect(partial.method == "GET")
        #expect(partial.path == path)
    }

    @Test(arguments: ["GET http", "GET https:/", "GET http://h", "GET http://h/v2/models", "GET ftp://h/x?"])
    func partialLineWithholdsCutOffPath(line: String) throws {
        let partial = try #require(try partialRequestLine(line))

        #expect(partial.method == "GET")
        #expect(partial.path == nil)
    }

    @Test func overlongAbsoluteFormKeepsPath() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxRequestLineBytes = 64
        var parser = HTTPRequestParser(configuration: configuration)
        parser.append(Array("GET http://example.com/v1/model?\(String(repeating: "a", count: 100))".utf8))

        #expect(throws: HTTPError.self) { _ = try parser.next() }
        #expect(parser.partialRequestLine?.path == "/v1/model")
    }

    /// Buffers `line` in a parser that has not seen a line end and returns its partial request line.
    private func partialRequestLine(_ line: String) throws -> (method: String, path: String?)? {
        var parser = HTTPRequestParser(configuration: HTTPServerConfiguration())
        parser.append(Array(line.utf8))
        guard case .needMoreData = try parser.next() else {
            Issue.record("expected needMoreData for \(line)")
            return nil
        }
        return parser.partialRequestLine
    }
}
