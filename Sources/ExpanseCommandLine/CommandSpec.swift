/// A command's name, one-line summary and options; `CommandParser` parses
/// against it and renders its help.
public struct CommandSpec: Sendable {
    /// The words that invoke the command, e.g. `expanse-train cv`.
    public let name: String
    public let abstract: String
    public let options: [OptionSpec]
    /// Free text printed after the option list: examples, exit codes.
    public let discussion: String

    public init(name: String, abstract: String, options: [OptionSpec], discussion: String = "") {
        self.name = name
        self.abstract = abstract
        self.options = options
        self.discussion = discussion
    }

    /// One line naming the required options, as shown after a usage error.
    public var usage: String {
        var parts = [name]
        for option in options where option.isRequired {
            parts.append("--\(option.name) \(option.valueName ?? "")".trimmingTrailingSpace())
        }
        parts.append("[options]")
        return "usage: " + parts.joined(separator: " ")
    }

    /// The full help: usage, summary, then every option with its value, range, default and environment variable.
    public var help: String {
        var lines = [usage, "", abstract, "", "options:"]
        let labels = options.map { option in
            "  --\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
        }
        let helpLabel = "  --help"
        // The help flag's label counts too, so a command with only short
        // option names still gets a gap before the help flag's text.
        let width = min(34, ((labels + [helpLabel]).map(\.count).max() ?? 0) + 2)
        for (option, label) in zip(options, labels) {
            var text = option.helpWithRange
            if let value = option.defaultValue {
                text += " (default: \(value))"
            } else if option.isRequired {
                text += " (required)"
            } else if option.isFlag {
                text += " (default: off)"
            }
            if let variable = option.environment {
                text += " [env: \(variable)]"
            }
            if label.count + 2 > width {
                lines.append(label)
                lines.append(String(repeating: " ", count: width) + text)
            } else {
                lines.append(label.paddedWithSpaces(to: width) + text)
            }
        }
        lines.append(helpLabel.paddedWithSpaces(to: width) + "Show this help and exit.")
        if !discussion.isEmpty {
            lines.append("")
            lines.append(discussion)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpace() -> String {
        var copy = self
        while copy.last == " " {
            copy.removeLast()
        }
        return copy
    }

    /// Appends spaces until the string is `width` characters long. A longer
    /// string is returned unchanged, never truncated.
    fileprivate func paddedWithSpaces(to width: Int) -> String {
        let missing = width - count
        return missing > 0 ? self + String(repeating: " ", count: missing) : self
    }
}
