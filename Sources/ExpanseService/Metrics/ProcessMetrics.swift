import ExpanseCore
import Glibc

/// A sample of the process's own resource use, read from `/proc` (Linux only).
struct ProcessMetrics {
    var residentMemoryBytes: Double?
    var cpuSeconds: Double?
    var openFileDescriptors: Double?
    /// Unix time, in seconds, when the process started.
    var startTimeSeconds: Double?

    /// Reads `/proc/self/stat`, `/proc/stat` and `/proc/self/fd`. A value
    /// that cannot be read stays nil and its metric is left out.
    static func sample() -> ProcessMetrics {
        var metrics = ProcessMetrics()
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))

        // Fields after the command name, which is in parentheses and may hold spaces.
        if let stat = try? FileContents.read(path: "/proc/self/stat"),
            let close = stat.lastIndex(of: UInt8(ascii: ")"))
        {
            let fields = String(decoding: stat[(close + 1)...], as: UTF8.self).split(separator: " ")
            // fields[0] is field 3 (state), so field N is fields[N - 3].
            if fields.count > 21, let user = Double(fields[11]), let system = Double(fields[12]),
                let start = Double(fields[19]), let pages = Double(fields[21])
            {
                metrics.cpuSeconds = (user + system) / ticksPerSecond
                metrics.residentMemoryBytes = pages * pageSize
                if let bootTime = bootTimeSeconds() {
                    metrics.startTimeSeconds = bootTime + start / ticksPerSecond
                }
            }
        }
        metrics.openFileDescriptors = openDescriptorCount()
        return metrics
    }

    private static func bootTimeSeconds() -> Double? {
        guard let stat = try? FileContents.read(path: "/proc/stat") else { return nil }
        for line in String(decoding: stat, as: UTF8.self).split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6))
        }
        return nil
    }

    private static func openDescriptorCount() -> Double? {
        guard let directory = opendir("/proc/self/fd") else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let isDotEntry = withUnsafeBytes(of: entry.pointee.d_name) { name in
                name[0] == UInt8(ascii: ".") && (name[1] == 0 || (name[1] == UInt8(ascii: ".") && name[2] == 0))
            }
            if !isDotEntry { count += 1 }
        }
        // The listing's own descriptor is open while it runs.
        return Double(count - 1)
    }
}
