import ExpanseCore

extension CrossValidationResult {
    /// The per-fold metrics and their summary as a JSON object: `folds[i].auroc`,
    /// `folds[i].auprc`, `mean.auroc`, `mean.auprc`, `std.auroc`, `std.auprc`,
    /// `positive_rate` and `wall_seconds`. Folds are numbered from 1.
    public var json: [String: JSONValue] {
        [
            "folds": .array(folds.map { fold in
                .object([
                    "fold": JSONValue(fold.fold + 1),
                    "auroc": JSONValue(fold.auroc),
                    "auprc": JSONValue(fold.auprc),
                    "train_rows": JSONValue(fold.trainRows),
                    "test_rows": JSONValue(fold.testRows),
                    "test_positives": JSONValue(fold.testPositives),
                    "train_seconds": JSONValue(fold.trainSeconds),
                    "score_seconds": JSONValue(fold.scoreSeconds),
                    "autoencoder_attempts": JSONValue(fold.autoencoderAttempts),
                    "live_middle_units": JSONValue(fold.liveMiddleUnits),
                ])
            }),
            "mean": .object(["auroc": finite(auroc.mean), "auprc": finite(auprc.mean)]),
            "std": .object(["auroc": finite(auroc.standardDeviation), "auprc": finite(auprc.standardDeviation)]),
            "positive_rate": JSONValue(positiveRate),
            "wall_seconds": JSONValue(wallSeconds),
        ]
    }

    /// Returns the number, or null for NaN (the standard deviation of one fold).
    private func finite(_ value: Double) -> JSONValue {
        value.isFinite ? JSONValue(value) : .null
    }
}
