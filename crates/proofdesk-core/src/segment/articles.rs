//! Where articles begin and end: the page's orientation, and the article
//! each headline stack, byline and caption attaches to.

use super::{Item, Orientation};
use crate::doubt::{Choice, Decision, Decisions, Evidence, Flip, Kind};
use crate::page::{Article, ArticleKind, Block, CharSource, Role};

/// Decides where headlines sit from the page's two ends: a page that opens
/// with running text and closes with a headline stack has its headlines after
/// their bodies.
pub(super) fn orientation(items: &[Item]) -> (Orientation, Evidence) {
    let edges: Vec<&Item> = items
        .iter()
        .filter(|it| {
            !matches!(
                it,
                Item::PageHeader(_) | Item::Section(_) | Item::Caption { .. }
            ) && !is_fragment(it)
        })
        .collect();
    let mut after = 0_u32;
    let mut before = 0_u32;
    match edges.first() {
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
    // The last item is the stronger cue: a page may open with a continuation
    // or an article without headline in either layout. But a page whose last
    // article is a continuation (no headline of its own) ends with a body
    // in both layouts.
    let last_opener = edges.iter().rev().find_map(|it| match it {
        Item::Body {
            starts: true,
            continuation,
            ..
        } => Some(*continuation),
        Item::Stack(_) => Some(false),
        _ => None,
    });
    // A block byline right after the last stack (`本报记者 某某`) is the
    // stack's.
    let last = match edges.as_slice() {
        [.., stack @ Item::Stack(_), Item::Byline(_)] => Some(stack),
        _ => edges.last(),
    };
    match last {
        Some(Item::Stack(_)) => after += 2,
        Some(Item::Body { .. } | Item::Source(_)) if last_opener != Some(true) => before += 2,
        _ => {}
    }
    let (ends_after, ends_before) = (after, before);
    let (sides_after, sides_before) = continuation_sides(&edges);
    after += sides_after;
    before += sides_before;
    let orientation = orientation_of(after, before);
    // The first item votes 1, the last 2: both agree at 3 or -3. Where
    // continuations' sides decide what the ends did not (or against
    // them), they are the evidence.
    let by_ends = orientation_of(ends_after, ends_before);
    let decided_by_sides = sides_after != sides_before
        && ((ends_after, ends_before) == (0, 0) || by_ends != orientation);
    let evidence = match (ends_after, ends_before) {
        _ if decided_by_sides => Evidence::ContinuationSides,
        (0, 0) => Evidence::NoPageEnd,
        (3, 0) | (0, 3) => Evidence::BothPageEnds,
        _ => Evidence::OnePageEnd,
    };
    (orientation, evidence)
}

/// Where headlines sit by `after` and `before` votes: after their bodies
/// unless more say before (most extractions put them after).
fn orientation_of(after: u32, before: u32) -> Orientation {
    if before > after {
        Orientation::HeadlinesBefore
    } else {
        Orientation::HeadlinesAfter
    }
}

/// The votes of the page's continuations (`（上接第一版）…`), which have no
/// headlines of their own, for headlines after and before their bodies:
/// a stack (or its block byline) right before one closed the article
/// before it (after); running text right before one was that article's
/// (before).
fn continuation_sides(edges: &[&Item]) -> (u32, u32) {
    let (mut after, mut before) = (0, 0);
    for pair in edges.windows(2) {
        if let [
            prev,
            Item::Body {
                continuation: true, ..
            },
        ] = pair
        {
            match prev {
                Item::Stack(blocks) if !runs_on(blocks) => after += 1,
                Item::Byline(_) => after += 1,
                Item::Body { .. } => before += 1,
                _ => {}
            }
        }
    }
    (after, before)
}

/// Whether a stack's last title runs on like text (it ends on a comma, a
/// pause or an opening mark: `…作品中，`, `…如“`): running text an
/// extractor wrote apart and read as titles, which says nothing of where
/// headlines stand.
fn runs_on(blocks: &[Block]) -> bool {
    blocks
        .last()
        .and_then(|b| b.text.trim_end().chars().last())
        .is_some_and(|c| {
            crate::chars::is_pause(c) || matches!(c, '“' | '（' | '《' | '「' | '『' | '(')
        })
}

/// Whether an item is a stack of one or two glyphs in all, or of the
/// first glyphs of a photographer's credit (`本报记`), too short for a
/// headline: a piece of something else that the extractor wrote apart
/// (the start of a caption's credit written after the rest of it), which
/// says nothing of where headlines stand.
fn is_fragment(item: &Item) -> bool {
    let Item::Stack(blocks) = item else {
        return false;
    };
    let glyphs: Vec<char> = blocks
        .iter()
        .flat_map(|b| b.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    glyphs.len() <= 2 || crate::layout::starts_a_credit_role(&glyphs)
}

/// An article being assembled, at `index` in the output.
struct Open {
    pub(super) index: usize,
    has_stack: bool,
    has_body: bool,
    ended: bool,
    /// Its stack came before its text on a page whose headlines follow
    /// their bodies (an article drawn head first among body-first ones):
    /// no stack of its own closes its text.
    head_first: bool,
}

/// Puts items into articles in page order.
struct Assembler {
    pub(super) after: bool,
    pub(super) articles: Vec<Article>,
    cur: Option<Open>,
}

/// Where an item went: on with the current article or opening one, the
/// rule that said so, and what taking the other choice would do.
#[derive(Clone, Copy)]
struct Placed {
    joined: bool,
    pub(super) evidence: Evidence,
    flip: Flip,
}

impl Placed {
    /// The item goes on with the current article.
    pub(super) const fn joined(evidence: Evidence) -> Self {
        Self {
            joined: true,
            evidence,
            flip: Flip::Plain,
        }
    }

    /// The item opens an article.
    pub(super) const fn opened(evidence: Evidence) -> Self {
        Self {
            joined: false,
            evidence,
            flip: Flip::Plain,
        }
    }
}

impl Assembler {
    pub(super) fn push(&mut self, kind: ArticleKind, blocks: Vec<Block>) -> usize {
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
            head_first: false,
        });
    }

    /// A page header line; one broken into lines is one page header.
    fn page_header(&mut self, b: Block) -> Placed {
        match self.articles.last_mut() {
            Some(a) if a.kind == ArticleKind::PageHeader && self.cur.is_none() => {
                a.blocks.push(b);
                Placed::joined(Evidence::StandsApart)
            }
            _ => {
                self.push(ArticleKind::PageHeader, vec![b]);
                Placed::opened(Evidence::StandsApart)
            }
        }
    }

    /// A headline stack; whether it heads the article before it.
    fn stack(&mut self, blocks: Vec<Block>) -> bool {
        match &mut self.cur {
            Some(open) if self.after && open.has_body && !open.has_stack => {
                let art = &mut self.articles[open.index];
                let at = art.blocks.iter().take_while(|b| b.role.is_title()).count();
                art.blocks.splice(at..at, blocks);
                open.has_stack = true;
                true
            }
            _ => {
                // Where headlines follow their bodies, a stack with no
                // article open before it (the page's start, or after a
                // banner) or right after an article that has its own can
                // only head what follows (an article drawn head first among
                // body-first ones).
                let follows_stack = self.cur.as_ref().is_none_or(|o| o.has_stack);
                let ended = self.after && !follows_stack;
                self.open(ArticleKind::Article, blocks, true, false, ended);
                if let Some(open) = &mut self.cur {
                    open.head_first = self.after && follows_stack;
                }
                false
            }
        }
    }

    /// A headline stack that an engine's plain text wrote inside a sentence
    /// of the current article (`super::items::inside_sentence`): its blocks go
    /// on with that article where they were printed, and the article stays
    /// open for the text after them.
    fn stack_inside(&mut self, blocks: Vec<Block>) -> Placed {
        if let Some(open) = &self.cur {
            self.articles[open.index].blocks.extend(blocks);
            Placed::joined(Evidence::StackInsideSentence)
        } else {
            self.open(ArticleKind::Article, blocks, true, false, false);
            Placed::opened(Evidence::StandsApart)
        }
    }

    /// A caption: one printed inside the current article's text (`in_text`)
    /// goes with the article, which stays open; one the image shows right
    /// over the opening of the next article's text (`heads_next`, see
    /// [`caption_heads_next`]) opens that article; any other stands apart.
    fn caption(&mut self, b: Block, in_text: bool, heads_next: bool) -> Placed {
        match &self.cur {
            _ if heads_next => {
                self.open(ArticleKind::Article, vec![b], false, false, false);
                Placed::opened(Evidence::CaptionOverText)
            }
            Some(open) if in_text => {
                self.articles[open.index].blocks.push(b);
                Placed::joined(Evidence::TailOfArticle)
            }
            _ => {
                self.push(ArticleKind::CaptionOnly, vec![b]);
                Placed::opened(Evidence::StandsApart)
            }
        }
    }

    /// A block byline that ends the stack just placed (headlines after
    /// bodies): it goes after the stack's titles in the stack's article.
    fn stack_byline(&mut self, b: Block) -> Placed {
        match &self.cur {
            Some(open) if open.has_stack => {
                let art = &mut self.articles[open.index];
                let at = art.blocks.iter().take_while(|b| b.role.is_title()).count();
                art.blocks.insert(at, b);
                Placed::joined(Evidence::TailOfArticle)
            }
            _ => self.byline(b),
        }
    }

    /// A byline; whether it goes on with the current article, and why.
    fn byline(&mut self, b: Block) -> Placed {
        match &self.cur {
            Some(open) if !self.after && !open.has_body => {
                self.articles[open.index].blocks.push(b);
                Placed::joined(Evidence::DatelineAfterStack)
            }
            _ => {
                self.open(ArticleKind::Article, vec![b], false, false, false);
                Placed::opened(Evidence::BylineOpens)
            }
        }
    }

    /// A paragraph, right after a caption (`after_caption`) or not, and
    /// with an end of its text ahead (`end_ahead`, [`ends_ahead`]) or not. Where headlines follow their
    /// bodies, a continuation (`（上接第一版）…`) and an article drawn head
    /// first have no stack after their text to close it: a caption printed
    /// at its end does (a photo's caption is written after its article's
    /// text), and the paragraph after it opens the next article.
    fn body_after(
        &mut self,
        block: Block,
        (starts, continuation): (bool, bool),
        (after_caption, end_ahead): (bool, bool),
    ) -> Placed {
        let unclosed = self.cur.as_ref().is_some_and(|o| {
            o.head_first || self.articles[o.index].kind == ArticleKind::Continuation
        });
        let closes = after_caption && self.after && !starts && unclosed;
        if closes && let Some(open) = &mut self.cur {
            open.ended = true;
        }
        let placed = self.body(block, starts, continuation, end_ahead);
        if closes {
            Placed {
                evidence: Evidence::AfterCaption,
                flip: Flip::Plain,
                ..placed
            }
        } else {
            placed
        }
    }

    /// A paragraph; whether it goes on with the current article, and why.
    /// Where headlines follow their bodies, an article drawn head first
    /// (its stack at the page's start or right after another stack) takes
    /// the paragraphs after it while an end of its text lies ahead
    /// (`end_ahead`): a caption, or the next article's dateline, before
    /// any stack. Text that a stack follows first is that stack's article
    /// (its headlines after its body); then nothing tells where the
    /// head-first article's text ends, and it keeps only its dateline's
    /// paragraph.
    fn body(&mut self, block: Block, starts: bool, continuation: bool, end_ahead: bool) -> Placed {
        let after = self.after;
        let mut to_its_end = false;
        let joins = self.cur.as_ref().is_some_and(|open| {
            if starts {
                !open.has_body && !open.ended
            } else if after {
                to_its_end = open.has_stack && open.head_first && end_ahead;
                (!open.has_stack || to_its_end) && !open.ended
            } else {
                !open.ended
            }
        });
        let had_article = self.cur.is_some();
        match &mut self.cur {
            Some(open) if joins => {
                let art = &mut self.articles[open.index];
                art.blocks.push(block);
                if continuation {
                    art.kind = ArticleKind::Continuation;
                }
                open.has_body = true;
                if starts {
                    Placed::joined(Evidence::DatelineAfterStack)
                } else if to_its_end {
                    Placed::joined(Evidence::HeadFirstText)
                } else {
                    Placed::joined(Evidence::RunningText)
                }
            }
            _ => {
                let kind = if continuation {
                    ArticleKind::Continuation
                } else {
                    ArticleKind::Article
                };
                self.open(kind, vec![block], false, true, false);
                if starts {
                    Placed::opened(Evidence::Dateline)
                } else if had_article {
                    self.closed_by()
                } else {
                    Placed::opened(Evidence::StandsApart)
                }
            }
        }
    }

    /// Why an item after the current article opens another: its headlines
    /// came (headlines after bodies), or a source note ended it.
    fn closed_by(&self) -> Placed {
        if self.after {
            Placed {
                flip: Flip::BlockGoesBack,
                ..Placed::opened(Evidence::AfterHeadlines)
            }
        } else {
            Placed::opened(Evidence::AfterClosedArticle)
        }
    }

    /// A subhead or source note goes on with the current article; whether
    /// it did, and why.
    fn tail(&mut self, b: Block, end_ahead: bool) -> Placed {
        let is_source = b.role == Role::Source;
        let after = self.after;
        let had_article = self.cur.is_some();
        match &mut self.cur {
            Some(open)
                if (!after || !open.has_stack || (open.head_first && end_ahead)) && !open.ended =>
            {
                self.articles[open.index].blocks.push(b);
                open.ended |= is_source && !after;
                open.has_body = true;
                Placed::joined(Evidence::TailOfArticle)
            }
            _ => {
                let closed_by = self.closed_by();
                self.open(ArticleKind::Article, vec![b], false, true, false);
                if had_article {
                    closed_by
                } else {
                    Placed::opened(Evidence::StandsApart)
                }
            }
        }
    }
}

