/// A deadline on the `DispatchTime` uptime clock, in nanoseconds, for one watcher.
struct EventLoopTimer {
    var deadline: UInt64
    var watcherID: Int
}

/// A binary min-heap of timers ordered by deadline.
struct EventLoopTimerQueue {
    private var heap: [EventLoopTimer] = []

    var earliest: EventLoopTimer? { heap.first }

    mutating func insert(_ timer: EventLoopTimer) {
        heap.append(timer)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeEarliest() {
        guard !heap.isEmpty else { return }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()

        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
