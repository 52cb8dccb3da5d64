import Glibc
import Testing

@testable import ExpanseCore

// Expected digests are the FIPS 180-2 test vectors for SHA-256.

@Test func sha256OfEmptyInput() {
    #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
}

@Test func sha256OfABC() {
    #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
}

@Test func sha256OfTwoBlockMessage() {
    let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)

    #expect(SHA256.hexDigest(message) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
}

@Test func sha256StreamsInPieces() {
    let hasher = SHA256()
    let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000)

    for _ in 0..<1_000 {
        hasher.update(piece)
    }
    hasher.update([])

    #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

@Test func sha256OfFileMatchesBytes() throws {
    let path = "/tmp/expanse-sha256-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).bin"
    let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 7) }
    let file = try #require(fopen(path, "wb"))
    #expect(fwrite(bytes, 1, bytes.count, file) == bytes.count)
    fclose(file)
    defer { unlink(path) }

    let fromFile = try SHA256.hexDigest(ofFileAt: path)

    #expect(fromFile == SHA256.hexDigest(bytes))
    #expect(fromFile.count == 64)
}

@Test func sha256OfMissingFileThrows() {
    #expect(throws: FileReadError(path: "/nonexistent/expanse.bin", operation: "open", errno: ENOENT)) {
        try SHA256.hexDigest(ofFileAt: "/nonexistent/expanse.bin")
    }
}

@Test func hexUsesLowercaseDigits() {
    #expect(SHA256.hex([0x00, 0x0F, 0xA0, 0xFF]) == "000fa0ff")
}
