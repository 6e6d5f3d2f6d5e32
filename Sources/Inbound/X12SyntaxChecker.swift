/// Checks a transaction set against the X12 standard's dictionary for its group's version
/// (`X12StandardDictionary`): which segments the set may hold and which it must, and each segment's
/// elements (mandatory, too many, type, length, dates and times, code lists, syntax notes). AK3/IK3 codes
/// for segments, AK4/IK4 codes for elements.
///
/// Segment order, loops and repeats are X12SegmentSequence's; HL numbering is X12Hierarchy's.
///
/// What the standard allows is accepted. A set or version without a shipped dictionary is checked at
/// envelope level only (never rejected for being unknown).
enum X12SyntaxChecker {
    static func check(_ set: X12TransactionSet, version: String) -> [X12Error] {
        guard let dictionary = X12StandardDictionary.forVersion(version), let rule = dictionary.sets[set.identifier] else { return [] }
        let allowed = dictionary.allowedSegments(set.identifier)
        let hierarchy = X12Hierarchy.check(set)
        var sequence = X12SegmentSequence(rule)
        var errors: [X12Error] = []
        for (i, segment) in set.segments.enumerated() {
            let positionInSet = i + 2
            guard allowed.contains(segment.id), let definition = dictionary.segments[segment.id] else {
                let known = dictionary.segmentIDs.contains(segment.id)
                errors.append(X12Error(known ? .segmentNotInSet : .unrecognizedSegment, at: segment.position,
                    known ? "segment \(segment.id) is not in the \(set.identifier) transaction set (\(dictionary.version))"
                          : "unrecognized segment id \"\(segment.id)\" (not an X12 \(dictionary.version) segment)",
                    segmentID: segment.id, positionInSet: positionInSet))
                continue
            }
            let before = sequence.errors.count
            let placed = sequence.take(segment, positionInSet: positionInSet)
            errors += sequence.errors[before...]
            guard placed else { continue }
            let elementErrors = checkElements(segment, definition, dictionary, positionInSet: positionInSet) + (hierarchy[i] ?? [])
            if !elementErrors.isEmpty {
                errors.append(X12Error(.segmentHasElementErrors, at: segment.position,
                    "segment \(segment.id) has \(elementErrors.count) element error(s)", segmentID: segment.id, positionInSet: positionInSet))
                errors += elementErrors
            }
        }
        let before = sequence.errors.count
        sequence.finish(at: set.se ?? set.segments.last ?? set.st, positionInSet: set.segments.count + 2)
        errors += sequence.errors[before...]
        return errors
    }

    /// One error at most per element (or component): missing, too many, bad character, length, date, time,
    /// code; then the segment's syntax notes; then control characters anywhere.
    static func checkElements(_ segment: X12Segment, _ definition: X12StandardDictionary.Segment,
                              _ dictionary: X12StandardDictionary, positionInSet: Int) -> [X12Error] {
        var errors: [X12Error] = []
        func fail(_ code: X12ErrorCode, _ element: Int, _ component: Int? = nil, _ value: String?, _ message: String) {
            let name = "\(segment.id)\(String(format2: element))" + (component.map { "-\(String(format2: $0))" } ?? "")
            errors.append(X12Error(code, at: segment.position, "\(name) \(message)", segmentID: segment.id,
                                   positionInSet: positionInSet, element: element, component: component, value: value))
        }
        // Trailing empty elements are not elements (X12 drops them); any other extra is "too many".
        let used = segment.elements.lastIndex(where: { $0.contains { $0.contains { !$0.isEmpty } } }).map { $0 + 1 } ?? 0
        if used > definition.elements.count {
            fail(.tooManyElements, definition.elements.count + 1, nil, nil, "is one element too many (\(segment.id) has \(definition.elements.count))")
        }
        // Code lists and mandatory components are checked where the source is the standard itself (004010,
        // EdiEngine). The 005010 definitions come from stupidedi, whose code lists are implementation-guide
        // subsets and which marks some components mandatory that the standard does not (CTX06-02): there
        // only types, lengths, mandatory elements and syntax notes are checked.
        let strict = dictionary.version == "004010"
        let checkCodes = strict
        for (i, use) in definition.elements.enumerated() {
            let position = i + 1
            if let composite = use.composite {
                let components = position <= segment.elements.count ? (segment.elements[i].first ?? []) : []
                guard components.contains(where: { !$0.isEmpty }) else {
                    if use.usage == "M" { fail(.mandatoryElementMissing, position, nil, nil, "(\(composite)) is mandatory and missing") }
                    continue
                }
                for (j, part) in (use.components ?? []).enumerated() {
                    let value = j < components.count ? components[j] : ""
                    guard !value.isEmpty else {
                        if strict, part.usage == "M" { fail(.mandatoryElementMissing, position, j + 1, nil, "is mandatory and missing") }
                        continue
                    }
                    if let ref = part.ref, let element = dictionary.elements[ref], let problem = problem(value, element, checkCodes) {
                        fail(problem.code, position, j + 1, value, problem.message)
                    }
                }
                continue
            }
            guard let value = segment[position], !value.isEmpty else {
                if use.usage == "M" { fail(.mandatoryElementMissing, position, nil, nil, "is mandatory and missing") }
                continue
            }
            if let ref = use.ref, let element = dictionary.elements[ref], let problem = problem(value, element, checkCodes) {
                fail(problem.code, position, nil, value, problem.message)
            }
        }
        for note in definition.syntax { checkSyntaxNote(note, segment, fail) }
        // Control characters are invalid in any element, defined or not.
        let checked = Set(errors.compactMap(\.element))
        for (i, element) in segment.elements.enumerated() where !checked.contains(i + 1) {
            if let bad = element.joined().first(where: { controlCharacter($0) }) {
                fail(.invalidCharacter, i + 1, nil, bad, "\"\(bad)\" has a control character")
            }
        }
        return errors
    }

