import CBLAS

/// The process-wide settings of the OpenBLAS library that every matrix product uses.
public enum BLAS {
    /// Sets the number of threads OpenBLAS may use for one product.
    ///
    /// The setting is global to the process. Results are bit-identical between runs
    /// only at the same thread count, because OpenBLAS splits work by thread.
    /// - Parameter count: at least 1.
    public static func setThreadCount(_ count: Int) {
        precondition(count >= 1, "BLAS thread count must be at least 1, got \(count)")
        openblas_set_num_threads(Int32(count))
    }

    /// The number of threads OpenBLAS uses for one product.
    public static var threadCount: Int {
        Int(openblas_get_num_threads())
    }
}
