//! `PROOFDESK_TRACE_STATES`: every change of the page's content, with the
//! time it was first on the desk, for the soak test that kills the desk and
//! checks how much work a reopened page lost.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Appends `SECONDS_SINCE_UNIX_EPOCH PAGE DIGEST` lines to a file.
pub(super) struct StateTrace {
    path: PathBuf,
    last: Option<u64>,
}

impl StateTrace {
    pub(super) fn new(path: PathBuf) -> Self {
        Self { path, last: None }
    }

    /// Records the page if its state changed since the last frame.
    pub(super) fn record(
        &mut self,
        page_path: Option<&Path>,
        state: u64,
        page: &crate::page::Page,
    ) {
        if self.last == Some(state) {
            return;
        }
        self.last = Some(state);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64());
        let name = page_path.map_or_else(|| "-".to_owned(), crate::io::file_name);
        let line = format!("{now:.3} {name} {}\n", page.content_digest());
        // A trace for tests: a failure to write it must not disturb the desk.
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
        {
            let _ignored = f.write_all(line.as_bytes());
        }
    }
}
