import ExpanseCommandLine
import Testing

@Test func helpAlignsOptionTextInOneColumn() {
    let spec = CommandSpec(
        name: "tool",
        abstract: "Does one thing.",
        options: [
            OptionSpec("data", value: "FILE", help: "Input CSV."),
            OptionSpec("quiet", help: "Print nothing."),
        ]
    )
    let lines = spec.help.split(separator: "\n").map(String.init)

    // The longest label is "  --data FILE" (13 characters), so text starts at column 15.
    #expect(lines.contains("  --data FILE  Input CSV."))
    #expect(lines.contains("  --quiet      Print nothing. (default: off)"))
    #expect(lines.contains("  --help       Show this help and exit."))
}

@Test func helpWidensColumnForHelpLabel() {
    let spec = CommandSpec(name: "tool", abstract: "Does one thing.", options: [OptionSpec("q", help: "Quiet.")])
    let lines = spec.help.split(separator: "\n").map(String.init)

    #expect(lines.contains("  --q     Quiet. (default: off)"))
    #expect(lines.contains("  --help  Show this help and exit."))
}
