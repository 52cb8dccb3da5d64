extension ModelArtifact {
    /// Reads and validates the artifact at `path`, and returns it with the SHA-256 of the file.
    /// - Throws: `ArtifactError` of kind `.unreadableFile`, or as `decode(_:)`.
    public static func load(path: String) throws(ArtifactError) -> LoadedArtifact {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path: path)
        } catch {
            throw ArtifactError(.unreadableFile, "cannot read model artifact: \(error)")
        }

        do {
            let artifact = try decode(bytes)
            return LoadedArtifact(artifact: artifact, sha256: SHA256.hexDigest(bytes))
        } catch {
            throw ArtifactError(error.kind, key: error.key, "invalid model artifact \(path): \(error.message)")
        }
    }

    /// Decodes and validates safetensors bytes as a model artifact.
    /// - Throws: `ArtifactError` naming the first problem: the container, then
    ///   the metadata keys in the order of `metadataKeys`, then each expected
    ///   tensor's presence, shape and values, then any unexpected tensor.
    public static func decode(_ bytes: [UInt8]) throws(ArtifactError) -> ModelArtifact {
        try ModelArtifact(contents: SafeTensors.decode(bytes))
    }

    /// Validates `contents` as a model artifact.
    /// - Throws: as `decode(_:)`.
    public init(contents: SafeTensors.Contents) throws(ArtifactError) {
        let reader = MetadataReader(metadata: contents.metadata)

        let format = try reader.string("format")
        guard format == Self.format else {
            throw ArtifactError(.unknownFormat, key: "format", "artifact format is \(format) but this version reads \(Self.format)")
        }
        for key in Self.metadataKeys where contents.metadata[key] == nil {
            throw ArtifactError(.missingMetadata, key: key, "metadata key \(key) is missing")
        }

        let name = try reader.nonEmptyString("name")
        let version = try reader.nonEmptyString("version")
        let features = try reader.features()
        let scalerMin = try reader.floats("scaler.min", count: features.count)
        let scalerMax = try reader.floats("scaler.max", count: features.count)
        if let index = features.indices.first(where: { scalerMin[$0] > scalerMax[$0] }) {
            throw ArtifactError(
                .invalidMetadata, key: "scaler.min",
                "scaler.min \(scalerMin[index]) is above scaler.max \(scalerMax[index]) for feature \(features[index])")
        }
        let scalerClip = try reader.bool("scaler.clip")
        let shape = try reader.shape(features: features.count)
        let threshold = try reader.threshold()
        let metrics = try reader.object("metrics")
        let config = try reader.object("config")
        let dataSHA256 = try reader.sha256("data.sha256")
        let created = try reader.timestamp("created")

        let weights = try Self.weights(shape: shape, tensors: contents.tensors)

        self.init(
            name: name, version: version, features: features, scalerMin: scalerMin, scalerMax: scalerMax,
            scalerClip: scalerClip, weights: weights, threshold: threshold, metrics: metrics, config: config,
            dataSHA256: dataSHA256, created: created)
    }

    /// Collects the layers `shape` needs from `tensors`, checking each one's
    /// presence, shape and values, and rejecting any tensor left over.
    private static func weights(shape: NetworkShape, tensors: [String: SafeTensors.Tensor]) throws(ArtifactError) -> NetworkWeights {
        var remaining = tensors
        let description = "\(shape.features) features, encoder \(shape.encoder), reduction \(shape.reduction), expansion \(shape.expansion)"

        func layers(_ names: [String], _ sizes: [(outputs: Int, inputs: Int)]) throws(ArtifactError) -> [LayerWeights] {
            var result: [LayerWeights] = []
            for (name, size) in zip(names, sizes) {
                let weight = try take(name + ".weight", shape: [size.outputs, size.inputs])
                let bias = try take(name + ".bias", shape: [size.outputs])
                result.append(LayerWeights(outputs: size.outputs, inputs: size.inputs, weight: weight, bias: bias))
            }
            return result
        }

        func take(_ name: String, shape expected: [Int]) throws(ArtifactError) -> [Float] {
            guard let tensor = remaining.removeValue(forKey: name) else {
                throw ArtifactError(.missingTensor, key: name, "tensor \(name) is missing (expected shape \(expected) for \(description))")
            }
            guard tensor.shape == expected else {
                throw ArtifactError(
                    .shapeMismatch, key: name, "tensor \(name) has shape \(tensor.shape) but \(description) needs \(expected)")
            }
            if let index = tensor.values.firstIndex(where: { !$0.isFinite }) {
                throw ArtifactError(.nonFiniteValue, key: name, "tensor \(name) has the non-finite value \(tensor.values[index]) at index \(index)")
            }
            return tensor.values
        }

        let encoder = try layers(NetworkWeights.encoderNames, shape.encoderLayers)
        let decoder = try layers(NetworkWeights.decoderNames, shape.decoderLayers)
        let classifier = try layers(NetworkWeights.classifierNames, shape.classifierLayers)

        if let unexpected = remaining.keys.sorted().first {
            throw ArtifactError(
                .unexpectedTensor, key: unexpected, "tensor \(unexpected) is not part of an LVE network with \(description)")
        }
        return NetworkWeights(shape: shape, encoder: encoder, decoder: decoder, classifier: classifier)
    }
}
