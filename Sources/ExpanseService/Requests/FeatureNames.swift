/// The model's feature names in input order, with their UTF-8 bytes ready
/// for comparison against JSON object keys.
struct FeatureNames: Sendable {
    let names: [String]
    let utf8: [[UInt8]]

    init(_ names: [String]) {
        self.names = names
        utf8 = names.map { Array($0.utf8) }
    }

    var count: Int { names.count }

    /// Returns the index of the feature whose name is the unescaped key in
    /// `range` of the scanner's buffer, trying `hint` first because clients
    /// usually send features in model order.
    func index(ofRawKey range: Range<Int>, in scanner: JSONScanner, hint: Int) -> Int? {
        if hint < utf8.count, utf8[hint].withUnsafeBufferPointer({ scanner.rawString(range, equals: $0) }) {
            return hint
        }
        for index in utf8.indices where index != hint {
            if utf8[index].withUnsafeBufferPointer({ scanner.rawString(range, equals: $0) }) {
                return index
            }
        }
        return nil
    }
}
