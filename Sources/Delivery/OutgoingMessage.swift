import Crypto
import Foundation

/// A message file ready to be delivered: its envelope and identity, read in one streaming pass.
/// The content itself stays on disk and is streamed again for each attempt.
package struct OutgoingMessage: Sendable {
    package let path: String
    /// The file name, e.g. `100000175.eml`.
    package let name: String
    /// The document (account) id, as the journal recorded it (a file name may stand for it in hashed form).
    package let documentID: String
    package let size: Int
    package let sha256: String
    /// Some byte is not ASCII (BODY=8BITMIME when the server offers it).
    package let eightBit: Bool
    package let from: String?
    package let recipients: [String]
    package let messageID: String

    static let chunkSize = 64 * 1024
    /// Header sections longer than this are not read further (the envelope fields come first anyway).
    static let maxHeaderBytes = 1024 * 1024

    package init(path: String, documentID: String) throws(DeliveryError) {
        self.path = path
        name = (path as NSString).lastPathComponent
        self.documentID = documentID
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DeliveryError(.configuration, "cannot read \(path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var header: [UInt8] = []
        var headerDone = false
        var size = 0
        var eightBit = false
        do {
            while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
                hasher.update(data: chunk)
                size += chunk.count
                if !eightBit { eightBit = chunk.contains { $0 >= 0x80 } }
                if !headerDone {
                    header.append(contentsOf: chunk)
                    if let end = Self.headerEnd(header) {
                        header.removeSubrange(end...)
                        headerDone = true
                    } else if header.count > Self.maxHeaderBytes {
                        headerDone = true
                    }
                }
            }
        } catch {
            throw DeliveryError(.configuration, "cannot read \(path): \(error.localizedDescription)")
        }
        self.size = size
        self.eightBit = eightBit
        sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let headers = MessageHeaders(headerBytes: header)
        from = headers.from
        recipients = headers.recipients
        messageID = headers.messageID
    }

    /// Where the header section ends (the index of the empty line's first byte), if it does.
    static func headerEnd(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            if bytes[i] == 10 {
                if i + 1 < bytes.count && bytes[i + 1] == 10 { return i + 1 }
                if i + 2 < bytes.count && bytes[i + 1] == 13 && bytes[i + 2] == 10 { return i + 1 }
            }
            i += 1
        }
        return nil
    }

    /// Streams the file as DATA content (CRLF, dot-stuffed, last line terminated), a chunk at a time.
    func stream(_ send: ([UInt8]) throws(DeliveryError) -> Void) throws(DeliveryError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DeliveryError(.configuration, "cannot read \(path)")
        }
        defer { try? handle.close() }
        var stuffer = DotStuffer()
        var output: [UInt8] = []
        output.reserveCapacity(Self.chunkSize + Self.chunkSize / 8)
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: Self.chunkSize) } catch {
                throw DeliveryError(.configuration, "cannot read \(path): \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            stuffer.feed(chunk, into: &output)
            try send(output)
            output.removeAll(keepingCapacity: true)
        }
        stuffer.finish(into: &output)
        if !output.isEmpty { try send(output) }
    }
}
