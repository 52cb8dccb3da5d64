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

    /// - Throws: `RequestDecodingError`.
    func decode(_ body: UnsafeBufferPointer<UInt8>) throws(RequestDecodingError) -> Result {
        var scanner = JSONScanner(body)
        var result = Result(batch: FeatureBatch(), idRange: nil)
        var sawInputs = false
        do {
            guard try scanner.peekKind() == .object else {
                throw RequestDecodingError.invalidContent("the request body must be a JSON object")
            }
            try scanner.consume(UInt8(ascii: "{"))
            var first = true
            while try scanner.nextElement(closing: UInt8(ascii: "}"), first: &first) {
                let key = try scanner.scanString()
                try scanner.consume(UInt8(ascii: ":"))
                if !key.hasEscapes, scanner.rawString(key.range, equalsText: "inputs") {
                    result.batch = try decodeInputs(&scanner)
                    sawInputs = true
                } else if !key.hasEscapes, scanner.rawString(key.range, equalsText: "outputs") {
                    try checkRequestedOutputs(&scanner)
                } else if !key.hasEscapes, scanner.rawString(key.range, equalsText: "id") {
                    guard try scanner.peekKind() == .string else {
                        throw RequestDecodingError.invalidContent("id must be a string")
                    }
                    let id = try scanner.scanString()
                    _ = try scanner.decodeString(id.range, hasEscapes: id.hasEscapes)
                    result.idRange = id.range
                } else {
                    try scanner.skipValue(depth: 1)
                }
            }
            try scanner.finish()
        } catch let error as JSONSyntaxError {
            throw .malformed(error)
        } catch let error as RequestDecodingError {
            throw error
        } catch {
            throw .invalidContent(String(describing: error))
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
                guard !key.hasEscapes, scanner.rawString(key.range, equalsText: "name") else {
                    try scanner.skipValue(depth: 3)
                    continue
                }
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
        var data: (values: [Float], rowLengths: [Int]?)?
        var named = false
        var first = true
        while try scanner.nextElement(closing: UInt8(ascii: "}"), first: &first) {
            let key = try scanner.scanString()
            try scanner.consume(UInt8(ascii: ":"))
            let name = try scanner.decodeString(key.range, hasEscapes: key.hasEscapes)
            switch name {
            case "shape": shape = try decodeShape(&scanner)
            case "datatype":
                guard try scanner.peekKind() == .string else { throw RequestDecodingError.invalidContent("inputs[0].datatype must be a string") }
                let text = try scanner.scanString()
                datatype = try scanner.decodeString(text.range, hasEscapes: text.hasEscapes)
            case "data": data = try decodeData(&scanner)
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
        return try validate(shape: shape, datatype: datatype, values: data.values, rowLengths: data.rowLengths)
    }

    private func validate(shape: [Int], datatype: String, values: [Float], rowLengths: [Int]?) throws -> FeatureBatch {
        guard datatype == "FP32" || datatype == "FP64" else {
            throw RequestDecodingError.invalidContent("inputs[0].datatype is \(datatype); expected FP32 or FP64")
        }
        guard shape.count == 2, shape[1] == featureCount, shape[0] >= 1 else {
            throw RequestDecodingError.invalidContent("inputs[0].shape is \(shape); expected [n, \(featureCount)] with n ≥ 1")
        }
        guard shape[0] <= maxRows else { throw RequestDecodingError.tooManyRows(limit: maxRows) }
        guard values.count == shape[0] * shape[1] else {
            throw RequestDecodingError.invalidContent("inputs[0].data contains \(values.count) values, but shape \(shape) needs \(shape[0] * shape[1])")
        }
        if let rowLengths, rowLengths.count != shape[0] || rowLengths.contains(where: { $0 != featureCount }) {
            throw RequestDecodingError.invalidContent("inputs[0].data is nested, but not as \(shape[0]) rows of \(featureCount) values")
        }
        return FeatureBatch(rows: shape[0], values: values, idRanges: [])
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
            guard value.rounded() == value, value >= 0 else {
                throw RequestDecodingError.invalidContent("inputs[0].shape[\(shape.count)] is \(value); dimensions are non-negative integers")
            }
            guard value <= Double(Int32.max) else {
                throw RequestDecodingError.invalidContent("inputs[0].shape[\(shape.count)] is \(value), above the largest dimension accepted, \(Int32.max)")
            }
            shape.append(Int(value))
        }
        return shape
    }

    /// Reads `data`, flat or nested one level by row. Stops once the values
    /// exceed what `maxRows` rows can hold, so a huge body is not buffered twice.
    private func decodeData(_ scanner: inout JSONScanner) throws -> (values: [Float], rowLengths: [Int]?) {
        guard try scanner.peekKind() == .array else { throw RequestDecodingError.invalidContent("inputs[0].data must be an array") }
        try scanner.consume(UInt8(ascii: "["))

        let maxValues = maxRows * featureCount
        var values: [Float] = []
        values.reserveCapacity(min(maxValues, scanner.bytes.count / 4))
        var rowLengths: [Int]?
        var first = true
        while try scanner.nextElement(closing: UInt8(ascii: "]"), first: &first) {
            switch try scanner.peekKind() {
            case .number:
                guard rowLengths == nil else { throw RequestDecodingError.invalidContent("inputs[0].data mixes numbers and rows") }
                values.append(try scanValue(&scanner, index: values.count))
            case .array:
                guard rowLengths != nil || values.isEmpty else {
                    throw RequestDecodingError.invalidContent("inputs[0].data mixes numbers and rows")
                }
                try scanner.consume(UInt8(ascii: "["))
                let start = values.count
                var firstInRow = true
                while try scanner.nextElement(closing: UInt8(ascii: "]"), first: &firstInRow) {
                    guard try scanner.peekKind() == .number else {
                        throw RequestDecodingError.invalidContent("inputs[0].data must hold numbers or rows of numbers")
                    }
                    values.append(try scanValue(&scanner, index: values.count))
                    if values.count > maxValues { throw RequestDecodingError.tooManyRows(limit: maxRows) }
                }
                if rowLengths == nil { rowLengths = [] }
                rowLengths?.append(values.count - start)
            default:
                throw RequestDecodingError.invalidContent("inputs[0].data must hold numbers or rows of numbers")
            }
            if values.count > maxValues { throw RequestDecodingError.tooManyRows(limit: maxRows) }
        }
        return (values, rowLengths)
    }

    private func scanValue(_ scanner: inout JSONScanner, index: Int) throws -> Float {
        let value = try scanner.scanFloat()
        guard value.isFinite else {
            throw RequestDecodingError.invalidContent("inputs[0].data[\(index)] is not a finite 32-bit float")
        }
        return value
    }
}
