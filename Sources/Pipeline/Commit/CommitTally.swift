import Journal

/// What a run has committed so far: the counts, the first rejects and fallbacks the report lists, and the
/// SMS sanitising counts. Kept by the committer, saved in every checkpoint and restored from it.
struct CommitTally {
    var records = 0, documents = 0, pages = 0, rejects = 0
    var perChannel: [String: Int] = [:]
    var fallbacks = 0
    var firstFallbacks: [FallbackSummary] = []
    var firstRejects: [RejectSummary] = []
    var smsSanitized = SMSSanitizedCounts()
    /// Documents made with something that did not fit (overflow: warn), and the first of them by name.
    var warned = 0
    var firstWarnings: [WarningSummary] = []
    /// How many rejects and fallbacks the report lists by name.
    static let listed = 100

    init() {}

    /// The tally a checkpoint recorded; its first rejects come from the journal (the checkpoint does not hold them).
    init(_ checkpoint: Checkpoint, firstRejects: [RejectSummary]) {
        (records, documents, pages, rejects) = (checkpoint.records, checkpoint.documents, checkpoint.pages, checkpoint.rejects)
        perChannel = checkpoint.channels ?? [:]
        fallbacks = checkpoint.fallbacks ?? 0
        firstFallbacks = checkpoint.firstFallbacks ?? []
        smsSanitized = checkpoint.smsSanitized ?? SMSSanitizedCounts()
        warned = checkpoint.warned ?? 0
        firstWarnings = checkpoint.firstWarnings ?? []
        self.firstRejects = firstRejects
    }

    var counts: RunCounts { RunCounts(records: records, documents: documents, pages: pages, rejects: rejects) }

    var channels: ChannelCounts {
        ChannelCounts(print: perChannel["print"] ?? 0, email: perChannel["email"] ?? 0, sms: perChannel["sms"] ?? 0)
    }

    /// A committed document on its channel, with its fallback.
    mutating func addDocument(_ made: BatchRun.MadeDocument, line: Int) {
        documents += 1
        pages += made.pages
        perChannel[made.channel.rawValue, default: 0] += 1
        smsSanitized.add(made.smsStripped)
        if !made.warnings.isEmpty {
            warned += 1
            if firstWarnings.count < Self.listed {
                firstWarnings.append(WarningSummary(line: line, document: made.id, warnings: made.warnings))
            }
        }
        if let reason = made.fallback {
            fallbacks += 1
            if firstFallbacks.count < Self.listed {
                firstFallbacks.append(FallbackSummary(line: line, document: made.id, channel: made.channel.rawValue, reason: reason))
            }
        }
    }

    mutating func addReject(_ reject: Reject) {
        rejects += 1
        if firstRejects.count < Self.listed {
            firstRejects.append(RejectSummary(file: reject.provenance.file, line: reject.provenance.line, reason: reject.reason))
        }
    }

    /// Copies the counts into a checkpoint.
    func record(in checkpoint: inout Checkpoint) {
        (checkpoint.records, checkpoint.documents, checkpoint.pages, checkpoint.rejects) = (records, documents, pages, rejects)
        checkpoint.channels = perChannel
        checkpoint.fallbacks = fallbacks
        checkpoint.firstFallbacks = firstFallbacks
        checkpoint.smsSanitized = smsSanitized
        checkpoint.warned = warned
        checkpoint.firstWarnings = firstWarnings
    }
}
