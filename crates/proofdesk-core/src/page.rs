//! The page model: the raw text as extracted (never modified), its lines, and
//! the corrected page as articles made of blocks that point back into the raw
//! text through spans.
//!
//! All offsets are in Unicode scalar values (Rust `char`s, Python `str`
//! indices) into [`RawText::text`].

use std::sync::Arc;

use sha2::{Digest as _, Sha256};

use crate::decode::{Encoding, LineEnding};
pub use crate::role::Role;

/// A half-open range `[start, end)` of raw text, in Unicode scalar values.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// First character of the range.
    pub start: usize,
    /// One past the last character of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of characters covered.
    #[must_use]
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers nothing.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether `offset` lies inside the span.
    #[must_use]
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// What an article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    /// A news item: headline stack, byline, paragraphs.
    Article,
    /// The rest of an article begun on another page (`（上接第一版）`).
    Continuation,
    /// A section banner standing between articles.
    SectionBanner,
    /// A photo caption that belongs to no article.
    CaptionOnly,
    /// The page header line.
    PageHeader,
}

impl ArticleKind {
    /// Every kind.
    pub const ALL: [Self; 5] = [
        Self::Article,
        Self::Continuation,
        Self::SectionBanner,
        Self::CaptionOnly,
        Self::PageHeader,
    ];

    /// The name used in fixtures.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Continuation => "continuation",
            Self::SectionBanner => "section_banner",
            Self::CaptionOnly => "caption_only",
            Self::PageHeader => "page_header",
        }
    }
}

/// A unit of corrected text with one role.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// What the block is.
    pub role: Role,
    /// The corrected text.
    pub text: String,
    /// The raw text it came from, in reading order.
    pub spans: Vec<Span>,
    /// Whether a person changed the text (so it may differ from its spans).
    #[serde(default)]
    pub edited: bool,
}

/// An article: an ordered list of blocks.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Identifier, unique within the page (`a1`, `a2`, …).
    pub id: String,
    /// What the article is.
    pub kind: ArticleKind,
    /// The blocks, headline stack first.
    pub blocks: Vec<Block>,
}

impl Article {
    /// A test article of body blocks with `texts`, placed nowhere yet.
    #[cfg(test)]
    pub(crate) fn of_bodies(id: &str, texts: &[&str]) -> Self {
        Self {
            id: id.to_owned(),
            kind: ArticleKind::Article,
            blocks: texts
                .iter()
                .map(|t| Block {
                    role: Role::Body,
                    text: (*t).to_owned(),
                    spans: Vec::new(),
                    edited: false,
                })
                .collect(),
        }
    }

    /// The headline, or failing that the first block's text.
    #[must_use]
    pub fn title(&self) -> &str {
        self.blocks
            .iter()
            .find(|b| b.role == Role::Headline)
            .or_else(|| self.blocks.first())
            .map_or("", |b| b.text.as_str())
    }
}

/// A raw line's chars, without its line end: a [`Span`] kept in half the
/// room (a long page has millions of lines). Pages are limited to
/// [`MAX_PAGE_BYTES`], so offsets fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineSpan {
    start: u32,
    end: u32,
}

/// The largest page Proofdesk reads, in bytes (char offsets fit in 32 bits).
pub const MAX_PAGE_BYTES: usize = u32::MAX as usize;

impl LineSpan {
    fn new(start: usize, end: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            start: clamp(start),
            end: clamp(end),
        }
    }

    /// First char of the line.
    #[must_use]
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// One past the line's last char.
    #[must_use]
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// The line as a span.
    #[must_use]
    pub fn span(self) -> Span {
        Span::new(self.start(), self.end())
    }
}

/// The raw text of a page, as extraction left it, with its provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawText {
    /// File name the page was read from (no directories).
    pub file_name: String,
    /// Encoding the file was decoded with.
    pub encoding: Encoding,
    /// Line ends found in the file.
    pub line_ending: LineEnding,
    chars: RawChars,
    sha256: String,
    /// `(start, end)` char offsets of every line, without its `\n`.
    lines: Arc<Vec<LineSpan>>,
    /// Where the text sits on the page image, for a page an OCR engine
    /// read from hOCR or ALTO.
    geometry: Option<Arc<crate::ocr::Geometry>>,
}

