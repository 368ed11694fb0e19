//! Taking a decision's competing choice: the change that turns the
//! proposal's choice at one place of the page into the other one.
//!
//! Decisions are found by their raw offsets, so a flip works on the page as
//! it stands, whatever was edited before.

use super::{Action, BlockRef, EditError, apply_to, merge};
use crate::doubt::{BlockIndex, Choice, Decision, Flip, Kind};
use crate::page::{Article, ArticleKind, CharSource as _, RawChars, Role, trace};

/// Why a misread word cannot be flipped: no one knows the right reading.
pub(crate) const MISREAD_IS_TYPED: &str =
    "only you know the right reading of a misread word: type it (Enter edits the block)";

fn gone() -> EditError {
    EditError::Refused("the text this doubt is about is no longer on the page; edit it by hand")
}

fn locate(articles: &[Article], offset: usize) -> Result<BlockRef, EditError> {
    BlockIndex::new(articles)
        .locate(offset)
        .map(|(a, b)| BlockRef::new(a, b))
        .ok_or_else(gone)
}

/// Index, in chars of the block's text, of the char that comes from raw
/// `offset`.
fn char_index(
    articles: &[Article],
    raw: &RawChars,
    at: BlockRef,
    offset: usize,
) -> Result<usize, EditError> {
    let b = &articles[at.article].blocks[at.block];
    trace(raw, &b.text, &b.spans)
        .iter()
        .position(|&o| o == Some(offset))
        .ok_or_else(gone)
}

/// Applies `d.alternative` to the articles, as `d.flip` says.
pub(super) fn flip(
    articles: &mut Vec<Article>,
    raw: &RawChars,
    d: &Decision,
) -> Result<(), EditError> {
    let before = || d.before.ok_or_else(gone);
    match (d.kind, d.alternative) {
        (Kind::LineEnd, Choice::Break) => {
            let at = locate(articles, d.at)?;
            let char_index = char_index(articles, raw, at, d.at)?;
            apply_to(articles, raw, Action::SplitBlock { at, char_index })
        }
        (Kind::LineEnd, Choice::Join) => join_blocks(articles, raw, before()?, d.at),
        (Kind::Space, Choice::Keep | Choice::Remove) => set_space(
            articles,
            raw,
            before()?,
            d.at,
            d.alternative == Choice::Keep,
        ),
        (Kind::Boundary, Choice::NewArticle) => {
            let at = locate(articles, d.at)?;
            if at.block == 0 {
                return Ok(());
            }
            apply_to(articles, raw, Action::SplitArticle { at })
        }
        (Kind::Boundary, Choice::SameArticle) if d.flip == Flip::BlockGoesBack => {
            move_block_to(articles, d.at, before()?)
        }
        (Kind::Boundary, Choice::SameArticle) => join_articles(articles, before()?, d.at),
        (Kind::Attachment, Choice::AttachBefore) if d.flip == Flip::ArticleGoesBack => {
            join_articles(articles, before()?, d.at)
        }
        (Kind::Attachment, Choice::AttachBefore) => move_stack(articles, d.at, before()?),
        (Kind::Attachment, Choice::AttachAfter) => {
            let after = d.after.ok_or(EditError::Refused(
                "nothing follows this headline stack on the page",
            ))?;
            move_stack(articles, d.at, after)
        }
        // One decision for the whole page: every stack moves to its other
        // neighbour.
        (Kind::Orientation, Choice::HeadlinesAfter | Choice::HeadlinesBefore) => {
            super::flip_orientation(articles)
        }
        (Kind::Punctuation, Choice::Mark(mark)) => {
            let quote =
                [d.chosen, d.alternative].contains(&Choice::Mark(crate::punct::Mark::CloseQuote));
            let after = d
                .flip
                .writes_after()
                .then_some((quote, d.flip == Flip::QuoteFirst));
            set_mark(articles, raw, (d.at, after), mark)
        }
        (Kind::Recognition, _) => Err(EditError::Refused(MISREAD_IS_TYPED)),
        (Kind::Role, Choice::Role(role)) => {
            let at = locate(articles, d.at)?;
            let was_title = articles[at.article].blocks[at.block].role.is_title();
            apply_to(articles, raw, Action::SetRole { at, role })?;
            if was_title && !role.is_title() {
                // A title taken for a heading goes where it was printed.
                let block = articles[at.article].blocks.remove(at.block);
                place_in_reading_order(&mut articles[at.article], block);
            } else if role.is_title() && d.flip == Flip::TitleOfArticleBefore {
                if let Some(prev) = glyph_before(raw, d.at) {
                    move_to_stack(articles, d.at, prev)?;
                }
                return Ok(());
            }
            // A banner that lost its last banner line is an article.
            let a = &mut articles[at.article];
            if a.kind == ArticleKind::SectionBanner
                && !a.blocks.iter().any(|b| b.role == Role::Section)
            {
                a.kind = ArticleKind::Article;
            }
            Ok(())
        }
        _ => Err(EditError::Refused(
            "this decision has no competing choice of that kind",
        )),
    }
}

