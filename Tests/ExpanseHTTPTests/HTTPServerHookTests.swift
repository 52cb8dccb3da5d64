import Foundation
import Testing

@testable import ExpanseHTTP

/// The error renderer and the route labeler that the layer above gives the server.
@Suite struct HTTPServerHookTests {
    /// Renders errors under `/json` as `{"error": detail}` and leaves the rest to the server.
    private let jsonRenderer: HTTPErrorRenderer = { error, path in
        guard path.hasPrefix("/json") else { return nil }
        let body = try! JSONSerialization.data(withJSONObject: ["error": error.detail])
        return HTTPResponse(status: error.status, headers: ["Content-Type": "application/json"], body: [UInt8](body))
    }

    /// Labels `/json/...` paths `/json/{id}` and everything else `unmatched`.
    private let labeler: HTTPRouteLabeler = { path in
        path.hasPrefix("/json/") ? "/json/{id}" : HTTPRequestRecord.unmatchedRoute
    }

    @Test func rendererShapesServerErrors() throws {
        var configuration = testConfiguration()
        configuration.maxBodyBytes = 10
        configuration.settingNames = ["maxBodyBytes": "--max-body-bytes"]
        try withServer(configuration: configuration, errorRenderer: jsonRenderer, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send("POST /json/1?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/json")
            #expect(
                response.jsonObject?["error"] as? String
                    == "The Content-Length of 11 bytes exceeds the limit of 10 bytes; send a smaller body or raise --max-body-bytes on the server."
            )
        }
    }

    @Test func rendererShapesDecodingErrors() throws {
        try withServer(errorRenderer: jsonRenderer, handler: echoHandler) { _, port in
            let client = try TestClient(port: port)

            try client.send(postRequest(Array("abc".utf8), headers: "Content-Encoding: br\r\n", target: "/json/2"))
            let response = try client.readResponse()

            #expect(response.status == 415)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("Accept-Encoding") == "gzip")
            #expect(response.jsonObject?["error"] as? String == "The content coding br is not supported; send gzip or identity.")
        }
    }

    @Test func rendererKeepsHandlerErrorHeaders() throws {
        let handler: HTTPHandler = { _, _ in
            throw HTTPError(.methodNotAllowed, detail: "Use GET.", headers: ["Allow": "GET"])
        }
        try withServer(errorRenderer: jsonRenderer, handler: handler) { _, port in
            let client = try TestClient(port: port)

            try client.send("POST /json/3 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET")
            #expect(response.jsonObject?["error"] as? String == "Use GET.")
        }
    }

    @Test func rendererSkipsUnknownPath() throws {
        try withServer(errorRenderer: jsonRenderer, handler: echoHandler) { _, port in
            let malformed = try TestClient(port: port)
            try malformed.send("GET /json/4 HTTX/1.1\r\nHost: h\r\n\r\n")
            let rejected = try malformed.readResponse()

            let other = try TestClient(port: port)
            try other.send(postRequest(Array("abc".utf8), headers: "Content-Encoding: br\r\n", target: "/plain"))
            let plain = try other.readResponse()

            #expect(rejected.status == 400)
            #expect(rejected.header("Content-Type") == "application/problem+json")
            #expect(plain.status == 415)
            #expect(plain.header("Content-Type") == "application/problem+json")
        }
    }

    @Test func labelerNamesRouteOfServerErrors() throws {
        var configuration = testConfiguration()
        configuration.maxBodyBytes = 10
        let recorder = Recorder()
        try withServer(configuration: configuration, recorder: recorder, routeLabel: labeler, handler: { _, _ in HTTPResponse() }) { _, port in
            let tooLarge = try TestClient(port: port)
            try tooLarge.send("POST /json/5 HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n")
            _ = try tooLarge.readResponse()

            let badCoding = try TestClient(port: port)
            try badCoding.send(postRequest(Array("abc".utf8), headers: "Content-Encoding: br\r\n", target: "/json/6"))
            _ = try badCoding.readResponse()

            let handled = try TestClient(port: port)
            try handled.send("GET /json/7 HTTP/1.1\r\nHost: h\r\n\r\n")
            _ = try handled.readResponse()

            let malformed = try TestClient(port: port)
            try malformed.send("GET /json/8 HTTX/1.1\r\nHost: h\r\n\r\n")
            _ = try malformed.readResponse()
        }

        let records = recorder.records
        #expect(records.first { $0.status == 413 }?.route == "/json/{id}")
        #expect(records.first { $0.status == 415 }?.route == "/json/{id}")
        #expect(records.first { $0.status == 200 }?.route == "/json/{id}")
        #expect(records.first { $0.status == 400 }?.route == HTTPRequestRecord.unmatchedRoute)
    }
}
