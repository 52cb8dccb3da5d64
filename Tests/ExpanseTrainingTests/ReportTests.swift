import Testing

@testable import ExpanseTraining

@Test func rankingCurvesGroupTies() {
    // Scores 0.9 (positive), 0.5 (one positive, one negative), 0.1 (negative).
    let curves = RankingCurves(scores: [0.9, 0.5, 0.5, 0.1], labels: [1, 1, 0, 0])
    #expect(curves.roc.map(\.x) == [0, 0, 0.5, 1])
    #expect(curves.roc.map(\.y) == [0, 0.5, 1, 1])
    #expect(curves.precisionRecall.map(\.x) == [0.5, 1, 1])
    #expect(curves.precisionRecall.map(\.y) == [1, 2.0 / 3.0, 0.5])
}

@Test func rankingCurvesEmptyForOneClass() {
    let curves = RankingCurves(scores: [0.2, 0.4], labels: [0, 0])
    #expect(curves.roc.isEmpty)
    #expect(curves.precisionRecall.isEmpty)
}

@Test func principalComponentsFollowTheSpread() {
    // Points along the direction (3, 4)/5 with a small spread across it: the
    // first component recovers the distance along the line, the second is small.
    var values: [Float] = []
    for step in 0..<11 {
        let along = Float(step - 5)
        let across: Float = step % 2 == 0 ? 0.01 : -0.01
        values += [along * 0.6 - across * 0.8, along * 0.8 + across * 0.6]
    }
    let projected = PrincipalComponents.project(values, width: 2)
    #expect(projected.count == 11)
    for (step, point) in projected.enumerated() {
        #expect(abs(abs(point.x) - Double(abs(step - 5))) < 1e-3, "row \(step)")
        #expect(abs(point.y) < 0.02, "row \(step)")
    }
}

@Test func principalComponentsOfConstantRowsAreZero() {
    let projected = PrincipalComponents.project([1, 2, 1, 2, 1, 2], width: 2)
    #expect(projected.allSatisfy { $0.x == 0 })
    #expect(projected.allSatisfy { $0.y == 0 })
}
