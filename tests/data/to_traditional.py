"""Writes a page (or a folder of devpages with their gold) in traditional
characters, char for char, so that every raw offset stays where it was:
each char is converted on its own by OpenCC's `s2tw` table (Taiwan
standard: every char it writes is in Big5; a char it would turn into two is
kept), and with `--corner-quotes` the quotes are set as
Hong Kong and Taiwan papers set them (“”‘’ → 「」『』).

How `tests/fixtures/seed_traditional.txt` was made
(opencc-python-reimplemented 0.1.7):

    python3 tests/data/to_traditional.py --corner-quotes \
        tests/data/seed_page.txt tests/fixtures/seed_traditional.txt

How the devpages were measured in traditional characters (README):

    python3 tests/data/to_traditional.py ../shared/devpages /tmp/devpages-trad
    PROOFDESK_DEVPAGES=/tmp/devpages-trad cargo test --release --test devpages -- --nocapture
"""
import functools, glob, json, os, sys

import opencc

S2T = opencc.OpenCC("s2tw")
QUOTES = str.maketrans("“”‘’", "「」『』")


@functools.lru_cache(maxsize=None)
def char(c):
    t = S2T.convert(c)
    return t if len(t) == 1 else c


def text(s, corner):
    t = "".join(char(c) for c in s)
    return t.translate(QUOTES) if corner else t


def gold(o, corner):
    if isinstance(o, str):
        return text(o, corner)
    if isinstance(o, list):
        return [gold(x, corner) for x in o]
    if isinstance(o, dict):
        return {k: v if k == "generator" else gold(v, corner) for k, v in o.items()}
    return o


def main(args):
    corner = "--corner-quotes" in args
    src, out = [a for a in args if not a.startswith("--")]
    if os.path.isfile(src):
        with open(src, encoding="utf-8") as f:
            page = f.read()
        with open(out, "w", encoding="utf-8") as f:
            f.write(text(page, corner))
        return
    os.makedirs(out, exist_ok=True)
    for g in sorted(glob.glob(os.path.join(src, "*.gold.json"))):
        stem = os.path.basename(g)[: -len(".gold.json")]
        for ext in ("raw.txt", "txt", "hocr", "xml"):
            p = os.path.join(src, f"{stem}.{ext}")
            if os.path.exists(p):
                with open(p, encoding="utf-8") as f:
                    page = f.read()
                with open(os.path.join(out, f"{stem}.{ext}"), "w", encoding="utf-8") as f:
                    f.write(text(page, corner))
        with open(g, encoding="utf-8") as f:
            converted = gold(json.load(f), corner)
        with open(os.path.join(out, f"{stem}.gold.json"), "w", encoding="utf-8") as f:
            json.dump(converted, f, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
