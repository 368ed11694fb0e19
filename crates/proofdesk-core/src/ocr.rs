//! Pages read by an OCR engine, with where each line and word sits on the
//! page image.
//!
//! Three formats: hOCR (Tesseract's `-c tessedit_create_hocr=1`, HTML),
//! ALTO (`alto` output, XML) and PAGE XML (`PcGts`, what Transkribus,
//! eScriptorium, kraken and OCR-D write).
//!
//! The raw text of such a page is the engine's lines in the engine's order:
//! one `\n` between the lines of a paragraph, a blank line between
//! paragraphs, as Tesseract's own plain text has them. Inside a line, two
//! words are joined by a space only where the image shows a gap between
//! them ([`SPACE_GAP`]): CJK words are written side by side.
//!
//! What the plain text loses is kept as [`Geometry`]: the page size, the
//! image's file name, every line's and word's box, and every word's
//! confidence. Its positions are char offsets into the raw text, as
//! [`crate::page::Span`]s are, so fixtures keep it beside the text.
//!
//! The XML is parsed by `roxmltree`, which expands no external entity and
//! refuses entity loops. Files that no engine writes are refused with a
//! message: more than [`MAX_NODES`] nodes, elements nested deeper than
//! [`MAX_DEPTH`], attributes longer than [`MAX_ATTRIBUTE_BYTES`].

use std::collections::HashMap;

use crate::chars::is_cjk_text;

/// The version of [`Geometry`] this build writes and reads.
pub const GEOMETRY_VERSION: u32 = 1;
/// The most XML nodes a page file may hold (a dense newspaper page read
/// by Tesseract has about 60,000).
pub const MAX_NODES: u32 = 4_000_000;
/// The deepest element nesting read (hOCR and ALTO pages nest about 8 deep).
pub const MAX_DEPTH: usize = 256;
/// The longest attribute value read, in bytes.
pub const MAX_ATTRIBUTE_BYTES: usize = 64 * 1024;
/// A gap between two words wider than this share of the line's height is
/// written as a space, where either side is not CJK (`支持, 这`, `42 岁`).
pub const SPACE_GAP: f32 = 0.45;
/// Between two CJK words the gap must be wider.
///
/// A justified line spreads its glyphs by up to 0.7 of the height, a typeset space (`记者 马林`) is
/// about one em. Measured on the ten pages of `devpages-ocr` against
/// Tesseract's own plain text.
pub(crate) const CJK_SPACE_GAP: f32 = 0.9;

/// Words the engine was less sure of than this (percent) are doubts of
/// kind `recognition`.
///
/// On the ten pages of `devpages-ocr` (Tesseract 5
/// `chi_sim`, words aligned with the gold) words below 70% were misread
/// 9–42% of the time by tens of percent, words of 70–79% 3.6%, of 80%
/// and more under 1%.
pub(crate) const RECOGNITION_DOUBT_BELOW: u8 = 70;
/// Below this (percent) a word is very unsure: misread about a third of
/// the time there.
pub(crate) const VERY_UNSURE_BELOW: u8 = 30;

/// Which OCR format a page came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OcrFormat {
    /// hOCR: HTML with `ocr_line` and `ocrx_word` elements.
    Hocr,
    /// ALTO XML: `TextLine` and `String` elements.
    Alto,
    /// PAGE XML (`PRImA` `PcGts`): `TextRegion`, `TextLine` and `Word`
    /// elements with `Coords` polygons and `TextEquiv` text.
    Page,
}

impl OcrFormat {
    /// The format's usual name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Hocr => "hOCR",
            Self::Alto => "ALTO",
            Self::Page => "PAGE XML",
        }
    }
}

/// A box on the page image, in image pixels: left, top, right, bottom.
pub type BBox = [u32; 4];

/// The box around all of `boxes`, if any.
#[must_use]
pub fn bbox_union(boxes: impl IntoIterator<Item = BBox>) -> Option<BBox> {
    boxes.into_iter().reduce(|a, b| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    })
}

/// The boxes of `lines` (in reading order) in the runs that stand together
/// on the page, each run's box.
///
/// The next line of a run is under the last
/// one and beside it across (a row), or, on a page set `vertical`ly, left
/// of it and beside it down (a column). A block that goes on in the next
/// column (or band) is two runs.
#[must_use]
pub fn line_runs(lines: &[BBox], vertical: bool) -> Vec<BBox> {
    let overlap = |a0: u32, a1: u32, b0: u32, b1: u32| a0 < b1 && b0 < a1;
    let mut runs: Vec<BBox> = Vec::new();
    let mut last: Option<BBox> = None;
    for &b in lines {
        let goes_on = last.is_some_and(|p| {
            if vertical {
                b[2] <= p[2] && overlap(p[1], p[3], b[1], b[3])
            } else {
                b[1] >= p[1] && overlap(p[0], p[2], b[0], b[2])
            }
        });
        match runs.last_mut() {
            Some(run) if goes_on => *run = bbox_union([*run, b]).unwrap_or(b),
            _ => runs.push(b),
        }
        last = Some(b);
    }
    runs
}

/// Where a page's text sits on its image.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geometry {
    /// Always [`GEOMETRY_VERSION`].
    pub version: u32,
    /// The file format the page was read from.
    pub format: OcrFormat,
    /// The image the engine read, as the file names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The page's width and height in pixels.
    pub page_size: [u32; 2],
    /// Every line of the raw text, in raw order.
    pub lines: Vec<OcrLine>,
    /// The raw offsets, in order, of the commas, apostrophes, colons and
    /// quotes whose ink on the page picture is a full stop's ring, or has
    /// one beside it ([`crate::picture::stops_inked`]),
    /// read when the page was opened beside its picture; `None` when no
    /// picture was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stops_inked: Option<Vec<usize>>,
    /// The raw offsets, in order, of the line-final glyphs after which the
    /// page picture shows a full stop the engine did not read
    /// ([`crate::picture::marks_unread`]); `None` when no picture was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stops_unread: Option<Vec<usize>>,
    /// The same for a solid dot where a `。` stands (a full stop printed
    /// filled, or a `、`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dots_unread: Option<Vec<usize>>,
    /// The same for commas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commas_unread: Option<Vec<usize>>,
    /// The same for closing quotes `”`, written after the mark listed
    /// above for the same glyph, if any (`。”`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes_unread: Option<Vec<usize>>,
    /// The same for closing quotes written before the mark listed above
    /// for the same glyph (`”。`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes_unread_first: Option<Vec<usize>>,
    /// The raw offsets, in order, of the marks read after another at a
    /// line's end whose ink on the page picture is a closing quote
    /// (`。”` read `，…`; [`crate::picture::marks_unread`]); `None` when
    /// no picture was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes_inked: Option<Vec<usize>>,
    /// The raw offsets, in order, of the commas whose ink on the page
    /// picture is a `、` ([`crate::picture::mid_marks_inked`]); `None`
    /// when no picture was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enumerations_inked: Option<Vec<usize>>,
    /// The same for commas whose ink is a `·` (a round dot at mid-height).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_dots_inked: Option<Vec<usize>>,
    /// The same for commas whose ink is a `：` (a dot over a dot).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colons_inked: Option<Vec<usize>>,
    /// The same for commas whose ink is a `；` (a dot over a comma).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semicolons_inked: Option<Vec<usize>>,
    /// The raw offsets, in order, of the line-final glyphs after which
    /// the page picture shows a `、` the engine did not read, boxed with
    /// the glyph ([`crate::picture::marks_unread`]); `None` when no
    /// picture was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enumerations_unread: Option<Vec<usize>>,
    /// The same for a `：`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colons_unread: Option<Vec<usize>>,
    /// The same for a `；`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semicolons_unread: Option<Vec<usize>>,
}

/// One line the engine read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OcrLine {
    /// Its first char in the raw text.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// Its box.
    pub bbox: BBox,
    /// The paragraph (hOCR `ocr_par`, ALTO `TextBlock`) it belongs to,
    /// numbered from 0 in page order.
    pub paragraph: usize,
    /// Its words.
    pub words: Vec<OcrWord>,
}

/// One word the engine read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OcrWord {
    /// Its first char in the raw text.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// Its box.
    pub bbox: BBox,
    /// How sure the engine was, 0–100.
    pub confidence: u8,
}

/// Across its column, the size of a line of a page set vertically: a mark
/// set at the top right of its cell (`。`, `，`) reaches past the glyphs'
/// right edge, and the engine boxes such a column up to a fifth wider than
/// running text's, which on a page set across would be a line set larger
/// (on pages typeset vertically and read by `chi_sim_vert`, running text's
/// columns measure 20 to 25 pixels, their middle 21). A column at most
/// [`MARKS_WIDEN`] times the page's middle column width is as wide as that
/// (its left edge, where the glyphs stand, kept); a wider one (a
/// subheadline, about 1.3 times; a headline, twice) and a narrower one (a
/// caption) as the engine boxed it. (Whether a column holds a mark says
/// little: the engine drops many of them, their ink still in the box.)
fn columns_across(lines: &[OcrLine]) -> impl Fn(&OcrLine) -> BBox {
    let mut widths: Vec<u32> = lines
        .iter()
        .filter(|l| l.measures())
        .map(|l| l.bbox[2].saturating_sub(l.bbox[0]))
        .collect();
    widths.sort_unstable();
    let middle = widths.get(widths.len() / 2).copied().unwrap_or(0);
    move |line: &OcrLine| {
        let [x0, y0, x1, y1] = line.bbox;
        let width = x1.saturating_sub(x0);
        #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
        let widened = width > middle && (width as f32) <= middle as f32 * MARKS_WIDEN;
        if widened {
            [x0, y0, x0 + middle, y1]
        } else {
            line.bbox
        }
    }
}

