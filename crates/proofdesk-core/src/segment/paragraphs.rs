//! Which lines go on one block: does a line continue the paragraph before
//! it (line-end decisions), and which runs are titles, bylines, captions.

use super::{Unit, UnitKind, ends_join, ends_mid_clause};
use crate::doubt::{Evidence, NEAR_CELLS};
use crate::layout::{
    BlockEdge, CUTS, Line, is_byline, is_caption, is_colon_subhead, is_page_header,
    is_page_header_part, is_source_note, is_title_line, is_titleish, only_phrase_commas,
    opens_article,
};

pub(super) fn single_line_kind(line: &Line, position: usize) -> Option<UnitKind> {
    if position < 3 && (is_page_header(line) || is_page_header_part(line)) {
        Some(UnitKind::PageHeader)
    } else if is_caption(line) {
        Some(UnitKind::Caption)
    } else if is_source_note(line) {
        Some(UnitKind::Source)
    } else if is_byline(line) {
        Some(UnitKind::Byline)
    } else if line.glued_title || line.tall {
        Some(UnitKind::Title)
    } else {
        None
    }
}

/// Whether `line` looks like the first line of an indented paragraph: about
/// two cells short of the column.
fn looks_indented(line: &Line, col: f32) -> bool {
    line.indented || at_first_line_width(line.width, col)
}

/// Whether `next`, after a line that ends a sentence, opens a paragraph by
/// its indent ([`looks_indented`]). A line without marks is measured
/// exactly (no squeezed or half-width mark shortens it), so it is indented
/// only when a full two cells short of a full line: the wider of the
/// column and a full line without marks (`unmarked`,
/// [`crate::layout::PageColumn::unmarked`]; marks read half width make
/// the column measure narrow), in whole cells. One cell short, it is a
/// full line the extractor letter-spaced where the glyph after it would
/// not fit (`本届省运会女子篮球赛前三名由江`, 15 cells of 16), and the
/// paragraph goes on. On the content-stream devpages all 17 such lines in
/// running text went on (an 18th, a headline, stays one by its own cues);
/// lines with digits or Latin are left out, for their widths are not
/// exact.
fn opens_indented(next: &Line, (col, unmarked): (f32, Option<f32>)) -> bool {
    let exact = !next.indented && next.glyphs.iter().all(|&c| crate::chars::is_ideograph(c));
    // A column measured at a half cell holds a whole number of ideographs.
    let full = full_width((col, unmarked)).ceil();
    looks_indented(next, col) && !(exact && next.width > full - CUTS.indent + CUTS.slack / 2.0)
}

/// Whether a line fills the column without an indent: a paragraph's first
/// line is indented, so as a block's first line it may be a title's
/// (`full_first_line`, `full_first_line_paragraph`).
pub(super) fn fills_unindented(line: &Line, (col, plain): (f32, Option<f32>)) -> bool {
    !looks_indented(line, col) && is_full(line, (col, plain))
}

/// Whether a line is full: the column's width, or a full line of
/// ideographs alone where punctuation is squeezed and no letter spacing
/// says so (`plain`), or a line set out to the column's edge with fewer
/// glyphs than its width holds (letter-spaced, [`spaced_full`]; figures
/// set apart, [`full_with_figures`]).
fn is_full(line: &Line, (col, plain): (f32, Option<f32>)) -> bool {
    line.width >= col - CUTS.slack
        || plain.is_some_and(|p| line.width >= p - CUTS.slack)
        || spaced_full(line, col)
        || full_with_figures(line, col)
}

/// Whether line `i`, ending with a colon, is a paragraph's first line whose
/// sentence goes on after it (`某某某某某某某某某某透露：` / a full line
/// that does not end the sentence), not a heading such as `案情简介：`: it
/// is as wide as an indented first line, and the next line is a full line
/// of running text, where a paragraph under a heading would open indented.
fn colon_runs_on(lines: &[Line], i: usize, widths: (f32, Option<f32>)) -> bool {
    at_first_line_width(lines[i].width, widths.0)
        && lines
            .get(i + 1)
            .is_some_and(|n| fills_unindented(n, widths) && !n.ends_terminal())
}

/// Whether `width` is an indented first line's: short of the column, but
/// by no more than [`Cuts::short_first`](crate::layout::Cuts).
pub(super) fn at_first_line_width(width: f32, col: f32) -> bool {
    width >= col - CUTS.short_first && width < col - CUTS.slack
}

/// Whether a line of ideographs only is set at a width that no line of
/// running text has: a full line fills the column and a paragraph's first
/// line is two cells short, whole glyphs each (`他们又迎来新的机遇和考验`, 12
/// cells in a 15-cell column). Lines with punctuation, digits or Latin are
/// left out: squeezed punctuation and Latin make their widths vary. On a
/// page whose full lines of ideographs alone are narrower than the column
/// (`plain`: [`crate::layout::ColumnTally::plain_width`]), those widths are running
/// text's too.
fn is_odd_width(line: &Line, col: f32, plain: Option<f32>) -> bool {
    let running = |full: f32| {
        (line.width - full).abs() < CUTS.slack
            || (line.width - (full - CUTS.indent)).abs() < CUTS.slack
    };
    line.glyphs.len() >= 4
        && line.glyphs.iter().all(|&c| crate::chars::is_ideograph(c))
        && !running(col)
        && !plain.is_some_and(running)
        && line.width < col + CUTS.slack
}

/// What the grouping needs to know of each line, worked out once.
#[derive(Clone, Copy, Debug)]
pub(super) struct Facts {
    /// A line that stands alone (caption, byline, …).
    pub(super) single: Option<UnitKind>,
    /// Opens an article: `Some(true)` for a continuation marker.
    pub(super) opens: Option<bool>,
    /// A short heading ending with a colon.
    pub(super) colon: bool,
    /// Could be a title.
    pub(super) title: bool,
    /// A subheadline opening with a dash.
    pub(super) dash: bool,
    /// A title line of ideographs only whose width is neither the column's
    /// nor an indented first line's: no line of running text is set so.
    pub(super) odd_width: bool,
}

impl Facts {
    /// Whether the line can only stand on its own or open an article.
    fn special(&self) -> bool {
        self.single.is_some() || self.opens.is_some()
    }
}

