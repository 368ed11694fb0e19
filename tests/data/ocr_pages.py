"""Typesets devpages from their gold as newspaper pages, prints each to a
200 dpi image and reads it with Tesseract, as `../shared/devpages-ocr` was
made, so that the OCR proposal can be measured on pages it was never tuned
on (session 39; README, "OCR pages the rules never saw").

    apt-get install tesseract-ocr tesseract-ocr-chi-sim fonts-arphic-uming fonts-wqy-microhei
    pip install pymupdf pillow
    python3 tests/data/ocr_pages.py ../shared/devpages /tmp/ocrpages [PAGE...]
    python3 tests/data/ocr_pages.py --vertical ../shared/devpages /tmp/ocrvert [PAGE...]
    python3 ../shared/tools/score_pages.py --dir /tmp/ocrpages --ext hocr \
        --cmd 'proofdesk normalize {raw} --format json'

The page follows the gold's `generator`: its column count, glyph size,
tracking, leading, gutter, punctuation style (`half`: marks set half an em
wide; `squeeze_adjacent`: only a mark next to another), page header, body
font (AR PL UMing) and headline font (WenQuanYi Micro Hei). Articles are laid
out in bands across the page, each over one to four columns, its headline
stack centred over them (kicker above, subheadline below), a block byline
left-aligned over the body, a grey photo with its caption under the stack,
the body justified glyph by glyph with a two-em indent and balanced over
the article's columns; a rule between bands. The typesetting is this
script's, not the devpages' own (whose layout is only seen in their small
pictures): it is crude where theirs is careful (no kinsoku beyond keeping a
closing mark off a line's start, bands as tall as their longest article),
so the engine's block order and misreads are real, the page designs are
an approximation. Writes NNN.jpg, NNN.txt, NNN.hocr, NNN.xml (Tesseract
5.3 `chi_sim --psm 3`, as devpages-ocr) and NNN.gold.json.

With `--vertical` the same page is set vertically, as Chinese newspapers
long were: each line a column of upright glyphs read top to bottom, the
columns right to left, each of the page's columns a band across it (the
text runs on in the band below), the page a quarter turn of the one set
across. Brackets and quotes take their vertical forms (`︵︶︽︾﹁﹂`), the
marks `。，、` sit at the top right of their cell, and the page is read
with `chi_sim_vert --psm 3` (apt-get install tesseract-ocr-chi-sim-vert).
"""
import json, math, os, random, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

import pymupdf
from PIL import Image

BODY_FONT = '/usr/share/fonts/truetype/arphic/uming.ttc'
HEAD_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'
W, H = 841.89, 1190.55
PX_PER_PT = 2339 / W  # devpages-ocr: the A3 page printed to 2339 px wide
CLOSING = set('，。、；：？！）”』」》…')
PUNCT = CLOSING | set('（“『「《')
# Set vertically (`--vertical`): glyphs that take a vertical form, and the
# marks set at the top right of their cell.
VERTICAL = False
VERTICAL_FORMS = dict(zip('（）《》「」『』“”—', '︵︶︽︾﹁﹂﹃﹄﹁﹂︱'))
TOP_RIGHT = set('，。、；：？！')


def is_cjk(ch):
    return '\u3000' <= ch <= '\u9fff' or '\uff00' <= ch <= '\uffef'


