/// The result of `HTTPRequestParser.next()` for the bytes so far.
public enum HTTPParserEvent: Sendable {
    /// The buffered bytes hold no further event; append more and call again.
    case needMoreData
    /// A request head was parsed and validated; its body follows.
    case head(HTTPRequestHead)
    /// The body of the request whose head came last is complete.
    case end(body: [UInt8])
}
