import Foundation
import ExpanseCommandLine
import ExpanseCore
import ExpanseTraining

/// Builds the training configuration and data options from parsed flags.
enum TrainingOptions {
    /// Reads every model flag of `TrainCommandSpecs.modelOptions` into a configuration.
    /// - Throws: `UsageError` naming the first invalid flag.
    static func config(from options: ParsedOptions) throws -> TrainingConfig {
        var config = TrainingConfig()
        if let encoder = try options.choice("encoder", from: EncoderKind.allCases.map(\.rawValue)) {
            config.encoder = EncoderKind(rawValue: encoder)!
        }
        config.expansion = try options.int("expansion") ?? config.expansion
        config.reduction = try options.int("reduction") ?? config.reduction
        if let dropout = try options.double("dropout") {
            config.dropout = Float(dropout)
        }
        config.autoencoderEpochs = try options.int("ae-epochs") ?? config.autoencoderEpochs
        config.epochs = try options.int("epochs") ?? config.epochs
        config.batchSize = try options.int("batch-size") ?? config.batchSize
        if let rate = try options.double("learning-rate") {
            config.learningRate = Float(rate)
        }
        if let rows = try options.choice("ae-rows", from: AutoencoderRows.allCases.map(\.rawValue)) {
            config.autoencoderRows = AutoencoderRows(rawValue: rows)!
        }
        if let scaling = try options.choice("latent-scaling", from: LatentScaling.allCases.map(\.rawValue)) {
            config.latentScaling = LatentScaling(rawValue: scaling)!
        }
        config.collapseRetries = try options.int("collapse-retries") ?? config.collapseRetries
        config.clip = try options.flag("clip")
        if let seed = try options.int("seed") {
            config.seed = UInt64(seed)
        }
        return config
    }

    /// Reads `--label` and `--features` into CSV options.
    static func csv(from options: ParsedOptions, labelsRequired: Bool = true) throws -> CSVOptions {
        var features: [String]?
        if let list = options.string("features") {
            let names = list.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
            guard !names.isEmpty, !names.contains("") else {
                throw UsageError("invalid --features value '\(list)': expected comma-separated column names such as V1,V2,Amount")
            }
            features = names
        }
        return CSVOptions(label: options.string("label"), features: features, labelsRequired: labelsRequired)
    }

    /// Applies `--threads` to OpenBLAS.
    static func applyThreads(from options: ParsedOptions) throws {
        let threads = try options.int("threads") ?? 1
        BLAS.setThreadCount(threads)
    }
}
