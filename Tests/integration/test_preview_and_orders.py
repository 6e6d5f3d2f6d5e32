"""The designer's preview, and the second template (order confirmation) made of the same primitives."""
import json
import re
import struct

from pdftext import page_count, pages_text


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_preview_renders_every_page_of_one_account(inkstream, root, tmp_path):
    png = tmp_path / "p" / "acct.png"
    proc = inkstream("preview", "--template", root / "Templates/statement", "--input", root / "Fixtures/accounts.jsonl",
                     "--account", "100000175", "--png", png, "--dpi", "60", "--run-date", "2026-11-22",
                     "--pdf", tmp_path / "acct.pdf")
    assert png_size(png) == (510, 660)
    pages = page_count(tmp_path / "acct.pdf")
    assert pages == 4
    for n in range(2, pages + 1):
        assert (tmp_path / "p" / f"acct-{n}.png").exists()
    assert "100000175" in proc.stdout


def test_preview_of_an_unknown_account_says_so(inkstream, root, tmp_path):
    proc = inkstream("preview", "--template", root / "Templates/statement", "--input", root / "Fixtures/accounts.jsonl",
                     "--account", "999", "--png", tmp_path / "x.png", check=False)
    assert proc.returncode == 1
    assert "999" in proc.stderr


def test_order_confirmations(inkstream, root, tmp_path):
    out = tmp_path / "orders"
    inkstream("run", "--template", root / "Templates/order_confirmation", "--input", root / "Fixtures/orders.jsonl",
              "--out", out, "--mode", "per-doc", "--run-date", "2026-11-22")
    orders = [json.loads(l) for l in (root / "Fixtures/orders.jsonl").read_text().splitlines()]
    report = json.loads((out / "report.json").read_text())
    assert report["documents"] == len(orders) and report["rejects"] == 0
    long_orders = 0
    for o in orders:
        pdf = out / "documents" / f"{o['order_id']}.pdf"
        pages = pages_text(pdf)
        assert len(pages) == page_count(pdf)
        full = "\n".join(pages)
        subtotal = sum(round(l["quantity"] * l["unit_price"], 10) for l in o["lines"])
        vat = round((subtotal + o["shipping"]) * o["vat_rate"] + 1e-9, 2)
        total = subtotal + o["shipping"] + vat
        assert re.search(r"Total due\s+£" + re.escape(f"{total:,.2f}"), full), (o["order_id"], full[-800:])
        assert re.search(r"Subtotal\s+£" + re.escape(f"{subtotal:,.2f}"), full)
        assert o["customer"]["name"] in pages[0]
        for i, text in enumerate(pages):
            assert f"Page {i + 1} of {len(pages)}" in text
            assert ("continued" in text) == (i > 0)
        assert "Priya Natarajan" in pages[-1]
        if len(o["lines"]) > 40:
            long_orders += 1
            assert len(pages) >= (3 if len(o["lines"]) > 70 else 2)
            assert "…" not in full  # no value was cut short
            # every line number appears once, in order, across the pages
            numbers = [int(m) for m in re.findall(r"^\s*(\d+)\s+[A-Z]{3}-\d{4}", full, re.M)]
            assert numbers == list(range(1, len(o["lines"]) + 1))
    assert long_orders >= 3


def test_totals_never_stand_alone_on_a_page(inkstream, root, tmp_path):
    # keep_totals_with_rows: 2 in the order template: whatever the line count, the page with the totals
    # also holds at least the last two item rows.
    base = json.loads((root / "Fixtures/orders.jsonl").read_text().splitlines()[0])
    item = {"sku": "BRK-0203", "description": "Mounting bracket", "quantity": 1, "unit_price": 7.35}
    orders = []
    for n in range(14, 40):
        o = dict(base, order_id=f"SO-T{n}", lines=[item] * n)
        orders.append(o)
    path = tmp_path / "orders.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in orders) + "\n")
    out = tmp_path / "o"
    inkstream("run", "--template", root / "Templates/order_confirmation", "--input", path, "--out", out,
              "--run-date", "2026-11-22")
    multi = 0
    for o in orders:
        pages = pages_text(out / "documents" / f"{o['order_id']}.pdf")
        with_totals = [p for p in pages if "Total due" in p]
        assert len(with_totals) == 1
        rows_there = re.findall(r"^\s*\d+\s+BRK-0203", with_totals[0], re.M)
        assert len(rows_there) >= 2, (o["order_id"], len(pages))
        multi += len(pages) > 1
    assert multi > 0
