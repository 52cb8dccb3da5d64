import ExpanseTraining

/// Loads a CSV, turning a data error into a `CommandFailure` with exit status 65.
func loadDataset(path: String, options: CSVOptions) throws -> Dataset {
    do {
        return try CSVLoader.load(path: path, options: options)
    } catch {
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
