"""Measures reading order on pages whose text differs from the gold (OCR):
for each gold article, the edit distance between its text and the text of
the proposed article that holds most of its characters, both without
spaces, summed over the pages and divided by the gold's characters
(session 55; README, "OCR pages the rules never saw").

    python3 tests/data/order_distance.py DIR EXT BIN [BIN...]

DIR holds NNN.EXT (hocr, xml, txt or raw.txt) with NNN.gold.json; each BIN
is a proofdesk binary, run as `BIN normalize PAGE --format json`. Prints
the pages where the binaries differ (their distances, in order), then each
binary's share.

Why: `score_pages.py` places each block in the raw text by alignment.
Where the engine interleaved two columns row by row, it can place neither
the gold's paragraphs nor a proposal that reads the columns in order, and
counts a page read right as worse than one left interleaved. An edit
distance over whole articles sees the order.

The scorer's helpers are read from ../shared/tools (or $PROOFDESK_SHARED/tools)
at run time; nothing of them is copied here.
"""
import glob
import json
import os
import subprocess
import sys
from collections import Counter

from rapidfuzz.distance import Levenshtein

import shared_tools  # noqa: E402, F401  (the scorer's tools on the path)
from score import gold_articles, nows, system_articles  # noqa: E402


def article_texts(articles):
    return [nows("".join(text for _, text in a)) for a in articles]


def distance(gold_texts, proposed_texts):
    total = 0
    for text in gold_texts:
        want = Counter(text)
        best = max(proposed_texts, key=lambda p: sum((Counter(p) & want).values()), default="")
        total += Levenshtein.distance(text, best)
    return total


def main():
    folder, ext, binaries = sys.argv[1], sys.argv[2], sys.argv[3:]
    pages = sorted(os.path.basename(g)[: -len(".gold.json")] for g in glob.glob(os.path.join(folder, "*.gold.json")))
    totals = {b: 0 for b in binaries}
    chars = 0
    for page in pages:
        path = os.path.join(folder, f"{page}.{ext}")
        if not os.path.exists(path):
            continue
        gold = article_texts(gold_articles(json.load(open(os.path.join(folder, f"{page}.gold.json"), encoding="utf-8"))))
        chars += sum(len(t) for t in gold)
        row = []
        for b in binaries:
            out = subprocess.run([b, "normalize", path, "--format", "json"], capture_output=True, text=True, check=True)
            d = distance(gold, article_texts(system_articles(json.loads(out.stdout))))
            totals[b] += d
            row.append(d)
        if len(set(row)) > 1:
            print(page, row)
    for b in binaries:
        print(f"{b}: {totals[b] / max(1, chars):.2%} of {chars} characters")


if __name__ == "__main__":
    main()
