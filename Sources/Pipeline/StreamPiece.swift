import Foundation
import Layout
import Render

/// One piece of a print stream: consecutive documents written into a PDF file of their own, so pieces can
/// be made on several threads and joined in order by `PDFAssembler`. The piece embeds no fonts: what it
/// uses of each comes back (it goes to the assembler with the piece), and the stream embeds each font once.
enum StreamPiece {
    static func write(_ documents: [LaidOutDocument], to path: String, creationDate: String,
                      writer: DirectPDFWriter) throws(RenderError) -> StreamPieceFonts {
        let piece = try writer.makeStreamPiece(documents, info: PDFWriter.Info(creationDate: creationDate))
        try FileBytes.write(piece.bytes, to: path, atomic: false)
        return piece.fonts
    }
}
