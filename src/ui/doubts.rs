//! The proposal's doubts on the desk, and the doubt strip.
//!
//! What the panels derive from the doubts (counts, the current doubt's
//! highlight and its one-line description) is kept between frames.
//!
//! Everything here is rebuilt only when the page state
//! ([`crate::edit::Editor::state_id`]) or the current doubt changes: a page
//! of a megabyte has thousands of doubts, and an idle frame costs nothing.

use eframe::egui::{self, Color32, RichText, Sense, Ui};

use super::style::{DOUBT, role_long_name};
use crate::app::{Document, Intent, UiState};
use crate::command::Command;
use crate::doubt::{BlockIndex, Choice, Decision, Kind, Review};
use crate::edit::BlockRef;
use std::ops::Range;
use std::sync::Arc;

use super::text::TraceIndexes;
use crate::page::{Article, CharSource as _, RawChars};

/// What the panels show of the doubts, for one page state and current
/// doubt.
#[derive(Debug, Default)]
pub struct DoubtView {
    /// The page state the counts and the index were made for.
    state: Option<u64>,
    /// The page state and current doubt the marks were made for.
    marks_key: Option<(u64, Option<usize>)>,
    /// Where each raw offset went, for the page state in `index_state`;
    /// built only while a doubt is current (a long page's index is large).
    index: BlockIndex,
    /// The page state `index` was built for.
    index_state: Option<u64>,
    /// Doubts still open.
    pub open: usize,
    /// Doubts of the page, settled or not.
    pub total: usize,
    /// The current doubt's raw range (highlighted in the raw pane).
    pub raw: Option<(usize, usize)>,
    /// The chars (ranges of indices into the block text) to highlight in
    /// the corrected pane, by block; a handful of blocks at most.
    pub marks: Vec<(BlockRef, Vec<Range<usize>>)>,
    /// The strip's text.
    pub strip: String,
    /// Where the traces of long blocks stand, for the marks here and the
    /// parts the corrected pane shows.
    pub traces: TraceIndexes,
}

impl DoubtView {
    /// Brings the view up to date with the page and the current doubt;
    /// does nothing when neither changed.
    pub fn prepare(&mut self, doc: &Document, current: Option<usize>) {
        let page = doc.editor.page();
        let key = doc.editor.state_id();
        if self.state != Some(key) {
            self.state = Some(key);
            self.open = page.review.open_count();
            self.total = page.review.doubts.len();
        }
        if self.marks_key == Some((key, current)) {
            return;
        }
        self.marks_key = Some((key, current));
        let review = &page.review;
        let Some((i, d)) = current.and_then(|i| review.doubts.get(i).map(|d| (i, *d))) else {
            self.raw = None;
            self.marks.clear();
            self.strip = summary(review);
            self.index = BlockIndex::default();
            self.index_state = None;
            return;
        };
        if self.index_state != Some(key) {
            self.index = BlockIndex::new(&page.articles);
            self.index_state = Some(key);
        }
        self.raw = Some(d.raw_range());
        self.marks = marks(
            &page.articles,
            &self.index,
            &mut self.traces,
            doc.editor.raw_chars(),
            &d,
        );
        self.strip = describe(review, i, &d);
    }

    /// The chars of block `at` to highlight, if any.
    #[must_use]
    pub fn marks_for(&self, at: BlockRef) -> Option<&[Range<usize>]> {
        self.marks
            .iter()
            .find(|(b, _)| *b == at)
            .map(|(_, m)| m.as_slice())
    }

    /// Whether raw offset `offset` belongs to the current doubt.
    #[must_use]
    pub fn raw_contains(&self, offset: usize) -> bool {
        self.raw.is_some_and(|(s, e)| (s..e).contains(&offset))
    }

    /// The status bar's doubt count: `41 doubts open` or `reviewed √`.
    #[must_use]
    pub fn count_text(&self) -> String {
        match self.open {
            0 => "reviewed √".to_owned(),
            1 => "1 doubt open".to_owned(),
            n => format!("{n} doubts open"),
        }
    }
}

/// The strip when no doubt is current.
fn summary(review: &Review) -> String {
    let open = review.open_count();
    let total = review.doubts.len();
    match (open, total) {
        (_, 0) => "no doubts on this page · reviewed √".to_owned(),
        (0, n) => format!("reviewed √ · all {n} doubts settled"),
        (1, _) => "1 doubt open · N: go to it".to_owned(),
        (o, _) => format!("{o} doubts open · N: go to the next"),
    }
}

