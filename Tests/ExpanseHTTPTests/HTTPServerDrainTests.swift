import Dispatch
import Foundation
import Glibc
import Testing

@testable import ExpanseHTTP

/// Graceful shutdown and the lifecycle state machine.
@Suite struct HTTPServerDrainTests {
    @Test func drainFinishesInFlightAndClosesIdle() throws {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let handler: HTTPHandler = { request, route in
            route = request.path
            if request.path == "/slow" {
                started.signal()
                // Bounded so a failing test cannot leave the handler blocked.
                _ = release.wait(timeout: .now() + 5)
            }
            return HTTPResponse(status: .ok, contentType: "text/plain", body: request.path)
        }
        let recorder = Recorder()
        let server = HTTPServer(configuration: testConfiguration(), logger: recorder.logger, observer: recorder.observer, handler: handler)
        try server.start()
        let port = server.localAddress!.port
        defer {
            release.signal()
            server.waitUntilStopped(timeout: .seconds(5))
        }

        let idle = try TestClient(port: port)
        try idle.send("GET /warm HTTP/1.1\r\nHost: h\r\n\r\n")
        _ = try idle.readResponse()
        let busy = try TestClient(port: port)
        try busy.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(started.wait(timeout: .now() + 5) == .success)
        #expect(eventually { server.inFlightRequestCount == 1 })

        let stopped = DispatchSemaphore(value: 0)
        server.beginShutdown(drainDelay: .milliseconds(100), drainTimeout: .seconds(5)) { stopped.signal() }
        #expect(server.isDraining)
        #expect(server.state == .draining)

        // The idle connection is closed after the delay; the busy one is not.
        #expect(idle.isClosedByServer())
        #expect(eventually { server.openConnectionCount == 1 })
        #expect(eventually { !canConnect(port: port) })

        release.signal()
        let response = try busy.readResponse()
        #expect(response.status == 200)
        #expect(response.bodyText == "/slow")
        #expect(response.header("Connection") == "close")
        #expect(busy.isClosedByServer())

        #expect(stopped.wait(timeout: .now() + 5) == .success)
        #expect(server.state == .stopped)
        #expect(server.openConnectionCount == 0)
        #expect(server.inFlightRequestCount == 0)
    }

    @Test func drainClosesKeepAliveAfterResponse() throws {
        let server = HTTPServer(configuration: testConfiguration(), logger: Recorder().logger, handler: echoHandler)
        try server.start()
        defer {
            server.beginShutdown()
            server.waitUntilStopped(timeout: .seconds(5))
        }
        let client = try TestClient(port: server.localAddress!.port)
        try client.send("GET /before HTTP/1.1\r\nHost: h\r\n\r\n")
        let before = try client.readResponse()

        // The delay keeps the listener open and the idle connection alive.
        server.beginShutdown(drainDelay: .seconds(1), drainTimeout: .seconds(2))
        try client.send("GET /during HTTP/1.1\r\nHost: h\r\n\r\n")
        let during = try client.readResponse()

        #expect(before.header("Connection") == nil)
        #expect(during.status == 200)
        #expect(during.bodyText == "GET /during ")
        #expect(during.header("Connection") == "close")
        #expect(client.isClosedByServer())
    }

    @Test func drainTimeoutClosesStuckConnection() throws {
        let release = DispatchSemaphore(value: 0)
        let handler: HTTPHandler = { _, _ in
            _ = release.wait(timeout: .now() + 5)
            return HTTPResponse()
        }
        let server = HTTPServer(configuration: testConfiguration(), logger: Recorder().logger, handler: handler)
        try server.start()
        defer { release.signal() }

        let client = try TestClient(port: server.localAddress!.port)
        try client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(eventually { server.inFlightRequestCount == 1 })

        server.beginShutdown(drainDelay: .zero, drainTimeout: .milliseconds(200))

        #expect(server.waitUntilStopped(timeout: .seconds(5)))
        #expect(server.state == .stopped)
    }

    @Test func stopsAtOnceWithoutConnections() throws {
        let server = HTTPServer(configuration: testConfiguration(), logger: Recorder().logger, handler: echoHandler)
        try server.start()

        server.beginShutdown()

        #expect(server.waitUntilStopped(timeout: .seconds(5)))
        #expect(server.state == .stopped)
    }

    @Test func shutdownBeforeStartStops() {
        let server = HTTPServer(configuration: testConfiguration(), logger: Recorder().logger, handler: echoHandler)
        let called = DispatchSemaphore(value: 0)

        server.beginShutdown { called.signal() }

        #expect(server.state == .stopped)
        #expect(called.wait(timeout: .now() + 5) == .success)
    }

    @Test func lateStopCallbackStillRuns() throws {
        let server = HTTPServer(configuration: testConfiguration(), logger: Recorder().logger, handler: echoHandler)
        try server.start()
        server.beginShutdown()
        #expect(server.waitUntilStopped(timeout: .seconds(5)))
        let called = DispatchSemaphore(value: 0)

        server.beginShutdown { called.signal() }

        #expect(called.wait(timeout: .now() + 5) == .success)
    }

    @Test(arguments: [
        (HTTPServerState.starting, HTTPServerState.running, true),
        (.starting, .stopped, true),
        (.running, .draining, true),
        (.draining, .stopped, true),
        (.running, .stopped, false),
        (.stopped, .running, false),
        (.draining, .running, false),
        (.starting, .draining, false),
    ])
    func lifecycleTransitions(from: HTTPServerState, to: HTTPServerState, allowed: Bool) {
        #expect(from.canMove(to: to) == allowed)
    }

    @Test func lifecycleDescriptions() {
        #expect([HTTPServerState.starting, .running, .draining, .stopped].map(\.description) == ["starting", "running", "draining", "stopped"])
    }

    @Test(arguments: [
        (HTTPConnectionState.awaitingRequest, HTTPConnectionState.readingHead, true),
        (.readingBody, .processing, true),
        (.processing, .writingResponse, true),
        (.writingResponse, .awaitingRequest, true),
        (.writingResponse, .lingering, true),
        (.closed, .readingHead, false),
        (.processing, .readingHead, false),
        (.awaitingRequest, .processing, false),
        (.handshaking, .awaitingRequest, true),
        (.handshaking, .closed, true),
        (.handshaking, .readingHead, false),
        (.handshaking, .lingering, false),
        (.awaitingRequest, .handshaking, false),
    ])
    func connectionTransitions(from: HTTPConnectionState, to: HTTPConnectionState, allowed: Bool) {
        #expect(from.canMove(to: to) == allowed)
    }
}

/// Returns whether a TCP connection to 127.0.0.1:`port` succeeds right now.
func canConnect(port: Int) -> Bool {
    (try? TestClient(port: port, timeoutSeconds: 1)) != nil
}

@Suite struct HTTPServerLifetimeTests {
    @Test func releasesUnstartedServer() {
        // Creating and dropping a server must not trip any Dispatch object check.
        var server: HTTPServer? = HTTPServer(configuration: testConfiguration(), logger: Recorder().logger, handler: echoHandler)
        #expect(server?.state == .starting)
        server = nil
        #expect(server == nil)
    }

    @Test func waitsTwiceAfterStop() throws {
        let server = HTTPServer(configuration: testConfiguration(), logger: Recorder().logger, handler: echoHandler)
        try server.start()
        server.beginShutdown()

        #expect(server.waitUntilStopped(timeout: .seconds(5)))
        #expect(server.waitUntilStopped(timeout: .seconds(5)))
    }
}
