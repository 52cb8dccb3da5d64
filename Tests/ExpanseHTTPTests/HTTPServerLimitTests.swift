import Foundation
import Testing

@testable import ExpanseHTTP

/// Tests that hit each limit of `HTTPServerConfiguration` over a real socket.
@Suite struct HTTPServerLimitTests {
    /// Reads one response and checks its status and problem `setting`.
    private func expectLimit(_ response: TestClient.Response, status: Int, setting: String) {
        #expect(response.status == status)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.jsonObject?["setting"] as? String == setting)
        #expect(response.jsonObject?["status"] as? Int == status)
    }

    @Test func rejectsLargeHeadWith431() throws {
        var configuration = testConfiguration()
        configuration.maxHeaderBytes = 1024
        try withServer(configuration: configuration, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(String(repeating: "b", count: 4000))\r\n\r\n")

            expectLimit(try client.readResponse(), status: 431, setting: "maxHeaderBytes")
            #expect(client.isClosedByServer())
        }
    }

    @Test func rejectsLargeContentLengthWith413() throws {
        var configuration = testConfiguration()
        configuration.maxBodyBytes = 100
        try withServer(configuration: configuration, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n")

            expectLimit(try client.readResponse(), status: 413, setting: "maxBodyBytes")
        }
    }

    @Test func rejectsLargeChunkedBodyWith413() throws {
        var configuration = testConfiguration()
        configuration.maxBodyBytes = 100
        try withServer(configuration: configuration, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)
            let chunk = String(repeating: "c", count: 60)

            try client.send("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3c\r\n\(chunk)\r\n3c\r\n\(chunk)\r\n0\r\n\r\n")

            expectLimit(try client.readResponse(), status: 413, setting: "maxBodyBytes")
        }
    }

    @Test func timesOutSlowHeadWith408() throws {
        var configuration = testConfiguration()
        configuration.headerReadTimeout = .milliseconds(200)
        try withServer(configuration: configuration, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET / HTTP/1.1\r\nHost: h\r\n")

            expectLimit(try client.readResponse(), status: 408, setting: "headerReadTimeout")
            #expect(client.isClosedByServer())
        }
    }

    @Test func timesOutSlowBodyWith408() throws {
        var configuration = testConfiguration()
        configuration.bodyReadTimeout = .milliseconds(200)
        try withServer(configuration: configuration, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc")

            expectLimit(try client.readResponse(), status: 408, setting: "bodyReadTimeout")
        }
    }

    @Test func closesSilentConnectionWithoutResponse() throws {
        var configuration = testConfiguration()
        configuration.headerReadTimeout = .milliseconds(200)
        try withServer(configuration: configuration, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            let received = try client.readUntilClosed()

            #expect(received.isEmpty)
        }
    }

    @Test func closesIdleKeepAliveConnectionSilently() throws {
        var configuration = testConfiguration()
        configuration.keepAliveIdleTimeout = .milliseconds(200)
        try withServer(configuration: configuration, handler: echoHandler) { server, port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
            _ = try client.readResponse()

            let received = try client.readUntilClosed()

            #expect(received.isEmpty)
            #expect(eventually { server.openConnectionCount == 0 })
        }
    }

    @Test func rejectsConnectionsBeyondMaximumWith503() throws {
        var configuration = testConfiguration()
        configuration.maxConnections = 1
        configuration.retryAfterSeconds = 7
        let recorder = Recorder()
        try withServer(configuration: configuration, recorder: recorder, handler: echoHandler) { server, port in
            let first = try TestClient(port: port)
            try first.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
            _ = try first.readResponse()
            #expect(server.openConnectionCount == 1)

            let second = try TestClient(port: port)
            let response = try second.readResponse()

            expectLimit(response, status: 503, setting: "maxConnections")
            #expect(response.header("Retry-After") == "7")
            #expect(second.isClosedByServer())
            let rejected = recorder.records.first { $0.status == 503 }
            #expect(rejected?.route == HTTPRequestRecord.unmatchedRoute)

            // The first connection still works.
            try first.send("GET /again HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try first.readResponse().bodyText == "GET /again ")
        }
    }

    @Test func boundsMemoryForEndlessHeaderStream() throws {
        var configuration = testConfiguration()
        configuration.maxHeaderBytes = 8 * 1024
        try withServer(configuration: configuration, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: h\r\n")

            // Keep sending small fields until the server responds. It must
            // return 431 well before 64 KiB.
            var sent = 0
            while sent < 64 * 1024 {
                guard (try? client.send("X-F: \(String(repeating: "v", count: 90))\r\n")) != nil else { break }
                sent += 96
            }

            expectLimit(try client.readResponse(), status: 431, setting: "maxHeaderBytes")
        }
    }

    @Test func namesSettingsForLayerAbove() throws {
        var configuration = testConfiguration()
        configuration.maxBodyBytes = 2000
        configuration.settingNames = ["maxBodyBytes": "--max-body-bytes"]
        try withServer(configuration: configuration, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2874\r\n\r\n")
            let response = try client.readResponse()

            expectLimit(response, status: 413, setting: "--max-body-bytes")
            #expect(
                response.jsonObject?["detail"] as? String
                    == "The Content-Length of 2874 bytes exceeds the limit of 2000 bytes; send a smaller body or raise --max-body-bytes on the server."
            )
        }
    }

    @Test func fixedLimitHasNoSetting() throws {
        var configuration = testConfiguration()
        configuration.maxHeaderCount = 3
        configuration.settingNames = ["maxHeaderBytes": "--max-header-bytes"]
        configuration.fixedSettings = ["maxHeaderCount"]
        try withServer(configuration: configuration, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n")
            let response = try client.readResponse()
            let problem = try #require(response.jsonObject)

            #expect(response.status == 431)
            #expect(problem["setting"] == nil)
            #expect(problem["detail"] as? String == "The request has more than 3 header or trailer fields; send fewer fields. The server's limit is fixed.")
        }
    }

    @Test func defaultsMatchDocumentation() {
        let configuration = HTTPServerConfiguration()

        #expect(configuration.maxHeaderBytes == 16 * 1024)
        #expect(configuration.maxBodyBytes == 16 * 1024 * 1024)
        #expect(configuration.maxRequestLineBytes == 8 * 1024)
        #expect(configuration.maxHeaderCount == 100)
        #expect(configuration.headerReadTimeout == .seconds(10))
        #expect(configuration.bodyReadTimeout == .seconds(30))
        #expect(configuration.keepAliveIdleTimeout == .seconds(60))
        #expect(configuration.maxConnections == 1024)
    }
}
