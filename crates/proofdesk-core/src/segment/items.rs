//! What each block is: paragraphs and headline stacks with their roles
//! (kicker, headline, subheadline), bylines, captions and page headers.

use super::paragraphs::{banner_like, subhead_like};
use super::{Item, Notes, Unit, UnitKind};
use crate::chars::cell_width;
use crate::doubt::{Evidence, NEAR_CELLS};
use crate::layout::{CUTS, Line};
use crate::page::{Block, Role};

/// A body paragraph, with what it may be instead: a heading unless it
/// reads like none; a title-like one that reads like no heading waits for
/// the page's orientation ([`Notes::settle_titleish`]).
pub(super) fn paragraph(
    chars: &[char],
    unit: &Unit<'_>,
    col: f32,
    zone: &[bool],
    notes: &mut Notes,
) -> Block {
    let titleish = zone.get(unit.start).copied().unwrap_or(false);
    let heading = subhead_like(unit, col);
    if titleish && !heading {
        // A paragraph's first line is indented: one that fills the column
        // may be a title's, the paragraph's text only under it.
        let full_first = unit.lines.len() > 1
            && unit
                .lines
                .first()
                .is_some_and(|l| super::paragraphs::fills_unindented(l, (col, None)));
        return notes.titleish_paragraph(chars, unit.lines, full_first);
    }
    notes.block(
        chars,
        unit.lines,
        Role::Body,
        if heading {
            Role::Subhead
        } else {
            Role::Headline
        },
        if titleish {
            Evidence::TitleishParagraph
        } else if unit.lines.len() <= 2
            && unit
                .lines
                .last()
                .is_some_and(|l| !l.ends_terminal() || l.glyphs.last() == Some(&'…'))
        {
            Evidence::UnendedParagraph
        } else {
            Evidence::Paragraph
        },
    )
}

pub(super) fn to_items(
    chars: &[char],
    units: &[Unit<'_>],
    col: f32,
    blank_lines: bool,
    zone: &[bool],
    notes: &mut Notes,
) -> Vec<Item> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        match unit.kind {
            UnitKind::Title => {
                let end = (i..units.len())
                    .find(|&j| units[j].kind != UnitKind::Title)
                    .unwrap_or(units.len());
                let prev_body =
                    i > 0 && matches!(units[i - 1].kind, UnitKind::Body { .. } | UnitKind::Subhead);
                let next = units.get(end).map(|u| u.kind);
                let next_plain_body = matches!(
                    next,
                    Some(UnitKind::Body { starts: false, .. } | UnitKind::Subhead)
                );
                // A title glued onto the next text's line shared its
                // baseline with another column: it spans columns, as a
                // headline does and a heading set in its column does not;
                // so does one set over columns side by side, or set tall.
                let spans_columns = units[i..end]
                    .iter()
                    .any(|u| u.lines.iter().any(|l| l.glued_title || l.tall));
                let in_article = prev_body
                    && next_plain_body
                    && end - i <= 2
                    && !spans_columns
                    && (subhead_like(&units[i], col) || next == Some(UnitKind::Subhead));
                if in_article {
                    heading_items(chars, &units[i..end], col, &mut items, notes);
                } else {
                    if notes.engine_text
                        && prev_body
                        && units.get(end).is_some_and(Unit::is_plain_body)
                        && let Some(at) = inside_sentence(&units[i - 1..end], col)
                    {
                        notes.inside_sentence.push(at);
                    }
                    stack_items(chars, &units[i..end], blank_lines, &mut items, notes);
                }
                i = end;
                continue;
            }
            UnitKind::Body {
                starts,
                continuation,
            } => items.push(Item::Body {
                block: paragraph(chars, unit, col, zone, notes),
                starts,
                continuation,
            }),
            UnitKind::Subhead => {
                items.push(Item::Subhead(notes.block(
                    chars,
                    unit.lines,
                    Role::Subhead,
                    Role::Body,
                    Evidence::ColonHeading,
                )));
            }
            UnitKind::Byline => items.push(Item::Byline(notes.block(
                chars,
                unit.lines,
                Role::Byline,
                Role::Body,
                Evidence::Pattern,
            ))),
            UnitKind::Caption => {
                items.push(Item::Caption {
                    block: notes.block(
                        chars,
                        unit.lines,
                        Role::Caption,
                        Role::Body,
                        Evidence::Pattern,
                    ),
                    over_text: notes.engine_text || unit.lines.last().is_some_and(|l| l.over_next),
                });
            }
            UnitKind::Source => items.push(Item::Source(notes.block(
                chars,
                unit.lines,
                Role::Source,
                Role::Body,
                Evidence::Pattern,
            ))),
            UnitKind::PageHeader => {
                items.push(Item::PageHeader(notes.block(
                    chars,
                    unit.lines,
                    Role::PageHeader,
                    Role::Body,
                    Evidence::Pattern,
                )));
            }
        }
        i += 1;
    }
    items
}

