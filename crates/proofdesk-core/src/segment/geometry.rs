//! The page image's geometry in the proposal (hOCR and ALTO pages only):
//! what the boxes say of each line ([`read_geometry`]: width in glyph
//! pitches, indent, running text's size, titles), and the reading order
//! repaired where the engine's is wrong (pieces of a row, a headline's
//! two halves on one row, a headline's second line, a stack read after
//! its text). The cuts are
//! [`crate::layout::Cuts::image`].

use crate::layout::{CUTS, Line, opens_article};
use crate::ocr::BBox;

/// What the page image shows of the lines of an OCR page, written into
/// their features:
/// - lines at least [`ImageCuts::tall`](crate::layout::ImageCuts::tall) times as tall as the page's median line,
///   in glyphs [`ImageCuts::wide_glyphs`](crate::layout::ImageCuts::wide_glyphs) times as wide as running text's, are `tall`
///   (headlines); lines less than [`ImageCuts::body_size_below`](crate::layout::ImageCuts::body_size_below) times
///   as tall are `body_size`, and so are lines whose middle word is (one
///   word boxed tall, a bracket or a speck, stretches a line's box);
/// - a line's width is its width on the image in glyph pitches (the
///   median pitch of the page's running text), not its count of recognised
///   glyphs, which misreads and dropped marks change;
/// - a line that starts at least [`ImageCuts::indent`](crate::layout::ImageCuts::indent) right of the line above
///   or below it in its column is `indented` (a paragraph's first line: the
///   engine's text has no leading spaces).
pub(super) fn read_geometry(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    let boxes: Vec<Option<crate::ocr::BBox>> =
        lines.iter().map(|l| line_box(l, geometry)).collect();
    let mut heights: Vec<u32> = boxes
        .iter()
        .flatten()
        .map(|b| b[3].saturating_sub(b[1]))
        .collect();
    if heights.is_empty() {
        return;
    }
    heights.sort_unstable();
    let median = heights[heights.len() / 2].max(1);
    #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
    let ratio = |b: &crate::ocr::BBox| b[3].saturating_sub(b[1]) as f32 / median as f32;
    // The height of a line's words, the middle one: a bracket or a speck
    // that makes one word, and so the line's box, taller does not count.
    let word_heights: Vec<Option<u32>> = lines.iter().map(|l| word_height(l, geometry)).collect();
    let mut middles: Vec<u32> = word_heights.iter().flatten().copied().collect();
    middles.sort_unstable();
    let word_median = middles.get(middles.len() / 2).copied().unwrap_or(0).max(1);
    for ((line, b), w) in lines.iter_mut().zip(&boxes).zip(&word_heights) {
        #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
        let words_body =
            w.is_some_and(|w| (w as f32 / word_median as f32) < CUTS.image.body_size_below);
        line.body_size = b
            .as_ref()
            .is_some_and(|b| ratio(b) < CUTS.image.body_size_below)
            || words_body;
        line.small = b
            .as_ref()
            .is_some_and(|b| ratio(b) < CUTS.image.small_below);
    }
    // The glyph pitch of running text: its lines' pixel width per cell.
    #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
    let mut pitches: Vec<f32> = lines
        .iter()
        .zip(&boxes)
        .filter_map(|(l, b)| {
            let b = b.as_ref()?;
            (l.width >= CUTS.image.pitch_line && ratio(b) < CUTS.image.body_size_below)
                .then(|| b[2].saturating_sub(b[0]) as f32 / l.width)
        })
        .collect();
    if pitches.len() < 3 {
        // Too little running text to measure its glyphs: height alone.
        for (line, b) in lines.iter_mut().zip(&boxes) {
            line.tall = b.as_ref().is_some_and(|b| ratio(b) >= CUTS.image.tall);
        }
        return;
    }
    pitches.sort_unstable_by(f32::total_cmp);
    let pitch = pitches[pitches.len() / 2].max(1.0);
    let indents: Vec<bool> = (0..lines.len())
        .map(|i| {
            let Some(b) = boxes[i] else { return false };
            let beside = |j: usize| {
                boxes.get(j).copied().flatten().filter(|n| {
                    // In the same column, one line apart, of the same size.
                    n[0] < b[2]
                        && b[0] < n[2]
                        && n[1].abs_diff(b[3]).min(b[1].abs_diff(n[3])) <= median
                        && (ratio(n) - ratio(&b)).abs() < CUTS.image.same_size
                })
            };
            let left = [i.checked_sub(1).and_then(beside), beside(i + 1)]
                .into_iter()
                .flatten()
                .map(|n| n[0])
                .min();
            #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
            let indent = left.map_or(0.0, |x| b[0].saturating_sub(x) as f32 / pitch);
            indent >= CUTS.image.indent
        })
        .collect();
    for ((line, b), indented) in lines.iter_mut().zip(&boxes).zip(indents) {
        if let Some(b) = b {
            #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
            let cells = b[2].saturating_sub(b[0]) as f32 / pitch;
            // A headline is tall and set in wide glyphs; a line of running
            // text the engine read with a speck above it is only tall.
            let wide = cells >= CUTS.image.wide_glyphs * line.width.max(1.0);
            line.tall = ratio(b) >= CUTS.image.tall && cells >= CUTS.image.title_cells && wide;
            // Kickers and subheadlines are a little taller than running
            // text; a box far taller in running text's glyphs is running
            // text read with a speck.
            if ratio(b) >= CUTS.image.speckled && !wide {
                line.body_size = true;
            }
            line.width = cells;
        }
        line.indented |= indented;
    }
}

