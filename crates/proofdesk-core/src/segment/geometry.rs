//! The page image's geometry in the proposal (hOCR and ALTO pages only):
//! what the boxes say of each line ([`read_geometry`]: width in glyph
//! pitches, indent, running text's size, titles), and the reading order
//! repaired where the engine's is wrong (a row read across the columns'
//! gutters, pieces of a row, a headline's two halves on one row, a
//! headline's second line or subheadline, a kicker read after the column
//! under it, a stack read after its text), and where the next band of the
//! page begins. The cuts are
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
    let ratio = |b: &crate::ocr::BBox| height_ratio(b, median);
    let words = WordSizes::of(lines, geometry);
    for ((line, b), &words_body) in lines.iter_mut().zip(&boxes).zip(&words.body) {
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
            let left = same_size_beside(&boxes, i, median).map(|n| n[0]).min();
            #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
            let indent = left.map_or(0.0, |x| b[0].saturating_sub(x) as f32 / pitch);
            indent >= CUTS.image.indent
        })
        .collect();
    let stacked = stacked_ratios(&boxes, median);
    let row_mates: Vec<bool> = (0..boxes.len())
        .map(|i| same_size_on_its_row(&boxes, i, median))
        .collect();
    for (((((line, b), indented), &larger), stacked), row_mate) in lines
        .iter_mut()
        .zip(&boxes)
        .zip(indents)
        .zip(&words.larger)
        .zip(stacked)
        .zip(row_mates)
    {
        if let Some(b) = b {
            #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
            let cells = b[2].saturating_sub(b[0]) as f32 / pitch;
            // The line's glyphs against running text's: its width on the
            // image over its text's width in cells (still `line.width`).
            line.glyph_size = cells / line.width.max(1.0);
            // A headline is tall and set in wide glyphs; a line of running
            // text the engine read with a speck above it is only tall, and
            // so is one whose middle word is at running text's size (one
            // word boxed tall, the glyphs the engine dropped widening the
            // rest: `田与中科委签订了` for ten glyphs' width).
            let wide = line.glyph_size >= CUTS.image.wide_glyphs;
            // Lines of one stack set a little larger (a headline of two or
            // three lines boxed 1.35 times running text's height), each
            // about as tall as the next, are a headline's too.
            let stack_line = ratio(b) >= CUTS.image.title_word && stacked >= CUTS.image.title_word;
            // A headline the engine read as two lines side by side, each
            // set larger and in wider glyphs than running text by a third,
            // is a title's too, though less than `tall` times running
            // text's height (a kicker alone over its headline is not).
            let larger_all_round = ratio(b) >= CUTS.image.title_word
                && line.glyph_size >= CUTS.image.title_word
                && row_mate;
            line.tall = (ratio(b) >= CUTS.image.tall && wide || stack_line || larger_all_round)
                && cells >= CUTS.image.title_cells
                && !line.body_size;
            // Kickers and subheadlines are a little taller than running
            // text; a box far taller in running text's glyphs is running
            // text read with a speck, unless its words are themselves
            // set larger (a subheadline a third larger, boxed glyph by
            // glyph), or a line beside it in its column is boxed about as
            // tall (a stack's last glyphs, `能了` read `E了`, under its
            // other lines: a speck makes one line tall, not two).
            if ratio(b) >= CUTS.image.speckled
                && !wide
                && !larger
                && stacked < CUTS.image.body_size_below
            {
                line.body_size = true;
            }
            // Running text, however its box measures: a glyph or two the
            // engine was unsure of, boxed across a row far wider than they
            // are tall (`人` for a whole column's width, over the line
            // below it: a misreading of the row, no headline's glyphs,
            // which are about as wide as they are tall); or the tail of a
            // number broken at the line end (`92%`), which a percent sign
            // boxes taller than the text it ends.
            let misread_row = line.glyphs.len() <= 2 && row_misread_alone(line, geometry);
            if misread_row || crate::layout::is_number_tail(&line.glyphs) {
                line.body_size = true;
                line.tall = false;
            }
            line.width = cells;
        }
        line.indented |= indented;
    }
    rows_boxed_a_little_tall(lines, &boxes, pitch, median);
    rows_on_the_text_grid(lines, &boxes, pitch, median);
    specks_in_stacks(lines, geometry);
}

/// Whether the x positions `a` and `b` stand within `pitch` pixels (a
/// glyph pitch) of each other.
fn within_pitch(a: u32, b: u32, pitch: f32) -> bool {
    #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
    let apart = a.abs_diff(b) as f32;
    apart <= pitch
}

/// A row of running text the engine boxed larger than running text's
/// size, tall even (a few of its words boxed into the row below, glyphs
/// dropped, so that what it read measures wide too: `…农业局的副局长…`
/// read `…农 副局长…`, a third of its words boxed 32 pixels high in
/// 18-pixel running text), is running text where the image shows it on
/// running text's grid of rows: the lines read right before and after it
/// are running text of its column, their right edges within a glyph pitch
/// of its own and the left edge of one of them too, and the rows they
/// stand on are no more than
/// [`ImageCuts::text_grid_rows`](crate::layout::ImageCuts::text_grid_rows)
/// rows of running text apart (a row: the middle distance from one row of
/// running text to the next in a column). A title between two lines of
/// running text takes more room than one row, and is set apart by its
/// gaps.
fn rows_on_the_text_grid(lines: &mut [Line], boxes: &[Option<BBox>], pitch: f32, median: u32) {
    let near = |a: u32, b: u32| within_pitch(a, b, pitch);
    // One row of running text to the next, in a column: tops of body-size
    // lines read one after the other, flush right, under three lines apart.
    let mut steps: Vec<u32> = (1..lines.len())
        .filter_map(|i| {
            let (p, b) = (boxes[i - 1]?, boxes[i]?);
            let step = b[1].checked_sub(p[1])?;
            (lines[i - 1].body_size
                && lines[i].body_size
                && near(p[2], b[2])
                && step > 0
                && step < 3 * median)
                .then_some(step)
        })
        .collect();
    if steps.len() < 3 {
        return;
    }
    steps.sort_unstable();
    let row = steps[steps.len() / 2].max(1);
    #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
    let rows_apart = |pixels: u32| pixels as f32 / row as f32;
    for i in 1..lines.len().saturating_sub(1) {
        let (Some(p), Some(b), Some(n)) = (boxes[i - 1], boxes[i], boxes[i + 1]) else {
            continue;
        };
        let on_grid = lines[i - 1].body_size
            && lines[i + 1].body_size
            && !lines[i].body_size
            && near(b[2], p[2])
            && near(b[2], n[2])
            && (near(b[0], p[0]) || near(b[0], n[0]))
            && n[1] > p[1]
            && rows_apart(n[1] - p[1]) <= CUTS.image.text_grid_rows;
        if on_grid {
            lines[i].body_size = true;
            lines[i].tall = false;
        }
    }
}

/// A row of running text the engine boxed a little taller than running
/// text (its words boxed down into the row below) is running text where
/// the image shows it set in the text: not tall, its glyphs at running
/// text's pitch (under
/// [`ImageCuts::wide_glyphs`](crate::layout::ImageCuts::wide_glyphs)), its
/// box under [`ImageCuts::title_word`](crate::layout::ImageCuts::title_word)
/// times running text's height, ending within a pitch of where the next
/// row ends, and that row running text right under it. Either
/// - a paragraph's first line (`代表们对这次会议作了` under a headline):
///   indented, the row under it flush left of it. A subheadline under a
///   headline is set larger and centred, not at the column's edges; or
/// - a row inside a paragraph (`裕起来的农民` over `了农机建了大棚`): flush
///   left with the row under it, and right under a row of running text
///   that ends where it does. A title is set apart from running text, by
///   a gap or by its width; this row is set in it.
fn rows_boxed_a_little_tall(lines: &mut [Line], boxes: &[Option<BBox>], pitch: f32, median: u32) {
    let near = |a: u32, b: u32| within_pitch(a, b, pitch);
    for i in 0..lines.len().saturating_sub(1) {
        let (Some(b), Some(n)) = (boxes[i], boxes[i + 1]) else {
            continue;
        };
        let (line, next) = (&lines[i], &lines[i + 1]);
        let under = n[1] + median / 2 >= b[3] && n[1] <= b[3] + median;
        let first_line = line.indented && !next.indented && n[0] < b[0];
        let inside = near(b[0], n[0])
            && i.checked_sub(1).is_some_and(|k| {
                lines[k].body_size
                    && boxes[k]
                        .is_some_and(|p| near(b[2], p[2]) && b[1] >= p[3] && b[1] - p[3] <= median)
            });
        if !line.body_size
            && !line.tall
            && line.glyph_size < CUTS.image.wide_glyphs
            && height_ratio(&b, median) < CUTS.image.title_word
            && next.body_size
            && near(b[2], n[2])
            && under
            && (first_line || inside)
        {
            lines[i].body_size = true;
        }
    }
}

/// A speck the engine read as a line of its own between two lines set
/// larger than running text (`/` between a headline and its
/// subheadline): at most two glyphs, none a letter or digit, under a
/// glyph wide. Its box says nothing of its size; it takes its
/// neighbours', so that it does not cut the headline stack in two.
///
/// So does a line there whose words the engine was mostly unsure of
/// (their middle confidence under [`RECOGNITION_DOUBT_BELOW`](crate::ocr::RECOGNITION_DOUBT_BELOW)): the
/// top or bottom edge of a headline's glyphs read as a row of their own
/// (devpages-ocr 006: `”><蕊月 二 \、 Ar -AL 1及` between a kicker and
/// its headline, `v 全和` under the headline), boxed at running text's
/// height.
fn specks_in_stacks(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    for i in 1..lines.len().saturating_sub(1) {
        let l = &lines[i];
        let speck =
            l.glyphs.len() <= 2 && l.width < 1.0 && l.glyphs.iter().all(|c| !c.is_alphanumeric());
        if !lines[i - 1].body_size && !lines[i + 1].body_size {
            let unread = !speck && unread(l, geometry);
            if speck || unread {
                lines[i].body_size = false;
                lines[i].unread = unread;
            }
        }
    }
}

