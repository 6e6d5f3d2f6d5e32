#!/usr/bin/env python3
"""compare_table.py TSV OUTDIR MACHINE - the bench.sh table with Inkstream's ratio to each peer, as
Markdown (OUTDIR/latest.md, also printed) and a bar chart (OUTDIR/latest.svg, OUTDIR/latest.png)."""
import os
import subprocess
import sys

tsv, outdir, machine = sys.argv[1:4]
rows = [l.rstrip("\n").split("\t") for l in open(tsv)][1:]
NAMES = {"inkstream-jobs": "inkstream -j1", "inkstream": "inkstream (all cores)", "raw_cairo-j2": "raw_cairo -j 2"}
data = []
for r in rows:
    n, mode, name, wall, cpu, dps, pps, rss, pages, bad, outmb = r
    data.append(dict(n=n, mode=mode, name=NAMES.get(name, name), wall=float(wall), cpu=float(cpu), dps=float(dps),
                     pps=float(pps), rss=int(rss), pages=int(pages), bad=int(bad), out=float(outmb)))

lines = [f"Machine: {machine}. N = {data[0]['n'] if data else '?'} accounts (gen_accounts.py), median of REPS runs; "
         "ratio = Inkstream (all cores) documents/s ÷ the row's documents/s.", ""]
lines.append("| mode | renderer | wall s | CPU s | docs/s | pages/s | peak RSS MB | pages | mismatches | inkstream ÷ this |")
lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for mode in ("per-doc", "stream"):
    ours = next((d for d in data if d["mode"] == mode and d["name"] == "inkstream (all cores)"), None)
    for d in (d for d in data if d["mode"] == mode):
        ratio = f"{ours['dps'] / d['dps']:.2f}x" if ours and d["dps"] > 0 else ""
        lines.append(f"| {mode} | {d['name']} | {d['wall']:.2f} | {d['cpu']:.2f} | {d['dps']:.1f} | {d['pps']:.1f} | "
                     f"{d['rss']} | {d['pages']} | {d['bad']} | {ratio} |")
md = "\n".join(lines) + "\n"
open(os.path.join(outdir, "latest.md"), "w").write(md)
print(md)

# Bar chart: documents/s per renderer, one group per mode (log-free, labelled bars).
W, BAR, GAP, LEFT, TOP = 960, 22, 6, 250, 50
items = [(m, d) for m in ("per-doc", "stream") for d in data if d["mode"] == m]
H = TOP + len(items) * (BAR + GAP) + 60
peak = max((d["dps"] for _, d in items), default=1)
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="DejaVu Sans" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="20" y="28" font-size="16" font-weight="bold">Reference statement: documents per second (higher is better)</text>',
       f'<text x="20" y="{H - 16}" fill="#555">{machine}</text>']
y = TOP
for mode, d in items:
    w = (W - LEFT - 120) * d["dps"] / peak
    color = "#1F4E79" if d["name"].startswith("inkstream") else "#9AA9B8"
    svg.append(f'<text x="{LEFT - 8}" y="{y + 15}" text-anchor="end">{mode} · {d["name"]}</text>')
    svg.append(f'<rect x="{LEFT}" y="{y}" width="{w:.1f}" height="{BAR}" fill="{color}"/>')
    svg.append(f'<text x="{LEFT + w + 6:.1f}" y="{y + 15}">{d["dps"]:.0f}/s · {d["rss"]} MB</text>')
    y += BAR + GAP
svg.append("</svg>")
svg_path = os.path.join(outdir, "latest.svg")
open(svg_path, "w").write("\n".join(svg))
try:
    subprocess.run(["rsvg-convert", "-o", os.path.join(outdir, "latest.png"), svg_path], check=True)
    print(f"chart: {os.path.join(outdir, 'latest.png')}")
except (OSError, subprocess.CalledProcessError):
    print(f"chart: {svg_path} (install librsvg2-bin for the PNG)")
