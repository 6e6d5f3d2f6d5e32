/// A locale's group separator bytes and CLDR grouping sizes, for `UTF8Writer`.
struct DigitGrouping: Sendable {
    let separator: [UInt8]
    let primary: Int
    let secondary: Int
    let minimumDigits: Int

    init(separator: String, sizes: GroupingSizes) {
        self.separator = separator.utf8Bytes
        primary = sizes.primary
        secondary = sizes.secondary
        minimumDigits = sizes.minimumDigits
    }

    /// How many separators an integer of `digits` digits gets: none below `primary + minimumDigits`
    /// digits (ICU's rule for minimumGroupingDigits), else one per full group.
    @inline(__always)
    func separatorCount(digits: Int) -> Int {
        guard !separator.isEmpty, primary > 0, digits - primary >= minimumDigits else { return 0 }
        return 1 + (digits - primary - 1) / secondary
    }

    /// Whether a separator goes before (to the left of) the digit `index` places from the right.
    @inline(__always)
    func startsGroup(at index: Int) -> Bool {
        index == primary || (index > primary && (index - primary) % secondary == 0)
    }
}
