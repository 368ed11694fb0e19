//! Modal dialogs: unsaved changes, and the F1 shortcut sheet.

use eframe::egui::{self, RichText};

use crate::app::{Choice, Document, Intent, Pending, StaleChoice, UiState};
use crate::command::{Command, Group};

/// Draws the open dialogs.
pub fn show(ctx: &egui::Context, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    if let Some(pending) = &state.confirm {
        let what = match pending {
            Pending::Close => "closing the window".to_owned(),
            Pending::Open(p) => format!("opening {}", p.display()),
        };
        let modal = egui::Modal::new(egui::Id::unique("proofdesk-unsaved")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "{} has changes that are not saved. Save a draft before {what}?",
                doc.editor.page().raw.file_name
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save draft").clicked() {
                    out.push(Intent::Confirm(Choice::Save));
                }
                if ui.button("Discard changes").clicked() {
                    out.push(Intent::Confirm(Choice::Discard));
                }
                if ui.button("Cancel").clicked() {
                    out.push(Intent::Confirm(Choice::Cancel));
                }
            });
        });
        if modal.should_close() {
            out.push(Intent::Confirm(Choice::Cancel));
        }
    }
    if let Some(stale) = &state.stale {
        let modal = egui::Modal::new(egui::Id::unique("proofdesk-stale")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("The saved work does not fit this page");
            ui.label(&stale.reason);
            ui.label("Nothing is discarded: choose how to go on.");
            ui.add_space(8.0);
            ui.vertical(|ui| {
                if ui
                    .button("Open the page fresh (the old draft is kept aside)")
                    .clicked()
                {
                    out.push(Intent::Stale(StaleChoice::OpenFresh));
                }
                if stale.draft.is_some()
                    && ui
                        .button("Open the draft with its own text (for reading)")
                        .clicked()
                {
                    out.push(Intent::Stale(StaleChoice::OpenDraftText));
                }
                if ui.button("Cancel").clicked() {
                    out.push(Intent::Stale(StaleChoice::Cancel));
                }
            });
        });
        if modal.should_close() {
            out.push(Intent::Stale(StaleChoice::Cancel));
        }
    }
    if state.show_shortcuts {
        let mut open = true;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, shortcut_sheet);
        if !open {
            state.show_shortcuts = false;
        }
    }
}

fn shortcut_sheet(ui: &mut egui::Ui) {
    let groups = [
        Group::Navigate,
        Group::Review,
        Group::Roles,
        Group::Structure,
        Group::Text,
        Group::General,
    ];
    ui.horizontal_top(|ui| {
        for column in [&groups[..3], &groups[3..]] {
            ui.vertical(|ui| {
                for &group in column {
                    ui.label(RichText::new(group.title()).strong().size(16.0));
                    egui::Grid::new(("shortcuts", group.title()))
                        .num_columns(2)
                        .spacing([16.0, 4.0])
                        .striped(true)
                        .show(ui, |ui| {
                            for c in Command::all().into_iter().filter(|c| c.group() == group) {
                                ui.monospace(c.all_shortcuts_text());
                                ui.label(c.label());
                                ui.end_row();
                            }
                        });
                    ui.add_space(10.0);
                }
            });
            ui.add_space(16.0);
        }
    });
    ui.weak("Drag blocks or articles in the corrected pane or the outline to move them. Drop a page file on the window to open it.");
}