impl Item {
    /// Raw offsets of the item's first and last glyph.
    pub(super) fn bounds(&self) -> Option<(usize, usize)> {
        let blocks: &[Block] = match self {
            Self::Body { block, .. } => std::slice::from_ref(block),
            Self::Stack(b) | Self::Section(b) => b,
            Self::Subhead(b)
            | Self::Byline(b)
            | Self::Caption { block: b, .. }
            | Self::Source(b)
            | Self::PageHeader(b) => std::slice::from_ref(b),
        };
        let first = blocks.first()?.spans.first()?.start;
        let last = blocks.last()?.spans.last()?.end.checked_sub(1)?;
        Some((first, last))
    }

    /// Whether the item is plain text that opens nothing (so a headline
    /// stack before it may as well head it).
    fn is_plain_text(&self) -> bool {
        matches!(
            self,
            Self::Body { starts: false, .. } | Self::Subhead(_) | Self::Source(_)
        )
    }
}

/// The evidence a boundary decision records for an item `placed` so: a
/// dateline right after a comma (`after_comma`) may be a clause's, running
/// text right after a caption may have been closed by it, and text under a
/// caption that heads it goes with the caption.
fn boundary_evidence(
    placed: Placed,
    after_comma: bool,
    after_caption: bool,
    after_heading_caption: bool,
) -> Evidence {
    match placed.evidence {
        _ if after_heading_caption && placed.joined => Evidence::CaptionOverText,
        Evidence::Dateline if after_comma => Evidence::OpensAfterComma,
        Evidence::RunningText if after_caption => Evidence::AfterCaption,
        evidence => evidence,
    }
}