/// Whether the engine was unsure of most words of line `l`: their middle
/// confidence is under [`RECOGNITION_DOUBT_BELOW`](crate::ocr::RECOGNITION_DOUBT_BELOW).
fn unread(l: &Line, geometry: &crate::ocr::Geometry) -> bool {
    let (Some(&first), Some(&last)) = (l.offsets.first(), l.offsets.last()) else {
        return false;
    };
    let mut sure: Vec<u8> = geometry
        .words_meeting(first, last + 1)
        .map(|w| w.confidence)
        .collect();
    sure.sort_unstable();
    sure.get(sure.len() / 2)
        .is_some_and(|&c| c < crate::ocr::RECOGNITION_DOUBT_BELOW)
}

/// The boxes of the lines right above and below line `i` (`boxes`,
/// running text's lines `median` pixels high) in its column, boxed about
/// as tall as it is (within
/// [`ImageCuts::same_size`](crate::layout::ImageCuts::same_size)), less
/// than two and a half line heights apart: next to it, or across a line
/// the engine dropped (a paragraph's last glyphs, `意义。`, at a column's
/// foot), so that the line after such a gap is still measured against its
/// column for its indent.
fn same_size_beside(
    boxes: &[Option<BBox>],
    i: usize,
    median: u32,
) -> impl Iterator<Item = BBox> + '_ {
    let b = boxes.get(i).copied().flatten();
    [i.checked_sub(1), Some(i + 1)]
        .into_iter()
        .flatten()
        .filter_map(|j| boxes.get(j).copied().flatten())
        .filter(move |n| {
            b.is_some_and(|b| {
                n[0] < b[2]
                    && b[0] < n[2]
                    && n[1].abs_diff(b[3]).min(b[1].abs_diff(n[3])) <= median * 5 / 2
                    && (height_ratio(n, median) - height_ratio(&b, median)).abs()
                        < CUTS.image.same_size
            })
        })
}

/// Whether the line before or after line `i` (`boxes`, running text's
/// lines `median` pixels high) stands beside it on its row, sharing half
/// its height or more, boxed about as tall (within
/// [`ImageCuts::same_size`](crate::layout::ImageCuts::same_size)): the
/// other half of a row the engine read as two lines.
fn same_size_on_its_row(boxes: &[Option<BBox>], i: usize, median: u32) -> bool {
    let Some(b) = boxes.get(i).copied().flatten() else {
        return false;
    };
    [i.checked_sub(1), Some(i + 1)]
        .into_iter()
        .flatten()
        .filter_map(|j| boxes.get(j).copied().flatten())
        .any(|n| {
            let shortest = b[3].saturating_sub(b[1]).min(n[3].saturating_sub(n[1]));
            (n[2] <= b[0] || b[2] <= n[0])
                && rows_shared(&n, &b) * 2 >= shortest
                && (height_ratio(&n, median) - height_ratio(&b, median)).abs()
                    < CUTS.image.same_size
        })
}

/// For each line, the tallest height ratio (to running text's lines,
/// `median` pixels high) of the lines [`same_size_beside`] it: the line
/// is a stack's, not a speck over running text. 0 where there is none.
fn stacked_ratios(boxes: &[Option<BBox>], median: u32) -> Vec<f32> {
    (0..boxes.len())
        .map(|i| {
            same_size_beside(boxes, i, median)
                .map(|b| height_ratio(&b, median))
                .fold(0.0, f32::max)
        })
        .collect()
}

/// A box's height against running text's lines, `median` pixels high.
fn height_ratio(b: &BBox, median: u32) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
    let ratio = b[3].saturating_sub(b[1]) as f32 / median.max(1) as f32;
    ratio
}

/// What the heights of each line's words say of its size, against the
/// middle word height of the page's lines.
struct WordSizes {
    /// The line's middle word is at running text's size: a bracket or a
    /// speck that makes one word, and so the line's box, taller does not
    /// count.
    body: Vec<bool>,
    /// Every one of at least three words is set larger than running text
    /// (a row the engine read as one boxes many of its words as tall as
    /// the row, but not all). A flat word ([`flat`]: `一`, a dash; a
    /// subheadline's `一` boxed 3 pixels high) says nothing of the size its
    /// line is set in and does not count.
    larger: Vec<bool>,
}

impl WordSizes {
    fn of(lines: &[Line], geometry: &crate::ocr::Geometry) -> Self {
        let heights: Vec<Vec<(u32, bool)>> = lines
            .iter()
            .map(|l| heights_of_words(l, geometry))
            .collect();
        let solid: Vec<Vec<u32>> = heights
            .iter()
            .map(|h| h.iter().filter(|w| !w.1).map(|w| w.0).collect())
            .collect();
        let heights: Vec<Vec<u32>> = heights
            .iter()
            .map(|h| h.iter().map(|w| w.0).collect())
            .collect();
        let middle = |h: &Vec<u32>| h.get(h.len() / 2).copied();
        let mut middles: Vec<u32> = heights.iter().filter_map(middle).collect();
        middles.sort_unstable();
        let median = middles.get(middles.len() / 2).copied().unwrap_or(0).max(1);
        #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
        let at_body_size = |w: u32| (w as f32 / median as f32) < CUTS.image.body_size_below;
        Self {
            body: heights
                .iter()
                .map(|h| middle(h).is_some_and(at_body_size))
                .collect(),
            larger: solid
                .iter()
                .map(|h| h.len() >= 3 && h.first().is_some_and(|&w| !at_body_size(w)))
                .collect(),
        }
    }
}

/// The heights of the words the engine read on line `l`, in pixels, lowest
/// first, each with whether the word is [`flat`].
fn heights_of_words(l: &Line, geometry: &crate::ocr::Geometry) -> Vec<(u32, bool)> {
    let (Some(&first), Some(&last)) = (l.offsets.first(), l.offsets.last()) else {
        return Vec::new();
    };
    let Some(engine) = geometry.line_at(first) else {
        return Vec::new();
    };
    let mut h: Vec<(u32, bool)> = sized_words(engine, first, last)
        .kept
        .iter()
        .map(|w| (w.bbox[3].saturating_sub(w.bbox[1]), flat(w)))
        .collect();
    h.sort_unstable();
    h
}

/// Whether word `w` is boxed at least
/// [`ImageCuts::flat_word`](crate::layout::ImageCuts::flat_word) times as
/// wide per char as it is tall: a flat glyph (`一`, a dash), whose box
/// tells no size.
fn flat(w: &crate::ocr::OcrWord) -> bool {
    wide_per_char(w, CUTS.image.flat_word)
}

/// Whether word `w` is boxed at least `times` as wide per char as it is
/// tall (a glyph's box is about square).
fn wide_per_char(w: &crate::ocr::OcrWord, times: f32) -> bool {
    let [x0, y0, x1, y1] = w.bbox;
    let chars = w.end.saturating_sub(w.start).max(1);
    #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
    let wide =
        x1.saturating_sub(x0) as f32 >= times * (y1.saturating_sub(y0) as f32) * chars as f32;
    wide
}

/// Whether the engine read word `w` for part of a row it could not read:
/// unsure of it (under [`RECOGNITION_DOUBT_BELOW`](crate::ocr::RECOGNITION_DOUBT_BELOW)),
/// and its box at least [`ImageCuts::misread_row_wider`](crate::layout::ImageCuts::misread_row_wider)
/// times as wide per char as it is tall (a glyph's box is about square).
/// The engine boxes many words so where it dropped glyphs; see
/// [`sized_words`] for those that also stretch the line's box.
fn row_misread(w: &crate::ocr::OcrWord) -> bool {
    w.confidence < crate::ocr::RECOGNITION_DOUBT_BELOW
        && wide_per_char(w, CUTS.image.misread_row_wider)
}

/// Whether every word the engine read on line `l` is a misread row
/// ([`row_misread`]): the line is no text of its own.
fn row_misread_alone(l: &Line, geometry: &crate::ocr::Geometry) -> bool {
    let (Some(&first), Some(&last)) = (l.offsets.first(), l.offsets.last()) else {
        return false;
    };
    let mut words = geometry.words_meeting(first, last + 1).peekable();
    words.peek().is_some() && words.all(row_misread)
}

/// The words of the engine's line `engine` that meet raw `first..=last`:
/// those that measure its size, whether any do not, and how far all of
/// them reach across.
struct SizedWords<'a> {
    /// The words that measure the line's size.
    kept: Vec<&'a crate::ocr::OcrWord>,
    /// Whether a word that meets the line was left out of `kept`.
    dropped: bool,
    /// The left edge of the leftmost word and the right edge of the
    /// rightmost, `None` when no word meets the line.
    across: Option<(u32, u32)>,
}

/// The words of the engine's line `engine` that meet raw `first..=last`
/// ([`SizedWords`]). A row misread ([`row_misread`]) boxed at least
/// [`ImageCuts::tall`](crate::layout::ImageCuts::tall) times as tall as
/// the line's other words (`|` boxed over fifteen glyphs of running text
/// and into the rows above and below it) tells nothing of the line's size.
fn sized_words(engine: &crate::ocr::OcrLine, first: usize, last: usize) -> SizedWords<'_> {
    let height = |w: &crate::ocr::OcrWord| w.bbox[3].saturating_sub(w.bbox[1]);
    let meeting: Vec<&crate::ocr::OcrWord> = engine.words_meeting(first, last + 1).collect();
    let across = meeting
        .iter()
        .map(|w| w.bbox[0])
        .min()
        .zip(meeting.iter().map(|w| w.bbox[2]).max());
    let mut others: Vec<u32> = meeting
        .iter()
        .filter(|w| !row_misread(w))
        .map(|w| height(w))
        .collect();
    if others.is_empty() || others.len() == meeting.len() {
        return SizedWords {
            kept: meeting,
            dropped: false,
            across,
        };
    }
    others.sort_unstable();
    let middle = others[others.len() / 2].max(1);
    #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
    let stretches = |w: &crate::ocr::OcrWord| {
        row_misread(w) && height(w) as f32 >= CUTS.image.tall * middle as f32
    };
    let kept: Vec<&crate::ocr::OcrWord> =
        meeting.iter().copied().filter(|w| !stretches(w)).collect();
    SizedWords {
        dropped: kept.len() < meeting.len(),
        kept,
        across,
    }
}

