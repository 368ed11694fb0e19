//! The panels of the desk. They read the page and push [`Intent`]s; they
//! never change the model.

pub mod corrected;
pub mod dialogs;
pub mod doubts;
pub mod outline;
pub mod queue;
pub mod raw;
pub mod rows;
pub mod status;
pub mod style;
pub mod text;

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui;

use crate::app::{Document, Intent, UiState};
use crate::command::Command;
use crate::page::{Article, Span};
use crate::queue::Queue;

/// Each char of a block's diff against its automatic text, with its look.
pub type DiffLooks = Arc<[(char, text::CharLook)]>;

/// What the panels derive from the page, kept between frames so that a
/// frame only lays out what is visible and rebuilds nothing that did not
/// change.
#[derive(Debug, Default)]
pub struct Caches {
    /// Article heights in the corrected pane.
    pub corrected: rows::Rows,
    /// Row heights in the outline.
    pub outline: rows::Rows,
    /// Measured article heights by the article's shared `Arc` (held, so
    /// the pointer cannot be reused), for the width in `measured_width`.
    pub article_heights: HashMap<usize, (Arc<Article>, f32)>,
    /// The width `article_heights` were measured at.
    pub measured_width: f32,
    /// The state (`Editor::state_id`) `article_heights` was last pruned at.
    pub pruned_state: u64,
    /// The diff of an edited block against its automatic text, by
    /// (text, spans): each char with its look.
    pub diffs: HashMap<(String, Vec<Span>), DiffLooks>,
    /// The status bar's counts, by state.
    pub counts: Option<(u64, String)>,
    /// Doubt counts, the current doubt's highlight and its strip.
    pub doubts: doubts::DoubtView,
}

/// Draws the whole window.
pub fn draw(
    ui: &mut egui::Ui,
    doc: &Document,
    queue: Option<&Queue>,
    state: &mut UiState,
    out: &mut Vec<Intent>,
) {
    state.caches.doubts.prepare(doc, state.doubt);
    egui::Panel::top("menu").show(ui, |ui| menu_bar(ui, doc, queue.is_some(), state, out));
    egui::Panel::bottom("status").show(ui, |ui| status::show(ui, doc, state, out));
    if let Some(q) = queue {
        let mut open = state.show_queue;
        egui::Panel::left("queue")
            .resizable(true)
            .default_size(220.0)
            .size_range(140.0..=420.0)
            .show_collapsible(ui, &mut open, |ui| queue::show(ui, q, out));
        state.show_queue = open;
    }
    egui::Panel::left("outline")
        .resizable(true)
        .default_size(240.0)
        .size_range(160.0..=480.0)
        .show(ui, |ui| outline::show(ui, doc, state, out));
    egui::Panel::right("raw")
        .resizable(true)
        .default_size(600.0)
        .size_range(240.0..=1000.0)
        .show(ui, |ui| raw::show(ui, doc, state, out));
    egui::CentralPanel::default().show(ui, |ui| corrected::show(ui, doc, state, out));
    dialogs::show(ui.ctx(), doc, state, out);
    corrected::drag_preview(ui.ctx(), doc);
}

fn command_button(ui: &mut egui::Ui, command: Command, enabled: bool, out: &mut Vec<Intent>) {
    let button = egui::Button::new(command.label()).shortcut_text(command.shortcut_text());
    if ui.add_enabled(enabled, button).clicked() {
        out.push(Intent::Run(command));
        ui.close();
    }
}

fn menu_bar(
    ui: &mut egui::Ui,
    doc: &Document,
    has_queue: bool,
    state: &UiState,
    out: &mut Vec<Intent>,
) {
    let selected = state.selected.is_some();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            command_button(ui, Command::Open, true, out);
            command_button(ui, Command::OpenFolder, true, out);
            if ui.button("Open the bundled sample page").clicked() {
                out.push(Intent::OpenSample);
                ui.close();
            }
            ui.separator();
            command_button(ui, Command::SaveDraft, true, out);
            command_button(ui, Command::MarkDone, true, out);
            command_button(ui, Command::SaveAs, true, out);
            ui.separator();
            command_button(ui, Command::NextPage, has_queue, out);
            command_button(ui, Command::PrevPage, has_queue, out);
            command_button(ui, Command::NextUnfinished, has_queue, out);
            ui.separator();
            let mut on = state.autosave_on;
            if ui
                .checkbox(&mut on, "Autosave drafts (at most 3 s after a change)")
                .clicked()
            {
                out.push(Intent::SetAutosave(on));
                ui.close();
            }
            ui.separator();
            command_button(ui, Command::Quit, true, out);
        });
        ui.menu_button("Edit", |ui| {
            command_button(ui, Command::Undo, doc.editor.can_undo(), out);
            command_button(ui, Command::Redo, doc.editor.can_redo(), out);
            ui.separator();
            command_button(ui, Command::EditText, selected, out);
            command_button(ui, Command::JoinWithNext, selected, out);
        });
        ui.menu_button("Role", |ui| {
            for role in crate::page::Role::ALL {
                command_button(ui, Command::SetRole(role), selected, out);
            }
            ui.separator();
            command_button(ui, Command::CycleArticleKind, selected, out);
            command_button(ui, Command::PrevArticleKind, selected, out);
        });
        ui.menu_button("Article", |ui| {
            for c in [
                Command::SplitArticle,
                Command::MergeWithPrevious,
                Command::MergeWithNext,
                Command::MoveBlockUp,
                Command::MoveBlockDown,
                Command::MoveArticleUp,
                Command::MoveArticleDown,
            ] {
                command_button(ui, c, selected, out);
            }
            ui.separator();
            command_button(ui, Command::FlipOrientation, true, out);
        });
        ui.menu_button("Review", |ui| {
            let doubts = !doc.editor.page().review.doubts.is_empty();
            command_button(ui, Command::NextDoubt, doubts, out);
            command_button(ui, Command::PrevDoubt, doubts, out);
            ui.separator();
            let current = state.doubt.is_some();
            command_button(ui, Command::AcceptDoubt, current, out);
            command_button(ui, Command::FlipDoubt, current, out);
        });
        ui.menu_button("View", |ui| {
            if has_queue {
                let mut q = state.show_queue;
                if ui.checkbox(&mut q, "Show the folder queue").clicked() {
                    out.push(Intent::ShowQueue(q));
                    ui.close();
                }
            }
            let mut ws = state.show_whitespace;
            if ui
                .checkbox(&mut ws, Command::ToggleWhitespace.label())
                .clicked()
            {
                out.push(Intent::Run(Command::ToggleWhitespace));
                ui.close();
            }
            ui.separator();
            for c in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
                command_button(ui, c, true, out);
            }
        });
        ui.menu_button("Help", |ui| {
            command_button(ui, Command::ShortcutSheet, true, out);
        });
        ui.separator();
        ui.weak("F1: keyboard shortcuts · j/k: next/previous block · 1–0: role · s: split article · m: merge · n: next doubt, a / f: accept / flip it");
    });
}
