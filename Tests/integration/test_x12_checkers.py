"""The X12 acknowledgements we emit, checked by an independent implementation (pyx12).

`inkstream x12 ack` (a hidden developer command) acknowledges each fixture; pyx12's X12Reader must read
every ack's envelopes without errors, and x12valid must accept the 999 for the HIPAA 837 claim.
"""
import subprocess
from pathlib import Path

import pytest
import pyx12.x12file

from conftest import ROOT, binary

FIXTURES = ROOT / "Fixtures" / "x12"
# Fixture → how many ack files it yields (acks of acks are not sent; bad ISAs and empty files yield none).
EXPECTED_ACKS = {
    "850_4010.x12": 1, "850_5010.x12": 1, "856_4010.x12": 1, "856_5010.x12": 1, "810_4010.x12": 1,
    "810_5010.x12": 1, "824_4010.x12": 1, "824_5010.x12": 1, "997_4010.x12": 0, "997_5010.x12": 0,
    "999_5010.x12": 0, "837P_5010X222A1.x12": 1, "multi_versions.x12": 3, "garbage_between.x12": 2,
    "empty.x12": 0, "truncated.x12": 1, "err_iea_count.x12": 1, "err_isa_iea_control.x12": 1,
    "err_ge_count.x12": 1, "err_ge_control.x12": 1, "err_se_count.x12": 1, "err_st_se_control.x12": 1,
    "err_isa_length.x12": 1, "err_separator_letter.x12": 0, "err_separator_same.x12": 0, "err_syntax_850.x12": 1,
    "inbound_850_email.x12": 1, "inbound_856_sms.x12": 1,
}


def ack(fixture, out):
    proc = subprocess.run([binary(), "x12", "ack", "--input", str(FIXTURES / fixture), "--out", str(out),
                           "--date", "2024-03-01", "--first-control", "700"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return sorted(out.glob(Path(fixture).stem + "-*.x12"))


def pyx12_segments(path):
    """Every segment id pyx12 reads, and the envelope errors it reports."""
    with open(path) as fd:
        reader = pyx12.x12file.X12Reader(fd)
        ids = [seg.get_seg_id() for seg in reader]
        errors = reader.pop_errors()
    return ids, errors


def test_pyx12_reader_does_catch_envelope_errors():
    _, errors = pyx12_segments(FIXTURES / "err_se_count.x12")
    assert errors, "the checker must be able to fail"


def test_every_fixture_is_listed():
    assert sorted(p.name for p in FIXTURES.glob("*.x12")) == sorted(EXPECTED_ACKS)


@pytest.mark.parametrize("fixture", sorted(EXPECTED_ACKS))
def test_acks_have_sound_envelopes(fixture, tmp_path):
    files = ack(fixture, tmp_path)
    assert len(files) == EXPECTED_ACKS[fixture]
    for path in files:
        ids, errors = pyx12_segments(path)
        assert errors == [], f"{path.name}: {errors}"
        assert ids[0] == "ISA" and ids[-1] == "IEA"
        ta1 = [line.strip() for line in path.read_text().split("~") if line.strip().startswith("TA1*")]
        if ta1 and ta1[0].split("*")[4] == "R":
            assert "GS" not in ids, "a rejected interchange gets a TA1 and nothing else"
        else:
            assert ids.count("GS") == ids.count("GE") >= 1
            assert ids.count("ST") == ids.count("SE")


def test_control_numbers_and_date_come_from_the_caller(tmp_path):
    first, second, third = ack("multi_versions.x12", tmp_path)
    # One number per interchange, then one per group, never reused.
    assert "*000000700*" in first.read_text() and "GS*FA*INKSTREAM*ACMEBUYER*20240301*0000*701*" in first.read_text()
    assert "*000000702*" in second.read_text() and "*703*" in second.read_text() and "*704*" in second.read_text()
    assert "*000000705*" in third.read_text()


def test_999_for_the_837_passes_x12valid(tmp_path):
    (path,) = ack("837P_5010X222A1.x12", tmp_path)
    text = path.read_text()
    assert "ST*999*0001*005010X231A1~" in text and "IK5*A~" in text
    # x12valid exits 1 even when the file is valid: its verdict is in what it prints.
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "x12valid"), str(path)], capture_output=True, text=True, cwd=tmp_path)
    output = proc.stdout + proc.stderr
    assert f"{path}: OK" in output, output
    assert "ERROR" not in output, output


def test_the_837_itself_passes_x12valid(tmp_path):
    # x12valid writes its own 997 next to its input: give it a copy, not the fixture.
    copy = tmp_path / "837P_5010X222A1.x12"
    copy.write_bytes((FIXTURES / copy.name).read_bytes())
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "x12valid"), str(copy)], capture_output=True, text=True, cwd=tmp_path)
    assert "837P_5010X222A1.x12: OK" in proc.stdout + proc.stderr


def test_dump_reports_errors_with_positions():
    import json
    proc = subprocess.run([binary(), "x12", "dump", str(FIXTURES / "err_se_count.x12")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (result,) = json.loads(proc.stdout)["results"]
    (group,) = result["interchange"]["groups"]
    (error,) = group["sets"][0]["errors"]
    assert (error["level"], error["code"], error["index"], error["segment"]) == ("transactionSet", "4", 18, "SE")
    assert group["sets"][0]["segments"][0]["id"] == "ST"
