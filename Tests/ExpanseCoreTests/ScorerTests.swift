import Foundation
import Testing
@testable import ExpanseCore

/// A random network and scaler, and the probabilities the model types give for
/// `rows`, computed without the `Scorer`.
private struct Fixture {
    let weights: NetworkWeights
    let scaler: MinMaxScaler

    init(kind: EncoderKind, features: Int = 9, expansion: Int = 37, clip: Bool = false, seed: UInt64) {
        let shape = NetworkShape(features: features, encoder: kind, expansion: expansion)
        var generator = SeededGenerator(seed: seed)
        let autoencoder = kind == .none ? nil : Autoencoder(shape: shape, generator: &generator)
        let classifier = ExpansionClassifier(inputs: shape.latent, expansion: expansion, generator: &generator)
        weights = NetworkWeights(shape: shape, autoencoder: autoencoder, classifier: classifier)
        scaler = MinMaxScaler(
            min: (0..<features).map { Float($0) - 2 },
            max: (0..<features).map { $0 == 1 ? -1 : Float($0) * 3 + 1 },
            clip: clip
        )
    }

    func expected(_ rows: [Float]) -> [Float] {
        let features = weights.shape.features
        let scaled = Matrix(rows: rows.count / features, columns: features, values: scaler.transform(rows))
        let latent = weights.makeAutoencoder()?.encode(scaled) ?? scaled
        return weights.makeClassifier().logits(latent).map(logistic)
    }
}

private func randomRows(_ count: Int, features: Int, seed: UInt64) -> [Float] {
    var generator = SeededGenerator(seed: seed)
    return (0..<(count * features)).map { _ in generator.nextFloat(symmetricBound: 10) }
}

@Test(arguments: [EncoderKind.expanded, .basic, .none], [0, 1, 2, 3, 16, 17, 100])
func scorerMatchesModels(kind: EncoderKind, rows: Int) {
    let fixture = Fixture(kind: kind, seed: 61)
    let input = randomRows(rows, features: 9, seed: 62)

    let scores = Scorer(weights: fixture.weights, scaler: fixture.scaler).score(input)
    let expected = fixture.expected(input)

    #expect(scores.count == rows)
    for i in 0..<rows {
        #expect(isClose(scores[i], expected[i], tolerance: 1e-5), "row \(i): \(scores[i]) vs \(expected[i])")
    }
}

@Test func scorerAppliesClip() {
    let fixture = Fixture(kind: .expanded, clip: true, seed: 63)
    let input = randomRows(5, features: 9, seed: 64)

    let scores = Scorer(weights: fixture.weights, scaler: fixture.scaler).score(input)
    let expected = fixture.expected(input)

    for i in 0..<5 {
        #expect(isClose(scores[i], expected[i], tolerance: 1e-5))
    }
}

@Test func scorerGivesSameResultAcrossBlockSizes() {
    let fixture = Fixture(kind: .expanded, expansion: 64, seed: 65)
    let scorer = Scorer(weights: fixture.weights, scaler: fixture.scaler)
    let input = randomRows(40, features: 9, seed: 66)

    let together = scorer.score(input)
    let oneByOne = (0..<40).flatMap { scorer.score(Array(input[($0 * 9)..<(($0 + 1) * 9)])) }

    for i in 0..<40 {
        #expect(isClose(together[i], oneByOne[i], tolerance: 1e-5))
    }
}

@Test func scorerIsSafeAcrossThreads() async {
    let fixture = Fixture(kind: .expanded, expansion: 128, seed: 67)
    let scorer = Scorer(weights: fixture.weights, scaler: fixture.scaler)
    let input = randomRows(50, features: 9, seed: 68)
    let reference = scorer.score(input)

    let mismatches = await withTaskGroup(of: Int.self) { group in
        for _ in 0..<8 {
            group.addTask {
                var count = 0
                for _ in 0..<50 where scorer.score(input) != reference {
                    count += 1
                }
                return count
            }
        }
        return await group.reduce(0, +)
    }

    #expect(mismatches == 0)
}
