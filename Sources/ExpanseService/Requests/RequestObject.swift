/// The walk over a request body's top-level JSON object that both request
/// decoders share, with their common mapping of errors.
enum RequestObject {
    /// Calls `member` for each member of the JSON object `body`, with the
    /// scanner just past the member's colon. `member` must consume the value.
    /// - Throws: `RequestDecodingError.malformed` when the body is not valid
    ///   JSON, even when `member` raised a content error first, and
    ///   `invalidContent` when the body is not an object or `member` raised it.
    static func forEachMember(
        in body: UnsafeBufferPointer<UInt8>,
        _ member: (inout JSONScanner, _ key: (range: Range<Int>, hasEscapes: Bool)) throws -> Void
    ) throws(RequestDecodingError) {
        var scanner = JSONScanner(body)
        do {
            guard try scanner.peekKind() == .object else {
                throw RequestDecodingError.invalidContent("the request body must be a JSON object")
            }
            try scanner.consume(UInt8(ascii: "{"))
            var first = true
            while try scanner.nextElement(closing: UInt8(ascii: "}"), first: &first) {
                let key = try scanner.scanString()
                try scanner.consume(UInt8(ascii: ":"))
                try member(&scanner, key)
            }
            try scanner.finish()
        } catch let error as JSONSyntaxError {
            throw .malformed(error)
        } catch let error as RequestDecodingError {
            // A body that is not valid JSON is a 400 even when a content error
            // comes first in it. Only this error path pays for the check.
            if let syntax = JSONScanner.firstSyntaxError(in: body) { throw .malformed(syntax) }
            throw error
        } catch {
            throw .invalidContent(String(describing: error))
        }
    }
}
