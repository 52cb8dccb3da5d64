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

@Test func helpShowsRangeAfterFirstSentence() {
    let spec = CommandSpec(
        name: "tool",
        abstract: "Does one thing.",
        options: [
            OptionSpec("port", value: "PORT", range: .integer(0...65535), help: "TCP port. 0 picks a free port."),
            OptionSpec("timeout", value: "SECONDS", range: .real(0.1...3600), help: "Read timeout, in seconds."),
            OptionSpec("rate", value: "LR", default: "0.001", range: .real(0.000000001...10), help: "Learning rate"),
        ]
    )
    let lines = spec.help.split(separator: "\n").map(String.init)

    #expect(lines.contains("  --port PORT        TCP port, 0 to 65535. 0 picks a free port."))
    #expect(lines.contains("  --timeout SECONDS  Read timeout, in seconds, 0.1 to 3600."))
    #expect(lines.contains("  --rate LR          Learning rate, 1e-9 to 10 (default: 0.001)"))
}
