//! The corrected pane: the page as articles in reading order, each block
//! with its role tag; click to select, double-click or Enter to edit, drag
//! to move.

use std::sync::Arc;

use eframe::egui::{self, Color32, CornerRadius, FontId, Sense, Stroke, Ui};

use super::style::{
    DOUBT, DOUBT_LINE, SELECTION, kind_name, role_color, role_font, role_long_name, role_tag,
};
use super::text::{CharLook, char_at, job, missing_glyph_tooltip};
use crate::app::{Document, DragItem, EditState, Intent, Reveal, UiState};
use crate::command::Command;
use crate::edit::drop_action;
use crate::edit::{Action, BlockRef};
use crate::page::{Article, ArticleKind, Block, Page, RawChars, span_glyphs};

const TAG_W: f32 = 58.0;

/// Draws the corrected pane, laying out only the articles in view.
///
/// The others take the height they had when last drawn (an estimate until
/// then), remembered by the article's shared `Arc` so that an edit only
/// forgets the heights of the articles it changed.
pub fn show(ui: &mut Ui, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        ui.heading("Corrected page");
        // Truncated, so that a narrow pane never grows wider than its panel.
        ui.add(
            egui::Label::new(
                egui::RichText::new(
                    "click: select · double-click / Enter: edit · drag: move · F1: all keys",
                )
                .weak(),
            )
            .truncate(),
        );
    });
    super::doubts::strip(ui, doc, state, out);
    ui.separator();
    let page = doc.editor.page();
    let shared = doc.editor.shared_articles();
    let mut editing = state.editing.take();
    let editing_article = editing.as_ref().map(|e| e.at.article);
    let width = ui.available_width();
    let caches = &mut state.caches;
    if caches.measured_width.to_bits() != width.to_bits() {
        caches.article_heights.clear();
        caches.measured_width = width;
    }
    let key = doc.editor.state_id();
    if caches.pruned_state != key {
        caches.pruned_state = key;
        let live: std::collections::HashSet<usize> =
            shared.iter().map(|a| Arc::as_ptr(a).addr()).collect();
        caches.article_heights.retain(|p, _| live.contains(p));
    }
    let heights = &caches.article_heights;
    caches.corrected.prepare(key, width, shared.len(), |i| {
        shared.get(i).map_or(0.0, |a| {
            heights
                .get(&(Arc::as_ptr(a).addr()))
                .map_or_else(|| estimate_height(a, width), |(_, h)| *h)
        })
    });
    let target: Option<(BlockRef, Reveal)> = state
        .reveal
        .take()
        .map(|at| (at, Reveal::At(egui::Align::Center)))
        .or_else(|| state.selected.zip(state.scroll_corrected));
    let mut area = egui::ScrollArea::vertical()
        .id_salt("corrected-scroll")
        .animated(false)
        .auto_shrink(false);
    if let Some((at, reveal)) = target
        && let Some(offset) = caches.corrected.offset_to_reveal(at.article, reveal)
    {
        area = area.vertical_scroll_offset(offset);
    }
    let mut rows = std::mem::take(&mut state.caches.corrected);
    let changed = area
        .show_viewport(ui, |ui, viewport| {
            rows.show(ui, viewport, |ui, ai| {
                if let Some(article) = page.articles.get(ai) {
                    article_frame(ui, doc, state, &mut editing, out, target, ai, article);
                    ui.add_space(6.0);
                }
            })
        })
        .inner;
    state.caches.corrected = rows;
    for (ai, h) in changed {
        if editing_article != Some(ai)
            && let Some(a) = shared.get(ai)
        {
            state
                .caches
                .article_heights
                .insert(Arc::as_ptr(a).addr(), (Arc::clone(a), h));
        }
    }
    state.scroll_corrected = None;
    if state.editing.is_none() {
        state.editing = editing;
    }
}

/// A guess at an article's height before it is drawn: its blocks' text
/// wrapped at `width`, with the frame, header and tags.
fn estimate_height(article: &Article, width: f32) -> f32 {
    let text_w = (width - 16.0 - TAG_W - 6.0).max(80.0);
    let blocks: f32 = article
        .blocks
        .iter()
        .map(|b| {
            let size = role_font(b.role).size;
            // CJK text: about one em per char, three bytes per char.
            #[expect(clippy::cast_precision_loss, reason = "an estimate")]
            let chars = (b.text.len() as f32 / 3.0).max(1.0);
            let lines = (chars * size / text_w).ceil().max(1.0);
            let text_h = lines * size * 1.4;
            let diff = if b.edited { text_h + 40.0 } else { 0.0 };
            text_h.max(24.0) + 6.0 + 4.0 + diff
        })
        .sum();
    blocks + 16.0 + 34.0 + 6.0 + 8.0
}