    /// P paired, R required (one of), E exclusion, C conditional, L list conditional: "P0102" names
    /// elements 01 and 02 of the segment.
    private static func checkSyntaxNote(_ note: String, _ segment: X12Segment,
                                        _ fail: (X12ErrorCode, Int, Int?, String?, String) -> Void) {
        guard let kind = note.first, note.count >= 5, (note.count - 1) % 2 == 0 else { return }
        let digits = Array(note.dropFirst())
        let positions = stride(from: 0, to: digits.count, by: 2).compactMap { Int(String(digits[$0...$0 + 1])) }
        let present = positions.filter { p in
            segment.elements.indices.contains(p - 1) && segment.elements[p - 1].contains { $0.contains { !$0.isEmpty } }
        }
        let absent = positions.filter { !present.contains($0) }
        let names = positions.map { "\(segment.id)\(String(format2: $0))" }.joined(separator: ", ")
        switch kind {
        case "P" where !present.isEmpty && !absent.isEmpty:
            fail(.conditionalElementMissing, absent[0], nil, nil, "is missing: \(names) are paired (all or none)")
        case "R" where present.isEmpty:
            fail(.conditionalElementMissing, positions[0], nil, nil, "is missing: at least one of \(names) is required")
        case "E" where present.count > 1:
            fail(.exclusionViolated, present[1], nil, segment[present[1]], "excludes \(segment.id)\(String(format2: present[0])): only one of \(names) may be used")
        case "C" where present.contains(positions[0]) && absent.contains(where: { $0 != positions[0] }):
            fail(.conditionalElementMissing, absent[0], nil, nil, "is missing: it is required when \(segment.id)\(String(format2: positions[0])) is used")
        case "L" where present.contains(positions[0]) && present.count == 1:
            fail(.conditionalElementMissing, positions[1], nil, nil, "is missing: one of \(names.split(separator: ",").dropFirst().joined(separator: ",")) is required when \(segment.id)\(String(format2: positions[0])) is used")
        default:
            break
        }
    }

    private struct Problem {
        var code: X12ErrorCode
        var message: String
    }

    /// What is wrong with `value` for its element definition, or nil.
    private static func problem(_ value: String, _ element: X12StandardDictionary.Element, _ checkCodes: Bool) -> Problem? {
        if controlCharacter(value) {
            return Problem(code: .invalidCharacter, message: "\"\(value)\" has a control or undecodable character")
        }
        let type = element.type
        let numeric = type == "R" || (type.hasPrefix("N") && type.count == 2)
        if numeric, let problem = numberProblem(value, decimal: type == "R") {
            return Problem(code: .invalidCharacter, message: "\"\(value)\" \(problem)")
        }
        if (type == "DT" || type == "TM"), !value.unicodeScalars.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }) {
            return Problem(code: .invalidCharacter, message: "\"\(value)\" is not all digits")
        }
        let length = numeric ? value.filter(\.isNumber).count : value.count
        if length < element.min {
            return Problem(code: .elementTooShort, message: "\"\(value)\" is \(length) long, minimum \(element.min)")
        }
        if length > element.max {
            return Problem(code: .elementTooLong, message: "\"\(value)\" is \(length) long, maximum \(element.max)")
        }
        if type == "DT", !isCalendarDate(value) {
            return Problem(code: .invalidDate, message: "\"\(value)\" is not a date that exists (CCYYMMDD)")
        }
        if type == "TM", !isTimeOfDay(value) {
            return Problem(code: .invalidTime, message: "\"\(value)\" is not a time of day (HHMM, HHMMSS, HHMMSSd…)")
        }
        if checkCodes, type == "ID", let codes = element.codes, !codes.isEmpty, !codes.contains(value) {
            return Problem(code: .invalidCodeValue, message: "\"\(value)\" is not a code of this element")
        }
        return nil
    }

    private static func numberProblem(_ value: String, decimal: Bool) -> String? {
        let body = value.hasPrefix("-") ? String(value.dropFirst()) : value
        let isDigit = { (c: Unicode.Scalar) in c.value >= 0x30 && c.value <= 0x39 }
        if !decimal {
            return !body.isEmpty && body.unicodeScalars.allSatisfy(isDigit) ? nil : "is not a whole number"
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let ok = parts.count <= 2 && body.contains(where: \.isNumber) && parts.allSatisfy { $0.unicodeScalars.allSatisfy(isDigit) }
        return ok ? nil : "is not a decimal number"
    }

    private static func controlCharacter(_ value: String) -> Bool {
        value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FFFD}" }
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
}
