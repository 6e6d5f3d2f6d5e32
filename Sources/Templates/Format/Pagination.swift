/// Where a flow item may not be split from its neighbours or across pages. Written on the item:
/// `page_break_before: true | odd`, `page_break_after: true | odd`, `keep_with_next`, `keep_together`,
/// `widows` and `orphans` (minimum lines of a paragraph or list item at the top and foot of a page).
package struct Pagination: Sendable, Equatable {
    package var breakBefore: PageBreak = .none
    package var breakAfter: PageBreak = .none
    /// The item stays on the page where the next item starts (a heading with its first lines).
    package var keepWithNext = false
    /// All of the item's lines on one page, when they fit on one.
    package var keepTogether = false
    /// 1 is no control: any number of lines may be left alone.
    package var widows = 1
    package var orphans = 1

    package init() {}

    static let keys: Set<String> = ["page_break_before", "page_break_after", "keep_with_next", "keep_together", "widows", "orphans"]
}

/// A page break: none, to the next page, or to the next odd (right-hand) page, leaving a blank page
/// when needed (a section of a duplex-printed packet starts on the front of a sheet).
package enum PageBreak: Sendable, Equatable {
    case none, page, oddPage
}

extension TemplateNode {
    /// `true`/`false`, or `odd`.
    func pageBreak(_ key: String) throws(TemplateError) -> PageBreak {
        guard let node = self[key] else { return .none }
        if node.string == "odd" { return .oddPage }
        if node.string == "page" { return .page }
        guard let flag = try? node.requireBool() else {
            throw node.error("\(key) is true, false or odd (a new page, or the next odd page)")
        }
        return flag ? .page : .none
    }

    /// The pagination keys of a flow item; `keepWithNext` is the default for `keep_with_next` (headings keep).
    func pagination(keepWithNext: Bool = false) throws(TemplateError) -> Pagination {
        var p = Pagination()
        p.breakBefore = try pageBreak("page_break_before")
        p.breakAfter = try pageBreak("page_break_after")
        p.keepWithNext = try bool("keep_with_next", default: keepWithNext)
        p.keepTogether = try bool("keep_together", default: false)
        for key in ["widows", "orphans"] {
            let value = try number(key, default: 1)
            guard value >= 1, value <= 100, value == value.rounded() else {
                throw self[key]!.error("\(key) is a whole number of lines from 1 (no control) to 100")
            }
            if key == "widows" { p.widows = Int(value) } else { p.orphans = Int(value) }
        }
        return p
    }
}
