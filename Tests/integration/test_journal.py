"""The run journal: history of an account, reprints proved against what was sent, and an audit log whose
tampering is detected. The journal is read here with Python's own sqlite3, the PDFs with pypdf."""
import json
import shutil
import sqlite3

import pytest
from pypdf import PdfReader

from conftest import write_jsonl
import statement_data as S

ACCOUNT = "200000007"


@pytest.fixture(scope="module")
def runs(inkstream, root, tmp_path_factory):
    """One per-document and one print-stream run of a copied template into one shared journal."""
    d = tmp_path_factory.mktemp("journal")
    template = d / "statement"
    shutil.copytree(root / "Templates/statement", template)
    data = write_jsonl(d / "accounts.jsonl", [S.account(i, 3 + i * 7 % 40) for i in range(30)])
    journal = d / "journal.sqlite"
    ids = {}
    for mode in ("per-doc", "stream"):
        proc = inkstream("run", "--template", template, "--input", data, "--run-date", "2026-11-24", "--mode", mode,
                         "--out", d / mode, "--journal", journal, "--quiet")
        ids[mode] = json.loads((d / mode / "report.json").read_text())["run_id"]
        assert ids[mode] in proc.stdout
    return {"dir": d, "journal": journal, "ids": ids, "template": template, "data": data}


def test_journal_records_runs_documents_and_hashes(runs):
    db = sqlite3.connect(runs["journal"])
    rows = db.execute("SELECT run_id, status, records, documents, mode FROM runs ORDER BY id").fetchall()
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [("complete", 30, 30, "per-doc"), ("complete", 30, 30, "stream")]
    for path, sha in db.execute("SELECT path, sha256 FROM documents d JOIN runs r ON r.id = d.run WHERE r.mode = 'per-doc'"):
        import hashlib
        assert hashlib.sha256((runs["dir"] / "per-doc" / path).read_bytes()).hexdigest() == sha


def test_history_lists_every_document_of_the_account(inkstream, runs):
    proc = inkstream("history", ACCOUNT, "--journal", runs["journal"], "--json")
    entries = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [e["run_id"] for e in entries] == [runs["ids"]["per-doc"], runs["ids"]["stream"]]
    assert entries[0]["path"] == f"documents/{ACCOUNT}.pdf" and len(entries[0]["sha256"]) == 64
    assert entries[1]["path"] == "print/statements.pdf" and entries[1]["first_page"] >= 1
    assert entries[0]["content_sha256"] == entries[1]["content_sha256"], "same pages in both runs"
    text = inkstream("history", ACCOUNT, "--journal", runs["journal"]).stdout
    assert "2 documents" in text and runs["ids"]["stream"] in text
    assert "no documents" in inkstream("history", "nobody", "--journal", runs["journal"]).stdout


def test_reprint_of_a_per_document_run_is_byte_identical(inkstream, runs, tmp_path):
    out = tmp_path / "again.pdf"
    proc = inkstream("reprint", "--journal", runs["journal"], "--run", runs["ids"]["per-doc"], "--account", ACCOUNT, "--out", out)
    assert "identical: byte for byte" in proc.stdout
    assert out.read_bytes() == (runs["dir"] / "per-doc" / "documents" / f"{ACCOUNT}.pdf").read_bytes()


def test_reprint_of_a_stream_document_matches_its_pages_in_the_stream(inkstream, runs, tmp_path):
    out = tmp_path / "again.pdf"
    proc = inkstream("reprint", "--journal", runs["journal"], "--run", runs["ids"]["stream"], "--account", ACCOUNT, "--out", out)
    assert "identical: the same pages" in proc.stdout
    entry = json.loads(inkstream("history", ACCOUNT, "--journal", runs["journal"], "--json").stdout.splitlines()[1])
    stream = PdfReader(runs["dir"] / "stream" / "print" / "statements.pdf")
    first = entry["first_page"] - 1
    sent = [stream.pages[first + i].extract_text() for i in range(entry["pages"])]
    again = [p.extract_text() for p in PdfReader(out).pages]
    assert again == sent


def test_reprint_says_what_changed(inkstream, runs, tmp_path):
    template = runs["template"] / "template.yaml"
    original = template.read_text()
    try:
        template.write_text(original.replace("Account number", "Account no."))
        assert original != template.read_text()
        proc = inkstream("reprint", "--journal", runs["journal"], "--run", runs["ids"]["per-doc"], "--account", ACCOUNT,
                         "--out", tmp_path / "x.pdf", check=False)
        assert proc.returncode == 1
        assert "NOT identical" in proc.stdout and "template:" in proc.stdout
    finally:
        template.write_text(original)
    # An input that grew after the account's line still reprints identically, with a note.
    data = runs["data"]
    before = data.read_bytes()
    try:
        with open(data, "a") as f:
            f.write(json.dumps(S.account(99, 2)) + "\n")
        proc = inkstream("reprint", "--journal", runs["journal"], "--run", runs["ids"]["per-doc"], "--account", ACCOUNT,
                         "--out", tmp_path / "y.pdf")
        assert "identical" in proc.stdout and "note: input:" in proc.stdout
    finally:
        data.write_bytes(before)


def test_reprint_errors_are_actionable(inkstream, runs, tmp_path):
    proc = inkstream("reprint", "--journal", runs["journal"], "--run", "nope", "--account", ACCOUNT, "--out", tmp_path / "z.pdf", check=False)
    assert proc.returncode == 1 and "no run nope" in proc.stderr and runs["ids"]["per-doc"] in proc.stderr
    proc = inkstream("reprint", "--journal", runs["journal"], "--run", runs["ids"]["stream"], "--account", "x", "--out", tmp_path / "z.pdf", check=False)
    assert proc.returncode == 1 and "made no document for x" in proc.stderr
    proc = inkstream("history", ACCOUNT, "--journal", tmp_path / "none.sqlite", check=False)
    assert proc.returncode == 66 and "no journal at" in proc.stderr


def test_audit_detects_edited_history(inkstream, runs, tmp_path):
    assert "chain intact" in inkstream("audit", "verify", "--journal", runs["journal"]).stdout
    for sql, expected in [
        (f"UPDATE documents SET sha256 = 'f00' WHERE document_id = '{ACCOUNT}'", "documents of run"),
        ("UPDATE rejects SET reason = 'x'", None),  # no rejects in these runs: nothing changes
        ("UPDATE audit SET detail = '{}' WHERE seq = 1", "entry 1"),
        ("DELETE FROM audit WHERE seq = 2", "entry 2 is missing"),
    ]:
        copy = tmp_path / "j.sqlite"
        shutil.copy(runs["journal"], copy)
        for suffix in (".head", ".head.p7s"):  # the signed head goes along, or the copy is unanchored
            shutil.copy(f"{runs['journal']}{suffix}", f"{copy}{suffix}")
        db = sqlite3.connect(copy)
        db.execute(sql)
        db.commit()
        db.close()
        proc = inkstream("audit", "verify", "--journal", copy, check=False)
        if expected is None:
            assert proc.returncode == 0
        else:
            assert proc.returncode == 1 and expected in proc.stderr, proc.stderr
