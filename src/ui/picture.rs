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
use crate::ocr::{BBox, Geometry, bbox_union, line_runs};
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

/// How far outside a line's or a word's box its outline is drawn, in
/// points, so that it crosses none of the glyphs.
const OUTLINE_GAP: f32 = 3.0;

/// How much of the pane's width a followed block fills.
const FOLLOW_FILL: f32 = 0.9;

/// Which way a followed block fills the pane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fill {
    /// Across: a page set across, whose lines are rows.
    Width,
    /// Down: a page set vertically, whose lines are columns; the pane is
    /// `pane_over_picture` times as tall as the picture fitted to its width.
    Height {
        /// The pane's height over the fitted picture's.
        pane_over_picture: f32,
    },
}

/// The zoom, relative to the pane's width, at which a block whose lines
/// span `block` fills [`FOLLOW_FILL`] of the pane, across or down
/// (`fill`): never below the fitted page, never past [`ZOOM_RANGE`].
#[must_use]
pub fn follow_zoom(page_size: [u32; 2], block: BBox, fill: Fill) -> f32 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "page sides are a few thousand pixels"
    )]
    let side =
        |page: u32, from: u32, to: u32| page.max(1) as f32 / to.saturating_sub(from).max(1) as f32;
    let times = match fill {
        Fill::Width => side(page_size[0], block[0], block[2]),
        Fill::Height { pane_over_picture } => {
            pane_over_picture * side(page_size[1], block[1], block[3])
        }
    };
    (FOLLOW_FILL * times).clamp(1.0, *ZOOM_RANGE.end())
}

/// A picture ready to draw.
struct Ready {
    texture: TextureHandle,
    size: [usize; 2],
    name: String,
    original: (u32, u32),
}

/// The pane's heading and its ×; the picture when it is ready to draw,
/// else what stands in its place (none, being read, why it failed).
fn header_ui(ui: &mut Ui, state: &UiState, out: &mut Vec<Intent>) -> Option<Ready> {
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
    match &state.caches.picture {
        PictureView::Ready {
            texture,
            size,
            name,
            original,
        } => Some(Ready {
            texture: texture.clone(),
            size: *size,
            name: name.clone(),
            original: *original,
        }),
        PictureView::None => {
            ui.weak(lang.get(Msg::PictureNone));
            None
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
            None
        }
        PictureView::Failed(why) => {
            ui.colored_label(ui.visuals().error_fg_color, why);
            None
        }
    }
}

