"""Proof that cannot be quietly weakened: `audit verify` vouches for every table that proves something and is
anchored by a signed head, and `verify` does not pass off an unverified signer as a name. The journal is
tampered with Python's own sqlite3, signatures are re-made with `openssl`, as a hostile editor would."""
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from conftest import binary, write_jsonl
import statement_data as S
from test_bundles import KEYS
from test_deliver import Store, free_port

X12 = Path(__file__).resolve().parents[2] / "Fixtures" / "x12"
TABLES = ["runs", "documents", "rejects", "bundles", "deliveries", "x12_inbound", "x12_outbound", "x12_acknowledgements", "counters"]


@pytest.fixture(scope="module")
def journal(inkstream, root, tmp_path_factory):
    """One journal holding every kind of row: an inbound exchange (X12 tables, counters), a run with a reject
    and email documents, and the email delivery of that run."""
    d = tmp_path_factory.mktemp("audit")
    journal = d / "journal.sqlite"
    inkstream("inbound", "--input", *[X12 / f for f in ("850_4010.x12", "997_4010.x12", "inbound_850_email.x12")],
              "--out", d / "inbound", "--run-date", "2026-11-24", "--routing", root / "Templates/inbound/routing.yaml",
              "--journal", journal)
    records = []
    for i in range(12):
        r = S.account(i, 2 + i % 5)
        r.update(channel="email" if i % 3 == 0 else "print", email=f"p{i}@example.com")
        records.append(r)
    data = write_jsonl(d / "accounts.jsonl", records)
    with open(data, "a") as f:
        f.write("{not json\n")
    out = d / "run"
    inkstream("run", "--template", root / "Templates/statement", "--input", data, "--run-date", "2026-11-24", "--out", out,
              "--journal", journal, "--quiet")
    handler = Store()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        inkstream("deliver", "email", "--run", out, "--smtp", f"127.0.0.1:{port}", "--journal", journal, "--retry-delay", "0.2")
    finally:
        controller.stop()
    db = sqlite3.connect(journal)
    for table in TABLES:
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, f"the fixture has no {table} rows"
    run = db.execute("SELECT id FROM runs WHERE output_dir LIKE ? ORDER BY id DESC", ("%/run",)).fetchone()[0]
    db.close()
    return {"dir": d, "journal": journal, "run": run, "out": out}


def copy(journal, tmp_path, head=True):
    """The journal and (unless told otherwise) its signed head, as an editor would take them."""
    target = tmp_path / "j" / "journal.sqlite"
    target.parent.mkdir(exist_ok=True)
    shutil.copy(journal["journal"], target)
    if head:
        for suffix in (".head", ".head.p7s"):
            shutil.copy(f"{journal['journal']}{suffix}", f"{target}{suffix}")
    return target


def tamper(path, *statements):
    db = sqlite3.connect(path)
    for sql in statements:
        db.execute(sql)
    db.commit()
    db.close()


def audit(path, *extra):
    return subprocess.run([binary(), "audit", "verify", "--journal", str(path), *map(str, extra)], capture_output=True, text=True)


def test_an_untouched_journal_is_anchored_and_intact(journal):
    proc = audit(journal["journal"], "--ca", KEYS / "demo-signing-cert.pem")
    assert proc.returncode == 0, proc.stderr
    assert "chain intact" in proc.stdout and "anchored by the head" in proc.stdout and "checked against" in proc.stdout
    proc = audit(journal["journal"])
    assert proc.returncode == 0 and "signer NOT verified" in proc.stdout


def first(path, sql):
    db = sqlite3.connect(path)
    row = db.execute(sql).fetchone()
    db.close()
    return row


