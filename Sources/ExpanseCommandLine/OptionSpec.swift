/// One command-line option: `--name VALUE`, `--name=VALUE`, or a flag `--name`.
public struct OptionSpec: Sendable, Equatable {
    /// The long name without dashes, e.g. `data`.
    public let name: String
    /// The placeholder shown in help, e.g. `FILE`; nil makes the option a flag that takes no value.
    public let valueName: String?
    /// The help text: the setting the option changes and its unit.
    public let help: String
    /// The value used when neither the command line nor the environment gives one, as shown in help.
    public let defaultValue: String?
    /// The environment variable read when the option is absent from the command line, e.g. `EXPANSE_PORT`.
    public let environment: String?
    /// Whether the command cannot run without it.
    public let isRequired: Bool
    /// The numeric values the option accepts. `CommandParser` rejects any
    /// other value, and the help shows the range.
    public let range: OptionRange?

    public init(
        _ name: String,
        value valueName: String? = nil,
        default defaultValue: String? = nil,
        environment: String? = nil,
        required isRequired: Bool = false,
        range: OptionRange? = nil,
        help: String
    ) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.defaultValue = defaultValue
        self.environment = environment
        self.isRequired = isRequired
        self.range = range
    }

    /// Whether the option is a flag that takes no value.
    public var isFlag: Bool { valueName == nil }

    /// The help text with the range at the end of its first sentence, as in
    /// "TCP port, 0 to 65535. 0 picks a free port."
    var helpWithRange: String {
        guard let range else { return help }
        let insertion = ", " + range.description
        if let sentenceEnd = help.firstRange(of: ". ") {
            return help[..<sentenceEnd.lowerBound] + insertion + help[sentenceEnd.lowerBound...]
        }
        if help.hasSuffix(".") {
            return help.dropLast() + insertion + "."
        }
        return help + insertion
    }
}

/// The numeric values an option accepts, both bounds included.
public enum OptionRange: Sendable, Equatable, CustomStringConvertible {
    case integer(ClosedRange<Int>)
    case real(ClosedRange<Double>)

    /// The bounds as help and error messages show them, e.g. `0.1 to 3600`.
    public var description: String {
        switch self {
        case .integer(let range):
            return "\(range.lowerBound) to \(range.upperBound)"
        case .real(let range):
            return DecimalNotation.format(range.lowerBound) + " to " + DecimalNotation.format(range.upperBound)
        }
    }
}
