@testable import ExpanseCore

/// Central finite differences for gradient checks.
///
/// The step is 1e-3 and the loss is evaluated in Float, so rounding adds about
/// 1e-7 · |loss| / 2e-3 to each estimate and truncation about 1e-6. Checks use
/// `|analytic - numeric| ≤ 1e-3 + 1e-2 · |numeric|`, well above both.
enum FiniteDifferences {
    static let step: Float = 1e-3

    /// Returns `∂loss/∂values[i]` for each index in `indices`, perturbing
    /// `values` in place and restoring it.
    static func gradient(of values: inout [Float], at indices: [Int], loss: ([Float]) -> Float) -> [Float] {
        indices.map { index in
            let original = values[index]
            values[index] = original + step
            let plus = Double(loss(values))
            values[index] = original - step
            let minus = Double(loss(values))
            values[index] = original
            return Float((plus - minus) / Double(2 * step))
        }
    }

    /// Whether an analytic derivative agrees with its estimate.
    static func agrees(_ analytic: Float, _ numeric: Float) -> Bool {
        abs(analytic - numeric) <= 1e-3 + 1e-2 * abs(numeric)
    }

    /// A matrix of values uniform in `[-bound, bound)`.
    static func randomMatrix(rows: Int, columns: Int, bound: Float = 1, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        return Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in generator.nextFloat(symmetricBound: bound) })
    }

    /// Every index when there are at most `limit`, otherwise `limit` indices spread evenly.
    static func sampleIndices(count: Int, limit: Int = 40) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        return (0..<limit).map { $0 * count / limit }
    }
}

/// Whether `a` and `b` differ by at most `tolerance` absolutely or relative to the larger.
func isClose(_ a: Float, _ b: Float, tolerance: Float) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
