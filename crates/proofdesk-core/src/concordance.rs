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
//!
//! The same misreading recurs on the other pages an engine read, so the
//! correction also goes to a whole work-queue folder: [`in_pages`] finds
//! the other pages where `from` stands, as each page stands on disk (its
//! own fixture, else its proposal), and [`correct_pages`] corrects them,
//! one [`crate::edit::Action::ReplaceAt`] a page, written as its fixture
//! (the one it replaces kept as `.bak`).

use std::path::{Path, PathBuf};

use crate::edit::{Action, BlockRef, EditError, Editor};
use crate::io::{IoError, fixture_path_for, read_page};
use crate::page::{Article, Page, Status};
use crate::saver::{AsSaved, OnDisk, SaveError};

/// The fewest chars a correction's `from` holds: one glyph alone
/// (`徽`) would also match where it is right (`安徽`).
pub const MIN_FROM_CHARS: usize = 2;
/// The most chars of context shown on each side of an occurrence.
pub const CONTEXT_CHARS: usize = 8;

/// A correction: `from` becomes `to`. Made only by [`Correction::new`]
/// and [`Correction::of_edit`], so every one keeps its rules (a correction
/// never deletes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// The text as it was (at least [`MIN_FROM_CHARS`] chars, or one mark
    /// read for a character: see `inside_chinese`).
    from: String,
    /// The text as corrected.
    to: String,
    /// Whether `from` is one ASCII mark that an engine read for a Chinese
    /// character (`-` for `一`): it is corrected only inside Chinese text
    /// ([`inside_chinese`]), where no such mark is printed.
    inside_chinese: bool,
}

/// Why a correction was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CorrectionError {
    /// `from` is too short to stand for one misreading.
    #[error(
        "{from:?} is too short to correct everywhere: give the misread word, {MIN_FROM_CHARS} chars or more"
    )]
    TooShort {
        /// The text to replace.
        from: String,
    },
    /// Whitespace is layout, never part of a word to correct.
    #[error("{text:?} holds whitespace: give one word, without spaces")]
    Whitespace {
        /// The text with whitespace.
        text: String,
    },
    /// Nothing to write in its place: a correction never deletes.
    #[error(
        "the correction of {from:?} is empty: give the right text (a correction never deletes)"
    )]
    Empty {
        /// The text to replace.
        from: String,
    },
    /// The text would stay as it is.
    #[error("{from:?} would be replaced by itself: give the right text")]
    Same {
        /// The text to replace.
        from: String,
    },
}

impl Correction {
    /// A correction of `from` into `to`: `from` at least
    /// [`MIN_FROM_CHARS`] chars, neither holding whitespace, `to` not empty
    /// and not `from`.
    ///
    /// # Errors
    /// Says which of these it breaks.
    pub fn new(from: &str, to: &str) -> Result<Self, CorrectionError> {
        if let Some(text) = [from, to]
            .into_iter()
            .find(|t| t.chars().any(char::is_whitespace))
        {
            return Err(CorrectionError::Whitespace {
                text: text.to_owned(),
            });
        }
        let from = from.to_owned();
        if from.chars().count() < MIN_FROM_CHARS {
            return Err(CorrectionError::TooShort { from });
        }
        if to.is_empty() {
            return Err(CorrectionError::Empty { from });
        }
        if from == to {
            return Err(CorrectionError::Same { from });
        }
        Ok(Self {
            from,
            to: to.to_owned(),
            inside_chinese: false,
        })
    }

    /// The correction `--from FROM --to TO` asks for on the command line:
    /// one ASCII mark read for Chinese characters
    /// ([`Self::of_mark_read_for_character`]), else a word ([`Self::new`]).
    ///
    /// # Errors
    /// As [`Self::new`].
    pub fn parse(from: &str, to: &str) -> Result<Self, CorrectionError> {
        let mut chars = from.chars();
        match (chars.next(), chars.next()) {
            (Some(mark), None) => Self::of_mark_read_for_character(mark, to),
            _ => None,
        }
        .map_or_else(|| Self::new(from, to), Ok)
    }

    /// The correction of the ASCII mark `from`, which an engine read for
    /// the Chinese character(s) `to`, at the places where it stands inside
    /// Chinese text (`大家-起` → `大家一起`, [`inside_chinese`]): a mark
    /// alone there is never printed, so one glyph is enough. `None` unless
    /// `from` is an ASCII mark and `to` Chinese characters.
    #[must_use]
    pub fn of_mark_read_for_character(from: char, to: &str) -> Option<Self> {
        let character = !to.is_empty() && to.chars().all(crate::chars::is_ideograph);
        (from.is_ascii_punctuation() && character).then(|| Self {
            from: from.to_string(),
            to: to.to_owned(),
            inside_chinese: true,
        })
    }

