import Layout

/// The objects of one direct-written PDF, numbered up front:
/// 1 catalog, 2 page tree, 3 info, 4 resources (shared by every page), then a page and its content
/// stream for each page, then five objects per font (Type0, CIDFontType2 or 0, descriptor, FontFile2
/// or 3, ToUnicode), then each image: a PNG's image and its soft mask, or an SVG's form and the objects it
/// imported from cairo's drawing.
struct DirectPDFFile {
    /// Width and height of each page, in points.
    let pageSizes: [(width: Double, height: Double)]
    let info: PDFWriter.Info
    /// Compressed content stream of each page.
    let contents: [[UInt8]]
    let fonts: [(font: EmbeddedFont, text: ToUnicodeMap)]
    let alphas: [AlphaState]
    let images: [PDFImage]
    /// Each page's link areas (rects in display-list points) and targets.
    let links: [[(rect: Rect, uri: String)]]
    /// Headings for the outline, with page indices into `contents`.
    let headings: [Heading]
    /// The catalog's /Lang (BCP 47, "de-DE"), when the template has a locale.
    let language: String?
    let deflater: Deflater

    private static let catalog = 1, pageTree = 2, infoObject = 3
    static let resources = 4

    private func page(_ i: Int) -> Int { 5 + 2 * i }
    private func font(_ i: Int) -> Int { 5 + 2 * contents.count + 5 * i }
    /// The first object of each image.
    private var imageObjects: [Int] {
        var next = font(fonts.count)
        return images.map { image in
            defer { next += image.objectCount }
            return next
        }
    }

    /// Link annotations come last, one object each, page by page.
    private var firstAnnotation: Int { font(fonts.count) + images.reduce(0) { $0 + $1.objectCount } }

