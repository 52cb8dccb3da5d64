import Foundation
import Testing

@testable import ExpanseHTTP

@Suite struct HTTPMessageTests {
    private func encode(_ response: HTTPResponse, method: String = "GET", keepAlive: Bool = true, version: HTTPVersion = .http1_1) -> String {
        var bytes: [UInt8] = []
        _ = HTTPResponseEncoder.encode(
            response, method: method, requestID: "rid", keepAlive: keepAlive, clientVersion: version,
            date: Array("Thu, 01 Jan 1970 00:00:00 GMT".utf8), into: &bytes
        )
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func encodesStatusHeadersAndBody() {
        let text = encode(HTTPResponse(status: .created, headers: ["Content-Type": "text/plain"], body: Array("hi".utf8)))

        #expect(text == "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nDate: Thu, 01 Jan 1970 00:00:00 GMT\r\nX-Request-ID: rid\r\n\r\nhi")
    }

    @Test func replacesServerOwnedHeaders() {
        let response = HTTPResponse(headers: ["content-length": "999", "Connection": "upgrade", "X-Request-ID": "spoof"], body: Array("abc".utf8))

        let text = encode(response, keepAlive: false)

        #expect(!text.contains("999"))
        #expect(!text.contains("upgrade"))
        #expect(!text.contains("spoof"))
        #expect(text.contains("Content-Length: 3\r\n"))
        #expect(text.contains("Connection: close\r\n"))
    }

    @Test func dropsHeadersThatWouldSplitResponse() {
        let text = encode(HTTPResponse(headers: ["X-Evil": "a\r\nSet-Cookie: x=1", "X-Fine": "ok"]))

        #expect(!text.contains("Set-Cookie"))
        #expect(text.contains("X-Fine: ok\r\n"))
    }

    @Test func omitsBodyForHead() {
        let text = encode(HTTPResponse(body: Array("abcdef".utf8)), method: "HEAD")

        #expect(text.contains("Content-Length: 6\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"))
    }

    @Test func omitsContentLengthFor204() {
        let text = encode(HTTPResponse(status: .noContent, body: Array("ignored".utf8)))

        #expect(!text.contains("Content-Length"))
        #expect(!text.contains("ignored"))
    }

    @Test func announcesKeepAliveToHTTP10() {
        #expect(encode(HTTPResponse(), version: .http1_0).contains("Connection: keep-alive\r\n"))
        #expect(!encode(HTTPResponse(), version: .http1_1).contains("Connection:"))
    }

    @Test func buildsProblemJSON() throws {
        let error = HTTPError(.contentTooLarge, detail: "Too \"big\".", setting: "maxBodyBytes", headers: ["X-Extra": "1"])

        let response = HTTPResponse(problem: error)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])

        #expect(response.status.code == 413)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.headers["X-Extra"] == "1")
        #expect(object["type"] as? String == "about:blank")
        #expect(object["title"] as? String == "Content Too Large")
        #expect(object["status"] as? Int == 413)
        #expect(object["detail"] as? String == "Too \"big\".")
        #expect(object["setting"] as? String == "maxBodyBytes")
    }

    @Test func looksUpHeadersCaseInsensitively() {
        var headers: HTTPHeaders = ["Content-Type": "a", "X-Multi": "1"]
        headers.add(name: "x-multi", value: "2")

        #expect(headers["content-type"] == "a")
        #expect(headers.values(of: "X-MULTI") == ["1", "2"])
        headers.replaceOrAdd(name: "X-Multi", value: "3")
        #expect(headers.values(of: "x-multi") == ["3"])
        headers.remove(name: "CONTENT-TYPE")
        #expect(!headers.contains("Content-Type"))
    }

    @Test func splitsListTokens() {
        let headers: HTTPHeaders = ["Connection": "Keep-Alive, , Upgrade", "connection": "close"]

        #expect(headers.tokens(of: "Connection") == ["keep-alive", "upgrade", "close"])
    }

    @Test func splitsPathAndQuery() {
        let request = HTTPRequest(method: "GET", target: "/v2/models?x=1&y=2")
        let bare = HTTPRequest(method: "GET", target: "/health")

        #expect(request.path == "/v2/models")
        #expect(request.query == "x=1&y=2")
        #expect(bare.query == nil)
    }

    @Test func validatesRequestIDs() {
        #expect(RequestID.isSane("abc-123_XYZ"))
        #expect(!RequestID.isSane(""))
        #expect(!RequestID.isSane("a b"))
        #expect(!RequestID.isSane(String(repeating: "a", count: RequestID.maxLength + 1)))
        #expect(RequestID.isSane(String(repeating: "a", count: RequestID.maxLength)))
        #expect(RequestID.resolve("given") == "given")
        #expect(RequestID.resolve(nil) != RequestID.resolve(nil))
    }

    @Test(arguments: [("0.0.0.0", "0.0.0.0:80"), ("127.0.0.1", "127.0.0.1:80"), ("::", "[::]:80"), ("::1", "[::1]:80"), ("localhost", "127.0.0.1:80")])
    func parsesSocketAddresses(host: String, expected: String) throws {
        #expect(try SocketAddress(host: host, port: 80).description == expected)
    }

    @Test func rejectsBadPort() {
        #expect(throws: SocketError.self) { try SocketAddress(host: "127.0.0.1", port: 70000) }
    }
}
