//! Laying out text whose characters carry their own highlight, with the
//! characters no font can draw marked and named on hover.

use std::sync::Arc;

use eframe::egui::{
    self, Color32, FontId, Response, Stroke,
    text::{LayoutJob, TextFormat},
};

use super::style::{Glyphs, MISSING_GLYPH};
use crate::i18n::{Lang, Msg};
use crate::page::{Article, RawChars};
use crate::trace::TraceIndex;

/// How one character is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CharLook {
    /// Text colour.
    pub color: Color32,
    /// Background, transparent for none.
    pub background: Color32,
    /// Underline, if any.
    pub underline: Option<Color32>,
    /// Strike through (deleted text in a diff).
    pub strike: bool,
}

impl CharLook {
    /// Plain text in `color`.
    #[must_use]
    pub fn plain(color: Color32) -> Self {
        Self {
            color,
            background: Color32::TRANSPARENT,
            underline: None,
            strike: false,
        }
    }
}

/// Builds a job from `text`; `look(i, c)` gives the look of char `i`.
/// Characters no font can draw get a red background whatever `look` says.
pub fn job(
    ctx: &egui::Context,
    glyphs: &mut Glyphs,
    text: &str,
    font: &FontId,
    wrap_width: f32,
    mut look: impl FnMut(usize, char) -> CharLook,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    let mut run = String::new();
    let mut run_look: Option<CharLook> = None;
    let flush = |job: &mut LayoutJob, run: &mut String, l: Option<CharLook>| {
        if let Some(l) = l
            && !run.is_empty()
        {
            let format = TextFormat {
                font_id: font.clone(),
                color: l.color,
                background: l.background,
                underline: l.underline.map_or(Stroke::NONE, |c| Stroke::new(1.5, c)),
                strikethrough: if l.strike {
                    Stroke::new(1.5, l.color)
                } else {
                    Stroke::NONE
                },
                ..Default::default()
            };
            job.append(run, 0.0, format);
            run.clear();
        }
    };
    for (i, c) in text.chars().enumerate() {
        let mut l = look(i, c);
        if glyphs.missing(ctx, c) {
            l.background = MISSING_GLYPH;
            l.color = Color32::WHITE;
        }
        if run_look != Some(l) {
            flush(&mut job, &mut run, run_look);
            run_look = Some(l);
        }
        run.push(c);
    }
    flush(&mut job, &mut run, run_look);
    job
}

/// The char index under the pointer in a galley drawn at `origin`, if the
/// pointer is over `response`.
#[must_use]
pub fn char_under_pointer(
    response: &Response,
    galley: &Arc<egui::Galley>,
    origin: egui::Pos2,
) -> Option<usize> {
    let pos = response.hover_pos()?;
    let rel = pos - origin;
    if rel.x < 0.0 || rel.y < 0.0 || rel.x > galley.size().x || rel.y > galley.size().y {
        return None;
    }
    let cursor = galley.cursor_from_pos(rel);
    // cursor_from_pos gives the caret nearest the point; the char under the
    // point is the one whose cell holds it.
    let index = cursor.index.0;
    let before = galley.pos_from_cursor(egui::text::CCursor::new(index));
    if index > 0 && rel.x < before.min.x {
        Some(index - 1)
    } else {
        Some(index)
    }
}

/// The char index at a click position in a galley drawn at `origin`.
#[must_use]
pub fn char_at(galley: &Arc<egui::Galley>, origin: egui::Pos2, pos: egui::Pos2) -> usize {
    let rel = pos - origin;
    let index = galley.cursor_from_pos(rel).index.0;
    let before = galley.pos_from_cursor(egui::text::CCursor::new(index));
    if index > 0 && rel.x < before.min.x {
        index - 1
    } else {
        index
    }
}

/// Adds a tooltip naming the code point of a missing glyph under the pointer.
pub fn missing_glyph_tooltip(
    response: Response,
    glyphs: &mut Glyphs,
    lang: Lang,
    text: &str,
    galley: &Arc<egui::Galley>,
    origin: egui::Pos2,
) -> Response {
    let Some(i) = char_under_pointer(&response, galley, origin) else {
        return response;
    };
    match text.chars().nth(i) {
        Some(c) if glyphs.missing(&response.ctx, c) => {
            response.on_hover_text_at_pointer(lang.fill(
                Msg::MissingGlyph,
                &[("code", &format!("{:04X}", u32::from(c)))],
            ))
        }
        _ => response,
    }
}

/// The most chars of one raw line or one block that are laid out at once.
///
/// A longer line or block is shown one part of this many chars at a time,
/// with a marker before and after the part that says how much is left
/// out (a galley costs some 200 bytes a char, laid out and tessellated: a
/// 10 MB line laid out whole took gigabytes).
pub const PART_CHARS: usize = 10_000;

/// The chars of a long text that are shown: chars `start..end` of
/// `total`, the part number `index` of a text cut every [`PART_CHARS`]
/// chars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// The part's number (0 for the first).
    pub index: usize,
    /// Its first char.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// The chars of the whole text.
    pub total: usize,
}

impl Part {
    /// Part `index` (at most the last part) of a text of `total` chars.
    #[must_use]
    pub fn of(total: usize, index: usize) -> Self {
        let last = total.saturating_sub(1) / PART_CHARS;
        let index = index.min(last);
        let start = index * PART_CHARS;
        Self {
            index,
            start,
            end: (start + PART_CHARS).min(total),
            total,
        }
    }

    /// The part that holds char `i` of a text of `total` chars.
    #[must_use]
    pub fn holding(total: usize, i: usize) -> Self {
        Self::of(total, i / PART_CHARS)
    }

