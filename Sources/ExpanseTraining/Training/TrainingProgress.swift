/// The state of training after one epoch, passed to the progress handler.
public struct TrainingProgress: Sendable, Equatable {
    public enum Phase: String, Sendable {
        case autoencoder
        case classifier
    }

    public let phase: Phase
    /// 1-based.
    public let epoch: Int
    public let epochs: Int
    /// 1-based; above 1 only when a collapsed autoencoder is trained again.
    public let attempt: Int
    /// The epoch's loss averaged over rows: MSE for the autoencoder, binary
    /// cross-entropy for the classifier.
    public let meanLoss: Double
    /// Training rows processed per second of wall time in this epoch.
    public let rowsPerSecond: Double
}

/// Called synchronously on the training thread after every epoch.
public typealias TrainingProgressHandler = (TrainingProgress) -> Void
