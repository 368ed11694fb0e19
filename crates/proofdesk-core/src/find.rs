//! Finding text on a page, in the corrected articles and in the raw text.
//!
//! Block by block in the articles; in the raw text extraction's spaces
//! between characters are skipped, so `本报讯` finds `本 报 讯`. Latin
//! letters match in either case.

use std::ops::Range;

use crate::edit::BlockRef;
use crate::page::Article;

/// One place the query was found in the corrected text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The block.
    pub block: BlockRef,
    /// Chars of the block's text.
    pub chars: Range<usize>,
}

/// How a char compares: Latin letters without case.
fn fold(c: char) -> char {
    c.to_ascii_lowercase()
}

/// The query as compared: folded, without whitespace.
fn needle(query: &str) -> Vec<char> {
    query
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(fold)
        .collect()
}

/// Every place `query` occurs in the articles' block texts, in reading
/// order (whitespace in the query is ignored; matches do not overlap).
#[must_use]
pub fn in_articles<A: std::borrow::Borrow<Article>>(articles: &[A], query: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    for_each_match(articles, &needle(query), fold, |block, _, chars| {
        hits.push(Hit { block, chars });
    });
    hits
}

/// Calls `found` at every place `needle` stands in the articles' block
/// texts, in reading order, not overlapping, each char compared as `fold`
/// gives it: with the block, the block's text as chars, and the chars
/// matched. The one search of the desk's find bar and of "correct all
/// similar" ([`crate::concordance::occurrences`]).
pub(crate) fn for_each_match<A: std::borrow::Borrow<Article>>(
    articles: &[A],
    needle: &[char],
    fold: fn(char) -> char,
    mut found: impl FnMut(BlockRef, &[char], Range<usize>),
) {
    let n = needle.len();
    if n == 0 {
        return;
    }
    for (a, article) in articles.iter().enumerate() {
        for (b, block) in article.borrow().blocks.iter().enumerate() {
            // Most blocks do not hold the needle's first char: no copy.
            if !block.text.chars().any(|c| fold(c) == needle[0]) {
                continue;
            }
            let text: Vec<char> = block.text.chars().collect();
            let folded: Vec<char> = text.iter().map(|&c| fold(c)).collect();
            let mut i = 0;
            while i + n <= folded.len() {
                if folded[i..i + n] == needle[..] {
                    found(BlockRef::new(a, b), &text, i..i + n);
                    i += n;
                } else {
                    i += 1;
                }
            }
        }
    }
}

/// Every place `query` occurs in the raw text, whitespace between its
/// characters skipped, as ranges of raw chars (first to last matched char).
#[must_use]
pub fn in_raw(raw: &str, query: &str) -> Vec<Range<usize>> {
    let needle = needle(query);
    if needle.is_empty() {
        return Vec::new();
    }
    let glyphs: Vec<(usize, char)> = raw
        .chars()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (i, fold(c)))
        .collect();
    let mut hits = Vec::new();
    let mut i = 0;
    while i + needle.len() <= glyphs.len() {
        if glyphs[i..i + needle.len()]
            .iter()
            .zip(&needle)
            .all(|((_, g), n)| g == n)
        {
            hits.push(glyphs[i].0..glyphs[i + needle.len() - 1].0 + 1);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    hits
}

/// Where "go to" (Ctrl+G) goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoTo {
    /// An article, counted from 1.
    Article(usize),
    /// A raw line, counted from 1.
    RawLine(usize),
}

/// Reads what was typed into "go to": `12` (article 12), `l120`, `line 120`
/// or `:120` (raw line 120). `None` if it is neither.
#[must_use]
pub fn parse_go_to(text: &str) -> Option<GoTo> {
    let t = text.trim().to_ascii_lowercase();
    let line = t
        .strip_prefix("line")
        .or_else(|| t.strip_prefix('l'))
        .or_else(|| t.strip_prefix(':'))
        .or_else(|| t.strip_prefix('行'));
    match line {
        Some(n) => n.trim().parse().ok().filter(|&n| n > 0).map(GoTo::RawLine),
        None => t
            .strip_prefix('#')
            .unwrap_or(&t)
            .trim()
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .map(GoTo::Article),
    }
}

