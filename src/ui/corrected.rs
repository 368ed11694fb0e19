//! The corrected pane: the page as articles in reading order, each block
//! with its role tag; click to select, double-click or Enter to edit, drag
//! to move.

use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{self, Color32, CornerRadius, FontId, Sense, Stroke, Ui};

use super::style::{
    DOUBT, DOUBT_LINE, DOUBT_SPOT, FOUND, FOUND_OTHER, SELECTION, UNSURE_LINE, kind_name,
    role_color, role_font, role_long_name, role_tag,
};
use super::text::{
    CharLook, PART_CHARS, Part, PartChoice, char_at, job, long_text, missing_glyph_tooltip,
    part_text, thousands,
};
use crate::command::Command;
use crate::edit::drop_action;
use crate::edit::{Action, BlockRef};
use crate::i18n::{Lang, Msg};
use crate::page::{Article, ArticleKind, Block, Page, RawChars, span_glyphs};
use crate::ui::state::{
    Document, DragItem, EditState, Intent, Reveal, UiState, find_field_id, go_to_field_id,
};

const TAG_W: f32 = 58.0;

/// The find bar's hits in block `at`: (chars, whether it is the current).
fn found_in(state: &UiState, at: BlockRef) -> Vec<(Range<usize>, bool)> {
    state.find.as_ref().map_or_else(Vec::new, |f| {
        f.hits
            .iter()
            .enumerate()
            .filter(|(_, h)| h.block == at)
            .map(|(k, h)| (h.chars.clone(), f.current == Some(k)))
            .collect()
    })
}

/// The doubts' chars in one block: the current doubt's, its spot's other
/// open doubts', and every open recognition doubt's.
#[derive(Default)]
struct DoubtMarks {
    current: Option<Vec<Range<usize>>>,
    spot: Option<Vec<Range<usize>>>,
    unsure: Option<Vec<Range<usize>>>,
}

impl DoubtMarks {
    fn has(marks: Option<&Vec<Range<usize>>>, i: usize) -> bool {
        marks.is_some_and(|m| m.iter().any(|r| r.contains(&i)))
    }
}

/// How char `i` of a block is drawn: selected, found, part of the current
/// doubt or its spot, a word the engine was unsure of, or plain.
fn char_look(
    i: usize,
    found: &[(Range<usize>, bool)],
    doubts: &DoubtMarks,
    selected: Option<&Range<usize>>,
    (color, strong): (Color32, Color32),
) -> CharLook {
    if selected.is_some_and(|r| r.contains(&i)) {
        CharLook {
            color: Color32::WHITE,
            background: SELECTION,
            underline: None,
            strike: false,
        }
    } else if let Some((_, current)) = found.iter().find(|(r, _)| r.contains(&i)) {
        CharLook {
            color: Color32::BLACK,
            background: if *current { FOUND } else { FOUND_OTHER },
            underline: None,
            strike: false,
        }
    } else if DoubtMarks::has(doubts.current.as_ref(), i) {
        CharLook {
            color: Color32::BLACK,
            background: DOUBT,
            underline: Some(DOUBT_LINE),
            strike: false,
        }
    } else if DoubtMarks::has(doubts.spot.as_ref(), i) {
        // The strong text colour: a body's grey on the faint amber is
        // hard to read, and these are the characters to judge.
        CharLook {
            color: strong,
            background: DOUBT_SPOT,
            underline: Some(DOUBT_LINE),
            strike: false,
        }
    } else if DoubtMarks::has(doubts.unsure.as_ref(), i) {
        CharLook {
            underline: Some(UNSURE_LINE),
            ..CharLook::plain(color)
        }
    } else {
        CharLook::plain(color)
    }
}

