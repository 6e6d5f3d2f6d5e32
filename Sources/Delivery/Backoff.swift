/// When a deferred message is tried again: the first delay after the first attempt, doubling after each.
package struct Backoff: Sendable, Equatable {
    package let firstDelay: Double
    package let maxAttempts: Int

    package init(firstDelay: Double, maxAttempts: Int) {
        self.firstDelay = firstDelay
        self.maxAttempts = maxAttempts
    }

    /// Seconds to wait after the `attempt`th attempt (1-based) failed temporarily; nil when that was the last.
    package func delay(afterAttempt attempt: Int) -> Double? {
        guard attempt < maxAttempts else { return nil }
        return firstDelay * Double(1 << min(attempt - 1, 30))
    }

    /// Every wait of a message deferred each time.
    package var schedule: [Double] { (1..<max(maxAttempts, 1)).compactMap { delay(afterAttempt: $0) } }
}
