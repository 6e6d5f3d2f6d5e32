/// Where a segment (or an error) sits in its file.
public struct X12Position: Hashable, Sendable, CustomStringConvertible {
    /// The file's path as given to the reader.
    public var file: String
    /// 1-based number of the segment in the file (counting every interchange's segments).
    public var index: Int
    /// Offset of the segment's first byte in the file.
    public var byteOffset: Int

    public init(file: String, index: Int, byteOffset: Int) {
        self.file = file
        self.index = index
        self.byteOffset = byteOffset
    }

    public var description: String { "\(file): segment \(index) (byte \(byteOffset))" }
}

/// One segment: its id and its elements, each split into repetitions and components.
///
/// `elements[0]` is the first element after the id (X12 position 01). An empty element is `[[""]]`.
public struct X12Segment: Hashable, Sendable {
    public var id: String
    /// element → repetitions → components.
    public var elements: [[[String]]]
    public var position: X12Position

    public init(id: String, elements: [[[String]]], position: X12Position) {
        self.id = id
        self.elements = elements
        self.position = position
    }

    /// A segment built from plain element values (one repetition, one component each), e.g. for acks.
    public init(_ id: String, _ values: [String], position: X12Position = X12Position(file: "", index: 0, byteOffset: 0)) {
        self.init(id: id, elements: values.map { [[$0]] }, position: position)
    }

    /// Element `element` (1-based), first repetition, first component; nil when absent or empty.
    public subscript(element: Int) -> String? {
        self[element, 1]
    }

    /// Component `component` (1-based) of element `element` (1-based), first repetition; nil when absent or empty.
    public subscript(element: Int, component: Int) -> String? {
        guard element >= 1, element <= elements.count, let first = elements[element - 1].first,
              component >= 1, component <= first.count else { return nil }
        let value = first[component - 1]
        return value.isEmpty ? nil : value
    }

    /// All repetitions of element `element` (1-based), each as its components; empty when absent.
    public func repetitions(_ element: Int) -> [[String]] {
        element >= 1 && element <= elements.count ? elements[element - 1] : []
    }

    /// The same segment without its position, for comparing content read from different places.
    var content: X12Segment {
        X12Segment(id: id, elements: elements, position: X12Position(file: "", index: 0, byteOffset: 0))
    }
}
