//! Normalizing many pages at once: one `auto` fixture per page, written in
//! parallel on all cores.
//!
//! A fixture already there that holds a person's work (`draft` or `done`),
//! or that cannot be read, is never replaced; only its `proposal` can be
//! made anew, when asked ([`Corrected::RefreshProposal`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator as _, ParallelIterator as _};

use crate::fixture::{Fixture, NORMALIZER_VERSION, now_rfc3339};
use crate::io::{
    IoError, fixture_path_for, read_fixture, read_page_with, write_atomic, write_fixture,
};
use crate::line_model::LineModel;
use crate::page::{Status, unshared};

/// Why a batch could not start.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// An input folder could not be listed.
    #[error("cannot list {path}: {source}")]
    List {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Two inputs would write the same fixture.
    #[error(
        "{first} and {second} have the same file name, so their fixtures would overwrite each other; normalize them into separate folders"
    )]
    SameName {
        /// One page.
        first: PathBuf,
        /// The other.
        second: PathBuf,
    },
    /// The output folder could not be made.
    #[error("cannot create the output folder {path}: {source}")]
    OutDir {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// The files [`collect_pages`] found.
#[derive(Debug, Default)]
pub struct Collected {
    /// The pages, in the order named (a folder's sorted).
    pub pages: Vec<PathBuf>,
    /// Files named one by one that are no pages by the queue's rule
    /// ([`crate::queue::is_page_file`]): a fixture, its backup or lock
    /// file, a picture, a hidden or `~` file (a shell's `*` names them all).
    pub not_pages: Vec<PathBuf>,
}

/// The page files named by `inputs`: the pages directly inside folders,
/// sorted per folder, and files named one by one.
///
/// Pages are chosen as the queue chooses them (`queue::is_page_file`,
/// `queue::is_page_entry`): no fixtures, their backups or lock files, no
/// pictures, no hidden files, no folders. A file named one by one that is
/// no page is set apart in [`Collected::not_pages`], for the caller to say
/// so (before session 50 a shell's `*` made fixtures of fixtures).
///
/// # Errors
/// [`BatchError::List`] for a folder that cannot be listed.
pub fn collect_pages(inputs: &[PathBuf]) -> Result<Collected, BatchError> {
    let mut pages = Vec::new();
    let mut not_pages = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let list = |e| BatchError::List {
                path: input.clone(),
                source: e,
            };
            let mut found = Vec::new();
            for entry in std::fs::read_dir(input).map_err(list)? {
                let entry = entry.map_err(list)?;
                if crate::queue::is_page_entry(&entry) {
                    found.push(entry.path());
                }
            }
            found.sort();
            pages.extend(found);
        } else if input
            .file_name()
            .is_some_and(|n| crate::queue::is_page_file(&n.to_string_lossy()))
        {
            pages.push(input.clone());
        } else {
            not_pages.push(input.clone());
        }
    }
    Ok(Collected { pages, not_pages })
}

/// What a batch does with a fixture already there that holds a correction
/// (status `draft` or `done`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Corrected {
    /// Leave it as it is, byte for byte (its backup too).
    #[default]
    Keep,
    /// Make its `proposal` anew with the current rules, if its page is still
    /// the text it was made from; `articles`, `review`, `status` and
    /// `provenance.created` stay as they are.
    RefreshProposal,
}

