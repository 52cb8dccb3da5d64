import ExpanseCore
import Foundation
import Testing

@testable import ExpanseService

/// `Sources/ExpanseService/Resources`, found from this file's path.
private let resourcesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/ExpanseService/Resources")

@Test func embeddedResourcesListEveryFile() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: resourcesDirectory.path).sorted()

    #expect(EmbeddedResource.all.map(\.name) == names, "run scripts/embed-resources")
}

@Test func embeddedResourcesMatchTheirFiles() throws {
    for resource in EmbeddedResource.all {
        let file = try Data(contentsOf: resourcesDirectory.appendingPathComponent(resource.name))

        #expect(resource.byteCount == file.count, "\(resource.name): run scripts/embed-resources")
        #expect(Data(resource.bytes()) == file, "\(resource.name): run scripts/embed-resources")
    }
}

@Test func builtInModelLoadsWithFileDigest() throws {
    let file = try Data(contentsOf: resourcesDirectory.appendingPathComponent("default-model.safetensors"))

    let model = try ModelLoader.load(path: nil, name: nil)

    #expect(model.sha256 == SHA256.hexDigest([UInt8](file)))
    #expect(model.path == nil)
    #expect(model.name == "expanse-lve")
}
