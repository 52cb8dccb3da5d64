import Dispatch
import ExpanseLog

extension HTTPConnection {
    /// Runs the handler for a complete request and writes its response.
    func handleRequest(head: HTTPRequestHead, body: [UInt8]) {
        // Reading stays enabled: no event for this connection can run while
        // the handler holds the loop thread, and `flush` suspends reading only
        // when a write would block. That saves two `epoll_ctl` calls per request.
        move(to: .processing)
        disarm()
        context.inFlightRequests.add(1, ordering: .relaxed)

        let configuration = context.configuration
        let requestID = RequestID.resolve(head.headers["X-Request-ID"])
        let path = HTTPRequest.split(target: head.target).path
        var route = context.routeLabel(forPath: path)
        var response: HTTPResponse
        do {
            var headers = head.headers
            var body = body
            try HTTPContentCoding.decodeRequestBody(&body, headers: &headers, maxInflatedBytes: configuration.maxInflatedBodyBytes)
            let request = HTTPRequest(
                method: head.method,
                target: head.target,
                version: head.version,
                headers: headers,
                body: body,
                requestID: requestID,
                remoteAddress: remoteAddress
            )
            response = try context.handler(request, &route)
        } catch {
            response = context.response(forThrown: error, path: path, requestID: requestID, logger: logger)
        }
        response = HTTPContentCoding.encodeResponse(response, requestHeaders: head.headers, minimumBytes: configuration.gzipMinimumBytes)

        let keepAlive = head.keepAlive && !context.draining.load(ordering: .relaxed)
        send(response, method: head.method, version: head.version, requestID: requestID, route: route, keepAlive: keepAlive)
    }

    /// Sends the error response for a request the server itself rejected
    /// (parser error or timeout) and closes the connection afterwards.
    ///
    /// Once the request line is parsed, the error renderer receives the
    /// request's path and the route labeler names the route.
    func respondAndClose(with error: HTTPError) {
        if !state.isReadingRequest {
            close(reason: "cannot respond in state \(state)")
            return
        }
        if state == .awaitingRequest {
            requestStartNanoseconds = DispatchTime.now().uptimeNanoseconds
        }
        suspendReading()
        disarm()
        context.inFlightRequests.add(1, ordering: .relaxed)

        let headers = currentHead?.headers ?? parser.partialHeaders
        let requestID = RequestID.resolve(headers["X-Request-ID"])
        let partial = parser.partialRequestLine
        let method = currentHead?.method ?? parser.currentMethod ?? partial?.method ?? ""
        let path = (currentHead?.target ?? parser.currentTarget).map { HTTPRequest.split(target: $0).path } ?? partial?.path
        let route = path.map { context.routeLabel(forPath: $0) } ?? HTTPRequestRecord.unmatchedRoute
        send(
            context.response(for: error, path: path),
            method: method,
            version: currentHead?.version ?? .http1_1,
            requestID: requestID,
            route: route,
            keepAlive: false
        )
    }

    private func send(_ response: HTTPResponse, method: String, version: HTTPVersion, requestID: String, route: String, keepAlive: Bool) {
        let bodyBytes = HTTPResponseEncoder.encode(
            response,
            method: method,
            requestID: requestID,
            keepAlive: keepAlive,
            clientVersion: version,
            date: dateCache.current(),
            into: &outbound
        )

        let elapsed = DispatchTime.now().uptimeNanoseconds &- requestStartNanoseconds
        context.report(
            HTTPRequestRecord(
                method: method,
                route: route,
                status: response.status.code,
                durationSeconds: Double(elapsed) / 1e9,
                responseBodyBytes: bodyBytes,
                requestID: requestID,
                remoteAddress: remoteAddress,
                errorDetail: response.errorDetail
            )
        )

        keepAliveAfterWrite = keepAlive
        move(to: .writingResponse)
        flush()
    }

    /// Appends bytes to the output and writes what the socket takes now.
    func enqueue(_ bytes: [UInt8]) {
        outbound.append(contentsOf: bytes)
        flush()
    }

    /// Writes buffered output until done or the socket would block; in the
    /// second case the write source resumes the work when it is writable.
    func flush() {
        while outboundIndex < outbound.count {
            let result: IOResult<Int>
            do {
                result = try outbound.withUnsafeBytes { bytes throws(SocketError) in
                    try transport.write(from: UnsafeRawBufferPointer(rebasing: bytes[outboundIndex...]))
                }
            } catch {
                close(reason: "write failed: \(error)")
                return
            }

            switch result {
            case .processed(let count):
                outboundIndex += count
            case .wouldBlock, .endOfFile:
                // Stop reading while output backs up, so a client that sends
                // without reading cannot grow the buffers.
                suspendReading()
                resumeWriting()
                return
            }
        }

        // Keep a small buffer for the next response but return a large one.
        if outbound.capacity > 64 * 1024 {
            outbound = []
        } else {
            outbound.removeAll(keepingCapacity: true)
        }
        outboundIndex = 0
        suspendWriting()

        if state == .handshaking {
            continueHandshake()
        } else if state == .writingResponse {
            finishResponse()
        } else if state.isReadingRequest || state == .lingering {
            // A `100 Continue` that had to wait paused reading; the body may now come.
            resumeReading()
        }

        if readAwaitsWritable && state != .closed {
            // The read that needed the socket writable can run now.
            readAwaitsWritable = false
            scheduleRead()
        }
    }

    /// Moves on after a response is fully written: to the next request, or to closing.
    private func finishResponse() {
        context.inFlightRequests.subtract(1, ordering: .relaxed)
        currentHead = nil
        requestsServed += 1

        guard keepAliveAfterWrite else {
            move(to: .lingering)
            transport.shutdownOutput()
            arm(after: context.configuration.lingerTimeout)
            resumeReading()
            return
        }

        move(to: .awaitingRequest)
        arm(after: context.configuration.keepAliveIdleTimeout)
        resumeReading()
        if parser.hasBufferedBytes {
            // A pipelined request is already buffered. Parse it on the loop's
            // next turn, so a long pipeline does not deepen the stack.
            loop.execute { [self] in
                guard state != .closed else { return }
                processBufferedInput()
            }
        }
    }

    func resumeWriting() {
        guard writeSuspended else { return }
        writeSuspended = false
        updateInterest()
    }

    func suspendWriting() {
        guard !writeSuspended else { return }
        writeSuspended = true
        updateInterest()
    }
}