    /// Whether the correction holds only where `from` stands inside
    /// Chinese text ([`Self::of_mark_read_for_character`]).
    #[must_use]
    pub fn inside_chinese(&self) -> bool {
        self.inside_chinese
    }

    /// Whether the correction likely holds at place `o`: a word's always
    /// (the editor corrected one like it); a mark read for a character
    /// where the character makes a word with a glyph beside it (`-些` is
    /// `一些`; not `全面-持久`, where an engine read a `、` as `-`). The
    /// desk checks such places at first and leaves the others for the
    /// editor to check.
    #[must_use]
    pub fn likely_at(&self, o: &Occurrence) -> bool {
        if !self.inside_chinese {
            return true;
        }
        let before: Vec<char> = o.before.chars().collect();
        let after: Vec<char> = o.after.chars().collect();
        let to: Vec<char> = self.to.chars().collect();
        let ending = [before.as_slice(), to.as_slice()].concat();
        let starting = [to.as_slice(), after.as_slice()].concat();
        crate::lexicon::word_across(&ending, &after).is_some()
            || crate::lexicon::word_across(&before, &starting).is_some()
    }

    /// Whether `from` stands, corrected by this, at chars `at` of `text`.
    fn holds_at(&self, text: &[char], at: &std::ops::Range<usize>) -> bool {
        let before = at.start.checked_sub(1).and_then(|i| text.get(i)).copied();
        !self.inside_chinese || inside_chinese(before, text.get(at.end).copied())
    }

    /// The text as it was.
    #[must_use]
    pub fn from(&self) -> &str {
        &self.from
    }

    /// The text as corrected.
    #[must_use]
    pub fn to(&self) -> &str {
        &self.to
    }

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
        // A mark read twice written once (`（（记者` → `（记者`): the pair
        // becomes the mark, wherever else it stands doubled. Only a mark
        // never printed twice: `……` and `——` are printed so.
        if a_end == start && b_end == start + 1 && start > 0 {
            let (mark, twin) = (b[start], b[start - 1]);
            if mark == twin && crate::chars::never_doubled(mark) {
                return Self::new(&format!("{mark}{mark}"), &mark.to_string()).ok();
            }
        }
        if b_end == start || a_end == start || b_end - start > 8 || a_end - start > 8 {
            return None; // an insertion, a deletion, or more than a word
        }
        // One mark read for a character inside Chinese text: the mark
        // alone, wherever else it stands so (`-` for `一`).
        if b_end - start == 1
            && inside_chinese(
                start.checked_sub(1).and_then(|p| b.get(p)).copied(),
                b.get(b_end).copied(),
            )
        {
            let to: String = a[start..a_end].iter().collect();
            if let Some(glyph) = Self::of_mark_read_for_character(b[start], &to) {
                return Some(glyph);
            }
        }
        // Widen to the glyphs around the change: the next ones first, a
        // word's glyph before a mark (`而己。` → `而已。` is `而己`, never
        // `己。`, which `自己。` holds too), whitespace never.
        let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
        let glyph = |c: Option<&char>| c.is_some_and(|c| !c.is_whitespace());
        while b_end - start < MIN_FROM_CHARS {
            let (next, prev) = (b.get(b_end), start.checked_sub(1).and_then(|p| b.get(p)));
            if word(next) || !word(prev) && glyph(next) {
                b_end += 1;
                a_end += 1;
            } else if glyph(prev) {
                start -= 1;
            } else {
                return None;
            }
        }
        let from: String = b[start..b_end].iter().collect();
        let to: String = a[start..a_end].iter().collect();
        Self::new(&from, &to).ok()
    }
}

