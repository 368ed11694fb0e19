"""Typesets a fixture's corrected articles as a newspaper page, for
`pdftotext -layout` to read back: columns side by side, each article over
two of them, its headlines centred over both, its body split between them.

How `tests/fixtures/seed_columns.txt` was made (PyMuPDF 2.0, poppler
`pdftotext` 22.12):

    python3 tests/data/typeset_columns.py fonts/NotoSansCJKsc-Proofdesk.otf \
        tests/fixtures/seed_page.proofdesk.json /tmp/seed_columns.pdf 1900
    pdftotext -layout /tmp/seed_columns.pdf tests/fixtures/seed_columns.txt

Arguments: FONT FIXTURE OUT.pdf [PAGE_HEIGHT_PT [CHARS_PER_LINE [COLUMNS]]].
It writes OUT.pdf.placed.json, the articles that fit on the page.
"""
import json, sys
import pymupdf

FONT = sys.argv[1]
fixture = json.load(open(sys.argv[2]))
out = sys.argv[3]
CPL = int(sys.argv[5]) if len(sys.argv) > 5 else 13
FS = 10.0           # body font size
LEAD = 14.0
GUT = 16.0
COLW = CPL * FS
HFS = 17.0
LEFT, TOP = 40.0, 50.0
NCOL = int(sys.argv[6]) if len(sys.argv) > 6 else 4
W = LEFT * 2 + NCOL * COLW + (NCOL - 1) * GUT
H = float(sys.argv[4]) if len(sys.argv) > 4 else 1100.0

def wrap(text, first_indent):
    lines, cur = [], ' ' * 0
    cap = CPL - first_indent
    line = ''
    for ch in text:
        if len(line) >= cap:
            lines.append(line); line = ''; cap = CPL
        line += ch
    if line: lines.append(line)
    return lines

doc = pymupdf.open()
page = doc.new_page(width=W, height=H)
page.insert_font(fontname='cjk', fontfile=FONT)
col_y = [TOP] * NCOL

def put(x, y, s, size):
    page.insert_text((x, y), s, fontname='cjk', fontsize=size)

articles = [a for a in fixture['articles'] if any(b['role'] == 'body' for b in a['blocks'])]
PAIRS = NCOL // 2
placed = []
pair = 0
for a in articles:
    heads = [b['text'] for b in a['blocks'] if b['role'] in ('kicker', 'headline', 'subheadline')]
    body = []
    for b in a['blocks']:
        if b['role'] in ('body', 'subhead', 'source', 'byline', 'caption'):
            indent = 2 if b['role'] == 'body' else 0
            ls = wrap(b['text'], indent)
            if ls:
                ls[0] = '\u3000' * indent + ls[0]
            body.extend(ls)
    c0 = 2 * pair
    y = max(col_y[c0], col_y[c0 + 1]) + 10
    half = (len(body) + 1) // 2
    need = len(heads) * (HFS + 8) + half * LEAD + 20
    if y + need > H - 40:
        pair = (pair + 1) % PAIRS
        c0 = 2 * pair
        y = max(col_y[c0], col_y[c0 + 1]) + 10
        if y + need > H - 40:
            break
    x0 = LEFT + c0 * (COLW + GUT)
    for h in heads:
        size = min(HFS, (2 * COLW + GUT - 10) / max(len(h), 1) * 0.95)
        y += size + 6
        put(x0 + (2 * COLW + GUT - size * len(h)) / 2, y, h, size)
    y += 10
    for k, line in enumerate(body):
        c = c0 + (0 if k < half else 1)
        yy = y + ((k if k < half else k - half) + 1) * LEAD
        put(LEFT + c * (COLW + GUT), yy, line, FS)
    end = y + (half + 1) * LEAD
    col_y[c0] = col_y[c0 + 1] = end
    pair = (pair + 1) % PAIRS
    placed.append(a)
doc.save(out)
json.dump({'articles': placed}, open(out + '.placed.json', 'w'), ensure_ascii=False)
