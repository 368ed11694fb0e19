#!/usr/bin/env bash
# make_subset.sh — regenerate fonts/NotoSansCJKsc-Proofdesk.otf
#
# What it does
#   1. Locates Noto Sans CJK SC inside the Debian TTC
#        /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
#      (package fonts-noto-cjk).  The face index is looked up by its name table
#      (family "Noto Sans CJK SC"), not assumed; in 1:20220127+repack1-1 it is 2.
#      Index 0 is the JP face, which positions Chinese punctuation (，。：)
#      Japanese-style — do not use it.
#   2. Builds the list of code points to keep (fonts/.build/unicodes.txt):
#        - every character of GBK: all 2-byte sequences, lead 0x81-0xFE,
#          trail 0x40-0xFE except 0x7F, decoded with Python's `gbk` codec
#          (≈21.8k code points, incl. rare hanzi such as 沬 U+6CAC)
#        - ASCII 0x20-0x7E, Latin-1 Supplement U+00A0-00FF (incl. U+00B7)
#        - General Punctuation U+2000-206F (incl. U+2014 — U+2015 ― U+2026 …)
#        - Euro sign U+20AC (cp936 single byte 0x80)
#        - Number Forms U+2150-218F (Ⅰ Ⅱ …), Arrows U+2190-21FF
#        - Enclosed Alphanumerics U+2460-24FF (① …)
#        - Box Drawing U+2500-257F, Geometric Shapes U+25A0-25FF (□ ■)
#        - CJK Symbols and Punctuation U+3000-303F
#        - Halfwidth and Fullwidth Forms U+FF00-FFEF
#      Code points the font has no glyph for are silently skipped by pyftsubset.
#   3. Subsets with pyftsubset (fontTools), keeping OpenType/CFF (.otf, not
#      woff): all layout features (vert, locl, palt, … needed for CJK), no
#      hinting, no glyph names, all name records (keeps the OFL licence fields).
#      Subroutines are kept: --desubroutinize was measured to make the file
#      larger, so it is not used (see README.md).
#   4. Verifies the result: output cmap contains 沬 鹤 □ （ “ and the family
#      name is still "Noto Sans CJK SC".
#
# Requirements
#   apt-get install -y --no-install-recommends fonts-noto-cjk
#   pip install fonttools          (provides pyftsubset; tested with 4.68.0)
#
# Usage
#   fonts/make_subset.sh            (from any directory; writes next to itself)
#   TTC=/path/to/NotoSansCJK-Regular.ttc fonts/make_subset.sh
#
# Idempotent: the output is regenerated from scratch each run into a temp file
# and moved into place; fonts/.build/ is a scratch directory, deleted at the end.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TTC="${TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}"
OUT="$HERE/NotoSansCJKsc-Proofdesk.otf"
BUILD="$HERE/.build"
WANT_FAMILY="Noto Sans CJK SC"

command -v python3    >/dev/null || { echo "python3 not found" >&2; exit 1; }
command -v pyftsubset >/dev/null || { echo "pyftsubset not found (pip install fonttools)" >&2; exit 1; }
[ -f "$TTC" ] || { echo "$TTC not found (apt-get install fonts-noto-cjk)" >&2; exit 1; }

rm -rf "$BUILD"
mkdir -p "$BUILD"
trap 'rm -rf "$BUILD"' EXIT

# --- 1. find the SC face index --------------------------------------------
INDEX="$(python3 - "$TTC" "$WANT_FAMILY" <<'EOF'
import sys
from fontTools.ttLib import TTCollection
ttc, want = sys.argv[1], sys.argv[2]
for i, f in enumerate(TTCollection(ttc).fonts):
    # nameID 1 = family; the Mono faces are "Noto Sans Mono CJK SC"
    if f["name"].getDebugName(1) == want:
        print(i)
        break
else:
    sys.exit(f"no face with family {want!r} in {ttc}")
EOF
)"
echo "using face index $INDEX ($WANT_FAMILY) of $TTC"

# --- 2. code point list ----------------------------------------------------
python3 - "$BUILD/unicodes.txt" <<'EOF'
import sys
cps = set()
for lead in range(0x81, 0xFF):
    for trail in range(0x40, 0xFF):
        if trail == 0x7F:
            continue
        try:
            s = bytes([lead, trail]).decode("gbk")
        except UnicodeDecodeError:
            continue  # unassigned / user-defined areas
        cps.update(map(ord, s))
ranges = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement (incl. U+00B7 middle dot)
    (0x2000, 0x206F),  # General Punctuation (incl. U+2014, U+2015, U+2026)
    (0x20AC, 0x20AC),  # Euro sign
    (0x2150, 0x218F),  # Number Forms (Roman numerals)
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x24FF),  # Enclosed Alphanumerics
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]
for lo, hi in ranges:
    cps.update(range(lo, hi + 1))
with open(sys.argv[1], "w") as f:
    for cp in sorted(cps):
        f.write(f"U+{cp:04X}\n")
print(f"requested {len(cps)} code points")
EOF

# --- 3. subset ---------------------------------------------------------------
pyftsubset "$TTC" \
    --font-number="$INDEX" \
    --unicodes-file="$BUILD/unicodes.txt" \
    --layout-features='*' \
    --no-hinting \
    --no-glyph-names \
    --name-IDs='*' \
    --notdef-outline \
    --output-file="$BUILD/out.otf"

# --- 4. verify and install -------------------------------------------------
python3 - "$BUILD/out.otf" "$WANT_FAMILY" <<'EOF'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
assert "CFF " in f, "output is not CFF"
assert f["name"].getDebugName(1) == sys.argv[2], f["name"].getDebugName(1)
cmap = f.getBestCmap()
need = {0x6CAC: "沬", 0x9E64: "鹤", 0x25A1: "□", 0xFF08: "（", 0x201C: "“"}
missing = [f"U+{c:04X} {ch}" for c, ch in need.items() if c not in cmap]
assert not missing, f"missing from cmap: {missing}"
print(f"cmap covers {len(cmap)} code points, {len(f.getGlyphOrder())} glyphs")
EOF
mv -f "$BUILD/out.otf" "$OUT"
echo "wrote $OUT ($(stat -c %s "$OUT") bytes)"
