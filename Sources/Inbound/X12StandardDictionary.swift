import Foundation

/// The X12 standard's definitions for one version, as data (Dictionaries/X12Dictionary<version>.swift, made by
/// scripts/x12dict from EdiEngine and stupidedi; see docs/x12-dictionaries.md): every element's type,
/// lengths and code list where the source has one, every segment's elements, usage and syntax notes, and
/// every set's segments and loops with usage and repeats.
struct X12StandardDictionary: Decodable, Sendable {
    struct Element: Decodable, Sendable {
        var type: String
        var min: Int
        var max: Int
        var codes: [String]?
    }

    /// One position of a segment: a simple element (`ref`) or a composite with its components.
    struct ElementUse: Decodable, Sendable {
        var ref: String?
        var composite: String?
        var usage: String
        var components: [ElementUse]?
    }

    struct Segment: Decodable, Sendable {
        var name: String?
        var elements: [ElementUse]
        /// "P0102", "R0203", "C0403", "E0102", "L010203": the standard's syntax notes.
        var syntax: [String]
    }

    /// A segment or a loop of a set's body.
    struct BodyEntry: Decodable, Sendable {
        var segment: String?
        var loop: String?
        var usage: String
        var max: Int?
        var body: [BodyEntry]?
    }

    enum CodingKeys: String, CodingKey {
        case version, elements, segments, sets
        case segmentIDs = "segment_ids"
    }

    struct TransactionSet: Decodable, Sendable {
        var name: String?
        var body: [BodyEntry]
    }

    var version: String
    /// Every segment id of the version, also those no shipped set uses.
    var segmentIDs: Set<String>
    var elements: [String: Element]
    var segments: [String: Segment]
    var sets: [String: TransactionSet]
    private var allowed: [String: Set<String>] = [:]

    /// The dictionary for a group's version (GS08, e.g. "004010VICS" → 004010), or nil when none ships.
    /// Versions between the shipped ones are not guessed at: their sets get envelope checks only.
    static func forVersion(_ gs08: String) -> X12StandardDictionary? {
        switch gs08.prefix(6) {
        case "004010": v004010
        case "005010": v005010
        default: nil
        }
    }

    // Decoded once, on first use (a static let is lazy and thread-safe).
    private static let v004010 = decode(json004010)
    private static let v005010 = decode(json005010)

    /// Every segment id set `id` may hold, in any loop; worked out once per set at decoding, not per set read.
    func allowedSegments(_ id: String) -> Set<String> { allowed[id] ?? [] }

    private static func decode(_ json: String) -> X12StandardDictionary {
        do {
            var dictionary = try JSONDecoder().decode(X12StandardDictionary.self, from: Data(json.utf8))
            dictionary.allowed = dictionary.sets.mapValues(\.allowedSegments)
            return dictionary
        } catch {
            fatalError("the compiled-in X12 dictionary does not decode (regenerate with scripts/x12dict/trim.py): \(error)")
        }
    }
}

extension X12StandardDictionary.TransactionSet {
    /// Every segment id the set may hold, in any loop.
    var allowedSegments: Set<String> {
        func walk(_ body: [X12StandardDictionary.BodyEntry]) -> [String] {
            body.flatMap { entry in entry.segment.map { [$0] } ?? walk(entry.body ?? []) }
        }
        return Set(walk(body))
    }
}