/// The box on the page image of the engine's line that `l` comes from.
///
/// A part of the engine's line (a row split at its gutters, a headline
/// split off a dateline) has the box of its words, and so has a line a
/// misread row stretches ([`sized_words`]): across, all its words; up and
/// down, the words that measure it.
fn line_box(l: &Line, geometry: &crate::ocr::Geometry) -> Option<crate::ocr::BBox> {
    let (&first, &last) = (l.offsets.first()?, l.offsets.last()?);
    let engine = geometry.line_at(first)?;
    let whole = engine.words.first().is_none_or(|w| w.start >= first)
        && engine.words.last().is_none_or(|w| w.end <= last + 1);
    let sized = sized_words(engine, first, last);
    if whole && !sized.dropped {
        return Some(engine.bbox);
    }
    let (left, right) = if whole {
        (engine.bbox[0], engine.bbox[2])
    } else {
        let Some(across) = sized.across else {
            return Some(engine.bbox);
        };
        across
    };
    // Its words' middle top and bottom: a row the engine read as one
    // boxes some of its words as tall as the whole row.
    let mut tops: Vec<u32> = sized.kept.iter().map(|w| w.bbox[1]).collect();
    let mut bottoms: Vec<u32> = sized.kept.iter().map(|w| w.bbox[3]).collect();
    tops.sort_unstable();
    bottoms.sort_unstable();
    Some([
        left,
        tops[tops.len() / 2],
        right,
        bottoms[bottoms.len() / 2],
    ])
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
/// between them (`村里还组织爱心捐款1.` … `5万`), and both take the
/// row's width. The piece must not reach past the right edge of that
/// line's column (the lines around it that share its x-range), into the
/// next column's gutter.
pub(super) fn row_pieces_rejoined(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    let bbox = |l: &Line| line_box(l, geometry);
    rejoin_after(
        lines,
        geometry,
        64,
        |l| l.body_size && l.width <= CUTS.image.piece,
        |lines, p, q, a, b| {
            let height = b[3].saturating_sub(b[1]);
            let overlap = rows_shared(&a, &b);
            // The column's right edge: the lines around `q` in its column.
            let right = (q.saturating_sub(5)..q + 6)
                .filter(|&n| n != p)
                .filter_map(|n| lines.get(n).and_then(bbox))
                .filter(|n| n[0] < a[2] && a[0] < n[2])
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
            // Both are the one line of the image: its width. The piece
            // goes on its row, so it opens no paragraph, however far right
            // of the line under it it starts.
            let row = lines[q].width + lines[q + 1].width;
            lines[q].width = row;
            lines[q + 1].width = row;
            lines[q + 1].indented = false;
        },
    );
}

/// Brings the right half of a headline back after its left half: a tall
/// line goes right after the tall line the image shows on the same row,
/// as tall, ending at most a glyph and a half left of it (or reaching at
/// most a glyph past its start), when the engine
/// read other lines between them (it split a headline over several
/// columns into two boxes, `游客们把老街` … `口那座石桥围得严严实实`). A
/// line set larger than running text but short of tall
/// ([`ImageCuts::tall`]) counts as tall here: a headline set 1.4 times
/// running text's height, read as two boxes, is one title too.
///
/// [`ImageCuts::tall`]: crate::layout::ImageCuts::tall
pub(super) fn title_halves_rejoined(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    rejoin_after(
        lines,
        geometry,
        usize::MAX,
        |l| title_sized(l) && !l.title_apart,
        |lines, p, q, a, b| {
            let height = b[3].saturating_sub(b[1]);
            let overlap = rows_shared(&a, &b);
            let other = a[3].saturating_sub(a[1]);
            // The left half's last box may reach past the right half's
            // first: a mark misread as a glyph, boxed wide (a `;`), or
            // the glyph at the seam read in both boxes (`这`, then `文`).
            title_sized(&lines[q])
                && overlap * 5 >= height * 4
                && other.abs_diff(height) * 5 <= height
                && a[0] < b[0]
                && a[2] <= b[0] + height
                && (b[0].saturating_sub(a[2]) <= height * 3 / 2
                    || row_bridged(lines, geometry, (a, b), (p, q)))
        },
        |lines, q| lines[q + 1].right_half = true,
    );
}

/// Whether the gap on one row between the boxes `a` (line `q`'s) and `b`
/// (line `p`'s, right of it) is filled by other lines inside the row's
/// rows, none more than a glyph and a half (the row's height) from the
/// next: glyphs of one headline the engine read as lines of their own,
/// half as tall, on the row's top and bottom halves (`春风又绿江南两岸`,
/// then two glyphs read as `一\岂` over `二/人`, then `万物复苏`).
fn row_bridged(
    lines: &[Line],
    geometry: &crate::ocr::Geometry,
    (a, b): (BBox, BBox),
    (p, q): (usize, usize),
) -> bool {
    let height = b[3].saturating_sub(b[1]);
    let reach = height * 3 / 2;
    let mut between: Vec<BBox> = lines
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != p && i != q)
        .filter_map(|(_, l)| line_box(l, geometry))
        .filter(|n| n[1] >= a[1].min(b[1]) && n[3] <= a[3].max(b[3]) && n[0] < b[0] && n[2] > a[2])
        .collect();
    between.sort_unstable_by_key(|n| n[0]);
    let mut reached = a[2];
    for n in between {
        if n[0] > reached + reach {
            break;
        }
        reached = reached.max(n[2]);
    }
    b[0] <= reached + reach
}

/// Whether the image shows `line` set larger than running text: a tall
/// line (never at running text's size) or one short of tall, as a
/// headline set 1.4 times running text's height is.
fn title_sized(line: &Line) -> bool {
    !line.body_size
}

/// Brings a glyph or two the engine boxed apart from a headline back into
/// its row: a line of at most two glyphs, set larger than running text (or
/// boxed a speck's worth taller than its lines), whose box lies inside the
/// rows of a tall line, at least two fifths as tall, at most a glyph and a
/// half from its left or right end. It goes right before the row's line it
/// stands left of, right after the one it stands right of (between a
/// headline's two boxes that [`title_halves_rejoined`], run before, put
/// together), and among the row's other pieces in their order across the
/// page. The engine reads the first glyphs of a headline set over several
/// columns as a block of their own (`中国` read `外`, then `国` read `叫`
/// after the next column; `中` read `骨1`, boxed narrow), boxed on part of
/// their ink, lower and shorter than the row: each piece otherwise heads
/// the column read after it, or opens it, and cuts its article. Each piece
/// moves once.
pub(super) fn title_pieces_rejoined(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    // Set larger than running text, or boxed taller than running text's
    // lines by a speck's worth: a piece boxed on part of a glyph with a
    // figure beside it (`中` read `骨1`) measures narrow, and the image
    // rules take such a box for running text read with a speck.
    let median = median_line_height(geometry).unwrap_or(u32::MAX);
    #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
    let boxed_tall = |l: &Line| {
        line_box(l, geometry).is_some_and(|b| {
            b[3].saturating_sub(b[1]) as f32 >= CUTS.image.speckled * median as f32
        })
    };
    let piece = |l: &Line| l.glyphs.len() <= 2 && (!l.body_size || boxed_tall(l));
    // Where piece `a` stands to the tall line boxed `b` of its row: left
    // of it (`Some(true)`), right of it (`Some(false)`), or not on its row.
    // A piece may overlap the line's box by up to a glyph (the engine
    // boxes the glyph at the seam on both: `…挤得满满` and then `的`, boxed
    // from inside `满`), as long as it reaches past the line's end.
    let beside = |a: BBox, b: BBox| {
        let height = b[3].saturating_sub(b[1]);
        let on_row = a[1] >= b[1] && a[3] <= b[3] && a[3].saturating_sub(a[1]) * 5 >= height * 2;
        let near = |gap: u32| gap <= height * 3 / 2;
        if !on_row {
            None
        } else if a[0] < b[0] && a[2] <= b[0] + height && near(b[0].saturating_sub(a[2])) {
            Some(true)
        } else if a[2] > b[2] && a[0] + height >= b[2] && near(a[0].saturating_sub(b[2])) {
            Some(false)
        } else {
            None
        }
    };
    let mut moved: Vec<Option<usize>> = Vec::new();
    let mut p = 0;
    while p < lines.len() {
        let Some(a) = piece(&lines[p])
            .then(|| line_box(&lines[p], geometry))
            .flatten()
        else {
            p += 1;
            continue;
        };
        let side = |r: usize| {
            (r != p && lines[r].tall)
                .then(|| line_box(&lines[r], geometry))
                .flatten()
                .and_then(|b| beside(a, b))
        };
        // The row's line read after it, else the nearest read before it;
        // a line of the row that is no piece itself before one that is.
        // Each piece is moved once.
        let first = lines[p].offsets.first().copied();
        let find = |whole: bool| {
            (p + 1..lines.len())
                .chain((0..p).rev())
                .filter(|&r| whole != piece(&lines[r]))
                .find_map(|r| side(r).map(|left| (r, left)))
        };
        let found = (!moved.contains(&first))
            .then(|| find(true).or_else(|| find(false)))
            .flatten();
        let Some((r, left_of)) = found else {
            p += 1;
            continue;
        };
        moved.push(first);
        // The piece goes right before the row's line it stands left of,
        // right after the one it stands right of, and among the pieces of
        // the row put back there in their order across the page. Indices
        // in the lines without the piece: `j` is `lines[j + (j >= p)]`.
        let without = |j: usize| j + usize::from(j >= p);
        // A piece of the row right (or left) of this one.
        let row_piece = |j: usize, right: bool| {
            let l = &lines[without(j)];
            piece(l)
                && line_box(l, geometry).is_some_and(|b| {
                    rows_shared(&a, &b) > 0 && if right { b[0] > a[0] } else { b[0] < a[0] }
                })
        };
        let mut at = r - usize::from(r > p) + usize::from(!left_of);
        if left_of {
            while at > 0 && row_piece(at - 1, true) {
                at -= 1;
            }
        } else {
            while at + 1 < lines.len() && row_piece(at, false) {
                at += 1;
            }
        }
        let (row_tall, row_size) = (lines[r].tall, lines[r].glyph_size);
        if at > p {
            lines[p..=at].rotate_left(1);
        } else {
            lines[at..=p].rotate_right(1);
        }
        // Boxed on part of its ink, it is as tall as its row, and one
        // title with the row's lines beside it (those on the row's rows).
        lines[at].tall = row_tall;
        lines[at].glyph_size = row_size;
        lines[at].body_size = false;
        // The row's lines beside it (on the row's rows), left and right.
        let beside_it = |n: usize, left: bool| {
            lines
                .get(n)
                .and_then(|l| line_box(l, geometry))
                .is_some_and(|b| {
                    rows_shared(&a, &b) * 2 >= a[3].saturating_sub(a[1])
                        && if left { b[2] <= a[0] } else { b[0] >= a[2] }
                })
        };
        let (joins_before, joins_after) =
            (at > 0 && beside_it(at - 1, true), beside_it(at + 1, false));
        lines[at].right_half |= joins_before;
        if joins_after {
            lines[at + 1].right_half = true;
        }
        // A piece moved on is met again where it now stands: in place.
        p += usize::from(at <= p);
    }
}

