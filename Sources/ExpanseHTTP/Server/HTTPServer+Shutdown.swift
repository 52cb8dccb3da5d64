import Dispatch

extension HTTPServer {
    /// Starts a graceful shutdown and returns at once.
    ///
    /// `isDraining` turns true immediately, so a readiness check can fail
    /// while load balancers stop sending traffic. From then on every
    /// response carries `Connection: close` and its connection closes after
    /// it, but new connections are still accepted and served during
    /// `drainDelay`. After the delay the listener closes (new connections
    /// are refused) and idle keep-alive connections close. The server stops
    /// when the last connection is gone or `drainTimeout` after the delay
    /// has passed, whichever is first. On timeout the server stops at once
    /// and closes the remaining connections as soon as their event loops are
    /// free: a running handler is not interrupted, but its response is
    /// dropped. `onStopped` runs once the server is
    /// `stopped`, on an arbitrary thread. Calling this again only adds the
    /// callback.
    public func beginShutdown(
        drainDelay: Duration = .zero,
        drainTimeout: Duration = .seconds(30),
        onStopped: (@Sendable () -> Void)? = nil
    ) {
        let previous = lifecycle.withLock { state -> HTTPServerState in
            let previous = state
            if state == .running { state = .draining }
            if state == .starting { state = .stopped }
            return previous
        }

        if let onStopped {
            let alreadyStopped = stoppedCallbacks.withLock { callbacks -> Bool in
                callbacks.append(onStopped)
                return previous == .stopped
            }
            if alreadyStopped { runStoppedCallbacks() }
        }

        switch previous {
        case .starting:
            context.draining.store(true, ordering: .relaxed)
            finishStopping()
        case .running:
            context.draining.store(true, ordering: .relaxed)
            context.logger.info(
                "server draining",
                metadata: ["drain.delay_seconds": .double(drainDelay.seconds), "drain.timeout_seconds": .double(drainTimeout.seconds)]
            )
            drainQueue.asyncAfter(deadline: .now() + drainDelay.dispatchInterval) { [self] in
                guard let acceptor = acceptor.withLock({ $0 }) else { return }
                acceptor.loop.execute { [self] in
                    closeListenerAndIdleConnections(acceptor, drainTimeout: drainTimeout)
                }
            }
        case .draining, .stopped:
            break
        }
    }

    /// Blocks the calling thread until the server is `stopped` or `timeout` passes.
    /// - Returns: whether the server stopped in time.
    @discardableResult
    public func waitUntilStopped(timeout: Duration = .seconds(3600)) -> Bool {
        guard stoppedSignal.wait(timeout: .now() + timeout.dispatchInterval) == .success else { return false }
        stoppedSignal.signal()
        return true
    }

    /// Runs on the accept loop, so no accept is in progress.
    private func closeListenerAndIdleConnections(_ acceptor: HTTPAcceptor, drainTimeout: Duration) {
        acceptor.close()

        context.setConnectionRemovedCallback { [weak self] in
            guard let self, context.openConnections.load(ordering: .relaxed) == 0 else { return }
            completeDrain()
        }
        for connection in context.allConnections {
            connection.closeIfIdle()
        }
        if context.openConnections.load(ordering: .relaxed) == 0 {
            completeDrain()
        }

        drainQueue.asyncAfter(deadline: .now() + drainTimeout.dispatchInterval) { [self] in
            guard state == .draining else { return }
            let remaining = context.allConnections
            context.logger.warning("drain timeout passed; closing open connections", metadata: ["http.open_connections": .int(remaining.count)])
            for connection in remaining {
                connection.forceClose()
            }
            completeDrain()
        }
    }

    /// Moves `draining` to `stopped` once, however many paths call it.
    private func completeDrain() {
        let moved = lifecycle.withLock { state -> Bool in
            guard state == .draining else { return false }
            state = .stopped
            return true
        }
        guard moved else { return }

        context.setConnectionRemovedCallback(nil)
        context.logger.info("server stopped")
        finishStopping()
    }

    /// Stops the event loops, then releases waiters and runs the stop callbacks.
    func finishStopping() {
        let loops = context.eventLoops.withLock { $0 }
        for loop in loops {
            loop.stop()
        }
        acceptor.withLock { $0 }?.loop.stop()
        runStoppedCallbacks()
        stoppedSignal.signal()
    }

    private func runStoppedCallbacks() {
        let callbacks = stoppedCallbacks.withLock { callbacks in
            defer { callbacks.removeAll() }
            return callbacks
        }
        for callback in callbacks {
            callback()
        }
    }
}
