import ArgumentParser

@main
struct Inkstream: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inkstream",
        abstract: "Batch composition: records + template → print-ready PDF, email and SMS, with proof of what was sent; X12 from trading partners in.",
        discussion: "Exit codes (every command):\n" + ExitStatus.helpTable,
        version: "0.2.0",
        subcommands: [RunCommand.self, PreviewCommand.self, CheckCommand.self, HistoryCommand.self, ReprintCommand.self,
                      AuditCommand.self, VerifyCommand.self, KeysCommand.self, DeliverCommand.self, InboundCommand.self,
                      X12Command.self])
}