pub(super) fn facts(
    lines: &[Line],
    (col, plain): (f32, Option<f32>),
    position: usize,
    after: Option<&Facts>,
    gaps: Gaps,
) -> Vec<Facts> {
    let full = |l: &Line| is_full(l, (col, plain));
    let mut facts: Vec<Facts> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| Facts {
            single: single_line_kind(line, position + i),
            opens: opens_article(line),
            colon: is_colon_subhead(line) && !colon_runs_on(lines, i, (col, plain)),
            title: (is_title_line(line, col) || over_a_headline(lines, i)) && !line.body_size,
            dash: is_dash_title(line) && !line.body_size,
            odd_width: false,
        })
        .collect();
    photo_notes_read_on(lines, &mut facts, (col, plain));
    // Whether each line follows a paragraph's end or a line that stands
    // alone.
    let ended: Vec<bool> = (0..facts.len())
        .map(|i| {
            i.checked_sub(1)
                .is_none_or(|p| facts[p].single.is_some() || lines[p].ends_terminal())
        })
        .collect();
    // Only where a title may stand: after a paragraph's end (not a
    // heading's colon) or a line that stands alone.
    for i in 0..facts.len() {
        let after_colon = i
            .checked_sub(1)
            .is_some_and(|p| facts[p].single.is_none() && lines[p].glyphs.last() == Some(&'：'));
        let after_end = ended[i] && !after_colon;
        // …and not reading on into a full line (`…氮氧化物的主` / `要来源…`).
        let next_full = lines.get(i + 1).is_some_and(full);
        facts[i].odd_width =
            facts[i].title && after_end && !next_full && is_odd_width(&lines[i], col, plain);
    }
    // A title-like line reads on when the next line is a full line of
    // running text (`围绕c组和d组4支队18日举` / `行的2场比赛，有…`), or when
    // the line before is a full line that stops mid-sentence: it is part of
    // a paragraph. Titles are followed by titles, openers, or a paragraph's
    // indented first line, and follow a sentence end.
    // First, a title-like line that fills the column exactly and is followed
    // by running text that ends a sentence or fills the column too: it is
    // a line of a paragraph broken at the column edge
    // (`和现场讲解才真正弄懂水厂的整个布` / `局。`).
    // So is one set at an indented first line's width after a paragraph's
    // end, followed by a short line that ends a sentence: a paragraph of
    // two lines (`这是两地合作推进中一条非常` / `管用的做法。`), which only
    // letter spacing told apart from a title where the extractor keeps it.
    let fills = |width: f32| {
        (width - col).abs() < CUTS.slack || plain.is_some_and(|p| (width - p).abs() < CUTS.slack)
    };
    full_runs_read_on(lines, &mut facts, &ended, (col, plain));
    if gaps == Gaps::EngineParagraphs {
        words_across_full_lines_read_on(lines, &mut facts, (col, plain));
    }
    for i in 0..facts.len() {
        let width = lines[i].width;
        if facts[i].title
            && let (Some(next), Some(nf)) = (lines.get(i + 1), facts.get(i + 1))
            && !nf.title
            && !nf.special()
            && !nf.colon
            && (fills(width) && (next.ends_terminal() || full(next))
                || at_first_line_width(width, col)
                    && ended[i]
                    && next.ends_terminal()
                    && next.width < col - CUTS.indent - CUTS.slack)
        {
            facts[i].title = false;
        }
    }
    lines_before_datelines_are_titles(lines, &mut facts, after);
    let titles: Vec<bool> = facts.iter().map(|f| f.title).collect();
    // From the last line up: a run of title-like lines whose last one
    // reads on into running text reads on as a whole, each line into the
    // one after it (`去年的《春耕》、《山村纪事》` / `和今年的《渔歌》等展览的成功`
    // / `与《江畔》在校园、社区近来受` / `到的欢迎，…`: a paragraph's first
    // line, its marks squeezed, and the full lines after it).
    for i in (0..facts.len()).rev() {
        if !titles[i] {
            continue;
        }
        // …or when the next line opens with what no line opens with (`的`,
        // `了`, a comma): it goes on from this one. Not a line that opens
        // with an enumerator (`一、`, `（一）`): a numbered heading stands on
        // its own whatever follows it.
        let next_reads_on = !opens_with_enumerator(&lines[i].glyphs)
            && lines
                .get(i + 1)
                .zip(facts.get(i + 1))
                .is_some_and(|(next, nf)| {
                    (!nf.title || runs_on_at_body_width(&lines[i], next, ended[i], (col, plain)))
                        && !nf.special()
                        && !nf.colon
                        && next.body_size == lines[i].body_size
                        && (full(next)
                            || opens_mid_phrase(next)
                            || closes_open_bracket(&lines[i], next)
                            || !nf.title && figure_runs_on(&lines[i], next))
                });
        // In an engine's plain text a line with no blank line before it
        // is in the block of the line before: a headline, set larger, is a
        // block of its own, so the line after running text that stops
        // mid-sentence (a line that is not its block's first) goes on from
        // it, however short that line is. (Never across sizes the page
        // image shows apart: running text does not read on into a larger
        // line, nor out of one.)
        let in_block = |p: usize| {
            gaps == Gaps::EngineParagraphs && !lines[i].blank_before && !lines[p].blank_before
        };
        let prev_reads_on = i.checked_sub(1).is_some_and(|p| {
            !titles[p]
                && !facts[p].special()
                && !lines[p].ends_terminal()
                && (full(&lines[p]) || in_block(p))
                && lines[p].body_size == lines[i].body_size
        });
        // …but not a title set as a block of its own in an engine's plain
        // text, before another such title or a dateline: the engine dropped
        // the closing mark of the line before.
        let block = gaps == Gaps::EngineParagraphs
            && is_title_block(lines, i)
            && stack_goes_on(lines, i + 1, facts.get(i + 1).or(after), titles.get(i + 1));
        if (next_reads_on || (prev_reads_on && !block)) && !facts[i].odd_width {
            facts[i].title = false;
        }
    }
    mid_phrase_lines_read_on(lines, &mut facts);
    facts
}

/// A line right before a dateline that ends no sentence cannot be a
/// paragraph's last line: it is a headline, commas and all
/// (`只要拧成一股绳，就没有蹚不过去的险滩` / `本报讯（记者 …`).
/// (The next line may be the next chunk's first: `after`.)
fn lines_before_datelines_are_titles(lines: &[Line], facts: &mut [Facts], after: Option<&Facts>) {
    for i in 0..facts.len() {
        let line = &lines[i];
        let next_opens = facts.get(i + 1).or(after).and_then(|f| f.opens);
        if !facts[i].title
            && !line.body_size
            && !facts[i].special()
            && next_opens == Some(false)
            && !line.ends_terminal()
            && !matches!(line.glyphs.last(), Some('，' | ',' | '、'))
            && only_phrase_commas(line)
            && line.glyphs.len() >= 4
        {
            facts[i].title = true;
        }
    }
}

/// A title-like line that opens mid-phrase (`的`, `了`, a comma) after a
/// line of running text that stops mid-sentence goes on from it
/// (`会上最受关注的是新建成的城市` / `的智慧交通指挥中心和数据平台`):
/// running text too.
fn mid_phrase_lines_read_on(lines: &[Line], facts: &mut [Facts]) {
    for i in 1..facts.len() {
        if facts[i].title
            && opens_mid_phrase(&lines[i])
            && !facts[i].odd_width
            && !facts[i - 1].title
            && !facts[i - 1].special()
            && !lines[i - 1].ends_terminal()
            && lines[i - 1].body_size == lines[i].body_size
        {
            facts[i].title = false;
        }
    }
}

/// Whether `line`, set at a width running text has (full, or an indented
/// first line's) after a paragraph's end (`ended`), goes on into `next`
/// though `next` looks like a title too (no sentence punctuation): `next`
/// opens mid-phrase (`的`, `了`, a comma) or closes a bracket `line` left
/// open. A title's wrapped line may open so, but a title is seldom set at
/// the body's width right after running text, and an extractor that
/// writes no letter spacing leaves nothing else to tell the two apart
/// (`会上最受关注的是新建成的城市` / `的智慧交通指挥中心和数据平台` /
/// `建设情况。`).
fn runs_on_at_body_width(
    line: &Line,
    next: &Line,
    ended: bool,
    (col, plain): (f32, Option<f32>),
) -> bool {
    ended
        && (is_full(line, (col, plain)) || at_first_line_width(line.width, col))
        && (opens_mid_phrase(next) || closes_open_bracket(line, next))
}

/// Whether `line` ends on a figure that `next` goes on with its unit
/// (`…定于6月3` / `日举行…`, `…筹款2．4万` / `元…`).
fn figure_runs_on(line: &Line, next: &Line) -> bool {
    use crate::chars::simplified;
    let figure = match line.glyphs.as_slice() {
        [.., d] if d.is_ascii_digit() => true,
        [.., d, u] => d.is_ascii_digit() && matches!(simplified(*u), '万' | '亿' | '千' | '百'),
        _ => false,
    };
    figure
        && next
            .glyphs
            .first()
            .is_some_and(|&c| "日月年号时分秒元万亿岁人个名次届".contains(simplified(c)))
}

/// Whether line `i` fills its column as set: measured full
/// ([`is_full`]), or one cell short where the next line opens with a
/// glyph and a mark that may not open a line (`全市各区县中小企业的运输数据与` /
/// `库》。`): the typesetter carried the glyph down with its mark and
/// spaced the line out to the column's edge, which an extractor without
/// letter spacing does not show.
fn fills_as_set(lines: &[Line], i: usize, (col, plain): (f32, Option<f32>)) -> bool {
    let line = &lines[i];
    // A mark may hang past the column's edge; glyphs do not.
    let hangs = line
        .glyphs
        .last()
        .is_some_and(|&c| !crate::chars::is_ideograph(c));
    let widest = col + CUTS.slack + if hangs { 1.0 } else { 0.0 };
    line.width < widest && is_full(line, (col, plain))
        || (line.width - (col - 1.0)).abs() < CUTS.slack
            && line
                .glyphs
                .last()
                .is_some_and(|&c| crate::chars::is_ideograph(c))
            && lines.get(i + 1).is_some_and(|n| {
                n.glyphs
                    .first()
                    .is_some_and(|&c| crate::chars::is_ideograph(c))
                    && n.glyphs
                        .get(1)
                        .is_some_and(|&c| NO_LINE_START.contains(crate::chars::simplified(c)))
            })
}

