//! What the proposal decided, on which evidence, and how sure it is: the
//! decisions as data.
//!
//! The segmenter and the normalizer make six kinds of decision, and each
//! one is recorded as a [`Decision`]: where it is (raw offsets), what was
//! chosen, the competing choice, the rule that fired ([`Evidence`]) and a
//! confidence. A decision whose confidence is below [`DOUBT_BELOW`] is a
//! *doubt*: the desk takes the editor there first, and fixtures record it.
//! A page's [`Review`] holds its doubts and how the editor settled them.
//!
//! Confidence is not a guess written next to each rule: it is how often the
//! rule was right where it was measured ([`MEASURED`]: pages real extractors
//! wrote, scored against their gold), smoothed so that a rule seen a few
//! times only is not trusted. A rule is named for its context where the
//! context changes how often it errs (a line end next to a possible title is
//! `titleish_lines`, whatever width rule fired). Rules that compare a width
//! with the column count as another rule when the width is within
//! [`NEAR_CELLS`] of the cut.
//!
//! This module sits below the page model ([`crate::page::Page`] holds a
//! [`Review`]); what a decision means for a page's articles is
//! [`crate::doubt`]'s.

use std::sync::Arc;

use crate::punct::Mark;
use crate::role::Role;

/// A decision whose confidence (percent) is below this is a doubt: its
/// rule erred on more than 2% of its measured decisions.
pub const DOUBT_BELOW: u8 = 98;
/// A width within this many column cells of a rule's cut makes the rule
/// unsure.
pub const NEAR_CELLS: f32 = 1.0;

/// How often each rule was judged and wrong where it was last measured:
/// `(rule, decisions judged, errors)`.
///
/// Measured over the 36 content-stream pages of `../shared/devpages`
/// (`pdftotext -raw` and `PyMuPDF` output of typeset pages, with gold) and
/// the seed page with its corrected fixture.
///
/// `cargo test --test devpages` measures them again and fails, printing the
/// table to paste here, whenever the rules decide otherwise; a rule missing
/// from the table was never judged there (see [`Evidence::confidence_percent`]).
pub const MEASURED: &[(Evidence, u32, u32)] = &[
    (Evidence::MidSentence, 9241, 3),
    (Evidence::OpenBracket, 97, 0),
    (Evidence::PhotoNoteEndsTitle, 3, 0),
    (Evidence::SentenceEndAtFullLine, 71, 1),
    (Evidence::SentenceEndBeforeOtherSetting, 29, 1),
    (Evidence::ShortFirstLine, 3, 1),
    (Evidence::FullFirstLine, 8, 0),
    (Evidence::FullFirstLineBeforeIndent, 1, 0),
    (Evidence::TitleWrap, 17, 0),
    (Evidence::WordReadsOn, 38, 0),
    (Evidence::ShortLine, 1575, 0),
    (Evidence::NearlyFullLine, 122, 0),
    (Evidence::NextIndented, 126, 0),
    (Evidence::NextIndentedEndsSentence, 7, 3),
    (Evidence::NextIndentedWithFigures, 33, 2),
    (Evidence::CreditEndsCaption, 35, 0),
    (Evidence::DatelineLine, 12, 0),
    (Evidence::KeptIndent, 5, 0),
    (Evidence::NextStandsAlone, 288, 0),
    (Evidence::HeadingNext, 1, 0),
    (Evidence::TitleNext, 29, 0),
    (Evidence::ShortMidPhrase, 9, 1),
    (Evidence::StandsAlone, 6, 0),
    (Evidence::OpensAfterComma, 2, 2),
    (Evidence::TitleishLines, 367, 19),
    (Evidence::TitleStandsApart, 62, 0),
    (Evidence::LetterSpacing, 50762, 1),
    (Evidence::NextToLatin, 3574, 0),
    (Evidence::NextToLatinInTitle, 50, 4),
    (Evidence::NextToPunctuation, 11423, 0),
    (Evidence::SpaceInBody, 32, 0),
    (Evidence::LatinWords, 5, 0),
    (Evidence::Credit, 406, 0),
    (Evidence::TitlePhrase, 109, 0),
    (Evidence::AfterDateline, 15, 0),
    (Evidence::Dateline, 156, 1),
    (Evidence::RunningText, 1826, 3),
    (Evidence::AfterCaption, 5, 0),
    (Evidence::HeadFirstText, 4, 0),
    (Evidence::DatelineAfterStack, 45, 0),
    (Evidence::AfterHeadlines, 53, 6),
    (Evidence::BylineOpens, 1, 0),
    (Evidence::TailOfArticle, 86, 1),
    (Evidence::StandsApart, 11, 0),
    (Evidence::AfterBodyBeforeDateline, 176, 0),
    (Evidence::AfterBodyOnly, 44, 0),
    (Evidence::HeadsNextArticle, 51, 2),
    (Evidence::LoneStack, 2, 0),
    (Evidence::GluedHeadline, 13, 0),
    (Evidence::BothPageEnds, 23, 0),
    (Evidence::OnePageEnd, 2, 0),
    (Evidence::NoPageEnd, 1, 0),
    (Evidence::OnlyTitle, 134, 7),
    (Evidence::KickerCue, 12, 4),
    (Evidence::LetterSpacedKicker, 2, 0),
    (Evidence::NarrowerFirst, 91, 36),
    (Evidence::WiderFirst, 110, 21),
    (Evidence::SimilarWidths, 14, 4),
    (Evidence::StackPosition, 45, 4),
    (Evidence::HeadingInArticle, 4, 1),
    (Evidence::ColonHeading, 2, 0),
    (Evidence::TitleInBodyColumn, 19, 1),
    (Evidence::Banner, 4, 1),
    (Evidence::Motto, 3, 0),
    (Evidence::Paragraph, 1198, 1),
    (Evidence::UnendedParagraph, 5, 1),
    (Evidence::TitleishParagraph, 248, 1),
    (Evidence::HeadlineAfterBody, 643, 1),
    (Evidence::FullFirstLineParagraph, 4, 0),
    (Evidence::Pattern, 115, 1),
];

/// How often each punctuation repair was judged and wrong on OCR pages:
/// `(rule, decisions judged, errors)`.
///
/// Measured over the ten pages of `../shared/devpages-ocr` (Tesseract 5
/// `chi_sim` reading typeset pages, with gold), the raw text aligned with
/// the gold char by char. `cargo test --test ocr` measures them again and
/// fails, printing the table to paste here, whenever they change.
pub const MEASURED_OCR: &[(Evidence, u32, u32)] = &[
    (Evidence::AsciiComma, 1247, 49),
    (Evidence::AsciiCommaNoRing, 1199, 1),
    (Evidence::CommaEndsParagraph, 386, 1),
    (Evidence::DigitMark, 59, 0),
    (Evidence::ColonAfterSaying, 5, 1),
    (Evidence::ApostropheInList, 34, 4),
    (Evidence::ColonBeforeSpace, 21, 5),
    (Evidence::StraightQuote, 16, 1),
    (Evidence::AngleForBracket, 17, 1),
    (Evidence::BarClosesPartner, 12, 0),
    (Evidence::AsteriskAfterWord, 5, 0),
    (Evidence::CornerQuoteMisread, 3, 0),
    (Evidence::DotInName, 4, 0),
    (Evidence::ApostropheAfterNumber, 5, 0),
    (Evidence::SemicolonBeforeComma, 2, 0),
    (Evidence::ExclamationForMark, 3, 0),
    (Evidence::CommaBetweenDigits, 8, 4),
    (Evidence::DashReadAsOne, 27, 3),
    (Evidence::DashBesideOne, 4, 1),
    (Evidence::StopBoxedAsComma, 23, 4),
    (Evidence::StopInked, 667, 2),
    (Evidence::NoRing, 17, 3),
    (Evidence::StopUnread, 96, 0),
    (Evidence::DotUnread, 7, 1),
    (Evidence::CommaUnread, 173, 1),
    (Evidence::QuoteUnread, 9, 0),
    (Evidence::QuoteInked, 6, 0),
    (Evidence::EnumerationInked, 13, 1),
    (Evidence::DotInked, 9, 0),
    (Evidence::StackedInked, 7, 0),
    (Evidence::EnumerationUnread, 5, 0),
    (Evidence::StackedUnread, 5, 0),
    (Evidence::AsciiSemicolon, 43, 1),
    (Evidence::AsciiSentenceMark, 28, 5),
    (Evidence::MisreadBracket, 108, 2),
    (Evidence::BacktickBetweenWords, 124, 2),
    (Evidence::ApostropheAfterWord, 156, 11),
    (Evidence::ColonBetweenWords, 59, 4),
    (Evidence::ColonBeforeOther, 22, 5),
    (Evidence::ColonEndsParagraph, 8, 0),
    (Evidence::VeryUnsureWord, 462, 165),
    (Evidence::UnsureWord, 894, 108),
];

/// How often each rule reading a layout-order extractor's text boxes
/// (`segment::flow`) was judged and wrong: `(rule, decisions judged,
/// errors)`.
///
/// Measured on the layout-order pages of `../shared/devpages` written in
/// boxes out of their reading order (plain `pdftotext`: 004 and 006; until
/// session 51 paired boxes by their heights, 006's boxes were read as all
/// going on in the order written): a join is right where the gold's text
/// runs on from the one line's end into the other's start, a break where
/// it does not. `tests/devpages.rs` (`layout_order_boxes_are_measured`)
/// counts them again and prints the table to paste here when it changed.
pub const MEASURED_LAYOUT: &[(Evidence, u32, u32)] = &[
    (Evidence::BoxApart, 16, 0),
    (Evidence::BoxWordReadsOn, 8, 0),
    (Evidence::BoxRunsOn, 7, 0),
    (Evidence::StackOverUntitledText, 3, 2),
];

/// How often each of the line model's decisions was judged and wrong:
/// `(rule, decisions judged, errors)`.
///
/// Measured by five-fold cross-validation over the 36 content-stream pages
/// of `../shared/devpages` (each page proposed by a model trained on the
/// other folds): `cargo run --release --example learning_curve --
/// ../shared/devpages` prints the table to paste here.
pub const MEASURED_MODEL: &[(Evidence, u32, u32)] = &[
    (Evidence::ModelConfirms, 209, 0),
    (Evidence::ModelSure, 1, 0),
    (Evidence::ModelUnsure, 51, 23),
];

/// What a decision is about.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A raw line end: the lines join in one block, or a block ends there.
    LineEnd,
    /// Whitespace inside a line: removed, or kept as one space.
    Space,
    /// Whether a block (or run of blocks) begins a new article.
    Boundary,
    /// Which article a headline stack belongs to: the one before or after.
    Attachment,
    /// A block's role.
    Role,
    /// Where the page's headline stacks sit: after their bodies or before
    /// (one decision per page, at its first stack).
    Orientation,
    /// A mark an OCR engine misread (`,` for `，`): repaired, or left as
    /// read ([`crate::punct`]).
    Punctuation,
    /// A word an OCR engine was unsure of: read right, or misread (the
    /// editor types the right characters).
    Recognition,
}

impl Kind {
    /// Whether the decision is about a line of the page: whether it ends
    /// its block, starts an article, which article its stack goes with,
    /// its block's role (what a [`crate::judge::LineJudge`] judges).
    #[must_use]
    pub fn is_line_level(self) -> bool {
        matches!(
            self,
            Self::LineEnd | Self::Boundary | Self::Attachment | Self::Role
        )
    }

    /// Every kind, in the order of the documentation.
    pub const ALL: [Self; 8] = [
        Self::LineEnd,
        Self::Space,
        Self::Boundary,
        Self::Attachment,
        Self::Role,
        Self::Orientation,
        Self::Punctuation,
        Self::Recognition,
    ];

    /// The name used in fixtures and reports.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::LineEnd => "line_end",
            Self::Space => "space",
            Self::Boundary => "boundary",
            Self::Attachment => "attachment",
            Self::Role => "role",
            Self::Orientation => "orientation",
            Self::Punctuation => "punctuation",
            Self::Recognition => "recognition",
        }
    }

    /// The kind for a name, if it is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Index in [`Kind::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What taking a decision's competing choice does to the page.
///
/// Most flips are the plain reading of the choice (the table in
/// `docs/doubts.md`). Where that is not enough, the rule that makes a
/// decision says it, so that a flip never depends on which rule made it.
///
/// In fixtures it is the doubt's optional `flip`, absent when plain.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Flip {
    /// The competing choice as its kind reads it: a line end breaks or
    /// joins, a boundary splits or joins the two articles, a stack moves to
    /// the other neighbour, a block takes the other role.
    #[default]
    Plain,
    /// A boundary becomes "same article" by this block alone going back to
    /// the article before: where headlines follow their bodies, what comes
    /// after the block has its own boundary.
    BlockGoesBack,
    /// An attachment becomes "before" by the stack's whole article joining
    /// the article before: where headlines come before their bodies, a
    /// stack that opens no article goes on with the one before it, and so
    /// does what follows it.
    ArticleGoesBack,
    /// A role becomes a title by the block joining the headline stack of
    /// the article before it (a headline printed after its body).
    TitleOfArticleBefore,
    /// A mark the engine did not read, written after the glyph at `at`:
    /// its alternative `mark_as_read` writes no mark there. A closing
    /// quote goes after any other mark written there (`。”`).
    MarkAfter,
    /// The same where the picture shows the closing quote first and the
    /// other mark after it (`”。`).
    QuoteFirst,
}

