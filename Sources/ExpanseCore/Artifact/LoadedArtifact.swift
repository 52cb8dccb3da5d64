/// A model artifact read from disk, with the digest of the file it came from.
public struct LoadedArtifact: Sendable, Equatable {
    public let artifact: ModelArtifact
    /// SHA-256 of the file's bytes, 64 lowercase hex digits.
    public let sha256: String

    public init(artifact: ModelArtifact, sha256: String) {
        self.artifact = artifact
        self.sha256 = sha256
    }
}
