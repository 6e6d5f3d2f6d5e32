import Foundation

/// The `channels:`, `email:` and `sms:` sections.
extension TemplateCompiler {
    func readChannels(_ node: TemplateNode?, scope: CompileScope) -> ChannelRules? {
        guard let node else { return nil }
        checkKeys(node, ["choose", "fallback"])
        guard let chooseNode = node["choose"] else {
            errors.append(node.error("'channels:' needs 'choose:', an expression giving print, email or sms, e.g. \"{channel}\""))
            return nil
        }
        guard let choose = compileText(chooseNode, scope: scope) else { return nil }
        let fallback = record { () throws(TemplateError) in try readFallback(node["fallback"], default: .channel(.print)) } ?? .channel(.print)
        return ChannelRules(choose: choose, fallback: fallback)
    }

    func readFallback(_ node: TemplateNode?, default fallback: ChannelFallback) throws(TemplateError) -> ChannelFallback {
        guard let node else { return fallback }
        let text = try node.requireString()
        if text == "reject" { return .reject }
        guard let channel = Channel(rawValue: text) else {
            throw node.error("unknown fallback '\(text)'; use print, email, sms or reject")
        }
        return .channel(channel)
    }

    func readEmail(_ node: TemplateNode?, scope: CompileScope) -> EmailVariant? {
        guard let node else { return nil }
        record { () throws(TemplateError) in
            checkKeys(node, ["from", "to", "reply_to", "subject", "html", "text", "attach_pdf", "attachments", "inline"])
        }
        func required(_ key: String, _ hint: String) -> TemplateNode? {
            guard let value = node[key] else {
                errors.append(node.error("'email:' needs '\(key):' (\(hint))"))
                return nil
            }
            return value
        }
        let from = required("from", "the sender, e.g. \"Billing <billing@example.com>\"").flatMap { readAddress($0, scope: scope) }
        let to = required("to", "the recipient, e.g. {name: \"{name}\", address: \"{email}\"}").flatMap { readAddress($0, scope: scope) }
        let subject = required("subject", "text with {expressions}").flatMap { compileText($0, scope: scope) }
        let html = readBody(node["html"], key: "html", isHTML: true, scope: scope, parent: node)
        let text = readBody(node["text"], key: "text", isHTML: false, scope: scope, parent: node)
        let attachments = readParts(node["attachments"], inline: false)
        let inline = readParts(node["inline"], inline: true)
        guard let from, let to, let subject, let html, let text else { return nil }
        return EmailVariant(from: from, to: to, replyTo: node["reply_to"].flatMap { readAddress($0, scope: scope) }, subject: subject,
                            html: html, text: text, attachPDF: node["attach_pdf"].flatMap { compileText($0, scope: scope) },
                            attachments: attachments, inline: inline)
    }

    /// "Name <a@b.example>" as one text, or {name: …, address: …}.
    private func readAddress(_ node: TemplateNode, scope: CompileScope) -> AddressTemplate? {
        guard node.isMapping else { return compileText(node, scope: scope).map { .text($0) } }
        checkKeys(node, ["name", "address"])
        guard let addressNode = node["address"] else {
            errors.append(node.error("an address mapping needs 'address:' (and may have 'name:')"))
            return nil
        }
        guard let address = compileText(addressNode, scope: scope) else { return nil }
        return .parts(name: node["name"].flatMap { compileText($0, scope: scope) }, address: address)
    }

    func readSMS(_ node: TemplateNode?, scope: CompileScope) -> SMSVariant? {
        guard let node else { return nil }
        checkKeys(node, ["to", "region", "text", "max_segments", "over_limit", "unsafe_characters"])
        guard let toNode = node["to"], let textNode = node["text"] else {
            errors.append(node.error("'sms:' needs 'to:' (e.g. \"{phone}\") and 'text:'"))
            return nil
        }
        let maxSegments = record { () throws(TemplateError) in try node.number("max_segments", default: 1) } ?? 1
        if maxSegments < 1 || maxSegments != maxSegments.rounded() {
            errors.append(node["max_segments"]!.error("max_segments is a whole number of at least 1"))
        }
        let overLimit = record { () throws(TemplateError) in try readFallback(node["over_limit"], default: .channel(.print)) } ?? .channel(.print)
        var unsafe = UnsafeCharacterPolicy.strip
        if let policyNode = node["unsafe_characters"] {
            if let policy = policyNode.string.flatMap(UnsafeCharacterPolicy.init(rawValue:)) {
                unsafe = policy
            } else {
                errors.append(policyNode.error("unsafe_characters is strip (remove control, bidi and zero-width characters that come from the data) or reject (reject the record)"))
            }
        }
        guard let to = compileText(toNode, scope: scope), let text = compileText(textNode, scope: scope) else { return nil }
        return SMSVariant(to: to, region: node["region"]?.string ?? "US", text: text, maxSegments: Int(maxSegments), overLimit: overLimit,
                          unsafeCharacters: unsafe)
    }

    /// A body file of the template folder, compiled with the body language.
    private func readBody(_ node: TemplateNode?, key: String, isHTML: Bool, scope: CompileScope, parent: TemplateNode) -> CompiledBody? {
        guard let node, let name = node.string else {
            errors.append((node ?? parent).error("'email:' needs '\(key):', a file of the template folder (e.g. email.\(isHTML ? "html" : "txt"))"))
            return nil
        }
        let path = (directory as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
            errors.append(node.error("cannot read \(path) as UTF-8 text"))
            return nil
        }
        var compiler = BodyTemplateCompiler(file: path, element: "email.\(key)")
        let body = compiler.compile(source, scope: scope, html: isHTML)
        errors += compiler.errors
        maxSlots = max(maxSlots, compiler.maxSlots)
        return body
    }

    /// RFC 2392 content ids are message ids: `left@right`, printable ASCII.
    static func isContentID(_ id: String) -> Bool {
        let parts = id.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty }
            && id.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && !"<>\"()[]\\,;:".unicodeScalars.contains($0) }
    }

    /// `attachments: [terms.pdf]` or `inline: {logo@acme: logo.png}`.
    private func readParts(_ node: TemplateNode?, inline: Bool) -> [StaticPart] {
        guard let node else { return [] }
        var entries: [(id: String?, node: TemplateNode)] = []
        if inline {
            guard node.isMapping else {
                errors.append(node.error("inline parts are a mapping of content ids to files, e.g. {logo@acme: logo.png} (used as cid:logo@acme)"))
                return []
            }
            entries = (record { () throws(TemplateError) in try node.mappingPairs() } ?? []).map { ($0.key, $0.value) }
        } else {
            entries = (record { () throws(TemplateError) in try node.items() } ?? []).map { (nil, $0) }
        }
        var parts: [StaticPart] = []
        for (id, item) in entries {
            guard let name = item.string else { errors.append(item.error("expected a file name")); continue }
            if let id, !Self.isContentID(id) {
                errors.append(item.error("content id '\(id)' must look like name@domain (e.g. logo@acme), printable ASCII without spaces, <, > or quotes; the HTML then uses cid:\(id.contains("@") ? id : id + "@acme")"))
                continue
            }
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else {
                errors.append(item.error("\(path) does not exist"))
                continue
            }
            guard let type = ContentTypes.forFile(path) else {
                errors.append(item.error("unknown kind of file '\(name)': use .pdf, .png, .jpg, .gif, .svg, .txt, .html or .csv"))
                continue
            }
            parts.append(StaticPart(path: path, filename: (name as NSString).lastPathComponent, contentType: type, contentID: id))
        }
        return parts
    }
}
