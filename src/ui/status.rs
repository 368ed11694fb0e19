//! The status bar: file, encoding, counts, open doubts, unsaved state, page
//! status, undo.

use eframe::egui::{self, Color32, RichText, Ui};

use super::style::status_color;
use crate::command::Command;
use crate::i18n::Msg;
use crate::ui::state::{Access, Document, Intent, UiState};

/// Draws the status bar.
pub fn show(ui: &mut Ui, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    let page = doc.editor.page();
    let lang = state.lang;
    let key = (doc.editor.state_id(), lang);
    if state.caches.counts.as_ref().is_none_or(|(k, _)| *k != key) {
        let blocks: usize = page.articles.iter().map(|a| a.blocks.len()).sum();
        let text = lang.fill(
            Msg::StatusCounts,
            &[("articles", &page.articles.len()), ("blocks", &blocks)],
        );
        state.caches.counts = Some((key, text));
    }
    // Wrapped: a long message (or a long language) takes a second line
    // rather than being cut off at the window's edge with its buttons.
    ui.horizontal_wrapped(|ui| {
        let file = if doc.access == Access::Nothing {
            lang.get(Msg::NoPage).to_owned()
        } else {
            page.raw.file_name.clone()
        };
        let where_ = doc.page_path.as_ref().map_or_else(
            || lang.get(Msg::BundledSamplePage).to_owned(),
            |p| p.display().to_string(),
        );
        ui.label(RichText::new(file).strong())
            .on_hover_text(lang.fill(
                Msg::FileHover,
                &[("where", &where_), ("fixture", &doc.fixture_path.display())],
            ));
        ui.separator();
        ui.label(page.raw.encoding.to_string());
        ui.separator();
        if let Some((_, counts)) = &state.caches.counts {
            ui.label(counts.as_str());
        }
        ui.separator();
        doubt_count(ui, state, out);
        ui.separator();
        reading_order_ui(ui, doc, lang);
        model_ui(ui, state);
        ui.separator();
        let status = page.status;
        ui.label(
            RichText::new(format!(" {} ", lang.get(Msg::status(status))))
                .color(Color32::WHITE)
                .background_color(status_color(status))
                .strong(),
        )
        .on_hover_text(lang.get(Msg::StatusHover));
        ui.separator();
        if doc.editor.is_dirty() {
            ui.label(
                RichText::new(lang.get(Msg::Unsaved)).color(Color32::from_rgb(0xe0, 0xa0, 0x30)),
            );
        } else {
            ui.weak(lang.get(Msg::Saved));
        }
        ui.separator();
        ui.weak(lang.fill(Msg::UndoDepth, &[("n", &doc.editor.undo_depth())]));
        if doc.resumed {
            ui.separator();
            ui.weak(lang.get(Msg::DraftResumed));
        }
        let access = match &doc.access {
            Access::Write => None,
            Access::OlderText => Some(lang.get(Msg::AccessOlderText).to_owned()),
            Access::Locked { holder } => Some(lang.fill(Msg::AccessLocked, &[("holder", holder)])),
            Access::Sample => Some(lang.get(Msg::AccessSample).to_owned()),
            Access::Nothing => Some(lang.get(Msg::AccessNothing).to_owned()),
        };
        if let Some(text) = access {
            ui.separator();
            ui.label(RichText::new(text).color(Color32::from_rgb(0xe0, 0xa0, 0x30)));
        }
        if let Some(t) = &state.autosaved {
            ui.separator();
            ui.weak(lang.fill(Msg::Autosaved, &[("time", t)]));
        }
        if let Some(m) = &state.message {
            ui.separator();
            let color = if m.error {
                Color32::from_rgb(0xff, 0x70, 0x70)
            } else {
                ui.visuals().text_color()
            };
            ui.label(RichText::new(&m.text).color(color));
            if m.save_as && ui.small_button(Command::SaveAs.label(lang)).clicked() {
                out.push(Intent::Run(Command::SaveAs));
            }
            if ui
                .small_button("x")
                .on_hover_text(lang.get(Msg::Dismiss))
                .clicked()
            {
                out.push(Intent::DismissMessage);
            }
        }
    });
}

/// `reading order lost`, with what was seen and what to do on hover, where
/// it is (`proofdesk::reading`); nothing on a page in order.
fn reading_order_ui(ui: &mut Ui, doc: &Document, lang: crate::i18n::Lang) {
    let reading = doc.editor.page().review.reading;
    if let Some(why) = super::doubts::reading_order_text(reading, lang) {
        ui.label(
            RichText::new(format!(" {} ", lang.get(Msg::StatusReadingLost)))
                .color(Color32::BLACK)
                .background_color(super::style::WARNING),
        )
        .on_hover_text(why);
        ui.separator();
    }
}

/// The open doubts (`41 doubts open`, a click goes to the next) or
/// `reviewed √`.
fn doubt_count(ui: &mut Ui, state: &UiState, out: &mut Vec<Intent>) {
    let view = &state.caches.doubts;
    let lang = state.lang;
    let text = view.count_text(lang);
    if view.open == 0 {
        ui.label(RichText::new(text).color(Color32::from_rgb(0x50, 0xb0, 0x60)))
            .on_hover_text(lang.fill(Msg::DoubtsSettledHover, &[("n", &view.total)]));
    } else if ui
        .add(
            egui::Label::new(RichText::new(text).color(super::style::DOUBT))
                .sense(egui::Sense::click()),
        )
        .on_hover_text(lang.get(Msg::DoubtsOpenHover))
        .clicked()
    {
        out.push(Intent::Run(Command::NextDoubt));
    }
}

/// What proposes the pages opened: the line model (and how many pages it
/// learned from), or the rules alone; and whether it is learning again.
fn model_ui(ui: &mut Ui, state: &UiState) {
    let lang = state.lang;
    let model = match state.model_pages {
        Some(_) if state.model_off => lang.get(Msg::StatusModelOff).to_owned(),
        Some(1) => lang.get(Msg::StatusModelOne).to_owned(),
        Some(pages) => lang.fill(Msg::StatusModel, &[("pages", &pages)]),
        None => lang.get(Msg::StatusRulesOnly).to_owned(),
    };
    ui.label(model)
        .on_hover_text(lang.get(Msg::StatusModelHover));
    if state.model_learning {
        ui.weak(lang.get(Msg::StatusLearning));
    }
}
