import ExpanseCore
import Foundation
import Testing

private func inferBody(_ data: String, shape: String, datatype: String = "FP32", id: String? = "req-7") -> String {
    let idMember = id.map { "\"id\":\"\($0)\"," } ?? ""
    return "{\(idMember)\"inputs\":[{\"name\":\"transactions\",\"shape\":\(shape),\"datatype\":\"\(datatype)\",\"data\":\(data)}]}"
}

@Test(arguments: ["flat", "nested"])
func inferMatchesScorer(layout: String) throws {
    let artifact = TestModel.artifact(seed: 21)
    let service = try TestService(artifact: artifact)
    defer { service.stop() }
    let rows = TestModel.rows(3, seed: 22)
    let features = TestModel.features.count

    let data: String
    if layout == "flat" {
        data = "[" + rows.map { "\($0)" }.joined(separator: ",") + "]"
    } else {
        data = "[" + (0..<3).map { row in "[" + rows[(row * features)..<((row + 1) * features)].map { "\($0)" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }
    let response = try service.client.post("/v2/models/fraud-test/infer", json: inferBody(data, shape: "[3,\(features)]"))

    #expect(response.status == 200)
    let json = try #require(response.json)
    #expect(json["id"] as? String == "req-7")
    #expect(json["model_name"] as? String == "fraud-test")
    let output = try #require((json["outputs"] as? [[String: Any]])?.first)
    #expect(output["name"] as? String == "fraud_probability")
    #expect(output["shape"] as? [Int] == [3, 1])
    #expect(output["datatype"] as? String == "FP32")
    let values = try #require(output["data"] as? [Double])
    let expected = TestModel.scorer(artifact).score(rows)
    #expect(values.count == 3)
    for (index, value) in values.enumerated() {
        #expect(abs(Float(value) - expected[index]) <= 1e-6, "row \(index)")
    }
}

@Test(arguments: [
    ("[1,2,3,4,5]", "[2,5]", "FP32"),
    ("[1,2,3,4,5]", "[1,4]", "FP32"),
    ("[[1,2,3,4],[5,6,7,8]]", "[2,5]", "FP32"),
    ("[[1,2,3,4,5],6]", "[2,5]", "FP32"),
    ("[1,2,3,4,5]", "[1,5]", "INT64"),
    ("[1,2,3,4,\"x\"]", "[1,5]", "FP32"),
    ("[1,2,3,4,1e999]", "[1,5]", "FP64"),
    ("[1,2,3,4,5", "[1,5]", "FP32"),
])
func inferRejectsBadTensor(data: String, shape: String, datatype: String) throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 23))
    defer { service.stop() }

    let response = try service.client.post("/v2/models/fraud-test/infer", json: inferBody(data, shape: shape, datatype: datatype))

    #expect(response.status == 400)
    #expect(response.json?["error"] is String)
}

@Test func inferAcceptsFP64() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 24))
    defer { service.stop() }

    let response = try service.client.post("/v2/models/fraud-test/infer", json: inferBody("[0.1,0.2,0.3,0.4,0.5]", shape: "[1,5]", datatype: "FP64", id: nil))

    #expect(response.status == 200)
    #expect(response.json?["id"] == nil)
}

@Test func inferRejectsTooManyRows() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 25)) { $0.maxBatchRows = 1 }
    defer { service.stop() }

    let response = try service.client.post("/v2/models/fraud-test/infer", json: inferBody("[1,2,3,4,5,1,2,3,4,5]", shape: "[2,5]"))

    #expect(response.status == 413)
    #expect(response.json?["error"] is String)
}

/// Builds an infer body whose tensor has `shape` before or after `data`, or no `shape` when it is nil.
private func tensorBody(data: String, shape: String?, shapeFirst: Bool) -> String {
    var members = [#""name":"transactions""#, #""datatype":"FP32""#, "\"data\":\(data)"]
    if let shape {
        let shapeMember = "\"shape\":\(shape)"
        if shapeFirst {
            members.insert(shapeMember, at: 0)
        } else {
            members.append(shapeMember)
        }
    }
    return "{\"inputs\":[{" + members.joined(separator: ",") + "}]}"
}

/// Returns a JSON array of `count` small integers, flat, or nested in rows of 5 when `nested`.
private func numbers(_ count: Int, nested: Bool = false) -> String {
    let values = (0..<count).map { "\($0 % 7)" }
    guard nested else { return "[" + values.joined(separator: ",") + "]" }
    let rows = stride(from: 0, to: count, by: 5).map { "[" + values[$0..<min(count, $0 + 5)].joined(separator: ",") + "]" }
    return "[" + rows.joined(separator: ",") + "]"
}

@Test(arguments: [true, false], [
    (numbers(11), 11),
    (numbers(35), 35),
    (numbers(35, nested: true), 35),
    ("[[1,2,3,4,5,6,7],[1,2,3,4,5,6,7]]", 14),
])
func inferReportsExtraDataAsMismatch(shapeFirst: Bool, tensor: (data: String, count: Int)) throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 33)) { $0.maxBatchRows = 2 }
    defer { service.stop() }

    let body = tensorBody(data: tensor.data, shape: "[2,5]", shapeFirst: shapeFirst)
    let response = try service.client.post("/v2/models/fraud-test/infer", json: body)

    #expect(response.status == 400)
    #expect(response.json?["error"] as? String == "inputs[0].data contains \(tensor.count) values, but shape [2, 5] needs 10")
}

