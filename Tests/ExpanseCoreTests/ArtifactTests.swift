import Glibc
import Testing

@testable import ExpanseCore

/// Fills every layer of `shape` with distinct deterministic values.
private func makeWeights(_ shape: NetworkShape, seed: Float = 0) -> NetworkWeights {
    var counter = seed
    func layer(_ size: (outputs: Int, inputs: Int)) -> LayerWeights {
        let weight = (0..<(size.outputs * size.inputs)).map { _ in
            counter += 1
            return sin(counter) * 0.5
        }
        let bias = (0..<size.outputs).map { _ in
            counter += 1
            return cos(counter) * 0.1
        }
        return LayerWeights(outputs: size.outputs, inputs: size.inputs, weight: weight, bias: bias)
    }
    return NetworkWeights(
        shape: shape,
        encoder: shape.encoderLayers.map(layer),
        decoder: shape.decoderLayers.map(layer),
        classifier: shape.classifierLayers.map(layer)
    )
}

private func makeArtifact(encoder: EncoderKind = .expanded, features: Int = 6, expansion: Int = 16) -> ModelArtifact {
    let shape = NetworkShape(features: features, encoder: encoder, reduction: 2, expansion: expansion)
    return ModelArtifact(
        name: "lve-test",
        version: "1.2.3",
        features: (0..<features).map { "V\($0 + 1)" },
        scalerMin: (0..<features).map { -Float($0) * 0.1 - 1e-7 },
        scalerMax: (0..<features).map { Float($0) * 1.5 + 0.1 },
        scalerClip: true,
        weights: makeWeights(shape),
        threshold: 0.35,
        metrics: ["auroc": ["mean": 0.97, "std": 0.01], "folds": 5],
        config: ["epochs": 10, "learning_rate": 0.001, "encoder": .string(encoder.rawValue), "seed": 42],
        dataSHA256: String(repeating: "ab", count: 32),
        created: ModelArtifact.timestamp(secondsSince1970: 1_780_000_000)
    )
}

/// Creates an empty directory under /tmp and returns its path.
private func makeTemporaryDirectory() throws -> String {
    var template = Array("/tmp/expanse-artifact-XXXXXX".utf8CString)
    let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    let pointer = try #require(created)
    return String(cString: pointer)
}

private func directoryEntries(_ path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != "." && name != ".." {
            names.append(name)
        }
    }
    return names.sorted()
}

private func removeDirectory(_ path: String) {
    for name in directoryEntries(path) {
        let child = "\(path)/\(name)"
        if rmdir(child) != 0 {
            unlink(child)
        }
    }
    rmdir(path)
}

/// Decodes contents as an artifact and returns the error's kind and key, or nil on success.
private func validationFailure(_ contents: SafeTensors.Contents) -> (kind: ArtifactError.Kind, key: String?)? {
    do {
        _ = try ModelArtifact(contents: contents)
        return nil
    } catch {
        return (error.kind, error.key)
    }
}

@Test(arguments: EncoderKind.allCases)
func artifactRoundTrip(encoder: EncoderKind) throws {
    let artifact = makeArtifact(encoder: encoder)

    let decoded = try ModelArtifact.decode(artifact.encoded())

    #expect(decoded == artifact)
    #expect(decoded.scalerMin.map(\.bitPattern) == artifact.scalerMin.map(\.bitPattern))
}

@Test func artifactWriteAndLoad() throws {
    let directory = try makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    let path = "\(directory)/model.safetensors"
    let artifact = makeArtifact()

    let writtenDigest = try artifact.write(to: path)
    let loaded = try ModelArtifact.load(path: path)

    #expect(loaded.artifact == artifact)
    #expect(loaded.sha256 == writtenDigest)
    #expect(loaded.sha256 == (try SHA256.hexDigest(ofFileAt: path)))
    #expect(directoryEntries(directory) == ["model.safetensors"])
}

@Test func artifactOverwritesExistingFile() throws {
    let directory = try makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    let path = "\(directory)/model.safetensors"

    try makeArtifact(features: 4).write(to: path)
    try makeArtifact(features: 7).write(to: path)

    #expect(try ModelArtifact.load(path: path).artifact.features.count == 7)
    #expect(directoryEntries(directory) == ["model.safetensors"])
}

@Test func artifactTensorNames() throws {
    let expanded = try makeArtifact(encoder: .expanded).contents()
    let none = try makeArtifact(encoder: .none).contents()

    #expect(expanded.tensors.keys.sorted() == [
        "classifier.0.bias", "classifier.0.weight", "classifier.3.bias", "classifier.3.weight",
        "decoder.0.bias", "decoder.0.weight", "decoder.2.bias", "decoder.2.weight", "decoder.4.bias", "decoder.4.weight",
        "encoder.0.bias", "encoder.0.weight", "encoder.2.bias", "encoder.2.weight", "encoder.4.bias", "encoder.4.weight",
    ])
    #expect(none.tensors.keys.sorted() == ["classifier.0.bias", "classifier.0.weight", "classifier.3.bias", "classifier.3.weight"])
    #expect(expanded.tensors["classifier.0.weight"]?.shape == [16, 6])
    #expect(expanded.tensors["encoder.2.weight"]?.shape == [3, 6])
}

