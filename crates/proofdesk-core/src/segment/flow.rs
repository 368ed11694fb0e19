//! Text blocks that a layout-order extractor wrote apart, put back in the
//! order their text reads.
//!
//! Plain `pdftotext` writes a page as text boxes: each box's lines one
//! after another, and a wider gap (one more blank line) between two
//! boxes. A box is one column's piece of an article, and the boxes come in
//! the order the extractor sorted them, not the article's: an article that
//! stops mid-sentence at one box's end (`…全国政协主`) goes on in a box
//! written far later (`席…`), after other articles' titles and text. Read
//! in raw order, the stop joins whatever follows it, a headline as often
//! as not.
//!
//! Here each box that stops mid-sentence is linked to a box that opens
//! mid-sentence, and that box is moved after it: a word that reads across
//! the two (`主` / `席`: `主席`) picks the box. Without one, the boxes'
//! heights do, where the boxes are columns' pieces: an article's columns
//! are set to one height, so a piece of 17 rows goes on in the other piece
//! of 17 rows, not in the piece of 21 written between them; the last
//! column may be shorter. The cheapest links are taken first
//! ([`BoxEnds::cost`]). A box that nothing links is set apart from
//! the text before it ([`BlockEdge::Apart`]).
//!
//! Where no box moves, every box going on in the order it was written, the
//! page is in reading order and its extractor only set its blocks apart
//! (pdfminer.six writes each paragraph as a box, and one more where a
//! paragraph turns a column): its lines are read as any page in order's
//! are, except that a title box never goes on from text that stops
//! mid-sentence.

use super::Orientation;
use super::paragraphs::opens_mid_phrase;
use crate::layout::{BlockEdge, CUTS, Line, is_byline, is_caption, is_title_line, opens_article};
use crate::page::{Article, ArticleKind, Role};

/// How much likelier a word across two boxes' ends must make their
/// reading, in eighths of a nat, to link them (two nats)…
const WORD_MARGIN: u32 = 16;
/// …and to link boxes written apart, over any box between them (six
/// nats: a common word, `主` / `席` at 86, not a chance one; a text box
/// of an extractor that keeps the content's order goes on in the next
/// box, and only a word that sure overrules that).
const FAR_WORD_MARGIN: u32 = 48;

/// At least this many boxes, and at most this share of the lines opening
/// one, make a page written in boxes (more and every line is a box of its
/// own: the extractor lost the page's rows, which [`crate::reading`] tells).
const MIN_BOXES: usize = 3;
/// See [`MIN_BOXES`].
const MAX_BOX_SHARE: f32 = 0.5;

/// Moves each box that goes on from an earlier box's mid-sentence stop
/// right after that box, and marks every box's first line with how it
/// stands to the line now before it. `col` is the column's width in cells;
/// `words` whether a word read across two lines may pick the box.
/// Returns how many boxes were moved, `None` where the lines are not in
/// boxes.
pub(super) fn relink_boxes(lines: &mut Vec<Line>, col: f32, words: bool) -> Option<usize> {
    let boxes = boxes_of(lines)?;
    let links = links(lines, &boxes, col, words);
    // Whether box `b` comes after a box that stops mid-sentence and goes
    // on nowhere else: running text there is left to the line-end rules,
    // and a title never goes on from it.
    let after_open_stop = |b: usize| {
        b > 0
            && links[b - 1].is_none()
            && stops_mid_text(&lines[boxes[b - 1].0..boxes[b - 1].1], col)
    };
    // Boxes that all go on in the order they were written are a page in
    // reading order whose extractor set its blocks apart (pdfminer.six
    // writes a box for each paragraph, and one more where a paragraph
    // turns a column): the line-end rules read it as they read any page
    // in order, but a title box never goes on from a box that stops
    // mid-sentence.
    if links
        .iter()
        .enumerate()
        .all(|(a, l)| l.is_none_or(|(to, _)| to == a + 1))
    {
        let apart: Vec<usize> = (1..boxes.len())
            .filter(|&b| after_open_stop(b) && is_title_line(&lines[boxes[b].0], col))
            .map(|b| boxes[b].0)
            .collect();
        for s in apart {
            lines[s].block_edge = BlockEdge::Apart;
        }
        return Some(0);
    }
    let mut order = Vec::with_capacity(lines.len());
    let mut moved = 0;
    let mut linked_to = vec![false; boxes.len()];
    for &(to, _) in links.iter().flatten() {
        if let Some(l) = linked_to.get_mut(to) {
            *l = true;
        }
    }
    for b in 0..boxes.len() {
        if linked_to[b] {
            continue; // written after the box it goes on from
        }
        let mut at = b;
        let after_open = after_open_stop(b) && !is_title_line(&lines[boxes[b].0], col);
        let mut edge = if b == 0 || after_open {
            BlockEdge::Within
        } else {
            BlockEdge::Apart
        };
        loop {
            let (s, e) = boxes[at];
            order.push((s, edge));
            order.extend((s + 1..e).map(|i| (i, BlockEdge::Within)));
            let Some((next, word)) = links[at] else { break };
            moved += usize::from(next != at + 1);
            edge = BlockEdge::RunsOn { word };
            at = next;
        }
    }
    reorder(lines, order.into_iter().map(|(i, edge)| (i, Some(edge))));
    Some(moved)
}

