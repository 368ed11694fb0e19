//! The proposal's doubts on the desk, and the doubt strip.
//!
//! What the panels derive from the doubts (counts, the current doubt's
//! highlight and its one-line description) is kept between frames.
//!
//! Everything here is rebuilt only when the page state
//! ([`crate::edit::Editor::state_id`]) or the current doubt changes: a page
//! of a megabyte has thousands of doubts, and an idle frame costs nothing.

use eframe::egui::{self, Color32, RichText, Sense, Ui};

use super::style::DOUBT;
use crate::command::Command;
use crate::doubt::{BlockIndex, Decision, DoubtWalk, Kind, Review};
use crate::edit::BlockRef;
use crate::i18n::{Lang, Msg};
use crate::ui::state::{Document, Intent, UiState};
use std::ops::Range;
use std::sync::Arc;

use super::text::TraceIndexes;
use crate::page::{Article, CharSource as _, RawChars};

/// What the panels show of the doubts, for one page state and current
/// doubt.
#[derive(Debug, Default)]
pub struct DoubtView {
    /// The page state and doubt walk the counts were made for.
    state: Option<(u64, DoubtWalk)>,
    /// The page state, current doubt, language and doubt walk the marks and
    /// the strip were made for.
    marks_key: Option<(u64, Option<usize>, Lang, DoubtWalk)>,
    /// Which doubts are walked, and in what order.
    walk: DoubtWalk,
    /// Spots with open doubts that the walk goes through.
    pub open: usize,
    /// Doubts still open, walked or not.
    pub open_all: usize,
    /// Doubts of the page, settled or not.
    pub total: usize,
    /// The current doubt's raw range (where the raw pane goes).
    pub raw: Option<(usize, usize)>,
    /// What the raw pane highlights of it: the range and, for a gap, a few
    /// glyphs on each side.
    raw_mark: Option<(usize, usize)>,
    /// The chars (ranges of indices into the block text) to highlight in
    /// the corrected pane, by block; a handful of blocks at most.
    pub marks: Vec<(BlockRef, Vec<Range<usize>>)>,
    /// The raw ranges of the spot's other open doubts.
    raw_spot: Vec<(usize, usize)>,
    /// Their chars in the corrected pane, by block.
    spot_marks: Vec<(BlockRef, Vec<Range<usize>>)>,
    /// The chars of every open recognition doubt (a word the engine was
    /// unsure of), by block: underlined at rest, as a proofreader scans
    /// the page.
    unsure: Vec<(BlockRef, Vec<Range<usize>>)>,
    /// The strip's text.
    pub strip: String,
    /// Where the traces of long blocks stand, for the marks here and the
    /// parts the corrected pane shows.
    pub traces: TraceIndexes,
}

impl DoubtView {
    /// Brings the view up to date with the page, the current doubt and the
    /// language; does nothing when none changed.
    pub fn prepare(&mut self, doc: &Document, current: Option<usize>, lang: Lang, walk: DoubtWalk) {
        let page = doc.editor.page();
        let key = doc.editor.state_id();
        self.walk = walk;
        if self.state != Some((key, walk)) {
            self.state = Some((key, walk));
            self.open = page.review.open_in(walk);
            self.open_all = page.review.open_count();
            self.total = page.review.doubts.len();
            self.unsure.clear();
            let raw = doc.editor.raw_chars();
            for d in page.review.open_of_kind(crate::doubt::Kind::Recognition) {
                let more = marks(&page.articles, doc.editor.index(), &mut self.traces, raw, d);
                merge_marks(&mut self.unsure, more);
            }
        }
        if self.marks_key == Some((key, current, lang, walk)) {
            return;
        }
        self.marks_key = Some((key, current, lang, walk));
        let review = &page.review;
        let Some((i, d)) = current.and_then(|i| review.doubts.get(i).map(|d| (i, *d))) else {
            self.raw = None;
            self.raw_mark = None;
            self.raw_spot.clear();
            self.marks.clear();
            self.spot_marks.clear();
            self.strip = summary(review, lang, walk);
            return;
        };
        self.raw = Some(d.raw_range());
        // The current doubt first, then the spot's other open doubts: they
        // are marked too, fainter, as A settles them with it.
        let others = review.open_in_spot(i, walk).into_iter().filter(|&j| j != i);
        let spot: Vec<Decision> = std::iter::once(d)
            .chain(others.filter_map(|j| review.doubts.get(j).copied()))
            .collect();
        let raw = doc.editor.raw_chars();
        self.raw_mark = Some(raw_mark(raw, &d));
        self.raw_spot = spot.iter().skip(1).map(|d| raw_mark(raw, d)).collect();
        self.marks = marks(
            &page.articles,
            doc.editor.index(),
            &mut self.traces,
            raw,
            &d,
        );
        self.spot_marks.clear();
        for d in spot.iter().skip(1) {
            let more = marks(&page.articles, doc.editor.index(), &mut self.traces, raw, d);
            merge_marks(&mut self.spot_marks, more);
        }
        let word = (d.kind == Kind::Recognition).then(|| word_as_read(raw, &d));
        self.strip = describe(review, i, &spot, lang, (walk, word.as_deref()));
    }

