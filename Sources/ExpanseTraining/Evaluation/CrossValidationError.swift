import ExpanseCore

/// The reason a cross-validation run stopped.
public enum CrossValidationError: Error, CustomStringConvertible {
    case data(DataError)
    case training(TrainingError)
    case metrics(fold: Int, MetricsError)

    public var description: String {
        switch self {
        case .data(let error): error.description
        case .training(let error): error.description
        case .metrics(let fold, let error): "fold \(fold + 1): \(error)"
        }
    }
}
