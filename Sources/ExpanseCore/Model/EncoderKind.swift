/// The encoder in front of the expansion classifier.
///
/// - `expanded`: `Linear(d→d)+ReLU, Linear(d→h)+ReLU, Linear(h→d)`; the latent
///   vector is the third layer's linear output, d wide.
/// - `basic`: `Linear(d→d)+ReLU, Linear(d→h)+ReLU, Linear(h→h/2)`; a
///   bottleneck autoencoder whose latent is h/2 wide.
/// - `none`: no autoencoder; the classifier reads the scaled input.
///
/// `h` is `d / reduction` (at least 1); with the default reduction of 2 the
/// basic latent is d/4, as in the method's description.
public enum EncoderKind: String, Sendable, Codable, CaseIterable {
    case expanded
    case basic
    case none
}
