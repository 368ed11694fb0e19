//! Text a layout-keeping extractor wrote (`pdftotext -layout`): each raw
//! line is a row of the page, with the columns side by side and runs of
//! spaces (gutters) between them. Read in raw order, every row mixes the
//! lines of two, three or four articles.
//!
//! The page is read again column by column: the positions where many
//! rows' pieces start give the columns' left edges; each row is cut at its
//! gutters into one piece per column (a piece ends before the column the
//! next piece of its row starts in); a piece that runs across a gutter,
//! or a title set in from its column's edge or wider than a column's
//! lines with nothing beside it (a headline over two columns), heads the
//! columns under it, with the kicker above (never a column's running text
//! ending right above it; a head as large right above it over the same
//! columns) and the subheadlines under it. A column's text runs on down to
//! the next head over it, or to rows where neither it nor the columns set
//! at its heights hold anything, or none of its head's columns (a gap). The pieces are read
//! band by band, each band's head first (read as a title, however wide),
//! then its columns top to bottom.
//! Rows are never cut anywhere else, so text in one column is read as it
//! was. Rows are the page's: where a blank line follows every line (as in
//! the devpages' text), two raw lines make one row.

use rustc_hash::FxHashMap;

use crate::layout::Line;
use crate::page::LineSpan;

/// The least gap, in character positions, between two glyphs of a row that
/// is a gutter: two spaces. One space is a word space, or letter spacing.
const GUTTER_GAP: usize = 3;

/// Piece starts within this many positions of each other start one column
/// (an indented first line starts two positions in).
const EDGE_SLACK: usize = 3;

/// A title set in from its column's edge by at least this many positions
/// is centred (a paragraph's first line is set in by two or three).
const TITLE_SET_IN: usize = 4;

/// A row that starts this many spaces in holds only a right-hand column's
/// text (an indent is two or three).
const FAR_RIGHT: usize = 8;

/// The share of rows with a gutter, or holding only a right-hand column,
/// from which a page is read as columns side by side.
const ROWS_WITH_GUTTERS: f32 = 0.25;

/// A column's left edge is where at least this share of the pieces start
/// (and at least three): a headline centred over its columns starts
/// anywhere.
const EDGE_SHARE: f32 = 0.04;

/// One row's part in one column, or across several.
struct Piece {
    /// Its row of the page ([`page_rows`]; empty rows count too).
    row: usize,
    /// The position of its first glyph in the row.
    start: usize,
    /// Its first and last column.
    first: usize,
    last: usize,
    /// Whether it was moved right, past the columns the piece before it
    /// in its row spans ([`titles_reach_their_middle`]): its position
    /// says nothing of where in its column it was set.
    drifted: bool,
    line: Line,
}

impl Piece {
    /// Whether it runs over two or more columns: a head.
    fn is_head(&self) -> bool {
        self.last > self.first
    }
}

/// Whether the page's rows show columns side by side: at least a quarter
/// of its rows with text (and eight) hold two spaces running between
/// their glyphs (the padding an extractor sets between columns) or start
/// eight spaces in (only a right-hand column has text in them). Read on
/// the raw text before the page is read, so that such a page is read
/// whole, never in chunks; a page without two spaces running is passed
/// over at the speed of a byte search.
pub(super) fn rows_side_by_side(text: &str) -> bool {
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"  ").is_none() {
        return false;
    }
    let (mut rows, mut columnar) = (0_usize, 0_usize);
    for row in bytes.split(|&b| b == b'\n') {
        let lead = row.iter().take_while(|&&b| b == b' ').count();
        let rest = row[lead..].trim_ascii_end();
        if rest.is_empty() {
            continue;
        }
        rows += 1;
        if lead >= FAR_RIGHT || memchr::memmem::find(rest, b"  ").is_some() {
            columnar += 1;
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "line counts are small")]
    let share = columnar as f32 / rows.max(1) as f32;
    rows >= 8 && share >= ROWS_WITH_GUTTERS
}

/// Reads `lines` (the whole page, raw order; `spans` its raw lines, which
/// [`rows_side_by_side`] found side by side) as columns, and puts them in
/// reading order; returns whether it did (not when no two column edges
/// show). Offsets are raw (the page is read whole), so a glyph's position
/// in its row is its offset less the row's start.
pub(super) fn columns_read(lines: &mut Vec<Line>, chars: &[char], spans: &[LineSpan]) -> bool {
    let position = |line: &Line, k: usize| -> Option<usize> {
        let start = spans.get(line.index)?.start();
        line.offsets.get(k).map(|o| o.saturating_sub(start))
    };
    let cuts: Vec<Vec<usize>> = lines
        .iter()
        .map(|l| {
            (1..l.offsets.len())
                .filter(|&k| l.offsets[k] - l.offsets[k - 1] >= GUTTER_GAP)
                .collect()
        })
        .collect();
    // Every piece's first position.
    let mut starts: Vec<usize> = Vec::new();
    for (line, cut) in lines.iter().zip(&cuts) {
        starts.extend(
            std::iter::once(0)
                .chain(cut.iter().copied())
                .filter_map(|k| position(line, k)),
        );
    }
    let edges = column_edges(&mut starts);
    if edges.len() < 2 {
        return false;
    }
    let column_of = |p: usize| edges.iter().rposition(|&e| e <= p + 1).unwrap_or(0);
    // A gap is a gutter only where the text after it starts in a later
    // column than the piece before it: inside one column it is the
    // column's own spacing (a caption's description and its credit,
    // `…创造的    本报记` / `者 某某 摄`; a title's two phrases).
    let cuts: Vec<Vec<usize>> = lines
        .iter()
        .zip(cuts)
        .map(|(line, cut)| {
            let mut kept = Vec::with_capacity(cut.len());
            let mut column = position(line, 0).map_or(0, column_of);
            for k in cut {
                let Some(c) = position(line, k).map(column_of) else {
                    continue;
                };
                if c > column {
                    kept.push(k);
                    column = c;
                }
            }
            kept
        })
        .collect();
    let raw_lines: Vec<usize> = lines.iter().map(|l| l.index).collect();
    let mut pieces: Vec<Piece> = Vec::new();
    for ((mut line, cut), row) in std::mem::take(lines)
        .into_iter()
        .zip(cuts)
        .zip(page_rows(&raw_lines))
    {
        // Split from the right, so earlier glyph indices stay put.
        let mut parts = Vec::new();
        for &k in cut.iter().rev() {
            parts.push(line.split_off(chars, k));
        }
        parts.push(line);
        parts.reverse();
        for mut part in parts {
            let (Some(from), Some(to)) = (
                position(&part, 0),
                position(&part, part.offsets.len().saturating_sub(1)),
            ) else {
                continue;
            };
            let first = column_of(from);
            let last = column_of(to).max(first);
            // Indented within its column: a paragraph's first line.
            part.indented = from >= edges[first] + 2;
            pieces.push(Piece {
                row,
                start: from,
                first,
                last,
                drifted: false,
                line: part,
            });
        }
    }
    let mut pieces = glued_rows_split(pieces, chars, &edges);
    pieces_apart(&mut pieces);
    titles_reach_their_middle(&mut pieces, &edges);
    centred_titles_span(&mut pieces, &edges);
    *lines = in_reading_order(pieces, edges.len());
    true
}

