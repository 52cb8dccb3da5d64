extension Autoencoder {
    /// Counts the units of the encoder's middle ReLU layer (`h` wide) that are
    /// positive for at least one row of `input`, `[n, d]`.
    ///
    /// The latent is a linear function of this layer, so its rank is at most
    /// this count: with every unit dead the latent is one constant vector.
    public func liveMiddleUnits(_ input: Matrix) -> Int {
        let encoder = self.encoder
        var workspace = LayerChainWorkspace(layers: encoder)
        LayerChain.forward(layers: encoder, activations: Self.encoderActivations, input: input, workspace: &workspace)

        let middle = workspace.outputs[1]
        var live = 0
        for column in 0..<middle.columns {
            for row in 0..<middle.rows where middle[row, column] > 0 {
                live += 1
                break
            }
        }
        return live
    }
}
