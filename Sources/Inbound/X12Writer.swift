/// Writes interchanges back out: the exact inverse of `X12Reader` for what it reads (segments, delimiters
/// and the line break after each terminator).
public enum X12Writer {
    /// The interchange as bytes: ISA, TA1s, each group's GS, sets and GE, then IEA (trailers that were missing stay missing).
    public static func serialize(_ interchange: X12Interchange) -> [UInt8] {
        let delimiters = interchange.delimiters
        var out: [UInt8] = []
        append(interchange.isa, delimiters, to: &out)
        for ta1 in interchange.ta1 { append(ta1, delimiters, to: &out) }
        for group in interchange.groups {
            append(group.gs, delimiters, to: &out)
            for set in group.sets {
                append(set.st, delimiters, to: &out)
                for segment in set.segments { append(segment, delimiters, to: &out) }
                if let se = set.se { append(se, delimiters, to: &out) }
            }
            if let ge = group.ge { append(ge, delimiters, to: &out) }
        }
        if let iea = interchange.iea { append(iea, delimiters, to: &out) }
        return out
    }

    /// One segment with its terminator and line break.
    public static func serialize(_ segment: X12Segment, _ delimiters: X12Delimiters) -> [UInt8] {
        var out: [UInt8] = []
        append(segment, delimiters, to: &out)
        return out
    }

    private static func append(_ segment: X12Segment, _ delimiters: X12Delimiters, to out: inout [UInt8]) {
        out += Array(segment.id.utf8)
        for element in segment.elements {
            out.append(delimiters.element)
            for (r, repetition) in element.enumerated() {
                // Only the ISA (never split) or a pre-00402 interchange can lack a repetition separator.
                if r > 0, let separator = delimiters.repetition { out.append(separator) }
                for (c, component) in repetition.enumerated() {
                    if c > 0 { out.append(delimiters.component) }
                    out += bytes(component)
                }
            }
        }
        out.append(delimiters.segment)
        out += Array(delimiters.lineBreak.utf8)
    }

    /// Text as UTF-8 (bytes the reader could not decode as UTF-8 and read as ISO 8859-1 come back as UTF-8).
    private static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }
}
