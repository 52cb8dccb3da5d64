/// A dense layer, `y = x Wᵀ + b`, applied to a batch of row vectors.
///
/// `weight` is `[outputs, inputs]`, the layout of PyTorch's `nn.Linear.weight`.
public struct Linear: Sendable, Equatable {
    public var weight: Matrix
    public var bias: [Float]

    public var inputs: Int { weight.columns }
    public var outputs: Int { weight.rows }

    /// Creates a layer initialised as PyTorch's `nn.Linear` default: every weight
    /// and bias uniform in `±1/√inputs`, which is what `kaiming_uniform_(a: √5)`
    /// gives for the weight. Weights are drawn first, row by row, then the bias.
    public init(inputs: Int, outputs: Int, generator: inout SeededGenerator) {
        precondition(inputs >= 1 && outputs >= 1, "layer widths must be positive")
        let bound = 1 / Float(inputs).squareRoot()

        var weight = Matrix(rows: outputs, columns: inputs)
        for i in weight.values.indices {
            weight.values[i] = generator.nextFloat(symmetricBound: bound)
        }

        var bias = [Float](repeating: 0, count: outputs)
        for i in bias.indices {
            bias[i] = generator.nextFloat(symmetricBound: bound)
        }

        self.weight = weight
        self.bias = bias
    }

    /// Creates a layer holding stored parameters.
    public init(_ layer: LayerWeights) {
        weight = Matrix(rows: layer.outputs, columns: layer.inputs, values: layer.weight)
        bias = layer.bias
    }

    /// The parameters in the artifact's layout.
    public var layerWeights: LayerWeights {
        LayerWeights(outputs: outputs, inputs: inputs, weight: weight.values, bias: bias)
    }

    /// Computes `output = input Wᵀ + b` for `input` of shape `[n, inputs]`;
    /// `output` must be `[n, outputs]`.
    public func forward(_ input: Matrix, into output: inout Matrix) {
        precondition(input.columns == inputs, "input has \(input.columns) columns, layer takes \(inputs)")
        precondition(output.rows == input.rows && output.columns == outputs, "output must be [\(input.rows), \(outputs)]")

        let rows = input.rows
        let width = outputs
        bias.withUnsafeBufferPointer { b in
            output.values.withUnsafeMutableBufferPointer { y in
                for row in 0..<rows {
                    (y.baseAddress! + row * width).update(from: b.baseAddress!, count: width)
                }
            }
        }

        Matrix.multiply(input, weight, transposeB: true, into: &output, beta: 1)
    }

    /// Computes the gradients of a loss with respect to the weight and bias.
    ///
    /// - Parameters:
    ///   - input: the `[n, inputs]` batch that `forward` saw.
    ///   - outputGradient: `∂loss/∂output`, `[n, outputs]`.
    ///   - gradient: receives `∂loss/∂W` and `∂loss/∂b`, overwriting its contents.
    public func backward(input: Matrix, outputGradient: Matrix, gradient: inout LinearGradient) {
        precondition(input.columns == inputs, "input has \(input.columns) columns, layer takes \(inputs)")
        precondition(outputGradient.rows == input.rows && outputGradient.columns == outputs, "output gradient must be [\(input.rows), \(outputs)]")
        precondition(gradient.weight.rows == outputs && gradient.weight.columns == inputs, "gradient does not match the layer")

        Matrix.multiply(outputGradient, input, transposeA: true, into: &gradient.weight)
        outputGradient.sumColumns(into: &gradient.bias)
    }

    /// Computes the parameter gradients as `backward(input:outputGradient:gradient:)`
    /// does, and `∂loss/∂input` into `inputGradient`, which must be `[n, inputs]`.
    public func backward(
        input: Matrix, outputGradient: Matrix,
        gradient: inout LinearGradient, inputGradient: inout Matrix
    ) {
        backward(input: input, outputGradient: outputGradient, gradient: &gradient)
        Matrix.multiply(outputGradient, weight, into: &inputGradient)
    }
}
