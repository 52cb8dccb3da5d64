/// The number syntax that option values must use: ASCII decimal digits with
/// an optional leading sign, and for real numbers an optional fraction and
/// exponent.
///
/// Swift's `Double(_:)` also accepts forms that a user rarely means, such as
/// `0x10`, `0x1p4`, `nan` and `.5`, so values are checked against this syntax
/// before conversion.
enum DecimalNotation {
    /// Returns whether `text` is `[+-]digits`.
    static func isInteger(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        skipSign(&bytes)
        return skipDigits(&bytes) > 0 && bytes.isEmpty
    }

    /// Returns whether `text` is `[+-]digits[.digits][(e|E)[+-]digits]`.
    static func isReal(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        skipSign(&bytes)
        guard skipDigits(&bytes) > 0 else { return false }

        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            guard skipDigits(&bytes) > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes.removeFirst()
            skipSign(&bytes)
            guard skipDigits(&bytes) > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// Formats a range bound the way a user would type it: `3600` rather than
    /// `3600.0`, and `1e-6` rather than `1e-06`.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int(value))
        }
        let text = "\(value)"
        guard let e = text.firstIndex(of: "e") else { return text }

        var exponent = text[text.index(after: e)...]
        var sign = ""
        if exponent.first == "-" || exponent.first == "+" {
            sign = exponent.first == "-" ? "-" : ""
            exponent = exponent.dropFirst()
        }
        while exponent.count > 1, exponent.first == "0" {
            exponent = exponent.dropFirst()
        }
        return String(text[..<e]) + "e" + sign + String(exponent)
    }

    private static func skipSign(_ bytes: inout Substring.UTF8View) {
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
            bytes.removeFirst()
        }
    }

    /// Removes the leading ASCII digits and returns how many there were.
    private static func skipDigits(_ bytes: inout Substring.UTF8View) -> Int {
        var count = 0
        while let byte = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            bytes.removeFirst()
            count += 1
        }
        return count
    }
}
