"""A run killed at any moment and started again with the same command ends with exactly the output of an
uninterrupted run: same bytes, no duplicate documents, no gaps, a journal that counts each record once.

Exact moments come from the engine's test hook INKSTREAM_CRASH_AT=POINT:N (SIGKILL the Nth time the
committing thread reaches POINT) with a checkpoint every 2 batches; more moments come from SIGKILL after
seeded random delays, several times in one run."""
import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from conftest import binary, run_inkstream, write_jsonl
import statement_data as S

# The journal and its signed audit head record when things happened, so they differ from run to run.
SKIP = {"report.json", "report.html", "journal.sqlite", "journal.sqlite-wal", "journal.sqlite-shm", "journal.sqlite.head",
        "journal.sqlite.head.p7s"}


def records(n):
    """Small statements with a few bad lines and a duplicate id after the first checkpoints."""
    lines = [json.dumps(S.account(i, 1 + i % 4)) for i in range(n)]
    lines.insert(5, "{not json")
    lines.insert(40, json.dumps({"account_id": "broken"}))
    lines.insert(n - 20, lines[30])  # a duplicate of an early account, near the end
    return "\n".join(lines) + "\n"


def mixed_records(n):
    """Records on all three channels (emails carry PDFs, SMS lines grow their own file)."""
    out = []
    for i in range(n):
        r = S.account(i, 1 + i % 4)
        r.update(channel=["print", "email", "sms"][i % 3], email=f"p{i}@example.com", phone=f"212-555-{1000 + i:04d}")
        out.append(json.dumps(r))
    out.insert(7, "{broken")
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("resume")
    small = d / "small.jsonl"
    small.write_text(records(90))
    large = d / "large.jsonl"
    large.write_text(records(450))
    mixed = d / "mixed.jsonl"
    mixed.write_text(mixed_records(240))
    return {"per-doc": small, "stream": large, "large": large, "mixed": mixed}


def command(root, data, mode, out, dataset=None):
    return [binary(), "run", "--template", str(root / "Templates/statement"), "--input", str(data[dataset or mode]),
            "--run-date", "2026-11-24", "--mode", mode, "--out", str(out), "--quiet", "--jobs", "2"]


def snapshot(out):
    files = {}
    for path in sorted(Path(out).rglob("*")):
        if path.is_file() and path.name not in SKIP:
            files[str(path.relative_to(out))] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def reference(root, data, tmp_path_factory):
    refs = {}
    for mode, dataset in (("per-doc", None), ("stream", None), ("per-doc", "large"), ("per-doc", "mixed"), ("stream", "mixed")):
        out = tmp_path_factory.mktemp(f"ref-{mode}")
        subprocess.run(command(root, data, mode, out, dataset), check=True, capture_output=True)
        refs[(mode, dataset)] = snapshot(out)
    return refs


def check_same(out, reference, mode, dataset=None):
    got = snapshot(out)
    expected = reference[(mode, dataset)]
    assert not [n for n in got if Path(n).name.startswith(".")], f"hidden temporary files left: {sorted(got)[:5]}"
    assert sorted(got) == sorted(expected)
    for name in expected:
        assert got[name] == expected[name], f"{name} differs from the uninterrupted run"
    report = json.loads((Path(out) / "report.json").read_text())
    assert report["reconciles"]
    db = sqlite3.connect(Path(out) / "journal.sqlite")
    runs = db.execute("SELECT id, status, records, documents, rejects FROM runs").fetchall()
    complete = [r for r in runs if r[1] == "complete"]
    assert len(complete) == 1, runs
    run, _, rec, docs, rej = complete[0]
    assert (rec, docs, rej) == (report["records_read"], report["documents"], report["rejects"])
    # Each record counted once: one journal row per document and per reject, no line twice.
    lines = [r[0] for r in db.execute("SELECT line FROM documents WHERE run = ? UNION ALL SELECT line FROM rejects WHERE run = ?", (run, run))]
    assert len(lines) == len(set(lines)) == rec
    return report


# (point, N): every place the committing thread can stop, early, middle and late.
PER_DOC_POINTS = [("batch", 1), ("batch", 2), ("batch", 3), ("batch", 9), ("batch", 17), ("batch", 24),
                  ("files-synced", 1), ("files-synced", 5), ("checkpoint", 1), ("checkpoint", 6), ("checkpoint", 11),
                  ("input-done", 1), ("rejects-committed", 1), ("bundles", 1), ("report", 1)]
STREAM_POINTS = [("batch", 1), ("batch", 2), ("batch", 4), ("files-synced", 1), ("files-synced", 2),
                 ("checkpoint", 1), ("checkpoint", 2), ("input-done", 1), ("stream-finished", 1),
                 ("rejects-committed", 1), ("bundles", 1), ("report", 1)]


@pytest.mark.parametrize("mode,point", [("per-doc", p) for p in PER_DOC_POINTS] + [("stream", p) for p in STREAM_POINTS],
                         ids=lambda v: v if isinstance(v, str) else f"{v[0]}:{v[1]}")
