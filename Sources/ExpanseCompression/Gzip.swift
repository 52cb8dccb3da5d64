import CZlib

/// One-shot gzip compression and capped inflation of whole buffers.
public enum Gzip {
    /// The two bytes every gzip member starts with (RFC 1952).
    public static let magic: [UInt8] = [0x1F, 0x8B]

    /// Returns whether `bytes` starts with the gzip magic bytes.
    public static func hasMagic(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: magic)
    }

    /// Compresses `input` into one gzip member.
    ///
    /// - Parameter level: the zlib level, 0 (store) to 9 (smallest), where 6 is zlib's default.
    /// - Throws: `CompressionError.zlibFailure` if zlib cannot set up or run the stream.
    public static func compress(_ input: [UInt8], level: Int32 = 6) throws(CompressionError) -> [UInt8] {
        precondition((0...9).contains(level), "gzip level must be 0 through 9")
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            deflateEnd(stream)
            stream.deallocate()
        }

        // Window bits 15 + 16 selects the gzip wrapper.
        let initCode = czlib_deflate_init2(stream, level, 15 + 16)
        guard initCode == Z_OK else {
            throw .zlibFailure(operation: "deflateInit2", code: initCode)
        }

        // zlib.h (1.2.13) guarantees that the output fits in deflateBound bytes
        // when only Z_NO_FLUSH and Z_FINISH are used. zlib counts bytes in
        // 32-bit `uInt`, so input and output go in pieces of at most 1 GiB.
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(input.count))))
        let piece = Inflater.maxPieceBytes
        var code = Z_OK
        input.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var consumed = 0
                while code == Z_OK || code == Z_BUF_ERROR {
                    if stream.pointee.avail_in == 0 && consumed < inputBuffer.count {
                        let count = min(inputBuffer.count - consumed, piece)
                        stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress! + consumed)
                        stream.pointee.avail_in = uInt(count)
                        consumed += count
                    }
                    let produced = Int(stream.pointee.total_out)
                    stream.pointee.next_out = outputBuffer.baseAddress! + produced
                    stream.pointee.avail_out = uInt(min(outputBuffer.count - produced, piece))
                    let flush = consumed == inputBuffer.count ? Z_FINISH : Z_NO_FLUSH
                    code = deflate(stream, flush)
                    if code == Z_BUF_ERROR && stream.pointee.avail_out == 0 {
                        // The output buffer is full, which the guarantee above rules out.
                        break
                    }
                }
            }
        }
        guard code == Z_STREAM_END else {
            throw .zlibFailure(operation: "deflate", code: code)
        }
        output.removeSubrange(Int(stream.pointee.total_out)...)
        return output
    }

    /// Inflates a whole gzip or zlib buffer whose output may not pass `maxOutputBytes`.
    ///
    /// Concatenated gzip members inflate to the concatenation of their contents.
    /// - Throws: `CompressionError.outputLimitExceeded` as soon as the output passes
    ///   the cap, `.corruptInput` or `.truncatedInput` for bad input.
    public static func decompress(
        _ input: [UInt8],
        format: Inflater.Format = .auto,
        maxOutputBytes: Int
    ) throws(CompressionError) -> [UInt8] {
        let inflater = try Inflater(format: format, maxOutputBytes: maxOutputBytes)
        let output = try inflater.inflate(input)
        try inflater.finish()
        return output
    }
}
