"""The real-world X12 corpus in CI: 72 interchanges from 9 public projects (Fixtures/x12/real/SOURCES.md),
each with a verdict written before issue 13's code changes (expected.json; how in Fixtures/x12/real/README.md).

- Every file is answered (or, with no ISA at all, refused) without a crash or a hang.
- Every file not listed in KNOWN_WRONG gets exactly the expected verdict: TA1 code, AK9 and AK5 per group
  and set. A file in KNOWN_WRONG that starts getting the right verdict fails the test too, so the list only
  shrinks: remove it from the list.
- Every acknowledgement written is pure ASCII, its envelope is sound by the corpus's own independent reader
  (Fixtures/x12/real/tools/check.py, written from the X12 rules without reading Inkstream), and pyx12's
  reader reads it without an envelope error where pyx12 can (ISA12 00401 and 00501 only; we answer in the
  partner's version).
"""
import importlib.util

import pyx12.x12file
import pytest

from x12_corpus import CORPUS, compare, expected, our_answer

# What is still wrong, and why (issue 13). Each reason is the work that fixes it, or the doubt to settle.
DISPUTED = "expected verdict disputed by the 004010 dictionary (EdiEngine): "
KNOWN_WRONG = {
    "06_850_004010_bots.x12": DISPUTED + "DTM05 '19' is the 003xxx century; in 004010 DTM05 is element 1250 "
                              "(D8, RD8, ...) and P0506 pairs it with DTM06",
    "24_856_004010_bots.x12": DISPUTED + "LIN08 'XX' is not a code of element 235 (product/service id qualifier)",
    "30_810_004010_stupidedi.x12": DISPUTED + "IT1 P020304: IT102 without IT103 (unit of measure)",
    "35_820_004010_oopx12.x12": DISPUTED + "BPR10-14 lengths are not 004010's (10/10, 2/2, 3/12, ...) and DTM02 "
                                "'031016 ' has a space",
    "65_277_005010_imsweb.x12": "needs the HIPAA 277CA implementation guide (STC mandatory in 2200B), not only the standard",
}

ENTRIES = expected()
_spec = importlib.util.spec_from_file_location("corpus_check", CORPUS / "tools" / "check.py")
corpus_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_check)


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    return {e["file"]: our_answer(CORPUS / e["file"], root / e["file"]) for e in ENTRIES}


def test_the_corpus_is_what_sources_md_lists():
    listed = (CORPUS / "SOURCES.md").read_text()
    files = sorted(p.name for p in CORPUS.glob("*.x12"))
    assert len(files) >= 40
    assert files == sorted(e["file"] for e in ENTRIES)
    for name in files:
        assert f"| {name} |" in listed, f"{name} has no row in SOURCES.md"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_verdict(entry, answers):
    diffs = compare(entry, answers[entry["file"]])
    if entry["file"] in KNOWN_WRONG:
        assert diffs, f"{entry['file']} now gets the right verdict: remove it from KNOWN_WRONG"
    else:
        assert diffs == [], f"{entry['file']}: " + "; ".join(diffs)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_acknowledgements_are_ascii_and_read_by_pyx12(entry, answers):
    answer = answers[entry["file"]]
    assert not answer["crashed"], answer["stderr"]
    for n, ack in answer["acks"].items():
        assert ack["ascii"], f"acknowledgement {n} has non-ASCII bytes"
        path = ack["path"]
        data = open(path, "rb").read()
        report = corpus_check.analyse(data)
        problems = report.get("issues", []) + ([report["fatal"]] if "fatal" in report else [])
        for interchange in report["interchanges"]:
            problems += interchange["errors"]
            for group in interchange["groups"]:
                problems += group["errors"] + [e for s in group["sets"] for e in s["errors"]]
        assert problems == [], f"{path}: {problems}"
        if data[84:89] not in (b"00401", b"00501"):
            continue
        with open(path) as fd:
            reader = pyx12.x12file.X12Reader(fd)
            ids = [seg.get_seg_id() for seg in reader]
            errors = reader.pop_errors()
        assert errors == [], f"{path}: {errors}"
        assert ids[0] == "ISA" and ids[-1] == "IEA"
