//! Modal dialogs: unsaved changes, a stale draft, a fixture changed by
//! someone else, the path prompt, and the F1 shortcut sheet.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use crate::command::{Command, Group};
use crate::i18n::{Lang, Msg};
use crate::ui::state::{
    Conflict, ConflictChoice, Document, DoneChoice, FolderOffer, Intent, Pending, Places,
    PromptPurpose, SimilarChoice, SimilarOffer, StaleChoice, StaleDraft, UiState, UnsavedChoice,
};

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
        // Long labels stand one under another; short ones side by side
        // (a hanzi is about two letters wide).
        let width = |label: &str| -> usize {
            label
                .chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum()
        };
        if choice.buttons.iter().any(|(label, _)| width(label) > 24) {
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
fn unsaved_ui(
    ctx: &egui::Context,
    lang: Lang,
    doc: &Document,
    pending: &Pending,
    out: &mut Vec<Intent>,
) {
    let file = &doc.editor.page().raw.file_name;
    let text = match pending {
        Pending::Close => lang.fill(Msg::UnsavedClosing, &[("file", file)]),
        Pending::Open(p) => lang.fill(
            Msg::UnsavedOpening,
            &[("file", file), ("path", &p.display())],
        ),
    };
    let cancel = Intent::Confirm(UnsavedChoice::Cancel);
    let choice = Choice {
        id: "proofdesk-unsaved",
        width: 460.0,
        heading: lang.get(Msg::UnsavedHeading),
        lines: &[&text],
        buttons: &[
            (
                lang.get(Msg::CmdSaveDraft),
                Intent::Confirm(UnsavedChoice::Save),
            ),
            (
                lang.get(Msg::DiscardChanges),
                Intent::Confirm(UnsavedChoice::Discard),
            ),
            (lang.get(Msg::Cancel), cancel.clone()),
        ],
        dismiss: Some(cancel),
    };
    choice_ui(ctx, choice, out);
}

/// "N spots (M doubts) are still to check: mark the page done anyway?"
fn confirm_done_ui(ctx: &egui::Context, lang: Lang, doc: &Document, out: &mut Vec<Intent>) {
    let page = doc.editor.page();
    let file = &page.raw.file_name;
    let text = match (page.review.open_spots(), page.review.open_count()) {
        (_, 1) => lang.fill(Msg::DoneOne, &[("file", file)]),
        (1, d) => lang.fill(Msg::DoneSpot, &[("d", &d), ("file", file)]),
        (n, d) => lang.fill(Msg::DoneMany, &[("n", &n), ("d", &d), ("file", file)]),
    };
    let cancel = Intent::ConfirmDone(DoneChoice::Cancel);
    let choice = Choice {
        id: "proofdesk-done",
        width: 460.0,
        heading: lang.get(Msg::DoneHeading),
        lines: &[&text],
        buttons: &[
            (
                lang.get(Msg::MarkDone),
                Intent::ConfirmDone(DoneChoice::MarkDone),
            ),
            (
                lang.get(Msg::GoToNextDoubt),
                Intent::ConfirmDone(DoneChoice::Review),
            ),
            (lang.get(Msg::Cancel), cancel.clone()),
        ],
        dismiss: Some(cancel),
    };
    choice_ui(ctx, choice, out);
}

/// "The saved work does not fit this page": open it fresh, or read the
/// draft with its own text.
fn stale_ui(ctx: &egui::Context, lang: Lang, stale: &StaleDraft, out: &mut Vec<Intent>) {
    let fresh = (
        lang.get(Msg::StaleOpenFresh),
        Intent::Stale(StaleChoice::OpenFresh),
    );
    let draft = (
        lang.get(Msg::StaleOpenDraft),
        Intent::Stale(StaleChoice::OpenDraftText),
    );
    let cancel = Intent::Stale(StaleChoice::Cancel);
    let cancel_button = (lang.get(Msg::Cancel), cancel.clone());
    let with_draft = [fresh.clone(), draft, cancel_button.clone()];
    let without_draft = [fresh, cancel_button];
    let choice = Choice {
        id: "proofdesk-stale",
        width: 520.0,
        heading: lang.get(Msg::StaleHeading),
        lines: &[&stale.reason, lang.get(Msg::StaleNothingDiscarded)],
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
fn conflict_ui(ctx: &egui::Context, lang: Lang, c: &Conflict, out: &mut Vec<Intent>) {
    let text = lang.fill(
        Msg::ConflictText,
        &[("path", &c.path.display()), ("kept", &c.kept_as.display())],
    );
    let choice = Choice {
        id: "proofdesk-conflict",
        width: 560.0,
        heading: lang.get(Msg::ConflictHeading),
        lines: &[&text],
        buttons: &[
            (
                lang.get(Msg::ConflictKeepMine),
                Intent::Conflict(ConflictChoice::KeepMine),
            ),
            (
                lang.get(Msg::ConflictOpenTheirs),
                Intent::Conflict(ConflictChoice::OpenTheirs),
            ),
        ],
        dismiss: None,
    };
    choice_ui(ctx, choice, out);
}

/// Draws the open dialogs.
pub fn show(ctx: &egui::Context, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    let lang = state.lang;
    if let Some(pending) = &state.confirm {
        unsaved_ui(ctx, lang, doc, pending, out);
    }
    if state.confirm_done {
        confirm_done_ui(ctx, lang, doc, out);
    }
    if let Some(stale) = &state.stale {
        stale_ui(ctx, lang, stale, out);
    }
    if let Some(c) = &state.conflict {
        conflict_ui(ctx, lang, c, out);
    }
    if let Some(offer) = state.similar.as_ref().filter(|o| o.has_places()) {
        similar_ui(ctx, lang, offer, &state.caches.picture, out);
    }
    prompt(ctx, state, out);
    if state.show_shortcuts {
        let mut open = true;
        // Never larger than the window: in a small window (1280x720) the
        // sheet scrolls instead of running off every edge.
        let room = ctx.content_rect().size() - egui::vec2(40.0, 80.0);
        // The window's id stays the same in either language.
        egui::Window::new(lang.get(Msg::CmdShortcutSheet))
            .id(egui::Id::unique("proofdesk-shortcut-sheet"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                let room = room.max(egui::vec2(200.0, 200.0));
                egui::ScrollArea::both()
                    .max_width(room.x)
                    .max_height(room.y)
                    .min_scrolled_width(room.x)
                    .min_scrolled_height(room.y)
                    .show(ui, |ui| shortcut_sheet(ui, lang));
            });
        if !open {
            // Closed by its ×: the same command as F1.
            out.push(Intent::Run(Command::ShortcutSheet));
        }
    }
}

/// "Correct all similar": every other place of the corrected word, with
/// its context, each checked; all, the checked ones, or none corrected.
fn similar_ui(
    ctx: &egui::Context,
    lang: Lang,
    offer: &SimilarOffer,
    picture: &super::picture::PictureView,
    out: &mut Vec<Intent>,
) {
    let c = &offer.correction;
    egui::Window::new(lang.get(Msg::SimilarTitle))
        .id(egui::Id::unique("proofdesk-similar"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -40.0))
        .show(ctx, |ui| {
            if !offer.here.places.is_empty() {
                ui.label(lang.fill(
                    Msg::similar_here(c).0,
                    &[
                        ("from", &c.from()),
                        ("to", &c.to()),
                        ("n", &offer.here.places.len()),
                    ],
                ));
                egui::ScrollArea::vertical()
                    .max_height(260.0)
                    .show(ui, |ui| {
                        places_ui(ui, (&offer.here, c), 0.0, out, |ui, i| {
                            if let Some(uv) = offer.crops.get(i).copied().flatten() {
                                crop_ui(ui, picture, uv);
                            }
                            SimilarChoice::Toggle(i)
                        });
                    });
            } else {
                ui.label(format!("“{}” → “{}”", c.from(), c.to()));
            }
            folder_offer_ui(ui, lang, (&offer.folder, c), out);
            let n = offer.checked_count();
            ui.horizontal(|ui| {
                if ui.button(lang.get(Msg::SimilarAll)).clicked() {
                    out.push(Intent::Similar(SimilarChoice::All));
                }
                if ui
                    .add_enabled(
                        n > 0,
                        egui::Button::new(lang.fill(Msg::SimilarChecked, &[("n", &n)])),
                    )
                    .clicked()
                {
                    out.push(Intent::Similar(SimilarChoice::Checked));
                }
                if ui.button(lang.get(Msg::SimilarSkip)).clicked() {
                    out.push(Intent::Similar(SimilarChoice::Skip));
                }
            });
        });
}

/// One checkbox row per place of `places`, in its context
/// (`…before【from → to】after…`), set in by `indent`; `row` adds what else
/// the row shows of place `i` and says which answer its checkbox gives.
fn places_ui(
    ui: &mut egui::Ui,
    (places, c): (&Places, &crate::concordance::Correction),
    indent: f32,
    out: &mut Vec<Intent>,
    mut row: impl FnMut(&mut egui::Ui, usize) -> SimilarChoice,
) {
    for (i, (o, &checked)) in places.places.iter().zip(&places.checked).enumerate() {
        let mut on = checked;
        let place = format!("…{}【{} → {}】{}…", o.before, c.from(), c.to(), o.after);
        ui.horizontal(|ui| {
            ui.add_space(indent);
            let clicked = ui.checkbox(&mut on, place).changed();
            let choice = row(ui, i);
            if clicked {
                out.push(Intent::Similar(choice));
            }
        });
    }
}

/// The part `uv` of the page picture, as tall as a line of text, when the
/// picture is loaded.
fn crop_ui(ui: &mut egui::Ui, picture: &super::picture::PictureView, uv: [f32; 4]) {
    let super::picture::PictureView::Ready { texture, size, .. } = picture else {
        return;
    };
    #[expect(clippy::cast_precision_loss, reason = "picture sides are small")]
    let (w, h) = (
        (uv[2] - uv[0]) * size[0] as f32,
        (uv[3] - uv[1]) * size[1].max(1) as f32,
    );
    line_high_image_ui(ui, texture.id(), egui::vec2(w, h), uv);
}

/// A place's part of another page's picture, cut to it, as tall as a line
/// of text.
fn place_crop_ui(ui: &mut egui::Ui, crop: &crate::ui::state::PlaceCrop) {
    line_high_image_ui(ui, crop.0.id(), crop.0.size_vec2(), [0.0, 0.0, 1.0, 1.0]);
}

/// The part `uv` of texture `id`, `size` pixels as it stands on the page,
/// shown as tall as a line of text, or less where that would make it wider
/// than 240 points (its shape kept). A part taller than it is wide (a
/// column of a page set vertically) is shown as wide as a line is tall,
/// and at most 160 points tall.
fn line_high_image_ui(ui: &mut egui::Ui, id: egui::TextureId, size: egui::Vec2, uv: [f32; 4]) {
    ui.add(
        egui::Image::new((id, line_high_size(size))).uv(egui::Rect::from_min_max(
            egui::pos2(uv[0], uv[1]),
            egui::pos2(uv[2], uv[3]),
        )),
    );
}

/// The size, in points, [`line_high_image_ui`] shows a part of a picture
/// `size` pixels at.
fn line_high_size(size: egui::Vec2) -> egui::Vec2 {
    let (line, widest, tallest) = (28.0, 240.0, 160.0);
    let aspect = size.x / size.y.max(1.0);
    let (width, height) = if aspect < 1.0 {
        if line / aspect > tallest {
            (tallest * aspect, tallest)
        } else {
            (line, line / aspect)
        }
    } else if line * aspect > widest {
        (widest, widest / aspect)
    } else {
        ((line * aspect).max(16.0), line)
    };
    egui::vec2(width, height)
}

/// The open folder's other pages in the offer: being read, or found (one
/// checkbox for them all, and each page with its places, each checked).
fn folder_offer_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    (folder, c): (&FolderOffer, &crate::concordance::Correction),
    out: &mut Vec<Intent>,
) {
    match folder {
        FolderOffer::Nothing => {}
        FolderOffer::Looking => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(lang.get(Msg::SimilarLooking));
            });
        }
        FolderOffer::Found { pages, take } => {
            let places: usize = pages.iter().map(|p| p.places.places.len()).sum();
            let mut on = *take;
            let label = lang.fill(
                Msg::SimilarFolder,
                &[("n", &places), ("pages", &pages.len())],
            );
            if ui.checkbox(&mut on, label).changed() {
                out.push(Intent::Similar(SimilarChoice::ToggleFolder));
            }
            egui::ScrollArea::vertical()
                .id_salt("proofdesk-similar-pages")
                .max_height(160.0)
                .show(ui, |ui| {
                    ui.add_enabled_ui(*take, |ui| {
                        for (k, p) in pages.iter().enumerate() {
                            let name = crate::io::file_name(&p.page);
                            ui.weak(format!("{name} · {}", p.places.places.len()));
                            places_ui(ui, (&p.places, c), 12.0, out, |ui, i| {
                                if let Some(Some(crop)) = p.crops.get(i) {
                                    place_crop_ui(ui, crop);
                                }
                                SimilarChoice::ToggleFolderPlace(k, i)
                            });
                        }
                    });
                });
        }
    }
}

