import ExpanseHTTP
import ExpanseLog
import Foundation
import Synchronization

/// Collects observer records and log records for assertions.
final class Recorder: Sendable {
    private let storage = Mutex<[HTTPRequestRecord]>([])
    let logSink = InMemoryLogSink()

    var records: [HTTPRequestRecord] { storage.withLock { $0 } }

    var observer: HTTPRequestObserver {
        { record in self.storage.withLock { $0.append(record) } }
    }

    var logger: Logger {
        Logger(label: "test.http", logLevel: .trace, sink: logSink)
    }
}

/// Short limits for tests; the real defaults are tested separately.
func testConfiguration() -> HTTPServerConfiguration {
    var configuration = HTTPServerConfiguration()
    configuration.host = "127.0.0.1"
    configuration.port = 0
    configuration.lingerTimeout = .milliseconds(500)
    return configuration
}

/// Starts a server on 127.0.0.1 port 0, runs `body` with it and its port,
/// then shuts it down and waits (at most 5 s) for it to stop.
func withServer(
    configuration: HTTPServerConfiguration = testConfiguration(),
    recorder: Recorder = Recorder(),
    errorRenderer: HTTPErrorRenderer? = nil,
    routeLabel: HTTPRouteLabeler? = nil,
    handler: @escaping HTTPHandler,
    _ body: (HTTPServer, Int) throws -> Void
) throws {
    let server = HTTPServer(
        configuration: configuration,
        logger: recorder.logger,
        observer: recorder.observer,
        errorRenderer: errorRenderer,
        routeLabel: routeLabel,
        handler: handler
    )
    try server.start()
    defer {
        server.beginShutdown(drainDelay: .zero, drainTimeout: .seconds(2))
        server.waitUntilStopped(timeout: .seconds(5))
    }
    try body(server, server.localAddress!.port)
}

/// A handler that responds with the method, path and body it received.
let echoHandler: HTTPHandler = { request, route in
    route = "/echo"
    let text = "\(request.method) \(request.target) \(String(decoding: request.body, as: UTF8.self))"
    return HTTPResponse(status: .ok, contentType: "text/plain", body: text)
}

/// Polls `condition` every 10 ms for up to `seconds`; returns its last value.
func eventually(within seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}