impl Flip {
    /// Whether the flip is the plain one (not written in fixtures).
    #[must_use]
    pub(crate) fn is_plain(&self) -> bool {
        *self == Self::Plain
    }

    /// Whether the decision writes a mark the engine did not read after
    /// its glyph ([`Self::MarkAfter`], [`Self::QuoteFirst`]).
    #[must_use]
    pub fn writes_after(self) -> bool {
        matches!(self, Self::MarkAfter | Self::QuoteFirst)
    }

    /// The flip of a doubt read from a fixture written before doubts named
    /// their flip: three rules had flips of their own then, as they do now.
    #[must_use]
    pub(crate) fn of_older_fixture(evidence: Evidence) -> Self {
        match evidence {
            Evidence::AfterHeadlines => Self::BlockGoesBack,
            Evidence::HeadsNextArticle => Self::ArticleGoesBack,
            Evidence::HeadlineAfterBody => Self::TitleOfArticleBefore,
            _ => Self::Plain,
        }
    }
}

/// One side of a decision.
///
/// In fixtures it is a string: `join`, `break`, `remove`, `keep`,
/// `same_article`, `new_article`, `attach_before`, `attach_after`,
/// `headlines_after`, `headlines_before`, or a role's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Choice {
    /// The two lines go on in one block.
    Join,
    /// A block ends at the line end.
    Break,
    /// The whitespace goes.
    Remove,
    /// The whitespace stays as one space.
    Keep,
    /// The block goes on with the article before it.
    SameArticle,
    /// The block begins an article.
    NewArticle,
    /// The stack heads the article before it (in raw order).
    AttachBefore,
    /// The stack heads the article after it.
    AttachAfter,
    /// The page's headlines follow their bodies.
    HeadlinesAfter,
    /// The page's headlines come before their bodies.
    HeadlinesBefore,
    /// The block has this role.
    Role(Role),
    /// The text has this mark where the engine read another.
    Mark(Mark),
    /// The engine read the word right.
    ReadRight,
    /// The engine misread the word.
    Misread,
}

impl Choice {
    /// The name used in fixtures and reports (a role by its own name).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Join => "join",
            Self::Break => "break",
            Self::Remove => "remove",
            Self::Keep => "keep",
            Self::SameArticle => "same_article",
            Self::NewArticle => "new_article",
            Self::AttachBefore => "attach_before",
            Self::AttachAfter => "attach_after",
            Self::HeadlinesAfter => "headlines_after",
            Self::HeadlinesBefore => "headlines_before",
            Self::Role(r) => r.name(),
            Self::Mark(m) => m.name(),
            Self::ReadRight => "read_right",
            Self::Misread => "misread",
        }
    }

    /// Every choice but a role, two for each kind of decision other than
    /// roles, in [`Kind::ALL`] order.
    pub const SIDES: [Self; 12] = [
        Self::Join,
        Self::Break,
        Self::Remove,
        Self::Keep,
        Self::SameArticle,
        Self::NewArticle,
        Self::AttachBefore,
        Self::AttachAfter,
        Self::HeadlinesAfter,
        Self::HeadlinesBefore,
        Self::ReadRight,
        Self::Misread,
    ];

    /// The choice for a name, if it is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::SIDES
            .into_iter()
            .find(|c| c.name() == name)
            .or_else(|| Role::from_name(name).map(Self::Role))
            .or_else(|| Mark::from_name(name).map(Self::Mark))
    }

    /// The kind of decision this is a side of.
    #[must_use]
    pub fn kind(self) -> Kind {
        match self {
            Self::Join | Self::Break => Kind::LineEnd,
            Self::Remove | Self::Keep => Kind::Space,
            Self::SameArticle | Self::NewArticle => Kind::Boundary,
            Self::AttachBefore | Self::AttachAfter => Kind::Attachment,
            Self::HeadlinesAfter | Self::HeadlinesBefore => Kind::Orientation,
            Self::Role(_) => Kind::Role,
            Self::Mark(_) => Kind::Punctuation,
            Self::ReadRight | Self::Misread => Kind::Recognition,
        }
    }
}

impl From<Choice> for String {
    fn from(c: Choice) -> Self {
        c.name().to_owned()
    }
}

impl TryFrom<String> for Choice {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::from_name(&s).ok_or_else(|| unknown_name("choice", &s))
    }
}

/// What a fixture is told of a name this build does not know (a rule, a
/// choice): most likely one a newer Proofdesk added, so the message says
/// to update, or to correct a name edited by hand.
#[must_use]
pub(crate) fn unknown_name(what: &str, name: &str) -> String {
    format!(
        "`{name}` is no {what} this Proofdesk ({}) knows: if a newer Proofdesk wrote the file, update Proofdesk to open it; else correct the name",
        env!("CARGO_PKG_VERSION")
    )
}

