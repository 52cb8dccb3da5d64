/// Reading and writing the safetensors container with F32 tensors.
///
/// Layout: an 8-byte little-endian unsigned header length N, then N bytes of
/// UTF-8 JSON, then the tensor bytes. The JSON maps each tensor name to
/// `{"dtype":"F32","shape":[...],"data_offsets":[begin,end]}`, with offsets
/// relative to the first byte after the header, plus an optional
/// `"__metadata__"` object of string values.
public enum SafeTensors {
    /// The largest header accepted when reading, in bytes.
    public static let maxHeaderBytes = 100 * 1024 * 1024

    /// The JSON key of the string-to-string metadata map.
    public static let metadataKey = "__metadata__"

    /// Tensors and metadata read from or written to one file.
    public struct Contents: Sendable, Equatable {
        public var tensors: [String: Tensor]
        public var metadata: [String: String]

        public init(tensors: [String: Tensor], metadata: [String: String]) {
            self.tensors = tensors
            self.metadata = metadata
        }
    }

    /// A row-major F32 tensor.
    public struct Tensor: Sendable, Equatable {
        public let shape: [Int]
        public let values: [Float]

        /// Creates a tensor. The product of `shape` must equal `values.count`.
        public init(shape: [Int], values: [Float]) {
            precondition(shape.allSatisfy { $0 >= 0 }, "tensor dimensions must not be negative")
            precondition(shape.reduce(1, *) == values.count, "tensor shape \(shape) does not match \(values.count) values")
            self.shape = shape
            self.values = values
        }
    }

    /// Encodes `contents`: tensors sorted by name, stored little-endian and
    /// back to back, and the header padded with spaces to a multiple of 8 bytes.
    /// - Throws: `ArtifactError.invalidContainer` if a tensor is named `__metadata__`.
    public static func encode(_ contents: Contents) throws(ArtifactError) -> [UInt8] {
        guard contents.tensors[metadataKey] == nil else {
            throw ArtifactError(.invalidContainer, key: metadataKey, "a tensor may not be named \(metadataKey)")
        }
        let names = contents.tensors.keys.sorted()

        var header = "{"
        if !contents.metadata.isEmpty {
            JSONValue.appendQuoted(metadataKey, to: &header)
            header += ":"
            header += JSONValue.object(contents.metadata.mapValues { .string($0) }).serialized()
        }
        var offset = 0
        for name in names {
            let tensor = contents.tensors[name]!
            let end = offset + tensor.values.count * 4
            if header.count > 1 { header += "," }
            JSONValue.appendQuoted(name, to: &header)
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            header += ":{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}"
            offset = end
        }
        header += "}"

        var headerBytes = Array(header.utf8)
        headerBytes += repeatElement(UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8)

        var output = [UInt8]()
        output.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { output += $0 }
        output += headerBytes
        for name in names {
            for value in contents.tensors[name]!.values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { output += $0 }
            }
        }
        return output
    }
}
