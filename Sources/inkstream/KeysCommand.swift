import ArgumentParser
import Bundles
import Foundation

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Show which key signs bundles (creating the demo key pair on first use).",
        discussion: """
            Without --key/--cert this is the demo key pair in $INKSTREAM_KEYS, else $XDG_DATA_HOME/inkstream/keys, \
            else ~/.local/share/inkstream/keys.
            """)

    @Option(help: "PEM private key that signs bundles (with --cert).")
    var key: String?

    @Option(help: "PEM certificate of that key (with --key).")
    var cert: String?

    func validate() throws {
        if (key == nil) != (cert == nil) { throw ValidationError("pass --key and --cert together") }
    }

    func run() throws {
        do {
            let identity: SigningIdentity
            if let key, let cert {
                identity = try SigningIdentity.load(keyPath: key, certificatePath: cert)
            } else {
                let directory = SigningIdentity.defaultDirectory()
                let demo = try SigningIdentity.demo(directory: directory)
                identity = demo.identity
                if demo.created {
                    print("created a self-signed demo key pair in \(directory) (not for production; pass --key/--cert or set INKSTREAM_KEYS)")
                }
            }
            let dates = ISO8601DateFormatter()
            print("""
                key:         \(identity.keyPath)
                certificate: \(identity.certificatePath)
                subject:     \(identity.subject)
                fingerprint: SHA-256 \(identity.fingerprint)
                valid:       \(dates.string(from: identity.notBefore)) to \(dates.string(from: identity.notAfter))
                algorithm:   \(identity.algorithm)
                """)
        } catch {
            FileHandle.standardError.write(Data("inkstream: \(error)\n".utf8))
            throw ExitStatus.difference.exit
        }
    }
}
