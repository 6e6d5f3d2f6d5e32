import Templates

/// One laid-out page: drawing operations in painting order, in points from the top-left corner.
/// Pure data (no C pointers), so pages are made on one thread and painted on another.
public struct Page: Sendable {
    public var operations: [DrawOperation] = []
    public init() {}
}

/// A document ready to paint: its pages and what the run needs to know about it.
public struct LaidOutDocument: Sendable {
    public let id: String
    public let width: Double
    public let height: Double
    public var pages: [Page]
    public let metadata: DocumentMetadata
}

public struct DocumentMetadata: Sendable, Equatable {
    public var title: String?
    public var author: String?
    public var subject: String?
    /// The delivery bundle the template's `document.bundle` chose; nil: the run's one bundle.
    public var bundle: String?
}

public struct Point: Sendable, Equatable {
    public var x: Double, y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
}

public enum DrawOperation: Sendable {
    /// Filled rectangles of one colour (a table row, the bars of a chart or of a barcode).
    case fillRects([Rect], Color)
    case strokeRect(Rect, Stroke)
    case line(from: Point, to: Point, Stroke)
    /// Connected segments stroked as one path (joined corners).
    case polyline([Point], Stroke)
    case circle(center: Point, radius: Double, fill: Color?, stroke: Stroke?)
    /// Shaped text: glyph runs placed with their baseline origin at `origin`.
    case text(origin: Point, runs: [GlyphRun], color: Color)
    case image(path: String, kind: ImageElement.Kind, Rect)
}
