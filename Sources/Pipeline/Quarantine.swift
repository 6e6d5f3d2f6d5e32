import Foundation
import Journal
import RunFolder

/// Moves what an unfinished run left in the output folder out of the way before a run of another identity
/// starts there: its PDFs and messages would otherwise sit beside the new run's, and `deliver` would see
/// them. They go to `OUT/quarantine/<run id>-<journal row>/` (named in the new run's report), not deleted:
/// an operator may want to look at what a killed run made.
///
/// A file belongs in the folder when a completed run recorded it; any other visible file in documents/ or
/// email/ was made by an unfinished run (recorded at a checkpoint, or renamed into place after the last one).
enum Quarantine {
    struct Moved: Sendable, Equatable {
        let folder: String
        let files: Int
    }

    static func sweep(_ folder: RunFolder, journal: Journal, superseded: JournalRun) throws(RunError) -> Moved? {
        let belongs = try journalCall { () throws(JournalError) in try journal.completedPaths(outputDirectory: folder.absolute) }
        let target = RunFolder.quarantineFolder + "/\(superseded.description.runID)-\(superseded.row)"
        var moved = 0
        for sub in [RunFolder.documentsFolder, RunFolder.emailFolder] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.file(sub)) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") && !belongs.contains(sub + "/" + name) {
                let destination = folder.file(target + "/" + sub)
                do { try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true) } catch {
                    throw .output("cannot create \(destination): \(error.localizedDescription)")
                }
                let from = folder.file(sub + "/" + name)
                guard rename(from, destination + "/" + name) == 0 else {
                    throw .output("cannot move \(from) to \(destination): \(String(cString: strerror(errno)))")
                }
                moved += 1
            }
        }
        return moved == 0 ? nil : Moved(folder: target, files: moved)
    }
}
