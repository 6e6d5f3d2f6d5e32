/// What a run did, written as `OUT/report.json` and `OUT/report.html`. Records in = documents + rejects.
public struct RunReport: Sendable, Codable, Equatable {
    public var engine: String
    public var template: String
    public var templateFile: String
    public var input: String
    public var output: String
    public var mode: String
    public var runDate: String
    public var jobs: Int
    public var recordsRead: Int
    public var documents: Int
    public var pages: Int
    public var rejects: Int
    public var wallSeconds: Double
    public var documentsPerSecond: Double
    public var pagesPerSecond: Double
    /// Paths of what the run wrote, relative to the output folder.
    public var outputs: [String]
    /// The first rejects (all of them are in rejects.jsonl).
    public var firstRejects: [RejectSummary]

    /// records read = documents + rejects: nothing vanished.
    public var reconciles: Bool

    /// The run's identity (same template, input, run date and options → same id) and its journal.
    public var runID: String?
    public var journal: String?
    /// Set when this run took up an interrupted one: the records its checkpoint had committed.
    public var resumedAfterRecord: Int?
    /// Bundles made for delivery, relative to the output folder.
    public var bundles: [String] = []
    /// Seconds the committing thread spent on proof: checkpoints (fsyncs and journal transactions), the
    /// journal's final transaction, and making the bundles. Upper bounds of their cost to throughput: the
    /// workers go on meanwhile.
    public var proofSeconds: ProofTimings? = nil
    /// Documents per channel: print + email + sms = documents.
    public var channels: ChannelCounts? = nil
    /// Records that went out on another channel than the template's rule chose, and why (the first 100).
    public var fallbacks: Int? = nil
    public var firstFallbacks: [FallbackSummary]? = nil
    /// SMS sent with control, bidi or zero-width characters from the data stripped (`sms.unsafe_characters`).
    public var smsSanitized: SMSSanitizedCounts? = nil
    /// The run had already completed in this folder: nothing was done.
    public var alreadyComplete: Bool? = nil
    /// Where the files an unfinished run of another identity left in this folder were moved, and how many.
    public var quarantine: String? = nil
    public var quarantinedFiles: Int? = nil
    /// Set when the run was stopped as a failure (too many rejects): why. Nothing was signed.
    public var failed: String? = nil

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
    }

    public init(engine: String, template: String, templateFile: String, input: String, output: String, mode: String,
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

public struct ProofTimings: Sendable, Codable, Equatable {
    public var checkpoints: Double
    public var checkpointCount: Int
    public var journal: Double
    public var bundles: Double

    enum CodingKeys: String, CodingKey {
        case checkpoints, journal, bundles
        case checkpointCount = "checkpoint_count"
    }
}

public struct ChannelCounts: Sendable, Codable, Equatable {
    public var print: Int, email: Int, sms: Int
}

public struct FallbackSummary: Sendable, Codable, Equatable {
    public var line: Int
    public var document: String
    /// The channel the document went out on.
    public var channel: String
    public var reason: String
}

public struct RejectSummary: Sendable, Codable, Equatable {
    public var file: String
    public var line: Int
    public var reason: String
}

/// `sms_sanitized`: how many SMS had characters stripped, and how many characters in all.
public struct SMSSanitizedCounts: Sendable, Codable, Equatable {
    public var records = 0
    public var characters = 0

    public init() {}

    mutating func add(_ stripped: Int) {
        guard stripped > 0 else { return }
        records += 1
        characters += stripped
    }
}
