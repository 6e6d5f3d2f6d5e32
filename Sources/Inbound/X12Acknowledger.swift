/// Hands out interchange and group control numbers; the caller keeps the counter (e.g. in the journal)
/// so numbers never repeat across runs.
public protocol ControlNumbers {
    mutating func next() -> Int
}

/// Control numbers counting up from a starting value.
public struct SequentialControlNumbers: ControlNumbers, Sendable {
    public private(set) var upcoming: Int
    public init(startingAt first: Int) { upcoming = first }
    public mutating func next() -> Int {
        defer { upcoming += 1 }
        return upcoming
    }
}

/// The date and time written in an acknowledgement's envelope (the run's, so output is deterministic).
public struct X12AckDate: Hashable, Sendable {
    public var year, month, day, hour, minute: Int
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute) = (year, month, day, hour, minute)
    }

    var ccyymmdd: String { pad(year, 4) + pad(month, 2) + pad(day, 2) }
    var yymmdd: String { pad(year % 100, 2) + pad(month, 2) + pad(day, 2) }
    var hhmm: String { pad(hour, 2) + pad(minute, 2) }
}

/// How a trading partner wants to be answered (its profile; the defaults are X12's usual practice).
public struct X12AckPolicy: Sendable, Equatable {
    /// When a TA1 goes back for an envelope that is fine (a bad envelope always gets one: it is the only answer).
    public enum TA1: String, Sendable { case requested, always, never }
    /// Which functional acknowledgement: by the group's version (997 before 005010, 999 from it), or always one.
    public enum Functional: String, Sendable { case byVersion = "version", ack997 = "997", ack999 = "999" }
    public var ta1: TA1
    public var functional: Functional
    /// The separators the partner wants in what we send (its profile's `separators`); nil: answer with the
    /// inbound's own (cleaned to usable ASCII).
    public var delimiters: X12Delimiters?
    public init(ta1: TA1 = .requested, functional: Functional = .byVersion, delimiters: X12Delimiters? = nil) {
        self.ta1 = ta1
        self.functional = functional
        self.delimiters = delimiters
    }
}

/// Builds the acknowledgement interchange for an inbound one: a TA1 when its envelope is bad (then
/// nothing else) or when ISA14 asks for one, and a 997 (004010) or 999 (005010) group per inbound group.
///
/// Groups of acknowledgements (GS01 "FA") are not acknowledged, as X12 requires. The ack goes from the
/// inbound's receiver to its sender, with the inbound's delimiters.
public enum X12Acknowledger {
    /// nil when there is nothing to send (only acknowledgement groups came in and no TA1 is due).
    public static func acknowledge<Numbers: ControlNumbers>(_ inbound: X12Interchange, date: X12AckDate,
                                                            controlNumbers: inout Numbers,
                                                            policy: X12AckPolicy = X12AckPolicy()) -> X12Interchange? {
        let rejected = !inbound.errors.isEmpty
        let groups = rejected ? [] : inbound.groups.filter { $0.functionalIdentifier != "FA" }
        let wantsTA1 = rejected || policy.ta1 == .always || (policy.ta1 == .requested && inbound.isa[14] == "1")
        guard wantsTA1 || !groups.isEmpty else { return nil }

        let control = controlNumbers.next()
        var delimiters = X12AckText.delimiters(answering: policy.delimiters ?? inbound.delimiters)
        // A repetition separator exists from ISA12 00402 on; before, ISA11 is the standards id "U".
        if policy.delimiters != nil && (inbound.isa[12] ?? "") < "00402" { delimiters.repetition = nil }
        var ack = X12Interchange(isa: isa(for: inbound, date: date, control: control, delimiters: delimiters), delimiters: delimiters)
        if wantsTA1 { ack.ta1 = [ta1(for: inbound, delimiters: delimiters)] }
        for group in groups {
            let is999 = switch policy.functional {
            case .byVersion: group.version.hasPrefix("00501")
            case .ack997: false
            case .ack999: true
            }
            ack.groups.append(X12AckGroupBuilder.group(for: group, date: date, control: controlNumbers.next(), is999: is999))
        }
        ack.iea = X12Segment("IEA", ["\(ack.groups.count)", pad(control, 9)])
        return X12AckText.cleaned(ack)
    }

    /// ISA with sender and receiver swapped and our date, control number and ack flag 0.
    private static func isa(for inbound: X12Interchange, date: X12AckDate, control: Int, delimiters: X12Delimiters) -> X12Segment {
        // Cleaned before fitting, so every field is its width in bytes, not only in characters.
        let v = { (i: Int) in X12AckText.clean(inbound.isa[i] ?? "", avoiding: delimiters) }
        let widths = X12ISAHeader.widths
        let repetition = delimiters.repetition.map { String(UnicodeScalar($0)) } ?? v(11)
        let values = ["00", "", "00", "", v(7), v(8), v(5), v(6), date.yymmdd, date.hhmm,
                      repetition, v(12), pad(control % 1_000_000_000, 9), "0", v(15), String(UnicodeScalar(delimiters.component))]
        return X12Segment("ISA", zip(values, widths).map { fit($0, $1) })
    }

    /// TA1: the inbound's control number, date and time, A or R, and the note code of its first problem.
    private static func ta1(for inbound: X12Interchange, delimiters: X12Delimiters) -> X12Segment {
        let first = inbound.errors.first
        let v = { (i: Int) in X12AckText.clean(inbound.isa[i] ?? "", avoiding: delimiters) }
        return X12Segment("TA1", [fit(v(13), 9), fit(v(9), 6), fit(v(10), 4),
                                  first == nil ? "A" : "R", first?.code.code ?? "000"])
    }
}

/// A value cut or padded with spaces (right) to a fixed width, as ISA fields are.
func fit(_ value: String, _ width: Int) -> String {
    value.count >= width ? String(value.prefix(width)) : value + String(repeating: " ", count: width - value.count)
}

/// A number zero-padded to `width` digits.
func pad(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
