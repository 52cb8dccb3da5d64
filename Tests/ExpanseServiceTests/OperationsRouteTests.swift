import ExpanseService
import Foundation
import Testing

@Test func readinessTurns503WhileDraining() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 31))
    defer { service.stop() }

    let before = try service.client.get("/readyz")
    service.service.beginShutdown(drainDelay: .seconds(5), drainTimeout: .seconds(5))
    let during = try service.client.get("/readyz")
    let oipDuring = try service.client.get("/v2/health/ready")
    let live = try service.client.get("/healthz")

    #expect(before.status == 200)
    #expect(during.status == 503)
    #expect(during.json?["status"] as? String == "draining")
    #expect(oipDuring.status == 503)
    #expect(live.status == 200)
}

@Test func metricsCountResponsesByRoute() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 32))
    defer { service.stop() }
    let row = #"{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1}"#

    _ = try service.client.post("/v1/score", json: "{\"transactions\":[\(row),\(row)]}")
    _ = try service.client.get("/no/such/path")
    _ = try service.client.post("/v1/score", json: #"{"transactions":[{}]}"#)
    let rejected = try service.client.exchange(Array("BROKEN REQUEST\r\n\r\n".utf8))
    _ = try service.client.post("/v2/models/fraud-test/infer", json: #"{"inputs":[{"name":"transactions","shape":[1,5],"datatype":"FP32","data":[1,2,3,4,5]}]}"#)

    #expect(rejected.status == 400)
    #expect(try service.metricValue(#"http_requests_total{route="/v1/score",method="POST",code="200"}"#) == 1)
    #expect(try service.metricValue(#"http_requests_total{route="unmatched",method="GET",code="404"}"#) == 1)
    #expect(try service.metricValue(#"http_requests_total{route="/v1/score",method="POST",code="422"}"#) == 1)
    #expect(try service.metricValue(#"http_requests_total{route="/v2/models/{name}/infer",method="POST",code="200"}"#) == 1)
    let text = try service.client.get("/metrics").text
    let parserLine = text.split(separator: "\n").first { $0.hasPrefix("http_requests_total{route=\"unmatched\"") && $0.contains("code=\"400\"") }
    #expect(parserLine != nil, "no parser-level 400 in\n\(text)")
    #expect(try service.metricValue("expanse_scored_rows_total") == 3)
    #expect(try service.metricValue("expanse_fraud_probability_count") == 3)
    #expect(try service.metricValue(#"http_request_duration_seconds_count{route="/v1/score"}"#) == 2)
}

@Test func metricsLabelServerErrorsWithRoute() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 34), configureHTTP: { http, _ in http.maxBodyBytes = 100 })
    defer { service.stop() }
    let row = #"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1}]}"#

    let tooLarge = try service.client.post("/v1/score", json: String(repeating: " ", count: 101))
    let badCoding = try service.client.post("/v1/score", json: row, headers: ["Content-Encoding": "br"])

    #expect(tooLarge.status == 413)
    #expect(badCoding.status == 415)
    #expect(try service.metricValue(#"http_requests_total{route="/v1/score",method="POST",code="413"}"#) == 1)
    #expect(try service.metricValue(#"http_requests_total{route="/v1/score",method="POST",code="415"}"#) == 1)
    #expect(try service.metricValue(#"http_requests_total{route="unmatched",method="POST",code="413"}"#) == nil)
}

@Test func metricsExposeModelAndProcess() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 33, version: "v33"))
    defer { service.stop() }
    let sha256 = try #require(service.service.registry.current?.sha256)

    let response = try service.client.get("/metrics")

    #expect(response.status == 200)
    #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
    #expect(try service.metricValue("expanse_model_info{name=\"fraud-test\",version=\"v33\",sha256=\"\(sha256)\"}") == 1)
    for name in ["process_resident_memory_bytes", "process_cpu_seconds_total", "process_open_fds", "process_start_time_seconds"] {
        let value = try #require(try service.metricValue(name), "\(name) is missing")
        #expect(value > 0, "\(name)")
        #expect(response.text.contains("# TYPE \(name) "), "\(name)")
    }
    #expect(response.text.contains("# HELP http_requests_in_flight "))
    #expect(try service.metricValue(#"expanse_model_reloads_total{result="failure"}"#) == 0)
}

@Test func modelDescriptionListsMetadata() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 34))
    defer { service.stop() }

    let json = try #require(try service.client.get("/v1/model").json)

    #expect(json["features"] as? [String] == TestModel.features)
    #expect(json["encoder"] as? String == "none")
    #expect(json["expansion"] as? Int == 32)
    #expect(json["threshold"] as? Double == 0.5)
    #expect(json["data_sha256"] as? String == String(repeating: "a", count: 64))
    #expect((json["metrics"] as? [String: Any])?["auroc"] as? Double == 0.9)
    #expect(json["sha256"] as? String == service.service.registry.current?.sha256)
}

@Test func unknownPathAndWrongMethod() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 35))
    defer { service.stop() }

    let missing = try service.client.get("/v1/nothing")
    let wrongMethod = try service.client.send(method: "DELETE", path: "/metrics", headers: [:], body: nil)
    let wrongInferMethod = try service.client.get("/v2/models/fraud-test/infer")

    #expect(missing.status == 404)
    #expect(missing.header("Content-Type") == "application/problem+json")
    #expect(wrongMethod.status == 405)
    #expect(wrongMethod.header("Allow") == "GET, HEAD")
    #expect(wrongInferMethod.status == 405)
    #expect(wrongInferMethod.header("Allow") == "POST")
}

@Test func openAPIServedEqualsRootFile() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 36))
    defer { service.stop() }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let contract = try Data(contentsOf: root.appendingPathComponent("openapi.yaml"))

    let response = try service.client.get("/openapi.yaml")

    #expect(response.status == 200)
    #expect(response.header("Content-Type") == "application/yaml")
    #expect(Data(response.body) == contract)
    #expect(Data(ExpanseService.openAPIDocument()) == contract)
}
