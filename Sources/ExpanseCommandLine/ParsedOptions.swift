/// The values a `CommandParser` found, with typed accessors that throw a
/// `UsageError` naming the option and the accepted range.
public struct ParsedOptions: Sendable {
    /// Raw values by option name, after defaults and environment variables are applied.
    public let values: [String: String]
    /// The origin of each value, for messages: `--port` or `EXPANSE_PORT`.
    public let sources: [String: String]
    /// The range of each numeric option whose `OptionSpec` gives one.
    public let ranges: [String: OptionRange]

    public init(values: [String: String], sources: [String: String], ranges: [String: OptionRange] = [:]) {
        self.values = values
        self.sources = sources
        self.ranges = ranges
    }

    /// Returns the value of `name`, or nil when it has no value and no default.
    public func string(_ name: String) -> String? {
        values[name]
    }

    /// Returns the value of a required option.
    /// - Throws: `UsageError` when it is missing.
    public func required(_ name: String) throws -> String {
        guard let value = values[name], !value.isEmpty else {
            throw UsageError("missing --\(name)")
        }
        return value
    }

    /// Returns whether a flag is set. A flag given through the environment counts as
    /// set for `1`, `true` or `yes` and unset for `0`, `false`, `no` or empty.
    public func flag(_ name: String) throws -> Bool {
        guard let value = values[name] else { return false }
        switch value.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off", "": return false
        default: throw UsageError("invalid \(source(of: name)) value '\(value)': expected true or false")
        }
    }

    /// Parses the value as a decimal integer in `range`: an optional sign and
    /// ASCII digits, so `0x10`, `1e3` and ` 5` are rejected.
    /// - Throws: `UsageError` naming the option, the value and the range.
    public func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard DecimalNotation.isInteger(text), let value = Int(text), range.contains(value) else {
            throw UsageError("invalid \(source(of: name)) value '\(text)': expected a decimal integer from \(OptionRange.integer(range))")
        }
        return value
    }

    /// Parses the value as a finite decimal number in `range`: an optional sign,
    /// digits, an optional fraction and an optional exponent, so `0x10`, `inf`,
    /// `nan` and `.5` are rejected.
    /// - Throws: `UsageError` naming the option, the value and the range.
    public func double(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = values[name] else { return nil }
        guard DecimalNotation.isReal(text), let value = Double(text), value.isFinite, range.contains(value) else {
            throw UsageError("invalid \(source(of: name)) value '\(text)': expected a decimal number from \(OptionRange.real(range))")
        }
        return value
    }

    /// Parses the value as a decimal integer in the range of its `OptionSpec`.
    /// - Throws: `UsageError` naming the option, the value and the range.
    public func int(_ name: String) throws -> Int? {
        guard case .integer(let range) = ranges[name] else {
            preconditionFailure("the OptionSpec of --\(name) gives no integer range")
        }
        return try int(name, in: range)
    }

    /// Parses the value as a finite decimal number in the range of its `OptionSpec`.
    /// - Throws: `UsageError` naming the option, the value and the range.
    public func double(_ name: String) throws -> Double? {
        guard case .real(let range) = ranges[name] else {
            preconditionFailure("the OptionSpec of --\(name) gives no real range")
        }
        return try double(name, in: range)
    }

    /// Checks the value of `name`, if it has one, against its spec's range.
    /// - Throws: `UsageError` naming the option, the value and the range.
    func validateRange(of name: String) throws {
        switch ranges[name] {
        case .integer(let range): _ = try int(name, in: range)
        case .real(let range): _ = try double(name, in: range)
        case nil: break
        }
    }

    /// Returns the value, which must be one of `choices`.
    /// - Throws: `UsageError` listing the choices.
    public func choice(_ name: String, from choices: [String]) throws -> String? {
        guard let text = values[name] else { return nil }
        guard choices.contains(text) else {
            throw UsageError("invalid \(source(of: name)) value '\(text)': expected one of \(choices.joined(separator: ", "))")
        }
        return text
    }

    /// Returns how the user gave `name`: `--name` or the environment variable.
    public func source(of name: String) -> String {
        sources[name] ?? "--\(name)"
    }
}
