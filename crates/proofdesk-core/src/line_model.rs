//! The learned line model (issue 12): a linear-chain CRF over a page's
//! lines, trained on the pages editors corrected, that refines the text
//! rules' proposal where they err on a newspaper's conventions.
//!
//! Each line of a page is one item of the sequence. Its label is a
//! [`LineTag`]: the role of the block it belongs to, whether it starts that
//! block, and whether it starts another article than the line before it (in
//! raw order). Its features are the rules' own line features (width against
//! the column, indent, letter spacing, first and last character, dateline,
//! byline, caption and continuation patterns, blank lines), the same for
//! the two lines on each side, and the rules' own tag of each, so that the
//! model learns where the rules go wrong rather than everything anew.
//!
//! Training is `crfs` (the pure-Rust `CRFsuite`: L-BFGS, L2); its model file
//! is the `CRFsuite` format. Tagging and the marginal probabilities that give
//! each tag its confidence are computed here from the model's weights
//! (Viterbi and forward–backward), because `crfs` tags without them.
//!
//! The model never writes text: [`refine`] moves block and article
//! boundaries and changes roles of the rules' proposal, line by line, where
//! the model disagrees with the rules with at least
//! [`ModelCuts::apply_from`] confidence. Where it agrees, the proposal is
//! the rules' own, byte for byte.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::io::Write as _;
use std::path::Path;

use crate::decision::{Decisions, Evidence, Flip, Record};
use crate::doubt::BlockIndex;
use crate::edit::{Action, BlockRef, apply_to};
use crate::layout::{self, Line};
use crate::page::{Article, CharSource as _, RawText, trace};
use crate::role::Role;

/// The version of the line features. A model trained on other features is
/// refused: its weights name attributes this build no longer makes.
pub const FEATURE_VERSION: u32 = 1;

/// The confidences the model's tags are used at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelCuts {
    /// A line's role or block start that disagrees with the rules'
    /// replaces theirs from this marginal probability of the model's tag on.
    pub apply_from: f64,
    /// A line's article start (or continuation) that disagrees with the
    /// rules' replaces theirs from this marginal probability on: moving
    /// text to another article undoes the rules' page-wide judgements
    /// (orientation, datelines), so the model must be surer.
    pub article_from: f64,
    /// A choice the model changed is sure (not a doubt) from this marginal
    /// probability of its line's tag on.
    pub sure_from: f64,
    /// A choice the rules doubted is settled, not a doubt, where the model
    /// tags its line as the rules do with at least this probability.
    pub confirm_from: f64,
    /// L2 regularisation of training (`CRFsuite`'s `c2`).
    pub c2: f64,
    /// Most L-BFGS iterations of training.
    ///
    /// On the 40 devpages (12,161 lines, 3,021 weights) the loss is within
    /// 0.2% of its value at 100 iterations by the 60th (359.1 against
    /// 358.7), and the models of 60 and 100 iterations propose the same
    /// articles on every point of the learning curve and of its 5-fold
    /// cross-validation (decision errors 119 either way): the last 40
    /// iterations cost 40% of the training time for nothing a proposal
    /// shows.
    pub max_iterations: usize,
}

/// The cuts the model is used with.
pub const CUTS: ModelCuts = ModelCuts {
    apply_from: 0.5,
    article_from: 0.9,
    sure_from: 0.9,
    confirm_from: 0.99,
    c2: 1.0,
    max_iterations: 60,
};

/// Why a model could not be trained, read or written.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Nothing to learn from.
    #[error(
        "no corrected page to learn from: give folders of fixtures with at least one page of text"
    )]
    NoTrainingData,
    /// The trainer failed.
    #[error("training the line model failed: {0}")]
    Train(#[source] std::io::Error),
    /// The model file is not a model.
    #[error("the line model is damaged ({0}); train it again with `proofdesk train`")]
    Damaged(String),
    /// The model was trained on other features.
    #[error(
        "the line model was trained on line features version {found}, this build reads version {FEATURE_VERSION}; train it again with `proofdesk train`"
    )]
    Version {
        /// The version in the model's manifest.
        found: u32,
    },
    /// The model file is there, its manifest is not: not a model
    /// `proofdesk train` wrote (or only half copied).
    #[error(
        "{model} has no manifest beside it ({manifest} is missing): give a model that `proofdesk train` wrote, with its manifest, or train one with `proofdesk train FOLDER --out MODEL`"
    )]
    NoManifest {
        /// The model file.
        model: String,
        /// Where its manifest should be.
        manifest: String,
    },
    /// Reading or writing a file failed.
    #[error("{what} {path}: {source}")]
    File {
        /// What was done.
        what: &'static str,
        /// The file.
        path: String,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
}

/// What the model says of one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineTag {
    /// The role of the line's block.
    pub role: Role,
    /// Whether the line starts its block.
    pub starts_block: bool,
    /// Whether the line belongs to another article than the line before it.
    pub starts_article: bool,
}

impl LineTag {
    /// The label the CRF learns: `role|B|A`, `body|I|-`, …
    #[must_use]
    pub fn label(self) -> String {
        format!(
            "{}|{}|{}",
            self.role.name(),
            if self.starts_block { 'B' } else { 'I' },
            if self.starts_article { 'A' } else { '-' }
        )
    }

    /// The tag of a label; `None` for another text.
    #[must_use]
    pub fn from_label(label: &str) -> Option<Self> {
        let mut parts = label.split('|');
        let role = Role::from_name(parts.next()?)?;
        let starts_block = match parts.next()? {
            "B" => true,
            "I" => false,
            _ => return None,
        };
        let starts_article = match parts.next()? {
            "A" => true,
            "-" => false,
            _ => return None,
        };
        parts.next().is_none().then_some(Self {
            role,
            starts_block,
            starts_article,
        })
    }
}

/// The tag of each line as `articles` place it: the block and article that
/// hold its first glyph. `None` for a line no block holds.
#[must_use]
pub fn tags_of(lines: &[Line], articles: &[Article]) -> Vec<Option<LineTag>> {
    let index = BlockIndex::new(articles);
    let mut cursor = 0;
    let mut prev: Option<(usize, usize)> = None;
    lines
        .iter()
        .map(|line| {
            let (a, b) = index.locate_from(&mut cursor, *line.offsets.first()?)?;
            let tag = LineTag {
                role: articles[a].blocks[b].role,
                starts_block: prev != Some((a, b)),
                starts_article: prev.is_none_or(|(pa, _)| pa != a),
            };
            prev = Some((a, b));
            Some(tag)
        })
        .collect()
}

/// The names of the features of a line break, in the order
/// [`PageLines::pairs`] gives their sides.
const PAIRS: [&str; 2] = ["break", "widths"];

/// The feature of line break feature `p` ([`PAIRS`]) with its sides:
/// `break=han>end`.
fn pair_feature(p: usize, (before, after): (&str, &str)) -> String {
    format!(
        "{}={before}>{after}",
        PAIRS.get(p).copied().unwrap_or("pair")
    )
}

/// The feature of the rules' tag of a line on a page of `orientation`
/// (whether a stack starts its article or ends it depends on it).
fn rule_feature(orientation: &str, tag: LineTag) -> String {
    format!("orientation={orientation}|rule={}", tag.label())
}

fn char_class(c: Option<char>) -> &'static str {
    let Some(c) = c else { return "none" };
    match c {
        '。' | '！' | '？' | '!' | '?' => "end",
        '…' => "ellipsis",
        '，' | ',' | '、' | '；' | ';' => "comma",
        '：' | ':' => "colon",
        '）' | ')' | '」' | '』' | '”' | '’' | '》' | '】' | '〉' => "close",
        '（' | '(' | '「' | '『' | '“' | '‘' | '《' | '【' | '〈' => "open",
        '■' | '□' | '●' | '○' | '◆' | '◇' | '▲' | '△' | '★' | '☆' => "bullet",
        '—' | '-' | '－' => "dash",
        c if c.is_ascii_digit() || ('０'..='９').contains(&c) => "digit",
        c if c.is_ascii_alphabetic() => "latin",
        c if crate::chars::is_ideograph(c) => "han",
        _ => "other",
    }
}

fn width_bucket(width: f32, col: f32) -> &'static str {
    let r = width / col.max(1.0);
    match r {
        r if r < 0.25 => "xs",
        r if r < 0.5 => "s",
        r if r < 0.75 => "m",
        r if r < 0.93 => "l",
        r if r < 1.03 => "full",
        _ => "wide",
    }
}

