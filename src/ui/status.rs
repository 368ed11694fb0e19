//! The status bar: file, encoding, counts, open doubts, unsaved state, page
//! status, undo.

use eframe::egui::{self, Color32, RichText, Ui};

use super::style::status_color;
use crate::app::{Access, Document, Intent, UiState};
use crate::command::Command;

/// Draws the status bar.
pub fn show(ui: &mut Ui, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    let page = doc.editor.page();
    let key = doc.editor.state_id();
    if state.caches.counts.as_ref().is_none_or(|(k, _)| *k != key) {
        let blocks: usize = page.articles.iter().map(|a| a.blocks.len()).sum();
        let text = format!("{} articles · {blocks} blocks", page.articles.len());
        state.caches.counts = Some((key, text));
    }
    ui.horizontal(|ui| {
        let file = page.raw.file_name.clone();
        let where_ = doc.page_path.as_ref().map_or_else(
            || "bundled sample page".to_owned(),
            |p| p.display().to_string(),
        );
        ui.label(RichText::new(file.clone()).strong())
            .on_hover_text(format!("{where_}\nfixture: {}", doc.fixture_path.display()));
        ui.separator();
        ui.label(page.raw.encoding.to_string());
        ui.separator();
        if let Some((_, counts)) = &state.caches.counts {
            ui.label(counts.as_str());
        }
        ui.separator();
        doubt_count(ui, state, out);
        ui.separator();
        let status = page.status;
        ui.label(
            RichText::new(format!(" {} ", status.name()))
                .color(Color32::WHITE)
                .background_color(status_color(status))
                .strong(),
        )
        .on_hover_text("page status: auto (proposal) → draft (Ctrl+S) → done (Ctrl+D)");
        ui.separator();
        if doc.editor.is_dirty() {
            ui.label(RichText::new("● unsaved changes").color(Color32::from_rgb(0xe0, 0xa0, 0x30)));
        } else {
            ui.weak("saved");
        }
        ui.separator();
        ui.weak(format!("undo {}", doc.editor.undo_depth()));
        if doc.resumed {
            ui.separator();
            ui.weak("draft resumed");
        }
        let access = match &doc.access {
            Access::Write => None,
            Access::OlderText => Some("older text, for reading (Save as… to keep)".to_owned()),
            Access::Locked { holder } => Some(format!(
                "read-only: open in another desk ({holder}); Save as… to keep"
            )),
            Access::Sample => Some("bundled sample: not saved (Save as… to keep)".to_owned()),
            Access::Nothing => Some("no page open (File → Open…)".to_owned()),
        };
        if let Some(text) = access {
            ui.separator();
            ui.label(RichText::new(text).color(Color32::from_rgb(0xe0, 0xa0, 0x30)));
        }
        if let Some(t) = &state.autosaved {
            ui.separator();
            ui.weak(format!("autosaved {t} UTC"));
        }
        if let Some(m) = &state.message {
            ui.separator();
            let color = if m.error {
                Color32::from_rgb(0xff, 0x70, 0x70)
            } else {
                ui.visuals().text_color()
            };
            ui.label(RichText::new(&m.text).color(color));
            if m.error && ui.small_button(Command::SaveAs.label()).clicked() {
                out.push(Intent::Run(Command::SaveAs));
            }
            if ui.small_button("x").on_hover_text("dismiss").clicked() {
                out.push(Intent::DismissMessage);
            }
        }
    });
}

/// The open doubts (`41 doubts open`, a click goes to the next) or
/// `reviewed √`.
fn doubt_count(ui: &mut Ui, state: &UiState, out: &mut Vec<Intent>) {
    let view = &state.caches.doubts;
    let text = view.count_text();
    if view.open == 0 {
        ui.label(RichText::new(text).color(Color32::from_rgb(0x50, 0xb0, 0x60)))
            .on_hover_text(format!(
                "every doubt of the proposal is settled ({} on this page)",
                view.total
            ));
    } else if ui
        .add(
            egui::Label::new(RichText::new(text).color(super::style::DOUBT))
                .sense(egui::Sense::click()),
        )
        .on_hover_text("decisions the proposal was unsure of; click or N: go to the next one")
        .clicked()
    {
        out.push(Intent::Run(Command::NextDoubt));
    }
}
