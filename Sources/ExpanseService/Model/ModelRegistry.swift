import Synchronization

/// The one reference to the model in service. A reader copies the current
/// value in a critical section that only copies a reference, and a swap only
/// assigns one, so a reload neither waits for nor tears a request in flight.
public final class ModelRegistry: Sendable {
    private let model: Mutex<ServedModel?>

    public init(_ model: ServedModel? = nil) {
        self.model = Mutex(model)
    }

    /// The model in service, or nil before the first load.
    public var current: ServedModel? {
        model.withLock { $0 }
    }

    /// Puts `next` in service and returns the model it replaced.
    @discardableResult
    public func replace(with next: ServedModel) -> ServedModel? {
        model.withLock { current in
            let previous = current
            current = next
            return previous
        }
    }
}
