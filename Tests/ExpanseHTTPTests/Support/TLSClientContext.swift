import COpenSSL

/// A client `SSL_CTX` for tests that trusts one certificate file.
final class TLSClientContext {
    let context: OpaquePointer

    /// - Parameters:
    ///   - trustedCertificatePath: the PEM certificate the server must present.
    ///   - maxVersion: the highest protocol version to offer, such as `TLS1_1_VERSION`.
    ///   - alpn: the protocols to offer in ALPN, or nil to offer none.
    init(trustedCertificatePath: String, maxVersion: Int32? = nil, alpn: [String]? = nil) throws {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw TestClient.ClientError(description: "SSL_CTX_new failed: \(openSSLErrors())")
        }
        self.context = context

        guard SSL_CTX_load_verify_locations(context, trustedCertificatePath, nil) == 1 else {
            throw TestClient.ClientError(description: "cannot load \(trustedCertificatePath): \(openSSLErrors())")
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)

        if let maxVersion {
            // At OpenSSL 3.0's default security level 1 the client itself
            // rejects TLS 1.1. Level 0 lets the offer reach the server, so a
            // failure shows the server's decision.
            SSL_CTX_set_security_level(context, 0)
            _ = SSL_CTX_set_cipher_list(context, "DEFAULT:@SECLEVEL=0")
            _ = copenssl_ctx_set_min_proto_version(context, 0)
            _ = copenssl_ctx_set_max_proto_version(context, maxVersion)
        }

        if let alpn {
            var wire: [UInt8] = []
            for name in alpn {
                wire.append(UInt8(name.utf8.count))
                wire.append(contentsOf: name.utf8)
            }
            // SSL_CTX_set_alpn_protos returns 0 on success.
            guard SSL_CTX_set_alpn_protos(context, wire, UInt32(wire.count)) == 0 else {
                throw TestClient.ClientError(description: "SSL_CTX_set_alpn_protos failed")
            }
        }
    }

    deinit {
        SSL_CTX_free(context)
    }
}

extension TestClient {
    /// The ALPN protocol the server selected, or nil when none was.
    var selectedALPN: String? {
        guard let ssl else { return nil }
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &data, &length)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    /// The common name in the subject of the server's certificate.
    var peerCommonName: String? {
        guard let ssl, let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(certificate) }
        var name = [CChar](repeating: 0, count: 256)
        let length = X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, &name, Int32(name.count))
        guard length >= 0 else { return nil }
        return name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// The protocol version of the TLS session, such as `TLSv1.3`.
    var tlsVersion: String? {
        guard let ssl else { return nil }
        return String(cString: SSL_get_version(ssl))
    }
}

/// Drains the calling thread's OpenSSL error queue into one line.
func openSSLErrors() -> String {
    var messages: [String] = []
    var buffer = [CChar](repeating: 0, count: 256)
    while case let code = ERR_get_error(), code != 0 {
        let message = buffer.withUnsafeMutableBufferPointer { pointer in
            ERR_error_string_n(code, pointer.baseAddress, pointer.count)
            return String(cString: pointer.baseAddress!)
        }
        messages.append(message)
    }
    return messages.isEmpty ? "no OpenSSL error" : messages.joined(separator: "; ")
}
