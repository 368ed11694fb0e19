//! Whether a word reads on across a line break.
//!
//! Justified Chinese text breaks its lines anywhere, inside words too; a
//! title, a paragraph's end or an article's end never breaks inside a
//! word. So where the likeliest reading of the text around a line break
//! puts a word across it (`…项目进展举` / `步维艰`: `举步维艰`), the two
//! lines are one text. On the content-stream devpages, of 2,047 line
//! breaks that end a block, none reads so; of 9,021 line ends inside a
//! block, 3,749 do.
//!
//! The likeliest reading is the segmentation with the lowest cost (the
//! words' `-ln` frequencies summed), as jieba finds it without its hidden
//! Markov model, over the ideographs next to the break (four on each side).
//! The words and their costs are a table built from jieba's dictionary
//! (`data/lexicon.bin`, see `data/README.md`), embedded in the binary and
//! searched in place: nothing is loaded or built at run time.

/// The embedded table (`data/README.md` gives its layout).
static TABLE: &[u8] = include_bytes!("../data/lexicon.bin");

const MAGIC: &[u8] = b"PDLEX1";
/// The first ideograph the table holds; its units are offsets from it.
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;
/// Longest word in the table, in ideographs.
const MAX_WORD: usize = 6;
/// Ideographs read on each side of the break.
const SIDE: usize = 4;
/// Cost of an ideograph the table does not hold: `ln` of the dictionary's
/// total count, in eighths of a nat (jieba counts such a character once).
const UNKNOWN_COST: u32 = 143;

/// Whether the likeliest reading around a line break puts a word across it.
///
/// Reads the ideographs around the break between `before` and `after`
/// (each line's glyphs). Returns how many glyphs of that word stand on each
/// side, or `None` where no word crosses (or a side does not end, or start,
/// with an ideograph).
#[must_use]
pub fn word_across(before: &[char], after: &[char]) -> Option<(usize, usize)> {
    reading_across(before, after).map(|r| r.sides)
}

/// How much likelier a word across the break makes the reading.
///
/// The cost of the likeliest reading of `before` and `after` with a word
/// boundary at the break, less that of the likeliest one, in eighths of a
/// nat: `主` / `席` (`主席`) far more than `主` /
/// `时`, which the dictionary also holds. `None` where no word crosses
/// ([`word_across`]).
#[must_use]
pub fn across_margin(before: &[char], after: &[char]) -> Option<u32> {
    reading_across(before, after).map(|r| r.margin)
}

/// The likeliest reading around a break, where it puts a word across.
struct Across {
    /// The glyphs of the word across on each side.
    sides: (usize, usize),
    /// The cost the best reading with a boundary at the break adds.
    margin: u32,
}

/// The likeliest reading of the ideographs around the break between
/// `before` and `after`, where it puts a word across ([`word_across`]).
fn reading_across(before: &[char], after: &[char]) -> Option<Across> {
    // The ideographs right before the break, then those right after it.
    let mut window = [0u16; 2 * SIDE];
    let mut cut = 0;
    for &c in before.iter().rev().take(SIDE) {
        let Some(u) = unit(c) else { break };
        cut += 1;
        window[SIDE - cut] = u;
    }
    let mut n = SIDE;
    for &c in after.iter().take(SIDE) {
        let Some(u) = unit(c) else { break };
        window[n] = u;
        n += 1;
    }
    if cut == 0 || n == SIDE {
        return None;
    }
    let window = &window[SIDE - cut..n];
    let best = cheapest_reading(window, None);
    let n = window.len();
    let mut j = n;
    while j > 0 {
        let i = best[j].1;
        if i < cut && cut < j {
            let apart = cheapest_reading(window, Some(cut))[n].0;
            return Some(Across {
                sides: (cut - i, j - cut),
                margin: apart.saturating_sub(best[n].0),
            });
        }
        j = i;
    }
    None
}

/// `best[j]`: the lowest cost of reading `window[..j]`, and where its last
/// word starts; with `boundary`, no word crosses that position.
fn cheapest_reading(window: &[u16], boundary: Option<usize>) -> [(u32, usize); 2 * SIDE + 1] {
    let n = window.len();
    let mut best = [(u32::MAX, 0usize); 2 * SIDE + 1];
    best[0] = (0, 0);
    for i in 0..n {
        let (base, _) = best[i];
        if base == u32::MAX {
            continue;
        }
        for j in i + 1..=n.min(i + MAX_WORD) {
            if boundary.is_some_and(|b| i < b && b < j) {
                continue;
            }
            let cost = match cost_of(&window[i..j]) {
                Some(c) => u32::from(c),
                None if j == i + 1 => UNKNOWN_COST,
                None => continue,
            };
            if base + cost < best[j].0 {
                best[j] = (base + cost, i);
            }
        }
    }
    best
}

/// An ideograph's unit in the table: that of its simplified form, as the
/// table holds jieba's words in simplified characters (`記者` is read as
/// `记者`; [`simplified_unit`]).
fn unit(c: char) -> Option<u16> {
    let c = u32::from(c);
    if (FIRST..=LAST).contains(&c) {
        u16::try_from(c - FIRST).ok().map(simplified_unit)
    } else {
        None
    }
}