/// Whether a glyph between `before` and `after` stands inside Chinese
/// text: a Chinese character after it, and one or a Chinese mark before it
/// (`大家-起`, `，-些`; not `2-3` nor `A-B`).
fn inside_chinese(before: Option<char>, after: Option<char>) -> bool {
    after.is_some_and(crate::chars::is_ideograph)
        && before.is_some_and(|c| crate::chars::is_ideograph(c) || crate::chars::is_cjk_punct(c))
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

/// Every place the correction's `from` stands in the articles' text
/// (where the correction holds: inside Chinese text for a mark read for a
/// character), in reading order, not overlapping.
#[must_use]
pub fn occurrences<A: std::borrow::Borrow<Article>>(
    articles: &[A],
    correction: &Correction,
) -> Vec<Occurrence> {
    let want: Vec<char> = correction.from.chars().collect();
    let mut out = Vec::new();
    crate::find::for_each_match(
        articles,
        &want,
        |c| c,
        |at, text, chars| {
            if !correction.holds_at(text, &chars) {
                return;
            }
            let (i, end) = (chars.start, chars.end);
            out.push(Occurrence {
                at,
                char_index: i,
                before: text[i.saturating_sub(CONTEXT_CHARS)..i].iter().collect(),
                after: text[end..(end + CONTEXT_CHARS).min(text.len())]
                    .iter()
                    .collect(),
            });
        },
    );
    out
}

/// Where an occurrence of `chars` chars stands on the page image, on a
/// page with geometry: the box around the engine's words its chars come
/// from (a char traced to no word: its line's box).
#[must_use]
pub fn place_box(page: &Page, o: &Occurrence, chars: usize) -> Option<crate::ocr::BBox> {
    place_boxes(page, o, chars).map(|(word, _)| word)
}

/// [`place_box`], and the box of the line it starts on.
fn place_boxes(
    page: &Page,
    o: &Occurrence,
    chars: usize,
) -> Option<(crate::ocr::BBox, crate::ocr::BBox)> {
    let geometry = page.raw.geometry()?;
    let block = page.articles.get(o.at.article)?.blocks.get(o.at.block)?;
    let traced = crate::page::trace(page.raw.chars(), &block.text, &block.spans);
    let (mut words, mut lines) = (None, None);
    for &offset in traced
        .get(o.char_index..o.char_index + chars)?
        .iter()
        .flatten()
    {
        let line = geometry.line_at(offset)?;
        let b = line
            .words
            .iter()
            .find(|w| (w.start..w.end).contains(&offset))
            .map_or(line.bbox, |w| w.bbox);
        words = crate::ocr::bbox_union(words.into_iter().chain([b]));
        // The first line: a word wrapped onto the next is no thicker.
        lines.get_or_insert(line.bbox);
    }
    Some((words?, lines?))
}

/// The part of the page image that shows an occurrence of `chars` chars.
///
/// As fractions of the image's width and height (`[left, top, right,
/// bottom]`, 0 to 1): its [`place_box`], at least `chars` glyphs long
/// along its line (an engine may box a word short of its glyphs: `桃`
/// 5 px wide on a line 20 px high), with a margin of a quarter of a
/// glyph all round, on a page with geometry. A glyph is as long as its
/// line is thick (its height, or its width in a column of a page set
/// vertically).
#[must_use]
pub fn place_crop(page: &Page, o: &Occurrence, chars: usize) -> Option<[f32; 4]> {
    let (b, line) = place_boxes(page, o, chars)?;
    let [w, h] = page.raw.geometry()?.page_size;
    #[expect(
        clippy::cast_precision_loss,
        reason = "pixel and char counts are small"
    )]
    let (mut b, line, w, h, chars) = (
        b.map(|v| v as f32),
        line.map(|v| v as f32),
        w.max(1) as f32,
        h.max(1) as f32,
        chars as f32,
    );
    let column = line[3] - line[1] > line[2] - line[0];
    let glyph = if column {
        line[2] - line[0]
    } else {
        line[3] - line[1]
    };
    // Along the line: x on a line set across, y down a column.
    let (start, end) = if column { (1, 3) } else { (0, 2) };
    let short = (chars * glyph - (b[end] - b[start])).max(0.0) / 2.0;
    b[start] -= short;
    b[end] += short;
    let margin = glyph / 4.0;
    Some([
        ((b[0] - margin) / w).max(0.0),
        ((b[1] - margin) / h).max(0.0),
        ((b[2] + margin) / w).min(1.0),
        ((b[3] + margin) / h).min(1.0),
    ])
}

/// A page of a folder where a correction's `from` stands.
#[derive(Clone, Debug, PartialEq)]
pub struct PageHits {
    /// The page file.
    pub page: PathBuf,
    /// The page's status as it stands (its fixture's, or new).
    pub status: Status,
    /// Where `from` stands on it.
    pub places: Vec<Occurrence>,
    /// Where each place stands on the page image ([`place_crop`]), on a
    /// page with geometry.
    pub crops: Vec<Option<[f32; 4]>>,
    /// The page's picture, the one its OCR file names first
    /// ([`crate::picture::beside`]), on a page with geometry.
    pub picture: Option<PathBuf>,
    /// What its fixture path held when it was searched: the places are
    /// corrected only on the page as it stood then ([`correct_places`]).
    pub on_disk: OnDisk,
}

