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

    public var reconciles: Bool { recordsRead == documents + rejects }

    enum CodingKeys: String, CodingKey {
        case engine, template, input, output, mode, jobs, documents, pages, rejects, outputs, reconciles
        case templateFile = "template_file"
        case runDate = "run_date"
        case recordsRead = "records_read"
        case wallSeconds = "wall_seconds"
        case documentsPerSecond = "documents_per_second"
        case pagesPerSecond = "pages_per_second"
        case firstRejects = "first_rejects"
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
        self.wallSeconds = wallSeconds
        self.documentsPerSecond = wallSeconds > 0 ? Double(documents) / wallSeconds : 0
        self.pagesPerSecond = wallSeconds > 0 ? Double(pages) / wallSeconds : 0
        self.outputs = outputs
        self.firstRejects = firstRejects
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        engine = try c.decode(String.self, forKey: .engine)
        template = try c.decode(String.self, forKey: .template)
        templateFile = try c.decode(String.self, forKey: .templateFile)
        input = try c.decode(String.self, forKey: .input)
        output = try c.decode(String.self, forKey: .output)
        mode = try c.decode(String.self, forKey: .mode)
        runDate = try c.decode(String.self, forKey: .runDate)
        jobs = try c.decode(Int.self, forKey: .jobs)
        recordsRead = try c.decode(Int.self, forKey: .recordsRead)
        documents = try c.decode(Int.self, forKey: .documents)
        pages = try c.decode(Int.self, forKey: .pages)
        rejects = try c.decode(Int.self, forKey: .rejects)
        wallSeconds = try c.decode(Double.self, forKey: .wallSeconds)
        documentsPerSecond = try c.decode(Double.self, forKey: .documentsPerSecond)
        pagesPerSecond = try c.decode(Double.self, forKey: .pagesPerSecond)
        outputs = try c.decode([String].self, forKey: .outputs)
        firstRejects = try c.decode([RejectSummary].self, forKey: .firstRejects)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(engine, forKey: .engine)
        try c.encode(template, forKey: .template)
        try c.encode(templateFile, forKey: .templateFile)
        try c.encode(input, forKey: .input)
        try c.encode(output, forKey: .output)
        try c.encode(mode, forKey: .mode)
        try c.encode(runDate, forKey: .runDate)
        try c.encode(jobs, forKey: .jobs)
        try c.encode(recordsRead, forKey: .recordsRead)
        try c.encode(documents, forKey: .documents)
        try c.encode(pages, forKey: .pages)
        try c.encode(rejects, forKey: .rejects)
        try c.encode(reconciles, forKey: .reconciles)
        try c.encode(wallSeconds, forKey: .wallSeconds)
        try c.encode(documentsPerSecond, forKey: .documentsPerSecond)
        try c.encode(pagesPerSecond, forKey: .pagesPerSecond)
        try c.encode(outputs, forKey: .outputs)
        try c.encode(firstRejects, forKey: .firstRejects)
    }
}

public struct RejectSummary: Sendable, Codable, Equatable {
    public var file: String
    public var line: Int
    public var reason: String
}
