#!/usr/bin/env python3
"""Typesets a fixture's corrected articles as a newspaper-like page picture.

Used by make.sh to give the bundled sample page a picture for the picture
pane's screenshot (the devpages' pictures stay out of the repository).

  python3 screenshots/page_picture.py FIXTURE.json FONT.otf OUT.png

Needs Pillow (pip install pillow).
"""
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
    fixture, font_path, out = sys.argv[1:4]
    articles = json.load(open(fixture, encoding="utf-8"))["articles"]
    fonts = {size: ImageFont.truetype(font_path, size) for size in (BODY, HEAD, SMALL)}
    img = Image.new("RGB", (W, H), (250, 248, 242))
    draw = ImageDraw.Draw(img)
    col_w = (W - 2 * MARGIN - (COLUMNS - 1) * GUTTER) // COLUMNS
    col, y = 0, MARGIN
    draw.line((MARGIN, MARGIN - 20, W - MARGIN, MARGIN - 20), fill=(40, 40, 40), width=3)

    def put(text, size, indent=0, gap_after=6, centre=False):
        nonlocal col, y
        font = fonts[size]
        for line, ind in glyph_lines(text, font, col_w, indent):
            if y + size > H - MARGIN:
                col, y = col + 1, MARGIN
                if col >= COLUMNS:
                    return False
            x = MARGIN + col * (col_w + GUTTER) + ind
            if centre:
                x += max(0, (col_w - font.getlength(line)) // 2)
            draw.text((x, y), line, font=font, fill=(25, 25, 25))
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
                img.save(out)
                return
        y += 24
    img.save(out)


if __name__ == "__main__":
    main()