    /// The chars of block `at` to highlight, if any.
    #[must_use]
    pub fn marks_for(&self, at: BlockRef) -> Option<&[Range<usize>]> {
        block_marks(&self.marks, at)
    }

    /// The chars of block `at` that show the spot's other open doubts.
    #[must_use]
    pub fn spot_marks_for(&self, at: BlockRef) -> Option<&[Range<usize>]> {
        block_marks(&self.spot_marks, at)
    }

    /// The chars of block `at` that open recognition doubts hold.
    #[must_use]
    pub fn unsure_marks_for(&self, at: BlockRef) -> Option<&[Range<usize>]> {
        block_marks(&self.unsure, at)
    }

    /// Whether raw offset `offset` belongs to another open doubt of the
    /// current doubt's spot.
    #[must_use]
    pub fn raw_in_spot(&self, offset: usize) -> bool {
        self.raw_spot.iter().any(|&(s, e)| (s..e).contains(&offset))
    }

    /// Whether raw offset `offset` belongs to the current doubt.
    #[must_use]
    pub fn raw_contains(&self, offset: usize) -> bool {
        self.raw_mark.is_some_and(|(s, e)| (s..e).contains(&offset))
    }

    /// The status bar's doubt count: `41 doubts open` or `reviewed √`.
    #[must_use]
    pub fn count_text(&self, lang: Lang) -> String {
        match (self.open, self.walk.filters()) {
            (0, false) => lang.get(Msg::DoubtsReviewed).to_owned(),
            (1, false) => lang.get(Msg::DoubtOpenOne).to_owned(),
            (n, false) => lang.fill(Msg::DoubtsOpen, &[("n", &n), ("d", &self.open_all)]),
            (n, true) => lang.fill(
                Msg::DoubtsOpenBelow,
                &[
                    ("n", &n),
                    ("percent", &self.walk.below_percent),
                    ("all", &self.open_all),
                ],
            ),
        }
    }
}

/// Adds `more` to `into`, both by block.
fn merge_marks(
    into: &mut Vec<(BlockRef, Vec<Range<usize>>)>,
    more: Vec<(BlockRef, Vec<Range<usize>>)>,
) {
    for (at, ranges) in more {
        match into.iter_mut().find(|(b, _)| *b == at) {
            Some((_, have)) => have.extend(ranges),
            None => into.push((at, ranges)),
        }
    }
}

/// The marks of block `at` among `marks` (by block).
fn block_marks(marks: &[(BlockRef, Vec<Range<usize>>)], at: BlockRef) -> Option<&[Range<usize>]> {
    marks
        .iter()
        .find(|(b, _)| *b == at)
        .map(|(_, m)| m.as_slice())
}

/// How many of a spot's other open doubts the strip names; the rest it
/// counts, so that a spot of eight doubts does not fill the pane.
const ALSO_HERE_LISTED: usize = 3;

