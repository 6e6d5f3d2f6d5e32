import Foundation
import Layout
@testable import Render
import XCTest

/// A print stream joined from pieces that embed no fonts: each font is embedded once, at the end, subset to
/// the glyphs of all its pages with their original numbers.
final class StreamFontsTests: PDFToolsTestCase {

    /// Three pieces of statements: ordinary ones, an overdue one, one of several pages, and (in the last
    /// piece only) characters no other statement uses.
    private func pieces() throws -> [[LaidOutDocument]] {
        let documents = try StatementFixtures.documents(lines: [0, 3, 24, 5, 7])
        let names = try StatementFixtures.document(line: 9, setting: "name", to: .string("Zoë Ångström-Officer"))
        return [Array(documents[0..<2]), Array(documents[2..<4]), [documents[4], names]]
    }

    /// The pieces as stream pieces (no fonts) and their fonts.
    private func streamPieces(_ pieces: [[LaidOutDocument]]) throws -> [(path: String, fonts: StreamPieceFonts)] {
        let writer = DirectPDFWriter()
        return try pieces.enumerated().map { i, documents in
            let piece = try writer.makeStreamPiece(documents, info: Self.info)
            let path = folder + "/piece-\(i).pdf"
            try Data(piece.bytes).write(to: URL(fileURLWithPath: path))
            return (path, piece.fonts)
        }
    }

    private func join(_ pieces: [(path: String, fonts: StreamPieceFonts)], to path: String) throws {
        let assembler = try PDFAssembler(path: path, info: Self.info)
        for piece in pieces { try assembler.append(contentsOf: piece.path, fonts: piece.fonts) }
        try assembler.finish()
    }

    func testFontsAreEmbeddedOnceAndTextIsThePerPieceText() throws {
        let pieces = try pieces()
        // Before: each piece a complete PDF with its own fonts, joined.
        let writer = DirectPDFWriter()
        var complete: [String] = []
        for (i, documents) in pieces.enumerated() {
            let path = folder + "/complete-\(i).pdf"
            try Data(try writer.makePDF(documents, info: Self.info)).write(to: URL(fileURLWithPath: path))
            complete.append(path)
        }
        let perPiece = folder + "/per-piece.pdf"
        let old = try PDFAssembler(path: perPiece, info: Self.info)
        for path in complete { try old.append(contentsOf: path) }
        try old.finish()

        let stream = folder + "/stream.pdf"
        let made = try streamPieces(pieces)
        XCTAssertTrue(made.allSatisfy { !$0.fonts.fonts.isEmpty })
        for piece in made {
            let bytes = try String(decoding: Data(contentsOf: URL(fileURLWithPath: piece.path)), as: UTF8.self)
            XCTAssertFalse(bytes.contains("/FontFile2"), "a stream piece embeds no font")
        }
        try join(made, to: stream)

        let check = try PDFTools.run(["qpdf", "--check", stream])
        XCTAssertEqual(check.status, 0, check.output + check.error)
        XCTAssertEqual(try PDFTools.pageCount(stream), pieces.joined().reduce(0) { $0 + $1.pages.count })
        XCTAssertEqual(try PDFTools.text(stream), try PDFTools.text(perPiece))
        XCTAssertTrue(try PDFTools.text(stream).contains("Zoë Ångström-Officer"))

        // pdffonts: each font once, embedded, subset, with a ToUnicode map.
        let fonts = try PDFTools.run(["pdffonts", stream]).output.split(separator: "\n").dropFirst(2)
        let perPieceFonts = try PDFTools.run(["pdffonts", perPiece]).output.split(separator: "\n").dropFirst(2)
        let names = fonts.map { String($0.split(separator: " ")[0].split(separator: "+").last!) }
        XCTAssertEqual(names.count, Set(names).count, fonts.joined(separator: "\n"))
        XCTAssertEqual(Set(names), Set(perPieceFonts.map { String($0.split(separator: " ")[0].split(separator: "+").last!) }))
        XCTAssertGreaterThan(perPieceFonts.count, fonts.count)
        for line in fonts {
            let fields = line.split(separator: " ")
            XCTAssertEqual(Array(fields.suffix(5).prefix(3)), ["yes", "yes", "yes"], String(line))
        }

        // The pages look as they did.
        let a = try PDFTools.grayPages(stream, dpi: 60, prefix: folder + "/stream")
        let b = try PDFTools.grayPages(perPiece, dpi: 60, prefix: folder + "/per-piece")
        XCTAssertEqual(a.count, b.count)
        for (x, y) in zip(a, b) {
            guard let d = PDFTools.difference(x, y, threshold: 32) else { XCTFail("page sizes differ"); continue }
            XCTAssertEqual(d.differing, 0)
        }
        XCTAssertLessThan(try Data(contentsOf: URL(fileURLWithPath: stream)).count,
                          try Data(contentsOf: URL(fileURLWithPath: perPiece)).count)
    }

    func testAssemblerStateRoundTripGivesTheSameBytes() throws {
        let made = try streamPieces(try pieces())
        let whole = folder + "/whole.pdf"
        try join(made, to: whole)

        // Stop after piece 1, go on further (lost), then take up from the checkpoint as a new process would.
        let resumedPath = folder + "/resumed.pdf"
        let first = try PDFAssembler(path: resumedPath, info: Self.info)
        try first.append(contentsOf: made[0].path, fonts: made[0].fonts)
        let state = try first.checkpoint()
        XCTAssertEqual(state.fonts?.count, made[0].fonts.fonts.count)
        try first.append(contentsOf: made[1].path, fonts: made[1].fonts)
        _ = try first.checkpoint()
        let saved = try JSONDecoder().decode(PDFAssembler.State.self, from: JSONEncoder().encode(state))
        XCTAssertEqual(saved, state)
        let resumed = try PDFAssembler(path: resumedPath, info: Self.info, resuming: saved)
        XCTAssertEqual(try resumed.checkpoint(), state)
        for piece in made.dropFirst() { try resumed.append(contentsOf: piece.path, fonts: piece.fonts) }
        try resumed.finish()
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: resumedPath)), try Data(contentsOf: URL(fileURLWithPath: whole)))
    }

    /// A checkpoint written before fonts were embedded once has no `fonts`: its pages cannot be finished
    /// by this build, and the error says what to do instead of writing a PDF with missing fonts.
    func testOlderStreamStateIsRefusedWithAnAction() throws {
        let old = try JSONDecoder().decode(PDFAssembler.State.self, from: Data(
            #"{"bytes":900,"nextObject":40,"pageCount":6,"xrefBytes":700,"kidsBytes":60}"#.utf8))
        XCTAssertNil(old.fonts)
        XCTAssertThrowsError(try PDFAssembler(path: NSTemporaryDirectory() + "none/statements.pdf",
                                              info: .init(creationDate: "2026-11-22T00:00:00Z"), resuming: old)) { error in
            XCTAssertTrue("\(error)".contains("older Inkstream"), "\(error)")
            XCTAssertTrue("\(error)".contains("new --out"), "\(error)")
        }
    }

    func testGlyphRangesRoundTrip() {
        let glyphs: [UInt32] = [0, 3, 4, 5, 9, 11, 12, 700]
        XCTAssertEqual(StreamFont.ranges(glyphs), "0,3-5,9,11-12,700")
        XCTAssertEqual(StreamFont.glyphs(StreamFont.ranges(glyphs)), glyphs)
        XCTAssertEqual(StreamFont.glyphs(""), [])
        XCTAssertNil(StreamFont.glyphs("x"))
    }
}
