import Dispatch
import CLinuxEvents
import Glibc
import Synchronization

/// One thread that waits on an epoll set and runs the readiness events,
/// timers and queued work of the watchers registered with it, one at a time.
///
/// Registration, interest changes and timers may be used only on the loop's
/// own thread, from work that `execute` queued or from a watcher's callback.
/// `execute`, `start` and `stop` may be called from any thread.
///
/// Interest is level-triggered: a watcher that leaves input unread gets
/// another readable event on the next turn.
final class EventLoop: @unchecked Sendable {
    // Safe to share: `epoll` and `wake` never change, `incoming` is behind a
    // mutex, and every other mutable property is used on the loop thread only.
    private let epoll: Int32
    private let wake: Int32
    /// Work queued from other threads, and whether the descriptors are closed,
    /// which makes later work and wake-ups no-ops instead of writes to a
    /// descriptor number that may have been reused.
    private let incoming = Mutex<(work: [@Sendable () -> Void], closed: Bool)>(([], false))
    private let wakeSignalled = Atomic<Bool>(false)
    private let stopRequested = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    /// `pthread_self()` of the loop thread as an integer, or 0 before it runs.
    private let threadID = Atomic<UInt>(0)

    private var local: [() -> Void] = []
    /// Each registered watcher by id, with its current epoll event mask.
    private var watchers: [Int: (watcher: any EventLoopWatcher, interest: UInt32)] = [:]
    private var timers = EventLoopTimerQueue()

    /// The `epoll_event` data that marks the wake-up descriptor. Watcher ids are non-negative.
    private static let wakeToken = UInt64.max
    /// Most events taken from the kernel per `epoll_wait` call.
    private static let eventsPerWait = 128

