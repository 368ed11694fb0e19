//! Gold blocks given by their text alone, placed on the raw text they came
//! from: each becomes spans over the raw glyphs it stands for.
//!
//! A block whose glyphs are a run of the raw glyphs (text a PDF extractor
//! wrote) is placed exactly. A block an OCR engine misread (`徽笑` for
//! `微笑`, `,` for `，`, a dropped `。`) is not such a run: it is lined up
//! with the window of raw glyphs it differs least from (an edit distance
//! with free ends in the raw text, every mark folded to one class, as
//! `score_ocr.py` folds them), and takes that window's glyphs. Its text is
//! then the gold's typed over the raw (`edited`), and tracing it leaves the
//! misread glyphs out.

use std::collections::HashMap;

use crate::page::{Article, Block, Span};

/// A block lines up with a window of the raw text when its edit distance
/// to the window is at most this share of its glyphs (`score_ocr.py` asks
/// for a similarity of 60%).
const MAX_EDIT_SHARE: f64 = 0.4;

/// Raw runs of this many glyphs are the seeds that find where a block may
/// sit.
const SEED: usize = 3;

/// A seed found at more raw places than this says nothing of where the
/// block sits (a common phrase).
const MAX_SEED_PLACES: usize = 64;

/// Finds spans for gold blocks given only their text: where a block's
/// glyphs are a run of the raw glyphs no block took yet, longest block
/// first.
///
/// Returns the number of blocks that could not be placed.
pub fn place_blocks(raw: &[char], articles: &mut [Article]) -> usize {
    place(raw, articles, false)
}

/// [`place_blocks`] on text an OCR engine read.
///
/// A block that is no run of the raw glyphs is then lined up with the raw
/// glyphs it was misread as (see the module doc). Only for such text: on
/// an extractor's, a block that is no run was cut apart by the extractor
/// (layout order), and the one piece it would line up with is not the
/// block.
///
/// Returns the number of blocks that could be placed neither way.
pub fn place_blocks_lined_up(raw: &[char], articles: &mut [Article]) -> usize {
    place(raw, articles, true)
}

/// The raw glyphs and which of them a block took, with where each
/// article's blocks were placed (glyph ranges).
struct Taken {
    offsets: Vec<usize>,
    glyphs: Vec<char>,
    used: Vec<bool>,
    placed: Vec<Vec<(usize, usize)>>,
}

impl Taken {
    /// Gives `block` of article `a` the `n` glyphs from glyph `i`.
    fn take(&mut self, (a, block): (usize, &mut Block), i: usize, n: usize) {
        self.used[i..i + n].iter_mut().for_each(|u| *u = true);
        self.placed[a].push((i, i + n));
        block.spans = vec![Span::new(self.offsets[i], self.offsets[i + n - 1] + 1)];
    }

    /// How many glyphs lie between a run of `n` glyphs from `i` and the
    /// nearest block already placed of article `a` (none: the most).
    fn gap(&self, a: usize, i: usize, n: usize) -> usize {
        self.placed[a]
            .iter()
            .map(|&(s, e)| {
                if i >= e {
                    i - e
                } else {
                    s.saturating_sub(i + n)
                }
            })
            .min()
            .unwrap_or(usize::MAX)
    }
}

