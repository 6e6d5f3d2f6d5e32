/// `limits:`: how large one record may be before it is rejected rather than laid out. The defaults are far
/// above any real statement but keep one hostile record from exhausting memory, overflowing Pango's 32-bit
/// positions or making a document of millions of pages; a batch then goes on with the next record.
package struct RecordLimits: Sendable, Equatable {
    /// Characters (Unicode scalars) of one string value of the input, keys included.
    package var maxFieldCharacters: Int
    /// Bytes of one input line (one record), without its line ending.
    package var maxLineBytes: Int
    /// Pages of one document.
    package var maxPages: Int

    package static let defaults = RecordLimits(maxFieldCharacters: 100_000, maxLineBytes: 1 << 20, maxPages: 1_000)

    package init(maxFieldCharacters: Int, maxLineBytes: Int, maxPages: Int) {
        self.maxFieldCharacters = maxFieldCharacters
        self.maxLineBytes = maxLineBytes
        self.maxPages = maxPages
    }

    /// The setting names, as written in template.yaml (for messages that say what to change).
    package static let fieldCharactersKey = "limits.max_field_characters"
    package static let lineBytesKey = "limits.max_line_bytes"
    package static let pagesKey = "limits.max_pages"

    /// Above these even a raised limit is unsafe: Pango keeps text offsets and positions in 32-bit ints, and
    /// the input reader holds a whole line in memory.
    static let ceilings = RecordLimits(maxFieldCharacters: 10_000_000, maxLineBytes: 256 << 20, maxPages: 100_000)
}

extension TemplateCompiler {
    /// Reads `limits:`; every key is optional, a whole number from 1 to its ceiling.
    func readLimits(_ node: TemplateNode?) -> RecordLimits {
        var limits = RecordLimits.defaults
        guard let node else { return limits }
        guard node.isMapping else {
            errors.append(node.error("'limits:' is a mapping, e.g. {max_field_characters: 100000, max_line_bytes: 1048576, max_pages: 1000}"))
            return limits
        }
        checkKeys(node, ["max_field_characters", "max_line_bytes", "max_pages"])
        func whole(_ key: String, _ current: Int, ceiling: Int) -> Int {
            guard let valueNode = node[key] else { return current }
            guard let value = record({ () throws(TemplateError) in try valueNode.requireNumber() }) else { return current }
            guard value == value.rounded(), value >= 1, value <= Double(ceiling) else {
                errors.append(valueNode.error("limits.\(key) is a whole number from 1 to \(ceiling) (default \(current))"))
                return current
            }
            return Int(value)
        }
        let ceilings = RecordLimits.ceilings
        limits.maxFieldCharacters = whole("max_field_characters", limits.maxFieldCharacters, ceiling: ceilings.maxFieldCharacters)
        limits.maxLineBytes = whole("max_line_bytes", limits.maxLineBytes, ceiling: ceilings.maxLineBytes)
        limits.maxPages = whole("max_pages", limits.maxPages, ceiling: ceilings.maxPages)
        return limits
    }
}