#[expect(
    clippy::too_many_arguments,
    reason = "one article needs the whole context"
)]
fn article_frame(
    ui: &mut Ui,
    doc: &Document,
    state: &mut UiState,
    editing: &mut Option<EditState>,
    out: &mut Vec<Intent>,
    target: Option<(BlockRef, Reveal)>,
    ai: usize,
    article: &Article,
) {
    let page = doc.editor.page();
    let selected_here = state.selected.is_some_and(|s| s.article == ai);
    let stroke = if selected_here {
        Stroke::new(1.0, SELECTION.gamma_multiply(0.6))
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    egui::Frame::group(ui.style())
        .stroke(stroke)
        .inner_margin(egui::Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            header(ui, page, state, out, ai, article);
            for (bi, b) in article.blocks.iter().enumerate() {
                let at = BlockRef::new(ai, bi);
                match editing {
                    Some(e) if e.at == at => edit_row(ui, e, b, out, state.scroll_corrected),
                    _ => block_row(ui, page, doc.editor.raw_chars(), state, out, at, b, target),
                }
            }
        });
}

fn header(
    ui: &mut Ui,
    page: &Page,
    state: &UiState,
    out: &mut Vec<Intent>,
    ai: usize,
    article: &Article,
) {
    let response = ui
        .horizontal(|ui| {
            let handle = ui
                .add(
                    egui::Label::new(egui::RichText::new(format!("≡ Article {}", ai + 1)).strong())
                        .sense(Sense::click_and_drag()),
                )
                .on_hover_text(
                    "drag to move the article; drop a block here to move it into this article",
                );
            handle.dnd_set_drag_payload(DragItem::Article(ai));
            if handle.clicked() {
                out.push(Intent::JumpToArticle(ai));
            }
            let mut kind = article.kind;
            let kind_label = ui.weak("kind");
            let combo = egui::ComboBox::from_id_salt(("kind", ai))
                .selected_text(kind_name(kind))
                .width(130.0)
                .show_ui(ui, |ui| {
                    for k in ArticleKind::ALL {
                        ui.selectable_value(&mut kind, k, kind_name(k));
                    }
                });
            let _labelled = combo.response.labelled_by(kind_label.id);
            if kind != article.kind {
                out.push(Intent::Apply(Action::SetArticleKind { article: ai, kind }));
            }
            ui.weak(format!("{} · {} blocks", article.id, article.blocks.len()));
        })
        .response;
    drop_target(ui, &response, page, out, ai, None, false);
    let _unused = state;
}

/// Accepts blocks and articles dropped on `response`.
fn drop_target(
    ui: &Ui,
    response: &egui::Response,
    page: &Page,
    out: &mut Vec<Intent>,
    ai: usize,
    before: Option<usize>,
    row: bool,
) {
    let Some(payload) = response.dnd_hover_payload::<DragItem>() else {
        return;
    };
    let pointer = ui
        .ctx()
        .pointer_interact_pos()
        .unwrap_or(response.rect.center());
    let rect = response.rect;
    let below = row && pointer.y > rect.center().y;
    let line_y = if below { rect.bottom() } else { rect.top() };
    ui.painter()
        .hline(rect.x_range(), line_y, Stroke::new(2.5, SELECTION));
    if let Some(payload) = response.dnd_release_payload::<DragItem>() {
        let action = match *payload {
            DragItem::Block(from) => {
                let before = before.map(|b| b + usize::from(below));
                drop_action(page, from, ai, before)
            }
            DragItem::Article(from) if from != ai => Some(Action::MoveArticle { from, to: ai }),
            DragItem::Article(_) => None,
        };
        if let Some(a) = action {
            out.push(Intent::Apply(a));
        }
    }
    let _p = payload;
}

