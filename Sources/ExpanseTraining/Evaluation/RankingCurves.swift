/// Points of the ROC and precision-recall curves of scores against 0/1 labels,
/// one point per distinct score (ties share a point), from the highest score down.
public struct RankingCurves: Sendable {
    /// `(false positive rate, true positive rate)`, starting at (0, 0) and ending at (1, 1).
    public let roc: [(x: Double, y: Double)]
    /// `(recall, precision)`, one point per distinct score.
    public let precisionRecall: [(x: Double, y: Double)]

    /// Computes both curves. Returns empty curves when either class is missing.
    public init(scores: [Float], labels: [Float]) {
        let positives = labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
        let negatives = labels.count - positives
        guard positives > 0, negatives > 0 else {
            roc = []
            precisionRecall = []
            return
        }

        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var roc: [(x: Double, y: Double)] = [(0, 0)]
        var precisionRecall: [(x: Double, y: Double)] = []
        var truePositives = 0
        var falsePositives = 0
        var start = 0
        while start < order.count {
            let value = scores[order[start]]
            var end = start
            while end < order.count && scores[order[end]] == value {
                if labels[order[end]] == 1 { truePositives += 1 } else { falsePositives += 1 }
                end += 1
            }
            start = end

            let recall = Double(truePositives) / Double(positives)
            roc.append((Double(falsePositives) / Double(negatives), recall))
            precisionRecall.append((recall, Double(truePositives) / Double(truePositives + falsePositives)))
        }
        self.roc = roc
        self.precisionRecall = precisionRecall
    }
}
