//! The page picture pane: the printed page beside its text, fitted to the
//! pane's width, zoomed with the buttons (or Ctrl+wheel) and panned by
//! scrolling.
//!
//! For a page an OCR engine read (hOCR, ALTO, PAGE XML), text and picture are
//! linked: the selected block's lines are outlined on the picture, the
//! current doubt's words in amber, and a click on a line of the picture
//! selects the block that holds it. The picture scrolls to the selection as
//! it moves, and with Z (Follow) it is also zoomed to the selected block,
//! so that its glyphs can be read against the text.

use eframe::egui::{self, Pos2, Rect, Stroke, TextureHandle, Ui};

use crate::command::Command;
use crate::i18n::Msg;
use crate::ocr::{BBox, Geometry};
use crate::ui::state::{Document, Intent, PictureZoom, UiState};
use crate::ui::style::{DOUBT, SELECTION};

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

/// How much of the pane's width a followed block fills.
const FOLLOW_FILL: f32 = 0.9;

/// The zoom, relative to the pane's width, at which a block whose lines
/// span `block` fills [`FOLLOW_FILL`] of the pane: never below the fitted
/// page, never past [`ZOOM_RANGE`].
#[must_use]
pub fn follow_zoom(page_size: [u32; 2], block: BBox) -> f32 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "page sides are a few thousand pixels"
    )]
    let (page, wide) = (
        page_size[0].max(1) as f32,
        block[2].saturating_sub(block[0]).max(1) as f32,
    );
    (FOLLOW_FILL * page / wide).clamp(1.0, *ZOOM_RANGE.end())
}

/// Draws the picture pane.
pub fn show(ui: &mut Ui, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
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
            // Cut short, not widening the pane: the pane keeps the width
            // it opened with, whether or not the picture was read by then.
            ui.horizontal(|ui| {
                ui.spinner();
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(lang.fill(Msg::PictureReading, &[("name", name)]))
                            .weak(),
                    )
                    .truncate(),
                );
            });
            return;
        }
        PictureView::Failed(why) => {
            ui.colored_label(ui.visuals().error_fg_color, why);
            return;
        }
    };
    let geometry = doc.editor.page().raw.geometry();
    let block_box = geometry.and_then(|g| union(&selected_lines(doc, state, g)));
    if state.picture_follow
        && let (Some(g), Some(b)) = (geometry, block_box)
    {
        state.picture_zoom = follow_zoom(g.page_size, b);
    }
    // Not yet set (a fresh desk): fitted.
    let zoom = state.picture_scale();
    let fit = (ui.available_width() - 12.0).max(50.0);
    let width = fit * zoom;
    // The scale it is drawn at against its own pixels: what "100%" means
    // beside the picture's size in pixels (fitted, a page scan is drawn
    // at a fifth or so).
    #[expect(
        clippy::cast_precision_loss,
        reason = "picture sides are at most a few thousand pixels"
    )]
    let drawn_percent = 100.0 * width / original.0.max(1) as f32;
    zoom_ui(ui, lang, drawn_percent, state.picture_follow, out);
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
    #[expect(
        clippy::cast_precision_loss,
        reason = "picture sides are at most a few thousand pixels"
    )]
    let aspect = size[1] as f32 / size[0].max(1) as f32;
    // Where the selection moved: the selected block across, at the current
    // doubt's row where there is one.
    let focus = if state.scroll_raw {
        geometry
            .and_then(|g| focus_box(block_box, union(&doubt_words(doc, state, g))).map(|b| (g, b)))
    } else {
        None
    };
    let image = egui::Image::new((texture.id(), egui::vec2(width, width * aspect)))
        .alt_text(lang.fill(Msg::PictureAlt, &[("name", &name)]))
        .sense(egui::Sense::click());
    let scroll = scrolled_ui(ui, image, focus);
    // Ctrl+wheel over the picture zooms it.
    if scroll.inner.hovered() {
        wheel_zoom(ui, out);
    }
    if let Some(geometry) = geometry {
        links_ui(
            ui,
            doc,
            state,
            geometry,
            &scroll.inner,
            scroll.inner_rect,
            out,
        );
    }
}

