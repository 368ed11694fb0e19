//! Training data out of fixtures: page pairs, articles, and labelled raw
//! lines (JSON Lines), and the walk that finds `done` fixtures in a folder.
//! See `docs/exports.md`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::fixture::Fixture;
use crate::page::{Article, Role, articles_text, trace};

/// Every `*.proofdesk.json` under `dir`, recursively, sorted by path.
///
/// Each real folder is walked once: a symlinked folder that resolves to
/// one already walked (a link to `.` or to a parent) is skipped, so a
/// page is never counted twice and a link loop ends. Symlinked folders
/// are walked last, so a folder inside `dir` is found by its own path.
///
/// # Errors
/// The I/O error of a folder that cannot be listed.
pub(crate) fn fixture_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut visited = std::collections::HashSet::new();
    let mut stack = vec![dir.to_owned()];
    let mut links = Vec::new();
    while let Some(d) = stack.pop().or_else(|| links.pop()) {
        if !visited.insert(std::fs::canonicalize(&d)?) {
            continue;
        }
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            if path.is_dir() {
                if entry.file_type()?.is_symlink() {
                    links.push(path);
                } else {
                    stack.push(path);
                }
            } else if path.to_string_lossy().ends_with(".proofdesk.json") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The id of a page in exports: its fixture's file name without the suffix.
#[must_use]
pub fn page_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    name.strip_suffix(".proofdesk.json")
        .unwrap_or(&name)
        .to_owned()
}

/// One page for sequence-to-sequence training.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PairRecord {
    /// Page id.
    pub page_id: String,
    /// SHA-256 of the raw text.
    pub source_sha256: String,
    /// The raw text as extracted (`\n` line ends).
    pub raw: String,
    /// The corrected page: articles in reading order, headline stack first,
    /// one block per line, a blank line between articles.
    pub corrected: String,
    /// Where the raw text's lines do not read on from one to the next (the
    /// extractor lost the reading order, [`crate::reading`]): how. Absent
    /// where they do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading_order: Option<crate::reading::ReadingOrder>,
}

/// One corrected article.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ArticleRecord {
    /// Page id.
    pub page_id: String,
    /// Article id within the page.
    pub article_id: String,
    /// Article kind (`article`, `continuation`, …).
    pub kind: &'static str,
    /// 引题, if any.
    pub kicker: Option<String>,
    /// 主题, if any (several headline blocks are joined by a space).
    pub headline: Option<String>,
    /// 副题, if any.
    pub subheadline: Option<String>,
    /// Byline on its own line, if any.
    pub byline: Option<String>,
    /// Paragraphs and in-article subheads, in order.
    pub paragraphs: Vec<String>,
    /// Captions, if any.
    pub caption: Option<String>,
    /// Source note, if any.
    pub source: Option<String>,
}

/// One raw line with its labels, for sequence labelling.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct LineRecord {
    /// Page id.
    pub page_id: String,
    /// Line number, from 1.
    pub line: usize,
    /// The raw line.
    pub text: String,
    /// The article its first character went to (`None` for blank lines).
    pub article_id: Option<String>,
    /// The role of that block.
    pub role: Option<&'static str>,
    /// Whether a block starts on this line.
    pub starts_block: bool,
    /// Whether the line continues the block of the previous non-blank line.
    pub joins_previous: bool,
    /// Offsets (in chars, within the line) of whitespace that the correction removed.
    pub removed_spaces: Vec<usize>,
    /// Every block run on the line, in order: where it starts (in chars,
    /// within the line), its article and role. More than one when a line
    /// holds two blocks (a headline glued onto a dateline).
    pub segments: Vec<LineSegment>,
}

/// A run of one block's characters on a raw line.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct LineSegment {
    /// Offset of the run's first character within the line, in chars.
    pub from: usize,
    /// The article.
    pub article_id: String,
    /// The block's role.
    pub role: &'static str,
}

/// What `proofdesk export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One [`PairRecord`] per page.
    Pairs,
    /// One [`ArticleRecord`] per corrected article.
    Articles,
    /// One [`LineRecord`] per raw line.
    Lines,
}

