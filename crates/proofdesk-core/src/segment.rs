//! The segmenter: from the lines of a raw page to the proposed structure.
//!
//! Paragraphs are rebuilt from column width and line endings; roles are
//! given; headline stacks are attached to their article; glued lines are
//! split; captions, banners, source notes and continuations are found.

use crate::doubt::{BlockIndex, Choice, Decision, Decisions, Evidence, Flip, Kind, Record};
use crate::layout::{
    ColumnTally, Line, PageColumn, blank_lines_from, column_width, is_byline, is_caption,
    is_title_line, is_titleish, opens_article, uses_blank_lines,
};
use crate::page::{Article, Block, RawText, Role, Span};

mod articles;
mod chunk;
mod columns;
mod flow;
mod geometry;
mod items;
mod paragraphs;

use articles::{assemble, orientation};
use chunk::{Chunk, TextCursor, plan_chunks};
use items::to_items;
use paragraphs::{Facts, Gaps, group_lines};

/// Where headline stacks sit relative to their article's body on this page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// Extraction put headlines after the body (reading order broken).
    HeadlinesAfter,
    /// Headlines precede the body, as printed.
    HeadlinesBefore,
}

/// A run of lines that forms one block-to-be.
#[derive(Clone, Debug)]
struct Unit<'a> {
    kind: UnitKind,
    /// Index of the first line in the page's lines.
    start: usize,
    /// The lines, a run of the page's lines.
    lines: &'a [Line],
    /// A short paragraph without sentence punctuation, retaken as a title.
    from_body: bool,
}

impl Unit<'_> {
    /// Whether the unit is running text that opens nothing (no dateline
    /// nor continuation marker).
    fn is_plain_body(&self) -> bool {
        self.kind
            == UnitKind::Body {
                starts: false,
                continuation: false,
            }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitKind {
    /// A paragraph. `starts` when it opens with a dateline or continuation
    /// marker; `continuation` for the latter.
    Body {
        starts: bool,
        continuation: bool,
    },
    /// A line that may be a kicker, headline, subheadline or banner.
    Title,
    Subhead,
    Byline,
    Caption,
    Source,
    PageHeader,
}

/// What the assembly step sees.
#[derive(Clone, Debug)]
enum Item {
    Body {
        block: Block,
        starts: bool,
        continuation: bool,
    },
    Stack(Vec<Block>),
    Subhead(Block),
    Byline(Block),
    /// A caption, and whether it sits right above the next line: the page
    /// image shows no text between ([`Line::over_next`]), or, in an
    /// engine's plain text, the engine read that line right after it (it
    /// reads a column's blocks top to bottom).
    Caption {
        block: Block,
        over_text: bool,
    },
    Source(Block),
    Section(Vec<Block>),
    PageHeader(Block),
}

impl Item {
    /// Moves the spans of every block by `by` chars.
    fn shift(&mut self, by: usize) {
        let blocks: &mut [Block] = match self {
            Self::Body { block, .. } => std::slice::from_mut(block),
            Self::Stack(blocks) | Self::Section(blocks) => blocks,
            Self::Subhead(b)
            | Self::Byline(b)
            | Self::Caption { block: b, .. }
            | Self::Source(b)
            | Self::PageHeader(b) => std::slice::from_mut(b),
        };
        for b in blocks {
            for s in &mut b.spans {
                s.start += by;
                s.end += by;
            }
        }
    }
}

/// The page's layout facts the segmenter inferred that the proposal's
/// readers need.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageLayout {
    /// Where headline stacks sit.
    pub orientation: Orientation,
    /// Whether the lines, as read, read on from one to the next (the
    /// extractor kept the reading order; [`crate::reading`]).
    pub read_on: crate::reading::ReadOn,
}

/// The proposal for a page: its articles, the layout facts behind them and
/// the decisions that made them.
#[derive(Clone, Debug)]
pub struct Proposal {
    /// The articles in reading order.
    pub articles: Vec<Article>,
    /// The page's layout facts.
    pub layout: PageLayout,
    /// The decisions, in raw order.
    pub decisions: Decisions,
}

/// Pages with more raw lines than this are proposed in chunks of about this
/// many lines, so that the per-line data (glyphs, offsets, features) of the
/// whole page never exists at once.
///
/// A chunk always starts at a line that opens a unit of its own (a dateline
/// or continuation marker, a caption, a byline or a source note): no rule of
/// the segmenter looks across such a line except through facts that are the
/// same on both sides, so chunked and whole-page proposals are identical (see
/// the `chunked_equals_whole` tests). The column width and the use of blank
/// lines are measured on the whole page first.
const CHUNK_LINES: usize = 65_536;

/// Proposes the corrected page: articles in reading order.
#[must_use]
pub fn propose(raw: &RawText) -> (Vec<Article>, PageLayout) {
    let p = propose_recording(raw, Record::Doubts);
    (p.articles, p.layout)
}

/// Proposes the corrected page and records its decisions as `record` asks.
#[must_use]
pub fn propose_recording(raw: &RawText, record: Record) -> Proposal {
    let mut proposal = propose_in_chunks(raw, record, CHUNK_LINES);
    if let Some(geometry) = raw.geometry() {
        recognition_decisions(geometry, raw.chars(), &mut proposal.decisions);
        proposal.decisions.sort();
    }
    proposal
}

/// Records a `recognition` decision for every word of text the engine
/// read with less than [`crate::ocr::RECOGNITION_DOUBT_BELOW`] confidence: the
/// proposal keeps the word as read, the editor may find it misread.
fn recognition_decisions(
    geometry: &crate::ocr::Geometry,
    raw: &crate::page::RawChars,
    decisions: &mut crate::decision::Decisions,
) {
    for w in geometry.lines.iter().flat_map(|l| &l.words) {
        if w.confidence >= crate::ocr::RECOGNITION_DOUBT_BELOW || w.end <= w.start {
            continue;
        }
        let text = raw.get(w.start, w.end).unwrap_or_default();
        if !text.chars().any(char::is_alphanumeric) {
            continue; // a mark: the punctuation rules judge it
        }
        let evidence = if w.confidence < crate::ocr::VERY_UNSURE_BELOW {
            Evidence::VeryUnsureWord
        } else {
            Evidence::UnsureWord
        };
        decisions.push(
            Decision::at(
                Kind::Recognition,
                w.start,
                (Choice::ReadRight, Choice::Misread),
                evidence,
            )
            .with_after(Some(w.end - 1)),
        );
    }
}

/// [`propose_recording`], with the page's lines as the rules read them and
/// the column width (see [`text_lines`]): what the learned line model
/// reads. A page read whole keeps the lines it was proposed from; a page
/// proposed in chunks, or moved by its image's geometry, is read once more.
pub(crate) fn propose_with_lines(raw: &RawText, record: Record) -> (Proposal, Vec<Line>, f32) {
    let notes = Notes::new(raw, record);
    if raw.geometry().is_none() && notes.read_whole(raw, CHUNK_LINES) {
        return propose_whole_lines(raw, notes);
    }
    let proposal = propose_recording(raw, record);
    let (lines, col) = text_lines(raw);
    (proposal, lines, col)
}

/// [`propose_recording`] with chunks of about `chunk_lines` raw lines.
fn propose_in_chunks(raw: &RawText, record: Record, chunk_lines: usize) -> Proposal {
    let notes = Notes::new(raw, record);
    if notes.read_whole(raw, chunk_lines) {
        propose_whole(raw, notes)
    } else {
        propose_chunked(raw, notes, chunk_lines)
    }
}

/// The page's lines as the text rules read them (a line glued onto a
/// dateline split in two), with the column width in cells: what the
/// learned line model reads too. Offsets are the page's.
pub(crate) fn text_lines(raw: &RawText) -> (Vec<Line>, f32) {
    let spans = raw.lines();
    let chunk = Chunk::read(
        raw.text(),
        &mut TextCursor::default(),
        spans,
        0,
        spans.len(),
    );
    let col = column_width(&chunk.lines);
    (chunk.lines, col)
}

/// The whole page at once.
fn propose_whole(raw: &RawText, notes: Notes) -> Proposal {
    propose_whole_lines(raw, notes).0
}

/// [`propose_whole`], with the lines it read and the column width.
fn propose_whole_lines(raw: &RawText, mut notes: Notes) -> (Proposal, Vec<Line>, f32) {
    let spans = raw.lines();
    let text = raw.text();
    let mut chunk = Chunk::read(text, &mut TextCursor::default(), spans, 0, spans.len());
    // Text that keeps the page's columns side by side is read column by
    // column (an image's boxes put lines in reading order below).
    let columns = notes.columns && columns::columns_read(&mut chunk.lines, &chunk.chars, spans);
    if let Some(geometry) = raw.geometry().map(crate::ocr::Geometry::upright) {
        let geometry = geometry.as_ref();
        geometry::rows_split_at_gutters(&mut chunk.lines, &chunk.chars, geometry);
        geometry::read_geometry(&mut chunk.lines, geometry);
        geometry::row_pieces_rejoined(&mut chunk.lines, geometry);
        geometry::title_halves_rejoined(&mut chunk.lines, geometry);
        geometry::title_pieces_rejoined(&mut chunk.lines, geometry);
        geometry::titles_rejoined(&mut chunk.lines, geometry);
        geometry::kickers_rejoined(&mut chunk.lines, geometry);
        geometry::stacks_before_their_text(&mut chunk.lines, geometry);
        geometry::lower_bands(&mut chunk.lines, geometry);
        geometry::lines_over_the_next(&mut chunk.lines, geometry);
    }
    let column = ColumnTally::of(&chunk.lines).measure(!notes.ocr && !columns);
    column.shift(&mut chunk.lines, 0);
    let col = column.width;
    let read_on = read_on(raw, &chunk.lines, col);
    // Text boxes a layout-order extractor wrote apart go on where their
    // text does (an image's boxes and an engine's blocks are read above).
    let moved = (notes.boxes && !columns)
        .then(|| flow::relink_boxes(&mut chunk.lines, col, notes.words()))
        .flatten();
    let boxes = moved.is_some();
    if notes.boxes && !columns {
        flow::credits_written_tail_first(&mut chunk.lines);
    }
    notes.boxes_moved = moved.is_some_and(|m| m > 0);
    // On a page read in boxes, a headline stack the reading left heading no
    // text is read again before the text with none (`flow::stacks_rehomed`).
    let again = boxes.then(|| notes.clone());
    let mut proposal = propose_read(&chunk, (&column, read_on, columns), notes, &[]);
    if let Some(notes) = again {
        let orientation = proposal.layout.orientation;
        let in_order = !notes.boxes_moved;
        let rehomed =
            flow::stacks_rehomed(&mut chunk.lines, &proposal.articles, orientation, in_order);
        if !rehomed.is_empty() {
            proposal = propose_read(&chunk, (&column, read_on, columns), notes, &rehomed);
        }
    }
    (proposal, chunk.lines, col)
}

/// The proposal of the page's lines as they are ordered now: paragraphs,
/// items, the page's orientation, articles and line-end decisions.
/// `rehomed`: the first glyph of each stack moved to head text with no
/// headline.
fn propose_read(
    chunk: &Chunk,
    (column, read_on, columns): (&PageColumn, crate::reading::ReadOn, bool),
    mut notes: Notes,
    rehomed: &[usize],
) -> Proposal {
    let col = column.width;
    let blank_lines = uses_blank_lines(&chunk.lines);
    let gaps = Gaps::of(blank_lines, notes.engine_text);
    let (units, line_ends) = group_lines(&chunk.lines, column, 0, None, (gaps, notes.words()));
    let zone = title_zone(&chunk.lines, col, true);
    let items = to_items(&chunk.chars, &units, col, blank_lines, &zone, &mut notes);
    let glued = chunk.lines.iter().any(|l| l.glued_title);
    let visual = notes.visual_order(columns);
    let orientation = page_orientation(glued, visual, &items, &mut notes.decisions);
    notes.settle_titleish(orientation);
    let articles = assemble(
        items,
        orientation,
        chunk.chars.as_slice(),
        &mut notes.decisions,
        (rehomed, &notes.inside_sentence),
    );
    let words = notes.words();
    let titles_read = notes.titles_read(read_on.order());
    let mut decisions = notes.decisions;
    decisions.reserve(chunk.lines.len());
    let owners = BlockIndex::new(&articles);
    let mut prev = None;
    record_line_ends(
        &chunk.lines,
        &line_ends,
        &zone,
        (0, words, titles_read),
        &owners,
        &mut prev,
        &mut decisions,
    );
    finish_proposal(
        articles,
        PageLayout {
            orientation,
            read_on,
        },
        decisions,
    )
}

/// Where headlines sit on the page: before their bodies on a page read in
/// `visual` order (an OCR engine reads top to bottom, and text that keeps
/// the columns side by side is read down each column: a headline is
/// printed above its text), after their bodies when a headline was glued
/// onto the next dateline, else as the page's two ends say. Recorded
/// as one decision at the page's first headline stack (none without one).
fn page_orientation(
    glued: bool,
    visual: Option<Evidence>,
    items: &[Item],
    decisions: &mut Decisions,
) -> Orientation {
    let (orientation, evidence) = if let Some(read) = visual {
        (Orientation::HeadlinesBefore, read)
    } else if glued {
        (Orientation::HeadlinesAfter, Evidence::GluedHeadline)
    } else {
        orientation(items)
    };
    let first_stack = items.iter().find_map(|it| match it {
        Item::Stack(_) => it.bounds().map(|(first, _)| first),
        _ => None,
    });
    if let Some(at) = first_stack {
        let (chosen, alternative) = match orientation {
            Orientation::HeadlinesAfter => (Choice::HeadlinesAfter, Choice::HeadlinesBefore),
            Orientation::HeadlinesBefore => (Choice::HeadlinesBefore, Choice::HeadlinesAfter),
        };
        decisions.push(Decision::at(
            Kind::Orientation,
            at,
            (chosen, alternative),
            evidence,
        ));
    }
    orientation
}

/// Whether `lines` (as read, the column `col` cells wide) read on from one
/// to the next ([`crate::reading`]); not asked of a page an image's boxes
/// put in order.
fn read_on(raw: &RawText, lines: &[Line], col: f32) -> crate::reading::ReadOn {
    if raw.geometry().is_some() {
        return crate::reading::ReadOn::default();
    }
    crate::reading::ReadOn::of(glyphs_and_widths(lines), col)
}

/// Each line's glyphs and width in cells: what [`crate::reading`] reads.
fn glyphs_and_widths(lines: &[Line]) -> impl Iterator<Item = (&[char], f32)> {
    lines.iter().map(|l| (l.glyphs.as_slice(), l.width))
}

/// The proposal, once its decisions are all recorded.
fn finish_proposal(
    articles: Vec<Article>,
    layout: PageLayout,
    mut decisions: Decisions,
) -> Proposal {
    decisions.finish();
    Proposal {
        articles,
        layout,
        decisions,
    }
}

