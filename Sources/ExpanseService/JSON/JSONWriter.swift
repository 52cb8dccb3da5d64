import ExpanseLog

/// Builds a JSON response body as bytes, without an intermediate tree.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends text that is already valid JSON, such as punctuation or a key with its quotes.
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends bytes that are already valid JSON.
    mutating func append(_ json: [UInt8]) {
        bytes.append(contentsOf: json)
    }

    /// Appends `text` as a quoted, escaped JSON string.
    mutating func string(_ text: String) {
        var quoted = ""
        JSONLinesLogSink.appendJSONString(text, to: &quoted)
        bytes.append(contentsOf: quoted.utf8)
    }

    /// Appends the bytes in `range` of `source` between quotes, unchanged.
    /// The caller guarantees they are valid JSON string contents.
    mutating func quotedBytes(_ source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[range]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a finite `Float` in its shortest form that reads back to the
    /// same value (at most 9 significant digits).
    mutating func number(_ value: Float) {
        bytes.append(contentsOf: value.description.utf8)
    }

    /// Appends a finite `Double` in its shortest round-trip form.
    mutating func number(_ value: Double) {
        bytes.append(contentsOf: value.description.utf8)
    }

    mutating func number(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }
}
