/// When a deferred message is tried again: the first delay after the first attempt, doubling after each.
public struct Backoff: Sendable, Equatable {
    public let firstDelay: Double
    public let maxAttempts: Int

    public init(firstDelay: Double, maxAttempts: Int) {
        self.firstDelay = firstDelay
        self.maxAttempts = maxAttempts
    }

    /// Seconds to wait after the `attempt`th attempt (1-based) failed temporarily; nil when that was the last.
    public func delay(afterAttempt attempt: Int) -> Double? {
        guard attempt < maxAttempts else { return nil }
        return firstDelay * Double(1 << min(attempt - 1, 30))
    }

    /// Every wait of a message deferred each time.
    public var schedule: [Double] { (1..<max(maxAttempts, 1)).compactMap { delay(afterAttempt: $0) } }
}