/// For each item, whether an end of an article's text comes after it (a
/// caption, written after its article's text, or a dateline, which opens
/// the next article) before anything else that opens or closes an article
/// (a stack, a banner, a page header, a block byline, a source note):
/// running text and subheads alone lie between.
fn ends_ahead(items: &[Item]) -> Vec<bool> {
    let mut ahead = vec![false; items.len()];
    let mut seen = false;
    for (slot, item) in ahead.iter_mut().zip(items).rev() {
        *slot = seen;
        seen = match item {
            Item::Caption { .. } | Item::Body { starts: true, .. } => true,
            Item::Body { starts: false, .. } | Item::Subhead(_) => seen,
            _ => false,
        };
    }
    ahead
}

/// Whether a block byline right after a stack (headlines after bodies)
/// closes the stack's article, given what follows it: on a page whose
/// bylines travel with their stacks, always; else when a dateline or a
/// continuation marker follows (an article has a dateline or a byline, and a
/// continuation neither) or no paragraph does (another stack, a caption, the
/// page's end: the byline opens nothing).
fn byline_closes_stack(page_says_so: bool, next: Option<&Item>) -> bool {
    page_says_so
        || matches!(next, Some(Item::Body { starts: true, .. }))
        || !matches!(next, Some(Item::Body { .. }))
}

