import ExpanseLog

/// Access logging through the request observer.
public enum HTTPAccessLog {
    /// Returns an observer that writes one info record per response, with
    /// `http.method`, `http.route`, `http.status`, `http.duration_seconds`,
    /// `http.response_bytes`, `request.id` and `client.address`.
    public static func observer(logger: Logger) -> HTTPRequestObserver {
        { record in
            logger.info(
                "request handled",
                metadata: [
                    "http.method": .string(record.method),
                    "http.route": .string(record.route),
                    "http.status": .int(record.status),
                    "http.duration_seconds": .double(record.durationSeconds),
                    "http.response_bytes": .int(record.responseBodyBytes),
                    "request.id": .string(record.requestID),
                    "client.address": .string(record.remoteAddress),
                ]
            )
        }
    }
}
