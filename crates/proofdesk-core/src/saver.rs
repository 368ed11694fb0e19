//! Writing fixtures off the UI thread, one at a time and in order, each
//! write checked against what is on disk.
//!
//! The desk hands a snapshot of the page (cheap: articles are shared) to a
//! worker thread, which builds the JSON and writes it atomically; the UI
//! never waits for a large fixture to be encoded or synced. Before every
//! write the worker compares the fixture on disk with the one the desk last
//! loaded or wrote (size, modified time and SHA-256). If another program or
//! desk wrote it since, nothing is overwritten: the desk's version goes
//! beside it as `FIXTURE.conflict-TIME` and the desk asks what to keep.
//! No GUI here.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::time::SystemTime;

use sha2::Digest as _;

use crate::fixture::{Fixture, now_rfc3339};
use crate::io::{IoError, write_atomic_over};
use crate::page::Page;

/// A fixture file as it was on disk: enough to tell whether someone else
/// has written it since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    /// Size in bytes.
    pub len: u64,
    /// Modified time, where the file system keeps one.
    pub modified: Option<SystemTime>,
    /// SHA-256 of the content.
    pub sha256: [u8; 32],
}

impl DiskStamp {
    fn of(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Self {
            len: bytes.len() as u64,
            modified,
            sha256: sha2::Sha256::digest(bytes).into(),
        }
    }
}

/// What the desk expects to find where it is about to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnDisk {
    /// No file (the page had no fixture when it was opened).
    Nothing,
    /// This file, as loaded or last written by this desk.
    File(DiskStamp),
    /// Do not check (Save as… to a place the editor chose).
    Unchecked,
}

/// Reads what is at `path` now: its bytes and stamp, or `None` when there
/// is no file. Checked like any fixture read: a named pipe or a device
/// there is refused, never waited on.
///
/// # Errors
/// The [`IoError`] of a file that exists but cannot be read as a fixture.
pub fn read_on_disk(path: &Path) -> Result<Option<(Vec<u8>, DiskStamp)>, IoError> {
    Ok(crate::io::read_existing_fixture(path)?.map(|bytes| {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let stamp = DiskStamp::of(&bytes, modified);
        (bytes, stamp)
    }))
}

/// What is at `path` now, as an expectation for the next write.
#[must_use]
pub fn expectation_of(path: &Path) -> OnDisk {
    match read_on_disk(path) {
        Ok(Some((_, stamp))) => OnDisk::File(stamp),
        Ok(None) => OnDisk::Nothing,
        // Unreadable now: the write will say why if it fails too.
        Err(_) => OnDisk::Unchecked,
    }
}

/// Why a fixture was not written where it was meant to go.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Someone else wrote the fixture since this desk loaded or wrote it.
    #[error(
        "{path} was changed by another program or desk since this desk read it; nothing was overwritten: this desk's version is kept as {kept_as}"
    )]
    Conflict {
        /// The fixture.
        path: PathBuf,
        /// Where this desk's version went.
        kept_as: PathBuf,
    },
    /// Someone else wrote the fixture, and keeping this desk's version
    /// beside it failed too.
    #[error(
        "{path} was changed by another program or desk since this desk read it, and this desk's version could not be kept beside it ({source}); your changes are still on the desk: use Save as…"
    )]
    ConflictNotKept {
        /// The fixture.
        path: PathBuf,
        /// Why the copy failed.
        source: IoError,
    },
    /// The write failed; the old fixture is untouched.
    #[error(transparent)]
    Io(#[from] IoError),
}

/// Keeps `page` beside its fixture `fixture`, as `FIXTURE.unsaved-TIME`:
/// the last resort at the end of a session, when the fixture itself cannot
/// be written. Returns where it went.
///
/// # Errors
/// Why the copy could not be written either.
pub fn keep_aside(page: &Page, fixture: &Path) -> Result<PathBuf, SaveError> {
    let aside = crate::autosave::aside_path(fixture, "unsaved", &now_rfc3339());
    write_checked(page, &aside, &OnDisk::Unchecked).map(|_| aside)
}

/// [`keep_aside`], told: where the unsaved work went, or why not.
///
/// The last resort for work that could not go to its fixture (`failed`:
/// why, where a write was tried). Returns the sentence for the user,
/// whichever way it went: where the work is kept, or why it could not be
/// kept either.
#[must_use]
pub fn keep_aside_told(
    page: &Page,
    fixture: &Path,
    failed: Option<&dyn std::fmt::Display>,
) -> String {
    let why = failed.map(|e| format!(" ({e})")).unwrap_or_default();
    match keep_aside(page, fixture) {
        Ok(aside) => format!(
            "the unsaved changes could not go to {}{why}; they are kept in {}",
            fixture.display(),
            aside.display()
        ),
        Err(e) => format!(
            "the unsaved changes to {} could not be saved{why}, nor kept beside it: {e}",
            fixture.display()
        ),
    }
}

