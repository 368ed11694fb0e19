//! The check of the `queue` fuzz target, shared with `tests/fuzz_replay.rs`
//! (both include this file with `#[path]`).
//!
//! The input is turned into a small folder, which the queue then reads as
//! the desk does. The input is up to [`MAX_ENTRIES`] entries separated by
//! `0x00`; an entry is a kind byte, a name up to the first `\n`, and its
//! content (the rest). Names are made safe (no `/`, at most [`MAX_NAME`]
//! bytes, not empty, `.` nor `..`) but may be any other bytes, UTF-8 or
//! not. The kind byte, modulo 7 (write 7 for kind 0, as a 0 byte ends
//! the entry):
//!
//! - 0: page `NAME` and its fixture `NAME.proofdesk.json` holding the content;
//! - 1: a file `NAME` holding the content (a page, a fixture, a backup…);
//! - 2: a symbolic link `NAME` to the content (a name, `.` or `..`);
//! - 3: a folder `NAME`;
//! - 4: page `NAME` whose fixture is a symbolic link to the content (a name);
//! - 5: a socket `NAME`;
//! - 6: page `NAME` whose fixture is a folder.
//!
//! An entry that cannot be made (its name is taken) is skipped.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::io::Write as _;
use std::os::unix::ffi::OsStrExt as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::time::{Duration, Instant};

use proofdesk::io::{fixture_path_for, read_fixture};
use proofdesk::queue::{PageState, Queue, is_page_file, natural_cmp, read_progress};

/// The most entries one input makes.
pub const MAX_ENTRIES: usize = 8;
/// The longest name, in bytes.
pub const MAX_NAME: usize = 48;

/// A fresh folder, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, AtomicOrdering::Relaxed);
        // In memory where there is a tmpfs: thousands of folders a second.
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_owned()
        } else {
            std::env::temp_dir()
        };
        let path = base.join(format!("proofdesk-fuzz-queue-{}-{n}", std::process::id()));
        // Left by a run that crashed under the same process id.
        let _ignored = std::fs::remove_dir_all(&path);
        std::fs::create_dir(&path).expect("a temporary folder can be made");
        Self(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        // Does not follow links: only what the input made is removed.
        let _ignored = std::fs::remove_dir_all(&self.0);
    }
}

/// A safe file name from fuzzed bytes; `fallback` when nothing is left.
fn safe_name(bytes: &[u8], fallback: &str) -> OsString {
    let mut name: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|&b| b != b'/' && b != 0)
        .take(MAX_NAME)
        .collect();
    if name.is_empty() || name == b"." || name == b".." {
        name = fallback.as_bytes().to_vec();
    }
    OsStr::from_bytes(&name).to_os_string()
}

/// Where a link made from `content` points: `.`, `..` or a name in the folder.
fn link_target(content: &[u8], fallback: &str) -> OsString {
    match content {
        b"." | b".." => OsStr::from_bytes(content).to_os_string(),
        _ => safe_name(content, fallback),
    }
}

/// Makes a file that is not there yet.
fn new_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(bytes)
}

/// Makes the folder described by `data` in `dir`.
fn build(dir: &Path, data: &[u8]) {
    for (i, entry) in data.split(|&b| b == 0).take(MAX_ENTRIES).enumerate() {
        let Some((&kind, rest)) = entry.split_first() else {
            continue;
        };
        let (name, content) = match rest.iter().position(|&b| b == b'\n') {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, &[][..]),
        };
        let fallback = format!("e{i}");
        let path = dir.join(safe_name(name, &fallback));
        let fixture = fixture_path_for(&path);
        // Failures (a name already taken) leave the entry out.
        let _ignored = match kind % 7 {
            0 => new_file(&path, b"x\n").and_then(|()| new_file(&fixture, content)),
            1 => new_file(&path, content),
            2 => std::os::unix::fs::symlink(link_target(content, &fallback), &path),
            3 => std::fs::create_dir(&path),
            4 => new_file(&path, b"x\n").and_then(|()| {
                std::os::unix::fs::symlink(link_target(content, &fallback), &fixture)
            }),
            5 => std::os::unix::net::UnixListener::bind(&path).map(drop),
            _ => new_file(&path, b"x\n").and_then(|()| std::fs::create_dir(&fixture)),
        };
    }
}

/// The state and review the desk gives the page at `page`: no fixture
/// (nothing on disk where the desk looks) is new, a fixture the desk reads
/// has its status, one it refuses is damaged.
fn desk_verdict(page: &Path) -> (PageState, bool) {
    let fixture = fixture_path_for(page);
    if matches!(proofdesk::saver::read_on_disk(&fixture), Ok(None)) {
        return (PageState::New, false);
    }
    match read_fixture(&fixture) {
        Ok(f) => {
            let settled = f
                .review
                .is_some_and(|r| r.doubts.iter().all(|d| d.resolution.is_some()));
            (PageState::of(f.status), settled)
        }
        Err(_) => (PageState::Damaged, false),
    }
}

