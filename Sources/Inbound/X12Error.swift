/// The acknowledgement level an error is reported at, which says which code list `X12ErrorCode.code` is from.
public enum X12ErrorLevel: String, Hashable, Sendable {
    /// Outside any interchange: garbage bytes, an unreadable or empty file. Code "file".
    case file
    /// ISA/IEA: TA105 note codes ("001"…).
    case interchange
    /// GS/GE: AK905/IK905 codes ("1"…).
    case group
    /// ST/SE: AK502/IK502 codes ("1"…).
    case transactionSet
    /// A segment of a set: AK304/IK304 codes ("1"…).
    case segment
    /// An element of a segment: AK403/IK403 codes ("1"…).
    case element
}

/// A level and the code the acknowledgement of that level uses.
public struct X12ErrorCode: Hashable, Sendable, CustomStringConvertible {
    public var level: X12ErrorLevel
    public var code: String

    public init(_ level: X12ErrorLevel, _ code: String) {
        self.level = level
        self.code = code
    }

    public var description: String {
        switch level {
        case .file: "file"
        case .interchange: "TA1 \(code)"
        case .group: "AK9 \(code)"
        case .transactionSet: "AK5 \(code)"
        case .segment: "AK3 \(code)"
        case .element: "AK4 \(code)"
        }
    }

    // Outside interchanges.
    public static let unreadable = X12ErrorCode(.file, "unreadable")
    public static let emptyFile = X12ErrorCode(.file, "empty")
    public static let garbage = X12ErrorCode(.file, "garbage")
    /// "ISA" not followed by a usable header: no interchange could be read from it.
    public static let unusableISA = X12ErrorCode(.file, "bad-isa")

    // TA105 note codes.
    public static let interchangeControlMismatch = X12ErrorCode(.interchange, "001")
    public static let invalidTerminator = X12ErrorCode(.interchange, "004")
    public static let invalidSenderQualifier = X12ErrorCode(.interchange, "005")
    public static let invalidSenderID = X12ErrorCode(.interchange, "006")
    public static let invalidVersion = X12ErrorCode(.interchange, "017")
    public static let invalidControlNumber = X12ErrorCode(.interchange, "018")
    public static let invalidGroupCount = X12ErrorCode(.interchange, "021")
    public static let invalidControlStructure = X12ErrorCode(.interchange, "022")
    public static let prematureEnd = X12ErrorCode(.interchange, "023")
    public static let invalidContent = X12ErrorCode(.interchange, "024")
    public static let duplicateControlNumber = X12ErrorCode(.interchange, "025")
    public static let invalidElementSeparator = X12ErrorCode(.interchange, "026")
    public static let invalidComponentSeparator = X12ErrorCode(.interchange, "027")

    // AK905 functional group syntax error codes.
    public static let groupVersionNotSupported = X12ErrorCode(.group, "2")
    public static let groupTrailerMissing = X12ErrorCode(.group, "3")
    public static let groupControlMismatch = X12ErrorCode(.group, "4")
    public static let groupSetCountMismatch = X12ErrorCode(.group, "5")
    public static let groupControlNotUnique = X12ErrorCode(.group, "19")

    // AK502 transaction set syntax error codes.
    public static let setTrailerMissing = X12ErrorCode(.transactionSet, "2")
    public static let setControlMismatch = X12ErrorCode(.transactionSet, "3")
    public static let setSegmentCountMismatch = X12ErrorCode(.transactionSet, "4")
    public static let setControlNotUnique = X12ErrorCode(.transactionSet, "23")

    // AK304 segment syntax error codes.
    public static let unrecognizedSegment = X12ErrorCode(.segment, "1")
    public static let unexpectedSegment = X12ErrorCode(.segment, "2")
    public static let mandatorySegmentMissing = X12ErrorCode(.segment, "3")
    public static let loopOverMaximum = X12ErrorCode(.segment, "4")
    public static let segmentOverMaximum = X12ErrorCode(.segment, "5")
    public static let segmentNotInSet = X12ErrorCode(.segment, "6")
    public static let segmentOutOfSequence = X12ErrorCode(.segment, "7")
    public static let segmentHasElementErrors = X12ErrorCode(.segment, "8")

    // AK403 element syntax error codes.
    public static let mandatoryElementMissing = X12ErrorCode(.element, "1")
    public static let conditionalElementMissing = X12ErrorCode(.element, "2")
    public static let tooManyElements = X12ErrorCode(.element, "3")
    public static let elementTooShort = X12ErrorCode(.element, "4")
    public static let elementTooLong = X12ErrorCode(.element, "5")
    public static let invalidCharacter = X12ErrorCode(.element, "6")
    public static let invalidCodeValue = X12ErrorCode(.element, "7")
    public static let invalidDate = X12ErrorCode(.element, "8")
    public static let invalidTime = X12ErrorCode(.element, "9")
    public static let exclusionViolated = X12ErrorCode(.element, "10")
}

/// Something wrong in an X12 file: what, where (file, segment number, byte offset), and with which code.
public struct X12Error: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: X12ErrorCode
    public var position: X12Position
    public var message: String
    /// For segment and element errors: the segment's id and its 1-based position in the set (ST is 1).
    public var segmentID: String?
    public var positionInSet: Int?
    /// For element errors: 1-based element and component positions and a copy of the bad value.
    public var element: Int?
    public var component: Int?
    public var value: String?
    /// For segment errors inside a loop: the loop's id (AK303/IK303), e.g. "N1" or "HL".
    public var loopID: String?

    public init(_ code: X12ErrorCode, at position: X12Position, _ message: String, segmentID: String? = nil,
                positionInSet: Int? = nil, element: Int? = nil, component: Int? = nil, value: String? = nil,
                loopID: String? = nil) {
        self.loopID = loopID
        self.code = code
        self.position = position
        self.message = message
        self.segmentID = segmentID
        self.positionInSet = positionInSet
        self.element = element
        self.component = component
        self.value = value
    }

    public var description: String { "\(position): \(message) [\(code)]" }
}
