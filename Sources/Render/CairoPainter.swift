import CCairo
import CRsvg
import Layout
import Templates

/// Paints display-list pages onto a cairo context. Owns the cairo fonts and images it has opened; one
/// painter per thread, reused across documents and surfaces.
public final class CairoPainter {
    private var faces: [FontID: OpaquePointer] = [:]
    private var scaledFonts: [ScaledFontKey: OpaquePointer] = [:]
    private var pngs: [String: OpaquePointer] = [:]
    private var svgs: [String: UnsafeMutablePointer<RsvgHandle>] = [:]
    private let fontOptions: OpaquePointer
    private var glyphBuffer: [cairo_glyph_t] = []
    private var clusterBuffer: [cairo_text_cluster_t] = []

    private struct ScaledFontKey: Hashable {
        let font: FontID
        let size: Double
    }

    public init() {
        fontOptions = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(fontOptions, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(fontOptions, CAIRO_HINT_STYLE_NONE)
    }

    deinit {
        for font in scaledFonts.values { cairo_scaled_font_destroy(font) }
        for face in faces.values { cairo_font_face_destroy(face) }
        for image in pngs.values { cairo_surface_destroy(image) }
        for handle in svgs.values { g_object_unref(handle) }
        cairo_font_options_destroy(fontOptions)
    }

    /// Paints one page; `cr` is a context on a surface the caller owns.
    func paint(_ page: Page, on cr: OpaquePointer) {
        for operation in page.operations {
            switch operation {
            case .fillRects(let rects, let color):
                setColor(color, cr)
                for r in rects { cairo_rectangle(cr, r.x, r.y, r.width, r.height) }
                cairo_fill(cr)
            case .strokeRect(let r, let stroke):
                setStroke(stroke, cr)
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                cairo_stroke(cr)
                clearDash(stroke, cr)
            case .line(let from, let to, let stroke):
                setStroke(stroke, cr)
                cairo_move_to(cr, from.x, from.y)
                cairo_line_to(cr, to.x, to.y)
                cairo_stroke(cr)
                clearDash(stroke, cr)
            case .polyline(let points, let stroke):
                guard let first = points.first else { continue }
                setStroke(stroke, cr)
                cairo_move_to(cr, first.x, first.y)
                for point in points.dropFirst() { cairo_line_to(cr, point.x, point.y) }
                cairo_stroke(cr)
                clearDash(stroke, cr)
            case .circle(let center, let radius, let fill, let stroke):
                cairo_new_path(cr)
                cairo_arc(cr, center.x, center.y, radius, 0, 2 * Double.pi)
                if let fill {
                    setColor(fill, cr)
                    if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
                }
                if let stroke {
                    setStroke(stroke, cr)
                    cairo_stroke(cr)
                    clearDash(stroke, cr)
                }
            case .path(let elements, let fill, let stroke):
                cairo_new_path(cr)
                for element in elements {
                    switch element {
                    case .move(let p): cairo_move_to(cr, p.x, p.y)
                    case .line(let p): cairo_line_to(cr, p.x, p.y)
                    case .curve(let a, let b, let c): cairo_curve_to(cr, a.x, a.y, b.x, b.y, c.x, c.y)
                    case .close: cairo_close_path(cr)
                    }
                }
                if let fill {
                    setColor(fill, cr)
                    if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
                }
                if let stroke {
                    setStroke(stroke, cr)
                    cairo_stroke(cr)
                    clearDash(stroke, cr)
                }
            case .text(let origin, let runs, let color):
                setColor(color, cr)
                for run in runs { show(run, at: origin, cr) }
            case .image(let path, let kind, let rect):
                switch kind {
                case .png: paintPNG(path, rect, cr)
                case .svg: paintSVG(path, rect, cr)
                }
            case .link:
                // Not drawn, and not written: cairo 1.16's link tags (CAIRO_TAG_LINK) leave the PDF's
                // cross-reference table pointing at the wrong objects (qpdf: "file is damaged"), with or
                // without a rect. The cairo writer is the reference for text, fonts and pages; links are
                // the direct writer's.
                break
            }
        }
    }

    private func setColor(_ c: Color, _ cr: OpaquePointer) {
        if c.alpha >= 1 { cairo_set_source_rgb(cr, c.red, c.green, c.blue) } else { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }
    }

    private func setStroke(_ s: Stroke, _ cr: OpaquePointer) {
        setColor(s.color, cr)
        cairo_set_line_width(cr, s.width)
        if !s.dash.isEmpty { s.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) } }
    }

    private func clearDash(_ s: Stroke, _ cr: OpaquePointer) {
        if !s.dash.isEmpty { cairo_set_dash(cr, nil, 0, 0) }
    }

    private func show(_ run: GlyphRun, at origin: Point, _ cr: OpaquePointer) {
        guard !run.glyphs.isEmpty, let font = scaledFont(run.font, run.size) else { return }
        cairo_set_scaled_font(cr, font)
        let x0 = origin.x + run.x, y0 = origin.y + run.y
        glyphBuffer.removeAll(keepingCapacity: true)
        for g in run.glyphs {
            glyphBuffer.append(cairo_glyph_t(index: UInt(g.id), x: x0 + Double(g.x), y: y0 + Double(g.y)))
        }
        if run.clusters.isEmpty {
            glyphBuffer.withUnsafeBufferPointer { cairo_show_glyphs(cr, $0.baseAddress, Int32($0.count)) }
            return
        }
        clusterBuffer.removeAll(keepingCapacity: true)
        for c in run.clusters { clusterBuffer.append(cairo_text_cluster_t(num_bytes: c.bytes, num_glyphs: c.glyphs)) }
        var text = run.text
        text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                glyphBuffer.withUnsafeBufferPointer { glyphs in
                    clusterBuffer.withUnsafeBufferPointer { clusters in
                        cairo_show_text_glyphs(cr, chars.baseAddress, Int32(chars.count), glyphs.baseAddress, Int32(glyphs.count),
                                               clusters.baseAddress, Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
                    }
                }
            }
        }
    }

    private func scaledFont(_ id: FontID, _ size: Double) -> OpaquePointer? {
        let key = ScaledFontKey(font: id, size: size)
        if let font = scaledFonts[key] { return font }
        let face: OpaquePointer
        if let cached = faces[id] {
            face = cached
        } else {
            let file = FontRegistry.shared.file(for: id)
            guard !file.path.isEmpty, let created = inkstream_cairo_face_for_file(file.path, file.index) else { return nil }
            faces[id] = created
            face = created
        }
        var matrix = cairo_matrix_t(), identity = cairo_matrix_t()
        cairo_matrix_init_scale(&matrix, size, size)
        cairo_matrix_init_identity(&identity)
        guard let font = cairo_scaled_font_create(face, &matrix, &identity, fontOptions) else { return nil }
        scaledFonts[key] = font
        return font
    }

    private func paintPNG(_ path: String, _ rect: Rect, _ cr: OpaquePointer) {
        let image: OpaquePointer
        if let cached = pngs[path] {
            image = cached
        } else {
            guard let loaded = cairo_image_surface_create_from_png(path), cairo_surface_status(loaded) == CAIRO_STATUS_SUCCESS else { return }
            pngs[path] = loaded
            image = loaded
        }
        let w = Double(cairo_image_surface_get_width(image)), h = Double(cairo_image_surface_get_height(image))
        guard w > 0, h > 0 else { return }
        cairo_save(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / w, rect.height / h)
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    private func paintSVG(_ path: String, _ rect: Rect, _ cr: OpaquePointer) {
        let handle: UnsafeMutablePointer<RsvgHandle>
        if let cached = svgs[path] {
            handle = cached
        } else {
            guard let loaded = rsvg_handle_new_from_file(path, nil) else { return }
            svgs[path] = loaded
            handle = loaded
        }
        var viewport = RsvgRectangle(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        cairo_save(cr)
        _ = rsvg_handle_render_document(handle, cr, &viewport, nil)
        cairo_restore(cr)
    }
}