@Test func artifactMetadataValues() throws {
    let metadata = try makeArtifact(encoder: .basic).contents().metadata

    #expect(metadata["format"] == "expanse-lve/1")
    #expect(metadata["features"] == #"["V1","V2","V3","V4","V5","V6"]"#)
    #expect(metadata["scaler.clip"] == "true")
    #expect(metadata["encoder"] == "basic")
    #expect(metadata["reduction"] == "2")
    #expect(metadata["expansion"] == "16")
    #expect(metadata["threshold"] == "0.35")
    #expect(metadata["metrics"] == #"{"auroc":{"mean":0.97,"std":0.01},"folds":5}"#)
    #expect(metadata["created"] == "2026-05-28T20:26:40Z")
    #expect(Set(metadata.keys) == Set(ModelArtifact.metadataKeys))
}

@Test func timestampFormatsUTC() {
    #expect(ModelArtifact.timestamp(secondsSince1970: 0) == "1970-01-01T00:00:00Z")
    #expect(ModelArtifact.timestamp(secondsSince1970: 951_782_399) == "2000-02-28T23:59:59Z")
    #expect(ModelArtifact.now().count == 20)
}

@Test func artifactRejectsMissingMetadata() throws {
    let contents = try makeArtifact().contents()

    for key in ModelArtifact.metadataKeys {
        var broken = contents
        broken.metadata[key] = nil

        let failure = validationFailure(broken)

        #expect(failure?.kind == .missingMetadata, "\(key)")
        #expect(failure?.key == key)
    }
}

@Test func artifactRejectsUnknownFormat() throws {
    var contents = try makeArtifact().contents()
    contents.metadata["format"] = "expanse-lve/2"

    #expect(throws: ArtifactError(.unknownFormat, key: "format", "artifact format is expanse-lve/2 but this version reads expanse-lve/1")) {
        try ModelArtifact(contents: contents)
    }
}

@Test(arguments: [
    ("features", "[]"), ("features", #"["a","a","b","c","d","e"]"#), ("features", "V1,V2"),
    ("features", #"["V1",2,"V3","V4","V5","V6"]"#),
    ("scaler.min", "[0,1]"), ("scaler.max", #"["0","1","2","3","4","5"]"#),
    ("scaler.min", "[9,9,9,9,9,9]"),
    ("scaler.clip", "yes"), ("encoder", "deep"), ("reduction", "0"), ("expansion", "many"),
    ("threshold", "1.5"), ("threshold", "nan"), ("metrics", "[1]"), ("config", "{"),
    ("data.sha256", "XYZ"), ("data.sha256", String(repeating: "AB", count: 32)),
    ("created", "yesterday"), ("created", "2026-05-28 20:26:40"), ("name", ""),
])
func artifactRejectsInvalidMetadata(key: String, value: String) throws {
    var contents = try makeArtifact().contents()
    contents.metadata[key] = value

    let failure = validationFailure(contents)

    #expect(failure?.kind == .invalidMetadata)
    #expect(failure?.key == key)
}

@Test func artifactRejectsNonFiniteScaler() throws {
    var contents = try makeArtifact().contents()
    contents.metadata["scaler.max"] = "[1,1,1,1,1,1e39]"

    #expect(validationFailure(contents)?.kind == .nonFiniteValue)
}

@Test func artifactRejectsMissingTensor() throws {
    var contents = try makeArtifact().contents()
    contents.tensors["decoder.2.bias"] = nil

    let failure = validationFailure(contents)

    #expect(failure?.kind == .missingTensor)
    #expect(failure?.key == "decoder.2.bias")
}

@Test func artifactRejectsExtraTensor() throws {
    var contents = try makeArtifact().contents()
    contents.tensors["classifier.6.weight"] = SafeTensors.Tensor(shape: [1, 1], values: [0])

    let failure = validationFailure(contents)

    #expect(failure?.kind == .unexpectedTensor)
    #expect(failure?.key == "classifier.6.weight")
}

@Test func artifactRejectsDecoderWithoutEncoder() throws {
    var contents = try makeArtifact(encoder: .none).contents()
    let decoder = try makeArtifact(encoder: .expanded).contents().tensors.filter { $0.key.hasPrefix("decoder.") }
    contents.tensors.merge(decoder) { current, _ in current }

    #expect(validationFailure(contents)?.kind == .unexpectedTensor)
}

@Test func artifactRejectsWrongShape() throws {
    var contents = try makeArtifact().contents()
    contents.tensors["classifier.0.weight"] = SafeTensors.Tensor(shape: [6, 16], values: [Float](repeating: 0, count: 96))

    #expect(throws: ArtifactError(
        .shapeMismatch, key: "classifier.0.weight",
        "tensor classifier.0.weight has shape [6, 16] but 6 features, encoder expanded, reduction 2, expansion 16 needs [16, 6]"
    )) {
        try ModelArtifact(contents: contents)
    }
}

@Test func artifactShapeFollowsMetadata() throws {
    var contents = try makeArtifact().contents()
    contents.metadata["expansion"] = "32"

    let failure = validationFailure(contents)

    #expect(failure?.kind == .shapeMismatch)
    #expect(failure?.key == "classifier.0.weight")
}

@Test func artifactRejectsWrongDtype() throws {
    let bytes = try makeArtifact().encoded()
    let target = Array(#""encoder.4.weight":{"dtype":"F32""#.utf8)
    let start = try #require((0...(bytes.count - target.count)).first { bytes[$0..<($0 + target.count)].elementsEqual(target) })
    var broken = bytes
    // Same length, so every offset stays valid: only the dtype changes.
    broken[start + target.count - 4] = UInt8(ascii: "I")

    #expect {
        try ModelArtifact.decode(broken)
    } throws: { error in
        let artifactError = error as? ArtifactError
        return artifactError?.kind == .unsupportedDtype && artifactError?.key == "encoder.4.weight"
    }
}

@Test func artifactRejectsNonFiniteWeight() throws {
    var artifact = makeArtifact()
    artifact.weights.classifier[1].bias[0] = .nan

    #expect {
        try artifact.encoded()
    } throws: { error in
        (error as? ArtifactError)?.kind == .nonFiniteValue && (error as? ArtifactError)?.key == "classifier.3.bias"
    }
}

