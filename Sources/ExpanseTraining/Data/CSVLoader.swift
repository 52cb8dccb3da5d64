import ExpanseCompression
import ExpanseCore

/// Loads labelled transactions from CSV files such as the ULB credit-card
/// data (`"Time","V1",…,"V28","Amount","Class"`).
///
/// Accepted input:
/// - a header line, then one row per line, with comma separators
/// - optional RFC 4180 quotes around any name or value, without line breaks inside
/// - LF or CRLF line ends, and a final newline or none
/// - an optional UTF-8 byte-order mark
///
/// Blank lines are skipped. A file starting with the gzip magic bytes is
/// inflated first, whatever its extension. Labels must be 0 or 1, written as
/// any number equal to them (`0`, `"1"`, `0.0`, `1e0`). Feature values are
/// parsed as `Float` and must be finite.
public enum CSVLoader {
    /// Reads and parses the file at `path`.
    /// - Throws: `DataError`, whose message names the file, line, column and
    ///   value at fault and states how to fix it.
    public static func load(path: String, options: CSVOptions = CSVOptions()) throws(DataError) -> Dataset {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path: path)
        } catch {
            throw DataError(
                .unreadableFile, file: path,
                message: "\(error). Check that the path is right and that the file is readable.")
        }
        return try parse(bytes, source: path, options: options)
    }

    /// Parses the bytes of a CSV file, plain or gzip-compressed, read from `source`.
    /// `Dataset.sha256` is the digest of `bytes` as given.
    /// - Throws: as `load(path:options:)`.
    public static func parse(_ bytes: [UInt8], source: String, options: CSVOptions = CSVOptions()) throws(DataError) -> Dataset {
        let sha256 = SHA256.hexDigest(bytes)

        var text = bytes
        if Gzip.hasMagic(bytes) {
            do {
                text = try Gzip.decompress(bytes, format: .gzip, maxOutputBytes: options.maxInflatedBytes)
            } catch {
                throw DataError(
                    .invalidCompression, file: source,
                    message: "\(source) starts like a gzip file but cannot be inflated: \(error). Decompress it with gzip -d to check it, or download it again.")
            }
        }

        let result = text.withUnsafeBufferPointer { buffer in
            Result { () throws(DataError) in
                var parser = CSVParser(bytes: buffer, source: source, options: options)
                return try parser.parse()
            }
        }
        let table = try result.get()
        return Dataset(
            source: source, featureNames: table.featureNames, labelName: table.labelName, rowCount: table.rowCount,
            features: table.features, labels: table.labels, sha256: sha256)
    }
}
