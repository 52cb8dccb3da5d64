import Foundation

/// A self-signed P-256 certificate and key, written by the `openssl`
/// command-line tool into a new temporary directory.
struct TestCertificate {
    static let openSSLPath = "/usr/bin/openssl"

    let directory: URL
    var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    var keyPath: String { directory.appendingPathComponent("key.pem").path }

    struct GenerationError: Error, CustomStringConvertible {
        let description: String
    }

    /// Creates a temporary directory and a certificate for `commonName` in it.
    /// - Throws: `GenerationError` when `/usr/bin/openssl` is missing or fails.
    init(commonName: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("expanse-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.generate(commonName: commonName, certificatePath: certificatePath, keyPath: keyPath)
    }

    /// Writes a new certificate and key for `commonName` to the given paths,
    /// replacing any files there.
    static func generate(commonName: String, certificatePath: String, keyPath: String) throws {
        guard FileManager.default.isExecutableFile(atPath: openSSLPath) else {
            throw GenerationError(description: "\(openSSLPath) is missing; install the openssl package to run the TLS tests")
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: openSSLPath)
        process.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", keyPath, "-out", certificatePath, "-days", "1", "-subj", "/CN=\(commonName)",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw GenerationError(description: "openssl req failed with status \(process.terminationStatus): \(output)")
        }
    }

    /// Removes the temporary directory.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
