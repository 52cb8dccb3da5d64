/// The latent vector expansion (LVE) classifier:
/// `Linear(latent→E)+ReLU, Dropout(p), Linear(E→1)`, producing one logit per row.
/// The fraud probability is `σ(logit)`.
public struct ExpansionClassifier: Sendable, Equatable {
    /// `Linear(latent→E)`.
    public var hidden: Linear
    /// `Linear(E→1)`.
    public var output: Linear
    /// Active only in `lossAndGradient`; inference skips it.
    public let dropout: Dropout

    /// Creates a classifier with PyTorch's default `nn.Linear` initialisation,
    /// hidden layer first.
    public init(inputs: Int, expansion: Int, dropoutProbability: Float = 0.5, generator: inout SeededGenerator) {
        hidden = Linear(inputs: inputs, outputs: expansion, generator: &generator)
        output = Linear(inputs: expansion, outputs: 1, generator: &generator)
        dropout = Dropout(probability: dropoutProbability)
    }

    /// Creates a classifier from stored layers: `hidden` is `[E, latent]` and
    /// `output` must be `[1, E]`.
    public init(hidden: LayerWeights, output: LayerWeights, dropoutProbability: Float = 0.5) {
        precondition(output.outputs == 1 && output.inputs == hidden.outputs, "classifier output layer must be [1, \(hidden.outputs)]")
        self.hidden = Linear(hidden)
        self.output = Linear(output)
        dropout = Dropout(probability: dropoutProbability)
    }

    public var inputs: Int { hidden.inputs }
    public var expansion: Int { hidden.outputs }

    /// Returns one logit per row of `input`, `[n, inputs]`, with dropout off.
    public func logits(_ input: Matrix) -> [Float] {
        var activations = Matrix(rows: input.rows, columns: expansion)
        hidden.forward(input, into: &activations)
        Activation.relu.apply(&activations)

        var logits = Matrix(rows: input.rows, columns: 1)
        output.forward(activations, into: &logits)
        return logits.values
    }
}
