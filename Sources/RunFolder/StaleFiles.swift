import Foundation

/// Hidden files a killed process left in a run folder: documents, print-stream pieces and bundles not yet
/// committed (always removed), and the partial files a checkpoint may still need (removed when starting
/// over).
package enum StaleFiles {
    package static func remove(in folder: RunFolder, partialsToo: Bool) {
        for sub in RunFolder.outputFolders {
            let directory = folder.file(sub)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names where name.hasPrefix(".") {
                // Every hidden file in bundles/ is a bundle being written: bundles are made again from scratch.
                // `.piece-N.pdf`: stream pieces of builds before 0.2.0 (pieces are now handed over in memory).
                let isPending = name.contains(".pending-") || name.contains(".tmp-") || name.hasPrefix(".piece-")
                    || sub == RunFolder.bundlesFolder
                let isPartial = name.hasSuffix(".partial") || name.hasSuffix(".xref") || name.hasSuffix(".kids")
                    || name.hasSuffix(".outline")
                if isPending || (partialsToo && isPartial) { unlink((directory as NSString).appendingPathComponent(name)) }
            }
        }
    }
}