/// The page in chunks (see [`CHUNK_LINES`]).
fn propose_chunked(raw: &RawText, mut notes: Notes, chunk_lines: usize) -> Proposal {
    let spans = raw.lines();
    let text = raw.text();
    let plan = plan_chunks(text, spans, chunk_lines);
    // As in the whole page ([`propose_whole_lines`]).
    let column = plan.column.measure(!notes.ocr);
    let col = column.width;
    let blank_lines = blank_lines_from(plan.lines, plan.with_blank);
    let mut items = Vec::new();
    let mut glued = false;
    // Per line of the page: its line-end rule and whether it is in a title
    // zone (two bytes a line), for the line-end decisions made at the end.
    let mut all_ends: Vec<Evidence> = Vec::with_capacity(plan.lines);
    let mut all_zone: Vec<bool> = Vec::with_capacity(plan.lines);
    let mut zone_may_start = true;
    let mut cursor = TextCursor::default();
    let mut position = 0;
    for (k, w) in plan.starts.windows(2).enumerate() {
        let mut chunk = Chunk::read(text, &mut cursor, spans, w[0], w[1]);
        column.shift(&mut chunk.lines, position);
        notes.sample.extend(glyphs_and_widths(&chunk.lines));
        // What the grouping needs to know of the next chunk's first line.
        let after = plan.cuts.get(k).map(|&(single, opens)| Facts {
            single,
            opens,
            colon: false,
            title: false,
            dash: false,
            odd_width: false,
        });
        let gaps = Gaps::of(blank_lines, notes.engine_text);
        let (units, line_ends) = group_lines(
            &chunk.lines,
            &column,
            position,
            after.as_ref(),
            (gaps, notes.words()),
        );
        let zone = title_zone(&chunk.lines, col, zone_may_start);
        if let (Some(last), Some(&z)) = (chunk.lines.last(), zone.last()) {
            zone_may_start = zone_starts_after(last, z);
        }
        let from = items.len();
        let recorded = notes.recorded();
        items.extend(to_items(
            &chunk.chars,
            &units,
            col,
            blank_lines,
            &zone,
            &mut notes,
        ));
        if chunk.base > 0 {
            for item in &mut items[from..] {
                item.shift(chunk.base);
            }
            notes.shift_since(recorded, chunk.base);
        }
        glued |= chunk.lines.iter().any(|l| l.glued_title);
        all_ends.extend_from_slice(&line_ends);
        all_zone.extend_from_slice(&zone);
        position += chunk.lines.len();
    }
    let visual = notes.visual_order(false);
    let orientation = page_orientation(glued, visual, &items, &mut notes.decisions);
    notes.settle_titleish(orientation);
    let articles = assemble(
        items,
        orientation,
        raw.chars(),
        &mut notes.decisions,
        (&[], &notes.inside_sentence),
    );
    let words = notes.words();
    let read_on = notes.sample.read_on(col);
    let titles_read = notes.titles_read(read_on.order());
    let mut decisions = notes.decisions;
    // The line ends, chunk by chunk, with the lines read once more.
    decisions.reserve(plan.lines);
    let owners = BlockIndex::new(&articles);
    let mut prev = None;
    let mut cursor = TextCursor::default();
    let mut position = 0;
    for w in plan.starts.windows(2) {
        let chunk = Chunk::read(text, &mut cursor, spans, w[0], w[1]);
        let n = chunk.lines.len();
        record_line_ends(
            &chunk.lines,
            all_ends.get(position..position + n).unwrap_or(&[]),
            all_zone.get(position..position + n).unwrap_or(&[]),
            (chunk.base, words, titles_read),
            &owners,
            &mut prev,
            &mut decisions,
        );
        position += n;
    }
    finish_proposal(
        articles,
        PageLayout {
            orientation,
            read_on,
        },
        decisions,
    )
}

/// What the segmenter records while it builds blocks.
#[derive(Clone)]
struct Notes {
    decisions: Decisions,
    /// Whether an OCR engine read the page (its marks may be misread).
    ocr: bool,
    /// Whether the page is an engine's plain text (no image's boxes): its
    /// blocks come in the order the engine read them off the image, top
    /// to bottom.
    engine_text: bool,
    /// The commas the image's boxes show to be full stops, as raw offsets
    /// in order ([`crate::ocr::Geometry::stops_read_as_commas`]).
    stops_boxed: Vec<usize>,
    /// The commas whose ink on the page picture is a full stop's ring
    /// ([`crate::ocr::Geometry::stops_inked`]); `None` when no picture
    /// was read.
    stops_inked: Option<Vec<usize>>,
    /// The marks the page picture shows after a line's last glyph that
    /// the engine did not read ([`crate::picture::UnreadMarks::of`]).
    unread: crate::picture::UnreadMarks,
    /// Whether the page's rows (no image's boxes) show columns side by
    /// side ([`columns::rows_side_by_side`]).
    columns: bool,
    /// Whether the page's text (no image's boxes, no engine's blocks) is
    /// written in a layout-order extractor's text boxes
    /// ([`flow::written_in_boxes`]).
    boxes: bool,
    /// Whether those boxes were written out of their text's order (some
    /// moved, [`flow::relink_boxes`]): a title box set apart there may be
    /// another article's, so it opens a stack of its own.
    boxes_moved: bool,
    /// Title-like paragraphs that read like no heading: what each may be
    /// instead of body waits for the page's orientation
    /// ([`Notes::settle_titleish`]).
    titleish: Vec<Titleish>,
    /// The first glyph of each headline stack an engine's plain text wrote
    /// inside a sentence ([`items::inside_sentence`]), as raw offsets.
    inside_sentence: Vec<usize>,
    /// A page read in chunks: its first lines, for the reading-order check
    /// ([`crate::reading::Sample`]).
    sample: crate::reading::Sample,
}

/// A title-like paragraph whose role waits for the page's orientation.
#[derive(Clone, Copy, Debug)]
struct Titleish {
    /// The raw offset of its first glyph.
    first: usize,
    /// The raw offset of its last glyph.
    last: usize,
    /// Whether its first line fills the column without an indent
    /// (`full_first_line_paragraph`).
    full_first: bool,
}

/// The role decision of a block over `spans`.
fn role_decision(
    spans: &[Span],
    role: Role,
    alternative: Role,
    evidence: Evidence,
) -> Option<Decision> {
    let (first, last) = (spans.first()?, spans.last()?);
    Some(
        Decision::at(
            Kind::Role,
            first.start,
            (Choice::Role(role), Choice::Role(alternative)),
            evidence,
        )
        .with_after(last.end.checked_sub(1)),
    )
}

impl Notes {
    /// How much has been recorded so far: decisions, title-like
    /// paragraphs, stacks inside sentences.
    fn recorded(&self) -> (usize, usize, usize) {
        (
            self.decisions.list.len(),
            self.titleish.len(),
            self.inside_sentence.len(),
        )
    }

    /// Shifts by `base` the offsets of what was recorded since `recorded`
    /// (a chunk's, read from its own first glyph).
    fn shift_since(&mut self, (decided, titleish, inside): (usize, usize, usize), base: usize) {
        for d in &mut self.decisions.list[decided..] {
            d.shift(base);
        }
        for t in &mut self.titleish[titleish..] {
            t.first += base;
            t.last += base;
        }
        for at in &mut self.inside_sentence[inside..] {
            *at += base;
        }
    }

    /// Nothing recorded yet on `raw`, decisions kept as `record` says.
    fn new(raw: &RawText, record: Record) -> Self {
        let ocr = raw.read_by_engine();
        Self {
            decisions: Decisions::new(record),
            ocr,
            engine_text: ocr && raw.geometry().is_none(),
            // Where a mark sits in its glyph's box tells a stop from a
            // comma only on a page set across.
            stops_boxed: raw
                .geometry()
                .filter(|g| !g.is_vertical())
                .map_or_else(Vec::new, |g| {
                    g.stops_read_as_commas(|o| crate::page::CharSource::char_at(raw.chars(), o))
                }),
            stops_inked: raw.geometry().and_then(|g| g.stops_inked.clone()),
            unread: raw
                .geometry()
                .map(crate::picture::UnreadMarks::of)
                .unwrap_or_default(),
            columns: raw.geometry().is_none() && columns::rows_side_by_side(raw.text()),
            boxes: !ocr && raw.geometry().is_none() && flow::written_in_boxes(raw.text()),
            boxes_moved: false,
            titleish: Vec::new(),
            inside_sentence: Vec::new(),
            sample: crate::reading::Sample::default(),
        }
    }

    /// Whether a title line's break before a line too wide to be its rest
    /// is sure ([`Evidence::TitleStandsApart`]): on extracted text whose
    /// lines come in reading `order`, not in text boxes (on the
    /// layout-order devpages 4 of 13 such breaks were wrong; an OCR page's
    /// were never measured).
    fn titles_read(&self, order: crate::reading::ReadingOrder) -> bool {
        !self.boxes && !self.ocr && order.is_in_order()
    }

    /// Whether a word read across a line end
    /// ([`crate::lexicon::word_across`]) counts as evidence that the text
    /// goes on: not on a page an engine read, which drops full stops
    /// (`…重点之一` / `下一步…` reads `一下` across a sentence's end).
    fn words(&self) -> bool {
        !self.ocr
    }

    /// Whether the page is proposed whole rather than in chunks of about
    /// `chunk_lines` raw lines: a short page; a page with an image's
    /// geometry, which moves lines across the page (OCR pages are small);
    /// a page of columns side by side, whose rows far apart are read
    /// together; a page written in text boxes, whose boxes far apart may
    /// be one text ([`flow`]).
    fn read_whole(&self, raw: &RawText, chunk_lines: usize) -> bool {
        raw.lines().len() <= chunk_lines || raw.geometry().is_some() || self.columns || self.boxes
    }

    /// What the page was read in visual order from, if it was (headlines
    /// then come before their text): an OCR engine's reading, or its
    /// columns side by side read down (`columns_read`: they were).
    fn visual_order(&self, columns_read: bool) -> Option<Evidence> {
        if self.ocr {
            Some(Evidence::VisualOrder)
        } else {
            columns_read.then_some(Evidence::ColumnsSideBySide)
        }
    }

    /// Builds a block with `role`, recording its role decision (`alternative`
    /// competing, on `evidence`) and its space decisions.
    fn block(
        &mut self,
        chars: &[char],
        lines: &[Line],
        role: Role,
        alternative: Role,
        evidence: Evidence,
    ) -> Block {
        let block = self.block_text(chars, lines, role);
        if let Some(d) = role_decision(&block.spans, role, alternative, evidence) {
            self.decisions.push(d);
        }
        block
    }

    /// A body paragraph that may be a title set among running text and
    /// reads like no heading; its role decision waits for the orientation.
    fn titleish_paragraph(&mut self, chars: &[char], lines: &[Line], full_first: bool) -> Block {
        let block = self.block_text(chars, lines, Role::Body);
        if let (Some(first), Some(last)) = (block.spans.first(), block.spans.last()) {
            self.titleish.push(Titleish {
                first: first.start,
                last: last.end.saturating_sub(1),
                full_first,
            });
        }
        block
    }

    /// Builds a block's text, recording its space and mark decisions.
    fn block_text(&mut self, chars: &[char], lines: &[Line], role: Role) -> Block {
        let by = if self.ocr {
            crate::normalize::ReadBy::Engine {
                stops_boxed: &self.stops_boxed,
                stops_inked: self.stops_inked.as_deref(),
                unread: &self.unread,
            }
        } else {
            crate::normalize::ReadBy::Extractor
        };
        let built =
            crate::normalize::block_text_read(chars, lines, role, self.decisions.record, by);
        self.decisions.made[Kind::Space.index()] += built.spaces_decided;
        self.decisions.list.extend(built.spaces);
        self.decisions.made[Kind::Punctuation.index()] += built.marks_decided;
        self.decisions.list.extend(built.marks);
        Block {
            role,
            text: built.text,
            spans: crate::page::merge_spans(chars, lines.iter().map(Line::span)),
            edited: false,
        }
    }

    /// Records the role decisions of the title-like paragraphs, now that
    /// the page's orientation is known: where headlines follow their
    /// bodies, such a paragraph may be the headline of the article before
    /// it (and taking that choice moves it to that article's stack);
    /// elsewhere it may be a heading.
    fn settle_titleish(&mut self, orientation: Orientation) {
        for Titleish {
            first,
            last,
            full_first,
        } in std::mem::take(&mut self.titleish)
        {
            let span = [Span {
                start: first,
                end: last + 1,
            }];
            let d = if orientation == Orientation::HeadlinesAfter {
                role_decision(
                    &span,
                    Role::Body,
                    Role::Headline,
                    if full_first {
                        Evidence::FullFirstLineParagraph
                    } else {
                        Evidence::HeadlineAfterBody
                    },
                )
                .map(|d| d.with_flip(Flip::TitleOfArticleBefore))
            } else {
                role_decision(
                    &span,
                    Role::Body,
                    Role::Subhead,
                    if full_first {
                        Evidence::FullFirstLineParagraph
                    } else {
                        Evidence::TitleishParagraph
                    },
                )
            };
            if let Some(d) = d {
                self.decisions.push(d);
            }
        }
    }
}

/// Records a decision for every line end (and glued-line split) from the
/// final blocks: the lines join when their glyphs share a block. The rule
/// is the one the grouping applied, unless a later step overruled it.
/// `base` is the lines' offset in the page; `words` whether a word read
/// across a line end names the join ([`Notes::words`]); `titles_read`
/// whether a title line set apart from a line too wide to be its rest is
/// sure there ([`Notes::titles_read`]).
fn record_line_ends(
    lines: &[Line],
    ends: &[Evidence],
    zone: &[bool],
    (base, words, titles_read): (usize, bool, bool),
    owners: &BlockIndex,
    prev: &mut Option<PrevLine>,
    decisions: &mut Decisions,
) {
    let mut cursor = 0;
    for (i, line) in lines.iter().enumerate() {
        let (Some(&first), Some(&last)) = (line.offsets.first(), line.offsets.last()) else {
            continue;
        };
        let (first, last) = (first + base, last + base);
        let opens = opens_article(line).is_some();
        let here = PrevLine {
            end: ends.get(i).copied().unwrap_or(Evidence::StandsAlone),
            zone: zone.get(i).copied().unwrap_or(false),
            credit: is_caption(line) && crate::layout::ends_on_photo_credit(&line.glyphs),
            dateline: opens,
            width: line.width,
            last,
            tail: tail_of(&line.glyphs),
        };
        if let Some(p) = prev.replace(here) {
            let before = p.last;
            let joined = owners
                .locate_from(&mut cursor, before)
                .is_some_and(|b| Some(b) == owners.locate_from(&mut cursor, first));
            let ruled = p.end;
            let mut evidence = match (joined, ends_join(ruled)) {
                (true, true) | (false, false) => ruled,
                (true, false)
                    if words && crate::lexicon::word_across(&p.tail, &line.glyphs).is_some() =>
                {
                    Evidence::WordReadsOn
                }
                (true, false) => Evidence::TitleWrap,
                (false, true) => Evidence::StandsAlone,
            };
            // Near a line that may be a title, the rules that judge a line
            // end by its width or the next line's start are often wrong
            // (9-22% on devpages); those that read its last glyph (a short
            // sentence end, a mid-sentence stop, an open bracket) or a
            // wrap inside one text box are not (under 1%), and keep their
            // own name and confidence.
            let titleish = (p.zone || here.zone) && !reads_line_end(evidence);
            // Three readings stay sure there (none wrong on devpages nor on
            // the held-out synthetic pages): a break before a line that
            // opens an article or stands alone (a dateline, a continuation
            // marker, a byline, a photo caption), also where a title was
            // simply set apart (`stands_alone`); a break after a caption's
            // credit (`… 摄`), which ends the caption; and the end of a line
            // that opens with a dateline, which is running text. A fourth
            // is sure on devpages, not always on the synthetic pages: a
            // title's break before a line too wide to be its wrapped rest
            // ([`apart_from_title`], `docs/doubts.md`).
            let next_alone = opens || is_byline(line) || is_caption(line);
            if !joined && next_alone && (titleish || evidence == Evidence::StandsAlone) {
                evidence = Evidence::NextStandsAlone;
            } else if titleish {
                evidence = if !joined && p.credit {
                    Evidence::CreditEndsCaption
                } else if p.dateline {
                    Evidence::DatelineLine
                } else if titles_read
                    && evidence == Evidence::StandsAlone
                    && p.zone
                    && apart_from_title(p.width, line.width)
                {
                    Evidence::TitleStandsApart
                } else {
                    Evidence::TitleishLines
                };
            }
            decisions.push(Decision::between(
                Kind::LineEnd,
                (before, first),
                (Choice::Join, Choice::Break),
                joined,
                evidence,
            ));
        }
    }
}

