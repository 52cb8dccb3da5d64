import ExpanseCore
import Foundation
import Testing

/// Returns the built `expanse-serve`, found next to the test bundle in the build folder.
private func serveBinary() throws -> URL {
    var directory = Bundle.main.bundleURL
    for _ in 0..<3 {
        let candidate = directory.appendingPathComponent("expanse-serve")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory.deleteLastPathComponent()
    }
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "expanse-serve near \(Bundle.main.bundleURL.path); run swift build first"])
}

private struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the binary to completion, killing it after `timeout` seconds.
private func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 20) throws -> Run {
    let process = Process()
    process.executableURL = try serveBinary()
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("EXPANSE_") }.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline {
        Thread.sleep(forTimeInterval: 0.01)
    }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return Run(
        status: process.terminationStatus,
        stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
        stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    )
}

private let flags = [
    "host", "port", "model", "model-name", "max-batch-rows", "max-header-bytes", "max-body-bytes", "max-inflated-bytes",
    "header-timeout", "body-timeout", "idle-timeout", "max-connections", "event-loops", "drain-delay", "drain-timeout", "log-level",
    "tls-cert", "tls-key", "tls-handshake-timeout", "gzip-min-bytes", "api-keys-file", "protect-metrics", "watch",
]

@Test func helpListsEveryFlag() throws {
    let result = try run(["--help"])

    #expect(result.status == 0)
    for flag in flags {
        #expect(result.stdout.contains("--\(flag)"), "--\(flag) missing from help")
        let variable = "EXPANSE_" + flag.uppercased().replacingOccurrences(of: "-", with: "_")
        #expect(result.stdout.contains(variable), "\(variable) missing from help")
    }
    #expect(result.stdout.contains("(default: 10000)"))
    #expect(result.stdout.contains("More connections get 503 with Retry-After over plain HTTP, or are closed without a response under TLS."))
}

@Test(arguments: [
    (["--port", "70000"], "--port"),
    (["--max-batch-rows", "0"], "--max-batch-rows"),
    (["--event-loops", "0"], "--event-loops"),
    (["--drain-timeout", "-1"], "--drain-timeout"),
    (["--log-level", "loud"], "--log-level"),
    (["--host", "example.com"], "--host"),
    (["--header-timeout", "0x10"], "invalid --header-timeout value '0x10'"),
    (["--max-connections", "1e3"], "invalid --max-connections value '1e3'"),
    (["--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"], "--tls-cert"),
    (["--protect-metrics"], "--protect-metrics"),
    (["--watch"], "--watch"),
    (["--no-such-flag"], "--no-such-flag"),
])
func badFlagExits64(arguments: [String], named: String) throws {
    let result = try run(arguments)

    #expect(result.status == 64)
    #expect(result.stderr.contains(named), "\(result.stderr)")
}

@Test func badEnvironmentValueExits64() throws {
    let result = try run([], environment: ["EXPANSE_IDLE_TIMEOUT": "soon"])

    #expect(result.status == 64)
    #expect(result.stderr.contains("EXPANSE_IDLE_TIMEOUT"), "\(result.stderr)")
}

@Test func hexadecimalEnvironmentValueExits64() throws {
    let result = try run([], environment: ["EXPANSE_HEADER_TIMEOUT": "0x10"])

    #expect(result.status == 64)
    #expect(result.stderr.contains("invalid EXPANSE_HEADER_TIMEOUT value '0x10': expected a decimal number from 0.1 to 3600"), "\(result.stderr)")
}

@Test func helpShowsEnforcedRanges() throws {
    let help = try run(["--help"]).stdout.split(separator: "\n").map(String.init)
    let rangedFlags = [
        "port", "max-batch-rows", "max-header-bytes", "max-body-bytes", "max-inflated-bytes", "header-timeout", "body-timeout",
        "idle-timeout", "max-connections", "event-loops", "drain-delay", "drain-timeout", "tls-handshake-timeout", "gzip-min-bytes",
    ]

    for flag in rangedFlags {
        // The rejection message names the range that the parser enforces.
        let result = try run(["--\(flag)", "0x10"])
        let message = try #require(
            result.stderr.firstMatch(of: /value '0x10': expected a decimal (integer|number) from (.+)\n/),
            "--\(flag) 0x10: \(result.stderr)"
        )
        // A label too long for the column puts the text on the next line.
        let index = try #require(help.firstIndex { $0.hasPrefix("  --\(flag) ") }, "--\(flag) missing from help")
        let entry = help[index].dropFirst(2).contains("  ") ? help[index] : help[index] + help[index + 1]

        #expect(result.status == 64, "--\(flag)")
        #expect(entry.contains(", \(message.2)"), "help shows no range \(message.2) for --\(flag): \(entry)")
    }
}

