import Crypto
import Foundation
import Render
import Inbound
import Journal
import Records
import RunFolder

/// `inkstream inbound`: reads X12 files, answers every interchange (997/999, TA1), turns each transaction
/// set into a record for the template the routing configuration names, and runs those templates through
/// the same pipeline as `run` (channels, journal, bundles) into one output folder with one report.
package struct InboundRun {
    package struct Options: Sendable {
        package var inputs: [String]
        package var outputDirectory: String
        package var routingPath: String
        package var journalPath: String?
        package var runDate: RunDate
        package var jobs: Int
        /// Where the runs' notices go (`RunOptions.notice`).
        package var notice: (@Sendable (String) -> Void)?
        /// Held or failed interchanges to process again, "<ISA06>:<ISA13>" → the operator's reason
        /// (`--reprocess`): their recorded answer is set aside (audit entry x12.reprocess) and they are
        /// answered and communicated anew. An accepted one is refused: reprint its documents instead.
        package var reprocess: [String: String] = [:]
        package init(inputs: [String], outputDirectory: String, routingPath: String, journalPath: String?, runDate: RunDate,
                    jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
            (self.inputs, self.outputDirectory, self.routingPath, self.journalPath, self.runDate, self.jobs) =
                (inputs, outputDirectory, routingPath, journalPath, runDate, jobs)
        }
    }

    let options: Options

    package init(options: Options) { self.options = options }

    package func execute() throws(RunError) -> InboundReport {
        let started = DispatchTime.now()
        let routing = try InboundRouting.load(options.routingPath)
        let out = options.outputDirectory
        let folder = RunFolder(out)
        let inboundFolder = folder.inbound
        let acksFolder = folder.acks
        for folder in [out, inboundFolder, acksFolder] {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw .output("cannot create \(folder): \(error.localizedDescription)")
            }
        }
        let journal = try journalCall { () throws(JournalError) in
            try Journal(path: folder.journal(options.journalPath))
        }
        try checkReprocessTargets(journal, outputDirectory: RunSetup.absolute(out))
        var reprocessFound: Set<String> = []
        var report = InboundReport(files: options.inputs)
        var records: [String: [InboundRecord]] = [:]  // template folder → records, in file order
        var rejects: [String] = []
        var unrouted: [JSONValue] = []  // records of sets the routing file makes no communication of
        var communicated: [(partner: String, key: String)] = []  // interchanges whose communications this run makes
        for path in options.inputs {
            let reader = X12Reader(path: path)  // a missing or unreadable file comes back as a failure
            var n = 0
            while let result = reader.next() {
                switch result {
                case .failure(let error):
                    report.x12Errors += 1
                    rejects.append(Self.rejectLine(error.position, "\(error)"))
                case .interchange(let read):
                    var interchange = read
                    n += 1
                    report.interchanges += 1
                    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                    let partner = (interchange.isa[6] ?? "").trimmingCharacters(in: .whitespaces)
                    let absoluteOut = RunSetup.absolute(out)
                    // Known by partner, control number and content, in the journal: however files were moved
                    // and whatever the run date, the same interchange is answered and communicated once.
                    let profile = routing.profile(for: partner)
                    let hash = String(SHA256.hash(data: X12Writer.serialize(interchange)).hex.prefix(16))
                    let key = interchange.controlNumber + "#" + hash
                    var recorded = try journalCall { () throws(JournalError) in
                        try journal.answers(partner: partner, control: interchange.controlNumber, outputDirectory: absoluteOut)
                    }
                    let target = "\(partner):\(interchange.controlNumber)"
                    if let reason = options.reprocess[target], let same = recorded.first(where: { $0.key == key }),
                       InboundOutcome(rawValue: same.outcome ?? "")?.isHeld ?? true {
                        // An operator asked for this one again: its answer is set aside, in the audit log, and
                        // it is answered as if new (its own earlier answer is no duplicate of it).
                        try journalCall { () throws(JournalError) in
                            try journal.recordReprocess(partner: partner, key: key, outputDirectory: absoluteOut, reason: reason)
                        }
                        recorded.removeAll { $0.key == key }
                        reprocessFound.insert(target)
                        report.reprocessed += 1
                    }
                    if let same = recorded.first(where: { $0.key == key }) {
                        // Already answered: the partner must not get a second answer.
                        if !same.ackFile.isEmpty {
                            report.acks.append(same.ackFile)
                            report.acknowledgementsReused += 1
                        }
                        if same.communicated {
                            // ... nor the customer a second communication.
                            let sets = interchange.groups.reduce(0) { $0 + $1.sets.count }
                            report.sets += sets
                            report.alreadyCommunicatedSets += sets
                            continue
                        }
                    } else {
                        if profile == nil {
                            // Profiles are given, this sender has none, and unknown senders are refused.
                            interchange.errors.insert(X12Error(.invalidSenderID, at: interchange.isa.position,
                                "sender \(partner) has no trading-partner profile in \(routing.file) (unknown_partners: refuse)",
                                segmentID: "ISA"), at: 0)
                            report.refusedSenders += 1
                        }
                        if let profile { Self.holdToAgreement(&interchange, profile) }
                        if !recorded.isEmpty {
                            // The same control number with other content: TA1 025, and operations hear of it.
                            interchange.errors.insert(X12Error(.duplicateControlNumber, at: interchange.isa.position,
                                "interchange control number \(interchange.controlNumber) from \(partner) was already used for other content (answered in \(recorded[0].ackFile))",
                                segmentID: "ISA"), at: 0)
                            report.duplicateControlNumbers += 1
                        }
                        // OUT/acks/<file>-<n>.x12, unless that name already belongs to another answer (x/order.edi
                        // and y/order.edi; yesterday's order.edi, even if its ack was picked up): then the
                        // interchange's content hash is added, so no answer ever replaces another.
                        // A reprocessed interchange's new answer gets -2, -3… after that: the first stays as sent.
                        let name = try freeAckName(stem: stem, n: n, hash: hash, journal: journal, outputDirectory: absoluteOut)
                        let ackPath = (out as NSString).appendingPathComponent(name)
                        // Recorded even when it needs no answer (a partner's 997/999): a repeat must not notify twice.
                        var ackFile = ""
                        let rules = profile?.purchaseOrderAcks == false ? nil : routing.purchaseOrderRules
                        if try writeAck(for: interchange, to: ackPath, journal: journal, rules: rules,
                                        policy: profile?.ackPolicy ?? X12AckPolicy(), report: &report) {
                            ackFile = name
                            report.acks.append(ackFile)
                        }
                        let outcome = InboundOutcome.of(interchange, profile: profile,
                                                        communicateTests: profile?.communicateTestInterchanges ?? routing.communicateTestInterchanges)
                        try journalCall { () throws(JournalError) in
                            try journal.recordAnswered(partner: partner, control: key, outputDirectory: absoluteOut, ackFile: ackFile,
                                                       source: "\(path)#\(n)", outcome: outcome.rawValue)
                        }
                    }
                    communicated.append((partner, key))
                    report.x12Errors += interchange.allErrors.count
                    for group in interchange.groups {
                        for set in group.sets {
                            var about: [String: String] = [:]
                            if group.functionalIdentifier == "FA" {
                                try recordReceivedAcknowledgement(set, interchange, file: path, journal: journal, report: &report)
                                about = try documentsAcknowledged(by: set, from: partner, journal: journal)
                            } else if set.identifier == "824", X12Decision.refusal(of: set, in: group, of: interchange) == nil {
                                try recordAdvice(set, interchange, file: path, journal: journal)
                            }
                            report.sets += 1
                            route(set, group, interchange, contentHash: hash, routing: routing, profile: profile, about: about,
                                  records: &records, unroutedRecords: &unrouted,
                                  rejects: &rejects, report: &report)
                        }
                    }
                }
            }
        }
        if let missing = options.reprocess.keys.sorted().first(where: { !reprocessFound.contains($0) }) {
            throw .input("--reprocess \(missing): that interchange (with the content answered before) is not in the inputs \(options.inputs.joined(separator: ", ")); give the file it came from (the journal says: \(try sourcesOf(missing, journal, RunSetup.absolute(out))))")
        }
        if !unrouted.isEmpty {
            try OutputFile.write(unrouted.map { $0.jsonText + "\n" }.joined(), to: folder.file(RunFolder.inboundRecordedFile))
        }
        CrashPoint.reach("inbound-answered")  // test hook: killed after answering, before communicating
        // The communications: each template's records through the pipeline, into the one output folder.
        var combined: [RunReport] = []
        for (template, routed) in records.sorted(by: { $0.key < $1.key }) {
            let name = (template as NSString).lastPathComponent
            let input = (inboundFolder as NSString).appendingPathComponent("\(name).jsonl")
            // The records go to the run as values; the file records them (identity, reprint, provenance).
            let recorded = try RecordedInput.write(routed.map(\.value), to: input)
            var run = RunOptions(templatePath: template, inputPath: input, outputDirectory: out, mode: .perDocument,
                                 runDate: options.runDate, jobs: options.jobs)
            run.journalPath = folder.journal(options.journalPath)
            run.reportDirectory = (inboundFolder as NSString).appendingPathComponent(name)
            run.notice = options.notice
            let result = try BatchRun(options: run, recorded: recorded).execute()
            combined.append(result)
            let rejectsFile = RunFolder(run.reportFolder).file(RunFolder.rejectsFile)
            if let text = try? String(contentsOfFile: rejectsFile, encoding: .utf8) {
                // Say which X12 file and segment the rejected record came from, not only its recorded line.
                rejects += text.split(separator: "\n").map { Self.withOrigin(String($0), routed) }
            }
            report.runRejects += result.rejects
        }
        report.add(combined)
        // Every run completed: these interchanges' communications exist, and a repeat of them makes none.
        let absoluteOut = RunSetup.absolute(out)
        for (partner, key) in communicated {
            try journalCall { () throws(JournalError) in
                try journal.recordCommunicated(partner: partner, key: key, outputDirectory: absoluteOut)
            }
        }
        // The X12 rows and counters this command recorded are vouched for in the log; anchor its head.
        try JournalHead.sign(journal, signer: try RunBundles.signer(keyPath: nil, certificatePath: nil, notice: options.notice))
        report.rejects = rejects.count
        report.reconciles = report.sets == report.records + report.recordedOnly + report.unrouted + report.alreadyCommunicatedSets
            && report.records == report.documents + report.runRejects
        report.wallSeconds = BatchRun.seconds(since: started)
        try OutputFile.write(rejects.map { $0 + "\n" }.joined(), to: folder.file(RunFolder.rejectsFile))
        try report.write(to: out)
        return report
    }

    /// A set's record for its template; a set whose answer is a rejection (of the set, its group or its
    /// interchange: X12Decision) becomes a notice to operations, never a customer communication.
    private func route(_ set: X12TransactionSet, _ group: X12FunctionalGroup, _ interchange: X12Interchange, contentHash: String,
                       routing: InboundRouting,
                       profile: PartnerProfile?, about: [String: String],
                       records: inout [String: [InboundRecord]], unroutedRecords: inout [JSONValue], rejects: inout [String],
                       report: inout InboundReport) {
        if let refusal = X12Decision.refusal(of: set, in: group, of: interchange) {
            report.rejectedSets += 1
            guard let template = routing.rejected else {
                rejects.append(Self.rejectLine(set.st.position, "transaction set \(set.identifier) \(set.controlNumber) rejected: \(refusal.map { "\($0)" }.joined(separator: "; "))"))
                report.unrouted += 1
                return
            }
            let record: JSONValue = [
                "document_id": .string(exceptionID(set, interchange, contentHash: contentHash)),
                "partner": .string((interchange.isa[6] ?? "").trimmingCharacters(in: .whitespaces)),
                "rejected_by": "Our EDI check",
                "advice_id": .string("\(interchange.controlNumber)/\(set.controlNumber)"), "advice_date": .string(options.runDate.iso),
                "contact": operationsContact(routing),
                "rejected": [["kind": .string("Transaction set \(set.identifier)"), "reference": .string(set.controlNumber), "status": "R",
                              "errors": .array(refusal.map { ["code": .string($0.code.description),
                                                                 "message": .string("\($0.message) (segment \($0.position.index) of \($0.position.file))")] })]],
            ]
            records[template, default: []].append(InboundRecord(value: record, set: set))
            return
        }
        guard var record = TransactionSetRecords.record(set, interchange: interchange) else {
            report.recordedOnly += 1  // e.g. a 997/999: recorded, no communication
            return
        }
        if !about.isEmpty, case .array(let items)? = JSONValue(record)["rejected"] {
            // Name the business document each rejected set of ours was about ("order confirmation for PO-45001").
            record["rejected"] = .array(items.map { item in
                guard let control = item["reference"]?.stringValue, let document = about[control] else { return item }
                return item.setting("kind", .string(document))
            })
        }
        if record["contact"] == nil {  // a partner's rejection of what we sent: operations hear of it
            record["contact"] = operationsContact(routing)
        }
        if record["advice_date"]?.stringValue == "1970-01-01" { record["advice_date"] = .string(options.runDate.iso) }
        // The partner as people know it (its profile's name), beside the ISA06 id the record keeps.
        if let name = profile?.name, name != record["partner"]?.stringValue { record["partner_name"] = .string(name) }
        if interchange.isa[15] == "T" && !(profile?.communicateTestInterchanges ?? routing.communicateTestInterchanges) {
            // A partner's test interchange: answered and recorded (with "test": true), never sent to a customer.
            record["test"] = true
            unroutedRecords.append(JSONValue(record))
            report.recordedOnly += 1
            report.testSets += 1
            return
        }
        guard let template = routing.sets[set.identifier] else {
            // Read and recorded, but the routing file makes no communication of it (e.g. an accepted 810).
            unroutedRecords.append(JSONValue(record))
            report.recordedOnly += 1
            return
        }
        records[template, default: []].append(InboundRecord(value: JSONValue(record), set: set))
    }

    /// An exception notice's document id: partner, interchange and set control numbers, so one partner's
    /// notice never replaces another's. A reused control number (TA1 025) adds the content hash: the notice
    /// about the second content must not replace one about the first.
    private func exceptionID(_ set: X12TransactionSet, _ interchange: X12Interchange, contentHash: String) -> String {
        let partner = (interchange.isa[6] ?? "").trimmingCharacters(in: .whitespaces)
        var id = "EXC-\(partner)-\(interchange.controlNumber)"
        if interchange.errors.contains(where: { $0.code == .duplicateControlNumber }) { id += "-" + contentHash.prefix(8) }
        return id + "-\(set.controlNumber)"
    }

    private func operationsContact(_ routing: InboundRouting) -> JSONValue {
        routing.operationsEmail.map { ["name": .string(routing.operationsName), "email": .string($0)] } ?? ["name": .string(routing.operationsName)]
    }

    /// What the partner's profile agrees to: its ISA05 qualifier (else TA1 R 005) and the GS08 versions it
    /// sends (a group of another is AK9 R 2, functional group version not supported).
    static func holdToAgreement(_ interchange: inout X12Interchange, _ profile: PartnerProfile) {
        let qualifier = (interchange.isa[5] ?? "").trimmingCharacters(in: .whitespaces)
        if let expected = profile.qualifier, qualifier != expected {
            interchange.errors.insert(X12Error(.invalidSenderQualifier, at: interchange.isa.position,
                "sender \(profile.id) comes with ISA05 qualifier \"\(qualifier)\"; its profile says \"\(expected)\"", segmentID: "ISA"), at: 0)
        }
        guard !profile.versions.isEmpty else { return }
        for g in interchange.groups.indices {
            let version = interchange.groups[g].version
            guard !profile.versions.contains(String(version.prefix(6))) else { continue }
            interchange.groups[g].errors.append(X12Error(.groupVersionNotSupported, at: interchange.groups[g].gs.position,
                "group \(interchange.groups[g].gs[6] ?? "") is version \(version); the profile of \(profile.id) agrees to \(profile.versions.joined(separator: ", "))",
                segmentID: "GS"))
        }
    }

    /// OUT/acks/<file>-<n>.x12, unless that name already belongs to another answer (x/order.edi and
    /// y/order.edi; yesterday's order.edi, even if its ack was picked up; the first answer of an interchange
    /// reprocessed): then the content hash is added, and -2, -3… after it, so no answer ever replaces another.
    private func freeAckName(stem: String, n: Int, hash: String, journal: Journal, outputDirectory: String) throws(RunError) -> String {
        let base = "acks/\(stem)-\(n)"
        for k in 0..<10_000 {
            let name = k == 0 ? base + ".x12" : k == 1 ? "\(base)-\(hash.prefix(8)).x12" : "\(base)-\(hash.prefix(8))-\(k).x12"
            let taken = try journalCall { () throws(JournalError) in try journal.ackFileRecorded(name, outputDirectory: outputDirectory) }
            if !taken && !FileManager.default.fileExists(atPath: (options.outputDirectory as NSString).appendingPathComponent(name)) { return name }
        }
        throw .output("no free acknowledgement name for \(base) in \(options.outputDirectory)/acks after 10000 tries")
    }

    /// Every `--reprocess` target must be an interchange the journal answered into this folder and holds
    /// (rejected, refused, a duplicate, a test): an accepted one has made its documents, and processing it
    /// again would make them twice.
    private func checkReprocessTargets(_ journal: Journal, outputDirectory: String) throws(RunError) {
        for (target, _) in options.reprocess.sorted(by: { $0.key < $1.key }) {
            let parts = target.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .input("--reprocess \(target): give the sender's ISA06 id and the interchange control number, as PARTNER:ISA13")
            }
            let answers = try journalCall { () throws(JournalError) in
                try journal.answers(partner: parts[0], control: parts[1], outputDirectory: outputDirectory)
            }
            guard !answers.isEmpty else {
                throw .input("--reprocess \(target): the journal has no interchange \(parts[1]) from \(parts[0]) answered into \(outputDirectory); nothing to reprocess")
            }
            if !answers.contains(where: { InboundOutcome(rawValue: $0.outcome ?? "")?.isHeld ?? true }) {
                throw .input("--reprocess \(target): that interchange was accepted and its communications made (\(answers[0].ackFile)); nothing is held. `inkstream reprint` sends a copy of a document")
            }
        }
    }

    private func sourcesOf(_ target: String, _ journal: Journal, _ outputDirectory: String) throws(RunError) -> String {
        let parts = target.split(separator: ":", maxSplits: 1).map(String.init)
        let answers = try journalCall { () throws(JournalError) in
            try journal.answers(partner: parts[0], control: parts[1], outputDirectory: outputDirectory)
        }
        return answers.compactMap(\.source).joined(separator: ", ")
    }

    /// A partner's 824, line by line, against the documents it is about, for `history`.
    private func recordAdvice(_ set: X12TransactionSet, _ interchange: X12Interchange, file: String, journal: Journal) throws(RunError) {
        let partner = (interchange.isa[6] ?? "").trimmingCharacters(in: .whitespaces)
        let lines = TransactionSetRecords.adviceLines(set).enumerated().map { i, line in
            X12AdviceLine(partner: partner, interchangeControl: interchange.controlNumber, setControl: set.controlNumber, line: i + 1,
                          referenceKind: line.kind, reference: line.reference, status: line.status,
                          errors: line.errors.joined(separator: "\n"), file: file)
        }
        try journalCall { () throws(JournalError) in try journal.recordAdvice(lines) }
    }

    /// The 997/999 (and TA1) answering one interchange, with control numbers the journal hands out so
    /// they never repeat across runs. False when the interchange needs no answer (it is an acknowledgement).
    /// With 855s for the accepted 850s, in a PR group of the same outbound interchange.
    private func writeAck(for interchange: X12Interchange, to path: String, journal: Journal, rules: PurchaseOrderRules?,
                          policy: X12AckPolicy, report: inout InboundReport) throws(RunError) -> Bool {
        // One number for the ack's ISA and two per group (its 997/999, its 855s), reserved up front: an unused
        // one is skipped, never reused.
        let numbers = try journalCall { () throws(JournalError) in
            try journal.reserveNumbers("x12.ack", count: 1 + 2 * interchange.groups.count)
        }
        var counter = ReservedNumbers(numbers: numbers)
        let date = X12AckDate(year: options.runDate.year, month: options.runDate.month, day: options.runDate.day)
        guard var ack = X12Acknowledger.acknowledge(interchange, date: date, controlNumbers: &counter, policy: policy) else { return false }
        if let rules, interchange.errors.isEmpty {
            for group in interchange.groups {
                let orders = group.sets.filter { $0.identifier == "850" && X12Decision.refusal(of: $0, in: group, of: interchange) == nil }
                guard !orders.isEmpty else { continue }
                let sets = orders.enumerated().map { PurchaseOrderAcknowledgement.transactionSet(for: $1, rules: rules, setControl: $0 + 1) }
                ack.groups.append(PurchaseOrderAcknowledgement.group(sets, answering: group, date: date, control: counter.next()))
                report.purchaseOrderAcks += sets.count
            }
            ack.iea = X12Segment("IEA", ["\(ack.groups.count)", ack.isa[13] ?? ""])
            ack = X12AckText.cleaned(ack)  // the 855s copy the partner's PO numbers and ids too
        }
        // Through a hidden temporary name (Foundation's atomic write leaves `.dat.nosync…` if killed).
        do { try FileBytes.write(X12Writer.serialize(ack), to: path, atomic: true) } catch {
            throw .output(because: error)
        }
        // What we sent, so the partner's 997/999 about it can be matched later.
        let partner = (ack.isa[8] ?? "").trimmingCharacters(in: .whitespaces)
        for group in ack.groups {
            let outbound = X12OutboundGroup(
                partner: partner, groupControl: group.gs[6] ?? "", functionalID: group.functionalIdentifier,
                interchangeControl: ack.isa[13] ?? "", sets: group.sets.map { set in
                    // An 855 is about the purchase order in its BAK03: a partner's 997 about it is told by that number.
                    let about = set.identifier == "855" ? set.segments.first { $0.id == "BAK" }?[3] : nil
                    return "\(set.identifier):\(set.controlNumber)" + (about.map { ":" + $0 } ?? "")
                }.joined(separator: ","),
                file: "acks/" + (path as NSString).lastPathComponent)
            try journalCall { () throws(JournalError) in try journal.recordOutbound(outbound) }
        }
        return true
    }

    /// A partner's 997/999: recorded against the group of ours it acknowledges (accepted, with errors,
    /// rejected, and which sets).
    /// For a partner's 997/999: our set control number → the business document it was about, from the
    /// journal's record of the group it acknowledges ("855:0001:PO-45001" → "Order confirmation (855) for
    /// purchase order PO-45001").
    private func documentsAcknowledged(by set: X12TransactionSet, from partner: String, journal: Journal) throws(RunError) -> [String: String] {
        guard let verdict = TransactionSetRecords.acknowledgedGroup(set),
              let sent = try journalCall({ () throws(JournalError) in
                  try journal.outboundGroup(partner: partner, groupControl: verdict.groupControl, functionalID: verdict.functionalID)
              }) else { return [:] }
        var about: [String: String] = [:]
        for entry in sent.entries where entry.about != nil {
            about[entry.control] = X12OutboundGroup.documentName(setID: entry.setID, about: entry.about)
        }
        return about
    }

    private func recordReceivedAcknowledgement(_ set: X12TransactionSet, _ interchange: X12Interchange, file: String,
                                               journal: Journal, report: inout InboundReport) throws(RunError) {
        guard let verdict = TransactionSetRecords.acknowledgedGroup(set) else { return }
        let received = X12ReceivedAcknowledgement(
            partner: (interchange.isa[6] ?? "").trimmingCharacters(in: .whitespaces), groupControl: verdict.groupControl,
            functionalID: verdict.functionalID, status: verdict.status,
            sets: verdict.sets.map { "\($0.id):\($0.control):\($0.status)" }.joined(separator: ","),
            ackFile: "\(file)#\(interchange.controlNumber)/\(set.controlNumber)")
        let matched = try journalCall { () throws(JournalError) in try journal.recordAcknowledgement(received) }
        report.acknowledgementsReceived += 1
        if matched { report.acknowledgementsMatched += 1 }
    }

    /// A run's reject line with the X12 origin of its record added to the reason: the partner's file, the
    /// ST segment's number there, the set's id and control number. Lines that are not a record's (none
    /// today) stay as they are.
    static func withOrigin(_ line: String, _ records: [InboundRecord]) -> String {
        guard case .object(var members)? = try? JSONParser.parse(Array(line.utf8)),
              case .number(let number)? = JSONValue.object(members)["line"],
              let index = Int(exactly: number), records.indices.contains(index - 1),
              let reasonAt = members.firstIndex(where: { $0.key == "reason" }), case .string(let reason) = members[reasonAt].value
        else { return line }
        members[reasonAt].value = .string(reason + " (" + records[index - 1].origin + ")")
        return JSONValue.object(members).jsonText
    }

    /// A rejects.jsonl line like `run` writes, the segment number standing for the line.
    static func rejectLine(_ position: X12Position, _ reason: String) -> String {
        Reject(provenance: Provenance(file: position.file, line: position.index, byteOffset: position.byteOffset), reason: reason).jsonLine
    }
}

