/// A failure to read, validate or write a safetensors file or model artifact.
///
/// `key` names the tensor or metadata key at fault, when there is one, and
/// `message` states what was expected and what was found.
public struct ArtifactError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file cannot be opened or read.
        case unreadableFile
        /// The temporary file cannot be created, written, synced or renamed.
        case writeFailed
        /// The bytes are not a valid safetensors container: header length,
        /// JSON, offsets, or layout.
        case invalidContainer
        /// A tensor has a dtype other than F32.
        case unsupportedDtype
        case missingTensor
        case unexpectedTensor
        /// A tensor's shape differs from the one the metadata implies.
        case shapeMismatch
        case missingMetadata
        /// A metadata value has the wrong type, length or content.
        case invalidMetadata
        /// The `format` metadata value is not one this version reads.
        case unknownFormat
        /// A weight or scaler value is NaN or infinite.
        case nonFiniteValue
    }

    public let kind: Kind
    public let key: String?
    public let message: String

    public init(_ kind: Kind, key: String? = nil, _ message: String) {
        self.kind = kind
        self.key = key
        self.message = message
    }

    public var description: String { message }
}
