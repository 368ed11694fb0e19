//! Whether a page's lines, as the proposal reads them, read on from one to
//! the next: the check that the extractor kept the reading order.
//!
//! In running text a line that fills its column and stops mid-sentence
//! goes on in the next line, and often a word runs across the break
//! (`…随着运动会开` / `幕时间的临近…`): on the devpages, the likeliest
//! reading puts a word across 30–54% of such line ends. Some extractors
//! lose that order. Plain `pdftotext` (no `-raw`, no `-layout`) writes
//! some pages row by row across the page, one column's piece per line:
//! the text of a column goes on two to six lines further down, and the
//! words run across from a line into that later one instead. The check
//! counts, for the lines that fill the column and stop mid-sentence, how
//! often a word runs on into the line 1, 2, … [`MAX_LAG`] lines on
//! ([`ReadOn`]); where the next line takes too few of them, the page's
//! reading order is lost ([`ReadingOrder`]), and the editor is told so:
//! no rule can read such a page, and the extractor can write it again in
//! order.

/// The farthest line, after a line that stops mid-sentence, that may hold
/// its text's next line: text set in up to six columns.
pub const MAX_LAG: usize = 6;

/// Below this many lines that fill the column and stop mid-sentence the
/// check says nothing (a short page, a page of titles), unless no word
/// runs on at any distance ([`FEWEST_OPEN_LINES`]).
pub const MIN_OPEN_LINES: usize = 24;

/// The fewest such lines from which a page may be told lost.
///
/// From this many (and below [`MIN_OPEN_LINES`]), a page where not one of
/// them runs a word on into the next line, and no later line takes
/// [`INTERLEAVED_FROM`] of them, has lost its reading order: a page in
/// order runs a word on into the next line from 30–54% of them, so
/// twelve without one come by chance once in seventy short pages at the
/// least rate measured, and once in five hundred at the usual one (the
/// desk then says so wrongly; the proposal is the same). `pdfplumber`
/// joins each row's column pieces with one space: on the typeset pages
/// its rows across four columns hold 12 to 23 such lines, and none runs a
/// word on anywhere.
pub const FEWEST_OPEN_LINES: usize = 12;

/// The share of such lines whose words run on into the next line from
/// which the page reads in order.
///
/// Measured: 0.30–0.54 on the 38 devpages in order (the same in
/// traditional characters) and the ten OCR pages' text, 0.05 and 0.09 on
/// the two written row by row.
pub const READS_ON_FROM: f32 = 0.2;

/// Rows interleaved: a later line takes at least this share, and
/// [`INTERLEAVED_OVER`] times the next line's.
pub const INTERLEAVED_FROM: f32 = 0.15;

/// See [`INTERLEAVED_FROM`].
pub const INTERLEAVED_OVER: f32 = 1.5;

/// Lines looked at: the check needs a sample, not a whole long page.
const MOST_OPEN_LINES: usize = 2_000;

/// The page's first lines the check reads (a page read in parts, whose
/// first part may be short, gathers them: [`Sample`]).
pub const SAMPLE_LINES: usize = 4_000;

/// A first look at this many of those lines, spread over the page, settles
/// a page in order (a word look-up costs about two microseconds: a page in
/// order pays sixteen); only where their words run on too seldom are
/// all of them counted, at every distance.
const FIRST_LOOK: usize = 16;

/// How the page's lines read, as the proposal reads them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadingOrder {
    /// The lines read on from one to the next (or too few lines to tell).
    #[default]
    InOrder,
    /// The lines of several columns alternate row by row: a column's text
    /// goes on `lag` lines further down, as often as not.
    RowsInterleaved {
        /// The distance, in lines, at which text reads on most often: how
        /// many columns' rows alternate where the page is densest.
        lag: u8,
    },
    /// The lines do not read on from one to the next, nor at any distance.
    Lost,
}

impl ReadingOrder {
    /// Whether the extractor kept the reading order (as far as can be told).
    #[must_use]
    pub fn is_in_order(self) -> bool {
        self == Self::InOrder
    }

    /// What to tell the user where the order is lost: what was seen, and
    /// what to do (the desk says the same in its own words and language).
    #[must_use]
    pub fn warning(self) -> Option<String> {
        let seen = match self {
            Self::InOrder => return None,
            Self::RowsInterleaved { lag } => format!(
                "the lines of about {lag} columns alternate row by row, as plain `pdftotext` writes some pages"
            ),
            Self::Lost => "the lines do not read on from one to the next".to_owned(),
        };
        Some(format!(
            "the reading order is lost: {seen}, so no rule can read this page; extract it again with `pdftotext -raw` or PyMuPDF to get its text in reading order (an OCR engine's plain text: open its hOCR or ALTO instead, whose boxes give the lines their order)"
        ))
    }
}

