/// Decodes a `POST /v1/score` body, `{"transactions":[{...}, ...]}`, straight
/// into a `FeatureBatch`, without building a JSON tree.
///
/// Each transaction must give every feature once, as a finite number. The
/// optional `id` may be a string or a number. Other members are skipped, at
/// any depth up to `JSONScanner.maximumDepth` nested arrays and objects.
/// Feature values are rounded to the nearest `Float`, so a value beyond the
/// `Float` range is rejected as infinite.
struct ScoreRequestDecoder {
    let features: FeatureNames
    let maxRows: Int

    /// Ids longer than this many bytes, as sent, are rejected.
    static let maxIDBytes = 256

    /// - Throws: `RequestDecodingError`. Semantic errors name the row and
    ///   field, as in `transactions[3].V14 is missing`.
    func decode(_ body: UnsafeBufferPointer<UInt8>) throws(RequestDecodingError) -> FeatureBatch {
        var batch: FeatureBatch?
        try RequestObject.forEachMember(in: body) { scanner, key in
            guard try scanner.string(key, equals: "transactions") else {
                try scanner.validateString(key)
                try scanner.skipValue(depth: 1)
                return
            }
            guard batch == nil else { throw RequestDecodingError.invalidContent("transactions is given more than once") }
            batch = try decodeTransactions(&scanner)
        }

        guard let batch else { throw .invalidContent("transactions is missing") }
        guard batch.rows > 0 else { throw .invalidContent("transactions must hold at least one transaction") }
        return batch
    }

    private func decodeTransactions(_ scanner: inout JSONScanner) throws -> FeatureBatch {
        guard try scanner.peekKind() == .array else {
            throw RequestDecodingError.invalidContent("transactions must be an array")
        }
        try scanner.consume(UInt8(ascii: "["))

        var batch = FeatureBatch()
        let estimatedRows = min(maxRows, scanner.bytes.count / (features.count * 8 + 2) + 1)
        batch.values.reserveCapacity(estimatedRows * features.count)
        batch.idRanges.reserveCapacity(estimatedRows)

        try features.keyWords.withUnsafeBufferPointer { words in
            try features.keyMasks.withUnsafeBufferPointer { masks in
                var first = true
                while try scanner.nextElement(closing: UInt8(ascii: "]"), first: &first) {
                    guard batch.rows < maxRows else { throw RequestDecodingError.tooManyRows(limit: maxRows) }
                    try decodeTransaction(&scanner, into: &batch, keyWords: words, keyMasks: masks)
                    batch.rows += 1
                }
            }
        }
        return batch
    }

    /// `keyWords` and `keyMasks` are those of `features`.
    private func decodeTransaction(
        _ scanner: inout JSONScanner, into batch: inout FeatureBatch,
        keyWords: UnsafeBufferPointer<UInt64>, keyMasks: UnsafeBufferPointer<UInt64>
    ) throws {
        let row = batch.rows
        guard try scanner.peekKind() == .object else {
            throw RequestDecodingError.invalidContent("transactions[\(row)] must be an object")
        }
        try scanner.consume(UInt8(ascii: "{"))

        // NaN marks a feature not yet seen: JSON cannot express NaN, so no
        // accepted value is NaN.
        let base = batch.values.count
        batch.values.append(contentsOf: repeatElement(Float.nan, count: features.count))
        var idRange: Range<Int>?
        var hint = 0

        var first = true
        while try scanner.nextElement(closing: UInt8(ascii: "}"), first: &first) {
            let featureIndex: Int
            if hint < features.count, case let words = features.keyWordStarts[hint]..<features.keyWordStarts[hint + 1],
                scanner.consumeIfMatches(
                    words: UnsafeBufferPointer(rebasing: keyWords[words]), masks: UnsafeBufferPointer(rebasing: keyMasks[words]),
                    length: features.keyLengths[hint]
                )
            {
                // Fast path: the key of the feature after the last one, written compactly.
                featureIndex = hint
            } else {
                let key = try scanner.scanString()
                try scanner.consume(UInt8(ascii: ":"))

                // `id` is the transaction's id unless a feature has that name.
                if !features.containsID, try scanner.string(key, equals: "id") {
                    idRange = try scanID(&scanner, row: row, previous: idRange)
                    continue
                }
                let found = key.hasEscapes
                    ? features.names.firstIndex(of: try scanner.decodeString(key.range, hasEscapes: true))
                    : features.index(ofRawKey: key.range, in: scanner, hint: hint)
                guard let found else {
                    try scanner.validateString(key)
                    try scanner.skipValue(depth: 3)
                    continue
                }
                featureIndex = found
            }

            guard batch.values[base + featureIndex].isNaN else {
                throw RequestDecodingError.invalidContent("transactions[\(row)].\(features.names[featureIndex]) is given more than once")
            }
            batch.values[base + featureIndex] = try scanFeature(&scanner, row: row, feature: featureIndex)
            hint = featureIndex + 1
        }

        for index in 0..<features.count where batch.values[base + index].isNaN {
            throw RequestDecodingError.invalidContent("transactions[\(row)].\(features.names[index]) is missing")
        }
        batch.idRanges.append(idRange)
    }

    private func scanFeature(_ scanner: inout JSONScanner, row: Int, feature: Int) throws -> Float {
        // The field name is built only on the error paths: this runs once per value.
        func field() -> String { "transactions[\(row)].\(features.names[feature])" }
        let byte = scanner.peekByte()
        guard byte == UInt8(ascii: "-") || (byte.map { $0 &- UInt8(ascii: "0") < 10 } ?? false) else {
            if try scanner.peekKind() == .literal {
                let literal = try scanner.scanLiteral()
                throw RequestDecodingError.invalidContent(literal == "null" ? "\(field()) is null" : "\(field()) is \(literal), not a number")
            }
            try scanner.skipValue(depth: 3)
            throw RequestDecodingError.invalidContent("\(field()) is not a number")
        }

        let value = try scanner.scanFloat()
        guard value.isFinite else {
            throw RequestDecodingError.invalidContent("\(field()) is not a finite 32-bit float")
        }
        return value
    }

    /// - Parameter previous: the id already read for this row, which makes this one a repeat.
    private func scanID(_ scanner: inout JSONScanner, row: Int, previous: Range<Int>?) throws -> Range<Int> {
        guard previous == nil else {
            throw RequestDecodingError.invalidContent("transactions[\(row)].id is given more than once")
        }
        let range: Range<Int>
        switch try scanner.peekKind() {
        case .string:
            // Ids are echoed byte for byte, escapes included, so they must be
            // valid UTF-8 and pair their surrogate escapes.
            let string = try scanner.scanString()
            try scanner.validateString(string)
            range = string.range
        case .number:
            range = try scanner.scanNumber().range
        default:
            throw RequestDecodingError.invalidContent("transactions[\(row)].id must be a string or a number")
        }
        guard range.count <= Self.maxIDBytes else {
            throw RequestDecodingError.invalidContent("transactions[\(row)].id is longer than \(Self.maxIDBytes) bytes")
        }
        return range
    }
}
