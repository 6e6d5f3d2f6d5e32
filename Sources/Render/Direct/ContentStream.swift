import Layout
import Templates

/// A font as a page's content stream uses it: its resource name number, its subset (nil in a print-stream
/// piece, whose content keeps the original glyph numbers for the stream's one font) and the advance widths
/// indexed by the glyph numbers the content stream writes.
struct PageFont {
    let resource: Int
    let subset: EmbeddedFont?
    let widths: [Int]

    init(resource: Int, font: EmbeddedFont) {
        self.resource = resource
        subset = font
        widths = font.widths
    }

    init(resource: Int, originalWidths: [Int]) {
        self.resource = resource
        subset = nil
        widths = originalWidths
    }
}

/// An image as a page's content stream places it: its resource name number (/ImN), and whether it is a
/// form the size of its rect (an SVG) rather than an image in the unit square (a PNG).
struct PageImage {
    let resource: Int
    let isForm: Bool
}

/// Translucency of one operation: fill (/ca) and stroke (/CA) alpha, each < 1 when it matters.
struct AlphaState: Hashable {
    let fill: Double
    let stroke: Double
}

/// Turns the drawing operations of one page into PDF content-stream operators, painting like
/// CairoPainter: the same paths, colours, strokes and glyph positions. Display-list coordinates are
/// points from the top-left, y down; PDF's are from the bottom-left, so every y becomes `height - y`.
struct ContentStream {
    private(set) var out = PDFBuffer(capacity: 16_384)
    private let height: Double
    private var state = GraphicsState()

    /// What the stream has set so far, to leave out operators that change nothing.
    private struct GraphicsState {
        var fill = (0.0, 0.0, 0.0)
        var stroke = (0.0, 0.0, 0.0)
        var lineWidth = 1.0
        var dash: [Double] = []
    }

    init(height: Double) { self.height = height }

    /// Appends one operation. `font` finds a run's font (nil: the run is not drawn, as cairo skips fonts it
    /// cannot open); `alpha` names the ExtGState for a translucent operation; `image` finds an image's XObject.
    mutating func draw(_ operation: DrawOperation, font: (FontID) -> PageFont?, alpha: (AlphaState) -> Int,
                       image: (String, ImageElement.Kind, Rect) -> PageImage?) {
        let translucency = Self.alpha(of: operation)
        let saved = state
        if let translucency {
            out.append("q /G")
            out.integer(alpha(translucency))
            out.append(" gs\n")
        }
        switch operation {
        case .fillRects(let rects, let color):
            guard !rects.isEmpty else { break }
            setFill(color)
            for r in rects {
                rectangle(r)
                out.append(" re\n")
            }
            out.append("f\n")
        case .strokeRect(let r, let stroke):
            setStroke(stroke)
            rectangle(r)
            out.append(" re S\n")
        case .line(let from, let to, let stroke):
            setStroke(stroke)
            point(from.x, from.y)
            out.append(" m ")
            point(to.x, to.y)
            out.append(" l S\n")
        case .polyline(let points, let stroke):
            guard let first = points.first else { break }
            setStroke(stroke)
            point(first.x, first.y)
            out.append(" m")
            for (i, p) in points.dropFirst().enumerated() {
                out.byte(i % 6 == 5 ? 10 : 32)
                point(p.x, p.y)
                out.append(" l")
            }
            out.append(" S\n")
        case .circle(let center, let radius, let fill, let stroke):
            guard fill != nil || stroke != nil else { break }
            if let fill { setFill(fill) }
            if let stroke { setStroke(stroke) }
            circle(center, radius)
            out.append(fill == nil ? "S\n" : stroke == nil ? "f\n" : "B\n")
        case .path(let elements, let fill, let stroke):
            guard fill != nil || stroke != nil, !elements.isEmpty else { break }
            if let fill { setFill(fill) }
            if let stroke { setStroke(stroke) }
            for element in elements {
                switch element {
                case .move(let p): point(p.x, p.y); out.append(" m\n")
                case .line(let p): point(p.x, p.y); out.append(" l\n")
                case .curve(let a, let b, let c): curve(a.x, a.y, b.x, b.y, c.x, c.y)
                case .close: out.append("h\n")
                }
            }
            out.append(fill == nil ? "S\n" : stroke == nil ? "f\n" : "B\n")
        case .text(let origin, let runs, let color):
            setFill(color)
            text(origin, runs, font)
        case .image(let path, let kind, let r):
            guard r.width > 0, r.height > 0, let placed = image(path, kind, r) else { break }
            // An image fills the unit square, so it is scaled to the rect; a form is already the rect's size.
            // Either way its bottom-left corner goes to the rect's (y-down) bottom-left.
            out.append("q ")
            if placed.isForm {
                out.append("1 0 0 1 ")
            } else {
                out.number(r.width)
                out.append(" 0 0 ")
                out.number(r.height)
                out.byte(32)
            }
            point(r.x, r.y + r.height)
            out.append(" cm /Im")
            out.integer(placed.resource)
            out.append(" Do Q\n")
        case .link:
            break   // an annotation of the page, not content
        }
        if translucency != nil {
            out.append("Q\n")
            state = saved
        }
    }

