extension CSVParser {
    /// Parses one field as a finite number.
    func number(_ field: CSVField, column: String, parser: borrowing FloatParser) throws(DataError) -> Float {
        switch parser.parse(bytes, start: field.start, end: field.end) {
        case .value(let value) where value.isFinite:
            return value
        case .value:
            let text = field.text(in: bytes)
            throw DataError(
                .nonFiniteValue, file: source, line: lineNumber, column: column, value: text,
                message: "\(location()), column \"\(column)\": the value \"\(text)\" is not a finite 32-bit number (NaN, infinity or out of range). Replace it with a finite number or remove the row.")
        case .empty:
            throw DataError(
                .emptyValue, file: source, line: lineNumber, column: column, value: "",
                message: "\(location()), column \"\(column)\": the value is empty. Fill in a number or remove the row.")
        case .invalid:
            let text = field.text(in: bytes)
            throw DataError(
                .nonNumericValue, file: source, line: lineNumber, column: column, value: text,
                message: "\(location()), column \"\(column)\": the value \"\(text)\" is not a number. Correct it or remove the row. Every loaded column must be numeric, so leave text columns out with --features.")
        }
    }

    /// Parses one field as a label: any number equal to 0 or 1.
    func label(_ field: CSVField, column: String, parser: borrowing FloatParser) throws(DataError) -> Float {
        if case .value(let value) = parser.parse(bytes, start: field.start, end: field.end), value == 0 || value == 1 {
            return value
        }
        let text = field.text(in: bytes)
        throw DataError(
            .invalidLabel, file: source, line: lineNumber, column: column, value: text,
            message: "\(location()), column \"\(column)\": the label \"\(text)\" is not 0 or 1. Labels must be 0 (legitimate) or 1 (fraud). Fix the value, or pass --label NAME if the label is another column.")
    }

    func wrongColumnCount(line: (start: Int, end: Int), columns: [String]) -> DataError {
        let found = fields.count
        let detail =
            found < columns.count
            ? "the first missing column is \"\(columns[found])\""
            : "the extra value is \"\(fields[columns.count].text(in: bytes))\""
        return DataError(
            .wrongColumnCount, file: source, line: lineNumber, column: found < columns.count ? columns[found] : nil,
            value: lineText(line),
            message: "\(location()) has \(found) values but the header has \(columns.count) columns, and \(detail). Check that line for a missing or extra comma.")
    }

    func requireBothClasses(_ labels: [Float], labelName: String) throws(DataError) {
        let positives = labels.reduce(0) { $0 + Int($1) }
        let negatives = labels.count - positives
        guard positives == 0 || negatives == 0 else {
            return
        }
        let only = positives == 0 ? 0 : 1
        throw DataError(
            .singleClass, file: source, column: labelName, value: String(only),
            message: "\(source): every one of the \(labels.count) rows has \(labelName) = \(only). Training needs rows of both class 0 and class 1. Check that this is the right file and label column.")
    }
}
