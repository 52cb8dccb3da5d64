/// The gradient of a loss with respect to one `Linear` layer's parameters,
/// shaped like the layer: `weight` is `[outputs, inputs]`, `bias` has `outputs` entries.
public struct LinearGradient: Sendable {
    public var weight: Matrix
    public var bias: [Float]

    /// Creates a zero gradient for `layer`.
    public init(for layer: Linear) {
        weight = Matrix(rows: layer.outputs, columns: layer.inputs)
        bias = [Float](repeating: 0, count: layer.outputs)
    }
}
