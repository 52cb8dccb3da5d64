import Glibc

/// The work behind `CSVLoader`: header, column selection and rows, over one
/// buffer of UTF-8 text.
struct CSVParser {
    struct Table {
        var featureNames: [String]
        var labelName: String?
        var rowCount: Int
        var features: [Float]
        var labels: [Float]?
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let source: String
    let options: CSVOptions
    /// The offset of the first byte not yet read.
    private var position = 0
    /// The 1-based number of the line read last.
    private(set) var lineNumber = 0
    var fields: [CSVField] = []

    init(bytes: UnsafeBufferPointer<UInt8>, source: String, options: CSVOptions) {
        self.bytes = bytes
        self.source = source
        self.options = options
    }

    mutating func parse() throws(DataError) -> Table {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
        }

        var header = nextLine()
        while let line = header, line.start == line.end {
            header = nextLine()
        }
        guard let headerLine = header else {
            throw DataError(.emptyFile, file: source, message: "\(source) is empty. Expected a header line followed by data rows.")
        }
        let columns = try readHeader(headerLine)
        let selection = try select(columns)

        var features: [Float] = []
        var labels: [Float]? = selection.label == nil ? nil : []
        features.reserveCapacity(estimatedRows() * selection.features.count)
        labels?.reserveCapacity(estimatedRows())

        // destination[column] is the feature slot of that column, -1 for the label, -2 for unused.
        var destination = [Int](repeating: -2, count: columns.count)
        for (slot, column) in selection.features.enumerated() {
            destination[column] = slot
        }
        if let label = selection.label {
            destination[label] = -1
        }

        let parser = FloatParser()
        var row = [Float](repeating: 0, count: selection.features.count)
        var rowCount = 0
        while let line = nextLine() {
            if line.start == line.end {
                continue
            }
            if let problem = CSVField.split(bytes, start: line.start, end: line.end, into: &fields) {
                throw DataError(
                    .invalidQuoting, file: source, line: lineNumber, value: lineText(line),
                    message: "\(location()): \(problem). Fix the quoting on that line.")
            }
            guard fields.count == columns.count else {
                throw wrongColumnCount(line: line, columns: columns)
            }

            for (column, slot) in destination.enumerated() where slot != -2 {
                let field = fields[column]
                if slot >= 0 {
                    row[slot] = try number(field, column: columns[column], parser: parser)
                } else {
                    labels!.append(try label(field, column: columns[column], parser: parser))
                }
            }
            features.append(contentsOf: row)
            rowCount += 1
        }

        guard rowCount > 0 else {
            throw DataError(
                .noRows, file: source, line: lineNumber,
                message: "\(source) has a header but no data rows. Check that the file is complete.")
        }
        if options.labelsRequired, let labels, let labelName = selection.labelName {
            try requireBothClasses(labels, labelName: labelName)
        }
        return Table(
            featureNames: selection.features.map { columns[$0] }, labelName: selection.labelName, rowCount: rowCount,
            features: features, labels: labels)
    }

    // MARK: Lines

    /// Returns the next line's byte range without its line end, or nil at the end of the buffer.
    private mutating func nextLine() -> (start: Int, end: Int)? {
        guard position < bytes.count else {
            return nil
        }
        let start = position
        let remaining = bytes.count - start
        var end = bytes.count
        if let found = memchr(bytes.baseAddress! + start, 0x0A, remaining) {
            end = start + (UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress! + start))
            position = end + 1
        } else {
            position = bytes.count
        }
        lineNumber += 1

        if end > start && bytes[end - 1] == 0x0D {
            end -= 1
        }
        return (start, end)
    }

    /// Counts the line feeds after the header, an upper bound on the rows left, to size the output once.
    private func estimatedRows() -> Int {
        var count = 0
        var offset = position
        while offset < bytes.count, let found = memchr(bytes.baseAddress! + offset, 0x0A, bytes.count - offset) {
            count += 1
            offset = UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!) + 1
        }
        return count + 1
    }

    func lineText(_ line: (start: Int, end: Int)) -> String {
        let shown = min(line.end, line.start + 120)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[line.start..<shown]), as: UTF8.self)
        return shown < line.end ? text + "…" : text
    }

    func location() -> String {
        "\(source) line \(lineNumber)"
    }
}
