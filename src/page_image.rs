//! The picture of a page, decoded (and scaled down if huge) for the desk to
//! show next to the text. Editors proofread against the printed page.
//!
//! It is found beside the page's file ([`crate::picture::beside`]): the
//! one an OCR file names, else one under the page's base name (`p.txt` →
//! `p.png`; `001.raw.txt` → `001.raw.png`, then `001.png`, as in
//! `../shared/devpages`); PNG, JPEG, WebP and TIFF (the archive scanners'
//! format).

use std::path::Path;

pub use crate::picture::{MAX_FILE_BYTES, PictureError as PageImageError};

/// A picture is scaled down so that its longer side has at most this many
/// pixels (enough to read a newspaper page on screen, and within every GPU's
/// texture limit).
pub const MAX_SIDE_PX: u32 = 4096;

/// A decoded picture: RGBA, 8 bits per channel, rows top to bottom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width × height × 4` bytes.
    pub rgba: Vec<u8>,
    /// The picture's size on disk before any scaling (pixels).
    pub original: (u32, u32),
}

/// Pixels of `image`, with its size before any scaling.
fn page_image(image: &image::DynamicImage, original: (u32, u32)) -> PageImage {
    let rgba = image.to_rgba8();
    PageImage {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
        original,
    }
}

/// Reads and decodes the picture at `path`, scaled down to
/// [`MAX_SIDE_PX`] on its longer side.
///
/// # Errors
/// [`PageImageError`] if the file cannot be read, is too large, or is not a
/// PNG, JPEG, WebP or TIFF picture.
pub fn decode(path: &Path) -> Result<PageImage, PageImageError> {
    let decoded = crate::picture::load(path)?;
    let original = (decoded.width(), decoded.height());
    if original.0.max(original.1) > MAX_SIDE_PX {
        Ok(page_image(
            &decoded.thumbnail(MAX_SIDE_PX, MAX_SIDE_PX),
            original,
        ))
    } else {
        Ok(page_image(&decoded, original))
    }
}

