import ArgumentParser
import Foundation
import Journal
import Pipeline

/// Groups we sent (855s) that the partner has not acknowledged with a 997/999 within its window, and
/// with --notices one notice to operations for each, made once.
struct X12OverdueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue",
        abstract: "List the groups we sent that no 997/999 has acknowledged within --hours (exit 1 when any).",
        discussion: """
            With --routing, a partner's `acknowledgement_window_hours` replaces --hours for its groups. With \
            --notices OUT, operations get one exception notice per overdue group (the routing file's `rejected` \
            template, into OUT like any run); a group they were told of is not told again.
            """)

    @OptionGroup var journal: JournalOption

    @Option(help: "How long a partner has to acknowledge, in hours (when its profile does not say).")
    var hours: Double = 24

    @Option(help: "The moment to judge from, ISO 8601 (default: now); for reports and tests.")
    var now: String?

    @Flag(help: "One JSON object per overdue group instead of text.")
    var json = false

    @Option(help: "Routing configuration with the partner profiles (default with --notices: Templates/inbound/routing.yaml).")
    var routing: String?

    @Option(help: "Make one notice to operations per overdue group not yet noticed, into this output folder.")
    var notices: String?

    @Option(name: .customLong("run-date"), help: "The date on the notices, YYYY-MM-DD (default: today, UTC).")
    var runDate: String?

    func run() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let moment = now.map({ formatter.date(from: $0) ?? plain.date(from: $0) }) ?? Date() else {
            throw fail("--now \(now ?? ""): not an ISO 8601 time (e.g. 2026-12-03T12:00:00Z)", .usage)
        }
        guard hours >= 0 else { throw fail("--hours must not be negative", .usage) }
        var date = RunDate.today()
        if let runDate {
            guard let parsed = RunDate(runDate) else { throw fail("--run-date '\(runDate)' is not a date: write YYYY-MM-DD", .usage) }
            date = parsed
        }
        let overdue: [OverdueNotices.Late]
        var made = 0
        do {
            let routingPath = routing ?? (notices != nil ? "Templates/inbound/routing.yaml" : nil)
            let profiles = try routingPath.map { path throws(RunError) in try InboundRouting.load(path) }
            overdue = try OverdueNotices.find(journal: try Journal.existing(path: journal.path), now: moment, defaultHours: hours,
                                              routing: profiles)
            if let notices, let profiles {
                made = try OverdueNotices.notify(overdue, routing: profiles, out: notices, journalPath: journal.path, runDate: date,
                                                 notice: StandardError.notice)
            }
        } catch let error as RunError {
            FileHandle.standardError.write(Data("inkstream: \(error)\n".utf8))
            throw ExitStatus(error).exit
        } catch {
            throw fail("\(error)", .noInput)
        }
        for late in overdue {
            let group = late.group
            if json {
                let fields = ["partner": group.partner, "group_control": group.groupControl, "functional_id": group.functionalID,
                              "interchange_control": group.interchangeControl, "sets": group.sets, "file": group.file, "sent_at": late.sentAt]
                let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("\(group.partner): group \(group.functionalID) \(group.groupControl) (\(group.sets)) in \(group.file), sent \(late.sentAt), no 997/999 after \(Self.hoursText(late.windowHours))"
                      + (late.noticed ? "; operations were told" : ""))
            }
        }
        if !json {
            print("\(overdue.count) group\(overdue.count == 1 ? "" : "s") overdue in \(journal.path)")
            if let notices { print("\(made) new notice\(made == 1 ? "" : "s") to operations in \(notices)") }
        }
        if !overdue.isEmpty { throw ExitStatus.difference.exit }
    }

    static func hoursText(_ hours: Double) -> String {
        hours == hours.rounded() ? "\(Int(hours)) h" : "\(hours) h"
    }
}