@pytest.mark.parametrize("table,column", [
    ("runs", "documents"), ("runs", "input_hash"), ("runs", "status"), ("documents", "sha256"), ("documents", "document_id"),
    ("rejects", "reason"), ("bundles", "sha256"), ("bundles", "signer"), ("deliveries", "status"),
    ("deliveries", "last_reply"), ("x12_inbound", "ack_file"), ("x12_outbound", "sets"), ("x12_acknowledgements", "status"),
    ("counters", "value"),
])
def test_an_edit_of_any_covered_table_is_named(journal, tmp_path, table, column):
    path = copy(journal, tmp_path)
    value = "999" if column in ("documents", "value") else "'edited'"
    tamper(path, f"UPDATE {table} SET {column} = {value} WHERE rowid = (SELECT min(rowid) FROM {table})")
    proc = audit(path)
    assert proc.returncode == 1, proc.stdout
    if table in ("documents", "rejects"):
        run, line = first(path, f"SELECT run, line FROM {table} WHERE rowid = (SELECT min(rowid) FROM {table})")
        assert f"{table} of run {run}" in proc.stderr and f"line {line}" in proc.stderr and "changed" in proc.stderr, proc.stderr
    else:
        assert f"{table}: the row" in proc.stderr and f"column {column} is" in proc.stderr, proc.stderr


def test_inserted_rows_are_not_vouched_for(journal, tmp_path):
    path = copy(journal, tmp_path)
    run = journal["run"]
    tamper(path, f"INSERT INTO documents SELECT run, 9999, 'FORGED', byte_offset, channel, path, first_page, pages, size, sha256, "
                 f"sha512, content_sha256, bundle FROM documents WHERE run = {run} LIMIT 1",
           "INSERT INTO x12_inbound VALUES ('EVIL', '000000001', '/nowhere', 'acks/x.x12', '2026-01-01', NULL, NULL, NULL)")
    proc = audit(path)
    assert proc.returncode == 1
    assert f"documents of run {run}" in proc.stderr and "line 9999 (document FORGED) is not vouched for" in proc.stderr
    assert "x12_inbound: the row partner 'EVIL'" in proc.stderr and "not vouched for" in proc.stderr, proc.stderr


def test_deleted_rows_are_missing(journal, tmp_path):
    path = copy(journal, tmp_path)
    run = journal["run"]
    (line,) = first(path, f"SELECT max(line) FROM documents WHERE run = {run}")
    tamper(path, f"DELETE FROM documents WHERE run = {run} AND line = {line}", "DELETE FROM deliveries WHERE id = (SELECT max(id) FROM deliveries)")
    proc = audit(path)
    assert proc.returncode == 1
    assert f"line {line}, vouched for by audit entry" in proc.stderr and "the row was deleted" in proc.stderr, proc.stderr
    assert "deliveries: the row output_dir" in proc.stderr and "is missing: it was deleted" in proc.stderr, proc.stderr


def test_truncating_the_tail_then_editing_the_run_is_detected(journal, tmp_path):
    path = copy(journal, tmp_path)
    run = journal["run"]
    (seq,) = first(path, f"SELECT seq FROM audit WHERE event = 'run.completed' AND run = {run}")
    (last,) = first(path, "SELECT max(seq) FROM audit")
    (line,) = first(path, f"SELECT min(line) FROM documents WHERE run = {run}")
    tamper(path, f"DELETE FROM audit WHERE seq >= {seq}", f"UPDATE documents SET pages = pages + 1 WHERE run = {run} AND line = {line}")
    proc = audit(path)
    assert proc.returncode == 1
    assert f"truncated after entry {seq - 1}" in proc.stderr and f"entries {seq}…{last} are missing" in proc.stderr, proc.stderr
    assert f"documents of run {run}" in proc.stderr and f"line {line}" in proc.stderr, proc.stderr
    # What only the cut entries vouched for shows too: the run's completion and the deliveries after it.
    assert "runs: the row id" in proc.stderr and "column status is 'complete', the entry recorded 'running'" in proc.stderr
    assert "deliveries: the row" in proc.stderr and "not vouched for" in proc.stderr, proc.stderr


def test_a_missing_head_leaves_the_log_unanchored(journal, tmp_path):
    path = copy(journal, tmp_path, head=False)
    proc = audit(path)
    assert proc.returncode == 1 and "unanchored" in proc.stderr, proc.stderr


