//! What the proposal's decisions mean for a page's articles.
//!
//! Where a raw offset went ([`BlockIndex`]), what a decision's gold outcome
//! is ([`outcome`]), and on which side the headline stacks sit
//! (`stack_sides`).
//!
//! The decisions themselves, their rules and confidences, and a page's
//! review are data in [`crate::decision`], re-exported here.

use std::borrow::Borrow;

pub use crate::decision::NEAR_CELLS;
pub use crate::decision::{
    Choice, DOUBT_BELOW, Decision, Decisions, DoubtWalk, Evidence, Flip, Kind, MEASURED,
    MEASURED_LAYOUT, MEASURED_MODEL, MEASURED_OCR, Record, Resolution, Review,
};
use crate::page::{Article, CharSource, Span, trace};

/// The block that holds each raw span of a page, for finding where a raw
/// offset went.
#[derive(Clone, Debug, Default)]
pub struct BlockIndex {
    spans: Vec<(Span, usize, usize)>,
}

impl BlockIndex {
    /// Indexes the blocks of `articles`.
    #[must_use]
    pub fn new<A: Borrow<Article>>(articles: &[A]) -> Self {
        // Exact capacity: on a long page this is millions of spans.
        let n = articles
            .iter()
            .map(|a| {
                a.borrow()
                    .blocks
                    .iter()
                    .map(|b| b.spans.len())
                    .sum::<usize>()
            })
            .sum();
        let mut spans: Vec<(Span, usize, usize)> = Vec::with_capacity(n);
        spans.extend(articles.iter().enumerate().flat_map(|(ai, a)| {
            a.borrow()
                .blocks
                .iter()
                .enumerate()
                .flat_map(move |(bi, b)| b.spans.iter().map(move |&s| (s, ai, bi)))
        }));
        spans.sort_unstable_by_key(|(s, ..)| s.start);
        Self { spans }
    }

    /// The article and block whose spans hold raw `offset`.
    #[must_use]
    pub fn locate(&self, offset: usize) -> Option<(usize, usize)> {
        let i = self.spans.partition_point(|(s, ..)| s.start <= offset);
        let (s, a, b) = *self.spans.get(i.checked_sub(1)?)?;
        s.contains(offset).then_some((a, b))
    }

    /// The article and block of each block whose spans meet raw chars
    /// `range` (an empty range: the char at its start), in raw order, each
    /// once: what a raw line feeds.
    #[must_use]
    pub fn blocks_meeting(&self, range: std::ops::Range<usize>) -> Vec<(usize, usize)> {
        let end = range.end.max(range.start + 1);
        // Spans do not overlap: the one holding `range.start`, if any, is
        // the last to start at or before it.
        let first = self
            .spans
            .partition_point(|(s, ..)| s.start <= range.start)
            .saturating_sub(1);
        let mut out: Vec<(usize, usize)> = Vec::new();
        for &(s, a, b) in self.spans.get(first..).unwrap_or(&[]) {
            if s.start >= end {
                break;
            }
            if s.end > range.start && !out.contains(&(a, b)) {
                out.push((a, b));
            }
        }
        out
    }

    /// [`BlockIndex::locate`], searching on from `cursor` and leaving it
    /// there: offsets asked in raw order walk the spans once (the segmenter
    /// asks for every line end of a page).
    pub(crate) fn locate_from(&self, cursor: &mut usize, offset: usize) -> Option<(usize, usize)> {
        let spans = &self.spans;
        if spans.get(*cursor).is_none_or(|(s, ..)| s.start > offset) {
            // Asked out of order (or before the first span): search.
            *cursor = spans
                .partition_point(|(s, ..)| s.start <= offset)
                .saturating_sub(1);
        }
        while spans
            .get(*cursor + 1)
            .is_some_and(|(s, ..)| s.start <= offset)
        {
            *cursor += 1;
        }
        spans
            .get(*cursor)
            .filter(|(s, ..)| s.contains(offset))
            .map(|&(_, a, b)| (a, b))
    }
}

