/// Splits one segment's bytes (terminator and line break removed) into id, elements, repetitions, components.
enum X12SegmentParser {
    static func parse(_ bytes: [UInt8], delimiters: X12Delimiters, position: X12Position) -> X12Segment {
        let parts = bytes.split(separator: delimiters.element, omittingEmptySubsequences: false)
        let id = text(parts[0])
        let elements = parts.dropFirst().map { element -> [[String]] in
            let repetitions = delimiters.repetition.map {
                element.split(separator: $0, omittingEmptySubsequences: false)
            } ?? [element]
            return repetitions.map { repetition in
                repetition.split(separator: delimiters.component, omittingEmptySubsequences: false).map(text)
            }
        }
        return X12Segment(id: id, elements: elements, position: position)
    }

    /// The ISA is fixed-width and holds the separators themselves: its values are never split further.
    static func isa(_ values: [[UInt8]], position: X12Position) -> X12Segment {
        X12Segment(id: "ISA", elements: values.map { [[text($0[...])]] }, position: position)
    }

    /// Bytes as text: UTF-8 when valid, else one character per byte (ISO 8859-1) so nothing is lost.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        if let string = String(validating: bytes, as: UTF8.self) { return string }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
