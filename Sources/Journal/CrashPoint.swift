import Foundation
import Synchronization

/// Test hook: `INKSTREAM_CRASH_AT=POINT:N` kills the process (SIGKILL, like a power cut for what the
/// process had not yet written) the Nth time it reaches POINT, so tests can stop a run or a delivery at
/// exact moments. Lives here because both writers of the journal (runs and deliveries) use it.
package enum CrashPoint {
    private static let target: (String, Int)? = {
        guard let spec = ProcessInfo.processInfo.environment["INKSTREAM_CRASH_AT"] else { return nil }
        let parts = spec.split(separator: ":")
        guard parts.count == 2, let n = Int(parts[1]) else { return nil }
        return (String(parts[0]), n)
    }()
    private static let count = Mutex(0)

    /// Safe from any thread.
    package static func reach(_ point: String) {
        guard let target, target.0 == point else { return }
        let n = count.withLock { n in
            n += 1
            return n
        }
        if n == target.1 { kill(getpid(), SIGKILL) }
    }
}