fn length_bucket(n: usize) -> &'static str {
    match n {
        0..=1 => "1",
        2..=4 => "2-4",
        5..=8 => "5-8",
        9..=15 => "9-15",
        _ => "16+",
    }
}

/// What a line's own features are made of (not its neighbours'): a long
/// page has tens of thousands of lines and few distinct sets of facts (a
/// full line of running text looks like every other), so each set is named
/// as features once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct OwnFacts {
    width: &'static str,
    length: &'static str,
    first: &'static str,
    last: &'static str,
    /// Which of [`FLAGS`] the line has, bit by bit.
    flags: u16,
    rule: Option<LineTag>,
}

/// The names of the yes/no facts of a line, in the order of
/// [`OwnFacts::flags`]'s bits.
const FLAGS: [&str; 13] = [
    "indented",
    "justified",
    "blank_before",
    "glued_title",
    "dateline",
    "byline",
    "caption",
    "source_note",
    "continuation",
    "page_header",
    "titleish",
    "title_line",
    "colon_subhead",
];

impl OwnFacts {
    fn of(line: &Line, col: f32, rule: Option<LineTag>) -> Self {
        let on = [
            line.indented,
            line.justified,
            line.blank_before,
            line.glued_title,
            layout::dateline(&line.glyphs).is_some(),
            layout::is_byline(line),
            layout::is_caption(line),
            layout::is_source_note(line),
            layout::is_continuation_start(line),
            layout::is_page_header(line),
            layout::is_titleish(line),
            layout::is_title_line(line, col),
            layout::is_colon_subhead(line),
        ];
        let flags = on
            .iter()
            .enumerate()
            .filter(|(_, on)| **on)
            .fold(0_u16, |bits, (k, _)| bits | (1 << k));
        Self {
            width: width_bucket(line.width, col),
            length: length_bucket(line.glyphs.len()),
            first: char_class(line.glyphs.first().copied()),
            last: char_class(line.glyphs.last().copied()),
            flags,
            rule,
        }
    }

    /// Calls `each` with every feature these facts make, made in `buf`
    /// where they are not fixed names.
    fn each_feature(&self, buf: &mut String, mut each: impl FnMut(&str)) {
        use std::fmt::Write as _;
        let mut made = |args: std::fmt::Arguments<'_>, each: &mut dyn FnMut(&str)| {
            buf.clear();
            let _infallible = buf.write_fmt(args);
            each(buf);
        };
        made(format_args!("w={}", self.width), &mut each);
        made(format_args!("n={}", self.length), &mut each);
        made(format_args!("first={}", self.first), &mut each);
        made(format_args!("last={}", self.last), &mut each);
        for (k, name) in FLAGS.iter().enumerate() {
            if self.flags & (1 << k) != 0 {
                each(name);
            }
        }
        match self.rule {
            Some(t) => {
                made(format_args!("rule_role={}", t.role.name()), &mut each);
                made(format_args!("rule_block={}", t.starts_block), &mut each);
                made(format_args!("rule_article={}", t.starts_article), &mut each);
                made(format_args!("rule={}", t.label()), &mut each);
            }
            None => each("rule=none"),
        }
    }
}

/// One page made ready for the model: its lines, the rules' proposal and
/// tag of each line, and each line's own features (its neighbours' are
/// read from theirs).
pub struct PageLines {
    /// The lines as the text rules read them.
    pub lines: Vec<Line>,
    /// The rules' proposal.
    pub proposal: crate::segment::Proposal,
    /// The rules' tag of each line.
    pub rules: Vec<Option<LineTag>>,
    /// Each line's set of own features, as an index into `sets`.
    own: Vec<u32>,
    /// The page's distinct sets of own features, each as indices into
    /// `vocabulary`.
    sets: Vec<Vec<u32>>,
    /// The page's distinct own features.
    vocabulary: Vec<String>,
    col: f32,
    orientation: String,
}

/// Reads a page's lines and proposes it with the rules.
#[must_use]
pub fn page_lines(raw: &RawText) -> PageLines {
    page_lines_recording(raw, Record::Doubts)
}

/// [`page_lines`], the rules' decisions kept as `record` says.
pub(crate) fn page_lines_recording(raw: &RawText, record: Record) -> PageLines {
    let (proposal, lines, col) = crate::segment::propose_with_lines(raw, record);
    let rules = tags_of(&lines, &proposal.articles);
    let mut ids: HashMap<String, u32> = HashMap::default();
    let mut vocabulary = Vec::new();
    let mut set_of_facts: HashMap<OwnFacts, u32> = HashMap::default();
    let mut sets: Vec<Vec<u32>> = Vec::new();
    let mut buf = String::new();
    let own = lines
        .iter()
        .zip(&rules)
        .map(|(l, r)| {
            let facts = OwnFacts::of(l, col, *r);
            *set_of_facts.entry(facts).or_insert_with(|| {
                let mut set = Vec::with_capacity(16);
                facts.each_feature(&mut buf, |f| {
                    let id = *ids.entry(f.to_owned()).or_insert_with(|| {
                        vocabulary.push(f.to_owned());
                        u32::try_from(vocabulary.len() - 1).unwrap_or(u32::MAX)
                    });
                    set.push(id);
                });
                sets.push(set);
                u32::try_from(sets.len() - 1).unwrap_or(u32::MAX)
            })
        })
        .collect();
    let orientation = format!("{:?}", proposal.layout.orientation);
    PageLines {
        lines,
        proposal,
        rules,
        own,
        sets,
        vocabulary,
        col,
        orientation,
    }
}

impl PageLines {
    /// Calls `each` with every feature of line `i`: its own, its
    /// neighbours' (prefixed with their distance), the page's orientation
    /// with the rules' tag, and pairs across the line break before it.
    /// `buf` is reused for the features made on the fly.
    fn each_feature(&self, i: usize, buf: &mut String, mut each: impl FnMut(&str)) {
        use std::fmt::Write as _;
        let n = self.lines.len();
        let word = |id: &u32| self.vocabulary.get(*id as usize).map_or("", String::as_str);
        each("bias");
        for f in self.own_features(i) {
            each(word(f));
        }
        // Whether a stack starts its article or ends it depends on the
        // page's orientation.
        if let Some(r) = self.rules.get(i).copied().flatten() {
            buf.clear();
            each(&rule_feature(&self.orientation, r));
        }
        for d in [-2_isize, -1, 1, 2] {
            let Some(j) = i.checked_add_signed(d).filter(|&j| j < n) else {
                buf.clear();
                let _infallible = write!(buf, "{d}:edge");
                each(buf);
                continue;
            };
            for f in self.own_features(j) {
                buf.clear();
                let _infallible = write!(buf, "{d}:{}", word(f));
                each(buf);
            }
        }
        self.pair_features(i, each);
    }