/// The shortcut sheet (F1): every command's keys and label, by group, in
/// two columns.
fn shortcut_sheet(ui: &mut egui::Ui, lang: Lang) {
    let groups = [
        Group::Navigate,
        Group::Review,
        Group::Roles,
        Group::Structure,
        Group::Text,
        Group::General,
    ];
    // Two columns, each half the sheet: a label longer than its column
    // wraps rather than running past the sheet's edge (a 1280-px window);
    // the keys, as wide as the widest, never do.
    let half = ((ui.available_width() - 16.0) / 2.0).max(320.0);
    let mono = egui::TextStyle::Monospace.resolve(ui.style());
    let keys = Command::all()
        .into_iter()
        .map(|c| {
            ui.painter()
                .layout_no_wrap(
                    c.all_shortcuts_text(lang),
                    mono.clone(),
                    egui::Color32::WHITE,
                )
                .size()
                .x
        })
        .fold(0.0_f32, f32::max);
    // The label's column: the rest of the half, past the grid's spacing.
    let labels = (half - keys - 16.0).max(160.0);
    ui.horizontal_top(|ui| {
        for column in [&groups[..3], &groups[3..]] {
            ui.vertical(|ui| {
                ui.set_max_width(half);
                for &group in column {
                    ui.label(RichText::new(group.title(lang)).strong().size(16.0));
                    egui::Grid::new(("shortcuts", group.title(Lang::En)))
                        .num_columns(2)
                        .spacing([16.0, 4.0])
                        .min_col_width(0.0)
                        .max_col_width(labels.max(keys))
                        .striped(true)
                        .show(ui, |ui| {
                            for c in Command::all().into_iter().filter(|c| c.group() == group) {
                                ui.monospace(c.all_shortcuts_text(lang));
                                ui.add(egui::Label::new(c.label(lang)).wrap());
                                ui.end_row();
                            }
                        });
                    ui.add_space(10.0);
                }
            });
            ui.add_space(16.0);
        }
    });
    ui.weak(lang.get(Msg::ShortcutsFooter));
}

