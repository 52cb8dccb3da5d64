import Foundation

/// Runs `/usr/bin/openssl` for the TLS tests: makes certificates and acts as
/// a TLS client with `s_client`, which verifies the server against the
/// test's own certificate.
enum OpenSSLCommand {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let path = "/usr/bin/openssl"

    /// Writes a self-signed P-256 certificate for `commonName` (valid for
    /// 127.0.0.1) and its key, replacing any files there.
    static func makeCertificate(commonName: String, certificatePath: String, keyPath: String) throws {
        let result = try run([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", keyPath, "-out", certificatePath, "-days", "1", "-subj", "/CN=\(commonName)",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ])
        guard result.status == 0 else {
            throw Failure(description: "openssl req failed with status \(result.status): \(result.errors)")
        }
    }

    /// Sends `request` (which should carry `Connection: close`) over TLS to
    /// 127.0.0.1:`port`, verifying the server against `caFile`, and returns
    /// everything the server sent and s_client's report of the session.
    static func exchange(port: Int, caFile: String, request: [UInt8]) throws -> (response: [UInt8], session: String) {
        let result = try run(
            [
                "s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", caFile, "-verify_return_error",
                "-alpn", "http/1.1", "-ign_eof", "-quiet",
            ],
            input: request
        )
        guard result.status == 0 else {
            throw Failure(description: "openssl s_client failed with status \(result.status): \(result.errors)")
        }
        return (result.output, result.errors)
    }

    /// Returns the subject of the certificate the server at 127.0.0.1:`port` presents.
    static func serverSubject(port: Int) throws -> String {
        let result = try run(["s_client", "-connect", "127.0.0.1:\(port)", "-brief"], input: [])
        let report = result.errors + String(decoding: result.output, as: UTF8.self)
        guard let line = report.split(separator: "\n").first(where: { $0.contains("Peer certificate:") }) else {
            throw Failure(description: "openssl s_client printed no peer certificate: \(report)")
        }
        return String(line)
    }

    private static func run(_ arguments: [String], input: [UInt8]? = nil) throws -> (status: Int32, output: [UInt8], errors: String) {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(description: "\(path) is missing; install the openssl package to run the TLS tests")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()

        if let input {
            stdin.fileHandleForWriting.write(Data(input))
        }
        try stdin.fileHandleForWriting.close()

        // A server bug must fail the test, not hang it: end s_client after 10 s.
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(10)) {
            if process.isRunning { process.terminate() }
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, [UInt8](output), String(decoding: errors, as: UTF8.self))
    }
}