/// Writes `page` as a fixture to `path`, over what is there, no backup.
///
/// This desk's version, kept beside a fixture another program or desk
/// wrote ([`SaveError::Conflict`]'s `kept_as`), as it stands when the
/// editor opens theirs.
///
/// # Errors
/// [`IoError`]; the file is then as it was.
pub fn write_aside(page: &Page, path: &Path) -> Result<(), IoError> {
    let json = encoded(page, path, &now_rfc3339())?;
    write_atomic_over(path, None, json.as_bytes())
}

/// `page` as the fixture JSON to be written to `path`, stamped `now`.
fn encoded(page: &Page, path: &Path, now: &str) -> Result<String, IoError> {
    Fixture::from_page(page, now)
        .to_json()
        .map_err(|e| IoError::File {
            action: "encode",
            path: path.to_owned(),
            source: e.into(),
        })
}

/// Encodes `page` and writes it to `path` if what is there is what
/// `expect` says (else beside it, see [`SaveError::Conflict`]). Returns
/// the stamp of the file written.
///
/// # Errors
/// [`SaveError`]; the fixture on disk is then as it was.
pub fn write_checked(page: &Page, path: &Path, expect: &OnDisk) -> Result<DiskStamp, SaveError> {
    write_checked_at(page, path, expect, &now_rfc3339())
}

/// [`write_checked`] stamped `now` (RFC 3339).
///
/// # Errors
/// As [`write_checked`].
pub(crate) fn write_checked_at(
    page: &Page,
    path: &Path,
    expect: &OnDisk,
    now: &str,
) -> Result<DiskStamp, SaveError> {
    let json = encoded(page, path, now)?;
    let current = read_on_disk(path)?;
    let conflict = match (expect, &current) {
        (OnDisk::Unchecked, _) | (OnDisk::Nothing | OnDisk::File(_), None) => false,
        (OnDisk::Nothing, Some(_)) => true,
        (OnDisk::File(want), Some((_, have))) => want.sha256 != have.sha256 || want.len != have.len,
    };
    if conflict {
        let kept_as = crate::autosave::aside_path(path, "conflict", now);
        return match write_atomic_over(&kept_as, None, json.as_bytes()) {
            Ok(()) => Err(SaveError::Conflict {
                path: path.to_owned(),
                kept_as,
            }),
            Err(source) => Err(SaveError::ConflictNotKept {
                path: path.to_owned(),
                source,
            }),
        };
    }
    write_atomic_over(
        path,
        current.as_ref().map(|(b, _)| b.as_slice()),
        json.as_bytes(),
    )?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(DiskStamp::of(json.as_bytes(), modified))
}

/// A fixture to write.
#[derive(Clone, Debug)]
pub struct SaveRequest {
    /// The page as it stood (a snapshot; articles are shared, not copied).
    pub page: Page,
    /// Where to write it.
    pub path: PathBuf,
    /// What must be there for the write to go ahead.
    pub expect: OnDisk,
    /// The editor's version of the page, to mark it saved on success
    /// (`None`: a page with uncommitted typing, which no version holds).
    pub version: Option<u64>,
    /// Asked for by the editor (Ctrl+S, Ctrl+D), not an autosave.
    pub explicit: bool,
}

/// A finished write.
#[derive(Debug)]
pub struct SaveDone {
    /// The number [`Saver::submit`] gave the request.
    pub id: u64,
    /// The editor version that was written (or not).
    pub version: Option<u64>,
    /// Whether the editor asked for it.
    pub explicit: bool,
    /// The status of the page written.
    pub status: crate::page::Status,
    /// How far the page written has got, as a folder's queue shows it.
    pub progress: crate::queue::Progress,
    /// `provenance.created` of the fixture written.
    pub created: Option<String>,
    /// Where.
    pub path: PathBuf,
    /// The new stamp, or why nothing was written there.
    pub outcome: Result<DiskStamp, SaveError>,
}

impl SaveDone {
    /// Writes `req` and reports how it went.
    fn of(id: u64, req: SaveRequest) -> Self {
        let now = now_rfc3339();
        let outcome = write_checked_at(&req.page, &req.path, &req.expect, &now);
        // A first write stamps the page's creation time; later ones keep it.
        let created = req.page.created.clone().or(Some(now));
        Self {
            id,
            version: req.version,
            explicit: req.explicit,
            status: req.page.status,
            progress: crate::queue::Progress::of_review(
                crate::queue::PageState::of(req.page.status),
                &req.page.review,
            ),
            created,
            path: req.path,
            outcome,
        }
    }
}

