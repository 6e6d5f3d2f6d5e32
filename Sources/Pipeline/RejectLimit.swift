/// How many rejects make a run a mistake rather than a result (`--max-rejects N|P%`). A run past it
/// signs no bundle, is marked failed in the journal, and exits with its own code (`RunError.tooManyRejects`).
/// The default catches a template run against the wrong input, where nearly every record is rejected.
package enum RejectLimit: Sendable, Equatable {
    /// More than this many rejects stops the run at once.
    case count(Int)
    /// More than this share of the records read, judged when the input is done (at least
    /// `percentFloor` records: a handful of records says little).
    case percent(Double)

    package static let `default` = RejectLimit.percent(90)
    static let percentFloor = 10

    /// `N` or `P%` (0–100).
    package init?(_ text: String) {
        if text.hasSuffix("%") {
            guard let p = Double(text.dropLast()), p >= 0, p <= 100 else { return nil }
            self = .percent(p)
        } else {
            guard let n = Int(text), n >= 0 else { return nil }
            self = .count(n)
        }
    }

    package var text: String {
        switch self {
        case .count(let n): "\(n)"
        case .percent(let p): (p == p.rounded() ? String(Int(p)) : String(p)) + "%"
        }
    }

    /// Whether `rejects` is already too many while records are still arriving.
    func exceededEarly(rejects: Int) -> Bool {
        if case .count(let n) = self { return rejects > n }
        return false
    }

    /// Whether the finished run has too many.
    func exceeded(rejects: Int, records: Int) -> Bool {
        switch self {
        case .count(let n): return rejects > n
        case .percent(let p):
            guard p < 100, records >= Self.percentFloor else { return false }
            return Double(rejects) * 100 > p * Double(records)
        }
    }
}