/// What a batch did.
#[derive(Debug, Default)]
pub struct BatchReport {
    /// Fixtures written: new ones, and `auto` ones replaced by a fresh one.
    pub written: usize,
    /// Corrected fixtures (`draft` or `done`) left byte for byte as they were.
    pub kept: usize,
    /// Corrected fixtures whose proposal was made anew.
    pub refreshed: usize,
    /// Corrected fixtures not refreshed because their page is no longer the
    /// text they were made from; left as they were.
    pub stale: Vec<PathBuf>,
    /// Pages a desk has open (their lock is held), with who holds it: their
    /// fixtures are left as they were, written by no batch, refreshed or
    /// not: the desk's next save would otherwise find its file changed,
    /// or a draft it saved meanwhile be replaced.
    pub open: Vec<(PathBuf, String)>,
    /// Fixtures already there that cannot be read (damaged, from a newer
    /// Proofdesk, not readable), with the reason; left as they were.
    pub damaged: Vec<IoError>,
    /// Pages that failed, with the reason; the other pages are still written.
    pub failed: Vec<IoError>,
    /// What the user should know of pages whose fixture was written
    /// ([`warnings_of`]): a picture there but not read for its ink, a
    /// page whose reading order is lost.
    pub warnings: Vec<String>,
}

/// What happened to one page.
enum Outcome {
    Written,
    Kept,
    Refreshed,
    Stale(PathBuf),
    Open(PathBuf, String),
    Damaged(IoError),
    Failed(IoError),
}

/// Normalizes `pages` into `out_dir`, in parallel.
///
/// One `NAME.proofdesk.json` each, status `auto`, its proposal refined by
/// the line `model` when one is given; `tick` is called once per page,
/// from any thread.
///
/// A fixture already there is replaced only if it is `auto`; a corrected
/// one is kept or has its proposal refreshed, as `corrected` says, and one
/// that cannot be read is kept. The report counts each.
///
/// # Errors
/// [`BatchError`] before anything is written: same-named inputs, or an
/// output folder that cannot be made. Failures of single pages are in the
/// report.
pub fn normalize_pages(
    pages: &[PathBuf],
    out_dir: &Path,
    corrected: Corrected,
    model: Option<&LineModel>,
    tick: &(dyn Fn() + Sync),
) -> Result<BatchReport, BatchError> {
    let mut names: HashMap<std::ffi::OsString, &PathBuf> = HashMap::new();
    for page in pages {
        let name = page
            .file_name()
            .map(std::ffi::OsStr::to_os_string)
            .unwrap_or_default();
        if let Some(first) = names.insert(name, page) {
            return Err(BatchError::SameName {
                first: first.clone(),
                second: page.clone(),
            });
        }
    }
    std::fs::create_dir_all(out_dir).map_err(|source| BatchError::OutDir {
        path: out_dir.to_owned(),
        source,
    })?;
    let results: Vec<(Outcome, Vec<String>)> = pages
        .par_iter()
        .map(|page| {
            let target = out_dir.join(fixture_path_for(page).file_name().unwrap_or_default());
            let outcome = normalize_one(page, &target, corrected, model);
            tick();
            outcome
        })
        .collect();
    let mut report = BatchReport::default();
    for (outcome, warning) in results {
        report.warnings.extend(warning);
        match outcome {
            Outcome::Written => report.written += 1,
            Outcome::Kept => report.kept += 1,
            Outcome::Refreshed => report.refreshed += 1,
            Outcome::Stale(path) => report.stale.push(path),
            Outcome::Open(path, holder) => report.open.push((path, holder)),
            Outcome::Damaged(e) => report.damaged.push(e),
            Outcome::Failed(e) => report.failed.push(e),
        }
    }
    Ok(report)
}

