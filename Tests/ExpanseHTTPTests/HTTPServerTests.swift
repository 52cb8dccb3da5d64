import ExpanseLog
import Foundation
import Testing

@testable import ExpanseHTTP

/// End-to-end tests against a real server on 127.0.0.1, port 0.
@Suite struct HTTPServerTests {
    @Test func reusesKeepAliveConnection() throws {
        try withServer(handler: echoHandler) { server, port in
            let client = try TestClient(port: port)

            try client.send("GET /first HTTP/1.1\r\nHost: h\r\n\r\n")
            let first = try client.readResponse()
            try client.send("GET /second HTTP/1.1\r\nHost: h\r\n\r\n")
            let second = try client.readResponse()

            #expect(first.status == 200)
            #expect(first.bodyText == "GET /first ")
            #expect(second.bodyText == "GET /second ")
            #expect(first.header("Connection") == nil)
            #expect(server.openConnectionCount == 1)
        }
    }

    @Test func answersPipelinedRequestsInOrder() throws {
        // The first request is the slowest, so a server that responded in
        // completion order would send /fast first.
        let handler: HTTPHandler = { request, route in
            route = request.path
            if request.path == "/slow" { usleep(200_000) }
            if request.path == "/medium" { usleep(50_000) }
            return HTTPResponse(status: .ok, contentType: "text/plain", body: request.path)
        }
        try withServer(handler: handler) { _, port in
            let client = try TestClient(port: port)

            try client.send(
                "GET /slow HTTP/1.1\r\nHost: h\r\n\r\nGET /fast HTTP/1.1\r\nHost: h\r\n\r\nGET /medium HTTP/1.1\r\nHost: h\r\n\r\n"
            )
            let bodies = try (0..<3).map { _ in try client.readResponse().bodyText }

            #expect(bodies == ["/slow", "/fast", "/medium"])
        }
    }

