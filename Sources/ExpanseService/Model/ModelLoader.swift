import ExpanseCore
import Glibc

/// Loads an artifact and checks that it can serve before it goes into service.
///
/// `ModelArtifact.load` validates the container, the metadata, the tensor
/// shapes and that every weight and scaler bound is finite. On top of that
/// the loader scores a probe batch of three rows (the scaler's minimum,
/// maximum and midpoint) and requires finite probabilities in [0, 1].
public enum ModelLoader {
    /// A model that failed to load or failed a check. `message` names the file,
    /// or the built-in model, and the reason.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        /// The artifact's file, or nil for the built-in model.
        public let path: String?
        public let message: String

        public var description: String { message }
    }

    /// Loads the artifact at `path`, or the one compiled into the binary when
    /// `path` is nil, and scores the probe batch with it.
    /// - Parameter name: overrides the artifact's model name when not nil.
    /// - Throws: `LoadError`.
    public static func load(path: String?, name: String?) throws(LoadError) -> ServedModel {
        let subject = path.map { "model \($0)" } ?? "the built-in model"
        let loaded: LoadedArtifact
        do {
            loaded = try loadArtifact(path: path)
        } catch {
            throw LoadError(path: path, message: "cannot load \(subject): \(error.message)")
        }

        let model = ServedModel(loaded: loaded, name: name, path: path, loadedAt: currentTime())
        let probe = probeRows(for: loaded.artifact)
        let probabilities = model.scorer.score(probe)
        for (row, probability) in probabilities.enumerated() where !(probability.isFinite && probability >= 0 && probability <= 1) {
            throw LoadError(path: path, message: "\(subject) failed the probe batch: row \(row) scored \(probability), not a probability in [0, 1]")
        }
        return model
    }

    /// Reads and validates the artifact at `path`, or decodes the built-in one.
    private static func loadArtifact(path: String?) throws(ArtifactError) -> LoadedArtifact {
        if let path {
            return try ModelArtifact.load(path: path)
        }
        // Decoded on each load rather than kept, so the artifact bytes are
        // freed once the weights are built.
        let bytes = EmbeddedResource.defaultModelSafetensors.bytes()
        return LoadedArtifact(artifact: try ModelArtifact.decode(bytes), sha256: SHA256.hexDigest(bytes))
    }

    /// Three rows: the scaler's minimum, its maximum and their midpoint.
    static func probeRows(for artifact: ModelArtifact) -> [Float] {
        let midpoint = zip(artifact.scalerMin, artifact.scalerMax).map { $0 / 2 + $1 / 2 }
        return artifact.scalerMin + artifact.scalerMax + midpoint
    }

    static func currentTime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
