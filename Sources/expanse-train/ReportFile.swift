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
