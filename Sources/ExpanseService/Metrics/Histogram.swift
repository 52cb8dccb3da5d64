/// A Prometheus histogram's state: a count per bucket, the sum and the count
/// of observations. Not synchronised; its owner guards it.
struct Histogram: Sendable {
    /// Upper bounds of the buckets, ascending; `+Inf` is implicit.
    let bounds: [Double]
    /// Observations per bucket, not cumulative; the last entry is the `+Inf` bucket.
    private(set) var counts: [Int]
    private(set) var sum: Double = 0
    private(set) var count: Int = 0

    init(bounds: [Double]) {
        self.bounds = bounds
        counts = [Int](repeating: 0, count: bounds.count + 1)
    }

    /// Returns the bucket index of `value`: the first bound at or above it.
    func bucket(of value: Double) -> Int {
        var low = 0
        var high = bounds.count
        while low < high {
            let middle = (low + high) / 2
            if value <= bounds[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }

    mutating func observe(_ value: Double) {
        counts[bucket(of: value)] += 1
        sum += value
        count += 1
    }

    /// Adds observations counted elsewhere with the same bounds.
    mutating func merge(counts bucketCounts: [Int], sum extraSum: Double) {
        for index in counts.indices {
            counts[index] += bucketCounts[index]
            count += bucketCounts[index]
        }
        sum += extraSum
    }

    /// Appends the `_bucket`, `_sum` and `_count` samples. `labels` is the
    /// inner text of the label set without braces, possibly empty.
    func render(name: String, labels: String, into text: inout String) {
        let separator = labels.isEmpty ? "" : ","
        var cumulative = 0
        for (index, bound) in bounds.enumerated() {
            cumulative += counts[index]
            text += "\(name)_bucket{\(labels)\(separator)le=\"\(PrometheusText.format(bound))\"} \(cumulative)\n"
        }
        cumulative += counts[bounds.count]
        text += "\(name)_bucket{\(labels)\(separator)le=\"+Inf\"} \(cumulative)\n"
        let labelSet = labels.isEmpty ? "" : "{\(labels)}"
        text += "\(name)_sum\(labelSet) \(PrometheusText.format(sum))\n"
        text += "\(name)_count\(labelSet) \(count)\n"
    }
}
