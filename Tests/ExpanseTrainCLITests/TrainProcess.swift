import Foundation

/// Runs the built `expanse-train` binary and collects its output.
struct TrainProcess {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The folder holding the test bundle, where SwiftPM also puts the package's executables.
    static let binaryDirectory: URL = {
        var url = Bundle.main.bundleURL
        if url.pathExtension == "xctest" {
            url.deleteLastPathComponent()
        }
        var candidate = url
        for _ in 0..<3 where !FileManager.default.fileExists(atPath: candidate.appendingPathComponent("expanse-train").path) {
            candidate.deleteLastPathComponent()
        }
        return candidate
    }()

    /// Runs `expanse-train` with `arguments` and waits for it to exit.
    static func run(_ arguments: [String]) throws -> TrainProcess {
        let process = Process()
        process.executableURL = binaryDirectory.appendingPathComponent("expanse-train")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()

        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return TrainProcess(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}

/// A temporary folder removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "expanse-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String {
        path + "/" + name
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Writes a labelled CSV with features `a`, `b`, `c` and label `Class`:
/// positives sit apart in `a` and `b`, so any working model ranks them first.
func writeSeparableCSV(to path: String, rows: Int = 1200, positiveEvery: Int = 8) throws {
    var generator = LinearCongruentialGenerator(seed: 11)
    var text = "\"a\",\"b\",\"c\",\"Class\"\r\n"
    for row in 0..<rows {
        let positive = row % positiveEvery == 0
        let shift = positive ? 2.5 : 0.0
        let a = generator.nextGaussian() + shift
        let b = generator.nextGaussian() - shift
        let c = generator.nextGaussian()
        text += "\(a),\(b),\(c),\"\(positive ? 1 : 0)\"\r\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// A small deterministic generator for test data.
struct LinearCongruentialGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func nextUnit() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }

    /// Draws a standard normal value by the Box-Muller transform.
    mutating func nextGaussian() -> Double {
        let u = max(nextUnit(), 1e-12)
        let v = nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
