import Glibc

extension HTTPRequestParser {
    /// A request target after its form is checked (RFC 9112 section 3.2).
    struct ParsedTarget {
        /// The target in origin form (`/path?query`), or `*` for `OPTIONS *`.
        var originForm: String
        /// The `host[:port]` of an absolute-form target, which replaces the
        /// Host header's value. Nil for the other forms.
        var authority: String?
    }

    /// The position of a request target's path, for a target that may
    /// still be arriving.
    enum PathStart: Equatable {
        /// The target is not in absolute form, so its path starts at its first byte.
        case targetStart
        /// An absolute-form target whose path starts at this buffer index.
        case afterAuthority(Int)
        /// An absolute-form target with an empty path, which means `/`.
        case emptyPath
        /// The scheme or the authority of an absolute-form target has not
        /// ended yet, or it contains a byte that no target may contain.
        case unknown
    }

    /// Checks the form of `target` and returns it in origin form.
    ///
    /// Accepts origin-form (`/path?query`), asterisk-form (`*`) for
    /// `OPTIONS`, and absolute-form with the scheme `http` or `https` in
    /// any case. An absolute-form target becomes its path and query, `/`
    /// when the path is empty, and its authority is returned separately.
    /// - Throws: `HTTPError` 400 for any of these:
    ///   - `*` with a method other than OPTIONS, or authority-form (CONNECT);
    ///   - another scheme, or an absolute-form target without `//` and a host;
    ///   - userinfo (`@`) in the authority, or a non-numeric port;
    ///   - a fragment (`#`), or a space, control character or non-ASCII byte
    ///     anywhere in the target.
    static func parseTarget(_ target: ArraySlice<UInt8>, method: String) throws(HTTPError) -> ParsedTarget {
        guard target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw HTTPError(.badRequest, detail: "The request target contains a space, a control character or a non-ASCII byte.")
        }
        // RFC 9112 section 3.2: a request target has no fragment.
        guard !target.contains(UInt8(ascii: "#")) else {
            throw HTTPError(.badRequest, detail: "The request target contains '#'. A fragment is never sent in a request; remove it.")
        }
        if target.first == UInt8(ascii: "/") {
            return ParsedTarget(originForm: String(decoding: target, as: UTF8.self), authority: nil)
        }
        if target.elementsEqual("*".utf8) {
            guard method == "OPTIONS" else {
                throw HTTPError(
                    .badRequest,
                    detail: "The request target '*' is only accepted with OPTIONS. Send a path starting with '/' instead."
                )
            }
            return ParsedTarget(originForm: "*", authority: nil)
        }

