import Testing

@testable import ExpanseCommandLine

private let spec = CommandSpec(
    name: "tool run",
    abstract: "Runs the tool.",
    options: [
        OptionSpec("data", value: "FILE", required: true, help: "Input CSV."),
        OptionSpec("folds", value: "K", default: "10", help: "Number of folds."),
        OptionSpec("port", value: "PORT", default: "8080", environment: "TOOL_PORT", help: "TCP port."),
        OptionSpec("quiet", help: "Print nothing."),
    ]
)

private func options(_ arguments: [String], environment: [String: String] = [:]) throws -> ParsedOptions {
    guard case .run(let parsed) = try CommandParser(spec: spec).parse(arguments, environment: environment) else {
        Issue.record("expected options, got help")
        throw UsageError("help")
    }
    return parsed
}

@Test func parsesSeparateAndInlineValues() throws {
    let parsed = try options(["--data", "a.csv", "--folds=5"])
    #expect(parsed.string("data") == "a.csv")
    #expect(try parsed.int("folds", in: 2...100) == 5)
}

@Test func appliesDefaultsThenEnvironment() throws {
    let parsed = try options(["--data", "a.csv"], environment: ["TOOL_PORT": "9000"])
    #expect(try parsed.int("folds", in: 2...100) == 10)
    #expect(try parsed.int("port", in: 1...65535) == 9000)
    #expect(parsed.source(of: "port") == "TOOL_PORT")
}

@Test func commandLineBeatsEnvironment() throws {
    let parsed = try options(["--data", "a.csv", "--port", "1234"], environment: ["TOOL_PORT": "9000"])
    #expect(try parsed.int("port", in: 1...65535) == 1234)
}

@Test func flagsDefaultToOff() throws {
    #expect(try options(["--data", "x"]).flag("quiet") == false)
    #expect(try options(["--data", "x", "--quiet"]).flag("quiet") == true)
}

@Test(arguments: [
    (["--data"], "--data needs a value (FILE)"),
    (["--folds", "3"], "missing --data FILE"),
    (["--data", "a", "--data", "b"], "--data is given more than once"),
    (["--data", "a", "stray"], "unexpected argument 'stray'"),
    (["--data", "a", "--fold", "3"], "unknown option '--fold' (did you mean '--folds'?)"),
])
func rejectsBadUsage(arguments: [String], message: String) {
    #expect(throws: UsageError(message)) {
        try CommandParser(spec: spec).parse(arguments)
    }
}

@Test func rejectsOutOfRangeNumberNamingTheOption() throws {
    let parsed = try options(["--data", "a", "--folds", "1"])
    #expect(throws: UsageError("invalid --folds value '1': expected a decimal integer from 2 to 100")) {
        try parsed.int("folds", in: 2...100)
    }
}

@Test func rejectsBadEnvironmentValueNamingTheVariable() throws {
    let parsed = try options(["--data", "a"], environment: ["TOOL_PORT": "http"])
    #expect(throws: UsageError("invalid TOOL_PORT value 'http': expected a decimal integer from 1 to 65535")) {
        try parsed.int("port", in: 1...65535)
    }
}

private let rangedSpec = CommandSpec(
    name: "tool fit",
    abstract: "Fits the model.",
    options: [
        OptionSpec("folds", value: "K", default: "10", range: .integer(2...100), help: "Number of folds."),
        OptionSpec("rate", value: "LR", environment: "TOOL_RATE", range: .real(0.000001...1), help: "Learning rate."),
    ]
)

@Test func parserEnforcesSpecRange() {
    #expect(throws: UsageError("invalid --folds value '1': expected a decimal integer from 2 to 100")) {
        try CommandParser(spec: rangedSpec).parse(["--folds", "1"])
    }
    #expect(throws: UsageError("invalid --rate value '2': expected a decimal number from 1e-6 to 1")) {
        try CommandParser(spec: rangedSpec).parse(["--rate=2"])
    }
    #expect(throws: UsageError("invalid TOOL_RATE value '0x1p-2': expected a decimal number from 1e-6 to 1")) {
        try CommandParser(spec: rangedSpec).parse([], environment: ["TOOL_RATE": "0x1p-2"])
    }
}

@Test func rangedAccessorsUseSpecRange() throws {
    guard case .run(let parsed) = try CommandParser(spec: rangedSpec).parse(["--rate", "0.25"]) else {
        Issue.record("expected options, got help")
        return
    }

    #expect(try parsed.int("folds") == 10)
    #expect(try parsed.double("rate") == 0.25)
    #expect(parsed.ranges["folds"] == .integer(2...100))
}

@Test func helpWinsOverErrors() throws {
    guard case .help = try CommandParser(spec: spec).parse(["--bogus", "--help"]) else {
        Issue.record("expected help")
        return
    }
}

@Test func helpListsEveryOptionWithDefault() {
    let help = spec.help
    #expect(help.hasPrefix("usage: tool run --data FILE [options]"))
    #expect(help.contains("--folds K"))
    #expect(help.contains("(default: 10)"))
    #expect(help.contains("[env: TOOL_PORT]"))
    #expect(help.contains("--quiet"))
    #expect(help.contains("(required)"))
}

@Test func editDistanceCountsEdits() {
    #expect(editDistance("fold", "folds") == 1)
    #expect(editDistance("", "abc") == 3)
    #expect(editDistance("kitten", "sitting") == 3)
}
