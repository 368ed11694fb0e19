//! The segmenter: from the lines of a raw page to the proposed structure.
//!
//! Paragraphs are rebuilt from column width and line endings; roles are
//! given; headline stacks are attached to their article; glued lines are
//! split; captions, banners, source notes and continuations are found.

use crate::layout::{
    Line, column_width, dateline, glued_dateline, is_byline, is_caption, is_colon_subhead,
    is_continuation_start, is_page_header, is_source_note, is_title_line, is_titleish, read_lines,
    uses_blank_lines,
};
use crate::normalize::block_text;
use crate::page::{Article, ArticleKind, Block, RawText, Role, Span};

/// Where headline stacks sit relative to their article's body on this page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// Extraction put headlines after the body (reading order broken).
    HeadlinesAfter,
    /// Headlines precede the body, as printed.
    HeadlinesBefore,
}

/// A run of lines that forms one block-to-be.
#[derive(Clone, Debug)]
struct Unit<'a> {
    kind: UnitKind,
    /// Index of the first line in the page's lines.
    start: usize,
    /// The lines, a run of the page's lines.
    lines: &'a [Line],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitKind {
    /// A paragraph. `starts` when it opens with a dateline or continuation
    /// marker; `continuation` for the latter.
    Body {
        starts: bool,
        continuation: bool,
    },
    /// A line that may be a kicker, headline, subheadline or banner.
    Title,
    Subhead,
    Byline,
    Caption,
    Source,
    PageHeader,
}

/// What the assembly step sees.
#[derive(Clone, Debug)]
enum Item {
    Body {
        block: Block,
        starts: bool,
        continuation: bool,
    },
    Stack(Vec<Block>),
    Subhead(Block),
    Byline(Block),
    Caption(Block),
    Source(Block),
    Section(Vec<Block>),
    PageHeader(Block),
}

/// The page's layout facts the segmenter inferred, for display and tests.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageLayout {
    /// Column width in cells.
    pub column_cells: f32,
    /// Whether visual lines are separated by blank lines.
    pub blank_lines: bool,
    /// Where headline stacks sit.
    pub orientation: Orientation,
}

/// Proposes the corrected page: articles in reading order.
#[must_use]
pub fn propose(raw: &RawText) -> (Vec<Article>, PageLayout) {
    let chars: Vec<char> = raw.text().chars().collect();
    let lines = split_glued(&chars, read_lines(&chars, raw.lines()));
    let col = column_width(&lines);
    let blank_lines = uses_blank_lines(&lines);
    let units = group_lines(&lines, col);
    let items = to_items(&chars, &units, col, blank_lines);
    let glued = lines.iter().any(|l| l.glued_title);
    let orientation = if glued {
        Orientation::HeadlinesAfter
    } else {
        orientation(&items)
    };
    let articles = assemble(items, orientation);
    (
        articles,
        PageLayout {
            column_cells: col,
            blank_lines,
            orientation,
        },
    )
}

fn split_glued(chars: &[char], lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for mut line in lines {
        match glued_dateline(&line.glyphs) {
            Some(at) if is_titleish_prefix(&line.glyphs[..at]) => {
                let tail = line.split_off(chars, at);
                line.glued_title = true;
                out.push(line);
                out.push(tail);
            }
            _ => out.push(line),
        }
    }
    out
}

fn is_titleish_prefix(glyphs: &[char]) -> bool {
    glyphs.len() >= 4
        && !glyphs.iter().any(|&c| crate::chars::is_sentence_punct(c))
        && glyphs.iter().filter(|&&c| c == '、').count() <= 1
}

/// A line begins an article when it opens with a dateline or a continuation
/// marker.
fn opens_article(line: &Line) -> Option<bool> {
    if is_continuation_start(line) {
        Some(true)
    } else if dateline(&line.glyphs).is_some() {
        Some(false)
    } else {
        None
    }
}

