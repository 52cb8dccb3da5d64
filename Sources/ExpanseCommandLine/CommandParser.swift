/// Parses a command's arguments against its `CommandSpec`.
///
/// Accepts `--name VALUE`, `--name=VALUE` and flags `--name`. A value comes
/// from the command line first, then the option's environment variable, then
/// its default. `--help` or `-h` anywhere returns `.help`.
public struct CommandParser: Sendable {
    public let spec: CommandSpec

    public init(spec: CommandSpec) {
        self.spec = spec
    }

    /// The outcome of parsing: options to run with, or a request for help.
    public enum Outcome: Sendable {
        case run(ParsedOptions)
        case help
    }

    /// Parses `arguments` (without the program and command names).
    /// - Throws: `UsageError` for an unknown option, a missing value, an
    ///   option given twice, a word that is not an option, a missing
    ///   required option, or a value outside its option's `range`.
    public func parse(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        if arguments.contains("--help") || arguments.contains("-h") {
            return .help
        }

        var values: [String: String] = [:]
        var sources: [String: String] = [:]
        var index = arguments.startIndex

        while index < arguments.endIndex {
            let word = arguments[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                throw UsageError("unexpected argument '\(word)'")
            }

            let body = word.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }

            guard let option = spec.options.first(where: { $0.name == name }) else {
                throw UsageError("unknown option '--\(name)'" + suggestion(for: name))
            }
            guard values[name] == nil else {
                throw UsageError("--\(name) is given more than once")
            }

            if option.isFlag {
                if let inlineValue {
                    values[name] = inlineValue
                } else {
                    values[name] = "true"
                }
            } else if let inlineValue {
                values[name] = inlineValue
            } else {
                guard index < arguments.endIndex, !arguments[index].hasPrefix("--") else {
                    throw UsageError("--\(name) needs a value (\(option.valueName ?? "VALUE"))")
                }
                values[name] = arguments[index]
                index += 1
            }
            sources[name] = "--\(name)"
        }

        for option in spec.options where values[option.name] == nil {
            if let variable = option.environment, let value = environment[variable] {
                values[option.name] = value
                sources[option.name] = variable
            } else if let value = option.defaultValue {
                values[option.name] = value
            }
        }
        for option in spec.options where option.isRequired && values[option.name] == nil {
            throw UsageError("missing --\(option.name) \(option.valueName ?? "")")
        }

        var ranges: [String: OptionRange] = [:]
        for option in spec.options {
            ranges[option.name] = option.range
        }
        let parsed = ParsedOptions(values: values, sources: sources, ranges: ranges)
        for option in spec.options {
            try parsed.validateRange(of: option.name)
        }
        return .run(parsed)
    }

    /// " (did you mean '--x'?)" for the closest option name, or "".
    private func suggestion(for name: String) -> String {
        let scored = spec.options.map { ($0.name, editDistance($0.name, name)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 3) else {
            return ""
        }
        return " (did you mean '--\(best.0)'?)"
    }
}

/// Levenshtein distance between two strings, counted in characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let left = Array(a)
    let right = Array(b)
    guard !left.isEmpty else { return right.count }
    guard !right.isEmpty else { return left.count }

    var previous = Array(0...right.count)
    var current = [Int](repeating: 0, count: right.count + 1)
    for i in 1...left.count {
        current[0] = i
        for j in 1...right.count {
            let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[right.count]
}
