/// A request body that is not well-formed JSON (RFC 8259), with the byte
/// offset where the scanner stopped.
struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    /// Zero-based offset into the body of the first byte that breaks the grammar.
    var offset: Int
    var message: String

    var description: String { "malformed JSON at byte \(offset): \(message)" }
}
