import Testing

@testable import ExpanseCore

/// `safetensors.numpy.save({"w": [[1, 2], [3, -4.5]], "b": [0.25]}, metadata={"m": "x"})`
/// with float32 arrays, from safetensors 0.8.0 in Python 3.11.7, printed once as hex.
private let pythonFile: [UInt8] = [
    0x88, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7B, 0x22, 0x5F, 0x5F, 0x6D, 0x65, 0x74, 0x61,
    0x64, 0x61, 0x74, 0x61, 0x5F, 0x5F, 0x22, 0x3A, 0x7B, 0x22, 0x6D, 0x22, 0x3A, 0x22, 0x78, 0x22,
    0x7D, 0x2C, 0x22, 0x62, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22,
    0x46, 0x33, 0x32, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x31, 0x5D,
    0x2C, 0x22, 0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A,
    0x5B, 0x30, 0x2C, 0x34, 0x5D, 0x7D, 0x2C, 0x22, 0x77, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79,
    0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x33, 0x32, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65,
    0x22, 0x3A, 0x5B, 0x32, 0x2C, 0x32, 0x5D, 0x2C, 0x22, 0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66,
    0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x34, 0x2C, 0x32, 0x30, 0x5D, 0x7D, 0x7D, 0x20,
    0x00, 0x00, 0x80, 0x3E, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x40, 0x40,
    0x00, 0x00, 0x90, 0xC0,
]

private let pythonContents = SafeTensors.Contents(
    tensors: [
        "w": SafeTensors.Tensor(shape: [2, 2], values: [1, 2, 3, -4.5]),
        "b": SafeTensors.Tensor(shape: [1], values: [0.25]),
    ],
    metadata: ["m": "x"]
)

/// Builds a safetensors file from raw header text and data bytes.
private func container(_ header: String, data: [UInt8] = []) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    var bytes: [UInt8] = []
    withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes += $0 }
    return bytes + headerBytes + data
}

/// Decodes `bytes` and returns the error's kind and key, or nil if decoding succeeded.
private func decodeFailure(_ bytes: [UInt8]) -> (kind: ArtifactError.Kind, key: String?)? {
    do {
        _ = try SafeTensors.decode(bytes)
        return nil
    } catch {
        return (error.kind, error.key)
    }
}

@Test func safeTensorsDecodesPythonOutput() throws {
    let contents = try SafeTensors.decode(pythonFile)

    #expect(contents == pythonContents)
}

@Test func safeTensorsEncodesLikePython() throws {
    let bytes = try SafeTensors.encode(pythonContents)

    #expect(bytes == pythonFile)
}

@Test func safeTensorsRoundTrip() throws {
    let contents = SafeTensors.Contents(
        tensors: [
            "layer.weight": SafeTensors.Tensor(shape: [3, 4], values: (0..<12).map { Float($0) * 0.1 - 0.5 }),
            "layer.bias": SafeTensors.Tensor(shape: [3], values: [.leastNonzeroMagnitude, -0.0, .greatestFiniteMagnitude]),
            "empty": SafeTensors.Tensor(shape: [0, 5], values: []),
            "scalar": SafeTensors.Tensor(shape: [], values: [42]),
        ],
        metadata: ["quote\"and\\slash": "line\nbreak \u{1} é 🚀", "plain": ""]
    )

    let bytes = try SafeTensors.encode(contents)
    let headerLength = bytes.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }

    #expect(headerLength % 8 == 0)
    #expect(try SafeTensors.decode(bytes) == contents)
}

@Test func safeTensorsWithoutMetadata() throws {
    let contents = SafeTensors.Contents(tensors: ["x": SafeTensors.Tensor(shape: [1], values: [1])], metadata: [:])

    let bytes = try SafeTensors.encode(contents)

    #expect(!String(decoding: bytes, as: UTF8.self).contains("__metadata__"))
    #expect(try SafeTensors.decode(bytes) == contents)
}

@Test func safeTensorsRejectsMetadataTensorName() {
    let contents = SafeTensors.Contents(tensors: ["__metadata__": SafeTensors.Tensor(shape: [1], values: [1])], metadata: [:])

    #expect(throws: ArtifactError.self) {
        try SafeTensors.encode(contents)
    }
}

@Test func safeTensorsRejectsShortFile() {
    #expect(decodeFailure([0x08, 0, 0]).map(\.kind) == .invalidContainer)
    #expect(decodeFailure([]).map(\.kind) == .invalidContainer)
}

