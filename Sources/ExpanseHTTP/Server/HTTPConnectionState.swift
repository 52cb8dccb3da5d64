/// The position of one connection in its request-response cycle.
enum HTTPConnectionState: Equatable, CustomStringConvertible {
    /// The transport's handshake (TLS) is in progress; no request byte can be read yet.
    case handshaking
    /// Between requests, with no byte of the next one received.
    case awaitingRequest
    /// Part of a request head has arrived.
    case readingHead
    /// The head is complete and the body is being read.
    case readingBody
    /// The handler is running; reading is paused.
    case processing
    /// The response is being written; reading is paused.
    case writingResponse
    /// The final response is written and output is shut down; input is read
    /// and discarded until the peer closes or `lingerTimeout` passes.
    case lingering
    case closed

    var description: String {
        switch self {
        case .handshaking: "handshaking"
        case .awaitingRequest: "awaiting request"
        case .readingHead: "reading head"
        case .readingBody: "reading body"
        case .processing: "processing"
        case .writingResponse: "writing response"
        case .lingering: "lingering"
        case .closed: "closed"
        }
    }

    /// Whether the parser may consume input in this state.
    var isReadingRequest: Bool {
        self == .awaitingRequest || self == .readingHead || self == .readingBody
    }

    /// Returns whether moving to `next` is a legal step of the cycle.
    func canMove(to next: HTTPConnectionState) -> Bool {
        switch (self, next) {
        case (.closed, _): false
        case (_, .closed): true
        case (.handshaking, .awaitingRequest): true
        case (.handshaking, _): false
        case (_, .lingering): true
        case (.awaitingRequest, .readingHead), (.awaitingRequest, .readingBody): true
        case (.readingHead, .readingBody): true
        case (.awaitingRequest, .writingResponse), (.readingHead, .writingResponse), (.readingBody, .writingResponse): true
        case (.readingBody, .processing): true
        case (.processing, .writingResponse): true
        case (.writingResponse, .awaitingRequest): true
        default: false
        }
    }
}
