/// The function that produces the response to every request the parser accepts.
///
/// It runs on the connection's serial queue, which targets a shared
/// concurrent queue, so handlers for different connections run in parallel
/// and may do CPU-bound work; one connection runs one handler at a time.
/// Set `route` to the matched route's label (for example
/// `/v2/models/{name}/infer`) as soon as it is known: the observer reads it
/// even when the handler throws afterwards. It starts as
/// `HTTPRequestRecord.unmatchedRoute`. Throw `HTTPError` for an error the
/// client should see; any other error becomes a 500 with no detail.
public typealias HTTPHandler = @Sendable (_ request: HTTPRequest, _ route: inout String) throws -> HTTPResponse

/// Called once per response the server sends, including parser rejections,
/// timeouts and 503s for too many connections, on the connection's queue.
/// Keep it fast: it runs before the response is written.
public typealias HTTPRequestObserver = @Sendable (HTTPRequestRecord) -> Void
