//! Edit actions on a page, with undo history.
//!
//! The desk never changes the model directly: it emits [`Action`]s, and the
//! [`Editor`] applies them, records the state before each one for undo, and
//! tracks whether the page has unsaved changes. Everything here is tested
//! without a window.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use crate::doubt::{BlockIndex, Resolution, outcome};
use crate::page::{
    Article, ArticleKind, Block, CharSource as _, Page, RawChars, Role, Span, Status, trace,
};

mod flip;

/// Where a block is: article index and block index within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockRef {
    /// Index of the article in reading order.
    pub article: usize,
    /// Index of the block in the article.
    pub block: usize,
}

impl BlockRef {
    /// The block at `article`, `block`.
    #[must_use]
    pub fn new(article: usize, block: usize) -> Self {
        Self { article, block }
    }
}

/// A change to the corrected page. Every action can be undone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Gives a block another role.
    SetRole {
        /// The block.
        at: BlockRef,
        /// Its new role.
        role: Role,
    },
    /// Gives an article another kind.
    SetArticleKind {
        /// The article.
        article: usize,
        /// Its new kind.
        kind: ArticleKind,
    },
    /// Starts a new article at this block (it and the blocks after it move).
    SplitArticle {
        /// The first block of the new article.
        at: BlockRef,
    },
    /// Appends the article's blocks to the previous article.
    MergeWithPrevious {
        /// The article that joins the one before it.
        article: usize,
    },
    /// Appends the next article's blocks to this one.
    MergeWithNext {
        /// The article that takes in the one after it.
        article: usize,
    },
    /// Moves a block. `to.article` is counted before the block is taken out,
    /// `to.block` (the insertion index in that article) after. An article
    /// left empty goes.
    MoveBlock {
        /// The block to move.
        from: BlockRef,
        /// Where it goes.
        to: BlockRef,
    },
    /// Moves an article to another position in reading order.
    MoveArticle {
        /// Its index now.
        from: usize,
        /// Its index afterwards.
        to: usize,
    },
    /// Splits a block in two at a character index of its text (the glued
    /// headline + dateline line). Both parts keep the role; spans are split
    /// at the raw position of the cut.
    SplitBlock {
        /// The block.
        at: BlockRef,
        /// Index, in chars, of the first char of the second part.
        char_index: usize,
    },
    /// Joins a block with the next block of its article.
    JoinWithNext {
        /// The first of the two blocks.
        at: BlockRef,
    },
    /// Replaces a block's text (proofreading); marks it edited.
    EditText {
        /// The block.
        at: BlockRef,
        /// Its new text.
        text: String,
    },
    /// Replaces `from` by `to` at each place (block, char index of `from`
    /// in its text): the same correction made at once wherever the editor
    /// chose ("correct all similar"). Refused, with nothing changed, when a
    /// place no longer holds `from`.
    ReplaceAt {
        /// The text replaced.
        from: String,
        /// Its replacement.
        to: String,
        /// Where, as block and char index.
        places: Vec<(BlockRef, usize)>,
    },
    /// Sets the page status.
    SetStatus(Status),
    /// Confirms the proposal's choice at a doubt (index into the page's
    /// doubts).
    AcceptDoubt(usize),
    /// Takes the competing choice at a doubt (index into the page's doubts).
    FlipDoubt(usize),
    /// Accepts the proposal at every open doubt made by this rule (one
    /// undoable step).
    AcceptRule(crate::doubt::Evidence),
    /// Accepts the proposal at every open doubt `walk` goes through in the
    /// spot of doubt `doubt` (an index into the page's doubts; see
    /// [`crate::decision::spots`]), as one undoable step: the editor looked
    /// at the spot as a whole. A doubt the walk leaves out (above its
    /// confidence cut) stays open.
    AcceptSpot {
        /// A doubt of the spot.
        doubt: usize,
        /// The doubts the editor is walking.
        walk: crate::decision::DoubtWalk,
    },
    /// Reads the page the other way round: every headline stack moves to
    /// the other neighbour (the article whose text follows it in the raw
    /// text if it heads the text before it now, and the other way round).
    FlipOrientation,
}

/// Why an action could not be applied; the page is unchanged.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    /// The action names an article that does not exist.
    #[error("there is no article {0}; the page has changed since the action was made")]
    NoArticle(usize),
    /// The action names a block that does not exist.
    #[error("there is no block {1} in article {0}; the page has changed since the action was made")]
    NoBlock(usize, usize),
    /// The action names a doubt that does not exist.
    #[error("there is no doubt {0} on this page; the page has changed since the action was made")]
    NoDoubt(usize),
    /// The action makes no sense here.
    #[error("{0}")]
    Refused(&'static str),
}

/// A state of the page in the history. Articles are shared: a step keeps
/// only the articles it changed, the others are the same `Arc`s as in the
/// steps around it (and as in the page as it stands).
#[derive(Clone, Debug)]
struct Snapshot {
    articles: Vec<Arc<Article>>,
    resolved: Vec<Option<Resolution>>,
    status: Status,
    version: u64,
    state: u64,
}

/// Identifies every state of every editor in this process.
static NEXT_STATE: AtomicU64 = AtomicU64::new(1);

fn fresh_state() -> u64 {
    NEXT_STATE.fetch_add(1, Ordering::Relaxed)
}

/// Maximum number of undo steps kept.
pub(crate) const UNDO_DEPTH: usize = 500;

/// A page under correction with its undo history.
#[derive(Clone, Debug)]
pub struct Editor {
    /// The page; its articles are shared with the history.
    page: Page,
    /// Identifies the state as it stands (see [`Editor::state_id`]).
    state: u64,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    version: u64,
    next_version: u64,
    /// The version on disk; `None` when what is on disk is no version
    /// (a draft written with text still being typed).
    saved_version: Option<u64>,
    /// Which block holds each raw offset, for the articles as they stand:
    /// built when first asked, dropped when the articles change.
    index: OnceLock<BlockIndex>,
}

impl Editor {
    /// Starts editing a page; it counts as saved.
    #[must_use]
    pub fn new(page: Page) -> Self {
        Self {
            page,
            state: fresh_state(),
            undo: Vec::new(),
            redo: Vec::new(),
            version: 0,
            next_version: 1,
            saved_version: Some(0),
            index: OnceLock::new(),
        }
    }

    /// The page as it stands.
    #[must_use]
    pub fn page(&self) -> &Page {
        &self.page
    }

    /// The articles as they stand, as the `Arc`s the history shares: an
    /// article that an action left unchanged keeps its `Arc`, so views can
    /// cache what they derive from an article by its pointer.
    #[must_use]
    pub fn shared_articles(&self) -> &[Arc<Article>] {
        &self.page.articles
    }

    /// Identifies the page as it stands: unique for each editor and each
    /// change in this process, and restored by undo and redo, so a view
    /// can cache anything it derives from the page under this key.
    #[must_use]
    pub fn state_id(&self) -> u64 {
        self.state
    }

    /// The raw text as chars, for tracing.
    #[must_use]
    pub fn raw_chars(&self) -> &RawChars {
        self.page.raw.chars()
    }

