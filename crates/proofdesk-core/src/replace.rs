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

/// Removes the temporary files that writers killed mid-write left beside a
/// file written by [`write_via_temp`] (a fixture, a line model, an export),
/// and returns how many.
///
/// They are `NAME.PID-N.tmp` and `NAME.bak.PID-N.tmp` in the fixture's
/// folder (see [`write_via_temp`]), where `NAME` is the fixture's file name.
///
/// Only files whose writer is gone are removed: never those of this
/// process, nor of any live process (on Linux, `/proc/PID` exists). Where
/// that cannot be told (no `/proc`), nothing is removed. Other files,
/// folders and names that are not valid UTF-8 are left alone, and a file
/// that cannot be removed is skipped: this is tidying, not a step that can
/// fail.
pub fn remove_stale_temp_files(fixture_path: &Path) -> usize {
    remove_stale_temp_files_with(fixture_path, &|pid| {
        Path::new("/proc").join(pid.to_string()).exists()
    })
}

/// [`remove_stale_temp_files`] with `alive` telling whether a process is
/// running.
fn remove_stale_temp_files_with(fixture_path: &Path, alive: &dyn Fn(u32) -> bool) -> usize {
    // A process that cannot see itself cannot tell whether others live.
    if !alive(std::process::id()) {
        return 0;
    }
    let Some(name) = fixture_path.file_name().and_then(std::ffi::OsStr::to_str) else {
        return 0;
    };
    let backup = format!("{name}.bak");
    let dir = fixture_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let own = std::process::id();
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(pid) =
            temp_file_pid(file_name, name).or_else(|| temp_file_pid(file_name, &backup))
        else {
            continue;
        };
        if pid == own || alive(pid) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The writer's process id if `file` is a temporary file of `target`
/// (`TARGET.PID-N.tmp`, as [`write_via_temp`] names them).
fn temp_file_pid(file: &str, target: &str) -> Option<u32> {
    let rest = file
        .strip_prefix(target)?
        .strip_prefix('.')?
        .strip_suffix(".tmp")?;
    let (pid, n) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{remove_stale_temp_files, remove_stale_temp_files_with};

    #[test]
    fn stale_temp_files_of_dead_writers_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fixture = dir.path().join("p.txt.proofdesk.json");
        let own = std::process::id();
        // No Linux process id reaches 2^22 (the kernel's PID_MAX_LIMIT).
        let dead = 4_194_305;
        let stale = [
            format!("p.txt.proofdesk.json.{dead}-0.tmp"),
            format!("p.txt.proofdesk.json.bak.{dead}-17.tmp"),
        ];
        let kept = [
            "p.txt.proofdesk.json".to_owned(),
            "p.txt.proofdesk.json.bak".to_owned(),
            format!("p.txt.proofdesk.json.{own}-0.tmp"),
            format!("p.txt.proofdesk.json.bak.{own}-3.tmp"),
            "p.txt.proofdesk.json.1-0.tmp".to_owned(),
            format!("other.txt.proofdesk.json.{dead}-0.tmp"),
            format!("p.txt.proofdesk.json.{dead}-x.tmp"),
            format!("p.txt.proofdesk.json.{dead}.tmp"),
            format!("p.txt.proofdesk.json.{dead}-0.tmp.old"),
            format!("xp.txt.proofdesk.json.{dead}-0.tmp"),
            "p.txt".to_owned(),
        ];
        for name in stale.iter().chain(&kept) {
            std::fs::write(dir.path().join(name), "{").expect("writes");
        }
        // A folder with a stale name is not a file this removes.
        let folder = format!("p.txt.proofdesk.json.{dead}-1.tmp");
        std::fs::create_dir(dir.path().join(&folder)).expect("makes a folder");
        assert_eq!(
            remove_stale_temp_files_with(&fixture, &|_| false),
            0,
            "nothing is removed where no process can be seen"
        );
        assert_eq!(remove_stale_temp_files(&fixture), 2, "the two stale files");
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("lists")
            .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
            .collect();
        left.sort();
        let mut expected: Vec<String> = kept.to_vec();
        expected.push(folder);
        expected.sort();
        assert_eq!(left, expected);
        assert_eq!(
            remove_stale_temp_files(&fixture),
            0,
            "nothing more to remove"
        );
    }

    #[test]
    fn a_writer_that_has_exited_leaves_a_stale_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fixture = dir.path().join("p.txt.proofdesk.json");
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("runs true");
        let pid = child.id();
        child.wait().expect("waits");
        let tmp = dir.path().join(format!("p.txt.proofdesk.json.{pid}-0.tmp"));
        std::fs::write(&tmp, "{").expect("writes");
        // The id could have been given to a new process since; then it stays.
        let reused = std::path::Path::new("/proc").join(pid.to_string()).exists();
        assert_eq!(remove_stale_temp_files(&fixture), usize::from(!reused));
        assert_eq!(tmp.exists(), reused);
    }
}