/// Whether a line-end rule stays reliable next to a line that may be a
/// title (see `record_line_ends`).
fn reads_line_end(e: Evidence) -> bool {
    matches!(
        e,
        Evidence::OtherSize
            | Evidence::LowerBand
            | Evidence::BoxApart
            | Evidence::BoxWordReadsOn
            | Evidence::BoxRunsOn
            | Evidence::GapAfterSentence
            | Evidence::PhotoNoteEndsTitle
            | Evidence::NextStandsAlone
            | Evidence::HeadingNext
            | Evidence::MidSentence
            | Evidence::OpenBracket
            | Evidence::ShortLine
            | Evidence::NearlyFullLine
            | Evidence::TitleWrap
            | Evidence::WordReadsOn
            | Evidence::TitleNext
            | Evidence::KeptIndent
            | Evidence::DescriptionOverCredit
            | Evidence::CreditRunsOver
    )
}

/// Whether a line `next` cells wide, after a title line `title` cells
/// wide, is no rest of that title wrapped onto it: wider than a wrapped
/// title's rest ([`crate::layout::Cuts::title_rest`]) and no wider than the
/// title line. A wider line may be the rest of a title broken short by
/// hand (`城东新区` / `建起第一座公共图书馆`, as the synthetic pages break
/// titles anywhere), so that break stays a doubt.
fn apart_from_title(title: f32, next: f32) -> bool {
    let cuts = crate::layout::CUTS;
    next > cuts.title_rest + cuts.slack && next <= title + cuts.slack
}

/// The line before the next line end: the rule that decided its end,
/// whether it is in a title zone, and its last glyph (page offset).
#[derive(Clone, Copy, Debug)]
struct PrevLine {
    end: Evidence,
    zone: bool,
    /// A caption's credit (`本报记者 某某 摄`), which ends its caption.
    credit: bool,
    /// Opens with a dateline or continuation marker.
    dateline: bool,
    /// Its width in column cells.
    width: f32,
    last: usize,
    /// Its last glyphs, after blanks where it has fewer: what a word across
    /// its end would start with ([`crate::lexicon::word_across`]).
    tail: [char; TAIL],
}

/// Glyphs kept of a line's end: as many as [`crate::lexicon::word_across`]
/// reads.
const TAIL: usize = 4;

/// The last [`TAIL`] glyphs of a line, after blanks where it has fewer.
fn tail_of(glyphs: &[char]) -> [char; TAIL] {
    let mut tail = [' '; TAIL];
    let n = glyphs.len().min(TAIL);
    tail[TAIL - n..].copy_from_slice(&glyphs[glyphs.len() - n..]);
    tail
}

/// Marks the lines that may be titles set among running text: lines
/// without sentence punctuation that begin after a sentence end (or a
/// closing bracket, a line that stands alone, the page's start), and the
/// lines of the same kind that follow them. Decisions next to these lines
/// are where the proposal most often errs.
///
/// `may_start` tells whether a zone may begin at the first line (true at
/// the page's start; for a later chunk, what its previous line allows).
fn title_zone(lines: &[Line], col: f32, may_start: bool) -> Vec<bool> {
    let mut zone = vec![false; lines.len()];
    for i in 0..lines.len() {
        if !is_titleish(&lines[i]) && !is_title_line(&lines[i], col) {
            continue;
        }
        zone[i] = match i.checked_sub(1) {
            None => may_start,
            Some(p) => zone_starts_after(&lines[p], zone[p]),
        };
    }
    zone
}

/// Whether a title zone may begin right after `prev` (in a zone or not).
fn zone_starts_after(prev: &Line, in_zone: bool) -> bool {
    in_zone || prev.ends_terminal() || matches!(prev.glyphs.last(), Some('）' | ')'))
}

/// Whether a line stops after a comma or an enumeration mark, where text
/// does not break.
fn ends_mid_clause(line: &Line) -> bool {
    line.glyphs
        .last()
        .is_some_and(|&c| crate::chars::is_pause(c))
}

/// Whether a line-end rule joins the lines.
fn ends_join(e: Evidence) -> bool {
    matches!(
        e,
        Evidence::MidSentence
            | Evidence::OpenBracket
            | Evidence::SentenceEndAtFullLine
            | Evidence::SentenceEndBeforeOtherSetting
            | Evidence::ShortFirstLine
            | Evidence::FullFirstLine
            | Evidence::TitleWrap
            | Evidence::WordReadsOn
            | Evidence::BoxWordReadsOn
            | Evidence::BoxRunsOn
            | Evidence::DescriptionOverCredit
            | Evidence::CreditRunsOver
    )
}

#[cfg(test)]
mod tests {
    use super::{Orientation, PageLayout, Proposal, propose, propose_in_chunks};
    use crate::decode::{Encoding, LineEnding};
    use crate::doubt::{Decision, Decisions, Record};
    use crate::page::{Article, ArticleKind, RawText, Role};
    use proptest::strategy::Strategy as _;

    /// Lines of a page with a blank line after each, as the seed's extractor writes.
    fn page(lines: &[&str]) -> (Vec<Article>, Orientation) {
        let text = lines.join("\n\n");
        let raw = RawText::new("t.txt", &text, Encoding::Utf8, LineEnding::Lf);
        let (articles, layout) = propose(&raw);
        (articles, layout.orientation)
    }

    /// The shape of the proposal for a page of `text`.
    fn text_shape(text: &str) -> Vec<Vec<(Role, String)>> {
        let raw = RawText::new("t.txt", text, Encoding::Utf8, LineEnding::Lf);
        shape(&propose(&raw).0)
    }

    fn shape(articles: &[Article]) -> Vec<Vec<(Role, String)>> {
        articles
            .iter()
            .map(|a| a.blocks.iter().map(|b| (b.role, b.text.clone())).collect())
            .collect()
    }