/// The rule that made a decision; its confidence is measured ([`MEASURED`]).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    // Line ends.
    /// The line stops mid-sentence at the column's width: the text goes on.
    MidSentence,
    /// A bracket is open at the line end.
    OpenBracket,
    /// A line ending with a photo note in brackets (`（图片）`) ends a
    /// title: the next line is another block.
    PhotoNoteEndsTitle,
    /// A line that ends no sentence, right over a photo's credit set on a
    /// line of its own (or after a glyph or two of the description): the
    /// caption's description, wrapped (`镇上新建的农贸市` /
    /// `场   本报记者 某某 摄`). Joins the two into the caption.
    DescriptionOverCredit,
    /// A photo's credit that runs from a line's end onto the next line,
    /// which holds only the rest of the name and `摄` (`…志愿者为老人义诊。本报记者王` /
    /// `凤侠摄`, a caption wrapped in a narrow column): the two lines are
    /// one caption.
    CreditRunsOver,
    /// Where lines are not separated by blank lines, a blank line after a
    /// sentence's end ends the paragraph.
    GapAfterSentence,
    /// In an engine's plain text, a title set as a block of its own before
    /// more titles or a dateline ends the text before it, even where that
    /// stops mid-sentence (the engine dropped its closing mark).
    TitleBlock,
    /// A sentence ends exactly at the column's width and the next line is
    /// not indented: running on is a guess.
    SentenceEndAtFullLine,
    /// The same where the next line is set otherwise: letter-spaced after
    /// a line that is not, or the other way round (each line of a
    /// paragraph is justified on its own, so the change says little, but
    /// such a sentence end opens a paragraph more often:
    /// `…分享了志愿服务知识。` / `培训内容丰富、联系实际。…` on the seed page).
    SentenceEndBeforeOtherSetting,
    /// A short first line without a sentence end, taken as running on.
    ShortFirstLine,
    /// A block's first line fills the column and stops mid-phrase: taken as
    /// running on, though a paragraph's first line is indented, so it may
    /// be a title's line before running text.
    FullFirstLine,
    /// A block's first line fills the column and stops mid-phrase, and the
    /// next line is indented: a paragraph opens at the indented line, so the
    /// full line before it, set without an indent, is a title's and ends
    /// there.
    FullFirstLineBeforeIndent,
    /// Title lines that shared a text box, joined into one title.
    TitleWrap,
    /// The likeliest reading of the text around the line end puts a word
    /// across it ([`crate::lexicon::word_across`]): the lines are one text.
    WordReadsOn,
    /// The line ends a sentence and is clearly short: a paragraph ends.
    ShortLine,
    /// The line is short, but within [`NEAR_CELLS`] of the cut.
    NearlyFullLine,
    /// The next line looks indented (two cells short of the column), and
    /// goes on past its end: only a paragraph's first line is short so.
    NextIndented,
    /// The next line looks indented but ends a sentence itself: an
    /// indented paragraph of one line, or this paragraph's last line,
    /// short by chance (`…这是谁也没有料到的。` / `不少居民只好暂时搬到亲戚家住。`).
    NextIndentedEndsSentence,
    /// The next line looks indented, and holds figures or Latin letters:
    /// their widths and the gaps set around them make its width an
    /// estimate (`月均用电量超过200度的住户，凭` is a full line).
    NextIndentedWithFigures,
    /// Next to a title, the line is a caption's credit (`本报记者 某某 摄`),
    /// which ends the caption: the next line is another block.
    CreditEndsCaption,
    /// Next to a title, the line opens with a dateline or continuation
    /// marker: it is running text, and its end is read as running text's.
    DatelineLine,
    /// A full line ends with a closing bracket and the next line, two cells
    /// short without a sentence end, can only open a paragraph: the
    /// paragraph ends after the bracket.
    BracketBeforeIndent,
    /// The next line keeps a paragraph's indent in the raw text (a
    /// full-width space, `　　经过`) and this one does not: a paragraph
    /// starts there.
    KeptIndent,
    /// On an OCR page, the line ends in a comma and the page image shows
    /// the next line indented: a paragraph never ends on a comma, so the
    /// engine read a full stop as one, and the paragraph ends.
    CommaBeforeIndent,
    /// On an OCR page, the line ends on a word or on a mark that ends no
    /// sentence (a closing quote, an engine's `'`), not on a figure or a
    /// letter, and the page image shows the next line indented: running
    /// text goes on at the column's edge, so the engine dropped or misread
    /// this line's full stop, and the paragraph ends.
    UnendedBeforeIndent,
    /// On an OCR page, the page image shows the next line set at another
    /// size (running text against a title): a block ends.
    OtherSize,
    /// On an OCR page, the page image shows the next line in a lower band
    /// of the page (more than two line heights below, in other columns):
    /// text never reads on into it, so a block ends.
    LowerBand,
    /// A layout-order extractor wrote the next line's text box apart (a
    /// wider gap than between lines) and nothing links the two: a block
    /// ends.
    BoxApart,
    /// This line stops mid-sentence at its text box's end and the next
    /// line, moved here from a later box, opens mid-sentence; a word reads
    /// across the two.
    BoxWordReadsOn,
    /// The same without a word across: the nearest box that stops
    /// mid-sentence before the one that opens mid-sentence.
    BoxRunsOn,
    /// The next line stands alone or opens an article (dateline, byline,
    /// caption, …).
    NextStandsAlone,
    /// A heading such as `案情简介：` follows.
    HeadingNext,
    /// A headline stack follows the sentence end.
    TitleNext,
    /// A short line that stops mid-phrase ends a heading.
    ShortMidPhrase,
    /// The line is a title, caption, byline or note on its own.
    StandsAlone,
    /// A dateline or continuation marker right after a comma: text does not
    /// break there, so either the marker does not open an article or the
    /// line before it is misread.
    OpensAfterComma,
    /// One of the lines may be a title set among running text (no sentence
    /// punctuation, after a sentence end): whatever rule fired, whether the
    /// lines join is a guess.
    TitleishLines,
    /// A line that may be a title is set apart from the next line, which
    /// is no rest of it wrapped: wider than a wrapped title's rest
    /// ([`Cuts::title_rest`](crate::layout::Cuts::title_rest)) and no wider
    /// than the title line.
    TitleStandsApart,

    // Spaces.
    /// A single space in a letter-spaced line.
    LetterSpacing,
    /// A space next to a digit or Latin letter that extraction added.
    NextToLatin,
    /// A space before a number in a title, which may also be the space
    /// between the title's two parts (`…风靡东南亚各地 2005年`).
    NextToLatinInTitle,
    /// A space next to Chinese punctuation.
    NextToPunctuation,
    /// A real space inside running text, removed.
    SpaceInBody,
    /// Kept between Latin words or numbers.
    LatinWords,
    /// Kept inside a credit (`记者 王凤侠`).
    Credit,
    /// Kept between two phrases of a title, caption or banner.
    TitlePhrase,
    /// Kept after a dateline.
    AfterDateline,

    // Article boundaries.
    /// A dateline or continuation marker opens an article.
    Dateline,
    /// A paragraph goes on with its article.
    RunningText,
    /// A paragraph right after a caption goes on with its article: the
    /// caption may have closed it.
    AfterCaption,
    /// On a page whose headlines follow their bodies, a paragraph goes on
    /// with an article drawn head first (its stack at the page's start or
    /// right after another article's) while the caption that ends its text,
    /// or the next article's dateline, lies ahead before any stack: no
    /// stack of its own follows to close it.
    HeadFirstText,
    /// A dateline or byline right after its headline stack (or byline).
    DatelineAfterStack,
    /// A paragraph without dateline after an article that a source note
    /// closed: it opens an article.
    AfterClosedArticle,
    /// On a page whose headlines follow their bodies, a paragraph right
    /// after an article's headlines opens the next article (unless those
    /// "headlines" were a heading inside the article).
    AfterHeadlines,
    /// A byline opens an article.
    BylineOpens,
    /// A heading or source note goes on with its article.
    TailOfArticle,
    /// Banners, captions and page headers stand apart.
    StandsApart,
    /// On an OCR page, the page image shows a caption right above the
    /// first line of an article's text (a dateline or a continuation
    /// marker) with no text right above it (a photo at the top of the
    /// article, its caption under it): the caption opens that article.
    CaptionOverText,

    // Attachment.
    /// Headlines come after their bodies on this page, and the next block
    /// opens an article with a dateline.
    AfterBodyBeforeDateline,
    /// Headlines come after their bodies, but nothing marks where the next
    /// article begins.
    AfterBodyOnly,
    /// Headlines come before their bodies on this page.
    HeadsNextArticle,
    /// In an engine's plain text, this stack sits inside a sentence: the
    /// text before it stops on a word and the text after it opens with no
    /// dateline. It is the second half of a headline set over two columns
    /// (the engine reads column by column), and opens no article.
    StackInsideSentence,
    /// Headlines come after their bodies, but there is no body before this
    /// stack for it to head: it heads the text after it (an article drawn
    /// head first).
    LoneStack,
    /// On a page a layout-order extractor wrote in text boxes, this stack
    /// headed no text where it was written (an article of its own, or over
    /// a continuation, which carries no headline): it is moved to the next
    /// article that opens with a dateline and no headline, and heads it.
    StackOverUntitledText,

    // Orientation.
    /// A headline was glued onto the next article's dateline: stacks follow
    /// their bodies.
    GluedHeadline,
    /// An OCR engine read the page top to bottom: headlines, printed above
    /// their text, come before it.
    VisualOrder,
    /// The text keeps the page's columns side by side (`pdftotext
    /// -layout`): read column by column, headlines, printed above their
    /// text, come before it.
    ColumnsSideBySide,
    /// The page's first and last items agree (a body first and a stack
    /// last, or the other way round).
    BothPageEnds,
    /// One end of the page decides (the other is neutral or disagrees).
    OnePageEnd,
    /// Neither end of the page says anything: headlines after bodies, as in
    /// most content-stream extractions.
    NoPageEnd,
    /// The page's continuations decide what its ends did not, or against
    /// them: a stack right before a continuation closed the article before
    /// it (headlines after their bodies), running text right before one
    /// was that article's (headlines before).
    ContinuationSides,

    // Roles.
    /// The only title of its stack.
    OnlyTitle,
    /// On an OCR page, the page image shows the titles of a stack at
    /// different sizes: the largest is the headline, one above it the
    /// kicker, one below it the subheadline.
    TitleSizes,
    /// A first title that ends like an introduction (`…强调`).
    KickerCue,
    /// A letter-spaced first title over a plain one.
    LetterSpacedKicker,
    /// Of two titles, the narrower one is taken as the kicker.
    NarrowerFirst,
    /// Of two titles, the wider first one is taken as the headline.
    WiderFirst,
    /// Two titles within [`NEAR_CELLS`] of the same width: which is the
    /// headline is a guess.
    SimilarWidths,
    /// A title opening with a dash.
    DashSubheadline,
    /// Position in a stack of three or more.
    StackPosition,
    /// A title between paragraphs of one article (enumerated, ending in a
    /// colon, or indented) is a heading.
    HeadingInArticle,
    /// A short line ending with a colon.
    ColonHeading,
    /// A short paragraph without sentence punctuation set in the body
    /// column, read as a title.
    TitleInBodyColumn,
    /// A short letter-spaced line of ideographs is a section banner.
    Banner,
    /// A title boxed with a banner is its motto.
    Motto,
    /// Running text.
    Paragraph,
    /// A short paragraph that ends without a sentence end, or trails off
    /// in an ellipsis: perhaps a title with punctuation
    /// (`只要大家肯动脑筋，就没有办不成的事`, `预计能收到七八百斤粮……`).
    UnendedParagraph,
    /// A paragraph whose first line may be a title (no sentence punctuation,
    /// after a sentence end): perhaps a heading.
    TitleishParagraph,
    /// On a page whose headlines follow their bodies, a paragraph whose
    /// first line may be the headline of the article before it.
    HeadlineAfterBody,
    /// A paragraph whose first line may be a title, and fills the column:
    /// a paragraph's first line is indented, so that line is likely a
    /// title's set over the text under it (`早已不能满足居民日常出行需求` /
    /// `不按规定办理手续…`).
    FullFirstLineParagraph,
    /// Recognized by its pattern (caption credit, byline, source note, page
    /// header).
    Pattern,

    // Punctuation (OCR).
    /// An ASCII comma next to CJK text is `，`.
    AsciiComma,
    /// On an OCR page read beside its picture, an ASCII comma next to CJK
    /// text whose ink is no full stop's ring ([`Self::StopInked`])
    /// is `，`.
    AsciiCommaNoRing,
    /// A comma that ends a paragraph is a misread `。`.
    CommaEndsParagraph,
    /// On an OCR page, an ASCII `%`, `.` or `:` by digits is the full-width
    /// mark a Chinese page sets there (`％`, `．`, `∶`).
    DigitMark,
    /// An ASCII `:` between Chinese text after `说`, `道` or `问`: a colon
    /// opening what is said.
    ColonAfterSaying,
    /// An ASCII `'` with another list mark a few glyphs away: it separates
    /// the items of a list (`、`).
    ApostropheInList,
    /// On an OCR page, an ASCII `:` between Chinese text with a gap after
    /// it is `：` (the full-width colon's blank half).
    ColonBeforeSpace,
    /// On an OCR page, a straight `"` next to Chinese text is `“` or `”`,
    /// as its partner says.
    StraightQuote,
    /// On an OCR page, a `《` before `记者` or closed by a bracket's closer
    /// is a misread `（`.
    AngleForBracket,
    /// On an OCR page, a `|` or `}` after an open bracket or title mark
    /// closes it (`）` or `》`).
    BarClosesPartner,
    /// On an OCR page, an `*` right after a word is a misread `。`.
    AsteriskAfterWord,
    /// On an OCR page, a `J` or `4` right after a word, inside a corner
    /// quote `『` left open a few glyphs before, is its closer `』`, and a
    /// `[` before words that such a closer ends is its opener `『`: an
    /// engine reads the corner quotes so (`『槐米J的` → `『槐米』的`).
    CornerQuoteMisread,
    /// On an OCR page, a `:` or `'` between two runs of the characters
    /// foreign names are written with is the dot that parts the name
    /// (`维克多·拉森`).
    DotInName,
    /// On an OCR page, an ASCII `'` after a number, before text or another
    /// number, is `、`: an item's number (`1、`) or a list of numbers
    /// (`9、10月`).
    ApostropheAfterNumber,
    /// On an OCR page, an ASCII `;` after a word and right before a comma
    /// is a `：` read as its two dots (`回击他;,“`).
    SemicolonBeforeComma,
    /// On an OCR page, an `!` is a misread mark of another shape: between
    /// words inside an open `《` it closes it (`》`), before `记者` it
    /// opens the credit's bracket (`（`).
    ExclamationForMark,
    /// On an OCR page, a comma between digits (not before three, which
    /// may part thousands) is a misread decimal point `．` (`421，2万`).
    CommaBetweenDigits,
    /// On an OCR page, three `一` in a row are the dash `———` (each of its
    /// thirds read as `一`): no word of running text holds three.
    DashReadAsOne,
    /// On an OCR page, a run of four or more `一`: three of them are the
    /// dash `———`, and the one that makes a word with the text beside it
    /// (`统一`, `一个`) stays; where neither side makes one, the last.
    DashBesideOne,
    /// On an OCR page, a comma the engine boxed as a small dot above the
    /// line's foot, where a `。` sits, is a misread `。`.
    StopBoxedAsComma,
    /// On an OCR page read beside its picture, a comma, apostrophe,
    /// backtick or colon whose ink is a full stop's ring (a small open blot
    /// in the lower half of the line, blank paper above and below it, where
    /// a comma's tail reaches the foot) is a misread `。`
    /// ([`crate::picture::stops_inked`]).
    StopInked,
    /// On an OCR page read beside its picture, an apostrophe, backtick or
    /// colon whose place would read it as `。` but whose ink is no full
    /// stop's ring is the other mark its place offers (`、`, `：`).
    NoRing,
    /// On an OCR page read beside its picture, a dot or small ring inked
    /// right after a line's last glyph, clear of the line's foot, is a `。`
    /// the engine did not read: it is written after that glyph
    /// ([`crate::picture::unread_after`]).
    StopUnread,
    /// On an OCR page read beside its picture, a solid dot where a `。`
    /// stands, right after a line's last glyph: a full stop printed filled,
    /// or a `、` (the alternative), that the engine did not read.
    DotUnread,
    /// On an OCR page read beside its picture, a small blot inked right
    /// after a line's last glyph, down at the line's foot, is a `，` the
    /// engine did not read: it is written after that glyph.
    CommaUnread,
    /// On an OCR page read beside its picture, a quotation mark inked at
    /// the top of a line right after its last glyph or mark, its ink
    /// heavier at the top, is a `”` the engine did not read
    /// ([`crate::picture::quote_in`]): it is written after that glyph,
    /// before or after the unread `。` beside it as the picture shows.
    QuoteUnread,
    /// On an OCR page read beside its picture, a mark read after another
    /// at a line's end (`，…` for `。”`) whose ink is a quotation mark at
    /// the top of the line, heavier at the top, is a misread `”`.
    QuoteInked,
    /// On an OCR page read beside its picture, a comma whose ink is a
    /// small solid stroke floating at mid-height, clear of the foot and of
    /// the glyphs beside it, is a misread `、`
    /// ([`crate::picture::enumeration_near`]).
    EnumerationInked,
    /// On an OCR page read beside its picture, a comma whose ink is a
    /// small round dot floating at mid-height, clear of the foot and of
    /// the glyphs beside it, is a misread `·` (a foreign name's, or a
    /// decimal point set at mid-height).
    DotInked,
    /// On an OCR page read beside its picture, a comma whose ink is a dot
    /// at mid-height over a dot or a comma is a misread `：` or `；`
    /// (the other its alternative: at 200 dpi the two look alike).
    StackedInked,
    /// On an OCR page read beside its picture, a small solid stroke at
    /// mid-height that the engine boxed with a line's last glyph, clear
    /// of it, is a `、` it did not read: it is written after that glyph.
    EnumerationUnread,
    /// The same for a dot over a dot (`：`) or over a comma (`；`), the
    /// other its alternative.
    StackedUnread,
    /// On an extractor's page (not OCR), a half-width mark next to CJK
    /// text is the full-width mark of its shape (`,` is `，`, `:` is `：`):
    /// the text was set or normalised (NFKC) with half-width marks, not
    /// misread.
    HalfWidthMark,
    /// An ASCII semicolon next to CJK text is `；`.
    AsciiSemicolon,
    /// An ASCII `!` or `?` after CJK text is `！` or `？`.
    AsciiSentenceMark,
    /// An ASCII or angle bracket next to CJK text is `（` or `）`; so is
    /// an ASCII `)` after a figure or a letter that closes an open bracket.
    MisreadBracket,
    /// A backtick between two CJK words is `、`; so is a backslash after a
    /// word.
    BacktickBetweenWords,
    /// An apostrophe after a CJK word is `。` (or `、`).
    ApostropheAfterWord,
    /// A colon between two CJK words is `。` more often than `：`.
    ColonBetweenWords,
    /// A colon after a CJK word and before a digit, Latin or another mark
    /// is `：`.
    ColonBeforeOther,
    /// A colon that ends a paragraph after a CJK word is `。`.
    ColonEndsParagraph,

    // Recognition (OCR).
    /// The engine was less than 30% sure of the word.
    VeryUnsureWord,
    /// The engine was 30–69% sure of the word.
    UnsureWord,

    // The line model (decisions of every kind it can change).
    /// The line model changed the rules' choice, sure of its line's tag
    /// (marginal probability at least [`crate::line_model::ModelCuts::sure_from`]).
    ModelSure,
    /// The line model changed the rules' choice, less sure of its line's tag.
    ModelUnsure,
    /// The rules doubted the choice; the line model agrees with every part
    /// of their tag of the line, sure of it
    /// ([`crate::line_model::ModelCuts::confirm_from`]).
    ModelConfirms,
}

