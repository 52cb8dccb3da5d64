import CBLAS

extension Matrix {
    /// Computes `c = alpha * op(a) * op(b) + beta * c` with OpenBLAS `cblas_sgemm`,
    /// where `op(x)` is `x` or its transpose.
    ///
    /// `c` must already have the shape of the product. With `beta == 0` the old
    /// contents of `c` are ignored, NaN included.
    public static func multiply(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false,
        into c: inout Matrix, alpha: Float = 1, beta: Float = 0
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kB = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kB, "inner dimensions \(k) and \(kB) do not match")
        precondition(c.rows == m && c.columns == n, "output is \(c.rows)×\(c.columns), product is \(m)×\(n)")

        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    gemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: alpha, a: pa.baseAddress, lda: a.columns,
                        b: pb.baseAddress, ldb: b.columns,
                        beta: beta, c: pc.baseAddress, ldc: n
                    )
                }
            }
        }
    }
}

/// Calls `cblas_sgemm` on row-major buffers, doing nothing for an empty product
/// except scaling `c` by `beta`, which OpenBLAS also skips when `k` is 0.
func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Float, a: UnsafePointer<Float>?, lda: Int,
    b: UnsafePointer<Float>?, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>?, ldc: Int
) {
    guard m > 0, n > 0 else { return }

    if k == 0 {
        guard let c else { return }
        for row in 0..<m {
            for column in 0..<n {
                c[row * ldc + column] = beta == 0 ? 0 : beta * c[row * ldc + column]
            }
        }
        return
    }

    cblas_sgemm(
        CblasRowMajor,
        transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k),
        alpha, a, Int32(max(lda, 1)),
        b, Int32(max(ldb, 1)),
        beta, c, Int32(max(ldc, 1))
    )
}
