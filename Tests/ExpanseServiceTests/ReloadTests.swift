import ExpanseCore
import ExpanseService
import Foundation
import Testing

@Test func reloadSwapsModelIdentity() throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 41, version: "1"))
    defer { service.stop() }
    let row = #"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1}]}"#
    let oldSHA = try #require(service.service.registry.current?.sha256)

    _ = try TestModel.artifact(seed: 42, version: "2").write(to: service.modelPath)
    let reload = try service.client.post("/admin/reload", json: "")
    let score = try #require(try service.client.post("/v1/score", json: row).json)
    let newSHA = SHA256.hexDigest(try FileContents.read(path: service.modelPath))

    #expect(reload.status == 200)
    #expect((reload.json?["model"] as? [String: Any])?["sha256"] as? String == newSHA)
    #expect(newSHA != oldSHA)
    let model = try #require(score["model"] as? [String: Any])
    #expect(model["sha256"] as? String == newSHA)
    #expect(model["version"] as? String == "2")
    #expect(try service.metricValue("expanse_model_info{name=\"fraud-test\",version=\"2\",sha256=\"\(newSHA)\"}") == 1)
    #expect(try service.metricValue("expanse_model_info{name=\"fraud-test\",version=\"1\",sha256=\"\(oldSHA)\"}") == nil)
    #expect(try service.metricValue(#"expanse_model_reloads_total{result="success"}"#) == 1)
}

@Test(arguments: ["truncated", "shape"])
func reloadFailureKeepsOldModel(damage: String) throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 43))
    defer { service.stop() }
    let oldSHA = try #require(service.service.registry.current?.sha256)

    if damage == "truncated" {
        let bytes = try FileContents.read(path: service.modelPath)
        try Data(bytes[0..<(bytes.count / 2)]).write(to: URL(fileURLWithPath: service.modelPath))
    } else {
        // classifier.0.weight declared [5, 32] instead of [32, 5]: the same
        // byte count keeps the container valid, but the shape contradicts the metadata.
        var bytes = try TestModel.artifact(seed: 44).encoded()
        let header = String(decoding: bytes[8..<min(bytes.count, 8 + 4096)], as: UTF8.self)
        let range = try #require(header.range(of: "[32,5]"))
        let offset = 8 + header.utf8.distance(from: header.startIndex, to: range.lowerBound)
        bytes.replaceSubrange(offset..<(offset + 6), with: Array("[5,32]".utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: service.modelPath))
    }
    let reload = try service.client.post("/admin/reload", json: "")
    let score = try service.client.post("/v1/score", json: #"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1}]}"#)

    #expect(reload.status == 422)
    #expect((reload.json?["detail"] as? String)?.contains(service.modelPath) == true)
    #expect(score.status == 200)
    #expect((score.json?["model"] as? [String: Any])?["sha256"] as? String == oldSHA)
    #expect(try service.metricValue(#"expanse_model_reloads_total{result="failure"}"#) == 1)
    #expect(try service.metricValue(#"expanse_model_reloads_total{result="success"}"#) == 0)
    let errors = service.logs.records.filter { $0.level == .error && $0.message.contains("reload failed") }
    #expect(errors.count == 1)
    #expect(errors.first?.metadata["model.path"] == .string(service.modelPath))
}

@Test func reloadDuringTrafficLosesNoRequest() async throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 45, version: "a"))
    defer { service.stop() }
    let body = #"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1}]}"#
    let client = service.client
    let requestCount = 300

    let statuses = Task.detached { () -> [Int] in
        (0..<requestCount).map { _ in (try? client.post("/v1/score", json: body).status) ?? -1 }
    }
    for round in 0..<10 {
        _ = try TestModel.artifact(seed: 46 + UInt64(round % 2), version: "r\(round)").write(to: service.modelPath)
        #expect(service.service.reloader.reload(trigger: "test").isSuccess)
        try await Task.sleep(for: .milliseconds(20))
    }
    let results = await statuses.value

    #expect(results.count == requestCount)
    #expect(results.allSatisfy { $0 == 200 }, "statuses other than 200: \(results.filter { $0 != 200 })")
}

@Test func watchReloadsChangedFile() async throws {
    let service = try TestService(artifact: TestModel.artifact(seed: 48, version: "before")) {
        $0.watchModel = true
        $0.watchInterval = .milliseconds(50)
    }
    defer { service.stop() }

    _ = try TestModel.artifact(seed: 49, version: "after").write(to: service.modelPath)
    var version = service.service.registry.current?.version
    for _ in 0..<100 where version != "after" {
        try await Task.sleep(for: .milliseconds(50))
        version = service.service.registry.current?.version
    }

    #expect(version == "after")
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