/// Why an export or evaluation stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The folder could not be listed.
    #[error("cannot list {path}: {source}")]
    List {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A fixture could not be read or is invalid.
    #[error(transparent)]
    Fixture(#[from] crate::io::IoError),
    /// The output could not be written.
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    /// An export file could not be written.
    #[error(
        "cannot write {path}: {source}; check that its folder can be written and has room, then export again"
    )]
    WriteFile {
        /// The export file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// Every `done` fixture under `dir`, with its page id, sorted by path.
///
/// # Errors
/// [`ExportError`] if the folder cannot be listed or a fixture is invalid;
/// an invalid fixture stops the export rather than being skipped silently.
pub fn done_fixtures(dir: &Path) -> Result<Vec<(String, Fixture)>, ExportError> {
    let files = fixture_files(dir).map_err(|source| ExportError::List {
        path: dir.to_owned(),
        source,
    })?;
    let mut out = Vec::new();
    for path in files {
        let f = crate::io::read_fixture(&path)?;
        if f.status == crate::page::Status::Done {
            out.push((page_id(&path), f));
        }
    }
    Ok(out)
}

/// Writes the export of every `done` fixture under `dir` as JSON Lines.
/// Returns the number of records written.
///
/// # Errors
/// [`ExportError`] as for [`done_fixtures`], or when writing fails.
pub fn write_jsonl(
    dir: &Path,
    format: ExportFormat,
    out: &mut dyn std::io::Write,
) -> Result<usize, ExportError> {
    let mut n = 0;
    for (id, f) in done_fixtures(dir)? {
        n += match format {
            ExportFormat::Pairs => emit(out, std::iter::once(pair(&id, &f)))?,
            ExportFormat::Articles => emit(out, articles(&id, &f))?,
            ExportFormat::Lines => emit(out, lines(&id, &f))?,
        };
    }
    Ok(n)
}

/// What [`write_folder`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderExport {
    /// Where the files are.
    pub out_dir: PathBuf,
    /// Records written: pairs, articles, lines.
    pub counts: [usize; 3],
}

/// The export files of [`write_folder`], in its counts' order.
pub(crate) const FOLDER_FILES: [(&str, ExportFormat); 3] = [
    ("pairs.jsonl", ExportFormat::Pairs),
    ("articles.jsonl", ExportFormat::Articles),
    ("lines.jsonl", ExportFormat::Lines),
];

/// Writes the three exports of every `done` fixture under `dir` into
/// `out_dir` (created if needed).
///
/// `pairs.jsonl`, `articles.jsonl` and `lines.jsonl` are each written whole
/// to a temporary file first, so a file of that name is always a complete
/// export.
///
/// # Errors
/// [`ExportError`] as for [`write_jsonl`], or when the folder cannot be
/// created.
pub fn write_folder(dir: &Path, out_dir: &Path) -> Result<FolderExport, ExportError> {
    std::fs::create_dir_all(out_dir)?;
    let mut counts = [0; 3];
    for (k, (name, format)) in FOLDER_FILES.iter().enumerate() {
        let path = out_dir.join(name);
        // What an export killed mid-write left: not left to pile up.
        crate::replace::remove_stale_temp_files(&path);
        counts[k] = crate::replace::write_via_temp(&path, |file| {
            let mut out = std::io::BufWriter::new(file);
            let n = write_jsonl(dir, *format, &mut out)?;
            std::io::Write::flush(&mut out)?;
            Ok(n)
        })
        .map_err(|e| match e {
            ExportError::Write(source) => ExportError::WriteFile { path, source },
            other => other,
        })?;
    }
    Ok(FolderExport {
        out_dir: out_dir.to_owned(),
        counts,
    })
}

