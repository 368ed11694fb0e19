//! Reading pages and fixtures from disk, and writing fixtures safely.

use std::io::{Read as _, Write as _};
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
    /// A folder, named pipe, socket or device where a file was expected:
    /// reading it would block, never end, or fail.
    #[error("cannot read {path}: it is {kind}, not a regular file; {hint}")]
    NotAFile {
        /// The path given.
        path: PathBuf,
        /// What it is (`a named pipe (FIFO)`, `a character device`, …).
        kind: &'static str,
        /// What to give instead.
        hint: &'static str,
    },
    /// Larger than [`MAX_FILE_BYTES`].
    #[error(
        "cannot read {path}: it holds more than {limit} bytes, more than Proofdesk reads; {hint}"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The most Proofdesk reads, in bytes.
        limit: u64,
        /// What to do about it.
        hint: &'static str,
    },
}

/// The most bytes Proofdesk reads from one page or fixture file: 1 GiB.
/// Larger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// What a file is read as, for the advice in an error.
#[derive(Clone, Copy, Debug)]
enum Role {
    Page,
    Fixture,
}

impl Role {
    fn hint_not_a_file(self) -> &'static str {
        match self {
            Self::Page => "give the text file the extractor wrote",
            Self::Fixture => "give the PAGE.proofdesk.json file kept beside the page",
        }
    }

    fn hint_too_large(self) -> &'static str {
        match self {
            Self::Page => "split it into pages, one file each",
            Self::Fixture => "no fixture is this large: check that this is the file you meant",
        }
    }
}

/// What a file that is not a regular one is, for an error; `None` for a
/// regular file.
fn not_a_file_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    Some("a special file")
}

/// Reads a whole page or fixture file, refusing what is not a regular file
/// (a symbolic link to one is followed) and files over [`MAX_FILE_BYTES`].
///
/// The type is checked on the path before the file is opened, because
/// opening a named pipe waits for a writer, and again on the opened file.
fn read_bytes(path: &Path, role: Role) -> Result<Vec<u8>, IoError> {
    let file_error = |source| IoError::File {
        action: "read",
        path: path.to_owned(),
        source,
    };
    let check = |metadata: &std::fs::Metadata| match not_a_file_kind(metadata.file_type()) {
        Some(kind) => Err(IoError::NotAFile {
            path: path.to_owned(),
            kind,
            hint: role.hint_not_a_file(),
        }),
        None => Ok(()),
    };
    let too_large = || IoError::TooLarge {
        path: path.to_owned(),
        limit: MAX_FILE_BYTES,
        hint: role.hint_too_large(),
    };
    check(&std::fs::metadata(path).map_err(file_error)?)?;
    let file = std::fs::File::open(path).map_err(file_error)?;
    let metadata = file.metadata().map_err(file_error)?;
    check(&metadata)?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    read_limited(file, metadata.len(), MAX_FILE_BYTES)
        .map_err(file_error)?
        .ok_or_else(too_large)
}

