import Layout
import Render

/// Which PDF writer a run uses: the direct writer (the default: fonts embedded once per stream, outlines,
/// the fast path) or cairo's PDF surface (the reference the direct writer is tested against).
package enum PDFWriterKind: String, Sendable, CaseIterable {
    case direct, cairo
}

/// One worker's PDF writer of the chosen kind. Both make the same pages from the same display list.
final class PDFMaker {
    let kind: PDFWriterKind
    private let direct = DirectPDFWriter()
    private lazy var painter = CairoPainter()

    init(_ kind: PDFWriterKind) { self.kind = kind }

    /// The complete PDF of one document.
    func makePDF(_ document: LaidOutDocument, info: PDFWriter.Info) throws(RenderError) -> [UInt8] {
        switch kind {
        case .direct: return try direct.makePDF(document, info: info)
        case .cairo: return try CairoPDFBytes.make([document], info: info, painter: painter)
        }
    }

    /// A piece of a print stream: the direct writer's leaves the fonts to the stream (nil fonts: cairo's
    /// embeds its own, and the assembler copies them with the piece).
    func makeStreamPiece(_ documents: [LaidOutDocument], info: PDFWriter.Info) throws(RenderError) -> (bytes: [UInt8], fonts: StreamPieceFonts?) {
        switch kind {
        case .direct:
            let piece = try direct.makeStreamPiece(documents, info: info)
            return (piece.bytes, piece.fonts)
        case .cairo:
            return (try CairoPDFBytes.make(documents, info: info, painter: painter), nil)
        }
    }
}
