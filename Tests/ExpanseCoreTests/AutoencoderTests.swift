import Testing
@testable import ExpanseCore

@Test(arguments: [EncoderKind.expanded, .basic])
func autoencoderGradientsMatchFiniteDifferences(kind: EncoderKind) {
    let shape = NetworkShape(features: 8, encoder: kind)
    var generator = SeededGenerator(seed: 41)
    let autoencoder = Autoencoder(shape: shape, generator: &generator)
    var input = FiniteDifferences.randomMatrix(rows: 6, columns: 8, bound: 0.5, seed: 42)
    input.values = input.values.map { $0 + 0.5 }

    var workspace = LayerChainWorkspace(layers: autoencoder.layers)
    _ = autoencoder.lossAndGradient(input: input, workspace: &workspace)

    func loss(_ model: Autoencoder) -> Float {
        var scratch = LayerChainWorkspace(layers: model.layers)
        return model.lossAndGradient(input: input, workspace: &scratch)
    }

    for layerIndex in 0..<6 {
        var weights = autoencoder.layers[layerIndex].weight.values
        let indices = FiniteDifferences.sampleIndices(count: weights.count)
        let numeric = FiniteDifferences.gradient(of: &weights, at: indices) { values in
            var copy = autoencoder
            copy.layers[layerIndex].weight.values = values
            return loss(copy)
        }
        for (index, value) in zip(indices, numeric) {
            let analytic = workspace.gradients[layerIndex].weight.values[index]
            #expect(FiniteDifferences.agrees(analytic, value), "layer \(layerIndex) weight \(index): \(analytic) vs \(value)")
        }

        var biases = autoencoder.layers[layerIndex].bias
        let biasNumeric = FiniteDifferences.gradient(of: &biases, at: Array(biases.indices)) { values in
            var copy = autoencoder
            copy.layers[layerIndex].bias = values
            return loss(copy)
        }
        for (index, value) in biasNumeric.enumerated() {
            let analytic = workspace.gradients[layerIndex].bias[index]
            #expect(FiniteDifferences.agrees(analytic, value), "layer \(layerIndex) bias \(index): \(analytic) vs \(value)")
        }
    }
}

@Test func autoencoderShapesFollowNetworkShape() {
    let shape = NetworkShape(features: 30, encoder: .basic)
    var generator = SeededGenerator(seed: 43)
    let autoencoder = Autoencoder(shape: shape, generator: &generator)
    let input = FiniteDifferences.randomMatrix(rows: 3, columns: 30, seed: 44)

    #expect(autoencoder.encode(input).columns == 7)
    #expect(autoencoder.reconstruct(input).columns == 30)
    #expect(autoencoder.reconstruct(input).values.allSatisfy { $0 > 0 && $0 < 1 })
}

@Test func networkWeightsRoundTrip() {
    let shape = NetworkShape(features: 6, encoder: .expanded, expansion: 16)
    var generator = SeededGenerator(seed: 45)
    let autoencoder = Autoencoder(shape: shape, generator: &generator)
    let classifier = ExpansionClassifier(inputs: 6, expansion: 16, generator: &generator)

    let weights = NetworkWeights(shape: shape, autoencoder: autoencoder, classifier: classifier)

    #expect(weights.encoder.count == 3)
    #expect(weights.decoder.count == 3)
    #expect(weights.classifier.map(\.outputs) == [16, 1])
    #expect(weights.makeAutoencoder() == autoencoder)
    #expect(weights.makeClassifier() == classifier)
}

@Test func networkWeightsWithoutEncoder() {
    let shape = NetworkShape(features: 5, encoder: .none, expansion: 8)
    var generator = SeededGenerator(seed: 46)
    let classifier = ExpansionClassifier(inputs: 5, expansion: 8, generator: &generator)

    let weights = NetworkWeights(shape: shape, autoencoder: nil, classifier: classifier)

    #expect(weights.encoder.isEmpty)
    #expect(weights.makeAutoencoder() == nil)
    #expect(weights.makeClassifier() == classifier)
}
