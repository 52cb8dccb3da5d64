/// The byte range of one CSV field's content within a buffer, without its
/// surrounding quotes.
struct CSVField {
    var start: Int
    var end: Int
    /// Whether the field was quoted, so that `""` inside it is an escaped quote.
    var quoted: Bool

    /// Splits the line `bytes[start..<end]` at commas into `fields`, following
    /// RFC 4180 quoting. Returns an error message when a quoted field has no
    /// closing quote or text follows its closing quote.
    static func split(
        _ bytes: UnsafeBufferPointer<UInt8>,
        start: Int,
        end: Int,
        into fields: inout [CSVField]
    ) -> String? {
        fields.removeAll(keepingCapacity: true)
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
        var position = start

        while true {
            if position < end && bytes[position] == quote {
                // Quoted field: find the closing quote, skipping doubled quotes.
                var cursor = position + 1
                while true {
                    guard cursor < end else {
                        // NOTE: lines are split before fields, so a quoted value
                        // that contains a line break is reported here as unterminated.
                        return "a quoted value has no closing quote (quoted values may not contain line breaks)"
                    }
                    if bytes[cursor] == quote {
                        if cursor + 1 < end && bytes[cursor + 1] == quote {
                            cursor += 2
                            continue
                        }
                        break
                    }
                    cursor += 1
                }
                fields.append(CSVField(start: position + 1, end: cursor, quoted: true))
                position = cursor + 1
                guard position == end || bytes[position] == comma else {
                    return "text follows the closing quote of value \(fields.count)"
                }
            } else {
                var cursor = position
                while cursor < end && bytes[cursor] != comma {
                    cursor += 1
                }
                fields.append(CSVField(start: position, end: cursor, quoted: false))
                position = cursor
            }

            if position == end {
                return nil
            }
            position += 1
        }
    }

    /// Returns the field's text, with doubled quotes in a quoted field collapsed.
    func text(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard quoted else { return raw }
        var result = ""
        var previousWasQuote = false
        for character in raw {
            if character == "\"" && previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = character == "\""
            result.append(character)
        }
        return result
    }
}
