//! Scoring a proposal against a human correction (gold) of the same raw
//! page. Characters are identified by their raw offset, so the scores hold
//! whatever order the articles and blocks are in.
//!
//! The figures:
//! - **spacing errors per character gap**: over every pair of consecutive
//!   characters inside a gold block that the proposal also keeps adjacent in
//!   one block, the share where the proposal disagrees on whether a space
//!   stands between them;
//! - **break precision / recall / F1**: over the gaps between raw-consecutive
//!   characters, where a block (paragraph, headline, …) ends;
//! - **articles exact**: the share of gold articles whose set of characters
//!   is exactly the set of one proposed article;
//! - **B-cubed precision / recall** over characters, for articles;
//! - **stacks attached**: the share of gold headlines whose characters the
//!   proposal puts in the article that holds most of that article's other
//!   characters;
//! - **role accuracy**: the share of characters whose block role agrees.

use std::collections::{BTreeMap, HashMap};

use crate::doubt::{BlockIndex, Choice, Decision, Decisions, Evidence, Kind, Record, outcome};
use crate::page::{Article, Role, trace};

mod placement;

pub use placement::{place_blocks, place_blocks_lined_up};

/// The raw offset of every glyph (non-whitespace char) of `raw`, in order.
fn glyph_offsets(raw: &[char]) -> Vec<usize> {
    (0..raw.len())
        .filter(|&i| !raw[i].is_whitespace())
        .collect()
}

/// Where a character sits in a page's structure.
#[derive(Clone, Copy, Debug)]
struct Slot {
    article: usize,
    block: usize,
    role: Role,
    /// Raw offset of the next character in the same block, and whether a
    /// space stands before it.
    next: Option<(usize, bool)>,
}

/// A page's structure keyed by raw offset.
struct Structure {
    slots: BTreeMap<usize, Slot>,
    article_sizes: Vec<usize>,
}

fn structure(raw: &[char], articles: &[Article]) -> Structure {
    let mut slots = BTreeMap::new();
    let mut article_sizes = Vec::with_capacity(articles.len());
    for (ai, article) in articles.iter().enumerate() {
        let mut size = 0;
        for (bi, block) in article.blocks.iter().enumerate() {
            let offsets = trace(raw, &block.text, &block.spans);
            let mut prev: Option<usize> = None;
            let mut space = false;
            for (c, off) in block.text.chars().zip(offsets) {
                if c.is_whitespace() {
                    space = true;
                    continue;
                }
                let Some(off) = off else { continue };
                if let Some(p) = prev
                    && let Some(slot) = slots.get_mut(&p)
                {
                    let slot: &mut Slot = slot;
                    slot.next = Some((off, space));
                }
                slots.insert(
                    off,
                    Slot {
                        article: ai,
                        block: bi,
                        role: block.role,
                        next: None,
                    },
                );
                size += 1;
                prev = Some(off);
                space = false;
            }
        }
        article_sizes.push(size);
    }
    Structure {
        slots,
        article_sizes,
    }
}

/// Counts from comparing one or more pages; add them up with [`Scores::add`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Scores {
    /// Character gaps inside gold blocks that the proposal also keeps together.
    pub gaps: usize,
    /// Of those, where the proposal puts a space and gold does not, or the reverse.
    pub spacing_errors: usize,
    /// Block breaks in both.
    pub breaks_tp: usize,
    /// Block breaks only in the proposal.
    pub breaks_fp: usize,
    /// Block breaks only in gold.
    pub breaks_fn: usize,
    /// Gold articles.
    pub articles: usize,
    /// Gold articles reconstructed exactly.
    pub articles_exact: usize,
    /// Gold articles with a headline.
    pub stacks: usize,
    /// Of those, whose headline is attached to the right article.
    pub stacks_attached: usize,
    /// Characters in gold.
    pub chars: usize,
    /// Characters whose role agrees.
    pub roles_correct: usize,
    /// Sum over characters of B-cubed precision, in millionths.
    pub bcubed_p_micro: u64,
    /// Sum over characters of B-cubed recall, in millionths.
    pub bcubed_r_micro: u64,
    /// The proposal's decisions, judged against gold.
    pub decisions: DecisionScores,
    /// How far the raw text and the proposal's text are from gold's,
    /// character by character.
    pub text: TextErrors,
}

/// Character errors against gold's text.
///
/// Edits (insertions, deletions and replacements, whitespace left out)
/// from the raw text under each gold block's spans, and from what the
/// proposal writes for those raw chars, to the block's text. Order-free: a block is compared with its own raw
/// chars, wherever the proposal put them. Blocks with no spans are left
/// out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TextErrors {
    /// Edits from the raw text.
    pub raw_edits: usize,
    /// Edits from the proposal's text.
    pub proposal_edits: usize,
    /// Gold's characters, whitespace left out.
    pub chars: usize,
}

impl TextErrors {
    /// The raw text's character error rate.
    #[must_use]
    pub fn raw_rate(&self) -> f64 {
        share(self.raw_edits, self.chars)
    }

    /// The proposal's character error rate.
    #[must_use]
    pub fn proposal_rate(&self) -> f64 {
        share(self.proposal_edits, self.chars)
    }
}

