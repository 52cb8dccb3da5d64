/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// It rejects duplicate object keys, nesting deeper than `maxDepth`, invalid
/// escapes, unpaired surrogates, and anything after the value except whitespace.
struct JSONParser {
    struct ParseError: Error, Equatable {
        /// The byte offset of the problem within the parsed text.
        let offset: Int
        let reason: String
    }

    /// Nesting limit, which bounds recursion on hostile input.
    static let maxDepth = 64

    private let bytes: [UInt8]
    private var position = 0

    /// Parses `bytes` as one JSON value.
    static func parse(_ bytes: [UInt8]) throws(ParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw parser.error("unexpected data after the JSON value")
        }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func error(_ reason: String) -> ParseError {
        ParseError(offset: position, reason: reason)
    }

    private var current: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    private mutating func expect(_ literal: String) throws(ParseError) {
        for byte in literal.utf8 {
            guard current == byte else {
                throw error("invalid literal, expected \(literal)")
            }
            position += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(ParseError) -> JSONValue {
        guard depth < Self.maxDepth else {
            throw error("JSON nests deeper than \(Self.maxDepth) levels")
        }
        switch current {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        case .some(let byte) where byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte):
            return .number(try parseNumber())
        case .some:
            throw error("unexpected character")
        case .none:
            throw error("unexpected end of JSON")
        }
    }

    private mutating func parseObject(depth: Int) throws(ParseError) -> JSONValue {
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                throw error("expected a string key")
            }
            let keyOffset = position
            let key = try parseString()
            guard members[key] == nil else {
                throw ParseError(offset: keyOffset, reason: "duplicate key \"\(key)\"")
            }
            skipWhitespace()
            try expect(":")
            skipWhitespace()
            members[key] = try parseValue(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            default:
                throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(ParseError) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            default:
                throw error("expected ',' or ']' in an array")
            }
        }
    }

    /// Parses a number and returns its text, following the JSON grammar
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws(ParseError) -> String {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
        } else {
            try skipDigits()
        }
        if current == UInt8(ascii: ".") {
            position += 1
            try skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            try skipDigits()
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipDigits() throws(ParseError) {
        let start = position
        while let byte = current, (0x30...0x39).contains(byte) {
            position += 1
        }
        guard position > start else {
            throw error("invalid number: expected a digit")
        }
    }

    private mutating func parseString() throws(ParseError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var literalStart = position

        while true {
            guard let byte = current else {
                throw error("unterminated string")
            }
            switch byte {
            case UInt8(ascii: "\""):
                try appendLiteral(from: literalStart, to: &scalars)
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                try appendLiteral(from: literalStart, to: &scalars)
                position += 1
                scalars.append(try parseEscape())
                literalStart = position
            case 0..<0x20:
                throw error("unescaped control character in a string")
            default:
                position += 1
            }
        }
    }

    /// Appends the unescaped bytes from `start` to the current position, which must be valid UTF-8.
    private func appendLiteral(from start: Int, to scalars: inout String.UnicodeScalarView) throws(ParseError) {
        guard start < position else { return }
        guard let text = String(validating: bytes[start..<position], as: UTF8.self) else {
            throw ParseError(offset: start, reason: "invalid UTF-8 in a string")
        }
        scalars.append(contentsOf: text.unicodeScalars)
    }

    private mutating func parseEscape() throws(ParseError) -> Unicode.Scalar {
        guard let byte = current else {
            throw error("unterminated escape")
        }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try parseUnicodeEscape()
        default: throw error("invalid escape")
        }
    }

    /// Parses the hex digits after `\u`, combining a UTF-16 surrogate pair
    /// written as two escapes.
    private mutating func parseUnicodeEscape() throws(ParseError) -> Unicode.Scalar {
        let first = try parseHex4()
        if (0xD800..<0xDC00).contains(first) {
            guard current == UInt8(ascii: "\\") else {
                throw error("unpaired surrogate in \\u escape")
            }
            position += 1
            guard current == UInt8(ascii: "u") else {
                throw error("unpaired surrogate in \\u escape")
            }
            position += 1
            let second = try parseHex4()
            guard (0xDC00..<0xE000).contains(second) else {
                throw error("unpaired surrogate in \\u escape")
            }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(value)!
        }
        guard let scalar = Unicode.Scalar(first) else {
            throw error("unpaired surrogate in \\u escape")
        }
        return scalar
    }

    private mutating func parseHex4() throws(ParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexDigitValue(byte) else {
                throw error("invalid \\u escape: expected four hex digits")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }
}
