import Glibc

/// An element-wise activation applied after a `Linear` layer.
public enum Activation: Sendable, Equatable {
    /// `y = x`.
    case identity
    /// `y = max(x, 0)`. Its derivative at 0 is taken as 0, as in PyTorch.
    case relu
    /// `y = 1 / (1 + e^(-x))`, computed without overflow for large `|x|`.
    case sigmoid

    /// Applies the activation to every element of `x` in place.
    public func apply(_ x: inout Matrix) {
        switch self {
        case .identity:
            return
        case .relu:
            x.values.withUnsafeMutableBufferPointer { v in
                for i in v.indices {
                    v[i] = max(v[i], 0)
                }
            }
        case .sigmoid:
            x.values.withUnsafeMutableBufferPointer { v in
                for i in v.indices {
                    v[i] = logistic(v[i])
                }
            }
        }
    }

    /// Turns `∂loss/∂y` into `∂loss/∂x` in place, given the activation's `output` `y`.
    /// Each of these derivatives can be written through `y` alone, so the
    /// pre-activation input need not be kept.
    public func backward(output: Matrix, gradient: inout Matrix) {
        precondition(output.rows == gradient.rows && output.columns == gradient.columns, "gradient and output shapes differ")

        switch self {
        case .identity:
            return
        case .relu:
            output.values.withUnsafeBufferPointer { y in
                gradient.values.withUnsafeMutableBufferPointer { g in
                    for i in g.indices {
                        g[i] = y[i] > 0 ? g[i] : 0
                    }
                }
            }
        case .sigmoid:
            output.values.withUnsafeBufferPointer { y in
                gradient.values.withUnsafeMutableBufferPointer { g in
                    for i in g.indices {
                        g[i] *= y[i] * (1 - y[i])
                    }
                }
            }
        }
    }
}

/// The logistic function `1 / (1 + e^(-x))`. It never evaluates `exp` of a
/// positive argument, so it neither overflows nor returns NaN for finite `x`.
@inline(__always)
public func logistic(_ x: Float) -> Float {
    if x >= 0 {
        return 1 / (1 + expf(-x))
    }
    let e = expf(x)
    return e / (1 + e)
}
