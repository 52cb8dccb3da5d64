import CZlib

/// A streaming gzip or zlib inflater with a cap on the total output.
///
/// Feed compressed input in chunks of any size with `inflate(_:)`, then call
/// `finish()` to learn whether the stream ended cleanly. The cap protects
/// against decompression bombs: zlib is never given room for more than
/// `maxOutputBytes + 1` bytes in total, so work stops as soon as the output
/// passes the cap instead of after inflating everything.
///
/// In `.gzip` and `.auto` formats, a gzip member followed by more input starts
/// a new member, as `gzip -d` does for files made with `cat a.gz b.gz`.
/// After any error the inflater stays failed and rethrows that error.
public final class Inflater {
    /// The wrapper around the deflate data.
    public enum Format: Sendable {
        /// RFC 1952 gzip members.
        case gzip
        /// An RFC 1950 zlib stream.
        case zlib
        /// gzip or zlib, detected from the header.
        case auto

        var windowBits: Int32 {
            switch self {
            case .gzip: 15 + 16
            case .zlib: 15
            case .auto: 15 + 32
            }
        }
    }

    private enum State {
        /// Waiting for the first byte of a stream or member.
        case idle
        /// Inside a stream or member.
        case inStream
        /// At the end of a stream or member, with no input after it yet.
        case ended
        case failed(CompressionError)
    }

    public let format: Format
    /// The maximum number of inflated bytes this inflater returns in total.
    public let maxOutputBytes: Int
    /// The number of inflated bytes returned so far.
    public private(set) var totalOutputBytes = 0

    /// The largest input piece handed to zlib in one call, below `uInt.max`.
    static let maxPieceBytes = 1 << 30

    private let stream: UnsafeMutablePointer<z_stream>
    private var state = State.idle
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

    /// Creates an inflater that rejects output longer than `maxOutputBytes` (at least 0).
    /// - Throws: `CompressionError.zlibFailure` if zlib cannot allocate its state.
    public init(format: Format = .auto, maxOutputBytes: Int) throws(CompressionError) {
        precondition(maxOutputBytes >= 0, "maxOutputBytes must not be negative")
        self.format = format
        self.maxOutputBytes = maxOutputBytes
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())

        let code = czlib_inflate_init2(stream, format.windowBits)
        guard code == Z_OK else {
            stream.deallocate()
            throw .zlibFailure(operation: "inflateInit2", code: code)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates the next chunk of input and returns the bytes it produced.
    /// - Throws: `CompressionError.outputLimitExceeded` once the total output
    ///   would pass `maxOutputBytes`, `.corruptInput` for invalid data.
    public func inflate(_ chunk: [UInt8]) throws(CompressionError) -> [UInt8] {
        var output: [UInt8] = []
        let result = chunk.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try inflate(buffer, appendingTo: &output) }
        }
        try result.get()
        return output
    }

    /// Inflates the next chunk of input and appends the bytes it produced to `output`.
    /// - Throws: as `inflate(_:)`.
    public func inflate(_ chunk: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        if case .failed(let error) = state {
            throw error
        }
        guard !chunk.isEmpty, let base = chunk.baseAddress else {
            return
        }

        do {
            // zlib counts input in 32-bit `uInt`, so a larger chunk goes in pieces.
            var offset = 0
            while offset < chunk.count {
                let count = min(chunk.count - offset, Self.maxPieceBytes)
                try run(input: base.assumingMemoryBound(to: UInt8.self) + offset, count: count, output: &output)
                offset += count
            }
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// Checks that the input ended at the end of a stream or member.
    /// - Throws: `CompressionError.truncatedInput` if it ended inside one or
    ///   no input arrived at all, or the error an earlier call threw.
    public func finish() throws(CompressionError) {
        switch state {
        case .ended:
            return
        case .idle, .inStream:
            state = .failed(.truncatedInput)
            throw .truncatedInput
        case .failed(let error):
            throw error
        }
    }

    private func run(input: UnsafePointer<UInt8>, count: Int, output: inout [UInt8]) throws(CompressionError) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input)
        stream.pointee.avail_in = uInt(count)

        while true {
            if case .ended = state, stream.pointee.avail_in > 0 {
                try startNextMember()
            }
            if stream.pointee.avail_in == 0, case .ended = state {
                return
            }
            state = .inStream

            // Room for at most one byte past the cap, so passing it is detected
            // without inflating further.
            let remaining = maxOutputBytes - totalOutputBytes
            let room = remaining < scratch.count ? remaining + 1 : scratch.count
            let (code, produced) = scratch.withUnsafeMutableBufferPointer { buffer in
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(room)
                let code = CZlib.inflate(stream, Z_NO_FLUSH)
                return (code, room - Int(stream.pointee.avail_out))
            }

            totalOutputBytes += produced
            if totalOutputBytes > maxOutputBytes {
                throw .outputLimitExceeded(limit: maxOutputBytes)
            }
            output.append(contentsOf: scratch[0..<produced])

            switch code {
            case Z_STREAM_END:
                state = .ended
            case Z_OK, Z_BUF_ERROR:
                // Z_BUF_ERROR only means that no progress was possible because zlib needs more input.
                if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 {
                    return
                }
            case Z_DATA_ERROR:
                throw .corruptInput(reason: zlibMessage() ?? "invalid deflate data")
            case Z_NEED_DICT:
                throw .corruptInput(reason: "the stream requires a preset dictionary")
            default:
                throw .zlibFailure(operation: "inflate", code: code)
            }
        }
    }

    /// Resets zlib for the gzip member that follows a finished one. A zlib
    /// stream may not be followed by more data.
    private func startNextMember() throws(CompressionError) {
        guard format != .zlib else {
            throw .corruptInput(reason: "unexpected data after the end of the zlib stream")
        }
        let code = inflateReset(stream)
        guard code == Z_OK else {
            throw .zlibFailure(operation: "inflateReset", code: code)
        }
        state = .idle
    }

    private func zlibMessage() -> String? {
        stream.pointee.msg.map { String(cString: $0) }
    }
}
