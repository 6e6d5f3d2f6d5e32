import Layout
import Render

/// One piece of a print stream: consecutive documents written into a PDF of their own, in memory, so pieces
/// can be made on several threads and joined in order by `PDFAssembler`. The piece embeds no fonts: what it
/// uses of each goes to the assembler with its bytes, and the stream embeds each font once.
struct StreamPiece: Sendable {
    let bytes: [UInt8]
    /// The fonts the stream embeds for the piece; nil: the piece embeds its own (cairo's).
    let fonts: StreamPieceFonts?
    /// Each document's bookmark title, page count and headings, in order: the stream's outline.
    let outline: [StreamBookmark]

    init(_ documents: [LaidOutDocument], creationDate: String, writer: PDFMaker) throws(RenderError) {
        (bytes, fonts) = try writer.makeStreamPiece(documents, info: PDFWriter.Info(creationDate: creationDate))
        outline = documents.map { document in
            StreamBookmark(title: Self.bookmark(document), pages: document.pages.count, headings: document.headings.map {
                ($0.level, $0.title, $0.page, document.height - $0.y)
            })
        }
    }

    /// "Statement for Ada Lovelace (ACC-1001)": the document's title with its id, or the id alone.
    static func bookmark(_ document: LaidOutDocument) -> String {
        guard let title = document.metadata.title, !title.isEmpty, title != document.id else { return document.id }
        return title.contains(document.id) ? title : "\(title) (\(document.id))"
    }
}
