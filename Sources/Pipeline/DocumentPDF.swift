import Crypto
import Layout
import Render
import RunFolder

/// One document as its own PDF, exactly as a per-document run writes it (a reprint relies on that).
/// Written by the direct PDF writer (cairo draws previews only): the bytes depend on the document alone,
/// whichever thread, run or reprint writes it.
enum DocumentPDF {
    /// Writes the file and returns its digests, computed from the bytes in memory (no second read).
    @discardableResult
    static func write(_ document: LaidOutDocument, to path: String, runDate: RunDate, writer: PDFMaker,
                      atomic: Bool) throws(RenderError) -> (sha256: String, sha512: String, size: Int) {
        let bytes = try make(document, runDate: runDate, writer: writer)
        try FileBytes.write(bytes, to: path, atomic: atomic)
        return (SHA256.hash(data: bytes).hex, SHA512.hash(data: bytes).hex, bytes.count)
    }

    /// The file's bytes, in memory (an email attaches them without a file of its own).
    static func make(_ document: LaidOutDocument, runDate: RunDate, writer: PDFMaker) throws(RenderError) -> [UInt8] {
        var info = PDFWriter.Info(title: document.metadata.title, author: document.metadata.author,
                                  subject: document.metadata.subject, creationDate: runDate.iso + "T00:00:00Z")
        info.language = document.metadata.language
        return try writer.makePDF(document, info: info)
    }
}

extension BatchRun.PendingFile {
    /// Writes a worker's file under its pending name, with the digests of the bytes in memory. A failure
    /// here is the machine's (disk full, I/O error), never the record's.
    static func write(_ bytes: [UInt8], to path: String) throws(RenderError) -> BatchRun.PendingFile {
        try FileBytes.write(bytes, to: path, atomic: false)
        return BatchRun.PendingFile(path: path, size: bytes.count, sha256: SHA256.hash(data: bytes).hex, sha512: SHA512.hash(data: bytes).hex)
    }
}
