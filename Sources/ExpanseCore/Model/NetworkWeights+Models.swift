extension NetworkWeights {
    /// Collects the parameters of a trained network. `autoencoder` must be nil
    /// exactly when `shape.encoder` is `.none`, and the layers must match `shape`.
    public init(shape: NetworkShape, autoencoder: Autoencoder?, classifier: ExpansionClassifier) {
        precondition((autoencoder == nil) == (shape.encoder == .none), "an autoencoder is required unless the encoder kind is none")
        if let autoencoder {
            precondition(autoencoder.shape == shape, "autoencoder shape differs from the network shape")
        }
        precondition(
            classifier.inputs == shape.latent && classifier.expansion == shape.expansion,
            "classifier is [\(classifier.expansion), \(classifier.inputs)], shape needs [\(shape.expansion), \(shape.latent)]"
        )

        self.init(
            shape: shape,
            encoder: autoencoder?.encoder.map(\.layerWeights) ?? [],
            decoder: autoencoder?.decoder.map(\.layerWeights) ?? [],
            classifier: [classifier.hidden.layerWeights, classifier.output.layerWeights]
        )
    }

    /// The autoencoder, or nil for `EncoderKind.none`.
    public func makeAutoencoder() -> Autoencoder? {
        guard shape.encoder != .none else { return nil }
        return Autoencoder(shape: shape, encoder: encoder, decoder: decoder)
    }

    /// The classifier; dropout is not stored, so training resumes with `dropoutProbability`.
    public func makeClassifier(dropoutProbability: Float = 0.5) -> ExpansionClassifier {
        precondition(classifier.count == 2, "a network has two classifier layers, found \(classifier.count)")
        return ExpansionClassifier(hidden: classifier[0], output: classifier[1], dropoutProbability: dropoutProbability)
    }
}