/// The raw offsets of the glyphs (non-whitespace chars) on raw line `line`
/// (counted from 1) and every line after it, in order; nothing when the
/// page has fewer lines.
pub fn glyphs_from_line(
    raw: &crate::page::RawText,
    line: usize,
) -> impl Iterator<Item = usize> + '_ {
    use crate::page::CharSource as _;
    let chars = raw.chars();
    raw.lines()
        .iter()
        .skip(line.saturating_sub(1))
        .flat_map(move |l| {
            chars
                .span_chars(l.start(), l.end())
                .into_iter()
                .flatten()
                .zip(l.start()..)
                .filter(|(c, _)| !c.is_whitespace())
                .map(|(_, o)| o)
        })
}

#[cfg(test)]
mod tests {
    use super::{GoTo, glyphs_from_line, in_articles, in_raw, parse_go_to};

    #[test]
    fn glyphs_from_a_raw_line_skip_blank_lines_and_spaces() {
        use crate::decode::{Encoding, LineEnding};
        let raw = crate::page::RawText::new("t", "甲 乙\n\n  丙\n", Encoding::Utf8, LineEnding::Lf);
        let from2: Vec<usize> = glyphs_from_line(&raw, 2).collect();
        assert_eq!(from2, [7], "line 2 is blank: the first glyph of line 3");
        assert_eq!(glyphs_from_line(&raw, 1).next(), Some(0));
        assert_eq!(glyphs_from_line(&raw, 9).next(), None);
    }

    #[test]
    fn go_to_reads_articles_and_raw_lines() {
        assert_eq!(parse_go_to("12"), Some(GoTo::Article(12)));
        assert_eq!(parse_go_to(" #3 "), Some(GoTo::Article(3)));
        assert_eq!(parse_go_to("l120"), Some(GoTo::RawLine(120)));
        assert_eq!(parse_go_to("Line 7"), Some(GoTo::RawLine(7)));
        assert_eq!(parse_go_to(":9"), Some(GoTo::RawLine(9)));
        assert_eq!(parse_go_to("0"), None);
        assert_eq!(parse_go_to("abc"), None);
        assert_eq!(parse_go_to(""), None);
    }
    use crate::edit::BlockRef;
    use crate::page::Article;

    fn article(texts: &[&str]) -> Article {
        Article::of_bodies("a1", texts)
    }

    #[test]
    fn finds_every_occurrence_in_reading_order() {
        let articles = [
            article(&["本报讯（记者 王凤侠）", "记者从交警部门了解到"]),
            article(&["PM2.5 与 pm10"]),
        ];
        let hits = in_articles(&articles, "记者");
        let at: Vec<(BlockRef, std::ops::Range<usize>)> =
            hits.iter().map(|h| (h.block, h.chars.clone())).collect();
        assert_eq!(
            at,
            [(BlockRef::new(0, 0), 4..6), (BlockRef::new(0, 1), 0..2)]
        );
        assert_eq!(in_articles(&articles, "pm").len(), 2, "Latin without case");
        assert_eq!(
            in_articles(&articles, "记 者").len(),
            2,
            "spaces in the query are ignored"
        );
        assert!(in_articles(&articles, "").is_empty());
        assert!(in_articles(&articles, "没有").is_empty());
        assert_eq!(
            in_articles(&[article(&["啊啊啊"])], "啊啊").len(),
            1,
            "matches do not overlap"
        );
    }

    #[test]
    fn finds_raw_text_across_extraction_spaces() {
        let raw = "本 报 讯 （记 者 李 拥 军）\n\n记者从交警";
        let hits = in_raw(raw, "记者");
        assert_eq!(hits.len(), 2);
        let chars: Vec<char> = raw.chars().collect();
        let first: String = chars[hits[0].clone()].iter().collect();
        assert_eq!(first, "记 者");
        assert_eq!(in_raw(raw, "本报讯").len(), 1);
        assert!(in_raw(raw, "  ").is_empty());
    }
}
