import ExpanseCore
import Foundation
import Testing

/// Small settings so that each training run takes about a second, with
/// enough Adam steps (about 400) for the classifier to learn the data.
private let quickModel = ["--expansion", "32", "--ae-epochs", "3", "--epochs", "20", "--batch-size", "64", "--quiet"]

@Test(arguments: [
    ("cv", ["--data", "--label", "--features", "--folds", "--report", "--seed", "--encoder", "--expansion", "--ae-epochs", "--epochs", "--batch-size", "--learning-rate", "--quiet", "--threads"]),
    ("fit", ["--data", "--out", "--threshold-folds", "--target-precision", "--encoder", "--expansion", "--ae-epochs", "--epochs", "--batch-size", "--learning-rate", "--seed"]),
    ("predict", ["--model", "--data", "--out"]),
    ("paper", ["--data", "--folds", "--report"]),
])
func helpListsContractFlags(command: String, flags: [String]) throws {
    let result = try TrainProcess.run([command, "--help"])
    #expect(result.status == 0)
    for flag in flags {
        #expect(result.stdout.contains(flag + " "), "\(command) --help does not list \(flag)")
    }
}

@Test func helpShowsDefaults() throws {
    let result = try TrainProcess.run(["cv", "--help"])
    #expect(result.stdout.contains("--folds K"))
    #expect(result.stdout.contains("(default: 10)"))
    #expect(result.stdout.contains("(default: 1024)"))
    #expect(result.stdout.contains("(default: 0.001)"))
}

/// Per command: arguments that pass the required-option check, and the options that have a range.
@Test(arguments: [
    (["cv", "--data", "x.csv"], [
        "folds", "expansion", "reduction", "dropout", "ae-epochs", "epochs", "batch-size", "learning-rate",
        "collapse-retries", "seed", "threads",
    ]),
    (["fit", "--data", "x.csv", "--out", "model.safetensors"], ["threshold-folds", "target-precision", "dropout", "seed"]),
    (["paper", "--data", "x.csv"], ["folds", "ae-epochs", "epochs", "seed", "threads"]),
])
func helpShowsEnforcedRange(command: [String], flags: [String]) throws {
    let help = try TrainProcess.run([command[0], "--help"]).stdout.split(separator: "\n")

    for flag in flags {
        // The rejection message names the range that the parser enforces.
        let result = try TrainProcess.run(command + ["--\(flag)", "0x10"])
        let message = try #require(
            result.stderr.firstMatch(of: /value '0x10': expected a decimal (integer|number) from (.+)\n/),
            "\(command[0]) --\(flag) 0x10: \(result.stderr)"
        )
        let line = help.first { $0.hasPrefix("  --\(flag) ") }

        #expect(result.status == 64, "\(command[0]) --\(flag)")
        #expect(line?.contains(", \(message.2)") == true, "\(command[0]) --help shows no range \(message.2) for --\(flag): \(line ?? "")")
    }
}

@Test func dropoutHelpMatchesCheck() throws {
    let help = try TrainProcess.run(["cv", "--help"]).stdout
    let accepted = try TrainProcess.run(["cv", "--data", "/nonexistent/data.csv", "--dropout", "0.99"])
    let rejected = try TrainProcess.run(["cv", "--data", "x.csv", "--dropout", "0.995"])

    #expect(help.contains("Dropout probability after the expansion layer, 0 to 0.99."))
    #expect(accepted.status == 66, "\(accepted.stderr)")
    #expect(rejected.status == 64)
    #expect(rejected.stderr.contains("invalid --dropout value '0.995': expected a decimal number from 0 to 0.99"))
}

