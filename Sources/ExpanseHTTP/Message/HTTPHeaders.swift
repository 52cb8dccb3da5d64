/// Header fields in the order received, with repeated names kept.
///
/// Lookups compare names case-insensitively (ASCII), as RFC 9110 requires;
/// names keep the spelling they were added with.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: String)]

    public init() {
        fields = []
    }

    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    /// Adds a field after the existing ones, keeping any with the same name.
    public mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces every field named `name` with one field holding `value`.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Sets the value of every field named `name` in place, keeping its
    /// position and spelling, or adds one field when there is none.
    mutating func replaceValues(of name: String, with value: String) {
        guard contains(name) else {
            add(name: name, value: value)
            return
        }
        for index in fields.indices where Self.namesEqual(fields[index].name, name) {
            fields[index].value = value
        }
    }

    /// Removes every field named `name`.
    public mutating func remove(name: String) {
        fields.removeAll { Self.namesEqual($0.name, name) }
    }

    /// Returns the first value of `name`, or nil when the field is absent.
    public subscript(name: String) -> String? {
        fields.first { Self.namesEqual($0.name, name) }?.value
    }

    /// Returns every value of `name`, in order.
    public func values(of name: String) -> [String] {
        fields.filter { Self.namesEqual($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { Self.namesEqual($0.name, name) }
    }

    /// Returns every comma-separated element of every `name` field,
    /// trimmed of spaces and tabs and lowercased, with empty elements
    /// dropped. It suits list fields of tokens such as `Connection` or `Transfer-Encoding`.
    public func tokens(of name: String) -> [String] {
        values(of: name).flatMap { value in
            value.split(separator: ",").compactMap { element in
                let trimmed = element.trimmingSpacesAndTabs()
                return trimmed.isEmpty ? nil : trimmed.lowercased()
            }
        }
    }

    static func namesEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.utf8
        let right = rhs.utf8
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { asciiLowercase($0) == asciiLowercase($1) }
    }

    @inline(__always)
    static func asciiLowercase(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
    }
}

extension Substring {
    func trimmingSpacesAndTabs() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
