"""Shared fixtures for the end-to-end tests: the inkstream binary, a runner, and generated data."""
import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Bundles are signed by the demo key pair; the tests make their own instead of touching the user's.
os.environ.setdefault("INKSTREAM_KEYS", tempfile.mkdtemp(prefix="inkstream-test-keys-"))
SHARED = ROOT.parent / "shared"


def binary():
    path = os.environ.get("INKSTREAM")
    if path:
        return path
    return str(ROOT / ".build" / "debug" / "inkstream")


def run_inkstream(*args, check=True, **kw):
    proc = subprocess.run([binary(), *map(str, args)], capture_output=True, text=True, **kw)
    if check and proc.returncode != 0:
        raise AssertionError(f"inkstream {' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def inkstream():
    return run_inkstream


@pytest.fixture(scope="session")
def root():
    return ROOT


def write_jsonl(path, records):
    with open(path, "w") as f:
        for r in records:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    return path
