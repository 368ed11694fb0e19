//! The queue panel: the pages of the open folder with their status, a
//! progress bar, and a click to open one.
//!
//! A √ marks a page whose every doubt is reviewed, a number the spots
//! still to check on a page, a ! one whose reading order is lost. Only the
//! rows in view are drawn.

use eframe::egui::{self, Color32, RichText, Ui};

use crate::i18n::{Lang, Msg};
use crate::queue::{PageState, Queue};
use crate::ui::state::Intent;

/// The colour of a page state in the list.
#[must_use]
pub fn state_color(state: PageState) -> Color32 {
    match state {
        PageState::Unknown => Color32::GRAY,
        PageState::New => Color32::from_rgb(0x90, 0x90, 0xa0),
        PageState::Draft => Color32::from_rgb(0xe0, 0xa0, 0x30),
        PageState::Done => Color32::from_rgb(0x50, 0xb0, 0x60),
        PageState::Damaged => Color32::from_rgb(0xff, 0x70, 0x70),
    }
}

/// Draws the queue.
pub fn show(ui: &mut Ui, queue: &Queue, lang: Lang, out: &mut Vec<Intent>) {
    let (done, known, total) = queue.progress();
    ui.heading(lang.get(Msg::QueueHeading));
    let folder = crate::io::file_name(queue.dir());
    ui.label(RichText::new(folder).strong())
        .on_hover_text(queue.dir().display().to_string());
    #[expect(clippy::cast_precision_loss, reason = "a fraction for a bar")]
    let fraction = if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    };
    ui.add(
        egui::ProgressBar::new(fraction)
            .text(lang.fill(Msg::QueueProgress, &[("done", &done), ("total", &total)])),
    );
    if queue.loading() {
        ui.weak(lang.fill(Msg::QueueReading, &[("known", &known), ("total", &total)]));
    }
    ui.separator();
    // One row is one button high, so that `show_rows` can place rows
    // without laying out the ones out of view.
    let row_height = ui.spacing().interact_size.y;
    let current = queue.current();
    let mut area = egui::ScrollArea::vertical()
        .id_salt("queue-scroll")
        .auto_shrink(false);
    // Keep the page on the desk in view when it changes (keys).
    let seen_id = ui.make_persistent_id("queue-shown-current");
    let seen: Option<Option<usize>> = ui.data(|d| d.get_temp(seen_id));
    if seen != Some(current) {
        ui.data_mut(|d| d.insert_temp(seen_id, current));
        if let Some(i) = current {
            let pitch = row_height + ui.spacing().item_spacing.y;
            #[expect(clippy::cast_precision_loss, reason = "a scroll offset")]
            let top = (i as f32 - 3.0).max(0.0) * pitch;
            area = area.vertical_scroll_offset(top);
        }
    }
    area.show_rows(ui, row_height, queue.entries().len(), |ui, range| {
        for i in range {
            let Some(e) = queue.entries().get(i) else {
                continue;
            };
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(lang.get(Msg::page_state(e.progress.state)))
                        .color(state_color(e.progress.state))
                        .monospace(),
                );
                if e.progress.reviewed {
                    ui.label(RichText::new("√").color(state_color(PageState::Done)))
                        .on_hover_text(lang.get(Msg::QueueReviewedHover));
                }
                if e.progress.open_spots > 0 {
                    let n = e.progress.open_spots;
                    ui.label(
                        RichText::new(n.to_string())
                            .small()
                            .color(crate::ui::style::DOUBT),
                    )
                    .on_hover_text(lang.fill(Msg::QueueSpotsHover, &[("n", &n)]));
                }
                if e.progress.reading_lost {
                    ui.label(
                        RichText::new("!")
                            .strong()
                            .color(Color32::BLACK)
                            .background_color(crate::ui::style::WARNING),
                    )
                    .on_hover_text(lang.get(Msg::QueueReadingLostHover));
                }
                let r = ui.selectable_label(Some(i) == current, &e.name);
                if r.clicked() && Some(i) != current {
                    out.push(Intent::OpenQueueEntry(i));
                }
            });
        }
    });
}
