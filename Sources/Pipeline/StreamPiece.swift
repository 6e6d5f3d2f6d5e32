import Foundation
import Layout
import Render

/// One piece of a print stream: consecutive documents written into a PDF file of their own (each font
/// embedded once for the piece), so pieces can be made on several threads and joined in order by
/// `PDFAssembler`.
enum StreamPiece {
    static func write(_ documents: [LaidOutDocument], to path: String, creationDate: String,
                      writer: DirectPDFWriter) throws(RenderError) {
        try FileBytes.write(try writer.makePDF(documents, info: PDFWriter.Info(creationDate: creationDate)), to: path, atomic: false)
    }
}