/// `natural_cmp` is a total order on `names` (else sorting a larger folder
/// may panic, or leave it out of order).
fn check_total_order(names: &[String]) {
    for a in names {
        for b in names {
            let ab = natural_cmp(a, b);
            assert_eq!(
                ab,
                natural_cmp(b, a).reverse(),
                "antisymmetric: {a:?} {b:?}"
            );
            for c in names {
                if ab.is_le() && natural_cmp(b, c).is_le() {
                    assert!(
                        natural_cmp(a, c).is_le(),
                        "transitive: {a:?} <= {b:?} <= {c:?}"
                    );
                }
            }
        }
    }
}

/// The folder's pages by an independent reading of the rule: the name
/// passes [`is_page_file`] and the path leads to a regular file.
fn pages_of(dir: &Path) -> BTreeSet<PathBuf> {
    std::fs::read_dir(dir)
        .expect("the folder lists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            let name = p.file_name().expect("a name").to_string_lossy();
            is_page_file(&name) && std::fs::metadata(p).is_ok_and(|m| m.is_file())
        })
        .collect()
}

/// Waits until every status has arrived (at most 10 s).
fn wait(queue: &mut Queue) {
    let start = Instant::now();
    while queue.poll() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "statuses arrive within 10 s"
        );
        std::thread::sleep(Duration::from_micros(50));
    }
    assert!(!queue.loading(), "done loading");
}

/// Walks the queue: next, previous, and the next unfinished page from each.
fn check_navigation(queue: &mut Queue) {
    let n = queue.entries().len();
    assert_eq!(queue.next(), (n > 0).then_some(0), "first page");
    assert_eq!(queue.prev(), n.checked_sub(1), "last page");
    for i in 0..n {
        let path = queue.entries()[i].path.clone();
        assert_eq!(queue.set_current(&path), Some(i), "{}", path.display());
        assert_eq!(queue.current_path(), Some(path.as_path()), "current");
        assert_eq!(queue.next(), (i + 1 < n).then_some(i + 1), "next of {i}");
        assert_eq!(queue.prev(), i.checked_sub(1), "previous of {i}");
        let unfinished = queue.next_unfinished();
        let states: Vec<PageState> = queue.entries().iter().map(|e| e.progress.state).collect();
        match unfinished {
            Some(j) => assert!(
                j != i && states[j] != PageState::Done,
                "next unfinished of {i}: {j} in {states:?}"
            ),
            None => assert!(
                (0..n).all(|j| j == i || states[j] == PageState::Done),
                "nothing unfinished after {i} in {states:?}"
            ),
        }
    }
}

/// Builds the folder `data` describes, opens it as a queue, and checks the
/// queue against the folder and the desk. Panics on any disagreement;
/// returns the pages with their state and review.
pub fn check(data: &[u8]) -> Vec<(String, PageState, bool)> {
    let folder = Folder::new();
    let dir = folder.0.as_path();
    build(dir, data);
    let mut queue = Queue::open(dir).expect("the folder opens");
    wait(&mut queue);
    assert_eq!(queue.dir(), dir, "the folder");

    // Exactly the folder's pages, once each, in natural name order.
    let listed: Vec<PathBuf> = queue.entries().iter().map(|e| e.path.clone()).collect();
    let unique: BTreeSet<PathBuf> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "each page once: {listed:?}");
    assert_eq!(unique, pages_of(dir), "the folder's pages");
    for e in queue.entries() {
        let name = e.path.file_name().expect("a file name").to_string_lossy();
        assert_eq!(e.name, name, "the name shown is the file's");
        assert!(is_page_file(&e.name), "{:?} is a page name", e.name);
    }
    let names: Vec<String> = queue.entries().iter().map(|e| e.name.clone()).collect();
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            assert!(natural_cmp(a, b).is_le(), "sorted: {a:?} before {b:?}");
        }
    }
    check_total_order(&names);

    // Every status as the desk reads it, and as read_progress reads it now.
    for e in queue.entries() {
        assert_ne!(e.progress.state, PageState::Unknown, "{:?} is read", e.name);
        let shown = (e.progress.state, e.progress.reviewed);
        let again = read_progress(&e.path);
        assert_eq!(
            shown,
            (again.state, again.reviewed),
            "{:?}: read again",
            e.name
        );
        assert_eq!(
            e.progress.reading_lost, again.reading_lost,
            "{:?}: read again",
            e.name
        );
        assert_eq!(shown, desk_verdict(&e.path), "{:?}: as the desk", e.name);
    }
    let done = queue
        .entries()
        .iter()
        .filter(|e| e.progress.state == PageState::Done)
        .count();
    let n = queue.entries().len();
    assert_eq!(queue.progress(), (done, n, n), "progress");
    check_navigation(&mut queue);
    queue
        .entries()
        .iter()
        .map(|e| (e.name.clone(), e.progress.state, e.progress.reviewed))
        .collect()
}