/// Joins the block holding `at` onto the block holding `before`. A block
/// cannot lie in two articles: when they are in different articles, the
/// article of `at` is first appended to the article of `before`.
fn join_blocks(
    articles: &mut Vec<Article>,
    raw: &RawChars,
    before: usize,
    at: usize,
) -> Result<(), EditError> {
    let (a, b) = (locate(articles, before)?, locate(articles, at)?);
    if a == b {
        return Ok(());
    }
    if a.article != b.article {
        join_articles(articles, before, at)?;
    }
    let (a, b) = (locate(articles, before)?, locate(articles, at)?);
    if b.block != a.block + 1 {
        let block = articles[b.article].blocks.remove(b.block);
        let a = locate(articles, before)?;
        articles[a.article].blocks.insert(a.block + 1, block);
    }
    let a = locate(articles, before)?;
    apply_to(articles, raw, Action::JoinWithNext { at: a })
}

/// The raw offset of the last glyph before `offset`.
fn glyph_before(raw: &RawChars, offset: usize) -> Option<usize> {
    (0..offset.min(raw.char_len()))
        .rev()
        .find(|&i| raw.char_at(i).is_some_and(|c| !c.is_whitespace()))
}

/// Puts `block` among the article's blocks where it was printed: before
/// the first block (after the headline stack) whose text comes later.
fn place_in_reading_order(article: &mut Article, block: crate::page::Block) {
    let start = block.spans.first().map_or(usize::MAX, |s| s.start);
    let at = article
        .blocks
        .iter()
        .position(|b| !b.role.is_title() && b.spans.first().is_some_and(|s| s.start > start))
        .unwrap_or(article.blocks.len());
    article.blocks.insert(at, block);
}

/// Takes the block holding `at` out of its article (which goes if left
/// empty).
fn take_block(articles: &mut Vec<Article>, at: usize) -> Result<crate::page::Block, EditError> {
    let r = locate(articles, at)?;
    let block = articles[r.article].blocks.remove(r.block);
    if articles[r.article].blocks.is_empty() {
        articles.remove(r.article);
    }
    Ok(block)
}

/// Moves the block holding `at` into the article holding `target`, where
/// it was printed.
fn move_block_to(articles: &mut Vec<Article>, at: usize, target: usize) -> Result<(), EditError> {
    if locate(articles, at)?.article == locate(articles, target)?.article {
        return Ok(());
    }
    let block = take_block(articles, at)?;
    let t = locate(articles, target)?.article;
    place_in_reading_order(&mut articles[t], block);
    Ok(())
}

/// Moves the block holding `at` to the top of the article holding
/// `target`, as its headline.
fn move_to_stack(articles: &mut Vec<Article>, at: usize, target: usize) -> Result<(), EditError> {
    if locate(articles, at)?.article == locate(articles, target)?.article {
        return Ok(());
    }
    let block = take_block(articles, at)?;
    let t = locate(articles, target)?.article;
    articles[t].blocks.insert(0, block);
    Ok(())
}

