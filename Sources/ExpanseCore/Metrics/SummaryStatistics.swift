/// The mean and sample standard deviation of a list of values, such as one
/// metric over the folds of a cross-validation.
public struct SummaryStatistics: Sendable, Equatable, Codable {
    public let count: Int
    /// The arithmetic mean, or NaN for no values.
    public let mean: Double
    /// The sample standard deviation `sqrt(Σ (x − mean)² / (n − 1))`, or NaN
    /// for fewer than two values (as NumPy's `std(ddof=1)` returns).
    public let standardDeviation: Double

    /// Computes the statistics of `values`. NaN or infinite values propagate.
    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            mean = .nan
            standardDeviation = .nan
            return
        }

        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean

        guard values.count > 1 else {
            standardDeviation = .nan
            return
        }
        // Two passes: summing squared deviations from the mean avoids the
        // cancellation of the Σx² − n·mean² form.
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        standardDeviation = (squares / Double(values.count - 1)).squareRoot()
    }
}