/// Brings a headline's second line, or its subheadline, back under its
/// first: a tall line, or a line set larger than running text, goes right
/// after the tall line the image shows just above it (overlapping it
/// across, less than its height below), when the engine read other lines
/// between them (the columns left of the headline, or the first column
/// under it).
pub(super) fn titles_rejoined(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    rejoin_after(
        lines,
        geometry,
        usize::MAX,
        |l| l.tall || !l.body_size,
        // The nearest line above it is taken even when it is the line
        // right before it (nothing to move).
        |lines, _, q, a, b| {
            lines[q].tall && a[0] < b[2] && b[0] < a[2] && b[1] >= a[3] && b[1] - a[3] < a[3] - a[1]
        },
        |_, _| {},
    );
}

/// Brings a kicker back over its headline: a line set larger than running
/// text but not tall goes right before the tall line the image shows just
/// under it (overlapping it across, less than the tall line's height
/// below), when the engine read other lines between them (the column under
/// the stack); before the left half of a headline read as two boxes.
///
/// So does a kicker the engine read before another headline than its own:
/// two headlines side by side on one row, read as one line and cut at
/// their gutter ([`rows_split_at_gutters`]), with the kicker over the
/// right one read first. It goes right before the headline under it.
pub(super) fn kickers_rejoined(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    // Each kicker moves once (the first glyph's offset of each moved).
    let mut moved: Vec<Option<usize>> = Vec::new();
    let mut p = 0;
    while p < lines.len() {
        let first = lines[p].offsets.first().copied();
        let Some(b) = (!lines[p].body_size && !lines[p].tall && !moved.contains(&first))
            .then(|| line_box(&lines[p], geometry))
            .flatten()
        else {
            p += 1;
            continue;
        };
        let under = |q: usize| {
            lines[q].tall
                && line_box(&lines[q], geometry).is_some_and(|a| {
                    a[0] < b[2] && b[0] < a[2] && a[1] >= b[3] && a[1] - b[3] < a[3] - a[1]
                })
        };
        if let Some(mut q) = (0..p).rev().find(|&q| under(q)) {
            while q > 0 && lines[q].right_half {
                q -= 1;
            }
            if q + 1 < p {
                lines[q..=p].rotate_right(1);
                moved.push(first);
            }
        } else if let Some(q) = (p + 1..lines.len())
            .find(|&q| under(q))
            .filter(|&q| q > p + 1)
        {
            // The kicker goes right before its headline; the line now at
            // `p` (the other headline) is looked at next.
            lines[p..q].rotate_left(1);
            moved.push(first);
            continue;
        }
        p += 1;
    }
}

/// Puts each headline stack of an OCR page before the running text the
/// engine read ahead of it that the image shows below the stack's top: a
/// column that starts under a headline (the engine often reads the column
/// left of a headline first, then the headline, then the columns under
/// it), or several such columns side by side (a headline over four columns
/// read after the first three).
///
/// A stack is a run of lines larger than running text with a tall one
/// among them. The lines moved are those right before it in raw order,
/// column by column leftwards, that all start below its top, and only when
/// they begin an article there: the first opens the page, or opens with a
/// dateline, continuation marker, byline or photo caption
/// ([`opens_column_under_stack`]) and the line before them is in another
/// column or above the stack (the end of the band of articles over it).
/// Where they are more than one column, the stack is centred (within a
/// quarter column) over them and the columns the engine read after it. A
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
        let boxes: Vec<BBox> = (i..end).filter_map(|j| top(&lines[j])).collect();
        let stack_top = boxes.iter().map(|b| b[1]).min();
        let has_tall = (i..end).any(|j| lines[j].tall);
        let (Some(stack_top), true) = (stack_top, has_tall) else {
            i = end;
            continue;
        };
        let middle = boxes.iter().map(|b| b[0]).min().unwrap_or(0) / 2
            + boxes.iter().map(|b| b[2]).max().unwrap_or(0) / 2;
        // The run starts a column: the page's first line, or a line after
        // one in another column or above the stack.
        let begins_column = |first: usize| {
            first < i
                && (first > floor || first == 0)
                && first
                    .checked_sub(1)
                    .is_none_or(|p| match (top(&lines[p]), top(&lines[first])) {
                        (Some(a), Some(b)) => a[2] <= b[0] || b[2] <= a[0] || a[3] <= stack_top,
                        _ => true,
                    })
        };
        // A column: every line moved shares x with the lines after it up
        // to the stack, or starts within a paragraph's indent of them (a
        // short last line and the next paragraph's indented first line need
        // not overlap); and never back past a stack already moved. A line
        // wholly left of the column ends it: the column before it begins.
        // Of the runs of whole columns that fit, the longest
        // is moved: one column that opens an article, or columns the
        // stack is centred over that open an article or a paragraph.
        let Some(mut column) = i.checked_sub(1).and_then(|p| top(&lines[p])) else {
            i = end;
            continue;
        };
        // The columns the engine read after the stack, down to the next
        // stack: with the run before it, the article's columns, which the
        // stack is centred over.
        let after = (end..lines.len())
            .take_while(|&j| lines[j].body_size)
            .filter_map(|j| top(&lines[j]))
            .filter(|b| b[1] > stack_top)
            .map(|b| b[2])
            .max()
            .unwrap_or(0);
        let mut right = column[2];
        let mut first = i;
        let mut columns = 1;
        let mut chosen = None;
        // Whether the run from `first`, `columns` columns whose leftmost is
        // `column` and whose nearest ends at `right`, may be moved.
        let mut fits = |first: usize, columns: usize, column: BBox, right: u32| {
            let centre = column[0] / 2 + right.max(after) / 2;
            let width = column[2].saturating_sub(column[0]);
            let centred = centre.abs_diff(middle) <= width / 4;
            let opens = first == 0 || opens_column_under_stack(&lines[first]);
            if begins_column(first)
                && ((opens && columns == 1) || (centred && (opens || lines[first].indented)))
            {
                chosen = Some(first);
            }
        };
        while first > floor && lines[first - 1].body_size {
            let Some(b) = top(&lines[first - 1]) else {
                break;
            };
            if b[1] <= stack_top {
                break;
            }
            let indent = 3 * b[3].saturating_sub(b[1]);
            let overlap = b[0] < column[2] && column[0] < b[2];
            if !(overlap || b[0].abs_diff(column[0]) <= indent) {
                if b[2] > column[0] {
                    break;
                }
                fits(first, columns, column, right);
                columns += 1;
                column = b;
            }
            column[0] = column[0].min(b[0]);
            column[2] = column[2].max(b[2]);
            if columns == 1 {
                right = column[2];
            }
            first -= 1;
        }
        fits(first, columns, column, right);
        if let Some(first) = chosen {
            lines[first..end].rotate_left(i - first);
            floor = first + (end - i);
        }
        i = end;
    }
}

/// Whether a line opens the text under a headline stack: a dateline or
/// continuation marker, a byline on its own (`本报记者 王霞光`), or the
/// caption of a photo set under the stack.
fn opens_column_under_stack(line: &Line) -> bool {
    opens_article(line).is_some()
        || crate::layout::is_byline(line)
        || crate::layout::is_caption(line)
}

/// The middle height of the engine's lines, in pixels (at least 1).
fn median_line_height(geometry: &crate::ocr::Geometry) -> Option<u32> {
    let mut heights: Vec<u32> = geometry
        .lines
        .iter()
        .map(|l| l.bbox[3].saturating_sub(l.bbox[1]))
        .collect();
    heights.sort_unstable();
    heights.get(heights.len() / 2).map(|&h| h.max(1))
}

/// Whether box `b` is set larger than running text's lines, `h` pixels
/// high: at least [`ImageCuts::body_size_below`](crate::layout::ImageCuts::body_size_below) times as tall.
fn set_larger(b: &BBox, h: u32) -> bool {
    height_ratio(b, h) >= CUTS.image.body_size_below
}

/// Whether a box `height` pixels high is set tall: at least
/// [`ImageCuts::tall`](crate::layout::ImageCuts::tall) times the line height `h`.
fn set_tall(height: u32, h: u32) -> bool {
    #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
    let ratio = height as f32 / h.max(1) as f32;
    ratio >= CUTS.image.tall
}

/// Marks each line that the page image shows in a lower band of the page
/// than the line before it ([`Line::lower_band`]): its top more than two
/// line heights (the page's median) below that line's bottom, the two not
/// overlapping across. Reading order goes down a column, then up to the
/// next column's top; a jump down into other columns is the next band of
/// articles.
pub(super) fn lower_bands(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    let Some(h) = median_line_height(geometry) else {
        return;
    };
    let boxes: Vec<Option<BBox>> = lines.iter().map(|l| line_box(l, geometry)).collect();
    for i in 1..lines.len() {
        let (Some(a), Some(b)) = (boxes[i - 1], boxes[i]) else {
            continue;
        };
        let apart = b[2] <= a[0] || a[2] <= b[0];
        lines[i].lower_band = apart && b[1] > a[3] + 2 * h;
    }
}

/// How many pixel rows boxes `a` and `b` share (0 if none).
fn rows_shared(a: &BBox, b: &BBox) -> u32 {
    a[3].min(b[3]).saturating_sub(a[1].max(b[1]))
}

/// Whether boxes `a` and `b` overlap across by at least `1 / part` of the
/// narrower one's width.
fn overlap_across(a: &BBox, b: &BBox, part: u32) -> bool {
    let overlap = a[2].min(b[2]).saturating_sub(a[0].max(b[0]));
    let narrower = a[2].saturating_sub(a[0]).min(b[2].saturating_sub(b[0]));
    overlap > 0 && overlap * part >= narrower
}

