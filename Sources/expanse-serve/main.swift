// expanse-serve: configuration, signals and start-up. The routes, the model
// registry and reloading live in ExpanseService.
import Dispatch
import ExpanseCommandLine
import ExpanseHTTP
import ExpanseLog
import ExpanseService
import Glibc

func fail(_ message: String, exitCode: Int32) -> Never {
    ProcessIO.writeToStandardError("expanse-serve: \(message)\n")
    exit(exitCode)
}

let options: ServeOptions
do {
    switch try CommandParser(spec: ServeOptions.spec).parse(Array(CommandLine.arguments.dropFirst()), environment: ProcessIO.environment()) {
    case .help:
        print(ServeOptions.spec.help)
        exit(0)
    case .run(let parsed):
        options = try ServeOptions(parsed: parsed)
    }
} catch let error as UsageError {
    fail("\(error.message)\n\(ServeOptions.spec.usage)", exitCode: UsageError.exitCode)
} catch {
    fail("\(error)\n\(ServeOptions.spec.usage)", exitCode: UsageError.exitCode)
}

let logger = Logger(label: "expanse.serve", logLevel: options.logLevel, sink: JSONLinesLogSink())

var http = options.http
http.maxInflatedBodyBytes = options.maxInflatedBytes
http.gzipMinimumBytes = options.gzipMinimumBytes
if let certificate = options.tlsCertificatePath, let key = options.tlsKeyPath {
    http.tls = TLSConfiguration(certificatePath: certificate, keyPath: key, handshakeTimeout: options.tlsHandshakeTimeout)
}

let service: ExpanseService
do {
    service = try ExpanseService(configuration: options.service, http: http, logger: logger)
} catch {
    var metadata: LogMetadata = ["model.embedded": .bool(options.usesEmbeddedModel), "error": .string(error.message)]
    if let path = options.service.modelPath {
        metadata["model.path"] = .string(path)
    }
    logger.error("model or API keys failed to load", metadata: metadata)
    fail(error.message, exitCode: 1)
}

// Before the start log, because a supervisor may send a signal as soon as the port is logged.
SignalHandlers.install(service: service, options: options, logger: logger)

do {
    try service.start()
} catch let error as TLSConfigurationError {
    fail("cannot start TLS: \(error)", exitCode: 1)
} catch {
    fail("cannot listen on \(http.host) port \(http.port): \(error)", exitCode: 1)
}

let model = service.registry.current!
var startMetadata = options.logMetadata
startMetadata["server.address"] = .string(service.localAddress?.host ?? http.host)
startMetadata["server.port"] = .int(service.localAddress?.port ?? http.port)
startMetadata["model.name"] = .string(model.name)
startMetadata["model.version"] = .string(model.version)
startMetadata["model.sha256"] = .string(model.sha256)
logger.info("expanse-serve started", metadata: startMetadata)

logger.info("expanse-serve ready", metadata: ["server.port": .int(service.localAddress?.port ?? http.port)])
dispatchMain()