/// The strip when no doubt is current.
fn summary(review: &Review, lang: Lang, walk: DoubtWalk) -> String {
    let open = review.open_count();
    let total = review.doubts.len();
    // On a page out of reading order the walk is no review, whichever
    // doubts it walks: the text has to be extracted again first (the
    // banner above says how).
    if open > 0 && !review.reading.is_in_order() {
        return lang.fill(
            Msg::StripOpenOrderLost,
            &[("n", &review.open_in(walk)), ("d", &open)],
        );
    }
    if walk.filters() && open > 0 {
        return lang.fill(
            Msg::StripOpenBelow,
            &[
                ("n", &review.open_in(walk)),
                ("percent", &walk.below_percent),
                ("all", &open),
            ],
        );
    }
    match (open, total) {
        (_, 0) => lang.get(Msg::StripNoDoubts).to_owned(),
        (0, n) => lang.fill(Msg::StripAllSettled, &[("n", &n)]),
        (_, _) if review.open_in(walk) == 1 => lang.get(Msg::StripOneOpen).to_owned(),
        (o, _) => lang.fill(Msg::StripOpen, &[("n", &review.open_in(walk)), ("d", &o)]),
    }
}

/// How many glyphs of an unsure word the strip quotes; a longer word is
/// cut with an ellipsis (the corrected pane marks it whole).
const WORD_QUOTED_CHARS: usize = 12;

/// The word of recognition doubt `d` as the engine read it, cut to
/// [`WORD_QUOTED_CHARS`].
fn word_as_read(raw: &RawChars, d: &Decision) -> String {
    let (start, end) = d.raw_range();
    let word = raw.get(start, end).unwrap_or_default().trim();
    if word.chars().count() > WORD_QUOTED_CHARS {
        let mut cut: String = word.chars().take(WORD_QUOTED_CHARS).collect();
        cut.push('…');
        cut
    } else {
        word.to_owned()
    }
}

/// What the strip says of doubt `d`'s choice: the proposal's side, why and
/// how often its rule is right, and the other side. An unsure word is
/// quoted instead: its other side is no text but the editor's typing.
fn choice_text(d: &Decision, word: Option<&str>, lang: Lang) -> String {
    let why = lang.pick(crate::i18n::rule(d.evidence));
    match word {
        Some(word) => lang.fill(
            Msg::StripUnsureWord,
            &[
                ("word", &word),
                ("why", &why),
                ("percent", &d.confidence_percent()),
            ],
        ),
        None => lang.fill(
            Msg::StripChoice,
            &[
                ("kind", &lang.get(Msg::doubt_kind(d.kind))),
                ("chosen", &lang.get(Msg::side(d, d.chosen))),
                ("why", &why),
                ("percent", &d.confidence_percent()),
                ("other", &lang.get(Msg::side(d, d.alternative))),
            ],
        ),
    }
}

/// What the strip says is left once a doubt is settled: the spots the walk
/// still goes through.
fn left_text(review: &Review, lang: Lang, walk: DoubtWalk) -> String {
    match review.open_in(walk) {
        0 => lang.get(Msg::StripNoneLeft).to_owned(),
        1 => lang.get(Msg::StripOneLeft).to_owned(),
        n => lang.fill(Msg::StripLeft, &[("n", &n)]),
    }
}

