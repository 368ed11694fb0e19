//! The page picture beside a page's text, and what its ink shows where an
//! OCR engine read a mark.
//!
//! An engine misreads a full stop `。` as another mark: on the ten pages of
//! `devpages-ocr`, Tesseract wrote a comma for 451 of the gold's full stops
//! (39 as the ASCII `,`), an apostrophe for 149 and a colon for 72. The
//! picture settles it. A `。` is a small ring floating in the lower half of
//! its cell, with blank paper above and below it; a comma's tail reaches
//! the line's foot, a `、` is a short solid stroke, a `：` two solid dots.
//! [`stops_inked`] finds the marks whose picture is a ring, and the
//! proposal reads them as `。`.
//!
//! `p.txt` → `p.png`; `001.raw.txt` → `001.raw.png`, then `001.png` (as in
//! `../shared/devpages`); PNG, JPEG, WebP and TIFF (the archive scanners'
//! format).

use std::path::{Path, PathBuf};

use crate::ocr::{BBox, Geometry, OcrWord};

/// The picture formats looked for, in order.
pub const EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "webp", "tif", "tiff"];

/// Pictures larger than this on disk are not opened.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// A pixel darker than this (0 black, 255 white) is ink. Tesseract's
/// pictures are anti-aliased: a thin comma is light grey, about 170–200.
const INK_BELOW: u8 = 200;

/// A pixel darker than this is at least faint ink: the thin tail of a
/// small mark at 200 dpi is lighter than [`INK_BELOW`].
const FAINT_BELOW: u8 = 235;

/// The largest ring, as a share of its line's height either way (a `。`
/// is about a quarter of a glyph's height; a glyph's `口` is wider).
const RING_AT_MOST: f32 = 0.4;
/// A ring stands at least this share of its line's height below the
/// line's top (a dot of a glyph stands higher)…
const RING_BELOW_TOP: f32 = 0.3;
/// …and at least this share above the line's foot, where a comma's tail
/// reaches.
const RING_ABOVE_FOOT: f32 = 0.12;
/// How far from the place the engine's box gives a mark its ring may be,
/// as a share of the line's height: to the right…
const RING_SEARCH: f32 = 0.3;
/// …and to the left, farther: an engine often boxes a mark with the glyph
/// after it (`,到`, or a mark's word of its own boxed on that glyph), and
/// the ring then stands up to half a cell before the box. On
/// `devpages-ocr`, searching 0.6 of the height to the left finds 32 more
/// rings than 0.3 and no false one; a whole height finds two false ones.
const RING_SEARCH_BEFORE: f32 = 0.6;
/// The tallest line searched for rings, in pixels (a headline's line on a
/// page scanned at 600 dpi is about 300).
const MAX_LINE_PX: i64 = 512;
/// A mark in a word of several glyphs sits within this share of the
/// line's height from the word's end it is read at.
const MARK_WIDTH: f32 = 0.6;

/// The picture of the page read from `path` as `raw`.
///
/// The one its OCR file names first, else one under the page's base name
/// ([`beside`]). The proposal reads its ink, the desk shows it, and "correct all
/// similar" cuts its crops from it: all the same picture.
#[must_use]
pub fn of_page(path: &Path, raw: &crate::page::RawText) -> Option<PathBuf> {
    beside(path, raw.geometry().and_then(|g| g.image.as_deref()))
}

/// The picture beside `page`: the one named `named` (as an OCR file names
/// its image; only the file name is kept, looked for in the page's folder),
/// else one under the page's base name.
#[must_use]
pub fn beside(page: &Path, named: Option<&str>) -> Option<PathBuf> {
    let folder = page.parent()?;
    // The name after the last `/` or `\`: an engine run on Windows writes
    // `C:\scans\001.jpg`, one path component on any other system.
    let named = named.and_then(|n| n.rsplit(['/', '\\']).next());
    if let Some(name) = named.filter(|n| !n.is_empty() && !matches!(*n, "." | "..")) {
        let candidate = folder.join(name);
        if candidate.is_file() {
            return Some(candidate);
        }
    }
    let name = page.file_name()?.to_str()?;
    // `001.raw.txt` → `001.raw`, then `001`.
    let mut stems = Vec::new();
    if let Some((stem, _ext)) = name.rsplit_once('.') {
        stems.push(stem);
        if let Some((first, _)) = stem.split_once('.') {
            stems.push(first);
        }
    } else {
        stems.push(name);
    }
    stems.iter().find_map(|stem| {
        EXTENSIONS.iter().find_map(|ext| {
            let candidate = page.with_file_name(format!("{stem}.{ext}"));
            candidate.is_file().then_some(candidate)
        })
    })
}

/// Why a page picture could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// The file could not be read.
    #[error("cannot read the page picture {path}: {source}")]
    Read {
        /// The picture.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is too large to open.
    #[error(
        "the page picture {path} has {bytes} bytes, more than the {MAX_FILE_BYTES} a picture may have; scale it down to use it"
    )]
    TooLarge {
        /// The picture.
        path: PathBuf,
        /// Its size.
        bytes: u64,
    },
    /// The file is not a picture this build can decode.
    #[error("cannot decode the page picture {path}: {source}; save it as PNG, JPEG, WebP or TIFF")]
    Decode {
        /// The picture.
        path: PathBuf,
        /// The cause.
        source: image::ImageError,
    },
}

/// Reads and decodes the picture at `path`, at its own size.
///
/// # Errors
/// [`PictureError`] if the file cannot be read, is larger than
/// [`MAX_FILE_BYTES`], or is not a PNG, JPEG, WebP or TIFF picture.
pub fn load(path: &Path) -> Result<image::DynamicImage, PictureError> {
    let read = |source| PictureError::Read {
        path: path.to_owned(),
        source,
    };
    let bytes = std::fs::metadata(path).map_err(read)?.len();
    if bytes > MAX_FILE_BYTES {
        return Err(PictureError::TooLarge {
            path: path.to_owned(),
            bytes,
        });
    }
    let data = std::fs::read(path).map_err(read)?;
    image::load_from_memory(&data).map_err(|source| PictureError::Decode {
        path: path.to_owned(),
        source,
    })
}

/// A picture read for its ink: grey, RGB or RGBA bytes, rows top to
/// bottom.
///
/// A pixel's grey level is worked out when it is looked at: the
/// ring search looks at a small part of a page, and converting a whole
/// 2,339 × 3,309 page to grey took 40 ms.
pub struct Gray {
    width: usize,
    height: usize,
    /// Bytes a pixel: 1 (grey), 3 (RGB) or 4 (RGBA).
    channels: usize,
    bytes: Vec<u8>,
}

impl Gray {
    /// A `width × height` grey picture of `pixels`; `None` when their
    /// number is not that.
    #[must_use]
    pub fn new(width: usize, height: usize, pixels: Vec<u8>) -> Option<Self> {
        (width.checked_mul(height) == Some(pixels.len())).then_some(Self {
            width,
            height,
            channels: 1,
            bytes: pixels,
        })
    }

    /// `picture`, kept as decoded where it is grey, RGB or RGBA (a JPEG
    /// or PNG page usually is), else converted to grey.
    #[must_use]
    pub fn of(picture: image::DynamicImage) -> Self {
        let (width, height) = (picture.width() as usize, picture.height() as usize);
        let (channels, bytes) = match picture {
            image::DynamicImage::ImageLuma8(b) => (1, b.into_raw()),
            image::DynamicImage::ImageRgb8(b) => (3, b.into_raw()),
            image::DynamicImage::ImageRgba8(b) => (4, b.into_raw()),
            other => (1, other.to_luma8().into_raw()),
        };
        Self {
            width,
            height,
            channels,
            bytes,
        }
    }

    /// Whether the engine's boxes in `geometry` are in this picture's
    /// pixels: it has the size of the page the engine read, or, where the
    /// file gave none, holds every line's box. A picture scaled or cropped
    /// since would put every box in the wrong place.
    #[must_use]
    pub fn fits(&self, geometry: &Geometry) -> bool {
        fits(geometry, (self.width, self.height))
    }

    /// Whether pixel `(x, y)` is ink; nothing outside the picture is.
    fn ink(&self, x: i64, y: i64) -> bool {
        self.darker_than(x, y, INK_BELOW)
    }

    /// Whether pixel `(x, y)` is at least faint ink ([`FAINT_BELOW`]): the
    /// thin tail of a small mark.
    fn faint(&self, x: i64, y: i64) -> bool {
        self.darker_than(x, y, FAINT_BELOW)
    }

    /// Whether pixel `(x, y)` is darker than `below`.
    fn darker_than(&self, x: i64, y: i64, below: u8) -> bool {
        let (Ok(x), Ok(y)) = (usize::try_from(x), usize::try_from(y)) else {
            return false;
        };
        if x >= self.width || y >= self.height {
            return false;
        }
        let at = (y * self.width + x) * self.channels;
        let level = match self.bytes.get(at..at + self.channels) {
            Some(&[grey]) => u32::from(grey),
            // Rec. 601 weights, in 256ths (as `image` converts to grey).
            Some(&[r, g, b, ..]) => {
                (77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b)) >> 8
            }
            _ => return false,
        };
        level < u32::from(below)
    }

    /// Whether no pixel of columns `x0..=x1`, rows `y0..y1` is ink.
    fn blank(&self, (x0, x1): (i64, i64), (y0, y1): (i64, i64)) -> bool {
        (y0..y1).all(|y| (x0..=x1).all(|x| !self.ink(x, y)))
    }
}

/// One blot of ink: 8-connected ink pixels.
struct Blot {
    left: i64,
    top: i64,
    right: i64,
    bottom: i64,
    /// Its pixels, as offsets into the window it was found in.
    pixels: Vec<usize>,
    /// Whether it reaches the window's edge (part of something larger).
    cut: bool,
}