@Test func unloadableModelExits1() throws {
    let directory = try TestModel.temporaryDirectory()
    let path = directory + "/broken.safetensors"
    try Data("not a model".utf8).write(to: URL(fileURLWithPath: path))

    let result = try run(["--model", path, "--port", "0"])

    #expect(result.status == 1)
    #expect(result.stderr.contains(path), "\(result.stderr)")
    #expect(result.stderr.contains("not a safetensors file"), "\(result.stderr)")
}

/// Starts the binary on port 0 with a fresh model and `arguments`, and
/// returns the process and the port from its start log. The caller
/// terminates the process.
private func startServe(_ arguments: [String]) throws -> (process: Process, port: Int) {
    let directory = try TestModel.temporaryDirectory()
    let path = directory + "/model.safetensors"
    _ = try TestModel.artifact(seed: 81).write(to: path)

    let process = Process()
    process.executableURL = try serveBinary()
    process.arguments = ["--model", path, "--port", "0"] + arguments
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()

    // The start log line carries the port the kernel picked.
    var log = ""
    var port: Int?
    let deadline = Date().addingTimeInterval(20)
    while port == nil && Date() < deadline && process.isRunning {
        log += String(decoding: err.fileHandleForReading.availableData, as: UTF8.self)
        if let range = log.range(of: #""server.port":(\d+)"#, options: .regularExpression) {
            port = Int(log[range].split(separator: ":").last!)
        }
    }
    guard let port else {
        if process.isRunning { process.terminate() }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no port in the start log: \(log)"])
    }
    return (process, port)
}

@Test func limitErrorsNameFlags() throws {
    let (process, port) = try startServe(["--max-body-bytes", "2000"])
    defer { if process.isRunning { process.terminate() } }
    let client = TestHTTPClient(port: port)

    let body = try client.post("/v1/score", json: String(repeating: " ", count: 2874))
    let head = try client.get("/healthz", headers: ["X-Big": String(repeating: "b", count: 20_000)])
    let fields = try client.get("/healthz", headers: Dictionary(uniqueKeysWithValues: (0..<100).map { ("X-F\($0)", "v") }))

    #expect(body.status == 413)
    #expect(body.json?["setting"] as? String == "--max-body-bytes")
    #expect(
        body.json?["detail"] as? String
            == "The Content-Length of 2874 bytes exceeds the limit of 2000 bytes; send a smaller body or raise --max-body-bytes on the server."
    )
    #expect(head.status == 431)
    #expect(head.json?["setting"] as? String == "--max-header-bytes")
    #expect(fields.status == 431)
    #expect(fields.json?["setting"] == nil)
    #expect((fields.json?["detail"] as? String)?.hasSuffix("The server's limit is fixed.") == true)
}

@Test func serveRunsOnChosenEventLoopCount() throws {
    let (process, port) = try startServe(["--event-loops", "3"])
    defer { if process.isRunning { process.terminate() } }

    // Four clients in turn land on every loop, and one twice.
    let statuses = try (0..<4).map { _ in try TestHTTPClient(port: port).get("/readyz").status }

    #expect(statuses == [200, 200, 200, 200])
}

@Test func sigtermDrainsAndExits0() throws {
    let (process, port) = try startServe(["--drain-delay", "0.2", "--drain-timeout", "5"])
    defer { if process.isRunning { process.terminate() } }
    let client = TestHTTPClient(port: port)
    #expect(try client.get("/readyz").status == 200)

    kill(process.processIdentifier, SIGTERM)
    Thread.sleep(forTimeInterval: 0.05)
    let draining = try client.get("/readyz")
    let stopDeadline = Date().addingTimeInterval(10)
    while process.isRunning && Date() < stopDeadline {
        Thread.sleep(forTimeInterval: 0.02)
    }

    #expect(draining.status == 503)
    #expect(!process.isRunning)
    #expect(process.terminationStatus == 0)
    #expect(process.terminationReason == .exit)
}