/// Puts back each photo credit that a box-writing extractor wrote tail
/// first: pdfminer.six writes a caption's line (`图为会议现场   本报记者 林小川
/// 摄`) as the description, then the credit's rest (`者 林小川 摄`,
/// `报记者 林小川 摄`, `林小川 摄`), then, in a box of its own, the
/// credit's first glyphs (`本报记`, `本`, `本报记者`). Read in that order
/// the first glyphs are a title or a byline, the rest a section, and the
/// description a headline. Each such pair is swapped, the first glyphs
/// taking the place (its box edge and blank lines) the rest had, and the
/// rest going on from them inside the box, so the line-end rules read the
/// caption as if it were written in order (description, `本报记`, `者
/// 林小川 摄`). Returns how many credits were put back.
pub(super) fn credits_written_tail_first(lines: &mut [Line]) -> usize {
    let mut put_back = 0;
    let mut i = 0;
    while i + 1 < lines.len() {
        if credit_head_after_its_rest(&lines[i], &lines[i + 1]) {
            lines.swap(i, i + 1);
            let (a, b) = lines.split_at_mut(i + 1);
            let (first, second) = (&mut a[i], &mut b[0]);
            // The first glyphs take the place the rest had; the rest goes
            // on from them, on one line of print.
            first.block_edge = second.block_edge;
            second.block_edge = BlockEdge::Within;
            std::mem::swap(&mut first.blank_before, &mut second.blank_before);
            put_back += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    put_back
}

/// Whether `head` holds nothing but the first glyphs of a photo credit's
/// role (`本`, `本报记`, `本报记者`) whose rest, a name and `摄`, is `rest`,
/// the line before it (`者 林小川 摄`).
fn credit_head_after_its_rest(rest: &Line, head: &Line) -> bool {
    let h = &head.glyphs;
    !h.is_empty()
        && crate::layout::ends_on_photo_credit(&rest.glyphs)
        && !crate::layout::ends_on_photo_credit(h)
        && crate::layout::starts_a_credit_role(h)
        && crate::layout::credit_runs_over(head, rest)
}

/// Each box of `lines` as the range of its lines, where the page is
/// written in boxes ([`box_starts`]).
fn boxes_of(lines: &[Line]) -> Option<Vec<(usize, usize)>> {
    let indices: Vec<usize> = lines.iter().map(|l| l.index).collect();
    let starts = box_starts(&indices)?;
    let ends = starts.iter().skip(1).copied().chain([lines.len()]);
    Some(starts.iter().copied().zip(ends).collect())
}

/// Puts `lines` in `order`: each line's position now, with the edge to
/// give it (`None`: it keeps its own).
fn reorder(lines: &mut Vec<Line>, order: impl IntoIterator<Item = (usize, Option<BlockEdge>)>) {
    let mut taken: Vec<Option<Line>> = std::mem::take(lines).into_iter().map(Some).collect();
    for (p, edge) in order {
        if let Some(mut line) = taken.get_mut(p).and_then(Option::take) {
            if let Some(edge) = edge {
                line.block_edge = edge;
            }
            lines.push(line);
        }
    }
}

/// Moves each headline stack that the page's reading left heading no
/// text next to the nearest later article that has no headline, so that
/// it heads that article when the page is read again; returns the first
/// glyph of each stack moved.
///
/// In layout order the headlines set side by side over their columns
/// come first, one after the other, so a stack may come out as an article
/// of its own, and the text it heads, far on, opens with a dateline and no
/// headline (`本报讯（记者…）`). A stack over a continuation
/// (`（上接第一版）`) is not its own either: the rest of an article from
/// another page carries no headline. Such a stack goes before the next
/// article after it that opens with a dateline and no headline (after that
/// article's text where headlines come after their bodies).
pub(super) fn stacks_rehomed(
    lines: &mut Vec<Line>,
    articles: &[Article],
    orientation: Orientation,
    in_order: bool,
) -> Vec<usize> {
    let owner = line_owners(lines, articles);
    // Each article's lines, gathered once (a file of many pages holds
    // thousands of articles).
    let mut by_article: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    for (p, o) in owner.iter().enumerate() {
        if let Some(list) = o.and_then(|o| by_article.get_mut(o.article)) {
            list.push(p);
        }
    }
    let lines_of = |a: usize, title: bool| {
        lines_where(&owner, &by_article, a, |o| !title || o.role.is_title())
    };
    let side_by_side = if in_order && orientation == Orientation::HeadlinesBefore {
        stacks_side_by_side(articles)
    } else {
        Vec::new()
    };
    let mut stacks: Vec<Vec<usize>> = Vec::new();
    let mut headless: Vec<(usize, usize)> = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        if article.kind != ArticleKind::Article && article.kind != ArticleKind::Continuation {
            continue;
        }
        if side_by_side.iter().any(|r| [r.0, r.2].contains(&a)) {
            continue; // paired below
        }
        let titled = article.blocks.iter().any(|b| b.role.is_title());
        if article.blocks.iter().all(|b| b.role.is_title()) {
            if article.kind == ArticleKind::Article {
                stacks.push(lines_of(a, false));
            }
            continue;
        }
        let mine = lines_of(a, false);
        let Some(&opening) = mine
            .iter()
            .find(|&&p| owner[p].is_some_and(|o| !o.role.is_title()))
        else {
            continue;
        };
        match opens_article(&lines[opening]) {
            Some(true) if titled => stacks.push(lines_of(a, true)),
            Some(false) if !titled => {
                headless.push((opening, mine.last().copied().unwrap_or(opening)));
            }
            _ => {}
        }
    }
    stacks.retain(|s| !s.is_empty());
    let mut taken = vec![false; headless.len()];
    // Where each stack goes: before (or after) which line.
    let mut moves: Vec<(Vec<usize>, usize)> = Vec::new();
    for &(_, next, to) in &side_by_side {
        let stack = lines_of(next, true);
        if let (false, Some(&first)) = (stack.is_empty(), lines_of(to, false).first()) {
            moves.push((stack, first));
        }
    }
    for stack in stacks {
        let last = stack.last().copied().unwrap_or(0);
        let Some(h) = (0..headless.len()).find(|&h| !taken[h] && headless[h].0 > last) else {
            continue;
        };
        taken[h] = true;
        let (first, end) = headless[h];
        let at = if orientation == Orientation::HeadlinesAfter {
            end + 1
        } else {
            first
        };
        moves.push((stack, at));
    }
    if orientation == Orientation::HeadlinesBefore {
        let paired: Vec<usize> = side_by_side.iter().flat_map(|r| [r.0, r.1, r.2]).collect();
        moves.extend(second_titles_rehomed(
            articles,
            (&owner, &by_article),
            &paired,
            (&headless, &taken),
        ));
    }
    stacks_moved(lines, &moves)
}

/// Where two articles set side by side have their headlines at one
/// height, pdfminer.six writes the band's titles one after the other,
/// by their height (`A`'s headline, `B`'s headline, `A`'s subheadline),
/// then the columns under them: one stack of two headlines over `A`'s
/// text, and `B`'s text far on, with a dateline and no headline. Each
/// dated text that no stack was moved to (`headless`, not `taken`) takes
/// the second title of the page's first stack of two titles or more over
/// text written before it (the first for the first such text, and so
/// on): returns the moves, as [`stacks_rehomed`] makes them.
fn second_titles_rehomed(
    articles: &[Article],
    (owner, by_article): (&[Option<Owner>], &[Vec<usize>]),
    paired: &[usize],
    (headless, taken): (&[(usize, usize)], &[bool]),
) -> Vec<(Vec<usize>, usize)> {
    // The lines of block `block` of article `a`, in page order.
    let lines_in = |a: usize, block: usize| lines_where(owner, by_article, a, |o| o.block == block);
    // Each article's second title, as its lines' positions, for the
    // articles with two titles or more over text, in page order.
    let seconds: Vec<(usize, Vec<usize>)> = articles
        .iter()
        .enumerate()
        .filter(|&(a, article)| {
            article.kind == ArticleKind::Article
                && !paired.contains(&a)
                && article.blocks.iter().any(|b| b.role == Role::Body)
        })
        .filter_map(|(a, article)| {
            let (second, _) = article
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.role.is_title())
                .nth(1)?;
            let at = lines_in(a, second);
            (!at.is_empty()).then_some((a, at))
        })
        .collect();
    // The texts wanting a headline: dated ones no stack went to, and
    // those that open with a block byline (`□本报记者 某某`), which is
    // set under its article's stack, and no title, after another text
    // (not after a stack of titles alone, which heads it), in page order.
    let mut wanting: Vec<usize> = headless
        .iter()
        .zip(taken)
        .filter(|&(_, &t)| !t)
        .map(|(&(first, _), _)| first)
        .collect();
    let has_text = |a: &Article| a.blocks.iter().any(|b| !b.role.is_title());
    wanting.extend(articles.iter().enumerate().filter_map(|(a, article)| {
        let untitled = article.kind == ArticleKind::Article
            && article.blocks.first()?.role == Role::Byline
            && !article.blocks.iter().any(|b| b.role.is_title())
            && !paired.contains(&a)
            && a.checked_sub(1).is_some_and(|p| has_text(&articles[p]));
        untitled.then(|| lines_in(a, 0).first().copied()).flatten()
    }));
    wanting.sort_unstable();
    let mut given = vec![false; seconds.len()];
    let mut moves = Vec::new();
    for first in wanting {
        // A stack of the same band: at most BAND_REACH articles before.
        let Some(at) = owner.get(first).copied().flatten().map(|o| o.article) else {
            continue;
        };
        let Some(d) = (0..seconds.len()).find(|&d| {
            !given[d]
                && seconds[d].0 + BAND_REACH >= at
                && seconds[d].1.last().is_some_and(|&l| l < first)
        }) else {
            continue;
        };
        given[d] = true;
        moves.push((seconds[d].1.clone(), first));
    }
    moves
}

