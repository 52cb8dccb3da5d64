/// A reason a ranking metric cannot be computed from its input.
public enum MetricsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `scores` and `labels` have different lengths.
    case lengthMismatch(scores: Int, labels: Int)
    /// A label is neither 0 nor 1.
    case invalidLabel(index: Int, value: Float)
    /// A score is NaN or infinite.
    case nonFiniteScore(index: Int, value: Float)
    /// Every label is the same class (or there are none), so the metric is
    /// undefined. `positives` and `negatives` are the counts found.
    case singleClass(positives: Int, negatives: Int)

    public var description: String {
        switch self {
        case .lengthMismatch(let scores, let labels):
            "got \(scores) scores but \(labels) labels, so they cannot be paired"
        case .invalidLabel(let index, let value):
            "label \(value) at index \(index) is invalid: labels must be 0 or 1"
        case .nonFiniteScore(let index, let value):
            "score \(value) at index \(index) is not finite"
        case .singleClass(let positives, let negatives):
            "the metric needs both classes but got \(positives) positive and \(negatives) negative labels"
        }
    }
}