/// The row of the page of each text line, from its raw line (`raw`, in
/// raw order). Where a blank line follows (nearly) every line, as in the
/// devpages' text, each row and each empty row the extractor wrote is two
/// raw lines; else one. Rows that far apart are one row apart, so the
/// gaps and stacks below count the page's rows, however it was written.
fn page_rows(raw: &[usize]) -> Vec<usize> {
    let steps = raw.windows(2).filter(|w| w[1] > w[0]).count();
    let apart = raw.windows(2).filter(|w| w[1] >= w[0] + 2).count();
    let pitch = if steps > 0 && apart * 10 >= steps * 9 {
        2
    } else {
        1
    };
    let mut row = raw.first().map_or(0, |&i| i.div_ceil(pitch));
    let mut prev = raw.first().copied().unwrap_or(0);
    raw.iter()
        .map(|&i| {
            row += i.abs_diff(prev).div_ceil(pitch);
            prev = i;
            row
        })
        .collect()
}

/// A piece ends before the column where the next piece of its row starts:
/// an extractor that pads its rows unevenly (`get_text(sort=True)`)
/// drifts a row's positions by a few places (a figure set apart, `7 ．5`),
/// and a piece of running text then seems to run a place or two into the
/// next column, as if it were a headline over both.
fn pieces_apart(pieces: &mut [Piece]) {
    for i in 1..pieces.len() {
        let (before, after) = pieces.split_at_mut(i);
        let (Some(p), Some(next)) = (before.last_mut(), after.first()) else {
            continue;
        };
        if p.row == next.row && p.last >= next.first {
            p.last = next.first.saturating_sub(1).max(p.first);
        }
    }
}

/// A title set in from its column's edge, or wider than a column's
/// lines, with nothing beside it in the next column, is a headline over
/// both (set in a larger size than the text: its glyphs count one
/// position each, so it seldom runs across the gutter in the extractor's
/// grid): it spans them. Bylines, datelines and captions are not titles.
fn centred_titles_span(pieces: &mut [Piece], edges: &[usize]) {
    let column = full_line_width(pieces);
    for i in 0..pieces.len() {
        let p = &pieces[i];
        let c = p.first;
        // Running text never runs wider than its column.
        let wider = p.line.width > column + WIDER_BY;
        if p.last > c
            || c + 1 >= edges.len()
            || (p.start < edges[c] + TITLE_SET_IN && !wider && !p.drifted)
            || opens_a_paragraph(pieces, i, column)
            || !plain_title(p, column)
        {
            continue;
        }
        // The pieces of a row are next to each other.
        let row = p.row;
        let same_row = |q: &&Piece| q.row == row;
        let beside = pieces[..i]
            .iter()
            .rev()
            .take_while(same_row)
            .chain(pieces[i + 1..].iter().take_while(same_row))
            .any(|q| (q.first..=q.last).contains(&(c + 1)));
        if !beside {
            pieces[i].last = c + 1;
        }
    }
}

/// The width of a column's full lines, in cells, from the pieces in one
/// column.
fn full_line_width(pieces: &[Piece]) -> f32 {
    crate::layout::column_width_of(
        pieces
            .iter()
            .filter(|p| p.first == p.last)
            .map(|p| p.line.width)
            .collect(),
    )
}

/// A piece of running text this many cells short of two columns' full
/// lines, or wider, may be two columns' rows run together.
const GLUED_SLACK: f32 = 3.0;

/// Two columns' rows written with no gap between them
/// (`get_text(sort=True)` joins two pieces whose gap it reads as none):
/// a piece of running text (no title line) about two columns wide whose
/// glyphs fill its column's line, less the piece's indent, is cut where
/// they do; the rest is the next column's row. A piece whose glyphs
/// reach no column's end on a glyph's edge is left whole.
fn glued_rows_split(pieces: Vec<Piece>, chars: &[char], edges: &[usize]) -> Vec<Piece> {
    let column = full_line_width(&pieces);
    let mut out = Vec::with_capacity(pieces.len());
    for mut p in pieces {
        let next = p.first + 1;
        if p.line.width < 2.0 * column - GLUED_SLACK || next >= edges.len() || title_line(&p.line) {
            out.push(p);
            continue;
        }
        #[expect(clippy::cast_precision_loss, reason = "an indent of a few positions")]
        let room = column - p.start.saturating_sub(edges[p.first]) as f32;
        let mut cells = 0.0;
        let cut = p.line.glyphs.iter().position(|&c| {
            cells += crate::chars::cell_width(c);
            cells >= room - 0.25
        });
        let Some(k) = cut
            .filter(|_| (cells - room).abs() <= 0.25)
            .map(|k| k + 1)
            .filter(|&k| k < p.line.glyphs.len())
        else {
            out.push(p);
            continue;
        };
        let mut rest = p.line.split_off(chars, k);
        rest.indented = false;
        let second = Piece {
            row: p.row,
            start: edges[next],
            first: next,
            last: p.last.max(next),
            drifted: false,
            line: rest,
        };
        p.last = p.first;
        out.push(p);
        out.push(second);
    }
    out
}