/// The char diff of two strings (Myers, given up after a second on
/// pathological input): the one alignment [`edits`] and [`line_up`] read.
fn char_diff<'a>(a: &'a str, b: &'a str) -> similar::TextDiff<'a, 'a, 'a, str> {
    similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .timeout(std::time::Duration::from_secs(1))
        .diff_chars(a, b)
}

/// The edits between two strings (a Myers char diff, each replaced run
/// counted by its longer side).
#[must_use]
pub fn edits(a: &str, b: &str) -> usize {
    if a == b {
        return 0;
    }
    char_diff(a, b)
        .ops()
        .iter()
        .map(|op| {
            let (tag, old, new) = op.as_tag_tuple();
            if tag == similar::DiffTag::Equal {
                0
            } else {
                old.len().max(new.len())
            }
        })
        .sum()
}

/// The raw glyphs (whitespace left out) lined up with the chars of `gold`:
/// raw offset to the gold char it stands for.
///
/// `gold` may differ from the raw text (an OCR page's corrected text); the
/// alignment pairs equal runs, and replaced runs of the same length.
#[must_use]
pub fn line_up(raw: &[char], gold: &str) -> HashMap<usize, char> {
    let gold_chars: Vec<char> = gold.chars().collect();
    line_up_at(raw, gold)
        .into_iter()
        .map(|(o, g)| (o, gold_chars[g]))
        .collect()
}

/// [`line_up`], each raw glyph's gold char given by its index in `gold`'s
/// chars.
fn line_up_at(raw: &[char], gold: &str) -> HashMap<usize, usize> {
    let offsets = glyph_offsets(raw);
    let glyphs: String = offsets.iter().map(|&o| raw[o]).collect();
    let mut out = HashMap::new();
    for op in char_diff(&glyphs, gold).ops() {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal
            || tag == similar::DiffTag::Replace && old.len() == new.len()
        {
            for (o, g) in old.zip(new) {
                out.insert(offsets[o], g);
            }
        }
    }
    out
}

/// The gold mark each raw mark (a glyph neither letter nor digit) stands
/// for, by raw offset.
///
/// It is the gold char the mark lines up with ([`line_up`]) where
/// a glyph beside it lines up beside that char and the glyph before it
/// lines up at most three chars before it; else the gold mark right after
/// the gold char the glyph before it lines up with, unless another raw
/// glyph lines up with that mark.
///
/// Where the engine read the page in another order than the gold's, one
/// alignment of the whole text pairs some marks with gold marks far away
/// (`…之首，` with the `，` of another article); a mark is judged at the
/// place the text around it lines up with. A mark with neither is not
/// lined up.
#[must_use]
pub fn marks_lined_up(raw: &[char], gold: &str) -> HashMap<usize, char> {
    let gold_chars: Vec<char> = gold.chars().collect();
    let at = line_up_at(raw, gold);
    let glyphs = glyph_offsets(raw);
    let claimed: std::collections::HashSet<usize> = at.values().copied().collect();
    let mut out = HashMap::new();
    for (k, &o) in glyphs.iter().enumerate() {
        if raw[o].is_alphanumeric() {
            continue;
        }
        let beside = |j: Option<usize>| j.and_then(|j| glyphs.get(j)).and_then(|p| at.get(p));
        let (before, after) = (beside(k.checked_sub(1)), beside(Some(k + 1)));
        // Its own place, where a glyph beside it lines up beside it and
        // it follows the glyph before it closely (a mark or two the engine
        // dropped between them); the text after a mark may have been read
        // from elsewhere, the text before it is read with it.
        let own = at.get(&o).copied().filter(|&g| {
            (before == g.checked_sub(1).as_ref() || after == Some(&(g + 1)))
                && before.is_none_or(|&b| g > b && g - b <= 3)
        });
        // Else the gold mark right after the glyph before it, unless
        // another raw glyph lines up with that mark.
        let g = own.or_else(|| {
            before.map(|&b| b + 1).filter(|g| {
                !claimed.contains(g) && gold_chars.get(*g).is_some_and(|c| !c.is_alphanumeric())
            })
        });
        if let Some(c) = g.and_then(|g| gold_chars.get(g)) {
            out.insert(o, *c);
        }
    }
    out
}

/// What the articles write for a raw char where it differs from it (a
/// repaired mark, a corrected misreading traced to its raw char), by raw
/// offset: few, so kept in a map.
#[must_use]
pub fn written_over_raw<A: std::borrow::Borrow<Article>>(
    raw: &[char],
    articles: &[A],
) -> HashMap<usize, char> {
    let mut written = HashMap::new();
    each_char_traced(raw, articles, |c, o, _| {
        if let Some(o) = o
            && raw.get(o) != Some(&c)
            && !c.is_whitespace()
        {
            written.insert(o, c);
        }
    });
    written
}

