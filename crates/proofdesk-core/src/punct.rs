//! Punctuation an OCR engine misread, repaired.
//!
//! Engines read the full-width marks of Chinese text as ASCII or as another
//! mark: `，` as `,`, `、` as `` ` ``, `。` as `'` or `:`, `（` as `〈` or `【`. Next
//! to CJK text such a mark is repaired to the full-width one (by [`crate::normalize::repair`]), as a decision
//! of kind [`Kind::Punctuation`](crate::decision::Kind) with its rule and
//! its measured confidence; where the mark may be either of two
//! (`:` is `。` or `：`), the other is the decision's alternative, and the
//! flip takes it.
//!
//! The rules that choose a repair are the normalizer's
//! ([`crate::normalize::repair`]). A repaired mark still traces to the raw mark it replaces: [`matches()`]
//! says which text char may stand for which raw char, and every trace and
//! every check of a block's text against its spans uses it.

/// A mark a repair can write, or the raw mark as the engine read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// The raw mark, as read.
    AsRead,
    /// `，`
    Comma,
    /// `、`
    Enumeration,
    /// `。`
    FullStop,
    /// `：`
    Colon,
    /// `；`
    Semicolon,
    /// `？`
    Question,
    /// `！`
    Exclamation,
    /// `（`
    OpenBracket,
    /// `）`
    CloseBracket,
    /// `％` (after a digit)
    Percent,
    /// `．` (between digits)
    DecimalPoint,
    /// `∶` (between digits: a score, a ratio)
    Ratio,
    /// `／` (between digits: a fraction)
    Slash,
    /// `“`
    OpenQuote,
    /// `”`
    CloseQuote,
    /// `》`
    CloseTitle,
    /// `『`, the corner quote a headline or a quotation inside quotes
    /// opens with (an engine reads it `[`)
    OpenCorner,
    /// `』`, the corner quote that closes it (an engine reads it `J` or
    /// `4`)
    CloseCorner,
    /// `·` (between the parts of a foreign name: `维克多·拉森`)
    NameDot,
    /// `—`, a third of the dash `———` that parts a title from its
    /// subtitle or sets off a phrase (an engine reads each third as `一`)
    Dash,
}

impl Mark {
    /// Every mark, in the order of the documentation.
    pub const ALL: [Self; 21] = [
        Self::AsRead,
        Self::Comma,
        Self::Enumeration,
        Self::FullStop,
        Self::Colon,
        Self::Semicolon,
        Self::Question,
        Self::Exclamation,
        Self::OpenBracket,
        Self::CloseBracket,
        Self::Percent,
        Self::DecimalPoint,
        Self::Ratio,
        Self::Slash,
        Self::OpenQuote,
        Self::CloseQuote,
        Self::CloseTitle,
        Self::OpenCorner,
        Self::CloseCorner,
        Self::NameDot,
        Self::Dash,
    ];

    /// The char written for this mark in place of raw mark `raw` (the
    /// raw mark itself for [`Mark::AsRead`]).
    #[must_use]
    pub fn char_for(self, raw: char) -> char {
        match self {
            Self::AsRead => raw,
            Self::Comma => '，',
            Self::Enumeration => '、',
            Self::FullStop => '。',
            Self::Colon => '：',
            Self::Semicolon => '；',
            Self::Question => '？',
            Self::Exclamation => '！',
            Self::OpenBracket => '（',
            Self::CloseBracket => '）',
            Self::Percent => '％',
            Self::DecimalPoint => '．',
            Self::Ratio => '∶',
            Self::Slash => '／',
            Self::OpenQuote => '“',
            Self::CloseQuote => '”',
            Self::CloseTitle => '》',
            Self::OpenCorner => '『',
            Self::CloseCorner => '』',
            Self::NameDot => '·',
            Self::Dash => '—',
        }
    }

    /// The name used in fixtures and reports.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::AsRead => "mark_as_read",
            Self::Comma => "mark_comma",
            Self::Enumeration => "mark_enumeration_comma",
            Self::FullStop => "mark_full_stop",
            Self::Colon => "mark_colon",
            Self::Semicolon => "mark_semicolon",
            Self::Question => "mark_question",
            Self::Exclamation => "mark_exclamation",
            Self::OpenBracket => "mark_open_bracket",
            Self::CloseBracket => "mark_close_bracket",
            Self::Percent => "mark_percent",
            Self::DecimalPoint => "mark_decimal_point",
            Self::Ratio => "mark_ratio",
            Self::Slash => "mark_slash",
            Self::OpenQuote => "mark_open_quote",
            Self::CloseQuote => "mark_close_quote",
            Self::CloseTitle => "mark_close_title",
            Self::OpenCorner => "mark_open_corner",
            Self::CloseCorner => "mark_close_corner",
            Self::NameDot => "mark_name_dot",
            Self::Dash => "mark_dash",
        }
    }

    /// The mark for a name, if it is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The mark a text char is, if a repair writes it.
    #[must_use]
    pub(crate) fn of_char(c: char) -> Option<Self> {
        Self::ALL[1..].iter().copied().find(|m| m.char_for(c) == c)
    }
}

