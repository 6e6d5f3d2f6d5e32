import Bundles
import Foundation
import Journal
import RunFolder
import Templates

/// Packs a finished run's output into signed BagIt bundles for delivery: one per trading partner the
/// template's `document.bundle` names (per-document runs), or one for the whole run. Each bag carries a
/// delivery manifest (per document: account, channel, path, size, sha256, pages, template and its hash).
/// Everything in a bundle comes from the run's files and journal, so a resumed or repeated run makes the
/// same bytes; documents are streamed from the journal, so memory does not grow with the run.
struct RunBundles {
    let options: RunOptions
    let template: CompiledTemplate
    let runID: String
    let templateHash: String
    let signer: SigningIdentity
    let journal: Journal
    let runRow: Int64

    /// `<run id>` for the run's one bundle, `<run id>-<partner>` when the template routes documents.
    static func bundleID(runID: String, partner: String?) -> String {
        guard let partner, !partner.isEmpty else { return runID }
        return runID + "-" + OutputName.make(partner)
    }

    func make() throws(RunError) -> [BundleEntry] {
        let out = options.outputDirectory
        let folder = options.folder
        let directory = folder.bundles
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw .output("cannot create \(directory): \(error.localizedDescription)")
        }
        var groups = try journalCall { () throws(JournalError) in try journal.documentBundles(run: runRow) }
        if groups.isEmpty { groups = [(bundle: runID, documents: 0)] }
        // The print stream is read once for both its manifest digests and the delivery manifest.
        var streamFile: (sha256: String, size: Int)?
        var streamDigests: BundleFileDigests?
        let streamPath = RunFolder.streamFile(options.streamFileName)
        if options.mode == .stream {
            let (sha256, sha512, bytes) = try FileHashing.digests(folder.file(streamPath))
            streamFile = (sha256, bytes)
            streamDigests = BundleFileDigests(size: Int64(bytes), sha256: sha256, sha512: sha512)
        }
        var entries: [BundleEntry] = []
        for (i, group) in groups.enumerated() {
            let id = group.bundle
            let manifestPath = RunFolder.temporary((directory as NSString).appendingPathComponent("\(id).delivery-manifest.json"))
            defer { unlink(manifestPath) }
            try writeDeliveryManifest(id, to: manifestPath, streamFile: streamFile)
            let files: any BundlePayloadSource = options.mode == .stream
                ? [BundlePayloadFile(pathInData: streamPath, sourcePath: folder.file(streamPath),
                                     knownDigests: streamDigests),
                   BundlePayloadFile(pathInData: RunFolder.printIndexFile, sourcePath: folder.file(RunFolder.printIndexFile))]
                : JournalPayload(journal: journal, run: runRow, bundle: id, outputDirectory: out)
            let spec = BundleSpec(
                bundleID: id, sourceOrganization: template.document.organization ?? template.document.author?.constantValue ?? template.name,
                baggingDate: options.runDate.iso, externalIdentifier: "\(runID) \(id)", bagCount: "\(i + 1) of \(groups.count)",
                extraBagInfo: [("Bag-Group-Identifier", runID), ("Bundle-Documents", String(group.documents)),
                               ("Template", template.name), ("Template-SHA256", templateHash), ("Engine", BatchRun.engineVersion)],
                modificationTime: Int(options.runDate.daysSinceEpoch) * 86_400, files: files,
                tagFiles: [.file(name: "delivery-manifest.json", path: manifestPath)])
            let result: BundleResult
            do { result = try BundleWriter.write(spec, directory: directory, signer: signer) } catch {
                throw .output("bundle \(id): \(error)")
            }
            entries.append(BundleEntry(
                bundleID: id, path: "\(RunFolder.bundlesFolder)/\(id).tar.zst", sha256: result.sha256, bytes: Int(result.payloadBytes),
                signaturePath: "\(RunFolder.bundlesFolder)/\(id).tar.zst.p7s", signatureSHA256: result.signatureSHA256,
                signer: "\(result.signerSubject) (SHA-256 \(result.signerFingerprint))", documents: group.documents))
        }
        return entries
    }

    /// JSON with sorted keys, one document per line in input order, written as the journal yields them.
    private func writeDeliveryManifest(_ id: String, to path: String, streamFile: (sha256: String, size: Int)?) throws(RunError) {
        let file = try OutputFile(path: path)
        func quoted(_ s: String) -> String { JSONText.quote(s) }
        let quotedTemplate = quoted(template.name)
        try file.write("{\"bundle\":\(quoted(id)),\n\"documents\":[")
        var first = true
        var failure: RunError?
        try journalCall { () throws(JournalError) in
            try journal.forEachDocument(run: runRow, bundle: id, orderedBy: .line) { d in
                // Keys in sorted order, as a reader diffing two manifests expects; built by hand (JSONSerialization
                // took 0.13 s of a 2,000-document run).
                let size = streamFile?.size ?? d.size ?? 0
                let sha256 = streamFile?.sha256 ?? d.sha256 ?? ""
                var line = "{\"account\":\(quoted(d.documentID)),\"channel\":\(quoted(d.channel)),\"content_sha256\":\(quoted(d.contentSHA256)),"
                if streamFile != nil { line += "\"first_page\":\(d.firstPage ?? 1)," }
                line += "\"input_line\":\(d.line),\"pages\":\(d.pages),\"path\":\(quoted("data/" + d.path)),\"sha256\":\(quoted(sha256)),"
                    + "\"size\":\(size),\"template\":\(quotedTemplate),\"template_hash\":\(quoted(templateHash))}"
                do throws(RunError) { try file.write((first ? "\n" : ",\n") + line) } catch {
                    failure = error
                    return false
                }
                first = false
                return true
            }
        }
        if let failure { throw failure }
        try file.write("\n],\n\"engine\":\(quoted(BatchRun.engineVersion)),\"mode\":\(quoted(options.mode.rawValue)),"
            + "\"run_date\":\(quoted(options.runDate.iso)),\"run_id\":\(quoted(runID)),\"template\":\(quoted(template.name)),"
            + "\"template_hash\":\(quoted(templateHash))}\n")
        try file.commit()
    }

    /// The identity that signs: the operator's pair, or the demo pair (made on first use, and said so).
    static func signer(options: RunOptions) throws(RunError) -> SigningIdentity {
        try signer(keyPath: options.signingKeyPath, certificatePath: options.signingCertificatePath, notice: options.notice)
    }

    /// `notice`: told when the demo pair is created (the library never prints).
    static func signer(keyPath: String?, certificatePath: String?,
                       notice: (@Sendable (String) -> Void)? = nil) throws(RunError) -> SigningIdentity {
        if let key = keyPath, let cert = certificatePath {
            do { return try SigningIdentity.load(keyPath: key, certificatePath: cert) } catch { throw .input(because: error) }
        }
        let directory = SigningIdentity.defaultDirectory()
        do {
            let (identity, created) = try SigningIdentity.demo(directory: directory)
            if created {
                notice?("created a self-signed demo key pair in \(directory) to sign bundles (not for production: pass --signing-key/--signing-cert or set INKSTREAM_KEYS; `inkstream keys` shows it)")
            }
            return identity
        } catch { throw .output(because: error) }
    }
}

/// A bundle's payload straight from the journal, sorted by path, one document at a time.
private struct JournalPayload: BundlePayloadSource {
    let journal: Journal
    let run: Int64
    let bundle: String
    let outputDirectory: String

    func forEachFile(_ body: (BundlePayloadFile) throws(BundleError) -> Void) throws(BundleError) {
        var failure: BundleError?
        do throws(JournalError) {
            try journal.forEachDocument(run: run, bundle: bundle, orderedBy: .path) { d in
                do throws(BundleError) {
                    let known = d.size.flatMap { size in
                        d.sha256.flatMap { sha256 in
                            d.sha512.map { BundleFileDigests(size: Int64(size), sha256: sha256, sha512: $0) }
                        }
                    }
                    try body(BundlePayloadFile(pathInData: d.path, sourcePath: (outputDirectory as NSString).appendingPathComponent(d.path),
                                               knownDigests: known))
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
        } catch {
            throw .unreadablePayload(path: journal.path, reason: error.description)
        }
        if let failure { throw failure }
    }
}