/// Turns a run of (one or two) title units inside an article into headings.
fn heading_items(
    chars: &[char],
    units: &[Unit<'_>],
    col: f32,
    items: &mut Vec<Item>,
    notes: &mut Notes,
) {
    let heading = |notes: &mut Notes, lines: &[Line]| {
        Item::Subhead(notes.block(
            chars,
            lines,
            Role::Subhead,
            Role::Headline,
            Evidence::HeadingInArticle,
        ))
    };
    // A heading set in the body column wraps like a paragraph: a first line
    // of nearly the column's width makes the run one heading.
    if units.len() == 2
        && units[0].lines.len() == 1
        && units[0].lines[0].width >= col - CUTS.short_first
    {
        let lines: Vec<Line> = units.iter().flat_map(|u| u.lines.iter().cloned()).collect();
        items.push(heading(notes, &lines));
    } else {
        for u in units {
            items.push(heading(notes, u.lines));
        }
    }
}

/// Turns a run of title lines into headline stacks and section banners.
///
/// In a page with blank lines between visual lines, title lines with no blank
/// between them shared a text box: they join into one title, unless one is
/// letter-spaced and the other not (a kicker set to the headline's width).
/// A banner takes the title lines boxed with it.
/// Where a run of title units follows a body unit (`units[0]`) in an
/// engine's plain text: the run's first glyph, if the run sits inside a
/// sentence. The body's last line fills the column and stops on a glyph of
/// a word, no mark after it: the engine reads a page column by column, and
/// the sentence goes on at the head of the next column, where a headline set
/// over both columns left its second half (`…前后只用了不到一` /
/// `崭新宽敞的教学大楼` / `年时间就完工…`). A short last line that stops
/// so ends its paragraph (the engine dropped the full stop), and a comma is
/// often a full stop misread.
fn inside_sentence(units: &[Unit<'_>], col: f32) -> Option<usize> {
    let (body, titles) = units.split_first()?;
    if !matches!(body.kind, UnitKind::Body { .. }) {
        return None;
    }
    let last = body.lines.last()?;
    let fills = last.width >= col - CUTS.short;
    let on_word = last.glyphs.last().is_some_and(|c| c.is_alphanumeric());
    (fills && on_word)
        .then(|| titles.first()?.lines.first()?.offsets.first().copied())
        .flatten()
}

fn stack_items(
    chars: &[char],
    units: &[Unit<'_>],
    blank_lines: bool,
    items: &mut Vec<Item>,
    notes: &mut Notes,
) {
    // Boxes: runs of lines that belong together.
    let mut boxes: Vec<Vec<Line>> = Vec::new();
    // Boxes made of a paragraph retaken as a title.
    let mut from_body: Vec<bool> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let line = &u.lines[0];
        // A line whose row goes on in the next (the image shows the next
        // line as its right half) begins that row: no piece of the title
        // before it.
        let row_starts = units.get(i + 1).is_some_and(|n| n.lines[0].right_half);
        // A title broken over two lines fills its first line, and a
        // two-phrase title (a real space) is never broken.
        let joins = blank_lines
            && !line.blank_before
            && u.lines.len() == 1
            && !has_real_space(chars, line)
            && boxes.last().is_some_and(|b| {
                b.len() == 1
                    && b[0].justified == line.justified
                    && !banner_like(u)
                    && !has_real_space(chars, &b[0])
                    && b[0].width >= line.width - CUTS.box_line_shrink
            });
        // A title wider than its column wraps, leaving a stub of a line (or
        // a stub before the title's second phrase) that no kicker, headline
        // or subheadline would be: `…城乡小微工商` / `业`. The stub keeps
        // the title's size: a line the image shows twice as large or more
        // (a kicker, then the headline's first box `也将于`) is a title of
        // its own.
        let wraps = u.lines.len() == 1
            && !banner_like(u)
            && boxes.last().is_some_and(|b| {
                b.last().is_some_and(|prev| {
                    prev.width >= CUTS.wrapped_title
                        && !sizes_apart(prev, line)
                        && !prev.ends_terminal()
                        && !has_real_space(chars, prev)
                        && lead_phrase_cells(chars, line) <= CUTS.title_stub
                })
            });
        let reads_on = notes.words() && reads_on(u, boxes.last());
        match boxes.last_mut() {
            Some(b)
                if (joins || wraps) && !row_starts
                    || reads_on
                    || line.right_half
                    || b.last().is_some_and(|p| one_title_size(p, line)) =>
            {
                b.push(line.clone());
            }
            _ => {
                boxes.push(u.lines.to_vec());
                from_body.push(u.from_body);
            }
        }
    }
    let mut pending: Vec<Vec<Line>> = Vec::new();
    let mut pending_from_body: Vec<bool> = Vec::new();
    let mut k = 0;
    while k < boxes.len() {
        let as_unit = Unit {
            kind: UnitKind::Title,
            start: 0,
            lines: &boxes[k],
            from_body: false,
        };
        if banner_like(&as_unit) {
            let mut banner = vec![boxes[k].clone()];
            // The title boxed with the banner (no blank between), or a
            // two-phrase title right before it, is its motto.
            let boxed = blank_lines && !boxes[k][0].blank_before;
            let phrased = pending
                .last()
                .is_some_and(|b| b.len() == 1 && has_real_space(chars, &b[0]));
            if (boxed || phrased)
                && let Some(motto) = pending.pop()
            {
                pending_from_body.pop();
                banner.insert(0, motto);
            }
            if blank_lines
                && let Some(next) = boxes.get(k + 1)
                && !next[0].blank_before
                && next.len() == 1
                && !next[0].justified
            {
                banner.push(next.clone());
                k += 1;
            }
            flush_stack(chars, &mut pending, &mut pending_from_body, items, notes);
            let banner_at = usize::from(boxed || phrased);
            items.push(Item::Section(
                banner
                    .iter()
                    .enumerate()
                    .map(|(n, b)| {
                        let evidence = if n == banner_at {
                            Evidence::Banner
                        } else {
                            Evidence::Motto
                        };
                        notes.block(chars, b, Role::Section, Role::Headline, evidence)
                    })
                    .collect(),
            ));
        } else {
            // On a page whose text boxes were written out of order, a
            // title box that nothing links to the box before it may be
            // another article's title: headlines set side by side over
            // their columns come one after the other (devpage 004: one
            // headline over two lines, then another article's, two stacks).
            if notes.boxes_moved && stands_apart(&pending, &boxes[k]) {
                flush_stack(chars, &mut pending, &mut pending_from_body, items, notes);
            }
            pending.push(boxes[k].clone());
            pending_from_body.push(from_body.get(k).copied().unwrap_or(false));
        }
        k += 1;
    }
    flush_stack(chars, &mut pending, &mut pending_from_body, items, notes);
}

/// Whether the title box `next` starts a stack of its own, on a page whose
/// boxes were moved: nothing links it to the text before it, and it is not
/// a headline under the kicker `pending` ([`kicker_over`]).
fn stands_apart(pending: &[Vec<Line>], next: &[Line]) -> bool {
    next.first()
        .is_some_and(|l| l.block_edge == crate::layout::BlockEdge::Apart)
        && !kicker_over(pending, next)
}

/// Whether the stack so far, `pending`, is a kicker over the title box
/// `next`: one short line, and `next` opens with a line wider by
/// [`KICKER_NARROWER`] cells at the least (a kicker is set short over its
/// headline; headlines side by side are no narrower than the next).
fn kicker_over(pending: &[Vec<Line>], next: &[Line]) -> bool {
    let ([only], Some(head)) = (pending, next.first()) else {
        return false;
    };
    let [kicker] = only.as_slice() else {
        return false;
    };
    kicker.width + KICKER_NARROWER <= head.width
}

/// How much narrower than its headline a kicker is set, in cells, at the
/// least ([`kicker_over`]).
const KICKER_NARROWER: f32 = 4.0;

/// Whether the title boxes `stack` break one title between box `at - 1`
/// and box `at`: the first ends on a figure or a word runs on across them.
fn breaks_a_title(stack: &[Vec<Line>], at: usize) -> bool {
    let (Some(prev), Some(next)) = (
        at.checked_sub(1)
            .and_then(|p| stack.get(p))
            .and_then(|b| b.last()),
        stack.get(at).and_then(|b| b.first()),
    ) else {
        return false;
    };
    prev.glyphs.last().is_some_and(char::is_ascii_digit)
        || crate::lexicon::word_across(&prev.glyphs, &next.glyphs).is_some()
}

/// Whether a word reads on from the last line of `last_box` into the title
/// line `u` (`…科技进村困` / `难重重`): a title never breaks inside a word,
/// so they are one title.
fn reads_on(u: &Unit<'_>, last_box: Option<&Vec<Line>>) -> bool {
    u.lines.len() == 1
        && !banner_like(u)
        && last_box.and_then(|b| b.last()).is_some_and(|prev| {
            !prev.ends_terminal()
                && crate::lexicon::word_across(&prev.glyphs, &u.lines[0].glyphs).is_some()
        })
}

/// The width of a line's text up to its first real space (between phrases).
fn lead_phrase_cells(chars: &[char], line: &Line) -> f32 {
    let end = line
        .offsets
        .windows(2)
        .position(|w| is_real_space(chars, line, w[0], w[1]))
        .map_or(line.glyphs.len(), |i| i + 1);
    line.glyphs[..end].iter().map(|&c| cell_width(c)).sum()
}

/// Whether a line holds a space that is part of its text (between phrases).
fn has_real_space(chars: &[char], line: &Line) -> bool {
    line.offsets
        .windows(2)
        .any(|w| is_real_space(chars, line, w[0], w[1]))
}

/// Whether the gap between the glyphs at raw offsets `a < b` of `line` is a
/// space of its text rather than of its layout (see
/// [`crate::normalize::is_text_space`]); outside letter spacing, only between
/// two non-ASCII glyphs (a space next to a Latin word or a number is how
/// Latin is set, not a phrase break).
fn is_real_space(chars: &[char], line: &Line, a: usize, b: usize) -> bool {
    crate::normalize::is_text_space(b - a - 1, line.justified, line.spacing)
        && (line.justified || (!chars[a].is_ascii() && !chars[b].is_ascii()))
}

const KICKER_ENDINGS: [&str; 10] = [
    "强调", "指出", "表示", "要求", "提出", "时", "说", "称", "上", "中",
];

fn flush_stack(
    chars: &[char],
    pending: &mut Vec<Vec<Line>>,
    from_body: &mut Vec<bool>,
    items: &mut Vec<Item>,
    notes: &mut Notes,
) {
    if pending.is_empty() {
        return;
    }
    // No stack holds more than a kicker, a headline and a subheadline: four
    // titles or more in a row are two stacks drawn one after the other
    // (an article's after its body, then the next one's before its own;
    // or a band of headlines read before the columns under them), each
    // half its own stack. `assemble` then gives the second to what
    // follows it. Not on an engine's page, where one headline is often
    // read as several boxes (`日对滨江新区筹` / `建专项工作小` / `组的安排`),
    // nor where the halves meet inside a title broken over two lines (a
    // figure and its unit, `桩没入了3` / `米深的河床中`).
    let half = pending.len() / 2;
    if pending.len() >= 4 && !notes.ocr && !breaks_a_title(pending, half) {
        let mut second = pending.split_off(half);
        let mut second_from_body = from_body.split_off(half.min(from_body.len()));
        flush_stack(chars, pending, from_body, items, notes);
        flush_stack(chars, &mut second, &mut second_from_body, items, notes);
        return;
    }
    let roles = stack_roles(pending);
    let blocks = pending
        .iter()
        .zip(roles)
        .zip(from_body.iter())
        .map(|((lines, (role, alternative, evidence)), &from_body)| {
            if from_body {
                notes.block(chars, lines, role, Role::Body, Evidence::TitleInBodyColumn)
            } else {
                notes.block(chars, lines, role, alternative, evidence)
            }
        })
        .collect();
    items.push(Item::Stack(blocks));
    pending.clear();
    from_body.clear();
}

/// Whether the page image shows one line set
/// [`crate::layout::ImageCuts::sizes_apart`] times the size of the other
/// or more ([`Line::glyph_size`]; never without an image).
fn sizes_apart(a: &Line, b: &Line) -> bool {
    let (small, large) = (
        a.glyph_size.min(b.glyph_size),
        a.glyph_size.max(b.glyph_size),
    );
    small > 0.0 && large >= CUTS.image.sizes_apart * small
}

/// Whether the page image shows two title lines set at one size
/// ([`crate::layout::ImageCuts::same_title_size`]), both set tall: one
/// headline broken over two lines. Never across two titles side by side
/// on one row; kickers and subheadlines, set near running text's size,
/// are too alike in size to be told apart by it.
fn one_title_size(a: &Line, b: &Line) -> bool {
    let larger = a.glyph_size.max(b.glyph_size);
    a.tall
        && b.tall
        && !b.title_apart
        && (a.glyph_size - b.glyph_size).abs() < CUTS.image.same_title_size * larger
}

/// Roles in a stack of titles the page image shows at different sizes: the
/// largest is the headline, those above it kickers, those below it
/// subheadlines. `None` without sizes, or where no title is larger than
/// every other by [`crate::layout::ImageCuts::same_title_size`].
///
/// A title's size is its smallest line's: a word the engine misread over
/// several glyphs makes a line look set larger, never smaller
/// (devpages-ocr 006: `书法` read as `We`, boxed 258 px wide, made the
/// subheadline's second line look set twice as large as its first). A
/// title of rows the engine was unsure of ([`Line::unread`], a headline's
/// glyph edges) has no size of its own: it is never the headline.
fn roles_by_size(stack: &[Vec<Line>]) -> Option<Vec<(Role, Role, Evidence)>> {
    use Role::{Headline, Kicker, Subheadline};
    let sizes: Vec<Option<f32>> = stack
        .iter()
        .map(|b| {
            if b.iter().all(|l| l.unread) {
                return None;
            }
            b.iter().map(|l| l.glyph_size).reduce(f32::min)
        })
        .collect();
    if sizes.len() < 2 || sizes.iter().flatten().any(|&s| s <= 0.0) {
        return None;
    }
    let (top, largest) = sizes
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    let apart = sizes.iter().enumerate().all(|(i, s)| {
        i == top || s.is_none_or(|s| s * (1.0 + CUTS.image.same_title_size) <= largest)
    });
    apart.then(|| {
        (0..sizes.len())
            .map(|i| match i.cmp(&top) {
                std::cmp::Ordering::Less => (Kicker, Headline, Evidence::TitleSizes),
                std::cmp::Ordering::Equal => (Headline, Subheadline, Evidence::TitleSizes),
                std::cmp::Ordering::Greater => (Subheadline, Headline, Evidence::TitleSizes),
            })
            .collect()
    })
}

/// Roles in a headline stack: one title is the headline; of two, the one that
/// reads as context (ends in `强调`, is letter-spaced, or is shorter and first)
/// is the kicker, else the second is the subheadline; of three or more, the
/// first is the kicker and the last the subheadline.
///
/// Each role comes with the competing role and the rule that chose it.
fn stack_roles(stack: &[Vec<Line>]) -> Vec<(Role, Role, Evidence)> {
    use Role::{Headline, Kicker, Subheadline};
    if let Some(roles) = roles_by_size(stack) {
        return roles;
    }
    let width = |b: &Vec<Line>| b.iter().map(|l| l.width).sum::<f32>();
    match stack {
        [_] => vec![(Headline, Role::Subhead, Evidence::OnlyTitle)],
        [a, b] => {
            let text: String = a.iter().map(Line::compact).collect();
            let b_text: String = b.iter().map(Line::compact).collect();
            let text = crate::chars::simplified_text(&text);
            let kicker_cue = KICKER_ENDINGS.iter().any(|e| text.ends_with(e));
            let spaced = a.iter().all(|l| l.justified) && !b.iter().all(|l| l.justified);
            let narrower = width(a) < width(b);
            let evidence = if b_text.starts_with('—') || b_text.starts_with("--") {
                Evidence::DashSubheadline
            } else if kicker_cue {
                Evidence::KickerCue
            } else if spaced {
                Evidence::LetterSpacedKicker
            } else if (width(a) - width(b)).abs() < NEAR_CELLS {
                Evidence::SimilarWidths
            } else if narrower {
                Evidence::NarrowerFirst
            } else {
                Evidence::WiderFirst
            };
            let kicker_first =
                evidence != Evidence::DashSubheadline && (kicker_cue || spaced || narrower);
            if kicker_first {
                vec![
                    (Kicker, Headline, evidence),
                    (Headline, Subheadline, evidence),
                ]
            } else {
                vec![
                    (Headline, Kicker, evidence),
                    (Subheadline, Headline, evidence),
                ]
            }
        }
        _ => {
            let last = stack.len() - 1;
            (0..stack.len())
                .map(|i| match i {
                    0 => (Kicker, Headline, Evidence::StackPosition),
                    i if i == last => (Subheadline, Headline, Evidence::StackPosition),
                    _ => (Headline, Subheadline, Evidence::StackPosition),
                })
                .collect()
        }
    }
}
