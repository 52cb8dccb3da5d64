import Glibc

/// The process's environment and standard error, read and written through
/// Glibc, for tools that do not link Foundation.
public enum ProcessIO {
    /// Reads the environment variables from `environ`. An entry without
    /// `=` is skipped, and for a repeated name the last entry wins.
    public static func environment() -> [String: String] {
        var variables: [String: String] = [:]
        // clearenv(3) sets environ to NULL, which Swift's import of it does not show.
        let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard var entry = table else { return variables }
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return variables
    }

    /// Writes `text` to standard error in full, retrying after `EINTR` and
    /// partial writes. A failed write is dropped, because standard error is
    /// where it would be reported.
    public static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
        bytes.removeAll()
    }
}
