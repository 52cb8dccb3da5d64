/// Threshold-free metrics of a binary classifier's scores: AUROC and average
/// precision, computed as scikit-learn's `roc_auc_score` and
/// `average_precision_score` compute them (checked against version 1.9.1).
///
/// Labels are 0 (negative) or 1 (positive). A higher score means "more likely
/// positive". Rows with equal scores form one threshold, so ties count as the
/// average rank does. Both metrics throw `MetricsError.singleClass` when the
/// labels contain only one class, where scikit-learn 1.9.1 warns and returns
/// NaN for AUROC and 0 for average precision. Both reject NaN or infinite scores.
public enum RankingMetrics {
    /// Returns the area under the ROC curve, from 0 to 1.
    ///
    /// The curve has one point per distinct score, and the area is summed by
    /// the trapezoid rule, which equals the Mann–Whitney U statistic with tied
    /// pairs counted as one half.
    /// - Throws: `MetricsError` for mismatched lengths, a label other than 0 or 1,
    ///   a non-finite score, or labels of one class only.
    public static func auroc(scores: [Float], labels: [Float]) throws(MetricsError) -> Double {
        let points = try curve(scores: scores, labels: labels)
        let positives = Double(points.positives)
        let negatives = Double(points.negatives)

        var area = 0.0
        var previous = (truePositives: 0, falsePositives: 0)
        for point in points.cumulative {
            let width = Double(point.falsePositives - previous.falsePositives) / negatives
            let meanHeight = Double(point.truePositives + previous.truePositives) / 2 / positives
            area += width * meanHeight
            previous = point
        }
        return area
    }

    /// Returns the average precision `Σ (R_k − R_{k−1}) · P_k`, from 0 to 1.
    ///
    /// `k` runs over the distinct scores from highest to lowest, and `R_k` and
    /// `P_k` are the recall and precision when every row scoring at least the
    /// k-th threshold is called positive. This step-wise sum does not
    /// interpolate, unlike the trapezoidal area under the precision–recall curve.
    /// - Throws: as `auroc(scores:labels:)`.
    public static func averagePrecision(scores: [Float], labels: [Float]) throws(MetricsError) -> Double {
        let points = try curve(scores: scores, labels: labels)
        let positives = Double(points.positives)

        var sum = 0.0
        var previousRecall = 0.0
        for point in points.cumulative {
            let recall = Double(point.truePositives) / positives
            let precision = Double(point.truePositives) / Double(point.truePositives + point.falsePositives)
            sum += (recall - previousRecall) * precision
            previousRecall = recall
        }
        return sum
    }

    /// Cumulative true and false positive counts at each distinct score, from
    /// the highest score down, plus the class totals.
    private static func curve(
        scores: [Float],
        labels: [Float]
    ) throws(MetricsError) -> (cumulative: [(truePositives: Int, falsePositives: Int)], positives: Int, negatives: Int) {
        guard scores.count == labels.count else {
            throw .lengthMismatch(scores: scores.count, labels: labels.count)
        }
        var positives = 0
        for (index, label) in labels.enumerated() {
            guard label == 0 || label == 1 else {
                throw .invalidLabel(index: index, value: label)
            }
            positives += label == 1 ? 1 : 0
        }
        for (index, score) in scores.enumerated() where !score.isFinite {
            throw .nonFiniteScore(index: index, value: score)
        }
        let negatives = labels.count - positives
        guard positives > 0 && negatives > 0 else {
            throw .singleClass(positives: positives, negatives: negatives)
        }

        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var cumulative: [(truePositives: Int, falsePositives: Int)] = []
        var truePositives = 0
        var falsePositives = 0
        for (rank, index) in order.enumerated() {
            if labels[index] == 1 {
                truePositives += 1
            } else {
                falsePositives += 1
            }
            // Close a threshold only after the last row of a run of equal scores.
            let isLastOfTie = rank + 1 == order.count || scores[order[rank + 1]] != scores[index]
            if isLastOfTie {
                cumulative.append((truePositives, falsePositives))
            }
        }
        return (cumulative, positives, negatives)
    }
}
