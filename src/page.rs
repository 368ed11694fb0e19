//! The page model: the raw text as extracted (never modified), its lines, and
//! the corrected page as articles made of blocks that point back into the raw
//! text through spans.
//!
//! All offsets are in Unicode scalar values (Rust `char`s, Python `str`
//! indices) into [`RawText::text`].

use std::sync::Arc;

use sha2::{Digest as _, Sha256};

use crate::decode::{Encoding, LineEnding};

/// A half-open range `[start, end)` of raw text, in Unicode scalar values.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
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

/// What a block is on the printed page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 引题: the line above the headline that gives context.
    Kicker,
    /// 主题: the main title.
    Headline,
    /// 副题: the line below the headline.
    Subheadline,
    /// A byline on its own line (`□本报记者 苗苗`).
    Byline,
    /// A paragraph; the first may begin with its dateline as printed.
    Body,
    /// A heading inside an article (`案情简介：`).
    Subhead,
    /// A photo caption, with its credit.
    Caption,
    /// A source note at the end of an article (`（市生态环境局供稿）`).
    Source,
    /// A section banner (`街道社区谈`).
    Section,
    /// The page header line (`第 3 版 要闻 …`).
    PageHeader,
}

impl Role {
    /// Every role, in the order of the documentation.
    pub const ALL: [Self; 10] = [
        Self::Kicker,
        Self::Headline,
        Self::Subheadline,
        Self::Byline,
        Self::Body,
        Self::Subhead,
        Self::Caption,
        Self::Source,
        Self::Section,
        Self::PageHeader,
    ];

    /// The name used in fixtures.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Kicker => "kicker",
            Self::Headline => "headline",
            Self::Subheadline => "subheadline",
            Self::Byline => "byline",
            Self::Body => "body",
            Self::Subhead => "subhead",
            Self::Caption => "caption",
            Self::Source => "source",
            Self::Section => "section",
            Self::PageHeader => "page_header",
        }
    }

    /// The role for a fixture name, if it is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Whether the role belongs to an article's headline stack.
    #[must_use]
    pub fn is_title(self) -> bool {
        matches!(self, Self::Kicker | Self::Headline | Self::Subheadline)
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
pub struct Article {
    /// Identifier, unique within the page (`a1`, `a2`, …).
    pub id: String,
    /// What the article is.
    pub kind: ArticleKind,
    /// The blocks, headline stack first.
    pub blocks: Vec<Block>,
}

impl Article {
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

/// The raw text of a page, as extraction left it, with its provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawText {
    /// File name the page was read from (no directories).
    pub file_name: String,
    /// Encoding the file was decoded with.
    pub encoding: Encoding,
    /// Line ends found in the file.
    pub line_ending: LineEnding,
    text: Arc<str>,
    sha256: String,
    /// `(start, end)` char offsets of every line, without its `\n`.
    lines: Arc<[Span]>,
}

impl RawText {
    /// Wraps decoded text.
    #[must_use]
    pub fn new(file_name: &str, text: &str, encoding: Encoding, line_ending: LineEnding) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        let mut n = 0;
        for c in text.chars() {
            if c == '\n' {
                lines.push(Span::new(start, n));
                start = n + 1;
            }
            n += 1;
        }
        lines.push(Span::new(start, n));
        Self {
            file_name: file_name.to_owned(),
            encoding,
            line_ending,
            text: Arc::from(text),
            sha256: sha256_hex(text),
            lines: Arc::from(lines),
        }
    }

    /// The text, `\n` line ends.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Lowercase hex sha256 of the UTF-8 text.
    #[must_use]
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The lines, as char spans without their line end.
    #[must_use]
    pub fn lines(&self) -> &[Span] {
        &self.lines
    }

    /// Length of the text in chars.
    #[must_use]
    pub fn char_len(&self) -> usize {
        self.lines.last().map_or(0, |l| l.end)
    }

    /// The index of the line that holds `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.end < offset)
            .min(self.lines.len().saturating_sub(1))
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
    /// The corrected articles in reading order.
    pub articles: Vec<Article>,
    /// The automatic proposal the correction started from.
    pub proposal: Vec<Article>,
    /// How far the correction has got.
    pub status: Status,
    /// When the fixture was first written (RFC 3339), if it was.
    pub created: Option<String>,
    /// The proposal's doubts and how far the editor has settled them.
    pub review: crate::doubt::Review,
}

impl Page {
    /// The corrected page as plain text: articles in reading order, one block
    /// per line, a blank line between articles.
    #[must_use]
    pub fn to_text(&self) -> String {
        articles_text(&self.articles)
    }
}

/// Articles as plain text: one block per line, a blank line between articles.
#[must_use]
pub fn articles_text(articles: &[Article]) -> String {
    let mut out = String::new();
    for (i, a) in articles.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for b in &a.blocks {
            out.push_str(&b.text);
            out.push('\n');
        }
    }
    out
}

/// Lowercase hex sha256 of a string's UTF-8 bytes.
#[must_use]
pub fn sha256_hex(text: &str) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ignored = write!(out, "{b:02x}");
    }
    out
}

/// The non-whitespace characters of the raw text under `spans`, in order.
#[must_use]
pub fn span_glyphs(raw: &[char], spans: &[Span]) -> String {
    spans
        .iter()
        .flat_map(|s| raw.get(s.start..s.end).unwrap_or(&[]))
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The raw offset of every char of `text`, traced through `spans`.
///
/// Non-whitespace characters are matched in order with the non-whitespace
/// characters under the spans; a space maps to the first whitespace character
/// of the raw gap it replaced. `None` where a character has no source (text a
/// person typed).
#[must_use]
pub fn trace(raw: &[char], text: &str, spans: &[Span]) -> Vec<Option<usize>> {
    let positions: Vec<usize> = spans
        .iter()
        .flat_map(|s| s.start..s.end.min(raw.len()))
        .collect();
    let mut out = Vec::with_capacity(text.len());
    let mut cursor = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            // The first whitespace in the raw gap at the cursor.
            let found = positions[cursor.min(positions.len())..]
                .iter()
                .take_while(|&&p| raw[p].is_whitespace())
                .copied()
                .next();
            out.push(found);
            continue;
        }
        let rest = &positions[cursor.min(positions.len())..];
        match rest.iter().position(|&p| !raw[p].is_whitespace()) {
            Some(i) if raw[rest[i]] == c => {
                out.push(Some(rest[i]));
                cursor += i + 1;
            }
            _ => out.push(None),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{RawText, Role, Span, trace};
    use crate::decode::{Encoding, LineEnding};

    #[test]
    fn lines_and_hash() {
        let raw = RawText::new("p.txt", "一二\n\n三 四\n", Encoding::Utf8, LineEnding::Lf);
        assert_eq!(
            raw.lines(),
            &[
                Span::new(0, 2),
                Span::new(3, 3),
                Span::new(4, 7),
                Span::new(8, 8)
            ]
        );
        assert_eq!(raw.line_of(5), 2);
        assert_eq!(raw.line_of(0), 0);
        assert_eq!(raw.sha256().len(), 64);
        assert_eq!(raw.char_len(), 8);
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
