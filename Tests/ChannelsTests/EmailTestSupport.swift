import Foundation
import XCTest
@testable import Channels

/// Fixtures and an independent reader (Python's `email` package) for the email tests.
enum EmailFixtures {
    static func address(_ text: String) -> EmailAddress {
        switch EmailAddress.parse(text) {
        case .success(let address): return address
        case .failure(let error): fatalError("fixture address \(text): \(error)")
        }
    }

    /// Reproducible "random" bytes (SplitMix64), so a failing run can be replayed.
    static func pseudoRandomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            for shift in stride(from: 0, to: 64, by: 8) where bytes.count < count { bytes.append(UInt8(truncatingIfNeeded: z >> UInt64(shift))) }
        }
        return bytes
    }

    /// A text body exercising every quoted-printable rule.
    static let trickyText = [
        "Sehr geehrte Frau Müller,",
        "",
        "From the start: this line begins with \"From \" and must survive mbox-style relays.",
        ".a line starting with a dot",
        ".",
        "trailing spaces here   ",
        "trailing tab here\t",
        "equals = signs == everywhere =20 =3D and a final =",
        String(repeating: "A long line without any break at all, ", count: 8) + "end.",
        String(repeating: "ü", count: 60),
        String(repeating: "x", count: 75) + " ",
        String(repeating: "y", count: 76),
        String(repeating: "z", count: 77),
        "Emoji ✓ 😀 and CJK 中文 done.",
        "Mit freundlichen Grüßen",
    ].joined(separator: "\n") + "\n"

    static let trickyHTML = """
        <html><body><p>Guten Tag, <b>Müller &amp; Söhne</b> — your invoice = 42 €.</p>\r
        <img src="cid:logo@inkstream" alt="logo">\r
        <p>\(String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 6))</p>   \r
        From here on nothing changes.\r
        </body></html>
        """

    /// Not a real PNG, which does not matter: only the bytes' round trip is checked.
    static let pngBytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + pseudoRandomBytes(count: 1000, seed: 7)

    static func plainMessage(messageID: String = "<run-1.acct-1@inkstream.example>") -> EmailMessage {
        EmailMessage(
            from: address("Inkstream Billing <billing@inkstream.example>"),
            to: [address("customer@example.com"), address("\"Doe, Jane\" <jane.doe@example.org>")],
            subject: "Your invoice for October 2026",
            date: "Mon, 02 Nov 2026 09:00:00 +0100",
            messageID: messageID,
            textBody: "Hello,\nplease find your invoice attached.\n",
            htmlBody: "<p>Hello,</p><p>please find your invoice attached.</p>",
            extraHeaders: [("X-Inkstream-Run", "run-1 account 1")])
    }

    static func fullMessage(pdfPath: String, messageID: String = "<run-7.acct-42@inkstream.example>") -> EmailMessage {
        EmailMessage(
            from: address("Müller & Söhne Buchhaltung <buchhaltung@mueller-soehne.example>"),
            to: [address("\"Søren Ågård\" <soren@example.dk>"), address("Plain Name <plain@example.com>")],
            replyTo: address("\"Support, Team\" <support@mueller-soehne.example>"),
            subject: "Müller & Söhne — Rechnung für Oktober 2026 ✓",
            date: "Mon, 02 Nov 2026 09:00:00 +0100",
            messageID: messageID,
            textBody: trickyText,
            htmlBody: trickyHTML,
            inline: [EmailPart(filename: "logo.png", contentType: "image/png", source: .bytes(pngBytes), contentID: "logo@inkstream")],
            attachments: [
                EmailPart(filename: "Rechnung Oktober 2026 – Müller & Söhne.pdf", contentType: "application/pdf", source: .file(path: pdfPath)),
                EmailPart(filename: "terms.txt", contentType: "text/plain", source: .bytes(Array("Terms\r\n".utf8))),
            ],
            extraHeaders: [("X-Inkstream-Run", "2026-11-02T09:00:00Z/7"), ("X-Inkstream-Account", "42")])
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "inkstream-email-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Line endings normalised to "\n", as the comparison with Python's decoded text wants.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

/// What Python's `email` package (policy.default) reads from an .eml file.
struct ParsedEmail: Decodable {
    struct Part: Decodable {
        let contentType: String
        let disposition: String?
        let filename: String?
        /// The Content-Type `name=` fallback, as a client ignoring RFC 2231 would read it.
        let name: String?
        let contentID: String?
        let base64: String
    }

    let structure: String
    let subject: String
    let from: [[String]]
    let to: [[String]]
    let replyTo: [[String]]
    let text: String?
    let html: String?
    let parts: [Part]
    let headers: [[String]]
    let defects: [String]
}

enum PythonEmailReader {
    /// Walks the message; prints JSON. Kept independent of the Swift code: it only uses the standard library.
    static let script = #"""
import base64, email, email.policy, json, sys

with open(sys.argv[1], "rb") as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)

def structure(part):
    if part.is_multipart():
        return part.get_content_type() + "(" + ",".join(structure(p) for p in part.iter_parts()) + ")"
    return part.get_content_type()

def mailboxes(name):
    header = msg[name]
    if header is None:
        return []
    return [[a.display_name, a.addr_spec] for a in header.addresses]

defects = []
text = html = None
parts = []
for part in msg.walk():
    defects += [type(d).__name__ + ": " + str(d) for d in part.defects]
    for name, value in part.items():
        defects += [name + ": " + type(d).__name__ + ": " + str(d) for d in getattr(value, "defects", [])]
    if part.is_multipart():
        continue
    disposition = part.get_content_disposition()
    if disposition is None and part.get_content_type() == "text/plain" and text is None:
        text = part.get_content()
    elif disposition is None and part.get_content_type() == "text/html" and html is None:
        html = part.get_content()
    else:
        parts.append({
            "contentType": part.get_content_type(),
            "disposition": disposition,
            "filename": part.get_filename(),
            "name": part["Content-Type"].params.get("name"),
            "contentID": part["Content-ID"] and str(part["Content-ID"]),
            "base64": base64.b64encode(part.get_payload(decode=True)).decode("ascii"),
        })

print(json.dumps({
    "structure": structure(msg),
    "subject": str(msg["Subject"]),
    "from": mailboxes("From"),
    "to": mailboxes("To"),
    "replyTo": mailboxes("Reply-To"),
    "text": text,
    "html": html,
    "parts": parts,
    "headers": [[k, str(v)] for k, v in msg.items()],
    "defects": defects,
}))
"""#

    static func read(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> ParsedEmail {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting: the JSON of a 300 KB attachment is larger than a pipe buffer.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            XCTFail("python3 failed (\(process.terminationStatus)): \(errorText)", file: file, line: line)
            throw CocoaError(.fileReadCorruptFile)
        }
        return try JSONDecoder().decode(ParsedEmail.self, from: data)
    }
}
