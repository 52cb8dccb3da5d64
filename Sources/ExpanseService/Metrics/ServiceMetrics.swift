import ExpanseHTTP
import Synchronization

/// Every counter and histogram `/metrics` exposes, fed by the HTTP observer,
/// the scoring routes and the reloader. Safe to use from any thread: the
/// request statistics sit behind one `Mutex` and the plain counters are atomics.
public final class ServiceMetrics: Sendable {
    /// Upper bounds of `http_request_duration_seconds`, in seconds.
    static let durationBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// Upper bounds of `expanse_fraud_probability`.
    static let probabilityBounds: [Double] = [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]

    /// Methods outside this list are counted as `other`, so a client cannot
    /// create label values at will.
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var code: Int
    }

    private struct RequestStatistics {
        var counts: [RequestKey: Int] = [:]
        var durations: [String: Histogram] = [:]
    }

    private let requests = Mutex(RequestStatistics())
    private let probabilities = Mutex(Histogram(bounds: ServiceMetrics.probabilityBounds))
    private let scoredRows = Atomic<Int>(0)
    private let reloadSuccesses = Atomic<Int>(0)
    private let reloadFailures = Atomic<Int>(0)

    public init() {}

    /// Counts one response; pass it to `HTTPServer` as (part of) its observer.
    public func record(_ record: HTTPRequestRecord) {
        let method = Self.knownMethods.contains(record.method) ? record.method : "other"
        let key = RequestKey(route: record.route, method: method, code: record.status)
        requests.withLock { statistics in
            statistics.counts[key, default: 0] += 1
            statistics.durations[record.route, default: Histogram(bounds: Self.durationBounds)].observe(record.durationSeconds)
        }
    }

    /// Counts scored rows and adds their probabilities to the histogram,
    /// taking the lock once per batch.
    func recordScores(_ scores: UnsafeBufferPointer<Float>) {
        var local = Histogram(bounds: Self.probabilityBounds)
        for score in scores {
            local.observe(Double(score))
        }
        scoredRows.add(scores.count, ordering: .relaxed)
        probabilities.withLock { $0.merge(counts: local.counts, sum: local.sum) }
    }

    /// Counts one reload attempt.
    public func recordReload(success: Bool) {
        if success {
            reloadSuccesses.add(1, ordering: .relaxed)
        } else {
            reloadFailures.add(1, ordering: .relaxed)
        }
    }

    public var reloadCounts: (success: Int, failure: Int) {
        (reloadSuccesses.load(ordering: .relaxed), reloadFailures.load(ordering: .relaxed))
    }

    /// Renders every metric in the text format 0.0.4.
    /// - Parameters:
    ///   - model: the model in service, for `expanse_model_info`.
    ///   - inFlight: requests whose response is not yet written.
    func render(model: ServedModel?, inFlight: Int) -> String {
        var text = ""
        let statistics = requests.withLock { $0 }

        PrometheusText.header("http_requests_total", type: "counter", help: "HTTP responses sent, by route template, method and status code. A 503 to a connection over --max-connections counts as method other and route unmatched, because its request is never read.", into: &text)
        for (key, count) in statistics.counts.sorted(by: { ($0.key.route, $0.key.method, $0.key.code) < ($1.key.route, $1.key.method, $1.key.code) }) {
            text += "http_requests_total{route=\"\(PrometheusText.escape(key.route))\",method=\"\(key.method)\",code=\"\(key.code)\"} \(count)\n"
        }

        PrometheusText.header("http_request_duration_seconds", type: "histogram", help: "Time from a request's first byte to its response being ready, in seconds.", into: &text)
        for (route, histogram) in statistics.durations.sorted(by: { $0.key < $1.key }) {
            histogram.render(name: "http_request_duration_seconds", labels: "route=\"\(PrometheusText.escape(route))\"", into: &text)
        }

        PrometheusText.header("http_requests_in_flight", type: "gauge", help: "Requests being handled or written.", into: &text)
        text += "http_requests_in_flight \(inFlight)\n"

        PrometheusText.header("expanse_scored_rows_total", type: "counter", help: "Transactions scored, over /v1/score and /v2 inference.", into: &text)
        text += "expanse_scored_rows_total \(scoredRows.load(ordering: .relaxed))\n"

        PrometheusText.header("expanse_fraud_probability", type: "histogram", help: "Fraud probabilities returned.", into: &text)
        probabilities.withLock { $0 }.render(name: "expanse_fraud_probability", labels: "", into: &text)

        PrometheusText.header("expanse_model_info", type: "gauge", help: "The model in service; the value is always 1.", into: &text)
        if let model {
            let labels = "name=\"\(PrometheusText.escape(model.name))\",version=\"\(PrometheusText.escape(model.version))\",sha256=\"\(model.sha256)\""
            text += "expanse_model_info{\(labels)} 1\n"
        }

        PrometheusText.header("expanse_model_reloads_total", type: "counter", help: "Model reload attempts, by result.", into: &text)
        let reloads = reloadCounts
        text += "expanse_model_reloads_total{result=\"success\"} \(reloads.success)\n"
        text += "expanse_model_reloads_total{result=\"failure\"} \(reloads.failure)\n"

        renderProcessMetrics(into: &text)
        return text
    }

    private func renderProcessMetrics(into text: inout String) {
        let process = ProcessMetrics.sample()
        let samples: [(String, String, String, Double?)] = [
            ("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", process.residentMemoryBytes),
            ("process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds.", process.cpuSeconds),
            ("process_open_fds", "gauge", "Open file descriptors.", process.openFileDescriptors),
            ("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch, in seconds.", process.startTimeSeconds),
        ]
        for (name, type, help, value) in samples {
            guard let value else { continue }
            PrometheusText.header(name, type: type, help: help, into: &text)
            text += "\(name) \(PrometheusText.format(value))\n"
        }
    }
}
