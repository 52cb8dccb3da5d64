import ExpanseCore

/// Visits the rows of a row-major buffer in mini-batches, in a fresh shuffled
/// order every epoch, copying each batch into reused buffers.
struct MiniBatchSampler {
    let rows: Int
    let columns: Int
    let batchSize: Int
    private var order: [Int]
    private var generator: SeededGenerator

    init(rows: Int, columns: Int, batchSize: Int, seed: UInt64) {
        self.rows = rows
        self.columns = columns
        self.batchSize = batchSize
        order = Array(0..<rows)
        generator = SeededGenerator(seed: seed)
    }

    /// Draws a new order for the next epoch.
    mutating func shuffle() {
        generator.shuffle(&order)
    }

    /// The batch starts of one epoch; the last batch may be partial.
    var batchStarts: StrideTo<Int> { stride(from: 0, to: rows, by: batchSize) }

    /// Copies the batch starting at `start` of the current order into `batch`
    /// (resized to the batch's row count) and, if given, its labels into `batchLabels`.
    func gather(start: Int, from values: [Float], into batch: inout Matrix, labels: [Float]? = nil, batchLabels: inout [Float]) {
        let count = min(batchSize, rows - start)
        let width = columns
        batch.resize(rows: count)

        values.withUnsafeBufferPointer { source in
            batch.values.withUnsafeMutableBufferPointer { target in
                for i in 0..<count {
                    let row = order[start + i]
                    (target.baseAddress! + i * width).update(from: source.baseAddress! + row * width, count: width)
                }
            }
        }

        batchLabels.removeAll(keepingCapacity: true)
        if let labels {
            for i in 0..<count {
                batchLabels.append(labels[order[start + i]])
            }
        }
    }
}
