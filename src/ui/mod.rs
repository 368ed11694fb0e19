//! The panels of the desk. They read the page and push [`Intent`]s; they
//! never change the model.

pub mod corrected;
pub mod dialogs;
pub mod doubts;
pub mod outline;
pub mod picture;
pub mod queue;
pub mod raw;
pub mod rows;
pub mod state;
pub mod status;
pub mod style;
pub mod text;

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui;

use crate::command::Command;
use crate::doubt::DoubtWalk;
use crate::i18n::{Lang, Msg};
use crate::page::{Article, Span};
use crate::queue::Queue;
use crate::ui::state::{Document, Intent, UiState};

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
    /// The corrected page wrapped anew with the selected block in view: it
    /// is brought back into view once the width holds and the rows in
    /// view were measured at it.
    pub reveal_after_rewrap: bool,
    /// The state (`Editor::state_id`) `article_heights` was last pruned at.
    pub pruned_state: u64,
    /// The diff of an edited block against its automatic text, by
    /// (text, spans): each char with its look.
    pub diffs: HashMap<(String, Vec<Span>), DiffLooks>,
    /// The status bar's counts, by state and language.
    pub counts: Option<((u64, crate::i18n::Lang), String)>,
    /// Doubt counts, the current doubt's highlight and its strip.
    pub doubts: doubts::DoubtView,
    /// The page picture.
    pub picture: picture::PictureView,
}

/// The corrected pane, where the editor works, never gets narrower than
/// this while the side panes can give way (points).
pub const CORRECTED_MIN_W: f32 = 420.0;
/// The raw pane's narrowest width (points).
const RAW_MIN_W: f32 = 240.0;

/// Default and largest width of each side pane.
///
/// The side panes share what the corrected pane can spare, so it keeps at
/// least [`CORRECTED_MIN_W`] however the dividers are dragged (down to a
/// 1024-point window with the folder queue open; with the page picture
/// shown too, from 1280 points, or 1600 with the queue open).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaneSizes {
    /// The folder queue (default, largest).
    pub queue: (f32, f32),
    /// The outline.
    pub outline: (f32, f32),
    /// The raw text.
    pub raw: (f32, f32),
    /// The page picture.
    pub picture: (f32, f32),
}

impl PaneSizes {
    /// The sizes for a window `total` points wide, with or without the
    /// queue pane and the picture pane.
    #[must_use]
    pub fn for_width(total: f32, with_queue: bool, with_picture: bool) -> Self {
        let queue = (
            (total * 0.14).clamp(140.0, 220.0),
            (total * 0.15).clamp(140.0, 420.0),
        );
        let outline = (
            (total * 0.18).clamp(160.0, 240.0),
            (total * 0.2).clamp(160.0, 480.0),
        );
        let queue_max = if with_queue { queue.1 } else { 0.0 };
        let queue_default = if with_queue { queue.0 } else { 0.0 };
        // The raw text and the picture share what is left; each gets at
        // least its narrowest width.
        let share = total - queue_max - outline.1 - CORRECTED_MIN_W;
        let (raw_max, picture_max) = if with_picture {
            let half = (share / 2.0).max(RAW_MIN_W);
            (half.min(1000.0), half.min(1200.0))
        } else {
            (share.clamp(RAW_MIN_W, 1000.0), RAW_MIN_W)
        };
        let spare = total - queue_default - outline.0;
        let (raw_share, picture_share) = if with_picture { (0.3, 0.3) } else { (0.4, 0.0) };
        let raw = (
            (spare * raw_share).clamp(RAW_MIN_W, 600.0).min(raw_max),
            raw_max,
        );
        let picture = (
            (spare * picture_share)
                .clamp(RAW_MIN_W, 700.0)
                .min(picture_max),
            picture_max,
        );
        Self {
            queue,
            outline,
            raw,
            picture,
        }
    }
}

