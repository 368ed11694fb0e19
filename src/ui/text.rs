//! Laying out text whose characters carry their own highlight, with the
//! characters no font can draw marked and named on hover.

use std::sync::Arc;

use eframe::egui::{
    self, Color32, FontId, Response, Sense, Stroke, Ui,
    text::{LayoutJob, TextFormat},
};

use super::style::{Glyphs, MISSING_GLYPH};

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
    text: &str,
    galley: &Arc<egui::Galley>,
    origin: egui::Pos2,
) -> Response {
    let Some(i) = char_under_pointer(&response, galley, origin) else {
        return response;
    };
    match text.chars().nth(i) {
        Some(c) if glyphs.missing(&response.ctx, c) => response.on_hover_text_at_pointer(format!(
            "U+{:04X}: the font has no glyph for this character",
            u32::from(c)
        )),
        _ => response,
    }
}

/// Paints a galley in a freshly allocated rect and returns the response.
pub fn show_galley(
    ui: &mut Ui,
    galley: &Arc<egui::Galley>,
    sense: Sense,
) -> (Response, egui::Pos2) {
    let (rect, response) = ui.allocate_exact_size(galley.size(), sense);
    ui.painter()
        .galley(rect.min, galley.clone(), ui.visuals().text_color());
    (response, rect.min)
}
