"""Typesets done fixtures as justified four-column pages and extracts them
with extractors that are not among the devpages, each into a folder that
`score_pages.py` scores (session 23; README, "Other extractors").

    cargo run --release --example devpages_fixtures -- ../shared/devpages /tmp/dpfix
    pip install pymupdf pypdf pdfminer.six   # and apt-get install poppler-utils
    python3 tests/data/other_extractors.py /tmp/dpfix ../shared/devpages /tmp/ext
    python3 ../shared/tools/score_pages.py --dir /tmp/ext/pdfminer \
        --cmd 'proofdesk normalize {raw} --format json'

Each article goes over two columns, its headline stack centred over both,
its body split between them; full lines are justified glyph by glyph (the
letter spacing `pdftotext -raw` writes as spaces), a paragraph opens with
a two-glyph indent. The stack is drawn after the body in the PDF where the
devpage's gold says its headlines follow their bodies, before it otherwise.
The typesetting is crude (no kinsoku, figures spaced like glyphs): the
content-stream extractors score far below the devpages on these pages, so
only the extractors' figures against each other mean anything.
Folders written: pymupdf (get_text, content-stream order), pypdf,
pdfminer (pdfminer.six's layout analysis: text boxes), pdfplumber
(its extract_text(): each row's columns joined by one space; written
where pdfplumber is installed), pymupdf_sort
(get_text(sort=True): rows across the page), and raw and layout
(poppler's pdftotext -raw and -layout) where pdftotext is installed.
Every line is followed by a blank line, as in the devpages.
"""
import glob, json, os, shutil, subprocess, sys

import pymupdf
import pypdf
from pdfminer.high_level import extract_text as pdfminer_text

try:
    import pdfplumber  # optional: pip install pdfplumber
except ImportError:
    pdfplumber = None

CPL, FS, LEAD, GUT, HFS, LEFT, TOP, NCOL = 15, 10.0, 14.0, 16.0, 17.0, 40.0, 50.0, 4
COLW = CPL * FS
W, H = LEFT * 2 + NCOL * COLW + (NCOL - 1) * GUT, 1500.0


def wrap(text, indent):
    lines, cap, line = [], CPL - indent, ''
    for ch in text:
        if len(line) >= cap:
            lines.append((line, False))
            line, cap = '', CPL
        line += ch
    if line:
        lines.append((line, True))
    return lines


def typeset(fixture, out, font, head_after):
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    page.insert_font(fontname='cjk', fontfile=font)

    def put(x, y, s, size, width=None, indent=0):
        x += indent * size
        if width is None or len(s) < 2:
            page.insert_text((x, y), s, fontname='cjk', fontsize=size)
            return
        step = (width - indent * size - size) / (len(s) - 1)
        for i, ch in enumerate(s):
            page.insert_text((x + i * step, y), ch, fontname='cjk', fontsize=size)

    col_y, placed, pair = [TOP] * NCOL, [], 0
    for a in (a for a in fixture['articles'] if any(b['role'] == 'body' for b in a['blocks'])):
        heads = [(b['role'], b['text']) for b in a['blocks'] if b['role'] in ('kicker', 'headline', 'subheadline')]
        body = []
        for b in a['blocks']:
            if b['role'] in ('body', 'subhead', 'byline', 'caption', 'source'):
                ind = 2 if b['role'] == 'body' else 0
                for k, (l, last) in enumerate(wrap(b['text'], ind)):
                    body.append((l, ind if k == 0 else 0, last))
        c0 = 2 * pair
        y = max(col_y[c0], col_y[c0 + 1]) + 10
        half = (len(body) + 1) // 2
        need = len(heads) * (HFS + 8) + half * LEAD + 20
        if y + need > H - 40:
            pair = (pair + 1) % 2
            c0 = 2 * pair
            y = max(col_y[c0], col_y[c0 + 1]) + 10
            if y + need > H - 40:
                break
        x0, hs = LEFT + c0 * (COLW + GUT), []
        for role, h in heads:
            size = min(HFS if role == 'headline' else 12.0, (2 * COLW + GUT - 10) / max(len(h), 1) * 0.95)
            y += size + 6
            hs.append((x0 + (2 * COLW + GUT - size * len(h)) / 2, y, h, size))
        y += 10

        def draw_body():
            for k, (line, ind, last) in enumerate(body):
                c = c0 + (0 if k < half else 1)
                yy = y + ((k if k < half else k - half) + 1) * LEAD
                put(LEFT + c * (COLW + GUT), yy, line, FS, None if last else COLW, ind)

        def draw_heads():
            for x, yy, h, size in hs:
                put(x, yy, h, size)

        if head_after:
            draw_body(); draw_heads()
        else:
            draw_heads(); draw_body()
        col_y[c0] = col_y[c0 + 1] = y + (half + 1) * LEAD
        pair = (pair + 1) % 2
        placed.append(a)
    doc.save(out)
    gold = {'articles': [], 'page_furniture': [], 'generator': {'head_after_body_p': 1.0 if head_after else 0.0}}
    for a in placed:
        r = {'kicker': None, 'headline': None, 'subheadline': None, 'byline': None,
             'byline_inline': True, 'paragraphs': [], 'captions': []}
        for b in a['blocks']:
            if b['role'] in ('kicker', 'headline', 'subheadline'):
                r[b['role']] = b['text']
            elif b['role'] == 'caption':
                r['captions'].append(b['text'])
            elif b['role'] in ('body', 'subhead', 'byline', 'source'):
                r['paragraphs'].append(b['text'])
        gold['articles'].append(r)
    return gold


def main():
    fixtures, devpages, out = sys.argv[1:4]
    font = os.path.join(os.path.dirname(__file__), '..', '..', 'fonts', 'NotoSansCJKsc-Proofdesk.otf')
    os.makedirs(os.path.join(out, 'pdf'), exist_ok=True)
    for f in sorted(glob.glob(os.path.join(fixtures, '*.proofdesk.json'))):
        name = os.path.basename(f)[:3]
        devgold = json.load(open(os.path.join(devpages, name + '.gold.json')))
        head_after = devgold['generator'].get('head_after_body_p', 0) >= 0.5
        pdf = os.path.join(out, 'pdf', name + '.pdf')
        gold = typeset(json.load(open(f)), pdf, font, head_after)
        doc = pymupdf.open(pdf)
        texts = {
            'pymupdf': doc[0].get_text(),
            'pymupdf_sort': doc[0].get_text(sort=True),
            'pypdf': pypdf.PdfReader(pdf).pages[0].extract_text(),
            'pdfminer': pdfminer_text(pdf),
        }
        if pdfplumber is not None:
            with pdfplumber.open(pdf) as plumbed:
                texts['pdfplumber'] = plumbed.pages[0].extract_text() or ''
        if shutil.which('pdftotext'):
            for mode in ('raw', 'layout'):
                texts[mode] = subprocess.run(['pdftotext', '-' + mode, pdf, '-'], capture_output=True,
                                             text=True, check=True).stdout
        for extractor, text in texts.items():
            d = os.path.join(out, extractor)
            os.makedirs(d, exist_ok=True)
            lines = text.replace('\r', '').split('\n')
            open(os.path.join(d, name + '.raw.txt'), 'w').write(''.join(l + '\n\n' for l in lines))
            gold['generator']['extractor'] = extractor
            json.dump(gold, open(os.path.join(d, name + '.gold.json'), 'w'), ensure_ascii=False)


if __name__ == '__main__':
    main()