/// What is highlighted in block `at`: the doubts' marks, the find
/// matches (and whether each is the current one), the selected text.
#[expect(clippy::type_complexity, reason = "three highlights, named where used")]
fn highlights(
    state: &UiState,
    at: BlockRef,
    b: &crate::page::Block,
) -> (DoubtMarks, Vec<(Range<usize>, bool)>, Option<Range<usize>>) {
    let doubts = &state.caches.doubts;
    let marks = DoubtMarks {
        current: doubts.marks_for(at).map(<[Range<usize>]>::to_vec),
        spot: doubts.spot_marks_for(at).map(<[Range<usize>]>::to_vec),
        unsure: doubts.unsure_marks_for(at).map(<[Range<usize>]>::to_vec),
    };
    let selected = state
        .text_selection
        .filter(|s| s.is_range())
        .and_then(|s| s.chars_of(at, b.text.chars().count()));
    (marks, found_in(state, at), selected)
}

/// A click on char `i` of block `at`: with Shift, the text from the last
/// plain click to here is selected; otherwise the block and the char are.
fn click_intent(ui: &Ui, at: BlockRef, i: usize) -> Intent {
    if ui.input(|input| input.modifiers.shift) {
        Intent::ExtendSelection(at, i)
    } else {
        Intent::SelectChar(at, i)
    }
}

/// The "go to" bar (Ctrl+G): an article number or a raw line.
fn go_to_bar(ui: &mut Ui, state: &mut UiState, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(bar) = state.go_to.as_mut() else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.get(Msg::GoToLabel));
        let mut text = bar.text.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id(go_to_field_id())
                .hint_text(lang.get(Msg::GoToHint))
                .desired_width(200.0),
        );
        if bar.focus {
            field.request_focus();
            bar.focus = false;
        }
        if field.changed() {
            out.push(Intent::GoToText(text));
        }
        if ui.small_button(lang.get(Msg::GoToButton)).clicked() {
            out.push(Intent::GoToSubmit);
        }
        if ui
            .small_button("×")
            .on_hover_text(lang.get(Msg::CloseEsc))
            .clicked()
        {
            out.push(Intent::GoToClose);
        }
        if let Some(e) = &bar.error {
            ui.colored_label(ui.visuals().warn_fg_color, e);
        }
    });
}

/// The find bar (Ctrl+F): the text sought, where it stands, and buttons.
fn find_bar(ui: &mut Ui, state: &mut UiState, out: &mut Vec<Intent>) {
    go_to_bar(ui, state, out);
    let lang = state.lang;
    let Some(bar) = state.find.as_mut() else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        let mut query = bar.query.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut query)
                .id(find_field_id())
                .hint_text(lang.get(Msg::FindHint))
                .desired_width(200.0),
        );
        if bar.focus {
            field.request_focus();
            bar.focus = false;
        }
        if field.changed() {
            out.push(Intent::FindQuery(query));
        }
        let where_ = match (bar.query.trim().is_empty(), bar.hits.len(), bar.current) {
            (true, _, _) => String::new(),
            (false, 0, _) => lang.get(Msg::FindNotInCorrected).to_owned(),
            (false, n, Some(k)) => lang.fill(Msg::FindOf, &[("k", &(k + 1)), ("n", &n)]),
            (false, n, None) => lang.fill(Msg::FindFound, &[("n", &n)]),
        };
        if !where_.is_empty() {
            ui.label(lang.fill(Msg::FindRaw, &[("where", &where_), ("n", &bar.raw_hits)]));
        }
        if ui
            .small_button("↑")
            .on_hover_text(Command::FindPrev.all_shortcuts_text(lang))
            .clicked()
        {
            out.push(Intent::Run(Command::FindPrev));
        }
        if ui
            .small_button("↓")
            .on_hover_text(Command::FindNext.all_shortcuts_text(lang))
            .clicked()
        {
            out.push(Intent::Run(Command::FindNext));
        }
        if ui
            .small_button("×")
            .on_hover_text(lang.get(Msg::CloseEsc))
            .clicked()
        {
            out.push(Intent::FindClose);
        }
    });
}