fn tag(ui: &Ui, rect: egui::Rect, b: &Block) {
    let color = role_color(b.role);
    let tag_rect = egui::Rect::from_min_size(
        rect.min + egui::vec2(0.0, 3.0),
        egui::vec2(TAG_W - 8.0, 20.0),
    );
    ui.painter()
        .rect_filled(tag_rect, CornerRadius::same(4), color);
    ui.painter().text(
        tag_rect.center(),
        egui::Align2::CENTER_CENTER,
        role_tag(b.role),
        FontId::proportional(11.5),
        Color32::WHITE,
    );
    if b.edited {
        ui.painter().text(
            tag_rect.center_bottom() + egui::vec2(0.0, 12.0),
            egui::Align2::CENTER_CENTER,
            "edited",
            FontId::proportional(11.0),
            Color32::from_rgb(0xe0, 0xa0, 0x30),
        );
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one block needs the whole context"
)]
fn block_row(
    ui: &mut Ui,
    page: &Page,
    raw: &RawChars,
    state: &mut UiState,
    out: &mut Vec<Intent>,
    at: BlockRef,
    b: &Block,
    target: Option<(BlockRef, Reveal)>,
) {
    let selected = state.selected == Some(at);
    let text_w = (ui.available_width() - TAG_W - 6.0).max(80.0);
    let font = role_font(b.role);
    let color = if b.role.is_title() {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().text_color()
    };
    let ctx = ui.ctx().clone();
    let marks: Option<Vec<usize>> = state.caches.doubts.marks_for(at).map(<[usize]>::to_vec);
    let text_job = job(&ctx, &mut state.glyphs, &b.text, &font, text_w, |i, _| {
        if marks.as_ref().is_some_and(|m| m.binary_search(&i).is_ok()) {
            CharLook {
                color: Color32::BLACK,
                background: DOUBT,
                underline: Some(DOUBT_LINE),
                strike: false,
            }
        } else {
            CharLook::plain(color)
        }
    });
    let galley = ui.painter().layout_job(text_job);
    let edited_extra = if b.edited { 14.0 } else { 0.0 };
    let h = galley.size().y.max(24.0 + edited_extra) + 6.0;
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), h), Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Paragraph, true, &b.text));
    if selected {
        ui.painter().rect(
            rect.expand(2.0),
            CornerRadius::same(4),
            SELECTION.gamma_multiply(0.12),
            Stroke::new(2.0, SELECTION),
            egui::StrokeKind::Outside,
        );
    } else if response.hovered() {
        ui.painter()
            .rect_filled(rect, CornerRadius::same(4), ui.visuals().faint_bg_color);
    }
    tag(ui, rect, b);
    let origin = rect.min + egui::vec2(TAG_W, 3.0);
    ui.painter().galley(origin, galley.clone(), color);
    if let Some((t, reveal)) = target
        && t == at
    {
        ui.scroll_to_rect(rect, reveal.align());
    }
    response.dnd_set_drag_payload(DragItem::Block(at));
    if response.double_clicked() {
        out.push(Intent::StartEdit(at));
    } else if response.clicked() {
        out.push(match response.interact_pointer_pos() {
            Some(pos) => Intent::SelectChar(at, char_at(&galley, origin, pos)),
            None => Intent::Select(at),
        });
    }
    drop_target(ui, &response, page, out, at.article, Some(at.block), true);
    if b.edited {
        diff_line(ui, page, raw, state, b, text_w);
    }
    let response = missing_glyph_tooltip(response, &mut state.glyphs, &b.text, &galley, origin);
    response.context_menu(|ui| block_menu(ui, at, out));
}

fn block_menu(ui: &mut Ui, at: BlockRef, out: &mut Vec<Intent>) {
    ui.menu_button("Role", |ui| {
        for role in crate::page::Role::ALL {
            let c = Command::SetRole(role);
            if ui
                .add(egui::Button::new(role_long_name(role)).shortcut_text(c.shortcut_text()))
                .clicked()
            {
                out.push(Intent::Select(at));
                out.push(Intent::Run(c));
                ui.close();
            }
        }
    });
    for c in [
        Command::EditText,
        Command::SplitArticle,
        Command::MergeWithPrevious,
        Command::JoinWithNext,
        Command::MoveBlockUp,
        Command::MoveBlockDown,
    ] {
        if ui
            .add(egui::Button::new(c.label()).shortcut_text(c.shortcut_text()))
            .clicked()
        {
            out.push(Intent::Select(at));
            out.push(Intent::Run(c));
            ui.close();
        }
    }
}

/// The automatic text a block is compared with: the proposal's block with
/// the same source, or else the raw characters of its spans.
fn automatic_text(page: &Page, raw: &RawChars, b: &Block) -> String {
    page.proposal
        .iter()
        .flat_map(|a| &a.blocks)
        .find(|p| p.spans == b.spans)
        .map(|p| p.text.clone())
        .unwrap_or_else(|| span_glyphs(raw, &b.spans))
}

