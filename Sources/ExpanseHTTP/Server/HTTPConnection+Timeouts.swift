import Dispatch

extension HTTPConnection {
    /// Sets the deadline of the current phase to `duration` from now.
    ///
    /// The timer is rescheduled only when the new deadline is earlier than
    /// the scheduled one. A later deadline is stored, and the timer, when it
    /// fires early, reschedules itself for it. That keeps a keep-alive
    /// connection from rescheduling its timer on every request.
    func arm(after duration: Duration) {
        deadline = DispatchTime.now() + duration.dispatchInterval
        if deadline < timerScheduledAt {
            schedule(at: deadline)
        }
    }

    /// Removes the deadline while the handler runs or a response is written.
    func disarm() {
        deadline = .distantFuture
    }

    private func schedule(at time: DispatchTime) {
        timerScheduledAt = time
        loop.scheduleTimer(for: self, at: time.uptimeNanoseconds)
    }

    func handleTimer() {
        timerScheduledAt = .distantFuture
        guard state != .closed else { return }
        if DispatchTime.now() < deadline {
            if deadline != .distantFuture {
                schedule(at: deadline)
            }
            return
        }
        deadline = .distantFuture

        let configuration = context.configuration
        switch state {
        case .handshaking:
            close(reason: "TLS handshake not complete within handshakeTimeout")
        case .awaitingRequest:
            // A client that sends nothing gets no response, as RFC 9112
            // section 9.5 allows for idle connections.
            close(reason: requestsServed == 0 ? "no request before headerReadTimeout" : "keep-alive idle timeout")
        case .readingHead:
            respondAndClose(
                with: HTTPError(
                    .requestTimeout,
                    detail: "The request head was not complete within \(configuration.headerReadTimeout.seconds) seconds.",
                    setting: "headerReadTimeout",
                    remedy: "send the head faster"
                )
            )
        case .readingBody:
            respondAndClose(
                with: HTTPError(
                    .requestTimeout,
                    detail: "The request body was not complete within \(configuration.bodyReadTimeout.seconds) seconds.",
                    setting: "bodyReadTimeout",
                    remedy: "send the body faster"
                )
            )
        case .lingering:
            close(reason: "linger timeout")
        case .processing, .writingResponse, .closed:
            break
        }
    }
}

extension Duration {
    /// The duration as a Dispatch interval, in nanoseconds, clamped to non-negative.
    var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow else { return .never }
        return .nanoseconds(Int(max(0, nanoseconds.partialValue + attoseconds / 1_000_000_000)))
    }

    /// The duration in seconds, for messages.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
