/// The basic or expanded autoencoder of an LVE network (see `EncoderKind`).
///
/// Encoder: `Linear(d→d)+ReLU, Linear(d→h)+ReLU, Linear(h→latent)`; the latent
/// is the third layer's linear output. Decoder: `Linear(latent→h)+ReLU,
/// Linear(h→d)+ReLU, Linear(d→d)+Sigmoid`. Widths come from `NetworkShape`.
public struct Autoencoder: Sendable, Equatable {
    public let shape: NetworkShape
    /// The six layers in forward order, encoder then decoder.
    public var layers: [Linear]

    /// The three encoder layers.
    public var encoder: [Linear] { Array(layers[0..<3]) }
    /// The three decoder layers.
    public var decoder: [Linear] { Array(layers[3..<6]) }

    public static let encoderActivations: [Activation] = [.relu, .relu, .identity]
    public static let decoderActivations: [Activation] = [.relu, .relu, .sigmoid]

    /// Creates an autoencoder with PyTorch's default `nn.Linear` initialisation,
    /// encoder layers first. `shape.encoder` must not be `.none`.
    public init(shape: NetworkShape, generator: inout SeededGenerator) {
        precondition(shape.encoder != .none, "an autoencoder needs an encoder kind other than none")
        self.shape = shape
        layers = (shape.encoderLayers + shape.decoderLayers).map {
            Linear(inputs: $0.inputs, outputs: $0.outputs, generator: &generator)
        }
    }

    /// Creates an autoencoder from stored layers, which must match `shape`.
    public init(shape: NetworkShape, encoder: [LayerWeights], decoder: [LayerWeights]) {
        precondition(shape.encoder != .none, "an autoencoder needs an encoder kind other than none")
        precondition(
            encoder.map { [$0.outputs, $0.inputs] } == shape.encoderLayers.map { [$0.outputs, $0.inputs] }
                && decoder.map { [$0.outputs, $0.inputs] } == shape.decoderLayers.map { [$0.outputs, $0.inputs] },
            "stored autoencoder layers do not match the network shape"
        )
        self.shape = shape
        layers = (encoder + decoder).map(Linear.init)
    }

    /// The activations of `layers`, in the same order.
    public static let activations: [Activation] = encoderActivations + decoderActivations

    /// Returns the latent vectors, `[n, shape.latent]`, of the scaled rows `input`, `[n, d]`.
    public func encode(_ input: Matrix) -> Matrix {
        let encoder = self.encoder
        var workspace = LayerChainWorkspace(layers: encoder)
        LayerChain.forward(layers: encoder, activations: Self.encoderActivations, input: input, workspace: &workspace)
        return workspace.outputs[2]
    }

    /// Returns the reconstruction, `[n, d]`, of `input`, `[n, d]`.
    public func reconstruct(_ input: Matrix) -> Matrix {
        var workspace = LayerChainWorkspace(layers: layers)
        LayerChain.forward(layers: layers, activations: Self.activations, input: input, workspace: &workspace)
        return workspace.outputs[5]
    }

    /// Returns the mean squared reconstruction error of `input` and fills
    /// `workspace.gradients` with its gradient for each of the six `layers`.
    /// `workspace` must have been created for `layers`.
    public func lossAndGradient(input: Matrix, workspace: inout LayerChainWorkspace) -> Float {
        LayerChain.forward(layers: layers, activations: Self.activations, input: input, workspace: &workspace)

        let loss = MeanSquaredError.evaluate(prediction: workspace.outputs[5], target: input, gradient: &workspace.deltas[5])

        LayerChain.backward(layers: layers, activations: Self.activations, input: input, workspace: &workspace)
        return loss
    }
}
