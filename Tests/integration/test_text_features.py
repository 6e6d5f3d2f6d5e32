"""Text as designers write it, checked with independent tools on the sample regulated notice
(Templates/renewal_notice): names in ten scripts in pdftotext's text, every font embedded (pdffonts), the
outline (qpdf) with one bookmark per notice holding its headings, link annotations (pypdf), /Lang, and
hyphenated lines; then the run identity when the installed fonts change, and text no font can show."""
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pypdf
import pytest

from conftest import write_jsonl

NOTICE = "Templates/renewal_notice"
FIXTURE = "Fixtures/renewal_notices.jsonl"
BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def normalized(text):
    """pdftotext's text by meaning: Arabic presentation forms folded (NFKC), bidi marks dropped."""
    return unicodedata.normalize("NFKC", text).translate(BIDI)


def holders(root):
    return [json.loads(line)["holder"]["name"] for line in (root / FIXTURE).read_text().splitlines()]


def fonts_installed(*families):
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return all(family in listed for family in families)


pytestmark = pytest.mark.skipif(not fonts_installed("Noto Sans CJK SC", "Noto Sans Thai", "Noto Sans Devanagari"),
                                reason="scripts/setup installs fonts-noto-cjk and fonts-noto-core")


@pytest.fixture(scope="module")
def stream_run(inkstream, root, tmp_path_factory):
    out = tmp_path_factory.mktemp("renewal-stream")
    inkstream("run", "--template", root / NOTICE, "--input", root / FIXTURE, "--out", out, "--mode", "stream",
              "--run-date", "2026-12-03")
    return out


@pytest.fixture(scope="module")
def per_doc_run(inkstream, root, tmp_path_factory):
    out = tmp_path_factory.mktemp("renewal-per-doc")
    inkstream("run", "--template", root / NOTICE, "--input", root / FIXTURE, "--out", out, "--mode", "per-doc",
              "--run-date", "2026-12-03")
    return out


def test_every_holder_name_in_ten_scripts_is_in_the_text(stream_run, root):
    stream = stream_run / "print" / "statements.pdf"
    text = normalized(subprocess.run(["pdftotext", stream, "-"], capture_output=True, text=True, check=True).stdout)
    names = holders(root)
    assert len(names) == 10
    for name in names:
        for word in name.split():
            assert normalized(word) in text, f"{word} of {name}"
    assert (stream_run / "rejects.jsonl").read_text() == ""


def test_every_font_is_embedded_and_the_cjk_one_is_cid_keyed_cff(stream_run):
    listing = subprocess.run(["pdffonts", stream_run / "print" / "statements.pdf"], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    names = [line.split()[0] for line in listing]
    assert any("DejaVuSans-Bold" in n for n in names) and any("DejaVuSans-Oblique" in n for n in names), names
    assert any("NotoSansCJK" in line and "CID Type 0C" in line for line in listing), listing
    assert any("NotoSansThai" in n for n in names) and any("NotoSansDevanagari" in n for n in names), names
    for line in listing:
        assert line.split()[-5:-2] == ["yes", "yes", "yes"], f"embedded, subset, ToUnicode: {line}"


def test_the_outline_has_a_bookmark_per_notice_holding_its_headings(stream_run):
    stream = stream_run / "print" / "statements.pdf"
    outlines = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", stream], capture_output=True,
                                         text=True, check=True).stdout)["outlines"]
    assert len(outlines) == 10
    index = (stream_run / "print" / "index.csv").read_text().splitlines()
    assert len(index) == 11
    first = outlines[0]
    assert first["title"].startswith("Renewal notice for policy HM-2611000")
    titles = [k["title"] for k in first["kids"]]
    assert titles[0].startswith("Your policy renews on")
    # Level 2 under the title, level 3 under "5. Your rights".
    level2 = [k["title"] for k in first["kids"][0]["kids"]]
    assert level2 == ["1. What changes at renewal", "2. Your premium at renewal", "3. Why your premium changed",
                      "4. How to lower your premium", "5. Your rights"]
    rights = first["kids"][0]["kids"][4]
    assert [k["title"] for k in rights["kids"]] == ["5.1 Right to cancel", "5.2 Right to an explanation and to complain",
                                                      "5.3 Right to a non-renewal notice"]
    # "5. Your rights" starts on an odd page of its notice (page_break_before: odd).
    assert rights["destpageposfrom1"] % 2 == 1
    reader = pypdf.PdfReader(stream)
    assert reader.trailer["/Root"]["/Lang"] == "en-US"


def test_links_are_annotations_with_the_records_own_targets(per_doc_run):
    reader = pypdf.PdfReader(per_doc_run / "documents" / "HM-2611003.pdf")
    uris = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            a = annotation.get_object()
            assert a["/Subtype"] == "/Link"
            uris.append(a["/A"]["/URI"])
    assert "https://harborline.example/policy/HM-2611003/discounts" in uris
    assert "tel:+12075550100" in uris and "mailto:relations@harborline.example" in uris
    # Per document: an outline of its own headings.
    assert [item.title for item in reader.outline if not isinstance(item, list)][0].startswith("Your policy renews on")


