/// `string(x)`: how a value reads as text when interpolated into `{…}` or concatenated with `+`.
enum ValueText {
    /// null → "", numbers integral → no decimals else the shortest text that reads back the same
    /// double, dates in the locale's default pattern, lists joined with ", ".
    static func string(_ value: Value, locale: LocaleData) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        case .number(let x): number(x)
        case .bool(let flag): flag ? "true" : "false"
        case .date(let days): locale.defaultDatePattern.format(daysSinceEpoch: Int(days), locale: locale)
        case .list(let elements): elements.map { string($0, locale: locale) }.joined(separator: ", ")
        // Records are rejected at compile time; a record reaching here reads as nothing.
        case .record: ""
        }
    }

    static func number(_ x: Double) -> String {
        // Whole numbers (the common case: counts, ids, years) print without ".0"; within ±10^15
        // every whole double is exact in an Int64.
        if x.magnitude < 1e15, x.rounded(.towardZero) == x {
            let whole = Int64(x)
            return String(utf8Capacity: 20) { writer in
                if whole < 0 { writer.append(UInt8(ascii: "-")) }
                writer.appendInteger(whole.magnitude)
            }
        }
        // Swift's description is the shortest digits that round-trip, independent of any locale.
        return x.description
    }
}
