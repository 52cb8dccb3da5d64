import ExpanseService
import Foundation
import Testing

private let token = "s3cret-token-\(UInt64.random(in: 1...UInt64.max))"

private func protectedService(protectMetrics: Bool = false) throws -> TestService {
    let directory = try TestModel.temporaryDirectory()
    let keysPath = directory + "/keys"
    try "# operators\n\n  other-token  \n\(token)\n".write(toFile: keysPath, atomically: true, encoding: .utf8)
    return try TestService(artifact: TestModel.artifact(seed: 51)) {
        $0.apiKeysPath = keysPath
        $0.protectMetrics = protectMetrics
    }
}

@Test func tokenGuardsProtectedRoutes() throws {
    let service = try protectedService()
    defer { service.stop() }
    let body = #"{"transactions":[{"Time":0,"V1":1,"V2":2,"V14":1,"Amount":1}]}"#

    let without = try service.client.post("/v1/score", json: body)
    let wrong = try service.client.post("/v1/score", json: body, headers: ["Authorization": "Bearer nope"])
    let with = try service.client.post("/v1/score", json: body, headers: ["Authorization": "Bearer \(token)"])
    let trimmed = try service.client.get("/v1/model", headers: ["Authorization": "bearer other-token"])
    let oip = try service.client.get("/v2/models/fraud-test")
    let admin = try service.client.post("/admin/reload", json: "")

    #expect(without.status == 401)
    #expect(without.header("WWW-Authenticate") == #"Bearer realm="expanse""#)
    #expect(wrong.status == 401)
    #expect(with.status == 200)
    #expect(trimmed.status == 200)
    #expect(oip.status == 401)
    #expect(oip.json?["error"] is String)
    #expect(oip.header("WWW-Authenticate") == #"Bearer realm="expanse""#)
    #expect(admin.status == 401)
}

@Test func healthAndMetricsStayOpen() throws {
    let service = try protectedService()
    defer { service.stop() }

    #expect(try service.client.get("/healthz").status == 200)
    #expect(try service.client.get("/readyz").status == 200)
    #expect(try service.client.get("/v2/health/ready").status == 200)
    #expect(try service.client.get("/metrics").status == 200)
}

@Test func protectedMetricsNeedToken() throws {
    let service = try protectedService(protectMetrics: true)
    defer { service.stop() }

    #expect(try service.client.get("/metrics").status == 401)
    #expect(try service.client.get("/metrics", headers: ["Authorization": "Bearer \(token)"]).status == 200)
    #expect(try service.client.get("/healthz").status == 200)
}

@Test func tokenNeverLogged() throws {
    let service = try protectedService()
    _ = try service.client.post("/v1/score", json: "{}", headers: ["Authorization": "Bearer \(token)"])
    _ = try service.client.post("/admin/reload", json: "", headers: ["Authorization": "Bearer \(token)"])
    let metrics = try service.client.get("/metrics").text
    service.stop()

    let logged = service.logs.records.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
    #expect(!logged.isEmpty)
    #expect(!logged.contains(token))
    #expect(!metrics.contains(token))
}

@Test func failedKeysReloadNamesKeys() throws {
    let directory = try TestModel.temporaryDirectory()
    let keysPath = directory + "/keys"
    try "\(token)\n".write(toFile: keysPath, atomically: true, encoding: .utf8)
    let service = try TestService(artifact: TestModel.artifact(seed: 53)) { $0.apiKeysPath = keysPath }
    defer { service.stop() }

    try "# nothing here\n".write(toFile: keysPath, atomically: true, encoding: .utf8)
    let reload = try service.client.post("/admin/reload", json: "", headers: ["Authorization": "Bearer \(token)"])
    let detail = try #require(reload.json?["detail"] as? String)
    let logged = try #require(service.logs.records.first { $0.level == .error })

    #expect(reload.status == 422)
    #expect(detail.hasPrefix("The API keys reload failed"), "\(detail)")
    #expect(detail.contains("the previous model, API keys and TLS certificate and key stay in service"), "\(detail)")
    #expect(detail.contains(keysPath))
    #expect(logged.message.hasPrefix("The API keys reload failed"))
    #expect(logged.metadata["reload.failed_part"] == .string("API keys"))
    #expect(try service.client.post("/admin/reload", json: "", headers: ["Authorization": "Bearer \(token)"]).status == 422)
}

@Test func emptyKeysFileFailsStart() throws {
    let directory = try TestModel.temporaryDirectory()
    let keysPath = directory + "/keys"
    try "# nothing here\n\n".write(toFile: keysPath, atomically: true, encoding: .utf8)

    #expect(throws: ExpanseService.StartError.self) {
        _ = try TestService(artifact: TestModel.artifact(seed: 52)) { $0.apiKeysPath = keysPath }
    }
}

@Test func keyStoreParsesFile() throws {
    let directory = try TestModel.temporaryDirectory()
    let keysPath = directory + "/keys"
    try "  alpha \n# beta\n\n\tgamma\t\n".write(toFile: keysPath, atomically: true, encoding: .utf8)

    let tokens = try APIKeyStore.readTokens(path: keysPath)
    let store = APIKeyStore(tokens: tokens)

    #expect(tokens == ["alpha", "gamma"])
    #expect(store.authorizes("Bearer alpha"))
    #expect(store.authorizes("BEARER gamma"))
    #expect(!store.authorizes("Bearer beta"))
    #expect(!store.authorizes("Basic alpha"))
    #expect(!store.authorizes("Bearer "))
    #expect(!store.authorizes(nil))
}
