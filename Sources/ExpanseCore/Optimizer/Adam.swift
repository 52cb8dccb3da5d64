import Glibc

/// The Adam optimiser (Kingma and Ba, 2015) with bias correction, computed as
/// PyTorch's `torch.optim.Adam` does with its defaults (no weight decay, no AMSGrad):
///
///     m ← β₁ m + (1 - β₁) g
///     v ← β₂ v + (1 - β₂) g²
///     θ ← θ - (lr / (1 - β₁ᵗ)) · m / (√v / √(1 - β₂ᵗ) + ε)
///
/// Call `beginStep()` once per mini-batch, then `update` on every parameter array.
public struct Adam: Sendable {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    /// The number of steps begun so far, `t` in the formulas.
    public private(set) var step = 0

    private var stepSize: Float = 0
    private var secondMomentCorrection: Float = 1

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Advances `t` and computes this step's bias corrections (in Double).
    public mutating func beginStep() {
        step += 1
        let t = Double(step)
        stepSize = Float(Double(learningRate) / (1 - pow(Double(beta1), t)))
        secondMomentCorrection = Float((1 - pow(Double(beta2), t)).squareRoot())
    }

    /// Applies one step to `parameters` with `gradient`, updating `moments`.
    public func update(_ parameters: inout [Float], gradient: [Float], moments: inout AdamMoments) {
        precondition(step > 0, "call beginStep() before update")
        precondition(gradient.count == parameters.count && moments.first.count == parameters.count, "parameter, gradient and moment counts differ")

        let b1 = beta1
        let b2 = beta2
        let eps = epsilon
        let size = stepSize
        let correction = secondMomentCorrection
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                moments.first.withUnsafeMutableBufferPointer { m in
                    moments.second.withUnsafeMutableBufferPointer { v in
                        Self.step(
                            p.baseAddress!, gradient: g.baseAddress!, first: m.baseAddress!, second: v.baseAddress!,
                            count: p.count, beta1: b1, beta2: b2, epsilon: eps, stepSize: size, correction: correction
                        )
                    }
                }
            }
        }
    }

    /// Runs the update loop eight parameters at a time. `correction` is `√(1 - β₂ᵗ)`.
    private static func step(
        _ p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
        first m: UnsafeMutablePointer<Float>, second v: UnsafeMutablePointer<Float>, count: Int,
        beta1: Float, beta2: Float, epsilon: Float, stepSize: Float, correction: Float
    ) {
        typealias Vector = SIMD8<Float>
        var i = 0
        while i + Vector.scalarCount <= count {
            let gradient = VectorKernels.load(g + i)
            let first = beta1 * VectorKernels.load(m + i) + (1 - beta1) * gradient
            let second = beta2 * VectorKernels.load(v + i) + (1 - beta2) * gradient * gradient
            let denominator = second.squareRoot() / correction + epsilon
            VectorKernels.store(first, to: m + i)
            VectorKernels.store(second, to: v + i)
            VectorKernels.store(VectorKernels.load(p + i) - stepSize * first / denominator, to: p + i)
            i += Vector.scalarCount
        }

        while i < count {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            p[i] -= stepSize * m[i] / (v[i].squareRoot() / correction + epsilon)
            i += 1
        }
    }

    /// Applies one step to a layer's weight and bias.
    public func update(_ layer: inout Linear, gradient: LinearGradient, moments: inout LinearMoments) {
        update(&layer.weight.values, gradient: gradient.weight.values, moments: &moments.weight)
        update(&layer.bias, gradient: gradient.bias, moments: &moments.bias)
    }
}

/// Adam's running first and second moments for one parameter array, zero at the start.
public struct AdamMoments: Sendable {
    public var first: [Float]
    public var second: [Float]

    public init(count: Int) {
        first = [Float](repeating: 0, count: count)
        second = first
    }
}

/// Adam's moments for the weight and the bias of one `Linear` layer.
public struct LinearMoments: Sendable {
    public var weight: AdamMoments
    public var bias: AdamMoments

    public init(for layer: Linear) {
        weight = AdamMoments(count: layer.weight.values.count)
        bias = AdamMoments(count: layer.bias.count)
    }
}