impl RawText {
    /// Wraps decoded text.
    #[must_use]
    pub fn new(file_name: &str, text: &str, encoding: Encoding, line_ending: LineEnding) -> Self {
        Self::from_shared(file_name, Arc::from(text), encoding, line_ending)
    }

    /// Wraps decoded text, taking it over: its buffer is freed as soon as
    /// the text is copied into the shared one, before the lines are read.
    #[must_use]
    pub(crate) fn from_string(
        file_name: &str,
        text: String,
        encoding: Encoding,
        line_ending: LineEnding,
    ) -> Self {
        Self::from_shared(file_name, Arc::from(text), encoding, line_ending)
    }

    fn from_shared(
        file_name: &str,
        text: Arc<str>,
        encoding: Encoding,
        line_ending: LineEnding,
    ) -> Self {
        // Exact capacity: on a large page this is tens of megabytes.
        let bytes = text.as_bytes();
        let newlines = memchr::memchr_iter(b'\n', bytes).count();
        let mut lines = Vec::with_capacity(newlines + 1);
        let mut start = 0;
        let mut from = 0;
        let mut n = 0;
        for nl in memchr::memchr_iter(b'\n', bytes) {
            n += char_count(bytes.get(from..nl).unwrap_or(&[]));
            lines.push(LineSpan::new(start, n));
            n += 1;
            start = n;
            from = nl + 1;
        }
        n += char_count(bytes.get(from..).unwrap_or(&[]));
        lines.push(LineSpan::new(start, n));
        let sha256 = sha256_hex(&text);
        Self {
            file_name: file_name.to_owned(),
            encoding,
            line_ending,
            chars: RawChars {
                text,
                marks: Arc::default(),
                len: n,
            },
            sha256,
            lines: Arc::new(lines),
            geometry: None,
        }
    }

    /// The same text, with where it sits on the page image.
    #[must_use]
    pub(crate) fn with_geometry(mut self, geometry: crate::ocr::Geometry) -> Self {
        self.geometry = Some(Arc::new(geometry));
        self
    }

    /// Where the text sits on the page image, for a page read from hOCR
    /// or ALTO.
    #[must_use]
    pub fn geometry(&self) -> Option<&crate::ocr::Geometry> {
        self.geometry.as_deref()
    }

    /// Whether an OCR engine read the text: it comes with the engine's
    /// boxes, or it is plain text with the engine's misread marks
    /// ([`crate::ocr::reads_like_ocr`]).
    #[must_use]
    pub(crate) fn read_by_engine(&self) -> bool {
        self.geometry.is_some() || crate::ocr::reads_like_ocr(self.text())
    }

    /// The text, `\n` line ends.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.chars.text
    }

    /// The text indexed by char offset.
    #[must_use]
    pub fn chars(&self) -> &RawChars {
        &self.chars
    }

    /// Lowercase hex sha256 of the UTF-8 text.
    #[must_use]
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The lines, as char ranges without their line end.
    #[must_use]
    pub fn lines(&self) -> &[LineSpan] {
        &self.lines
    }

    /// Whether line `index` holds nothing but whitespace (or is past the
    /// last line).
    #[must_use]
    pub fn is_blank_line(&self, index: usize) -> bool {
        self.lines.get(index).is_none_or(|l| {
            l.start() == l.end()
                || self
                    .chars()
                    .get(l.start(), l.end())
                    .is_none_or(|t| t.trim().is_empty())
        })
    }

    /// A test for the blank lines that only space the page's lines: where
    /// the page sets a blank line after each line (as the seed page and
    /// the devpages do; judged on its first [`SPACING_SAMPLE_LINES`]
    /// lines), its blank lines; on any other page, none (a blank line
    /// there parts blocks or paragraphs).
    pub fn spacing_lines(&self) -> impl Fn(usize) -> bool + '_ {
        let sample = self.lines.len().min(SPACING_SAMPLE_LINES);
        let blank: Vec<bool> = (0..sample).map(|i| self.is_blank_line(i)).collect();
        // As the segmenter counts them: the text lines after the first,
        // with a blank line before them.
        let first = blank.iter().position(|&b| !b).unwrap_or(sample);
        let text = blank.iter().filter(|&&b| !b).count();
        let after_blank = (first + 1..sample)
            .filter(|&i| !blank[i] && blank[i - 1])
            .count();
        let spaced = crate::layout::blank_lines_from(text, after_blank);
        move |index| spaced && self.is_blank_line(index)
    }

    /// The index of the line that holds `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.end() < offset)
            .min(self.lines.len().saturating_sub(1))
    }
}

