import ExpanseCompression

/// The gzip content coding of request and response bodies, applied by the
/// server around every handler.
enum HTTPContentCoding {
    /// Removes the codings named by `Content-Encoding` from a request body.
    ///
    /// `gzip` and `x-gzip` are inflated, last applied first, each with
    /// output capped at `maxInflatedBytes`. `identity` changes nothing, and
    /// an empty body stays empty whatever supported coding it names. On success the
    /// `Content-Encoding` fields are removed from `headers`,
    /// because the body the handler receives is no longer encoded.
    /// - Throws: `HTTPError` 415 naming an unsupported coding, 413 naming
    ///   `maxInflatedBodyBytes` once the output passes the cap, or 400 for
    ///   invalid or truncated gzip data.
    static func decodeRequestBody(_ body: inout [UInt8], headers: inout HTTPHeaders, maxInflatedBytes: Int) throws(HTTPError) {
        let codings = headers.tokens(of: "Content-Encoding")
        guard !codings.isEmpty else { return }

        for coding in codings where !isGzip(coding) && coding != "identity" {
            throw HTTPError(
                .unsupportedMediaType,
                detail: "The content coding \(coding) is not supported; send gzip or identity.",
                headers: ["Accept-Encoding": "gzip"]
            )
        }
        guard !body.isEmpty else {
            headers.remove(name: "Content-Encoding")
            return
        }

        for coding in codings.reversed() where isGzip(coding) {
            do {
                body = try Gzip.decompress(body, format: .gzip, maxOutputBytes: maxInflatedBytes)
            } catch .outputLimitExceeded(let limit) {
                throw HTTPError(
                    .contentTooLarge,
                    detail: "The gzip request body inflates to more than \(limit) bytes.",
                    setting: "maxInflatedBodyBytes",
                    remedy: "send a body that inflates to fewer bytes"
                )
            } catch {
                throw HTTPError(.badRequest, detail: "The gzip request body is invalid: \(error).")
            }
        }
        headers.remove(name: "Content-Encoding")
    }

    /// Compresses a response body with gzip when the request allows it.
    ///
    /// With `minimumBytes` nil the response is returned unchanged. Otherwise
    /// a response that may carry a body and has no `Content-Encoding` yet
    /// gets `Vary: Accept-Encoding`, compressed or not, so caches keep the
    /// variants apart. Its body is compressed, with `Content-Encoding: gzip`
    /// added, when it has at least `minimumBytes` bytes, `Accept-Encoding`
    /// allows gzip and the result is smaller. A HEAD response whose handler
    /// returned the GET body is compressed the same way, so its headers match
    /// those of GET before the server drops the body.
    static func encodeResponse(_ response: HTTPResponse, requestHeaders: HTTPHeaders, minimumBytes: Int?) -> HTTPResponse {
        guard let minimumBytes else { return response }
        let status = response.status.code
        guard status >= 200, status != 204, status != 304, !response.headers.contains("Content-Encoding") else {
            return response
        }

        var encoded = response
        addVaryAcceptEncoding(to: &encoded.headers)
        guard response.body.count >= minimumBytes, AcceptEncoding(headers: requestHeaders).allowsGzip else {
            return encoded
        }

        // zlib fails here only for lack of memory; the plain body is still correct.
        guard let compressed = try? Gzip.compress(response.body), compressed.count < response.body.count else {
            return encoded
        }
        encoded.body = compressed
        encoded.headers.add(name: "Content-Encoding", value: "gzip")
        return encoded
    }

    private static func isGzip(_ coding: String) -> Bool {
        coding == "gzip" || coding == "x-gzip"
    }

    /// Adds `Accept-Encoding` to `Vary` unless it or `*` is listed already.
    private static func addVaryAcceptEncoding(to headers: inout HTTPHeaders) {
        let listed = headers.tokens(of: "Vary")
        guard !listed.contains("accept-encoding"), !listed.contains("*") else { return }
        headers.add(name: "Vary", value: "Accept-Encoding")
    }
}