/// See [`columns_across`]: running text's columns measure up to 1.2 times
/// the middle one where marks widen them, subheadlines from 1.3.
const MARKS_WIDEN: f32 = 1.2;

/// Whether a box is at least twice as tall as it is wide: a column of a
/// page set vertically ([`Geometry::is_vertical`]). A line set across is
/// always wider than it is tall.
fn boxed_vertically([x0, y0, x1, y1]: BBox) -> bool {
    y1.saturating_sub(y0) >= 2 * x1.saturating_sub(x0)
}

impl OcrLine {
    /// Whether the line holds three chars or more: its box measures the
    /// page's setting and its columns, where a shorter one's may be as
    /// wide as tall whichever way the page is set.
    fn measures(&self) -> bool {
        self.end >= self.start + 3
    }

    /// Its words whose text meets raw `start..end`.
    pub fn words_meeting(&self, start: usize, end: usize) -> impl Iterator<Item = &OcrWord> {
        self.words
            .iter()
            .filter(move |w| start < w.end && w.start < end)
    }
}

impl Geometry {
    /// A full line of the page's running text, in pixels along its lines
    /// (across, or down on a page set vertically): the upper quartile of
    /// its lines' lengths (headlines and paragraphs' last lines are fewer,
    /// and shorter or longer); 0 on a page without lines.
    #[must_use]
    pub fn full_line(&self) -> u32 {
        let vertical = self.is_vertical();
        let mut lengths: Vec<u32> = self
            .lines
            .iter()
            .map(|l| {
                let b = l.bbox;
                if vertical {
                    b[3].saturating_sub(b[1])
                } else {
                    b[2].saturating_sub(b[0])
                }
            })
            .collect();
        let at = lengths.len() * 3 / 4;
        if at >= lengths.len() {
            return 0;
        }
        *lengths.select_nth_unstable(at).1
    }

    /// The geometry of `lines` read from a file of `format`, before any
    /// picture was read (no marks its ink shows).
    #[must_use]
    pub fn of_lines(
        format: OcrFormat,
        image: Option<String>,
        page_size: [u32; 2],
        lines: Vec<OcrLine>,
    ) -> Self {
        Self {
            version: GEOMETRY_VERSION,
            format,
            image,
            page_size,
            lines,
            stops_inked: None,
            stops_unread: None,
            dots_unread: None,
            commas_unread: None,
            quotes_unread: None,
            quotes_unread_first: None,
            quotes_inked: None,
            enumerations_inked: None,
            name_dots_inked: None,
            colons_inked: None,
            semicolons_inked: None,
            enumerations_unread: None,
            colons_unread: None,
            semicolons_unread: None,
        }
    }

    /// Whether the page is set vertically (columns of glyphs read top to
    /// bottom, right to left, as Chinese newspapers long were and in
    /// Taiwan and Hong Kong still are; Tesseract's `chi_sim_vert` and
    /// `chi_tra_vert` read them so): most of its lines of three glyphs or
    /// more are boxed at least twice as tall as they are wide. A line set
    /// across is always wider than it is tall.
    #[must_use]
    pub fn is_vertical(&self) -> bool {
        let measured: Vec<&OcrLine> = self.lines.iter().filter(|l| l.measures()).collect();
        let tall = measured.iter().filter(|l| boxed_vertically(l.bbox)).count();
        !measured.is_empty() && 3 * tall >= 2 * measured.len()
    }

    /// The page as the proposal reads it: a page set vertically turned a
    /// quarter turn anticlockwise, so that its columns, read right to
    /// left, become lines read top to bottom, each glyph's place down its
    /// column a place along its line ([`Geometry::is_vertical`]). Then a
    /// headline is a taller line, an indent is a line that starts further
    /// right and a band of short columns is a column of lines, as on a
    /// page set across; a column widened by its marks is measured across
    /// as running text's ([`columns_across`]). Every other page as it is.
    /// The fixture and the desk keep the engine's own boxes, on the
    /// picture it read.
    #[must_use]
    pub fn upright(&self) -> std::borrow::Cow<'_, Self> {
        if !self.is_vertical() {
            return std::borrow::Cow::Borrowed(self);
        }
        let width = match self.page_size {
            [0, _] => self.lines.iter().map(|l| l.bbox[2]).max().unwrap_or(0),
            [w, _] => w,
        };
        // (x, y) goes to (y, width - x): the page's top right corner is
        // the turned page's top left.
        let turn = |[x0, y0, x1, y1]: BBox| -> BBox {
            [y0, width.saturating_sub(x1), y1, width.saturating_sub(x0)]
        };
        let across = columns_across(&self.lines);
        std::borrow::Cow::Owned(self.with_boxes(
            [self.page_size[1], self.page_size[0]],
            |line| turn(across(line)),
            turn,
        ))
    }

    /// The same lines and words on a page of `page_size`, each line boxed
    /// as `line` gives and each word as `word` maps its box: the page
    /// turned ([`Geometry::upright`]) or scaled to its picture.
    #[must_use]
    pub(crate) fn with_boxes(
        &self,
        page_size: [u32; 2],
        line: impl Fn(&OcrLine) -> BBox,
        word: impl Fn(BBox) -> BBox,
    ) -> Self {
        let mut out = self.clone();
        out.page_size = page_size;
        for l in &mut out.lines {
            l.bbox = line(l);
            for w in &mut l.words {
                w.bbox = word(w.bbox);
            }
        }
        out
    }

    /// The line holding raw offset `offset`, if any.
    #[must_use]
    pub(crate) fn line_at(&self, offset: usize) -> Option<&OcrLine> {
        let i = self.lines.partition_point(|l| l.end <= offset);
        self.lines
            .get(i)
            .filter(|l| l.start <= offset && offset < l.end)
    }

    /// The lines whose text meets any of the raw `ranges` (`start..end`
    /// char offsets, such as a block's spans).
    pub fn lines_meeting<'a>(
        &'a self,
        ranges: &'a [(usize, usize)],
    ) -> impl Iterator<Item = &'a OcrLine> + 'a {
        self.lines
            .iter()
            .filter(|l| ranges.iter().any(|&(s, e)| s < l.end && l.start < e))
    }

    /// The words whose text meets raw `start..end`.
    pub fn words_meeting(&self, start: usize, end: usize) -> impl Iterator<Item = &OcrWord> {
        // The lines are in raw order and do not overlap: skip to the first
        // that ends after `start`.
        let from = self.lines.partition_point(|l| l.end <= start);
        self.lines[from..]
            .iter()
            .take_while(move |l| l.start < end)
            .flat_map(move |l| l.words_meeting(start, end))
    }

    /// The raw offsets, in order, of the commas the engine boxed as a full
    /// stop: a comma read as a word of its own whose box is a small dot (no
    /// more than a third of its line's height either way) that stands a
    /// fifth of that height or more above the line's foot, where a `。`
    /// sits; a comma's tail reaches the foot. On devpages-ocr every such
    /// comma mid-paragraph is a `。` (or a `、`) in the gold, never a `，`.
    /// A box the engine did not give (empty), or one outside its line,
    /// says nothing. `glyph_at` gives the raw text's char at an offset.
    #[must_use]
    pub(crate) fn stops_read_as_commas(
        &self,
        glyph_at: impl Fn(usize) -> Option<char>,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        for line in &self.lines {
            let [_, top, _, foot] = line.bbox.map(u64::from);
            let height = foot.saturating_sub(top);
            for w in &line.words {
                let [x0, y0, x1, y1] = w.bbox.map(u64::from);
                let comma = w.end == w.start + 1 && matches!(glyph_at(w.start), Some(',' | '，'));
                let boxed = height > 0 && x1 > x0 && y1 > y0 && y0 >= top && y1 <= foot;
                if comma
                    && boxed
                    && (x1 - x0) * 3 <= height
                    && (y1 - y0) * 3 <= height
                    && (foot - y1) * 5 >= height
                {
                    out.push(w.start);
                }
            }
        }
        debug_assert!(out.is_sorted(), "lines and words are in raw order");
        out
    }

    /// The line whose box holds image point `(x, y)`, in pixels.
    #[must_use]
    pub fn line_at_point(&self, x: f32, y: f32) -> Option<&OcrLine> {
        #[expect(clippy::cast_precision_loss, reason = "pixel coordinates are small")]
        self.lines.iter().find(|l| {
            let b = l.bbox.map(|v| v as f32);
            (b[0]..=b[2]).contains(&x) && (b[1]..=b[3]).contains(&y)
        })
    }

    /// What is wrong with this geometry for a raw text of `raw_len` chars,
    /// as messages (empty when it is sound).
    #[must_use]
    pub fn problems(&self, raw_len: usize) -> Vec<String> {
        let mut out = Vec::new();
        if self.version != GEOMETRY_VERSION {
            out.push(format!(
                "version is {}, this build reads {GEOMETRY_VERSION}",
                self.version
            ));
        }
        let beyond = |b: &BBox| b.iter().any(|&v| v > MAX_PIXEL);
        if self.page_size.iter().any(|&v| v > MAX_PIXEL)
            || self
                .lines
                .iter()
                .any(|l| beyond(&l.bbox) || l.words.iter().any(|w| beyond(&w.bbox)))
        {
            out.push(format!(
                "a size or box coordinate is beyond {MAX_PIXEL} pixels, the largest read"
            ));
        }
        for (name, list) in [
            ("stops_inked", &self.stops_inked),
            ("stops_unread", &self.stops_unread),
            ("dots_unread", &self.dots_unread),
            ("commas_unread", &self.commas_unread),
            ("quotes_unread", &self.quotes_unread),
            ("quotes_unread_first", &self.quotes_unread_first),
            ("quotes_inked", &self.quotes_inked),
            ("enumerations_inked", &self.enumerations_inked),
            ("name_dots_inked", &self.name_dots_inked),
            ("colons_inked", &self.colons_inked),
            ("semicolons_inked", &self.semicolons_inked),
            ("enumerations_unread", &self.enumerations_unread),
            ("colons_unread", &self.colons_unread),
            ("semicolons_unread", &self.semicolons_unread),
        ] {
            let list = list.as_deref().unwrap_or_default();
            if !list.is_sorted_by(|a, b| a < b) || list.last().is_some_and(|&o| o >= raw_len) {
                out.push(format!(
                    "{name} is not a rising list of offsets inside the {raw_len} chars of the text"
                ));
            }
        }
        let mut prev_end = 0;
        for (i, l) in self.lines.iter().enumerate() {
            if l.start < prev_end || l.start > l.end || l.end > raw_len {
                out.push(format!(
                    "lines[{i}] covers {}..{}, not after the line before and inside the {raw_len} chars of the text",
                    l.start, l.end
                ));
            }
            prev_end = l.end;
            let mut word_end = l.start;
            for (j, w) in l.words.iter().enumerate() {
                if w.start < word_end || w.start > w.end || w.end > l.end || w.confidence > 100 {
                    out.push(format!(
                        "lines[{i}].words[{j}] covers {}..{} with confidence {}, not inside its line after the word before, or above 100",
                        w.start, w.end, w.confidence
                    ));
                }
                word_end = w.end;
            }
        }
        out
    }
}

