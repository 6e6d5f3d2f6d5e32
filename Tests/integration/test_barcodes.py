"""Barcodes as a person's scanner reads them: each symbology rendered into a PDF, rasterised with pdftoppm
and decoded by two independent decoders (zxing-cpp from PyPI, zbar from Debian) where they read it; the
USPS Intelligent Mail bars compared with zint's own encoder's; a bad value a reject, the other records made."""
import json
import re
import subprocess

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from conftest import write_jsonl

GS1 = "[01]09506000134352[17]261231[10]ABC123"
# type, value, x, y, module, extra attributes, zbar reads it
CODES = [
    ("qr", "https://pay.example/r/NW-100231?amt=44.26", 40, 40, 2.5, "error_correction: M", True),
    ("datamatrix", "ACME-00042-INSERT-07/12", 220, 40, 3, "", False),
    ("pdf417", "PDF417 Inkstream test 1234567890", 40, 200, 1.2, "height: 60", False),   # zbar 0.23 does not decode PDF417
    ("aztec", "Aztec ticket 2026-12-04", 400, 40, 3, "", False),
    ("ean13", "400638133393", 40, 330, 1.5, "height: 50", True),
    ("upca", "03600029145", 250, 330, 1.5, "height: 50", True),
    ("code39", "INK-39 TEST", 40, 430, 1.2, "height: 40", True),
    ("code128", "Code 128 stays", 300, 430, 1.2, "height: 40", True),
    ("datamatrix", GS1, 400, 200, 3, "gs1: true", False),
]
IMB = "0123456709498765432198405123499"   # tracking code, then ZIP+4 and delivery point


def template(codes):
    elements = "\n".join(
        f'    - barcode: {{ type: {t}, value: "{{codes[{i}]}}", x: {x}, y: {y}, module: {m}{", " + extra if extra else ""} }}'
        for i, (t, _, x, y, m, extra, _) in enumerate(codes))
    return f"""\
name: barcodes
page: {{ size: [612, 792], margins: 20 }}
data: {{ id: string, codes: [string], imb: string }}
document: {{ id: "{{id}}" }}
regions:
  first:
{elements}
    - barcode: {{ type: imb, value: "{{imb}}", x: 40, y: 600, module: 2 }}
"""


@pytest.fixture(scope="module")
def rendered(inkstream, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("barcodes")
    (tmp / "t").mkdir()
    (tmp / "t" / "template.yaml").write_text(template(CODES))
    good = {"id": "B1", "codes": [c[1] for c in CODES], "imb": IMB}
    bad = dict(good, id="B2", codes=[c[1] if c[0] != "ean13" else "40063813339X" for c in CODES])
    data = write_jsonl(tmp / "in.jsonl", [good, bad, dict(good, id="B3")])
    out = tmp / "out"
    inkstream("run", "--template", tmp / "t", "--input", data, "--out", out, "--run-date", "2026-12-04")
    pdf = next((out / "documents").rglob("B1.pdf"))
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-singlefile", pdf, tmp / "page"], check=True)
    return {"out": out, "pdf": pdf, "image": Image.open(tmp / "page.png").convert("L"), "tmp": tmp}


def crop(image, x, y, w, h):
    s = 300 / 72
    return image.crop((int((x - 15) * s), int((y - 15) * s), int((x + w + 15) * s), int((y + h + 15) * s)))


@pytest.mark.parametrize("index", range(len(CODES)))
def test_every_symbology_decodes(rendered, index):
    kind, value, x, y, module, extra, zbar = CODES[index]
    size = {"qr": 130, "datamatrix": 100, "pdf417": 400, "aztec": 100, "ean13": 170, "upca": 170, "code39": 260, "code128": 260}[kind]
    height = {"pdf417": 90}.get(kind, 130 if kind in ("qr", "datamatrix", "aztec") else 60)
    region = crop(rendered["image"], x, y, size, height)
    found = zxingcpp.read_barcodes(region)
    assert found, f"zxing read no {kind}"
    text = found[0].text
    if kind == "datamatrix" and "gs1" in extra:
        # zxing gives GS1 data with its application identifiers in brackets (content type GS1).
        assert found[0].content_type == zxingcpp.ContentType.GS1
        assert text.replace("(", "[").replace(")", "]") == GS1 or text == GS1.replace("[", "(").replace("]", ")")
    elif kind == "ean13":
        assert text == value + check_digit(value)
    elif kind == "upca":
        assert text.lstrip("0") in {(value + check_digit(value)).lstrip("0")}
    else:
        assert text == value, (kind, text)
    if zbar:
        path = rendered["tmp"] / f"crop-{index}.png"
        region.save(path)
        proc = subprocess.run(["zbarimg", "--raw", "-q", path], capture_output=True, text=True)
        assert proc.returncode == 0, f"zbar read no {kind}"
        decoded = proc.stdout.strip()
        assert decoded.lstrip("0") == (value + check_digit(value) if kind in ("ean13", "upca") else value).lstrip("0")


def check_digit(digits):
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def test_imb_bars_equal_zints_own_encoder(rendered):
    # zint's dump: three rows (ascender, tracker, descender) of bits; a bar every other column.
    dump = subprocess.run(["zint", "-b", "85", "-d", IMB[:20] + "-" + IMB[20:], "--dump"], capture_output=True, text=True, check=True).stdout.split("\n")
    rows = ["".join(f"{int(h, 16):0{len(h) * 4}b}" for h in line.split()) for line in dump[:3]]
    expected = []
    for col in range(0, min(map(len, rows)), 2):
        top, bottom = rows[0][col] == "1", rows[2][col] == "1"
        expected.append("F" if top and bottom else "A" if top else "D" if bottom else "T")
    expected = "".join(expected[:65])
    # The PDF's rectangles inside the IMb's box (y 600 from the top: PDF y from the bottom).
    content = PdfReader(rendered["pdf"]).pages[0].get_contents().get_data().decode("latin-1")
    bars = [tuple(map(float, m.groups())) for m in re.finditer(r"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re", content)]
    # Rectangles as (x, bottom, width, top): the direct writer draws them from their top, with a negative height.
    bars = [(x, min(y, y + h), w, max(y, y + h)) for x, y, w, h in bars]
    bars = [b for b in bars if 792 - 640 < b[1] < 792 - 590 and 30 < b[0] < 400]
    assert len(bars) == 65
    bottom, top = min(b[1] for b in bars), max(b[3] for b in bars)
    drawn = ""
    for x, low, w, high in sorted(bars):
        reaches_top, reaches_bottom = abs(high - top) < 0.01, abs(low - bottom) < 0.01
        drawn += "F" if reaches_top and reaches_bottom else "A" if reaches_top else "D" if reaches_bottom else "T"
    assert drawn == expected


def test_a_bad_value_is_a_reject_and_the_others_are_made(rendered):
    report = json.loads((rendered["out"] / "report.json").read_text())
    assert (report["documents"], report["rejects"], report["reconciles"]) == (2, 1, True)
    reject = json.loads((rendered["out"] / "rejects.jsonl").read_text().splitlines()[0])
    assert reject["line"] == 2 and "ean13" in reject["reason"] and "barcode at" in reject["reason"]
