import Foundation
import Synchronization

/// Test hook: `INKSTREAM_CRASH_AT=POINT:N` kills the process (SIGKILL) the Nth time delivery reaches POINT
/// (`deliver-sending`: a message marked sending, its final "." not yet sent; `deliver-sent`: a message
/// recorded sent), so tests can interrupt delivery at exact moments.
enum DeliveryCrashPoint {
    private static let target: (String, Int)? = {
        guard let spec = ProcessInfo.processInfo.environment["INKSTREAM_CRASH_AT"] else { return nil }
        let parts = spec.split(separator: ":")
        guard parts.count == 2, let n = Int(parts[1]) else { return nil }
        return (String(parts[0]), n)
    }()
    private static let count = Mutex(0)

    static func reach(_ point: String) {
        guard let target, target.0 == point else { return }
        let n = count.withLock { n in
            n += 1
            return n
        }
        if n == target.1 { kill(getpid(), SIGKILL) }
    }
}
