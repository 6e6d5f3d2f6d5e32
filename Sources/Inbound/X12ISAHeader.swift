/// Reads the fixed-width ISA header, which declares the delimiters for the rest of the interchange.
enum X12ISAHeader {
    /// ISA01…ISA16 widths, and the TA105 note code for a bad value in each.
    static let widths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]
    static let fieldCodes = ["010", "011", "012", "013", "005", "006", "007", "008",
                             "014", "015", "016", "017", "018", "019", "020", "027"]
    /// Length of a well-formed ISA with its terminator.
    static let length = 106

    struct Parsed {
        var values: [[UInt8]]
        var delimiters: X12Delimiters
        /// Bytes of the ISA including its terminator.
        var length: Int
        /// Non-fatal problems: fields of the wrong width or content (TA1 codes).
        var problems: [(X12ErrorCode, String)]
    }

    /// Parses the ISA at the source's next byte without consuming it; a failure (code, message) when
    /// no delimiters can be trusted from it.
    static func parse(_ source: X12ByteSource) -> Result<Parsed, HeaderFailure> {
        guard let separator = source.peek(3) else {
            return .failure(HeaderFailure(.prematureEnd, "file ends inside the ISA header"))
        }
        if isAlphanumeric(separator) || separator == 0x20 || separator == 0x0D || separator == 0x0A {
            return .failure(HeaderFailure(.invalidElementSeparator,
                                          "ISA element separator \(describeByte(separator)) is a letter, digit or space"))
        }
        var problems: [(X12ErrorCode, String)] = []
        let values: [[UInt8]]
        var next: Int
        if let fixed = fixedValues(source, separator: separator) {
            values = fixed
            next = length - 1
        } else if let loose = looseValues(source, separator: separator) {
            values = loose.values
            next = loose.end
            // The TA1 names the first problem: the field whose width is wrong says more than "bad structure"
            // (a short ISA02 is 011, a long ISA06 is 006), so fields come first and 022 only after them.
            for (i, value) in values.enumerated() where value.count != widths[i] {
                problems.append((X12ErrorCode(.interchange, fieldCodes[i]),
                                 "ISA\(String(format2: i + 1)) is \(value.count) characters, must be \(widths[i])"))
            }
            if let lineBreak = loose.lineBreakAt {
                problems.insert((.invalidControlStructure, "ISA has a line break inside it (byte \(lineBreak) of the ISA)"), at: 0)
            }
            problems.append((.invalidControlStructure, "ISA is \(loose.end + 1) bytes, must be \(length)"))
        } else {
            return .failure(HeaderFailure(.invalidControlStructure,
                                          "ISA does not have 16 elements separated by \(describeByte(separator))"))
        }
        guard let component = values[15].first, values[15].count == 1 else {
            return .failure(HeaderFailure(.invalidComponentSeparator, "ISA16 must be one character"))
        }
        guard let terminator = source.peek(next) else {
            return .failure(HeaderFailure(.prematureEnd, "file ends before the ISA segment terminator"))
        }
        let version = String(decoding: values[11], as: UTF8.self)
        // From 00402 on ISA11 is the repetition separator. Partners that upgraded the version but kept the
        // old "U" (or another letter or digit) there send no repetitions; reading the interchange without
        // a repetition separator is what they mean, where refusing it would leave it unanswered.
        let repetition: UInt8? = (Int(version) ?? 0) >= 402 ? values[10].first.flatMap {
            isAlphanumeric($0) || $0 == 0x20 ? nil : $0
        } : nil
        var delimiters = X12Delimiters(element: separator, repetition: repetition, component: component, segment: terminator)
        if isAlphanumeric(component) || component == 0x20 || component == separator {
            return .failure(HeaderFailure(.invalidComponentSeparator,
                                          "ISA16 component separator \(describeByte(component)) is a letter, digit, space or the element separator"))
        }
        if let problem = delimiters.problem() {
            let code: X12ErrorCode = (isAlphanumeric(terminator) || terminator == separator || terminator == component)
                ? .invalidTerminator : .invalidControlStructure
            return .failure(HeaderFailure(code, "ISA delimiters unusable: \(problem)"))
        }
        if version.count != 5 || Int(version) == nil {
            problems.append((.invalidVersion, "ISA12 version \"\(version)\" is not 5 digits"))
        }
        if values[12].count != 9 || !values[12].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            problems.append((.invalidControlNumber, "ISA13 control number \"\(String(decoding: values[12], as: UTF8.self))\" is not 9 digits"))
        }
        delimiters.lineBreak = lineBreak(source, after: next + 1, terminator: terminator)
        return .success(Parsed(values: values, delimiters: delimiters, length: next + 1, problems: problems))
    }

    /// The 16 values when every separator is where the fixed widths put it.
    private static func fixedValues(_ source: X12ByteSource, separator: UInt8) -> [[UInt8]]? {
        var values: [[UInt8]] = []
        var offset = 3
        for width in widths {
            guard source.peek(offset) == separator else { return nil }
            values.append((0..<width).compactMap { source.peek(offset + 1 + $0) })
            offset += 1 + width
        }
        guard source.peek(offset) != nil, values.allSatisfy({ !$0.contains(separator) }) else { return nil }
        return values
    }

    /// The 16 values split on the separator when widths are off; the offset of ISA16's terminator, and
    /// where a line break inside the ISA was (files wrapped at 80 columns: still answerable with a TA1).
    private static func looseValues(_ source: X12ByteSource, separator: UInt8)
        -> (values: [[UInt8]], end: Int, lineBreakAt: Int?)? {
        var values: [[UInt8]] = []
        var offset = 4
        var current: [UInt8] = []
        var lineBreakAt: Int? = nil
        while offset < 200, let byte = source.peek(offset) {
            if values.count == 15 {
                // ISA16 is one byte, whatever it is; the next byte is the terminator.
                values.append([byte])
                return (values, offset + 1, lineBreakAt)
            }
            if byte == separator {
                values.append(current)
                current = []
            } else if byte == 0x0A || byte == 0x0D {
                lineBreakAt = lineBreakAt ?? offset
            } else {
                current.append(byte)
            }
            offset += 1
        }
        return nil
    }

    /// The line break after the ISA's terminator ("" when none); the same style is assumed throughout.
    private static func lineBreak(_ source: X12ByteSource, after offset: Int, terminator: UInt8) -> String {
        let first = source.peek(offset)
        if first == 0x0D, terminator != 0x0D {
            return source.peek(offset + 1) == 0x0A ? "\r\n" : "\r"
        }
        if first == 0x0A, terminator != 0x0A { return "\n" }
        return ""
    }
}

/// Why an ISA header could not be read.
struct HeaderFailure: Error {
    var code: X12ErrorCode
    var message: String
    init(_ code: X12ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension String {
    /// A number as two digits, for element names like "ISA06".
    init(format2 number: Int) {
        self = number < 10 ? "0\(number)" : "\(number)"
    }
}