/// The middle height of the words the engine read on line `l`, in pixels.
fn word_height(l: &Line, geometry: &crate::ocr::Geometry) -> Option<u32> {
    let engine = l.offsets.first().and_then(|&o| geometry.line_at(o))?;
    let mut h: Vec<u32> = engine
        .words
        .iter()
        .map(|w| w.bbox[3].saturating_sub(w.bbox[1]))
        .collect();
    h.sort_unstable();
    h.get(h.len() / 2).copied()
}

/// The box on the page image of the engine's line that `l` comes from.
fn line_box(l: &Line, geometry: &crate::ocr::Geometry) -> Option<crate::ocr::BBox> {
    l.offsets
        .first()
        .and_then(|&o| geometry.line_at(o))
        .map(|g| g.bbox)
}

/// The reading-order repair the three below share: each line `p` that
/// `picks` chooses goes right after the nearest line `q` before it (at most
/// `reach` lines back) whose box the image shows where `fits(lines, p, q,
/// q's box, p's box)` wants it, the engine having read other lines between
/// them; `then(lines, q)` marks the pair once `p` sits at `q + 1`.
fn rejoin_after(
    lines: &mut [Line],
    geometry: &crate::ocr::Geometry,
    reach: usize,
    picks: impl Fn(&Line) -> bool,
    fits: impl Fn(&[Line], usize, usize, BBox, BBox) -> bool,
    mut then: impl FnMut(&mut [Line], usize),
) {
    for p in 1..lines.len() {
        if !picks(&lines[p]) {
            continue;
        }
        let Some(b) = line_box(&lines[p], geometry) else {
            continue;
        };
        let found = (p.saturating_sub(reach)..p)
            .rev()
            .find(|&q| line_box(&lines[q], geometry).is_some_and(|a| fits(lines, p, q, a, b)));
        if let Some(q) = found {
            lines[q + 1..=p].rotate_right(1);
            then(lines, q);
        }
    }
}

/// Brings a piece of a line of running text back to the line it ends: a
/// line of at most [`ImageCuts::piece`](crate::layout::ImageCuts::piece) glyphs goes right after the line the
/// image shows on the same row, ending at most a glyph and a half to its
/// left, when the engine read other lines
/// between them (`中队还发动社会筹款1.` … `5万`), and both take the
/// row's width. The piece must not reach past that line's column (into
/// the next column's gutter).
pub(super) fn row_pieces_rejoined(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    let bbox = |l: &Line| line_box(l, geometry);
    rejoin_after(
        lines,
        geometry,
        64,
        |l| l.body_size && l.width <= CUTS.image.piece,
        |lines, p, q, a, b| {
            let height = b[3].saturating_sub(b[1]);
            let overlap = a[3].min(b[3]).saturating_sub(a[1].max(b[1]));
            // The column's right edge: the lines around `q`.
            let right = (q.saturating_sub(5)..q + 6)
                .filter(|&n| n != p)
                .filter_map(|n| lines.get(n).and_then(bbox))
                .map(|n| n[2])
                .max()
                .unwrap_or(a[2]);
            q + 1 < p
                && lines[q].body_size
                && overlap * 2 >= height
                && a[2] <= b[0]
                && b[0] - a[2] <= height * 3 / 2
                && b[2] <= right + height / 2
        },
        |lines, q| {
            // Both are the one line of the image: its width.
            let row = lines[q].width + lines[q + 1].width;
            lines[q].width = row;
            lines[q + 1].width = row;
        },
    );
}

