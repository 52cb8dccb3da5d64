/// A destination for log records. Implementations must be safe to call from
/// any thread, because loggers are copied freely between queues.
public protocol LogSink: Sendable {
    /// Writes one record. Called only for records at or above the logger's level.
    func write(_ record: LogRecord)
}