def test_justified_paragraphs_are_hyphenated_and_headings_keep_their_text(per_doc_run):
    hyphenated = 0
    for pdf in sorted((per_doc_run / "documents").glob("*.pdf")):
        pages = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", pdf, "-"], capture_output=True, text=True,
                                check=True).stdout for n in range(1, len(pypdf.PdfReader(pdf).pages) + 1)]
        # A broken word ends its line with the soft hyphen the patterns placed.
        hyphenated += sum(line.rstrip().endswith("\u00ad") for page in pages for line in page.splitlines())
        for page in pages:
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            body = [line for line in lines if not line.startswith("Harborline Mutual Insurance Company")]
            # A heading is never the last body line of a page.
            assert not body or not body[-1][:2] in {"1.", "2.", "3.", "4.", "5."} or len(body[-1]) > 40, (pdf, body[-1])
    assert hyphenated >= 10


def test_other_fonts_make_another_run_id(inkstream, root, tmp_path):
    """Same input, template and date with another set of installed fonts: another run (its bytes differ)."""
    conf = tmp_path / "fonts.conf"
    conf.write_text("<?xml version='1.0'?>\n<!DOCTYPE fontconfig SYSTEM 'fonts.dtd'>\n<fontconfig>\n"
                    "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n  <dir>/usr/share/fonts/opentype/noto</dir>\n"
                    "  <dir>/usr/share/fonts/truetype/noto</dir>\n"
                    f"  <cachedir>{tmp_path}/cache</cachedir>\n</fontconfig>\n")
    one_record = write_jsonl(tmp_path / "one.jsonl", [json.loads((root / FIXTURE).read_text().splitlines()[0])])
    ids = []
    for env in [None, {"FONTCONFIG_FILE": str(conf)}]:
        out = tmp_path / f"out-{len(ids)}"
        full_env = None
        if env:
            import os
            full_env = {**os.environ, **env}
        proc = inkstream("run", "--template", root / NOTICE, "--input", one_record, "--out", out, "--mode", "per-doc",
                         "--run-date", "2026-12-03", env=full_env)
        ids.append(json.loads((out / "report.json").read_text())["run_id"])
    assert ids[0] != ids[1]


def test_text_no_font_can_show_is_a_reject_not_a_blank(inkstream, tmp_path):
    template = tmp_path / "t"
    template.mkdir()
    (template / "template.yaml").write_text(
        'data: { id: string, name: string }\ndocument: { id: "{id}" }\n'
        'regions:\n  first:\n    - text: { value: "Dear {name},", x: 50, y: 60 }\n')
    records = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bo \U0010FFFD"}])
    out = tmp_path / "out"
    inkstream("run", "--template", template, "--input", records, "--out", out, "--mode", "per-doc", check=False)
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text().splitlines()]
    assert [r["line"] for r in rejects] == [2]
    assert "no font can show (U+10FFFD)" in rejects[0]["reason"]
    assert "template.yaml:5:" in rejects[0]["reason"]
    assert sorted(p.name for p in (out / "documents").glob("*.pdf")) == ["a.pdf"]


