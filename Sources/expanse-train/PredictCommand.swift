import ExpanseCommandLine
import ExpanseCore
import ExpanseTraining
import Foundation

/// `expanse-train predict`: scores a CSV with a model artifact.
enum PredictCommand {
    static func run(_ options: ParsedOptions) throws {
        let modelPath = try options.required("model")
        let loaded: LoadedArtifact
        do {
            loaded = try ModelArtifact.load(path: modelPath)
        } catch {
            let status = error.kind == .unreadableFile ? ExitCode.noInput : ExitCode.dataError
            throw CommandFailure("cannot load the model \(modelPath): \(error)", exitCode: status)
        }
        let artifact = loaded.artifact

        let csv = CSVOptions(label: options.string("label"), features: artifact.features, labelsRequired: false)
        let dataset = try loadDataset(path: try options.required("data"), options: csv, modelFeatures: true)
        let scorer = Scorer(
            weights: artifact.weights,
            scaler: MinMaxScaler(min: artifact.scalerMin, max: artifact.scalerMax, clip: artifact.scalerClip)
        )
        let probabilities = scorer.score(dataset.features)

        var text = "row,fraud_probability,decision" + (dataset.labels != nil ? ",label" : "") + "\n"
        text.reserveCapacity(dataset.rowCount * 32)
        for (row, probability) in probabilities.enumerated() {
            let decision = Double(probability) >= artifact.threshold ? "fraud" : "legit"
            text += "\(row + 1),\(String(format: "%.9g", probability)),\(decision)"
            if let labels = dataset.labels {
                text += ",\(Int(labels[row]))"
            }
            text += "\n"
        }

        if let outputPath = options.string("out") {
            do {
                try AtomicFile.write(Array(text.utf8), to: outputPath)
            } catch {
                throw CommandFailure("cannot write the predictions to \(outputPath): \(error)", exitCode: ExitCode.ioError)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
