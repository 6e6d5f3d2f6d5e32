import Layout
import Render

/// One document as its own PDF, exactly as a per-document run writes it (a reprint relies on that).
enum DocumentPDF {
    static func write(_ document: LaidOutDocument, to path: String, runDate: RunDate, painter: CairoPainter,
                      atomic: Bool) throws(RenderError) {
        let writer = try PDFWriter(path: path, info: PDFWriter.Info(
            title: document.metadata.title, author: document.metadata.author, subject: document.metadata.subject,
            creationDate: runDate.iso + "T00:00:00Z"), painter: painter, atomic: atomic)
        writer.write(document)
        try writer.finish()
    }
}
