import ExpanseCore
import Foundation
import Testing

/// Builds a service whose threshold splits the probabilities of `rows`,
/// so both decisions occur.
private func serviceSplitting(_ rows: [Float], seed: UInt64) throws -> (TestService, threshold: Double) {
    let base = TestModel.artifact(seed: seed)
    let sorted = TestModel.scorer(base).score(rows).sorted()
    var artifact = base
    artifact.threshold = Double(sorted[sorted.count / 2 - 1]) / 2 + Double(sorted[sorted.count / 2]) / 2
    return (try TestService(artifact: artifact), artifact.threshold)
}

@Test func scoreMatchesScorer() throws {
    let rows = TestModel.rows(6, seed: 11)
    let (service, threshold) = try serviceSplitting(rows, seed: 1)
    defer { service.stop() }
    let features = TestModel.features.count

    let transactions = (0..<6).map { row in
        TestModel.transaction(rows[(row * features)..<((row + 1) * features)], id: row == 3 ? nil : "t-\(row)")
    }
    let response = try service.client.post("/v1/score", json: "{\"transactions\":[\(transactions.joined(separator: ","))]}")

    #expect(response.status == 200)
    let json = try #require(response.json)
    let results = try #require(json["results"] as? [[String: Any]])
    let expected = TestModel.scorer(TestModel.artifact(seed: 1)).score(rows)
    #expect(results.count == 6)
    #expect(abs((json["threshold"] as? Double ?? -1) - threshold) <= 1e-12)
    #expect(Set(expected).count > 1, "the network gives one probability for every row: \(expected)")
    let model = try #require(json["model"] as? [String: Any])
    #expect(model["name"] as? String == "fraud-test")
    #expect(model["sha256"] as? String == SHA256.hexDigest(try FileContents.read(path: service.modelPath)))

    for (row, result) in results.enumerated() {
        let probability = try #require(result["fraud_probability"] as? Double)
        #expect(abs(Float(probability) - expected[row]) <= 1e-6, "row \(row)")
        #expect(result["decision"] as? String == (Double(expected[row]) >= threshold ? "fraud" : "legit"), "row \(row)")
        #expect(result["id"] as? String == (row == 3 ? nil : "t-\(row)"))
    }
    #expect(Set(results.compactMap { $0["decision"] as? String }) == ["fraud", "legit"])
}

@Test func scoreEchoesNumericID() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 2))
    defer { service.stop() }

    let body = #"{"transactions":[{"id":1234.5,"Time":0,"V1":1,"V2":2,"V14":-1,"Amount":9.5}]}"#
    let response = try service.client.post("/v1/score", json: body)

    let results = try #require(response.json?["results"] as? [[String: Any]])
    #expect(results.first?["id"] as? String == "1234.5")
}

