//! The normalizer proper: a block's corrected text from its raw lines.
//!
//! It removes the spaces that justification and extraction inserted and
//! keeps, as one space, those that are part of the text.
//!
//! It only ever removes whitespace, turns a run of whitespace into one
//! space, or repairs a mark an OCR engine misread ([`crate::punct`]): every
//! non-whitespace character of the raw lines appears in the output, in
//! order (a repaired mark in place of the raw one), and every output space
//! stands for raw whitespace.

use std::borrow::Cow;

use crate::chars::{is_ascii_word, is_cjk_punct, is_latin};
use crate::decision::Flip;
use crate::doubt::{Choice, Decision, Evidence, Kind, Record};
use crate::layout::{Line, credit_role_at, dateline};
use crate::page::Role;
use crate::picture::{QuotePlace, Unread, UnreadMarks};
use crate::punct::Mark;

/// The whitespace between two consecutive glyphs of a block.
#[derive(Clone, Copy, Debug)]
struct Gap {
    /// Number of whitespace characters.
    ws: usize,
    /// Whether the gap crosses a line end.
    newline: bool,
    /// Whether the gap lies inside a justified (letter-spaced) line.
    justified: bool,
    /// The line's letter spacing ([`Line::spacing`]).
    spacing: usize,
}

impl Gap {
    /// Whether the whitespace is part of the text rather than layout (see
    /// [`is_text_space`]).
    fn is_real(self) -> bool {
        !self.newline && is_text_space(self.ws, self.justified, self.spacing)
    }
}

/// Whether `ws` whitespace characters between two glyphs of one line are
/// part of the text rather than of its layout: any space in a line set
/// without letter spacing, two or more in a letter-spaced (`justified`)
/// line, and in a line spaced throughout only a gap wider than its
/// letter spacing (`spacing`, [`Line::spacing`]).
pub(crate) fn is_text_space(ws: usize, justified: bool, spacing: usize) -> bool {
    (if justified { ws >= 2 } else { ws >= 1 }) && ws > spacing
}

/// Why a space is kept; recorded so that the rules can be tested one by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeepRule {
    /// Between two Latin words or numbers.
    LatinWords,
    /// Between a credit's role and a name, or between two names.
    Credit,
    /// A real space in a title, caption, byline or banner.
    TitlePhrase,
    /// The space after a dateline (`据河南日报消息 11月19日`).
    AfterDateline,
}

impl KeepRule {
    /// The evidence a kept space records.
    #[must_use]
    pub fn evidence(self) -> Evidence {
        match self {
            Self::LatinWords => Evidence::LatinWords,
            Self::Credit => Evidence::Credit,
            Self::TitlePhrase => Evidence::TitlePhrase,
            Self::AfterDateline => Evidence::AfterDateline,
        }
    }
}

/// The text of a block built from its lines, and which rule kept each space.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BuiltText {
    /// The corrected text.
    pub text: String,
    /// The rule behind each kept space, in order.
    pub kept: Vec<KeepRule>,
    /// The space decisions recorded (see [`Record`]).
    pub spaces: Vec<Decision>,
    /// Space decisions made: whitespace runs inside a line.
    pub spaces_decided: usize,
    /// The punctuation repairs recorded (see [`Record`]).
    pub marks: Vec<Decision>,
    /// Punctuation decisions made: marks repaired.
    pub marks_decided: usize,
}

/// Who read a page's marks.
#[derive(Clone, Copy, Debug)]
pub(crate) enum ReadBy<'a> {
    /// An extractor: the printed marks, at most set half width.
    Extractor,
    /// An OCR engine, which misreads marks, even full-width ones (a
    /// paragraph's last `，` is its `。`). `stops_boxed`: the raw offsets,
    /// in order, of the commas its boxes show to be full stops
    /// ([`crate::ocr::Geometry::stops_read_as_commas`]); `stops_inked`,
    /// those whose ink on the page picture is a full stop's ring
    /// ([`crate::ocr::Geometry::stops_inked`]), `None` when no picture was
    /// read; `unread`, the marks the picture shows after a line's last
    /// glyph that the engine did not read.
    Engine {
        stops_boxed: &'a [usize],
        stops_inked: Option<&'a [usize]>,
        unread: &'a UnreadMarks,
    },
}

/// The mark the page picture shows after the glyph at raw offset `at`
/// that the engine did not read, the other mark it may be (none, for a
/// ring or a comma), and its rule.
fn unread_after(marks: &UnreadMarks, at: usize) -> Option<(Mark, Mark, Evidence)> {
    match marks.after(at)? {
        Unread::FullStop => Some((Mark::FullStop, Mark::AsRead, Evidence::StopUnread)),
        Unread::Dot => Some((Mark::FullStop, Mark::Enumeration, Evidence::DotUnread)),
        Unread::Comma => Some((Mark::Comma, Mark::AsRead, Evidence::CommaUnread)),
        Unread::Enumeration => Some((Mark::Enumeration, Mark::AsRead, Evidence::EnumerationUnread)),
        Unread::Colon => Some((Mark::Colon, Mark::Semicolon, Evidence::StackedUnread)),
        Unread::Semicolon => Some((Mark::Semicolon, Mark::Colon, Evidence::StackedUnread)),
    }
}

impl ReadBy<'_> {
    fn ocr(self) -> bool {
        matches!(self, Self::Engine { .. })
    }

    /// How the marks of a block with `role` are read: a page header holds
    /// no sentences, so its marks are the printed ones (`责任编辑:` is
    /// `责任编辑：`, never a full stop), on an engine's page too.
    fn marks_of(self, role: Role) -> Self {
        if role == Role::PageHeader {
            Self::Extractor
        } else {
            self
        }
    }
}

/// Builds the corrected text of a block with `role` from its `lines`,
/// recording the space decisions that `record` asks for, its marks read
/// `by` an extractor or an engine.
#[must_use]
pub(crate) fn block_text_read(
    raw: &[char],
    lines: &[Line],
    role: Role,
    record: Record,
    by: ReadBy<'_>,
) -> BuiltText {
    let glyphs = joined(lines, |l| &l.glyphs);
    let gaps = gaps_of(raw, lines);
    let mut forced = vec![false; gaps.len()];
    let (credit_zone, dateline_end) = zones(&glyphs, role, &mut forced);
    if let Some((s, e)) = credit_zone {
        mark_credit(&glyphs, &gaps, s, e.min(glyphs.len()), &mut forced);
    }
    let keeps_title_spaces = !matches!(role, Role::Body | Role::Source);
    let mut text = String::with_capacity(glyphs.len() * 3);
    let mut kept = Vec::new();
    let mut spaces = Vec::new();
    let mut spaces_decided = 0;
    // The raw offset of each glyph.
    let offsets = joined(lines, |l| &l.offsets);
    let (mut marks, mut marks_decided, marks_by) = (Vec::new(), 0, by.marks_of(role));
    for (i, &c) in glyphs.iter().enumerate() {
        // The glyph, or the mark it was misread for; then a mark the
        // engine did not read after it.
        let at = offsets.get(i).copied();
        let repaired = repaired_mark(&glyphs, i, &gaps, at, record, marks_by);
        let unread = unread_marks(&glyphs, i, at, record, marks_by);
        text.push(repaired.map_or(c, |(mark, _)| mark));
        text.extend(unread.iter().flatten().map(|(mark, _)| *mark));
        for (_, decision) in std::iter::once(repaired).chain(unread).flatten() {
            marks_decided += 1;
            marks.extend(decision);
        }
        let Some(&gap) = gaps.get(i) else { break };
        if gap.ws == 0 {
            continue;
        }
        let a_written = repaired.map_or(c, |(mark, _)| mark);
        let (a, b) = judged_pair(&glyphs, (i, a_written), &gaps, (by, marks_by));
        // Fast path: in running text (no title spaces, no credit, no
        // dateline) a space between two non-ASCII glyphs is never kept.
        let plain = !keeps_title_spaces
            && credit_zone.is_none()
            && dateline_end.is_none()
            && !a.is_ascii()
            && !b.is_ascii();
        let in_credit = credit_zone.is_some_and(|(s, e)| i >= s && i + 1 < e);
        let rule = if plain || bullet_gap(role, i, a) {
            None
        } else if forced[i] {
            Some(KeepRule::Credit)
        } else if is_cjk_punct(a) || is_cjk_punct(b) {
            // Between two phrases of a title a real space may follow a
            // closing mark or precede an opening one (`根据《宪章》 一是…`);
            // an ellipsis closes a phrase too (`…七八百斤粮…… 乡村书屋…`).
            let phrase_edge = (matches!(a, '》' | '”' | '）' | '」' | '』' | '！' | '？' | '…')
                && !is_cjk_punct(b))
                || (matches!(b, '《' | '“' | '（' | '「' | '『') && !is_cjk_punct(a));
            (keeps_title_spaces && role != Role::Byline && phrase_edge && gap.is_real())
                .then_some(KeepRule::TitlePhrase)
        } else if is_ascii_word(a)
            && is_ascii_word(b)
            && (gap.is_real() || gap.ws >= 2 && a.is_ascii_alphabetic())
        {
            Some(KeepRule::LatinWords)
        } else if dateline_end == Some(i + 1) && !gap.newline {
            // A dateline is set apart from its text by a space; in a
            // letter-spaced line that space is one of the line's.
            Some(KeepRule::AfterDateline)
        } else if is_latin(a) || is_latin(b) {
            // Next to digits and Latin, extraction adds single spaces; a wider
            // gap in a title, or the gap before a year in a page header, is text.
            let year_follows = b.is_ascii_digit()
                && glyphs[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count()
                    == 4;
            let wide = gap.is_real() && gap.ws >= 2 && !gap.justified;
            let header_field = role == Role::PageHeader && gap.is_real() && year_follows;
            (keeps_title_spaces && (wide || header_field)).then_some(KeepRule::TitlePhrase)
        } else if in_credit && gap.is_real() {
            Some(KeepRule::Credit)
        } else if keeps_title_spaces && gap.is_real() {
            Some(KeepRule::TitlePhrase)
        } else {
            None
        };
        if let Some(rule) = rule {
            text.push(' ');
            kept.push(rule);
        }
        if gap.newline {
            // A line end: the segmenter records it.
            continue;
        }
        spaces_decided += 1;
        if let Some(d) = recorded_space(
            record,
            (rule, role.is_title()),
            (a, b),
            gap,
            (offsets.get(i), offsets.get(i + 1)),
        ) {
            spaces.push(d);
        }
    }
    BuiltText {
        text,
        kept,
        spaces,
        spaces_decided,
        marks,
        marks_decided,
    }
}

/// The glyphs on each side of the gap after glyph `i` (written
/// `a_written`), as the space between them is judged: on an extractor's
/// page a half-width mark as the full-width mark it stands for; on an
/// engine's page (`marks_by`, the block's marks read by the engine) each
/// glyph as the proposal writes it, a misread mark as its repair (the
/// engine's space after `(记者 王小林)` is the blank half of the `）` it
/// stands for) and a dash's thirds read as `一` as the dash.
fn judged_pair(
    glyphs: &[char],
    (i, a_written): (usize, char),
    gaps: &[Gap],
    (by, marks_by): (ReadBy<'_>, ReadBy<'_>),
) -> (char, char) {
    let (a, b) = (glyphs[i], glyphs[i + 1]);
    if marks_by.ocr() {
        let b_written = repaired_mark(glyphs, i + 1, gaps, None, Record::Doubts, marks_by)
            .map_or(b, |(mark, _)| mark);
        (a_written, b_written)
    } else if by.ocr() || !a.is_ascii() && !b.is_ascii() {
        (a, b)
    } else {
        (written(glyphs, i), written(glyphs, i + 1))
    }
}

/// One part of every line (its glyphs, their offsets), end to end. Most
/// blocks are one line: then its part is used as it is.
fn joined<'a, T: Clone>(lines: &'a [Line], part: impl Fn(&'a Line) -> &'a [T]) -> Cow<'a, [T]> {
    if let [line] = lines {
        Cow::Borrowed(part(line))
    } else {
        let mut all = Vec::with_capacity(lines.iter().map(|l| part(l).len()).sum());
        for l in lines {
            all.extend_from_slice(part(l));
        }
        Cow::Owned(all)
    }
}

