extension HTTPServer {
    /// Reads the certificate and key again from the configured paths and
    /// uses them for every connection accepted afterwards. Connections that
    /// are already open keep the context they started with.
    ///
    /// The swap is atomic: a connection gets either the old or the new
    /// context, never a partly loaded one. On failure the old context stays
    /// in use.
    /// - Throws: `TLSConfigurationError` naming the file at fault, or
    ///   `.notConfigured` when the server has no `tls` configuration.
    public func reloadTLS() throws(TLSConfigurationError) {
        guard let tls = context.configuration.tls else {
            throw .notConfigured
        }

        let loaded: TLSContext
        do {
            loaded = try TLSContext(configuration: tls)
        } catch {
            context.logger.warning(
                "TLS reload failed; the previous certificate stays in use",
                metadata: ["error": .string(error.description)]
            )
            throw error
        }

        tlsContext.withLock { $0 = loaded }
        context.logger.info("TLS certificate reloaded", metadata: ["tls.certificate_path": .string(tls.certificatePath)])
    }

    /// Wraps an accepted socket in TLS when the server has a TLS context,
    /// and in plain TCP otherwise.
    /// - Throws: `SocketError` when OpenSSL cannot create the connection
    ///   object; the caller still owns the socket then.
    func makeTransport(acceptedSocket: Int32) throws(SocketError) -> any HTTPTransport {
        guard let tls = tlsContext.withLock({ $0 }) else {
            return TCPTransport(acceptedSocket: acceptedSocket)
        }
        return try TLSTransport(acceptedSocket: acceptedSocket, context: tls)
    }
}
