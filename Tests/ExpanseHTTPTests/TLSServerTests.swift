import COpenSSL
import ExpanseHTTP
import Foundation
import Testing

/// Returns a test configuration that serves TLS with `certificate`.
func tlsConfiguration(_ certificate: TestCertificate, handshakeTimeout: Duration = .seconds(10)) -> HTTPServerConfiguration {
    var configuration = testConfiguration()
    configuration.tls = TLSConfiguration(
        certificatePath: certificate.certificatePath,
        keyPath: certificate.keyPath,
        handshakeTimeout: handshakeTimeout
    )
    return configuration
}

/// Opens a TLS connection to 127.0.0.1:`port` that trusts `certificate`.
func connectTLS(port: Int, trusting certificate: TestCertificate, alpn: [String]? = ["http/1.1"]) throws -> TestClient {
    let client = try TestClient(port: port)
    try client.startTLS(TLSClientContext(trustedCertificatePath: certificate.certificatePath, alpn: alpn))
    return client
}

/// A handler that returns the request body unchanged.
let bodyEchoHandler: HTTPHandler = { request, route in
    route = "/body"
    return HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: request.body)
}

@Suite struct TLSServerTests {
    @Test func servesRequestOverTLS() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }

        try withServer(configuration: tlsConfiguration(certificate), handler: echoHandler) { _, port in
            let client = try connectTLS(port: port, trusting: certificate)
            #expect(client.selectedALPN == "http/1.1")
            #expect(client.peerCommonName == "expanse-test")
            #expect(client.tlsVersion == "TLSv1.3")

            try client.send("POST /tls HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "POST /tls hello")
        }
    }

    @Test func offersNoALPNForOnlyH2() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }

        try withServer(configuration: tlsConfiguration(certificate), handler: echoHandler) { _, port in
            let client = try connectTLS(port: port, trusting: certificate, alpn: ["h2"])
            #expect(client.selectedALPN == nil)

            try client.send("GET /after-h2 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func rejectsTLS11Client() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }

        try withServer(configuration: tlsConfiguration(certificate), handler: echoHandler) { _, port in
            let context = try TLSClientContext(trustedCertificatePath: certificate.certificatePath, maxVersion: TLS1_1_VERSION)
            let client = try TestClient(port: port)
            let error = try #require(throws: TestClient.ClientError.self) { try client.startTLS(context) }
            // The server's protocol_version alert, not a local refusal.
            #expect(error.description.contains("tlsv1 alert protocol version"), "\(error)")

            let modern = try connectTLS(port: port, trusting: certificate)
            try modern.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try modern.readResponse().status == 200)
        }
    }

    @Test func keepsTLSConnectionAlive() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }
        let recorder = Recorder()

        try withServer(configuration: tlsConfiguration(certificate), recorder: recorder, handler: echoHandler) { _, port in
            let client = try connectTLS(port: port, trusting: certificate)
            for index in 0..<5 {
                try client.send("GET /r\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.bodyText == "GET /r\(index) ")
                #expect(response.header("Connection") == nil)
            }

            // Two pipelined requests in one TLS write.
            try client.send("GET /p1 HTTP/1.1\r\nHost: x\r\n\r\nGET /p2 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().bodyText == "GET /p1 ")
            #expect(try client.readResponse().bodyText == "GET /p2 ")
        }
        #expect(recorder.records.count == 7)
    }

    @Test func carriesMebibyteBodiesOverTLS() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }

        try withServer(configuration: tlsConfiguration(certificate), handler: bodyEchoHandler) { _, port in
            var generator = SystemRandomNumberGenerator()
            let body = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let client = try connectTLS(port: port, trusting: certificate)

            for _ in 0..<2 {
                try client.send(Array("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.body.count == body.count)
                #expect(response.body == body)
            }
        }
    }

    @Test func closesPlainHTTPOnTLSPort() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }
        let recorder = Recorder()

        try withServer(configuration: tlsConfiguration(certificate), recorder: recorder, handler: echoHandler) { server, port in
            let plain = try TestClient(port: port)
            try plain.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let reply = (try? plain.readUntilClosed()) ?? []
            #expect(!String(decoding: reply, as: UTF8.self).hasPrefix("HTTP/"))

            let client = try connectTLS(port: port, trusting: certificate)
            try client.send("GET /after-plain HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            #expect(eventually { server.openConnectionCount == 1 })
        }

        let closed = recorder.logSink.records.contains { record in
            record.message == "connection closed" && record.metadata["reason"]?.description.hasPrefix("TLS handshake failed") == true
        }
        #expect(closed)
    }

    @Test func closesStalledHandshake() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }
        let recorder = Recorder()
        let configuration = tlsConfiguration(certificate, handshakeTimeout: .milliseconds(300))

        try withServer(configuration: configuration, recorder: recorder, handler: echoHandler) { server, port in
            let silent = try TestClient(port: port)
            // Half a ClientHello: a record header announcing 512 bytes, then nothing.
            let partial = try TestClient(port: port)
            try partial.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])

            let client = try connectTLS(port: port, trusting: certificate)
            try client.send("GET /meanwhile HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)

            #expect(silent.isClosedByServer())
            #expect(partial.isClosedByServer())
            #expect(eventually { server.openConnectionCount == 1 })

            try client.send("GET /still-open HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }

        let timedOut = recorder.logSink.records.filter { record in
            record.metadata["reason"]?.description == "TLS handshake not complete within handshakeTimeout"
        }
        #expect(timedOut.count == 2)
    }

    @Test func closesTLSConnectionOverCapacity() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }
        var configuration = tlsConfiguration(certificate)
        configuration.maxConnections = 1

        try withServer(configuration: configuration, handler: echoHandler) { server, port in
            let first = try connectTLS(port: port, trusting: certificate)
            #expect(eventually { server.openConnectionCount == 1 })

            let second = try TestClient(port: port)
            let context = try TLSClientContext(trustedCertificatePath: certificate.certificatePath)
            #expect(throws: TestClient.ClientError.self) { try second.startTLS(context) }

            try first.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try first.readResponse().status == 200)
        }
    }
}
