import CZlib
import Testing

@testable import ExpanseCompression

/// Deterministic bytes that compress moderately: a byte pattern mixed with a
/// linear congruential sequence.
private func sampleBytes(count: Int, seed: UInt32 = 1) -> [UInt8] {
    var state = seed
    return (0..<count).map { index in
        state = state &* 1_664_525 &+ 1_013_904_223
        return index % 3 == 0 ? UInt8(truncatingIfNeeded: state >> 24) : UInt8(truncatingIfNeeded: index % 17)
    }
}

/// Compresses with zlib's own `compress2`, which writes a zlib (RFC 1950) stream.
private func zlibCompress(_ input: [UInt8]) -> [UInt8] {
    var length = compressBound(uLong(input.count))
    var output = [UInt8](repeating: 0, count: Int(length))
    let code = compress2(&output, &length, input, uLong(input.count), 6)
    precondition(code == Z_OK)
    return Array(output[0..<Int(length)])
}

/// `gzip.compress(b"Expanse interop: written by Python gzip.\n", mtime=0)`
/// from Python 3.11.7, printed once as hex.
private let pythonGzip: [UInt8] = [
    0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x73, 0xAD, 0x28, 0x48, 0xCC, 0x2B,
    0x4E, 0x55, 0xC8, 0xCC, 0x2B, 0x49, 0x2D, 0xCA, 0x2F, 0xB0, 0x52, 0x28, 0x2F, 0xCA, 0x2C, 0x29,
    0x49, 0xCD, 0x53, 0x48, 0xAA, 0x54, 0x08, 0xA8, 0x2C, 0xC9, 0xC8, 0xCF, 0x53, 0x48, 0xAF, 0xCA,
    0x2C, 0xD0, 0xE3, 0x02, 0x00, 0x0A, 0xC4, 0xD6, 0x4C, 0x29, 0x00, 0x00, 0x00,
]

/// `zlib.compress(b"zlib stream from Python")` from Python 3.11.7.
private let pythonZlib: [UInt8] = [
    0x78, 0x9C, 0xAB, 0xCA, 0xC9, 0x4C, 0x52, 0x28, 0x2E, 0x29, 0x4A, 0x4D, 0xCC, 0x55, 0x48, 0x2B,
    0xCA, 0xCF, 0x55, 0x08, 0xA8, 0x2C, 0xC9, 0xC8, 0xCF, 0x03, 0x00, 0x69, 0xBC, 0x08, 0xD4,
]

@Test(arguments: [0, 1, 6, 9])
func roundTripAtLevel(level: Int32) throws {
    let input = sampleBytes(count: 300_000)

    let compressed = try Gzip.compress(input, level: level)
    let output = try Gzip.decompress(compressed, maxOutputBytes: input.count)

    #expect(Gzip.hasMagic(compressed))
    #expect(output == input)
}

@Test func compressionShrinksRepetitiveData() throws {
    let input = [UInt8](repeating: 7, count: 100_000)

    let compressed = try Gzip.compress(input, level: 9)

    #expect(compressed.count < 1_000)
}

@Test func emptyInputRoundTrip() throws {
    let compressed = try Gzip.compress([])

    #expect(compressed.count == 20)
    #expect(try Gzip.decompress(compressed, maxOutputBytes: 0) == [])
}

@Test func emptyCompressedInputIsTruncated() {
    #expect(throws: CompressionError.truncatedInput) {
        try Gzip.decompress([], maxOutputBytes: 100)
    }
}

@Test func corruptInputThrows() throws {
    var compressed = try Gzip.compress(sampleBytes(count: 10_000))
    for index in 10..<40 {
        compressed[index] ^= 0xA5
    }

    #expect {
        try Gzip.decompress(compressed, maxOutputBytes: 1_000_000)
    } throws: { error in
        guard case .corruptInput = error as? CompressionError else { return false }
        return true
    }
}

@Test func corruptChecksumThrows() throws {
    var compressed = try Gzip.compress(sampleBytes(count: 1_000))
    compressed[compressed.count - 6] ^= 0x01

    #expect(throws: CompressionError.corruptInput(reason: "incorrect data check")) {
        try Gzip.decompress(compressed, maxOutputBytes: 1_000_000)
    }
}

@Test func notCompressedDataThrows() {
    let text = Array("Time,V1,Class\n0,1,0\n".utf8)

    #expect(throws: CompressionError.self) {
        try Gzip.decompress(text, maxOutputBytes: 1_000)
    }
}

@Test(arguments: [1, 10, 100, 1_000])
func truncatedInputThrows(dropped: Int) throws {
    let compressed = try Gzip.compress(sampleBytes(count: 20_000))
    let truncated = Array(compressed.dropLast(dropped))

    #expect(throws: CompressionError.truncatedInput) {
        try Gzip.decompress(truncated, maxOutputBytes: 1_000_000)
    }
}

