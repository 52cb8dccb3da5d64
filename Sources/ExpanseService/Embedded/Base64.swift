/// A strict base64 decoder for the standard alphabet of RFC 4648, section 4.
enum Base64 {
    /// Decodes `text`, which must be padded with `=` to a multiple of four
    /// characters and contain nothing outside the alphabet: no line breaks,
    /// no spaces, no URL-safe `-` or `_`.
    /// - Returns: the decoded bytes (empty for empty text), or nil when
    ///   `text` is not strict base64. Bits left over in the last character
    ///   before the padding must be zero, so each byte string has exactly
    ///   one encoding.
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        guard !text.isEmpty else { return [] }

        let padding = text[text.count - 1] == UInt8(ascii: "=") ? (text[text.count - 2] == UInt8(ascii: "=") ? 2 : 1) : 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 4 * 3 - padding)

        var index = 0
        while index < text.count {
            let isLastGroup = index + 4 == text.count
            let significant = isLastGroup ? 4 - padding : 4
            var group: UInt32 = 0
            for offset in 0..<4 {
                let character = text[index + offset]
                let value: UInt8
                if offset < significant {
                    guard let decoded = sextet(character) else { return nil }
                    value = decoded
                } else {
                    guard character == UInt8(ascii: "=") else { return nil }
                    value = 0
                }
                group = group << 6 | UInt32(value)
            }

            bytes.append(UInt8(truncatingIfNeeded: group >> 16))
            if significant >= 3 { bytes.append(UInt8(truncatingIfNeeded: group >> 8)) }
            if significant == 4 { bytes.append(UInt8(truncatingIfNeeded: group)) }
            // One padding character leaves 2 unused bits, two leave 4.
            if significant == 3 && group & 0xFF != 0 { return nil }
            if significant == 2 && group & 0xFFFF != 0 { return nil }
            index += 4
        }
        return bytes
    }

    /// Returns the 6-bit value of one base64 character, or nil outside the alphabet.
    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
