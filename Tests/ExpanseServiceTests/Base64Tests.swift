import Foundation
import Testing

@testable import ExpanseService

private func decode(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { Base64.decode($0) }
}

@Test(arguments: [
    ("", ""), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"),
    ("Zm9vYg==", "foob"), ("Zm9vYmE=", "fooba"), ("Zm9vYmFy", "foobar"),
])
func base64DecodesRFC4648Vectors(encoded: String, decoded: String) {
    #expect(decode(encoded) == Array(decoded.utf8))
}

@Test func base64DecodesEveryByteValue() {
    for length in 0..<8 {
        let bytes = (0..<(256 + length)).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        let encoded = Data(bytes).base64EncodedString()

        #expect(decode(encoded) == bytes, "length \(bytes.count)")
    }
}

@Test(arguments: [
    "Zg=", "Zg", "Z===", "====", "=Zm9", "Zm=v", "Zg==Zm9v",
    "Zh==", "Zm9=", "Zm9v\n", "Zm9v YmFy", "Zm-v", "Zm_v", "Zm9vYmF\u{e9}",
])
func base64RejectsNonStrictInput(encoded: String) {
    #expect(decode(encoded) == nil)
}