@Test func unknownOptionExitsWithUsage() throws {
    let result = try TrainProcess.run(["cv", "--data", "x.csv", "--fold", "3"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("unknown option '--fold' (did you mean '--folds'?)"))
    #expect(result.stderr.contains("usage: expanse-train cv --data FILE"))
}

@Test func unknownCommandExitsWithUsage() throws {
    let result = try TrainProcess.run(["train"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("unknown command 'train'"))
}

@Test func invalidValueNamesFlag() throws {
    let result = try TrainProcess.run(["cv", "--data", "x.csv", "--encoder", "deep"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("invalid --encoder value 'deep': expected one of expanded, basic, none"))
}

@Test func badDataExitsWithDataError() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("bad.csv")
    try "a,b,Class\n1,2,0\n3,oops,1\n".write(toFile: path, atomically: true, encoding: .utf8)

    let result = try TrainProcess.run(["cv", "--data", path, "--folds", "2"] + quickModel)
    #expect(result.status == 65)
    #expect(result.stderr.contains("line 3"))
    #expect(result.stderr.contains("oops"))
}

@Test func crossValidationWritesReport() throws {
    let directory = try TemporaryDirectory()
    try writeSeparableCSV(to: directory.file("data.csv"))
    let reportPath = directory.file("report.json")

    let result = try TrainProcess.run(
        ["cv", "--data", directory.file("data.csv"), "--folds", "3", "--report", reportPath] + quickModel
    )
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("random classifier: 0.1250"))

    let report = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportPath))) as? [String: Any]
    )
    let folds = try #require(report["folds"] as? [[String: Any]])
    #expect(folds.count == 3)
    for fold in folds {
        let auroc = try #require(fold["auroc"] as? Double)
        #expect(auroc > 0.9, "separable data should rank positives first in every fold")
        #expect(fold["auprc"] is Double)
    }
    let mean = try #require(report["mean"] as? [String: Any])
    #expect(mean["auroc"] is Double)
    #expect(mean["auprc"] is Double)
    #expect(report["config"] is [String: Any])
    #expect(report["wall_seconds"] is Double)
}

@Test func crossValidationWritesHTMLReport() throws {
    let directory = try TemporaryDirectory()
    try writeSeparableCSV(to: directory.file("data.csv"))
    let htmlPath = directory.file("report.html")

    let result = try TrainProcess.run(
        ["cv", "--data", directory.file("data.csv"), "--folds", "2", "--encoder", "basic", "--html", htmlPath] + quickModel
    )
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOfFile: htmlPath, encoding: .utf8)
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.components(separatedBy: "<svg").count - 1 == 3)
    #expect(page.contains("basic encoder's latent vector"))
    // Every positive row is drawn: one eighth of 1,200.
    #expect(page.components(separatedBy: "class=\"pos\"").count - 1 == 150)
}

@Test func fitThenPredictScoresEveryRow() throws {
    let directory = try TemporaryDirectory()
    let data = directory.file("data.csv")
    try writeSeparableCSV(to: data)
    let model = directory.file("model.safetensors")

    let fit = try TrainProcess.run(["fit", "--data", data, "--out", model, "--threshold-folds", "2", "--encoder", "expanded"] + quickModel)
    #expect(fit.status == 0, "\(fit.stderr)")
    let loaded = try ModelArtifact.load(path: model)
    #expect(loaded.artifact.features == ["a", "b", "c"])
    #expect(loaded.artifact.threshold > 0)
    #expect(loaded.artifact.threshold < 1)
    #expect(loaded.artifact.metrics["auroc"] != nil)
    #expect(fit.stdout.contains(loaded.sha256))

    let predictions = directory.file("predictions.csv")
    let predict = try TrainProcess.run(["predict", "--model", model, "--data", data, "--out", predictions])
    #expect(predict.status == 0, "\(predict.stderr)")
    let lines = try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "row,fraud_probability,decision,label")
    #expect(lines.count == 1201)

    // Rows labelled 1 should score above rows labelled 0 on this data.
    var positive: [Double] = []
    var negative: [Double] = []
    for line in lines.dropFirst() {
        let fields = line.split(separator: ",")
        let probability = try #require(Double(fields[1]))
        #expect(probability >= 0)
        #expect(probability <= 1)
        if fields[3] == "1" { positive.append(probability) } else { negative.append(probability) }
    }
    let positiveMean = positive.reduce(0, +) / Double(positive.count)
    let negativeMean = negative.reduce(0, +) / Double(negative.count)
    #expect(positiveMean > negativeMean)
}

