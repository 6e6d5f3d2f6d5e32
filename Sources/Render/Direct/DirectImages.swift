import CCairo
import CRsvg
import Layout
import Templates

/// An image as a direct-written file holds it.
enum PDFImage {
    /// A PNG: an Image XObject (DeviceRGB, 8 bits, Flate) drawn into the unit square, with an /SMask image
    /// when some pixel is not opaque.
    case bitmap(BitmapImage)
    /// An SVG, drawn by librsvg onto a cairo PDF page the size of the rect, imported as a Form XObject.
    case form(ImportedPage)

    /// Objects it takes in the file.
    var objectCount: Int {
        switch self {
        case .bitmap(let b): b.alpha == nil ? 1 : 2
        case .form(let f): 1 + f.objects.count
        }
    }

    var byteCount: Int {
        switch self {
        case .bitmap(let b): b.rgb.count + (b.alpha?.count ?? 0) + 400
        case .form(let f): f.content.count + f.objects.reduce(400) { $0 + $1.body.bytes.count + ($1.data?.count ?? 0) + 40 }
        }
    }
}

struct BitmapImage {
    let width: Int
    let height: Int
    /// Compressed RGB samples, not premultiplied.
    let rgb: [UInt8]
    /// Compressed alpha samples, nil when every pixel is opaque.
    let alpha: [UInt8]?
}

/// The images a writer has prepared, kept for the next documents: a PNG is decoded and compressed once per
/// path, an SVG drawn and imported once per path and size (rsvg fits the SVG into the rect as it sees fit:
/// aspect ratio, preserveAspectRatio, viewBox-only SVGs; drawing it for the rect's size makes the same
/// picture as CairoPainter without second-guessing rsvg). A file that cannot be read is remembered as the
/// error it gave.
final class ImageStore {
    struct Key: Hashable {
        let path: String
        let kind: ImageElement.Kind
        /// The rect's size for an SVG; 0 for a PNG (scaled by the content stream).
        let width: Double
        let height: Double

        init(path: String, kind: ImageElement.Kind, rect: Rect) {
            self.path = path
            self.kind = kind
            width = kind == .svg ? rect.width : 0
            height = kind == .svg ? rect.height : 0
        }
    }

    private var images: [Key: Result<PDFImage, RenderError>] = [:]

    func image(_ key: Key, deflater: Deflater) throws(RenderError) -> PDFImage {
        if let known = images[key] { return try known.get() }
        let made: Result<PDFImage, RenderError>
        do throws(RenderError) {
            switch key.kind {
            case .png: made = .success(.bitmap(try Self.png(key.path, deflater: deflater)))
            case .svg: made = .success(.form(try Self.svg(key.path, width: key.width, height: key.height)))
            }
        } catch {
            made = .failure(error)
        }
        images[key] = made
        return try made.get()
    }

    /// cairo's PNG reader (as CairoPainter uses): ARGB32 premultiplied or RGB24, un-premultiplied here.
    static func png(_ path: String, deflater: Deflater) throws(RenderError) -> BitmapImage {
        guard let surface = cairo_image_surface_create_from_png(path) else { throw RenderError("\(path): cannot read the PNG image") }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError("\(path): cannot read the PNG image (\(String(cString: cairo_status_to_string(status))))")
        }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface)), format = cairo_image_surface_get_format(surface)
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24 else {
            throw RenderError("\(path): unexpected PNG pixel format \(format.rawValue)")
        }
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(surface) else {
            throw RenderError("\(path): empty PNG image")
        }
        let hasAlpha = format == CAIRO_FORMAT_ARGB32
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var alpha = [UInt8](repeating: 255, count: width * height)
        var opaque = true
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let p = row[x]
                var r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255
                let a = hasAlpha ? p >> 24 : 255
                if a < 255 {
                    opaque = false
                    if a == 0 {
                        r = 0; g = 0; b = 0
                    } else {
                        r = min(255, (r * 255 + a / 2) / a)
                        g = min(255, (g * 255 + a / 2) / a)
                        b = min(255, (b * 255 + a / 2) / a)
                    }
                }
                let i = y * width + x
                rgb[3 * i] = UInt8(r)
                rgb[3 * i + 1] = UInt8(g)
                rgb[3 * i + 2] = UInt8(b)
                alpha[i] = UInt8(a)
            }
        }
        return BitmapImage(width: width, height: height, rgb: deflater.compress(rgb), alpha: opaque ? nil : deflater.compress(alpha))
    }

    /// Draws the SVG with librsvg into a `width`×`height` viewport on a one-page cairo PDF in memory, as
    /// CairoPainter draws it into the rect, and imports that page.
    static func svg(_ path: String, width: Double, height: Double) throws(RenderError) -> ImportedPage {
        guard width > 0, height > 0, width.isFinite, height.isFinite else { throw RenderError("\(path): image rect \(width)×\(height)") }
        guard let handle = rsvg_handle_new_from_file(path, nil) else { throw RenderError("\(path): cannot read the SVG image") }
        defer { g_object_unref(handle) }
        let sink = ByteSink()
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), width, height)
        let cr = cairo_create(surface)
        var viewport = RsvgRectangle(x: 0, y: 0, width: width, height: height)
        var error: UnsafeMutablePointer<GError>?
        let drawn = rsvg_handle_render_document(handle, cr, &viewport, &error)
        var message = ""
        if let error {
            message = error.pointee.message.map { String(cString: $0) } ?? ""
            g_error_free(error)
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard drawn != 0 else { throw RenderError("\(path): librsvg cannot draw the SVG image \(message)") }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError("\(path): cairo cannot write the SVG image (\(String(cString: cairo_status_to_string(status))))")
        }
        let bytes = withExtendedLifetime(sink) { sink.bytes }
        do {
            return try ImportedPage(try CairoPDF(bytes), width: width, height: height)
        } catch let error as CairoPDF.FormatError {
            throw RenderError("\(path): cannot import cairo's drawing of the SVG image: \(error.description)")
        } catch let error as ImportedPage.Unsupported {
            throw RenderError("\(path): cannot import cairo's drawing of the SVG image: \(error.description)")
        } catch {
            throw RenderError("\(path): \(error)")
        }
    }

    private final class ByteSink {
        var bytes: [UInt8] = []
    }
}
