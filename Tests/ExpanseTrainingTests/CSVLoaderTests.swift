import ExpanseCompression
import ExpanseCore
import Glibc
import Testing

@testable import ExpanseTraining

/// The first rows of the ULB credit-card file in its downloaded form, cut to
/// three V columns: quoted header names and quoted labels.
private let ulbSample = """
    "Time","V1","V2","V3","Amount","Class"
    0,-1.3598071336738,-0.0727811733098497,2.53634673796914,149.62,"0"
    0,1.19185711131486,0.26615071205963,0.16648011335321,2.69,"0"
    406,-2.3122265423263,1.95199201064158,-1.60985073229769,0,"1"

    """

private func parse(_ text: String, options: CSVOptions = CSVOptions()) throws(DataError) -> Dataset {
    try CSVLoader.parse(Array(text.utf8), source: "sample.csv", options: options)
}

private func writeTemporaryFile(_ bytes: [UInt8], suffix: String) throws -> String {
    let path = "/tmp/expanse-csv-\(getpid())-\(UInt32.random(in: 0...UInt32.max))\(suffix)"
    let file = try #require(fopen(path, "wb"))
    #expect(fwrite(bytes, 1, bytes.count, file) == bytes.count)
    fclose(file)
    return path
}

@Test func csvLoadsULBLayout() throws {
    let dataset = try parse(ulbSample)

    #expect(dataset.featureNames == ["Time", "V1", "V2", "V3", "Amount"])
    #expect(dataset.labelName == "Class")
    #expect(dataset.rowCount == 3)
    #expect(dataset.featureCount == 5)
    #expect(dataset.labels == [0, 0, 1])
    #expect(Array(dataset.row(0)) == [0, -1.3598071336738, -0.0727811733098497, 2.53634673796914, 149.62])
    #expect(Array(dataset.row(2)) == [406, -2.3122265423263, 1.95199201064158, -1.60985073229769, 0])
    #expect(dataset.sha256 == SHA256.hexDigest(Array(ulbSample.utf8)))
}

@Test func csvAcceptsCRLFAndByteOrderMark() throws {
    let crlf = ulbSample.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(crlf.utf8)

    let dataset = try CSVLoader.parse(bytes, source: "crlf.csv")

    #expect(dataset.featureNames.first == "Time")
    #expect(dataset.features == (try parse(ulbSample)).features)
    #expect(dataset.labels == [0, 0, 1])
}

@Test func csvWithoutFinalNewline() throws {
    let text = "a,b,Class\n1,2,0\n3,4,1"

    let dataset = try parse(text)

    #expect(dataset.rowCount == 2)
    #expect(dataset.features == [1, 2, 3, 4])
}

@Test func csvSkipsBlankLines() throws {
    let text = "a,Class\n1,0\n\r\n2,1\n\n\n\r\n"

    let dataset = try parse(text)

    #expect(dataset.rowCount == 2)
    #expect(dataset.labels == [0, 1])
}

@Test func csvAcceptsLabelSpellings() throws {
    let text = "x,Class\n1,0\n2,1\n3,\"0\"\n4,\"1\"\n5,0.0\n6,1.0\n7, 1 \n"

    let dataset = try parse(text)

    #expect(dataset.labels == [0, 1, 0, 1, 0, 1, 1])
}

@Test func csvSelectsLabelAndFeatures() throws {
    let text = "id,fraud,a,b,c\n10,1,0.5,1.5,2.5\n11,0,3.5,4.5,5.5\n"

    let dataset = try parse(text, options: CSVOptions(label: "fraud", features: ["c", "a"]))

    #expect(dataset.featureNames == ["c", "a"])
    #expect(dataset.features == [2.5, 0.5, 5.5, 3.5])
    #expect(dataset.labels == [1, 0])
}

@Test func csvOptionalLabelMayBeAbsent() throws {
    let text = "a,b\n1,2\n3,4\n"

    let dataset = try parse(text, options: CSVOptions(labelsRequired: false))

    #expect(dataset.labels == nil)
    #expect(dataset.labelName == nil)
    #expect(dataset.featureNames == ["a", "b"])
}

