extension HTTPConnection {
    /// Advances the transport's handshake and waits for the readiness it
    /// needs next. A failed handshake closes the connection without a
    /// response, because no protected channel exists to send one on.
    func continueHandshake() {
        let status: TransportHandshakeStatus
        do {
            status = try transport.handshake()
        } catch {
            close(reason: "TLS handshake failed: \(error)")
            return
        }

        switch status {
        case .finished:
            move(to: .awaitingRequest)
            logger.trace("handshake finished")
            arm(after: context.configuration.headerReadTimeout)
            suspendWriting()
            resumeReading()
        case .awaitingReadable:
            suspendWriting()
            resumeReading()
        case .awaitingWritable:
            suspendReading()
            resumeWriting()
        }
    }
}