    /// The alpha an operation needs through an ExtGState, or nil when it is opaque.
    static func alpha(of operation: DrawOperation) -> AlphaState? {
        var fill = 1.0, stroke = 1.0
        switch operation {
        case .fillRects(_, let c), .text(_, _, let c): fill = c.alpha
        case .strokeRect(_, let s), .line(_, _, let s), .polyline(_, let s): stroke = s.color.alpha
        case .circle(_, _, let f, let s), .path(_, let f, let s):
            fill = f?.alpha ?? 1
            stroke = s?.color.alpha ?? 1
        case .image, .link: break
        }
        guard fill < 1 || stroke < 1 else { return nil }
        return AlphaState(fill: max(0, min(1, fill)), stroke: max(0, min(1, stroke)))
    }

    // MARK: State

    private mutating func setFill(_ c: Color) {
        guard state.fill != (c.red, c.green, c.blue) else { return }
        state.fill = (c.red, c.green, c.blue)
        color(c)
        out.append(" rg\n")
    }

    private mutating func setStroke(_ s: Stroke) {
        let c = s.color
        if state.stroke != (c.red, c.green, c.blue) {
            state.stroke = (c.red, c.green, c.blue)
            color(c)
            out.append(" RG\n")
        }
        if state.lineWidth != s.width {
            state.lineWidth = s.width
            out.number(s.width)
            out.append(" w\n")
        }
        if state.dash != s.dash {
            state.dash = s.dash
            out.byte(UInt8(ascii: "["))
            for (i, d) in s.dash.enumerated() {
                if i > 0 { out.byte(32) }
                out.number(d)
            }
            out.append("] 0 d\n")
        }
    }

    private mutating func color(_ c: Color) {
        out.number(c.red, decimals: 4)
        out.byte(32)
        out.number(c.green, decimals: 4)
        out.byte(32)
        out.number(c.blue, decimals: 4)
    }

    // MARK: Paths

    private mutating func point(_ x: Double, _ y: Double) {
        out.number(x)
        out.byte(32)
        out.number(height - y)
    }

    /// `x y w -h re`: from the top-left corner, right, then down the page, as cairo_rectangle goes (which
    /// decides where a dash pattern starts).
    private mutating func rectangle(_ r: Rect) {
        point(r.x, r.y)
        out.byte(32)
        out.number(r.width)
        out.byte(32)
        out.number(-r.height)
    }

    /// cairo_arc(center, radius, 0, 2π) as four Bézier quarters, from angle 0 towards +y (down the page).
    private mutating func circle(_ c: Point, _ r: Double) {
        let k = 0.552_284_749_830_793_4 * r
        point(c.x + r, c.y)
        out.append(" m\n")
        curve(c.x + r, c.y + k, c.x + k, c.y + r, c.x, c.y + r)
        curve(c.x - k, c.y + r, c.x - r, c.y + k, c.x - r, c.y)
        curve(c.x - r, c.y - k, c.x - k, c.y - r, c.x, c.y - r)
        curve(c.x + k, c.y - r, c.x + r, c.y - k, c.x + r, c.y)
    }

