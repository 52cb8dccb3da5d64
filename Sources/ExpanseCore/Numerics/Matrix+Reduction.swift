extension Matrix {
    /// Writes the sum of each column into `sums`, which must have `columns` entries.
    /// An empty matrix gives zeros.
    public func sumColumns(into sums: inout [Float]) {
        precondition(sums.count == columns, "sums has \(sums.count) entries, matrix has \(columns) columns")

        let width = columns
        let height = rows
        values.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { s in
                s.initialize(repeating: 0)
                for row in 0..<height {
                    VectorKernels.add(x.baseAddress! + row * width, to: s.baseAddress!, count: width)
                }
            }
        }
    }
}
