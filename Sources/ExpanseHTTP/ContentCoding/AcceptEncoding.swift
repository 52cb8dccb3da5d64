/// The content codings a request's `Accept-Encoding` fields allow
/// (RFC 9110, section 12.5.3).
struct AcceptEncoding {
    /// Each listed coding, lowercased, with its quality value from 0 to 1.
    private(set) var weights: [String: Double] = [:]

    /// Parses every `Accept-Encoding` field of `headers`. An element without
    /// `q` has quality 1; an element whose `q` is not a number from 0 to 1
    /// is ignored.
    init(headers: HTTPHeaders) {
        for element in headers.tokens(of: "Accept-Encoding") {
            let parts = element.split(separator: ";")
            guard let first = parts.first else { continue }

            let coding = String(first.trimmingSpacesAndTabs())
            var quality = 1.0
            var valid = !coding.isEmpty
            for parameter in parts.dropFirst() {
                let trimmed = parameter.trimmingSpacesAndTabs()
                guard trimmed.hasPrefix("q=") else { continue }
                if let value = Double(trimmed.dropFirst(2)), (0...1).contains(value) {
                    quality = value
                } else {
                    valid = false
                }
            }

            // A coding listed twice keeps its first weight.
            if valid && weights[coding] == nil {
                weights[coding] = quality
            }
        }
    }

    /// Whether gzip is acceptable: `gzip` or its alias `x-gzip` listed with
    /// a quality above 0, or else `*` with a quality above 0. A request
    /// without `Accept-Encoding` gets no compression.
    var allowsGzip: Bool {
        if let quality = weights["gzip"] ?? weights["x-gzip"] {
            return quality > 0
        }
        if let quality = weights["*"] {
            return quality > 0
        }
        return false
    }
}
