import ExpanseCore
import ExpanseTraining
import Foundation

/// Tables 1-4 of Gim & Park (arXiv:2201.01416), built from shared cross-validation results.
struct PaperTables {
    let results: [PaperCommand.Setting: CrossValidationResult]

    /// AUROC the paper reports (Gim & Park, arXiv:2201.01416, Tables 1-4, ULB credit-card data, 10 folds).
    enum Published {
        static let table1 = [("basic", 0.872), ("expanded", 0.951)]
        static let table2 = [(128, 0.969), (256, 0.968), (512, 0.969), (1024, 0.970)]
        /// Per fold: hidden width 10, then 1,024.
        static let table3: [(Double, Double)] = [
            (0.994, 0.990), (0.995, 0.995), (0.998, 0.999), (0.935, 0.927), (0.964, 0.972),
            (0.986, 0.987), (0.990, 0.991), (0.970, 0.978), (0.983, 0.985), (0.973, 0.981),
        ]
        /// Per fold: basic autoencoder + LVE, then expanded autoencoder + LVE.
        static let table4: [(Double, Double)] = [
            (0.939, 0.957), (0.943, 0.969), (0.884, 0.930), (0.851, 0.901), (0.864, 0.898),
            (0.919, 0.945), (0.790, 0.920), (0.923, 0.954), (0.884, 0.910), (0.847, 0.935),
        ]
    }

    private func result(_ encoder: EncoderKind, _ expansion: Int) -> CrossValidationResult {
        results[PaperCommand.Setting(encoder: encoder, expansion: expansion)]!
    }

    private func summary(_ result: CrossValidationResult) -> String {
        String(
            format: "%.4f ± %.4f | %.4f ± %.4f",
            result.auroc.mean, result.auroc.standardDeviation, result.auprc.mean, result.auprc.standardDeviation
        )
    }

    private func paper(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "-"
    }

    /// The four tables as Markdown, ours beside the paper's.
    var markdown: String {
        var lines: [String] = []
        let positiveRate = results.values.first?.positiveRate ?? 0
        lines.append(String(format: "AUPRC of a random classifier on this data: %.4f", positiveRate))

        lines += ["", "Table 1: classifier (hidden width 10) on each encoder's latent", "",
                  "| encoder | paper AUROC | AUROC | AUPRC |", "| --- | ---: | ---: | ---: |"]
        for (name, published) in Published.table1 {
            let ours = result(name == "basic" ? .basic : .expanded, 10)
            lines.append("| \(name) | \(paper(published)) | \(summary(ours)) |")
        }

        lines += ["", "Table 2: expanded autoencoder + LVE(E)", "",
                  "| E | paper AUROC | AUROC | AUPRC |", "| ---: | ---: | ---: | ---: |"]
        for (expansion, published) in Published.table2 {
            lines.append("| \(expansion) | \(paper(published)) | \(summary(result(.expanded, expansion))) |")
        }

        lines += ["", "Table 3: no autoencoder, classifier on the scaled input, hidden width 10 vs 1,024 (AUROC per fold)", "",
                  "| fold | paper 10 | 10 | paper 1,024 | 1,024 |", "| ---: | ---: | ---: | ---: | ---: |"]
        lines += foldRows(result(.none, 10), result(.none, 1024), published: Published.table3)
        lines.append("| mean AUPRC | | \(String(format: "%.4f", result(.none, 10).auprc.mean)) | | \(String(format: "%.4f", result(.none, 1024).auprc.mean)) |")

        lines += ["", "Table 4: basic vs expanded autoencoder, each + LVE(1,024) (AUROC per fold)", "",
                  "| fold | paper basic | basic | paper expanded | expanded |", "| ---: | ---: | ---: | ---: | ---: |"]
        lines += foldRows(result(.basic, 1024), result(.expanded, 1024), published: Published.table4)
        lines.append("| mean AUPRC | | \(String(format: "%.4f", result(.basic, 1024).auprc.mean)) | | \(String(format: "%.4f", result(.expanded, 1024).auprc.mean)) |")

        if let best = results.max(by: { $0.value.auroc.mean < $1.value.auroc.mean }) {
            lines += ["", String(
                format: "Best mean AUROC on this data: encoder %@, hidden width %d (AUROC %.4f, AUPRC %.4f).",
                best.key.encoder.rawValue, best.key.expansion, best.value.auroc.mean, best.value.auprc.mean
            )]
        }
        return lines.joined(separator: "\n")
    }

    /// Formats one row per fold, then the means. The paper's columns are blank past its ten folds.
    private func foldRows(
        _ left: CrossValidationResult, _ right: CrossValidationResult, published: [(Double, Double)]
    ) -> [String] {
        var lines: [String] = []
        for index in left.folds.indices {
            let paperRow = index < published.count ? published[index] : nil
            lines.append(String(
                format: "| %d | %@ | %.4f | %@ | %.4f |",
                index + 1, paper(paperRow?.0), left.folds[index].auroc, paper(paperRow?.1), right.folds[index].auroc
            ))
        }
        let paperLeft = published.map(\.0).reduce(0, +) / Double(published.count)
        let paperRight = published.map(\.1).reduce(0, +) / Double(published.count)
        lines.append(String(
            format: "| mean | %.3f | %.4f | %.3f | %.4f |", paperLeft, left.auroc.mean, paperRight, right.auroc.mean
        ))
        return lines
    }

    /// Every setting's cross-validation summary and the paper's numbers, as JSON.
    var json: [String: JSONValue] {
        var runs: [JSONValue] = []
        for (setting, result) in results.sorted(by: { ($0.key.encoder.rawValue, $0.key.expansion) < ($1.key.encoder.rawValue, $1.key.expansion) }) {
            var entry = result.json
            entry["encoder"] = .string(setting.encoder.rawValue)
            entry["hidden_width"] = JSONValue(setting.expansion)
            runs.append(.object(entry))
        }
        return [
            "runs": .array(runs),
            "paper_auroc": .object([
                "table1": .object(Dictionary(uniqueKeysWithValues: Published.table1.map { ($0.0, JSONValue($0.1)) })),
                "table2": .object(Dictionary(uniqueKeysWithValues: Published.table2.map { (String($0.0), JSONValue($0.1)) })),
                "table3": .array(Published.table3.map { .array([JSONValue($0.0), JSONValue($0.1)]) }),
                "table4": .array(Published.table4.map { .array([JSONValue($0.0), JSONValue($0.1)]) }),
            ]),
        ]
    }
}
