"""A designer's mistake is reported with file, line and element before any record is processed."""
import re
from pathlib import Path

import pytest

BASE = """\
name: t
data:
  account_id: string
  amount: number
  due: date
document:
  id: "{account_id}"
regions:
  first:
    - text: { value: "Hello", x: 10, y: 10 }
body:
  flow:
    - paragraph: { value: "Amount {money(amount)}" }
"""


def check(inkstream, tmp_path, text):
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    (folder / "template.yaml").write_text(text)
    return inkstream("check", "--template", folder, check=False), folder / "template.yaml"


def test_valid_template_checks(inkstream, tmp_path):
    proc, _ = check(inkstream, tmp_path, BASE)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("old,new,line,words", [
    ('"Amount {money(amount)}"', '"Amount {money(amuont)}"', 13, ["unknown field", "amuont", "amount"]),
    ('"Amount {money(amount)}"', '"Amount {mony(amount)}"', 13, ["mony", "money"]),
    ('"Amount {money(amount)}"', '"Amount {money(account_id)}"', 13, ["money", "number", "string"]),
    ('{ value: "Hello", x: 10, y: 10 }', '{ value: "Hello", x: 10, y: 10, colour: red }', 10, ["unknown attribute", "colour", "color"]),
    ('- text: {', '- txet: {', 10, ["unknown element", "txet", "text"]),
    ('  due: date', '  due: dat', 5, ["unknown type", "dat"]),
    ('"Hello"', '"Hello {due + }"', 10, ["ends too early", "text.value"]),
])
def test_mistakes_name_file_line_and_element(inkstream, tmp_path, old, new, line, words):
    assert old in BASE
    proc, path = check(inkstream, tmp_path, BASE.replace(old, new, 1))
    assert proc.returncode == 65, proc.stdout
    err = proc.stderr
    assert f"{path}:{line}:" in err, err
    for w in words:
        assert w in err, (w, err)


def test_yaml_syntax_error_has_a_line(inkstream, tmp_path):
    proc, path = check(inkstream, tmp_path, BASE.replace("  flow:\n", "  flow:\n   - [unclosed\n", 1))
    assert proc.returncode == 65
    assert re.search(re.escape(str(path)) + r":\d+:\d+", proc.stderr), proc.stderr


def test_run_refuses_a_broken_template_before_reading_records(inkstream, root, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "template.yaml").write_text(BASE.replace("money(amount)", "money(amuont)"))
    out = tmp_path / "out"
    proc = inkstream("run", "--template", folder, "--input", root / "Fixtures/accounts.jsonl", "--out", out, check=False)
    assert proc.returncode == 65
    assert "amuont" in proc.stderr
    assert not (out / "documents").exists()


def test_every_mistake_is_reported_at_once(inkstream, tmp_path):
    text = BASE.replace("money(amount)", "money(amuont)").replace("x: 10, y: 10 }", "x: 10, y: 10, colour: red }")
    proc, path = check(inkstream, tmp_path, text)
    assert proc.returncode == 65
    assert "amuont" in proc.stderr and "colour" in proc.stderr


def test_sample_templates_check(inkstream, root):
    for name in ("statement", "order_confirmation"):
        proc = inkstream("check", "--template", root / "Templates" / name, check=False)
        assert proc.returncode == 0, proc.stderr