/// A repair the rules propose for one raw mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repair {
    /// The mark written.
    pub chosen: Mark,
    /// The other reading.
    pub alternative: Mark,
    /// The rule.
    pub evidence: Evidence,
}

fn digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

/// A closing quote or bracket ([`crate::chars::is_closer`]), or what an
/// engine reads for one (`|`).
fn closes(c: Option<char>) -> bool {
    c.is_some_and(|c| crate::chars::is_closer(c) || c == '|')
}

fn cjk(c: Option<char>) -> bool {
    c.is_some_and(crate::chars::is_cjk_text)
}

/// The repair of raw mark `raw` between glyphs `prev` and `next` (the
/// glyphs around it in its block, whitespace left out), if it needs one.
#[must_use]
pub fn repair(raw: char, prev: Option<char>, next: Option<char>) -> Option<Repair> {
    let (p, n) = (cjk(prev), cjk(next));
    let r = |chosen, alternative, evidence| {
        Some(Repair {
            chosen,
            alternative,
            evidence,
        })
    };
    // What a paragraph's last sentence may end on before its mark: text,
    // a closing quote or bracket (`”。`), a figure (`100%。`, `74。`), or
    // what an engine reads for a closing mark (`|`, `` ` ``).
    let ends_sentence =
        p || closes(prev) || prev.is_some_and(|c| c.is_ascii_digit() || "\"'%`".contains(c));
    match raw {
        // A paragraph does not end on a comma: the engine read its `。`.
        ',' if ends_sentence && next.is_none() => {
            r(Mark::FullStop, Mark::Comma, Evidence::CommaEndsParagraph)
        }
        // The full-width comma's other reading is itself, as read.
        '，' if ends_sentence && next.is_none() => {
            r(Mark::FullStop, Mark::AsRead, Evidence::CommaEndsParagraph)
        }
        ',' if p || n => r(Mark::Comma, Mark::FullStop, Evidence::AsciiComma),
        // `：` read as its two dots, `;,` (`反问她;,“哈里森`).
        ';' if p && next == Some(',') => {
            r(Mark::Colon, Mark::Semicolon, Evidence::SemicolonBeforeComma)
        }
        ';' if p || n => r(Mark::Semicolon, Mark::AsRead, Evidence::AsciiSemicolon),
        '!' if p => r(Mark::Exclamation, Mark::AsRead, Evidence::AsciiSentenceMark),
        '?' if p => r(Mark::Question, Mark::AsRead, Evidence::AsciiSentenceMark),
        '(' | '〈' if n => r(Mark::OpenBracket, Mark::AsRead, Evidence::MisreadBracket),
        ')' | '〉' if p => r(Mark::CloseBracket, Mark::AsRead, Evidence::MisreadBracket),
        '`' if p && n => r(
            Mark::Enumeration,
            Mark::FullStop,
            Evidence::BacktickBetweenWords,
        ),
        // A backslash after a word, before another or the backtick an
        // engine reads for the rest of the mark (`工人\`农民`).
        '\\' if p && (n || next == Some('`')) => r(
            Mark::Enumeration,
            Mark::AsRead,
            Evidence::BacktickBetweenWords,
        ),
        // Between quoted items: `“勤俭持家”、“邻里和睦”`.
        '\'' if closes(prev) && next.is_some_and(|c| "“\"《".contains(c)) => r(
            Mark::Enumeration,
            Mark::FullStop,
            Evidence::ApostropheInList,
        ),
        '\'' if p || closes(prev) && !next.is_some_and(|c| "“\"《(（".contains(c)) => r(
            Mark::FullStop,
            Mark::Enumeration,
            Evidence::ApostropheAfterWord,
        ),
        // Between digits, marks are set full width on a Chinese page:
        // `98．5`, `61∶52`, `30％`, `2／3`.
        '%' if digit(prev) => r(Mark::Percent, Mark::AsRead, Evidence::DigitMark),
        '.' if digit(prev) && digit(next) => {
            r(Mark::DecimalPoint, Mark::AsRead, Evidence::DigitMark)
        }
        ':' if digit(prev) && digit(next) => r(Mark::Ratio, Mark::AsRead, Evidence::DigitMark),
        '/' if digit(prev) && digit(next) => r(Mark::Slash, Mark::AsRead, Evidence::DigitMark),
        // After a verb of saying or asking, a colon opens what is said.
        ':' if n && prev.is_some_and(|c| "说道问".contains(crate::chars::simplified(c))) => {
            r(Mark::Colon, Mark::FullStop, Evidence::ColonAfterSaying)
        }
        ':' if p && n => r(Mark::FullStop, Mark::Colon, Evidence::ColonBetweenWords),
        // A paragraph does not end on a colon either.
        ':' if p && next.is_none() => r(Mark::FullStop, Mark::Colon, Evidence::ColonEndsParagraph),
        ':' if p => r(Mark::Colon, Mark::FullStop, Evidence::ColonBeforeOther),
        _ => None,
    }
}

/// A full stop the engine misread as mark `c` at raw offset `at`, between
/// glyphs `prev` and `next`: a comma, apostrophe or colon whose ink on the
/// page picture is a full stop's ring (`stops_inked`), or a quote there
/// between two words (a `。` set in the middle of its cell; beside another
/// mark the ring is that mark's, `。”`), or, where no picture was read, a comma
/// inside a paragraph (not its last glyph: [`repair`] judges that one)
/// that the engine boxed as a full stop (`stops_boxed`). The picture,
/// where there is one, decides: on `devpages-ocr` the 4 commas boxed as a
/// dot whose ink is no ring are all `、` in the gold.
fn stop_misread(
    c: char,
    (prev, next): (Option<char>, Option<char>),
    at: Option<usize>,
    (stops_boxed, stops_inked): (&[usize], Option<&[usize]>),
) -> Option<Repair> {
    let among = |stops: &[usize]| at.is_some_and(|at| stops.binary_search(&at).is_ok());
    let word = |c: Option<char>| c.is_some_and(crate::chars::is_word_glyph);
    let quote_between_words = !matches!(c, '"' | '“' | '”') || word(prev) && word(next);
    let (evidence, alternative) = match (stops_inked, c) {
        (Some(inked), c)
            if crate::picture::READ_FOR_STOPS.contains(&c)
                && among(inked)
                && quote_between_words =>
        {
            let alternative = match c {
                '\'' | '`' => Mark::Enumeration,
                ':' => Mark::Colon,
                '：' | '“' | '”' => Mark::AsRead,
                // A straight quote read where the ring is: a closing
                // quote if no full stop.
                '"' => Mark::CloseQuote,
                _ => comma_as_comma(c),
            };
            (Evidence::StopInked, alternative)
        }
        (None, ',' | '，') if next.is_some() && among(stops_boxed) => {
            (Evidence::StopBoxedAsComma, comma_as_comma(c))
        }
        _ => return None,
    };
    Some(Repair {
        chosen: Mark::FullStop,
        alternative,
        evidence,
    })
}

/// Repair `r` of mark `c` where the page picture was read (`seen`) and
/// the mark's ink is no full stop's ring ([`stop_misread`] read the
/// rings): the picture, not the mark's shape and place alone, is the
/// evidence. An ASCII comma read as `，` says so (`AsciiCommaNoRing`); an
/// apostrophe, backtick or colon its place would read as `。` is the
/// other mark its rule offers instead, `、` or `：` (`NoRing`).
fn seen_on_picture(c: char, r: Repair, seen: bool) -> Repair {
    if !seen {
        return r;
    }
    if r.evidence == Evidence::AsciiComma {
        return Repair {
            evidence: Evidence::AsciiCommaNoRing,
            ..r
        };
    }
    let stop_without_ring = matches!(c, '\'' | '`' | ':')
        && r.evidence != Evidence::StopInked
        && r.chosen == Mark::FullStop
        && matches!(r.alternative, Mark::Enumeration | Mark::Colon);
    if stop_without_ring {
        Repair {
            chosen: r.alternative,
            alternative: Mark::FullStop,
            evidence: Evidence::NoRing,
        }
    } else {
        r
    }
}

/// The reading of comma `c` (`,` or `，`) as a comma, the other reading of
/// a repair that makes it another mark: `，` for `,`, itself for `，`.
fn comma_as_comma(c: char) -> Mark {
    if c == ',' { Mark::Comma } else { Mark::AsRead }
}

/// The full-width mark an extractor's half-width mark next to CJK text
/// stands for, the same shape (`,` `；`…): on a page that does not read
/// like an engine's, a half-width mark was set or normalised so (NFKC
/// turns `，：；！？（）` into ASCII), not misread, so none is read as
/// another mark (`:` is never `。` there).
fn half_width(raw: char, prev: Option<char>, next: Option<char>) -> Option<Repair> {
    let (p, n) = (cjk(prev), cjk(next));
    let chosen = match raw {
        ',' if p || n => Mark::Comma,
        ';' if p || n => Mark::Semicolon,
        ':' if p || n => Mark::Colon,
        '!' if p => Mark::Exclamation,
        '?' if p => Mark::Question,
        '(' if n => Mark::OpenBracket,
        ')' if p => Mark::CloseBracket,
        _ => return None,
    };
    Some(Repair {
        chosen,
        alternative: Mark::AsRead,
        evidence: Evidence::HalfWidthMark,
    })
}

/// The char written for glyph `k` of an extractor's text: its full-width
/// form where it is a half-width mark ([`half_width`]), else itself.
fn written(glyphs: &[char], k: usize) -> char {
    let c = glyphs[k];
    if crate::punct::readings(c).is_empty() {
        return c;
    }
    half_width(
        c,
        k.checked_sub(1).map(|p| glyphs[p]),
        glyphs.get(k + 1).copied(),
    )
    .map_or(c, |r| r.chosen.char_for(c))
}

