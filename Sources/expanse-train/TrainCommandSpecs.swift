import ExpanseCommandLine

/// The options of every `expanse-train` command. Flag names are a contract:
/// scripts, the container image and the Kubernetes Job call them.
enum TrainCommandSpecs {
    static let dataOptions: [OptionSpec] = [
        OptionSpec("data", value: "FILE", required: true, help: "Labelled transactions, CSV or gzip-compressed CSV."),
        OptionSpec("label", value: "NAME", default: "Class", help: "Name of the 0/1 label column."),
        OptionSpec("features", value: "A,B,C", help: "Comma-separated feature columns, in this order (default: every column but the label)."),
    ]

    static let modelOptions: [OptionSpec] = [
        OptionSpec("encoder", value: "KIND", default: "none", help: "Encoder in front of the classifier: expanded, basic or none. none is the default because it scored the highest AUROC and AUPRC in 10-fold cross-validation on the ULB credit-card data (BENCHMARKS.md); expanded is the method's autoencoder."),
        OptionSpec("expansion", value: "E", default: "1024", range: .integer(1...65_536), help: "Width of the classifier's hidden layer."),
        OptionSpec("reduction", value: "R", default: "2", range: .integer(1...1_024), help: "Reduction factor of the encoder. Its middle layer is features/R wide."),
        // The cap is 0.99 rather than just below 1 because a value such as
        // 0.99999999 rounds to Float 1, which TrainingConfig.validate rejects.
        OptionSpec("dropout", value: "P", default: "0.5", range: .real(0...0.99), help: "Dropout probability after the expansion layer."),
        OptionSpec("ae-epochs", value: "N", default: "50", range: .integer(1...100_000), help: "Autoencoder training epochs."),
        OptionSpec("epochs", value: "N", default: "20", range: .integer(1...100_000), help: "Classifier training epochs."),
        OptionSpec("batch-size", value: "N", default: "256", range: .integer(1...1_048_576), help: "Mini-batch size in rows."),
        OptionSpec("learning-rate", value: "LR", default: "0.001", range: .real(0.000000001...10), help: "Adam learning rate for both networks."),
        OptionSpec("ae-rows", value: "ROWS", default: "all", help: "Rows the autoencoder trains on: all, or normal (label 0 only)."),
        OptionSpec("latent-scaling", value: "MODE", default: "standard", help: "Scaling of the latent vector before the classifier: standard (zero mean and unit variance over the training rows, folded into the first classifier layer afterwards) or none (the raw latent)."),
        OptionSpec("collapse-retries", value: "N", default: "3", range: .integer(0...100), help: "Times an autoencoder whose latent is constant over the training rows is re-initialised and trained again."),
        OptionSpec("clip", help: "Clip scaled features to [0, 1] when scoring rows outside the training range."),
        OptionSpec("seed", value: "N", default: "58833", range: .integer(0...Int.max), help: "Seed for folds, initialisation, shuffling and dropout."),
        OptionSpec("threads", value: "N", default: "1", range: .integer(1...256), help: "OpenBLAS threads. Results are reproducible for a fixed seed and thread count."),
        OptionSpec("quiet", help: "Print no progress on stderr."),
    ]

    static let folds = OptionSpec("folds", value: "K", default: "10", range: .integer(2...1_000), help: "Number of stratified folds.")

    static let cv = CommandSpec(
        name: "expanse-train cv",
        abstract: "Cross-validates the model with stratified folds and prints AUROC and AUPRC per fold and as mean ± std.",
        options: dataOptions + [
            folds,
            OptionSpec("report", value: "FILE", help: "Write a JSON report (per-fold and mean metrics, configuration, wall time) to FILE."),
            OptionSpec("html", value: "FILE", help: "Write an HTML report to FILE: every fold, the ROC and precision-recall curves, and a PCA scatter of the latent vectors by class."),
        ] + modelOptions,
        discussion: exitCodes
    )

    static let fit = CommandSpec(
        name: "expanse-train fit",
        abstract: "Trains on every row and writes one .safetensors model artifact. The decision threshold comes from out-of-fold predictions of an internal cross-validation.",
        options: dataOptions + [
            OptionSpec("out", value: "FILE", required: true, help: "Path of the model artifact to write (written to a temporary file, then renamed)."),
            OptionSpec("name", value: "NAME", default: "expanse-lve", help: "Model name stored in the artifact and served by expanse-serve."),
            OptionSpec("model-version", value: "VERSION", help: "Model version stored in the artifact (default: the UTC creation time, yyyyMMdd-HHmmss)."),
            OptionSpec("threshold-folds", value: "K", default: "5", range: .integer(2...100), help: "Folds of the internal cross-validation that picks the threshold and measures the metrics stored in the artifact."),
            OptionSpec(
                "target-precision", value: "P", range: .real(0.000001...1),
                help: "Target out-of-fold precision P. The decision threshold becomes the lowest one whose precision is at least P (default: the threshold that maximises F1)."
            ),
            OptionSpec("report", value: "FILE", help: "Write a JSON report of the internal cross-validation to FILE."),
        ] + modelOptions,
        discussion: exitCodes
    )

    static let predict = CommandSpec(
        name: "expanse-train predict",
        abstract: "Scores a CSV with a model artifact and writes one row per input row with the column fraud_probability.",
        options: [
            OptionSpec("model", value: "FILE", required: true, help: "Model artifact written by expanse-train fit."),
            OptionSpec("data", value: "FILE", required: true, help: "CSV or gzip-compressed CSV holding the model's feature columns; a label column is optional."),
            OptionSpec("label", value: "NAME", default: "Class", help: "Name of the label column, copied to the output when present."),
            OptionSpec("out", value: "FILE", help: "Write the predictions CSV to FILE (default: stdout)."),
        ],
        discussion: exitCodes
    )

    static let paper = CommandSpec(
        name: "expanse-train paper",
        abstract: "Reproduces Tables 1-4 of Gim & Park, \"Latent Vector Expansion using Autoencoder for Anomaly Detection\" (arXiv:2201.01416), on the given data, with AUROC and AUPRC beside the paper's numbers.",
        options: dataOptions + [
            folds,
            OptionSpec("report", value: "FILE", help: "Write every table as JSON to FILE."),
        ] + modelOptions.filter { ["ae-epochs", "epochs", "seed", "threads", "quiet"].contains($0.name) },
        discussion: exitCodes
    )

    static let exitCodes = """
        exit codes: 0 success, 1 failure, 64 bad usage, 65 invalid input data, 66 input file missing or unreadable, 74 output file not written.
        """

    static let topLevelHelp = """
        usage: expanse-train <command> [options]

        Trains the latent-vector-expansion fraud model on labelled transactions.

        commands:
          cv        Cross-validate and report AUROC and AUPRC per fold.
          fit       Train on every row and write a .safetensors model artifact.
          predict   Score a CSV with a model artifact.
          paper     Reproduce the paper's Tables 1-4 on the given data.

        Run 'expanse-train <command> --help' for a command's options.
        """
}