@Test func scoreIgnoresUnknownFields() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 3))
    defer { service.stop() }

    let plain = #"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":-1,"Amount":9.5}]}"#
    let noisy = #"""
        {"meta":{"a":[1,{"b":[null,true,"x\"y"]}]},"transactions":[{"note":"ok","Time":0,"nested":{"V1":99,"deep":[[[]]]},
        "V1":1,"list":[1,2,{"V2":5}],"V2":2,"V14":-1,"flag":false,"Amount":9.5,"nothing":null}],"trailer":{}}
        """#

    let expected = try #require(try service.client.post("/v1/score", json: plain).json?["results"] as? [[String: Any]])
    let response = try service.client.post("/v1/score", json: noisy)
    #expect(response.status == 200)
    let results = try #require(response.json?["results"] as? [[String: Any]])
    #expect(results.first?["fraud_probability"] as? Double == expected.first?["fraud_probability"] as? Double)
}

@Test(arguments: [
    (#"{"transactions":[{"Time":0,"V1":1,"V2":2,"Amount":9.5}]}"#, "transactions[0].V14 is missing"),
    (#"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1},{"Time":0,"V1":1,"V2":2,"V14":1}]}"#, "transactions[1].Amount is missing"),
    (#"{"transactions":[{"Time":0,"V1":"1","V2":2,"V14":1,"Amount":1}]}"#, "transactions[0].V1 is not a number"),
    (#"{"transactions":[{"Time":0,"V1":1,"V2":null,"V14":1,"Amount":1}]}"#, "transactions[0].V2 is null"),
    (#"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1e999,"Amount":1}]}"#, "transactions[0].V14 is not a finite 32-bit float"),
    (#"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":-1e39}]}"#, "transactions[0].Amount is not a finite 32-bit float"),
    (#"{"transactions":[{"Time":true,"V1":1,"V2":2,"V14":1,"Amount":1}]}"#, "transactions[0].Time is true, not a number"),
    (#"{"transactions":[{"Time":[1],"V1":1,"V2":2,"V14":1,"Amount":1}]}"#, "transactions[0].Time is not a number"),
    (#"{"transactions":[]}"#, "transactions must hold at least one transaction"),
    (#"{"rows":[]}"#, "transactions is missing"),
    (#"{"transactions":{}}"#, "transactions must be an array"),
    (#"{"transactions":[5]}"#, "transactions[0] must be an object"),
    (#"[1,2]"#, "the request body must be a JSON object"),
    (#"{"transactions":[{"id":{},"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1}]}"#, "transactions[0].id must be a string or a number"),
    (#"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1,"V1":3}]}"#, "transactions[0].V1 is given more than once"),
])
func scoreRejectsInvalidContent(body: String, detail: String) throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 4))
    defer { service.stop() }

    let response = try service.client.post("/v1/score", json: body)

    #expect(response.status == 422)
    #expect(response.header("Content-Type") == "application/problem+json")
    #expect(response.json?["detail"] as? String == detail)
}

@Test(arguments: [
    (#"{"transactions":[{"Time":0,}]}"#, 27),
    (#"{"transactions":[{"Time":01}]}"#, 25),
    (#"{"transactions":[{"Time":-}]}"#, 25),
    (#"{"transactions":[{"Time":1.}]}"#, 27),
    (#"{"transactions" [] }"#, 16),
    (#"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1}]"#, 61),
    (#"{"transactions":[]} x"#, 20),
    (#"{"a":"\q"}"#, 7),
    (#"{"a":tru}"#, 5),
    (#""#, 0),
    (#"{"a":"unterminated}"#, 5),
    (#"{"transactions":["a":1]}"#, 20),
    (#"{"transactions":{},"x":}"#, 23),
])
func scoreRejectsMalformedJSON(body: String, offset: Int) throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 5))
    defer { service.stop() }

    let response = try service.client.post("/v1/score", json: body)

    #expect(response.status == 400)
    let detail = try #require(response.json?["detail"] as? String)
    #expect(detail.hasSuffix("at byte offset \(offset)."), "\(detail)")
}

@Test func scoreRejectsTooManyRows() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 6)) { $0.maxBatchRows = 3 }
    defer { service.stop() }
    let row = #"{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1}"#

    let accepted = try service.client.post("/v1/score", json: "{\"transactions\":[\(Array(repeating: row, count: 3).joined(separator: ","))]}")
    let rejected = try service.client.post("/v1/score", json: "{\"transactions\":[\(Array(repeating: row, count: 4).joined(separator: ","))]}")

    #expect(accepted.status == 200)
    #expect(rejected.status == 413)
    #expect(rejected.json?["setting"] as? String == "--max-batch-rows")
}

@Test(arguments: [("text/plain", 415), ("application/json; charset=utf-8", 200), ("Application/JSON", 200), ("application/jsonx", 415)])
func scoreChecksContentType(contentType: String, status: Int) throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 7))
    defer { service.stop() }

    let body = #"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1}]}"#
    let response = try service.client.post("/v1/score", json: body, headers: ["Content-Type": contentType])

    #expect(response.status == status)
}

@Test func scoreWithoutContentTypeIs415() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 7))
    defer { service.stop() }

    let response = try service.client.send(method: "POST", path: "/v1/score", headers: [:], body: Array("{}".utf8))

    #expect(response.status == 415)
}