/// Whether a glyph has a space before and after it on its line (an OCR
/// engine writes one where it saw a gap).
#[derive(Clone, Copy, Debug, Default)]
struct Beside {
    space_before: bool,
    space_after: bool,
}

impl Beside {
    /// Around glyph `i` of a block with `gaps` (the gap after each glyph).
    fn of(gaps: &[Gap], i: usize) -> Self {
        let spaced = |k: Option<usize>| {
            k.and_then(|k| gaps.get(k))
                .is_some_and(|g| g.ws > 0 && !g.newline)
        };
        Self {
            space_before: spaced(i.checked_sub(1)),
            space_after: spaced(Some(i)),
        }
    }
}

/// How far back or ahead, in glyphs, a mark's partner is looked for.
const PARTNER_REACH: usize = 40;

/// The repairs on an OCR page that read more than the glyphs beside the
/// mark: a quote or a bracket by its partner, a colon by the gap after it,
/// an asterisk by the gap before it. Measured on devpages-ocr.
fn repair_in_context(glyphs: &[char], i: usize, beside: Beside) -> Option<Repair> {
    let prev = i.checked_sub(1).map(|p| glyphs[p]);
    let next = glyphs.get(i + 1).copied();
    let r = |chosen, alternative, evidence| {
        Some(Repair {
            chosen,
            alternative,
            evidence,
        })
    };
    match glyphs[i] {
        // The dot between the parts of a foreign name, read `:` or `'`
        // (`维克多' 拉森`, `法里德: 纳西尔: 汗`); not an apostrophe
        // among other list marks (`俄罗斯'乌克兰'白俄罗斯`).
        c @ (':' | '\'')
            if name_parts_around(glyphs, i) && (c == ':' || !list_mark_near(glyphs, i)) =>
        {
            let alternative = if c == ':' {
                Mark::Colon
            } else {
                Mark::Enumeration
            };
            r(Mark::NameDot, alternative, Evidence::DotInName)
        }
        // `：` leaves a gap after it that the engine writes as a space;
        // a `。` it read as `:` mostly runs on into the next sentence.
        ':' if cjk(prev)
            && cjk(next)
            && beside.space_after
            && !beside.space_before
            && !prev.is_some_and(|c| "说道问".contains(crate::chars::simplified(c))) =>
        {
            r(Mark::Colon, Mark::FullStop, Evidence::ColonBeforeSpace)
        }
        '"' if cjk(prev) || cjk(next) => {
            let (chosen, alternative) = if quote_closes(glyphs, i) {
                (Mark::CloseQuote, Mark::OpenQuote)
            } else {
                (Mark::OpenQuote, Mark::CloseQuote)
            };
            r(chosen, alternative, Evidence::StraightQuote)
        }
        // Between digits, a comma is the decimal point `．` the engine
        // misread (`421，2 万公顷`), except before three digits, where it
        // may part thousands (`150,000`).
        c @ (',' | '，') if digit(prev) && digit(next) && digit_run(&glyphs[i + 1..]) != 3 => r(
            Mark::DecimalPoint,
            comma_as_comma(c),
            Evidence::CommaBetweenDigits,
        ),
        // `（记者 某某）` read `《记者 某某)` or `【记者 某某)`: the
        // bracket's closer, or the reporter's credit, says it is no title
        // mark nor a lenticular bracket.
        '《' | '【' if opens_bracket(glyphs, i) => {
            r(Mark::OpenBracket, Mark::AsRead, Evidence::AngleForBracket)
        }
        '|' | '}' if cjk(prev) => {
            let opener = unclosed_opener(glyphs, i)?;
            if opener.1 == '《' && !opens_bracket(glyphs, opener.0) {
                r(
                    Mark::CloseTitle,
                    Mark::CloseBracket,
                    Evidence::BarClosesPartner,
                )
            } else {
                r(
                    Mark::CloseBracket,
                    Mark::CloseTitle,
                    Evidence::BarClosesPartner,
                )
            }
        }
        // A `)` after a figure or a letter that closes an open bracket is
        // set full width on a Chinese page (`（010）`).
        ')' if !cjk(prev)
            && unclosed_opener(glyphs, i).is_some_and(|(_, c)| matches!(c, '(' | '（')) =>
        {
            r(Mark::CloseBracket, Mark::AsRead, Evidence::MisreadBracket)
        }
        // An `!` between words inside an open title mark is its closer
        // (`《远山来信!的散文`), and one before a reporter's credit the
        // bracket that opens it (`电!记者 石晓禾)`).
        '!' if cjk(prev)
            && cjk(next)
            && unclosed_opener(glyphs, i)
                .is_some_and(|(k, c)| c == '《' && !opens_bracket(glyphs, k)) =>
        {
            r(
                Mark::CloseTitle,
                Mark::Exclamation,
                Evidence::ExclamationForMark,
            )
        }
        '!' if credit_at(glyphs, i + 1) => r(
            Mark::OpenBracket,
            Mark::Exclamation,
            Evidence::ExclamationForMark,
        ),
        // After a number: one of a list of numbers (`9、10月`; not a
        // time in minutes and seconds, `3'45"`), or an item's number (`1、`,
        // `五、`) after a mark or at the block's start, before text (or the
        // backtick an engine reads for the rest of a `、`: `4'\`清风阁`).
        '\'' if digit(prev) && digit(next) && !seconds_after(glyphs, i)
            || (cjk(next) || next == Some('`')) && item_number_before(glyphs, i) =>
        {
            r(
                Mark::Enumeration,
                Mark::FullStop,
                Evidence::ApostropheAfterNumber,
            )
        }
        '*' if cjk(prev) && !beside.space_before => {
            r(Mark::FullStop, Mark::AsRead, Evidence::AsteriskAfterWord)
        }
        _ => None,
    }
}

/// The corner quote `『` or `』` an engine read as `[` or as `J` or `4`
/// on an OCR page (`『槐米J的`, `[吃喝大王J`), if glyph `i` is one.
fn corner_quote(glyphs: &[char], i: usize) -> Option<Repair> {
    let chosen = match glyphs[i] {
        '[' => corner_opener_at(glyphs, i).then_some(Mark::OpenCorner),
        'J' | '4' => corner_closer_at(glyphs, i).then_some(Mark::CloseCorner),
        _ => None,
    }?;
    Some(Repair {
        chosen,
        alternative: Mark::AsRead,
        evidence: Evidence::CornerQuoteMisread,
    })
}

/// How far, in glyphs, a corner quote's partner is looked for: `『』` hold
/// a word or a short phrase.
const CORNER_REACH: usize = 10;

/// Whether the `J` or `4` at `i` is the closer `』` of a corner quote: it
/// follows an ideograph (not a figure, `『第14届』`, nor the opener) and
/// comes before no letter or figure, a `『` or `[` is open at most [`CORNER_REACH`]
/// glyphs before it ([`corner_open_before`]), and no `』` follows within
/// that reach (`『神舟4号』` names a craft).
fn corner_closer_at(glyphs: &[char], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| glyphs[p]);
    let next = glyphs.get(i + 1).copied();
    prev.is_some_and(crate::chars::is_ideograph)
        && !next.is_some_and(|c| c.is_ascii_alphanumeric())
        && corner_open_before(glyphs, i)
        && !glyphs
            .iter()
            .skip(i + 1)
            .take(CORNER_REACH)
            .any(|&c| c == '』')
}

/// Whether a corner quote is open before glyph `i`: a `『` or `[` at most
/// [`CORNER_REACH`] glyphs back, with only ideographs, letters and
/// figures between (a mark between ends the search: a quoted word holds
/// none).
fn corner_open_before(glyphs: &[char], i: usize) -> bool {
    for &c in glyphs[i.saturating_sub(CORNER_REACH)..i].iter().rev() {
        match c {
            '『' | '[' => return true,
            c if crate::chars::is_word_glyph(c) => {}
            _ => return false,
        }
    }
    false
}

/// Whether the `[` at `i` is the opener `『` of a corner quote: an
/// ideograph follows it, and within [`CORNER_REACH`] glyphs, over
/// ideographs, letters and figures only, a `』` or a closer an engine
/// read for it ([`corner_closer_at`]) ends the quote.
fn corner_opener_at(glyphs: &[char], i: usize) -> bool {
    if !glyphs
        .get(i + 1)
        .is_some_and(|&c| crate::chars::is_ideograph(c))
    {
        return false;
    }
    for k in i + 2..glyphs.len().min(i + 1 + CORNER_REACH) {
        match glyphs[k] {
            '』' => return true,
            'J' | '4' if corner_closer_at(glyphs, k) => return true,
            c if crate::chars::is_word_glyph(c) => {}
            _ => return false,
        }
    }
    false
}

/// Whether the straight quote at `i` closes a quotation: a `“` (or a
/// straight quote) before it is still open, or no `”` ahead waits for an
/// opening one and it follows a word.
fn quote_closes(glyphs: &[char], i: usize) -> bool {
    let back = glyphs[i.saturating_sub(PARTNER_REACH)..i].iter().rev();
    for &c in back {
        match c {
            '“' | '"' => return true,
            '”' => break,
            _ => {}
        }
    }
    for &c in glyphs.iter().skip(i + 1).take(PARTNER_REACH) {
        match c {
            '”' => return false,
            '“' | '"' => break,
            _ => {}
        }
    }
    // No partner in reach: a quote after a word and before a mark or the
    // block's end closes.
    i > 0
        && !glyphs
            .get(i + 1)
            .is_some_and(|&c| crate::chars::is_cjk_text(c))
}

/// Whether a reporter's credit (`记者`) starts at glyph `from`: what opens
/// the bracket of a dateline's credit (`（记者 某某）`).
fn credit_at(glyphs: &[char], from: usize) -> bool {
    crate::chars::starts_with_word(glyphs.get(from..).unwrap_or(&[]), "记者")
}

/// Whether the `《` or `【` at `i` opens a bracket: `记者` follows it (a
/// dateline's credit), or its nearest closer ahead is a bracket's (`)`,
/// `）`; a `|` may close either).
fn opens_bracket(glyphs: &[char], i: usize) -> bool {
    // An engine may read the one bracket twice (`【《记者`).
    let from = i + 1 + usize::from(glyphs[i] == '【' && glyphs.get(i + 1) == Some(&'《'));
    if credit_at(glyphs, from) {
        return true;
    }
    for &c in glyphs.iter().skip(from).take(PARTNER_REACH / 2) {
        match c {
            ')' | '）' => return true,
            '》' | '《' | '】' | '（' | '(' | '|' | '}' => return false,
            _ => {}
        }
    }
    false
}

/// The nearest opening bracket or title mark before `i` that nothing has
/// closed yet, with its index.
fn unclosed_opener(glyphs: &[char], i: usize) -> Option<(usize, char)> {
    let from = i.saturating_sub(PARTNER_REACH);
    for k in (from..i).rev() {
        match glyphs[k] {
            c @ ('《' | '（' | '(' | '〈') => return Some((k, c)),
            '》' | '）' | ')' | '〉' | '|' | '}' => return None,
            _ => {}
        }
    }
    None
}