/// Calls `each` with every char of every block of `articles`, the raw
/// offset it traces to, and the last raw offset traced before it in its
/// block.
fn each_char_traced<A: std::borrow::Borrow<Article>>(
    raw: &[char],
    articles: &[A],
    mut each: impl FnMut(char, Option<usize>, Option<usize>),
) {
    for b in articles.iter().flat_map(|a| &a.borrow().blocks) {
        let mut last = None;
        for (c, o) in b.text.chars().zip(trace(raw, &b.text, &b.spans)) {
            each(c, o, last);
            last = o.or(last);
        }
    }
}

/// The gold chars that line up with no raw glyph ([`line_up`]), by the raw
/// offset of the glyph they follow: what the engine left unread, such as
/// a mark at a line's end.
///
/// Each goes with the raw glyph lined up with the last gold char before it
/// that one is (`行|。|开`). Where a short run of glyphs lined up with
/// nothing follows that glyph, the gold chars go with the run's glyphs one
/// by one, the rest with its last (`气包` for `气馁，`: `馁` with `气`, `，`
/// with `包`). The text after a dropped mark may be read from elsewhere on
/// the page: the text before it is read with it.
#[must_use]
pub fn gold_unread_after(raw: &[char], gold: &str) -> HashMap<usize, String> {
    let offsets = glyph_offsets(raw);
    let at = line_up_at(raw, gold);
    // The gold index of each glyph lined up, in glyph order (rising).
    let lined: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .filter_map(|(k, o)| at.get(o).map(|&g| (k, g)))
        .collect();
    let claimed: std::collections::HashSet<usize> = at.values().copied().collect();
    let mut out: HashMap<usize, String> = HashMap::new();
    let mut next = 0;
    for (j, c) in gold.chars().enumerate() {
        if claimed.contains(&j) {
            continue;
        }
        while lined.get(next).is_some_and(|&(_, g)| g < j) {
            next += 1;
        }
        let Some(&(k, g)) = next.checked_sub(1).and_then(|i| lined.get(i)) else {
            continue;
        };
        // The glyphs after it lined up with nothing, up to the next one
        // lined up (or the text's end): the gold chars after its own go
        // with them one by one, the rest after the last.
        let unlined = lined.get(next).map_or(offsets.len(), |&(n, _)| n) - k - 1;
        let k = if unlined <= UNREAD_RUN {
            k + (j - g - 1).min(unlined)
        } else {
            k
        };
        out.entry(offsets[k]).or_default().push(c);
    }
    out
}

/// The longest run of misread glyphs a mark the engine did not read is
/// judged to follow ([`gold_unread_after`]).
const UNREAD_RUN: usize = 3;

/// The chars the blocks of `articles` hold with no raw source (a mark the
/// engine did not read, written by the proposal, or text typed), by the
/// raw offset of the glyph they follow in their block.
#[must_use]
pub fn written_after_raw<A: std::borrow::Borrow<Article>>(
    raw: &[char],
    articles: &[A],
) -> HashMap<usize, String> {
    let mut out: HashMap<usize, String> = HashMap::new();
    each_char_traced(raw, articles, |c, o, last| {
        if let (None, Some(before)) = (o, last)
            && !c.is_whitespace()
        {
            out.entry(before).or_default().push(c);
        }
    });
    out
}

/// [`TextErrors`] of a proposal against gold on one raw text.
#[must_use]
pub(crate) fn text_errors(raw: &[char], gold: &[Article], proposal: &[Article]) -> TextErrors {
    let written = written_over_raw(raw, proposal);
    let mut t = TextErrors::default();
    // A block with no raw source (typed whole, or gold that could not be
    // placed on the raw text) has nothing to compare with.
    for b in gold
        .iter()
        .flat_map(|a| &a.blocks)
        .filter(|b| !b.spans.is_empty())
    {
        let text: String = b.text.chars().filter(|c| !c.is_whitespace()).collect();
        let (mut from_raw, mut from_proposal) = (String::new(), String::new());
        for s in &b.spans {
            let end = s.end.min(raw.len());
            for (o, &c) in (s.start..end).zip(raw.get(s.start..end).unwrap_or(&[])) {
                if !c.is_whitespace() {
                    from_raw.push(c);
                    from_proposal.push(written.get(&o).copied().unwrap_or(c));
                }
            }
        }
        t.chars += text.chars().count();
        t.raw_edits += edits(&from_raw, &text);
        t.proposal_edits += edits(&from_proposal, &text);
    }
    t
}

