"""One exit-code table: README's "Exit codes" section, `inkstream --help` and what commands really return
agree."""
import re

from conftest import ROOT


def readme_codes():
    text = (ROOT / "README.md").read_text()
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(m.group(1)) for m in re.finditer(r"^\| (\d+) \|", section, re.M)}


def help_codes(inkstream):
    out = inkstream("--help").stdout
    section = out.split("Exit codes", 1)[1]
    return {int(m.group(1)) for m in re.finditer(r"^\s+(\d+)\s", section, re.M)}


def test_readme_and_help_list_the_same_codes(inkstream):
    assert readme_codes() == help_codes(inkstream) == {0, 1, 3, 64, 65, 66, 73, 75}


def test_commands_return_codes_from_the_table(inkstream, tmp_path):
    codes = readme_codes()
    # A usage mistake, a missing input, a template with errors: each its own documented code.
    bad_flag = inkstream("run", "--no-such-flag", check=False)
    missing = inkstream("run", "--template", ROOT / "Templates" / "statement", "--input", tmp_path / "none.jsonl",
                        "--out", tmp_path / "out", check=False)
    broken = tmp_path / "broken.yaml"
    broken.write_text("this: is: not a template\n")
    template = inkstream("check", "--template", broken, check=False)
    assert (bad_flag.returncode, missing.returncode, template.returncode) == (64, 66, 65)
    assert {bad_flag.returncode, missing.returncode, template.returncode} <= codes