fn single_line_kind(line: &Line, position: usize) -> Option<UnitKind> {
    if position < 3 && is_page_header(line) {
        Some(UnitKind::PageHeader)
    } else if is_caption(line) {
        Some(UnitKind::Caption)
    } else if is_source_note(line) {
        Some(UnitKind::Source)
    } else if is_byline(line) {
        Some(UnitKind::Byline)
    } else if line.glued_title {
        Some(UnitKind::Title)
    } else {
        None
    }
}

/// Whether `line` looks like the first line of an indented paragraph: about
/// two cells short of the column.
fn looks_indented(line: &Line, col: f32) -> bool {
    line.indented || (line.width >= col - 3.5 && line.width < col - 0.75)
}

/// What the grouping needs to know of each line, worked out once.
struct Facts {
    /// A line that stands alone (caption, byline, …).
    single: Option<UnitKind>,
    /// Opens an article: `Some(true)` for a continuation marker.
    opens: Option<bool>,
    /// A short heading ending with a colon.
    colon: bool,
    /// Could be a title.
    title: bool,
    /// A subheadline opening with a dash.
    dash: bool,
}

impl Facts {
    /// Whether the line can only stand on its own or open an article.
    fn special(&self) -> bool {
        self.single.is_some() || self.opens.is_some()
    }
}

fn facts(lines: &[Line], col: f32) -> Vec<Facts> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| Facts {
            single: single_line_kind(line, i),
            opens: opens_article(line),
            colon: is_colon_subhead(line),
            title: is_title_line(line, col),
            dash: is_dash_title(line),
        })
        .collect()
}

/// Whether the paragraph that line `i` belongs to goes on past it.
///
/// Running text that stops mid-sentence goes on. A line that ends a sentence
/// ends the paragraph when it is short (a first line, which is indented, must
/// be clearly shorter) or when the next line is indented.
fn continues(lines: &[Line], facts: &[Facts], i: usize, col: f32, first: bool) -> bool {
    let line = &lines[i];
    let (Some(next), Some(nf)) = (lines.get(i + 1), facts.get(i + 1)) else {
        return false;
    };
    if nf.special() {
        return false;
    }
    // A short line before a heading such as `案情简介：` ends what it closes.
    if nf.colon && (line.ends_terminal() || line.width < col - 1.5) {
        return false;
    }
    if line.has_open_bracket() {
        return true;
    }
    if !line.ends_terminal() {
        // Inside a paragraph every line is full; a clearly short line that
        // stops mid-phrase ends a heading set in the body column.
        return first || line.width >= col - 3.5;
    }
    let short = if first {
        line.width < col - 3.5
    } else {
        line.width < col - 1.5
    };
    // A title right after a sentence end, itself followed by what follows
    // titles, is a headline printed after (or before) running text.
    let title_next = (nf.title && title_follows(facts, i + 1)) || nf.dash;
    !short && !looks_indented(next, col) && !title_next
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

fn group_lines(lines: &[Line], col: f32) -> Vec<Unit<'_>> {
    let facts = facts(lines, col);
    let mut units: Vec<Unit<'_>> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let f = &facts[i];
        if let Some(kind) = f.single {
            units.push(Unit {
                kind,
                start: i,
                lines: std::slice::from_ref(line),
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
            });
            open = continues(lines, &facts, i, col, true);
            continue;
        }
        if open && let Some(unit) = units.last_mut() {
            unit.lines = &lines[unit.start..=i];
            open = continues(lines, &facts, i, col, false);
            continue;
        }
        if f.dash || f.title && (title_follows(&facts, i) || !looks_indented(line, col)) {
            units.push(Unit {
                kind: UnitKind::Title,
                start: i,
                lines: std::slice::from_ref(line),
            });
            open = false;
            continue;
        }
        if f.colon {
            units.push(Unit {
                kind: UnitKind::Subhead,
                start: i,
                lines: std::slice::from_ref(line),
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
        });
        open = continues(lines, &facts, i, col, true);
    }
    // A short paragraph without any sentence punctuation is a title set in
    // the body column (`鹤壁市龙海通用机械制造厂未按规定进行监测并保存原始监测记录案`).
    for unit in &mut units {
        if unit.kind
            == (UnitKind::Body {
                starts: false,
                continuation: false,
            })
            && unit.lines.len() <= 2
            && unit.lines.iter().all(is_titleish)
        {
            unit.kind = UnitKind::Title;
        }
    }
    units
}

