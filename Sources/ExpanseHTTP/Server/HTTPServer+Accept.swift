import Dispatch
import Glibc

extension HTTPServer {
    /// Most connections accepted per readiness event, so the accept loop
    /// also gets to run the drain's steps queued behind it.
    static let acceptBatchSize = 64

    /// Accepts waiting connections, on the accept loop. An error here is
    /// logged and ends this batch; it never stops the listener.
    func acceptPendingConnections() {
        guard let socket = listener.withLock({ $0 }) else { return }

        for _ in 0..<Self.acceptBatchSize {
            let accepted: (descriptor: Int32, address: SocketAddress)
            do {
                guard case .processed(let result) = try Syscall.accept(socket.descriptor) else { return }
                accepted = result
            } catch {
                handleAcceptError(error)
                if error.errno == ECONNABORTED || error.errno == EPROTO { continue }
                return
            }

            let remoteAddress = accepted.address.description
            if context.openConnections.load(ordering: .relaxed) >= context.configuration.maxConnections {
                rejectOverCapacity(descriptor: accepted.descriptor, remoteAddress: remoteAddress)
                continue
            }

            let transport: any HTTPTransport
            do {
                transport = try makeTransport(acceptedSocket: accepted.descriptor)
            } catch {
                context.logger.warning(
                    "failed to set up TLS for a connection",
                    metadata: ["client.address": .string(remoteAddress), "error": .string(error.description)]
                )
                Syscall.close(accepted.descriptor)
                continue
            }

            let connection = HTTPConnection(
                id: context.makeConnectionID(),
                transport: transport,
                remoteAddress: remoteAddress,
                context: context
            )
            context.register(connection)
            connection.start()
        }
    }

    private func handleAcceptError(_ error: SocketError) {
        switch error.errno {
        case ECONNABORTED, EPROTO:
            // The client gave up before accept; nothing to do.
            context.logger.debug("accept found an aborted connection", metadata: ["error": .string(error.description)])
        case EMFILE, ENFILE, ENOBUFS, ENOMEM:
            // The listener stays readable, so without a pause the loop would
            // spin. Wait 100 ms for descriptors to free up, and warn at most
            // every 10 s with the number of failures.
            guard let acceptor = acceptor.withLock({ $0 }) else { return }
            if let failures = acceptor.recordShortage() {
                context.logger.warning(
                    "accept failed for lack of resources; pausing accepts for 100 ms after each failure",
                    metadata: [
                        "error": .string(error.description),
                        "accept.failures": .int(failures),
                        "hint": .string(
                            "raise the open-file limit (ulimit -n) or lower \(context.configuration.settingNames["maxConnections"] ?? "maxConnections")"
                        ),
                    ]
                )
            }
            acceptor.pause(nanoseconds: 100_000_000)
        default:
            context.logger.error("accept failed", metadata: ["error": .string(error.description)])
        }
    }

    /// Sends 503 with `Retry-After` to a connection beyond
    /// `maxConnections`, without reading its request, and closes it. With
    /// TLS it closes the connection without a response.
    ///
    /// NOTE: input that arrives after the close makes the kernel send a
    /// reset, which can discard the 503 before the client reads it. Input
    /// already received is drained first, which covers the usual case of a
    /// client that waits for the response.
    private func rejectOverCapacity(descriptor: Int32, remoteAddress: String) {
        let configuration = context.configuration
        if configuration.tls != nil {
            // A TLS client cannot read a plaintext 503, and a handshake per
            // rejected connection would spend the CPU the limit protects.
            // NOTE: the observer gets no record for these closes, nor for TLS
            // handshakes that fail or time out, so /metrics does not count them.
            Syscall.close(descriptor)
            context.logger.debug(
                "TLS connection closed: too many open connections",
                metadata: ["client.address": .string(remoteAddress), "http.max_connections": .int(configuration.maxConnections)]
            )
            return
        }
        let error = HTTPError(
            .serviceUnavailable,
            detail: "The server already has \(configuration.maxConnections) open connections.",
            setting: "maxConnections",
            remedy: "retry after the Retry-After delay",
            headers: ["Retry-After": String(configuration.retryAfterSeconds)]
        )
        let requestID = RequestID.generate()
        var dateCache = HTTPDateCache()
        var bytes: [UInt8] = []
        let bodyBytes = HTTPResponseEncoder.encode(
            context.response(for: error, path: nil),
            method: "",
            requestID: requestID,
            keepAlive: false,
            clientVersion: .http1_1,
            date: dateCache.current(),
            into: &bytes
        )

        // A fresh socket's send buffer takes the whole small response, so
        // one non-blocking send suffices; a failure only loses this response.
        _ = try? bytes.withUnsafeBytes { buffer throws(SocketError) in try Syscall.send(descriptor, from: buffer) }
        try? Syscall.shutdownWrite(descriptor)
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        _ = try? scratch.withUnsafeMutableBytes { buffer throws(SocketError) in try Syscall.read(descriptor, into: buffer) }
        Syscall.close(descriptor)

        context.logger.debug(
            "connection rejected: too many open connections",
            metadata: ["client.address": .string(remoteAddress), "http.max_connections": .int(configuration.maxConnections)]
        )
        context.report(
            HTTPRequestRecord(
                method: "",
                route: HTTPRequestRecord.unmatchedRoute,
                status: error.status.code,
                durationSeconds: 0,
                responseBodyBytes: bodyBytes,
                requestID: requestID,
                remoteAddress: remoteAddress,
                errorDetail: error.detail
            )
        )
    }
}