/// One line about doubt `i`: where it stands, what the proposal chose and
/// why, the other choice, and the keys.
fn describe(review: &Review, i: usize, d: &Decision) -> String {
    let choice = format!(
        "{}: {} — {} ({}% right) · other choice: {}",
        kind_words(d.kind),
        choice_words(d.chosen),
        d.evidence.explanation(),
        d.confidence_percent(),
        choice_words(d.alternative)
    );
    match review.resolved.get(i).copied().flatten() {
        None => {
            let open = review.open_count();
            let rank = review.resolved[..i].iter().filter(|r| r.is_none()).count() + 1;
            format!(
                "doubt {rank} of {open} open · {choice} · A accept · F flip · Shift+A all of this rule"
            )
        }
        Some(r) => format!(
            "doubt {} of {} · {choice} · settled: {} · N next open",
            i + 1,
            review.doubts.len(),
            r.name()
        ),
    }
}

/// A kind of decision in words.
#[must_use]
pub fn kind_words(kind: Kind) -> &'static str {
    match kind {
        Kind::LineEnd => "line end",
        Kind::Space => "space",
        Kind::Boundary => "article boundary",
        Kind::Attachment => "headline stack",
        Kind::Role => "role",
        Kind::Orientation => "page orientation",
    }
}

/// A choice in words.
#[must_use]
pub fn choice_words(choice: Choice) -> &'static str {
    match choice {
        Choice::Join => "joined",
        Choice::Break => "paragraph break",
        Choice::Remove => "removed",
        Choice::Keep => "kept",
        Choice::SameArticle => "same article",
        Choice::NewArticle => "new article",
        Choice::AttachBefore => "heads the article before",
        Choice::AttachAfter => "heads the article after",
        Choice::HeadlinesAfter => "headlines follow their bodies",
        Choice::HeadlinesBefore => "headlines come before their bodies",
        Choice::Role(r) => role_long_name(r),
    }
}

/// The chars of the corrected text that show decision `d`: for a line
/// end, space or boundary the chars on both sides of it (and what lies
/// between, when they share a block); for a role or a headline stack the
/// whole block(s). As ranges of chars: a whole block of millions of chars
/// is one range.
fn marks(
    articles: &[Arc<Article>],
    index: &BlockIndex,
    traces: &mut TraceIndexes,
    raw: &RawChars,
    d: &Decision,
) -> Vec<(BlockRef, Vec<Range<usize>>)> {
    // The glyphs whose blocks show the decision, and whether the whole
    // block is marked (a role, a stack) or only the chars around the gap.
    let (offsets, whole): (Vec<usize>, bool) = match d.kind {
        Kind::Role | Kind::Orientation => (vec![d.at], true),
        Kind::Attachment => {
            let end = d.after.unwrap_or(d.at + 1).max(d.at + 1).min(raw.len());
            let glyphs = (d.at..).zip(raw.span_chars(d.at, end).into_iter().flatten());
            let offsets = glyphs
                .filter(|(_, c)| !c.is_whitespace())
                .map(|(o, _)| o)
                .collect();
            (offsets, true)
        }
        Kind::LineEnd | Kind::Space | Kind::Boundary => (
            [d.before, Some(d.at)].into_iter().flatten().collect(),
            false,
        ),
    };
    let (start, end) = d.raw_range();
    let mut out: Vec<(BlockRef, Vec<Range<usize>>)> = Vec::new();
    for offset in offsets {
        let Some((a, b)) = index.locate(offset) else {
            continue;
        };
        let at = BlockRef::new(a, b);
        if out.iter().any(|(r, _)| *r == at) {
            continue;
        }
        let Some(article) = articles.get(a) else {
            continue;
        };
        let Some(block) = article.blocks.get(b) else {
            continue;
        };
        let chars = if whole {
            std::iter::once(0..block.text.chars().count()).collect()
        } else {
            traces
                .of(raw, article, b)
                .chars_traced_to(raw, &block.text, &block.spans, start, end)
        };
        out.push((at, chars));
    }
    out
}

/// The doubt strip above the corrected text: wrapped, never cut, so the
/// other choice and the keys stay visible at any width.
pub fn strip(ui: &mut Ui, doc: &Document, state: &UiState, out: &mut Vec<Intent>) {
    let view = &state.caches.doubts;
    if view.total == 0 {
        return;
    }
    let current = state
        .doubt
        .is_some_and(|i| doc.editor.page().review.resolved.get(i) == Some(&None));
    let text = if current {
        RichText::new(&view.strip)
            .color(Color32::BLACK)
            .background_color(DOUBT)
    } else {
        RichText::new(&view.strip).weak()
    };
    let response = ui
        .add(
            egui::Label::new(text)
                .wrap()
                .sense(if current { Sense::hover() } else { Sense::click() }),
        )
        .on_hover_text(
            "N / Shift+N: next / previous open doubt · A: accept the proposal · F: take the other choice (then on to the next doubt) · any other edit there settles it too",
        );
    if !current && view.open > 0 && response.clicked() {
        out.push(Intent::Run(Command::NextDoubt));
    }
}
