/// Rows of numeric features with optional 0/1 labels, as loaded from a CSV file.
public struct Dataset: Sendable, Equatable {
    /// The path the data was read from.
    public let source: String
    /// Feature column names, in the order of each row's values.
    public let featureNames: [String]
    /// The label column's name, or nil when the file had none and labels were optional.
    public let labelName: String?
    public let rowCount: Int
    /// Row-major values, `rowCount × featureCount`.
    public let features: [Float]
    /// One 0 or 1 per row, or nil when the file had no label column and labels were optional.
    public let labels: [Float]?
    /// SHA-256 of the file's bytes as stored on disk (compressed, for a gzip file), lowercase hex.
    public let sha256: String

    public init(
        source: String,
        featureNames: [String],
        labelName: String?,
        rowCount: Int,
        features: [Float],
        labels: [Float]?,
        sha256: String
    ) {
        precondition(features.count == rowCount * featureNames.count, "features must hold rowCount × featureCount values")
        precondition(labels == nil || labels!.count == rowCount, "labels must hold one value per row")
        self.source = source
        self.featureNames = featureNames
        self.labelName = labelName
        self.rowCount = rowCount
        self.features = features
        self.labels = labels
        self.sha256 = sha256
    }

    public var featureCount: Int { featureNames.count }

    /// Returns the features of row `index`.
    public func row(_ index: Int) -> ArraySlice<Float> {
        features[(index * featureCount)..<((index + 1) * featureCount)]
    }
}