fn place(raw: &[char], articles: &mut [Article], line_up: bool) -> usize {
    let offsets = super::glyph_offsets(raw);
    let glyphs: Vec<char> = offsets.iter().map(|&i| raw[i]).collect();
    let mut t = Taken {
        used: vec![false; glyphs.len()],
        placed: vec![Vec::new(); articles.len()],
        offsets,
        glyphs,
    };
    // Longest first, so that a short block cannot take the place of a
    // repeated phrase inside a longer one.
    let mut blocks: Vec<(usize, &mut Block, Vec<char>)> = articles
        .iter_mut()
        .enumerate()
        .flat_map(|(a, art)| art.blocks.iter_mut().map(move |b| (a, b)))
        .map(|(a, b)| {
            let want: Vec<char> = b.text.chars().filter(|c| !c.is_whitespace()).collect();
            (a, b, want)
        })
        .filter(|block| !block.2.is_empty())
        .collect();
    blocks.sort_by_key(|(_, _, want)| std::cmp::Reverse(want.len()));
    // A block found at one free place only, whose text no other block
    // has, is placed there first. Then the others (a headline printed
    // twice on the page, once misread): the block and place nearest its
    // article's other blocks first.
    let mut copies: HashMap<Vec<char>, usize> = HashMap::new();
    for (_, _, want) in &blocks {
        *copies.entry(want.clone()).or_default() += 1;
    }
    let mut unplaced = Vec::new();
    let mut repeated = Vec::new();
    for (a, block, want) in blocks {
        let runs = exact_runs(&t.glyphs, &t.used, &want);
        match runs.as_slice() {
            [] => unplaced.push((a, block, want)),
            &[i] if copies.get(&want) == Some(&1) => t.take((a, block), i, want.len()),
            _ => repeated.push((a, block, want, runs)),
        }
    }
    let mut pairs: Vec<(usize, usize, usize)> = repeated
        .iter()
        .enumerate()
        .flat_map(|(k, (a, _, want, runs))| {
            let t = &t;
            runs.iter().map(move |&i| (t.gap(*a, i, want.len()), k, i))
        })
        .collect();
    pairs.sort_unstable();
    let mut done = vec![false; repeated.len()];
    for (_, k, i) in pairs {
        let (a, block, want, _) = &mut repeated[k];
        if done[k] || t.used[i..i + want.len()].contains(&true) {
            continue;
        }
        t.take((*a, block), i, want.len());
        done[k] = true;
    }
    unplaced.extend(
        repeated
            .into_iter()
            .zip(done)
            .filter(|(_, done)| !done)
            .map(|((a, block, want, _), _)| (a, block, want)),
    );
    if !line_up {
        return unplaced.len();
    }
    // Then the misread blocks, longest first still, on what is left.
    let folded: Vec<char> = t.glyphs.iter().map(|&c| fold(c)).collect();
    let seeds = seed_places(&folded);
    let mut missing = 0;
    unplaced.sort_by_key(|(_, _, want)| std::cmp::Reverse(want.len()));
    for (_, block, want) in unplaced {
        let want: Vec<char> = want.into_iter().map(fold).collect();
        let Some((start, end)) = lined_up(&folded, &t.used, &seeds, &want) else {
            missing += 1;
            continue;
        };
        block.spans = free_runs(&t.used, start, end)
            .map(|(a, b)| Span::new(t.offsets[a], t.offsets[b - 1] + 1))
            .collect();
        t.used[start..end].iter_mut().for_each(|u| *u = true);
        block.edited = true;
    }
    missing
}

/// Every run of `glyphs` that equals `want` and none of which is used, by
/// its first glyph.
fn exact_runs(glyphs: &[char], used: &[bool], want: &[char]) -> Vec<usize> {
    let n = want.len();
    (0..glyphs.len().saturating_sub(n - 1))
        .filter(|&i| !used[i] && glyphs[i..i + n] == want[..] && !used[i..i + n].contains(&true))
        .collect()
}

