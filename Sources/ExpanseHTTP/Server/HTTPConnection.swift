import Dispatch
import ExpanseLog

/// One client connection: reads requests, runs the handler, writes
/// responses in request order, and enforces the timeouts.
///
/// Requests on one connection are handled one at a time, on the thread of
/// its event loop. Pipelined requests wait, parsed or not, in the parser's
/// buffer until the response before them is written, so responses cannot be
/// reordered. Reading pauses while output backs up, which bounds the buffers.
final class HTTPConnection: EventLoopWatcher, @unchecked Sendable {
    // Safe to share because every mutable property below is read and
    // written only on the thread of `loop`. The server calls only `start`,
    // `closeIfIdle` and `forceClose`, which hop onto it.
    let id: Int
    let loop: EventLoop
    let context: HTTPServerContext
    let transport: any HTTPTransport
    let remoteAddress: String
    let logger: Logger

    var state: HTTPConnectionState = .awaitingRequest
    var parser: HTTPRequestParser
    var currentHead: HTTPRequestHead?
    /// `DispatchTime.now().uptimeNanoseconds` at the current request's first byte.
    var requestStartNanoseconds: UInt64 = 0
    var requestsServed = 0
    var dateCache = HTTPDateCache()

    var outbound: [UInt8] = []
    var outboundIndex = 0
    /// Whether the connection stays open after the response being written.
    var keepAliveAfterWrite = true
    /// Bytes discarded while lingering.
    var lingerDiscardedBytes = 0
    /// Set when a read returned `.wouldBlock` until the socket is writable
    /// (TLS owes the peer a record); `flush` then retries the read.
    var readAwaitsWritable = false

    let readBuffer: UnsafeMutableRawBufferPointer
    /// Whether reading and writing are paused. The loop's epoll interest
    /// for the socket follows them.
    var readSuspended = false
    var writeSuspended = true
    var deadline = DispatchTime.distantFuture
    var timerScheduledAt = DispatchTime.distantFuture

    /// Bytes read per `read` call.
    static let readChunkBytes = 16 * 1024
    /// Most bytes discarded while lingering before the server stops waiting for the peer.
    static let maxLingerDiscardBytes = 1024 * 1024

    init(id: Int, transport: any HTTPTransport, remoteAddress: String, context: HTTPServerContext) {
        self.id = id
        self.transport = transport
        self.remoteAddress = remoteAddress
        self.context = context
        loop = context.nextEventLoop()
        parser = HTTPRequestParser(configuration: context.configuration)

        var logger = context.logger
        logger[metadataKey: "connection.id"] = .int(id)
        logger[metadataKey: "client.address"] = .string(remoteAddress)
        self.logger = logger
        if transport.handshakeTimeout != nil {
            state = .handshaking
        }

        readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readChunkBytes, alignment: 16)
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Starts reading. A transport with a handshake must finish it within
    /// its `handshakeTimeout`; then the first request must arrive within
    /// `headerReadTimeout`.
    func start() {
        loop.execute { [self] in
            do throws(SocketError) {
                try loop.register(self, descriptor: transport.fileDescriptor)
            } catch {
                logger.error("failed to add a connection to its event loop", metadata: ["error": .string(error.description)])
                close(reason: "epoll registration failed")
                return
            }
            updateInterest()
            arm(after: transport.handshakeTimeout ?? context.configuration.headerReadTimeout)
            logger.trace("connection opened")
        }
    }

    /// Closes the connection if it is between requests; otherwise the
    /// response in progress carries `Connection: close`, because the
    /// server's `draining` flag is already set.
    func closeIfIdle() {
        loop.execute { [self] in
            if state == .handshaking || (state == .awaitingRequest && !parser.hasPartialRequest) {
                close(reason: "server is draining")
            }
        }
    }

    /// Closes the connection whatever it is doing.
    func forceClose() {
        loop.execute { [self] in close(reason: "drain timeout passed") }
    }

    func move(to next: HTTPConnectionState) {
        guard state.canMove(to: next) else {
            assertionFailure("connection cannot move from \(state) to \(next)")
            close(reason: "invalid state change from \(state) to \(next)")
            return
        }
        logger.trace("connection state changed", metadata: ["from": .string(state.description), "to": .string(next.description)])
        state = next
    }

    // MARK: Reading

