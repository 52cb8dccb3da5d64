import ExpanseCommandLine
import ExpanseCore
import ExpanseTraining
import Foundation

/// `expanse-train fit`: picks the threshold by an internal cross-validation,
/// trains on every row and writes the model artifact.
enum FitCommand {
    static func run(_ options: ParsedOptions) throws {
        let config = try TrainingOptions.config(from: options)
        let csv = try TrainingOptions.csv(from: options)
        let thresholdFolds = try options.int("threshold-folds") ?? 5
        let rule: ThresholdSelection.Rule
        if let precision = try options.double("target-precision") {
            rule = .targetPrecision(precision)
        } else {
            rule = .maximizeF1
        }
        let outputPath = try options.required("out")
        let name = options.string("name") ?? "expanse-lve"
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw UsageError("invalid --name value '\(name)': use letters, digits, '-', '_' and '.' (it appears in URLs such as /v2/models/NAME)")
        }
        try TrainingOptions.applyThreads(from: options)
        try ensureWritableFolder(for: outputPath, what: "model")
        if let reportPath = options.string("report") {
            try ensureWritableFolder(for: reportPath, what: "report")
        }

        let dataset = try loadDataset(path: try options.required("data"), options: csv)
        let labels = dataset.labels!
        let positives = Int(labels.reduce(0, +))
        let reporter = ProgressReporter(quiet: try options.flag("quiet"), folds: thresholdFolds)
        reporter.note("\(dataset.source): \(dataset.rowCount) rows, \(dataset.featureCount) features, \(positives) positives")

        // The threshold and the stored metrics come from rows each fold's
        // network never saw; the final network then trains on every row.
        let validation = try crossValidate(dataset: dataset, folds: thresholdFolds, config: config, reporter: reporter)
        let choice: ThresholdSelection.Choice
        do {
            choice = try ThresholdSelection.choose(probabilities: validation.outOfFoldProbabilities, labels: labels, rule: rule)
        } catch {
            throw CommandFailure(error.description, exitCode: ExitCode.dataError)
        }
        reporter.note(CrossValidateCommand.table(validation, config: config))

        let network: TrainedNetwork
        do {
            network = try Trainer.fitNetwork(
                features: dataset.features, featureCount: dataset.featureCount, labels: labels, config: config
            ) { progress in
                reporter.epochFinished(stage: "final model", progress)
            }
        } catch {
            throw CommandFailure(error.description, exitCode: ExitCode.usage)
        }
        reporter.finish()

        let created = ModelArtifact.now()
        let artifact = ModelArtifact(
            name: name,
            version: options.string("model-version") ?? versionStamp(created),
            features: dataset.featureNames,
            scalerMin: network.scaler.min,
            scalerMax: network.scaler.max,
            scalerClip: network.scaler.clip,
            weights: network.weights,
            threshold: choice.threshold,
            metrics: metricsJSON(validation, choice: choice, rule: rule),
            config: config.json,
            dataSHA256: dataset.sha256,
            created: created
        )
        let digest: String
        do {
            digest = try artifact.write(to: outputPath)
        } catch {
            throw CommandFailure("cannot write the model to \(outputPath): \(error)", exitCode: ExitCode.ioError)
        }

        print(String(
            format: "threshold %.6f: out-of-fold precision %.4f, recall %.4f, F1 %.4f",
            choice.threshold, choice.precision, choice.recall, choice.f1
        ))
        print("wrote \(outputPath) (\(artifact.name) \(artifact.version), sha256 \(digest))")

        if let reportPath = options.string("report") {
            var report = validation.json
            report["command"] = .string("fit")
            report["config"] = .object(config.json)
            report["data"] = datasetJSON(dataset, positives: positives)
            report["threads"] = JSONValue(BLAS.threadCount)
            report["model"] = .object(["path": .string(outputPath), "sha256": .string(digest), "version": .string(artifact.version)])
            report["threshold"] = metricsJSON(validation, choice: choice, rule: rule)["threshold"]
            try writeReport(report, to: reportPath)
        }
    }

    /// Builds the cross-validation summary stored in the artifact's `metrics`.
    static func metricsJSON(
        _ validation: CrossValidationResult, choice: ThresholdSelection.Choice, rule: ThresholdSelection.Rule
    ) -> [String: JSONValue] {
        let ruleText: String
        switch rule {
        case .maximizeF1: ruleText = "max_f1"
        case .targetPrecision(let target): ruleText = "precision>=\(target)"
        }
        return [
            "folds": JSONValue(validation.folds.count),
            "auroc": .object(["mean": JSONValue(validation.auroc.mean), "std": JSONValue(validation.auroc.standardDeviation)]),
            "auprc": .object(["mean": JSONValue(validation.auprc.mean), "std": JSONValue(validation.auprc.standardDeviation)]),
            "positive_rate": JSONValue(validation.positiveRate),
            "threshold": .object([
                "rule": .string(ruleText),
                "value": JSONValue(choice.threshold),
                "precision": JSONValue(choice.precision),
                "recall": JSONValue(choice.recall),
                "f1": JSONValue(choice.f1),
            ]),
        ]
    }

    /// `2026-01-31T23:59:59Z` becomes `20260131-235959`.
    static func versionStamp(_ created: String) -> String {
        let digits = created.filter(\.isNumber)
        return String(digits.prefix(8)) + "-" + String(digits.dropFirst(8).prefix(6))
    }
}
