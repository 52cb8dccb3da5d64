/// Rows decoded from a request: a contiguous row-major `[rows, features]`
/// buffer of raw feature values, ready for `Scorer`, and the optional id of each row.
struct FeatureBatch {
    var rows = 0
    var values: [Float] = []
    /// Per row, the byte range in the request body of the id's text as it
    /// must be echoed inside quotes: a string's contents with its escapes
    /// kept, or a number's digits. Nil when the row has no id.
    var idRanges: [Range<Int>?] = []
}
