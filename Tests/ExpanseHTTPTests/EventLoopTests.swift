import Dispatch
import Foundation
import Synchronization
import Testing

@testable import ExpanseHTTP

/// Records the callbacks an `EventLoop` makes for one pipe's read end.
private final class PipeWatcher: EventLoopWatcher, Sendable {
    let id: Int
    let descriptor: Int32
    let events = Mutex<[String]>([])

    init(id: Int, descriptor: Int32) {
        self.id = id
        self.descriptor = descriptor
    }

    func handleEvents(readable: Bool, writable: Bool, hangUp: Bool) {
        // One byte per event, so the rest of the input is reported again.
        var byte: UInt8 = 0
        if readable, read(descriptor, &byte, 1) == 1 {
            events.withLock { $0.append("read \(Character(Unicode.Scalar(byte)))") }
        }
    }

    func timerFired(scheduledAt: UInt64) {
        events.withLock { $0.append("timer \(scheduledAt)") }
    }

    func loopStopped() {
        events.withLock { $0.append("stopped") }
    }
}

/// Creates a pipe and returns its read and write ends.
private func makePipe() throws -> (read: Int32, write: Int32) {
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    return (ends[0], ends[1])
}

/// Starts a loop, runs `body` with it and a pipe, then stops the loop and closes the pipe.
private func withLoopAndPipe(_ body: (EventLoop, (read: Int32, write: Int32)) throws -> Void) throws {
    let loop = try EventLoop()
    loop.start()
    let ends = try makePipe()
    defer {
        loop.stop()
        close(ends.read)
        close(ends.write)
    }
    try body(loop, ends)
}

@Test func eventLoopRunsWorkInOrderOnItsThread() throws {
    let loop = try EventLoop()
    loop.start()
    defer { loop.stop() }
    let seen = Mutex<[Int]>([])
    let onLoopThread = Atomic<Int>(0)
    let done = DispatchSemaphore(value: 0)

    for index in 0..<100 {
        loop.execute {
            if loop.isCurrent { onLoopThread.add(1, ordering: .relaxed) }
            seen.withLock { $0.append(index) }
            if index == 99 { done.signal() }
        }
    }

    #expect(done.wait(timeout: .now() + 5) == .success)
    #expect(seen.withLock { $0 } == Array(0..<100))
    #expect(onLoopThread.load(ordering: .relaxed) == 100)
    #expect(!loop.isCurrent)
}

@Test func eventLoopReportsUnreadInputAgain() throws {
    let loop = try EventLoop()
    loop.start()
    let ends = try makePipe()
    defer { close(ends.write) }
    let watcher = PipeWatcher(id: 1, descriptor: ends.read)
    loop.execute {
        try? loop.register(watcher, descriptor: ends.read)
        loop.setInterest(watcher, descriptor: ends.read, readable: true, writable: false)
    }

    #expect(write(ends.write, "abc", 3) == 3)

    #expect(eventually { watcher.events.withLock { $0.count } >= 3 })
    loop.stop()
    #expect(eventually { watcher.events.withLock { $0.last } == "stopped" })
    #expect(watcher.events.withLock { $0 } == ["read a", "read b", "read c", "stopped"])
    close(ends.read)
}

@Test func eventLoopWithoutInterestReportsNothing() throws {
    let loop = try EventLoop()
    loop.start()
    let ends = try makePipe()
    defer { close(ends.write) }
    let watcher = PipeWatcher(id: 1, descriptor: ends.read)
    let registered = DispatchSemaphore(value: 0)
    loop.execute {
        try? loop.register(watcher, descriptor: ends.read)
        registered.signal()
    }
    #expect(registered.wait(timeout: .now() + 5) == .success)

    #expect(write(ends.write, "x", 1) == 1)
    usleep(100_000)
    let beforeInterest = watcher.events.withLock { $0 }
    loop.execute { loop.setInterest(watcher, descriptor: ends.read, readable: true, writable: false) }

    #expect(beforeInterest.isEmpty)
    #expect(eventually { watcher.events.withLock { $0 } == ["read x"] })
    loop.stop()
    #expect(eventually { watcher.events.withLock { $0.last } == "stopped" })
    close(ends.read)
}

@Test func eventLoopFiresTimersByDeadline() throws {
    try withLoopAndPipe { loop, ends in
        let watcher = PipeWatcher(id: 7, descriptor: ends.read)
        let now = DispatchTime.now().uptimeNanoseconds
        let deadlines = [now + 60_000_000, now + 20_000_000, now + 40_000_000]
        loop.execute {
            try? loop.register(watcher, descriptor: ends.read)
            for deadline in deadlines {
                loop.scheduleTimer(for: watcher, at: deadline)
            }
        }

        #expect(eventually { watcher.events.withLock { $0.count } == 3 })
        #expect(watcher.events.withLock { $0 } == deadlines.sorted().map { "timer \($0)" })
        #expect(DispatchTime.now().uptimeNanoseconds >= deadlines.max()!)
    }
}