/// A title-like line at running text's width (full, or an indented first
/// line's) after a paragraph's end, followed by lines that fill the
/// column as set ([`fills_as_set`]) and then by a line with sentence
/// punctuation, is a paragraph's first line, and the full lines
/// after it are its lines too (`新建的智慧物流园区已经接入了` /
/// `全市2400多家中小企业的运输数据` / `和仓储信息。`): a title is followed by
/// titles, a dateline or an indented first line, not by full lines that
/// run on into running text. Where the extractor keeps letter spacing,
/// the spacing tells such lines already (they are spaced out to the
/// column's edge); without it only their widths do.
fn full_runs_read_on(
    lines: &[Line],
    facts: &mut [Facts],
    ended: &[bool],
    (col, plain_width): (f32, Option<f32>),
) {
    let plain: Vec<bool> = facts
        .iter()
        .map(|f| !f.special() && !f.colon && !f.dash)
        .collect();
    for i in 0..facts.len() {
        let line = &lines[i];
        if !facts[i].title
            || !ended[i]
            || line.width >= col + CUTS.slack
            || !(is_full(line, (col, plain_width)) || at_first_line_width(line.width, col))
        {
            continue;
        }
        let mut j = i + 1;
        while j < lines.len()
            && plain[j]
            && fills_as_set(lines, j, (col, plain_width))
            && lines[j].body_size == line.body_size
        {
            j += 1;
        }
        if j > i + 1
            && j < lines.len()
            && plain[j]
            && !facts[j].title
            && (lines[j].ends_terminal() || lines[j].has_sentence_punct())
        {
            for f in &mut facts[i..j] {
                f.title = false;
            }
        }
    }
}

/// In an engine's plain text, a title-like line at running text's width
/// (full, or an indented first line's) whose block goes on in a full line,
/// a word running across the break between them
/// (`县里今年决定对全县的农村道路进` / `行一次全面整修好让农民出行更加` / `方便`), is
/// running text whose sentence end the engine dropped, and so is that
/// full line: no title. A headline set larger than running text holds
/// fewer glyphs a line than the column's lines; one broken inside a word
/// ends short (`…志愿服务闯出新` / `天地`).
fn words_across_full_lines_read_on(
    lines: &[Line],
    facts: &mut [Facts],
    (col, plain): (f32, Option<f32>),
) {
    let running_width = |l: &Line| {
        l.width < col + CUTS.slack
            && (is_full(l, (col, plain)) || at_first_line_width(l.width, col))
    };
    for i in 0..lines.len().saturating_sub(1) {
        let (line, next) = (&lines[i], &lines[i + 1]);
        let next_facts = facts[i + 1];
        if facts[i].title
            && !next.blank_before
            && !next_facts.special()
            && !next_facts.colon
            && next.body_size == line.body_size
            && running_width(line)
            && next.width < col + CUTS.slack
            && is_full(next, (col, plain))
            && crate::lexicon::word_across(&line.glyphs, &next.glyphs).is_some()
        {
            facts[i].title = false;
            facts[i + 1].title = false;
        }
    }
}

/// A line that opens like a caption (`图为…`) but fills the column (or an
/// indented first line's width) without ending there, before running text
/// that ends its sentence or fills the column too, is a paragraph's line
/// (`图为市文旅局局长周岚（中）致开` / `幕词。`): a caption set in the text
/// column ends where its sentence does, or with its credit. So is one
/// whose word reads on into the next line ([`crate::lexicon::word_across`]:
/// `致开` / `幕词`, the full stop an engine dropped): no caption breaks
/// inside a word.
fn photo_notes_read_on(lines: &[Line], facts: &mut [Facts], widths: (f32, Option<f32>)) {
    let full = |l: &Line| is_full(l, widths);
    for i in 0..facts.len() {
        let line = &lines[i];
        let reads_on = lines
            .get(i + 1)
            .zip(facts.get(i + 1))
            .is_some_and(|(next, nf)| {
                !nf.special()
                    && (full(next)
                        || next.ends_terminal()
                        || crate::lexicon::word_across(&line.glyphs, &next.glyphs).is_some())
            });
        if facts[i].single == Some(UnitKind::Caption)
            && !crate::layout::is_caption_by_credit(line)
            && crate::layout::opens_photo_note(line)
            && (full(line) || at_first_line_width(line.width, widths.0))
            && !line.ends_terminal()
            && reads_on
        {
            // Nor is it a title: it reads on, as no title does.
            facts[i].single = None;
            facts[i].title = false;
        }
    }
}

/// Whether a line opens `图为` (`圖為`), as a photo's description does.
fn opens_tu_wei(line: &Line) -> bool {
    let simplified = line
        .glyphs
        .iter()
        .take(2)
        .map(|&c| crate::chars::simplified(c));
    simplified.eq(['图', '为'])
}

/// Whether a line opens with a particle or a punctuation mark that never
/// begins a line of its own: it goes on from the line before.
pub(super) fn opens_mid_phrase(line: &Line) -> bool {
    line.glyphs.first().is_some_and(|&c| {
        let c = crate::chars::simplified(c);
        "的了着地得之".contains(c) || NO_LINE_START.contains(c)
    })
}

/// Marks that may not open a line: a typesetter carries the glyph before
/// them down with them (kinsoku).
const NO_LINE_START: &str = "，。、；：？！）》”』」";

/// Whether a letter-spaced line is a full line of running text: the
/// extractor spaced its glyphs out to the column's edge because the glyph
/// after them did not fit (`协 议 书 ， 明 确 了 双 方 的 责 任 分 工`, 14
/// cells in a 15-cell column): wider than a paragraph's indented first
/// line, two cells short, by more than the slack of a measured column.
fn spaced_full(line: &Line, col: f32) -> bool {
    line.justified && line.width > col - CUTS.indent + CUTS.slack && line.width < col + CUTS.slack
}

/// Whether a line that holds figures or Latin letters, and was extracted
/// without letter spacing, fills the column as it is set: a figure stands
/// a quarter em apart from the ideograph beside it, which the extracted
/// text does not show (`从2003年5月起接管了阳光花园小`, 14.5 cells of
/// glyphs set over 15.5 in a 16-cell column).
fn full_with_figures(line: &Line, col: f32) -> bool {
    let set = line.width + line.figure_gaps;
    !line.justified && line.figure_gaps > 0.0 && set >= col - CUTS.slack && set < col + CUTS.slack
}

/// Whether `line` leaves a bracket open that `next` closes before it
/// opens one (`本周天气预报（3月2日` / `8时至3月9日8时）城区以晴为`): the text goes
/// on across the line end, as no title goes on into running text.
fn closes_open_bracket(line: &Line, next: &Line) -> bool {
    line.has_open_bracket()
        && next
            .glyphs
            .iter()
            .find(|c| matches!(c, '（' | '(' | '）' | ')'))
            .is_some_and(|c| matches!(c, '）' | ')'))
}

/// What a blank line between two lines says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gaps {
    /// Nothing: the extractor puts one after every line.
    Layout,
    /// A gap the extractor or engine saw: after a sentence's end, a
    /// paragraph's end.
    Paragraphs,
    /// In an engine's plain text (no boxes): after a comma too, the
    /// engine's misread full stop.
    EngineParagraphs,
}

impl Gaps {
    /// What blank lines say on a page that has one after (nearly) every
    /// line or not (`blank_lines`), plain OCR text or not.
    pub(super) fn of(blank_lines: bool, ocr_text: bool) -> Self {
        if blank_lines {
            Self::Layout
        } else if ocr_text {
            Self::EngineParagraphs
        } else {
            Self::Paragraphs
        }
    }
}

