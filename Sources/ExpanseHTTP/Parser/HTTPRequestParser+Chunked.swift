extension HTTPRequestParser {
    /// Parses `chunk-size [ chunk-ext ]` (RFC 9112 section 7.1). Extensions
    /// are checked for control characters and otherwise ignored. A size of
    /// zero starts the trailer section.
    mutating func consumeChunkSizeLine(_ line: ArraySlice<UInt8>) throws(HTTPError) {
        var index = line.startIndex
        var size = 0
        var digits = 0
        while index < line.endIndex, let value = Self.hexValue(line[index]) {
            // 15 hex digits stay below Int.max, so the sum cannot overflow.
            digits += 1
            guard digits <= 15 else {
                throw HTTPError(.badRequest, detail: "A chunk size has too many digits.")
            }
            size = size * 16 + value
            index += 1
        }
        guard digits > 0 else {
            throw HTTPError(.badRequest, detail: "A chunk size is missing or not hexadecimal.")
        }

        let rest = line[index...]
        let extensionStart = rest.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        if let extensionStart, line[extensionStart] != UInt8(ascii: ";") {
            throw HTTPError(.badRequest, detail: "A chunk size is followed by something other than an extension.")
        }
        guard rest.allSatisfy(Self.isFieldValueCharacter) else {
            throw HTTPError(.badRequest, detail: "A chunk extension contains a control character.")
        }

        if size == 0 {
            state = .trailerLines
            return
        }
        guard size <= limits.maxBodyBytes - chunkedBody.count else {
            throw HTTPError(
                .contentTooLarge,
                detail: "The chunked body exceeds the limit of \(limits.maxBodyBytes) bytes.",
                setting: "maxBodyBytes",
                remedy: "send a smaller body"
            )
        }
        state = .chunkData(remaining: size)
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
