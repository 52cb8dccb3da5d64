/// Decodes an Open Inference Protocol v2 `infer` body with one input tensor
/// of `datatype` FP32 or FP64 and `shape` `[n, d]`, `d` the model's feature
/// count, into a `FeatureBatch`.
///
/// The tensor's `name` must be the model's input name, and any `outputs`
/// the request names must be the model's output. `data` may be flat (n·d
/// numbers, row-major) or nested by row (n arrays of d numbers). Members may
/// come in any order and unknown members are skipped. FP64 values are rounded to `Float`; a value that is not finite
/// after rounding is rejected.
struct InferRequestDecoder {
    let featureCount: Int
    let maxRows: Int

    /// The decoded rows and the request's `id` text (the contents of the JSON
    /// string with escapes kept), when it gave one.
    struct Result {
        var batch: FeatureBatch
        var idRange: Range<Int>?
    }

    /// The `data` member of the input tensor as read so far.
    private struct TensorData {
        /// The first `maxRows · featureCount` values, row-major.
        var values: [Float] = []
        /// Every value in `data`, including the ones past the limit that
        /// were counted but not stored.
        var count = 0
        /// The number of values in each row when `data` is nested by row.
        /// Rows that end past the limit are left out.
        var rowLengths: [Int]?

        /// Counts `value` and stores it while fewer than `limit` values are stored.
        mutating func append(_ value: Float, limit: Int) {
            count += 1
            if values.count < limit {
                values.append(value)
            }
        }
    }

    /// - Throws: `RequestDecodingError`.
    func decode(_ body: UnsafeBufferPointer<UInt8>) throws(RequestDecodingError) -> Result {
        var result = Result(batch: FeatureBatch(), idRange: nil)
        var sawInputs = false
        var sawOutputs = false
        try RequestObject.forEachMember(in: body) { scanner, key in
            if try scanner.string(key, equals: "inputs") {
                guard !sawInputs else { throw RequestDecodingError.invalidContent("inputs is given more than once") }
                result.batch = try decodeInputs(&scanner)
                sawInputs = true
            } else if try scanner.string(key, equals: "outputs") {
                guard !sawOutputs else { throw RequestDecodingError.invalidContent("outputs is given more than once") }
                sawOutputs = true
                try checkRequestedOutputs(&scanner)
            } else if try scanner.string(key, equals: "id") {
                guard result.idRange == nil else { throw RequestDecodingError.invalidContent("id is given more than once") }
                guard try scanner.peekKind() == .string else {
                    throw RequestDecodingError.invalidContent("id must be a string")
                }
                let id = try scanner.scanString()
                try scanner.validateString(id)
                result.idRange = id.range
            } else {
                try scanner.validateString(key)
                try scanner.skipValue(depth: 1)
            }
        }

        guard sawInputs else { throw .invalidContent("inputs is missing") }
        return result
    }

    /// Checks that every output the request names is one the model has.
    private func checkRequestedOutputs(_ scanner: inout JSONScanner) throws {
        guard try scanner.peekKind() == .array else { throw RequestDecodingError.invalidContent("outputs must be an array") }
        try scanner.consume(UInt8(ascii: "["))
        var index = 0
        var first = true
        while try scanner.nextElement(closing: UInt8(ascii: "]"), first: &first) {
            guard try scanner.peekKind() == .object else { throw RequestDecodingError.invalidContent("outputs[\(index)] must be an object") }
            try scanner.consume(UInt8(ascii: "{"))
            var named = false
            var firstMember = true
            while try scanner.nextElement(closing: UInt8(ascii: "}"), first: &firstMember) {
                let key = try scanner.scanString()
                try scanner.consume(UInt8(ascii: ":"))
                guard try scanner.string(key, equals: "name") else {
                    try scanner.validateString(key)
                    try scanner.skipValue(depth: 3)
                    continue
                }
                guard !named else { throw RequestDecodingError.invalidContent("outputs[\(index)].name is given more than once") }
                guard try scanner.peekKind() == .string else { throw RequestDecodingError.invalidContent("outputs[\(index)].name must be a string") }
                let text = try scanner.scanString()
                let name = try scanner.decodeString(text.range, hasEscapes: text.hasEscapes)
                guard name == ServiceRouter.outputName else {
                    throw RequestDecodingError.invalidContent("outputs[\(index)].name is \(name); this model's only output is \(ServiceRouter.outputName)")
                }
                named = true
            }
            guard named else { throw RequestDecodingError.invalidContent("outputs[\(index)].name is missing") }
            index += 1
        }
    }

