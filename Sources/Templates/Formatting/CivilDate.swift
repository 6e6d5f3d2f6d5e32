/// A proleptic Gregorian calendar date, converted to and from days since 1970-01-01 with Howard
/// Hinnant's `days_from_civil` / `civil_from_days` algorithms. Hand-written so evaluation never
/// touches Foundation's Calendar (slow, and dependent on the machine's time zone and locale).
struct CivilDate: Sendable, Equatable {
    var year: Int
    /// 1...12
    var month: Int
    /// 1...31
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01.
    init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097                                      // [0, 146096]
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // [0, 365], from March 1
        let shiftedMonth = (5 * dayOfYear + 2) / 153                          // [0, 11], March = 0
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (negative before).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400                                          // [0, 399]
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday.
    static func weekday(daysSinceEpoch days: Int) -> Int {
        let shifted = (days + 3) % 7
        return shifted < 0 ? shifted + 7 : shifted
    }

    /// Converts days to the `Value.date` payload, or nil when outside what Int32 holds.
    static func dateValue(_ days: Int) -> Value? {
        guard let narrow = Int32(exactly: days) else { return nil }
        return .date(narrow)
    }

    /// Parses a strict "YYYY-MM-DD" string. Returns the days since the epoch or a reason.
    static func parseISO(_ text: String) -> Result<Int, DateParseFailure> {
        // One pass over the UTF-8 bytes, no allocation: this runs for every date field of every record.
        var fields = (0, 0, 0)   // year, month, day
        var count = 0
        for byte in text.utf8 {
            defer { count += 1 }
            if count == 4 || count == 7 {
                guard byte == UInt8(ascii: "-") else { return .failure(.format) }
                continue
            }
            guard count < 10, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .failure(.format) }
            let digit = Int(byte &- UInt8(ascii: "0"))
            switch count {
            case 0..<4: fields.0 = fields.0 * 10 + digit
            case 5..<7: fields.1 = fields.1 * 10 + digit
            default: fields.2 = fields.2 * 10 + digit
            }
        }
        guard count == 10 else { return .failure(.format) }
        let (year, month, day) = fields
        guard (1...12).contains(month) else { return .failure(.month(month)) }
        let limit = daysInMonth(year: year, month: month)
        guard (1...limit).contains(day) else { return .failure(.day(day, limit: limit, year: year, month: month)) }
        return .success(CivilDate(year: year, month: month, day: day).daysSinceEpoch)
    }
}

/// Why a "YYYY-MM-DD" string was rejected, phrased for a data error message.
enum DateParseFailure: Error, Equatable {
    case format
    case month(Int)
    case day(Int, limit: Int, year: Int, month: Int)

    var reason: String {
        switch self {
        case .format: "expected the form YYYY-MM-DD"
        case .month(let month): "month \(month) does not exist"
        case let .day(day, limit, year, month):
            "day \(day) does not exist in \(year)-\(month < 10 ? "0" : "")\(month) (it has \(limit) days)"
        }
    }
}
