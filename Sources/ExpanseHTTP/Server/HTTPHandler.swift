/// The function that produces the response to every request the parser accepts.
///
/// It runs on the thread of the connection's event loop. Handlers on
/// different loops run in parallel, and one connection runs one handler at
/// a time. While a handler runs, the other connections of its loop wait, so
/// a handler may do CPU-bound work but must not block on slow I/O.
///
/// Set `route` to the matched route's label (for example
/// `/v2/models/{name}/infer`) as soon as it is known: the observer reads it
/// even when the handler throws afterwards. It starts as
/// `HTTPRequestRecord.unmatchedRoute`. Throw `HTTPError` for an error the
/// client should see; any other error becomes a 500 with no detail.
public typealias HTTPHandler = @Sendable (_ request: HTTPRequest, _ route: inout String) throws -> HTTPResponse

/// Called once per response the server sends, including parser rejections,
/// timeouts and 503s for too many connections, on the connection's event loop
/// (on the accept queue for the 503s).
/// Keep it fast: it runs before the response is written.
public typealias HTTPRequestObserver = @Sendable (HTTPRequestRecord) -> Void

/// Renders an error the server sends for a request whose path is known:
/// a parser rejection after the request line, a timeout, a request body
/// the server cannot decode, or an `HTTPError` the handler threw.
///
/// It receives the error after `HTTPServerConfiguration.settingNames` has
/// been applied, and the request's path without its query. Returning nil
/// sends the `application/problem+json` response. The server adds the
/// error's extra headers (`Allow`, `Retry-After`, …) that the returned
/// response lacks. It runs on the connection's event loop.
public typealias HTTPErrorRenderer = @Sendable (_ error: HTTPError, _ path: String) -> HTTPResponse?

/// Returns the route label of a request from its path (without the query),
/// without running the handler. The server uses it for every observer record
/// of a request whose request line was parsed, so that errors the server
/// raises before the handler runs (413, 415, 408, a 400 for invalid gzip)
/// are counted under the route. The handler's own `route` value takes
/// precedence for responses it produces.
public typealias HTTPRouteLabeler = @Sendable (_ path: String) -> String