/// A page read from an OCR file: its raw text and where the text sits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OcrPage {
    /// The engine's lines, in its order.
    pub text: String,
    /// Where they sit on the image.
    pub geometry: Geometry,
}

/// Why an OCR file could not be read.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum OcrError {
    /// Not well-formed XML, or an entity loop, or too many nodes.
    #[error(
        "the {format} file is not well-formed XML ({source}); open the file the OCR engine wrote, or its plain-text output"
    )]
    Xml {
        /// The format it claimed to be.
        format: &'static str,
        /// What the XML parser said.
        source: roxmltree::Error,
    },
    /// Elements nested deeper than any engine writes.
    #[error(
        "the {format} file nests elements more than {MAX_DEPTH} deep, which no OCR engine writes; open the file the engine wrote"
    )]
    TooDeep {
        /// The format it claimed to be.
        format: &'static str,
    },
    /// An attribute longer than any engine writes.
    #[error(
        "the {format} file has an attribute of {bytes} bytes, more than the {MAX_ATTRIBUTE_BYTES} Proofdesk reads; open the file the engine wrote"
    )]
    AttributeTooLong {
        /// The format it claimed to be.
        format: &'static str,
        /// The attribute's length.
        bytes: usize,
    },
    /// Markup (XML or HTML) in none of the formats read.
    #[error(
        "the file is XML or HTML (<{root}>) but none of the OCR formats Proofdesk reads (hOCR, ALTO, PAGE XML); export the page from the OCR tool as one of them, or as plain text"
    )]
    UnknownMarkup {
        /// The name of its root element.
        root: String,
    },
    /// More than one page in one file.
    #[error(
        "the {format} file holds {pages} pages; Proofdesk corrects one page per file: have the OCR engine read each page image on its own (or split the file), then open each page"
    )]
    ManyPages {
        /// The format it claimed to be.
        format: &'static str,
        /// How many pages it holds.
        pages: usize,
    },
    /// Entities declared in the file's DTD.
    #[error(
        "the {format} file declares entities (<!ENTITY), which no OCR engine writes and which can make a small file expand without end; open the file the engine wrote"
    )]
    Entities {
        /// The format it claimed to be.
        format: &'static str,
    },
    /// PAGE XML regions whose text is given only as a whole.
    #[error(
        "the PAGE XML file gives the text of {regions} region(s) only as a whole, not line by line (TextLine with TextEquiv); Proofdesk reads a page's lines: export the page with line-level text"
    )]
    RegionText {
        /// How many regions.
        regions: usize,
    },
    /// No line of text in it.
    #[error(
        "the {format} file holds no line of text; check that the OCR engine read the page (it may be blank or the wrong file)"
    )]
    NoLines {
        /// The format it claimed to be.
        format: &'static str,
    },
}

/// Whether plain text reads like an OCR engine's (Tesseract's `.txt`).
///
/// That is: at least [`OCR_MARKS`] ASCII commas, semicolons, colons,
/// apostrophes or backticks right after a CJK char, as engines read `，`,
/// `、` and `。`, among marks read right: an apostrophe or backtick after
/// a CJK char (what an engine reads for `、` or `。`), or a full-width comma
/// somewhere. Text whose every comma is ASCII and that has no such
/// apostrophe is an extractor's text set with half-width marks (NFKC
/// turns `，：；！？（）` into ASCII; so do some fonts' maps), not an
/// engine's misreading: its order is the extractor's, not the image's. No
/// extractor of the 40 devpages nor the seed page writes such marks; every
/// one of the ten devpages-ocr texts has both kinds.
#[must_use]
pub(crate) fn reads_like_ocr(text: &str) -> bool {
    // A byte scan for the marks (ASCII, so never inside a multi-byte
    // char), then a look at the char before each.
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut misread_stop = false;
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b',' | b';' | b':' | b'\'' | b'`') {
            continue;
        }
        let before = text
            .get(..i)
            .and_then(|t| t.chars().rev().find(|c| !c.is_whitespace()));
        if before.is_some_and(is_cjk_text) {
            count += 1;
            misread_stop |= matches!(b, b'\'' | b'`');
            if count >= OCR_MARKS && misread_stop {
                return true;
            }
        }
    }
    count >= OCR_MARKS && memchr::memmem::find(bytes, "，".as_bytes()).is_some()
}

/// How many ASCII marks after CJK chars make plain text read like OCR.
pub(crate) const OCR_MARKS: usize = 5;

/// Which OCR format `text` is in, if any: looked for near its start.
#[must_use]
pub(crate) fn sniff(text: &str) -> Option<OcrFormat> {
    let mut end = text.len().min(16 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or("").trim_start_matches('\u{feff}');
    if !head.trim_start().starts_with('<') {
        return None;
    }
    if head.contains("<alto") {
        Some(OcrFormat::Alto)
    } else if head.contains("<PcGts") || head.contains(":PcGts") {
        Some(OcrFormat::Page)
    } else if head.contains("ocr_page")
        || head.contains("ocr-system")
        || head.contains("ocr-capabilities")
    {
        Some(OcrFormat::Hocr)
    } else {
        None
    }
}

/// Whether `text` is XML or HTML markup (an XML declaration, a doctype or an
/// `<html>` root at its start) whatever its format: text no extractor
/// writes, so one that [`sniff`] does not know is refused, not read as a
/// page of text.
///
/// # Errors
/// [`OcrError::UnknownMarkup`] with the root element's name, for markup
/// that is none of the formats read.
pub(crate) fn refuse_unknown_markup(text: &str) -> Result<(), OcrError> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let lower = |n: usize| head.get(..n).map(str::to_ascii_lowercase);
    let markup = head.starts_with("<?xml")
        || lower(9).is_some_and(|h| h == "<!doctype")
        || lower(5).is_some_and(|h| h == "<html");
    if !markup {
        return Ok(());
    }
    // The first element that is not a declaration, comment or doctype.
    let root = head
        .match_indices('<')
        .map(|(i, _)| &head[i + 1..])
        .find(|t| !t.starts_with('?') && !t.starts_with('!'))
        .map(|t| {
            t.chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
                .take(64)
                .collect::<String>()
        })
        .unwrap_or_default();
    Err(OcrError::UnknownMarkup { root })
}