/// What the check counted.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReadOn {
    /// Lines that fill the column and stop mid-sentence (at most
    /// [`MOST_OPEN_LINES`]).
    pub open_lines: usize,
    /// For each distance 1..=[`MAX_LAG`] (index 0 is the next line): the
    /// share of those lines whose words run on into the line that far on
    /// (the next line's from the first look where that settled the page in
    /// order; 0 where not counted).
    pub shares: [f32; MAX_LAG],
}

impl ReadOn {
    /// Counts on `lines` (glyphs, and width in cells), whose column is
    /// `column_cells` wide.
    #[must_use]
    pub fn of<'a>(lines: impl IntoIterator<Item = (&'a [char], f32)>, column_cells: f32) -> Self {
        let lines: Vec<(&[char], f32)> = lines.into_iter().take(SAMPLE_LINES).collect();
        let open: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                let (glyphs, width) = lines[i];
                width >= column_cells - 1.0
                    && glyphs.last().is_some_and(|&c| {
                        !crate::chars::ends_sentence(c) && !crate::chars::is_closer(c) && c != '…'
                    })
            })
            .take(MOST_OPEN_LINES)
            .collect();
        let mut read = Self {
            open_lines: open.len(),
            ..Self::default()
        };
        if open.len() < FEWEST_OPEN_LINES {
            return read; // too few to tell: in order
        }
        // The share of `those` lines whose words run on `lag` lines on.
        let runs_on = |those: &mut dyn Iterator<Item = usize>, lag: usize| {
            let (mut counted, mut runs) = (0_usize, 0_usize);
            for i in those {
                let Some(&(next, _)) = lines.get(i + lag) else {
                    continue;
                };
                counted += 1;
                runs += usize::from(crate::lexicon::word_across(lines[i].0, next).is_some());
            }
            share(runs, counted)
        };
        let look = FIRST_LOOK.min(open.len());
        let first = runs_on(
            &mut (0..look).map(|k| open[k * open.len() / look.max(1)]),
            1,
        );
        if first >= READS_ON_FROM {
            read.shares[0] = first;
            return read;
        }
        for lag in 1..=MAX_LAG {
            read.shares[lag - 1] = runs_on(&mut open.iter().copied(), lag);
        }
        read
    }

    /// The verdict.
    #[must_use]
    pub fn order(&self) -> ReadingOrder {
        let next = self.shares[0];
        if self.open_lines < FEWEST_OPEN_LINES || next >= READS_ON_FROM {
            return ReadingOrder::InOrder;
        }
        if self.open_lines < MIN_OPEN_LINES {
            // Few lines: only where no word runs on into the next line,
            // and none runs on often enough further down to tell rows
            // interleaved.
            let best = self.shares.iter().copied().fold(0.0_f32, f32::max);
            return if next <= 0.0 && best < INTERLEAVED_FROM {
                ReadingOrder::Lost
            } else {
                ReadingOrder::InOrder
            };
        }
        let (lag, best) =
            self.shares
                .iter()
                .enumerate()
                .skip(1)
                .fold(
                    (0, 0.0_f32),
                    |(l, b), (i, &s)| if s > b { (i + 1, s) } else { (l, b) },
                );
        if best >= INTERLEAVED_FROM && best >= INTERLEAVED_OVER * next {
            ReadingOrder::RowsInterleaved {
                lag: u8::try_from(lag).unwrap_or(u8::MAX),
            }
        } else {
            ReadingOrder::Lost
        }
    }
}

/// The first [`SAMPLE_LINES`] lines of a page read in parts, gathered as
/// the parts are read, so that the check reads what it reads of the page
/// read whole.
#[derive(Clone, Debug, Default)]
pub struct Sample {
    lines: Vec<(Vec<char>, f32)>,
}

impl Sample {
    /// Adds `lines` (glyphs, and width in cells), up to [`SAMPLE_LINES`].
    pub fn extend<'a>(&mut self, lines: impl IntoIterator<Item = (&'a [char], f32)>) {
        let room = SAMPLE_LINES.saturating_sub(self.lines.len());
        self.lines
            .extend(lines.into_iter().take(room).map(|(g, w)| (g.to_vec(), w)));
    }

    /// [`ReadOn::of`] the lines gathered.
    #[must_use]
    pub fn read_on(&self, column_cells: f32) -> ReadOn {
        ReadOn::of(
            self.lines.iter().map(|(g, w)| (g.as_slice(), *w)),
            column_cells,
        )
    }
}