/// `n / d`, or 0 when there is nothing to count (a rate of errors).
fn share(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

impl Scores {
    /// Adds another page's counts.
    pub fn add(&mut self, o: &Self) {
        self.gaps += o.gaps;
        self.spacing_errors += o.spacing_errors;
        self.breaks_tp += o.breaks_tp;
        self.breaks_fp += o.breaks_fp;
        self.breaks_fn += o.breaks_fn;
        self.articles += o.articles;
        self.articles_exact += o.articles_exact;
        self.stacks += o.stacks;
        self.stacks_attached += o.stacks_attached;
        self.chars += o.chars;
        self.roles_correct += o.roles_correct;
        self.bcubed_p_micro += o.bcubed_p_micro;
        self.bcubed_r_micro += o.bcubed_r_micro;
        self.decisions.add(&o.decisions);
        self.text.raw_edits += o.text.raw_edits;
        self.text.proposal_edits += o.text.proposal_edits;
        self.text.chars += o.text.chars;
    }

    /// Spacing errors per character gap.
    #[must_use]
    pub fn spacing_error_rate(&self) -> f64 {
        share(self.spacing_errors, self.gaps)
    }

    /// Block-break precision.
    #[must_use]
    pub(crate) fn break_precision(&self) -> f64 {
        ratio(self.breaks_tp, self.breaks_tp + self.breaks_fp)
    }

    /// Block-break recall.
    #[must_use]
    pub(crate) fn break_recall(&self) -> f64 {
        ratio(self.breaks_tp, self.breaks_tp + self.breaks_fn)
    }

    /// Block-break F1.
    #[must_use]
    pub fn break_f1(&self) -> f64 {
        let (p, r) = (self.break_precision(), self.break_recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Share of gold articles reconstructed exactly.
    #[must_use]
    pub fn articles_exact_rate(&self) -> f64 {
        ratio(self.articles_exact, self.articles)
    }

    /// Share of headlines attached to their own article.
    #[must_use]
    pub fn stacks_attached_rate(&self) -> f64 {
        ratio(self.stacks_attached, self.stacks)
    }

    /// Share of characters with the right role.
    #[must_use]
    pub fn role_accuracy(&self) -> f64 {
        ratio(self.roles_correct, self.chars)
    }

    /// B-cubed precision of the article segmentation.
    #[must_use]
    pub(crate) fn bcubed_precision(&self) -> f64 {
        if self.chars == 0 {
            1.0
        } else {
            self.bcubed_p_micro as f64 / 1e6 / self.chars as f64
        }
    }

    /// B-cubed recall of the article segmentation.
    #[must_use]
    pub(crate) fn bcubed_recall(&self) -> f64 {
        if self.chars == 0 {
            1.0
        } else {
            self.bcubed_r_micro as f64 / 1e6 / self.chars as f64
        }
    }
}

/// The fixture's raw text as chars, and a fresh proposal of it with every
/// decision recorded.
#[must_use]
pub fn proposed_afresh(f: &crate::fixture::Fixture) -> (Vec<char>, crate::segment::Proposal) {
    let raw = f.raw_text();
    let chars: Vec<char> = f.source.text.chars().collect();
    (chars, crate::segment::propose_recording(&raw, Record::All))
}

/// [`compare`], with the gold's page headers scored (roles, breaks, spaces)
/// but not counted among the articles, as `score_pages.py` counts them.
#[must_use]
pub fn compare_without_headers(raw: &[char], gold: &[Article], proposed: &[Article]) -> Scores {
    compare_counting(raw, gold, proposed, |a| {
        a.kind != crate::page::ArticleKind::PageHeader
    })
}

/// Re-runs the current normalizer on a fixture's raw text and scores its
/// proposal against the fixture's (corrected) articles.
#[must_use]
pub fn eval_fixture(f: &crate::fixture::Fixture) -> Scores {
    eval_fixture_with(f, None)
}

/// [`eval_fixture`], the proposal refined by the line `model` when one is
/// given.
#[must_use]
pub fn eval_fixture_with(
    f: &crate::fixture::Fixture,
    model: Option<&crate::line_model::LineModel>,
) -> Scores {
    let raw = f.raw_text();
    let proposal = match model {
        Some(model) => crate::judge::propose(&raw, model, crate::line_model::CUTS, Record::All).0,
        None => crate::segment::propose_recording(&raw, Record::All),
    };
    let chars: Vec<char> = f.source.text.chars().collect();
    let mut s = compare(&chars, &f.articles, &proposal.articles);
    s.decisions = judge_decisions(&chars, &f.articles, &proposal.decisions);
    let doubts: Vec<Decision> = proposal
        .decisions
        .list
        .iter()
        .filter(|d| d.is_doubt())
        .copied()
        .collect();
    s.decisions.doubts = doubts.len();
    s.decisions.spots = crate::decision::spots(&doubts, |o| raw.line_of(o), raw.spacing_lines())
        .last()
        .map_or(0, |&n| n as usize + 1);
    s.text = text_errors(&chars, &f.articles, &proposal.articles);
    s
}

/// How one kind of decision (or all) fared against gold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DecisionCounts {
    /// Decisions made.
    pub made: usize,
    /// Of those, the ones gold can judge (their glyphs are in gold).
    pub judged: usize,
    /// Judged decisions the proposal doubted.
    pub flagged: usize,
    /// Judged decisions where gold chose otherwise.
    pub errors: usize,
    /// Errors on doubted decisions.
    pub flagged_errors: usize,
}

impl DecisionCounts {
    fn add(&mut self, o: &Self) {
        self.made += o.made;
        self.judged += o.judged;
        self.flagged += o.flagged;
        self.errors += o.errors;
        self.flagged_errors += o.flagged_errors;
    }

    /// The share of the proposal's errors that fall on a doubt.
    #[must_use]
    pub fn error_recall(&self) -> f64 {
        ratio(self.flagged_errors, self.errors)
    }

    /// The share of judged decisions that are doubts (the reading load).
    #[must_use]
    pub fn flagged_share(&self) -> f64 {
        share(self.flagged, self.judged)
    }
}

/// The proposal's decisions against gold: overall, by kind, by rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DecisionScores {
    /// Every decision.
    pub all: DecisionCounts,
    /// By kind, in [`Kind::ALL`] order.
    pub by_kind: [DecisionCounts; Kind::ALL.len()],
    /// Every doubt the proposal made, judged or not.
    pub doubts: usize,
    /// The spots they make ([`crate::decision::spots`]): where the desk's
    /// walk stops.
    pub spots: usize,
}

impl DecisionScores {
    fn add(&mut self, o: &Self) {
        self.doubts += o.doubts;
        self.spots += o.spots;
        self.all.add(&o.all);
        for (a, b) in self.by_kind.iter_mut().zip(&o.by_kind) {
            a.add(b);
        }
    }
}

/// Judges every decision against gold: which were errors, and whether the
/// proposal doubted them.
#[must_use]
pub fn judge_decisions(raw: &[char], gold: &[Article], decisions: &Decisions) -> DecisionScores {
    let mut s = DecisionScores::default();
    for (k, made) in decisions.made.iter().enumerate() {
        s.by_kind[k].made = *made;
        s.all.made += made;
    }
    for (d, verdict) in judged(raw, gold, decisions) {
        let k = &mut s.by_kind[d.kind.index()];
        let flagged = d.is_doubt();
        k.judged += 1;
        k.flagged += usize::from(flagged);
        if verdict != Some(d.chosen) {
            k.errors += 1;
            k.flagged_errors += usize::from(flagged);
        }
    }
    for k in s.by_kind {
        s.all.judged += k.judged;
        s.all.flagged += k.flagged;
        s.all.errors += k.errors;
        s.all.flagged_errors += k.flagged_errors;
    }
    s
}

/// The decisions gold can judge (their glyphs are in gold), with gold's
/// side (`None`: neither).
fn judged<'a>(
    raw: &'a [char],
    gold: &'a [Article],
    decisions: &'a Decisions,
) -> impl Iterator<Item = (&'a Decision, Option<Choice>)> + 'a {
    let index = BlockIndex::new(gold);
    decisions.list.iter().filter_map(move |d| {
        let judgeable = index.locate(d.at).is_some()
            && (d.kind == Kind::Attachment || d.before.is_none_or(|b| index.locate(b).is_some()));
        judgeable.then(|| (d, outcome(gold, &index, raw, d)))
    })
}

/// Every judged decision with gold's choice (`None`: neither side).
#[must_use]
pub fn decision_verdicts(
    raw: &[char],
    gold: &[Article],
    decisions: &Decisions,
) -> Vec<(Decision, Option<Choice>)> {
    judged(raw, gold, decisions).map(|(d, v)| (*d, v)).collect()
}

impl DecisionScores {
    /// The decisions by kind as a Markdown table: how many were judged and
    /// doubted, how many were errors, and how many errors fell on doubts.
    #[must_use]
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| decisions | judged | doubted | errors | errors on doubts | error recall | share doubted |\n|---|---|---|---|---|---|---|\n",
        );
        let rows = Kind::ALL
            .iter()
            .map(|k| (k.name(), self.by_kind[k.index()]))
            .chain([("**all**", self.all)]);
        for (name, c) in rows {
            out.push_str(&format!(
                "| {name} | {} | {} | {} | {} | {:.1}% | {:.1}% |\n",
                c.judged,
                c.flagged,
                c.errors,
                c.flagged_errors,
                100.0 * c.error_recall(),
                100.0 * c.flagged_share()
            ));
        }
        out
    }
}