/// A mark written after char `i` of a block's `text` with no raw source
/// (`traced`, the text's trace): one the engine did not read, which the
/// proposal wrote there. The closing quote `”` of those written there
/// where `quote`, else the first other one; with its index in `text`.
#[must_use]
pub(crate) fn written_after(
    text: &[char],
    traced: &[Option<usize>],
    i: usize,
    quote: bool,
) -> Option<(usize, Mark)> {
    (i + 1..text.len())
        .take_while(|&j| traced.get(j) == Some(&None))
        .map_while(|j| Mark::of_char(text[j]).map(|m| (j, m)))
        .find(|&(_, m)| (m == Mark::CloseQuote) == quote)
}

/// Where a mark of an unread-mark decision goes among the marks written
/// after char `i` ([`written_after`]): a closing quote last, or first
/// where `quote_first`; another mark first, or after a leading quote where
/// `quote_first`.
#[must_use]
pub(crate) fn place_after(
    text: &[char],
    traced: &[Option<usize>],
    i: usize,
    (quote, quote_first): (bool, bool),
) -> usize {
    let run = (i + 1..text.len())
        .take_while(|&j| traced.get(j) == Some(&None))
        .take_while(|&j| Mark::of_char(text[j]).is_some())
        .count();
    let leading_quote = text.get(i + 1) == Some(&'”') && run > 0;
    match (quote, quote_first) {
        (true, false) => i + 1 + run,
        (false, true) if leading_quote => i + 2,
        // A quote written first, or another mark before any quote.
        _ => i + 1,
    }
}

/// What a comma an engine read may be: `，` (for the ASCII one only), then
/// the marks its place or its ink on the page picture say.
const COMMA_READINGS: [Mark; 8] = [
    Mark::Comma,
    Mark::FullStop,
    Mark::DecimalPoint,
    Mark::CloseQuote,
    Mark::Enumeration,
    Mark::NameDot,
    Mark::Colon,
    Mark::Semicolon,
];

/// The marks a repair may write for raw mark `raw` (empty: never
/// repaired).
///
/// The one list of what can become what: the repair rules
/// ([`crate::normalize::repair`]) choose among these, and every trace and
/// check of a block's text against its raw chars accepts them.
#[must_use]
pub fn readings(raw: char) -> &'static [Mark] {
    match raw {
        // The ASCII comma may also be the full-width one.
        ',' => &COMMA_READINGS,
        '，' => &COMMA_READINGS[1..],
        '…' => &[Mark::CloseQuote],
        // An asterisk, and a `。` set in the middle of its cell, read as a
        // quote.
        '*' | '“' | '”' => &[Mark::FullStop],
        ';' => &[Mark::Semicolon, Mark::Colon],
        '!' => &[Mark::Exclamation, Mark::CloseTitle, Mark::OpenBracket],
        '?' => &[Mark::Question],
        '(' | '〈' | '《' | '【' => &[Mark::OpenBracket],
        ')' | '〉' => &[Mark::CloseBracket],
        '`' => &[Mark::Enumeration, Mark::FullStop, Mark::CloseQuote],
        '\'' => &[
            Mark::Enumeration,
            Mark::FullStop,
            Mark::NameDot,
            Mark::CloseQuote,
        ],
        '\\' => &[Mark::Enumeration],
        ':' => &[Mark::Colon, Mark::FullStop, Mark::Ratio, Mark::NameDot],
        '%' => &[Mark::Percent],
        '.' => &[Mark::DecimalPoint],
        '/' => &[Mark::Slash],
        '"' => &[Mark::OpenQuote, Mark::CloseQuote, Mark::FullStop],
        '|' | '}' => &[Mark::CloseBracket, Mark::CloseTitle],
        // What an engine reads for the corner quotes `『』`.
        '[' => &[Mark::OpenCorner],
        'J' | '4' => &[Mark::CloseCorner],
        // A third of a dash `———` (only where three stand in a row).
        '一' => &[Mark::Dash],
        _ => &[],
    }
}

/// Whether text char `text` may stand for raw char `raw`: the same char,
/// or a mark a repair of `raw` writes ([`readings`]).
#[must_use]
pub fn matches(raw: char, text: char) -> bool {
    raw == text || readings(raw).iter().any(|m| m.char_for(raw) == text)
}

#[cfg(test)]
mod tests {
    use super::{Mark, matches};
    #[test]
    fn a_repaired_mark_matches_its_raw_mark_only() {
        assert!(matches(',', '，'));
        assert!(matches(':', '：'));
        assert!(matches('字', '字'));
        assert!(
            !matches('，', ','),
            "a raw full-width mark is not ASCII in text"
        );
        assert!(!matches(',', '？'));
        for m in Mark::ALL {
            assert_eq!(Mark::from_name(m.name()), Some(m));
            if m != Mark::AsRead {
                assert_eq!(Mark::of_char(m.char_for('x')), Some(m));
            }
        }
    }
}