/// The blots of ink in window `[left, top, right, bottom)` of `gray`.
fn blots(gray: &Gray, [left, top, right, bottom]: [i64; 4]) -> Vec<Blot> {
    let (Ok(w), Ok(h)) = (usize::try_from(right - left), usize::try_from(bottom - top)) else {
        return Vec::new();
    };
    let at = |i: usize| (left + (i % w) as i64, top + (i / w) as i64);
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    for start in 0..w * h {
        let (x, y) = at(start);
        if seen[start] || !gray.ink(x, y) {
            continue;
        }
        seen[start] = true;
        let mut blot = Blot {
            left: x,
            top: y,
            right: x,
            bottom: y,
            pixels: Vec::new(),
            cut: false,
        };
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            blot.pixels.push(i);
            let (x, y) = at(i);
            blot.left = blot.left.min(x);
            blot.right = blot.right.max(x);
            blot.top = blot.top.min(y);
            blot.bottom = blot.bottom.max(y);
            blot.cut |= x == left || y == top || x == right - 1 || y == bottom - 1;
            for (dx, dy) in [
                (-1, -1),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x + dx, y + dy);
                if nx < left || ny < top || nx >= right || ny >= bottom {
                    continue;
                }
                #[expect(
                    clippy::cast_sign_loss,
                    clippy::cast_possible_truncation,
                    reason = "inside the window, so non-negative and small"
                )]
                let j = (ny - top) as usize * w + (nx - left) as usize;
                if !seen[j] && gray.ink(nx, ny) {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        out.push(blot);
    }
    out
}

impl Blot {
    /// Whether a row of the blot has paper between two of its pixels: the
    /// two sides of a ring (a comma's blot is solid).
    fn open_inside(&self, window_left: i64, window_top: i64, window_width: usize) -> bool {
        let mut rows: std::collections::BTreeMap<i64, Vec<i64>> = std::collections::BTreeMap::new();
        for &i in &self.pixels {
            rows.entry(window_top + (i / window_width) as i64)
                .or_default()
                .push(window_left + (i % window_width) as i64);
        }
        rows.values_mut().any(|xs| {
            xs.sort_unstable();
            xs.windows(2).any(|p| p[1] > p[0] + 1)
        })
    }
}

/// A line's rows on the page picture, where its marks are searched for.
struct Rows {
    top: i64,
    foot: i64,
    height: i64,
}

impl Rows {
    /// The rows of the line boxed `line`; `None` for a line of no height
    /// or taller than any a page is set in ([`MAX_LINE_PX`]).
    fn of(line: BBox) -> Option<Self> {
        let [_, top, _, foot] = line.map(i64::from);
        let height = foot - top;
        (height > 0 && height <= MAX_LINE_PX).then_some(Self { top, foot, height })
    }

    /// `f` of the line's height, in pixels.
    fn share(&self, f: f32) -> i64 {
        #[expect(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            reason = "pixel distances on a page picture are small"
        )]
        let px = (f * self.height as f32).round() as i64;
        px
    }

    /// The window `[left, top, right, bottom)` of columns `left..right`,
    /// from half a line's height above the line to half below it, inside
    /// the picture.
    fn window(&self, gray: &Gray, (left, right): (i64, i64)) -> [i64; 4] {
        let (w, h) = (gray.width as i64, gray.height as i64);
        [
            left.max(0),
            (self.top - self.height / 2).max(0),
            right.min(w),
            (self.foot + self.height / 2).min(h),
        ]
    }
}

/// Whether a full stop's ring is inked on line `line` (its box) near
/// columns `from..=to`.
///
/// A ring is a blot no more than [`RING_AT_MOST`] of the line's
/// height either way, open inside, in the line's lower part
/// ([`RING_BELOW_TOP`], [`RING_ABOVE_FOOT`]), with blank paper above and
/// below it up to the line's top and foot.
#[must_use]
pub fn ring_near(gray: &Gray, line: BBox, (from, to): (i64, i64)) -> bool {
    // A mark's place wider than two cells is no box a mark can be found
    // by (and would make the search window huge).
    let Some(rows) = Rows::of(line).filter(|r| to >= from && to - from <= 2 * r.height) else {
        return false;
    };
    let (top, foot, height) = (rows.top, rows.foot, rows.height);
    let share = |f: f32| rows.share(f);
    // A window wider than the search by a line's height on each side, so
    // that a blot cut by its edge is part of a glyph, never a ring.
    let window = rows.window(gray, (from - height, to + height + 1));
    let width = usize::try_from(window[2] - window[0]).unwrap_or(0);
    let (near_from, near_to) = (from - share(RING_SEARCH_BEFORE), to + share(RING_SEARCH));
    blots(gray, window).iter().any(|b| {
        let (w, h) = (b.right - b.left + 1, b.bottom - b.top + 1);
        !b.cut
            && b.pixels.len() >= 4
            && w <= share(RING_AT_MOST)
            && h <= share(RING_AT_MOST)
            && b.right >= near_from
            && b.left <= near_to
            && b.top - top >= share(RING_BELOW_TOP)
            && foot - (b.bottom + 1) >= share(RING_ABOVE_FOOT)
            && b.open_inside(window[0], window[1], width)
            && gray.blank((b.left - 1, b.right + 1), (top, b.top - 1))
            && gray.blank((b.left - 1, b.right + 1), (b.bottom + 2, foot + 1))
    })
}

/// A mark the engine left unread after a line's last glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unread {
    /// `。`: a small ring standing clear of the line's foot.
    FullStop,
    /// A solid dot where a `。` stands: a full stop printed filled, or a
    /// `、`.
    Dot,
    /// `，`: a small blot down at the line's foot.
    Comma,
    /// `、`: a small solid stroke at mid-height ([`mid_mark_near`]).
    Enumeration,
    /// `：`: a dot over a dot ([`mid_mark_near`]).
    Colon,
    /// `；`: a dot over a comma ([`mid_mark_near`]).
    Semicolon,
}

impl Unread {
    /// The char the proposal writes for it (a dot as the full stop it
    /// most often is).
    #[must_use]
    pub fn written(self) -> char {
        match self {
            Self::FullStop | Self::Dot => '。',
            Self::Comma => '，',
            Self::Enumeration => '、',
            Self::Colon => '：',
            Self::Semicolon => '；',
        }
    }
}

/// The largest blot of an unread mark, as a share of its line's height
/// either way (a comma's dot and tail, a full stop's ring; the stem of a
/// `！` or the next column's glyph is larger).
const UNREAD_AT_MOST: f32 = 0.45;
/// How far right of the line's end an unread mark may begin, as a share
/// of the line's height (the gutter to the next column is wider).
const UNREAD_SEARCH: f32 = 0.9;
/// How many times over the searches for marks may read the page picture
/// ([`Budget`]).
const SEARCH_COVERS_AT_MOST: usize = 4;

/// How much of the page picture the searches for marks may still read.
///
/// The places a page's lines and marks are searched at cover its picture
/// about once; a file that would have it read more than
/// [`SEARCH_COVERS_AT_MOST`] times over (one box repeated many times, a
/// hostile file) is searched no further.
struct Budget {
    left: usize,
}

impl Budget {
    fn of(gray: &Gray) -> Self {
        Self {
            left: SEARCH_COVERS_AT_MOST.saturating_mul(gray.width.saturating_mul(gray.height)),
        }
    }

    /// Takes a search of a window of `pixels`; false once the budget is
    /// spent.
    fn spend(&mut self, pixels: usize) -> bool {
        let left = self.left.checked_sub(pixels);
        self.left = left.unwrap_or(0);
        left.is_some()
    }

    /// [`Self::spend`] on the window of `height_px`² × `square`.
    fn spend_squares(&mut self, height_px: i64, square: usize) -> bool {
        let h = usize::try_from(height_px).unwrap_or(0);
        self.spend(square.saturating_mul(h).saturating_mul(h))
    }
}
/// How far left of the line's end (inside the line's box) an unread ring
/// may begin, as a share of the line's height: the engine boxed it with
/// the line but read nothing for it.
const UNREAD_INSIDE: f32 = 0.25;

/// The mark inked right after the end (`end`, a pixel column) of line
/// `line` that the engine did not read, if any.
///
/// The blots that begin at most [`UNREAD_SEARCH`] right of the end, inside
/// the line's rows and no larger than [`UNREAD_AT_MOST`]; the leftmost and
/// any beside it (a comma's dot and its tail) make the mark, with blank
/// paper above it up to the line's top, and before and after it across
/// the line's rows (not a piece of the glyph before it, not one dot of an
/// ellipsis). A `。` is 0.1–0.3 of the line's height wide, 0.15–0.35 tall,
/// standing clear of the top and the foot by a quarter of the height, a
/// ring ([`Unread::FullStop`]) or solid ([`Unread::Dot`]: a `。` printed
/// filled, or a `、`); a `，` stands in the line's lowest third and reaches
/// to within a fifth of its foot. Up to [`UNREAD_INSIDE`] inside the
/// line's end only a ring counts. On `devpages-ocr` (Tesseract 5, 200 dpi)
/// the proposal writes 94 rings, 7 dots and 171 commas so, one dot and one
/// comma wrong (the measured counts of
/// [`crate::decision::Evidence::StopUnread`], `DotUnread` and
/// `CommaUnread`).
#[must_use]
pub fn unread_after(gray: &Gray, line: BBox, end: i64) -> Option<Unread> {
    unread_beside(gray, line, end, None).map(|(mark, _)| mark)
}