/// Per rule, over the fixtures' pages proposed afresh: decisions judged and
/// errors, as a Markdown table (for calibrating the confidence levels).
#[must_use]
pub fn evidence_table(fixtures: &[(String, crate::fixture::Fixture)]) -> String {
    let mut out = String::from(
        "| rule | confidence | doubt | judged | errors | error rate |\n|---|---|---|---|---|---|\n",
    );
    for (e, (n, errors)) in evidence_counts(fixtures) {
        let c = e.confidence_percent();
        out.push_str(&format!(
            "| {} | {c}% | {} | {n} | {errors} | {:.2}% |\n",
            e.name(),
            if c < crate::doubt::DOUBT_BELOW {
                "yes"
            } else {
                ""
            },
            100.0 * ratio(errors, n)
        ));
    }
    out
}

/// The Rust source of [`crate::doubt::MEASURED`] for these counts.
#[must_use]
pub fn measured_source(counts: &BTreeMap<Evidence, (usize, usize)>) -> String {
    let mut out = String::from("pub const MEASURED: &[(Evidence, u32, u32)] = &[\n");
    for (e, (n, errors)) in counts {
        out.push_str(&format!("    (Evidence::{e:?}, {n}, {errors}),\n"));
    }
    out.push_str("];\n");
    out
}

