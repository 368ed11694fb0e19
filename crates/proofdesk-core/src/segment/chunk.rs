//! Reading a run of raw lines into the segmenter's lines: a glued title
//! split off its dateline, and the chunks a long page is proposed in.

use super::UnitKind;
use super::paragraphs::single_line_kind;
use crate::layout::{Line, for_each_line, glued_dateline, opens_article};
use crate::page::{LineSpan, Span};

/// A position in a text, in bytes and chars, that only moves forward.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct TextCursor {
    byte: usize,
    pub(super) char: usize,
}

impl TextCursor {
    /// Moves to char offset `to` (never backwards) and returns its byte offset.
    fn seek(&mut self, text: &str, to: usize) -> usize {
        if to > self.char {
            let rest = text.get(self.byte..).unwrap_or("");
            let n = to - self.char;
            let len = rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i);
            self.byte += len;
            self.char = to;
        }
        self.byte
    }
}

/// The lines of raw lines `first..end`, read on their own chars (offsets
/// relative to the first line's start).
pub(super) struct Chunk {
    /// Char offset of the chunk in the page.
    pub(super) base: usize,
    pub(super) chars: Vec<char>,
    pub(super) lines: Vec<Line>,
}

impl Chunk {
    pub(super) fn read(
        text: &str,
        cursor: &mut TextCursor,
        spans: &[LineSpan],
        first: usize,
        end: usize,
    ) -> Self {
        let (Some(head), Some(last)) = (spans.get(first), spans.get(end.wrapping_sub(1))) else {
            return Self {
                base: 0,
                chars: Vec::new(),
                lines: Vec::new(),
            };
        };
        let base = head.start();
        let byte = cursor.seek(text, base);
        let n = last.end().saturating_sub(base);
        // Decoded into a buffer of the right size (no growth checks).
        let mut chars = vec!['\0'; n];
        let mut filled = 0;
        for (slot, c) in chars.iter_mut().zip(text.get(byte..).unwrap_or("").chars()) {
            *slot = c;
            filled += 1;
        }
        chars.truncate(filled);
        // Offsets relative to the chunk's start.
        let local: Vec<Span> = spans[first..end]
            .iter()
            .map(|s| Span::new(s.start() - base, s.end() - base))
            .collect();
        let mut lines = Vec::with_capacity(local.len());
        for_each_line(&chars, &local, |line| split_glued(&chars, line, &mut lines));
        Self { base, chars, lines }
    }
}

/// Where the chunks of a long page start, and the line facts measured on the
/// whole page.
pub(super) struct ChunkPlan {
    /// Raw line index of each chunk's first line, then the number of lines.
    pub(super) starts: Vec<usize>,
    /// What the lines say of the page's column.
    pub(super) column: crate::layout::ColumnTally,
    /// Number of lines.
    pub(super) lines: usize,
    /// Number of lines after the first with a blank line before them.
    pub(super) with_blank: usize,
    /// For each cut, what its line is: the kind of unit it stands alone as,
    /// and whether it opens an article (a continuation: `Some(true)`).
    pub(super) cuts: Vec<(Option<UnitKind>, Option<bool>)>,
}

/// Reads the page in windows of about `chunk_lines` raw lines and cuts it
/// before lines that open a unit of their own.
pub(super) fn plan_chunks(text: &str, spans: &[LineSpan], chunk_lines: usize) -> ChunkPlan {
    let mut plan = ChunkPlan {
        starts: vec![0],
        column: crate::layout::ColumnTally::default(),
        lines: 0,
        with_blank: 0,
        cuts: Vec::new(),
    };
    let mut cursor = TextCursor::default();
    let mut start = 0;
    let mut window = chunk_lines.max(1);
    while start < spans.len() {
        let end = start.saturating_add(window).min(spans.len());
        let chunk = Chunk::read(text, &mut cursor, spans, start, end);
        let cut = if end == spans.len() {
            None
        } else {
            chunk_cut(&chunk.lines)
        };
        let (take, next) = match cut {
            Some(at) => {
                let line = &chunk.lines[at];
                plan.cuts
                    .push((single_line_kind(line, usize::MAX), opens_article(line)));
                // The new chunk takes the blank lines before its first line.
                (at, start + chunk.lines[at - 1].index + 1)
            }
            None if end == spans.len() => (chunk.lines.len(), end),
            None => {
                // No place to cut: read a longer window.
                window = window.saturating_mul(2);
                continue;
            }
        };
        for line in &chunk.lines[..take] {
            if plan.lines > 0 && line.blank_before {
                plan.with_blank += 1;
            }
            plan.lines += 1;
            plan.column.add(line);
        }
        plan.starts.push(next);
        start = next;
        window = chunk_lines.max(1);
    }
    plan
}

