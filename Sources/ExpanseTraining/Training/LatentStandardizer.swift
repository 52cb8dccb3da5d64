import ExpanseCore

/// Per-column standardisation of the latent vector, `(z − mean) / std`, fitted
/// on the training rows and folded into the classifier's first layer after
/// training, so the stored network keeps the method's exact architecture.
///
/// The encoder's last layer is linear and unbounded, so its outputs can be
/// orders of magnitude smaller than the scaled inputs. Standardising them gives
/// the classifier inputs of unit scale, which it learns from within the
/// method's 20 epochs. A column whose standard deviation is below
/// `minimumDeviation` carries no signal and maps to 0.
struct LatentStandardizer: Sendable, Equatable {
    let mean: [Float]
    /// 1/std per column, or 0 for a constant column.
    let inverseDeviation: [Float]

    static let minimumDeviation = 1e-6

    /// Fits the mean and standard deviation of each column of a row-major `[n, width]` buffer, n ≥ 1.
    init(fitting values: [Float], width: Int) {
        let rows = values.count / width
        var sums = [Double](repeating: 0, count: width)
        var squares = [Double](repeating: 0, count: width)
        for row in 0..<rows {
            for column in 0..<width {
                let value = Double(values[row * width + column])
                sums[column] += value
                squares[column] += value * value
            }
        }

        var mean = [Float](repeating: 0, count: width)
        var inverse = [Float](repeating: 0, count: width)
        for column in 0..<width {
            let average = sums[column] / Double(rows)
            let variance = max(0, squares[column] / Double(rows) - average * average)
            let deviation = variance.squareRoot()
            mean[column] = Float(average)
            inverse[column] = deviation < Self.minimumDeviation ? 0 : Float(1 / deviation)
        }
        self.mean = mean
        inverseDeviation = inverse
    }

    /// Standardises a row-major `[n, width]` buffer in place.
    func apply(_ values: inout [Float]) {
        let width = mean.count
        for index in values.indices {
            let column = index % width
            values[index] = (values[index] - mean[column]) * inverseDeviation[column]
        }
    }

    /// Returns `layer` rewritten to take the unstandardised latent:
    /// `W' = W · diag(1/std)` and `b' = b − W' · mean`.
    func fold(into layer: LayerWeights) -> LayerWeights {
        precondition(layer.inputs == mean.count, "layer inputs do not match the latent width")
        var weight = layer.weight
        var bias = layer.bias
        for output in 0..<layer.outputs {
            var shift = 0.0
            for input in 0..<layer.inputs {
                let scaled = weight[output * layer.inputs + input] * inverseDeviation[input]
                weight[output * layer.inputs + input] = scaled
                shift += Double(scaled) * Double(mean[input])
            }
            bias[output] -= Float(shift)
        }
        return LayerWeights(outputs: layer.outputs, inputs: layer.inputs, weight: weight, bias: bias)
    }
}
