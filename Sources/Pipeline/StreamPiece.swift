import Layout
import Render

/// One piece of a print stream: consecutive documents written into a PDF of their own, in memory, so pieces
/// can be made on several threads and joined in order by `PDFAssembler`. The piece embeds no fonts: what it
/// uses of each goes to the assembler with its bytes, and the stream embeds each font once.
struct StreamPiece: Sendable {
    let bytes: [UInt8]
    let fonts: StreamPieceFonts

    init(_ documents: [LaidOutDocument], creationDate: String, writer: DirectPDFWriter) throws(RenderError) {
        (bytes, fonts) = try writer.makeStreamPiece(documents, info: PDFWriter.Info(creationDate: creationDate))
    }
}