@Test(arguments: [true, false], [5, 10, 35])
func inferRejectsShapeOverLimit(shapeFirst: Bool, valueCount: Int) throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 34)) { $0.maxBatchRows = 1 }
    defer { service.stop() }

    let body = tensorBody(data: numbers(valueCount), shape: "[2,5]", shapeFirst: shapeFirst)
    let response = try service.client.post("/v2/models/fraud-test/infer", json: body)

    #expect(response.status == 413)
    #expect((response.json?["error"] as? String)?.contains("more than 1 rows") == true)
}

@Test func inferDataOverLimitWithoutShape() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 35)) { $0.maxBatchRows = 1 }
    defer { service.stop() }

    let response = try service.client.post("/v2/models/fraud-test/infer", json: tensorBody(data: numbers(35), shape: nil, shapeFirst: false))

    #expect(response.status == 400)
    #expect(response.json?["error"] as? String == "inputs[0].shape is missing")
}

@Test func inferChecksValuesPastLimit() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 36)) { $0.maxBatchRows = 1 }
    defer { service.stop() }

    let body = tensorBody(data: "[1,2,3,4,5,6,7,1e999]", shape: "[1,5]", shapeFirst: true)
    let response = try service.client.post("/v2/models/fraud-test/infer", json: body)

    #expect(response.status == 400)
    #expect(response.json?["error"] as? String == "inputs[0].data[7] is not a finite 32-bit float")
}

@Test func inferUnknownModelIs404() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 26))
    defer { service.stop() }

    let infer = try service.client.post("/v2/models/other/infer", json: inferBody("[1,2,3,4,5]", shape: "[1,5]"))
    let metadata = try service.client.get("/v2/models/other")
    let ready = try service.client.get("/v2/models/other/ready")

    #expect(infer.status == 404)
    #expect(infer.json?["error"] is String)
    #expect(metadata.status == 404)
    #expect(ready.status == 404)
}

@Test func inferenceMetadataRoutes() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 27))
    defer { service.stop() }

    let live = try service.client.get("/v2/health/live")
    let ready = try service.client.get("/v2/health/ready")
    let server = try service.client.get("/v2")
    let model = try service.client.get("/v2/models/fraud-test")
    let modelReady = try service.client.get("/v2/models/fraud-test/ready")

    #expect(live.json?["live"] as? Bool == true)
    #expect(ready.json?["ready"] as? Bool == true)
    #expect(server.json?["name"] as? String == "expanse-serve")
    #expect(model.json?["name"] as? String == "fraud-test")
    let inputs = try #require(model.json?["inputs"] as? [[String: Any]])
    #expect(inputs.first?["shape"] as? [Int] == [-1, 5])
    #expect(modelReady.status == 200)
}

@Test func modelNameOverride() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 28)) { $0.modelName = "renamed" }
    defer { service.stop() }

    #expect(try service.client.get("/v2/models/renamed").status == 200)
    #expect(try service.client.get("/v2/models/fraud-test").status == 404)
}