    /// Whether anything changed since the last save (or the start).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.saved_version != Some(self.version)
    }

    /// Records that the page as it stands was saved.
    pub fn mark_saved(&mut self) {
        self.saved_version = Some(self.version);
    }

    /// Records that what is on disk now is no version of the page (a
    /// draft written with text still being typed): the page counts as
    /// unsaved, whatever it becomes, until it is saved again. Cancelling
    /// the typing, or undoing back to the last save, leaves a page that
    /// differs from the file, which must be written again.
    pub fn mark_saved_unversioned(&mut self) {
        self.saved_version = None;
    }

    /// Records when the page's fixture was first written (kept by every
    /// later save); not an edit, so not in the history.
    pub fn set_created(&mut self, rfc3339: &str) {
        if self.page.created.is_none() {
            self.page.created = Some(rfc3339.to_owned());
        }
    }

    /// Identifies the page's content as it stands, for saves that finish
    /// later (see [`Editor::mark_saved_at`]); undo and redo restore it.
    #[must_use]
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Records that the page as it stood at `version` is what is on disk
    /// now (a save that finished on another thread); the page is unsaved
    /// again if it has changed since.
    pub fn mark_saved_at(&mut self, version: u64) {
        self.saved_version = Some(version);
    }

    /// Number of steps that can be undone.
    #[must_use]
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            articles: self.page.articles.clone(),
            resolved: self.page.review.resolved.clone(),
            status: self.page.status,
            version: self.version,
            state: self.state,
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.page.articles = s.articles;
        self.index = OnceLock::new();
        self.page.review.resolved = s.resolved;
        self.page.status = s.status;
        self.version = s.version;
        self.state = s.state;
    }

    /// The new articles as `Arc`s, reusing the current `Arc` of every
    /// article that is unchanged (found by id, so moved articles are
    /// shared too).
    fn share(&self, articles: &[Article]) -> Vec<Arc<Article>> {
        let by_id: HashMap<&str, &Arc<Article>> = self
            .page
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a))
            .collect();
        articles
            .iter()
            .map(|a| match by_id.get(a.id.as_str()) {
                Some(old) if ***old == *a => Arc::clone(old),
                _ => Arc::new(a.clone()),
            })
            .collect()
    }

    /// Undoes the last action; false if there was none.
    pub fn undo(&mut self) -> bool {
        let Some(s) = self.undo.pop() else {
            return false;
        };
        self.redo.push(self.snapshot());
        self.restore(s);
        true
    }

    /// Redoes the last undone action; false if there was none.
    pub fn redo(&mut self) -> bool {
        let Some(s) = self.redo.pop() else {
            return false;
        };
        self.undo.push(self.snapshot());
        self.restore(s);
        true
    }

    /// Marks as edited every open doubt whose outcome `articles` change:
    /// an edit at a doubt settles it as well as accepting or flipping does.
    fn settle_changed(&self, articles: &[Article], resolved: &mut [Option<Resolution>]) {
        let review = &self.page.review;
        if !resolved.iter().any(Option::is_none) {
            return;
        }
        let (old, new) = (self.index(), &BlockIndex::new(articles));
        let raw = self.page.raw.chars();
        for (d, r) in review.doubts.iter().zip(resolved.iter_mut()) {
            if r.is_none()
                && outcome(&self.page.articles, old, raw, d) != outcome(articles, new, raw, d)
            {
                *r = Some(Resolution::Edited);
            }
        }
    }

    /// The current side of each doubt of the page (`None`: neither).
    #[must_use]
    pub fn doubt_outcomes(&self) -> Vec<Option<crate::doubt::Choice>> {
        let index = self.index();
        self.page
            .review
            .doubts
            .iter()
            .map(|d| outcome(&self.page.articles, index, self.page.raw.chars(), d))
            .collect()
    }

    /// The block whose spans hold raw offset `raw_offset`.
    #[must_use]
    pub fn locate(&self, raw_offset: usize) -> Option<BlockRef> {
        self.index()
            .locate(raw_offset)
            .map(|(a, b)| BlockRef::new(a, b))
    }

    /// Which block holds each raw offset of the articles as they stand
    /// (built once per state of the page).
    #[must_use]
    pub fn index(&self) -> &BlockIndex {
        self.index
            .get_or_init(|| BlockIndex::new(&self.page.articles))
    }

    /// Applies an action. A change is recorded for undo and marks the page
    /// unsaved (a `done` page goes back to `draft` unless the action sets the
    /// status); an action that changes nothing records nothing.
    ///
    /// # Errors
    /// [`EditError`] when the action does not fit the page; nothing changes.
    pub fn apply(&mut self, action: Action) -> Result<(), EditError> {
        let mut articles = crate::page::unshared(&self.page.articles);
        let mut status = self.page.status;
        let mut resolved = self.page.review.resolved.clone();
        let same = |articles: &[Article], now: &[Arc<Article>]| {
            articles.len() == now.len() && articles.iter().zip(now).all(|(a, b)| *a == **b)
        };
        match action {
            Action::SetStatus(s) => status = s,
            Action::AcceptDoubt(i) => {
                *resolved.get_mut(i).ok_or(EditError::NoDoubt(i))? = Some(Resolution::Accepted);
            }
            Action::AcceptRule(rule) => {
                for (r, d) in resolved.iter_mut().zip(self.page.review.doubts.iter()) {
                    if r.is_none() && d.evidence == rule {
                        *r = Some(Resolution::Accepted);
                    }
                }
            }
            Action::AcceptSpot { doubt, walk } => {
                if doubt >= resolved.len() {
                    return Err(EditError::NoDoubt(doubt));
                }
                for j in self.page.review.open_in_spot(doubt, walk) {
                    if let Some(r @ None) = resolved.get_mut(j) {
                        *r = Some(Resolution::Accepted);
                    }
                }
            }
            Action::FlipDoubt(i) => {
                let d = *self
                    .page
                    .review
                    .doubts
                    .get(i)
                    .ok_or(EditError::NoDoubt(i))?;
                flip::flip(&mut articles, self.page.raw.chars(), &d)?;
                resolved[i] = Some(Resolution::Flipped);
                self.settle_changed(&articles, &mut resolved);
            }
            other => {
                apply_to(&mut articles, self.page.raw.chars(), other)?;
                self.settle_changed(&articles, &mut resolved);
            }
        }
        let changed =
            !same(&articles, &self.page.articles) || resolved != self.page.review.resolved;
        if changed && status == self.page.status && status != Status::Draft {
            status = Status::Draft;
        }
        if !changed && status == self.page.status {
            return Ok(());
        }
        self.undo.push(self.snapshot());
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.page.articles = self.share(&articles);
        self.index = OnceLock::new();
        self.page.review.resolved = resolved;
        self.page.status = status;
        self.version = self.next_version;
        self.next_version += 1;
        self.state = fresh_state();
        Ok(())
    }
}

fn article(articles: &mut [Article], i: usize) -> Result<&mut Article, EditError> {
    articles.get_mut(i).ok_or(EditError::NoArticle(i))
}

fn check(articles: &[Article], at: BlockRef) -> Result<(), EditError> {
    let a = articles
        .get(at.article)
        .ok_or(EditError::NoArticle(at.article))?;
    if at.block < a.blocks.len() {
        Ok(())
    } else {
        Err(EditError::NoBlock(at.article, at.block))
    }
}

