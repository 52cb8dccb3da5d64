extension CSVParser {
    /// The columns to load: feature column indices in output order and the label column.
    struct Selection {
        var features: [Int]
        var label: Int?
        var labelName: String?
    }

    /// Reads the header's column names and rejects repeated names. Empty names are allowed.
    mutating func readHeader(_ line: (start: Int, end: Int)) throws(DataError) -> [String] {
        if let problem = CSVField.split(bytes, start: line.start, end: line.end, into: &fields) {
            throw DataError(
                .invalidQuoting, file: source, line: lineNumber,
                message: "\(location()) (the header): \(problem). Fix the quoting of the column names.")
        }

        var names: [String] = []
        var firstIndex: [String: Int] = [:]
        for field in fields {
            let name = field.text(in: bytes)
            if let earlier = firstIndex[name] {
                throw DataError(
                    .duplicateColumn, file: source, line: lineNumber, column: name, value: name,
                    message: "\(location()): the column name \"\(name)\" appears twice (columns \(earlier + 1) and \(names.count + 1)). Rename one of them so that every column name is unique.")
            }
            firstIndex[name] = names.count
            names.append(name)
        }
        return names
    }

    /// Picks the label and feature columns that `options` names.
    func select(_ columns: [String]) throws(DataError) -> Selection {
        let labelName = options.label ?? CSVOptions.defaultLabel
        let label = columns.firstIndex(of: labelName)
        let columnList = columns.map { "\"\($0)\"" }.joined(separator: ", ")

        if label == nil && options.labelsRequired {
            throw DataError(
                .missingLabelColumn, file: source, line: lineNumber, column: labelName,
                message: "\(source) has no label column \"\(labelName)\". The columns are \(columnList). Pass --label NAME to choose the label column.")
        }

        guard let requested = options.features else {
            let features = columns.indices.filter { $0 != label }
            guard !features.isEmpty else {
                throw DataError(
                    .unknownFeature, file: source, line: lineNumber,
                    message: "\(source) has no feature columns besides the label \"\(labelName)\". Add feature columns to the file.")
            }
            return Selection(features: features, label: label, labelName: label == nil ? nil : labelName)
        }

        var features: [Int] = []
        for name in requested {
            guard let index = columns.firstIndex(of: name) else {
                throw DataError(
                    .unknownFeature, file: source, line: lineNumber, column: name,
                    message: "--features names \"\(name)\", which is not a column of \(source). The columns are \(columnList). Correct the name or drop it from --features.")
            }
            guard index != label else {
                throw DataError(
                    .labelAsFeature, file: source, line: lineNumber, column: name,
                    message: "--features names \"\(name)\", which is the label column of \(source). Remove it from --features or choose another label with --label NAME.")
            }
            guard !features.contains(index) else {
                throw DataError(
                    .duplicateColumn, file: source, line: lineNumber, column: name,
                    message: "--features names \"\(name)\" twice. List each feature once.")
            }
            features.append(index)
        }
        guard !features.isEmpty else {
            throw DataError(.unknownFeature, file: source, line: lineNumber, message: "--features is empty. Name at least one column of \(source).")
        }
        return Selection(features: features, label: label, labelName: label == nil ? nil : labelName)
    }
}
