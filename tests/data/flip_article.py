"""Writes devpages with one article drawn head first among body-first ones
(session 54; README, "An article drawn head first among body-first ones").

The devpages' generator draws about 5% of the articles on some
headlines-after pages with their stack before their text
(`head_after_body_p` 0.95 in the gold's `generator`). Only two such
articles are among the 40 devpages (014 and 028), so this script makes
more from the 36 content-stream pages whose articles are all body-first:
it moves one article's stack lines (kicker, headline, subheadline and a
block byline) from after its text to right before it, and marks the
article `head_first` in the gold. Nothing else of the page changes.

    python3 tests/data/flip_article.py first ../shared/devpages /tmp/flip/first
    python3 tests/data/flip_article.py mid ../shared/devpages /tmp/flip/mid
    python3 tests/data/flip_article.py mid_block_byline ../shared/devpages /tmp/flip/mid_block_byline
    python3 ../shared/tools/score_pages.py --dir /tmp/flip/mid --cmd 'proofdesk normalize {raw} --format json'

`first` flips the page's first article with a headline, `mid` the first
one with articles on both sides, `mid_block_byline` the first such one
whose byline is a block line of its stack (so its text opens with no
dateline). A page is left out where the stack's lines are not found as
whole lines after the article's text.
"""
import json
import glob
import os
import re
import sys


def nows(s):
    return re.sub(r'\s', '', s)


def pick(articles, which):
    """The index of the article to flip, or None."""
    titled = [i for i, a in enumerate(articles) if a['headline'] and a['paragraphs']]
    inner = [i for i in titled if 0 < i < len(articles) - 1]
    if which == 'first':
        return titled[0] if titled else None
    if which == 'mid':
        return inner[0] if inner else None
    if which == 'mid_block_byline':
        blocked = [i for i in inner if not articles[i].get('byline_inline')]
        return blocked[0] if blocked else None
    raise SystemExit(f'unknown choice {which}: first, mid or mid_block_byline')


def text_start(lines, paragraph):
    """The raw line where `paragraph` starts."""
    head = nows(paragraph)[:10]
    for k, line in enumerate(lines):
        t = nows(line)
        if t and head.startswith(t[:10]) and nows(''.join(lines[k:k + 8]))[:10] == head:
            return k
    return None


def stack_lines(lines, start, stack):
    """The raw lines [k, j) after `start` that hold the stack's text."""
    for k in range(start, len(lines)):
        t = nows(lines[k])
        if not (len(t) >= 2 and t in stack):
            continue
        j, got = k, ''
        while j < len(lines) and (not nows(lines[j]) or nows(lines[j]) in stack):
            got += nows(lines[j])
            j += 1
        if len(got) >= 0.9 * len(stack):
            while j > k and not lines[j - 1].strip():
                j -= 1
            return k, j
    return None


def main():
    which, devpages, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    made = 0
    for g in sorted(glob.glob(os.path.join(devpages, '*.gold.json'))):
        gold = json.load(open(g, encoding='utf-8'))
        arts = gold['articles']
        if gold['generator']['extractor'] == 'pdftotext':
            continue
        if not all(a['stream_order'] == 'body_first' for a in arts):
            continue
        i = pick(arts, which)
        if i is None:
            continue
        a = arts[i]
        parts = [a.get('kicker'), a['headline'], a.get('subheadline')]
        if not a.get('byline_inline'):
            parts.append(a.get('byline'))
        stack = nows(''.join(p or '' for p in parts))
        lines = open(g[:-len('.gold.json')] + '.raw.txt', encoding='utf-8').read().split('\n')
        start = text_start(lines, a['paragraphs'][0])
        found = None if start is None else stack_lines(lines, start, stack)
        if found is None:
            print('left out', os.path.basename(g), file=sys.stderr)
            continue
        k, j = found
        lines = lines[:start] + lines[k:j] + [''] + lines[start:k] + lines[j:]
        a['stream_order'] = 'head_first'
        name = os.path.basename(g)[:3]
        open(os.path.join(out, name + '.raw.txt'), 'w', encoding='utf-8').write('\n'.join(lines))
        json.dump(gold, open(os.path.join(out, name + '.gold.json'), 'w', encoding='utf-8'),
                  ensure_ascii=False)
        made += 1
    print(f'{made} pages written to {out}')


if __name__ == '__main__':
    main()