    /// The texts of a page's blocks with `role`, in reading order.
    fn texts_with(s: &[Vec<(Role, String)>], role: Role) -> Vec<&str> {
        s.iter()
            .flatten()
            .filter(|(r, _)| *r == role)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    /// The shape of a page of `parts`, then a last headline (which the
    /// page's end needs to read as headlines after their bodies).
    fn before_last_title(parts: &[Vec<&str>]) -> Vec<Vec<(Role, String)>> {
        let mut lines = parts.concat();
        lines.push("淇滨区开展社保服务进万家活动");
        shape(&page(&lines).0)
    }

    /// The shape of a page where `titles` stand between two bodies, then
    /// a last headline.
    fn between_bodies(titles: &[&str]) -> Vec<Vec<(Role, String)>> {
        before_last_title(&[PLAIN_16.to_vec(), titles.to_vec(), BODY_16.to_vec()])
    }

    const BODY_A: [&str; 4] = [
        "为 深 入 打 好 污 染 防 治 攻 坚 战 ，坚 持",
        "精 准 、科 学 、依 法 治 污 ，以 最 严 格 的 法 治",
        "保护生态环境，形成有效震慑，引导企业",
        "自主守法。",
    ];

    #[test]
    fn a_paragraph_first_line_without_punctuation_reads_on_and_is_no_title() {
        // The second paragraph's first line is indented and holds no
        // punctuation, and so is its next line, which fills the column:
        // both are running text, not a headline stack cutting the body.
        let mut lines = BODY_16.to_vec();
        lines.extend([
            "大家来到三楼展览厅的巨幅沙盘",
            "前认真观察才终于弄懂园区的整体规",
            "划。",
            "鹤山区举办文明志愿者培训",
        ]);
        let s = headlines_after_shape(&lines);
        assert_eq!(s.len(), 1, "one article: {s:?}");
        assert_eq!(s[0][0].0, Role::Headline, "{s:?}");
        assert_eq!(
            s[0].last(),
            Some(&(
                Role::Body,
                "大家来到三楼展览厅的巨幅沙盘前认真观察才终于弄懂园区的整体规划。".to_owned()
            )),
            "{s:?}"
        );
    }

    #[test]
    fn a_short_title_line_of_ideographs_before_another_title_line_ends_there() {
        // A kicker after a body's end, then its headline in two lines: the
        // kicker stops mid-phrase but is a title line of its own (no
        // marks, ending and followed by ideographs), not a paragraph's
        // first line running on into the headline.
        let mut lines = BODY_16.to_vec();
        lines.extend([
            "事情影响是相当深远的",
            "本市学者揭示湿地植物的作",
            "用新机制",
        ]);
        lines.extend(DATED_WANG);
        lines.push("市交通运输行业党建培训基地揭牌");
        let s = shape(&page(&lines).0);
        let blocks: Vec<&(Role, String)> = s.iter().flatten().collect();
        let kicker = blocks.iter().find(|(_, t)| t.starts_with("事情影响"));
        assert!(
            kicker.is_some_and(|(r, t)| r.is_title() && t == "事情影响是相当深远的"),
            "{s:?}"
        );
        let headline = blocks.iter().find(|(_, t)| t.starts_with("本市学者"));
        assert!(headline.is_some_and(|(r, _)| r.is_title()), "{s:?}");
    }

    /// Justified body lines of 16 cells: the column.
    const BODY_16: [&str; 5] = [
        "本 报 讯 今 年 以 来 ， 全 市 各 级 各 部 门 认",
        "真 落 实 各 项 工 作 部 署 ， 取 得 了 明 显 成",
        "效 ， 群 众 满 意 度 不 断 提 高 ， 社 会 各 界",
        "普 遍 好 评 ， 为 全 年 工 作 打 下 了 坚 实 基",
        "础。",
    ];

    /// Devpage 016's case, in invented text: a numbered headline (`二、…`)
    /// printed after its body, whose last line was glued onto the first
    /// line of the next article's body. It is that article's headline
    /// before it, not a heading inside one text.
    #[test]
    fn a_numbered_title_glued_onto_the_next_text_heads_the_article_before_it() {
        assert_numbered_glued_title_heads_the_article_before("水平提升 排队的市民们纷纷投来赞许的");
    }

    /// The same title glued onto the next text's first line told by its
    /// letter spacing (`glued_by_spacing`), not by the line before it.
    #[test]
    fn a_numbered_title_glued_onto_a_letter_spaced_line_heads_the_article_before_it() {
        assert_numbered_glued_title_heads_the_article_before(
            "水平提升 排 队 的 市 民 们 纷 纷 投 来 赞 许 的",
        );
    }

    /// A page whose first article's numbered headline (`二、…`), printed
    /// after its body, ends on `glued` with the next article's first text.
    fn assert_numbered_glued_title_heads_the_article_before(glued: &str) {
        let lines = [
            "本报讯（记者 林岚）今年以来，全市",
            "新 建 改 建 供 水 管 网 一 百 二 十 多 公",
            "里，老城区居民家中的水压明显提高，",
            "不少高层住户第一次用上了稳定的热",
            "水。市水务局负责人介绍，明年还将",
            "继 续 推 进 二 次 供 水 设 施 改 造 工 作 。",
            "二、城乡供水设施建设和维护",
            glued,
            "目光，这样周到的服务还是头一回见",
            "到。",
            "在 新 开 的 便 民 服 务 中 心 ， 办 事 窗",
            "口从原来的十二个增加到二十个，群",
            "众办理业务的平均等候时间缩短了一",
            "半 多 。 工 作 人 员 说 ， 下 一 步 将 推 出",
            "更多网上办理的服务项目。",
            "便民服务中心窗口增至二十个",
        ];
        let (articles, _) = page(&lines);
        let s = shape(&articles);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert_eq!(
            s[0][0],
            (
                Role::Headline,
                "二、城乡供水设施建设和维护水平提升".to_owned()
            ),
            "{s:#?}"
        );
        assert!(s[0][1].1.starts_with("本报讯"), "{s:#?}");
        assert!(
            s[1].iter().any(|(_, t)| t.starts_with("排队的市民们")),
            "the glued line's text opens the next article: {s:#?}"
        );
        assert!(
            s.iter().flatten().all(|(r, _)| *r != Role::Subhead),
            "{s:#?}"
        );
    }

    #[test]
    fn unspaced_lines_at_a_paragraphs_widths_before_a_spaced_full_line_are_running_text() {
        // A paragraph whose first two lines fit the column exactly (no
        // letter spacing, no marks: title-like), the first two cells short
        // as a first line is, the third letter-spaced to the column's edge:
        // one paragraph, not a two-line headline opening an article.
        let lines = [
            "北湖新区开通夜间公交",
            "市公交集团昨天宣布，从下月起开",
            "通两条夜间线路，方便晚归的市民",
            "乘 车 。 两 条 线 路 都 会 经 过 火 车 站",
            "和几家大型医院，末班车将延后到",
            "凌晨一点。",
            "据悉，新线路试运行期间票价",
            "减半，市民可以刷卡或扫码乘车，",
            "集团还将根据客流调整发车间隔。",
            "区交通局副局长周川和北湖新",
            "区管委会主任签订了两份公交合作",
            "协 议 书 ， 明 确 了 双 方 的 责 任 分 工",
            "和今后三年的具体时间表。",
            "南山路口新增两处过街天桥",
            "本报讯（记者 田禾）南山路口的两",
            "处过街天桥昨天建成，附近学校的",
            "学生上下学更加安全。",
        ];
        let (articles, orientation) = page(&lines);
        assert_eq!(orientation, Orientation::HeadlinesBefore);
        let s = shape(&articles);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert_eq!(
            texts_with(&s[..1], Role::Headline),
            ["北湖新区开通夜间公交"],
            "{s:#?}"
        );
        assert!(
            s[0].contains(&(
                Role::Body,
                "区交通局副局长周川和北湖新区管委会主任签订了两份公交合作协议书，明确了双方的责任分工和今后三年的具体时间表。".to_owned()
            )),
            "{s:#?}"
        );
    }

    #[test]
    fn a_run_of_title_like_lines_that_reads_into_running_text_is_running_text() {
        // A paragraph whose first three lines hold no sentence's end and
        // fill the column (the first with its marks squeezed): the third
        // reads on into a full line of running text, so the second reads on
        // into it, and the first into the second. No headline among them.
        let lines = [
            "读者凭身份证就能办理借阅证，",
            "新馆共有阅览座位八百个，其中",
            "少儿区设在一楼东侧，周末也照",
            "常开放。",
            "去年的《春耕》、《山村纪事》",
            "和今年的《渔歌》等展览的成功",
            "与《江畔》在校园、社区近来受",
            "到的欢迎，可见读者对它们的喜",
            "爱。",
            "市图书馆新馆开放",
            "河 东 社 区 新 建 的 健 身 广",
            "场昨天投入使用，附近居民晚饭",
            "后都来这里散步、跳舞和下棋，",
            "热闹非凡。",
            "河东社区健身广场启用",
        ];
        let s = headlines_after_shape(&lines);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert_eq!(
            texts_with(&s, Role::Headline),
            ["市图书馆新馆开放", "河东社区健身广场启用"],
            "{s:#?}"
        );
        assert!(
            s[0].contains(&(
                Role::Body,
                "去年的《春耕》、《山村纪事》和今年的《渔歌》等展览的成功与《江畔》在校园、社区近来受到的欢迎，可见读者对它们的喜爱。".to_owned()
            )),
            "{s:#?}"
        );
    }

    #[test]
    fn a_title_like_line_whose_bracket_the_next_line_closes_is_running_text() {
        // Without letter spacing to tell it, a paragraph's first line
        // after a headline stack, holding no sentence's end, looks like a
        // subheadline: but it leaves a bracket open that the next line,
        // running text, closes.
        let lines = [
            "城南新建的体育馆今天正式开放，",
            "市民可以免费使用其中的游泳池和",
            "篮球场。",
            "城南体育馆开放",
            "本周天气预报（3月2日",
            "8时至3月9日8时）城区以晴为",
            "主，最高气温十五度左右。",
            "本周天气以晴为主",
        ];
        let s = headlines_after_shape(&lines);
        assert_eq!(
            texts_with(&s, Role::Headline),
            ["城南体育馆开放", "本周天气以晴为主"],
            "{s:#?}"
        );
        assert!(texts_with(&s, Role::Subheadline).is_empty(), "{s:#?}");
        assert!(
            s[1].contains(&(
                Role::Body,
                "本周天气预报（3月2日8时至3月9日8时）城区以晴为主，最高气温十五度左右。".to_owned()
            )),
            "{s:#?}"
        );
    }

    #[test]
    fn a_title_like_line_before_a_line_that_figures_fill_is_running_text() {
        // Without letter spacing, a paragraph's first line holding no mark
        // looks like a title; the line after it is short of the column by
        // its glyphs, but its figures are set a quarter em apart from the
        // ideographs beside them: a full line as printed, read on into.
        let mut lines = BODY_16.to_vec();
        lines.extend([
            "城东阳光物业服务有限责任公司",
            "从2003年5月起接管了阳光花园小",
            "区的物业，如今已有二十多年了，居",
            "民们对它的服务十分满意。",
            "阳光小区物业服务获好评",
        ]);
        let s = headlines_after_shape(&lines);
        assert_eq!(s.len(), 1, "one article: {s:#?}");
        assert_eq!(
            texts_with(&s, Role::Headline),
            ["阳光小区物业服务获好评"],
            "{s:#?}"
        );
        assert_eq!(
            s[0].last(),
            Some(&(
                Role::Body,
                "城东阳光物业服务有限责任公司从2003年5月起接管了阳光花园小区的物业，如今已有二十多年了，居民们对它的服务十分满意。"
                    .to_owned()
            )),
            "{s:#?}"
        );
    }

    #[test]
    fn a_numbered_heading_does_not_read_on_into_a_paragraph_that_reads_on() {
        // A numbered heading inside the article, then a paragraph whose
        // first line fills the column without an indent and holds no
        // sentence's end: that line reads on into the next, but the
        // heading stays a heading of its own.
        let mut lines = BODY_16.to_vec();
        lines.extend([
            "二、服务中心扩建工程完工",
            "扩建以后的中心大厅宽敞明亮，窗口",
            "也从原来的八个增加到十六个，群众",
            "办事再也不用排长队了。",
            "社区服务中心扩建完工",
        ]);
        let s = headlines_after_shape(&lines);
        assert!(
            s.iter()
                .flatten()
                .any(|(r, t)| *r != Role::Body && t == "二、服务中心扩建工程完工"),
            "{s:#?}"
        );
        assert!(
            s.iter().flatten().any(|(r, t)| *r == Role::Body
                && t == "扩建以后的中心大厅宽敞明亮，窗口也从原来的八个增加到十六个，群众办事再也不用排长队了。"),
            "{s:#?}"
        );
    }

    #[test]
    fn a_headline_wider_than_the_column_may_hold_a_comma() {
        let mut lines = BODY_16.to_vec();
        lines.extend(["只要大家齐心协力，就没有什么办不成的事情"]);
        lines.extend(DATED_WANG);
        lines.extend(["市交通运输行业党建培训基地揭牌"]);
        let (articles, _) = page(&lines);
        let s = shape(&articles);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(
            s[0][0],
            (
                Role::Headline,
                "只要大家齐心协力，就没有什么办不成的事情".to_owned()
            ),
            "the stack after the first body closes it: {s:?}"
        );
    }

    #[test]
    fn a_headline_too_wide_for_the_column_ends_the_sentence_before_it() {
        // A body whose last line fills the column and ends a sentence,
        // then its headline over several columns (wider than any line of
        // running text), then the next article's text, opening with an
        // indented line and no dateline: the headline stands apart, on
        // both sides, and closes the body before it.
        let lines = [
            "今年以来全市各级各部门认真落实各",
            "项工作部署，取得了明显成效，群众",
            "满意度不断提高，社会各界普遍好评",
            "各项指标稳步提升，发展势头良好。",
            "只要大家齐心协力，就没有什么办不成的事情",
            "市图书馆新馆昨天正式对外开放，",
            "馆内藏书三十多万册，阅览座位一千",
            "多个，每天可以接待读者五千人次。",
            "开馆当天就有两千多名市民前来借阅",
            "图书。",
            "市图书馆新馆开放",
        ];
        let (articles, orientation) = page(&lines);
        assert_eq!(orientation, Orientation::HeadlinesAfter);
        let s = shape(&articles);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert_eq!(
            s[0][0],
            (
                Role::Headline,
                "只要大家齐心协力，就没有什么办不成的事情".to_owned()
            ),
            "{s:#?}"
        );
        assert!(
            s[0][1].1.ends_with("发展势头良好。") && s[1][1].1.starts_with("市图书馆新馆昨天"),
            "{s:#?}"
        );
    }

    #[test]
    fn a_justified_line_with_figures_is_measured_with_their_gaps() {
        // devpages 011: a line like `但 到 6 月 2 日 工 程 竣 工 时` opens a paragraph after a
        // full line that ends a sentence. Here the glyphs of such a line
        // fill 12 cells of a 16-cell column, a short line; set with the
        // quarter-em gaps beside its figures it fills 13.25, an indented
        // first line.
        let lines = [
            "全 市 各 级 各 部 门 认 真 落 实 工 作 部",
            "署 ， 取 得 了 明 显 成 效 ， 群 众 满 意 度 不",
            "断 提 高 ， 社 会 各 界 普 遍 好 评 如 潮 了 。",
            "1 9 9 8 年 6 月 2 日 ， 工 程 竣 工 前",
            "的 三 个 月 里 ， 他 们 每 天 都 要 加 班 到 深",
            "夜 才 走 。",
        ];
        let s = text_shape(&lines.join("\n"));
        assert_eq!(
            texts_with(&s, Role::Body),
            [
                "全市各级各部门认真落实工作部署，取得了明显成效，群众满意度不断提高，社会各界普遍好评如潮了。",
                "1998年6月2日，工程竣工前的三个月里，他们每天都要加班到深夜才走。",
            ],
            "{s:?}"
        );
    }

    /// Running text of a 16-cell column without dateline: an indented first
    /// line, full lines, a short last line.
    const PLAIN_16: [&str; 5] = [
        "全 市 各 级 各 部 门 认 真 落 实 工 作 部",
        "署 ， 取 得 了 明 显 成 效 ， 群 众 满 意 度 不",
        "断 提 高 ， 社 会 各 界 普 遍 好 评 ， 为 全 年",
        "工 作 打 下 了 坚 实 基 础 ， 各 项 指 标 稳 步",
        "提高。",
    ];

    /// The shape of a page read as headlines after their bodies.
    fn headlines_after_shape(lines: &[&str]) -> Vec<Vec<(Role, String)>> {
        let (articles, orientation) = page(lines);
        assert_eq!(orientation, Orientation::HeadlinesAfter);
        shape(&articles)
    }

    /// A dated paragraph (the reporter named in its dateline).
    const DATED_LI: [&str; 3] = [
        "本 报 讯 （记 者 李 拥 军）11 月 20 日 下",
        "午 ， 鹤 山 区 委 社 工 部 、 共 青 团 鹤 山 区",
        "委联合举办培训会。",
    ];
    const DATED_WANG: [&str; 3] = [
        "本 报 讯 （记 者 王 凤 侠）11 月 20 日 下",
        DATED_LI[1],
        DATED_LI[2],
    ];

    fn assert_first_stack_keeps_its_byline(s: &[Vec<(Role, String)>]) {
        assert_eq!(
            s[0][..2],
            [
                (Role::Headline, "鹤山区举办文明志愿者培训".to_owned()),
                (Role::Byline, "□本报记者 王凤侠".to_owned())
            ],
            "{s:?}"
        );
    }

    #[test]
    fn a_page_whose_bylines_precede_datelines_keeps_every_byline_with_its_stack() {
        // The second stack's byline stands before a dateline: bylines are
        // drawn with their stacks on this page, so the first one, before a
        // paragraph without dateline, closes the first article too.
        let mut lines = PLAIN_16.to_vec();
        lines.extend(["鹤山区举办文明志愿者培训", "□ 本报记者 王凤侠"]);
        lines.extend(PLAIN_16);
        lines.extend(["市交通运输行业党建培训基地揭牌", "□ 本报记者 李拥军"]);
        lines.extend(BODY_16);
        lines.push("淇滨区开展社保服务进万家活动");
        let s = headlines_after_shape(&lines);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_first_stack_keeps_its_byline(&s);
        assert_eq!(
            s[1][1],
            (Role::Byline, "□本报记者 李拥军".to_owned()),
            "{s:?}"
        );
        assert_eq!(s[1][2].0, Role::Body, "{s:?}");
    }

    #[test]
    fn a_stack_right_after_a_complete_article_heads_what_follows() {
        // Body first, then its stack and byline; then an article drawn head
        // first: its stack, then its dated body; the page closes body first.
        let mut lines = PLAIN_16.to_vec();
        lines.extend(["鹤山区举办文明志愿者培训", "□ 本报记者 王凤侠"]);
        lines.push("市交通运输行业党建培训基地揭牌");
        lines.extend(BODY_16);
        lines.extend(PLAIN_16);
        lines.push("淇滨区开展社保服务进万家活动");
        let s = headlines_after_shape(&lines);
        // A byline before another stack goes with the stack before it.
        assert_first_stack_keeps_its_byline(&s);
        assert_eq!(
            s[1][0],
            (Role::Headline, "市交通运输行业党建培训基地揭牌".to_owned()),
            "{s:?}"
        );
        assert!(
            s[1][1].1.starts_with("本报讯"),
            "it heads the dated body: {s:?}"
        );
    }

    #[test]
    fn four_titles_in_a_row_are_two_stacks() {
        // devpages 028: an article's kicker and headline after its body,
        // then the next article's headline and subheadline before its
        // dated body (drawn head first among body-first ones).
        let mut lines = PLAIN_16.to_vec();
        lines.extend(["三百多名退休教师", "志愿者从城乡各地赶到市文化广场"]);
        lines.extend(["修起一米宽的步道", "是全市游客往来最集中的观光线路"]);
        lines.extend(BODY_16);
        lines.extend(PLAIN_16);
        lines.push("淇滨区开展社保服务进万家活动");
        let s = headlines_after_shape(&lines);
        let titles = |a: &[(Role, String)]| -> Vec<String> {
            a.iter()
                .filter(|(r, _)| r.is_title())
                .map(|(_, t)| t.clone())
                .collect()
        };
        assert_eq!(
            titles(&s[0]),
            ["三百多名退休教师", "志愿者从城乡各地赶到市文化广场"],
            "{s:?}"
        );
        assert_eq!(
            titles(&s[1]),
            ["修起一米宽的步道", "是全市游客往来最集中的观光线路"],
            "{s:?}"
        );
        assert!(s[1].iter().any(|(_, t)| t.starts_with("本报讯")), "{s:?}");
    }

    #[test]
    fn four_titles_around_a_headline_broken_at_a_figure_are_one_stack() {
        // The halves would meet inside the headline (`水漫过了3` /
        // `米高的堤坝顶`): one stack, a kicker and a subheadline round it.
        let mut lines = PLAIN_16.to_vec();
        lines.extend([
            "年过七旬的刘桂芳老人每天清早出门时叮嘱",
            "水漫过了3",
            "米高的堤坝顶",
            "都是在向居民们讲",
        ]);
        lines.extend(BODY_16);
        lines.extend(PLAIN_16);
        lines.push("淇滨区开展社保服务进万家活动");
        let s = headlines_after_shape(&lines);
        let titles = s[0].iter().filter(|(r, _)| r.is_title()).count();
        assert_eq!(titles, 4, "{s:?}");
    }

    #[test]
    fn a_title_line_wider_than_the_column_may_end_in_any_word() {
        let s = between_bodies(&[
            "居民早早把社区礼堂的座位坐得满满的的",
            "全市推进老旧小区改造提升",
        ]);
        assert_eq!(
            s[0][..2],
            [
                (
                    Role::Headline,
                    "居民早早把社区礼堂的座位坐得满满的的".to_owned()
                ),
                (Role::Subheadline, "全市推进老旧小区改造提升".to_owned())
            ],
            "a stack heading the first body, not a paragraph: {s:?}"
        );
    }

    #[test]
    fn a_caption_at_a_continuations_end_closes_it() {
        let mut lines = vec![
            "（上 接 第 一 版）希 望 广 大 企 业 家 聚 焦",
            "主营主业。",
            "志愿者在社区服务现场   本报记者 王凤侠 摄",
        ];
        lines.extend(PLAIN_16);
        lines.push("淇滨区开展社保服务进万家活动");
        lines.extend(BODY_16);
        lines.push("市交通运输行业党建培训基地揭牌");
        let (articles, orientation) = page(&lines);
        assert_eq!(orientation, Orientation::HeadlinesAfter);
        let kinds: Vec<ArticleKind> = articles.iter().map(|a| a.kind).collect();
        assert_eq!(kinds[0], ArticleKind::Continuation, "{kinds:?}");
        let s = shape(&articles);
        assert_eq!(s[0].len(), 2, "the continuation and its caption: {s:?}");
        assert_eq!(
            s[1][0],
            (Role::Headline, "淇滨区开展社保服务进万家活动".to_owned()),
            "the paragraph after the caption has its own headline: {s:?}"
        );
    }

    /// Devpage 014's case, in invented text: on a page whose headlines
    /// follow their bodies, one article is drawn head first, its stack
    /// right after the article before's and its text opened by a dateline.
    /// No stack of its own closes its text; its photo's caption, written
    /// after its text, does, even with the next article's caption ahead.
    #[test]
    fn an_article_drawn_head_first_runs_to_the_caption_that_ends_it() {
        let s = head_first_between(&[
            &DATELINE_B,
            &PLAIN_16,
            &PLAIN_16,
            &["志愿者在社区服务现场   本报记者 王凤侠 摄"],
            &PLAIN_16,
            &["培训现场   本报记者 李华 摄"],
        ]);
        assert_eq!(
            roles(&s[1]),
            [
                Role::Headline,
                Role::Body,
                Role::Body,
                Role::Body,
                Role::Caption
            ],
            "the head-first article holds its text up to its caption: {s:?}"
        );
        assert_eq!(
            s[2].first(),
            Some(&(Role::Headline, "鹤山区举办文明志愿者培训".to_owned())),
            "the text after the caption is headed by the headline after it: {s:?}"
        );
        assert_eq!(
            s[2].len(),
            3,
            "the next article ends with its own caption: {s:?}"
        );
    }

    /// A headlines-after page of three articles (invented), the middle one
    /// drawn head first: a body and its stack (with a block byline), the
    /// middle one's stack, its `middle` lines (the text of it and of the
    /// third article), and the third one's stack. Read as three articles.
    fn head_first_between(middle: &[&[&str]]) -> Vec<Vec<(Role, String)>> {
        let mut lines = BODY_16.to_vec();
        lines.extend([
            "淇滨区开展社保服务进万家活动",
            "本报记者 李华",
            "市交通运输行业党建培训基地揭牌",
        ]);
        lines.extend(middle.iter().copied().flatten());
        lines.push("鹤山区举办文明志愿者培训");
        let s = headlines_after_shape(&lines);
        assert_eq!(s.len(), 3, "{s:?}");
        s
    }

    /// The roles of an article's blocks.
    fn roles(article: &[(Role, String)]) -> Vec<Role> {
        article.iter().map(|(r, _)| *r).collect()
    }

    /// A dateline paragraph, invented.
    const DATELINE_B: [&str; 2] = [
        "本 报 讯 （ 记 者 王 凤 侠 ） 全 市 各 级 各",
        "部门认真落实工作部署。",
    ];

    /// A second dateline paragraph, invented.
    const DATELINE_C: [&str; 2] = [
        "新 华 社 淇 县 4 月 9 日 电 （ 通 讯 员 张 小 林 ） 淇",
        "河两岸的梨花又开满了坡。",
    ];

    /// The same article drawn head first, with no caption: its text runs on
    /// to the next article's dateline, which opens that article (its stack
    /// after its text, as on the rest of the page).
    #[test]
    fn an_article_drawn_head_first_runs_to_the_next_dateline() {
        let s = head_first_between(&[&DATELINE_B, &PLAIN_16, &DATELINE_C, &PLAIN_16]);
        assert_eq!(
            roles(&s[1]),
            [Role::Headline, Role::Body, Role::Body],
            "the head-first article holds its text up to the next dateline: {s:?}"
        );
        assert_eq!(
            roles(&s[2]),
            [Role::Headline, Role::Body, Role::Body],
            "the next article opens at its dateline, headed by the stack after it: {s:?}"
        );
    }

    /// A heading inside an article drawn head first keeps its text one
    /// article: the heading and the paragraph under it go on with it up to
    /// the next dateline.
    #[test]
    fn a_heading_inside_an_article_drawn_head_first_stays_in_it() {
        let s = head_first_between(&[
            &DATELINE_B,
            &PLAIN_16,
            &["案情简介："],
            &PLAIN_16,
            &DATELINE_C,
            &PLAIN_16,
        ]);
        assert_eq!(
            roles(&s[1]),
            [
                Role::Headline,
                Role::Body,
                Role::Body,
                Role::Subhead,
                Role::Body
            ],
            "{s:?}"
        );
    }

    /// A headlines-after page whose first article is drawn head first, and
    /// whose last stack ends with a block byline: the page still reads as
    /// headlines after their bodies (the byline is its stack's, so the page
    /// ends with a stack), and the first stack heads the text after it up to
    /// the next dateline.
    #[test]
    fn a_page_opening_with_an_article_drawn_head_first_keeps_its_headlines_after() {
        let mut lines = vec!["市交通运输行业党建培训基地揭牌"];
        lines.extend(DATELINE_B);
        lines.extend(PLAIN_16);
        lines.extend(DATELINE_C);
        lines.extend(PLAIN_16);
        lines.push("鹤山区举办文明志愿者培训");
        lines.push("本报记者 李华");
        let (articles, orientation) = page(&lines);
        assert_eq!(orientation, Orientation::HeadlinesAfter);
        let s = shape(&articles);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(
            roles(&s[0]),
            [Role::Headline, Role::Body, Role::Body],
            "{s:?}"
        );
        assert_eq!(
            roles(&s[1]),
            [Role::Headline, Role::Byline, Role::Body, Role::Body],
            "{s:?}"
        );
    }

    /// A page that opens with a stack (an article drawn head first) and
    /// ends with a continuation, which has no headline of its own: its ends
    /// say "headlines before" or nothing, but the stack right before the
    /// continuation closed the article before it, so headlines follow their
    /// bodies.
    #[test]
    fn a_stack_right_before_a_continuation_says_headlines_follow_their_bodies() {
        let mut lines = vec!["市交通运输行业党建培训基地揭牌"];
        lines.extend(DATELINE_B);
        lines.extend(DATELINE_C);
        lines.extend(PLAIN_16);
        lines.push("鹤山区举办文明志愿者培训");
        lines.extend(["（上 接 第 一 版）希 望 广 大 企 业 家 聚 焦", "主营主业。"]);
        lines.extend(PLAIN_16);
        let (articles, orientation) = page(&lines);
        assert_eq!(
            orientation,
            Orientation::HeadlinesAfter,
            "{:?}",
            shape(&articles)
        );
        let kinds: Vec<ArticleKind> = articles.iter().map(|a| a.kind).collect();
        assert_eq!(
            kinds,
            [
                ArticleKind::Article,
                ArticleKind::Article,
                ArticleKind::Continuation
            ],
            "{:?}",
            shape(&articles)
        );
    }

    #[test]
    fn a_line_opening_with_a_particle_goes_on_from_the_line_before() {
        let s = before_last_title(&[
            PLAIN_16.to_vec(),
            vec![
                "市青少年篮球队也终结了主场不败",
                "的 纪 录 ， 在 6 月 7 日 的 省 b 组 循 环 赛",
                "末 轮 比 赛 以 0∶1 负 于 南 城 实 验 队 ，",
                "赛季结束。",
            ],
        ]);
        assert!(
            s.iter()
                .flatten()
                .any(|(r, t)| *r == Role::Body
                    && t.starts_with("市青少年篮球队也终结了主场不败的纪录")),
            "one paragraph: {s:?}"
        );
        let first = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            crate::layout::read_lines(&chars, &[crate::page::Span::new(0, chars.len())])
                .pop()
                .expect("one line")
        };
        for text in [
            "的 纪 录 ， 在",
            "，在6月7日",
            "了一个月",
            "”的计划能落实吗？",
        ] {
            assert!(super::paragraphs::opens_mid_phrase(&first(text)), "{text}");
        }
        for text in ["南城篮球队", "“在哪里跌倒", "1994年"] {
            assert!(!super::paragraphs::opens_mid_phrase(&first(text)), "{text}");
        }
    }