/// Draws the corrected pane, laying out only the articles in view.
///
/// The others take the height they had when last drawn (an estimate until
/// then), remembered by the article's shared `Arc` so that an edit only
/// forgets the heights of the articles it changed.
pub fn show(ui: &mut Ui, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    let lang = state.lang;
    ui.horizontal(|ui| {
        ui.heading(lang.get(Msg::CorrectedHeading));
        // Truncated, so that a narrow pane never grows wider than its panel.
        ui.add(
            egui::Label::new(egui::RichText::new(lang.get(Msg::CorrectedHint)).weak()).truncate(),
        );
    });
    find_bar(ui, state, out);
    super::doubts::reading_order_ui(ui, doc, state.lang);
    super::doubts::strip(ui, doc, state, out);
    ui.separator();
    let page = doc.editor.page();
    let shared = doc.editor.shared_articles();
    let mut editing = state.editing.take();
    let editing_article = editing.as_ref().map(|e| e.at.article);
    let width = ui.available_width();
    let caches = &mut state.caches;
    // The text wraps anew (a pane opened or closed beside it): a selected
    // block that was in view is brought back into it, once the rows in
    // view were measured at the new width (estimated heights would scroll
    // past the end, which springs back over many frames).
    if caches.measured_width.to_bits() != width.to_bits() {
        caches.article_heights.clear();
        caches.measured_width = width;
        caches.reveal_after_rewrap |= state
            .selected
            .is_some_and(|at| caches.corrected.was_shown(at.article));
    } else if std::mem::take(&mut caches.reveal_after_rewrap) {
        state.scroll_corrected.get_or_insert(Reveal::Minimal);
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
        // A long block brings the char that matters into view itself when
        // it is drawn (its article is taller than the pane): the article
        // is scrolled to only when it is not drawn at all.
        let reveals_itself = crate::ui::state::block(page, at)
            .is_some_and(|b| b.text.len() > PART_CHARS)
            && caches.corrected.was_shown(at.article);
        if !reveals_itself {
            area = area.vertical_scroll_offset(offset);
        }
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
            // CJK text: about one em per char, three bytes per char; a
            // long block shows one part (and its markers).
            #[expect(clippy::cast_precision_loss, reason = "an estimate")]
            let chars = (b.text.len() as f32 / 3.0).clamp(1.0, PART_CHARS as f32);
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
                    Some(e) if e.at == at => {
                        edit_row(ui, state.lang, e, b, out, state.scroll_corrected);
                    }
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
    let lang = state.lang;
    let response = ui
        .horizontal(|ui| {
            let handle = ui
                .add(
                    egui::Label::new(
                        egui::RichText::new(lang.fill(Msg::ArticleHandle, &[("n", &(ai + 1))]))
                            .strong(),
                    )
                    .sense(Sense::click_and_drag()),
                )
                .on_hover_text(lang.get(Msg::ArticleHandleHover));
            handle.dnd_set_drag_payload(DragItem::Article(ai));
            if handle.clicked() {
                out.push(Intent::JumpToArticle(ai));
            }
            let mut kind = article.kind;
            let kind_label = ui.weak(lang.get(Msg::KindLabel));
            let combo = egui::ComboBox::from_id_salt(("kind", ai))
                .selected_text(kind_name(kind, lang))
                .width(130.0)
                .show_ui(ui, |ui| {
                    for k in ArticleKind::ALL {
                        ui.selectable_value(&mut kind, k, kind_name(k, lang));
                    }
                });
            let _labelled = combo.response.labelled_by(kind_label.id);
            if kind != article.kind {
                out.push(Intent::Apply(Action::SetArticleKind { article: ai, kind }));
            }
            ui.weak(lang.fill(
                Msg::ArticleInfo,
                &[("id", &article.id), ("n", &article.blocks.len())],
            ));
        })
        .response;
    drop_target(ui, &response, page, out, ai, None, false);
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

fn tag(ui: &Ui, rect: egui::Rect, b: &Block, lang: Lang) {
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
        role_tag(b.role, lang),
        FontId::proportional(11.5),
        Color32::WHITE,
    );
    if b.edited {
        ui.painter().text(
            tag_rect.center_bottom() + egui::vec2(0.0, 12.0),
            egui::Align2::CENTER_CENTER,
            lang.get(Msg::TagEdited),
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
    let strong = ui.visuals().strong_text_color();
    let color = if b.role.is_title() {
        strong
    } else {
        ui.visuals().text_color()
    };
    let ctx = ui.ctx().clone();
    // A long block shows one part of its text (see `PART_CHARS`).
    let mut long =
        long_text(&b.text).map(|total| LongBlock::new(&ctx, page, raw, state, at, total));
    let (text, base) = long.as_ref().map_or((b.text.as_str(), 0), |l| {
        (part_text(&b.text, &l.part), l.part.start)
    });
    let (marks, found, selected_chars) = highlights(state, at, b);
    let text_job = job(&ctx, &mut state.glyphs, text, &font, text_w, |i, _| {
        char_look(
            base + i,
            &found,
            &marks,
            selected_chars.as_ref(),
            (color, strong),
        )
    });
    let galley = ui.painter().layout_job(text_job);
    if let Some(l) = &mut long {
        l.marker(ui, state.lang, false);
    }
    let edited_extra = if b.edited { 14.0 } else { 0.0 };
    let h = galley.size().y.max(24.0 + edited_extra) + 6.0;
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), h), Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Paragraph, true, text));
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
    tag(ui, rect, b, state.lang);
    let origin = rect.min + egui::vec2(TAG_W, 3.0);
    ui.painter().galley(origin, galley.clone(), color);
    if let Some((t, reveal)) = target
        && t == at
    {
        // A long block: the char that matters, else the top of the part.
        match long.as_ref().and_then(|l| l.focus) {
            Some(i) => ui.scroll_to_rect(cell(&galley, origin, i - base), None),
            None if long.is_some() => {
                let top = rect.with_max_y(rect.top() + rect.height().min(120.0));
                ui.scroll_to_rect(top, reveal.align());
            }
            None => ui.scroll_to_rect(rect, reveal.align()),
        }
    }
    response.dnd_set_drag_payload(DragItem::Block(at));
    if response.double_clicked() {
        out.push(Intent::StartEdit(at));
    } else if response.clicked() {
        out.push(match (response.interact_pointer_pos(), &mut long) {
            (Some(pos), None) => click_intent(ui, at, char_at(&galley, origin, pos)),
            (Some(pos), Some(l)) => {
                let i = base + char_at(&galley, origin, pos).min(l.part.len().saturating_sub(1));
                let intent = select_long(page, raw, state, at, i);
                if let Intent::SelectRaw(offset) = intent {
                    // The part already shows what the click selects.
                    l.choice.follows = Some(offset);
                    l.choice.char = Some(i);
                    super::raw::ask_reveal(&ctx, offset);
                }
                intent
            }
            (None, _) => Intent::Select(at),
        });
    }
    drop_target(ui, &response, page, out, at.article, Some(at.block), true);
    if let Some(l) = &mut long {
        l.marker(ui, state.lang, true);
        l.finish(ui, &galley, origin);
    }
    if b.edited {
        diff_line(ui, page, raw, state, b, text_w);
    }
    let response = missing_glyph_tooltip(
        response,
        &mut state.glyphs,
        state.lang,
        text,
        &galley,
        origin,
    );
    let lang = state.lang;
    response.context_menu(|ui| block_menu(ui, lang, at, out));
}

