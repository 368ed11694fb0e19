//! The segmenter: from the lines of a raw page to the proposed structure.
//!
//! Paragraphs are rebuilt from column width and line endings; roles are
//! given; headline stacks are attached to their article; glued lines are
//! split; captions, banners, source notes and continuations are found.

use crate::chars::cell_width;
use crate::doubt::{
    BlockIndex, Choice, Decision, Decisions, Evidence, Flip, Kind, NEAR_CELLS, Record,
};
use crate::layout::{
    CUTS, Line, blank_lines_from, column_width, column_width_of, for_each_line, glued_dateline,
    is_byline, is_caption, is_colon_subhead, is_page_header, is_page_header_part, is_source_note,
    is_title_line, is_titleish, only_phrase_commas, opens_article, uses_blank_lines,
};
use crate::page::{Article, ArticleKind, Block, CharSource, LineSpan, RawText, Role, Span};

mod geometry;

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
    /// A caption, and whether the page image shows it right above the
    /// next line with no text right above it ([`Line::over_next`]).
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

/// The page's layout facts the segmenter inferred, for display and tests.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageLayout {
    /// Column width in cells.
    pub column_cells: f32,
    /// Whether visual lines are separated by blank lines.
    pub blank_lines: bool,
    /// Where headline stacks sit.
    pub orientation: Orientation,
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

/// [`propose_recording`] with chunks of about `chunk_lines` raw lines.
fn propose_in_chunks(raw: &RawText, record: Record, chunk_lines: usize) -> Proposal {
    let notes = Notes {
        decisions: Decisions::new(record),
        ocr: raw.geometry().is_some() || crate::ocr::reads_like_ocr(raw.text()),
        titleish: Vec::new(),
    };
    // The page image's geometry moves lines across the page (reading
    // order), so a page with boxes is read whole; OCR pages are small.
    if raw.lines().len() <= chunk_lines || raw.geometry().is_some() {
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
fn propose_whole(raw: &RawText, mut notes: Notes) -> Proposal {
    let spans = raw.lines();
    let text = raw.text();
    let mut chunk = Chunk::read(text, &mut TextCursor::default(), spans, 0, spans.len());
    if let Some(geometry) = raw.geometry() {
        geometry::rows_split_at_gutters(&mut chunk.lines, &chunk.chars, geometry);
        geometry::read_geometry(&mut chunk.lines, geometry);
        geometry::row_pieces_rejoined(&mut chunk.lines, geometry);
        geometry::title_halves_rejoined(&mut chunk.lines, geometry);
        geometry::titles_rejoined(&mut chunk.lines, geometry);
        geometry::kickers_rejoined(&mut chunk.lines, geometry);
        geometry::stacks_before_their_text(&mut chunk.lines, geometry);
        geometry::lower_bands(&mut chunk.lines, geometry);
        geometry::lines_over_the_next(&mut chunk.lines, geometry);
    }
    let col = column_width(&chunk.lines);
    let blank_lines = uses_blank_lines(&chunk.lines);
    let gaps = Gaps::of(blank_lines, notes.ocr && raw.geometry().is_none());
    let (units, line_ends) = group_lines(&chunk.lines, col, 0, None, gaps);
    let zone = title_zone(&chunk.lines, col, true);
    let items = to_items(&chunk.chars, &units, col, blank_lines, &zone, &mut notes);
    let glued = chunk.lines.iter().any(|l| l.glued_title);
    let orientation = page_orientation(glued, notes.ocr, &items, &mut notes.decisions);
    notes.settle_titleish(orientation);
    let articles = assemble(
        items,
        orientation,
        chunk.chars.as_slice(),
        &mut notes.decisions,
    );
    let mut decisions = notes.decisions;
    decisions.reserve(chunk.lines.len());
    let owners = BlockIndex::new(&articles);
    let mut prev = None;
    record_line_ends(
        &chunk.lines,
        &line_ends,
        &zone,
        0,
        &owners,
        &mut prev,
        &mut decisions,
    );
    finish_proposal(
        articles,
        PageLayout {
            column_cells: col,
            blank_lines,
            orientation,
        },
        decisions,
    )
}

/// Where headlines sit on the page: before their bodies on a page an OCR
/// engine read (it reads top to bottom, and a headline is printed above
/// its text), after their bodies when a headline was glued onto the next
/// dateline, else as the page's two ends say. Recorded
/// as one decision at the page's first headline stack (none without one).
fn page_orientation(
    glued: bool,
    ocr: bool,
    items: &[Item],
    decisions: &mut Decisions,
) -> Orientation {
    let (orientation, evidence) = if ocr {
        (Orientation::HeadlinesBefore, Evidence::VisualOrder)
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
    let col = column_width_of(plan.widths);
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
        let chunk = Chunk::read(text, &mut cursor, spans, w[0], w[1]);
        // What the grouping needs to know of the next chunk's first line.
        let after = plan.cuts.get(k).map(|&(single, opens)| Facts {
            single,
            opens,
            colon: false,
            title: false,
            dash: false,
            odd_width: false,
        });
        let gaps = Gaps::of(blank_lines, notes.ocr && raw.geometry().is_none());
        let (units, line_ends) = group_lines(&chunk.lines, col, position, after.as_ref(), gaps);
        let zone = title_zone(&chunk.lines, col, zone_may_start);
        if let (Some(last), Some(&z)) = (chunk.lines.last(), zone.last()) {
            zone_may_start = zone_starts_after(last, z);
        }
        let from = items.len();
        let decided = notes.decisions.list.len();
        let titleish = notes.titleish.len();
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
            for d in &mut notes.decisions.list[decided..] {
                d.shift(chunk.base);
            }
            for (first, last) in &mut notes.titleish[titleish..] {
                *first += chunk.base;
                *last += chunk.base;
            }
        }
        glued |= chunk.lines.iter().any(|l| l.glued_title);
        all_ends.extend_from_slice(&line_ends);
        all_zone.extend_from_slice(&zone);
        position += chunk.lines.len();
    }
    let orientation = page_orientation(glued, notes.ocr, &items, &mut notes.decisions);
    notes.settle_titleish(orientation);
    let articles = assemble(items, orientation, raw.chars(), &mut notes.decisions);
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
            chunk.base,
            &owners,
            &mut prev,
            &mut decisions,
        );
        position += n;
    }
    finish_proposal(
        articles,
        PageLayout {
            column_cells: col,
            blank_lines,
            orientation,
        },
        decisions,
    )
}

/// What the segmenter records while it builds blocks.
struct Notes {
    decisions: Decisions,
    /// Whether an OCR engine read the page (its marks may be misread).
    ocr: bool,
    /// Title-like paragraphs that read like no heading, as the raw offsets
    /// of their first and last glyph: what each may be instead of body
    /// waits for the page's orientation ([`Notes::settle_titleish`]).
    titleish: Vec<(usize, usize)>,
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
    fn titleish_paragraph(&mut self, chars: &[char], lines: &[Line]) -> Block {
        let block = self.block_text(chars, lines, Role::Body);
        if let (Some(first), Some(last)) = (block.spans.first(), block.spans.last()) {
            self.titleish
                .push((first.start, last.end.saturating_sub(1)));
        }
        block
    }