/// Brings the right half of a headline back after its left half: a tall
/// line goes right after the tall line the image shows on the same row,
/// as tall, ending at most a glyph and a half left of it, when the engine
/// read other lines between them (it split a headline over several
/// columns into two boxes, `读者便把酒家` … `二楼这座大堂挤得满满的`).
pub(super) fn title_halves_rejoined(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    rejoin_after(
        lines,
        geometry,
        usize::MAX,
        |l| l.tall,
        |lines, _, q, a, b| {
            let height = b[3].saturating_sub(b[1]);
            let overlap = a[3].min(b[3]).saturating_sub(a[1].max(b[1]));
            let other = a[3].saturating_sub(a[1]);
            lines[q].tall
                && overlap * 5 >= height * 4
                && other.abs_diff(height) * 5 <= height
                && a[2] <= b[0]
                && b[0] - a[2] <= height * 3 / 2
        },
        |lines, q| lines[q + 1].right_half = true,
    );
}

/// Brings a headline's second line back under its first: a tall line goes
/// right after the tall line the image shows just above it (overlapping
/// it across, less than its height below), when the engine read other
/// lines between them (the columns left of the headline).
pub(super) fn titles_rejoined(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    rejoin_after(
        lines,
        geometry,
        usize::MAX,
        |l| l.tall,
        |lines, p, q, a, b| {
            q + 1 < p
                && lines[q].tall
                && a[0] < b[2]
                && b[0] < a[2]
                && b[1] >= a[3]
                && b[1] - a[3] < a[3] - a[1]
        },
        |_, _| {},
    );
}

/// Puts each headline stack of an OCR page before the running text the
/// engine read ahead of it that the image shows below the stack's top: a
/// column that starts under a headline (the engine often reads the column
/// left of a headline first, then the headline, then the columns under
/// it).
///
/// A stack is a run of lines larger than running text with a tall one
/// among them. The lines moved are those right before it in raw order, in
/// one column, that all start below its top, and only when they begin an
/// article there: the first opens the page, or opens with a dateline or
/// continuation marker and the line before them is in another column. A
/// column that comes down from above the stack, or that goes on with text
/// from before, is another article's, and stays.
pub(super) fn stacks_before_their_text(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    let top = |l: &Line| line_box(l, geometry);
    let mut i = 0;
    let mut floor = 0;
    while i < lines.len() {
        if lines[i].body_size {
            i += 1;
            continue;
        }
        let end = (i..lines.len())
            .find(|&j| lines[j].body_size)
            .unwrap_or(lines.len());
        let stack_top = (i..end).filter_map(|j| top(&lines[j])).map(|b| b[1]).min();
        let has_tall = (i..end).any(|j| lines[j].tall);
        let (Some(stack_top), true) = (stack_top, has_tall) else {
            i = end;
            continue;
        };
        // One column: every line moved shares x with the lines after it
        // up to the stack; and never back past a stack already moved.
        let mut column = i.checked_sub(1).and_then(|p| top(&lines[p]));
        let mut first = i;
        while first > floor && lines[first - 1].body_size {
            let Some(b) = top(&lines[first - 1]) else {
                break;
            };
            let Some(c) = column.as_mut() else { break };
            if b[1] <= stack_top || b[0] >= c[2] || c[0] >= b[2] {
                break;
            }
            c[0] = c[0].min(b[0]);
            c[2] = c[2].max(b[2]);
            first -= 1;
        }
        let begins_column = first < i
            && (first == 0 || opens_article(&lines[first]).is_some())
            && first
                .checked_sub(1)
                .is_none_or(|p| match (top(&lines[p]), top(&lines[first])) {
                    (Some(a), Some(b)) => a[2] <= b[0] || b[2] <= a[0],
                    _ => true,
                });
        if begins_column {
            lines[first..end].rotate_left(i - first);
            floor = first + (end - i);
        }
        i = end;
    }
}
