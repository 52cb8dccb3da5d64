/// A dense Float32 matrix stored row-major: element `(r, c)` is `values[r * columns + c]`.
///
/// A matrix may have zero rows (an empty batch). It keeps `columns` even then, so
/// that shapes still check.
public struct Matrix: Sendable, Equatable {
    public private(set) var rows: Int
    public let columns: Int
    public var values: [Float]

    /// Creates a `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.values = [Float](repeating: value, count: rows * columns)
    }

    /// Wraps row-major `values`, whose count must be `rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        precondition(values.count == rows * columns, "\(values.count) values do not fill a \(rows)×\(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// Changes the number of rows to `newRows`, keeping the first rows' values and
    /// zero-filling new ones. The storage keeps its capacity, so shrinking a batch
    /// buffer for the last, partial batch and growing it back does not allocate.
    public mutating func resize(rows newRows: Int) {
        precondition(newRows >= 0, "matrix dimensions must not be negative")
        guard newRows != rows else { return }

        let count = newRows * columns
        if count < values.count {
            values.removeLast(values.count - count)
        } else {
            values.append(contentsOf: repeatElement(0, count: count - values.count))
        }
        rows = newRows
    }

    /// Returns the transpose, `columns × rows`.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for c in 0..<columns {
                result.values[c * rows + r] = values[r * columns + c]
            }
        }
        return result
    }
}