@Test(arguments: [
    (#"{"inputs":[{"name":"x","shape":[1,5],"datatype":"FP32","data":[1,2,3,4,5]}]}"#, "inputs[0].name is x; this model's input is transactions"),
    (#"{"inputs":[{"shape":[1,5],"datatype":"FP32","data":[1,2,3,4,5]}]}"#, "inputs[0].name is missing; this model's input is transactions"),
    (#"{"inputs":[{"name":"transactions","shape":[1,5],"datatype":"FP32","data":[1,2,3,4,5]}],"outputs":[{"name":"nope"}]}"#, "outputs[0].name is nope; this model's only output is fraud_probability"),
    (#"{"inputs":[{"name":"transactions","shape":[4611686018427387904,5],"datatype":"FP32","data":[]}]}"#, "inputs[0].shape[0] is 4.611686018427388e+18, above the largest dimension accepted, 2147483647"),
    (#"{"inputs":[{"name":"transactions","shape":[1,2,3,4,5,6,7,8,9],"datatype":"FP32","data":[]}]}"#, "inputs[0].shape has more than 8 dimensions"),
    (#"{"inputs":[{"name":"transactions","shape":[-1,5],"datatype":"FP32","data":[]}]}"#, "inputs[0].shape[0] is -1; dimensions are non-negative integers"),
    (#"{"inputs":[{"name":"transactions","shape":[99999999999,5],"datatype":"FP32","data":[]}]}"#, "inputs[0].shape[0] is 99999999999, above the largest dimension accepted, 2147483647"),
])
func inferRejectsWrongNames(body: String, message: String) throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 28))
    defer { service.stop() }

    let response = try service.client.post("/v2/models/fraud-test/infer", json: body)

    #expect(response.status == 400)
    #expect(response.json?["error"] as? String == message)
}

@Test func inferAcceptsNamedOutput() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 29))
    defer { service.stop() }
    let body = #"{"inputs":[{"name":"transactions","shape":[1,5],"datatype":"FP32","data":[1,2,3,4,5]}],"outputs":[{"name":"fraud_probability"}]}"#

    let response = try service.client.post("/v2/models/fraud-test/infer", json: body)

    #expect(response.status == 200)
}

@Test func httpLayerErrorsOnV2UseOIPShape() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 27), configureHTTP: { http, _ in http.maxBodyBytes = 100 })
    defer { service.stop() }
    let body = inferBody("[1,2,3,4,5]", shape: "[1,5]")

    let tooLarge = try service.client.post("/v2/models/fraud-test/infer", json: String(repeating: " ", count: 101))
    let badCoding = try service.client.post("/v2/models/fraud-test/infer", json: body, headers: ["Content-Encoding": "br"])
    let problem = try service.client.post("/v1/score", json: String(repeating: " ", count: 101))

    #expect(tooLarge.status == 413)
    #expect(tooLarge.header("Content-Type") == "application/json")
    #expect((tooLarge.json?["error"] as? String)?.contains("exceeds the limit of 100 bytes") == true)
    #expect(badCoding.status == 415)
    #expect(badCoding.header("Content-Type") == "application/json")
    #expect(badCoding.header("Accept-Encoding") == "gzip")
    #expect(badCoding.json?["error"] is String)
    #expect(problem.status == 413)
    #expect(problem.header("Content-Type") == "application/problem+json")
}

@Test func unknownV2PathUsesOIPShape() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 28))
    defer { service.stop() }

    let response = try service.client.get("/v2/no/such/route")

    #expect(response.status == 404)
    #expect(response.header("Content-Type") == "application/json")
    #expect(response.json?["error"] is String)
}

@Test func versionedRoutesNeedServedVersion() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 30, version: "7"))
    defer { service.stop() }
    let body = inferBody("[1,2,3,4,5]", shape: "[1,5]")

    let metadata = try service.client.get("/v2/models/fraud-test/versions/7")
    let ready = try service.client.get("/v2/models/fraud-test/versions/7/ready")
    let infer = try service.client.post("/v2/models/fraud-test/versions/7/infer", json: body)
    let otherVersion = try service.client.post("/v2/models/fraud-test/versions/8/infer", json: body)

    #expect(metadata.status == 200)
    #expect(metadata.json?["versions"] as? [String] == ["7"])
    #expect(ready.status == 200)
    #expect(infer.status == 200)
    #expect(otherVersion.status == 404)
    #expect((otherVersion.json?["error"] as? String)?.contains("Version 8") == true)
    #expect(try service.metricValue(#"http_requests_total{route="/v2/models/{name}/versions/{version}/infer",method="POST",code="200"}"#) == 1)
}

@Test func overlongRequestLineKeepsRouteAndShape() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 31))
    defer { service.stop() }
    let query = String(repeating: "a", count: 9_000)

    let response = try service.client.get("/v2/models/fraud-test?\(query)")

    #expect(response.status == 414)
    #expect(response.header("Content-Type") == "application/json")
    #expect(response.json?["error"] is String)
    #expect(try service.metricValue(#"http_requests_total{route="/v2/models/{name}",method="GET",code="414"}"#) == 1)
}

@Test func absoluteFormTargetKeepsRoute() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 32))
    defer { service.stop() }

    let infer = try service.client.post("HTTP://127.0.0.1/v2/models/fraud-test/infer", json: inferBody("[1,2,3,4,5]", shape: "[1,5]"))
    let overlong = try service.client.get("http://127.0.0.1/v2/models/fraud-test?\(String(repeating: "a", count: 9_000))")

    #expect(infer.status == 200)
    #expect(infer.json?["model_name"] as? String == "fraud-test")
    #expect(overlong.status == 414)
    #expect(overlong.header("Content-Type") == "application/json")
    #expect(try service.metricValue(#"http_requests_total{route="/v2/models/{name}/infer",method="POST",code="200"}"#) == 1)
    #expect(try service.metricValue(#"http_requests_total{route="/v2/models/{name}",method="GET",code="414"}"#) == 1)
}
