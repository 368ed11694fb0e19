"""Runs ../shared/tools/score_pages.py on OCR pages with one change to its
alignment: a block's closing punctuation mark that the raw text lacks is
not placed on the raw character after the block (session 56; README,
"OCR pages the rules never saw").

    python3 tests/data/score_end_mark.py --dir DIR --ext hocr --cmd "BIN normalize {raw} --format json"

Takes score_pages.py's arguments and prints what it prints.

Why: the scorer places each block in the raw text by a fixed-length
alignment, longest blocks first. Where the engine dropped the full stop at
an article's end, and the proposal restores it (the gold has it too), the
aligner matches the restored mark to the next raw character: the first
glyph of the next article's headline. The headline's article then lacks a
glyph and the body's article has one too many, so neither counts as exact,
although the proposal put every raw character where the gold puts it.
The gold's own closing marks get the same treatment, so the change applies
to gold and proposal alike: a replacement of the block's last character,
when that is a punctuation mark and the raw character is not, becomes a
deletion.

The scorer is read from ../shared/tools (or $PROOFDESK_SHARED/tools) at
run time and patched in memory; nothing of it is copied here.
"""
from collections import namedtuple

from rapidfuzz.distance import Levenshtein

import shared_tools  # noqa: E402, F401  (the scorer's tools on the path)
import score_ocr  # noqa: E402
import score_pages  # noqa: E402

Op = namedtuple("Op", "tag src_start src_end dest_start dest_end")
MARK = "·"  # score_ocr.fold's one class for every punctuation mark


def opcodes(source, dest):
    """Levenshtein.opcodes, with a closing mark replaced onto a glyph turned into a deletion."""
    ops = [Op(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Levenshtein.opcodes(source, dest)]
    if ops and ops[-1].tag == "replace" and ops[-1].src_end == len(source):
        last = ops[-1]
        if source[-1] == MARK and dest[last.dest_end - 1] != MARK and last.dest_end == len(dest):
            ops.pop()
            if last.src_end - last.src_start > 1:
                ops.append(Op("replace", last.src_start, last.src_end - 1, last.dest_start, last.dest_end - 1))
            ops.append(Op("delete", last.src_end - 1, last.src_end, last.dest_end - 1, last.dest_end - 1))
    return ops


class Patched:
    """Levenshtein as score_ocr uses it: `opcodes` changed, `distance` as it is."""

    opcodes = staticmethod(opcodes)
    distance = staticmethod(Levenshtein.distance)


def self_check():
    plain = opcodes("ab" + MARK, "abx")
    assert [o.tag for o in plain] == ["equal", "delete"], plain
    kept = opcodes("ab" + MARK, "ab" + MARK)
    assert [o.tag for o in kept] == ["equal"], kept
    inner = opcodes("a" + MARK + "b", "axb")
    assert [o.tag for o in inner] == ["equal", "replace", "equal"], inner


if __name__ == "__main__":
    self_check()
    score_ocr.Levenshtein = Patched
    score_pages.main()
