"""`inkstream inbound`: X12 files from partners become acknowledgements (checked with pyx12's reader) and
customer communications (PDF text, parsed emails, SMS), through the same pipeline as `run`."""
import datetime
import email
import json
import shutil
import subprocess
from email import policy
from pathlib import Path

from conftest import binary

X12 = Path(__file__).resolve().parents[2] / "Fixtures" / "x12"
FILES = ["inbound_850_email.x12", "inbound_856_sms.x12", "824_4010.x12", "850_5010.x12", "err_syntax_850.x12",
         "garbage_between.x12", "997_4010.x12", "empty.x12", "truncated.x12"]


def inbound(root, out, *files, journal=None):
    args = [binary(), "inbound", "--input", *[str(X12 / f) for f in files], "--out", str(out), "--run-date", "2026-11-24",
            "--routing", str(root / "Templates/inbound/routing.yaml")]
    if journal:
        args += ["--journal", str(journal)]
    return subprocess.run(args, capture_output=True, text=True)


def isa13(path):
    return path.read_text().split("*")[13]


def test_inbound_makes_acks_and_communications(root, tmp_path):
    out = tmp_path / "o"
    proc = inbound(root, out, *FILES)
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["reconciles"], report
    assert report["channels"]["sms"] == 1 and report["channels"]["email"] >= 4 and report["channels"]["print"] >= 2
    # One acknowledgement per inbound interchange that needs one (a 997 is not acknowledged).
    assert sorted(p.name for p in (out / "acks").iterdir()) == sorted(a.split("/")[1] for a in report["acks"])
    from pyx12.x12file import X12Reader
    from pyx12.errh_xml import err_handler  # noqa: F401  (pyx12 is installed with its handlers)
    for ack in (out / "acks").iterdir():
        segments = [seg.get_seg_id() for seg in X12Reader(str(ack))]
        assert segments[0] == "ISA" and segments[-1] == "IEA", ack.name
    syntax = (out / "acks" / "err_syntax_850-1.x12").read_text()
    assert "AK5*R*5~" in syntax and "AK3*ZZZ*" in syntax
    # The communications.
    text = subprocess.run(["pdftotext", "-layout", str(out / "documents" / "EXC-AA-3001.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Unit price does not match purchase order" in text
    m = email.message_from_bytes((out / "email" / "PO-4500077001.eml").read_bytes(), policy=policy.default)
    assert m["To"].addresses[0].addr_spec == "jane@oldtown.example"
    assert m["Subject"] == "We received your purchase order 4500077001 ($1,953.00)"
    (sms,) = [json.loads(l) for l in (out / "sms" / "messages.jsonl").read_text().splitlines()]
    assert sms["to"] == "+13095550142" and "612999AA1012345" in sms["text"]
    ops = email.message_from_bytes((out / "email" / "EXC-ACMEBUYER-000000111-0001.eml").read_bytes(), policy=policy.default)
    assert ops["To"].addresses[0].addr_spec == "edi-ops@northwind.example"
    assert "Our EDI check rejected 1 document" in ops.get_body(("plain",)).get_content()
    # Garbage and broken files are rejects with their position, not crashes.
    rejects = [json.loads(l) for l in (out / "rejects.jsonl").read_text().splitlines()]
    assert any(r["file"].endswith("garbage_between.x12") and r["line"] > 0 for r in rejects)


def test_ack_control_numbers_never_repeat_across_runs(root, tmp_path):
    journal = tmp_path / "shared.sqlite"
    first = inbound(root, tmp_path / "a", "850_5010.x12", journal=journal)
    second = inbound(root, tmp_path / "b", "850_5010.x12", journal=journal)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    a = isa13(next((tmp_path / "a" / "acks").iterdir()))
    b = isa13(next((tmp_path / "b" / "acks").iterdir()))
    assert a != b and int(b) > int(a)


def test_missing_routing_is_a_clear_error(root, tmp_path):
    proc = subprocess.run([binary(), "inbound", "--input", str(X12 / "850_5010.x12"), "--out", str(tmp_path / "o"),
                           "--routing", str(tmp_path / "none.yaml")], capture_output=True, text=True)
    assert proc.returncode == 66 and "routing configuration" in proc.stderr


def test_a_partners_997_or_999_rejection_reaches_operations(root, tmp_path):
    out = tmp_path / "o"
    proc = inbound(root, out, "997_4010.x12", "999_5010.x12")
    assert proc.returncode == 0, proc.stderr
    assert not list((out / "acks").iterdir()), "acknowledgements are not acknowledged"
    for name in ("ACK-000000105-0001.eml", "ACK-000000205-0001.eml"):
        m = email.message_from_bytes((out / "email" / name).read_bytes(), policy=policy.default)
        assert m["To"].addresses[0].addr_spec == "edi-ops@northwind.example"
        body = m.get_body(("plain",)).get_content()
        assert "Transaction set 810 0001 (R)" in body and "IT1" in body


def test_accepted_850s_are_answered_with_an_855_by_the_rules(root, tmp_path):
    """The routing file's rules: unknown products are rejected (IR), more than 100 on a line is changed (IC)."""
    out = tmp_path / "o"
    proc = inbound(root, out, "850_4010.x12", "inbound_850_email.x12")
    assert proc.returncode == 0, proc.stderr
    ack = (out / "acks" / "850_4010-1.x12").read_text()
    assert "GS*PR*INKSTREAM*ACMEBUYER*" in ack and "ST*855*0001~" in ack
    assert "BAK*00*AC*PO-45001*20240115~" in ack
    assert "PO1*1*120*EA*4.25**VP*INK-CART-BLK~\nACK*IC*100*EA~" in ack
    assert "ACK*IA*48*EA~" in ack and ack.strip().endswith("IEA*2*" + ack.split("*")[13] + "~")
    assert "BAK*00*AD*4500077001*20261120~" in (out / "acks" / "inbound_850_email-1.x12").read_text()
    # Our own reader finds nothing wrong with what we send (control numbers, counts, the 855's segments).
    dump = json.loads(subprocess.run([binary(), "x12", "dump", str(out / "acks" / "850_4010-1.x12")],
                                     capture_output=True, text=True, check=True).stdout)
    interchange = dump["results"][0]["interchange"]
    assert interchange["errors"] == [] and all(g["errors"] == [] for g in interchange["groups"])
    assert json.loads((out / "report.json").read_text())["purchase_order_acks"] == 2


def test_a_partners_997_is_recorded_against_the_group_we_sent(root, tmp_path):
    """We answer an 850 with a 997 and an 855 (group PR); the partner's 997 for that PR group is matched to it."""
    import sqlite3
    journal = tmp_path / "journal.sqlite"
    first = inbound(root, tmp_path / "a", "850_4010.x12", journal=journal)
    assert first.returncode == 0, first.stderr
    # Before the partner answers, the 855 group is overdue once its window has passed (not before).
    def overdue(hours, now):
        return subprocess.run([binary(), "x12", "overdue", "--journal", str(journal), "--hours", str(hours), "--now", now,
                               "--json"], capture_output=True, text=True)
    later = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    waiting = overdue(24, later)
    assert waiting.returncode == 1, waiting.stderr
    (late,) = [json.loads(l) for l in waiting.stdout.splitlines()]
    assert late["partner"] == "ACMEBUYER" and late["functional_id"] == "PR" and late["sets"] == "855:0001:PO-45001"
    assert overdue(48, later).returncode == 0, "within its window it is not overdue"
    ours = (tmp_path / "a" / "acks" / "850_4010-1.x12").read_text()
    pr = [line for line in ours.splitlines() if line.startswith("GS*PR*")][0]
    control = pr.split("*")[6]
    segments = [
        "ISA*00*          *00*          *ZZ*ACMEBUYER      *ZZ*INKSTREAM      *261124*1200*U*00401*000000901*0*P*>",
        "GS*FA*ACMEBUYER*INKSTREAM*20261124*1200*901*X*004010", "ST*997*0001", f"AK1*PR*{control}", "AK2*855*0001",
        "AK5*R*5", f"AK9*R*1*1*0", "SE*6*0001", "GE*1*901", "IEA*1*000000901"]
    reply = tmp_path / "partner_997.x12"
    reply.write_text("~\n".join(segments) + "~\n")
    args = [binary(), "inbound", "--input", str(reply), "--out", str(tmp_path / "b"), "--run-date", "2026-11-24",
            "--routing", str(root / "Templates/inbound/routing.yaml"), "--journal", str(journal)]
    second = subprocess.run(args, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    report = json.loads((tmp_path / "b" / "report.json").read_text())
    assert (report["acknowledgements_received"], report["acknowledgements_matched"]) == (1, 1)
    db = sqlite3.connect(journal)
    row = db.execute("SELECT partner, functional_id, status, sets, matched FROM x12_acknowledgements").fetchone()
    assert row == ("ACMEBUYER", "PR", "R", "855:0001:R", 1)
    sent = db.execute("SELECT sets FROM x12_outbound WHERE group_control = ?", (control,)).fetchone()
    assert sent == ("855:0001:PO-45001",), "the 855 is recorded with the purchase order it confirms"
    # The rejection also reaches operations, naming the order our rejected 855 was about and the codes in words.
    (notice,) = list((tmp_path / "b" / "email").glob("ACK-*.eml"))
    body = email.message_from_bytes(notice.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "Order confirmation (855) for purchase order PO-45001" in body and "one or more segments in error" in body, body
    audit = subprocess.run([binary(), "audit", "verify", "--journal", str(journal)], capture_output=True, text=True)
    assert audit.returncode == 0, audit.stderr
    # Acknowledged (even as a rejection, which operations now handle): no longer overdue.
    answered = overdue(24, later)
    assert answered.returncode == 0 and answered.stdout == "", answered.stdout


def test_running_inbound_again_answers_nothing_twice(root, tmp_path):
    out = tmp_path / "o"
    files = ["inbound_850_email.x12", "inbound_856_sms.x12", "824_4010.x12"]
    assert inbound(root, out, *files).returncode == 0
    before = {p.name: p.read_bytes() for p in (out / "acks").iterdir()}
    again = inbound(root, out, *files)
    assert again.returncode == 0, again.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["acknowledgements_reused"] == 3
    assert {p.name: p.read_bytes() for p in (out / "acks").iterdir()} == before, "the same answers, not new ones"
    import sqlite3
    runs = sqlite3.connect(out / "journal.sqlite").execute("SELECT count(*) FROM runs").fetchone()[0]
    assert runs == 3, "each template's run was made once (the second time it was already complete)"


def test_an_accepted_810_is_read_into_a_record_without_a_communication(root, tmp_path):
    out = tmp_path / "o"
    assert inbound(root, out, "810_4010.x12").returncode == 0
    (record,) = [json.loads(l) for l in (out / "inbound" / "recorded.jsonl").read_text().splitlines()]
    assert record["set"] == "810" and record["invoice_number"] == "INV-9001" and record["po_number"] == "PO-45001"
    assert [(l["product"], l["quantity"], l["unit_price"]) for l in record["lines"]] == [("INK-CART-BLK", 120, 4.25), ("TONER-CYN", 48, 12.5)]
    assert record["total"] == 1110
    report = json.loads((out / "report.json").read_text())
    assert report["recorded_only"] == 1 and report["documents"] == 0 and report["reconciles"]


def test_inbound_records_go_to_the_run_in_memory_and_are_recorded_for_proof(root, tmp_path):
    """The records reach the pipeline as values; inbound/<template>.jsonl records them line for line, so a
    reprint reads its line back and proves the document, and a record the template rejects names the X12
    file and segment it came from."""
    import shutil
    import sqlite3
    first, second = tmp_path / "first.x12", tmp_path / "second.x12"
    shutil.copy(X12 / "850_4010.x12", first)
    shutil.copy(X12 / "850_4010.x12", second)  # the same purchase order again: a duplicate document id
    out = tmp_path / "o"
    proc = subprocess.run([binary(), "inbound", "--input", str(first), str(second), "--out", str(out), "--run-date",
                           "2026-11-24", "--routing", str(root / "Templates/inbound/routing.yaml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["reconciles"] and report["documents"] == 1 and report["run_rejects"] == 1, report
    recorded = (out / "inbound" / "purchase_order.jsonl").read_text().splitlines()
    assert len(recorded) == 2 and recorded[0] == recorded[1]
    assert json.loads(recorded[0])["po_number"] == "PO-45001"
    (reject,) = [json.loads(l) for l in (out / "rejects.jsonl").read_text().splitlines() if "duplicate" in l]
    assert reject["file"].endswith("inbound/purchase_order.jsonl") and reject["line"] == 2
    assert reject["byte_offset"] == len(recorded[0].encode()) + 1
    assert f"X12 {second} segment 3: transaction set 850 0001" in reject["reason"], reject
    (run_id,) = [r for (r,) in sqlite3.connect(out / "journal.sqlite").execute("SELECT run_id FROM runs")]
    again = subprocess.run([binary(), "reprint", "--journal", str(out / "journal.sqlite"), "--run", run_id,
                            "--account", "PO-PO-45001", "--out", str(tmp_path / "again.pdf")], capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr


def test_nothing_rejected_in_the_answer_becomes_a_customer_communication(root, tmp_path):
    """Issue 13: one decision per set. An 850 inside an interchange answered TA1 R (IEA02 does not match ISA13),
    or inside a group answered AK9 R (GE01 counts 3 sets, there is 1), gets no order confirmation and no 855:
    operations get an exception notice instead. A set accepted with errors (AK5 E) is accepted."""
    for fixture, answer in [("err_isa_iea_control.x12", "TA1*000000101*240115*1030*R*001~"),
                            ("err_ge_count.x12", "AK9*R*3*1*1*5~")]:
        out = tmp_path / fixture
        proc = inbound(root, out, fixture)
        assert proc.returncode == 0, proc.stderr
        ack = next((out / "acks").iterdir()).read_text()
        assert answer in ack, ack
        assert "ST*855*" not in ack, f"{fixture}: an 855 answers a rejected order"
        made = sorted(p.name for d in ("documents", "email") if (out / d).exists() for p in (out / d).iterdir())
        assert not [m for m in made if m.startswith("PO-")], f"{fixture}: a confirmation for a rejected order: {made}"
        assert [m for m in made if m.startswith("EXC-")], f"{fixture}: no exception notice for operations: {made}"
        report = json.loads((out / "report.json").read_text())
        assert report["rejected_sets"] == 1 and report["reconciles"], report


def test_an_interchange_is_answered_and_communicated_once_however_files_move_and_whatever_the_run_date(root, tmp_path):
    """Issue 13: moving acks/ away (as an outbox pickup does), another --run-date, or the same interchange beside a
    new one: the journal, not the folder, knows what was answered, and no communication is made twice."""
    out = tmp_path / "o"
    assert inbound(root, out, "inbound_850_email.x12", "824_4010.x12").returncode == 0
    first = json.loads((out / "report.json").read_text())
    made = sorted(p.name for p in (out / "email").iterdir())
    shutil.move(out / "acks", tmp_path / "picked-up")
    args = [binary(), "inbound", "--input", str(X12 / "inbound_850_email.x12"), str(X12 / "824_4010.x12"),
            str(X12 / "inbound_856_sms.x12"), "--out", str(out), "--run-date", "2026-12-01",
            "--routing", str(root / "Templates/inbound/routing.yaml")]
    again = subprocess.run(args, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["acknowledgements_reused"] == 2 and report["already_communicated_sets"] == first["sets"], report
    assert sorted(p.name for p in (out / "acks").iterdir()) == ["inbound_856_sms-1.x12"], "only the new interchange is answered"
    assert sorted(p.name for p in (out / "email").iterdir()) == made, "no second email for the answered ones"
    assert report["channels"]["sms"] == 1 and report["documents"] == 1 and report["reconciles"], report


def test_a_control_number_reused_for_other_content_is_answered_025_and_operations_hear_of_it(root, tmp_path):
    out = tmp_path / "o"
    assert inbound(root, out, "850_4010.x12").returncode == 0
    # Same partner, same ISA13 000000101, another order.
    changed = tmp_path / "changed.x12"
    changed.write_text((X12 / "850_4010.x12").read_text().replace("PO-45001", "PO-45002"))
    proc = subprocess.run([binary(), "inbound", "--input", str(changed), "--out", str(out), "--run-date", "2026-11-24",
                           "--routing", str(root / "Templates/inbound/routing.yaml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    ack = (out / "acks" / "changed-1.x12").read_text()
    assert "TA1*000000101*240115*1030*R*025~" in ack and "ST*855" not in ack and "GS*" not in ack, ack
    report = json.loads((out / "report.json").read_text())
    assert report["duplicate_control_numbers"] == 1 and report["rejected_sets"] == 1
    made = [p.name for d in ("documents", "email") for p in (out / d).iterdir()]
    assert not [m for m in made if "45002" in m], made
    assert [m for m in made if m.startswith("EXC-ACMEBUYER-000000101-")], made


def test_interchanges_answered_by_a_killed_run_get_their_communications_on_the_rerun(root, tmp_path):
    out = tmp_path / "o"
    files = ["inbound_850_email.x12", "inbound_856_sms.x12"]
    args = [binary(), "inbound", "--input", *[str(X12 / f) for f in files], "--out", str(out), "--run-date", "2026-11-24",
            "--routing", str(root / "Templates/inbound/routing.yaml")]
    import os
    killed = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "INKSTREAM_CRASH_AT": "inbound-answered:1"})
    assert killed.returncode == -9, killed.stderr
    assert len(list((out / "acks").iterdir())) == 2 and not (out / "email").exists()
    again = subprocess.run(args, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["acknowledgements_reused"] == 2 and report["already_communicated_sets"] == 0
    assert report["channels"]["email"] == 1 and report["channels"]["sms"] == 1, report
    third = json.loads((subprocess.run(args, capture_output=True, text=True), (out / "report.json").read_text())[1])
    assert third["already_communicated_sets"] == 2 and third["documents"] == 0


def test_a_test_interchange_is_answered_and_recorded_but_reaches_no_customer(root, tmp_path):
    """ISA15 = T (issue 13): the partner is testing. It gets its 997 and 855; the order is recorded with
    "test": true in OUT/inbound/recorded.jsonl; no confirmation goes to the buyer."""
    test = tmp_path / "test.x12"
    text = (X12 / "inbound_850_email.x12").read_text()
    isa = text[:106]
    assert isa[102] == "P"
    test.write_text(isa[:102] + "T" + text[103:])
    out = tmp_path / "o"
    proc = subprocess.run([binary(), "inbound", "--input", str(test), "--out", str(out), "--run-date", "2026-11-24",
                           "--routing", str(root / "Templates/inbound/routing.yaml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    ack = (out / "acks" / "test-1.x12").read_text()
    assert "AK9*A*1*1*1~" in ack and "ST*855*" in ack and "*T*" in ack.split("~")[0]
    report = json.loads((out / "report.json").read_text())
    assert report["test_sets"] == 1 and report["documents"] == 0 and report["reconciles"], report
    (record,) = [json.loads(l) for l in (out / "inbound" / "recorded.jsonl").read_text().splitlines()]
    assert record["test"] is True and record["po_number"] == "4500077001"


def test_two_files_of_the_same_name_never_share_an_acknowledgement(root, tmp_path):
    """x/order.x12 and y/order.x12 (issue 13: the second ack replaced the first), and a new order.x12 the next day
    after the first ack was picked up: each answer keeps a file of its own, and the journal points at it."""
    for folder, fixture in [("x", "850_4010.x12"), ("y", "inbound_850_email.x12"), ("z", "850_5010.x12")]:
        (tmp_path / folder).mkdir()
        shutil.copy(X12 / fixture, tmp_path / folder / "order.x12")
    out = tmp_path / "o"
    def run(*folders, date="2026-11-24"):
        return subprocess.run([binary(), "inbound", "--input", *[str(tmp_path / f / "order.x12") for f in folders], "--out", str(out),
                               "--run-date", date, "--routing", str(root / "Templates/inbound/routing.yaml")], capture_output=True, text=True)
    assert run("x", "y").returncode == 0
    first = sorted(p.name for p in (out / "acks").iterdir())
    assert len(first) == 2 and "order-1.x12" in first, first
    shutil.move(out / "acks", tmp_path / "picked-up")
    assert run("z", date="2026-11-25").returncode == 0
    (third,) = [p.name for p in (out / "acks").iterdir()]
    assert third != "order-1.x12" and third.startswith("order-1-"), third
    import sqlite3
    files = [r[0] for r in sqlite3.connect(out / "journal.sqlite").execute("SELECT ack_file FROM x12_inbound")]
    assert len(files) == 3 and len(set(files)) == 3, files


def test_trading_partner_profiles_set_the_answers_and_unknown_senders_can_be_refused(root, tmp_path):
    """routing.yaml `partners:` (issue 13): ACMEBUYER wants a 999 even for 004010, a TA1 always and no 855;
    with `unknown_partners: refuse`, ACMEDIST (no profile) gets TA1 R 006 and its 856 reaches no customer."""
    inbound_dir = tmp_path / "inbound"
    shutil.copytree(root / "Templates" / "inbound", inbound_dir)
    routing = inbound_dir / "routing.yaml"
    routing.write_text(routing.read_text() + (
        "partners:\n"
        "  ACMEBUYER:\n"
        "    name: Acme Retail\n"
        "    acknowledgement: \"999\"\n"
        "    ta1: always\n"
        "    purchase_order_acks: false\n"
        "unknown_partners: refuse\n"))
    out = tmp_path / "o"
    proc = subprocess.run([binary(), "inbound", "--input", str(X12 / "850_4010.x12"), str(X12 / "inbound_856_sms.x12"),
                           "--out", str(out), "--run-date", "2026-11-24", "--routing", str(routing)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    acme = (out / "acks" / "850_4010-1.x12").read_text()
    assert "TA1*000000101*240115*1030*A*000~" in acme and "ST*999*0001*005010X231A1~" in acme and "ST*855" not in acme, acme
    confirmation = subprocess.run(["pdftotext", "-layout", str(out / "documents" / "PO-PO-45001.pdf"), "-"],
                                  capture_output=True, text=True).stdout
    assert "through Acme Retail" in " ".join(confirmation.split()), confirmation
    dist = (out / "acks" / "inbound_856_sms-1.x12").read_text()
    assert "*R*006~" in dist and "GS*" not in dist, dist
    report = json.loads((out / "report.json").read_text())
    assert report["refused_senders"] == 1 and report["channels"]["sms"] == 0 and report["reconciles"], report
    assert [p.name for p in (out / "email").iterdir() if p.name.startswith("EXC-ACMEDIST-")], "operations hear of the refusal"
    bad = routing.read_text().replace("ta1: always", "ta1: sometimes")
    routing.write_text(bad)
    proc = subprocess.run([binary(), "inbound", "--input", str(X12 / "850_4010.x12"), "--out", str(tmp_path / "p"),
                           "--run-date", "2026-11-24", "--routing", str(routing)], capture_output=True, text=True)
    assert proc.returncode == 66 and "partners.ACMEBUYER.ta1" in proc.stderr, proc.stderr
