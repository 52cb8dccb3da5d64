/// Inverted dropout: during training each element is zeroed with probability `p`
/// and the survivors are scaled so that the expected value is unchanged. At
/// inference it is the identity, so scoring never calls it.
///
/// The mask is drawn 16 bits at a time, four elements per 64-bit random word, so
/// the drop probability is `p` rounded to a multiple of 2⁻¹⁶ (0.5 is exact). The
/// survivors' scale is `1 / (1 - rounded p)`, which keeps the expectation exact.
public struct Dropout: Sendable, Equatable {
    /// The requested drop probability, in `[0, 1)`.
    public let probability: Float
    /// Elements whose 16-bit draw is below this are dropped.
    let threshold: UInt64
    /// The factor applied to kept elements.
    public let keptScale: Float

    /// Creates a dropout layer; `probability` must be in `[0, 1)`.
    public init(probability: Float = 0.5) {
        precondition(probability >= 0 && probability < 1, "dropout probability must be in [0, 1), got \(probability)")
        let threshold = min(UInt64((Double(probability) * 65536).rounded()), 65535)

        self.probability = probability
        self.threshold = threshold
        self.keptScale = Float(65536 / Double(65536 - threshold))
    }

    /// Draws a fresh mask into `mask` (0 for a dropped element, `keptScale` for a
    /// kept one) and multiplies `x` by it in place. `mask` is resized to
    /// `x.values.count` only when its size differs.
    public func forward(_ x: inout Matrix, mask: inout [Float], generator: inout SeededGenerator) {
        let count = x.values.count
        if mask.count != count {
            mask = [Float](repeating: 0, count: count)
        }

        mask.withUnsafeMutableBufferPointer { m in
            drawMask(into: m, generator: &generator)
            x.values.withUnsafeMutableBufferPointer { v in
                for i in v.indices {
                    v[i] *= m[i]
                }
            }
        }
    }

    /// Fills `mask` with 0 (dropped) or `keptScale` (kept), one 16-bit draw per element.
    public func drawMask(into mask: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator) {
        let count = mask.count
        let scale = keptScale
        let threshold = self.threshold

        // Sixteen elements take four 64-bit words; lane k of the UInt16 view is
        // bits 16(k mod 4)... of word k/4 on this little-endian target, the same
        // order as the scalar tail below.
        let lanes = SIMD16<UInt32>(repeating: UInt32(threshold))
        let kept = SIMD16<Float>(repeating: scale)
        let dropped = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            let words = SIMD4<UInt64>(generator.next(), generator.next(), generator.next(), generator.next())
            let draws = SIMD16<UInt32>(truncatingIfNeeded: unsafeBitCast(words, to: SIMD16<UInt16>.self))
            let factors = dropped.replacing(with: kept, where: draws .>= lanes)
            UnsafeMutableRawPointer(mask.baseAddress! + i).storeBytes(of: factors, as: SIMD16<Float>.self)
            i += 16
        }

        while i < count {
            var word = generator.next()
            let end = min(i + 4, count)
            while i < end {
                mask[i] = (word & 0xFFFF) >= threshold ? scale : 0
                word >>= 16
                i += 1
            }
        }
    }

    /// Turns `∂loss/∂output` into `∂loss/∂input` in place with the mask that
    /// `forward` drew.
    public static func backward(mask: [Float], gradient: inout Matrix) {
        precondition(mask.count == gradient.values.count, "mask and gradient sizes differ")
        mask.withUnsafeBufferPointer { m in
            gradient.values.withUnsafeMutableBufferPointer { g in
                for i in g.indices {
                    g[i] *= m[i]
                }
            }
        }
    }
}