/// Puts a space between the chars from raw `before` and `at`, or takes it
/// away.
fn set_space(
    articles: &mut Vec<Article>,
    raw: &RawChars,
    before: usize,
    at: usize,
    keep: bool,
) -> Result<(), EditError> {
    let r = locate(articles, at)?;
    if locate(articles, before)? != r {
        return Err(EditError::Refused(
            "the two characters are in different blocks now; join them first",
        ));
    }
    let i = char_index(articles, raw, r, at)?;
    let mut chars: Vec<char> = articles[r.article].blocks[r.block].text.chars().collect();
    let has_space = i > 0 && chars[i - 1].is_whitespace();
    match (keep, has_space) {
        (true, false) => chars.insert(i, ' '),
        (false, true) => {
            chars.remove(i - 1);
        }
        _ => return Ok(()),
    }
    let text = chars.into_iter().collect();
    apply_to(articles, raw, Action::EditText { at: r, text })
}

/// Writes `mark` where the engine read the raw mark at `at`, or, `after`
/// the char that comes from raw `at`, in place of the mark written there
/// without a raw source (an unread mark the proposal wrote;
/// `Mark::AsRead` writes none there). `after` says whether the decision's
/// mark is a closing quote and whether the picture showed it first
/// ([`crate::punct::place_after`]).
fn set_mark(
    articles: &mut Vec<Article>,
    raw: &RawChars,
    (at, after): (usize, Option<(bool, bool)>),
    mark: crate::punct::Mark,
) -> Result<(), EditError> {
    let r = locate(articles, at)?;
    let block = &articles[r.article].blocks[r.block];
    let traced = trace(raw, &block.text, &block.spans);
    let i = traced
        .iter()
        .position(|&o| o == Some(at))
        .ok_or_else(gone)?;
    let mut text: Vec<char> = block.text.chars().collect();
    if let Some((quote, quote_first)) = after {
        let mut traced = traced;
        if let Some((j, _)) = crate::punct::written_after(&text, &traced, i, quote) {
            text.remove(j);
            traced.remove(j);
        }
        if mark != crate::punct::Mark::AsRead {
            let j = crate::punct::place_after(&text, &traced, i, (quote, quote_first));
            text.insert(j, mark.char_for(' '));
        }
    } else {
        let read = raw
            .span_chars(at, at + 1)
            .into_iter()
            .flatten()
            .next()
            .ok_or_else(gone)?;
        text[i] = mark.char_for(read);
    }
    let text = text.into_iter().collect();
    apply_to(articles, raw, Action::EditText { at: r, text })
}

/// Appends the article holding `at` to the article holding `before`.
fn join_articles(articles: &mut Vec<Article>, before: usize, at: usize) -> Result<(), EditError> {
    let a = locate(articles, before)?.article;
    let b = locate(articles, at)?.article;
    if a == b {
        return Ok(());
    }
    let moved = articles.remove(b);
    let target = if b < a { a - 1 } else { a };
    articles.insert(target + 1, moved);
    merge(articles, target + 1)
}

/// Moves the headline stack that begins with the block holding `stack_at`
/// to the top of the article holding `target`.
fn move_stack(
    articles: &mut Vec<Article>,
    stack_at: usize,
    target: usize,
) -> Result<(), EditError> {
    let s = locate(articles, stack_at)?;
    if locate(articles, target)?.article == s.article {
        return Ok(());
    }
    let source = &mut articles[s.article];
    let len = source.blocks[s.block..]
        .iter()
        .take_while(|b| b.role.is_title())
        .count()
        .max(1);
    let stack: Vec<_> = source.blocks.drain(s.block..s.block + len).collect();
    if source.blocks.is_empty() {
        articles.remove(s.article);
    }
    let t = locate(articles, target)?.article;
    articles[t].blocks.splice(0..0, stack);
    Ok(())
}