def test_a_forged_head_fails_its_signature(journal, tmp_path):
    path = copy(journal, tmp_path)
    head = Path(f"{path}.head")
    text = head.read_text()
    seq = int(next(l for l in text.splitlines() if l.startswith("Seq: ")).split()[1])
    head.write_text(text.replace(f"Seq: {seq}", f"Seq: {seq - 3}"))
    proc = audit(path)
    assert proc.returncode == 1 and "does not check out" in proc.stderr, proc.stderr
    # Re-signed with a key of the editor's own: refused against the real certificate, and named otherwise.
    key, cert = own_pair(tmp_path)
    subprocess.run(["openssl", "cms", "-sign", "-binary", "-noattr", "-outform", "DER", "-in", head, "-signer", cert,
                    "-inkey", key, "-out", f"{path}.head.p7s"], check=True)
    proc = audit(path, "--ca", KEYS / "demo-signing-cert.pem")
    assert proc.returncode == 1 and "not trusted" in proc.stderr, proc.stderr
    proc = audit(path)
    assert proc.returncode == 1 and "a different key than the bundles" in proc.stderr, proc.stderr


def own_pair(tmp_path):
    """A self-signed pair that claims the demo key's name."""
    key, cert = tmp_path / "evil-key.pem", tmp_path / "evil-cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=Inkstream demo signing key (not for production)/O=Inkstream"], check=True, capture_output=True)
    return key, cert


# -- inkstream verify: what a signature without a trusted certificate does and does not say.

@pytest.fixture(scope="module")
def bundle(journal):
    return next((journal["out"] / "bundles").glob("*.tar.zst"))


def verify(*args):
    return subprocess.run([binary(), "verify", *map(str, args)], capture_output=True, text=True)


def test_verify_without_ca_says_the_signer_is_unverified(bundle):
    proc = verify(bundle)
    assert proc.returncode == 0, proc.stderr
    assert "signature valid, signer NOT verified: no --ca given" in proc.stdout and "signed by" not in proc.stdout
    strict = verify(bundle, "--strict")
    assert strict.returncode == 1 and "NOT verified" in strict.stderr and "--strict" in strict.stderr
    trusted = verify(bundle, "--strict", "--ca", KEYS / "demo-signing-cert.pem")
    assert trusted.returncode == 0 and "signed by CN=Inkstream demo signing key" in trusted.stdout, trusted.stderr


def test_bytes_after_the_signature_fail(bundle, tmp_path):
    target = tmp_path / bundle.name
    shutil.copy(bundle, target)
    Path(f"{target}.p7s").write_bytes(Path(f"{bundle}.p7s").read_bytes() + b"\x00extra")
    proc = verify(target, "--ca", KEYS / "demo-signing-cert.pem")
    assert proc.returncode == 1 and "6 bytes after the end of its signature" in proc.stderr, proc.stderr


def test_a_signature_remade_with_another_certificate_is_not_called_verified(bundle, tmp_path):
    target = tmp_path / bundle.name
    shutil.copy(bundle, target)
    key, cert = own_pair(tmp_path)
    subprocess.run(["openssl", "cms", "-sign", "-binary", "-noattr", "-outform", "DER", "-in", target, "-signer", cert,
                    "-inkey", key, "-out", f"{target}.p7s"], check=True)
    proc = verify(target)
    assert proc.returncode == 0 and "signer NOT verified" in proc.stdout and "signed by" not in proc.stdout, proc.stdout
    assert verify(target, "--strict").returncode == 1
    proc = verify(target, "--ca", KEYS / "demo-signing-cert.pem")
    assert proc.returncode == 1 and "not trusted" in proc.stderr, proc.stderr


def test_an_edited_embedded_certificate_is_refused(bundle, tmp_path):
    target = tmp_path / bundle.name
    shutil.copy(bundle, target)
    signature = Path(f"{bundle}.p7s").read_bytes()
    assert b"Inkstream demo" in signature
    Path(f"{target}.p7s").write_bytes(signature.replace(b"Inkstream demo", b"Inkstream DEMO"))
    proc = verify(target)
    assert proc.returncode == 1 and "altered" in proc.stderr and "signed by" not in proc.stdout, proc.stderr + proc.stdout
