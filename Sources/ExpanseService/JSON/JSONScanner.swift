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

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Skips whitespace and returns the next byte without consuming it, or nil at the end.
    @inline(__always)
    mutating func peekByte() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// Skips whitespace and consumes `byte`.
    /// - Throws: `JSONSyntaxError` when another byte or the end comes first.
    @inline(__always)
    mutating func consume(_ byte: UInt8) throws(JSONSyntaxError) {
        guard peekByte() == byte else {
            throw error(position < bytes.count ? "expected '\(Character(Unicode.Scalar(byte)))'" : "unexpected end of input")
        }
        position += 1
    }

    /// Consumes `byte` when it comes next and returns whether it did.
    @inline(__always)
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
    @inline(__always)
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

    /// Consumes a `length`-byte pattern when the next bytes match it, with no
    /// whitespace skipped, and returns whether they did.
    ///
    /// The pattern is given as `words` of 8 bytes in memory order, and `masks`
    /// select its bytes in each word. When fewer than `8 × words.count` bytes
    /// are left, the pattern does not match.
    @inline(__always)
    mutating func consumeIfMatches(words: UnsafeBufferPointer<UInt64>, masks: UnsafeBufferPointer<UInt64>, length: Int) -> Bool {
        guard length > 0, position + 8 * words.count <= bytes.count else { return false }
        let next = UnsafeRawPointer(bytes.baseAddress! + position)
        for index in 0..<words.count
        where next.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self) & masks[index] != words[index] {
            return false
        }
        position += length
        return true
    }

    /// Returns whether a string scanned by `scanString()` equals `text` once
    /// its escapes are decoded.
    /// - Throws: `JSONSyntaxError` for invalid UTF-8 or an unpaired surrogate escape.
    func string(_ string: (range: Range<Int>, hasEscapes: Bool), equals text: StaticString) throws(JSONSyntaxError) -> Bool {
        guard string.hasEscapes else {
            return rawString(string.range, equals: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        return try decodeString(string.range, hasEscapes: true) == text.description
    }

    /// Checks that a string scanned by `scanString()` and then ignored is
    /// valid UTF-8 with paired surrogate escapes, as JSON requires of every string.
    /// - Throws: `JSONSyntaxError` at the string's first byte.
    func validateString(_ string: (range: Range<Int>, hasEscapes: Bool)) throws(JSONSyntaxError) {
        guard string.hasEscapes || string.range.contains(where: { bytes[$0] >= 0x80 }) else { return }
        _ = try decodeString(string.range, hasEscapes: string.hasEscapes)
    }

    /// Returns the first syntax error in `body` as one JSON document, or nil
    /// when it is valid JSON. Decoders call it on their error paths, so that a
    /// body that is not JSON gets a syntax error even when a semantic error comes first.
    static func firstSyntaxError(in body: UnsafeBufferPointer<UInt8>) -> JSONSyntaxError? {
        var validator = JSONScanner(body)
        do {
            try validator.skipValue()
            try validator.finish()
            return nil
        } catch {
            return error
        }
    }

    /// Returns whether the string in `range`, which has no escapes, equals `name`.
    func rawString(_ range: Range<Int>, equals name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == name.count else { return false }
        return memcmp(bytes.baseAddress! + range.lowerBound, name.baseAddress!, range.count) == 0
    }

    // MARK: Numbers

    /// A number's text taken apart: `±mantissa × 10^exponent`.
    ///
    /// `exact` is false when the text has more than 19 digits, because a
    /// `UInt64` mantissa cannot hold them. The conversions then call the C library.
    private struct DecimalNumber {
        var negative: Bool
        var mantissa: UInt64
        var exponent: Int
        var exact: Bool
        var range: Range<Int>
    }

    /// Consumes a number and returns its value as a `Double` (infinite when
    /// it overflows, as `1e999` does) and the byte range of its text.
    /// - Throws: `JSONSyntaxError` when the text breaks the JSON number grammar.
    mutating func scanNumber() throws(JSONSyntaxError) -> (value: Double, range: Range<Int>) {
        let number = try scanDecimal()
        if let value = Self.exactDouble(number) {
            return (value, number.range)
        }
        return (parseWithLibc(number.range, strtod), number.range)
    }

    /// Consumes a number and returns the `Float` nearest to it, as a direct
    /// decimal-to-binary conversion rounds.
    ///
    /// A number whose nearest `Double` has a magnitude of at least
    /// 2^128 − 2^103 (halfway from the largest finite `Float` to 2^128) gives
    /// an infinity. That is the bound a JSON Schema validator, which compares
    /// `Double`s, applies to the contract's `exclusiveMaximum`, although a
    /// decimal just below the halfway point rounds to a finite `Float`.
    /// - Throws: `JSONSyntaxError` when the text breaks the JSON number grammar.
    mutating func scanFloat() throws(JSONSyntaxError) -> Float {
        let number = try scanDecimal()
        let value = nearestFloat(number)
        guard value.magnitude == .greatestFiniteMagnitude else { return value }

        let asDouble = Self.exactDouble(number) ?? parseWithLibc(number.range, strtod)
        guard asDouble.magnitude >= Self.floatOverflowThreshold else { return value }
        return number.negative ? -.infinity : .infinity
    }

    /// 2^128 − 2^103: from here on, rounding to `Float` gives an infinity.
    private static let floatOverflowThreshold = Double(Float.greatestFiniteMagnitude) + Double(Float.greatestFiniteMagnitude.ulp) / 2

    /// Returns the `Float` nearest to `number`.
    private func nearestFloat(_ number: DecimalNumber) -> Float {
        // A mantissa below 2^24 divided by 10^1 to 10^8 lies at least 2^-51.6
        // of its value away from the midpoint of two `Float`s, or is a `Float`
        // itself. Multiplying by the `Double` reciprocal errs by at most
        // 2^-52 of the value, so rounding that product to `Float` rounds the
        // decimal correctly, without the latency of a division.
        if number.exact, number.mantissa < (1 << 24), number.exponent >= -8, number.exponent < 0 {
            let scaled = Float(Double(number.mantissa) * Self.reciprocalPowersOfTen[-number.exponent])
            return number.negative ? -scaled : scaled
        }

        // A mantissa below 2^24 and 10^0 to 10^10 are exact `Float`s, so one
        // multiplication or division rounds correctly.
        if number.exact, number.mantissa < (1 << 24), number.exponent >= -10, number.exponent <= 10 {
            let magnitude = Float(number.mantissa)
            let scaled = number.exponent < 0
                ? magnitude / Self.floatPowersOfTen[-number.exponent]
                : magnitude * Self.floatPowersOfTen[number.exponent]
            return number.negative ? -scaled : scaled
        }

        // Rounding the correctly rounded `Double` to `Float` gives the direct
        // result unless that `Double` lies exactly halfway between two
        // `Float`s. Only in that case does the C library convert the text.
        if let value = Self.exactDouble(number), Self.roundsToFloatUnambiguously(value) {
            return Float(value)
        }
        return parseWithLibc(number.range, strtof)
    }

    /// Reads the grammar of RFC 8259 section 6 at the current position.
    @inline(__always)
    private mutating func scanDecimal() throws(JSONSyntaxError) -> DecimalNumber {
        skipWhitespace()
        let start = position
        let count = bytes.count
        var negative = false
        if position < count, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }

        var mantissa: UInt64 = 0
        let integerStart = position
        let integerDigits = scanDigits(into: &mantissa)
        guard integerDigits > 0 else { throw error("invalid number", at: start) }
        guard !(bytes[integerStart] == UInt8(ascii: "0") && integerDigits > 1) else {
            throw error("leading zero in a number", at: integerStart)
        }

        var fractionDigits = 0
        if position < count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            fractionDigits = scanDigits(into: &mantissa)
            guard fractionDigits > 0 else { throw error("missing digits after the decimal point") }
        }

        var exponent = 0
        if position < count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            var exponentNegative = false
            if position < count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            let exponentStart = position
            while position < count {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                exponent = min(exponent * 10 + Int(digit), 100_000)
                position += 1
            }
            guard position > exponentStart else { throw error("missing digits in the exponent") }
            if exponentNegative { exponent = -exponent }
        }

        return DecimalNumber(
            negative: negative, mantissa: mantissa, exponent: exponent - fractionDigits,
            exact: integerDigits + fractionDigits <= 19, range: start..<position
        )
    }

    /// Consumes decimal digits, appends them to `mantissa` and returns how
    /// many there were. The arithmetic wraps, because past 19 digits the
    /// caller discards the mantissa.
    @inline(__always)
    private mutating func scanDigits(into mantissa: inout UInt64) -> Int {
        let start = position
        while position < bytes.count {
            let digit = bytes[position] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            position += 1
        }
        return position - start
    }

    /// 10^0 to 10^22, each exact in a `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// 10^0 to 10^10, each exact in a `Float`.
    private static let floatPowersOfTen: [Float] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]

    /// 10^0 to 10^-8, each the `Double` nearest to it.
    private static let reciprocalPowersOfTen: [Double] = [1e0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8]

    /// Converts without `strtod` when that is exact: a mantissa below 2^53 and
    /// a power of ten up to 10^22 are both exact `Double`s, so one
    /// multiplication or division gives the correctly rounded result.
    @inline(__always)
    private static func exactDouble(_ number: DecimalNumber) -> Double? {
        guard number.exact, number.mantissa < (1 << 53) else { return nil }
        if number.mantissa == 0 { return number.negative ? -0.0 : 0 }
        guard number.exponent >= -22 && number.exponent <= 22 else { return nil }
        let magnitude = Double(number.mantissa)
        let value = number.exponent < 0
            ? magnitude / powersOfTen[-number.exponent]
            : magnitude * powersOfTen[number.exponent]
        return number.negative ? -value : value
    }

    /// Returns whether rounding `value` to `Float` cannot differ from rounding
    /// the decimal it came from: false when `value` is exactly the midpoint of
    /// two adjacent `Float`s, or rounds beyond the largest finite `Float`.
    @inline(__always)
    private static func roundsToFloatUnambiguously(_ value: Double) -> Bool {
        let rounded = Float(value)
        guard rounded.isFinite else { return false }
        guard Double(rounded) != value else { return true }
        let neighbour = Double(value > Double(rounded) ? rounded.nextUp : rounded.nextDown)
        // Both differences are exact: the operands are within one `Float` step.
        return abs(value - Double(rounded)) != abs(neighbour - value)
    }

    /// Converts the number text in `range` with the C library's `convert`
    /// (`strtod` or `strtof`), for the numbers the fast paths cannot convert exactly.
    private func parseWithLibc<Value>(_ range: Range<Int>, _ convert: (UnsafePointer<CChar>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Value) -> Value {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: range.count + 1) { text in
            for (offset, index) in range.enumerated() {
                text[offset] = CChar(bitPattern: bytes[index])
            }
            text[range.count] = 0
            return convert(text.baseAddress!, nil)
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
                try validateString(try scanString())
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
            try validateString(try scanString())
        case .number:
            _ = try scanNumber()
        case .literal:
            _ = try scanLiteral()
        }
    }
}
