import ExpanseCommandLine
import ExpanseCore
import ExpanseTraining
import Foundation

/// `expanse-train paper`: Tables 1-4 of Gim & Park (arXiv:2201.01416) on the
/// given data, with the paper's AUROC beside ours and our AUPRC.
///
/// Table 1 puts a small classifier (hidden width 10) on each encoder's latent;
/// the paper does not give that classifier's width. Tables 2-4 use the LVE
/// classifier as described. Every run shares the folds and the seed.
enum PaperCommand {
    /// A configuration that one or more tables need, run once and shared.
    struct Setting: Hashable {
        let encoder: EncoderKind
        let expansion: Int
    }

    static func run(_ options: ParsedOptions) throws {
        var base = TrainingConfig()
        base.autoencoderEpochs = try options.int("ae-epochs") ?? base.autoencoderEpochs
        base.epochs = try options.int("epochs") ?? base.epochs
        if let seed = try options.int("seed") {
            base.seed = UInt64(seed)
        }
        let folds = try options.int("folds") ?? 10
        let csv = try TrainingOptions.csv(from: options)
        try TrainingOptions.applyThreads(from: options)

        let dataset = try loadDataset(path: try options.required("data"), options: csv)
        let positives = Int(dataset.labels!.reduce(0, +))
        let reporter = ProgressReporter(quiet: try options.flag("quiet"), folds: folds)
        reporter.note("\(dataset.source): \(dataset.rowCount) rows, \(dataset.featureCount) features, \(positives) positives")

        let settings = [
            Setting(encoder: .basic, expansion: 10), Setting(encoder: .expanded, expansion: 10),
            Setting(encoder: .expanded, expansion: 128), Setting(encoder: .expanded, expansion: 256),
            Setting(encoder: .expanded, expansion: 512), Setting(encoder: .expanded, expansion: 1024),
            Setting(encoder: .none, expansion: 10), Setting(encoder: .none, expansion: 1024),
            Setting(encoder: .basic, expansion: 1024),
        ]
        var results: [Setting: CrossValidationResult] = [:]
        for setting in settings {
            var config = base
            config.encoder = setting.encoder
            config.expansion = setting.expansion
            reporter.note("running encoder \(setting.encoder.rawValue), hidden width \(setting.expansion)")
            results[setting] = try crossValidate(dataset: dataset, folds: folds, config: config, reporter: reporter)
        }
        reporter.finish()

        let tables = PaperTables(results: results)
        print(tables.markdown)
        if let reportPath = options.string("report") {
            var report = tables.json
            report["command"] = .string("paper")
            report["config"] = .object(base.json)
            report["data"] = datasetJSON(dataset, positives: positives)
            report["folds"] = JSONValue(folds)
            try writeReport(report, to: reportPath)
        }
    }
}