impl Evidence {
    /// The rule in plain words, for the editor (the doubt strip).
    #[must_use]
    #[expect(clippy::too_many_lines, reason = "one line of plain words per rule")]
    pub fn explanation(self) -> &'static str {
        match self {
            Self::MidSentence => {
                "the line stops mid-sentence at the column's edge, so the text runs on"
            }
            Self::OpenBracket => "a bracket is still open at the line's end, so the text runs on",
            Self::GapAfterSentence => {
                "a blank line after a sentence's end, where lines are not blank-separated, ends the paragraph"
            }
            Self::TitleBlock => {
                "in an engine's plain text a title set as a block of its own, before more titles or a dateline, ends the text before it"
            }
            Self::PhotoNoteEndsTitle => {
                "the line ends with a photo note in brackets, as a title does, so the next line is another block"
            }
            Self::DescriptionOverCredit => {
                "the line ends no sentence, right over a photo's credit on a line of its own, so it is the caption's description and joins the credit"
            }
            Self::CreditRunsOver => {
                "a photo's credit runs from the line's end onto the next line, which holds only the rest of the name and 摄, so the two are one caption"
            }
            Self::SentenceEndAtFullLine => {
                "a sentence ends right at the column's edge and the next line is not indented: running on is a guess"
            }
            Self::SentenceEndBeforeOtherSetting => {
                "a sentence ends right at the column's edge and the next line, not indented, is spaced otherwise: running on is a guess"
            }
            Self::ShortFirstLine => {
                "a short first line without a sentence end is taken as running on"
            }
            Self::FullFirstLine => {
                "a block's first line fills the column and stops mid-phrase: taken as running on, though a paragraph's first line would be indented (it may be a title's)"
            }
            Self::FullFirstLineBeforeIndent => {
                "a block's first line fills the column without an indent and the next line is indented: a paragraph opens there, and the full line ends (a title's)"
            }
            Self::TitleWrap => "title lines set in one box are one title",
            Self::WordReadsOn => {
                "a word reads on across the line end (`困` / `难重重`): the two lines are one text"
            }
            Self::ShortLine => "the line ends a sentence and is clearly short: the paragraph ends",
            Self::NearlyFullLine => {
                "the line ends a sentence and is a little short: the paragraph probably ends"
            }
            Self::NextIndented => "the next line looks indented (two cells short): a new paragraph",
            Self::NextIndentedWithFigures => {
                "the next line looks indented (two cells short), but it holds figures or Latin letters, whose widths make its width an estimate"
            }
            Self::NextIndentedEndsSentence => {
                "the next line looks indented (two cells short) but ends a sentence itself: a paragraph of one line, or the last line of this one"
            }
            Self::CreditEndsCaption => {
                "the line is a caption's credit (… 摄), which ends the caption: the next line is another block"
            }
            Self::DatelineLine => {
                "the line opens with a dateline, so it is running text: its end is read as running text's"
            }
            Self::BracketBeforeIndent => {
                "the line ends with a closing bracket and the next line is indented without ending a sentence: a new paragraph"
            }
            Self::OtherSize => {
                "the page image shows the next line set at another size: a block ends"
            }
            Self::LowerBand => {
                "the page image shows the next line in a lower band of the page, in other columns: text never reads on into it, so a block ends"
            }
            Self::BoxApart => {
                "the extractor wrote the next line's text box apart and nothing links it to this one: a block ends"
            }
            Self::BoxWordReadsOn => {
                "this text box stops mid-sentence and a later box opens mid-sentence with a word across the two: it is moved here and read on"
            }
            Self::BoxRunsOn => {
                "this text box stops mid-sentence and the next box that opens mid-sentence is moved here and read on (no word across the two: a guess)"
            }
            Self::KeptIndent => {
                "the next line keeps a paragraph's indent (a full-width space) and this one does not: a paragraph starts there"
            }
            Self::CommaBeforeIndent => {
                "the page image shows the next line indented: the comma at this line's end is a misread full stop, and the paragraph ends"
            }
            Self::UnendedBeforeIndent => {
                "the page image shows the next line indented after this one ends on a word or a closing mark: the engine dropped or misread its full stop, and the paragraph ends"
            }
            Self::NextStandsAlone => {
                "the next line stands alone or opens an article (dateline, byline, caption)"
            }
            Self::HeadingNext => "a heading such as 案情简介： follows",
            Self::TitleNext => "a headline follows the sentence end",
            Self::ShortMidPhrase => "a short line that stops mid-phrase ends a heading",
            Self::StandsAlone => "the line is a title, caption, byline or note on its own",
            Self::OpensAfterComma => {
                "a dateline or continuation marker right after a comma: either it opens no article or the line before is misread"
            }
            Self::TitleishLines => {
                "one of these lines may be a title set among the text, so whether they join is a guess"
            }
            Self::TitleStandsApart => {
                "the line before may be a title, and this line is too wide to be its wrapped rest"
            }
            Self::LetterSpacing => "a single space in a letter-spaced line is layout",
            Self::NextToLatin => "a space next to a digit or Latin letter was added by extraction",
            Self::NextToLatinInTitle => {
                "a space before a number in a title was added by extraction, unless it parts the title's two halves"
            }
            Self::NextToPunctuation => "a space next to Chinese punctuation is layout",
            Self::SpaceInBody => "a real space inside running text was removed",
            Self::LatinWords => "a space between Latin words or numbers is kept",
            Self::Credit => "a space inside a credit (记者 王凤侠) is kept",
            Self::TitlePhrase => {
                "a space between two phrases of a title, caption or banner is kept"
            }
            Self::AfterDateline => "a space after a dateline is kept",
            Self::Dateline => "a dateline or continuation marker opens an article",
            Self::RunningText => "a paragraph goes on with its article",
            Self::AfterCaption => {
                "a paragraph right after a caption: the caption may have closed the article"
            }
            Self::HeadFirstText => {
                "an article whose headlines came first goes on to its caption or the next dateline"
            }
            Self::DatelineAfterStack => {
                "a dateline or byline right after its headlines stays with them"
            }
            Self::AfterClosedArticle => {
                "a paragraph after an article closed by a source note opens a new one"
            }
            Self::AfterHeadlines => {
                "on this page headlines follow their bodies, so a paragraph after headlines opens the next article"
            }
            Self::BylineOpens => "a byline opens an article",
            Self::TailOfArticle => "a heading or source note goes on with its article",
            Self::StandsApart => "banners, captions and page headers stand apart",
            Self::CaptionOverText => {
                "the page image shows the caption right above the next article's first line, with no text right above it: it opens that article"
            }
            Self::AfterBodyBeforeDateline => {
                "headlines follow their bodies here and a dateline opens the next article"
            }
            Self::AfterBodyOnly => {
                "headlines follow their bodies here, but nothing marks where the next article begins"
            }
            Self::HeadsNextArticle => "headlines come before their bodies on this page",
            Self::StackInsideSentence => {
                "this stack sits inside a sentence: the text before it stops on a word, and the text after it opens with no dateline (half of a headline over two columns, read column by column)"
            }
            Self::StackOverUntitledText => {
                "the extractor wrote this stack apart from any text it could head (headlines side by side come first): it heads the next article that opens with a dateline and has no headline"
            }
            Self::LoneStack => {
                "headlines follow their bodies here, but no body precedes this stack: it heads the text after it"
            }
            Self::VisualOrder => {
                "an OCR engine reads the page top to bottom, so each headline comes before its text"
            }
            Self::ColumnsSideBySide => {
                "the text keeps the page's columns side by side; read column by column, each headline comes before its text"
            }
            Self::GluedHeadline => {
                "a headline glued onto a dateline shows that headlines follow their bodies"
            }
            Self::BothPageEnds => "the page's first and last items agree where headlines sit",
            Self::OnePageEnd => "one end of the page says where headlines sit",
            Self::NoPageEnd => {
                "neither end of the page says where headlines sit: after their bodies, as most extractions put them"
            }
            Self::ContinuationSides => {
                "what comes right before the page's continuations says where headlines sit"
            }
            Self::OnlyTitle => "the only title of its stack is the headline",
            Self::TitleSizes => {
                "the page image shows the stack's titles at different sizes: the largest is the headline, one above it the kicker, one below it the subheadline"
            }
            Self::KickerCue => "a first title ending like an introduction (…强调) is the kicker",
            Self::LetterSpacedKicker => {
                "a letter-spaced first title over a plain one is the kicker"
            }
            Self::NarrowerFirst => "of two titles, the narrower first one is taken as the kicker",
            Self::WiderFirst => "of two titles, the wider first one is taken as the headline",
            Self::SimilarWidths => {
                "two titles of about the same width: which is the headline is a guess"
            }
            Self::DashSubheadline => "a title opening with a dash is the subheadline",
            Self::StackPosition => "in a stack of three, first is the kicker, last the subheadline",
            Self::HeadingInArticle => {
                "a title between paragraphs of one article (numbered, colon, indented) is a heading"
            }
            Self::ColonHeading => "a short line ending with a colon is a heading",
            Self::TitleInBodyColumn => {
                "a short paragraph without sentence punctuation is read as a title"
            }
            Self::Banner => "a short letter-spaced line of characters is a section banner",
            Self::Motto => "a title boxed with a banner is its motto",
            Self::Paragraph => "running text",
            Self::UnendedParagraph => {
                "a short paragraph without a sure sentence end (none, or an ellipsis) may be a title"
            }
            Self::TitleishParagraph => "a paragraph whose first line may be a heading",
            Self::HeadlineAfterBody => {
                "a paragraph whose first line may be the headline of the article before it"
            }
            Self::FullFirstLineParagraph => {
                "a paragraph whose first line may be a title fills the column, where a paragraph's first line would be indented: that line is likely a title's"
            }
            Self::Pattern => {
                "recognised by its pattern (photo credit, byline, source note, page header)"
            }
            Self::AsciiComma => "an ASCII comma next to Chinese text is read as \u{ff0c}",
            Self::AsciiCommaNoRing => {
                "an ASCII comma next to Chinese text whose ink on the page picture is no full stop's ring is read as \u{ff0c}"
            }
            Self::CommaEndsParagraph => {
                "a paragraph does not end on a comma: it is read as \u{3002}"
            }
            Self::ApostropheInList => {
                "an ASCII ' near another list mark separates the items of a list: \u{3001}"
            }
            Self::ColonBeforeSpace => {
                "an ASCII : with a gap after it is read as \u{ff1a}, the full-width colon's blank half"
            }
            Self::StraightQuote => {
                "a straight \" next to Chinese text is read as \u{201c} or \u{201d}, as its partner says"
            }
            Self::AngleForBracket => {
                "a \u{300a} or \u{3010} before \u{8bb0}\u{8005} or closed by a bracket is read as \u{ff08}"
            }
            Self::BarClosesPartner => {
                "a | or } after an open bracket or title mark closes it: \u{ff09} or \u{300b}"
            }
            Self::AsteriskAfterWord => "an * right after a word is read as \u{3002}",
            Self::CornerQuoteMisread => {
                "a J or 4 that closes a corner quote \u{300e} left open a few glyphs before is \u{300f}, and a [ that opens one is \u{300e}"
            }
            Self::DotInName => {
                "a : or ' between the parts of a foreign name is read as the dot \u{b7} that parts them"
            }
            Self::ApostropheAfterNumber => {
                "an ASCII ' after a number numbers an item or parts a list of numbers: \u{3001}"
            }
            Self::SemicolonBeforeComma => {
                "an ASCII ; after a word and right before a comma is read as \u{ff1a}, its two dots"
            }
            Self::ExclamationForMark => {
                "an ! between words inside an open \u{300a} is read as \u{300b}, and one before \u{8bb0}\u{8005} as \u{ff08}"
            }
            Self::CommaBetweenDigits => {
                "a comma between digits, not before three, is read as the decimal point \u{ff0e}"
            }
            Self::DashReadAsOne => {
                "three \u{4e00} in a row are the dash \u{2014}\u{2014}\u{2014}, each third read as \u{4e00}"
            }
            Self::DashBesideOne => {
                "of four or more \u{4e00} in a row, three are the dash \u{2014}\u{2014}\u{2014}; the one that makes a word with the text beside it stays"
            }
            Self::StopBoxedAsComma => {
                "a comma boxed as a small dot above the line's foot, where \u{3002} sits, is read as \u{3002}"
            }
            Self::StopInked => {
                "a comma, apostrophe or colon whose ink on the page picture is a full stop's ring is read as \u{3002}"
            }
            Self::NoRing => {
                "an apostrophe or colon whose ink on the page picture is no full stop's ring is read as the other mark its place offers (\u{3001} or \u{ff1a})"
            }
            Self::StopUnread => {
                "a dot inked on the page picture right after a line's last glyph, clear of its foot, is a \u{3002} the engine did not read"
            }
            Self::DotUnread => {
                "a solid dot inked on the page picture right after a line's last glyph, where a \u{3002} stands, is a \u{3002} the engine did not read (or a \u{3001})"
            }
            Self::CommaUnread => {
                "a small blot inked on the page picture right after a line's last glyph, down at its foot, is a \u{ff0c} the engine did not read"
            }
            Self::EnumerationUnread => {
                "a small solid stroke inked on the page picture at mid-height at a line's end, clear of its last glyph, is a \u{3001} the engine did not read"
            }
            Self::StackedUnread => {
                "a dot over a dot (or over a comma) inked on the page picture at a line's end is a \u{ff1a} (or \u{ff1b}) the engine did not read"
            }
            Self::StackedInked => {
                "a comma whose ink on the page picture is a dot at mid-height over a dot (or over a comma) is read as \u{ff1a} (or \u{ff1b})"
            }
            Self::DotInked => {
                "a comma whose ink on the page picture is a small round dot at mid-height, clear of the line's foot and of the glyphs beside it, is read as \u{b7}"
            }
            Self::EnumerationInked => {
                "a comma whose ink on the page picture is a small solid stroke at mid-height, clear of the line's foot and of the glyphs beside it, is read as \u{3001}"
            }
            Self::QuoteInked => {
                "a mark read after another at a line's end whose ink on the page picture is a quotation mark at the line's top, heavier at the top, is read as \u{201d}"
            }
            Self::QuoteUnread => {
                "a quotation mark inked on the page picture at the top of a line, right after its last glyph or mark and heavier at the top, is a \u{201d} the engine did not read"
            }
            Self::HalfWidthMark => {
                "in an extractor's text a half-width mark next to Chinese text is the full-width mark of its shape (, is \u{ff0c}, : is \u{ff1a})"
            }
            Self::ColonAfterSaying => {
                "an ASCII : after 说, 道 or 问 is read as \u{ff1a}: it opens what is said"
            }
            Self::DigitMark => {
                "an ASCII % . : or / by digits is read as the full-width mark a Chinese page sets there"
            }
            Self::AsciiSemicolon => "an ASCII semicolon next to Chinese text is read as \u{ff1b}",
            Self::AsciiSentenceMark => {
                "an ASCII ! or ? after Chinese text is read as \u{ff01} or \u{ff1f}"
            }
            Self::MisreadBracket => {
                "an ASCII or angle bracket next to Chinese text, or a ) closing an open bracket, is read as \u{ff08} or \u{ff09}"
            }
            Self::BacktickBetweenWords => {
                "a backtick between two Chinese words, or a backslash after one, is read as \u{3001}"
            }
            Self::ApostropheAfterWord => {
                "an apostrophe after a Chinese word is read as \u{3002} (it may be \u{3001})"
            }
            Self::ColonBetweenWords => {
                "a colon between two Chinese words is read as \u{3002} (it may be \u{ff1a})"
            }
            Self::VeryUnsureWord => "the OCR engine was less than 30% sure of this word",
            Self::UnsureWord => "the OCR engine was less than 70% sure of this word",
            Self::ModelSure => {
                "the line model learned from corrected pages changed the rules' choice here, and is sure of it"
            }
            Self::ModelUnsure => {
                "the line model learned from corrected pages changed the rules' choice here, but is not sure of it"
            }
            Self::ModelConfirms => {
                "the rules were unsure here; the line model learned from corrected pages agrees with them and is sure"
            }
            Self::ColonBeforeOther => {
                "a colon after a Chinese word, before a digit, a letter or another mark, is read as \u{ff1a}"
            }
            Self::ColonEndsParagraph => {
                "a paragraph does not end on a colon: it is read as \u{3002}"
            }
        }
    }

    /// How many of this rule's decisions were judged where it was
    /// measured, and how many of them were wrong ([`MEASURED`]).
    #[must_use]
    pub fn measured(self) -> (u32, u32) {
        MEASURED
            .iter()
            .chain(MEASURED_OCR)
            .chain(MEASURED_MODEL)
            .chain(MEASURED_LAYOUT)
            .find(|(e, _, _)| *e == self)
            .map_or((0, 0), |&(_, judged, errors)| (judged, errors))
    }

    /// The confidence of decisions made by this rule, in percent: the share
    /// it got right where it was measured, smoothed (`smoothed_confidence`).
    #[must_use]
    pub fn confidence_percent(self) -> u8 {
        let (judged, errors) = self.measured();
        smoothed_confidence(judged, errors)
    }

    /// The name used in fixtures and reports.
    #[must_use]
    #[expect(clippy::too_many_lines, reason = "one name per rule")]
    pub fn name(self) -> &'static str {
        match self {
            Self::MidSentence => "mid_sentence",
            Self::OpenBracket => "open_bracket",
            Self::PhotoNoteEndsTitle => "photo_note_ends_title",
            Self::DescriptionOverCredit => "description_over_credit",
            Self::CreditRunsOver => "credit_runs_over",
            Self::GapAfterSentence => "gap_after_sentence",
            Self::TitleBlock => "title_block",
            Self::SentenceEndAtFullLine => "sentence_end_at_full_line",
            Self::SentenceEndBeforeOtherSetting => "sentence_end_before_other_setting",
            Self::ShortFirstLine => "short_first_line",
            Self::FullFirstLine => "full_first_line",
            Self::FullFirstLineBeforeIndent => "full_first_line_before_indent",
            Self::TitleWrap => "title_wrap",
            Self::WordReadsOn => "word_reads_on",
            Self::ShortLine => "short_line",
            Self::NearlyFullLine => "nearly_full_line",
            Self::NextIndented => "next_indented",
            Self::NextIndentedEndsSentence => "next_indented_ends_sentence",
            Self::NextIndentedWithFigures => "next_indented_with_figures",
            Self::CreditEndsCaption => "credit_ends_caption",
            Self::DatelineLine => "dateline_line",
            Self::BracketBeforeIndent => "bracket_before_indent",
            Self::KeptIndent => "kept_indent",
            Self::CommaBeforeIndent => "comma_before_indent",
            Self::UnendedBeforeIndent => "unended_before_indent",
            Self::OtherSize => "other_size",
            Self::LowerBand => "lower_band",
            Self::BoxApart => "box_apart",
            Self::BoxWordReadsOn => "box_word_reads_on",
            Self::BoxRunsOn => "box_runs_on",
            Self::NextStandsAlone => "next_stands_alone",
            Self::HeadingNext => "heading_next",
            Self::TitleNext => "title_next",
            Self::ShortMidPhrase => "short_mid_phrase",
            Self::StandsAlone => "stands_alone",
            Self::OpensAfterComma => "opens_after_comma",
            Self::TitleishLines => "titleish_lines",
            Self::TitleStandsApart => "title_stands_apart",
            Self::LetterSpacing => "letter_spacing",
            Self::NextToLatin => "next_to_latin",
            Self::NextToLatinInTitle => "next_to_latin_in_title",
            Self::NextToPunctuation => "next_to_punctuation",
            Self::SpaceInBody => "space_in_body",
            Self::LatinWords => "latin_words",
            Self::Credit => "credit",
            Self::TitlePhrase => "title_phrase",
            Self::AfterDateline => "after_dateline",
            Self::Dateline => "dateline",
            Self::RunningText => "running_text",
            Self::AfterCaption => "after_caption",
            Self::HeadFirstText => "head_first_text",
            Self::DatelineAfterStack => "dateline_after_stack",
            Self::AfterClosedArticle => "after_closed_article",
            Self::AfterHeadlines => "after_headlines",
            Self::BylineOpens => "byline_opens",
            Self::TailOfArticle => "tail_of_article",
            Self::StandsApart => "stands_apart",
            Self::CaptionOverText => "caption_over_text",
            Self::AfterBodyBeforeDateline => "after_body_before_dateline",
            Self::AfterBodyOnly => "after_body_only",
            Self::HeadsNextArticle => "heads_next_article",
            Self::StackInsideSentence => "stack_inside_sentence",
            Self::StackOverUntitledText => "stack_over_untitled_text",
            Self::LoneStack => "lone_stack",
            Self::GluedHeadline => "glued_headline",
            Self::VisualOrder => "visual_order",
            Self::ColumnsSideBySide => "columns_side_by_side",
            Self::BothPageEnds => "both_page_ends",
            Self::OnePageEnd => "one_page_end",
            Self::NoPageEnd => "no_page_end",
            Self::ContinuationSides => "continuation_sides",
            Self::OnlyTitle => "only_title",
            Self::TitleSizes => "title_sizes",
            Self::KickerCue => "kicker_cue",
            Self::LetterSpacedKicker => "letter_spaced_kicker",
            Self::NarrowerFirst => "narrower_first",
            Self::WiderFirst => "wider_first",
            Self::SimilarWidths => "similar_widths",
            Self::DashSubheadline => "dash_subheadline",
            Self::StackPosition => "stack_position",
            Self::HeadingInArticle => "heading_in_article",
            Self::ColonHeading => "colon_heading",
            Self::TitleInBodyColumn => "title_in_body_column",
            Self::Banner => "banner",
            Self::Motto => "motto",
            Self::Paragraph => "paragraph",
            Self::UnendedParagraph => "unended_paragraph",
            Self::TitleishParagraph => "titleish_paragraph",
            Self::HeadlineAfterBody => "headline_after_body",
            Self::FullFirstLineParagraph => "full_first_line_paragraph",
            Self::Pattern => "pattern",
            Self::AsciiComma => "ascii_comma",
            Self::AsciiCommaNoRing => "ascii_comma_no_ring",
            Self::CommaEndsParagraph => "comma_ends_paragraph",
            Self::DigitMark => "digit_mark",
            Self::ColonAfterSaying => "colon_after_saying",
            Self::ApostropheInList => "apostrophe_in_list",
            Self::ColonBeforeSpace => "colon_before_space",
            Self::StraightQuote => "straight_quote",
            Self::AngleForBracket => "angle_for_bracket",
            Self::BarClosesPartner => "bar_closes_partner",
            Self::AsteriskAfterWord => "asterisk_after_word",
            Self::CornerQuoteMisread => "corner_quote_misread",
            Self::DotInName => "dot_in_name",
            Self::ApostropheAfterNumber => "apostrophe_after_number",
            Self::CommaBetweenDigits => "comma_between_digits",
            Self::DashReadAsOne => "dash_read_as_one",
            Self::DashBesideOne => "dash_beside_one",
            Self::ExclamationForMark => "exclamation_for_mark",
            Self::SemicolonBeforeComma => "semicolon_before_comma",
            Self::StopBoxedAsComma => "stop_boxed_as_comma",
            Self::StopInked => "stop_inked",
            Self::NoRing => "no_ring",
            Self::StopUnread => "stop_unread",
            Self::DotUnread => "dot_unread",
            Self::CommaUnread => "comma_unread",
            Self::QuoteUnread => "quote_unread",
            Self::QuoteInked => "quote_inked",
            Self::EnumerationInked => "enumeration_inked",
            Self::DotInked => "dot_inked",
            Self::StackedInked => "stacked_inked",
            Self::EnumerationUnread => "enumeration_unread",
            Self::StackedUnread => "stacked_unread",
            Self::HalfWidthMark => "half_width_mark",
            Self::AsciiSemicolon => "ascii_semicolon",
            Self::AsciiSentenceMark => "ascii_sentence_mark",
            Self::MisreadBracket => "misread_bracket",
            Self::BacktickBetweenWords => "backtick_between_words",
            Self::ApostropheAfterWord => "apostrophe_after_word",
            Self::ColonBetweenWords => "colon_between_words",
            Self::ColonBeforeOther => "colon_before_other",
            Self::ColonEndsParagraph => "colon_ends_paragraph",
            Self::VeryUnsureWord => "very_unsure_word",
            Self::UnsureWord => "unsure_word",
            Self::ModelSure => "model_sure",
            Self::ModelUnsure => "model_unsure",
            Self::ModelConfirms => "model_confirms",
        }
    }
}