/// Draws the whole window.
pub fn draw(
    ui: &mut egui::Ui,
    doc: &Document,
    queue: Option<&Queue>,
    state: &mut UiState,
    out: &mut Vec<Intent>,
) {
    state
        .caches
        .doubts
        .prepare(doc, state.doubt, state.lang, state.doubt_walk);
    egui::Panel::top("menu").show(ui, |ui| menu_bar(ui, doc, queue.is_some(), state, out));
    egui::Panel::bottom("status").show(ui, |ui| status::show(ui, doc, state, out));
    let sizes = PaneSizes::for_width(
        ui.available_width(),
        queue.is_some() && state.show_queue,
        state.show_picture,
    );
    let layout = state.panes_for(ui.available_width());
    if let Some(q) = queue {
        let mut open = state.show_queue;
        egui::Panel::left(("queue", layout))
            .resizable(true)
            .default_size(sizes.queue.0)
            .size_range(140.0..=sizes.queue.1)
            .show_collapsible(ui, &mut open, |ui| queue::show(ui, q, state.lang, out));
        if open != state.show_queue {
            out.push(Intent::ShowQueue(open));
        }
    }
    egui::Panel::left(("outline", layout))
        .resizable(true)
        .default_size(sizes.outline.0)
        .size_range(160.0..=sizes.outline.1)
        .show(ui, |ui| outline::show(ui, doc, state, out));
    if state.show_picture {
        egui::Panel::right(("picture", layout))
            .resizable(true)
            .default_size(sizes.picture.0)
            .size_range(RAW_MIN_W..=sizes.picture.1)
            .show(ui, |ui| picture::show(ui, doc, state, out));
    }
    egui::Panel::right(("raw", layout))
        .resizable(true)
        .default_size(sizes.raw.0)
        .size_range(RAW_MIN_W..=sizes.raw.1)
        .show(ui, |ui| raw::show(ui, doc, state, out));
    egui::CentralPanel::default().show(ui, |ui| corrected::show(ui, doc, state, out));
    dialogs::show(ui.ctx(), doc, state, out);
    corrected::drag_preview(ui.ctx(), doc, state.lang);
}

fn command_button(
    ui: &mut egui::Ui,
    lang: Lang,
    command: Command,
    enabled: bool,
    out: &mut Vec<Intent>,
) {
    let button = egui::Button::new(command.label(lang)).shortcut_text(command.shortcut_text());
    if ui.add_enabled(enabled, button).clicked() {
        out.push(Intent::Run(command));
        ui.close();
    }
}

/// The View menu: panes, whitespace, zoom, look, language.
fn view_menu(ui: &mut egui::Ui, has_queue: bool, state: &UiState, out: &mut Vec<Intent>) {
    let lang = state.lang;
    if has_queue {
        let mut q = state.show_queue;
        if ui.checkbox(&mut q, lang.get(Msg::ShowQueue)).clicked() {
            out.push(Intent::ShowQueue(q));
            ui.close();
        }
    }
    let mut ws = state.show_whitespace;
    if ui
        .checkbox(&mut ws, Command::ToggleWhitespace.label(lang))
        .clicked()
    {
        out.push(Intent::Run(Command::ToggleWhitespace));
        ui.close();
    }
    let mut on = state.model_pages.is_some() && !state.model_off;
    if ui
        .add_enabled(
            state.model_pages.is_some(),
            egui::Checkbox::new(&mut on, Command::ToggleModel.label(lang)),
        )
        .clicked()
    {
        out.push(Intent::Run(Command::ToggleModel));
        ui.close();
    }
    let mut pic = state.show_picture;
    if ui
        .checkbox(&mut pic, Command::TogglePicture.label(lang))
        .clicked()
    {
        out.push(Intent::Run(Command::TogglePicture));
        ui.close();
    }
    let mut follow = state.picture_follow && state.show_picture;
    if ui
        .checkbox(&mut follow, Command::FollowPicture.label(lang))
        .clicked()
    {
        out.push(Intent::Run(Command::FollowPicture));
        ui.close();
    }
    command_button(ui, lang, Command::ToggleTheme, true, out);
    ui.separator();
    for c in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
        command_button(ui, lang, c, true, out);
    }
    ui.separator();
    ui.menu_button(lang.get(Msg::MenuLanguage), |ui| {
        for choice in Lang::ALL {
            if ui.radio(lang == choice, choice.native_name()).clicked() {
                out.push(Intent::SetLang(choice));
                ui.close();
            }
        }
    });
}

