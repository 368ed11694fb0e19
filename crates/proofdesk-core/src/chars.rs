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

/// A glyph of a word: an ideograph, or an ASCII letter or figure (not a
/// mark, not a space).
#[must_use]
pub(crate) fn is_word_glyph(c: char) -> bool {
    is_ideograph(c) || c.is_ascii_alphanumeric()
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

/// Whether `c` is set from a Latin font, as extractors space it: ASCII, and
/// the Latin-1 and Latin Extended letters and signs (`×`, `°`, `é`; the
/// middle dot `·` is a CJK mark, [`is_cjk_punct`]).
#[must_use]
pub(crate) fn is_latin(c: char) -> bool {
    c.is_ascii() || (('\u{a0}'..='\u{24f}').contains(&c) && !is_cjk_punct(c))
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

/// A full stop, semicolon, exclamation or question mark: a sentence ends
/// at it, and no title holds one.
#[must_use]
pub(crate) fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？')
}

/// Closing quotes and brackets that may follow a terminal mark.
#[must_use]
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〕' | '"' | '\''
    )
}

/// A comma or an enumeration mark (`，`, `、`, `,`): a sentence goes on
/// after it.
#[must_use]
pub(crate) fn is_pause(c: char) -> bool {
    matches!(c, '，' | '、' | ',')
}

/// A mark Chinese text never prints twice in a row: where one stands
/// doubled, an engine read it twice. (`））` closes two brackets, `……` and
/// `——` are one mark each.)
#[must_use]
pub(crate) fn never_doubled(c: char) -> bool {
    matches!(
        c,
        '，' | '、' | '。' | '；' | '：' | '（' | '“' | '”' | '《'
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

/// The simplified form of a traditional character that the rules look for
/// (`報`→`报`, `記`→`记`, `攝`→`摄`, `訊`→`讯`); any other char as it is.
///
/// The rules' words (datelines, credits, captions, page headers, function
/// words) are written in simplified characters; a page printed in
/// traditional characters (Hong Kong, Taiwan, overseas papers, archives
/// from before 1956) spells them so. Only chars whose traditional form is
/// no simplified char of its own are folded (`著` stays: it is `着` only in
/// traditional text, and a word of its own in simplified), so a page in
/// simplified characters reads as before (the devpages and the seed byte
/// for byte). Made from the `OpenCC`
/// `s2t`, `s2hk` and `s2tw` tables for every char of the rules' words.
#[must_use]
#[inline(always)]
pub(crate) fn simplified(c: char) -> char {
    // Most chars are no folded form: one bit says so.
    let k = (c as u32).wrapping_sub(CJK_START);
    if k >= CJK_LEN || FOLDED[(k / 64) as usize] >> (k % 64) & 1 == 0 {
        return c;
    }
    folded(c)
}

/// The simplified form of a char of [`FOLDS`].
#[cold]
fn folded(c: char) -> char {
    FOLDS
        .binary_search_by_key(&c, |&(t, _)| t)
        .map_or(c, |i| FOLDS[i].1)
}

/// The CJK Unified Ideographs block, where every folded form is.
const CJK_START: u32 = 0x4E00;
const CJK_LEN: u32 = 0x5200;

/// The traditional forms [`simplified`] folds, with their simplified forms,
/// in code point order.
const FOLDS: [(char, char); 50] = [
    ('並', '并'),
    ('來', '来'),
    ('個', '个'),
    ('億', '亿'),
    ('員', '员'),
    ('問', '问'),
    ('圖', '图'),
    ('報', '报'),
    ('實', '实'),
    ('將', '将'),
    ('對', '对'),
    ('導', '导'),
    ('屆', '届'),
    ('強', '强'),
    ('從', '从'),
    ('據', '据'),
    ('攝', '摄'),
    ('於', '于'),
    ('時', '时'),
    ('會', '会'),
    ('歲', '岁'),
    ('為', '为'),
    ('爲', '为'),
    ('稱', '称'),
    ('約', '约'),
    ('給', '给'),
    ('綜', '综'),
    ('網', '网'),
    ('編', '编'),
    ('習', '习'),
    ('臺', '台'),
    ('與', '与'),
    ('華', '华'),
    ('萬', '万'),
    ('號', '号'),
    ('見', '见'),
    ('訊', '讯'),
    ('記', '记'),
    ('說', '说'),
    ('説', '说'),
    ('調', '调'),
    ('譯', '译'),
    ('讓', '让'),
    ('責', '责'),
    ('輯', '辑'),
    ('轉', '转'),
    ('過', '过'),
    ('還', '还'),
    ('電', '电'),
    ('體', '体'),
];

/// One bit per char of the CJK Unified Ideographs block, set for the
/// forms in [`FOLDS`].
const FOLDED: [u64; (CJK_LEN / 64) as usize] = {
    let mut bits = [0_u64; (CJK_LEN / 64) as usize];
    let mut i = 0;
    while i < FOLDS.len() {
        let k = FOLDS[i].0 as u32 - CJK_START;
        bits[(k / 64) as usize] |= 1 << (k % 64);
        i += 1;
    }
    bits
};

/// Whether `glyphs` begin with `word` (a rule's word, in simplified
/// characters), read through [`simplified`].
#[must_use]
#[inline]
pub(crate) fn starts_with_word(glyphs: &[char], word: &str) -> bool {
    let mut want = word.chars();
    for &g in glyphs {
        match want.next() {
            Some(c) if c == g || c == simplified(g) => {}
            Some(_) => return false,
            None => return true,
        }
    }
    want.next().is_none()
}

/// The chars of `text` read through [`simplified`].
#[must_use]
pub(crate) fn simplified_text(text: &str) -> String {
    text.chars().map(simplified).collect()
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
    fn traditional_forms_of_the_rules_words_fold_and_simplified_text_stays() {
        use super::{simplified, simplified_text, starts_with_word};
        assert_eq!(
            simplified_text("本報訊（記者）攝責任編輯據說"),
            "本报讯（记者）摄责任编辑据说"
        );
        assert!(starts_with_word(
            &['本', '報', '記', '者', '王'],
            "本报记者"
        ));
        assert!(starts_with_word(&['本', '报', '记', '者'], "本报记者"));
        assert!(!starts_with_word(&['本', '報'], "本报记者"), "too short");
        // `著` is a word of its own in simplified text (`著名`): not folded.
        assert_eq!(simplified('著'), '著');
        assert!(
            super::FOLDS.windows(2).all(|w| w[0].0 < w[1].0),
            "FOLDS in code point order, for the binary search"
        );
        for (t, s) in super::FOLDS {
            assert_eq!(simplified(t), s);
        }
        // Nothing a page in simplified characters holds is changed: every
        // char of the seed page reads as itself.
        let seed = include_str!("../../../tests/data/seed_page.txt");
        for c in seed.chars() {
            assert_eq!(simplified(c), c, "{c} is simplified already");
        }
    }

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
