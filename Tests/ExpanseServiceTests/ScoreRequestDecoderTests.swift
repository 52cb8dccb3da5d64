import ExpanseCore
import Foundation
import Testing
@testable import ExpanseService

private let names = ["Time", "V1", "V10", "A feature with a long name", "Amount"]

private func decode(_ json: String, features: [String] = names) throws -> FeatureBatch {
    let bytes = Array(json.utf8)
    return try bytes.withUnsafeBufferPointer { body in
        try ScoreRequestDecoder(features: FeatureNames(features), maxRows: 100).decode(body)
    }
}

@Test(arguments: [
    // Compact, in model order: every key takes the matching fast path.
    #"{"transactions":[{"Time":1,"V1":2,"V10":3,"A feature with a long name":4,"Amount":5}]}"#,
    // Reordered, spaced and escaped keys take the general path.
    #"{"transactions":[{"Amount":5,"V10":3,"Time":1,"A feature with a long name":4,"V1":2}]}"#,
    #"{ "transactions" : [ { "Time" : 1 , "V1":2, "V10" :3, "A feature with a long name": 4 ,"Amount":5 } ] }"#,
    #"{"transactions":[{"Tim\u0065":1,"V\u0031":2,"V10":3,"A feature with a long name":4,"Amount":5}]}"#,
    // Keys that start like a feature's key but are other members.
    #"{"transactions":[{"Time":1,"V1x":9,"V1":2,"V100":9,"V10":3,"A feature with a long name":4,"Amount":5,"Amount2":9}]}"#,
])
func decoderReadsAnyKeyLayout(json: String) throws {
    let batch = try decode(json)

    #expect(batch.rows == 1)
    #expect(batch.values == [1, 2, 3, 4, 5])
}

