import ExpanseCompression
import Testing

@testable import ExpanseTraining

/// Parses `text` and returns the error it throws, or nil if parsing succeeded.
private func failure(_ text: String, options: CSVOptions = CSVOptions()) -> DataError? {
    failure(Array(text.utf8), options: options)
}

private func failure(_ bytes: [UInt8], options: CSVOptions = CSVOptions()) -> DataError? {
    do {
        _ = try CSVLoader.parse(bytes, source: "data.csv", options: options)
        return nil
    } catch {
        return error
    }
}

@Test func csvWrongColumnCount() throws {
    let error = try #require(failure("a,b,Class\n1,2,0\n3,1\n"))

    #expect(error.kind == .wrongColumnCount)
    #expect(error.line == 3)
    #expect(error.column == "Class")
    #expect(error.value == "3,1")
    #expect(error.description.contains("data.csv line 3 has 2 values but the header has 3 columns"))
}

@Test func csvTooManyColumns() throws {
    let error = try #require(failure("a,Class\n1,0\n2,1,9\n"))

    #expect(error.kind == .wrongColumnCount)
    #expect(error.line == 3)
    #expect(error.description.contains("\"9\""))
}

@Test func csvEmptyValue() throws {
    let error = try #require(failure("a,b,Class\n1,2,0\n3,,1\n"))

    #expect(error.kind == .emptyValue)
    #expect(error.line == 3)
    #expect(error.column == "b")
    #expect(error.value == "")
}

@Test func csvNonNumericValue() throws {
    let error = try #require(failure("a,b,Class\n1,x2,0\n"))

    #expect(error.kind == .nonNumericValue)
    #expect(error.line == 2)
    #expect(error.column == "b")
    #expect(error.value == "x2")
    #expect(error.description == "data.csv line 2, column \"b\": the value \"x2\" is not a number. Correct it or remove the row. Every loaded column must be numeric, so leave text columns out with --features.")
}

@Test func csvTrailingGarbageIsNonNumeric() throws {
    #expect(failure("a,Class\n1.5abc,0\n")?.kind == .nonNumericValue)
    #expect(failure("a,Class\n1 2,0\n")?.kind == .nonNumericValue)
}

@Test(arguments: ["nan", "NaN", "inf", "-Infinity", "1e39", "\"nan\""])
func csvNonFiniteValue(value: String) throws {
    let error = try #require(failure("a,Class\n1,0\n\(value),1\n"))

    #expect(error.kind == .nonFiniteValue)
    #expect(error.line == 3)
    #expect(error.column == "a")
}

@Test(arguments: ["2", "-1", "0.5", "yes", "\"true\"", "", "nan"])
func csvInvalidLabel(label: String) throws {
    let error = try #require(failure("a,Class\n1,0\n2,\(label)\n"))

    #expect(error.kind == .invalidLabel)
    #expect(error.line == 3)
    #expect(error.column == "Class")
}

@Test func csvInvalidLabelMessage() throws {
    let error = try #require(failure("a,Class\n1,2\n"))

    #expect(error.kind == .invalidLabel)
    #expect(error.value == "2")
    #expect(error.description.contains("--label NAME"))
}

@Test func csvMissingLabelColumn() throws {
    let error = try #require(failure("\"Time\",\"V1\",\"Label\"\n1,2,0\n"))

    #expect(error.kind == .missingLabelColumn)
    #expect(error.column == "Class")
    #expect(error.description == "data.csv has no label column \"Class\". The columns are \"Time\", \"V1\", \"Label\". Pass --label NAME to choose the label column.")
}

@Test func csvUnknownFeature() throws {
    let error = try #require(failure("a,b,Class\n1,2,0\n", options: CSVOptions(features: ["a", "V9"])))

    #expect(error.kind == .unknownFeature)
    #expect(error.column == "V9")
    #expect(error.description.contains("The columns are \"a\", \"b\", \"Class\""))
}

@Test func csvLabelListedAsFeature() {
    #expect(failure("a,Class\n1,0\n", options: CSVOptions(features: ["a", "Class"]))?.kind == .labelAsFeature)
}

@Test func csvFeatureListedTwice() {
    #expect(failure("a,b,Class\n1,2,0\n", options: CSVOptions(features: ["a", "a"]))?.kind == .duplicateColumn)
}

@Test func csvDuplicateColumnName() throws {
    let error = try #require(failure("a,b,\"a\",Class\n1,2,3,0\n"))

    #expect(error.kind == .duplicateColumn)
    #expect(error.line == 1)
    #expect(error.column == "a")
    #expect(error.description.contains("columns 1 and 3"))
}

@Test func csvSingleClass() throws {
    let error = try #require(failure("a,Class\n1,0\n2,0\n3,\"0\"\n"))

    #expect(error.kind == .singleClass)
    #expect(error.value == "0")
    #expect(error.description.contains("every one of the 3 rows has Class = 0"))
}

@Test func csvSingleClassAllowedWhenLabelsOptional() throws {
    let dataset = try CSVLoader.parse(Array("a,Class\n1,1\n".utf8), source: "data.csv", options: CSVOptions(labelsRequired: false))

    #expect(dataset.labels == [1])
}

@Test(arguments: ["", "\n", "\r\n\r\n", "\u{FEFF}"])
func csvEmptyFile(text: String) {
    #expect(failure(text)?.kind == .emptyFile)
}

@Test(arguments: ["a,Class", "a,Class\n", "a,Class\r\n\r\n"])
func csvHeaderWithoutRows(text: String) {
    #expect(failure(text)?.kind == .noRows)
}

@Test func csvUnterminatedQuote() throws {
    let error = try #require(failure("a,Class\n\"1,0\n"))

    #expect(error.kind == .invalidQuoting)
    #expect(error.line == 2)
}

@Test func csvTextAfterClosingQuote() {
    #expect(failure("a,Class\n\"1\"x,0\n")?.kind == .invalidQuoting)
}

@Test func csvUnreadableFile() throws {
    let error: DataError
    do {
        _ = try CSVLoader.load(path: "/nonexistent/creditcard.csv")
        Issue.record("loading a missing file succeeded")
        return
    } catch let caught {
        error = caught
    }

    #expect(error.kind == .unreadableFile)
    #expect(error.file == "/nonexistent/creditcard.csv")
    #expect(error.description.contains("No such file or directory"))
}

@Test func csvCorruptGzip() throws {
    var compressed = try Gzip.compress(Array("a,Class\n1,0\n2,1\n".utf8))
    compressed.removeLast(6)

    #expect(failure(compressed)?.kind == .invalidCompression)
}

@Test func csvGzipOverInflateLimit() throws {
    let compressed = try Gzip.compress(Array(("a,Class\n" + String(repeating: "1,0\n2,1\n", count: 1_000)).utf8))

    #expect(failure(compressed, options: CSVOptions(maxInflatedBytes: 1_000))?.kind == .invalidCompression)
}

@Test func dataErrorExitCode() {
    #expect(DataError.exitCode == 65)
}
