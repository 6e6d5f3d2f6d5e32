"""The reference statement end to end: pagination, footers, stub placement, page index, text, reruns."""
import csv
import hashlib
import json
import re
import subprocess
import sys

import pytest

from conftest import SHARED, write_jsonl
from pdftext import page_count, pages_text
import statement_data as S

RUN_DATE = "2026-11-22"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("stmt")
    accounts = S.dataset(220)
    return d, write_jsonl(d / "accounts.jsonl", accounts), accounts


@pytest.fixture(scope="module")
def per_doc(inkstream, root, data):
    d, path, accounts = data
    out = d / "per-doc"
    inkstream("run", "--template", root / "Templates/statement", "--input", path, "--out", out, "--mode", "per-doc",
              "--run-date", RUN_DATE)
    return out


@pytest.fixture(scope="module")
def stream(inkstream, root, data):
    d, path, accounts = data
    out = d / "stream"
    inkstream("run", "--template", root / "Templates/statement", "--input", path, "--out", out, "--mode", "stream",
              "--run-date", RUN_DATE, "--jobs", "2")
    return out


def test_data_covers_one_and_180_transactions(data):
    counts = [len(a["transactions"]) for a in data[2]]
    assert 1 in counts and 180 in counts and len(counts) >= 200


def test_per_doc_page_counts_follow_the_reference_rule(per_doc, data):
    _, _, accounts = data
    bad = []
    for a in accounts:
        pdf = per_doc / "documents" / f"{a['account_id']}.pdf"
        assert pdf.exists(), pdf
        n = page_count(pdf)
        if n != S.expected_pages(len(a["transactions"])):
            bad.append((a["account_id"], len(a["transactions"]), n))
    assert bad == []


def test_per_doc_text_footer_and_stub(per_doc, data):
    _, _, accounts = data
    for a in accounts[:40]:
        pages = pages_text(per_doc / "documents" / f"{a['account_id']}.pdf")
        total = len(pages)
        for i, text in enumerate(pages):
            m = re.search(r"Account (\d+)\s+Page (\d+) of (\d+)", text)
            assert m, text[-300:]
            assert (m.group(1), int(m.group(2)), int(m.group(3))) == (a["account_id"], i + 1, total)
            assert ("PAYMENT STUB" in text) == (i == total - 1)


def test_first_page_content(per_doc, data):
    _, _, accounts = data
    a = accounts[5]
    text = pages_text(per_doc / "documents" / f"{a['account_id']}.pdf")[0]
    assert "Northwind Power & Light" in text
    assert "Test Person" in text and "Springfield, IL 62701" in text
    assert "10/31/2026" in text and "11/21/2026" in text
    due = a["amount_due"]
    money = ("-$" if due < 0 else "$") + f"{abs(due):,.2f}"
    assert money in text
    assert "Electricity use, last 12 months (kWh)" in text
    for month in ["Nov", "Dec", "Jan", "Oct"]:
        assert month in text
    assert "Date" in text and "Description" in text and "Amount" in text


def test_scan_line_has_the_mod10_check_digit(per_doc, data):
    _, _, accounts = data
    a = accounts[7]
    last = pages_text(per_doc / "documents" / f"{a['account_id']}.pdf")[-1]
    cents = int(round(abs(a["amount_due"]) * 100))
    body = f"{a['account_id']}{cents:010d}{a['due_date'].replace('-', '')}"
    s = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    expected = f"{a['account_id']} {cents:010d} {a['due_date'].replace('-', '')} {(10 - s % 10) % 10}"
    assert expected in last


def test_totals_row_sums_the_transactions(per_doc, data):
    _, _, accounts = data
    a = accounts[12]
    text = "\n".join(pages_text(per_doc / "documents" / f"{a['account_id']}.pdf"))
    total = round(sum(t["amount"] for t in a["transactions"]), 2)
    money = ("-$" if total < 0 and abs(total) >= 0.005 else "$") + f"{abs(total):,.2f}"
    assert re.search(r"Total activity\s+" + re.escape(money), text)