/// A centred title that opens its row stands where it was set, and its
/// glyphs count one position each though set larger than the text's: its
/// middle lies at least half its glyphs right of its start. It spans at
/// least the columns whose middle lies that far right. What follows it
/// in its row stands in the columns after it: an extractor that writes a
/// row's gaps from the page (`get_text(sort=True)`) puts the next piece
/// as many positions too far left as the title's glyphs are wider than
/// the text's. A title is centred when set in from its column's edge
/// ([`TITLE_SET_IN`]; a paragraph's first line is set in less) or wider
/// than the column's full lines.
fn titles_reach_their_middle(pieces: &mut [Piece], edges: &[usize]) {
    let (Some(&leftmost), Some(&widest)) = (edges.first(), edges.last()) else {
        return;
    };
    let column = full_line_width(pieces);
    #[expect(clippy::cast_precision_loss, reason = "positions in a row")]
    let (pitch, at) = (
        (widest - leftmost) as f32 / edges.len().saturating_sub(1).max(1) as f32,
        |p: usize| p as f32,
    );
    // The middle of columns `first..=last`, from edge to next edge (the
    // positions a column's glyphs take may be fewer than its width:
    // `pdftotext -layout` writes a CJK glyph as one position of a finer
    // grid).
    let middle = |first: usize, last: usize| {
        let right = edges
            .get(last + 1)
            .map_or(at(edges[last]) + pitch, |&e| at(e));
        f32::midpoint(at(edges[first]), right)
    };
    let mut i = 0;
    while i < pieces.len() {
        let row = pieces[i].row;
        let end = i + pieces[i..].iter().take_while(|q| q.row == row).count();
        let p = &pieces[i];
        let set_in = p.start.saturating_sub(edges[p.first]);
        let centred = set_in >= TITLE_SET_IN
            || p.line.width > column + WIDER_BY
            || (set_in > 0 && !opens_a_paragraph(pieces, i, column));
        if centred && plain_title(p, column) {
            let least_middle = at(p.start) + p.line.width / 2.0;
            let mut last = p.last;
            while last + 1 < edges.len() && middle(p.first, last) < least_middle {
                last += 1;
            }
            pieces[i].last = last;
            for k in i + 1..end {
                let after = pieces[k - 1].last + 1;
                if pieces[k].first >= after || after >= edges.len() {
                    break;
                }
                let over = pieces[k].last - pieces[k].first;
                pieces[k].first = after;
                pieces[k].last = (after + over).min(edges.len() - 1);
                pieces[k].start = pieces[k].start.max(edges[after]).min(widest);
                pieces[k].drifted = true;
            }
        }
        i = end.max(i + 1);
    }
}

/// Whether a piece reads as a title line, or runs wider than a column's
/// full lines (`column` cells), and is no byline, caption or dateline.
fn plain_title(p: &Piece, column: f32) -> bool {
    (title_line(&p.line) || p.line.width > column + WIDER_BY)
        && !crate::layout::is_byline(&p.line)
        && !crate::layout::is_caption(&p.line)
        && crate::layout::dateline(&p.line.glyphs).is_none()
}

/// Whether piece `i` is a paragraph's indented first line: as wide as a
/// full line less its indent, with its column's next row going on at the
/// column's edge (a column that sets its indent four places in looks set
/// in like a title).
fn opens_a_paragraph(pieces: &[Piece], i: usize, column: f32) -> bool {
    let p = &pieces[i];
    super::paragraphs::at_first_line_width(p.line.width, column)
        && pieces[i + 1..]
            .iter()
            .skip_while(|q| q.row == p.row)
            .take_while(|q| q.row == p.row + 1)
            .any(|q| q.first == p.first && !q.line.indented)
}

/// Whether a piece reads as a title line: no mark of running text, though
/// it may trail off with an ellipsis (set over columns side by side, a
/// line standing alone so is a headline's).
fn title_line(line: &Line) -> bool {
    crate::layout::is_titleish(line) || crate::layout::trails_off_as_a_title(line)
}

/// A title line this many cells wider than a column's full lines runs
/// over the next column (a full line with figures set apart measures a
/// cell or so more).
const WIDER_BY: f32 = 1.5;

/// The columns' left edges: the positions where many pieces start
/// (`starts`, sorted here). The busiest window of [`EDGE_SLACK`] positions
/// each side is a column's, if it holds enough starts, and no other edge
/// lies within [`EDGE_REACH`] of it. Pieces start a few
/// positions apart in one column (an indent; an extractor that pads its
/// rows unevenly, `get_text(sort=True)`), and headlines anywhere: chaining
/// starts that lie close ran two columns into one.
fn column_edges(starts: &mut [usize]) -> Vec<usize> {
    starts.sort_unstable();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a share of a small count"
    )]
    let least = ((starts.len() as f32 * EDGE_SHARE) as usize).max(3);
    let Some(&widest) = starts.last() else {
        return Vec::new();
    };
    let mut counts = vec![0usize; widest + 1];
    for &s in starts.iter() {
        counts[s] += 1;
    }
    let window = |p: usize| p.saturating_sub(EDGE_SLACK)..=(p + EDGE_SLACK).min(widest);
    let held: Vec<usize> = (0..=widest)
        .map(|p| window(p).map(|q| counts[q]).sum())
        .collect();
    let mut by_held: Vec<usize> = (0..=widest).filter(|&p| counts[p] > 0).collect();
    by_held.sort_by_key(|&p| (std::cmp::Reverse(held[p]), p));
    let mut peaks: Vec<usize> = Vec::new();
    for p in by_held {
        if held[p] < least {
            break;
        }
        if peaks.iter().all(|&e| e.abs_diff(p) > EDGE_REACH) {
            peaks.push(p);
        }
    }
    // The edge: the least position of the window that as many pieces
    // start at as half its busiest (a title's start is no edge).
    let mut edges: Vec<usize> = peaks
        .into_iter()
        .filter_map(|p| {
            let most = window(p).map(|q| counts[q]).max()?;
            window(p).find(|&q| counts[q] * 2 >= most)
        })
        .collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// No two column edges lie closer than this (a column is wider).
const EDGE_REACH: usize = 8;

/// Rows a column's group must stand empty (see [`in_reading_order`]) for
/// what follows in the column to start afresh.
const GAP_ROWS: usize = 2;