        guard let colon = target.firstIndex(of: UInt8(ascii: ":")), isScheme(target[target.startIndex..<colon]) else {
            throw HTTPError(
                .badRequest,
                detail: "The request target must be a path starting with '/', an absolute URI such as 'http://host/path', or '*' for OPTIONS."
            )
        }
        let afterColon = target[(colon + 1)...]
        if !afterColon.isEmpty, afterColon.allSatisfy(isDigit) {
            throw HTTPError(
                .badRequest,
                detail: "Authority-form request targets (host:port, used by CONNECT) are not supported because this server is not a proxy."
            )
        }
        let scheme = String(decoding: target[target.startIndex..<colon], as: UTF8.self).lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw HTTPError(
                .badRequest,
                detail: "The request target has the scheme '\(scheme)', but only http and https absolute URIs are accepted."
            )
        }
        guard afterColon.starts(with: "//".utf8) else {
            throw HTTPError(
                .badRequest,
                detail: "The absolute request target has no authority. Send it as '\(scheme)://host/path'."
            )
        }
        return try parseAbsoluteForm(afterColon.dropFirst(2), scheme: scheme)
    }

    /// Splits the part of an absolute-form target after `scheme://` into
    /// the authority and the origin form.
    private static func parseAbsoluteForm(_ rest: ArraySlice<UInt8>, scheme: String) throws(HTTPError) -> ParsedTarget {
        let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        let authority = rest[rest.startIndex..<authorityEnd]
        try validateAuthority(authority, scheme: scheme)

        let pathAndQuery = rest[authorityEnd...]
        var originForm = String(decoding: pathAndQuery, as: UTF8.self)
        // RFC 9112 section 3.2.1: an empty path is sent as "/".
        if pathAndQuery.first != UInt8(ascii: "/") {
            originForm = "/" + originForm
        }
        return ParsedTarget(originForm: originForm, authority: String(decoding: authority, as: UTF8.self))
    }

    /// Checks a Host header value as `validateAuthority` checks an authority.
    /// - Throws: `HTTPError` 400 whose detail names the Host header.
    static func validateHost(_ host: ArraySlice<UInt8>) throws(HTTPError) {
        do {
            try validateAuthority(host, scheme: "http")
        } catch {
            let value = String(decoding: host.prefix(100), as: UTF8.self)
            throw HTTPError(
                .badRequest,
                detail: "The Host header field '\(value)' is not a valid host with an optional port, such as 'example.com:8080' or '[::1]'."
            )
        }
    }

    /// Checks `host [":" port]` from RFC 3986 section 3.2, with host a
    /// bracketed IP literal or a registered name, and rejects userinfo as
    /// RFC 9110 section 4.2.4 allows.
    private static func validateAuthority(_ authority: ArraySlice<UInt8>, scheme: String) throws(HTTPError) {
        if authority.isEmpty {
            throw HTTPError(
                .badRequest,
                detail: "The absolute request target has an empty host. Send it as '\(scheme)://host/path'."
            )
        }
        if authority.contains(UInt8(ascii: "@")) {
            throw HTTPError(
                .badRequest,
                detail: "The absolute request target contains userinfo ('@' in the authority), which is not accepted. Send it as '\(scheme)://host/path'."
            )
        }

        let hostEnd: ArraySlice<UInt8>.Index
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")), close > authority.startIndex + 1,
                isIPLiteral(authority[(authority.startIndex + 1)..<close])
            else {
                throw HTTPError(
                    .badRequest,
                    detail: "The absolute request target has an invalid IP literal host: the text between '[' and ']' must be an IPv6 address or an IPvFuture literal such as 'v1.x'."
                )
            }
            hostEnd = close + 1
        } else {
            hostEnd = authority.firstIndex(of: UInt8(ascii: ":")) ?? authority.endIndex
            let name = authority[authority.startIndex..<hostEnd]
            guard !name.isEmpty, name.allSatisfy(isRegisteredNameCharacter), hasValidPercentEncoding(name) else {
                throw HTTPError(
                    .badRequest,
                    detail: "The host in the absolute request target is empty or contains a character that is invalid in a host name."
                )
            }
        }

        let afterHost = authority[hostEnd...]
        guard afterHost.isEmpty || (afterHost.first == UInt8(ascii: ":") && afterHost.dropFirst().allSatisfy(isDigit)) else {
            throw HTTPError(
                .badRequest,
                detail: "The port in the absolute request target must be decimal digits after the host and a ':'."
            )
        }
    }

    /// Finds where the path starts in `bytes`, the start of a request
    /// target that may be cut off: after the authority of an `http://` or
    /// `https://` target in any case, and at the start for any other target.
    static func pathStart(in bytes: ArraySlice<UInt8>) -> PathStart {
        var authorityStart: Int?
        for prefix in ["http://", "https://"] {
            let length = min(prefix.utf8.count, bytes.count)
            let matched = zip(bytes, prefix.utf8).prefix(length).allSatisfy { HTTPHeaders.asciiLowercase($0) == $1 }
            guard matched else { continue }
            if length < prefix.utf8.count { return .unknown }
            authorityStart = bytes.startIndex + length
        }
        guard let authorityStart else { return .targetStart }

        let end = bytes[authorityStart...].firstIndex { byte in
            byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte <= 0x20 || byte >= 0x7F
        }
        guard let end else { return .unknown }
        switch bytes[end] {
        case UInt8(ascii: "/"): return .afterAuthority(end)
        case UInt8(ascii: "?"), UInt8(ascii: " "): return .emptyPath
        default: return .unknown
        }
    }

    /// Returns whether `bytes` are a `scheme` (RFC 3986 section 3.1): a
    /// letter, then letters, digits, `+`, `-` or `.`.
    private static func isScheme(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// Returns whether `byte` may appear in a `reg-name` (RFC 3986 section
    /// 3.2.2): unreserved, sub-delims or `%`. `hasValidPercentEncoding`
    /// checks the two hex digits after each `%`.
    private static func isRegisteredNameCharacter(_ byte: UInt8) -> Bool {
        if isLetter(byte) || isDigit(byte) { return true }
        return "-._~%!$&'()*+,;=".utf8.contains(byte)
    }

    /// Returns whether the text between `[` and `]` is an IPv6 address, as
    /// `inet_pton` reads one, or an IPvFuture literal: `v`, hex digits, `.`,
    /// then unreserved, sub-delimiter or `:` characters (RFC 3986 section 3.2.2).
    private static func isIPLiteral(_ literal: ArraySlice<UInt8>) -> Bool {
        if literal.first.map({ $0 | 0x20 }) == UInt8(ascii: "v") {
            let rest = literal.dropFirst()
            guard let dot = rest.firstIndex(of: UInt8(ascii: ".")), dot > rest.startIndex else { return false }
            let version = rest[rest.startIndex..<dot]
            let address = rest[(dot + 1)...]
            return version.allSatisfy(isHexDigit) && !address.isEmpty
                && address.allSatisfy { isRegisteredNameCharacter($0) || $0 == UInt8(ascii: ":") }
        }
        guard literal.count <= 45 else { return false }
        var text = Array(literal)
        text.append(0)
        var address = in6_addr()
        return text.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { inet_pton(AF_INET6, $0.baseAddress, &address) == 1 }
        }
    }

    /// Returns whether every `%` in `bytes` starts a `pct-encoded` triplet:
    /// `%` and two hex digits (RFC 3986 section 2.1).
    private static func hasValidPercentEncoding(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while let percent = bytes[index...].firstIndex(of: UInt8(ascii: "%")) {
            guard percent + 2 < bytes.endIndex, isHexDigit(bytes[percent + 1]), isHexDigit(bytes[percent + 2]) else { return false }
            index = percent + 3
        }
        return true
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