/// The part of a long block a frame shows.
struct LongBlock {
    /// Where its `choice` is kept.
    id: egui::Id,
    choice: PartChoice,
    part: Part,
    /// The char that matters (the selection's, the current doubt's), when
    /// it is in the part.
    focus: Option<usize>,
}

impl LongBlock {
    /// Which part of long block `at` (of `total` chars) to show.
    fn new(
        ctx: &egui::Context,
        page: &Page,
        raw: &RawChars,
        state: &mut UiState,
        at: BlockRef,
        total: usize,
    ) -> Self {
        let id = egui::Id::unique(("proofdesk-block-part", at));
        let mut choice = PartChoice::load(ctx, id);
        let focus = follow(&mut choice, page, raw, state, at);
        let part = Part::of(total, choice.index);
        choice.index = part.index;
        Self {
            id,
            choice,
            part,
            focus: focus.filter(|i| (part.start..part.end).contains(i)),
        }
    }

    /// The marker before (`after` false) or after the part, if any; a
    /// click shows the part before or after on the next frame.
    fn marker(&mut self, ui: &mut Ui, lang: Lang, after: bool) {
        let text = if after {
            self.part.after_marker(lang, true)
        } else {
            self.part.before_marker(lang, true)
        };
        let Some(text) = text else {
            return;
        };
        let weak = ui.visuals().weak_text_color();
        ui.horizontal(|ui| {
            ui.add_space(TAG_W);
            let hover = lang.get(if after {
                Msg::ShowPartAfterBlock
            } else {
                Msg::ShowPartBeforeBlock
            });
            if super::raw::marker(ui, &text, weak, hover).clicked() {
                self.choice.index = if after {
                    self.part.index + 1
                } else {
                    self.part.index.saturating_sub(1)
                };
                // Coming from after it, show the end of the part before.
                self.choice.reveal_end = Some(!after);
                ui.ctx().request_repaint();
            }
        });
    }

