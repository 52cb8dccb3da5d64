import Testing

@testable import ExpanseCore

private let tolerance = 1e-12

@Test func perfectRankingScoresOne() throws {
    let scores: [Float] = [0.9, 0.8, 0.2, 0.1]
    let labels: [Float] = [1, 1, 0, 0]

    #expect(abs(try RankingMetrics.auroc(scores: scores, labels: labels) - 1) < tolerance)
    #expect(abs(try RankingMetrics.averagePrecision(scores: scores, labels: labels) - 1) < tolerance)
}

@Test func reversedRankingScoresLow() throws {
    let scores: [Float] = [0.9, 0.8, 0.2, 0.1]
    let labels: [Float] = [0, 0, 1, 1]

    // Thresholds 0.2 and 0.1 add recall 0.5 each at precision 1/3 and 1/2.
    #expect(abs(try RankingMetrics.auroc(scores: scores, labels: labels)) < tolerance)
    #expect(abs(try RankingMetrics.averagePrecision(scores: scores, labels: labels) - (0.5 / 3 + 0.25)) < tolerance)
}

@Test func allTiedScoresGiveChance() throws {
    let scores: [Float] = [0.5, 0.5, 0.5, 0.5]
    let labels: [Float] = [1, 0, 1, 0]

    #expect(abs(try RankingMetrics.auroc(scores: scores, labels: labels) - 0.5) < tolerance)
    #expect(abs(try RankingMetrics.averagePrecision(scores: scores, labels: labels) - 0.5) < tolerance)
}

@Test func tiedPairCountsHalf() throws {
    let scores: [Float] = [0.5, 0.5, 0.2, 0.1]
    let labels: [Float] = [0, 1, 1, 0]

    // Positive pairs: (0.5 vs 0.5) ties for 1/2, (0.5 vs 0.1) wins, (0.2 vs 0.5)
    // loses, (0.2 vs 0.1) wins, so AUROC = 2.5 / 4.
    #expect(abs(try RankingMetrics.auroc(scores: scores, labels: labels) - 0.625) < tolerance)
    // Threshold 0.5 gives recall 1/2 at precision 1/2, threshold 0.2 recall 1 at precision 2/3.
    #expect(abs(try RankingMetrics.averagePrecision(scores: scores, labels: labels) - (0.25 + 1.0 / 3)) < tolerance)
}

@Test func orderOfRowsDoesNotMatter() throws {
    let scores: [Float] = [0.1, 0.5, 0.2, 0.5]
    let labels: [Float] = [0, 1, 1, 0]

    #expect(abs(try RankingMetrics.auroc(scores: scores, labels: labels) - 0.625) < tolerance)
    #expect(abs(try RankingMetrics.averagePrecision(scores: scores, labels: labels) - (0.25 + 1.0 / 3)) < tolerance)
}

// Reference values from scikit-learn 1.9.1 (NumPy 2.4.6): `roc_auc_score(y, s)`
// and `average_precision_score(y, s)` on the inputs the two tests below build.

@Test func matchesScikitLearnWithManyTies() throws {
    let scores = (0..<60).map { Float((($0 * 37) % 23)) / 4 }
    let labels = (0..<60).map { Float(($0 * $0 + 1) % 5 < 2 ? 1 : 0) }

    #expect(labels.reduce(0, +) == 36)
    #expect(abs(try RankingMetrics.auroc(scores: scores, labels: labels) - 0.2332175925925926) < tolerance)
    #expect(abs(try RankingMetrics.averagePrecision(scores: scores, labels: labels) - 0.46983432619148857) < tolerance)
}

@Test func matchesScikitLearnOnFloat32Scores() throws {
    let scores = (0..<200).map { Float(Double(($0 * 7_919) % 1_000) / 1_000) }
    let labels = (0..<200).map { index in
        let isPositive = (index * 31) % 17 < 3 || ((index * 7_919) % 1_000 > 900 && index % 2 == 0)
        return Float(isPositive ? 1 : 0)
    }

    #expect(labels.reduce(0, +) == 41)
    #expect(abs(try RankingMetrics.auroc(scores: scores, labels: labels) - 0.5956435036048474) < tolerance)
    #expect(abs(try RankingMetrics.averagePrecision(scores: scores, labels: labels) - 0.3162975212412147) < tolerance)
}

@Test func singleClassThrows() {
    #expect(throws: MetricsError.singleClass(positives: 0, negatives: 3)) {
        try RankingMetrics.auroc(scores: [0.1, 0.2, 0.3], labels: [0, 0, 0])
    }
    #expect(throws: MetricsError.singleClass(positives: 2, negatives: 0)) {
        try RankingMetrics.averagePrecision(scores: [0.1, 0.2], labels: [1, 1])
    }
    #expect(throws: MetricsError.singleClass(positives: 0, negatives: 0)) {
        try RankingMetrics.auroc(scores: [], labels: [])
    }
}

@Test func invalidInputsThrow() {
    #expect(throws: MetricsError.lengthMismatch(scores: 2, labels: 3)) {
        try RankingMetrics.auroc(scores: [0.1, 0.2], labels: [0, 1, 0])
    }
    #expect(throws: MetricsError.invalidLabel(index: 1, value: 2)) {
        try RankingMetrics.auroc(scores: [0.1, 0.2], labels: [0, 2])
    }
    #expect(throws: MetricsError.nonFiniteScore(index: 0, value: .infinity)) {
        try RankingMetrics.averagePrecision(scores: [.infinity, 0.2], labels: [0, 1])
    }
    #expect(throws: MetricsError.self) {
        try RankingMetrics.averagePrecision(scores: [.nan, 0.2], labels: [0, 1])
    }
}

@Test func summaryOfKnownValues() {
    let summary = SummaryStatistics([2, 4, 4, 4, 5, 5, 7, 9])

    // Squared deviations sum to 32, so the sample variance is 32 / 7.
    #expect(summary.count == 8)
    #expect(abs(summary.mean - 5) < tolerance)
    #expect(abs(summary.standardDeviation - (32.0 / 7).squareRoot()) < tolerance)
}

@Test func summaryOfTooFewValues() {
    let single = SummaryStatistics([0.75])
    let empty = SummaryStatistics([])

    #expect(single.mean == 0.75)
    #expect(single.standardDeviation.isNaN)
    #expect(empty.mean.isNaN)
    #expect(empty.standardDeviation.isNaN)
}

@Test func summaryAvoidsCancellation() {
    let summary = SummaryStatistics([1e9 + 1, 1e9 + 2, 1e9 + 3])

    #expect(abs(summary.standardDeviation - 1) < 1e-9)
}
