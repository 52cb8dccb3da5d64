import COpenSSL
import Glibc

/// A streaming SHA-256 digest computed by OpenSSL's libcrypto (EVP interface).
///
/// Feed bytes with `update(_:)` in pieces of any size, then call `finalize()`
/// once. The static helpers hash a whole buffer or a file.
public final class SHA256 {
    /// The digest length in bytes.
    public static let digestByteCount = 32

    private let context: OpaquePointer
    private var finalized = false

    /// Creates a digest over no bytes yet.
    public init() {
        // Allocation or initialisation fails only when libcrypto is out of
        // memory or lacks SHA-256. No caller could recover, so both trap.
        guard let context = EVP_MD_CTX_new() else {
            fatalError("EVP_MD_CTX_new failed: out of memory")
        }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("EVP_DigestInit_ex failed for SHA-256")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds `bytes` to the digest. Must not be called after `finalize()`.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finalized, "SHA256.update called after finalize")
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return
        }
        guard EVP_DigestUpdate(context, base, bytes.count) == 1 else {
            fatalError("EVP_DigestUpdate failed")
        }
    }

    /// Adds `bytes` to the digest. Must not be called after `finalize()`.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Ends the digest and returns its 32 bytes. Call it once.
    public func finalize() -> [UInt8] {
        precondition(!finalized, "SHA256.finalize called twice")
        finalized = true
        var digest = [UInt8](repeating: 0, count: Self.digestByteCount)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1, length == Self.digestByteCount else {
            fatalError("EVP_DigestFinal_ex failed")
        }
        return digest
    }

    /// Returns the digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        let hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Returns the digest of `bytes` as 64 lowercase hex digits.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        hex(digest(bytes))
    }

    /// Returns the digest of the file at `path` as 64 lowercase hex digits,
    /// reading it in 1 MiB pieces.
    /// - Throws: `FileReadError` if the file cannot be opened or read.
    public static func hexDigest(ofFileAt path: String) throws(FileReadError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileReadError(path: path, operation: "open", errno: errno)
        }
        defer { close(descriptor) }

        let hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, operation: "read", errno: errno)
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hex(hasher.finalize())
    }

    /// Formats `bytes` as lowercase hex, two digits per byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