/// Reads `reader` to its end if it holds at most `limit` bytes (`size` is
/// the expected length, a capacity hint); `None` if it holds more. Never
/// reads more than `limit + 1` bytes.
fn read_limited(
    reader: impl std::io::Read,
    size: u64,
    limit: u64,
) -> std::io::Result<Option<Vec<u8>>> {
    let capacity = usize::try_from(size.min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let within = u64::try_from(bytes.len()).is_ok_and(|n| n <= limit);
    Ok(within.then_some(bytes))
}

/// The bytes of the fixture file at `path` as it is now, `None` if none.
///
/// Checked like [`read_fixture`] (regular files only, at most
/// [`MAX_FILE_BYTES`]), so a named pipe or a device there never blocks.
///
/// # Errors
/// [`IoError`] for a file that exists but cannot be read as a fixture file.
pub(crate) fn read_existing_fixture(path: &Path) -> Result<Option<Vec<u8>>, IoError> {
    match read_bytes(path, Role::Fixture) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(IoError::File { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The file name of `path` without directories, for display and fixtures.
#[must_use]
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Whether `a` and `b` name the same file: spelled alike, or resolving to
/// one (`pages/p.txt` and `/home/…/pages/p.txt`, a link to it). Paths that
/// do not resolve are the same only if spelled alike.
#[must_use]
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}

/// Decodes a page file and proposes its correction.
///
/// # Errors
/// [`IoError::File`] if it cannot be read, [`IoError::NotAFile`] for a
/// folder, pipe or device, [`IoError::TooLarge`] over [`MAX_FILE_BYTES`],
/// [`IoError::Decode`] if it is not text.
pub fn read_page(path: &Path) -> Result<Page, IoError> {
    read_page_with(path, None)
}

/// [`read_page`], the proposal refined by the line `model` when one is
/// given.
///
/// # Errors
/// As [`read_page`].
pub fn read_page_with(
    path: &Path,
    model: Option<&crate::line_model::LineModel>,
) -> Result<Page, IoError> {
    let raw = crate::picture::with_ink(read_raw(path)?, path);
    Ok(crate::propose_page_with(raw, model))
}

/// The raw text of the page file at `path`, decoded. The file's bytes and
/// the decoded text are gone before it returns: on a large page only the
/// raw text itself is held when the proposal is made.
///
/// # Errors
/// As [`read_page`].
fn read_raw(path: &Path) -> Result<RawText, IoError> {
    let bytes = read_bytes(path, Role::Page)?;
    raw_from_bytes(&file_name(path), bytes).map_err(|source| IoError::Decode {
        path: path.to_owned(),
        source,
    })
}

/// The review of the page at `path` as the rules propose it fresh: its
/// doubts gathered into spots, and whether its reading order is lost
/// ([`crate::reading`]).
///
/// What a folder's queue shows of a page no fixture speaks for yet. `None`
/// where the page cannot be read (opening it says why). The rules alone
/// propose it, without the page picture's ink or a line model, to keep a
/// folder's scan fast: opening the page may count a few spots otherwise.
#[must_use]
pub fn proposed_review(path: &Path) -> Option<crate::decision::Review> {
    Some(crate::propose_page(read_raw(path).ok()?).review)
}

/// Decodes page bytes, dropping them as soon as they are decoded.
fn raw_from_bytes(name: &str, bytes: Vec<u8>) -> Result<RawText, DecodeError> {
    let decoded = decode(&bytes)?;
    drop(bytes);
    check_not_empty(&decoded)?;
    if let Some(raw) = raw_from_ocr(name, &decoded)? {
        return Ok(raw);
    }
    Ok(RawText::from_string(
        name,
        decoded.text,
        decoded.encoding,
        decoded.line_ending,
    ))
}

/// The raw text of an hOCR, ALTO or PAGE XML page: the engine's lines,
/// with where they sit on the image. `None` for any other text; markup in
/// none of these formats is refused.
fn raw_from_ocr(
    name: &str,
    decoded: &crate::decode::Decoded,
) -> Result<Option<RawText>, DecodeError> {
    let Some(format) = crate::ocr::sniff(&decoded.text) else {
        crate::ocr::refuse_unknown_markup(&decoded.text)?;
        return Ok(None);
    };
    let page = crate::ocr::read(&decoded.text, format)?;
    Ok(Some(
        RawText::from_string(name, page.text, decoded.encoding, decoded.line_ending)
            .with_geometry(page.geometry),
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
    if let Some(raw) = raw_from_ocr(name, decoded)? {
        return Ok(raw);
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
/// [`IoError::File`] if it cannot be read, [`IoError::NotAFile`] for a
/// folder, pipe or device, [`IoError::TooLarge`] over [`MAX_FILE_BYTES`],
/// [`IoError::Fixture`] if it is invalid.
pub fn read_fixture(path: &Path) -> Result<Fixture, IoError> {
    let bytes = read_bytes(path, Role::Fixture)?;
    let text = String::from_utf8_lossy(&bytes);
    Fixture::from_json(&text).map_err(|source| IoError::Fixture {
        path: path.to_owned(),
        source,
    })
}

/// Where the fixture of a page file is kept: beside it, `PAGE.proofdesk.json`.
#[must_use]
pub fn fixture_path_for(page: &Path) -> PathBuf {
    with_suffix(page, ".proofdesk.json")
}

/// Where to keep a copy of page `file_name`'s correction in `dir`.
///
/// Its own fixture path if that is not `taken` (held by another desk) and
/// free, else the first of `NAME.copy.proofdesk.json`,
/// `NAME.copy-2.proofdesk.json`, … that no file has.
#[must_use]
pub fn free_copy_fixture_path(dir: &Path, file_name: &str, taken: &Path) -> PathBuf {
    let own = fixture_path_for(&dir.join(file_name));
    if own != taken && !own.exists() {
        return own;
    }
    let copy = |n: usize| {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        fixture_path_for(&dir.join(format!("{file_name}.copy{suffix}")))
    };
    (1..1000)
        .map(copy)
        .find(|p| !p.exists())
        .unwrap_or_else(|| copy(1000))
}

/// `path` with `suffix` appended to its file name (`p.txt` → `p.txt.lock`):
/// how every file kept beside a page or fixture is named.
#[must_use]
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
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
    with_suffix(path, ".bak")
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
    let old = match read_existing_fixture(path) {
        Ok(old) => old,
        // Never write over (or wait on) a pipe, a device or a huge file.
        Err(e @ (IoError::NotAFile { .. } | IoError::TooLarge { .. })) => return Err(e),
        // Unreadable otherwise: there is nothing to keep; the write says why.
        Err(_) => None,
    };
    write_atomic_over(path, old.as_deref(), bytes)
}

/// [`write_atomic`] when the caller has already read the file's current
/// content `old` (`None`: there is none), which becomes `PATH.bak`.
///
/// # Errors
/// As [`write_atomic`].
pub(crate) fn write_atomic_over(
    path: &Path,
    old: Option<&[u8]>,
    bytes: &[u8],
) -> Result<(), IoError> {
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
    crate::replace::write_via_temp(path, |file| file.write_all(bytes))
}

pub use crate::replace::remove_stale_temp_files;

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::Duration;

    use super::{IoError, MAX_FILE_BYTES, read_fixture, read_limited, read_page, same_file};

    #[test]
    fn one_file_named_two_ways_is_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, "甲").unwrap();
        std::fs::write(&b, "甲").unwrap();
        std::fs::create_dir(dir.path().join("x")).unwrap();
        assert!(same_file(
            &a,
            &dir.path().join("x").join("..").join("a.txt")
        ));
        assert!(!same_file(&a, &b), "two files of the same text");
        let missing = dir.path().join("gone.txt");
        assert!(same_file(&missing, &missing));
        assert!(!same_file(&missing, &a));
    }

    #[test]
    fn a_copy_of_a_held_page_goes_where_no_file_is() {
        use super::{fixture_path_for, free_copy_fixture_path};
        let dir = tempfile::tempdir().expect("a temp dir");
        let d = dir.path();
        let own = fixture_path_for(&d.join("p.txt"));
        let other = d.join("elsewhere.proofdesk.json");
        // Its own fixture, free and not the one held elsewhere.
        assert_eq!(free_copy_fixture_path(d, "p.txt", &other), own);
        // Held: the first copy name no file has.
        let first = d.join("p.txt.copy.proofdesk.json");
        assert_eq!(free_copy_fixture_path(d, "p.txt", &own), first);
        std::fs::write(&first, "{}").expect("written");
        assert_eq!(
            free_copy_fixture_path(d, "p.txt", &own),
            d.join("p.txt.copy-2.proofdesk.json")
        );
    }

    /// Runs `f` on a thread and returns its result, failing the test if it
    /// takes longer than a few seconds (a read that blocks or never ends).
    fn quickly<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ignored = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(5))
            .unwrap_or_else(|_| panic!("{what}: no answer within 5 s, it hangs"))
    }

    fn refuse_page(path: PathBuf) -> String {
        let shown = path.display().to_string();
        let result = quickly(&shown, move || read_page(&path).map(|_| ()));
        let err = result.expect_err("not a page file");
        let text = err.to_string();
        assert!(
            matches!(err, IoError::NotAFile { .. }),
            "{shown}: refused for what it is: {text}"
        );
        assert!(text.contains(&shown), "names the file: {text}");
        text
    }

    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("page.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo makes the pipe");
        let text = refuse_page(fifo.clone());
        assert!(text.contains("named pipe"), "{text}");
        assert!(
            text.contains("give the text file"),
            "says what to do: {text}"
        );
        let err = quickly("fixture", move || read_fixture(&fifo).map(|_| ()))
            .expect_err("a pipe is no fixture");
        assert!(matches!(err, IoError::NotAFile { .. }), "{err}");
    }

    #[test]
    fn dev_null_is_refused() {
        let text = refuse_page(PathBuf::from("/dev/null"));
        assert!(text.contains("device"), "{text}");
    }

    #[test]
    fn dev_zero_is_refused() {
        let text = refuse_page(PathBuf::from("/dev/zero"));
        assert!(text.contains("device"), "{text}");
    }

    #[test]
    fn a_link_to_a_page_is_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = dir.path().join("page.txt");
        std::fs::write(&page, "标题\n\n正文。\n").expect("writes");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&page, &link).expect("links");
        let read = read_page(&link).expect("a link to a page is a page");
        assert_eq!(read.raw.text(), "标题\n\n正文。\n");
    }

    #[test]
    fn reading_stops_past_the_limit() {
        let read = |bytes: &[u8], size| read_limited(bytes, size, 10).expect("reads memory");
        assert_eq!(read(b"", 0), Some(Vec::new()));
        assert_eq!(read(b"0123456789", 10), Some(b"0123456789".to_vec()));
        assert_eq!(read(b"0123456789A", 11), None, "one byte too many");
        assert_eq!(read(b"0123456789A", 0), None, "whatever size was said");
        // No more than the limit and one byte is read.
        let mut source = std::io::Cursor::new(vec![b'x'; 100]);
        assert_eq!(read_limited(&mut source, 100, 10).expect("reads"), None);
        assert_eq!(source.position(), 11, "read up to one byte past the limit");
        let endless = read_limited(std::io::repeat(b'x'), 0, 1 << 20).expect("reads");
        assert_eq!(endless, None, "an endless source ends at the limit");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_unread() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("huge.txt");
        let file = std::fs::File::create(&path).expect("creates");
        // Sparse: nothing is written, and nothing should be read.
        file.set_len(MAX_FILE_BYTES + 1).expect("sets the length");
        let shown = path.display().to_string();
        let err = quickly("huge", move || read_page(&path).map(|_| ())).expect_err("too large");
        let text = err.to_string();
        assert!(matches!(err, IoError::TooLarge { .. }), "{text}");
        assert!(
            text.contains(&shown) && text.contains("split it into pages"),
            "{text}"
        );
    }
}
