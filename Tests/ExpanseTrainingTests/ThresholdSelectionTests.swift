import Testing

@testable import ExpanseTraining

@Test func thresholdMaximisesF1() throws {
    // Flagging the top two rows gives precision 1, recall 2/3, F1 0.8; the
    // top four give 3/4 and 1, F1 0.857; the top five 3/5 and 1, F1 0.75.
    let probabilities: [Float] = [0.9, 0.8, 0.6, 0.5, 0.3, 0.1]
    let labels: [Float] = [1, 1, 0, 1, 0, 0]
    let choice = try ThresholdSelection.choose(probabilities: probabilities, labels: labels, rule: .maximizeF1)
    #expect(choice.threshold == Double(Float(0.5)))
    #expect(choice.truePositives == 3)
    #expect(choice.falsePositives == 1)
    #expect(choice.falseNegatives == 0)
    #expect(abs(choice.f1 - 6.0 / 7.0) < 1e-12)
}

@Test func thresholdMeetsTargetPrecisionWithMostRecall() throws {
    let probabilities: [Float] = [0.9, 0.8, 0.6, 0.5, 0.3, 0.1]
    let labels: [Float] = [1, 1, 0, 1, 0, 0]
    let choice = try ThresholdSelection.choose(probabilities: probabilities, labels: labels, rule: .targetPrecision(0.9))
    #expect(choice.threshold == Double(Float(0.8)))
    #expect(choice.precision == 1)
    #expect(abs(choice.recall - 2.0 / 3.0) < 1e-12)
}

@Test func thresholdGroupsTiedProbabilities() throws {
    // The tie at 0.7 contains one positive and one negative, so no threshold
    // can flag only the positive of the pair.
    let probabilities: [Float] = [0.7, 0.7, 0.2]
    let labels: [Float] = [1, 0, 0]
    let choice = try ThresholdSelection.choose(probabilities: probabilities, labels: labels, rule: .maximizeF1)
    #expect(choice.threshold == Double(Float(0.7)))
    #expect(choice.truePositives == 1)
    #expect(choice.falsePositives == 1)
}

@Test func thresholdRejectsUnreachablePrecision() {
    let probabilities: [Float] = [0.9, 0.9, 0.1]
    let labels: [Float] = [1, 0, 1]
    #expect(throws: ThresholdSelection.SelectionError.precisionUnreachable(target: 0.99, best: 2.0 / 3.0)) {
        try ThresholdSelection.choose(probabilities: probabilities, labels: labels, rule: .targetPrecision(0.99))
    }
}

@Test func thresholdRejectsLabelsWithoutPositives() {
    #expect(throws: ThresholdSelection.SelectionError.noPositives) {
        try ThresholdSelection.choose(probabilities: [0.2, 0.4], labels: [0, 0], rule: .maximizeF1)
    }
}
