/// Picks the decision threshold from out-of-fold probabilities.
///
/// A row is flagged as fraud when its probability is at or above the
/// threshold. Candidates are the distinct probabilities, so every candidate
/// flags a different set of rows.
public enum ThresholdSelection {
    /// The rule that picks the threshold.
    public enum Rule: Sendable, Equatable {
        /// The threshold with the highest F1 score; ties go to the higher threshold.
        case maximizeF1
        /// The lowest threshold whose precision is at least the target, which
        /// keeps the most recall among thresholds that meet it.
        case targetPrecision(Double)
    }

    /// A chosen threshold and the confusion counts it gives on the out-of-fold rows.
    public struct Choice: Sendable, Equatable {
        public let threshold: Double
        public let precision: Double
        public let recall: Double
        public let f1: Double
        public let truePositives: Int
        public let falsePositives: Int
        public let falseNegatives: Int
    }

    /// Errors from `choose`.
    public enum SelectionError: Error, Equatable, CustomStringConvertible {
        case noPositives
        case lengthMismatch(probabilities: Int, labels: Int)
        case precisionUnreachable(target: Double, best: Double)

        public var description: String {
            switch self {
            case .noPositives:
                "the out-of-fold rows hold no positive label, so no threshold can be chosen"
            case .lengthMismatch(let probabilities, let labels):
                "\(probabilities) probabilities but \(labels) labels"
            case .precisionUnreachable(let target, let best):
                "no threshold reaches precision \(target); the best out-of-fold precision is \(best). Lower --target-precision or omit it to maximise F1"
            }
        }
    }

    /// Chooses a threshold for `probabilities` (each in [0, 1]) against 0/1 `labels`.
    ///
    /// - Throws: `SelectionError.noPositives` when no label is 1,
    ///   `.precisionUnreachable` when no threshold meets a target precision.
    public static func choose(probabilities: [Float], labels: [Float], rule: Rule) throws(SelectionError) -> Choice {
        guard probabilities.count == labels.count else {
            throw .lengthMismatch(probabilities: probabilities.count, labels: labels.count)
        }
        let sweep = ThresholdSweep(scores: probabilities, labels: labels)
        let positives = sweep.positives
        guard positives > 0 else { throw .noPositives }

        var best: Choice?
        var bestPrecision = 0.0
        for point in sweep.points {
            let precision = Double(point.truePositives) / Double(point.truePositives + point.falsePositives)
            let recall = Double(point.truePositives) / Double(positives)
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            let candidate = Choice(
                threshold: Double(point.threshold), precision: precision, recall: recall, f1: f1,
                truePositives: point.truePositives, falsePositives: point.falsePositives,
                falseNegatives: positives - point.truePositives
            )
            bestPrecision = max(bestPrecision, precision)

            switch rule {
            case .maximizeF1:
                if best == nil || f1 > best!.f1 {
                    best = candidate
                }
            case .targetPrecision(let target):
                if precision >= target {
                    best = candidate
                }
            }
        }

        guard let best else {
            if case .targetPrecision(let target) = rule {
                throw .precisionUnreachable(target: target, best: bestPrecision)
            }
            throw .noPositives
        }
        return best
    }
}
