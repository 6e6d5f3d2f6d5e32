"""The real-world X12 corpus (Fixtures/x12/real): what Inkstream answers, beside the verdicts written for it.

Each file's expected verdict (expected.json) was written from the X12 rules, pyx12 and the source projects'
own test suites before any of Inkstream's inbound code was changed for issue 13. This module runs
`inkstream x12 ack` and `inkstream x12 dump` on a file and reads our answer back in the same terms:
per interchange, accepted or rejected (with the TA1 note code); per group, the AK9 status; per set, the
AK5 / IK5 status. Acknowledgements are not acknowledged (X12 forbids it), so for 997/999/TA1 groups our
verdict is whether the reader found errors in them.

`python3 Tests/integration/x12_corpus.py` prints one line per file and the share with the right verdict.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "Fixtures" / "x12" / "real"
ACK_SETS = {"997", "999", "TA1"}


def binary():
    return os.environ.get("INKSTREAM") or str(ROOT / ".build" / "debug" / "inkstream")


def expected():
    return json.loads((CORPUS / "expected.json").read_text())


def segments(path):
    """The segments of one of our acknowledgements: its ISA gives the separators."""
    data = path.read_bytes()
    element, terminator = chr(data[3]), chr(data[105])
    text = data.decode("ascii")
    return [s.strip("\r\n").split(element) for s in text.split(terminator) if s.strip("\r\n")]


def our_answer(file, workdir):
    """Our acks by interchange ordinal ({n: {ta1, groups: {gs06: {ak9, sets: {st02: ak5}}}}}) and what dump read."""
    out = Path(workdir) / "acks"
    out.mkdir(parents=True, exist_ok=True)
    ack = subprocess.run([binary(), "x12", "ack", "--input", str(file), "--out", str(out), "--date", "2026-12-03",
                          "--first-control", "1"], capture_output=True, text=True, timeout=60)
    dump = subprocess.run([binary(), "x12", "dump", str(file)], capture_output=True, text=True, timeout=60)
    answers = {"crashed": ack.returncode not in (0, 1) or dump.returncode not in (0, 1),
               "stderr": (ack.stderr + dump.stderr)[-2000:], "interchanges": []}
    acks = {}
    for path in sorted(out.glob("*.x12"), key=lambda p: int(p.stem.rsplit("-", 1)[-1])):
        answer = {"ta1": None, "groups": {}, "ascii": all(b < 128 for b in path.read_bytes()), "path": str(path)}
        isa13 = None
        group = None
        for seg in segments(path):
            if seg[0] == "TA1":
                isa13 = seg[1]
                answer["ta1"] = (seg[4], seg[5]) if len(seg) > 5 else None
            elif seg[0] == "AK1":
                group = answer["groups"].setdefault(seg[2], {"ak9": None, "sets": {}})
            elif seg[0] == "AK2" and group is not None:
                current = seg[2]
            elif seg[0] in ("AK5", "IK5") and group is not None:
                group["sets"][current] = seg[1]
            elif seg[0] == "AK9" and group is not None:
                group["ak9"] = seg[1]
        answer["isa13"] = isa13
        acks[int(path.stem.rsplit("-", 1)[-1])] = answer
    results = []
    try:
        results = json.loads(dump.stdout).get("results", [])
    except json.JSONDecodeError:
        pass
    read = []
    for result in results:
        interchange = result.get("interchange")
        if interchange is None:
            read.append({"isa13": None, "failed": True, "groups": {}})
            continue
        isa = interchange.get("isa") or {}
        elements = [e[0][0] if e and e[0] else "" for e in isa.get("elements", [])]
        groups = {}
        for g in interchange.get("groups", []):
            gs = [e[0][0] if e and e[0] else "" for e in (g.get("gs") or {}).get("elements", [])]
            sets = {}
            for s in g.get("sets", []):
                st = [e[0][0] if e and e[0] else "" for e in (s.get("segments") or [{}])[0].get("elements", [])]
                if len(st) > 1:
                    sets[st[1]] = "R" if s.get("errors") else "A"
            groups[gs[5] if len(gs) > 5 else ""] = {"fid": gs[0] if gs else "", "errors": bool(g.get("errors")),
                                                     "sets": sets}
        read.append({"isa13": elements[12] if len(elements) > 12 else None, "failed": False,
                     "errors": bool(interchange.get("errors")), "groups": groups})
    answers["read"] = read
    answers["acks"] = acks
    return answers


def compare(entry, answers):
    """The differences between the expected verdict and ours (an empty list: the right verdict)."""
    diffs = []
    if answers["crashed"]:
        return [f"crashed: {answers['stderr'][-300:]}"]
    for n, want in enumerate(entry["interchanges"], 1):
        isa13 = want.get("isa13")
        # The n-th interchange's acknowledgement is <stem>-<n>.x12.
        ours = answers["acks"].get(n)
        ta1 = ours and ours["ta1"]
        rejected = bool(ta1 and ta1[0] == "R")
        if want["envelope"] == "rejected":
            if isa13 is None and not want.get("ta1"):
                # No ISA at all: nobody to address a TA1 to. Operations hears of it; the partner cannot.
                if ours is not None:
                    diffs.append(f"interchange {n}: no ISA, yet an acknowledgement was written")
                continue
            if not rejected:
                got = "no answer" if ours is None else ("accepted" if not ta1 else f"TA1 {ta1}")
                diffs.append(f"interchange {n} ({isa13}): want TA1 R {want.get('ta1')}, got {got}")
            elif want.get("ta1") and ta1[1] != want["ta1"] and ta1[1] not in (want.get("ta1_all") or []):
                diffs.append(f"interchange {n} ({isa13}): want TA1 R {want['ta1']}, got TA1 R {ta1[1]}")
            continue
        if rejected:
            diffs.append(f"interchange {n} ({isa13}): want accepted, got TA1 R {ta1[1]}")
            continue
        read = next((r for r in answers["read"] if r["isa13"] == isa13), None)
        for g in want.get("groups", []):
            gs06 = g.get("gs06")
            sets_ack = g.get("functional_id") == "FA" or all(s.get("st01") in ACK_SETS for s in g.get("sets", []))
            if sets_ack:
                group = read and read["groups"].get(gs06)
                if group is None:
                    diffs.append(f"group {gs06}: not read")
                    continue
                for s in g.get("sets", []):
                    got = group["sets"].get(s["st02"], "missing")
                    want_ok = s["ak5"] in ("A", "E")
                    if (got == "A") != want_ok:
                        diffs.append(f"set {s['st01']} {s['st02']}: want {s['ak5']}, read {'clean' if got == 'A' else got}")
                continue
            group = ours and ours["groups"].get(gs06)
            if group is None:
                diffs.append(f"group {gs06}: want AK9 {g['ak9']}, no AK9")
                continue
            if group["ak9"] != g["ak9"]:
                diffs.append(f"group {gs06}: want AK9 {g['ak9']}, got {group['ak9']}")
            for s in g.get("sets", []):
                got = group["sets"].get(s["st02"], "missing")
                if got != s["ak5"]:
                    diffs.append(f"set {s['st01']} {s['st02']}: want AK5 {s['ak5']}, got {got}"
                                 + (f" ({s['why']})" if s.get("why") else ""))
    return diffs


def run_corpus():
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for entry in expected():
            answers = our_answer(CORPUS / entry["file"], Path(tmp) / entry["file"])
            rows.append((entry, answers, compare(entry, answers)))
    return rows


if __name__ == "__main__":
    rows = run_corpus()
    right = 0
    for entry, answers, diffs in rows:
        right += not diffs
        mark = "ok  " if not diffs else "DIFF"
        print(f"{mark} {entry['file']}" + ("" if not diffs else ": " + "; ".join(diffs)[:300]))
    print(f"\n{right} of {len(rows)} files with the right verdict ({100 * right / len(rows):.0f}%)")
    sys.exit(0)
