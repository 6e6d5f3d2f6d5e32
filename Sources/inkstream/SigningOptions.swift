import ArgumentParser
import Pipeline

/// `--signing-key/--signing-cert` for commands that append to the audit log and so sign its head again.
struct SigningOptions: ParsableArguments {
    @Option(name: .customLong("signing-key"), help: "PEM private key that signs the journal's audit head (with --signing-cert; default: the demo pair `inkstream keys` shows). Use the pair the runs sign with.")
    var signingKey: String?

    @Option(name: .customLong("signing-cert"), help: "PEM X.509 certificate of --signing-key.")
    var signingCert: String?

    func validate() throws {
        guard (signingKey == nil) == (signingCert == nil) else {
            throw ValidationError("give --signing-key and --signing-cert together (the key and its certificate)")
        }
    }

    /// Signs the head of the journal at `path` after the command appended to its audit log.
    func signHead(journal path: String) throws {
        do { try JournalHead.sign(journalPath: path, keyPath: signingKey, certificatePath: signingCert,
                                      notice: StandardError.notice) } catch {
            throw fail("\(error)", ExitStatus(error))
        }
    }
}
