"""Counts the gold articles that the proposal holds exactly, glyph for glyph,
in any order: an article is exact when one proposed article holds the same
letters and digits (NFKC, punctuation and spaces left out) as its kicker,
headline, subheadline, byline, paragraphs and captions together (session 52;
README, "Other extractors").

    python3 tests/data/glyph_exact.py DIR 'proofdesk normalize {raw} --format json'

DIR holds NNN.raw.txt with NNN.gold.json, as `tests/data/other_extractors.py`
writes them. Prints the folder, articles exact, articles, and the share of
the gold's text that `score_pages.py` can place on the raw text at all.

Why another count: `score_pages.py` finds each gold block in the raw text
as one run. Where an extractor sets columns side by side (`pdftotext
-layout`, PyMuPDF `get_text(sort=True)`), a paragraph's lines are rows apart
in the raw text, so neither the gold's paragraphs nor the proposal's are
found; its count is then decided by the few blocks that stand in one run
(headlines, one-line blocks). An order-free count does not need the runs.
On text in content-stream order both counts agree (221 of 258 for
`pdftotext -raw` in session 52).

The scorer's helpers are read from ../shared/tools (or $PROOFDESK_SHARED/tools)
at run time; nothing of them is copied here.
"""
import glob
import json
import os
import shlex
import subprocess
import sys
import unicodedata
from collections import Counter

import shared_tools  # noqa: E402, F401  (the scorer's tools on the path)
from score import gold_articles, locate, nows, system_articles  # noqa: E402


def glyphs(blocks):
    """The letters and digits of an article's blocks, as a multiset."""
    return Counter(
        c for _, text in blocks for c in unicodedata.normalize("NFKC", text) if c.isalnum()
    )


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    folder, command = sys.argv[1], sys.argv[2]
    exact = total = gold_chars = unplaced = 0
    for gold_path in sorted(glob.glob(os.path.join(folder, "*.gold.json"))):
        raw_path = gold_path[: -len(".gold.json")] + ".raw.txt"
        with open(gold_path, encoding="utf-8") as f:
            gold = gold_articles(json.load(f))
        with open(raw_path, encoding="utf-8") as f:
            raw = f.read()
        args = [a.replace("{raw}", raw_path) for a in shlex.split(command)]
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        proposed = [glyphs(a) for a in system_articles(json.loads(out))]
        for article in gold:
            total += 1
            exact += glyphs(article) in proposed
        _, missing = locate(gold, nows(raw))
        gold_chars += sum(len(nows(t)) for a in gold for _, t in a)
        unplaced += missing
    placed = 1 - unplaced / max(1, gold_chars)
    print(f"{os.path.basename(os.path.normpath(folder))}: {exact} of {total} exact "
          f"({100 * exact / max(1, total):.1f}%); score_pages.py places {100 * placed:.1f}% of the gold's text")


if __name__ == "__main__":
    main()