/// Bands whose first rows are closer than this stand side by side.
const SIDE_BY_SIDE_ROWS: usize = 4;

/// The pieces band by band. A piece over several columns heads a band:
/// the pieces under it in its columns, down to the next head over the
/// column or to a gap in it ([`GAP_ROWS`]); text after a gap starts a band
/// of its own column. A band is read as its head with the title lines
/// right above and under it (top down), then each of its columns top to
/// bottom; bands that begin within [`SIDE_BY_SIDE_ROWS`] rows of each
/// other stand side by side and are read left to right, the rest in the
/// order of their first rows.
fn in_reading_order(pieces: Vec<Piece>, columns: usize) -> Vec<Line> {
    let rows = pieces.iter().map(|p| p.row + 1).max().unwrap_or(0);
    let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); rows];
    for (i, p) in pieces.iter().enumerate() {
        by_row[p.row].push(i);
    }
    let with_head = stacks(&pieces, &by_row);
    let band = bands(&pieces, &with_head, &RowGroups::of(&pieces, columns, rows));
    // Bands that begin within a few rows of each other stand side by side
    // (a headline centred over two columns sits a row above the text of
    // the second): they are read left to right, as one row of bands.
    let start_of = |b: Band| match b {
        Band::Head(h) => (pieces[h].row, pieces[h].first),
        Band::Column(c, row) => (row, c),
    };
    let mut starts: Vec<(usize, usize)> = band.iter().map(|&b| start_of(b)).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut row_of_bands: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut group_row = 0;
    let mut prev_row: Option<usize> = None;
    for &(row, c) in &starts {
        if prev_row.is_none_or(|p| row >= p + SIDE_BY_SIDE_ROWS) {
            group_row = row;
        }
        prev_row = Some(row);
        row_of_bands.insert((row, c), group_row);
    }
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| {
        let (row, c) = start_of(band[i]);
        let start = (row_of_bands.get(&(row, c)).copied().unwrap_or(row), c, row);
        // The head with its title lines (top down), then its columns.
        let within = if with_head[i].is_some() || pieces[i].is_head() {
            (0, 0)
        } else {
            (1, pieces[i].first)
        };
        (start, within, pieces[i].row)
    });
    let mut slots: Vec<Option<Line>> = pieces
        .into_iter()
        .map(|mut p| {
            // A head over several columns is set larger than the text: a
            // title, however wide or marked.
            p.line.tall |= p.is_head();
            Some(p.line)
        })
        .collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// Which head each piece's title line goes with: the title lines right
/// above a head (a kicker) and right under it (a subheadline), alone in
/// its columns; a row or two between may hold nothing in those columns (a
/// kicker is set apart).
fn stacks(pieces: &[Piece], by_row: &[Vec<usize>]) -> Vec<Option<usize>> {
    let is_head = |i: usize| pieces[i].is_head();
    // A column's running text goes on in the row right under it.
    let under_running_text = |i: usize| {
        let p = &pieces[i];
        p.row.checked_sub(1).is_some_and(|row| {
            by_row[row]
                .iter()
                .any(|&q| pieces[q].first == p.first && !is_head(q) && !title_line(&pieces[q].line))
        })
    };
    let mut with_head: Vec<Option<usize>> = vec![None; pieces.len()];
    for h in (0..pieces.len()).filter(|&i| is_head(i)) {
        let spanned = pieces[h].first..=pieces[h].last;
        let up: Box<dyn Iterator<Item = usize>> = Box::new((0..pieces[h].row).rev());
        let down: Box<dyn Iterator<Item = usize>> = Box::new(pieces[h].row + 1..by_row.len());
        for (upward, walk) in [(true, up), (false, down)] {
            let mut empty_rows = 0;
            for row in walk {
                let near: Vec<usize> = by_row[row]
                    .iter()
                    .copied()
                    .filter(|&i| spanned.contains(&pieces[i].first))
                    .collect();
                match near.as_slice() {
                    [] if empty_rows < 2 => empty_rows += 1,
                    [i] if !is_head(*i)
                        && with_head[*i].is_none()
                        && !(upward && under_running_text(*i))
                        && title_line(&pieces[*i].line) =>
                    {
                        with_head[*i] = Some(h);
                    }
                    // A head right above over the same columns, with no
                    // text between: the kicker, set as large.
                    [i] if upward
                        && is_head(*i)
                        && with_head[*i].is_none()
                        && pieces[*i].first == pieces[h].first
                        && pieces[*i].last == pieces[h].last =>
                    {
                        with_head[*i] = Some(h);
                    }
                    _ => break,
                }
            }
        }
    }
    with_head
}

/// Columns whose lines share rows (set at the same heights, as the columns
/// of one article are) form a group; rows where no column of its group has
/// text are the only ones that make a gap in a column (rows of other
/// groups' lines, set at other heights, do not).
struct RowGroups {
    /// Per row, per column: whether it has text there.
    has: Vec<Vec<bool>>,
    /// Each column's group (its first column).
    group: Vec<usize>,
}

impl RowGroups {
    fn of(pieces: &[Piece], columns: usize, rows: usize) -> Self {
        let mut has = vec![vec![false; columns]; rows];
        // A head over several columns is set at no column's heights.
        for p in pieces.iter().filter(|p| p.first == p.last) {
            has[p.row][p.first] = true;
        }
        let mut group = vec![0_usize; columns];
        for c in 1..columns {
            let both = has.iter().filter(|r| r[c - 1] && r[c]).count();
            let one = has.iter().filter(|r| r[c - 1] != r[c]).count();
            group[c] = if both >= one { group[c - 1] } else { c };
        }
        Self { has, group }
    }

    /// The rows strictly between `from` and `to` where none of `columns`
    /// has text.
    fn empty_across(
        &self,
        columns: std::ops::RangeInclusive<usize>,
        from: usize,
        to: usize,
    ) -> usize {
        self.has.get(from + 1..to).map_or(0, |between| {
            between
                .iter()
                .filter(|r| {
                    r.get(columns.clone())
                        .is_some_and(|cs| cs.iter().all(|&has| !has))
                })
                .count()
        })
    }