    /// Builds a block's text, recording its space and mark decisions.
    fn block_text(&mut self, chars: &[char], lines: &[Line], role: Role) -> Block {
        let built =
            crate::normalize::block_text_read(chars, lines, role, self.decisions.record, self.ocr);
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
        for (first, last) in std::mem::take(&mut self.titleish) {
            let span = [Span {
                start: first,
                end: last + 1,
            }];
            let d = if orientation == Orientation::HeadlinesAfter {
                role_decision(
                    &span,
                    Role::Body,
                    Role::Headline,
                    Evidence::HeadlineAfterBody,
                )
                .map(|d| d.with_flip(Flip::TitleOfArticleBefore))
            } else {
                role_decision(
                    &span,
                    Role::Body,
                    Role::Subhead,
                    Evidence::TitleishParagraph,
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
fn record_line_ends(
    lines: &[Line],
    ends: &[Evidence],
    zone: &[bool],
    base: usize,
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
            credit: is_caption(line) && line.glyphs.last() == Some(&'摄'),
            dateline: opens,
            last,
        };
        if let Some(p) = prev.replace(here) {
            let before = p.last;
            let joined = owners
                .locate_from(&mut cursor, before)
                .is_some_and(|b| Some(b) == owners.locate_from(&mut cursor, first));
            let ruled = p.end;
            let mut evidence = match (joined, ends_join(ruled)) {
                (true, true) | (false, false) => ruled,
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
            // that opens with a dateline, which is running text.
            let next_alone = opens || is_byline(line) || is_caption(line);
            if !joined && next_alone && (titleish || evidence == Evidence::StandsAlone) {
                evidence = Evidence::NextStandsAlone;
            } else if titleish {
                evidence = if !joined && p.credit {
                    Evidence::CreditEndsCaption
                } else if p.dateline {
                    Evidence::DatelineLine
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
            | Evidence::GapAfterSentence
            | Evidence::PhotoNoteEndsTitle
            | Evidence::NextStandsAlone
            | Evidence::HeadingNext
            | Evidence::MidSentence
            | Evidence::OpenBracket
            | Evidence::ShortLine
            | Evidence::NearlyFullLine
            | Evidence::TitleWrap
            | Evidence::TitleNext
    )
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
    last: usize,
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
    matches!(line.glyphs.last(), Some('，' | '、' | ','))
}

/// Whether a line-end rule joins the lines.
fn ends_join(e: Evidence) -> bool {
    matches!(
        e,
        Evidence::MidSentence
            | Evidence::OpenBracket
            | Evidence::SentenceEndAtFullLine
            | Evidence::ShortFirstLine
            | Evidence::TitleWrap
    )
}

/// A position in a text, in bytes and chars, that only moves forward.
#[derive(Clone, Copy, Debug, Default)]
struct TextCursor {
    byte: usize,
    char: usize,
}

impl TextCursor {
    /// Moves to char offset `to` (never backwards) and returns its byte offset.
    fn seek(&mut self, text: &str, to: usize) -> usize {
        if to > self.char {
            let rest = text.get(self.byte..).unwrap_or("");
            let n = to - self.char;
            let len = rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i);
            self.byte += len;
            self.char = to;
        }
        self.byte
    }
}

/// The lines of raw lines `first..end`, read on their own chars (offsets
/// relative to the first line's start).
struct Chunk {
    /// Char offset of the chunk in the page.
    base: usize,
    chars: Vec<char>,
    lines: Vec<Line>,
}

impl Chunk {
    fn read(
        text: &str,
        cursor: &mut TextCursor,
        spans: &[LineSpan],
        first: usize,
        end: usize,
    ) -> Self {
        let (Some(head), Some(last)) = (spans.get(first), spans.get(end.wrapping_sub(1))) else {
            return Self {
                base: 0,
                chars: Vec::new(),
                lines: Vec::new(),
            };
        };
        let base = head.start();
        let byte = cursor.seek(text, base);
        let n = last.end().saturating_sub(base);
        // Decoded into a buffer of the right size (no growth checks).
        let mut chars = vec!['\0'; n];
        let mut filled = 0;
        for (slot, c) in chars.iter_mut().zip(text.get(byte..).unwrap_or("").chars()) {
            *slot = c;
            filled += 1;
        }
        chars.truncate(filled);
        // Offsets relative to the chunk's start.
        let local: Vec<Span> = spans[first..end]
            .iter()
            .map(|s| Span::new(s.start() - base, s.end() - base))
            .collect();
        let mut lines = Vec::with_capacity(local.len());
        for_each_line(&chars, &local, |line| split_glued(&chars, line, &mut lines));
        Self { base, chars, lines }
    }
}

/// Where the chunks of a long page start, and the line facts measured on the
/// whole page.
struct ChunkPlan {
    /// Raw line index of each chunk's first line, then the number of lines.
    starts: Vec<usize>,
    /// The width of every line.
    widths: Vec<f32>,
    /// Number of lines.
    lines: usize,
    /// Number of lines after the first with a blank line before them.
    with_blank: usize,
    /// For each cut, what its line is: the kind of unit it stands alone as,
    /// and whether it opens an article (a continuation: `Some(true)`).
    cuts: Vec<(Option<UnitKind>, Option<bool>)>,
}

/// Reads the page in windows of about `chunk_lines` raw lines and cuts it
/// before lines that open a unit of their own.
fn plan_chunks(text: &str, spans: &[LineSpan], chunk_lines: usize) -> ChunkPlan {
    let mut plan = ChunkPlan {
        starts: vec![0],
        widths: Vec::new(),
        lines: 0,
        with_blank: 0,
        cuts: Vec::new(),
    };
    let mut cursor = TextCursor::default();
    let mut start = 0;
    let mut window = chunk_lines.max(1);
    while start < spans.len() {
        let end = start.saturating_add(window).min(spans.len());
        let chunk = Chunk::read(text, &mut cursor, spans, start, end);
        let cut = if end == spans.len() {
            None
        } else {
            chunk_cut(&chunk.lines)
        };
        let (take, next) = match cut {
            Some(at) => {
                let line = &chunk.lines[at];
                plan.cuts
                    .push((single_line_kind(line, usize::MAX), opens_article(line)));
                // The new chunk takes the blank lines before its first line.
                (at, start + chunk.lines[at - 1].index + 1)
            }
            None if end == spans.len() => (chunk.lines.len(), end),
            None => {
                // No place to cut: read a longer window.
                window = window.saturating_mul(2);
                continue;
            }
        };
        for line in &chunk.lines[..take] {
            if plan.lines > 0 && line.blank_before {
                plan.with_blank += 1;
            }
            plan.lines += 1;
            plan.widths.push(line.width);
        }
        plan.starts.push(next);
        start = next;
        window = chunk_lines.max(1);
    }
    plan
}

/// The last line of a window before which the page can be cut: it opens a
/// unit of its own that is not a title, and it is the first part of its raw
/// line. Not in the first half of the window, so chunks do not get small.
fn chunk_cut(lines: &[Line]) -> Option<usize> {
    let from = (lines.len() / 2).max(3);
    (from..lines.len()).rev().find(|&i| {
        let line = &lines[i];
        let kind = single_line_kind(line, usize::MAX);
        let cuts = match kind {
            Some(UnitKind::Title) => false,
            Some(_) => true,
            None => opens_article(line).is_some(),
        };
        cuts && lines[i - 1].index != line.index
    })
}

/// Splits a headline glued onto a dateline from it, appending the parts to
/// `out`.
fn split_glued(chars: &[char], mut line: Line, out: &mut Vec<Line>) {
    let at = glued_dateline(&line.glyphs).or_else(|| glued_by_spacing(&line));
    match at {
        Some(at) if is_titleish_prefix(&line.glyphs[..at]) => {
            let tail = line.split_off(chars, at);
            line.glued_title = true;
            out.push(line);
            out.push(tail);
        }
        _ => out.push(line),
    }
}

/// Where a letter-spaced run of text begins after an unspaced one on the
/// same raw line: two text boxes that extraction put on one line, a
/// headline's last line and the next body's first
/// (`实际利润 650 万美元 本 报 成 都 1 月 11 日 讯 （ 记 者`). The unspaced run
/// has at least four glyphs, three pairs of ideographs side by side and no
/// space between two ideographs; the spaced one at least six glyphs, nearly
/// all of them spaced.
fn glued_by_spacing(line: &Line) -> Option<usize> {
    let o = &line.offsets;
    let g = &line.glyphs;
    let n = g.len();
    if n < 10 {
        return None;
    }
    let gap = |i: usize| o[i + 1] - o[i] - 1;
    let wide = |c: char| !c.is_ascii();
    // The first gap between two ideographs ends the unspaced run.
    let p = (0..n - 1).find(|&i| gap(i) > 0 && wide(g[i]) && wide(g[i + 1]))? + 1;
    // Unspaced: at least three neighbouring ideographs with nothing
    // between them (digits and Latin are spaced in any line).
    let ideo = crate::chars::is_ideograph;
    let tight = (0..p - 1).filter(|&i| ideo(g[i]) && ideo(g[i + 1])).count();
    if p < 4 || n - p < 6 || tight < 3 {
        return None;
    }
    let spaced = (p..n - 1).filter(|&i| gap(i) > 0).count();
    (spaced * 10 >= (n - 1 - p) * 9).then_some(p)
}

fn is_titleish_prefix(glyphs: &[char]) -> bool {
    glyphs.len() >= crate::layout::GLUED_MIN
        && !glyphs.iter().any(|&c| crate::chars::is_sentence_punct(c))
        && glyphs.iter().filter(|&&c| c == '、').count() <= 1
}

fn single_line_kind(line: &Line, position: usize) -> Option<UnitKind> {
    if position < 3 && (is_page_header(line) || is_page_header_part(line)) {
        Some(UnitKind::PageHeader)
    } else if is_caption(line) {
        Some(UnitKind::Caption)
    } else if is_source_note(line) {
        Some(UnitKind::Source)
    } else if is_byline(line) {
        Some(UnitKind::Byline)
    } else if line.glued_title || line.tall {
        Some(UnitKind::Title)
    } else {
        None
    }
}

/// Whether `line` looks like the first line of an indented paragraph: about
/// two cells short of the column.
fn looks_indented(line: &Line, col: f32) -> bool {
    line.indented || (line.width >= col - CUTS.short_first && line.width < col - CUTS.slack)
}

/// Whether a line of ideographs only is set at a width that no line of
/// running text has: a full line fills the column and a paragraph's first
/// line is two cells short, whole glyphs each (`她又将面临新的局面和挑战`, 12
/// cells in a 15-cell column). Lines with punctuation, digits or Latin are
/// left out: squeezed punctuation and Latin make their widths vary.
fn is_odd_width(line: &Line, col: f32) -> bool {
    line.glyphs.len() >= 4
        && line.glyphs.iter().all(|&c| crate::chars::is_ideograph(c))
        && (line.width - col).abs() >= CUTS.slack
        && (line.width - (col - CUTS.indent)).abs() >= CUTS.slack
        && line.width < col + CUTS.slack
}

/// What the grouping needs to know of each line, worked out once.
#[derive(Clone, Copy, Debug)]
struct Facts {
    /// A line that stands alone (caption, byline, …).
    single: Option<UnitKind>,
    /// Opens an article: `Some(true)` for a continuation marker.
    opens: Option<bool>,
    /// A short heading ending with a colon.
    colon: bool,
    /// Could be a title.
    title: bool,
    /// A subheadline opening with a dash.
    dash: bool,
    /// A title line of ideographs only whose width is neither the column's
    /// nor an indented first line's: no line of running text is set so.
    odd_width: bool,
}

impl Facts {
    /// Whether the line can only stand on its own or open an article.
    fn special(&self) -> bool {
        self.single.is_some() || self.opens.is_some()
    }
}

fn facts(lines: &[Line], col: f32, position: usize, after: Option<&Facts>) -> Vec<Facts> {
    let mut facts: Vec<Facts> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| Facts {
            single: single_line_kind(line, position + i),
            opens: opens_article(line),
            colon: is_colon_subhead(line),
            title: is_title_line(line, col) && !line.body_size,
            dash: is_dash_title(line) && !line.body_size,
            odd_width: false,
        })
        .collect();
    // Only where a title may stand: after a paragraph's end (not a
    // heading's colon) or a line that stands alone.
    for i in 0..facts.len() {
        let after_end = i.checked_sub(1).is_none_or(|p| {
            facts[p].single.is_some()
                || lines[p].ends_terminal() && lines[p].glyphs.last() != Some(&'：')
        });
        // …and not reading on into a full line (`…氮氧化物的主` / `要来源…`).
        let next_full = lines
            .get(i + 1)
            .is_some_and(|n| n.width >= col - CUTS.slack);
        facts[i].odd_width =
            facts[i].title && after_end && !next_full && is_odd_width(&lines[i], col);
    }
    // A title-like line reads on when the next line is a full line of
    // running text (`对于f组和h组6个队21日进` / `行的3场比赛，有…`), or when
    // the line before is a full line that stops mid-sentence: it is part of
    // a paragraph. Titles are followed by titles, openers, or a paragraph's
    // indented first line, and follow a sentence end.
    let full = |l: &Line| l.width >= col - CUTS.slack;
    // First, a title-like line that fills the column exactly and is followed
    // by running text that ends a sentence or fills the column too: it is
    // a line of a paragraph broken at the column edge
    // (`和详细图片才真正看清电站的整个布` / `局。`).
    for i in 0..facts.len() {
        if facts[i].title
            && (lines[i].width - col).abs() < CUTS.slack
            && let (Some(next), Some(nf)) = (lines.get(i + 1), facts.get(i + 1))
            && !nf.title
            && !nf.special()
            && !nf.colon
            && (next.ends_terminal() || full(next))
        {
            facts[i].title = false;
        }
    }
    // A line right before a dateline that ends no sentence cannot be a
    // paragraph's last line: it is a headline, commas and all
    // (`只要解放了思想，就没有解决不了的难题` / `本报讯（记者 …`).
    // (The next line may be the next chunk's first: `after`.)
    for i in 0..facts.len() {
        let line = &lines[i];
        let next_opens = facts.get(i + 1).or(after).and_then(|f| f.opens);
        if !facts[i].title
            && !line.body_size
            && !facts[i].special()
            && next_opens == Some(false)
            && !line.ends_terminal()
            && !matches!(line.glyphs.last(), Some('，' | ',' | '、'))
            && only_phrase_commas(line)
            && line.glyphs.len() >= 4
        {
            facts[i].title = true;
        }
    }
    let titles: Vec<bool> = facts.iter().map(|f| f.title).collect();
    for i in 0..facts.len() {
        if !titles[i] {
            continue;
        }
        // …or when the next line opens with what no line opens with (`的`,
        // `了`, a comma): it goes on from this one.
        let next_reads_on = lines
            .get(i + 1)
            .zip(facts.get(i + 1))
            .is_some_and(|(next, nf)| {
                !nf.title
                    && !nf.special()
                    && !nf.colon
                    && next.body_size == lines[i].body_size
                    && (full(next) || opens_mid_phrase(next))
            });
        // (Never across sizes the page image shows apart: running text does
        // not read on into a larger line, nor out of one.)
        let prev_reads_on = i.checked_sub(1).is_some_and(|p| {
            !titles[p]
                && !facts[p].special()
                && !lines[p].ends_terminal()
                && full(&lines[p])
                && lines[p].body_size == lines[i].body_size
        });
        if (next_reads_on || prev_reads_on) && !facts[i].odd_width {
            facts[i].title = false;
        }
    }
    facts
}

/// Whether a line opens with a particle or a punctuation mark that never
/// begins a line of its own: it goes on from the line before.
fn opens_mid_phrase(line: &Line) -> bool {
    line.glyphs
        .first()
        .is_some_and(|&c| "的了着地得之，。、；：？！）》”』".contains(c))
}

/// What a blank line between two lines says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gaps {
    /// Nothing: the extractor puts one after every line.
    Layout,
    /// A gap the extractor or engine saw: after a sentence's end, a
    /// paragraph's end.
    Paragraphs,
    /// In an engine's plain text (no boxes): after a comma too, the
    /// engine's misread full stop.
    EngineParagraphs,
}

impl Gaps {
    /// What blank lines say on a page that has one after (nearly) every
    /// line or not (`blank_lines`), plain OCR text or not.
    fn of(blank_lines: bool, ocr_text: bool) -> Self {
        if blank_lines {
            Self::Layout
        } else if ocr_text {
            Self::EngineParagraphs
        } else {
            Self::Paragraphs
        }
    }
}

/// Whether the paragraph that line `i` belongs to goes on past it.
///
/// Running text that stops mid-sentence goes on. A line that ends a sentence
/// ends the paragraph when it is short (a first line, which is indented, must
/// be clearly shorter) or when the next line is indented.
fn continues(
    lines: &[Line],
    facts: &[Facts],
    i: usize,
    col: f32,
    (first, gaps): (bool, Gaps),
) -> Evidence {
    let line = &lines[i];
    // The next line's facts may be those of the next chunk's first line,
    // which always stands alone or opens an article.
    let Some(nf) = facts.get(i + 1) else {
        return Evidence::StandsAlone;
    };
    // The image shows the next line in a lower band of the page, in other
    // columns (`lower_band` only comes from an OCR page's boxes).
    if lines.get(i + 1).is_some_and(|n| n.lower_band) {
        return Evidence::LowerBand;
    }
    if nf.special() {
        return if nf.opens.is_some() && ends_mid_clause(line) {
            Evidence::OpensAfterComma
        } else {
            Evidence::NextStandsAlone
        };
    }
    let Some(next) = lines.get(i + 1) else {
        return Evidence::StandsAlone;
    };
    // The image shows one line at the running text's size and the other
    // larger (`body_size` only comes from an OCR page's boxes): a title
    // and running text are never one block.
    if line.body_size != next.body_size {
        return Evidence::OtherSize;
    }
    // Where lines follow each other without blank lines, a blank line is
    // a gap the engine or extractor saw: after a sentence's end, the
    // paragraph ends there (after a comma too in an engine's plain text:
    // a misread full stop, which `comma_ends_paragraph` then repairs).
    let sentence_end = match gaps {
        Gaps::Layout => false,
        Gaps::Paragraphs => line.ends_terminal(),
        Gaps::EngineParagraphs => {
            line.ends_terminal() || matches!(line.glyphs.last(), Some('，' | ','))
        }
    };
    if sentence_end && next.blank_before {
        return Evidence::GapAfterSentence;
    }
    // A short line before a heading such as `案情简介：` ends what it closes.
    if nf.colon && (line.ends_terminal() || line.width < col - CUTS.short) {
        return Evidence::HeadingNext;
    }
    if line.has_open_bracket() {
        return Evidence::OpenBracket;
    }
    // A title ends with its photo note (`（图片）`): the next line is
    // another block.
    if line.ends_with_photo_note() {
        return Evidence::PhotoNoteEndsTitle;
    }
    // The image shows the next line indented (`body_size` and `indented`
    // together only come from an OCR page's boxes): a comma at the end of
    // this one is a misread full stop.
    if next.indented
        && next.body_size
        && line.body_size
        && matches!(line.glyphs.last(), Some('，' | ','))
    {
        return Evidence::CommaBeforeIndent;
    }
    // A semicolon or colon at a full line's end (`…就吃房檐水；`,
    // `…概括了12个字：`) ends a clause, not the paragraph, unless a title
    // follows: the next line goes on, whatever its width.
    let clause_end = matches!(line.glyphs.last(), Some('；' | ';' | '：' | ':'))
        && line.width >= col - CUTS.short
        && !nf.title
        && !nf.dash;
    if !line.ends_terminal() || clause_end {
        // A full line that ends with a closing bracket (`…引导消费（报刊文摘）`),
        // before a line two cells short that does not end a sentence: that
        // line can only be a paragraph's first, so this one ends a paragraph.
        if matches!(line.glyphs.last(), Some('）' | ')'))
            && line.width >= col - CUTS.short
            && looks_indented(next, col)
            && !next.ends_terminal()
        {
            return Evidence::BracketBeforeIndent;
        }
        // Inside a paragraph every line is full; a clearly short line that
        // stops mid-phrase ends a heading set in the body column.
        return if line.width >= col - CUTS.short_first {
            Evidence::MidSentence
        } else if first {
            Evidence::ShortFirstLine
        } else {
            Evidence::ShortMidPhrase
        };
    }
    let cut = if first {
        col - CUTS.short_first
    } else {
        col - CUTS.short
    };
    // A title right after a sentence end, itself followed by what follows
    // titles, is a headline printed after (or before) running text.
    let title_next = (nf.title && title_follows(facts, i + 1)) || nf.dash;
    if line.width < cut {
        if line.width >= cut - NEAR_CELLS {
            Evidence::NearlyFullLine
        } else {
            Evidence::ShortLine
        }
    } else if looks_indented(next, col) {
        Evidence::NextIndented
    } else if title_next {
        Evidence::TitleNext
    } else {
        Evidence::SentenceEndAtFullLine
    }
}

/// A subheadline opening with a dash (`——记…`).
fn is_dash_title(line: &Line) -> bool {
    matches!(line.glyphs.first(), Some('—' | '-')) && is_titleish(line) && line.glyphs.len() >= 4
}

/// Whether a title line stands where titles stand: before another title, a
/// dateline, a byline, a caption or the end of the page.
fn title_follows(facts: &[Facts], i: usize) -> bool {
    facts
        .get(i + 1)
        .is_none_or(|next| next.special() || next.colon || next.title)
}

/// Groups lines into units; also gives, for every line, the rule that
/// decided whether the next line joins it. `position` is the index of the
/// first line in the page's lines; `after` the facts of the line that
/// follows them on the page, when they are a chunk of it.
fn group_lines<'a>(
    lines: &'a [Line],
    col: f32,
    position: usize,
    after: Option<&Facts>,
    gaps: Gaps,
) -> (Vec<Unit<'a>>, Vec<Evidence>) {
    let mut facts = facts(lines, col, position, after);
    facts.extend(after.copied());
    let mut units: Vec<Unit<'_>> = Vec::new();
    let mut ends = vec![Evidence::StandsAlone; lines.len()];
    let mut open = false;
    let mut decide = |i: usize, first: bool| {
        let e = continues(lines, &facts, i, col, (first, gaps));
        ends[i] = e;
        ends_join(e)
    };
    for (i, line) in lines.iter().enumerate() {
        let f = &facts[i];
        if let Some(kind) = f.single {
            units.push(Unit {
                kind,
                start: i,
                lines: std::slice::from_ref(line),
                from_body: false,
            });
            open = false;
            continue;
        }
        if let Some(continuation) = f.opens {
            units.push(Unit {
                kind: UnitKind::Body {
                    starts: true,
                    continuation,
                },
                start: i,
                lines: std::slice::from_ref(line),
                from_body: false,
            });
            open = decide(i, true);
            continue;
        }
        if open && let Some(unit) = units.last_mut() {
            unit.lines = &lines[unit.start..=i];
            open = decide(i, false);
            continue;
        }
        // A title-like line that looks indented is still a title when the
        // next line opens a paragraph itself: a one-line paragraph without
        // a sentence end is a heading.
        let next_opens = lines.get(i + 1).is_some_and(|n| {
            (n.width - (col - CUTS.indent)).abs() <= CUTS.slack && !n.ends_terminal()
        });
        if f.dash
            || f.title
                && (title_follows(&facts, i)
                    || !looks_indented(line, col)
                    || next_opens
                    || f.odd_width)
        {
            units.push(Unit {
                kind: UnitKind::Title,
                start: i,
                lines: std::slice::from_ref(line),
                from_body: false,
            });
            open = false;
            continue;
        }
        if f.colon {
            units.push(Unit {
                kind: UnitKind::Subhead,
                start: i,
                lines: std::slice::from_ref(line),
                from_body: false,
            });
            open = false;
            continue;
        }
        units.push(Unit {
            kind: UnitKind::Body {
                starts: false,
                continuation: false,
            },
            start: i,
            lines: std::slice::from_ref(line),
            from_body: false,
        });
        open = decide(i, true);
    }
    retake_short_paragraphs(&mut units, gaps);
    if gaps == Gaps::EngineParagraphs {
        units = titles_glued_to_text(lines, &units, col);
    }
    (units, ends)
}

/// In an engine's plain text (no boxes), a blank line closes each of its
/// paragraphs, and a title is a paragraph of its own: title-like lines
/// with no blank line between them and the running text after them are
/// that text's first lines when they fill the column (`我们通过二楼接待室的精致模型` /
/// `和详细图片才真正看清电站的整个布` / `局。`), never a stack. A short one
/// stays a title: the engine does glue a headline onto its text
/// (`自己进监狱不说` / `坐车的人很多，不知为什么`).
fn titles_glued_to_text<'a>(lines: &'a [Line], units: &[Unit<'a>], col: f32) -> Vec<Unit<'a>> {
    let plain_body = |u: &Unit<'_>| {
        u.kind
            == UnitKind::Body {
                starts: false,
                continuation: false,
            }
    };
    let mut out: Vec<Unit<'a>> = Vec::with_capacity(units.len());
    let mut k = 0;
    while k < units.len() {
        // A run of titles, each glued to the next unit.
        let mut j = k;
        while j < units.len()
            && units[j].kind == UnitKind::Title
            && units[j]
                .lines
                .iter()
                .all(|l| l.width >= col - CUTS.short_first)
            && units
                .get(j + 1)
                .is_some_and(|n| n.lines.first().is_some_and(|l| !l.blank_before))
        {
            j += 1;
        }
        if j > k && plain_body(&units[j]) {
            let (start, end) = (units[k].start, units[j].start + units[j].lines.len());
            out.push(Unit {
                lines: &lines[start..end],
                start,
                ..units[j]
            });
            k = j + 1;
            continue;
        }
        out.push(units[k].clone());
        k += 1;
    }
    out
}

/// A short paragraph without any sentence punctuation is a title set in the
/// body column (`鹤壁市龙海通用机械制造厂未按规定进行监测并保存原始监测记录案`);
/// so is one that ends without a sentence end and holds no full stop
/// (`只要解放了思想，就没有解决不了的难题`): a paragraph ends a sentence.
fn retake_short_paragraphs(units: &mut [Unit<'_>], gaps: Gaps) {
    let engine = gaps == Gaps::EngineParagraphs;
    for unit in units {
        // In an engine's plain text a short paragraph is often a piece of
        // running text cut off at a column's foot; one with a comma inside
        // reads on as text, and so does one that ends on a comma (the
        // engine's misread full stop: `今天的怀来县已有了惊人的变化，`),
        // where no title ends.
        let clause_inside = engine
            && unit
                .lines
                .iter()
                .flat_map(|l| &l.glyphs)
                .rev()
                .skip(1)
                .any(|&c| matches!(c, '，' | ','));
        let ends_on_comma = engine
            && unit
                .lines
                .last()
                .is_some_and(|l| matches!(l.glyphs.last(), Some('，' | ',')));
        if clause_inside || ends_on_comma {
            continue;
        }
        if unit.kind
            == (UnitKind::Body {
                starts: false,
                continuation: false,
            })
            && unit.lines.len() <= 2
            && !unit.lines.iter().any(|l| l.body_size)
            && (unit.lines.iter().all(is_titleish)
                || unit.lines.last().is_some_and(|l| {
                    !l.ends_terminal()
                        && !l.has_open_bracket()
                        && !matches!(l.glyphs.last(), Some('）' | ')'))
                        && !unit.lines.iter().any(|l| {
                            l.glyphs
                                .iter()
                                .any(|&c| matches!(c, '。' | '；' | '！' | '？'))
                        })
                }))
        {
            unit.kind = UnitKind::Title;
            unit.from_body = true;
        }
    }
}

/// Whether a title unit reads as a heading inside an article: it ends with a
/// colon, starts with an enumerator (`一、`, `（一）`, `1.`), or is set as
/// an indented paragraph of the body column.
fn subhead_like(unit: &Unit<'_>, col: f32) -> bool {
    let g: Vec<char> = unit
        .lines
        .iter()
        .flat_map(|l| l.glyphs.iter().copied())
        .collect();
    let enumerated = g.len() >= 3
        && (("一二三四五六七八九十".contains(g[0]) && matches!(g[1], '、' | '是'))
            || (g[0] == '（' && "一二三四五六七八九十".contains(g[1]) && g[2] == '）')
            || (g[0].is_ascii_digit() && matches!(g[1], '.' | '．' | '、')));
    enumerated
        || g.last() == Some(&'：')
        || (unit.lines.len() == 2
            && looks_indented(&unit.lines[0], col)
            && !unit.lines[1].justified)
}

/// Whether a title line is a section banner: letter-spaced, short, all
/// ideographs (`街 道 社 区 谈`).
fn banner_like(unit: &Unit<'_>) -> bool {
    unit.lines.len() == 1
        && unit.lines[0].justified
        && (2..=6).contains(&unit.lines[0].glyphs.len())
        && unit.lines[0]
            .glyphs
            .iter()
            .all(|&c| crate::chars::is_ideograph(c))
}

/// A body paragraph, with what it may be instead: a heading unless it
/// reads like none; a title-like one that reads like no heading waits for
/// the page's orientation ([`Notes::settle_titleish`]).
fn paragraph(chars: &[char], unit: &Unit<'_>, col: f32, zone: &[bool], notes: &mut Notes) -> Block {
    let titleish = zone.get(unit.start).copied().unwrap_or(false);
    let heading = subhead_like(unit, col);
    if titleish && !heading {
        return notes.titleish_paragraph(chars, unit.lines);
    }
    notes.block(
        chars,
        unit.lines,
        Role::Body,
        if heading {
            Role::Subhead
        } else {
            Role::Headline
        },
        if titleish {
            Evidence::TitleishParagraph
        } else if unit.lines.len() <= 2 && unit.lines.last().is_some_and(|l| !l.ends_terminal()) {
            Evidence::UnendedParagraph
        } else {
            Evidence::Paragraph
        },
    )
}

fn to_items(
    chars: &[char],
    units: &[Unit<'_>],
    col: f32,
    blank_lines: bool,
    zone: &[bool],
    notes: &mut Notes,
) -> Vec<Item> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        match unit.kind {
            UnitKind::Title => {
                let end = (i..units.len())
                    .find(|&j| units[j].kind != UnitKind::Title)
                    .unwrap_or(units.len());
                let prev_body =
                    i > 0 && matches!(units[i - 1].kind, UnitKind::Body { .. } | UnitKind::Subhead);
                let next = units.get(end).map(|u| u.kind);
                let next_plain_body = matches!(
                    next,
                    Some(UnitKind::Body { starts: false, .. } | UnitKind::Subhead)
                );
                let in_article = prev_body
                    && next_plain_body
                    && end - i <= 2
                    && (subhead_like(&units[i], col) || next == Some(UnitKind::Subhead));
                if in_article {
                    heading_items(chars, &units[i..end], col, &mut items, notes);
                } else {
                    stack_items(chars, &units[i..end], blank_lines, &mut items, notes);
                }
                i = end;
                continue;
            }
            UnitKind::Body {
                starts,
                continuation,
            } => items.push(Item::Body {
                block: paragraph(chars, unit, col, zone, notes),
                starts,
                continuation,
            }),
            UnitKind::Subhead => {
                items.push(Item::Subhead(notes.block(
                    chars,
                    unit.lines,
                    Role::Subhead,
                    Role::Body,
                    Evidence::ColonHeading,
                )));
            }
            UnitKind::Byline => items.push(Item::Byline(notes.block(
                chars,
                unit.lines,
                Role::Byline,
                Role::Body,
                Evidence::Pattern,
            ))),
            UnitKind::Caption => {
                items.push(Item::Caption {
                    block: notes.block(
                        chars,
                        unit.lines,
                        Role::Caption,
                        Role::Body,
                        Evidence::Pattern,
                    ),
                    over_text: unit.lines.last().is_some_and(|l| l.over_next),
                });
            }
            UnitKind::Source => items.push(Item::Source(notes.block(
                chars,
                unit.lines,
                Role::Source,
                Role::Body,
                Evidence::Pattern,
            ))),
            UnitKind::PageHeader => {
                items.push(Item::PageHeader(notes.block(
                    chars,
                    unit.lines,
                    Role::PageHeader,
                    Role::Body,
                    Evidence::Pattern,
                )));
            }
        }
        i += 1;
    }
    items
}

/// Turns a run of (one or two) title units inside an article into headings.
fn heading_items(
    chars: &[char],
    units: &[Unit<'_>],
    col: f32,
    items: &mut Vec<Item>,
    notes: &mut Notes,
) {
    let heading = |notes: &mut Notes, lines: &[Line]| {
        Item::Subhead(notes.block(
            chars,
            lines,
            Role::Subhead,
            Role::Headline,
            Evidence::HeadingInArticle,
        ))
    };
    // A heading set in the body column wraps like a paragraph: a first line
    // of nearly the column's width makes the run one heading.
    if units.len() == 2
        && units[0].lines.len() == 1
        && units[0].lines[0].width >= col - CUTS.short_first
    {
        let lines: Vec<Line> = units.iter().flat_map(|u| u.lines.iter().cloned()).collect();
        items.push(heading(notes, &lines));
    } else {
        for u in units {
            items.push(heading(notes, u.lines));
        }
    }
}

/// Turns a run of title lines into headline stacks and section banners.
///
/// In a page with blank lines between visual lines, title lines with no blank
/// between them shared a text box: they join into one title, unless one is
/// letter-spaced and the other not (a kicker set to the headline's width).
/// A banner takes the title lines boxed with it.
fn stack_items(
    chars: &[char],
    units: &[Unit<'_>],
    blank_lines: bool,
    items: &mut Vec<Item>,
    notes: &mut Notes,
) {
    // Boxes: runs of lines that belong together.
    let mut boxes: Vec<Vec<Line>> = Vec::new();
    // Boxes made of a paragraph retaken as a title.
    let mut from_body: Vec<bool> = Vec::new();
    for u in units {
        let line = &u.lines[0];
        // A title broken over two lines fills its first line, and a
        // two-phrase title (a real space) is never broken.
        let joins = blank_lines
            && !line.blank_before
            && u.lines.len() == 1
            && !has_real_space(chars, line)
            && boxes.last().is_some_and(|b| {
                b.len() == 1
                    && b[0].justified == line.justified
                    && !banner_like(u)
                    && !has_real_space(chars, &b[0])
                    && b[0].width >= line.width - CUTS.box_line_shrink
            });
        // A title wider than its column wraps, leaving a stub of a line (or
        // a stub before the title's second phrase) that no kicker, headline
        // or subheadline would be: `…民间私营工商` / `业`.
        let wraps = u.lines.len() == 1
            && !banner_like(u)
            && boxes.last().is_some_and(|b| {
                b.last().is_some_and(|prev| {
                    prev.width >= CUTS.wrapped_title
                        && !prev.ends_terminal()
                        && !has_real_space(chars, prev)
                        && lead_phrase_cells(chars, line) <= CUTS.title_stub
                })
            });
        match boxes.last_mut() {
            Some(b)
                if joins
                    || wraps
                    || line.right_half
                    || b.last().is_some_and(|p| one_title_size(p, line)) =>
            {
                b.push(line.clone());
            }
            _ => {
                boxes.push(u.lines.to_vec());
                from_body.push(u.from_body);
            }
        }
    }
    let mut pending: Vec<Vec<Line>> = Vec::new();
    let mut pending_from_body: Vec<bool> = Vec::new();
    let mut k = 0;
    while k < boxes.len() {
        let as_unit = Unit {
            kind: UnitKind::Title,
            start: 0,
            lines: &boxes[k],
            from_body: false,
        };
        if banner_like(&as_unit) {
            let mut banner = vec![boxes[k].clone()];
            // The title boxed with the banner (no blank between), or a
            // two-phrase title right before it, is its motto.
            let boxed = blank_lines && !boxes[k][0].blank_before;
            let phrased = pending
                .last()
                .is_some_and(|b| b.len() == 1 && has_real_space(chars, &b[0]));
            if (boxed || phrased)
                && let Some(motto) = pending.pop()
            {
                pending_from_body.pop();
                banner.insert(0, motto);
            }
            if blank_lines
                && let Some(next) = boxes.get(k + 1)
                && !next[0].blank_before
                && next.len() == 1
                && !next[0].justified
            {
                banner.push(next.clone());
                k += 1;
            }
            flush_stack(chars, &mut pending, &mut pending_from_body, items, notes);
            let banner_at = usize::from(boxed || phrased);
            items.push(Item::Section(
                banner
                    .iter()
                    .enumerate()
                    .map(|(n, b)| {
                        let evidence = if n == banner_at {
                            Evidence::Banner
                        } else {
                            Evidence::Motto
                        };
                        notes.block(chars, b, Role::Section, Role::Headline, evidence)
                    })
                    .collect(),
            ));
        } else {
            pending.push(boxes[k].clone());
            pending_from_body.push(from_body.get(k).copied().unwrap_or(false));
        }
        k += 1;
    }
    flush_stack(chars, &mut pending, &mut pending_from_body, items, notes);
}

/// The width of a line's text up to its first real space (between phrases).
fn lead_phrase_cells(chars: &[char], line: &Line) -> f32 {
    let end = line
        .offsets
        .windows(2)
        .position(|w| is_real_space(chars, line.justified, w[0], w[1]))
        .map_or(line.glyphs.len(), |i| i + 1);
    line.glyphs[..end].iter().map(|&c| cell_width(c)).sum()
}

/// Whether a line holds a space that is part of its text (between phrases).
fn has_real_space(chars: &[char], line: &Line) -> bool {
    line.offsets
        .windows(2)
        .any(|w| is_real_space(chars, line.justified, w[0], w[1]))
}

/// Whether the gap between the glyphs at raw offsets `a < b` of a line is a
/// space of its text rather than of its layout (see
/// [`crate::normalize::is_text_space`]); outside letter spacing, only between
/// two non-ASCII glyphs (a space next to a Latin word or a number is how
/// Latin is set, not a phrase break).
fn is_real_space(chars: &[char], justified: bool, a: usize, b: usize) -> bool {
    crate::normalize::is_text_space(b - a - 1, justified)
        && (justified || (!chars[a].is_ascii() && !chars[b].is_ascii()))
}

const KICKER_ENDINGS: [&str; 10] = [
    "强调", "指出", "表示", "要求", "提出", "时", "说", "称", "上", "中",
];

fn flush_stack(
    chars: &[char],
    pending: &mut Vec<Vec<Line>>,
    from_body: &mut Vec<bool>,
    items: &mut Vec<Item>,
    notes: &mut Notes,
) {
    if pending.is_empty() {
        return;
    }
    let roles = stack_roles(pending);
    let blocks = pending
        .iter()
        .zip(roles)
        .zip(from_body.iter())
        .map(|((lines, (role, alternative, evidence)), &from_body)| {
            if from_body {
                notes.block(chars, lines, role, Role::Body, Evidence::TitleInBodyColumn)
            } else {
                notes.block(chars, lines, role, alternative, evidence)
            }
        })
        .collect();
    items.push(Item::Stack(blocks));
    pending.clear();
    from_body.clear();
}

/// Whether the page image shows two title lines set at one size
/// ([`crate::layout::ImageCuts::same_title_size`]), both set tall: one
/// headline broken over two lines. Never across two titles side by side
/// on one row; kickers and subheadlines, set near running text's size,
/// are too alike in size to be told apart by it.
fn one_title_size(a: &Line, b: &Line) -> bool {
    let larger = a.glyph_size.max(b.glyph_size);
    a.tall
        && b.tall
        && !b.title_apart
        && (a.glyph_size - b.glyph_size).abs() < CUTS.image.same_title_size * larger
}

/// Roles in a stack of titles the page image shows at different sizes: the
/// largest is the headline, those above it kickers, those below it
/// subheadlines. `None` without sizes, or where no title is larger than
/// every other by [`crate::layout::ImageCuts::same_title_size`].
fn roles_by_size(stack: &[Vec<Line>]) -> Option<Vec<(Role, Role, Evidence)>> {
    use Role::{Headline, Kicker, Subheadline};
    #[expect(clippy::cast_precision_loss, reason = "a title has few lines")]
    let sizes: Vec<f32> = stack
        .iter()
        .map(|b| b.iter().map(|l| l.glyph_size).sum::<f32>() / b.len().max(1) as f32)
        .collect();
    if sizes.len() < 2 || sizes.iter().any(|&s| s <= 0.0) {
        return None;
    }
    let (top, &largest) = sizes.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
    let apart = sizes
        .iter()
        .enumerate()
        .all(|(i, &s)| i == top || s * (1.0 + CUTS.image.same_title_size) <= largest);
    apart.then(|| {
        (0..sizes.len())
            .map(|i| match i.cmp(&top) {
                std::cmp::Ordering::Less => (Kicker, Headline, Evidence::TitleSizes),
                std::cmp::Ordering::Equal => (Headline, Subheadline, Evidence::TitleSizes),
                std::cmp::Ordering::Greater => (Subheadline, Headline, Evidence::TitleSizes),
            })
            .collect()
    })
}

/// Roles in a headline stack: one title is the headline; of two, the one that
/// reads as context (ends in `强调`, is letter-spaced, or is shorter and first)
/// is the kicker, else the second is the subheadline; of three or more, the
/// first is the kicker and the last the subheadline.
///
/// Each role comes with the competing role and the rule that chose it.
fn stack_roles(stack: &[Vec<Line>]) -> Vec<(Role, Role, Evidence)> {
    use Role::{Headline, Kicker, Subheadline};
    if let Some(roles) = roles_by_size(stack) {
        return roles;
    }
    let width = |b: &Vec<Line>| b.iter().map(|l| l.width).sum::<f32>();
    match stack {
        [_] => vec![(Headline, Role::Subhead, Evidence::OnlyTitle)],
        [a, b] => {
            let text: String = a.iter().map(Line::compact).collect();
            let b_text: String = b.iter().map(Line::compact).collect();
            let kicker_cue = KICKER_ENDINGS.iter().any(|e| text.ends_with(e));
            let spaced = a.iter().all(|l| l.justified) && !b.iter().all(|l| l.justified);
            let narrower = width(a) < width(b);
            let evidence = if b_text.starts_with('—') || b_text.starts_with("--") {
                Evidence::DashSubheadline
            } else if kicker_cue {
                Evidence::KickerCue
            } else if spaced {
                Evidence::LetterSpacedKicker
            } else if (width(a) - width(b)).abs() < NEAR_CELLS {
                Evidence::SimilarWidths
            } else if narrower {
                Evidence::NarrowerFirst
            } else {
                Evidence::WiderFirst
            };
            let kicker_first =
                evidence != Evidence::DashSubheadline && (kicker_cue || spaced || narrower);
            if kicker_first {
                vec![
                    (Kicker, Headline, evidence),
                    (Headline, Subheadline, evidence),
                ]
            } else {
                vec![
                    (Headline, Kicker, evidence),
                    (Subheadline, Headline, evidence),
                ]
            }
        }
        _ => {
            let last = stack.len() - 1;
            (0..stack.len())
                .map(|i| match i {
                    0 => (Kicker, Headline, Evidence::StackPosition),
                    i if i == last => (Subheadline, Headline, Evidence::StackPosition),
                    _ => (Headline, Subheadline, Evidence::StackPosition),
                })
                .collect()
        }
    }
}

/// Decides where headlines sit from the page's two ends: a page that opens
/// with running text and closes with a headline stack has its headlines after
/// their bodies.
fn orientation(items: &[Item]) -> (Orientation, Evidence) {
    let edges: Vec<&Item> = items
        .iter()
        .filter(|it| {
            !matches!(
                it,
                Item::PageHeader(_) | Item::Section(_) | Item::Caption { .. }
            )
        })
        .collect();
    let mut after = 0;
    let mut before = 0;
    match edges.first() {
        Some(
            Item::Body {
                continuation: false,
                ..
            }
            | Item::Subhead(_),
        ) => after += 1,
        Some(Item::Stack(_)) => before += 1,
        _ => {}
    }
    // The last item is the stronger cue: a page may open with a continuation
    // or an article without headline in either layout. But a page whose last
    // article is a continuation (no headline of its own) ends with a body
    // in both layouts.
    let last_opener = edges.iter().rev().find_map(|it| match it {
        Item::Body {
            starts: true,
            continuation,
            ..
        } => Some(*continuation),
        Item::Stack(_) => Some(false),
        _ => None,
    });
    match edges.last() {
        Some(Item::Stack(_)) => after += 2,
        Some(Item::Body { .. } | Item::Source(_)) if last_opener != Some(true) => before += 2,
        _ => {}
    }
    let orientation = if before > after {
        Orientation::HeadlinesBefore
    } else {
        Orientation::HeadlinesAfter
    };
    // The first item votes 1, the last 2: both agree at 3 or -3.
    let evidence = match (after, before) {
        (0, 0) => Evidence::NoPageEnd,
        (3, 0) | (0, 3) => Evidence::BothPageEnds,
        _ => Evidence::OnePageEnd,
    };
    (orientation, evidence)
}

/// An article being assembled, at `index` in the output.
struct Open {
    index: usize,
    has_stack: bool,
    has_body: bool,
    ended: bool,
}

/// Puts items into articles in page order.
struct Assembler {
    after: bool,
    articles: Vec<Article>,
    cur: Option<Open>,
}

/// Where an item went: on with the current article or opening one, the
/// rule that said so, and what taking the other choice would do.
#[derive(Clone, Copy)]
struct Placed {
    joined: bool,
    evidence: Evidence,
    flip: Flip,
}

impl Placed {
    /// The item goes on with the current article.
    const fn joined(evidence: Evidence) -> Self {
        Self {
            joined: true,
            evidence,
            flip: Flip::Plain,
        }
    }

    /// The item opens an article.
    const fn opened(evidence: Evidence) -> Self {
        Self {
            joined: false,
            evidence,
            flip: Flip::Plain,
        }
    }
}

impl Assembler {
    fn push(&mut self, kind: ArticleKind, blocks: Vec<Block>) -> usize {
        self.articles.push(Article {
            id: String::new(),
            kind,
            blocks,
        });
        self.articles.len() - 1
    }

    fn open(
        &mut self,
        kind: ArticleKind,
        blocks: Vec<Block>,
        has_stack: bool,
        has_body: bool,
        ended: bool,
    ) {
        let index = self.push(kind, blocks);
        self.cur = Some(Open {
            index,
            has_stack,
            has_body,
            ended,
        });
    }

    /// A page header line; one broken into lines is one page header.
    fn page_header(&mut self, b: Block) -> Placed {
        match self.articles.last_mut() {
            Some(a) if a.kind == ArticleKind::PageHeader && self.cur.is_none() => {
                a.blocks.push(b);
                Placed::joined(Evidence::StandsApart)
            }
            _ => {
                self.push(ArticleKind::PageHeader, vec![b]);
                Placed::opened(Evidence::StandsApart)
            }
        }
    }

    /// A headline stack; whether it heads the article before it.
    fn stack(&mut self, blocks: Vec<Block>) -> bool {
        match &mut self.cur {
            Some(open) if self.after && open.has_body && !open.has_stack => {
                let art = &mut self.articles[open.index];
                let at = art.blocks.iter().take_while(|b| b.role.is_title()).count();
                art.blocks.splice(at..at, blocks);
                open.has_stack = true;
                true
            }
            _ => {
                // Where headlines follow their bodies, a stack right after an
                // article that has its own can only head what follows
                // (an article drawn head first among body-first ones).
                let follows_stack = self.cur.as_ref().is_some_and(|o| o.has_stack);
                let ended = self.after && !follows_stack;
                self.open(ArticleKind::Article, blocks, true, false, ended);
                false
            }
        }
    }

    /// A caption: one printed inside the current article's text (`in_text`)
    /// goes with the article, which stays open; one the image shows right
    /// over the opening of the next article's text (`heads_next`, see
    /// [`caption_heads_next`]) opens that article; any other stands apart.
    fn caption(&mut self, b: Block, in_text: bool, heads_next: bool) -> Placed {
        match &self.cur {
            _ if heads_next => {
                self.open(ArticleKind::Article, vec![b], false, false, false);
                Placed::opened(Evidence::CaptionOverText)
            }
            Some(open) if in_text => {
                self.articles[open.index].blocks.push(b);
                Placed::joined(Evidence::TailOfArticle)
            }
            _ => {
                self.push(ArticleKind::CaptionOnly, vec![b]);
                Placed::opened(Evidence::StandsApart)
            }
        }
    }

    /// A block byline that ends the stack just placed (headlines after
    /// bodies): it goes after the stack's titles in the stack's article.
    fn stack_byline(&mut self, b: Block) -> Placed {
        match &self.cur {
            Some(open) if open.has_stack => {
                let art = &mut self.articles[open.index];
                let at = art.blocks.iter().take_while(|b| b.role.is_title()).count();
                art.blocks.insert(at, b);
                Placed::joined(Evidence::TailOfArticle)
            }
            _ => self.byline(b),
        }
    }

    /// A byline; whether it goes on with the current article, and why.
    fn byline(&mut self, b: Block) -> Placed {
        match &self.cur {
            Some(open) if !self.after && !open.has_body => {
                self.articles[open.index].blocks.push(b);
                Placed::joined(Evidence::DatelineAfterStack)
            }
            _ => {
                self.open(ArticleKind::Article, vec![b], false, false, false);
                Placed::opened(Evidence::BylineOpens)
            }
        }
    }

    /// A paragraph, `after_caption` or not. Where headlines follow their
    /// bodies, a continuation (`（上接第一版）…`) has no stack to close it: a
    /// caption printed at its end does, and the paragraph after it opens the
    /// next article.
    fn body_after(
        &mut self,
        block: Block,
        starts: bool,
        continuation: bool,
        after_caption: bool,
    ) -> Placed {
        let in_continuation = self
            .cur
            .as_ref()
            .is_some_and(|o| self.articles[o.index].kind == ArticleKind::Continuation);
        let closes = after_caption && self.after && !starts && in_continuation;
        if closes && let Some(open) = &mut self.cur {
            open.ended = true;
        }
        let placed = self.body(block, starts, continuation);
        if closes {
            Placed {
                evidence: Evidence::AfterCaption,
                flip: Flip::Plain,
                ..placed
            }
        } else {
            placed
        }
    }

    /// A paragraph; whether it goes on with the current article, and why.
    fn body(&mut self, block: Block, starts: bool, continuation: bool) -> Placed {
        let after = self.after;
        let joins = self.cur.as_ref().is_some_and(|open| {
            if starts {
                !open.has_body && !open.ended
            } else if after {
                !open.has_stack && !open.ended
            } else {
                !open.ended
            }
        });
        let had_article = self.cur.is_some();
        match &mut self.cur {
            Some(open) if joins => {
                let art = &mut self.articles[open.index];
                art.blocks.push(block);
                if continuation {
                    art.kind = ArticleKind::Continuation;
                }
                open.has_body = true;
                if starts {
                    Placed::joined(Evidence::DatelineAfterStack)
                } else {
                    Placed::joined(Evidence::RunningText)
                }
            }
            _ => {
                let kind = if continuation {
                    ArticleKind::Continuation
                } else {
                    ArticleKind::Article
                };
                self.open(kind, vec![block], false, true, false);
                if starts {
                    Placed::opened(Evidence::Dateline)
                } else if had_article {
                    self.closed_by()
                } else {
                    Placed::opened(Evidence::StandsApart)
                }
            }
        }
    }

    /// Why an item after the current article opens another: its headlines
    /// came (headlines after bodies), or a source note ended it.
    fn closed_by(&self) -> Placed {
        if self.after {
            Placed {
                flip: Flip::BlockGoesBack,
                ..Placed::opened(Evidence::AfterHeadlines)
            }
        } else {
            Placed::opened(Evidence::AfterClosedArticle)
        }
    }

    /// A subhead or source note goes on with the current article; whether
    /// it did, and why.
    fn tail(&mut self, b: Block) -> Placed {
        let is_source = b.role == Role::Source;
        let after = self.after;
        let had_article = self.cur.is_some();
        match &mut self.cur {
            Some(open) if (!after || !open.has_stack) && !open.ended => {
                self.articles[open.index].blocks.push(b);
                open.ended |= is_source && !after;
                open.has_body = true;
                Placed::joined(Evidence::TailOfArticle)
            }
            _ => {
                let closed_by = self.closed_by();
                self.open(ArticleKind::Article, vec![b], false, true, false);
                if had_article {
                    closed_by
                } else {
                    Placed::opened(Evidence::StandsApart)
                }
            }
        }
    }
}

impl Item {
    /// Raw offsets of the item's first and last glyph.
    fn bounds(&self) -> Option<(usize, usize)> {
        let blocks: &[Block] = match self {
            Self::Body { block, .. } => std::slice::from_ref(block),
            Self::Stack(b) | Self::Section(b) => b,
            Self::Subhead(b)
            | Self::Byline(b)
            | Self::Caption { block: b, .. }
            | Self::Source(b)
            | Self::PageHeader(b) => std::slice::from_ref(b),
        };
        let first = blocks.first()?.spans.first()?.start;
        let last = blocks.last()?.spans.last()?.end.checked_sub(1)?;
        Some((first, last))
    }

    /// Whether the item is plain text that opens nothing (so a headline
    /// stack before it may as well head it).
    fn is_plain_text(&self) -> bool {
        matches!(
            self,
            Self::Body { starts: false, .. } | Self::Subhead(_) | Self::Source(_)
        )
    }
}

/// Whether a block byline right after a stack (headlines after bodies)
/// closes the stack's article, given what follows it: on a page whose
/// bylines travel with their stacks, always; else when a dateline or a
/// continuation marker follows (an article has a dateline or a byline, and a
/// continuation neither) or no paragraph does (another stack, a caption, the
/// page's end: the byline opens nothing).
fn byline_closes_stack(page_says_so: bool, next: Option<&Item>) -> bool {
    page_says_so
        || matches!(next, Some(Item::Body { starts: true, .. }))
        || !matches!(next, Some(Item::Body { .. }))
}

/// Whether, on a page whose headlines follow their bodies, a block byline
/// right after a stack was drawn with that stack (it closes the stack's
/// article) rather than before the next body (it opens the next article).
///
/// An article has a dateline or a block byline, not both, so each byline
/// between a stack and a dateline (or before no paragraph at all: another
/// stack, the page's end) votes for the stack's side, and each byline
/// after the stack of an article that opened with a dateline votes for the
/// body's side. The page follows the majority; a tie keeps the byline with
/// the body it stands before.
fn bylines_follow_stacks(items: &[Item]) -> bool {
    let mut with_stack = 0_usize;
    let mut with_body = 0_usize;
    // Whether the article being read (since the last stack) opened with a
    // dateline.
    let mut dated = false;
    let mut first_body = true;
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Stack(_) => {
                if matches!(items.get(i + 1), Some(Item::Byline(_))) {
                    let next_dated = matches!(
                        items.get(i + 2),
                        Some(Item::Body {
                            starts: true,
                            continuation: false,
                            ..
                        })
                    );
                    // No paragraph after it: it cannot open an article.
                    let nothing_follows = !matches!(items.get(i + 2), Some(Item::Body { .. }));
                    if (next_dated || nothing_follows) && !dated {
                        with_stack += 1;
                    } else if dated && !next_dated && !nothing_follows {
                        with_body += 1;
                    }
                }
                dated = false;
                first_body = true;
            }
            Item::Body { starts, .. } => {
                if first_body {
                    dated = *starts;
                }
                first_body = false;
            }
            Item::Section(_) | Item::PageHeader(_) => {
                dated = false;
                first_body = true;
            }
            Item::Subhead(_) | Item::Byline(_) | Item::Caption { .. } | Item::Source(_) => {}
        }
    }
    with_stack > with_body
}

/// A headline stack placed, its attachment decision waiting to learn what
/// follows the stack.
#[derive(Clone, Copy)]
struct Waiting {
    /// The last glyph before the stack.
    before: usize,
    /// The stack's first glyph.
    at: usize,
    /// Whether the stack went to the article before it.
    headed_before: bool,
}

/// The attachment decision of a stack, once what follows it is known: the
/// first glyph of the next item and whether that item is plain running text
/// (`None` at the page's end).
fn attachment(w: Waiting, next: Option<(usize, bool)>, headlines_after: bool) -> Decision {
    let evidence = match (headlines_after, w.headed_before) {
        // A stack after a body and before a dateline, a byline, a stack or
        // the page's end closes the article before it; before plain
        // running text it may as well head that text.
        (true, true) if next.is_some_and(|(_, plain)| plain) => Evidence::AfterBodyOnly,
        (true, true) => Evidence::AfterBodyBeforeDateline,
        (true, false) => Evidence::LoneStack,
        (false, _) => Evidence::HeadsNextArticle,
    };
    // Where headlines come before their bodies, a stack that opens no
    // article goes on with the one before it, and so does what follows it.
    let flip = if headlines_after {
        Flip::Plain
    } else {
        Flip::ArticleGoesBack
    };
    Decision::between(
        Kind::Attachment,
        (w.before, w.at),
        (Choice::AttachBefore, Choice::AttachAfter),
        headlines_after && w.headed_before,
        evidence,
    )
    .with_flip(flip)
    .with_after(next.map(|(first, _)| first))
}

/// Puts items into articles and records, for each item after the first,
/// whether it begins an article (for a headline stack: which article it
/// heads).
/// Whether `item` is a caption the page image shows right over the
/// opening of the `next` item, an article's text (a dateline or a
/// continuation marker): its photo sits at the top of that article, not
/// at the end of the one before.
fn caption_heads_next(item: &Item, next: Option<&Item>) -> bool {
    matches!(
        item,
        Item::Caption {
            over_text: true,
            ..
        }
    ) && matches!(
        next,
        Some(Item::Body { starts, continuation, .. }) if *starts || *continuation
    )
}

fn assemble<R: CharSource + ?Sized>(
    items: Vec<Item>,
    orientation: Orientation,
    chars: &R,
    decisions: &mut Decisions,
) -> Vec<Article> {
    let mut asm = Assembler {
        after: orientation == Orientation::HeadlinesAfter,
        articles: Vec::new(),
        cur: None,
    };
    let bylines_with_stacks = asm.after && bylines_follow_stacks(&items);
    let mut prev_last: Option<usize> = None;
    // An attachment waiting to learn what follows its stack.
    let mut waiting: Option<Waiting> = None;
    let mut after_stack = false;
    let mut after_body = false;
    let mut prev_caption = false;
    let mut prev_heading_caption = false;
    let mut items = items.into_iter().peekable();
    while let Some(item) = items.next() {
        // A block byline right after a stack (`□本报记者 某某`): see
        // `byline_closes_stack` and `bylines_follow_stacks`.
        let byline_of_stack =
            after_stack && asm.after && byline_closes_stack(bylines_with_stacks, items.peek());
        // A caption printed right after an article's running text belongs
        // to that article (the photo sits in it), and so does one right
        // under a headline stack where headlines come before their text
        // (the photo under the headline); after a banner, at the page's
        // start, or after a stack that ends its article, it stands apart.
        let caption_in_text = after_body || (after_stack && !asm.after);
        let after_caption =
            std::mem::replace(&mut prev_caption, matches!(item, Item::Caption { .. }));
        // One under a headline stack stays with the stack (the photo under
        // the headline), even right over its text.
        let heads_next = after_body && caption_heads_next(&item, items.peek());
        let after_heading_caption = std::mem::replace(&mut prev_heading_caption, heads_next);
        after_stack = matches!(item, Item::Stack(_));
        after_body = matches!(item, Item::Body { .. });
        let bounds = item.bounds();
        let plain = item.is_plain_text();
        if let (Some(w), Some((first, _))) = (waiting, bounds) {
            waiting = None;
            decisions.push(attachment(w, Some((first, plain)), asm.after));
        }
        let outcome = match item {
            Item::PageHeader(b) => Some(asm.page_header(b)),
            Item::Caption { block, .. } => Some(asm.caption(block, caption_in_text, heads_next)),
            Item::Section(blocks) => {
                asm.push(ArticleKind::SectionBanner, blocks);
                asm.cur = None;
                Some(Placed::opened(Evidence::StandsApart))
            }
            Item::Stack(blocks) => {
                let headed_before = asm.stack(blocks);
                if let (Some(before), Some((at, _))) = (prev_last, bounds) {
                    waiting = Some(Waiting {
                        before,
                        at,
                        headed_before,
                    });
                }
                None
            }
            Item::Byline(b) if byline_of_stack => Some(asm.stack_byline(b)),
            Item::Byline(b) => Some(asm.byline(b)),
            Item::Body {
                block,
                starts,
                continuation,
            } => Some(asm.body_after(block, starts, continuation, after_caption)),
            Item::Subhead(b) | Item::Source(b) => Some(asm.tail(b)),
        };
        if let (Some(placed), Some(before), Some((at, _))) = (outcome, prev_last, bounds) {
            let mut evidence = placed.evidence;
            if evidence == Evidence::Dateline
                && matches!(chars.char_at(before), Some('，' | '、' | ','))
            {
                evidence = Evidence::OpensAfterComma;
            }
            if evidence == Evidence::RunningText && after_caption {
                evidence = Evidence::AfterCaption;
            }
            if after_heading_caption && placed.joined {
                evidence = Evidence::CaptionOverText;
            }
            decisions.push(
                Decision::between(
                    Kind::Boundary,
                    (before, at),
                    (Choice::SameArticle, Choice::NewArticle),
                    placed.joined,
                    evidence,
                )
                .with_flip(placed.flip),
            );
        }
        if let Some((_, last)) = bounds {
            prev_last = Some(last);
        }
    }
    // A stack at the end of the page heads what came before it.
    if let Some(w) = waiting {
        decisions.push(attachment(w, None, asm.after));
    }
    let mut articles = asm.articles;
    for (n, a) in articles.iter_mut().enumerate() {
        a.id = format!("a{}", n + 1);
    }
    articles
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

    fn shape(articles: &[Article]) -> Vec<Vec<(Role, String)>> {
        articles
            .iter()
            .map(|a| a.blocks.iter().map(|b| (b.role, b.text.clone())).collect())
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
            "我们通过二楼接待室的精致模型",
            "和详细图片才真正看清电站的整个布",
            "局。",
            "鹤山区举办文明志愿者培训",
        ]);
        let s = headlines_after_shape(&lines);
        assert_eq!(s.len(), 1, "one article: {s:?}");
        assert_eq!(s[0][0].0, Role::Headline, "{s:?}");
        assert_eq!(
            s[0].last(),
            Some(&(
                Role::Body,
                "我们通过二楼接待室的精致模型和详细图片才真正看清电站的整个布局。".to_owned()
            )),
            "{s:?}"
        );
    }

    /// Justified body lines of 16 cells: the column.
    const BODY_16: [&str; 5] = [
        "本 报 讯 今 年 以 来 ， 全 市 各 级 各 部 门 认",
        "真 落 实 各 项 工 作 部 署 ， 取 得 了 明 显 成",
        "效 ， 群 众 满 意 度 不 断 提 高 ， 社 会 各 界",
        "普 遍 好 评 ， 为 全 年 工 作 打 下 了 坚 实 基",
        "础。",
    ];

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
    fn an_unspaced_run_before_a_letter_spaced_one_is_a_glued_title() {
        use crate::layout::read_lines;
        let glued = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            let line = read_lines(&chars, &[crate::page::Span::new(0, chars.len())])
                .pop()
                .expect("one line");
            super::glued_by_spacing(&line).map(|p| line.glyphs[..p].iter().collect::<String>())
        };
        assert_eq!(
            glued("实际利润 650 万美元 本 报 成 都 1 月 11 日 讯 （ 记 者").as_deref(),
            Some("实际利润650万美元")
        );
        assert_eq!(
            glued("8 决赛打完 4 场 当 然 ， 最 激 动 的 人 恐 怕 要").as_deref(),
            Some("8决赛打完4场")
        );
        for text in [
            "1 月 19 日 随 航 天 飞 机 正 式 进 驻 阿 尔",
            "442 或 433 等 等 阵 型 组 合 的 改 变 ，",
            "（一）则 是 指 导 患 者 进 行 适 当",
            "本 报 讯 （ 记 者 布 福 德 通 讯",
            "我市对 7 名交通违法行为人进行处罚",
        ] {
            assert_eq!(glued(text), None, "{text}");
        }
    }

