import Testing
@testable import ExpanseCore

@Test func generatorRepeatsForSameSeed() {
    var first = SeededGenerator(seed: 42)
    var second = SeededGenerator(seed: 42)
    let a = (0..<100).map { _ in first.next() }
    let b = (0..<100).map { _ in second.next() }
    #expect(a == b)
}

@Test func generatorDiffersAcrossSeeds() {
    var first = SeededGenerator(seed: 0)
    var second = SeededGenerator(seed: 1)
    let a = (0..<8).map { _ in first.next() }
    let b = (0..<8).map { _ in second.next() }
    #expect(a != b)
    #expect(!a.contains(0))
}

@Test func derivedSeedsDiffer() {
    let seeds = (0..<10).map { SeededGenerator.derivedSeed(7, stream: UInt64($0)) }
    #expect(Set(seeds).count == 10)
}

@Test func unitFloatStaysInRange() {
    var generator = SeededGenerator(seed: 3)
    var total: Double = 0
    for _ in 0..<10_000 {
        let value = generator.nextUnitFloat()
        #expect(value >= 0 && value < 1)
        total += Double(value)
    }
    // The mean of 10,000 uniform draws has standard deviation 0.0029.
    #expect(abs(total / 10_000 - 0.5) < 0.015)
}

@Test func nextIndexStaysBelowBound() {
    var generator = SeededGenerator(seed: 4)
    var seen = Set<Int>()
    for _ in 0..<1_000 {
        let index = generator.nextIndex(below: 7)
        #expect((0..<7).contains(index))
        seen.insert(index)
    }
    #expect(seen.count == 7)
}

@Test func shuffleIsPermutation() {
    var generator = SeededGenerator(seed: 5)
    var indices = Array(0..<50)
    generator.shuffle(&indices)
    #expect(indices.sorted() == Array(0..<50))
    #expect(indices != Array(0..<50))
}