/// Headline stacks set side by side over their articles, on a page whose
/// boxes are written in reading order (pdfminer.six's layout analysis
/// writes a band's stacks first, left to right, then the columns under
/// them): a stack heading no text, then an article with a stack of its
/// own, then an article with none. The first stack heads the first text,
/// the second the next: returns `(lone stack, next article, article with
/// no stack)` for each such run, as articles' indices.
fn stacks_side_by_side(articles: &[Article]) -> Vec<(usize, usize, usize)> {
    let kind_ok = |a: &Article| a.kind == ArticleKind::Article;
    let all_titles = |a: &Article| a.blocks.iter().all(|b| b.role.is_title());
    let opens_titled = |a: &Article| {
        a.blocks.first().is_some_and(|b| b.role.is_title())
            && a.blocks.iter().any(|b| !b.role.is_title())
    };
    let untitled =
        |a: &Article| !a.blocks.is_empty() && a.blocks.iter().all(|b| !b.role.is_title());
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let mut used = vec![false; articles.len()];
    for a in 0..articles.len().saturating_sub(2) {
        let (lone, next) = (&articles[a], &articles[a + 1]);
        if used[a]
            || used[a + 1]
            || !(kind_ok(lone) && all_titles(lone) && kind_ok(next) && opens_titled(next))
        {
            continue;
        }
        let to = (a + 2..articles.len().min(a + 2 + BAND_REACH))
            .find(|&t| !used[t] && untitled(&articles[t]));
        if let Some(to) = to {
            runs.push((a, a + 1, to));
            for x in [a, a + 1, to] {
                used[x] = true;
            }
        }
    }
    runs
}

/// The farthest, in articles, a band's second text is looked for after the
/// article its stack was read with ([`stacks_side_by_side`]).
const BAND_REACH: usize = 16;

/// Puts each stack of `moves` (its lines' positions) before the line at
/// the position given with it (or at the end), its first line set apart;
/// returns each stack's first glyph.
fn stacks_moved(lines: &mut Vec<Line>, moves: &[(Vec<usize>, usize)]) -> Vec<usize> {
    let mut moving = vec![false; lines.len()];
    for &p in moves.iter().flat_map(|(stack, _)| stack) {
        if let Some(m) = moving.get_mut(p) {
            *m = true;
        }
    }
    let stacks_at = |p: usize| {
        moves
            .iter()
            .filter(move |(_, at)| *at == p)
            .flat_map(|(stack, _)| stack.iter().copied())
    };
    let order: Vec<usize> = moving
        .iter()
        .enumerate()
        .flat_map(|(p, &m)| stacks_at(p).chain((!m).then_some(p)))
        .chain(stacks_at(lines.len()))
        .collect();
    let firsts: Vec<usize> = moves
        .iter()
        .filter_map(|(stack, _)| stack.first().copied())
        .collect();
    let glyphs: Vec<usize> = firsts
        .iter()
        .filter_map(|&p| lines.get(p).and_then(|l| l.offsets.first().copied()))
        .collect();
    let edges = order
        .into_iter()
        .map(|p| (p, firsts.contains(&p).then_some(BlockEdge::Apart)));
    reorder(lines, edges);
    glyphs
}

/// For each line, the article whose block holds its first glyph, and that
/// block's role.
fn line_owners(lines: &[Line], articles: &[Article]) -> Vec<Option<Owner>> {
    let mut spans: Vec<(usize, usize, Owner)> = articles
        .iter()
        .enumerate()
        .flat_map(|(article, a)| {
            a.blocks.iter().enumerate().flat_map(move |(block, b)| {
                let owner = Owner {
                    article,
                    block,
                    role: b.role,
                };
                b.spans.iter().map(move |s| (s.start, s.end, owner))
            })
        })
        .collect();
    spans.sort_unstable_by_key(|&(start, ..)| start);
    lines
        .iter()
        .map(|line| {
            let first = *line.offsets.first()?;
            let i = spans.partition_point(|&(start, ..)| start <= first);
            let &(_, end, owner) = spans.get(i.checked_sub(1)?)?;
            (first < end).then_some(owner)
        })
        .collect()
}

/// The lines of article `a` (`by_article`, gathered from `owner`) whose
/// owner `keeps`, in page order.
fn lines_where(
    owner: &[Option<Owner>],
    by_article: &[Vec<usize>],
    a: usize,
    keep: impl Fn(Owner) -> bool,
) -> Vec<usize> {
    by_article.get(a).map_or_else(Vec::new, |list| {
        list.iter()
            .copied()
            .filter(|&p| owner.get(p).copied().flatten().is_some_and(&keep))
            .collect()
    })
}

/// The block that holds a line's first glyph: its article's index, its
/// index in that article, and its role.
#[derive(Clone, Copy)]
struct Owner {
    article: usize,
    block: usize,
    role: Role,
}

/// Whether `text` is written in boxes ([`box_starts`]): read before the
/// page is, so that a page in boxes is read whole.
pub(super) fn written_in_boxes(text: &str) -> bool {
    let rows: Vec<usize> = text
        .split('\n')
        .enumerate()
        .filter(|(_, row)| !row.trim().is_empty())
        .map(|(i, _)| i)
        .collect();
    box_starts(&rows).is_some()
}

/// Where each box starts among the page's lines (`rows`: the raw line
/// index of each), where the page is written in boxes: the gap before a
/// box's first line (in raw lines) is wider than the gap most lines have
/// before them.
fn box_starts(rows: &[usize]) -> Option<Vec<usize>> {
    let gaps: Vec<usize> = rows
        .windows(2)
        .map(|w| w[1].checked_sub(w[0] + 1))
        .collect::<Option<_>>()?;
    let mut counts = [0usize; 8];
    for &g in &gaps {
        counts[g.min(7)] += 1;
    }
    let usual = (0..counts.len()).max_by_key(|&g| (counts[g], std::cmp::Reverse(g)))?;
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            gaps.iter()
                .enumerate()
                .filter(|&(_, &g)| g > usual)
                .map(|(i, _)| i + 1),
        )
        .collect();
    #[expect(clippy::cast_precision_loss, reason = "line counts are small")]
    let share = starts.len() as f32 / rows.len().max(1) as f32;
    (starts.len() >= MIN_BOXES && share <= MAX_BOX_SHARE).then_some(starts)
}