    @Test func readsChunkedBodySplitAcrossWrites() throws {
        try withServer(handler: echoHandler) { _, port in
            let client = try TestClient(port: port)
            let pieces = [
                "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chu", "nked\r\n\r", "\n4\r", "\nWi", "ki\r\n5;ext", "=1\r\npedia\r",
                "\n0\r\nTrailer: x\r", "\n\r", "\n",
            ]
            for piece in pieces {
                try client.send(piece)
                usleep(5_000)
            }

            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "POST /c Wikipedia")
        }
    }

    @Test func writesLargeResponseInFull() throws {
        // 8 MiB cannot fit in the socket buffers, so the server must wait
        // for writability and then resume reading for the next request.
        let large = (0..<(8 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let handler: HTTPHandler = { request, _ in
            request.path == "/large" ? HTTPResponse(body: large) : HTTPResponse(body: Array("small".utf8))
        }
        try withServer(handler: handler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET /large HTTP/1.1\r\nHost: h\r\n\r\n")
            usleep(100_000)
            let first = try client.readResponse()
            try client.send("GET /small HTTP/1.1\r\nHost: h\r\n\r\n")
            let second = try client.readResponse()

            #expect(first.body.count == large.count)
            #expect(first.body == large)
            #expect(second.bodyText == "small")
        }
    }

    @Test func sendsContinueBeforeReadingBody() throws {
        try withServer(handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = try client.readResponse()
            try client.send("hello")
            let final = try client.readResponse()

            #expect(interim.status == 100)
            #expect(final.status == 200)
            #expect(final.bodyText == "POST /e hello")
        }
    }

    @Test func rejectsOversizedBodyInsteadOfContinue() throws {
        var configuration = testConfiguration()
        configuration.maxBodyBytes = 4
        try withServer(configuration: configuration, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.status == 413)
        }
    }

    @Test func rejectsUnknownExpectation() throws {
        try withServer(handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("POST /e HTTP/1.1\r\nHost: h\r\nExpect: something\r\nContent-Length: 5\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.status == 417)
        }
    }

    @Test func closesHTTP10ConnectionAfterResponse() throws {
        try withServer(handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET /old HTTP/1.0\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.status == 200)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func keepsHTTP10ConnectionOnRequest() throws {
        try withServer(handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try client.readResponse()
            try client.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let second = try client.readResponse()

            #expect(first.header("Connection") == "keep-alive")
            #expect(second.bodyText == "GET /b ")
        }
    }

    @Test func answersHeadWithoutBody() throws {
        let handler: HTTPHandler = { request, route in
            route = "/resource"
            return HTTPResponse(status: .ok, contentType: "text/plain", body: "twelve bytes")
        }
        try withServer(handler: handler) { _, port in
            let client = try TestClient(port: port)

            // A body after the HEAD response would be read as the start of the next response.
            try client.send("HEAD /r HTTP/1.1\r\nHost: h\r\n\r\nGET /r HTTP/1.1\r\nHost: h\r\n\r\n")
            let head = try client.readResponse(expectBody: false)
            let get = try client.readResponse()

            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "12")
            #expect(get.status == 200)
            #expect(get.bodyText == "twelve bytes")
        }
    }

    @Test func echoesSaneRequestID() throws {
        let handler: HTTPHandler = { request, _ in
            HTTPResponse(status: .ok, contentType: "text/plain", body: request.requestID)
        }
        try withServer(handler: handler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET / HTTP/1.1\r\nHost: h\r\nX-Request-ID: abc-123\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.header("X-Request-ID") == "abc-123")
            #expect(response.bodyText == "abc-123")
        }
    }

    @Test(arguments: [String(repeating: "a", count: 129), "has space", "caf\u{E9}"])
    func replacesInsaneRequestID(clientID: String) throws {
        try withServer(handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET / HTTP/1.1\r\nHost: h\r\nX-Request-ID: \(clientID)\r\n\r\n")
            let response = try client.readResponse()
            let returned = try #require(response.header("X-Request-ID"))

            #expect(returned != clientID)
            #expect(RequestID.isSane(returned))
        }
    }

    @Test func generatesDistinctRequestIDs() throws {
        try withServer(handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n")
            let first = try #require(try client.readResponse().header("X-Request-ID"))
            let second = try #require(try client.readResponse().header("X-Request-ID"))

            #expect(first != second)
        }
    }

    @Test func mapsThrownHTTPErrorToProblem() throws {
        let handler: HTTPHandler = { _, route in
            route = "/items/{id}"
            throw HTTPError(.methodNotAllowed, detail: "Use GET.", headers: ["Allow": "GET"])
        }
        try withServer(handler: handler) { _, port in
            let client = try TestClient(port: port)

            try client.send("POST /items/1 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
            let response = try client.readResponse()
            let problem = try #require(response.jsonObject)

            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(problem["status"] as? Int == 405)
            #expect(problem["title"] as? String == "Method Not Allowed")
            #expect(problem["detail"] as? String == "Use GET.")
            #expect(problem["type"] as? String == "about:blank")
            #expect(problem["setting"] == nil)
        }
    }

    @Test func hidesDetailOfUnexpectedError() throws {
        struct SecretFailure: Error, CustomStringConvertible {
            var description: String { "database password is hunter2" }
        }
        let recorder = Recorder()
        let handler: HTTPHandler = { _, _ in throw SecretFailure() }

        try withServer(recorder: recorder, handler: handler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET / HTTP/1.1\r\nHost: h\r\nX-Request-ID: req-500\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.status == 500)
            #expect(!response.bodyText.contains("hunter2"))
            #expect(response.jsonObject?["status"] as? Int == 500)
            let logged = recorder.logSink.records.first { $0.level == .error && $0.metadata["request.id"] == "req-500" }
            #expect(logged?.metadata["error"] == .string("database password is hunter2"))
        }
    }

    @Test func closesConnectionAfterBadRequest() throws {
        try withServer(handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("GET / HTTP/1.1\r\nHost : h\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.status == 400)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func routesAbsoluteFormLikeOriginForm() throws {
        let recorder = Recorder()
        let handler: HTTPHandler = { request, _ in
            let text = "\(request.target) \(request.path) \(request.query ?? "-") \(request.headers["Host"] ?? "-")"
            return HTTPResponse(status: .ok, contentType: "text/plain", body: text)
        }
        let labeler: HTTPRouteLabeler = { path in
            path.hasPrefix("/items/") ? "/items/{id}" : HTTPRequestRecord.unmatchedRoute
        }

        try withServer(recorder: recorder, routeLabel: labeler, handler: handler) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET HTTP://127.0.0.1:\(port)/items/7?x=1 HTTP/1.1\r\nHost: ignored.example\r\n\r\n")
            let absolute = try client.readResponse()
            try client.send("GET /items/7?x=1 HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
            let origin = try client.readResponse()
            try client.send("GET ftp://127.0.0.1/items/8 HTTP/1.1\r\nHost: h\r\n\r\n")
            let rejected = try client.readResponse()

            #expect(absolute.status == 200)
            #expect(absolute.bodyText == "/items/7?x=1 /items/7 x=1 127.0.0.1:\(port)")
            #expect(absolute.bodyText == origin.bodyText)
            #expect(rejected.status == 400)
            #expect(client.isClosedByServer())
        }

        let records = recorder.records
        #expect(records.map(\.status) == [200, 200, 400])
        #expect(records.map(\.route) == ["/items/{id}", "/items/{id}", HTTPRequestRecord.unmatchedRoute])
    }

    @Test func observerSeesEveryResponse() throws {
        var configuration = testConfiguration()
        configuration.headerReadTimeout = .milliseconds(200)
        let recorder = Recorder()
        let handler: HTTPHandler = { request, route in
            route = "/known"
            if request.path == "/missing" {
                throw HTTPError(.notFound, detail: "No such thing.")
            }
            return HTTPResponse(status: .ok, body: Array("ok".utf8))
        }

        try withServer(configuration: configuration, recorder: recorder, handler: handler) { _, port in
            let ok = try TestClient(port: port)
            try ok.send("GET /known HTTP/1.1\r\nHost: h\r\nX-Request-ID: id-ok\r\n\r\n")
            _ = try ok.readResponse()

            let missing = try TestClient(port: port)
            try missing.send("GET /missing HTTP/1.1\r\nHost: h\r\n\r\n")
            _ = try missing.readResponse()

            let malformed = try TestClient(port: port)
            try malformed.send("BREW /pot HTTP/1.1\r\n\r\n")
            _ = try malformed.readResponse()

            let slow = try TestClient(port: port)
            try slow.send("GET /slow HTTP/1.1\r\nHost: h\r\n")
            _ = try slow.readResponse()
        }

        let records = recorder.records
        #expect(records.map(\.status).sorted() == [200, 400, 404, 408])
        let success = try #require(records.first { $0.status == 200 })
        #expect(success.route == "/known")
        #expect(success.method == "GET")
        #expect(success.requestID == "id-ok")
        #expect(success.responseBodyBytes == 2)
        #expect(success.durationSeconds >= 0)
        #expect(success.remoteAddress.hasPrefix("127.0.0.1:"))
        #expect(records.first { $0.status == 404 }?.route == "/known")
        #expect(records.first { $0.status == 400 }?.route == HTTPRequestRecord.unmatchedRoute)
        #expect(records.first { $0.status == 400 }?.method == "BREW")
        #expect(records.first { $0.status == 408 }?.route == HTTPRequestRecord.unmatchedRoute)
        #expect(success.errorDetail == nil)
        #expect(records.first { $0.status == 404 }?.errorDetail == "No such thing.")
        #expect(records.first { $0.status == 400 }?.errorDetail?.isEmpty == false)
        #expect(records.first { $0.status == 408 }?.errorDetail?.contains("headerReadTimeout") == true)
    }

    /// Passes `record` to an access-log observer and returns what it logged.
    private func accessLogRecords(for record: HTTPRequestRecord) -> [LogRecord] {
        let sink = InMemoryLogSink()
        HTTPAccessLog.observer(logger: Logger(label: "access", sink: sink))(record)
        return sink.records
    }

    @Test func accessLogWritesOneInfoRecordPerResponse() throws {
        let records = accessLogRecords(
            for: HTTPRequestRecord(
                method: "GET", route: "/r", status: 201, durationSeconds: 0.25, responseBodyBytes: 7, requestID: "x1",
                remoteAddress: "127.0.0.1:1"
            )
        )

        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.level == .info)
        #expect(record.metadata["http.method"] == "GET")
        #expect(record.metadata["http.route"] == "/r")
        #expect(record.metadata["http.status"] == 201)
        #expect(record.metadata["http.duration_seconds"] == 0.25)
        #expect(record.metadata["http.response_bytes"] == 7)
        #expect(record.metadata["request.id"] == "x1")
        #expect(record.metadata["error.detail"] == nil)
    }

    @Test func accessLogRecordsErrorDetail() throws {
        let records = accessLogRecords(
            for: HTTPRequestRecord(
                method: "POST", route: "/r", status: 422, durationSeconds: 0, responseBodyBytes: 9, requestID: "x2",
                remoteAddress: "127.0.0.1:1", errorDetail: "transactions[0].V1 is missing"
            )
        )

        #expect(records.first?.metadata["error.detail"] == "transactions[0].V1 is missing")
    }

    @Test func servesIPv6Loopback() throws {
        var configuration = testConfiguration()
        configuration.host = "::1"
        let server = HTTPServer(configuration: configuration, logger: Recorder().logger, handler: echoHandler)
        do {
            try server.start()
        } catch {
            // Hosts without IPv6 cannot run this test.
            withKnownIssue("IPv6 loopback unavailable: \(error)") { throw error }
            return
        }
        defer {
            server.beginShutdown()
            server.waitUntilStopped(timeout: .seconds(5))
        }
        let client = try TestClient(port: server.localAddress!.port, host: "::1")

        try client.send("GET /six HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try client.readResponse()

        #expect(response.bodyText == "GET /six ")
        #expect(server.localAddress?.description.hasPrefix("[::1]:") == true)
    }

    @Test func reportsBindFailureWithAddress() throws {
        try withServer(handler: echoHandler) { _, port in
            var configuration = testConfiguration()
            configuration.port = port
            let second = HTTPServer(configuration: configuration, logger: Recorder().logger, handler: echoHandler)

            let error = try #require(throws: SocketError.self) { try second.start() }
            #expect(error.errno == EADDRINUSE)
            #expect(error.description.contains("127.0.0.1:\(port)"))
            #expect(second.state == .stopped)
        }
    }

    @Test func rejectsUnknownHost() throws {
        var configuration = testConfiguration()
        configuration.host = "example.com"
        let server = HTTPServer(configuration: configuration, logger: Recorder().logger, handler: echoHandler)

        let error = try #require(throws: SocketError.self) { try server.start() }
        #expect(error.errno == EINVAL)
    }
}
