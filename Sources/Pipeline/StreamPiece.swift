import Layout
import Render

/// One piece of a print stream: consecutive documents rendered into a PDF file of their own, so pieces can
/// be rendered on several threads and joined in order by `PDFAssembler`.
enum StreamPiece {
    static func write(_ documents: [LaidOutDocument], to path: String, creationDate: String,
                      painter: CairoPainter) throws(RenderError) {
        let writer = try PDFWriter(path: path, info: PDFWriter.Info(creationDate: creationDate), painter: painter,
                                   atomic: false)
        for document in documents { writer.write(document) }
        try writer.finish()
    }
}
