/// What we write back to a partner is pure ASCII with usable delimiters, whatever came in: acknowledgements
/// copy the partner's ids, control numbers and (AK404 / IK404) the bad element itself, and a partner's file
/// can hold non-ASCII spaces in its ids, a delimiter or a line break inside a value, or a segment
/// terminator that is not ASCII at all. Copied text keeps its printable ASCII; anything else (and the ack's
/// own delimiters) becomes a space, so fixed-width ISA fields keep their width and no value can end a segment.
package enum X12AckText {
    /// The inbound's delimiters where they are printable ASCII (or the usual line-break terminators),
    /// otherwise the common ones: `*` `>` `~` and, from 00402 on, `^`.
    static func delimiters(answering inbound: X12Delimiters) -> X12Delimiters {
        let usable: (UInt8) -> Bool = { $0 >= 0x21 && $0 <= 0x7E && !isAlphanumeric($0) }
        let terminatorUsable = usable(inbound.segment) || inbound.segment == 0x0A || inbound.segment == 0x0D
        let all = [inbound.element, inbound.component] + (inbound.repetition.map { [$0] } ?? [])
        if terminatorUsable, all.allSatisfy(usable) { return inbound }
        return X12Delimiters(element: 0x2A, repetition: inbound.repetition == nil ? nil : 0x5E, component: 0x3E,
                             segment: 0x7E, lineBreak: inbound.lineBreak)
    }

    /// `value` with every character that is not printable ASCII, or is one of `delimiters`, turned into a space.
    static func clean(_ value: String, avoiding delimiters: X12Delimiters) -> String {
        let reserved = Set([delimiters.element, delimiters.component, delimiters.segment] + (delimiters.repetition.map { [$0] } ?? []))
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            let printable = scalar.value >= 0x20 && scalar.value <= 0x7E && !reserved.contains(UInt8(scalar.value))
            scalars.append(printable ? scalar : " ")
        }
        return String(scalars)
    }

    /// Every element after the ISA cleaned for the interchange's delimiters.
    package static func cleaned(_ interchange: X12Interchange) -> X12Interchange {
        let d = interchange.delimiters
        func clean(_ segment: X12Segment) -> X12Segment {
            var copy = segment
            copy.elements = segment.elements.map { $0.map { $0.map { Self.clean($0, avoiding: d) } } }
            return copy
        }
        var out = interchange
        // The ISA was built clean (its ISA11 and ISA16 *are* delimiters, which cleaning would blank).
        out.ta1 = interchange.ta1.map(clean)
        out.groups = interchange.groups.map { group in
            var g = group
            g.gs = clean(group.gs)
            g.ge = group.ge.map(clean)
            g.sets = group.sets.map { set in
                var s = set
                s.st = clean(set.st)
                s.segments = set.segments.map(clean)
                s.se = set.se.map(clean)
                return s
            }
            return g
        }
        out.iea = interchange.iea.map(clean)
        return out
    }
}
