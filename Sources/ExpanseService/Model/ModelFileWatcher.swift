import Dispatch
import Glibc
import Synchronization

/// Polls a file's modification time, size and inode and calls back when
/// any of them changes. Polling rather than inotify, because inotify does
/// not see writes made by other hosts on network file systems.
final class ModelFileWatcher: Sendable {
    /// The modification time, size and inode of one version of the file.
    struct Signature: Equatable {
        var modificationNanoseconds: Int
        var size: Int
        var inode: UInt
    }

    private let path: String
    private let interval: Duration
    private let queue = DispatchQueue(label: "expanse.service.model-watch")
    /// The polling timer; `DispatchSourceTimer` is thread-safe but not
    /// marked `Sendable`, hence the unchecked box.
    private let timer = Mutex<TimerBox?>(nil)

    private struct TimerBox: @unchecked Sendable {
        let source: any DispatchSourceTimer
    }
    private let lastSeen: Mutex<Signature?>

    init(path: String, interval: Duration) {
        self.path = path
        self.interval = interval
        lastSeen = Mutex(Self.signature(of: path))
    }

    /// Starts polling; `onChange` runs on the watcher's queue after each change.
    func start(onChange: @escaping @Sendable () -> Void) {
        let source = DispatchSource.makeTimerSource(queue: queue)
        let nanoseconds = Int(interval.components.seconds) * 1_000_000_000 + Int(interval.components.attoseconds / 1_000_000_000)
        source.schedule(deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(nanoseconds))
        source.setEventHandler { [weak self] in
            guard let self else { return }
            let current = Self.signature(of: path)
            let changed = lastSeen.withLock { last -> Bool in
                defer { last = current }
                return current != nil && current != last
            }
            if changed { onChange() }
        }
        timer.withLock { $0 = TimerBox(source: source) }
        source.activate()
    }

    func stop() {
        let box = timer.withLock { box in
            defer { box = nil }
            return box
        }
        box?.source.cancel()
    }

    static func signature(of path: String) -> Signature? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Signature(
            modificationNanoseconds: status.st_mtim.tv_sec * 1_000_000_000 + status.st_mtim.tv_nsec,
            size: Int(status.st_size),
            inode: UInt(status.st_ino)
        )
    }
}