fn emit<T: Serialize>(
    out: &mut dyn std::io::Write,
    records: impl IntoIterator<Item = T>,
) -> Result<usize, ExportError> {
    let mut n = 0;
    for r in records {
        serde_json::to_writer(&mut *out, &r).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    Ok(n)
}

/// The page pair of a fixture.
#[must_use]
pub fn pair(page_id: &str, f: &Fixture) -> PairRecord {
    PairRecord {
        page_id: page_id.to_owned(),
        source_sha256: f.source.sha256.clone(),
        raw: f.source.text.clone(),
        corrected: articles_text(&f.articles),
        reading_order: f
            .review
            .as_ref()
            .map(|r| r.reading_order)
            .filter(|r| !r.is_in_order()),
    }
}

fn joined(a: &Article, role: Role) -> Option<String> {
    let parts: Vec<&str> = a
        .blocks
        .iter()
        .filter(|b| b.role == role)
        .map(|b| b.text.as_str())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The article records of a fixture.
#[must_use]
pub fn articles(page_id: &str, f: &Fixture) -> Vec<ArticleRecord> {
    f.articles
        .iter()
        .map(|a| ArticleRecord {
            page_id: page_id.to_owned(),
            article_id: a.id.clone(),
            kind: a.kind.name(),
            kicker: joined(a, Role::Kicker),
            headline: joined(a, Role::Headline),
            subheadline: joined(a, Role::Subheadline),
            byline: joined(a, Role::Byline),
            paragraphs: a
                .blocks
                .iter()
                .filter(|b| matches!(b.role, Role::Body | Role::Subhead))
                .map(|b| b.text.clone())
                .collect(),
            caption: joined(a, Role::Caption),
            source: joined(a, Role::Source),
        })
        .collect()
}

/// Where each raw character went: (article index, block index), and whether
/// a raw whitespace character survived as a space.
struct Owners {
    block_of: Vec<Option<(usize, usize)>>,
    kept_space: Vec<bool>,
}

fn owners(raw: &[char], f: &Fixture) -> Owners {
    let mut block_of = vec![None; raw.len()];
    let mut kept_space = vec![false; raw.len()];
    for (ai, a) in f.articles.iter().enumerate() {
        for (bi, b) in a.blocks.iter().enumerate() {
            for (c, off) in b.text.chars().zip(trace(raw, &b.text, &b.spans)) {
                let Some(off) = off else { continue };
                if c.is_whitespace() {
                    kept_space[off] = true;
                } else {
                    block_of[off] = Some((ai, bi));
                }
            }
        }
    }
    Owners {
        block_of,
        kept_space,
    }
}

/// The labelled raw lines of a fixture, derived from its spans.
#[must_use]
pub fn lines(page_id: &str, f: &Fixture) -> Vec<LineRecord> {
    let raw: Vec<char> = f.source.text.chars().collect();
    let own = owners(&raw, f);
    let mut out = Vec::new();
    let mut prev_block: Option<(usize, usize)> = None;
    let mut start = 0;
    for (n, line) in f.source.text.split('\n').enumerate() {
        let len = line.chars().count();
        let range = start..start + len;
        let first = range.clone().find_map(|i| {
            if raw[i].is_whitespace() {
                None
            } else {
                own.block_of[i]
            }
        });
        let starts_block = range.clone().any(|i| {
            !raw[i].is_whitespace()
                && own.block_of[i].is_some()
                && own.block_of[i] != prev_of(&raw, &own, start, i).or(prev_block)
        });
        let removed_spaces: Vec<usize> = range
            .clone()
            .filter(|&i| raw[i].is_whitespace() && !own.kept_space[i])
            .map(|i| i - start)
            .collect();
        let mut segments: Vec<LineSegment> = Vec::new();
        let mut last: Option<(usize, usize)> = None;
        for i in range.clone().filter(|&i| !raw[i].is_whitespace()) {
            if let Some((a, b)) = own.block_of[i]
                && last != Some((a, b))
            {
                segments.push(LineSegment {
                    from: i - start,
                    article_id: f.articles[a].id.clone(),
                    role: f.articles[a].blocks[b].role.name(),
                });
                last = Some((a, b));
            }
        }
        out.push(LineRecord {
            page_id: page_id.to_owned(),
            line: n + 1,
            text: line.to_owned(),
            article_id: first.map(|(a, _)| f.articles[a].id.clone()),
            role: first.map(|(a, b)| f.articles[a].blocks[b].role.name()),
            starts_block,
            joins_previous: first.is_some() && first == prev_block,
            removed_spaces,
            segments,
        });
        if let Some(last) = range.rev().find_map(|i| {
            if raw[i].is_whitespace() {
                None
            } else {
                own.block_of[i]
            }
        }) {
            prev_block = Some(last);
        }
        start += len + 1;
    }
    out
}

/// The block of the previous non-whitespace character on the same line.
fn prev_of(raw: &[char], own: &Owners, line_start: usize, i: usize) -> Option<(usize, usize)> {
    (line_start..i)
        .rev()
        .find(|&j| !raw[j].is_whitespace())
        .and_then(|j| own.block_of[j])
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_folder_export_writes_three_complete_files() {
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let out = tempfile::tempdir().expect("a temp dir");
        let done = super::write_folder(&fixtures, &out.path().join("export")).expect("exports");
        assert_eq!(done.counts[0], 3, "one pair per done page");
        assert!(
            done.counts[1] > 3 && done.counts[2] > done.counts[1],
            "{:?}",
            done.counts
        );
        for ((name, _), n) in super::FOLDER_FILES.iter().zip(done.counts) {
            let text = std::fs::read_to_string(done.out_dir.join(name)).expect("written");
            assert_eq!(text.lines().count(), n, "{name}");
        }
        let names: Vec<String> = std::fs::read_dir(&done.out_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "no leftover: {names:?}");
    }

    /// An export file that cannot be written is named in the error, and no
    /// temporary file is left behind.
    #[test]
    fn a_failed_export_names_its_file_and_leaves_nothing_half_written() {
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let out = tempfile::tempdir().expect("a temp dir");
        // Something that is not a file stands where lines.jsonl goes.
        std::fs::create_dir(out.path().join("lines.jsonl")).unwrap();
        let e = super::write_folder(&fixtures, out.path()).unwrap_err();
        assert!(matches!(e, super::ExportError::WriteFile { .. }), "{e:?}");
        assert!(e.to_string().contains("lines.jsonl"), "{e}");
        let tmp = std::fs::read_dir(out.path())
            .unwrap()
            .filter(|f| {
                f.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(tmp, 0, "no temporary file left");
    }

    /// What an export killed mid-write left (its process gone: a number
    /// above Linux's largest process number) is cleared by the next one.
    #[test]
    fn an_export_clears_what_a_killed_export_left() {
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let out = tempfile::tempdir().expect("a temp dir");
        let left = out.path().join("pairs.jsonl.4194305-0.tmp");
        std::fs::write(&left, "{\"half\":").unwrap();
        super::write_folder(&fixtures, out.path()).expect("exports");
        assert!(!left.exists(), "cleared");
    }

    use super::{articles, lines, pair};
    use crate::fixture::Fixture;
    use crate::io::page_from_bytes;

    fn fixture() -> Fixture {
        let text =
            "正 文 一 ，\n\n继续。\n标题一\n本 报 讯 （记 者 王 凤 侠）11 月 开 会 。\n标题二";
        let page = page_from_bytes("p.txt", text.as_bytes()).expect("decodes");
        Fixture::from_page(&page, "2026-11-28T00:00:00Z")
    }

    #[test]
    fn pairs_and_articles() {
        let f = fixture();
        let p = pair("p", &f);
        assert_eq!(
            p.corrected,
            "标题一\n正文一，继续。\n\n标题二\n本报讯（记者 王凤侠）11月开会。\n"
        );
        let a = articles("p", &f);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].headline.as_deref(), Some("标题一"));
        assert_eq!(a[0].paragraphs, ["正文一，继续。"]);
        assert_eq!(a[1].headline.as_deref(), Some("标题二"));
        assert_eq!(a[1].paragraphs, ["本报讯（记者 王凤侠）11月开会。"]);
        // A page in order says nothing of it.
        assert_eq!(p.reading_order, None);
        let json = serde_json::to_string(&p).expect("serialises");
        assert!(!json.contains("reading_order"));
    }

    #[test]
    fn a_pair_whose_raw_text_lost_its_reading_order_says_so() {
        let seed = include_str!("../../../tests/data/seed_page.txt");
        let text = crate::reading::set_row_by_row(seed, 3);
        let page = page_from_bytes("rows.txt", text.as_bytes()).expect("decodes");
        let p = pair("rows", &Fixture::from_page(&page, "2026-12-04T00:00:00Z"));
        let json: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&p).expect("serialises")).expect("JSON");
        assert_eq!(
            json["reading_order"],
            serde_json::json!({"rows_interleaved": {"lag": 3}})
        );
    }

    #[test]
    fn line_labels_come_from_spans() {
        let f = fixture();
        let l = lines("p", &f);
        assert_eq!(l.len(), 6);
        assert_eq!(
            (l[0].role, l[0].starts_block, l[0].joins_previous),
            (Some("body"), true, false)
        );
        assert_eq!(l[0].removed_spaces, [1, 3, 5]);
        assert_eq!(l[1].article_id, None, "a blank line belongs to nothing");
        assert_eq!((l[2].starts_block, l[2].joins_previous), (false, true));
        assert_eq!((l[3].role, l[3].starts_block), (Some("headline"), true));
        assert_eq!(l[4].article_id.as_deref(), Some("a2"));
        assert_eq!(l[4].segments.len(), 1);
        assert_eq!(l[4].segments[0].from, 0);
        // 记者 王凤侠: the space after the role is kept, the others removed.
        assert!(
            !l[4].removed_spaces.contains(&10),
            "{:?}",
            l[4].removed_spaces
        );
        assert!(l[4].removed_spaces.contains(&1));
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_linked_into_itself_is_walked_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut f = fixture();
        f.status = crate::page::Status::Done;
        std::fs::write(
            dir.path().join("p.txt.proofdesk.json"),
            f.to_json().expect("encodes"),
        )
        .expect("writes");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("mkdir");
        f.status = crate::page::Status::Auto;
        std::fs::write(
            sub.join("q.txt.proofdesk.json"),
            f.to_json().expect("encodes"),
        )
        .expect("writes");
        std::os::unix::fs::symlink(".", dir.path().join("loop")).expect("links");
        std::os::unix::fs::symlink("sub", dir.path().join("a-link")).expect("links");
        let files = super::fixture_files(dir.path()).expect("walks");
        assert_eq!(
            files,
            [
                dir.path().join("p.txt.proofdesk.json"),
                sub.join("q.txt.proofdesk.json")
            ],
            "real folders are walked, each once"
        );
        let done = super::done_fixtures(dir.path()).expect("loads");
        assert_eq!(done.len(), 1, "one page, counted once");
        assert_eq!(done[0].0, "p.txt");
    }
}