/// Marks each line that the page image shows right above the next line
/// in reading order, with no line right above it ([`Line::over_next`]):
/// the next line's top within two line heights (the page's median) of
/// its bottom, the two overlapping across by half the narrower, and no
/// line so overlapping it ending within two line heights above its top.
/// A caption so placed sits under a photo at the top of the text that
/// follows it, not at the end of the text before it.
pub(super) fn lines_over_the_next(lines: &mut [Line], geometry: &crate::ocr::Geometry) {
    let Some(h) = median_line_height(geometry) else {
        return;
    };
    let boxes: Vec<Option<BBox>> = lines.iter().map(|l| line_box(l, geometry)).collect();
    let across = |a: &BBox, b: &BBox| overlap_across(a, b, 2);
    for i in 1..lines.len() {
        let (Some(a), Some(b)) = (boxes[i - 1], boxes[i]) else {
            continue;
        };
        let right_below = b[1] + h / 2 >= a[3] && b[1] <= a[3] + 2 * h && across(&a, &b);
        let text_above = boxes
            .iter()
            .flatten()
            .any(|c| *c != a && c[3] <= a[1] + h / 2 && c[3] + 2 * h >= a[1] && across(&a, c));
        lines[i - 1].over_next = right_below && !text_above;
    }
}

/// Splits each line the engine read across the gutters between columns
/// (a row of several articles' lines read as one: `老李的退休生活 … 安全例会是出车前的重要`)
/// into one line per column, then puts each piece in its column: right
/// before the line the image shows under it (the nearest row below that
/// it overlaps across, leftmost first), else right after the line above
/// it.
///
/// Only a line about two columns wide ([`ImageCuts::row_of_columns`](crate::layout::ImageCuts::row_of_columns)) is split, and only at a gutter
/// that the one-column lines ([`ImageCuts::narrow_line`](crate::layout::ImageCuts::narrow_line)) around it (within
/// [`ImageCuts::gutter_reach`](crate::layout::ImageCuts::gutter_reach) line heights) show: at least two
/// of them end at one x and two begin at one x a little to its right,
/// and none runs across. The line is cut between the words on either
/// side of the gutter's middle ([`cut_at`]): never inside a word, nor
/// inside one headline over several columns. A part still that wide is
/// also cut between two titles side by side over no gutter, where the
/// titles right under it centre ([`titles_apart`]); the right one is
/// [`Line::title_apart`], and its stack goes with it to its text.
pub(super) fn rows_split_at_gutters(
    lines: &mut Vec<Line>,
    chars: &[char],
    geometry: &crate::ocr::Geometry,
) {
    let Some(rows) = Rows::of(geometry) else {
        return;
    };
    let (h, column) = (rows.h, rows.column);
    let mut pieces: Vec<usize> = Vec::new();
    // The engine lines of the stack under a title cut off a row by
    // [`centred_cut`]: they move with it.
    let mut stacks: Vec<std::ops::Range<usize>> = Vec::new();
    let mut apart: Vec<usize> = Vec::new();
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    // Where each row cut apart went in `out`.
    let mut split_rows: Vec<std::ops::Range<usize>> = Vec::new();
    for mut line in std::mem::take(lines) {
        let (Some(&first), Some(&last)) = (line.offsets.first(), line.offsets.last()) else {
            out.push(line);
            continue;
        };
        let Some(engine) = geometry.line_at(first) else {
            out.push(line);
            continue;
        };
        let b = engine.bbox;
        let words: Vec<&crate::ocr::OcrWord> = engine
            .words
            .iter()
            .filter(|w| w.start >= first && w.end <= last + 1)
            .collect();
        let Some((mut cuts, two_columns)) = rows.gutter_cuts(b, &words, chars) else {
            out.push(line);
            continue;
        };
        // Each part the gutters leave may still hold two titles side by
        // side over no gutter.
        let min_width = column * CUTS.image.row_of_columns;
        let titles = if two_columns {
            titles_apart(&words, &cuts, geometry, b, min_width, h)
        } else {
            Vec::new()
        };
        for (at, stack) in titles {
            cuts.push(at);
            apart.push(at);
            stacks.extend(stack);
        }
        cuts.sort_unstable();
        if cuts.is_empty() {
            out.push(line);
            continue;
        }
        // Split from the right, so earlier glyph indices stay put.
        let mut tails = Vec::new();
        for &at in cuts.iter().rev() {
            if let Some(k) = line.offsets.iter().position(|&o| o >= at)
                && k > 0
            {
                let mut tail = line.split_off(chars, k);
                tail.title_apart = apart.contains(&at);
                tails.push(tail);
            }
        }
        pieces.push(first);
        let from = out.len();
        out.push(line);
        for tail in tails.into_iter().rev() {
            if let Some(&o) = tail.offsets.first() {
                pieces.push(o);
            }
            out.push(tail);
        }
        split_rows.push(from..out.len());
    }
    read_down(&mut out, &split_rows, geometry, h);
    *lines = out;
    pieces.extend(
        lines
            .iter()
            .filter_map(|l| l.offsets.first().copied())
            .filter(|o| stacks.iter().any(|r| r.contains(o))),
    );
    if !pieces.is_empty() {
        pieces_to_their_columns(lines, geometry, &pieces, h);
    }
}

/// Rows of running text the engine read across a gutter one after the
/// other (`split_rows`, each row's pieces in `lines`, the rows in a run
/// next to each other) are one article's columns read row by row: each
/// column's pieces are put top to bottom, the columns left to right
/// ([`in_columns`]). A run with a piece set larger (a headline's lines,
/// which read across) keeps the rows' order.
fn read_down(
    lines: &mut Vec<Line>,
    split_rows: &[std::ops::Range<usize>],
    geometry: &crate::ocr::Geometry,
    h: u32,
) {
    let mut k = 0;
    while k < split_rows.len() {
        let mut end = k + 1;
        while end < split_rows.len() && split_rows[end].start == split_rows[end - 1].end {
            end += 1;
        }
        let run = split_rows[k].start..split_rows[end - 1].end;
        k = end;
        let boxes: Vec<Option<BBox>> = lines[run.clone()]
            .iter()
            .map(|l| line_box(l, geometry))
            .collect();
        if run.len() < 4 || !boxes.iter().all(|b| b.is_some_and(|b| !set_larger(&b, h))) {
            continue;
        }
        let mut order: Vec<usize> = (0..run.len()).collect();
        in_columns(&mut order, |p| boxes[p].map_or(0, |b| b[0]), |p| p, h);
        let mut taken: Vec<Option<Line>> = lines.drain(run.clone()).map(Some).collect();
        let ordered: Vec<Line> = order.iter().filter_map(|&p| taken[p].take()).collect();
        lines.splice(run.start..run.start, ordered);
    }
}

/// Orders `pieces` column by column, left to right (`left`, a piece's
/// left edge; columns at least [`COLUMN_APART_LINES`] line heights `h`
/// apart), each column by `top`.
fn in_columns<T: Ord>(
    pieces: &mut Vec<usize>,
    left: impl Fn(usize) -> u32,
    top: impl Fn(usize) -> T,
    h: u32,
) {
    pieces.sort_by_key(|&p| left(p));
    let mut column = vec![0_usize; pieces.len()];
    for k in 1..pieces.len() {
        let apart = left(pieces[k]) > left(pieces[k - 1]) + COLUMN_APART_LINES * h;
        column[k] = column[k - 1] + usize::from(apart);
    }
    let mut keyed: Vec<(usize, T, usize)> = pieces
        .iter()
        .zip(column)
        .map(|(&p, c)| (c, top(p), p))
        .collect();
    keyed.sort_unstable();
    *pieces = keyed.into_iter().map(|(_, _, p)| p).collect();
}

/// What a page's engine lines say of its rows: running text's line
/// height `h` (the median) in pixels, a column's width (the upper quartile
/// of the lines' widths), and the lines no wider than
/// [`ImageCuts::narrow_line`](crate::layout::ImageCuts::narrow_line)
/// columns, which show the gutters.
struct Rows {
    h: u32,
    column: f32,
    narrow: Vec<BBox>,
}

impl Rows {
    fn of(geometry: &crate::ocr::Geometry) -> Option<Self> {
        if geometry.lines.len() < 3 {
            return None;
        }
        let h = median_line_height(geometry)?;
        let mut widths: Vec<u32> = geometry
            .lines
            .iter()
            .map(|l| l.bbox[2].saturating_sub(l.bbox[0]))
            .collect();
        widths.sort_unstable();
        #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
        let column = widths[widths.len() * 3 / 4].max(1) as f32;
        let narrow = geometry
            .lines
            .iter()
            .map(|l| l.bbox)
            .filter(|b| width(b) <= column * CUTS.image.narrow_line)
            .collect();
        Some(Self { h, column, narrow })
    }

    /// Where the row boxed `b` (its `words`, their glyphs in `chars`) is
    /// cut at gutters, as raw offsets, and whether it is about two columns
    /// wide ([`ImageCuts::row_of_columns`](crate::layout::ImageCuts::row_of_columns));
    /// `None` for a row no wider than a column or so.
    ///
    /// A row of running text wider than a column by far is cut at the
    /// gutters the lines around it show, however far its second column's
    /// text runs (a paragraph's last words, `…各种困难，` /
    /// `大家的干劲都很足。`); only a row about two columns wide is
    /// also cut at a wide gap (and, by the caller, between titles).
    fn gutter_cuts(
        &self,
        b: BBox,
        words: &[&crate::ocr::OcrWord],
        chars: &[char],
    ) -> Option<(Vec<usize>, bool)> {
        let h = self.h;
        let text_row = !set_larger(&b, h);
        let two_columns = width(&b) >= self.column * CUTS.image.row_of_columns;
        if !(two_columns || text_row && width(&b) > self.column * CUTS.image.narrow_line) {
            return None;
        }
        let near_within = |reach: u32| -> Vec<BBox> {
            self.narrow
                .iter()
                .filter(|n| **n != b && n[1] < b[3] + reach && n[3] + reach > b[1])
                .copied()
                .collect()
        };
        // Rows the engine read across a gutter one after the other are
        // no column's lines: the gutter may show only further away.
        let reach = h * CUTS.image.gutter_reach;
        let inside = |c: &u32| *c > b[0] + h && *c + h < b[2];
        let mut found = gutters(&near_within(reach), h, text_row);
        if found.is_empty() && text_row {
            found = gutters(&near_within(2 * reach), h, text_row);
        }
        // A whole article's rows read across its gutter leave no column's
        // line near them (devpage 014 typeset and read: a two-column
        // article, every row read as one): its gutter is the page's, where
        // many of the page's one-column lines end and begin.
        if !found.iter().any(inside) && text_row && two_columns {
            found = page_gutters(&self.narrow, h);
        }
        let gaps = if two_columns {
            wide_gaps(words, chars, h)
        } else {
            Vec::new()
        };
        let mut cuts: Vec<usize> = found
            .into_iter()
            .chain(gaps)
            .filter(inside)
            .filter_map(|c| cut_at(words, chars, c, h))
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        Some((cuts, two_columns))
    }
}

