/// The settings of the scoring service above the HTTP layer.
public struct ServiceConfiguration: Sendable {
    /// The model artifact to serve and to reload, or nil for the model
    /// compiled into the binary.
    public var modelPath: String?
    /// Overrides the artifact's model name in responses and in `/v2/models/{name}`.
    public var modelName: String?
    /// Maximum rows in one `/v1/score` or `/v2` inference request; more get 413.
    public var maxBatchRows: Int = 10_000
    /// The bearer tokens file; nil leaves every route open.
    public var apiKeysPath: String?
    /// Whether `/metrics` needs a bearer token too (only with `apiKeysPath`).
    public var protectMetrics = false
    /// Whether to poll the model file and reload it when it changes. Without
    /// `modelPath` there is no file, and nothing is polled.
    public var watchModel = false
    /// Time between two polls of the model file.
    public var watchInterval: Duration = .seconds(1)

    public init(modelPath: String?) {
        self.modelPath = modelPath
    }
}
