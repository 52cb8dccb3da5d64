import Glibc

/// Every socket call the server makes, wrapped in one place.
///
/// Each wrapper retries on `EINTR`, reports `EAGAIN`/`EWOULDBLOCK` as
/// `IOResult.wouldBlock`, and throws `SocketError` with `errno` and the
/// operation's name otherwise. `EBADF` and `EFAULT` mean the caller passed a
/// closed descriptor or a bad pointer, which is a bug in this module, so
/// they stop the process.
enum Syscall {
    /// Calls `body` until it returns something other than -1 with `EINTR`.
    @inline(__always)
    private static func retryingOnInterrupt<T: BinaryInteger>(_ name: String, _ body: () -> T) throws(SocketError) -> T? {
        while true {
            let result = body()
            if result >= 0 { return result }

            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return nil
            case EBADF, EFAULT: preconditionFailure("\(name) called with an invalid descriptor or buffer (errno \(code))")
            default: throw SocketError(operation: name, errno: code)
            }
        }
    }

    static func socket(domain: Int32, type: Int32) throws(SocketError) -> Int32 {
        guard let descriptor = try retryingOnInterrupt("socket", { Glibc.socket(domain, type, 0) }) else {
            throw SocketError(operation: "socket", errno: EAGAIN)
        }
        return descriptor
    }

    static func setOption(_ descriptor: Int32, level: Int32, name: Int32, value: Int32) throws(SocketError) {
        var value = value
        let size = socklen_t(MemoryLayout<Int32>.size)
        _ = try retryingOnInterrupt("setsockopt") { Glibc.setsockopt(descriptor, level, name, &value, size) }
    }

    static func bind(_ descriptor: Int32, address: UnsafePointer<sockaddr>, length: socklen_t) throws(SocketError) {
        _ = try retryingOnInterrupt("bind") { Glibc.bind(descriptor, address, length) }
    }

    static func listen(_ descriptor: Int32, backlog: Int32) throws(SocketError) {
        _ = try retryingOnInterrupt("listen") { Glibc.listen(descriptor, backlog) }
    }

    static func localAddress(_ descriptor: Int32) throws(SocketError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer throws(SocketError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SocketError) in
                try retryingOnInterrupt("getsockname") { Glibc.getsockname(descriptor, address, &length) }
            }
        }
        return SocketAddress(storage)
    }

    /// Accepts one connection and makes it non-blocking and close-on-exec.
    /// (`accept4` would do it in one call, but Glibc's Swift overlay does
    /// not export it.)
    static func accept(_ descriptor: Int32) throws(SocketError) -> IOResult<(Int32, SocketAddress)> {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let accepted = try withUnsafeMutablePointer(to: &storage) { pointer throws(SocketError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SocketError) in
                try retryingOnInterrupt("accept") { Glibc.accept(descriptor, address, &length) }
            }
        }
        guard let accepted else { return .wouldBlock }

        do {
            let flags = try retryingOnInterrupt("fcntl(F_GETFL)") { Glibc.fcntl(accepted, F_GETFL) } ?? 0
            _ = try retryingOnInterrupt("fcntl(F_SETFL)") { Glibc.fcntl(accepted, F_SETFL, flags | O_NONBLOCK) }
            _ = try retryingOnInterrupt("fcntl(F_SETFD)") { Glibc.fcntl(accepted, F_SETFD, FD_CLOEXEC) }
        } catch {
            Glibc.close(accepted)
            throw error
        }
        return .processed((accepted, SocketAddress(storage)))
    }

    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> IOResult<Int> {
        guard let count = try retryingOnInterrupt("read", { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }) else {
            return .wouldBlock
        }
        return count == 0 ? .endOfFile : .processed(count)
    }

    /// Sends bytes with `MSG_NOSIGNAL`, so a closed peer yields `EPIPE` instead of `SIGPIPE`.
    static func send(_ descriptor: Int32, from buffer: UnsafeRawBufferPointer) throws(SocketError) -> IOResult<Int> {
        guard let count = try retryingOnInterrupt("send", { Glibc.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) })
        else {
            return .wouldBlock
        }
        return .processed(count)
    }

    static func shutdownWrite(_ descriptor: Int32) throws(SocketError) {
        _ = try retryingOnInterrupt("shutdown") { Glibc.shutdown(descriptor, Int32(SHUT_WR)) }
    }

    /// Closes a descriptor. `close` is not retried on `EINTR`, because Linux
    /// releases the descriptor even then and a retry could close another one.
    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    /// Stops `SIGPIPE` from ending the process, in case any write path lacks `MSG_NOSIGNAL`.
    static func ignoreBrokenPipeSignal() {
        _ = Glibc.signal(SIGPIPE, SIG_IGN)
    }
}
