"""Mutations of real interchanges are rejects (issue 13's "Done means"): for every clean single-interchange
file of the corpus whose expected verdict is all accepted, a changed control number or count, a duplicated
set, or (in an 850) a date that does not exist must turn the answer into the right rejection. Mutations are made on the segments the file really has,
with its own separators."""
import json
import subprocess

import pytest

from conftest import binary
from x12_corpus import CORPUS, expected


def separators(data):
    return data[3:4], data[105:106]


def clean_files():
    for entry in expected():
        if entry.get("known_bad") or len(entry["interchanges"]) != 1:
            continue
        data = (CORPUS / entry["file"]).read_bytes()
        if not data.startswith(b"ISA") or entry.get("uncertain"):
            continue
        x = entry["interchanges"][0]
        if x["envelope"] != "accepted" or x["version"] not in ("00401", "00501"):
            continue
        if not all(g["ak9"] == "A" and g.get("functional_id") != "FA" for g in x["groups"]):
            continue
        yield entry["file"]


FILES = sorted(clean_files())


def mutate(data, segment_id, change):
    """Applies change(elements) to the first segment with this id; returns the new bytes."""
    element, terminator = separators(data)
    parts = data.split(terminator)
    for i, part in enumerate(parts):
        stripped = part.lstrip(b"\r\n ")
        if stripped.startswith(segment_id + element):
            lead = part[:len(part) - len(stripped)]
            elements = stripped.split(element)
            change(elements)
            parts[i] = lead + element.join(elements)
            return terminator.join(parts)
    raise AssertionError(f"no {segment_id!r} segment")


def answer(tmp_path, data):
    path = tmp_path / "mutant.x12"
    path.write_bytes(data)
    out = tmp_path / "acks"
    proc = subprocess.run([binary(), "x12", "ack", "--input", str(path), "--out", str(out), "--date", "2026-12-03",
                           "--first-control", "1"], capture_output=True, text=True, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr
    acks = sorted(out.glob("*.x12"))
    assert acks, "a mutant must still be answered"
    return acks[0].read_text("ascii")


def bump(value):
    digits = value.strip()
    return (str(int(digits) + 1).zfill(len(digits)) if digits.isdigit() else "1").encode()


MUTATIONS = {
    # name: (segment, change, what the answer must contain: TA1 R code, or AK9/AK5 status)
    "IEA02 differs from ISA13": (b"IEA", lambda e: e.__setitem__(2, bump(e[2].decode()[:9])), "TA1 001"),
    "IEA01 group count wrong": (b"IEA", lambda e: e.__setitem__(1, bump(e[1].decode())), "TA1 021"),
    "GE01 set count wrong": (b"GE", lambda e: e.__setitem__(1, bump(e[1].decode())), "AK9 R"),
    "GE02 differs from GS06": (b"GE", lambda e: e.__setitem__(2, bump(e[2].decode())), "AK9 R"),
    "SE01 segment count wrong": (b"SE", lambda e: e.__setitem__(1, bump(e[1].decode())), "AK5 R"),
    "SE02 differs from ST02": (b"SE", lambda e: e.__setitem__(2, bump(e[2].decode())), "AK5 R"),
}


def rejected_as(ack, want):
    kind, code = want.split()
    seps = ack[3], ack[105]
    segments = [s.strip("\r\n").split(seps[0]) for s in ack.split(seps[1]) if s.strip("\r\n")]
    if kind == "TA1":
        return any(s[0] == "TA1" and s[4] == "R" and s[5] == code for s in segments)
    ids = {"AK9": ("AK9",), "AK5": ("AK5", "IK5")}[kind]
    return any(s[0] in ids and s[1] == code for s in segments)


def test_there_are_enough_clean_real_files_to_mutate():
    assert len(FILES) >= 10, FILES


@pytest.mark.parametrize("name", sorted(MUTATIONS))
@pytest.mark.parametrize("file", FILES)
def test_a_mutation_of_a_real_interchange_is_rejected(file, name, tmp_path):
    data = (CORPUS / file).read_bytes()
    segment, change, want = MUTATIONS[name]
    ack = answer(tmp_path, mutate(data, segment, change))
    assert rejected_as(ack, want), f"{file}, {name}: want {want}, got:\n{ack}"


@pytest.mark.parametrize("file", FILES)
def test_a_second_copy_of_the_interchange_in_the_same_group_is_rejected(file, tmp_path):
    """The first set again, with the same ST02, in its group (GE01 raised to match): AK5 R 23 for the copy."""
    data = (CORPUS / file).read_bytes()
    element, terminator = separators(data)
    parts = data.split(terminator)
    ids = [p.lstrip(b"\r\n ").split(element)[0] for p in parts]
    st, se = ids.index(b"ST"), ids.index(b"SE")
    copy = parts[st:se + 1]
    ge = ids.index(b"GE")
    doubled = parts[:se + 1] + copy + parts[se + 1:]
    ge += len(copy)
    ge_elements = doubled[ge].lstrip(b"\r\n ").split(element)
    lead = doubled[ge][:len(doubled[ge]) - len(doubled[ge].lstrip(b"\r\n "))]
    ge_elements[1] = str(int(ge_elements[1]) + 1).encode()
    doubled[ge] = lead + element.join(ge_elements)
    ack = answer(tmp_path, terminator.join(doubled))
    assert rejected_as(ack, "AK5 R") and "23" in ack, f"{file}:\n{ack}"


ORDERS = [f for f in FILES if b"ST" in (CORPUS / f).read_bytes() and "_850_" in f]


@pytest.mark.parametrize("file", ORDERS)
def test_an_order_dated_on_a_day_that_does_not_exist_is_rejected(file, tmp_path):
    """BEG05 19971341 (issue 13: accepted, then failed silently after an AK5 A and an 855 went out)."""
    ack = answer(tmp_path, mutate((CORPUS / file).read_bytes(), b"BEG", lambda e: e.__setitem__(5, b"19971341")))
    assert rejected_as(ack, "AK5 R") and "ST*855" not in ack.replace(ack[3], "*"), f"{file}:\n{ack}"
