import CCairo
import Foundation
import Layout

/// Writes laid-out documents into one PDF file with cairo. Runs write with `DirectPDFWriter`; this is the
/// reference the render tests, `render-measure` and the stage benchmarks compare it with (and its `Info`
/// is what both take). Writes to a hidden temporary file beside the target and renames it on `finish()`,
/// so a reader never sees half a PDF.
public final class PDFWriter {
    public let path: String
    private let temporaryPath: String
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let painter: CairoPainter
    public private(set) var pageCount = 0

    public struct Info: Sendable {
        public var title: String?
        public var author: String?
        public var subject: String?
        public var creator: String
        /// ISO 8601, e.g. 2026-11-22T00:00:00Z.
        public var creationDate: String
        /// The document language for the catalog's /Lang, BCP 47 ("en-US"): screen readers and hyphenation
        /// in readers use it.
        public var language: String?

        public init(title: String? = nil, author: String? = nil, subject: String? = nil, creator: String = "Inkstream",
                    creationDate: String) {
            self.title = title
            self.author = author
            self.subject = subject
            self.creator = creator
            self.creationDate = creationDate
        }
    }

    /// `atomic: false` writes straight to `path`, for callers whose path is already a temporary name
    /// they rename themselves (saves a rename per document).
    public init(path: String, info: Info, painter: CairoPainter, atomic: Bool = true) throws(RenderError) {
        self.path = path
        self.temporaryPath = atomic ? FileBytes.hiddenTemporary(path) : path
        self.painter = painter
        surface = cairo_pdf_surface_create(temporaryPath, 612, 792)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            let reason = String(cString: cairo_status_to_string(cairo_surface_status(surface)))
            cairo_surface_destroy(surface)
            throw RenderError("cannot create \(path): \(reason)")
        }
        cr = cairo_create(surface)
        set(CAIRO_PDF_METADATA_CREATE_DATE, info.creationDate)
        set(CAIRO_PDF_METADATA_CREATOR, info.creator)
        if let title = info.title { set(CAIRO_PDF_METADATA_TITLE, title) }
        if let author = info.author { set(CAIRO_PDF_METADATA_AUTHOR, author) }
        if let subject = info.subject { set(CAIRO_PDF_METADATA_SUBJECT, subject) }
    }

    private func set(_ key: cairo_pdf_metadata_t, _ value: String) {
        cairo_pdf_surface_set_metadata(surface, key, value)
    }

    /// Appends every page of `document`.
    public func write(_ document: LaidOutDocument) {
        for page in document.pages {
            cairo_pdf_surface_set_size(surface, document.width, document.height)
            painter.paint(page, on: cr)
            cairo_show_page(cr)
            pageCount += 1
        }
    }

    /// Completes the file and moves it into place.
    public func finish() throws(RenderError) {
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            unlink(temporaryPath)
            throw RenderError("writing \(path) failed: \(String(cString: cairo_status_to_string(status)))")
        }
        if temporaryPath != path { try FileBytes.moveIntoPlace(temporaryPath, path) }
    }
}

public struct RenderError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
