/// The facts the observer receives about one response.
public struct HTTPRequestRecord: Sendable {
    /// The route label of responses that neither the server's route labeler
    /// nor the handler labelled. These are rejections before the request
    /// line was parsed and over-capacity 503s. Without a route labeler they
    /// also include every server error and handler responses that never set
    /// the label.
    public static let unmatchedRoute = "unmatched"

    /// The request's method, or an empty string when the request line was never parsed.
    public var method: String
    /// The handler's route label, else the route labeler's, else `unmatchedRoute`.
    public var route: String
    public var status: Int
    /// Seconds from the request's first byte to the response being ready to write.
    public var durationSeconds: Double
    /// Body bytes in the response; 0 for `HEAD` and for statuses without a body.
    public var responseBodyBytes: Int
    public var requestID: String
    public var remoteAddress: String
    /// Why an error response was sent: its `HTTPResponse.errorDetail`.
    public var errorDetail: String?

    public init(
        method: String,
        route: String,
        status: Int,
        durationSeconds: Double,
        responseBodyBytes: Int,
        requestID: String,
        remoteAddress: String,
        errorDetail: String? = nil
    ) {
        self.method = method
        self.route = route
        self.status = status
        self.durationSeconds = durationSeconds
        self.responseBodyBytes = responseBodyBytes
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.errorDetail = errorDetail
    }
}
