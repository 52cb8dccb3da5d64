/// Stratified K-fold cross-validation splits with a seed.
///
/// Every row is in exactly one test fold, and each fold's test set contains
/// ⌊n_c/K⌋ or ⌈n_c/K⌉ rows of each class c. Within a class, rows are shuffled
/// with the seed and dealt to folds in turn. Each class starts dealing at the
/// fold after the previous class stopped, so the folds' total sizes also
/// differ by at most one. The same labels and seed give the same folds on
/// every platform, because the shuffle uses its own SplitMix64 generator.
public struct StratifiedKFold: Sendable {
    /// One train/test split. Both lists hold row indices in ascending order.
    public struct Fold: Sendable, Equatable {
        public let train: [Int]
        public let test: [Int]
    }

    public let folds: Int
    public let seed: UInt64

    public init(folds: Int, seed: UInt64) {
        self.folds = folds
        self.seed = seed
    }

    /// Splits rows by their labels. Each distinct finite label value is a class, in ascending order.
    /// - Throws: `DataError` of kind `.invalidFoldCount` if `folds` is below 2,
    ///   or `.classTooSmall` naming the class, its row count and K.
    public func split(labels: [Float]) throws(DataError) -> [Fold] {
        guard folds >= 2 else {
            throw DataError(
                .invalidFoldCount, file: nil, value: String(folds),
                message: "cross-validation needs at least 2 folds but got \(folds). Pass --folds 2 or more.")
        }

        var rowsByClass: [Float: [Int]] = [:]
        for (row, label) in labels.enumerated() {
            rowsByClass[label, default: []].append(row)
        }
        let classes = rowsByClass.keys.sorted()
        for label in classes where rowsByClass[label]!.count < folds {
            let count = rowsByClass[label]!.count
            throw DataError(
                .classTooSmall, file: nil, value: Self.name(of: label),
                message: count >= 2
                    ? "class \(Self.name(of: label)) has \(count) rows, fewer than the \(folds) folds, so some folds would have none. Use --folds \(count) or fewer, or add rows of that class."
                    : "class \(Self.name(of: label)) has \(count) row, but cross-validation needs at least 2 rows of each class. Add rows of that class.")
        }

        var generator = SplitMix64(seed: seed)
        var testRows = [[Int]](repeating: [], count: folds)
        var nextFold = 0
        for label in classes {
            var rows = rowsByClass[label]!
            generator.shuffle(&rows)
            for row in rows {
                testRows[nextFold].append(row)
                nextFold = (nextFold + 1) % folds
            }
        }

        return testRows.map { test in
            let sortedTest = test.sorted()
            var isTest = [Bool](repeating: false, count: labels.count)
            for row in sortedTest {
                isTest[row] = true
            }
            return Fold(train: labels.indices.filter { !isTest[$0] }, test: sortedTest)
        }
    }

    /// Writes a label as the integer it is when it is one, such as `1` rather than `1.0`.
    private static func name(of label: Float) -> String {
        label == label.rounded() && abs(label) < 1e9 ? String(Int(label)) : String(label)
    }
}

/// Sebastiano Vigna's SplitMix64 generator: small, fast and fully specified,
/// so shuffles do not depend on the standard library's algorithms.
private struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher–Yates shuffle. The modulo's bias is below 2⁻⁴⁰ for fewer than 2²⁴ rows.
    mutating func shuffle(_ rows: inout [Int]) {
        guard rows.count > 1 else { return }
        for index in stride(from: rows.count - 1, to: 0, by: -1) {
            let other = Int(next() % UInt64(index + 1))
            rows.swapAt(index, other)
        }
    }
}
