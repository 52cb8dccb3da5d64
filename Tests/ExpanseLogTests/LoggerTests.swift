import Dispatch
import Foundation
import Testing

@testable import ExpanseLog

@Suite struct LoggerTests {
    @Test func dropsRecordsBelowLevel() {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "t", logLevel: .warning, sink: sink)

        logger.info("hidden")
        logger.warning("shown")
        logger.critical("also shown")

        #expect(sink.records.map(\.message) == ["shown", "also shown"])
        #expect(sink.records.map(\.level) == [.warning, .critical])
    }

    @Test func skipsBuildingFilteredMessages() {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "t", logLevel: .info, sink: sink)
        nonisolated(unsafe) var evaluations = 0
        func expensive() -> String {
            evaluations += 1
            return "built"
        }

        logger.debug(expensive(), metadata: ["k": .string(expensive())])
        logger.info(expensive())

        #expect(evaluations == 1)
    }

    @Test func mergesMetadataWithCallWinning() throws {
        let sink = InMemoryLogSink()
        var logger = Logger(label: "expanse.http", logLevel: .trace, sink: sink)
        logger[metadataKey: "request.id"] = "from-logger"
        logger[metadataKey: "connection.id"] = 7

        logger.debug("event", metadata: ["request.id": "from-call", "http.method": "GET"])

        let record = try #require(sink.records.first)
        #expect(record.label == "expanse.http")
        #expect(record.metadata["request.id"] == "from-call")
        #expect(record.metadata["connection.id"] == .int(7))
        #expect(record.metadata["http.method"] == "GET")
    }

    @Test func ordersLevels() {
        #expect(LogLevel.allCases == [.trace, .debug, .info, .notice, .warning, .error, .critical])
        #expect(LogLevel.trace < LogLevel.critical)
        #expect(LogLevel.error.description == "error")
    }

    @Test func inMemorySinkKeepsConcurrentWrites() {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "t", sink: sink)

        DispatchQueue.concurrentPerform(iterations: 400) { index in
            logger.info("line", metadata: ["index": .int(index)])
        }

        #expect(sink.records.count == 400)
        sink.removeAll()
        #expect(sink.records.isEmpty)
    }
}

@Suite struct JSONLinesLogSinkTests {
    private func decode(_ record: LogRecord) throws -> [String: Any] {
        let line = JSONLinesLogSink.format(record)
        #expect(!line.contains("\n"))
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func writesFieldsAndTypedMetadata() throws {
        let record = LogRecord(
            timestamp: LogTimestamp(secondsSince1970: 1_700_000_000, nanoseconds: 123_000_000),
            level: .info,
            label: "expanse.http",
            message: "request handled",
            metadata: ["http.status": 200, "http.duration_seconds": 0.5, "cached": true, "request.id": "abc"]
        )

        let object = try decode(record)

        #expect(object["ts"] as? String == "2023-11-14T22:13:20.123Z")
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "expanse.http")
        #expect(object["message"] as? String == "request handled")
        #expect(object["http.status"] as? Int == 200)
        #expect(abs((object["http.duration_seconds"] as? Double ?? -1) - 0.5) <= 1e-12)
        #expect(object["cached"] as? Bool == true)
        #expect(object["request.id"] as? String == "abc")
    }

    @Test func startsWithFixedKeys() {
        let record = LogRecord(timestamp: LogTimestamp(secondsSince1970: 0), level: .error, label: "l", message: "m", metadata: ["a": 1])

        #expect(JSONLinesLogSink.format(record).hasPrefix(#"{"ts":"1970-01-01T00:00:00.000Z","level":"error","label":"l","message":"m","a":1"#))
    }

    @Test func escapesQuotesAndControlCharacters() throws {
        let message = "quote \" backslash \\ newline \n tab \t bell \u{07} snowman \u{2603}"
        let record = LogRecord(timestamp: .now(), level: .warning, label: "t", message: message, metadata: [:])

        let object = try decode(record)

        #expect(object["message"] as? String == message)
    }

    @Test func escapesControlCharacterAsFourHexDigits() {
        let record = LogRecord(timestamp: .now(), level: .info, label: "t", message: "\u{07}\u{1f}", metadata: [:])

        #expect(JSONLinesLogSink.format(record).contains(#""message":"\u0007\u001f""#))
    }

    @Test func writesNonFiniteNumbersAsStrings() throws {
        let record = LogRecord(timestamp: .now(), level: .info, label: "t", message: "m", metadata: ["x": .double(.nan), "y": .double(.infinity)])

        let object = try decode(record)

        #expect(object["x"] as? String == "nan")
        #expect(object["y"] as? String == "inf")
    }

    @Test func writesWholeLinesToDescriptor() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { close(descriptors[0]) }
        let sink = JSONLinesLogSink(fileDescriptor: descriptors[1])
        let logger = Logger(label: "pipe", sink: sink)

        logger.info("one")
        logger.info("two", metadata: ["k": "v"])
        close(descriptors[1])

        let output = FileHandle(fileDescriptor: descriptors[0]).readDataToEndOfFile()
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["message"] as? String == "two")
        #expect(second["k"] as? String == "v")
    }
}
