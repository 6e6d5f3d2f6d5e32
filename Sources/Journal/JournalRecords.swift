/// What a run tells the journal about itself when it starts.
public struct RunDescription: Sendable, Equatable {
    /// Content identity: the same template, input, run date and options give the same id.
    public var runID: String
    public var outputDirectory: String
    public var engine: String
    public var templateName: String
    public var templateFile: String
    public var templateHash: String
    public var inputPath: String
    public var inputHash: String
    public var inputBytes: Int
    public var runDate: String
    public var mode: String
    /// The options that shape output, as JSON.
    public var options: String

    public init(runID: String, outputDirectory: String, engine: String, templateName: String, templateFile: String,
                templateHash: String, inputPath: String, inputHash: String, inputBytes: Int, runDate: String,
                mode: String, options: String) {
        self.runID = runID
        self.outputDirectory = outputDirectory
        self.engine = engine
        self.templateName = templateName
        self.templateFile = templateFile
        self.templateHash = templateHash
        self.inputPath = inputPath
        self.inputHash = inputHash
        self.inputBytes = inputBytes
        self.runDate = runDate
        self.mode = mode
        self.options = options
    }
}

public enum RunStatus: String, Sendable {
    /// Running, or stopped before completing (killed, or failed): the same command takes it up again.
    case running, complete
    /// Written by no engine yet; kept so journals stay readable if one does.
    case failed
    /// A run left unfinished whose output folder a different run then took over.
    case superseded
}

/// A run as the journal holds it.
public struct JournalRun: Sendable {
    public let row: Int64
    public let description: RunDescription
    public let status: RunStatus
    public let startedAt: String
    public let finishedAt: String?
    public let resumes: Int
    public let counts: RunCounts
    /// The last checkpoint, as the run wrote it (the pipeline owns its format).
    public let checkpoint: String?
}

public struct RunCounts: Sendable, Equatable {
    public var records: Int, documents: Int, pages: Int, rejects: Int
    public init(records: Int = 0, documents: Int = 0, pages: Int = 0, rejects: Int = 0) {
        (self.records, self.documents, self.pages, self.rejects) = (records, documents, pages, rejects)
    }
}

/// One document a run committed.
public struct DocumentEntry: Sendable, Equatable {
    public var line: Int
    public var documentID: String
    public var byteOffset: Int
    public var channel: String
    /// Relative to the output folder, e.g. `documents/100000175.pdf` or `print/statements.pdf`.
    public var path: String
    /// In a print stream: the document's first page there.
    public var firstPage: Int?
    public var pages: Int
    /// Per-document files: size and SHA-256 of the file.
    public var size: Int?
    public var sha256: String?
    public var sha512: String?
    /// SHA-256 of what the document shows (its laid-out pages), the same inside a print stream or alone.
    public var contentSHA256: String
    public var bundle: String?

    public init(line: Int, documentID: String, byteOffset: Int, channel: String, path: String, firstPage: Int?,
                pages: Int, size: Int?, sha256: String?, sha512: String? = nil, contentSHA256: String, bundle: String?) {
        self.line = line
        self.documentID = documentID
        self.byteOffset = byteOffset
        self.channel = channel
        self.path = path
        self.firstPage = firstPage
        self.pages = pages
        self.size = size
        self.sha256 = sha256
        self.sha512 = sha512
        self.contentSHA256 = contentSHA256
        self.bundle = bundle
    }
}

public struct RejectEntry: Sendable, Equatable {
    public var file: String, line: Int, byteOffset: Int, reason: String
    public init(file: String, line: Int, byteOffset: Int, reason: String) {
        (self.file, self.line, self.byteOffset, self.reason) = (file, line, byteOffset, reason)
    }
}

public struct BundleEntry: Sendable, Equatable {
    public var bundleID: String, path: String, sha256: String, bytes: Int
    public var signaturePath: String, signatureSHA256: String, signer: String, documents: Int
    public init(bundleID: String, path: String, sha256: String, bytes: Int, signaturePath: String,
                signatureSHA256: String, signer: String, documents: Int) {
        self.bundleID = bundleID
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
        self.signaturePath = signaturePath
        self.signatureSHA256 = signatureSHA256
        self.signer = signer
        self.documents = documents
    }
}
