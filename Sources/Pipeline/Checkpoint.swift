import Foundation
import Render

/// Where a run stands, saved in the journal with the documents it covers. Checkpoints fall between input
/// batches, so a resumed run cuts its input into the same batches (and print-stream pieces) as an
/// uninterrupted one and writes the same bytes.
struct Checkpoint: Codable, Equatable {
    /// Batches committed: the resumed run numbers its next batch from here.
    var batches: Int
    /// The last input line those batches hold; reading goes on after it.
    var lastLine: Int?
    var lastOffset: Int?
    var records: Int, documents: Int, pages: Int, rejects: Int
    /// Lengths of the files still growing under temporary names.
    var rejectsBytes: Int
    var indexBytes: Int?
    var stream: PDFAssembler.State?
    var smsBytes: Int? = nil
    /// Documents per channel and the fallbacks so far (the report counts them).
    var channels: [String: Int]? = nil
    var fallbacks: Int? = nil
    var firstFallbacks: [FallbackSummary]? = nil
    /// SMS whose text had unsafe characters stripped, and how many (the report counts them).
    var smsSanitized: SMSSanitizedCounts? = nil
    /// Documents made with overflow warnings, and the first ones (the report lists them).
    var warned: Int? = nil
    var firstWarnings: [WarningSummary]? = nil
    /// Every record is committed; what is left is closing files, bundles and the report.
    var inputDone: Bool

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }

    static func decode(_ text: String?) -> Checkpoint? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(Checkpoint.self, from: Data(text.utf8))
    }
}
