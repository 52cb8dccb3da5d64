import ExpanseCore
import Foundation
import Testing
@testable import ExpanseService

private func scanNumber(_ text: String) throws -> Double {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer in
        var scanner = JSONScanner(buffer)
        let value = try scanner.scanNumber().value
        try scanner.finish()
        return value
    }
}

@Test(arguments: [
    "0", "-0", "1", "-1", "0.5", "149.62", "-1.3598071336738", "1e10", "1E-7", "2.5e+3", "123456789012345678901234567890",
    "0.000000000000000000000000000001", "4.9e-324", "1.7976931348623157e308", "1e999", "-1e999", "9007199254740993",
    "0.1000000000000000055511151231257827", "172792", "25691.16",
])
func scannerNumbersMatchStrtod(text: String) throws {
    let value = try scanNumber(text)
    let expected = strtod(text, nil)

    #expect(value == expected || (value.isNaN && expected.isNaN), "\(text): \(value) vs \(expected)")
}

@Test func scannerRandomNumbersRoundTrip() throws {
    var generator = SeededGenerator(seed: 71)
    for _ in 0..<2000 {
        let value = Float(generator.nextFloat(symmetricBound: 1)) * pow(10, Float(generator.nextIndex(below: 12)) - 6)
        let text = "\(value)"
        #expect(Float(try scanNumber(text)) == value, "\(text)")
    }
}

@Test(arguments: ["01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.5.2"])
func scannerRejectsBadNumbers(text: String) {
    #expect(throws: JSONSyntaxError.self) { _ = try scanNumber(text) }
}

@Test func scannerDecodesEscapes() throws {
    let text = #""a\"b\\c\/d\n\t\u00e9\ud83d\ude00 x""#
    let bytes = Array(text.utf8)
    let decoded = try bytes.withUnsafeBufferPointer { buffer in
        var scanner = JSONScanner(buffer)
        let string = try scanner.scanString()
        return try scanner.decodeString(string.range, hasEscapes: string.hasEscapes)
    }

    #expect(decoded == "a\"b\\c/d\n\té😀 x")
}

@Test func scannerRejectsDeepNesting() {
    let text = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    let bytes = Array(text.utf8)

    #expect(throws: JSONSyntaxError.self) {
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            try scanner.skipValue()
        }
    }
}
