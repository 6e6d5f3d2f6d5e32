import Inbound

/// How an answered interchange ended, as the journal keeps it (x12_inbound.outcome). Everything but
/// `accepted` is held or failed: `inkstream inbound --reprocess` may process it again.
package enum InboundOutcome: String, Sendable {
    /// Every set may be acted on.
    case accepted
    /// Its envelope, or every set, was rejected: nothing reached a customer.
    case rejected
    /// Some sets were rejected, others acted on.
    case partlyRejected = "partly-rejected"
    /// The sender has no profile and unknown senders are refused (TA1 R 006).
    case refused
    /// The control number was used before for other content (TA1 R 025).
    case duplicate
    /// A test interchange (ISA15 = T), recorded without customer communications.
    case test

    package var isHeld: Bool { self != .accepted }

    /// The outcome as X12Decision and the partner's settings make it.
    static func of(_ interchange: X12Interchange, profile: PartnerProfile?, communicateTests: Bool) -> InboundOutcome {
        if profile == nil { return .refused }
        if interchange.errors.contains(where: { $0.code == .duplicateControlNumber }) { return .duplicate }
        let sets = interchange.groups.flatMap { group in group.sets.map { (group, $0) } }
        let refused = sets.filter { X12Decision.refusal(of: $1, in: $0, of: interchange) != nil }.count
        if !interchange.errors.isEmpty || (refused == sets.count && !sets.isEmpty) { return .rejected }
        if refused > 0 { return .partlyRejected }
        if interchange.isa[15] == "T" && !communicateTests { return .test }
        return .accepted
    }
}
