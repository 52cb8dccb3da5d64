import Testing
@testable import ExpanseCore

@Test(arguments: [Float(0.5), 0.1, 0.9])
func dropoutDropsRequestedFraction(probability: Float) {
    let dropout = Dropout(probability: probability)
    var x = Matrix(rows: 100, columns: 1_001, repeating: 1)
    var mask: [Float] = []
    var generator = SeededGenerator(seed: 21)

    dropout.forward(&x, mask: &mask, generator: &generator)

    let dropped = Float(x.values.count { $0 == 0 }) / Float(x.values.count)
    // 100,100 draws: the dropped fraction has standard deviation below 0.0016.
    #expect(abs(dropped - probability) < 0.01)
    #expect(x.values.allSatisfy { $0 == 0 || isClose($0, 1 / (1 - probability), tolerance: 1e-4) })
    #expect(x.values == mask)

    let mean = x.values.reduce(Float(0), +) / Float(x.values.count)
    #expect(abs(mean - 1) < 0.05)
}

@Test func dropoutHalfHasExactScale() {
    let dropout = Dropout(probability: 0.5)
    #expect(dropout.keptScale == 2)
}

@Test func dropoutZeroKeepsEverything() {
    let dropout = Dropout(probability: 0)
    var x = FiniteDifferences.randomMatrix(rows: 3, columns: 7, seed: 22)
    let original = x
    var mask: [Float] = []
    var generator = SeededGenerator(seed: 23)

    dropout.forward(&x, mask: &mask, generator: &generator)

    #expect(x == original)
}

@Test func dropoutMaskRepeatsForSameSeed() {
    let dropout = Dropout(probability: 0.5)
    var first = Matrix(rows: 2, columns: 37, repeating: 1)
    var second = first
    var maskA: [Float] = []
    var maskB: [Float] = []
    var generatorA = SeededGenerator(seed: 24)
    var generatorB = SeededGenerator(seed: 24)

    dropout.forward(&first, mask: &maskA, generator: &generatorA)
    dropout.forward(&second, mask: &maskB, generator: &generatorB)

    #expect(maskA == maskB)
}

@Test func dropoutBackwardAppliesMask() {
    let dropout = Dropout(probability: 0.5)
    var x = Matrix(rows: 1, columns: 40, repeating: 1)
    var mask: [Float] = []
    var generator = SeededGenerator(seed: 25)
    dropout.forward(&x, mask: &mask, generator: &generator)

    var gradient = Matrix(rows: 1, columns: 40, repeating: 3)
    Dropout.backward(mask: mask, gradient: &gradient)

    #expect(gradient.values == mask.map { $0 * 3 })
}
