//! Modal dialogs: unsaved changes, a stale draft, a fixture changed by
//! someone else, the path prompt, and the F1 shortcut sheet.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use crate::app::{
    Conflict, ConflictChoice, Document, DoneChoice, Intent, Pending, PromptPurpose, StaleChoice,
    StaleDraft, UiState, UnsavedChoice,
};
use crate::command::{Command, Group};

/// A modal that asks for one choice: a heading, what it says, and its
/// buttons, each with the intent it emits. `dismiss` is what Escape or a
/// click outside means; without it the dialog demands a choice.
struct Choice<'a> {
    id: &'static str,
    width: f32,
    heading: &'a str,
    lines: &'a [&'a str],
    buttons: &'a [(&'a str, Intent)],
    dismiss: Option<Intent>,
}

fn choice_ui(ctx: &egui::Context, choice: Choice<'_>, out: &mut Vec<Intent>) {
    let modal = egui::Modal::new(egui::Id::unique(choice.id)).show(ctx, |ui| {
        ui.set_max_width(choice.width);
        ui.heading(choice.heading);
        for line in choice.lines {
            ui.label(*line);
        }
        ui.add_space(8.0);
        let buttons = |ui: &mut egui::Ui| {
            for (label, intent) in choice.buttons {
                if ui.button(*label).clicked() {
                    out.push(intent.clone());
                }
            }
        };
        // Long labels stand one under another; short ones side by side.
        if choice
            .buttons
            .iter()
            .any(|(label, _)| label.chars().count() > 24)
        {
            ui.vertical(buttons);
        } else {
            ui.horizontal(buttons);
        }
    });
    if let Some(dismiss) = choice.dismiss
        && modal.should_close()
    {
        out.push(dismiss);
    }
}

/// "Save a draft before closing / opening another page?"
fn unsaved_ui(ctx: &egui::Context, doc: &Document, pending: &Pending, out: &mut Vec<Intent>) {
    let what = match pending {
        Pending::Close => "closing the window".to_owned(),
        Pending::Open(p) => format!("opening {}", p.display()),
    };
    let text = format!(
        "{} has changes that are not saved. Save a draft before {what}?",
        doc.editor.page().raw.file_name
    );
    let cancel = Intent::Confirm(UnsavedChoice::Cancel);
    let choice = Choice {
        id: "proofdesk-unsaved",
        width: 460.0,
        heading: "Unsaved changes",
        lines: &[&text],
        buttons: &[
            ("Save draft", Intent::Confirm(UnsavedChoice::Save)),
            ("Discard changes", Intent::Confirm(UnsavedChoice::Discard)),
            ("Cancel", cancel.clone()),
        ],
        dismiss: Some(cancel),
    };
    choice_ui(ctx, choice, out);
}

/// "N doubts are still open: mark the page done anyway?"
fn confirm_done_ui(ctx: &egui::Context, doc: &Document, open: usize, out: &mut Vec<Intent>) {
    let doubts = if open == 1 {
        "1 doubt is".to_owned()
    } else {
        format!("{open} doubts are")
    };
    let text = format!(
        "{doubts} still open on {}. Mark the page done anyway?",
        doc.editor.page().raw.file_name
    );
    let cancel = Intent::ConfirmDone(DoneChoice::Cancel);
    let choice = Choice {
        id: "proofdesk-done",
        width: 460.0,
        heading: "Doubts still open",
        lines: &[&text],
        buttons: &[
            ("Mark done", Intent::ConfirmDone(DoneChoice::MarkDone)),
            (
                "Go to the next doubt",
                Intent::ConfirmDone(DoneChoice::Review),
            ),
            ("Cancel", cancel.clone()),
        ],
        dismiss: Some(cancel),
    };
    choice_ui(ctx, choice, out);
}

/// "The saved work does not fit this page": open it fresh, or read the
/// draft with its own text.
fn stale_ui(ctx: &egui::Context, stale: &StaleDraft, out: &mut Vec<Intent>) {
    let fresh = (
        "Open the page fresh (the old draft is kept aside)",
        Intent::Stale(StaleChoice::OpenFresh),
    );
    let draft = (
        "Open the draft with its own text (for reading)",
        Intent::Stale(StaleChoice::OpenDraftText),
    );
    let cancel = Intent::Stale(StaleChoice::Cancel);
    let with_draft = [fresh.clone(), draft, ("Cancel", cancel.clone())];
    let without_draft = [fresh, ("Cancel", cancel.clone())];
    let choice = Choice {
        id: "proofdesk-stale",
        width: 520.0,
        heading: "The saved work does not fit this page",
        lines: &[&stale.reason, "Nothing is discarded: choose how to go on."],
        buttons: if stale.draft.is_some() {
            &with_draft
        } else {
            &without_draft
        },
        dismiss: Some(cancel),
    };
    choice_ui(ctx, choice, out);
}

/// "The saved work was changed elsewhere": no way around it but a choice,
/// as both versions are safe on disk.
fn conflict_ui(ctx: &egui::Context, c: &Conflict, out: &mut Vec<Intent>) {
    let text = format!(
        "{} was written by another desk or program after this desk read it. Nothing was overwritten: this desk's version is kept as {}.",
        c.path.display(),
        c.kept_as.display()
    );
    let choice = Choice {
        id: "proofdesk-conflict",
        width: 560.0,
        heading: "The saved work was changed elsewhere",
        lines: &[&text],
        buttons: &[
            (
                "Keep mine (the version on disk becomes the .bak)",
                Intent::Conflict(ConflictChoice::KeepMine),
            ),
            (
                "Open the version on disk (mine stays in the .conflict file)",
                Intent::Conflict(ConflictChoice::OpenTheirs),
            ),
        ],
        dismiss: None,
    };
    choice_ui(ctx, choice, out);
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
        stale_ui(ctx, stale, out);
    }
    if let Some(c) = &state.conflict {
        conflict_ui(ctx, c, out);
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