/// Lines [`RawText::spacing_lines`] reads to tell a page that sets a blank
/// line after each line.
pub const SPACING_SAMPLE_LINES: usize = 2_000;

/// Number of chars in valid UTF-8 bytes: the bytes that are not
/// continuation bytes (a loop the compiler vectorises).
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Every how many chars [`RawChars`] keeps a byte offset.
const MARK_EVERY: usize = 64;

/// The raw text indexed by char offset, without a `Vec<char>`.
///
/// A `Vec<char>` costs 4 bytes a char; this keeps the byte offset of every
/// 64th char and walks from there. The offsets are found on first use (the
/// desk needs them, the normalizer does not).
#[derive(Clone, Debug)]
pub struct RawChars {
    text: Arc<str>,
    /// Byte offset of chars 0, 64, 128, …
    marks: Arc<std::sync::OnceLock<Vec<usize>>>,
    /// Length in chars.
    len: usize,
}

impl PartialEq for RawChars {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for RawChars {}

impl RawChars {
    fn marks(&self) -> &[usize] {
        self.marks.get_or_init(|| {
            let mut marks = Vec::with_capacity(self.len / MARK_EVERY + 1);
            marks.extend(self.text.char_indices().step_by(MARK_EVERY).map(|(b, _)| b));
            if self.len.is_multiple_of(MARK_EVERY) {
                marks.push(self.text.len());
            }
            marks
        })
    }

    /// Length in chars.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Byte offset of char `i` (at most the length).
    fn byte_of(&self, i: usize) -> usize {
        let i = i.min(self.len);
        let m = i / MARK_EVERY;
        let from = self.marks().get(m).copied().unwrap_or(self.text.len());
        let rest = self.text.get(from..).unwrap_or("");
        rest.char_indices()
            .nth(i - m * MARK_EVERY)
            .map_or(self.text.len(), |(b, _)| from + b)
    }

    /// The text of chars `start..end`, if that range lies inside the text
    /// (like `[char]::get`).
    #[must_use]
    pub fn get(&self, start: usize, end: usize) -> Option<&str> {
        if start > end || end > self.len {
            return None;
        }
        let s = self.byte_of(start);
        let e = s + self.text.get(s..).map_or(0, |rest| {
            rest.char_indices()
                .nth(end - start)
                .map_or(rest.len(), |(b, _)| b)
        });
        self.text.get(s..e)
    }
}

/// Raw text addressed by char offset: a `[char]` or [`RawChars`].
pub trait CharSource {
    /// Length in chars.
    fn char_len(&self) -> usize;

    /// The chars `start..end`, if that range lies inside the text (like
    /// `[char]::get`).
    fn span_chars(&self, start: usize, end: usize) -> Option<impl Iterator<Item = char> + '_>;

    /// The char at `i`.
    fn char_at(&self, i: usize) -> Option<char> {
        self.span_chars(i, i.saturating_add(1))?.next()
    }
}

impl CharSource for [char] {
    fn char_len(&self) -> usize {
        self.len()
    }

    fn span_chars(&self, start: usize, end: usize) -> Option<impl Iterator<Item = char> + '_> {
        self.get(start..end).map(|s| s.iter().copied())
    }
}

impl CharSource for Vec<char> {
    fn char_len(&self) -> usize {
        self.len()
    }

    fn span_chars(&self, start: usize, end: usize) -> Option<impl Iterator<Item = char> + '_> {
        self.as_slice().span_chars(start, end)
    }
}

impl CharSource for RawChars {
    fn char_len(&self) -> usize {
        self.len
    }

    fn span_chars(&self, start: usize, end: usize) -> Option<impl Iterator<Item = char> + '_> {
        self.get(start, end).map(str::chars)
    }
}

/// How far a person has got with a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The automatic proposal, untouched.
    Auto,
    /// Work in progress.
    Draft,
    /// Corrected and checked by a person.
    Done,
}

impl Status {
    /// The name used in fixtures and the status bar.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Draft => "draft",
            Self::Done => "done",
        }
    }
}

