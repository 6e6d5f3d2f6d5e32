import ArgumentParser
import Bundles
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a bundle's signature, archive and BagIt checksums (exit 1 on the first problem).")

    @Argument(help: "The bundle, <id>.tar.zst.")
    var bundle: String

    @Option(help: "Detached signature (default: BUNDLE.p7s).")
    var signature: String?

    @Option(help: "Certificate the signer must chain to; without it the signer is not checked against a CA.")
    var ca: String?

    func run() throws {
        do {
            let summary = try BundleVerifier.verify(bundle: bundle, signature: signature, trustedCertificate: ca)
            print("OK \(bundle): \(summary.payloadFiles) files, \(summary.payloadBytes) bytes, signed by \(summary.signerSubject)")
            if !summary.signerCheckedAgainstCA {
                print("note: the signer was not checked against a CA; pass --ca CERT to check who signed")
            }
        } catch {
            // Some messages already start with the bundle's path (e.g. "cannot read"); do not repeat it.
            let message = "\(error)"
            let line = message.hasPrefix(bundle + ":") ? message : "\(bundle): \(message)"
            FileHandle.standardError.write(Data((line + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