/// The simplified form of ideograph `c` by the word list's table of
/// traditional forms (`記` → `记`); `c` itself where it has none, and for
/// every char that is no ideograph.
#[must_use]
pub fn fold_traditional(c: char) -> char {
    unit(c)
        .and_then(|u| char::from_u32(FIRST + u32::from(u)))
        .unwrap_or(c)
}

/// Traditional forms of ideographs and the simplified forms the table reads
/// them as: pairs of little-endian `u16` units (traditional, simplified),
/// sorted by the first. Made from `OpenCC`'s tables by
/// `tests/data/make_traditional.py`, which leaves out every form that text
/// in simplified characters uses as a char of its own (`著`, `乾`): such
/// text reads as it always did.
static TRADITIONAL: &[u8] = include_bytes!("../data/traditional.bin");

/// Units in the table's range.
const UNITS: usize = (LAST - FIRST + 1) as usize;

/// One bit per unit, set for the traditional forms of [`TRADITIONAL`]:
/// most ideographs are none, and are told so without a search.
static TRADITIONAL_BITS: [u64; UNITS / 64] = {
    let mut bits = [0_u64; UNITS / 64];
    let mut i = 0;
    while i + 1 < TRADITIONAL.len() {
        let u = u16::from_le_bytes([TRADITIONAL[i], TRADITIONAL[i + 1]]) as usize;
        if u < UNITS {
            bits[u / 64] |= 1 << (u % 64);
        }
        i += 4;
    }
    bits
};

/// The unit of the simplified form of the ideograph of unit `u` (itself
/// where it has none).
fn simplified_unit(u: u16) -> u16 {
    let k = usize::from(u);
    if TRADITIONAL_BITS
        .get(k / 64)
        .is_none_or(|bits| bits >> (k % 64) & 1 == 0)
    {
        return u;
    }
    let pair = |i: usize| {
        let at = 4 * i;
        TRADITIONAL.get(at..at + 4).map(|b| {
            (
                u16::from_le_bytes([b[0], b[1]]),
                u16::from_le_bytes([b[2], b[3]]),
            )
        })
    };
    let (mut lo, mut hi) = (0, TRADITIONAL.len() / 4);
    while lo < hi {
        let mid = usize::midpoint(lo, hi);
        match pair(mid) {
            Some((t, s)) if t == u => return s,
            Some((t, _)) if t < u => lo = mid + 1,
            _ => hi = mid,
        }
    }
    u
}

/// The cost of `word` (ideograph units), where the table holds it.
fn cost_of(word: &[u16]) -> Option<u8> {
    let (records, size) = section(word.len())?;
    let count = records.len() / size;
    let key = |k: usize| -> Option<&[u8]> { records.get(k * size..k * size + size - 1) };
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let rec = key(mid)?;
        match compare(rec, word) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return records.get(mid * size + size - 1).copied(),
        }
    }
    None
}