/// The Review menu: walking the doubts and settling them.
fn review_menu_ui(ui: &mut egui::Ui, doc: &Document, state: &UiState, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let doubts = !doc.editor.page().review.doubts.is_empty();
    let current = state.doubt.is_some();
    for (c, enabled) in [
        (Command::NextDoubt, doubts),
        (Command::PrevDoubt, doubts),
        (Command::AcceptDoubt, current),
        (Command::FlipDoubt, current),
        (Command::AcceptRule, current),
    ] {
        command_button(ui, lang, c, enabled, out);
        if c == Command::PrevDoubt {
            ui.separator();
        }
    }
    ui.separator();
    doubt_walk_ui(ui, lang, state.doubt_walk, out);
}

/// Which doubts N walks through, and in what order (the Review menu).
fn doubt_walk_ui(ui: &mut egui::Ui, lang: Lang, walk: DoubtWalk, out: &mut Vec<Intent>) {
    let mut least = walk.least_sure_first;
    if ui
        .checkbox(&mut least, lang.get(Msg::DoubtsLeastSureFirst))
        .changed()
    {
        out.push(Intent::SetDoubtWalk(DoubtWalk {
            least_sure_first: least,
            ..walk
        }));
    }
    ui.menu_button(lang.get(Msg::DoubtsWhich), |ui| {
        for cut in DoubtWalk::CUTS {
            let label = if cut == DoubtWalk::default().below_percent {
                lang.get(Msg::DoubtsEveryCut).to_owned()
            } else {
                lang.fill(Msg::DoubtsBelowCut, &[("percent", &cut)])
            };
            if ui.radio(walk.below_percent == cut, label).clicked() {
                out.push(Intent::SetDoubtWalk(DoubtWalk {
                    below_percent: cut,
                    ..walk
                }));
                ui.close();
            }
        }
    });
}