/// Why a page of a folder was left as it was.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// The page or its fixture could not be read.
    #[error(transparent)]
    Io(#[from] IoError),
    /// Its fixture is for other text (the page file changed since).
    #[error(
        "{fixture} was written for other text than {page} holds now; open the page in the desk to settle which is right, then correct it there"
    )]
    OtherText {
        /// The page file.
        page: PathBuf,
        /// Its fixture.
        fixture: PathBuf,
    },
    /// Another desk has the page open.
    #[error(
        "{page} is open in another desk ({holder}); correct it there, or close it and try again"
    )]
    Locked {
        /// The page file.
        page: PathBuf,
        /// Who holds it.
        holder: String,
    },
    /// The page was written since it was searched (by another desk or
    /// program): its places may have moved.
    #[error(
        "{page} was changed since it was searched; search again (correct the word on this page again) to see its places as they stand"
    )]
    Changed {
        /// The page file.
        page: PathBuf,
    },
    /// The correction no longer applies as found.
    #[error("cannot correct {page}: {source}")]
    Edit {
        /// The page file.
        page: PathBuf,
        /// Why.
        source: EditError,
    },
    /// Its fixture could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// A page as it stands on disk: its own fixture where there is one,
/// else its proposal; with what its fixture path holds now.
fn page_as_it_stands(page: &Path) -> Result<(Page, OnDisk), FolderError> {
    match crate::saver::as_saved(read_page(page)?, page) {
        (AsSaved::Fresh(p) | AsSaved::Resumed(p), on_disk) => Ok((p, on_disk)),
        (AsSaved::Stale { draft: Err(e), .. }, _) => Err(e.into()),
        (AsSaved::Stale { draft: Ok(_), .. }, _) => Err(FolderError::OtherText {
            page: page.to_owned(),
            fixture: fixture_path_for(page),
        }),
    }
}

/// The pages among `pages` where the correction's `from` stands (see
/// [`occurrences`]), as each stands on disk, in the order given; with the
/// pages that could not be read, and why.
#[must_use]
pub fn in_pages(
    pages: &[PathBuf],
    correction: &Correction,
) -> (Vec<PageHits>, Vec<(PathBuf, FolderError)>) {
    in_pages_until(pages, correction, || false)
}

/// [`in_pages`], stopping before the next page once `stop` says so (a
/// search nobody waits for any more: the pages searched so far).
#[must_use]
pub fn in_pages_until(
    pages: &[PathBuf],
    correction: &Correction,
    stop: impl Fn() -> bool,
) -> (Vec<PageHits>, Vec<(PathBuf, FolderError)>) {
    let mut hits = Vec::new();
    let mut skipped = Vec::new();
    for page in pages {
        if stop() {
            break;
        }
        match page_as_it_stands(page) {
            Ok((p, on_disk)) => {
                let places = occurrences(&p.articles, correction);
                if !places.is_empty() {
                    let chars = correction.from.chars().count();
                    hits.push(PageHits {
                        page: page.clone(),
                        status: p.status,
                        crops: places.iter().map(|o| place_crop(&p, o, chars)).collect(),
                        places,
                        picture: p
                            .raw
                            .geometry()
                            .and_then(|_| crate::picture::of_page(page, &p.raw)),
                        on_disk,
                    });
                }
            }
            Err(e) => skipped.push((page.clone(), e)),
        }
    }
    (hits, skipped)
}

/// Corrects every place of `correction.from` on `page` where it likely
/// holds ([`Correction::likely_at`]: every place, for a word), as it stands
/// on disk, as one edit, and writes its fixture.
///
/// A new page's fixture is a draft; a done page becomes a draft again, as
/// after any edit. Holds the page's lock while it does, and writes only
/// over what it read. Returns
/// how many places it corrected.
///
/// # Errors
/// [`FolderError`]; the page's fixture is then as it was.
pub fn correct_page(page: &Path, correction: &Correction, now: &str) -> Result<usize, FolderError> {
    correct_places(page, correction, None, now)
}