/// Which side of decision `d` the articles take: the proposal's articles
/// give `d.chosen`, a correction may give the alternative. `None` when they
/// take neither, or the decision's text is gone.
#[must_use]
pub fn outcome<A: Borrow<Article>, R: CharSource + ?Sized>(
    articles: &[A],
    index: &BlockIndex,
    raw: &R,
    d: &Decision,
) -> Option<Choice> {
    let at = index.locate(d.at)?;
    let before = d.before.and_then(|b| index.locate(b));
    match d.kind {
        Kind::LineEnd | Kind::Boundary | Kind::Attachment | Kind::Role => {
            line_level_outcome(articles, d.kind, (before, at), || {
                d.after.and_then(|a| index.locate(a))
            })
        }
        Kind::Space => {
            if before? != at {
                return None;
            }
            let block = articles.get(at.0)?.borrow().blocks.get(at.1)?;
            let traced = trace(raw, &block.text, &block.spans);
            let from = traced.iter().position(|&o| o == d.before)?;
            let to = traced.iter().position(|&o| o == Some(d.at))?;
            let between = block
                .text
                .chars()
                .skip(from + 1)
                .take(to.checked_sub(from + 1)?);
            let mut between = between.peekable();
            if between.peek().is_none() {
                return Some(Choice::Remove);
            }
            between.all(char::is_whitespace).then_some(Choice::Keep)
        }
        Kind::Punctuation if d.flip.writes_after() => {
            // The mark now written after the glyph, with no raw source.
            let block = articles.get(at.0)?.borrow().blocks.get(at.1)?;
            let traced = trace(raw, &block.text, &block.spans);
            let i = traced.iter().position(|&o| o == Some(d.at))?;
            let text: Vec<char> = block.text.chars().collect();
            let quote =
                [d.chosen, d.alternative].contains(&Choice::Mark(crate::punct::Mark::CloseQuote));
            let mark = crate::punct::written_after(&text, &traced, i, quote).map(|(_, m)| m);
            Some(Choice::Mark(mark.unwrap_or(crate::punct::Mark::AsRead)))
        }
        Kind::Punctuation => {
            // The mark now written where the engine read `raw`.
            let block = articles.get(at.0)?.borrow().blocks.get(at.1)?;
            let traced = trace(raw, &block.text, &block.spans);
            let i = traced.iter().position(|&o| o == Some(d.at))?;
            let written = block.text.chars().nth(i)?;
            let read = raw
                .span_chars(d.at, d.at + 1)
                .into_iter()
                .flatten()
                .next()?;
            if written == read {
                Some(Choice::Mark(crate::punct::Mark::AsRead))
            } else {
                crate::punct::Mark::of_char(written).map(Choice::Mark)
            }
        }
        Kind::Recognition => {
            // Read right while every raw glyph of the word is still in the
            // text as read.
            let block = articles.get(at.0)?.borrow().blocks.get(at.1)?;
            let traced = trace(raw, &block.text, &block.spans);
            let end = d.after.unwrap_or(d.at);
            let glyphs = (d.at..=end)
                .zip(raw.span_chars(d.at, end + 1).into_iter().flatten())
                .filter(|(_, c)| !c.is_whitespace());
            let written = traced
                .iter()
                .zip(block.text.chars())
                .filter_map(|(&o, c)| o.filter(|o| (d.at..=end).contains(o)).map(|o| (o, c)));
            let intact = glyphs.eq(written);
            Some(if intact {
                Choice::ReadRight
            } else {
                Choice::Misread
            })
        }
        Kind::Orientation => {
            let (after, before) = stack_sides(articles);
            match after.cmp(&before) {
                std::cmp::Ordering::Greater => Some(Choice::HeadlinesAfter),
                std::cmp::Ordering::Less => Some(Choice::HeadlinesBefore),
                std::cmp::Ordering::Equal => None,
            }
        }
    }
}

