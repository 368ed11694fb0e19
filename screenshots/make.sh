#!/usr/bin/env bash
# Regenerates the screenshots in this folder from the real window under Xvfb.
# Usage: DISPLAY=:99 bash screenshots/make.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release
real="${CARGO_TARGET_DIR:-target}/release/proofdesk"
out=screenshots
# English unless a shot asks otherwise, whatever the machine's locale.
bin() { "$real" --lang en "$@"; }
# The sample page's lines, two stretches of it set row by row, as plain
# `pdftotext` writes some pages: a page whose reading order is lost.
seed_row_by_row() {
  python3 -c '
import sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l.strip()]
half = len(lines) // 2
sys.stdout.write("".join(a + "\n" + b + "\n" for a, b in zip(lines[:half], lines[half:2 * half])))
' tests/data/seed_page.txt
}

bin --screenshot "$out/desk.png"
bin --window-size 1280x720 --screenshot "$out/desk-1280x720.png"
bin --select 6.2 --screenshot "$out/desk-selected.png"
bin --select 6.2 --edit --screenshot "$out/desk-editing.png"
# Find (Ctrl+F), at the first of the matches.
bin --find 监测 --screenshot "$out/desk-find.png"
# A spot of doubts on the seed page (a headline stack's): the first spot,
# at its second doubt (c), its other doubts marked faintly.
PROOFDESK_SCRIPT="n c" bin --no-autosave --screenshot "$out/doubts.png"
# The Chinese interface (--lang zh), at the default size and at 1280x720,
# at the first doubt so that the doubt strip shows.
PROOFDESK_SCRIPT="n" "$real" --lang zh --no-autosave --screenshot "$out/desk-zh.png"
PROOFDESK_SCRIPT="n" "$real" --lang zh --no-autosave --window-size 1280x720 \
  --screenshot "$out/desk-zh-1280x720.png"

# A page in traditional characters, as a Big5 file (the status bar says so).
big5="$(mktemp -d)/seed_traditional_big5.txt"
python3 -c 'import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding="utf-8").read().encode("big5"))' \
  tests/fixtures/seed_traditional.txt > "$big5"
bin "$big5" --no-autosave --screenshot "$out/desk-traditional.png"
bin "$big5" --no-autosave --window-size 1280x720 --screenshot "$out/desk-traditional-1280x720.png"

# The folder queue: four pages, the first reviewed (every doubt accepted)
# and marked done, the fourth one whose reading order is lost (marked !).
demo="$(mktemp -d)/qdemo"
mkdir -p "$demo"
cp tests/data/seed_page.txt "$demo/p01_seed.txt"
cp tests/fixtures/layout_before_col.txt "$demo/p02_before.txt"
cp tests/fixtures/layout_wide_gb18030.txt "$demo/p03_gb18030.txt"
seed_row_by_row > "$demo/p04_rows.txt"
doubts=$("$real" normalize "$demo/p01_seed.txt" --format json \
  | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["review"]["doubts"]))')
keys="n$(printf ' a%.0s' $(seq "$doubts")) ctrl+d"
PROOFDESK_SCRIPT="$keys" bin "$demo/p01_seed.txt" --screenshot "$(dirname "$demo")/p01.png"
bin "$demo" --screenshot "$out/desk-queue.png"
bin "$demo" --window-size 1280x720 --screenshot "$out/desk-queue-1280x720.png"

# The picture pane (i): the sample page beside a picture of it, typeset from
# its articles by page_picture.py (needs Pillow: pip install pillow).
pic="$(mktemp -d)"
cp tests/data/seed_page.txt "$pic/seed_page.txt"
"$real" normalize "$pic/seed_page.txt" --format json > "$pic/seed.json"
python3 screenshots/page_picture.py "$pic/seed.json" fonts/NotoSansCJKsc-Proofdesk.otf "$pic/seed_page.png"
PROOFDESK_SCRIPT="i" bin "$pic/seed_page.txt" --no-autosave --screenshot "$out/desk-picture.png"

# An OCR page (issue 16): the sample page's picture read back as ALTO by
# page_picture.py (commas read as ASCII, some glyphs unsure), opened with
# its picture (i) at the first doubt (n): the selected block's lines are
# outlined on the picture and the doubt's words marked in amber.
python3 screenshots/page_picture.py "$pic/seed.json" fonts/NotoSansCJKsc-Proofdesk.otf \
  "$pic/ocr_page.png" "$pic/ocr_page.xml"
PROOFDESK_SCRIPT="i n" bin "$pic/ocr_page.xml" --no-autosave --screenshot "$out/desk-ocr.png"
PROOFDESK_SCRIPT="i n" bin "$pic/ocr_page.xml" --no-autosave --window-size 1280x720 \
  --screenshot "$out/desk-ocr-1280x720.png"
# The same at its first doubt with the picture following the selection (z):
# zoomed to the selected block, its glyphs beside the text.
PROOFDESK_SCRIPT="i n z" bin "$pic/ocr_page.xml" --no-autosave --screenshot "$out/desk-ocr-follow.png"
# At the next spot (n), a word the engine was unsure of: the strip quotes
# it and says what A and F do; the picture follows (z), its glyph zoomed.
PROOFDESK_SCRIPT="i n n z" bin "$pic/ocr_page.xml" --no-autosave --screenshot "$out/desk-ocr-unsure.png"

# A page set vertically (issue 16): the sample page's articles set in
# columns read top to bottom, right to left, by page_picture.py --vertical
# with its ALTO, opened with its picture (i); the selected paragraph's
# columns are outlined on the picture, across a band's edge.
python3 screenshots/page_picture.py --vertical "$pic/seed.json" fonts/NotoSansCJKsc-Proofdesk.otf \
  "$pic/vertical_page.png" "$pic/vertical_page.xml"
PROOFDESK_SCRIPT="i" bin "$pic/vertical_page.xml" --no-autosave --select 3.2 --screenshot "$out/desk-vertical.png"
PROOFDESK_SCRIPT="i" bin "$pic/vertical_page.xml" --no-autosave --select 3.2 --window-size 1280x720 \
  --screenshot "$out/desk-vertical-1280x720.png"

# Columns side by side (issue 11): the sample page typeset in four columns
# and read back by `pdftotext -layout` (tests/fixtures/seed_columns.txt),
# each raw row holding two articles' lines; the proposal reads the columns
# apart. Selected: a paragraph of the third article, its pieces marked in the
# raw rows, the raw pane scrolled sideways to the first.
col="$(mktemp -d)"
cp tests/fixtures/seed_columns.txt "$col/seed_columns.txt"
bin "$col/seed_columns.txt" --no-autosave --select 3.3 --screenshot "$out/desk-columns.png"
bin "$col/seed_columns.txt" --no-autosave --select 3.3 --window-size 1280x720 \
  --screenshot "$out/desk-columns-1280x720.png"

# A page whose reading order is lost (issue 11): the sample page's lines,
# two stretches of it set row by row, as plain `pdftotext` writes some
# pages; the desk says so above the corrected page and in the status bar.
rows="$(mktemp -d)"
seed_row_by_row > "$rows/rows_plain_pdftotext.txt"
bin "$rows/rows_plain_pdftotext.txt" --no-autosave --screenshot "$out/desk-reading-order.png"
bin "$rows/rows_plain_pdftotext.txt" --no-autosave --window-size 1280x720 \
  --screenshot "$out/desk-reading-order-1280x720.png"
