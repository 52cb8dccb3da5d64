extension HTTPRequestParser {
    /// Consumes one line of the head. Returns the validated head after the
    /// empty line that ends it, nil otherwise.
    mutating func consumeHeadLine(_ line: ArraySlice<UInt8>) throws(HTTPError) -> HTTPRequestHead? {
        if case .requestLine = state {
            // RFC 9112 section 2.2: ignore empty lines before the request line.
            // They count toward maxHeaderBytes, so a stream of them is bounded.
            if line.isEmpty { return nil }
            do {
                requestLine = try Self.parseRequestLine(line)
            } catch {
                // Keep a valid method for the record of the rejection, such as a 505.
                let method = line.prefix { $0 != UInt8(ascii: " ") }
                if !method.isEmpty, method.count <= 32, method.allSatisfy(Self.isTokenCharacter) {
                    rejectedMethod = String(decoding: method, as: UTF8.self)
                }
                throw error
            }
            state = .headerLines
            return nil
        }

        if line.isEmpty {
            return try finishHead()
        }
        try countField()
        fields.append(try parseField(line))
        return nil
    }

    /// Parses `method SP request-target SP HTTP-version`. The target comes
    /// back in origin form, with the authority of an absolute-form target.
    static func parseRequestLine(
        _ line: ArraySlice<UInt8>
    ) throws(HTTPError) -> (method: String, target: String, authority: String?, version: HTTPVersion) {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw HTTPError(.badRequest, detail: "The request line must be a method, a target and a version separated by single spaces.")
        }
        let (method, target, version) = (parts[0], parts[1], parts[2])

        guard !method.isEmpty, method.allSatisfy(isTokenCharacter) else {
            throw HTTPError(.badRequest, detail: "The method is not a valid token.")
        }

        let methodText = String(decoding: method, as: UTF8.self)
        let parsedTarget = try parseTarget(target, method: methodText)

        return (methodText, parsedTarget.originForm, parsedTarget.authority, try parseVersion(version))
    }

    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> HTTPVersion {
        if bytes.elementsEqual("HTTP/1.1".utf8) { return .http1_1 }
        if bytes.elementsEqual("HTTP/1.0".utf8) { return .http1_0 }

        let digit = UInt8(ascii: "0")...UInt8(ascii: "9")
        let looksLikeVersion = bytes.count == 8 && bytes.starts(with: "HTTP/".utf8)
            && digit.contains(bytes[bytes.startIndex + 5]) && bytes[bytes.startIndex + 6] == UInt8(ascii: ".")
            && digit.contains(bytes[bytes.startIndex + 7])
        if looksLikeVersion {
            throw HTTPError(.httpVersionNotSupported, detail: "Only HTTP/1.1 and HTTP/1.0 are supported.")
        }
        throw HTTPError(.badRequest, detail: "The request line does not end in a valid HTTP version.")
    }

    /// Parses `field-name ":" OWS field-value OWS`.
    func parseField(_ line: ArraySlice<UInt8>) throws(HTTPError) -> (name: String, value: String) {
        let first = line[line.startIndex]
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            throw HTTPError(.badRequest, detail: "Obsolete line folding (a field line starting with whitespace) is not accepted.")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw HTTPError(.badRequest, detail: "A header field line has no colon.")
        }

        let name = line[line.startIndex..<colon]
        if let last = name.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            throw HTTPError(.badRequest, detail: "Whitespace between a header field name and the colon is not allowed.")
        }
        guard !name.isEmpty, name.allSatisfy(Self.isTokenCharacter) else {
            throw HTTPError(.badRequest, detail: "A header field name is empty or not a valid token.")
        }

        var value = line[(colon + 1)...]
        while let byte = value.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { value.removeFirst() }
        while let byte = value.last, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { value.removeLast() }
        guard value.allSatisfy(Self.isFieldValueCharacter) else {
            throw HTTPError(.badRequest, detail: "A header field value contains a control character.")
        }

        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Validates the header section as a whole and decides the body framing.
    private mutating func finishHead() throws(HTTPError) -> HTTPRequestHead {
        guard let requestLine else {
            preconditionFailure("a head ended before its request line was parsed")
        }
        var headers = HTTPHeaders(fields.map { ($0.name, $0.value) })
        let version = requestLine.version

        let hostCount = headers.values(of: "Host").count
        if hostCount > 1 {
            throw HTTPError(.badRequest, detail: "The request has more than one Host header field.")
        }
        if hostCount == 0 && version == .http1_1 {
            throw HTTPError(.badRequest, detail: "An HTTP/1.1 request must have a Host header field.")
        }
        // RFC 9112 section 3.2: a Host value that is not a valid authority is
        // a 400, whatever the target's form. An empty value is allowed, for
        // targets without an authority.
        if let host = headers["Host"], !host.isEmpty {
            try Self.validateHost(ArraySlice(host.utf8))
        }
        if let authority = requestLine.authority {
            // RFC 9112 section 3.2.2: the authority of an absolute-form
            // target takes the place of the Host header's value. An
            // HTTP/1.0 request without Host gets the field added.
            headers.replaceValues(of: "Host", with: authority)
        }

        let framing = try Self.bodyFraming(headers: headers, version: version)
        if case .contentLength(let length) = framing, length > limits.maxBodyBytes {
            throw HTTPError(
                .contentTooLarge,
                detail: "The Content-Length of \(length) bytes exceeds the limit of \(limits.maxBodyBytes) bytes.",
                setting: "maxBodyBytes",
                remedy: "send a smaller body"
            )
        }

        var expectsContinue = false
        let expectations = headers.tokens(of: "Expect")
        if !expectations.isEmpty {
            guard expectations == ["100-continue"] else {
                throw HTTPError(.expectationFailed, detail: "The only supported expectation is 100-continue.")
            }
            // RFC 9110 section 10.1.1: a 100-continue from an HTTP/1.0 client is ignored.
            expectsContinue = version == .http1_1
        }

        let connectionOptions = headers.tokens(of: "Connection")
        let keepAlive = !connectionOptions.contains("close")
            && (version == .http1_1 || connectionOptions.contains("keep-alive"))

        let head = HTTPRequestHead(
            method: requestLine.method,
            target: requestLine.target,
            version: version,
            headers: headers,
            framing: framing,
            keepAlive: keepAlive,
            expectsContinue: expectsContinue
        )
        pendingHead = head
        switch framing {
        case .chunked: state = .chunkSizeLine
        case .contentLength(let length): state = .contentBody(remaining: length)
        }
        headBytes = 0
        fieldCount = 0
        return head
    }

    /// Applies RFC 9112 section 6.3: chunked `Transfer-Encoding`, or one
    /// agreed `Content-Length`, or no body. Every ambiguity is a 400.
    static func bodyFraming(headers: HTTPHeaders, version: HTTPVersion) throws(HTTPError) -> HTTPRequestHead.BodyFraming {
        let lengthValues = headers.values(of: "Content-Length")
        let hasTransferEncoding = headers.contains("Transfer-Encoding")

        if hasTransferEncoding {
            guard lengthValues.isEmpty else {
                throw HTTPError(.badRequest, detail: "A request must not have both Content-Length and Transfer-Encoding.")
            }
            guard version == .http1_1 else {
                throw HTTPError(.badRequest, detail: "Transfer-Encoding is not allowed in an HTTP/1.0 request.")
            }
            guard headers.tokens(of: "Transfer-Encoding") == ["chunked"] else {
                throw HTTPError(.notImplemented, detail: "The only supported Transfer-Encoding is chunked.")
            }
            return .chunked
        }

        var length: Int?
        for element in lengthValues.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let parsed = try parseContentLength(element.trimmingSpacesAndTabs())
            if let length, length != parsed {
                throw HTTPError(.badRequest, detail: "The request has conflicting Content-Length values.")
            }
            length = parsed
        }
        return .contentLength(length ?? 0)
    }

    /// Parses one `Content-Length` element: decimal digits only, no sign, no overflow.
    static func parseContentLength(_ text: Substring) throws(HTTPError) -> Int {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw HTTPError(.badRequest, detail: "Content-Length must be a non-negative decimal integer.")
        }
        guard let value = Int(text) else {
            throw HTTPError(.badRequest, detail: "Content-Length is too large to represent.")
        }
        return value
    }

    /// `tchar` from RFC 9110 section 5.6.2.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Returns whether `byte` may appear in a field value: visible ASCII, space, tab, or obs-text (0x80 and above).
    static func isFieldValueCharacter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\t") || (byte >= 0x20 && byte != 0x7F)
    }
}