/// The percent of `judged` decisions with `errors` among them that were
/// right, rounded down, after 20 decisions of a typical reliable rule (1% wrong)
/// are added to them: a rule seen a few times without error is trusted, one
/// error among a few decisions makes it a doubt, and a rule never judged is
/// as sure as a typical one.
fn smoothed_confidence(judged: u32, errors: u32) -> u8 {
    // In fifths of a decision: 20 decisions and 0.2 errors added.
    let n = 5 * u64::from(judged) + 100;
    let e = 5 * u64::from(errors.min(judged)) + 1;
    u8::try_from(100 * (n - e) / n).unwrap_or(0)
}

/// One decision of the proposal. In fixtures it also carries its
/// confidence and, once the editor settled it, its resolution.
///
/// Positions are raw offsets of glyphs (non-whitespace characters):
/// - line end, space, boundary: `before` is the last glyph before the
///   decision, `at` the first glyph after it;
/// - attachment: `at` is the stack's first glyph, `before` the last glyph of
///   what precedes it, `after` the first glyph of what follows it;
/// - role: `at` is the block's first glyph, `after` its last;
/// - punctuation: `at` is the raw mark;
/// - recognition: `at` is the word's first glyph, `after` its last.
///
/// Its serde form refuses unknown keys, so it cannot be flattened into
/// another record (serde's `flatten` hands it the other record's keys too):
/// fixtures store it through [`crate::fixture::DoubtRecord`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// What the decision is about.
    pub kind: Kind,
    /// The glyph before the decision, where there is one.
    pub before: Option<usize>,
    /// The glyph the decision is at.
    pub at: usize,
    /// The glyph after the decision (attachments).
    pub after: Option<usize>,
    /// What the proposal chose.
    pub chosen: Choice,
    /// The competing choice.
    pub alternative: Choice,
    /// The rule that fired.
    pub evidence: Evidence,
    /// What taking the competing choice does, beyond its plain reading.
    #[serde(default, skip_serializing_if = "Flip::is_plain")]
    pub flip: Flip,
}

impl Decision {
    /// A decision at the gap between glyphs `before` and `at` between the
    /// two `sides`: the first was chosen if `took_first`, else the second.
    #[must_use]
    pub fn between(
        kind: Kind,
        (before, at): (usize, usize),
        sides: (Choice, Choice),
        took_first: bool,
        evidence: Evidence,
    ) -> Self {
        let (chosen, alternative) = if took_first {
            sides
        } else {
            (sides.1, sides.0)
        };
        Self {
            before: Some(before),
            ..Self::at(kind, at, (chosen, alternative), evidence)
        }
    }

