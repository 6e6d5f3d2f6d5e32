"""Every communication in three channels, routed per record by the template's rule: print PDFs, RFC 5322
emails (read back with Python's email package) and SMS (segments counted independently here), with
fallbacks recorded and counts that reconcile: records = print + email + SMS + rejects."""
import email
import hashlib
import json
import shutil
from email import policy
from pathlib import Path

import pytest

from conftest import write_jsonl
import statement_data as S


def gsm_units(text):
    """Septets of a GSM-7 text, or None when a character needs UCS-2 (written here from GSM 03.38)."""
    basic = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
             "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
    ext = "\f^{}\\[~]|€"
    units = 0
    for ch in text:
        if ch in basic and ch != "\x1b":
            units += 1
        elif ch in ext:
            units += 2
        else:
            return None
    return units


def records():
    rs = []
    for i in range(24):
        r = S.account(i, 3 + i % 5)
        r["channel"] = ["print", "email", "sms"][i % 3]
        r["email"] = f"person{i}@example.com"
        r["phone"] = f"+1 (212) 555-{1000 + i:04d}"
        rs.append(r)
    rs[1]["name"] = "Zoë Müller-Łukasiewicz"          # non-ASCII display name
    rs[10]["name"] = 'Smith, John "Jack" <Jr>'          # commas, quotes and brackets in a display name
    rs[4]["email"] = "not-an-address"                   # invalid: falls back to print
    rs[5]["phone"] = "+1 (212) 155-0000"                # NANP exchange may not start with 1: falls back
    rs[7]["email"] = None                                # no address: falls back
    rs[8]["channel"] = "fax"                             # not a channel: falls back
    return rs


@pytest.fixture(scope="module")
def run(inkstream, root, tmp_path_factory):
    d = tmp_path_factory.mktemp("channels")
    data = write_jsonl(d / "accounts.jsonl", records())
    out = {}
    for mode in ("per-doc", "stream"):
        inkstream("run", "--template", root / "Templates/statement", "--input", data, "--run-date", "2026-11-24",
                  "--mode", mode, "--out", d / mode, "--quiet")
        out[mode] = d / mode
    # The same records all printed: the PDFs the emails must carry.
    inkstream("run", "--template", root / "Templates/statement", "--input", data, "--run-date", "2026-11-24",
              "--channel", "print", "--out", d / "all-print", "--quiet")
    out["all-print"] = d / "all-print"
    out["data"] = data
    return out


def test_counts_reconcile_per_channel_with_fallbacks(run):
    for mode in ("per-doc", "stream"):
        report = json.loads((run[mode] / "report.json").read_text())
        c = report["channels"]
        assert c["print"] + c["email"] + c["sms"] + report["rejects"] == report["records_read"] == 24
        assert report["reconciles"]
        # 8 chose email (one invalid, one missing → print), 8 sms (one invalid, one "fax" → print).
        assert (c["email"], c["sms"], c["print"]) == (6, 6, 12), c
        reasons = {f["document"]: f["reason"] for f in report["first_fallbacks"]}
        assert report["fallbacks"] == 4 and len(reasons) == 4
        assert "not-an-address" in reasons["200000004"]
        assert "exchange" in reasons["200000005"]
        assert "fax" in reasons["200000008"]
    assert len(list((run["per-doc"] / "documents").glob("*.pdf"))) == 12
    assert len(list((run["per-doc"] / "email").glob("*.eml"))) == 6


