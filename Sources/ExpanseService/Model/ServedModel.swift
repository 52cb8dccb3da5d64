import ExpanseCore

/// The model in service: an immutable value that a request reads once at its
/// start and uses to the end, so a reload cannot change it mid-request.
public struct ServedModel: Sendable {
    public let artifact: ModelArtifact
    /// SHA-256 of the artifact file, 64 lowercase hex digits.
    public let sha256: String
    /// The name clients use in `/v2/models/{name}`: the artifact's name
    /// unless `--model-name` overrides it.
    public let name: String
    /// The file the model was read from, or nil for the built-in model.
    public let path: String?
    /// Unix time, in seconds, when the model was loaded.
    public let loadedAt: Double
    public let scorer: Scorer
    let features: FeatureNames
    /// The start of every `/v1/score` response body, which depends only on
    /// the model: `{"model":{...},"threshold":T,"results":[`.
    let scoreResponsePrefix: [UInt8]

    public init(loaded: LoadedArtifact, name: String?, path: String?, loadedAt: Double) {
        artifact = loaded.artifact
        sha256 = loaded.sha256
        self.name = name ?? loaded.artifact.name
        self.path = path
        self.loadedAt = loadedAt
        scorer = Scorer(
            weights: loaded.artifact.weights,
            scaler: MinMaxScaler(min: loaded.artifact.scalerMin, max: loaded.artifact.scalerMax, clip: loaded.artifact.scalerClip)
        )
        features = FeatureNames(loaded.artifact.features)

        var writer = JSONWriter()
        writer.raw(#"{"model":{"name":"#)
        writer.string(self.name)
        writer.raw(#","version":"#)
        writer.string(loaded.artifact.version)
        writer.raw(#","sha256":"#)
        writer.string(loaded.sha256)
        writer.raw(#"},"threshold":"#)
        writer.number(loaded.artifact.threshold)
        writer.raw(#","results":["#)
        scoreResponsePrefix = writer.bytes
    }

    public var version: String { artifact.version }
    public var threshold: Double { artifact.threshold }
}
