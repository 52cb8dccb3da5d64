import ExpanseLog

/// Access logging through the request observer.
public enum HTTPAccessLog {
    /// Returns an observer that writes one info record per response, with
    /// `http.method`, `http.route`, `http.status`, `http.duration_seconds`,
    /// `http.response_bytes`, `request.id` and `client.address`, and
    /// `error.detail` for an error response that has one.
    public static func observer(logger: Logger) -> HTTPRequestObserver {
        { record in
            var metadata: LogMetadata = [
                "http.method": .string(record.method),
                "http.route": .string(record.route),
                "http.status": .int(record.status),
                "http.duration_seconds": .double(record.durationSeconds),
                "http.response_bytes": .int(record.responseBodyBytes),
                "request.id": .string(record.requestID),
                "client.address": .string(record.remoteAddress),
            ]
            if let detail = record.errorDetail {
                metadata["error.detail"] = .string(detail)
            }
            logger.info("request handled", metadata: metadata)
        }
    }
}
