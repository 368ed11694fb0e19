//! Character classes used by the normalizer: CJK ideographs, CJK punctuation,
//! ASCII words, and the display width of a character in column cells.

/// Exactly [`char::is_whitespace`] (Unicode `White_Space`), with a fast
/// path for the CJK text that makes up most of a page.
#[must_use]
pub(crate) fn is_space(c: char) -> bool {
    match c as u32 {
        0x09..=0x0D | 0x20 => true,
        0..=0x84 | 0x3001..=0xFFFF_FFFF => false,
        _ => c.is_whitespace(),
    }
}

/// A CJK ideograph (Unified Ideographs, extensions, compatibility ideographs).
#[must_use]
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF | 0x3007)
}

/// Punctuation and symbols that are typeset full width in Chinese text.
///
/// Whitespace next to one of these is never meaningful in Chinese text.
#[must_use]
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕
        | 0xFF01..=0xFF0F // ！＂＃＄％＆＇（）＊＋，－．／
        | 0xFF1A..=0xFF20 // ：；＜＝＞？＠
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65
        | 0x2010..=0x2027 // dashes, ‘’“”, …, ·
        | 0x2030..=0x205E
        | 0x00B7
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE4F)
}

/// Characters that make up an ASCII word or number (`PM2.5`, `70%`, `4A`).
#[must_use]
pub(crate) fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '.' | '%' | '-' | '+' | '/' | '&' | '\'' | '_' | '@' | '#'
        )
}

/// Width of `c` in column cells: a CJK character fills one cell, an ASCII
/// character half a cell.
#[must_use]
pub(crate) fn cell_width(c: char) -> f32 {
    if c.is_ascii() { 0.5 } else { 1.0 }
}

/// Marks that end a sentence or a clause that may end a paragraph.
#[must_use]
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '…' | '；' | '：' | '!' | '?' | ';' | ':' | '．'
    )
}

/// Closing quotes and brackets that may follow a terminal mark.
#[must_use]
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〕' | '"' | '\''
    )
}

/// Punctuation that only occurs inside running sentences, never in a headline.
#[must_use]
pub(crate) fn is_sentence_punct(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | ',' | ';')
}

/// Whether `text` ends like the end of a paragraph: a terminal mark,
/// optionally followed by closing quotes or brackets.
#[cfg(test)]
#[must_use]
fn ends_terminal(text: &str) -> bool {
    ends_terminal_rev(text.chars().rev())
}

/// Whether `glyphs` end like the end of a paragraph: a terminal mark,
/// optionally followed by closing quotes or brackets.
#[must_use]
pub(crate) fn ends_terminal_glyphs(glyphs: &[char]) -> bool {
    ends_terminal_rev(glyphs.iter().rev().copied())
}

fn ends_terminal_rev(rev: impl Iterator<Item = char>) -> bool {
    let mut rev = rev.skip_while(|c| c.is_whitespace());
    let mut c = rev.next();
    let mut saw_closer = false;
    while let Some(ch) = c {
        if is_closer(ch) {
            saw_closer = true;
            c = rev.next();
        } else {
            break;
        }
    }
    match c {
        Some(ch) => is_terminal(ch),
        None => saw_closer,
    }
}

/// Whether `c` is CJK text: an ideograph, kana, or a full-width mark.
///
/// That is U+2E80 and above. Used where ASCII marks
/// next to such text tell a misreading.
#[must_use]
pub(crate) fn is_cjk_text(c: char) -> bool {
    c >= '\u{2e80}'
}

#[cfg(test)]
mod tests {
    use super::{cell_width, ends_terminal, is_cjk_punct, is_ideograph};

    #[test]
    fn is_space_is_unicode_white_space() {
        for u in 0..=0x3_0000_u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(super::is_space(c), c.is_whitespace(), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn classes() {
        assert!(is_ideograph('鹤'));
        assert!(is_ideograph('沬'));
        assert!(!is_ideograph('，'));
        assert!(is_cjk_punct('，'));
        assert!(is_cjk_punct('“'));
        assert!(is_cjk_punct('（'));
        assert!(is_cjk_punct('、'));
        assert!(!is_cjk_punct('a'));
        assert!(
            (cell_width('2') - 0.5).abs() < f32::EPSILON,
            "digits are half width"
        );
    }

    #[test]
    fn terminal_endings() {
        assert!(ends_terminal("到进一步提升。"));
        assert!(ends_terminal("的志愿服务浓厚氛。”"));
        assert!(ends_terminal("案情简介："));
        assert!(!ends_terminal("监测记录的”"));
        assert!(!ends_terminal("培训内容丰富、联系实际。志愿者们纷"));
        assert!(!ends_terminal(""));
    }
}
