import Crypto
import Layout
import Render

/// A worker thread's PDF writers: the direct writer for every document it can draw (today all of them:
/// text, shapes and PNG/SVG images), cairo for any it cannot (`DirectPDFWriter.canWrite`). The choice
/// depends on the document only, so a document gives the same bytes whichever thread, run or reprint
/// writes it.
final class PDFWriters {
    let painter = CairoPainter()
    let direct = DirectPDFWriter()
}

/// One document as its own PDF, exactly as a per-document run writes it (a reprint relies on that).
enum DocumentPDF {
    /// Writes the file and returns its digests: computed from memory when the direct writer made it, read
    /// back from the file when cairo wrote it.
    @discardableResult
    static func write(_ document: LaidOutDocument, to path: String, runDate: RunDate, writers: PDFWriters,
                      atomic: Bool) throws(RenderError) -> (sha256: String, sha512: String, size: Int) {
        let info = PDFWriter.Info(title: document.metadata.title, author: document.metadata.author,
                                  subject: document.metadata.subject, creationDate: runDate.iso + "T00:00:00Z")
        if DirectPDFWriter.canWrite(document) {
            let bytes = try writers.direct.makePDF(document, info: info)
            try FileBytes.write(bytes, to: path, atomic: atomic)
            return (SHA256.hash(data: bytes).hex, SHA512.hash(data: bytes).hex, bytes.count)
        }
        let writer = try PDFWriter(path: path, info: info, painter: writers.painter, atomic: atomic)
        writer.write(document)
        try writer.finish()
        do throws(RunError) {
            let (sha256, sha512, bytes) = try FileHashing.digests(path)
            return (sha256, sha512, bytes)
        } catch { throw RenderError(error.description) }
    }
}