/// Whether the paragraph that line `i` belongs to goes on past it.
///
/// Running text that stops mid-sentence goes on. A line that ends a sentence
/// ends the paragraph when it is short (a first line, which is indented, must
/// be clearly shorter) or when the next line is indented. `words`: whether a
/// word read across the line end counts (`Notes::words`).
fn continues(
    lines: &[Line],
    facts: &[Facts],
    i: usize,
    (col, unmarked): (f32, Option<f32>),
    (first, gaps, words): (bool, Gaps, bool),
) -> Evidence {
    let line = &lines[i];
    // The next line's facts may be those of the next chunk's first line,
    // which always stands alone or opens an article.
    let Some(nf) = facts.get(i + 1) else {
        return Evidence::StandsAlone;
    };
    // The image shows the next line in a lower band of the page, in other
    // columns (`lower_band` only comes from an OCR page's boxes).
    if lines.get(i + 1).is_some_and(|n| n.lower_band) {
        return Evidence::LowerBand;
    }
    if nf.special() {
        return if nf.opens.is_some() && ends_mid_clause(line) {
            Evidence::OpensAfterComma
        } else {
            Evidence::NextStandsAlone
        };
    }
    let Some(next) = lines.get(i + 1) else {
        return Evidence::StandsAlone;
    };
    // A layout-order extractor's text boxes (`super::flow`): a box moved
    // after the mid-sentence stop it goes on from reads on, one that
    // nothing links stands apart.
    match next.block_edge {
        BlockEdge::Apart => return Evidence::BoxApart,
        BlockEdge::RunsOn { word: true } => return Evidence::BoxWordReadsOn,
        BlockEdge::RunsOn { word: false } => return Evidence::BoxRunsOn,
        BlockEdge::Within => {}
    }
    // The image shows one line at the running text's size and the other
    // larger (`body_size` only comes from an OCR page's boxes): a title
    // and running text are never one block.
    if line.body_size != next.body_size || line.unread || next.unread {
        return Evidence::OtherSize;
    }
    // Where lines follow each other without blank lines, a blank line is
    // a gap the engine or extractor saw: after a sentence's end, the
    // paragraph ends there (after a comma too in an engine's plain text:
    // a misread full stop, which `comma_ends_paragraph` then repairs).
    let sentence_end = match gaps {
        Gaps::Layout => false,
        Gaps::Paragraphs => line.ends_terminal(),
        Gaps::EngineParagraphs => {
            line.ends_terminal() || matches!(line.glyphs.last(), Some('，' | ','))
        }
    };
    if sentence_end && next.blank_before && !engine_gap_before_flush_line(line, next, col) {
        return Evidence::GapAfterSentence;
    }
    // A short line before a heading such as `案情简介：` ends what it closes.
    if nf.colon && (line.ends_terminal() || line.width < col - CUTS.short) {
        return Evidence::HeadingNext;
    }
    if line.has_open_bracket() {
        return Evidence::OpenBracket;
    }
    // A title ends with its photo note (`（图片）`): the next line is
    // another block.
    if line.ends_with_photo_note() {
        return Evidence::PhotoNoteEndsTitle;
    }
    if let Some(e) = ends_before_indent(line, next) {
        return e;
    }
    // Text that keeps its indents (`　　经过一段治疗`): a line that keeps one
    // opens a paragraph, whatever the line before it ends on (a title, a
    // full stop the extractor lost, a numbered heading that keeps its own
    // indent: `　　（一）本地时令蔬菜批发价格持续回落`). Not where the two
    // lines before it keep one too: every line does, a margin.
    let margin = line.kept_indent && i.checked_sub(1).is_some_and(|p| lines[p].kept_indent);
    if next.kept_indent && !margin {
        return Evidence::KeptIndent;
    }
    // A semicolon or colon at a full line's end (`…就吃房檐水；`,
    // `…概括了12个字：`) ends a clause, not the paragraph, unless a title
    // follows: the next line goes on, whatever its width.
    let clause_end = matches!(line.glyphs.last(), Some('；' | ';' | '：' | ':'))
        && line.width >= col - CUTS.short
        && !nf.title
        && !nf.dash;
    if !line.ends_terminal() || clause_end {
        // A full line that ends with a closing bracket (`…绿色出行（报刊文摘）`),
        // before a line two cells short that does not end a sentence: that
        // line can only be a paragraph's first, so this one ends a paragraph.
        if matches!(line.glyphs.last(), Some('）' | ')'))
            && line.width >= col - CUTS.short
            && opens_indented(next, (col, unmarked))
            && !next.ends_terminal()
        {
            return Evidence::BracketBeforeIndent;
        }
        // Inside a paragraph every line is full; a clearly short line that
        // stops mid-phrase ends a heading set in the body column. In an
        // engine's plain text a title set as a block of its own before more
        // titles or a dateline (kept a title by `facts`) follows a full line
        // that stops mid-sentence only where the engine dropped the line's
        // closing mark (`…接待了莫雷诺市长一行` / blank /
        // `探索新路子的务实态度` / blank / `全年营收650万美元`).
        return if line.width >= col - CUTS.short_first {
            full_line_runs_on(lines, facts, i, (col, unmarked), (first, gaps))
        } else if words && crate::lexicon::word_across(&line.glyphs, &next.glyphs).is_some() {
            // A heading never ends inside a word (`…筹备座谈` / `会召开`).
            Evidence::WordReadsOn
        } else if first && (facts[i].opens.is_some() || !heading_line(line, next)) {
            Evidence::ShortFirstLine
        } else {
            Evidence::ShortMidPhrase
        };
    }
    let cut = if first {
        col - CUTS.short_first
    } else {
        col - CUTS.short
    };
    // A title right after a sentence end, itself followed by what follows
    // titles, is a headline printed after (or before) running text; so is
    // one too wide for the column's running text before a paragraph's
    // indented first line that does not end its sentence (the next
    // article's text, with no dateline).
    let title_next = (nf.title && title_follows(facts, i + 1))
        || nf.dash
        || (nf.title
            && crate::layout::wider_than_running_text(next, full_width((col, unmarked)))
            && opens_indented_after(lines, i + 1, (col, unmarked)));
    if line.width < cut {
        if line.width >= cut - NEAR_CELLS {
            Evidence::NearlyFullLine
        } else {
            Evidence::ShortLine
        }
    } else if opens_indented(next, (col, unmarked)) {
        before_indented(next)
    } else if title_next {
        Evidence::TitleNext
    } else {
        full_line_sentence_end(line, next)
    }
}

/// The width of a full line of running text: the wider of the column and
/// its full lines of ideographs alone (`unmarked`: on a page whose commas
/// were extracted as ASCII the column measures a cell narrower than such
/// a line).
fn full_width((col, unmarked): (f32, Option<f32>)) -> f32 {
    unmarked.map_or(col, |u| u.max(col))
}

/// Whether the line after line `i` opens a paragraph, indented, and does
/// not end with a terminal mark itself (a short last line of a paragraph
/// may measure as indented): what follows a title set over text.
fn opens_indented_after(lines: &[Line], i: usize, widths: (f32, Option<f32>)) -> bool {
    lines
        .get(i + 1)
        .is_some_and(|n| opens_indented(n, widths) && !n.ends_terminal())
}

/// Whether the page image shows `next` flush with its column after a full
/// line of running text (`glyph_size`, `body_size` and `indented` only come
/// from an OCR page's boxes): a paragraph's first line would be indented
/// two glyphs, so the gap the engine set between them is no paragraph's
/// end, even after a sentence end. The engine breaks its paragraphs where
/// a sentence ends at the column's edge (`…远处传来鸡鸣。` / gap / `乡亲们…`,
/// flush); on the typeset OCR pages 33 of 34 such gaps before a flush line
/// fell inside a paragraph. (Before an indented line the gap stands, even
/// after a colon, which at a paragraph's end is the engine's misread `。`.)
fn engine_gap_before_flush_line(line: &Line, next: &Line, col: f32) -> bool {
    line.glyph_size > 0.0
        && line.body_size
        && next.body_size
        && !next.indented
        && line.width >= col - CUTS.short
}

/// The end of a line at least a first line's width that stops
/// mid-phrase: it runs on (`mid_sentence`), unless it is the first line of
/// a block and fills the column, where a paragraph's first line would be
/// indented and it may be a title's (`full_first_line`), and ends where the
/// next line is indented: a paragraph opens there
/// (`full_first_line_before_indent`: `她一守就是27年` /
/// `已经不太适应当前市场的新要求` / `不走正规审批程序，私建又`, two cells in), or,
/// in an engine's plain text, a title block follows it (`title_block`, see
/// [`continues`]).
fn full_line_runs_on(
    lines: &[Line],
    facts: &[Facts],
    i: usize,
    (col, unmarked): (f32, Option<f32>),
    (first, gaps): (bool, Gaps),
) -> Evidence {
    let line = &lines[i];
    let title_block = gaps == Gaps::EngineParagraphs
        && facts.get(i + 1).is_some_and(|nf| nf.title)
        && is_title_block(lines, i + 1)
        && stack_goes_on(
            lines,
            i + 2,
            facts.get(i + 2),
            facts.get(i + 2).map(|f| &f.title),
        );
    if title_block {
        Evidence::TitleBlock
    } else if first && fills_unindented(line, (col, unmarked)) {
        // A title's line holds no sentence's end (`…感化。在不少人的` /
        // `印象里，…` runs on, its next line short by its marks' spacing);
        // and the line two cells short reads as running text, a comma or
        // an open bracket in it, not as a title's short last line
        // (`鹤壁市龙海通用机械制造厂未按规定` / `进行监测并保存原始监测记录案`).
        let titleish = !line.glyphs.iter().any(|&c| crate::chars::ends_sentence(c));
        let opens_paragraph = lines.get(i + 1).is_some_and(|next| {
            opens_indented(next, (col, unmarked))
                && (next.has_sentence_punct() || next.has_open_bracket())
        });
        if titleish && opens_paragraph {
            Evidence::FullFirstLineBeforeIndent
        } else {
            Evidence::FullFirstLine
        }
    } else {
        Evidence::MidSentence
    }
}

