import Bundles
import Foundation
import Journal
import Templates

/// Packs a finished run's output into signed BagIt bundles for delivery: one per trading partner the
/// template's `document.bundle` names (per-document runs), or one for the whole run. Each bag carries a
/// delivery manifest (per document: account, channel, path, size, sha256, pages, template and its hash).
/// Everything in a bundle comes from the run's files and journal, so a resumed or repeated run makes the
/// same bytes.
struct RunBundles {
    let options: RunOptions
    let template: CompiledTemplate
    let runID: String
    let templateHash: String
    let signer: SigningIdentity

    /// `<run id>` for the run's one bundle, `<run id>-<partner>` when the template routes documents.
    static func bundleID(runID: String, partner: String?) -> String {
        guard let partner, !partner.isEmpty else { return runID }
        return runID + "-" + DocumentFileName.make(partner)
    }

    func make(documents: [DocumentEntry]) throws(RunError) -> [BundleEntry] {
        let out = options.outputDirectory
        var groups: [String: [DocumentEntry]] = [:]
        for document in documents { groups[document.bundle ?? runID, default: []].append(document) }
        if groups.isEmpty { groups[runID] = [] }
        var streamFile: (sha256: String, size: Int)?
        if options.mode == .stream {
            let stream = (out as NSString).appendingPathComponent("print/" + options.streamFileName)
            let (hex, bytes) = try FileHashing.file(stream)
            streamFile = (hex, bytes)
        }
        let ids = groups.keys.sorted()
        var entries: [BundleEntry] = []
        for (i, id) in ids.enumerated() {
            let members = groups[id] ?? []
            var files: [BundlePayloadFile]
            if options.mode == .stream {
                files = ["print/" + options.streamFileName, "print/index.csv"].map {
                    BundlePayloadFile(pathInData: $0, sourcePath: (out as NSString).appendingPathComponent($0))
                }
            } else {
                files = members.map { BundlePayloadFile(pathInData: $0.path, sourcePath: (out as NSString).appendingPathComponent($0.path)) }
            }
            let manifest = deliveryManifest(id, members, streamFile: streamFile)
            let spec = BundleSpec(
                bundleID: id, sourceOrganization: template.document.organization ?? template.document.author?.constantValue ?? template.name,
                baggingDate: options.runDate.iso, externalIdentifier: "\(runID) \(id)", bagCount: "\(i + 1) of \(ids.count)",
                extraBagInfo: [("Bag-Group-Identifier", runID), ("Bundle-Documents", String(members.count)),
                               ("Template", template.name), ("Template-SHA256", templateHash), ("Engine", BatchRun.engineVersion)],
                modificationTime: Int(options.runDate.daysSinceEpoch) * 86_400, files: files,
                tagFiles: [.bytes(name: "delivery-manifest.json", contents: manifest)])
            let result: BundleResult
            do {
                result = try BundleWriter.write(spec, directory: (out as NSString).appendingPathComponent("bundles"), signer: signer)
            } catch { throw .output("bundle \(id): \(error)") }
            entries.append(BundleEntry(
                bundleID: id, path: "bundles/\(id).tar.zst", sha256: result.sha256, bytes: Int(result.payloadBytes),
                signaturePath: "bundles/\(id).tar.zst.p7s", signatureSHA256: result.signatureSHA256,
                signer: "\(result.signerSubject) (SHA-256 \(result.signerFingerprint))", documents: members.count))
        }
        return entries
    }

    /// JSON with sorted keys and documents in input order: deterministic bytes.
    private func deliveryManifest(_ id: String, _ members: [DocumentEntry], streamFile: (sha256: String, size: Int)?) -> [UInt8] {
        let documents: [[String: Any]] = members.map { d in
            var entry: [String: Any] = [
                "account": d.documentID, "channel": d.channel, "path": "data/" + d.path, "pages": d.pages,
                "content_sha256": d.contentSHA256, "template": template.name, "template_hash": templateHash, "input_line": d.line,
            ]
            if let streamFile {
                entry["size"] = streamFile.size
                entry["sha256"] = streamFile.sha256
                entry["first_page"] = d.firstPage ?? 1
            } else {
                entry["size"] = d.size ?? 0
                entry["sha256"] = d.sha256 ?? ""
            }
            return entry
        }
        let manifest: [String: Any] = [
            "bundle": id, "run_id": runID, "run_date": options.runDate.iso, "mode": options.mode.rawValue,
            "template": template.name, "template_hash": templateHash, "engine": BatchRun.engineVersion,
            "documents": documents,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return Array(data) + [10]
    }

    /// The identity that signs: the operator's pair, or the demo pair (made on first use, and said so).
    static func signer(options: RunOptions) throws(RunError) -> SigningIdentity {
        if let key = options.signingKeyPath, let cert = options.signingCertificatePath {
            do { return try SigningIdentity.load(keyPath: key, certificatePath: cert) } catch { throw .input("\(error)") }
        }
        let directory = SigningIdentity.defaultDirectory()
        do {
            let (identity, created) = try SigningIdentity.demo(directory: directory)
            if created {
                RunSetup.say("created a self-signed demo key pair in \(directory) to sign bundles (not for production: pass --signing-key/--signing-cert or set INKSTREAM_KEYS; `inkstream keys` shows it)")
            }
            return identity
        } catch { throw .output("\(error)") }
    }
}
