//! The raw pane: the page as extracted, with line numbers, optional visible
//! whitespace, the selected block's source and the current doubt
//! highlighted.

use std::sync::Arc;

use eframe::egui::{self, Color32, FontId, Sense, Ui};

use super::style::{
    DOUBT, DOUBT_LINE, DOUBT_SPOT, RAW_FOCUS, RAW_HIGHLIGHT, SELECTION, role_long_name,
};
use super::text::{CharLook, PART_CHARS, Part, PartChoice, char_at, job, missing_glyph_tooltip};
use crate::i18n::{Lang, Msg};
use crate::page::{RawChars, Span};
use crate::ui::state::{Document, Intent, UiState, block};

const GUTTER: f32 = 46.0;
/// Where a pane asks the raw pane to scroll to a raw offset it selected.
const REVEAL_RAW: &str = "proofdesk-reveal-raw";

/// Asks the raw pane to bring raw offset `offset` into view on the next
/// frame, once it is the selection's raw char.
pub(super) fn ask_reveal(ctx: &egui::Context, offset: usize) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique(REVEAL_RAW), offset));
}

/// Draws the raw pane.
pub fn show(ui: &mut Ui, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    let page = doc.editor.page();
    let lang = state.lang;
    ui.horizontal(|ui| {
        ui.heading(lang.get(Msg::RawHeading));
        // The checkbox first, at the right; the note takes what is left and
        // is cut short in a narrow pane rather than drawn under it.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let mut ws = state.show_whitespace;
            if ui.checkbox(&mut ws, lang.get(Msg::RawWhitespace)).changed() {
                out.push(Intent::Run(crate::command::Command::ToggleWhitespace));
            }
            ui.add(egui::Label::new(egui::RichText::new(lang.get(Msg::RawNote)).weak()).truncate());
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
    let target = spans
        .first()
        .map(|s| state.focus_raw.or(doubt_here).unwrap_or(s.start));
    let target_line = target.map(|o| page.raw.line_of(o));
    let lines = page.raw.lines();
    let spacing = ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::both()
        .id_salt("raw-scroll")
        .animated(false)
        .auto_shrink(false);
    // Asked by the desk, or by a click in a long block of the corrected
    // pane (which selects by raw offset, as a click here does).
    let asked = ui
        .ctx()
        .data_mut(|d| d.remove_temp::<usize>(egui::Id::unique(REVEAL_RAW)));
    let scroll = state.scroll_raw || asked.is_some_and(|o| target == Some(o));
    if scroll && let Some(t) = target_line {
        let visible = &state.raw_visible;
        let comfortable = visible.start + 2 <= t && t + 3 <= visible.end;
        if !comfortable {
            #[expect(clippy::cast_precision_loss, reason = "line counts are small")]
            let y = t as f32 * (row_h + spacing) - ui.available_height() / 3.0;
            // Never past the last line (as far as the last frame could
            // scroll): an offset beyond the content springs back over
            // frames instead of settling.
            let bottom = ui
                .ctx()
                .data(|d| d.get_temp::<f32>(egui::Id::unique(RAW_SCROLL_MAX)))
                .unwrap_or(f32::INFINITY);
            area = area.vertical_scroll_offset(y.min(bottom).max(0.0));
        }
    }
    let rows = Rows {
        doc,
        chars: doc.editor.raw_chars(),
        spans: &spans,
        font,
        row_h,
    };
    let shown = area.show_rows(ui, row_h, lines.len(), |ui, range| {
        state.raw_visible = range.clone();
        for n in range {
            let Some(line) = lines.get(n).map(|l| l.span()) else {
                continue;
            };
            let target = target.filter(|_| target_line == Some(n));
            if line.len() > PART_CHARS {
                rows.long_row(ui, state, out, n, line, target, scroll);
            } else {
                rows.row(ui, state, out, (n, line), target.filter(|_| scroll));
            }
        }
    });
    let bottom = (shown.content_size.y - shown.inner_rect.height()).max(0.0);
    ui.ctx()
        .data_mut(|d| d.insert_temp(egui::Id::unique(RAW_SCROLL_MAX), bottom));
}

/// Where the raw pane keeps how far down it can scroll (for the next
/// frame).
const RAW_SCROLL_MAX: &str = "raw-scroll-max";

/// What every row of the pane needs.
struct Rows<'a> {
    doc: &'a Document,
    chars: &'a RawChars,
    /// The selected block's spans.
    spans: &'a [Span],
    font: FontId,
    row_h: f32,
}

impl Rows<'_> {
    /// The galley of raw chars `base..` (`text`), with visible whitespace
    /// when it is on (`pilcrow`: the text ends the line), and the text it
    /// lays out.
    fn galley(
        &self,
        ui: &Ui,
        state: &mut UiState,
        text: &str,
        base: usize,
        pilcrow: bool,
    ) -> (Arc<egui::Galley>, String) {
        let text_color = ui.visuals().text_color();
        let weak = ui.visuals().weak_text_color();
        let strong = ui.visuals().strong_text_color();
        let ws = state.show_whitespace;
        let mut shown: String = text
            .chars()
            .map(|c| match c {
                ' ' if ws => '·',
                '\u{3000}' if ws => '□',
                '\t' if ws => '→',
                other => other,
            })
            .collect();
        if ws && pilcrow {
            shown.push('¶');
        }
        let ctx = ui.ctx().clone();
        let selected = state
            .text_selection
            .filter(|s| s.is_range())
            .and_then(|s| s.raw_range());
        let line_job = job(
            &ctx,
            &mut state.glyphs,
            &shown,
            &self.font,
            f32::INFINITY,
            |i, c| {
                let offset = base + i;
                let mut look = CharLook::plain(if ws && matches!(c, '·' | '□' | '→' | '¶') {
                    weak
                } else {
                    text_color
                });
                if self.spans.iter().any(|s| s.contains(offset)) {
                    look.background = RAW_HIGHLIGHT;
                    look.color = Color32::WHITE;
                }
                if state.caches.doubts.raw_contains(offset) {
                    look.background = DOUBT;
                    look.color = Color32::BLACK;
                    look.underline = Some(DOUBT_LINE);
                } else if state.caches.doubts.raw_in_spot(offset) {
                    look.background = DOUBT_SPOT;
                    look.color = strong;
                    look.underline = Some(DOUBT_LINE);
                }
                if selected.as_ref().is_some_and(|r| r.contains(&offset)) {
                    look.background = SELECTION;
                    look.color = Color32::WHITE;
                }
                if state.focus_raw == Some(offset) {
                    look.background = RAW_FOCUS;
                    look.color = Color32::BLACK;
                }
                look
            },
        );
        (ui.painter().layout_job(line_job), shown)
    }

    /// A raw line of at most [`PART_CHARS`] chars, laid out whole; `reveal`
    /// is a raw offset on it to bring into view, sideways too (a row that
    /// keeps a page's columns side by side is wider than the pane).
    fn row(
        &self,
        ui: &mut Ui,
        state: &mut UiState,
        out: &mut Vec<Intent>,
        (n, line): (usize, Span),
        reveal: Option<usize>,
    ) {
        let text = self.chars.get(line.start, line.end).unwrap_or("");
        let state_lang = state.lang;
        let (galley, shown) = self.galley(ui, state, text, line.start, true);
        let width = GUTTER + galley.size().x + 8.0;
        let (rect, response) =
            ui.allocate_exact_size(egui::vec2(width, self.row_h), Sense::click());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Row,
                true,
                state_lang.fill(Msg::RawLine, &[("n", &(n + 1))]),
            )
        });
        let origin = rect.min + egui::vec2(GUTTER, (self.row_h - galley.size().y) / 2.0);
        if let Some(i) = reveal.and_then(|t| t.checked_sub(line.start)) {
            reveal_char(ui, &galley, origin, i);
        }
        let text = RowText {
            galley: &galley,
            shown: &shown,
            origin,
            base: line.start,
            len: line.len(),
        };
        self.text_ui(ui, state, out, response, &text, line);
        // After the text: scrolled sideways, the number is painted over it.
        gutter_number(ui, rect, n, &galley, origin);
    }

    /// Paints a row's text and answers the row: a click selects the raw
    /// char under it (Shift+click: the text up to it), a hover says which
    /// blocks the line feeds (and names glyphs the font lacks).
    fn text_ui(
        &self,
        ui: &Ui,
        state: &mut UiState,
        out: &mut Vec<Intent>,
        response: egui::Response,
        text: &RowText<'_>,
        line: Span,
    ) {
        ui.painter()
            .galley(text.origin, text.galley.clone(), ui.visuals().text_color());
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let i = char_at(text.galley, text.origin, pos).min(text.len.saturating_sub(1));
            out.push(click_intent(ui, text.base + i));
        }
        let response = missing_glyph_tooltip(
            response,
            &mut state.glyphs,
            state.lang,
            text.shown,
            text.galley,
            text.origin,
        );
        if response.hovered() {
            let _tip = response.on_hover_text(feeds(self.doc, line, state.lang));
        }
    }

    /// A raw line of more than [`PART_CHARS`] chars: one part of it, the
    /// one that holds `target` (the selection's raw source) when it is in
    /// this line, between markers that say what is left out and move to
    /// the part before or after. With `scroll`, the target char is
    /// scrolled into view.
    #[expect(clippy::too_many_arguments, reason = "one row needs the whole context")]
    fn long_row(
        &self,
        ui: &mut Ui,
        state: &mut UiState,
        out: &mut Vec<Intent>,
        n: usize,
        line: Span,
        target: Option<usize>,
        scroll: bool,
    ) {
        let ctx = ui.ctx().clone();
        let lang = state.lang;
        let id = egui::Id::unique(("proofdesk-raw-part", n));
        let mut choice = PartChoice::load(&ctx, id);
        let mut followed = false;
        if let Some(t) = target
            && choice.follows != Some(t)
        {
            choice.index = t.saturating_sub(line.start) / PART_CHARS;
            choice.follows = Some(t);
            followed = true;
        }
        let part = Part::of(line.len(), choice.index);
        choice.index = part.index;
        let base = line.start + part.start;
        let text = self.chars.get(base, line.start + part.end).unwrap_or("");
        let (galley, shown) = self.galley(ui, state, text, base, part.end == part.total);
        let weak = ui.visuals().weak_text_color();
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            let (gutter, _) =
                ui.allocate_exact_size(egui::vec2(GUTTER, self.row_h), Sense::hover());
            line_number(ui, gutter.right_center() - egui::vec2(10.0, 0.0), n);
            if let Some(m) = part.before_marker(lang, false) {
                if marker(ui, &m, weak, lang.get(Msg::ShowPartBeforeLine)).clicked() {
                    choice.index = part.index.saturating_sub(1);
                    choice.reveal_end = Some(true);
                    ctx.request_repaint();
                }
                ui.add_space(8.0);
            }
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(galley.size().x, self.row_h), Sense::click());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Row,
                    true,
                    lang.fill(Msg::RawLine, &[("n", &(n + 1))]),
                )
            });
            let origin = rect.min + egui::vec2(0.0, (self.row_h - galley.size().y) / 2.0);
            let text = RowText {
                galley: &galley,
                shown: &shown,
                origin,
                base,
                len: part.len(),
            };
            self.text_ui(ui, state, out, response, &text, line);
            if let Some(m) = part.after_marker(lang, false) {
                ui.add_space(8.0);
                if marker(ui, &m, weak, lang.get(Msg::ShowPartAfterLine)).clicked() {
                    choice.index = part.index + 1;
                    choice.reveal_end = Some(false);
                    ctx.request_repaint();
                }
            }
            // The char to bring into view: the start or end of a part the
            // markers just chose, else the target when asked to.
            let reveal = match std::mem::take(&mut choice.reveal_end) {
                Some(end) if choice.index == part.index => {
                    Some(if end { part.len().saturating_sub(1) } else { 0 })
                }
                // Chosen this frame: revealed when drawn, next frame.
                Some(end) => {
                    choice.reveal_end = Some(end);
                    None
                }
                None => target
                    .filter(|t| (scroll || followed) && (base..line.start + part.end).contains(t))
                    .map(|t| t - base),
            };
            if let Some(i) = reveal {
                reveal_char(ui, &galley, origin, i);
            }
        });
        choice.store(&ctx, id);
    }
}