/// Per rule, over the fixtures' pages proposed afresh: decisions judged and
/// errors.
#[must_use]
pub fn evidence_counts(
    fixtures: &[(String, crate::fixture::Fixture)],
) -> BTreeMap<Evidence, (usize, usize)> {
    let mut by_rule: BTreeMap<Evidence, (usize, usize)> = BTreeMap::new();
    for (_, f) in fixtures {
        let (chars, proposal) = proposed_afresh(f);
        for (e, (n, errors)) in errors_by_evidence(&chars, &f.articles, &proposal.decisions) {
            let entry = by_rule.entry(e).or_default();
            entry.0 += n;
            entry.1 += errors;
        }
    }
    by_rule
}

/// Per rule: decisions judged and errors, for calibrating confidence levels.
#[must_use]
pub fn errors_by_evidence(
    raw: &[char],
    gold: &[Article],
    decisions: &Decisions,
) -> BTreeMap<Evidence, (usize, usize)> {
    let mut out: BTreeMap<Evidence, (usize, usize)> = BTreeMap::new();
    for (d, verdict) in judged(raw, gold, decisions) {
        let e = out.entry(d.evidence).or_default();
        e.0 += 1;
        e.1 += usize::from(verdict != Some(d.chosen));
    }
    out
}

impl Scores {
    /// The figures as one table row (Markdown), after a first `name` cell.
    #[must_use]
    pub fn table_row(&self, name: &str) -> String {
        format!(
            "| {name} | {:.3}% ({}/{}) | {:.3} / {:.3} / {:.3} | {:.1}% ({}/{}) | {:.3} / {:.3} | {:.1}% ({}/{}) | {:.1}% | {:.1}% ({}/{}) | {:.1}% ({}/{}) |",
            100.0 * self.spacing_error_rate(),
            self.spacing_errors,
            self.gaps,
            self.break_precision(),
            self.break_recall(),
            self.break_f1(),
            100.0 * self.articles_exact_rate(),
            self.articles_exact,
            self.articles,
            self.bcubed_precision(),
            self.bcubed_recall(),
            100.0 * self.stacks_attached_rate(),
            self.stacks_attached,
            self.stacks,
            100.0 * self.role_accuracy(),
            100.0 * self.decisions.all.error_recall(),
            self.decisions.all.flagged_errors,
            self.decisions.all.errors,
            100.0 * self.decisions.all.flagged_share(),
            self.decisions.all.flagged,
            self.decisions.all.judged,
        )
    }

    /// The counts and the figures derived from them, as JSON.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "counts": self,
            "spacing_error_rate": self.spacing_error_rate(),
            "break_precision": self.break_precision(),
            "break_recall": self.break_recall(),
            "break_f1": self.break_f1(),
            "articles_exact_rate": self.articles_exact_rate(),
            "bcubed_precision": self.bcubed_precision(),
            "bcubed_recall": self.bcubed_recall(),
            "stacks_attached_rate": self.stacks_attached_rate(),
            "role_accuracy": self.role_accuracy(),
            "doubt_error_recall": self.decisions.all.error_recall(),
            "doubt_flagged_share": self.decisions.all.flagged_share(),
            "doubts": self.decisions.doubts,
            "spots": self.decisions.spots,
            "cer_raw": self.text.raw_rate(),
            "cer_proposal": self.text.proposal_rate(),
        })
    }

    /// The header of [`Scores::table_row`].
    #[must_use]
    pub fn table_header() -> &'static str {
        "| page | spacing errors / gap | break P / R / F1 | articles exact | B-cubed P / R | headlines attached | roles | errors on doubts | decisions doubted |\n|---|---|---|---|---|---|---|---|---|"
    }
}

/// Compares a proposal with gold for the same raw text.
#[must_use]
pub fn compare(raw: &[char], gold: &[Article], proposed: &[Article]) -> Scores {
    compare_counting(raw, gold, proposed, |_| true)
}