    /// Line `i`'s own features, as indices into the vocabulary.
    fn own_features(&self, i: usize) -> &[u32] {
        self.own
            .get(i)
            .and_then(|&set| self.sets.get(set as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// Calls `each` with the features of the line break before line `i`
    /// (none for the first line): the character classes and the widths on
    /// each side of it.
    fn pair_features(&self, i: usize, mut each: impl FnMut(&str)) {
        let Some(pairs) = self.pairs(i) else {
            return;
        };
        for (p, sides) in pairs.into_iter().enumerate() {
            each(&pair_feature(p, sides));
        }
    }

    /// The two sides of each of the [`PAIRS`] features of the line break
    /// before line `i` (none for the first line): the character classes,
    /// then the widths.
    fn pairs(&self, i: usize) -> Option<[(&'static str, &'static str); 2]> {
        let prev = self.lines.get(i.checked_sub(1)?)?;
        let line = self.lines.get(i)?;
        Some([
            (
                char_class(prev.glyphs.last().copied()),
                char_class(line.glyphs.first().copied()),
            ),
            (
                width_bucket(prev.width, self.col),
                width_bucket(line.width, self.col),
            ),
        ])
    }

    /// Every feature of every line.
    #[must_use]
    pub fn features(&self) -> Vec<Vec<String>> {
        let mut buf = String::new();
        (0..self.lines.len())
            .map(|i| {
                let mut f = Vec::new();
                self.each_feature(i, &mut buf, |x| f.push(x.to_owned()));
                f
            })
            .collect()
    }
}

/// A corrected page as the trainer takes it: each line's features and the
/// label the correction gives it. Lines no corrected block holds are left
/// out.
#[derive(Clone, Debug, Default)]
pub struct TrainingPage {
    /// The features of each line.
    pub features: Vec<Vec<String>>,
    /// The label of each line.
    pub labels: Vec<String>,
    /// The label the rules gave each line.
    pub rules: Vec<String>,
}

/// The training page of `raw` corrected as `corrected`.
#[must_use]
pub fn training_page(raw: &RawText, corrected: &[Article]) -> TrainingPage {
    let page = page_lines(raw);
    let gold = tags_of(&page.lines, corrected);
    let mut out = TrainingPage::default();
    for ((f, tag), rule) in page.features().into_iter().zip(gold).zip(&page.rules) {
        if let Some(tag) = tag {
            out.features.push(f);
            out.labels.push(tag.label());
            out.rules.push(rule.map(LineTag::label).unwrap_or_default());
        }
    }
    out
}

/// How often lines were tagged as their corrections tag them, on pages
/// held out of training.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeldOut {
    /// Folds trained.
    pub folds: usize,
    /// Lines scored.
    pub lines: usize,
    /// Lines the rules tagged right.
    pub rules_right: usize,
    /// Lines the model tagged right.
    pub model_right: usize,
}

/// `folds`-fold cross-validation of the line model over `pages`.
///
/// Each page is tagged by a model trained on the other folds. The folds are
/// trained in parallel (rayon's pool); `each_fold` is told, from the thread
/// that trained it, when a fold is done.
pub fn held_out(
    pages: &[TrainingPage],
    folds: usize,
    cuts: ModelCuts,
    each_fold: impl Fn() + Sync,
) -> Result<HeldOut, ModelError> {
    use rayon::prelude::*;
    let folds = folds.min(pages.len());
    let scored: Vec<HeldOut> = (0..folds)
        .into_par_iter()
        .map(|fold| {
            let train_on: Vec<TrainingPage> = (0..pages.len())
                .filter(|i| i % folds != fold)
                .map(|i| pages[i].clone())
                .collect();
            let model = train(&train_on, cuts)?;
            let mut out = HeldOut::default();
            for page in (0..pages.len())
                .filter(|i| i % folds == fold)
                .map(|i| &pages[i])
            {
                let tags = model.tag_features(&page.features);
                for ((gold, rule), (tag, _)) in page.labels.iter().zip(&page.rules).zip(tags) {
                    out.lines += 1;
                    out.rules_right += usize::from(gold == rule);
                    out.model_right += usize::from(*gold == tag.label());
                }
            }
            each_fold();
            Ok(out)
        })
        .collect::<Result<_, ModelError>>()?;
    Ok(scored.iter().fold(
        HeldOut {
            folds,
            ..HeldOut::default()
        },
        |mut sum, f| {
            sum.lines += f.lines;
            sum.rules_right += f.rules_right;
            sum.model_right += f.model_right;
            sum
        },
    ))
}

/// [`train`] on every page and [`held_out`] at once.
///
/// With `folds` of 2 or more the folds train on the other cores while the
/// model does: the model and its cross-validation (`None` without).
/// `each_fold` is told when each fold and the model itself are done.
///
/// # Errors
/// As [`train`].
pub fn train_and_cross_validate(
    pages: &[TrainingPage],
    folds: usize,
    cuts: ModelCuts,
    each_fold: impl Fn() + Sync,
) -> Result<(LineModel, Option<HeldOut>), ModelError> {
    let (model, held) = rayon::join(
        || {
            let model = train(pages, cuts);
            each_fold();
            model
        },
        || {
            (folds >= 2)
                .then(|| held_out(pages, folds, cuts, &each_fold))
                .transpose()
        },
    );
    Ok((model?, held?))
}

/// A trained line model: the `CRFsuite` file and the weights read from it.
#[derive(Clone, Debug)]
pub struct LineModel {
    bytes: Vec<u8>,
    labels: Vec<LineTag>,
    /// `transitions[from * labels + to]`.
    transitions: Vec<f64>,
    /// Per attribute: (label, weight).
    states: HashMap<String, Vec<(usize, f64)>>,
}

/// Trains a line model on `pages` (each a corrected page); `progress` is
/// told nothing during the solver's run, which `crfs` does not report.
pub fn train(pages: &[TrainingPage], cuts: ModelCuts) -> Result<LineModel, ModelError> {
    let mut trainer = crfs::Trainer::lbfgs();
    let mut appended = 0;
    for page in pages.iter().filter(|p| !p.labels.is_empty()) {
        let xseq: Vec<Vec<crfs::Attribute>> = page
            .features
            .iter()
            .map(|f| {
                f.iter()
                    .map(|a| crfs::Attribute::new(a.as_str(), 1.0))
                    .collect()
            })
            .collect();
        trainer
            .append(&xseq, &page.labels)
            .map_err(ModelError::Train)?;
        appended += 1;
    }
    if appended == 0 {
        return Err(ModelError::NoTrainingData);
    }
    trainer
        .params_mut()
        .set_c2(cuts.c2)
        .map_err(ModelError::Train)?;
    trainer
        .params_mut()
        .set_max_iterations(cuts.max_iterations)
        .map_err(ModelError::Train)?;
    let dir = tempfile::tempdir().map_err(ModelError::Train)?;
    let path = dir.path().join("model.crfsuite");
    trainer.train(&path).map_err(ModelError::Train)?;
    let bytes = std::fs::read(&path).map_err(ModelError::Train)?;
    LineModel::from_bytes(bytes)
}

std::thread_local! {
    /// Whether this thread is inside [`quietly`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, `None` if it panics; a panic on this thread is not reported
/// (panics on other threads still are).
///
/// The panic hook is process-wide and models are read on several threads
/// at once (cross-validation folds, the desk's retraining): one hook,
/// installed once, asks a flag of the panicking thread. Swapping the hook
/// in and out around each call let two overlapping calls leave one
/// thread's filter installed for good, silencing that thread's panics.
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                before(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(f).ok();
    QUIET.with(|q| q.set(was));
    result
}

impl LineModel {
    /// Reads a `CRFsuite` model file's bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, ModelError> {
        // `crfs` trusts the file's offsets (and unwraps while dumping):
        // a damaged file must be refused, not crash the desk, nor print a
        // panic's backtrace before the message that says what to do.
        let dumped = quietly(|| -> Result<Vec<u8>, String> {
            let model = crfs::Model::new(&bytes).map_err(|e| e.to_string())?;
            let mut out = Vec::new();
            model.dump(&mut out).map_err(|e| e.to_string())?;
            Ok(out)
        })
        .ok_or_else(|| ModelError::Damaged("its tables point outside the file".to_owned()))?
        .map_err(ModelError::Damaged)?;
        let text = String::from_utf8(dumped)
            .map_err(|e| ModelError::Damaged(format!("its names are not UTF-8: {e}")))?;
        let (labels, transitions, states) = parse_dump(&text).map_err(ModelError::Damaged)?;
        Ok(Self {
            bytes,
            labels,
            transitions,
            states,
        })
    }

    /// The `CRFsuite` file.
    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The labels the model can give.
    #[must_use]
    pub fn labels(&self) -> &[LineTag] {
        &self.labels
    }

    /// Each line's most likely tag (Viterbi), with the marginal probability
    /// of that tag (forward–backward).
    #[must_use]
    pub fn tag(&self, page: &PageLines) -> Vec<(LineTag, f64)> {
        type Weights<'w> = Option<&'w Vec<(usize, f64)>>;
        const AROUND: [isize; 4] = [-2, -1, 1, 2];
        let l = self.labels.len().max(1);
        let n = page.lines.len();
        // Each distinct feature of the page is looked up once per distance:
        // a line's features are then indices.
        let at: Vec<[Weights<'_>; 5]> = page
            .vocabulary
            .iter()
            .map(|f| {
                let mut w = [self.states.get(f.as_str()), None, None, None, None];
                for (k, d) in AROUND.iter().enumerate() {
                    w[k + 1] = self.states.get(format!("{d}:{f}").as_str());
                }
                w
            })
            .collect();
        // Most lines of a page share their own features with many others
        // (a full line of running text): each distinct set is scored once
        // per distance, as the line itself (`0`) and as each neighbour.
        let mut set_rows: Vec<f64> = vec![0.0; page.sets.len() * 5 * l];
        for (set, rows) in page.sets.iter().zip(set_rows.chunks_exact_mut(5 * l)) {
            for f in set {
                let Some(weights) = at.get(*f as usize) else {
                    continue;
                };
                for (k, w) in weights.iter().enumerate() {
                    for &(y, v) in w.iter().copied().flatten() {
                        rows[k * l + y] += v;
                    }
                }
            }
        }
        let set_row = |line: usize, k: usize| {
            let at = (page.own[line] as usize * 5 + k) * l;
            set_rows.get(at..at + l).unwrap_or(&[])
        };
        let edge: Vec<Weights<'_>> = AROUND
            .iter()
            .map(|d| self.states.get(format!("{d}:edge").as_str()))
            .collect();
        let bias = self.states.get("bias");
        let mut by_rule: HashMap<LineTag, Weights<'_>> = HashMap::default();
        let mut by_pair: HashMap<(usize, &str, &str), Weights<'_>> = HashMap::default();
        // The weights a line takes before its own features (the bias, the
        // rules' tag, a page edge, the line break before it) depend only on
        // its set, the set of the line before and where the page ends: each
        // such head is summed once, in the order a line would sum it, and
        // copied.
        let mut head_of: HashMap<(u32, u32, u8), usize> = HashMap::default();
        let mut heads: Vec<f64> = Vec::new();
        let mut scores = vec![0.0; n * l];
        for (i, row) in scores.chunks_exact_mut(l).enumerate() {
            let edges = AROUND
                .iter()
                .enumerate()
                .filter(|(_, d)| i.checked_add_signed(**d).is_none_or(|j| j >= n))
                .fold(0_u8, |bits, (k, _)| bits | (1 << k));
            let prev_set = i.checked_sub(1).map_or(u32::MAX, |j| page.own[j]);
            let key = (prev_set, page.own[i], edges);
            let h = *head_of.entry(key).or_insert_with(|| {
                let mut head = vec![0.0; l];
                let mut add = |w: Weights<'_>| {
                    for &(y, v) in w.into_iter().flatten() {
                        head[y] += v;
                    }
                };
                add(bias);
                if let Some(r) = page.rules.get(i).copied().flatten() {
                    add(*by_rule.entry(r).or_insert_with(|| {
                        self.states.get(rule_feature(&page.orientation, r).as_str())
                    }));
                }
                for (k, w) in edge.iter().enumerate() {
                    if edges & (1 << k) != 0 {
                        add(*w);
                    }
                }
                for (p, (before, after)) in page.pairs(i).into_iter().flatten().enumerate() {
                    add(*by_pair.entry((p, before, after)).or_insert_with(|| {
                        self.states.get(pair_feature(p, (before, after)).as_str())
                    }));
                }
                heads.extend_from_slice(&head);
                heads.len() / l - 1
            });
            row.copy_from_slice(&heads[h * l..(h + 1) * l]);
            let mut add_row = |from: &[f64]| {
                for (r, v) in row.iter_mut().zip(from) {
                    *r += v;
                }
            };
            add_row(set_row(i, 0));
            for (k, d) in AROUND.iter().enumerate() {
                if let Some(j) = i.checked_add_signed(*d).filter(|&j| j < n) {
                    add_row(set_row(j, k + 1));
                }
            }
        }
        self.decode(scores)
    }

    /// [`LineModel::tag`] of lines whose features are given.
    #[must_use]
    pub fn tag_features(&self, features: &[Vec<String>]) -> Vec<(LineTag, f64)> {
        let l = self.labels.len();
        let mut scores = vec![0.0; features.len() * l];
        for (f, row) in features.iter().zip(scores.chunks_exact_mut(l.max(1))) {
            for a in f {
                self.score_into(a, row);
            }
        }
        self.decode(scores)
    }

    fn score_into(&self, attribute: &str, row: &mut [f64]) {
        for &(y, w) in self.states.get(attribute).into_iter().flatten() {
            row[y] += w;
        }
    }

    /// Viterbi and forward–backward over `scores` (`lines × labels`).
    /// Forward–backward runs on exponentiated scores rescaled at every
    /// line (no logarithm in the inner loop), in flat buffers of
    /// `lines × labels` (a long page has tens of thousands of lines).
    fn decode(&self, mut scores: Vec<f64>) -> Vec<(LineTag, f64)> {
        let l = self.labels.len();
        if l == 0 || scores.is_empty() {
            return Vec::new();
        }
        let n = scores.len() / l;
        let trans = &self.transitions;
        // Viterbi: `delta[t * labels + y]` is the score of the best path
        // that reaches label `y` at line `t`. Its inner loop runs over `y`
        // along a row of `transitions`, for every label `p` in turn, and
        // keeps only the maximum (on contiguous memory, vectorised). The
        // best predecessor is then found along the best path alone, with
        // the same sums compared in the same order (ties to the lower
        // label): the path of a search that keeps every back-pointer.
        let mut delta = vec![0.0; n * l];
        delta[..l].copy_from_slice(&scores[..l]);
        for t in 1..n {
            let (done, rest) = delta.split_at_mut(t * l);
            let prev = &done[(t - 1) * l..];
            let next = &mut rest[..l];
            next.fill(f64::NEG_INFINITY);
            for (&b, from) in prev.iter().zip(trans.chunks_exact(l)) {
                for (top, &w) in next.iter_mut().zip(from) {
                    *top = top.max(b + w);
                }
            }
            for (top, &s) in next.iter_mut().zip(&scores[t * l..(t + 1) * l]) {
                *top += s;
            }
        }
        let mut path = vec![0_usize; n];
        path[n - 1] = argmax(&delta[(n - 1) * l..]);
        for t in (1..n).rev() {
            let y = path[t];
            let (mut arg, mut top) = (0, f64::NEG_INFINITY);
            for (p, &b) in delta[(t - 1) * l..t * l].iter().enumerate() {
                let v = b + trans[p * l + y];
                if v > top {
                    (arg, top) = (p, v);
                }
            }
            path[t - 1] = arg;
        }
        // Forward–backward, scaled: each line's exponentiated scores once,
        // in place of its scores (`e`); `alpha` takes the place of `delta`.
        let exp_trans: Vec<f64> = trans.iter().map(|w| w.exp()).collect();
        // `exp_into[q * labels + p]`: into `q` from `p`.
        let exp_into: Vec<f64> = (0..l * l).map(|i| exp_trans[(i % l) * l + i / l]).collect();
        for out in scores.chunks_exact_mut(l) {
            let top = out.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            for o in out.iter_mut() {
                *o = (*o - top).exp();
            }
        }
        let e = scores;
        let normalise = |v: &mut [f64]| {
            let sum: f64 = v.iter().sum();
            if sum > 0.0 {
                for x in v {
                    *x /= sum;
                }
            }
        };
        let mut alpha = delta;
        alpha[..l].copy_from_slice(&e[..l]);
        normalise(&mut alpha[..l]);
        let mut sum = vec![0.0; l];
        for t in 1..n {
            let (done, rest) = alpha.split_at_mut(t * l);
            let prev = &done[(t - 1) * l..];
            sum.fill(0.0);
            for (&from, w) in prev.iter().zip(exp_trans.chunks_exact(l)) {
                for (s, &w) in sum.iter_mut().zip(w) {
                    *s += from * w;
                }
            }
            let a = &mut rest[..l];
            for ((slot, &s), &et) in a.iter_mut().zip(&sum).zip(&e[t * l..(t + 1) * l]) {
                *slot = et * s;
            }
            normalise(a);
        }
        let mut beta = vec![1.0; l];
        let mut b = vec![0.0; l];
        let mut marginals = vec![0.0; n];
        for t in (0..n).rev() {
            let y = path[t];
            let at = &alpha[t * l..(t + 1) * l];
            let z: f64 = (0..l).map(|q| at[q] * beta[q]).sum();
            marginals[t] = if z > 0.0 { at[y] * beta[y] / z } else { 0.0 };
            if t > 0 {
                let et = &e[t * l..(t + 1) * l];
                b.fill(0.0);
                for (q, into) in exp_into.chunks_exact(l).enumerate() {
                    for (slot, &w) in b.iter_mut().zip(into) {
                        *slot += w * et[q] * beta[q];
                    }
                }
                normalise(&mut b);
                std::mem::swap(&mut beta, &mut b);
            }
        }
        path.iter()
            .zip(marginals)
            .map(|(&y, m)| (self.labels[y], m))
            .collect()
    }

    /// Writes the model to `path` and its manifest beside it
    /// (`path` with the extension `json`).
    ///
    /// The manifest written names the model file's SHA-256
    /// ([`Manifest::model_sha256`]); it is returned.
    pub fn save(&self, path: &Path, manifest: &Manifest) -> Result<Manifest, ModelError> {
        let manifest = Manifest {
            model_sha256: crate::page::sha256_hex_of(&self.bytes),
            ..manifest.clone()
        };
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| ModelError::File {
            what: "describing",
            path: path.display().to_string(),
            source: std::io::Error::other(e),
        })?;
        // What a save killed mid-write left: not left to pile up.
        crate::replace::remove_stale_temp_files(path);
        crate::replace::remove_stale_temp_files(&manifest_path(path));
        write_file(path, &self.bytes)?;
        write_file(&manifest_path(path), &json)?;
        Ok(manifest)
    }

    /// Reads the model at `path` and its manifest; refuses one of another
    /// feature version.
    pub fn load(path: &Path) -> Result<(Self, Manifest), ModelError> {
        let read = |p: &Path| {
            std::fs::read(p).map_err(|source| ModelError::File {
                what: "reading",
                path: p.display().to_string(),
                source,
            })
        };
        let bytes = read(path)?;
        let manifest_file = manifest_path(path);
        // No manifest is told apart from one that cannot be read: the
        // model was not written by `proofdesk train`.
        let manifest_bytes = match read(&manifest_file) {
            Err(ModelError::File { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                return Err(ModelError::NoManifest {
                    model: path.display().to_string(),
                    manifest: manifest_file.display().to_string(),
                });
            }
            read => read?,
        };
        let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
            .map_err(|e| ModelError::Damaged(format!("its manifest does not read: {e}")))?;
        if manifest.feature_version != FEATURE_VERSION {
            return Err(ModelError::Version {
                found: manifest.feature_version,
            });
        }
        if !manifest.model_sha256.is_empty()
            && manifest.model_sha256 != crate::page::sha256_hex_of(&bytes)
        {
            return Err(ModelError::Damaged(
                "its manifest describes another model file (two saves crossed); train it again"
                    .to_owned(),
            ));
        }
        Ok((Self::from_bytes(bytes)?, manifest))
    }
}

/// Writes `bytes` to `path` through a temporary file in its folder, so
/// that a reader never sees half a model.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ModelError> {
    let failed = |source| ModelError::File {
        what: "writing",
        path: path.display().to_string(),
        source,
    };
    crate::replace::write_via_temp(path, |file| file.write_all(bytes)).map_err(failed)
}

/// Where a work-queue folder keeps its line model (the manifest beside it).
pub const FOLDER_MODEL: &str = ".proofdesk/model.crfsuite";

/// The line model of the work-queue folder `dir`.
#[must_use]
pub fn folder_model_path(dir: &Path) -> std::path::PathBuf {
    dir.join(FOLDER_MODEL)
}

/// Where the manifest of the model at `path` is.
#[must_use]
pub fn manifest_path(path: &Path) -> std::path::PathBuf {
    path.with_extension("json")
}

/// What a model was trained on.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// The line features' version ([`FEATURE_VERSION`]).
    pub feature_version: u32,
    /// The pages, by file name and the SHA-256 of their raw text.
    pub pages: Vec<ManifestPage>,
    /// Lines trained on.
    pub lines: usize,
    /// The SHA-256 of the model file it describes, written by
    /// [`LineModel::save`]: two saves that crossed (two desks retraining
    /// one folder) cannot leave a manifest naming pages its model never
    /// learned. Empty in manifests written before session 47 (not
    /// checked).
    #[serde(default)]
    pub model_sha256: String,
}

