import Glibc

/// A forward-only scanner over the bytes of one JSON document.
///
/// It reads the tokens a request decoder requests and skips any other value,
/// nested objects and arrays included, without building a tree. The caller
/// keeps the buffer alive for the scanner's lifetime.
struct JSONScanner {
    /// The kinds of value `peekKind()` can tell apart from their first byte.
    enum ValueKind {
        case object, array, string, number, literal
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0

    /// Arrays and objects nested deeper than this are rejected, which bounds
    /// the scanner's recursion.
    static let maximumDepth = 64

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? position, message: message)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Skips whitespace and returns the next byte without consuming it, or nil at the end.
    mutating func peekByte() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// Skips whitespace and consumes `byte`.
    /// - Throws: `JSONSyntaxError` when another byte or the end comes first.
    mutating func consume(_ byte: UInt8) throws(JSONSyntaxError) {
        guard peekByte() == byte else {
            throw error(position < bytes.count ? "expected '\(Character(Unicode.Scalar(byte)))'" : "unexpected end of input")
        }
        position += 1
    }

    /// Consumes `byte` when it comes next and returns whether it did.
    mutating func consumeIfPresent(_ byte: UInt8) -> Bool {
        guard peekByte() == byte else { return false }
        position += 1
        return true
    }

    /// Returns the kind of the next value from its first byte.
    /// - Throws: `JSONSyntaxError` when no value can start there.
    mutating func peekKind() throws(JSONSyntaxError) -> ValueKind {
        guard let byte = peekByte() else { throw error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return .literal
        default: throw error("unexpected character")
        }
    }

    /// Checks that only whitespace follows the document.
    mutating func finish() throws(JSONSyntaxError) {
        guard peekByte() == nil else { throw error("unexpected data after the JSON value") }
    }

    // MARK: Objects and arrays

    /// Consumes the separator before the next member of an object or element
    /// of an array, and returns false at the closing bracket. Call it after
    /// the opening bracket with `first` true.
    mutating func nextElement(closing: UInt8, first: inout Bool) throws(JSONSyntaxError) -> Bool {
        if first {
            first = false
            return !consumeIfPresent(closing)
        }
        if consumeIfPresent(closing) { return false }
        try consume(UInt8(ascii: ","))
        return true
    }

    // MARK: Strings

