//! Replacing a file whole: written to a temporary file beside it, synced,
//! then renamed over it, so that a reader sees the old file or the whole
//! new one, never a part (fixtures, line models, exports).

use std::path::Path;

/// Writes the file at `path` through a temporary file beside it
/// (`NAME.PID-N.tmp`), synced and then renamed over it, so that a reader
/// sees the old file or the whole new one, never a part: `write` fills the
/// temporary file. Where anything fails, the temporary file is removed.
///
/// # Errors
/// What `write` returns, or the I/O error of creating, syncing or
/// renaming the temporary file.
pub(crate) fn write_via_temp<T, E: From<std::io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<T, E>,
) -> Result<T, E> {
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
    let result = (|| -> Result<T, E> {
        let mut file = std::fs::File::create(&tmp)?;
        let value = write(&mut file)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ignored = std::fs::remove_file(&tmp);
    }
    let value = result?;
    // Make the rename itself durable; not every file system can sync a
    // folder, and the data is already safe, so a failure here is not one.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ignored = d.sync_all();
    }
    Ok(value)
}
