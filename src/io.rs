//! Reading pages and fixtures from disk, and writing fixtures safely.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::decode::{DecodeError, decode};
use crate::fixture::{Fixture, FixtureError, now_rfc3339};
use crate::page::{Page, RawText};

/// Why a page or fixture could not be opened or saved.
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    /// The file could not be read or written.
    #[error("cannot {action} {path}: {source}")]
    File {
        /// What was being done (`read`, `write`).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The page file is not text.
    #[error("cannot read {path} as a page: {source}")]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why.
        source: DecodeError,
    },
    /// The fixture file is damaged or invalid.
    #[error("{path} is not a valid fixture: {source}")]
    Fixture {
        /// The file.
        path: PathBuf,
        /// Why.
        source: FixtureError,
    },
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, IoError> {
    std::fs::read(path).map_err(|source| IoError::File {
        action: "read",
        path: path.to_owned(),
        source,
    })
}

/// The file name of `path` without directories, for display and fixtures.
#[must_use]
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Decodes a page file and proposes its correction.
///
/// # Errors
/// [`IoError::File`] if it cannot be read, [`IoError::Decode`] if it is not text.
pub fn read_page(path: &Path) -> Result<Page, IoError> {
    let bytes = read_bytes(path)?;
    // The file's bytes and the decoded text are gone before the proposal
    // is made: on a large page only the raw text itself is held then.
    let raw = raw_from_bytes(&file_name(path), bytes).map_err(|source| IoError::Decode {
        path: path.to_owned(),
        source,
    })?;
    Ok(crate::propose_page(raw))
}

/// Decodes page bytes, dropping them as soon as they are decoded.
fn raw_from_bytes(name: &str, bytes: Vec<u8>) -> Result<RawText, DecodeError> {
    let decoded = decode(&bytes)?;
    drop(bytes);
    check_not_empty(&decoded)?;
    Ok(RawText::from_string(
        name,
        decoded.text,
        decoded.encoding,
        decoded.line_ending,
    ))
}

fn check_not_empty(decoded: &crate::decode::Decoded) -> Result<(), DecodeError> {
    if decoded.text.chars().all(char::is_whitespace) {
        Err(DecodeError::Empty)
    } else {
        Ok(())
    }
}

fn raw_from_decoded(name: &str, decoded: &crate::decode::Decoded) -> Result<RawText, DecodeError> {
    check_not_empty(decoded)?;
    if decoded.text.len() > crate::page::MAX_PAGE_BYTES {
        return Err(DecodeError::TooLarge {
            bytes: decoded.text.len(),
        });
    }
    Ok(RawText::new(
        name,
        &decoded.text,
        decoded.encoding,
        decoded.line_ending,
    ))
}

/// Decodes page bytes and proposes their correction.
///
/// # Errors
/// [`DecodeError`] if the bytes are not text, or hold nothing but whitespace.
pub fn page_from_bytes(name: &str, bytes: &[u8]) -> Result<Page, DecodeError> {
    let raw = raw_from_decoded(name, &decode(bytes)?)?;
    Ok(crate::propose_page(raw))
}

/// Reads and validates a fixture file.
///
/// # Errors
/// [`IoError::File`] if it cannot be read, [`IoError::Fixture`] if it is invalid.
pub fn read_fixture(path: &Path) -> Result<Fixture, IoError> {
    let bytes = read_bytes(path)?;
    let text = String::from_utf8_lossy(&bytes);
    Fixture::from_json(&text).map_err(|source| IoError::Fixture {
        path: path.to_owned(),
        source,
    })
}

/// Where the fixture of a page file is kept: beside it, `PAGE.proofdesk.json`.
#[must_use]
pub fn fixture_path_for(page: &Path) -> PathBuf {
    let mut name = page
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".proofdesk.json");
    page.with_file_name(name)
}

/// Writes `page` as a fixture to `path`, atomically, keeping the previous
/// fixture as `PATH.bak` (see [`write_atomic`]).
///
/// # Errors
/// [`IoError::File`] if any step fails; the old fixture is then untouched.
pub fn write_fixture(page: &Page, path: &Path) -> Result<(), IoError> {
    let fixture = Fixture::from_page(page, &now_rfc3339());
    let json = fixture.to_json().map_err(|e| IoError::File {
        action: "encode",
        path: path.to_owned(),
        source: e.into(),
    })?;
    write_atomic(path, json.as_bytes())
}

/// Where the previous version of a file is kept: `PATH.bak`.
#[must_use]
pub fn backup_path_for(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replaces the file at `path` with `bytes`, crash-safe.
///
/// A crash at any moment leaves either the old or the new file, never a
/// truncated one: the bytes go to a temporary file in the same folder, which is flushed and synced, then
/// renamed over `path`; the folder is synced after. When `path` already
/// exists, its content is first kept as `PATH.bak` the same way (one backup).
///
/// # Errors
/// [`IoError::File`] naming the file that could not be written; the old file
/// is then untouched and no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    let old = std::fs::read(path).ok();
    write_atomic_over(path, old.as_deref(), bytes)
}

/// [`write_atomic`] when the caller has already read the file's current
/// content `old` (`None`: there is none), which becomes `PATH.bak`.
///
/// # Errors
/// As [`write_atomic`].
pub fn write_atomic_over(path: &Path, old: Option<&[u8]>, bytes: &[u8]) -> Result<(), IoError> {
    if let Some(old) = old {
        let backup = backup_path_for(path);
        replace_file(&backup, old).map_err(|source| IoError::File {
            action: "write the backup",
            path: backup,
            source,
        })?;
    }
    replace_file(path, bytes).map_err(|source| IoError::File {
        action: "write",
        path: path.to_owned(),
        source,
    })
}

fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut tmp_name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    tmp_name.push(format!(".{}-{n}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ignored = std::fs::remove_file(&tmp);
    }
    result?;
    // Make the rename itself durable; not every file system can sync a
    // folder, and the data is already safe, so a failure here is not one.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ignored = d.sync_all();
    }
    Ok(())
}
