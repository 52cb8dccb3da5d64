import ExpanseCore

extension Trainer {
    /// Fits an LVE classifier to `inputs`, a row-major `[n, width]` buffer (the
    /// frozen encoder's latent, or the scaled features), and `labels` (n values,
    /// 0 or 1), by minimising binary cross-entropy on the logit with Adam over
    /// `config.epochs` epochs of shuffled mini-batches of `config.batchSize` rows,
    /// dropout on.
    ///
    /// Initialisation, shuffling and dropout masks depend only on `seed` (and,
    /// through the matrix products, on the BLAS thread count).
    /// - Returns: the classifier and the mean loss of every epoch.
    public static func fitClassifier(
        inputs: [Float], width: Int, labels: [Float], config: TrainingConfig, seed: UInt64,
        progress: TrainingProgressHandler? = nil
    ) -> (classifier: ExpansionClassifier, losses: [Double]) {
        precondition(width >= 1 && inputs.count % width == 0, "\(inputs.count) values do not form rows of \(width) features")
        let rows = inputs.count / width
        precondition(labels.count == rows, "\(labels.count) labels for \(rows) rows")

        var generator = SeededGenerator(seed: SeededGenerator.derivedSeed(seed, stream: Stream.initialisation))
        var classifier = ExpansionClassifier(
            inputs: width, expansion: config.expansion, dropoutProbability: config.dropout, generator: &generator
        )
        var dropoutGenerator = SeededGenerator(seed: SeededGenerator.derivedSeed(seed, stream: Stream.dropout))
        var hiddenMoments = LinearMoments(for: classifier.hidden)
        var outputMoments = LinearMoments(for: classifier.output)
        var workspace = ExpansionClassifierWorkspace(for: classifier)
        var adam = Adam(learningRate: config.learningRate)
        var sampler = MiniBatchSampler(
            rows: rows, columns: width, batchSize: config.batchSize,
            seed: SeededGenerator.derivedSeed(seed, stream: Stream.shuffle)
        )
        var batch = Matrix(rows: 0, columns: width)
        var batchLabels: [Float] = []
        batchLabels.reserveCapacity(config.batchSize)
        var losses: [Double] = []

        for epoch in 0..<config.epochs where rows > 0 {
            let started = ContinuousClock.now
            sampler.shuffle()

            var total: Double = 0
            for start in sampler.batchStarts {
                sampler.gather(start: start, from: inputs, into: &batch, labels: labels, batchLabels: &batchLabels)
                let loss = classifier.lossAndGradient(
                    input: batch, labels: batchLabels, workspace: &workspace, generator: &dropoutGenerator
                )
                total += Double(loss) * Double(batch.rows)

                adam.beginStep()
                adam.update(&classifier.hidden, gradient: workspace.hiddenGradient, moments: &hiddenMoments)
                adam.update(&classifier.output, gradient: workspace.outputGradient, moments: &outputMoments)
            }

            losses.append(total / Double(rows))
            progress?(TrainingProgress(
                phase: .classifier, epoch: epoch + 1, epochs: config.epochs, attempt: 1,
                meanLoss: total / Double(rows), rowsPerSecond: Double(rows) / seconds(since: started)
            ))
        }
        return (classifier, losses)
    }
}
