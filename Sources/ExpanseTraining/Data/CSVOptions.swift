/// The columns of a CSV file to load, and whether labels must be present.
public struct CSVOptions: Sendable, Equatable {
    /// The label column used when `label` is nil, as in the ULB credit-card data.
    public static let defaultLabel = "Class"

    /// The label column's name, or nil for `defaultLabel`.
    public var label: String?
    /// Feature column names in the order to load them, or nil for every
    /// column except the label, in file order.
    public var features: [String]?
    /// Whether a missing label column is an error (training) or yields a
    /// dataset without labels (prediction). Required labels must also contain both classes.
    public var labelsRequired: Bool
    /// The maximum number of bytes a gzip file may inflate to. The 4 GiB default is a
    /// guard against a corrupt or hostile file, far above the 150 MB ULB data.
    public var maxInflatedBytes: Int

    public init(label: String? = nil, features: [String]? = nil, labelsRequired: Bool = true, maxInflatedBytes: Int = 4 << 30) {
        self.label = label
        self.features = features
        self.labelsRequired = labelsRequired
        self.maxInflatedBytes = maxInflatedBytes
    }
}
