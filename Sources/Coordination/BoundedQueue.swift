/// A blocking FIFO with a capacity: producers wait when it is full, so a fast reader can never pull the
/// whole input into memory ahead of the workers. `close()` lets consumers drain and then get nil.
package final class BoundedQueue<Element: Sendable>: Sendable {
    private struct State: Sendable {
        /// Taken slots are set to nil at once: a popped item must not stay alive in the buffer.
        var items: [Element?] = []
        var head = 0
        var closed = false
        var count: Int { items.count - head }
    }

    private let state = Monitor(State())
    private let capacity: Int

    package init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    package func push(_ item: Element) {
        state.when({ $0.count < capacity || $0.closed }) { $0.items.append(item) }
    }

    /// The next item, waiting for one; nil once the queue is closed and empty.
    package func pop() -> Element? {
        state.when({ $0.count > 0 || $0.closed }) { state in
            guard state.count > 0 else { return nil }
            let item = state.items[state.head]
            state.items[state.head] = nil
            state.head += 1
            if state.head > 64 && state.head * 2 > state.items.count {
                state.items.removeFirst(state.head)
                state.head = 0
            }
            return item
        }
    }

    package func close() {
        state.withLock { $0.closed = true }
    }
}
