import Glibc

/// A wall-clock time in whole seconds and nanoseconds since the Unix epoch
/// (1970-01-01T00:00:00Z), as `clock_gettime(CLOCK_REALTIME)` reports it.
public struct LogTimestamp: Sendable, Equatable {
    /// Whole seconds since the epoch, negative before 1970.
    public var secondsSince1970: Int64
    /// Nanoseconds after `secondsSince1970`, from 0 to 999,999,999.
    public var nanoseconds: Int32

    /// - Precondition: `nanoseconds` is from 0 to 999,999,999.
    public init(secondsSince1970: Int64, nanoseconds: Int32 = 0) {
        precondition((0..<1_000_000_000).contains(nanoseconds), "nanoseconds \(nanoseconds) is outside 0..<1_000_000_000")
        self.secondsSince1970 = secondsSince1970
        self.nanoseconds = nanoseconds
    }

    /// Reads the system's real-time clock.
    public static func now() -> LogTimestamp {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return LogTimestamp(secondsSince1970: Int64(now.tv_sec), nanoseconds: Int32(now.tv_nsec))
    }

    /// The time in ISO 8601 UTC with milliseconds, such as
    /// `2026-01-31T23:59:59.123Z`. Nanoseconds are rounded to the nearest
    /// millisecond, half up, so 23:59:59.9995 is written as the next day's
    /// 00:00:00.000.
    public var iso8601Milliseconds: String {
        var seconds = secondsSince1970
        var milliseconds = (Int(nanoseconds) + 500_000) / 1_000_000
        if milliseconds == 1000 {
            seconds += 1
            milliseconds = 0
        }
        var unixTime = time_t(seconds)
        var parts = tm()
        gmtime_r(&unixTime, &parts)

        var text = ""
        text.reserveCapacity(24)
        Self.append(Int(parts.tm_year) + 1900, digits: 4, to: &text)
        text += "-"
        Self.append(Int(parts.tm_mon) + 1, digits: 2, to: &text)
        text += "-"
        Self.append(Int(parts.tm_mday), digits: 2, to: &text)
        text += "T"
        Self.append(Int(parts.tm_hour), digits: 2, to: &text)
        text += ":"
        Self.append(Int(parts.tm_min), digits: 2, to: &text)
        text += ":"
        Self.append(Int(parts.tm_sec), digits: 2, to: &text)
        text += "."
        Self.append(milliseconds, digits: 3, to: &text)
        text += "Z"
        return text
    }

    /// Appends `value` in decimal with leading zeros up to `digits` digits,
    /// as `printf("%0*d")` does; a longer value is written in full.
    private static func append(_ value: Int, digits: Int, to text: inout String) {
        let decimal = String(value)
        if decimal.count < digits {
            text += String(repeating: "0", count: digits - decimal.count)
        }
        text += decimal
    }
}