fn fresh_id(articles: &[Article]) -> String {
    let max = articles
        .iter()
        .filter_map(|a| a.id.strip_prefix('a')?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("a{}", max + 1)
}

pub(crate) fn apply_to(
    articles: &mut Vec<Article>,
    raw: &RawChars,
    action: Action,
) -> Result<(), EditError> {
    match action {
        Action::SetRole { at, role } => {
            check(articles, at)?;
            article(articles, at.article)?.blocks[at.block].role = role;
        }
        Action::SetArticleKind { article: i, kind } => article(articles, i)?.kind = kind,
        Action::SplitArticle { at } => {
            check(articles, at)?;
            if at.block == 0 {
                return Err(EditError::Refused("this block already starts its article"));
            }
            let id = fresh_id(articles);
            let a = &mut articles[at.article];
            let blocks = a.blocks.split_off(at.block);
            let kind = if a.kind == ArticleKind::Continuation {
                ArticleKind::Article
            } else {
                a.kind
            };
            articles.insert(at.article + 1, Article { id, kind, blocks });
        }
        Action::MergeWithPrevious { article: i } => merge(articles, i)?,
        Action::MergeWithNext { article: i } => {
            article(articles, i)?;
            merge(articles, i + 1)?;
        }
        Action::MoveBlock { from, to } => move_block(articles, from, to)?,
        Action::MoveArticle { from, to } => {
            article(articles, from)?;
            let a = articles.remove(from);
            articles.insert(to.min(articles.len()), a);
        }
        Action::SplitBlock { at, char_index } => split_block(articles, raw, at, char_index)?,
        Action::FlipOrientation => flip_orientation(articles)?,
        Action::JoinWithNext { at } => {
            check(articles, at)?;
            let a = &mut articles[at.article];
            if at.block + 1 >= a.blocks.len() {
                return Err(EditError::Refused(
                    "this is the last block of its article; nothing to join",
                ));
            }
            let next = a.blocks.remove(at.block + 1);
            let b = &mut a.blocks[at.block];
            let ascii_edge = b
                .text
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && next
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            if ascii_edge {
                b.text.push(' ');
            }
            b.text.push_str(&next.text);
            b.spans = crate::page::merge_spans(raw, b.spans.iter().chain(&next.spans).copied());
            b.edited |= next.edited;
        }
        Action::EditText { at, text } => {
            check(articles, at)?;
            let b = &mut articles[at.article].blocks[at.block];
            if b.text != text {
                b.text = text;
                b.edited = true;
            }
        }
        Action::ReplaceAt { from, to, places } => replace_at(articles, &from, &to, &places)?,
        Action::SetStatus(_)
        | Action::AcceptDoubt(_)
        | Action::AcceptRule(_)
        | Action::AcceptSpot { .. }
        | Action::FlipDoubt(_) => {}
    }
    Ok(())
}

/// [`Action::ReplaceAt`]: every place checked first, then replaced from
/// the last char index of a block to the first, so earlier indices hold.
fn replace_at(
    articles: &mut [Article],
    from: &str,
    to: &str,
    places: &[(BlockRef, usize)],
) -> Result<(), EditError> {
    let n = from.chars().count();
    if n == 0 {
        return Err(EditError::Refused("there is no text to correct"));
    }
    for &(at, i) in places {
        check(articles, at)?;
        let text = &articles[at.article].blocks[at.block].text;
        let holds = i
            .checked_add(n)
            .is_some_and(|end| end <= text.chars().count())
            && text.chars().skip(i).take(n).eq(from.chars());
        if !holds {
            return Err(EditError::Refused(
                "the text to correct is no longer there; look again",
            ));
        }
    }
    let mut sorted = places.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.dedup();
    // Two places of one block that overlap would replace some chars twice.
    let overlap = sorted
        .windows(2)
        .any(|w| w[0].0 == w[1].0 && w[1].1 + n > w[0].1);
    if overlap {
        return Err(EditError::Refused(
            "two places to correct overlap; correct them one at a time",
        ));
    }
    for (at, i) in sorted {
        let b = &mut articles[at.article].blocks[at.block];
        let mut chars: Vec<char> = b.text.chars().collect();
        chars.splice(i..i + n, to.chars());
        b.text = chars.into_iter().collect();
        b.edited = true;
    }
    Ok(())
}

fn merge(articles: &mut Vec<Article>, i: usize) -> Result<(), EditError> {
    if i == 0 {
        return Err(EditError::Refused(
            "the first article has no article before it",
        ));
    }
    article(articles, i)?;
    let a = articles.remove(i);
    articles[i - 1].blocks.extend(a.blocks);
    Ok(())
}

fn move_block(articles: &mut Vec<Article>, from: BlockRef, to: BlockRef) -> Result<(), EditError> {
    check(articles, from)?;
    article(articles, to.article)?;
    let block = articles[from.article].blocks.remove(from.block);
    let mut target = to.article;
    if articles[from.article].blocks.is_empty() {
        articles.remove(from.article);
        if target > from.article {
            target -= 1;
        } else if target == from.article {
            // The block was the whole article: it becomes its own article again.
            let id = fresh_id(articles);
            articles.insert(
                from.article,
                Article {
                    id,
                    kind: ArticleKind::Article,
                    blocks: vec![block],
                },
            );
            return Ok(());
        }
    }
    let a = &mut articles[target];
    let at = to.block.min(a.blocks.len());
    a.blocks.insert(at, block);
    Ok(())
}

fn split_block(
    articles: &mut [Article],
    raw: &RawChars,
    at: BlockRef,
    char_index: usize,
) -> Result<(), EditError> {
    check(articles, at)?;
    let a = &mut articles[at.article];
    let b = &a.blocks[at.block];
    let chars: Vec<char> = b.text.chars().collect();
    let left: String = chars[..char_index.min(chars.len())].iter().collect();
    let right: String = chars[char_index.min(chars.len())..].iter().collect();
    let (left, right) = (left.trim_end().to_owned(), right.trim_start().to_owned());
    if left.is_empty() || right.is_empty() {
        return Err(EditError::Refused(
            "put the cursor inside the text to split the block there",
        ));
    }
    // The raw position of the first character of the right part.
    let traced = trace(raw, &b.text, &b.spans);
    let cut = chars
        .iter()
        .zip(&traced)
        .skip(char_index)
        .find(|(c, _)| !c.is_whitespace())
        .and_then(|(_, off)| *off);
    let (mut left_spans, right_spans) = match cut {
        Some(cut) => split_spans(&b.spans, cut),
        None => (b.spans.clone(), Vec::new()),
    };
    // The line break before the cut belongs to neither part.
    if let Some(last) = left_spans.last_mut() {
        while last.end > last.start && raw.char_at(last.end - 1).is_some_and(char::is_whitespace) {
            last.end -= 1;
        }
    }
    let first = Block {
        role: b.role,
        text: left,
        spans: left_spans,
        edited: b.edited,
    };
    let second = Block {
        role: b.role,
        text: right,
        spans: right_spans,
        edited: b.edited || cut.is_none(),
    };
    a.blocks.splice(at.block..=at.block, [first, second]);
    Ok(())
}

/// Splits spans at a raw offset: what lies before it and what lies from it on.
/// Moves every headline stack (an article's leading kicker, headline and
/// subheadline) to the other neighbour. Which way is told by the raw text:
/// stacks printed after their article's text (headlines after bodies) go to
/// the article after, those printed before it to the article before. Banners,
/// captions and page headers stay; a stack with no neighbour left becomes
/// an article of its own, and an article left empty goes.
fn flip_orientation(articles: &mut Vec<Article>) -> Result<(), EditError> {
    let takes_part =
        |a: &Article| matches!(a.kind, ArticleKind::Article | ArticleKind::Continuation);
    let parts: Vec<usize> = (0..articles.len())
        .filter(|&i| takes_part(&articles[i]))
        .collect();
    // (stack, rest) of every taking part article.
    let mut split: Vec<(Vec<Block>, Vec<Block>)> = parts
        .iter()
        .map(|&i| {
            let blocks = &articles[i].blocks;
            let n = blocks.iter().take_while(|b| b.role.is_title()).count();
            (blocks[..n].to_vec(), blocks[n..].to_vec())
        })
        .collect();
    let (after, before) = crate::doubt::stack_sides(articles);
    if after + before == 0 {
        return Err(EditError::Refused(
            "no article here has both a headline stack and text: nothing to turn round",
        ));
    }
    let forward = after >= before;
    let stacks: Vec<Vec<Block>> = split.iter_mut().map(|(s, _)| std::mem::take(s)).collect();
    let mut lone: Option<Vec<Block>> = None;
    for (k, stack) in stacks.into_iter().enumerate() {
        if stack.is_empty() {
            continue;
        }
        let target = if forward {
            k.checked_add(1)
        } else {
            k.checked_sub(1)
        };
        match target.filter(|&t| t < split.len()) {
            Some(t) => split[t].0 = stack,
            None => lone = Some(stack),
        }
    }
    let mut out: Vec<Article> = Vec::with_capacity(articles.len() + 1);
    let mut next_part = 0;
    for (i, a) in articles.drain(..).enumerate() {
        if parts.get(next_part) == Some(&i) {
            let (stack, rest) = std::mem::take(&mut split[next_part]);
            next_part += 1;
            if next_part == 1
                && !forward
                && let Some(l) = lone.take()
            {
                out.push(Article {
                    id: String::new(),
                    kind: ArticleKind::Article,
                    blocks: l,
                });
            }
            let mut blocks = stack;
            blocks.extend(rest);
            if !blocks.is_empty() {
                out.push(Article { blocks, ..a });
            }
            if next_part == parts.len()
                && forward
                && let Some(l) = lone.take()
            {
                out.push(Article {
                    id: String::new(),
                    kind: ArticleKind::Article,
                    blocks: l,
                });
            }
        } else {
            out.push(a);
        }
    }
    for i in 0..out.len() {
        if out[i].id.is_empty() {
            out[i].id = fresh_id(&out);
        }
    }
    *articles = out;
    Ok(())
}

fn split_spans(spans: &[Span], cut: usize) -> (Vec<Span>, Vec<Span>) {
    // Spans are in the block's text order, which after moves and joins is
    // not always raw order: cut at the span that holds `cut`, and keep the
    // spans before it (in text order) left and those after it right.
    let Some(i) = spans.iter().position(|s| s.start <= cut && cut < s.end) else {
        return (spans.to_vec(), Vec::new());
    };
    let s = spans[i];
    let mut left = spans[..i].to_vec();
    let mut right = Vec::with_capacity(spans.len() - i);
    if s.start < cut {
        left.push(Span::new(s.start, cut));
    }
    right.push(Span::new(cut, s.end));
    right.extend_from_slice(&spans[i + 1..]);
    (left, right)
}

// ---------------------------------------------------------------------------
// Where moved blocks go: the structure rules behind keyboard moves and drops.

/// Where a block with `role` goes when it is dropped on an article: a title
/// joins the headline stack in kicker, headline, subheadline order; anything
/// else goes to the end.
#[must_use]
pub(crate) fn insertion_index(
    page: &Page,
    article: usize,
    role: Role,
    skip: Option<usize>,
) -> usize {
    let Some(a) = page.articles.get(article) else {
        return 0;
    };
    let rank = |r: Role| match r {
        Role::Kicker => 0,
        Role::Headline => 1,
        _ => 2,
    };
    let blocks: Vec<&Block> = a
        .blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(_, b)| b)
        .collect();
    if !role.is_title() {
        return blocks.len();
    }
    blocks
        .iter()
        .take_while(|b| b.role.is_title() && rank(b.role) <= rank(role))
        .count()
}

