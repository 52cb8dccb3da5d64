/// A deterministic pseudo-random generator: xoshiro256** (Blackman and Vigna, 2018),
/// seeded through SplitMix64 so that any 64-bit seed, zero included, gives a
/// well-mixed state.
///
/// The same seed yields the same sequence on every platform and Swift version,
/// because every method here, shuffling and floats included, is written out
/// rather than taken from the standard library.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose sequence depends only on `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        state = (
            Self.splitMix(&mixer), Self.splitMix(&mixer),
            Self.splitMix(&mixer), Self.splitMix(&mixer)
        )
    }

    /// Returns a seed for a sub-task, derived from `seed` and `stream` so that
    /// different streams give unrelated sequences.
    public static func derivedSeed(_ seed: UInt64, stream: UInt64) -> UInt64 {
        var mixer = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        return splitMix(&mixer)
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17

        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)

        return result
    }

    /// Returns a float uniform in `[0, 1)` with 24 random bits.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// Returns a float uniform in `[-bound, bound)`.
    public mutating func nextFloat(symmetricBound bound: Float) -> Float {
        (nextUnitFloat() * 2 - 1) * bound
    }

    /// Returns an integer uniform in `0..<upperBound` by rejection sampling, so
    /// there is no modulo bias.
    public mutating func nextIndex(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upper bound must be positive")
        let bound = UInt64(upperBound)
        let limit = UInt64.max - UInt64.max % bound
        var value = next()
        while value >= limit {
            value = next()
        }
        return Int(value % bound)
    }

    /// Shuffles `indices` in place with the Fisher–Yates algorithm.
    public mutating func shuffle(_ indices: inout [Int]) {
        guard indices.count > 1 else { return }
        for i in stride(from: indices.count - 1, to: 0, by: -1) {
            let j = nextIndex(below: i + 1)
            indices.swapAt(i, j)
        }
    }

    private static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@inline(__always)
private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}
