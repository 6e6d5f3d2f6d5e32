"""Images named by the data and sizes and colours computed from it, end to end: the pages as drawn, the
rejects of records that name what cannot be drawn, and an assets folder kept outside the template as part
of the run's identity and of a reprint's proof."""
import json
import shutil
import subprocess

from conftest import write_jsonl

TEMPLATE = """\
name: data-driven
page: { size: [300, 200] }
assets: ../shared-assets
data: { id: string, usage: number, peak: number, tone: string, logo: string }
colors: { alert: "#C62828", ok: "#2E7D32" }
document: { id: "{id}" }
regions:
  first:
    - image: { src: "logos/{logo}.png", x: 20, y: 20, width: 60, height: 30 }
    - rect: { x: 20, y: 100, width: "{usage / peak * 200}", height: 20, fill: "{tone}" }
    - text: { value: "{id}", x: 20, y: 150 }
"""


def setup_template(root, tmp_path):
    folder = tmp_path / "template"
    logos = tmp_path / "shared-assets" / "logos"
    folder.mkdir()
    logos.mkdir(parents=True)
    (folder / "template.yaml").write_text(TEMPLATE)
    shutil.copy(root / "Templates/statement/logo.png", logos / "acme.png")
    (logos / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    return folder


def test_records_naming_what_cannot_be_drawn_are_rejects_and_the_rest_render(inkstream, root, tmp_path):
    folder = setup_template(root, tmp_path)
    records = [
        {"id": "A1", "usage": 30, "peak": 60, "tone": "alert", "logo": "acme"},
        {"id": "A2", "usage": 60, "peak": 60, "tone": "#2E7D32", "logo": "missing"},
        {"id": "A3", "usage": 10, "peak": 60, "tone": "ok", "logo": "../../template/x"},
        {"id": "A4", "usage": -1, "peak": 60, "tone": "ok", "logo": "acme"},
        {"id": "A5", "usage": 10, "peak": 60, "tone": "mauve-ish", "logo": "acme"},
        {"id": "A6", "usage": 10, "peak": 60, "tone": "ok", "logo": "broken"},
        {"id": "A7", "usage": 60, "peak": 60, "tone": "ok", "logo": "acme"},
    ]
    data = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    inkstream("run", "--template", folder, "--input", data, "--out", out, "--run-date", "2026-12-01")
    report = json.loads((out / "report.json").read_text())
    assert (report["records_read"], report["documents"], report["rejects"]) == (7, 2, 5)
    assert report["reconciles"]
    rejects = {r["line"]: r for r in map(json.loads, (out / "rejects.jsonl").read_text().splitlines())}
    assert sorted(rejects) == [2, 3, 4, 5, 6]
    assert all(r["file"] == str(data) for r in rejects.values())
    assert "logos/missing.png" in rejects[2]["reason"] and "is not a file in the assets folder" in rejects[2]["reason"]
    assert "steps out of the assets folder" in rejects[3]["reason"]
    assert "never below 0" in rejects[4]["reason"] and "template.yaml:10:" in rejects[4]["reason"]
    assert "not a colour" in rejects[5]["reason"]
    assert "PNG" in rejects[6]["reason"]

    # What a person sees: the red bar half as wide as the green full one, the logo drawn on both pages.
    from PIL import Image
    pages = {}
    for doc in ("A1", "A7"):
        pdf = next((out / "documents").rglob(f"{doc}.pdf"))
        subprocess.run(["pdftoppm", "-png", "-r", "72", "-singlefile", pdf, tmp_path / doc], check=True)
        pages[doc] = Image.open(tmp_path / f"{doc}.png").convert("RGB")

    def bar_end(image, colour):
        xs = [x for x in range(image.width) if image.getpixel((x, 110)) == colour]
        return max(xs) if xs else None

    assert abs(bar_end(pages["A1"], (0xC6, 0x28, 0x28)) - 120) <= 1
    assert abs(bar_end(pages["A7"], (0x2E, 0x7D, 0x32)) - 220) <= 1
    for image in pages.values():
        logo = [image.getpixel((x, y)) for x in range(20, 80) for y in range(20, 50)]
        assert any(p != (255, 255, 255) for p in logo), "the logo is drawn"


def test_an_assets_folder_outside_the_template_is_part_of_the_run_and_the_reprint(inkstream, root, tmp_path):
    folder = setup_template(root, tmp_path)
    data = write_jsonl(tmp_path / "in.jsonl", [{"id": "A1", "usage": 30, "peak": 60, "tone": "ok", "logo": "acme"}])
    journal = tmp_path / "journal.sqlite"
    first = tmp_path / "first"
    inkstream("run", "--template", folder, "--input", data, "--out", first, "--run-date", "2026-12-01", "--journal", journal)
    run_id = json.loads((first / "report.json").read_text())["run_id"]
    same = inkstream("reprint", "--journal", journal, "--run", run_id, "--account", "A1", "--out", tmp_path / "same.pdf", check=False)
    assert same.returncode == 0, same.stdout + same.stderr

    # The shared logo changes: the reprint says the template's files changed, and a new run has a new id.
    logo = tmp_path / "shared-assets" / "logos" / "acme.png"
    shutil.copy(root / "Templates/order_confirmation/signature.png", logo)
    changed = inkstream("reprint", "--journal", journal, "--run", run_id, "--account", "A1", "--out", tmp_path / "changed.pdf", check=False)
    assert changed.returncode == 1
    assert "template" in changed.stdout + changed.stderr
    second = tmp_path / "second"
    inkstream("run", "--template", folder, "--input", data, "--out", second, "--run-date", "2026-12-01", "--journal", journal)
    assert json.loads((second / "report.json").read_text())["run_id"] != run_id