/// [`unread_after`], with the closing `quote` found after the line's end
/// ([`quote_in`]) left out of the search: its blots are no mark, and the
/// paper around the mark is judged below it. Also gives the mark's left
/// column.
fn unread_beside(
    gray: &Gray,
    line: BBox,
    end: i64,
    quote: Option<&Quote>,
) -> Option<(Unread, i64)> {
    let rows = Rows::of(line)?;
    let (top, foot, height) = (rows.top, rows.foot, rows.height);
    let share = |f: f32| rows.share(f);
    let window = rows.window(gray, (end - height / 2, end + 2 * height));
    let width = usize::try_from(window[2] - window[0]).unwrap_or(0);
    let in_quote = |b: &Blot| {
        quote.is_some_and(|q| b.left >= q.left && b.right <= q.right && b.bottom <= q.bottom)
    };
    // With a quote beside it, the paper around the mark is judged below
    // the quote's foot.
    let clear_from = quote.map_or(top, |q| q.bottom + 1);
    let near: Vec<Blot> = blots(gray, window)
        .into_iter()
        .filter(|b| {
            !b.cut
                && !in_quote(b)
                && b.left >= end - share(UNREAD_INSIDE)
                && b.left <= end + share(UNREAD_SEARCH)
                && b.top >= top
                && b.bottom <= foot
                && b.right - b.left < share(UNREAD_AT_MOST)
                && b.bottom - b.top < share(UNREAD_AT_MOST)
        })
        .collect();
    let (after, inside): (Vec<&Blot>, Vec<&Blot>) = near.iter().partition(|b| b.left >= end - 1);
    let shape = |blots: &[&Blot]| {
        let first = blots.iter().map(|b| b.left).min()?;
        let mark: Vec<&Blot> = blots
            .iter()
            .copied()
            .filter(|b| b.left <= first + 2)
            .collect();
        let ring = matches!(mark.as_slice(), [b] if b.open_inside(window[0], window[1], width));
        let (left, right) = (first, mark.iter().map(|b| b.right).max()?);
        let (mark_top, bottom) = (
            mark.iter().map(|b| b.top).min()?,
            mark.iter().map(|b| b.bottom).max()?,
        );
        // Ink above it in its columns: the foot of something taller
        // (`！`). Ink right beside it, before or after, in the line's rows:
        // a piece of the glyph before it, or one dot of an ellipsis.
        let clear = gray.blank((left - 1, right + 1), (clear_from.min(mark_top), mark_top))
            && gray.blank((left - share(0.1).max(1), left - 1), (clear_from, foot))
            && gray.blank((right + 1, right + share(0.3).max(1)), (clear_from, foot));
        let (wide, tall) = (right - left + 1, bottom - mark_top + 1);
        let (above, below) = (mark_top - top, foot - bottom);
        let stop = (share(0.1)..=share(0.3)).contains(&wide)
            && (share(0.15)..=share(0.35)).contains(&tall)
            && above >= share(0.25)
            && below >= share(0.25);
        let comma =
            above >= share(0.65) && below <= share(0.2) && wide <= share(0.2) && tall <= share(0.4);
        match (clear, stop, comma) {
            (true, true, _) if ring => Some((Unread::FullStop, true, left)),
            (true, true, _) => Some((Unread::Dot, false, left)),
            (true, false, true) => Some((Unread::Comma, ring, left)),
            _ => None,
        }
    };
    // Past the line's end, a full stop or a comma; just inside it (the
    // engine boxed the mark with its line but read nothing), only a ring:
    // a `、` there is solid.
    shape(&after)
        .map(|(mark, _, left)| (mark, left))
        .or_else(|| {
            shape(&inside)
                .filter(|&(mark, ring, _)| mark == Unread::FullStop && ring)
                .map(|(mark, _, left)| (mark, left))
        })
}

/// A quotation mark inked at the top of a line ([`quote_in`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Its first column.
    pub left: i64,
    /// Its last column.
    pub right: i64,
    /// Its lowest row.
    pub bottom: i64,
    /// Whether it closes (`”`: its ink heavier at the top, each stroke a
    /// dot with its tail below it) rather than opens (`“`, heavier at the
    /// foot).
    pub closes: bool,
}

/// How far right of a line's end a quotation mark may be searched for, as
/// a share of the line's height (past a `。` the engine did not read).
const QUOTE_SEARCH: f32 = 1.2;

/// The quotation mark inked at the top of line `line` (its box), beginning
/// in columns `from..=to`, if any.
///
/// Its strokes are small blots (at most 0.35 of the line's height wide,
/// at least 0.12 tall) standing from the line's top (0.1 above it, not the
/// foot of a mark of the line above, to 0.15 below) to above its middle
/// (0.45), with blank paper below them down to the line's foot and above
/// them: no glyph's part. The leftmost and any within 0.3 of the height
/// after it make the mark, 0.15–0.4 of the height wide (at 200 dpi a
/// `”`'s two strokes often touch). Whether it closes is read from where
/// its ink is heavier ([`Quote::closes`]), by a tenth at least: ink as
/// heavy at the top as at the foot is a ring's, a `。` in a line boxed
/// too short.
#[must_use]
pub fn quote_in(gray: &Gray, line: BBox, (from, to): (i64, i64)) -> Option<Quote> {
    let rows = Rows::of(line).filter(|r| to >= from && to - from <= 3 * r.height)?;
    let (top, foot, height) = (rows.top, rows.foot, rows.height);
    let share = |f: f32| rows.share(f);
    // A quote's first column has ink at the top and paper below it: where
    // no column has, there is none, and the blots need not be cut out
    // (most lines' ends).
    let (band, below) = (top - share(0.1), top + share(0.45));
    let column =
        |x: i64| !gray.blank((x, x), (band, below)) && gray.blank((x, x), (below, foot + 1));
    if !(from..=to).any(column) {
        return None;
    }
    let window = rows.window(gray, (from - height, to + height + 1));
    let width = usize::try_from(window[2] - window[0]).unwrap_or(0);
    let found = blots(gray, window);
    let mut strokes: Vec<&Blot> = found
        .iter()
        .filter(|b| {
            !b.cut
                && (from..=to).contains(&b.left)
                && (top - share(0.1)..=top + share(0.15)).contains(&b.top)
                && b.bottom < top + share(0.45)
                && b.right - b.left < share(0.35)
                && b.bottom - b.top + 1 >= share(0.12)
                && gray.blank((b.left, b.right), (b.bottom + 1, foot + 1))
                && gray.blank((b.left, b.right), (top - share(0.25), b.top))
        })
        .collect();
    strokes.sort_by_key(|b| b.left);
    let (first, rest) = strokes.split_first()?;
    let mut mark = vec![*first];
    for b in rest {
        let right = mark.iter().map(|m| m.right).max().unwrap_or(b.left);
        if b.left - right <= share(0.3) {
            mark.push(b);
        }
    }
    let left = first.left;
    let right = mark.iter().map(|b| b.right).max()?;
    let (mark_top, bottom) = (
        mark.iter().map(|b| b.top).min()?,
        mark.iter().map(|b| b.bottom).max()?,
    );
    if !(share(0.15)..=share(0.4)).contains(&(right - left + 1)) {
        return None;
    }
    // The ink of its upper rows against its lower rows (the middle row of
    // an odd height counted in neither).
    let tall = bottom - mark_top + 1;
    let (mut upper, mut lower) = (0_usize, 0_usize);
    for b in &mark {
        for &i in &b.pixels {
            let y = window[1] + (i / width.max(1)) as i64 - mark_top;
            if y < tall / 2 {
                upper += 1;
            } else if y >= (tall + 1) / 2 {
                lower += 1;
            }
        }
    }
    let closes = if upper * 10 >= lower * 11 {
        true
    } else if lower * 10 >= upper * 11 {
        false
    } else {
        return None;
    };
    Some(Quote {
        left,
        right,
        bottom,
        closes,
    })
}

/// The line-final glyphs after which the picture shows a mark the engine
/// did not read ([`unread_after`]), as raw offsets in order, by its kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnreadMarks {
    /// After these, a full stop's ring.
    pub stops: Vec<usize>,
    /// After these, a solid dot (a filled `。`, or a `、`).
    pub dots: Vec<usize>,
    /// After these, a comma.
    pub commas: Vec<usize>,
    /// After these, a `、` boxed with the glyph.
    pub enumerations: Vec<usize>,
    /// After these, a `：`.
    pub colons: Vec<usize>,
    /// After these, a `；`.
    pub semicolons: Vec<usize>,
    /// After these, a closing quote `”`, written after the mark listed
    /// above for the same glyph, if any (`。”`).
    pub quotes: Vec<usize>,
    /// After these, a closing quote written before the mark listed above
    /// for the same glyph (`”。`).
    pub quotes_first: Vec<usize>,
    /// The marks the engine read (raw offsets, rising) whose ink is
    /// another mark, with that mark: a closing quote ([`quotes_inked`]:
    /// `。”` read `，…`), or a `、`, `·`, `：` or `；` for a comma
    /// ([`mid_marks_inked`]). A quote is kept where both were found.
    pub misread: Vec<(usize, crate::punct::Mark)>,
}

/// [`UnreadMarks::misread`] from the lists `geometry` keeps them in.
fn misread_of(geometry: &Geometry) -> Vec<(usize, crate::punct::Mark)> {
    use crate::punct::Mark;
    let mut out: Vec<(usize, Mark)> = [
        (&geometry.quotes_inked, Mark::CloseQuote),
        (&geometry.enumerations_inked, Mark::Enumeration),
        (&geometry.name_dots_inked, Mark::NameDot),
        (&geometry.colons_inked, Mark::Colon),
        (&geometry.semicolons_inked, Mark::Semicolon),
    ]
    .into_iter()
    .flat_map(|(list, mark)| list.iter().flatten().map(move |&o| (o, mark)))
    .collect();
    // Stable: of two marks at one offset the quote, listed first, stays.
    out.sort_by_key(|&(o, _)| o);
    out.dedup_by_key(|&mut (o, _)| o);
    out
}

/// Where an unread closing quote stands among the marks after a glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotePlace {
    /// Before the other mark listed there (`”。`).
    First,
    /// After it, or alone (`。”`, `”`).
    Last,
}

impl UnreadMarks {
    /// The marks `geometry` keeps (none where no picture was read).
    #[must_use]
    pub fn of(geometry: &Geometry) -> Self {
        let list = |l: &Option<Vec<usize>>| l.clone().unwrap_or_default();
        Self {
            stops: list(&geometry.stops_unread),
            dots: list(&geometry.dots_unread),
            commas: list(&geometry.commas_unread),
            enumerations: list(&geometry.enumerations_unread),
            colons: list(&geometry.colons_unread),
            semicolons: list(&geometry.semicolons_unread),
            quotes: list(&geometry.quotes_unread),
            quotes_first: list(&geometry.quotes_unread_first),
            misread: misread_of(geometry),
        }
    }

