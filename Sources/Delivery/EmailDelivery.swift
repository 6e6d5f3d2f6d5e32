import Coordination
import Foundation
import Journal
import RunFolder
import Synchronization

/// What `inkstream deliver email` was asked to do.
package struct EmailDeliveryOptions: Sendable {
    /// The run's output folder (OUT): messages are OUT/email/*.eml.
    package var outputDirectory: String
    /// nil: OUT/journal.sqlite.
    package var journalPath: String?
    package var smtp: SMTPSettings
    package var connections = 2
    package var maxAttempts = 5
    /// The first backoff in seconds, doubling after each further attempt.
    package var retryDelay = 30.0
    /// Seconds the whole delivery may take (`--deadline`): after it no message is started, a transaction
    /// not yet at its final "." is cut off, and what is left is deferred. nil: no limit.
    package var deadline: Double?

    package init(outputDirectory: String, smtp: SMTPSettings) {
        self.outputDirectory = outputDirectory
        self.smtp = smtp
    }
}

/// How a message ended up in this delivery.
package enum DeliveryOutcome: String, Sendable, Codable {
    case sent, deferred, failed, uncertain
    /// Sent by an earlier delivery: not sent again.
    case skippedAlreadySent = "skipped-already-sent"
    /// Delivery stopped (a configuration error) before it was tried.
    case notAttempted = "not-attempted"
}

package struct MessageReport: Sendable, Codable {
    package var file: String
    package var messageID: String
    package var recipients: [String]
    package var status: String
    package var outcome: DeliveryOutcome
    package var attempts: Int
    package var lastReply: String?

    enum CodingKeys: String, CodingKey {
        case file, recipients, status, outcome, attempts
        case messageID = "message_id"
        case lastReply = "last_reply"
    }
}

/// A file in OUT/email that was not sent because the journal does not vouch for it.
package struct RefusedMessage: Sendable, Codable {
    package var file: String
    package var reason: String
}

package struct DeliveryCounts: Sendable, Codable, Equatable {
    package var sent = 0, deferred = 0, failed = 0, uncertain = 0, skippedAlreadySent = 0, notAttempted = 0, refused = 0

    enum CodingKeys: String, CodingKey {
        case sent, deferred, failed, uncertain, refused
        case skippedAlreadySent = "skipped_already_sent"
        case notAttempted = "not_attempted"
    }
}

/// What a delivery did: written to OUT/delivery/email.json and .html.
package struct EmailDeliveryReport: Sendable, Codable {
    package var output: String
    package var journal: String
    package var server: String
    package var startedAt: String
    package var finishedAt: String
    package var seconds: Double
    package var messages: Int
    package var counts: DeliveryCounts
    /// Set when delivery stopped early (e.g. the server's certificate is not trusted).
    package var error: String?
    /// The `--deadline` in seconds, if one was given.
    package var deadline: Double?
    /// The deadline passed before every message was settled: the rest are deferred.
    package var deadlinePassed = false
    package var details: [MessageReport]
    /// Files not sent: not recorded by any run, made by a run that did not complete, or not the bytes the
    /// journal recorded (edited, replaced, copied), and recorded files that are missing.
    package var refused: [RefusedMessage] = []

    enum CodingKeys: String, CodingKey {
        case output, journal, server, seconds, messages, counts, error, deadline, refused
        case deadlinePassed = "deadline_passed"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case details = "messages_detail"
    }

    package var summary: String {
        var parts = ["\(counts.sent) sent"]
        if counts.skippedAlreadySent > 0 { parts.append("\(counts.skippedAlreadySent) already sent") }
        parts.append("\(counts.deferred) deferred")
        parts.append("\(counts.failed) failed")
        parts.append("\(counts.uncertain) uncertain")
        if counts.notAttempted > 0 { parts.append("\(counts.notAttempted) not attempted") }
        if counts.refused > 0 { parts.append("\(counts.refused) refused (not what the journal recorded)") }
        let late = deadlinePassed ? " (the --deadline of \(SMTPConnection.format(deadline ?? 0)) s passed: the rest are deferred)" : ""
        return "email: \(messages) message\(messages == 1 ? "" : "s") to \(server): \(parts.joined(separator: ", "))\(late) "
            + "in \(String(format: "%.2f", seconds)) s (report: \(output)/delivery/email.html)"
    }
}