/// The keyboard move of a block one step up or down; at the edge of its
/// article it goes into the neighbour article (a title to its headline
/// stack, anything else to the near end).
#[must_use]
pub fn move_block_action(page: &Page, at: BlockRef, down: bool) -> Option<Action> {
    let a = page.articles.get(at.article)?;
    let b = a.blocks.get(at.block)?;
    let last = a.blocks.len().saturating_sub(1);
    let to = match (down, at.block) {
        (false, 0) => {
            let prev = at.article.checked_sub(1)?;
            let len = page.articles.get(prev)?.blocks.len();
            let index = if b.role.is_title() {
                insertion_index(page, prev, b.role, None)
            } else {
                len
            };
            BlockRef::new(prev, index)
        }
        (false, i) => BlockRef::new(at.article, i - 1),
        (true, i) if i == last => {
            let next = at.article + 1;
            page.articles.get(next)?;
            let index = if b.role.is_title() {
                insertion_index(page, next, b.role, None)
            } else {
                0
            };
            BlockRef::new(next, index)
        }
        (true, i) => BlockRef::new(at.article, i + 1),
    };
    Some(Action::MoveBlock { from: at, to })
}

/// The `MoveBlock` of a drop: `from` dropped into article `article` before
/// (visual) block `before` (`None`: where its role belongs).
#[must_use]
pub fn drop_action(
    page: &Page,
    from: BlockRef,
    article: usize,
    before: Option<usize>,
) -> Option<Action> {
    let role = page
        .articles
        .get(from.article)?
        .blocks
        .get(from.block)?
        .role;
    let same = from.article == article;
    let index = match before {
        Some(b) if same && b > from.block => b - 1,
        Some(b) => b,
        None => insertion_index(page, article, role, same.then_some(from.block)),
    };
    if same && index == from.block {
        return None;
    }
    Some(Action::MoveBlock {
        from,
        to: BlockRef::new(article, index),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{Action, BlockRef, EditError, Editor};
    use crate::decode::{Encoding, LineEnding};
    use crate::page::{ArticleKind, CharSource as _, RawText, Role, Span, Status};

    const PAGE: &str = "正文一。\n\n标题一\n\n政策解读面对面本 报 讯 （记 者 李 拥 军）11 月 21\n\n日，开会。\n\n标题二\n";

    fn editor() -> Editor {
        let raw = RawText::new("t.txt", PAGE, Encoding::Utf8, LineEnding::Lf);
        Editor::new(crate::propose_page(raw))
    }

    fn texts(e: &Editor) -> Vec<Vec<String>> {
        e.page()
            .articles
            .iter()
            .map(|a| a.blocks.iter().map(|b| b.text.clone()).collect())
            .collect()
    }

    #[test]
    fn a_replacement_with_nothing_to_replace_or_overlapping_places_is_refused() {
        let mut e = editor();
        let before = texts(&e);
        // The block `正文一。`.
        let (ai, bi) = before
            .iter()
            .enumerate()
            .find_map(|(ai, a)| a.iter().position(|t| t == "正文一。").map(|bi| (ai, bi)))
            .expect("the body block");
        let at = BlockRef::new(ai, bi);
        let refused = |e: &mut Editor, from: &str, places: Vec<(BlockRef, usize)>| {
            matches!(
                e.apply(Action::ReplaceAt {
                    from: from.to_owned(),
                    to: "二".to_owned(),
                    places,
                }),
                Err(EditError::Refused(_))
            )
        };
        // Nothing to replace, past the text's end, or overlapping places
        // (the proptest in tests/edit_properties.rs found the first two
        // panicking).
        assert!(refused(&mut e, "", vec![(at, 14)]));
        assert!(refused(&mut e, "一。", vec![(at, 3)]));
        assert!(refused(&mut e, "正文", vec![(at, 0), (at, 1)]));
        assert_eq!(texts(&e), before, "nothing changed");
        e.apply(Action::ReplaceAt {
            from: "一".to_owned(),
            to: "二".to_owned(),
            places: vec![(at, 2)],
        })
        .expect("a place that holds the text");
        assert_eq!(texts(&e)[ai][bi], "正文二。");
    }

    /// Every unedited block's text still matches its spans.
    fn assert_traceable(e: &Editor) {
        for a in &e.page().articles {
            for b in &a.blocks {
                let text: String = b.text.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(
                    b.edited
                        || crate::page::stands_for_raw(e.raw_chars(), &b.spans, &text, |_| [None;
                            3]),
                    "{b:?} lost its source"
                );
            }
        }
    }

    #[test]
    fn proposal_of_the_test_page() {
        let e = editor();
        assert_eq!(
            texts(&e),
            vec![
                vec![
                    "标题一".to_owned(),
                    "政策解读面对面".to_owned(),
                    "正文一。".to_owned()
                ],
                vec![
                    "标题二".to_owned(),
                    "本报讯（记者 李拥军）11月21日，开会。".to_owned()
                ],
            ]
        );
    }

    #[test]
    fn locate_follows_the_articles_through_edits_undo_and_redo() {
        let mut e = editor();
        // The raw offset of "正文一。", the third block of the first article.
        let offset = e.page().articles[0].blocks[2].spans[0].start;
        assert_eq!(e.locate(offset), Some(BlockRef::new(0, 2)));
        e.apply(Action::SplitArticle {
            at: BlockRef::new(0, 2),
        })
        .expect("split");
        assert_eq!(e.locate(offset), Some(BlockRef::new(1, 0)), "after an edit");
        assert!(e.undo());
        assert_eq!(e.locate(offset), Some(BlockRef::new(0, 2)), "after undo");
        assert!(e.redo());
        assert_eq!(e.locate(offset), Some(BlockRef::new(1, 0)), "after redo");
        assert_eq!(e.locate(e.raw_chars().char_len() + 5), None, "off the page");
    }

    #[test]
    fn split_merge_and_undo() {
        let mut e = editor();
        let before = texts(&e);
        e.apply(Action::SplitArticle {
            at: BlockRef::new(0, 2),
        })
        .expect("split");
        assert_eq!(e.page().articles.len(), 3);
        assert_eq!(e.page().articles[1].blocks[0].text, "正文一。");
        assert_ne!(
            e.page().articles[1].id,
            e.page().articles[0].id,
            "the new article has its own id"
        );
        assert!(e.is_dirty());
        assert_eq!(
            e.page().status,
            Status::Draft,
            "an edit makes the page a draft"
        );
        e.apply(Action::MergeWithPrevious { article: 1 })
            .expect("merge");
        assert_eq!(texts(&e), before);
        assert!(e.undo() && e.undo());
        assert_eq!(texts(&e), before);
        assert!(
            !e.is_dirty(),
            "undoing everything returns to the saved state"
        );
        assert!(e.redo());
        assert_eq!(e.page().articles.len(), 3);
        assert_eq!(
            e.apply(Action::SplitArticle {
                at: BlockRef::new(0, 0)
            }),
            Err(EditError::Refused("this block already starts its article"))
        );
        assert_traceable(&e);
    }

    #[test]
    fn move_headline_to_another_article() {
        let mut e = editor();
        // Say the subheadline belonged to the second article.
        e.apply(Action::MoveBlock {
            from: BlockRef::new(0, 1),
            to: BlockRef::new(1, 1),
        })
        .expect("move");
        assert_eq!(
            texts(&e)[1],
            vec![
                "标题二",
                "政策解读面对面",
                "本报讯（记者 李拥军）11月21日，开会。"
            ]
        );
        e.apply(Action::SetRole {
            at: BlockRef::new(1, 1),
            role: Role::Subheadline,
        })
        .expect("role");
        assert_eq!(e.page().articles[1].blocks[1].role, Role::Subheadline);
        // Moving every block of an article elsewhere removes the article.
        e.apply(Action::MoveBlock {
            from: BlockRef::new(0, 0),
            to: BlockRef::new(1, 0),
        })
        .expect("move");
        e.apply(Action::MoveBlock {
            from: BlockRef::new(0, 0),
            to: BlockRef::new(1, 4),
        })
        .expect("move");
        assert_eq!(e.page().articles.len(), 1);
        assert_eq!(texts(&e)[0].last().map(String::as_str), Some("正文一。"));
        assert_eq!(e.undo_depth(), 4);
        assert_traceable(&e);
    }

    /// Headlines after their bodies: body A, stack A, body B, stack B.
    const TWO_ARTICLES_HEADLINES_AFTER: [&str; 6] = [
        "本 报 讯 今 年 以 来 ， 全 市 各 级 各 部 门 认",
        "真落实各项工作部署。",
        "鹤山区举办文明志愿者培训",
        "本 报 讯 （记 者 李 拥 军）11 月 20 日 下",
        "午举办培训会。",
        "市交通运输行业党建培训基地揭牌",
    ];

    #[test]
    fn flipping_the_orientation_moves_every_stack_to_its_other_neighbour_and_back() {
        // Headlines after their bodies: body A, stack A, body B, stack B.
        let text = TWO_ARTICLES_HEADLINES_AFTER.join("\n\n");
        let raw = RawText::new("t.txt", &text, Encoding::Utf8, LineEnding::Lf);
        let mut e = Editor::new(crate::propose_page(raw));
        let heads = |e: &Editor| -> Vec<Option<String>> {
            e.page()
                .articles
                .iter()
                .map(|a| {
                    a.blocks
                        .iter()
                        .find(|b| b.role == Role::Headline)
                        .map(|b| b.text.clone())
                })
                .collect()
        };
        let before = texts(&e);
        assert_eq!(
            heads(&e),
            [
                Some("鹤山区举办文明志愿者培训".to_owned()),
                Some("市交通运输行业党建培训基地揭牌".to_owned())
            ],
            "{before:?}"
        );
        e.apply(Action::FlipOrientation).expect("flips");
        assert_eq!(
            heads(&e),
            [
                None,
                Some("鹤山区举办文明志愿者培训".to_owned()),
                Some("市交通运输行业党建培训基地揭牌".to_owned())
            ],
            "each stack heads the text after it; the last stands alone: {:?}",
            texts(&e)
        );
        assert_eq!(e.page().articles[2].blocks.len(), 1, "{:?}", texts(&e));
        assert_traceable(&e);
        e.apply(Action::FlipOrientation).expect("flips back");
        assert_eq!(texts(&e), before, "flipping twice is the page as it was");
        assert!(e.undo() && e.undo(), "two undoable steps");
        assert_eq!(texts(&e), before);
    }

    #[test]
    fn the_page_orientation_is_one_decision_that_turns_every_stack_round() {
        use crate::doubt::{BlockIndex, Choice, Kind, Record, outcome};
        let text = TWO_ARTICLES_HEADLINES_AFTER.join("\n\n");
        let raw = RawText::new("t.txt", &text, Encoding::Utf8, LineEnding::Lf);
        let proposal = crate::segment::propose_recording(&raw, Record::All);
        let mut oriented = proposal
            .decisions
            .list
            .iter()
            .filter(|d| d.kind == Kind::Orientation);
        let d = *oriented.next().expect("an orientation decision");
        assert!(oriented.next().is_none(), "one per page");
        assert_eq!(
            (d.chosen, d.alternative),
            (Choice::HeadlinesAfter, Choice::HeadlinesBefore)
        );
        assert_eq!(
            raw.text().chars().nth(d.at),
            Some('鹤'),
            "at the first stack"
        );
        let e = Editor::new(crate::propose_page(raw));
        let mut articles = crate::page::unshared(&e.page().articles);
        let now = |a: &[crate::page::Article]| outcome(a, &BlockIndex::new(a), e.raw_chars(), &d);
        assert_eq!(now(&articles), Some(Choice::HeadlinesAfter));
        super::flip::flip(&mut articles, e.raw_chars(), &d).expect("flips");
        assert_eq!(
            now(&articles),
            Some(Choice::HeadlinesBefore),
            "every stack moved"
        );
        assert_eq!(
            articles[1].blocks[0].text, "鹤山区举办文明志愿者培训",
            "the first stack heads the second text now"
        );
    }

    #[test]
    fn a_split_follows_the_text_order_of_spans_not_raw_order() {
        // A block joined from parts out of raw order (found by the soak
        // test: a line-end flip in such a block wrote an invalid fixture).
        let spans = [
            Span::new(848, 1026),
            Span::new(1225, 1491),
            Span::new(1028, 1223),
            Span::new(1520, 1661),
        ];
        let (left, right) = super::split_spans(&spans, 1145);
        assert_eq!(
            left,
            [
                Span::new(848, 1026),
                Span::new(1225, 1491),
                Span::new(1028, 1145)
            ],
            "what comes before the cut in the text"
        );
        assert_eq!(right, [Span::new(1145, 1223), Span::new(1520, 1661)]);
        let (l, r) = super::split_spans(&spans, 1225);
        assert_eq!(l, [Span::new(848, 1026)], "a cut at a span's start");
        assert_eq!(r.len(), 3, "{r:?}");
    }

    #[test]
    fn split_block_at_cursor_keeps_spans_traceable() {
        let mut e = editor();
        e.apply(Action::MoveBlock {
            from: BlockRef::new(0, 1),
            to: BlockRef::new(1, 1),
        })
        .expect("move");
        e.apply(Action::JoinWithNext {
            at: BlockRef::new(1, 1),
        })
        .expect("join");
        let joined = e.page().articles[1].blocks[1].text.clone();
        assert_eq!(
            joined,
            "政策解读面对面本报讯（记者 李拥军）11月21日，开会。"
        );
        e.apply(Action::SplitBlock {
            at: BlockRef::new(1, 1),
            char_index: 7,
        })
        .expect("split");
        assert_eq!(
            texts(&e)[1][1..],
            ["政策解读面对面", "本报讯（记者 李拥军）11月21日，开会。"]
        );
        assert_traceable(&e);
        let b = &e.page().articles[1].blocks[2];
        assert!(!b.edited, "a split keeps the text traceable");
        let left = e.page().articles[1].blocks[1]
            .spans
            .last()
            .copied()
            .expect("spans");
        assert!(
            e.raw_chars()
                .char_at(left.end - 1)
                .is_some_and(|c| !c.is_whitespace()),
            "the left part ends on its last character"
        );
        assert_eq!(b.spans.len(), 1);
        assert!(
            e.apply(Action::SplitBlock {
                at: BlockRef::new(1, 2),
                char_index: 0
            })
            .is_err(),
            "nothing to split at the start"
        );
    }

    #[test]
    fn edits_are_marked_and_noops_not_recorded() {
        let mut e = editor();
        e.apply(Action::EditText {
            at: BlockRef::new(0, 2),
            text: "正文一。".to_owned(),
        })
        .expect("same text");
        assert_eq!(e.undo_depth(), 0, "no change, no undo step");
        e.apply(Action::EditText {
            at: BlockRef::new(0, 2),
            text: "正文壹。".to_owned(),
        })
        .expect("edit");
        assert!(e.page().articles[0].blocks[2].edited);
        e.apply(Action::SetArticleKind {
            article: 0,
            kind: ArticleKind::Continuation,
        })
        .expect("kind");
        e.apply(Action::SetStatus(Status::Done)).expect("done");
        assert_eq!(e.page().status, Status::Done);
        e.mark_saved();
        assert!(!e.is_dirty());
        assert!(e.undo());
        assert!(e.is_dirty());
        assert_eq!(
            e.apply(Action::MergeWithPrevious { article: 9 }),
            Err(EditError::NoArticle(9))
        );
    }

    #[test]
    fn moved_titles_join_the_headline_stack() {
        let e = editor();
        let page = e.page();
        // The last block of the first article, moved down, opens the next.
        let at = BlockRef::new(0, 2);
        assert_eq!(
            super::move_block_action(page, at, true),
            Some(Action::MoveBlock {
                from: at,
                to: BlockRef::new(1, 0)
            }),
            "a body block goes to the top of the next article"
        );
        assert_eq!(
            super::insertion_index(page, 1, Role::Subheadline, None),
            1,
            "after the headline"
        );
        assert_eq!(
            super::insertion_index(page, 1, Role::Kicker, None),
            0,
            "before the headline"
        );
        assert_eq!(
            super::insertion_index(page, 1, Role::Body, None),
            2,
            "bodies go last"
        );
        assert_eq!(
            super::drop_action(page, BlockRef::new(0, 1), 1, None),
            Some(Action::MoveBlock {
                from: BlockRef::new(0, 1),
                to: BlockRef::new(1, 1)
            }),
            "a dropped subheadline joins the stack where its role belongs"
        );
        assert_eq!(
            super::drop_action(page, BlockRef::new(0, 1), 0, Some(2)),
            None,
            "dropping in place changes nothing"
        );
    }

    #[test]
    fn history_keeps_at_least_two_hundred_steps() {
        let mut e = editor();
        for i in 0..250 {
            let role = if i % 2 == 0 {
                Role::Byline
            } else {
                Role::Headline
            };
            e.apply(Action::SetRole {
                at: BlockRef::new(0, 0),
                role,
            })
            .expect("role");
        }
        let mut undone = 0;
        while e.undo() {
            undone += 1;
        }
        assert_eq!(undone, 250);
        assert_eq!(
            e.page().articles[0].blocks[0].role,
            Role::Kicker,
            "back to the proposal"
        );
    }

    #[test]
    fn history_is_capped_at_its_depth_and_drops_the_oldest_steps() {
        let mut e = editor();
        // Roles cycle through three, so that each step is a change and the
        // step a full undo comes back to can be told.
        let roles = [Role::Byline, Role::Headline, Role::Subhead];
        let steps = super::UNDO_DEPTH + 20;
        for i in 0..steps {
            e.apply(Action::SetRole {
                at: BlockRef::new(0, 0),
                role: roles[i % 3],
            })
            .expect("role");
        }
        let mut undone = 0;
        while e.undo() {
            undone += 1;
        }
        assert_eq!(undone, super::UNDO_DEPTH);
        // Back to the page after the 20 oldest steps, not to the proposal.
        assert_eq!(e.page().articles[0].blocks[0].role, roles[19 % 3]);
        let mut redone = 0;
        while e.redo() {
            redone += 1;
        }
        assert_eq!(redone, super::UNDO_DEPTH);
        assert_eq!(e.page().articles[0].blocks[0].role, roles[(steps - 1) % 3]);
    }

    #[test]
    fn history_shares_unchanged_articles() {
        use std::sync::Arc;
        let mut e = editor();
        let start = e.state_id();
        let before = e.shared_articles().to_vec();
        e.apply(Action::SetRole {
            at: BlockRef::new(0, 0),
            role: Role::Byline,
        })
        .expect("role");
        let after = e.shared_articles().to_vec();
        assert!(
            !Arc::ptr_eq(&before[0], &after[0]),
            "the changed article is new"
        );
        assert!(Arc::ptr_eq(&before[1], &after[1]), "the other is shared");
        e.apply(Action::MoveArticle { from: 1, to: 0 })
            .expect("move");
        assert!(
            Arc::ptr_eq(&e.shared_articles()[0], &before[1]),
            "a moved article is shared"
        );
        assert_ne!(e.state_id(), start);
        assert!(e.undo() && e.undo());
        assert_eq!(e.state_id(), start, "undo restores the state id");
        assert!(
            e.shared_articles()
                .iter()
                .zip(&before)
                .all(|(a, b)| Arc::ptr_eq(a, b))
        );
        assert_eq!(e.page().articles, before);
    }

    /// An editor on a fresh proposal of the seed page.
    pub(crate) fn seed_editor() -> Editor {
        let text = include_str!("../../../tests/data/seed_page.txt");
        let raw = RawText::new("seed.txt", text, Encoding::Utf8, LineEnding::Lf);
        Editor::new(crate::propose_page(raw))
    }

    /// An editor on a page whose headlines follow their bodies: a
    /// paragraph, its headline, two paragraphs, their headline.
    pub(crate) fn headlines_after_editor() -> Editor {
        let body = [
            "全 市 各 级 各 部 门 认 真 落 实 工 作 部",
            "署 ， 取 得 了 明 显 成 效 ， 群 众 满 意 度 不",
            "断 提 高 ， 社 会 各 界 普 遍 好 评 ， 为 全 年",
            "工 作 打 下 了 坚 实 基 础 ， 各 项 指 标 稳 步",
            "提高。",
        ];
        let mut lines = body.to_vec();
        lines.push("鹤山区举办文明志愿者培训");
        lines.extend(body);
        lines.extend(body);
        lines.push("淇滨区开展社保服务进万家活动");
        let text = lines.join("\n\n");
        let raw = RawText::new("after.txt", &text, Encoding::Utf8, LineEnding::Lf);
        Editor::new(crate::propose_page(raw))
    }

    /// The doubt at the seed's missed paragraph break (`…知识。⏎培训内容…`).
    fn missed_break(e: &Editor) -> usize {
        let chars = e.raw_chars();
        e.page()
            .review
            .doubts
            .iter()
            .position(|d| {
                d.kind == crate::doubt::Kind::LineEnd
                    && chars.char_at(d.at) == Some('培')
                    && chars.char_at(d.at + 1) == Some('训')
                    && d.before.is_some_and(|b| chars.char_at(b) == Some('。'))
            })
            .expect("the missed break is a doubt")
    }

    #[test]
    fn accepting_a_spot_settles_its_open_doubts_only_in_one_step() {
        use crate::decision::DoubtWalk;
        use crate::doubt::Resolution;
        let mut e = seed_editor();
        let review = e.page().review.clone();
        // A spot of several doubts (a headline stack's breaks and roles),
        // not all of one confidence.
        let varied = |i: usize| {
            let c: Vec<u8> = review
                .spot(i)
                .map(|j| review.doubts[j].confidence_percent())
                .collect();
            c.iter().any(|&x| Some(&x) != c.first())
        };
        let i = (0..review.doubts.len())
            .find(|&i| review.spot(i).len() >= 3 && varied(i))
            .expect("the seed has a spot of three doubts or more, of two confidences");
        let spot = review.spot(i);
        assert!(spot.len() < review.doubts.len(), "and other spots");
        let depth = e.undo_depth();
        let every = DoubtWalk::default();
        let accept = |doubt, walk| Action::AcceptSpot { doubt, walk };
        e.apply(accept(spot.start + 1, every)).expect("accepts");
        assert_eq!(e.undo_depth(), depth + 1, "one undo step");
        let r = &e.page().review.resolved;
        for (j, got) in r.iter().enumerate() {
            let want = spot.contains(&j).then_some(Resolution::Accepted);
            assert_eq!(*got, want, "doubt {j}, spot {spot:?}");
        }
        assert_eq!(
            e.apply(accept(review.doubts.len(), every)),
            Err(EditError::NoDoubt(review.doubts.len()))
        );
        e.undo();
        assert!(e.page().review.resolved.iter().all(Option::is_none));
        // Walking only the doubts below a cut, A leaves the spot's surer
        // doubts open.
        let sure: Vec<u8> = spot
            .clone()
            .map(|j| review.doubts[j].confidence_percent())
            .collect();
        let cut = DoubtWalk {
            below_percent: sure.iter().copied().max().expect("a spot"),
            ..every
        };
        assert!(sure.iter().any(|&c| c < cut.below_percent), "{sure:?}");
        let least = spot
            .clone()
            .min_by_key(|&j| review.doubts[j].confidence_percent())
            .expect("a spot");
        e.apply(accept(least, cut)).expect("accepts");
        for j in spot.clone() {
            let below = review.doubts[j].confidence_percent() < cut.below_percent;
            let want = below.then_some(Resolution::Accepted);
            assert_eq!(e.page().review.resolved[j], want, "doubt {j}, {sure:?}");
        }
    }

    #[test]
    fn accepting_a_rule_settles_its_open_doubts_only_in_one_step() {
        use crate::doubt::Resolution;
        let mut e = seed_editor();
        let doubts = e.page().review.doubts.clone();
        let rule = doubts[0].evidence;
        let of_rule = doubts.iter().filter(|d| d.evidence == rule).count();
        assert!(of_rule >= 2, "{rule:?} has several doubts on the seed");
        assert!(of_rule < doubts.len(), "and other rules have doubts too");
        // One of them is flipped first: it stays flipped.
        let flipped = doubts
            .iter()
            .rposition(|d| d.evidence == rule)
            .expect("one of the rule");
        e.apply(Action::FlipDoubt(flipped)).expect("flips");
        // (The flip may settle a doubt of another rule on the block it
        // changed, as edited.)
        let before = e.page().review.resolved.clone();
        assert_eq!(before[flipped], Some(Resolution::Flipped));
        let depth = e.undo_depth();
        e.apply(Action::AcceptRule(rule)).expect("accepts");
        assert_eq!(e.undo_depth(), depth + 1, "one undo step");
        let r = &e.page().review.resolved;
        let mut accepted = 0;
        for (i, d) in doubts.iter().enumerate() {
            let want = if d.evidence == rule && before[i].is_none() {
                accepted += 1;
                Some(Resolution::Accepted)
            } else {
                before[i]
            };
            assert_eq!(r[i], want, "doubt {i} ({:?})", d.evidence);
        }
        assert!(accepted >= 1, "the rule's open doubts are accepted");
        e.undo();
        assert_eq!(
            e.page().review.resolved,
            before,
            "one undo takes the acceptance back"
        );
    }

    #[test]
    fn a_flip_does_what_its_decision_says_whatever_the_rule() {
        use crate::doubt::{Choice, Flip, Kind};
        let e = headlines_after_editor();
        // Where headlines follow their bodies, a paragraph after a stack
        // opens the next article; taking "same article" sends only that
        // paragraph back, and the decision says so.
        let d = *e
            .page()
            .review
            .doubts
            .iter()
            .find(|d| d.kind == Kind::Boundary && d.alternative == Choice::SameArticle)
            .expect("a doubted boundary");
        assert_eq!(d.flip, Flip::BlockGoesBack, "{d:?}");
        let raw = e.raw_chars();
        let before = crate::page::unshared(&e.page().articles);
        let (mut back, mut joined) = (before.clone(), before.clone());
        super::flip::flip(&mut back, raw, &d).expect("flips");
        super::flip::flip(&mut joined, raw, &d.with_flip(Flip::Plain)).expect("flips");
        let count =
            |a: &[crate::page::Article]| a.iter().map(|a| a.blocks.len()).collect::<Vec<_>>();
        assert_eq!(
            count(&before),
            [2, 3],
            "two articles: a headline and its body"
        );
        assert_eq!(count(&back), [3, 2], "one paragraph went back");
        assert_eq!(count(&joined), [5], "the two articles joined");
        assert_ne!(back, joined);
    }

    #[test]
    fn accept_and_flip_settle_doubts_with_undo() {
        use crate::doubt::{Choice, Resolution};
        let mut e = seed_editor();
        let n = e.page().review.doubts.len();
        assert!(n > 0);
        assert_eq!(e.page().review.open_count(), n);
        e.apply(Action::AcceptDoubt(0)).expect("accepts");
        assert_eq!(e.page().review.resolved[0], Some(Resolution::Accepted));
        assert!(e.is_dirty(), "a settled doubt is a change to save");
        assert_eq!(e.page().status, Status::Draft);
        e.undo();
        assert_eq!(e.page().review.resolved[0], None);
        let k = missed_break(&e);
        assert_eq!(e.doubt_outcomes()[k], Some(Choice::Join));
        let blocks: usize = e.page().articles.iter().map(|a| a.blocks.len()).sum();
        e.apply(Action::FlipDoubt(k)).expect("flips");
        assert_eq!(e.doubt_outcomes()[k], Some(Choice::Break));
        assert_eq!(e.page().review.resolved[k], Some(Resolution::Flipped));
        let after: usize = e.page().articles.iter().map(|a| a.blocks.len()).sum();
        assert_eq!(after, blocks + 1, "the paragraph was split");
        assert_traceable(&e);
        e.undo();
        assert_eq!(e.doubt_outcomes()[k], Some(Choice::Join));
        assert_eq!(e.page().review.resolved[k], None);
        assert!(matches!(
            e.apply(Action::FlipDoubt(n)),
            Err(EditError::NoDoubt(_))
        ));
    }

    #[test]
    fn a_repaired_mark_is_a_doubt_that_flips_to_its_other_reading_and_back() {
        use crate::doubt::{Choice, Kind};
        use crate::punct::Mark;
        let raw = RawText::new(
            "ocr.txt",
            "这又无形中加剧了东南沿海各渔村的用水紧张' 人物小传\n\n杜景行, 省第十届人大代表`江西蓝鲸k集团总裁\n",
            Encoding::Utf8,
            LineEnding::Lf,
        );
        let mut e = Editor::new(crate::propose_page(raw));
        let text = |e: &Editor| -> String {
            e.page()
                .articles
                .iter()
                .flat_map(|a| &a.blocks)
                .map(|b| b.text.as_str())
                .collect()
        };
        let proposed = text(&e);
        assert!(proposed.contains("用水紧张。人物小传"), "{proposed}");
        assert!(
            proposed.contains("杜景行，省第十届人大代表、江西"),
            "{proposed}"
        );
        assert_traceable(&e);
        let doubts = &e.page().review.doubts;
        let k = doubts
            .iter()
            .position(|d| d.kind == Kind::Punctuation && d.chosen == Choice::Mark(Mark::FullStop))
            .expect("the apostrophe read as a full stop is a doubt");
        assert_eq!(doubts[k].alternative, Choice::Mark(Mark::Enumeration));
        assert_eq!(e.doubt_outcomes()[k], Some(Choice::Mark(Mark::FullStop)));
        e.apply(Action::FlipDoubt(k)).expect("flips");
        assert!(text(&e).contains("用水紧张、人物小传"), "{}", text(&e));
        assert_eq!(e.doubt_outcomes()[k], Some(Choice::Mark(Mark::Enumeration)));
        // The written mark still traces to the raw apostrophe.
        let at = e.page().review.doubts[k].at;
        let r = e.locate(at).expect("in a block");
        let b = &e.page().articles[r.article].blocks[r.block];
        let traced = crate::page::trace(e.raw_chars(), &b.text, &b.spans);
        let i = traced.iter().position(|&o| o == Some(at)).expect("traced");
        assert_eq!(b.text.chars().nth(i), Some('、'));
        e.undo();
        assert_eq!(text(&e), proposed);
    }

    /// Made up: an ALTO page of two lines of one paragraph (the second
    /// opening with `opens`), read without its picture, and the raw offset
    /// of the first line's last glyph.
    fn two_lines(opens: &str) -> (crate::page::Page, usize) {
        let line = |y: u32, text: &str| {
            format!(
                "<TextLine HPOS=\"100\" VPOS=\"{y}\" WIDTH=\"400\" HEIGHT=\"28\"><String HPOS=\"100\" VPOS=\"{y}\" WIDTH=\"400\" HEIGHT=\"28\" WC=\"0.95\" CONTENT=\"{text}\"/></TextLine>"
            )
        };
        let alto = format!(
            "<alto><Layout><Page WIDTH=\"1000\" HEIGHT=\"1400\"><TextBlock>{}{}</TextBlock></Page></Layout></alto>",
            line(200, "今年的工作要抓紧抓好"),
            line(230, &format!("{opens}很高兴会议开得很好"))
        );
        let read = crate::io::page_from_bytes("p.xml", alto.as_bytes()).expect("reads");
        let raw_text: Vec<char> = read.raw.text().chars().collect();
        let last = raw_text.iter().position(|&c| c == '好').expect("line 1");
        assert_eq!(raw_text.get(last + 1), Some(&'\n'), "the first line's end");
        (read, last)
    }

    /// `read` proposed as if its picture showed the unread marks `set`
    /// puts in its geometry.
    fn with_unread(
        read: &crate::page::Page,
        set: impl FnOnce(&mut crate::ocr::Geometry),
    ) -> crate::page::Page {
        let mut geometry = read.raw.geometry().expect("boxes").clone();
        set(&mut geometry);
        crate::propose_page(read.raw.clone().with_geometry(geometry))
    }

    fn text_of(articles: &[crate::page::Article]) -> String {
        articles
            .iter()
            .flat_map(|a| &a.blocks)
            .map(|b| b.text.as_str())
            .collect()
    }

    #[test]
    fn a_mark_the_engine_did_not_read_is_written_after_its_glyph_and_flips_out() {
        use crate::doubt::{BlockIndex, Choice, Decision, Evidence, Flip, Kind, Record, outcome};
        use crate::page::Article;
        use crate::punct::Mark;
        // The page picture showed a `。` after the first line's last glyph
        // that the engine did not read.
        let (read, last) = two_lines("大家都");
        assert!(
            !text_of(&crate::page::unshared(&read.articles)).contains('。'),
            "no picture read"
        );
        let page = with_unread(&read, |g| g.stops_unread = Some(vec![last]));
        let raw = page.raw.clone();
        let articles = crate::page::unshared(&page.articles);
        assert_eq!(
            text_of(&articles),
            "今年的工作要抓紧抓好。大家都很高兴会议开得很好"
        );
        let fixture = crate::fixture::Fixture::from_page(&page, "2026-12-05T08:00:00Z");
        assert_eq!(fixture.problems(), [], "it traces to the picture's mark");
        assert!(crate::fixture::page_coverage_problems(&page).is_empty());
        // Its decision: written, or flipped out.
        let proposal = crate::segment::propose_recording(&raw, Record::All);
        let d = proposal
            .decisions
            .list
            .iter()
            .find(|d| d.flip == Flip::MarkAfter)
            .copied()
            .expect("the written mark is a decision");
        assert_eq!(
            (d.kind, d.at, d.chosen, d.alternative, d.evidence),
            (
                Kind::Punctuation,
                last,
                Choice::Mark(Mark::FullStop),
                Choice::Mark(Mark::AsRead),
                Evidence::StopUnread
            )
        );
        let chars = page.raw.chars();
        let taken = |articles: &[Article]| outcome(articles, &BlockIndex::new(articles), chars, &d);
        assert_eq!(taken(&articles), Some(d.chosen));
        let mut flipped = articles.clone();
        super::flip::flip(&mut flipped, chars, &d).expect("flips");
        assert_eq!(
            text_of(&flipped),
            "今年的工作要抓紧抓好大家都很高兴会议开得很好"
        );
        assert_eq!(taken(&flipped), Some(d.alternative));
        // And back, as a comma this time.
        let comma = Decision {
            alternative: Choice::Mark(Mark::Comma),
            ..d
        };
        super::flip::flip(&mut flipped, chars, &comma).expect("flips back");
        assert_eq!(
            text_of(&flipped),
            "今年的工作要抓紧抓好，大家都很高兴会议开得很好"
        );
    }

    #[test]
    fn a_solid_dot_is_a_doubted_full_stop_and_a_mark_read_next_is_the_one_inked() {
        use crate::doubt::{Choice, Evidence, Flip};
        use crate::punct::Mark;
        // A solid dot where a `。` stands is written `。` too, as a doubt
        // whose flip writes `、`.
        let (read, last) = two_lines("大家都");
        let page = with_unread(&read, |g| g.dots_unread = Some(vec![last]));
        let doubt = page
            .review
            .doubts
            .iter()
            .find(|d| d.flip == Flip::MarkAfter)
            .copied()
            .expect("the dot's mark is a doubt");
        assert_eq!(
            (doubt.evidence, doubt.alternative),
            (Evidence::DotUnread, Choice::Mark(Mark::Enumeration))
        );
        let mut listed = crate::page::unshared(&page.articles);
        super::flip::flip(&mut listed, page.raw.chars(), &doubt).expect("flips");
        assert_eq!(
            text_of(&listed),
            "今年的工作要抓紧抓好、大家都很高兴会议开得很好"
        );
        // Where the next line opens with a mark, that mark is the one the
        // picture showed: nothing is written.
        let (read, last) = two_lines("，大家");
        let page = with_unread(&read, |g| g.stops_unread = Some(vec![last]));
        assert!(!text_of(&crate::page::unshared(&page.articles)).contains('。'));
    }

    #[test]
    fn an_unread_closing_quote_is_written_in_the_order_the_picture_shows_and_flips_back_there() {
        use crate::doubt::{Choice, Decision, Flip, Record};
        use crate::punct::Mark;
        let (read, last) = two_lines("大家都");
        for (first, written) in [(false, "好。”大家"), (true, "好”。大家")] {
            let page = with_unread(&read, |g| {
                g.stops_unread = Some(vec![last]);
                if first {
                    g.quotes_unread_first = Some(vec![last]);
                } else {
                    g.quotes_unread = Some(vec![last]);
                }
            });
            let articles = crate::page::unshared(&page.articles);
            assert!(text_of(&articles).contains(written), "{written}");
            assert_eq!(
                crate::fixture::Fixture::from_page(&page, "2026-12-05T08:00:00Z").problems(),
                [],
                "both marks trace to the picture"
            );
            let proposal = crate::segment::propose_recording(&page.raw, Record::All);
            let decision = |mark: Mark| -> Decision {
                proposal
                    .decisions
                    .list
                    .iter()
                    .find(|d| d.flip.writes_after() && d.chosen == Choice::Mark(mark))
                    .copied()
                    .expect("each written mark is a decision")
            };
            let (stop, quote) = (decision(Mark::FullStop), decision(Mark::CloseQuote));
            let flip = if first {
                Flip::QuoteFirst
            } else {
                Flip::MarkAfter
            };
            assert_eq!((stop.flip, quote.flip), (flip, flip));
            let chars = page.raw.chars();
            // Each flips out alone, and back into its own place.
            for d in [stop, quote] {
                let mut flipped = articles.clone();
                let out = Decision {
                    alternative: d.chosen,
                    chosen: d.alternative,
                    ..d
                };
                super::flip::flip(&mut flipped, chars, &d).expect("flips out");
                let kept = if d == stop {
                    "好”大家"
                } else {
                    "好。大家"
                };
                assert!(text_of(&flipped).contains(kept), "{kept}");
                super::flip::flip(&mut flipped, chars, &out).expect("flips back");
                assert!(text_of(&flipped).contains(written), "{written} again");
            }
        }
    }

    #[test]
    fn an_edit_at_a_doubt_settles_it_and_only_it() {
        use crate::doubt::Resolution;
        let mut e = seed_editor();
        let k = missed_break(&e);
        let r = e.locate(e.page().review.doubts[k].at).expect("in a block");
        let text = e.page().articles[r.article].blocks[r.block].text.clone();
        let cut = text.find("培训内容").expect("in the text");
        let char_index = text[..cut].chars().count();
        e.apply(Action::SplitBlock { at: r, char_index })
            .expect("splits");
        let review = &e.page().review;
        assert_eq!(review.resolved[k], Some(Resolution::Edited));
        let settled = review.resolved.iter().filter(|r| r.is_some()).count();
        assert_eq!(settled, 1, "doubts elsewhere stay open");
    }
}
