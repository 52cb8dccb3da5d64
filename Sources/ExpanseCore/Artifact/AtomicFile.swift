import Glibc

/// Whole-file writes that readers see either completely or not at all.
public enum AtomicFile {
    /// Writes `bytes` to `path` through a temporary file in the same directory.
    ///
    /// The steps are: create `.NAME.tmp-XXXXXX` with `mkstemp`, write, `fsync`,
    /// `rename` onto `path`, then `fsync` the directory so that the rename
    /// survives a crash. On any failure before the rename, the temporary file
    /// is removed, so no partial file is left at `path` or beside it.
    /// The new file has mode 0644.
    /// - Throws: `ArtifactError` of kind `.writeFailed`, naming the step and errno.
    public static func write(_ bytes: [UInt8], to path: String) throws(ArtifactError) {
        let directory = directoryName(of: path)
        let fileName = String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        guard !fileName.isEmpty else {
            throw ArtifactError(.writeFailed, "cannot write \(path): the path names a directory, not a file")
        }

        var template = Array("\(directory)/.\(fileName).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw failure("create a temporary file in", directory)
        }
        let temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }

        do throws(ArtifactError) {
            try writeAll(bytes, to: descriptor, path: temporaryPath)
            guard fchmod(descriptor, 0o644) == 0 else {
                throw failure("set the mode of", temporaryPath)
            }
            guard fsync(descriptor) == 0 else {
                throw failure("fsync", temporaryPath)
            }
            guard close(descriptor) == 0 else {
                throw failure("close", temporaryPath)
            }
        } catch {
            close(descriptor)
            unlink(temporaryPath)
            throw error
        }

        guard rename(temporaryPath, path) == 0 else {
            let error = failure("rename \(temporaryPath) to", path)
            unlink(temporaryPath)
            throw error
        }

        // The rename has happened by now, so a failed directory sync only
        // weakens durability across power loss and is not reported.
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(ArtifactError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("write", path)
            }
            written += count
        }
    }

    private static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else {
            return "."
        }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    private static func failure(_ operation: String, _ path: String) -> ArtifactError {
        let reason = String(cString: strerror(errno))
        return ArtifactError(.writeFailed, key: nil, "cannot \(operation) \(path): \(reason)")
    }
}