fn menu_bar(
    ui: &mut egui::Ui,
    doc: &Document,
    has_queue: bool,
    state: &UiState,
    out: &mut Vec<Intent>,
) {
    let selected = state.selected.is_some();
    let lang = state.lang;
    let button = |ui: &mut egui::Ui, c: Command, enabled: bool, out: &mut Vec<Intent>| {
        command_button(ui, lang, c, enabled, out);
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(lang.get(Msg::MenuFile), |ui| {
            button(ui, Command::Open, true, out);
            button(ui, Command::OpenFolder, true, out);
            if ui.button(lang.get(Msg::OpenSample)).clicked() {
                out.push(Intent::OpenSample);
                ui.close();
            }
            ui.add_enabled_ui(state.recent.len() > 1, |ui| {
                ui.menu_button(lang.get(Msg::OpenRecent), |ui| {
                    // The first is the page on the desk.
                    for path in state.recent.iter().skip(1) {
                        if ui.button(path.display().to_string()).clicked() {
                            out.push(Intent::Open(path.clone()));
                            ui.close();
                        }
                    }
                });
            });
            ui.separator();
            button(ui, Command::SaveDraft, true, out);
            button(ui, Command::MarkDone, true, out);
            button(ui, Command::SaveAs, true, out);
            ui.separator();
            button(ui, Command::NextPage, has_queue, out);
            button(ui, Command::PrevPage, has_queue, out);
            button(ui, Command::NextUnfinished, has_queue, out);
            ui.separator();
            button(ui, Command::ExportFolder, doc.page_path.is_some(), out);
            ui.separator();
            let mut on = state.autosave_on;
            if ui
                .checkbox(&mut on, lang.get(Msg::AutosaveToggle))
                .clicked()
            {
                out.push(Intent::SetAutosave(on));
                ui.close();
            }
            ui.separator();
            button(ui, Command::Quit, true, out);
        });
        ui.menu_button(lang.get(Msg::MenuEdit), |ui| {
            button(ui, Command::Undo, doc.editor.can_undo(), out);
            button(ui, Command::Redo, doc.editor.can_redo(), out);
            ui.separator();
            button(ui, Command::Find, true, out);
            button(ui, Command::GoTo, true, out);
            ui.separator();
            button(ui, Command::CopyBlock, selected, out);
            button(ui, Command::CopyRaw, selected, out);
            ui.separator();
            button(ui, Command::EditText, selected, out);
            button(ui, Command::JoinWithNext, selected, out);
        });
        ui.menu_button(lang.get(Msg::MenuRole), |ui| {
            for role in crate::page::Role::ALL {
                button(ui, Command::SetRole(role), selected, out);
            }
            ui.separator();
            button(ui, Command::CycleArticleKind, selected, out);
            button(ui, Command::PrevArticleKind, selected, out);
        });
        ui.menu_button(lang.get(Msg::MenuArticle), |ui| {
            for c in [
                Command::SplitArticle,
                Command::MergeWithPrevious,
                Command::MergeWithNext,
                Command::MoveBlockUp,
                Command::MoveBlockDown,
                Command::MoveArticleUp,
                Command::MoveArticleDown,
            ] {
                button(ui, c, selected, out);
            }
            ui.separator();
            button(ui, Command::FlipOrientation, true, out);
        });
        ui.menu_button(lang.get(Msg::MenuReview), |ui| {
            review_menu_ui(ui, doc, state, out);
        });
        ui.menu_button(lang.get(Msg::MenuView), |ui| {
            view_menu(ui, has_queue, state, out);
        });
        ui.menu_button(lang.get(Msg::MenuHelp), |ui| {
            button(ui, Command::ShortcutSheet, true, out);
        });
        ui.separator();
        // Cut short in a narrow window rather than pushed out of it.
        ui.add(egui::Label::new(egui::RichText::new(lang.get(Msg::MenuHint)).weak()).truncate());
    });
}

#[cfg(test)]
mod tests {
    use super::{CORRECTED_MIN_W, PaneSizes, RAW_MIN_W};

    #[test]
    fn the_side_panes_at_their_widest_leave_the_corrected_pane_its_room() {
        for total in [1024.0_f32, 1280.0, 1600.0, 1920.0, 2560.0] {
            for with_queue in [false, true] {
                for with_picture in [false, true] {
                    if with_picture && total < if with_queue { 1600.0 } else { 1280.0 } {
                        continue;
                    }
                    let s = PaneSizes::for_width(total, with_queue, with_picture);
                    let queue = |i: usize| match (with_queue, i) {
                        (false, _) => 0.0,
                        (true, 0) => s.queue.0,
                        (true, _) => s.queue.1,
                    };
                    let picture = |i: usize| match (with_picture, i) {
                        (false, _) => 0.0,
                        (true, 0) => s.picture.0,
                        (true, _) => s.picture.1,
                    };
                    let widest = total - queue(1) - s.outline.1 - s.raw.1 - picture(1);
                    let at_least = if with_picture { 2.0 } else { 1.0 } * RAW_MIN_W;
                    assert!(
                        widest >= CORRECTED_MIN_W - 1.0 || s.raw.1 + picture(1) <= at_least,
                        "{total} {with_queue} {with_picture}: {widest} left, {s:?}"
                    );
                    let by_default = total - queue(0) - s.outline.0 - s.raw.0 - picture(0);
                    assert!(
                        by_default >= CORRECTED_MIN_W,
                        "{total} {with_queue} {with_picture}: {by_default}, {s:?}"
                    );
                    assert!(s.raw.0 <= s.raw.1 && s.outline.0 <= s.outline.1, "{s:?}");
                }
            }
        }
    }
}