/// How many glyphs on either side [`in_list`] looks at.
const LIST_REACH: usize = 6;

/// The characters Chinese writes foreign names with (Xinhua's table of
/// transliteration, its commonest syllables). Some are common in Chinese
/// words too (`本`, `多`, `海`), so [`name_parts_around`] asks for runs of
/// them on both sides of the mark.
const TRANSLITERATION: &str = "阿埃艾爱安昂奥巴拔柏拜班邦鲍贝本比彼毕宾波伯博布查代戴丹道德登迪蒂丁东杜顿多厄恩尔法凡菲费芬丰佛夫弗福富盖甘冈戈哥格根古瓜圭哈海汉汗豪赫亨胡怀惠霍基吉加贾杰金卡凯坎康考柯科克肯库夸奎昆拉莱赖兰朗劳勒雷蕾里利莉列林琳隆卢鲁路伦罗洛马玛迈麦曼芒梅门蒙米密莫默姆穆纳娜奈南内尼妮涅宁纽努诺帕潘庞佩彭皮普齐奇契乔切琼丘萨塞赛桑瑟森沙莎尚舍什施史舒斯松苏索塔泰坦汤唐陶特提汀图托瓦万旺威韦维温翁沃乌伍西希席夏谢辛休雅亚扬耶伊尤约泽扎詹兹卓";

/// How many transliteration characters `glyphs` start with.
fn name_run<'a>(glyphs: impl IntoIterator<Item = &'a char>) -> usize {
    glyphs
        .into_iter()
        .take_while(|&&c| TRANSLITERATION.contains(c))
        .count()
}

/// Whether the mark at `i` stands between two parts of a foreign name: two
/// or more transliteration characters before it, and two or more after it
/// (one where the name ends there: `纳西尔: 汗，`).
fn name_parts_around(glyphs: &[char], i: usize) -> bool {
    let before = name_run(glyphs[..i].iter().rev());
    let after = name_run(&glyphs[i + 1..]);
    let name_ends = glyphs
        .get(i + 1 + after)
        .is_none_or(|&c| !crate::chars::is_ideograph(c));
    before >= 2 && (after >= 2 || after == 1 && name_ends)
}

/// Whether another list mark (`'`, `` ` ``, `、`) stands within
/// [`LIST_REACH`] glyphs of glyph `i`.
fn list_mark_near(glyphs: &[char], i: usize) -> bool {
    glyphs[i.saturating_sub(LIST_REACH)..i]
        .iter()
        .chain(glyphs.iter().skip(i + 1).take(LIST_REACH))
        .any(|&g| matches!(g, '\'' | '`' | '、'))
}

/// An apostrophe with another list mark (`'`, `` ` ``, `、`) within
/// [`LIST_REACH`] glyphs on either side separates the items of a list
/// (`插秧'施肥'收割`): `、`, not `。`.
fn in_list(glyphs: &[char], i: usize, r: Repair) -> Repair {
    // A list never ends a paragraph, nor goes on into an item's number.
    if r.evidence != Evidence::ApostropheAfterWord
        || i + 1 == glyphs.len()
        || item_number_after(glyphs, i)
    {
        return r;
    }
    if list_mark_near(glyphs, i) || closes_with_deng(glyphs, i) || short_item_after(glyphs, i) {
        Repair {
            chosen: Mark::Enumeration,
            alternative: Mark::FullStop,
            evidence: Evidence::ApostropheInList,
        }
    } else {
        r
    }
}

/// Whether the apostrophe at `i` is followed by an item of two ideographs
/// and a comma (`示范'指导, 让…`, `展出' 评选, 既…`): a clause of two
/// glyphs after a full stop opens a sentence only as a connective or a
/// time (`不过,`, `因此,`, `近日,`), which these are not.
fn short_item_after(glyphs: &[char], i: usize) -> bool {
    const OPENERS: &[&str] = &[
        "不过", "因此", "为此", "随后", "然而", "当然", "据悉", "那末", "那么", "近日", "赛前",
        "赛后", "会上", "会后", "目前", "同时", "此外", "另外", "其中", "但是", "可是", "所以",
        "于是", "如今", "今年", "去年", "明年", "今天", "昨天", "当时", "后来", "现在", "首先",
        "其次", "最后", "然后", "其实", "例如", "比如", "总之", "他说", "她说", "我说", "据称",
        "对此", "为何", "此前", "此后", "之后", "事后", "届时", "今后", "以往", "过去", "平时",
        "那时", "这时", "原来", "本来", "显然", "可见", "否则", "而且", "并且", "或者", "尽管",
        "虽然", "如果", "只要", "即使", "不但", "不仅", "由于", "因为", "结果", "最近", "日前",
    ];
    let item: Vec<char> = glyphs[i + 1..].iter().copied().take(3).collect();
    let [a, b, comma] = item[..] else {
        return false;
    };
    let word: String = [a, b]
        .iter()
        .map(|&c| crate::chars::simplified(c))
        .collect();
    crate::chars::is_ideograph(a)
        && crate::chars::is_ideograph(b)
        && matches!(comma, ',' | '，')
        && !OPENERS.contains(&word.as_str())
}

