import Foundation
import XCTest

/// The command-line PDF tools the tests check output with (qpdf, poppler-utils).
enum PDFTools {
    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self),
                      error: String(decoding: errors, as: UTF8.self))
    }

    static func available(_ tool: String) -> Bool {
        (try? run(["which", tool]).status) == 0
    }

    static func pageCount(_ path: String) throws -> Int {
        let info = try run(["pdfinfo", path]).output
        for line in info.split(separator: "\n") where line.hasPrefix("Pages:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? -1
        }
        return -1
    }

    static func text(_ path: String) throws -> String {
        try run(["pdftotext", path, "-"]).output
    }

    /// Each page rendered at `dpi` as a greyscale raster (pdftoppm's PGM output).
    static func grayPages(_ path: String, dpi: Int, prefix: String) throws -> [(width: Int, height: Int, pixels: [UInt8])] {
        let result = try run(["pdftoppm", "-r", String(dpi), "-gray", path, prefix])
        XCTAssertEqual(result.status, 0, result.error)
        let folder = (prefix as NSString).deletingLastPathComponent, base = (prefix as NSString).lastPathComponent
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix(base + "-") && $0.hasSuffix(".pgm") }.sorted()
        return try files.map { name in
            let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            // P5\n<width> <height>\n255\n<pixels>
            var fields: [Int] = [], i = 2, current = 0, inNumber = false
            while fields.count < 3 {
                let c = data[i]
                if c >= 48 && c <= 57 {
                    current = current * 10 + Int(c - 48)
                    inNumber = true
                } else if inNumber {
                    fields.append(current)
                    current = 0
                    inNumber = false
                }
                i += 1
            }
            return (fields[0], fields[1], Array(data[i...]))
        }
    }

    /// How far two renders of the same page are apart: the mean absolute grey difference and the share of
    /// pixels off by more than `threshold`. Nil when the pages differ in size.
    static func difference(_ a: (width: Int, height: Int, pixels: [UInt8]), _ b: (width: Int, height: Int, pixels: [UInt8]),
                           threshold: Int) -> (mean: Double, differing: Int, share: Double)? {
        guard a.width == b.width, a.height == b.height, a.pixels.count == b.pixels.count, !a.pixels.isEmpty else { return nil }
        var total = 0, differing = 0
        for i in a.pixels.indices {
            let d = abs(Int(a.pixels[i]) - Int(b.pixels[i]))
            total += d
            if d > threshold { differing += 1 }
        }
        let count = Double(a.pixels.count)
        return (Double(total) / count, differing, Double(differing) / count)
    }
}
