import ExpanseCore
import ExpanseHTTP
import ExpanseLog
import ExpanseService
import Foundation

/// An `ExpanseService` on 127.0.0.1 with a kernel-chosen port, serving an
/// artifact written to a temporary directory, with logs kept in memory.
final class TestService {
    let service: ExpanseService
    let logs = InMemoryLogSink()
    let directory: String
    let modelPath: String
    let client: TestHTTPClient

    init(
        artifact: ModelArtifact,
        configure: (inout ServiceConfiguration) throws -> Void = { _ in },
        configureHTTP: (inout HTTPServerConfiguration, _ directory: String) throws -> Void = { _, _ in }
    ) throws {
        directory = try TestModel.temporaryDirectory()
        modelPath = directory + "/model.safetensors"
        _ = try artifact.write(to: modelPath)

        var configuration = ServiceConfiguration(modelPath: modelPath)
        try configure(&configuration)
        var http = HTTPServerConfiguration()
        http.port = 0
        try configureHTTP(&http, directory)
        service = try ExpanseService(configuration: configuration, http: http, logger: Logger(label: "test", logLevel: .debug, sink: logs))
        try service.start()
        client = TestHTTPClient(port: service.localAddress!.port)
    }

    /// Drains with no delay and waits for the server to stop.
    func stop() {
        service.beginShutdown(drainDelay: .zero, drainTimeout: .seconds(5))
        service.server.waitUntilStopped(timeout: .seconds(10))
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Returns the value of the sample `line` (name and labels) in the
    /// metrics text, or nil when it is absent.
    func metricValue(_ line: String) throws -> Double? {
        let text = try client.get("/metrics").text
        for sample in text.split(separator: "\n") where sample.hasPrefix(line + " ") {
            return Double(sample.dropFirst(line.count + 1))
        }
        return nil
    }
}