    /// The mark the picture shows for the one the engine read at raw
    /// offset `at`, if it shows another ([`Self::misread`]).
    #[must_use]
    pub fn misread_at(&self, at: usize) -> Option<crate::punct::Mark> {
        self.misread
            .binary_search_by_key(&at, |&(o, _)| o)
            .ok()
            .map(|i| self.misread[i].1)
    }

    /// Where the closing quote after the glyph at raw offset `at` stands,
    /// if one is listed.
    #[must_use]
    pub fn quote_after(&self, at: usize) -> Option<QuotePlace> {
        if self.quotes_first.binary_search(&at).is_ok() {
            Some(QuotePlace::First)
        } else if self.quotes.binary_search(&at).is_ok() {
            Some(QuotePlace::Last)
        } else {
            None
        }
    }

    /// The marks the proposal writes after the glyph at raw offset `at`,
    /// in printed order (none where none is listed).
    #[must_use]
    pub fn written_after(&self, at: usize) -> [Option<char>; 3] {
        let quote = self.quote_after(at);
        [
            (quote == Some(QuotePlace::First)).then_some('”'),
            self.after(at).map(Unread::written),
            (quote == Some(QuotePlace::Last)).then_some('”'),
        ]
    }

    /// The mark after the glyph at raw offset `at`, if one is listed.
    #[must_use]
    pub fn after(&self, at: usize) -> Option<Unread> {
        let among = |list: &[usize]| list.binary_search(&at).is_ok();
        if among(&self.stops) {
            Some(Unread::FullStop)
        } else if among(&self.dots) {
            Some(Unread::Dot)
        } else if among(&self.commas) {
            Some(Unread::Comma)
        } else if among(&self.enumerations) {
            Some(Unread::Enumeration)
        } else if among(&self.colons) {
            Some(Unread::Colon)
        } else if among(&self.semicolons) {
            Some(Unread::Semicolon)
        } else {
            None
        }
    }
}

/// The marks an engine reads for a closing quote after a line's last
/// mark (`。”` read `，…` or `，，`).
pub const READ_FOR_QUOTES: [char; 5] = ['…', '，', ',', '`', '\''];

/// The marks a sentence may end with that an engine reads before a
/// closing quote it leaves unread (`。”` read `，` or `…`, `？”` read `?`).
const BEFORE_QUOTE: [char; 8] = ['，', ',', '。', '？', '?', '！', '!', '…'];

/// The marks the picture shows after a line's last glyph that the engine
/// did not read ([`unread_after`], [`quote_in`]).
///
/// Only after a letter, digit or ideograph, and only where the text goes
/// on, if at all, with one ([`Geometry`]'s lines in raw order): a mark
/// read at the next line's start is the one inked. A closing quote also
/// after a line's last mark that ends a sentence or is read for one
/// ([`BEFORE_QUOTE`]), where a glyph stands before it.
///
/// A hostile file is searched no further than four times its picture's
/// area (the places a real page's lines are searched at cover it about
/// once).
#[must_use]
pub fn marks_unread(
    geometry: &Geometry,
    gray: &Gray,
    glyph_at: impl Fn(usize) -> Option<char>,
) -> UnreadMarks {
    let mut found = UnreadMarks::default();
    let mut budget = Budget::of(gray);
    let glyph = |o: usize| glyph_at(o).filter(|c| !c.is_whitespace());
    let last_glyph = |from: usize, to: usize| (from..to).rev().find(|&o| glyph(o).is_some());
    let typical = median_line_height(geometry);
    for (i, line) in geometry.lines.iter().enumerate() {
        let Some(last) = last_glyph(line.start, line.end) else {
            continue;
        };
        let next = geometry
            .lines
            .get(i + 1)
            .and_then(|n| (n.start..n.end).find_map(&glyph));
        if next.is_some_and(|c| !c.is_alphanumeric()) {
            continue;
        }
        let after_glyph = glyph(last).is_some_and(char::is_alphanumeric);
        // A closing quote read after a glyph: a `。` or `，` may follow it.
        let after_quote = glyph(last).is_some_and(|c| matches!(c, '”' | '"'))
            && last_glyph(line.start, last)
                .and_then(&glyph)
                .is_some_and(char::is_alphanumeric);
        // The glyph the marks follow: the last, or the one before a mark.
        let Some(word_glyph) = (if after_glyph || after_quote {
            Some(last)
        } else if glyph(last).is_some_and(|c| BEFORE_QUOTE.contains(&c)) {
            last_glyph(line.start, last).filter(|&o| glyph(o).is_some_and(char::is_alphanumeric))
        } else {
            None
        }) else {
            continue;
        };
        // The windows `unread_after` and `quote_in` read: 2.5 heights by
        // 2, and about 4.5 by 2.
        let height = i64::from(line.bbox[3]) - i64::from(line.bbox[1]);
        if !budget.spend_squares(height, 14) {
            break;
        }
        // The line's box may end before its last word's.
        let end = i64::from(
            line.words
                .iter()
                .map(|w| w.bbox[2])
                .fold(line.bbox[2], u32::max),
        );
        // A quote may stand inside the box of the glyph's word (the engine
        // boxed it with the glyph and read nothing for it): it is searched
        // from a cell before the box's end.
        let from = line
            .words
            .iter()
            .rfind(|w| (w.start..w.end).contains(&word_glyph))
            .map_or(end, |w| {
                i64::from(w.bbox[0]).max(i64::from(w.bbox[2]) - height)
            });
        // A line boxed shorter than a page's lines are (a short last line
        // boxed on its glyph's upper part) has no top to find a quote at.
        let quote = Rows::of(line.bbox)
            .filter(|rows| !after_quote && rows.height * 5 >= typical * 4)
            .and_then(|rows| quote_in(gray, line.bbox, (from, end + rows.share(QUOTE_SEARCH))))
            .filter(|q| q.closes);
        let mark = if after_glyph || after_quote {
            unread_beside(gray, line.bbox, end, quote.as_ref())
        } else {
            None
        };
        // A mark at mid-height the engine boxed with the line's last
        // glyph: a `、`, `：` or `；`.
        let mid = (after_glyph && mark.is_none() && quote.is_none())
            .then(|| Rows::of(line.bbox))
            .flatten()
            .and_then(|rows| mid_mark_near(gray, line.bbox, (end - rows.share(0.5), end)));
        match mid {
            Some(MidMark::Enumeration) => found.enumerations.push(last),
            Some(MidMark::Colon) => found.colons.push(last),
            Some(MidMark::Semicolon) => found.semicolons.push(last),
            Some(MidMark::Dot) | None => {}
        }
        match mark {
            Some((Unread::FullStop, _)) => found.stops.push(last),
            Some((Unread::Dot, _)) => found.dots.push(last),
            Some((Unread::Comma, _)) => found.commas.push(last),
            Some((Unread::Enumeration, _)) => found.enumerations.push(last),
            // `unread_beside` finds none of these.
            Some((Unread::Colon | Unread::Semicolon, _)) | None => {}
        }
        // The mark the engine read after the glyph, where its box begins.
        let read_from = (!after_glyph)
            .then(|| {
                line.words
                    .iter()
                    .rfind(|w| (w.start..w.end).contains(&last))
            })
            .flatten()
            .map(|w| i64::from(w.bbox[0]));
        match (quote, mark, read_from) {
            (Some(q), Some((_, left)), _) if q.right < left => found.quotes_first.push(last),
            // Before the mark read (`”。` read `”，`): after the glyph.
            (Some(q), _, Some(left)) if q.right < left => found.quotes.push(word_glyph),
            (Some(_), _, _) => found.quotes.push(last),
            (None, _, _) => {}
        }
    }
    found
}

/// The raw offsets, in order, of the marks an engine read for a closing
/// quote whose ink on `gray` is one ([`quote_in`], closing).
///
/// A backtick or apostrophe anywhere (an engine's reading of `”`, `、`
/// or `。`) but right before a quote read; an ellipsis or comma only at a
/// line's end after a mark that
/// ends a sentence ([`BEFORE_QUOTE`]: `。”` read `，…` or `，，`). The
/// mark is looked for where [`mark_columns`] places it, from 0.3 of the
/// line's height before. A hostile file is searched no further than four
/// times its picture's area.
#[must_use]
pub fn quotes_inked(
    geometry: &Geometry,
    gray: &Gray,
    glyph_at: impl Fn(usize) -> Option<char>,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut budget = Budget::of(gray);
    let glyph = |o: usize| glyph_at(o).filter(|c| !c.is_whitespace());
    let before = |from: usize, at: usize| (from..at).rev().find_map(&glyph);
    for line in &geometry.lines {
        let Some(rows) = Rows::of(line.bbox) else {
            continue;
        };
        let last = (line.start..line.end).rev().find(|&o| glyph(o).is_some());
        for word in &line.words {
            for at in word.start..word.end {
                let Some(c) = glyph(at).filter(|c| READ_FOR_QUOTES.contains(c)) else {
                    continue;
                };
                // A quote read right after it is the one inked there.
                let quote_next = (at + 1..line.end)
                    .find_map(&glyph)
                    .is_some_and(|n| matches!(n, '”' | '"' | '\'' | '`'));
                let anywhere = matches!(c, '`' | '\'') && !quote_next;
                let after_stop = Some(at) == last
                    && before(line.start, at).is_some_and(|b| BEFORE_QUOTE.contains(&b));
                if !anywhere && !after_stop {
                    continue;
                }
                // The window `quote_in` reads: at most 5 heights by 2.
                if !budget.spend_squares(rows.height, 10) {
                    return out;
                }
                let (from, to) = mark_columns(word, at, rows.height, &glyph_at);
                if quote_in(gray, line.bbox, (from - rows.share(0.3), to)).is_some_and(|q| q.closes)
                {
                    out.push(at);
                }
            }
        }
    }
    out
}

/// The marks an engine reads for a mark at mid-height.
///
/// Commas (for `、`, `·`, `：`, `；`), and the ASCII colon (for `·`; a
/// colon's ink is read for nothing else, a semicolon's comma too often
/// shows as a dot).
pub const READ_FOR_MID_MARKS: [char; 3] = [',', '，', ':'];

