/// A training run that cannot start because of its configuration or its data.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A `TrainingConfig` field is out of range.
    case invalidConfig(field: String, value: String, expected: String)
    /// The feature buffer or the labels do not fit together or are empty.
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .invalidConfig(field, value, expected):
            "invalid \(field) \(value): expected \(expected)"
        case let .invalidInput(message):
            message
        }
    }
}
