extension ModelArtifact {
    /// Metadata keys in the order the loader checks them.
    static let metadataKeys = [
        "format", "name", "version", "features", "scaler.min", "scaler.max", "scaler.clip", "encoder",
        "reduction", "expansion", "threshold", "metrics", "config", "data.sha256", "created",
    ]

    /// Encodes the artifact as safetensors bytes.
    ///
    /// The result is decoded again before it is returned, so anything that
    /// `decode(_:)` would reject (a shape that does not match `weights.shape`,
    /// a non-finite value, a scaler list of the wrong length) throws here.
    /// - Throws: `ArtifactError` naming the first problem.
    public func encoded() throws(ArtifactError) -> [UInt8] {
        let bytes = try SafeTensors.encode(contents())
        _ = try Self.decode(bytes)
        return bytes
    }

    /// Writes the artifact to `path` atomically and returns the SHA-256 of the
    /// bytes written, as 64 lowercase hex digits.
    /// - Throws: `ArtifactError` for an invalid artifact or a failed write, in
    ///   which case no file is left behind.
    @discardableResult
    public func write(to path: String) throws(ArtifactError) -> String {
        let bytes = try encoded()
        try AtomicFile.write(bytes, to: path)
        return SHA256.hexDigest(bytes)
    }

    /// Returns the tensors and metadata that store this artifact, without validating them.
    public func contents() throws(ArtifactError) -> SafeTensors.Contents {
        let shape = weights.shape
        let groups = [
            (NetworkWeights.encoderNames, weights.encoder, shape.encoderLayers.count),
            (NetworkWeights.decoderNames, weights.decoder, shape.decoderLayers.count),
            (NetworkWeights.classifierNames, weights.classifier, shape.classifierLayers.count),
        ]

        var tensors: [String: SafeTensors.Tensor] = [:]
        for (names, layers, expectedCount) in groups {
            guard layers.count == expectedCount else {
                throw ArtifactError(
                    .missingTensor, key: names[0],
                    "encoder \(shape.encoder) needs \(expectedCount) layers named \(names.joined(separator: ", ")) but the weights have \(layers.count)")
            }
            for (name, layer) in zip(names, layers) {
                tensors[name + ".weight"] = SafeTensors.Tensor(shape: [layer.outputs, layer.inputs], values: layer.weight)
                tensors[name + ".bias"] = SafeTensors.Tensor(shape: [layer.outputs], values: layer.bias)
            }
        }

        for (key, values) in [("scaler.min", scalerMin), ("scaler.max", scalerMax)] {
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                throw ArtifactError(.nonFiniteValue, key: key, "\(key) value \(values[index]) at index \(index) is not finite")
            }
        }
        guard threshold.isFinite else {
            throw ArtifactError(.invalidMetadata, key: "threshold", "threshold \(threshold) is not finite")
        }

        let metadata: [String: String] = [
            "format": Self.format,
            "name": name,
            "version": version,
            "features": JSONValue.array(features.map { .string($0) }).serialized(),
            "scaler.min": JSONValue.array(scalerMin.map { JSONValue($0) }).serialized(),
            "scaler.max": JSONValue.array(scalerMax.map { JSONValue($0) }).serialized(),
            "scaler.clip": scalerClip ? "true" : "false",
            "encoder": shape.encoder.rawValue,
            "reduction": String(shape.reduction),
            "expansion": String(shape.expansion),
            "threshold": threshold.description,
            "metrics": JSONValue.object(metrics).serialized(),
            "config": JSONValue.object(config).serialized(),
            "data.sha256": dataSHA256,
            "created": created,
        ]
        return SafeTensors.Contents(tensors: tensors, metadata: metadata)
    }
}