@Test func eventLoopDropsTimersOfRemovedWatchers() throws {
    try withLoopAndPipe { loop, ends in
        let removed = PipeWatcher(id: 1, descriptor: ends.read)
        let remaining = PipeWatcher(id: 2, descriptor: ends.write)
        let now = DispatchTime.now().uptimeNanoseconds
        loop.execute {
            try? loop.register(removed, descriptor: ends.read)
            try? loop.register(remaining, descriptor: ends.write)
            loop.scheduleTimer(for: removed, at: now + 10_000_000)
            loop.scheduleTimer(for: remaining, at: now + 30_000_000)
            loop.deregister(removed, descriptor: ends.read)
        }

        #expect(eventually { remaining.events.withLock { $0.count } == 1 })
        #expect(removed.events.withLock { $0 }.isEmpty)
    }
}

@Test func eventLoopThatNeverStartedStops() throws {
    let loop = try EventLoop()

    loop.stop()
    loop.start()

    #expect(!loop.isCurrent)
}

@Test(arguments: [1, 3])
func serverServesConcurrentClientsOnAnyLoopCount(loops: Int) throws {
    var configuration = testConfiguration()
    configuration.eventLoopCount = loops
    try withServer(configuration: configuration, handler: echoHandler) { server, port in
        let clients = try (0..<8).map { _ in try TestClient(port: port) }

        for round in 0..<3 {
            for (index, client) in clients.enumerated() {
                try client.send("POST /c\(index) HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n\(round)")
            }
            for (index, client) in clients.enumerated() {
                #expect(try client.readResponse().bodyText == "POST /c\(index) \(round)")
            }
        }
        #expect(server.openConnectionCount == 8)
    }
}

@Test func eventLoopWakesForWorkFromManyThreads() throws {
    // Four threads queue work as fast as they can, so wake-ups race with
    // the loop consuming earlier ones. A lost wake-up leaves the loop asleep
    // with work queued, because it has no timer to end its wait.
    let loop = try EventLoop()
    loop.start()
    defer { loop.stop() }
    let done = Atomic<Int>(0)
    let perThread = 20_000

    DispatchQueue.concurrentPerform(iterations: 4) { _ in
        for _ in 0..<perThread {
            loop.execute { done.add(1, ordering: .relaxed) }
        }
    }

    #expect(eventually(within: 10) { done.load(ordering: .relaxed) == 4 * perThread })
}

@Test func acceptorPausesAndResumesReading() throws {
    let loop = try EventLoop()
    loop.start()
    defer { loop.stop() }
    let socket = try ListeningSocket(host: "127.0.0.1", port: 0, backlog: 16)
    let wakeUps = Atomic<Int>(0)
    let acceptor = HTTPAcceptor(socket: socket, loop: loop) {
        wakeUps.add(1, ordering: .relaxed)
        if case .processed(let accepted)? = try? Syscall.accept(socket.descriptor) {
            Syscall.close(accepted.0)
        }
    }
    loop.execute {
        try? acceptor.start()
        acceptor.pause(nanoseconds: 300_000_000)
    }

    let client = try TestClient(port: socket.localAddress.port)
    usleep(150_000)
    let duringPause = wakeUps.load(ordering: .relaxed)

    #expect(duringPause == 0)
    #expect(eventually { wakeUps.load(ordering: .relaxed) >= 1 })
    #expect(eventually { client.isClosedByServer() })
    loop.execute { acceptor.close() }
}

@Test func eventLoopIgnoresWorkAfterStopping() throws {
    let loop = try EventLoop()
    loop.start()
    let ran = Atomic<Int>(0)
    let stopped = DispatchSemaphore(value: 0)
    loop.execute {
        ran.add(1, ordering: .relaxed)
        stopped.signal()
    }
    #expect(stopped.wait(timeout: .now() + 5) == .success)

    loop.stop()
    loop.stop()
    usleep(50_000)
    loop.execute { ran.add(1, ordering: .relaxed) }
    usleep(50_000)

    #expect(ran.load(ordering: .relaxed) == 1)
}

@Test func acceptorReportsShortagesAtIntervals() throws {
    let loop = try EventLoop()
    defer { loop.stop() }
    let socket = try ListeningSocket(host: "127.0.0.1", port: 0, backlog: 1)
    defer { socket.close() }
    let acceptor = HTTPAcceptor(socket: socket, loop: loop) {}

    let first = acceptor.recordShortage()
    let repeats = (0..<50).map { _ in acceptor.recordShortage() }

    #expect(first == 1)
    #expect(repeats.allSatisfy { $0 == nil })
}
