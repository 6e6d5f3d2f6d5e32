import ArgumentParser
import Foundation
import Journal

/// Groups we sent (855s) that the partner has not acknowledged with a 997/999 within the window.
struct X12OverdueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue",
        abstract: "List the groups we sent that no 997/999 has acknowledged within --hours (exit 1 when any).")

    @OptionGroup var journal: JournalOption

    @Option(help: "How long a partner has to acknowledge, in hours.")
    var hours: Double = 24

    @Option(help: "The moment to judge from, ISO 8601 (default: now); for reports and tests.")
    var now: String?

    @Flag(help: "One JSON object per overdue group instead of text.")
    var json = false

    func run() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let moment = now.map({ formatter.date(from: $0) ?? plain.date(from: $0) }) ?? Date() else {
            throw fail("--now \(now ?? ""): not an ISO 8601 time (e.g. 2026-12-03T12:00:00Z)", .usage)
        }
        guard hours >= 0 else { throw fail("--hours must not be negative", .usage) }
        let cutoff = formatter.string(from: moment.addingTimeInterval(-hours * 3600))
        let overdue: [(group: X12OutboundGroup, sentAt: String)]
        do { overdue = try Journal.existing(path: journal.path).unacknowledgedGroups(sentBefore: cutoff) } catch {
            throw fail("\(error)", .noInput)
        }
        for (group, sentAt) in overdue {
            if json {
                let fields = ["partner": group.partner, "group_control": group.groupControl, "functional_id": group.functionalID,
                              "interchange_control": group.interchangeControl, "sets": group.sets, "file": group.file, "sent_at": sentAt]
                let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("\(group.partner): group \(group.functionalID) \(group.groupControl) (\(group.sets)) in \(group.file), sent \(sentAt), no 997/999 after \(Self.hoursText(hours))")
            }
        }
        if !json { print("\(overdue.count) group\(overdue.count == 1 ? "" : "s") overdue in \(journal.path)") }
        if !overdue.isEmpty { throw ExitStatus.difference.exit }
    }

    static func hoursText(_ hours: Double) -> String {
        hours == hours.rounded() ? "\(Int(hours)) h" : "\(hours) h"
    }
}