/// The writer thread and its queue. Requests are written in the order they
/// were submitted.
#[derive(Debug)]
pub struct Saver {
    jobs: Option<Sender<(u64, SaveRequest)>>,
    done: Receiver<SaveDone>,
    /// Results taken while waiting for another one.
    early: VecDeque<SaveDone>,
    next_id: u64,
    pending: usize,
}

impl Default for Saver {
    fn default() -> Self {
        Self::new()
    }
}

impl Saver {
    /// Starts the writer thread (or, if none can be started, writes in the
    /// caller's thread).
    #[must_use]
    pub fn new() -> Self {
        let (jobs_tx, jobs_rx) = std::sync::mpsc::channel::<(u64, SaveRequest)>();
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        let worker_tx = done_tx;
        let spawned = std::thread::Builder::new()
            .name("proofdesk-save".to_owned())
            .spawn(move || {
                for (id, req) in jobs_rx {
                    if worker_tx.send(SaveDone::of(id, req)).is_err() {
                        return;
                    }
                }
            });
        // Without a thread, writes happen in the caller (see `submit`).
        let jobs = spawned.is_ok().then_some(jobs_tx);
        Self {
            jobs,
            done: done_rx,
            early: VecDeque::new(),
            next_id: 1,
            pending: 0,
        }
    }

    /// Queues a write; returns its number.
    pub fn submit(&mut self, req: SaveRequest) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.pending += 1;
        let req = match &self.jobs {
            Some(tx) => match tx.send((id, req)) {
                Ok(()) => return id,
                Err(std::sync::mpsc::SendError((_, req))) => req,
            },
            None => req,
        };
        // No worker: write here.
        self.early.push_back(SaveDone::of(id, req));
        id
    }

    /// Whether a write is queued or under way.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.pending > 0
    }

    /// A finished write, if any, without waiting.
    pub fn poll(&mut self) -> Option<SaveDone> {
        if let Some(d) = self.early.pop_front() {
            self.pending = self.pending.saturating_sub(1);
            return Some(d);
        }
        match self.done.try_recv() {
            Ok(d) => {
                self.pending = self.pending.saturating_sub(1);
                Some(d)
            }
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => None,
        }
    }

    /// Waits for every queued write and returns them all, oldest first.
    pub fn wait_all(&mut self) -> Vec<SaveDone> {
        let mut out = Vec::new();
        while self.pending > 0 {
            if let Some(d) = self.early.pop_front() {
                self.pending -= 1;
                out.push(d);
                continue;
            }
            match self.done.recv() {
                Ok(d) => {
                    self.pending -= 1;
                    out.push(d);
                }
                Err(_) => {
                    // The writer is gone: nothing more will come.
                    self.pending = 0;
                }
            }
        }
        out
    }
}

/// A page as its saved work stands beside it.
#[derive(Debug)]
pub enum AsSaved {
    /// No fixture beside the page: its fresh proposal.
    Fresh(Page),
    /// The fixture is for this text: the page as it was left (called by
    /// the page's file name now, whatever the fixture recorded).
    Resumed(Page),
    /// The fixture does not fit: `draft` is the work with the text it was
    /// made for, or why the fixture cannot be read.
    Stale {
        /// The page as read now, with its proposal.
        fresh: Page,
        /// The saved work, or why it cannot be read.
        draft: Result<Box<Page>, crate::io::IoError>,
    },
}

/// The page at `path`, read as `fresh`, as the fixture beside it leaves
/// it; with what the fixture's path holds now, which every later write of
/// it checks.
///
/// What a desk opens and what a folder's correction works on. A fixture
/// that cannot be read is [`AsSaved::Stale`], with why.
#[must_use]
pub fn as_saved(fresh: Page, path: &Path) -> (AsSaved, OnDisk) {
    let fixture = crate::io::fixture_path_for(path);
    let on_disk = expectation_of(&fixture);
    if on_disk == OnDisk::Nothing {
        return (AsSaved::Fresh(fresh), on_disk);
    }
    let saved = match crate::io::read_fixture(&fixture) {
        Ok(f) if f.source.sha256 == fresh.raw.sha256() => {
            let mut page = f.into_page();
            page.raw.file_name.clone_from(&fresh.raw.file_name);
            AsSaved::Resumed(page)
        }
        Ok(f) => AsSaved::Stale {
            fresh,
            draft: Ok(Box::new(f.into_page())),
        },
        Err(e) => AsSaved::Stale {
            fresh,
            draft: Err(e),
        },
    };
    (saved, on_disk)
}

