import Glibc

/// An incremental HTTP/1.1 request parser (RFC 9112) that needs no socket.
///
/// Append bytes as they arrive and call `next()` until it returns
/// `.needMoreData`. Each request yields `.head` and then `.end(body:)`;
/// bytes after a request stay buffered for the next (pipelining). Anything
/// malformed or ambiguous throws an `HTTPError` (400 unless stated
/// otherwise), after which the parser must not be used again and the
/// connection should be closed. Memory stays bounded by the configured
/// limits: about `maxHeaderBytes` while reading a head and `maxBodyBytes`
/// while reading a body, plus whatever one `append` adds.
public struct HTTPRequestParser: Sendable {
    enum State: Sendable {
        case requestLine
        case headerLines
        case contentBody(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerLines
    }

    /// Maximum length of a chunk-size line, extensions included, in bytes.
    static let maxChunkLineBytes = 4096

    let limits: HTTPServerConfiguration
    var state: State = .requestLine
    var buffer: [UInt8] = []
    /// Index of the first byte in `buffer` not yet consumed.
    var readIndex = 0

    /// Head bytes consumed so far for the current request (or trailer bytes after a chunked body).
    var headBytes = 0
    var fieldCount = 0
    /// The current request's line, with the target in origin form and the
    /// authority of an absolute-form target.
    var requestLine: (method: String, target: String, authority: String?, version: HTTPVersion)?
    /// The method of a complete request line that was rejected; the parser
    /// stops after a rejection, so it is never reset.
    var rejectedMethod: String?
    var fields: [(name: String, value: String)] = []
    var pendingHead: HTTPRequestHead?
    var chunkedBody: [UInt8] = []

    /// Creates a parser that enforces the header, request-line and body limits of `configuration`.
    public init(configuration: HTTPServerConfiguration) {
        limits = configuration
    }

    /// The method of the request being parsed, once its request line is
    /// complete, including a rejected line whose method is a valid token;
    /// nil between requests. Observers use it for rejected requests.
    public var currentMethod: String? {
        requestLine?.method ?? rejectedMethod
    }

    /// The target of the request being parsed, once its request line is
    /// complete; nil between requests.
    public var currentTarget: String? {
        requestLine?.target
    }

    /// The method and path of a request line that is still arriving, read
    /// from the buffered bytes, for labelling a request rejected before its
    /// line ended (414, 431). The path is nil until a `?` or space ends it,
    /// so a cut-off path is never reported. For an `http://` or `https://`
    /// target the path is the part after the authority, `/` when that part
    /// is empty. Nil outside the request line.
    public var partialRequestLine: (method: String, path: String?)? {
        guard case .requestLine = state else { return nil }
        var index = readIndex
        while index < buffer.count, index - readIndex < 32, buffer[index] >= 0x41, buffer[index] <= 0x5A {
            index += 1
        }
        guard index > readIndex, index < buffer.count, buffer[index] == UInt8(ascii: " ") else { return nil }
        let method = String(decoding: buffer[readIndex..<index], as: UTF8.self)

        let pathStart: Int
        switch Self.pathStart(in: buffer[(index + 1)...]) {
        case .targetStart: pathStart = index + 1
        case .afterAuthority(let start): pathStart = start
        case .emptyPath: return (method, "/")
        case .unknown: return (method, nil)
        }
        var pathEnd = pathStart
        while pathEnd < buffer.count, buffer[pathEnd] > 0x20, buffer[pathEnd] < 0x7F, buffer[pathEnd] != UInt8(ascii: "?") {
            pathEnd += 1
        }
        let ended = pathEnd < buffer.count && (buffer[pathEnd] == UInt8(ascii: "?") || buffer[pathEnd] == UInt8(ascii: " "))
        guard ended, pathEnd > pathStart, buffer[pathStart] == UInt8(ascii: "/") else { return (method, nil) }
        return (method, String(decoding: buffer[pathStart..<pathEnd], as: UTF8.self))
    }

    /// The header fields parsed so far for the current request; used to
    /// echo `X-Request-ID` on a rejection.
    public var partialHeaders: HTTPHeaders {
        HTTPHeaders(fields.map { ($0.name, $0.value) })
    }

    /// Whether any byte of a request that has not ended yet has arrived.
    public var hasPartialRequest: Bool {
        if case .requestLine = state, readIndex == buffer.count { return false }
        return true
    }

    /// Whether unconsumed bytes are buffered.
    public var hasBufferedBytes: Bool {
        readIndex < buffer.count
    }

    /// Adds bytes received from the client.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthwhile()
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes received from the client.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        compactIfWorthwhile()
        buffer.append(contentsOf: bytes)
    }