/// A small solid mark floating at mid-height ([`mid_mark_near`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MidMark {
    /// `、`: a stroke taller than it is wide.
    Enumeration,
    /// `·`: a round dot (between the parts of a foreign name, or a
    /// decimal point set at mid-height).
    Dot,
    /// `：`: a dot at mid-height over another low in the line.
    Colon,
    /// `；`: a dot at mid-height over a comma.
    Semicolon,
}

/// The small solid mark inked on line `line` (its box) near columns
/// `from..=to`, if any.
///
/// It is at most 0.4 of the line's height either way, floating at
/// mid-height: at least a quarter of the height below the top and a fifth
/// above the foot (a comma's tail reaches the foot, a `。`'s ring is open
/// inside), with blank paper above and below it to the line's top and
/// foot, and a quarter of the height blank on either side across the
/// line's rows (a glyph's dot, `办` or `忄`, has its glyph beside it). It
/// may begin up to [`RING_SEARCH_BEFORE`] of the height before the place
/// the engine's box gives its mark, and [`RING_SEARCH`] after it. Taller
/// than wide it is a `、`; else a `·`.
#[must_use]
pub fn mid_mark_near(gray: &Gray, line: BBox, (from, to): (i64, i64)) -> Option<MidMark> {
    let rows = Rows::of(line).filter(|r| to >= from && to - from <= 2 * r.height)?;
    let (top, foot, height) = (rows.top, rows.foot, rows.height);
    let share = |f: f32| rows.share(f);
    let window = rows.window(gray, (from - height, to + height + 1));
    let width = usize::try_from(window[2] - window[0]).unwrap_or(0);
    let (near_from, near_to) = (from - share(RING_SEARCH_BEFORE), to + share(RING_SEARCH));
    let side = share(0.25).max(1);
    let found = blots(gray, window);
    let single = found.iter().find(|b| {
        let (w, h) = (b.right - b.left + 1, b.bottom - b.top + 1);
        !b.cut
            && b.pixels.len() >= 4
            && w <= share(0.4)
            && h <= share(0.4)
            && b.right >= near_from
            && b.left <= near_to
            && b.top - top >= share(0.25)
            && foot - b.bottom >= share(0.2)
            && !b.open_inside(window[0], window[1], width)
            && gray.blank((b.left - 1, b.right + 1), (top, b.top))
            && gray.blank((b.left - 1, b.right + 1), (b.bottom + 2, foot + 1))
            && gray.blank((b.left - side, b.left - 1), (top, foot + 1))
            && gray.blank((b.right + 1, b.right + side), (top, foot + 1))
    });
    match single {
        Some(mark) if mark.bottom - mark.top > mark.right - mark.left => Some(MidMark::Enumeration),
        Some(_) => Some(MidMark::Dot),
        None => stacked(gray, &rows, &found, (near_from, near_to)),
    }
}

/// A colon or semicolon among `found` (the blots of a window around a
/// mark's place, beginning in columns `near_from..=near_to`).
///
/// Two small blots one over the other in the same columns with blank
/// paper between them: the upper a dot (at most a quarter of the line's
/// height either way) between 0.3 and 0.65 of the height down, the lower
/// reaching within 0.3 of the foot, and a fifth of the height blank on
/// either side of the pair across the line's rows. A lower blot no taller
/// than a fifth of the height, standing clear of the foot by more than a
/// tenth, is a dot (`：`); a taller one, or one reaching the foot, a
/// comma (`；`), its faint ink ([`FAINT_BELOW`]) counted. At 200 dpi a
/// colon's dots are two pixels each.
fn stacked(
    gray: &Gray,
    rows: &Rows,
    found: &[Blot],
    (near_from, near_to): (i64, i64),
) -> Option<MidMark> {
    let (top, foot) = (rows.top, rows.foot);
    let share = |f: f32| rows.share(f);
    let small: Vec<&Blot> = found
        .iter()
        .filter(|b| {
            !b.cut
                && b.right >= near_from
                && b.left <= near_to
                && b.right - b.left < share(0.4)
                && b.bottom - b.top < share(0.45)
        })
        .collect();
    let side = share(0.2).max(1);
    small.iter().find_map(|lower| {
        if foot - lower.bottom > share(0.3) || lower.top - top < share(0.5) {
            return None;
        }
        small.iter().find_map(|upper| {
            let (left, right) = (upper.left.min(lower.left), upper.right.max(lower.right));
            let pair = upper.top - top >= share(0.3)
                && upper.bottom - top <= share(0.65)
                && upper.right - upper.left < share(0.25)
                && upper.bottom - upper.top < share(0.25)
                && upper.left <= lower.right + 1
                && upper.right >= lower.left - 1
                && upper.bottom < lower.top
                && gray.blank((left, right), (upper.bottom + 1, lower.top))
                && gray.blank((left - side, left - 1), (top, foot + 1))
                && gray.blank((right + 1, right + side), (top, foot + 1));
            // How far down the lower blot's faint ink reaches: a
            // semicolon's comma has a thin tail.
            let reach = (lower.bottom + 1..=foot + 1)
                .take_while(|&y| (lower.left - 1..=lower.right + 1).any(|x| gray.faint(x, y)))
                .last()
                .unwrap_or(lower.bottom);
            pair.then(|| {
                if reach - lower.top < share(0.2) && foot - reach > share(0.1) {
                    MidMark::Colon
                } else {
                    MidMark::Semicolon
                }
            })
        })
    })
}

/// The commas, colons and semicolons read where the picture shows another
/// mark, by that mark.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MidMarksInked {
    /// Raw offsets, in order, of the commas inked as a `、`.
    pub enumerations: Vec<usize>,
    /// … as a `·`.
    pub dots: Vec<usize>,
    /// … as a `：`.
    pub colons: Vec<usize>,
    /// … as a `；`.
    pub semicolons: Vec<usize>,
}

/// The commas, colons and semicolons whose ink is another mark
/// ([`mid_mark_near`], where [`mark_columns`] places the mark).
///
/// A hostile file is searched no further than four times its picture's
/// area.
#[must_use]
pub fn mid_marks_inked(
    geometry: &Geometry,
    gray: &Gray,
    glyph_at: impl Fn(usize) -> Option<char>,
) -> MidMarksInked {
    let mut out = MidMarksInked::default();
    let mut budget = Budget::of(gray);
    for line in &geometry.lines {
        let height = i64::from(line.bbox[3]) - i64::from(line.bbox[1]);
        for word in &line.words {
            for at in word.start..word.end {
                let Some(read) = glyph_at(at).filter(|c| READ_FOR_MID_MARKS.contains(c)) else {
                    continue;
                };
                // The window `enumeration_near` reads: at most 4 heights
                // by 2.
                if !budget.spend_squares(height, 8) {
                    return out;
                }
                let comma = read != ':';
                match mid_mark_near(gray, line.bbox, mark_columns(word, at, height, &glyph_at)) {
                    Some(MidMark::Enumeration) if comma => out.enumerations.push(at),
                    Some(MidMark::Dot) => out.dots.push(at),
                    Some(MidMark::Colon) if comma => out.colons.push(at),
                    Some(MidMark::Semicolon) if comma => out.semicolons.push(at),
                    _ => {}
                }
            }
        }
    }
    out
}

/// The median height of `geometry`'s lines, in pixels (0 for none).
fn median_line_height(geometry: &Geometry) -> i64 {
    let mut heights: Vec<i64> = geometry
        .lines
        .iter()
        .map(|l| i64::from(l.bbox[3]) - i64::from(l.bbox[1]))
        .collect();
    heights.sort_unstable();
    heights.get(heights.len() / 2).copied().unwrap_or(0)
}

/// The columns where the glyph at raw offset `at` of `word` should be: the
/// word's box for a word of one glyph, else its start or end where the
/// mark opens or closes the word ([`MARK_WIDTH`]), else the glyph's share.
fn mark_columns(
    word: &OcrWord,
    at: usize,
    height: i64,
    glyph: impl Fn(usize) -> Option<char>,
) -> (i64, i64) {
    let [x0, _, x1, _] = word.bbox.map(i64::from);
    let glyphs: Vec<usize> = (word.start..word.end)
        .filter(|&o| glyph(o).is_some_and(|c| !c.is_whitespace()))
        .collect();
    let (n, i) = (
        glyphs.len(),
        glyphs.iter().position(|&o| o == at).unwrap_or(0),
    );
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        reason = "pixel distances on a page picture are small"
    )]
    let mark = (MARK_WIDTH * height as f32).round() as i64;
    match (n, i) {
        (0 | 1, _) => (x0, x1),
        (_, 0) => (x0, x1.min(x0 + mark)),
        (n, i) if i + 1 == n => (x0.max(x1 - mark), x1),
        (n, i) => {
            let step = (x1 - x0) / n as i64;
            (x0 + step * i as i64, x0 + step * (i as i64 + 1))
        }
    }
}

/// The marks an engine reads for a `。`: commas, an apostrophe or
/// backtick (read for `、` too), colons, and quotes (a `。` set in the
/// middle of its cell, as Taiwan and Hong Kong set it, is read `"`).
pub const READ_FOR_STOPS: [char; 9] = [',', '，', '\'', '`', ':', '：', '"', '“', '”'];

/// The raw offsets, in order, of the full stops an engine misread.
///
/// These are the marks of `geometry`'s words that an engine reads for a
/// `。` ([`READ_FOR_STOPS`]) whose ink on `gray` is a full stop's ring
/// ([`ring_near`]). A quote right beside a printed `。` (`。”`) is listed
/// too, the ring being that mark's: the proposal reads a quote as a `。`
/// only between two words. `glyph_at` gives the raw text's char at an
/// offset.
/// A hostile file is searched no further than four times its picture's
/// area.
#[must_use]
pub fn stops_inked(
    geometry: &Geometry,
    gray: &Gray,
    glyph_at: impl Fn(usize) -> Option<char>,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut budget = Budget::of(gray);
    for line in &geometry.lines {
        let height = i64::from(line.bbox[3]) - i64::from(line.bbox[1]);
        for word in &line.words {
            for at in word.start..word.end {
                if !glyph_at(at).is_some_and(|c| READ_FOR_STOPS.contains(&c)) {
                    continue;
                }
                // The window `ring_near` reads: at most 4 heights by 2.
                if !budget.spend_squares(height, 8) {
                    return out;
                }
                if ring_near(gray, line.bbox, mark_columns(word, at, height, &glyph_at)) {
                    out.push(at);
                }
            }
        }
    }
    out
}

