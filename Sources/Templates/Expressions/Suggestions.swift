/// "Did you mean …?" hints for misspelt field and function names, by edit distance.
enum Suggestions {
    /// The candidate closest to `name`, when close enough to be a plausible typo: at most one edit
    /// for short names, two for longer ones, a third of the length for long ones. Ignores case.
    static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let allowed = max(target.count <= 4 ? 1 : 2, target.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            if distance <= allowed, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Levenshtein distance, counting a swap of two neighbours as one edit (a frequent typo).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }

    /// " Did you mean 'x'?" when a candidate is close to `name`, else "" (to append to a message).
    static func hint(for name: String, among candidates: some Sequence<String>) -> String {
        closest(to: name, among: Array(candidates)).map { " Did you mean '\($0)'?" } ?? ""
    }

    /// "a, b, c, …" with at most `limit` names, for listing what exists.
    static func list(_ names: [String], limit: Int = 8) -> String {
        names.count <= limit ? names.joined(separator: ", ") : names.prefix(limit).joined(separator: ", ") + ", …"
    }
}