/// The last line of a window before which the page can be cut: it opens a
/// unit of its own that is not a title, and it is the first part of its raw
/// line. Not in the first half of the window, so chunks do not get small.
fn chunk_cut(lines: &[Line]) -> Option<usize> {
    let from = (lines.len() / 2).max(3);
    (from..lines.len()).rev().find(|&i| {
        let line = &lines[i];
        let kind = single_line_kind(line, usize::MAX);
        let cuts = match kind {
            Some(UnitKind::Title) => false,
            Some(_) => true,
            None => opens_article(line).is_some(),
        };
        cuts && lines[i - 1].index != line.index
    })
}

/// Splits a headline glued onto a dateline from it, appending the parts to
/// `out`.
fn split_glued(chars: &[char], mut line: Line, out: &mut Vec<Line>) {
    let at = glued_dateline(&line.glyphs)
        .or_else(|| glued_by_spacing(&line))
        .or_else(|| glued_tail(out.last(), &line));
    match at {
        Some(at) if is_titleish_prefix(&line.glyphs[..at]) => {
            let tail = line.split_off(chars, at);
            line.glued_title = true;
            out.push(line);
            out.push(tail);
        }
        _ => out.push(line),
    }
}

/// Where a letter-spaced run of text begins after an unspaced one on the
/// same raw line: two text boxes that extraction put on one line, a
/// headline's last line and the next body's first
/// (`全年营收 650 万美元 本 报 兰 州 1 月 11 日 讯 （ 记 者`). The unspaced run
/// has at least four glyphs, three pairs of ideographs side by side and no
/// space between two ideographs; the spaced one at least six glyphs, nearly
/// all of them spaced.
pub(super) fn glued_by_spacing(line: &Line) -> Option<usize> {
    let o = &line.offsets;
    let g = &line.glyphs;
    let n = g.len();
    if n < 10 {
        return None;
    }
    let gap = |i: usize| o[i + 1] - o[i] - 1;
    let wide = |c: char| !c.is_ascii();
    // The first gap between two ideographs ends the unspaced run.
    let p = (0..n - 1).find(|&i| gap(i) > 0 && wide(g[i]) && wide(g[i + 1]))? + 1;
    // Unspaced: at least three neighbouring ideographs with nothing
    // between them (digits and Latin are spaced in any line).
    let ideo = crate::chars::is_ideograph;
    let tight = (0..p - 1).filter(|&i| ideo(g[i]) && ideo(g[i + 1])).count();
    if p < 4 || n - p < 6 || tight < 3 {
        return None;
    }
    let spaced = (p..n - 1).filter(|&i| gap(i) > 0).count();
    (spaced * 10 >= (n - 1 - p) * 9).then_some(p)
}