/// For each box, the box its text goes on in, if any, and whether a word
/// reads across the two. First the pairs a word reads across, surest
/// first ([`crate::lexicon::across_margin`] at least [`WORD_MARGIN`], or
/// [`FAR_WORD_MARGIN`] for boxes not written one after the other: `主` /
/// `席`, not `主` / `时`); then, without a word, the boxes left are paired
/// by their heights ([`BoxEnds::cost`], [`cheapest_links`]).
fn links(
    lines: &[Line],
    boxes: &[(usize, usize)],
    col: f32,
    words: bool,
) -> Vec<Option<(usize, bool)>> {
    let stops: Vec<bool> = boxes
        .iter()
        .map(|&(s, e)| stops_mid_text(&lines[s..e], col))
        .collect();
    let opens: Vec<bool> = boxes
        .iter()
        .map(|&(s, e)| opens_mid_text(&lines[s], col) && !headed(&lines[s..e], col))
        .collect();
    let mut links: Vec<Option<(usize, bool)>> = vec![None; boxes.len()];
    let mut linked = vec![false; boxes.len()];
    if words {
        let mut pairs: Vec<(u32, usize, usize)> = Vec::new();
        for b in (0..boxes.len()).filter(|&b| opens[b]) {
            for a in (b.saturating_sub(WORD_REACH)..b).filter(|&a| stops[a]) {
                let end = &lines[boxes[a].1 - 1].glyphs;
                let margin = crate::lexicon::across_margin(end, &lines[boxes[b].0].glyphs);
                let least = if b == a + 1 {
                    WORD_MARGIN
                } else {
                    FAR_WORD_MARGIN
                };
                if let Some(m) = margin.filter(|&m| m >= least) {
                    pairs.push((m, a, b));
                }
            }
        }
        pairs.sort_by_key(|&(m, a, b)| (std::cmp::Reverse(m), b, std::cmp::Reverse(a)));
        for (_, a, b) in pairs {
            if links[a].is_none() && !linked[b] {
                links[a] = Some((b, true));
                linked[b] = true;
            }
        }
    }
    // Without a word across, the boxes left are paired by their heights.
    let rows: Vec<usize> = boxes
        .iter()
        .map(|&(s, e)| text_rows(&lines[s..e], col))
        .collect();
    let ends = BoxEnds {
        by_height: pieces_hold_paragraphs(lines, boxes, &rows, col),
        rows,
        stops,
        links: links.iter().map(|l| l.map(|(to, _)| to)).collect(),
    };
    let from: Vec<usize> = (0..boxes.len())
        .filter(|&a| ends.stops[a] && links[a].is_none())
        .collect();
    let to: Vec<usize> = (0..boxes.len())
        .filter(|&b| opens[b] && !linked[b])
        .collect();
    for (a, b) in cheapest_links(&ends, &from, &to) {
        links[a] = Some((b, false));
    }
    links
}

/// Rows of running text a box holds at the least for it to be a column's
/// piece whose height says which box goes on from it: a shorter box is a
/// paragraph, a caption or a title, whatever column it stands in.
const MIN_PIECE_ROWS: usize = 4;

// What a link without a word across costs ([`BoxEnds::cost`]). A box goes
// on in the next column of its article, and an article's columns are set
// to one height, give or take a row (a paragraph's space, a byline); its
// last column may be shorter. Measured on the layout-order devpages (the
// links right: 006 5 of 9 with the box written next, 9 of 9 so) and on
// the 40 typeset pages read by plain `pdftotext` (none lost).

/// The cost of a link between pieces one row apart in height (none
/// between pieces of one height).
const ROW_OFF: f32 = 0.25;
/// The cost of a link to a shorter box written later that ends the
/// article.
const LAST_COLUMN: f32 = 1.5;
/// What linking a box to one written after others costs over the height
/// (an extractor writes most pieces in the order they are read).
const WRITTEN_APART: f32 = 0.5;
/// The cost of a link to the box written right after, where the heights
/// do not say (a short box)…
const NEXT_BOX: f32 = 1.0;
/// …and where two column pieces' heights disagree.
const NEXT_BOX_UNLIKE: f32 = 2.0;
/// The cost of leaving a box that stops mid-sentence unlinked: a link must
/// cost less.
const UNLINKED: f32 = 2.5;

/// The boxes' ends as the links without a word see them.
struct BoxEnds {
    /// Whether the boxes are columns' pieces, whose heights are compared
    /// ([`pieces_hold_paragraphs`]); else only the box written next may go
    /// on from a box.
    by_height: bool,
    /// Each box's rows of running text ([`text_rows`]).
    rows: Vec<usize>,
    /// Whether each box stops mid-sentence.
    stops: Vec<bool>,
    /// The links a word made.
    links: Vec<Option<usize>>,
}

impl BoxEnds {
    /// What linking box `a` to box `b` costs without a word, `None` where
    /// nothing says it.
    fn cost(&self, a: usize, b: usize) -> Option<f32> {
        if !self.by_height {
            return (b == a + 1).then_some(NEXT_BOX);
        }
        let (ra, rb) = (self.rows[a], self.rows[b]);
        let pieces = ra >= MIN_PIECE_ROWS && rb >= MIN_PIECE_ROWS;
        #[expect(clippy::cast_precision_loss, reason = "row counts are small")]
        let height = if !pieces {
            None
        } else if ra.abs_diff(rb) <= 1 {
            Some(ra.abs_diff(rb) as f32 * ROW_OFF)
        } else if ra > rb && !self.stops[b] && b > a {
            Some(LAST_COLUMN)
        } else {
            None
        };
        if b == a + 1 {
            Some(match height {
                Some(h) if h <= ROW_OFF => 0.0,
                Some(h) => h.min(NEXT_BOX),
                None if pieces => NEXT_BOX_UNLIKE,
                None => NEXT_BOX,
            })
        } else {
            height.map(|h| h + WRITTEN_APART)
        }
    }
}

/// The links from boxes `from` to boxes `to` that cost least, cheapest
/// first ([`BoxEnds::cost`], below [`UNLINKED`]; among equals the boxes
/// written nearer each other first), each box linked once and no loop of
/// boxes closed. (Session 51 also weighed every choice for the pairing
/// that costs least in all: the same articles on every page measured, and
/// three to four times slower on a page of a thousand boxes.)
fn cheapest_links(ends: &BoxEnds, from: &[usize], to: &[usize]) -> Vec<(usize, usize)> {
    // `to` is in page order: each box looks no further than LINK_REACH
    // boxes either way.
    let mut pairs: Vec<(f32, usize, usize)> = from
        .iter()
        .flat_map(|&a| {
            let near = to.partition_point(|&b| b + LINK_REACH < a)
                ..to.partition_point(|&b| b <= a + LINK_REACH);
            to[near]
                .iter()
                .filter(move |&&b| b != a)
                .filter_map(move |&b| ends.cost(a, b).map(|c| (c, a, b)))
        })
        .filter(|&(c, ..)| c < UNLINKED)
        .collect();
    pairs.sort_by(|x, y| {
        x.0.total_cmp(&y.0)
            .then(x.1.abs_diff(x.2).cmp(&y.1.abs_diff(y.2)))
            .then(x.1.cmp(&y.1))
    });
    // Each box's next box: the word links, then the links chosen here.
    let mut next = ends.links.clone();
    let mut linked_to = vec![false; next.len()];
    for &b in next.iter().flatten() {
        linked_to[b] = true;
    }
    let mut chosen = Vec::new();
    for (_, a, b) in pairs {
        if next[a].is_some() || linked_to[b] || closes_loop(&next, a, b) {
            continue;
        }
        next[a] = Some(b);
        linked_to[b] = true;
        chosen.push((a, b));
    }
    chosen
}

/// The farthest back, in boxes, a box's text is looked for where a word
/// reads across: more boxes than any page holds (80 at the most on
/// pdfminer.six's text of the typeset pages, 27 on the layout-order
/// devpages), so that a file of many pages, thousands of boxes, does not
/// weigh a word across every pair of them (a 2.5 MB file of pdfminer.six's
/// pages, 12,770 boxes, took 3.3 s, three quarters of it there).
const WORD_REACH: usize = 256;