@Test func artifactRejectsMismatchedLayerCount() {
    var artifact = makeArtifact()
    artifact.weights.decoder.removeLast()

    #expect(throws: ArtifactError.self) {
        try artifact.encoded()
    }
}

@Test func artifactRejectsTruncatedFile() throws {
    let bytes = try makeArtifact().encoded()

    for kept in [0, 7, 8, 100, bytes.count - 4, bytes.count - 1] {
        #expect(throws: ArtifactError.self, "kept \(kept) bytes") {
            try ModelArtifact.decode(Array(bytes.prefix(kept)))
        }
    }
}

@Test func artifactLoadOfMissingFile() {
    #expect {
        try ModelArtifact.load(path: "/nonexistent/model.safetensors")
    } throws: { error in
        (error as? ArtifactError)?.kind == .unreadableFile
    }
}

@Test func atomicWriteOntoDirectoryLeavesNoTemporaryFile() throws {
    let directory = try makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    let target = "\(directory)/model.safetensors"
    #expect(mkdir(target, 0o755) == 0)
    #expect(mkdir("\(target)/child", 0o755) == 0)
    defer { rmdir("\(target)/child") }

    #expect {
        try makeArtifact().write(to: target)
    } throws: { error in
        (error as? ArtifactError)?.kind == .writeFailed
    }
    #expect(directoryEntries(directory) == ["model.safetensors"])
}

@Test func atomicWriteIntoMissingDirectoryFails() {
    #expect {
        try AtomicFile.write([1, 2, 3], to: "/nonexistent-expanse-dir/model.safetensors")
    } throws: { error in
        (error as? ArtifactError)?.kind == .writeFailed
    }
}

@Test func atomicWriteRejectsDirectoryPath() {
    #expect(throws: ArtifactError.self) {
        try AtomicFile.write([1], to: "/tmp/")
    }
}

@Test func jsonValueRoundTrip() throws {
    let value: JSONValue = ["a": [1, 2.5, "x\u{0}y", nil, true], "b": ["nested": -1e-7]]

    let parsed = try JSONParser.parse(Array(value.serialized().utf8))

    #expect(parsed == value)
    #expect(value.serialized() == #"{"a":[1,2.5,"x\u0000y",null,true],"b":{"nested":-1e-07}}"#)
}

@Test func jsonParserRejectsBadText() {
    let cases = ["", "01", "1.", "-", "[1,]", "{\"a\" 1}", "\"\\x\"", "\"\\ud800\"", "tru", "[" + String(repeating: "[", count: 70) + "]"]

    for text in cases {
        #expect(throws: JSONParser.ParseError.self, "\(text)") {
            try JSONParser.parse(Array(text.utf8))
        }
    }
}

@Test func jsonParserDecodesEscapes() throws {
    let parsed = try JSONParser.parse(Array(#""a\"\\\/\n\u00e9\ud83d\ude80""#.utf8))

    #expect(parsed == .string("a\"\\/\né🚀"))
}
