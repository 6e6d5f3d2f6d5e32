/// What a run did, written as `OUT/report.json` and `OUT/report.html`. Records in = documents + rejects.
package struct RunReport: Sendable, Codable, Equatable {
    package var engine: String
    package var template: String
    package var templateFile: String
    package var input: String
    package var output: String
    package var mode: String
    package var runDate: String
    package var jobs: Int
    package var recordsRead: Int
    package var documents: Int
    package var pages: Int
    package var rejects: Int
    package var wallSeconds: Double
    package var documentsPerSecond: Double
    package var pagesPerSecond: Double
    /// Paths of what the run wrote, relative to the output folder.
    package var outputs: [String]
    /// The first rejects (all of them are in rejects.jsonl).
    package var firstRejects: [RejectSummary]

    /// records read = documents + rejects: nothing vanished.
    package var reconciles: Bool

    /// The run's identity (same template, input, run date and options → same id) and its journal.
    package var runID: String?
    package var journal: String?
    /// Set when this run took up an interrupted one: the records its checkpoint had committed.
    package var resumedAfterRecord: Int?
    /// Bundles made for delivery, relative to the output folder.
    package var bundles: [String] = []
    /// Seconds the committing thread spent on proof: checkpoints (fsyncs and journal transactions), the
    /// journal's final transaction, and making the bundles. Upper bounds of their cost to throughput: the
    /// workers go on meanwhile.
    package var proofSeconds: ProofTimings? = nil
    /// Documents per channel: print + email + sms = documents.
    package var channels: ChannelCounts? = nil
    /// Records that went out on another channel than the template's rule chose, and why (the first 100).
    package var fallbacks: Int? = nil
    package var firstFallbacks: [FallbackSummary]? = nil
    /// SMS sent with control, bidi or zero-width characters from the data stripped (`sms.unsafe_characters`).
    package var smsSanitized: SMSSanitizedCounts? = nil
    /// Documents made although something did not fit (the template's `overflow: warn`), and the first ones.
    package var warnings: Int? = nil
    package var firstWarnings: [WarningSummary]? = nil
    /// The run had already completed in this folder: nothing was done.
    package var alreadyComplete: Bool? = nil
    /// Where the files an unfinished run of another identity left in this folder were moved, and how many.
    package var quarantine: String? = nil
    package var quarantinedFiles: Int? = nil
    /// Set when the run was stopped as a failure (too many rejects): why. Nothing was signed.
    package var failed: String? = nil

    enum CodingKeys: String, CodingKey {
        case engine, template, input, output, mode, jobs, documents, pages, rejects, outputs, reconciles
        case templateFile = "template_file"
        case runDate = "run_date"
        case recordsRead = "records_read"
        case wallSeconds = "wall_seconds"
        case documentsPerSecond = "documents_per_second"
        case pagesPerSecond = "pages_per_second"
        case firstRejects = "first_rejects"
        case runID = "run_id"
        case journal, bundles
        case alreadyComplete = "already_complete"
        case proofSeconds = "proof_seconds"
        case channels, fallbacks, quarantine, failed
        case quarantinedFiles = "quarantined_files"
        case firstFallbacks = "first_fallbacks"
        case resumedAfterRecord = "resumed_after_record"
        case smsSanitized = "sms_sanitized"
        case warnings
        case firstWarnings = "first_warnings"
    }

    package init(engine: String, template: String, templateFile: String, input: String, output: String, mode: String,
                runDate: String, jobs: Int, recordsRead: Int, documents: Int, pages: Int, rejects: Int,
                wallSeconds: Double, outputs: [String], firstRejects: [RejectSummary]) {
        self.engine = engine
        self.template = template
        self.templateFile = templateFile
        self.input = input
        self.output = output
        self.mode = mode
        self.runDate = runDate
        self.jobs = jobs
        self.recordsRead = recordsRead
        self.documents = documents
        self.pages = pages
        self.rejects = rejects
        self.reconciles = recordsRead == documents + rejects
        self.wallSeconds = wallSeconds
        self.documentsPerSecond = wallSeconds > 0 ? Double(documents) / wallSeconds : 0
        self.pagesPerSecond = wallSeconds > 0 ? Double(pages) / wallSeconds : 0
        self.outputs = outputs
        self.firstRejects = firstRejects
    }
}

package struct ProofTimings: Sendable, Codable, Equatable {
    package var checkpoints: Double
    package var checkpointCount: Int
    package var journal: Double
    package var bundles: Double

    enum CodingKeys: String, CodingKey {
        case checkpoints, journal, bundles
        case checkpointCount = "checkpoint_count"
    }
}

package struct ChannelCounts: Sendable, Codable, Equatable {
    package var print: Int, email: Int, sms: Int
}

package struct FallbackSummary: Sendable, Codable, Equatable {
    package var line: Int
    package var document: String
    /// The channel the document went out on.
    package var channel: String
    package var reason: String
}

/// A document made with overflow warnings: its input line, id and what did not fit.
package struct WarningSummary: Sendable, Codable, Equatable {
    package var line: Int
    package var document: String
    package var warnings: [String]
}

package struct RejectSummary: Sendable, Codable, Equatable {
    package var file: String
    package var line: Int
    package var reason: String
}

/// `sms_sanitized`: how many SMS had characters stripped, and how many characters in all.
package struct SMSSanitizedCounts: Sendable, Codable, Equatable {
    package var records = 0
    package var characters = 0

    package init() {}

    mutating func add(_ stripped: Int) {
        guard stripped > 0 else { return }
        records += 1
        characters += stripped
    }
}