    /// Consumes a string and returns the byte range of its contents, escapes
    /// still in place, and whether it contains any escape.
    /// - Throws: `JSONSyntaxError` for a control character, a bad escape or a missing closing quote.
    mutating func scanString() throws(JSONSyntaxError) -> (range: Range<Int>, hasEscapes: Bool) {
        try consume(UInt8(ascii: "\""))
        let start = position
        var hasEscapes = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (start..<(position - 1), hasEscapes)
            }
            if byte < 0x20 {
                throw error("control character in a string")
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try scanEscape()
                continue
            }
            position += 1
        }
        throw error("unterminated string", at: start - 1)
    }

    private mutating func scanEscape() throws(JSONSyntaxError) {
        position += 1
        guard position < bytes.count else { throw error("unterminated string") }
        switch bytes[position] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
            UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            guard position + 4 < bytes.count else { throw error("incomplete \\u escape") }
            for offset in 1...4 where Self.hexValue(bytes[position + offset]) == nil {
                throw error("invalid \\u escape", at: position + offset)
            }
            position += 5
        default:
            throw error("invalid escape")
        }
    }

    /// Decodes the contents of a string scanned by `scanString()`.
    /// - Throws: `JSONSyntaxError` for invalid UTF-8 or an unpaired surrogate escape.
    func decodeString(_ range: Range<Int>, hasEscapes: Bool) throws(JSONSyntaxError) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[range])
        guard hasEscapes else {
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw error("invalid UTF-8 in a string", at: range.lowerBound)
            }
            return text
        }

        var scalars = String.UnicodeScalarView()
        var decoded = [UInt8]()
        var index = range.lowerBound
        func flush() throws(JSONSyntaxError) {
            guard let text = String(validating: decoded, as: UTF8.self) else {
                throw error("invalid UTF-8 in a string", at: range.lowerBound)
            }
            scalars.append(contentsOf: text.unicodeScalars)
            decoded.removeAll(keepingCapacity: true)
        }
        while index < range.upperBound {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                index += 1
                continue
            }
            try flush()
            let code = bytes[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var unit = hexUnit(at: index)
                index += 4
                if (0xD800..<0xDC00).contains(unit) {
                    guard index + 6 <= range.upperBound, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate escape", at: index - 6)
                    }
                    let low = hexUnit(at: index + 2)
                    guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate escape", at: index) }
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                guard let scalar = Unicode.Scalar(unit) else { throw error("unpaired surrogate escape", at: index - 6) }
                scalars.append(scalar)
            default:
                scalars.append(Unicode.Scalar(code))
            }
        }
        try flush()
        return String(scalars)
    }

    private func hexUnit(at index: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 4 | UInt32(Self.hexValue(bytes[index + $1]) ?? 0) }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Returns whether the string in `range`, which has no escapes, equals `name`.
    func rawString(_ range: Range<Int>, equals name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == name.count else { return false }
        return memcmp(bytes.baseAddress! + range.lowerBound, name.baseAddress!, range.count) == 0
    }

    // MARK: Numbers

    /// Consumes a number and returns its value as a `Double` (infinite when
    /// it overflows, as `1e999` does) and the byte range of its text.
    /// - Throws: `JSONSyntaxError` when the text breaks the JSON number grammar.
    mutating func scanNumber() throws(JSONSyntaxError) -> (value: Double, range: Range<Int>) {
        skipWhitespace()
        let start = position
        var negative = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }

        // Up to 19 significant digits fit a UInt64 exactly.
        var mantissa: UInt64 = 0
        var digits = 0
        var decimalExponent = 0
        var truncated = false

        let integerStart = position
        while position < bytes.count, let digit = Self.digit(bytes[position]) {
            accumulate(digit, mantissa: &mantissa, digits: &digits, exponent: &decimalExponent, truncated: &truncated, fraction: false)
            position += 1
        }
        guard position > integerStart else { throw error("invalid number", at: start) }
        guard !(bytes[integerStart] == UInt8(ascii: "0") && position - integerStart > 1) else {
            throw error("leading zero in a number", at: integerStart)
        }

        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while position < bytes.count, let digit = Self.digit(bytes[position]) {
                accumulate(digit, mantissa: &mantissa, digits: &digits, exponent: &decimalExponent, truncated: &truncated, fraction: true)
                position += 1
            }
            guard position > fractionStart else { throw error("missing digits after the decimal point") }
        }

        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            var exponentNegative = false
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            let exponentStart = position
            var exponent = 0
            while position < bytes.count, let digit = Self.digit(bytes[position]) {
                exponent = min(exponent * 10 + Int(digit), 100_000)
                position += 1
            }
            guard position > exponentStart else { throw error("missing digits in the exponent") }
            decimalExponent += exponentNegative ? -exponent : exponent
        }

        let range = start..<position
        if !truncated, mantissa < (1 << 53), let value = Self.exactDouble(mantissa, exponent: decimalExponent) {
            return (negative ? -value : value, range)
        }
        return (parseWithLibc(range), range)
    }

    @inline(__always)
    private func accumulate(
        _ digit: UInt8, mantissa: inout UInt64, digits: inout Int, exponent: inout Int, truncated: inout Bool, fraction: Bool
    ) {
        if mantissa == 0 && digit == 0 {
            if fraction { exponent -= 1 }
            return
        }
        if digits < 19 {
            mantissa = mantissa * 10 + UInt64(digit)
            digits += 1
            if fraction { exponent -= 1 }
        } else {
            truncated = true
            if !fraction { exponent += 1 }
        }
    }

    @inline(__always)
    private static func digit(_ byte: UInt8) -> UInt8? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? value : nil
    }

    /// 10^0 to 10^22, each exact in a `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Converts without `strtod` when that is exact: a mantissa below 2^53 and
    /// a power of ten up to 10^22 are both exact `Double`s, so one
    /// multiplication or division gives the correctly rounded result.
    @inline(__always)
    private static func exactDouble(_ mantissa: UInt64, exponent: Int) -> Double? {
        if mantissa == 0 { return 0 }
        guard exponent >= -22 && exponent <= 22 else { return nil }
        let value = Double(mantissa)
        return exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
    }

    /// Converts the number text in `range` with `strtod`, for the numbers the
    /// fast path cannot convert exactly.
    private func parseWithLibc(_ range: Range<Int>) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: range.count + 1) { text in
            for (offset, index) in range.enumerated() {
                text[offset] = CChar(bitPattern: bytes[index])
            }
            text[range.count] = 0
            return strtod(text.baseAddress!, nil)
        }
    }

    // MARK: Literals and skipping

    /// Consumes `true`, `false` or `null` and returns which.
    mutating func scanLiteral() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        for literal in ["true", "false", "null"] {
            let utf8 = literal.utf8
            if position + utf8.count <= bytes.count, zip(utf8, bytes[position..<(position + utf8.count)]).allSatisfy({ $0 == $1 }) {
                position += utf8.count
                return literal
            }
        }
        throw error("invalid literal")
    }

    /// Consumes one value of any kind, checking its syntax.
    mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        switch try peekKind() {
        case .object:
            position += 1
            var first = true
            while try nextElement(closing: UInt8(ascii: "}"), first: &first) {
                _ = try scanString()
                try consume(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
            }
        case .array:
            position += 1
            var first = true
            while try nextElement(closing: UInt8(ascii: "]"), first: &first) {
                try skipValue(depth: depth + 1)
            }
        case .string:
            _ = try scanString()
        case .number:
            _ = try scanNumber()
        case .literal:
            _ = try scanLiteral()
        }
    }
}
