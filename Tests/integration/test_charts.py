"""Charts as a reader sees them: one of each type rendered, the labels and legends in the text, qpdf's
check, and the colours where the bars, lines and slices should be on a 72 dpi render (negative bars below
the zero line, a value above max cut at the axis with its value written by it)."""
import json
import subprocess

from PIL import Image

from conftest import write_jsonl

TEMPLATE = """\
name: charts
page: { size: [612, 792], margins: 20 }
data: { id: string, months: [string], sales: [number], costs: [number], share: [number], kinds: [string] }
document: { id: "{id}" }
regions:
  first:
    - chart: { type: bar, x: 40, y: 40, width: 250, height: 150, categories: months, max: 100, series: [{ name: Sales, values: sales, color: "#0072B2" }] }
    - chart: { type: grouped_bar, x: 320, y: 40, width: 250, height: 150, categories: months, series: [{ name: Sales, values: sales }, { name: Costs, values: costs }] }
    - chart: { type: stacked_bar, x: 40, y: 240, width: 250, height: 150, categories: months, legend: top, series: [{ name: Sales, values: sales }, { name: Costs, values: costs }] }
    - chart: { type: line, x: 320, y: 240, width: 250, height: 150, categories: months, series: [{ name: Trend, values: sales }] }
    - chart: { type: pie, x: 40, y: 440, width: 250, height: 180, categories: kinds, legend: right, series: [{ values: share }] }
    - chart: { type: donut, x: 320, y: 440, width: 250, height: 180, categories: kinds, series: [{ values: share }] }
"""
RECORD = {"id": "C1", "months": ["Jan", "Feb", "Mar", "Apr"], "sales": [40, -20, 120, 60], "costs": [30, 35, -15, 25],
          "share": [50, 25, 25], "kinds": ["Calls", "Data", "Texts"]}


def test_every_chart_type_renders(inkstream, tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "template.yaml").write_text(TEMPLATE)
    bad = dict(RECORD, id="C2", share=[50, -5, 25])
    data = write_jsonl(tmp_path / "in.jsonl", [RECORD, bad])
    out = tmp_path / "out"
    inkstream("run", "--template", tmp_path / "t", "--input", data, "--out", out, "--run-date", "2026-12-04")
    report = json.loads((out / "report.json").read_text())
    assert (report["documents"], report["rejects"], report["reconciles"]) == (1, 1, True)
    reject = json.loads((out / "rejects.jsonl").read_text())
    assert "pie slice 'Data' is -5; pie slices must be positive" in reject["reason"]

    pdf = next((out / "documents").rglob("C1.pdf"))
    subprocess.run(["qpdf", "--check", pdf], check=True, capture_output=True)
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    for word in ["Jan", "Apr", "Sales", "Costs", "Calls", "Texts", "50%", "25%", "120"]:
        assert word in text, word

    subprocess.run(["pdftoppm", "-png", "-r", "72", "-singlefile", pdf, tmp_path / "page"], check=True)
    page = Image.open(tmp_path / "page.png").convert("RGB")
    blue = (0x00, 0x72, 0xB2)

    def near(p, c):
        return all(abs(a - b) < 12 for a, b in zip(p, c))

    def column(x, y0, y1):
        return [y for y in range(y0, y1) if near(page.getpixel((x, y)), blue)]

    # The first chart (x 40–290, plot from about x 62): band of 4 categories; Feb's bar is negative.
    plot_left, plot_right = 62, 290
    band = (plot_right - plot_left) / 4
    jan = column(int(plot_left + band * 0.5), 40, 200)
    feb = column(int(plot_left + band * 1.5), 40, 200)
    mar = column(int(plot_left + band * 2.5), 40, 200)
    assert jan and feb and mar
    assert min(feb) >= max(jan) - 1, "the negative bar hangs below where the positive one stands"
    assert min(mar) < min(jan), "the value above max reaches the top of the axis"
    # The pie: its first slice (half, from 12 o'clock clockwise) is blue on the right of the centre.
    assert near(page.getpixel((165 - 45 + 60, 530)), blue) or near(page.getpixel((150, 500)), blue)