def test_emails_parse_with_an_independent_parser(run):
    for path in sorted((run["per-doc"] / "email").glob("*.eml")):
        raw = path.read_bytes()
        assert b"\r\n" in raw and all(len(line) <= 998 for line in raw.split(b"\r\n"))
        m = email.message_from_bytes(raw, policy=policy.default)
        account = path.stem
        assert m.get_content_type() == "multipart/mixed"
        assert [p.get_content_type() for p in m.walk()] == [
            "multipart/mixed", "multipart/related", "multipart/alternative", "text/plain", "text/html", "image/png",
            "application/pdf"]
        assert m["Message-ID"].endswith(f".{account}@northwind.example>")
        assert m["Date"] == "Tue, 24 Nov 2026 00:00:00 +0000"
        assert "Your Northwind statement for October 2026" in m["Subject"]
        plain = m.get_body(("plain",))
        html = m.get_body(("html",))
        assert plain.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
        assert plain["Content-Transfer-Encoding"] == "quoted-printable"
        assert f"account {account}" in plain.get_content()
        assert 'src="cid:logo@northwind"' in html.get_content()
        parts = {p.get_content_type(): p for p in m.walk()}
        assert parts["image/png"]["Content-ID"] == "<logo@northwind>"
        pdf = parts["application/pdf"]
        assert pdf.get_filename() == f"Northwind-statement-{account}.pdf"
        assert pdf["Content-Transfer-Encoding"] == "base64"
        # The attachment is the print PDF of the same document, byte for byte.
        assert pdf.get_payload(decode=True) == (run["all-print"] / "documents" / f"{account}.pdf").read_bytes()


def test_non_ascii_names_use_encoded_words(run):
    raw = (run["per-doc"] / "email" / "200000001.eml").read_bytes()
    header = raw.split(b"\r\n\r\n")[0].decode("ascii")  # headers are 7-bit
    assert "=?UTF-8?" in header.split("To:")[1].split("\r\n")[0] + header.split("To:")[1].split("\r\n")[1]
    m = email.message_from_bytes(raw, policy=policy.default)
    assert m["To"].addresses[0].display_name == "Zoë Müller-Łukasiewicz"
    assert "Zoë Müller-Łukasiewicz" in m.get_body(("html",)).get_content()
    m = email.message_from_bytes((run["per-doc"] / "email" / "200000010.eml").read_bytes(), policy=policy.default)
    assert m["To"].addresses[0].display_name == 'Smith, John "Jack" <Jr>'
    assert m["To"].addresses[0].addr_spec == "person10@example.com"


def test_html_values_are_escaped(inkstream, root, tmp_path):
    r = S.account(1, 2)
    r.update(channel="email", email="a@example.com", name="<script>alert(1)</script> & Co")
    data = write_jsonl(tmp_path / "x.jsonl", [r])
    inkstream("run", "--template", root / "Templates/statement", "--input", data, "--run-date", "2026-11-24",
              "--out", tmp_path / "o", "--quiet")
    m = email.message_from_bytes(next((tmp_path / "o" / "email").glob("*.eml")).read_bytes(), policy=policy.default)
    html = m.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


