import Foundation
import Testing
@testable import ExpanseCore

/// Three Adam steps on 19 parameters (two SIMD blocks and a scalar tail)
/// against the same formulas evaluated in Double.
@Test func adamMatchesFormulas() {
    var adam = Adam(learningRate: 0.01)
    var parameters = (0..<19).map { Float($0) * 0.1 - 0.9 }
    var moments = AdamMoments(count: 19)
    var expected = parameters.map(Double.init)
    var first = [Double](repeating: 0, count: 19)
    var second = [Double](repeating: 0, count: 19)

    for step in 1...3 {
        let gradient = (0..<19).map { Float(sin(Double($0 * step))) }
        adam.beginStep()
        adam.update(&parameters, gradient: gradient, moments: &moments)

        for i in 0..<19 {
            let g = Double(gradient[i])
            first[i] = 0.9 * first[i] + 0.1 * g
            second[i] = 0.999 * second[i] + 0.001 * g * g
            let firstHat = first[i] / (1 - pow(0.9, Double(step)))
            let secondHat = second[i] / (1 - pow(0.999, Double(step)))
            expected[i] -= 0.01 * firstHat / (secondHat.squareRoot() + 1e-8)
        }
    }

    for i in 0..<19 {
        #expect(abs(Double(parameters[i]) - expected[i]) < 1e-6, "parameter \(i)")
    }
}

@Test func adamFirstStepMovesByLearningRate() {
    var adam = Adam()
    var parameters: [Float] = [1, 1, 1]
    var moments = AdamMoments(count: 3)

    adam.beginStep()
    adam.update(&parameters, gradient: [5, -0.5, 0], moments: &moments)

    // m̂/√v̂ is sign(g) on the first step, so each parameter moves by lr.
    #expect(isClose(parameters[0], 0.999, tolerance: 1e-6))
    #expect(isClose(parameters[1], 1.001, tolerance: 1e-6))
    #expect(parameters[2] == 1)
}