/// Where a title's last line ends when it was glued onto the next line
/// of text with one space between (`二、城乡供水设施建设和维护` /
/// `水平提升 排队的市民们纷纷投来赞许的`): the line's only gap, between two
/// ideographs, after two to six ideographs, in a line with no other gap,
/// two glyphs or more wider than the line before it, which holds six
/// ideographs or more and no mark but `、`. What follows the gap must
/// read as running text broken at the column's edge (ending on a word no
/// title ends on): a two-part headline after its kicker has a space of
/// its own (`根据居民议事记录` / `一组数据 老街区改造全面完工`).
pub(super) fn glued_tail(prev: Option<&Line>, line: &Line) -> Option<usize> {
    let prev = prev?;
    let o = &line.offsets;
    let g = &line.glyphs;
    let n = g.len();
    // The title line before it: six glyphs or more, two or more fewer
    // than this line, and right before it (at most a blank line between).
    if prev.glyphs.len() < 6 || n < prev.glyphs.len() + 2 || line.index > prev.index + 2 {
        return None;
    }
    let ideo = crate::chars::is_ideograph;
    let mut gaps = (0..n - 1).filter(|&i| o[i + 1] - o[i] > 1);
    let p = gaps.next()? + 1;
    if gaps.next().is_some() || !(2..=6).contains(&p) || n - p < 8 {
        return None;
    }
    let unmarked = |gs: &[char]| gs.iter().all(|&c| ideo(c) || c == '、');
    (g[..p].iter().all(|&c| ideo(c))
        && ideo(g[p])
        && unmarked(&prev.glyphs)
        && crate::layout::ends_on_function_word(g))
    .then_some(p)
}

fn is_titleish_prefix(glyphs: &[char]) -> bool {
    glyphs.len() >= crate::layout::GLUED_MIN
        && !glyphs.iter().any(|&c| crate::chars::is_sentence_punct(c))
        && glyphs.iter().filter(|&&c| c == '、').count() <= 1
}

#[cfg(test)]
mod tests {
    use crate::layout::lines_of;

    #[test]
    fn a_titles_tail_glued_onto_a_wider_line_by_one_space_is_cut_off() {
        let tail = |text: &str| {
            let lines = lines_of(text);
            super::glued_tail(lines.first(), &lines[1])
                .map(|p| lines[1].glyphs[..p].iter().collect::<String>())
        };
        assert_eq!(
            tail("二、城乡供水设施建设和维护\n\n水平提升 排队的市民们纷纷投来赞许的").as_deref(),
            Some("水平提升")
        );
        for text in [
            // A two-part headline: the space is its own, and the line is
            // no wider than the one before it.
            "这次调研揭示了一个长期被人忽视的\n\n现象 允许村民自主经营",
            // After a sentence's end the line is running text.
            "他说：这是大家的。\n\n水平提升 排队的市民们纷纷投来赞许的",
            // A two-part headline after its kicker: the text after the
            // space ends as a title may.
            "根据居民议事记录\n\n一组数据 老街区改造全面完工",
            // Two gaps: two boxes or more, not one tail.
            "二、城乡供水设施建设和维护\n\n水平提升 排队的市民们 纷纷投来赞许的",
            // A dateline's credit split at the line end, not a title.
            "本报讯（记者 邹明远 通讯\n\n员 钱立新）全市中小学校都要认真",
        ] {
            assert_eq!(tail(text), None, "{text}");
        }
    }

    #[test]
    fn an_unspaced_run_before_a_letter_spaced_one_is_a_glued_title() {
        let glued = |text: &str| {
            let line = lines_of(text).pop().expect("one line");
            super::glued_by_spacing(&line).map(|p| line.glyphs[..p].iter().collect::<String>())
        };
        assert_eq!(
            glued("全年营收 650 万美元 本 报 兰 州 1 月 11 日 讯 （ 记 者").as_deref(),
            Some("全年营收650万美元")
        );
        assert_eq!(
            glued("8 强赛打完 4 场 不 过 ， 最 高 兴 的 还 得 数 他").as_deref(),
            Some("8强赛打完4场")
        );
        for text in [
            "1 月 19 日 随 考 察 团 队 首 次 进 入 保 护",
            "442 或 433 等 等 战 术 站 位 的 调 整 ，",
            "（一）则 是 帮 助 老 人 开 展 日 常",
            "本 报 讯 （ 记 者 卢 国 栋 通 讯",
            "我市对 7 名交通违法行为人进行处罚",
        ] {
            assert_eq!(glued(text), None, "{text}");
        }
    }
}