/// The farthest apart, in boxes, two boxes linked without a word are: an
/// article's pieces are written near each other, and a page of thousands
/// of boxes would weigh millions of pairs.
const LINK_REACH: usize = 64;

/// Whether linking box `a` to box `b` closes a loop: `b`'s chain of next
/// boxes leads back to `a`.
fn closes_loop(next: &[Option<usize>], a: usize, b: usize) -> bool {
    let mut at = Some(b);
    for _ in 0..=next.len() {
        match at {
            Some(x) if x == a => return true,
            Some(x) => at = next.get(x).copied().flatten(),
            None => return false,
        }
    }
    true
}

/// Whether the page's boxes are columns' pieces: most boxes of
/// [`MIN_PIECE_ROWS`] rows or more (`rows`, each box's [`text_rows`]) hold
/// a paragraph's end before their last line. An extractor that writes a
/// box for each paragraph (pdfminer.six) writes none such, and its boxes'
/// heights are the paragraphs'.
fn pieces_hold_paragraphs(
    lines: &[Line],
    boxes: &[(usize, usize)],
    rows: &[usize],
    col: f32,
) -> bool {
    let (mut tall, mut holding) = (0usize, 0usize);
    for (&(s, e), &r) in boxes.iter().zip(rows) {
        if r < MIN_PIECE_ROWS {
            continue;
        }
        let piece = &lines[s..e];
        tall += 1;
        let inner = &piece[..piece.len() - 1];
        if inner
            .iter()
            .any(|l| l.ends_terminal() && l.width < col - CUTS.short)
        {
            holding += 1;
        }
    }
    tall > 0 && holding * 2 >= tall
}

/// A box's rows of running text: its lines less the title lines over them
/// (a headline the extractor wrote into the box of the text under it).
fn text_rows(lines: &[Line], col: f32) -> usize {
    let titles = lines
        .iter()
        .take_while(|l| is_title_line(l, col) && opens_article(l).is_none() && !is_byline(l))
        .count();
    lines.len() - titles
}

/// Whether a box opens with a title: a title line over a short one, a
/// byline or a dateline (`城东新建的市图书馆今天开` / `门迎客`), or alone.
fn headed(lines: &[Line], col: f32) -> bool {
    let Some((first, rest)) = lines.split_first() else {
        return false;
    };
    is_title_line(first, col)
        && rest.first().is_none_or(|next| {
            is_title_line(next, col) && next.width < col - CUTS.short
                || is_byline(next)
                || opens_article(next).is_some()
        })
}

/// A line set at the column's full width, as running text is.
fn at_full_width(line: &Line, col: f32) -> bool {
    line.width >= col - CUTS.short && line.width <= col + CUTS.slack
}

/// Whether a box stops mid-sentence: its last line has no sentence's end
/// and is running text, full, or a paragraph's indented first line with
/// a mark only running text has (`这座桥，当它还在图纸上修改`), or any line
/// after running text in its box (`由本社出版。` / `市青年队主场迎战省队老`:
/// in layout order a title stands above its text, never under it).
fn stops_mid_text(lines: &[Line], col: f32) -> bool {
    let Some((line, before)) = lines.split_last() else {
        return false;
    };
    let running = |l: &Line| at_full_width(l, col) || l.has_sentence_punct();
    let first_line = line.width >= col - CUTS.indent - CUTS.slack && line.has_sentence_punct();
    !line.ends_terminal()
        && !is_caption(line)
        && (at_full_width(line, col) || first_line || before.last().is_some_and(running))
}

/// Whether a box's first line opens mid-sentence: it opens with a particle
/// or a mark no line opens with, or it is a full line (a paragraph's first
/// is indented), or a short line that ends a sentence (a paragraph's
/// last, `感。`). Never a dateline, a byline or a caption.
fn opens_mid_text(line: &Line, col: f32) -> bool {
    if opens_article(line).is_some() || is_byline(line) || is_caption(line) {
        return false;
    }
    opens_mid_phrase(line)
        || at_full_width(line, col)
        || line.ends_terminal() && line.width < col - CUTS.indent - CUTS.slack
}

/// A page as plain `pdftotext` and pdfminer.six write it in text boxes
/// (with a blank line after each line, as the devpages keep it): the
/// lines of each box one blank line apart, the boxes three.
#[cfg(test)]
pub(super) fn boxes_page(boxes: &[&[&str]]) -> String {
    boxes
        .iter()
        .map(|b| b.join("\n\n"))
        .collect::<Vec<_>>()
        .join("\n\n\n\n")
}

#[cfg(test)]
mod tests {
    use super::{boxes_page, credits_written_tail_first, relink_boxes, stacks_rehomed};
    use crate::layout::{BlockEdge, Line, lines_of};
    use crate::page::{Article, ArticleKind, Block, RawText, Role, Span};
    use crate::segment::Orientation;

    const HEAD: &[&str] = &["新馆开门迎客"];
    const LIBRARY: &[&str] = &[
        "昨天上午城东新建的图书馆",
        "正式向市民开放，区里几位",
        "老同志和市政协的一位副主",
    ];
    const OTHER_HEAD: &[&str] = &["公交线路调整时刻"];
    const BUSES: &[&str] = &[
        "本报讯（记者王明）本月起",
        "全市公交线路调整发车时刻",
        "表，早班车提前半小时发车",
        "从下周一开始执行。",
    ];
    const GOES_ON: &[&str] = &["席专门到场祝贺，并为新馆", "题写了馆名。"];

    /// `text` as a UTF-8 page.
    fn raw_of(text: &str) -> RawText {
        RawText::new(
            "t.txt",
            text,
            crate::decode::Encoding::Utf8,
            crate::decode::LineEnding::Lf,
        )
    }

    fn relinked(text: &str) -> (Vec<Line>, Option<usize>) {
        let mut lines = lines_of(text);
        let moved = relink_boxes(&mut lines, 12.0, true);
        (lines, moved)
    }