    /// - Throws: `SocketError` when the epoll set or the wake-up descriptor cannot be created.
    init() throws(SocketError) {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw SocketError(operation: "epoll_create1", errno: errno) }
        wake = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wake >= 0 else {
            let code = errno
            Glibc.close(epoll)
            throw SocketError(operation: "eventfd", errno: code)
        }

        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = Self.wakeToken
        guard epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &event) == 0 else {
            let code = errno
            Glibc.close(wake)
            Glibc.close(epoll)
            throw SocketError(operation: "epoll_ctl", errno: code)
        }
    }

    /// The number of loops a server starts by default: one per online processor.
    static var defaultCount: Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    /// Starts the loop's thread. Calling it again does nothing.
    func start() {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var thread = pthread_t()
        let argument = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&thread, nil, { argument in
            let loop = Unmanaged<EventLoop>.fromOpaque(argument!).takeRetainedValue()
            loop.run()
            return nil
        }, argument)
        precondition(result == 0, "pthread_create failed for an event loop (errno \(result))")
        pthread_detach(thread)
    }

    /// Ends the loop after its current turn. Queued work runs first, then
    /// each remaining watcher's `loopStopped()`. A loop that never started
    /// releases its descriptors at once.
    func stop() {
        guard !stopRequested.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if started.exchange(true, ordering: .acquiringAndReleasing) {
            signalWake()
        } else {
            closeDescriptors()
        }
    }

    /// Whether the caller runs on this loop's thread.
    var isCurrent: Bool {
        threadID.load(ordering: .relaxed) == UInt(pthread_self())
    }

    /// Runs `work` on the loop thread after the events of the current turn.
    func execute(_ work: @escaping @Sendable () -> Void) {
        if isCurrent {
            local.append(work)
            return
        }
        let accepted = incoming.withLock { inbox in
            guard !inbox.closed else { return false }
            inbox.work.append(work)
            return true
        }
        if accepted {
            signalWake()
        }
    }

    // MARK: Watchers (loop thread only)

    /// Adds `descriptor` to the epoll set under `watcher.id`, with no interest yet.
    /// - Throws: `SocketError` from `epoll_ctl`.
    func register(_ watcher: any EventLoopWatcher, descriptor: Int32) throws(SocketError) {
        var event = epoll_event()
        event.events = 0
        event.data.u64 = UInt64(watcher.id)
        guard epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) == 0 else {
            throw SocketError(operation: "epoll_ctl", errno: errno)
        }
        watchers[watcher.id] = (watcher, 0)
    }

    /// Sets which readiness `watcher` waits for. A change costs one
    /// `epoll_ctl`; setting the current interest again costs nothing.
    func setInterest(_ watcher: any EventLoopWatcher, descriptor: Int32, readable: Bool, writable: Bool) {
        let mask = (readable ? EPOLLIN.rawValue : 0) | (writable ? EPOLLOUT.rawValue : 0)
        guard let current = watchers[watcher.id]?.interest, current != mask else { return }
        var event = epoll_event()
        event.events = mask
        event.data.u64 = UInt64(watcher.id)
        if epoll_ctl(epoll, EPOLL_CTL_MOD, descriptor, &event) == 0 {
            watchers[watcher.id]?.interest = mask
        }
    }

    /// Removes `watcher`, before its descriptor is closed.
    func deregister(_ watcher: any EventLoopWatcher, descriptor: Int32) {
        guard watchers.removeValue(forKey: watcher.id) != nil else { return }
        var event = epoll_event()
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, descriptor, &event)
    }

    /// Calls `watcher.timerFired(scheduledAt:)` once `uptimeNanoseconds`
    /// (the `DispatchTime` clock) has passed, if the watcher is still registered.
    func scheduleTimer(for watcher: any EventLoopWatcher, at uptimeNanoseconds: UInt64) {
        timers.insert(EventLoopTimer(deadline: uptimeNanoseconds, watcherID: watcher.id))
    }

    // MARK: Running

    private func run() {
        threadID.store(UInt(pthread_self()), ordering: .relaxed)
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Self.eventsPerWait)
        defer { events.deallocate() }

        while !stopRequested.load(ordering: .acquiring) {
            let count = epoll_wait(epoll, events, Int32(Self.eventsPerWait), waitTimeoutMilliseconds())
            for index in 0..<Int(max(count, 0)) {
                let event = events[index]
                if event.data.u64 == Self.wakeToken {
                    drainWake()
                } else if let watcher = watchers[Int(event.data.u64)]?.watcher {
                    watcher.handleEvents(
                        readable: event.events & EPOLLIN.rawValue != 0,
                        writable: event.events & EPOLLOUT.rawValue != 0,
                        hangUp: event.events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0
                    )
                }
            }
            runQueuedWork()
            fireDueTimers()
        }

        runQueuedWork()
        for (watcher, _) in Array(watchers.values) {
            watcher.loopStopped()
        }
        watchers.removeAll()
        closeDescriptors()
    }

    /// -1 (no limit) when nothing is due, 0 when work is queued, else the
    /// milliseconds to the earliest timer, rounded up.
    private func waitTimeoutMilliseconds() -> Int32 {
        if !local.isEmpty { return 0 }
        guard let next = timers.earliest else { return -1 }
        let now = DispatchTime.now().uptimeNanoseconds
        guard next.deadline > now else { return 0 }
        return Int32(min((next.deadline - now + 999_999) / 1_000_000, UInt64(Int32.max)))
    }

    private func runQueuedWork() {
        let remote = incoming.withLock { inbox in
            defer { inbox.work.removeAll(keepingCapacity: true) }
            return inbox.work
        }
        for work in remote {
            work()
        }

        // Work queued by this work runs on the next turn, after new events.
        let queued = local
        local.removeAll(keepingCapacity: true)
        for work in queued {
            work()
        }
    }

    private func fireDueTimers() {
        let now = DispatchTime.now().uptimeNanoseconds
        while let next = timers.earliest, next.deadline <= now {
            timers.removeEarliest()
            watchers[next.watcherID]?.watcher.timerFired(scheduledAt: next.deadline)
        }
    }

    private func signalWake() {
        guard !wakeSignalled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        incoming.withLock { inbox in
            guard !inbox.closed else { return }
            var increment: UInt64 = 1
            _ = Glibc.write(wake, &increment, MemoryLayout<UInt64>.size)
        }
    }

    /// Consumes the wake-up, then lets the next `signalWake` write again.
    ///
    /// The order matters: clearing the flag first would let a `signalWake`
    /// in between write a count that this read consumes, leaving the flag
    /// set with nothing to clear it, so the loop would never be woken again.
    /// Work queued after the read but before the clear is still run, because
    /// `runQueuedWork` follows in the same turn.
    private func drainWake() {
        var value: UInt64 = 0
        _ = Glibc.read(wake, &value, MemoryLayout<UInt64>.size)
        wakeSignalled.store(false, ordering: .releasing)
    }

    private func closeDescriptors() {
        incoming.withLock { inbox in
            inbox.closed = true
            inbox.work.removeAll()
            Glibc.close(wake)
            Glibc.close(epoll)
        }
    }
}
