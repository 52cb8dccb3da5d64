/// A structured logger: a label, a minimum level, metadata attached to every
/// record, and the sink that receives the records.
///
/// `Logger` is a value type, so a copy with extra metadata (for one
/// connection, say) does not affect the original. Message and metadata
/// arguments are autoclosures, so a call below `logLevel` costs one
/// comparison and builds neither.
public struct Logger: Sendable {
    public let label: String
    /// Records below this level are dropped before they are built.
    public var logLevel: LogLevel
    /// Metadata added to every record from this logger.
    public var metadata: LogMetadata
    public let sink: any LogSink

    public init(label: String, logLevel: LogLevel = .info, metadata: LogMetadata = [:], sink: any LogSink) {
        self.label = label
        self.logLevel = logLevel
        self.metadata = metadata
        self.sink = sink
    }

    /// Reads or sets one metadata value for every later record from this logger.
    public subscript(metadataKey key: String) -> LogValue? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Returns whether a record at `level` would reach the sink.
    public func isEnabled(_ level: LogLevel) -> Bool {
        level >= logLevel
    }

    /// Sends one record to the sink when `level` is at least `logLevel`.
    public func log(
        level: LogLevel,
        _ message: @autoclosure () -> String,
        metadata extra: @autoclosure () -> LogMetadata = [:]
    ) {
        guard level >= logLevel else { return }

        var merged = metadata
        for (key, value) in extra() {
            merged[key] = value
        }
        sink.write(LogRecord(timestamp: .now(), level: level, label: label, message: message(), metadata: merged))
    }

    public func trace(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        log(level: .trace, message(), metadata: metadata())
    }

    public func debug(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        log(level: .debug, message(), metadata: metadata())
    }

    public func info(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        log(level: .info, message(), metadata: metadata())
    }

    public func notice(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        log(level: .notice, message(), metadata: metadata())
    }

    public func warning(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        log(level: .warning, message(), metadata: metadata())
    }

    public func error(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        log(level: .error, message(), metadata: metadata())
    }

    public func critical(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        log(level: .critical, message(), metadata: metadata())
    }
}