@Test func safeTensorsRejectsTruncatedFile() {
    for dropped in [1, 4, 20, 30, 160] {
        let truncated = Array(pythonFile.dropLast(dropped))

        #expect(decodeFailure(truncated).map(\.kind) == .invalidContainer, "dropped \(dropped) bytes")
    }
}

@Test func safeTensorsRejectsHugeHeaderLength() {
    var bytes = pythonFile
    bytes.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 0, 0, 0x01])

    #expect(decodeFailure(bytes).map(\.kind) == .invalidContainer)
}

@Test func safeTensorsNamesCSVAsOtherFile() {
    let csv = Array("Time,V1,V2,Class\n0,1,2,0\n".utf8)

    #expect(
        throws: ArtifactError(
            .invalidContainer,
            "not a safetensors file: its first 8 bytes give a header length of 3184421160207870292 bytes, over the limit of 104857600 bytes")
    ) {
        try SafeTensors.decode(csv)
    }
}

@Test func safeTensorsNamesLengthPastEnd() {
    let truncated = Array(pythonFile.prefix(100))

    #expect(
        throws: ArtifactError(
            .invalidContainer,
            "not a safetensors file, or a truncated one: its first 8 bytes give a header length of 136 bytes, but only 92 bytes follow them")
    ) {
        try SafeTensors.decode(truncated)
    }
}

@Test func safeTensorsRejectsInvalidJSON() {
    #expect(decodeFailure(container("{\"a\":")).map(\.kind) == .invalidContainer)
    #expect(decodeFailure(container("[]")).map(\.kind) == .invalidContainer)
    #expect(decodeFailure(container("{\"a\":{},\"a\":{}}")).map(\.kind) == .invalidContainer)
    #expect(decodeFailure(container("{} x")).map(\.kind) == .invalidContainer)
}

@Test func safeTensorsAcceptsEmptyHeader() throws {
    #expect(try SafeTensors.decode(container("{}        ")) == SafeTensors.Contents(tensors: [:], metadata: [:]))
}

@Test func safeTensorsRejectsOtherDtypes() throws {
    let header = #"{"half":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#

    let failure = try #require(decodeFailure(container(header, data: [0, 0, 0, 0])))

    #expect(failure.kind == .unsupportedDtype)
    #expect(failure.key == "half")
}

@Test func safeTensorsDtypeMessageNamesTensor() {
    let header = #"{"ids":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#

    #expect(throws: ArtifactError(.unsupportedDtype, key: "ids", "tensor ids has dtype I64 but only F32 is supported")) {
        try SafeTensors.decode(container(header, data: [UInt8](repeating: 0, count: 8)))
    }
}

@Test func safeTensorsRejectsShapeByteMismatch() throws {
    let header = #"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#

    let failure = try #require(decodeFailure(container(header, data: [UInt8](repeating: 0, count: 8))))

    #expect(failure.kind == .invalidContainer)
    #expect(failure.key == "x")
}

@Test func safeTensorsRejectsBadOffsets() {
    let data = [UInt8](repeating: 0, count: 8)
    let cases = [
        #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
        #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#,
        #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}"#,
        #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0]}}"#,
        #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0.0,8]}}"#,
        #"{"x":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#,
    ]

    for header in cases {
        #expect(decodeFailure(container(header, data: data)).map(\.kind) == .invalidContainer, "\(header)")
    }
}

@Test func safeTensorsRejectsOverlap() {
    let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#

    #expect(decodeFailure(container(header, data: [UInt8](repeating: 0, count: 8))).map(\.key) == "b")
}

@Test func safeTensorsRejectsGap() {
    let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#

    #expect(decodeFailure(container(header, data: [UInt8](repeating: 0, count: 12))).map(\.key) == "b")
}

@Test func safeTensorsRejectsTrailingData() {
    let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#

    #expect(decodeFailure(container(header, data: [UInt8](repeating: 0, count: 5))).map(\.kind) == .invalidContainer)
}

@Test func safeTensorsRejectsNonStringMetadata() throws {
    let failure = try #require(decodeFailure(container(#"{"__metadata__":{"n":1}}"#)))

    #expect(failure.kind == .invalidContainer)
    #expect(failure.key == "n")
}

@Test func safeTensorsRejectsUnknownField() {
    let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":1}}"#

    #expect(decodeFailure(container(header, data: [0, 0, 0, 0])).map(\.key) == "a")
}
