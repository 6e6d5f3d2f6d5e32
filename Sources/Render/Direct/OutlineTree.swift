import Layout

/// PDF outline items (bookmarks) for a list of headings with levels, as a tree: a heading belongs under the
/// nearest earlier heading of a lower level. Items are numbered `first`, `first + 1`, … in order, so each
/// item's /Parent, /First, /Last, /Prev and /Next are known without lookups. Every item is open.
struct OutlineTree {
    struct Entry {
        let level: Int
        let title: String
        /// The page object the entry opens, and the y (PDF coordinates, up) to show at the top.
        let page: Int
        let top: Double?
        /// The title is already PDF string syntax (read back from the stream's outline spool).
        var literalTitle = false
    }

    struct Node {
        var parent: Int
        var first: Int?
        var last: Int?
        var prev: Int?
        var next: Int?
        /// Descendants, for /Count.
        var descendants = 0
    }

    let entries: [Entry]
    let first: Int
    let parent: Int
    /// Per entry, its links.
    private(set) var nodes: [Node] = []
    /// The top-level items: the parent's /First and /Last, and how many items there are in all.
    private(set) var top: (first: Int, last: Int)?

    init(_ entries: [Entry], first: Int, parent: Int) {
        self.entries = entries
        self.first = first
        self.parent = parent
        var stack: [(level: Int, index: Int)] = []
        var lastChild: [Int: Int] = [:]   // parent object → its last child's index so far
        for (i, entry) in entries.enumerated() {
            while let top = stack.last, top.level >= entry.level { stack.removeLast() }
            let parentObject = stack.last.map { first + $0.index } ?? parent
            var node = Node(parent: parentObject)
            if let previous = lastChild[parentObject] {
                node.prev = first + previous
                nodes[previous].next = first + i
            } else if let p = stack.last {
                nodes[p.index].first = first + i
            }
            if let p = stack.last { nodes[p.index].last = first + i }
            for ancestor in stack { nodes[ancestor.index].descendants += 1 }
            lastChild[parentObject] = i
            nodes.append(node)
            stack.append((entry.level, i))
        }
        let roots = nodes.indices.filter { nodes[$0].parent == parent }
        if let a = roots.first, let b = roots.last { top = (first + a, first + b) }
    }

    /// The item objects, in order.
    func write(_ w: inout PDFObjectWriter) {
        for i in entries.indices { w.object(first + i) { o in body(i, &o) } }
    }

    /// Item `i`'s dictionary.
    func body(_ i: Int, _ o: inout PDFBuffer) {
        let entry = entries[i], node = nodes[i]
        o.append("<< /Title ")
        if entry.literalTitle { o.append(entry.title) } else { o.textString(entry.title) }
        o.append("\n   /Parent ")
        o.reference(node.parent)
        o.append("\n   /Dest [ ")
        o.reference(entry.page)
        if let top = entry.top {
            o.append(" /XYZ null ")
            o.number(top)
            o.append(" null ]")
        } else {
            o.append(" /XYZ null null null ]")
        }
        for (key, value) in [("/First", node.first), ("/Last", node.last), ("/Prev", node.prev), ("/Next", node.next)] {
            guard let value else { continue }
            o.append("\n   \(key) ")
            o.reference(value)
        }
        if node.descendants > 0 {
            o.append("\n   /Count ")
            o.integer(node.descendants)
        }
        o.append("\n>>")
    }
}