/// A page being corrected: the raw text, the automatic proposal, and the
/// current (corrected) articles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The raw text as extracted.
    pub raw: RawText,
    /// The corrected articles in reading order. Shared: an article that
    /// the proposal, the undo history and the page hold alike is kept once.
    pub articles: Vec<Arc<Article>>,
    /// The automatic proposal the correction started from (never edited).
    pub proposal: Vec<Arc<Article>>,
    /// How far the correction has got.
    pub status: Status,
    /// When the fixture was first written (RFC 3339), if it was.
    pub created: Option<String>,
    /// The proposal's doubts and how far the editor has settled them.
    pub review: crate::decision::Review,
}

impl Page {
    /// Identifies what an editor changes on the page (status, articles,
    /// settled doubts), the same for the page on the desk and the page of
    /// its saved fixture: hex SHA-256 of their JSON.
    #[must_use]
    pub fn content_digest(&self) -> String {
        let content = (self.status, unshared(&self.articles), &self.review.resolved);
        let json = serde_json::to_string(&content).unwrap_or_default();
        sha256_hex(&json)
    }

    /// The corrected page as plain text: articles in reading order, one block
    /// per line, a blank line between articles.
    #[must_use]
    pub fn to_text(&self) -> String {
        articles_text(&self.articles)
    }
}

/// Spans in order, merged where only whitespace lies between neighbours:
/// the spans of a block built from lines, or of two blocks joined.
#[must_use]
pub(crate) fn merge_spans<R: CharSource + ?Sized>(
    raw: &R,
    spans: impl IntoIterator<Item = Span>,
) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if let Some(last) = out.last_mut()
            && s.start >= last.end
            && raw
                .span_chars(last.end, s.start)
                .is_some_and(|mut gap| gap.all(crate::chars::is_space))
        {
            last.end = s.end;
            continue;
        }
        out.push(s);
    }
    // A block is most often one span; a vector grown by pushing holds
    // four (a long page has hundreds of thousands of blocks).
    out.shrink_to_fit();
    out
}

/// Articles as plain text: one block per line, a blank line between articles.
#[must_use]
pub fn articles_text<A: std::borrow::Borrow<Article>>(articles: &[A]) -> String {
    let mut out = String::new();
    for (i, a) in articles.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for b in &a.borrow().blocks {
            out.push_str(&b.text);
            out.push('\n');
        }
    }
    out
}

/// Articles as shared `Arc`s.
#[must_use]
pub fn shared(articles: Vec<Article>) -> Vec<Arc<Article>> {
    articles.into_iter().map(Arc::new).collect()
}

/// Copies of shared articles.
#[must_use]
pub fn unshared(articles: &[Arc<Article>]) -> Vec<Article> {
    articles.iter().map(|a| Article::clone(a)).collect()
}

/// Lowercase hex sha256 of a string's UTF-8 bytes.
#[must_use]
pub fn sha256_hex(text: &str) -> String {
    sha256_hex_of(text.as_bytes())
}

/// The SHA-256 of `bytes`, as lowercase hex.
#[must_use]
pub fn sha256_hex_of(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ignored = write!(out, "{b:02x}");
    }
    out
}

