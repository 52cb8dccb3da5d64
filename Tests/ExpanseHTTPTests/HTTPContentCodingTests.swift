import ExpanseCompression
import ExpanseHTTP
import Foundation
import Synchronization
import Testing

/// Returns a test configuration that gzips response bodies of `minimumBytes` or more.
func gzipConfiguration(minimumBytes: Int? = 100, maxInflatedBodyBytes: Int = 16 * 1024 * 1024) -> HTTPServerConfiguration {
    var configuration = testConfiguration()
    configuration.gzipMinimumBytes = minimumBytes
    configuration.maxInflatedBodyBytes = maxInflatedBodyBytes
    return configuration
}

/// Encodes a POST of `body` with extra header lines, each ending in CRLF.
func postRequest(_ body: [UInt8], headers: String = "", target: String = "/body") -> [UInt8] {
    Array("POST \(target) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\(headers)\r\n".utf8) + body
}

/// `count` bytes of compressible text.
func fixedBody(count: Int) -> [UInt8] {
    Array(String(repeating: "score=0.0123;", count: count / 13 + 1).utf8.prefix(count))
}

/// A handler that returns `fixedBody(count:)`, ignoring the request.
func fixedBodyHandler(count: Int) -> HTTPHandler {
    let body = fixedBody(count: count)
    return { _, route in
        route = "/fixed"
        return HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: body)
    }
}

@Suite struct HTTPRequestDecodingTests {
    @Test(arguments: ["gzip", "x-gzip", "GZIP", "identity, gzip"])
    func inflatesGzipBody(coding: String) throws {
        let text = String(repeating: "transaction amount 12.50; ", count: 200)
        let compressed = try Gzip.compress(Array(text.utf8))
        let seenEncoding = Mutex<String?>("unset")
        let handler: HTTPHandler = { request, route in
            route = "/body"
            seenEncoding.withLock { $0 = request.headers["Content-Encoding"] }
            return HTTPResponse(status: .ok, headers: [:], body: request.body)
        }

        try withServer(handler: handler) { _, port in
            let client = try TestClient(port: port)
            try client.send(postRequest(compressed, headers: "Content-Encoding: \(coding)\r\n"))
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == text)
        }
        #expect(seenEncoding.withLock { $0 } == nil)
    }

    @Test func passesIdentityBody() throws {
        try withServer(handler: bodyEchoHandler) { _, port in
            let client = try TestClient(port: port)
            try client.send(postRequest(Array("plain".utf8), headers: "Content-Encoding: identity\r\n"))
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "plain")
        }
    }

    @Test func acceptsEmptyGzipBody() throws {
        try withServer(handler: bodyEchoHandler) { _, port in
            let client = try TestClient(port: port)
            try client.send(postRequest([], headers: "Content-Encoding: gzip\r\n"))
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
        }
    }

    @Test func rejectsDecompressionBomb() throws {
        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 50 * 1024 * 1024), level: 9)
        #expect(bomb.count < 100 * 1024)
        // Set if the handler receives the bomb's POST, which must not happen.
        let handlerRan = Mutex(false)
        let handler: HTTPHandler = { request, _ in
            if request.method == "POST" { handlerRan.withLock { $0 = true } }
            return HTTPResponse()
        }

        try withServer(configuration: gzipConfiguration(maxInflatedBodyBytes: 1024 * 1024), handler: handler) { _, port in
            let client = try TestClient(port: port)
            try client.send(postRequest(bomb, headers: "Content-Encoding: gzip\r\n"))
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.jsonObject?["setting"] as? String == "maxInflatedBodyBytes")
            #expect(
                response.jsonObject?["detail"] as? String
                    == "The gzip request body inflates to more than 1048576 bytes; send a body that inflates to fewer bytes or raise maxInflatedBodyBytes on the server."
            )

            // The connection stays usable because the whole body was read.
            try client.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
        let ran = handlerRan.withLock { $0 }
        #expect(!ran)
    }

    @Test func rejectsCorruptGzip() throws {
        var corrupt = try Gzip.compress(Array(String(repeating: "abc", count: 1000).utf8))
        corrupt[12] ^= 0xFF
        let truncated = Array(try Gzip.compress(Array("hello".utf8)).dropLast(4))
        let notGzip = Array("this is not gzip".utf8)

        try withServer(handler: bodyEchoHandler) { _, port in
            for body in [corrupt, truncated, notGzip] {
                let client = try TestClient(port: port)
                try client.send(postRequest(body, headers: "Content-Encoding: gzip\r\n"))
                let response = try client.readResponse()
                #expect(response.status == 400)
                #expect((response.jsonObject?["detail"] as? String)?.hasPrefix("The gzip request body is invalid") == true)
            }
        }
    }

    @Test(arguments: ["br", "deflate", "gzip, zstd"])
    func rejectsUnsupportedCoding(coding: String) throws {
        try withServer(handler: bodyEchoHandler) { _, port in
            let client = try TestClient(port: port)
            try client.send(postRequest(Array("x".utf8), headers: "Content-Encoding: \(coding)\r\n"))
            let response = try client.readResponse()
            let unsupported = coding.split(separator: ",").last!.trimmingCharacters(in: .whitespaces)
            #expect(response.status == 415)
            #expect((response.jsonObject?["detail"] as? String)?.contains("content coding \(unsupported) ") == true)
            #expect(response.header("Accept-Encoding") == "gzip")
        }
    }
}

