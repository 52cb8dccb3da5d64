import ExpanseHTTP
import Foundation
import Testing

@Suite struct TLSConfigurationTests {
    /// Starts a server with `configuration` and returns the error `start()` throws.
    private func startError(_ configuration: HTTPServerConfiguration) throws -> TLSConfigurationError {
        let server = HTTPServer(configuration: configuration, logger: Recorder().logger, handler: echoHandler)
        let error = try #require(throws: TLSConfigurationError.self) { try server.start() }
        #expect(server.state == .stopped)
        return error
    }

    /// The file of the certificate-and-key pair that a test removes.
    enum PairFile: CaseIterable {
        case certificate, key
    }

    @Test(arguments: PairFile.allCases)
    func namesMissingFile(_ file: PairFile) throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }
        var configuration = tlsConfiguration(certificate)
        let missing = certificate.directory.appendingPathComponent("absent-\(file).pem").path
        switch file {
        case .certificate: configuration.tls?.certificatePath = missing
        case .key: configuration.tls?.keyPath = missing
        }

        let error = try startError(configuration)
        guard case .fileNotReadable(let path, _) = error else {
            Issue.record("expected fileNotReadable, got \(error)")
            return
        }
        #expect(path == missing)
        #expect(error.description.contains(missing))
    }

    @Test func namesInvalidKey() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: certificate.keyPath))

        let error = try startError(tlsConfiguration(certificate))
        guard case .invalidPrivateKey(let path, let reason) = error else {
            Issue.record("expected invalidPrivateKey, got \(error)")
            return
        }
        #expect(path == certificate.keyPath)
        #expect(!reason.isEmpty)
    }

    @Test func namesInvalidCertificate() throws {
        let certificate = try TestCertificate(commonName: "expanse-test")
        defer { certificate.remove() }
        try Data("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".utf8)
            .write(to: URL(fileURLWithPath: certificate.certificatePath))

        let error = try startError(tlsConfiguration(certificate))
        guard case .invalidCertificate(let path, _) = error else {
            Issue.record("expected invalidCertificate, got \(error)")
            return
        }
        #expect(path == certificate.certificatePath)
    }

    @Test func namesMismatchedKey() throws {
        let first = try TestCertificate(commonName: "first")
        let second = try TestCertificate(commonName: "second")
        defer {
            first.remove()
            second.remove()
        }
        var configuration = tlsConfiguration(first)
        configuration.tls?.keyPath = second.keyPath

        let error = try startError(configuration)
        guard case .keyMismatch(let certificatePath, let keyPath, let reason) = error else {
            Issue.record("expected keyMismatch, got \(error)")
            return
        }
        #expect(certificatePath == first.certificatePath)
        #expect(keyPath == second.keyPath)
        #expect(reason.contains("key values mismatch"))
        #expect(error.description.contains(second.keyPath))
    }

    @Test func reloadSwapsCertificate() throws {
        let certificate = try TestCertificate(commonName: "before-reload")
        defer { certificate.remove() }
        let recorder = Recorder()

        try withServer(configuration: tlsConfiguration(certificate), recorder: recorder, handler: echoHandler) { server, port in
            let early = try connectTLS(port: port, trusting: certificate)
            #expect(early.peerCommonName == "before-reload")

            let original = try TestCertificate(commonName: "unused")
            defer { original.remove() }
            try FileManager.default.removeItem(atPath: original.certificatePath)
            try FileManager.default.copyItem(atPath: certificate.certificatePath, toPath: original.certificatePath)
            try TestCertificate.generate(commonName: "after-reload", certificatePath: certificate.certificatePath, keyPath: certificate.keyPath)
            try server.reloadTLS()

            let late = try connectTLS(port: port, trusting: certificate)
            #expect(late.peerCommonName == "after-reload")
            try late.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try late.readResponse().status == 200)

            // The connection opened before the reload keeps its session.
            try early.send("GET /early HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try early.readResponse().status == 200)
            #expect(early.peerCommonName == "before-reload")
        }
    }

    @Test func failedReloadKeepsCertificate() throws {
        let certificate = try TestCertificate(commonName: "kept")
        defer { certificate.remove() }

        try withServer(configuration: tlsConfiguration(certificate), handler: echoHandler) { server, port in
            let trusted = try TestCertificate(commonName: "unused")
            defer { trusted.remove() }
            try FileManager.default.removeItem(atPath: trusted.certificatePath)
            try FileManager.default.copyItem(atPath: certificate.certificatePath, toPath: trusted.certificatePath)

            // A new certificate whose key is not the one on disk.
            let other = try TestCertificate(commonName: "mismatched")
            defer { other.remove() }
            try FileManager.default.removeItem(atPath: certificate.certificatePath)
            try FileManager.default.copyItem(atPath: other.certificatePath, toPath: certificate.certificatePath)

            let error = try #require(throws: TLSConfigurationError.self) { try server.reloadTLS() }
            guard case .keyMismatch = error else {
                Issue.record("expected keyMismatch, got \(error)")
                return
            }

            let client = try connectTLS(port: port, trusting: trusted)
            #expect(client.peerCommonName == "kept")
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func reloadWithoutTLSThrows() throws {
        try withServer(handler: echoHandler) { server, _ in
            let error = try #require(throws: TLSConfigurationError.self) { try server.reloadTLS() }
            #expect(error == .notConfigured)
        }
    }
}