/// The non-whitespace characters of the raw text under `spans`, in order.
#[must_use]
pub fn span_glyphs<R: CharSource + ?Sized>(raw: &R, spans: &[Span]) -> String {
    spans
        .iter()
        .flat_map(|s| raw.span_chars(s.start, s.end).into_iter().flatten())
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether `text`, whitespace left out, stands for the raw glyphs under
/// `spans` one by one.
///
/// Each char is the glyph itself or a mark a repair of it writes
/// ([`crate::punct::matches`]). A mark the engine did not read may follow
/// a glyph that `unread` gives it for (the picture showed it,
/// [`crate::picture::UnreadMarks`]); nothing else may be added.
#[must_use]
pub fn stands_for_raw<R: CharSource + ?Sized>(
    raw: &R,
    spans: &[Span],
    text: &str,
    unread: impl Fn(usize) -> [Option<char>; 3],
) -> bool {
    let len = raw.char_len();
    let mut text = text.chars().filter(|c| !c.is_whitespace()).peekable();
    for s in spans {
        let end = s.end.min(len);
        let glyphs = (s.start..end)
            .zip(raw.span_chars(s.start, end).into_iter().flatten())
            .filter(|(_, c)| !c.is_whitespace());
        for (o, r) in glyphs {
            if !text.next().is_some_and(|t| crate::punct::matches(r, t)) {
                return false;
            }
            for m in unread(o).into_iter().flatten() {
                text.next_if_eq(&m);
            }
        }
    }
    text.next().is_none()
}

/// The raw offset of every char of `text`, traced through `spans`.
///
/// Non-whitespace characters are matched in order with the non-whitespace
/// characters under the spans (a repaired mark with the raw mark it
/// replaces, [`crate::punct::matches`]); a space maps to the first whitespace character
/// of the raw gap it replaced. `None` where a character has no source (text a
/// person typed).
#[must_use]
pub fn trace<R: CharSource + ?Sized>(raw: &R, text: &str, spans: &[Span]) -> Vec<Option<usize>> {
    let len = raw.char_len();
    let positions: Vec<(usize, char)> = spans
        .iter()
        .flat_map(|s| {
            let end = s.end.min(len);
            (s.start..end).zip(raw.span_chars(s.start, end).into_iter().flatten())
        })
        .collect();
    let mut out = Vec::with_capacity(text.len());
    let mut cursor = 0;
    let text: Vec<char> = text.chars().collect();
    for (k, &c) in text.iter().enumerate() {
        if c.is_whitespace() {
            // The first whitespace in the raw gap at the cursor.
            let found = positions[cursor.min(positions.len())..]
                .iter()
                .take_while(|&&(_, c)| c.is_whitespace())
                .map(|&(p, _)| p)
                .next();
            out.push(found);
            continue;
        }
        let rest = &positions[cursor.min(positions.len())..];
        let glyph = |from: usize| {
            rest.get(from..)
                .and_then(|r| r.iter().position(|&(_, r)| !r.is_whitespace()))
                .map(|i| i + from)
        };
        let next_text = text[k + 1..].iter().copied().find(|c| !c.is_whitespace());
        match resync(c, next_text, glyph(0).map(|i| (i, rest[i].1)), |i| {
            glyph(i + 1).map(|j| (j, rest[j].1))
        }) {
            Step::Match(i) => {
                out.push(Some(rest[i].0));
                cursor += i + 1;
            }
            Step::Replaced(i) => {
                out.push(None);
                cursor += i + 1;
            }
            Step::Typed => out.push(None),
        }
    }
    out
}

/// How one non-whitespace char of a block's text lines up with the raw
/// glyphs at the trace's cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// It is the raw glyph at this index (the one at the cursor, or the
    /// next when the one at the cursor was deleted).
    Match(usize),
    /// It replaces the raw glyph at this index (a misreading corrected:
    /// the next text char is the next raw glyph).
    Replaced(usize),
    /// It was typed: the cursor stays.
    Typed,
}

/// Lines up text char `c` (followed by `next_text`) with the raw glyph
/// at the cursor (`at`, with its index) and the one after it (`after`).
/// One misread glyph corrected, or one deleted, does not lose the trace of
/// the text after it.
pub(crate) fn resync(
    c: char,
    next_text: Option<char>,
    at: Option<(usize, char)>,
    after: impl FnOnce(usize) -> Option<(usize, char)>,
) -> Step {
    use crate::punct::matches;
    let Some((i, r)) = at else {
        return Step::Typed;
    };
    if matches(r, c) {
        return Step::Match(i);
    }
    match after(i) {
        Some((_, r2)) if next_text.is_some_and(|n| matches(r2, n)) && !matches(r2, c) => {
            Step::Replaced(i)
        }
        Some((j, r2)) if matches(r2, c) => Step::Match(j),
        _ => Step::Typed,
    }
}

#[cfg(test)]
mod tests {
    use super::{CharSource as _, RawText, Role, Span, stands_for_raw, trace};
    use crate::decode::{Encoding, LineEnding};

