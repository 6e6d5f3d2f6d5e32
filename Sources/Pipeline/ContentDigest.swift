import Crypto
import Journal
import Layout
import Templates

/// SHA-256 of what a document shows: every page's drawing operations, glyph ids and positions, fonts by
/// file, colours, images by file. Independent of the container, so a document inside a print stream and
/// the same document reprinted on its own have the same digest; with the engine and fonts fixed, the
/// same digest means the same painted pages.
enum ContentDigest {
    static func sha256(_ document: LaidOutDocument) -> String {
        withUnsafeTemporaryAllocation(byteCount: DigestWriter.capacity, alignment: 8) { storage in
            var w = DigestWriter(storage: storage.baseAddress!)
            w.text(document.id)
            w.number(document.width)
            w.number(document.height)
            w.text(document.metadata.title ?? "")
            w.text(document.metadata.author ?? "")
            w.text(document.metadata.subject ?? "")
            w.integer(document.pages.count)
            for page in document.pages {
                w.integer(page.operations.count)
                for operation in page.operations { w.operation(operation) }
            }
            return w.finish()
        }
    }
}

/// Fixed-width values are stored straight into a stack buffer that is hashed when full (appending them
/// to an array one `withUnsafeBytes` at a time cost 4% of a per-document run).
private struct DigestWriter {
    static let capacity = 1 << 14
    private var hasher = SHA256()
    private let storage: UnsafeMutableRawPointer
    private var count = 0
    /// Fonts in order of first use in this document: a font's file is hashed once, then its number.
    private var fonts: [FontID: Int] = [:]

    init(storage: UnsafeMutableRawPointer) { self.storage = storage }

    mutating func finish() -> String {
        flush()
        return hasher.finalize().hex
    }

    private mutating func flush() {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: storage, count: count))
        count = 0
    }

    @inline(__always) private mutating func put<T: FixedWidthInteger>(_ value: T) {
        if count + MemoryLayout<T>.size > Self.capacity { flush() }
        storage.storeBytes(of: value.littleEndian, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
    }

    mutating func byte(_ b: UInt8) { put(b) }

    mutating func integer(_ v: Int) { put(Int64(v)) }

    mutating func number(_ v: Double) { put(v.bitPattern) }

    mutating func text(_ s: String) {
        integer(s.utf8.count)
        var s = s
        s.withUTF8 { utf8 in
            if count + utf8.count > Self.capacity { flush() }
            if utf8.count > Self.capacity {
                hasher.update(bufferPointer: UnsafeRawBufferPointer(utf8))
                return
            }
            if let base = utf8.baseAddress { (storage + count).copyMemory(from: base, byteCount: utf8.count) }
            count += utf8.count
        }
    }

    mutating func point(_ p: Point) { number(p.x); number(p.y) }
    mutating func rect(_ r: Rect) { number(r.x); number(r.y); number(r.width); number(r.height) }
    mutating func color(_ c: Color) { number(c.red); number(c.green); number(c.blue); number(c.alpha) }
    mutating func stroke(_ s: Stroke) {
        color(s.color)
        number(s.width)
        integer(s.dash.count)
        for d in s.dash { number(d) }
    }

    mutating func operation(_ operation: DrawOperation) {
        switch operation {
        case .fillRects(let rects, let c):
            byte(1); integer(rects.count)
            for r in rects { rect(r) }
            color(c)
        case .strokeRect(let r, let s):
            byte(2); rect(r); stroke(s)
        case .line(let from, let to, let s):
            byte(3); point(from); point(to); stroke(s)
        case .polyline(let points, let s):
            byte(4); integer(points.count)
            for p in points { point(p) }
            stroke(s)
        case .circle(let center, let radius, let fill, let s):
            byte(5); point(center); number(radius)
            if let fill { byte(1); color(fill) } else { byte(0) }
            if let s { byte(1); stroke(s) } else { byte(0) }
        case .path(let elements, let fill, let s):
            byte(9); integer(elements.count)
            for element in elements {
                switch element {
                case .move(let p): byte(1); point(p)
                case .line(let p): byte(2); point(p)
                case .curve(let a, let b, let c): byte(3); point(a); point(b); point(c)
                case .close: byte(4)
                }
            }
            if let fill { byte(1); color(fill) } else { byte(0) }
            if let s { byte(1); stroke(s) } else { byte(0) }
        case .text(let origin, let runs, let c):
            byte(6); point(origin); color(c); integer(runs.count)
            for run in runs {
                font(run.font)
                number(run.size); number(run.x); number(run.y)
                integer(run.glyphs.count)
                for g in run.glyphs {
                    put(g.id)
                    put(g.x.bitPattern)
                    put(g.y.bitPattern)
                }
                text(run.text)
                integer(run.clusters.count)
                for c in run.clusters { integer(Int(c.bytes)); integer(Int(c.glyphs)) }
            }
        case .image(let path, let kind, let r):
            byte(7); text(path); text(kind.rawValue); rect(r)
        case .link(let r, let uri):
            byte(8); rect(r); text(uri)
        }
    }

    /// Fonts by file (the registry's ids differ from one process to the next): the file the first time a
    /// document uses a font, its number in order of first use after that.
    private mutating func font(_ id: FontID) {
        if let number = fonts[id] {
            integer(number)
            return
        }
        fonts[id] = fonts.count
        let file = FontRegistry.shared.file(for: id)
        integer(-1)
        text("\(file.path)#\(file.index)")
    }
}
