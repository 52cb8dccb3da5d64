import COpenSSL
import Foundation
import Glibc

/// A blocking TCP client for end-to-end tests. Every read times out after
/// `timeoutSeconds`, so a server bug fails the test instead of hanging it.
/// After `startTLS` every send and read goes through OpenSSL.
final class TestClient {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    /// The OpenSSL connection once `startTLS` has succeeded.
    private(set) var ssl: OpaquePointer?

    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var bodyText: String { String(decoding: body, as: UTF8.self) }

        /// The body parsed as a JSON object, or nil when it is not one.
        var jsonObject: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        }
    }

    struct ClientError: Error, CustomStringConvertible {
        let description: String
    }

    init(port: Int, host: String = "127.0.0.1", timeoutSeconds: Int = 5) throws {
        let isIPv6 = host.contains(":")
        descriptor = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError(description: "socket failed: errno \(errno)") }

        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        let result: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw ClientError(description: "connect failed: errno \(code)")
        }
    }

    deinit {
        if let ssl { SSL_free(ssl) }
        Glibc.close(descriptor)
    }

    /// Runs a TLS handshake as a client of `context` over this connection.
    /// - Throws: `ClientError` with OpenSSL's error queue when it fails.
    func startTLS(_ context: TLSClientContext) throws {
        ERR_clear_error()
        guard let ssl = SSL_new(context.context) else {
            throw ClientError(description: "SSL_new failed: \(openSSLErrors())")
        }
        SSL_set_fd(ssl, descriptor)
        _ = copenssl_set_tlsext_host_name(ssl, "localhost")
        guard SSL_connect(ssl) == 1 else {
            let reason = openSSLErrors()
            SSL_free(ssl)
            throw ClientError(description: "TLS handshake failed: \(reason)")
        }
        self.ssl = ssl
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { chunk -> Int in
                if let ssl { return Int(SSL_write(ssl, chunk.baseAddress, Int32(chunk.count))) }
                return Glibc.send(descriptor, chunk.baseAddress, chunk.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw ClientError(description: "send failed: errno \(errno) \(openSSLErrors())") }
            offset += sent
        }
    }

    /// Reads more bytes into the buffer; returns false on end of file.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { space -> Int in
            if let ssl { return Int(SSL_read(ssl, space.baseAddress, Int32(space.count))) }
            return recv(descriptor, space.baseAddress, space.count, 0)
        }
        if count == 0 { return false }
        if count < 0, let ssl, SSL_get_error(ssl, Int32(count)) == SSL_ERROR_ZERO_RETURN { return false }
        guard count > 0 else { throw ClientError(description: "recv failed or timed out: errno \(errno) \(openSSLErrors())") }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Reads one response. `expectBody` false is for responses to HEAD.
    func readResponse(expectBody: Bool = true) throws -> Response {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            if let range = buffer.firstRange(of: terminator) {
                headEnd = range.lowerBound
                break
            }
            guard try fill() else { throw ClientError(description: "connection closed before a response head") }
        }

        let headText = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError(description: "invalid status line in \(headText)")
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }

        var response = Response(status: status, headers: headers, body: [])
        guard expectBody, status >= 200, let length = response.header("Content-Length").flatMap(Int.init) else {
            return response
        }
        while buffer.count < length {
            guard try fill() else { throw ClientError(description: "connection closed inside a body") }
        }
        response.body = Array(buffer[0..<length])
        buffer.removeFirst(length)
        return response
    }

    /// Reads until the server closes the connection; returns the bytes that
    /// came before the close, or throws when the read times out.
    func readUntilClosed() throws -> [UInt8] {
        while try fill() {}
        defer { buffer.removeAll() }
        return buffer
    }

    /// Returns whether the server has closed the connection, waiting up to the read timeout.
    func isClosedByServer() -> Bool {
        (try? readUntilClosed()) != nil
    }
}
