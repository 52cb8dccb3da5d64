import Testing
@testable import ExpanseCore

/// The training loss with the dropout mask that `seed` draws, so that every
/// evaluation of a finite difference sees the same mask.
private func trainingLoss(_ classifier: ExpansionClassifier, input: Matrix, labels: [Float], seed: UInt64) -> Float {
    var workspace = ExpansionClassifierWorkspace(for: classifier)
    var generator = SeededGenerator(seed: seed)
    return classifier.lossAndGradient(input: input, labels: labels, workspace: &workspace, generator: &generator)
}

@Test(arguments: [Float(0), 0.5])
func classifierGradientsMatchFiniteDifferences(dropout: Float) {
    var generator = SeededGenerator(seed: 51)
    // E = 21 exercises both the SIMD blocks and the scalar tail of the fused kernels.
    let classifier = ExpansionClassifier(inputs: 5, expansion: 21, dropoutProbability: dropout, generator: &generator)
    let input = FiniteDifferences.randomMatrix(rows: 7, columns: 5, seed: 52)
    let labels: [Float] = [0, 1, 0, 0, 1, 1, 0]

    var workspace = ExpansionClassifierWorkspace(for: classifier)
    var maskGenerator = SeededGenerator(seed: 53)
    _ = classifier.lossAndGradient(input: input, labels: labels, workspace: &workspace, generator: &maskGenerator)

    var hiddenWeights = classifier.hidden.weight.values
    let hiddenIndices = FiniteDifferences.sampleIndices(count: hiddenWeights.count, limit: 60)
    let hiddenNumeric = FiniteDifferences.gradient(of: &hiddenWeights, at: hiddenIndices) { values in
        var copy = classifier
        copy.hidden.weight.values = values
        return trainingLoss(copy, input: input, labels: labels, seed: 53)
    }
    for (index, value) in zip(hiddenIndices, hiddenNumeric) {
        let analytic = workspace.hiddenGradient.weight.values[index]
        #expect(FiniteDifferences.agrees(analytic, value), "hidden weight \(index): \(analytic) vs \(value)")
    }

    var hiddenBias = classifier.hidden.bias
    let hiddenBiasNumeric = FiniteDifferences.gradient(of: &hiddenBias, at: Array(hiddenBias.indices)) { values in
        var copy = classifier
        copy.hidden.bias = values
        return trainingLoss(copy, input: input, labels: labels, seed: 53)
    }
    for (index, value) in hiddenBiasNumeric.enumerated() {
        #expect(FiniteDifferences.agrees(workspace.hiddenGradient.bias[index], value), "hidden bias \(index)")
    }

    var outputWeights = classifier.output.weight.values + classifier.output.bias
    let outputNumeric = FiniteDifferences.gradient(of: &outputWeights, at: Array(outputWeights.indices)) { values in
        var copy = classifier
        copy.output.weight.values = Array(values[0..<21])
        copy.output.bias = [values[21]]
        return trainingLoss(copy, input: input, labels: labels, seed: 53)
    }
    let outputAnalytic = workspace.outputGradient.weight.values + workspace.outputGradient.bias
    for (index, value) in outputNumeric.enumerated() {
        #expect(FiniteDifferences.agrees(outputAnalytic[index], value), "output parameter \(index)")
    }
}

@Test func classifierLossWithoutDropoutMatchesLogits() {
    var generator = SeededGenerator(seed: 54)
    let classifier = ExpansionClassifier(inputs: 4, expansion: 33, dropoutProbability: 0, generator: &generator)
    let input = FiniteDifferences.randomMatrix(rows: 5, columns: 4, seed: 55)
    let labels: [Float] = [1, 0, 1, 0, 0]

    let loss = trainingLoss(classifier, input: input, labels: labels, seed: 56)

    var scratch = [Float](repeating: 0, count: 5)
    let expected = BinaryCrossEntropyWithLogits.evaluate(logits: classifier.logits(input), labels: labels, gradient: &scratch)
    #expect(isClose(loss, expected, tolerance: 1e-5))
}