    /// Its length in chars.
    #[must_use]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether it holds no char (an empty text).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether the whole text is shown.
    #[must_use]
    pub fn is_whole(&self) -> bool {
        self.start == 0 && self.end == self.total
    }

    /// The marker before the part, if it does not start the text:
    /// `◀ (12,345 characters before; the line is shown in part) …`, in
    /// `lang`, of a line or (`block`) of a block.
    #[must_use]
    pub fn before_marker(&self, lang: Lang, block: bool) -> Option<String> {
        let msg = if block {
            Msg::PartBeforeBlock
        } else {
            Msg::PartBeforeLine
        };
        (self.start > 0).then(|| lang.fill(msg, &[("n", &thousands(self.start))]))
    }

    /// The marker after the part, if it does not end the text:
    /// `… (12,345,678 more characters; the line is shown in part) ▶`.
    #[must_use]
    pub fn after_marker(&self, lang: Lang, block: bool) -> Option<String> {
        let msg = if block {
            Msg::PartAfterBlock
        } else {
            Msg::PartAfterLine
        };
        (self.end < self.total).then(|| lang.fill(msg, &[("n", &thousands(self.total - self.end))]))
    }
}

/// Which part of a long line or block a pane shows, kept in egui's memory
/// between frames.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartChoice {
    /// The part shown.
    pub index: usize,
    /// What the part was last moved to show (a raw offset, a char): when
    /// the selection asks for something else, the part follows it;
    /// otherwise it stays where the markers took it.
    pub follows: Option<usize>,
    /// Show the start (`Some(false)`) or the end (`Some(true)`) of the
    /// part on the next frame: the part was changed by its markers.
    pub reveal_end: Option<bool>,
    /// The char (of a block's text) that `follows` names, when known.
    pub char: Option<usize>,
}

impl PartChoice {
    /// The choice stored under `id`, or the first part.
    #[must_use]
    pub fn load(ctx: &egui::Context, id: egui::Id) -> Self {
        ctx.data(|d| d.get_temp(id)).unwrap_or_default()
    }

    /// Stores the choice under `id` (nothing when it is the default, so
    /// that short texts leave nothing behind).
    pub fn store(self, ctx: &egui::Context, id: egui::Id) {
        ctx.data_mut(|d| {
            if self == Self::default() {
                d.remove::<Self>(id);
            } else {
                d.insert_temp(id, self);
            }
        });
    }
}

/// `1234567` as `1,234,567`.
#[must_use]
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The number of chars of `text` when it is longer than [`PART_CHARS`]
/// (shown in parts), else `None`; a short text is told by its length in
/// bytes, without counting.
#[must_use]
pub fn long_text(text: &str) -> Option<usize> {
    if text.len() <= PART_CHARS {
        return None;
    }
    let n = text.chars().count();
    (n > PART_CHARS).then_some(n)
}

/// The byte offset of char `n` of `text` (its length when `n` is past the
/// end), found a block of bytes at a time.
#[must_use]
pub fn byte_of_char(text: &str, n: usize) -> usize {
    const BLOCK: usize = 4096;
    // A char starts at every byte that is not a continuation byte
    // (10xxxxxx).
    let starts = |b: &u8| (*b & 0xC0) != 0x80;
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut left = n;
    for block in bytes.chunks(BLOCK) {
        let here = block.iter().filter(|b| starts(b)).count();
        if here > left {
            break;
        }
        left -= here;
        at += block.len();
    }
    let rest = bytes.get(at..).unwrap_or_default();
    for (i, b) in rest.iter().enumerate() {
        if starts(b) {
            if left == 0 {
                return at + i;
            }
            left -= 1;
        }
    }
    bytes.len()
}

/// Chars `part.start..part.end` of `text`.
#[must_use]
pub fn part_text<'t>(text: &'t str, part: &Part) -> &'t str {
    if part.is_whole() {
        return text;
    }
    let start = byte_of_char(text, part.start);
    let rest = text.get(start..).unwrap_or_default();
    let end = byte_of_char(rest, part.len());
    rest.get(..end).unwrap_or_default()
}

/// The trace indexes of the last few long blocks asked about, each kept
/// with its article (held, so that a changed article, a new `Arc`, is
/// never taken for it).
#[derive(Debug, Default)]
pub struct TraceIndexes {
    kept: Vec<(Arc<Article>, usize, Arc<TraceIndex>)>,
}

impl TraceIndexes {
    /// How many blocks are kept.
    const KEEP: usize = 4;

    /// The index of block `block` of `article`: built (one walk) for a
    /// block of more than [`PART_CHARS`] bytes the first time, the start
    /// only for a shorter one (a walk of it is short).
    pub fn of(&mut self, raw: &RawChars, article: &Arc<Article>, block: usize) -> Arc<TraceIndex> {
        let Some(b) = article.blocks.get(block) else {
            return Arc::new(TraceIndex::start(&[]));
        };
        if b.text.len() <= PART_CHARS {
            return Arc::new(TraceIndex::start(&b.spans));
        }
        if let Some((_, _, index)) = self
            .kept
            .iter()
            .find(|(a, i, _)| Arc::ptr_eq(a, article) && *i == block)
        {
            return Arc::clone(index);
        }
        let index = Arc::new(TraceIndex::build(raw, &b.text, &b.spans));
        if self.kept.len() >= Self::KEEP {
            self.kept.remove(0);
        }
        self.kept
            .push((Arc::clone(article), block, Arc::clone(&index)));
        index
    }
}
