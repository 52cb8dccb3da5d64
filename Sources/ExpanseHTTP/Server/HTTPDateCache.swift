import Glibc

/// The `Date` header value (IMF-fixdate, RFC 9110 section 5.6.7),
/// reformatted at most once per second by each cache.
struct HTTPDateCache {
    private var second: time_t = -1
    private var formatted: [UInt8] = []

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Returns the current time as `Sun, 06 Nov 1994 08:49:37 GMT`, in ASCII bytes.
    mutating func current() -> [UInt8] {
        var now = time(nil)
        if now == second { return formatted }

        var parts = tm()
        gmtime_r(&now, &parts)
        let text = "\(Self.weekdays[Int(parts.tm_wday)]), \(Self.twoDigits(parts.tm_mday)) \(Self.months[Int(parts.tm_mon)]) "
            + "\(Int(parts.tm_year) + 1900) \(Self.twoDigits(parts.tm_hour)):\(Self.twoDigits(parts.tm_min)):\(Self.twoDigits(parts.tm_sec)) GMT"
        second = now
        formatted = Array(text.utf8)
        return formatted
    }

    private static func twoDigits(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