/// Delivers every OUT/email/*.eml over SMTP: several connections in parallel, messages handed out from one
/// queue, temporary failures retried with backoff, every status change in the journal so that a restarted
/// delivery never sends a message twice. The process must ignore SIGPIPE (`inkstream deliver` does): a TLS
/// write to a server that hung up raises it, and what to do with a signal is the program's choice.
package final class EmailDelivery: Sendable {
    package let options: EmailDeliveryOptions
    private let outputDirectory: String
    private let journalPath: String

    package init(options: EmailDeliveryOptions) {
        self.options = options
        outputDirectory = RunFolder.absolute(options.outputDirectory)
        journalPath = RunFolder(outputDirectory).journal(options.journalPath)
    }

    /// The message files in name order.
    static func messageFiles(in outputDirectory: String) throws(DeliveryError) -> [String] {
        let folder = RunFolder(outputDirectory).email
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DeliveryError(.noInput, "no messages to deliver: \(folder) does not exist (did the run make email documents?)")
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw DeliveryError(.noInput, "cannot list \(folder): \(error.localizedDescription)")
        }
        return names.filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    /// Splits the folder's files into the messages the journal vouches for (recorded by a completed run in
    /// this folder, the same bytes as recorded) and the refused rest. Recorded messages whose file is gone
    /// are refused too: the report must account for every message a run made.
    static func vouched(_ files: [String], recorded: [String: RecordedFile]) throws(DeliveryError)
        -> (messages: [OutgoingMessage], refused: [RefusedMessage]) {
        var messages: [OutgoingMessage] = [], refused: [RefusedMessage] = []
        var seen: Set<String> = []
        for path in files {
            let relative = RunFolder.emailFolder + "/" + (path as NSString).lastPathComponent
            seen.insert(relative)
            guard let record = recorded[relative] else {
                refused.append(RefusedMessage(file: relative, reason: "no run recorded this file in the journal (copied or made by hand?)"))
                continue
            }
            guard record.runStatus == .complete else {
                refused.append(RefusedMessage(file: relative, reason:
                    "made by run \(record.runID) (journal row \(record.run)), which is \(record.runStatus.rawValue), not complete"))
                continue
            }
            let message = try OutgoingMessage(path: path, documentID: record.document.documentID)
            guard message.sha256 == record.document.sha256 else {
                refused.append(RefusedMessage(file: relative, reason: """
                    edited since run \(record.runID) made it: its SHA-256 is \(message.sha256), the journal recorded \
                    \(record.document.sha256 ?? "none") for document \(record.document.documentID)
                    """))
                continue
            }
            messages.append(message)
        }
        for (relative, record) in recorded where record.runStatus == .complete && !seen.contains(relative) {
            refused.append(RefusedMessage(file: relative, reason: "recorded by run \(record.runID) for document \(record.document.documentID), but the file is missing"))
        }
        refused.sort { $0.file < $1.file }
        return (messages, refused)
    }

    package func execute() throws(DeliveryError) -> EmailDeliveryReport {
        let started = Date()
        let startedAt = Self.timestamp(started)
        let files = try Self.messageFiles(in: outputDirectory)
        let journal: Journal
        let recorded: [String: RecordedFile]
        do {
            journal = try Journal(path: journalPath)
            recorded = try journal.recordedFiles(outputDirectory: outputDirectory, channel: "email")
        } catch {
            throw DeliveryError(.configuration, "\(error)")
        }
        let (vouched, refused) = try Self.vouched(files, recorded: recorded)
        guard !vouched.isEmpty || !refused.isEmpty else {
            throw DeliveryError(.noInput, "no messages to deliver: \(RunFolder(outputDirectory).email) holds no .eml files")
        }
        let state = DeliveryState()
        var work: [WorkItem] = []
        var messages: [OutgoingMessage] = []
        do {
            // A delivery that died between the final "." and the server's answer: never send those again.
            for entry in try journal.deliveries(outputDirectory: outputDirectory) where entry.status == .sending {
                try journal.markUncertain(outputDirectory: outputDirectory, message: entry.message, reason: """
                    interrupted while the server was accepting it; not sent again — check the server's log for \
                    Message-ID \(entry.messageID)
                    """)
            }
            for message in vouched {
                messages.append(message)
                let entry = try journal.enqueueDelivery(
                    outputDirectory: outputDirectory, message: message.name, documentID: message.documentID,
                    messageID: message.messageID, messageSHA256: message.sha256,
                    recipients: message.recipients.joined(separator: ", "))
                switch entry.status {
                case .sent: state.outcomes.withLock { $0[message.name] = .skippedAlreadySent }
                case .failed: state.outcomes.withLock { $0[message.name] = .failed }
                case .uncertain: state.outcomes.withLock { $0[message.name] = .uncertain }
                case .queued, .deferred, .sending:
                    work.append(WorkItem(message: message, attemptsThisRun: 0, notBefore: .distantPast))
                }
            }
        } catch {
            throw DeliveryError(.configuration, "\(error)")
        }

        let deadline = options.deadline.map { ContinuousClock.now.advanced(by: .milliseconds(Int64($0 * 1000))) }
        let queue = WorkQueue(work, deadline: options.deadline.map { started.addingTimeInterval($0) })
        let workers = max(1, min(options.connections, work.count))
        let done = DispatchGroup()
        for index in 0..<workers {
            done.enter()
            let thread = Thread { [self] in
                worker(queue: queue, journal: journal, state: state, deadline: deadline)
                done.leave()
            }
            thread.name = "smtp-\(index + 1)"
            thread.start()
        }
        if workers > 0 && !work.isEmpty { done.wait() }

        let finished = Date()
        let final = state.outcomes.withLock { $0 }
        let entries: [String: DeliveryEntry]
        do {
            entries = Dictionary(try journal.deliveries(outputDirectory: outputDirectory).map { ($0.message, $0) },
                                 uniquingKeysWith: { a, _ in a })
        } catch {
            throw DeliveryError(.configuration, "\(error)")
        }
        var counts = DeliveryCounts()
        counts.refused = refused.count
        var details: [MessageReport] = []
        let deadlinePassed = queue.stoppedByDeadline
            || (options.deadline.map { finished.timeIntervalSince(started) >= $0 } ?? false
                && messages.contains { [.deferred, nil].contains(final[$0.name]) })
        for message in messages {
            let entry = entries[message.name]
            // Never tried because the deadline came first: deferred (try again later), not stopped.
            let untried: DeliveryOutcome = deadlinePassed && state.fatal == nil ? .deferred : .notAttempted
            let outcome = final[message.name] ?? untried
            switch outcome {
            case .sent: counts.sent += 1
            case .deferred: counts.deferred += 1
            case .failed: counts.failed += 1
            case .uncertain: counts.uncertain += 1
            case .skippedAlreadySent: counts.skippedAlreadySent += 1
            case .notAttempted: counts.notAttempted += 1
            }
            details.append(MessageReport(
                file: "email/\(message.name)", messageID: message.messageID, recipients: message.recipients,
                status: entry?.status.rawValue ?? "queued", outcome: outcome, attempts: entry?.attempts ?? 0,
                lastReply: entry?.lastReply
                    ?? (final[message.name] == nil && outcome == .deferred ? "not tried: the --deadline passed first" : nil)))
        }
        let report = EmailDeliveryReport(
            output: outputDirectory, journal: journalPath, server: "\(options.smtp.host):\(options.smtp.port)",
            startedAt: startedAt, finishedAt: Self.timestamp(finished),
            seconds: (finished.timeIntervalSince(started) * 1000).rounded() / 1000, messages: messages.count,
            counts: counts, error: state.fatal, deadline: options.deadline, deadlinePassed: deadlinePassed,
            details: details, refused: refused)
        try DeliveryReportWriter.write(report, to: RunFolder(outputDirectory).delivery)
        return report
    }

    // MARK: Workers

    private func worker(queue: WorkQueue, journal: Journal, state: DeliveryState, deadline: ContinuousClock.Instant?) {
        var session: SMTPSession?
        let backoff = Backoff(firstDelay: options.retryDelay, maxAttempts: options.maxAttempts)
        while let item = queue.next(idle: {
            session?.quit()
            session = nil
        }) {
            let message = item.message
            let attemptStartedAt = Self.timestamp(Date())
            var outcome: TransactionOutcome
            var connectError: String?
            do throws(DeliveryError) {
                if session?.readyForNext() != true {
                    session?.quit()
                    session = nil
                    do { session = try SMTPSession(settings: options.smtp, deadline: deadline) } catch where error.kind == .connection {
                        connectError = error.description
                    }
                }
                if let session {
                    outcome = try session.deliver(message) { () throws(DeliveryError) in
                        do {
                            try journal.markSending(outputDirectory: outputDirectory, message: message.name,
                                                    attemptStartedAt: attemptStartedAt)
                        } catch {
                            throw DeliveryError(.configuration, "\(error)")
                        }
                        CrashPoint.reach("deliver-sending")
                    }
                } else {
                    outcome = .deferred(connectError ?? "cannot connect to \(options.smtp.host):\(options.smtp.port)")
                }
            } catch {
                // Settings that fail for every message: stop everything, leave this one as it was.
                state.stop(error.description)
                queue.abort()
                queue.finish(item, retryAfter: nil)
                break
            }

            let status: DeliveryStatus, reply: String
            switch outcome {
            case .sent(let text): (status, reply) = (.sent, text)
            case .deferred(let text): (status, reply) = (.deferred, text)
            case .failed(let text): (status, reply) = (.failed, text)
            case .uncertain(let text): (status, reply) = (.uncertain, text)
            }
            do {
                try journal.recordDeliveryAttempt(outputDirectory: outputDirectory, message: message.name, status: status,
                                                  reply: reply, attemptStartedAt: attemptStartedAt)
            } catch {
                state.stop("\(error)")
                queue.abort()
                queue.finish(item, retryAfter: nil)
                break
            }
            if status == .sent { CrashPoint.reach("deliver-sent") }
            let attempts = item.attemptsThisRun + 1
            var retry: Double?
            switch status {
            case .sent: state.outcomes.withLock { $0[message.name] = .sent }
            case .failed: state.outcomes.withLock { $0[message.name] = .failed }
            case .uncertain: state.outcomes.withLock { $0[message.name] = .uncertain }
            default:
                state.outcomes.withLock { $0[message.name] = .deferred }
                retry = backoff.delay(afterAttempt: attempts)
            }
            queue.finish(WorkItem(message: message, attemptsThisRun: attempts, notBefore: .distantPast), retryAfter: retry)
        }
        session?.quit()
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

struct WorkItem: Sendable {
    let message: OutgoingMessage
    let attemptsThisRun: Int
    var notBefore: Date
}

/// Why delivery stopped early, if it did.
final class DeliveryState: Sendable {
    private let stopped = Mutex<String?>(nil)
    /// How each message ended up, by file name.
    let outcomes = Mutex<[String: DeliveryOutcome]>([:])
    func stop(_ reason: String) { stopped.withLock { if $0 == nil { $0 = reason } } }
    var fatal: String? { stopped.withLock { $0 } }
}

/// Messages waiting to be tried, each from its own time on; workers take the earliest one that is due.
final class WorkQueue: Sendable {
    private struct State: Sendable {
        var pending: [WorkItem]
        var inFlight = 0
        var aborted = false
        var deadlineStopped = false
    }

    private let state: Monitor<State>
    private let deadline: Date?

    init(_ items: [WorkItem], deadline: Date? = nil) {
        state = Monitor(State(pending: items))
        self.deadline = deadline
    }

    /// The deadline passed (or would have, before the next retry was due) with messages still waiting.
    var stoppedByDeadline: Bool { state.read { $0.deadlineStopped } }

    private enum Step { case take(WorkItem), done, hangUpFirst }

    /// The next due message, waiting for one if need be; nil when there is nothing left (or delivery
    /// stopped, or its deadline passed or would before the next message is due). `idle` runs (unlocked)
    /// before a wait of more than a few seconds: the worker hangs up.
    func next(idle: () -> Void) -> WorkItem? {
        var calledIdle = false
        while true {
            let step: Step = state.loop { state in
                if state.aborted { return .done(.done) }
                let now = Date()
                guard let index = state.pending.indices.min(by: { state.pending[$0].notBefore < state.pending[$1].notBefore }) else {
                    return state.inFlight == 0 ? .done(.done) : .wait
                }
                let due = state.pending[index].notBefore
                if let deadline, max(now, due) >= deadline {
                    state.deadlineStopped = true
                    return .done(.done)
                }
                if due <= now {
                    state.inFlight += 1
                    return .done(.take(state.pending.remove(at: index)))
                }
                if !calledIdle && due.timeIntervalSince(now) > 5 { return .done(.hangUpFirst) }
                return .waitUntil(due)
            }
            switch step {
            case .take(let item): return item
            case .done: return nil
            case .hangUpFirst:
                calledIdle = true
                idle()
            }
        }
    }

    /// The worker is done with `item`; it comes back after `retryAfter` seconds when given.
    func finish(_ item: WorkItem, retryAfter: Double?) {
        state.withLock { state in
            state.inFlight -= 1
            if let retryAfter, !state.aborted {
                var again = item
                again.notBefore = Date().addingTimeInterval(retryAfter)
                state.pending.append(again)
            }
        }
    }

    func abort() {
        state.withLock { $0.aborted = true }
    }
}
