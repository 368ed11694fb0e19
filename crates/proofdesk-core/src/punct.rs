//! Punctuation an OCR engine misread, repaired.
//!
//! Engines read the full-width marks of Chinese text as ASCII or as another
//! mark: `，` as `,`, `、` as `` ` ``, `。` as `'` or `:`, `（` as `〈`. Next
//! to CJK text such a mark is repaired to the full-width one, as a decision
//! of kind [`Kind::Punctuation`](crate::decision::Kind) with its rule and
//! its measured confidence; where the mark may be either of two
//! (`:` is `。` or `：`), the other is the decision's alternative, and the
//! flip takes it.
//!
//! A repaired mark still traces to the raw mark it replaces: [`matches`]
//! says which text char may stand for which raw char, and every trace and
//! every check of a block's text against its spans uses it.

use crate::decision::Evidence;

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
}

impl Mark {
    /// Every mark, in the order of the documentation.
    pub const ALL: [Self; 10] = [
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
    ];

    /// The char written for this mark in place of raw mark `raw`.
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
        }
    }

    /// The mark for a name, if it is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The mark a text char is, if a repair writes it.
    #[must_use]
    pub fn of_char(c: char) -> Option<Self> {
        Self::ALL[1..].iter().copied().find(|m| m.char_for(c) == c)
    }
}

/// A repair the rules propose for one raw mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repair {
    /// The mark written.
    pub chosen: Mark,
    /// The other reading.
    pub alternative: Mark,
    /// The rule.
    pub evidence: Evidence,
}

/// Whether `c` is CJK text: an ideograph, kana, or a full-width mark.
fn cjk(c: Option<char>) -> bool {
    c.is_some_and(|c| c >= '\u{2e80}')
}

/// The repair of raw mark `raw` between glyphs `prev` and `next` (the
/// glyphs around it in its block, whitespace left out), if it needs one.
#[must_use]
pub fn repair(raw: char, prev: Option<char>, next: Option<char>) -> Option<Repair> {
    let (p, n) = (cjk(prev), cjk(next));
    let r = |chosen, alternative, evidence| {
        Some(Repair {
            chosen,
            alternative,
            evidence,
        })
    };
    match raw {
        ',' if p || n => r(Mark::Comma, Mark::FullStop, Evidence::AsciiComma),
        ';' if p || n => r(Mark::Semicolon, Mark::AsRead, Evidence::AsciiSemicolon),
        '!' if p => r(Mark::Exclamation, Mark::AsRead, Evidence::AsciiSentenceMark),
        '?' if p => r(Mark::Question, Mark::AsRead, Evidence::AsciiSentenceMark),
        '(' | '〈' if n => r(Mark::OpenBracket, Mark::AsRead, Evidence::MisreadBracket),
        ')' | '〉' if p => r(Mark::CloseBracket, Mark::AsRead, Evidence::MisreadBracket),
        '`' if p && n => r(
            Mark::Enumeration,
            Mark::FullStop,
            Evidence::BacktickBetweenWords,
        ),
        '\'' if p => r(
            Mark::FullStop,
            Mark::Enumeration,
            Evidence::ApostropheAfterWord,
        ),
        ':' if p && n => r(Mark::FullStop, Mark::Colon, Evidence::ColonBetweenWords),
        ':' if p => r(Mark::Colon, Mark::FullStop, Evidence::ColonBeforeOther),
        _ => None,
    }
}

/// Whether text char `text` may stand for raw char `raw`: the same char,
/// or a mark a repair of `raw` writes.
#[must_use]
pub fn matches(raw: char, text: char) -> bool {
    raw == text
        || match raw {
            ',' => matches!(text, '，' | '。'),
            ';' => text == '；',
            '!' => text == '！',
            '?' => text == '？',
            '(' | '〈' => text == '（',
            ')' | '〉' => text == '）',
            '`' => matches!(text, '、' | '。'),
            '\'' => matches!(text, '。' | '、'),
            ':' => matches!(text, '：' | '。'),
            _ => false,
        }
}

/// Whether `text` stands for `raw` char by char (whitespace left out of
/// neither).
#[must_use]
pub fn same_glyphs(raw: &str, text: &str) -> bool {
    let mut r = raw.chars();
    let mut t = text.chars();
    loop {
        match (r.next(), t.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if matches(a, b) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Mark, matches, repair, same_glyphs};
    use crate::decision::Evidence;

    #[test]
    fn marks_next_to_cjk_are_repaired_and_others_left() {
        let fix = |raw, prev, next| repair(raw, prev, next).map(|r| r.chosen.char_for(raw));
        assert_eq!(fix(',', Some('持'), Some('这')), Some('，'));
        assert_eq!(fix(',', Some('1'), Some('2')), None, "1,2 is a number");
        assert_eq!(fix(';', Some('的'), None), Some('；'));
        assert_eq!(fix('`', Some('售'), Some('利')), Some('、'));
        assert_eq!(fix('`', Some('a'), Some('利')), None);
        assert_eq!(fix('\'', Some('面'), Some('人')), Some('。'));
        assert_eq!(fix(':', Some('的'), Some('在')), Some('。'));
        assert_eq!(fix(':', Some('说'), Some('“')), Some('。'));
        assert_eq!(fix(':', Some('说'), Some('1')), Some('：'));
        assert_eq!(fix(':', Some('1'), Some('3')), None, "10:30 is a time");
        assert_eq!(fix('〈', None, Some('记')), Some('（'));
        assert_eq!(fix(')', Some('林'), None), Some('）'));
        assert_eq!(fix('(', Some('a'), Some('b')), None);
        let colon = repair(':', Some('的'), Some('在')).expect("repaired");
        assert_eq!(colon.alternative, Mark::Colon);
        assert_eq!(colon.evidence, Evidence::ColonBetweenWords);
    }

    #[test]
    fn a_repaired_mark_matches_its_raw_mark_only() {
        assert!(matches(',', '，'));
        assert!(matches(':', '：'));
        assert!(matches('字', '字'));
        assert!(
            !matches('，', ','),
            "a raw full-width mark is not ASCII in text"
        );
        assert!(!matches(',', '；'));
        assert!(same_glyphs("支持,这", "支持，这"));
        assert!(!same_glyphs("支持,这", "支持，那"));
        assert!(!same_glyphs("支持", "支持，"));
        for m in Mark::ALL {
            assert_eq!(Mark::from_name(m.name()), Some(m));
            if m != Mark::AsRead {
                assert_eq!(Mark::of_char(m.char_for('x')), Some(m));
            }
        }
    }
}
