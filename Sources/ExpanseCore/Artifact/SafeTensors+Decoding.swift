extension SafeTensors {
    /// Decodes a safetensors file, validating all of it.
    ///
    /// The header length must fit in the file and be at most `maxHeaderBytes`.
    /// The header must be a JSON object of valid UTF-8. Every tensor must be F32
    /// with `shape` product × 4 equal to its byte length. Tensors must cover the
    /// data section exactly, with no gap, overlap or trailing bytes. Metadata
    /// values must be strings.
    /// - Throws: `ArtifactError` of kind `.invalidContainer`, or `.unsupportedDtype`
    ///   naming the tensor and its dtype.
    public static func decode(_ bytes: [UInt8]) throws(ArtifactError) -> Contents {
        let (header, dataStart) = try readHeader(bytes)
        let dataCount = bytes.count - dataStart

        var metadata: [String: String] = [:]
        var spans: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, entry) in header.sorted(by: { $0.key < $1.key }) {
            if name == metadataKey {
                metadata = try decodeMetadata(entry)
            } else {
                let (shape, begin, end) = try decodeEntry(name: name, entry: entry, dataCount: dataCount)
                spans.append((name, shape, begin, end))
            }
        }

        spans.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var expectedBegin = 0
        for span in spans {
            guard span.begin == expectedBegin else {
                let problem = span.begin < expectedBegin ? "overlaps the tensor before it" : "leaves a gap before it"
                throw ArtifactError(
                    .invalidContainer, key: span.name,
                    "tensor \(span.name) starts at byte \(span.begin) of the data but the previous tensor ends at \(expectedBegin), so it \(problem)")
            }
            expectedBegin = span.end
        }
        guard expectedBegin == dataCount else {
            throw ArtifactError(
                .invalidContainer,
                "the tensors cover \(expectedBegin) bytes but the data section after the header is \(dataCount) bytes")
        }

        var tensors: [String: Tensor] = [:]
        for span in spans {
            let values = bytes.withUnsafeBytes { raw in
                (0..<(span.end - span.begin) / 4).map { index in
                    let bits = raw.loadUnaligned(fromByteOffset: dataStart + span.begin + index * 4, as: UInt32.self)
                    return Float(bitPattern: UInt32(littleEndian: bits))
                }
            }
            tensors[span.name] = Tensor(shape: span.shape, values: values)
        }
        return Contents(tensors: tensors, metadata: metadata)
    }

    /// Returns the parsed header object and the offset of the first data byte.
    private static func readHeader(_ bytes: [UInt8]) throws(ArtifactError) -> ([String: JSONValue], Int) {
        guard bytes.count >= 8 else {
            throw ArtifactError(.invalidContainer, "not a safetensors file: the file is \(bytes.count) bytes, shorter than the 8-byte header length")
        }
        let length = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        // Read as a length, the first 8 bytes of another kind of file, such as
        // a CSV, usually give a number far over the limit or past the end.
        guard length <= UInt64(maxHeaderBytes) else {
            throw ArtifactError(
                .invalidContainer,
                "not a safetensors file: its first 8 bytes give a header length of \(length) bytes, over the limit of \(maxHeaderBytes) bytes")
        }
        guard 8 + Int(length) <= bytes.count else {
            throw ArtifactError(
                .invalidContainer,
                "not a safetensors file, or a truncated one: its first 8 bytes give a header length of \(length) bytes, but only \(bytes.count - 8) bytes follow them")
        }

        let headerBytes = Array(bytes[8..<(8 + Int(length))])
        let header: JSONValue
        do {
            header = try JSONParser.parse(headerBytes)
        } catch {
            throw ArtifactError(.invalidContainer, "the header is not valid JSON: \(error.reason) at byte \(error.offset)")
        }
        guard let object = header.objectValue else {
            throw ArtifactError(.invalidContainer, "the header must be a JSON object")
        }
        return (object, 8 + Int(length))
    }

    private static func decodeMetadata(_ entry: JSONValue) throws(ArtifactError) -> [String: String] {
        guard let object = entry.objectValue else {
            throw ArtifactError(.invalidContainer, key: metadataKey, "\(metadataKey) must be a JSON object of strings")
        }
        var metadata: [String: String] = [:]
        for (key, value) in object {
            guard let text = value.stringValue else {
                throw ArtifactError(
                    .invalidContainer, key: key, "metadata value \(key) must be a string but is \(value.serialized())")
            }
            metadata[key] = text
        }
        return metadata
    }

    /// Validates one tensor's header entry and returns its shape and byte span.
    private static func decodeEntry(
        name: String,
        entry: JSONValue,
        dataCount: Int
    ) throws(ArtifactError) -> (shape: [Int], begin: Int, end: Int) {
        guard let fields = entry.objectValue else {
            throw ArtifactError(.invalidContainer, key: name, "tensor \(name) must be a JSON object")
        }
        let allowed: Set<String> = ["dtype", "shape", "data_offsets"]
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ArtifactError(.invalidContainer, key: name, "tensor \(name) has an unknown field \(unknown)")
        }

        guard let dtype = fields["dtype"]?.stringValue else {
            throw ArtifactError(.invalidContainer, key: name, "tensor \(name) has no string dtype")
        }
        guard dtype == "F32" else {
            throw ArtifactError(.unsupportedDtype, key: name, "tensor \(name) has dtype \(dtype) but only F32 is supported")
        }

        guard let shapeValues = fields["shape"]?.arrayValue else {
            throw ArtifactError(.invalidContainer, key: name, "tensor \(name) has no shape list")
        }
        var shape: [Int] = []
        var elementCount = 1
        for dimensionValue in shapeValues {
            guard let dimension = dimensionValue.intValue, dimension >= 0 else {
                throw ArtifactError(
                    .invalidContainer, key: name, "tensor \(name) has an invalid dimension \(dimensionValue.serialized())")
            }
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw ArtifactError(.invalidContainer, key: name, "tensor \(name) has a shape \(shape + [dimension]) too large to store")
            }
            shape.append(dimension)
            elementCount = product
        }

        guard let offsets = fields["data_offsets"]?.arrayValue, offsets.count == 2,
            let begin = offsets[0].intValue, let end = offsets[1].intValue
        else {
            throw ArtifactError(.invalidContainer, key: name, "tensor \(name) needs data_offsets as two integers [begin, end]")
        }
        guard 0 <= begin, begin <= end, end <= dataCount else {
            throw ArtifactError(
                .invalidContainer, key: name,
                "tensor \(name) has data_offsets [\(begin), \(end)] outside the \(dataCount)-byte data section")
        }
        let (byteCount, overflow) = elementCount.multipliedReportingOverflow(by: 4)
        guard !overflow, byteCount == end - begin else {
            throw ArtifactError(
                .invalidContainer, key: name,
                "tensor \(name) has shape \(shape), which needs \(elementCount) × 4 bytes, but its data_offsets span \(end - begin) bytes")
        }
        return (shape, begin, end)
    }
}
