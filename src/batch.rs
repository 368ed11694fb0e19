//! Normalizing many pages at once: one `auto` fixture per page, written in
//! parallel on all cores.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator as _, ParallelIterator as _};

use crate::io::{IoError, fixture_path_for, read_page, write_fixture};

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

/// The page files named by `inputs`: files as given, and the files directly
/// inside folders (skipping fixtures, their backups and temporary files,
/// and hidden files), sorted per folder.
///
/// # Errors
/// [`BatchError::List`] for a folder that cannot be listed.
pub fn collect_pages(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, BatchError> {
    let mut pages = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let list = |e| BatchError::List {
                path: input.clone(),
                source: e,
            };
            let mut found = Vec::new();
            for entry in std::fs::read_dir(input).map_err(list)? {
                let path = entry.map_err(list)?.path();
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let ours = name.ends_with(".proofdesk.json")
                    || name.ends_with(".bak")
                    || name.ends_with(".tmp");
                if path.is_file() && !name.starts_with('.') && !ours {
                    found.push(path);
                }
            }
            found.sort();
            pages.extend(found);
        } else {
            pages.push(input.clone());
        }
    }
    Ok(pages)
}

/// What a batch did.
#[derive(Debug, Default)]
pub struct BatchReport {
    /// Fixtures written.
    pub written: usize,
    /// Pages that failed, with the reason; the other pages are still written.
    pub failed: Vec<IoError>,
}

/// Normalizes `pages` into `out_dir` (one `NAME.proofdesk.json` each, status
/// `auto`), in parallel; `tick` is called once per page, from any thread.
///
/// # Errors
/// [`BatchError`] before anything is written: same-named inputs, or an
/// output folder that cannot be made. Failures of single pages are in the
/// report.
pub fn normalize_pages(
    pages: &[PathBuf],
    out_dir: &Path,
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
    let results: Vec<Result<(), IoError>> = pages
        .par_iter()
        .map(|page| {
            let result = read_page(page).and_then(|p| {
                let target = out_dir.join(fixture_path_for(page).file_name().unwrap_or_default());
                write_fixture(&p, &target)
            });
            tick();
            result
        })
        .collect();
    let mut report = BatchReport::default();
    for r in results {
        match r {
            Ok(()) => report.written += 1,
            Err(e) => report.failed.push(e),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::{BatchError, collect_pages, normalize_pages};

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
        let found = collect_pages(std::slice::from_ref(&pages)).expect("lists");
        assert_eq!(found.len(), 6, "fixtures are not pages: {found:?}");
        let out = dir.path().join("out");
        let ticks = std::sync::atomic::AtomicUsize::new(0);
        let report = normalize_pages(&found, &out, &|| {
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
        let pages = collect_pages(&[a, b]).expect("lists");
        let err = normalize_pages(&pages, &dir.path().join("out"), &|| {}).expect_err("clash");
        assert!(matches!(err, BatchError::SameName { .. }));
        assert!(!dir.path().join("out").exists(), "nothing is written");
    }
}