#[expect(clippy::cast_precision_loss, reason = "line counts are small")]
fn share(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

/// `text`'s lines with text, `columns` stretches of them set row by row: a
/// line of the first, one of the second, …, as plain `pdftotext` writes a
/// page whose columns it does not tell apart (what the tests make of the
/// seed page).
#[cfg(test)]
pub(crate) fn set_row_by_row(text: &str, columns: usize) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let per = lines.len() / columns.max(1);
    (0..per)
        .flat_map(|row| (0..columns).map(move |c| row + c * per))
        .filter_map(|i| lines.get(i))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{ReadOn, ReadingOrder, set_row_by_row};
    use crate::decode::{Encoding, LineEnding};
    use crate::page::RawText;

    const SEED: &str = include_str!("../../../tests/data/seed_page.txt");

    /// The seed page's lines with text, in order.
    fn seed_lines() -> Vec<&'static str> {
        SEED.lines().filter(|l| !l.trim().is_empty()).collect()
    }

    /// What the check says of `lines` as a page (one per line).
    fn read(lines: &[&str]) -> (ReadOn, ReadingOrder) {
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        read_text(&text)
    }

    /// What the check says of `text` as a page.
    fn read_text(text: &str) -> (ReadOn, ReadingOrder) {
        let raw = RawText::new("page.txt", text, Encoding::Utf8, LineEnding::Lf);
        let (lines, col) = crate::segment::text_lines(&raw);
        let read = ReadOn::of(lines.iter().map(|l| (l.glyphs.as_slice(), l.width)), col);
        (read, read.order())
    }

    #[test]
    fn a_page_in_order_reads_on() {
        let (read, order) = read(&seed_lines());
        assert_eq!(order, ReadingOrder::InOrder, "{read:?}");
        assert!(read.shares[0] >= super::READS_ON_FROM, "{read:?}");
        // The published page also the proposal's: in order.
        let raw = RawText::new("seed.txt", SEED, Encoding::Utf8, LineEnding::Lf);
        let proposal = crate::segment::propose_recording(&raw, crate::decision::Record::Doubts);
        assert_eq!(proposal.layout.read_on.order(), ReadingOrder::InOrder);
    }

    #[test]
    fn columns_set_row_by_row_are_told_with_how_many_alternate() {
        for columns in [2, 3, 4] {
            let (read, order) = read_text(&set_row_by_row(SEED, columns));
            assert_eq!(
                order,
                ReadingOrder::RowsInterleaved {
                    lag: u8::try_from(columns).unwrap_or(0)
                },
                "{columns} columns: {read:?}"
            );
        }
    }

    #[test]
    fn lines_that_read_on_nowhere_are_lost() {
        // The page read from its last line up: no line goes on anywhere
        // after it.
        let mut lines = seed_lines();
        lines.reverse();
        let (read, order) = read(&lines);
        assert_eq!(order, ReadingOrder::Lost, "{read:?}");
    }

    #[test]
    fn rows_of_four_columns_joined_by_a_space_are_lost_though_few() {
        // As `pdfplumber` writes a page: each row's four column pieces
        // joined by one space (here the seed's first 96 lines as four
        // columns). Few rows fill the (page-wide) column and stop
        // mid-sentence, and none runs a word on anywhere.
        let first = seed_lines()[..96].join("\n");
        let lines: Vec<String> = set_row_by_row(&first, 4)
            .lines()
            .collect::<Vec<_>>()
            .chunks(4)
            .map(|row| row.join(" "))
            .collect();
        let rows: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (across, order) = read(&rows);
        assert!(
            (super::FEWEST_OPEN_LINES..super::MIN_OPEN_LINES).contains(&across.open_lines),
            "{across:?}"
        );
        assert_eq!(order, ReadingOrder::Lost, "{across:?}");
        // The seed's first lines, as many as those rows, read on.
        let firsts: Vec<&str> = seed_lines().into_iter().take(rows.len()).collect();
        let (down, order) = read(&firsts);
        assert_eq!(order, ReadingOrder::InOrder, "{down:?}");
    }

    #[test]
    fn a_few_lines_tell_nothing() {
        let lines = seed_lines();
        let (read, order) = read_text(&set_row_by_row(&lines[..30].join("\n"), 2));
        assert!(read.open_lines < super::MIN_OPEN_LINES, "{read:?}");
        assert_eq!(order, ReadingOrder::InOrder);
        assert!(ReadingOrder::InOrder.warning().is_none());
        let warning = ReadingOrder::RowsInterleaved { lag: 3 }
            .warning()
            .unwrap_or_default();
        assert!(warning.contains("about 3 columns") && warning.contains("pdftotext -raw"));
        // An OCR engine's plain text is told where its order is kept.
        assert!(warning.contains("hOCR or ALTO"), "{warning}");
    }
}
