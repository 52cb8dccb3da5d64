import Foundation
import Glibc

/// A blocking HTTP/1.1 client for end-to-end tests: one connection per
/// request, `Connection: close`, every read bounded by a timeout so a
/// server bug fails the test instead of hanging it.
struct TestHTTPClient {
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body parsed as a JSON object, or nil when it is not one.
        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        }
    }

    struct ClientError: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int

    func get(_ path: String, headers: [String: String] = [:]) throws -> Response {
        try send(method: "GET", path: path, headers: headers, body: nil)
    }

    func post(_ path: String, json body: String, headers: [String: String] = [:]) throws -> Response {
        var all = headers
        if all["Content-Type"] == nil { all["Content-Type"] = "application/json" }
        return try send(method: "POST", path: path, headers: all, body: Array(body.utf8))
    }

    func send(method: String, path: String, headers: [String: String], body: [UInt8]?) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return try exchange(Array(head.utf8) + (body ?? []))
    }

    /// Sends `bytes` as they are and reads the response until the server closes.
    func exchange(_ bytes: [UInt8]) throws -> Response {
        let descriptor = try connectLoopback()
        defer { close(descriptor) }

        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }

        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else { throw ClientError(description: "recv failed or timed out: errno \(errno)") }
            received.append(contentsOf: chunk[0..<count])
        }
        return try Self.parse(received)
    }

    private func connectLoopback() throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError(description: "socket failed: errno \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw ClientError(description: "connect to port \(port) failed: errno \(code)")
        }
        return descriptor
    }

    static func parse(_ bytes: [UInt8]) throws -> Response {
        guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else {
            throw ClientError(description: "no complete response head in \(bytes.count) bytes")
        }
        var lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError(description: "invalid status line")
        }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Response(status: status, headers: headers, body: Array(bytes[end.upperBound...]))
    }
}
