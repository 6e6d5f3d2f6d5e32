import CCairo
import Foundation
import Layout

/// Renders pages to PNG images (designer previews): white background, `dpi` pixels per inch.
public enum PNGRenderer {
    public static func write(_ page: Page, width: Double, height: Double, dpi: Double, to path: String,
                             painter: CairoPainter) throws(RenderError) {
        let scale = dpi / 72
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((width * scale).rounded(.up)),
                                                 Int32((height * scale).rounded(.up)))
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        painter.paint(page, on: cr)
        cairo_destroy(cr)
        let temporary = path + ".tmp-\(getpid())"
        let status = cairo_surface_write_to_png(surface, temporary)
        guard status == CAIRO_STATUS_SUCCESS else {
            unlink(temporary)
            throw RenderError("cannot write \(path): \(String(cString: cairo_status_to_string(status)))")
        }
        guard rename(temporary, path) == 0 else {
            throw RenderError("cannot move \(temporary) to \(path): \(String(cString: strerror(errno)))")
        }
    }
}