    /// A decision at glyph `at` with no glyph before it (a block's role, a
    /// mark, a word, the page's orientation): `chosen` over `alternative`.
    #[must_use]
    pub fn at(
        kind: Kind,
        at: usize,
        (chosen, alternative): (Choice, Choice),
        evidence: Evidence,
    ) -> Self {
        Self {
            kind,
            before: None,
            at,
            after: None,
            chosen,
            alternative,
            evidence,
            flip: Flip::Plain,
        }
    }

    /// The decision with its `after` glyph: a block's or a word's last
    /// glyph, or the first glyph after a headline stack.
    #[must_use]
    pub fn with_after(self, after: Option<usize>) -> Self {
        Self { after, ..self }
    }

    /// The decision with `flip` for what its competing choice does.
    #[must_use]
    pub(crate) fn with_flip(self, flip: Flip) -> Self {
        Self { flip, ..self }
    }

    /// Moves the decision's raw offsets by `by` chars (a chunk of a page to
    /// the page).
    pub fn shift(&mut self, by: usize) {
        self.before = self.before.map(|o| o + by);
        self.at += by;
        self.after = self.after.map(|o| o + by);
    }

    /// How sure the proposal is, in percent.
    #[must_use]
    pub fn confidence_percent(&self) -> u8 {
        self.evidence.confidence_percent()
    }

    /// Whether the proposal doubts this decision.
    #[must_use]
    pub fn is_doubt(&self) -> bool {
        self.confidence_percent() < DOUBT_BELOW
    }

    /// The raw range to highlight: from the glyph before to the glyph after.
    #[must_use]
    pub fn raw_range(&self) -> (usize, usize) {
        let start = self.before.map_or(self.at, |b| b.min(self.at));
        let end = self.after.map_or(self.at, |a| a.max(self.at));
        (start, end + 1)
    }

    /// Where the decision shows in the corrected text: the raw glyphs whose
    /// blocks show it, and whether it concerns those blocks whole (a role,
    /// a stack and the article it heads, the page's orientation) or only
    /// their chars at [`Decision::raw_range`] (a gap, a mark, a word).
    #[must_use]
    pub fn shown_at<R: crate::page::CharSource + ?Sized>(&self, raw: &R) -> (Vec<usize>, bool) {
        match self.kind {
            Kind::Role | Kind::Orientation => (vec![self.at], true),
            Kind::Punctuation | Kind::Recognition => (vec![self.at], false),
            Kind::Attachment => {
                let end = self
                    .after
                    .unwrap_or(self.at + 1)
                    .max(self.at + 1)
                    .min(raw.char_len());
                let glyphs = (self.at..).zip(raw.span_chars(self.at, end).into_iter().flatten());
                let offsets = glyphs
                    .filter(|(_, c)| !c.is_whitespace())
                    .map(|(o, _)| o)
                    .collect();
                (offsets, true)
            }
            Kind::LineEnd | Kind::Space | Kind::Boundary => (
                [self.before, Some(self.at)].into_iter().flatten().collect(),
                false,
            ),
        }
    }
}

/// Which decisions a proposal keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Record {
    /// Only the doubts, and how many decisions of each kind were made (the
    /// desk and fixtures: a page has a decision for every line end and
    /// every run of whitespace).
    #[default]
    Doubts,
    /// Every decision (evaluation).
    All,
    /// Every line-level decision ([`Kind::is_line_level`]) and the doubts
    /// of the others: what refining a proposal with a line model needs
    /// (`judge::propose`), without the hundreds of thousands of space and
    /// mark decisions of a long page.
    Structure,
}

/// The decisions of one proposal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decisions {
    /// The decisions kept, in raw order of `at`.
    pub list: Vec<Decision>,
    /// How many decisions of each kind were made ([`Kind::ALL`] order),
    /// kept or not.
    pub made: [usize; Kind::ALL.len()],
    /// Which decisions are kept.
    pub record: Record,
}

impl Decisions {
    /// No decisions yet; `record` says which will be kept.
    #[must_use]
    pub fn new(record: Record) -> Self {
        Self {
            record,
            ..Self::default()
        }
    }

    /// Whether every decision is kept, or only the doubts.
    #[must_use]
    pub(crate) fn keep_all(&self) -> bool {
        self.record == Record::All
    }

    /// Makes room for `n` more decisions at once when every decision is
    /// kept (one a line end: on a long page, millions).
    pub fn reserve(&mut self, n: usize) {
        if self.record != Record::Doubts {
            self.list.reserve(n);
        }
    }

    /// Records a decision; keeps it if every decision is kept or it is a
    /// doubt.
    pub fn push(&mut self, d: Decision) {
        self.made[d.kind.index()] += 1;
        if self.keeps(&d) {
            self.list.push(d);
        }
    }

    /// Whether `d` is kept.
    fn keeps(&self, d: &Decision) -> bool {
        match self.record {
            Record::All => true,
            Record::Structure => d.kind.is_line_level() || d.is_doubt(),
            Record::Doubts => d.is_doubt(),
        }
    }

    /// The evidence of each kept decision of `kind`, in list order (the
    /// page's orientation: one, on what it was read from).
    #[must_use]
    pub fn evidences(&self, kind: Kind) -> Vec<Evidence> {
        self.list
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| d.evidence)
            .collect()
    }

    /// Drops what is not wanted and sorts the list.
    pub fn finish(&mut self) {
        if !self.keep_all() {
            let list = std::mem::take(&mut self.list);
            self.list = list.into_iter().filter(|d| self.keeps(d)).collect();
        }
        self.sort();
    }

    /// Sorts the list in reading order: by position, and a block's role
    /// after the decisions inside it (so its lines are settled first).
    pub fn sort(&mut self) {
        self.list.sort_unstable_by_key(|d| {
            let key = if d.kind == Kind::Role {
                d.after.unwrap_or(d.at)
            } else {
                d.before.unwrap_or(d.at)
            };
            (key, d.kind == Kind::Role, d.at, d.kind)
        });
    }

    /// Decisions made, all kinds.
    #[must_use]
    pub fn total(&self) -> usize {
        self.made.iter().sum()
    }
}

/// How the editor settled a doubt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The proposal's choice was confirmed.
    Accepted,
    /// The competing choice was taken.
    Flipped,
    /// Another edit changed the text around it.
    Edited,
}

impl Resolution {
    /// The name used in fixtures and the status bar.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Flipped => "flipped",
            Self::Edited => "edited",
        }
    }
}

/// The doubts of a page and how far the editor has settled them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    /// The proposal's doubts, in raw order; shared, never changed.
    pub doubts: Arc<Vec<Decision>>,
    /// How each doubt was settled (`None`: still open), same order.
    pub resolved: Vec<Option<Resolution>>,
    /// Decisions the proposal made, of every kind.
    pub decisions_made: usize,
    /// Whether the page's lines read on from one to the next, as the
    /// proposal read them: where they do not, no rule's choice can be
    /// trusted, and the editor is told so ([`crate::reading`]).
    pub reading: crate::reading::ReadingOrder,
    /// Which doubts start a spot ([`spots`]), a bit per doubt in raw
    /// order (a page can have hundreds of thousands of doubts); empty: each
    /// doubt is a spot of its own.
    pub(crate) spot_starts: Arc<Vec<u64>>,
}

/// A spot never spans more raw lines than this: doubts further apart are
/// two spots even where doubts run on between them.
pub const SPOT_LINES: usize = 12;
/// Nor more raw chars than this (a page of a few very long lines: OCR
/// text without line breaks, a paragraph per line).
pub const SPOT_CHARS: usize = 480;

/// Gathers doubts (in raw order) into spots: doubts on the same or
/// neighbouring raw lines, chained, are one spot, of [`SPOT_LINES`] lines
/// and [`SPOT_CHARS`] chars at most.
///
/// Lines on either side of one line that `blank` tells (a blank line that
/// only spaces the page's lines, [`crate::page::RawText::spacing_lines`])
/// are neighbours too.
///
/// A headline stack is the common spot: its lines' breaks, their roles and
/// the article the stack heads are several decisions, each a doubt, that
/// the editor judges at one look. The desk walks spots, not doubts (N goes
/// to the next spot; A accepts every open doubt there). `line_of` gives
/// the raw line of a raw offset. Returns each doubt's spot, counted from
/// 0 in raw order.
#[must_use]
pub fn spots(
    doubts: &[Decision],
    line_of: impl Fn(usize) -> usize,
    blank: impl Fn(usize) -> bool,
) -> Vec<u32> {
    let mut number = 0;
    spot_starts(doubts, line_of, blank)
        .enumerate()
        .map(|(i, starts)| {
            if starts && i > 0 {
                number += 1;
            }
            number
        })
        .collect()
}

/// Whether each doubt (in raw order) starts a spot ([`spots`]).
fn spot_starts<'a>(
    doubts: &'a [Decision],
    line_of: impl Fn(usize) -> usize + 'a,
    blank: impl Fn(usize) -> bool + 'a,
) -> impl Iterator<Item = bool> + 'a {
    /// The spot being gathered: its first and last raw line, first char.
    struct Spot {
        first_line: usize,
        last_line: usize,
        first_char: usize,
    }
    let mut spot: Option<Spot> = None;
    doubts.iter().map(move |d| {
        let (start, end) = d.raw_range();
        let (lo, hi) = (line_of(start), line_of(end.saturating_sub(1)));
        let joins = spot.as_ref().is_some_and(|s| {
            (lo <= s.last_line + 1 || lo == s.last_line + 2 && blank(s.last_line + 1))
                && hi < s.first_line + SPOT_LINES
                && end <= s.first_char + SPOT_CHARS
        });
        spot = Some(match spot.take() {
            Some(s) if joins => Spot {
                first_line: s.first_line.min(lo),
                last_line: s.last_line.max(hi),
                first_char: s.first_char.min(start),
            },
            _ => Spot {
                first_line: lo,
                last_line: hi,
                first_char: start,
            },
        });
        !joins
    })
}

impl Review {
    /// The review of a fresh proposal, taking its decisions over (no copy
    /// of the list: a long page has hundreds of thousands of doubts).
    #[must_use]
    pub fn of(decisions: Decisions) -> Self {
        let made = decisions.total();
        let mut list = decisions.list;
        list.retain(Decision::is_doubt);
        list.shrink_to_fit();
        Self::from_doubts(list, made)
    }

    /// A review of `doubts`, every one open.
    #[must_use]
    pub(crate) fn from_doubts(doubts: Vec<Decision>, decisions_made: usize) -> Self {
        Self {
            resolved: vec![None; doubts.len()],
            doubts: Arc::new(doubts),
            decisions_made,
            reading: crate::reading::ReadingOrder::InOrder,
            spot_starts: Arc::default(),
        }
    }

    /// This review with its doubts gathered into spots on the raw text
    /// `raw` ([`spots`]).
    #[must_use]
    pub fn with_spots(self, raw: &crate::page::RawText) -> Self {
        self.with_spots_by(|o| raw.line_of(o), raw.spacing_lines())
    }

    /// This review with its doubts gathered into spots, `line_of` giving
    /// the raw line of a raw offset and `blank` the lines that only space
    /// the page's lines ([`spots`]).
    #[must_use]
    pub fn with_spots_by(
        mut self,
        line_of: impl Fn(usize) -> usize,
        blank: impl Fn(usize) -> bool,
    ) -> Self {
        let mut bits = vec![0u64; self.doubts.len().div_ceil(64)];
        for (i, starts) in spot_starts(&self.doubts, line_of, blank).enumerate() {
            if starts && let Some(word) = bits.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
        }
        self.spot_starts = Arc::new(bits);
        self
    }