    /// Shows the start or end of a part the markers chose last frame, and
    /// keeps the choice for the next frame.
    fn finish(&mut self, ui: &Ui, galley: &Arc<egui::Galley>, origin: egui::Pos2) {
        if let Some(end) = self.choice.reveal_end
            && self.choice.index == self.part.index
        {
            self.choice.reveal_end = None;
            let i = if end {
                self.part.len().saturating_sub(1)
            } else {
                0
            };
            ui.scroll_to_rect(cell(galley, origin, i), None);
        }
        self.choice.store(ui.ctx(), self.id);
    }
}

/// The rect of char `i` of a galley drawn at `origin`, with some room
/// around it.
fn cell(galley: &Arc<egui::Galley>, origin: egui::Pos2, i: usize) -> egui::Rect {
    galley
        .pos_from_cursor(egui::text::CCursor::new(i))
        .translate(origin.to_vec2())
        .expand2(egui::vec2(0.0, 20.0))
}

/// Moves the part of long block `at` to the char that matters, when that
/// changed: the raw char the selection shows (a click in either pane), else
/// the current doubt's first mark. Returns that char.
fn follow(
    choice: &mut PartChoice,
    page: &Page,
    raw: &RawChars,
    state: &mut UiState,
    at: BlockRef,
) -> Option<usize> {
    let doubts = &mut state.caches.doubts;
    let mark = doubts
        .marks_for(at)
        .and_then(|m| m.first())
        .map(|r| r.start);
    let focus = state.focus_raw.filter(|_| state.selected == Some(at));
    // What to follow, as a raw offset: the clicked char, else the doubt.
    let wanted = focus.or_else(|| mark.and(doubts.raw.map(|(start, _)| start)));
    let Some(wanted) = wanted else {
        choice.follows = None;
        choice.char = None;
        return None;
    };
    if choice.follows != Some(wanted) {
        choice.follows = Some(wanted);
        choice.char = match (focus, page.articles.get(at.article)) {
            (None, _) => mark,
            (Some(_), Some(article)) => article.blocks.get(at.block).and_then(|b| {
                doubts
                    .traces
                    .of(raw, article, at.block)
                    .char_of_raw(raw, &b.text, &b.spans, wanted)
            }),
            (Some(_), None) => None,
        };
        if let Some(i) = choice.char {
            choice.index = i / PART_CHARS;
        }
    }
    choice.char
}

/// What a click on char `i` of long block `at` selects: the raw char
/// behind it, found from the nearest stop of the block's trace index (the
/// desk's `SelectChar` traces the whole block, some 30 bytes a char), or
/// the block with char `i` when the char has no raw source (typed).
fn select_long(page: &Page, raw: &RawChars, state: &mut UiState, at: BlockRef, i: usize) -> Intent {
    let offset = page.articles.get(at.article).and_then(|article| {
        let b = article.blocks.get(at.block)?;
        state
            .caches
            .doubts
            .traces
            .of(raw, article, at.block)
            .raw_of_char(raw, &b.text, &b.spans, i)
    });
    offset.map_or(Intent::SelectChar(at, i), Intent::SelectRaw)
}

