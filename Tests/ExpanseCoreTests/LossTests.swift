import Foundation
import Testing
@testable import ExpanseCore

@Test func meanSquaredErrorValue() {
    let prediction = Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
    let target = Matrix(rows: 2, columns: 2, values: [1, 0, 3, 1])
    var gradient = Matrix(rows: 2, columns: 2)

    let loss = MeanSquaredError.evaluate(prediction: prediction, target: target, gradient: &gradient)

    #expect(loss == Float(13) / 4)
    #expect(gradient.values == [0, 1, 0, 1.5])
}

@Test func meanSquaredErrorGradientMatchesFiniteDifferences() {
    var prediction = FiniteDifferences.randomMatrix(rows: 4, columns: 3, seed: 31)
    let target = FiniteDifferences.randomMatrix(rows: 4, columns: 3, seed: 32)
    var gradient = Matrix(rows: 4, columns: 3)
    _ = MeanSquaredError.evaluate(prediction: prediction, target: target, gradient: &gradient)

    let numeric = FiniteDifferences.gradient(of: &prediction.values, at: Array(prediction.values.indices)) { values in
        var scratch = Matrix(rows: 4, columns: 3)
        return MeanSquaredError.evaluate(prediction: Matrix(rows: 4, columns: 3, values: values), target: target, gradient: &scratch)
    }
    for (index, value) in numeric.enumerated() {
        #expect(FiniteDifferences.agrees(gradient.values[index], value), "element \(index)")
    }
}

@Test func crossEntropyMatchesDefinition() {
    let logits: [Float] = [-3, -0.5, 0, 0.5, 3]
    let labels: [Float] = [0, 1, 1, 0, 1]
    var gradient = [Float](repeating: 0, count: 5)

    let loss = BinaryCrossEntropyWithLogits.evaluate(logits: logits, labels: labels, gradient: &gradient)

    var expected: Double = 0
    for (z, y) in zip(logits, labels) {
        let p = 1 / (1 + exp(-Double(z)))
        expected -= Double(y) * log(p) + Double(1 - y) * log(1 - p)
    }
    #expect(isClose(loss, Float(expected / 5), tolerance: 1e-6))
}

@Test func crossEntropyStableForLargeLogits() {
    var gradient = [Float](repeating: 0, count: 4)
    let loss = BinaryCrossEntropyWithLogits.evaluate(logits: [200, -200, 200, -200], labels: [0, 1, 1, 0], gradient: &gradient)

    // Two rows are wrong by 200 each, two are right: mean (200 + 200 + 0 + 0) / 4.
    #expect(isClose(loss, 100, tolerance: 1e-6))
    #expect(gradient == [0.25, -0.25, 0, 0])
}

@Test func crossEntropyGradientMatchesFiniteDifferences() {
    var logits: [Float] = [-2, -0.7, 0.1, 0.9, 2.5, -0.2]
    let labels: [Float] = [0, 1, 1, 0, 1, 0]
    var gradient = [Float](repeating: 0, count: 6)
    _ = BinaryCrossEntropyWithLogits.evaluate(logits: logits, labels: labels, gradient: &gradient)

    let numeric = FiniteDifferences.gradient(of: &logits, at: Array(logits.indices)) { values in
        var scratch = [Float](repeating: 0, count: 6)
        return BinaryCrossEntropyWithLogits.evaluate(logits: values, labels: labels, gradient: &scratch)
    }
    for (index, value) in numeric.enumerated() {
        #expect(FiniteDifferences.agrees(gradient[index], value), "logit \(index)")
    }
}

@Test func lossesOfEmptyBatchAreZero() {
    var gradient: [Float] = []
    #expect(BinaryCrossEntropyWithLogits.evaluate(logits: [], labels: [], gradient: &gradient) == 0)

    var matrixGradient = Matrix(rows: 0, columns: 3)
    let empty = Matrix(rows: 0, columns: 3)
    #expect(MeanSquaredError.evaluate(prediction: empty, target: empty, gradient: &matrixGradient) == 0)
}