    #[test]
    fn text_stands_for_its_raw_glyphs_and_only_the_unread_marks_shown() {
        let raw: Vec<char> = "支持,这 样\n好".chars().collect();
        let all = [Span::new(0, raw.len())];
        let none = |_| [None; 3];
        assert!(stands_for_raw(&raw, &all, "支持，这样好", none));
        assert!(!stands_for_raw(&raw, &all, "支持，那样好", none));
        assert!(
            !stands_for_raw(&raw, &all, "支持，这样", none),
            "a glyph lost"
        );
        assert!(!stands_for_raw(&raw, &all, "支持，这样。好", none));
        // The picture shows a `。` after `样` (offset 5) that the engine
        // did not read: it may be written there, and only there.
        let unread = |o| [None, (o == 5).then_some('。'), None];
        assert!(stands_for_raw(&raw, &all, "支持，这样。好", unread));
        assert!(stands_for_raw(&raw, &all, "支持，这样好", unread));
        assert!(!stands_for_raw(&raw, &all, "支持，这样，好", unread));
        assert!(!stands_for_raw(&raw, &all, "支持，这。样好", unread));
        // With a closing quote after it, in the order the picture shows:
        // each may be written or not, and no other order.
        let quoted = |o| [None, (o == 5).then_some('。'), (o == 5).then_some('”')];
        assert!(stands_for_raw(&raw, &all, "支持，这样。”好", quoted));
        assert!(stands_for_raw(&raw, &all, "支持，这样”好", quoted));
        assert!(!stands_for_raw(&raw, &all, "支持，这样”。好", quoted));
    }

    #[test]
    fn only_a_page_with_a_blank_line_after_each_line_has_spacing_lines() {
        let raw = |t: &str| RawText::new("p.txt", t, Encoding::Utf8, LineEnding::Lf);
        let spaced = raw("第一行\n\n第二行\n\n第三行\n\n第四行\n\n第五行\n\n第六行\n");
        let spacing = spaced.spacing_lines();
        assert!(spacing(1) && spacing(3) && !spacing(0) && !spacing(2));
        // Paragraphs parted by blank lines: those blank lines part spots.
        let parted = raw("第一行\n第二行\n第三行\n\n第四行\n第五行\n第六行\n");
        let spacing = parted.spacing_lines();
        assert!(!spacing(3), "a paragraph gap is no spacing line");
        assert!(parted.is_blank_line(3) && !parted.is_blank_line(2));
        // Spaces and full-width spaces are blank; a line past the end too.
        let spaced_out = raw("第一行\n  \n\u{3000}\u{3000}\n第二行");
        assert!(spaced_out.is_blank_line(1) && spaced_out.is_blank_line(2));
        assert!(!spaced_out.is_blank_line(3) && spaced_out.is_blank_line(9));
    }

    #[test]
    fn lines_and_hash() {
        let raw = RawText::new("p.txt", "一二\n\n三 四\n", Encoding::Utf8, LineEnding::Lf);
        let spans: Vec<Span> = raw.lines().iter().map(|l| l.span()).collect();
        assert_eq!(
            spans,
            [
                Span::new(0, 2),
                Span::new(3, 3),
                Span::new(4, 7),
                Span::new(8, 8)
            ]
        );
        assert_eq!(raw.line_of(5), 2);
        assert_eq!(raw.line_of(0), 0);
        assert_eq!(raw.sha256().len(), 64);
        assert_eq!(raw.chars().char_len(), 8);
    }

    #[test]
    fn raw_chars_match_a_char_vector() {
        let text: String = (0..300)
            .map(|i| ["一", "a", " ", "\n", "𠀀", "é"][i % 6])
            .collect();
        for t in [text.as_str(), "", "一", &text[..64 * 3]] {
            let raw = RawText::new("p.txt", t, Encoding::Utf8, LineEnding::Lf);
            let v: Vec<char> = t.chars().collect();
            let rc = raw.chars();
            assert_eq!(rc.len(), v.len());
            for s in 0..=v.len() + 1 {
                for e in [s, s + 1, s + 63, s + 64, s + 65, v.len(), v.len() + 1] {
                    let want: Option<String> = v.get(s..e).map(|c| c.iter().collect());
                    assert_eq!(rc.get(s, e).map(str::to_owned), want, "{s}..{e}");
                }
                assert_eq!(rc.char_at(s), v.get(s).copied());
            }
        }
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_name(role.name()), Some(role));
        }
        assert_eq!(Role::from_name("title"), None);
    }

    #[test]
    fn trace_maps_every_char() {
        let raw: Vec<char> = "记 者 王\n凤 侠".chars().collect();
        let t = trace(&raw, "记者 王凤侠", &[Span::new(0, 9)]);
        assert_eq!(
            t,
            vec![Some(0), Some(2), Some(3), Some(4), Some(6), Some(8)]
        );
        let t = trace(&raw, "记者X", &[Span::new(0, 9)]);
        assert_eq!(t[2], None, "a typed character has no source");
    }
}
