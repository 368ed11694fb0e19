//! The raw pane: the page as extracted, with line numbers, optional visible
//! whitespace, the selected block's source and the current doubt
//! highlighted.

use eframe::egui::{self, Color32, FontId, Sense, Ui};

use super::style::{DOUBT, DOUBT_LINE, RAW_FOCUS, RAW_HIGHLIGHT, role_long_name};
use super::text::{CharLook, char_at, job, missing_glyph_tooltip};
use crate::app::{Document, Intent, UiState, block};
use crate::page::{Page, RawChars, Span};

const GUTTER: f32 = 46.0;

/// Draws the raw pane.
pub fn show(ui: &mut Ui, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    let page = doc.editor.page();
    ui.horizontal(|ui| {
        ui.heading("Raw text");
        ui.weak("as extracted · read-only");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let mut ws = state.show_whitespace;
            if ui.checkbox(&mut ws, "whitespace").changed() {
                out.push(Intent::Run(crate::command::Command::ToggleWhitespace));
            }
        });
    });
    ui.separator();
    let spans: Vec<Span> = state
        .selected
        .and_then(|at| block(page, at))
        .map(|b| b.spans.clone())
        .unwrap_or_default();
    let font = FontId::monospace(15.0);
    let row_h = ui
        .painter()
        .layout_no_wrap("中A".to_owned(), font.clone(), Color32::WHITE)
        .size()
        .y
        .ceil();
    // The clicked char, else the current doubt when it is in the selected
    // block, else the block's start.
    let doubt_here = state
        .caches
        .doubts
        .raw
        .map(|(start, _)| start)
        .filter(|o| spans.iter().any(|s| s.contains(*o)));
    let target_line = spans
        .first()
        .map(|s| state.focus_raw.or(doubt_here).unwrap_or(s.start))
        .map(|o| page.raw.line_of(o));
    let lines = page.raw.lines();
    let chars = doc.editor.raw_chars();
    let spacing = ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::both()
        .id_salt("raw-scroll")
        .animated(false)
        .auto_shrink(false);
    if std::mem::take(&mut state.scroll_raw)
        && let Some(t) = target_line
    {
        let visible = &state.raw_visible;
        let comfortable = visible.start + 2 <= t && t + 3 <= visible.end;
        if !comfortable {
            #[expect(clippy::cast_precision_loss, reason = "line counts are small")]
            let y = t as f32 * (row_h + spacing) - ui.available_height() / 3.0;
            area = area.vertical_scroll_offset(y.max(0.0));
        }
    }
    area.show_rows(ui, row_h, lines.len(), |ui, range| {
        state.raw_visible = range.clone();
        for n in range {
            let Some(line) = lines.get(n).map(|l| l.span()) else {
                continue;
            };
            row(ui, page, chars, state, out, n, line, &spans, &font, row_h);
        }
    });
}

#[expect(clippy::too_many_arguments, reason = "one row needs the whole context")]
fn row(
    ui: &mut Ui,
    page: &Page,
    chars: &RawChars,
    state: &mut UiState,
    out: &mut Vec<Intent>,
    n: usize,
    line: Span,
    spans: &[Span],
    font: &FontId,
    row_h: f32,
) {
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let ws = state.show_whitespace;
    let mut shown: String = chars
        .get(line.start, line.end)
        .unwrap_or("")
        .chars()
        .map(|c| match c {
            ' ' if ws => '·',
            '\u{3000}' if ws => '□',
            '\t' if ws => '→',
            other => other,
        })
        .collect();
    if ws {
        shown.push('¶');
    }
    let ctx = ui.ctx().clone();
    let line_job = job(
        &ctx,
        &mut state.glyphs,
        &shown,
        font,
        f32::INFINITY,
        |i, c| {
            let offset = line.start + i;
            let mut look = CharLook::plain(if ws && matches!(c, '·' | '□' | '→' | '¶') {
                weak
            } else {
                text_color
            });
            if spans.iter().any(|s| s.contains(offset)) {
                look.background = RAW_HIGHLIGHT;
                look.color = Color32::WHITE;
            }
            if state.caches.doubts.raw_contains(offset) {
                look.background = DOUBT;
                look.color = Color32::BLACK;
                look.underline = Some(DOUBT_LINE);
            }
            if state.focus_raw == Some(offset) {
                look.background = RAW_FOCUS;
                look.color = Color32::BLACK;
            }
            look
        },
    );
    let galley = ui.painter().layout_job(line_job);
    let width = GUTTER + galley.size().x + 8.0;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, row_h), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Row, true, format!("raw line {}", n + 1))
    });
    ui.painter().text(
        rect.left_center() + egui::vec2(GUTTER - 10.0, 0.0),
        egui::Align2::RIGHT_CENTER,
        (n + 1).to_string(),
        FontId::monospace(12.0),
        weak,
    );
    let origin = rect.min + egui::vec2(GUTTER, (row_h - galley.size().y) / 2.0);
    ui.painter().galley(origin, galley.clone(), text_color);
    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let i = char_at(&galley, origin, pos).min(line.len().saturating_sub(1));
        out.push(Intent::SelectRaw(line.start + i));
    }
    let response = missing_glyph_tooltip(response, &mut state.glyphs, &shown, &galley, origin);
    if response.hovered() {
        let _tip = response.on_hover_text(feeds(page, line));
    }
}

/// Which article and block a raw line feeds, for the hover tooltip.
fn feeds(page: &Page, line: Span) -> String {
    let mut out = Vec::new();
    for (ai, a) in page.articles.iter().enumerate() {
        for (bi, b) in a.blocks.iter().enumerate() {
            if b.spans
                .iter()
                .any(|s| s.start < line.end.max(line.start + 1) && line.start < s.end)
            {
                let title: String = a.title().chars().take(16).collect();
                out.push(format!(
                    "article {} «{title}», block {} ({})",
                    ai + 1,
                    bi + 1,
                    role_long_name(b.role)
                ));
            }
        }
    }
    if out.is_empty() {
        "feeds no block (blank line)".to_owned()
    } else {
        format!("feeds {}", out.join("\n"))
    }
}
