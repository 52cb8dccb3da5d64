import ExpanseCore

extension Trainer {
    /// Fits an autoencoder of `shape` to `scaledRows`, a row-major `[n, d]`
    /// buffer of scaled features, by minimising the mean squared reconstruction
    /// error with Adam over `config.autoencoderEpochs` epochs of shuffled
    /// mini-batches of `config.batchSize` rows.
    ///
    /// Initialisation and shuffling depend only on `seed` (and, through the
    /// matrix products, on the BLAS thread count).
    /// - Returns: the autoencoder and the mean loss of every epoch.
    public static func fitAutoencoder(
        scaledRows: [Float], shape: NetworkShape, config: TrainingConfig, seed: UInt64,
        attempt: Int = 1, progress: TrainingProgressHandler? = nil
    ) -> (autoencoder: Autoencoder, losses: [Double]) {
        let features = shape.features
        precondition(scaledRows.count % features == 0, "\(scaledRows.count) values do not form rows of \(features) features")
        let rows = scaledRows.count / features

        var generator = SeededGenerator(seed: SeededGenerator.derivedSeed(seed, stream: Stream.initialisation))
        var autoencoder = Autoencoder(shape: shape, generator: &generator)
        var moments = autoencoder.layers.map(LinearMoments.init)
        var workspace = LayerChainWorkspace(layers: autoencoder.layers)
        var adam = Adam(learningRate: config.learningRate)
        var sampler = MiniBatchSampler(
            rows: rows, columns: features, batchSize: config.batchSize,
            seed: SeededGenerator.derivedSeed(seed, stream: Stream.shuffle)
        )
        var batch = Matrix(rows: 0, columns: features)
        var noLabels: [Float] = []
        var losses: [Double] = []

        for epoch in 0..<config.autoencoderEpochs where rows > 0 {
            let started = ContinuousClock.now
            sampler.shuffle()

            var total: Double = 0
            for start in sampler.batchStarts {
                sampler.gather(start: start, from: scaledRows, into: &batch, batchLabels: &noLabels)
                let loss = autoencoder.lossAndGradient(input: batch, workspace: &workspace)
                total += Double(loss) * Double(batch.rows)

                adam.beginStep()
                for index in autoencoder.layers.indices {
                    adam.update(&autoencoder.layers[index], gradient: workspace.gradients[index], moments: &moments[index])
                }
            }

            losses.append(total / Double(rows))
            progress?(TrainingProgress(
                phase: .autoencoder, epoch: epoch + 1, epochs: config.autoencoderEpochs, attempt: attempt,
                meanLoss: total / Double(rows), rowsPerSecond: Double(rows) / seconds(since: started)
            ))
        }
        return (autoencoder, losses)
    }
}