@Test func decoderReadsKeysThatEndTheBody() throws {
    // The last key sits within 8 bytes of the end, where whole-word compares cannot run.
    let batch = try decode(#"{"transactions":[{"Time":1,"V1":2}]}"#, features: ["Time", "V1"])

    #expect(batch.values == [1, 2])
}

@Test func decoderRejectsRepeatedFeatureOnTheFastPath() {
    #expect(throws: RequestDecodingError.self) {
        _ = try decode(#"{"transactions":[{"Time":1,"V1":2,"V1":2,"V10":3,"A feature with a long name":4,"Amount":5}]}"#)
    }
}

@Test func decoderMatchesNamesThatJSONEscapes() throws {
    let features = ["a\"b", "c\\d"]
    let batch = try decode(#"{"transactions":[{"a\"b":1,"c\\d":2}]}"#, features: features)

    #expect(batch.values == [1, 2])
}

private func scanFloat(_ text: String) throws -> Float {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer in
        var scanner = JSONScanner(buffer)
        let value = try scanner.scanFloat()
        try scanner.finish()
        return value
    }
}

@Test func scanFloatRoundsLikeStrtof() throws {
    var generator = SeededGenerator(seed: 5)
    var texts = ["0", "-0", "149.62", "-1.3598071336738", "3.4028235e38", "1e-46", "1.4e-45", "123456789012345678901234"]
    for _ in 0..<3000 {
        let value = generator.nextFloat(symmetricBound: 1) * pow(10, Float(generator.nextIndex(below: 20)) - 10)
        let digits = 1 + generator.nextIndex(below: 17)
        texts.append(String(format: "%.\(digits)g", Double(value)))
    }

    for text in texts {
        let expected = strtof(text, nil)
        #expect(try scanFloat(text).bitPattern == expected.bitPattern, "\(text)")
    }
}

@Test(arguments: [
    ("3.4028234663852886e38", Float.greatestFiniteMagnitude),
    ("3.40282356e38", Float.greatestFiniteMagnitude),
    // The Double nearest to this text is 2^128 − 2^103, the contract's exclusive maximum.
    ("3.4028235677973366e+38", Float.infinity),
    ("-3.4028235677973366e+38", -Float.infinity),
    ("3.4028236e38", Float.infinity),
    ("1e39", Float.infinity),
])
func scanFloatBoundsLikeTheContract(text: String, expected: Float) throws {
    #expect(try scanFloat(text) == expected)
}

@Test func scanFloatRoundsNumbersNextToHalfwayPoints() throws {
    // 17 digits of the midpoint of two adjacent Floats name a decimal just
    // above or below it, which rounds to the midpoint itself as a Double:
    // rounding that Double again would tie to even, half the time wrongly.
    var generator = SeededGenerator(seed: 9)
    var mismatchesThroughDouble = 0
    for _ in 0..<2000 {
        let low = generator.nextFloat(symmetricBound: 1000)
        let midpoint = (Double(low) + Double(low.nextUp)) / 2
        let text = String(format: "%.17g", midpoint)
        let expected = strtof(text, nil)
        if Float(strtod(text, nil)) != expected { mismatchesThroughDouble += 1 }

        #expect(try scanFloat(text) == expected, "\(text)")
    }
    #expect(mismatchesThroughDouble > 0, "the inputs never reached the halfway case")
}

@Test func scanFloatRoundsShortDecimalsLikeStrtof() throws {
    // Mantissas below 2^24 with 1 to 10 decimals: the range of the
    // reciprocal and division fast paths, edges included.
    var generator = SeededGenerator(seed: 13)
    var mantissas: [UInt64] = [0, 1, 5, 9, (1 << 24) - 1, (1 << 24) - 5, 16_777_215, 8_388_609]
    for _ in 0..<20_000 {
        mantissas.append(UInt64(generator.nextIndex(below: 1 << 24)))
    }

    for mantissa in mantissas {
        for decimals in 1...10 {
            var digits = String(mantissa)
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            let text = "\(digits.dropLast(decimals)).\(digits.suffix(decimals))"
            let expected = strtof(text, nil)
            let value = try scanFloat(text)
            if value.bitPattern != expected.bitPattern {
                Issue.record("\(text): \(value) vs strtof \(expected)")
                return
            }
        }
    }
}

@Test func decoderReadsFeatureNamedID() throws {
    let batch = try decode(#"{"transactions":[{"x":2,"id":1}]}"#, features: ["id", "x"])

    #expect(batch.values == [1, 2])
    #expect(batch.idRanges.count == 1)
    #expect(batch.idRanges.first! == nil)
}

/// Returns the error `decode` throws for `json`, or nil when it succeeds.
private func decodingError(_ json: String, features: [String] = ["a", "b"]) -> RequestDecodingError? {
    do {
        _ = try decode(json, features: features)
        return nil
    } catch let error as RequestDecodingError {
        return error
    } catch {
        return nil
    }
}

@Test func decoderReadsEscapedTopLevelKey() throws {
    let batch = try decode(#"{"\u0074ransactions":[{"a":1,"b":2}]}"#, features: ["a", "b"])

    #expect(batch.values == [1, 2])
}

@Test(arguments: [
    (#"{"transactions":[{"a":1,"b":2}],"\u0074ransactions":[]}"#, "transactions is given more than once"),
    (#"{"transactions":[{"a":1,"b":2,"id":"x","id":"y"}]}"#, "transactions[0].id is given more than once"),
])
func decoderRejectsRepeatedMembers(json: String, message: String) {
    guard case .invalidContent(let detail)? = decodingError(json) else {
        Issue.record("expected a content error for \(json)")
        return
    }
    #expect(detail == message)
}

/// Returns the UTF-8 bytes of `text` with each `~` replaced by 0xFF, a byte never valid in UTF-8.
private func bytesWithInvalidUTF8(_ text: String) -> [UInt8] {
    text.utf8.map { $0 == UInt8(ascii: "~") ? 0xFF : $0 }
}

@Test(arguments: [
    #"{"transactions":[{"a":1,"b":2,"note":"~"}]}"#,
    #"{"transactions":[{"a":1,"b":2,"~":0}]}"#,
    #"{"~":0,"transactions":[{"a":1,"b":2}]}"#,
    #"{"transactions":[{"a":1,"b":2,"id":"\ud800"}]}"#,
    #"{"transactions":[{"a":1,"b":2,"note":"\udc00 alone"}]}"#,
])
func decoderRejectsInvalidStringsItIgnores(json: String) {
    let error = bytesWithInvalidUTF8(json).withUnsafeBufferPointer { body -> RequestDecodingError? in
        do throws(RequestDecodingError) {
            _ = try ScoreRequestDecoder(features: FeatureNames(["a", "b"]), maxRows: 10).decode(body)
            return nil
        } catch {
            return error
        }
    }

    guard case .malformed? = error else {
        Issue.record("expected a syntax error, got \(String(describing: error))")
        return
    }
}

@Test(arguments: [
    (#"{"\u0069nputs":[{"name":"transactions","shape":[1,2],"datatype":"FP32","data":[1,2]}]}"#, nil as String?),
    (#"{"inputs":"x", "#, "malformed"),
    (#"{"inputs":[{"name":"transactions","shape":[1,2],"datatype":"FP32","data":[1,2]}],"inputs":[]}"#, "inputs is given more than once"),
])
func inferDecoderReadsKeysAndSyntax(json: String, expected: String?) {
    #expect(inferOutcome(json) == expected)
}

/// Decodes `json` as an infer request for 2 features and returns nil on
/// success, "malformed" for a syntax error, or the content error's detail.
private func inferOutcome(_ json: String) -> String? {
    Array(json.utf8).withUnsafeBufferPointer { body -> String? in
        do throws(RequestDecodingError) {
            _ = try InferRequestDecoder(featureCount: 2, maxRows: 10).decode(body)
            return nil
        } catch {
            switch error {
            case .malformed: return "malformed"
            case .invalidContent(let detail): return detail
            default: return "\(error)"
            }
        }
    }
}

@Test(arguments: [
    (#"{"inputs":[{"name":"transactions","shape":[2,2],"datatype":"FP32","data":[[1,2],[3,1e39]]}]}"#, "inputs[0].data[1][1] is not a finite 32-bit float"),
    (#"{"inputs":[{"name":"transactions","shape":[2,2],"datatype":"FP32","data":[1,2,3,1e39]}]}"#, "inputs[0].data[3] is not a finite 32-bit float"),
    (#"{"inputs":[{"name":"transactions","shape":[7],"shape":[1,2],"datatype":"FP32","data":[1,2]}]}"#, "inputs[0].shape is given more than once"),
    (#"{"inputs":[{"name":"transactions","shape":[1,2],"datatype":"BYTES","datatype":"FP32","data":[1,2]}]}"#, "inputs[0].datatype is given more than once"),
    (#"{"inputs":[{"name":"transactions","shape":[1,2],"datatype":"FP32","data":[9],"d\u0061ta":[1,2]}]}"#, "inputs[0].data is given more than once"),
    (#"{"inputs":[{"name":"transactions","shape":[2,2],"datatype":"FP32","data":[[1,2],[3,null]]}]}"#, "inputs[0].data[1][1] is null, not a number"),
    (#"{"inputs":[{"name":"transactions","shape":[1,2],"datatype":"FP32","data":[1,"2"]}]}"#, "inputs[0].data[1] is a string, not a number or a row"),
    (#"{"inputs":[{"name":"transactions","shape":[2,2],"datatype":"FP32","data":[[1,2],"x"]}]}"#, "inputs[0].data[1] is a string, not a number or a row"),
    (#"{"outputs":[],"outputs":[],"inputs":[{"name":"transactions","shape":[1,2],"datatype":"FP32","data":[1,2]}]}"#, "outputs is given more than once"),
    (#"{"outputs":[{"name":"fraud_probability","name":"x"}],"inputs":[{"name":"transactions","shape":[1,2],"datatype":"FP32","data":[1,2]}]}"#, "outputs[0].name is given more than once"),
])
func inferDecoderNamesTheElement(json: String, message: String) {
    #expect(inferOutcome(json) == message)
}
