/// The reason a scoring or inference request body could not be decoded into rows.
enum RequestDecodingError: Error, Sendable, CustomStringConvertible {
    /// The body is not well-formed JSON.
    case malformed(JSONSyntaxError)
    /// The JSON is well-formed but breaks the request schema, such as a
    /// missing feature or a value that is not a finite number.
    case invalidContent(String)
    /// The request contains more rows than the server accepts.
    case tooManyRows(limit: Int)

    var description: String {
        switch self {
        case .malformed(let error): error.description
        case .invalidContent(let message): message
        case .tooManyRows(let limit): "the request contains more than \(limit) rows; split it into requests of at most \(limit), or raise --max-batch-rows on the server"
        }
    }
}