class Setter:
    """Places glyphs: body text justified in columns, centred titles."""

    def __init__(self, page, gen, across_height=None):
        self.page, self.gen = page, gen
        # set vertically: the height of the page set across, whose point
        # (x, y) stands at (across_height - y, x)
        self.across_height = across_height
        self.body = pymupdf.Font(fontfile=BODY_FONT)
        self.head = pymupdf.Font(fontfile=HEAD_FONT)
        self.tw = pymupdf.TextWriter(page.rect)

    def advance(self, ch, nxt, prev, size, font):
        fs, tr = size, (self.gen['tracking_em'] * size if font is self.body else 0)
        if ch == ' ':
            return fs * 0.5
        if ch in PUNCT:
            half = self.gen['punct_style'] == 'half' or (nxt in PUNCT) or (prev in PUNCT)
            return (fs * 0.5 if half else fs) + tr
        if is_cjk(ch):
            gap = fs * 0.25 if nxt and not is_cjk(nxt) and nxt != ' ' and nxt not in PUNCT else 0
            return fs + tr + gap
        gap = fs * 0.25 if nxt and is_cjk(nxt) and nxt not in PUNCT else 0
        return font.text_length(ch, fs) + gap

    def width(self, s, size, font):
        return sum(self.advance(c, s[i + 1] if i + 1 < len(s) else '', s[i - 1] if i else '', size, font)
                   for i, c in enumerate(s))

    def wrap(self, text, width, size, font, indent=0):
        """Lines of `text` (each a str and whether it ends the paragraph) in `width`."""
        lines, line, cap = [], '', width - indent * size
        for ch in text:
            if line and self.width(line + ch, size, font) > cap and ch not in CLOSING:
                # keep a run of figures or Latin whole
                cut = len(line)
                while cut > 0 and not is_cjk(line[cut - 1]) and line[cut - 1] not in PUNCT and not is_cjk(ch):
                    cut -= 1
                if cut == 0:
                    cut = len(line)
                lines.append((line[:cut], False))
                line, cap = line[cut:], width
            line += ch
        if line:
            lines.append((line, True))
        return lines

    def put(self, x, y, s, size, font, justify=None):
        adv = [self.advance(c, s[i + 1] if i + 1 < len(s) else '', s[i - 1] if i else '', size, font)
               for i, c in enumerate(s)]
        extra = (justify - sum(adv)) / (len(s) - 1) if justify and len(s) > 1 else 0
        for c, a in zip(s, adv):
            if c != ' ':
                # an opening mark set half an em wide sits on its glyph's right half
                shift = size * 0.5 if c in PUNCT - CLOSING and a < size else 0
                if self.across_height is None:
                    self.tw.append((x - shift, y), c, font=font, fontsize=size)
                else:
                    self.upright(x - shift, y, c, size, font)
            x += a + extra

    def upright(self, x, y, c, size, font):
        """Glyph `c` whose cell set across has its baseline's left end at
        (x, y), upright in the cell the quarter turn puts it in."""
        bx, by = self.across_height - y - 0.12 * size, x + 0.88 * size
        if c in TOP_RIGHT:
            bx, by = bx + 0.5 * size, by - 0.5 * size
        c = VERTICAL_FORMS.get(c, c)
        if not font.has_glyph(ord(c)):
            font = self.body
        self.tw.append((bx, by), c, font=font, fontsize=size)

    def line(self, a, b, width):
        self.page.draw_line(self.turned(*a), self.turned(*b), width=width)

    def rect(self, x0, y0, x1, y1, fill):
        (ax, ay), (bx, by) = self.turned(x0, y0), self.turned(x1, y1)
        self.page.draw_rect(pymupdf.Rect(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)), color=None, fill=fill)

    def turned(self, x, y):
        return (x, y) if self.across_height is None else (self.across_height - y, x)

    def title_lines(self, s, width, size, least):
        """A title's size and lines: one line in `width` (an em's margin each
        side) at `size` or smaller down to `least`, else two balanced lines
        (broken at a two-part title's space where it has one) as large as
        fit, else as many lines at `least` as it takes."""
        room = width - 2 * least
        fit = room / max(self.width(s, 1.0, self.head), 1e-6)
        if fit >= least:
            return min(size, fit), [s]
        cut = s.find(' ') if ' ' in s else (len(s) + 1) // 2
        parts = [s[:cut].strip(), s[cut:].strip()]
        fit = room / max(max(self.width(p, 1.0, self.head) for p in parts), 1e-6)
        if fit >= least:
            return min(size, fit), parts
        return least, [line for line, _ in self.wrap(s.replace(' ', ''), room, least, self.head)]

    def centred(self, x0, width, y, s, size, least, draw=True):
        size, lines = self.title_lines(s, width, size, least)
        for line in lines:
            y += size * 1.25
            if draw:
                self.put(x0 + (width - self.width(line, size, self.head)) / 2, y, line, size, self.head)
        return y


def bands_of(articles, ncol, rng):
    """Articles in reading order grouped into bands with column spans."""
    bands, i = [], 0
    while i < len(articles):
        k = min(len(articles) - i, rng.choice([2, 2, 3]) if ncol >= 5 else rng.choice([1, 2, 2]))
        group = articles[i:i + k]
        sizes = [max(1, sum(len(p) for p in a['paragraphs'])) for a in group]
        spans = [max(1, round(ncol * s / sum(sizes))) for s in sizes]
        while sum(spans) > ncol:
            spans[spans.index(max(spans))] -= 1
        while sum(spans) < ncol:
            spans[spans.index(min(spans))] += 1
        bands.append(list(zip(group, spans)))
        i += k
    return bands