/// Reads an OCR page in `format`.
///
/// # Errors
/// [`OcrError`] for XML that is not well formed or not what an engine
/// writes, and for a file with no line of text.
pub fn read(text: &str, format: OcrFormat) -> Result<OcrPage, OcrError> {
    let name = format.name();
    // An entity declared once and referred to many times expands a small
    // file quadratically (roxmltree bounds nested references, not their
    // number): 700 KB took 4 GB and aborted. Engines declare none.
    if declares_entities(text) {
        return Err(OcrError::Entities { format: name });
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(text, options).map_err(|source| OcrError::Xml {
            format: name,
            source,
        })?;
    check_shape(&doc, name)?;
    let pages = doc
        .descendants()
        .filter(|n| match format {
            OcrFormat::Hocr => n.is_element() && has_class(n, "ocr_page"),
            OcrFormat::Alto | OcrFormat::Page => named(n, "Page"),
        })
        .count();
    if pages > 1 {
        return Err(OcrError::ManyPages {
            format: name,
            pages,
        });
    }
    let mut builder = Builder::default();
    match format {
        OcrFormat::Hocr => read_hocr(&doc, &mut builder),
        OcrFormat::Alto => read_alto(&doc, &mut builder),
        OcrFormat::Page => read_page_xml(&doc, &mut builder)?,
    }
    if builder.lines.is_empty() {
        return Err(OcrError::NoLines { format: name });
    }
    Ok(OcrPage {
        text: builder.text,
        geometry: Geometry::of_lines(format, builder.image, builder.page_size, builder.lines),
    })
}

/// Whether the document type declaration before the root element declares
/// an entity.
fn declares_entities(text: &str) -> bool {
    // The internal subset ends before the first element; an entity
    // declaration after that is text, which the parser refuses itself.
    let prolog_end = text
        .match_indices('<')
        .find(|(i, _)| {
            text[i + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
        })
        .map_or(text.len(), |(i, _)| i);
    text[..prolog_end].contains("<!ENTITY")
}

/// Refuses nesting and attributes no engine writes, in one pass.
fn check_shape(doc: &roxmltree::Document<'_>, format: &'static str) -> Result<(), OcrError> {
    let mut depth: HashMap<roxmltree::NodeId, usize> = HashMap::new();
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let d = node
            .parent_element()
            .and_then(|p| depth.get(&p.id()))
            .map_or(0, |d| d + 1);
        if d > MAX_DEPTH {
            return Err(OcrError::TooDeep { format });
        }
        depth.insert(node.id(), d);
        if let Some(a) = node
            .attributes()
            .find(|a| a.value().len() > MAX_ATTRIBUTE_BYTES)
        {
            return Err(OcrError::AttributeTooLong {
                format,
                bytes: a.value().len(),
            });
        }
    }
    Ok(())
}

/// A word as read, before it is placed in the text.
struct RawWord {
    text: String,
    bbox: BBox,
    confidence: u8,
}

/// The raw text and geometry as they are built, line by line.
#[derive(Default)]
struct Builder {
    text: String,
    chars: usize,
    image: Option<String>,
    page_size: [u32; 2],
    lines: Vec<OcrLine>,
    paragraphs: usize,
    /// The paragraph of the last line added.
    last_paragraph: Option<usize>,
}

impl Builder {
    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    /// Starts a new paragraph: the next line is set after a blank line.
    fn new_paragraph(&mut self) {
        if self.last_paragraph == Some(self.paragraphs) {
            self.paragraphs += 1;
        }
    }

    fn add_line(&mut self, bbox: BBox, words: Vec<RawWord>) {
        let words: Vec<RawWord> = words
            .into_iter()
            .map(|mut w| {
                // A control character an engine's file spells as a
                // reference (`&#x7F;`, `&#x85;`) is no glyph: dropped, as a
                // page's raw text holds none (plain text with one is
                // refused, and a fixture with one is not read back).
                let glyphs: String = w
                    .text
                    .chars()
                    .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
                    .collect();
                w.text = glyphs.split_whitespace().collect::<Vec<_>>().join(" ");
                w
            })
            .filter(|w| !w.text.is_empty())
            .collect();
        if words.is_empty() {
            return;
        }
        match self.last_paragraph {
            None => {}
            Some(p) if p == self.paragraphs => self.push_str("\n"),
            Some(_) => self.push_str("\n\n"),
        }
        self.last_paragraph = Some(self.paragraphs);
        // A line set vertically (a column at least twice as tall as it is
        // wide, [`Geometry::is_vertical`]) runs down the page: its words
        // stand apart by the gaps between them down it, against its width.
        let [x0, y0, x1, y1] = bbox;
        let (along, across) = if boxed_vertically(bbox) {
            (1, x1.saturating_sub(x0))
        } else {
            (0, y1.saturating_sub(y0))
        };
        #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
        let height = across.max(1) as f32;
        let start = self.chars;
        let mut placed = Vec::with_capacity(words.len());
        let mut prev: Option<(u32, char)> = None;
        for w in words {
            if let Some((right, last)) = prev
                && let Some(first) = w.text.chars().next()
            {
                let share = if is_cjk_text(last) && is_cjk_text(first) {
                    CJK_SPACE_GAP
                } else {
                    SPACE_GAP
                };
                #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
                let gap = (i64::from(w.bbox[along]) - i64::from(right)) as f32;
                if gap >= height * share {
                    self.push_str(" ");
                }
            }
            let word_start = self.chars;
            self.push_str(&w.text);
            placed.push(OcrWord {
                start: word_start,
                end: self.chars,
                bbox: w.bbox,
                confidence: w.confidence,
            });
            prev = w.text.chars().last().map(|c| (w.bbox[along + 2], c));
        }
        self.lines.push(OcrLine {
            start,
            end: self.chars,
            bbox,
            paragraph: self.paragraphs,
            words: placed,
        });
    }
}

/// The `class` attribute's words.
fn classes<'a>(node: &roxmltree::Node<'a, '_>) -> impl Iterator<Item = &'a str> {
    node.attribute("class").unwrap_or("").split_whitespace()
}

fn has_class(node: &roxmltree::Node<'_, '_>, class: &str) -> bool {
    classes(node).any(|c| c == class)
}

/// One property of an hOCR `title` (`bbox 1 2 3 4; x_wconf 96`), its
/// arguments after the name.
fn title_property<'a>(title: &'a str, name: &str) -> Option<&'a str> {
    title.split(';').find_map(|p| {
        let p = p.trim();
        p.strip_prefix(name)
            .filter(|rest| rest.is_empty() || rest.starts_with(' '))
            .map(str::trim)
    })
}

/// The largest pixel coordinate read, 2^20 (a page 1.7 m long at 600
/// dpi); a larger one is read as it, so that no sum or product of a box's
/// sides with the small factors the rules use overflows.
pub const MAX_PIXEL: u32 = 1 << 20;

/// A box as hOCR writes it (`106 122 146 161`; converters may write
/// `106.0 …`).
fn parse_bbox(args: &str) -> Option<BBox> {
    let mut it = args.split_whitespace().map(pixels);
    let b = [it.next()??, it.next()??, it.next()??, it.next()??];
    Some(b)
}

fn hocr_bbox(node: &roxmltree::Node<'_, '_>) -> Option<BBox> {
    title_property(node.attribute("title")?, "bbox").and_then(parse_bbox)
}

/// The classes of hOCR elements that are lines of text.
const HOCR_LINES: [&str; 5] = [
    "ocr_line",
    "ocr_header",
    "ocr_textfloat",
    "ocr_caption",
    "ocrx_line",
];

fn read_hocr(doc: &roxmltree::Document<'_>, b: &mut Builder) {
    if let Some(page) = doc
        .descendants()
        .find(|n| n.is_element() && has_class(n, "ocr_page"))
        && let Some(title) = page.attribute("title")
    {
        if let Some(size) = title_property(title, "bbox").and_then(parse_bbox) {
            b.page_size = [size[2], size[3]];
        }
        b.image = title_property(title, "image").map(|s| s.trim_matches('"').to_owned());
    }
    let mut paragraph_of_last: Option<roxmltree::NodeId> = None;
    let is_line =
        |n: &roxmltree::Node<'_, '_>| n.is_element() && HOCR_LINES.iter().any(|c| has_class(n, c));
    // A caption, header or float that wraps lines of its own (as the hOCR
    // spec nests them) is no line itself: its lines are (until session 50
    // its text was read twice).
    for line in doc
        .descendants()
        .filter(|n| is_line(n) && !n.descendants().skip(1).any(|d| is_line(&d)))
    {
        let paragraph = line
            .ancestors()
            .find(|a| has_class(a, "ocr_par") || has_class(a, "ocr_carea"))
            .map(|a| a.id());
        if paragraph != paragraph_of_last {
            b.new_paragraph();
            paragraph_of_last = paragraph;
        }
        let word = |w: roxmltree::Node<'_, '_>| {
            let title = w.attribute("title").unwrap_or("");
            RawWord {
                text: text_under(&w),
                bbox: hocr_bbox(&w).unwrap_or_default(),
                confidence: title_property(title, "x_wconf")
                    .and_then(|c| c.parse::<f32>().ok())
                    .map_or(100, percent),
            }
        };
        let mut words: Vec<RawWord> = line
            .descendants()
            .filter(|n| n.is_element() && has_class(n, "ocrx_word"))
            .map(word)
            .collect();
        // A line without word elements (OCRopus, some converters) is one
        // word: its text, its box.
        if words.is_empty() {
            words.push(word(line));
        }
        // A line without a box of its own has its words' (a box of zeros
        // reads as a column set vertically).
        let bbox = hocr_bbox(&line)
            .or_else(|| bbox_union(words.iter().map(|w| w.bbox).filter(|b| b[2] > b[0])))
            .unwrap_or_default();
        b.add_line(bbox, words);
    }
}

/// A confidence as a whole percent, clamped to 0–100.
fn percent(c: f32) -> u8 {
    #[expect(clippy::cast_possible_truncation, reason = "clamped to 0–100")]
    #[expect(clippy::cast_sign_loss, reason = "clamped to 0–100")]
    let p = c.clamp(0.0, 100.0).round() as u8;
    p
}

/// A coordinate as written (`12`, `12.5`): whole pixels, clamped to `u32`.
fn pixels(v: &str) -> Option<u32> {
    v.trim().parse::<f32>().ok().map(|v| {
        #[expect(clippy::cast_possible_truncation, reason = "clamped to MAX_PIXEL")]
        #[expect(clippy::cast_sign_loss, reason = "clamped to MAX_PIXEL")]
        let n = v.clamp(0.0, MAX_PIXEL as f32).round() as u32;
        n
    })
}