/// Compares a record's units (little-endian `u16`s) with `word`.
fn compare(rec: &[u8], word: &[u16]) -> std::cmp::Ordering {
    rec.chunks_exact(2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .cmp(word.iter().copied())
}

/// The records of words of `len` ideographs, and the size of one record.
fn section(len: usize) -> Option<(&'static [u8], usize)> {
    if !(1..=MAX_WORD).contains(&len) || !TABLE.starts_with(MAGIC) {
        return None;
    }
    let counts = TABLE.get(MAGIC.len()..MAGIC.len() + 4 * MAX_WORD)?;
    let count = |l: usize| -> Option<usize> {
        let b = counts.get((l - 1) * 4..l * 4)?;
        usize::try_from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok()
    };
    let mut start = MAGIC.len() + 4 * MAX_WORD;
    for l in 1..len {
        start += count(l)? * (2 * l + 1);
    }
    let size = 2 * len + 1;
    let records = TABLE.get(start..start + count(len)? * size)?;
    Some((records, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn across(a: &str, b: &str) -> Option<(usize, usize)> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        word_across(&a, &b)
    }

    #[test]
    fn the_table_holds_common_words_and_is_sorted() {
        for w in ["中国", "困难重重", "媒体", "的", "埃塞俄比亚"] {
            let units: Vec<u16> = w.chars().filter_map(unit).collect();
            assert!(cost_of(&units).is_some(), "{w} is missing");
        }
        for len in 1..=MAX_WORD {
            let (records, size) = section(len).expect("every section is present");
            assert_eq!(records.len() % size, 0);
            let keys: Vec<&[u8]> = records.chunks_exact(size).map(|r| &r[..size - 1]).collect();
            assert!(
                keys.windows(2).all(|w| {
                    let a: Vec<u16> = w[0]
                        .chunks_exact(2)
                        .map(|b| u16::from_le_bytes([b[0], b[1]]))
                        .collect();
                    compare(w[1], &a) == std::cmp::Ordering::Greater
                }),
                "words of {len} ideographs are not sorted"
            );
        }
        let common = cost_of(&"中国".chars().filter_map(unit).collect::<Vec<_>>());
        let rare = cost_of(&"埃塞俄比亚".chars().filter_map(unit).collect::<Vec<_>>());
        assert!(common < rare, "a common word costs less than a rare one");
    }

    #[test]
    fn an_ideographs_simplified_form_comes_from_the_table() {
        let s: String = "記者報導，隨即開幕"
            .chars()
            .map(super::fold_traditional)
            .collect();
        assert_eq!(s, "记者报导，随即开幕");
        assert_eq!(
            super::fold_traditional('著'),
            '著',
            "a simplified char of its own stays"
        );
        assert_eq!(super::fold_traditional('a'), 'a');
    }

    #[test]
    fn traditional_forms_are_read_as_their_simplified_ones() {
        // A word broken over two lines in traditional characters reads on
        // as it does in simplified ones.
        assert_eq!(
            across("記者採訪了代", "表們"),
            across("记者采访了代", "表们")
        );
        assert_eq!(across("隨著運動會開", "幕時間的臨近"), Some((1, 1)));
        let table = TRADITIONAL.len() / 4;
        assert!(table > 2_000, "{table} forms");
        // An ideograph of the table's range read as its simplified form;
        // any other char as it is.
        let form = |c: char| {
            unit_of(c)
                .and_then(|u| char::from_u32(FIRST + u32::from(simplified_unit(u))))
                .unwrap_or(c)
        };
        for (t, s) in [
            ('報', '报'),
            ('記', '记'),
            ('們', '们'),
            ('後', '后'),
            ('裡', '里'),
        ] {
            assert_eq!(form(t), s);
        }
        // Chars simplified text uses as its own are read as they are.
        for c in ['著', '乾', '后', '里', '抬', '中', '报'] {
            assert_eq!(form(c), c);
        }
        // Nothing a page in simplified characters holds is changed.
        let seed = include_str!("../../../tests/data/seed_page.txt");
        assert!(seed.chars().all(|c| form(c) == c));
    }

    /// The unit of an ideograph of the table's range, unfolded.
    fn unit_of(c: char) -> Option<u16> {
        let c = u32::from(c);
        (FIRST..=LAST)
            .contains(&c)
            .then(|| u16::try_from(c - FIRST).ok())
            .flatten()
    }

    #[test]
    fn a_common_word_across_a_break_reads_on_by_a_wider_margin_than_a_rare_one() {
        let margin = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            super::across_margin(&a, &b)
        };
        let chair = margin("县政协主", "席到场");
        let rare = margin("县政协主", "时，几");
        assert!(chair.is_some_and(|m| m >= 40), "{chair:?}");
        assert!(rare.is_some_and(|m| m < 8), "{rare:?}");
        assert_eq!(margin("在山里盘桓", "时，几"), None);
    }

    #[test]
    fn a_word_broken_over_two_lines_reads_on() {
        assert_eq!(across("项目进展举", "步维艰"), Some((1, 3)));
        assert_eq!(across("严肃处理违", "纪干部问题"), Some((1, 1)));
        assert_eq!(across("市场价格的快速回", "落"), Some((1, 1)));
        assert!(across("王林在与哥斯", "达黎加贸易部长").is_some());
    }

    proptest::proptest! {
        /// Any two lines: a word across the break stands on both sides of
        /// it, within the ideographs read, and only between ideographs.
        #[test]
        fn a_word_across_stands_on_both_sides(
            a in proptest::collection::vec(proptest::char::range('\u{4DF0}', '\u{4E40}'), 0..8),
            b in proptest::collection::vec(proptest::char::range('\u{9FE0}', '\u{A010}'), 0..8),
            c in "[中国人民的一是了不在有大会]{0,6}",
            d in "[国人民的一是了不在有大会，。]{0,6}",
        ) {
            for (x, y) in [(a.clone(), b.clone()), (c.chars().collect(), d.chars().collect()), (a, d.chars().collect())] {
                if let Some((k, m)) = word_across(&x, &y) {
                    proptest::prop_assert!((1..=SIDE).contains(&k) && (1..=SIDE).contains(&m));
                    proptest::prop_assert!(k + m <= MAX_WORD);
                    proptest::prop_assert!(x.iter().rev().take(k).all(|&ch| unit(ch).is_some()));
                    proptest::prop_assert!(y.iter().take(m).all(|&ch| unit(ch).is_some()));
                }
            }
        }
    }

    #[test]
    fn titles_and_sentence_ends_do_not_read_on() {
        // A title ends between words; a sentence's end is a mark.
        assert_eq!(across("上海队并不好惹", "以推动企业进一步"), None);
        assert_eq!(across("产生非常深远的影响。", "参会代表"), None);
        assert_eq!(across("嘱托－－－", "申花训练场一瞥"), None);
        // The likeliest reading is not merely some word across the break:
        // `射门` is a word, but `远射` / `门将` read better.
        assert_eq!(across("球队远射", "门将扑救不及"), None);
        assert_eq!(across("", "中国"), None);
        assert_eq!(across("中国", ""), None);
    }
}