/// A box's width in pixels.
#[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
fn width(b: &BBox) -> f32 {
    b[2].saturating_sub(b[0]) as f32
}

/// The middles of the gaps between the words of a row (`words`, lines `h`
/// pixels high; their glyphs in `chars`) at least
/// [`ImageCuts::row_gap`](crate::layout::ImageCuts::row_gap) line heights
/// wide, both words running text's, in pixels: gutters the lines around
/// the row do not show ([`gutters`] finds the others), cut like them (devpages-ocr 006: `…是尽`
/// and `桥身呈拱形…` 90 px apart, the engine's box of `桥` reaching over
/// the gutter of the lines below). A headline's glyphs, set tall and
/// spaced wide, are never cut apart so, nor a speck the engine read as a
/// word (`\T、`, `<`: no ideograph), which would make a piece of its own.
fn wide_gaps(words: &[&crate::ocr::OcrWord], chars: &[char], h: u32) -> Vec<u32> {
    let text = |w: &crate::ocr::OcrWord| {
        !set_tall(w.bbox[3].saturating_sub(w.bbox[1]), h)
            && chars
                .get(w.start..w.end)
                .is_some_and(|g| g.iter().any(|&c| crate::chars::is_ideograph(c)))
    };
    words
        .windows(2)
        .filter(|p| {
            p[1].bbox[0] >= p[0].bbox[2] + CUTS.image.row_gap * h && text(p[0]) && text(p[1])
        })
        .map(|p| u32::midpoint(p[0].bbox[2], p[1].bbox[0]))
        .collect()
}

/// The middles of the gutters that the lines `near` show (see
/// [`rows_split_at_gutters`]), in pixels.
fn gutters(near: &[BBox], h: u32, text_row: bool) -> Vec<u32> {
    gutters_among(near, h, Reach::Near { text_row })
}

/// The gutters of the page's grid of columns: where at least
/// [`PAGE_GUTTER_LINES`] of its one-column lines (`narrow`, lines `h`
/// pixels high) end at one x and as many begin a little to its right, in
/// pixels. Lines across a gutter elsewhere on the page (another band's
/// columns) do not count against it: the row is cut only between its
/// words at the gutter ([`cut_at`]).
fn page_gutters(narrow: &[BBox], h: u32) -> Vec<u32> {
    gutters_among(narrow, h, Reach::Page)
}

/// Which lines a gutter is read from: those near a row of running text
/// (`text_row`) or a title's, or the whole page's.
#[derive(Clone, Copy)]
enum Reach {
    Near { text_row: bool },
    Page,
}

/// The middles of the gutters `lines` (`h` pixels high) show, in pixels:
/// where enough of them end at one x and enough begin a little to its
/// right ([`gutters`], [`page_gutters`]).
fn gutters_among(lines: &[BBox], h: u32, reach: Reach) -> Vec<u32> {
    let tol = (h / 4).max(1);
    let least = match reach {
        Reach::Near { .. } => 2,
        Reach::Page => PAGE_GUTTER_LINES,
    };
    let count = |x: u32, edge: usize| lines.iter().filter(|n| n[edge].abs_diff(x) <= tol).count();
    // Near a row, a column's left edge may also show where only one line
    // begins and two begin an indent (about two glyphs) to its right, the
    // column's other lines near the row opening paragraphs.
    let indented = |x: u32| {
        lines
            .iter()
            .filter(|n| (x + h..=x + 3 * h).contains(&n[0]))
            .count()
    };
    let edge =
        |x: u32| count(x, 0) >= least || matches!(reach, Reach::Near { .. }) && indented(x) >= 2;
    let mut out: Vec<u32> = Vec::new();
    for e in lines.iter().map(|n| n[2]) {
        if count(e, 2) < least {
            continue;
        }
        let start = lines
            .iter()
            .map(|n| n[0])
            .filter(|&x| x > e && x <= e + 3 * h && edge(x))
            .min();
        let Some(s) = start else { continue };
        // A title set larger than running text spans the gutter of the
        // columns under it: near a row of running text, no line across.
        let across = match reach {
            Reach::Near { text_row } => lines
                .iter()
                .any(|n| n[0] + tol < e && n[2] > s + tol && !(text_row && set_larger(n, h))),
            Reach::Page => false,
        };
        let middle = u32::midpoint(e, s);
        if !across && out.iter().all(|&c| c.abs_diff(middle) > h) {
            out.push(middle);
        }
    }
    out
}

/// One-column lines that must end at a gutter of the page's grid, and as
/// many begin right of it, for [`page_gutters`].
const PAGE_GUTTER_LINES: usize = 4;

/// The raw offset where a row's `words` pass the gutter middle `c`: the
/// first word that starts at or right of it, when the word before it
/// ends at or left of it. `None` where a word straddles the middle (a
/// headline's or subheadline's glyph, or a row too skewed to cut), and
/// inside one headline over several columns: both words boxed taller
/// than running text's words ([`ImageCuts::title_word`]) and set wide
/// (their glyphs' advance at least 1.4 line heights), less than three
/// line heights apart. A row read as one often boxes some of its words
/// tall, but they advance at running text's pitch; two headlines side by
/// side have a wide gap between them.
///
/// [`ImageCuts::title_word`]: crate::layout::ImageCuts::title_word
fn cut_at(words: &[&crate::ocr::OcrWord], chars: &[char], c: u32, h: u32) -> Option<usize> {
    let slack = h / 2;
    let k = words
        .iter()
        .position(|w| u32::midpoint(w.bbox[0], w.bbox[2]) > c)?;
    let w = words[k];
    let before = words[k.checked_sub(1)?];
    if before.bbox[2] > c + slack {
        return None;
    }
    // The glyph pitch over the words `from..=to` (from the first's left
    // edge to the next word's). The engine boxes a headline's glyphs on
    // their ink, a narrow one (`子`) tight against the next, some
    // overlapping: a word's pitch is the wider of its own and
    // that over it and its neighbour on its side of the cut.
    // In cells: a figure or a Latin letter is half an ideograph's width
    // (`在1/8…`).
    #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
    let pitch = |from: usize, to: usize| {
        let cells: f32 = words[from..=to]
            .iter()
            .flat_map(|word| word.start..word.end)
            .filter_map(|o| chars.get(o).filter(|ch| !ch.is_whitespace()))
            .map(|&ch| crate::chars::cell_width(ch))
            .sum();
        let end = words.get(to + 1).map_or(words[to].bbox[2], |n| n.bbox[0]);
        end.saturating_sub(words[from].bbox[0]) as f32 / cells.max(0.5)
    };
    let title_glyph = |i: usize, (from, to): (usize, usize)| {
        let word = words[i];
        #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
        let (height, h) = (
            word.bbox[3].saturating_sub(word.bbox[1]) as f32,
            h.max(1) as f32,
        );
        height / h >= CUTS.image.title_word && pitch(i, i).max(pitch(from, to)) * 5.0 >= h * 7.0
    };
    let one_headline = title_glyph(k - 1, (k.saturating_sub(2), k - 1))
        && title_glyph(k, (k, (k + 1).min(words.len() - 1)))
        && w.bbox[0] < before.bbox[2] + 3 * h;
    (w.bbox[0] + slack >= c && !one_headline).then_some(w.start)
}

/// The cuts between two titles side by side that a row's `words` (box
/// `b`) still hold after its gutter `cuts`: in each part at least
/// `min_width` pixels wide, where the titles right under the row centre
/// ([`centred_cut`]). Each comes with the raw ranges of the engine lines
/// of the right title's own stack, which go with it to its text.
fn titles_apart(
    words: &[&crate::ocr::OcrWord],
    cuts: &[usize],
    geometry: &crate::ocr::Geometry,
    b: BBox,
    min_width: f32,
    h: u32,
) -> Vec<(usize, Vec<std::ops::Range<usize>>)> {
    let under_lines: Vec<&crate::ocr::OcrLine> = geometry
        .lines
        .iter()
        .filter(|n| n.bbox != b && set_tall(n.bbox[3].saturating_sub(n.bbox[1]), h))
        .filter(|n| n.bbox[1] + h / 2 >= b[3] && n.bbox[1] <= b[3] + 2 * h)
        .collect();
    let under: Vec<BBox> = under_lines.iter().map(|n| n.bbox).collect();
    let mut out = Vec::new();
    let mut from = 0;
    for end in cuts
        .iter()
        .map(|&c| words.partition_point(|w| w.start < c))
        .chain([words.len()])
    {
        let part = &words[from..end.max(from)];
        from = end.max(from);
        let (Some(first), Some(last)) = (part.first(), part.last()) else {
            continue;
        };
        #[expect(clippy::cast_precision_loss, reason = "pixel sizes are small")]
        let wide = last.bbox[2].saturating_sub(first.bbox[0]) as f32 >= min_width;
        if let Some(k) = centred_cut(part, &under, h).filter(|_| wide) {
            let (r0, r1) = (part[k].bbox[0], last.bbox[2]);
            let stack = under_lines
                .iter()
                .filter(|n| n.bbox[0] < r1 && r0 < n.bbox[2])
                .map(|n| n.start..n.end)
                .collect();
            out.push((part[k].start, stack));
        }
    }
    out
}

