import ExpanseCore
import Testing
@testable import ExpanseTraining

/// Rows whose positives are shifted in every feature, so that the direction of
/// largest variance, which even a one-wide bottleneck keeps, separates the classes.
private struct SyntheticData {
    let features: [Float]
    let labels: [Float]

    init(rows: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var features: [Float] = []
        var labels: [Float] = []
        for _ in 0..<rows {
            let positive = generator.nextUnitFloat() < 0.2
            labels.append(positive ? 1 : 0)
            for column in 0..<6 {
                let shift: Float = positive ? 2 : 0
                features.append(generator.nextFloat(symmetricBound: 1) * 2 + shift + Float(column) * 10)
            }
        }
        self.features = features
        self.labels = labels
    }
}

/// The probability that a random positive row scores above a random negative one.
private func rankAUC(scores: [Float], labels: [Float]) -> Double {
    var above = 0.0
    var pairs = 0.0
    for (score, label) in zip(scores, labels) where label == 1 {
        for (other, otherLabel) in zip(scores, labels) where otherLabel == 0 {
            above += score > other ? 1 : (score == other ? 0.5 : 0)
            pairs += 1
        }
    }
    return above / pairs
}

private func smallConfig(_ encoder: EncoderKind = .expanded) -> TrainingConfig {
    var config = TrainingConfig()
    config.encoder = encoder
    config.expansion = 32
    config.autoencoderEpochs = 5
    config.epochs = 8
    config.batchSize = 32
    config.learningRate = 0.01
    config.seed = 9
    return config
}

@Test(arguments: [EncoderKind.expanded, .basic, .none])
func trainingSeparatesClasses(encoder: EncoderKind) throws {
    let train = SyntheticData(rows: 600, seed: 1)
    let test = SyntheticData(rows: 300, seed: 2)

    let config = smallConfig(encoder)
    let network = try Trainer.fitNetwork(
        features: train.features, featureCount: 6, labels: train.labels, config: config
    )
    let scores = network.scorer.score(test.features)

    #expect(scores.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(rankAUC(scores: scores, labels: test.labels) > 0.9)
    let losses = network.report.classifierLosses
    #expect(losses.count == 8)
    #expect(try #require(losses.last) < (try #require(losses.first)))
}

@Test func trainingIsDeterministic() throws {
    let data = SyntheticData(rows: 300, seed: 3)
    let config = smallConfig()

    let first = try Trainer.fitNetwork(features: data.features, featureCount: 6, labels: data.labels, config: config)
    let second = try Trainer.fitNetwork(features: data.features, featureCount: 6, labels: data.labels, config: config)

    #expect(first.weights == second.weights)
    #expect(first.report.classifierLosses == second.report.classifierLosses)
}

@Test func trainingSeedChangesWeights() throws {
    let data = SyntheticData(rows: 100, seed: 4)
    var config = smallConfig()
    let first = try Trainer.fitNetwork(features: data.features, featureCount: 6, labels: data.labels, config: config)
    config.seed = 10
    let second = try Trainer.fitNetwork(features: data.features, featureCount: 6, labels: data.labels, config: config)

    #expect(first.weights != second.weights)
}

@Test func autoencoderLossDecreases() {
    let data = SyntheticData(rows: 400, seed: 5)
    let scaler = MinMaxScaler(fitting: data.features, features: 6)
    var config = smallConfig()
    config.autoencoderEpochs = 20

    let fit = Trainer.fitAutoencoder(
        scaledRows: scaler.transform(data.features), shape: config.shape(features: 6), config: config, seed: 1
    )

    #expect(fit.losses.count == 20)
    #expect(fit.losses[19] < fit.losses[0] * 0.8)
}

@Test func progressReportsEveryEpoch() throws {
    let data = SyntheticData(rows: 70, seed: 6)
    var events: [TrainingProgress] = []

    _ = try Trainer.fitNetwork(features: data.features, featureCount: 6, labels: data.labels, config: smallConfig()) {
        events.append($0)
    }

    #expect(events.map(\.phase) == Array(repeating: .autoencoder, count: 5) + Array(repeating: .classifier, count: 8))
    #expect(events.map(\.epoch) == Array(1...5) + Array(1...8))
    #expect(events.allSatisfy { $0.rowsPerSecond > 0 && $0.meanLoss.isFinite })
}

@Test func collapseRetriesAreBounded() throws {
    let data = SyntheticData(rows: 50, seed: 7)
    var config = smallConfig()
    config.collapseRetries = 2
    // Every latent counts as collapsed, so every retry runs.
    config.collapseVarianceThreshold = .infinity

    let network = try Trainer.fitNetwork(features: data.features, featureCount: 6, labels: data.labels, config: config)

    #expect(network.report.attempts == 3)
    #expect(network.report.latentCollapsed(threshold: config.collapseVarianceThreshold))
}

@Test func healthyLatentIsNotRetried() throws {
    let data = SyntheticData(rows: 200, seed: 8)
    var config = smallConfig()
    config.collapseRetries = 2

    let network = try Trainer.fitNetwork(features: data.features, featureCount: 6, labels: data.labels, config: config)

    #expect(network.report.attempts == 1)
    #expect(network.report.latentVariance.count == 6)
    #expect(!network.report.latentCollapsed(threshold: config.collapseVarianceThreshold))
}

@Test func normalRowsOptionNeedsNormalRows() {
    var config = smallConfig()
    config.autoencoderRows = .normal

    #expect(throws: TrainingError.self) {
        _ = try Trainer.fitNetwork(features: [1, 2, 3, 4, 5, 6], featureCount: 6, labels: [1], config: config)
    }
}

@Test func normalRowsOptionTrains() throws {
    let data = SyntheticData(rows: 200, seed: 9)
    var config = smallConfig()
    config.autoencoderRows = .normal

    let network = try Trainer.fitNetwork(features: data.features, featureCount: 6, labels: data.labels, config: config)

    #expect(network.report.autoencoderLosses.count == 5)
}

@Test(arguments: ["expansion", "dropout", "batchSize", "learningRate", "collapseRetries"])
func configRejectsInvalidField(field: String) {
    var config = TrainingConfig()
    switch field {
    case "expansion": config.expansion = 0
    case "dropout": config.dropout = 1
    case "batchSize": config.batchSize = 0
    case "learningRate": config.learningRate = .nan
    default: config.collapseRetries = -1
    }

    #expect {
        try config.validate()
    } throws: { error in
        guard case let .invalidConfig(name, _, _) = error as? TrainingError else { return false }
        return name == field
    }
}

@Test func defaultConfigIsValid() throws {
    let config = TrainingConfig()
    try config.validate()
    #expect(config.expansion == 1024)
    #expect(config.autoencoderEpochs == 50)
    #expect(config.epochs == 20)
    #expect(config.batchSize == 256)
    #expect(config.dropout == 0.5)
    #expect(config.learningRate == 0.001)
}

@Test func mismatchedLabelsAreRejected() {
    #expect(throws: TrainingError.self) {
        _ = try Trainer.fitNetwork(features: [1, 2, 3, 4], featureCount: 2, labels: [0], config: smallConfig())
    }
    #expect(throws: TrainingError.self) {
        _ = try Trainer.fitNetwork(features: [1, 2], featureCount: 2, labels: [0.5], config: smallConfig())
    }
    #expect(throws: TrainingError.self) {
        _ = try Trainer.fitNetwork(features: [], featureCount: 2, labels: [], config: smallConfig())
    }
}
