import Testing

@testable import ExpanseHTTP

/// A request the parser produced: its head and its body.
struct ParsedRequest {
    var head: HTTPRequestHead
    var body: [UInt8]
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Feeds `input` to a parser in pieces of `pieceSize` bytes (all at once
/// when nil) and returns every complete request.
func parse(
    _ input: String,
    configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
    pieceSize: Int? = nil
) throws(HTTPError) -> [ParsedRequest] {
    var parser = HTTPRequestParser(configuration: configuration)
    let bytes = Array(input.utf8)
    let size = pieceSize ?? max(1, bytes.count)
    var requests: [ParsedRequest] = []
    var head: HTTPRequestHead?

    for start in stride(from: 0, to: bytes.count, by: size) {
        parser.append(bytes[start..<min(bytes.count, start + size)])
        events: while true {
            switch try parser.next() {
            case .needMoreData: break events
            case .head(let parsed): head = parsed
            case .end(let body): requests.append(ParsedRequest(head: head!, body: body))
            }
        }
    }
    return requests
}

/// Parses `input` and returns the error it throws, or nil.
func rejection(_ input: String, configuration: HTTPServerConfiguration = HTTPServerConfiguration()) -> HTTPError? {
    do {
        _ = try parse(input, configuration: configuration)
        return nil
    } catch {
        return error
    }
}

@Suite struct HTTPRequestParserTests {
    @Test func keepsMethodOfRejectedRequestLine() throws {
        var parser = HTTPRequestParser(configuration: HTTPServerConfiguration())
        parser.append(Array("GET /healthz HTTP/2.0\r\nHost: h\r\n\r\n".utf8)[...])

        #expect(throws: HTTPError.self) { _ = try parser.next() }
        #expect(parser.currentMethod == "GET")
    }

    @Test func parsesSimpleGet() throws {
        let requests = try parse("GET /a/b?x=1 HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n")

        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(request.head.method == "GET")
        #expect(request.head.target == "/a/b?x=1")
        #expect(request.head.version == .http1_1)
        #expect(request.head.headers["host"] == "example")
        #expect(request.head.keepAlive)
        #expect(!request.head.expectsContinue)
        #expect(request.body.isEmpty)
    }

    @Test func keepsRepeatedHeaders() throws {
        let request = try #require(try parse("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a: 2\r\n\r\n").first)

        #expect(request.head.headers.values(of: "X-A") == ["1", "2"])
        #expect(request.head.headers["X-a"] == "1")
    }

    @Test func trimsOptionalWhitespaceAroundValues() throws {
        let request = try #require(try parse("GET / HTTP/1.1\r\nHost: h\r\nX-A: \t spaced out \t\r\n\r\n").first)

        #expect(request.head.headers["X-A"] == "spaced out")
    }

    @Test func readsContentLengthBody() throws {
        let requests = try parse("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello")

        #expect(requests.first?.bodyText == "hello")
        #expect(requests.first?.head.framing == .contentLength(5))
    }

    @Test(arguments: ["5, 5", "5,5"])
    func acceptsRepeatedEqualContentLength(value: String) throws {
        let requests = try parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(value)\r\n\r\nhello")

        #expect(requests.first?.bodyText == "hello")
    }

    @Test func acceptsSameContentLengthInTwoFields() throws {
        let requests = try parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi")

        #expect(requests.first?.bodyText == "hi")
    }

    @Test func decodesChunkedBodyWithExtensionsAndTrailers() throws {
        let input = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nWiki\r\n5 ;x\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n"
        let request = try #require(try parse(input).first)

        #expect(request.bodyText == "Wikipedia in\r\n\r\nchunks.")
        #expect(request.head.framing == .chunked)
    }

    @Test(arguments: [1, 2, 3, 7])
    func parsesIdenticallyWhenFedInPieces(pieceSize: Int) throws {
        let input = "POST /one HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /two HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n3;e\r\nfgh\r\n0\r\nT: x\r\n\r\n"
        let requests = try parse(input, pieceSize: pieceSize)

        #expect(requests.map(\.head.target) == ["/one", "/two"])
        #expect(requests.map(\.bodyText) == ["abc", "defgh"])
    }

    @Test func parsesPipelinedRequestsInOrder() throws {
        let input = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\nGET /3 HTTP/1.1\r\nHost: h\r\n\r\n"
        let requests = try parse(input)

        #expect(requests.map(\.head.target) == ["/1", "/2", "/3"])
    }

    @Test func connectionCloseEndsKeepAlive() throws {
        let request = try #require(try parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n").first)

        #expect(!request.head.keepAlive)
    }

    @Test func http10ClosesByDefault() throws {
        let request = try #require(try parse("GET / HTTP/1.0\r\n\r\n").first)

        #expect(request.head.version == .http1_0)
        #expect(!request.head.keepAlive)
    }

    @Test func http10KeepAliveOnRequest() throws {
        let request = try #require(try parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").first)

        #expect(request.head.keepAlive)
    }

    @Test func recognizesExpectContinue() throws {
        let request = try #require(try parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx").first)

        #expect(request.head.expectsContinue)
    }

    @Test func ignoresExpectContinueOnHTTP10() throws {
        let request = try #require(try parse("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx").first)

        #expect(!request.head.expectsContinue)
    }

    @Test func skipsEmptyLinesBeforeRequestLine() throws {
        let requests = try parse("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n")

        #expect(requests.count == 1)
    }

    @Test func acceptsAsteriskFormForOptions() throws {
        let request = try #require(try parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").first)

        #expect(request.head.target == "*")
    }

    @Test func reportsPartialRequest() throws {
        var parser = HTTPRequestParser(configuration: HTTPServerConfiguration())
        #expect(!parser.hasPartialRequest)

        parser.append(Array("GET / HT".utf8))
        guard case .needMoreData = try parser.next() else {
            Issue.record("expected needMoreData")
            return
        }
        #expect(parser.hasPartialRequest)
    }

    @Test func exposesMethodOfRejectedRequest() throws {
        var parser = HTTPRequestParser(configuration: HTTPServerConfiguration())
        parser.append(Array("PUT /x HTTP/1.1\r\nBad Name: 1\r\n\r\n".utf8))

        #expect(throws: HTTPError.self) { _ = try parser.next() }
        #expect(parser.currentMethod == "PUT")
    }
}