/// One page a model was trained on.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ManifestPage {
    /// The fixture's file name.
    pub name: String,
    /// The SHA-256 of its raw text.
    pub sha256: String,
    /// The SHA-256 of its corrected articles as trained on (their JSON):
    /// a page corrected again and marked done again makes the model
    /// stale, though its text is the same. Empty in manifests written
    /// before session 47 (which then count as stale once).
    #[serde(default)]
    pub corrected: String,
}

fn argmax(v: &[f64]) -> usize {
    v.iter()
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |(bi, bv), (i, &x)| {
            if x > bv { (i, x) } else { (bi, bv) }
        })
        .0
}

type Weights = (Vec<LineTag>, Vec<f64>, HashMap<String, Vec<(usize, f64)>>);

/// Reads the labels and weights out of `crfs`'s text dump of a model.
fn parse_dump(text: &str) -> Result<Weights, String> {
    let mut section = "";
    let mut names: Vec<String> = Vec::new();
    let mut edges: Vec<(String, String, f64)> = Vec::new();
    let mut states: Vec<(String, String, f64)> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(head) = line.strip_suffix(" = {") {
            section = if matches!(head, "LABELS" | "TRANSITIONS" | "STATE_FEATURES") {
                head
            } else {
                ""
            };
            continue;
        }
        if line == "}" || line.is_empty() {
            continue;
        }
        match section {
            "LABELS" => {
                let (_, name) = line.split_once(": ").ok_or("a label without a name")?;
                names.push(name.to_owned());
            }
            "TRANSITIONS" | "STATE_FEATURES" => {
                let body = line.split_once(") ").map_or(line, |(_, b)| b);
                let (lhs, weight) = body.rsplit_once(": ").ok_or("a feature without a weight")?;
                let (from, to) = lhs.split_once(" --> ").ok_or("a feature without a label")?;
                let weight: f64 = weight
                    .parse()
                    .map_err(|e| format!("a weight that is no number: {e}"))?;
                let entry = (from.to_owned(), to.to_owned(), weight);
                if section == "TRANSITIONS" {
                    edges.push(entry);
                } else {
                    states.push(entry);
                }
            }
            _ => {}
        }
    }
    let labels: Vec<LineTag> = names
        .iter()
        .map(|n| {
            LineTag::from_label(n).ok_or_else(|| format!("a label this build does not know: {n}"))
        })
        .collect::<Result<_, _>>()?;
    let id: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let label_id = |n: &str| {
        id.get(n)
            .copied()
            .ok_or_else(|| format!("an unknown label: {n}"))
    };
    let l = labels.len();
    let mut transitions = vec![0.0; l * l];
    for (from, to, w) in edges {
        transitions[label_id(&from)? * l + label_id(&to)?] = w;
    }
    let mut weights: HashMap<String, Vec<(usize, f64)>> = HashMap::default();
    for (attr, to, w) in states {
        weights.entry(attr).or_default().push((label_id(&to)?, w));
    }
    Ok((labels, transitions, weights))
}

