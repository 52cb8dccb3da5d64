/// Points of the ROC and precision-recall curves of scores against 0/1 labels,
/// one point per distinct score (ties share a point), from the highest score down.
public struct RankingCurves: Sendable {
    /// `(false positive rate, true positive rate)`, starting at (0, 0) and ending at (1, 1).
    public let roc: [(x: Double, y: Double)]
    /// `(recall, precision)`, one point per distinct score.
    public let precisionRecall: [(x: Double, y: Double)]

    /// Computes both curves. Returns empty curves when either class is missing.
    public init(scores: [Float], labels: [Float]) {
        let sweep = ThresholdSweep(scores: scores, labels: labels)
        guard sweep.positives > 0, sweep.negatives > 0 else {
            roc = []
            precisionRecall = []
            return
        }

        let positives = Double(sweep.positives)
        let negatives = Double(sweep.negatives)
        roc = [(0, 0)] + sweep.points.map { (Double($0.falsePositives) / negatives, Double($0.truePositives) / positives) }
        precisionRecall = sweep.points.map { point in
            let flagged = Double(point.truePositives + point.falsePositives)
            return (Double(point.truePositives) / positives, Double(point.truePositives) / flagged)
        }
    }
}