/// A sentence ends at the column's edge before a line that looks
/// indented: a paragraph opens, surely where that line runs on past its
/// end (only a first line is two cells short so), not where it ends a
/// sentence itself (it may be this paragraph's last line, short by
/// chance) or holds figures or Latin letters (its width an estimate).
fn before_indented(next: &Line) -> Evidence {
    if next.ends_terminal() {
        Evidence::NextIndentedEndsSentence
    } else if next.glyphs.iter().any(char::is_ascii_alphanumeric) {
        Evidence::NextIndentedWithFigures
    } else {
        Evidence::NextIndented
    }
}

/// A sentence that ends at the column's edge before a line that is not
/// indented runs on; measured apart where the next line is set otherwise
/// (letter-spaced after a line that is not, or the other way round), where
/// a paragraph starts more often.
fn full_line_sentence_end(line: &Line, next: &Line) -> Evidence {
    if line.justified == next.justified {
        Evidence::SentenceEndAtFullLine
    } else {
        Evidence::SentenceEndBeforeOtherSetting
    }
}

/// Whether a short line that stops mid-phrase reads as a heading, not as
/// a paragraph's first line running on: it has no marks and does not end
/// on a figure or a letter (`…定于6月3` / `日举行…` runs on), and the
/// next line opens with an ideograph (not `“科学与民主”` after `口号是`).
/// A kicker and the headline under it (`这一做法是值得推广的` /
/// `我旅德学者提出细胞协同作`) were joined as one paragraph before. (A
/// line that opens with a dateline runs on whatever it holds; nor where
/// the page image shows it at the running text's size: an engine drops
/// marks, `维修一般由商家负责` / `上门则由` lost its comma.)
fn heading_line(line: &Line, next: &Line) -> bool {
    !line.body_size
        && line.glyphs.iter().all(|c| c.is_alphanumeric())
        && line
            .glyphs
            .last()
            .is_some_and(|&c| crate::chars::is_ideograph(c))
        && next
            .glyphs
            .first()
            .is_some_and(|&c| crate::chars::is_ideograph(c))
}

/// Whether the page image shows line `i` set larger than running text
/// (neither at its size nor tall) right over a tall line, a headline: a
/// kicker, whatever its text ends with. The engine reads a kicker's
/// closing corner bracket as a full stop (`同心协力建家园『好』` read
/// `同心协力建家园"好。`), which the text rules take for a sentence's end.
/// Most of its glyphs are ideographs: a speck or rule over a headline
/// read as letters (`5 SN _`) is no kicker, nor is a row of a headline's
/// edge the engine was unsure of ([`Line::unread`]). On the OCR pages
/// (devpages-ocr, and the 40 typeset pages read from hOCR), 71 of the 72
/// lines set so over a tall line are titles of the gold by their text,
/// the other a misread row; their glyphs measure 0.94 to 1.35 times as
/// wide as running text's, as wide as running text's own (0.90–1.14,
/// 5th to 99th percentile), so their width is no cue.
fn over_a_headline(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    let ideographs = line
        .glyphs
        .iter()
        .filter(|&&c| crate::chars::is_ideograph(c))
        .count();
    // Only an OCR page's boxes measure glyphs.
    line.glyph_size > 0.0
        && !line.body_size
        && !line.tall
        && !line.unread
        && ideographs * 2 > line.glyphs.len()
        && lines.get(i + 1).is_some_and(|n| n.tall && !n.body_size)
}

/// Where the image shows the next line indented (`body_size` and
/// `indented` together only come from an OCR page's boxes), a line that
/// ends on a comma, on a word or on a mark that ends no sentence (a
/// closing quote, an engine's `'`) ends its paragraph: the comma is a
/// misread full stop, and otherwise the engine dropped or misread the full
/// stop (running text goes on at its column's edge: `…也进行了核试` at a
/// column's foot, the next column opening `  仅仅一冬一春…`).
fn ends_before_indent(line: &Line, next: &Line) -> Option<Evidence> {
    if !(next.indented && next.body_size && line.body_size) {
        return None;
    }
    match line.glyphs.last() {
        Some('，' | ',') => Some(Evidence::CommaBeforeIndent),
        // A figure or a letter at a line's end runs on (`达到3` / `1%`: the
        // engine dropped a decimal point, not a full stop).
        Some(&c)
            if !line.ends_terminal() && (crate::chars::is_cjk_text(c) || !c.is_alphanumeric()) =>
        {
            Some(Evidence::UnendedBeforeIndent)
        }
        _ => None,
    }
}

/// Whether line `i` is a block of its own in an engine's plain text (a
/// blank line before and after it, or the page's end) that could be a
/// title: four glyphs or more, not reading on from the line before, and
/// without a mark between phrases (the engine's ASCII comma is one).
fn is_title_block(lines: &[Line], i: usize) -> bool {
    lines.get(i).is_some_and(|l| {
        l.blank_before
            && l.glyphs.len() >= 4
            && !opens_mid_phrase(l)
            && !l.glyphs.iter().any(|c| ",.;:!?，。；：！？、".contains(*c))
            && lines.get(i + 1).is_none_or(|n| n.blank_before)
    })
}

/// Whether what stands at line `i` (its facts `f`, whether it is a title
/// `title`) carries on a stack of titles set as blocks of their own: a
/// dateline, another such title, or the page's end.
fn stack_goes_on(lines: &[Line], i: usize, f: Option<&Facts>, title: Option<&bool>) -> bool {
    f.is_none_or(|f| f.opens.is_some() || (title == Some(&true) && is_title_block(lines, i)))
}

/// A subheadline opening with a dash (`——记…`).
fn is_dash_title(line: &Line) -> bool {
    matches!(line.glyphs.first(), Some('—' | '-')) && is_titleish(line) && line.glyphs.len() >= 4
}

/// Whether a title line stands where titles stand: before another title, a
/// dateline, a byline, a caption or the end of the page.
fn title_follows(facts: &[Facts], i: usize) -> bool {
    facts
        .get(i + 1)
        .is_none_or(|next| next.special() || next.colon || next.title)
}