/// The side a line-level decision (line end, boundary, attachment, role)
/// takes, its offsets located: `before` and `at` in the blocks that hold
/// them, `after` on demand (only an attachment asks). `None` for the other
/// kinds, or when a side is gone.
pub(crate) fn line_level_outcome<A: Borrow<Article>>(
    articles: &[A],
    kind: Kind,
    (before, at): (Option<(usize, usize)>, (usize, usize)),
    after: impl FnOnce() -> Option<(usize, usize)>,
) -> Option<Choice> {
    match kind {
        Kind::LineEnd => Some(if before? == at {
            Choice::Join
        } else {
            Choice::Break
        }),
        Kind::Boundary => Some(if before?.0 == at.0 {
            Choice::SameArticle
        } else {
            Choice::NewArticle
        }),
        Kind::Attachment => {
            if before.is_some_and(|b| b.0 == at.0) {
                Some(Choice::AttachBefore)
            } else if after().is_some_and(|a| a.0 == at.0) {
                Some(Choice::AttachAfter)
            } else {
                None
            }
        }
        Kind::Role => Some(Choice::Role(
            articles.get(at.0)?.borrow().blocks.get(at.1)?.role,
        )),
        _ => None,
    }
}

/// How many articles (and continuations) have their headline stack after
/// their text in raw order, and how many before it.
#[must_use]
pub(crate) fn stack_sides<A: Borrow<Article>>(articles: &[A]) -> (usize, usize) {
    let first = |blocks: &mut dyn Iterator<Item = &crate::page::Block>| {
        blocks.flat_map(|b| &b.spans).map(|s| s.start).min()
    };
    let (mut after, mut before) = (0, 0);
    for a in articles.iter().map(Borrow::borrow) {
        if !matches!(
            a.kind,
            crate::page::ArticleKind::Article | crate::page::ArticleKind::Continuation
        ) {
            continue;
        }
        let n = a.blocks.iter().take_while(|b| b.role.is_title()).count();
        match (
            first(&mut a.blocks[..n].iter()),
            first(&mut a.blocks[n..].iter()),
        ) {
            (Some(stack), Some(text)) if stack > text => after += 1,
            (Some(_), Some(_)) => before += 1,
            _ => {}
        }
    }
    (after, before)
}

#[cfg(test)]
mod tests {
    use super::BlockIndex;

    /// Every raw line of the seed page feeds the blocks whose spans meet
    /// it: the index answers as a look at every block does, in raw order.
    #[test]
    fn a_raw_line_feeds_the_blocks_whose_spans_meet_it() {
        let page = crate::io::page_from_bytes(
            "seed_page.txt",
            include_bytes!("../../../tests/data/seed_page.txt"),
        )
        .unwrap();
        let index = BlockIndex::new(&page.articles);
        let mut fed = 0;
        for line in page.raw.lines() {
            let (start, end) = (line.start(), line.end());
            let mut every: Vec<(usize, usize)> = Vec::new();
            for (a, article) in page.articles.iter().enumerate() {
                for (b, block) in article.blocks.iter().enumerate() {
                    if block
                        .spans
                        .iter()
                        .any(|s| s.start < end.max(start + 1) && start < s.end)
                    {
                        every.push((a, b));
                    }
                }
            }
            let found = index.blocks_meeting(start..end);
            let first_char = |&(a, b): &(usize, usize)| {
                page.articles[a].blocks[b]
                    .spans
                    .iter()
                    .filter(|s| s.end > start)
                    .map(|s| s.start.max(start))
                    .min()
            };
            let mut sorted = every.clone();
            sorted.sort_by_key(first_char);
            assert_eq!(found, sorted, "raw line {start}..{end}");
            fed += usize::from(!found.is_empty());
        }
        assert!(fed > 100, "most lines feed a block: {fed}");
    }
}