/// Whether `n` is an element named `name` (namespace aside).
fn named(n: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

/// The text under `node`; whitespace between its elements is the file's
/// layout, not text, and the engine's other readings of a glyph are not
/// the text it read ([`is_alternative`]).
fn text_under(node: &roxmltree::Node<'_, '_>) -> String {
    node.descendants()
        .filter(roxmltree::Node::is_text)
        .filter(|t| {
            !t.ancestors()
                .take_while(|a| a != node)
                .any(|a| is_alternative(&a))
        })
        .filter_map(|t| t.text())
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// Whether an hOCR element holds the engine's alternatives for a glyph:
/// Tesseract's `lstm_choice_mode` writes them after the glyph, in an
/// `ocr_symbol` (mode 1: `timestep…` and `choice_…` spans) or an
/// `ocrx_cinfo` with an id `lstm_choices_…` (mode 2). A glyph's own box
/// (`hocr_char_boxes`) is an `ocrx_cinfo` too, holding the glyph read.
fn is_alternative(n: &roxmltree::Node<'_, '_>) -> bool {
    n.is_element()
        && (has_class(n, "ocr_symbol")
            || n.attribute("id").is_some_and(|id| {
                id.starts_with("lstm_choices")
                    || id.starts_with("timestep")
                    || id.starts_with("choice_")
            }))
}

fn alto_number(node: &roxmltree::Node<'_, '_>, name: &str) -> u32 {
    node.attribute(name).and_then(pixels).unwrap_or(0)
}

fn alto_bbox(node: &roxmltree::Node<'_, '_>) -> BBox {
    let x = alto_number(node, "HPOS");
    let y = alto_number(node, "VPOS");
    [
        x,
        y,
        x.saturating_add(alto_number(node, "WIDTH")).min(MAX_PIXEL),
        y.saturating_add(alto_number(node, "HEIGHT")).min(MAX_PIXEL),
    ]
}

/// An ALTO word confidence (`WC`, 0–1) as a percent. Tesseract writes
/// `0.` and then the whole percent, so its 2% is `0.2` and its 100% is
/// `0.100`: read from such a file, the digits after `0.` are the percent
/// (its hOCR of the same page says `x_wconf 2`).
fn alto_confidence(wc: &str, tesseract: bool) -> u8 {
    let wc = wc.trim();
    if tesseract
        && let Some(digits) = wc.strip_prefix("0.")
        && let Ok(p) = digits.parse::<u8>()
    {
        return p.min(100);
    }
    wc.parse::<f32>().map_or(100, |c| percent(c * 100.0))
}

fn read_alto(doc: &roxmltree::Document<'_>, b: &mut Builder) {
    if let Some(page) = doc.descendants().find(|n| named(n, "Page")) {
        b.page_size = [alto_number(&page, "WIDTH"), alto_number(&page, "HEIGHT")];
    }
    b.image = doc
        .descendants()
        .find(|n| named(n, "fileName"))
        .and_then(|n| n.text())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    let tesseract = doc
        .descendants()
        .find(|n| named(n, "softwareName"))
        .and_then(|n| n.text())
        .is_some_and(|t| t.to_ascii_lowercase().contains("tesseract"));
    for block in doc.descendants().filter(|n| named(n, "TextBlock")) {
        b.new_paragraph();
        for line in block.children().filter(|n| named(n, "TextLine")) {
            let words: Vec<RawWord> = line
                .children()
                .filter(|n| named(n, "String"))
                .map(|w| RawWord {
                    text: w.attribute("CONTENT").unwrap_or("").to_owned(),
                    bbox: alto_bbox(&w),
                    confidence: w
                        .attribute("WC")
                        .map_or(100, |wc| alto_confidence(wc, tesseract)),
                })
                .collect();
            // A line without coordinates has its words' box (a box of
            // zeros reads as a column set vertically).
            let bbox = Some(alto_bbox(&line))
                .filter(|b| b[2] > b[0])
                .or_else(|| bbox_union(words.iter().map(|w| w.bbox).filter(|b| b[2] > b[0])))
                .unwrap_or_default();
            b.add_line(bbox, words);
        }
    }
}

/// The box around a PAGE XML element's `Coords` polygon: its `points`
/// attribute (`x,y x,y …`, PAGE 2013 and later) or its `Point` children
/// (PAGE 2010).
fn page_bbox(node: &roxmltree::Node<'_, '_>) -> Option<BBox> {
    let coords = node.children().find(|n| named(n, "Coords"))?;
    let points: Vec<(u32, u32)> = match coords.attribute("points") {
        Some(p) => p
            .split_whitespace()
            .filter_map(|xy| {
                let (x, y) = xy.split_once(',')?;
                Some((pixels(x)?, pixels(y)?))
            })
            .collect(),
        None => coords
            .children()
            .filter(|n| named(n, "Point"))
            .filter_map(|p| Some((pixels(p.attribute("x")?)?, pixels(p.attribute("y")?)?)))
            .collect(),
    };
    let xs = points.iter().map(|p| p.0);
    let ys = points.iter().map(|p| p.1);
    Some([xs.clone().min()?, ys.clone().min()?, xs.max()?, ys.max()?])
}

/// A PAGE XML element's text and confidence: its first `TextEquiv` (the
/// one of lowest `index`, where several give alternatives), `Unicode`
/// before `PlainText`; `conf` is 0–1.
fn page_text(node: &roxmltree::Node<'_, '_>) -> Option<(String, u8)> {
    let equiv = node
        .children()
        .filter(|n| named(n, "TextEquiv"))
        .min_by_key(|n| {
            n.attribute("index")
                .and_then(|i| i.trim().parse::<i64>().ok())
                .unwrap_or(0)
        })?;
    let text = text_under(
        &equiv
            .children()
            .find(|n| named(n, "Unicode"))
            .or_else(|| equiv.children().find(|n| named(n, "PlainText")))?,
    );
    let confidence = equiv
        .attribute("conf")
        .and_then(|c| c.trim().parse::<f32>().ok())
        .map_or(100, |c| percent(c * 100.0));
    Some((text, confidence))
}

/// The ids of a PAGE XML page's regions in its `ReadingOrder`: groups read
/// in the order of their members' `index` (document order without one),
/// nested groups where they stand.
fn page_reading_order(page: &roxmltree::Node<'_, '_>) -> Vec<String> {
    fn walk(group: &roxmltree::Node<'_, '_>, out: &mut Vec<String>) {
        let mut members: Vec<(i64, usize, roxmltree::Node<'_, '_>)> = group
            .children()
            .filter(roxmltree::Node::is_element)
            .enumerate()
            .map(|(k, n)| {
                let index = n
                    .attribute("index")
                    .and_then(|i| i.trim().parse::<i64>().ok())
                    .unwrap_or(i64::MAX);
                (index, k, n)
            })
            .collect();
        members.sort_by_key(|&(index, k, _)| (index, k));
        for (_, _, n) in members {
            if let Some(r) = n.attribute("regionRef") {
                out.push(r.to_owned());
            }
            walk(&n, out);
        }
    }
    let mut out = Vec::new();
    if let Some(order) = page.children().find(|n| named(n, "ReadingOrder")) {
        walk(&order, &mut out);
    }
    out
}

/// Reads a PAGE XML page: its text regions in its reading order (those it
/// leaves out after, in document order), each a paragraph; each line's
/// words with their boxes and confidences, or, for a line without words
/// (Transkribus, eScriptorium), its own text as one word with its box.
fn read_page_xml(doc: &roxmltree::Document<'_>, b: &mut Builder) -> Result<(), OcrError> {
    let Some(page) = doc.descendants().find(|n| named(n, "Page")) else {
        return Ok(());
    };
    b.page_size = [
        alto_number(&page, "imageWidth"),
        alto_number(&page, "imageHeight"),
    ];
    b.image = page
        .attribute("imageFilename")
        .map(|f| f.trim().to_owned())
        .filter(|f| !f.is_empty());
    let mut regions: Vec<roxmltree::Node<'_, '_>> = page
        .descendants()
        .filter(|n| named(n, "TextRegion"))
        .collect();
    let order = page_reading_order(&page);
    let rank = |r: &roxmltree::Node<'_, '_>| {
        r.attribute("id")
            .and_then(|id| order.iter().position(|o| o == id))
            .unwrap_or(usize::MAX)
    };
    // A stable sort: regions the order leaves out keep document order.
    regions.sort_by_key(|r| rank(r));
    // A region whose text is given only as a whole (OCR-D's
    // `textequiv_level=region`, a transcription made region by region)
    // has no lines to read: refused, not dropped in silence.
    let has_text =
        |n: &roxmltree::Node<'_, '_>| page_text(n).is_some_and(|(t, _)| !t.trim().is_empty());
    let whole = regions
        .iter()
        .filter(|r| {
            has_text(r)
                && !r.children().filter(|n| named(n, "TextLine")).any(|l| {
                    has_text(&l) || l.children().any(|w| named(&w, "Word") && has_text(&w))
                })
        })
        .count();
    if whole > 0 {
        return Err(OcrError::RegionText { regions: whole });
    }
    for region in regions {
        b.new_paragraph();
        for line in region.children().filter(|n| named(n, "TextLine")) {
            let line_box = page_bbox(&line).unwrap_or_default();
            let elements: Vec<roxmltree::Node<'_, '_>> =
                line.children().filter(|n| named(n, "Word")).collect();
            let mut words: Vec<RawWord> = elements
                .iter()
                .filter_map(|w| {
                    let (text, confidence) = page_text(w)?;
                    Some(RawWord {
                        text,
                        bbox: page_bbox(w).unwrap_or(line_box),
                        confidence,
                    })
                })
                .filter(|w| !w.text.trim().is_empty())
                .collect();
            // Words that do not all carry text (or none at all): the line's
            // own text, where it has one, is the whole line.
            if words.len() < elements.len().max(1)
                && let Some((text, confidence)) = page_text(&line)
                && !text.trim().is_empty()
            {
                words = vec![RawWord {
                    text,
                    bbox: line_box,
                    confidence,
                }];
            }
            b.add_line(line_box, words);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{OcrError, OcrFormat, bbox_union, line_runs, read, sniff};

    #[test]
    fn the_union_of_boxes_spans_them_all() {
        assert_eq!(bbox_union([]), None);
        assert_eq!(
            bbox_union([[100, 200, 500, 228], [90, 230, 480, 258]]),
            Some([90, 200, 500, 258])
        );
    }

    #[test]
    fn lines_stand_in_runs_down_a_column_or_across_a_band() {
        // Two lines at a column's foot, then two at the next column's head.
        let rows = [
            [100, 900, 400, 928],
            [100, 930, 300, 958],
            [450, 100, 750, 128],
            [450, 130, 750, 158],
        ];
        assert_eq!(
            line_runs(&rows, false),
            [[100, 900, 400, 958], [450, 100, 750, 158]]
        );
        // Set vertically: columns read right to left, then the band under
        // them starts at the right again.
        let columns = [
            [900, 100, 930, 700],
            [860, 100, 890, 500],
            [900, 800, 930, 1400],
        ];
        assert_eq!(
            line_runs(&columns, true),
            [[860, 100, 930, 700], [900, 800, 930, 1400]]
        );
        assert!(line_runs(&[], false).is_empty());
    }

    #[test]
    fn a_full_line_is_the_upper_quartile_of_the_lines_lengths() {
        let mut g = read(HOCR, OcrFormat::Hocr).expect("hOCR reads").geometry;
        let line = g.lines[0].clone();
        g.lines = [300, 300, 300, 120, 800]
            .into_iter()
            .zip(0u32..)
            .map(|(wide, i)| {
                let mut l = line.clone();
                l.bbox = [10, 100 + 40 * i, 10 + wide, 128 + 40 * i];
                l
            })
            .collect();
        assert_eq!(g.full_line(), 300);
        g.lines.clear();
        assert_eq!(g.full_line(), 0);
    }

    /// A small hOCR page as Tesseract writes it (made up text).
    const HOCR: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
 <head><meta name='ocr-system' content='tesseract 5.3.0' /></head>
 <body>
  <div class='ocr_page' id='page_1' title='image "p.jpg"; bbox 0 0 1000 2000; ppageno 0'>
   <div class='ocr_carea' title="bbox 10 10 500 60">
    <p class='ocr_par' title="bbox 10 10 500 60">
     <span class='ocr_header' title="bbox 10 10 500 60; x_size 50">
      <span class='ocrx_word' title='bbox 10 10 100 60; x_wconf 96'>春风</span>
      <span class='ocrx_word' title='bbox 100 10 200 60; x_wconf 41'>吹又生</span>
     </span>
    </p>
   </div>
   <div class='ocr_carea' title="bbox 10 100 500 160">
    <p class='ocr_par' title="bbox 10 100 500 160">
     <span class='ocr_line' title="bbox 10 100 500 128">
      <span class='ocrx_word' title='bbox 10 100 60 128; x_wconf 90'>记者</span>
      <span class='ocrx_word' title='bbox 90 100 140 128; x_wconf 88'>马林</span>
      <span class='ocrx_word' title='bbox 140 100 160 128; x_wconf 70'>&amp;</span>
     </span>
     <span class='ocr_line' title="bbox 10 130 500 158">
      <span class='ocrx_word' title='bbox 10 130 60 158; x_wconf 93'>报道</span>
     </span>
    </p>
   </div>
  </div>
 </body>
</html>
"#;

    /// The same page as ALTO.
    const ALTO: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">
 <Description><sourceImageInformation><fileName>p.jpg</fileName></sourceImageInformation></Description>
 <Layout><Page WIDTH="1000" HEIGHT="2000"><PrintSpace>
  <TextBlock HPOS="10" VPOS="10" WIDTH="490" HEIGHT="50">
   <TextLine HPOS="10" VPOS="10" WIDTH="490" HEIGHT="50">
    <String HPOS="10" VPOS="10" WIDTH="90" HEIGHT="50" WC="0.96" CONTENT="春风"/><SP/>
    <String HPOS="100" VPOS="10" WIDTH="100" HEIGHT="50" WC="0.41" CONTENT="吹又生"/>
   </TextLine>
  </TextBlock>
  <TextBlock HPOS="10" VPOS="100" WIDTH="490" HEIGHT="60">
   <TextLine HPOS="10" VPOS="100" WIDTH="490" HEIGHT="28">
    <String HPOS="10" VPOS="100" WIDTH="50" HEIGHT="28" WC="0.90" CONTENT="记者"/><SP/>
    <String HPOS="90" VPOS="100" WIDTH="50" HEIGHT="28" WC="0.88" CONTENT="马林"/>
    <String HPOS="140" VPOS="100" WIDTH="20" HEIGHT="28" WC="0.70" CONTENT="&amp;"/>
   </TextLine>
   <TextLine HPOS="10" VPOS="130" WIDTH="490" HEIGHT="28">
    <String HPOS="10" VPOS="130" WIDTH="50" HEIGHT="28" WC="0.93" CONTENT="报道"/>
   </TextLine>
  </TextBlock>
 </PrintSpace></Page></Layout>
</alto>
"#;

    #[test]
    fn both_formats_give_the_same_text_and_geometry() {
        assert_eq!(sniff(HOCR), Some(OcrFormat::Hocr));
        assert_eq!(sniff(ALTO), Some(OcrFormat::Alto));
        assert_eq!(sniff("<p>一段</p>"), None);
        assert_eq!(sniff("春风吹又生\n"), None);
        // An engine's misreadings among marks read right.
        assert!(super::reads_like_ocr("一,二,三,四;五，六:七"));
        assert!(super::reads_like_ocr("一,二,三,四'五,六:七"));
        assert!(!super::reads_like_ocr(
            "一，二，三，四；五，六：七, 1,2,3,4,5"
        ));
        // Every mark half width, none misread: an extractor's text set so
        // (or NFKC-normalised), in the extractor's order.
        assert!(!super::reads_like_ocr("一,二,三,四;五,六:七。"));
        let h = read(HOCR, OcrFormat::Hocr).expect("hOCR reads");
        let a = read(ALTO, OcrFormat::Alto).expect("ALTO reads");
        // Paragraphs apart by a blank line, lines by a line end; a gap of
        // about an em between CJK words is a space (`记者 马林`), a
        // narrower one is letter spacing (`春风` `吹又生` touch).
        assert_eq!(h.text, "春风吹又生\n\n记者 马林&\n报道");
        assert_eq!(a.text, h.text);
        let g = &h.geometry;
        assert_eq!(g.image.as_deref(), Some("p.jpg"));
        assert_eq!(g.page_size, [1000, 2000]);
        assert_eq!(g.lines.len(), 3);
        assert_eq!((g.lines[1].start, g.lines[1].end), (7, 13));
        assert_eq!(g.lines[1].paragraph, 1);
        assert_eq!(g.lines[2].paragraph, 1);
        assert_eq!(g.lines[0].words[1].confidence, 41);
        assert_eq!(g.lines[0].words[1].bbox, [100, 10, 200, 60]);
        assert_eq!((g.lines[0].words[1].start, g.lines[0].words[1].end), (2, 5));
        assert_eq!(a.geometry.lines, g.lines);
        assert!(g.problems(h.text.chars().count()).is_empty());
        assert_eq!(g.line_at(8).map(|l| l.start), Some(7));
        assert_eq!(g.line_at(5), None);
        let lines: Vec<usize> = g
            .lines_meeting(&[(0, 3), (14, 15)])
            .map(|l| l.start)
            .collect();
        assert_eq!(lines, [0, 14]);
        let words: Vec<u8> = g.words_meeting(3, 9).map(|w| w.confidence).collect();
        assert_eq!(words, [41, 90]);
        assert_eq!(g.line_at_point(120.0, 110.0).map(|l| l.start), Some(7));
        assert_eq!(g.line_at_point(900.0, 110.0), None);
    }

    /// The same page as PAGE XML (2019), its regions written in the
    /// reverse of the reading order that `ReadingOrder` gives, the
    /// headline's line holding words, the other region's lines only their
    /// text, as Transkribus and eScriptorium write them.
    const PAGE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">
 <Metadata><Creator>made up</Creator></Metadata>
 <Page imageFilename="p.jpg" imageWidth="1000" imageHeight="2000">
  <ReadingOrder><OrderedGroup id="ro">
   <RegionRefIndexed index="1" regionRef="text"/>
   <RegionRefIndexed index="0" regionRef="title"/>
  </OrderedGroup></ReadingOrder>
  <TextRegion id="text" type="paragraph">
   <Coords points="10,100 500,100 500,160 10,160"/>
   <TextLine id="l1"><Coords points="10,100 500,100 500,128 10,128"/>
    <TextEquiv conf="0.88"><Unicode>记者 马林&amp;</Unicode></TextEquiv></TextLine>
   <TextLine id="l2"><Coords points="10,130 500,130 500,158 10,158"/>
    <TextEquiv><PlainText>报道</PlainText></TextEquiv></TextLine>
  </TextRegion>
  <TextRegion id="title" type="heading">
   <Coords points="10,10 500,10 500,60 10,60"/>
   <TextLine id="l0"><Coords points="10,10 500,10 500,60 10,60"/>
    <Word id="w0"><Coords points="10,10 100,10 100,60 10,60"/>
     <TextEquiv index="2" conf="0.1"><Unicode>春凤</Unicode></TextEquiv>
     <TextEquiv index="1" conf="0.96"><Unicode>春风</Unicode></TextEquiv></Word>
    <Word id="w1"><Coords><Point x="100" y="10"/><Point x="200" y="60"/></Coords>
     <TextEquiv conf="0.41"><Unicode>吹又生</Unicode></TextEquiv></Word>
    <TextEquiv><Unicode>春风吹又生</Unicode></TextEquiv>
   </TextLine>
  </TextRegion>
 </Page>
</PcGts>
"#;

    #[test]
    fn page_xml_reads_as_the_same_text_and_boxes_in_its_reading_order() {
        assert_eq!(sniff(PAGE), Some(OcrFormat::Page));
        let p = read(PAGE, OcrFormat::Page).expect("PAGE XML reads");
        let a = read(ALTO, OcrFormat::Alto).expect("ALTO reads");
        // The title region first, as the reading order says; its words'
        // first alternative (lowest index); a line without words is one
        // word of its own text, box and confidence.
        assert_eq!(p.text, a.text);
        let g = &p.geometry;
        assert_eq!(g.format, OcrFormat::Page);
        assert_eq!(
            (g.image.as_deref(), g.page_size),
            (Some("p.jpg"), [1000, 2000])
        );
        let boxes = |g: &super::Geometry| -> Vec<(super::BBox, usize)> {
            g.lines.iter().map(|l| (l.bbox, l.paragraph)).collect()
        };
        assert_eq!(boxes(g), boxes(&a.geometry));
        assert_eq!(g.lines[0].words, a.geometry.lines[0].words);
        let line = &g.lines[1];
        assert_eq!(line.words.len(), 1);
        assert_eq!(
            (
                line.words[0].start,
                line.words[0].end,
                line.words[0].confidence
            ),
            (line.start, line.end, 88)
        );
        assert_eq!(line.words[0].bbox, line.bbox);
        assert_eq!(g.lines[2].words[0].confidence, 100);
        assert!(g.problems(p.text.chars().count()).is_empty());
        // A line some of whose words carry no text is read from its own.
        let partial = PAGE.replace(
            "<TextEquiv conf=\"0.41\"><Unicode>吹又生</Unicode></TextEquiv>",
            "",
        );
        let q = read(&partial, OcrFormat::Page).expect("reads");
        assert_eq!(q.text, p.text);
        assert_eq!(q.geometry.lines[0].words.len(), 1);
        // Without a reading order, regions are read in document order.
        let unordered = PAGE.replace("regionRef", "ref");
        let u = read(&unordered, OcrFormat::Page).expect("reads");
        assert_eq!(u.text, "记者 马林&\n报道\n\n春风吹又生");
        // Text also given region by region, beside its lines, is read
        // from the lines.
        let both = PAGE.replace(
            "  </TextRegion>\n  <TextRegion id=\"title\"",
            "   <TextEquiv><Unicode>记者 马林&amp;\n报道</Unicode></TextEquiv>\n  </TextRegion>\n  <TextRegion id=\"title\"",
        );
        assert_ne!(both, PAGE);
        assert_eq!(read(&both, OcrFormat::Page).expect("reads").text, p.text);
        // A region whose text is given only as a whole is refused, not
        // dropped in silence (until session 50 its text was left out).
        let start = PAGE.find("   <TextLine id=\"l1\">").expect("l1");
        let end = PAGE.find("  </TextRegion>").expect("its end");
        let whole = format!(
            "{}   <TextEquiv><Unicode>记者 马林&amp;\n报道</Unicode></TextEquiv>\n{}",
            &PAGE[..start],
            &PAGE[end..]
        );
        let e = read(&whole, OcrFormat::Page).expect_err("refused");
        assert_eq!(e, OcrError::RegionText { regions: 1 });
        assert!(e.to_string().contains("line-level text"), "{e}");
    }

    #[test]
    fn a_page_set_vertically_is_turned_upright_for_the_proposal() {
        // Made up: a page 300 px wide of two columns read top to bottom,
        // right to left; the first column's two words stand a glyph apart
        // down it, the second's touch.
        let word = |[x0, y0, x1, y1]: [u32; 4], text: &str| {
            format!(
                "<span class='ocrx_word' title='bbox {x0} {y0} {x1} {y1}; x_wconf 90'>{text}</span>"
            )
        };
        let line = |bbox: [u32; 4], words: &str| {
            let [x0, y0, x1, y1] = bbox;
            format!("<span class='ocr_line' title='bbox {x0} {y0} {x1} {y1}'>{words}</span>")
        };
        let page = format!(
            "<html><body><div class='ocr_page' title='bbox 0 0 300 400'><p class='ocr_par'>{}{}</p></div></body></html>",
            line(
                [250, 20, 280, 200],
                &[
                    word([250, 20, 280, 80], "春风"),
                    word([250, 110, 280, 200], "又绿江")
                ]
                .concat(),
            ),
            line(
                [200, 20, 230, 140],
                &[
                    word([200, 20, 230, 80], "南岸"),
                    word([200, 80, 230, 140], "明月")
                ]
                .concat(),
            ),
        );
        let read = read(&page, OcrFormat::Hocr).expect("reads");
        assert_eq!(read.text, "春风 又绿江\n南岸明月");
        let g = &read.geometry;
        assert!(g.is_vertical());
        let up = g.upright();
        // The rightmost column is the top line; down it is along it.
        assert_eq!(up.page_size, [400, 300]);
        assert_eq!(up.lines[0].bbox, [20, 20, 200, 50]);
        assert_eq!(up.lines[1].bbox, [20, 70, 140, 100]);
        assert_eq!(up.lines[0].words[1].bbox, [110, 20, 200, 50]);
        // A column a mark widens by at most a fifth is measured across as
        // the page's middle column; a subheadline's, a third wider, as
        // boxed.
        let columns = |widths: &[u32]| {
            let lines: Vec<super::OcrLine> = widths
                .iter()
                .enumerate()
                .map(|(i, &w)| {
                    let x1 = 280 - 40 * u32::try_from(i).unwrap_or(0);
                    super::OcrLine {
                        start: 10 * i,
                        end: 10 * i + 8,
                        bbox: [x1 - w, 20, x1, 300],
                        paragraph: 0,
                        words: Vec::new(),
                    }
                })
                .collect();
            super::Geometry::of_lines(OcrFormat::Hocr, None, [300, 400], lines)
        };
        let g = columns(&[20, 20, 24, 27, 20]);
        let across: Vec<u32> = g
            .upright()
            .lines
            .iter()
            .map(|l| l.bbox[3] - l.bbox[1])
            .collect();
        assert_eq!(across, [20, 20, 20, 27, 20]);
        // A page set across is read as it is.
        assert!(!up.is_vertical());
        assert!(matches!(up.upright(), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn control_characters_spelled_as_references_are_no_text_and_the_fixture_reads_back() {
        // XML 1.0 allows DEL and the C1 controls as references; a page's raw
        // text, and so its fixture, holds none.
        let hocr = HOCR
            .replace(">春风<", ">春&#x7F;风<")
            .replace(">报道<", ">报&#x85;道&#x9F;<");
        let h = read(&hocr, OcrFormat::Hocr).expect("reads");
        assert_eq!(h.text, "春风吹又生\n\n记者 马林&\n报道");
        let page = crate::io::page_from_bytes("p.hocr", hocr.as_bytes()).expect("opens");
        let json = crate::fixture::Fixture::from_page(&page, "2026-12-06T00:00:00Z")
            .to_json()
            .expect("writes");
        assert!(
            crate::fixture::Fixture::from_json(&json).is_ok(),
            "reads back"
        );
    }

    #[test]
    fn an_hocr_line_without_words_is_one_word() {
        let lines = HOCR
            .replace(
                "<span class='ocrx_word' title='bbox 10 130 60 158; x_wconf 93'>报道</span>",
                "报道",
            )
            .replace("class='ocrx_word'", "class='ocrx_cinfo'");
        let h = read(&lines, OcrFormat::Hocr).expect("reads");
        assert_eq!(h.text, "春风吹又生\n\n记者马林&\n报道");
        let last = h.geometry.lines.last().expect("a line");
        assert_eq!(last.words.len(), 1);
        assert_eq!(
            (last.words[0].bbox, last.words[0].confidence),
            ([10, 130, 500, 158], 100)
        );
    }

    /// Tesseract's other readings of a glyph (`lstm_choice_mode` 1 and 2)
    /// are not the text it read; a glyph's own box (`hocr_char_boxes`)
    /// holds it (until session 50 the choices were glued into the words:
    /// `只 只口要 要口…`).
    #[test]
    fn an_engine_s_alternative_readings_are_not_its_text() {
        let word = "<span class='ocrx_word' title='bbox 90 100 140 128; x_wconf 88'>马林</span>";
        let choices = "<span class='ocrx_word' title='bbox 90 100 140 128; x_wconf 88'>马林\
            <span class='ocrx_cinfo' id='lstm_choices_1_2_1'>\
              <span class='ocrx_cinfo' id='choice_1_2_1' title='x_confs 95'>马</span>\
              <span class='ocrx_cinfo' id='choice_1_2_2' title='x_confs 3'>乌</span></span>\
            <span class='ocr_symbol' id='symbol_1_2_1'>\
              <span class='ocrx_cinfo' id='timestep1_2_1'>\
                <span class='ocrx_cinfo' id='choice_1_2_3' title='x_confs 90'>林</span></span></span></span>";
        let boxed = "<span class='ocrx_word' title='bbox 90 100 140 128; x_wconf 88'>\
            <span class='ocrx_cinfo' title='x_bboxes 90 100 115 128; x_conf 99'>马</span>\
            <span class='ocrx_cinfo' title='x_bboxes 115 100 140 128; x_conf 98'>林</span></span>";
        assert_eq!(HOCR.matches(word).count(), 1);
        let plain = read(HOCR, OcrFormat::Hocr).expect("reads").text;
        for variant in [choices, boxed] {
            let h = read(&HOCR.replace(word, variant), OcrFormat::Hocr).expect("reads");
            assert_eq!(h.text, plain, "{variant}");
        }
    }

    /// A caption that wraps a line (the hOCR spec's nesting) is read once.
    #[test]
    fn a_line_inside_a_caption_is_read_once() {
        let line = "<span class='ocr_line' title=\"bbox 10 100 500 128\">";
        assert_eq!(HOCR.matches(line).count(), 1);
        let wrapped = HOCR.replace(
            line,
            &format!("<span class='ocr_caption' title=\"bbox 10 100 500 158\">{line}"),
        );
        // Closed after the paragraph's last line.
        let wrapped = wrapped.replacen(
            "    </p>\n   </div>\n  </div>",
            "    </span></p>\n   </div>\n  </div>",
            1,
        );
        let plain = read(HOCR, OcrFormat::Hocr).expect("reads");
        let h = read(&wrapped, OcrFormat::Hocr).expect("reads");
        assert_eq!(h.text, plain.text);
        assert_eq!(h.geometry.lines.len(), plain.geometry.lines.len());
    }

    /// One file, one page: a file of several pages (Tesseract run on a
    /// multi-page TIFF or PDF) is refused, saying what to do. Until session
    /// 50 its pages were read as one, their lines mixed, the first page's
    /// size and picture taken for all, and 80 pages took 78 s.
    #[test]
    fn a_file_of_several_pages_is_refused_with_what_to_do() {
        let start = HOCR.find("  <div class='ocr_page'").expect("a page");
        let end = HOCR.rfind(" </body>").expect("a body");
        let page = &HOCR[start..end];
        let two = HOCR.replace(page, &format!("{page}{page}"));
        let e = read(&two, OcrFormat::Hocr).expect_err("refused");
        assert_eq!(
            e,
            OcrError::ManyPages {
                format: "hOCR",
                pages: 2
            }
        );
        assert!(e.to_string().contains("one page per file"), "{e}");
        let alto = "<alto><Layout><Page WIDTH='9' HEIGHT='9'><PrintSpace><TextBlock><TextLine>\
            <String CONTENT='春风'/></TextLine></TextBlock></PrintSpace></Page>";
        let two = format!("{alto}{}</Layout></alto>", &alto[13..]);
        assert!(matches!(
            read(&two, OcrFormat::Alto),
            Err(OcrError::ManyPages { pages: 2, .. })
        ));
        assert!(read(&format!("{alto}</Layout></alto>"), OcrFormat::Alto).is_ok());
    }

    /// An entity declared once and referred to many times expands a small
    /// file past any memory (roxmltree bounds nested references, not how
    /// many there are: 700 KB took 4 GB and aborted before session 50).
    #[test]
    fn a_file_that_declares_entities_is_refused() {
        let big = "字".repeat(1000);
        let quadratic = format!(
            "<?xml version=\"1.0\"?><!DOCTYPE alto [<!ENTITY e \"{big}\">]><alto><Layout><Page>\
             <TextBlock><TextLine><String CONTENT=\"{}\"/></TextLine></TextBlock></Page></Layout></alto>",
            "&e;".repeat(100)
        );
        let e = read(&quadratic, OcrFormat::Alto).expect_err("refused");
        assert!(matches!(e, OcrError::Entities { .. }), "{e}");
        // The doctype engines write, and the word in text, are read.
        assert!(read(HOCR, OcrFormat::Hocr).is_ok());
        let mentioned = HOCR.replace(">春风<", ">&lt;!ENTITY<");
        assert!(read(&mentioned, OcrFormat::Hocr).is_ok());
    }

    /// Boxes written with decimals are read; a line without a box of its
    /// own takes its words' (until session 50 it was a box of zeros, read
    /// as a column set vertically: spaces lost, lines broken).
    #[test]
    fn decimal_boxes_and_lines_without_boxes_are_read() {
        let decimal = HOCR.replace("bbox 10 100 500 128", "bbox 10.0 100.4 499.6 128");
        let h = read(&decimal, OcrFormat::Hocr).expect("reads");
        assert_eq!(h.geometry.lines[1].bbox, [10, 100, 500, 128]);
        let unboxed = HOCR.replace(
            "class='ocr_line' title=\"bbox 10 100 500 128\"",
            "class='ocr_line'",
        );
        assert_ne!(unboxed, HOCR);
        let h = read(&unboxed, OcrFormat::Hocr).expect("reads");
        assert_eq!(
            h.geometry.lines[1].bbox,
            [10, 100, 160, 128],
            "its words' box"
        );
    }

    #[test]
    fn markup_in_no_format_read_is_refused_with_what_to_do() {
        use super::refuse_unknown_markup;
        assert!(refuse_unknown_markup("春风吹又生\n").is_ok());
        assert!(refuse_unknown_markup("<<人民日报>>社论\n").is_ok());
        let e = refuse_unknown_markup(
            "\u{feff}<?xml version=\"1.0\"?>\n<!-- made up -->\n<TEI xmlns=\"x\"><text/></TEI>",
        )
        .expect_err("refused");
        assert_eq!(e, OcrError::UnknownMarkup { root: "TEI".into() });
        assert!(e.to_string().contains("PAGE XML"), "{e}");
        let e = refuse_unknown_markup("<!DOCTYPE html><html><body><pre>一</pre></body></html>")
            .expect_err("refused");
        assert_eq!(
            e,
            OcrError::UnknownMarkup {
                root: "html".into()
            }
        );
    }

    #[test]
    fn tesseract_alto_confidences_are_read_as_it_writes_them() {
        use super::alto_confidence;
        assert_eq!(alto_confidence("0.96", true), 96);
        assert_eq!(alto_confidence("0.2", true), 2);
        assert_eq!(alto_confidence("0.100", true), 100);
        assert_eq!(alto_confidence("0.2", false), 20);
        assert_eq!(alto_confidence("1", false), 100);
        assert_eq!(alto_confidence("junk", false), 100);
    }

    #[test]
    fn hostile_or_broken_xml_is_refused_with_a_message() {
        let broken = "<alto><Layout><Page></alto>";
        let e = read(broken, OcrFormat::Alto).expect_err("refused");
        assert!(matches!(e, OcrError::Xml { .. }), "{e}");
        assert!(e.to_string().contains("not well-formed"), "{e}");
        // Billion laughs: roxmltree refuses the expansion.
        let mut laughs = String::from("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY l0 \"ha\">");
        for i in 1..12 {
            let p = i - 1;
            laughs.push_str(&format!(
                "<!ENTITY l{i} \"&l{p};&l{p};&l{p};&l{p};&l{p};&l{p};&l{p};&l{p};&l{p};&l{p};\">"
            ));
        }
        laughs.push_str("]><alto><Layout><Page><TextBlock><TextLine><String CONTENT=\"&l11;\"/></TextLine></TextBlock></Page></Layout></alto>");
        assert!(read(&laughs, OcrFormat::Alto).is_err());
        // Nesting no engine writes.
        let deep = format!("<alto>{}{}</alto>", "<b>".repeat(300), "</b>".repeat(300));
        let e = read(&deep, OcrFormat::Alto).expect_err("refused");
        assert!(matches!(e, OcrError::TooDeep { .. }), "{e}");
        // An attribute no engine writes.
        let long = format!("<alto><String CONTENT=\"{}\"/></alto>", "字".repeat(30_000));
        let e = read(&long, OcrFormat::Alto).expect_err("refused");
        assert!(matches!(e, OcrError::AttributeTooLong { .. }), "{e}");
        // Well formed, but no text.
        let e = read("<alto><Layout/></alto>", OcrFormat::Alto).expect_err("refused");
        assert!(matches!(e, OcrError::NoLines { .. }), "{e}");
    }

    #[test]
    fn a_comma_boxed_as_a_dot_above_the_line_s_foot_is_a_full_stop() {
        use super::{Geometry, OcrFormat, OcrLine, OcrWord};
        // Line 0 (height 30, foot at 130): a dot 4 high standing 9 above
        // the foot, a comma whose tail reaches the foot, and a dot without
        // a box. Line 1 has no box at all.
        let text = "好，好，好，好\n好，好";
        let word = |start: usize, bbox: [u32; 4]| OcrWord {
            start,
            end: start + 1,
            bbox,
            confidence: 90,
        };
        let geometry = Geometry::of_lines(
            OcrFormat::Hocr,
            None,
            [1000, 1000],
            vec![
                OcrLine {
                    start: 0,
                    end: 7,
                    bbox: [0, 100, 500, 130],
                    paragraph: 0,
                    words: vec![
                        word(1, [40, 117, 43, 121]),
                        word(3, [80, 118, 86, 130]),
                        word(5, [0, 0, 0, 0]),
                    ],
                },
                OcrLine {
                    start: 8,
                    end: 11,
                    bbox: [0, 0, 0, 0],
                    paragraph: 0,
                    words: vec![word(9, [0, 0, 0, 0])],
                },
            ],
        );
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(
            geometry.stops_read_as_commas(|o| chars.get(o).copied()),
            [1]
        );
        // A fixture's geometry with a coordinate beyond what a file is read
        // with is refused.
        assert!(geometry.problems(chars.len()).is_empty());
        // So are inked stops that do not rise or lie past the text.
        for (stops, bad) in [
            (vec![1, 3], false),
            (vec![3, 1], true),
            (vec![1, 1], true),
            (vec![11], true),
        ] {
            for list in 0..14 {
                let mut inked = geometry.clone();
                *[
                    &mut inked.stops_inked,
                    &mut inked.stops_unread,
                    &mut inked.dots_unread,
                    &mut inked.commas_unread,
                    &mut inked.quotes_unread,
                    &mut inked.quotes_unread_first,
                    &mut inked.quotes_inked,
                    &mut inked.enumerations_inked,
                    &mut inked.name_dots_inked,
                    &mut inked.colons_inked,
                    &mut inked.semicolons_inked,
                    &mut inked.enumerations_unread,
                    &mut inked.colons_unread,
                    &mut inked.semicolons_unread,
                ][list] = Some(stops.clone());
                assert_eq!(
                    inked.problems(chars.len()).len(),
                    usize::from(bad),
                    "list {list}: {stops:?}"
                );
            }
        }
        let mut huge = geometry;
        huge.lines[0].words[0].bbox[2] = super::MAX_PIXEL + 1;
        assert_eq!(huge.problems(chars.len()).len(), 1);
    }
}
