"""Writes crates/proofdesk-core/data/traditional.bin: the traditional forms
of ideographs and their simplified ones, which the word table
(`src/lexicon.rs`, jieba's simplified words) reads them as.

    pip install opencc-python-reimplemented jieba
    python3 tests/data/make_traditional.py crates/proofdesk-core/data/traditional.bin

From OpenCC's `TSCharacters.txt` (traditional to simplified) and its
Hong Kong and Taiwan variant tables (`HKVariantsRev.txt`,
`TWVariantsRev.txt`, read to their standard traditional form first),
Apache License 2.0. A form is left out when it is a simplified char of its
own (a key of `STCharacters.txt`, a simplified form in `TSCharacters.txt`,
or a char jieba's dictionary uses at least a fiftieth as often as its
simplified form: `著`, `乾`, `后`), and kept only where its simplified form
is a char of GB2312, so text in simplified characters reads as before. Only
ideographs of U+4E00-U+9FFF on both sides. Layout: pairs of
little-endian u16 (traditional, simplified), each the code point minus
U+4E00, sorted by the traditional form.
"""
import os, struct, sys

import opencc

D = os.path.join(os.path.dirname(opencc.__file__), 'dictionary')


def table(name):
    out = {}
    for line in open(os.path.join(D, name), encoding='utf-8'):
        parts = line.rstrip('\n').split('\t')
        if len(parts) == 2 and len(parts[0]) == 1:
            out[parts[0]] = parts[1].split(' ')
    return out


ts = table('TSCharacters.txt')
st = table('STCharacters.txt')
# Chars simplified text holds: those with traditional forms, every
# simplified form, and a traditional form that is also one of its own
# candidates (`乾`: `干 乾`).
simplified_chars = set(st) | {c for cs in ts.values() for c in cs}
simplified_chars |= {t for t, cs in ts.items() if t in cs}
pairs = {t: cs[0] for t, cs in ts.items()}
for name in ('HKVariantsRev.txt', 'TWVariantsRev.txt'):
    for variant, standards in table(name).items():
        # A variant the traditional-to-simplified table leaves as it is
        # (`著`, Taiwan's form of `着`) is a simplified char of its own.
        if variant in ts or any(variant in cs for cs in st.values()):
            continue
        standard = standards[0]
        pairs.setdefault(variant, ts.get(standard, [standard])[0])
cjk = lambda c: len(c) == 1 and 0x4E00 <= ord(c) <= 0x9FFF


def in_gb2312(c):
    try:
        c.encode('gb2312')
        return True
    except UnicodeEncodeError:
        return False


# How much jieba's (simplified) dictionary uses each char.
import jieba
used = {}
for line in open(os.path.join(os.path.dirname(jieba.__file__), 'dict.txt'), encoding='utf-8'):
    word, count = line.split()[:2]
    for c in set(word):
        used[c] = used.get(c, 0) + int(count)

# A form simplified text uses as a char of its own, at least a fiftieth as
# often as the simplified form it would be read as (`著`, `乾`; not `後`,
# 1,209 against `后`'s 311,767), is left as it is; and only forms whose
# simplified form GB2312 holds are kept.
kept = sorted(
    (t, s) for t, s in pairs.items()
    if t != s and cjk(t) and cjk(s) and t not in simplified_chars
    and in_gb2312(s) and used.get(t, 0) * 50 < used.get(s, 0)
)
with open(sys.argv[1], 'wb') as f:
    for t, s in kept:
        f.write(struct.pack('<HH', ord(t) - 0x4E00, ord(s) - 0x4E00))
print(f'{len(kept)} forms written to {sys.argv[1]}')
