/// The out-of-fold scores of one cross-validation fold.
public struct FoldResult: Sendable, Equatable {
    /// 0-based fold index.
    public let fold: Int
    public let trainRows: Int
    public let testRows: Int
    public let testPositives: Int
    public let auroc: Double
    /// Average precision, the step-wise area under the precision-recall curve.
    public let auprc: Double
    /// Wall time of fitting the scaler, the autoencoder and the classifier, in seconds.
    public let trainSeconds: Double
    /// Wall time of scoring the test rows, in seconds.
    public let scoreSeconds: Double
    /// How many autoencoder fits it took to get a latent that is not constant.
    public let autoencoderAttempts: Int
    /// Live units of the kept encoder's middle ReLU layer; 0 without an encoder.
    public let liveMiddleUnits: Int
}
