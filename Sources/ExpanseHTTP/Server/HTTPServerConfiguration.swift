/// Every tunable of the server, each with a default.
///
/// A request that hits a limit gets the status named below. Its problem
/// body's `setting` member names the field to raise, or the name that
/// `settingNames` gives that field.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind: `0.0.0.0`, `127.0.0.1`, `::`, `::1` or
    /// `localhost` (which means `127.0.0.1`). `::` accepts IPv4 too.
    public var host: String = "127.0.0.1"
    /// The TCP port; 0 lets the kernel pick one, read it from `HTTPServer.localAddress`.
    public var port: Int = 8080
    /// The `listen` backlog. The kernel caps it at `net.core.somaxconn`.
    public var backlog: Int32 = 1024

    /// Request line plus header fields, in bytes; larger heads get 431.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Maximum request-line length, in bytes; longer lines get 414.
    public var maxRequestLineBytes: Int = 8 * 1024
    /// Most header fields in one request (trailer fields count separately); more get 431.
    public var maxHeaderCount: Int = 100
    /// Largest decoded body, in bytes. A `Content-Length` above it gets 413
    /// before any body is read; a chunked body gets 413 once its running
    /// total passes it.
    public var maxBodyBytes: Int = 16 * 1024 * 1024

    /// Time from a request's first byte (or from accept, for a connection's
    /// first request) until its head is complete; then 408.
    public var headerReadTimeout: Duration = .seconds(10)
    /// Time from the end of the head until the body is complete; then 408.
    public var bodyReadTimeout: Duration = .seconds(30)
    /// Time a keep-alive connection may wait for its next request before the
    /// server closes it without a response.
    public var keepAliveIdleTimeout: Duration = .seconds(60)
    /// After a response that closes the connection, how long the server
    /// keeps reading and discarding input before closing. Without it the
    /// kernel sends a reset for unread input, which can destroy the
    /// response before the client reads it.
    public var lingerTimeout: Duration = .seconds(2)

    /// Most open connections. Each connection beyond it is accepted, sent a
    /// 503 with `Retry-After` without its request being read, and closed.
    public var maxConnections: Int = 1024
    /// The `Retry-After` value, in seconds, on 503 responses for too many connections.
    public var retryAfterSeconds: Int = 1

    /// Threads that run connections, each waiting on its own epoll set.
    /// The default is one per online processor.
    public var eventLoopCount: Int = EventLoop.defaultCount

    /// The certificate and key for HTTPS; nil serves plain HTTP.
    public var tls: TLSConfiguration?

    /// Largest request body after `Content-Encoding: gzip` is removed, in
    /// bytes. Inflating stops as soon as the output passes it, and the
    /// request gets 413.
    public var maxInflatedBodyBytes: Int = 16 * 1024 * 1024
    /// Smallest response body, in bytes, that is gzip-compressed when the
    /// request's `Accept-Encoding` allows gzip; nil never compresses.
    public var gzipMinimumBytes: Int?

    /// Names under which error responses show the limit fields, keyed by
    /// field name (`maxBodyBytes`), such as the command-line flag that sets
    /// each one. A field without an entry is shown under its own name.
    public var settingNames: [String: String] = [:]
    /// Limit fields that operators of the layer above cannot change, such as
    /// `maxHeaderCount`. An error for one of them has no `setting` member,
    /// and its detail states that the limit is fixed.
    public var fixedSettings: Set<String> = []

    public init() {}
}
