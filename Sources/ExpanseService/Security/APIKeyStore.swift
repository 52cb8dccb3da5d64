import ExpanseCore
import Synchronization

/// The bearer tokens the server accepts, kept only as SHA-256 digests.
///
/// A presented token is hashed and compared with every stored digest by a
/// byte loop that does not stop early, so the time taken does not depend on
/// where or whether a stored token matches.
public final class APIKeyStore: Sendable {
    /// A keys file that cannot be used; `message` names the file and the reason.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    private let digests: Mutex<[[UInt8]]>

    /// Creates a store from the tokens themselves, for tests and for `load(path:)`.
    public init(tokens: [String]) {
        digests = Mutex(tokens.map { SHA256.digest(Array($0.utf8)) })
    }

    /// Reads a keys file: one token per line, surrounding whitespace trimmed,
    /// blank lines and lines starting with `#` ignored.
    /// - Throws: `LoadError` when the file cannot be read or contains no token.
    public static func readTokens(path: String) throws(LoadError) -> [String] {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path: path)
        } catch {
            throw LoadError(message: "cannot read API keys file \(path): \(error)")
        }

        let tokens = String(decoding: bytes, as: UTF8.self)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: " \t") }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !tokens.isEmpty else {
            throw LoadError(message: "API keys file \(path) contains no token; add one token per line")
        }
        return tokens
    }

    /// Replaces the accepted tokens.
    public func replace(tokens: [String]) {
        let next = tokens.map { SHA256.digest(Array($0.utf8)) }
        digests.withLock { $0 = next }
    }

    /// Returns whether `authorization`, the `Authorization` header value, is
    /// `Bearer <token>` with an accepted token. The scheme is case-insensitive.
    public func authorizes(_ authorization: String?) -> Bool {
        guard let authorization else { return false }
        let scheme = "bearer "
        guard authorization.utf8.count > scheme.utf8.count,
            authorization.prefix(scheme.count).lowercased() == scheme
        else { return false }

        let token = authorization.dropFirst(scheme.count).trimmingCharacters(in: " \t")
        let presented = SHA256.digest(Array(token.utf8))
        let stored = digests.withLock { $0 }

        var matched: UInt8 = 0
        for digest in stored {
            var difference: UInt8 = 0
            for index in 0..<SHA256.digestByteCount {
                difference |= digest[index] ^ presented[index]
            }
            matched |= difference == 0 ? 1 : 0
        }
        return matched == 1
    }
}

extension StringProtocol {
    /// Returns the text without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