@Suite struct HTTPResponseCompressionTests {
    /// Sends one GET with `acceptEncoding` (nil sends no field) and returns the response.
    private func fetch(
        configuration: HTTPServerConfiguration,
        bodyBytes: Int,
        acceptEncoding: String?,
        method: String = "GET"
    ) throws -> TestClient.Response {
        var result: TestClient.Response?
        try withServer(configuration: configuration, handler: fixedBodyHandler(count: bodyBytes)) { _, port in
            let client = try TestClient(port: port)
            let field = acceptEncoding.map { "Accept-Encoding: \($0)\r\n" } ?? ""
            try client.send("\(method) /fixed HTTP/1.1\r\nHost: x\r\n\(field)\r\n")
            result = try client.readResponse(expectBody: method != "HEAD")
        }
        return try #require(result)
    }

    @Test func compressesWhenAllowed() throws {
        let response = try fetch(configuration: gzipConfiguration(minimumBytes: 1000), bodyBytes: 5000, acceptEncoding: "gzip, deflate")
        #expect(response.status == 200)
        #expect(response.header("Content-Encoding") == "gzip")
        #expect(response.header("Vary") == "Accept-Encoding")
        #expect(response.body.count < 5000)

        let inflated = try Gzip.decompress(response.body, format: .gzip, maxOutputBytes: 1 << 20)
        #expect(inflated == fixedBody(count: 5000))
    }

    @Test func skipsBodyUnderMinimum() throws {
        let response = try fetch(configuration: gzipConfiguration(minimumBytes: 1000), bodyBytes: 999, acceptEncoding: "gzip")
        #expect(response.header("Content-Encoding") == nil)
        #expect(response.header("Vary") == "Accept-Encoding")
        #expect(response.body.count == 999)
    }

    @Test(arguments: [
        ("gzip;q=0", false),
        ("gzip; q=0.000, identity", false),
        ("*", true),
        ("*;q=0.5", true),
        ("gzip;q=0, *", false),
        ("br, x-gzip;q=0.2", true),
        ("br", false),
        ("gzip;q=2", false),
    ])
    func honoursQualityValues(acceptEncoding: String, compressed: Bool) throws {
        let response = try fetch(configuration: gzipConfiguration(), bodyBytes: 2000, acceptEncoding: acceptEncoding)
        #expect((response.header("Content-Encoding") == "gzip") == compressed)
        #expect(response.header("Vary") == "Accept-Encoding")
    }

    @Test func skipsRequestWithoutAcceptEncoding() throws {
        let response = try fetch(configuration: gzipConfiguration(), bodyBytes: 2000, acceptEncoding: nil)
        #expect(response.header("Content-Encoding") == nil)
        #expect(response.header("Vary") == "Accept-Encoding")
    }

    @Test func leavesResponsesAloneWhenDisabled() throws {
        let response = try fetch(configuration: gzipConfiguration(minimumBytes: nil), bodyBytes: 5000, acceptEncoding: "gzip")
        #expect(response.header("Content-Encoding") == nil)
        #expect(response.header("Vary") == nil)
        #expect(response.body.count == 5000)
    }

    @Test func givesHeadTheGetHeaders() throws {
        let get = try fetch(configuration: gzipConfiguration(), bodyBytes: 5000, acceptEncoding: "gzip")
        let head = try fetch(configuration: gzipConfiguration(), bodyBytes: 5000, acceptEncoding: "gzip", method: "HEAD")
        #expect(head.header("Content-Encoding") == "gzip")
        #expect(head.header("Vary") == "Accept-Encoding")
        #expect(head.header("Content-Length") == String(get.body.count))
    }

    @Test func keepsHandlerEncoding() throws {
        let handler: HTTPHandler = { _, route in
            route = "/encoded"
            let body = [UInt8](repeating: 0x41, count: 4000)
            return HTTPResponse(status: .ok, headers: ["Content-Encoding": "br", "Vary": "Origin"], body: body)
        }
        try withServer(configuration: gzipConfiguration(), handler: handler) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Content-Encoding") == "br")
            #expect(response.body.count == 4000)
        }
    }

    @Test func addsVaryNextToHandlerVary() throws {
        let handler: HTTPHandler = { _, route in
            route = "/vary"
            return HTTPResponse(status: .ok, headers: ["Vary": "Origin"], body: [UInt8](repeating: 0x41, count: 4000))
        }
        try withServer(configuration: gzipConfiguration(), handler: handler) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
            let response = try client.readResponse()
            let vary = response.headers.filter { $0.name.lowercased() == "vary" }.map(\.value)
            #expect(vary == ["Origin", "Accept-Encoding"])
            #expect(response.header("Content-Encoding") == "gzip")
        }
    }

    @Test func compressesOverTLS() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }
        var configuration = tlsConfiguration(certificate)
        configuration.gzipMinimumBytes = 100

        try withServer(configuration: configuration, handler: fixedBodyHandler(count: 3000)) { _, port in
            let client = try connectTLS(port: port, trusting: certificate)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Content-Encoding") == "gzip")
            let inflated = try Gzip.decompress(response.body, format: .gzip, maxOutputBytes: 1 << 20)
            #expect(inflated.count == 3000)
        }
    }
}