/// How many ASCII digits `glyphs` start with.
fn digit_run<'a>(glyphs: impl IntoIterator<Item = &'a char>) -> usize {
    glyphs
        .into_iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// Whether an item's number ends right before glyph `i`, at the block's
/// start or after a mark: one or two digits, not the end of a decimal or a
/// score (`…落实'1'东山林场…`, not `3.5'` or `3:1'`), or a Chinese numeral
/// standing alone (`，三'取消`, not `之一'` or `十五'`).
fn item_number_before(glyphs: &[char], i: usize) -> bool {
    let digits = digit_run(glyphs[..i].iter().rev());
    let numeral = digits == 0
        && i.checked_sub(1)
            .is_some_and(|n| "一二三四五六七八九十".contains(glyphs[n]));
    let len = if numeral { 1 } else { digits };
    if !(1..=2).contains(&len) {
        return false;
    }
    let Some(before) = (i - len).checked_sub(1) else {
        return true; // the block's start
    };
    let parts_figures = !numeral
        && before
            .checked_sub(1)
            .is_some_and(|k| glyphs[k].is_ascii_digit());
    !glyphs[before].is_alphanumeric() && !parts_figures
}

/// Whether the digits after glyph `i` end on a mark of seconds (`3'45"`):
/// the apostrophe before them marks minutes.
fn seconds_after(glyphs: &[char], i: usize) -> bool {
    let digits = digit_run(&glyphs[i + 1..]);
    matches!(glyphs.get(i + 1 + digits), Some('"' | '″' | '”'))
}

/// Whether an item's number follows glyph `i`: one or two digits and a
/// list mark (`落实'1'东山林场`), so that glyph ends what goes before.
fn item_number_after(glyphs: &[char], i: usize) -> bool {
    let digits = digit_run(&glyphs[i + 1..]);
    (1..=2).contains(&digits) && matches!(glyphs.get(i + 1 + digits), Some('\'' | '`' | '、'))
}

/// Whether a `等` right after the one or two CJK glyphs that follow glyph
/// `i` closes a list (`苏州'扬州等地`, `等等`). A sentence seldom opens so,
/// except with `等人` (`罗杰等人受伤…`); nor is `等` in a word (`平等`,
/// `高等`, `等待`).
fn closes_with_deng(glyphs: &[char], i: usize) -> bool {
    (2..=3).any(|k| {
        glyphs.get(i + k) == Some(&'等')
            && (i + 1..i + k).all(|j| cjk(glyphs.get(j).copied()) && glyphs[j] != '等')
            && !"平高同对均初中上下优头相超次何".contains(glyphs[i + k - 1])
            && !glyphs
                .get(i + k + 1)
                .is_some_and(|c| "人待到候级于同".contains(*c))
    })
}

/// The marks written after glyph `i` (at raw offset `at`), in printed
/// order, where the page picture shows ones the engine did not read, each
/// with its decision if `record` keeps it. Only where the block goes on,
/// if at all, with a letter, digit or ideograph (a mark read there is the
/// one inked), but for a closing quote the picture shows before the mark
/// read there.
fn unread_marks(
    glyphs: &[char],
    i: usize,
    at: Option<usize>,
    record: Record,
    by: ReadBy<'_>,
) -> [Option<(char, Option<Decision>)>; 2] {
    let (ReadBy::Engine { unread, .. }, Some(at)) = (by, at) else {
        return [None, None];
    };
    // Where a mark follows, only a quote the picture shows before it.
    let mark_follows = glyphs.get(i + 1).is_some_and(|c| !c.is_alphanumeric());
    let quote = unread.quote_after(at);
    if mark_follows && quote.is_none() {
        return [None, None];
    }
    // Where the quote comes first, both decisions say so: a flip writes
    // each back in its place.
    let flip = if quote == Some(QuotePlace::First) {
        Flip::QuoteFirst
    } else {
        Flip::MarkAfter
    };
    let written = |(mark, other, evidence): (Mark, Mark, Evidence)| {
        let wanted =
            record == Record::All || evidence.confidence_percent() < crate::doubt::DOUBT_BELOW;
        let decision = wanted.then(|| {
            Decision::at(
                Kind::Punctuation,
                at,
                (Choice::Mark(mark), Choice::Mark(other)),
                evidence,
            )
            .with_flip(flip)
        });
        // An unread mark has no raw char of its own: it is never `AsRead`.
        (mark.char_for(' '), decision)
    };
    let quote_mark = (Mark::CloseQuote, Mark::AsRead, Evidence::QuoteUnread);
    let mark = (!mark_follows)
        .then(|| unread_after(unread, at).map(written))
        .flatten();
    match quote {
        Some(QuotePlace::First) => [Some(written(quote_mark)), mark],
        Some(QuotePlace::Last) => [mark, Some(written(quote_mark))],
        None => [mark, None],
    }
}

/// The mark the page picture shows for mark `c` the engine read at raw
/// offset `at`, where it shows another ([`UnreadMarks::misread_at`]): a
/// closing quote, or a `、`, `·`, `：` or `；` for a comma (a `·` for the
/// colon too). The alternative is the mark as read (of a `：`, the `；`,
/// and the other way round: at 200 dpi a semicolon's comma may show as a
/// dot).
fn inked_misread(c: char, at: Option<usize>, unread: &UnreadMarks) -> Option<Repair> {
    let chosen = unread.misread_at(at?)?;
    // The mark as its shape reads.
    let read = match c {
        ',' => Mark::Comma,
        ':' => Mark::Colon,
        _ => Mark::AsRead,
    };
    let (alternative, evidence) = match chosen {
        Mark::CloseQuote => (Mark::AsRead, Evidence::QuoteInked),
        Mark::Enumeration => (read, Evidence::EnumerationInked),
        Mark::NameDot => (read, Evidence::DotInked),
        Mark::Colon => (Mark::Semicolon, Evidence::StackedInked),
        Mark::Semicolon => (Mark::Colon, Evidence::StackedInked),
        _ => return None,
    };
    Some(Repair {
        chosen,
        alternative,
        evidence,
    })
}

/// The mark written for glyph `i` where an OCR engine misread it, with its
/// decision if `record` keeps it; `None` for a glyph left as it is.
fn repaired_mark(
    glyphs: &[char],
    i: usize,
    gaps: &[Gap],
    at: Option<usize>,
    record: Record,
    by: ReadBy<'_>,
) -> Option<(char, Option<Decision>)> {
    let c = glyphs[i];
    // Only these marks are ever repaired (a quick test: most glyphs are
    // ideographs).
    if crate::punct::readings(c).is_empty() {
        return None;
    }
    let (prev, next) = (
        i.checked_sub(1).map(|p| glyphs[p]),
        glyphs.get(i + 1).copied(),
    );
    // An extractor's text has the printed marks, at most set half width:
    // what only an engine misreads is repaired only on an OCR page.
    // An apostrophe or backtick next to CJK text or quotes is no mark of
    // Chinese text: only an engine's misreading (`、`, `。`), wherever it
    // came from.
    let r = if c == '一' {
        // Only an engine reads a dash's thirds as `一`.
        if !by.ocr() {
            return None;
        }
        dash_read_as_one(glyphs, i)?
    } else if let ReadBy::Engine {
        stops_boxed,
        stops_inked,
        unread,
    } = by
    {
        // A quote the ink shows comes before a full stop's ring, a mark
        // at mid-height after it.
        let inked = inked_misread(c, at, unread);
        inked
            .filter(|r| r.chosen == Mark::CloseQuote)
            .or_else(|| stop_misread(c, (prev, next), at, (stops_boxed, stops_inked)))
            .or(inked)
            .or_else(|| repair_in_context(glyphs, i, Beside::of(gaps, i)))
            .or_else(|| corner_quote(glyphs, i))
            .or_else(|| repair(c, prev, next))
            .map(|r| in_list(glyphs, i, r))
            .map(|r| seen_on_picture(c, r, stops_inked.is_some()))?
    } else if matches!(c, '\'' | '`') {
        repair(c, prev, next).map(|r| in_list(glyphs, i, r))?
    } else {
        half_width(c, prev, next)?
    };
    let wanted =
        record == Record::All || r.evidence.confidence_percent() < crate::doubt::DOUBT_BELOW;
    let decision = at.filter(|_| wanted).map(|at| {
        Decision::at(
            Kind::Punctuation,
            at,
            (Choice::Mark(r.chosen), Choice::Mark(r.alternative)),
            r.evidence,
        )
    });
    Some((r.chosen.char_for(c), decision))
}

/// The dash `———` an engine read as `一一一` (each of its thirds as
/// `一`), where glyph `i` is one of its `一`: a run of three `一` is the
/// dash (running text holds `一一`, one by one, but hardly ever three in
/// a row). In a longer run, the `一` that makes a word with the text beside it stays
/// text: the first where a word reads on into it from before
/// (`统一———`), else the last (`———一个`, as the gold of every such run
/// on the OCR pages has it).
fn dash_read_as_one(glyphs: &[char], i: usize) -> Option<Repair> {
    const RUN: usize = 3;
    let before = glyphs[..i].iter().rev().take_while(|&&c| c == '一').count();
    let after = glyphs[i + 1..].iter().take_while(|&&c| c == '一').count();
    let (start, len) = (i - before, before + 1 + after);
    if len < RUN {
        return None;
    }
    // How many of the run's `一` stand before the dash.
    let lead =
        usize::from(len > RUN && crate::lexicon::word_across(&glyphs[..start], &['一']).is_some());
    let evidence = if len == RUN {
        Evidence::DashReadAsOne
    } else {
        Evidence::DashBesideOne
    };
    (lead..lead + RUN).contains(&before).then_some(Repair {
        chosen: Mark::Dash,
        alternative: Mark::AsRead,
        evidence,
    })
}

/// The gap after the bullet of a block byline (`□ 本报记者` as extracted):
/// the bullet is set against its text, so the gap is layout.
fn bullet_gap(role: Role, gap_index: usize, first: char) -> bool {
    role == Role::Byline && gap_index == 0 && !first.is_alphanumeric()
}

/// Where a block's credit lies (glyph range) and where its dateline ends;
/// marks the gaps a caption's credit forces to keep.
fn zones(
    glyphs: &[char],
    role: Role,
    forced: &mut [bool],
) -> (Option<(usize, usize)>, Option<usize>) {
    let mut credit_zone: Option<(usize, usize)> = None;
    let mut dateline_end = None;
    match role {
        Role::Body => {
            if let Some(d) = dateline(glyphs) {
                dateline_end = Some(d.end);
                credit_zone = d.credit;
            }
        }
        Role::Byline => {
            let skip = usize::from(glyphs.first().is_some_and(|c| !c.is_alphanumeric()));
            credit_zone = Some((skip, glyphs.len()));
        }
        Role::Caption => {
            let end = if crate::layout::ends_on_photo_credit(glyphs) {
                glyphs.len() - 1
            } else {
                glyphs.len()
            };
            // The earliest role word near the end: `本报记者` rather than its `记者`.
            if let Some(start) = (0..end)
                .rev()
                .take(12)
                .filter(|&i| credit_role_at(&glyphs[..end], i).is_some())
                .min()
            {
                credit_zone = Some((start, end));
                if start > 0 {
                    forced[start - 1] = true;
                }
                if end < glyphs.len() && end > 0 {
                    forced[end - 1] = true;
                }
            }
        }
        _ => {}
    }
    (credit_zone, dateline_end)
}

/// The space decision between glyphs `a` and `b` at raw offsets `at`, if
/// `record` keeps it.
fn recorded_space(
    record: Record,
    (rule, title): (Option<KeepRule>, bool),
    (a, b): (char, char),
    gap: Gap,
    at: (Option<&usize>, Option<&usize>),
) -> Option<Decision> {
    // Only a title phrase kept or a real space removed can be a doubt (see
    // `space_doubts_come_only_from_two_rules`): the others are skipped fast.
    let may_doubt = rule == Some(KeepRule::TitlePhrase) || (rule.is_none() && gap.is_real());
    if record != Record::All && !may_doubt {
        return None;
    }
    let evidence = space_evidence(rule, (a, b), gap, title);
    let wanted = record == Record::All || evidence.confidence_percent() < crate::doubt::DOUBT_BELOW;
    match at {
        (Some(&before), Some(&at)) if wanted => {
            Some(space_decision(before, at, rule.is_some(), evidence))
        }
        _ => None,
    }
}

/// The rule behind a space decision between `a` and `b` (in a title:
/// `title`): the keep rule, or why it went.
fn space_evidence(rule: Option<KeepRule>, (a, b): (char, char), gap: Gap, title: bool) -> Evidence {
    match rule {
        Some(rule) => rule.evidence(),
        None if is_cjk_punct(a) || is_cjk_punct(b) => Evidence::NextToPunctuation,
        // Where a title's second part opens with a number (`…全国 1997年`),
        // the space before it parts the two.
        None if title && gap.is_real() && !a.is_ascii() && b.is_ascii_digit() => {
            Evidence::NextToLatinInTitle
        }
        None if is_latin(a) || is_latin(b) => Evidence::NextToLatin,
        None if !gap.is_real() => Evidence::LetterSpacing,
        None => Evidence::SpaceInBody,
    }
}

fn space_decision(before: usize, at: usize, kept: bool, evidence: Evidence) -> Decision {
    Decision::between(
        Kind::Space,
        (before, at),
        (Choice::Keep, Choice::Remove),
        kept,
        evidence,
    )
}

fn gaps_of(raw: &[char], lines: &[Line]) -> Vec<Gap> {
    let n: usize = lines.iter().map(|l| l.offsets.len()).sum();
    let mut gaps = Vec::with_capacity(n.saturating_sub(1));
    let mut prev: Option<(usize, usize)> = None; // (offset, line index in block)
    for (li, line) in lines.iter().enumerate() {
        for &off in &line.offsets {
            if let Some((p, pl)) = prev
                && pl == li
            {
                // Inside a line only spaces lie between two glyphs.
                gaps.push(Gap {
                    ws: off - p - 1,
                    newline: false,
                    justified: line.justified,
                    spacing: line.spacing,
                });
            } else if let Some((p, pl)) = prev {
                let between = raw.get(p + 1..off).unwrap_or(&[]);
                let contiguous = between.iter().all(|&c| crate::chars::is_space(c));
                let newline = pl != li || between.contains(&'\n') || !contiguous;
                let ws = if contiguous { between.len() } else { 1 };
                gaps.push(Gap {
                    ws,
                    newline,
                    justified: line.justified && pl == li,
                    spacing: 0,
                });
            }
            prev = Some((off, li));
        }
    }
    gaps
}

/// Marks the gaps that take a space inside a credit (`记者 原昆鹏 通讯员
/// 张贯娇`): after and before every role word, and between two names. In a
/// letter-spaced line the spaces between names are lost; then a run of four
/// characters is read as two names of two, six as two of three.
fn mark_credit(glyphs: &[char], gaps: &[Gap], s: usize, e: usize, forced: &mut [bool]) {
    let zone = &glyphs[..e];
    let mut i = s;
    let mut name_start = s;
    let split_names = |from: usize, to: usize, forced: &mut [bool]| {
        let run = &gaps[from..to.saturating_sub(1).max(from)];
        let has_real = run.iter().any(|g| g.is_real());
        let letter_spaced = run.iter().all(|g| g.ws > 0);
        let all_han = zone[from..to]
            .iter()
            .all(|c| crate::chars::is_ideograph(*c));
        if !has_real && letter_spaced && all_han {
            match to - from {
                4 => forced[from + 1] = true,
                6 => forced[from + 2] = true,
                _ => {}
            }
        }
    };
    while i < e {
        if let Some(n) = credit_role_at(zone, i) {
            if i > name_start {
                split_names(name_start, i, forced);
                forced[i - 1] = true;
            }
            if i + n < e {
                forced[i + n - 1] = true;
            }
            i += n;
            name_start = i;
        } else {
            i += 1;
        }
    }
    if e > name_start {
        split_names(name_start, e, forced);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_next_to_cjk_are_repaired_and_others_left() {
        use super::repair;
        use crate::decision::Evidence;
        use crate::punct::Mark;
        let fix = |raw, prev, next| repair(raw, prev, next).map(|r| r.chosen.char_for(raw));
        assert_eq!(fix(',', Some('持'), Some('这')), Some('，'));
        assert_eq!(fix(',', Some('1'), Some('2')), None, "1,2 is a number");
        assert_eq!(fix(';', Some('的'), None), Some('；'));
        assert_eq!(fix('`', Some('售'), Some('利')), Some('、'));
        assert_eq!(fix('`', Some('a'), Some('利')), None);
        assert_eq!(fix('\'', Some('面'), Some('人')), Some('。'));
        assert_eq!(fix(':', Some('的'), Some('在')), Some('。'));
        assert_eq!(
            fix(':', Some('说'), Some('上')),
            Some('：'),
            "…笑着说：上次…"
        );
        // `说:“` opens a quote: a colon.
        assert_eq!(fix(':', Some('说'), Some('“')), Some('：'));
        assert_eq!(fix(':', Some('说'), Some('1')), Some('：'));
        // By digits, the full-width marks of a Chinese page (only on an OCR
        // page: see `digit_marks_are_repaired_only_on_ocr_pages`).
        assert_eq!(fix(':', Some('1'), Some('3')), Some('∶'), "61∶52");
        assert_eq!(fix('%', Some('5'), None), Some('％'));
        assert_eq!(fix('.', Some('7'), Some('5')), Some('．'));
        assert_eq!(fix('.', Some('a'), Some('5')), None);
        assert_eq!(fix('%', Some('的'), None), None);
        // A paragraph's last sentence ends on a full stop, after text, a
        // closing quote or a figure; a comma there is the engine's misread.
        assert_eq!(fix('，', Some('迹'), None), Some('。'));
        assert_eq!(fix('，', Some('”'), None), Some('。'), "“蓝鲸k奇迹”。");
        assert_eq!(fix(',', Some('%'), None), Some('。'), "100%。");
        assert_eq!(fix('，', Some('”'), Some('他')), None, "mid-paragraph");
        assert_eq!(fix('，', Some('“'), None), None, "an opening quote");
        assert_eq!(
            fix('\'', Some('”'), Some('程')),
            Some('。'),
            "“希望”。程女士"
        );
        assert_eq!(
            fix('\'', Some('”'), Some('“')),
            Some('、'),
            "”、“: a list of quoted items"
        );
        assert_eq!(fix(':', Some('赴'), None), Some('。'), "a paragraph's end");
        assert_eq!(fix(':', Some('赴'), Some('1')), Some('：'));
        assert_eq!(fix('〈', None, Some('记')), Some('（'));
        assert_eq!(fix(')', Some('林'), None), Some('）'));
        assert_eq!(fix('(', Some('a'), Some('b')), None);
        // Whatever a rule writes, or offers instead, is a reading the
        // trace accepts.
        for raw in [
            ',', '，', ';', '!', '?', '(', ')', '〈', '〉', '`', '\'', ':', 'a', '。', '%', '.',
        ] {
            for (p, n) in [
                (Some('的'), Some('在')),
                (Some('的'), None),
                (None, Some('在')),
                (Some('1'), Some('2')),
            ] {
                if let Some(r) = repair(raw, p, n) {
                    for m in [r.chosen, r.alternative] {
                        assert!(
                            m == Mark::AsRead || crate::punct::readings(raw).contains(&m),
                            "{raw:?} -> {m:?}"
                        );
                    }
                }
            }
        }
        let colon = repair(':', Some('的'), Some('在')).expect("repaired");
        assert_eq!(colon.alternative, Mark::Colon);
        assert_eq!(colon.evidence, Evidence::ColonBetweenWords);
    }

    /// No marks the picture shows unread (no picture read).
    static NO_UNREAD: crate::picture::UnreadMarks = crate::picture::UnreadMarks {
        stops: Vec::new(),
        dots: Vec::new(),
        commas: Vec::new(),
        enumerations: Vec::new(),
        colons: Vec::new(),
        semicolons: Vec::new(),
        quotes: Vec::new(),
        quotes_first: Vec::new(),
        misread: Vec::new(),
    };

    /// The block of raw lines `raw` (separated by `\n`) with `role`, as an
    /// engine's page (`ocr`) or an extractor's builds it, every decision
    /// kept.
    fn read_block(raw: &str, role: Role, ocr: bool) -> super::BuiltText {
        let chars: Vec<char> = raw.chars().collect();
        let lines = crate::layout::lines_of(raw);
        block_text_read(&chars, &lines, role, crate::decision::Record::All, by(ocr))
    }

    /// Marks read by an engine (no comma boxed as a full stop) or not.
    fn by(ocr: bool) -> super::ReadBy<'static> {
        if ocr {
            super::ReadBy::Engine {
                stops_boxed: &[],
                stops_inked: None,
                unread: &NO_UNREAD,
            }
        } else {
            super::ReadBy::Extractor
        }
    }

    /// How an engine's glyph `i` of `glyphs` is written, and the rule
    /// that decided it, with the commas boxed as full stops and the marks
    /// inked as rings (`None`: no picture read) at those offsets.
    fn engine_mark(
        glyphs: &[char],
        i: usize,
        stops_boxed: &[usize],
        stops_inked: Option<&[usize]>,
    ) -> Option<(char, Option<crate::decision::Evidence>)> {
        super::repaired_mark(
            glyphs,
            i,
            &[],
            Some(i),
            crate::decision::Record::All,
            super::ReadBy::Engine {
                stops_boxed,
                stops_inked,
                unread: &NO_UNREAD,
            },
        )
        .map(|(c, d)| (c, d.map(|d| d.evidence)))
    }

    #[test]
    fn the_picture_s_ink_decides_a_mark_an_engine_may_have_read_for_a_full_stop() {
        use crate::decision::Evidence;
        // `获胜'因此`: by its place alone the apostrophe ends a sentence.
        let glyphs: Vec<char> = "他们在比赛中获胜'因此，大家都很高兴".chars().collect();
        let (mark, comma) = (8, 11);
        let read =
            |i: usize, stops_inked: Option<&[usize]>| engine_mark(&glyphs, i, &[], stops_inked);
        assert_eq!(
            read(mark, None),
            Some(('。', Some(Evidence::ApostropheAfterWord)))
        );
        // Beside the picture: a ring is a full stop, no ring the list mark.
        assert_eq!(
            read(mark, Some(&[mark])),
            Some(('。', Some(Evidence::StopInked)))
        );
        assert_eq!(read(mark, Some(&[])), Some(('、', Some(Evidence::NoRing))));
        // A comma is read as its ring says, and without one as a comma.
        assert_eq!(
            read(comma, Some(&[comma])),
            Some(('。', Some(Evidence::StopInked)))
        );
        assert_eq!(read(comma, None), None, "a full-width comma stays");
    }

    #[test]
    fn a_quote_between_words_over_a_ring_is_a_full_stop_and_one_beside_a_mark_is_not() {
        use crate::decision::Evidence;
        // A `。` set in the middle of its cell, read as a straight quote.
        let glyphs: Vec<char> = "难以接受\"不过，本报".chars().collect();
        let read =
            |i: usize, stops_inked: Option<&[usize]>| engine_mark(&glyphs, i, &[], stops_inked);
        assert_eq!(read(4, Some(&[4])), Some(('。', Some(Evidence::StopInked))));
        // No ring there: a quote, as its partner says (none, before a
        // word: it opens).
        assert_eq!(
            read(4, Some(&[])),
            Some(('“', Some(Evidence::StraightQuote)))
        );
        // The ring of `。”` lies beside the quote: it is the mark's.
        let glyphs: Vec<char> = "他说：“好。”随后".chars().collect();
        let at = glyphs.len() - 3;
        assert_eq!(glyphs[at], '”');
        assert_eq!(engine_mark(&glyphs, at, &[], Some(&[at])), None);
        // A curly quote between words over a ring is a full stop too.
        let glyphs: Vec<char> = "开业了“负责人".chars().collect();
        assert_eq!(
            engine_mark(&glyphs, 3, &[], Some(&[3])),
            Some(('。', Some(Evidence::StopInked)))
        );
    }

    #[test]
    fn a_comma_boxed_as_a_full_stop_is_one_inside_a_paragraph() {
        use crate::decision::Evidence;
        let glyphs: Vec<char> = "承担主要任务，但是材料已交半年，".chars().collect();
        let (comma, last) = (6, glyphs.len() - 1);
        let mark = |i: usize, stops_boxed: &[usize]| engine_mark(&glyphs, i, stops_boxed, None);
        assert_eq!(
            mark(comma, &[comma, last]),
            Some(('。', Some(Evidence::StopBoxedAsComma)))
        );
        // Boxed as a comma, it is one.
        assert_eq!(mark(comma, &[last]), None);
        // A paragraph's last comma is its full stop whatever its box.
        assert_eq!(
            mark(last, &[comma, last]),
            Some(('。', Some(Evidence::CommaEndsParagraph)))
        );
    }

    #[test]
    fn an_apostrophe_among_list_marks_is_an_enumeration_comma() {
        use crate::decision::Record;
        let mark = |text: &str, i: usize| {
            let glyphs: Vec<char> = text.chars().collect();
            super::repaired_mark(&glyphs, i, &[], None, Record::All, by(true)).map(|(c, _)| c)
        };
        // `插秧'施肥'收割`: items of a list.
        assert_eq!(mark("插秧'施肥'收割", 2), Some('、'));
        assert_eq!(mark("插秧'施肥'收割", 5), Some('、'));
        // One alone after a word ends a sentence.
        assert_eq!(mark("他说得很对'我们都同意他的看法", 5), Some('。'));
        // A list never ends a paragraph.
        assert_eq!(mark("当年的`仔细的研究'", 9), Some('。'));
        // Nor goes on into an item's number, which is one.
        assert_eq!(mark("目前还未落实'1'东山林场", 6), Some('。'));
        assert_eq!(mark("目前还未落实'1'东山林场", 8), Some('、'));
        assert_eq!(mark("还未落实'12'东山", 7), Some('、'));
        // A number of three digits, or one after a word, is no item's.
        assert_eq!(mark("还未落实'123'东山", 8), None);
        assert_eq!(mark("比分为12'东山", 5), None);
        // Numbers listed.
        assert_eq!(mark("和夏季7'8等2个月", 4), Some('、'));
        // An item of two glyphs before a comma (devpages-ocr 003, 008,
        // 009), unless they open a sentence (`因此,`).
        assert_eq!(mark("师傅现场示范'指导,让村里", 6), Some('、'));
        assert_eq!(mark("种苗供应培训'回收,种苗", 6), Some('、'));
        assert_eq!(mark("以2:0取胜'因此,球队下轮", 6), Some('。'));
        assert_eq!(mark("难以理解'不过,下个赛季", 4), Some('。'));
        assert_eq!(mark("修好灌溉水渠'这几年,镇上", 6), Some('。'));
        // A `等` closes a list, unless it is `等人` opening a sentence.
        assert_eq!(mark("每当在苏州'扬州等地享受", 5), Some('、'));
        assert_eq!(mark("我差点滑倒了'罗杰等人受伤", 6), Some('。'));
        assert_eq!(
            mark("我差点滑倒了'平等相待", 6),
            Some('。'),
            "平等 is a word"
        );
        assert_eq!(
            mark("我差点滑倒了'他们等待着", 6),
            Some('。'),
            "等待 is a word"
        );
        assert_eq!(
            mark("我差点滑倒了'他们三人等着", 6),
            Some('。'),
            "four glyphs on"
        );
        assert_eq!(
            mark("我差点滑倒了'扬州市等地", 6),
            Some('。'),
            "three glyphs on"
        );
        assert_eq!(
            mark("每当在苏州'扬州等等", 5),
            Some('、'),
            "等等 closes a list"
        );
        // After a decimal or a score, no item's number: left as read;
        // minutes are no list either.
        assert_eq!(mark("增长了3.5'今年", 6), None);
        assert_eq!(mark("队以3:1'战胜对手", 5), None);
        assert_eq!(mark("成绩是3'45\"2", 4), None);
        // An item's number comes before text, not at the block's end.
        assert_eq!(mark("（12'", 3), None);
        // Between quoted items.
        assert_eq!(mark("勤俭持家”'“邻里和睦", 5), Some('、'));
    }

    /// The mark written for the glyph at `i` of `text`, `spaced` around
    /// it, on an OCR page or not, with the evidence of its decision.
    fn mark(
        text: &str,
        i: usize,
        spaced: (bool, bool),
        ocr: bool,
    ) -> Option<(char, Option<crate::decision::Evidence>)> {
        use super::Gap;
        use crate::decision::Record;
        let glyphs: Vec<char> = text.chars().collect();
        // The gap after each glyph: a space where `spaced` says.
        let gaps: Vec<Gap> = (0..glyphs.len().saturating_sub(1))
            .map(|k| Gap {
                ws: usize::from((spaced.0 && k + 1 == i) || (spaced.1 && k == i)),
                newline: false,
                justified: false,
                spacing: 0,
            })
            .collect();
        super::repaired_mark(&glyphs, i, &gaps, None, Record::All, by(ocr))
            .map(|(c, d)| (c, d.map(|d| d.evidence)))
    }

    #[test]
    fn marks_read_by_their_partners_and_gaps_on_ocr_pages() {
        let none = (false, false);
        // A colon with a gap after it is `：`; run on, `。`.
        assert_eq!(
            mark("目的是:通过比较", 3, (false, true), true),
            Some(('：', None))
        );
        assert_eq!(
            mark("目的是:通过比较", 3, none, true).map(|m| m.0),
            Some('。')
        );
        // With gaps on both sides, a `。` the engine saw standing apart.
        assert_eq!(
            mark("看书的爱好:这表明", 5, (true, true), true).map(|m| m.0),
            Some('。')
        );
        // Straight quotes by their partners.
        assert_eq!(
            mark("双方的\"长期合作”", 3, none, true).map(|m| m.0),
            Some('“')
        );
        assert_eq!(
            mark("“乡村振兴法\"，目前", 6, none, true).map(|m| m.0),
            Some('”')
        );
        // `《` before a reporter's credit, or closed by `)`, is `（`; a `|`
        // or `}` closes what is open.
        assert_eq!(
            mark("本报讯《记者 林可) 他", 3, none, true).map(|m| m.0),
            Some('（')
        );
        assert_eq!(mark("新书《远航|，去年", 2, none, true).map(|m| m.0), None);
        assert_eq!(
            mark("新书《远航|，去年", 5, none, true).map(|m| m.0),
            Some('》')
        );
        assert_eq!(
            mark("见右图(见右图|，阿尔", 7, none, true).map(|m| m.0),
            Some('）')
        );
        assert_eq!(
            mark("合5亿欧元|在欧洲", 5, none, true),
            None,
            "nothing open"
        );
        // An asterisk right after a word is `。`; after a gap it is not.
        assert_eq!(
            mark("相结合的阶段*亚洲", 6, none, true).map(|m| m.0),
            Some('。')
        );
        assert_eq!(mark("按60元*210头", 4, (true, false), true), None);
        // An extractor's text has the printed marks.
        assert_eq!(mark("双方的\"长期合作”", 3, none, false), None);
        assert_eq!(mark("新书《远航|，去年", 5, none, false), None);
    }

    #[test]
    fn marks_read_by_digits_numerals_and_credits_on_ocr_pages() {
        // (text, the mark's index, read by an engine, the mark written)
        let cases: [(&str, usize, bool, Option<char>); 25] = [
            // A `【` that a bracket closes, or before a reporter's credit,
            // also where the engine read the bracket twice; not one `】`
            // closes.
            ("日电【记者陈默然)", 2, true, Some('（')),
            ("日电【《记者云舒)", 2, true, Some('（')),
            ("本期【焦点】话题", 2, true, None),
            // A comma between digits is the decimal point, unless three
            // digits follow (thousands); by text it stays a comma.
            ("育苗316，5万株", 5, true, Some('．')),
            ("达23,48亿欧元", 3, true, Some('．')),
            ("共150,000人", 4, true, None),
            ("育苗316，5万株", 5, false, None),
            // A slash between digits is set full width: `2／3`.
            ("占2/3以上", 2, true, Some('／')),
            ("kcal/人h", 4, true, None),
            // A backslash between words is `、`; a `)` after a figure
            // closes the bracket open before it, and nothing when nothing
            // is open.
            ("城乡中\\小学校", 3, true, Some('、')),
            ("电话(010)6426", 6, true, Some('）')),
            ("第3)项", 2, true, None),
            // `;,` after a word is a colon read as its two dots.
            ("反问她;,“哈里森", 3, true, Some('：')),
            ("反问她;哈里森", 3, true, Some('；')),
            // An `!` closes an open title mark before more text, opens a
            // bracket before a credit, and is itself after a sentence.
            ("题为《远山来信!的散文", 7, true, Some('》')),
            ("日电!记者石晓禾)", 2, true, Some('（')),
            ("令人振奋!此外", 4, true, Some('！')),
            // An apostrophe after a numeral alone numbers an item; after a
            // numeral in a word it ends a sentence.
            ("制度，三'取消", 4, true, Some('、')),
            ("问题之一'取消", 4, true, Some('。')),
            // Between the parts of a foreign name, `:` or `'` is the dot
            // that parts them, also before a last part of one glyph; not
            // where a part is no name's, nor among other list marks, nor
            // in an extractor's text.
            ("众议长维克多'拉森2日说", 6, true, Some('·')),
            ("外长法里德:纳西尔:汗，以及", 5, true, Some('·')),
            ("外长法里德:纳西尔:汗，以及", 9, true, Some('·')),
            ("他激动地说:我们", 5, true, Some('：')),
            ("俄罗斯'乌克兰'白俄罗斯", 3, true, Some('、')),
            ("外长法里德:纳西尔", 5, false, Some('：')),
        ];
        for (text, at, ocr, want) in cases {
            assert_eq!(
                mark(text, at, (false, false), ocr).map(|m| m.0),
                want,
                "{text} at {at}"
            );
        }
    }

    #[test]
    fn corner_quotes_an_engine_read_as_brackets_letters_and_digits_are_written_back() {
        // (text, the mark's index, read by an engine, the mark written)
        let cases: [(&str, usize, bool, Option<char>); 12] = [
            // A `J` or `4` right after a word closes a `『` or `[` open a
            // few glyphs before; a `[` before such a quote opens it.
            ("称作『槐米J的", 5, true, Some('』')),
            ("起了『红灯4成", 5, true, Some('』')),
            ("参加[青年歌手J的比赛", 7, true, Some('』')),
            ("参加[青年歌手J的比赛", 2, true, Some('『')),
            // A figure or a letter in a name stays: after a figure, before
            // a letter or figure, or where a `』` closes the quote later.
            ("『第14届』", 3, true, None),
            ("『神舟4号』飞船", 3, true, None),
            ("『卡拉OJK』", 4, true, None),
            // Nothing open, or a mark between: no corner quote.
            ("增长4成", 2, true, None),
            ("『好』，又来J了", 6, true, None),
            // Too far from its opener, a `J` closes nothing.
            ("『一二三四五六七八九十J", 11, true, None),
            // A `[` no closer follows, and an extractor's text: as printed.
            ("见[附表]", 1, true, None),
            ("称作『槐米J的", 5, false, None),
        ];
        for (text, at, ocr, want) in cases {
            assert_eq!(
                mark(text, at, (false, false), ocr).map(|m| m.0),
                want,
                "{text} at {at}"
            );
        }
    }

    #[test]
    fn digit_marks_are_repaired_only_on_ocr_pages() {
        use crate::decision::Record;
        let glyphs = ['7', '.', '5', '亿'];
        let on_ocr = super::repaired_mark(&glyphs, 1, &[], Some(1), Record::All, by(true));
        assert_eq!(on_ocr.map(|(c, _)| c), Some('．'));
        // An extractor's text has the printed mark.
        assert_eq!(
            super::repaired_mark(&glyphs, 1, &[], Some(1), Record::All, by(false)),
            None
        );
    }

    #[test]
    fn a_dash_an_engine_read_as_three_yi_is_written_as_the_dash() {
        use crate::decision::Evidence;
        let written = |raw: &str, role: Role, ocr: bool| -> (String, Vec<Evidence>) {
            let built = read_block(raw, role, ocr);
            (built.text, built.marks.iter().map(|d| d.evidence).collect())
        };
        // Three in a row: the dash, each third a doubt of its own rule.
        let (text, rules) = written("来自山乡一一一记一位乡村教师", Role::Body, true);
        assert_eq!(text, "来自山乡———记一位乡村教师");
        assert_eq!(rules, vec![Evidence::DashReadAsOne; 3]);
        // A longer run: the `一` that starts the next word stays after the
        // dash; the one a word before it ends on stays before it.
        assert_eq!(
            written("盼来了小燕子一一一一个春天的信使", Role::Body, true).0,
            "盼来了小燕子———一个春天的信使"
        );
        assert_eq!(
            written("这是祖国的统一一一一民族的心愿", Role::Body, true).0,
            "这是祖国的统一———民族的心愿"
        );
        // `一一` is a word, one by one; and an extractor's text has the
        // printed glyphs.
        assert_eq!(
            written("他们一一握手", Role::Body, true),
            ("他们一一握手".to_owned(), vec![])
        );
        assert_eq!(
            written("来自山乡一一一记一位乡村教师", Role::Body, false).0,
            "来自山乡一一一记一位乡村教师"
        );
        // In a title, the engine's space before the dash is judged as
        // before a mark: layout, not a phrase break.
        assert_eq!(
            written("风里那片小草 一一一\n记一位老教授", Role::Headline, true).0,
            "风里那片小草———记一位老教授"
        );
    }

    #[test]
    fn an_engine_s_space_beside_a_misread_mark_is_judged_beside_its_repair() {
        let written = |raw: &str| read_block(raw, Role::Body, true).text;
        // The gap the engine saw after a full-width bracket it read as `)`
        // is the bracket's blank half: layout. The space inside the
        // credit, between its role and the name, stays.
        assert_eq!(
            written("本报讯 (记者 王小林) 到2010年，全市"),
            "本报讯（记者 王小林）到2010年，全市"
        );
        // After a dateline that ends on a glyph, the space is the text's.
        assert_eq!(
            written("新华社南宁3月5日电 今年春天"),
            "新华社南宁3月5日电 今年春天"
        );
    }

    #[test]
    fn an_extractor_s_half_width_marks_are_written_full_width_as_they_are() {
        use crate::decision::{Evidence, Record};
        let mark = |text: &str, i: usize, ocr: bool| {
            let glyphs: Vec<char> = text.chars().collect();
            super::repaired_mark(&glyphs, i, &[], Some(i), Record::All, by(ocr))
                .map(|(c, d)| (c, d.map(|d| d.evidence)))
        };
        // `:` between words is a colon, not a misread `。`, and sure.
        assert_eq!(
            mark("目的是:通过", 3, false),
            Some(('：', Some(Evidence::HalfWidthMark)))
        );
        assert_eq!(mark("目的是:通过", 3, true).map(|(c, _)| c), Some('。'));
        assert_eq!(mark("记者(高原)莫", 2, false).map(|(c, _)| c), Some('（'));
        assert_eq!(mark("记者(高原)莫", 5, false).map(|(c, _)| c), Some('）'));
        assert_eq!(mark("支持,这", 2, false).map(|(c, _)| c), Some('，'));
        assert_eq!(mark("好吗?我", 2, false).map(|(c, _)| c), Some('？'));
        // Nothing is repaired where no CJK text is beside the mark.
        assert_eq!(mark("10:30", 2, false), None);
        // An apostrophe between words is an engine's misread wherever it
        // came from.
        assert_eq!(mark("问题'人物", 2, false).map(|(c, _)| c), Some('。'));
        // The space after a half-width closing bracket is judged as after
        // `）`: layout in running text.
        let (text, _) = build("本报讯(记者 高原) 莫桑比克", Role::Body);
        assert_eq!(text, "本报讯（记者 高原）莫桑比克");
    }

    use super::{KeepRule, ReadBy, block_text_read};
    use crate::layout::read_lines;
    use crate::page::{Role, Span};

    /// A block's text as an extractor's page builds it, its doubts kept.
    fn extractor_text(
        chars: &[char],
        lines: &[crate::layout::Line],
        role: Role,
    ) -> super::BuiltText {
        block_text_read(
            chars,
            lines,
            role,
            crate::doubt::Record::Doubts,
            ReadBy::Extractor,
        )
    }
    /// Builds a block from raw lines (separated by `\n`) with `role`.
    fn build(raw: &str, role: Role) -> (String, Vec<KeepRule>) {
        let chars: Vec<char> = raw.chars().collect();
        let lines = crate::layout::lines_of(raw);
        let built = extractor_text(&chars, &lines, role);
        (built.text, built.kept)
    }

    fn body(raw: &str) -> String {
        build(raw, Role::Body).0
    }

    #[test]
    fn space_doubts_come_only_from_two_rules() {
        use crate::doubt::Evidence;
        // The rules the fast path in `block_text_read` skips.
        for e in [
            Evidence::LatinWords,
            Evidence::Credit,
            Evidence::AfterDateline,
            Evidence::NextToPunctuation,
            Evidence::NextToLatin,
            Evidence::LetterSpacing,
        ] {
            assert!(e.confidence_percent() >= crate::doubt::DOUBT_BELOW, "{e:?}");
        }
    }

    #[test]
    fn justification_spaces_go() {
        assert_eq!(
            body(" 为 深 入 打 好 污 染 防 治 攻 坚 战 ，坚 持"),
            "为深入打好污染防治攻坚战，坚持"
        );
        assert_eq!(
            body("记 录 。 该 企 业 上 述 行 为 违 反 了《中 华 人"),
            "记录。该企业上述行为违反了《中华人"
        );
        assert_eq!(body("第 一 款“ 企 业 事 业 单 位"), "第一款“企业事业单位");
        assert_eq!(
            body("“奉献、友爱、互助、进步 ”的志愿精神 ，"),
            "“奉献、友爱、互助、进步”的志愿精神，"
        );
        assert_eq!(body("部 分 ； 从 而"), "部分；从而");
    }

    #[test]
    fn digits_and_cjk_join() {
        assert_eq!(
            body("壁市山城区石林镇西寺望台村。2024 年"),
            "壁市山城区石林镇西寺望台村。2024年"
        );
        assert_eq!(body("8 月 27 日，鹤壁市"), "8月27日，鹤壁市");
        assert_eq!(
            body("通用机械制造厂处以罚款 102200元。"),
            "通用机械制造厂处以罚款102200元。"
        );
        assert_eq!(
            body("每 年 将 财 政 支 出 的 70% 以 上 用 于 改 善"),
            "每年将财政支出的70%以上用于改善"
        );
        assert_eq!(
            body("山等 3 个国家 4A 级旅游景区和 5 家 3A"),
            "山等3个国家4A级旅游景区和5家3A"
        );
    }

    #[test]
    fn lines_join_without_space() {
        assert_eq!(
            body("鹤壁市龙海通用机械制造厂位于鹤\n\n壁市山城区"),
            "鹤壁市龙海通用机械制造厂位于鹤壁市山城区"
        );
    }

    #[test]
    fn latin_words_keep_their_spaces() {
        let (text, kept) = build("推进 the Belt and Road 倡议", Role::Body);
        assert_eq!(text, "推进the Belt and Road倡议");
        assert_eq!(kept, vec![KeepRule::LatinWords; 3]);
    }

    #[test]
    fn dateline_credits() {
        assert_eq!(
            body("本 报 讯 （记 者 王 凤 侠）11 月 20\n\n日 下 午 ，鹤 山 区"),
            "本报讯（记者 王凤侠）11月20日下午，鹤山区"
        );
        assert_eq!(
            body("本 报 讯 （记 者 原 昆 鹏 通 讯\n\n员 张 贯 娇）为 壮 大 全 区"),
            "本报讯（记者 原昆鹏 通讯员 张贯娇）为壮大全区"
        );
        assert_eq!(
            body("本报讯 （记者 李丹丹 通讯员 \n\n闫建伟）为积极落实"),
            "本报讯（记者 李丹丹 通讯员 闫建伟）为积极落实"
        );
        assert_eq!(
            body("据 新 华 社 丽 水 11 月 21 日 电 （记\n\n者 叶 帆 乔 楠）记 者 从 21 日"),
            "据新华社丽水11月21日电（记者 叶帆 乔楠）记者从21日"
        );
        let (text, kept) = build("据 河 南 日 报 消 息  11 月 19 日 ，记 者", Role::Body);
        assert_eq!(text, "据河南日报消息 11月19日，记者");
        assert_eq!(kept, vec![KeepRule::AfterDateline]);
        // In a letter-spaced line the dateline's own space is one of the
        // line's: it is kept all the same.
        let (text, kept) = build("新 华 社 丽 水 9 月 19 日 电 我 与 许 家 明 教", Role::Body);
        assert_eq!(text, "新华社丽水9月19日电 我与许家明教");
        assert_eq!(kept, vec![KeepRule::AfterDateline]);
    }

    #[test]
    fn a_space_before_a_number_in_a_title_is_a_doubt() {
        use crate::decision::Evidence;
        let doubts = |raw: &str, role: Role| {
            let chars: Vec<char> = raw.chars().collect();
            let lines = read_lines(&chars, &[Span::new(0, chars.len())]);
            let built = extractor_text(&chars, &lines, role);
            let spaces: Vec<(usize, Evidence)> =
                built.spaces.iter().map(|d| (d.at, d.evidence)).collect();
            (built.text, spaces)
        };
        // The spaces before `80` and `2005` may part the headline's two
        // halves; those after them are extraction's, sure; so is every one
        // in the body.
        let (text, spaces) = doubts("在 80 年代风靡东南亚各地 2005 年", Role::Headline);
        assert_eq!(text, "在80年代风靡东南亚各地2005年");
        assert_eq!(
            spaces,
            [
                (2, Evidence::NextToLatinInTitle),
                (15, Evidence::NextToLatinInTitle)
            ]
        );
        assert!(Evidence::NextToLatinInTitle.confidence_percent() < crate::doubt::DOUBT_BELOW);
        let (_, spaces) = doubts("在 80 年代风靡东南亚各地 2005 年", Role::Body);
        assert_eq!(spaces, []);
    }

    #[test]
    fn a_line_spaced_throughout_keeps_only_its_wider_gaps() {
        // Letter spacing of two spaces is layout; a wider gap parts phrases.
        assert_eq!(build("走  基  层", Role::Section).0, "走基层");
        assert_eq!(build("走  基  层", Role::Headline).0, "走基层");
        assert_eq!(
            build("走  基  层    新  闻", Role::Headline).0,
            "走基层 新闻"
        );
        assert_eq!(
            build("11 月 21 日 至 22 日", Role::Headline).0,
            "11月21日至22日"
        );
        // Not spaced throughout: a single space parts a title's halves.
        assert_eq!(
            build("建设十有城市 解码幸福生活", Role::Headline).0,
            "建设十有城市 解码幸福生活"
        );
    }

    #[test]
    fn titles_captions_bylines_keep_real_spaces() {
        assert_eq!(
            build("建设十有城市 解码幸福生活", Role::Headline).0,
            "建设十有城市 解码幸福生活"
        );
        assert_eq!(build("街 道 社 区 谈", Role::Section).0, "街道社区谈");
        for (raw, role, want) in [
            // An ellipsis closes a title's first phrase; in running text
            // the same space goes.
            (
                "预计能收到七八百斤粮…… 乡村书屋人气渐旺",
                Role::Headline,
                "预计能收到七八百斤粮…… 乡村书屋人气渐旺",
            ),
            (
                "预计能收到七八百斤粮…… 乡村书屋人气渐旺",
                Role::Body,
                "预计能收到七八百斤粮……乡村书屋人气渐旺",
            ),
            // A sign set from a Latin font is spaced as Latin is: one space
            // next to it is the extractor's.
            ("他每天都喝×× 保健茶", Role::Headline, "他每天都喝××保健茶"),
        ] {
            assert_eq!(build(raw, role).0, want, "{raw} as {role:?}");
        }
        assert_eq!(
            build("我市对 7 名交通违法行为人进行处罚", Role::Headline).0,
            "我市对7名交通违法行为人进行处罚"
        );
        assert_eq!(build("□本报记者 苗苗", Role::Byline).0, "□本报记者 苗苗");
        assert_eq!(
            build("■ 本报记者 钱立新", Role::Byline).0,
            "■本报记者 钱立新",
            "no space after the bullet"
        );
        assert_eq!(
            build(
                "市交通运输行业党建培训基地揭牌活动现场   本报记者 李拥军 摄",
                Role::Caption
            )
            .0,
            "市交通运输行业党建培训基地揭牌活动现场 本报记者 李拥军 摄"
        );
        assert_eq!(
            build("图 为 活 动 现 场 本 报 记 者 李 拥 军 摄", Role::Caption).0,
            "图为活动现场 本报记者 李拥军 摄"
        );
        assert_eq!(
            build(
                "第 3 版 城事 2024 年 6 月 20 日 星期五 本版责任编辑：罗小溪",
                Role::PageHeader
            )
            .0,
            "第3版 城事 2024年6月20日 星期五 本版责任编辑：罗小溪"
        );
    }

    #[test]
    fn body_drops_stray_cjk_spaces() {
        assert_eq!(
            body("更 加 贴 近 民 心 。”淇滨区 社 保 分 中 心 相"),
            "更加贴近民心。”淇滨区社保分中心相"
        );
    }
}
