/// Serializes a response head and body into bytes for the wire.
enum HTTPResponseEncoder {
    /// Header fields the server sets itself; a handler's values for these are dropped.
    static let serverOwnedFields = ["Content-Length", "Connection", "Date", "X-Request-ID", "Transfer-Encoding"]

    /// Returns whether a response with `status` to a `method` request carries a body.
    static func hasBody(status: Int, method: String) -> Bool {
        method != "HEAD" && status >= 200 && status != 204 && status != 304
    }

    /// Appends the status line, the handler's headers, the server's
    /// `Content-Length`, `Date`, `X-Request-ID` and `Connection` fields and,
    /// when `hasBody(status:method:)`, the body.
    ///
    /// Handler fields whose name or value contains CR, LF or NUL are dropped,
    /// because writing them would split the response.
    /// - Returns: the number of body bytes appended.
    static func encode(
        _ response: HTTPResponse,
        method: String,
        requestID: String,
        keepAlive: Bool,
        clientVersion: HTTPVersion,
        date: [UInt8],
        into output: inout [UInt8]
    ) -> Int {
        let status = response.status.code
        let sendsBody = hasBody(status: status, method: method)
        output.reserveCapacity(output.count + 256 + (sendsBody ? response.body.count : 0))

        output.append(contentsOf: "HTTP/1.1 \(status) \(response.status.reasonPhrase)\r\n".utf8)
        for field in response.headers where isWritable(field) {
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: "\r\n".utf8)
        }

        // RFC 9110 section 8.6: no Content-Length on 1xx and 204; on HEAD and
        // 304 it states the length a GET would have returned.
        if status >= 200 && status != 204 {
            output.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        output.append(contentsOf: "Date: ".utf8)
        output.append(contentsOf: date)
        output.append(contentsOf: "\r\nX-Request-ID: ".utf8)
        output.append(contentsOf: requestID.utf8)
        if !keepAlive {
            output.append(contentsOf: "\r\nConnection: close\r\n\r\n".utf8)
        } else if clientVersion == .http1_0 {
            output.append(contentsOf: "\r\nConnection: keep-alive\r\n\r\n".utf8)
        } else {
            output.append(contentsOf: "\r\n\r\n".utf8)
        }

        guard sendsBody else { return 0 }
        output.append(contentsOf: response.body)
        return response.body.count
    }

    private static func isWritable(_ field: (name: String, value: String)) -> Bool {
        if serverOwnedFields.contains(where: { HTTPHeaders.namesEqual($0, field.name) }) { return false }
        let forbidden: (UInt8) -> Bool = { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
        return !field.name.utf8.isEmpty && !field.name.utf8.contains(where: forbidden) && !field.value.utf8.contains(where: forbidden)
    }
}
