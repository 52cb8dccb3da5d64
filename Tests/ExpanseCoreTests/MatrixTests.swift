import Testing
@testable import ExpanseCore

/// The product computed with three plain loops, in Double.
private func naiveProduct(_ a: Matrix, _ b: Matrix, transposeA: Bool, transposeB: Bool) -> [Double] {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let n = transposeB ? b.rows : b.columns
    var result = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var sum: Double = 0
            for p in 0..<k {
                let left = transposeA ? a[p, i] : a[i, p]
                let right = transposeB ? b[j, p] : b[p, j]
                sum += Double(left) * Double(right)
            }
            result[i * n + j] = sum
        }
    }
    return result
}

@Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
func multiplyMatchesLoops(transposeA: Bool, transposeB: Bool) {
    let a = FiniteDifferences.randomMatrix(rows: transposeA ? 7 : 5, columns: transposeA ? 5 : 7, seed: 1)
    let b = FiniteDifferences.randomMatrix(rows: transposeB ? 3 : 7, columns: transposeB ? 7 : 3, seed: 2)
    var c = Matrix(rows: 5, columns: 3, repeating: .nan)

    Matrix.multiply(a, b, transposeA: transposeA, transposeB: transposeB, into: &c)

    let expected = naiveProduct(a, b, transposeA: transposeA, transposeB: transposeB)
    for i in c.values.indices {
        #expect(isClose(c.values[i], Float(expected[i]), tolerance: 1e-5), "element \(i): \(c.values[i]) vs \(expected[i])")
    }
}

@Test func multiplyAddsWithBeta() {
    let a = FiniteDifferences.randomMatrix(rows: 4, columns: 6, seed: 3)
    let b = FiniteDifferences.randomMatrix(rows: 6, columns: 2, seed: 4)
    var c = Matrix(rows: 4, columns: 2, repeating: 1)

    Matrix.multiply(a, b, into: &c, alpha: 2, beta: 0.5)

    let expected = naiveProduct(a, b, transposeA: false, transposeB: false)
    for i in c.values.indices {
        #expect(isClose(c.values[i], Float(2 * expected[i] + 0.5), tolerance: 1e-5))
    }
}

@Test func multiplyEmptyInnerDimension() {
    let a = Matrix(rows: 2, columns: 0)
    let b = Matrix(rows: 0, columns: 3)
    var c = Matrix(rows: 2, columns: 3, repeating: 5)

    Matrix.multiply(a, b, into: &c)

    #expect(c.values == [Float](repeating: 0, count: 6))
}

@Test func resizeKeepsLeadingRows() {
    var matrix = Matrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6])

    matrix.resize(rows: 1)
    #expect(matrix.rows == 1)
    #expect(matrix.values == [1, 2])

    matrix.resize(rows: 2)
    #expect(matrix.values == [1, 2, 0, 0])
}

@Test func transposedSwapsIndices() {
    let matrix = Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
    let transposed = matrix.transposed()

    #expect(transposed.rows == 3)
    #expect(transposed.columns == 2)
    #expect(transposed.values == [1, 4, 2, 5, 3, 6])
}

@Test func sumColumnsAddsRows() {
    let matrix = FiniteDifferences.randomMatrix(rows: 9, columns: 19, seed: 5)
    var sums = [Float](repeating: .nan, count: 19)

    matrix.sumColumns(into: &sums)

    for column in 0..<19 {
        let expected = (0..<9).reduce(Float(0)) { $0 + matrix[$1, column] }
        #expect(isClose(sums[column], expected, tolerance: 1e-5))
    }
}

@Test func blasThreadCountRoundTrips() {
    let previous = BLAS.threadCount
    BLAS.setThreadCount(1)
    #expect(BLAS.threadCount == 1)
    BLAS.setThreadCount(previous)
}
