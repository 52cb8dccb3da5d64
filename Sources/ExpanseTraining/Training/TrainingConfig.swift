import ExpanseCore

/// Every choice of one LVE training run. The defaults follow the method's
/// description: expanded encoder, E = 1,024, reduction 2, dropout 0.5, 50
/// autoencoder epochs and 20 classifier epochs with Adam at learning rate 0.001,
/// batches of 256 rows, the autoencoder fitted on all training rows.
public struct TrainingConfig: Sendable, Equatable, Codable {
    public var encoder: EncoderKind = .expanded
    /// E, the width of the classifier's hidden layer.
    public var expansion: Int = 1024
    /// The encoder's middle layer is `features / reduction` wide.
    public var reduction: Int = 2
    /// The classifier's dropout probability, in `[0, 1)`.
    public var dropout: Float = 0.5
    public var autoencoderEpochs: Int = 50
    /// Classifier epochs.
    public var epochs: Int = 20
    /// Rows per mini-batch; the last batch of an epoch keeps the remainder.
    public var batchSize: Int = 256
    /// Adam's learning rate, for the autoencoder and the classifier.
    public var learningRate: Float = 0.001
    /// The training rows the autoencoder is fitted on.
    public var autoencoderRows: AutoencoderRows = .all
    /// Whether scoring clamps scaled features to `[0, 1]`.
    public var clip: Bool = false
    /// The seed from which every initialisation, shuffle and dropout mask is derived.
    public var seed: UInt64 = 58833
    /// The scaling applied to the latent vector before the classifier reads it.
    public var latentScaling: LatentScaling = .standard
    /// How many times an autoencoder whose latent collapsed is re-initialised
    /// with a derived seed and trained again. 0 keeps the first fit whatever it gives.
    public var collapseRetries: Int = 3
    /// The latent counts as collapsed when every latent column's variance over
    /// the training rows is at most this.
    public var collapseVarianceThreshold: Float = 1e-12

    public init() {}

    /// Returns the network shape this configuration gives for `features` input columns.
    public func shape(features: Int) -> NetworkShape {
        NetworkShape(features: features, encoder: encoder, reduction: reduction, expansion: expansion)
    }

    /// Checks every field, throwing the first invalid one.
    public func validate() throws(TrainingError) {
        if expansion < 1 { throw .invalidConfig(field: "expansion", value: "\(expansion)", expected: "at least 1") }
        if reduction < 1 { throw .invalidConfig(field: "reduction", value: "\(reduction)", expected: "at least 1") }
        if !(dropout >= 0 && dropout < 1) { throw .invalidConfig(field: "dropout", value: "\(dropout)", expected: "in [0, 1)") }
        if autoencoderEpochs < 0 { throw .invalidConfig(field: "autoencoderEpochs", value: "\(autoencoderEpochs)", expected: "at least 0") }
        if epochs < 0 { throw .invalidConfig(field: "epochs", value: "\(epochs)", expected: "at least 0") }
        if batchSize < 1 { throw .invalidConfig(field: "batchSize", value: "\(batchSize)", expected: "at least 1") }
        if !(learningRate > 0 && learningRate.isFinite) { throw .invalidConfig(field: "learningRate", value: "\(learningRate)", expected: "a positive finite number") }
        if collapseRetries < 0 { throw .invalidConfig(field: "collapseRetries", value: "\(collapseRetries)", expected: "at least 0") }
        if !(collapseVarianceThreshold >= 0) {
            throw .invalidConfig(field: "collapseVarianceThreshold", value: "\(collapseVarianceThreshold)", expected: "at least 0")
        }
    }
}

/// The scaling applied to the encoder's latent vector before the classifier.
public enum LatentScaling: String, Sendable, Codable, CaseIterable {
    /// Zero mean and unit variance per column over the training rows, folded
    /// into the classifier's first layer after training.
    case standard
    /// The raw latent, as in the method's description.
    case none
}

/// The training rows an autoencoder is fitted on.
public enum AutoencoderRows: String, Sendable, Codable, CaseIterable {
    /// Every training row, as in the method's description.
    case all
    /// Only rows labelled 0.
    case normal
}

