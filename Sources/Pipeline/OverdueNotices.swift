import Foundation
import Journal
import Records
import RunFolder

/// Groups we sent (855s, later 810s and 850s) that the partner has not acknowledged with a 997/999 within
/// its window (`acknowledgement_window_hours` in its profile, else the given default), and one notice to
/// operations for each (`inkstream x12 overdue --notices OUT`), made once: the journal records that it was.
package enum OverdueNotices {
    package struct Late: Sendable {
        package var group: X12OutboundGroup
        package var sentAt: String
        package var windowHours: Double
        /// Operations were already told (an earlier `--notices` run).
        package var noticed: Bool
    }

    /// The overdue groups at `now`, oldest first.
    package static func find(journal: Journal, now: Date, defaultHours: Double, routing: InboundRouting?) throws(RunError) -> [Late] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let waiting = try journalCall { () throws(JournalError) in try journal.unacknowledgedGroups(sentBefore: formatter.string(from: now)) }
        var late: [Late] = []
        for (group, sentAt, noticedAt) in waiting {
            let hours = routing?.partners[group.partner]?.acknowledgementWindowHours ?? defaultHours
            // Times in the journal are all written by one formatter: as text they sort as times do.
            guard sentAt < formatter.string(from: now.addingTimeInterval(-hours * 3600)) else { continue }
            late.append(Late(group: group, sentAt: sentAt, windowHours: hours, noticed: noticedAt != nil))
        }
        return late
    }

    /// One exception notice (the routing file's `rejected` template) per overdue group operations were not
    /// told of yet, made by a run into `out` like every communication; the journal then records each as told.
    /// Returns how many notices were made.
    package static func notify(_ late: [Late], routing: InboundRouting, out: String, journalPath: String?, runDate: RunDate,
                               notice: (@Sendable (String) -> Void)?) throws(RunError) -> Int {
        let pending = late.filter { !$0.noticed }
        guard !pending.isEmpty else { return 0 }
        guard let template = routing.rejected else {
            throw .input("\(routing.file): no `rejected:` template, so no notice can be made for overdue acknowledgements")
        }
        let folder = RunFolder(out)
        let work = folder.file("overdue")
        do { try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true) } catch {
            throw .output("cannot create \(work): \(error.localizedDescription)")
        }
        let records = pending.map { record($0, routing: routing, runDate: runDate) }
        let recorded = try RecordedInput.write(records, to: (work as NSString).appendingPathComponent("overdue.jsonl"))
        var run = RunOptions(templatePath: template, inputPath: recorded.path, outputDirectory: out, mode: .perDocument, runDate: runDate)
        run.journalPath = folder.journal(journalPath)
        run.reportDirectory = (work as NSString).appendingPathComponent((template as NSString).lastPathComponent)
        run.notice = notice
        _ = try BatchRun(options: run, recorded: recorded).execute()
        let journal = try journalCall { () throws(JournalError) in try Journal(path: folder.journal(journalPath)) }
        for l in pending {
            try journalCall { () throws(JournalError) in
                try journal.recordOverdueNotice(partner: l.group.partner, groupControl: l.group.groupControl)
            }
        }
        return pending.count
    }

    /// The notice's record, in the exception notice's terms: each set of the group, named by the business
    /// document it is about, with when it went and how long the partner had.
    static func record(_ late: Late, routing: InboundRouting, runDate: RunDate) -> JSONValue {
        let g = late.group
        let name = routing.partners[g.partner]?.name ?? g.partner
        // Whom to ask: the partner's contacts from its profile, when it names any.
        let contacts = (routing.partners[g.partner]?.contacts ?? []).map { c in
            [c["name"], c["email"], c["phone"]].compactMap { $0 }.joined(separator: ", ")
        }.filter { !$0.isEmpty }
        let ask = contacts.isEmpty ? name : "\(name) (\(contacts.joined(separator: "; ")))"
        let hours = late.windowHours == late.windowHours.rounded() ? "\(Int(late.windowHours))" : "\(late.windowHours)"
        let sets: [JSONValue] = g.entries.map { entry in
            ["kind": .string(X12OutboundGroup.documentName(setID: entry.setID, about: entry.about)),
             "reference": .string("(set \(entry.control))"), "status": "no answer",
             "errors": [["code": "overdue",
                         "message": .string("no 997/999 from \(name) since we sent it at \(late.sentAt) (they have \(hours) h)")]]]
        }
        var contact: JSONValue = ["name": .string(routing.operationsName)]
        if let email = routing.operationsEmail { contact = ["name": .string(routing.operationsName), "email": .string(email)] }
        return [
            "document_id": .string("OVD-\(g.partner)-\(g.functionalID)-\(g.groupControl)"),
            "partner": .string(g.partner),
            "headline": .string("\(name) has not acknowledged \(sets.count) document\(sets.count == 1 ? "" : "s") we sent"),
            "next_step": .string("What happens next: ask \(ask) whether group \(g.functionalID) \(g.groupControl) (interchange \(g.interchangeControl), file \(g.file)) arrived. If it did not, send that file again; until they acknowledge it, treat these documents as not received. `inkstream x12 overdue` lists what is still waiting."),
            "advice_id": .string("group \(g.functionalID) \(g.groupControl)"),
            "advice_date": .string(runDate.iso),
            "contact": contact,
            "rejected": .array(sets),
        ]
    }
}
