/// A problem with a training or prediction data file, or with how it is split.
///
/// `description` is a complete message for the user: it names the file, the
/// 1-based line (the header is line 1), the column and the offending value
/// where they apply, and states how to fix the problem. Command-line tools exit
/// with `DataError.exitCode` (65, `EX_DATAERR` from sysexits.h) on this error.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unreadableFile
        /// The file starts with the gzip magic bytes but does not inflate.
        case invalidCompression
        case emptyFile
        /// The file has a header but no data rows.
        case noRows
        case duplicateColumn
        case missingLabelColumn
        /// A name passed in `features` is not a column of the file.
        case unknownFeature
        /// `features` lists the label column.
        case labelAsFeature
        case wrongColumnCount
        case emptyValue
        case nonNumericValue
        /// A value parses as NaN or infinity, or overflows a 32-bit float.
        case nonFiniteValue
        /// A label other than 0 or 1.
        case invalidLabel
        /// A quoted field has no closing quote, or text follows its closing quote.
        case invalidQuoting
        /// Labels are required but every row has the same class.
        case singleClass
        /// A class has fewer rows than the number of cross-validation folds.
        case classTooSmall
        /// The requested number of folds is below 2.
        case invalidFoldCount
    }

    /// The process exit code for data errors, `EX_DATAERR` from sysexits.h.
    public static let exitCode: Int32 = 65

    public let kind: Kind
    /// The file's path as given, or nil when the data did not come from a file.
    public let file: String?
    /// The 1-based line number, counting the header as line 1.
    public let line: Int?
    public let column: String?
    public let value: String?
    public let description: String

    public init(_ kind: Kind, file: String?, line: Int? = nil, column: String? = nil, value: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.description = message
    }
}
