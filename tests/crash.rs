//! Crash recovery, for real: the real `proofdesk` binary opens a page in a
//! window, an edit is typed into it (keys replayed by `PROOFDESK_SCRIPT`
//! through the desk's own key handling), the autosave writes the draft,
//! the process is killed with SIGKILL, and the page is reopened.
//!
//! Needs an X display (`.ci/run` starts Xvfb and exports `DISPLAY`);
//! without one the test says so and passes without running.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod support;

use proofdesk::app::StartOptions;
use proofdesk::io::{fixture_path_for, read_fixture};
use proofdesk::page::{Role, Status};

const SEED: &str = include_str!("data/seed_page.txt");

fn sha256(path: &Path) -> String {
    use sha2::Digest as _;
    let bytes = std::fs::read(path).expect("the page is readable");
    format!("{:x}", sha2::Sha256::digest(bytes))
}

#[test]
fn a_desk_killed_after_an_edit_reopens_with_the_edit() {
    if std::env::var_os("DISPLAY").is_none() {
        eprintln!(
            "SKIPPED a_desk_killed_after_an_edit_reopens_with_the_edit: no DISPLAY \
             (run under Xvfb, e.g. `Xvfb :99 & DISPLAY=:99 cargo test --test crash`)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("seed_page.txt");
    std::fs::write(&page, SEED).unwrap();
    let before = sha256(&page);
    let fixture = fixture_path_for(&page);
    let log = dir.path().join("desk.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_proofdesk"))
        .arg(&page)
        // j j: the third block; s: a new article starts there; 2: headline.
        .env("PROOFDESK_SCRIPT", "j j s 2")
        // Keep the desk's own persistence out of the user's data folder.
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("the desk starts");

    let started = Instant::now();
    let draft = loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "the desk exited ({status}) before autosaving:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        if let Ok(f) = read_fixture(&fixture)
            && f.articles.len() == 16
        {
            break f;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ignored = child.kill();
            panic!(
                "no autosave within 120 s:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    // kill -9 while the window is open: no close handler runs.
    child.kill().expect("SIGKILL");
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not closed: {status}");
    assert_eq!(draft.status, Status::Draft);

    // Reopen, in process, through the desk's one open function.
    let mut h = support::desk(StartOptions::default());
    h.state_mut().open_page(&page);
    h.run();
    let desk = h.state();
    assert!(desk.document().resumed, "the autosaved draft is resumed");
    assert_eq!(desk.page().articles.len(), 16, "the split is there");
    assert_eq!(desk.page().articles[1].blocks[0].role, Role::Headline);
    assert_eq!(sha256(&page), before, "the raw page was never written");
}