/// Whether, on a page whose headlines follow their bodies, a block byline
/// right after a stack was drawn with that stack (it closes the stack's
/// article) rather than before the next body (it opens the next article).
///
/// An article has a dateline or a block byline, not both, so each byline
/// between a stack and a dateline (or before no paragraph at all: another
/// stack, the page's end) votes for the stack's side, and each byline
/// after the stack of an article that opened with a dateline votes for the
/// body's side. The page follows the majority; a tie keeps the byline with
/// the body it stands before.
fn bylines_follow_stacks(items: &[Item]) -> bool {
    let mut with_stack = 0_usize;
    let mut with_body = 0_usize;
    // Whether the article being read (since the last stack) opened with a
    // dateline.
    let mut dated = false;
    let mut first_body = true;
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Stack(_) => {
                if matches!(items.get(i + 1), Some(Item::Byline(_))) {
                    let next_dated = matches!(
                        items.get(i + 2),
                        Some(Item::Body {
                            starts: true,
                            continuation: false,
                            ..
                        })
                    );
                    // No paragraph after it: it cannot open an article.
                    let nothing_follows = !matches!(items.get(i + 2), Some(Item::Body { .. }));
                    if (next_dated || nothing_follows) && !dated {
                        with_stack += 1;
                    } else if dated && !next_dated && !nothing_follows {
                        with_body += 1;
                    }
                }
                dated = false;
                first_body = true;
            }
            Item::Body { starts, .. } => {
                if first_body {
                    dated = *starts;
                }
                first_body = false;
            }
            Item::Section(_) | Item::PageHeader(_) => {
                dated = false;
                first_body = true;
            }
            Item::Subhead(_) | Item::Byline(_) | Item::Caption { .. } | Item::Source(_) => {}
        }
    }
    with_stack > with_body
}

