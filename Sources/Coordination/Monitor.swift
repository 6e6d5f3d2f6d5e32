import Foundation

/// A value guarded by a lock that threads can also wait on. `Mutex` (Synchronization) is the lock for
/// state that is only read and written; a thread that must *wait* until another changes the state (a
/// queue that is full or empty, a batch whose turn has not come, a retry not yet due) needs a condition
/// variable, which `Mutex` does not have. Every blocking wait in Inkstream goes through this type.
///
/// `@unchecked Sendable`: `state` is only touched inside `withLock`, between `condition.lock()` and
/// `unlock()`, and `State` is itself `Sendable`, so no value crosses threads unguarded.
package final class Monitor<State: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var state: State

    package init(_ state: State) { self.state = state }

    /// Runs `body` with the lock held. `body` may wait (see `Waiter`); every call ends by waking the
    /// waiters, which re-check their conditions (state may have changed).
    package func withLock<Result>(_ body: (inout State, Waiter) throws -> Result) rethrows -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body(&state, Waiter(condition: condition))
    }

    /// Runs `body` with the lock held once `ready` holds, waiting as long as it takes.
    package func when<Result>(_ ready: (State) -> Bool, _ body: (inout State) throws -> Result) rethrows -> Result {
        try withLock { state, waiter in
            while !ready(state) { waiter.wait() }
            return try body(&state)
        }
    }

    /// Lets the holder of the lock release it until another thread changes the state (or a time passes).
    /// Only valid inside the `withLock` call that handed it over.
    package struct Waiter {
        fileprivate let condition: NSCondition
        package func wait() { condition.wait() }
        /// Returns false if `date` passed first.
        @discardableResult package func wait(until date: Date) -> Bool { condition.wait(until: date) }
    }
}
