import Testing

@testable import ExpanseTraining

/// 103 rows: 17 of class 1 spread through 86 of class 0.
private let labels: [Float] = (0..<103).map { $0 % 6 == 1 ? 1 : 0 }

@Test(arguments: [2, 3, 5, 10])
func kFoldCoversEveryRowOnce(folds: Int) throws {
    let splits = try StratifiedKFold(folds: folds, seed: 42).split(labels: labels)

    let allTest = splits.flatMap(\.test).sorted()
    #expect(splits.count == folds)
    #expect(allTest == Array(0..<103))
    for split in splits {
        #expect(Set(split.train).isDisjoint(with: split.test))
        #expect(split.train.count + split.test.count == 103)
        #expect(split.train == split.train.sorted())
        #expect(split.test == split.test.sorted())
    }
}

@Test(arguments: [2, 3, 5, 10])
func kFoldIsStratified(folds: Int) throws {
    let splits = try StratifiedKFold(folds: folds, seed: 7).split(labels: labels)

    for (label, count) in [(Float(0), 86), (Float(1), 17)] {
        for split in splits {
            let inTest = split.test.filter { labels[$0] == label }.count
            #expect(inTest == count / folds || inTest == (count + folds - 1) / folds, "class \(label), \(inTest) rows")
        }
    }
    let sizes = splits.map(\.test.count)
    #expect(sizes.max()! - sizes.min()! <= 1)
}

@Test func kFoldIsDeterministicForSeed() throws {
    let first = try StratifiedKFold(folds: 5, seed: 1234).split(labels: labels)
    let second = try StratifiedKFold(folds: 5, seed: 1234).split(labels: labels)
    let other = try StratifiedKFold(folds: 5, seed: 1235).split(labels: labels)

    #expect(first == second)
    #expect(first != other)
}

@Test func kFoldShufflesRows() throws {
    let splits = try StratifiedKFold(folds: 5, seed: 3).split(labels: labels)

    // Dealing rows in file order would put rows 0, 5, 10, … of a class in fold 0.
    let negatives = labels.indices.filter { labels[$0] == 0 }
    let inFileOrder = stride(from: 0, to: negatives.count, by: 5).map { negatives[$0] }
    #expect(splits[0].test.filter { labels[$0] == 0 } != inFileOrder)
}

@Test func kFoldRejectsSmallClass() throws {
    let few: [Float] = [0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1]

    #expect(throws: DataError.self) {
        try StratifiedKFold(folds: 4, seed: 0).split(labels: few)
    }
    do {
        _ = try StratifiedKFold(folds: 4, seed: 0).split(labels: few)
    } catch {
        #expect(error.kind == .classTooSmall)
        #expect(error.value == "1")
        #expect(error.description.contains("class 1 has 3 rows, fewer than the 4 folds"))
    }
}

@Test func kFoldRejectsFewerThanTwoFolds() {
    #expect(throws: DataError.self) {
        try StratifiedKFold(folds: 1, seed: 0).split(labels: labels)
    }
}
