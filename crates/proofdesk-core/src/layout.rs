//! Line features of a raw page.
//!
//! What each visual line looks like once the justification spaces are
//! ignored (width in column cells, letter spacing, ending), the page's column
//! width, and the patterns that start an article.

use crate::chars::{
    cell_width, ends_terminal_glyphs, is_cjk_punct, is_ideograph, is_sentence_punct, simplified,
    starts_with_word,
};
use crate::page::Span;

/// One visual line of the raw page (or part of one, after a glued line was
/// split).
#[derive(Clone, Debug)]
pub struct Line {
    /// Index of the raw line.
    pub index: usize,
    /// The non-whitespace characters.
    pub glyphs: Vec<char>,
    /// The raw offset of each glyph.
    pub offsets: Vec<usize>,
    /// Width in column cells (CJK 1, ASCII 0.5), with [`Line::latin_gaps`].
    pub width: f32,
    /// In a line justified to its column, the cells its figures and Latin
    /// words stand apart from the ideographs beside them, a quarter em on
    /// each side ([`LATIN_GAP`]): `可 在 6 月 2 日 前 往 市 民 中` holds 10 cells
    /// of glyphs and is set over 11, an indented first line of a 13-cell
    /// column, not a short line. The column is measured without them.
    pub latin_gaps: f32,
    /// The same gaps as typeset, whether or not the extractor wrote them
    /// as spaces: in a line that is not justified the extracted text
    /// shows none, and the line is set wider than its glyphs by these.
    pub figure_gaps: f32,
    /// Whether most gaps between CJK characters hold a space (justified or
    /// letter-spaced line): then a single space is layout, not text.
    pub justified: bool,
    /// Where every gap of the line (two or more; those inside a number or
    /// a Latin word left out) holds whitespace, the narrowest one's: the
    /// line's letter spacing (`走  基  层`, `11 月 21 日 至 22 日`), no gap
    /// as narrow is text; 0 otherwise.
    pub spacing: usize,
    /// Whether the raw line starts with whitespace (a kept indent).
    pub indented: bool,
    /// Whether the raw line starts with a full-width space (U+3000): the
    /// indent Chinese text keeps for a paragraph's first line (`　　经过`).
    pub kept_indent: bool,
    /// Whether a blank line separates this line from the previous one.
    pub blank_before: bool,
    /// Whether this is the headline part of a line glued onto a dateline.
    pub glued_title: bool,
    /// Whether the page image shows this line set much taller than the
    /// page's running text (an OCR page's headline), or the page's columns
    /// side by side show it over two or more of them (a headline: see
    /// `segment::columns`).
    pub tall: bool,
    /// Whether the page image shows this line set at the size of the page's
    /// running text (an OCR page's line no taller than [`ImageCuts::body_size_below`]
    /// times the median): no kicker, headline or subheadline is.
    pub body_size: bool,
    /// Whether the page image shows this line as the right half of the
    /// title line before it, on the same row (one headline the engine read
    /// as two boxes): one title with it.
    pub right_half: bool,
    /// Whether the page image shows this line as a title of its own beside
    /// the title on its left, on the same row (two headlines side by side,
    /// each centred over its own stack): never that title's right half.
    pub title_apart: bool,
    /// Whether the page image shows this line in a lower band of the page
    /// than the line before it: below it by more than two line heights,
    /// in other columns. Text reads down a column, then up to the next
    /// column's top; it never reads on into a lower band.
    pub lower_band: bool,
    /// Whether the page image shows this line right above the next one
    /// (its top within two line heights of this line's bottom, the two
    /// overlapping across by half the narrower) with no line right above
    /// it: a caption under a photo at the top of the text that follows.
    pub over_next: bool,
    /// The size its glyphs are set at on the page image, against running
    /// text's (their advance over running text's pitch: 1.0 for running
    /// text, about 2 for a headline); 0.0 where the page has no image.
    pub glyph_size: f32,
    /// Whether the page image shows this line set smaller than running
    /// text (an OCR page's caption, [`ImageCuts::small_below`]).
    pub small: bool,
    /// Whether the engine was unsure of most of this line's words and the
    /// line sits between lines set larger than running text: a headline's
    /// glyph edges read as a row of their own, set apart from the lines
    /// around it but part of their stack.
    pub unread: bool,
    /// How the line stands to the one before it where a layout-order
    /// extractor wrote the page's text blocks apart ([`BlockEdge`]).
    pub block_edge: BlockEdge,
    /// Whether the line ends like a paragraph end (`。`, `！`, `：`, …).
    terminal: bool,
    /// Whether the line has punctuation that only running text has.
    sentence_punct: bool,
}

impl Line {
    /// The raw span from the first to the last glyph.
    #[must_use]
    pub fn span(&self) -> Span {
        match (self.offsets.first(), self.offsets.last()) {
            (Some(&s), Some(&e)) => Span::new(s, e + 1),
            _ => Span::new(0, 0),
        }
    }

    /// The glyphs as a string.
    #[must_use]
    pub(crate) fn compact(&self) -> String {
        self.glyphs.iter().collect()
    }

    /// Whether the line ends like a paragraph end (`。`, `！`, `：`, …).
    #[must_use]
    pub(crate) fn ends_terminal(&self) -> bool {
        self.terminal
    }

    /// Whether the line has punctuation that only running text has.
    #[must_use]
    pub(crate) fn has_sentence_punct(&self) -> bool {
        self.sentence_punct
    }

    /// A line of `glyphs` at raw `offsets`.
    fn new(raw: &[char], index: usize, glyphs: Vec<char>, offsets: Vec<usize>) -> Self {
        let mut features = Features::default();
        for (&c, &o) in glyphs.iter().zip(&offsets) {
            features.add(c, o);
        }
        Self::with_features(raw, index, glyphs, offsets, &features)
    }

    /// A line of `glyphs` at raw `offsets` whose features were gathered
    /// while the glyphs were read.
    fn with_features(
        raw: &[char],
        index: usize,
        glyphs: Vec<char>,
        offsets: Vec<usize>,
        features: &Features,
    ) -> Self {
        // The glyph at each offset is `raw[offset]`.
        debug_assert!(
            offsets
                .iter()
                .zip(&glyphs)
                .all(|(&o, &g)| raw.get(o) == Some(&g)),
            "glyphs are the raw chars at their offsets"
        );
        let justified = features.justified(glyphs.len());
        let latin_gaps = features.latin_gaps(justified);
        Self {
            index,
            width: features.width + latin_gaps,
            latin_gaps,
            figure_gaps: features.figure_gaps(),
            justified,
            spacing: features.spacing(),
            indented: false,
            kept_indent: false,
            blank_before: false,
            glued_title: false,
            tall: false,
            body_size: false,
            right_half: false,
            title_apart: false,
            lower_band: false,
            over_next: false,
            glyph_size: 0.0,
            small: false,
            unread: false,
            block_edge: BlockEdge::Within,
            terminal: ends_terminal_glyphs(&glyphs) || ends_with_jump(&glyphs),
            sentence_punct: features.sentence_punct,
            glyphs,
            offsets,
        }
    }

    /// Whether the line has running-text punctuation other than colons.
    #[must_use]
    pub(crate) fn has_sentence_punct_except_colon(&self) -> bool {
        self.glyphs
            .iter()
            .any(|&c| is_sentence_punct(c) && c != '：')
    }

    /// Whether a `（` on the line is left open at its end.
    #[must_use]
    pub(crate) fn has_open_bracket(&self) -> bool {
        let mut depth: i32 = 0;
        for &c in &self.glyphs {
            match c {
                '（' | '(' => depth += 1,
                '）' | ')' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        depth > 0
    }

    /// Whether the line ends with the note that a photo goes with its
    /// article, as a title does (`…狂欢活动（图片）`, `…归还文物（照片）`):
    /// a bracket closing the line around [`PHOTO_NOTES`], with no sentence
    /// punctuation before it.
    #[must_use]
    pub(crate) fn ends_with_photo_note(&self) -> bool {
        let g = &self.glyphs;
        // Most lines end otherwise: a quick test first.
        if !matches!(g.last(), Some('）' | ')')) {
            return false;
        }
        let Some(open) = g.iter().rposition(|&c| c == '（' || c == '(') else {
            return false;
        };
        let Some((&close, label)) = g[open + 1..].split_last() else {
            return false;
        };
        matches!(close, '）' | ')')
            && PHOTO_NOTES
                .iter()
                .any(|note| label.iter().map(|&c| simplified(c)).eq(note.chars()))
            && !g[..open].iter().any(|&c| is_sentence_punct(c))
    }

    /// Splits the line before glyph `at`, returning the tail; both parts
    /// have their letter spacing measured again.
    #[must_use]
    pub(crate) fn split_off(&mut self, raw: &[char], at: usize) -> Self {
        let glyphs = self.glyphs.split_off(at);
        let offsets = self.offsets.split_off(at);
        let (index, indented, blank_before) = (self.index, self.indented, self.blank_before);
        let kept_indent = self.kept_indent;
        let head = std::mem::take(&mut self.glyphs);
        let head_offsets = std::mem::take(&mut self.offsets);
        *self = Self {
            indented,
            kept_indent,
            blank_before,
            ..Self::new(raw, index, head, head_offsets)
        };
        Self::new(raw, index, glyphs, offsets)
    }
}

/// How a line stands to the line before it in a layout-order extractor's
/// text boxes.
///
/// Plain `pdftotext` writes the page's text boxes apart, a wider gap
/// between two boxes than between two lines: a box is one column's piece
/// of an article, whose text may go on in a box written far later
/// (`segment::flow`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BlockEdge {
    /// Inside a box, or on a page without boxes.
    #[default]
    Within,
    /// The first line of a box that nothing links to the text before it:
    /// never the same paragraph.
    Apart,
    /// The first line of a later box, moved after the line before it:
    /// that line stops mid-sentence at its box's end and this box
    /// opens mid-sentence (`word`: a word reads across the two).
    RunsOn {
        /// Whether a word reads across the two lines.
        word: bool,
    },
}

/// A line's features, gathered glyph by glyph in one pass.
#[derive(Default)]
struct Features {
    /// Width in cells.
    width: f32,
    /// Whether a glyph is running-text punctuation.
    sentence_punct: bool,
    /// Pairs of neighbouring CJK glyphs, and how many of them are spaced.
    pairs: usize,
    spaced: usize,
    /// Whether every gap so far is spaced.
    all_spaced: bool,
    /// Gaps outside numbers and Latin words, whether each holds
    /// whitespace, and the narrowest's whitespace ([`Line::spacing`]).
    word_gaps: usize,
    word_gaps_spaced: bool,
    narrowest: usize,
    /// (offset, whether CJK, whether an ASCII letter or digit) of the
    /// previous glyph.
    prev: Option<(usize, bool, bool)>,
    /// Places where a figure or a Latin letter meets an ideograph.
    latin_gaps: usize,
}

/// The space typeset between an ideograph and a figure or a Latin letter
/// beside it, in cells.
const LATIN_GAP: f32 = 0.25;

impl Features {
    fn add(&mut self, c: char, offset: usize) {
        self.width += cell_width(c);
        let is_cjk = !c.is_ascii() && (is_ideograph(c) || is_cjk_punct(c));
        self.sentence_punct |= is_sentence_punct(c);
        let alnum = c.is_ascii_alphanumeric();
        if let Some((po, p_cjk, p_alnum)) = self.prev {
            if p_alnum && is_ideograph(c) || p_cjk && alnum {
                self.latin_gaps += 1;
            }
            let gap = offset > po + 1;
            self.all_spaced &= gap;
            if p_cjk && is_cjk {
                self.pairs += 1;
                self.spaced += usize::from(gap);
            }
            if !(p_alnum && alnum) {
                self.word_gaps += 1;
                self.word_gaps_spaced &= gap;
                self.narrowest = self.narrowest.min(offset - po - 1);
            }
        } else {
            self.all_spaced = true;
            self.word_gaps_spaced = true;
            self.narrowest = usize::MAX;
        }
        self.prev = Some((offset, is_cjk, alnum));
    }