/// One line about doubt `i` (`spot[0]`; the rest of `spot`: the other
/// open doubts of its spot): where it stands, what the proposal chose and
/// why, the other choice, what else the spot holds, and the keys. `word`:
/// for a recognition doubt, its word as the engine read it.
fn describe(
    review: &Review,
    i: usize,
    spot: &[Decision],
    lang: Lang,
    (walk, word): (DoubtWalk, Option<&str>),
) -> String {
    let Some(d) = spot.first() else {
        return summary(review, lang, walk);
    };
    let choice = choice_text(d, word, lang);
    match review.resolved.get(i).copied().flatten() {
        None => {
            let open = review.open_in(walk);
            let rank = review.rank_in(i, walk);
            let here = review.open_in_spot(i, walk);
            match here.iter().position(|&j| j == i) {
                Some(k) if here.len() > 1 => {
                    let mut also: Vec<String> = spot
                        .iter()
                        .skip(1)
                        .take(ALSO_HERE_LISTED)
                        .map(|o| {
                            lang.fill(
                                Msg::StripAlsoHereItem,
                                &[
                                    ("kind", &lang.get(Msg::doubt_kind(o.kind))),
                                    ("chosen", &lang.get(Msg::side(o, o.chosen))),
                                    ("percent", &o.confidence_percent()),
                                ],
                            )
                        })
                        .collect();
                    let more = spot.len().saturating_sub(1 + ALSO_HERE_LISTED);
                    if more > 0 {
                        also.push(lang.fill(Msg::StripAlsoMore, &[("n", &more)]));
                    }
                    lang.fill(
                        if word.is_some() {
                            Msg::StripOpenUnsureWordHere
                        } else {
                            Msg::StripOpenDoubtHere
                        },
                        &[
                            ("rank", &rank),
                            ("open", &open),
                            ("k", &(k + 1)),
                            ("n", &here.len()),
                            ("choice", &choice),
                            ("also", &also.join(lang.get(Msg::ListSeparator))),
                        ],
                    )
                }
                _ => lang.fill(
                    if word.is_some() {
                        Msg::StripOpenUnsureWord
                    } else {
                        Msg::StripOpenDoubt
                    },
                    &[("rank", &rank), ("open", &open), ("choice", &choice)],
                ),
            }
        }
        Some(r) => lang.fill(
            Msg::StripSettledDoubt,
            &[
                ("choice", &choice),
                ("how", &lang.get(Msg::resolution(r))),
                ("left", &left_text(review, lang, walk)),
            ],
        ),
    }
}

/// The chars of the corrected text that show decision `d`: for a line
/// end, space or boundary the chars on both sides of it (and what lies
/// between, when they share a block); for a role or a headline stack the
/// whole block(s). As ranges of chars: a whole block of millions of chars
/// is one range.
/// How many chars on each side of a line end, space or boundary the mark
/// of its doubt takes in.
const MARK_CONTEXT_CHARS: usize = 2;

/// How many chars of context the mark of decision `d` takes in on each
/// side: none for a word the engine was unsure of (the mark shows exactly
/// the chars it read), [`MARK_CONTEXT_CHARS`] for a gap or a single mark.
fn mark_context(d: &Decision) -> usize {
    match d.kind {
        Kind::LineEnd | Kind::Space | Kind::Boundary | Kind::Punctuation => MARK_CONTEXT_CHARS,
        Kind::Recognition | Kind::Role | Kind::Orientation | Kind::Attachment => 0,
    }
}

/// The raw range marked for decision `d`: its own range, and for a line
/// end, space, boundary or mark [`MARK_CONTEXT_CHARS`] glyphs on each side
/// (whitespace and line breaks passed over), as the corrected pane marks.
fn raw_mark(raw: &RawChars, d: &Decision) -> (usize, usize) {
    let (mut start, mut end) = d.raw_range();
    let context = mark_context(d);
    if context > 0 {
        let glyph = |i: usize| raw.char_at(i).is_some_and(|c| !c.is_whitespace());
        for _ in 0..context {
            while start > 0 && !glyph(start - 1) {
                start -= 1;
            }
            if start == 0 {
                break;
            }
            start -= 1;
        }
        let len = raw.len();
        for _ in 0..context {
            while end < len && !glyph(end) {
                end += 1;
            }
            if end == len {
                break;
            }
            end += 1;
        }
    }
    (start, end)
}

fn marks(
    articles: &[Arc<Article>],
    index: &BlockIndex,
    traces: &mut TraceIndexes,
    raw: &RawChars,
    d: &Decision,
) -> Vec<(BlockRef, Vec<Range<usize>>)> {
    // The glyphs whose blocks show the decision, and whether the whole
    // block is marked (a role, a stack) or only the chars around the gap.
    let (offsets, whole) = d.shown_at(raw);
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
        let len = block.text.chars().count();
        let chars = if whole {
            std::iter::once(0..len).collect()
        } else {
            // The glyphs at the gap, and a few on each side, so the mark
            // reads as a place in the text rather than a speck.
            let context = mark_context(d);
            traces
                .of(raw, article, b)
                .chars_traced_to(raw, &block.text, &block.spans, start, end)
                .into_iter()
                .map(|r| r.start.saturating_sub(context)..(r.end + context).min(len))
                .collect()
        };
        out.push((at, chars));
    }
    out
}