/// Groups lines into units; also gives, for every line, the rule that
/// decided whether the next line joins it. `column` is what the page's
/// lines say of its column (its width, and those of a full line of
/// ideographs alone); `position` is the index of the first line in the
/// page's lines; `after` the facts of the line that follows them on the
/// page, when they are a chunk of it; `words` as in [`continues`].
pub(super) fn group_lines<'a>(
    lines: &'a [Line],
    column: &crate::layout::PageColumn,
    position: usize,
    after: Option<&Facts>,
    (gaps, words): (Gaps, bool),
) -> (Vec<Unit<'a>>, Vec<Evidence>) {
    let (col, plain, unmarked) = (column.width, column.plain, column.unmarked);
    let mut facts = facts(lines, (col, plain), position, after, gaps);
    facts.extend(after.copied());
    let mut units: Vec<Unit<'_>> = Vec::new();
    let mut ends = vec![Evidence::StandsAlone; lines.len()];
    let mut open = false;
    let mut decide = |i: usize, first: bool| {
        let e = continues(lines, &facts, i, (col, unmarked), (first, gaps, words));
        ends[i] = e;
        ends_join(e)
    };
    for (i, line) in lines.iter().enumerate() {
        let f = &facts[i];
        if let Some(kind) = f.single {
            units.push(Unit {
                kind,
                start: i,
                lines: std::slice::from_ref(line),
                from_body: false,
            });
            open = false;
            continue;
        }
        if let Some(continuation) = f.opens {
            units.push(Unit {
                kind: UnitKind::Body {
                    starts: true,
                    continuation,
                },
                start: i,
                lines: std::slice::from_ref(line),
                from_body: false,
            });
            open = decide(i, true);
            continue;
        }
        if open && let Some(unit) = units.last_mut() {
            unit.lines = &lines[unit.start..=i];
            open = decide(i, false);
            continue;
        }
        // A title-like line that looks indented is still a title when the
        // next line opens a paragraph itself: a one-line paragraph without
        // a sentence end is a heading. Not a next line with figures or
        // Latin: they are set wider than they measure, and such a line
        // two cells short may be a full one (`都经过检测。每辆车可载客80人`).
        let next_opens = lines.get(i + 1).is_some_and(|n| {
            (n.width - (col - CUTS.indent)).abs() <= CUTS.slack
                && !n.ends_terminal()
                && !n.glyphs.iter().any(char::is_ascii_alphanumeric)
        });
        if f.dash
            || f.title
                && (title_follows(&facts, i)
                    || !looks_indented(line, col)
                    || next_opens
                    || f.odd_width)
        {
            units.push(Unit {
                kind: UnitKind::Title,
                start: i,
                lines: std::slice::from_ref(line),
                from_body: false,
            });
            open = false;
            continue;
        }
        if f.colon {
            units.push(Unit {
                kind: UnitKind::Subhead,
                start: i,
                lines: std::slice::from_ref(line),
                from_body: false,
            });
            open = false;
            continue;
        }
        units.push(Unit {
            kind: UnitKind::Body {
                starts: false,
                continuation: false,
            },
            start: i,
            lines: std::slice::from_ref(line),
            from_body: false,
        });
        open = decide(i, true);
    }
    let mut units = descriptions_over_credits(lines, units, &mut ends);
    retake_short_paragraphs(&mut units, gaps);
    if gaps == Gaps::EngineParagraphs {
        units = titles_glued_to_text(lines, &units, col);
        units = first_lines_set_apart(lines, units);
    }
    (units, ends)
}

/// A photo's credit set on a line of its own, or after the last glyph or
/// two of the description (`本报记者 某某 摄`; `场   本报记者 某某 摄`),
/// under a line alone (a title's, or running text's) that holds its
/// description ([`description_over_credit`]): the two are one caption, the
/// line end between them recorded. So are the two lines of a credit that
/// runs over a line end (`…本报记者王` / `凤侠摄`,
/// [`crate::layout::credit_runs_over`]), with the lines of its description
/// above where the image shows them set small as the line is.
fn descriptions_over_credits<'a>(
    lines: &'a [Line],
    units: Vec<Unit<'a>>,
    ends: &mut [Evidence],
) -> Vec<Unit<'a>> {
    let mut out: Vec<Unit<'a>> = Vec::with_capacity(units.len());
    for mut unit in units {
        // The credit's two lines read on as one paragraph already.
        if let (UnitKind::Body { starts: false, .. }, [.., line, credit]) = (unit.kind, unit.lines)
            && caption_sized(&unit.lines[..unit.lines.len() - 1])
            && crate::layout::credit_runs_over(line, credit)
        {
            unit.kind = UnitKind::Caption;
            ends[unit.start + unit.lines.len() - 2] = Evidence::CreditRunsOver;
        }
        let runs_over = out.last().is_some_and(|prev| {
            matches!((prev.lines.last(), unit.lines), (Some(line), [credit])
                if matches!(
                    unit.kind,
                    UnitKind::Title | UnitKind::Body { .. } | UnitKind::Caption
                )
                    && matches!(
                        prev.kind,
                        UnitKind::Title
                            | UnitKind::Body { .. }
                            | UnitKind::Caption
                            | UnitKind::Byline
                    )
                    && prev.start + prev.lines.len() == unit.start
                    && caption_sized(prev.lines)
                    && crate::layout::credit_runs_over(line, credit))
        });
        if runs_over && let Some(prev) = out.pop() {
            ends[unit.start - 1] = Evidence::CreditRunsOver;
            unit = caption_of(lines, prev.start, &unit);
        }
        if out.last().is_some_and(|prev| describes_credit(prev, &unit))
            && let Some(prev) = out.pop()
        {
            ends[prev.start] = Evidence::DescriptionOverCredit;
            unit = caption_of(lines, prev.start, &unit);
        }
        out.push(unit);
    }
    out
}

/// One caption of `lines` from `start` to the end of `unit`.
fn caption_of<'a>(lines: &'a [Line], start: usize, unit: &Unit<'a>) -> Unit<'a> {
    Unit {
        kind: UnitKind::Caption,
        start,
        lines: &lines[start..unit.start + unit.lines.len()],
        from_body: false,
    }
}

/// Whether `prev`, one line of a title's or running text's right over
/// caption `unit`, holds its description: over a credit with at most two
/// glyphs of the description before it ([`description_over_credit`]), or
/// over a credit that runs over a line end from a line holding nothing
/// but its start (`本报记` / `者 某某 摄`).
fn describes_credit(prev: &Unit<'_>, unit: &Unit<'_>) -> bool {
    let ([line], [credit, ..]) = (prev.lines, unit.lines) else {
        return false;
    };
    unit.kind == UnitKind::Caption
        && (prev.kind == UnitKind::Title || prev.is_plain_body())
        && prev.start + 1 == unit.start
        && match unit.lines {
            [_] => description_over_credit(line, credit),
            [_, rest] => {
                credit.glyphs.len() <= CREDIT_START_ALONE
                    && crate::layout::credit_runs_over(credit, rest)
                    && describes(line)
            }
            _ => false,
        }
}

/// Whether the lines above a credit's tail may all be its caption's: one
/// line, or lines the image shows set small.
fn caption_sized(lines: &[Line]) -> bool {
    lines.len() == 1 || lines.iter().all(|l| l.small)
}

/// Whether `line` holds the description of the photo whose credit
/// `credit` holds, wrapped onto it (at most two glyphs of the description
/// before the credit; [`describes`]).
fn description_over_credit(line: &Line, credit: &Line) -> bool {
    crate::layout::description_before_credit(credit).is_some_and(|n| n <= 2) && describes(line)
}

/// Whether `line` may hold a photo's description, right over its credit:
/// at least four glyphs, ending no sentence, holding no running text's
/// marks, and naming no credit itself.
fn describes(line: &Line) -> bool {
    line.glyphs.len() >= 4
        && !line.ends_terminal()
        && !line.has_sentence_punct()
        && !is_caption(line)
}

/// A credit's first line holding at most this many glyphs holds nothing
/// but the start of its role, or the role and a name's first glyph.
const CREDIT_START_ALONE: usize = 5;

/// In an engine's plain text the engine sometimes sets a paragraph's
/// indented first line apart by a blank line, where it reads like a title
/// of its own (`汤姆的舅舅每天开着割草` / blank / `机在牧场上来回地修剪草坪`). Such a
/// line runs on into the running text after it where the next line opens
/// with a particle (`…第三小学教务处` / `的林晓峰…`) or a word reads across
/// the line end (`割草` / `机`: `割草机`), or where it ends on a function
/// word ([`crate::layout::ends_on_function_word`]: `…维修则由` / blank /
/// `厂家承担，…`): no title ends so. The same holds
/// where the next line, set apart too, was taken for a title, but has a
/// comma inside and a word reads into it (`…一座小屋孤` / `零零的，…`):
/// the two are running text.
fn first_lines_set_apart<'a>(lines: &'a [Line], units: Vec<Unit<'a>>) -> Vec<Unit<'a>> {
    let mut out: Vec<Unit<'a>> = Vec::with_capacity(units.len());
    let mut iter = units.into_iter().peekable();
    while let Some(unit) = iter.next() {
        let runs_on = |next: &Unit<'a>| {
            let ([line], Some(first)) = (unit.lines, next.lines.first()) else {
                return false;
            };
            // The next block taken for a title too, a line with a comma
            // inside that a word reads into (`离胡秀兰家不远的一座小屋孤` /
            // blank / `零零的，那是胡秀兰的婆婆家`): the paragraph's next line.
            let clause_title = next.kind == UnitKind::Title
                && next.lines.len() == 1
                && first.glyphs.iter().any(|&c| matches!(c, '，' | ','))
                && crate::lexicon::word_across(&line.glyphs, &first.glyphs).is_some();
            unit.kind == UnitKind::Title
                && (next.is_plain_body() || clause_title)
                && next.start == unit.start + 1
                && line.glyphs.iter().all(|c| c.is_alphanumeric())
                && line
                    .glyphs
                    .last()
                    .is_some_and(|&c| crate::chars::is_ideograph(c))
                && (opens_mid_phrase(first)
                    || crate::layout::ends_on_function_word(&line.glyphs)
                    || crate::lexicon::word_across(&line.glyphs, &first.glyphs).is_some())
        };
        match iter.peek() {
            Some(next) if runs_on(next) => {
                let end = next.start + next.lines.len();
                let mut merged = Unit {
                    lines: &lines[unit.start..end],
                    start: unit.start,
                    ..next.clone()
                };
                if merged.kind == UnitKind::Title {
                    merged.kind = UnitKind::Body {
                        starts: false,
                        continuation: false,
                    };
                    merged.from_body = false;
                }
                iter.next();
                out.push(merged);
            }
            _ => out.push(unit),
        }
    }
    out
}

