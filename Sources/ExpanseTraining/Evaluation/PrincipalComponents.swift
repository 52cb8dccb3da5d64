/// Projects row-major `[n, width]` vectors onto their first two principal
/// components, as the method's Figure 2 draws latent vectors.
///
/// The components are the leading eigenvectors of the covariance matrix,
/// found by power iteration with deflation in Double. Each component's sign
/// is fixed so that its largest entry is positive, which makes the picture
/// repeatable. A constant input projects to (0, 0) for every row.
public enum PrincipalComponents {
    public static func project(_ values: [Float], width: Int) -> [(x: Double, y: Double)] {
        let rows = width > 0 ? values.count / width : 0
        guard rows > 0 else { return [] }

        var mean = [Double](repeating: 0, count: width)
        for row in 0..<rows {
            for column in 0..<width {
                mean[column] += Double(values[row * width + column])
            }
        }
        mean = mean.map { $0 / Double(rows) }

        var covariance = [Double](repeating: 0, count: width * width)
        for row in 0..<rows {
            for i in 0..<width {
                let a = Double(values[row * width + i]) - mean[i]
                for j in i..<width {
                    covariance[i * width + j] += a * (Double(values[row * width + j]) - mean[j])
                }
            }
        }
        for i in 0..<width {
            for j in i..<width {
                covariance[i * width + j] /= Double(max(rows - 1, 1))
                covariance[j * width + i] = covariance[i * width + j]
            }
        }

        let first = leadingEigenvector(covariance, width: width)
        deflate(&covariance, by: first, width: width)
        let second = leadingEigenvector(covariance, width: width)

        return (0..<rows).map { row in
            var x = 0.0
            var y = 0.0
            for column in 0..<width {
                let centred = Double(values[row * width + column]) - mean[column]
                x += centred * first[column]
                y += centred * second[column]
            }
            return (x, y)
        }
    }

    /// Returns the unit eigenvector of the largest eigenvalue of a symmetric
    /// matrix, or zeros when the matrix is zero.
    static func leadingEigenvector(_ matrix: [Double], width: Int) -> [Double] {
        var vector = (0..<width).map { 1.0 + Double($0) * 1e-3 }
        for _ in 0..<200 {
            var next = [Double](repeating: 0, count: width)
            for i in 0..<width {
                for j in 0..<width {
                    next[i] += matrix[i * width + j] * vector[j]
                }
            }
            let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 1e-300 else { return [Double](repeating: 0, count: width) }
            vector = next.map { $0 / norm }
        }
        if let largest = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }), vector[largest] < 0 {
            vector = vector.map { -$0 }
        }
        return vector
    }

    /// Removes the component along `vector` from a symmetric matrix: `M − λ v vᵀ`.
    static func deflate(_ matrix: inout [Double], by vector: [Double], width: Int) {
        var eigenvalue = 0.0
        for i in 0..<width {
            for j in 0..<width {
                eigenvalue += vector[i] * matrix[i * width + j] * vector[j]
            }
        }
        for i in 0..<width {
            for j in 0..<width {
                matrix[i * width + j] -= eigenvalue * vector[i] * vector[j]
            }
        }
    }
}
