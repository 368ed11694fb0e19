//! The outline: every article with its title and block count; click to jump,
//! drag to reorder, drop a block on an article to move it there.

use eframe::egui::{self, CornerRadius, FontId, Sense, Stroke, Ui};

use super::style::{SELECTION, kind_name};
use crate::edit::Action;
use crate::edit::drop_action;
use crate::i18n::Msg;
use crate::page::{Article, ArticleKind, Page};
use crate::ui::state::{Document, DragItem, Intent, Reveal, UiState};

const TITLE_FONT: f32 = 14.5;

/// Draws the outline; only the rows in view are laid out.
pub fn show(ui: &mut Ui, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    let page = doc.editor.page();
    let lang = state.lang;
    ui.horizontal(|ui| {
        ui.heading(lang.get(Msg::OutlineHeading));
        ui.weak(lang.fill(Msg::OutlineArticles, &[("n", &page.articles.len())]));
    });
    ui.separator();
    let width = ui.available_width();
    let mut rows = std::mem::take(&mut state.caches.outline);
    rows.prepare(doc.editor.state_id(), width, page.articles.len(), |i| {
        page.articles
            .get(i)
            .map_or(0.0, |a| estimate_height(a, width))
    });
    let mut area = egui::ScrollArea::vertical()
        .id_salt("outline-scroll")
        .auto_shrink(false);
    if state.scroll_corrected.is_some()
        && let Some(at) = state.selected
        && let Some(offset) = rows.offset_to_reveal(at.article, Reveal::Minimal)
    {
        area = area.vertical_scroll_offset(offset);
    }
    area.show_viewport(ui, |ui, viewport| {
        rows.show(ui, viewport, |ui, ai| row(ui, page, state, out, ai));
    });
    state.caches.outline = rows;
}

/// A guess at a row's height before it is drawn: one or two lines of title.
fn estimate_height(article: &Article, width: f32) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "an estimate")]
    let chars = (article.title().chars().take(23).count() + 4) as f32;
    let lines = if chars * TITLE_FONT > width - 12.0 {
        2.0
    } else {
        1.0
    };
    lines * TITLE_FONT * 1.25 + 20.0 + 4.0
}

/// The most of a cut title the outline shows on hover.
const TITLE_HOVER_CHARS: usize = 200;

fn row(ui: &mut Ui, page: &Page, state: &UiState, out: &mut Vec<Intent>, ai: usize) {
    let Some(article) = page.articles.get(ai) else {
        return;
    };
    let selected = state.selected.is_some_and(|s| s.article == ai);
    // Cut at 22 chars; hovering shows the title whole (its first
    // `TITLE_HOVER_CHARS`: a title may be a block of millions of chars,
    // counted only this far), written only while hovered.
    let t = article.title();
    let short: String = t.chars().take(22).collect();
    let cut = t.chars().nth(22).is_some();
    let title = if cut { format!("{short}…") } else { short };
    let lang = state.lang;
    let kind = match article.kind {
        ArticleKind::Article => String::new(),
        other => lang.fill(Msg::OutlineKind, &[("kind", &kind_name(other, lang))]),
    };
    let w = ui.available_width();
    let label = format!("{}. {title}", ai + 1);
    let text_color = if selected {
        ui.visuals().selection.stroke.color
    } else {
        ui.visuals().text_color()
    };
    let galley = ui.painter().layout(
        label.clone(),
        FontId::proportional(TITLE_FONT),
        text_color,
        w - 12.0,
    );
    let h = galley.size().y + 20.0;
    let (rect, mut response) = ui.allocate_exact_size(egui::vec2(w, h), Sense::click_and_drag());
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &label));
    if cut {
        response = response.on_hover_ui(|ui| {
            let mut whole: String = t.chars().take(TITLE_HOVER_CHARS).collect();
            if t.chars().nth(TITLE_HOVER_CHARS).is_some() {
                whole.push('…');
            }
            ui.label(whole);
        });
    }
    let visuals = ui.visuals();
    if selected {
        ui.painter()
            .rect_filled(rect, CornerRadius::same(4), visuals.selection.bg_fill);
    } else if response.hovered() {
        ui.painter()
            .rect_filled(rect, CornerRadius::same(4), visuals.faint_bg_color);
    }
    ui.painter()
        .galley(rect.min + egui::vec2(6.0, 3.0), galley, text_color);
    ui.painter().text(
        rect.left_bottom() + egui::vec2(22.0, -3.0),
        egui::Align2::LEFT_BOTTOM,
        match article.blocks.len() {
            1 => lang.fill(Msg::OutlineBlockOne, &[("kind", &kind)]),
            n => lang.fill(Msg::OutlineBlocks, &[("n", &n), ("kind", &kind)]),
        },
        FontId::proportional(11.5),
        visuals.weak_text_color(),
    );
    if response.clicked() {
        out.push(Intent::JumpToArticle(ai));
    }
    response.dnd_set_drag_payload(DragItem::Article(ai));
    if response.dnd_hover_payload::<DragItem>().is_some() {
        ui.painter().rect_stroke(
            rect,
            CornerRadius::same(4),
            Stroke::new(2.0, SELECTION),
            egui::StrokeKind::Inside,
        );
    }
    if let Some(payload) = response.dnd_release_payload::<DragItem>() {
        let action = match *payload {
            DragItem::Block(from) => drop_action(page, from, ai, None),
            DragItem::Article(from) if from != ai => Some(Action::MoveArticle { from, to: ai }),
            DragItem::Article(_) => None,
        };
        if let Some(a) = action {
            out.push(Intent::Apply(a));
        }
    }
    if selected && state.scroll_corrected.is_some() {
        response.scroll_to_me(None);
    }
}
