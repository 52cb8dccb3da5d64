import Glibc

/// Whole-file reads through `open` and `read`, with errors that carry errno.
public enum FileContents {
    /// Reads every byte of the file at `path`.
    /// - Throws: `FileReadError` if the file cannot be opened, is a directory or cannot be read.
    public static func read(path: String) throws(FileReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileReadError(path: path, operation: "open", errno: errno)
        }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FileReadError(path: path, operation: "stat", errno: errno)
        }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw FileReadError(path: path, operation: "read", errno: EISDIR)
        }

        // The size is only a first guess: the loop reads until end of file.
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(status.st_size) + 1)
        var piece = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = piece.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, operation: "read", errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: piece[0..<count])
        }
        return bytes
    }
}
