import Glibc

/// Plain TCP: reads and writes go straight to the socket.
final class TCPTransport: HTTPTransport {
    let fileDescriptor: Int32

    /// Takes ownership of an accepted non-blocking socket and turns on
    /// `TCP_NODELAY`, because responses are written whole and small ones
    /// should not wait for Nagle's algorithm.
    init(acceptedSocket: Int32) {
        fileDescriptor = acceptedSocket
        // A failure here costs latency only, so the connection carries on.
        try? Syscall.setOption(acceptedSocket, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> IOResult<Int> {
        try Syscall.read(fileDescriptor, into: buffer)
    }

    func write(from buffer: UnsafeRawBufferPointer) throws(SocketError) -> IOResult<Int> {
        try Syscall.send(fileDescriptor, from: buffer)
    }

    func shutdownOutput() {
        // The peer may already be gone (ENOTCONN), which needs no handling.
        try? Syscall.shutdownWrite(fileDescriptor)
    }

    func close() {
        Syscall.close(fileDescriptor)
    }
}
