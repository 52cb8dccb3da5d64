import ExpanseTraining

/// Loads a CSV, turning a data error into a `CommandFailure`: exit status 66
/// for a file that cannot be read, 65 for invalid contents.
/// - Parameter modelFeatures: set when the columns are a model's features,
///   so a missing one is reported as the model's need rather than a `--features` typo.
func loadDataset(path: String, options: CSVOptions, modelFeatures: Bool = false) throws -> Dataset {
    do {
        return try CSVLoader.load(path: path, options: options)
    } catch {
        if error.kind == .unreadableFile {
            throw CommandFailure(error.description, exitCode: ExitCode.noInput)
        }
        if modelFeatures, error.kind == .unknownFeature, let column = error.column {
            throw CommandFailure(
                "the model needs the column \"\(column)\", which \(path) does not have. Its features are \(options.features?.joined(separator: ",") ?? ""); score a file that contains all of them.",
                exitCode: ExitCode.dataError
            )
        }
        throw CommandFailure(error.description, exitCode: ExitCode.dataError)
    }
}

/// Runs a cross-validation, mapping its errors to exit statuses.
func crossValidate(
    dataset: Dataset, folds: Int, config: TrainingConfig, reporter: ProgressReporter
) throws -> CrossValidationResult {
    do {
        return try CrossValidation.run(dataset: dataset, folds: folds, config: config) { fold, progress in
            reporter.epochFinished(fold: fold, progress)
        }
    } catch .data(let error) {
        throw CommandFailure(error.description, exitCode: ExitCode.dataError)
    } catch .training(let error) {
        throw CommandFailure(error.description, exitCode: ExitCode.usage)
    } catch {
        throw CommandFailure(error.description)
    }
}
