import ExpanseCore
import Foundation

/// Small artifacts built in a temporary directory, so the tests never
/// depend on the embedded model.
enum TestModel {
    static let features = ["Time", "V1", "V2", "V14", "Amount"]

    /// Returns a random network with E = 32 and the given seed, without an encoder:
    /// with five features the encoder's middle layer is two units wide, and
    /// random weights often leave both dead, which makes every score equal.
    static func artifact(seed: UInt64, name: String = "fraud-test", version: String = "1", threshold: Double = 0.5, features: [String] = features) -> ModelArtifact {
        let shape = NetworkShape(features: features.count, encoder: .none, expansion: 32)
        var generator = SeededGenerator(seed: seed)
        let classifier = ExpansionClassifier(inputs: shape.latent, expansion: 32, generator: &generator)
        return ModelArtifact(
            name: name, version: version, features: features,
            scalerMin: features.map { _ in -3 }, scalerMax: features.map { _ in 3 }, scalerClip: false,
            weights: NetworkWeights(shape: shape, autoencoder: nil, classifier: classifier),
            threshold: threshold, metrics: ["auroc": 0.9], config: ["expansion": 32],
            dataSHA256: String(repeating: "a", count: 64), created: "2026-01-01T00:00:00Z"
        )
    }

    /// Returns the scorer of `artifact`, built the way the service builds it.
    static func scorer(_ artifact: ModelArtifact) -> Scorer {
        Scorer(weights: artifact.weights, scaler: MinMaxScaler(min: artifact.scalerMin, max: artifact.scalerMax, clip: artifact.scalerClip))
    }

    /// Rows of values from -3 to 3, row-major.
    static func rows(_ count: Int, seed: UInt64, features: Int = features.count) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<(count * features)).map { _ in generator.nextFloat(symmetricBound: 3) }
    }

    /// Creates a fresh temporary directory and returns its path.
    static func temporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/expanse-service-XXXXXX").utf8CString)
        guard let path = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        return String(cString: path)
    }

    /// Returns the JSON text of one transaction.
    static func transaction(_ values: ArraySlice<Float>, id: String?, names: [String] = features) -> String {
        var members = zip(names, values).map { "\"\($0.0)\":\($0.1)" }
        if let id { members.insert("\"id\":\"\(id)\"", at: 0) }
        return "{" + members.joined(separator: ",") + "}"
    }
}
