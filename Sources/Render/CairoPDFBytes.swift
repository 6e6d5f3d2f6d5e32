import CCairo
import Layout

/// Cairo's PDF surface writing into memory: the reference writer, selectable for runs (`--pdf-writer
/// cairo`), previews and reprints. It embeds its own font subsets and writes no outline and no links; what it writes
/// depends only on the documents and `info`, so reruns are byte-identical as with the direct writer.
public enum CairoPDFBytes {
    private final class Sink {
        var bytes: [UInt8] = []
    }

    /// One PDF of the documents' pages (without link annotations: see CairoPainter's `.link`).
    public static func make(_ documents: [LaidOutDocument], info: PDFWriter.Info, painter: CairoPainter) throws(RenderError) -> [UInt8] {
        let sink = Sink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        let width = documents.first?.width ?? 612, height = documents.first?.height ?? 792
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, context, width, height)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            let reason = String(cString: cairo_status_to_string(cairo_surface_status(surface)))
            cairo_surface_destroy(surface)
            throw RenderError("cannot start a cairo PDF: \(reason)")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, info.creationDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, info.creator)
        if let title = info.title { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
        if let author = info.author { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author) }
        if let subject = info.subject { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject) }
        let cr = cairo_create(surface)!
        for document in documents {
            for page in document.pages {
                cairo_pdf_surface_set_size(surface, document.width, document.height)
                painter.paint(page, on: cr)
                cairo_show_page(cr)
            }
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError("cairo could not write the PDF: \(String(cString: cairo_status_to_string(status)))")
        }
        return withExtendedLifetime(sink) { sink.bytes }
    }
}
