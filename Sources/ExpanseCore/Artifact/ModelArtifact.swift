import Glibc

/// A trained LVE model as one safetensors file: the network weights, the
/// min–max scaler and the training record.
///
/// The `__metadata__` map stores these string values:
/// - `format`: `expanse-lve/1`
/// - `name`, `version`
/// - `features`: a JSON list of names, in input order
/// - `scaler.min`, `scaler.max`: JSON lists of numbers, one per feature
/// - `scaler.clip`: `true` or `false`
/// - `encoder`, `reduction`, `expansion`: the `NetworkShape` fields
/// - `threshold`: a decimal number
/// - `metrics`, `config`: JSON objects
/// - `data.sha256`: the training file's digest
/// - `created`: ISO 8601 UTC time in whole seconds
///
/// Tensors are named as PyTorch's `state_dict` of `nn.Sequential`
/// stacks names them: `encoder.{0,2,4}`, `decoder.{0,2,4}` (both absent for
/// encoder `none`), `classifier.0` and `classifier.3`, each with a `.weight` of
/// shape `[out, in]` and a `.bias` of shape `[out]`.
public struct ModelArtifact: Sendable, Equatable {
    /// The `format` value this version writes and reads.
    public static let format = "expanse-lve/1"

    public var name: String
    public var version: String
    /// Input column names, in the order the network reads them.
    public var features: [String]
    /// The per-feature minimum the scaler maps to 0.
    public var scalerMin: [Float]
    /// The per-feature maximum the scaler maps to 1.
    public var scalerMax: [Float]
    /// Whether scaled values are clipped to [0, 1].
    public var scalerClip: Bool
    public var weights: NetworkWeights
    /// The probability at or above which a transaction is flagged, in [0, 1].
    public var threshold: Double
    /// The cross-validation summary.
    public var metrics: [String: JSONValue]
    /// The training configuration.
    public var config: [String: JSONValue]
    /// SHA-256 of the training data file, 64 lowercase hex digits.
    public var dataSHA256: String
    /// Creation time as `YYYY-MM-DDTHH:MM:SSZ`, the form `timestamp(secondsSince1970:)` returns.
    public var created: String

    public init(
        name: String,
        version: String,
        features: [String],
        scalerMin: [Float],
        scalerMax: [Float],
        scalerClip: Bool,
        weights: NetworkWeights,
        threshold: Double,
        metrics: [String: JSONValue],
        config: [String: JSONValue],
        dataSHA256: String,
        created: String
    ) {
        self.name = name
        self.version = version
        self.features = features
        self.scalerMin = scalerMin
        self.scalerMax = scalerMax
        self.scalerClip = scalerClip
        self.weights = weights
        self.threshold = threshold
        self.metrics = metrics
        self.config = config
        self.dataSHA256 = dataSHA256
        self.created = created
    }

    public var shape: NetworkShape { weights.shape }

    /// Formats a Unix time in seconds as ISO 8601 UTC, such as `2026-01-31T23:59:59Z`.
    public static func timestamp(secondsSince1970 seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)

        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = "\(padded(parts.tm_year + 1900, 4))-\(padded(parts.tm_mon + 1, 2))-\(padded(parts.tm_mday, 2))"
        let clock = "\(padded(parts.tm_hour, 2)):\(padded(parts.tm_min, 2)):\(padded(parts.tm_sec, 2))"
        return "\(date)T\(clock)Z"
    }

    /// Returns the current time in the `created` format.
    public static func now() -> String {
        timestamp(secondsSince1970: Int(time(nil)))
    }
}
