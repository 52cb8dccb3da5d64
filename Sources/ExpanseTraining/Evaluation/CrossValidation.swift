import ExpanseCore

/// Stratified K-fold cross-validation of one training configuration.
///
/// Each fold fits a fresh network (scaler included) on the other folds' rows
/// only, then scores its own rows with the same `Scorer` the service uses.
/// Fold `k` trains with seed `config.seed + 1000·k`; the split itself uses
/// `config.seed`.
public enum CrossValidation {
    /// Called after every epoch with the 0-based fold index.
    public typealias ProgressHandler = (_ fold: Int, _ progress: TrainingProgress) -> Void

    /// Cross-validates `config` on `dataset`, which must have labels.
    ///
    /// - Throws: `CrossValidationError.data` when a class has fewer rows than
    ///   `folds` or the dataset has no labels. `.training` for an invalid
    ///   configuration. `.metrics` when a fold's scores are not finite.
    public static func run(
        dataset: Dataset, folds: Int, config: TrainingConfig, progress: ProgressHandler? = nil
    ) throws(CrossValidationError) -> CrossValidationResult {
        let started = ContinuousClock.now
        guard let labels = dataset.labels else {
            throw .data(DataError(.missingLabelColumn, file: dataset.source, message: "\(dataset.source): cross-validation needs a label column"))
        }
        let splits: [StratifiedKFold.Fold]
        do {
            splits = try StratifiedKFold(folds: folds, seed: config.seed).split(labels: labels)
        } catch {
            throw .data(DataError(error.kind, file: dataset.source, value: error.value, message: "\(dataset.source): \(error.description)"))
        }

        var outOfFold = [Float](repeating: 0, count: dataset.rowCount)
        var results: [FoldResult] = []
        var lastNetwork: TrainedNetwork?
        for (index, split) in splits.enumerated() {
            var foldConfig = config
            foldConfig.seed = config.seed &+ 1000 &* UInt64(index)

            let trainStarted = ContinuousClock.now
            let trainFeatures = gather(dataset.features, rows: split.train, width: dataset.featureCount)
            let trainLabels = split.train.map { labels[$0] }
            let network: TrainedNetwork
            do {
                network = try Trainer.fitNetwork(
                    features: trainFeatures, featureCount: dataset.featureCount, labels: trainLabels, config: foldConfig,
                    progress: progress.map { handler in { handler(index, $0) } }
                )
            } catch {
                throw .training(error)
            }
            let trainSeconds = Trainer.seconds(since: trainStarted)
            lastNetwork = network

            let scoreStarted = ContinuousClock.now
            let testFeatures = gather(dataset.features, rows: split.test, width: dataset.featureCount)
            let probabilities = network.scorer.score(testFeatures)
            let scoreSeconds = Trainer.seconds(since: scoreStarted)

            let testLabels = split.test.map { labels[$0] }
            for (position, row) in split.test.enumerated() {
                outOfFold[row] = probabilities[position]
            }
            do {
                results.append(FoldResult(
                    fold: index,
                    trainRows: split.train.count,
                    testRows: split.test.count,
                    testPositives: testLabels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) },
                    auroc: try RankingMetrics.auroc(scores: probabilities, labels: testLabels),
                    auprc: try RankingMetrics.averagePrecision(scores: probabilities, labels: testLabels),
                    trainSeconds: trainSeconds,
                    scoreSeconds: scoreSeconds,
                    autoencoderAttempts: network.report.attempts,
                    liveMiddleUnits: network.report.liveMiddleUnits
                ))
            } catch {
                throw .metrics(fold: index, error)
            }
        }

        let positives = labels.reduce(0) { $0 + Double($1) }
        return CrossValidationResult(
            folds: results,
            outOfFoldProbabilities: outOfFold,
            auroc: SummaryStatistics(results.map(\.auroc)),
            auprc: SummaryStatistics(results.map(\.auprc)),
            positiveRate: positives / Double(dataset.rowCount),
            wallSeconds: Trainer.seconds(since: started),
            lastNetwork: lastNetwork!
        )
    }

    /// Copies the listed rows of a row-major `[n, width]` buffer, in order.
    static func gather(_ values: [Float], rows: [Int], width: Int) -> [Float] {
        var output = [Float](repeating: 0, count: rows.count * width)
        output.withUnsafeMutableBufferPointer { destination in
            values.withUnsafeBufferPointer { source in
                for (position, row) in rows.enumerated() {
                    let from = source.baseAddress! + row * width
                    (destination.baseAddress! + position * width).update(from: from, count: width)
                }
            }
        }
        return output
    }
}
