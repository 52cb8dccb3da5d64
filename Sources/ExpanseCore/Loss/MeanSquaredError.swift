/// Mean squared error over every element, as PyTorch's `nn.MSELoss()`:
/// `loss = Σ (prediction - target)² / count`.
public enum MeanSquaredError {
    /// Returns the loss and writes `∂loss/∂prediction = 2 (prediction - target) / count`
    /// into `gradient`. All three matrices must have the same shape. An empty batch
    /// has loss 0. The sum is accumulated in Double.
    public static func evaluate(prediction: Matrix, target: Matrix, gradient: inout Matrix) -> Float {
        precondition(prediction.rows == target.rows && prediction.columns == target.columns, "prediction and target shapes differ")
        precondition(gradient.rows == prediction.rows && gradient.columns == prediction.columns, "gradient shape differs from prediction")

        let count = prediction.values.count
        guard count > 0 else { return 0 }

        let scale = 2 / Float(count)
        var total: Double = 0
        prediction.values.withUnsafeBufferPointer { p in
            target.values.withUnsafeBufferPointer { t in
                gradient.values.withUnsafeMutableBufferPointer { g in
                    for i in 0..<count {
                        let difference = p[i] - t[i]
                        g[i] = scale * difference
                        total += Double(difference * difference)
                    }
                }
            }
        }
        return Float(total / Double(count))
    }
}