def typeset(gold, seed):
    gen = gold['generator']
    fs, lead, ncol, gut, colw = gen['fs'], gen['lead'], gen['columns'], gen['gutter'], gen['colw']
    left = (W - (ncol * colw + (ncol - 1) * gut)) / 2
    doc = pymupdf.open()
    rng = random.Random(seed)
    bands = bands_of(gold['articles'], ncol, rng)
    # first pass: height; a page taller than A3 where the text does not fit
    probe = pymupdf.open().new_page(width=W, height=H)
    heights = [band_ui(Setter(probe, gen), band, left, 0, fs, lead, gut, colw, False, seed + k)
               for k, band in enumerate(bands)]
    top = 40 + (28 if gold.get('page_furniture') else 10)
    height = max(H, top + sum(heights) + 12 * len(bands) + 40)
    if VERTICAL:
        page = doc.new_page(width=height, height=W)
        st = Setter(page, gen, across_height=height)
    else:
        page = doc.new_page(width=W, height=height)
        st = Setter(page, gen)
    y = 40
    if gold.get('page_furniture'):
        st.put(left, y + fs * 1.2, gold['page_furniture'][0], fs * 1.05, st.body)
        y += fs * 1.8
        st.line((left, y), (W - left, y), 1.2)
    y += 10
    for k, (band, h) in enumerate(zip(bands, heights)):
        band_ui(st, band, left, y, fs, lead, gut, colw, True, seed + k)
        y += h + 6
        st.line((left, y), (W - left, y), 0.6)
        y += 6
    st.tw.write_text(page)
    return doc


def band_ui(st, band, left, y0, fs, lead, gut, colw, draw, seed):
    """Draws one band (or only measures it); its height."""
    c0, tallest = 0, 0.0
    rng = random.Random(seed)
    for a, span in band:
        x0, width = left + c0 * (colw + gut), span * colw + (span - 1) * gut
        y = y0
        # sizes as the devpages-ocr pictures show them, against running text
        if a.get('kicker'):
            y = st.centred(x0, width, y, a['kicker'], fs * 1.3, fs * 1.1, draw)
        if a.get('headline'):
            low, high = (2.2, 2.8) if span >= 3 else (1.9, 2.4) if span == 2 else (1.6, 2.0)
            size = fs * (low + (high - low) * rng.random())
            y = st.centred(x0, width, y, a['headline'], size, fs * 1.4, draw)
        if a.get('subheadline'):
            y = st.centred(x0, width, y, a['subheadline'], fs * 1.3, fs * 1.1, draw)
        y += fs * 0.8
        for cap in a.get('captions') or []:
            ph = width * 0.45
            if draw:
                st.rect(x0, y, x0 + width, y + ph, (0.82, 0.82, 0.82))
            y += ph
            for line, _ in st.wrap(cap, width, fs * 0.85, st.head):
                y += fs * 0.85 * 1.4
                if draw:
                    st.put(x0, y, line, fs * 0.85, st.head)
            y += fs * 0.8
        body = []
        if a.get('byline') and not a.get('byline_inline'):
            body.append((a['byline'], 0, True, st.head))
        for p in a['paragraphs']:
            for k, (line, last) in enumerate(st.wrap(p, colw, fs, st.body, indent=2)):
                body.append((line, 2 if k == 0 else 0, last, st.body))
        per = math.ceil(len(body) / span) if body else 0
        for k, (line, ind, last, font) in enumerate(body):
            c, r = divmod(k, per)
            if draw:
                x = x0 + c * (colw + gut) + ind * fs
                st.put(x, y + (r + 1) * lead, line, fs, font, None if last else colw - ind * fs)
        tallest = max(tallest, y - y0 + per * lead + lead * 0.4)
        c0 += span
    return tallest


def make(devpages, out, name):
    gold = json.load(open(os.path.join(devpages, name + '.gold.json'), encoding='utf-8'))
    doc = typeset(gold, int(name))
    pix = doc[0].get_pixmap(matrix=pymupdf.Matrix(PX_PER_PT, PX_PER_PT), colorspace=pymupdf.csGRAY)
    img = Image.frombytes('L', (pix.width, pix.height), pix.samples)
    jpg = os.path.join(out, name + '.jpg')
    img.save(jpg, quality=90, dpi=(200, 200))
    env = dict(os.environ, OMP_THREAD_LIMIT='1')
    lang = 'chi_sim_vert' if VERTICAL else 'chi_sim'
    subprocess.run(['tesseract', name + '.jpg', name, '-l', lang, '--psm', '3', 'txt', 'hocr', 'alto'],
                   cwd=out, env=env, check=True, capture_output=True)
    json.dump(gold, open(os.path.join(out, name + '.gold.json'), 'w', encoding='utf-8'), ensure_ascii=False)
    return name


def main():
    global VERTICAL
    args = sys.argv[1:]
    if args and args[0] == '--vertical':
        VERTICAL, args = True, args[1:]
    devpages, out = args[:2]
    names = args[2:] or sorted(f[:3] for f in os.listdir(devpages) if f.endswith('.gold.json'))
    os.makedirs(out, exist_ok=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for name in pool.map(lambda n: make(devpages, out, n), names):
            print(name, flush=True)


if __name__ == '__main__':
    main()