    private mutating func curve(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x3: Double, _ y3: Double) {
        point(x1, y1)
        out.byte(32)
        point(x2, y2)
        out.byte(32)
        point(x3, y3)
        out.append(" c\n")
    }

    // MARK: Text

    /// One BT…ET for the operation. Each run starts with a text matrix at its first glyph; glyphs on the
    /// same baseline follow in one TJ, with an adjustment wherever a glyph's position differs from where
    /// the previous glyph's /W advance left the pen (the pen follows the rounded adjustment actually
    /// written, so rounding never accumulates). A glyph off the baseline starts a new text matrix.
    private mutating func text(_ origin: Point, _ runs: [GlyphRun], _ font: (FontID) -> PageFont?) {
        out.append("BT\n")
        var currentFont = -1, currentSize = -1.0
        for run in runs where !run.glyphs.isEmpty {
            guard let pageFont = font(run.font) else { continue }
            if pageFont.resource != currentFont || run.size != currentSize {
                currentFont = pageFont.resource
                currentSize = run.size
                out.append("/F")
                out.integer(pageFont.resource)
                out.byte(32)
                out.number(run.size)
                out.append(" Tf\n")
            }
            let subset = pageFont.subset, widths = pageFont.widths
            let x0 = origin.x + run.x, y0 = origin.y + run.y
            // Glyphs a script reorders or combines (Devanagari's vowel signs, conjuncts) cannot be mapped back
            // to text one glyph at a time: the run says what it shows as a whole (/ActualText).
            let actualText = Self.needsActualText(run)
            if actualText { actualTextBegin(run.text) }
            let unitsPerPoint = 1000 / run.size, pointsPerUnit = run.size / 1000
            var open = false
            var pen = 0.0, baseline = 0.0
            for g in run.glyphs {
                let x = x0 + Double(g.x), y = height - (y0 + Double(g.y))
                if !open || y != baseline {
                    if open { out.append(">] TJ\n") }
                    out.append("1 0 0 1 ")
                    out.number(x)
                    out.byte(32)
                    out.number(y)
                    out.append(" Tm\n[<")
                    pen = Self.rounded(x)
                    baseline = y
                    open = true
                } else {
                    let adjustment = ((pen - x) * unitsPerPoint).rounded()
                    if adjustment != 0 {
                        out.byte(UInt8(ascii: ">"))
                        out.integer(Int(adjustment))
                        out.byte(UInt8(ascii: "<"))
                        pen -= adjustment * pointsPerUnit
                    }
                }
                let new = subset?.newGlyph(g.id) ?? UInt16(truncatingIfNeeded: g.id)
                out.hex4(new)
                pen += Double(Int(new) < widths.count ? widths[Int(new)] : 0) * pointsPerUnit
            }
            if open { out.append(">] TJ\n") }
            if actualText { out.append("EMC\n") }
        }
        out.append("ET\n")
    }

    /// A run with a cluster of several glyphs for several characters (a conjunct, a reordered vowel sign).
    static func needsActualText(_ run: GlyphRun) -> Bool {
        // Most runs (Latin, Cyrillic, CJK) have one glyph a cluster: decided without touching the text.
        guard run.clusters.contains(where: { $0.glyphs > 1 }) else { return false }
        var bytes = Array(run.text.utf8)[...]
        for cluster in run.clusters {
            let text = bytes.prefix(Int(cluster.bytes))
            bytes = bytes.dropFirst(Int(cluster.bytes))
            guard cluster.glyphs > 1 else { continue }
            // More than one character: UTF-8 lead bytes.
            if text.filter({ $0 & 0xC0 != 0x80 }).count > 1 { return true }
        }
        return false
    }

    /// `/Span << /ActualText <FEFF…> >> BDC`: the run's text in UTF-16BE.
    private mutating func actualTextBegin(_ text: String) {
        out.append("/Span << /ActualText <FEFF")
        for unit in text.utf16 { out.hex4(unit) }
        out.append("> >> BDC\n")
    }

    /// A coordinate as `number(_:)` writes it (3 decimals), so the pen starts where the text matrix put it.
    private static func rounded(_ v: Double) -> Double { (v * 1000).rounded(.toNearestOrAwayFromZero) / 1000 }
}
