"""The blocking primitives (Coordination: Monitor, Permits, BoundedQueue) in an optimized build.

Every other test runs the debug build, where the optimizer does nothing. A Monitor that let its state be
read once and then waited on hung every release-built run with more batches than permits (found by
Benchmarks/compare.sh on 2026-12-03; the debug tests passed). `coordination-stress` drives the primitives as
BatchRun and delivery do; built with `-c release` (seconds: it depends on Coordination only), it must finish
every round. Its own watchdog exits 1 after 60 s without progress; the timeout here is a second fence.
"""
import subprocess

from conftest import ROOT


def test_the_blocking_primitives_never_miss_a_wakeup_when_optimized():
    build = subprocess.run(["swift", "build", "-c", "release", "--product", "coordination-stress"],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
    run = subprocess.run([f"{bin_path}/coordination-stress", "300"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "300 rounds, every wait woken" in run.stdout
