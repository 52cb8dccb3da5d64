/// Forward and backward passes through a chain of `Linear` layers, each followed
/// by its activation, with every intermediate kept in a reusable workspace.
public enum LayerChain {
    /// Runs `input` through the chain, leaving each layer's activated output in
    /// `workspace.outputs`. The workspace is resized to `input.rows` rows.
    public static func forward(
        layers: [Linear], activations: [Activation], input: Matrix, workspace: inout LayerChainWorkspace
    ) {
        precondition(layers.count == activations.count && layers.count == workspace.outputs.count, "layers, activations and workspace disagree")
        workspace.resize(rows: input.rows)

        for index in layers.indices {
            if index == 0 {
                layers[index].forward(input, into: &workspace.outputs[index])
            } else {
                layers[index].forward(workspace.outputs[index - 1], into: &workspace.outputs[index])
            }
            activations[index].apply(&workspace.outputs[index])
        }
    }

    /// Back-propagates `∂loss/∂(last output)`, which the caller has written into
    /// `workspace.deltas.last`, filling `workspace.gradients` for every layer.
    /// The deltas are overwritten. The gradient with respect to `input` is not computed.
    public static func backward(
        layers: [Linear], activations: [Activation], input: Matrix, workspace: inout LayerChainWorkspace
    ) {
        for index in layers.indices.reversed() {
            activations[index].backward(output: workspace.outputs[index], gradient: &workspace.deltas[index])

            let layerInput = index == 0 ? input : workspace.outputs[index - 1]
            if index == 0 {
                layers[index].backward(input: layerInput, outputGradient: workspace.deltas[index], gradient: &workspace.gradients[index])
            } else {
                layers[index].backward(
                    input: layerInput, outputGradient: workspace.deltas[index],
                    gradient: &workspace.gradients[index], inputGradient: &workspace.deltas[index - 1]
                )
            }
        }
    }
}

/// The buffers of one `LayerChain`: each layer's activated output, the gradient
/// with respect to it, and each layer's parameter gradient.
public struct LayerChainWorkspace: Sendable {
    public var outputs: [Matrix]
    public var deltas: [Matrix]
    public var gradients: [LinearGradient]

    /// Creates empty buffers for `layers`, sized for zero rows.
    public init(layers: [Linear]) {
        outputs = layers.map { Matrix(rows: 0, columns: $0.outputs) }
        deltas = outputs
        gradients = layers.map { LinearGradient(for: $0) }
    }

    /// Sets every output and delta buffer to `rows` rows.
    public mutating func resize(rows: Int) {
        for index in outputs.indices {
            outputs[index].resize(rows: rows)
            deltas[index].resize(rows: rows)
        }
    }
}
