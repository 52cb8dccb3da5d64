import Testing

@testable import ExpanseCommandLine

private let spec = CommandSpec(
    name: "tool",
    abstract: "Runs the tool.",
    options: [
        OptionSpec("count", value: "N", environment: "TOOL_COUNT", help: "A count."),
        OptionSpec("ratio", value: "X", environment: "TOOL_RATIO", help: "A ratio."),
    ]
)

/// Parses `--name=text`, or sets the option's variable to `text` when
/// `fromEnvironment` is true.
private func parse(_ name: String, _ text: String, fromEnvironment: Bool) throws -> ParsedOptions {
    let variable = name == "count" ? "TOOL_COUNT" : "TOOL_RATIO"
    let arguments = fromEnvironment ? [] : ["--\(name)=\(text)"]
    let environment = fromEnvironment ? [variable: text] : [:]
    guard case .run(let parsed) = try CommandParser(spec: spec).parse(arguments, environment: environment) else {
        throw UsageError("expected options, got help")
    }
    return parsed
}

@Test(arguments: [
    ("0", 0), ("16", 16), ("007", 7), ("+5", 5), ("-12", -12), ("-0", 0), ("1000", 1000),
])
func integerAcceptsDecimal(text: String, expected: Int) throws {
    for fromEnvironment in [false, true] {
        let parsed = try parse("count", text, fromEnvironment: fromEnvironment)

        #expect(try parsed.int("count", in: -1000...1000) == expected, "environment: \(fromEnvironment)")
    }
}

@Test(arguments: [
    "0x10", "0X10", "0o17", "0b101", "1e3", "1.0", "1.", ".5", "1_000", "1,000", " 5", "5 ", "5\n", "", "+", "-",
    "+-5", "٣", "５", "nan", "inf", "99999999999999999999", "1001",
])
func integerRejectsOtherSpellings(text: String) throws {
    for fromEnvironment in [false, true] {
        let parsed = try parse("count", text, fromEnvironment: fromEnvironment)
        let source = fromEnvironment ? "TOOL_COUNT" : "--count"

        #expect(throws: UsageError("invalid \(source) value '\(text)': expected a decimal integer from -1000 to 1000")) {
            try parsed.int("count", in: -1000...1000)
        }
    }
}

@Test(arguments: [
    ("16", 16.0), ("0.5", 0.5), ("-2.5", -2.5), ("+3", 3), ("007.50", 7.5), ("1e2", 100), ("1E2", 100),
    ("1e+2", 100), ("2.5e-1", 0.25), ("-0", 0), ("1000", 1000),
])
func realAcceptsDecimal(text: String, expected: Double) throws {
    for fromEnvironment in [false, true] {
        let parsed = try parse("ratio", text, fromEnvironment: fromEnvironment)

        #expect(try parsed.double("ratio", in: -1000...1000) == expected, "environment: \(fromEnvironment)")
    }
}

@Test(arguments: [
    "0x10", "0X10", "0x1p4", "inf", "-inf", "infinity", "nan", "NaN", ".5", "5.", "-.5", "1e", "1e+", "e5",
    "1.2.3", "1_0", "1,5", " 5", "5 ", "", "+", "٣", "1e400", "1e4", "-1000.5",
])
func realRejectsOtherSpellings(text: String) throws {
    for fromEnvironment in [false, true] {
        let parsed = try parse("ratio", text, fromEnvironment: fromEnvironment)
        let source = fromEnvironment ? "TOOL_RATIO" : "--ratio"

        #expect(throws: UsageError("invalid \(source) value '\(text)': expected a decimal number from -1000 to 1000")) {
            try parsed.double("ratio", in: -1000...1000)
        }
    }
}

@Test(arguments: [
    (3600.0, "3600"), (0.1, "0.1"), (0.99, "0.99"), (0.000001, "1e-6"), (1e-9, "1e-9"), (1e-10, "1e-10"),
    (-0.0, "0"), (-2.5, "-2.5"), (1.5e20, "1.5e20"),
])
func boundFormatsAsTyped(value: Double, expected: String) {
    #expect(DecimalNotation.format(value) == expected)
}