/// A glyph as the alignment compares it: every mark one class (an engine
/// reads `，` as `,` or `'`), full-width letters and digits as ASCII,
/// letters in lower case.
fn fold(c: char) -> char {
    let c = match u32::from(c) {
        // Full-width ASCII (`！` to `～`).
        u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_alphanumeric() {
        c.to_ascii_lowercase()
    } else {
        '·'
    }
}

/// Where each run of [`SEED`] folded glyphs starts.
fn seed_places(folded: &[char]) -> HashMap<[char; SEED], Vec<usize>> {
    let mut places: HashMap<[char; SEED], Vec<usize>> = HashMap::new();
    for (i, w) in folded.windows(SEED).enumerate() {
        if let Ok(key) = <[char; SEED]>::try_from(w) {
            places.entry(key).or_default().push(i);
        }
    }
    places
}

/// The window of raw glyphs (`start..end`) that `want` lines up with, if
/// it differs from it little enough ([`MAX_EDIT_SHARE`]).
///
/// The seeds `want` shares with the raw text vote for where it starts; the
/// alignment then runs in a window a fifth wider on each side of that
/// place, used glyphs matching nothing.
fn lined_up(
    folded: &[char],
    used: &[bool],
    seeds: &HashMap<[char; SEED], Vec<usize>>,
    want: &[char],
) -> Option<(usize, usize)> {
    let n = folded.len();
    let m = want.len();
    if m < 2 || n == 0 {
        return None;
    }
    let mut votes: HashMap<isize, usize> = HashMap::new();
    for (k, w) in want.windows(SEED).enumerate() {
        let Ok(key) = <[char; SEED]>::try_from(w) else {
            continue;
        };
        let Some(places) = seeds.get(&key).filter(|p| p.len() <= MAX_SEED_PLACES) else {
            continue;
        };
        for &p in places {
            if !used[p] {
                *votes
                    .entry(isize::try_from(p).ok()? - isize::try_from(k).ok()?)
                    .or_default() += 1;
            }
        }
    }
    // The most voted start; the earliest of equals.
    let (&start, _) = votes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
    let slack = m / 5 + 2;
    let from = usize::try_from(start).unwrap_or(0).saturating_sub(slack);
    let to = (usize::try_from(start).unwrap_or(0) + m + slack).min(n);
    let (cost, a, b) = semi_global(&folded[from..to], &used[from..to], want)?;
    #[expect(clippy::cast_precision_loss, reason = "glyph counts are small")]
    let close = cost as f64 <= MAX_EDIT_SHARE * m as f64;
    close.then_some((from + a, from + b))
}

/// The edit distance of `want` to its best window of `window` (free ends
/// in `window`; a `used` glyph matches nothing), and that window.
fn semi_global(window: &[char], used: &[bool], want: &[char]) -> Option<(usize, usize, usize)> {
    let w = window.len();
    // `cost[j]`: the distance of the chars of `want` so far to a window
    // ending before glyph `j`; `from[j]`: where that window starts.
    let mut cost: Vec<usize> = vec![0; w + 1];
    let mut from: Vec<usize> = (0..=w).collect();
    let mut next_cost = vec![0; w + 1];
    let mut next_from = vec![0; w + 1];
    for (i, &c) in want.iter().enumerate() {
        next_cost[0] = i + 1;
        next_from[0] = 0;
        for j in 1..=w {
            let same = !used[j - 1] && window[j - 1] == c;
            let diagonal = (cost[j - 1] + usize::from(!same), from[j - 1]);
            let skip_gold = (cost[j] + 1, from[j]);
            let skip_raw = (next_cost[j - 1] + 1, next_from[j - 1]);
            let best = [diagonal, skip_gold, skip_raw]
                .into_iter()
                .min_by_key(|&(c, _)| c)?;
            (next_cost[j], next_from[j]) = best;
        }
        std::mem::swap(&mut cost, &mut next_cost);
        std::mem::swap(&mut from, &mut next_from);
    }
    // Of the windows that differ least, the longest that ends on the
    // block's last glyph (past a speck the engine read inside it), else
    // the shortest (short of the next block's first glyph where the
    // engine dropped the block's last mark).
    let best = *cost.iter().min()?;
    let last = want.last().copied();
    let ends_alike = |j: &usize| *j > 0 && Some(window[*j - 1]) == last && !used[*j - 1];
    let end = (0..=w)
        .rev()
        .filter(|&j| cost[j] == best)
        .find(ends_alike)
        .or_else(|| (0..=w).find(|&j| cost[j] == best))?;
    Some((best, from[end], end))
}

/// The runs of glyphs in `start..end` that no block took yet.
fn free_runs(used: &[bool], start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = start;
    std::iter::from_fn(move || {
        while i < end && used[i] {
            i += 1;
        }
        if i >= end {
            return None;
        }
        let a = i;
        while i < end && !used[i] {
            i += 1;
        }
        Some((a, i))
    })
}

#[cfg(test)]
mod tests {
    use super::place_blocks_lined_up as place_blocks;
    use crate::page::{Article, Block, trace};

    fn article(texts: &[&str]) -> Article {
        Article::of_bodies("", texts)
    }

    fn placed(raw: &[char], block: &Block) -> String {
        trace(raw, &block.text, &block.spans)
            .into_iter()
            .flatten()
            .map(|o| raw[o])
            .collect()
    }

    #[test]
    fn a_block_the_engine_misread_is_lined_up_with_the_glyphs_it_was_read_as() {
        // `徽笑` for `微笑`, `,` for `，`, a dropped `。`, and the next
        // article's text right after it.
        let raw: Vec<char> = "她面带徽笑 ,向大家问好\n本报讯 今天上午，会议在京召开。"
            .chars()
            .collect();
        let mut gold = vec![
            article(&["她面带微笑，向大家问好。"]),
            article(&["本报讯今天上午，会议在京召开。"]),
        ];
        assert_eq!(place_blocks(&raw, &mut gold), 0);
        let first = &gold[0].blocks[0];
        assert!(first.edited, "typed over the raw text");
        assert!(!gold[1].blocks[0].edited, "placed exactly");
        // The misread glyph traces to nothing; the others to their raw
        // glyphs, and none to the next article's.
        assert_eq!(placed(&raw, first), "她面带笑,向大家问好");
        assert_eq!(
            placed(&raw, &gold[1].blocks[0]),
            "本报讯今天上午，会议在京召开。"
        );
    }

    #[test]
    fn a_headline_printed_twice_goes_to_the_copy_beside_its_article() {
        // Two articles under the same headline (devpages-ocr 008); the
        // engine read the first copy with a speck inside it, so only the
        // second is an exact run. It goes to the second article, whose
        // text is beside it, not to the first article, asked for first.
        let raw: Vec<char> =
            "民革会议召\n点\n开\n甲乙丙丁戊己庚辛。\n春夏秋冬。\n民革会议召开\n子丑寅卯辰巳午未。"
                .chars()
                .collect();
        let mut gold = vec![
            article(&["民革会议召开", "甲乙丙丁戊己庚辛。"]),
            article(&["春夏秋冬。"]),
            article(&["民革会议召开", "子丑寅卯辰巳午未。"]),
        ];
        assert_eq!(place_blocks(&raw, &mut gold), 0);
        let second = &gold[2].blocks[0];
        assert!(!second.edited, "the exact copy: {:?}", second.spans);
        assert_eq!(raw[second.spans[0].start], '民');
        assert!(second.spans[0].start > 20, "{:?}", second.spans);
        let first = &gold[0].blocks[0];
        assert!(first.edited, "the misread copy, lined up");
        assert_eq!(placed(&raw, first), "民革会议召开");
    }

    #[test]
    fn a_block_too_unlike_any_raw_text_stays_unplaced() {
        let raw: Vec<char> = "她面带微笑，向大家问好。".chars().collect();
        let mut gold = vec![article(&["今天上午会议在京召开。"])];
        assert_eq!(place_blocks(&raw, &mut gold), 1);
        assert!(gold[0].blocks[0].spans.is_empty());
    }

    #[test]
    fn a_misread_block_takes_no_glyph_an_exact_block_took() {
        // The exact block is placed first; the misread one around it.
        let raw: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑寅卯".chars().collect();
        let mut gold = vec![article(&["甲乙丙丁戊己庚", "辛壬癸子丑寅X"])];
        assert_eq!(place_blocks(&raw, &mut gold), 0);
        assert_eq!(placed(&raw, &gold[0].blocks[0]), "甲乙丙丁戊己庚");
        assert_eq!(placed(&raw, &gold[0].blocks[1]), "辛壬癸子丑寅");
    }
}
