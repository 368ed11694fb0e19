//! The page picture pane: the printed page beside its text, fitted to the
//! pane's width, zoomed with the buttons (or Ctrl+wheel) and panned by
//! scrolling.

use eframe::egui::{self, TextureHandle, Ui};

use crate::command::Command;
use crate::i18n::Msg;
use crate::ui::state::{Intent, PictureZoom, UiState};

/// Where the page picture stands.
#[derive(Default)]
pub enum PictureView {
    /// No picture lies beside the page.
    #[default]
    None,
    /// Being decoded on a background thread.
    Loading(String),
    /// Ready to show.
    Ready {
        /// The picture's file name.
        name: String,
        /// The uploaded picture.
        texture: TextureHandle,
        /// Its size in pixels as decoded, and on disk.
        size: [usize; 2],
        /// The size on disk (before any scaling).
        original: (u32, u32),
    },
    /// It could not be shown; the message says why.
    Failed(String),
}

impl std::fmt::Debug for PictureView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::None => f.write_str("None"),
            Self::Loading(name) => write!(f, "Loading({name})"),
            Self::Ready { name, size, .. } => write!(f, "Ready({name}, {}x{})", size[0], size[1]),
            Self::Failed(why) => write!(f, "Failed({why})"),
        }
    }
}

/// Zoom bounds, relative to the pane's width.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.25..=8.0;

/// Draws the picture pane.
pub fn show(ui: &mut Ui, state: &mut UiState, out: &mut Vec<Intent>) {
    let lang = state.lang;
    ui.horizontal_wrapped(|ui| {
        ui.heading(lang.get(Msg::PictureHeading));
        if ui
            .small_button("×")
            .on_hover_text(lang.fill(
                Msg::PictureHide,
                &[("key", &Command::TogglePicture.shortcut_text())],
            ))
            .clicked()
        {
            out.push(Intent::Run(Command::TogglePicture));
        }
    });
    let view = &state.caches.picture;
    let (texture, size, name, original) = match view {
        PictureView::Ready {
            texture,
            size,
            name,
            original,
        } => (texture.clone(), *size, name.clone(), *original),
        PictureView::None => {
            ui.weak(lang.get(Msg::PictureNone));
            return;
        }
        PictureView::Loading(name) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak(lang.fill(Msg::PictureReading, &[("name", name)]));
            });
            return;
        }
        PictureView::Failed(why) => {
            ui.colored_label(ui.visuals().error_fg_color, why);
            return;
        }
    };
    // Not yet set (a fresh desk): fitted.
    let zoom = state.picture_scale();
    ui.horizontal_wrapped(|ui| {
        if ui.button(lang.get(Msg::PictureFit)).clicked() {
            out.push(Intent::ZoomPicture(PictureZoom::Fit));
        }
        if ui
            .button("−")
            .on_hover_text(lang.get(Msg::CmdZoomOut))
            .clicked()
        {
            out.push(Intent::ZoomPicture(PictureZoom::Times(800)));
        }
        if ui
            .button("+")
            .on_hover_text(lang.get(Msg::CmdZoomIn))
            .clicked()
        {
            out.push(Intent::ZoomPicture(PictureZoom::Times(1250)));
        }
        ui.label(format!("{:.0}%", 100.0 * zoom));
    });
    // The file on a line of its own, cut short rather than wrapped.
    ui.add(
        egui::Label::new(
            egui::RichText::new(lang.fill(
                Msg::PictureInfo,
                &[("name", &name), ("w", &original.0), ("h", &original.1)],
            ))
            .weak(),
        )
        .truncate(),
    );
    ui.separator();
    let fit = (ui.available_width() - 12.0).max(50.0);
    #[expect(
        clippy::cast_precision_loss,
        reason = "picture sides are at most a few thousand pixels"
    )]
    let aspect = size[1] as f32 / size[0].max(1) as f32;
    let width = fit * zoom;
    let scroll = egui::ScrollArea::both()
        .id_salt("picture")
        .auto_shrink([false, false])
        .scroll_source(egui::scroll_area::ScrollSource::ALL)
        .show(ui, |ui| {
            ui.add(
                egui::Image::new((texture.id(), egui::vec2(width, width * aspect)))
                    .alt_text(lang.fill(Msg::PictureAlt, &[("name", &name)])),
            )
        });
    // Ctrl+wheel over the picture zooms it.
    if scroll.inner.hovered() {
        wheel_zoom(ui, out);
    }
}

/// A zoom step from this frame's Ctrl+wheel, if any.
fn wheel_zoom(ui: &Ui, out: &mut Vec<Intent>) {
    let factor = ui.input(|i| i.zoom_delta());
    if (factor - 1.0).abs() > f32::EPSILON {
        // Thousandths: the factor of one frame's wheel steps.
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a positive factor near 1, rounded to thousandths"
        )]
        let thousandths = (factor * 1000.0).round().max(1.0) as u32;
        out.push(Intent::ZoomPicture(PictureZoom::Times(thousandths)));
    }
}