    /// Parses as far as the buffered bytes allow and returns the next event.
    public mutating func next() throws(HTTPError) -> HTTPParserEvent {
        while true {
            switch state {
            case .requestLine, .headerLines:
                guard let line = try nextLine(limit: headLineLimit) else {
                    return .needMoreData
                }
                if let head = try consumeHeadLine(line) {
                    return .head(head)
                }

            case .contentBody(let remaining):
                guard buffer.count - readIndex >= remaining else { return .needMoreData }
                let body = Array(buffer[readIndex..<(readIndex + remaining)])
                readIndex += remaining
                resetForNextRequest()
                return .end(body: body)

            case .chunkSizeLine:
                guard let line = try nextLine(limit: Self.maxChunkLineBytes) else {
                    return .needMoreData
                }
                try consumeChunkSizeLine(line)

            case .chunkData(let remaining):
                let available = min(remaining, buffer.count - readIndex)
                guard available > 0 else { return .needMoreData }
                chunkedBody.append(contentsOf: buffer[readIndex..<(readIndex + available)])
                readIndex += available
                state = available == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - available)

            case .chunkDataEnd:
                guard buffer.count - readIndex >= 2 else { return .needMoreData }
                guard buffer[readIndex] == UInt8(ascii: "\r"), buffer[readIndex + 1] == UInt8(ascii: "\n") else {
                    throw HTTPError(.badRequest, detail: "Chunk data is not followed by CRLF.")
                }
                readIndex += 2
                state = .chunkSizeLine

            case .trailerLines:
                guard let line = try nextLine(limit: headLineLimit) else {
                    return .needMoreData
                }
                if line.isEmpty {
                    let body = chunkedBody
                    resetForNextRequest()
                    return .end(body: body)
                }
                try countField()
                // Trailer fields are validated like header fields, then dropped.
                _ = try parseField(line)
            }
        }
    }

    mutating func resetForNextRequest() {
        state = .requestLine
        headBytes = 0
        fieldCount = 0
        requestLine = nil
        fields = []
        pendingHead = nil
        chunkedBody = []
    }

    /// Drops consumed bytes once they are most of the buffer, so a long
    /// keep-alive connection does not grow its buffer.
    private mutating func compactIfWorthwhile() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex > 4096 && readIndex * 2 > buffer.count {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }

    /// The byte budget left for the current head line.
    private var headLineLimit: Int {
        if case .requestLine = state {
            return min(limits.maxRequestLineBytes, limits.maxHeaderBytes - headBytes)
        }
        return limits.maxHeaderBytes - headBytes
    }

    private var headOverflowError: HTTPError {
        if case .requestLine = state, limits.maxRequestLineBytes <= limits.maxHeaderBytes - headBytes {
            return HTTPError(
                .uriTooLong,
                detail: "The request line is longer than \(limits.maxRequestLineBytes) bytes.",
                setting: "maxRequestLineBytes",
                remedy: "send a shorter request target"
            )
        }
        return HTTPError(
            .requestHeaderFieldsTooLarge,
            detail: "The request head is longer than \(limits.maxHeaderBytes) bytes.",
            setting: "maxHeaderBytes",
            remedy: "send fewer or shorter header fields"
        )
    }

    private var chunkLineTooLong: HTTPError {
        HTTPError(.badRequest, detail: "A chunk-size line is longer than \(Self.maxChunkLineBytes) bytes.")
    }

    /// Returns the next CRLF-terminated line without its CRLF and consumes
    /// it, or nil when no full line is buffered yet. Throws the state's
    /// overflow error when the line (CRLF included) exceeds `limit` bytes,
    /// and 400 for a bare LF.
    private mutating func nextLine(limit: Int) throws(HTTPError) -> ArraySlice<UInt8>? {
        let start = readIndex
        let available = buffer.count - start
        let searched = min(available, max(0, limit))

        let newline: Int? = buffer.withUnsafeBufferPointer { bytes in
            guard searched > 0, let found = memchr(bytes.baseAddress! + start, 0x0A, searched) else { return nil }
            return UnsafeRawPointer(bytes.baseAddress!).distance(to: UnsafeRawPointer(found))
        }

        guard let newline else {
            if available >= limit {
                if case .chunkSizeLine = state { throw chunkLineTooLong }
                throw headOverflowError
            }
            return nil
        }
        guard newline > start, buffer[newline - 1] == UInt8(ascii: "\r") else {
            throw HTTPError(.badRequest, detail: "A line ends in a bare LF; HTTP/1.1 requires CRLF.")
        }

        readIndex = newline + 1
        switch state {
        case .requestLine, .headerLines, .trailerLines: headBytes += newline + 1 - start
        default: break
        }
        return buffer[start..<(newline - 1)]
    }

    mutating func countField() throws(HTTPError) {
        fieldCount += 1
        guard fieldCount <= limits.maxHeaderCount else {
            throw HTTPError(
                .requestHeaderFieldsTooLarge,
                detail: "The request has more than \(limits.maxHeaderCount) header or trailer fields.",
                setting: "maxHeaderCount",
                remedy: "send fewer fields"
            )
        }
    }
}