/// Above the doubt strip, where the page's reading order is lost: that no
/// rule can read the page, and how to get its text in order.
///
/// Nothing on a page in order (`proofdesk::reading`).
pub fn reading_order_ui(ui: &mut Ui, doc: &Document, lang: Lang) {
    let Some(text) = reading_order_text(doc.editor.page().review.reading, lang) else {
        return;
    };
    ui.add(
        egui::Label::new(
            RichText::new(text)
                .color(Color32::BLACK)
                .background_color(super::style::WARNING),
        )
        .wrap(),
    );
}

/// What the desk says of a page whose reading order is lost.
pub fn reading_order_text(reading: crate::reading::ReadingOrder, lang: Lang) -> Option<String> {
    match reading {
        crate::reading::ReadingOrder::InOrder => None,
        crate::reading::ReadingOrder::RowsInterleaved { lag } => {
            Some(lang.fill(Msg::ReadingRowsInterleaved, &[("lag", &lag)]))
        }
        crate::reading::ReadingOrder::Lost => Some(lang.get(Msg::ReadingLost).to_owned()),
    }
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
        .add(egui::Label::new(text).wrap().sense(if current {
            Sense::hover()
        } else {
            Sense::click()
        }))
        .on_hover_text(state.lang.get(Msg::StripHover));
    if !current && view.open > 0 && response.clicked() {
        out.push(Intent::Run(Command::NextDoubt));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doubt::{Choice, Evidence};

    fn unsure_word(at: usize, last: usize) -> Decision {
        Decision::at(
            Kind::Recognition,
            at,
            (Choice::ReadRight, Choice::Misread),
            Evidence::VeryUnsureWord,
        )
        .with_after(Some(last))
    }

    fn raw(text: &str) -> crate::page::RawText {
        crate::page::RawText::new(
            "p.txt",
            text,
            crate::decode::Encoding::Utf8,
            crate::decode::LineEnding::Lf,
        )
    }

    #[test]
    fn an_unsure_word_is_quoted_as_read_and_a_long_one_cut() {
        let page = raw("她面带徽笑。\n一二三四五六七八九十甲乙丙丁\n");
        assert_eq!(word_as_read(page.chars(), &unsure_word(3, 4)), "徽笑");
        let long = word_as_read(page.chars(), &unsure_word(7, 20));
        assert_eq!(long, "一二三四五六七八九十甲乙…");
    }

    #[test]
    fn the_strip_of_a_lone_unsure_word_asks_for_its_reading_not_a_flip() {
        let d = unsure_word(3, 4);
        let mut decisions = crate::decision::Decisions::new(crate::decision::Record::Doubts);
        decisions.push(d);
        let mut review = Review::of(decisions);
        assert_eq!(review.doubts.len(), 1, "an unsure word is a doubt");
        let walk = DoubtWalk::default();
        let open = describe(&review, 0, &[d], Lang::En, (walk, Some("徽笑")));
        assert!(
            open.starts_with("spot 1 of 1 · unsure word “徽笑”"),
            "{open}"
        );
        assert!(open.contains("F: type its right reading"), "{open}");
        assert!(!open.contains("flip"), "{open}");
        let zh = describe(&review, 0, &[d], Lang::Zh, (walk, Some("徽笑")));
        assert!(zh.contains("存疑字词“徽笑”"), "{zh}");
        // Settled, it counts what is left: nothing.
        review.resolved[0] = Some(crate::doubt::Resolution::Edited);
        let settled = describe(&review, 0, &[d], Lang::En, (walk, Some("徽笑")));
        assert!(
            settled.ends_with("settled: edited · no spot left to check √"),
            "{settled}"
        );
    }
}