/// Draws the picture pane.
pub fn show(ui: &mut Ui, doc: &Document, state: &mut UiState, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(Ready {
        texture,
        size,
        name,
        original,
    }) = header_ui(ui, state, out)
    else {
        return;
    };
    let geometry = doc.editor.page().raw.geometry();
    let vertical = geometry.is_some_and(Geometry::is_vertical);
    let fit = (ui.available_width() - 12.0).max(50.0);
    #[expect(
        clippy::cast_precision_loss,
        reason = "picture sides are at most a few thousand pixels"
    )]
    let aspect = size[1] as f32 / size[0].max(1) as f32;
    // The selected block's run of lines that holds the current doubt (else
    // its first), and the doubt's words.
    let target = geometry.and_then(|g| {
        let doubt = bbox_union(doubt_words(doc, state, g, true));
        followed_run(&selected_lines(doc, state, g), doubt, vertical).map(|run| (g, run, doubt))
    });
    // Followed, the zoom is the run's, measured no shorter than a full line
    // of running text (the zoom holds still from paragraph to heading in
    // one column); a new zoom scrolls to it too (a block clicked on the
    // picture or the raw text).
    if state.picture_follow
        && let Some((g, run, _)) = target
    {
        // The pane under the zoom row and the file's line, against the
        // picture fitted to its width.
        let pane_over_picture = (ui.available_height() - 60.0).max(50.0) / (fit * aspect);
        let fill = if vertical {
            Fill::Height { pane_over_picture }
        } else {
            Fill::Width
        };
        follow_step(state, g, run, fill);
    }
    // Not yet set (a fresh desk): fitted.
    let zoom = state.picture_scale();
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
    // Where the selection moved: the selected block, at the current
    // doubt's row (or column) where the doubt is in it. Asked once the
    // picture is drawn (it may have been loading or hidden when asked).
    let focus = if std::mem::take(&mut state.scroll_picture) {
        target.and_then(|(g, run, doubt)| focus_box(Some(run), doubt, vertical).map(|b| (g, b)))
    } else {
        None
    };
    let image = egui::Image::new((texture.id(), egui::vec2(width, width * aspect)))
        .alt_text(lang.fill(Msg::PictureAlt, &[("name", &name)]))
        .sense(egui::Sense::click());
    let scroll = scrolled_ui(ui, image, focus, vertical, state.picture_follow);
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
/// the page `geometry` measures) where the selection moved: centred when
/// `following` or out of view; left alone where it is in view (a picture
/// panned by hand stays where it is).
fn scrolled_ui(
    ui: &mut Ui,
    image: egui::Image<'_>,
    focus: Option<(&Geometry, BBox)>,
    vertical: bool,
    following: bool,
) -> egui::scroll_area::ScrollAreaOutput<egui::Response> {
    // No faded edges over the glyphs, and no animation: following, the
    // picture is at the selection on the frame it moves.
    ui.spacing_mut().scroll.fade.strength = 0.0;
    egui::ScrollArea::both()
        .id_salt("picture")
        .auto_shrink([false, false])
        .scroll_source(egui::scroll_area::ScrollSource::ALL)
        .animated(false)
        .show(ui, |ui| {
            let image = ui.add(image);
            if let Some((g, b)) = focus {
                // Its first line in view: a block taller (or, set
                // vertically, wider) than the pane is shown from its
                // start, the top (or the right).
                let rect = Scale::new(g, image.rect).rect(b);
                let view = ui.clip_rect();
                let start = if vertical {
                    let wide = rect.width().min(0.8 * view.width());
                    Rect::from_min_max(egui::pos2(rect.max.x - wide, rect.min.y), rect.max)
                } else {
                    let tall = rect.height().min(0.8 * view.height());
                    Rect::from_min_size(rect.min, egui::vec2(rect.width(), tall))
                };
                // Centred, following or out of view: brought in by as
                // little as shows it, it would stand at the pane's edge,
                // the rest of its block past it.
                if following || !view.contains_rect(start) {
                    ui.scroll_to_rect(start, Some(egui::Align::Center));
                }
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
    // Drawn a little outside the boxes, and the doubt's words only faintly
    // filled: the glyphs inside are what the editor reads.
    for bbox in selected_lines(doc, state, geometry) {
        painter.rect_stroke(
            to_screen.rect(bbox).expand(OUTLINE_GAP),
            1.0,
            Stroke::new(2.0, SELECTION),
            egui::StrokeKind::Outside,
        );
    }
    for bbox in doubt_words(doc, state, geometry, false) {
        let rect = to_screen.rect(bbox).expand(OUTLINE_GAP);
        painter.rect_filled(rect, 1.0, DOUBT.gamma_multiply(0.15));
        painter.rect_stroke(
            rect,
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

/// The boxes of the words the current doubt is about; with `in_block`,
/// only where the doubt is in the selected block (the doubt stays current
/// while j, k or a click select another).
fn doubt_words(doc: &Document, state: &UiState, geometry: &Geometry, in_block: bool) -> Vec<BBox> {
    let page = doc.editor.page();
    let Some(d) = state.doubt.and_then(|i| page.review.doubts.get(i)) else {
        return Vec::new();
    };
    let (start, end) = d.raw_range();
    let selected = state.selected.and_then(|at| {
        page.articles
            .get(at.article)
            .and_then(|a| a.blocks.get(at.block))
    });
    if in_block && !selected.is_some_and(|b| b.spans.iter().any(|s| s.contains(start))) {
        return Vec::new();
    }
    geometry.words_meeting(start, end).map(|w| w.bbox).collect()
}

/// Sets the picture's zoom to the followed `run`'s, filling the pane as
/// `fill` says, and asks for a scroll when that changes it.
fn follow_step(state: &mut UiState, g: &Geometry, run: BBox, fill: Fill) {
    let vertical = matches!(fill, Fill::Height { .. });
    let zoom = follow_zoom(g.page_size, lengthened(run, g.full_line(), vertical), fill);
    state.scroll_picture |= (zoom - state.picture_zoom).abs() > 1e-3;
    state.picture_zoom = zoom;
}

/// The run of `lines` (a block's line boxes, in reading order;
/// [`line_runs`]) that holds `doubt`, else the first: a block that goes on
/// in the next column (or band) stands in two places on the page, and the
/// picture follows one of them.
fn followed_run(lines: &[BBox], doubt: Option<BBox>, vertical: bool) -> Option<BBox> {
    let runs = line_runs(lines, vertical);
    let meets = |r: &BBox, d: &BBox| r[0] < d[2] && d[0] < r[2] && r[1] < d[3] && d[1] < r[3];
    doubt
        .and_then(|d| runs.iter().find(|r| meets(r, &d)))
        .or(runs.first())
        .copied()
}

/// `run` made at least `length` pixels long along its lines (right, or
/// down), for measuring the zoom.
fn lengthened(run: BBox, length: u32, vertical: bool) -> BBox {
    let [x0, y0, x1, y1] = run;
    if vertical {
        [x0, y0, x1, y1.max(y0.saturating_add(length))]
    } else {
        [x0, y0, x1.max(x0.saturating_add(length)), y1]
    }
}

/// What the picture scrolls to: the block along its lines, and across them
/// the lines of the doubt's words where there are any (else the block's).
/// A page set across has rows for lines, one set vertically columns.
fn focus_box(block: Option<BBox>, doubt: Option<BBox>, vertical: bool) -> Option<BBox> {
    match (block, doubt) {
        (Some(b), Some(d)) if vertical => Some([d[0], b[1].min(d[1]), d[2], b[3].max(d[3])]),
        (Some(b), Some(d)) => Some([b[0].min(d[0]), d[1], b[2].max(d[2]), d[3]]),
        (b, d) => b.or(d),
    }
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
            .add(egui::Button::new(lang.get(Msg::PictureFollow)).selected(following))
            .on_hover_text(lang.fill(
                Msg::PictureFollowHover,
                &[
                    ("label", &Command::FollowPicture.label(lang)),
                    ("key", &Command::FollowPicture.shortcut_text()),
                ],
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
    use super::{Fill, focus_box, follow_zoom, followed_run, lengthened};

    #[test]
    fn a_block_that_goes_on_in_the_next_column_is_followed_where_its_doubt_is() {
        // Two lines at a column's foot, then two at the next column's head.
        let lines = [
            [100, 900, 400, 928],
            [100, 930, 300, 958],
            [450, 100, 750, 128],
            [450, 130, 750, 158],
        ];
        let first = [100, 900, 400, 958];
        let second = [450, 100, 750, 158];
        assert_eq!(followed_run(&lines, None, false), Some(first));
        assert_eq!(
            followed_run(&lines, Some([500, 130, 540, 158]), false),
            Some(second)
        );
        // A doubt outside the block: its first run.
        assert_eq!(
            followed_run(&lines, Some([900, 10, 920, 20]), false),
            Some(first)
        );
        assert_eq!(followed_run(&[], None, false), None);
        // Set vertically: columns read right to left, then the next band
        // under them starts at the right again.
        let columns = [
            [900, 100, 930, 700],
            [860, 100, 890, 500],
            [900, 800, 930, 1400],
        ];
        assert_eq!(
            followed_run(&columns, None, true),
            Some([860, 100, 930, 700])
        );
    }

    #[test]
    fn a_short_run_is_measured_as_a_full_line() {
        assert_eq!(
            lengthened([100, 10, 160, 40], 300, false),
            [100, 10, 400, 40]
        );
        assert_eq!(
            lengthened([100, 10, 500, 40], 300, false),
            [100, 10, 500, 40]
        );
        assert_eq!(
            lengthened([100, 10, 130, 40], 300, true),
            [100, 10, 130, 310]
        );
    }

    #[test]
    fn a_followed_block_fills_nine_tenths_of_the_pane_within_bounds() {
        // A column a fifth of the page wide: 4.5 times the fitted page.
        let column = follow_zoom([2000, 3000], [400, 100, 800, 900], Fill::Width);
        assert!((column - 4.5).abs() < 1e-4, "{column}");
        // A headline over the whole page: never smaller than fitted.
        let page_wide = follow_zoom([2000, 3000], [0, 0, 2000, 80], Fill::Width);
        assert!((page_wide - 1.0).abs() < 1e-6);
        // A glyph alone: no further than the zoom's bound.
        let glyph = follow_zoom([2000, 3000], [10, 10, 20, 20], Fill::Width);
        assert!((glyph - 8.0).abs() < 1e-6);
        // A box of no width (a degenerate engine box) is taken as one pixel.
        let flat = follow_zoom([2000, 3000], [10, 10, 10, 20], Fill::Width);
        assert!((flat - 8.0).abs() < 1e-6);
    }

    #[test]
    fn a_followed_block_set_vertically_fills_the_pane_down() {
        // A column of glyphs a third of the page tall, in a pane half as
        // tall as the fitted picture: 0.9 × 0.5 × 3 = 1.35 times fitted,
        // where its narrow width alone would zoom to the bound.
        let fill = Fill::Height {
            pane_over_picture: 0.5,
        };
        let column = follow_zoom([2000, 3000], [1800, 100, 1860, 1100], fill);
        assert!((column - 1.35).abs() < 1e-4, "{column}");
        let across = follow_zoom([2000, 3000], [1800, 100, 1860, 1100], Fill::Width);
        assert!((across - 8.0).abs() < 1e-6);
    }

    #[test]
    fn the_picture_scrolls_to_the_block_across_and_to_the_doubt_down() {
        let block = [100, 200, 500, 600];
        let doubt = [110, 400, 140, 428];
        assert_eq!(
            focus_box(Some(block), Some(doubt), false),
            Some([100, 400, 500, 428])
        );
        assert_eq!(focus_box(Some(block), None, false), Some(block));
        assert_eq!(focus_box(None, Some(doubt), false), Some(doubt));
        assert_eq!(focus_box(None, None, false), None);
        // Set vertically: the block down its columns, the doubt's column
        // across.
        assert_eq!(
            focus_box(Some(block), Some(doubt), true),
            Some([110, 200, 140, 600])
        );
    }
}