/// Whether a title unit reads as a heading inside an article: it ends with a
/// colon, starts with an enumerator (`一、`, `（一）`, `1.`), or is set as
/// an indented paragraph of the body column.
fn subhead_like(unit: &Unit<'_>, col: f32) -> bool {
    let g: Vec<char> = unit
        .lines
        .iter()
        .flat_map(|l| l.glyphs.iter().copied())
        .collect();
    let enumerated = g.len() >= 3
        && (("一二三四五六七八九十".contains(g[0]) && matches!(g[1], '、' | '是'))
            || (g[0] == '（' && "一二三四五六七八九十".contains(g[1]) && g[2] == '）')
            || (g[0].is_ascii_digit() && matches!(g[1], '.' | '．' | '、')));
    enumerated
        || g.last() == Some(&'：')
        || (unit.lines.len() == 2
            && looks_indented(&unit.lines[0], col)
            && !unit.lines[1].justified)
}

/// Whether a title line is a section banner: letter-spaced, short, all
/// ideographs (`街 道 社 区 谈`).
fn banner_like(unit: &Unit<'_>) -> bool {
    unit.lines.len() == 1
        && unit.lines[0].justified
        && (2..=6).contains(&unit.lines[0].glyphs.len())
        && unit.lines[0]
            .glyphs
            .iter()
            .all(|&c| crate::chars::is_ideograph(c))
}

fn block(chars: &[char], lines: &[Line], role: Role) -> Block {
    let text = block_text(chars, lines, role).text;
    Block {
        role,
        text,
        spans: spans_of(chars, lines),
        edited: false,
    }
}

/// The raw spans of `lines`, merged where only whitespace lies between them.
fn spans_of(chars: &[char], lines: &[Line]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for line in lines {
        let s = line.span();
        if let Some(last) = spans.last_mut()
            && s.start >= last.end
            && chars[last.end..s.start]
                .iter()
                .all(|&c| crate::chars::is_space(c))
        {
            last.end = s.end;
            continue;
        }
        spans.push(s);
    }
    spans
}

fn to_items(chars: &[char], units: &[Unit<'_>], col: f32, blank_lines: bool) -> Vec<Item> {
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
                let in_article = prev_body
                    && next_plain_body
                    && end - i <= 2
                    && (subhead_like(&units[i], col) || next == Some(UnitKind::Subhead));
                if in_article {
                    // A heading set in the body column wraps like a paragraph:
                    // a first line of nearly the column's width makes the run
                    // one heading.
                    if end - i == 2
                        && units[i].lines.len() == 1
                        && units[i].lines[0].width >= col - 3.5
                    {
                        let lines: Vec<Line> = units[i..end]
                            .iter()
                            .flat_map(|u| u.lines.iter().cloned())
                            .collect();
                        items.push(Item::Subhead(block(chars, &lines, Role::Subhead)));
                    } else {
                        for u in &units[i..end] {
                            items.push(Item::Subhead(block(chars, u.lines, Role::Subhead)));
                        }
                    }
                } else {
                    stack_items(chars, &units[i..end], blank_lines, &mut items);
                }
                i = end;
                continue;
            }
            UnitKind::Body {
                starts,
                continuation,
            } => items.push(Item::Body {
                block: block(chars, unit.lines, Role::Body),
                starts,
                continuation,
            }),
            UnitKind::Subhead => {
                items.push(Item::Subhead(block(chars, unit.lines, Role::Subhead)));
            }
            UnitKind::Byline => items.push(Item::Byline(block(chars, unit.lines, Role::Byline))),
            UnitKind::Caption => {
                items.push(Item::Caption(block(chars, unit.lines, Role::Caption)));
            }
            UnitKind::Source => items.push(Item::Source(block(chars, unit.lines, Role::Source))),
            UnitKind::PageHeader => {
                items.push(Item::PageHeader(block(chars, unit.lines, Role::PageHeader)));
            }
        }
        i += 1;
    }
    items
}