    private func decodeInputs(_ scanner: inout JSONScanner) throws -> FeatureBatch {
        guard try scanner.peekKind() == .array else { throw RequestDecodingError.invalidContent("inputs must be an array") }
        try scanner.consume(UInt8(ascii: "["))

        var batch: FeatureBatch?
        var first = true
        while try scanner.nextElement(closing: UInt8(ascii: "]"), first: &first) {
            guard batch == nil else { throw RequestDecodingError.invalidContent("inputs must hold exactly one tensor") }
            batch = try decodeTensor(&scanner)
        }
        guard let batch else { throw RequestDecodingError.invalidContent("inputs must hold exactly one tensor") }
        return batch
    }

    private func decodeTensor(_ scanner: inout JSONScanner) throws -> FeatureBatch {
        guard try scanner.peekKind() == .object else { throw RequestDecodingError.invalidContent("inputs[0] must be an object") }
        try scanner.consume(UInt8(ascii: "{"))

        var shape: [Int]?
        var datatype: String?
        var data: TensorData?
        var named = false
        var seen: Set<String> = []
        var first = true
        while try scanner.nextElement(closing: UInt8(ascii: "}"), first: &first) {
            let key = try scanner.scanString()
            try scanner.consume(UInt8(ascii: ":"))
            let name = try scanner.decodeString(key.range, hasEscapes: key.hasEscapes)
            if ["shape", "datatype", "data", "name"].contains(name) {
                guard seen.insert(name).inserted else {
                    throw RequestDecodingError.invalidContent("inputs[0].\(name) is given more than once")
                }
            }
            switch name {
            case "shape": shape = try decodeShape(&scanner)
            case "datatype":
                guard try scanner.peekKind() == .string else { throw RequestDecodingError.invalidContent("inputs[0].datatype must be a string") }
                let text = try scanner.scanString()
                datatype = try scanner.decodeString(text.range, hasEscapes: text.hasEscapes)
            case "data": data = try decodeData(&scanner, shape: shape)
            case "name":
                guard try scanner.peekKind() == .string else { throw RequestDecodingError.invalidContent("inputs[0].name must be a string") }
                let text = try scanner.scanString()
                let inputName = try scanner.decodeString(text.range, hasEscapes: text.hasEscapes)
                guard inputName == ServiceRouter.inputName else {
                    throw RequestDecodingError.invalidContent("inputs[0].name is \(inputName); this model's input is \(ServiceRouter.inputName)")
                }
                named = true
            default: try scanner.skipValue(depth: 3)
            }
        }

        guard named else { throw RequestDecodingError.invalidContent("inputs[0].name is missing; this model's input is \(ServiceRouter.inputName)") }
        guard let shape else { throw RequestDecodingError.invalidContent("inputs[0].shape is missing") }
        guard let datatype else { throw RequestDecodingError.invalidContent("inputs[0].datatype is missing") }
        guard let data else { throw RequestDecodingError.invalidContent("inputs[0].data is missing") }
        return try validate(shape: shape, datatype: datatype, data: data)
    }

    /// Checks the tensor against its datatype and shape.
    /// - Throws: `tooManyRows` for a shape above `maxRows` rows, whatever
    ///   `data` contains, and `invalidContent` for a value count that differs
    ///   from the shape, counting the values past the limit that were not stored.
    private func validate(shape: [Int], datatype: String, data: TensorData) throws -> FeatureBatch {
        guard datatype == "FP32" || datatype == "FP64" else {
            throw RequestDecodingError.invalidContent("inputs[0].datatype is \(datatype); expected FP32 or FP64")
        }
        guard isWellFormed(shape) else {
            throw RequestDecodingError.invalidContent("inputs[0].shape is \(shape); expected [n, \(featureCount)] with n ≥ 1")
        }
        guard shape[0] <= maxRows else { throw RequestDecodingError.tooManyRows(limit: maxRows) }
        guard data.count == shape[0] * shape[1] else {
            throw RequestDecodingError.invalidContent("inputs[0].data contains \(data.count) values, but shape \(shape) needs \(shape[0] * shape[1])")
        }
        if let rowLengths = data.rowLengths, rowLengths.count != shape[0] || rowLengths.contains(where: { $0 != featureCount }) {
            throw RequestDecodingError.invalidContent("inputs[0].data is nested, but not as \(shape[0]) rows of \(featureCount) values")
        }
        return FeatureBatch(rows: shape[0], values: data.values, idRanges: [])
    }

    /// Returns whether `shape` is `[n, featureCount]` with n ≥ 1, leaving the row limit aside.
    private func isWellFormed(_ shape: [Int]) -> Bool {
        shape.count == 2 && shape[1] == featureCount && shape[0] >= 1
    }