/// Whether the engine's boxes in `geometry` are in the pixels of a
/// picture of `(width, height)` (see [`Gray::fits`]).
fn fits(geometry: &Geometry, (width, height): (usize, usize)) -> bool {
    let size = geometry.page_size.map(|v| v as usize);
    if size != [0, 0] {
        return size == [width, height];
    }
    geometry
        .lines
        .iter()
        .all(|l| (l.bbox[2] as usize) <= width && (l.bbox[3] as usize) <= height)
}

/// The engine's boxes in the pixels of a picture of `(width, height)`
/// that shows the page the engine read at another scale: an ALTO file
/// measured in tenths of a millimetre or 1200ths of an inch
/// (`MeasurementUnit` `mm10`, `inch1200`), or a scan the engine read at a
/// higher resolution than the copy kept beside it. The picture has the
/// page's shape (its sides' ratio within [`SHAPE_SLACK`]) at
/// [`LEAST_SCALE`] of the engine's size or more, where a full stop's ring
/// still shows; `None` otherwise, or where the file gave no page size.
fn scaled_to(geometry: &Geometry, (width, height): (usize, usize)) -> Option<Geometry> {
    let [w, h] = geometry.page_size;
    if w == 0 || h == 0 || width == 0 || height == 0 {
        return None;
    }
    #[expect(clippy::cast_precision_loss, reason = "page sides are small")]
    let (x, y) = (width as f32 / w as f32, height as f32 / h as f32);
    if (x / y - 1.0).abs() > SHAPE_SLACK || x < LEAST_SCALE {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "pixel coordinates are small and positive"
    )]
    let scale = |b: crate::ocr::BBox| -> crate::ocr::BBox {
        [
            (b[0] as f32 * x).round() as u32,
            (b[1] as f32 * y).round() as u32,
            (b[2] as f32 * x).round() as u32,
            (b[3] as f32 * y).round() as u32,
        ]
    };
    #[expect(clippy::cast_possible_truncation, reason = "picture sides are small")]
    let size = [width as u32, height as u32];
    Some(geometry.with_boxes(size, |l| scale(l.bbox), scale))
}

/// The engine's boxes in the pixels of a picture of `size` where its marks'
/// ink can be read: as they are where the picture fits ([`fits`]), scaled
/// where it shows the page at another scale ([`scaled_to`]). `None` on a
/// page set vertically, whose marks stand elsewhere in their cell than
/// the checks look (a `。` low after its glyph on a page set across), and
/// beside a picture of another page.
fn on_picture(geometry: &Geometry, size: (usize, usize)) -> Option<std::borrow::Cow<'_, Geometry>> {
    if geometry.is_vertical() {
        None
    } else if fits(geometry, size) {
        Some(std::borrow::Cow::Borrowed(geometry))
    } else {
        scaled_to(geometry, size).map(std::borrow::Cow::Owned)
    }
}

/// See [`scaled_to`]: a picture whose sides' ratio is the page's within
/// this share shows the page.
const SHAPE_SLACK: f32 = 0.01;
/// See [`scaled_to`].
const LEAST_SCALE: f32 = 0.75;

/// `raw`, read from `page`, with what the picture beside it shows
/// ([`stops_inked`]). A page without boxes, without a picture this build
/// can read, or whose picture's ink cannot be read with its boxes
/// ([`on_picture`]: set vertically, or beside a picture of another page),
/// is returned as it is: the proposal then goes by the engine's boxes
/// alone, and the desk reports a picture it cannot read when it shows it.
#[must_use]
pub(crate) fn with_ink(raw: crate::page::RawText, page: &Path) -> crate::page::RawText {
    let Some(geometry) = raw.geometry() else {
        return raw;
    };
    let Some(picture) = of_page(page, &raw).and_then(|p| load(&p).ok()) else {
        return raw;
    };
    let gray = Gray::of(picture);
    let Some(on_picture) = on_picture(geometry, (gray.width, gray.height)) else {
        return raw;
    };
    let chars = raw.chars();
    let glyph_at = |o| crate::page::CharSource::char_at(chars, o);
    let stops = stops_inked(&on_picture, &gray, glyph_at);
    let unread = marks_unread(&on_picture, &gray, glyph_at);
    let quotes = quotes_inked(&on_picture, &gray, glyph_at);
    let mid = mid_marks_inked(&on_picture, &gray, glyph_at);
    let mut geometry = geometry.clone();
    geometry.stops_inked = Some(stops);
    geometry.stops_unread = Some(unread.stops);
    geometry.dots_unread = Some(unread.dots);
    geometry.commas_unread = Some(unread.commas);
    geometry.enumerations_unread = Some(unread.enumerations);
    geometry.colons_unread = Some(unread.colons);
    geometry.semicolons_unread = Some(unread.semicolons);
    geometry.quotes_unread = Some(unread.quotes);
    geometry.quotes_unread_first = Some(unread.quotes_first);
    geometry.quotes_inked = Some(quotes);
    geometry.enumerations_inked = Some(mid.enumerations);
    geometry.name_dots_inked = Some(mid.dots);
    geometry.colons_inked = Some(mid.colons);
    geometry.semicolons_inked = Some(mid.semicolons);
    raw.with_geometry(geometry)
}

/// Why the picture beside `page` (read from the file at `path`) was not
/// read for its ink, as a message for the editor.
///
/// It could not be decoded, or it does not show the page the engine read
/// ([`on_picture`]). `None` where it was read, or where the page has no
/// boxes or no picture, or where the picture could be read (the page was
/// read without looking at it), or where the page is set vertically (its
/// marks go by the text alone, whatever the picture).
#[must_use]
pub fn unread_because(page: &crate::page::Page, path: &Path) -> Option<String> {
    let geometry = page.raw.geometry().filter(|g| g.stops_inked.is_none())?;
    let picture_path = of_page(path, &page.raw)?;
    if geometry.is_vertical() {
        return None;
    }
    let why = match load(&picture_path) {
        Err(e) => e.to_string(),
        Ok(picture)
            if on_picture(
                geometry,
                (picture.width() as usize, picture.height() as usize),
            )
            .is_some() =>
        {
            return None;
        }
        Ok(picture) => {
            let read = match geometry.page_size {
                [0, 0] => "boxes beyond it".to_owned(),
                [w, h] => format!("a page of {w} × {h}"),
            };
            format!(
                "the page picture {} has {} × {} pixels, but the engine read {read}; give the picture the engine read",
                picture_path.display(),
                picture.width(),
                picture.height(),
            )
        }
    };
    Some(format!(
        "{why}. Its marks were not checked against the ink."
    ))
}

#[cfg(test)]
mod tests {
    use super::{Gray, beside, ring_near, stops_inked};
    use crate::ocr::{Geometry, OcrFormat, OcrLine, OcrWord};

    /// A white 200 × 160 picture with black pixels at `ink`.
    fn picture(ink: &[(usize, usize)]) -> Gray {
        let (w, h) = (200, 160);
        let mut pixels = vec![255; w * h];
        for &(x, y) in ink {
            pixels[y * w + x] = 0;
        }
        Gray::new(w, h, pixels).expect("the size fits")
    }

    /// The outline of the box `x0..=x1` × `y0..=y1`.
    fn outline(x0: usize, y0: usize, x1: usize, y1: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for x in x0..=x1 {
            out.extend([(x, y0), (x, y1)]);
        }
        for y in y0..=y1 {
            out.extend([(x0, y), (x1, y)]);
        }
        out
    }

    /// The filled box `x0..=x1` × `y0..=y1`.
    fn solid(x0: usize, y0: usize, x1: usize, y1: usize) -> Vec<(usize, usize)> {
        (y0..=y1)
            .flat_map(|y| (x0..=x1).map(move |x| (x, y)))
            .collect()
    }

    /// A line 30 pixels high, from y 100 to its foot at 130.
    const LINE: [u32; 4] = [0, 100, 200, 130];

    #[test]
    fn a_small_ring_in_the_line_s_lower_half_is_a_full_stop() {
        let ring = picture(&outline(50, 112, 55, 117));
        assert!(ring_near(&ring, LINE, (48, 58)));
        // Searched for too far away, it is not this mark's.
        assert!(!ring_near(&ring, LINE, (100, 110)));
        // A solid dot is no ring.
        assert!(!ring_near(
            &picture(&solid(50, 112, 55, 117)),
            LINE,
            (48, 58)
        ));
        // Nor is one searched for by a box no mark is set in: a line taller
        // than any line of type, a mark's place wider than two cells.
        assert!(!ring_near(&ring, [0, 0, 200, 600], (48, 58)));
        assert!(!ring_near(&ring, LINE, (0, 100)));
        // Nor a blot as big as half a glyph.
        assert!(!ring_near(
            &picture(&outline(50, 110, 65, 125)),
            LINE,
            (48, 58)
        ));
    }

    #[test]
    fn a_colour_picture_s_ink_is_read_by_its_grey_level() {
        // A ring in `ink` on `paper`, 200 × 160.
        let ring = |paper: [u8; 3], ink: [u8; 3]| {
            let mut rgb = image::RgbImage::from_pixel(200, 160, image::Rgb(paper));
            for (x, y) in outline(50, 112, 55, 117) {
                rgb.put_pixel(x as u32, y as u32, image::Rgb(ink));
            }
            rgb
        };
        // In dark blue on cream paper, as a scan's JPEG holds it.
        let rgb = ring([250, 240, 210], [20, 30, 120]);
        let rgba = image::DynamicImage::ImageRgb8(rgb.clone()).to_rgba8();
        for picture in [
            image::DynamicImage::ImageRgb8(rgb),
            image::DynamicImage::ImageRgba8(rgba),
        ] {
            let gray = Gray::of(picture);
            assert!(ring_near(&gray, LINE, (48, 58)));
            assert!(!ring_near(&gray, LINE, (100, 110)));
        }
        // Light grey strokes (above the ink level) are paper.
        let faint = ring([255, 255, 255], [215, 215, 215]);
        assert!(!ring_near(
            &Gray::of(image::DynamicImage::ImageRgb8(faint)),
            LINE,
            (48, 58)
        ));
    }