    /// The rows strictly between `from` and `to` where column `c`'s group
    /// (a run of columns) has no text.
    fn empty_between(&self, c: usize, from: usize, to: usize) -> usize {
        let g = self.group.get(c).copied().unwrap_or(c);
        let last = self.group.iter().rposition(|&x| x == g).unwrap_or(c);
        self.empty_across(g..=last, from, to)
    }
}

/// Each piece's band: `Head(h)` under (or in the stack of) head `h`, or
/// `Column(c, row)` for text after a gap in column `c` ([`GAP_ROWS`]),
/// walking each column down.
fn bands(pieces: &[Piece], with_head: &[Option<usize>], rows: &RowGroups) -> Vec<Band> {
    let is_head = |i: usize| pieces[i].is_head();
    let mut band: Vec<Band> = pieces
        .iter()
        .enumerate()
        .map(|(i, p)| match with_head[i] {
            Some(h) => Band::Head(h),
            None if is_head(i) => Band::Head(i),
            None => Band::Column(p.first, p.row),
        })
        .collect();
    for c in 0..rows.group.len() {
        let mut current: Option<Band> = None;
        let mut last_row: Option<usize> = None;
        let mut after_head = false;
        for i in (0..pieces.len()).filter(|&i| (pieces[i].first..=pieces[i].last).contains(&c)) {
            let p = &pieces[i];
            if is_head(i) || with_head[i].is_some() {
                current = Some(band[i]);
                after_head = true;
            } else {
                // Rows with nothing here: what follows in this column
                // starts afresh (right under a head, it is the head's text).
                // Under a head, rows where none of its columns has text
                // part its text from what is set under it there, though
                // other columns go on beside.
                let under = match current {
                    Some(Band::Head(h)) => Some(pieces[h].first..=pieces[h].last),
                    _ => None,
                };
                let gap = last_row.is_none_or(|r| {
                    rows.empty_between(c, r, p.row) >= GAP_ROWS
                        || under.is_some_and(|cols| rows.empty_across(cols, r, p.row) >= GAP_ROWS)
                });
                if current.is_none() || (gap && !after_head) {
                    current = Some(Band::Column(c, p.row));
                }
                after_head = false;
                if let Some(b) = current {
                    band[i] = b;
                }
            }
            last_row = Some(p.row);
        }
    }
    band
}

/// Which band a piece is read in (see [`in_reading_order`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Band {
    /// Under the head at this piece.
    Head(usize),
    /// Column `.0`'s text from row `.1`, under no head.
    Column(usize, usize),
}

#[cfg(test)]
mod tests {
    use super::column_edges;
    use crate::decision::{Evidence, Kind, Record};
    use crate::decode::{Encoding, LineEnding};
    use crate::page::RawText;

    /// Two articles side by side, one a column, as `pdftotext -layout`
    /// sets them; the second column's rows sit a row lower.
    const SIDE_BY_SIDE: &str = "\
  市政府召开防汛工作会议
                                  全市中小学开展安全教育周
  本报讯　７月１日，市政府
                                  本报讯　本周起，全市中小
召开防汛工作会议，部署今年
                                  学开展安全教育周活动，各
汛期各项工作。会议要求各地
                                  校组织学生学习防溺水、防
落实责任，加强巡查，确保安
                                  火灾等安全知识，开展应急
全度汛。
                                  疏散演练。
    会议强调，要做好物资储
                                    教育部门要求各校建立
备和人员安排，遇到险情及时
                                  安全台账，做到责任到人。
处置。
";

