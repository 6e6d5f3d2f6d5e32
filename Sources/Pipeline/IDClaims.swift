import Foundation

/// Decides, in input order and before anything is rendered, which document ids are new and which file
/// name each gets. Workers prepare a batch (parse, bind, evaluate its ids), claim its ids here, and lay
/// out only the records that are not duplicates; a batch claims once every earlier batch has. Claiming
/// takes microseconds a record, so a worker rarely waits for the batch before its own.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is locked.
final class IDClaims: @unchecked Sendable {
    private let condition = NSCondition()
    private var ids: CommittedIDs
    private var next: Int

    /// `ids`: those committed before `firstSequence` (a resumed run's, from the journal).
    init(ids: CommittedIDs, firstSequence: Int) {
        self.ids = ids
        next = firstSequence
    }

    /// The claims of batch `sequence`, one per record (nil where the record is already a reject), in order.
    /// Blocks until every batch before it has claimed.
    func claim(sequence: Int, _ records: [(id: String, line: Int)?]) -> [CommittedIDs.Claim?] {
        condition.lock()
        defer { condition.unlock() }
        while next != sequence { condition.wait() }
        let claims = records.map { record in record.map { ids.claim($0.id, line: $0.line) } }
        next += 1
        condition.broadcast()
        return claims
    }
}
