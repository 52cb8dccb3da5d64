import Testing

@testable import ExpanseHTTP

/// One malformed or over-limit input and the response it must get.
struct RejectionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let status: Int
    let setting: String?

    init(_ name: String, _ input: String, status: Int = 400, setting: String? = nil) {
        self.name = name
        self.input = input
        self.status = status
        self.setting = setting
    }

    var testDescription: String { name }
}

private let host = "Host: h\r\n"

let rejectionCases: [RejectionCase] = [
    RejectionCase("both Content-Length and Transfer-Encoding",
                  "POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"),
    RejectionCase("two different Content-Length fields",
                  "POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nContent-Length: 4\r\n\r\n"),
    RejectionCase("different Content-Length list values", "POST / HTTP/1.1\r\n\(host)Content-Length: 3, 4\r\n\r\n"),
    RejectionCase("non-numeric Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: abc\r\n\r\n"),
    RejectionCase("negative Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n"),
    RejectionCase("signed Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: +1\r\n\r\n"),
    RejectionCase("empty Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: \r\n\r\n"),
    RejectionCase("overflowing Content-Length",
                  "POST / HTTP/1.1\r\n\(host)Content-Length: 99999999999999999999999\r\n\r\n"),
    RejectionCase("gzip Transfer-Encoding", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip\r\n\r\n", status: 501),
    RejectionCase("gzip then chunked Transfer-Encoding",
                  "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n", status: 501),
    RejectionCase("Transfer-Encoding on HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"),
    RejectionCase("space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n"),
    RejectionCase("tab before colon", "GET / HTTP/1.1\r\nHost\t: h\r\n\r\n"),
    RejectionCase("obsolete line folding", "GET / HTTP/1.1\r\n\(host)X-A: 1\r\n  continued\r\n\r\n"),
    RejectionCase("bare LF after request line", "GET / HTTP/1.1\n\(host)\r\n"),
    RejectionCase("bare LF after header", "GET / HTTP/1.1\r\nHost: h\n\r\n"),
    RejectionCase("bare CR inside header value", "GET / HTTP/1.1\r\n\(host)X-A: a\rb\r\n\r\n"),
    RejectionCase("control character in value", "GET / HTTP/1.1\r\n\(host)X-A: a\u{01}b\r\n\r\n"),
    RejectionCase("DEL in value", "GET / HTTP/1.1\r\n\(host)X-A: a\u{7F}b\r\n\r\n"),
    RejectionCase("NUL in value", "GET / HTTP/1.1\r\n\(host)X-A: a\u{00}b\r\n\r\n"),
    RejectionCase("empty field name", "GET / HTTP/1.1\r\n\(host): value\r\n\r\n"),
    RejectionCase("field line without colon", "GET / HTTP/1.1\r\n\(host)NoColon\r\n\r\n"),
    RejectionCase("missing Host on HTTP/1.1", "GET / HTTP/1.1\r\n\r\n"),
    RejectionCase("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
    RejectionCase("non-hex chunk size", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\nzz\r\n"),
    RejectionCase("empty chunk size", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n\r\n"),
    RejectionCase("chunk size with sign", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n-5\r\n"),
    RejectionCase("overlong chunk size",
                  "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n1000000000000000000\r\n"),
    RejectionCase("garbage after chunk size", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5 x\r\n"),
    RejectionCase("chunk data without CRLF",
                  "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n"),
    RejectionCase("bare LF after chunk size", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3\nabc\r\n"),
    RejectionCase("bare LF in trailer",
                  "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\nT: 1\n\r\n"),
    RejectionCase("unknown expectation", "POST / HTTP/1.1\r\n\(host)Expect: teapot\r\n\r\n", status: 417),
    RejectionCase("HTTP/2.0 request line", "GET / HTTP/2.0\r\n\(host)\r\n", status: 505),
    RejectionCase("malformed version", "GET / HTTP/1.1x\r\n\(host)\r\n"),
    RejectionCase("lowercase protocol name", "GET / http/1.1\r\n\(host)\r\n"),
    RejectionCase("absolute-form target with ftp scheme", "GET ftp://h/ HTTP/1.1\r\n\(host)\r\n"),
    RejectionCase("absolute-form target with userinfo", "GET http://u@h/ HTTP/1.1\r\n\(host)\r\n"),
    RejectionCase("authority-form target", "CONNECT h:443 HTTP/1.1\r\n\(host)\r\n"),
    RejectionCase("asterisk target on GET", "GET * HTTP/1.1\r\n\(host)\r\n"),
    RejectionCase("invalid method character", "G(T / HTTP/1.1\r\n\(host)\r\n"),
    RejectionCase("double space in request line", "GET  / HTTP/1.1\r\n\(host)\r\n"),
    RejectionCase("missing version", "GET /\r\n\(host)\r\n"),
    RejectionCase("non-ASCII byte in target", "GET /caf\u{E9} HTTP/1.1\r\n\(host)\r\n"),
]

@Suite struct HTTPRequestParserRejectionTests {
    @Test(arguments: rejectionCases)
    func rejects(_ testCase: RejectionCase) throws {
        let error = try #require(rejection(testCase.input))

        #expect(error.status.code == testCase.status)
        #expect(error.setting == testCase.setting)
        #expect(!error.detail.isEmpty)
    }

    @Test func rejectsTooManyHeaderFields() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxHeaderCount = 3
        let input = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"

        let error = try #require(rejection(input, configuration: configuration))
        #expect(error.status.code == 431)
        #expect(error.setting == "maxHeaderCount")
    }

    @Test func rejectsTooManyTrailerFields() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxHeaderCount = 2
        let input = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"

        let error = try #require(rejection(input, configuration: configuration))
        #expect(error.status.code == 431)
        #expect(error.setting == "maxHeaderCount")
    }

    @Test func rejectsHeadOverMaxHeaderBytes() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxHeaderBytes = 1024
        let input = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(String(repeating: "a", count: 1100))\r\n\r\n"

        let error = try #require(rejection(input, configuration: configuration))
        #expect(error.status.code == 431)
        #expect(error.setting == "maxHeaderBytes")
    }

    @Test func rejectsHeadOverMaxHeaderBytesWithoutLineEnd() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxHeaderBytes = 1024
        let input = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(String(repeating: "a", count: 2000))"

        let error = try #require(rejection(input, configuration: configuration))
        #expect(error.status.code == 431)
    }

    @Test func rejectsManySmallHeadersOverMaxHeaderBytes() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxHeaderBytes = 512
        let fields = (0..<60).map { "X-\($0): v\r\n" }.joined()

        let error = try #require(rejection("GET / HTTP/1.1\r\nHost: h\r\n\(fields)\r\n", configuration: configuration))
        #expect(error.status.code == 431)
        #expect(error.setting == "maxHeaderBytes")
    }

    @Test func rejectsLongRequestLine() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxRequestLineBytes = 64
        let input = "GET /\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: h\r\n\r\n"

        let error = try #require(rejection(input, configuration: configuration))
        #expect(error.status.code == 414)
        #expect(error.setting == "maxRequestLineBytes")
    }

    @Test func rejectsLongRequestLineBeforeItEnds() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxRequestLineBytes = 64

        let error = try #require(rejection("GET /\(String(repeating: "a", count: 100))", configuration: configuration))
        #expect(error.status.code == 414)
    }

    @Test func rejectsContentLengthOverLimitBeforeBody() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxBodyBytes = 10

        // No body bytes follow: the head alone must be enough to reject.
        let error = try #require(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", configuration: configuration))
        #expect(error.status.code == 413)
        #expect(error.setting == "maxBodyBytes")
    }

    @Test func acceptsContentLengthAtLimit() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxBodyBytes = 10

        let requests = try parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789", configuration: configuration)
        #expect(requests.first?.body.count == 10)
    }

    @Test func rejectsChunkedBodyOverLimit() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxBodyBytes = 10
        let input = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\n"

        let error = try #require(rejection(input, configuration: configuration))
        #expect(error.status.code == 413)
        #expect(error.setting == "maxBodyBytes")
    }

    @Test func rejectsHugeChunkSizeAsTooLarge() throws {
        let input = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFF\r\n"

        let error = try #require(rejection(input))
        #expect(error.status.code == 413)
    }

    @Test func rejectsLongChunkExtension() throws {
        let input = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;\(String(repeating: "e", count: 5000))\r\n"

        let error = try #require(rejection(input))
        #expect(error.status.code == 400)
    }

    @Test func boundsEmptyLinesBeforeRequestLine() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxHeaderBytes = 100

        let error = try #require(rejection(String(repeating: "\r\n", count: 200), configuration: configuration))
        #expect(error.status.code == 431)
    }
}