@Test func csvOptionalLabelIsReadWhenPresent() throws {
    let text = "a,Class\n1,0\n3,0\n"

    let dataset = try parse(text, options: CSVOptions(labelsRequired: false))

    #expect(dataset.labels == [0, 0])
    #expect(dataset.featureNames == ["a"])
}

@Test func csvQuotedValuesAndNames() throws {
    let text = "\"a,1\",\"b\"\"q\",Class\n\"1.5\",\" 2 \",\"1\"\n3,4,0\n"

    let dataset = try parse(text)

    #expect(dataset.featureNames == ["a,1", "b\"q"])
    #expect(dataset.features == [1.5, 2, 3, 4])
}

@Test func csvParsesFloatsExactly() throws {
    let values: [Float] = [0.1, -.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude, 123456.789, -0.0]
    let text = "x,Class\n" + values.enumerated().map { "\($1),\($0 % 2)" }.joined(separator: "\n")

    let dataset = try parse(text)

    #expect(dataset.features.map(\.bitPattern) == values.map(\.bitPattern))
}

@Test func csvAcceptsLongNumbers() throws {
    let long = "0." + String(repeating: "3", count: 300)

    let dataset = try parse("x,Class\n\(long),0\n1,1\n")

    #expect(abs(dataset.features[0] - 1.0 / 3) < 1e-7)
}

@Test func csvLoadsFileFromDisk() throws {
    let bytes = Array(ulbSample.utf8)
    let path = try writeTemporaryFile(bytes, suffix: ".csv")
    defer { unlink(path) }

    let dataset = try CSVLoader.load(path: path)

    #expect(dataset.source == path)
    #expect(dataset.rowCount == 3)
    #expect(dataset.sha256 == (try SHA256.hexDigest(ofFileAt: path)))
}

@Test func csvDetectsGzipByMagicBytes() throws {
    let compressed = try Gzip.compress(Array(ulbSample.utf8))
    let path = try writeTemporaryFile(compressed, suffix: ".csv")
    defer { unlink(path) }

    let dataset = try CSVLoader.load(path: path)

    #expect(dataset.features == (try parse(ulbSample)).features)
    #expect(dataset.sha256 == SHA256.hexDigest(compressed))
}

@Test func csvReadsConcatenatedGzip() throws {
    let lines = ulbSample.split(separator: "\n").map { String($0) + "\n" }
    let firstPart = lines[0...1].joined()
    let secondPart = lines[2...].joined()
    let compressed = try Gzip.compress(Array(firstPart.utf8)) + Gzip.compress(Array(secondPart.utf8))

    let dataset = try CSVLoader.parse(compressed, source: "joined.csv.gz")

    #expect(dataset.rowCount == 3)
    #expect(dataset.labels == [0, 0, 1])
}

@Test func csvLoadsULBSizedFile() throws {
    // 20,000 rows of 31 columns in the ULB layout; the full file has 284,807.
    let header = (["\"Time\""] + (1...28).map { "\"V\($0)\"" } + ["\"Amount\"", "\"Class\""]).joined(separator: ",")
    var text = header + "\n"
    var expected: [Float] = []
    var state: UInt32 = 7
    for row in 0..<20_000 {
        var values: [Float] = [Float(row)]
        for _ in 0..<29 {
            state = state &* 1_664_525 &+ 1_013_904_223
            values.append(Float(Int32(bitPattern: state) >> 8) / 1_048_576)
        }
        expected += values
        text += values.map { "\($0)" }.joined(separator: ",") + ",\"\(row % 577 == 0 ? 1 : 0)\"\n"
    }

    let dataset = try parse(text)

    #expect(dataset.rowCount == 20_000)
    #expect(dataset.featureCount == 30)
    #expect(dataset.features == expected)
    #expect(dataset.labels?.reduce(0, +) == 35)
}
