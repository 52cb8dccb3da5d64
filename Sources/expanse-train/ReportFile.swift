import Glibc
import ExpanseCore
import ExpanseTraining

/// Writes a JSON report atomically, so a reader never sees half a file.
func writeReport(_ report: [String: JSONValue], to path: String) throws {
    do {
        try AtomicFile.write(Array((JSONValue.object(report).serialized() + "\n").utf8), to: path)
    } catch {
        throw CommandFailure("cannot write the report to \(path): \(error)", exitCode: ExitCode.ioError)
    }
}

/// Describes the data set in a report.
func datasetJSON(_ dataset: Dataset, positives: Int) -> JSONValue {
    .object([
        "path": .string(dataset.source),
        "rows": JSONValue(dataset.rowCount),
        "positives": JSONValue(positives),
        "features": .array(dataset.featureNames.map { .string($0) }),
        "label": dataset.labelName.map { .string($0) } ?? .null,
        "sha256": .string(dataset.sha256),
    ])
}

/// Checks before any training that the folder of `path` exists and is
/// writable, so a long run does not end in a file that cannot be written.
/// - Throws: `CommandFailure` with exit status 74 naming the folder.
func ensureWritableFolder(for path: String, what: String) throws {
    let folder: String
    if let slash = path.lastIndex(of: "/") {
        folder = slash == path.startIndex ? "/" : String(path[..<slash])
    } else {
        folder = "."
    }
    var status = stat()
    guard stat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR, access(folder, W_OK) == 0 else {
        throw CommandFailure(
            "cannot write the \(what) to \(path): the folder \(folder) does not exist or is not writable",
            exitCode: ExitCode.ioError
        )
    }
}