/// The picture in its scroll area, scrolled to `focus` (image pixels on
/// the page `geometry` measures) where the selection moved.
fn scrolled_ui(
    ui: &mut Ui,
    image: egui::Image<'_>,
    focus: Option<(&Geometry, BBox)>,
) -> egui::scroll_area::ScrollAreaOutput<egui::Response> {
    egui::ScrollArea::both()
        .id_salt("picture")
        .auto_shrink([false, false])
        .scroll_source(egui::scroll_area::ScrollSource::ALL)
        .show(ui, |ui| {
            let image = ui.add(image);
            if let Some((g, b)) = focus {
                // Its top in view: a block taller than the pane is shown
                // from its first line.
                let rect = Scale::new(g, image.rect).rect(b);
                let tall = rect.height().min(0.8 * ui.clip_rect().height());
                let top = Rect::from_min_size(rect.min, egui::vec2(rect.width(), tall));
                ui.scroll_to_rect(top, Some(egui::Align::Center));
            }
            image
        })
}

/// Text and picture linked: outlines the selected block's lines and the
/// current doubt's words on the picture drawn in `image`, and selects the
/// block of a line clicked on it.
fn links_ui(
    ui: &Ui,
    doc: &Document,
    state: &UiState,
    geometry: &Geometry,
    image: &egui::Response,
    visible: Rect,
    out: &mut Vec<Intent>,
) {
    let to_screen = Scale::new(geometry, image.rect);
    let painter = ui.painter_at(visible);
    for bbox in selected_lines(doc, state, geometry) {
        painter.rect_stroke(
            to_screen.rect(bbox),
            1.0,
            Stroke::new(2.0, SELECTION),
            egui::StrokeKind::Outside,
        );
    }
    for bbox in doubt_words(doc, state, geometry) {
        painter.rect_filled(to_screen.rect(bbox), 1.0, DOUBT.gamma_multiply(0.35));
        painter.rect_stroke(
            to_screen.rect(bbox),
            1.0,
            Stroke::new(2.0, DOUBT),
            egui::StrokeKind::Outside,
        );
    }
    if image.clicked()
        && let Some(pos) = image.interact_pointer_pos()
        && let Some(line) = to_screen
            .to_image(pos)
            .and_then(|(x, y)| geometry.line_at_point(x, y))
    {
        out.push(Intent::SelectRaw(line.start));
    }
}

/// Image pixels to screen points for a picture drawn in `image`.
struct Scale {
    origin: Pos2,
    x: f32,
    y: f32,
}

impl Scale {
    fn new(geometry: &Geometry, image: Rect) -> Self {
        #[expect(
            clippy::cast_precision_loss,
            reason = "page sides are a few thousand pixels"
        )]
        let (w, h) = (
            geometry.page_size[0].max(1) as f32,
            geometry.page_size[1].max(1) as f32,
        );
        Self {
            origin: image.min,
            x: image.width() / w,
            y: image.height() / h,
        }
    }

    /// The image pixel under screen point `pos`.
    fn to_image(&self, pos: Pos2) -> Option<(f32, f32)> {
        (self.x > 0.0 && self.y > 0.0).then(|| {
            (
                (pos.x - self.origin.x) / self.x,
                (pos.y - self.origin.y) / self.y,
            )
        })
    }

    #[expect(clippy::cast_precision_loss, reason = "pixel coordinates are small")]
    fn rect(&self, b: BBox) -> Rect {
        Rect::from_min_max(
            self.origin + egui::vec2(b[0] as f32 * self.x, b[1] as f32 * self.y),
            self.origin + egui::vec2(b[2] as f32 * self.x, b[3] as f32 * self.y),
        )
    }
}

