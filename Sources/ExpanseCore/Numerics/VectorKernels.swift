/// Loops that the optimiser cannot vectorise by itself, written with SIMD types.
///
/// A Float sum in a plain loop is a chain of dependent additions, because
/// reordering them changes the result, so it runs at one element per addition
/// latency. These kernels keep several SIMD accumulators instead. Their results
/// differ from a left-to-right sum by rounding only, and they are deterministic.
enum VectorKernels {
    typealias Vector = SIMD8<Float>

    /// Returns `Σ max(x[i], 0) · w[i]` over `count` elements.
    static func reluDot(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, count: Int) -> Float {
        var sum0 = Vector(), sum1 = Vector(), sum2 = Vector(), sum3 = Vector()
        let stride = 4 * Vector.scalarCount
        var i = 0
        while i + stride <= count {
            sum0 += relu(load(x + i)) * load(w + i)
            sum1 += relu(load(x + i + 8)) * load(w + i + 8)
            sum2 += relu(load(x + i + 16)) * load(w + i + 16)
            sum3 += relu(load(x + i + 24)) * load(w + i + 24)
            i += stride
        }

        var total = ((sum0 + sum1) + (sum2 + sum3)).sum()
        while i < count {
            total += max(x[i], 0) * w[i]
            i += 1
        }
        return total
    }

    /// Applies ReLU and a dropout mask to one row and returns its dot product with `w`.
    ///
    /// On entry `activations` holds pre-activations and `factors` the dropout mask
    /// (0 or the kept scale). On exit `activations[i] = max(a, 0) · mask` and
    /// `factors[i]` is that expression's derivative: the mask where `a > 0`, else 0.
    static func reluDropoutDot(
        activations: UnsafeMutablePointer<Float>, factors: UnsafeMutablePointer<Float>,
        weights w: UnsafePointer<Float>, count: Int
    ) -> Float {
        let zero = Vector()
        var sum0 = Vector(), sum1 = Vector()
        let stride = 2 * Vector.scalarCount

        @inline(__always)
        func step(_ offset: Int) -> Vector {
            let a = load(activations + offset)
            let factor = load(factors + offset).replacing(with: zero, where: a .<= zero)
            let value = a * factor
            store(factor, to: factors + offset)
            store(value, to: activations + offset)
            return value * load(w + offset)
        }

        var i = 0
        while i + stride <= count {
            sum0 += step(i)
            sum1 += step(i + Vector.scalarCount)
            i += stride
        }

        var total = (sum0 + sum1).sum()
        while i < count {
            let factor: Float = activations[i] > 0 ? factors[i] : 0
            factors[i] = factor
            activations[i] *= factor
            total += activations[i] * w[i]
            i += 1
        }
        return total
    }

    /// Back-propagates one row's logit gradient `g` through the output layer, the
    /// dropout and the ReLU: `weightGradient += g · activations` and
    /// `factors *= g · w`.
    static func backpropagateRow(
        _ g: Float, activations: UnsafePointer<Float>, factors: UnsafeMutablePointer<Float>,
        weights w: UnsafePointer<Float>, weightGradient: UnsafeMutablePointer<Float>, count: Int
    ) {
        let gradient = Vector(repeating: g)
        var i = 0
        while i + Vector.scalarCount <= count {
            store(load(weightGradient + i) + gradient * load(activations + i), to: weightGradient + i)
            store(load(factors + i) * (gradient * load(w + i)), to: factors + i)
            i += Vector.scalarCount
        }
        while i < count {
            weightGradient[i] += g * activations[i]
            factors[i] *= g * w[i]
            i += 1
        }
    }

    /// `max(x, 0)` per lane; the standard library's generic `pointwiseMax` is not
    /// specialised into vector code here.
    @inline(__always)
    static func relu(_ x: Vector) -> Vector {
        x.replacing(with: Vector(), where: x .< Vector())
    }

    /// Adds `count` elements of `source` to `target`.
    static func add(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + Vector.scalarCount <= count {
            store(load(target + i) + load(source + i), to: target + i)
            i += Vector.scalarCount
        }
        while i < count {
            target[i] += source[i]
            i += 1
        }
    }

    @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func store(_ vector: Vector, to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: Vector.self)
    }
}
