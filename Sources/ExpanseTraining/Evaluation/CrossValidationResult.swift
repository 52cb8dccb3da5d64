import ExpanseCore

/// The outcome of `CrossValidation.run`: per-fold metrics, their summary and
/// every row's out-of-fold probability.
public struct CrossValidationResult: Sendable {
    public let folds: [FoldResult]
    /// One probability per input row, from the fold that held the row out.
    public let outOfFoldProbabilities: [Float]
    public let auroc: SummaryStatistics
    public let auprc: SummaryStatistics
    /// Share of positive rows: the AUPRC a random classifier scores.
    public let positiveRate: Double
    /// Wall time of the whole run, in seconds.
    public let wallSeconds: Double
    /// The network of the last fold, kept for pictures of its latent space.
    public let lastNetwork: TrainedNetwork
}
