import Foundation
import Layout
import Render

/// One piece of a print stream: consecutive documents rendered into a PDF file of their own, so pieces can
/// be rendered on several threads and joined in order by `PDFAssembler`. The direct writer makes a piece
/// unless it cannot draw one of its documents (then cairo does); the assembler joins either kind.
enum StreamPiece {
    static func write(_ documents: [LaidOutDocument], to path: String, creationDate: String,
                      writers: PDFWriters) throws(RenderError) {
        let info = PDFWriter.Info(creationDate: creationDate)
        if documents.allSatisfy(DirectPDFWriter.canWrite) {
            try FileBytes.write(try writers.direct.makePDF(documents, info: info), to: path, atomic: false)
            return
        }
        let writer = try PDFWriter(path: path, info: info, painter: writers.painter, atomic: false)
        for document in documents { writer.write(document) }
        try writer.finish()
    }
}