def test_stream_footers_stub_and_index(stream, data):
    _, _, accounts = data
    pdf = stream / "print" / "statements.pdf"
    pages = pages_text(pdf)
    expected = []
    for a in accounts:
        n = S.expected_pages(len(a["transactions"]))
        expected += [(a["account_id"], i + 1, n, i + 1 == n) for i in range(n)]
    got = []
    for text in pages:
        m = re.search(r"Account (\d+)\s+Page (\d+) of (\d+)", text)
        got.append((m.group(1), int(m.group(2)), int(m.group(3)), "PAYMENT STUB" in text) if m else None)
    assert len(got) == len(expected)
    assert [i for i, (e, g) in enumerate(zip(expected, got)) if e != g] == []

    rows = list(csv.reader(open(stream / "print" / "index.csv")))
    assert rows[0] == ["account", "first_page", "page_count"]
    first = 1
    for a, row in zip(accounts, rows[1:]):
        n = S.expected_pages(len(a["transactions"]))
        assert row == [a["account_id"], str(first), str(n)]
        first += n
    assert len(rows) - 1 == len(accounts)


def test_reports_reconcile(per_doc, stream, data):
    for out in (per_doc, stream):
        report = json.loads((out / "report.json").read_text())
        assert report["records_read"] == len(data[2])
        assert report["documents"] + report["rejects"] == report["records_read"]
        assert report["reconciles"] is True
        assert report["pages"] == sum(S.expected_pages(len(a["transactions"])) for a in data[2])
        html = (out / "report.html").read_text()
        assert "reconciles" in html and str(report["documents"]) in html
        assert (out / "rejects.jsonl").read_text() == ""


@pytest.mark.skipif(not (SHARED / "bench/peers/count_pages.py").exists(), reason="shared/ peers not beside the repo")
def test_shared_checkers_report_zero_mismatches(per_doc, stream, data):
    _, path, _ = data
    out = subprocess.run([sys.executable, SHARED / "bench/peers/count_pages.py", path, per_doc, "per-doc"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[2] == "0", out
    out = subprocess.run([sys.executable, SHARED / "bench/peers/check_footers.py", path, stream / "print/statements.pdf"],
                         capture_output=True, text=True, check=True).stdout
    assert " 0 mismatching" in out, out


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reruns_are_byte_identical_whatever_the_job_count(inkstream, root, data, stream, per_doc):
    d, path, accounts = data
    again = d / "stream-again"
    inkstream("run", "--template", root / "Templates/statement", "--input", path, "--out", again, "--mode", "stream",
              "--run-date", RUN_DATE, "--jobs", "1")
    assert digest(again / "print/statements.pdf") == digest(stream / "print/statements.pdf")
    assert (again / "print/index.csv").read_bytes() == (stream / "print/index.csv").read_bytes()

    again = d / "per-doc-again"
    inkstream("run", "--template", root / "Templates/statement", "--input", path, "--out", again, "--mode", "per-doc",
              "--run-date", RUN_DATE, "--jobs", "3")
    for a in accounts[:60]:
        name = f"{a['account_id']}.pdf"
        assert digest(again / "documents" / name) == digest(per_doc / "documents" / name), name


def test_run_date_is_stamped_in_the_pdf(per_doc, data):
    from pypdf import PdfReader
    meta = PdfReader(str(per_doc / "documents" / f"{data[2][0]['account_id']}.pdf")).metadata
    assert meta["/CreationDate"].lstrip("D:").startswith("20261122000000")
    assert meta["/Title"] == f"Statement {data[2][0]['account_id']}"


def test_no_leftover_temporary_files(per_doc, stream):
    for out in (per_doc, stream):
        leftovers = [p.name for p in out.rglob("*") if ".tmp-" in p.name or ".pending-" in p.name]
        assert leftovers == []