@Test func bombStopsAtCap() throws {
    let bomb = try Gzip.compress([UInt8](repeating: 0, count: 100_000_000), level: 9)
    let cap = 1_000_000
    let inflater = try Inflater(format: .gzip, maxOutputBytes: cap)
    var fed = 0
    var caught: CompressionError?

    var returned = 0
    while fed < bomb.count && caught == nil {
        let chunk = Array(bomb[fed..<min(fed + 4_096, bomb.count)])
        fed += chunk.count
        do {
            returned += try inflater.inflate(chunk).count
        } catch {
            caught = error
        }
    }

    #expect(caught == .outputLimitExceeded(limit: cap))
    #expect(returned <= cap)
    #expect(inflater.totalOutputBytes <= cap + 1)
    // 1 MB of zeros needs about 1 kB of input, so the error must come long before the end.
    #expect(fed < bomb.count / 10)
}

@Test func outputExactlyAtCapPasses() throws {
    let input = sampleBytes(count: 5_000)
    let compressed = try Gzip.compress(input)

    #expect(try Gzip.decompress(compressed, maxOutputBytes: 5_000) == input)
    #expect(throws: CompressionError.outputLimitExceeded(limit: 4_999)) {
        try Gzip.decompress(compressed, maxOutputBytes: 4_999)
    }
}

@Test func failedInflaterStaysFailed() throws {
    let compressed = try Gzip.compress(sampleBytes(count: 5_000))
    let inflater = try Inflater(maxOutputBytes: 10)

    #expect(throws: CompressionError.outputLimitExceeded(limit: 10)) {
        _ = try inflater.inflate(compressed)
    }
    #expect(throws: CompressionError.outputLimitExceeded(limit: 10)) {
        try inflater.finish()
    }
}

@Test func concatenatedMembersInflateFully() throws {
    let first = sampleBytes(count: 70_000, seed: 3)
    let second = sampleBytes(count: 50_000, seed: 4)
    let joined = try Gzip.compress(first) + Gzip.compress(second, level: 1)

    #expect(try Gzip.decompress(joined, format: .gzip, maxOutputBytes: 200_000) == first + second)
    #expect(try Gzip.decompress(joined, format: .auto, maxOutputBytes: 200_000) == first + second)
}

@Test func capCountsEveryMember() throws {
    let member = try Gzip.compress(sampleBytes(count: 600))
    let joined = member + member

    #expect(throws: CompressionError.outputLimitExceeded(limit: 1_000)) {
        try Gzip.decompress(joined, maxOutputBytes: 1_000)
    }
}

@Test func truncatedSecondMemberThrows() throws {
    let member = try Gzip.compress(sampleBytes(count: 600))
    let joined = member + member.prefix(member.count - 4)

    #expect(throws: CompressionError.truncatedInput) {
        try Gzip.decompress(joined, maxOutputBytes: 10_000)
    }
}

@Test(arguments: [1, 7, 4_096])
func chunkedInputMatchesOneShot(chunkSize: Int) throws {
    let input = sampleBytes(count: 40_000, seed: 9)
    let compressed = try Gzip.compress(input) + Gzip.compress(input)
    let inflater = try Inflater(maxOutputBytes: 80_000)
    var output: [UInt8] = []

    for start in stride(from: 0, to: compressed.count, by: chunkSize) {
        output += try inflater.inflate(Array(compressed[start..<min(start + chunkSize, compressed.count)]))
    }
    try inflater.finish()

    #expect(output == input + input)
}

@Test func pythonGzipOutputInflates() throws {
    let output = try Gzip.decompress(pythonGzip, format: .gzip, maxOutputBytes: 1_000)

    #expect(String(decoding: output, as: UTF8.self) == "Expanse interop: written by Python gzip.\n")
}

@Test func zlibStreamsInflate() throws {
    let input = sampleBytes(count: 10_000)

    let fromZlib = try Gzip.decompress(zlibCompress(input), format: .zlib, maxOutputBytes: 10_000)
    let fromPython = try Gzip.decompress(pythonZlib, format: .auto, maxOutputBytes: 1_000)

    #expect(fromZlib == input)
    #expect(String(decoding: fromPython, as: UTF8.self) == "zlib stream from Python")
}

@Test func zlibRejectsTrailingData() {
    #expect(throws: CompressionError.corruptInput(reason: "unexpected data after the end of the zlib stream")) {
        try Gzip.decompress(pythonZlib + [0], format: .zlib, maxOutputBytes: 1_000)
    }
}

@Test func gzipFormatRejectsZlibStream() {
    #expect(throws: CompressionError.self) {
        try Gzip.decompress(pythonZlib, format: .gzip, maxOutputBytes: 1_000)
    }
}

@Test func unlimitedCapInflates() throws {
    let input = sampleBytes(count: 100_000)

    let output = try Gzip.decompress(Gzip.compress(input), maxOutputBytes: .max)

    #expect(output == input)
}