/// Scrolls the pane so that char `i` of `galley` (drawn at `origin`)
/// shows, with a little of the text on either side.
fn reveal_char(ui: &Ui, galley: &egui::Galley, origin: egui::Pos2, i: usize) {
    let cell = galley
        .pos_from_cursor(egui::text::CCursor::new(i))
        .translate(origin.to_vec2());
    ui.scroll_to_rect(cell.expand2(egui::vec2(40.0, 0.0)), None);
}

/// The edges between the glyphs of `galley` (drawn at `origin`), in
/// order: each glyph's left edge, then the last one's right edge. A raw
/// line is one row; a galley of several has its first row's.
fn glyph_edges(galley: &egui::Galley, origin: egui::Pos2) -> Vec<f32> {
    let Some(r) = galley.rows.first() else {
        return Vec::new();
    };
    let at = |x: f32| origin.x + r.pos.x + x;
    let mut edges: Vec<f32> = r.row.glyphs.iter().map(|g| at(g.pos.x)).collect();
    if let Some(last) = r.row.glyphs.last() {
        edges.push(at(last.pos.x + last.advance_width));
    }
    edges
}

/// Paints line number `n` in the gutter of `row`: where the pane is
/// scrolled sideways past the row's left edge, at the pane's left edge on a
/// backing of the panel's colour, so that the number stays in view. The
/// backing ends between two glyphs of the row's text (`galley`, drawn at
/// `origin`), never through one: half a glyph at the edge reads as
/// another (`鹤` as `鸟`).
fn gutter_number(ui: &Ui, row: egui::Rect, n: usize, galley: &egui::Galley, origin: egui::Pos2) {
    let (left, backing) = sticky_gutter(row, ui.clip_rect());
    if let Some(b) = backing {
        // Over the gap to the next row too, where a selection's band shows.
        let gap = ui.spacing().item_spacing.y / 2.0;
        let b = whole_glyphs(b, &glyph_edges(galley, origin)).expand2(egui::vec2(0.0, gap));
        ui.painter().rect_filled(b, 0.0, ui.visuals().panel_fill);
    }
    line_number(ui, egui::pos2(left + GUTTER - 10.0, row.center().y), n);
}