    /// Whether doubt `i` starts a spot.
    fn starts_spot(&self, i: usize) -> bool {
        if self.spot_starts.len() != self.doubts.len().div_ceil(64) || self.doubts.is_empty() {
            return true;
        }
        self.spot_starts
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// The spot doubt `i` is in, named by its first doubt.
    #[must_use]
    pub fn spot_of(&self, i: usize) -> usize {
        (0..=i.min(self.doubts.len()))
            .rev()
            .find(|&j| self.starts_spot(j))
            .unwrap_or(0)
    }

    /// The doubts in doubt `i`'s spot, in raw order.
    #[must_use]
    pub fn spot(&self, i: usize) -> std::ops::Range<usize> {
        if i >= self.doubts.len() {
            return i..i;
        }
        let end = (i + 1..self.doubts.len()).find(|&j| self.starts_spot(j));
        self.spot_of(i)..end.unwrap_or(self.doubts.len())
    }

    /// The open doubts `walk` goes through in doubt `i`'s spot, in the
    /// walk's order.
    #[must_use]
    pub fn open_in_spot(&self, i: usize, walk: DoubtWalk) -> Vec<usize> {
        let mut open: Vec<usize> = self
            .spot(i)
            .filter(|&j| self.is_open(j) && self.doubts.get(j).is_some_and(|d| walk.admits(d)))
            .collect();
        open.sort_by_key(|&j| self.doubts.get(j).map(|d| walk.key(j, d)));
        open
    }

    /// The open doubt after doubt `i` in its spot, in `walk`'s order,
    /// wrapping inside the spot; `None` when no other is open there.
    #[must_use]
    pub fn next_in_spot(&self, i: usize, walk: DoubtWalk) -> Option<usize> {
        let open = self.open_in_spot(i, walk);
        let next = match open.iter().position(|&j| j == i) {
            Some(k) => open.get(k + 1).or(open.first()),
            None => open.first(),
        };
        next.copied().filter(|&j| j != i)
    }

    /// Where the walk goes once doubt `i` is settled: the first open doubt
    /// of its spot (an accepted spot has none left), else the next spot.
    #[must_use]
    pub fn after_settling(&self, i: usize, walk: DoubtWalk) -> Option<usize> {
        self.open_in_spot(i, walk)
            .first()
            .copied()
            .or_else(|| self.step_open(Some(i), walk, true))
    }

    /// Number of spots.
    #[must_use]
    pub fn spot_count(&self) -> usize {
        (0..self.doubts.len())
            .filter(|&i| self.starts_spot(i))
            .count()
    }

    fn is_open(&self, i: usize) -> bool {
        self.resolved.get(i).is_some_and(Option::is_none)
    }

    /// This review, of a page whose lines read as `reading` says.
    #[must_use]
    pub fn reading(mut self, reading: crate::reading::ReadingOrder) -> Self {
        self.reading = reading;
        self
    }

    /// The open doubts of `kind`, in page order.
    pub fn open_of_kind(&self, kind: Kind) -> impl Iterator<Item = &Decision> {
        self.doubts
            .iter()
            .enumerate()
            .filter(move |&(i, d)| d.kind == kind && self.is_open(i))
            .map(|(_, d)| d)
    }

    /// Number of doubts still open.
    #[must_use]
    pub fn open_count(&self) -> usize {
        self.resolved.iter().filter(|r| r.is_none()).count()
    }

    /// Whether every doubt is settled (a page without doubts is too).
    #[must_use]
    pub fn is_reviewed(&self) -> bool {
        self.resolved.iter().all(Option::is_some)
    }

    /// The first open doubt after doubt `from` (or from the start), in page
    /// order, wrapping.
    #[must_use]
    pub fn next_open(&self, from: Option<usize>) -> Option<usize> {
        self.step_open(from, DoubtWalk::default(), true)
    }

    /// The last open doubt before doubt `from` (or from the end), in page
    /// order, wrapping.
    #[cfg(test)]
    #[must_use]
    pub(crate) fn prev_open(&self, from: Option<usize>) -> Option<usize> {
        self.step_open(from, DoubtWalk::default(), false)
    }

    /// The first open doubt of the spot after (`forward`) or before doubt
    /// `from`'s spot, in the order and among the doubts `walk` chooses,
    /// wrapping; from the first (or last) spot without `from`. `from`
    /// itself need not be one of them. One pass over the doubts, no
    /// sorting.
    #[must_use]
    pub fn step_open(&self, from: Option<usize>, walk: DoubtWalk, forward: bool) -> Option<usize> {
        let here = from.and_then(|f| self.spot_key(f, walk));
        // The nearest spot past `here`, and the first round the wrap.
        let mut beyond: Option<((u8, usize), usize)> = None;
        let mut wrapped: Option<((u8, usize), usize)> = None;
        self.each_open_spot(walk, |k, land| {
            let ahead = here.is_none_or(|h| if forward { k > h } else { k < h });
            let slot = if ahead { &mut beyond } else { &mut wrapped };
            let better = slot.is_none_or(|(s, _)| if forward { k < s } else { k > s });
            if better {
                *slot = Some((k, land));
            }
        });
        beyond.or(wrapped).map(|(_, i)| i)
    }

    /// Where doubt `i`'s spot comes among the spots with open doubts
    /// `walk` goes through, counted from 1.
    #[must_use]
    pub fn rank_in(&self, i: usize, walk: DoubtWalk) -> usize {
        let Some(here) = self.spot_key(i, walk) else {
            return 0;
        };
        let mut before = 0;
        self.each_open_spot(walk, |k, _| before += usize::from(k < here));
        1 + before
    }

    /// Number of spots still to check: those with an open doubt, every
    /// doubt counted (the walk the desk's N takes by default). What the
    /// queue and the "mark done" question both count.
    #[must_use]
    pub fn open_spots(&self) -> usize {
        self.open_in(DoubtWalk::default())
    }

    /// Number of spots with open doubts `walk` goes through.
    #[must_use]
    pub fn open_in(&self, walk: DoubtWalk) -> usize {
        let mut n = 0;
        self.each_open_spot(walk, |_, _| n += 1);
        n
    }

    /// Where doubt `i`'s spot comes in `walk`: the least confidence among
    /// the spot's doubts the walk takes (when least sure first), then the
    /// spot. The same whether its doubts are open or settled.
    fn spot_key(&self, i: usize, walk: DoubtWalk) -> Option<(u8, usize)> {
        let own = self.doubts.get(i)?.confidence_percent();
        let rank = if walk.least_sure_first {
            self.spot(i)
                .filter_map(|j| self.doubts.get(j))
                .filter(|d| walk.admits(d))
                .map(Decision::confidence_percent)
                .min()
                .unwrap_or(own)
        } else {
            0
        };
        Some((rank, self.spot_of(i)))
    }

    /// Calls `f` with every spot with an open doubt `walk` takes: its key
    /// ([`Self::spot_key`]) and the open doubt the walk lands on there
    /// (the first in the walk's order). Nothing is collected: a long page
    /// has hundreds of thousands of spots, counted on every change.
    fn each_open_spot(&self, walk: DoubtWalk, mut f: impl FnMut((u8, usize), usize)) {
        let mut start = 0;
        while start < self.doubts.len() {
            let spot = self.spot(start);
            let end = spot.end.max(start + 1);
            let admitted = || {
                spot.clone()
                    .filter_map(|j| self.doubts.get(j).map(|d| (j, d)))
                    .filter(|(_, d)| walk.admits(d))
            };
            let land = admitted()
                .filter(|&(j, _)| self.is_open(j))
                .map(|(j, d)| walk.key(j, d))
                .min();
            if let Some((_, land)) = land {
                let least = admitted().map(|(_, d)| d.confidence_percent()).min();
                let rank = match least {
                    Some(least) if walk.least_sure_first => least,
                    _ => 0,
                };
                f((rank, self.spot_of(start)), land);
            }
            start = end;
        }
    }
}

/// Which open doubts the editor walks through, and in what order: the
/// page's order, or the least sure first; all of them, or only those below
/// a confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DoubtWalk {
    /// The least confident doubts first (ties in page order), instead of
    /// page order.
    pub least_sure_first: bool,
    /// Only doubts less confident than this (percent); [`DOUBT_BELOW`]
    /// takes every doubt.
    pub below_percent: u8,
}

impl Default for DoubtWalk {
    fn default() -> Self {
        Self {
            least_sure_first: false,
            below_percent: DOUBT_BELOW,
        }
    }
}

impl DoubtWalk {
    /// The confidence cuts an editor can choose from (percent), widest
    /// first.
    pub const CUTS: [u8; 4] = [DOUBT_BELOW, 90, 80, 60];

    /// Whether this walk goes through doubt `d`.
    #[must_use]
    pub(crate) fn admits(self, d: &Decision) -> bool {
        d.confidence_percent() < self.below_percent
    }

    /// Whether this walk leaves doubts out.
    #[must_use]
    pub fn filters(self) -> bool {
        self.below_percent < DOUBT_BELOW
    }

    /// Where doubt `i` comes in this walk.
    fn key(self, i: usize, d: &Decision) -> (u8, usize) {
        let rank = if self.least_sure_first {
            d.confidence_percent()
        } else {
            0
        };
        (rank, i)
    }
}

#[cfg(test)]
mod tests {
    use super::{
        Choice, Decision, Decisions, DoubtWalk, Evidence, Flip, Kind, MEASURED, Resolution, Review,
        smoothed_confidence,
    };
    use crate::role::Role;

    /// A line end shows at the chars around its gap; a role at its block
    /// whole; an attachment at every block its stack's glyphs are in.
    #[test]
    fn a_decision_shows_where_its_kind_says() {
        let raw: Vec<char> = "标题\n\n正 文。".chars().collect();
        let raw = raw.as_slice();
        let line_end = d(4, Evidence::NextToPunctuation);
        assert_eq!(line_end.shown_at(raw), (vec![3, 4], false));
        let role = Decision {
            kind: Kind::Role,
            before: None,
            ..line_end
        };
        assert_eq!(role.shown_at(raw), (vec![4], true));
        let attach = Decision {
            kind: Kind::Attachment,
            before: None,
            at: 0,
            after: Some(7),
            ..line_end
        };
        // The stack's glyphs up to the one after it, whitespace left out.
        assert_eq!(attach.shown_at(raw), (vec![0, 1, 4, 6], true));
    }

    fn d(at: usize, evidence: Evidence) -> Decision {
        Decision {
            kind: Kind::LineEnd,
            before: Some(at - 1),
            at,
            after: None,
            chosen: Choice::Join,
            alternative: Choice::Break,
            evidence,
            flip: Flip::Plain,
        }
    }

