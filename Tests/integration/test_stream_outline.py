"""The print stream has a bookmark per document (README: `--mode stream`), and `print/index.csv` and the
journal give each document's real first page, also when other documents of the run went to email or SMS
(they counted those documents' pages before: index said page 9 for a document on page 5)."""
import csv
import subprocess

from conftest import binary


def test_every_document_of_the_stream_has_a_bookmark_to_its_first_page(root, tmp_path):
    out = tmp_path / "o"
    proc = subprocess.run([binary(), "run", "--template", str(root / "Templates/statement"), "--input", str(root / "Fixtures/accounts.jsonl"),
                           "--out", str(out), "--mode", "stream", "--run-date", "2026-11-22"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    stream = out / "print" / "statements.pdf"
    rows = list(csv.DictReader(open(out / "print" / "index.csv")))
    assert len(list((out / "email").glob("*.eml"))) > 0, "the sample sends some documents by email: the case that broke page numbers"
    npages = int(subprocess.run(["qpdf", "--show-npages", str(stream)], capture_output=True, text=True).stdout)
    assert sum(int(r["page_count"]) for r in rows) == npages
    expected = 1
    for r in rows:
        assert int(r["first_page"]) == expected, r
        expected += int(r["page_count"])
    from pypdf import PdfReader
    reader = PdfReader(stream)
    outline = reader.outline
    assert len(outline) == len(rows)
    for item, r in zip(outline, rows):
        assert r["account"] in item.title and reader.get_destination_page_number(item) + 1 == int(r["first_page"]), (item.title, r)
    # The page a bookmark points at is that account's page.
    for r in rows[::25]:
        page = subprocess.run(["pdftotext", "-f", r["first_page"], "-l", r["first_page"], str(stream), "-"], capture_output=True, text=True).stdout
        assert r["account"] in page.replace(" ", ""), r
    assert "No syntax or stream encoding errors" in subprocess.run(["qpdf", "--check", str(stream)], capture_output=True, text=True).stdout