    fn articles(text: &str) -> Vec<String> {
        let raw = RawText::new("layout.txt", text, Encoding::Utf8, LineEnding::Lf);
        crate::segment::propose(&raw)
            .0
            .iter()
            .map(|a| a.blocks.iter().map(|b| b.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn columns_side_by_side_are_read_one_after_the_other() {
        let read = articles(SIDE_BY_SIDE);
        assert_eq!(read.len(), 2, "{read:#?}");
        assert_eq!(
            read[0],
            "市政府召开防汛工作会议本报讯 ７月１日，市政府召开防汛工作会议，部署今年汛期各项工作。\
             会议要求各地落实责任，加强巡查，确保安全度汛。会议强调，要做好物资储备和人员安排，遇到险情及时处置。"
        );
        assert!(
            read[1].starts_with("全市中小学开展安全教育周本报讯"),
            "{read:#?}"
        );
        assert!(read[1].ends_with("做到责任到人。"), "{read:#?}");
        // Recorded: the page was read column by column.
        let raw = RawText::new("layout.txt", SIDE_BY_SIDE, Encoding::Utf8, LineEnding::Lf);
        let proposal = crate::segment::propose_recording(&raw, Record::All);
        let orientation = proposal.decisions.evidences(Kind::Orientation);
        assert_eq!(orientation, [Evidence::ColumnsSideBySide]);
    }

    /// Three articles in four columns: one over the first two, and two
    /// stacked over the last two, whose rows sit a row lower than the
    /// first article's.
    const TWO_GROUPS: &str = "    甲地春耕生产全面展开
                                乙地修路工程开工
本报讯今年以来，全县    有利时机，抢种抢收，
                            本报讯县里新修的公路    众出行更加方便，大家
上下认真落实各项惠农    确保了农业生产的顺利
                            昨天正式通车，沿线群    都很高兴。
政策，农业生产形势良    进行，全年粮食总产有
                                安全教育周开始
好，粮食播种面积稳中    望再创新高，农民收入
                            本报讯全县中小学开展    织学生学习安全知识，
有增，农民种粮的积极    也将继续增加。
                            安全教育活动，各校组    开展疏散演练。
性明显提高，各地抓住
";

    #[test]
    fn text_with_a_blank_line_after_every_line_reads_as_without() {
        // As the devpages' text is written: each row followed by a blank
        // line. A row of the other columns between two rows of the first
        // article is then three raw lines without its text: no gap in its
        // columns, as it is none on the page.
        let read = articles(TWO_GROUPS);
        assert_eq!(read.len(), 3, "{read:#?}");
        assert!(read[0].ends_with("农民收入也将继续增加。"), "{read:#?}");
        let doubled: String = TWO_GROUPS.lines().map(|l| format!("{l}\n\n")).collect();
        assert_eq!(articles(&doubled), read);
    }

    #[test]
    fn a_gap_inside_one_column_is_no_gutter() {
        // A caption in the first column, its description set apart from
        // its credit by a run of spaces that ends inside the column, the
        // credit run over onto the next row (`本报记` / `者 林小川 摄`).
        let text = SIDE_BY_SIDE
            .replace("    会议强调，要做好物资储\n", "图为会议现场    本报记\n")
            .replace("备和人员安排，遇到险情及时\n", "者 林小川 摄\n")
            .replace("处置。\n", "");
        let read = articles(&text);
        assert_eq!(read.len(), 2, "{read:#?}");
        assert!(
            read[0].ends_with("确保安全度汛。图为会议现场 本报记者 林小川 摄"),
            "{read:#?}"
        );
        assert!(read[1].ends_with("做到责任到人。"), "{read:#?}");
    }

    #[test]
    fn the_line_model_reads_the_lines_as_the_columns_were_read_on_a_long_page() {
        // More raw lines than a chunk: still read whole, column by column,
        // and the lines the model reads are those.
        let text = SIDE_BY_SIDE.repeat(super::super::CHUNK_LINES / 16 + 100);
        let raw = RawText::new("long.txt", &text, Encoding::Utf8, LineEnding::Lf);
        assert!(raw.lines().len() > super::super::CHUNK_LINES);
        let page = crate::line_model::page_lines(&raw);
        let first: Vec<String> = page.lines[..3]
            .iter()
            .map(|l| l.glyphs.iter().take(3).collect())
            .collect();
        assert_eq!(first, ["市政府", "本报讯", "召开防"]);
    }

    #[test]
    fn one_column_text_is_left_as_it_is() {
        // No row is cut: the same text without its second column.
        let first_column: String = SIDE_BY_SIDE
            .lines()
            .filter(|l| !l.starts_with("      "))
            .map(|l| format!("{l}\n"))
            .collect();
        let read = articles(&first_column);
        assert_eq!(read.len(), 1, "{read:#?}");
        let raw = RawText::new("one.txt", &first_column, Encoding::Utf8, LineEnding::Lf);
        let proposal = crate::segment::propose_recording(&raw, Record::All);
        assert!(
            proposal
                .decisions
                .list
                .iter()
                .all(|d| d.evidence != Evidence::ColumnsSideBySide)
        );
    }

    /// Two articles over two columns, one under the other, and a third in
    /// a column beside them. The lower headline starts at its column's
    /// edge and is wider than the column's lines (set larger, over both),
    /// and a comma in it does not make it running text. The upper
    /// article's first column ends mid-sentence in a line with
    /// no mark, right above the headline, and goes on at the top of the
    /// second column.
    const WIDE_TITLE: &str = "    城市公园完成改造                                夏粮喜获丰收

  本报讯　市园林局昨天宣        末起向市民开放。               本报讯　本市今年夏粮喜
布，城东公园改造工程已经全          园林局负责人说，改造期        获丰收，全市小麦平均亩产比
部完成，新建步道三公里栽种        间收到市民建议四百多条。         去年增加三十公斤，总产量创
树木两千株和花卉一万多盆周                             历史新高。
                                            农业部门介绍，今年推广
全市老旧小区加装电梯，工作全面推开                         优良品种面积达到九成以上，
                                          机收率超过百分之九十五，农
  本报讯　记者从市住建委        月开工。                 民增收明显。
获悉，今年全市将为一百个老          住建委表示，加装电梯费          据了解，全市已经收购新
旧小区加装电梯，首批工程下        用由政府和居民共同承担。         麦五万吨，收购价格保持稳定
                                          ，种粮农民的积极性进一步提
                                          高。
";

    #[test]
    fn a_title_wider_than_its_column_heads_the_columns_under_it() {
        let read = articles(WIDE_TITLE);
        assert_eq!(read.len(), 3, "{read:#?}");
        let lower = read
            .iter()
            .find(|a| a.contains("加装电梯，工作全面推开"))
            .expect("the lower article");
        assert!(
            lower.ends_with("首批工程下月开工。住建委表示，加装电梯费用由政府和居民共同承担。"),
            "{read:#?}"
        );
    }

    #[test]
    fn a_head_over_two_columns_is_read_as_a_title_line() {
        // Set larger than the text, it is a title whatever its width and
        // marks say: the rules that join lines never read it on.
        let raw = RawText::new("layout.txt", WIDE_TITLE, Encoding::Utf8, LineEnding::Lf);
        let page = crate::line_model::page_lines(&raw);
        let tall: Vec<String> = page
            .lines
            .iter()
            .filter(|l| l.tall)
            .map(|l| l.glyphs.iter().collect())
            .collect();
        assert_eq!(
            tall,
            ["城市公园完成改造", "全市老旧小区加装电梯，工作全面推开"],
            "{tall:?}"
        );
    }

    #[test]
    fn running_text_right_above_a_head_is_no_kicker() {
        let read = articles(WIDE_TITLE);
        assert!(
            read[0].contains("花卉一万多盆周末起向市民开放。"),
            "{read:#?}"
        );
        assert!(read.iter().all(|a| !a.starts_with("树木")), "{read:#?}");
    }

    /// Three articles side by side, each a column whose paragraphs'
    /// first lines are set four places in, as far as a centred title.
    /// The first column's second paragraph opens on a row where the
    /// second column has nothing (between its paragraphs).
    const INDENTED_FOUR: &str =
        "   城市公园完成改造             夏粮喜获丰收               新学期开学

    本报讯（记者张明）市园          本报讯（记者李华）本市          本报讯（记者王芳）全市
林局昨天宣布，城东公园改造        今年夏粮喜获丰收，全市小麦        中小学昨天开学，四十万名学
工程已经全部完成，新建步道        平均亩产比去年增加三十公斤        生走进校园，各校组织了丰富
三公里。                 ，总产量创历史新高。           多彩的开学活动。
    园林局负责人介绍改造期                               教育局要求各校做好安全
间收到市民建议四百多条，大            农业部门介绍，今年推广      工作，确保师生平安。
部分已经采纳。              优良品种面积达到九成以上，
    据了解，公园周末起向市      农民增收明显。
民开放，开放时间为每天早六
点到晚十点。
";

    #[test]
    fn a_first_line_set_in_as_far_as_a_title_is_no_headline() {
        let read = articles(INDENTED_FOUR);
        assert_eq!(read.len(), 3, "{read:#?}");
        assert!(
            read[0].ends_with(
                "园林局负责人介绍改造期间收到市民建议四百多条，大部分已经采纳。\
                 据了解，公园周末起向市民开放，开放时间为每天早六点到晚十点。"
            ),
            "{read:#?}"
        );
    }

    /// An article under a headline over two columns, and under it, after
    /// two empty rows in those columns, the rest of another article (no
    /// headline); a third column's article goes on beside both, at the
    /// same heights, so every column shares one grid of rows.
    const GAP_UNDER_A_HEAD: &str =
        "             城市公园完成改造                        夏粮喜获丰收

  本报讯（记者张明）市园          园林局负责人说，改造期          本报讯（记者李华）本市
林局昨天宣布，城东公园改造        间收到市民建议四百多条，大        今年夏粮喜获丰收，全市小麦
工程已经全部完成，新建步道        部分已经采纳。              平均亩产比去年增加三十公斤
三公里，栽种树木两千株。                              ，总产量创历史新高。
                                            农业部门介绍，今年推广
                                          优良品种面积达到九成以上，
  （上接第一版）今年全市        体办法下周公布。             机收率超过百分之九十五，农
将为一百个老旧小区加装电梯          据介绍，全市符合条件的        民增收明显。
，首批工程下月开工。           老旧小区有三百多个，将分三          据了解，全市已经收购新
  住建委表示，加装电梯费        年完成改造，第一年先改造一        麦五万吨，收购价格保持稳定
用由政府和居民共同承担，具        百个。                  ，种粮农民的积极性进一步提
                                          高。
                                            市粮食局表示，将继续做
                                          好收购工作。
";

    #[test]
    fn rows_empty_across_a_heads_columns_end_its_text() {
        let read = articles(GAP_UNDER_A_HEAD);
        assert_eq!(read.len(), 3, "{read:#?}");
        assert!(
            read[0].ends_with("园林局负责人说，改造期间收到市民建议四百多条，大部分已经采纳。"),
            "{read:#?}"
        );
        let rest = read
            .iter()
            .find(|a| a.starts_with("（上接第一版）"))
            .expect("the continuation");
        assert!(rest.contains("具体办法下周公布。据介绍"), "{read:#?}");
    }

    #[test]
    fn a_head_right_above_a_head_over_the_same_columns_is_its_kicker() {
        let pieces = vec![
            piece(0, 0, 1),
            piece(2, 0, 1),
            piece(3, 0, 0),
            piece(3, 1, 1),
        ];
        let mut by_row = vec![Vec::new(); 4];
        for (i, p) in pieces.iter().enumerate() {
            by_row[p.row].push(i);
        }
        let with_head = super::stacks(&pieces, &by_row);
        assert_eq!(with_head[0], Some(1), "{with_head:?}");
        assert_eq!(with_head[1], None, "{with_head:?}");
    }

    /// [`WIDE_TITLE`] with its rows `rows` (index, row) set otherwise.
    fn wide_title_with(rows: &[(usize, &str)]) -> String {
        let mut page: Vec<&str> = WIDE_TITLE.lines().collect();
        for &(i, row) in rows {
            page[i] = row;
        }
        let mut text = page.join("\n");
        text.push('\n');
        text
    }

    /// [`WIDE_TITLE`] with a numbered headline (`二、…`) over the lower
    /// article, whose text opens with no dateline: numbered like a heading
    /// inside an article, but set over two columns.
    fn numbered_head() -> String {
        wide_title_with(&[
            (
                7,
                "二、全市老旧小区加装电梯工作全面推开                        优良品种面积达到九成以上，",
            ),
            (
                9,
                "  记者从市住建委获悉，今          住建委表示，加装电梯费        民增收明显。",
            ),
            (
                10,
                "年全市将为一百个老旧小区加        用由政府和居民共同承担，具          据了解，全市已经收购新",
            ),
            (
                11,
                "装电梯，首批工程下月开工。        体办法下周公布。             麦五万吨，收购价格保持稳定",
            ),
        ])
    }

    #[test]
    fn a_numbered_head_over_two_columns_opens_an_article() {
        let read = articles(&numbered_head());
        assert_eq!(read.len(), 3, "{read:#?}");
        assert!(
            read[2].starts_with("二、全市老旧小区加装电梯工作全面推开记者从市住建委获悉"),
            "{read:#?}"
        );
    }

    /// [`WIDE_TITLE`] with a short headline set in over the lower article
    /// that trails off with an ellipsis.
    fn trailing_off() -> String {
        wide_title_with(&[(
            7,
            "     好戏还在后头……                             优良品种面积达到九成以上，",
        )])
    }

    #[test]
    fn a_headline_trailing_off_heads_the_columns_under_it() {
        let read = articles(&trailing_off());
        assert_eq!(read.len(), 3, "{read:#?}");
        assert!(
            read[2].starts_with("好戏还在后头……本报讯")
                && read[2].contains("首批工程下月开工。住建委表示"),
            "{read:#?}"
        );
    }

    /// `paragraphs` set in lines of `width` glyphs, a paragraph's first
    /// line set in by two spaces.
    fn set_in_lines(paragraphs: &[&str], width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for p in paragraphs {
            let glyphs: Vec<char> = p.chars().collect();
            let mut line = String::from("  ");
            let mut room = width - 2;
            for c in glyphs {
                if room == 0 {
                    lines.push(std::mem::take(&mut line));
                    room = width;
                }
                line.push(c);
                room -= 1;
            }
            lines.push(line);
        }
        lines
    }

    /// A row with each text at its position (a glyph one position).
    fn placed(texts: &[(usize, &str)]) -> String {
        let mut row = String::new();
        for (at, text) in texts {
            let n = row.chars().count();
            row.push_str(&" ".repeat(at.saturating_sub(n).max(2).min(*at)));
            row.push_str(text);
        }
        row
    }

    /// Two articles side by side over two columns each, as `PyMuPDF`'s
    /// `get_text(sort=True)` writes them: columns of ten glyphs at 0, 12,
    /// 24 and 36, each headline centred over its two columns and set
    /// larger than the text. The first headline's glyphs count a
    /// position each, so the second starts at 22, in the first article's
    /// second column. `glued`: a row whose first two columns are written
    /// with no gap between them.
    fn two_heads_in_a_row(glued: Option<usize>) -> String {
        let first = set_in_lines(
            &[
                "本报讯今年春季全市各区组织干部群众参加义务植树活动，共栽种树苗十二万株，新增绿地三百亩。",
                "各区还设立了护林队伍，定期浇水施肥，确保新栽树苗成活，全市绿化面积逐年扩大，空气质量明显改善。",
                "市园林部门表示，明年将继续组织植树活动。",
            ],
            10,
        );
        let second = set_in_lines(
            &[
                "本报讯连接三个乡镇的公路昨天正式通车，沿线两万多群众出行更加方便，农产品运输时间缩短一半。",
                "公路全长二十公里，总投资八千万元，由县交通部门负责建设和养护，路面宽度达到七米。",
                "县里还将修建两座桥梁，方便群众出行。",
            ],
            10,
        );
        let rows = first.len().max(second.len()).div_ceil(2);
        let mut text = placed(&[
            (1, "春季植树活动在全市各区陆续展开"),
            (22, "乡村公路建成通车"),
        ]);
        text.push('\n');
        fn at(lines: &[String], k: usize) -> &str {
            lines.get(k).map_or("", String::as_str)
        }
        for r in 0..rows {
            let row = [
                (0, at(&first, r)),
                (12, at(&first, rows + r)),
                (24, at(&second, r)),
                (36, at(&second, rows + r)),
            ];
            let run_together = format!("{}{}", row[0].1, row[1].1);
            let row = if glued == Some(r) {
                vec![(0, run_together.as_str()), row[2], row[3]]
            } else {
                row.to_vec()
            };
            let kept: Vec<(usize, &str)> = row.into_iter().filter(|(_, t)| !t.is_empty()).collect();
            text.push_str(&placed(&kept));
            text.push('\n');
        }
        text
    }

    #[test]
    fn a_headline_after_a_larger_one_in_its_row_heads_the_columns_after_it() {
        let page = two_heads_in_a_row(None);
        let read = articles(&page);
        assert_eq!(read.len(), 2, "{page}\n{read:#?}");
        assert!(
            read[0].starts_with("春季植树活动在全市各区陆续展开本报讯今年春季")
                && read[0].contains("新增绿地三百亩。各区还设立了护林队伍")
                && read[0].ends_with("明年将继续组织植树活动。"),
            "{page}\n{read:#?}"
        );
        assert!(
            read[1].starts_with("乡村公路建成通车本报讯连接三个乡镇")
                && read[1].ends_with("方便群众出行。"),
            "{page}\n{read:#?}"
        );
    }

    #[test]
    fn two_columns_rows_written_together_are_cut_where_the_first_fills_its_line() {
        // Row 1: the first column's full line `市各区组织干部群众参` and the
        // second column's `市绿化面积逐年扩大，` with no gap.
        let page = two_heads_in_a_row(Some(1));
        assert!(
            page.contains("市各区组织干部群众参市绿化面积逐年扩大，"),
            "{page}"
        );
        let read = articles(&page);
        assert_eq!(read.len(), 2, "{page}\n{read:#?}");
        assert!(
            read[0].contains("组织干部群众参加义务植树活动")
                && read[0].contains("确保新栽树苗成活，全市绿化面积逐年扩大，空气质量"),
            "{page}\n{read:#?}"
        );
    }

    /// A piece of the given row and columns.
    fn piece(row: usize, first: usize, last: usize) -> super::Piece {
        let line = crate::layout::lines_of("某某某某某").pop().expect("a line");
        super::Piece {
            row,
            start: first * 20,
            first,
            last,
            drifted: false,
            line,
        }
    }

    #[test]
    fn a_head_over_two_columns_does_not_join_their_row_groups() {
        // Column 1 has text in rows 0-2, column 2 in row 0 only: they
        // share one row against two, so they are set at other heights.
        let mut pieces = vec![
            piece(0, 1, 1),
            piece(1, 1, 1),
            piece(2, 1, 1),
            piece(0, 2, 2),
        ];
        assert_eq!(super::RowGroups::of(&pieces, 3, 5).group, [0, 1, 2]);
        // A head over both in row 4 is at neither's heights.
        pieces.push(piece(4, 1, 2));
        assert_eq!(super::RowGroups::of(&pieces, 3, 5).group, [0, 1, 2]);
    }

    #[test]
    fn a_piece_ends_before_the_next_piece_of_its_row() {
        let mut pieces = vec![piece(0, 0, 1), piece(0, 1, 1), piece(1, 0, 1)];
        super::pieces_apart(&mut pieces);
        let spans: Vec<(usize, usize)> = pieces.iter().map(|p| (p.first, p.last)).collect();
        // The last piece has nothing after it in its row: a head over both.
        assert_eq!(spans, [(0, 0), (1, 1), (0, 1)]);
    }

    #[test]
    fn edges_are_where_many_pieces_start() {
        // Two columns at 0 and 17 (first lines indented by two), and a
        // headline centred at 9.
        let mut starts = vec![0, 2, 0, 0, 17, 19, 17, 17, 9, 0, 17];
        assert_eq!(column_edges(&mut starts), vec![0, 17]);
    }

    #[test]
    fn columns_padded_unevenly_keep_their_edges() {
        // `get_text(sort=True)` pads each row's pieces unevenly: the third
        // column's pieces start at 34 to 40, the fourth's at 51 to 55, and
        // titles centred over the first two start at 26 to 29. Chained,
        // starts that lie close ran the titles and the third column into
        // one edge at 26, and the fourth's first starts with them.
        let mut starts = Vec::new();
        for _ in 0..6 {
            starts.extend([0, 17, 34, 51]);
        }
        starts.extend([
            2, 19, 36, 37, 38, 40, 53, 54, 55, 26, 27, 29, 31, 33, 44, 47,
        ]);
        assert_eq!(column_edges(&mut starts), vec![0, 17, 34, 51]);
    }
}
