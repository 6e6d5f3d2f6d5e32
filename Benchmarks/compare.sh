#!/usr/bin/env bash
# compare.sh [N] [SEED] - Inkstream beside the peer renderers of the reference statement, in one run.
#
# Builds Inkstream (release, Swift runtime linked statically: the deployable single binary), then runs
# ../shared/bench/peers/bench.sh, which times every renderer on the same N accounts in both modes under
# /usr/bin/time and checks page counts, with Inkstream added twice: `inkstream` (all cores) and
# `inkstream -j1` (one worker thread). Prints one table with ratios to each peer and writes it as
# Markdown and as a PNG chart into Benchmarks/results/.
#
# Environment: REPS (default 3, median), WEASY_N (default 20: WeasyPrint takes ~0.3 s a document, so it
# runs on the first 20 accounts only; its documents/s stays comparable), PEERS (default ../shared/bench/peers),
# WORK (where the peers are set up; default ${TMPDIR:-/tmp}/inkstream-peers), ONLY (a subset of renderers,
# e.g. ONLY="raw_cairo raw_cairo-j2 inkstream inkstream-jobs" for a large N).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${1:-200}
SEED=${2:-7}
PEERS=${PEERS:-$ROOT/../shared/bench/peers}
export WORK=${WORK:-${TMPDIR:-/tmp}/inkstream-peers}
export REPS=${REPS:-3}
export WEASY_N=${WEASY_N:-20}
RESULTS=$HERE/results
mkdir -p "$RESULTS" "$WORK"

[ -d "$PEERS" ] || { echo "compare.sh: peers not found at $PEERS (set PEERS=)"; exit 2; }
[ -x "$WORK/venv/bin/python" ] && [ -x "$WORK/raw_cairo" ] || "$PEERS/setup.sh"
command -v rsvg-convert >/dev/null || { apt-get install -y -qq librsvg2-bin >/dev/null 2>&1 || true; }

echo "building inkstream (release, static Swift runtime)…"
(cd "$ROOT" && swift build -c release --product inkstream --static-swift-stdlib --scratch-path .build-static 2>&1 \
  | grep -E "error|Compiling|Build" | grep -v "warning:" | tail -1)
BIN=$ROOT/.build-static/release/inkstream

for jobs in all 1; do
  wrapper=$WORK/inkstream_$jobs.sh
  flag=""; [ "$jobs" = 1 ] && flag="--jobs 1"
  cat > "$wrapper" <<WRAP
#!/bin/sh
exec "$BIN" run --template "$ROOT/Templates/statement" --input "\$1" --out "\$2" --mode "\$3" --run-date 2026-11-22 --channel print --quiet $flag
WRAP
  chmod +x "$wrapper"
done

LOG=$RESULTS/compare_$(date +%Y%m%d-%H%M%S).log
EXTRA_NAME=inkstream EXTRA_CMD=$WORK/inkstream_all.sh EXTRA_JOBS_CMD=$WORK/inkstream_1.sh \
  "$PEERS/bench.sh" "$N" "$SEED" | tee "$LOG"
TSV=$(ls -t "$WORK"/results/bench_*.tsv | head -1)
cp "$TSV" "$RESULTS/latest.tsv"
python3 "$HERE/compare_table.py" "$RESULTS/latest.tsv" "$RESULTS" "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
# Keep this size's result beside the latest (n200.md, n2000.png, …).
for f in md png svg tsv; do [ -f "$RESULTS/latest.$f" ] && cp "$RESULTS/latest.$f" "$RESULTS/n$N.$f"; done
