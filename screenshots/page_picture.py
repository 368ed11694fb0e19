#!/usr/bin/env python3
"""Typesets a fixture's corrected articles as a newspaper-like page picture.

Used by make.sh to give the bundled sample page a picture for the picture
pane's screenshot (the devpages' pictures stay out of the repository).

  python3 screenshots/page_picture.py FIXTURE.json FONT.otf OUT.png [OUT.xml]
  python3 screenshots/page_picture.py --vertical FIXTURE.json FONT.otf OUT.png OUT.xml

With OUT.xml it also writes the page as an OCR engine would read it, in
ALTO: every line's and glyph's box on the picture, every other comma read
as an ASCII `,` and every 37th glyph read with 25% confidence, so that the
desk's OCR features (punctuation repair, recognition doubts, text linked
with the picture) can be shown without any real OCR output in the
repository.

With --vertical the page is set vertically, as Chinese newspapers long
were: each line a column of upright glyphs read top to bottom, the columns
right to left in bands down the page, `，。、` at the top right of their
cell; its ALTO boxes each column as a line.

Needs Pillow (pip install pillow).
"""
from xml.sax.saxutils import quoteattr
import json
import sys

from PIL import Image, ImageDraw, ImageFont

W, H = 1654, 2339  # A4 at 200 dpi
MARGIN, GUTTER, COLUMNS = 90, 40, 4
BODY, HEAD, SMALL = 22, 40, 20


def glyph_lines(text, font, width, indent=0):
    """Breaks text into lines of at most `width` pixels, glyph by glyph."""
    lines, line = [], " " * 0
    first = True
    for ch in text:
        room = width - (indent if first else 0)
        if font.getlength(line + ch) > room and line:
            lines.append((line, indent if first else 0))
            line, first = "", False
        line += ch
    if line:
        lines.append((line, indent if first else 0))
    return lines


