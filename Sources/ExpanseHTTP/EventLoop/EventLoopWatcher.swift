/// An object that an `EventLoop` calls back on its thread: a connection.
protocol EventLoopWatcher: AnyObject {
    /// Unique among the watchers of one loop, and non-negative.
    var id: Int { get }

    /// Runs for a readiness event the watcher's interest selected. `hangUp`
    /// is set for `EPOLLHUP` and `EPOLLERR`, which arrive whatever the interest.
    func handleEvents(readable: Bool, writable: Bool, hangUp: Bool)

    /// Runs once the time given to `EventLoop.scheduleTimer` has passed.
    /// Timers cannot be cancelled, so the watcher compares `scheduledAt`
    /// with the deadline it still wants and ignores the others.
    func timerFired(scheduledAt: UInt64)

    /// Runs when the loop stops with the watcher still registered: the
    /// watcher releases its descriptor.
    func loopStopped()
}
