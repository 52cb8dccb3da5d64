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

    public init(
        _ name: String,
        value valueName: String? = nil,
        default defaultValue: String? = nil,
        environment: String? = nil,
        required isRequired: Bool = false,
        help: String
    ) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.defaultValue = defaultValue
        self.environment = environment
        self.isRequired = isRequired
    }

    /// Whether the option is a flag that takes no value.
    public var isFlag: Bool { valueName == nil }
}
