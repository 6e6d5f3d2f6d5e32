"""Signed delivery bundles, checked with tools that are not ours: GNU tar + zstd unpack them, bagit-python
validates the bags, `openssl cms -verify` checks the signatures; tampered bundles are rebuilt and re-signed
with those same tools so that `inkstream verify` must find the damage inside, not just a bad signature."""
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import write_jsonl
import statement_data as S

KEYS = Path(os.environ["INKSTREAM_KEYS"])
PYTHON = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "python")


@pytest.fixture(scope="module")
def routed(inkstream, root, tmp_path_factory):
    """A per-document run whose template sends overdue accounts to one partner and the rest to another."""
    d = tmp_path_factory.mktemp("bundles")
    template = d / "statement"
    shutil.copytree(root / "Templates/statement", template)
    yaml = (template / "template.yaml").read_text()
    yaml = yaml.replace('  index_label: account\n', '  index_label: account\n  bundle: "{overdue ? \'collections\' : \'print-vendor\'}"\n'
                        '  organization: Northwind Power & Light, billing\n')
    (template / "template.yaml").write_text(yaml)
    data = write_jsonl(d / "accounts.jsonl", [S.account(i, 2 + i % 9) for i in range(25)])
    outs = []
    for name in ("a", "b"):
        inkstream("run", "--template", template, "--input", data, "--run-date", "2026-11-24", "--out", d / name, "--quiet")
        outs.append(d / name)
    return {"dir": d, "outs": outs, "data": data}


def unpack(bundle, into):
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "--zstd", "-xf", bundle, "-C", into], check=True)
    (bag,) = [p for p in into.iterdir() if p.is_dir()]
    return bag


def openssl_verify(bundle):
    return subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", f"{bundle}.p7s", "-content", bundle,
                           "-CAfile", KEYS / "demo-signing-cert.pem", "-out", "/dev/null"], capture_output=True, text=True)


