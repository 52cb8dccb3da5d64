/// Exit statuses of `expanse-train`, from sysexits.h where one fits.
enum ExitCode {
    static let success: Int32 = 0
    /// A failure that is neither bad usage nor bad data.
    static let failure: Int32 = 1
    /// EX_USAGE: an unknown command or option, or an invalid flag value.
    static let usage: Int32 = 64
    /// EX_DATAERR: the input CSV or model is invalid.
    static let dataError: Int32 = 65
    /// EX_NOINPUT: an input file is missing or unreadable.
    static let noInput: Int32 = 66
    /// EX_IOERR: an output file could not be written.
    static let ioError: Int32 = 74
}
