import Foundation

/// A value guarded by a lock that threads can also wait on. `Mutex` (Synchronization) is the lock for
/// state that is only read and written; a thread that must *wait* until another changes the state (a
/// queue that is full or empty, a batch whose turn has not come, a retry not yet due) needs a condition
/// variable, which `Mutex` does not have. Every blocking wait in Inkstream goes through this type.
///
/// No closure runs while the thread waits. An earlier version handed the state to a closure as `inout`
/// and let it wait inside: the optimizer may assume nothing else touches an `inout` value while the
/// access lasts, hoisted the read out of the wait loop, and every release-built run with more batches than
/// permits hung (the debug-built tests passed). Here the waits happen between accesses, in the loops below,
/// so each check reads the stored state afresh. `coordination-stress`, built in release by a test, guards it.
///
/// `@unchecked Sendable`: `state` is only touched between `condition.lock()` and `unlock()`, and `State`
/// is itself `Sendable`, so no value crosses threads unguarded.
package final class Monitor<State: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var state: State

    package init(_ state: State) { self.state = state }

    /// Reads the state; wakes nobody, since nothing changed.
    package func read<Result>(_ body: (State) throws -> Result) rethrows -> Result {
        condition.lock()
        defer { condition.unlock() }
        return try body(state)
    }

    /// Changes the state and wakes the waiters, which re-check their conditions.
    package func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body(&state)
    }

    /// Waits as long as it takes for `ready` to hold, then runs `body` with the lock still held.
    package func when<Result>(_ ready: (State) -> Bool, _ body: (inout State) throws -> Result) rethrows -> Result {
        try loop { state in ready(state) ? .done(try body(&state)) : .wait }
    }

    /// What `loop`'s step decided: finish with a result, or wait for a change (or until a time).
    package enum Step<Result> {
        case done(Result)
        case wait
        case waitUntil(Date)
    }

    /// Runs `step` with the lock held, again after every wait it asks for, until it is done. `step` may
    /// change the state on any pass; the waiters are woken once, at the end.
    package func loop<Result>(_ step: (inout State) throws -> Step<Result>) rethrows -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        while true {
            switch try step(&state) {
            case .done(let result): return result
            case .wait: condition.wait()
            case .waitUntil(let date): _ = condition.wait(until: date)
            }
        }
    }
}