/// A headline stack placed, its attachment decision waiting to learn what
/// follows the stack.
#[derive(Clone, Copy)]
struct Waiting {
    /// The last glyph before the stack.
    pub(super) before: usize,
    /// The stack's first glyph.
    pub(super) at: usize,
    /// Whether the stack went to the article before it.
    headed_before: bool,
    /// Whether the stack was moved here to head text with no headline
    /// ([`super::flow::stacks_rehomed`]).
    rehomed: bool,
}

/// The attachment decision of a stack, once what follows it is known: the
/// first glyph of the next item and whether that item is plain running text
/// (`None` at the page's end).
fn attachment(w: Waiting, next: Option<(usize, bool)>, headlines_after: bool) -> Decision {
    let evidence = match (headlines_after, w.headed_before) {
        _ if w.rehomed => Evidence::StackOverUntitledText,
        // A stack after a body and before a dateline, a byline, a stack or
        // the page's end closes the article before it; before plain
        // running text it may as well head that text.
        (true, true) if next.is_some_and(|(_, plain)| plain) => Evidence::AfterBodyOnly,
        (true, true) => Evidence::AfterBodyBeforeDateline,
        (true, false) => Evidence::LoneStack,
        (false, _) => Evidence::HeadsNextArticle,
    };
    // Where headlines come before their bodies, a stack that opens no
    // article goes on with the one before it, and so does what follows it.
    let flip = if headlines_after {
        Flip::Plain
    } else {
        Flip::ArticleGoesBack
    };
    Decision::between(
        Kind::Attachment,
        (w.before, w.at),
        (Choice::AttachBefore, Choice::AttachAfter),
        headlines_after && w.headed_before,
        evidence,
    )
    .with_flip(flip)
    .with_after(next.map(|(first, _)| first))
}

