import ExpanseCore
import ExpanseHTTP

extension ServiceRouter {
    /// `POST /v1/score`: decodes the transactions into one `[n, d]` buffer,
    /// scores it with one `Scorer` call and encodes the results.
    func score(_ request: HTTPRequest) throws -> HTTPResponse {
        try requireJSONContentType(request)
        let model = try currentModel()
        let decoder = ScoreRequestDecoder(features: model.features, maxRows: configuration.maxBatchRows)

        return try request.body.withUnsafeBufferPointer { body throws -> HTTPResponse in
            let batch: FeatureBatch
            do throws(RequestDecodingError) {
                batch = try decoder.decode(body)
            } catch {
                throw Self.problem(for: error)
            }

            let probabilities = Self.scoreBatch(batch, with: model.scorer)
            probabilities.withUnsafeBufferPointer { metrics.recordScores($0) }
            return Self.json(Self.encodeScores(probabilities, batch: batch, body: body, model: model))
        }
    }

    /// Scores every row of `batch` in one call.
    static func scoreBatch(_ batch: FeatureBatch, with scorer: Scorer) -> [Float] {
        [Float](unsafeUninitializedCapacity: batch.rows) { output, initialized in
            batch.values.withUnsafeBufferPointer { scorer.score($0, into: output) }
            initialized = batch.rows
        }
    }

    private static func encodeScores(_ probabilities: [Float], batch: FeatureBatch, body: UnsafeBufferPointer<UInt8>, model: ServedModel) -> [UInt8] {
        var writer = JSONWriter(capacity: model.scoreResponsePrefix.count + probabilities.count * 64)
        writer.append(model.scoreResponsePrefix)

        let threshold = model.threshold
        for (row, probability) in probabilities.enumerated() {
            writer.raw(row == 0 ? "{" : ",{")
            if let idRange = batch.idRanges[row] {
                writer.raw(#""id":"#)
                writer.quotedBytes(body, idRange)
                writer.raw(",")
            }
            writer.raw(#""fraud_probability":"#)
            writer.number(probability)
            writer.raw(Double(probability) >= threshold ? #","decision":"fraud"}"# : #","decision":"legit"}"#)
        }
        writer.raw("]}")
        return writer.bytes
    }

    /// - Throws: 415 unless `Content-Type` is `application/json`, parameters allowed.
    private func requireJSONContentType(_ request: HTTPRequest) throws(HTTPError) {
        let value = request.headers["Content-Type"] ?? ""
        let mediaType = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: " \t").lowercased() } ?? ""
        guard mediaType == "application/json" else {
            throw HTTPError(
                .unsupportedMediaType,
                detail: value.isEmpty ? "Content-Type is missing; send application/json." : "Content-Type \(value) is not supported; send application/json."
            )
        }
    }

    private static func problem(for error: RequestDecodingError) -> HTTPError {
        switch error {
        case .malformed(let syntax):
            HTTPError(.badRequest, detail: "The body is not valid JSON: \(syntax.message) at byte offset \(syntax.offset).")
        case .invalidContent(let message):
            HTTPError(.unprocessableContent, detail: message)
        case .tooManyRows(let limit):
            HTTPError(.contentTooLarge, detail: "The request contains more than \(limit) transactions; split it into requests of at most \(limit), or raise --max-batch-rows on the server.", setting: "--max-batch-rows")
        }
    }
}
