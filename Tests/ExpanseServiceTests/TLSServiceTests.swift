import ExpanseCompression
import ExpanseCore
import ExpanseHTTP
import Foundation
import Testing

/// Starts a service whose listener speaks TLS with a certificate made for
/// `commonName` in the service's temporary directory.
private func tlsService(commonName: String, gzipMinimumBytes: Int? = nil) throws -> TestService {
    try TestService(artifact: TestModel.artifact(seed: 1), configureHTTP: { http, directory in
        let certificate = directory + "/server.crt"
        let key = directory + "/server.key"
        try OpenSSLCommand.makeCertificate(commonName: commonName, certificatePath: certificate, keyPath: key)
        http.tls = TLSConfiguration(certificatePath: certificate, keyPath: key)
        http.gzipMinimumBytes = gzipMinimumBytes
    })
}

private func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) -> [UInt8] {
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
    for (name, value) in headers {
        head += "\(name): \(value)\r\n"
    }
    return Array((head + "\r\n").utf8) + body
}

@Test func scoresOverTLS() throws {
    let test = try tlsService(commonName: "expanse-first")
    defer { test.stop() }
    let rows = TestModel.rows(2, seed: 4)
    let body = "{\"transactions\":[\(TestModel.transaction(rows[0..<5], id: "a")),\(TestModel.transaction(rows[5..<10], id: "b"))]}"

    let exchange = try OpenSSLCommand.exchange(
        port: test.service.localAddress!.port, caFile: test.directory + "/server.crt",
        request: request("POST", "/v1/score", headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    )
    let response = try TestHTTPClient.parse(exchange.response)
    #expect(response.status == 200)
    let results = try #require(response.json?["results"] as? [[String: Any]])
    #expect(results.count == 2)

    let expected = TestModel.scorer(TestModel.artifact(seed: 1)).score(rows)
    let first = try #require(results[0]["fraud_probability"] as? Double)
    #expect(abs(first - Double(expected[0])) < 1e-6)
}

@Test func gzipBothWaysOverTLS() throws {
    let test = try tlsService(commonName: "expanse-gzip", gzipMinimumBytes: 64)
    defer { test.stop() }
    let rows = TestModel.rows(20, seed: 6)
    let transactions = (0..<20).map { TestModel.transaction(rows[($0 * 5)..<($0 * 5 + 5)], id: "t-\($0)") }
    let body = "{\"transactions\":[\(transactions.joined(separator: ","))]}"
    let compressed = try Gzip.compress(Array(body.utf8))

    let exchange = try OpenSSLCommand.exchange(
        port: test.service.localAddress!.port, caFile: test.directory + "/server.crt",
        request: request(
            "POST", "/v1/score",
            headers: ["Content-Type": "application/json", "Content-Encoding": "gzip", "Accept-Encoding": "gzip"],
            body: compressed
        )
    )
    let response = try TestHTTPClient.parse(exchange.response)
    #expect(response.status == 200)
    #expect(response.header("Content-Encoding") == "gzip")
    #expect(response.header("Vary")?.contains("Accept-Encoding") == true)

    let inflated = try Gzip.decompress(response.body, maxOutputBytes: 1 << 20)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(inflated)) as? [String: Any])
    let results = try #require(json["results"] as? [[String: Any]])
    #expect(results.count == 20)
    #expect(results.last?["id"] as? String == "t-19")
}

@Test func gzipBombIsRejectedBeforeScoring() throws {
    let test = try TestService(artifact: TestModel.artifact(seed: 1), configureHTTP: { http, _ in
        http.maxInflatedBodyBytes = 1 << 20
    })
    defer { test.stop() }
    let bomb = try Gzip.compress([UInt8](repeating: 0x20, count: 32 << 20))

    let response = try test.client.send(
        method: "POST", path: "/v1/score",
        headers: ["Content-Type": "application/json", "Content-Encoding": "gzip"], body: bomb
    )
    #expect(response.status == 413)
    #expect(response.text.contains("maxInflatedBodyBytes"))
    #expect(try test.metricValue("expanse_scored_rows_total") == 0)
}

@Test func reloadSwapsCertificateWithModel() throws {
    let test = try tlsService(commonName: "expanse-first")
    defer { test.stop() }
    let port = test.service.localAddress!.port
    #expect(try OpenSSLCommand.serverSubject(port: port).contains("expanse-first"))

    // The reload request still arrives over the first certificate, so the
    // client verifies it against a copy of that one.
    try FileManager.default.copyItem(atPath: test.directory + "/server.crt", toPath: test.directory + "/first.crt")
    try OpenSSLCommand.makeCertificate(
        commonName: "expanse-second", certificatePath: test.directory + "/server.crt", keyPath: test.directory + "/server.key"
    )
    let reload = try OpenSSLCommand.exchange(
        port: port, caFile: test.directory + "/first.crt", request: request("POST", "/admin/reload")
    )
    #expect(try TestHTTPClient.parse(reload.response).status == 200)
    #expect(try OpenSSLCommand.serverSubject(port: port).contains("expanse-second"))
}

@Test func brokenCertificateKeepsOldPairAndModel() throws {
    let test = try tlsService(commonName: "expanse-kept")
    defer { test.stop() }
    let port = test.service.localAddress!.port
    let modelBefore = test.service.registry.current?.sha256

    // A new model with a broken certificate: the reload must swap neither.
    _ = try TestModel.artifact(seed: 2).write(to: test.modelPath)
    try "not a certificate\n".write(toFile: test.directory + "/server.crt", atomically: true, encoding: .utf8)
    let result = test.service.reloader.reload(trigger: "test")
    guard case .failure(let error) = result else {
        Issue.record("reload with a broken certificate succeeded")
        return
    }
    #expect(error.message.contains("server.crt"))
    #expect(test.service.registry.current?.sha256 == modelBefore)
    #expect(try OpenSSLCommand.serverSubject(port: port).contains("expanse-kept"))
}