/// One line where the model changed the rules' proposal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    /// The raw offset of the line's first glyph.
    pub offset: usize,
    /// What the rules said.
    pub rule: LineTag,
    /// What the model says.
    pub model: LineTag,
    /// The marginal probability of the model's tag.
    pub confidence: f64,
}

/// The proposal the model refined, and where it changed the rules'.
#[derive(Clone, Debug)]
pub struct Refined {
    /// The articles.
    pub articles: Vec<Article>,
    /// The lines whose tag the model changed.
    pub changes: Vec<Change>,
}

/// Where each line of a page starts: which line a decision is on.
pub(crate) struct LineStarts(Vec<usize>);

impl LineStarts {
    /// The raw offset of each line's first glyph.
    pub(crate) fn of(lines: &[Line]) -> Self {
        Self(
            lines
                .iter()
                .map(|l| l.offsets.first().copied().unwrap_or(usize::MAX))
                .collect(),
        )
    }

    /// The line raw offset `at` is on: the last that starts at or before it.
    pub(crate) fn line_of(&self, at: usize) -> Option<usize> {
        self.0.partition_point(|&s| s <= at).checked_sub(1)
    }
}

/// A page's lines, the rules' tag of each and the model's (with its
/// marginal probability).
pub type TaggedLines<'a> = (&'a [Line], &'a [Option<LineTag>], &'a [(LineTag, f64)]);

