/// Min-max scaling of each feature: `x' = (x - min) / (max - min)`, with `min`
/// and `max` taken from the training rows only.
///
/// A feature whose training `min` equals its `max` carries no information, so it
/// scales to 0 for every input, at training and at scoring time alike. Values
/// outside the training range scale outside `[0, 1]` unless `clip` is set. NaN
/// inputs give NaN outputs (clipping included) unless the feature's range is zero.
public struct MinMaxScaler: Sendable, Equatable {
    public let min: [Float]
    public let max: [Float]
    /// Whether scaled values are clamped to `[0, 1]`.
    public let clip: Bool

    /// Creates a scaler from stored bounds; `min` and `max` must have the same count.
    public init(min: [Float], max: [Float], clip: Bool = false) {
        precondition(min.count == max.count, "min has \(min.count) entries, max has \(max.count)")
        self.min = min
        self.max = max
        self.clip = clip
    }

    /// Fits the bounds on `rows`, a row-major `[n, features]` buffer with n ≥ 1.
    /// NaN values are skipped; a feature with no other value gets the bounds 0, 0.
    public init(fitting rows: [Float], features: Int, clip: Bool = false) {
        precondition(features >= 1, "features must be at least 1")
        precondition(rows.count % features == 0, "\(rows.count) values do not form rows of \(features) features")
        precondition(!rows.isEmpty, "cannot fit a scaler on zero rows")

        var low = [Float](repeating: .infinity, count: features)
        var high = [Float](repeating: -.infinity, count: features)
        for start in stride(from: 0, to: rows.count, by: features) {
            for j in 0..<features where !rows[start + j].isNaN {
                low[j] = Swift.min(low[j], rows[start + j])
                high[j] = Swift.max(high[j], rows[start + j])
            }
        }

        for j in 0..<features where low[j] > high[j] {
            low[j] = 0
            high[j] = 0
        }
        self.init(min: low, max: high, clip: clip)
    }

    public var features: Int { min.count }

    /// Returns the scaled copy of `rows`, a row-major `[n, features]` buffer.
    public func transform(_ rows: [Float]) -> [Float] {
        precondition(rows.count % features == 0, "\(rows.count) values do not form rows of \(features) features")
        guard !rows.isEmpty else { return [] }

        var result = rows
        result.withUnsafeMutableBufferPointer { buffer in
            transform(buffer.baseAddress!, rows: rows.count / features)
        }
        return result
    }

    /// Scales `rows` rows of `features` values in place.
    public func transform(_ values: UnsafeMutablePointer<Float>, rows: Int) {
        let width = features
        let clip = self.clip
        min.withUnsafeBufferPointer { low in
            max.withUnsafeBufferPointer { high in
                for row in 0..<rows {
                    let base = row * width
                    for j in 0..<width {
                        let range = high[j] - low[j]
                        var scaled: Float = range > 0 ? (values[base + j] - low[j]) / range : 0
                        if clip {
                            scaled = Swift.min(Swift.max(scaled, 0), 1)
                        }
                        values[base + j] = scaled
                    }
                }
            }
        }
    }
}
