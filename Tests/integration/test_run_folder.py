"""The run folder's contract under hostile input: ids that would share a file name, files in OUT that the
journal does not vouch for, and what a superseded run leaves behind."""
import json
import os
import shutil
import socket
import sqlite3
import subprocess

import pytest

from conftest import ROOT, binary

COLLIDING = ["ACME 1", "ACME_1", "Müller", "Möller", "Zoë", "Zoe\u0308", "ACME", "acme", "a/b", "a_b", "x" * 300]


def accounts(n):
    return [json.loads(l) for l in (ROOT / "Fixtures/accounts.jsonl").read_text().splitlines()[:n]]


def write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def template_keyed_by_name(tmp_path):
    """The statement, with the customer's name as the document id (the account number must stay digits).
    Some names are far too long for the address block: overflow: warn makes their documents anyway (the
    report lists them), so every id gets its document and the collisions are what is tested."""
    folder = tmp_path / "by-name"
    shutil.copytree(ROOT / "Templates/statement", folder)
    text = (folder / "template.yaml").read_text()
    assert 'id: "{account_id}"' in text
    (folder / "template.yaml").write_text("overflow: warn\n" + text.replace('id: "{account_id}"', 'id: "{name}"', 1))
    return folder


def run(input_path, out, *extra, env=None, check=True, template=ROOT / "Templates/statement"):
    proc = subprocess.run([binary(), "run", "--template", str(template), "--input", str(input_path),
                           "--out", str(out), "--run-date", "2026-12-02", "--quiet", *extra],
                          capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def documents(out):
    db = sqlite3.connect(out / "journal.sqlite")
    rows = db.execute("SELECT document_id, path, channel, sha256 FROM documents ORDER BY line").fetchall()
    db.close()
    return rows


@pytest.mark.parametrize("mode", ["per-doc", "stream"])
@pytest.mark.parametrize("channel", ["print", "email", "sms"])
def test_colliding_ids_are_all_made_each_in_its_own_place(tmp_path, mode, channel):
    records = accounts(len(COLLIDING))
    for record, id_ in zip(records, COLLIDING):
        record["name"] = id_
    out = tmp_path / "out"
    run(write(tmp_path / "in.jsonl", records), out, "--mode", mode, "--channel", channel,
        template=template_keyed_by_name(tmp_path))
    assert (out / "rejects.jsonl").read_text() == ""
    rows = documents(out)
    assert [r[0] for r in rows] == COLLIDING
    report = json.loads((out / "report.json").read_text())
    assert report["documents"] == len(COLLIDING) and report["reconciles"]
    if channel == "sms":
        lines = [json.loads(l) for l in (out / "sms/messages.jsonl").read_text().splitlines()]
        # Records without a usable phone fall back to print; the rest are one line each, in input order.
        assert [l["account"] for l in lines] == [r[0] for r in rows if r[1] == "sms/messages.jsonl"]
        assert len(lines) >= len(COLLIDING) - 3
        return
    if channel == "print" and mode == "stream":
        index = (out / "print/index.csv").read_text().splitlines()[1:]
        assert len(index) == len(COLLIDING)
        return
    paths = [r[1] for r in rows]
    assert len({p.lower() for p in paths}) == len(paths), paths  # distinct even on a case-insensitive disk
    folder = "email" if channel == "email" else "documents"
    assert sorted(os.listdir(out / folder)) == sorted(p.split("/", 1)[1] for p in paths)
    for path in paths:
        assert len(os.path.basename(path)) <= 104
    assert "documents/ACME_1.pdf" in paths or "email/ACME_1.eml" in paths  # a plain id keeps its own name


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def deliver(out):
    return subprocess.run([binary(), "deliver", "email", "--run", str(out), "--smtp", f"127.0.0.1:{closed_port()}",
                           "--max-attempts", "1", "--retry-delay", "0"], capture_output=True, text=True, timeout=120)


def test_delivery_refuses_copied_edited_and_unrecorded_messages(tmp_path):
    out = tmp_path / "out"
    run(write(tmp_path / "in.jsonl", accounts(4)), out, "--channel", "email")
    names = sorted(os.listdir(out / "email"))
    assert len(names) == 4
    shutil.copy(out / "email" / names[0], out / "email" / "copy-of-first.eml")
    edited = out / "email" / names[1]
    edited.write_bytes(edited.read_bytes().replace(b"To: ", b"To: attacker@example.net, ", 1))
    (out / "email" / "by-hand.eml").write_bytes(b"From: a@example.com\r\nTo: b@example.com\r\n\r\nhello\r\n")
    proc = deliver(out)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    report = json.loads((out / "delivery/email.json").read_text())
    refused = {r["file"]: r["reason"] for r in report["refused"]}
    assert set(refused) == {"email/copy-of-first.eml", "email/by-hand.eml", f"email/{names[1]}"}
    assert "no run recorded" in refused["email/by-hand.eml"]
    assert "edited" in refused[f"email/{names[1]}"]
    assert report["counts"]["refused"] == 3
    # Only the three vouched-for messages were tried (the server is down: deferred).
    assert sorted(m["file"] for m in report["messages_detail"]) == sorted(f"email/{n}" for n in names if n != names[1])
    assert "Refused" in (out / "delivery/email.html").read_text()


def test_superseded_run_files_are_quarantined_and_never_delivered(tmp_path):
    out = tmp_path / "out"
    first = write(tmp_path / "a.jsonl", accounts(40))
    killed = run(first, out, "--channel", "email", "--jobs", "1",
                 env={"INKSTREAM_CHECKPOINT_EVERY": "1", "INKSTREAM_CRASH_AT": "batch:5"}, check=False)
    assert killed.returncode != 0
    left = set(os.listdir(out / "email"))
    assert left, "the killed run left messages"
    # The input changes: a new run (another identity) takes the folder over.
    second = write(tmp_path / "b.jsonl", accounts(40)[20:30])
    run(second, out, "--channel", "email")
    report = json.loads((out / "report.json").read_text())
    assert report["quarantine"].startswith("quarantine/") and report["quarantined_files"] >= 1
    kept = {p for _, p, _, _ in documents(out) if p.startswith("email/")}
    visible = {f"email/{n}" for n in os.listdir(out / "email") if not n.startswith(".")}
    db = sqlite3.connect(out / "journal.sqlite")
    newest = db.execute("SELECT id FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0]
    made = {p for (p,) in db.execute("SELECT path FROM documents WHERE run = ?", (newest,))}
    db.close()
    assert visible == made, visible ^ made
    moved = list((out / report["quarantine"]).rglob("*.eml"))
    assert len(moved) == report["quarantined_files"]
    proc = deliver(out)
    detail = json.loads((out / "delivery/email.json").read_text())
    assert detail["refused"] == [] and {m["file"] for m in detail["messages_detail"]} == made
    assert kept >= made


def test_a_run_of_nearly_all_rejects_is_a_failure(tmp_path):
    """The order confirmation template against the statement input: every record rejected."""
    out = tmp_path / "out"
    proc = subprocess.run([binary(), "run", "--template", str(ROOT / "Templates/order_confirmation"),
                           "--input", str(write(tmp_path / "in.jsonl", accounts(30))), "--out", str(out),
                           "--run-date", "2026-12-02", "--quiet"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "30 of 30 records rejected" in proc.stderr and "--max-rejects" in proc.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["failed"] and report["rejects"] == 30 and report["reconciles"]
    assert not (out / "bundles").exists() or not any((out / "bundles").glob("*.tar.zst"))
    assert len((out / "rejects.jsonl").read_text().splitlines()) == 30
    db = sqlite3.connect(out / "journal.sqlite")
    assert db.execute("SELECT status FROM runs").fetchall() == [("failed",)]
    db.close()
    audit = subprocess.run([binary(), "audit", "verify", "--journal", str(out / "journal.sqlite")], capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_max_rejects_as_a_count_stops_early_and_a_share_can_allow_all(tmp_path):
    records = accounts(30)
    for r in records[:5]:
        del r["name"]
    path = write(tmp_path / "in.jsonl", records)
    proc = run(path, tmp_path / "a", "--max-rejects", "2", check=False)
    assert proc.returncode == 3 and "3 of 3 records rejected" in proc.stderr, proc.stderr
    run(path, tmp_path / "b", "--max-rejects", "5")  # exactly 5: allowed
    bad = run(path, tmp_path / "c", "--max-rejects", "ten", check=False)
    assert bad.returncode == 64 and "--max-rejects" in bad.stderr


@pytest.fixture
def small_disk(tmp_path):
    """A 600 KB tmpfs (root only; skipped elsewhere), unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.mark.parametrize("journal_inside", [False, True])
def test_a_full_disk_stops_the_run_and_a_rerun_makes_every_document(tmp_path, small_disk, journal_inside):
    """ENOSPC is the machine's fault, not the records': exit 73, no reject for it, and once space is freed
    the same command resumes and makes every document."""
    input_path = write(tmp_path / "in.jsonl", accounts(120))
    out = small_disk / "out"
    journal = out / "journal.sqlite" if journal_inside else tmp_path / "journal.sqlite"
    args = ("--channel", "print", "--journal", str(journal), "--jobs", "2")
    full = run(input_path, out, *args, check=False)
    assert full.returncode == 73, full.stdout + full.stderr
    assert "No space left on device" in full.stderr, full.stderr
    rejects = out / "rejects.jsonl"
    assert not rejects.exists() or "No space" not in rejects.read_text()
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    again = run(input_path, out, *args)
    report = json.loads((out / "report.json").read_text())
    assert report["documents"] == 120 and report["rejects"] == 0 and report["reconciles"], again.stderr
    assert len(list((out / "documents").glob("*.pdf"))) == 120
    db = sqlite3.connect(journal)
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 120
    db.close()
