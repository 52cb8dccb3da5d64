import ExpanseCommandLine
import ExpanseCore
import ExpanseTraining
import Foundation

/// `expanse-train cv`: stratified K-fold cross-validation with a per-fold table on stdout.
enum CrossValidateCommand {
    static func run(_ options: ParsedOptions) throws {
        let config = try TrainingOptions.config(from: options)
        let csv = try TrainingOptions.csv(from: options)
        let folds = try options.int("folds") ?? 10
        try TrainingOptions.applyThreads(from: options)
        let reportPath = options.string("report")
        for (path, what) in [(reportPath, "report"), (options.string("html"), "HTML report")] {
            if let path {
                try ensureWritableFolder(for: path, what: what)
            }
        }

        let dataset = try loadDataset(path: try options.required("data"), options: csv)
        let positives = Int(dataset.labels!.reduce(0, +))
        let reporter = ProgressReporter(quiet: try options.flag("quiet"), folds: folds)
        reporter.note("\(dataset.source): \(dataset.rowCount) rows, \(dataset.featureCount) features, \(positives) positives")

        let result = try crossValidate(dataset: dataset, folds: folds, config: config, reporter: reporter)
        reporter.finish()

        print(table(result, config: config))
        if let reportPath {
            var report = result.json
            report["command"] = .string("cv")
            report["config"] = .object(config.json)
            report["data"] = datasetJSON(dataset, positives: positives)
            report["threads"] = JSONValue(BLAS.threadCount)
            try writeReport(report, to: reportPath)
        }
        if let htmlPath = options.string("html") {
            let page = HTMLReport(dataset: dataset, config: config, result: result).render()
            do {
                try AtomicFile.write(Array(page.utf8), to: htmlPath)
            } catch {
                throw CommandFailure("cannot write the HTML report to \(htmlPath): \(error)", exitCode: ExitCode.ioError)
            }
        }
    }

    /// Formats the per-fold table and the summary line printed on stdout.
    static func table(_ result: CrossValidationResult, config: TrainingConfig) -> String {
        var lines = [
            "encoder \(config.encoder.rawValue), E = \(config.expansion), \(result.folds.count) folds, seed \(config.seed)",
            "fold  AUROC   AUPRC   test rows  positives  train s",
        ]
        for fold in result.folds {
            lines.append(String(
                format: "%4d  %.4f  %.4f  %9d  %9d  %7.2f",
                fold.fold + 1, fold.auroc, fold.auprc, fold.testRows, fold.testPositives, fold.trainSeconds
            ))
        }
        lines.append(String(
            format: "mean  AUROC %.4f ± %.4f  AUPRC %.4f ± %.4f (random classifier: %.4f)  wall %.1f s",
            result.auroc.mean, result.auroc.standardDeviation, result.auprc.mean, result.auprc.standardDeviation,
            result.positiveRate, result.wallSeconds
        ))
        return lines.joined(separator: "\n")
    }
}