/// Each char of the diff of `b` against its automatic text, with its look;
/// computed once per (text, spans).
fn diff_looks(
    page: &Page,
    raw: &RawChars,
    state: &mut UiState,
    b: &Block,
    weak: Color32,
) -> super::DiffLooks {
    let diffs = &mut state.caches.diffs;
    let key = (b.text.clone(), b.spans.clone());
    if let Some(looks) = diffs.get(&key) {
        return Arc::clone(looks);
    }
    let base = automatic_text(page, raw, b);
    let diff = similar::TextDiff::from_chars(base.as_str(), b.text.as_str());
    let mut looks: Vec<(char, CharLook)> = Vec::new();
    for change in diff.iter_all_changes() {
        let look = match change.tag() {
            similar::ChangeTag::Equal => CharLook::plain(weak),
            similar::ChangeTag::Delete => CharLook {
                color: Color32::from_rgb(0xff, 0x90, 0x90),
                background: Color32::from_rgba_unmultiplied(0xc0, 0x30, 0x30, 70),
                underline: None,
                strike: true,
            },
            similar::ChangeTag::Insert => CharLook {
                color: Color32::from_rgb(0x90, 0xf0, 0x90),
                background: Color32::from_rgba_unmultiplied(0x30, 0xa0, 0x40, 80),
                underline: None,
                strike: false,
            },
        };
        looks.extend(change.value().chars().map(|c| (c, look)));
    }
    let looks: super::DiffLooks = looks.into();
    if diffs.len() >= 4096 {
        diffs.clear();
    }
    diffs.insert(key, Arc::clone(&looks));
    looks
}

fn diff_line(
    ui: &mut Ui,
    page: &Page,
    raw: &RawChars,
    state: &mut UiState,
    b: &Block,
    text_w: f32,
) {
    let weak = ui.visuals().weak_text_color();
    let looks = diff_looks(page, raw, state, b, weak);
    let text: String = looks.iter().map(|(c, _)| *c).collect();
    let ctx = ui.ctx().clone();
    let diff_job = job(
        &ctx,
        &mut state.glyphs,
        &text,
        &FontId::proportional(13.0),
        text_w,
        |i, _| looks.get(i).map_or(CharLook::plain(weak), |(_, l)| *l),
    );
    ui.horizontal(|ui| {
        ui.add_space(TAG_W);
        ui.label(egui::RichText::new("vs. automatic:").small().weak());
    });
    ui.horizontal(|ui| {
        ui.add_space(TAG_W);
        ui.label(diff_job);
    });
}

fn edit_row(
    ui: &mut Ui,
    e: &mut EditState,
    b: &Block,
    out: &mut Vec<Intent>,
    scroll: Option<crate::app::Reveal>,
) {
    let row = ui.horizontal_top(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(TAG_W - 8.0, 26.0), Sense::hover());
        tag(ui, rect, b);
        ui.vertical(|ui| {
            let label = ui.label(
                egui::RichText::new("Editing block text")
                    .small()
                    .color(super::style::SELECTION),
            );
            let id = ui.make_persistent_id("block-text-edit");
            let output = egui::TextEdit::multiline(&mut e.text)
                .id(id)
                .font(role_font(b.role))
                .desired_width(ui.available_width())
                .desired_rows(2)
                .hint_text("block text")
                .show(ui);
            let _labelled = output.response.response.clone().labelled_by(label.id);
            if e.focus {
                e.focus = false;
                output.response.request_focus();
                let mut st = output.state.clone();
                let end = e.text.chars().count();
                st.cursor.set_char_range(Some(egui::text::CCursorRange::one(
                    egui::text::CCursor::new(end),
                )));
                st.store(ui.ctx(), id);
            } else if let Some(r) = output.cursor_range {
                e.cursor = r.primary.index.0;
            }
            ui.horizontal(|ui| {
                for (c, text) in [
                    (Command::FinishEdit, "Keep"),
                    (Command::SplitBlockAtCursor, "Split at cursor"),
                    (Command::CancelEdit, "Discard"),
                ] {
                    if ui
                        .button(format!("{text}  ({})", c.shortcut_text()))
                        .clicked()
                    {
                        out.push(Intent::Run(c));
                    }
                }
            });
        });
    });
    if let Some(reveal) = scroll {
        ui.scroll_to_rect(row.response.rect, reveal.align());
    }
    ui.add_space(4.0);
}

/// Shows what is being dragged next to the pointer.
pub fn drag_preview(ctx: &egui::Context, doc: &Document) {
    let Some(payload) = egui::DragAndDrop::payload::<DragItem>(ctx) else {
        return;
    };
    let Some(pos) = ctx.pointer_latest_pos() else {
        return;
    };
    let page = doc.editor.page();
    let text = match *payload {
        DragItem::Block(at) => crate::app::block(page, at).map(|b| {
            let t: String = b.text.chars().take(18).collect();
            format!("{} {t}…", role_tag(b.role))
        }),
        DragItem::Article(a) => page.articles.get(a).map(|art| {
            let t: String = art.title().chars().take(18).collect();
            format!("Article {}: {t}", a + 1)
        }),
    };
    if let Some(text) = text {
        egui::Area::new(egui::Id::unique("proofdesk-drag-preview"))
            .order(egui::Order::Tooltip)
            .fixed_pos(pos + egui::vec2(14.0, 10.0))
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(text);
                });
            });
    }
}