/// Makes the rules' `decisions` (every one kept) those of the refined
/// `articles`, and takes their confidence from the model.
///
/// A decision whose choice the model changed (a line end, a boundary, an
/// attachment, a role) now chooses what the proposal shows, the rules'
/// choice being its other one; it is sure ([`Evidence::ModelSure`]) or a
/// doubt ([`Evidence::ModelUnsure`]) by the marginal probability of its
/// line's tag. A doubt of the rules whose line the model tags as the rules
/// did, sure of it, is settled ([`Evidence::ModelConfirms`]).
pub fn reconcile(
    (lines, rules, tags): TaggedLines<'_>,
    articles: &[Article],
    decisions: &mut Decisions,
    cuts: ModelCuts,
) {
    let starts = LineStarts::of(lines);
    let index = BlockIndex::new(articles);
    // The decisions come in raw order: each side is located walking the
    // index, not searched for.
    let (mut at_cursor, mut before_cursor) = (0, 0);
    for d in &mut decisions.list {
        if !d.kind.is_line_level() {
            continue;
        }
        let Some(i) = starts.line_of(d.at) else {
            continue;
        };
        let (Some(&(tag, p)), Some(rule)) = (tags.get(i), rules.get(i)) else {
            continue;
        };
        let Some(at) = index.locate_from(&mut at_cursor, d.at) else {
            continue;
        };
        let before = d
            .before
            .and_then(|b| index.locate_from(&mut before_cursor, b));
        let outcome = crate::doubt::line_level_outcome(articles, d.kind, (before, at), || {
            d.after.and_then(|a| index.locate(a))
        });
        match outcome {
            Some(now) if now != d.chosen => {
                d.alternative = d.chosen;
                d.chosen = now;
                d.flip = Flip::Plain;
                d.evidence = if p >= cuts.sure_from {
                    Evidence::ModelSure
                } else {
                    Evidence::ModelUnsure
                };
            }
            Some(_) if d.is_doubt() && *rule == Some(tag) && p >= cuts.confirm_from => {
                d.evidence = Evidence::ModelConfirms;
            }
            _ => {}
        }
    }
}

/// Applies the model's `tags` of `lines` to the rules' `articles` (whose
/// tag of each line is `rules`, [`tags_of`]): roles and block starts
/// (splits and joins) first, then article membership.
#[must_use]
pub fn refine(
    raw: &RawText,
    (lines, rules, tags): TaggedLines<'_>,
    mut articles: Vec<Article>,
    cuts: ModelCuts,
) -> Refined {
    let mut changes = Vec::new();
    let mut wanted: Vec<Option<LineTag>> = rules.to_vec();
    for (i, (rule, &(model, confidence))) in rules.iter().zip(tags).enumerate() {
        let (Some(rule), Some(&offset)) = (rule, lines[i].offsets.first()) else {
            continue;
        };
        if confidence < cuts.apply_from {
            continue;
        }
        let mut want = model;
        if confidence < cuts.article_from {
            want.starts_article = rule.starts_article;
        }
        // A line that starts another article starts its block.
        want.starts_block |= want.starts_article;
        if want != *rule {
            changes.push(Change {
                offset,
                rule: *rule,
                model: want,
                confidence,
            });
            wanted[i] = Some(want);
        }
    }
    if changes.is_empty() {
        return Refined { articles, changes };
    }
    // Roles first, so that a block is joined to one of the role the model
    // gives it; again after the splits, for the blocks they made.
    // Roles change no block: the index of the blocks is built again only
    // after the splits and joins.
    let index = BlockIndex::new(&articles);
    roles(lines, &mut articles, &index, &wanted);
    block_starts(raw, lines, &mut articles, &index, &wanted);
    let index = BlockIndex::new(&articles);
    roles(lines, &mut articles, &index, &wanted);
    let articles = memberships(lines, articles, &index, &wanted);
    Refined { articles, changes }
}

/// Splits a block where the model starts one inside it, and joins a block
/// to the one before it in its article where the model continues it
/// (`index` is the index of `articles`' blocks as they come in).
///
/// Every edit is planned on the articles as the rules left them, then
/// applied from the end of each article backwards, each block's splits
/// from its end: an edit then never moves a block or a character that an
/// edit still to come points at, so the index of the blocks is built once
/// (rebuilding it after each edit made refining a long page quadratic).
fn block_starts(
    raw: &RawText,
    lines: &[Line],
    articles: &mut Vec<Article>,
    index: &BlockIndex,
    wanted: &[Option<LineTag>],
) {
    let mut cursor = 0;
    // (article, block, char index in it, or `None` to join the block to
    // the one before it).
    let mut plan: Vec<(usize, usize, Option<usize>)> = Vec::new();
    let first_glyphs: Vec<Vec<Option<usize>>> = articles
        .iter()
        .map(|a| a.blocks.iter().map(|b| first_glyph(raw, b)).collect())
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let (Some(want), Some(&offset)) = (wanted[i], line.offsets.first()) else {
            continue;
        };
        let Some((a, b)) = index.locate_from(&mut cursor, offset) else {
            continue;
        };
        let block = &articles[a].blocks[b];
        let starts_here = first_glyphs[a][b] == Some(offset);
        if want.starts_block && !starts_here {
            if let Some(char_index) = trace(raw.chars(), &block.text, &block.spans)
                .iter()
                .position(|&o| o == Some(offset))
            {
                plan.push((a, b, Some(char_index)));
            }
        } else if !want.starts_block && starts_here && b > 0 {
            let prev = lines[..i]
                .iter()
                .rev()
                .find_map(|l| index.locate(*l.offsets.first()?));
            if prev == Some((a, b - 1)) && articles[a].blocks[b - 1].role == block.role {
                plan.push((a, b, None));
            }
        }
    }
    // Last block first; in a block, its splits from the last, then the
    // join of its start to the block before.
    // (`None`, the join, sorts below every split.)
    plan.sort_unstable_by_key(|&step| std::cmp::Reverse(step));
    plan.dedup();
    for (a, b, cut) in plan {
        let action = match cut {
            Some(char_index) => Action::SplitBlock {
                at: BlockRef::new(a, b),
                char_index,
            },
            None => Action::JoinWithNext {
                at: BlockRef::new(a, b - 1),
            },
        };
        // A refused edit leaves the articles as they were: the rules'
        // block stands.
        let _refused = apply_to(articles, raw.chars(), action);
    }
}

/// The raw offset of a block's first glyph.
fn first_glyph(raw: &RawText, block: &crate::page::Block) -> Option<usize> {
    block
        .spans
        .iter()
        .flat_map(|s| s.start..s.end)
        .find(|&o| raw.chars().char_at(o).is_some_and(|c| !c.is_whitespace()))
}

/// Gives each block the role the model gives the line that starts it
/// (`index` is the index of `articles`' blocks).
fn roles(lines: &[Line], articles: &mut [Article], index: &BlockIndex, wanted: &[Option<LineTag>]) {
    let mut cursor = 0;
    let mut seen = FxHashSet::default();
    for (i, line) in lines.iter().enumerate() {
        let (Some(want), Some(&offset)) = (wanted[i], line.offsets.first()) else {
            continue;
        };
        let Some((a, b)) = index.locate_from(&mut cursor, offset) else {
            continue;
        };
        if seen.insert((a, b)) {
            articles[a].blocks[b].role = want.role;
        }
    }
}