    private func decodeShape(_ scanner: inout JSONScanner) throws -> [Int] {
        guard try scanner.peekKind() == .array else { throw RequestDecodingError.invalidContent("inputs[0].shape must be an array") }
        try scanner.consume(UInt8(ascii: "["))
        var shape: [Int] = []
        var first = true
        while try scanner.nextElement(closing: UInt8(ascii: "]"), first: &first) {
            guard try scanner.peekKind() == .number else { throw RequestDecodingError.invalidContent("inputs[0].shape must hold integers") }
            let value = try scanner.scanNumber().value
            guard shape.count < 8 else {
                throw RequestDecodingError.invalidContent("inputs[0].shape has more than 8 dimensions")
            }
            // Whole numbers print without a fraction, as the client wrote them.
            let text = value.rounded() == value && value.magnitude < 1e15 ? String(Int64(value)) : "\(value)"
            guard value.rounded() == value, value >= 0 else {
                throw RequestDecodingError.invalidContent("inputs[0].shape[\(shape.count)] is \(text); dimensions are non-negative integers")
            }
            guard value <= Double(Int32.max) else {
                throw RequestDecodingError.invalidContent("inputs[0].shape[\(shape.count)] is \(text), above the largest dimension accepted, \(Int32.max)")
            }
            shape.append(Int(value))
        }
        return shape
    }

    /// Reads `data`, flat or nested one level by row. Stores at most the
    /// values of `maxRows` rows, so a huge body is not buffered twice, and
    /// counts the rest so that a shape within the limit, read before or
    /// after `data`, gets a count mismatch rather than 413.
    /// - Throws: `tooManyRows` as soon as the values pass the limit when
    ///   `shape`, read before `data`, is well-formed and above the limit,
    ///   because no later member can change the result.
    private func decodeData(_ scanner: inout JSONScanner, shape: [Int]?) throws -> TensorData {
        guard try scanner.peekKind() == .array else { throw RequestDecodingError.invalidContent("inputs[0].data must be an array") }
        try scanner.consume(UInt8(ascii: "["))

        let maxValues = maxRows * featureCount
        let shapeAboveLimit = shape.map { isWellFormed($0) && $0[0] > maxRows } ?? false
        var data = TensorData()
        data.values.reserveCapacity(min(maxValues, scanner.bytes.count / 4))
        var rowsSeen = 0
        var first = true
        while try scanner.nextElement(closing: UInt8(ascii: "]"), first: &first) {
            let kind = try scanner.peekKind()
            switch kind {
            case .number:
                guard data.rowLengths == nil else { throw RequestDecodingError.invalidContent("inputs[0].data mixes numbers and rows") }
                data.append(try scanValue(&scanner, row: nil, column: data.count), limit: maxValues)
            case .array:
                guard data.rowLengths != nil || data.count == 0 else {
                    throw RequestDecodingError.invalidContent("inputs[0].data mixes numbers and rows")
                }
                try scanner.consume(UInt8(ascii: "["))
                let start = data.count
                let row = rowsSeen
                rowsSeen += 1
                var firstInRow = true
                while try scanner.nextElement(closing: UInt8(ascii: "]"), first: &firstInRow) {
                    let element = try scanner.peekKind()
                    guard element == .number else {
                        throw RequestDecodingError.invalidContent(
                            "inputs[0].data[\(row)][\(data.count - start)] is \(Self.describe(element, &scanner)), not a number"
                        )
                    }
                    data.append(try scanValue(&scanner, row: row, column: data.count - start), limit: maxValues)
                    if shapeAboveLimit && data.count > maxValues { throw RequestDecodingError.tooManyRows(limit: maxRows) }
                }
                if data.rowLengths == nil { data.rowLengths = [] }
                // Past the limit the count cannot match a shape within it,
                // so `validate` never reads these row lengths.
                if data.count <= maxValues {
                    data.rowLengths?.append(data.count - start)
                }
            default:
                // The element's index in `data`: a value count while flat, a row count once nested.
                let index = data.rowLengths == nil ? data.count : rowsSeen
                throw RequestDecodingError.invalidContent("inputs[0].data[\(index)] is \(Self.describe(kind, &scanner)), not a number or a row")
            }
            if shapeAboveLimit && data.count > maxValues { throw RequestDecodingError.tooManyRows(limit: maxRows) }
        }
        return data
    }

    /// Names the kind of the value at the scanner for an error message,
    /// reading a literal to tell `null` from `true` and `false`.
    private static func describe(_ kind: JSONScanner.ValueKind, _ scanner: inout JSONScanner) -> String {
        switch kind {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .literal: (try? scanner.scanLiteral()) ?? "a literal"
        }
    }

    /// Reads one element of `data`: `data[column]` when flat, `data[row][column]` when nested.
    private func scanValue(_ scanner: inout JSONScanner, row: Int?, column: Int) throws -> Float {
        let value = try scanner.scanFloat()
        guard value.isFinite else {
            let element = row.map { "data[\($0)][\(column)]" } ?? "data[\(column)]"
            throw RequestDecodingError.invalidContent("inputs[0].\(element) is not a finite 32-bit float")
        }
        return value
    }
}
