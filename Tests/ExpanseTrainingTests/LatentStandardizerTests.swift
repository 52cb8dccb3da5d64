import ExpanseCore
import Testing

@testable import ExpanseTraining

@Test func standardizerGivesZeroMeanUnitVariance() {
    // Column 0 is 1, 3, 5, 7 (mean 4, std √5); column 1 is constant.
    var values: [Float] = [1, 2, 3, 2, 5, 2, 7, 2]
    let standardizer = LatentStandardizer(fitting: values, width: 2)
    standardizer.apply(&values)

    let column0 = [values[0], values[2], values[4], values[6]]
    let mean = column0.reduce(0, +) / 4
    let variance = column0.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
    #expect(abs(mean) < 1e-6)
    #expect(abs(variance - 1) < 1e-5)
    #expect([values[1], values[3], values[5], values[7]] == [0, 0, 0, 0])
}

@Test func foldedLayerMatchesStandardizedInput() {
    let latent: [Float] = [0.5, -2, 1e-3, 1.5, -1, 2e-3, 2.5, 0, -1e-3, -0.5, 3, 4e-3]
    let standardizer = LatentStandardizer(fitting: latent, width: 3)
    let layer = LayerWeights(
        outputs: 2, inputs: 3,
        weight: [0.3, -0.7, 1.1, -0.2, 0.4, 0.9],
        bias: [0.05, -0.1]
    )
    let folded = standardizer.fold(into: layer)

    var standardized = latent
    standardizer.apply(&standardized)
    for row in 0..<4 {
        for output in 0..<2 {
            var expected = layer.bias[output]
            var actual = folded.bias[output]
            for input in 0..<3 {
                expected += layer.weight[output * 3 + input] * standardized[row * 3 + input]
                actual += folded.weight[output * 3 + input] * latent[row * 3 + input]
            }
            #expect(abs(expected - actual) <= 1e-4 * max(1, abs(expected)), "row \(row) output \(output)")
        }
    }
}

@Test func trainingWithStandardLatentKeepsArchitecture() throws {
    var generator = SeededGenerator(seed: 3)
    var features: [Float] = []
    var labels: [Float] = []
    for row in 0..<200 {
        let positive = row % 5 == 0
        for column in 0..<6 {
            features.append(generator.nextUnitFloat() + (positive && column < 2 ? 1 : 0))
        }
        labels.append(positive ? 1 : 0)
    }
    var config = TrainingConfig()
    config.encoder = .expanded
    config.expansion = 16
    config.autoencoderEpochs = 2
    config.epochs = 2

    let network = try Trainer.fitNetwork(features: features, featureCount: 6, labels: labels, config: config)
    #expect(network.weights.classifier[0].inputs == 6)
    #expect(network.weights.classifier[0].outputs == 16)
    let probabilities = network.scorer.score(features)
    #expect(probabilities.allSatisfy { $0 >= 0 })
    #expect(probabilities.allSatisfy { $0 <= 1 })
}