/// In an engine's plain text (no boxes), a blank line closes each of its
/// paragraphs, and a title is a paragraph of its own: title-like lines
/// with no blank line between them and the running text after them are
/// that text's first lines when they fill the column (`我们借助一楼展厅里的沙盘模型` /
/// `和现场讲解才真正弄懂水厂的整个布` / `局。`), never a stack. A short one
/// stays a title: the engine does glue a headline onto its text
/// (`自己掏腰包不说` / `赶集的人很多，大家都说好`).
fn titles_glued_to_text<'a>(lines: &'a [Line], units: &[Unit<'a>], col: f32) -> Vec<Unit<'a>> {
    let mut out: Vec<Unit<'a>> = Vec::with_capacity(units.len());
    let mut k = 0;
    while k < units.len() {
        // A run of titles, each glued to the next unit.
        let mut j = k;
        while j < units.len()
            && units[j].kind == UnitKind::Title
            && units[j]
                .lines
                .iter()
                .all(|l| l.width >= col - CUTS.short_first)
            && units
                .get(j + 1)
                .is_some_and(|n| n.lines.first().is_some_and(|l| !l.blank_before))
        {
            j += 1;
        }
        if j > k && units[j].is_plain_body() {
            let (start, end) = (units[k].start, units[j].start + units[j].lines.len());
            out.push(Unit {
                lines: &lines[start..end],
                start,
                ..units[j]
            });
            k = j + 1;
            continue;
        }
        out.push(units[k].clone());
        k += 1;
    }
    out
}

/// A short paragraph without any sentence punctuation is a title set in the
/// body column (`鹤壁市龙海通用机械制造厂未按规定进行监测并保存原始监测记录案`);
/// so is one that ends without a sentence end and holds no full stop
/// (`只要拧成一股绳，就没有蹚不过去的险滩`): a paragraph ends a sentence.
/// On a page with an image, so is a unit set larger than running text in
/// a run of such units right before a dateline, whatever marks it holds.
fn retake_short_paragraphs(units: &mut [Unit<'_>], gaps: Gaps) {
    let engine = gaps == Gaps::EngineParagraphs;
    for k in 0..units.len() {
        let unit = &units[k];
        // In an engine's plain text a short paragraph is often a piece of
        // running text cut off at a column's foot; one with a comma inside
        // reads on as text, and so does one that ends on a comma (the
        // engine's misread full stop: `如今的青石镇已有了可喜的变化，`),
        // where no title ends.
        let clause_inside = engine
            && unit
                .lines
                .iter()
                .flat_map(|l| &l.glyphs)
                .rev()
                .skip(1)
                .any(|&c| matches!(c, '，' | ','));
        let ends_on_comma = engine
            && unit
                .lines
                .last()
                .is_some_and(|l| matches!(l.glyphs.last(), Some('，' | ',')));
        // Except the first part of a headline broken at its comma
        // (`只要拧成一股绳，` / `就没有蹚不过去的险滩` / … / `本报讯…`): a
        // one-line block of its own (after a gap, or the page's first)
        // before titles that run on to a dateline.
        let kicker = ends_on_comma
            && !clause_inside
            && matches!(unit.lines, [line] if line.blank_before || k == 0)
            && heads_dated_stack(&units[k + 1..]);
        // Nor a headline with a comma inside, over two lines
        // (`面向退休老人，志愿服务闯出新` / `天地`): a block of its own after a
        // gap that ends on an ideograph, no mark at all, right before a
        // one-line title and a dateline (devpages-ocr 010).
        let comma_headline = clause_inside
            && !ends_on_comma
            && unit.lines.first().is_some_and(|l| l.blank_before || k == 0)
            && unit
                .lines
                .last()
                .and_then(|l| l.glyphs.last())
                .is_some_and(|&c| crate::chars::is_ideograph(c))
            && units.get(k + 1).is_some_and(|n| n.lines.len() == 1)
            && heads_dated_stack(&units[k + 1..]);
        if (clause_inside || ends_on_comma) && !kicker && !comma_headline {
            continue;
        }
        // Units the page image shows set larger than running text, right
        // before a dateline, are a headline stack, whatever marks the
        // engine misread in them (devpages-ocr 006: `书法` read as
        // `We村文醇并。`).
        let in_stack = runs_on_to_dateline(&units[k..], set_larger);
        let unit = &mut units[k];
        if unit.kind
            == (UnitKind::Body {
                starts: false,
                continuation: false,
            })
            && unit.lines.len() <= 2
            && !unit.lines.iter().any(|l| l.body_size)
            // No headline opens `图为` (`图为…致开` / `幕词`, the full stop
            // an engine dropped).
            && !unit.lines.first().is_some_and(opens_tu_wei)
            && (in_stack
                || unit.lines.iter().all(is_titleish)
                || unit.lines.last().is_some_and(|l| {
                    !l.ends_terminal()
                        && !l.has_open_bracket()
                        && !matches!(l.glyphs.last(), Some('）' | ')'))
                        && !unit
                            .lines
                            .iter()
                            .any(|l| l.glyphs.iter().any(|&c| crate::chars::ends_sentence(c)))
                }))
        {
            unit.kind = UnitKind::Title;
            unit.from_body = true;
        }
    }
}

/// Whether the page image shows every line of `unit` set larger than
/// running text.
fn set_larger(unit: &Unit<'_>) -> bool {
    unit.lines
        .iter()
        .all(|l| l.glyph_size > 0.0 && !l.body_size)
}

/// Whether `units` open with titles that run on to a dateline (a body
/// unit that opens an article).
fn heads_dated_stack(units: &[Unit<'_>]) -> bool {
    runs_on_to_dateline(units, |u| u.kind == UnitKind::Title)
}

/// Whether `units` open with units that are `head`s, at least one, that
/// run on to a dateline (a body unit that opens an article).
fn runs_on_to_dateline(units: &[Unit<'_>], head: impl Fn(&Unit<'_>) -> bool) -> bool {
    let heads = units.iter().take_while(|u| head(u)).count();
    heads > 0
        && units
            .get(heads)
            .is_some_and(|u| matches!(u.kind, UnitKind::Body { starts: true, .. }))
}

/// Whether a title unit reads as a heading inside an article: it ends with a
/// colon, starts with an enumerator (`一、`, `（一）`, `1.`), or is set as
/// an indented paragraph of the body column.
pub(super) fn subhead_like(unit: &Unit<'_>, col: f32) -> bool {
    let g: Vec<char> = unit
        .lines
        .iter()
        .flat_map(|l| l.glyphs.iter().copied())
        .collect();
    opens_with_enumerator(&g)
        || g.last() == Some(&'：')
        || (unit.lines.len() == 2
            && looks_indented(&unit.lines[0], col)
            && !unit.lines[1].justified)
}

/// Whether glyphs open with an enumerator (`一、`, `（一）`, `1.`): a
/// numbered heading's, or a list item's.
fn opens_with_enumerator(g: &[char]) -> bool {
    g.len() >= 3
        && (("一二三四五六七八九十".contains(g[0]) && matches!(g[1], '、' | '是'))
            || (g[0] == '（' && "一二三四五六七八九十".contains(g[1]) && g[2] == '）')
            || (g[0].is_ascii_digit() && matches!(g[1], '.' | '．' | '、')))
}

/// Whether a title line is a section banner: letter-spaced, short, all
/// ideographs (`街 道 社 区 谈`).
pub(super) fn banner_like(unit: &Unit<'_>) -> bool {
    unit.lines.len() == 1
        && unit.lines[0].justified
        && (2..=6).contains(&unit.lines[0].glyphs.len())
        && unit.lines[0]
            .glyphs
            .iter()
            .all(|&c| crate::chars::is_ideograph(c))
}

#[cfg(test)]
mod tests {
    use super::{Gaps, UnitKind, facts, group_lines};
    use crate::decode::{Encoding, LineEnding};
    use crate::layout::{ColumnTally, Line, PageColumn};
    use crate::page::RawText;

    /// Running text in a 16-cell column, as an extractor that writes no
    /// letter spacing gives it: four full lines, the last ending its
    /// paragraph.
    const BODY: [&str; 4] = [
        "今年以来全市各级各部门认真落实各",
        "项工作部署，取得了明显成效，群众",
        "满意度不断提高，社会各界普遍好评",
        "各项指标稳步提升，发展势头良好。",
    ];

    /// The lines of a page of [`BODY`] then `rest`, a blank line after
    /// each (as the devpages' extractors write them), and its column.
    fn page(rest: &[&str]) -> (Vec<Line>, PageColumn) {
        let text = BODY
            .iter()
            .chain(rest)
            .copied()
            .collect::<Vec<_>>()
            .join("\n\n");
        let raw = RawText::new("t.txt", &text, Encoding::Utf8, LineEnding::Lf);
        let (lines, _) = crate::segment::text_lines(&raw);
        let column = ColumnTally::of(&lines).measure(false);
        (lines, column)
    }

    /// Asserts that the three lines of `rest`, after [`BODY`], are read as
    /// one paragraph of running text.
    fn assert_one_paragraph(rest: &[&str; 3]) {
        let (lines, column) = page(rest);
        let (units, _) = group_lines(&lines, &column, 0, None, (Gaps::Layout, true));
        let first = units.iter().find(|u| u.start == BODY.len());
        assert!(
            first.is_some_and(|u| matches!(u.kind, UnitKind::Body { .. }) && u.lines.len() == 3),
            "{:?}",
            units
                .iter()
                .map(|u| (u.start, u.kind, u.lines.len()))
                .collect::<Vec<_>>()
        );
    }

    /// Whether each line of `rest` may be a title.
    fn titles(rest: &[&str]) -> Vec<bool> {
        let (lines, column) = page(rest);
        assert!((column.width - 16.0).abs() < 0.5, "{}", column.width);
        facts(&lines, (column.width, column.plain), 0, None, Gaps::Layout)[BODY.len()..]
            .iter()
            .map(|f| f.title)
            .collect()
    }

    #[test]
    fn a_first_line_before_a_line_full_with_its_figures_is_running_text() {
        // Without letter spacing, a paragraph's first line (two cells
        // short) and its next line (full as set: its figures stand apart
        // from the ideographs) hold no punctuation, as titles do; the line
        // after them ends the sentence they began.
        let rest = [
            "新建的智慧物流园区已经接入了",
            "全市2400多家中小企业的运输数据",
            "和仓储信息。",
        ];
        assert_eq!(titles(&rest)[..2], [false, false]);
    }

    #[test]
    fn a_line_a_cell_short_before_a_glyph_carried_down_with_its_mark_is_full() {
        // `与` stays with `库》。`, which may not open a line: the line
        // before it is one cell short of the column, and full as set.
        let rest = [
            "新建的智慧物流园区已经接入了",
            "全市各区县中小企业的运输数据与",
            "库》。",
        ];
        assert_eq!(titles(&rest)[..2], [false, false]);
    }

    #[test]
    fn a_first_line_before_a_line_that_opens_mid_phrase_is_running_text() {
        // `的…` goes on from the line before, though neither holds a mark.
        let rest = [
            "会上最受关注的是新建成的城市",
            "的智慧交通指挥中心和数据平台",
            "建设情况。",
        ];
        assert_eq!(titles(&rest)[..2], [false, false]);
    }

    #[test]
    fn a_line_ending_on_a_figure_whose_unit_opens_the_next_line_is_running_text() {
        // `…11月2` / `日…`: the date goes on across the line end into
        // running text (its sentence ends there), as no title does.
        let rest = ["物流博览会定于11月2", "日在市会展中心开幕。"];
        assert_eq!(titles(&rest)[..1], [false]);
        let rest = ["全年共筹集善款2．4万", "元用于改善村里的道路。"];
        assert_eq!(titles(&rest)[..1], [false]);
        // Printed in traditional characters, the same (`萬` / `歲`).
        let rest = ["全年共籌集善款2．4萬", "元用於改善村裏的道路。"];
        assert_eq!(titles(&rest)[..1], [false]);
        let rest = ["物流博覽會定於11月2", "號在市會展中心開幕。"];
        assert_eq!(titles(&rest)[..1], [false]);
    }

    #[test]
    fn a_headline_over_two_lines_before_a_dateline_stays_a_title() {
        // The first line is as wide as an indented first line, but no
        // full line follows it: a headline and its second line.
        let rest = [
            "市物流协会召开年度工作总结会议",
            "部署明年重点工作",
            "本报讯（记者王林）昨天，市物流协",
            "会召开年度工作会议。",
        ];
        assert_eq!(titles(&rest)[..2], [true, true]);
    }

    #[test]
    fn a_first_line_ending_with_a_colon_before_a_full_line_is_running_text() {
        // `…透露：` as wide as an indented first line, then a full line that
        // does not end its sentence: what was said goes on in the
        // paragraph, under no heading.
        let rest = [
            "据市文化局的有关负责人透露：",
            "新建的城市图书馆预计将在明年正式",
            "开放，届时可以接待更多的读者。",
        ];
        assert_one_paragraph(&rest);
        // A heading stays one: short, even before a full line that goes on
        // (`案情简介：`), and at a first line's width before an indented
        // paragraph.
        let colon = |rest: &[&str]| {
            let (lines, column) = page(rest);
            facts(&lines, (column.width, column.plain), 0, None, Gaps::Layout)[BODY.len()].colon
        };
        assert!(colon(&[
            "案情简介：",
            "新建的城市图书馆预计将在明年正式",
            "开放，届时可以接待更多的读者。",
        ]));
        assert!(colon(&[
            "据市文化局的有关负责人透露：",
            "新建的城市图书馆将在明年正",
            "式开放，届时可以接待更多的读者。",
        ]));
    }

    #[test]
    fn a_full_line_on_a_page_of_ascii_commas_is_no_title_too_wide() {
        // Commas extracted as ASCII make the column measure a cell narrower
        // than a full line of ideographs alone (`unmarked`): such a line,
        // after a sentence's end and before a line that measures as
        // indented, is running text, not a headline too wide for the
        // column.
        let text = [
            "今年以来,全市各级部门认真落实,",
            "各项工作部署,取得了明显成效,群",
            "众满意度不断提高并且社会各界普遍",
            "给予好评认为各项指标稳步提升发展",
            "态势良好,城乡面貌日新月异,人民",
            "生活水平持续提高,社会和谐稳定。",
            "市图书馆新馆昨天正式对外开放馆内",
            "书刊,音像,电子,古籍,地方文献",
            "等各类藏书共有三十多万册。",
        ]
        .join("\n\n");
        let raw = RawText::new("t.txt", &text, Encoding::Utf8, LineEnding::Lf);
        let (lines, _) = crate::segment::text_lines(&raw);
        let column = ColumnTally::of(&lines).measure(false);
        assert!(
            column.unmarked.is_some_and(|u| u > column.width),
            "{column:?}"
        );
        let (units, _) = group_lines(&lines, &column, 0, None, (Gaps::Layout, true));
        assert_eq!(
            units.len(),
            1,
            "{:?}",
            units
                .iter()
                .map(|u| (u.start, u.kind, u.lines.len()))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_line_with_figures_two_cells_short_opens_no_paragraph() {
        // `都经过检测。每辆车可载客80人` measures two cells short, as an
        // indented first line does, but its figures are set wider than
        // they measure: it is a full line, and the line before it, as
        // wide as an indented first line, opens the paragraph, not a
        // one-line heading.
        let rest = [
            "这批新型电动公交车的电池和电",
            "都经过检测。每辆车可载客80人",
            "次，每天运行十二个小时。",
        ];
        assert_one_paragraph(&rest);
    }
}
