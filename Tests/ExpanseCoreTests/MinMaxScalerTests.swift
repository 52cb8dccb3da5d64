import Testing
@testable import ExpanseCore

@Test func scalerFitsColumnBounds() {
    let rows: [Float] = [1, 10, 5,
                         3, 20, 5,
                         2, 30, 5]
    let scaler = MinMaxScaler(fitting: rows, features: 3)

    #expect(scaler.min == [1, 10, 5])
    #expect(scaler.max == [3, 30, 5])
    #expect(scaler.transform(rows) == [0, 0, 0, 1, 0.5, 0, 0.5, 1, 0])
}

@Test func scalerMapsConstantFeatureToZero() {
    let scaler = MinMaxScaler(min: [4], max: [4])
    #expect(scaler.transform([4, 100, -3]) == [0, 0, 0])
}

@Test func scalerLeavesOutOfRangeUnclipped() {
    let scaler = MinMaxScaler(min: [0], max: [2])
    #expect(scaler.transform([-2, 3]) == [-1, 1.5])
}

@Test func scalerClipsWhenAsked() {
    let scaler = MinMaxScaler(min: [0], max: [2], clip: true)
    #expect(scaler.transform([-2, 1, 3]) == [0, 0.5, 1])
}

@Test func scalerSkipsNaNWhenFitting() {
    let scaler = MinMaxScaler(fitting: [.nan, 1, 2, .nan, 4, .nan], features: 2)

    #expect(scaler.min == [2, 1])
    #expect(scaler.max == [4, 1])
    #expect(scaler.transform([.nan, 7])[0].isNaN)
}

@Test func scalerOfAllNaNColumnIsZeroRange() {
    let scaler = MinMaxScaler(fitting: [.nan, .nan], features: 1)
    #expect(scaler.min == [0])
    #expect(scaler.max == [0])
}

@Test func scalerTransformsEmptyInput() {
    let scaler = MinMaxScaler(min: [0, 0], max: [1, 1])
    #expect(scaler.transform([]).isEmpty)
}
