import Glibc

/// Parses decimal fields as correctly rounded `Float` values. Reused across
/// fields so that parsing allocates nothing.
///
/// Plain decimals of up to 19 significant digits with a decimal exponent
/// within ±22 take a fast path (`fastParse`). Everything else goes to the C
/// library's `strtof`, which reads the C locale's decimal point (Swift
/// programs keep it unless they call `setlocale`) and also accepts hex floats
/// (`0x1p3`) and `inf`/`nan`, which the caller rejects as non-finite.
struct FloatParser: ~Copyable {
    enum Result {
        case value(Float)
        case empty
        case invalid
    }

    /// Room for the NUL-terminated copy `strtof` needs; longer fields take a slower path.
    private static let scratchSize = 128
    private let scratch: UnsafeMutablePointer<CChar>

    init() {
        scratch = .allocate(capacity: Self.scratchSize)
    }

    deinit {
        scratch.deallocate()
    }

    /// Parses `bytes[start..<end]` after trimming spaces and tabs at both ends.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Result {
        var start = start, end = end
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        let count = end - start
        guard count > 0 else {
            return .empty
        }

        if let value = Self.fastParse(bytes, start: start, end: end) {
            return .value(value)
        }

        guard count < Self.scratchSize else {
            var copy = Array(UnsafeBufferPointer(rebasing: bytes[start..<end])).map { CChar(bitPattern: $0) }
            copy.append(0)
            return copy.withUnsafeMutableBufferPointer { Self.convert($0.baseAddress!, count: count) }
        }
        UnsafeMutableRawPointer(scratch).copyMemory(from: bytes.baseAddress! + start, byteCount: count)
        scratch[count] = 0
        return Self.convert(scratch, count: count)
    }

    /// The powers of ten that a `Double` represents exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// Parses `[-+]digits[.digits][(e|E)[-+]digits]` with at most 19 significant
    /// digits, or returns nil to leave the field to `strtof`.
    ///
    /// The digits form an integer `m < 10¹⁹` and the value is `m × 10^k`. In
    /// `Double`, `Double(m)` and one multiplication or division by the exact
    /// `10^|k|` (|k| ≤ 22) put `d` within 2 units in the last place of the exact
    /// value. Rounding `d` to `Float` is then correct unless the exact value lies
    /// that close to a midpoint between two floats. So the function returns nil
    /// when the 29 bits of `d` below float precision are within 8 units of a
    /// midpoint, and for results outside the normal float range.
    private static func fastParse(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Float? {
        var index = start
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }

        var mantissa: UInt64 = 0
        var significantDigits = 0
        var digitCount = 0
        var exponent = 0
        var seenPoint = false
        while index < end {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                digitCount += 1
                if mantissa != 0 || byte != 0x30 {
                    significantDigits += 1
                    guard significantDigits <= 19 else { return nil }
                    mantissa = mantissa * 10 + UInt64(byte - 0x30)
                }
                if seenPoint { exponent -= 1 }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        guard digitCount > 0 else { return nil }

        if index < end {
            guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else { return nil }
            index += 1
            var exponentNegative = false
            if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            let exponentStart = index
            while index < end && bytes[index] >= 0x30 && bytes[index] <= 0x39 && index - exponentStart < 4 {
                written = written * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            guard index == end && index > exponentStart else { return nil }
            exponent += exponentNegative ? -written : written
        }

        if mantissa == 0 {
            return negative ? -0.0 : 0.0
        }
        guard abs(exponent) <= 22 else { return nil }

        let scaled = exponent >= 0
            ? Double(mantissa) * exactPowersOfTen[exponent]
            : Double(mantissa) / exactPowersOfTen[-exponent]
        guard scaled >= Double(Float.leastNormalMagnitude) && scaled <= Double(Float.greatestFiniteMagnitude) else {
            return nil
        }
        let belowFloatPrecision = Int(scaled.bitPattern & 0x1FFF_FFFF)
        guard abs(belowFloatPrecision - 0x1000_0000) > 8 else { return nil }

        let value = Float(scaled)
        return negative ? -value : value
    }

    private static func convert(_ text: UnsafeMutablePointer<CChar>, count: Int) -> Result {
        var stop: UnsafeMutablePointer<CChar>?
        let value = strtof(text, &stop)
        guard stop == text + count else {
            return .invalid
        }
        return .value(value)
    }
}