    #[test]
    fn a_comma_s_tail_and_a_glyph_s_inner_box_are_no_ring() {
        // A ring whose tail runs down to the line's foot: a comma.
        let mut comma = outline(50, 116, 54, 120);
        comma.extend(solid(53, 121, 54, 129));
        assert!(!ring_near(&picture(&comma), LINE, (48, 58)));
        // The `口` inside `或`: a stroke runs above it.
        let mut glyph = outline(50, 112, 55, 117);
        glyph.extend(solid(40, 103, 70, 103));
        assert!(!ring_near(&picture(&glyph), LINE, (48, 58)));
        // A ring with paper below it, but standing at the line's top, is a
        // glyph's part too.
        assert!(!ring_near(
            &picture(&outline(50, 101, 55, 106)),
            LINE,
            (48, 58)
        ));
    }

    #[test]
    fn a_mark_inked_past_a_line_s_end_is_one_the_engine_did_not_read() {
        use super::{Unread, unread_after};
        // The line's glyphs end at x 98, its box at 100 (`LINE` is 30
        // pixels high, 100 to 130).
        let glyph = solid(70, 102, 98, 128);
        let with = |mark: Vec<(usize, usize)>| {
            let mut ink = glyph.clone();
            ink.extend(mark);
            picture(&ink)
        };
        let end = 100;
        // A small ring clear of the top and the foot: a full stop.
        let stop = with(outline(104, 112, 109, 117));
        assert_eq!(unread_after(&stop, LINE, end), Some(Unread::FullStop));
        // The same place inked solid: a filled full stop, or a `、`.
        let dot = with(solid(104, 112, 109, 117));
        assert_eq!(unread_after(&dot, LINE, end), Some(Unread::Dot));
        // A small blot down at the foot: a comma.
        let comma = with(solid(104, 121, 107, 128));
        assert_eq!(unread_after(&comma, LINE, end), Some(Unread::Comma));
        // Nothing past the end; a dot of an ellipsis (another right after
        // it); the dot of a `！` (its stem above it).
        assert_eq!(unread_after(&with(Vec::new()), LINE, end), None);
        let mut dots = solid(104, 112, 108, 116);
        dots.extend(solid(113, 112, 117, 116));
        assert_eq!(unread_after(&with(dots), LINE, end), None);
        let mut bang = solid(104, 102, 106, 118);
        bang.extend(solid(104, 124, 106, 127));
        assert_eq!(unread_after(&with(bang), LINE, end), None);
        // Too far past the end: the next column's.
        assert_eq!(
            unread_after(&with(outline(130, 112, 135, 117)), LINE, end),
            None
        );
        // Just inside the box, a ring the engine boxed and read nothing
        // for counts; a solid dot there (a `、`, a piece of the glyph) not.
        let short = solid(70, 102, 90, 128);
        let inside = |mark: Vec<(usize, usize)>| {
            let mut ink = short.clone();
            ink.extend(mark);
            unread_after(&picture(&ink), LINE, end)
        };
        assert_eq!(inside(outline(95, 112, 99, 117)), Some(Unread::FullStop));
        assert_eq!(inside(solid(95, 112, 99, 117)), None);
    }

    /// A `”` (closing) or `“` (opening) of two strokes from `x`, at the
    /// top of the line `LINE` (rows 100–130): each stroke a 3 × 3 dot with
    /// a one-pixel tail, below it where it closes, above where it opens.
    fn quote_mark(x: usize, closes: bool) -> Vec<(usize, usize)> {
        let mut ink = Vec::new();
        for stroke in [x, x + 5] {
            let (dot, tail) = if closes { (100, 103) } else { (103, 100) };
            ink.extend(solid(stroke, dot, stroke + 2, dot + 2));
            ink.extend((tail..tail + 3).map(|y| (stroke + 1, y)));
        }
        ink
    }

    #[test]
    fn a_quote_at_a_line_s_top_closes_where_its_ink_is_heavier_at_the_top() {
        use super::quote_in;
        let glyph = solid(70, 102, 98, 128);
        let with = |mark: Vec<(usize, usize)>| {
            let mut ink = glyph.clone();
            ink.extend(mark);
            picture(&ink)
        };
        let found = |gray: &Gray| quote_in(gray, LINE, (95, 140)).map(|q| q.closes);
        assert_eq!(found(&with(quote_mark(102, true))), Some(true));
        assert_eq!(found(&with(quote_mark(102, false))), Some(false));
        // A ring, as heavy at the top as at the foot (a `。` in a line
        // boxed too short), is no quote.
        assert_eq!(found(&with(outline(102, 100, 107, 106))), None);
        // Nor strokes with ink below them (a glyph's part), nor one
        // standing lower in the line, nor none.
        let mut stem = quote_mark(102, true);
        stem.extend(solid(103, 120, 104, 128));
        assert_eq!(found(&with(stem)), None);
        let low: Vec<(usize, usize)> = quote_mark(102, true)
            .into_iter()
            .map(|(x, y)| (x, y + 8))
            .collect();
        assert_eq!(found(&with(low)), None);
        assert_eq!(found(&with(Vec::new())), None);
    }

    #[test]
    fn a_comma_inked_at_mid_height_is_a_stroke_or_a_dot() {
        use super::{MidMark, mid_mark_near};
        // Glyphs end at x 94 and begin again at 117; the engine boxed a
        // comma at 102–106 (`LINE` is rows 100–130).
        let glyphs = {
            let mut g = solid(70, 102, 94, 128);
            g.extend(solid(117, 102, 150, 128));
            g
        };
        let found = |mark: Vec<(usize, usize)>| {
            let mut ink = glyphs.clone();
            ink.extend(mark);
            mid_mark_near(&picture(&ink), LINE, (102, 106))
        };
        // A stroke taller than wide at mid-height: `、`; a round dot: `·`.
        assert_eq!(found(solid(104, 111, 106, 117)), Some(MidMark::Enumeration));
        assert_eq!(found(solid(104, 112, 107, 115)), Some(MidMark::Dot));
        // A comma reaching the foot, a ring (a `。`), a dot right beside a
        // glyph (its own), none: no such mark.
        assert_eq!(found(solid(104, 120, 106, 128)), None);
        assert_eq!(found(outline(103, 111, 108, 116)), None);
        assert_eq!(found(solid(97, 111, 99, 117)), None);
        assert_eq!(found(Vec::new()), None);
        // A dot at mid-height over a dot low in the line: `：`; over a
        // comma reaching the foot: `；`.
        let stacked = |lower: Vec<(usize, usize)>| {
            let mut mark = solid(104, 112, 105, 113);
            mark.extend(lower);
            found(mark)
        };
        assert_eq!(stacked(solid(104, 121, 105, 122)), Some(MidMark::Colon));
        assert_eq!(stacked(solid(104, 119, 105, 128)), Some(MidMark::Semicolon));
        // Not where the lower one stands in other columns.
        assert_eq!(stacked(solid(110, 121, 111, 122)), None);
        // A lower dot whose faint tail reaches the foot is a comma's.
        let mut ink = glyphs.clone();
        ink.extend(solid(104, 112, 105, 113));
        ink.extend(solid(104, 121, 105, 122));
        let mut tailed = picture(&ink);
        for y in 123..=129 {
            tailed.bytes[y * 200 + 104] = 220;
        }
        assert_eq!(
            mid_mark_near(&tailed, LINE, (102, 106)),
            Some(MidMark::Semicolon)
        );
    }

    #[test]
    fn a_mark_boxed_with_a_line_s_last_glyph_or_after_a_quote_read_is_listed() {
        // `好好` (its box running to x 120) then `到` on the next line.
        let (text, geometry) = two_lines([40, 100, 120, 130]);
        let found = |text: &[char], mark: Vec<(usize, usize)>| {
            let mut ink = solid(40, 102, 98, 128);
            ink.extend(mark);
            super::marks_unread(&geometry, &picture(&ink), |o| text.get(o).copied())
        };
        // A stroke at mid-height inside the box, clear of the glyph: `、`.
        let stroke = found(&text, solid(108, 111, 110, 117));
        assert_eq!((stroke.enumerations, stroke.stops), (vec![1], vec![]));
        // A dot over a dot: `：`.
        let mut colon = solid(108, 112, 109, 113);
        colon.extend(solid(108, 121, 109, 122));
        assert_eq!(found(&text, colon).colons, [1]);
        // After a closing quote read at the line's end, a comma or a
        // ring past it is listed after the quote.
        let quoted: Vec<char> = "好”\n到".chars().collect();
        assert_eq!(found(&quoted, solid(123, 121, 125, 128)).commas, [1]);
        assert_eq!(found(&quoted, outline(123, 112, 128, 117)).stops, [1]);
    }

    #[test]
    fn an_unread_quote_is_listed_before_or_after_the_stop_beside_it() {
        let (text, geometry) = two_lines([40, 100, 100, 130]);
        let found = |marks: &[Vec<(usize, usize)>]| {
            let mut ink = solid(40, 102, 98, 128);
            ink.extend(marks.concat());
            super::marks_unread(&geometry, &picture(&ink), |o| text.get(o).copied())
        };
        let ring = |x: usize| outline(x, 112, x + 5, 117);
        let after = found(&[ring(103), quote_mark(112, true)]);
        assert_eq!(
            (after.stops, after.quotes, after.quotes_first),
            (vec![1], vec![1], vec![])
        );
        let first = found(&[quote_mark(101, true), ring(112)]);
        assert_eq!(
            (first.stops, first.quotes, first.quotes_first),
            (vec![1], vec![], vec![1])
        );
        // An opening quote is not written.
        let opening = found(&[quote_mark(102, false)]);
        assert_eq!(opening, super::UnreadMarks::default());
    }