/// How far the backing may end short of its width, to stop at the left
/// edge of a glyph it would cut: the number, right-aligned 6 points inside
/// it, keeps 2 points of room.
const BACKING_GIVE: f32 = 4.0;

/// `backing` ended between two glyphs where its right edge falls inside
/// one (`edges`: the edges between the glyphs, in order): back to the
/// glyph's left edge where that is within [`BACKING_GIVE`] (a row scrolled
/// a few points still shows its first glyph whole), else on to its right
/// edge (the glyph hidden whole).
fn whole_glyphs(backing: egui::Rect, edges: &[f32]) -> egui::Rect {
    let right = backing.right();
    let at = edges.partition_point(|&x| x < right);
    let (Some(&next), Some(&prev)) = (edges.get(at), at.checked_sub(1).and_then(|i| edges.get(i)))
    else {
        return backing;
    };
    let end = if right - prev <= BACKING_GIVE {
        prev
    } else {
        next
    };
    egui::Rect::from_min_max(backing.min, egui::pos2(end, backing.max.y))
}

/// Where a row's gutter stands in the visible part `view` of the pane: its
/// left edge, and the backing to paint under it where the row is scrolled
/// sideways out of view (none where its own gutter shows).
fn sticky_gutter(row: egui::Rect, view: egui::Rect) -> (f32, Option<egui::Rect>) {
    if row.left() >= view.left() {
        return (row.left(), None);
    }
    let left = view.left();
    let backing = egui::Rect::from_min_max(
        egui::pos2(left, row.top()),
        egui::pos2(left + GUTTER - 4.0, row.bottom()),
    );
    (left, Some(backing))
}