    #[test]
    fn a_full_line_ending_with_a_semicolon_goes_on() {
        let s = before_last_title(&[
            PLAIN_16.to_vec(),
            vec![
                "没 电 用 ， 要 到 十 几 里 外 的 镇 上 去 买",
                "东 西 要 走 大 半 天 ， 就 靠 肩 挑 和 背 篓 运 ；",
                "路是土路，房是低矮土坯房。",
            ],
        ]);
        assert!(
            s.iter()
                .flatten()
                .any(|(_, t)| t.contains("就靠肩挑和背篓运；路是土路")),
            "one paragraph: {s:?}"
        );
    }

    #[test]
    fn a_line_before_a_dateline_that_ends_no_sentence_is_a_headline() {
        // 16 cells with its comma, as wide as the column: only the dateline
        // after it says it is no paragraph's last line.
        let s = between_bodies(&["查处违规违纪的50起", "只要拧成一股绳，就没有过不去的坎"]);
        assert!(
            s[0].iter()
                .any(|(r, t)| r.is_title() && t == "只要拧成一股绳，就没有过不去的坎"),
            "a title of the first article: {s:?}"
        );
        assert!(
            s[0].iter()
                .any(|(r, t)| r.is_title() && t == "查处违规违纪的50起"),
            "and the line above it too: {s:?}"
        );
    }

    /// Every decision proposed on a page of `lines` (a blank line after
    /// each), with the page's text.
    fn decisions_of(lines: &[&str]) -> (Vec<Decision>, String) {
        let text = lines.join("\n\n");
        let raw = RawText::new("t.txt", &text, Encoding::Utf8, LineEnding::Lf);
        let decisions = super::propose_recording(&raw, Record::All).decisions.list;
        (decisions, text)
    }

