import COpenSSL

/// Access to OpenSSL's per-thread error queue.
///
/// OpenSSL reports why a call failed by pushing codes onto a queue that
/// belongs to the calling thread. `SSL_get_error` reads that queue too, so
/// a stale entry left by an earlier call on the same thread would be taken
/// for the cause of a new failure. Every TLS call in this module therefore
/// clears the queue first.
enum OpenSSLErrorQueue {
    /// Empties the calling thread's error queue.
    static func clear() {
        ERR_clear_error()
    }

    /// Removes every entry from the calling thread's error queue and returns
    /// them as text, oldest first, joined by "; ", or `fallback` when the
    /// queue was empty.
    static func drain(fallback: String = "no OpenSSL error was reported") -> String {
        var messages: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let code = ERR_get_error()
            guard code != 0 else { break }
            let message = buffer.withUnsafeMutableBufferPointer { pointer in
                ERR_error_string_n(code, pointer.baseAddress, pointer.count)
                return String(cString: pointer.baseAddress!)
            }
            messages.append(message)
        }
        return messages.isEmpty ? fallback : messages.joined(separator: "; ")
    }
}
