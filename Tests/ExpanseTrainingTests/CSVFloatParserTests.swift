import Glibc
import Testing

@testable import ExpanseTraining

/// Parses `text` with `FloatParser` and returns the value, or nil for an empty or invalid field.
private func parseField(_ text: String) -> Float? {
    let parser = FloatParser()
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
        if case .value(let value) = parser.parse(buffer, start: 0, end: buffer.count) {
            return value
        }
        return nil
    }
}

/// Returns the C library's correctly rounded result, the reference for every case.
private func referenceValue(_ text: String) -> Float {
    strtof(text, nil)
}

@Test(arguments: [
    "0", "-0", "1", "+1", "0.1", "-1.3598071336738", "-0.0727811733098497", "149.62", "1e-05", "2.5E+3",
    "16777217", "16777219", "33554435", "0.000000000000000000001", "1234567890123456789", "3.4028235e38",
    "1.17549435e-38", "1e-45", "7.006492e-46", "0.30000001192092896", "100000000000000000000000",
    ".5", "5.", "00012.50",
])
func floatParserMatchesStrtof(text: String) throws {
    let parsed = try #require(parseField(text))

    #expect(parsed.bitPattern == referenceValue(text).bitPattern, "\(text)")
}

@Test func floatParserMatchesStrtofOnRandomDecimals() {
    var state: UInt64 = 0x1234_5678
    func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 11
    }

    var mismatches: [String] = []
    for _ in 0..<200_000 {
        let digitCount = Int(next() % 20) + 1
        var digits = String(next() % 9 + 1)
        for _ in 1..<digitCount {
            digits += String(next() % 10)
        }
        let point = Int(next() % UInt64(digitCount + 1))
        var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        if next() % 3 == 0 {
            text += "e" + String(Int(next() % 50) - 25)
        }
        if next() % 2 == 0 {
            text = "-" + text
        }

        if parseField(text)?.bitPattern != referenceValue(text).bitPattern {
            mismatches.append(text)
        }
    }

    let firstMismatches = Array(mismatches.prefix(10))
    #expect(firstMismatches == [])
}

@Test(arguments: ["", "-", ".", "e5", "1e", "1e+", "1.2.3", "1-2", "abc", "1,5", "0x"])
func floatParserRejectsInvalidText(text: String) {
    #expect(parseField(text) == nil, "\(text)")
}

@Test func floatParserTrimsSpaces() {
    #expect(parseField(" \t2.5 ") == 2.5)
}