/// The in-app path prompt: a path field, the folder's entries to pick
/// from, and the desktop's dialog when there is one.
fn prompt(ctx: &egui::Context, state: &mut UiState, out: &mut Vec<Intent>) {
    let Some(p) = &mut state.prompt else {
        return;
    };
    p.refresh_listing();
    let lang = state.lang;
    let (title, action) = match p.purpose {
        PromptPurpose::Open => (Msg::PromptOpenTitle, Msg::PromptOpen),
        PromptPurpose::SaveAs => (Msg::PromptSaveTitle, Msg::PromptSave),
    };
    let (title, action) = (lang.get(title), lang.get(action));
    let modal = egui::Modal::new(egui::Id::unique("proofdesk-path-prompt")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading(title);
        let label = ui.label(lang.get(Msg::PromptPathLabel));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut p.text)
                    .desired_width(f32::INFINITY)
                    .id(egui::Id::unique("proofdesk-path-field")),
            )
            .labelled_by(label.id);
        // Enter ends the field's input (it gives up the focus): read it
        // before the focus is given back, or the field never loses it.
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if !enter && !field.has_focus() && !ui.ctx().memory(|m| m.focused().is_some()) {
            field.request_focus();
        }
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
                        .selectable_label(false, lang.get(Msg::PromptFolderAbove))
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
            if ui.button(lang.get(Msg::Cancel)).clicked() {
                out.push(Intent::PromptDone(None));
            }
            if ui
                .button(lang.get(Msg::PromptBrowse))
                .on_hover_text(lang.get(Msg::PromptBrowseHover))
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

#[cfg(test)]
mod tests {
    use super::line_high_size;
    use eframe::egui::{Vec2, vec2};

    fn assert_near(got: Vec2, want: Vec2) {
        assert!((got - want).length() < 1e-3, "{got:?} against {want:?}");
    }

    #[test]
    fn a_place_s_picture_is_shown_a_line_high_or_a_line_wide_for_a_column() {
        // A word on a line: as tall as a line of text, its shape kept.
        assert_near(line_high_size(vec2(99.0, 56.0)), vec2(49.5, 28.0));
        // A long stretch of a line: at most 240 points wide.
        assert_near(line_high_size(vec2(600.0, 35.0)), vec2(240.0, 14.0));
        // A word in a column of a page set vertically: as wide as a line
        // is tall, standing up.
        assert_near(line_high_size(vec2(56.0, 112.0)), vec2(28.0, 56.0));
        // A long stretch of a column: at most 160 points tall.
        assert_near(line_high_size(vec2(40.0, 400.0)), vec2(16.0, 160.0));
    }
}
