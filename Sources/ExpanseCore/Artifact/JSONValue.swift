/// A JSON value, as stored in an artifact's metadata.
///
/// Numbers keep their literal text, so a `Float` written with its shortest
/// round-trip form reads back bit for bit. Objects have no key order, and the
/// serializer sorts keys so that equal values give equal text.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number's literal text, valid under the JSON grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Creates a number from a finite `Double`, in its shortest round-trip form.
    public init(_ value: Double) {
        precondition(value.isFinite, "JSON has no NaN or infinity")
        self = .number(value.description)
    }

    /// Creates a number from a finite `Float`, in its shortest round-trip form.
    public init(_ value: Float) {
        precondition(value.isFinite, "JSON has no NaN or infinity")
        self = .number(value.description)
    }

    public init(_ value: Int) {
        self = .number(String(value))
    }

    /// The string, or nil for any other kind of value.
    public var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The number parsed as the nearest `Double`, or nil for any other kind of value.
    public var doubleValue: Double? {
        if case .number(let text) = self { Double(text) } else { nil }
    }

    /// The number parsed as the nearest `Float`, or nil for any other kind of value.
    /// Values beyond `Float`'s range become infinite.
    public var floatValue: Float? {
        if case .number(let text) = self { Float(text) } else { nil }
    }

    /// The number as an `Int` when it is written as an integer that fits, else nil.
    public var intValue: Int? {
        if case .number(let text) = self { Int(text) } else { nil }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self.init(value) }
    public init(floatLiteral value: Double) { self.init(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }

    /// Creates an object. A repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