/// Turns a run of title lines into headline stacks and section banners.
///
/// In a page with blank lines between visual lines, title lines with no blank
/// between them shared a text box: they join into one title, unless one is
/// letter-spaced and the other not (a kicker set to the headline's width).
/// A banner takes the title lines boxed with it.
fn stack_items(chars: &[char], units: &[Unit<'_>], blank_lines: bool, items: &mut Vec<Item>) {
    // Boxes: runs of lines that belong together.
    let mut boxes: Vec<Vec<Line>> = Vec::new();
    for u in units {
        let line = &u.lines[0];
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
                    && b[0].width >= line.width - 1.0
            });
        match boxes.last_mut() {
            Some(b) if joins => b.push(line.clone()),
            _ => boxes.push(u.lines.to_vec()),
        }
    }
    let mut pending: Vec<Vec<Line>> = Vec::new();
    let mut k = 0;
    while k < boxes.len() {
        let as_unit = Unit {
            kind: UnitKind::Title,
            start: 0,
            lines: &boxes[k],
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
            flush_stack(chars, &mut pending, items);
            items.push(Item::Section(
                banner
                    .iter()
                    .map(|b| block(chars, b, Role::Section))
                    .collect(),
            ));
        } else {
            pending.push(boxes[k].clone());
        }
        k += 1;
    }
    flush_stack(chars, &mut pending, items);
}

/// Whether a line holds a space that is part of its text (between phrases).
fn has_real_space(chars: &[char], line: &Line) -> bool {
    line.offsets.windows(2).any(|w| {
        let ws = w[1] - w[0] - 1;
        if line.justified {
            ws >= 2
        } else {
            ws >= 1 && !chars[w[0]].is_ascii() && !chars[w[1]].is_ascii()
        }
    })
}

const KICKER_ENDINGS: [&str; 10] = [
    "强调", "指出", "表示", "要求", "提出", "时", "说", "称", "上", "中",
];

fn flush_stack(chars: &[char], pending: &mut Vec<Vec<Line>>, items: &mut Vec<Item>) {
    if pending.is_empty() {
        return;
    }
    let roles = stack_roles(pending);
    let blocks = pending
        .iter()
        .zip(roles)
        .map(|(lines, role)| block(chars, lines, role))
        .collect();
    items.push(Item::Stack(blocks));
    pending.clear();
}

/// Roles in a headline stack: one title is the headline; of two, the one that
/// reads as context (ends in `强调`, is letter-spaced, or is shorter and first)
/// is the kicker, else the second is the subheadline; of three or more, the
/// first is the kicker and the last the subheadline.
fn stack_roles(stack: &[Vec<Line>]) -> Vec<Role> {
    let width = |b: &Vec<Line>| b.iter().map(|l| l.width).sum::<f32>();
    match stack {
        [_] => vec![Role::Headline],
        [a, b] => {
            let text: String = a.iter().map(Line::compact).collect();
            let b_text: String = b.iter().map(Line::compact).collect();
            let kicker_cue = KICKER_ENDINGS.iter().any(|e| text.ends_with(e));
            let spaced = a.iter().all(|l| l.justified) && !b.iter().all(|l| l.justified);
            if b_text.starts_with('—') || b_text.starts_with("--") {
                vec![Role::Headline, Role::Subheadline]
            } else if kicker_cue || spaced || width(a) < width(b) {
                vec![Role::Kicker, Role::Headline]
            } else {
                vec![Role::Headline, Role::Subheadline]
            }
        }
        _ => {
            let mut roles = vec![Role::Headline; stack.len()];
            roles[0] = Role::Kicker;
            roles[stack.len() - 1] = Role::Subheadline;
            roles
        }
    }
}

