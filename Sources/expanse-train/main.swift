import ExpanseCommandLine
import Foundation

/// Entry point: picks the command, parses its options, runs it and maps
/// failures to exit statuses (64 usage, 65 data, 74 output, 1 otherwise).
let arguments = Array(CommandLine.arguments.dropFirst())
let commands: [String: (CommandSpec, (ParsedOptions) throws -> Void)] = [
    "cv": (TrainCommandSpecs.cv, CrossValidateCommand.run),
    "fit": (TrainCommandSpecs.fit, FitCommand.run),
    "predict": (TrainCommandSpecs.predict, PredictCommand.run),
    "paper": (TrainCommandSpecs.paper, PaperCommand.run),
]

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

guard let name = arguments.first, !name.hasPrefix("-") || name == "--help" || name == "-h" else {
    printError("expanse-train: missing command\n\n" + TrainCommandSpecs.topLevelHelp)
    exit(ExitCode.usage)
}
if name == "--help" || name == "-h" || name == "help" {
    print(TrainCommandSpecs.topLevelHelp)
    exit(ExitCode.success)
}
guard let (spec, run) = commands[name] else {
    printError("expanse-train: unknown command '\(name)'\n\n" + TrainCommandSpecs.topLevelHelp)
    exit(ExitCode.usage)
}

do {
    switch try CommandParser(spec: spec).parse(Array(arguments.dropFirst()), environment: [:]) {
    case .help:
        print(spec.help)
    case .run(let options):
        try run(options)
    }
    exit(ExitCode.success)
} catch let error as UsageError {
    printError("\(spec.name): \(error.message)\n\(spec.usage)\nRun '\(spec.name) --help' for every option.")
    exit(ExitCode.usage)
} catch let error as CommandFailure {
    printError("\(spec.name): \(error.message)")
    exit(error.exitCode)
} catch {
    printError("\(spec.name): \(error)")
    exit(ExitCode.failure)
}