/// Control numbers reserved in the journal, handed out in order.
private struct ReservedNumbers: ControlNumbers {
    var numbers: [Int]
    mutating func next() -> Int { numbers.isEmpty ? 1 : numbers.removeFirst() }
}

/// What `inbound` did: the X12 side and the communications, written as OUT/report.json.
package struct InboundReport: Codable, Sendable {
    package var files: [String]
    package var interchanges = 0
    package var sets = 0
    package var rejectedSets = 0
    /// Sets that make no communication (acknowledgements received).
    package var recordedOnly = 0
    package var x12Errors = 0
    /// 855s sent back for accepted 850s.
    package var purchaseOrderAcks = 0
    /// Partners' 997/999 received, and how many acknowledged a group the journal says we sent.
    package var acknowledgementsReceived = 0
    package var acknowledgementsMatched = 0
    /// Interchanges an earlier run into the same folder already answered: their acknowledgement is kept.
    package var acknowledgementsReused = 0
    /// Sets of interchanges answered and communicated before (same partner, control number and content).
    package var alreadyCommunicatedSets = 0
    /// Interchanges from senders without a profile, refused (unknown_partners: refuse; TA1 R 006).
    package var refusedSenders = 0
    /// Sets of test interchanges (ISA15 = T) recorded without a customer communication.
    package var testSets = 0
    /// Interchanges whose control number the partner had used before for other content (TA1 025).
    package var duplicateControlNumbers = 0
    /// Held or failed interchanges processed again on an operator's request (`--reprocess`).
    package var reprocessed = 0
    /// Sets that became no record: rejected with no template for rejections, or with no route.
    package var unrouted = 0
    /// Records the templates rejected (bad data for the template, duplicate ids).
    package var runRejects = 0
    /// sets = records + recorded only + unrouted + already communicated, and records = documents + run rejects.
    package var reconciles = false
    package var acks: [String] = []
    package var records = 0
    package var documents = 0
    package var channels = ChannelCounts(print: 0, email: 0, sms: 0)
    package var rejects = 0
    package var runs: [String] = []
    package var wallSeconds = 0.0

    init(files: [String]) { self.files = files }

    enum CodingKeys: String, CodingKey {
        case files, interchanges, sets, acks, records, documents, channels, rejects, runs, unrouted, reconciles
        case runRejects = "run_rejects"
        case purchaseOrderAcks = "purchase_order_acks"
        case acknowledgementsReceived = "acknowledgements_received"
        case acknowledgementsMatched = "acknowledgements_matched"
        case acknowledgementsReused = "acknowledgements_reused"
        case alreadyCommunicatedSets = "already_communicated_sets"
        case duplicateControlNumbers = "duplicate_control_numbers"
        case reprocessed
        case testSets = "test_sets"
        case refusedSenders = "refused_senders"
        case rejectedSets = "rejected_sets"
        case recordedOnly = "recorded_only"
        case x12Errors = "x12_errors"
        case wallSeconds = "wall_seconds"
    }

    mutating func add(_ reports: [RunReport]) {
        for r in reports {
            records += r.recordsRead
            documents += r.documents
            if let c = r.channels {
                channels.print += c.print
                channels.email += c.email
                channels.sms += c.sms
            }
            runs.append(r.runID ?? "")
        }
    }

    func write(to directory: String) throws(RunError) {
        try OutputFile.write(try reportJSON(self), to: RunFolder(directory).file(RunFolder.reportJSON))
    }
}

/// A record made from one transaction set, and where in the partner's X12 it came from.
struct InboundRecord {
    let value: JSONValue
    /// "X12 orders.x12 segment 3: transaction set 850 0001".
    let origin: String

    init(value: JSONValue, set: X12TransactionSet) {
        self.value = value
        origin = "X12 \(set.st.position.file) segment \(set.st.position.index): transaction set \(set.identifier) \(set.controlNumber)"
    }
}
