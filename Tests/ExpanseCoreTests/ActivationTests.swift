import Testing
@testable import ExpanseCore

@Test func reluClampsNegatives() {
    var x = Matrix(rows: 1, columns: 4, values: [-2, -0, 0.5, 3])
    Activation.relu.apply(&x)
    #expect(x.values == [0, 0, 0.5, 3])
}

@Test func sigmoidHandlesExtremes() {
    var x = Matrix(rows: 1, columns: 5, values: [-200, -1, 0, 1, 200])
    Activation.sigmoid.apply(&x)

    #expect(x.values[0] >= 0 && x.values[0] < 1e-30)
    #expect(isClose(x.values[1], 0.268_941_42, tolerance: 1e-6))
    #expect(x.values[2] == 0.5)
    #expect(isClose(x.values[3], 0.731_058_58, tolerance: 1e-6))
    #expect(x.values[4] == 1)
    #expect(!x.values.contains { $0.isNaN })
}

@Test(arguments: [Activation.relu, .sigmoid, .identity])
func activationGradientMatchesFiniteDifferences(activation: Activation) {
    // Values kept at least 0.05 away from ReLU's kink at 0.
    var input = FiniteDifferences.randomMatrix(rows: 3, columns: 5, bound: 2, seed: 11)
    input.values = input.values.map { abs($0) < 0.05 ? $0 + 0.1 : $0 }
    let coefficients = FiniteDifferences.randomMatrix(rows: 3, columns: 5, seed: 12)

    func loss(_ values: [Float]) -> Float {
        var x = Matrix(rows: 3, columns: 5, values: values)
        activation.apply(&x)
        return zip(x.values, coefficients.values).reduce(Float(0)) { $0 + $1.0 * $1.1 }
    }

    var output = input
    activation.apply(&output)
    var gradient = coefficients
    activation.backward(output: output, gradient: &gradient)

    let numeric = FiniteDifferences.gradient(of: &input.values, at: Array(input.values.indices), loss: loss)
    for (index, value) in numeric.enumerated() {
        #expect(FiniteDifferences.agrees(gradient.values[index], value), "element \(index)")
    }
}
