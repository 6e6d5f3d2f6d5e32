"""Issue 13, items 4 and 7: an operator reprocesses a held or failed interchange (audited, never twice);
`history` shows what went over EDI about a business document (our 855, the partner's 997 on it, its 824);
`x12 overdue --notices` tells operations once about each group a partner did not acknowledge in its window."""
import datetime
import email
import json
import shutil
import sqlite3
import subprocess
from email import policy
from pathlib import Path

from conftest import binary

X12 = Path(__file__).resolve().parents[2] / "Fixtures" / "x12"


def routing_with(root, tmp_path, extra):
    folder = tmp_path / "inbound"
    shutil.copytree(root / "Templates" / "inbound", folder)
    routing = folder / "routing.yaml"
    routing.write_text(routing.read_text() + extra)
    return routing


def inbound(routing, out, *inputs, extra=()):
    return subprocess.run([binary(), "inbound", "--input", *map(str, inputs), "--out", str(out), "--run-date", "2026-11-24",
                           "--routing", str(routing), *extra], capture_output=True, text=True)


def test_a_refused_interchange_is_reprocessed_once_its_sender_has_a_profile(root, tmp_path):
    profiles = "partners:\n  ACMEBUYER:\n    name: Acme Retail\nunknown_partners: refuse\n"
    routing = routing_with(root, tmp_path, profiles)
    out = tmp_path / "o"
    first = inbound(routing, out, X12 / "inbound_856_sms.x12")
    assert first.returncode == 0, first.stderr
    assert "*R*006~" in (out / "acks" / "inbound_856_sms-1.x12").read_text()
    assert json.loads((out / "report.json").read_text())["channels"]["sms"] == 0
    # Reprocessing needs a reason, and the interchange must be one the journal holds.
    no_reason = inbound(routing, out, X12 / "inbound_856_sms.x12", extra=["--reprocess", "ACMEDIST:000000302"])
    assert no_reason.returncode == 64 and "--reason" in no_reason.stderr, no_reason.stderr
    unknown = inbound(routing, out, X12 / "inbound_856_sms.x12", extra=["--reprocess", "ACMEDIST:999", "--reason", "x"])
    assert unknown.returncode != 0 and "no interchange 999 from ACMEDIST" in unknown.stderr, unknown.stderr
    # The profile is added; the operator asks for the refused interchange again.
    routing.write_text(routing.read_text().replace("unknown_partners: refuse", "  ACMEDIST:\n    name: Acme Distribution\nunknown_partners: refuse"))
    again = inbound(routing, out, X12 / "inbound_856_sms.x12",
                    extra=["--reprocess", "ACMEDIST:000000302", "--reason", "profile for ACMEDIST added (ticket 4711)"])
    assert again.returncode == 0, again.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["reprocessed"] == 1 and report["channels"]["sms"] == 1 and report["reconciles"], report
    acks = sorted(p.name for p in (out / "acks").iterdir())
    assert len(acks) == 2 and "inbound_856_sms-1.x12" in acks, "the first answer stays as it was sent"
    (new,) = [a for a in acks if a != "inbound_856_sms-1.x12"]
    assert "IK5*A" in (out / "acks" / new).read_text()
    db = sqlite3.connect(out / "journal.sqlite")
    (detail,) = [json.loads(r[0]) for r in db.execute("SELECT detail FROM audit WHERE event = 'x12.reprocess'")]
    assert detail["reason"].startswith("profile for ACMEDIST added (ticket 4711)") and detail["previous_outcome"] == "refused", detail
    assert db.execute("SELECT outcome FROM x12_inbound").fetchall() == [("accepted",)]
    # Now accepted and communicated: a third run makes nothing, and it cannot be reprocessed again.
    third = inbound(routing, out, X12 / "inbound_856_sms.x12")
    assert third.returncode == 0 and json.loads((out / "report.json").read_text())["channels"]["sms"] == 0
    refused = inbound(routing, out, X12 / "inbound_856_sms.x12", extra=["--reprocess", "ACMEDIST:000000302", "--reason", "again"])
    assert refused.returncode != 0 and "nothing is held" in refused.stderr, refused.stderr
    audit = subprocess.run([binary(), "audit", "verify", "--journal", str(out / "journal.sqlite")], capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr


def partner_997(tmp_path, control, status):
    segments = [
        "ISA*00*          *00*          *ZZ*ACMEBUYER      *ZZ*INKSTREAM      *261124*1200*U*00401*000000901*0*P*>",
        "GS*FA*ACMEBUYER*INKSTREAM*20261124*1200*901*X*004010", "ST*997*0001", f"AK1*PR*{control}", "AK2*855*0001",
        f"AK5*{status}", f"AK9*{status}*1*1*{1 if status == 'A' else 0}", "SE*6*0001", "GE*1*901", "IEA*1*000000901"]
    path = tmp_path / "partner_997.x12"
    path.write_text("~\n".join(segments) + "~\n")
    return path


def partner_824(tmp_path):
    segments = [
        "ISA*00*          *00*          *ZZ*ACMEBUYER      *ZZ*INKSTREAM      *261125*0800*U*00401*000000905*0*P*>",
        "GS*AG*ACMEBUYER*INKSTREAM*20261125*0800*905*X*004010", "ST*824*0001", "BGN*00*AA-7001*20261125",
        "OTI*TR*PO*PO-45001", "TED*024*Ship date later than requested", "SE*5*0001", "GE*1*905", "IEA*1*000000905"]
    path = tmp_path / "partner_824.x12"
    path.write_text("~\n".join(segments) + "~\n")
    return path


def test_history_shows_what_went_over_edi_about_an_order(root, tmp_path):
    routing = root / "Templates" / "inbound" / "routing.yaml"
    journal = tmp_path / "journal.sqlite"
    assert inbound(routing, tmp_path / "a", X12 / "850_4010.x12", extra=["--journal", str(journal)]).returncode == 0
    pr = [l for l in (tmp_path / "a" / "acks" / "850_4010-1.x12").read_text().splitlines() if l.startswith("GS*PR*")][0]
    control = pr.split("*")[6]
    history = lambda *extra: subprocess.run([binary(), "history", "PO-PO-45001", "--journal", str(journal), *extra],
                                            capture_output=True, text=True)
    before = history()
    assert before.returncode == 0, before.stderr
    assert f"sent 855 0001 about PO-45001 to ACMEBUYER" in before.stdout and "no 997/999 from ACMEBUYER yet" in before.stdout, before.stdout
    for reply in (partner_997(tmp_path, control, "A"), partner_824(tmp_path)):
        proc = inbound(routing, tmp_path / "b", reply, extra=["--journal", str(journal)])
        assert proc.returncode == 0, proc.stderr
    after = history()
    assert "ACMEBUYER answered accepted" in after.stdout, after.stdout
    assert "824 from ACMEBUYER" in after.stdout and "Purchase order PO-45001 rejected" in after.stdout, after.stdout
    assert "024: Ship date later than requested" in after.stdout, after.stdout
    (doc,) = [json.loads(l) for l in history("--json").stdout.splitlines()]
    assert doc["x12"]["sent"][0]["set_status"] == "A" and doc["x12"]["advice"][0]["status"] == "TR", doc["x12"]


def test_overdue_groups_get_one_notice_each_within_the_partners_window(root, tmp_path):
    routing = routing_with(root, tmp_path, "partners:\n  ACMEBUYER:\n    name: Acme Retail\n    acknowledgement_window_hours: 2\n")
    journal = tmp_path / "journal.sqlite"
    assert inbound(routing, tmp_path / "a", X12 / "850_4010.x12", extra=["--journal", str(journal)]).returncode == 0
    in_3h = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    overdue = lambda *extra: subprocess.run([binary(), "x12", "overdue", "--journal", str(journal), "--now", in_3h,
                                             "--routing", str(routing), *extra], capture_output=True, text=True)
    # --hours 24 would not make it late after 3 h; the partner's profile gives it 2.
    assert subprocess.run([binary(), "x12", "overdue", "--journal", str(journal), "--now", in_3h],
                          capture_output=True, text=True).returncode == 0
    listed = overdue()
    assert listed.returncode == 1 and "no 997/999 after 2 h" in listed.stdout, listed.stdout
    notices = tmp_path / "ops"
    first = overdue("--notices", str(notices), "--run-date", "2026-11-25")
    assert first.returncode == 1 and "1 new notice to operations" in first.stdout, first.stdout + first.stderr
    (message,) = list((notices / "email").glob("OVD-ACMEBUYER-PR-*.eml"))
    parsed = email.message_from_bytes(message.read_bytes(), policy=policy.default)
    assert parsed["Subject"].startswith("Acme Retail has not acknowledged 1 document we sent"), parsed["Subject"]
    body = parsed.get_body(("plain",)).get_content()
    assert "Order confirmation (855) for purchase order PO-45001" in body and "send that file again" in body, body
    again = overdue("--notices", str(notices), "--run-date", "2026-11-25")
    assert "0 new notices" in again.stdout and "operations were told" in again.stdout, again.stdout
    assert len(list((notices / "email").glob("OVD-*.eml"))) == 1
    history = subprocess.run([binary(), "history", "PO-PO-45001", "--journal", str(journal)], capture_output=True, text=True)
    assert "operations told it is overdue" in history.stdout, history.stdout


def test_a_partner_profile_sets_separators_qualifier_versions_contacts_and_transport(root, tmp_path):
    """Issue 13 item 3: what we send to ACMEBUYER uses its separators; a sender qualifier other than its
    profile's is TA1 R 005; a group of a version its agreement does not cover is AK9 R 2; `x12 partners`
    shows the profile, and a bad setting is named."""
    profile = ("partners:\n  ACMEBUYER:\n    name: Acme Retail\n    qualifier: ZZ\n    versions: [\"004010\"]\n"
               "    separators: {element: \"|\", component: \"<\", segment: \"!\", line_break: true}\n"
               "    contacts:\n      - {name: Jane Doe, email: edi@acme.example, role: EDI coordinator}\n"
               "    transport: {kind: as2, url: \"https://as2.acme.example/in\", as2_id: ACMEBUYER}\n")
    routing = routing_with(root, tmp_path, profile)
    out = tmp_path / "o"
    assert inbound(routing, out, X12 / "850_4010.x12").returncode == 0
    ack = (out / "acks" / "850_4010-1.x12").read_text("ascii")
    assert ack.startswith("ISA|00|") and ack[103:106] == "|<!" and "!\nGS|FA|" in ack and "ST|855|0001!" in ack, ack[:300]
    from pyx12.x12file import X12Reader
    assert [seg.get_seg_id() for seg in X12Reader(str(out / "acks" / "850_4010-1.x12"))][:2] == ["ISA", "GS"]
    # ISA05 01 where the profile says ZZ.
    wrong = tmp_path / "wrong_qualifier.x12"
    data = (X12 / "850_4010.x12").read_text()
    wrong.write_text(data.replace("*ZZ*ACMEBUYER      ", "*01*ACMEBUYER      ", 1).replace("000000101", "000000777"))
    assert inbound(routing, tmp_path / "q", wrong).returncode == 0
    assert "TA1|000000777|240115|1030|R|005!" in (tmp_path / "q" / "acks" / "wrong_qualifier-1.x12").read_text()
    # A 005010 group from a partner whose agreement says 004010 only: AK9 R 2 (the set itself is sound, AK904
    # counts it as the envelope tests do), and no 855 for it.
    five = tmp_path / "five.x12"
    five.write_text(data.replace("*X*004010~", "*X*005010~").replace("*00401*", "*00501*").replace("000000101", "000000778"))
    assert inbound(routing, tmp_path / "v", five).returncode == 0
    answer = (tmp_path / "v" / "acks" / "five-1.x12").read_text()
    assert "AK9|R|1|1|1|2!" in answer and "ST|855" not in answer, answer
    shown = subprocess.run([binary(), "x12", "partners", "--routing", str(routing), "--json"], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    (acme,) = [json.loads(l) for l in shown.stdout.splitlines()]
    assert acme["transport"]["kind"] == "as2" and acme["contacts"][0]["email"] == "edi@acme.example" and acme["versions"] == ["004010"]
    routing.write_text(routing.read_text().replace('segment: "!"', 'segment: "|"'))
    bad = subprocess.run([binary(), "x12", "partners", "--routing", str(routing)], capture_output=True, text=True)
    assert bad.returncode == 66 and "partners.ACMEBUYER.separators: two separators are the same byte" in bad.stderr, bad.stderr