fn block_menu(ui: &mut Ui, lang: Lang, at: BlockRef, out: &mut Vec<Intent>) {
    ui.menu_button(lang.get(Msg::MenuRole), |ui| {
        for role in crate::page::Role::ALL {
            let c = Command::SetRole(role);
            if ui
                .add(egui::Button::new(role_long_name(role, lang)).shortcut_text(c.shortcut_text()))
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
            .add(egui::Button::new(c.label(lang)).shortcut_text(c.shortcut_text()))
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
    if diffs.len() >= 4096 {
        diffs.clear();
    }
    if long_text(&base).is_some() {
        // Not compared: kept as no looks at all (a block with text always
        // differs from an empty one in something).
        let none: super::DiffLooks = Arc::new([]);
        diffs.insert(key, Arc::clone(&none));
        return none;
    }
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
    let lang = state.lang;
    // Blocks over `PART_CHARS` chars are not compared: a char diff of
    // millions of chars takes long and lays out twice the text.
    let not_compared = |ui: &mut Ui, what: String| {
        ui.horizontal(|ui| {
            ui.add_space(TAG_W);
            ui.add(
                egui::Label::new(
                    egui::RichText::new(lang.fill(
                        Msg::NotCompared,
                        &[("what", &what), ("max", &thousands(PART_CHARS))],
                    ))
                    .small()
                    .weak(),
                )
                .wrap(),
            );
        });
    };
    if let Some(n) = long_text(&b.text) {
        not_compared(
            ui,
            lang.fill(Msg::NotComparedBlockLong, &[("n", &thousands(n))]),
        );
        return;
    }
    let looks = diff_looks(page, raw, state, b, weak);
    if looks.is_empty() && !b.text.is_empty() {
        not_compared(ui, lang.get(Msg::NotComparedAutoLong).to_owned());
        return;
    }
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
        ui.label(
            egui::RichText::new(lang.get(Msg::VsAutomatic))
                .small()
                .weak(),
        );
    });
    // Wrapped at the pane's width like the block itself: an unwrapped
    // label would widen the pane's content, and every row after it would be
    // laid out to that width and cut off.
    ui.horizontal(|ui| {
        ui.add_space(TAG_W);
        ui.add(egui::Label::new(diff_job).wrap());
    });
}

fn edit_row(
    ui: &mut Ui,
    lang: Lang,
    e: &mut EditState,
    b: &Block,
    out: &mut Vec<Intent>,
    scroll: Option<crate::ui::state::Reveal>,
) {
    if let Some(n) = long_text(&b.text) {
        too_long_to_edit(ui, lang, b, n, out, scroll);
        return;
    }
    let row = ui.horizontal_top(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(TAG_W - 8.0, 26.0), Sense::hover());
        tag(ui, rect, b, lang);
        ui.vertical(|ui| {
            let label = ui.label(
                egui::RichText::new(lang.get(Msg::EditingBlock))
                    .small()
                    .color(super::style::SELECTION),
            );
            let id = ui.make_persistent_id("block-text-edit");
            let output = egui::TextEdit::multiline(&mut e.text)
                .id(id)
                .font(role_font(b.role))
                .desired_width(ui.available_width())
                .desired_rows(2)
                .hint_text(lang.get(Msg::BlockTextHint))
                .show(ui);
            let _labelled = output.response.response.clone().labelled_by(label.id);
            if e.focus {
                e.focus = false;
                output.response.request_focus();
                let mut st = output.state.clone();
                let end = e.text.chars().count();
                st.cursor.set_char_range(Some(egui::text::CCursorRange::two(
                    egui::text::CCursor::new(e.anchor.min(end)),
                    egui::text::CCursor::new(e.cursor.min(end)),
                )));
                st.store(ui.ctx(), id);
            } else if let Some(r) = output.cursor_range {
                e.cursor = r.primary.index.0;
            }
            ui.horizontal(|ui| {
                for (c, text) in [
                    (Command::FinishEdit, Msg::EditKeep),
                    (Command::SplitBlockAtCursor, Msg::EditSplit),
                    (Command::CancelEdit, Msg::EditDiscard),
                ] {
                    let text = lang.get(text);
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

/// In place of the text field for a block over [`PART_CHARS`] chars: a
/// text field lays out all of its text (gigabytes for millions of chars),
/// so the block is not edited in place, and the editor is told so.
fn too_long_to_edit(
    ui: &mut Ui,
    lang: Lang,
    b: &Block,
    chars: usize,
    out: &mut Vec<Intent>,
    scroll: Option<crate::ui::state::Reveal>,
) {
    let row = ui.horizontal_top(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(TAG_W - 8.0, 26.0), Sense::hover());
        tag(ui, rect, b, lang);
        ui.vertical(|ui| {
            ui.label(
                egui::RichText::new(lang.get(Msg::TooLongHeading))
                    .color(Color32::from_rgb(0xe0, 0xa0, 0x30)),
            );
            ui.label(lang.fill(
                Msg::TooLongText,
                &[("n", &thousands(chars)), ("max", &thousands(PART_CHARS))],
            ));
            let c = Command::CancelEdit;
            if ui
                .button(format!("{}  ({})", lang.get(Msg::Close), c.shortcut_text()))
                .clicked()
            {
                out.push(Intent::Run(c));
            }
        });
    });
    if let Some(reveal) = scroll {
        ui.scroll_to_rect(row.response.rect, reveal.align());
    }
    ui.add_space(4.0);
}

/// Shows what is being dragged next to the pointer.
pub fn drag_preview(ctx: &egui::Context, doc: &Document, lang: Lang) {
    let Some(payload) = egui::DragAndDrop::payload::<DragItem>(ctx) else {
        return;
    };
    let Some(pos) = ctx.pointer_latest_pos() else {
        return;
    };
    let page = doc.editor.page();
    let text = match *payload {
        DragItem::Block(at) => crate::ui::state::block(page, at).map(|b| {
            let t: String = b.text.chars().take(18).collect();
            format!("{} {t}…", role_tag(b.role, lang))
        }),
        DragItem::Article(a) => page.articles.get(a).map(|art| {
            let t: String = art.title().chars().take(18).collect();
            lang.fill(Msg::DragArticle, &[("n", &(a + 1)), ("title", &t)])
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

#[cfg(test)]
mod tests {
    use super::{DOUBT, DOUBT_LINE, DOUBT_SPOT, DoubtMarks, UNSURE_LINE, char_look};
    use eframe::egui::Color32;

    #[test]
    fn a_spot_s_other_doubts_keep_the_strong_text_colour_on_their_faint_amber() {
        let (grey, strong) = (Color32::from_gray(140), Color32::from_gray(230));
        // Two ranges each: the current doubt's chars, and its spot's.
        let marks = DoubtMarks {
            current: Some(vec![0..2, 10..11]),
            spot: Some(vec![4..6, 12..13]),
            unsure: None,
        };
        let look = |i| char_look(i, &[], &marks, None, (grey, strong));
        let current = look(1);
        assert_eq!((current.background, current.color), (DOUBT, Color32::BLACK));
        let other = look(5);
        assert_eq!((other.background, other.color), (DOUBT_SPOT, strong));
        let plain = look(8);
        assert_eq!(plain.color, grey);
    }

    #[test]
    fn words_the_engine_was_unsure_of_are_underlined_at_rest_and_the_current_doubt_wins() {
        let (grey, strong) = (Color32::from_gray(140), Color32::from_gray(230));
        let marks = DoubtMarks {
            current: Some(std::iter::once(0..2).collect()),
            spot: None,
            unsure: Some(vec![1..3, 7..9]),
        };
        let look = |i| char_look(i, &[], &marks, None, (grey, strong));
        // An unsure word: underlined, on no background, in its own colour.
        let unsure = look(8);
        assert_eq!(
            (unsure.underline, unsure.background, unsure.color),
            (Some(UNSURE_LINE), Color32::TRANSPARENT, grey)
        );
        // The current doubt's look wins where the two meet.
        let current = look(1);
        assert_eq!(
            (current.background, current.underline),
            (DOUBT, Some(DOUBT_LINE))
        );
        assert_eq!(look(5).underline, None);
    }
}
