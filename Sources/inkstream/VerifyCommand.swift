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

    @Flag(help: "Fail (exit 1) unless the signer is checked against --ca: a valid signature alone says nothing about who made it.")
    var strict = false

    func run() throws {
        do {
            let summary = try BundleVerifier.verify(bundle: bundle, signature: signature, trustedCertificate: ca)
            if strict && !summary.signerCheckedAgainstCA {
                FileHandle.standardError.write(Data("\(bundle): \(summary.signerNote); --strict refuses a signer that is not verified: pass --ca CERT\n".utf8))
                throw ExitStatus.difference.exit
            }
            print("OK \(bundle): \(summary.payloadFiles) files, \(summary.payloadBytes) bytes; \(summary.signerNote)")
            if !summary.signerCheckedAgainstCA {
                print("note: pass --ca CERT to check who signed (--strict makes an unverified signer an error)")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            // Some messages already start with the bundle's path (e.g. "cannot read"); do not repeat it.
            let message = "\(error)"
            let line = message.hasPrefix(bundle + ":") ? message : "\(bundle): \(message)"
            FileHandle.standardError.write(Data((line + "\n").utf8))
            throw ExitStatus.difference.exit
        }
    }
}