/// Writes the fixture of `page` to `target`, unless a fixture there holds
/// work or cannot be read; with the page's warnings where it was read
/// ([`warnings_of`]).
fn normalize_one(
    page: &Path,
    target: &Path,
    corrected: Corrected,
    model: Option<&LineModel>,
) -> (Outcome, Vec<String>) {
    // The fixture is read, the page proposed and the fixture written under
    // the page's lock, as a desk holds it, so that neither overwrites the
    // other's write: a desk may have opened the page (no fixture yet, or
    // an `auto` one) and save a draft while the page is proposed, which a
    // write made without the lock would replace. A page open in a desk is
    // left to it. The lock file stays, as a desk's does.
    let _lock = match crate::lock::try_lock(target, &now_rfc3339()).or_holder() {
        Ok(lock) => lock,
        Err(holder) => return (Outcome::Open(target.to_owned(), holder), Vec::new()),
    };
    let existing = match read_fixture(target) {
        Ok(fixture) => Some(fixture),
        Err(IoError::File { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return (Outcome::Damaged(e), Vec::new()),
    };
    // A fixture that holds a correction is kept unless its proposal is to
    // be made anew; none, or only an automatic proposal: no one's work to
    // lose.
    let corrected_fixture = existing.filter(|f| f.status != Status::Auto);
    if corrected_fixture.is_some() && corrected == Corrected::Keep {
        return (Outcome::Kept, Vec::new());
    }
    let read = match read_page_with(page, model) {
        Ok(read) => read,
        Err(e) => return (Outcome::Failed(e), Vec::new()),
    };
    let warning = warnings_of(&read, page);
    let outcome = match corrected_fixture {
        Some(fixture) => refresh_proposal(&read, target, fixture),
        None => match write_fixture(&read, target) {
            Ok(()) => Outcome::Written,
            Err(e) => Outcome::Failed(e),
        },
    };
    (outcome, warning)
}

/// What the user should know of `page`, read from `path`, each naming the
/// page.
///
/// Why the picture beside it was not read for its ink
/// ([`crate::picture::unread_because`]), and that its reading order is
/// lost ([`crate::reading::ReadingOrder::warning`]).
#[must_use]
pub fn warnings_of(page: &crate::page::Page, path: &Path) -> Vec<String> {
    crate::picture::unread_because(page, path)
        .into_iter()
        .chain(page.review.reading.warning())
        .map(|why| format!("{}: {why}", path.display()))
        .collect()
}

/// Replaces the proposal of a corrected fixture with the one the current
/// rules make, touching nothing of the correction.
fn refresh_proposal(page: &crate::page::Page, target: &Path, mut fixture: Fixture) -> Outcome {
    if page.raw.sha256() != fixture.source.sha256 {
        return Outcome::Stale(target.to_owned());
    }
    let proposal = unshared(&page.proposal);
    if proposal == fixture.proposal {
        return Outcome::Kept;
    }
    fixture.proposal = proposal;
    fixture.provenance.normalizer_version = NORMALIZER_VERSION;
    env!("CARGO_PKG_VERSION").clone_into(&mut fixture.provenance.tool_version);
    fixture.provenance.modified = now_rfc3339();
    let written = fixture
        .to_json()
        .map_err(|e| IoError::File {
            action: "encode",
            path: target.to_owned(),
            source: e.into(),
        })
        .and_then(|json| write_atomic(target, json.as_bytes()));
    match written {
        Ok(()) => Outcome::Refreshed,
        Err(e) => Outcome::Failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::{BatchError, Corrected, collect_pages, normalize_pages};
    use crate::fixture::Fixture;
    use crate::io::{page_from_bytes, read_fixture};
    use crate::page::Status;
    use std::path::Path;

    #[test]
    fn folder_of_pages_gives_one_fixture_each() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pages = dir.path().join("pages");
        std::fs::create_dir(&pages).expect("mkdir");
        for i in 0..5 {
            std::fs::write(pages.join(format!("p{i}.txt")), "标题\n\n正 文 一 。\n")
                .expect("writes");
        }
        std::fs::write(pages.join("bad.bin"), b"\x00\x01").expect("writes");
        std::fs::write(pages.join("p0.txt.proofdesk.json"), "{}").expect("writes");
        let found = collect_pages(std::slice::from_ref(&pages))
            .expect("lists")
            .pages;
        assert_eq!(found.len(), 6, "fixtures are not pages: {found:?}");
        let out = dir.path().join("out");
        let ticks = std::sync::atomic::AtomicUsize::new(0);
        let report = normalize_pages(&found, &out, Corrected::Keep, None, &|| {
            ticks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        })
        .expect("runs");
        assert_eq!(report.written, 5);
        assert_eq!(report.failed.len(), 1, "the binary file fails alone");
        assert!(report.failed[0].to_string().contains("binary"));
        assert_eq!(ticks.into_inner(), 6);
        let f = crate::io::read_fixture(&out.join("p3.txt.proofdesk.json")).expect("valid fixture");
        assert_eq!(f.status, crate::page::Status::Auto);
    }

    #[test]
    fn same_names_are_refused_before_writing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        for d in [&a, &b] {
            std::fs::create_dir(d).expect("mkdir");
            std::fs::write(d.join("p.txt"), "正文。").expect("writes");
        }
        let pages = collect_pages(&[a, b]).expect("lists").pages;
        let err = normalize_pages(
            &pages,
            &dir.path().join("out"),
            Corrected::Keep,
            None,
            &|| {},
        )
        .expect_err("clash");
        assert!(matches!(err, BatchError::SameName { .. }));
        assert!(!dir.path().join("out").exists(), "nothing is written");
    }

    const PAGE: &str = "标题\n\n正 文 一 。\n正 文 二 。\n";

    /// The fixture of `text` as page `name`, with `status`, a corrected
    /// first block and a settled first doubt.
    fn corrected_fixture(name: &str, text: &str, status: Status) -> Fixture {
        let mut f = Fixture::from_page(
            &page_from_bytes(name, text.as_bytes()).expect("decodes"),
            "2020-01-01T00:00:00Z",
        );
        f.status = status;
        f.articles[0].blocks[0].text = "人改过的标题".to_owned();
        f.articles[0].blocks[0].edited = true;
        if let Some(review) = &mut f.review
            && let Some(d) = review.doubts.first_mut()
        {
            d.resolution = Some(crate::doubt::Resolution::Flipped);
        }
        f
    }

    /// Writes `f` to `path`; returns its bytes.
    fn write(path: &Path, f: &Fixture) -> Vec<u8> {
        let json = f.to_json().expect("encodes");
        std::fs::write(path, &json).expect("writes");
        json.into_bytes()
    }

    /// [`corrected_fixture`] written to `path`; returns its bytes.
    fn corrected(path: &Path, name: &str, text: &str, status: Status) -> Vec<u8> {
        write(path, &corrected_fixture(name, text, status))
    }

    #[test]
    fn one_rule_for_pages() {
        let dir = crate::queue::tests::mixed_folder();
        let found = collect_pages(&[dir.path().to_owned()])
            .expect("lists")
            .pages;
        assert_eq!(
            found,
            [dir.path().join("a.txt"), dir.path().join("x.bak")],
            "the same pages as the queue"
        );
        // Named one by one, as a shell's `*` names them: the same rule,
        // the rest set apart.
        let mut named: Vec<_> = std::fs::read_dir(dir.path())
            .expect("lists")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_file())
            .collect();
        named.sort();
        let collected = collect_pages(&named).expect("lists");
        assert_eq!(
            collected.pages,
            [dir.path().join("a.txt"), dir.path().join("x.bak")]
        );
        assert_eq!(collected.not_pages.len(), named.len() - 2, "{collected:?}");
    }

    #[test]
    fn corrected_and_damaged_fixtures_survive_two_runs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for name in [
            "done.txt",
            "draft.txt",
            "auto.txt",
            "damaged.txt",
            "new.txt",
        ] {
            std::fs::write(d.join(name), PAGE).expect("writes");
        }
        let fixture = |name: &str| d.join(format!("{name}.proofdesk.json"));
        let done = corrected(&fixture("done.txt"), "done.txt", PAGE, Status::Done);
        let draft = corrected(&fixture("draft.txt"), "draft.txt", PAGE, Status::Draft);
        corrected(&fixture("auto.txt"), "auto.txt", PAGE, Status::Auto);
        std::fs::write(fixture("damaged.txt"), "{trunc").expect("writes");
        std::fs::write(d.join("done.txt.proofdesk.json.bak"), "the older backup").expect("writes");
        for run in 0..2 {
            let pages = collect_pages(&[d.to_owned()]).expect("lists").pages;
            assert_eq!(pages.len(), 5, "fixtures are not pages");
            let report = normalize_pages(&pages, d, Corrected::Keep, None, &|| {}).expect("runs");
            assert!(
                std::fs::read(fixture("done.txt")).expect("reads") == done,
                "run {run}: the done fixture is byte for byte as it was"
            );
            assert!(
                std::fs::read(fixture("draft.txt")).expect("reads") == draft,
                "run {run}: so is the draft"
            );
            assert_eq!(
                std::fs::read_to_string(d.join("done.txt.proofdesk.json.bak")).expect("reads"),
                "the older backup",
                "run {run}: the backup is not replaced either"
            );
            assert!(
                !d.join("draft.txt.proofdesk.json.bak").exists(),
                "run {run}"
            );
            assert_eq!(
                std::fs::read_to_string(fixture("damaged.txt")).expect("reads"),
                "{trunc",
                "run {run}: a damaged fixture is left for the user to look at"
            );
            assert_eq!(report.kept, 2, "run {run}");
            assert_eq!(report.damaged.len(), 1, "run {run}");
            assert!(
                report.damaged[0]
                    .to_string()
                    .contains("damaged.txt.proofdesk.json"),
                "{}",
                report.damaged[0]
            );
            assert_eq!(report.written, 2, "run {run}: the auto and the new page");
            assert!(report.failed.is_empty(), "run {run}: {:?}", report.failed);
            let auto = read_fixture(&fixture("auto.txt")).expect("valid");
            assert_eq!(auto.status, Status::Auto, "an auto fixture is replaced");
            assert_eq!(auto.articles, auto.proposal, "by a fresh one");
            assert!(read_fixture(&fixture("new.txt")).is_ok(), "run {run}");
        }
    }

    #[test]
    fn a_page_open_in_a_desk_is_not_refreshed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::write(d.join("open.txt"), PAGE).expect("writes");
        let fixture = d.join("open.txt.proofdesk.json");
        let mut old = corrected_fixture("open.txt", PAGE, Status::Draft);
        old.proposal.clear();
        write(&fixture, &old);
        let before = std::fs::read(&fixture).expect("reads");
        // A desk holds the page.
        let crate::lock::Lock::Held(desk) = crate::lock::try_lock(&fixture, "2026-12-06T00:00:00Z")
        else {
            panic!("the page's lock is free");
        };
        let pages = collect_pages(&[d.to_owned()]).expect("lists").pages;
        let report =
            normalize_pages(&pages, d, Corrected::RefreshProposal, None, &|| {}).expect("runs");
        assert_eq!(report.open.len(), 1, "{report:?}");
        assert!(report.open[0].1.contains("pid"), "names the holder");
        assert_eq!(report.refreshed, 0);
        assert_eq!(
            std::fs::read(&fixture).expect("reads"),
            before,
            "left as it was"
        );
        // Closed, it is refreshed.
        drop(desk);
        let report =
            normalize_pages(&pages, d, Corrected::RefreshProposal, None, &|| {}).expect("runs");
        assert_eq!((report.refreshed, report.open.len()), (1, 0));
    }

    /// A desk that opened a page with no fixture (or an `auto` one) may
    /// save a draft while the batch proposes the page: the batch leaves
    /// such a page to the desk, in every mode (it wrote over the draft,
    /// kept only as `.bak`, before session 50).
    #[test]
    fn a_page_open_in_a_desk_is_not_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::write(d.join("new.txt"), PAGE).expect("writes");
        std::fs::write(d.join("auto.txt"), PAGE).expect("writes");
        let auto = d.join("auto.txt.proofdesk.json");
        write(&auto, &corrected_fixture("auto.txt", PAGE, Status::Auto));
        let before = std::fs::read(&auto).expect("reads");
        let new = d.join("new.txt.proofdesk.json");
        let held: Vec<_> = [&new, &auto]
            .iter()
            .map(|f| match crate::lock::try_lock(f, "2026-12-06T00:00:00Z") {
                crate::lock::Lock::Held(lock) => lock,
                other => panic!("the page's lock is free: {other:?}"),
            })
            .collect();
        let pages = collect_pages(&[d.to_owned()]).expect("lists").pages;
        let report = normalize_pages(&pages, d, Corrected::Keep, None, &|| {}).expect("runs");
        assert_eq!((report.written, report.open.len()), (0, 2), "{report:?}");
        assert!(!new.exists(), "no fixture written under the desk");
        assert_eq!(
            std::fs::read(&auto).expect("reads"),
            before,
            "left as it was"
        );
        // Closed, both are written.
        drop(held);
        let report = normalize_pages(&pages, d, Corrected::Keep, None, &|| {}).expect("runs");
        assert_eq!((report.written, report.open.len()), (2, 0), "{report:?}");
        assert!(new.exists());
    }

    #[test]
    fn refreshing_replaces_only_the_proposal_of_an_unchanged_page() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for name in [
            "old.txt",
            "current.txt",
            "changed.txt",
            "auto.txt",
            "damaged.txt",
        ] {
            std::fs::write(d.join(name), PAGE).expect("writes");
        }
        let fixture = |name: &str| d.join(format!("{name}.proofdesk.json"));
        let mut old = corrected_fixture("old.txt", PAGE, Status::Done);
        old.proposal.clear();
        old.provenance.normalizer_version = 0;
        write(&fixture("old.txt"), &old);
        let current = corrected(&fixture("current.txt"), "current.txt", PAGE, Status::Draft);
        let other_text = "别的标题\n\n别 的 正 文 。\n";
        let changed = corrected(
            &fixture("changed.txt"),
            "changed.txt",
            other_text,
            Status::Done,
        );
        corrected(&fixture("auto.txt"), "auto.txt", PAGE, Status::Auto);
        std::fs::write(fixture("damaged.txt"), "{trunc").expect("writes");
        let pages = collect_pages(&[d.to_owned()]).expect("lists").pages;
        let report =
            normalize_pages(&pages, d, Corrected::RefreshProposal, None, &|| {}).expect("runs");

        let after = read_fixture(&fixture("old.txt")).expect("a valid fixture");
        let fresh = page_from_bytes("old.txt", PAGE.as_bytes()).expect("decodes");
        assert_eq!(after.proposal, crate::page::unshared(&fresh.proposal));
        assert!(!after.proposal.is_empty(), "the proposal is made anew");
        assert_eq!(after.articles, old.articles, "the correction is untouched");
        assert_eq!(after.review, old.review, "so is the review");
        assert_eq!(after.status, Status::Done);
        assert_eq!(after.provenance.created, old.provenance.created);
        assert_eq!(after.source, old.source);
        assert_eq!(
            after.provenance.normalizer_version,
            crate::fixture::NORMALIZER_VERSION
        );
        assert!(
            std::fs::read(fixture("current.txt")).expect("reads") == current,
            "a proposal already current is not rewritten"
        );
        assert!(
            std::fs::read(fixture("changed.txt")).expect("reads") == changed,
            "the fixture of a page that changed is kept as it is"
        );
        assert_eq!(report.stale, [fixture("changed.txt")]);
        assert_eq!(report.refreshed, 1);
        assert_eq!(report.kept, 1);
        assert_eq!(report.written, 1, "the auto fixture is replaced");
        assert_eq!(report.damaged.len(), 1);
        assert_eq!(
            std::fs::read_to_string(fixture("damaged.txt")).expect("reads"),
            "{trunc"
        );
        assert!(report.failed.is_empty(), "{:?}", report.failed);
    }
}
