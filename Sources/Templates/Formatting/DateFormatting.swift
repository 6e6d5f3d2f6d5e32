/// A parsed `date()` pattern such as `dd MMMM yyyy` or `'Q'M yyyy`. Patterns are parsed once (at
/// compile time when constant) into tokens; formatting then writes UTF-8 bytes straight into the
/// result string.
///
/// Tokens: `yyyy` (4-digit year; also `y`, `yyy`), `yy` (2 digits), `MMMM` (month name), `MMM` (short
/// name), `MM`, `M`, `dd`, `d`, `EEEE` (weekday name), `EEE` (short; also `E`, `EE`). Text in single
/// quotes is literal, `''` is a quote; every other character is literal.
struct DatePattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case literal([UInt8])
        case year
        case twoDigitYear
        case monthName
        case shortMonthName
        case paddedMonth
        case month
        case paddedDay
        case day
        case weekdayName
        case shortWeekdayName
    }

    let tokens: [Token]
    /// An upper bound of the formatted length in bytes, without the names.
    private let capacity: Int
    /// Month and weekday names in the pattern; each adds the locale's longest name to the bound (a
    /// locale's, not the table's: Greek or Hindi names are three times as long as English ones).
    private let nameCount: Int

    init(_ pattern: String) {
        var tokens: [Token] = []
        var literal = ""
        func flushLiteral() {
            if !literal.isEmpty {
                tokens.append(.literal(literal.utf8Bytes))
                literal = ""
            }
        }
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                // '' is an escaped quote, inside or outside quoted text.
                if index + 1 < characters.count, characters[index + 1] == "'" {
                    literal.append("'")
                    index += 2
                    continue
                }
                index += 1
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" {
                            literal.append("'")
                            index += 2
                            continue
                        }
                        break
                    }
                    literal.append(characters[index])
                    index += 1
                }
                index += 1   // the closing quote (an unterminated quote runs to the end)
                continue
            }
            guard character == "y" || character == "M" || character == "d" || character == "E" else {
                literal.append(character)
                index += 1
                continue
            }
            var run = 1
            while index + run < characters.count, characters[index + run] == character { run += 1 }
            index += run
            flushLiteral()
            switch character {
            case "y": tokens.append(run == 2 ? .twoDigitYear : .year)
            case "M": tokens.append(run >= 4 ? .monthName : run == 3 ? .shortMonthName : run == 2 ? .paddedMonth : .month)
            case "d": tokens.append(run >= 2 ? .paddedDay : .day)
            default: tokens.append(run >= 4 ? .weekdayName : .shortWeekdayName)
            }
        }
        flushLiteral()
        self.tokens = tokens
        // A tight bound, so numeric dates ("11/21/2026") fit a String's 15 inline bytes.
        capacity = tokens.reduce(0) { total, token in
            switch token {
            case .literal(let bytes): total + bytes.count
            case .year: total + 8   // Int32 days reach years of 7 digits, and a sign
            case .twoDigitYear, .paddedMonth, .month, .paddedDay, .day: total + 2
            case .monthName, .shortMonthName, .weekdayName, .shortWeekdayName: total
            }
        }
        nameCount = tokens.count { token in
            switch token {
            case .monthName, .shortMonthName, .weekdayName, .shortWeekdayName: true
            default: false
            }
        }
    }

    func format(daysSinceEpoch days: Int, locale: LocaleData) -> String {
        format(daysSinceEpoch: days, names: locale.dateNames)
    }

    /// Formats with names already looked up (compiled `date()` calls capture them once).
    func format(daysSinceEpoch days: Int, names: DateNames) -> String {
        let date = CivilDate(daysSinceEpoch: days)
        return String(utf8Capacity: capacity + nameCount * names.longestName) { writer in
            for token in tokens {
                switch token {
                case .literal(let bytes): writer.append(bytes)
                case .year:
                    if date.year < 0 { writer.append(UInt8(ascii: "-")) }
                    writer.appendInteger(UInt64(date.year.magnitude), minimumDigits: 4)
                case .twoDigitYear: writer.appendInteger(UInt64(date.year.magnitude % 100), minimumDigits: 2)
                case .monthName: writer.append(names.months[date.month - 1])
                case .shortMonthName: writer.append(names.shortMonths[date.month - 1])
                case .paddedMonth: writer.appendInteger(UInt64(date.month), minimumDigits: 2)
                case .month: writer.appendInteger(UInt64(date.month))
                case .paddedDay: writer.appendInteger(UInt64(date.day), minimumDigits: 2)
                case .day: writer.appendInteger(UInt64(date.day))
                case .weekdayName: writer.append(names.weekdays[CivilDate.weekday(daysSinceEpoch: days)])
                case .shortWeekdayName: writer.append(names.shortWeekdays[CivilDate.weekday(daysSinceEpoch: days)])
                }
            }
        }
    }

    /// Default patterns per locale, parsed once; indexed by `LocaleData.id`.
    static let localeDefaults: [DatePattern] = LocaleData.all.map { DatePattern($0.defaultDatePatternSource) }
}

/// A locale's month and weekday names as UTF-8 bytes, precomputed once per locale.
struct DateNames: Sendable {
    let months: [[UInt8]]
    let shortMonths: [[UInt8]]
    let weekdays: [[UInt8]]
    let shortWeekdays: [[UInt8]]
    /// The longest of these names in bytes, for sizing results.
    let longestName: Int

    init(_ locale: LocaleData) {
        months = locale.monthNames.map(\.utf8Bytes)
        shortMonths = locale.shortMonthNames.map(\.utf8Bytes)
        weekdays = locale.weekdayNames.map(\.utf8Bytes)
        shortWeekdays = locale.shortWeekdayNames.map(\.utf8Bytes)
        longestName = [months, shortMonths, weekdays, shortWeekdays].joined().reduce(0) { Swift.max($0, $1.count) }
    }

    /// Indexed by `LocaleData.id`.
    static let table: [DateNames] = LocaleData.all.map(DateNames.init)
}

extension LocaleData {
    /// The pattern `date(d)` uses without a pattern argument, and text conversion of dates.
    var defaultDatePattern: DatePattern { DatePattern.localeDefaults[id] }

    var dateNames: DateNames { DateNames.table[id] }
}