    #[test]
    fn a_mark_read_where_a_closing_quote_is_inked_is_listed_as_one() {
        // `好。”` read `好，…` (the `…` boxed on the quote), and `好'”`
        // (the quote read after the apostrophe: that is the one inked).
        let word = |start: usize, bbox: [u32; 4]| OcrWord {
            start,
            end: start + 1,
            bbox,
            confidence: 90,
        };
        // The second word boxed low (a comma's place), or on the quote.
        let geometry = |second: [u32; 4]| {
            one_line(
                [200, 160],
                OcrLine {
                    start: 0,
                    end: 3,
                    bbox: [40, 100, 116, 130],
                    paragraph: 0,
                    words: vec![
                        word(0, [40, 100, 98, 130]),
                        word(1, second),
                        word(2, [104, 100, 116, 110]),
                    ],
                },
            )
        };
        let mut ink = solid(40, 102, 98, 128);
        ink.extend(quote_mark(106, true));
        let gray = picture(&ink);
        let listed = |text: &str, second: [u32; 4]| {
            let chars: Vec<char> = text.chars().collect();
            super::quotes_inked(&geometry(second), &gray, |o| chars.get(o).copied())
        };
        let low = [99, 110, 103, 128];
        assert_eq!(listed("好，…", low), [2]);
        assert_eq!(listed("好，'", low), [2]);
        assert_eq!(listed("好'”", [99, 100, 112, 110]), Vec::<usize>::new());
        // An ellipsis after a glyph, not after a sentence's mark, is none.
        assert_eq!(listed("好好…", low), Vec::<usize>::new());
        let opening = {
            let mut ink = solid(40, 102, 98, 128);
            ink.extend(quote_mark(106, false));
            picture(&ink)
        };
        let chars: Vec<char> = "好，…".chars().collect();
        let found = super::quotes_inked(&geometry(low), &opening, |o| chars.get(o).copied());
        assert!(found.is_empty(), "an opening quote is none");
    }

    #[test]
    fn marks_unread_are_listed_after_a_line_s_last_glyph_where_text_goes_on() {
        // `好好` then `到` on the next line; a ring past the first line.
        let text: Vec<char> = "好好\n到".chars().collect();
        let word = |start: usize, end: usize, bbox: [u32; 4]| OcrWord {
            start,
            end,
            bbox,
            confidence: 90,
        };
        let line = |start: usize, end: usize, bbox: [u32; 4]| OcrLine {
            start,
            end,
            bbox,
            paragraph: 0,
            words: vec![word(start, end, bbox)],
        };
        let mut geometry = one_line([200, 160], line(0, 2, [40, 100, 100, 130]));
        geometry.lines.push(line(3, 4, [40, 135, 70, 160]));
        let mut ink = solid(40, 102, 98, 128);
        ink.extend(outline(104, 112, 109, 117));
        let gray = picture(&ink);
        let found = super::marks_unread(&geometry, &gray, |o| text.get(o).copied());
        assert_eq!(
            found,
            super::UnreadMarks {
                stops: vec![1],
                ..super::UnreadMarks::default()
            }
        );
        // A file that repeats one box many times over is searched no
        // further than a few times the picture's area.
        let mut hostile = geometry.clone();
        hostile.lines = (0..50)
            .map(|k| line(3 * k, 3 * k + 2, [40, 100, 100, 130]))
            .collect();
        let all: Vec<char> = "好好\n".repeat(50).chars().collect();
        let found = super::marks_unread(&hostile, &gray, |o| all.get(o).copied());
        assert!(
            !found.stops.is_empty() && found.stops.len() < 50,
            "{} of the 50 searched",
            found.stops.len()
        );
        // The next line opens with a mark: that is the one inked.
        let marked: Vec<char> = "好好\n，".chars().collect();
        let found = super::marks_unread(&geometry, &gray, |o| marked.get(o).copied());
        assert_eq!(found, super::UnreadMarks::default());
    }

    /// The hOCR geometry of a page of `page_size` pixels with one `line`.
    fn one_line(page_size: [u32; 2], line: OcrLine) -> Geometry {
        Geometry::of_lines(OcrFormat::Hocr, None, page_size, vec![line])
    }

    /// `好好` boxed `first`, then `到` on the next line: a line whose
    /// end is searched for the marks after it.
    fn two_lines(first: [u32; 4]) -> (Vec<char>, Geometry) {
        let line = |start: usize, end: usize, bbox: [u32; 4]| OcrLine {
            start,
            end,
            bbox,
            paragraph: 0,
            words: vec![OcrWord {
                start,
                end,
                bbox,
                confidence: 90,
            }],
        };
        let mut geometry = one_line([200, 160], line(0, 2, first));
        geometry.lines.push(line(3, 4, [40, 135, 70, 160]));
        ("好好\n到".chars().collect(), geometry)
    }

    #[test]
    fn the_commas_inked_as_rings_are_listed_by_raw_offset() {
        // `好，好,到`: a word of its own at 1, a mark glued to the word
        // after it at 3 (`,到`); only the glued one is inked as a ring.
        let text: Vec<char> = "好，好,到".chars().collect();
        let word = |start: usize, end: usize, bbox: [u32; 4]| OcrWord {
            start,
            end,
            bbox,
            confidence: 90,
        };
        let geometry = one_line(
            [200, 160],
            OcrLine {
                start: 0,
                end: 5,
                bbox: LINE,
                paragraph: 0,
                words: vec![
                    word(0, 1, [0, 100, 30, 130]),
                    word(1, 2, [30, 100, 40, 130]),
                    word(2, 3, [40, 100, 70, 130]),
                    word(3, 5, [72, 100, 130, 130]),
                ],
            },
        );
        let mut ink = outline(74, 114, 79, 119);
        // The comma at 1: a solid tail to the foot.
        ink.extend(solid(32, 120, 34, 129));
        let found = stops_inked(&geometry, &picture(&ink), |o| text.get(o).copied());
        assert_eq!(found, [3]);
        // The same line repeated many times over (a hostile file) is
        // searched no further than a few times the picture's area.
        let mut hostile = geometry.clone();
        let shifted = |k: usize| OcrLine {
            start: 5 * k,
            end: 5 * k + 5,
            words: geometry.lines[0]
                .words
                .iter()
                .map(|w| OcrWord {
                    start: w.start + 5 * k,
                    end: w.end + 5 * k,
                    ..*w
                })
                .collect(),
            ..geometry.lines[0].clone()
        };
        hostile.lines = (0..50).map(shifted).collect();
        let found = stops_inked(&hostile, &picture(&ink), |o| text.get(o % 5).copied());
        assert!(
            !found.is_empty() && found.len() < 50,
            "{} of the 50 searched",
            found.len()
        );
    }

    #[test]
    fn a_picture_of_another_size_than_the_engine_read_does_not_fit() {
        let line = |bbox: [u32; 4]| OcrLine {
            start: 0,
            end: 1,
            bbox,
            paragraph: 0,
            words: Vec::new(),
        };
        let geometry = |page_size: [u32; 2], bbox: [u32; 4]| one_line(page_size, line(bbox));
        let gray = picture(&[]);
        assert!(gray.fits(&geometry([200, 160], LINE)));
        assert!(!gray.fits(&geometry([400, 320], LINE)), "scaled down since");
        // No page size in the file: the boxes must lie inside.
        assert!(gray.fits(&geometry([0, 0], LINE)));
        assert!(!gray.fits(&geometry([0, 0], [0, 100, 201, 130])));
    }

    #[test]
    fn only_a_picture_that_was_not_read_for_its_ink_is_warned_of() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("p.xml");
        let alto = "<alto><Layout><Page WIDTH=\"200\" HEIGHT=\"160\"><TextBlock>\
            <TextLine HPOS=\"10\" VPOS=\"100\" WIDTH=\"100\" HEIGHT=\"30\">\
            <String HPOS=\"10\" VPOS=\"100\" WIDTH=\"100\" HEIGHT=\"30\" WC=\"0.9\" CONTENT=\"好,好\"/>\
            </TextLine></TextBlock></Page></Layout></alto>";
        // Read from its bytes, without looking at any picture.
        let page = crate::io::page_from_bytes("p.xml", alto.as_bytes()).expect("reads");
        let paper = |w: u32, h: u32| {
            image::GrayImage::from_pixel(w, h, image::Luma([255]))
                .save(dir.path().join("p.png"))
                .expect("writes");
        };
        assert_eq!(super::unread_because(&page, &path), None, "no picture");
        // The page's size: it would have been read, nothing to warn of.
        paper(200, 160);
        assert_eq!(super::unread_because(&page, &path), None);
        // Nor at another scale it is read at (its shape, 0.8 of its size).
        paper(160, 128);
        assert_eq!(super::unread_because(&page, &path), None);
        // Half its size, a full stop's ring no longer shows.
        paper(100, 80);
        let why = super::unread_because(&page, &path);
        assert!(
            why.as_deref()
                .is_some_and(|w| w.contains("100 × 80") && w.contains("200 × 160")),
            "{why:?}"
        );
    }

    #[test]
    fn the_picture_an_ocr_file_names_is_found_before_one_under_the_page_s_name() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let page = dir.path().join("p.hocr");
        std::fs::write(&page, "text").expect("page");
        assert_eq!(beside(&page, Some("/scans/s1.tif")), None, "no picture yet");
        std::fs::write(dir.path().join("p.png"), b"png").expect("png");
        assert_eq!(
            beside(&page, Some("/scans/s1.tif")),
            Some(dir.path().join("p.png"))
        );
        std::fs::write(dir.path().join("s1.tif"), b"tif").expect("tif");
        assert_eq!(
            beside(&page, Some("/scans/s1.tif")),
            Some(dir.path().join("s1.tif")),
            "the named one, looked for beside the page"
        );
        // Named as an engine on Windows writes it (until session 50 the
        // whole path was one name on other systems, and not found).
        assert_eq!(
            beside(&page, Some("C:\\scans\\s1.tif")),
            Some(dir.path().join("s1.tif"))
        );
        // A name that is no file's falls back to the page's own.
        assert_eq!(
            beside(&page, Some("C:\\scans\\")),
            Some(dir.path().join("p.png"))
        );
        assert_eq!(beside(&page, Some("..")), Some(dir.path().join("p.png")));
    }
}