/// The boxes of the engine lines the selected block's text comes from.
fn selected_lines(doc: &Document, state: &UiState, geometry: &Geometry) -> Vec<BBox> {
    let page = doc.editor.page();
    let Some(block) = state.selected.and_then(|at| {
        page.articles
            .get(at.article)
            .and_then(|a| a.blocks.get(at.block))
    }) else {
        return Vec::new();
    };
    let spans: Vec<(usize, usize)> = block.spans.iter().map(|s| (s.start, s.end)).collect();
    geometry.lines_meeting(&spans).map(|l| l.bbox).collect()
}

/// The boxes of the words the current doubt is about.
fn doubt_words(doc: &Document, state: &UiState, geometry: &Geometry) -> Vec<BBox> {
    let Some(d) = state
        .doubt
        .and_then(|i| doc.editor.page().review.doubts.get(i))
    else {
        return Vec::new();
    };
    let (start, end) = d.raw_range();
    geometry.words_meeting(start, end).map(|w| w.bbox).collect()
}

/// What the picture scrolls to: the block's width, and the rows of the
/// doubt's words where there are any (else the block's).
fn focus_box(block: Option<BBox>, doubt: Option<BBox>) -> Option<BBox> {
    match (block, doubt) {
        (Some(b), Some(d)) => Some([b[0].min(d[0]), d[1], b[2].max(d[2]), d[3]]),
        (b, d) => b.or(d),
    }
}

/// The box around all of `boxes`, if any.
fn union(boxes: &[BBox]) -> Option<BBox> {
    boxes.iter().copied().reduce(|a, b| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    })
}

/// The zoom buttons, the follow toggle and the scale the picture is drawn
/// at, in percent of its own pixels.
fn zoom_ui(
    ui: &mut Ui,
    lang: crate::i18n::Lang,
    drawn_percent: f32,
    following: bool,
    out: &mut Vec<Intent>,
) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .selectable_label(following, lang.get(Msg::PictureFollow))
            .on_hover_text(format!(
                "{} ({})",
                Command::FollowPicture.label(lang),
                Command::FollowPicture.shortcut_text()
            ))
            .clicked()
        {
            out.push(Intent::Run(Command::FollowPicture));
        }
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
        ui.label(format!("{drawn_percent:.0}%"))
            .on_hover_text(lang.get(Msg::PictureScale));
    });
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

#[cfg(test)]
mod tests {
    use super::{focus_box, follow_zoom, union};

    #[test]
    fn a_followed_block_fills_nine_tenths_of_the_pane_within_bounds() {
        // A column a fifth of the page wide: 4.5 times the fitted page.
        let column = follow_zoom([2000, 3000], [400, 100, 800, 900]);
        assert!((column - 4.5).abs() < 1e-4, "{column}");
        // A headline over the whole page: never smaller than fitted.
        assert!((follow_zoom([2000, 3000], [0, 0, 2000, 80]) - 1.0).abs() < 1e-6);
        // A glyph alone: no further than the zoom's bound.
        assert!((follow_zoom([2000, 3000], [10, 10, 20, 20]) - 8.0).abs() < 1e-6);
        // A box of no width (a degenerate engine box) is taken as one pixel.
        assert!((follow_zoom([2000, 3000], [10, 10, 10, 20]) - 8.0).abs() < 1e-6);
    }

    #[test]
    fn the_picture_scrolls_to_the_block_across_and_to_the_doubt_down() {
        let block = [100, 200, 500, 600];
        let doubt = [110, 400, 140, 428];
        assert_eq!(
            focus_box(Some(block), Some(doubt)),
            Some([100, 400, 500, 428])
        );
        assert_eq!(focus_box(Some(block), None), Some(block));
        assert_eq!(focus_box(None, Some(doubt)), Some(doubt));
        assert_eq!(focus_box(None, None), None);
    }

    #[test]
    fn the_union_of_line_boxes_spans_them_all() {
        assert_eq!(union(&[]), None);
        assert_eq!(
            union(&[[100, 200, 500, 228], [90, 230, 480, 258]]),
            Some([90, 200, 500, 258])
        );
    }
}