@Test func fitIsDeterministicForSeed() throws {
    let directory = try TemporaryDirectory()
    let data = directory.file("data.csv")
    try writeSeparableCSV(to: data)

    var weights: [NetworkWeights] = []
    for name in ["first", "second"] {
        let model = directory.file("\(name).safetensors")
        let result = try TrainProcess.run(["fit", "--data", data, "--out", model, "--threshold-folds", "2", "--encoder", "basic", "--seed", "5"] + quickModel)
        #expect(result.status == 0, "\(result.stderr)")
        weights.append(try ModelArtifact.load(path: model).artifact.weights)
    }
    #expect(weights[0] == weights[1])
}

@Test func fitLeavesNoFileWhenOutputFails() throws {
    let directory = try TemporaryDirectory()
    let data = directory.file("data.csv")
    try writeSeparableCSV(to: data)
    let model = directory.file("missing-folder/model.safetensors")

    let result = try TrainProcess.run(["fit", "--data", data, "--out", model, "--threshold-folds", "2"] + quickModel)
    #expect(result.status == 74)
    #expect(result.stderr.contains(model))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(leftovers == ["data.csv"])
}

@Test func missingInputExitsWithNoInput() throws {
    let result = try TrainProcess.run(["cv", "--data", "/nonexistent/data.csv", "--folds", "2"] + quickModel)
    #expect(result.status == 66)
    #expect(result.stderr.contains("/nonexistent/data.csv"))
}

@Test func zeroEpochsIsUsageError() throws {
    let result = try TrainProcess.run(["cv", "--data", "x.csv", "--epochs", "0"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("invalid --epochs value '0'"))
}

@Test func singlePositiveNamesFileAndFix() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("one-positive.csv")
    var text = "a,Class\n1,1\n"
    for row in 0..<20 {
        text += "\(row),0\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)

    let result = try TrainProcess.run(["cv", "--data", path, "--folds", "2"] + quickModel)
    #expect(result.status == 65)
    #expect(result.stderr.contains(path))
    #expect(result.stderr.contains("needs at least 2 rows of each class"))
}

@Test func predictNamesMissingModelColumn() throws {
    let directory = try TemporaryDirectory()
    let data = directory.file("data.csv")
    try writeSeparableCSV(to: data)
    let model = directory.file("model.safetensors")
    let fit = try TrainProcess.run(["fit", "--data", data, "--out", model, "--threshold-folds", "2"] + quickModel)
    #expect(fit.status == 0, "\(fit.stderr)")

    let other = directory.file("other.csv")
    try "a,b\n1,2\n".write(toFile: other, atomically: true, encoding: .utf8)
    let result = try TrainProcess.run(["predict", "--model", model, "--data", other])
    #expect(result.status == 65)
    #expect(result.stderr.contains("the model needs the column \"c\""))
    #expect(!result.stderr.contains("--features"))
}

@Test func predictMissingModelExitsWithNoInput() throws {
    let directory = try TemporaryDirectory()
    let data = directory.file("data.csv")
    try writeSeparableCSV(to: data)

    let result = try TrainProcess.run(["predict", "--model", directory.file("missing.safetensors"), "--data", data])
    #expect(result.status == 66)
    #expect(result.stderr.contains("missing.safetensors"))
}

@Test func crossValidationChecksReportFolderFirst() throws {
    let directory = try TemporaryDirectory()
    let data = directory.file("data.csv")
    try writeSeparableCSV(to: data)

    let result = try TrainProcess.run(["cv", "--data", data, "--folds", "2", "--html", directory.file("absent/r.html")] + quickModel)
    #expect(result.status == 74)
    #expect(result.stderr.contains("the folder \(directory.path)/absent does not exist"))
    #expect(!result.stdout.contains("AUROC"))
}
