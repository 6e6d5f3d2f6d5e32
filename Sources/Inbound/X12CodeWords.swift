/// The X12 acknowledgement codes in words, for notices people read (issue 13: "code 8" told operations
/// nothing). AK304/IK304 segment errors, AK403/IK403 element errors, AK502/IK502 set errors and AK905
/// group errors, as X12's 997 and 999 define them.
package enum X12CodeWords {
    static func segmentError(_ code: String) -> String {
        switch code {
        case "1": "unrecognized segment id"
        case "2": "unexpected segment"
        case "3": "mandatory segment missing"
        case "4": "loop occurs more often than allowed"
        case "5": "segment used more often than allowed"
        case "6": "segment not in the transaction set"
        case "7": "segment out of sequence"
        case "8": "the segment has data element errors"
        default: "segment error code \(code)"
        }
    }

    static func elementError(_ code: String) -> String {
        switch code {
        case "1": "mandatory element missing"
        case "2": "conditional element missing"
        case "3": "too many elements"
        case "4": "element too short"
        case "5": "element too long"
        case "6": "invalid character"
        case "7": "invalid code value"
        case "8": "invalid date"
        case "9": "invalid time"
        case "10": "exclusion condition violated"
        case "12": "too many repetitions"
        case "13": "too many components"
        default: "element error code \(code)"
        }
    }

    static func setError(_ code: String) -> String {
        switch code {
        case "1": "transaction set not supported"
        case "2": "transaction set trailer missing"
        case "3": "ST and SE control numbers differ"
        case "4": "segment count in SE is wrong"
        case "5": "one or more segments in error"
        case "6": "missing or invalid transaction set id"
        case "7": "missing or invalid control number"
        case "23": "control number used twice in the group"
        default: "transaction set error code \(code)"
        }
    }

    static func groupError(_ code: String) -> String {
        switch code {
        case "1": "functional group not supported"
        case "2": "functional group version not supported"
        case "3": "functional group trailer missing"
        case "4": "GS and GE control numbers differ"
        case "5": "set count in GE is wrong"
        case "6": "group control number invalid"
        case "19": "group control number used twice in the interchange"
        default: "functional group error code \(code)"
        }
    }

    /// OTI01 of an 824 (application acknowledgement code) in words.
    package static func adviceStatus(_ code: String) -> String {
        switch code {
        case "TA": "accepted"
        case "TE": "accepted with errors"
        case "TR": "rejected"
        case "TP": "partially accepted"
        case "TC": "accepted with changes"
        case "IA": "item accepted"
        case "IR": "item rejected"
        default: "status \(code)"
        }
    }

    /// AK501 / AK901 / IK501 status in words.
    package static func status(_ code: String) -> String {
        switch code {
        case "A": "accepted"
        case "E": "accepted with errors"
        case "M", "W", "X": "rejected (security or content)"
        case "P": "partially accepted"
        case "R": "rejected"
        default: "status \(code)"
        }
    }
}