    #[test]
    fn a_title_line_wider_than_the_column_may_end_in_any_word() {
        let s = between_bodies(&[
            "读者便把酒家二楼这座大堂挤得满满的的",
            "全市推进老旧小区改造提升",
        ]);
        assert_eq!(
            s[0][..2],
            [
                (
                    Role::Headline,
                    "读者便把酒家二楼这座大堂挤得满满的的".to_owned()
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

    #[test]
    fn a_line_opening_with_a_particle_goes_on_from_the_line_before() {
        let s = before_last_title(&[
            PLAIN_16.to_vec(),
            vec![
                "北京国安队也结束了今年联赛不败",
                "的 历 史 ， 在 6 月 7 日 的 甲 a 第 一 阶 段",
                "最 后 一 轮 以 0∶1 败 给 广 州 松 日 队 ，",
                "赛季结束。",
            ],
        ]);
        assert!(
            s.iter()
                .flatten()
                .any(|(r, t)| *r == Role::Body
                    && t.starts_with("北京国安队也结束了今年联赛不败的历史")),
            "one paragraph: {s:?}"
        );
        let first = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            crate::layout::read_lines(&chars, &[crate::page::Span::new(0, chars.len())])
                .pop()
                .expect("one line")
        };
        for text in [
            "的 历 史 ， 在",
            "，在6月7日",
            "了一个月",
            "”的目标能实现吗？",
        ] {
            assert!(super::opens_mid_phrase(&first(text)), "{text}");
        }
        for text in ["北京国安队", "“在哪里跌倒", "1994年"] {
            assert!(!super::opens_mid_phrase(&first(text)), "{text}");
        }
    }

    #[test]
    fn a_full_line_ending_with_a_semicolon_goes_on() {
        let s = before_last_title(&[
            PLAIN_16.to_vec(),
            vec![
                "没 水 吃 ， 到 几 里 路 外 的 山 沟 沟 去 挑",
                "下 雨 天 山 陡 路 滑 ， 就 吃 房 檐 水 和 井 水 ；",
                "饭是挂面，菜是盐水煮黄豆。",
            ],
        ]);
        assert!(
            s.iter()
                .flatten()
                .any(|(_, t)| t.contains("就吃房檐水和井水；饭是挂面")),
            "one paragraph: {s:?}"
        );
    }

    #[test]
    fn a_line_before_a_dateline_that_ends_no_sentence_is_a_headline() {
        // 16 cells with its comma, as wide as the column: only the dateline
        // after it says it is no paragraph's last line.
        let s = between_bodies(&["移交执纪执法的50起", "只要解放了思想，就没有办不成的事"]);
        assert!(
            s[0].iter()
                .any(|(r, t)| r.is_title() && t == "只要解放了思想，就没有办不成的事"),
            "a title of the first article: {s:?}"
        );
        assert!(
            s[0].iter()
                .any(|(r, t)| r.is_title() && t == "移交执纪执法的50起"),
            "and the line above it too: {s:?}"
        );
    }

    /// The line-end decisions of rule `rule` on a page of `lines` (blank
    /// lines between them), each with the three raw chars from the first
    /// glyph after it.
    fn line_ends_by(lines: &[&str], rule: crate::doubt::Evidence) -> Vec<(Decision, String)> {
        let text = lines.join("\n\n");
        let raw = RawText::new("t.txt", &text, Encoding::Utf8, LineEnding::Lf);
        let chars: Vec<char> = text.chars().collect();
        super::propose_recording(&raw, Record::All)
            .decisions
            .list
            .into_iter()
            .filter(|d| d.kind == crate::doubt::Kind::LineEnd && d.evidence == rule)
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
    fn a_line_ending_with_a_photo_note_ends_its_title() {
        use crate::doubt::{Choice, Evidence};
        // A headline begun at the end of a body's last line (`…提高。巴黎`)
        // runs on over a full line that stops mid-phrase: its photo note
        // ends it.
        let mut lines = PLAIN_16[..4].to_vec();
        lines.extend([
            "提高。巴黎",
            "举行世界杯之夜狂欢活动（图片）",
            "当我们为恭城农村的喜人面貌而欢",
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
            "提高主张重视引导消费（报刊文摘）",
            "现 在 最 大 的 问 题 是 制 片 行 业 回 报",
            "低，影响了制片一方的积极性。",
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
        assert!(bodies[1].starts_with("现在最大的问题"), "{bodies:?}");
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
        // An engine's plain text (its commas read as ASCII): a comma before
        // the gap is a misread full stop too.
        let read = bodies(&lines.join("\n").replace('，', ","));
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
        let text = lines.join("\n").replace('，', ",");
        let raw = RawText::new("t.txt", &text, Encoding::Utf8, LineEnding::Lf);
        let s = shape(&propose(&raw).0);
        s.iter()
            .flatten()
            .find(|(_, t)| t.starts_with(starts))
            .unwrap_or_else(|| panic!("the piece in {s:?}"))
            .0
    }

    #[test]
    fn a_piece_of_text_the_engine_cut_off_is_no_title() {
        // The short paragraph with a comma inside is running text cut off
        // at a column's foot.
        let role = engine_piece_role(
            &["李鹏说，中国对欧盟实施单", "一货币欧元表示欢迎"],
            "李鹏说",
        );
        assert_eq!(role, Role::Body);
    }

    #[test]
    fn a_piece_of_text_ending_on_the_engine_s_comma_is_no_title() {
        // A piece of running text, its full stop read as a comma; no title
        // ends so.
        let role = engine_piece_role(&["今天的怀来县已有了惊人的变化，"], "今天的怀来县");
        assert_eq!(role, Role::Body);
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
    fn a_title_at_a_width_no_body_line_has_is_a_title() {
        // 12 cells in a 16-cell column, after a paragraph's end and before
        // an indented first line: neither a full line nor a first line.
        let s = before_last_title(&[
            PLAIN_16.to_vec(),
            vec!["她又将面临新的局面和挑战"],
            PLAIN_16.to_vec(),
        ]);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(
            s[0][0],
            (Role::Headline, "她又将面临新的局面和挑战".to_owned()),
            "{s:?}"
        );
        // At the width of an indented first line, reading on into a full
        // line, it is the first line of a paragraph.
        let s = before_last_title(&[
            PLAIN_16.to_vec(),
            vec!["她又将面临新的局面和挑战更加"],
            PLAIN_16[1..].to_vec(),
        ]);
        assert!(
            s.iter()
                .flatten()
                .any(|(r, t)| *r == Role::Body && t.starts_with("她又将面临新的局面和挑战更加署")),
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
        let mut lines = vec!["第 3 版 要闻 2024 年 6 月 20 日 星期五 责任编辑：王五"];
        lines.extend(BODY_A);
        let (articles, _) = page(&lines);
        assert_eq!(articles[0].kind, ArticleKind::PageHeader);
        assert_eq!(
            articles[0].blocks[0].text,
            "第3版 要闻 2024年6月20日 星期五 责任编辑：王五"
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
                2 => proptest::sample::select(vec!["本报讯（记者 王凤侠）", "据新华社长沙11月21日电（记者 姜琳", "\n□本报记者 苗苗\n", "\n（上接第一版）", "\n（市生态环境局供稿）\n", "摄\n", "\n第 3 版 要闻 2024 年 6 月 20 日 星期五\n", "\n本报讯（记者 李拥军）", "\n图为活动现场 本报记者 李拥军 摄\n"]).prop_map(str::to_owned),
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