/// [`correct_page`] at the places of `only` that still hold `correction.from`.
///
/// `only` gives block and char index, as [`in_pages`] found them, with
/// what the page's fixture path held then; with `None`, every place where
/// the correction likely holds.
///
/// # Errors
/// [`FolderError`], [`FolderError::Changed`] when the page was written
/// since it was searched; the page's fixture is then as it was.
pub fn correct_places(
    page: &Path,
    correction: &Correction,
    only: Option<(&[(BlockRef, usize)], &OnDisk)>,
    now: &str,
) -> Result<usize, FolderError> {
    let fixture = fixture_path_for(page);
    // A folder where no lock can be made (read-only media): the write
    // below still checks that nobody wrote in between.
    let _lock = crate::lock::try_lock(&fixture, now)
        .or_holder()
        .map_err(|holder| FolderError::Locked {
            page: page.to_owned(),
            holder,
        })?;
    let (stands, on_disk) = page_as_it_stands(page)?;
    // The places were chosen on the page as it was searched: written since,
    // a place the editor left may now stand where a chosen one did.
    if only.is_some_and(|(_, searched)| *searched != on_disk) {
        return Err(FolderError::Changed {
            page: page.to_owned(),
        });
    }
    let places: Vec<(BlockRef, usize)> = occurrences(&stands.articles, correction)
        .iter()
        .filter(|o| match only {
            Some((only, _)) => only.contains(&(o.at, o.char_index)),
            None => correction.likely_at(o),
        })
        .map(|o| (o.at, o.char_index))
        .collect();
    if places.is_empty() {
        return Ok(0);
    }
    let n = places.len();
    let mut editor = Editor::new(stands);
    editor
        .apply(Action::ReplaceAt {
            from: correction.from.clone(),
            to: correction.to.clone(),
            places,
        })
        .map_err(|source| FolderError::Edit {
            page: page.to_owned(),
            source,
        })?;
    crate::saver::write_checked(editor.page(), &fixture, &on_disk)?;
    Ok(n)
}

