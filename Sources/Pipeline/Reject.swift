import Records

/// An input record that did not become a document, and why. Written to `OUT/rejects.jsonl`.
package struct Reject: Sendable, Equatable {
    package let provenance: Provenance
    package let reason: String

    /// A reason may quote what the record held (a display name, an SMS's characters): past
    /// `maxReasonCharacters` it is cut, saying how much, so one hostile value cannot swell rejects.jsonl.
    package init(provenance: Provenance, reason: String) {
        self.provenance = provenance
        let scalars = reason.unicodeScalars
        if scalars.count <= Self.maxReasonCharacters {
            self.reason = reason
        } else {
            var cut = String.UnicodeScalarView(scalars.prefix(Self.maxReasonCharacters))
            cut.append(contentsOf: "… (\(scalars.count - Self.maxReasonCharacters) more characters cut)".unicodeScalars)
            self.reason = String(cut)
        }
    }

    static let maxReasonCharacters = 2_000

    /// One JSON object per line: file, line, byte_offset, reason.
    var jsonLine: String {
        "{\"file\":\(JSONText.quote(provenance.file)),\"line\":\(provenance.line),\"byte_offset\":\(provenance.byteOffset),\"reason\":\(JSONText.quote(reason))}"
    }
}

enum JSONText {
    /// A JSON string literal for `s`.
    static func quote(_ s: String) -> String {
        var out = ""
        JSONValue.writeString(s, to: &out)
        return out
    }
}