    /// The cells a justified line's figures and Latin words stand apart
    /// from the ideographs beside them ([`Line::latin_gaps`]); 0 in a line
    /// that is not justified.
    fn latin_gaps(&self, justified: bool) -> f32 {
        if justified { self.figure_gaps() } else { 0.0 }
    }

    /// The cells the line's figures and Latin words stand apart from the
    /// ideographs beside them as typeset ([`Line::figure_gaps`]).
    #[expect(clippy::cast_precision_loss, reason = "a few gaps on a line")]
    fn figure_gaps(&self) -> f32 {
        LATIN_GAP * self.latin_gaps as f32
    }

    /// The line's letter spacing ([`Line::spacing`]).
    fn spacing(&self) -> usize {
        if self.word_gaps >= 2 && self.word_gaps_spaced {
            self.narrowest
        } else {
            0
        }
    }

    /// Whether the line is letter-spaced: every gap spaced, or at least half
    /// of three or more gaps between CJK glyphs.
    fn justified(&self, glyphs: usize) -> bool {
        (glyphs >= 2 && self.all_spaced) || (self.pairs >= 3 && self.spaced * 2 >= self.pairs)
    }
}

/// Reads the lines of a page; whitespace-only lines are left out and recorded
/// as `blank_before` on the next line.
#[cfg(test)]
#[must_use]
pub(crate) fn read_lines(raw: &[char], line_spans: &[Span]) -> Vec<Line> {
    let mut lines = Vec::new();
    for_each_line(raw, line_spans, |line| lines.push(line));
    lines
}

/// The lines of `text` as read, one per `\n`-separated line (blank ones
/// left out, as by [`read_lines`]).
#[cfg(test)]
#[must_use]
pub(crate) fn lines_of(text: &str) -> Vec<Line> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            spans.push(Span::new(start, i));
            start = i + 1;
        }
    }
    spans.push(Span::new(start, chars.len()));
    read_lines(&chars, &spans)
}

/// Reads the lines of a page, handing each line to `each` as soon as it is
/// read (while its glyphs are still in the cache); whitespace-only lines
/// are left out and recorded as `blank_before` on the next line.
pub(crate) fn for_each_line(raw: &[char], line_spans: &[Span], mut each: impl FnMut(Line)) {
    let mut blank = false;
    for (index, span) in line_spans.iter().enumerate() {
        let chars = &raw[span.start..span.end];
        let Some(first) = chars.iter().position(|&c| !crate::chars::is_space(c)) else {
            blank = true;
            continue;
        };
        // One allocation each, at most the line's length.
        let rest = chars.len() - first;
        let mut glyphs = Vec::with_capacity(rest);
        let mut offsets = Vec::with_capacity(rest);
        let mut features = Features::default();
        for (i, &c) in chars.iter().enumerate().skip(first) {
            if !crate::chars::is_space(c) {
                glyphs.push(c);
                offsets.push(span.start + i);
                features.add(c, span.start + i);
            }
        }
        let indented = first > 0;
        each(Line {
            indented,
            kept_indent: chars[..first].contains(&'\u{3000}'),
            blank_before: blank,
            ..Line::with_features(raw, index, glyphs, offsets, &features)
        });
        blank = false;
    }
}

/// Whether the page separates its visual lines with blank lines (as many
/// extractors do); then two lines without a blank between them were one text
/// box on the page.
#[must_use]
pub(crate) fn uses_blank_lines(lines: &[Line]) -> bool {
    let with = lines.iter().skip(1).filter(|l| l.blank_before).count();
    blank_lines_from(lines.len(), with)
}

/// [`uses_blank_lines`] from the number of lines and the number of lines
/// after the first with a blank line before them.
#[must_use]
pub(crate) fn blank_lines_from(lines: usize, with_blank: usize) -> bool {
    lines > 4 && with_blank * 10 >= (lines - 1) * 7
}

/// Every cut the rules compare a line's width with, in column cells (a CJK
/// glyph is one cell), and a page image's boxes with, in one place.
///
/// Widths are measured on the extracted text, where squeezed punctuation
/// and Latin make a full line vary by up to about ¾ of a cell, so every
/// comparison with a set width allows [`Cuts::slack`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cuts {
    /// A line within this of a width counts as set at that width.
    pub slack: f32,
    /// How far a paragraph's first line is indented (2 em).
    pub indent: f32,
    /// A first line at least this much short of the column is short even
    /// for an indented line: its paragraph may end there.
    pub short_first: f32,
    /// Any other line at least this much short of the column is short.
    pub short: f32,
    /// A line listing items with `、` at least this much short of the
    /// column may still be a title.
    pub list_short: f32,
    /// A letter-spaced line at least this much short of the column may
    /// still be a title (a justified line near the column's width is body).
    pub spaced_title_short: f32,
    /// Two title lines of one text box differ in width by at most this
    /// (the second may be shorter).
    pub box_line_shrink: f32,
    /// A title line at least this wide may have wrapped.
    pub wrapped_title: f32,
    /// The widest stub a wrapped title leaves on its next line.
    pub title_stub: f32,
    /// The widest rest a wrapped title leaves on its next line, as far as
    /// the rules' breaks were measured: on the content-stream devpages the
    /// rules set ten wrapped titles' rests apart, 3 to 8 cells wide; of the
    /// 62 lines wider (and no wider than the title line) that they set
    /// apart from a title line, on those pages and the seed page, none went
    /// on it.
    pub title_rest: f32,
    /// Lines narrower than this say nothing about the column's width.
    pub min_column: f32,
    /// The column's width when no line says (a typical broadsheet column).
    pub default_column: f32,
    /// Full lines are within this share below the 90th-percentile width…
    pub full_below_p90: f32,
    /// …and this share above it.
    pub full_above_p90: f32,
    /// The cuts for a page image's boxes (hOCR, ALTO).
    pub image: ImageCuts,
}

/// The cuts in use, fitted on typeset newspaper columns of 14–20 cells
/// (the seed page and `../shared/devpages`).
pub const CUTS: Cuts = Cuts {
    slack: 0.75,
    indent: 2.0,
    short_first: 3.5,
    short: 1.5,
    list_short: 1.0,
    spaced_title_short: 4.0,
    box_line_shrink: 1.0,
    wrapped_title: 8.0,
    title_stub: 4.0,
    title_rest: 8.0,
    min_column: 6.0,
    default_column: 17.0,
    full_below_p90: 0.75,
    full_above_p90: 1.1,
    image: ImageCuts {
        body_size_below: 1.07,
        small_below: 0.9,
        pitch_line: 6.0,
        same_size: 0.2,
        same_title_size: 0.15,
        sizes_apart: 2.0,
        tall: 1.5,
        title_word: 1.3,
        title_cells: 2.0,
        wide_glyphs: 1.25,
        text_grid_rows: 2.2,
        speckled: 1.35,
        misread_row_wider: 2.0,
        flat_word: 3.0,
        indent: 1.2,
        piece: 6.0,
        gutter_reach: 8,
        narrow_line: 1.4,
        row_of_columns: 1.8,
        row_gap: 3,
    },
};

/// Estimates the column width in cells: the median width of the full lines,
/// taken as those within a quarter of the 90th-percentile width.
#[must_use]
pub(crate) fn column_width(lines: &[Line]) -> f32 {
    column_width_of(lines.iter().map(|l| l.width).collect())
}

