import ExpanseCommandLine
import ExpanseHTTP
import ExpanseLog
import ExpanseService
import Glibc

/// Every `expanse-serve` setting, parsed from flags and `EXPANSE_*`
/// environment variables (a flag wins) and validated before the server starts.
struct ServeOptions {
    var service: ServiceConfiguration
    var http: HTTPServerConfiguration
    var logLevel: LogLevel
    var drainDelay: Duration
    var drainTimeout: Duration
    var maxInflatedBytes: Int
    var tlsCertificatePath: String?
    var tlsKeyPath: String?
    var tlsHandshakeTimeout: Duration
    /// Responses smaller than this many bytes are never compressed.
    var gzipMinimumBytes: Int
    /// Whether the model is the one built into the binary.
    var usesEmbeddedModel: Bool

    /// Returns the environment variable of a flag: `EXPANSE_` and the name in upper snake case.
    static func environmentName(of flag: String) -> String {
        "EXPANSE_" + String(flag.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    private static func option(
        _ name: String, value: String? = nil, default defaultValue: String? = nil, range: OptionRange? = nil, help: String
    ) -> OptionSpec {
        OptionSpec(name, value: value, default: defaultValue, environment: environmentName(of: name), range: range, help: help)
    }

    static let spec = CommandSpec(
        name: "expanse-serve",
        abstract: "Serves fraud probabilities for card transactions over HTTP/1.1 from one expanse-train model artifact.",
        options: [
            option("host", value: "ADDRESS", default: "127.0.0.1", help: "Address to bind: an IPv4 or IPv6 literal, or localhost."),
            option("port", value: "PORT", default: "8080", range: .integer(0...65535), help: "TCP port. 0 picks a free port, which the start log shows."),
            option("model", value: "FILE", help: "Model artifact (.safetensors) to serve (default: the model built into the binary)."),
            option("model-name", value: "NAME", help: "Model name in responses and in /v2/models/{name} (default: the artifact's name)."),
            option("max-batch-rows", value: "N", default: "10000", range: .integer(1...1_000_000), help: "Maximum transactions or tensor rows in one request. More get 413."),
            option("max-header-bytes", value: "BYTES", default: "16384", range: .integer(1024...1_048_576), help: "Largest request line plus header fields, in bytes. Larger get 431."),
            option("max-body-bytes", value: "BYTES", default: "16777216", range: .integer(1...1_073_741_824), help: "Largest request body, in bytes. Larger get 413."),
            option("max-inflated-bytes", value: "BYTES", default: "16777216", range: .integer(1...1_073_741_824), help: "Largest gzip request body after decompression, in bytes."),
            option("header-timeout", value: "SECONDS", default: "10", range: .real(0.1...3600), help: "Time allowed to receive a request's head, in seconds."),
            option("body-timeout", value: "SECONDS", default: "30", range: .real(0.1...3600), help: "Time allowed to receive a request's body, in seconds."),
            option("idle-timeout", value: "SECONDS", default: "60", range: .real(0.1...3600), help: "Time a keep-alive connection may stay idle, in seconds."),
            option(
                "max-connections", value: "N", default: "1024", range: .integer(1...1_000_000),
                help: "Maximum open client connections. More connections get 503 with Retry-After over plain HTTP, or are closed without a response under TLS."
            ),
            option(
                "event-loops", value: "N", range: .integer(1...256),
                help: "Threads that read, score and write, each serving its share of the connections. The default is one per online processor."
            ),
            option(
                "drain-delay", value: "SECONDS", default: "5", range: .real(0...3600),
                help: "On SIGTERM or SIGINT, time between readiness turning 503 and the listener closing, in seconds."
            ),
            option(
                "drain-timeout", value: "SECONDS", default: "20", range: .real(0...3600),
                help: "Time allowed for requests in flight to finish after the listener closes, in seconds."
            ),
            option("log-level", value: "LEVEL", default: "info", help: "Lowest level logged: trace, debug, info, notice, warning, error or critical."),
            option("tls-cert", value: "FILE", help: "PEM certificate chain; serves HTTPS when given with --tls-key."),
            option("tls-key", value: "FILE", help: "PEM private key of --tls-cert."),
            option("tls-handshake-timeout", value: "SECONDS", default: "10", range: .real(0.1...3600), help: "Time allowed for a TLS handshake, in seconds."),
            option(
                "gzip-min-bytes", value: "BYTES", default: "1024", range: .integer(0...1_073_741_824),
                help: "Smallest response body, in bytes, that is gzip-compressed for clients that accept it."
            ),
            option("api-keys-file", value: "FILE", help: "File of bearer tokens, one per line (# comments and blank lines ignored); protects /v1, /v2 model and /admin routes."),
            option("protect-metrics", help: "Require a bearer token on /metrics too (needs --api-keys-file)."),
            option("watch", help: "Poll the model file every second and reload it when its time, size or inode changes."),
        ],
        discussion: """
            Every option can also be set with the environment variable shown; the flag wins.
            Signals: SIGHUP reloads the model, the API keys and the TLS certificate and key; SIGTERM and SIGINT drain and exit 0.
            Exit codes: 0 after a graceful shutdown, 1 when the model cannot be loaded or the port bound, 64 for invalid options.
            """
    )

    /// - Throws: `UsageError` naming the flag or variable and the accepted range.
    init(parsed: ParsedOptions) throws {
        let modelPath = parsed.string("model")
        usesEmbeddedModel = modelPath == nil

        service = ServiceConfiguration(modelPath: modelPath)
        service.modelName = parsed.string("model-name")
        service.maxBatchRows = try parsed.int("max-batch-rows")!
        service.apiKeysPath = parsed.string("api-keys-file")
        service.protectMetrics = try parsed.flag("protect-metrics")
        service.watchModel = try parsed.flag("watch")
        if service.protectMetrics && service.apiKeysPath == nil {
            throw UsageError("\(parsed.source(of: "protect-metrics")) needs --api-keys-file")
        }
        if service.watchModel && modelPath == nil {
            throw UsageError("\(parsed.source(of: "watch")) needs --model: the built-in model has no file to poll")
        }

        http = HTTPServerConfiguration()
        http.host = parsed.string("host")!
        guard ["localhost", "0.0.0.0", "::"].contains(http.host) || Self.isIPLiteral(http.host) else {
            throw UsageError("invalid \(parsed.source(of: "host")) value '\(http.host)': expected an IPv4 or IPv6 address or localhost")
        }
        http.port = try parsed.int("port")!
        http.maxHeaderBytes = try parsed.int("max-header-bytes")!
        http.maxBodyBytes = try parsed.int("max-body-bytes")!
        http.headerReadTimeout = try Self.seconds(parsed, "header-timeout")
        http.bodyReadTimeout = try Self.seconds(parsed, "body-timeout")
        http.keepAliveIdleTimeout = try Self.seconds(parsed, "idle-timeout")
        http.maxConnections = try parsed.int("max-connections")!
        http.eventLoopCount = try parsed.int("event-loops") ?? http.eventLoopCount
        http.settingNames = Self.httpSettingFlags
        http.fixedSettings = Self.fixedHTTPSettings
        maxInflatedBytes = try parsed.int("max-inflated-bytes")!

        drainDelay = try Self.seconds(parsed, "drain-delay")
        drainTimeout = try Self.seconds(parsed, "drain-timeout")
        let levelName = try parsed.choice("log-level", from: LogLevel.allCases.map(\.description))!
        logLevel = LogLevel.allCases.first { $0.description == levelName }!

        tlsCertificatePath = parsed.string("tls-cert")
        tlsKeyPath = parsed.string("tls-key")
        guard (tlsCertificatePath == nil) == (tlsKeyPath == nil) else {
            throw UsageError("--tls-cert and --tls-key must be given together")
        }
        for name in ["tls-cert", "tls-key", "api-keys-file"] {
            if let file = parsed.string(name), access(file, R_OK) != 0 {
                throw UsageError("invalid \(parsed.source(of: name)) value '\(file)': the file cannot be read")
            }
        }
        tlsHandshakeTimeout = try Self.seconds(parsed, "tls-handshake-timeout")
        gzipMinimumBytes = try parsed.int("gzip-min-bytes")!
    }

    /// The flag that sets each limit of `HTTPServerConfiguration`, by field
    /// name, so that error responses name the flag an operator changes.
    static let httpSettingFlags: [String: String] = [
        "maxHeaderBytes": "--max-header-bytes",
        "maxBodyBytes": "--max-body-bytes",
        "maxInflatedBodyBytes": "--max-inflated-bytes",
        "headerReadTimeout": "--header-timeout",
        "bodyReadTimeout": "--body-timeout",
        "maxConnections": "--max-connections",
    ]
    /// Limits of `HTTPServerConfiguration` that no flag sets.
    static let fixedHTTPSettings: Set<String> = ["maxHeaderCount", "maxRequestLineBytes"]

    private static func seconds(_ parsed: ParsedOptions, _ name: String) throws -> Duration {
        let value = try parsed.double(name)!
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    private static func secondsValue(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func isIPLiteral(_ host: String) -> Bool {
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        return inet_pton(AF_INET, host, &ipv4) == 1 || inet_pton(AF_INET6, host, &ipv6) == 1
    }

    /// The settings for the start log, without secrets (the keys file's path only).
    var logMetadata: LogMetadata {
        var metadata: LogMetadata = [
            "model.embedded": .bool(usesEmbeddedModel),
            "settings.max_batch_rows": .int(service.maxBatchRows),
            "settings.max_header_bytes": .int(http.maxHeaderBytes),
            "settings.max_body_bytes": .int(http.maxBodyBytes),
            "settings.max_inflated_bytes": .int(maxInflatedBytes),
            "settings.header_timeout_seconds": .double(Self.secondsValue(http.headerReadTimeout)),
            "settings.body_timeout_seconds": .double(Self.secondsValue(http.bodyReadTimeout)),
            "settings.idle_timeout_seconds": .double(Self.secondsValue(http.keepAliveIdleTimeout)),
            "settings.max_connections": .int(http.maxConnections),
            "settings.drain_delay_seconds": .double(Self.secondsValue(drainDelay)),
            "settings.drain_timeout_seconds": .double(Self.secondsValue(drainTimeout)),
            "settings.tls": .bool(tlsCertificatePath != nil),
            "settings.gzip_min_bytes": .int(gzipMinimumBytes),
            "settings.api_keys_file": .string(service.apiKeysPath ?? ""),
            "settings.protect_metrics": .bool(service.protectMetrics),
            "settings.watch": .bool(service.watchModel),
        ]
        if let path = service.modelPath {
            metadata["model.path"] = .string(path)
        }
        return metadata
    }
}
