//! One desk per page: an advisory lock beside the fixture.
//!
//! A desk that opens a page takes an exclusive lock on
//! `PAGE.proofdesk.json.lock` (`flock`, released by the kernel when the
//! process ends, even by `kill -9`) and writes who it is into the file. A
//! second desk that finds the lock taken opens the page for reading only
//! and says who holds it. No GUI here.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek as _, Write as _};
use std::path::{Path, PathBuf};

/// The lock file of a fixture: `FIXTURE.lock`.
#[must_use]
pub(crate) fn lock_path_for(fixture: &Path) -> PathBuf {
    crate::io::with_suffix(fixture, ".lock")
}

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct PageLock {
    /// Kept open: the lock lives as long as the handle.
    _file: File,
    path: PathBuf,
}

impl PageLock {
    /// The lock file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this is the lock of the page whose fixture is `fixture`
    /// (named as it was when locked): a desk that saved its page under
    /// another name holds that file's lock, not its page's.
    #[must_use]
    pub fn guards(&self, fixture: &Path) -> bool {
        self.path == lock_path_for(fixture)
    }
}

/// What trying to lock a page found.
#[derive(Debug)]
pub enum Lock {
    /// This desk holds the page.
    Held(PageLock),
    /// Another desk holds it; what it wrote about itself.
    Taken {
        /// `pid N on HOST since TIME`, or a note when it wrote nothing.
        holder: String,
    },
    /// No lock can be taken (a read-only folder, a file system without
    /// locks): the page opens as usual, and saves say what fails.
    Unavailable(std::io::Error),
}

impl Lock {
    /// For a writer that must not write a page another desk holds: the lock
    /// held, `None` where none can be taken (a read-only folder: the write
    /// itself says what fails), or who holds it.
    ///
    /// # Errors
    /// The holder, as [`Lock::Taken`] names it.
    pub fn or_holder(self) -> Result<Option<PageLock>, String> {
        match self {
            Self::Held(lock) => Ok(Some(lock)),
            Self::Taken { holder } => Err(holder),
            Self::Unavailable(_) => Ok(None),
        }
    }
}

/// Who this process is, as written into the lock file.
#[must_use]
pub(crate) fn holder_text(now_rfc3339: &str) -> String {
    format!(
        "pid {} on {} since {now_rfc3339}",
        std::process::id(),
        host_name()
    )
}

/// Whether a lock's `holder` (as [`Lock::Taken`] gives it) is this very
/// process: one of its own background jobs (a folder's "correct all
/// similar" holds each page for a moment), not another desk.
#[must_use]
pub fn held_by_this_process(holder: &str) -> bool {
    holder.starts_with(&format!("pid {} on ", std::process::id()))
}

/// The machine's host name (Linux), or `this machine`.
#[must_use]
pub(crate) fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| {
            std::fs::read_to_string(p)
                .ok()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "this machine".to_owned())
}

/// Tries to take the lock of the page whose fixture is `fixture`.
#[must_use]
pub fn try_lock(fixture: &Path, now_rfc3339: &str) -> Lock {
    let path = lock_path_for(fixture);
    // Never truncate on open: the file holds the current holder's name.
    let mut file = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) => return Lock::Unavailable(e),
    };
    match file.try_lock() {
        Ok(()) => {
            let me = holder_text(now_rfc3339);
            // Who holds it is a courtesy for the other desk; the lock holds
            // without it.
            let _ignored = file
                .set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| file.write_all(me.as_bytes()))
                .and_then(|()| file.flush());
            Lock::Held(PageLock { _file: file, path })
        }
        Err(TryLockError::WouldBlock) => {
            let holder = std::fs::read_to_string(&path).unwrap_or_default();
            let holder = holder.trim();
            Lock::Taken {
                holder: if holder.is_empty() {
                    "another desk (it has not said who it is)".to_owned()
                } else {
                    sanitize(holder)
                },
            }
        }
        Err(TryLockError::Error(e)) => Lock::Unavailable(e),
    }
}

/// The holder text as shown: one line, no control characters, bounded.
fn sanitize(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::{Lock, lock_path_for, try_lock};

    #[test]
    fn a_second_lock_on_the_same_page_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let fixture = dir.path().join("p.txt.proofdesk.json");
        let Lock::Held(first) = try_lock(&fixture, "2026-01-01T00:00:00Z") else {
            panic!("the first desk gets the lock");
        };
        assert_eq!(first.path(), lock_path_for(&fixture));
        assert!(first.guards(&fixture));
        assert!(!first.guards(&dir.path().join("p.txt.copy.proofdesk.json")));
        match try_lock(&fixture, "2026-01-01T00:00:05Z") {
            Lock::Taken { holder } => {
                assert!(
                    holder.contains(&format!("pid {}", std::process::id())),
                    "{holder}"
                );
                assert!(holder.contains("2026-01-01T00:00:00Z"), "{holder}");
            }
            other => panic!("a second desk must not get the lock: {other:?}"),
        }
        drop(first);
        assert!(
            matches!(try_lock(&fixture, "2026-01-01T00:00:09Z"), Lock::Held(_)),
            "released when the first desk lets go"
        );
    }

    #[test]
    fn another_page_in_the_same_folder_locks_independently() {
        let dir = tempfile::tempdir().unwrap();
        let a = try_lock(&dir.path().join("a.txt.proofdesk.json"), "t");
        let b = try_lock(&dir.path().join("b.txt.proofdesk.json"), "t");
        assert!(matches!(a, Lock::Held(_)), "{a:?}");
        assert!(matches!(b, Lock::Held(_)), "{b:?}");
    }

    #[test]
    fn a_folder_that_cannot_hold_a_lock_file_is_reported_not_fatal() {
        let missing = std::path::Path::new("/nonexistent-proofdesk-dir/p.txt.proofdesk.json");
        assert!(matches!(try_lock(missing, "t"), Lock::Unavailable(_)));
    }
}