def main():
    if sys.argv[1] == "--vertical":
        fixture, font_path, out, xml = sys.argv[2:6]
        vertical(json.load(open(fixture, encoding="utf-8"))["articles"], font_path, out, xml)
        return
    fixture, font_path, out = sys.argv[1:4]
    articles = json.load(open(fixture, encoding="utf-8"))["articles"]
    fonts = {size: ImageFont.truetype(font_path, size) for size in (BODY, HEAD, SMALL)}
    img = Image.new("RGB", (W, H), (250, 248, 242))
    draw = ImageDraw.Draw(img)
    col_w = (W - 2 * MARGIN - (COLUMNS - 1) * GUTTER) // COLUMNS
    col, y = 0, MARGIN
    draw.line((MARGIN, MARGIN - 20, W - MARGIN, MARGIN - 20), fill=(40, 40, 40), width=3)

    alto = []  # blocks of lines of (x, y, w, h, [(glyph, x, w)])
    count = {"glyph": 0, "comma": 0}

    def put(text, size, indent=0, gap_after=6, centre=False):
        nonlocal col, y
        font = fonts[size]
        alto.append([])
        for line, ind in glyph_lines(text, font, col_w, indent):
            if y + size > H - MARGIN:
                col, y = col + 1, MARGIN
                if col >= COLUMNS:
                    return False
            x = MARGIN + col * (col_w + GUTTER) + ind
            if centre:
                x += max(0, (col_w - font.getlength(line)) // 2)
            draw.text((x, y), line, font=font, fill=(25, 25, 25))
            glyphs, gx = [], x
            for ch in line:
                w = font.getlength(ch)
                glyphs.append((ch, gx, y, w, size + 6))
                gx += w
            alto[-1].append((x, y, gx - x, size + 6, glyphs))
            y += int(size * 1.45)
        y += gap_after
        return True

    for a in articles:
        for b in a["blocks"]:
            role, text = b["role"], b["text"]
            if role in ("headline", "section", "page_header"):
                ok = put(text, HEAD, gap_after=12, centre=True)
            elif role in ("kicker", "subheadline", "subhead", "caption", "source", "byline"):
                ok = put(text, SMALL, gap_after=8, centre=role != "subhead")
            else:
                ok = put(text, BODY, indent=2 * BODY)
            if not ok:
                break
        else:
            y += 24
            continue
        break
    img.save(out)
    if len(sys.argv) > 4:
        write_alto(sys.argv[4], out, alto, count)


def vertical(articles, font_path, out, xml):
    """The articles set vertically in bands of columns, and their ALTO."""
    fonts = {size: ImageFont.truetype(font_path, size) for size in (BODY, HEAD, SMALL)}
    img = Image.new("RGB", (W, H), (250, 248, 242))
    draw = ImageDraw.Draw(img)
    band = (H - 2 * MARGIN - 2 * GUTTER) // 3
    top, x = MARGIN, W - MARGIN
    blocks, count = [], {"glyph": 0, "comma": 0}

    def put(text, size, indent=0, gap_after=8):
        nonlocal top, x
        font, rows = fonts[size], band // size
        blocks.append([])
        first = True
        while text:
            room = rows - (indent if first else 0)
            column, text = text[:room], text[room:]
            x -= int(size * 1.5)
            if x < MARGIN:
                top, x = top + band + GUTTER, W - MARGIN - int(size * 1.5)
                if top + band > H - MARGIN:
                    return False
            y = top + (indent * size if first else 0)
            glyphs = []
            for k, ch in enumerate(column):
                gy = y + k * size
                dx, dy = (size // 2, -size // 2) if ch in "，。、" else (0, 0)
                draw.text((x + dx, gy + dy), ch, font=font, fill=(25, 25, 25))
                glyphs.append((ch, x + dx, gy + dy, size, size))
            blocks[-1].append((x, y, size, len(column) * size, glyphs))
            first = False
        x -= gap_after
        return True

    for a in articles:
        for b in a["blocks"]:
            role, text = b["role"], b["text"]
            size = HEAD if role in ("headline", "section", "page_header") else (
                SMALL if role in ("kicker", "subheadline", "subhead", "caption", "source", "byline") else BODY)
            if not put(text, size, indent=2 if size == BODY else 0, gap_after=16 if size != BODY else 6):
                break
        else:
            x -= 30
            continue
        break
    img.save(out)
    write_alto(xml, out, blocks, count)


def write_alto(path, image, blocks, count):
    """The page as an OCR engine reads it, in ALTO (Tesseract's dialect):
    `blocks` of lines `(x, y, w, h, glyphs)`, each glyph `(char, x, y, w, h)`."""
    name = image.rsplit("/", 1)[-1]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">',
           f"<Description><sourceImageInformation><fileName>{name}</fileName></sourceImageInformation>",
           "<OCRProcessing ID=\"OCR_0\"><ocrProcessingStep><processingSoftware><softwareName>page_picture.py</softwareName>"
           "</processingSoftware></ocrProcessingStep></OCRProcessing></Description>",
           f'<Layout><Page WIDTH="{W}" HEIGHT="{H}"><PrintSpace>']
    for lines in blocks:
        if not lines:
            continue
        out.append("<TextBlock>")
        for x, y, w, h, glyphs in lines:
            out.append(f'<TextLine HPOS="{x:.0f}" VPOS="{y}" WIDTH="{w:.0f}" HEIGHT="{h}">')
            for ch, gx, gy, gw, gh in glyphs:
                count["glyph"] += 1
                wc = "0.25" if count["glyph"] % 37 == 0 else "0.96"
                if ch == "，":
                    count["comma"] += 1
                    if count["comma"] % 2 == 0:
                        ch = ","
                out.append(f'<String HPOS="{gx:.0f}" VPOS="{gy}" WIDTH="{max(gw, 1):.0f}" HEIGHT="{gh}" '
                           f'WC="{wc}" CONTENT={quoteattr(ch)}/>')
            out.append("</TextLine>")
        out.append("</TextBlock>")
    out.append("</PrintSpace></Page></Layout></alto>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
