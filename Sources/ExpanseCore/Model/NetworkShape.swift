/// The widths of every layer of an LVE network, derived from the number of
/// input features, the encoder kind, the reduction and the expansion width.
public struct NetworkShape: Sendable, Equatable, Codable {
    public let features: Int
    public let encoder: EncoderKind
    /// The encoder's narrowing factor: the middle layer is `features / reduction` wide.
    public let reduction: Int
    /// E, the width of the classifier's hidden layer.
    public let expansion: Int

    /// Creates a shape; every count must be at least 1.
    public init(features: Int, encoder: EncoderKind, reduction: Int = 2, expansion: Int = 1024) {
        precondition(features >= 1 && reduction >= 1 && expansion >= 1, "network widths must be positive")
        self.features = features
        self.encoder = encoder
        self.reduction = reduction
        self.expansion = expansion
    }

    /// Width of the encoder's middle layer.
    public var hidden: Int { max(1, features / reduction) }

    /// Width of the vector the classifier reads.
    public var latent: Int {
        switch encoder {
        case .expanded, .none: features
        case .basic: max(1, hidden / 2)
        }
    }

    /// `(outputs, inputs)` of `encoder.0`, `encoder.2`, `encoder.4`; empty for `.none`.
    public var encoderLayers: [(outputs: Int, inputs: Int)] {
        guard encoder != .none else { return [] }
        return [(features, features), (hidden, features), (latent, hidden)]
    }

    /// `(outputs, inputs)` of `decoder.0`, `decoder.2`, `decoder.4`; empty for `.none`.
    /// The decoder mirrors the encoder and ends in a sigmoid.
    public var decoderLayers: [(outputs: Int, inputs: Int)] {
        guard encoder != .none else { return [] }
        return [(hidden, latent), (features, hidden), (features, features)]
    }

    /// `(outputs, inputs)` of `classifier.0` (the E-wide layer) and `classifier.3` (one logit).
    public var classifierLayers: [(outputs: Int, inputs: Int)] {
        [(expansion, latent), (1, expansion)]
    }
}
