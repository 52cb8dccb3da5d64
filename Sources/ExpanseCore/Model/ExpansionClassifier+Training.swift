extension ExpansionClassifier {
    /// Runs a training-mode forward pass (dropout on, mask drawn from `generator`)
    /// over `input`, `[n, inputs]`, and returns the mean binary cross-entropy
    /// against `labels`. It fills `workspace.hiddenGradient` and
    /// `workspace.outputGradient` with the loss's gradients. `labels` must have
    /// `n` entries, each 0 or 1.
    ///
    /// ReLU, dropout and the E→1 product are fused into one pass over each row,
    /// and their backward passes into another, so the `[n, E]` activations are
    /// read twice per step instead of once per layer.
    public func lossAndGradient(
        input: Matrix, labels: [Float], workspace: inout ExpansionClassifierWorkspace,
        generator: inout SeededGenerator
    ) -> Float {
        let rows = input.rows
        let width = expansion
        precondition(input.columns == inputs, "input has \(input.columns) columns, classifier takes \(inputs)")
        precondition(labels.count == rows, "\(labels.count) labels for \(rows) rows")
        workspace.resize(rows: rows)

        hidden.forward(input, into: &workspace.activations)
        applyReLUDropoutAndOutput(rows: rows, width: width, workspace: &workspace, generator: &generator)

        let loss = labels.withUnsafeBufferPointer { y in
            workspace.logits.withUnsafeBufferPointer { z in
                workspace.logitGradient.withUnsafeMutableBufferPointer { g in
                    BinaryCrossEntropyWithLogits.evaluate(
                        logits: UnsafeBufferPointer(rebasing: z[0..<rows]),
                        labels: y,
                        gradient: UnsafeMutableBufferPointer(rebasing: g[0..<rows])
                    )
                }
            }
        }

        backpropagateOutput(rows: rows, width: width, workspace: &workspace)
        hidden.backward(input: input, outputGradient: workspace.factors, gradient: &workspace.hiddenGradient)
        return loss
    }

    /// Turns the pre-activations into dropped-out activations in place, stores the
    /// per-element derivative (0 or the dropout scale) in `factors`, and writes
    /// each row's logit.
    private func applyReLUDropoutAndOutput(
        rows: Int, width: Int, workspace: inout ExpansionClassifierWorkspace, generator: inout SeededGenerator
    ) {
        let outputBias = output.bias[0]
        output.weight.values.withUnsafeBufferPointer { w in
            workspace.activations.values.withUnsafeMutableBufferPointer { a in
                workspace.factors.values.withUnsafeMutableBufferPointer { f in
                    workspace.logits.withUnsafeMutableBufferPointer { z in
                        for row in 0..<rows {
                            let base = row * width
                            let rowFactors = UnsafeMutableBufferPointer(rebasing: f[base..<(base + width)])
                            dropout.drawMask(into: rowFactors, generator: &generator)

                            let sum = VectorKernels.reluDropoutDot(
                                activations: a.baseAddress! + base, factors: f.baseAddress! + base,
                                weights: w.baseAddress!, count: width
                            )
                            z[row] = sum + outputBias
                        }
                    }
                }
            }
        }
    }

    /// Computes the output layer's gradient and overwrites `factors` with
    /// `∂loss/∂(hidden pre-activation)`.
    private func backpropagateOutput(rows: Int, width: Int, workspace: inout ExpansionClassifierWorkspace) {
        var biasGradient: Float = 0
        output.weight.values.withUnsafeBufferPointer { w in
            workspace.activations.values.withUnsafeBufferPointer { a in
                workspace.factors.values.withUnsafeMutableBufferPointer { f in
                    workspace.logitGradient.withUnsafeBufferPointer { dz in
                        workspace.outputGradient.weight.values.withUnsafeMutableBufferPointer { dw in
                            for j in 0..<width {
                                dw[j] = 0
                            }
                            for row in 0..<rows {
                                let base = row * width
                                let g = dz[row]
                                biasGradient += g
                                VectorKernels.backpropagateRow(
                                    g, activations: a.baseAddress! + base, factors: f.baseAddress! + base,
                                    weights: w.baseAddress!, weightGradient: dw.baseAddress!, count: width
                                )
                            }
                        }
                    }
                }
            }
        }
        workspace.outputGradient.bias[0] = biasGradient
    }
}

/// The buffers of one classifier training step, reused across batches.
public struct ExpansionClassifierWorkspace: Sendable {
    /// `[n, E]`: pre-activations, then activations after ReLU and dropout.
    var activations: Matrix
    /// `[n, E]`: the ReLU-and-dropout derivative, then `∂loss/∂pre-activation`.
    var factors: Matrix
    var logits: [Float]
    var logitGradient: [Float]
    /// The gradient with respect to `hidden`, filled by `lossAndGradient`.
    public var hiddenGradient: LinearGradient
    /// The gradient with respect to `output`, filled by `lossAndGradient`.
    public var outputGradient: LinearGradient

    public init(for classifier: ExpansionClassifier) {
        activations = Matrix(rows: 0, columns: classifier.expansion)
        factors = activations
        logits = []
        logitGradient = []
        hiddenGradient = LinearGradient(for: classifier.hidden)
        outputGradient = LinearGradient(for: classifier.output)
    }

    mutating func resize(rows: Int) {
        activations.resize(rows: rows)
        factors.resize(rows: rows)
        if logits.count < rows {
            logits = [Float](repeating: 0, count: rows)
            logitGradient = logits
        }
    }
}
