"""Bad input never crashes a run and never vanishes: every line ends as a document or a reject."""
import json

from conftest import write_jsonl
import statement_data as S


def test_broken_lines_become_rejects_with_line_numbers(inkstream, root, tmp_path):
    good = [S.account(i, 3 + i) for i in range(6)]
    missing = dict(S.account(50, 2))
    del missing["city"]
    wrong_type = dict(S.account(51, 2), amount_due="12,00")
    bad_tx = S.account(52, 2)
    bad_tx["transactions"][1]["amount"] = "x"
    bad_date = dict(S.account(53, 2), due_date="2026-02-30")
    lines = [
        json.dumps(good[0]),                     # 1
        '{"account_id": "1", "name": ',          # 2 truncated JSON
        json.dumps(good[1]),                     # 3
        "",                                      # 4 blank: skipped, still counted
        json.dumps(missing),                     # 5 missing field
        "[1, 2, 3]",                             # 6 not an object
        json.dumps(wrong_type),                  # 7 wrong type
        json.dumps(good[2]),                     # 8
        json.dumps(bad_tx),                      # 9 nested wrong type
        "garbage \x01 bytes",                    # 10
        json.dumps(good[0]),                     # 11 duplicate id of line 1
        json.dumps(bad_date),                    # 12 impossible date
        json.dumps(good[3]),                     # 13
    ]
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n")
    for mode in ("per-doc", "stream"):
        out = tmp_path / mode
        proc = inkstream("run", "--template", root / "Templates/statement", "--input", path, "--out", out,
                         "--mode", mode, "--run-date", "2026-11-22")
        rejects = [json.loads(l) for l in (out / "rejects.jsonl").read_text().splitlines()]
        by_line = {r["line"]: r for r in rejects}
        assert sorted(by_line) == [2, 5, 6, 7, 9, 10, 11, 12], rejects
        assert all(r["file"] == str(path) for r in rejects)
        assert "invalid JSON" in by_line[2]["reason"]
        assert "city" in by_line[5]["reason"]
        assert "expected a JSON object" in by_line[6]["reason"]
        assert "amount_due" in by_line[7]["reason"]
        assert "transactions[1].amount" in by_line[9]["reason"]
        assert "duplicate document id" in by_line[11]["reason"] and "line 1" in by_line[11]["reason"]
        assert "due_date" in by_line[12]["reason"]
        report = json.loads((out / "report.json").read_text())
        assert (report["records_read"], report["documents"], report["rejects"]) == (12, 4, 8)
        assert report["reconciles"]
        assert "8 rejects" in proc.stdout


def test_missing_input_file_is_a_clear_error(inkstream, root, tmp_path):
    proc = inkstream("run", "--template", root / "Templates/statement", "--input", tmp_path / "nope.jsonl",
                     "--out", tmp_path / "o", check=False)
    assert proc.returncode == 66
    assert "nope.jsonl" in proc.stderr and "No such file" in proc.stderr


def test_empty_input_gives_an_empty_reconciled_run(inkstream, root, tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    out = tmp_path / "o"
    inkstream("run", "--template", root / "Templates/statement", "--input", path, "--out", out, "--mode", "stream",
              "--run-date", "2026-11-22")
    report = json.loads((out / "report.json").read_text())
    assert (report["records_read"], report["documents"], report["rejects"]) == (0, 0, 0)


def test_bad_run_date_is_refused(inkstream, root, tmp_path):
    proc = inkstream("run", "--template", root / "Templates/statement", "--input", root / "Fixtures/accounts.jsonl",
                     "--out", tmp_path / "o", "--run-date", "22/11/2026", check=False)
    assert proc.returncode != 0 and "YYYY-MM-DD" in proc.stderr


def test_progress_is_quiet_when_piped(inkstream, root, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [S.account(i, 5) for i in range(20)])
    proc = inkstream("run", "--template", root / "Templates/statement", "--input", path, "--out", tmp_path / "o",
                     "--run-date", "2026-11-22")
    assert proc.stderr.strip() == ""


def test_duplicate_in_a_later_piece_of_the_print_stream(inkstream, root, tmp_path):
    # Stream mode renders 100 input lines per piece in parallel; a duplicate far from the first occurrence
    # lands in another piece, which must be rebuilt without it.
    accounts = [S.account(i, 2 + i % 7) for i in range(220)]
    accounts.insert(150, accounts[3])
    path = write_jsonl(tmp_path / "dups.jsonl", accounts)
    out = tmp_path / "o"
    inkstream("run", "--template", root / "Templates/statement", "--input", path, "--out", out, "--mode", "stream",
              "--run-date", "2026-11-22")
    rejects = [json.loads(l) for l in (out / "rejects.jsonl").read_text().splitlines()]
    assert [(r["line"], "duplicate" in r["reason"]) for r in rejects] == [(151, True)]
    rows = (out / "print/index.csv").read_text().splitlines()[1:]
    assert [r.split(",")[0] for r in rows] == [a["account_id"] for i, a in enumerate(accounts) if i != 150]
    expected_pages = sum(S.expected_pages(len(a["transactions"])) for i, a in enumerate(accounts) if i != 150)
    from pdftext import page_count
    assert page_count(out / "print/statements.pdf") == expected_pages


def test_ids_that_map_to_the_same_file_name_get_files_of_their_own(inkstream, root, tmp_path):
    """SO/1 and SO_1 are two orders: both are made, each in a file of its own, named in the journal."""
    orders = [json.loads(l) for l in (root / "Fixtures/orders.jsonl").read_text().splitlines()[:2]]
    orders[0]["order_id"], orders[1]["order_id"] = "SO/1", "SO_1"
    path = write_jsonl(tmp_path / "names.jsonl", orders)
    out = tmp_path / "o"
    inkstream("run", "--template", root / "Templates/order_confirmation", "--input", path, "--out", out,
              "--run-date", "2026-11-22")
    assert (out / "rejects.jsonl").read_text() == ""
    import sqlite3
    db = sqlite3.connect(out / "journal.sqlite")
    paths = dict(db.execute("SELECT document_id, path FROM documents"))
    db.close()
    assert paths["SO_1"] == "documents/SO_1.pdf"
    assert paths["SO/1"].startswith("documents/SO_1~") and paths["SO/1"].endswith(".pdf")
    from pdftext import pages_text
    assert "SO_1" in pages_text(out / paths["SO_1"])[0]
    assert "SO/1" in pages_text(out / paths["SO/1"])[0]
