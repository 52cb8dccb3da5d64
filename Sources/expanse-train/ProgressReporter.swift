import ExpanseTraining
import Foundation

/// Writes training progress to stderr: a redrawn bar when stderr is a
/// terminal, one line per epoch otherwise, nothing when quiet.
final class ProgressReporter {
    private let isQuiet: Bool
    private let isTerminal: Bool
    private let folds: Int
    private var barIsOpen = false

    init(quiet: Bool, folds: Int) {
        isQuiet = quiet
        isTerminal = isatty(STDERR_FILENO) == 1
        self.folds = folds
    }

    /// Reports one finished epoch of fold `fold` (0-based).
    func epochFinished(fold: Int, _ progress: TrainingProgress) {
        epochFinished(stage: "fold \(fold + 1)/\(folds)", progress)
    }

    /// Reports one finished epoch of a named stage, such as `final model`.
    func epochFinished(stage: String, _ progress: TrainingProgress) {
        guard !isQuiet else { return }
        let phase = progress.phase == .autoencoder ? "autoencoder" : "classifier "
        let retry = progress.attempt > 1 ? " (attempt \(progress.attempt))" : ""
        let loss = String(format: "%.6f", progress.meanLoss)
        let rate = Int(progress.rowsPerSecond.rounded())

        if isTerminal {
            let width = 20
            let filled = progress.epochs > 0 ? width * progress.epoch / progress.epochs : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let line = "\(stage) [\(bar)] \(phase) epoch \(progress.epoch)/\(progress.epochs)\(retry) loss \(loss) \(rate) rows/s"
            write("\r\u{1B}[2K" + line)
            barIsOpen = true
        } else {
            write("\(stage) \(phase) epoch \(progress.epoch)/\(progress.epochs)\(retry) loss \(loss) rows/s \(rate)\n")
        }
    }

    /// Prints a line that stays, such as a fold's result, ending any open bar first.
    func note(_ line: String) {
        guard !isQuiet else { return }
        if barIsOpen {
            write("\r\u{1B}[2K")
            barIsOpen = false
        }
        write(line + "\n")
    }

    /// Ends an open bar so that later output starts on a fresh line.
    func finish() {
        guard !isQuiet, barIsOpen else { return }
        write("\r\u{1B}[2K")
        barIsOpen = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