fn line_number(ui: &Ui, at: egui::Pos2, n: usize) {
    ui.painter().text(
        at,
        egui::Align2::RIGHT_CENTER,
        (n + 1).to_string(),
        FontId::monospace(12.0),
        ui.visuals().weak_text_color(),
    );
}

/// A marker of text left out: small, weak, italic (no taller than a raw
/// line), clicked to show it.
pub(super) fn marker(ui: &mut Ui, text: &str, color: Color32, hover: &str) -> egui::Response {
    ui.add(
        egui::Label::new(
            egui::RichText::new(text)
                .font(FontId::proportional(12.0))
                .italics()
                .color(color),
        )
        .extend()
        .selectable(false)
        .sense(Sense::click()),
    )
    .on_hover_text(hover)
}

/// Which article and block a raw line feeds, for the hover tooltip.
fn feeds(doc: &Document, line: Span, lang: Lang) -> String {
    let page = doc.editor.page();
    let mut out = Vec::new();
    for (ai, bi) in doc.editor.index().blocks_meeting(line.start..line.end) {
        let Some((a, b)) = page
            .articles
            .get(ai)
            .and_then(|a| Some((a, a.blocks.get(bi)?)))
        else {
            continue;
        };
        let title: String = a.title().chars().take(16).collect();
        out.push(lang.fill(
            Msg::RawFeedsBlock,
            &[
                ("a", &(ai + 1)),
                ("title", &title),
                ("b", &(bi + 1)),
                ("role", &role_long_name(b.role, lang)),
            ],
        ));
    }
    if out.is_empty() {
        lang.get(Msg::RawFeedsNone).to_owned()
    } else {
        lang.fill(Msg::RawFeeds, &[("list", &out.join("\n"))])
    }
}

