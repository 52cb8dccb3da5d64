// A benchmark harness: ExpanseHTTP with a handler that returns a fixed
// 150-byte JSON body for every request. Used by bench/http-echo/run.sh and
// bench/tls/run.
import ExpanseHTTP
import ExpanseLog
import Foundation

let usage = "usage: expanse-http-echo [--host ADDRESS] [--port PORT] [--access-log] [--tls-cert PEM_FILE --tls-key PEM_FILE]"

/// The options, parsed and validated before the server starts.
struct EchoOptions {
    var host = "127.0.0.1"
    var port = 8080
    var accessLog = false
    var tlsCertificatePath: String?
    var tlsKeyPath: String?

    init(arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--host":
                guard let value = remaining.popFirst() else { throw UsageError("missing address after --host") }
                host = value
            case "--port":
                guard let value = remaining.popFirst(), let port = Int(value), (0...65535).contains(port) else {
                    throw UsageError("invalid --port value: expected a number from 0 to 65535")
                }
                self.port = port
            case "--access-log":
                accessLog = true
            case "--tls-cert":
                guard let value = remaining.popFirst() else { throw UsageError("missing PEM file after --tls-cert") }
                tlsCertificatePath = value
            case "--tls-key":
                guard let value = remaining.popFirst() else { throw UsageError("missing PEM file after --tls-key") }
                tlsKeyPath = value
            case "--help":
                print(usage)
                exit(0)
            default:
                throw UsageError("unknown argument \(argument)")
            }
        }

        if (tlsCertificatePath == nil) != (tlsKeyPath == nil) {
            throw UsageError("--tls-cert and --tls-key must be given together")
        }
    }
}

struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

let options: EchoOptions
do {
    options = try EchoOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("expanse-http-echo: \(error.message)\n\(usage)\n".utf8))
    exit(64)
}

let logger = Logger(label: "expanse.http-echo", logLevel: .info, sink: JSONLinesLogSink())
var configuration = HTTPServerConfiguration()
configuration.host = options.host
configuration.port = options.port
if let certificatePath = options.tlsCertificatePath, let keyPath = options.tlsKeyPath {
    configuration.tls = TLSConfiguration(certificatePath: certificatePath, keyPath: keyPath)
}

// 150 bytes of JSON, close to a fraud score response.
let body = Array(#"{"model_name":"expanse","model_version":"1","id":"bench","outputs":[{"name":"score","shape":[1],"datatype":"FP32","data":[0.0123]}],"padding":"xxxxx"}"#.utf8)
precondition(body.count == 150, "benchmark body must be 150 bytes, is \(body.count)")

let server = HTTPServer(
    configuration: configuration,
    logger: logger,
    observer: options.accessLog ? HTTPAccessLog.observer(logger: logger) : nil
) { _, route in
    route = "/"
    return HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: body)
}

do {
    try server.start()
} catch {
    FileHandle.standardError.write(Data("expanse-http-echo: \(error)\n".utf8))
    exit(1)
}

let stopSignal = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .main)
signal(SIGTERM, SIG_IGN)
stopSignal.setEventHandler {
    server.beginShutdown(drainDelay: .zero, drainTimeout: .seconds(5)) { exit(0) }
}
stopSignal.activate()
dispatchMain()
