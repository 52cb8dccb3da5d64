import Glibc

/// A bound, listening, non-blocking TCP socket.
final class ListeningSocket: @unchecked Sendable {
    // Safe to share: the descriptor and address never change after init, and
    // `close` is called once by the server's lifecycle code.
    let descriptor: Int32
    /// The address actually bound, with the kernel's port when port 0 was requested.
    let localAddress: SocketAddress

    /// Binds `host:port` with `SO_REUSEADDR` and listens. An IPv6 wildcard
    /// (`::`) also accepts IPv4 connections. Errors name the address and errno.
    init(host: String, port: Int, backlog: Int32) throws(SocketError) {
        let requested = try SocketAddress(host: host, port: port)
        let type = Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        let descriptor = try Syscall.socket(domain: requested.family, type: type)

        do {
            try Syscall.setOption(descriptor, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
            if requested.family == AF_INET6 {
                try Syscall.setOption(descriptor, level: Int32(IPPROTO_IPV6), name: IPV6_V6ONLY, value: 0)
            }
            try requested.withSockaddrPointer { address, length throws(SocketError) in
                try Syscall.bind(descriptor, address: address, length: length)
            }
            try Syscall.listen(descriptor, backlog: backlog)
            localAddress = try Syscall.localAddress(descriptor)
        } catch {
            Syscall.close(descriptor)
            throw SocketError(operation: error.operation, errno: error.errno, address: requested.description)
        }
        self.descriptor = descriptor
    }

    func close() {
        Syscall.close(descriptor)
    }
}