/// [`correct_page`] for each of `pages`, in order: how many places each
/// had corrected, or why it was left.
#[must_use]
pub fn correct_pages(
    pages: &[PathBuf],
    correction: &Correction,
    now: &str,
) -> Vec<(PathBuf, Result<usize, FolderError>)> {
    pages
        .iter()
        .map(|p| (p.clone(), correct_page(p, correction, now)))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_correction_is_a_word_for_another_never_a_deletion() {
        use super::{Correction, CorrectionError};
        assert!(Correction::new("徽笑", "微笑").is_ok());
        let deletion = Correction::new("徽笑", "");
        assert_eq!(
            deletion,
            Err(CorrectionError::Empty {
                from: "徽笑".to_owned()
            })
        );
        assert!(matches!(
            Correction::new("徽", "微"),
            Err(CorrectionError::TooShort { .. })
        ));
        assert!(matches!(
            Correction::new("徽 笑", "微笑"),
            Err(CorrectionError::Whitespace { .. })
        ));
        assert!(matches!(
            Correction::new("徽笑", "微 笑"),
            Err(CorrectionError::Whitespace { .. })
        ));
        assert!(matches!(
            Correction::new("徽笑", "徽笑"),
            Err(CorrectionError::Same { .. })
        ));
        let e = deletion.unwrap_err().to_string();
        assert!(e.contains("never deletes"), "{e}");
    }

    use super::{Correction, FolderError, MIN_FROM_CHARS, correct_pages, in_pages, occurrences};
    use crate::edit::BlockRef;
    use crate::io::{fixture_path_for, read_fixture, read_page, write_fixture};
    use crate::page::{Article, ArticleKind, Block, Role, Status};

    #[test]
    fn only_the_places_chosen_on_another_page_are_corrected() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let page = dir.path().join("a.txt");
        std::fs::write(
            &page,
            "她面带徽笑，向大家问好。\n大家都徽笑着，又徽笑了。\n",
        )
        .expect("writes");
        let (hits, _) = in_pages(std::slice::from_ref(&page), &weixiao());
        assert_eq!(hits[0].places.len(), 3);
        let fix = weixiao();
        // The first and the last, not the middle one.
        let chosen: Vec<_> = [&hits[0].places[0], &hits[0].places[2]]
            .iter()
            .map(|o| (o.at, o.char_index))
            .collect();
        let searched = &hits[0].on_disk;
        let n = super::correct_places(
            &page,
            &fix,
            Some((&chosen, searched)),
            "2026-12-02T00:00:00Z",
        )
        .expect("corrected");
        assert_eq!(n, 2);
        let f = read_fixture(&fixture_path_for(&page)).expect("a fixture");
        let text: String = f
            .articles
            .iter()
            .flat_map(|a| &a.blocks)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(text.matches("微笑").count(), 2, "{text}");
        assert!(
            text.contains("大家都徽笑着"),
            "the middle place is left: {text}"
        );
        // Written since it was searched: refused, its places may have moved.
        let again = super::correct_places(
            &page,
            &fix,
            Some((&chosen, searched)),
            "2026-12-02T00:00:01Z",
        );
        assert!(
            matches!(again, Err(super::FolderError::Changed { .. })),
            "{again:?}"
        );
        // Searched again: a place that no longer holds the word corrects
        // nothing.
        let (hits, _) = in_pages(std::slice::from_ref(&page), &weixiao());
        let n = super::correct_places(
            &page,
            &fix,
            Some((&chosen, &hits[0].on_disk)),
            "2026-12-02T00:00:02Z",
        )
        .expect("nothing to do");
        assert_eq!(n, 0);
    }

    #[test]
    fn a_correction_goes_to_the_other_pages_of_a_folder_as_they_stand() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let page = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).expect("writes");
            p
        };
        let new = page("a.txt", "她面带徽笑，向大家问好。\n大家都徽笑着。\n");
        let done = page("b.txt", "他徽笑着说：没想到。\n");
        let clean = page("c.txt", "他微笑着说：没想到。\n");
        let other = page("d.txt", "徽笑\n");
        let locked = page("e.txt", "又见徽笑。\n");
        // b is done; d's fixture is for other text.
        let mut b = read_page(&done).expect("reads");
        b.status = Status::Done;
        write_fixture(&b, &fixture_path_for(&done)).expect("writes");
        let d = read_page(&new).expect("reads");
        write_fixture(&d, &fixture_path_for(&other)).expect("writes");
        // Another desk holds e.
        let held = crate::lock::try_lock(&fixture_path_for(&locked), "2026-12-02T00:00:00Z");
        assert!(matches!(held, crate::lock::Lock::Held(_)));
        let pages = [
            new.clone(),
            done.clone(),
            clean,
            other.clone(),
            locked.clone(),
        ];

        let (hits, skipped) = in_pages(&pages, &weixiao());
        let found: Vec<(&std::path::Path, usize, Status)> = hits
            .iter()
            .map(|h| (h.page.as_path(), h.places.len(), h.status))
            .collect();
        assert_eq!(
            found,
            [
                (new.as_path(), 2, Status::Auto),
                (done.as_path(), 1, Status::Done),
                (locked.as_path(), 1, Status::Auto),
            ]
        );
        assert!(matches!(&skipped[..], [(p, FolderError::OtherText { .. })] if *p == other));

        let fix = weixiao();
        let targets: Vec<_> = hits.iter().map(|h| h.page.clone()).collect();
        let done_ = correct_pages(&targets, &fix, "2026-12-02T00:00:00Z");
        assert!(matches!(done_[0].1, Ok(2)), "{:?}", done_[0].1);
        assert!(matches!(done_[1].1, Ok(1)), "{:?}", done_[1].1);
        assert!(
            matches!(done_[2].1, Err(FolderError::Locked { .. })),
            "{:?}",
            done_[2].1
        );
        let texts = |p: &std::path::Path| -> (Status, String) {
            let f = read_fixture(&fixture_path_for(p)).expect("a fixture");
            let text = f
                .articles
                .iter()
                .flat_map(|a| a.blocks.iter().map(|b| b.text.clone()))
                .collect();
            (f.status, text)
        };
        let (status, text) = texts(&new);
        assert_eq!(status, Status::Draft);
        assert!(text.contains("面带微笑") && text.contains("大家都微笑") && !text.contains('徽'));
        // The done page is a draft again, its fixture before kept.
        assert_eq!(
            texts(&done),
            (Status::Draft, "他微笑着说：没想到。".to_owned())
        );
        assert!(crate::io::backup_path_for(&fixture_path_for(&done)).exists());
        // The held page and the page with another text's fixture: untouched.
        assert!(!fixture_path_for(&locked).exists());
        assert_eq!(texts(&other).1, texts(&new).1.replace('微', "徽"));
        drop(held);
    }

    fn fix(before: &str, after: &str) -> Option<(String, String)> {
        Correction::of_edit(before, after).map(|c| (c.from, c.to))
    }

    #[test]
    fn a_place_on_a_page_with_boxes_has_its_words_box() {
        // The desk's OCR test page (`tests/desk_ocr.rs`): `徽笑` read on its
        // own at 20%, and again inside a longer word on the next line.
        let alto = include_str!("../../../tests/data/ocr_misread.alto.xml");
        let page = crate::io::page_from_bytes("p.xml", alto.as_bytes()).expect("reads");
        let places = occurrences(&page.articles, &weixiao());
        assert_eq!(places.len(), 2);
        let boxes: Vec<_> = places
            .iter()
            .map(|o| super::place_box(&page, o, 2))
            .collect();
        // The word the engine read on its own; in a longer word, that
        // word's box.
        assert_eq!(
            boxes,
            [Some([200, 200, 260, 228]), Some([100, 230, 400, 258])]
        );
        // A page without boxes has none.
        let plain =
            crate::io::page_from_bytes("p.txt", "她面带徽笑。\n".as_bytes()).expect("reads");
        let o = &occurrences(&plain.articles, &weixiao())[0];
        assert_eq!(super::place_box(&plain, o, 2), None);
        assert_eq!(super::place_crop(&plain, o, 2), None);
        // As a part of the image (1000 × 1400): the box, a quarter of its
        // height around it.
        let crop = super::place_crop(&page, &places[0], 2).expect("a crop");
        assert_crop_at(crop, [193.0, 193.0, 267.0, 235.0]);
    }

    /// That `crop`, a part of the 1000 × 1400 test page as fractions of
    /// its size, is the part `pixels` (`[left, top, right, bottom]`).
    fn assert_crop_at(crop: [f32; 4], pixels: [f32; 4]) {
        let want = [
            pixels[0] / 1000.0,
            pixels[1] / 1400.0,
            pixels[2] / 1000.0,
            pixels[3] / 1400.0,
        ];
        assert!(
            crop.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-6),
            "{crop:?} against {want:?}"
        );
    }

    #[test]
    fn a_word_boxed_short_of_its_glyphs_is_cut_as_long_as_they_are() {
        // `徽笑` boxed 10 px wide on a line 28 px high: cut two glyphs
        // (56 px) long, centred on the box, and a quarter of a glyph
        // around, so that the crop shows both glyphs whole.
        let alto = include_str!("../../../tests/data/ocr_misread.alto.xml").replace(
            r#"HPOS="200" VPOS="200" WIDTH="60" HEIGHT="28""#,
            r#"HPOS="200" VPOS="200" WIDTH="10" HEIGHT="28""#,
        );
        let page = crate::io::page_from_bytes("p.xml", alto.as_bytes()).expect("reads");
        let places = occurrences(&page.articles, &weixiao());
        let crop = super::place_crop(&page, &places[0], 2).expect("a crop");
        assert_crop_at(crop, [170.0, 193.0, 240.0, 235.0]);
    }

    #[test]
    fn a_place_in_a_column_of_a_page_set_vertically_is_cut_with_its_column_s_margin() {
        // The same page with `徽笑` and its line boxed as a column reads
        // them (28 px wide, 60 and 400 px tall): the margin is a quarter of
        // the column's width, a glyph, on every side.
        let alto = include_str!("../../../tests/data/ocr_misread.alto.xml")
            .replace(
                r#"HPOS="200" VPOS="200" WIDTH="60" HEIGHT="28""#,
                r#"HPOS="200" VPOS="200" WIDTH="28" HEIGHT="60""#,
            )
            .replace(
                r#"HPOS="100" VPOS="200" WIDTH="400" HEIGHT="28""#,
                r#"HPOS="200" VPOS="100" WIDTH="28" HEIGHT="400""#,
            );
        let page = crate::io::page_from_bytes("p.xml", alto.as_bytes()).expect("reads");
        let places = occurrences(&page.articles, &weixiao());
        assert_eq!(
            super::place_box(&page, &places[0], 2),
            Some([200, 200, 228, 260])
        );
        let crop = super::place_crop(&page, &places[0], 2).expect("a crop");
        assert_crop_at(crop, [193.0, 193.0, 235.0, 267.0]);
    }

    #[test]
    fn a_folder_page_with_boxes_says_where_each_place_stands_on_its_image() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let alto = include_str!("../../../tests/data/ocr_misread.alto.xml");
        let (boxed, plain) = (dir.path().join("q.xml"), dir.path().join("r.txt"));
        std::fs::write(&boxed, alto).expect("written");
        std::fs::write(&plain, "他徽笑着说。\n").expect("written");
        let (hits, skipped) = in_pages(&[boxed.clone(), plain.clone()], &weixiao());
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(hits.len(), 2);
        assert_eq!(
            (hits[0].page.as_path(), hits[0].crops.len()),
            (boxed.as_path(), 2)
        );
        assert!(
            hits[0].crops.iter().all(Option::is_some),
            "{:?}",
            hits[0].crops
        );
        assert_eq!(hits[1].crops, [None], "a page without boxes");
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
            fix("那年冬天格外寒冷", "那年冬天格外寒泠"),
            pair("寒冷", "寒泠")
        );
        // Not widened with a mark where a glyph of the word stands before:
        // `己。` would also match in `自己。`.
        assert_eq!(
            fix("他说这只是而己。", "他说这只是而已。"),
            pair("而己", "而已")
        );
        assert_eq!(
            fix("“己”", "“已”"),
            pair("己”", "已”"),
            "no glyph but marks"
        );
        assert_eq!(fix("一样", "一样"), None, "no change");
        assert_eq!(fix("一二三", "一三"), None, "a deletion");
        // A mark read twice, written once: the pair is the correction.
        assert_eq!(fix("本报讯（（记者", "本报讯（记者"), pair("（（", "（"));
        assert_eq!(fix("原子弹、、氢弹", "原子弹、氢弹"), pair("、、", "、"));
        assert_eq!(fix("谢谢谢你", "谢谢你"), None, "a word's glyph is no mark");
        assert_eq!(fix("他说………", "他说……"), None, "`……` is printed so");
        assert_eq!(fix("大桥———长江", "大桥——长江"), None, "`——` too");
        assert_eq!(fix("一三", "一二三"), None, "an insertion");
        assert_eq!(
            fix("这一段话全都重新写过了", "完全不同的另一段文字内容"),
            None,
            "a rewrite"
        );
        assert_eq!(fix("徽", "微"), None, "one glyph alone is not enough");
    }

    /// One article of body blocks holding `texts`.
    fn article_of(texts: &[&str]) -> Vec<Article> {
        let block = |text: &str| Block {
            role: Role::Body,
            text: text.to_owned(),
            spans: Vec::new(),
            edited: false,
        };
        vec![Article {
            id: "a1".to_owned(),
            kind: ArticleKind::Article,
            blocks: texts.iter().map(|t| block(t)).collect(),
        }]
    }

    #[test]
    fn occurrences_are_found_with_their_context() {
        let articles = article_of(&["他徽笑着说，大家都徽笑", "安徽的徽笑徽笑"]);
        let found = occurrences(&articles, &weixiao());
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
    }

    /// The correction of `徽笑`, as the tests make it.
    fn weixiao() -> Correction {
        Correction::new("徽笑", "微笑").expect("a correction")
    }

    #[test]
    fn a_mark_read_for_a_character_is_corrected_alone_inside_chinese_text() {
        // `-` read for `一`: the mark alone, not `-起` (the next glyph).
        let dash =
            Correction::of_edit("大家-起努力，做-名", "大家一起努力，做-名").expect("a correction");
        assert_eq!(
            (dash.from(), dash.to(), dash.inside_chinese()),
            ("-", "一", true)
        );
        let articles = article_of(&["做-名党员，2-3 天，A-B 型，-些人说-"]);
        let places: Vec<usize> = occurrences(&articles, &dash)
            .iter()
            .map(|o| o.char_index)
            .collect();
        assert_eq!(places, [1, 18], "only inside Chinese text");
        // Each is likely where `一` makes a word with a glyph beside it.
        let likely: Vec<bool> = occurrences(&articles, &dash)
            .iter()
            .map(|o| dash.likely_at(o))
            .collect();
        assert_eq!(likely, [true, true], "一名, 一些");
        let listed = article_of(&["安全-稳定的局面"]);
        let at = occurrences(&listed, &dash);
        assert_eq!(at.len(), 1);
        assert!(!dash.likely_at(&at[0]), "a 、 read as -: 一稳 is no word");
        assert!(weixiao().likely_at(&at[0]), "a word's correction always");
        // Only an ASCII mark read for characters, never a mark for a mark
        // (the punctuation rules repair those) nor a character for another.
        assert_eq!(Correction::of_mark_read_for_character(',', "，"), None);
        assert_eq!(Correction::of_mark_read_for_character('徽', "微"), None);
        assert_eq!(Correction::of_mark_read_for_character('-', "1"), None);
        let comma = Correction::of_edit("大家,起来", "大家，起来").expect("a correction");
        assert!(!comma.inside_chinese() && comma.from().chars().count() >= MIN_FROM_CHARS);
        // A word's correction is found wherever the word stands.
        assert!(!weixiao().inside_chinese());
        // The command line's pair: one ASCII mark for characters, else a
        // word, refused as a word is.
        assert_eq!(Correction::parse("-", "一"), Ok(dash.clone()));
        assert_eq!(Correction::parse("徽笑", "微笑"), Ok(weixiao()));
        assert!(matches!(
            Correction::parse("-", "，"),
            Err(super::CorrectionError::TooShort { .. })
        ));
    }
}
