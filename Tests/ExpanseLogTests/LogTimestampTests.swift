import Foundation
import Testing

import ExpanseLog

@Test(arguments: [
    (Int64(0), Int32(0), "1970-01-01T00:00:00.000Z"),
    (1_700_000_000, 123_000_000, "2023-11-14T22:13:20.123Z"),
    (1_700_000_000, 123_499_999, "2023-11-14T22:13:20.123Z"),
    (1_700_000_000, 123_500_000, "2023-11-14T22:13:20.124Z"),
    (1_709_164_800, 0, "2024-02-29T00:00:00.000Z"),
    (1_704_067_199, 999_500_000, "2024-01-01T00:00:00.000Z"),
    (1_704_067_199, 999_499_999, "2023-12-31T23:59:59.999Z"),
    (-1, 0, "1969-12-31T23:59:59.000Z"),
    (-1, 999_999_999, "1970-01-01T00:00:00.000Z"),
    (253_402_300_799, 0, "9999-12-31T23:59:59.000Z"),
])
func timestampFormatsISO8601Milliseconds(seconds: Int64, nanoseconds: Int32, expected: String) {
    let timestamp = LogTimestamp(secondsSince1970: seconds, nanoseconds: nanoseconds)

    #expect(timestamp.iso8601Milliseconds == expected)
}

@Test func timestampNowMatchesSystemClock() {
    let before = Date().timeIntervalSince1970
    let now = LogTimestamp.now()
    let after = Date().timeIntervalSince1970

    let seconds = Double(now.secondsSince1970) + Double(now.nanoseconds) / 1e9
    // Date also reads the wall clock. The 1 µs margin covers Double's rounding.
    #expect(seconds >= before - 1e-6)
    #expect(seconds <= after + 1e-6)
    #expect((0..<1_000_000_000).contains(now.nanoseconds))
}

@Test func timestampFormatMatchesFoundation() throws {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")

    // Whole milliseconds, so Foundation's formatter cannot round differently.
    for seconds: Int64 in [0, 951_782_399, 1_700_000_000, 1_893_456_000] {
        let timestamp = LogTimestamp(secondsSince1970: seconds, nanoseconds: 250_000_000)
        let date = Date(timeIntervalSince1970: Double(seconds) + 0.25)

        #expect(timestamp.iso8601Milliseconds == formatter.string(from: date))
    }
}

@Test func loggerStampsRecordsWithCurrentTime() throws {
    let sink = InMemoryLogSink()
    let logger = Logger(label: "t", sink: sink)
    let before = LogTimestamp.now()

    logger.info("stamped")

    let after = LogTimestamp.now()
    let record = try #require(sink.records.first)
    #expect(record.timestamp.secondsSince1970 >= before.secondsSince1970)
    #expect(record.timestamp.secondsSince1970 <= after.secondsSince1970)
}
