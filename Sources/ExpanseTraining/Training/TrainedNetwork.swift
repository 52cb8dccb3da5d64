import ExpanseCore

/// A fitted network, its scaler and how training went.
public struct TrainedNetwork: Sendable {
    public let weights: NetworkWeights
    public let scaler: MinMaxScaler
    public let report: TrainingReport
    /// The inference path for out-of-fold rows; the service scores with the same type.
    public let scorer: Scorer

    public init(weights: NetworkWeights, scaler: MinMaxScaler, report: TrainingReport) {
        self.weights = weights
        self.scaler = scaler
        self.report = report
        scorer = Scorer(weights: weights, scaler: scaler)
    }
}

/// Losses, wall times and latent statistics of one `Trainer.fitNetwork` run.
public struct TrainingReport: Sendable, Equatable {
    /// Mean MSE per epoch of the kept autoencoder; empty for `EncoderKind.none`.
    public var autoencoderLosses: [Double] = []
    /// Mean binary cross-entropy per classifier epoch.
    public var classifierLosses: [Double] = []
    /// Wall time of every autoencoder attempt plus encoding the training rows.
    public var autoencoderSeconds: Double = 0
    public var classifierSeconds: Double = 0
    /// Autoencoder fits run, including the kept one; 0 for `EncoderKind.none`.
    public var attempts: Int = 0
    /// Population variance of each latent column over all training rows, for the
    /// kept autoencoder; empty for `EncoderKind.none`.
    public var latentVariance: [Double] = []

    public init() {}

    /// Whether every latent column's variance is at most `threshold`, which
    /// means the classifier sees the same vector for every row.
    public func latentCollapsed(threshold: Float) -> Bool {
        !latentVariance.isEmpty && latentVariance.allSatisfy { $0 <= Double(threshold) }
    }

    /// The number of latent columns whose variance is at most `threshold`.
    public func constantLatentColumns(threshold: Float) -> Int {
        latentVariance.count { $0 <= Double(threshold) }
    }
}