/// The parts `parts` of the picture at `path`, each scaled to `height_px`
/// pixels high: the places of a word on a page that is not on the desk.
///
/// A part taller than it is wide (a word in a column of a page set
/// vertically) is scaled to `height_px` pixels wide instead, so that its
/// glyphs keep the size they have in a part cut from a line.
///
/// Each part is `[left, top, right, bottom]` as fractions of the picture's
/// width and height, as [`crate::concordance::place_crop`] gives them; its
/// longer side is at most ten times `height_px` once scaled, and it is
/// `None` where it is not given or empty.
///
/// # Errors
/// [`PageImageError`] as [`decode`].
pub fn crops(
    path: &Path,
    parts: &[Option<[f32; 4]>],
    height_px: u32,
) -> Result<Vec<Option<PageImage>>, PageImageError> {
    let picture = crate::picture::load(path)?;
    let (w, h) = (picture.width(), picture.height());
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "fractions of a picture's sides, clamped to them"
    )]
    let px = |f: f32, side: u32| ((f.clamp(0.0, 1.0) * side as f32).round() as u32).min(side);
    Ok(parts
        .iter()
        .map(|part| {
            let [l, t, r, b] = (*part)?;
            let (x0, y0, x1, y1) = (px(l, w), px(t, h), px(r, w), px(b, h));
            if x1 <= x0 || y1 <= y0 {
                return None;
            }
            let part = picture.crop_imm(x0, y0, x1 - x0, y1 - y0);
            let long = height_px.saturating_mul(10);
            let (width, height) = if y1 - y0 > x1 - x0 {
                (height_px, long)
            } else {
                (long, height_px)
            };
            let scaled = part.resize(width, height, image::imageops::FilterType::Triangle);
            Some(page_image(&scaled, (x1 - x0, y1 - y0)))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{MAX_SIDE_PX, PageImageError, decode};

    /// The picture beside `page` under its base name.
    fn image_for(page: &std::path::Path) -> Option<std::path::PathBuf> {
        crate::picture::beside(page, None)
    }

    /// Writes a red picture in the format of `path`'s extension.
    fn png(path: &std::path::Path, w: u32, h: u32) {
        image::RgbaImage::from_pixel(w, h, image::Rgba([200, 10, 10, 255]))
            .save(path)
            .expect("a PNG is written");
    }

    #[test]
    fn the_picture_beside_a_page_is_found_by_its_base_name() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let page = dir.path().join("001.raw.txt");
        std::fs::write(&page, "text").expect("page");
        assert_eq!(image_for(&page), None, "no picture yet");
        png(&dir.path().join("001.png"), 4, 6);
        assert_eq!(image_for(&page), Some(dir.path().join("001.png")));
        png(&dir.path().join("001.raw.png"), 4, 6);
        assert_eq!(
            image_for(&page),
            Some(dir.path().join("001.raw.png")),
            "the fuller name first"
        );
        let plain = dir.path().join("p.txt");
        std::fs::write(dir.path().join("p.jpg"), b"not really").expect("jpg");
        assert_eq!(image_for(&plain), Some(dir.path().join("p.jpg")));
    }

    #[test]
    fn a_picture_decodes_and_a_huge_one_is_scaled_down() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let small = dir.path().join("s.png");
        png(&small, 30, 40);
        let img = decode(&small).expect("decodes");
        assert_eq!((img.width, img.height, img.original), (30, 40, (30, 40)));
        assert_eq!(img.rgba.len(), 30 * 40 * 4);
        assert_eq!(&img.rgba[..4], &[200, 10, 10, 255]);
        let huge = dir.path().join("h.png");
        png(&huge, MAX_SIDE_PX * 2, 10);
        let img = decode(&huge).expect("decodes");
        assert_eq!(img.width, MAX_SIDE_PX, "scaled to the limit");
        assert_eq!(img.original, (MAX_SIDE_PX * 2, 10));
        let bad = dir.path().join("b.jpg");
        std::fs::write(&bad, b"not a picture").expect("written");
        let e = decode(&bad).expect_err("refused");
        assert!(matches!(e, PageImageError::Decode { .. }), "{e}");
        assert!(
            e.to_string().contains("PNG, JPEG, WebP or TIFF"),
            "says what to do: {e}"
        );
    }

    #[test]
    fn the_parts_of_a_picture_are_cut_and_scaled_to_one_height_or_a_column_s_to_one_width() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("p.png");
        // Red, with a dark bar across its top half's left quarter.
        let mut picture = image::RgbaImage::from_pixel(400, 200, image::Rgba([200, 10, 10, 255]));
        for x in 0..100 {
            for y in 0..100 {
                picture.put_pixel(x, y, image::Rgba([20, 20, 20, 255]));
            }
        }
        picture.save(&path).expect("written");
        let parts = [
            Some([0.0, 0.0, 0.25, 0.5]),
            None,
            Some([0.5, 0.5, 1.0, 1.0]),
            Some([0.3, 0.3, 0.3, 0.9]),
            // A column's part: 40 × 160 pixels of the red.
            Some([0.6, 0.1, 0.7, 0.9]),
        ];
        let cut = super::crops(&path, &parts, 20).expect("cut");
        assert_eq!(cut.len(), 5);
        let bar = cut[0].as_ref().expect("the bar");
        assert_eq!((bar.width, bar.height, bar.original), (20, 20, (100, 100)));
        assert!(
            bar.rgba.chunks(4).all(|p| p == [20, 20, 20, 255]),
            "all dark"
        );
        assert_eq!(cut[1], None, "not given");
        let red = cut[2].as_ref().expect("the red corner");
        assert_eq!((red.width, red.height), (40, 20), "its shape kept");
        assert!(
            red.rgba.chunks(4).all(|p| p == [200, 10, 10, 255]),
            "all red"
        );
        assert_eq!(cut[3], None, "no width");
        let column = cut[4].as_ref().expect("the column");
        assert_eq!(
            (column.width, column.height, column.original),
            (20, 80, (40, 160)),
            "as wide as a line's part is high"
        );
        let missing = super::crops(&dir.path().join("none.png"), &parts, 20);
        assert!(matches!(missing, Err(PageImageError::Read { .. })));
    }

    #[test]
    fn webp_and_tiff_pictures_are_found_and_decoded() {
        let dir = tempfile::tempdir().expect("a temp dir");
        for (name, ext) in [("scan", "tif"), ("web", "webp")] {
            let page = dir.path().join(format!("{name}.txt"));
            std::fs::write(&page, "text").expect("page");
            let picture = dir.path().join(format!("{name}.{ext}"));
            png(&picture, 12, 8);
            assert_eq!(
                image_for(&page),
                Some(picture.clone()),
                "{ext} is looked for"
            );
            let img = decode(&picture).unwrap_or_else(|e| panic!("{ext} decodes: {e}"));
            assert_eq!((img.width, img.height), (12, 8), "{ext}");
            assert_eq!(&img.rgba[..4], &[200, 10, 10, 255], "{ext} pixels");
        }
    }
}