/// The laid-out text of a raw row: `len` raw chars from offset `base`,
/// shown as `shown` (visible whitespace) at `origin`.
struct RowText<'a> {
    galley: &'a Arc<egui::Galley>,
    shown: &'a str,
    origin: egui::Pos2,
    base: usize,
    len: usize,
}

/// A click on raw char `offset`: with Shift, the raw text from the last
/// plain click to here is selected; otherwise its block is.
fn click_intent(ui: &Ui, offset: usize) -> Intent {
    if ui.input(|input| input.modifiers.shift) {
        Intent::ExtendRawSelection(offset)
    } else {
        Intent::SelectRaw(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::{GUTTER, sticky_gutter, whole_glyphs};
    use eframe::egui::{Rect, pos2};

    #[test]
    fn the_numbers_backing_covers_a_glyph_it_would_cut_whole() {
        let backing = Rect::from_min_max(pos2(100.0, 20.0), pos2(142.0, 40.0));
        // Glyphs 15 points wide from 130: the backing's edge at 142 falls
        // inside the glyph at 130..145, which it then covers to 145.
        let edges: Vec<f32> = (0..10u8).map(|j| 130.0 + 15.0 * f32::from(j)).collect();
        assert_eq!(whole_glyphs(backing, &edges).right(), 145.0);
        // Inside the last glyph (133..148, the text's end): covered to 148.
        assert_eq!(whole_glyphs(backing, &[118.0, 133.0, 148.0]).right(), 148.0);
        // Into a glyph by no more than 4 points (at 139): back to its edge,
        // the glyph whole in view.
        let scrolled_a_little: Vec<f32> = (0..10u8).map(|j| 139.0 + 15.0 * f32::from(j)).collect();
        assert_eq!(whole_glyphs(backing, &scrolled_a_little).right(), 139.0);
        // On a glyph's edge already: as it was.
        let on_edge: Vec<f32> = (0..10u8).map(|j| 127.0 + 15.0 * f32::from(j)).collect();
        assert_eq!(whole_glyphs(backing, &on_edge).right(), 142.0);
        // The text starting right of the backing, or none: as it was.
        assert_eq!(whole_glyphs(backing, &[150.0, 165.0]), backing);
        assert_eq!(whole_glyphs(backing, &[]), backing);
    }

    #[test]
    fn a_row_scrolled_sideways_keeps_its_number_at_the_pane_s_edge_on_a_backing() {
        let view = Rect::from_min_max(pos2(100.0, 0.0), pos2(500.0, 400.0));
        let row = |left: f32| Rect::from_min_max(pos2(left, 20.0), pos2(left + 900.0, 40.0));
        // Not scrolled: the row's own gutter, nothing painted under it.
        assert_eq!(sticky_gutter(row(100.0), view), (100.0, None));
        // Scrolled 300 px: at the pane's edge, over the row's text.
        let (left, backing) = sticky_gutter(row(-200.0), view);
        assert_eq!(left, 100.0);
        let backing = backing.expect("a backing under the number");
        assert_eq!(
            (backing.left(), backing.top(), backing.bottom()),
            (100.0, 20.0, 40.0)
        );
        assert!(backing.width() > 0.0 && backing.width() < GUTTER);
    }
}