def test_sms_lines_are_encoded_counted_and_normalised(run):
    lines = [json.loads(l) for l in (run["per-doc"] / "sms" / "messages.jsonl").read_text().splitlines()]
    assert len(lines) == 6
    for m in lines:
        assert list(m) == ["to", "text", "encoding", "segments", "units", "account"]
        assert m["to"].startswith("+1212555") and len(m["to"]) == 12
        units = gsm_units(m["text"])
        assert m["encoding"] == "GSM-7" and m["units"] == units and m["segments"] == (1 if units <= 160 else -(-units // 153))
        assert m["text"].startswith("Northwind: your statement for Oct 2026 is ready. Amount due $")
    stream = (run["stream"] / "sms" / "messages.jsonl").read_bytes()
    assert stream == (run["per-doc"] / "sms" / "messages.jsonl").read_bytes()


def test_stream_mode_prints_only_the_print_channel(run):
    index = (run["stream"] / "print" / "index.csv").read_text().splitlines()
    assert len(index) == 1 + 12
    assert sorted(p.name for p in (run["stream"] / "email").glob("*.eml")) == \
        sorted(p.name for p in (run["per-doc"] / "email").glob("*.eml"))
    for p in (run["stream"] / "email").glob("*.eml"):
        # The same message whatever the mode (the Message-ID names the run, whose id includes the mode).
        a = email.message_from_bytes(p.read_bytes(), policy=policy.default)
        b = email.message_from_bytes((run["per-doc"] / "email" / p.name).read_bytes(), policy=policy.default)
        assert a["Subject"] == b["Subject"] and a["To"] == b["To"]
        assert [x.get_payload(decode=True) for x in a.walk() if not x.is_multipart()] == \
            [x.get_payload(decode=True) for x in b.walk() if not x.is_multipart()]


def test_reruns_are_byte_identical(inkstream, root, run, tmp_path):
    inkstream("run", "--template", root / "Templates/statement", "--input", run["data"], "--run-date", "2026-11-24",
              "--out", tmp_path / "again", "--quiet", "--jobs", "1")
    for folder in ("email", "sms", "documents"):
        a = sorted((run["per-doc"] / folder).iterdir())
        b = sorted((tmp_path / "again" / folder).iterdir())
        assert [p.name for p in a] == [p.name for p in b]
        for x, y in zip(a, b):
            assert x.read_bytes() == y.read_bytes(), x.name


def template_with(root, tmp_path, **sms):
    t = tmp_path / "statement"
    shutil.copytree(root / "Templates/statement", t)
    yaml = (t / "template.yaml").read_text()
    for key, value in sms.items():
        yaml = yaml.replace(f"  {key}: " + {"max_segments": "1", "over_limit": "print", "text": '"Northwind: your'}[key],
                            f"  {key}: {value}" + ('"Northwind: your' if key == "text" else ""))
    (t / "template.yaml").write_text(yaml)
    return t


def test_sms_over_its_segment_limit_falls_back_or_is_rejected(inkstream, root, tmp_path):
    r = S.account(2, 2)
    r.update(channel="sms", phone="212-555-0100")
    data = write_jsonl(tmp_path / "x.jsonl", [r])
    long = template_with(root, tmp_path, text="'✓ ' + ")  # placeholder replaced below
    yaml = (long / "template.yaml").read_text().replace("'✓ ' + \"Northwind: your", "\"✓ Northwind: your")
    (long / "template.yaml").write_text(yaml)
    inkstream("run", "--template", long, "--input", data, "--run-date", "2026-11-24", "--out", tmp_path / "a", "--quiet")
    report = json.loads((tmp_path / "a" / "report.json").read_text())
    assert report["channels"]["print"] == 1 and report["channels"]["sms"] == 0
    assert "UCS-2 because of '✓'" in report["first_fallbacks"][0]["reason"]
    assert "2 segments" in report["first_fallbacks"][0]["reason"]
    (long / "template.yaml").write_text(yaml.replace("over_limit: print", "over_limit: reject"))
    inkstream("run", "--template", long, "--input", data, "--run-date", "2026-11-24", "--out", tmp_path / "b", "--quiet")
    reject = json.loads((tmp_path / "b" / "rejects.jsonl").read_text())
    assert reject["line"] == 1 and "over_limit is reject" in reject["reason"]


def test_channel_template_mistakes_are_reported(inkstream, root, tmp_path):
    t = tmp_path / "statement"
    shutil.copytree(root / "Templates/statement", t)
    yaml = (t / "template.yaml").read_text()
    yaml = yaml.replace("fallback: print", "fallback: pigeon").replace("logo@northwind: logo.png", "logo: logo.png")
    (t / "template.yaml").write_text(yaml)
    (t / "email.html").write_text((t / "email.html").read_text().replace("{{ name }}", "{{ nmae }}"))
    proc = inkstream("check", "--template", t, check=False)
    assert proc.returncode == 65
    assert "unknown fallback 'pigeon'" in proc.stderr
    assert "content id 'logo' must look like name@domain" in proc.stderr
    assert "email.html:" in proc.stderr and "nmae" in proc.stderr


def test_history_and_reprint_know_the_channel(inkstream, run, tmp_path):
    journal = run["per-doc"] / "journal.sqlite"
    entries = [json.loads(l) for l in inkstream("history", "200000001", "--journal", journal, "--json").stdout.splitlines()]
    assert entries[0]["channel"] == "email" and entries[0]["path"] == "email/200000001.eml"
    run_id = entries[0]["run_id"]
    proc = inkstream("reprint", "--journal", journal, "--run", run_id, "--account", "200000001", "--out", tmp_path / "r.pdf")
    assert "the PDF attached to email/200000001.eml" in proc.stdout
    sms = inkstream("reprint", "--journal", journal, "--run", run_id, "--account", "200000002", "--out", tmp_path / "s.pdf",
                    check=False)
    assert sms.returncode == 1 and "got an SMS" in sms.stderr