    func handleReadable() {
        if state == .handshaking {
            continueHandshake()
            return
        }
        if state == .lingering {
            discardLingeringInput()
            return
        }
        guard state.isReadingRequest else {
            suspendReading()
            return
        }

        do {
            // Read until the socket is drained, at most four chunks per event
            // so one busy client cannot hold a thread for long.
            reading: for _ in 0..<4 {
                switch try transport.read(into: readBuffer) {
                case .processed(let count):
                    parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
                    if count < readBuffer.count { break reading }
                case .wouldBlock:
                    if transport.readWaitsForWritable {
                        awaitWritableToRead()
                    }
                    break reading
                case .endOfFile:
                    let reason = parser.hasPartialRequest ? "peer closed in the middle of a request" : "peer closed"
                    close(reason: reason)
                    return
                }
            }
        } catch {
            close(reason: "read failed: \(error)")
            return
        }

        processBufferedInput()
        if state.isReadingRequest && transport.hasBufferedInput {
            scheduleRead()
        }
    }

    /// Runs the parser over buffered input until it needs more bytes or a
    /// complete request has been handed to the handler.
    func processBufferedInput() {
        while state.isReadingRequest {
            let event: HTTPParserEvent
            do {
                event = try parser.next()
            } catch {
                logger.debug("request rejected by the parser", metadata: ["error": .string(error.description)])
                respondAndClose(with: error)
                return
            }

            switch event {
            case .needMoreData:
                if state == .awaitingRequest && parser.hasPartialRequest {
                    requestStartNanoseconds = DispatchTime.now().uptimeNanoseconds
                    move(to: .readingHead)
                    arm(after: context.configuration.headerReadTimeout)
                }
                return

            case .head(let head):
                if state == .awaitingRequest {
                    requestStartNanoseconds = DispatchTime.now().uptimeNanoseconds
                }
                currentHead = head
                move(to: .readingBody)
                arm(after: context.configuration.bodyReadTimeout)
                if head.expectsContinue && head.framing != .contentLength(0) && !parser.hasBufferedBytes {
                    enqueue(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                }

            case .end(let body):
                guard let head = currentHead else {
                    preconditionFailure("the parser ended a body before its head")
                }
                handleRequest(head: head, body: body)
                return
            }
        }
    }

    private func discardLingeringInput() {
        do {
            while true {
                switch try transport.read(into: readBuffer) {
                case .processed(let count):
                    lingerDiscardedBytes += count
                    if lingerDiscardedBytes > Self.maxLingerDiscardBytes {
                        close(reason: "peer kept sending after the final response")
                        return
                    }
                case .wouldBlock:
                    if transport.readWaitsForWritable {
                        awaitWritableToRead()
                    }
                    return
                case .endOfFile:
                    close(reason: "peer closed after the final response")
                    return
                }
            }
        } catch {
            close(reason: "read failed while lingering: \(error)")
        }
    }

    func suspendReading() {
        guard !readSuspended else { return }
        readSuspended = true
        updateInterest()
    }

    /// Resumes reading, and reads at once when the transport contains
    /// decoded input, because the socket does not signal those bytes.
    func resumeReading() {
        if readSuspended {
            readSuspended = false
            updateInterest()
        }
        if transport.hasBufferedInput {
            scheduleRead()
        }
    }

    /// Runs `handleReadable` on the loop's next turn, as a readiness event would.
    func scheduleRead() {
        loop.execute { [self] in
            guard state != .closed else { return }
            handleReadable()
        }
    }

    /// Pauses reading until the socket is writable; `flush` then retries the read.
    private func awaitWritableToRead() {
        readAwaitsWritable = true
        suspendReading()
        resumeWriting()
    }

    // MARK: Closing

    /// Removes the socket from the loop and closes it.
    func close(reason: String) {
        guard state != .closed else { return }
        if state == .processing || state == .writingResponse {
            context.inFlightRequests.subtract(1, ordering: .relaxed)
        }
        logger.debug("connection closed", metadata: ["reason": .string(reason), "state": .string(state.description)])
        state = .closed

        loop.deregister(self, descriptor: transport.fileDescriptor)
        transport.close()
        context.remove(connectionID: id)
    }

    /// Tells the loop which readiness the connection waits for now.
    func updateInterest() {
        guard state != .closed else { return }
        loop.setInterest(self, descriptor: transport.fileDescriptor, readable: !readSuspended, writable: !writeSuspended)
    }

    // MARK: EventLoopWatcher

    func handleEvents(readable: Bool, writable: Bool, hangUp: Bool) {
        // An event from before the interest changed in this turn is ignored.
        if !writeSuspended && (writable || hangUp) {
            flush()
        }
        guard state != .closed else { return }
        if !readSuspended && (readable || hangUp) {
            handleReadable()
        } else if hangUp && readSuspended && writeSuspended {
            // Nothing would ever read the error, and the loop would report it on every turn.
            close(reason: "socket hung up")
        }
    }

    func timerFired(scheduledAt: UInt64) {
        guard scheduledAt == timerScheduledAt.uptimeNanoseconds else { return }
        handleTimer()
    }

    func loopStopped() {
        close(reason: "event loop stopped")
    }
}