/// Whether `item` is a caption the page image shows right over the
/// opening of the `next` item, an article's text (a dateline or a
/// continuation marker): its photo sits at the top of that article, not
/// at the end of the one before.
fn caption_heads_next(item: &Item, next: Option<&Item>) -> bool {
    matches!(
        item,
        Item::Caption {
            over_text: true,
            ..
        }
    ) && matches!(
        next,
        Some(Item::Body { starts, continuation, .. }) if *starts || *continuation
    )
}

/// Puts items into articles and records, for each item after the first,
/// whether it begins an article (for a headline stack: which article it
/// heads). `rehomed`: the first glyph of each stack moved to head text with
/// no headline; `inside_sentence`: that of each stack an engine's plain
/// text wrote inside a sentence.
pub(super) fn assemble<R: CharSource + ?Sized>(
    items: Vec<Item>,
    orientation: Orientation,
    chars: &R,
    decisions: &mut Decisions,
    (rehomed, inside_sentence): (&[usize], &[usize]),
) -> Vec<Article> {
    let mut asm = Assembler {
        after: orientation == Orientation::HeadlinesAfter,
        articles: Vec::new(),
        cur: None,
    };
    let bylines_with_stacks = asm.after && bylines_follow_stacks(&items);
    let mut prev_last: Option<usize> = None;
    // An attachment waiting to learn what follows its stack.
    let mut waiting: Option<Waiting> = None;
    let mut after_stack = false;
    let mut after_body = false;
    let mut prev_caption = false;
    let mut prev_heading_caption = false;
    let end_ahead = ends_ahead(&items);
    let mut items = items.into_iter().enumerate().peekable();
    while let Some((index, item)) = items.next() {
        let next = items.peek().map(|(_, item)| item);
        // A block byline right after a stack (`□本报记者 某某`): see
        // `byline_closes_stack` and `bylines_follow_stacks`.
        let byline_of_stack =
            after_stack && asm.after && byline_closes_stack(bylines_with_stacks, next);
        // A caption printed right after an article's running text belongs
        // to that article (the photo sits in it), and so does one right
        // under a headline stack where headlines come before their text
        // (the photo under the headline); after a banner, at the page's
        // start, or after a stack that ends its article, it stands apart.
        let caption_in_text = after_body || (after_stack && !asm.after);
        let after_caption =
            std::mem::replace(&mut prev_caption, matches!(item, Item::Caption { .. }));
        // One under a headline stack stays with the stack (the photo under
        // the headline), even right over its text; one anywhere else (after
        // an article's text, at the page's start, under the page's header
        // or a banner) right over an article's opening heads it.
        let heads_next = !after_stack && caption_heads_next(&item, next);
        let after_heading_caption = std::mem::replace(&mut prev_heading_caption, heads_next);
        // A stack an engine's plain text wrote inside a sentence opens no
        // article (`super::items::inside_sentence`).
        let in_sentence = !asm.after
            && matches!(item, Item::Stack(_))
            && item
                .bounds()
                .is_some_and(|(first, _)| inside_sentence.contains(&first));
        after_stack = matches!(item, Item::Stack(_));
        after_body = matches!(item, Item::Body { .. });
        let bounds = item.bounds();
        let plain = item.is_plain_text();
        if let (Some(w), Some((first, _))) = (waiting, bounds) {
            waiting = None;
            decisions.push(attachment(w, Some((first, plain)), asm.after));
        }
        let outcome = match item {
            Item::PageHeader(b) => Some(asm.page_header(b)),
            Item::Caption { block, .. } => Some(asm.caption(block, caption_in_text, heads_next)),
            Item::Section(blocks) => {
                asm.push(ArticleKind::SectionBanner, blocks);
                asm.cur = None;
                Some(Placed::opened(Evidence::StandsApart))
            }
            Item::Stack(blocks) if in_sentence => Some(asm.stack_inside(blocks)),
            Item::Stack(blocks) => {
                let headed_before = asm.stack(blocks);
                if let (Some(before), Some((at, _))) = (prev_last, bounds) {
                    waiting = Some(Waiting {
                        before,
                        at,
                        headed_before,
                        rehomed: rehomed.contains(&at),
                    });
                }
                None
            }
            Item::Byline(b) if byline_of_stack => Some(asm.stack_byline(b)),
            Item::Byline(b) => Some(asm.byline(b)),
            Item::Body {
                block,
                starts,
                continuation,
            } => Some(asm.body_after(
                block,
                (starts, continuation),
                (after_caption, end_ahead[index]),
            )),
            Item::Subhead(b) | Item::Source(b) => Some(asm.tail(b, end_ahead[index])),
        };
        if let (Some(placed), Some(before), Some((at, _))) = (outcome, prev_last, bounds) {
            let after_comma = chars.char_at(before).is_some_and(crate::chars::is_pause);
            let evidence =
                boundary_evidence(placed, after_comma, after_caption, after_heading_caption);
            decisions.push(
                Decision::between(
                    Kind::Boundary,
                    (before, at),
                    (Choice::SameArticle, Choice::NewArticle),
                    placed.joined,
                    evidence,
                )
                .with_flip(placed.flip),
            );
        }
        if let Some((_, last)) = bounds {
            prev_last = Some(last);
        }
    }
    // A stack at the end of the page heads what came before it.
    if let Some(w) = waiting {
        decisions.push(attachment(w, None, asm.after));
    }
    let mut articles = asm.articles;
    for (n, a) in articles.iter_mut().enumerate() {
        a.id = format!("a{}", n + 1);
    }
    articles
}