/// Decides where headlines sit from the page's two ends: a page that opens
/// with running text and closes with a headline stack has its headlines after
/// their bodies.
fn orientation(items: &[Item]) -> Orientation {
    let is_edge = |it: &&Item| {
        !matches!(
            it,
            Item::PageHeader(_) | Item::Section(_) | Item::Caption(_)
        )
    };
    let first = items.iter().find(is_edge);
    let last = items.iter().rev().find(is_edge);
    // The last item is the stronger cue: a page may open with a continuation
    // or an article without headline in either layout.
    let mut after = 0;
    let mut before = 0;
    match first {
        Some(
            Item::Body {
                continuation: false,
                ..
            }
            | Item::Subhead(_),
        ) => after += 1,
        Some(Item::Stack(_)) => before += 1,
        _ => {}
    }
    match last {
        Some(Item::Stack(_)) => after += 2,
        Some(Item::Body { .. } | Item::Source(_)) => before += 2,
        _ => {}
    }
    if before > after {
        Orientation::HeadlinesBefore
    } else {
        Orientation::HeadlinesAfter
    }
}

/// An article being assembled, at `index` in the output.
struct Open {
    index: usize,
    has_stack: bool,
    has_body: bool,
    ended: bool,
}

/// Puts items into articles in page order.
struct Assembler {
    after: bool,
    articles: Vec<Article>,
    cur: Option<Open>,
}

impl Assembler {
    fn push(&mut self, kind: ArticleKind, blocks: Vec<Block>) -> usize {
        self.articles.push(Article {
            id: String::new(),
            kind,
            blocks,
        });
        self.articles.len() - 1
    }

    fn open(
        &mut self,
        kind: ArticleKind,
        blocks: Vec<Block>,
        has_stack: bool,
        has_body: bool,
        ended: bool,
    ) {
        let index = self.push(kind, blocks);
        self.cur = Some(Open {
            index,
            has_stack,
            has_body,
            ended,
        });
    }

    fn stack(&mut self, blocks: Vec<Block>) {
        match &mut self.cur {
            Some(open) if self.after && open.has_body && !open.has_stack => {
                let art = &mut self.articles[open.index];
                let at = art.blocks.iter().take_while(|b| b.role.is_title()).count();
                art.blocks.splice(at..at, blocks);
                open.has_stack = true;
            }
            _ => {
                let ended = self.after;
                self.open(ArticleKind::Article, blocks, true, false, ended);
            }
        }
    }

    fn byline(&mut self, b: Block) {
        match &self.cur {
            Some(open) if !self.after && !open.has_body => self.articles[open.index].blocks.push(b),
            _ => self.open(ArticleKind::Article, vec![b], false, false, false),
        }
    }

    fn body(&mut self, block: Block, starts: bool, continuation: bool) {
        let after = self.after;
        let joins = self.cur.as_ref().is_some_and(|open| {
            if starts {
                !open.has_body && !open.ended
            } else if after {
                !open.has_stack && !open.ended
            } else {
                !open.ended
            }
        });
        match &mut self.cur {
            Some(open) if joins => {
                let art = &mut self.articles[open.index];
                art.blocks.push(block);
                if continuation {
                    art.kind = ArticleKind::Continuation;
                }
                open.has_body = true;
            }
            _ => {
                let kind = if continuation {
                    ArticleKind::Continuation
                } else {
                    ArticleKind::Article
                };
                self.open(kind, vec![block], false, true, false);
            }
        }
    }

    /// A subhead or source note goes on with the current article.
    fn tail(&mut self, b: Block) {
        let is_source = b.role == Role::Source;
        let after = self.after;
        match &mut self.cur {
            Some(open) if (!after || !open.has_stack) && !open.ended => {
                self.articles[open.index].blocks.push(b);
                open.ended |= is_source && !after;
                open.has_body = true;
            }
            _ => self.open(ArticleKind::Article, vec![b], false, true, false),
        }
    }
}

fn assemble(items: Vec<Item>, orientation: Orientation) -> Vec<Article> {
    let mut asm = Assembler {
        after: orientation == Orientation::HeadlinesAfter,
        articles: Vec::new(),
        cur: None,
    };
    for item in items {
        match item {
            Item::PageHeader(b) => {
                asm.push(ArticleKind::PageHeader, vec![b]);
            }
            Item::Caption(b) => {
                asm.push(ArticleKind::CaptionOnly, vec![b]);
            }
            Item::Section(blocks) => {
                asm.push(ArticleKind::SectionBanner, blocks);
                asm.cur = None;
            }
            Item::Stack(blocks) => asm.stack(blocks),
            Item::Byline(b) => asm.byline(b),
            Item::Body {
                block,
                starts,
                continuation,
            } => asm.body(block, starts, continuation),
            Item::Subhead(b) | Item::Source(b) => asm.tail(b),
        }
    }
    let mut articles = asm.articles;
    for (n, a) in articles.iter_mut().enumerate() {
        a.id = format!("a{}", n + 1);
    }
    articles
}
#[cfg(test)]
mod tests {
    use super::{Orientation, propose};
    use crate::decode::{Encoding, LineEnding};
    use crate::page::{Article, ArticleKind, RawText, Role};

