"""One bad record never stops a batch: whatever a single record can trigger (a huge field, a huge line, deep
nesting, a document of thousands of pages, an image that cannot be read, absurd numbers, controls in SMS
text) becomes a reject with its reason, and every other record still becomes its document."""
import json
import re
import struct
import zlib
import shutil
from email import policy
from email.parser import BytesParser

import pytest

from conftest import write_jsonl
import statement_data as S

RUN_DATE = "2026-11-22"
HUGE = 230_000


def run(inkstream, template, records_or_path, out, *extra):
    if isinstance(records_or_path, list):
        path = out.parent / (out.name + ".jsonl")
        write_lines(path, records_or_path)
    else:
        path = records_or_path
    proc = inkstream("run", "--template", template, "--input", path, "--out", out, "--run-date", RUN_DATE,
                     "--jobs", "2", *extra, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((out / "report.json").read_text())
    # split("\n"), not splitlines(): a reason may quote U+0085 or U+2028, which JSON leaves unescaped.
    rejects = {r["line"]: r for r in map(json.loads, filter(None, (out / "rejects.jsonl").read_text().split("\n")))}
    assert report["reconciles"] and report["records_read"] == report["documents"] + report["rejects"], report
    assert report["rejects"] == len(rejects)
    return report, rejects, path


def write_lines(path, items):
    """Records (dicts, dumped compactly) or lines already made (str)."""
    with open(path, "w") as f:
        for item in items:
            f.write((item if isinstance(item, str) else json.dumps(item, separators=(",", ":"))) + "\n")


def huge_in(position):
    r = S.account(900 + len(position), 3)
    big = "W" * HUGE
    if position == "name":
        r["name"] = big
    elif position == "address":
        r["address"] = [big]
    elif position == "city":
        r["city"] = big
    elif position == "description":
        r["transactions"][1]["description"] = big
    elif position == "reference":
        r["transactions"][2]["reference"] = big
    elif position == "account_id":
        r["account_id"] = "9" * HUGE
    return r


POSITIONS = ["name", "address", "city", "description", "reference", "account_id"]
FIELD_PATHS = {"name": "name", "address": "address[0]", "city": "city", "description": "transactions[1].description",
               "reference": "transactions[2].reference", "account_id": "account_id"}


@pytest.fixture(scope="module")
def hostile_template(root, tmp_path_factory):
    """The statement with a few data-driven extras: an image shown only when the record asks (the file is not
    a PNG), a chart without a max (its grid follows the data), the name in the SMS text and the subject."""
    folder = tmp_path_factory.mktemp("hostile") / "statement"
    shutil.copytree(root / "Templates/statement", folder)
    (folder / "broken.png").write_bytes(undecodable_png())
    text = (folder / "template.yaml").read_text()
    text = text.replace("  phone: string?\n", "  phone: string?\n  show_seal: bool?\n  extra_chart: bool?\n", 1)
    text = text.replace(
        "    - text: { value: \"Account activity\"",
        "    - image: { src: broken.png, x: 500, y: 60, width: 40, height: 40, when: \"show_seal ?? false\" }\n"
        "    - bar_chart: { values: usage, x: 90, y: 392, width: 468, height: 80, grid_step: 500, bar_width: 25,\n"
        "                   when: \"extra_chart ?? false\" }\n"
        "    - text: { value: \"Account activity\"", 1)
    text = re.sub(r'  text: "Northwind: your statement.*\n',
                  '  text: "Northwind: hello {name}, amount due {money(amount_due)}."\n', text, count=1)
    text = text.replace("  max_segments: 1\n  over_limit: print\n", "  max_segments: 3\n  over_limit: reject\n", 1)
    text = text.replace('subject: "Your Northwind statement for', 'subject: "{name}: your Northwind statement for', 1)
    (folder / "template.yaml").write_text(text)
    return folder


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def undecodable_png():
    """A PNG whose structure `check` accepts (signature, IHDR and its CRC, chunks to IEND) but whose pixels
    cannot be decoded: its IDAT is not zlib data. Only drawing it finds that, per record."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 6, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", b"this is not zlib data") + png_chunk(b"IEND", b"")


def test_a_png_that_is_not_a_png_fails_the_template_before_any_record(inkstream, root, tmp_path):
    folder = tmp_path / "statement"
    shutil.copytree(root / "Templates/statement", folder)
    (folder / "seal.png").write_bytes(b"\x89PNG\r\n\x1a\n this is not a PNG image at all")
    text = (folder / "template.yaml").read_text().replace(
        "    - text: { value: \"Account activity\"",
        "    - image: { src: seal.png, x: 500, y: 60, width: 40, height: 40 }\n    - text: { value: \"Account activity\"", 1)
    (folder / "template.yaml").write_text(text)
    proc = inkstream("check", "--template", folder, check=False)
    assert proc.returncode == 65
    assert "the image seal.png is not a valid PNG (its first chunk is not IHDR)" in proc.stderr


def with_limits(template, tmp_path, name, limits):
    folder = tmp_path / name
    shutil.copytree(template, folder)
    path = folder / "template.yaml"
    path.write_text(path.read_text() + "\nlimits:\n" + "".join(f"  {k}: {v}\n" for k, v in limits.items()))
    return folder


@pytest.mark.parametrize("mode", ["per-doc", "stream"])
def test_huge_field_in_each_text_position_is_a_reject_and_the_batch_completes(inkstream, hostile_template, tmp_path, mode):
    good = [S.account(i, 2 + i) for i in range(4)]
    lines = [good[0]] + [huge_in(p) for p in POSITIONS] + good[1:]
    out = tmp_path / mode
    report, rejects, _ = run(inkstream, hostile_template, lines, out, "--mode", mode)
    assert sorted(rejects) == list(range(2, 2 + len(POSITIONS)))
    for line, position in zip(range(2, 2 + len(POSITIONS)), POSITIONS):
        reason = rejects[line]["reason"]
        assert reason.startswith(f"field {FIELD_PATHS[position]} has 230,000 characters, more than "
                                 "limits.max_field_characters 100,000"), reason
    assert report["documents"] == 4
    if mode == "per-doc":
        assert sorted(p.stem for p in (out / "documents").glob("*.pdf")) == sorted(g["account_id"] for g in good)
    else:
        index = (out / "print/index.csv").read_text().splitlines()[1:]
        assert [row.split(",")[0] for row in index] == [g["account_id"] for g in good]


def test_raised_field_limit_lets_a_long_value_through_and_the_shaper_still_refuses_what_overflows(
        inkstream, hostile_template, tmp_path):
    """With the limit raised past it, a 230,000-character name reaches Pango: the shaper refuses it (it used
    to overflow Int32 and kill the run with SIGILL), and a 120,000-character one is laid out, then refused as
    text that runs off the page (overflow: reject), not printed past the edge."""
    template = with_limits(hostile_template, tmp_path, "raised", {"max_field_characters": 1_000_000, "max_line_bytes": 4_194_304})
    long_ok = dict(S.account(1, 2), name="N" * 120_000)
    too_long = dict(S.account(2, 2), name="W" * HUGE)
    report, rejects, _ = run(inkstream, template, [S.account(0, 2), too_long, long_ok], tmp_path / "out")
    assert sorted(rejects) == [2, 3]
    assert "too long to lay out" in rejects[2]["reason"] and "32-bit" in rejects[2]["reason"], rejects
    assert "runs off the page" in rejects[3]["reason"], rejects
    assert report["documents"] == 1


def test_a_line_over_the_line_limit_is_a_reject(inkstream, hostile_template, tmp_path):
    big = S.account(5, 2)
    tx = big["transactions"][0]
    big["transactions"] = [dict(tx, reference=f"R{i:08d}") for i in range(2 * 1024 * 1024 // 60)]
    line = json.dumps(big, separators=(",", ":"))
    assert len(line) > 2 * 1024 * 1024
    report, rejects, _ = run(inkstream, hostile_template, [S.account(0, 2), line, S.account(1, 3)], tmp_path / "out")
    assert sorted(rejects) == [2]
    assert rejects[2]["reason"] == (f"the record is {len(line):,} bytes long, more than limits.max_line_bytes 1,048,576 "
                                    "(raise it in the template's limits: section if such records are real)")
    assert report["documents"] == 2


def test_deep_nesting_is_a_reject_and_nesting_within_the_parser_limit_is_harmless(inkstream, hostile_template, tmp_path):
    deep = json.dumps(S.account(7, 2), separators=(",", ":"))[:-1] + ',"junk":' + "[" * 100_000 + "]" * 100_000 + "}"
    nested_ok = json.dumps(S.account(8, 2), separators=(",", ":"))[:-1] + ',"junk":' + "[" * 500 + "]" * 500 + "}"
    report, rejects, _ = run(inkstream, hostile_template, [S.account(0, 2), deep, nested_ok, S.account(1, 2)], tmp_path / "out")
    assert sorted(rejects) == [2]
    assert "nesting deeper than 512" in rejects[2]["reason"]
    assert report["documents"] == 3


def test_a_five_thousand_page_document_is_a_reject_naming_max_pages(inkstream, hostile_template, tmp_path):
    # 240,000 rows (about 5,000 pages) need a line of ~16 MB: the line limit is raised for this test.
    template = with_limits(hostile_template, tmp_path, "long", {"max_line_bytes": 64 * 1024 * 1024})
    huge = S.account(9, 1)
    row = huge["transactions"][0]
    huge["transactions"] = [row] * 240_000
    report, rejects, _ = run(inkstream, template, [S.account(0, 2), huge, S.account(1, 60)], tmp_path / "out")
    assert sorted(rejects) == [2]
    assert rejects[2]["reason"].startswith("the document needs more than 1000 pages, the template's limits.max_pages"), rejects
    assert report["documents"] == 2


def test_max_pages_is_a_template_setting(inkstream, hostile_template, tmp_path):
    template = with_limits(hostile_template, tmp_path, "two", {"max_pages": 2})
    report, rejects, _ = run(inkstream, template, [S.account(0, 2), S.account(1, 120), S.account(2, 30)], tmp_path / "out")
    assert S.expected_pages(120) > 2 >= S.expected_pages(30)
    assert sorted(rejects) == [2]
    assert "more than 2 pages" in rejects[2]["reason"] and "limits.max_pages" in rejects[2]["reason"]


@pytest.mark.parametrize("mode", ["per-doc", "stream"])
def test_an_image_that_cannot_be_read_rejects_only_its_record(inkstream, hostile_template, tmp_path, mode):
    records = [S.account(i, 3) for i in range(6)]
    records[2]["show_seal"] = True
    out = tmp_path / mode
    report, rejects, _ = run(inkstream, hostile_template, records, out, "--mode", mode)
    assert sorted(rejects) == [3], rejects
    assert "broken.png" in rejects[3]["reason"], rejects
    assert report["documents"] == 5


def test_absurd_numbers_never_stop_the_run(inkstream, hostile_template, tmp_path):
    records = [S.account(i, 2) for i in range(6)]
    records[1]["amount_due"] = 1e308
    records[2]["usage"] = [1e300] * 12
    records[2]["extra_chart"] = True
    records[3]["transactions"][0]["amount"] = -1e300
    records[4]["usage"] = [1e12] + [1] * 11
    records[4]["extra_chart"] = True
    report, rejects, _ = run(inkstream, hostile_template, records, tmp_path / "out")
    assert sorted(rejects) == [2, 3, 4, 5]
    assert "cannot format 1e+308: the value is too large" in rejects[2]["reason"], rejects
    assert "money() cannot format -1e+300" in rejects[4]["reason"], rejects
    assert "grid lines, more than 1000" in rejects[3]["reason"] and "grid lines" in rejects[5]["reason"], rejects
    assert report["documents"] == 2


SMS_CONTROLS = {"NUL": "\x00", "ESC": "\x1b", "RLO": "\u202e", "ZWSP": "\u200b", "BOM": "\ufeff", "C1": "\x9b"}


def sms_records():
    records = []
    for i, (label, char) in enumerate(SMS_CONTROLS.items()):
        records.append(dict(S.account(i, 2), channel="sms", phone=f"+1555257{i:04d}", name=f"Ann{char}Lee"))
    records.append(dict(S.account(20, 2), channel="sms", phone="+15552570999", name="Plain Name"))
    return records


def test_sms_controls_from_data_are_stripped_and_counted(inkstream, hostile_template, tmp_path):
    out = tmp_path / "strip"
    report, rejects, _ = run(inkstream, hostile_template, sms_records(), out)
    assert rejects == {}
    messages = [json.loads(l) for l in (out / "sms/messages.jsonl").read_text().splitlines()]
    assert len(messages) == len(SMS_CONTROLS) + 1
    for m in messages:
        assert m["text"].startswith("Northwind: hello "), m
        assert not any(c in m["text"] for c in SMS_CONTROLS.values()), m
        # Stripped, the text is GSM-7 again: one segment, not the two (UCS-2) an ESC or RLO would cost.
        assert (m["encoding"], m["segments"]) == ("GSM-7", 1), m
    assert all(m["text"].startswith("Northwind: hello AnnLee, amount due $") for m in messages[:len(SMS_CONTROLS)])
    assert report["sms_sanitized"] == {"records": len(SMS_CONTROLS), "characters": len(SMS_CONTROLS)}
    assert report["channels"]["sms"] == len(SMS_CONTROLS) + 1


def test_sms_controls_from_data_are_rejected_when_the_template_says_so(inkstream, hostile_template, tmp_path):
    folder = tmp_path / "reject-template"
    shutil.copytree(hostile_template, folder)
    path = folder / "template.yaml"
    path.write_text(path.read_text().replace("  over_limit: reject\n", "  over_limit: reject\n  unsafe_characters: reject\n", 1))
    out = tmp_path / "reject"
    report, rejects, _ = run(inkstream, folder, sms_records(), out)
    codes = {"NUL": "U+0000", "ESC": "U+001B", "RLO": "U+202E", "ZWSP": "U+200B", "BOM": "U+FEFF", "C1": "U+009B"}
    assert sorted(rejects) == list(range(1, len(SMS_CONTROLS) + 1))
    for line, label in enumerate(SMS_CONTROLS, start=1):
        assert f"holds {codes[label]}" in rejects[line]["reason"], rejects[line]
        assert "sms.unsafe_characters is reject" in rejects[line]["reason"]
    messages = (out / "sms/messages.jsonl").read_text().splitlines()
    assert len(messages) == 1 and "Plain Name" in messages[0]
    assert report["sms_sanitized"] == {"records": 0, "characters": 0}


def test_template_literal_text_is_the_designers(inkstream, hostile_template, tmp_path):
    """Only values from the data are stripped: a tab the designer wrote stays (and makes the SMS UCS-2)."""
    folder = tmp_path / "literal"
    shutil.copytree(hostile_template, folder)
    path = folder / "template.yaml"
    path.write_text(path.read_text().replace('text: "Northwind: hello {name},', 'text: "Northwind:\\thello {name},', 1))
    out = tmp_path / "out"
    run(inkstream, folder, [dict(S.account(1, 2), channel="sms", phone="+15552570280", name="Ann\u202eLee")], out)
    message = json.loads((out / "sms/messages.jsonl").read_text())
    assert message["text"].startswith("Northwind:\thello AnnLee,"), message
    assert message["encoding"] == "UCS-2"


def header_lines(eml):
    raw = eml.read_bytes()
    return raw[:raw.index(b"\r\n\r\n")]


def test_email_headers_never_carry_nul_cr_lf_and_bidi_stays_encoded(inkstream, hostile_template, tmp_path):
    records = [
        dict(S.account(1, 2), channel="email", email="a@example.com", name="Ann\u202eLee"),       # RLO in Subject and To
        dict(S.account(2, 2), channel="email", email="b@example.com", name="Bob\u200bRoe\u2066"),  # zero width, isolate
        dict(S.account(3, 2), channel="email", email="c@example.com", name="Eve\x00Bcc: x@evil.example"),
        dict(S.account(4, 2), channel="email", email="d@example.com", name="Mal\r\nBcc: x@evil.example"),
        dict(S.account(5, 2), channel="email", email="e@example.com", name="Plain Name"),
    ]
    out = tmp_path / "out"
    report, rejects, _ = run(inkstream, hostile_template, records, out)
    emls = sorted((out / "email").glob("*.eml"))
    for eml in emls:
        head = header_lines(eml)
        assert b"\x00" not in head
        assert b"\r" not in head.replace(b"\r\n", b""), eml
        assert b"\n" not in head.replace(b"\r\n", b""), eml
        assert b"evil" not in eml.read_bytes(), eml
        # Non-ASCII (bidi, zero width) only as RFC 2047 encoded words, never raw bytes in the header.
        assert all(b < 128 for b in head), eml
    by_id = {e.stem: e for e in emls}
    first = BytesParser(policy=policy.default).parsebytes((by_id[records[0]["account_id"]]).read_bytes())
    assert first["To"].addresses[0].display_name == "Ann\u202eLee"
    assert first["Subject"].startswith("Ann\u202eLee: your Northwind statement")
    # A NUL or a line break from the data never becomes a header: the record does not go out as email.
    for i in (2, 3):
        account = records[i]["account_id"]
        assert account not in by_id
        assert "contains a control character or line break" in rejects[i + 1]["reason"], rejects
    assert sorted(rejects) == [3, 4]
    assert report["documents"] == 3


def test_check_reports_limits_mistakes_with_their_line(inkstream, hostile_template, tmp_path):
    folder = with_limits(hostile_template, tmp_path, "bad-limits", {"max_pages": 0, "max_lines": 3})
    lines = (folder / "template.yaml").read_text().splitlines()
    pages_line = next(i for i, l in enumerate(lines, 1) if "max_pages: 0" in l)
    proc = inkstream("check", "--template", folder, check=False)
    assert proc.returncode == 65, proc.stdout + proc.stderr
    text = proc.stdout + proc.stderr
    assert f"template.yaml:{pages_line}:" in text and "limits.max_pages is a whole number from 1 to 100000" in text, text
    assert "unknown attribute 'max_lines'" in text and "max_line_bytes" in text, text


def mutate(record, rnd):
    """One hostile change of the kinds a fuzzer makes: huge, odd or wrongly typed values, deep nesting."""
    r = json.loads(json.dumps(record))
    text_paths = [("name",), ("city",), ("address", 0), ("transactions", 0, "description"), ("transactions", 0, "reference")]
    kind = rnd.randrange(9)
    def put(path, value):
        target = r
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    if kind == 0:
        put(rnd.choice(text_paths), rnd.choice("Wm\u4e2d\u0645") * rnd.randrange(90_000, 300_000))
    elif kind == 1:
        put(rnd.choice(text_paths), "".join(chr(rnd.choice([0, 0x1B, 0x202E, 0x200B, 0xFEFF, 0x85, 0x301, 0x10FFFF, 0xD7FF]))
                                            for _ in range(rnd.randrange(1, 5000))))
    elif kind == 2:
        put(rnd.choice([("amount_due",), ("previous_balance",), ("transactions", 0, "amount"), ("usage", 0)]),
            rnd.choice([1e308, -1e308, 5e-324, 1e15, -0.0, 123456789012345678]))
    elif kind == 3:
        depth = rnd.choice([10, 400, 513, 5000])
        r["extra"] = json.loads("[" * min(depth, 500) + "]" * min(depth, 500)) if depth <= 500 else None
        if depth > 500:
            return json.dumps(r)[:-1] + ',"deep":' + "[" * depth + "]" * depth + "}"
    elif kind == 4:
        r["transactions"] = r["transactions"] * rnd.randrange(50, 400)
    elif kind == 5:
        r["usage"] = [rnd.uniform(0, 1e6) for _ in range(rnd.randrange(0, 3000))]
    elif kind == 6:
        put(rnd.choice(text_paths), rnd.choice([None, 5, [], {}, True]))
    elif kind == 7:
        r["channel"] = rnd.choice(["sms", "email"])
        r["name"] = "".join(chr(rnd.choice([0x41, 0x1B, 0x0, 0x202E, 0x0D, 0x0A, 0x2066])) for _ in range(rnd.randrange(1, 40)))
    else:
        r["account_id"] = rnd.choice(["", "../../etc/passwd", "a" * 300, "\u202e" + r["account_id"], "x\x00y"])
    return json.dumps(r, separators=(",", ":"))


@pytest.mark.parametrize("mode", ["per-doc", "stream"])
def test_seeded_mutations_never_stop_a_run(inkstream, hostile_template, root, tmp_path, mode):
    import random
    rnd = random.Random(20261202)
    base = [json.loads(l) for l in (root / "Fixtures/accounts.jsonl").read_text().splitlines()]
    lines = []
    for i in range(240):
        record = base[i % len(base)]
        lines.append(mutate(record, rnd) if i % 2 else json.dumps(dict(record, account_id=f"9{i:08d}")))
    out = tmp_path / mode
    report, rejects, _ = run(inkstream, hostile_template, lines, out, "--mode", mode)
    assert report["records_read"] == 240
    # Every unmutated record became its document.
    assert not set(rejects) & set(range(1, 241, 2)), {k: v["reason"][:120] for k, v in rejects.items() if k % 2}
