import Glibc
import Synchronization

/// A sink that writes one JSON object per line, the format container log
/// collectors expect.
///
/// Each object contains `ts` (ISO 8601 UTC with milliseconds), `level`, `label`
/// and `message`, then the metadata keys in sorted order. A metadata key
/// equal to one of those four names is written after them, so a JSON reader
/// that keeps the last duplicate reads the metadata value.
public final class JSONLinesLogSink: LogSink {
    private let fileDescriptor: Int32
    private let writeLock = Mutex<Void>(())

    /// Creates a sink that writes to `fileDescriptor`, standard error by default.
    /// The sink does not close the descriptor.
    public init(fileDescriptor: Int32 = STDERR_FILENO) {
        self.fileDescriptor = fileDescriptor
    }

    public func write(_ record: LogRecord) {
        var line = Self.format(record)
        line.append("\n")

        // One lock around the whole line keeps lines from different threads
        // from interleaving when a line is longer than one write call takes.
        writeLock.withLock { _ in
            var bytes = Array(line.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { buffer in
                    Glibc.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written < 0 && errno == EINTR { continue }
                // A log line that cannot be written has nowhere to be reported.
                if written <= 0 { return }
                offset += written
            }
            bytes.removeAll()
        }
    }

    /// Formats one record as a JSON object without the trailing newline.
    public static func format(_ record: LogRecord) -> String {
        var line = "{\"ts\":\""
        line += record.timestamp.iso8601Milliseconds
        line += "\",\"level\":\""
        line += record.level.description
        line += "\",\"label\":"
        appendJSONString(record.label, to: &line)
        line += ",\"message\":"
        appendJSONString(record.message, to: &line)

        for key in record.metadata.keys.sorted() {
            line += ","
            appendJSONString(key, to: &line)
            line += ":"
            switch record.metadata[key]! {
            case .string(let value): appendJSONString(value, to: &line)
            case .int(let value): line += String(value)
            case .bool(let value): line += value ? "true" : "false"
            case .double(let value):
                // JSON has no NaN or infinity, so those are written as strings.
                if value.isFinite { line += String(value) } else { appendJSONString(String(value), to: &line) }
            }
        }
        line += "}"
        return line
    }

    /// Appends `value` as a quoted JSON string, escaping quotes, backslashes
    /// and every control character below U+0020.
    public static func appendJSONString(_ value: String, to output: inout String) {
        output.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output.append("\"")
    }
}