    /// A page of `middle` between two plain paragraphs, a headline last
    /// (its headlines follow their bodies).
    fn between_paragraphs<'a>(middle: &[&'a str]) -> Vec<&'a str> {
        let mut lines = PLAIN_16.to_vec();
        lines.extend_from_slice(middle);
        lines.extend(PLAIN_16);
        lines.push("淇滨区开展社保服务进万家活动");
        lines
    }

    /// The rule of the role decision of the block that opens with `line`
    /// on a page of `lines`, and whether it is a doubt.
    fn role_at(lines: &[&str], line: &str) -> Option<(crate::doubt::Evidence, bool)> {
        let (decisions, text) = decisions_of(lines);
        let at = text.find(line).map(|b| text[..b].chars().count());
        decisions
            .into_iter()
            .find(|d| d.kind == crate::doubt::Kind::Role && Some(d.at) == at)
            .map(|d| (d.evidence, d.is_doubt()))
    }

    /// Whether one of `ends` ([`line_ends_by`]) chose `choice` before a
    /// line that starts with `next`.
    fn ended(ends: &[(Decision, String)], choice: crate::doubt::Choice, next: char) -> bool {
        ends.iter()
            .any(|(d, text)| d.chosen == choice && text.starts_with(next))
    }

    /// The line-end decisions of rule `rule` on a page of `lines` (blank
    /// lines between them), each with the three raw chars from the first
    /// glyph after it.
    fn line_ends_by(lines: &[&str], rule: crate::doubt::Evidence) -> Vec<(Decision, String)> {
        line_ends(lines)
            .into_iter()
            .filter(|(d, _)| d.evidence == rule)
            .collect()
    }

    /// Every line-end decision on `lines`, with the three raw chars from
    /// the first glyph after it.
    fn line_ends(lines: &[&str]) -> Vec<(Decision, String)> {
        let (decisions, text) = decisions_of(lines);
        let chars: Vec<char> = text.chars().collect();
        decisions
            .into_iter()
            .filter(|d| d.kind == crate::doubt::Kind::LineEnd)
            .map(|d| {
                let next = chars[d.raw_range().1.saturating_sub(1)..]
                    .iter()
                    .take(3)
                    .collect();
                (d, next)
            })
            .collect()
    }

    #[test]
    fn a_break_before_an_indented_line_is_sure_only_where_that_line_runs_on() {
        use crate::doubt::Evidence;
        // After a full line that ends a sentence, a line two cells short
        // opens a paragraph where it runs on past its end (only a first
        // line is short so); one that ends a sentence itself may be this
        // paragraph's last line, and one with figures is measured roughly
        // (devpages 022, 038): both are doubts.
        let full_end = "上 升 ， 群 众 的 获 得 感 也 明 显 增 强 了 。";
        let mut lines = PLAIN_16[..4].to_vec();
        lines.extend([
            full_end,
            "大 家 都 说 这 是 一 件 好 事 ， 值 得 全",
            "社 会 推 广 ， 也 值 得 我 们 认 真 学 习 和 借",
            full_end,
            "群 众 说 这 是 一 件 值 得 推 广 的 事 。",
            "社 会 推 广 ， 也 值 得 我 们 认 真 学 习 和 借",
            full_end,
            "1998 年 全 市 共 有 企 业 三 千 余 家 ，",
            "社 会 推 广 ， 也 值 得 我 们 认 真 学 习 和 借",
            "鉴 。",
        ]);
        let all = line_ends_by(&lines, Evidence::NextIndented);
        assert!(all.iter().any(|(_, t)| t.starts_with('大')), "{all:?}");
        assert!(
            all.iter()
                .all(|(_, t)| !t.starts_with('群') && !t.starts_with('1')),
            "{all:?}"
        );
        let ends = line_ends_by(&lines, Evidence::NextIndentedEndsSentence);
        assert!(ends.iter().any(|(_, t)| t.starts_with('群')), "{ends:?}");
        let figures = line_ends_by(&lines, Evidence::NextIndentedWithFigures);
        assert!(
            figures.iter().any(|(_, t)| t.starts_with('1')),
            "{figures:?}"
        );
        let sure = Evidence::NextIndented.confidence_percent() >= crate::decision::DOUBT_BELOW;
        let doubted = [
            Evidence::NextIndentedEndsSentence,
            Evidence::NextIndentedWithFigures,
        ]
        .iter()
        .all(|e| e.confidence_percent() < crate::decision::DOUBT_BELOW);
        assert!(sure && doubted, "as measured on devpages");
    }

    #[test]
    fn a_line_that_jumps_to_another_page_ends_its_text_there() {
        // `（下转第二版）` at a full line's end: the article goes on on
        // another page, so the line ends its paragraph like a sentence's
        // end, and the full line of a title after it is no more of it.
        let mut lines = PLAIN_16[..3].to_vec();
        lines.extend([
            "工 作 打 下 了 坚 实 基 础 。（ 下 转 第 二 版 ）",
            "淇滨区开展社保服务进万家活动暨志愿服务",
            "□ 本报记者 王凤侠",
        ]);
        lines.extend(PLAIN_16);
        lines.push("市交通运输行业党建培训基地揭牌");
        let s = headlines_after_shape(&lines);
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(
            s[0].iter()
                .any(|(r, t)| *r == Role::Body && t.ends_with("坚实基础。（下转第二版）")),
            "{s:?}"
        );
        assert_eq!(
            s[0][0],
            (
                Role::Headline,
                "淇滨区开展社保服务进万家活动暨志愿服务".to_owned()
            ),
            "{s:?}"
        );
    }

    #[test]
    fn a_one_line_paragraph_trailing_off_in_an_ellipsis_is_a_doubt() {
        use crate::doubt::Evidence;
        // A kicker that trails off (`今年有望多收三四千斤……`) reads like a
        // one-line paragraph ending its article: an ellipsis is no sure
        // sentence end, so the body role is doubted; a full stop is sure.
        let role_of = |last: &str| {
            let lines = between_paragraphs(&[last, "他家有两位热心肠的街坊", "□ 本报记者 王凤侠"]);
            role_at(&lines, last)
        };
        assert_eq!(
            role_of("今年有望多收三四千斤……"),
            Some((Evidence::UnendedParagraph, true))
        );
        assert_eq!(
            role_of("今年有望多收三四千斤。"),
            Some((Evidence::Paragraph, false))
        );
    }

    #[test]
    fn a_first_line_that_fills_the_column_ends_before_an_indented_line() {
        use crate::doubt::{Choice, Evidence};
        // After a paragraph's end, a line that fills the 16-cell column
        // and stops mid-phrase runs on (`full_first_line`, measured apart
        // from `mid_sentence`: a paragraph's first line would be indented,
        // so it may be a title's). Before a line set two cells in, a
        // paragraph opens there, and the full line ends. Indented itself,
        // the same words run on (`mid_sentence`).
        let ends_after = |first: &str, next: &str, rule: Evidence| {
            let mut lines = PLAIN_16.to_vec();
            lines.extend([first, next, "子。"]);
            lines.extend(PLAIN_16);
            line_ends_by(&lines, rule)
        };
        let full = "各 级 各 部 门 认 真 落 实 ， 全 市 工 作 部 署";
        let next_full = "部 署 。 同 时 ， 乡 村 学 校 也 需 要 更 多 的";
        let next_indented = "部 署 。 同 时 ， 乡 村 学 校 也 需 要 更";
        let runs_on = ends_after(full, next_full, Evidence::FullFirstLine);
        assert!(ended(&runs_on, Choice::Join, '部'), "{runs_on:?}");
        let ends = ends_after(full, next_indented, Evidence::FullFirstLineBeforeIndent);
        assert!(ended(&ends, Choice::Break, '部'), "{ends:?}");
        // Two cells short without a mark, the next line may be a title's
        // short last line: the full line runs on into it.
        let title_tail = ends_after(
            full,
            "进 行 监 测 并 保 存 原 始 监 测 记 录 案",
            Evidence::FullFirstLine,
        );
        assert!(ended(&title_tail, Choice::Join, '进'), "{title_tail:?}");
        let indented = ends_after(
            "各 级 各 部 门 认 真 落 实 ， 全 市 工 作",
            next_indented,
            Evidence::MidSentence,
        );
        assert!(ended(&indented, Choice::Join, '部'), "{indented:?}");
    }

    #[test]
    fn a_title_like_paragraph_whose_first_line_fills_the_column_is_measured_apart() {
        use crate::doubt::Evidence;
        // A paragraph's first line is indented: a title-like first line
        // that fills the 16-cell column may be a title's, so the body role
        // of its paragraph is measured apart (a doubt while it erred once
        // in 6 on devpages, sure since the one error went with
        // `full_first_line_before_indent`); indented, it is the rule of
        // headlines after their bodies.
        let role_of = |first: &str| {
            let lines = between_paragraphs(&[
                first,
                "乡 村 学 校 也 需 要 更 多 的 老 师 ， 更 需 要 好",
                "书。",
            ]);
            role_at(&lines, first)
        };
        assert_eq!(
            role_of("各 级 各 部 门 认 真 落 实 全 市 工 作 部 署 政 策").map(|(e, _)| e),
            Some(Evidence::FullFirstLineParagraph)
        );
        assert_eq!(
            role_of("各 级 各 部 门 认 真 落 实 全 市 工 作 部 署"),
            Some((Evidence::HeadlineAfterBody, false))
        );
    }

    #[test]
    fn a_short_line_stopping_inside_a_word_reads_on() {
        use crate::doubt::{Choice, Evidence};
        // Clearly short and stopping mid-phrase, the line would end a
        // heading set in the body column; but `论文` reads across its end.
        let mut lines = PLAIN_16.to_vec();
        lines.extend([
            "他 近 年 来 先 后 发 表 了 多 篇 学 术",
            "论",
            "文 。 同 时 ， 乡 村 学 校 也 需 要 更 多 的",
            "关注。",
        ]);
        let ends = line_ends_by(&lines, Evidence::WordReadsOn);
        assert!(ended(&ends, Choice::Join, '文'), "{ends:?}");
    }

    #[test]
    fn a_line_that_keeps_a_paragraph_indent_opens_a_paragraph() {
        use crate::doubt::{Choice, Evidence};
        // A full line of running text stops without a mark (the extractor
        // lost its full stop); the next keeps the full-width indent of a
        // paragraph's first line.
        let mut lines = PLAIN_16[..3].to_vec();
        lines.extend([
            "工 作 打 下 了 坚 实 基 础 ， 各 项 指 标 稳 步",
            "\u{3000}\u{3000}经过一段时间的治疗，他的病情",
            "明显好转，已能下床走动。",
        ]);
        let ends = line_ends_by(&lines, Evidence::KeptIndent);
        assert!(ended(&ends, Choice::Break, '经'), "{ends:?}");
        // An ASCII space at a line's start is no kept indent: letter-spaced
        // lines and wrapped datelines have one (` 吴寿章）这一…`).
        lines[4] = " 经过一段时间的治疗，他的病情";
        assert!(line_ends_by(&lines, Evidence::KeptIndent).is_empty());
        // A numbered heading keeps its own indent: it is a paragraph of
        // its own line, since the next line keeps one too.
        let heading = [
            "\u{3000}\u{3000}（一）今年一季度全市出口额稳步回升",
            "\u{3000}\u{3000}显然，这一变化对地区经济的影响",
            "不容忽视。",
        ];
        let mut lines = PLAIN_16.to_vec();
        lines.extend(heading);
        let ends = line_ends_by(&lines, Evidence::KeptIndent);
        assert!(ended(&ends, Choice::Break, '显'), "{ends:?}");
        // Where the lines before keep one too, it is a margin, no indent.
        let mut lines = vec!["\u{3000}全市各级各部门认真落实工作部"];
        lines.extend(heading);
        assert!(
            line_ends_by(&lines, Evidence::KeptIndent)
                .iter()
                .all(|(_, next)| !next.starts_with('显')),
            "a margin"
        );
    }

    #[test]
    fn a_line_ending_with_a_photo_note_ends_its_title() {
        use crate::doubt::{Choice, Evidence};
        // A headline begun at the end of a body's last line (`…提高。城南`)
        // runs on over a full line that stops mid-phrase: its photo note
        // ends it.
        let mut lines = PLAIN_16[..4].to_vec();
        lines.extend([
            "提高。城南",
            "举办迎新春灯会游园活动（图片）",
            "每当人们为青山村里的崭新变化欢",
            "呼的时候，更应看到这里的干部群",
            "众付出的艰辛努力。",
        ]);
        let ends: Vec<_> = line_ends_by(&lines, Evidence::PhotoNoteEndsTitle)
            .into_iter()
            .map(|(d, _)| d.chosen)
            .collect();
        assert_eq!(ends, [Choice::Break]);
    }

    #[test]
    fn a_title_s_break_before_a_dateline_or_a_byline_is_sure() {
        use crate::doubt::Evidence;
        // A headline after its body, then the next article's dateline; a
        // headline, then a byline line of its own.
        let mut lines = PLAIN_16.to_vec();
        lines.extend([
            "一周一银行一周一专场",
            "本 报 讯 （ 记 者 邓 万 行 ） 11 月 20 日 ， 全",
            "市 各 级 各 部 门 认 真 落 实 工 作 部 署 。",
            "山城区经济社会高质量发展",
            "□本报记者 邓万行",
        ]);
        let sure: Vec<String> = line_ends_by(&lines, Evidence::NextStandsAlone)
            .into_iter()
            .map(|(d, next)| {
                assert!(!d.is_doubt(), "{d:?}");
                next
            })
            .collect();
        assert!(sure.iter().any(|s| s.starts_with("本 报")), "{sure:?}");
        assert!(sure.iter().any(|s| s.starts_with("□本")), "{sure:?}");
    }

    #[test]
    fn a_title_set_apart_from_a_line_as_wide_as_a_title_is_sure_and_from_a_rest_a_doubt() {
        use crate::doubt::Evidence;
        // The line end before `next`, after body text, `titles` and a
        // dated paragraph: its rule, and whether it is a doubt.
        let end_before = |titles: &[&str], next: &str| {
            let mut lines = PLAIN_16.to_vec();
            lines.extend(titles);
            lines.extend(DATED_LI);
            line_ends(&lines)
                .into_iter()
                .find(|(_, after)| after == next)
                .map(|(d, _)| (d.evidence, d.is_doubt()))
        };
        // A 9-cell line after a 12-cell title: too wide for its rest.
        let wide = ["一周一银行一周一专场活动", "山城区经济社会发展"];
        assert_eq!(
            end_before(&wide, "山城区"),
            Some((Evidence::TitleStandsApart, false))
        );
        // A 6-, 8- or 8½-cell line may be the title's rest (within the
        // slack of the cut); a 13-cell line
        // after a 10-cell title may be the rest of a title broken short by
        // hand.
        for titles in [
            ["一周一银行一周一专场活动", "山城区发展快"],
            ["一周一银行一周一专场活动", "山城区经济发展好"],
            ["一周一银行一周一专场活动", "山城区经济发展好5"],
            ["一周一银行一周一专场", "山城区经济社会高质量发展了"],
        ] {
            assert_eq!(
                end_before(&titles, "山城区"),
                Some((Evidence::TitleishLines, true)),
                "{titles:?}"
            );
        }
    }

    #[test]
    fn a_title_s_break_after_a_caption_s_credit_and_a_dateline_line_s_end_are_sure() {
        use crate::doubt::Evidence;
        let mut lines = PLAIN_16.to_vec();
        lines.extend([
            "市民在展览现场参观 本报记者 张三 摄",
            "山城区经济社会高质量发展",
            "本报讯（记者 邓万行）",
            "今年以来全市经济运行稳中有进",
            "全 市 各 级 各 部 门 认 真 落 实 工 作 部",
            "署 。",
        ]);
        let sure = |e: Evidence| {
            let ends = line_ends_by(&lines, e);
            assert!(ends.iter().all(|(d, _)| !d.is_doubt()), "{ends:?}");
            ends.len()
        };
        assert_eq!(sure(Evidence::CreditEndsCaption), 1);
        assert_eq!(sure(Evidence::DatelineLine), 1);
    }

    #[test]
    fn a_full_line_closing_a_bracket_before_an_indented_line_ends_its_paragraph() {
        // `…（报刊文摘）` fills the column without a sentence end; the next
        // line is two cells short and runs on, so it opens a paragraph.
        let mut lines = PLAIN_16[..4].to_vec();
        lines.extend([
            "提高认识注重培育市场（报刊文摘）",
            "当 前 最 突 出 的 问 题 是 种 植 户 收 益",
            "低，挫伤了农户种粮的积极性。",
        ]);
        let (articles, _) = page(&lines);
        let bodies: Vec<String> = articles
            .iter()
            .flat_map(|a| &a.blocks)
            .filter(|b| b.role == Role::Body)
            .map(|b| b.text.clone())
            .collect();
        assert_eq!(bodies.len(), 2, "{bodies:?}");
        assert!(bodies[0].ends_with("（报刊文摘）"), "{bodies:?}");
        assert!(bodies[1].starts_with("当前最突出的问题"), "{bodies:?}");
    }

    /// The body blocks' texts of a page.
    fn body_texts(lines: &[&str]) -> Vec<String> {
        let (articles, _) = page(lines);
        articles
            .iter()
            .flat_map(|a| &a.blocks)
            .filter(|b| b.role == Role::Body)
            .map(|b| b.text.clone())
            .collect()
    }

    #[test]
    fn a_line_without_marks_one_cell_short_after_a_sentence_end_goes_on() {
        // A 16-cell column; lines of ideographs alone fill it. After a
        // sentence that ends at the column's edge, a line of ideographs one
        // cell short is a full line letter-spaced where the next glyph would
        // not fit, not an indented first line: the paragraph goes on.
        let head = [
            "全市各级各部门认真落实工作部署，",
            "取得了明显成效群众满意度不断提高",
            "社会各界普遍好评为全年工作打下了",
            "坚实基础各项指标稳步提高成效显著",
            "为下一步发展积累了宝贵经验做法。",
        ];
        let mut lines = head.to_vec();
        lines.extend([
            "本 届 市 运 会 中 学 组 足 球 赛 前 两 名 东",
            "城队和西湖队将争夺冠军。",
        ]);
        let bodies = body_texts(&lines);
        assert_eq!(bodies.len(), 1, "{bodies:?}");
        assert!(
            bodies[0].ends_with("做法。本届市运会中学组足球赛前两名东城队和西湖队将争夺冠军。")
        );
        // Two cells short, it is indented: a paragraph opens.
        let mut lines = head.to_vec();
        lines.extend(["本届市运会中学组足球赛前两名", "东城队和西湖队将争夺冠军。"]);
        let bodies = body_texts(&lines);
        assert_eq!(bodies.len(), 2, "{bodies:?}");
        assert!(bodies[1].starts_with("本届市运会"), "{bodies:?}");
    }

    #[test]
    fn a_blank_line_among_unspaced_lines_ends_a_paragraph_after_a_sentence() {
        // Full lines without blank lines between them, as an engine or an
        // extractor writes them; a blank line marks a gap it saw.
        let lines = [
            "全市各级各部门认真落实各项工作部",
            "署，取得了明显成效，群众满意度不",
            "断提高，社会各界普遍好评如潮了。",
            "",
            "为全年工作打下了坚实基础，各项指",
            "标稳步提高，全年任务圆满完成了，",
            "",
            "今年以来，全市上下齐心协力，各项",
            "工作稳步推进。",
        ];
        let bodies = |text: &str| {
            let raw = RawText::new("t.txt", text, Encoding::Utf8, LineEnding::Lf);
            let (articles, _) = propose(&raw);
            articles
                .iter()
                .flat_map(|a| a.blocks.iter().map(|b| b.text.clone()))
                .collect::<Vec<_>>()
        };
        // Extracted text: a sentence's end before the gap ends the
        // paragraph; a comma does not.
        let extracted = bodies(&lines.join("\n"));
        assert!(
            extracted.iter().any(|t| t.ends_with("普遍好评如潮了。")),
            "{extracted:?}"
        );
        assert!(
            extracted.iter().any(|t| t.contains("完成了，今年以来")),
            "{extracted:?}"
        );
        // An engine's plain text (its commas read as ASCII but for the
        // first): a comma before the gap is a misread full stop too.
        let read = bodies(&lines.join("\n").replace('，', ",").replacen(',', "，", 1));
        assert!(
            read.iter().any(|t| t.ends_with("全年任务圆满完成了。")),
            "{read:?}"
        );
    }

    /// The role of the paragraph starting `piece` (its lines) on a page an
    /// engine read without boxes (commas as ASCII), between two paragraphs.
    fn engine_piece_role(piece: &[&str], starts: &str) -> Role {
        let mut lines = vec![
            "全市各级各部门认真落实各项工作部",
            "署，取得了明显成效，群众满意度不",
            "断提高，社会各界普遍好评如潮了。",
            "",
        ];
        lines.extend(piece);
        lines.extend(["", "今年以来，全市上下齐心协力，各项", "工作稳步推进。"]);
        // Its commas read as ASCII but for the first, as engines read
        // some right (every devpages-ocr text has both kinds).
        let text = lines.join("\n").replace('，', ",").replacen(',', "，", 1);
        let s = text_shape(&text);
        s.iter()
            .flatten()
            .find(|(_, t)| t.starts_with(starts))
            .unwrap_or_else(|| panic!("the piece in {s:?}"))
            .0
    }

    #[test]
    fn an_engine_s_page_header_keeps_its_parts_and_its_colon() {
        // devpages-ocr 006 and 009: the editor's colon read with a stray
        // comma after it, and a weekday whose date the engine lost.
        for (first, editor, want) in [
            ("第4版 文化", "责任编辑:，孙晓梅", "责任编辑：，孙晓梅"),
            ("星期六", "责任编辑: 钱志远", "责任编辑：钱志远"),
        ] {
            let text = [
                first,
                "",
                editor,
                "",
                "整治老街巷和新建公园之余",
                "",
                "据新华社嘉兴6月8日电(记者周海涛) 1996年产",
                "值突破三亿元, 被认定为全省重点骨干民营企",
                "业'只是意在求新, 略带古人笔意, 妙在融会贯通,",
                "不露痕迹罢了，",
            ]
            .join("\n");
            let s = text_shape(&text);
            assert_eq!(texts_with(&s, Role::PageHeader), [first, want], "{s:?}");
            assert!(
                s.iter()
                    .flatten()
                    .any(|(r, t)| *r == Role::Headline && t == "整治老街巷和新建公园之余"),
                "{s:?}"
            );
        }
    }

    #[test]
    fn an_engine_s_two_line_headline_with_a_comma_heads_the_dated_text() {
        // devpages-ocr 010: a headline with a comma inside over two lines,
        // then its subheadline and a dateline.
        let lines = [
            "全市各级各部门认真落实各项工作部",
            "署，取得了明显成效，群众满意度不",
            "断提高，社会各界普遍好评如潮了。",
            "",
            "服务困难群众，社区食堂开出新",
            "天地",
            "",
            "约占全市一半",
            "",
            "本报宜昌8月26日讯（记者孟庆丰）今年以来，全",
            "市上下齐心协力，各项工作稳步推进。",
        ];
        let text = lines.join("\n").replace('，', ",").replacen(',', "，", 1);
        let s = text_shape(&text);
        let art = s
            .iter()
            .find(|a| a.iter().any(|(_, t)| t.starts_with("本报宜昌")))
            .unwrap_or_else(|| panic!("the dated text in {s:?}"));
        assert!(
            art.iter()
                .any(|(r, t)| r.is_title() && t == "服务困难群众，社区食堂开出新天地"),
            "{s:?}"
        );
        // A block that ends on a mark stays running text.
        let text = text.replace("开出新\n天地", "开出新\n天地。");
        let s = text_shape(&text);
        assert!(
            s.iter()
                .flatten()
                .any(|(r, t)| *r == Role::Body && t.starts_with("服务困难群众")),
            "{s:?}"
        );
    }

    #[test]
    fn a_piece_of_text_the_engine_cut_off_is_no_title() {
        // The short paragraph with a comma inside is running text cut off
        // at a column's foot.
        let role = engine_piece_role(
            &["张明说，我们对这项改革措", "施出台表示热烈欢迎"],
            "张明说",
        );
        assert_eq!(role, Role::Body);
    }

    #[test]
    fn a_first_line_the_engine_set_apart_runs_on_where_a_word_or_a_particle_crosses() {
        // devpages-ocr 010: the indented first line of a paragraph set
        // apart by a blank line, its next line opening inside a word
        // (`拖拉` / `机`), or with a particle.
        let mut lines = vec![
            "全市各级各部门认真落实各项工作部",
            "署，取得了明显成效，群众满意度不",
            "断提高，社会各界普遍好评如潮了。",
            "",
            "老周的儿子正驾驶着拖拉",
            "",
            "机在坡地里一趟趟来回耕作，村",
            "委主任王德顺23日接受采访说，他",
            "们认为，会谈是坦诚的，也是有益的。",
        ];
        let text = |lines: &[&str]| lines.join("\n").replace('，', ",").replacen(',', "，", 1);
        let body = |s: &[Vec<(Role, String)>], start: &str| {
            s.iter()
                .flatten()
                .find(|(_, t)| t.starts_with(start))
                .map(|(r, t)| (*r, t.clone()))
                .unwrap_or_else(|| panic!("{start} in {s:?}"))
        };
        let s = text_shape(&text(&lines));
        let (role, read) = body(&s, "老周");
        assert_eq!(role, Role::Body, "{s:?}");
        assert!(read.contains("拖拉机在坡地里"), "{s:?}");
        lines[6] = "的坡地里一趟趟来回耕作，村";
        let s = text_shape(&text(&lines));
        assert!(body(&s, "老周").1.contains("拖拉的坡地里"), "{s:?}");
        // A title before text that opens a sentence of its own stays one.
        lines[6] = "今天坡地里一趟趟来回耕作，村";
        let s = text_shape(&text(&lines));
        assert!(body(&s, "老周").0.is_title(), "{s:?}");
        // …but not one that ends on a word no title ends on (`由`), after
        // another piece set apart: it needs the words after it (as on
        // devpages-ocr 003).
        lines[4] = "新农机一般由合作社负责";
        lines[5] = "";
        lines.insert(6, "维修则由");
        lines.insert(7, "");
        lines[8] = "厂家承担，一趟趟来回耕作，村";
        let s = text_shape(&text(&lines));
        let (role, read) = body(&s, "维修");
        assert_eq!(role, Role::Body, "{s:?}");
        assert!(read.starts_with("维修则由厂家承担"), "{s:?}");
    }

    #[test]
    fn a_piece_of_text_ending_on_the_engine_s_comma_is_no_title() {
        // A piece of running text, its full stop read as a comma; no title
        // ends so.
        let role = engine_piece_role(&["如今的青山镇已有了很大的变化，"], "如今的青山镇");
        assert_eq!(role, Role::Body);
    }

    #[test]
    fn a_headline_broken_at_its_comma_before_a_dated_stack_is_a_title() {
        // An engine's plain text (its commas read as ASCII but for the
        // first), a stack at the page's top: the headline's
        // first part ends on its comma, then its second part and another
        // title, then the dateline. A piece ending on a comma is text
        // elsewhere (above), not before titles that run on to a dateline.
        let text = [
            "只要心往一处想，",
            "",
            "就没有克服不了的困难",
            "",
            "三代农机手今天在田间比武",
            "",
            "本报讯（记者 韩冬) 青山镇农",
            "机合作社对这次比武活动或全程或部",
            "分给予支持, 这也进一步调动了周边",
            "村镇农户的种粮积极性, 人物背景",
            "卢建华, 十三届市人大代表, 青山农",
            "机k 公司经理, 现年 42 岁, 他所创办",
            "的企业发展很快。",
        ]
        .join("\n");
        let s = text_shape(&text);
        let first = s
            .iter()
            .flatten()
            .find(|(_, t)| t.starts_with("只要心往一处想"))
            .map(|(r, _)| *r);
        assert!(first.is_some_and(Role::is_title), "{s:?}");
        assert_eq!(s.len(), 1, "one article: {s:?}");
    }

    #[test]
    fn a_headline_wrapped_at_its_box_keeps_its_stub() {
        let s = between_bodies(&["全市推进老旧小区改造提升工", "程"]);
        assert_eq!(
            s[0][0],
            (Role::Headline, "全市推进老旧小区改造提升工程".to_owned()),
            "{s:?}"
        );
        assert_eq!(
            s[0][1].0,
            Role::Body,
            "one title, not a headline and a subheadline: {s:?}"
        );
    }

    #[test]
    fn a_title_broken_inside_a_word_is_one_title() {
        // The second line is no stub, but `收费` reads across the break:
        // one title.
        let s = between_bodies(&["监管部门将全面整治违规收", "费乱象问题"]);
        assert_eq!(
            s[0][0],
            (
                Role::Headline,
                "监管部门将全面整治违规收费乱象问题".to_owned()
            ),
            "{s:?}"
        );
        // Where no word reads across (`违规` / `收费`), two titles stay two.
        let s = between_bodies(&["监管部门将全面整治违规", "收费乱象问题"]);
        assert!(
            s[0].iter().any(|(_, t)| t == "监管部门将全面整治违规"),
            "two titles: {s:?}"
        );
    }

    #[test]
    fn a_title_at_a_width_no_body_line_has_is_a_title() {
        // 12 cells in a 16-cell column, after a paragraph's end and before
        // an indented first line: neither a full line nor a first line.
        let s = before_last_title(&[
            PLAIN_16.to_vec(),
            vec!["全市将迎来新的发展和考验"],
            PLAIN_16.to_vec(),
        ]);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(
            s[0][0],
            (Role::Headline, "全市将迎来新的发展和考验".to_owned()),
            "{s:?}"
        );
        // At the width of an indented first line, reading on into a full
        // line, it is the first line of a paragraph.
        let s = before_last_title(&[
            PLAIN_16.to_vec(),
            vec!["全市将迎来新的发展和考验更加"],
            PLAIN_16[1..].to_vec(),
        ]);
        assert!(
            s.iter()
                .flatten()
                .any(|(r, t)| *r == Role::Body && t.starts_with("全市将迎来新的发展和考验更加署")),
            "a paragraph starts with the line: {s:?}"
        );
    }

    #[test]
    fn a_block_byline_between_a_stack_and_a_dateline_closes_the_stack_article() {
        let mut lines = BODY_16.to_vec();
        lines.extend(["鹤山区举办文明志愿者培训", "□ 本报记者 王凤侠"]);
        lines.extend(DATED_LI);
        lines.extend(["市交通运输行业党建培训基地揭牌"]);
        let s = headlines_after_shape(&lines);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_first_stack_keeps_its_byline(&s);
        assert_eq!(s[1][0].1, "市交通运输行业党建培训基地揭牌", "{s:?}");
    }

    #[test]
    fn a_line_opening_like_a_caption_that_runs_on_is_running_text() {
        // An indented first line `图为…` that runs on into `幕词。` is a
        // paragraph of running text (devpages 029), not a caption.
        let mut lines = BODY_16.to_vec();
        lines.extend(["图为市文联主席孙丽华在会致开", "幕词。"]);
        let s = before_last_title(&[lines.clone()]);
        assert!(
            s.iter().flatten().all(|(r, _)| *r != Role::Caption),
            "{s:?}"
        );
        assert!(
            s.iter()
                .flatten()
                .any(|(r, t)| *r == Role::Body && t == "图为市文联主席孙丽华在会致开幕词。"),
            "{s:?}"
        );
        // So does one whose full stop an engine dropped: `致开` / `幕词`
        // reads one word across the break, and it is no title either.
        lines.truncate(BODY_16.len());
        lines.extend(["图为市文联主席孙丽华在会致开", "幕词"]);
        let s = before_last_title(&[lines.clone()]);
        assert!(
            s.iter()
                .flatten()
                .any(|(r, t)| *r == Role::Body && t == "图为市文联主席孙丽华在会致开幕词"),
            "{s:?}"
        );
        // One that ends where its sentence does stays a caption.
        lines.truncate(BODY_16.len());
        lines.push("图为市文联主席孙丽华致辞。");
        let s = before_last_title(&[lines]);
        assert!(
            s.iter()
                .flatten()
                .any(|(r, t)| *r == Role::Caption && t.starts_with("图为")),
            "{s:?}"
        );
    }

    #[test]
    fn a_caption_after_running_text_joins_that_article_and_after_a_stack_stands_apart() {
        let mut lines = BODY_16.to_vec();
        lines.extend([
            "志愿者在社区服务现场   本报记者 王凤侠 摄",
            "鹤山区举办文明志愿者培训",
            "培训基地揭牌活动现场   本报记者 李拥军 摄",
        ]);
        lines.extend(DATED_LI);
        lines.extend(["市交通运输行业党建培训基地揭牌"]);
        let (articles, _) = page(&lines);
        let kinds: Vec<ArticleKind> = articles.iter().map(|a| a.kind).collect();
        assert_eq!(
            kinds,
            [
                ArticleKind::Article,
                ArticleKind::CaptionOnly,
                ArticleKind::Article
            ],
            "{:?}",
            shape(&articles)
        );
        let s = shape(&articles);
        assert!(
            s[0].iter()
                .any(|(r, t)| *r == Role::Caption && t.starts_with("志愿者在社区")),
            "the caption printed in the first article's text is part of it: {s:?}"
        );
    }

    #[test]
    fn a_caption_s_description_over_its_credit_line_is_one_caption() {
        // The description wrapped onto the credit's line (a glyph or two of
        // it before the credit), or the credit set on a line of its own.
        let mut lines = BODY_16.to_vec();
        lines.extend(["志愿者在社区服务现场为老人义", "诊   本报记者 王凤侠 摄"]);
        lines.extend(DATED_LI);
        lines.extend(["培训基地揭牌活动现场", "本报记者 李拥军 摄"]);
        lines.extend(["市交通运输行业党建培训基地揭牌"]);
        let (articles, _) = page(&lines);
        let s = shape(&articles);
        let captions = texts_with(&s, Role::Caption);
        assert_eq!(captions.len(), 2, "{s:?}");
        assert!(
            captions[0].starts_with("志愿者在社区服务现场为老人义诊")
                && captions[0].ends_with("摄"),
            "{captions:?}"
        );
        assert!(
            captions[1].starts_with("培训基地揭牌活动现场") && captions[1].ends_with("摄"),
            "{captions:?}"
        );
        assert_eq!(
            texts_with(&s, Role::Headline),
            ["市交通运输行业党建培训基地揭牌"],
            "{s:?}"
        );
    }

    #[test]
    fn a_credit_whose_role_runs_over_a_line_end_is_one_caption() {
        // The credit's role itself broken over the line end (`本报记` /
        // `者 林小川 摄`): one caption, not a description and a line of
        // its own.
        let mut lines = BODY_16.to_vec();
        lines.extend(["志愿者为老人义诊。本报记", "者 林小川 摄"]);
        lines.extend(DATED_LI);
        let (articles, _) = page(&lines);
        let s = shape(&articles);
        let captions = texts_with(&s, Role::Caption);
        assert_eq!(captions.len(), 1, "{s:?}");
        assert!(
            captions[0].starts_with("志愿者为老人义诊。本报记者")
                && captions[0].ends_with("林小川 摄"),
            "{s:?}"
        );
    }

    /// A page that ends with a photo's description on a line of its own
    /// over its credit on the lines `credit`: one caption of the article
    /// before, not a headline stack after its text that turns the page
    /// round. Returns the page's lines.
    fn ends_with_one_caption(credit: [&str; 2]) -> Vec<&str> {
        let mut lines = DATED_LI.to_vec();
        lines.extend(BODY_16);
        lines.push("志愿者为老人义诊");
        lines.extend(credit);
        let (articles, orientation) = page(&lines);
        let s = shape(&articles);
        assert_eq!(
            texts_with(&s, Role::Caption),
            ["志愿者为老人义诊 本报记者 林小川 摄"],
            "{s:?}"
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(orientation, Orientation::HeadlinesBefore);
        lines
    }

    #[test]
    fn a_description_alone_over_a_credit_that_runs_over_is_one_caption() {
        // The credit's role broken right after its start.
        let lines = ends_with_one_caption(["本报记", "者 林小川 摄"]);
        // The evidence is the break after the description's line.
        let ends = line_ends(&lines);
        let (d, next) = ends
            .iter()
            .find(|(d, _)| d.evidence == crate::doubt::Evidence::DescriptionOverCredit)
            .expect("the description's line end");
        assert_eq!(next, "本报记", "{d:?}");
    }

    #[test]
    fn a_description_over_a_credit_broken_after_its_first_glyph_is_one_caption() {
        // `本` alone, and the credit's rest reads as a caption of its own.
        ends_with_one_caption(["本", "报记者 林小川 摄"]);
    }

    #[test]
    fn a_description_over_a_credit_broken_after_its_role_is_one_caption() {
        // The role alone on its line reads as a byline of its own.
        ends_with_one_caption(["本报记者", "林小川 摄"]);
    }

    #[test]
    fn a_credit_that_runs_over_a_line_end_is_one_caption() {
        // A caption wrapped in a narrow column, its credit's name broken
        // after the first glyph; then a caption whose last line ends a
        // sentence of running text that names a reporter.
        let mut lines = BODY_16.to_vec();
        lines.extend(["志愿者为老人义诊。本报记者王", "凤侠摄"]);
        lines.extend(DATED_LI);
        let (articles, _) = page(&lines);
        let s = shape(&articles);
        assert_eq!(
            texts_with(&s, Role::Caption),
            ["志愿者为老人义诊。本报记者王凤侠摄"],
            "{s:?}"
        );
        // The same, its `摄` misread `报` by an OCR engine; and a
        // description that ends on a quote and a space, whose line the
        // rules end before the credit's tail.
        for head in [
            "志愿者为老人义诊。本报记者王",
            "  志愿者为老人义诊。” 本报记者 王",
        ] {
            let mut lines = BODY_16.to_vec();
            lines.extend([head, "凤侠 报"]);
            lines.extend(DATED_LI);
            let (articles, _) = page(&lines);
            let s = shape(&articles);
            assert_eq!(texts_with(&s, Role::Caption).len(), 1, "{head}: {s:?}");
        }
        let mut lines = BODY_16.to_vec();
        lines.extend(["  他把稿子交给了本报记者王", "凤侠，说了一声谢谢。"]);
        lines.extend(DATED_LI);
        let (articles, _) = page(&lines);
        let s = shape(&articles);
        assert!(texts_with(&s, Role::Caption).is_empty(), "{s:?}");
    }

    #[test]
    fn a_sentence_over_a_credit_line_is_not_its_description() {
        // A paragraph of one line that ends its sentence, right over a
        // credit set on a line of its own.
        let mut lines = BODY_16.to_vec();
        lines.extend(["  全市三百余人参加培训。", "本报记者 王凤侠 摄"]);
        lines.extend(["鹤山区举办文明志愿者培训"]);
        lines.extend(DATED_LI);
        let (articles, _) = page(&lines);
        let s = shape(&articles);
        assert_eq!(
            texts_with(&s, Role::Caption),
            ["本报记者 王凤侠 摄"],
            "{s:?}"
        );
        assert!(
            texts_with(&s, Role::Body).contains(&"全市三百余人参加培训。"),
            "{s:?}"
        );
    }

    #[test]
    fn a_caption_whose_credit_a_box_writer_wrote_tail_first_is_one_caption() {
        // pdfminer.six writes a caption's credit as its rest, then its
        // first glyphs in a box of their own (`者 林小川 摄` / `本报记`),
        // each box one more blank line apart. Read so, the first glyphs
        // headed the next article and the description was a headline at
        // the page's end, which turned the page round.
        let boxes: [&[&str]; 7] = [
            &["鹤山区举办文明志愿者培训"],
            &DATED_WANG,
            &BODY_16[1..],
            &["志愿者为老人义诊\u{a0}", "者\u{a0}林小川\u{a0}摄"],
            &["\u{a0} 本报记"],
            &["市交通运输行业党建培训基地揭牌"],
            &DATED_LI,
        ];
        let s = text_shape(&super::flow::boxes_page(&boxes));
        assert_eq!(
            texts_with(&s, Role::Caption),
            ["志愿者为老人义诊 本报记者 林小川 摄"],
            "{s:?}"
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(
            s[1][0],
            (Role::Headline, "市交通运输行业党建培训基地揭牌".to_owned())
        );
    }

    #[test]
    fn a_band_s_second_headline_written_in_the_first_s_stack_heads_its_dated_text() {
        // pdfminer.six writes the headlines of two articles set side by
        // side one after the other, then the first article's text, and
        // the second's far on, with a dateline and no headline.
        let chen: [&str; 3] = [
            "本 报 讯 （记 者 陈 小 川）11 月 20 日 上",
            "午 ， 淇 滨 区 社 保 分 中 心 走 进 社 区 开 展",
            "政策宣传活动。",
        ];
        // The second text opens with a dateline, or with a block byline.
        let bylined: [&str; 4] = [
            "□本报记者 李拥军",
            "今 年 以 来 ， 全 市 各 级 各 部 门 认 真 落",
            BODY_16[2],
            BODY_16[4],
        ];
        for (second, name) in [(&DATED_LI[..], "李拥军）"), (&bylined[..], "□本报记者")] {
            let boxes: [&[&str]; 7] = [
                &["鹤山区举办文明志愿者培训"],
                &["市交通运输行业党建培训基地揭牌"],
                &DATED_WANG,
                &BODY_16[1..],
                &["淇滨区开展社保服务进万家活动"],
                &chen,
                second,
            ];
            let s = text_shape(&super::flow::boxes_page(&boxes));
            assert_eq!(s.len(), 3, "{s:?}");
            let heads = |a: &[(Role, String)]| -> Vec<String> {
                a.iter()
                    .filter(|(r, _)| r.is_title())
                    .map(|(_, t)| t.clone())
                    .collect()
            };
            assert_eq!(heads(&s[0]), ["鹤山区举办文明志愿者培训"], "{s:?}");
            assert!(s[0].iter().any(|(_, t)| t.contains("王凤侠")), "{s:?}");
            let li = s
                .iter()
                .find(|a| a.iter().any(|(_, t)| t.contains(name)))
                .expect("the second text");
            assert_eq!(heads(li), ["市交通运输行业党建培训基地揭牌"], "{s:?}");
        }
    }

    #[test]
    fn a_glyph_written_apart_at_the_page_s_end_is_no_headline_stack_there() {
        // Headlines before their text, and the first glyph of a credit
        // written after the rest of the page (as pdfminer.six writes a
        // caption's pieces): too short for a headline, it does not turn
        // the page round.
        let mut lines = vec!["鹤山区举办文明志愿者培训"];
        lines.extend(DATED_WANG);
        lines.extend(["市交通运输行业党建培训基地揭牌"]);
        lines.extend(DATED_LI);
        lines.extend(["本"]);
        let (articles, orientation) = page(&lines);
        let s = shape(&articles);
        assert_eq!(orientation, Orientation::HeadlinesBefore, "{s:?}");
        assert_eq!(s[0][0].1, "鹤山区举办文明志愿者培训", "{s:?}");
        assert!(s[0].iter().any(|(_, t)| t.contains("王凤侠")), "{s:?}");
    }

    #[test]
    fn a_page_ending_with_a_continuation_keeps_headlines_after() {
        // The last article is a continuation without a headline: the page
        // ends with a body although headlines follow their bodies.
        let mut lines = BODY_16.to_vec();
        lines.extend(["鹤山区举办文明志愿者培训"]);
        lines.extend(DATED_WANG);
        lines.extend([
            "市交通运输行业党建培训基地揭牌",
            "（上 接 第 一 版） 希 望 广 大 企 业 家 聚 焦",
            "主营主业。",
        ]);
        let (articles, orientation) = page(&lines);
        assert_eq!(orientation, Orientation::HeadlinesAfter);
        let s = shape(&articles);
        assert_eq!(s[1][0].1, "市交通运输行业党建培训基地揭牌", "{s:?}");
        assert_eq!(
            articles.last().map(|a| a.kind),
            Some(ArticleKind::Continuation)
        );
    }

    #[test]
    fn headlines_after_the_body_close_their_article() {
        let mut lines = BODY_A.to_vec();
        lines.extend(["鹤山区举办文明志愿者培训", "进一步提升志愿服务水平"]);
        lines.extend([
            "本 报 讯 （记 者 王 凤 侠）11 月 20",
            "日 下 午 ，鹤 山 区 委 社 工 部 、共 青 团 鹤 山",
            "区委联合举办培训会。",
        ]);
        lines.push("市交通运输行业党建培训基地揭牌");
        let s = headlines_after_shape(&lines);
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0][0],
            (Role::Headline, "鹤山区举办文明志愿者培训".to_owned())
        );
        assert_eq!(
            s[0][1],
            (Role::Subheadline, "进一步提升志愿服务水平".to_owned())
        );
        assert_eq!(
            s[0][2].1,
            "为深入打好污染防治攻坚战，坚持精准、科学、依法治污，以最严格的法治保护生态环境，形成有效震慑，引导企业自主守法。"
        );
        assert_eq!(
            s[1][0],
            (Role::Headline, "市交通运输行业党建培训基地揭牌".to_owned())
        );
        assert_eq!(
            s[1][1],
            (
                Role::Body,
                "本报讯（记者 王凤侠）11月20日下午，鹤山区委社工部、共青团鹤山区委联合举办培训会。"
                    .to_owned()
            )
        );
    }

    #[test]
    fn headlines_before_the_body_open_their_article() {
        let mut lines = vec!["鹤山区举办文明志愿者培训"];
        lines.extend(BODY_A);
        lines.push("市交通运输行业党建培训基地揭牌");
        lines.extend([
            "本报讯（记者 王凤侠）11月20日下午，鹤山",
            "区委联合举办培训会。",
        ]);
        let (articles, orientation) = page(&lines);
        assert_eq!(orientation, Orientation::HeadlinesBefore);
        let s = shape(&articles);
        assert_eq!(s[0][0].1, "鹤山区举办文明志愿者培训");
        assert_eq!(s[1][0].1, "市交通运输行业党建培训基地揭牌");
        assert_eq!(s[1][1].0, Role::Body);
    }

    #[test]
    fn glued_headline_is_split_from_the_next_dateline() {
        let mut lines = BODY_A.to_vec();
        lines.push("淇滨区开展“社保服务进万家”活动");
        lines.push("政策解读面对面 温暖服务心贴心本 报 讯 （记 者 李 拥 军）11 月 21");
        lines.extend([
            "日，市交通运输局联合淇县兴达公交公",
            "司举办揭牌活动。",
            "市交通运输行业党建培训基地揭牌",
        ]);
        let s = shape(&page(&lines).0);
        assert_eq!(
            s[0][1],
            (
                Role::Subheadline,
                "政策解读面对面 温暖服务心贴心".to_owned()
            )
        );
        assert_eq!(
            s[1][1].1,
            "本报讯（记者 李拥军）11月21日，市交通运输局联合淇县兴达公交公司举办揭牌活动。"
        );
    }

    #[test]
    fn subheads_source_notes_banners_captions_continuations() {
        let mut lines = BODY_A.to_vec();
        lines.extend([
            "案情简介：",
            "鹤壁市龙海通用机械制造厂位于鹤",
            "壁市山城区石林镇西寺望台村。",
            "（市生态环境局供稿）",
        ]);
        lines.push("鹤壁市生态环境违法典型案例（一）");
        lines.push("建设十有城市 解码幸福生活\n街 道 社 区 谈");
        lines.extend([
            "（上 接 第 一 版）希 望 广 大 企 业 家 聚 焦 主",
            "营主业。",
            "一周一银行 一周一专场",
        ]);
        lines.push("市交通运输行业党建培训基地揭牌活动现场   本报记者 李拥军 摄");
        let (articles, _) = page(&lines);
        let kinds: Vec<ArticleKind> = articles.iter().map(|a| a.kind).collect();
        assert_eq!(
            kinds,
            [
                ArticleKind::Article,
                ArticleKind::SectionBanner,
                ArticleKind::Continuation,
                ArticleKind::CaptionOnly
            ]
        );
        let s = shape(&articles);
        assert_eq!(
            s[0][0],
            (
                Role::Headline,
                "鹤壁市生态环境违法典型案例（一）".to_owned()
            )
        );
        assert_eq!(s[0][2], (Role::Subhead, "案情简介：".to_owned()));
        assert_eq!(
            s[0].last().cloned(),
            Some((Role::Source, "（市生态环境局供稿）".to_owned()))
        );
        assert_eq!(
            s[1],
            [
                (Role::Section, "建设十有城市 解码幸福生活".to_owned()),
                (Role::Section, "街道社区谈".to_owned())
            ]
        );
        assert_eq!(
            s[2][0],
            (Role::Headline, "一周一银行 一周一专场".to_owned())
        );
        assert_eq!(
            s[3],
            [(
                Role::Caption,
                "市交通运输行业党建培训基地揭牌活动现场 本报记者 李拥军 摄".to_owned()
            )]
        );
    }

    #[test]
    fn paragraph_breaks_from_short_lines_and_indents() {
        let lines = [
            "会上，市志愿服务联合会负责人围",
            "绕文明志愿服务基本规范和沟通技巧",
            "进行了讲解，分享了志愿服务知识。",
            "鹤山区相关负责人表示，下一步，",
            "将以此次培训为契机，逐步提升志愿服",
            "务水平。",
            "此次培训为期 12 天，计划培育高素",
            "质农民 50 人。",
        ];
        let s = shape(&page(&lines).0);
        let bodies: Vec<&str> = s.iter().flatten().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            bodies,
            [
                "会上，市志愿服务联合会负责人围绕文明志愿服务基本规范和沟通技巧进行了讲解，分享了志愿服务知识。",
                "鹤山区相关负责人表示，下一步，将以此次培训为契机，逐步提升志愿服务水平。",
                "此次培训为期12天，计划培育高素质农民50人。",
            ]
        );
    }

    #[test]
    fn page_header_is_its_own_article() {
        let mut lines = vec!["第 3 版 综合 2024 年 6 月 20 日 星期四 版面编辑：赵六"];
        lines.extend(BODY_A);
        let (articles, _) = page(&lines);
        assert_eq!(articles[0].kind, ArticleKind::PageHeader);
        assert_eq!(
            articles[0].blocks[0].text,
            "第3版 综合 2024年6月20日 星期四 版面编辑：赵六"
        );
    }

    /// A long page proposed in chunks is proposed exactly as a whole.
    fn chunked_equals_whole(text: &str, chunk_lines: usize) {
        let raw = RawText::new("t.txt", text, Encoding::Utf8, LineEnding::Lf);
        for record in [Record::All, Record::Doubts] {
            let whole = parts(propose_in_chunks(&raw, record, usize::MAX));
            let chunked = parts(propose_in_chunks(&raw, record, chunk_lines));
            assert_eq!(chunked, whole, "chunks of {chunk_lines} lines");
        }
    }

    /// A proposal as comparable parts: articles, layout, decisions.
    fn parts(p: Proposal) -> (Vec<Article>, PageLayout, Decisions) {
        (p.articles, p.layout, p.decisions)
    }

    #[test]
    fn chunked_equals_whole_on_the_seed() {
        let seed = include_str!("../../../tests/data/seed_page.txt");
        let page = seed.repeat(5);
        for n in [3, 10, 40, 100, 333, 1000] {
            chunked_equals_whole(&page, n);
        }
        // Joined without a line end, a blank line before, CRLF-free text.
        chunked_equals_whole(&format!("{seed}{seed}\n\n{seed}"), 50);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        #[test]
        fn chunked_equals_whole_on_any_text(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                4 => "[一-龥]{1,6}",
                2 => proptest::sample::select(vec!["，", "。", "、", "：", "“", "”", "（", "）", "——", "□"]).prop_map(str::to_owned),
                1 => "[0-9]{1,4}",
                3 => proptest::sample::select(vec![" ", "  ", "\n", "\n\n", "\u{3000}", " \n"]).prop_map(str::to_owned),
                2 => proptest::sample::select(vec!["本报讯（记者 王凤侠）", "据新华社长沙11月21日电（记者 姜琳", "\n□本报记者 苗苗\n", "\n（上接第一版）", "\n（市生态环境局供稿）\n", "摄\n", "\n第 3 版 综合 2024 年 6 月 20 日 星期四\n", "\n本报讯（记者 李拥军）", "\n图为活动现场 本报记者 李拥军 摄\n"]).prop_map(str::to_owned),
            ], 0..300),
            chunk_lines in 1usize..30,
        ) {
            let text = pieces.concat();
            let raw = RawText::new("t.txt", &text, Encoding::Utf8, LineEnding::Lf);
            let whole = parts(propose_in_chunks(&raw, Record::All, usize::MAX));
            let chunked = parts(propose_in_chunks(&raw, Record::All, chunk_lines));
            proptest::prop_assert_eq!(chunked, whole);
        }
    }
}
