/// The model's feature names in input order, with their UTF-8 bytes laid out
/// back to back for comparison against JSON object keys.
struct FeatureNames: Sendable {
    let names: [String]
    /// Every name's UTF-8 bytes, concatenated in input order.
    private let bytes: [UInt8]
    /// `starts[i]..<starts[i + 1]` is name `i` in `bytes`.
    private let starts: [Int]
    /// Per name, `"name":` as compact JSON writes a key, as 8-byte words in
    /// memory order, zero-padded, with masks that select the key's bytes.
    /// Name `i` has words `keyWordStarts[i]..<keyWordStarts[i + 1]` and
    /// `keyLengths[i]` bytes. A name that JSON must escape gets no words and
    /// length 0, which never matches.
    let keyWords: [UInt64]
    let keyMasks: [UInt64]
    let keyWordStarts: [Int]
    let keyLengths: [Int]
    /// Whether a feature is called `id`, which then shadows the transaction id.
    let containsID: Bool

    init(_ names: [String]) {
        self.names = names
        containsID = names.contains("id")
        var bytes: [UInt8] = []
        var starts = [0]
        for name in names {
            bytes.append(contentsOf: name.utf8)
            starts.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts

        var words: [UInt64] = []
        var masks: [UInt64] = []
        var wordStarts = [0]
        var lengths: [Int] = []
        for name in names {
            let needsEscape = name.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
            let key = needsEscape ? [] : [UInt8(ascii: "\"")] + name.utf8 + [UInt8(ascii: "\""), UInt8(ascii: ":")]
            let wordCount = (key.count + 7) / 8
            let padded = key + [UInt8](repeating: 0, count: wordCount * 8 - key.count)
            let mask = [UInt8](repeating: 0xFF, count: key.count) + [UInt8](repeating: 0, count: wordCount * 8 - key.count)
            for word in 0..<wordCount {
                words.append(padded.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self) })
                masks.append(mask.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self) })
            }
            wordStarts.append(words.count)
            lengths.append(key.count)
        }
        keyWords = words
        keyMasks = masks
        keyWordStarts = wordStarts
        keyLengths = lengths
    }

    var count: Int { names.count }

    /// Returns the index of the feature whose name is the unescaped key in
    /// `range` of the scanner's buffer, trying `hint` first because clients
    /// usually send features in model order.
    func index(ofRawKey range: Range<Int>, in scanner: JSONScanner, hint: Int) -> Int? {
        bytes.withUnsafeBufferPointer { names in
            if hint < count, matches(hint, names: names, key: range, in: scanner.bytes) {
                return hint
            }
            for index in 0..<count where index != hint {
                if matches(index, names: names, key: range, in: scanner.bytes) {
                    return index
                }
            }
            return nil
        }
    }

    /// Compares name `index` with the key bytes byte by byte: names are a few
    /// bytes long, where a call to `memcmp` costs more than the comparison.
    private func matches(_ index: Int, names: UnsafeBufferPointer<UInt8>, key: Range<Int>, in body: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[index]
        let length = starts[index + 1] - start
        guard length == key.count else { return false }
        var offset = 0
        while offset < length {
            guard names[start + offset] == body[key.lowerBound + offset] else { return false }
            offset += 1
        }
        return true
    }
}
