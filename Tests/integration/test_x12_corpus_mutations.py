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


def dictionary_sets(version):
    """The sets the engine's dictionary for `version` defines (read from the generated data, not the code)."""
    source = (CORPUS.parents[2] / "Sources" / "Inbound" / "Dictionaries" / f"X12Dictionary{version}.swift").read_text()
    return set(json.loads(source[source.index('#"""') + 4:source.rindex('"""#')])["sets"])


def checked_sets(data):
    """(ST index, SE index) of every set of a 004010 group whose set the 004010 dictionary defines."""
    element, terminator = separators(data)
    parts = [p.lstrip(b"\r\n ").split(element) for p in data.split(terminator)]
    known = dictionary_sets("004010")
    version, found, st = None, [], None
    for i, p in enumerate(parts):
        if p[0] == b"GS":
            version = p[8].decode()[:6] if len(p) > 8 else None
        elif p[0] == b"ST" and version == "004010" and p[1].decode() in known:
            st = i
        elif p[0] == b"SE" and st is not None:
            if i - st >= 3:  # two body segments at least, so that moving one changes the order
                found.append((st, i))
            st = None
    return found


SEQUENCED = [f for f in FILES if checked_sets((CORPUS / f).read_bytes())]


@pytest.mark.parametrize("file", SEQUENCED)
def test_the_beginning_segment_moved_to_the_end_of_the_set_is_out_of_sequence(file, tmp_path):
    """BEG/BSN/BIG… moved to just before SE: missing where it belongs (AK3 3), out of place where it is (AK3 7)."""
    data = (CORPUS / file).read_bytes()
    element, terminator = separators(data)
    parts = data.split(terminator)
    st, se = checked_sets(data)[0]
    moved = parts[:st + 1] + parts[st + 2:se] + [parts[st + 1]] + parts[se:]
    ack = answer(tmp_path, terminator.join(moved))
    segments = [s.strip("\r\n").split(ack[3]) for s in ack.split(ack[105])]
    codes = {s[4] for s in segments if s[0] == "AK3" and len(s) > 4}
    assert rejected_as(ack, "AK5 R") and {"3", "7"} <= codes, f"{file}:\n{ack}"


SHIPMENTS = [f for f in SEQUENCED if "_856_" in f]


@pytest.mark.parametrize("file", SHIPMENTS)
def test_a_level_naming_a_parent_that_does_not_exist_is_rejected(file, tmp_path):
    """An 856's second HL names HL 999 as its parent: AK4 7 on HL02."""
    data = (CORPUS / file).read_bytes()
    element, terminator = separators(data)
    parts = data.split(terminator)
    hls = [i for i, p in enumerate(parts) if p.lstrip(b"\r\n ").startswith(b"HL" + element)]
    assert len(hls) >= 2, file
    lead = parts[hls[1]][:len(parts[hls[1]]) - len(parts[hls[1]].lstrip(b"\r\n "))]
    elements = parts[hls[1]].lstrip(b"\r\n ").split(element)
    elements[2] = b"999"
    parts[hls[1]] = lead + element.join(elements)
    ack = answer(tmp_path, terminator.join(parts))
    assert rejected_as(ack, "AK5 R") and f"AK4{ack[3]}2{ack[3]}{ack[3]}7" in ack, f"{file}:\n{ack}"
