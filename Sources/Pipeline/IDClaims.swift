import Coordination

/// Decides, in input order and before anything is rendered, which document ids are new and which file
/// name each gets. Workers prepare a batch (parse, bind, evaluate its ids), claim its ids here, and lay
/// out only the records that are not duplicates; a batch claims once every earlier batch has. Claiming
/// takes microseconds a record, so a worker rarely waits for the batch before its own.
final class IDClaims: Sendable {
    private struct State: Sendable {
        var ids: CommittedIDs
        /// The sequence of the batch whose turn it is.
        var next: Int
    }

    private let state: Monitor<State>

    /// `ids`: those committed before `firstSequence` (a resumed run's, from the journal).
    init(ids: CommittedIDs, firstSequence: Int) {
        state = Monitor(State(ids: ids, next: firstSequence))
    }

    /// The claims of batch `sequence`, one per record (nil where the record is already a reject), in order.
    /// Blocks until every batch before it has claimed.
    func claim(sequence: Int, _ records: [(id: String, line: Int)?]) -> [CommittedIDs.Claim?] {
        state.when({ $0.next == sequence }) { state in
            let claims = records.map { record in record.map { state.ids.claim($0.id, line: $0.line) } }
            state.next += 1
            return claims
        }
    }
}
