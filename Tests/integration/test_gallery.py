"""The gallery templates (Templates/telecom_invoice, partner_onboarding, utility_bill) over their fixtures:
every record a document, the reports reconcile, the text in each record's language, pages that qpdf
accepts, byte-identical reruns; and a mistake in a shared component reported in the component's file."""
import hashlib
import json
import shutil
import subprocess

import pytest

GALLERY = [
    ("telecom_invoice", "telecom_invoices.jsonl", "2026-11-16", 12),
    ("partner_onboarding", "partner_onboarding.jsonl", "2026-12-01", 6),
    ("utility_bill", "utility_bills.jsonl", "2026-12-02", 6),
]


def run(inkstream, root, out, template, fixture, run_date):
    inkstream("run", "--template", root / "Templates" / template, "--input", root / "Fixtures/gallery" / fixture,
              "--out", out, "--run-date", run_date)
    return json.loads((out / "report.json").read_text())


def text(pdf):
    return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("template,fixture,run_date,count", GALLERY)
def test_gallery_runs_reconcile_and_rerun_byte_identical(inkstream, root, tmp_path, template, fixture, run_date, count):
    first = run(inkstream, root, tmp_path / "a", template, fixture, run_date)
    assert (first["records_read"], first["documents"], first["rejects"]) == (count, count, 0), first
    assert first["reconciles"]
    again = run(inkstream, root, tmp_path / "b", template, fixture, run_date)
    digests = {}
    for side in ("a", "b"):
        for pdf in sorted((tmp_path / side / "documents").rglob("*.pdf")):
            digests.setdefault(pdf.name, []).append(hashlib.sha256(pdf.read_bytes()).hexdigest())
    assert len(digests) == count and all(len(set(d)) == 1 for d in digests.values()), "reruns are byte-identical"
    assert again["run_id"] == first["run_id"]
    for pdf in sorted((tmp_path / "a" / "documents").rglob("*.pdf"))[:3]:
        subprocess.run(["qpdf", "--check", pdf], check=True, capture_output=True)


def test_each_record_reads_in_its_language(inkstream, root, tmp_path):
    run(inkstream, root, tmp_path / "t", "telecom_invoice", "telecom_invoices.jsonl", "2026-11-16")
    docs = tmp_path / "t" / "documents"
    records = [json.loads(l) for l in (root / "Fixtures/gallery/telecom_invoices.jsonl").read_text().splitlines()]
    titles = {"en_GB": "Your bill", "de-DE": "Ihre Rechnung", "fr_FR": "Votre facture", None: "Your bill"}
    for record in records:
        page = text(next(docs.rglob(record["invoice_no"] + ".pdf")))
        assert titles[record["customer"]["language"]] in page, record["invoice_no"]
    # The long bill runs over two pages: carried forward at the foot of the first, brought forward on the next.
    long = text(next(docs.rglob("NW-2026-11-100234.pdf"))).split("\f")
    assert "Carried forward" in long[0] and "Brought forward" in long[1] and "Total to pay" in long[1]
    run(inkstream, root, tmp_path / "u", "utility_bill", "utility_bills.jsonl", "2026-12-02")
    spanish = text(next((tmp_path / "u" / "documents").rglob("CWP-2612000.pdf")))
    assert "Su factura de servicios" in spanish and "Página 1 de 1" in spanish
    run(inkstream, root, tmp_path / "o", "partner_onboarding", "partner_onboarding.jsonl", "2026-12-01")
    packet = text(next((tmp_path / "o" / "documents").rglob("ONB-2026120.pdf")))
    assert "Step 4 of 4: Go live" in packet and "Welcome aboard," in packet


def test_a_mistake_in_a_shared_component_is_reported_in_its_file(inkstream, root, tmp_path):
    shutil.copytree(root / "Templates/components", tmp_path / "components")
    shutil.copytree(root / "Templates/telecom_invoice", tmp_path / "telecom_invoice")
    letterhead = tmp_path / "components" / "letterhead.yaml"
    source = letterhead.read_text()
    letterhead.write_text(source.replace("{company}", "{compnay}"))
    line = next(i for i, l in enumerate(source.splitlines(), 1) if "{company}" in l)
    column = source.splitlines()[line - 1].index("{company}") + 2
    proc = inkstream("check", "--template", tmp_path / "telecom_invoice", check=False)
    assert proc.returncode == 65
    assert f"{letterhead.resolve()}:{line}:{column}:" in proc.stderr, proc.stderr
    assert "compnay" in proc.stderr and "company" in proc.stderr


def test_the_every_feature_template_renders_and_reconciles(inkstream, root, tmp_path):
    folder = root / "Tests/fixtures/every_feature"
    inkstream("run", "--template", folder, "--input", folder / "records.jsonl", "--out", tmp_path / "o", "--run-date", "2026-12-01")
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert (report["documents"], report["rejects"], report["reconciles"]) == (2, 0, True), report
    pages = text(next((tmp_path / "o" / "documents").rglob("EF-1.pdf"))).split("\f")
    assert "Jede Funktion" in pages[0] and "Gruppe A · 15 Posten" in pages[0] and "c/f" in pages[0] and "b/f" in pages[1]


def test_the_gallerys_barcodes_scan(inkstream, root, tmp_path):
    import zxingcpp
    from PIL import Image
    run(inkstream, root, tmp_path / "t", "telecom_invoice", "telecom_invoices.jsonl", "2026-11-16")
    pdf = next((tmp_path / "t" / "documents").rglob("NW-2026-11-100233.pdf"))
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-singlefile", pdf, tmp_path / "invoice"], check=True)
    found = [b.text for b in zxingcpp.read_barcodes(Image.open(tmp_path / "invoice.png"))]
    assert found == ["https://northwind.example/pay?invoice=NW-2026-11-100233&amount=39.62"], found
    run(inkstream, root, tmp_path / "o", "partner_onboarding", "partner_onboarding.jsonl", "2026-12-01")
    pdf = next((tmp_path / "o" / "documents").rglob("ONB-2026120.pdf"))
    subprocess.run(["pdftoppm", "-png", "-r", "200", pdf, tmp_path / "packet"], check=True)
    marks = [b.text for page in sorted(tmp_path.glob("packet-*.png")) for b in zxingcpp.read_barcodes(Image.open(page))]
    assert marks == ["ONB-2026120|1/2", "ONB-2026120|2/2"], marks
