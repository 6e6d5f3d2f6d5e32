/// Checks a transaction set's segments against `X12Dictionary`: segment errors (AK3/IK3 codes) and
/// element errors (AK4/IK4 codes). Sets the dictionary does not know are not checked.
enum X12SyntaxChecker {
    static func check(_ set: X12TransactionSet) -> [X12Error] {
        guard let rule = X12Dictionary.sets[set.identifier] else { return [] }
        var errors: [X12Error] = []
        for (i, segment) in set.segments.enumerated() {
            let positionInSet = i + 2
            guard rule.allowed.contains(segment.id) else {
                let known = X12Dictionary.segments[segment.id] != nil
                errors.append(X12Error(known ? .unexpectedSegment : .unrecognizedSegment, at: segment.position,
                    known ? "segment \(segment.id) does not belong in a \(rule.id)" : "unrecognized segment id \"\(segment.id)\"",
                    segmentID: segment.id, positionInSet: positionInSet))
                continue
            }
            let elementErrors = checkElements(segment, positionInSet: positionInSet)
            if !elementErrors.isEmpty {
                errors.append(X12Error(.segmentHasElementErrors, at: segment.position,
                    "segment \(segment.id) has \(elementErrors.count) element error(s)", segmentID: segment.id, positionInSet: positionInSet))
                errors += elementErrors
            }
        }
        let present = Set(set.segments.map(\.id))
        for id in rule.mandatory where !present.contains(id) {
            errors.append(X12Error(.mandatorySegmentMissing, at: set.se?.position ?? set.st.position,
                "mandatory segment \(id) missing from \(rule.id) \(set.controlNumber)",
                segmentID: id, positionInSet: set.segments.count + 2))
        }
        return errors
    }

    /// One error at most per element: missing, bad character, too short/long, or not in the code list.
    static func checkElements(_ segment: X12Segment, positionInSet: Int) -> [X12Error] {
        let rules = X12Dictionary.segments[segment.id]?.elements ?? []
        var errors: [X12Error] = []
        func fail(_ code: X12ErrorCode, _ element: Int, _ value: String?, _ message: String) {
            errors.append(X12Error(code, at: segment.position, "\(segment.id)\(String(format2: element)) \(message)",
                segmentID: segment.id, positionInSet: positionInSet, element: element, value: value))
        }
        for rule in rules {
            guard let value = segment[rule.position] else {
                if rule.mandatory { fail(.mandatoryElementMissing, rule.position, nil, "is mandatory and missing") }
                continue
            }
            if let problem = characterProblem(value, rule.type) {
                fail(.invalidCharacter, rule.position, value, "\"\(value)\" \(problem)")
                continue
            }
            let length = [.n0, .n2, .r].contains(rule.type) ? value.filter(\.isNumber).count : value.count
            if length < rule.minLength {
                fail(.elementTooShort, rule.position, value, "\"\(value)\" is \(length) long, minimum \(rule.minLength)")
            } else if length > rule.maxLength {
                fail(.elementTooLong, rule.position, value, "\"\(value)\" is \(length) long, maximum \(rule.maxLength)")
            } else if rule.type == .dt, !isCalendarDate(value) {
                fail(.invalidDate, rule.position, value, "\"\(value)\" is not a date that exists (CCYYMMDD)")
            } else if rule.type == .tm, !isTimeOfDay(value) {
                fail(.invalidTime, rule.position, value, "\"\(value)\" is not a time of day (HHMM, HHMMSS, HHMMSSd…)")
            } else if let codes = rule.codes, !codes.contains(value) {
                fail(.invalidCodeValue, rule.position, value, "\"\(value)\" is not one of \(codes.joined(separator: ", "))")
            }
        }
        // Control characters are invalid in any element, checked or not.
        let checked = Set(rules.map(\.position))
        for (i, element) in segment.elements.enumerated() where !checked.contains(i + 1) {
            if let bad = element.joined().first(where: { characterProblem($0, .an) != nil }) {
                fail(.invalidCharacter, i + 1, bad, "\"\(bad)\" has a control character")
            }
        }
        return errors
    }

    /// CCYYMMDD or YYMMDD naming a day that exists (19971341 does not; 20240229 does, 20230229 does not).
    static func isCalendarDate(_ value: String) -> Bool {
        let digits = value.compactMap(\.wholeNumberValue)
        guard digits.count == value.count, digits.count == 8 || digits.count == 6 else { return false }
        let number = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + digits[$1] } }
        let year = digits.count == 8 ? number(0..<4) : 2000 + number(0..<2)
        let month = number(digits.count - 4..<digits.count - 2), day = number(digits.count - 2..<digits.count)
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// HHMM, HHMMSS or HHMMSS with decimal seconds, within a day.
    static func isTimeOfDay(_ value: String) -> Bool {
        let digits = value.compactMap(\.wholeNumberValue)
        guard digits.count == value.count, digits.count >= 4, digits.count <= 8, digits.count != 5 else { return false }
        let hour = digits[0] * 10 + digits[1], minute = digits[2] * 10 + digits[3]
        let second = digits.count >= 6 ? digits[4] * 10 + digits[5] : 0
        return hour < 24 && minute < 60 && second < 60
    }

    /// What is wrong with the characters of `value` for its type, or nil.
    private static func characterProblem(_ value: String, _ type: X12ElementType) -> String? {
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FFFD}" }) {
            return "has a control or undecodable character"
        }
        let digits = value.unicodeScalars.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 }
        switch type {
        case .an, .id: return nil
        case .dt, .tm: return digits ? nil : "is not all digits"
        case .n0, .n2:
            let body = value.hasPrefix("-") ? String(value.dropFirst()) : value
            return !body.isEmpty && body.unicodeScalars.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }) ? nil : "is not a whole number"
        case .r:
            let body = value.hasPrefix("-") ? String(value.dropFirst()) : value
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            let ok = parts.count <= 2 && body.contains(where: \.isNumber)
                && parts.allSatisfy { $0.unicodeScalars.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 } }
            return ok ? nil : "is not a decimal number"
        }
    }
}