/// Regroups the blocks into articles as the lines' wanted article starts
/// say, keeping the rules' grouping wherever the two agree (`index` is the
/// index of `articles`' blocks).
fn memberships(
    lines: &[Line],
    articles: Vec<Article>,
    index: &BlockIndex,
    wanted: &[Option<LineTag>],
) -> Vec<Article> {
    let mut cursor = 0;
    // Each line's article key: the rules' article, until the model starts
    // or continues an article where the rules do not.
    let mut key_of_article: HashMap<usize, usize> = HashMap::default();
    let mut key_of_block: HashMap<(usize, usize), usize> = HashMap::default();
    let mut fresh = articles.len();
    let mut current: Option<usize> = None;
    let mut prev_article: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let Some(&offset) = line.offsets.first() else {
            continue;
        };
        let Some((a, b)) = index.locate_from(&mut cursor, offset) else {
            continue;
        };
        let rule_starts = prev_article != Some(a);
        let model_starts = wanted[i].map_or(rule_starts, |t| t.starts_article);
        let key = match (rule_starts, model_starts, current) {
            (_, false, Some(k)) => k,
            (true, _, _) => *key_of_article.entry(a).or_insert(a),
            (false, true, _) | (false, false, None) => {
                fresh += 1;
                fresh
            }
        };
        key_of_article.insert(a, key);
        key_of_block.entry((a, b)).or_insert(key);
        current = Some(key);
        prev_article = Some(a);
    }
    // The groups in the order their first block comes.
    let mut groups: Vec<Vec<(usize, crate::page::Block)>> = Vec::new();
    let mut group_of_key: HashMap<usize, usize> = HashMap::default();
    let mut origin: Vec<crate::page::ArticleKind> = Vec::new();
    for (a, article) in articles.into_iter().enumerate() {
        let kind = article.kind;
        for (b, block) in article.blocks.into_iter().enumerate() {
            let key = key_of_block
                .get(&(a, b))
                .or_else(|| key_of_article.get(&a))
                .copied()
                .unwrap_or(a);
            let g = *group_of_key.entry(key).or_insert_with(|| {
                groups.push(Vec::new());
                origin.push(kind);
                groups.len() - 1
            });
            groups[g].push((a, block));
        }
    }
    groups
        .into_iter()
        .zip(origin)
        .enumerate()
        .map(|(i, (mut blocks, kind))| {
            let whole = blocks.iter().all(|(a, _)| *a == blocks[0].0);
            if !whole {
                // Blocks from several of the rules' articles: the headline
                // stack first, the rest in the order they came.
                blocks.sort_by_key(|(_, b)| !b.role.is_title());
            }
            Article {
                id: format!("a{}", i + 1),
                kind,
                blocks: blocks.into_iter().map(|(_, b)| b).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    /// Two threads inside `quietly` at once, leaving in the order they
    /// came: a panic on the first one afterwards is still reported. Run in
    /// a child process of this test binary, whose stderr is read.
    #[test]
    fn overlapping_quiet_calls_never_silence_a_thread() {
        use std::sync::{Arc, Barrier};
        const MARK: &str = "a panic after the quiet calls, reported";
        if std::env::var_os("PROOFDESK_QUIET_CHILD").is_some() {
            let gates: Vec<Arc<Barrier>> = (0..4).map(|_| Arc::new(Barrier::new(2))).collect();
            let g = gates.clone();
            let first = std::thread::spawn(move || {
                let inside = super::quietly(|| {
                    g[0].wait();
                    g[1].wait();
                });
                assert!(inside.is_some());
                g[2].wait();
                g[3].wait();
                panic!("{MARK}");
            });
            let g = gates;
            let second = std::thread::spawn(move || {
                g[0].wait();
                let inside = super::quietly(|| {
                    g[1].wait();
                    g[2].wait();
                });
                assert!(inside.is_some());
                g[3].wait();
            });
            assert!(second.join().is_ok());
            assert!(first.join().is_err(), "the first thread panicked");
            return;
        }
        let exe = std::env::current_exe().unwrap();
        let child = std::process::Command::new(exe)
            .args([
                "line_model::tests::overlapping_quiet_calls_never_silence_a_thread",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("PROOFDESK_QUIET_CHILD", "1")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&child.stderr);
        assert!(child.status.success(), "{err}");
        assert!(
            err.contains(MARK),
            "the first thread's panic is reported: {err}"
        );
    }

    use super::*;
    use crate::decode::{Encoding, LineEnding};
    use crate::page::{ArticleKind, Block, Span};

    const POOL: &str = "我们的经济社会发展取得新成就人民生活水平不断提高城乡面貌焕然一新各项事业全面进步改革开放深入推进";

    /// A page of one article whose paragraphs all end on a full line (so
    /// no short last line tells the rules where they end), and the
    /// correction that breaks it after every `。`: (raw, corrected).
    pub(crate) fn full_line_paragraphs(seed: usize, paragraphs: usize) -> (RawText, Vec<Article>) {
        let pool: Vec<char> = POOL.chars().collect();
        let mut text = String::new();
        let mut blocks = Vec::new();
        let mut offset = 0;
        for p in 0..paragraphs {
            let lines = 2 + (seed + p) % 3;
            let mut block = Block {
                role: Role::Body,
                text: String::new(),
                spans: Vec::new(),
                edited: false,
            };
            for l in 0..lines {
                let line: String = (0..20)
                    .map(|c| {
                        if l + 1 == lines && c == 19 {
                            '。'
                        } else {
                            pool[(seed * 7 + p * 13 + l * 5 + c) % pool.len()]
                        }
                    })
                    .collect();
                block.text.push_str(&line);
                block.spans.push(Span::new(offset, offset + 20));
                text.push_str(&line);
                text.push('\n');
                offset += 21;
            }
            blocks.push(block);
        }
        let raw = RawText::new("page.txt", &text, Encoding::Utf8, LineEnding::Lf);
        let article = Article {
            id: "a1".to_owned(),
            kind: ArticleKind::Article,
            blocks,
        };
        (raw, vec![article])
    }

    pub(crate) fn glyphs(articles: &[Article]) -> String {
        articles
            .iter()
            .flat_map(|a| &a.blocks)
            .flat_map(|b| b.text.chars())
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    pub(crate) fn trained_on_full_line_paragraphs() -> LineModel {
        let pages: Vec<TrainingPage> = (0..6)
            .map(|seed| {
                let (raw, gold) = full_line_paragraphs(seed, 6);
                training_page(&raw, &gold)
            })
            .collect();
        train(&pages, CUTS).expect("six pages train")
    }

    /// The block edits as they were made before they were planned at
    /// once: one at a time, the index of the blocks built again after
    /// each.
    fn block_starts_one_by_one(
        raw: &RawText,
        lines: &[Line],
        articles: &mut Vec<Article>,
        wanted: &[Option<LineTag>],
    ) {
        let mut index = BlockIndex::new(articles);
        for (i, line) in lines.iter().enumerate() {
            let (Some(want), Some(&offset)) = (wanted[i], line.offsets.first()) else {
                continue;
            };
            let Some((a, b)) = index.locate(offset) else {
                continue;
            };
            let block = &articles[a].blocks[b];
            let starts_here = first_glyph(raw, block) == Some(offset);
            let action = if want.starts_block && !starts_here {
                trace(raw.chars(), &block.text, &block.spans)
                    .iter()
                    .position(|&o| o == Some(offset))
                    .map(|char_index| Action::SplitBlock {
                        at: BlockRef::new(a, b),
                        char_index,
                    })
            } else if !want.starts_block && starts_here && b > 0 {
                let prev = lines[..i]
                    .iter()
                    .rev()
                    .find_map(|l| index.locate(*l.offsets.first()?));
                (prev == Some((a, b - 1)) && articles[a].blocks[b - 1].role == block.role)
                    .then_some(Action::JoinWithNext {
                        at: BlockRef::new(a, b - 1),
                    })
            } else {
                None
            };
            if let Some(action) = action
                && apply_to(articles, raw.chars(), action).is_ok()
            {
                index = BlockIndex::new(articles);
            }
        }
    }

    proptest::proptest! {
        /// Planning every split and join on the rules' blocks and applying
        /// them from the end gives the blocks that applying them one at a
        /// time does, whichever lines start a block.
        #[test]
        fn block_edits_planned_at_once_are_the_edits_made_one_by_one(
            seed in 0_usize..50,
            paragraphs in 1_usize..7,
            starts in proptest::collection::vec(proptest::bool::ANY, 30),
        ) {
            let (raw, articles) = full_line_paragraphs(seed, paragraphs);
            let lines = page_lines(&raw).lines;
            let wanted: Vec<Option<LineTag>> = (0..lines.len())
                .map(|i| {
                    Some(LineTag {
                        role: Role::Body,
                        starts_block: i == 0 || starts[i % starts.len()],
                        starts_article: i == 0,
                    })
                })
                .collect();
            let mut at_once = articles.clone();
            let index = BlockIndex::new(&at_once);
            block_starts(&raw, &lines, &mut at_once, &index, &wanted);
            let mut one_by_one = articles;
            block_starts_one_by_one(&raw, &lines, &mut one_by_one, &wanted);
            // The same blocks, each with the same text traced to the same
            // raw characters (a join made before a split, not after it,
            // may write a block's spans as one run across a line break
            // rather than one a line).
            let traced = |articles: &[Article]| -> Vec<(Role, String, Vec<Option<usize>>)> {
                articles
                    .iter()
                    .flat_map(|a| &a.blocks)
                    .map(|b| (b.role, b.text.clone(), trace(raw.chars(), &b.text, &b.spans)))
                    .collect()
            };
            proptest::prop_assert_eq!(traced(&at_once), traced(&one_by_one));
            // And the blocks are where the tags put them.
            let blocks: usize = at_once.iter().map(|a| a.blocks.len()).sum();
            let wanted_blocks = wanted.iter().flatten().filter(|t| t.starts_block).count();
            proptest::prop_assert_eq!(blocks, wanted_blocks);
        }
    }

    #[test]
    fn decoding_gives_the_best_path_and_the_exact_marginals() {
        // Three labels over four lines: every one of the 81 paths scored.
        let labels: Vec<LineTag> = [Role::Body, Role::Headline, Role::Caption]
            .into_iter()
            .map(|role| LineTag {
                role,
                starts_block: true,
                starts_article: false,
            })
            .collect();
        let model = LineModel {
            bytes: Vec::new(),
            labels,
            transitions: vec![0.5, -1.0, 0.2, 1.5, 0.1, -0.3, -0.7, 0.9, 0.4],
            states: HashMap::default(),
        };
        let scores = [
            0.3, -0.2, 1.1, 2.0, 0.5, -1.0, -0.4, 0.8, 0.6, 1.2, 1.0, -2.0,
        ];
        let (n, l) = (4, 3);
        let mut best = (f64::NEG_INFINITY, vec![]);
        let mut z = 0.0;
        let mut mass = vec![vec![0.0; l]; n];
        for code in 0..l.pow(4) {
            let path: Vec<usize> = (0..n).map(|t| code / l.pow(t as u32) % l).collect();
            let score: f64 = (0..n).map(|t| scores[t * l + path[t]]).sum::<f64>()
                + (1..n)
                    .map(|t| model.transitions[path[t - 1] * l + path[t]])
                    .sum::<f64>();
            z += score.exp();
            for t in 0..n {
                mass[t][path[t]] += score.exp();
            }
            if score > best.0 {
                best = (score, path);
            }
        }
        let decoded = model.decode(scores.to_vec());
        for t in 0..n {
            assert_eq!(decoded[t].0, model.labels[best.1[t]], "line {t}");
            let exact = mass[t][best.1[t]] / z;
            assert!(
                (decoded[t].1 - exact).abs() < 1e-9,
                "line {t}: {} vs {exact}",
                decoded[t].1
            );
        }
    }

    #[test]
    fn labels_read_back_and_other_text_is_no_label() {
        for role in Role::ALL {
            for starts_block in [false, true] {
                for starts_article in [false, true] {
                    let tag = LineTag {
                        role,
                        starts_block,
                        starts_article,
                    };
                    assert_eq!(LineTag::from_label(&tag.label()), Some(tag));
                }
            }
        }
        for bad in [
            "",
            "body",
            "body|B",
            "body|X|A",
            "body|B|A|more",
            "nobody|B|A",
        ] {
            assert_eq!(LineTag::from_label(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn tags_are_probable_and_sure_on_what_was_learned() {
        let model = trained_on_full_line_paragraphs();
        let (raw, gold) = full_line_paragraphs(3, 6);
        let page = page_lines(&raw);
        let tags = model.tag(&page);
        assert_eq!(tags.len(), page.lines.len());
        assert!(tags.iter().all(|(_, p)| *p > 0.0 && *p <= 1.0 + 1e-9));
        let want = tags_of(&page.lines, &gold);
        for ((tag, p), want) in tags.iter().zip(want) {
            assert_eq!(Some(*tag), want);
            assert!(*p > 0.75, "a learned convention is sure: {p}");
        }
    }

    #[test]
    fn tagging_a_page_reads_the_features_the_model_was_trained_on() {
        let model = trained_on_full_line_paragraphs();
        let (raw, _) = full_line_paragraphs(9, 5);
        let page = page_lines(&raw);
        let features = page.features();
        assert!(features.iter().all(|f| f.len() > 20), "{features:?}");
        let fast = model.tag(&page);
        let listed = model.tag_features(&features);
        assert_eq!(fast.len(), listed.len());
        for ((a, p), (b, q)) in fast.iter().zip(&listed) {
            assert_eq!(a, b);
            assert!((p - q).abs() < 1e-9, "{p} against {q}");
        }
    }

    #[test]
    fn a_model_that_agrees_with_the_rules_changes_nothing() {
        let (raw, _) = full_line_paragraphs(5, 4);
        let page = page_lines(&raw);
        let rules: Vec<(LineTag, f64)> = tags_of(&page.lines, &page.proposal.articles)
            .into_iter()
            .map(|t| (t.expect("every line is in a block"), 1.0))
            .collect();
        let refined = refine(
            &raw,
            (&page.lines, &page.rules, &rules),
            page.proposal.articles.clone(),
            CUTS,
        );
        assert!(refined.changes.is_empty());
        assert_eq!(refined.articles, page.proposal.articles);
    }

    #[test]
    fn an_unsure_article_start_keeps_the_rules_article() {
        let (raw, _) = full_line_paragraphs(5, 4);
        let page = page_lines(&raw);
        let mut tags: Vec<(LineTag, f64)> = tags_of(&page.lines, &page.proposal.articles)
            .into_iter()
            .map(|t| (t.expect("every line is in a block"), 1.0))
            .collect();
        let third = tags[2].0;
        let starts = LineTag {
            starts_block: true,
            starts_article: true,
            ..third
        };
        tags[2] = (starts, CUTS.article_from - 0.05);
        let unsure = refine(
            &raw,
            (&page.lines, &page.rules, &tags),
            page.proposal.articles.clone(),
            CUTS,
        );
        assert_eq!(
            unsure.articles.len(),
            1,
            "not sure enough to cut an article"
        );
        assert_eq!(unsure.changes.len(), 1, "the block start is taken");
        tags[2] = (starts, CUTS.article_from);
        let sure = refine(
            &raw,
            (&page.lines, &page.rules, &tags),
            page.proposal.articles.clone(),
            CUTS,
        );
        assert_eq!(
            sure.articles.len(),
            2,
            "sure: a second article from the third line"
        );
        assert_eq!(glyphs(&sure.articles), glyphs(&page.proposal.articles));
    }

    #[test]
    fn a_damaged_model_is_refused_not_a_crash() {
        assert!(matches!(
            LineModel::from_bytes(b"not a model".to_vec()),
            Err(ModelError::Damaged(_))
        ));
        let model = trained_on_full_line_paragraphs();
        let bytes = model.bytes();
        for cut in [bytes.len() / 2, 48, 200] {
            assert!(
                LineModel::from_bytes(bytes[..cut.min(bytes.len())].to_vec()).is_err(),
                "cut at {cut}"
            );
        }
        let mut flipped = bytes.to_vec();
        for b in flipped.iter_mut().skip(16).step_by(7) {
            *b ^= 0x5a;
        }
        let _either = LineModel::from_bytes(flipped);
        assert!(LineModel::from_bytes(bytes.to_vec()).is_ok());
    }

    #[test]
    fn a_saved_model_loads_and_one_of_other_features_is_refused() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("model.crfsuite");
        let model = trained_on_full_line_paragraphs();
        let manifest = Manifest {
            feature_version: FEATURE_VERSION,
            pages: vec![ManifestPage {
                name: "p.txt".to_owned(),
                sha256: "0".repeat(64),
                corrected: "1".repeat(64),
            }],
            lines: 3,
            model_sha256: String::new(),
        };
        model.save(&path, &manifest).expect("saved");
        let (loaded, read) = LineModel::load(&path).expect("loads");
        assert_eq!(read.model_sha256, crate::page::sha256_hex_of(model.bytes()));
        assert_eq!(
            Manifest {
                model_sha256: String::new(),
                ..read
            },
            manifest
        );
        assert_eq!(loaded.bytes(), model.bytes());
        // Another save's model under this manifest: refused, not trusted.
        let mine = std::fs::read(manifest_path(&path)).expect("read");
        let mut other_bytes = model.bytes().to_vec();
        other_bytes.push(0);
        std::fs::write(&path, &other_bytes).expect("written");
        let err = LineModel::load(&path).expect_err("crossed saves");
        assert!(err.to_string().contains("another model file"), "{err}");
        std::fs::write(&path, model.bytes()).expect("written");
        std::fs::write(manifest_path(&path), &mine).expect("written");
        assert!(LineModel::load(&path).is_ok());
        let other = Manifest {
            feature_version: FEATURE_VERSION + 1,
            ..manifest
        };
        model.save(&path, &other).expect("saved");
        let err = LineModel::load(&path).expect_err("another feature version");
        assert!(matches!(err, ModelError::Version { found } if found == FEATURE_VERSION + 1));
        assert!(err.to_string().contains("proofdesk train"), "{err}");
        std::fs::remove_file(manifest_path(&path)).expect("removed");
        // A model without its manifest: named, and what to do.
        let err = LineModel::load(&path).expect_err("no manifest");
        assert!(matches!(err, ModelError::NoManifest { .. }), "{err:?}");
        let said = err.to_string();
        assert!(
            said.contains("model.crfsuite has no manifest") && said.contains("proofdesk train"),
            "{said}"
        );
        // No model at all: the model file is named, not its manifest.
        std::fs::remove_file(&path).expect("removed");
        let err = LineModel::load(&path).expect_err("no model");
        assert!(
            matches!(&err, ModelError::File { path: p, .. } if p.ends_with("model.crfsuite")),
            "{err:?}"
        );
    }
}
