import Testing
@testable import ExpanseCore

@Test func linearInitialisationBounds() {
    var generator = SeededGenerator(seed: 1)
    let layer = Linear(inputs: 16, outputs: 64, generator: &generator)
    let bound: Float = 1 / 4

    #expect(layer.weight.values.allSatisfy { abs($0) <= bound })
    #expect(layer.bias.allSatisfy { abs($0) <= bound })
    // Uniform in ±1/4 has variance 1/48; 1,024 draws put the sample variance within ±0.003.
    let variance = layer.weight.values.reduce(Float(0)) { $0 + $1 * $1 } / Float(layer.weight.values.count)
    #expect(abs(variance - 1 / 48) < 0.004)
}

@Test func linearForwardMatchesFormula() {
    var generator = SeededGenerator(seed: 2)
    let layer = Linear(inputs: 3, outputs: 2, generator: &generator)
    let input = FiniteDifferences.randomMatrix(rows: 4, columns: 3, seed: 3)
    var output = Matrix(rows: 4, columns: 2)

    layer.forward(input, into: &output)

    for row in 0..<4 {
        for j in 0..<2 {
            var expected = layer.bias[j]
            for k in 0..<3 {
                expected += input[row, k] * layer.weight[j, k]
            }
            #expect(isClose(output[row, j], expected, tolerance: 1e-6))
        }
    }
}

@Test func linearRoundTripsLayerWeights() {
    var generator = SeededGenerator(seed: 4)
    let layer = Linear(inputs: 5, outputs: 3, generator: &generator)
    #expect(Linear(layer.layerWeights) == layer)
}

/// Loss `Σ c ⊙ (x Wᵀ + b)` with fixed random coefficients `c`, so that
/// `∂loss/∂output = c`.
@Test func linearGradientsMatchFiniteDifferences() {
    var generator = SeededGenerator(seed: 5)
    let layer = Linear(inputs: 4, outputs: 3, generator: &generator)
    var input = FiniteDifferences.randomMatrix(rows: 5, columns: 4, seed: 6)
    let coefficients = FiniteDifferences.randomMatrix(rows: 5, columns: 3, seed: 7)

    func loss(_ layer: Linear, _ input: Matrix) -> Float {
        var output = Matrix(rows: input.rows, columns: layer.outputs)
        layer.forward(input, into: &output)
        return zip(output.values, coefficients.values).reduce(Float(0)) { $0 + $1.0 * $1.1 }
    }

    var gradient = LinearGradient(for: layer)
    var inputGradient = Matrix(rows: 5, columns: 4)
    layer.backward(input: input, outputGradient: coefficients, gradient: &gradient, inputGradient: &inputGradient)

    let base = layer
    var weights = layer.weight.values
    let weightIndices = Array(weights.indices)
    let numericWeight = FiniteDifferences.gradient(of: &weights, at: weightIndices) { values in
        var copy = base
        copy.weight.values = values
        return loss(copy, input)
    }
    for (index, numeric) in zip(weightIndices, numericWeight) {
        #expect(FiniteDifferences.agrees(gradient.weight.values[index], numeric), "weight \(index)")
    }

    var biases = layer.bias
    let numericBias = FiniteDifferences.gradient(of: &biases, at: Array(biases.indices)) { values in
        var copy = base
        copy.bias = values
        return loss(copy, input)
    }
    for (index, numeric) in numericBias.enumerated() {
        #expect(FiniteDifferences.agrees(gradient.bias[index], numeric), "bias \(index)")
    }

    let numericInput = FiniteDifferences.gradient(of: &input.values, at: Array(input.values.indices)) { values in
        loss(layer, Matrix(rows: 5, columns: 4, values: values))
    }
    for (index, numeric) in numericInput.enumerated() {
        #expect(FiniteDifferences.agrees(inputGradient.values[index], numeric), "input \(index)")
    }
}