/// [`column_width`] from the widths of the lines.
#[must_use]
pub(crate) fn column_width_of(mut widths: Vec<f32>) -> f32 {
    widths.retain(|&w| w >= CUTS.min_column);
    if widths.is_empty() {
        return CUTS.default_column;
    }
    widths.sort_by(f32::total_cmp);
    let p90 = widths[(widths.len() * 9 / 10).min(widths.len() - 1)];
    let full: Vec<f32> = widths
        .iter()
        .copied()
        .filter(|&w| w >= p90 * CUTS.full_below_p90 && w <= p90 * CUTS.full_above_p90)
        .collect();
    if full.is_empty() {
        return p90;
    }
    full[full.len() / 2]
}

/// How far (cells) from the column's width a line of ideographs alone
/// may be and still count as full ([`ColumnTally::unmarked_width`]).
const UNMARKED_REACH: f32 = 1.5;

/// Lines looked at on either side of a line for the column it is set in.
const LOCAL_REACH: usize = 40;
/// Lines a stretch set at another width must run to count.
const LOCAL_RUN: usize = 60;
/// How far (cells) a stretch's column must be from the page's.
const LOCAL_APART: f32 = 2.0;

/// Where a page sets stretches of text in columns of another width than
/// its own `col` (a feature in a wider measure among narrow columns), the
/// cells to add to each line's width (`widths`, in page order) so that it
/// measures against `col` as against its own column: every rule compares
/// a width with the column's edge (`col - 2` is an indented first line in
/// any column), so a line shifted by its column's difference reads as in a
/// page of one width. `None` for a page of one width (all of the devpages).
///
/// A line's own column is [`column_width_of`] the lines within
/// [`LOCAL_REACH`] of it (taken every eighth line). A page has several
/// widths where a stretch of [`LOCAL_RUN`] lines is at least
/// [`LOCAL_APART`] from `col`; then every line is shifted, since `col`, the
/// median of the page's full lines, may be neither column's width.
#[must_use]
pub(crate) fn local_shifts(widths: &[f32], col: f32) -> Option<Vec<f32>> {
    const STRIDE: usize = 8;
    const BLOCK: usize = 64;
    // A quick test first: on a page of one width every stretch of lines
    // has many at the column's width; only a stretch with few is looked at.
    let odd_block = widths.chunks(BLOCK).any(|b| {
        let near = b.iter().filter(|&&w| (w - col).abs() <= 1.0).count();
        b.len() >= BLOCK / 2 && near * 8 < b.len()
    });
    if widths.len() < LOCAL_RUN || !odd_block {
        return None;
    }
    let local: Vec<f32> = (0..widths.len())
        .step_by(STRIDE)
        .map(|i| {
            let window =
                &widths[i.saturating_sub(LOCAL_REACH)..(i + LOCAL_REACH).min(widths.len())];
            column_width_of(window.to_vec())
        })
        .collect();
    let apart = |k: usize| (local[k] - col).abs() >= LOCAL_APART;
    // A page of several widths: the longest run of estimates apart.
    let mut longest = 0;
    let mut run = 0;
    for k in 0..local.len() {
        run = if apart(k) { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest * STRIDE < LOCAL_RUN {
        return None;
    }
    // Then every line measures against its own column: `col`, the page's
    // median, may be neither column's.
    Some((0..widths.len()).map(|i| col - local[i / STRIDE]).collect())
}

/// What a page's lines say of its column, gathered line by line in page
/// order (the same whether the page is read whole or in chunks):
/// [`ColumnTally::measure`].
#[derive(Clone, Debug, Default)]
pub(crate) struct ColumnTally {
    /// Every line's width.
    widths: Vec<f32>,
    /// Lines at least [`Cuts::min_column`] wide, and how many of them are
    /// letter-spaced.
    measured: usize,
    justified: usize,
    /// The widths of those of ideographs alone.
    plain: Vec<f32>,
}

/// The page's column as its lines measure it ([`ColumnTally::measure`]).
#[derive(Clone, Debug)]
pub(crate) struct PageColumn {
    /// The column's width in cells ([`column_width_of`]).
    pub(crate) width: f32,
    /// A full line of ideographs alone, where punctuation is squeezed
    /// ([`ColumnTally::plain_width`]).
    pub(crate) plain: Option<f32>,
    /// Each line's shift on a page of several widths ([`local_shifts`]).
    shifts: Option<Vec<f32>>,
    /// The commonest width of a full line of ideographs alone
    /// ([`ColumnTally::unmarked_width`]).
    pub(crate) unmarked: Option<f32>,
}

impl PageColumn {
    /// Shifts the widths of `lines`, the page's lines from its
    /// `first`-th on, so that each measures against its own column.
    pub(crate) fn shift(&self, lines: &mut [Line], first: usize) {
        if let Some(shifts) = &self.shifts {
            for (line, shift) in lines.iter_mut().zip(shifts.get(first..).unwrap_or(&[])) {
                line.width = (line.width + shift).max(0.5);
            }
        }
    }
}

impl ColumnTally {
    /// The tally of `lines`.
    pub(crate) fn of(lines: &[Line]) -> Self {
        let mut tally = Self::default();
        for line in lines {
            tally.add(line);
        }
        tally
    }

    /// The page's column; with `shifted`, stretches set at another width
    /// measure against their own (not for an engine's lines, nor text read
    /// column by column: they have their own cues).
    pub(crate) fn measure(self, shifted: bool) -> PageColumn {
        let width = column_width_of(self.widths.clone());
        let shifts = shifted.then(|| local_shifts(&self.widths, width)).flatten();
        PageColumn {
            width,
            plain: self.plain_width(width),
            // Shifted widths are no longer those tallied.
            unmarked: if shifts.is_none() {
                self.unmarked_width(width)
            } else {
                None
            },
            shifts,
        }
    }

    /// Counts one line of the page.
    pub(crate) fn add(&mut self, line: &Line) {
        // The column as its glyphs fill it, without the gaps beside figures.
        let width = line.width - line.latin_gaps;
        self.widths.push(width);
        if width < CUTS.min_column {
            return;
        }
        self.measured += 1;
        self.justified += usize::from(line.justified);
        if line.glyphs.iter().all(|&c| is_ideograph(c)) {
            self.plain.push(line.width);
        }
    }

    /// The commonest width, to half a cell, of the lines of ideographs
    /// alone within [`UNMARKED_REACH`] cells of `col`: a full line without
    /// marks, measured exactly. It differs from `col` where marks are
    /// squeezed (a cell narrower, [`Self::plain_width`]) or read half width
    /// (`,` for `，`: the median full line narrower). `None` with fewer
    /// than three such lines.
    fn unmarked_width(&self, col: f32) -> Option<f32> {
        let mut counts: Vec<(i32, usize)> = Vec::new();
        for &w in &self.plain {
            if (w - col).abs() > UNMARKED_REACH {
                continue;
            }
            // Whole half cells: widths are counted in them.
            #[expect(clippy::cast_possible_truncation, reason = "a width of a few cells")]
            let halves = (w * 2.0).round() as i32;
            match counts.iter_mut().find(|(h, _)| *h == halves) {
                Some((_, n)) => *n += 1,
                None => counts.push((halves, 1)),
            }
        }
        counts
            .into_iter()
            .filter(|&(_, n)| n >= 3)
            .max_by_key(|&(h, n)| (n, h))
            .map(|(h, _)| h as f32 / 2.0)
    }

    /// The width of a full line of ideographs alone on a page set with
    /// squeezed punctuation (a line with a mark holds one glyph more than
    /// one without, so `col`, the median full line, is a cell wider than a
    /// full line of ideographs), when the extractor wrote no letter spacing
    /// to tell such a line from a title: more lines of ideographs alone are
    /// one cell short of `col` than at `col`, and fewer than a tenth of the
    /// page's lines are letter-spaced. `None` otherwise.
    pub(crate) fn plain_width(&self, col: f32) -> Option<f32> {
        if self.justified * 10 >= self.measured {
            return None;
        }
        let at = |w: f32| {
            self.plain
                .iter()
                .filter(|&&p| (p - w).abs() < CUTS.slack / 2.0)
                .count()
        };
        (at(col - 1.0) > at(col).max(3)).then_some(col - 1.0)
    }
}

/// How an article's first paragraph opens: the dateline as printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// Glyph index one past the dateline (after its closing bracket).
    pub end: usize,
    /// Glyph range inside the credit brackets (`记者 王凤侠`), if any.
    pub credit: Option<(usize, usize)>,
}

const DATELINE_MAX: usize = 24;

/// Recognises a dateline at the start of `glyphs`: `本报讯（记者 …）`,
/// `本报北京11月20日电`, `据新华社长沙11月21日电（记者 …）`,
/// `新华社南宁3月5日电`, `据江西日报消息`.
#[must_use]
pub fn dateline(glyphs: &[char]) -> Option<Dateline> {
    // Every dateline opens with one of these (a quick test).
    if !matches!(
        glyphs.first().map(|&c| simplified(c)),
        Some('本' | '据' | '新' | '中')
    ) {
        return None;
    }
    let head = &glyphs[..glyphs.len().min(DATELINE_MAX)];
    let find = |c: char, from: usize| {
        head.iter()
            .skip(from)
            .position(|&g| simplified(g) == c)
            .map(|p| p + from)
    };
    let end = if starts_with_word(head, "本报讯") {
        3
    } else if starts_with_word(head, "本报")
        && let Some(p) = match (find('电', 2), find('讯', 2)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    {
        // 本报昆明11月20日电, 本报温州1月17日讯: no sentence punctuation
        // before it.
        if head[..p].iter().any(|&c| is_sentence_punct(c) || c == '、') {
            return None;
        }
        p + 1
    } else if (starts_with_word(head, "据")
        || starts_with_word(head, "新华社")
        || starts_with_word(head, "中新社"))
        && let Some(p) = find('电', 1).filter(|&p| {
            !head[..p].iter().any(|&c| is_sentence_punct(c) || c == '、')
                && head[..p]
                    .iter()
                    .any(|&c| matches!(simplified(c), '社' | '网' | '台'))
        })
    {
        p + 1
    } else if starts_with_word(head, "据") {
        let p = (1..head.len().saturating_sub(1)).find(|&i| {
            let (a, b) = (simplified(head[i]), simplified(head[i + 1]));
            a == '消' && b == '息' || a == '报' && matches!(b, '道' | '导')
        })?;
        // The source is a paper, agency, site or station (`据江西日报消息`),
        // and no comma follows: `据外电报道，…` is running text.
        let source = &head[1..p];
        if p < 3
            || head[..p].iter().any(|&c| is_sentence_punct(c) || c == '、')
            || !source
                .iter()
                .any(|&c| matches!(simplified(c), '报' | '社' | '网' | '台'))
            || matches!(head.get(p + 2), Some('，' | ','))
        {
            return None;
        }
        p + 2
    } else {
        return None;
    };
    let mut dl = Dateline { end, credit: None };
    if matches!(glyphs.get(end), Some('（' | '(')) {
        let close = glyphs
            .iter()
            .skip(end)
            .take(DATELINE_MAX)
            .position(|&c| matches!(c, '）' | ')'));
        if let Some(close) = close {
            dl.credit = Some((end + 1, end + close));
            dl.end = end + close + 1;
        } else {
            dl.credit = Some((end + 1, glyphs.len()));
            dl.end = glyphs.len();
        }
    }
    Some(dl)
}

/// Where a dateline begins inside a line whose start is a headline glued onto
/// it (`政策解读面对面 温暖服务心贴心本报讯（记者 李拥军）11月21`).
#[must_use]
pub(crate) fn glued_dateline(glyphs: &[char]) -> Option<usize> {
    let end = glyphs.len().saturating_sub(3);
    let candidates = glyphs.get(GLUED_MIN..end).unwrap_or(&[]);
    // Only a line with one of the starters' first chars is looked at further.
    let first = candidates
        .iter()
        .position(|&c| matches!(c, '本' | '据' | '據' | '新' | '（' | '('))?
        + GLUED_MIN;
    (first..end).find(|&p| {
        if !matches!(glyphs[p], '本' | '据' | '據' | '新' | '（' | '(') {
            return false;
        }
        // `本报讯`, a city and date (`本报太原10月8日讯`), an agency, or a
        // continuation marker (`（上接第一版）`).
        let rest = &glyphs[p..];
        let opens = if matches!(glyphs[p], '（' | '(') {
            is_continuation_marker(rest)
        } else {
            // `本报通讯员 某某 摄` is a caption's credit, not a dateline.
            (starts_with_word(rest, "本报") && credit_role_at(rest, 0).is_none()
                || starts_with_word(rest, "据新华社")
                || starts_with_word(rest, "新华社")
                || starts_with_word(rest, "中新社"))
                && dateline(rest).is_some()
        };
        let head = &glyphs[..p];
        let open = |c: &&char| matches!(c, '（' | '(');
        let close = |c: &&char| matches!(c, '）' | ')');
        // `（据新华社电）`: a bracket left open is not a headline.
        opens
            && head.iter().filter(open).count() <= head.iter().filter(close).count()
            && !head.iter().any(|&c| is_sentence_punct(c))
            && head.iter().filter(|&&c| c == '、').count() <= 1
    })
}

/// The fewest glyphs of a headline glued onto the next article's opening:
/// a two-line headline's second line can be two glyphs (`新生本报讯（…`).
pub(crate) const GLUED_MIN: usize = 2;

/// Whether `glyphs` open with a continuation marker: `（上接第一版）`.
/// An OCR engine misreads the bracket as another (`《上接第一版)`,
/// `〈《上接第一版)`: a sixth of the markers on pages Tesseract read) or
/// drops it (`上接第一版)`).
fn is_continuation_marker(glyphs: &[char]) -> bool {
    let brackets = glyphs
        .iter()
        .take(2)
        .take_while(|&&c| is_opening_bracket(c))
        .count();
    let rest = &glyphs[brackets..];
    (starts_with_word(rest, "上接第") || brackets > 0 && starts_with_word(rest, "上接"))
        && rest.iter().take(9).any(|&c| c == '版')
}

/// Whether `c` is an opening bracket or one an OCR engine reads in its
/// place.
fn is_opening_bracket(c: char) -> bool {
    matches!(
        c,
        '（' | '(' | '《' | '〈' | '【' | '〔' | '［' | '[' | '「' | '『' | '<' | '｛' | '{'
    )
}

/// Words that name a role in a byline or credit, longest first.
pub(crate) const CREDIT_ROLES: [&str; 16] = [
    "本报特约记者",
    "本报见习记者",
    "本报实习记者",
    "本报实习生",
    "本报通讯员",
    "本报记者",
    "特约记者",
    "见习记者",
    "实习记者",
    "摄影记者",
    "首席记者",
    "全媒体记者",
    "记者",
    "通讯员",
    "实习生",
    "摄影",
];

/// Whether `glyphs` are the start of a photo credit's role word, or the
/// whole word (`本`, `本报记`, `本报记者`, in either script): what an
/// extractor writes apart where it cuts a credit (`本报记` / `者 某某 摄`).
#[must_use]
pub(crate) fn starts_a_credit_role(glyphs: &[char]) -> bool {
    !glyphs.is_empty()
        && CREDIT_ROLES.iter().any(|role| {
            role.chars().count() >= glyphs.len()
                && role.chars().zip(glyphs).all(|(r, &g)| r == simplified(g))
        })
}

/// The role word starting at glyph `i`, as its length.
#[must_use]
pub(crate) fn credit_role_at(glyphs: &[char], i: usize) -> Option<usize> {
    // The first chars of the role words, in either script (a quick test).
    if !matches!(
        glyphs.get(i),
        Some(
            '本' | '特'
                | '见'
                | '見'
                | '实'
                | '實'
                | '摄'
                | '攝'
                | '首'
                | '全'
                | '记'
                | '記'
                | '通'
        )
    ) {
        return None;
    }
    CREDIT_ROLES
        .iter()
        .find(|r| starts_with_word(&glyphs[i..], r))
        .map(|r| r.chars().count())
}

/// Words that follow a credit role in a column's heading (`记者手记`,
/// `记者观察`, `记者调查`), where a byline has a name.
const COLUMN_WORDS: [&str; 10] = [
    "手记", "观察", "调查", "札记", "述评", "点评", "来信", "随笔", "见闻", "追踪",
];

/// Whether a line is a byline on its own: `□本报记者 苗苗`, `本报记者 王峥`,
/// `文/图 李拥军`.
#[must_use]
pub(crate) fn is_byline(line: &Line) -> bool {
    let g = &line.glyphs;
    // An OCR engine reads the block byline's `□` as `口` or `于`; only
    // before `本报…` is that taken for the mark (`口本报记者 柯文渊`).
    let misread_box = matches!(g.first().map(|&c| simplified(c)), Some('口' | '于'))
        && starts_with_word(&g[1..], "本报");
    let skip = usize::from(
        misread_box || matches!(g.first(), Some('□' | '■' | '◆' | '●' | '◇' | '○' | '▲')),
    );
    let body = &g[skip..];
    let role = credit_role_at(body, 0)
        .or_else(|| (starts_with_word(body, "文/") || starts_with_word(body, "文／")).then_some(2));
    // `记者手记`, `记者观察`: a column's heading, not a name after the role.
    let column = |r: usize| {
        COLUMN_WORDS
            .iter()
            .any(|w| starts_with_word(body.get(r..).unwrap_or(&[]), w))
    };
    role.is_some_and(|r| names_follow(line, skip + r) && !column(r))
        && body.len() <= 24
        && !line.has_sentence_punct()
        && !line.ends_terminal()
}

/// Whether the glyphs of `line` from `from` on are names (and more role
/// words): runs of at most four glyphs between spaces, longer only with a
/// `·` (`托马斯·皮克林`). In a letter-spaced line every glyph is spaced, so
/// there the rest is at most six glyphs: `记 者 走 进 村 里 看 了 不 到 半` is
/// running text that opens with a role word.
fn names_follow(line: &Line, from: usize) -> bool {
    let rest = line.glyphs.get(from..).unwrap_or(&[]);
    if line.justified {
        return rest.len() <= 6;
    }
    let mut run = 0_usize;
    let mut dotted = false;
    for (i, &c) in rest.iter().enumerate() {
        let at = from + i;
        let spaced = at > 0 && line.offsets[at] > line.offsets[at - 1] + 1;
        if spaced {
            run = 0;
            dotted = false;
        }
        run += 1;
        dotted |= c == '·';
        if run > 4 && !(dotted && run <= 10) && credit_role_at(&line.glyphs, at + 1 - run).is_none()
        {
            return false;
        }
    }
    true
}

/// Whether `glyphs` end on `摄` (`攝`), the last word of a photo's credit
/// (`本报记者 李拥军 摄`).
#[must_use]
pub(crate) fn ends_on_photo_credit(glyphs: &[char]) -> bool {
    glyphs.last().is_some_and(|&c| simplified(c) == '摄')
}

/// Whether a line is a photo caption: it ends with the photographer's credit
/// (`… 本报记者 李拥军 摄`) or starts with `图为`.
#[must_use]
pub(crate) fn is_caption(line: &Line) -> bool {
    is_caption_by_credit(line) || opens_photo_note(line)
}

/// Whether a line ends with a photographer's credit (`… 本报记者 李拥军
/// 摄`), its last glyph perhaps misread on an OCR page.
pub(crate) fn is_caption_by_credit(line: &Line) -> bool {
    let g = &line.glyphs;
    // `… 本报记者 李拥军 摄`, or a bare `… 杨帆 摄` set apart by a space (in
    // a letter-spaced line every glyph is: `… 观 看 摄` / `影 展` is text).
    let spaced_before_last = !line.justified && line.offsets.len() >= 2 && {
        let n = line.offsets.len();
        line.offsets[n - 1] > line.offsets[n - 2] + 1
    };
    let credit_end = g.len() >= 4
        && (description_before_credit(line).is_some()
            || (ends_on_photo_credit(g) && spaced_before_last && g.len() >= 6));
    credit_end || misread_credit(line)
}

/// How many glyphs of a photo's description a caption line holds before
/// its credit (`场   本报记者 某某 摄`: 1; `本报记者 某某 摄`: 0), where
/// it ends with a credit that names a role; `None` otherwise.
pub(crate) fn description_before_credit(line: &Line) -> Option<usize> {
    let g = &line.glyphs;
    if !ends_on_photo_credit(g) {
        return misread_credit_alone(line).then_some(0);
    }
    (g.len().saturating_sub(12)..g.len()).find(|&i| credit_role_at(g, i).is_some())
}

/// A photo's credit on a line of its own whose `摄` the engine misread as
/// `报` (`记者陈小川报` for `本报记者 陈小川 摄`, its first glyphs dropped
/// too): a line the page image shows set smaller than running text, a
/// credit role, then a name of two to four glyphs and `报`. A byline is set
/// at running text's size and ends on the name.
fn misread_credit_alone(line: &Line) -> bool {
    line.glyphs.last() == Some(&'报') && misread_credit_from(line, 0)
}

/// Whether a photo's credit runs from the end of `line` onto `next`, as
/// in a caption wrapped in a narrow column (`…志愿者为老人义诊。本报记者王` /
/// `凤侠摄`): `next` is at most four glyphs of a name and `摄` (or `报`,
/// as an OCR engine misreads it: `霞 报`), and `line` ends with a credit's
/// role and at most three glyphs of the name; or `next` is `摄` alone, and
/// `line` ends with the role and the whole name, two to four glyphs
/// (`…本报记者张晓燕` / `摄`).
pub(crate) fn credit_runs_over(line: &Line, next: &Line) -> bool {
    let n = &next.glyphs;
    let g = &line.glyphs;
    let ideographs = |s: &[char]| s.iter().all(|&c| crate::chars::is_ideograph(c));
    let name = |len: usize| {
        if n.len() == 1 {
            (2..=4).contains(&len)
        } else {
            len <= 3
        }
    };
    let name_on_line = (1..=5).contains(&n.len())
        && (ends_on_photo_credit(n) || (n.len() > 1 && n.last() == Some(&'报')))
        && ideographs(n)
        && (g.len().saturating_sub(8)..g.len()).any(|i| {
            credit_role_at(g, i).is_some_and(|r| name(g.len() - (i + r)) && ideographs(&g[i + r..]))
        });
    name_on_line || role_runs_over(g, n)
}

/// Whether a photo's credit role itself runs from the end of line glyphs
/// `g` onto next line glyphs `n`, which hold its rest, a name of two to
/// four glyphs and `摄` (`…图为会议现场 本报记` / `者 林小川 摄`).
fn role_runs_over(g: &[char], n: &[char]) -> bool {
    if n.len() > 8 || !ends_on_photo_credit(n) {
        return false;
    }
    let from = g.len().saturating_sub(4);
    let split = g.len() - from;
    let joined: Vec<char> = g[from..].iter().chain(n).copied().collect();
    (0..split).any(|i| {
        credit_role_at(&joined, i).is_some_and(|r| {
            let name = joined.get(i + r..joined.len() - 1).unwrap_or_default();
            i + r > split
                && (2..=4).contains(&name.len())
                && name.iter().all(|&c| crate::chars::is_ideograph(c))
        })
    })
}

/// Whether a line opens as a photo's caption does (`图为`, `图：`, `上图`,
/// `下图`), at most 80 glyphs long.
pub(crate) fn opens_photo_note(line: &Line) -> bool {
    let g = &line.glyphs;
    let second = || g.get(1).map(|&c| simplified(c));
    let starts = match g.first().map(|&c| simplified(c)) {
        Some('图') => matches!(second(), Some('为' | '：')),
        Some('上' | '下') => second() == Some('图'),
        _ => false,
    };
    starts && g.len() <= 80
}

/// A caption whose credit's last glyph the engine misread
/// (`…乡村”本报记者 罗清扬报` for `…摄`): a line the page image shows set
/// smaller than running text, text, then a credit role of the paper, a
/// name and one more glyph at its end.
fn misread_credit(line: &Line) -> bool {
    let g = &line.glyphs;
    g.len() >= 8
        && (4..g.len().saturating_sub(3)).any(|i| g[i] == '本' && misread_credit_from(line, i))
}

/// Whether `line`, which the page image shows set smaller than running
/// text, ends on a photo credit from glyph `i` whose last glyph the engine
/// misread: a credit role, then a name of two to four glyphs and one glyph
/// more (the misread `摄`).
fn misread_credit_from(line: &Line, i: usize) -> bool {
    let g = &line.glyphs;
    line.small
        && credit_role_at(g, i).is_some_and(|n| {
            let rest = &g[i + n..];
            (3..=5).contains(&rest.len()) && rest.iter().all(|&c| crate::chars::is_ideograph(c))
        })
}

/// Whether a line is a source note: one short bracketed line such as
/// `（市生态环境局供稿）`, `（据新华社）`, `（来源：人民日报）`.
#[must_use]
pub(crate) fn is_source_note(line: &Line) -> bool {
    let g = &line.glyphs;
    let bracketed = matches!(g.first(), Some('（' | '(')) && matches!(g.last(), Some('）' | ')'));
    if !bracketed || g.len() > 30 || g.len() < 4 {
        return false;
    }
    let inner: String = g[1..g.len() - 1].iter().map(|&c| simplified(c)).collect();
    [
        "供稿", "来源", "综合", "整理", "据", "转自", "摘自", "编译", "报道", "稿",
    ]
    .iter()
    .any(|k| inner.contains(k))
        && !names_a_jump(&inner)
}

/// The words that send a reader from one page to another: `（上接第一版）`,
/// `（下转第二版）`, `接第3版`, `转第4版`.
const JUMP_WORDS: [&str; 4] = ["上接", "下转", "接第", "转第"];

/// Whether `text` (simplified) names a jump from or to another page
/// ([`JUMP_WORDS`]).
fn names_a_jump(text: &str) -> bool {
    JUMP_WORDS.iter().any(|w| text.contains(w))
}

/// Whether `glyphs` hold a page number: `第`, then one to `most` figures
/// or Chinese numerals, then `版` (`第3版`, `第一版`, `第12版`).
fn has_page_number(glyphs: &[char], most: usize) -> bool {
    glyphs.iter().enumerate().any(|(i, &c)| {
        c == '第'
            && glyphs[i + 1..]
                .iter()
                .take(most + 1)
                .position(|&c| c == '版')
                .is_some_and(|n| {
                    n >= 1
                        && glyphs[i + 1..i + 1 + n]
                            .iter()
                            .all(|&c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
                })
    })
}

/// Whether a line ends with a jump to another page (`…上冒。（下转第二版）`,
/// `（转4版）`): the text stops there on this page, as at a sentence end.
#[must_use]
pub(crate) fn ends_with_jump(glyphs: &[char]) -> bool {
    if !matches!(glyphs.last(), Some('）' | ')')) {
        return false;
    }
    let Some(open) = glyphs.iter().rposition(|&c| matches!(c, '（' | '(')) else {
        return false;
    };
    let inner = &glyphs[open + 1..glyphs.len() - 1];
    inner.len() <= 8
        && inner.last() == Some(&'版')
        && (starts_with_word(inner, "下转") || starts_with_word(inner, "转"))
}

/// Whether a line opens a continuation: `（上接第一版）`.
#[must_use]
pub(crate) fn is_continuation_start(line: &Line) -> bool {
    is_continuation_marker(&line.glyphs)
}

/// Whether a line is a page header: the page number (`第3版`, `第 一 版`)
/// with a date, weekday, editor or paper name
/// (`第 3 版 综合 责任编辑：… 2024 年 6 月 20 日 星期四`).
#[must_use]
pub(crate) fn is_page_header(line: &Line) -> bool {
    if !has_page_number(&line.glyphs, 3) {
        return false;
    }
    let text = crate::chars::simplified_text(&line.compact());
    let dated = text.contains('年') && text.contains('月') && text.contains('日');
    let extra = text.contains("星期")
        || text.contains("责任编辑")
        || text.contains("版面编辑")
        || text.contains("报");
    (dated || extra) && !line.has_sentence_punct_except_colon()
}

/// Whether a short line is one part of a page header that extraction broke
/// into lines: the page number with the section (`第4版 城事`); the editor
/// (`责任编辑：石晓岚`, and as an OCR engine reads it, with a stray mark
/// after the colon: `责任编辑:，石晓岚`); the date with the weekday
/// (`2025年6月8日星期四`), and, where the engine lost the rest of the line,
/// the weekday or the date alone (`星期六`).
#[must_use]
pub(crate) fn is_page_header_part(line: &Line) -> bool {
    let n = line.glyphs.len();
    if n > 24 {
        return false;
    }
    let text = crate::chars::simplified_text(&line.compact());
    if editor_line(&text) {
        return true;
    }
    if line.has_sentence_punct_except_colon() {
        return false;
    }
    if weekday_or_date_alone(&text) {
        return true;
    }
    let glyphs: Vec<char> = text.chars().collect();
    let page_no = has_page_number(&glyphs, 4);
    let dated =
        text.contains('年') && text.contains('月') && text.contains('日') && text.contains("星期");
    // `（上接第一版）` names another page: it opens a continuation.
    (page_no && n <= 12 && !names_a_jump(&text)) || dated
}

/// Whether `text` (simplified, without spaces) is the editor's line of a
/// page header: `责任编辑` or `版面编辑`, the marks an engine may read for
/// its colon (`：`, `:`, `:，`), then a name with no sentence punctuation.
fn editor_line(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("责任编辑")
        .or_else(|| text.strip_prefix("版面编辑"))
    else {
        return false;
    };
    rest.trim_start_matches(['：', ':', '，', ',', '、', '.', '。', ';', '；'])
        .chars()
        .all(|c| !crate::chars::is_sentence_punct(c) || c == '：')
}

/// Whether `text` (simplified, without spaces) is only a weekday
/// (`星期六`) or only a date (`2024年3月28日`).
fn weekday_or_date_alone(text: &str) -> bool {
    if let Some(day) = text.strip_prefix("星期") {
        return matches!(day, "一" | "二" | "三" | "四" | "五" | "六" | "日" | "天");
    }
    let mut parts = text.split(['年', '月', '日']);
    let figures = |p: Option<&str>, most: usize| {
        p.is_some_and(|p| (1..=most).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    text.ends_with('日')
        && figures(parts.next(), 4)
        && figures(parts.next(), 2)
        && figures(parts.next(), 2)
        && parts.next() == Some("")
        && parts.next().is_none()
}

/// Whether a line could be a title (headline, kicker, banner): no running-text
/// punctuation, not ending like a sentence, and not reading on from the text
/// before it (opening on a closing mark, or closing a quote or bracket
/// before opening one).
#[must_use]
pub(crate) fn is_titleish(line: &Line) -> bool {
    !line.ends_terminal()
        && !ends_on_a_point(&line.glyphs)
        && !is_number_tail(&line.glyphs)
        && titleish_but_for_its_end(line)
}

/// What [`is_titleish`] asks of a line short of its end: no running-text
/// punctuation, and no reading on from the text before it.
fn titleish_but_for_its_end(line: &Line) -> bool {
    !line.has_sentence_punct()
        && line.glyphs.first().is_some_and(|&c| !opens_nothing(c))
        && !closes_before_opening(&line.glyphs)
}

/// Whether `line` is [`is_titleish`] but for an ellipsis it trails off
/// with (`好戏还在后头……`): a headline may end so, and running
/// text that stops at one ends a sentence there.
#[must_use]
pub(crate) fn trails_off_as_a_title(line: &Line) -> bool {
    line.glyphs.last() == Some(&'…') && titleish_but_for_its_end(line)
}

/// Whether the glyphs end on a figure and a point (`筹款 1 .` / `5 万元`: an
/// engine broke the number at the line end, or read it elsewhere): a
/// number goes on, and no title ends on a point.
fn ends_on_a_point(glyphs: &[char]) -> bool {
    matches!(glyphs, [.., d, '.' | '．'] if d.is_ascii_digit())
}

/// A mark no title begins with: a closing quote or bracket (the ASCII
/// quotes may open as well as close), or a mark that ends a phrase.
fn opens_nothing(c: char) -> bool {
    (crate::chars::is_closer(c) && !c.is_ascii())
        || matches!(c, '，' | '、' | '。' | '；' | '：' | '！' | '？')
}

/// Whether a quote or bracket closes before any opens: the line reads on
/// from text before it that opened it (`占其二”到90年代的“大半市场”` after
/// `…的“五分天下`).
fn closes_before_opening(glyphs: &[char]) -> bool {
    glyphs
        .iter()
        .find(|c| {
            matches!(
                c,
                '“' | '”' | '（' | '）' | '《' | '》' | '「' | '」' | '『' | '』'
            )
        })
        .is_some_and(|c| matches!(c, '”' | '）' | '》' | '」' | '』'))
}

/// Every cut the proposal compares an OCR page's boxes with ([`Cuts::image`]).
///
/// They are read by `segment::geometry` (the line features and the reading-order repairs). Heights are
/// in multiples of the page's median line height, widths in glyph pitches
/// of its running text. Measured on the ten pages of devpages-ocr.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageCuts {
    /// A line less tall than this is set at the running text's size
    /// ([`Line::body_size`]): 3,014 of the 3,193 lines measure 0.94–1.06,
    /// none 1.06–1.08, kickers and subheadlines from 1.08.
    pub body_size_below: f32,
    /// A line less tall than this is set smaller than running text
    /// ([`Line::small`]): captions measure 0.83–0.87 on devpages-ocr, page
    /// header lines 0.87–0.91, running text from 0.94.
    pub small_below: f32,
    /// Running text's glyph pitch is measured on its lines of at least
    /// this many cells (shorter ones are mostly punctuation and space).
    pub pitch_line: f32,
    /// Two lines whose heights differ by less than this are set at one
    /// size (neighbours in a column, for the indent).
    pub same_size: f32,
    /// Two title lines whose glyph sizes ([`Line::glyph_size`]) differ by
    /// less than this share of the larger are set at one size: one title
    /// broken over two lines (a two-line headline measures 1.89 and 1.76
    /// on devpages-ocr 005; a headline over its subheadline 2.21 and 1.19).
    pub same_title_size: f32,
    /// Two title lines whose glyph sizes differ this many times or more
    /// are never one title wrapped: a kicker, then the first box of the
    /// headline under it (devpages-ocr 007), is no headline and its stub.
    pub sizes_apart: f32,
    /// A headline's line is at least this tall: heights over the median
    /// fall in two groups, up to 1.3 (running text with taller marks) and
    /// from 1.6 (titles), with five lines between.
    pub tall: f32,
    /// A word boxed at least this tall is a title's where its glyphs also
    /// advance as a headline's do: running text's lines with taller marks
    /// measure up to 1.3, and the engine boxes a headline's words on their
    /// ink, lower than its line (1.35 and 1.39 on a typeset page whose
    /// line measures 1.39), so [`ImageCuts::tall`] misses them.
    pub title_word: f32,
    /// …at least this many of running text's glyphs wide…
    pub title_cells: f32,
    /// …in glyphs at least this many times as wide as running text's
    /// (headlines 1.6–2.0; a body line read taller, 1.0).
    pub wide_glyphs: f32,
    /// A row boxed larger than running text's size between two rows of
    /// running text of its column, flush with them, whose rows stand at
    /// most this many rows of running text apart, top to top, is on the
    /// text's grid of rows: running text (two rows apart, as the row
    /// between takes one; a headline there takes its own height and its
    /// gaps). On the typeset OCR pages and devpages-ocr, the 56 rows boxed
    /// so (40 of them 1.3 times running text's height or more) stand
    /// 1.93–2.06 rows apart so, every one of them running text by its
    /// text; no title stands so there, so the cut's margin is a made-up
    /// page's (`tests/ocr.rs`: a headline flush between two rows, 2.5
    /// rows apart, stays a headline).
    pub text_grid_rows: f32,
    /// A line at least this tall in running text's glyphs is running text
    /// read with a speck (kickers and subheadlines measure 1.08–1.3).
    pub speckled: f32,
    /// A glyph or two boxed this many times wider against running text's
    /// pitch than the box is tall against its lines (a headline's glyphs
    /// measure about 1), the engine unsure of them, are a row misread
    /// (`人` boxed across a column), not a title.
    pub misread_row_wider: f32,
    /// A word boxed at least this many times as wide per char as it is
    /// tall is a flat glyph (`一`, a dash; a subheadline's `一` boxed 3
    /// pixels high, 25 wide): its box tells nothing of its line's size.
    /// A glyph the engine boxed across two cells measures about 2.
    pub flat_word: f32,
    /// A line starting this far right of its neighbours is indented (a
    /// paragraph's indent is two pitches).
    pub indent: f32,
    /// The widest piece of a line read apart that goes back to its line
    /// (`依然在祖国的`, six glyphs, read after its column's foot).
    pub piece: f32,
    /// How far above and below a row (in line heights) the lines are that
    /// show where its gutters are.
    pub gutter_reach: u32,
    /// A line at most this many times the page's column width (the 75th
    /// percentile of line widths) is one column's: it shows the gutters.
    pub narrow_line: f32,
    /// A line at least this many times the column width may be a row of
    /// several columns read as one, and is looked at for gutters.
    pub row_of_columns: f32,
    /// In such a row, a gap of at least this many line heights between
    /// two words neither set tall is a gutter too, where no lines around
    /// show it: running text never spaces its words so far apart.
    pub row_gap: u32,
}

/// Whether a line begins an article: `Some(true)` when it opens with a
/// continuation marker (`（上接第一版）`), `Some(false)` with a dateline,
/// else `None`.
#[must_use]
pub(crate) fn opens_article(line: &Line) -> Option<bool> {
    if is_continuation_start(line) {
        Some(true)
    } else if dateline(&line.glyphs).is_some() {
        Some(false)
    } else {
        None
    }
}

/// What a title's note in brackets says of a photo with the article.
pub(crate) const PHOTO_NOTES: &[&str] = &["图片", "照片", "附图片", "附照片"];

/// Function words that do not end a title; a line ending in one is running
/// text broken at the column edge (`…培训基地是`).
const NON_FINAL: &str =
    "的和与及在对将把被从向并而或以由于其是为让使给跟同也都就还又要会能可所之着过等";

/// Whether `glyphs` end on a function word no title ends on ([`NON_FINAL`]).
pub(crate) fn ends_on_function_word(glyphs: &[char]) -> bool {
    glyphs
        .last()
        .is_some_and(|&c| NON_FINAL.contains(simplified(c)))
}

/// Whether `glyphs` are the tail of a number broken at the line end before
/// them, as an OCR engine leaves it on a line of its own (`…达到88.42%和76.`
/// / `92%`; with a speck read as a glyph, `2%四`; `5 %`): at most three
/// glyphs, opening with a figure or a percent sign, at most one of them an
/// ideograph. No title is so short and opens so (`5G来了` has two).
pub(crate) fn is_number_tail(glyphs: &[char]) -> bool {
    glyphs.len() <= 3
        && glyphs
            .first()
            .is_some_and(|&c| c.is_ascii_digit() || matches!(c, '%' | '％' | '０'..='９'))
        && glyphs
            .iter()
            .filter(|&&c| crate::chars::is_ideograph(c))
            .count()
            <= 1
}

/// Whether a line could be a title.
///
/// No running-text punctuation, not ending in a function word or on `、`
/// (a list broken at the column edge goes on in the next line:
/// `参加签字仪式的有张三、李四、` / `王五等`), not a full line listing with
/// `、`, and not a letter-spaced line of about the column's width (titles
/// are set in their own box, not justified to the column).
#[must_use]
pub(crate) fn is_title_line(line: &Line, col: f32) -> bool {
    // Wider than the column without punctuation to squeeze: no body line is
    // set so, whatever it ends with (`游客们把老街口那座石桥围得严严实实`).
    let wider = || line.width > col + CUTS.slack && !line.glyphs.iter().any(|&c| is_cjk_punct(c));
    (is_titleish(line) || is_wide_comma_title(line, col))
        && line.glyphs.last() != Some(&'、')
        && (wider() || !ends_on_function_word(&line.glyphs))
        && (line.glyphs.iter().filter(|&&c| c == '、').count() < 2
            || line.width < col - CUTS.list_short)
        && (!line.justified || line.width < col - CUTS.spaced_title_short)
}

/// A headline with commas set wider than the body column
/// (`只要拧成一股绳，就没有蹚不过去的险滩`): no body line is wider than its
/// column, and a headline over several columns often has a comma.
fn is_wide_comma_title(line: &Line, col: f32) -> bool {
    wider_than_running_text(line, col) && !line.ends_terminal() && only_phrase_commas(line)
}

/// Whether `line` is wider than running text set `full` cells wide can be:
/// wider by more than the slack, its marks counted at half a cell (they
/// may be squeezed, lest a body line full of them look wide), and not
/// letter-spaced (a justified line is the column's width whatever its
/// glyphs measure).
#[must_use]
pub(crate) fn wider_than_running_text(line: &Line, full: f32) -> bool {
    #[expect(clippy::cast_precision_loss, reason = "a line holds few marks")]
    let marks = line.glyphs.iter().filter(|&&c| is_cjk_punct(c)).count() as f32;
    !line.justified && line.width - 0.5 * marks > full + CUTS.slack
}

/// Whether the line's only punctuation between phrases is at most two
/// commas: no full stop, semicolon, colon, `！` or `？` inside it, as a
/// headline with commas (`只要拧成一股绳，就没有蹚不过去的险滩`) has.
#[must_use]
pub(crate) fn only_phrase_commas(line: &Line) -> bool {
    !line
        .glyphs
        .iter()
        .any(|&c| matches!(c, '。' | '；' | ';' | '：' | '！' | '？'))
        && line
            .glyphs
            .iter()
            .filter(|&&c| matches!(c, '，' | ','))
            .count()
            <= 2
}

/// Whether a line is a short in-article heading ending with a colon
/// (`案情简介：`).
#[must_use]
pub(crate) fn is_colon_subhead(line: &Line) -> bool {
    line.glyphs.len() <= 14
        && line.glyphs.last() == Some(&'：')
        && !line.has_open_bracket()
        && line.glyphs.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::{dateline, glued_dateline, read_lines};
    use crate::page::Span;

    fn g(s: &str) -> Vec<char> {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn the_start_of_a_credit_role_in_either_script() {
        for start in ["本", "本报记", "本报记者", "本報記", "摄影", "通讯员"] {
            assert!(super::starts_a_credit_role(&g(start)), "{start}");
        }
        for other in ["", "报记", "本报记者王", "本报讯", "记者王"] {
            assert!(!super::starts_a_credit_role(&g(other)), "{other}");
        }
    }

    #[test]
    fn a_title_may_trail_off_with_an_ellipsis() {
        let lines = super::lines_of("好戏还在后头……\n他说，好戏还在后头……\n好戏还在后头");
        let trails: Vec<bool> = lines.iter().map(super::trails_off_as_a_title).collect();
        assert_eq!(trails, [true, false, false]);
    }

    #[test]
    fn a_page_number_is_di_then_up_to_so_many_numerals_then_ban() {
        let number = |s: &str, most: usize| super::has_page_number(&g(s), most);
        assert!(number("第3版 要闻", 3));
        assert!(number("第 一 版", 3));
        assert!(number("2024年 第12版", 3));
        // The first `第` need not be the page's (`第二届…`).
        assert!(number("第二届 第4版", 3));
        assert!(!number("第版", 3));
        assert!(!number("第1234版", 3));
        assert!(number("第1234版", 4));
        assert!(!number("第三次会议", 4));
        assert!(super::names_a_jump("上接第一版"));
        assert!(super::names_a_jump("转第3版"));
        assert!(!super::names_a_jump("第3版"));
    }

    #[test]
    fn a_jump_to_another_page_ends_a_line() {
        let ends = |s: &str| super::ends_with_jump(&s.chars().collect::<Vec<_>>());
        assert!(ends("上冒。（下转第二版）"));
        assert!(ends("江泽民同志(下转4版)"));
        assert!(ends("换来了人心（转第3版）"));
        // A continuation's opening, a source note, a bracket of text.
        assert!(!ends("（上接第一版）"));
        assert!(!ends("（市卫生健康委供稿）"));
        assert!(!ends("倡导绿色出行（报刊文摘）"));
        assert!(!ends("下转第二版"));
    }

    #[test]
    fn datelines() {
        let d = dateline(&g("本报温州1月17日讯（记者")).expect("本报…讯, wrapped");
        assert_eq!(d.end, 13, "the credit runs on to the next line");
        let d = dateline(&g("本报太原6月15日讯 记者从")).expect("本报…讯");
        assert_eq!(d.end, 10);
        let d = dateline(&g("本报讯（记者 王凤侠）11月20日下午")).expect("本报讯");
        assert_eq!((d.end, d.credit), (10, Some((4, 9))));
        let d = dateline(&g("据新华社长沙11月21日电（记者 姜琳")).expect("新华社");
        assert_eq!(d.end, 18, "an unclosed credit runs to the line end");
        assert!(dateline(&g("据河南日报消息 11月19日，记者")).is_some());
        assert!(dateline(&g("新华社南宁3月5日电")).is_some());
        assert!(dateline(&g("据介绍，山城区将常态化举办政银")).is_none());
        assert!(dateline(&g("据统计，这次大会展示的251个劳")).is_none());
        assert!(dateline(&g("本报记者 苗苗")).is_none());
        assert!(
            dateline(&g("据外电报道，林致远在首轮")).is_none(),
            "no paper, agency, site or station, and a comma follows"
        );
        assert!(dateline(&g("据人民日报报道 5月4日")).is_some());
    }

    /// The line of a one-line `text` as read.
    fn line_of(text: &str) -> super::Line {
        super::lines_of(text).pop().expect("one line")
    }

    #[test]
    fn a_continuation_opens_behind_any_bracket_an_engine_reads() {
        let opens = |s: &str| super::is_continuation_start(&line_of(s));
        assert!(opens("（上接第一版）城东新建的图书馆"));
        assert!(opens("《上接第一版) 城东新建的图书馆"));
        assert!(opens("〈《上接第一版) 城东新建的图书馆"));
        assert!(opens("上接第十二版）城东新建的图书馆"));
        // Running text that says `上接`, and a marker with no page.
        assert!(!opens("上接天线下接地线，一根也不能少"));
        assert!(!opens("《上接》是一首老歌的名字"));
        assert!(!opens("城东（上接第一版）"));
    }

    #[test]
    fn a_line_spaced_throughout_has_the_narrowest_gap_for_letter_spacing() {
        assert_eq!(line_of("走  基  层").spacing, 2);
        assert_eq!(line_of("走  基  层    新  闻").spacing, 2);
        // Gaps inside a number are left out.
        assert_eq!(line_of("11 月 21 日 至 22 日").spacing, 1);
        assert_eq!(line_of("建设十有城市 解码幸福生活").spacing, 0);
        assert_eq!(line_of("走 基").spacing, 0, "one gap");
    }

    #[test]
    fn a_line_that_ends_on_a_figure_and_a_point_is_no_title() {
        use super::is_titleish;
        // devpages-ocr 005: `1．5万元` broken by the engine at the line end.
        for text in ["村里还组织爱心捐款 1 .", "村里还组织爱心捐款1．"] {
            assert!(!is_titleish(&line_of(text)), "{text}");
        }
        for title in ["村里还组织爱心捐款", "8 强赛打完 4 场", "人均收入增长 3.5"]
        {
            assert!(is_titleish(&line_of(title)), "{title}");
        }
    }

    #[test]
    fn the_tail_of_a_number_on_a_line_of_its_own_is_no_title() {
        use super::is_titleish;
        for text in ["92%", "2%四", "５％", "5 %", "17"] {
            assert!(!is_titleish(&line_of(text)), "{text}");
        }
        for title in ["5G来了", "3号线", "1997年4月", "春天"] {
            assert!(is_titleish(&line_of(title)), "{title}");
        }
    }

    #[test]
    fn a_line_that_closes_what_it_did_not_open_is_no_title() {
        use super::is_titleish;
        for title in [
            "“红桃k奇迹”的秘密",
            "占其二到九十年代",
            "《巨龙》出版",
            "只要拧成一股绳",
        ] {
            assert!(is_titleish(&line_of(title)), "{title}");
        }
        for text in [
            // Reads on from `…已由80年代的“五分天下`.
            "占其二”到90年代的“大半市场”",
            "”到90年代的大半市场",
            "等地）进行了调查",
            "，而且能带动周边农户",
        ] {
            assert!(!is_titleish(&line_of(text)), "{text}");
        }
    }

    #[test]
    fn a_page_header_broken_into_lines_is_recognised_part_by_part() {
        use super::is_page_header_part;
        for part in [
            "第4版 城事",
            "责任编辑：石晓岚",
            "2025年6月8日星期四",
            "第 12 版",
            // As an OCR engine reads them (devpages-ocr 006, 009).
            "责任编辑:，石晓岚",
            "版面编辑: 阿卜杜拉·买买提",
            "星期六",
            "2024年3月28日",
        ] {
            assert!(is_page_header_part(&line_of(part)), "{part}");
        }
        for text in [
            "（上接第一版）依托新设备",
            "本报讯（记者 王凤侠）11月20日",
            "2024年开发区高素质农民培育培训班开班",
            "责任编辑，是一种责任。",
            "责任编辑们认为，这不妥",
            "星期六的早晨",
            "2024年3月28日电",
        ] {
            assert!(!is_page_header_part(&line_of(text)), "{text}");
        }
    }

    #[test]
    fn bylines_are_role_words_and_names() {
        use super::{is_byline, is_caption};
        for byline in [
            "□本报记者 苗苗",
            "本报记者 王峥",
            "本报记者 王凤侠 通讯员 李拥军",
            "本报记者 托马斯·皮克林",
            "本 报 记 者 苗 苗",
            // `□` as an OCR engine misreads it.
            "口本报记者 柯文渊",
            "于本报记者 葛兰",
        ] {
            assert!(is_byline(&line_of(byline)), "{byline}");
        }
        for text in [
            "记 者 走 进 村 里 看 了 不 到 半",
            "记者走进村里看了不到半",
            "于记者节",
            "口述者 王五",
            // A column's heading: no name follows the role.
            "记者手记",
            "本报记者观察",
        ] {
            assert!(!is_byline(&line_of(text)), "running text: {text}");
        }
        assert!(is_caption(&line_of(
            "志愿者在社区服务现场   本报记者 王凤侠 摄"
        )));
        assert!(is_caption(&line_of("社区服务现场 杨帆 摄")));
        assert!(
            !is_caption(&line_of("馆 长 的 开 场 介 绍 。 的 确 ， 现 场 摄")),
            "in a letter-spaced line every glyph is spaced"
        );
    }

    /// The first `n` ideographs of a line of running text.
    fn ideographs(n: usize) -> String {
        "经济社会发展取得新成就人民生活水平"
            .chars()
            .take(n)
            .collect()
    }

    /// The column tally of `lines`.
    fn tally(lines: &[String]) -> super::ColumnTally {
        let mut t = super::ColumnTally::default();
        for l in lines {
            t.add(&line_of(l));
        }
        t
    }

    #[test]
    fn a_full_line_of_ideographs_alone_is_measured_where_punctuation_is_squeezed() {
        let with_mark = |n: usize| format!("{}，", ideographs(n - 1));
        // A 14-cell column: lines with a mark hold 15 glyphs, lines of
        // ideographs alone 14.
        let mut squeezed: Vec<String> = (0..12).map(|_| with_mark(15)).collect();
        squeezed.extend((0..5).map(|_| ideographs(14)));
        assert_eq!(tally(&squeezed).plain_width(15.0), Some(14.0));
        // Lines of ideographs alone fill the column: nothing to add.
        let mut unsqueezed: Vec<String> = (0..12).map(|_| with_mark(15)).collect();
        unsqueezed.extend((0..5).map(|_| ideographs(15)));
        assert_eq!(tally(&unsqueezed).plain_width(15.0), None);
        // Letter spacing tells full lines apart already.
        let spaced: Vec<String> = squeezed
            .iter()
            .map(|l| l.chars().map(|c| format!("{c} ")).collect())
            .collect();
        assert_eq!(tally(&spaced).plain_width(15.0), None);
    }

    #[test]
    fn a_full_line_without_marks_is_measured_where_marks_read_half_width() {
        // A 15-cell column whose commas were read half width: the median
        // full line measures 14.5, a full line of ideographs 15, and the
        // indented ones (13) are too far off to count.
        let mut lines: Vec<String> = (0..12).map(|_| format!("{},", ideographs(14))).collect();
        lines.extend((0..5).map(|_| ideographs(15)));
        lines.extend((0..4).map(|_| ideographs(13)));
        let column = tally(&lines).measure(false);
        assert!((column.width - 14.5).abs() < 0.01, "{}", column.width);
        assert_eq!(column.unmarked, Some(15.0));
        // Too few such lines say nothing.
        assert_eq!(tally(&lines[..14]).measure(false).unmarked, None);
    }

    #[test]
    fn a_stretch_set_in_another_column_measures_against_its_own() {
        use super::{column_width_of, local_shifts};
        // 120 lines of a 14-cell column (full lines and indented firsts),
        // then 200 of a 20-cell one.
        let narrow = (0..120).map(|i| if i % 5 == 0 { 12.0 } else { 14.0 });
        let wide = (0..200).map(|i| if i % 5 == 0 { 18.0 } else { 20.0 });
        let widths: Vec<f32> = narrow.chain(wide).collect();
        let col = column_width_of(widths.clone());
        assert!((col - 20.0).abs() < f32::EPSILON);
        let shifts = local_shifts(&widths, col).expect("two widths");
        // The narrow stretch reads as full lines of the page's column, the
        // wide one as it is.
        assert!(shifts[..80].iter().all(|&s| (s - 6.0).abs() < f32::EPSILON));
        assert!(shifts[200..].iter().all(|&s| s.abs() < f32::EPSILON));
        // A page of one width is left as it is.
        let one: Vec<f32> = (0..300)
            .map(|i| if i % 5 == 0 { 12.0 } else { 14.0 })
            .collect();
        assert_eq!(local_shifts(&one, 14.0), None);
    }

    #[test]
    fn the_rules_words_are_read_in_traditional_characters() {
        use super::{
            is_byline, is_caption, is_page_header, is_page_header_part, is_source_note,
            is_title_line, is_titleish,
        };
        let d = dateline(&g("本報蘭州3月14日訊（記者")).expect("本報…訊");
        assert_eq!(d.end, 13);
        let d = dateline(&g("據新華社長沙11月21日電（記者 姜琳")).expect("據新華社…電");
        assert_eq!(d.end, 18);
        assert!(
            dateline(&g("據中央社報導 5月4日")).is_some(),
            "Taiwan's 報導"
        );
        assert!(dateline(&g("據介紹，山城區將常態化舉辦")).is_none());
        assert_eq!(
            glued_dateline(&g("政策解讀面對面本報訊（記者 李擁軍）11月21")),
            Some(7)
        );
        assert!(is_byline(&line_of("□本報記者 苗苗")));
        assert!(is_byline(&line_of("本報見習記者 王峥")));
        assert!(
            is_byline(&line_of("於本報記者 葛蘭")),
            "□ misread in either script"
        );
        assert!(is_caption(&line_of(
            "志願者在社區服務現場   本報記者 王鳳俠 攝"
        )));
        assert!(is_caption(&line_of("圖爲志願者在社區服務現場")));
        assert!(is_source_note(&line_of("（據新華社電）")));
        assert!(is_page_header(&line_of(
            "第 3 版 城事 2024 年 6 月 20 日 星期四 版面編輯：趙六"
        )));
        assert!(is_page_header_part(&line_of("責任編輯：石晓岚")));
        // A line ending in a function word is running text broken at the
        // column's edge, in either script.
        assert!(!is_title_line(
            &line_of("市交通運輸行業黨建培訓基地還"),
            15.0
        ));
        assert!(is_title_line(&line_of("市交通運輸行業黨建培訓基地"), 15.0));
        // Corner quotes are quotes: a line closing one it did not open
        // reads on from the line before.
        assert!(!is_titleish(&line_of("占其二」到90年代的「大半市场」")));
        assert!(is_titleish(&line_of("「紅桃k奇蹟」的祕密")));
    }

    #[test]
    fn a_line_ending_on_a_list_comma_is_no_title() {
        use super::is_title_line;
        // Made up: a list broken at the column's edge goes on in the next
        // line, however short the line and whatever it holds.
        assert!(!is_title_line(&line_of("出席会议的有市长张明、"), 15.0));
        assert!(!is_title_line(&line_of("书画诗词、"), 15.0));
        assert!(is_title_line(&line_of("出席会议的有市长张明"), 15.0));
    }

    #[test]
    fn glued_headline_and_dateline() {
        let line = g("政策解读面对面 温暖服务心贴心本 报 讯 （记 者 李 拥 军）11 月 21");
        assert_eq!(glued_dateline(&line), Some(14));
        assert_eq!(glued_dateline(&g("截至目前，本报讯（记者")), None);
        // A two-line headline's second line, two glyphs, glued on.
        assert_eq!(glued_dateline(&g("新生本报讯（记者 陶思远）到")), Some(2));
        // A city and date, an agency, a continuation marker.
        assert_eq!(
            glued_dateline(&g("说到底就是一场持续创新本报太原10月8日讯（记者 孟舟")),
            Some(11)
        );
        assert_eq!(
            glued_dateline(&g("带活了全县传统竹编工艺产业（上接第一版）自今年首批出")),
            Some(13)
        );
        // A caption's credit, a source note and a sentence are not.
        assert_eq!(
            glued_dateline(&g("图为襄阳市新落成场馆本报通讯员 戴一鸣 摄")),
            None
        );
        assert_eq!(glued_dateline(&g("（据新华社电）")), None);
    }

    #[test]
    fn blank_lines_and_justification() {
        let text: Vec<char> = " 为 深 入 打 好 污 染\n\n建设十有城市 解码幸福生活"
            .chars()
            .collect();
        let lines = read_lines(
            &text,
            &[
                Span::new(0, 14),
                Span::new(15, 15),
                Span::new(16, text.len()),
            ],
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[0].justified && lines[0].indented);
        assert!(!lines[1].justified && lines[1].blank_before);
    }
}
