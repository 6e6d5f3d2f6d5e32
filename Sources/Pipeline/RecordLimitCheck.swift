import Records
import Templates

/// The template's `limits:` applied to one input line before it is bound and laid out: a line or a string
/// value too large becomes a reject naming the limit, the value and the setting to raise, and the batch
/// goes on. (Pages are checked by the composer as they are made.)
enum RecordLimitCheck {
    /// Why the line is too long for `limits.max_line_bytes`, or nil.
    static func line(_ line: RawLine, _ limits: RecordLimits) -> String? {
        guard line.length > limits.maxLineBytes else { return nil }
        return "the record is \(grouped(line.length)) bytes long, more than \(RecordLimits.lineBytesKey) "
            + "\(grouped(limits.maxLineBytes)) (raise it in the template's limits: section if such records are real)"
    }

    /// Why a string value (or key) of the record is too long for `limits.max_field_characters`, or nil.
    static func fields(_ json: JSONValue, _ limits: RecordLimits) -> String? {
        var path = ""
        return oversized(json, limit: limits.maxFieldCharacters, path: &path).map { found in
            "field \(found.path.isEmpty ? "(a key)" : found.path) has \(grouped(found.characters)) characters, more than "
                + "\(RecordLimits.fieldCharactersKey) \(grouped(limits.maxFieldCharacters)) "
                + "(raise it in the template's limits: section if such values are real)"
        }
    }

    /// Characters are Unicode scalars: stable across Unicode versions (grapheme rules change), and what the
    /// shaper's byte offsets grow with. A string of at most `limit` UTF-8 bytes cannot have more scalars.
    private static func characters(_ s: String, over limit: Int) -> Int? {
        guard s.utf8.count > limit else { return nil }
        let count = s.unicodeScalars.count
        return count > limit ? count : nil
    }

    /// Depth-first; nesting is bounded by the JSON parser's maximum depth.
    private static func oversized(_ value: JSONValue, limit: Int, path: inout String) -> (path: String, characters: Int)? {
        switch value {
        case .string(let s):
            return characters(s, over: limit).map { (path, $0) }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                let saved = path
                path += "[\(index)]"
                defer { path = saved }
                if let found = oversized(element, limit: limit, path: &path) { return found }
            }
            return nil
        case .object(let members):
            for member in members {
                let saved = path
                defer { path = saved }
                if let count = characters(member.key, over: limit) {
                    return ((path.isEmpty ? "" : path + ".") + "(a key of \(grouped(count)) characters)", count)
                }
                path += (path.isEmpty ? "" : ".") + member.key
                if let found = oversized(member.value, limit: limit, path: &path) { return found }
            }
            return nil
        case .null, .bool, .number:
            return nil
        }
    }

    /// 230000 → "230,000": limits are large numbers.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
