//! Modal dialogs: unsaved changes, a stale draft, a fixture changed by
//! someone else, the path prompt, and the F1 shortcut sheet.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use crate::app::{
    ConflictChoice, Document, DoneChoice, Intent, Pending, PromptPurpose, StaleChoice, UiState,
    UnsavedChoice,
};
use crate::command::{Command, Group};

/// "Save a draft before closing / opening another page?"
fn unsaved_ui(ctx: &egui::Context, doc: &Document, pending: &Pending, out: &mut Vec<Intent>) {
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
                out.push(Intent::Confirm(UnsavedChoice::Save));
            }
            if ui.button("Discard changes").clicked() {
                out.push(Intent::Confirm(UnsavedChoice::Discard));
            }
            if ui.button("Cancel").clicked() {
                out.push(Intent::Confirm(UnsavedChoice::Cancel));
            }
        });
    });
    if modal.should_close() {
        out.push(Intent::Confirm(UnsavedChoice::Cancel));
    }
}

/// "N doubts are still open: mark the page done anyway?"
fn confirm_done_ui(ctx: &egui::Context, doc: &Document, open: usize, out: &mut Vec<Intent>) {
    let modal = egui::Modal::new(egui::Id::unique("proofdesk-done")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Doubts still open");
        let doubts = if open == 1 {
            "1 doubt is".to_owned()
        } else {
            format!("{open} doubts are")
        };
        ui.label(format!(
            "{doubts} still open on {}. Mark the page done anyway?",
            doc.editor.page().raw.file_name
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Mark done").clicked() {
                out.push(Intent::ConfirmDone(DoneChoice::MarkDone));
            }
            if ui.button("Go to the next doubt").clicked() {
                out.push(Intent::ConfirmDone(DoneChoice::Review));
            }
            if ui.button("Cancel").clicked() {
                out.push(Intent::ConfirmDone(DoneChoice::Cancel));
            }
        });
    });
    if modal.should_close() {
        out.push(Intent::ConfirmDone(DoneChoice::Cancel));
    }
}

/// Draws the open dialogs.
pub fn show(ctx: &egui::Context, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    if let Some(pending) = &state.confirm {
        unsaved_ui(ctx, doc, pending, out);
    }
    if let Some(open) = state.confirm_done {
        confirm_done_ui(ctx, doc, open, out);
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
    if let Some(c) = &state.conflict {
        // No way around it but a choice: both versions are safe on disk.
        egui::Modal::new(egui::Id::unique("proofdesk-conflict")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("The saved work was changed elsewhere");
            ui.label(format!(
                "{} was written by another desk or program after this desk read it. Nothing was overwritten: this desk's version is kept as {}.",
                c.path.display(),
                c.kept_as.display()
            ));
            ui.add_space(8.0);
            ui.vertical(|ui| {
                if ui
                    .button("Keep mine (the version on disk becomes the .bak)")
                    .clicked()
                {
                    out.push(Intent::Conflict(ConflictChoice::KeepMine));
                }
                if ui
                    .button("Open the version on disk (mine stays in the .conflict file)")
                    .clicked()
                {
                    out.push(Intent::Conflict(ConflictChoice::OpenTheirs));
                }
            });
        });
    }
    prompt(ctx, state, out);
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

/// The in-app path prompt: a path field, the folder's entries to pick
/// from, and the desktop's dialog when there is one.
fn prompt(ctx: &egui::Context, state: &mut UiState, out: &mut Vec<Intent>) {
    let Some(p) = &mut state.prompt else {
        return;
    };
    p.refresh_listing();
    let (title, action) = match p.purpose {
        PromptPurpose::Open => ("Open a page or a folder", "Open"),
        PromptPurpose::SaveAs => ("Save the fixture as", "Save"),
    };
    let modal = egui::Modal::new(egui::Id::unique("proofdesk-path-prompt")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading(title);
        let label = ui.label("Path (Enter to confirm, Esc to cancel)");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut p.text)
                    .desired_width(f32::INFINITY)
                    .id(egui::Id::unique("proofdesk-path-field")),
            )
            .labelled_by(label.id);
        if !field.has_focus() && !ui.ctx().memory(|m| m.focused().is_some()) {
            field.request_focus();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(note) = &p.note {
            ui.colored_label(egui::Color32::from_rgb(0xe0, 0xa0, 0x30), note);
        }
        let folder = p.folder();
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if let Some(parent) = folder.parent()
                    && ui
                        .selectable_label(false, "../  (the folder above)")
                        .clicked()
                {
                    p.text = format!("{}/", parent.display()).replace("//", "/");
                }
                if let Some((_, entries)) = &p.listing {
                    for (name, is_dir) in entries {
                        let label = if *is_dir {
                            format!("{name}/")
                        } else {
                            name.clone()
                        };
                        if ui.selectable_label(false, label).clicked() {
                            let path = folder.join(name);
                            p.text = if *is_dir {
                                format!("{}/", path.display())
                            } else {
                                path.display().to_string()
                            };
                        }
                    }
                }
            });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let path = PathBuf::from(p.text.trim());
            if ui.button(action).clicked() || enter {
                out.push(Intent::PromptDone(Some(path)));
            }
            if ui.button("Cancel").clicked() {
                out.push(Intent::PromptDone(None));
            }
            if ui
                .button("Browse…")
                .on_hover_text("the desktop's own file dialog")
                .clicked()
            {
                out.push(Intent::Browse);
            }
        });
    });
    if modal.should_close() {
        out.push(Intent::PromptDone(None));
    }
}
