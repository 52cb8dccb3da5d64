/// The parameters of one dense layer, `y = W x + b`.
///
/// `weight` is row-major `[outputs, inputs]`, the layout of PyTorch's
/// `nn.Linear.weight`, so it round-trips through a `state_dict` unchanged.
public struct LayerWeights: Sendable, Equatable {
    public let outputs: Int
    public let inputs: Int
    public var weight: [Float]
    public var bias: [Float]

    /// Creates a layer; `weight.count` must be `outputs * inputs` and
    /// `bias.count` must be `outputs`.
    public init(outputs: Int, inputs: Int, weight: [Float], bias: [Float]) {
        precondition(weight.count == outputs * inputs && bias.count == outputs, "layer weights do not match [\(outputs), \(inputs)]")
        self.outputs = outputs
        self.inputs = inputs
        self.weight = weight
        self.bias = bias
    }
}

/// Every trained parameter of an LVE network, named as PyTorch's
/// `nn.Sequential` stacks name them: `encoder.{0,2,4}`, `decoder.{0,2,4}`,
/// `classifier.{0,3}`.
public struct NetworkWeights: Sendable, Equatable {
    public let shape: NetworkShape
    /// Three layers, or none for `EncoderKind.none`.
    public var encoder: [LayerWeights]
    /// Three layers, or none for `EncoderKind.none`. Scoring never reads them.
    public var decoder: [LayerWeights]
    /// The E-wide layer, then the one-logit output layer.
    public var classifier: [LayerWeights]

    public init(shape: NetworkShape, encoder: [LayerWeights], decoder: [LayerWeights], classifier: [LayerWeights]) {
        self.shape = shape
        self.encoder = encoder
        self.decoder = decoder
        self.classifier = classifier
    }

    /// The `state_dict` prefix of each layer, in the order `encoder`, `decoder`, `classifier`.
    public static let encoderNames = ["encoder.0", "encoder.2", "encoder.4"]
    public static let decoderNames = ["decoder.0", "decoder.2", "decoder.4"]
    public static let classifierNames = ["classifier.0", "classifier.3"]
}