def test_killed_at_an_exact_moment_resumes_to_identical_output(root, data, reference, tmp_path, mode, point):
    out = tmp_path / "o"
    env = dict(os.environ, INKSTREAM_CHECKPOINT_EVERY="2", INKSTREAM_CRASH_AT=f"{point[0]}:{point[1]}")
    killed = subprocess.run(command(root, data, mode, out), env=env, capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, f"the run was not stopped at {point}: {killed.returncode} {killed.stderr}"
    env.pop("INKSTREAM_CRASH_AT")
    resumed = subprocess.run(command(root, data, mode, out), env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    report = check_same(out, reference, mode)
    # Checkpoints are made durable in the background: a kill at a batch may come before the first one landed
    # (then the run starts over, also correct). From the second sync on, one checkpoint surely landed.
    if point[0] != "batch" and point != ("files-synced", 1):
        assert "resuming run" in resumed.stderr
        assert report["resumed_after_record"] is not None


@pytest.mark.parametrize("mode,seed", [("per-doc", s) for s in range(4)] + [("stream", s) for s in range(3)])
def test_killed_repeatedly_at_random_moments(root, data, reference, tmp_path, mode, seed):
    """SIGKILL after random delays, again and again, until a run gets to the end (450 records both ways)."""
    rnd = random.Random(seed)
    out = tmp_path / "o"
    env = dict(os.environ, INKSTREAM_CHECKPOINT_EVERY="3")
    kills = 0
    for attempt in range(40):
        proc = subprocess.Popen(command(root, data, mode, out, "large"), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            # Short delays first (the run must be cut at least once), longer ones later so it can finish.
            proc.wait(timeout=rnd.uniform(0.03, 0.3) + 0.1 * attempt)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
            continue
        assert proc.returncode == 0, proc.stderr.read().decode()
        break
    else:
        pytest.fail("the run never finished")
    assert kills >= 1
    check_same(out, reference, mode, "large" if mode == "per-doc" else None)


def test_a_completed_run_is_not_made_twice(root, data, tmp_path):
    out = tmp_path / "o"
    run_inkstream(*command(root, data, "per-doc", out)[1:])
    again = run_inkstream(*command(root, data, "per-doc", out)[1:])
    assert "already completed" in again.stdout
    db = sqlite3.connect(out / "journal.sqlite")
    assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 1


def test_checkpoint_files_gone_means_starting_over(root, data, reference, tmp_path):
    """If the partial files a checkpoint relies on were removed, the run says so and starts over."""
    out = tmp_path / "o"
    env = dict(os.environ, INKSTREAM_CHECKPOINT_EVERY="2", INKSTREAM_CRASH_AT="checkpoint:2")
    subprocess.run(command(root, data, "stream", out), env=env, capture_output=True)
    (out / "print" / ".statements.pdf.partial").unlink()
    env.pop("INKSTREAM_CRASH_AT")
    resumed = subprocess.run(command(root, data, "stream", out), env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert "starting it over" in resumed.stderr
    check_same(out, reference, "stream")
    db = sqlite3.connect(out / "journal.sqlite")
    assert [r[0] for r in db.execute("SELECT status FROM runs ORDER BY id")] == ["superseded", "complete"]


@pytest.mark.parametrize("mode,point", [(m, p) for m in ("per-doc", "stream") for p in
                                        [("batch", 5 if m == "per-doc" else 2), ("files-synced", 2), ("checkpoint", 2),
                                         ("input-done", 1), ("rejects-committed", 1)]],
                         ids=lambda v: v if isinstance(v, str) else f"{v[0]}:{v[1]}")
def test_runs_on_all_channels_resume_to_identical_output(root, data, reference, tmp_path, mode, point):
    """Emails (renamed into place like PDFs) and the SMS file (cut back to its checkpoint) resume too."""
    out = tmp_path / "o"
    env = dict(os.environ, INKSTREAM_CHECKPOINT_EVERY="2", INKSTREAM_CRASH_AT=f"{point[0]}:{point[1]}")
    killed = subprocess.run(command(root, data, mode, out, "mixed"), env=env, capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    env.pop("INKSTREAM_CRASH_AT")
    resumed = subprocess.run(command(root, data, mode, out, "mixed"), env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    report = check_same(out, reference, mode, "mixed")
    assert report["channels"]["email"] > 0 and report["channels"]["sms"] > 0


def test_a_run_killed_while_rewriting_its_report_leaves_nothing_half_written(root, data, tmp_path):
    """The report is rewritten after the journal says complete (with the journal's timing); a kill in that
    write left `.report.html.partial` (found by the random-kill test) and could leave no report page. The
    same command again finds the run complete, removes the leftover and makes the page again."""
    out = tmp_path / "o"
    assert subprocess.run(command(root, data, "per-doc", out), capture_output=True).returncode == 0
    (out / ".report.html.partial").write_text("<html>half")
    (out / ".report.json.partial").write_text("{")
    (out / "report.html").unlink()
    again = subprocess.run(command(root, data, "per-doc", out), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")], sorted(p.name for p in out.iterdir())
    assert "<html" in (out / "report.html").read_text()
