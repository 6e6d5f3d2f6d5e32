/// The run report as a page a person reads: counts, throughput, whether the counts reconcile, rejects.
enum ReportPage {
    static func html(_ r: RunReport) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        func fmt(_ v: Double) -> String { String(format: "%.1f", v) }
        let split = r.channels.map { " (\($0.print) print + \($0.email) email + \($0.sms) SMS)" } ?? ""
        let status = r.reconciles
            ? "<span class=ok>✔ reconciles: \(r.recordsRead) records = \(r.documents) documents\(split) + \(r.rejects) rejects</span>"
            : "<span class=bad>✘ does not reconcile: \(r.recordsRead) records ≠ \(r.documents) documents + \(r.rejects) rejects</span>"
        var rows = ""
        for reject in r.firstRejects {
            rows += "<tr><td>\(esc(reject.file))</td><td class=num>\(reject.line)</td><td>\(esc(reject.reason))</td></tr>\n"
        }
        var fallbackRows = ""
        for f in r.firstFallbacks ?? [] {
            fallbackRows += "<tr><td class=num>\(f.line)</td><td>\(esc(f.document))</td><td>\(esc(f.channel))</td><td>\(esc(f.reason))</td></tr>\n"
        }
        let fallbacks = r.fallbacks ?? 0
        let channelSection = r.channels.map { c in
            """
            <h2>Channels</h2>
            <div class=tiles>
            <div class=tile><b>\(c.print)</b>print</div>
            <div class=tile><b>\(c.email)</b>email</div>
            <div class=tile><b>\(c.sms)</b>SMS</div>
            <div class=tile><b>\(fallbacks)</b>fallbacks</div>
            </div>
            """ + (fallbacks == 0 ? "<p>Every document went out on the channel the template's rule chose.</p>" : """
            <p>\(fallbacks) document\(fallbacks == 1 ? "" : "s") went out on another channel than the rule chose\(fallbacks > fallbackRows.components(separatedBy: "<tr>").count - 1 ? " (the first 100 below)" : ""):</p>
            <table><tr><th>Line</th><th>Document</th><th>Sent as</th><th>Why</th></tr>
            \(fallbackRows)</table>
            """)
        } ?? ""
        var warningRows = ""
        for w in r.firstWarnings ?? [] {
            warningRows += "<tr><td class=num>\(w.line)</td><td>\(esc(w.document))</td><td>\(w.warnings.map(esc).joined(separator: "<br>"))</td></tr>\n"
        }
        let warningsSection = r.warnings.map { count in
            let listed = r.firstWarnings?.count ?? 0
            return "<h2>Overflow warnings</h2>" + (count == 0 ? "<p>Everything fit.</p>" : """
            <p>\(count) document\(count == 1 ? " was" : "s were") made although something did not fit (the template's overflow: warn)\(count > listed ? " (the first \(listed) below)" : ""):</p>
            <table><tr><th>Line</th><th>Document</th><th>What did not fit</th></tr>
            \(warningRows)</table>
            """)
        } ?? ""
        let rejectsSection = r.rejects == 0 ? "<p>No rejects.</p>" : """
            <p>\(r.rejects) rejected record\(r.rejects == 1 ? "" : "s")\(r.rejects > r.firstRejects.count ? " (the first \(r.firstRejects.count) below; all in rejects.jsonl)" : ""):</p>
            <table><tr><th>File</th><th>Line</th><th>Reason</th></tr>
            \(rows)</table>
            """
        return """
            <!doctype html>
            <html lang=en><head><meta charset=utf-8><title>Inkstream run report · \(esc(r.template)) · \(r.runDate)</title>
            <style>
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}
            h1{font-size:1.4em;color:#1F4E79} table{border-collapse:collapse;margin:.5em 0}
            td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left} th{background:#eef2f6}
            .num{text-align:right;font-variant-numeric:tabular-nums} .ok{color:#1a7f37;font-weight:600} .bad{color:#b00020;font-weight:600}
            .tiles{display:flex;gap:1em;flex-wrap:wrap} .tile{background:#f3f5f8;padding:.8em 1.2em;border-radius:6px}
            .tile b{display:block;font-size:1.6em}
            </style></head><body>
            <h1>Run report: \(esc(r.template)), run date \(r.runDate)</h1>
            <p>\(status)</p>
            <div class=tiles>
            <div class=tile><b>\(r.recordsRead)</b>records read</div>
            <div class=tile><b>\(r.documents)</b>documents</div>
            <div class=tile><b>\(r.pages)</b>pages</div>
            <div class=tile><b>\(r.rejects)</b>rejects</div>
            <div class=tile><b>\(fmt(r.documentsPerSecond))</b>documents/s</div>
            <div class=tile><b>\(fmt(r.pagesPerSecond))</b>pages/s</div>
            <div class=tile><b>\(String(format: "%.2f", r.wallSeconds)) s</b>wall time</div>
            </div>
            <h2>Run</h2>
            <table>
            <tr><th>Template</th><td>\(esc(r.templateFile))</td></tr>
            <tr><th>Input</th><td>\(esc(r.input))</td></tr>
            <tr><th>Output</th><td>\(esc(r.output)) (\(r.outputs.map(esc).joined(separator: ", ")))</td></tr>
            <tr><th>Mode</th><td>\(r.mode), \(r.jobs) job\(r.jobs == 1 ? "" : "s")</td></tr>
            <tr><th>Engine</th><td>\(esc(r.engine))</td></tr>
            <tr><th>Run id</th><td>\(esc(r.runID ?? "–"))\(r.resumedAfterRecord.map { " (resumed after record \($0))" } ?? "")</td></tr>
            <tr><th>Journal</th><td>\(esc(r.journal ?? "–"))</td></tr>
            <tr><th>Bundles</th><td>\(r.bundles.isEmpty ? "–" : r.bundles.map { esc($0) }.joined(separator: "<br>"))</td></tr>
            \(r.proofSeconds.map { p in
                "<tr><th>Proof</th><td>\(p.checkpointCount) checkpoint\(p.checkpointCount == 1 ? "" : "s") (\(String(format: "%.3f", p.checkpoints)) s on the committing thread), journal \(String(format: "%.3f", p.journal)) s, bundles \(String(format: "%.2f", p.bundles)) s</td></tr>"
            } ?? "")
            </table>
            \(channelSection)
            \(warningsSection)
            <h2>Rejects</h2>
            \(rejectsSection)
            </body></html>

            """
    }
}