    #[test]
    fn confidence_is_the_smoothed_measured_share_right() {
        assert!(
            d(5, Evidence::TitleishLines).is_doubt(),
            "a line end near a possible title errs often"
        );
        assert!(
            !d(5, Evidence::MidSentence).is_doubt(),
            "a line stopping mid-sentence runs on"
        );
        for &(e, judged, errors) in MEASURED {
            let c = f64::from(e.confidence_percent());
            let smoothed = 100.0 * (1.0 - (f64::from(errors) + 0.2) / (f64::from(judged) + 20.0));
            assert!(
                c <= smoothed + 1e-9 && smoothed < c + 1.0,
                "{e:?}: {c} for {smoothed:.2}"
            );
            assert_eq!(
                MEASURED.iter().filter(|m| m.0 == e).count(),
                1,
                "{e:?} is measured once"
            );
        }
        assert_eq!(
            smoothed_confidence(0, 0),
            99,
            "never judged: a typical rule"
        );
        assert_eq!(smoothed_confidence(10, 0), 99, "a few decisions, all right");
        assert_eq!(
            smoothed_confidence(10, 1),
            96,
            "one error in a few is a doubt"
        );
        assert_eq!(smoothed_confidence(980, 15), 98, "1.5% wrong is no doubt");
        assert_eq!(smoothed_confidence(980, 25), 97, "2.5% wrong is one");
        assert_eq!(
            smoothed_confidence(3, 9),
            86,
            "more errors than decisions is capped"
        );
    }

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_name(k.name()), Some(k));
        }
        for c in [
            Choice::Join,
            Choice::AttachAfter,
            Choice::Role(Role::Kicker),
        ] {
            assert_eq!(Choice::from_name(c.name()), Some(c));
        }
        assert_eq!(Choice::from_name("sideways"), None);
    }

    #[test]
    fn review_walks_open_doubts_both_ways_and_wraps() {
        let mut ds = Decisions::default();
        for at in [10, 20, 30] {
            ds.push(d(at, Evidence::TitleishLines));
        }
        ds.push(d(40, Evidence::MidSentence));
        let mut r = Review::of(ds);
        assert_eq!(r.doubts.len(), 3);
        assert_eq!(r.decisions_made, 4);
        assert_eq!(r.next_open(None), Some(0));
        assert_eq!(r.next_open(Some(2)), Some(0), "wraps");
        assert_eq!(r.prev_open(None), Some(2));
        r.resolved[1] = Some(Resolution::Accepted);
        assert_eq!(r.next_open(Some(0)), Some(2), "skips the settled one");
        assert_eq!(r.prev_open(Some(2)), Some(0));
        assert_eq!(r.open_count(), 2);
        assert!(!r.is_reviewed());
        r.resolved[0] = Some(Resolution::Flipped);
        r.resolved[2] = Some(Resolution::Edited);
        assert!(r.is_reviewed());
        assert_eq!(r.next_open(None), None);
    }

    /// A review of doubts at these raw offsets (a doubt's glyph before is
    /// one offset back), with ten offsets to a raw line, gathered into
    /// spots.
    fn spotted(ats: &[(usize, Evidence)]) -> Review {
        let mut ds = Decisions::default();
        for &(at, e) in ats {
            ds.push(d(at, e));
        }
        Review::of(ds).with_spots_by(|o| o / 10, |_| false)
    }

    #[test]
    fn doubts_on_neighbouring_lines_are_one_spot_of_at_most_twelve_lines_and_480_chars() {
        let t = Evidence::TitleishLines;
        // Lines 0-1, 1-2 and 2-3 chain; 5-6 is apart; then a run of doubts
        // on every line from 20 on, cut after twelve lines.
        let mut ats = vec![(10, t), (20, t), (30, t), (60, t)];
        ats.extend((21..40).map(|line| (10 * line, t)));
        let numbers = super::spots(&spotted(&ats).doubts, |o| o / 10, |_| false);
        assert_eq!(&numbers[..4], [0, 0, 0, 1]);
        // The run: lines 20-21 ... 30-31 in one spot (up to line 31, twelve
        // lines from line 20), then a new spot.
        let run = &numbers[4..];
        assert_eq!(run.iter().filter(|&&p| p == 2).count(), 11, "{run:?}");
        assert_eq!(run.iter().filter(|&&p| p == 3).count(), 8, "{run:?}");
        // The review keeps the same spots, each named by its first doubt.
        let r = spotted(&ats);
        assert_eq!(r.spot_count(), 4);
        assert_eq!((r.spot(1), r.spot_of(2)), (0..3, 0));
        assert_eq!((r.spot(3), r.spot_of(3)), (3..4, 3));
        assert_eq!((r.spot(10), r.spot_of(14)), (4..15, 4));
        assert_eq!(r.spot(20), 15..23);
        // On one long line, a spot ends within SPOT_CHARS chars.
        let mut ds = Decisions::default();
        for at in [10, 200, 400, 600, 900] {
            ds.push(d(at, t));
        }
        let r = Review::of(ds);
        assert_eq!(super::spots(&r.doubts, |_| 0, |_| false), [0, 0, 0, 1, 1]);
        // Without spots, each doubt is one.
        let mut ds = Decisions::default();
        ds.push(d(10, t));
        ds.push(d(20, t));
        let plain = Review::of(ds);
        assert_eq!((plain.spot_of(1), plain.spot_count()), (1, 2));
    }

    #[test]
    fn doubts_a_spacing_blank_line_parts_are_one_spot_and_two_blank_lines_part_spots() {
        let t = Evidence::TitleishLines;
        // Doubts on lines 0, 2, 4, 7 and 9 (ten offsets to a line): one
        // blank line between 0, 2 and 4, and between 7 and 9; two between
        // 4 and 7.
        let ds: Vec<Decision> = [5, 25, 45, 75, 95].into_iter().map(|at| d(at, t)).collect();
        let blank = |line: usize| [1, 3, 5, 6, 8].contains(&line);
        assert_eq!(super::spots(&ds, |o| o / 10, blank), [0, 0, 0, 1, 1]);
        // A text line between two doubts parts them.
        let blank_but_8 = |line: usize| [1, 3, 5, 6].contains(&line);
        assert_eq!(super::spots(&ds, |o| o / 10, blank_but_8), [0, 0, 0, 1, 2]);
        // Where blank lines do not only space the lines, each is a spot.
        assert_eq!(super::spots(&ds, |o| o / 10, |_| false), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn the_walk_stops_once_at_each_spot_on_its_first_open_doubt() {
        let t = Evidence::TitleishLines;
        let mut rules = doubting_rules();
        rules.sort_by_key(|e| e.confidence_percent());
        let least = rules[0];
        assert!(least.confidence_percent() < t.confidence_percent());
        // Spots: {0, 1, 2} on lines 0-3, {3} on line 5-6, {4, 5} on 9-11,
        // the least sure doubt in the last spot's second place.
        let mut r = spotted(&[(10, t), (20, t), (30, t), (60, t), (100, t), (110, least)]);
        let page = DoubtWalk::default();
        assert_eq!(walk_from_start(&r, page, true), [0, 3, 4]);
        assert_eq!(walk_from_start(&r, page, false), [4, 3, 0]);
        assert_eq!(
            r.step_open(Some(1), page, true),
            Some(3),
            "from inside a spot"
        );
        assert_eq!(
            (r.open_in(page), r.rank_in(2, page), r.rank_in(5, page)),
            (3, 1, 3)
        );
        assert_eq!(r.open_in_spot(1, page), [0, 1, 2]);
        // Least sure first: the last spot first, landing on its least sure
        // doubt.
        let unsure = DoubtWalk {
            least_sure_first: true,
            ..page
        };
        assert_eq!(walk_from_start(&r, unsure, true), [5, 0, 3]);
        assert_eq!(r.open_in_spot(4, unsure), [5, 4]);
        // Inside a spot, wrapping; a spot of one has no next.
        assert_eq!(r.next_in_spot(0, page), Some(1));
        assert_eq!(r.next_in_spot(2, page), Some(0));
        assert_eq!(r.next_in_spot(4, unsure), Some(5), "in the walk's order");
        assert_eq!(r.next_in_spot(3, page), None);
        // Settled: on to the spot's first open doubt, else the next spot.
        r.resolved[1] = Some(Resolution::Flipped);
        assert_eq!(r.after_settling(1, page), Some(0));
        r.resolved[1] = None;
        // A settled doubt is passed over; a spot all settled is too.
        r.resolved[0] = Some(Resolution::Flipped);
        assert_eq!(walk_from_start(&r, page, true), [1, 3, 4]);
        r.resolved[3] = Some(Resolution::Accepted);
        assert_eq!(walk_from_start(&r, page, true), [1, 4]);
        assert_eq!(r.open_in(page), 2);
        assert_eq!(r.open_in_spot(2, page), [1, 2]);
    }

    /// The rules that make doubts, with their confidences.
    fn doubting_rules() -> Vec<Evidence> {
        MEASURED
            .iter()
            .map(|&(e, _, _)| e)
            .filter(|e| e.confidence_percent() < super::DOUBT_BELOW)
            .collect()
    }

    /// Every doubt `walk` visits from the start, forward, until it comes
    /// back round.
    fn walk_from_start(r: &Review, walk: DoubtWalk, forward: bool) -> Vec<usize> {
        let mut seen = Vec::new();
        let mut at = r.step_open(None, walk, forward);
        while let Some(i) = at {
            if seen.contains(&i) {
                break;
            }
            seen.push(i);
            at = r.step_open(Some(i), walk, forward);
        }
        seen
    }

    #[test]
    fn doubts_are_walked_least_sure_first_and_filtered_by_confidence() {
        let mut rules = doubting_rules();
        rules.sort_by_key(|e| std::cmp::Reverse(e.confidence_percent()));
        rules.dedup_by_key(|e| e.confidence_percent());
        assert!(rules.len() >= 3, "three confidences to sort: {rules:?}");
        // Page order: most confident first, so least-sure-first reverses it.
        let mut ds = Decisions::default();
        for (k, &e) in rules.iter().take(3).enumerate() {
            ds.push(d(10 * (k + 1), e));
        }
        let r = Review::of(ds);
        let page = DoubtWalk::default();
        let least = DoubtWalk {
            least_sure_first: true,
            ..page
        };
        assert_eq!(walk_from_start(&r, page, true), [0, 1, 2]);
        assert_eq!(walk_from_start(&r, least, true), [2, 1, 0]);
        assert_eq!(walk_from_start(&r, least, false), [0, 1, 2], "backwards");
        // Only the two least sure.
        let cut = r.doubts[1].confidence_percent() + 1;
        let below = DoubtWalk {
            below_percent: cut,
            ..page
        };
        assert!(below.filters() && !page.filters());
        assert_eq!(walk_from_start(&r, below, true), [1, 2]);
        assert_eq!(r.open_in(below), 2);
        assert_eq!(r.open_in(page), 3);
        assert_eq!(
            r.step_open(Some(0), below, true),
            Some(1),
            "from a doubt the walk leaves out"
        );
    }

    proptest::proptest! {
        #[test]
        fn a_walk_visits_each_chosen_open_doubt_once_in_its_order(
            picks in proptest::collection::vec((0usize..64, proptest::bool::ANY), 0..40),
            least_sure_first in proptest::bool::ANY,
            cut in 0usize..DoubtWalk::CUTS.len(),
        ) {
            let rules = doubting_rules();
            let mut ds = Decisions::default();
            for (k, (rule, _)) in picks.iter().enumerate() {
                ds.push(d(10 * (k + 1), rules[rule % rules.len()]));
            }
            let mut r = Review::of(ds);
            for (k, (_, settled)) in picks.iter().enumerate() {
                if *settled {
                    r.resolved[k] = Some(Resolution::Accepted);
                }
            }
            let walk = DoubtWalk { least_sure_first, below_percent: DoubtWalk::CUTS[cut] };
            let forward = walk_from_start(&r, walk, true);
            let mut expected: Vec<usize> = (0..r.doubts.len())
                .filter(|&i| r.resolved[i].is_none() && walk.admits(&r.doubts[i]))
                .collect();
            if least_sure_first {
                expected.sort_by_key(|&i| (r.doubts[i].confidence_percent(), i));
            }
            proptest::prop_assert_eq!(&forward, &expected);
            proptest::prop_assert_eq!(r.open_in(walk), expected.len());
            let mut backward = walk_from_start(&r, walk, false);
            backward.reverse();
            proptest::prop_assert_eq!(backward, expected, "backwards is the same cycle reversed");
        }

        #[test]
        fn a_walk_stops_once_at_each_spot_with_a_chosen_open_doubt(
            picks in proptest::collection::vec((0usize..64, 0usize..3, proptest::bool::ANY), 0..40),
            least_sure_first in proptest::bool::ANY,
            cut in 0usize..DoubtWalk::CUTS.len(),
        ) {
            // Doubts on lines 0, 1, 2 or 3 lines after the one before: the
            // ones a line apart chain into spots.
            let rules = doubting_rules();
            let mut ds = Decisions::default();
            let mut at = 0;
            for (rule, gap, _) in &picks {
                at += 10 * gap + 10;
                ds.push(d(at, rules[rule % rules.len()]));
            }
            let mut r = Review::of(ds).with_spots_by(|o| o / 10, |_| false);
            for (k, (_, _, settled)) in picks.iter().enumerate() {
                if *settled {
                    r.resolved[k] = Some(Resolution::Accepted);
                }
            }
            let walk = DoubtWalk { least_sure_first, below_percent: DoubtWalk::CUTS[cut] };
            let stops = walk_from_start(&r, walk, true);
            // Each spot with a chosen open doubt, once, at the first of
            // them in the walk's order; the spots in the walk's order.
            let chosen = |i: usize| r.resolved[i].is_none() && walk.admits(&r.doubts[i]);
            let mut expected: Vec<(u8, usize, usize)> = Vec::new();
            for start in (0..r.doubts.len()).filter(|&i| r.spot_of(i) == i) {
                let spot = r.spot(start);
                let land = spot.clone().filter(|&i| chosen(i)).min_by_key(|&i| walk.key(i, &r.doubts[i]));
                if let Some(land) = land {
                    let least = spot
                        .filter(|&i| walk.admits(&r.doubts[i]))
                        .map(|i| r.doubts[i].confidence_percent())
                        .min()
                        .unwrap_or(0);
                    expected.push((if least_sure_first { least } else { 0 }, start, land));
                }
            }
            expected.sort_unstable();
            let expected: Vec<usize> = expected.into_iter().map(|(_, _, land)| land).collect();
            proptest::prop_assert_eq!(&stops, &expected);
            proptest::prop_assert_eq!(r.open_in(walk), expected.len());
            for (k, &i) in stops.iter().enumerate() {
                proptest::prop_assert_eq!(r.rank_in(i, walk), k + 1);
            }
            // Accepting a spot's chosen doubts leaves the walk one stop
            // shorter.
            if let Some(&first) = stops.first() {
                for i in r.open_in_spot(first, walk) {
                    r.resolved[i] = Some(Resolution::Accepted);
                }
                proptest::prop_assert_eq!(r.open_in(walk), expected.len() - 1);
            }
        }
    }

    #[test]
    fn each_choice_is_a_side_of_one_kind() {
        let names = [
            "join",
            "break",
            "remove",
            "keep",
            "same_article",
            "new_article",
            "attach_before",
            "attach_after",
            "headlines_after",
            "headlines_before",
            "read_right",
            "misread",
        ];
        for kind in Kind::ALL {
            let sides: Vec<&str> = names
                .into_iter()
                .filter(|n| Choice::from_name(n).is_some_and(|c| c.kind() == kind))
                .collect();
            // Roles and marks are choices by their own names.
            let expected = if matches!(kind, Kind::Role | Kind::Punctuation) {
                0
            } else {
                2
            };
            assert_eq!(sides.len(), expected, "{kind:?}: {sides:?}");
        }
        assert_eq!(Choice::Join.kind(), Kind::LineEnd);
        assert_eq!(Choice::Keep.kind(), Kind::Space);
        assert_eq!(Choice::NewArticle.kind(), Kind::Boundary);
        assert_eq!(Choice::AttachAfter.kind(), Kind::Attachment);
        assert_eq!(Choice::HeadlinesBefore.kind(), Kind::Orientation);
        for mark in crate::punct::Mark::ALL {
            assert_eq!(Choice::Mark(mark).kind(), Kind::Punctuation);
            assert_eq!(Choice::from_name(mark.name()), Some(Choice::Mark(mark)));
        }
        for role in Role::ALL {
            assert_eq!(Choice::Role(role).kind(), Kind::Role, "{role:?}");
        }
    }
}