    /// Lines of a page with a blank line after each, as the seed's extractor writes.
    fn page(lines: &[&str]) -> (Vec<Article>, Orientation) {
        let text = lines.join("\n\n");
        let raw = RawText::new("t.txt", &text, Encoding::Utf8, LineEnding::Lf);
        let (articles, layout) = propose(&raw);
        (articles, layout.orientation)
    }

    fn shape(articles: &[Article]) -> Vec<Vec<(Role, String)>> {
        articles
            .iter()
            .map(|a| a.blocks.iter().map(|b| (b.role, b.text.clone())).collect())
            .collect()
    }

    const BODY_A: [&str; 4] = [
        "为 深 入 打 好 污 染 防 治 攻 坚 战 ，坚 持",
        "精 准 、科 学 、依 法 治 污 ，以 最 严 格 的 法 治",
        "保护生态环境，形成有效震慑，引导企业",
        "自主守法。",
    ];

    #[test]
    fn headlines_after_the_body_close_their_article() {
        let mut lines = BODY_A.to_vec();
        lines.extend(["鹤山区举办文明志愿者培训", "进一步提升志愿服务水平"]);
        lines.extend([
            "本 报 讯 （记 者 王 凤 侠）11 月 20",
            "日 下 午 ，鹤 山 区 委 社 工 部 、共 青 团 鹤 山",
            "区委联合举办培训会。",
        ]);
        lines.push("市交通运输行业党建培训基地揭牌");
        let (articles, orientation) = page(&lines);
        assert_eq!(orientation, Orientation::HeadlinesAfter);
        let s = shape(&articles);
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0][0],
            (Role::Headline, "鹤山区举办文明志愿者培训".to_owned())
        );
        assert_eq!(
            s[0][1],
            (Role::Subheadline, "进一步提升志愿服务水平".to_owned())
        );
        assert_eq!(
            s[0][2].1,
            "为深入打好污染防治攻坚战，坚持精准、科学、依法治污，以最严格的法治保护生态环境，形成有效震慑，引导企业自主守法。"
        );
        assert_eq!(
            s[1][0],
            (Role::Headline, "市交通运输行业党建培训基地揭牌".to_owned())
        );
        assert_eq!(
            s[1][1],
            (
                Role::Body,
                "本报讯（记者 王凤侠）11月20日下午，鹤山区委社工部、共青团鹤山区委联合举办培训会。"
                    .to_owned()
            )
        );
    }

    #[test]
    fn headlines_before_the_body_open_their_article() {
        let mut lines = vec!["鹤山区举办文明志愿者培训"];
        lines.extend(BODY_A);
        lines.push("市交通运输行业党建培训基地揭牌");
        lines.extend([
            "本报讯（记者 王凤侠）11月20日下午，鹤山",
            "区委联合举办培训会。",
        ]);
        let (articles, orientation) = page(&lines);
        assert_eq!(orientation, Orientation::HeadlinesBefore);
        let s = shape(&articles);
        assert_eq!(s[0][0].1, "鹤山区举办文明志愿者培训");
        assert_eq!(s[1][0].1, "市交通运输行业党建培训基地揭牌");
        assert_eq!(s[1][1].0, Role::Body);
    }

    #[test]
    fn glued_headline_is_split_from_the_next_dateline() {
        let mut lines = BODY_A.to_vec();
        lines.push("淇滨区开展“社保服务进万家”活动");
        lines.push("政策解读面对面 温暖服务心贴心本 报 讯 （记 者 李 拥 军）11 月 21");
        lines.extend([
            "日，市交通运输局联合淇县兴达公交公",
            "司举办揭牌活动。",
            "市交通运输行业党建培训基地揭牌",
        ]);
        let s = shape(&page(&lines).0);
        assert_eq!(
            s[0][1],
            (
                Role::Subheadline,
                "政策解读面对面 温暖服务心贴心".to_owned()
            )
        );
        assert_eq!(
            s[1][1].1,
            "本报讯（记者 李拥军）11月21日，市交通运输局联合淇县兴达公交公司举办揭牌活动。"
        );
    }

    #[test]
    fn subheads_source_notes_banners_captions_continuations() {
        let mut lines = BODY_A.to_vec();
        lines.extend([
            "案情简介：",
            "鹤壁市龙海通用机械制造厂位于鹤",
            "壁市山城区石林镇西寺望台村。",
            "（市生态环境局供稿）",
        ]);
        lines.push("鹤壁市生态环境违法典型案例（一）");
        lines.push("建设十有城市 解码幸福生活\n街 道 社 区 谈");
        lines.extend([
            "（上 接 第 一 版）希 望 广 大 企 业 家 聚 焦 主",
            "营主业。",
            "一周一银行 一周一专场",
        ]);
        lines.push("市交通运输行业党建培训基地揭牌活动现场   本报记者 李拥军 摄");
        let (articles, _) = page(&lines);
        let kinds: Vec<ArticleKind> = articles.iter().map(|a| a.kind).collect();
        assert_eq!(
            kinds,
            [
                ArticleKind::Article,
                ArticleKind::SectionBanner,
                ArticleKind::Continuation,
                ArticleKind::CaptionOnly
            ]
        );
        let s = shape(&articles);
        assert_eq!(
            s[0][0],
            (
                Role::Headline,
                "鹤壁市生态环境违法典型案例（一）".to_owned()
            )
        );
        assert_eq!(s[0][2], (Role::Subhead, "案情简介：".to_owned()));
        assert_eq!(
            s[0].last().cloned(),
            Some((Role::Source, "（市生态环境局供稿）".to_owned()))
        );
        assert_eq!(
            s[1],
            [
                (Role::Section, "建设十有城市 解码幸福生活".to_owned()),
                (Role::Section, "街道社区谈".to_owned())
            ]
        );
        assert_eq!(
            s[2][0],
            (Role::Headline, "一周一银行 一周一专场".to_owned())
        );
        assert_eq!(
            s[3],
            [(
                Role::Caption,
                "市交通运输行业党建培训基地揭牌活动现场 本报记者 李拥军 摄".to_owned()
            )]
        );
    }

    #[test]
    fn paragraph_breaks_from_short_lines_and_indents() {
        let lines = [
            "会上，市志愿服务联合会负责人围",
            "绕文明志愿服务基本规范和沟通技巧",
            "进行了讲解，分享了志愿服务知识。",
            "鹤山区相关负责人表示，下一步，",
            "将以此次培训为契机，逐步提升志愿服",
            "务水平。",
            "此次培训为期 12 天，计划培育高素",
            "质农民 50 人。",
        ];
        let s = shape(&page(&lines).0);
        let bodies: Vec<&str> = s.iter().flatten().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            bodies,
            [
                "会上，市志愿服务联合会负责人围绕文明志愿服务基本规范和沟通技巧进行了讲解，分享了志愿服务知识。",
                "鹤山区相关负责人表示，下一步，将以此次培训为契机，逐步提升志愿服务水平。",
                "此次培训为期12天，计划培育高素质农民50人。",
            ]
        );
    }

    #[test]
    fn page_header_is_its_own_article() {
        let mut lines = vec!["第 3 版 要闻 2024 年 6 月 20 日 星期五 责任编辑：王五"];
        lines.extend(BODY_A);
        let (articles, _) = page(&lines);
        assert_eq!(articles[0].kind, ArticleKind::PageHeader);
        assert_eq!(
            articles[0].blocks[0].text,
            "第3版 要闻 2024年6月20日 星期五 责任编辑：王五"
        );
    }
}
