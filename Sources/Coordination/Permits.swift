/// A fixed number of permits: `acquire` waits while none is free. Bounds how many batches are between
/// the reader and the committing thread, whatever queue they are in.
package final class Permits: Sendable {
    private let free: Monitor<Int>

    package init(_ count: Int) { free = Monitor(max(1, count)) }

    package func acquire() { free.when({ $0 > 0 }) { $0 -= 1 } }
    package func release() { free.withLock { $0 += 1 } }
}