def test_a_templates_own_fonts_folder_is_seen_by_that_template_only(inkstream, tmp_path):
    """DejaVu Sans renamed with fontTools to a family no system has, in the template's fonts/ folder."""
    from fontTools.ttLib import TTFont
    font = TTFont("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "Inkstream Test Sans"
        elif record.nameID == 6:
            record.string = "InkstreamTestSans"
    with_fonts = tmp_path / "with"
    (with_fonts / "fonts").mkdir(parents=True)
    font.save(with_fonts / "fonts" / "InkstreamTestSans.ttf")
    yaml = ('data: { id: string }\ndocument: { id: "{id}" }\nstyles:\n  base: { font: Inkstream Test Sans }\n'
            'regions:\n  first:\n    - text: { value: "Brand text", x: 50, y: 60 }\n')
    (with_fonts / "template.yaml").write_text(yaml)
    without = tmp_path / "without"
    without.mkdir()
    (without / "template.yaml").write_text(yaml)

    checked = inkstream("check", "--template", with_fonts)
    assert "warning" not in checked.stderr, checked.stderr
    elsewhere = inkstream("check", "--template", without)
    assert "the font 'Inkstream Test Sans' is not installed" in elsewhere.stderr

    records = write_jsonl(tmp_path / "in.jsonl", [{"id": "a"}])
    out = tmp_path / "out"
    inkstream("run", "--template", with_fonts, "--input", records, "--out", out, "--mode", "per-doc")
    fonts = subprocess.run(["pdffonts", out / "documents" / "a.pdf"], capture_output=True, text=True, check=True).stdout
    assert "InkstreamTestSans" in fonts, fonts
    # A broken file in fonts/ fails the template before any record is read.
    (with_fonts / "fonts" / "Broken.ttf").write_bytes(b"not a font, just text")
    broken = inkstream("check", "--template", with_fonts, check=False)
    assert broken.returncode == 65 and "fonts/Broken.ttf is not a TrueType or OpenType font" in broken.stderr


@pytest.mark.parametrize("mode", ["per-doc", "stream"])
def test_the_cairo_writer_passes_the_same_checks(inkstream, root, tmp_path, mode, stream_run, per_doc_run):
    """--pdf-writer cairo: the reference writer, selectable; same names, fonts embedded and page counts as the
    direct writer, files qpdf finds whole, byte-identical reruns, and another run id (other bytes)."""
    out = tmp_path / "cairo"
    args = ("run", "--template", root / NOTICE, "--input", root / FIXTURE, "--out", out, "--mode", mode,
            "--run-date", "2026-12-03", "--pdf-writer", "cairo")
    inkstream(*args)
    direct = stream_run if mode == "stream" else per_doc_run
    assert json.loads((out / "report.json").read_text())["run_id"] != json.loads((direct / "report.json").read_text())["run_id"]
    pdfs = [out / "print" / "statements.pdf"] if mode == "stream" else sorted((out / "documents").glob("*.pdf"))
    direct_pdfs = [direct / "print" / "statements.pdf"] if mode == "stream" else sorted((direct / "documents").glob("*.pdf"))
    assert [len(pypdf.PdfReader(p).pages) for p in pdfs] == [len(pypdf.PdfReader(p).pages) for p in direct_pdfs]
    text = normalized("".join(subprocess.run(["pdftotext", p, "-"], capture_output=True, text=True, check=True).stdout for p in pdfs))
    for name in holders(root):
        for word in name.split():
            assert normalized(word) in text, word
    for pdf in pdfs:
        for line in subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]:
            assert line.split()[-5:-2] == ["yes", "yes", "yes"], line
    for pdf in pdfs[:3]:
        check = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
        assert check.returncode == 0 and "damaged" not in check.stdout + check.stderr, check.stdout + check.stderr
    # cairo 1.16's link tags damage the file's cross-references, so the cairo writer leaves links out.
    assert not [a for p in pypdf.PdfReader(pdfs[0]).pages for a in (p.get("/Annots") or [])]
    if mode == "per-doc":
        again = tmp_path / "again"
        inkstream(*args[:6], again, *args[7:])
        assert (again / "documents" / "HM-2611004.pdf").read_bytes() == (out / "documents" / "HM-2611004.pdf").read_bytes()
        run_id = json.loads((out / "report.json").read_text())["run_id"]
        reprint = inkstream("reprint", "--journal", out / "journal.sqlite", "--run", run_id, "--account", "HM-2611004",
                            "--out", tmp_path / "reprint.pdf")
        assert "identical: byte for byte" in reprint.stdout
        # Reprinted with the other writer: other bytes, and it says why.
        other = inkstream("reprint", "--journal", out / "journal.sqlite", "--run", run_id, "--account", "HM-2611004",
                          "--out", tmp_path / "other.pdf", "--pdf-writer", "direct", check=False)
        assert other.returncode != 0 and "PDF writer: the run used the cairo writer" in other.stdout
        preview = tmp_path / "preview.pdf"
        inkstream("preview", "--template", root / NOTICE, "--input", root / FIXTURE, "--account", "HM-2611004",
                  "--png", tmp_path / "p.png", "--pdf", preview, "--run-date", "2026-12-03", "--pdf-writer", "cairo")
        assert preview.read_bytes() == (out / "documents" / "HM-2611004.pdf").read_bytes()


def test_overflow_is_a_reject_by_default_and_a_reported_warning_when_asked(inkstream, tmp_path):
    """An 8-line address in a box of 3 lines: rejected by default; with overflow: warn the document is made
    and report.json (and report.html) name the record and what did not fit."""
    yaml = ('data: { id: string, address: string }\ndocument: { id: "{id}" }\n{policy}'
            'regions:\n  first:\n    - text: { value: "{address}", x: 50, y: 60, width: 200, height: 40 }\n')
    records = write_jsonl(tmp_path / "in.jsonl", [{"id": "ok", "address": "1 Main St\nSpringfield"},
                                                  {"id": "tall", "address": "\n".join(f"line {i}" for i in range(8))}])
    for policy, expected_rejects in [("", [2]), ("overflow: warn\n", [])]:
        template = tmp_path / f"t{len(policy)}"
        template.mkdir()
        (template / "template.yaml").write_text(yaml.replace("{policy}", policy))
        out = tmp_path / f"out{len(policy)}"
        inkstream("run", "--template", template, "--input", records, "--out", out, "--mode", "per-doc", check=False)
        rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text().splitlines()]
        assert [r["line"] for r in rejects] == expected_rejects
        report = json.loads((out / "report.json").read_text())
        if expected_rejects:
            assert "its 8 lines take" in rejects[0]["reason"] and "its height is 40 pt" in rejects[0]["reason"]
            assert "warnings" not in report
        else:
            assert report["warnings"] == 1
            assert report["first_warnings"][0]["line"] == 2 and report["first_warnings"][0]["document"] == "tall"
            assert "its height is 40 pt" in report["first_warnings"][0]["warnings"][0]
            assert "Overflow warnings" in (out / "report.html").read_text()
            assert (out / "documents" / "tall.pdf").exists()
