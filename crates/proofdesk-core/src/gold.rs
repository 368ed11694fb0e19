//! Gold in the devpages format (`NNN.gold.json` beside `NNN.raw.txt`, the
//! format `score_pages.py` reads) as the project's corrected articles, and a
//! page with such gold as a done training fixture.
//!
//! Kicker, headline and subheadline become title blocks; a byline becomes a
//! `byline` block only when it is not printed inline (an inline
//! `本报讯（记者 …）` stays at the start of the first paragraph, as in the
//! seed's gold); paragraphs become body blocks, captions caption blocks; a
//! headline-less article is a continuation; `page_furniture` is a page
//! header article. Blocks are placed on the raw text by
//! [`crate::eval::place_blocks`], which is score.py's `locate`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::fixture::Fixture;
use crate::page::{Article, ArticleKind, Block, Page, Role, Status};

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// Not JSON.
    #[error("the gold file is not JSON ({0}); check that it is a devpages `NNN.gold.json`")]
    Json(#[from] serde_json::Error),
    /// JSON without an `articles` list.
    #[error("the gold file has no `articles` list; check that it is a devpages `NNN.gold.json`")]
    NoArticles,
    /// A folder, gold file or page could not be read.
    #[error(
        "{path}: {source}; check that it is a devpages folder (`NNN.raw.txt` with `NNN.gold.json`)"
    )]
    Read {
        /// What could not be read.
        path: PathBuf,
        /// Why.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// A string field, when it holds text.
fn text_of(v: &Value) -> Option<&str> {
    v.as_str().filter(|s| !s.trim().is_empty())
}

fn block(role: Role, text: &str) -> Block {
    Block {
        role,
        text: text.to_owned(),
        spans: vec![],
        edited: false,
    }
}

/// The gold of a page as corrected articles, not yet placed on the raw text
/// (their blocks have no spans).
///
/// # Errors
/// [`GoldError::NoArticles`] when `gold` has no `articles` list.
pub fn gold_articles(gold: &Value) -> Result<Vec<Article>, GoldError> {
    let mut out = Vec::new();
    for furniture in gold["page_furniture"].as_array().into_iter().flatten() {
        if let Some(t) = text_of(furniture) {
            out.push(Article {
                id: format!("a{}", out.len() + 1),
                kind: ArticleKind::PageHeader,
                blocks: vec![block(Role::PageHeader, t)],
            });
        }
    }
    let articles = gold["articles"].as_array().ok_or(GoldError::NoArticles)?;
    for a in articles {
        let mut blocks = Vec::new();
        for (key, role) in [
            ("kicker", Role::Kicker),
            ("headline", Role::Headline),
            ("subheadline", Role::Subheadline),
        ] {
            if let Some(t) = text_of(&a[key]) {
                blocks.push(block(role, t));
            }
        }
        // An inline byline is printed as the start of the first paragraph
        // and stays there, as in the seed's gold (`本报讯（记者 …）…`).
        if a["byline_inline"] != Value::Bool(true)
            && let Some(t) = text_of(&a["byline"])
        {
            blocks.push(block(Role::Byline, t));
        }
        for (key, role) in [("paragraphs", Role::Body), ("captions", Role::Caption)] {
            for p in a[key].as_array().into_iter().flatten() {
                if let Some(t) = text_of(p) {
                    blocks.push(block(role, t));
                }
            }
        }
        // Headline-less articles are continuations (`（上接第一版）…`).
        let kind = if text_of(&a["headline"]).is_some() {
            ArticleKind::Article
        } else {
            ArticleKind::Continuation
        };
        out.push(Article {
            id: format!("a{}", out.len() + 1),
            kind,
            blocks,
        });
    }
    Ok(out)
}

/// The group of a page, as `score_pages.py` names it: extractor and
/// headline convention (`pdftotext-raw headlines-after`), and the extractor
/// alone.
#[must_use]
pub fn group_of(gold: &Value) -> (String, String) {
    let generator = &gold["generator"];
    let extractor = generator["extractor"].as_str().unwrap_or("?").to_owned();
    let after = generator["head_after_body_p"].as_f64().unwrap_or(0.0) >= 0.5;
    let convention = if after {
        "headlines-after"
    } else {
        "headlines-before"
    };
    (format!("{extractor} {convention}"), extractor)
}

/// A page with its gold, as a fixture.
#[derive(Clone, Debug)]
pub struct GoldPage {
    /// The page's fixture: its proposal as `proofdesk normalize` makes it,
    /// the gold as its correction, status `done`.
    pub fixture: Fixture,
    /// Gold blocks that could not be placed on the raw text as one run:
    /// they have no spans, are marked `edited` (their text is gold's, not
    /// traced to the raw text), and every figure leaves them out.
    pub unplaced_blocks: usize,
    /// Their non-whitespace characters.
    pub unplaced_chars: usize,
}

/// The fixture of `page` corrected to the gold in `gold_json`, status
/// `done`, stamped `now`.
///
/// # Errors
/// When `gold_json` is not devpages gold.
pub fn done_fixture(page: &Page, gold_json: &str, now: &str) -> Result<GoldPage, GoldError> {
    let gold: Value = serde_json::from_str(gold_json)?;
    let chars: Vec<char> = page.raw.text().chars().collect();
    let mut articles = gold_articles(&gold)?;
    // An engine's misread text is lined up with the gold; an extractor's
    // is the gold's, glyph for glyph.
    let unplaced_blocks = if page.raw.read_by_engine() {
        crate::eval::place_blocks_lined_up(&chars, &mut articles)
    } else {
        crate::eval::place_blocks(&chars, &mut articles)
    };
    let mut unplaced_chars = 0;
    for b in articles.iter_mut().flat_map(|a| &mut a.blocks) {
        if b.spans.is_empty() {
            // Its text is gold's, not traced to the raw text: as typed.
            b.edited = true;
            unplaced_chars += b.text.chars().filter(|c| !c.is_whitespace()).count();
        }
    }
    let mut fixture = Fixture::from_page(page, now);
    fixture.articles = articles;
    fixture.status = Status::Done;
    Ok(GoldPage {
        fixture,
        unplaced_blocks,
        unplaced_chars,
    })
}

/// The pages of a devpages folder, in name order, each with its gold.
///
/// A gold file `NNN.gold.json` goes with `NNN.raw.txt` (an extractor's
/// text) or, in a folder of OCR pages (`devpages-ocr`), the engine's
/// `NNN.hocr`, else its ALTO `NNN.xml`, else its plain `NNN.txt`; one
/// without a page is left out.
///
/// # Errors
/// [`GoldError::Read`] when the folder cannot be listed.
pub fn devpage_files(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>, GoldError> {
    let entries = std::fs::read_dir(dir).map_err(|e| GoldError::Read {
        path: dir.to_owned(),
        source: Box::new(e),
    })?;
    let mut out: Vec<(PathBuf, PathBuf)> = entries
        .filter_map(|e| {
            let path = e.ok()?.path();
            let stem = path.file_name()?.to_str()?.strip_suffix(".gold.json")?;
            let raw = [".raw.txt", ".hocr", ".xml", ".txt"]
                .iter()
                .map(|ext| dir.join(format!("{stem}{ext}")))
                .find(|raw| raw.is_file())?;
            Some((raw, path.clone()))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// A devpage read: the page as `proofdesk` opens it (the rules' proposal),
/// its group, and the page with its gold as a done fixture.
#[derive(Clone, Debug)]
pub struct DevPage {
    /// The raw file's name (`001.raw.txt`).
    pub name: String,
    /// Extractor and headline convention ([`group_of`]).
    pub group: String,
    /// The extractor alone.
    pub extractor: String,
    /// The page, proposed by the rules.
    pub page: Page,
    /// The page with its gold as its correction.
    pub gold: GoldPage,
}

/// Reads the devpage `raw` with its gold file `gold`; the fixture is
/// stamped `now`.
///
/// # Errors
/// [`GoldError::Read`] when a file cannot be read; the others when the
/// gold is not devpages gold.
pub fn read_devpage(raw: &Path, gold: &Path, now: &str) -> Result<DevPage, GoldError> {
    let page = crate::io::read_page(raw).map_err(|e| GoldError::Read {
        path: raw.to_owned(),
        source: Box::new(e),
    })?;
    let json = std::fs::read_to_string(gold).map_err(|e| GoldError::Read {
        path: gold.to_owned(),
        source: Box::new(e),
    })?;
    let (group, extractor) = group_of(&serde_json::from_str(&json)?);
    let made = done_fixture(&page, &json, now)?;
    Ok(DevPage {
        name: crate::io::file_name(raw),
        group,
        extractor,
        page,
        gold: made,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_of_ocr_pages_pairs_each_gold_with_the_engine_s_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let touch = |name: &str| std::fs::write(dir.path().join(name), "x").expect("writes");
        for name in ["001.gold.json", "001.raw.txt", "001.hocr"] {
            touch(name);
        }
        for name in ["002.gold.json", "002.txt", "002.xml", "002.hocr"] {
            touch(name);
        }
        for name in ["003.gold.json", "003.txt"] {
            touch(name);
        }
        // A gold file without a page is left out.
        touch("004.gold.json");
        let names: Vec<String> = devpage_files(dir.path())
            .expect("lists")
            .iter()
            .map(|(raw, _)| crate::io::file_name(raw))
            .collect();
        assert_eq!(names, ["001.raw.txt", "002.hocr", "003.txt"]);
    }

    #[test]
    fn titles_bylines_paragraphs_and_captions_become_blocks_of_their_roles() {
        let gold = serde_json::json!({
            "page_furniture": ["第2版"],
            "articles": [
                {"kicker": null, "headline": "标题", "subheadline": "副题",
                 "byline": "本报记者 某某", "byline_inline": false,
                 "paragraphs": ["正文一。", "正文二。"], "captions": ["图片说明"]},
                {"kicker": null, "headline": null, "subheadline": null,
                 "byline": "本报讯（记者 某某）", "byline_inline": true,
                 "paragraphs": ["（上接第一版）续文。"], "captions": []}
            ]
        });
        let articles = gold_articles(&gold).expect("gold");
        let roles: Vec<Vec<Role>> = articles
            .iter()
            .map(|a| a.blocks.iter().map(|b| b.role).collect())
            .collect();
        assert_eq!(
            roles,
            vec![
                vec![Role::PageHeader],
                vec![
                    Role::Headline,
                    Role::Subheadline,
                    Role::Byline,
                    Role::Body,
                    Role::Body,
                    Role::Caption
                ],
                vec![Role::Body],
            ]
        );
        assert_eq!(articles[1].kind, ArticleKind::Article);
        assert_eq!(articles[2].kind, ArticleKind::Continuation);
    }

    #[test]
    fn gold_without_articles_is_refused_with_what_to_check() {
        let e = gold_articles(&serde_json::json!({"pages": []})).expect_err("no articles");
        assert!(e.to_string().contains("gold.json"), "{e}");
    }
}
