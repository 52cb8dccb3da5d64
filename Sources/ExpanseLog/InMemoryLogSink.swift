import Synchronization

/// A sink that keeps every record in memory, so tests can assert on levels
/// and metadata instead of formatted text.
public final class InMemoryLogSink: LogSink {
    private let storage = Mutex<[LogRecord]>([])

    public init() {}

    public func write(_ record: LogRecord) {
        storage.withLock { $0.append(record) }
    }

    /// A copy of the records written so far, oldest first.
    public var records: [LogRecord] {
        storage.withLock { $0 }
    }

    /// Removes every stored record.
    public func removeAll() {
        storage.withLock { $0.removeAll() }
    }
}