/// Where a row of title words (`words`, at least two columns wide) holds
/// two titles side by side over no gutter (`预计能增收七八百块钱…… 科技进村困` and
/// `各地志愿团队推动…`): the index of the first word of the right one. A title is
/// centred over its own stack, so the cut is the word gap where the
/// lines set tall right under the row (`under`) part into two sets,
/// none under both sides, and each side's words centre on its set's
/// middle within a line height `h`. `None` where no gap does, or where
/// one side has no line under it: a headline's second line, a
/// subheadline centred under the whole row, or text set at running
/// text's size (a headline's two columns of text) never cut it.
fn centred_cut(words: &[&crate::ocr::OcrWord], under: &[BBox], h: u32) -> Option<usize> {
    let across = |n: &BBox, x0: u32, x1: u32| n[0] < x1 && x0 < n[2];
    // Of the lines under x0..x1 (none also under x2..x3), their middle.
    let middle_under = |x0: u32, x1: u32, x2: u32, x3: u32| -> Option<u32> {
        let mine: Vec<&BBox> = under.iter().filter(|n| across(n, x0, x1)).collect();
        if mine.iter().any(|n| across(n, x2, x3)) {
            return None;
        }
        let left = mine.iter().map(|n| n[0]).min()?;
        let right = mine.iter().map(|n| n[2]).max()?;
        Some(u32::midpoint(left, right))
    };
    (2..words.len().saturating_sub(1))
        .filter_map(|k| {
            let (l0, l1) = (words[0].bbox[0], words[k - 1].bbox[2]);
            let (r0, r1) = (words[k].bbox[0], words[words.len() - 1].bbox[2]);
            let off_left = middle_under(l0, l1, r0, r1)?.abs_diff(u32::midpoint(l0, l1));
            let off_right = middle_under(r0, r1, l0, l1)?.abs_diff(u32::midpoint(r0, r1));
            (off_left <= h && off_right <= h).then_some((off_left + off_right, k))
        })
        .min()
        .map(|(_, k)| k)
}

/// Moves each piece (named by its first offset) of a row split at its
/// gutters into its column. A piece goes right before the line under it
/// (through the pieces under it, to the first whole line); one with no
/// line under it goes right after the line above it (through the pieces
/// above it). Pieces that meet at one line keep the order of the rows
/// they were read in, from the top. Pieces with neither that reach each
/// other make a stack, which goes before the line under the whole stack
/// ([`Placed::stacks_over_their_text`]); a piece with none stays where
/// the engine read it.
///
/// A row read as one has loose boxes that overlap the rows beside it, so
/// rows are told apart by their middles: a line is under a piece when
/// its middle is at least half a line height lower and its top at most
/// a line height below the piece's bottom (two below a piece set tall), and the two overlap across
/// by a third of the narrower; of those, the nearest row, leftmost.
fn pieces_to_their_columns(
    lines: &mut Vec<Line>,
    geometry: &crate::ocr::Geometry,
    pieces: &[usize],
    h: u32,
) {
    let at = Placed {
        boxes: lines.iter().map(|l| line_box(l, geometry)).collect(),
        is_piece: lines
            .iter()
            .map(|l| l.offsets.first().is_some_and(|o| pieces.contains(o)))
            .collect(),
        h,
    };
    // Each piece's anchor: (whole line, whether it goes after it).
    let mut anchor: Vec<Option<(usize, bool)>> = (0..lines.len())
        .map(|p| {
            if !at.is_piece[p] {
                return None;
            }
            at.whole_line(p, true)
                .map(|n| (n, false))
                .or_else(|| at.whole_line(p, false).map(|n| (n, true)))
        })
        .collect();
    for (stack, n) in at.stacks_over_their_text(&anchor) {
        for p in stack {
            anchor[p] = Some((n, false));
        }
    }
    if anchor.iter().all(Option::is_none) {
        return;
    }
    // Pieces at each anchor, top first.
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    for (p, a) in anchor.iter().enumerate() {
        match a {
            Some((n, false)) => before[*n].push(p),
            Some((n, true)) => after[*n].push(p),
            None => {}
        }
    }
    // Pieces that meet at one line keep the order of the rows the engine
    // read them in: the rows come top to bottom, but the boxes of a
    // piece's words are loose (devpages-ocr 006 boxes a misread `书法` as
    // one word 258 px wide and two rows tall, which put a subheadline's
    // second line above its first).
    let top = |p: &usize| {
        lines[*p]
            .offsets
            .first()
            .and_then(|&o| geometry.line_at(o))
            .map_or_else(
                || at.boxes[*p].as_ref().map_or(0, middle),
                |l| middle(&l.bbox),
            )
    };
    // Pieces of running text of several columns at one line (a whole
    // article's rows read across its gutter, cut there): each column top
    // to bottom, the columns left to right. A headline's pieces (set
    // larger) keep the rows' order: its lines read across.
    let left = |p: usize| at.boxes[p].as_ref().map_or(0, |b| b[0]);
    let running = |p: &usize| at.boxes[*p].as_ref().is_some_and(|b| !set_larger(b, h));
    let placed = |pieces: &mut Vec<usize>| {
        if pieces.iter().all(running) {
            in_columns(pieces, left, |p| top(&p), h);
        } else {
            pieces.sort_by_key(top);
        }
    };
    let mut order: Vec<usize> = Vec::with_capacity(lines.len());
    for i in 0..lines.len() {
        if anchor[i].is_some() {
            continue;
        }
        placed(&mut before[i]);
        placed(&mut after[i]);
        order.extend(&before[i]);
        order.push(i);
        order.extend(&after[i]);
    }
    let mut taken: Vec<Option<Line>> = std::mem::take(lines).into_iter().map(Some).collect();
    *lines = order.iter().filter_map(|&i| taken[i].take()).collect();
}

/// Pieces at one line whose left edges lie more than this many line
/// heights apart stand in two columns (an indent is two glyphs).
const COLUMN_APART_LINES: u32 = 4;

/// The middle of box `b`, down the page.
fn middle(b: &BBox) -> u32 {
    u32::midpoint(b[1], b[3])
}

/// The lines of a page with rows split at their gutters, as
/// [`pieces_to_their_columns`] places the pieces.
struct Placed {
    /// Each line's box on the image.
    boxes: Vec<Option<BBox>>,
    /// Whether each line is a piece of a row.
    is_piece: Vec<bool>,
    /// The page's median line height, in pixels.
    h: u32,
}

impl Placed {
    /// The line right under (`down`) or over piece `p`: see
    /// [`pieces_to_their_columns`].
    fn neighbour(&self, p: usize, down: bool) -> Option<usize> {
        let h = self.h;
        let b = self.boxes[p]?;
        // A headline stands further above its text than lines of text
        // stand apart.
        let below = if set_tall(b[3].saturating_sub(b[1]), h) {
            2 * h
        } else {
            h
        };
        let near: Vec<(usize, BBox)> = self
            .boxes
            .iter()
            .enumerate()
            .filter(|&(q, _)| q != p)
            .filter_map(|(q, c)| c.map(|c| (q, c)))
            .filter(|(_, c)| overlap_across(&b, c, 3))
            .filter(|(_, c)| {
                if down {
                    middle(c) >= middle(&b) + h / 2 && c[1] <= b[3] + below
                } else {
                    middle(c) + h / 2 <= middle(&b) && c[3] + h >= b[1]
                }
            })
            .collect();
        nearest_row(&near, down, h)
    }

    /// The first whole line down (or up) from piece `p`, through pieces.
    fn whole_line(&self, p: usize, down: bool) -> Option<usize> {
        let mut q = p;
        while let Some(n) = self.neighbour(q, down) {
            if !self.is_piece[n] {
                return Some(n);
            }
            q = n;
        }
        None
    }

    /// The stacks of pieces that `anchor` leaves where the engine read
    /// them, each with the whole line the image shows under the stack.
    ///
    /// A headline over several columns, with its kicker and subheadline,
    /// stands further above its text than one line's reach, and its
    /// lines are narrower than it or set off to one side (devpages-ocr
    /// 006: `容易被忽视的细节` / `期望有助于缓解老城区交通拥堵的压力` /
    /// `水库里存有5万方水`, read in rows across the page, over the byline
    /// `本报记者邵明川` at the stack's left). The pieces that reach each
    /// other up or down make one stack; the line under it is the nearest
    /// row whose top is within two line heights of the stack's bottom
    /// and that overlaps the stack's whole width across by a third of
    /// the narrower, leftmost.
    fn stacks_over_their_text(&self, anchor: &[Option<(usize, bool)>]) -> Vec<(Vec<usize>, usize)> {
        let loose = |p: usize| self.is_piece[p] && anchor[p].is_none() && self.boxes[p].is_some();
        let mut stack_of: Vec<Option<usize>> = vec![None; self.boxes.len()];
        let mut stacks: Vec<Vec<usize>> = Vec::new();
        for p in (0..self.boxes.len()).filter(|&p| loose(p)) {
            let joined = [true, false]
                .into_iter()
                .filter_map(|down| self.neighbour(p, down))
                .filter_map(|n| stack_of[n])
                .min();
            let s = joined.unwrap_or_else(|| {
                stacks.push(Vec::new());
                stacks.len() - 1
            });
            stack_of[p] = Some(s);
            stacks[s].push(p);
        }
        let h = self.h;
        stacks
            .into_iter()
            .filter_map(|stack| {
                let all = crate::ocr::bbox_union(stack.iter().filter_map(|&p| self.boxes[p]))?;
                let near: Vec<(usize, BBox)> = self
                    .boxes
                    .iter()
                    .enumerate()
                    .filter(|&(q, _)| !self.is_piece[q])
                    .filter_map(|(q, c)| c.map(|c| (q, c)))
                    .filter(|(_, c)| middle(c) >= all[3] && c[1] <= all[3] + 2 * h)
                    .filter(|(_, c)| overlap_across(&all, c, 3))
                    .collect();
                Some((stack, nearest_row(&near, true, h)?))
            })
            .collect()
    }
}

/// Of the lines `near` (index and box), the nearest row below (`down`)
/// or above, told apart by middles within half a line height `h`; of it,
/// the leftmost line.
fn nearest_row(near: &[(usize, BBox)], down: bool, h: u32) -> Option<usize> {
    let nearest = if down {
        near.iter().map(|(_, c)| middle(c)).min()?
    } else {
        near.iter().map(|(_, c)| middle(c)).max()?
    };
    near.iter()
        .filter(|(_, c)| middle(c).abs_diff(nearest) <= h / 2)
        .min_by_key(|(_, c)| c[0])
        .map(|&(q, _)| q)
}

#[cfg(test)]
mod tests {
    use super::{centred_cut, cut_at, flat, gutters, in_columns, page_gutters, wide_gaps};
    use crate::ocr::OcrWord;

