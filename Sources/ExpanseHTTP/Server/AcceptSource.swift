import Dispatch

/// The listener's read source, in a box that may cross threads.
///
/// `@unchecked Sendable` is safe because libdispatch documents its source
/// calls (`activate`, `suspend`, `resume`, `cancel`) as thread-safe; the
/// Swift overlay only lacks the annotation. The server additionally calls
/// them from the accept queue alone.
struct AcceptSource: @unchecked Sendable {
    let source: any DispatchSourceRead
}
