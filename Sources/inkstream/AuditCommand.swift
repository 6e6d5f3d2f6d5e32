import ArgumentParser
import Foundation
import Journal

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the journal's hash-chained audit log.",
        subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the audit chain and check each completed run's documents and rejects against it (exit 1 if anything was edited).")

        @OptionGroup var journal: JournalOption

        func run() throws {
            let result: AuditVerification
            do { result = try Journal.existing(path: journal.path).verifyAudit() } catch { throw fail("\(error)", code: 66) }
            if result.intact {
                print("OK \(journal.path): \(result.entries) audit entries, chain intact, every completed run matches its entries")
                return
            }
            FileHandle.standardError.write(Data((["\(journal.path): the history was edited:"] + result.problems.map { "  " + $0 })
                .joined(separator: "\n").appending("\n").utf8))
            throw ExitCode(1)
        }
    }
}
