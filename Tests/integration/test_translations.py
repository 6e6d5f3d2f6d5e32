"""t() plural forms against an independent implementation of CLDR's rules (Babel), through a real run: each
record prints the form its number takes in its locale, and Babel says which form that should be."""
import json
import subprocess

from babel import Locale

from conftest import write_jsonl

LOCALES = ["en_US", "de_DE", "fr_FR", "ru_RU", "pl_PL", "cs_CZ", "ar_SA", "he_IL", "ro_RO", "pt_PT", "ja_JP"]
NUMBERS = list(range(0, 40)) + [100, 101, 102, 103, 105, 111, 112, 121, 1000, 1000000, 0.5, 1.5, 2.5]

TEMPLATE = """\
name: plural-check
page: { size: [300, 100], margins: 5 }
translations: { locale: "{lang}" }
data: { id: string, lang: string, n: number }
document: { id: "{id}" }
regions:
  first:
    - text: { value: "{id} {t('form', n)}", x: 10, y: 10 }
"""


def test_plural_forms_agree_with_babel(inkstream, tmp_path):
    folder = tmp_path / "template"
    (folder / "translations").mkdir(parents=True)
    (folder / "template.yaml").write_text(TEMPLATE)
    for locale in LOCALES:
        tags = sorted(Locale.parse(locale).plural_form.tags | {"other"})
        (folder / "translations" / f"{locale}.yaml").write_text(
            "form:\n" + "".join(f'  {tag}: "{tag}"\n' for tag in tags))
    records = [{"id": f"{locale}-{i}", "lang": locale, "n": n}
               for locale in LOCALES for i, n in enumerate(NUMBERS)]
    data = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    inkstream("run", "--template", folder, "--input", data, "--out", out, "--mode", "stream", "--run-date", "2026-12-01")
    report = json.loads((out / "report.json").read_text())
    assert report["documents"] == len(records) and report["reconciles"], report
    stream = next(out.rglob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", stream, "-"], capture_output=True, text=True, check=True).stdout
    printed = dict(line.split() for line in text.split("\n") if line.strip() and " " in line.strip())
    wrong = []
    for record in records:
        expected = Locale.parse(record["lang"]).plural_form(record["n"])
        if printed.get(record["id"]) != expected:
            wrong.append((record["id"], record["n"], printed.get(record["id"]), expected))
    assert not wrong, wrong
