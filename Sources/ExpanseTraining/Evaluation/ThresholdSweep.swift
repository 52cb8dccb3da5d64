/// The confusion counts at every distinct score, from the highest score
/// down: flagging every row whose score is at or above `threshold` gives
/// `truePositives` and `falsePositives`. Tied scores share one point.
struct ThresholdSweep {
    struct Point {
        let threshold: Float
        let truePositives: Int
        let falsePositives: Int
    }

    let points: [Point]
    /// Rows labelled 1.
    let positives: Int
    /// Rows labelled anything else.
    let negatives: Int

    /// Sweeps `scores` against 0/1 `labels`, which must have the same length.
    init(scores: [Float], labels: [Float]) {
        precondition(scores.count == labels.count, "\(scores.count) scores but \(labels.count) labels")
        positives = labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
        negatives = labels.count - positives

        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var points: [Point] = []
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
            points.append(Point(threshold: value, truePositives: truePositives, falsePositives: falsePositives))
        }
        self.points = points
    }
}
