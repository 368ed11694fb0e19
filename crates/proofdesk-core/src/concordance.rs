//! "Correct all similar": once the editor has corrected a misreading in one
//! place (`徽笑` to `微笑`), the same misreading elsewhere on the page.
//!
//! An OCR engine misreads the same glyph the same way all over a page, so
//! PoCoWeb-style tools list every other occurrence of a corrected word
//! with its context and let the editor take them all, some, or none. Here
//! the correction is read from the edit itself ([`Correction::of_edit`]),
//! the occurrences are found in the page's text ([`occurrences`]), and the
//! chosen ones become one undoable action
//! ([`crate::edit::Action::ReplaceAt`]).

use crate::edit::BlockRef;
use crate::page::Article;

/// The fewest chars a correction's `from` holds: one glyph alone
/// (`徽`) would also match where it is right (`安徽`).
pub const MIN_FROM_CHARS: usize = 2;
/// The most chars of context shown on each side of an occurrence.
pub const CONTEXT_CHARS: usize = 8;

/// A correction: `from` becomes `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// The text as it was (at least [`MIN_FROM_CHARS`] chars).
    pub from: String,
    /// The text as corrected.
    pub to: String,
}

impl Correction {
    /// The correction an edit of a block's text made, if it replaced a
    /// short run of chars by another (not a paragraph rewritten, not a
    /// deletion). The changed run is widened with the chars around it to
    /// [`MIN_FROM_CHARS`]; whitespace is never part of it.
    #[must_use]
    pub fn of_edit(before: &str, after: &str) -> Option<Self> {
        let b: Vec<char> = before.chars().collect();
        let a: Vec<char> = after.chars().collect();
        let prefix = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
        let max_suffix = b.len().min(a.len()) - prefix;
        let suffix = b
            .iter()
            .rev()
            .zip(a.iter().rev())
            .take(max_suffix)
            .take_while(|(x, y)| x == y)
            .count();
        let (mut start, mut b_end, mut a_end) = (prefix, b.len() - suffix, a.len() - suffix);
        if b_end == start || a_end == start || b_end - start > 8 || a_end - start > 8 {
            return None; // an insertion, a deletion, or more than a word
        }
        // Widen to the glyphs around the change: the next ones first.
        while b_end - start < MIN_FROM_CHARS {
            if b_end < b.len() && !b[b_end].is_whitespace() {
                b_end += 1;
                a_end += 1;
            } else if start > 0 && !b[start - 1].is_whitespace() {
                start -= 1;
            } else {
                return None;
            }
        }
        let from: String = b[start..b_end].iter().collect();
        let to: String = a[start..a_end].iter().collect();
        (!from.chars().chain(to.chars()).any(char::is_whitespace) && from != to)
            .then_some(Self { from, to })
    }
}

/// One place where a correction's `from` stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The block.
    pub at: BlockRef,
    /// Where `from` starts in the block's text, in chars.
    pub char_index: usize,
    /// Up to [`CONTEXT_CHARS`] chars before it.
    pub before: String,
    /// Up to [`CONTEXT_CHARS`] chars after it.
    pub after: String,
}

/// Every place `from` stands in the articles' text, in reading order,
/// not overlapping.
#[must_use]
pub fn occurrences<A: std::borrow::Borrow<Article>>(articles: &[A], from: &str) -> Vec<Occurrence> {
    let want: Vec<char> = from.chars().collect();
    let mut out = Vec::new();
    if want.is_empty() {
        return out;
    }
    for (ai, a) in articles.iter().enumerate() {
        for (bi, b) in a.borrow().blocks.iter().enumerate() {
            if !b.text.contains(from) {
                continue;
            }
            let text: Vec<char> = b.text.chars().collect();
            let mut i = 0;
            while i + want.len() <= text.len() {
                if text[i..i + want.len()] == want[..] {
                    let end = i + want.len();
                    out.push(Occurrence {
                        at: BlockRef::new(ai, bi),
                        char_index: i,
                        before: text[i.saturating_sub(CONTEXT_CHARS)..i].iter().collect(),
                        after: text[end..(end + CONTEXT_CHARS).min(text.len())]
                            .iter()
                            .collect(),
                    });
                    i = end;
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Correction, occurrences};
    use crate::edit::BlockRef;
    use crate::page::{Article, ArticleKind, Block, Role};

    fn fix(before: &str, after: &str) -> Option<(String, String)> {
        Correction::of_edit(before, after).map(|c| (c.from, c.to))
    }

    #[test]
    fn a_correction_is_read_from_the_edit() {
        let pair = |a: &str, b: &str| Some((a.to_owned(), b.to_owned()));
        assert_eq!(
            fix("她面带徽笑，向大家", "她面带微笑，向大家"),
            pair("徽笑", "微笑")
        );
        assert_eq!(fix("蒸候光临", "恭候光临"), pair("蒸候", "恭候"));
        // At the end of a block the glyph before is taken.
        assert_eq!(
            fix("建国初期简易保险", "建国初期简易保验"),
            pair("保险", "保验")
        );
        assert_eq!(fix("一样", "一样"), None, "no change");
        assert_eq!(fix("一二三", "一三"), None, "a deletion");
        assert_eq!(fix("一三", "一二三"), None, "an insertion");
        assert_eq!(
            fix("这一段话全都重新写过了", "完全不同的另一段文字内容"),
            None,
            "a rewrite"
        );
        assert_eq!(fix("徽", "微"), None, "one glyph alone is not enough");
    }

    #[test]
    fn occurrences_are_found_with_their_context() {
        let block = |text: &str| Block {
            role: Role::Body,
            text: text.to_owned(),
            spans: Vec::new(),
            edited: false,
        };
        let articles = vec![Article {
            id: "a1".to_owned(),
            kind: ArticleKind::Article,
            blocks: vec![block("他徽笑着说，大家都徽笑"), block("安徽的徽笑徽笑")],
        }];
        let found = occurrences(&articles, "徽笑");
        let places: Vec<(BlockRef, usize)> = found.iter().map(|o| (o.at, o.char_index)).collect();
        assert_eq!(
            places,
            [
                (BlockRef::new(0, 0), 1),
                (BlockRef::new(0, 0), 9),
                (BlockRef::new(0, 1), 3),
                (BlockRef::new(0, 1), 5),
            ]
        );
        assert_eq!(found[0].before, "他");
        assert_eq!(found[0].after, "着说，大家都徽笑");
        assert_eq!(found[2].before, "安徽的");
        assert!(occurrences(&articles, "").is_empty());
    }
}
