import ExpanseLog

extension HTTPServerContext {
    /// Builds the response for an error, the one place where the server
    /// turns errors into responses.
    ///
    /// The configuration's setting names are applied first. With a known
    /// `path` the error renderer may supply the response, and the error's
    /// extra headers it lacks are added. Otherwise, or when the renderer
    /// returns nil, the response is `application/problem+json`.
    func response(for error: HTTPError, path: String?) -> HTTPResponse {
        let shown = configuration.presenting(error)
        guard let path, let errorRenderer, var rendered = errorRenderer(shown, path) else {
            return HTTPResponse(problem: shown)
        }

        for field in shown.headers where !rendered.headers.contains(field.name) {
            rendered.headers.add(name: field.name, value: field.value)
        }
        rendered.errorDetail = rendered.errorDetail ?? shown.detail
        return rendered
    }

    /// Maps anything a handler threw to a response. An `HTTPError` becomes
    /// its error response. Any other error becomes a 500 without its
    /// detail, which goes to `logger` at error level instead.
    func response(forThrown error: any Error, path: String, requestID: String, logger: Logger) -> HTTPResponse {
        if let httpError = error as? HTTPError {
            return response(for: httpError, path: path)
        }

        logger.error(
            "handler failed with an unexpected error",
            metadata: ["request.id": .string(requestID), "error": .string(String(describing: error))]
        )
        let hidden = HTTPError(
            .internalServerError,
            detail: "The server failed to process the request; the request id identifies it in the server's log."
        )
        return response(for: hidden, path: path)
    }

    /// Returns the route label for a request with `path`, from the route
    /// labeler, or `HTTPRequestRecord.unmatchedRoute` without one.
    func routeLabel(forPath path: String) -> String {
        routeLabeler?(path) ?? HTTPRequestRecord.unmatchedRoute
    }
}
