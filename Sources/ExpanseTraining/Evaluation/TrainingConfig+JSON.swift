import ExpanseCore

extension TrainingConfig {
    /// The configuration as a JSON object with snake_case keys, as stored in
    /// reports and in the artifact's `config` metadata.
    public var json: [String: JSONValue] {
        [
            "encoder": .string(encoder.rawValue),
            "expansion": JSONValue(expansion),
            "reduction": JSONValue(reduction),
            "dropout": JSONValue(dropout),
            "ae_epochs": JSONValue(autoencoderEpochs),
            "epochs": JSONValue(epochs),
            "batch_size": JSONValue(batchSize),
            "learning_rate": JSONValue(learningRate),
            "ae_rows": .string(autoencoderRows.rawValue),
            "clip": .bool(clip),
            "seed": .number(String(seed)),
            "latent_scaling": .string(latentScaling.rawValue),
            "collapse_retries": JSONValue(collapseRetries),
        ]
    }
}
