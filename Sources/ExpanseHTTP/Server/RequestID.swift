import Glibc
import Synchronization

/// Request ids: the client's `X-Request-ID` when it is sane, otherwise a new one.
enum RequestID {
    /// Maximum length of a client id that is echoed back, in bytes.
    static let maxLength = 128

    private static let counter = Atomic<UInt64>(0)

    /// A random per-process prefix, so ids from different processes differ.
    private static let processPrefix: String = {
        var generator = SystemRandomNumberGenerator()
        let value = UInt64.random(in: 0...UInt64(0xFFFF_FFFF_FFFF), using: &generator)
        return hex(value, width: 12)
    }()

    /// Returns `clientValue` when it has 1 to `maxLength` bytes of visible
    /// ASCII (0x21 to 0x7E), otherwise a generated id.
    static func resolve(_ clientValue: String?) -> String {
        if let clientValue, isSane(clientValue) {
            return clientValue
        }
        return generate()
    }

    static func isSane(_ value: String) -> Bool {
        let bytes = value.utf8
        return !bytes.isEmpty && bytes.count <= maxLength && bytes.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
    }

    /// Returns `<12 hex digits>-<16 hex digits>`: the process prefix and a counter.
    static func generate() -> String {
        let sequence = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return processPrefix + "-" + hex(sequence, width: 16)
    }

    private static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