#[cfg(test)]
mod tests {
    use super::{OnDisk, SaveError, SaveRequest, Saver, expectation_of, write_checked};
    use crate::page::Status;

    fn page() -> crate::page::Page {
        crate::io::page_from_bytes("p.txt", "标题\n\n正 文 一 。\n".as_bytes()).unwrap()
    }

    #[test]
    fn work_that_cannot_go_to_its_fixture_is_kept_beside_it_and_told() {
        let dir = tempfile::tempdir().unwrap();
        let fixture = dir.path().join("p.txt.proofdesk.json");
        let told = super::keep_aside_told(&page(), &fixture, Some(&"disk full"));
        assert!(told.contains("(disk full)"), "{told}");
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(told.contains(&kept[0].display().to_string()), "{told}");
        assert_eq!(
            crate::io::read_fixture(&kept[0]).unwrap().articles,
            crate::page::unshared(&page().articles)
        );
        // Where nothing can be written, it says so, and why.
        let nowhere = dir.path().join("missing").join("p.txt.proofdesk.json");
        let told = super::keep_aside_told(&page(), &nowhere, None);
        assert!(told.contains("nor kept beside it"), "{told}");
    }

    #[test]
    fn a_fixture_changed_by_someone_else_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.txt.proofdesk.json");
        let mut p = page();
        let stamp = write_checked(&p, &path, &OnDisk::Nothing).unwrap();
        // Another desk writes the fixture.
        std::fs::write(&path, "theirs").unwrap();
        p.status = Status::Done;
        let err = write_checked(&p, &path, &OnDisk::File(stamp)).unwrap_err();
        let SaveError::Conflict { kept_as, .. } = err else {
            panic!("a conflict: {err}");
        };
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        let ours = crate::io::read_fixture(&kept_as).unwrap();
        assert_eq!(ours.status, Status::Done, "our version is kept beside");
        assert!(
            kept_as
                .to_string_lossy()
                .contains(".proofdesk.json.conflict-"),
            "{}",
            kept_as.display()
        );
    }

    #[test]
    fn a_fixture_that_appeared_since_opening_is_a_conflict_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.txt.proofdesk.json");
        std::fs::write(&path, "theirs").unwrap();
        let err = write_checked(&page(), &path, &OnDisk::Nothing).unwrap_err();
        assert!(matches!(err, SaveError::Conflict { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
    }

    #[test]
    fn a_named_pipe_where_the_fixture_should_be_is_refused_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.txt.proofdesk.json");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo works here");
        let (tx, rx) = std::sync::mpsc::channel();
        let p = path.clone();
        std::thread::spawn(move || {
            let expect = expectation_of(&p);
            let written = write_checked(&page(), &p, &OnDisk::Unchecked);
            let _sent = tx.send((expect, written.is_err()));
        });
        let (expect, failed) = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("answers at once instead of blocking on the pipe");
        assert_eq!(expect, OnDisk::Unchecked);
        assert!(failed, "nothing is written over a pipe");
    }

    #[test]
    fn our_own_writes_follow_each_other_without_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.txt.proofdesk.json");
        let mut expect = expectation_of(&path);
        assert_eq!(expect, OnDisk::Nothing);
        for _ in 0..3 {
            expect = OnDisk::File(write_checked(&page(), &path, &expect).unwrap());
        }
        assert!(
            crate::io::backup_path_for(&path).exists(),
            "one backup kept"
        );
    }

    #[test]
    fn the_worker_writes_in_order_and_reports_each_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.txt.proofdesk.json");
        let mut saver = Saver::new();
        let mut p = page();
        let a = saver.submit(SaveRequest {
            page: p.clone(),
            path: path.clone(),
            expect: OnDisk::Unchecked,
            version: Some(1),
            explicit: false,
        });
        p.status = Status::Done;
        let b = saver.submit(SaveRequest {
            page: p,
            path: path.clone(),
            expect: OnDisk::Unchecked,
            version: Some(2),
            explicit: true,
        });
        assert!(saver.busy());
        let done = saver.wait_all();
        assert_eq!(done.iter().map(|d| d.id).collect::<Vec<_>>(), [a, b]);
        assert!(done.iter().all(|d| d.outcome.is_ok()));
        assert!(!saver.busy());
        assert_eq!(crate::io::read_fixture(&path).unwrap().status, Status::Done);
    }
}