    func bytes() -> [UInt8] {
        let fontBytes = fonts.reduce(0) { $0 + $1.font.fontFile.count + $1.font.widthArray.count }
        let imageBytes = images.reduce(0) { $0 + $1.byteCount }
        var w = PDFObjectWriter(capacity: contents.reduce(4096 + fontBytes + imageBytes) { $0 + $1.count + 200 },
                                openTypeFonts: fonts.contains { $0.font.outlines == .cff })
        let imageObjects = self.imageObjects
        var annotations: [Int] = []
        var nextAnnotation = firstAnnotation
        for pageLinks in links {
            annotations.append(nextAnnotation)
            nextAnnotation += pageLinks.count
        }
        let outlineRoot = nextAnnotation
        let outline = OutlineTree(headings.map {
            OutlineTree.Entry(level: $0.level, title: $0.title, page: page($0.page), top: pageSizes[$0.page].height - $0.y)
        }, first: outlineRoot + 1, parent: outlineRoot)
        w.object(Self.catalog) { o in
            o.append("<< /Type /Catalog\n   /Pages ")
            o.reference(Self.pageTree)
            if let language {
                o.append("\n   /Lang ")
                o.textString(language)
            }
            if outline.top != nil {
                o.append("\n   /Outlines ")
                o.reference(outlineRoot)
                o.append("\n   /PageMode /UseOutlines")
            }
            o.append("\n>>")
        }
        w.object(Self.pageTree) { o in
            o.append("<< /Type /Pages\n   /Kids [")
            for i in contents.indices {
                o.byte(i % 16 == 15 ? 10 : 32)
                o.reference(page(i))
            }
            o.append(" ]\n   /Count ")
            o.integer(contents.count)
            o.append("\n>>")
        }
        w.object(Self.infoObject) { o in
            o.append("<< /Producer (Inkstream direct PDF writer)\n   /Creator ")
            o.textString(info.creator)
            if let title = info.title { o.append("\n   /Title "); o.textString(title) }
            if let author = info.author { o.append("\n   /Author "); o.textString(author) }
            if let subject = info.subject { o.append("\n   /Subject "); o.textString(subject) }
            o.append("\n   /CreationDate ")
            o.textString(PDFString.date(info.creationDate))
            o.append("\n>>")
        }
        w.object(Self.resources) { o in
            o.append("<<")
            if !fonts.isEmpty { o.namedReferences("Font", prefix: "F", fonts.indices.map(font)) }
            if !alphas.isEmpty {
                o.append("\n   /ExtGState <<")
                for (i, a) in alphas.enumerated() {
                    o.append("\n      /G")
                    o.integer(i + 1)
                    o.append(" << /Type /ExtGState /ca ")
                    o.number(a.fill, decimals: 4)
                    o.append(" /CA ")
                    o.number(a.stroke, decimals: 4)
                    o.append(" >>")
                }
                o.append(" >>")
            }
            if !images.isEmpty {
                o.append("\n  ")
                o.namedReferences("XObject", prefix: "Im", imageObjects)
            }
            o.append(" >>")
        }
        for (i, content) in contents.enumerated() {
            w.object(page(i)) { o in
                o.append("<< /Type /Page\n   /Parent ")
                o.reference(Self.pageTree)
                o.append("\n   /MediaBox [ 0 0 ")
                o.number(pageSizes[i].width)
                o.byte(32)
                o.number(pageSizes[i].height)
                o.append(" ]\n   /Resources ")
                o.reference(Self.resources)
                o.append("\n   /Contents ")
                o.reference(page(i) + 1)
                if !links[i].isEmpty {
                    o.append("\n   /Annots [")
                    for k in links[i].indices {
                        o.byte(32)
                        o.reference(annotations[i] + k)
                    }
                    o.append(" ]")
                }
                o.append("\n>>")
            }
            w.stream(page(i) + 1, content)
        }
        for (i, (embedded, text)) in fonts.enumerated() {
            w.font(font(i), embedded, toUnicode: embedded.toUnicodeStream(text, deflater: deflater))
        }
        for (image, n) in zip(images, imageObjects) {
            switch image {
            case .bitmap(let b):
                w.stream(n, b.rgb) { o in
                    Self.imageEntries(b, "/DeviceRGB", &o)
                    if b.alpha != nil {
                        o.append("   /SMask ")
                        o.reference(n + 1)
                        o.byte(10)
                    }
                }
                if let alpha = b.alpha {
                    w.stream(n + 1, alpha) { o in Self.imageEntries(b, "/DeviceGray", &o) }
                }
            case .form(let f):
                w.stream(n, f.content, filter: false) { o in
                    o.append(f.contentEntries, base: n)
                    o.append("\n   /Type /XObject\n   /Subtype /Form\n   /BBox [ 0 0 ")
                    o.number(f.width)
                    o.byte(32)
                    o.number(f.height)
                    o.append(" ]\n   /Resources ")
                    o.append(f.resources, base: n)
                    o.append("\n>>")
                }
                for (k, object) in f.objects.enumerated() {
                    if let data = object.data {
                        w.stream(n + 1 + k, data, filter: false) { o in o.append(object.body, base: n) }
                    } else {
                        w.object(n + 1 + k) { o in o.append(object.body, base: n) }
                    }
                }
            }
        }
        for (i, pageLinks) in links.enumerated() {
            for (k, link) in pageLinks.enumerated() {
                w.object(annotations[i] + k) { o in
                    Self.linkAnnotation(link.rect, link.uri, pageHeight: pageSizes[i].height, &o)
                }
            }
        }
        if let top = outline.top {
            w.object(outlineRoot) { o in
                o.append("<< /Type /Outlines\n   /First ")
                o.reference(top.first)
                o.append("\n   /Last ")
                o.reference(top.last)
                o.append("\n   /Count ")
                o.integer(headings.count)
                o.append("\n>>")
            }
            outline.write(&w)
        }
        return w.finish(root: Self.catalog, info: Self.infoObject)
    }

    /// A link annotation: no border, the area in PDF coordinates (y up), a URI action. The URI is written
    /// as 7-bit ASCII, other bytes percent-encoded (RFC 3986), as a URI action requires.
    private static func linkAnnotation(_ r: Rect, _ uri: String, pageHeight: Double, _ o: inout PDFBuffer) {
        o.append("<< /Type /Annot /Subtype /Link /Border [ 0 0 0 ]\n   /Rect [ ")
        o.number(r.x)
        o.byte(32)
        o.number(pageHeight - r.y - r.height)
        o.byte(32)
        o.number(r.x + r.width)
        o.byte(32)
        o.number(pageHeight - r.y)
        o.append(" ]\n   /A << /S /URI /URI (")
        for byte in uri.utf8 {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                o.byte(UInt8(ascii: "\\"))
                o.byte(byte)
            case 0x21...0x7E: o.byte(byte)
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                o.byte(UInt8(ascii: "%"))
                o.byte(hex[Int(byte >> 4)])
                o.byte(hex[Int(byte & 15)])
            }
        }
        o.append(") >>\n>>")
    }

    private static func imageEntries(_ b: BitmapImage, _ colorSpace: StaticString, _ o: inout PDFBuffer) {
        o.append("   /Type /XObject\n   /Subtype /Image\n   /Width ")
        o.integer(b.width)
        o.append("\n   /Height ")
        o.integer(b.height)
        o.append("\n   /ColorSpace ")
        o.append(colorSpace)
        o.append("\n   /BitsPerComponent 8\n   /Interpolate true\n")
    }
}
