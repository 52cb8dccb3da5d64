import ExpanseCore

/// The training loops of an LVE network: scaler, autoencoder, then classifier.
public enum Trainer {
    /// Fits a whole network on one training set.
    ///
    /// It fits a `MinMaxScaler` on `features` first. Unless `config.encoder` is
    /// `.none`, it then fits the autoencoder (on all rows or on rows labelled 0)
    /// and encodes every training row once with the frozen encoder. Last, it fits
    /// the classifier on that latent, or on the scaled features for `.none`.
    ///
    /// When every latent column's variance is at most
    /// `config.collapseVarianceThreshold`, the autoencoder is trained again from a
    /// seed derived from `config.seed` and the attempt number, at most
    /// `config.collapseRetries` times. The last attempt is kept either way.
    ///
    /// - Parameters:
    ///   - features: row-major `[n, featureCount]` raw feature values, n ≥ 1.
    ///   - labels: n values, each 0 or 1.
    /// - Throws: `TrainingError` for an invalid configuration or inconsistent input.
    public static func fitNetwork(
        features: [Float], featureCount: Int, labels: [Float], config: TrainingConfig,
        progress: TrainingProgressHandler? = nil
    ) throws(TrainingError) -> TrainedNetwork {
        try config.validate()
        try validateInput(features: features, featureCount: featureCount, labels: labels)
        if config.autoencoderRows == .normal, config.encoder != .none, !labels.contains(0) {
            throw .invalidInput("no rows labelled 0 to fit the autoencoder on; use all rows instead")
        }

        let shape = config.shape(features: featureCount)
        let scaler = MinMaxScaler(fitting: features, features: featureCount, clip: config.clip)
        let scaled = scaler.transform(features)

        var autoencoder: Autoencoder?
        var report = TrainingReport()
        var classifierInputs = scaled
        if shape.encoder != .none {
            let started = ContinuousClock.now
            let autoencoderRows = config.autoencoderRows == .all ? scaled : normalRows(scaled, features: featureCount, labels: labels)

            for attempt in 1...(config.collapseRetries + 1) {
                let seed = SeededGenerator.derivedSeed(
                    SeededGenerator.derivedSeed(config.seed, stream: Stream.autoencoder), stream: UInt64(attempt)
                )
                let fit = fitAutoencoder(
                    scaledRows: autoencoderRows, shape: shape, config: config, seed: seed,
                    attempt: attempt, progress: progress
                )
                let allRows = Matrix(rows: scaled.count / featureCount, columns: featureCount, values: scaled)
                let latent = fit.autoencoder.encode(allRows)

                autoencoder = fit.autoencoder
                classifierInputs = latent.values
                report.autoencoderLosses = fit.losses
                report.attempts = attempt
                report.latentVariance = columnVariances(latent)
                report.liveMiddleUnits = fit.autoencoder.liveMiddleUnits(allRows)
                // The latent is encoder.4's linear output, so its rank is at most
                // the number of live units in the h-wide ReLU layer before it (h is
                // 3 for d = 6). With all of them dead the latent is one constant
                // vector and the classifier cannot rank rows at all.
                if !report.latentCollapsed(threshold: config.collapseVarianceThreshold) {
                    break
                }
            }
            report.autoencoderSeconds = seconds(since: started)
        }

        var standardizer: LatentStandardizer?
        if shape.encoder != .none && config.latentScaling == .standard {
            standardizer = LatentStandardizer(fitting: classifierInputs, width: shape.latent)
            standardizer!.apply(&classifierInputs)
        }

        let started = ContinuousClock.now
        let fit = fitClassifier(
            inputs: classifierInputs, width: shape.latent, labels: labels, config: config,
            seed: SeededGenerator.derivedSeed(config.seed, stream: Stream.classifier), progress: progress
        )
        report.classifierLosses = fit.losses
        report.classifierSeconds = seconds(since: started)

        var weights = NetworkWeights(shape: shape, autoencoder: autoencoder, classifier: fit.classifier)
        if let standardizer {
            weights.classifier[0] = standardizer.fold(into: weights.classifier[0])
        }
        return TrainedNetwork(weights: weights, scaler: scaler, report: report)
    }

    private static func validateInput(features: [Float], featureCount: Int, labels: [Float]) throws(TrainingError) {
        guard featureCount >= 1 else {
            throw .invalidInput("invalid feature count \(featureCount): expected at least 1")
        }
        guard !features.isEmpty, features.count % featureCount == 0 else {
            throw .invalidInput("\(features.count) feature values do not form one or more rows of \(featureCount) features")
        }
        guard labels.count == features.count / featureCount else {
            throw .invalidInput("\(labels.count) labels for \(features.count / featureCount) rows; expected one label per row")
        }
        if let bad = labels.first(where: { $0 != 0 && $0 != 1 }) {
            throw .invalidInput("invalid label \(bad): expected 0 or 1")
        }
    }

    private static func normalRows(_ rows: [Float], features: Int, labels: [Float]) -> [Float] {
        var result: [Float] = []
        for (index, label) in labels.enumerated() where label == 0 {
            result.append(contentsOf: rows[(index * features)..<((index + 1) * features)])
        }
        return result
    }

    /// Returns the population variance of each column, accumulated in Double.
    static func columnVariances(_ matrix: Matrix) -> [Double] {
        guard matrix.rows > 0 else { return [Double](repeating: 0, count: matrix.columns) }

        var mean = [Double](repeating: 0, count: matrix.columns)
        for row in 0..<matrix.rows {
            for column in 0..<matrix.columns {
                mean[column] += Double(matrix[row, column])
            }
        }
        mean = mean.map { $0 / Double(matrix.rows) }

        var variance = [Double](repeating: 0, count: matrix.columns)
        for row in 0..<matrix.rows {
            for column in 0..<matrix.columns {
                let difference = Double(matrix[row, column]) - mean[column]
                variance[column] += difference * difference
            }
        }
        return variance.map { $0 / Double(matrix.rows) }
    }

    /// Stream numbers for `SeededGenerator.derivedSeed`, so that each use of a
    /// seed draws an unrelated sequence.
    enum Stream {
        static let autoencoder: UInt64 = 1
        static let classifier: UInt64 = 2
        static let initialisation: UInt64 = 3
        static let shuffle: UInt64 = 4
        static let dropout: UInt64 = 5
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}