/// [`compare`], only the gold articles `counted` says counted among the
/// articles (exact or not); every char is scored.
fn compare_counting(
    raw: &[char],
    gold: &[Article],
    proposed: &[Article],
    counted: impl Fn(&Article) -> bool,
) -> Scores {
    let g = structure(raw, gold);
    let p = structure(raw, proposed);
    let mut s = Scores {
        chars: g.slots.len(),
        articles: gold.iter().filter(|a| counted(a)).count(),
        ..Scores::default()
    };

    let mut offsets: Vec<usize> = g.slots.keys().copied().collect();
    offsets.sort_unstable();
    for (&off, gs) in &g.slots {
        let Some(ps) = p.slots.get(&off) else {
            continue;
        };
        if gs.role == ps.role {
            s.roles_correct += 1;
        }
        if let Some((next, gold_space)) = gs.next
            && let Some((p_next, p_space)) = ps.next
            && p_next == next
        {
            s.gaps += 1;
            if gold_space != p_space {
                s.spacing_errors += 1;
            }
        }
    }
    // Breaks between raw-consecutive characters.
    for w in offsets.windows(2) {
        let brk = |st: &Structure| match (st.slots.get(&w[0]), st.slots.get(&w[1])) {
            (Some(a), Some(b)) => (a.article, a.block) != (b.article, b.block),
            _ => true,
        };
        match (brk(&g), brk(&p)) {
            (true, true) => s.breaks_tp += 1,
            (false, true) => s.breaks_fp += 1,
            (true, false) => s.breaks_fn += 1,
            (false, false) => {}
        }
    }
    // Article overlaps: (gold article, proposed article) -> shared chars.
    let mut overlap: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (off, gs) in &g.slots {
        let pa = p.slots.get(off).map_or(usize::MAX, |ps| ps.article);
        *overlap.entry((gs.article, pa)).or_default() += 1;
    }
    // A proposed article's size counts the chars the gold places only, as
    // `score_pages.py` counts it: on an engine's text, a glyph the gold
    // does not trace (a misread glyph, a speck) is in no gold article.
    let mut placed_sizes = vec![0_usize; p.article_sizes.len()];
    for (&(_, pa), &n) in &overlap {
        if let Some(size) = placed_sizes.get_mut(pa) {
            *size += n;
        }
    }
    for (ga, &gsize) in g.article_sizes.iter().enumerate() {
        if !gold.get(ga).is_some_and(&counted) {
            continue;
        }
        let exact = overlap.iter().any(|(&(a, pa), &n)| {
            a == ga && pa != usize::MAX && n == gsize && placed_sizes.get(pa) == Some(&gsize)
        });
        s.articles_exact += usize::from(exact && gsize > 0);
    }
    for (off, gs) in &g.slots {
        let Some(ps) = p.slots.get(off) else { continue };
        let n = overlap.get(&(gs.article, ps.article)).copied().unwrap_or(0) as u64;
        let psize = placed_sizes[ps.article].max(1) as u64;
        let gsize = g.article_sizes[gs.article].max(1) as u64;
        s.bcubed_p_micro += n * 1_000_000 / psize;
        s.bcubed_r_micro += n * 1_000_000 / gsize;
    }
    // Headline attachment.
    for (ga, article) in gold.iter().enumerate() {
        let Some(hb) = article.blocks.iter().position(|b| b.role == Role::Headline) else {
            continue;
        };
        s.stacks += 1;
        let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
        let mut head: BTreeMap<usize, usize> = BTreeMap::new();
        for (off, gs) in &g.slots {
            if gs.article != ga {
                continue;
            }
            let Some(ps) = p.slots.get(off) else { continue };
            if gs.block == hb {
                *head.entry(ps.article).or_default() += 1;
            } else if !gs.role.is_title() {
                *votes.entry(ps.article).or_default() += 1;
            }
        }
        let home = votes
            .iter()
            .max_by_key(|&(&a, &n)| (n, std::cmp::Reverse(a)))
            .map(|(&a, _)| a);
        let head_at = head
            .iter()
            .max_by_key(|&(&a, &n)| (n, std::cmp::Reverse(a)))
            .map(|(&a, _)| a);
        // A gold article that is only a headline counts as attached when the
        // proposal keeps it apart from every body.
        let ok = match (home, head_at) {
            (Some(h), Some(x)) => h == x,
            (None, Some(x)) => p.article_sizes[x] == head.values().sum::<usize>(),
            _ => false,
        };
        s.stacks_attached += usize::from(ok);
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn raw_glyphs_line_up_with_a_gold_text_that_corrects_them() {
        // `徽笑` misread for `微笑`, `,` for `，`, a space and a dropped `。`.
        let raw: Vec<char> = "她面带徽笑 ,向大家问好".chars().collect();
        let aligned = super::line_up(&raw, "她面带微笑，向大家问好。");
        assert_eq!(aligned.get(&3), Some(&'微'), "a misread glyph lines up");
        assert_eq!(aligned.get(&6), Some(&'，'), "so does a misread mark");
        assert_eq!(aligned.get(&5), None, "whitespace is no glyph");
        assert_eq!(aligned.get(&11), Some(&'好'));
        assert_eq!(aligned.len(), 11);
    }

    #[test]
    fn a_mark_lines_up_where_the_text_around_it_does() {
        // The engine read `之首。` as `之首，` and the next article's text
        // after it: the mark stands for the gold `。` after `之首`, not for
        // a `，` of the text read after it.
        let gold = "得分居各参赛队之首。山里的一个傍晚，我看到";
        let raw: Vec<char> = "得分居各参赛队之首，\n傍晚，我看到".chars().collect();
        let marks = super::marks_lined_up(&raw, gold);
        assert_eq!(marks.get(&9), Some(&'。'));
        assert_eq!(marks.get(&13), Some(&'，'));
        // A mark the gold does not have is not lined up.
        let raw: Vec<char> = "之首\"，世界".chars().collect();
        let marks = super::marks_lined_up(&raw, "之首，世界");
        assert_eq!(marks.get(&2), None);
        assert_eq!(marks.get(&3), Some(&'，'));
        // A mark the engine dropped before it does not move it.
        let raw: Vec<char> = "周立新说“山区要致富".chars().collect();
        let marks = super::marks_lined_up(&raw, "周立新说：“山区要致富");
        assert_eq!(marks.get(&4), Some(&'“'));
    }

    use super::{compare, place_blocks};
    use crate::page::{Article, ArticleKind, Block, Role};

    fn art(blocks: &[(Role, &str)]) -> Article {
        Article {
            id: String::new(),
            kind: ArticleKind::Article,
            blocks: blocks
                .iter()
                .map(|(r, t)| Block {
                    role: *r,
                    text: (*t).to_owned(),
                    spans: vec![],
                    edited: false,
                })
                .collect(),
        }
    }

    #[test]
    fn character_errors_count_against_each_gold_block_and_repairs_lower_them() {
        use crate::decode::{Encoding, LineEnding};
        use crate::page::{RawText, Span};
        // Raw as an engine read it: a misread word and an ASCII comma.
        let raw = RawText::new(
            "p.txt",
            "她面带徽笑,向大家问好。",
            Encoding::Utf8,
            LineEnding::Lf,
        );
        let block = |text: &str| {
            let mut a = art(&[(Role::Body, text)]);
            a.blocks[0].spans = vec![Span::new(0, 12)];
            a
        };
        let gold = [block("她面带微笑，向大家问好。")];
        let proposal = [block("她面带徽笑，向大家问好。")];
        let raw: Vec<char> = raw.text().chars().collect();
        let t = super::text_errors(&raw, &gold, &proposal);
        assert_eq!((t.raw_edits, t.proposal_edits, t.chars), (2, 1, 12));
        // The raw text as it is: its own errors, nothing repaired.
        let as_read = [block("她面带徽笑,向大家问好。")];
        let t = super::text_errors(&raw, &gold, &as_read);
        assert_eq!((t.raw_edits, t.proposal_edits), (2, 2));
    }

    #[test]
    fn identical_pages_score_perfectly() {
        let raw: Vec<char> = "正 文 一 。\n标题\n正文二。".chars().collect();
        let mut gold = vec![
            art(&[(Role::Headline, "标题"), (Role::Body, "正文一。")]),
            art(&[(Role::Body, "正文二。")]),
        ];
        assert_eq!(place_blocks(&raw, &mut gold), 0);
        let s = compare(&raw, &gold, &gold);
        assert_eq!((s.articles_exact, s.articles, s.spacing_errors), (2, 2, 0));
        assert!((s.break_f1() - 1.0).abs() < 1e-9 && (s.role_accuracy() - 1.0).abs() < 1e-9);
        assert_eq!((s.stacks, s.stacks_attached), (1, 1));
    }

    #[test]
    fn a_glyph_no_gold_block_holds_leaves_an_article_exact() {
        // A speck the engine read (`<`) is in no gold block; the proposal
        // keeps it in its article, which is still the gold's article, as
        // `score_pages.py` counts it. Page headers are scored apart.
        let raw: Vec<char> = "正文一。<\n标题\n正文二。".chars().collect();
        let mut gold = vec![
            art(&[(Role::Body, "正文一。")]),
            art(&[(Role::Headline, "标题"), (Role::Body, "正文二。")]),
        ];
        place_blocks(&raw, &mut gold);
        let mut proposed = vec![
            art(&[(Role::Body, "正文一。<")]),
            art(&[(Role::Headline, "标题"), (Role::Body, "正文二。")]),
        ];
        place_blocks(&raw, &mut proposed);
        let s = compare(&raw, &gold, &proposed);
        assert_eq!((s.articles_exact, s.articles), (2, 2), "{s:?}");
        assert!((s.bcubed_precision() - 1.0).abs() < 1e-9);
        // The speck is counted against an article only by what it holds of
        // the gold: one that takes another article's glyph is not exact.
        let mut taken = vec![
            art(&[(Role::Body, "正文一。<标")]),
            art(&[(Role::Headline, "题"), (Role::Body, "正文二。")]),
        ];
        place_blocks(&raw, &mut taken);
        let s = compare(&raw, &gold, &taken);
        assert_eq!(s.articles_exact, 0, "{s:?}");
        gold[0].kind = ArticleKind::PageHeader;
        let s = super::compare_without_headers(&raw, &gold, &proposed);
        assert_eq!((s.articles_exact, s.articles), (1, 1), "{s:?}");
    }

    #[test]
    fn errors_are_counted() {
        let raw: Vec<char> = "正 文 一 。\n标题\n正文二。".chars().collect();
        let mut gold = vec![
            art(&[(Role::Headline, "标题"), (Role::Body, "正文一。")]),
            art(&[(Role::Body, "正文二。")]),
        ];
        place_blocks(&raw, &mut gold);
        // The headline went to the next article, and a space was left in.
        let mut wrong = vec![
            art(&[(Role::Body, "正文 一。")]),
            art(&[(Role::Headline, "标题"), (Role::Body, "正文二。")]),
        ];
        place_blocks(&raw, &mut wrong);
        let s = compare(&raw, &gold, &wrong);
        assert_eq!(s.spacing_errors, 1, "{s:?}");
        assert_eq!(s.articles_exact, 0);
        assert_eq!(s.stacks_attached, 0);
        assert!(s.bcubed_precision() < 1.0 && s.bcubed_recall() < 1.0);
    }
}