def test_one_bundle_per_partner_valid_for_independent_tools(routed, tmp_path):
    out = routed["outs"][0]
    report = json.loads((out / "report.json").read_text())
    run_id = report["run_id"]
    assert sorted(report["bundles"]) == [f"bundles/{run_id}-collections.tar.zst", f"bundles/{run_id}-print-vendor.tar.zst"]
    seen = []
    for rel in report["bundles"]:
        bundle = out / rel
        assert openssl_verify(bundle).returncode == 0
        bag = unpack(bundle, tmp_path / bundle.name)
        check = subprocess.run([PYTHON, "-m", "bagit", "--validate", bag], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        info = (bag / "bag-info.txt").read_text()
        assert "Source-Organization: Northwind Power & Light, billing" in info and "Bagging-Date: 2026-11-24" in info
        assert f"External-Identifier: {run_id} {bag.name}" in info
        manifest = json.loads((bag / "delivery-manifest.json").read_text())
        assert manifest["run_id"] == run_id and manifest["template"] == "statement"
        for doc in manifest["documents"]:
            payload = bag / doc["path"]
            assert hashlib.sha256(payload.read_bytes()).hexdigest() == doc["sha256"]
            assert payload.stat().st_size == doc["size"]
            assert payload.read_bytes() == (out / doc["path"].removeprefix("data/")).read_bytes()
            seen.append((doc["account"], bag.name.endswith("collections")))
    accounts = {json.loads(l)["account_id"]: json.loads(l)["overdue"] for l in routed["data"].read_text().splitlines()}
    assert sorted(seen) == sorted(accounts.items()), "every document in exactly one bundle, routed by the template's rule"


def test_same_run_twice_gives_byte_identical_bundles(routed):
    a, b = routed["outs"]
    names = sorted(p.name for p in (a / "bundles").iterdir())
    assert names == sorted(p.name for p in (b / "bundles").iterdir()) and len(names) == 4
    for name in names:
        assert (a / "bundles" / name).read_bytes() == (b / "bundles" / name).read_bytes(), name


def test_verify_accepts_and_names_the_signer(inkstream, routed):
    bundle = next((routed["outs"][0] / "bundles").glob("*.tar.zst"))
    proc = inkstream("verify", bundle, "--ca", KEYS / "demo-signing-cert.pem")
    assert proc.stdout.startswith("OK ") and "Inkstream demo signing key" in proc.stdout


@pytest.mark.parametrize("where", [0, 5, 100, 0.5, -40, -1])
def test_flipping_any_byte_of_the_archive_fails(inkstream, routed, tmp_path, where):
    source = next((routed["outs"][0] / "bundles").glob("*collections.tar.zst"))
    bundle = tmp_path / source.name
    data = bytearray(source.read_bytes())
    i = int(len(data) * where) if isinstance(where, float) else where % len(data)
    data[i] ^= 0x01
    bundle.write_bytes(bytes(data))
    shutil.copy(f"{source}.p7s", f"{bundle}.p7s")
    proc = inkstream("verify", bundle, check=False)
    assert proc.returncode == 1 and "signature" in proc.stderr, proc.stderr


@pytest.mark.parametrize("where", [20, 0.5, -3])
def test_flipping_a_byte_of_the_signature_fails(inkstream, routed, tmp_path, where):
    source = next((routed["outs"][0] / "bundles").glob("*collections.tar.zst"))
    bundle = tmp_path / source.name
    shutil.copy(source, bundle)
    sig = bytearray(Path(f"{source}.p7s").read_bytes())
    i = int(len(sig) * where) if isinstance(where, float) else where % len(sig)
    sig[i] ^= 0x01
    Path(f"{bundle}.p7s").write_bytes(bytes(sig))
    proc = inkstream("verify", bundle, "--ca", KEYS / "demo-signing-cert.pem", check=False)
    assert proc.returncode == 1, proc.stdout


def resign(bag_parent, bundle):
    """Pack a bag folder with GNU tar + zstd and sign it with openssl, as an attacker holding the key would."""
    (bag,) = [p.name for p in Path(bag_parent).iterdir()]
    subprocess.run(["tar", "--zstd", "--format=posix", "-cf", bundle, "-C", bag_parent, bag], check=True)
    subprocess.run(["openssl", "cms", "-sign", "-binary", "-noattr", "-outform", "DER", "-in", bundle,
                    "-signer", KEYS / "demo-signing-cert.pem", "-inkey", KEYS / "demo-signing-key.pem", "-out", f"{bundle}.p7s"],
                   check=True)


@pytest.mark.parametrize("damage", ["payload", "manifest", "tagmanifest", "oxum"])
def test_a_validly_signed_bundle_with_a_changed_file_inside_fails(inkstream, routed, tmp_path, damage):
    source = next((routed["outs"][0] / "bundles").glob("*collections.tar.zst"))
    root = tmp_path / "bag"
    bag = unpack(source, root)
    if damage == "payload":
        target = next((bag / "data" / "documents").iterdir())
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0x01
        target.write_bytes(bytes(data))
        expected = target.name
    elif damage == "manifest":
        text = (bag / "manifest-sha256.txt").read_text()
        (bag / "manifest-sha256.txt").write_text(("0" if text[0] != "0" else "1") + text[1:])
        expected = "manifest-sha256.txt"
    elif damage == "tagmanifest":
        text = (bag / "delivery-manifest.json").read_text()
        assert '"pages":' in text
        (bag / "delivery-manifest.json").write_text(text.replace('"pages":', '"pages":1'))
        expected = "delivery-manifest.json"
    else:
        text = (bag / "bag-info.txt").read_text()
        (bag / "bag-info.txt").write_text(text.replace("Payload-Oxum: ", "Payload-Oxum: 1"))
        # The tag manifests are fixed up too, so only the oxum itself is wrong.
        for algo in ("sha256", "sha512"):
            digest = hashlib.new(algo, (bag / "bag-info.txt").read_bytes()).hexdigest()
            tm = bag / f"tagmanifest-{algo}.txt"
            tm.write_text("".join(f"{digest}  bag-info.txt\n" if l.endswith("  bag-info.txt") else l + "\n"
                                  for l in tm.read_text().splitlines()))
        expected = "Payload-Oxum"
    bundle = tmp_path / source.name
    resign(root, bundle)
    assert openssl_verify(bundle).returncode == 0, "the tampered bundle is validly signed"
    proc = inkstream("verify", bundle, "--ca", KEYS / "demo-signing-cert.pem", check=False)
    assert proc.returncode == 1
    assert expected in proc.stderr, proc.stderr


def test_stream_run_bundles_the_print_stream_and_its_index(inkstream, routed, tmp_path):
    out = tmp_path / "s"
    inkstream("run", "--template", routed["dir"] / "statement", "--input", routed["data"], "--run-date", "2026-11-24",
              "--mode", "stream", "--out", out, "--quiet")
    (rel,) = json.loads((out / "report.json").read_text())["bundles"]
    bag = unpack(out / rel, tmp_path / "x")
    assert sorted(str(p.relative_to(bag / "data")) for p in (bag / "data").rglob("*") if p.is_file()) == \
        ["print/index.csv", "print/statements.pdf"]
    manifest = json.loads((bag / "delivery-manifest.json").read_text())
    assert len(manifest["documents"]) == 25 and all(d["path"] == "data/print/statements.pdf" for d in manifest["documents"])
    assert manifest["documents"][1]["first_page"] > 1


def test_keys_shows_the_signing_key(inkstream):
    proc = inkstream("keys")
    assert str(KEYS) in proc.stdout and "Inkstream demo signing key" in proc.stdout
