import Templates

/// One laid-out page: drawing operations in painting order, in points from the top-left corner.
/// Pure data (no C pointers), so pages are made on one thread and painted on another.
public struct Page: Sendable {
    package var operations: [DrawOperation] = []
    package init() {}
}

/// A document ready to paint: its pages and what the run needs to know about it.
public struct LaidOutDocument: Sendable {
    package let id: String
    public let width: Double
    public let height: Double
    public var pages: [Page]
    package let metadata: DocumentMetadata
    /// The document's headings in order, for its outline (bookmarks).
    package var headings: [Heading] = []
    /// What did not fit (overflow: warn), in words, for the run's report.
    package var warnings: [String] = []
}

/// A heading of the body (`outline: N` on a paragraph): its level, text, page index and top.
package struct Heading: Sendable, Equatable {
    package let level: Int
    package let title: String
    package let page: Int
    package let y: Double

    package init(level: Int, title: String, page: Int, y: Double) {
        self.level = level
        self.title = title
        self.page = page
        self.y = y
    }

    /// One line of at most 200 characters: an outline entry is a title, not a paragraph.
    package static func clean(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 200 ? String(line.prefix(199)) + "…" : line
    }
}

package struct DocumentMetadata: Sendable, Equatable {
    package var title: String?
    package var author: String?
    package var subject: String?
    /// The delivery bundle the template's `document.bundle` chose; nil: the run's one bundle.
    package var bundle: String?
    /// BCP 47 language of the text ("de-DE"), from the template's locale: the PDF's /Lang.
    package var language: String?
}

package struct Point: Sendable, Equatable {
    package var x: Double, y: Double
    package init(x: Double, y: Double) { self.x = x; self.y = y }
}

package struct Rect: Sendable, Equatable {
    package var x: Double, y: Double, width: Double, height: Double
    package init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
}

/// A step of a path: cubic Bézier curves make arcs (a quarter circle or less each).
package enum PathElement: Sendable, Equatable {
    case move(Point)
    case line(Point)
    case curve(Point, Point, Point)
    case close
}

package enum DrawOperation: Sendable {
    /// Filled rectangles of one colour (a table row, the bars of a chart or of a barcode).
    case fillRects([Rect], Color)
    case strokeRect(Rect, Stroke)
    case line(from: Point, to: Point, Stroke)
    /// Connected segments stroked as one path (joined corners).
    case polyline([Point], Stroke)
    case circle(center: Point, radius: Double, fill: Color?, stroke: Stroke?)
    /// A shape of straight and curved segments (a pie slice, a marker), filled and/or stroked.
    case path([PathElement], fill: Color?, stroke: Stroke?)
    /// Shaped text: glyph runs placed with their baseline origin at `origin`.
    case text(origin: Point, runs: [GlyphRun], color: Color)
    case image(path: String, kind: ImageElement.Kind, Rect)
    /// A clickable area that opens `uri` (a PDF link annotation); nothing is painted.
    case link(Rect, uri: String)
}
