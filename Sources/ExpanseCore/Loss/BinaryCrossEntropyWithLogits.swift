import Glibc

/// Binary cross-entropy on logits, as PyTorch's `nn.BCEWithLogitsLoss()`:
/// the mean over rows of `max(z, 0) - z·y + log1p(e^(-|z|))`, which equals
/// `-(y·log σ(z) + (1 - y)·log(1 - σ(z)))` without overflow for large `|z|`.
public enum BinaryCrossEntropyWithLogits {
    /// Returns the mean loss and writes `∂loss/∂z = (σ(z) - y) / n` into
    /// `gradient`. `logits`, `labels` and `gradient` must have the same count,
    /// and labels are 0 or 1 (values in between are accepted as soft targets). An
    /// empty batch has loss 0. The sum is accumulated in Double.
    public static func evaluate(logits: [Float], labels: [Float], gradient: inout [Float]) -> Float {
        logits.withUnsafeBufferPointer { z in
            labels.withUnsafeBufferPointer { y in
                gradient.withUnsafeMutableBufferPointer { g in
                    evaluate(logits: z, labels: y, gradient: g)
                }
            }
        }
    }

    /// Pointer form of `evaluate(logits:labels:gradient:)`, for callers that keep
    /// batches in reused buffers.
    public static func evaluate(
        logits: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Float>,
        gradient: UnsafeMutableBufferPointer<Float>
    ) -> Float {
        let count = logits.count
        precondition(labels.count == count && gradient.count == count, "logits, labels and gradient counts differ")
        guard count > 0 else { return 0 }

        let scale = 1 / Float(count)
        var total: Double = 0
        for i in 0..<count {
            let z = logits[i]
            let y = labels[i]
            total += Double(max(z, 0) - z * y + log1pf(expf(-abs(z))))
            gradient[i] = (logistic(z) - y) * scale
        }
        return Float(total / Double(count))
    }
}
