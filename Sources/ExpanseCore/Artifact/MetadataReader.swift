/// Typed reads of an artifact's `__metadata__` values, each throwing an
/// `ArtifactError` that names the key, the expected form and the value found.
struct MetadataReader {
    let metadata: [String: String]

    func string(_ key: String) throws(ArtifactError) -> String {
        guard let value = metadata[key] else {
            throw ArtifactError(.missingMetadata, key: key, "metadata key \(key) is missing")
        }
        return value
    }

    func nonEmptyString(_ key: String) throws(ArtifactError) -> String {
        let value = try string(key)
        guard !value.isEmpty else {
            throw invalid(key, "must not be empty")
        }
        return value
    }

    func json(_ key: String) throws(ArtifactError) -> JSONValue {
        let text = try string(key)
        do {
            return try JSONParser.parse(Array(text.utf8))
        } catch {
            throw invalid(key, "is not valid JSON (\(error.reason) at byte \(error.offset)): \(text)")
        }
    }

    func object(_ key: String) throws(ArtifactError) -> [String: JSONValue] {
        guard let object = try json(key).objectValue else {
            throw invalid(key, "must be a JSON object but is \(try string(key))")
        }
        return object
    }

    /// Reads `features`: a non-empty JSON list of distinct strings.
    func features() throws(ArtifactError) -> [String] {
        let key = "features"
        guard let elements = try json(key).arrayValue, !elements.isEmpty else {
            throw invalid(key, "must be a non-empty JSON list of strings but is \(try string(key))")
        }
        var names: [String] = []
        for element in elements {
            guard let name = element.stringValue else {
                throw invalid(key, "must contain only strings but contains \(element.serialized())")
            }
            guard !names.contains(name) else {
                throw invalid(key, "lists \(name) twice")
            }
            names.append(name)
        }
        return names
    }

    /// Reads a JSON list of `count` finite numbers.
    func floats(_ key: String, count: Int) throws(ArtifactError) -> [Float] {
        guard let elements = try json(key).arrayValue else {
            throw invalid(key, "must be a JSON list of numbers but is \(try string(key))")
        }
        guard elements.count == count else {
            throw invalid(key, "has \(elements.count) values but there are \(count) features")
        }
        var values: [Float] = []
        for (index, element) in elements.enumerated() {
            guard let value = element.floatValue else {
                throw invalid(key, "must contain only numbers but contains \(element.serialized()) at index \(index)")
            }
            guard value.isFinite else {
                throw ArtifactError(.nonFiniteValue, key: key, "\(key) value \(element.serialized()) at index \(index) is not a finite Float")
            }
            values.append(value)
        }
        return values
    }

    func bool(_ key: String) throws(ArtifactError) -> Bool {
        switch try string(key) {
        case "true": return true
        case "false": return false
        case let other: throw invalid(key, "must be true or false but is \(other)")
        }
    }

    /// Reads `encoder`, `reduction` and `expansion` into a shape for `features` inputs.
    func shape(features: Int) throws(ArtifactError) -> NetworkShape {
        let encoderText = try string("encoder")
        guard let encoder = EncoderKind(rawValue: encoderText) else {
            let kinds = EncoderKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw invalid("encoder", "must be one of \(kinds) but is \(encoderText)")
        }
        let reduction = try positiveInt("reduction")
        let expansion = try positiveInt("expansion")
        return NetworkShape(features: features, encoder: encoder, reduction: reduction, expansion: expansion)
    }

    func positiveInt(_ key: String) throws(ArtifactError) -> Int {
        let text = try string(key)
        guard let value = Int(text), value >= 1 else {
            throw invalid(key, "must be a positive integer but is \(text)")
        }
        return value
    }

    /// Reads `threshold`: a decimal number from 0 to 1.
    func threshold() throws(ArtifactError) -> Double {
        let text = try string("threshold")
        guard let value = Double(text), value >= 0, value <= 1 else {
            throw invalid("threshold", "must be a decimal number from 0 to 1 but is \(text)")
        }
        return value
    }

    /// Reads a SHA-256 digest written as 64 lowercase hex digits.
    func sha256(_ key: String) throws(ArtifactError) -> String {
        let text = try string(key)
        let isHex = text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        guard text.utf8.count == 64, isHex else {
            throw invalid(key, "must be 64 lowercase hex digits but is \(text)")
        }
        return text
    }

    /// Reads a time written as `YYYY-MM-DDTHH:MM:SSZ`.
    func timestamp(_ key: String) throws(ArtifactError) -> String {
        let text = try string(key)
        let pattern = Array("dddd-dd-ddTdd:dd:ddZ".utf8)
        let bytes = Array(text.utf8)
        let matches = bytes.count == pattern.count
            && zip(bytes, pattern).allSatisfy { byte, expected in
                expected == UInt8(ascii: "d") ? (0x30...0x39).contains(byte) : byte == expected
            }
        guard matches else {
            throw invalid(key, "must be an ISO 8601 UTC time such as 2026-01-31T23:59:59Z but is \(text)")
        }
        return text
    }

    private func invalid(_ key: String, _ problem: String) -> ArtifactError {
        ArtifactError(.invalidMetadata, key: key, "metadata \(key) \(problem)")
    }
}