    #[test]
    fn a_word_boxed_three_times_as_wide_per_char_as_tall_is_flat() {
        let word = |chars: usize, bbox: [u32; 4]| OcrWord {
            start: 0,
            end: chars,
            bbox,
            confidence: 95,
        };
        // `一` boxed 3 px high and 25 wide; a glyph boxed across two cells
        // (46 by 22); two square glyphs.
        assert!(flat(&word(1, [262, 264, 287, 267])));
        assert!(!flat(&word(1, [1032, 1001, 1078, 1023])));
        assert!(!flat(&word(2, [100, 100, 150, 125])));
        // A box as tall as a page can be, over many chars, is measured
        // without overflow.
        assert!(!flat(&word(1400, [0, 0, 1 << 20, 1 << 20])));
    }

    #[test]
    fn a_column_whose_lines_near_the_row_open_paragraphs_shows_its_gutter() {
        // Lines of 23 px (devpages-ocr 002): three end at 931-935 in one
        // column; in the next, one line starts flush at 975 and two are
        // indented at 1024-1025, two glyphs in.
        let mut near = vec![
            [535, 694, 934, 717],
            [590, 766, 935, 789],
            [580, 993, 931, 1046],
            [975, 702, 1369, 725],
            [1024, 667, 1369, 689],
            [1025, 810, 1369, 833],
        ];
        assert_eq!(gutters(&near, 23, true), vec![954]);
        // The flush line alone, without the indented ones, shows no edge.
        near.truncate(4);
        assert_eq!(gutters(&near, 23, true), Vec::<u32>::new());
        // Two flush lines do.
        near.push([976, 740, 1369, 763]);
        assert_eq!(gutters(&near, 23, true), vec![954]);
        // A subheadline over the gutter, set larger (30 px), runs across
        // it: no gutter for a row set as large, one for a row of text.
        near.push([800, 620, 1100, 650]);
        assert_eq!(gutters(&near, 23, false), Vec::<u32>::new());
        assert_eq!(gutters(&near, 23, true), vec![954]);
        // A line of running text's size across it: no gutter at all.
        near.push([800, 860, 1100, 883]);
        assert_eq!(gutters(&near, 23, true), Vec::<u32>::new());
    }

    #[test]
    fn the_page_s_grid_shows_a_gutter_where_many_one_column_lines_end_and_begin() {
        // Lines of 20 px (a typeset page read by Tesseract): four end at
        // 495-499 and four begin at 535-537, anywhere down the page; three
        // and three are not enough.
        let mut narrow = vec![
            [101, 1100, 497, 1120],
            [145, 1300, 498, 1320],
            [101, 2000, 495, 2020],
            [535, 1100, 932, 1120],
            [536, 1500, 933, 1520],
            [535, 2000, 930, 2020],
        ];
        assert_eq!(page_gutters(&narrow, 20), Vec::<u32>::new());
        narrow.push([101, 2400, 499, 2420]);
        narrow.push([537, 2400, 931, 2420]);
        assert_eq!(page_gutters(&narrow, 20), vec![516]);
    }

    #[test]
    fn pieces_are_read_column_by_column_each_top_down() {
        // Four rows cut in two: left pieces at 100 (one indented at 145),
        // right pieces at 535; the rows' order is top to bottom.
        let left_edges = [100, 535, 145, 535, 100, 536, 100, 535];
        let tops = [0, 0, 1, 1, 2, 2, 3, 3];
        let mut pieces: Vec<usize> = (0..8).collect();
        in_columns(&mut pieces, |p| left_edges[p], |p| tops[p], 20);
        assert_eq!(pieces, [0, 2, 4, 6, 1, 3, 5, 7]);
    }

    /// Words of one glyph each, at `(x, width, height)`, over the text
    /// `"一二三四…"`.
    fn words(boxes: &[(u32, u32, u32)]) -> (Vec<OcrWord>, Vec<char>) {
        let chars: Vec<char> = "一二三四五六七八".chars().take(boxes.len()).collect();
        let words = boxes
            .iter()
            .enumerate()
            .map(|(i, &(x, w, h))| OcrWord {
                start: i,
                end: i + 1,
                bbox: [x, 100, x + w, 100 + h],
                confidence: 95,
            })
            .collect();
        (words, chars)
    }

    #[test]
    fn a_row_is_cut_between_the_words_on_either_side_of_a_gutter() {
        // Running text (22 px lines, 25 px a glyph); the gutter's middle at 520.
        let (w, chars) = words(&[(450, 22, 22), (475, 22, 22), (540, 22, 22), (565, 22, 22)]);
        let refs: Vec<&OcrWord> = w.iter().collect();
        assert_eq!(cut_at(&refs, &chars, 520, 22), Some(2));
        // A word boxed as tall as a skewed row still advances at running
        // text's pitch: cut.
        let (w, chars) = words(&[(450, 22, 54), (475, 22, 54), (540, 22, 54), (565, 22, 54)]);
        let refs: Vec<&OcrWord> = w.iter().collect();
        assert_eq!(cut_at(&refs, &chars, 520, 22), Some(2));
    }

    #[test]
    fn a_row_is_cut_where_its_words_stand_three_lines_apart_unless_set_tall() {
        // Running text 22 px high: 73 px between `二` and `三` is a gutter
        // (its middle at 533 px), 3 px between `一` and `二` is not.
        let (w, chars) = words(&[(450, 22, 22), (475, 22, 22), (570, 22, 22)]);
        let refs: Vec<&OcrWord> = w.iter().collect();
        assert_eq!(wide_gaps(&refs, &chars, 22), vec![533]);
        assert_eq!(cut_at(&refs, &chars, 533, 22), Some(2));
        let (w, chars) = words(&[(450, 22, 22), (475, 22, 22), (540, 22, 22)]);
        let refs: Vec<&OcrWord> = w.iter().collect();
        assert_eq!(wide_gaps(&refs, &chars, 22), Vec::<u32>::new());
        // A headline's glyphs, set tall, stand far apart: one title.
        let (w, chars) = words(&[(450, 50, 54), (600, 50, 54)]);
        let refs: Vec<&OcrWord> = w.iter().collect();
        assert_eq!(wide_gaps(&refs, &chars, 22), Vec::<u32>::new());
        // A speck read as a word (`<`) is no column of its own.
        let (w, _) = words(&[(450, 22, 22), (475, 22, 22), (570, 22, 22)]);
        let refs: Vec<&OcrWord> = w.iter().collect();
        assert_eq!(wide_gaps(&refs, &['一', '二', '<'], 22), Vec::<u32>::new());
    }

    #[test]
    fn a_word_over_the_gutter_or_one_headline_is_not_cut() {
        // A word straddling the middle.
        let (w, chars) = words(&[(450, 22, 22), (500, 44, 22), (565, 22, 22)]);
        let refs: Vec<&OcrWord> = w.iter().collect();
        assert_eq!(cut_at(&refs, &chars, 520, 22), None);
        // A headline's glyphs (50 px tall, 60 px apart) over the gutter.
        let (w, chars) = words(&[(380, 50, 50), (440, 50, 50), (530, 50, 50), (590, 50, 50)]);
        let refs: Vec<&OcrWord> = w.iter().collect();
        assert_eq!(cut_at(&refs, &chars, 510, 22), None);
        // Two headlines side by side, far apart: cut.
        let (w, chars) = words(&[(300, 50, 50), (360, 50, 50), (600, 50, 50), (660, 50, 50)]);
        let refs: Vec<&OcrWord> = w.iter().collect();
        assert_eq!(cut_at(&refs, &chars, 520, 22), Some(2));
    }

    #[test]
    fn a_headline_s_pitch_over_the_gutter_is_measured_in_cells() {
        // A headline (typeset page 005, `…` | `在1/8…`): after the
        // gutter a glyph boxed narrow, a figure boxed over it, a slash.
        // Over `在` and `1` the pitch is 57 px for one and a half cells
        // (38 px a cell, a headline's), not 28.5 px a glyph (running
        // text's, with 22 px lines): one title, not cut.
        let (w, _) = words(&[
            (380, 50, 50),
            (440, 50, 50),
            (530, 15, 42),
            (538, 30, 50),
            (587, 28, 42),
        ]);
        let refs: Vec<&OcrWord> = w.iter().collect();
        assert_eq!(cut_at(&refs, &['一', '二', '在', '1', '/'], 510, 22), None);
        // The same boxes over five ideographs advance as running text
        // does after the gutter: cut.
        assert_eq!(
            cut_at(&refs, &['一', '二', '在', '一', '/'], 510, 22),
            Some(2)
        );
    }

    /// A row of eight 50 px title glyphs, 55 px apart from x = 100 (the
    /// first four end at 315, the last four start at 360).
    fn title_row() -> Vec<OcrWord> {
        let xs = [100, 155, 210, 265, 360, 415, 470, 525];
        words(&xs.map(|x| (x, 50, 50))).0
    }

    #[test]
    fn a_row_of_two_titles_is_cut_where_the_stacks_under_it_centre() {
        let w = title_row();
        let refs: Vec<&OcrWord> = w.iter().collect();
        // A second line under each half, centred on it (207 and 467).
        let under = [[160, 160, 255, 210], [420, 160, 515, 210]];
        assert_eq!(centred_cut(&refs, &under, 22), Some(4));
        // The left one's stack read as two boxes: their middle counts.
        let under = [
            [100, 160, 190, 210],
            [230, 160, 315, 210],
            [420, 160, 515, 210],
        ];
        assert_eq!(centred_cut(&refs, &under, 22), Some(4));
    }

    #[test]
    fn a_row_over_one_stack_or_off_centre_lines_is_not_cut() {
        let w = title_row();
        let refs: Vec<&OcrWord> = w.iter().collect();
        // A second line (or subheadline) centred under the whole row.
        assert_eq!(centred_cut(&refs, &[[250, 160, 425, 210]], 22), None);
        // A line under one half only.
        assert_eq!(centred_cut(&refs, &[[160, 160, 255, 210]], 22), None);
        // A line under both halves (280..370): one stack, though each
        // half centres on the lines under it (50..370 and 280..650).
        let under = [
            [50, 160, 120, 210],
            [280, 160, 370, 210],
            [420, 160, 650, 210],
        ];
        assert_eq!(centred_cut(&refs, &under, 22), None);
        // Lines under each half, but far off their halves' middles.
        let under = [[100, 160, 150, 210], [530, 160, 575, 210]];
        assert_eq!(centred_cut(&refs, &under, 22), None);
    }
}