    fn firsts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.glyphs.iter().take(3).collect())
            .collect()
    }

    /// The texts of `lines`, their glyphs run together.
    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.glyphs.iter().collect()).collect()
    }

    #[test]
    fn a_credit_written_tail_first_is_put_back_in_order() {
        // pdfminer.six's order: the description, the credit's rest, then
        // its first glyphs in a box of their own; split after `本报记`,
        // after `本`, and after the whole role.
        for (rest, head) in [
            ("者\u{a0}林小川\u{a0}摄", "\u{a0} 本报记"),
            ("报记者 林小川 摄", "本"),
            (" 林小川 摄", "  本报记者"),
        ] {
            let text = boxes_page(&[HEAD, LIBRARY, &["志愿者为老人义诊 ", rest], &[head], BUSES]);
            let mut lines = lines_of(&text);
            // The first glyphs' box set apart, as box reading marks a box.
            let first_glyphs = lines.len() - BUSES.len() - 1;
            lines[first_glyphs].block_edge = BlockEdge::Apart;
            let edges: Vec<BlockEdge> = lines.iter().map(|l| l.block_edge).collect();
            let blanks: Vec<bool> = lines.iter().map(|l| l.blank_before).collect();
            assert_eq!(credits_written_tail_first(&mut lines), 1, "{rest} / {head}");
            let t = texts(&lines);
            let at = t
                .iter()
                .position(|x| x == "志愿者为老人义诊")
                .expect("description");
            let credit = format!("{}{}", t[at + 1], t[at + 2]);
            assert_eq!(credit, "本报记者林小川摄", "{rest} / {head}");
            // The first glyphs take the rest's place, its edge and blank
            // lines; the rest goes on from them, inside the box.
            let now: Vec<BlockEdge> = lines.iter().map(|l| l.block_edge).collect();
            assert_eq!(now[at + 1], edges[at + 1]);
            assert_eq!(now[at + 2], BlockEdge::Within, "{rest} / {head}");
            assert_eq!(now[..=at], edges[..=at]);
            assert_eq!(
                lines.iter().map(|l| l.blank_before).collect::<Vec<_>>(),
                blanks
            );
        }
        // Left as written: a credit already in order, a whole credit over
        // the next box's first glyph, a sentence that ends on `摄`, and a
        // byline over a box that opens with `本`.
        for boxes in [
            &[
                HEAD,
                &["志愿者为老人义诊 ", "本报记"],
                &["者 林小川 摄"],
                BUSES,
            ][..],
            &[HEAD, &["本报记者 林小川 摄"], &["本"], BUSES][..],
            &[HEAD, &["这幅照片是他年轻时所摄"], &["本报"], BUSES][..],
            &[HEAD, &["本报记者 林小川"], &["本"], BUSES][..],
        ] {
            let mut lines = lines_of(&boxes_page(boxes));
            let before = texts(&lines);
            assert_eq!(credits_written_tail_first(&mut lines), 0, "{before:?}");
            assert_eq!(texts(&lines), before);
        }
    }

    #[test]
    fn a_box_a_word_reads_into_goes_on_after_it_however_far() {
        let text = boxes_page(&[HEAD, LIBRARY, OTHER_HEAD, BUSES, GOES_ON]);
        let (lines, moved) = relinked(&text);
        assert_eq!(moved, Some(1));
        assert_eq!(
            firsts(&lines),
            [
                "新馆开",
                "昨天上",
                "正式向",
                "老同志",
                "席专门",
                "题写了",
                "公交线",
                "本报讯",
                "全市公",
                "表，早",
                "从下周"
            ]
        );
        let edges: Vec<BlockEdge> = lines.iter().map(|l| l.block_edge).collect();
        assert_eq!(edges[1], BlockEdge::Apart, "text under a title box");
        assert_eq!(edges[4], BlockEdge::RunsOn { word: true }, "`副主` / `席`");
        assert_eq!(
            edges[6],
            BlockEdge::Apart,
            "the next title, after the moved box"
        );
        assert_eq!(edges[7], BlockEdge::Apart);
        assert!(edges[8..].iter().all(|&e| e == BlockEdge::Within));
    }

    #[test]
    fn without_a_word_across_a_far_box_stays_where_it_was_written() {
        let no_word: &[&str] = &["专门到场祝贺，并为新馆题", "写了馆名。"];
        let text = boxes_page(&[HEAD, LIBRARY, OTHER_HEAD, BUSES, no_word]);
        let (lines, moved) = relinked(&text);
        assert_eq!(moved, Some(0));
        assert_eq!(
            lines.last().map(Line::compact).as_deref(),
            Some("写了馆名。")
        );
        assert_eq!(links_of(&text)[1], None, "no link to a box not next");
    }

    #[test]
    fn a_far_box_needs_a_surer_word_than_the_next_one() {
        // `派` / `员` (margin 31): a word, but a weaker one than `副主` /
        // `席` (86).
        let stops: &[&str] = &[
            "昨天上午城东新建的图书馆",
            "正式向市民开放，区里几位",
            "市民开放，省里来的一位派",
        ];
        let goes_on: &[&str] = &["员专门到场祝贺，并为新馆", "题写了馆名。"];
        let far = boxes_page(&[HEAD, stops, OTHER_HEAD, BUSES, goes_on]);
        let (lines, moved) = relinked(&far);
        assert_eq!(moved, Some(0), "{:?}", firsts(&lines));
        assert_eq!(links_of(&far)[1], None);
        let next = boxes_page(&[HEAD, stops, goes_on]);
        assert_eq!(links_of(&next)[1], Some((2, true)));
    }

    #[test]
    fn the_next_box_opening_mid_sentence_goes_on_from_a_box_that_stops_so() {
        let text = boxes_page(&[HEAD, LIBRARY, &["专门到场祝贺，并为新馆题", "写了馆名。"]]);
        assert_eq!(links_of(&text)[1], Some((2, false)));
        let (_, moved) = relinked(&text);
        assert_eq!(moved, Some(0), "written right after it: nothing moves");
    }

    /// An article's first column (five rows, a paragraph ending inside),
    /// stopping mid-sentence with no word across into its second.
    const LIBRARY_LEFT: &[&str] = &[
        "本报讯（记者王明）城东新",
        "建的图书馆昨天正式开放。",
        "馆里藏书二十万册。",
        "区里几位老同志和市政协的",
        "一位副主任也到场表示祝贺",
    ];
    const LIBRARY_RIGHT: &[&str] = &[
        "并为新馆题写了馆名和楹联",
        "，引来不少市民驻足观看。",
        "每天开放到晚上九点。",
        "周一闭馆整理，节假日照常",
        "开放。",
    ];
    /// Another article's columns, seven rows each.
    const BUSES_LEFT: &[&str] = &[
        "本报讯（记者李华）本月起",
        "全市公交线路调整发车时刻",
        "，早班车提前半小时发车。",
        "末班车推迟到夜里十一点。",
        "市民可查询新时刻表。",
        "公交公司还在城北增设了三",
        "条夜班线路，每条线路都有",
    ];
    const BUSES_RIGHT: &[&str] = &[
        "专人负责调度和安全检查。",
        "票价不变，老人和学生仍可",
        "享受半价优惠。",
        "公交公司提醒市民，新的时",
        "刻表将在各站台张贴，也可",
        "在手机上查询，遇到问题可",
        "拨打服务热线。",
    ];

    #[test]
    fn columns_pieces_of_one_height_go_on_in_each_other_without_a_word() {
        // Plain `pdftotext` wrote the first article's second column after
        // the second article's first: read in that order, the bus text
        // would run on into the library's.
        let text = boxes_page(&[
            HEAD,
            LIBRARY_LEFT,
            OTHER_HEAD,
            BUSES_LEFT,
            LIBRARY_RIGHT,
            BUSES_RIGHT,
        ]);
        let links = links_of(&text);
        assert_eq!(links[1], Some((4, false)), "five rows go on in five");
        assert_eq!(links[3], Some((5, false)), "seven rows go on in seven");
        let (lines, moved) = relinked(&text);
        assert_eq!(moved, Some(2));
        let order: Vec<String> = lines.iter().map(Line::compact).collect();
        let at = |s: &str| order.iter().position(|l| l == s);
        assert_eq!(
            at("并为新馆题写了馆名和楹联"),
            at("一位副主任也到场表示祝贺").map(|p| p + 1),
            "{order:?}"
        );
        assert_eq!(
            at("专人负责调度和安全检查。"),
            at("条夜班线路，每条线路都有").map(|p| p + 1),
            "{order:?}"
        );
    }

    #[test]
    fn paragraph_boxes_heights_say_nothing() {
        // An extractor that writes a box per paragraph: no box holds a
        // paragraph's end before its last line, so only the box written
        // next may go on from a box, however like the heights.
        let stops: &[&str] = &[
            "本报讯（记者王明）城东新",
            "建的图书馆昨天正式开放，",
            "馆里藏书二十万册，区里几",
            "位老同志和市政协的一位副",
            "主任也到场表示了热烈祝贺",
        ];
        let buses: &[&str] = &[
            "本报讯（记者李华）本月起",
            "全市公交线路调整发车时刻",
            "，早班车提前半小时发车，",
            "末班车推迟到夜里十一点，",
            "市民可查询新时刻表。",
        ];
        let far: &[&str] = &[
            "并为新馆题写了馆名和楹联",
            "，引来不少市民驻足观看，",
            "每天开放到晚上九点，周一",
            "闭馆整理，节假日照常开放",
            "，欢迎市民前来借阅图书。",
        ];
        let text = boxes_page(&[HEAD, stops, OTHER_HEAD, buses, far]);
        let links = links_of(&text);
        assert_eq!(links.len(), 5, "five boxes");
        assert_eq!(links[1], None, "{links:?}");
        let in_pieces = boxes_page(&[HEAD, LIBRARY_LEFT, OTHER_HEAD, BUSES_LEFT, LIBRARY_RIGHT]);
        assert_eq!(links_of(&in_pieces)[1], Some((4, false)), "columns' pieces");
    }

    #[test]
    fn a_title_box_at_full_width_does_not_go_on_from_text() {
        let title: &[&str] = &["城东新建的市图书馆今天开", "门迎客", "本报记者王明"];
        let text = boxes_page(&[LIBRARY_LEFT, title, LIBRARY_RIGHT]);
        let links = links_of(&text);
        assert_eq!(links[0], Some((2, false)), "past the title: {links:?}");
        let text = boxes_page(&[HEAD, LIBRARY_LEFT, title]);
        let links = links_of(&text);
        assert_eq!(links.len(), 3, "three boxes");
        assert_eq!(links[1], None, "{links:?}");
    }

    #[test]
    fn a_kicker_box_over_a_wider_title_box_heads_its_article() {
        // On a page whose boxes were moved, each title box that nothing
        // links to the text before it starts a stack of its own, unless it
        // is a kicker set short over the headline box that follows.
        let kicker: &[&str] = &["文化惠民"];
        let head: &[&str] = &["城东新建图书馆开门迎客"];
        let text = boxes_page(&[
            kicker,
            head,
            LIBRARY_LEFT,
            OTHER_HEAD,
            BUSES_LEFT,
            LIBRARY_RIGHT,
            BUSES_RIGHT,
        ]);
        let (articles, _) = crate::segment::propose(&raw_of(&text));
        let library = articles
            .iter()
            .find(|a| a.blocks.iter().any(|b| b.text.contains("图书馆开门迎客")));
        let roles: Vec<(Role, &str)> = library
            .map(|a| a.blocks.iter().map(|b| (b.role, b.text.as_str())).collect())
            .unwrap_or_default();
        assert_eq!(
            roles.first(),
            Some(&(Role::Kicker, "文化惠民")),
            "{roles:?}"
        );
        assert_eq!(
            roles.get(1),
            Some(&(Role::Headline, "城东新建图书馆开门迎客"))
        );
        assert!(
            roles.iter().any(|(_, t)| t.contains("祝贺并为新馆")),
            "the columns read on: {roles:?}"
        );
    }

    /// For each box of `text`, the later box it goes on in, if any.
    fn links_of(text: &str) -> Vec<Option<(usize, bool)>> {
        let lines = lines_of(text);
        let boxes = super::boxes_of(&lines).unwrap_or_default();
        super::links(&lines, &boxes, 12.0, true)
    }

    #[test]
    fn boxes_written_in_reading_order_are_read_as_a_page_in_order() {
        // pdfminer.six writes each paragraph as a box, and one more where
        // a paragraph turns a column: here a first line at a column's foot
        // (`…也各有`), set in by two glyphs like a short title, goes on in
        // the next box at the next column's head.
        let turned: &[&str] = &["城西两个街道也各有"];
        let head_of_column: &[&str] = &["三处老旧小区列入改造计划。"];
        let more: &[&str] = &[
            "  馆里藏书二十万册，另设",
            "少儿阅览室和电子阅览室，",
            "每天开放到晚上九点，周一",
            "闭馆整理。",
        ];
        let text = boxes_page(&[HEAD, LIBRARY, GOES_ON, more, turned, head_of_column]);
        let (lines, moved) = relinked(&text);
        assert_eq!(moved, Some(0));
        assert!(
            lines.iter().all(|l| l.block_edge == BlockEdge::Within),
            "{:?}",
            lines.iter().map(|l| l.block_edge).collect::<Vec<_>>()
        );
        let (articles, _) = crate::segment::propose(&raw_of(&text));
        let blocks: Vec<(Role, &str)> = articles
            .iter()
            .flat_map(|a| a.blocks.iter().map(|b| (b.role, b.text.as_str())))
            .collect();
        assert!(
            blocks.contains(&(Role::Body, "城西两个街道也各有三处老旧小区列入改造计划。")),
            "{blocks:?}"
        );
        assert_eq!(articles.len(), 1, "{blocks:?}");
    }

    #[test]
    fn a_page_without_wider_gaps_has_no_boxes() {
        let text = [HEAD, LIBRARY, OTHER_HEAD, BUSES, GOES_ON]
            .iter()
            .flat_map(|b| b.iter())
            .copied()
            .collect::<Vec<_>>()
            .join("\n\n");
        let (lines, moved) = relinked(&text);
        assert_eq!(moved, None);
        assert!(lines.iter().all(|l| l.block_edge == BlockEdge::Within));
        assert_eq!(
            lines.last().map(Line::compact).as_deref(),
            Some("题写了馆名。")
        );
    }

    #[test]
    fn the_proposal_reads_a_moved_box_as_its_article_s_paragraph() {
        let text = boxes_page(&[HEAD, LIBRARY, OTHER_HEAD, BUSES, GOES_ON]);
        let raw = raw_of(&text);
        let (articles, _) = crate::segment::propose(&raw);
        let texts: Vec<Vec<String>> = articles
            .iter()
            .map(|a| a.blocks.iter().map(|b| b.text.clone()).collect())
            .collect();
        let library = texts
            .iter()
            .find(|a| a.iter().any(|t| t == "新馆开门迎客"))
            .unwrap_or_else(|| panic!("the library's article: {texts:?}"));
        assert!(
            library
                .iter()
                .any(|t| t.contains("一位副主席专门到场祝贺，并为新馆题写了馆名。")),
            "{library:?}"
        );
        let buses = texts
            .iter()
            .find(|a| a.iter().any(|t| t.starts_with("本报讯")))
            .unwrap_or_else(|| panic!("the buses' article: {texts:?}"));
        assert!(buses.iter().all(|t| !t.contains("馆名")), "{buses:?}");
    }

    #[test]
    fn a_stack_written_over_a_continuation_heads_the_text_with_no_headline() {
        // Headlines side by side come first: the buses' headline is
        // written over the rest of an article from page one, whose text
        // carries no headline; the buses' text, far on, has none.
        let continued: &[&str] = &[
            "（上接第一版）城东新建的图",
            "书馆昨天正式向市民开放，区",
            "里几位老同志到场祝贺。",
        ];
        let done: &[&str] = &["昨天上午城东新建的图书馆", "正式向市民开放。"];
        let text = boxes_page(&[OTHER_HEAD, continued, HEAD, done, BUSES]);
        let raw = raw_of(&text);
        let proposal = crate::segment::propose_recording(&raw, crate::doubt::Record::All);
        let titled = |a: &crate::page::Article| {
            a.blocks
                .iter()
                .filter(|b| b.role.is_title())
                .map(|b| b.text.clone())
                .collect::<Vec<_>>()
        };
        let opening = |start: &str| {
            proposal
                .articles
                .iter()
                .find(|a| a.blocks.iter().any(|b| b.text.starts_with(start)))
                .unwrap_or_else(|| panic!("an article opening {start}: {:?}", proposal.articles))
        };
        assert_eq!(titled(opening("本报讯")), ["公交线路调整时刻"]);
        assert!(titled(opening("（上接第一版）")).is_empty());
        let moved: Vec<&crate::doubt::Decision> = proposal
            .decisions
            .list
            .iter()
            .filter(|d| d.evidence == crate::doubt::Evidence::StackOverUntitledText)
            .collect();
        assert_eq!(moved.len(), 1, "{:?}", proposal.decisions.list);
        assert!(moved[0].is_doubt(), "right 1 time in 3 on the devpages");
    }

    /// An article of `blocks`, each a role and the lines it spans.
    fn article_of(lines: &[Line], blocks: &[(Role, std::ops::Range<usize>)]) -> Article {
        Article {
            id: String::new(),
            kind: ArticleKind::Article,
            blocks: blocks
                .iter()
                .map(|(role, range)| Block {
                    role: *role,
                    text: lines[range.clone()].iter().map(Line::compact).collect(),
                    spans: lines[range.clone()]
                        .iter()
                        .filter_map(|l| {
                            Some(Span {
                                start: *l.offsets.first()?,
                                end: *l.offsets.last()? + 1,
                            })
                        })
                        .collect(),
                    edited: false,
                })
                .collect(),
        }
    }

    /// Two title boxes, then the library's text and the buses': the first
    /// stack read as heading nothing, the second as heading the library's
    /// text, the buses' text with no headline.
    fn stacks_then_texts(first: &[&str], second: &[&str]) -> (Vec<Line>, [Article; 3]) {
        let text = boxes_page(&[
            first,
            second,
            &["昨天上午城东新建的图书馆", "正式向市民开放。"],
            BUSES,
        ]);
        let lines = lines_of(&text);
        let articles = [
            article_of(&lines, &[(Role::Headline, 0..1)]),
            article_of(&lines, &[(Role::Headline, 1..2), (Role::Body, 2..4)]),
            article_of(&lines, &[(Role::Body, 4..8)]),
        ];
        (lines, articles)
    }

    #[test]
    fn a_stack_heading_no_text_goes_where_headlines_go_on_the_page() {
        let (lines, articles) = stacks_then_texts(OTHER_HEAD, HEAD);
        let stack_glyph = lines[0].offsets[0];
        for (orientation, at) in [
            (Orientation::HeadlinesBefore, 3),
            (Orientation::HeadlinesAfter, 7),
        ] {
            let mut moved = lines.clone();
            assert_eq!(
                stacks_rehomed(&mut moved, &articles, orientation, false),
                [stack_glyph]
            );
            assert_eq!(moved.len(), lines.len());
            assert_eq!(
                moved[at].compact(),
                "公交线路调整时刻",
                "{orientation:?}: {:?}",
                firsts(&moved)
            );
            assert_eq!(moved[at].block_edge, BlockEdge::Apart);
        }
        // A text with its own headline takes none.
        let headed = [
            article_of(&lines, &[(Role::Headline, 0..1), (Role::Body, 2..4)]),
            article_of(&lines, &[(Role::Headline, 1..2), (Role::Body, 4..8)]),
        ];
        let mut kept = lines.clone();
        assert!(stacks_rehomed(&mut kept, &headed, Orientation::HeadlinesBefore, true).is_empty());
        assert_eq!(firsts(&kept), firsts(&lines));
        // Nor does one whose headline comes after it.
        let headed_after = [
            article_of(&lines, &[(Role::Headline, 0..1)]),
            article_of(&lines, &[(Role::Body, 4..8), (Role::Headline, 1..2)]),
        ];
        let mut kept = lines.clone();
        assert!(
            stacks_rehomed(&mut kept, &headed_after, Orientation::HeadlinesAfter, true).is_empty()
        );
    }

    #[test]
    fn stacks_side_by_side_on_a_page_in_order_head_the_texts_in_turn() {
        // pdfminer.six writes a band's stacks left to right, then the
        // columns under them: the first stack is left heading nothing and
        // the second heads the first text. The first heads the first text,
        // the second the next text with no headline.
        let (lines, articles) = stacks_then_texts(HEAD, OTHER_HEAD);
        let mut moved = lines.clone();
        let firsts_moved =
            stacks_rehomed(&mut moved, &articles, Orientation::HeadlinesBefore, true);
        assert_eq!(firsts_moved, [lines[1].offsets[0]]);
        let order: Vec<String> = moved.iter().map(Line::compact).collect();
        assert_eq!(
            order[..4],
            [
                "新馆开门迎客",
                "昨天上午城东新建的图书馆",
                "正式向市民开放。",
                "公交线路调整时刻"
            ],
            "{order:?}"
        );
        assert_eq!(moved[3].block_edge, BlockEdge::Apart);
        // On a page whose boxes were moved (plain `pdftotext`), the lone
        // stack goes to the text with no headline instead.
        let mut apart = lines.clone();
        assert_eq!(
            stacks_rehomed(&mut apart, &articles, Orientation::HeadlinesBefore, false),
            [lines[0].offsets[0]]
        );
        // Headlines after their text: no such band.
        let mut after = lines.clone();
        let none = stacks_rehomed(&mut after, &articles, Orientation::HeadlinesAfter, true);
        assert_ne!(none, [lines[1].offsets[0]], "{none:?}");
    }

    #[test]
    fn on_a_page_of_boxes_out_of_order_each_title_box_opens_a_stack() {
        // Headlines set side by side over their columns come first, one box
        // each; the library's text goes on three boxes further (`副主` /
        // `席`), so the boxes are out of order.
        let text = boxes_page(&[HEAD, OTHER_HEAD, LIBRARY, BUSES, GOES_ON]);
        assert_eq!(relinked(&text).1, Some(1));
        let (articles, _) = crate::segment::propose(&raw_of(&text));
        let titles: Vec<Vec<&str>> = articles
            .iter()
            .map(|a| {
                a.blocks
                    .iter()
                    .filter(|b| b.role.is_title())
                    .map(|b| b.text.as_str())
                    .collect()
            })
            .filter(|t: &Vec<&str>| !t.is_empty())
            .collect();
        assert!(
            titles.iter().all(|t| t.len() == 1),
            "two headlines, not a kicker and its headline: {titles:?}"
        );
    }

    #[test]
    fn a_title_box_never_goes_on_from_text_that_stops_mid_sentence() {
        let text = boxes_page(&[HEAD, LIBRARY, OTHER_HEAD, BUSES]);
        let (lines, _) = relinked(&text);
        assert_eq!(lines[4].block_edge, BlockEdge::Apart);
        let raw = raw_of(&text);
        let (articles, _) = crate::segment::propose(&raw);
        let blocks: Vec<&str> = articles
            .iter()
            .flat_map(|a| a.blocks.iter().map(|b| b.text.as_str()))
            .collect();
        assert!(blocks.contains(&"公交线路调整时刻"), "{blocks:?}");
    }
}
