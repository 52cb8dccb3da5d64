import ExpanseCore

/// A self-contained HTML page for one cross-validation. It shows the summary,
/// every fold, the out-of-fold ROC and precision-recall curves, and a 2-D PCA
/// scatter of the last fold's latent vectors coloured by class. That scatter
/// is the picture of the method's Figure 2, drawn for the user's own data.
/// The page has no scripts and loads no other file: the plots are inline SVG.
public struct HTMLReport {
    public let dataset: Dataset
    public let config: TrainingConfig
    public let result: CrossValidationResult

    /// At most this many points are drawn in the scatter: every positive row,
    /// then negatives at an even stride.
    public static let maximumScatterPoints = 4_000

    public init(dataset: Dataset, config: TrainingConfig, result: CrossValidationResult) {
        self.dataset = dataset
        self.config = config
        self.result = result
    }

    /// Renders the page.
    public func render() -> String {
        let labels = dataset.labels ?? []
        let curves = RankingCurves(scores: result.outOfFoldProbabilities, labels: labels)
        let (points, pointLabels) = latentScatter(labels: labels)
        let latentName = config.encoder == .none ? "scaled input" : "\(config.encoder.rawValue) encoder's latent vector"

        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>expanse-train cross-validation</title>
            <style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}
            td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #ddd}svg{margin:0 1em 1em 0}
            .pos{fill:#c0392b}.neg{fill:#2e86c1}</style></head><body>
            <h1>Cross-validation of \(escape(dataset.source))</h1>
            <p>\(dataset.rowCount) rows, \(dataset.featureCount) features, \(labels.filter { $0 == 1 }.count) positives.
            Encoder <b>\(config.encoder.rawValue)</b>, E = \(config.expansion), \(result.folds.count) stratified folds, seed \(config.seed).</p>
            <p>AUROC <b>\(format(result.auroc.mean)) ± \(format(result.auroc.standardDeviation))</b>,
            AUPRC <b>\(format(result.auprc.mean)) ± \(format(result.auprc.standardDeviation))</b>
            (a random classifier scores \(format(result.positiveRate))). Wall time \(format(result.wallSeconds, digits: 1)) s.</p>
            <table><tr><th>fold</th><th>AUROC</th><th>AUPRC</th><th>test rows</th><th>positives</th><th>train s</th></tr>

            """
        for fold in result.folds {
            html += "<tr><td>\(fold.fold + 1)</td><td>\(format(fold.auroc))</td><td>\(format(fold.auprc))</td>"
            html += "<td>\(fold.testRows)</td><td>\(fold.testPositives)</td><td>\(format(fold.trainSeconds, digits: 2))</td></tr>\n"
        }
        html += "</table>\n<h2>Out-of-fold curves</h2>\n"
        html += linePlot(curves.roc, title: "ROC", xLabel: "false positive rate", yLabel: "true positive rate")
        html += linePlot(curves.precisionRecall, title: "Precision-recall", xLabel: "recall", yLabel: "precision")
        html += "<h2>Principal components of the \(escape(latentName)) (last fold's network, all rows)</h2>\n"
        html += scatterPlot(points, labels: pointLabels)
        html += "<p>Red: label 1. Blue: label 0. At most \(Self.maximumScatterPoints) points are drawn.</p>\n</body></html>\n"
        return html
    }

    /// Projects the rows chosen for the scatter through the last fold's scaler and encoder.
    private func latentScatter(labels: [Float]) -> ([(x: Double, y: Double)], [Float]) {
        var chosen = labels.indices.filter { labels[$0] == 1 }
        let negatives = labels.indices.filter { labels[$0] != 1 }
        let room = max(0, Self.maximumScatterPoints - chosen.count)
        let stride = max(1, (negatives.count + room - 1) / max(room, 1))
        chosen += Swift.stride(from: 0, to: negatives.count, by: stride).map { negatives[$0] }.prefix(room)
        chosen = Array(chosen.prefix(Self.maximumScatterPoints))

        let width = dataset.featureCount
        var rows = [Float](repeating: 0, count: chosen.count * width)
        for (position, row) in chosen.enumerated() {
            for column in 0..<width {
                rows[position * width + column] = dataset.features[row * width + column]
            }
        }
        let network = result.lastNetwork
        var vectors = network.scaler.transform(rows)
        var vectorWidth = width
        if let autoencoder = network.weights.makeAutoencoder() {
            let latent = autoencoder.encode(Matrix(rows: chosen.count, columns: width, values: vectors))
            vectors = latent.values
            vectorWidth = latent.columns
        }
        return (PrincipalComponents.project(vectors, width: vectorWidth), chosen.map { labels[$0] })
    }

    private func linePlot(_ points: [(x: Double, y: Double)], title: String, xLabel: String, yLabel: String) -> String {
        let path = points.map { "\(format(40 + $0.x * 240, digits: 1)),\(format(260 - $0.y * 240, digits: 1))" }.joined(separator: " ")
        return """
            <svg width="300" height="300" viewBox="0 0 300 300" role="img" aria-label="\(title)">
            <rect x="40" y="20" width="240" height="240" fill="none" stroke="#999"/>
            <polyline points="\(path)" fill="none" stroke="#c0392b" stroke-width="1.5"/>
            <text x="160" y="14" text-anchor="middle">\(title)</text>
            <text x="160" y="290" text-anchor="middle">\(xLabel)</text>
            <text x="12" y="140" text-anchor="middle" transform="rotate(-90 12 140)">\(yLabel)</text>
            </svg>

            """
    }

    private func scatterPlot(_ points: [(x: Double, y: Double)], labels: [Float]) -> String {
        let xs = points.map(\.x)
        let ys = points.map(\.y)
        let (minX, maxX) = (xs.min() ?? 0, xs.max() ?? 1)
        let (minY, maxY) = (ys.min() ?? 0, ys.max() ?? 1)
        let spanX = maxX - minX > 0 ? maxX - minX : 1
        let spanY = maxY - minY > 0 ? maxY - minY : 1

        var svg = ##"<svg width="500" height="500" viewBox="0 0 500 500" role="img" aria-label="latent PCA scatter">"## + "\n"
        svg += ##"<rect x="20" y="20" width="460" height="460" fill="none" stroke="#999"/>"## + "\n"
        // Negatives first, so the rarer positives are drawn on top.
        for positive in [false, true] {
            for (point, label) in zip(points, labels) where (label == 1) == positive {
                let x = 20 + (point.x - minX) / spanX * 460
                let y = 480 - (point.y - minY) / spanY * 460
                svg += "<circle cx=\"\(format(x, digits: 1))\" cy=\"\(format(y, digits: 1))\" r=\"\(positive ? 2.5 : 1.5)\" class=\"\(positive ? "pos" : "neg")\"/>\n"
            }
        }
        return svg + "</svg>\n"
    }

    private func format(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }

    private func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
