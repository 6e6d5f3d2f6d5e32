"""The communications inbound X12 documents become (shipment notice from an 856, exception notice from an
824 or a rejected 810), run here from records shaped like the inbound mapper's output."""
import email
import json
import subprocess
from email import policy


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_shipment_notice_goes_out_on_every_channel(inkstream, root, tmp_path):
    out = tmp_path / "o"
    inkstream("run", "--template", root / "Templates/inbound/shipment_notice", "--input", root / "Fixtures/inbound/shipments.jsonl",
              "--run-date", "2026-11-24", "--out", out, "--quiet")
    report = json.loads((out / "report.json").read_text())
    assert report["channels"] == {"print": 1, "email": 1, "sms": 1} and report["reconciles"]
    text = pdf_text(out / "documents" / "ASN-SH240003.pdf")
    for expected in ("Your order has shipped", "4500012400", "ODFL · LTL", "PRO 0412345678", "PMP-1100", "812 lb"):
        assert expected in text, expected
    m = email.message_from_bytes((out / "email" / "ASN-SH240001.eml").read_bytes(), policy=policy.default)
    assert m["Subject"] == "Your order 4500012345 has shipped (UPSN 1Z999AA10123456784)"
    assert "1Z999AA10123456784, 1Z999AA10123456795" in m.get_body(("plain",)).get_content()
    assert [p.get_filename() for p in m.iter_attachments()] == ["shipment-SH240001.pdf"]
    (sms,) = [json.loads(l) for l in (out / "sms" / "messages.jsonl").read_text().splitlines()]
    assert sms["to"] == "+13095550142" and "tracking 612999AA1012345" in sms["text"] and sms["segments"] == 1


def test_exception_notice_explains_the_partners_rejection(inkstream, root, tmp_path):
    out = tmp_path / "o"
    inkstream("run", "--template", root / "Templates/inbound/exception_notice", "--input", root / "Fixtures/inbound/rejections.jsonl",
              "--run-date", "2026-11-24", "--out", out, "--quiet")
    text = pdf_text(out / "documents" / "EXC-AD7790.pdf")
    assert "BIGBOX rejected 1 document" in text and "Ship-to location not on file" in text and "What happens next" in text
    m = email.message_from_bytes((out / "email" / "EXC-AD7781.eml").read_bytes(), policy=policy.default)
    assert m["Subject"] == "ACMEDIST rejected 2 documents (advice AD7781)"
    body = m.get_body(("plain",)).get_content()
    assert "Invoice INV-20931 (TR): Incorrect discount amount; Invalid purchase order number" in body


def test_purchase_order_confirmation(inkstream, root, tmp_path):
    out = tmp_path / "o"
    inkstream("run", "--template", root / "Templates/inbound/purchase_order", "--input", root / "Fixtures/inbound/orders.jsonl",
              "--run-date", "2026-11-24", "--out", out, "--quiet")
    text = pdf_text(out / "documents" / "PO-4500012399.pdf")
    assert "Riverside Dairy\n" in text and "Order total" in text and "$1,290.00" in text and "as soon as possible" in text
    m = email.message_from_bytes((out / "email" / "PO-4500012345.eml").read_bytes(), policy=policy.default)
    assert m["Subject"] == "We received your purchase order 4500012345 ($1,953.00)"
    assert [p.get_filename() for p in m.iter_attachments()] == ["order-confirmation-4500012345.pdf"]


def test_a_cross_dock_shipment_lists_its_items_order_by_order(root, tmp_path):
    """A real cross-dock 856 (EdiEngine, MIT; Fixtures/x12/real/22_856_004010_ediengine.x12): two purchase
    orders under one shipment; the page's table names each item's order."""
    import subprocess
    from conftest import binary
    out = tmp_path / "o"
    proc = subprocess.run([binary(), "inbound", "--input", str(root / "Fixtures/x12/real/22_856_004010_ediengine.x12"),
                           "--out", str(out), "--run-date", "2026-12-03", "--routing", str(root / "Templates/inbound/routing.yaml")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out / "documents" / "ASN-000009.pdf"), "-"], capture_output=True, text=True).stdout
    rows = [line.split() for line in text.splitlines() if line.strip()[:1].isdigit() and "EA" in line]
    assert [r[1] for r in rows] == ["POREF00"] * 4 + ["POREF01"], text
    assert "Order" in text.split("Product")[0].splitlines()[-1], "the table has an Order column"
