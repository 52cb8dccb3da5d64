/// One log event as a sink receives it, before any formatting.
public struct LogRecord: Sendable {
    /// Wall-clock time at which the event was logged.
    public var timestamp: LogTimestamp
    public var level: LogLevel
    /// The logger's label, usually the subsystem (`expanse.http`).
    public var label: String
    public var message: String
    /// The logger's metadata merged with the call's metadata; the call's values win.
    public var metadata: LogMetadata

    public init(timestamp: LogTimestamp, level: LogLevel, label: String, message: String, metadata: LogMetadata) {
        self.timestamp = timestamp
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
    }
}
