/// The inference path of an LVE network: raw feature rows in, fraud
/// probabilities `σ(logit)` out, with dropout off.
///
/// A `Scorer` is immutable and keeps no scratch state, so any number of threads
/// may call it at once. Each call allocates its own scratch buffers. Rows are
/// processed in blocks of `blockRows`: a block of fewer than
/// `matrixProductMinimumRows` rows goes through `cblas_sgemv` row by row,
/// and larger blocks through `cblas_sgemm`.
///
/// NOTE: OpenBLAS runs a product on the calling thread when its thread count
/// is 1. With a larger count, concurrent callers share its thread pool, which
/// OpenBLAS 0.3.21 serialises. A multi-threaded service should set
/// `BLAS.setThreadCount(1)` and scale with its own threads.
public struct Scorer: Sendable {
    public let shape: NetworkShape
    public let scaler: MinMaxScaler

    /// The dense layers in forward order: the encoder's three (if any), then the
    /// classifier's E-wide layer. The E→1 layer is kept apart in `outputWeight`.
    let layers: [ScoringLayer]
    let outputWeight: [Float]
    let outputBias: Float
    /// The widest of the features and every layer's outputs. Scratch rows are one longer.
    let bufferWidth: Int

    /// Rows per block, which bounds the scratch memory at `2 × blockRows × (max(E, d) + 1)` floats.
    public static let blockRows = 16
    /// Blocks with at least this many rows use `cblas_sgemm`.
    public static let matrixProductMinimumRows = 2

    /// Creates a scorer for `weights` and the scaler fitted on the same training rows.
    public init(weights: NetworkWeights, scaler: MinMaxScaler) {
        precondition(scaler.features == weights.shape.features, "scaler has \(scaler.features) features, network takes \(weights.shape.features)")
        precondition(weights.classifier.count == 2, "a network has two classifier layers, found \(weights.classifier.count)")

        shape = weights.shape
        self.scaler = scaler
        let activations: [Activation] = weights.encoder.isEmpty ? [] : Autoencoder.encoderActivations
        layers = zip(weights.encoder, activations).map { ScoringLayer($0.0, activation: $0.1) }
            + [ScoringLayer(weights.classifier[0], activation: .identity)]
        bufferWidth = max(layers.map(\.outputs).max() ?? 0, shape.features)
        outputWeight = weights.classifier[1].weight
        outputBias = weights.classifier[1].bias[0]
    }

    /// Returns one probability per row of `rows`, a row-major `[n, features]`
    /// buffer of raw (unscaled) values. An empty buffer gives an empty result.
    public func score(_ rows: [Float]) -> [Float] {
        rows.withUnsafeBufferPointer { score($0) }
    }

    /// Pointer form of `score(_:)`.
    public func score(_ rows: UnsafeBufferPointer<Float>) -> [Float] {
        let features = shape.features
        precondition(rows.count % features == 0, "\(rows.count) values do not form rows of \(features) features")
        let count = rows.count / features

        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            score(rows, into: buffer)
            initialized = count
        }
    }

    /// Writes one probability per row of `rows` into `probabilities`, which must
    /// have room for `rows.count / features` values.
    public func score(_ rows: UnsafeBufferPointer<Float>, into probabilities: UnsafeMutableBufferPointer<Float>) {
        let features = shape.features
        precondition(rows.count % features == 0, "\(rows.count) values do not form rows of \(features) features")
        let count = rows.count / features
        precondition(probabilities.count >= count, "room for \(probabilities.count) probabilities, \(count) rows")
        guard count > 0, let source = rows.baseAddress, let target = probabilities.baseAddress else { return }

        let blockRows = Swift.min(count, Self.blockRows)
        let scratchCount = 2 * blockRows * (bufferWidth + 1)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: scratchCount) { scratch in
            let scratch = scratch.baseAddress!
            var start = 0
            while start < count {
                let rowsInBlock = Swift.min(blockRows, count - start)
                scoreBlock(
                    source + start * features, rows: rowsInBlock,
                    into: target + start, scratch: scratch, blockRows: blockRows
                )
                start += rowsInBlock
            }
        }
    }

    /// Scores one block: scale, run the dense layers, then the fused ReLU·w + b
    /// and logistic of the output layer.
    private func scoreBlock(
        _ rows: UnsafePointer<Float>, rows count: Int, into probabilities: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>, blockRows: Int
    ) {
        let features = shape.features
        let stride = bufferWidth + 1
        var buffers = (scratch, scratch + blockRows * stride)

        for row in 0..<count {
            let scaled = buffers.0 + row * (features + 1)
            scaled.update(from: rows + row * features, count: features)
            scaler.transform(scaled, rows: 1)
            scaled[features] = 1
        }

        for layer in layers {
            layer.forward(buffers.0, rows: count, into: buffers.1, useMatrixProduct: count >= Self.matrixProductMinimumRows)
            buffers = (buffers.1, buffers.0)
        }

        let width = shape.expansion
        let bias = outputBias
        outputWeight.withUnsafeBufferPointer { w in
            for row in 0..<count {
                let sum = VectorKernels.reluDot(buffers.0 + row * (width + 1), w.baseAddress!, count: width)
                probabilities[row] = logistic(sum + bias)
            }
        }
    }
}
