/// A file of `Sources/ExpanseService/Resources` compiled into the binary as
/// a base64 string literal.
///
/// SwiftPM's resource bundles are found through `Bundle.module`, which links
/// Foundation into every binary that uses them. `scripts/embed-resources`
/// writes one `EmbeddedResource` per file into `Embedded/Generated`, and a
/// test fails when a generated source no longer matches its file.
struct EmbeddedResource: Sendable {
    /// The file's name in `Resources`, such as `openapi.yaml`.
    let name: String
    /// The file's size in bytes.
    let byteCount: Int
    /// The file's contents in padded base64 without line breaks.
    let base64: StaticString

    /// Decodes the contents. Each call decodes afresh and keeps no copy, so
    /// the caller decides how long the bytes stay in memory.
    func bytes() -> [UInt8] {
        let decoded = base64.withUTF8Buffer { Base64.decode($0) }
        // The literal is generated and checked by a test, so a bad one is a
        // build mistake rather than an input error.
        guard let decoded, decoded.count == byteCount else {
            preconditionFailure("embedded resource \(name) is not valid base64 of \(byteCount) bytes; run scripts/embed-resources")
        }
        return decoded
    }
}