#[cfg(test)]
mod tests {
    use super::{Item, Orientation, orientation};
    use crate::page::{Block, Role, Span};

    fn block(role: Role, text: &str) -> Block {
        Block {
            role,
            text: text.to_owned(),
            spans: vec![Span::new(0, text.chars().count())],
            edited: false,
        }
    }

    fn body(text: &str, starts: bool, continuation: bool) -> Item {
        Item::Body {
            block: block(Role::Body, text),
            starts,
            continuation,
        }
    }

    fn stack(title: &str) -> Item {
        Item::Stack(vec![block(Role::Headline, title)])
    }

    /// A page (invented) that opens with a stack and ends with a
    /// continuation, whose ends alone say "headlines before".
    fn page_with_before_the_continuation(item: Item) -> Vec<Item> {
        vec![
            stack("全市推进老旧小区改造提升"),
            body("本报讯 全市各级各部门认真落实工作部署。", true, false),
            body("群众满意度不断提高。", false, false),
            item,
            body("（上接第一版）各项指标稳步提高。", true, true),
            body("社会各界普遍好评。", false, false),
        ]
    }

    #[test]
    fn a_stack_right_before_a_continuation_turns_the_page_to_headlines_after() {
        let items = page_with_before_the_continuation(stack("淇滨区开展社保服务进万家活动"));
        assert_eq!(orientation(&items).0, Orientation::HeadlinesAfter);
    }

    #[test]
    fn continuations_that_disagree_leave_the_evidence_to_the_page_s_ends() {
        // Ends that say nothing (continuations open and end the page; a
        // stack before one continuation, running text before the other):
        // headlines after, as by default, and no continuation is the
        // evidence.
        let items = vec![
            body("（上接第三版）全市各级各部门认真落实工作部署。", true, true),
            stack("淇滨区开展社保服务进万家活动"),
            body("（上接第一版）各项指标稳步提高。", true, true),
            body("社会各界普遍好评。", false, false),
            body("（上接第二版）群众满意度不断提高。", true, true),
        ];
        let (orientation, evidence) = orientation(&items);
        assert_eq!(orientation, Orientation::HeadlinesAfter);
        assert_eq!(evidence, crate::doubt::Evidence::NoPageEnd);
    }

    #[test]
    fn a_stack_that_runs_on_like_text_says_nothing_before_a_continuation() {
        for title in ["更重要的是在这部作品中，", "他的作品被人称之为“"] {
            let items = page_with_before_the_continuation(stack(title));
            assert_eq!(
                orientation(&items).0,
                Orientation::HeadlinesBefore,
                "{title}"
            );
        }
    }
}
