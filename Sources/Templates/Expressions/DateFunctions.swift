/// Calendar arithmetic on `Value.date` (days since 1970-01-01), by the civil-date conversions in
/// CivilDate.swift: deterministic, no time zones.
extension FunctionLibrary {
    static let dateFunctions: [LibraryFunction] = [
        LibraryFunction("add_days", [.date("date"), .number("days")], returns: .date) { site in
            site.binary { dateValue, daysValue throws(EvaluationFailure) in
                guard let days = try site.date(dateValue, 0), let offset = try site.number(daysValue, 1) else { return .null }
                return try Operators.addDays(days, offset)
            }
        },
        // Jan 31 + 1 month = Feb 28 (29 in a leap year): the day is clamped to the target month.
        LibraryFunction("add_months", [.date("date"), .number("months")], returns: .date) { site in
            site.binary { dateValue, monthsValue throws(EvaluationFailure) in
                guard let days = try site.date(dateValue, 0) else { return .null }
                guard let months = try site.wholeNumber(monthsValue, 1, in: -120_000...120_000) else { return .null }
                var date = CivilDate(daysSinceEpoch: days)
                let monthIndex = date.year * 12 + (date.month - 1) + months
                date.year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
                date.month = monthIndex - date.year * 12 + 1
                date.day = min(date.day, CivilDate.daysInMonth(year: date.year, month: date.month))
                guard let result = CivilDate.dateValue(date.daysSinceEpoch) else { throw EvaluationFailure("date out of range") }
                return result
            }
        },
        datePart("year") { $0.year },
        datePart("month") { $0.month },
        datePart("day") { $0.day },
    ]

    private static func datePart(_ name: String, _ part: @escaping @Sendable (CivilDate) -> Int) -> LibraryFunction {
        LibraryFunction(name, [.date("date")], returns: .number) { site in
            site.unary { value throws(EvaluationFailure) in
                guard let days = try site.date(value, 0) else { return .null }
                return .number(Double(part(CivilDate(daysSinceEpoch: days))))
            }
        }
    }
}
