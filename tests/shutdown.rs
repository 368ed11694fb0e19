//! The desk ends without the editor closing it: SIGTERM (logout,
//! shutdown), SIGINT (Ctrl+C in the terminal), SIGHUP (the terminal went
//! away), and the X display lost. Each time the real `proofdesk` binary,
//! with autosave off so that only the shutdown path can save, must leave
//! a draft holding the edit that was on the desk.
//!
//! Needs an X display (`.ci/run` starts Xvfb and exports `DISPLAY`), and
//! the `Xvfb` program for the lost-display case; without them the tests
//! say SKIPPED (which `.ci/run` refuses).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use proofdesk::io::{fixture_path_for, read_fixture};
use proofdesk::page::Status;

const SEED: &str = include_str!("data/seed_page.txt");

struct Desk {
    child: Child,
    dir: tempfile::TempDir,
    page: PathBuf,
}

impl Desk {
    /// Starts the desk on a copy of the seed page; `j j s 2` splits the
    /// first article at its third block and makes that a headline.
    fn start(display: &str) -> Self {
        let dir = tempfile::tempdir().expect("test setup");
        let page = dir.path().join("seed_page.txt");
        std::fs::write(&page, SEED).expect("test setup");
        let child = Command::new(env!("CARGO_BIN_EXE_proofdesk"))
            .arg(&page)
            .arg("--no-autosave")
            .env("DISPLAY", display)
            .env("PROOFDESK_SCRIPT", "j j s 2")
            .env("PROOFDESK_TRACE_STATES", dir.path().join("trace"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("desk.log")).expect("test setup"))
            .spawn()
            .expect("the desk starts");
        Self { child, dir, page }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("desk.log")).unwrap_or_default()
    }

    /// Waits until the edit is on the desk (the trace shows the page's
    /// first state and the two changes), and not on disk.
    fn wait_for_edit(&mut self) {
        let trace = self.dir.path().join("trace");
        let started = Instant::now();
        loop {
            let lines = std::fs::read_to_string(&trace)
                .map(|t| t.lines().count())
                .unwrap_or(0);
            if lines >= 3 {
                break;
            }
            if let Some(status) = self.child.try_wait().expect("test setup") {
                panic!("the desk exited ({status}) early:\n{}", self.log());
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the script did not run within 120 s:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        // A frame for the last change to be published.
        std::thread::sleep(Duration::from_millis(500));
        assert!(
            !fixture_path_for(&self.page).exists(),
            "autosave is off: nothing is written before the shutdown"
        );
    }

    /// Waits for the process to end by itself.
    fn wait_exit(&mut self) {
        let started = Instant::now();
        while self.child.try_wait().expect("test setup").is_none() {
            if started.elapsed() > Duration::from_secs(30) {
                let _ignored = self.child.kill();
                panic!("the desk did not end within 30 s:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn assert_draft_saved(&self) {
        self.assert_draft_in(&fixture_path_for(&self.page));
    }

    /// The edit on the desk was written, as a draft, to `fixture`.
    fn assert_draft_in(&self, fixture: &Path) {
        let f = read_fixture(fixture)
            .unwrap_or_else(|e| panic!("no valid draft after the shutdown ({e}):\n{}", self.log()));
        assert_eq!(f.articles.len(), 16, "the split is saved");
        assert_eq!(
            f.articles[1].blocks[0].role.name(),
            "headline",
            "the role change is saved"
        );
        assert_eq!(f.status, Status::Draft, "saved as a draft");
        assert_eq!(
            std::fs::read_to_string(&self.page).expect("test setup"),
            SEED,
            "the page is never written"
        );
    }
}

fn display() -> Option<String> {
    std::env::var("DISPLAY").ok().filter(|d| !d.is_empty())
}

fn signal(pid: u32, name: &str) {
    // The shell's own `kill`: no procps needed on a fresh machine.
    let ok = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -{name} {pid}"))
        .status()
        .expect("kill runs")
        .success();
    assert!(ok, "kill -{name} {pid}");
}

#[test]
fn sigterm_sigint_and_sighup_save_a_draft_then_end_the_desk() {
    let Some(display) = display() else {
        eprintln!("SKIPPED shutdown signals: no DISPLAY (run under Xvfb)");
        return;
    };
    for name in ["TERM", "INT", "HUP"] {
        let mut desk = Desk::start(&display);
        desk.wait_for_edit();
        signal(desk.child.id(), name);
        desk.wait_exit();
        desk.assert_draft_saved();
    }
}

/// The fixture cannot be written when the shutdown comes (something took
/// its place): the edit is kept beside it, and stderr says where.
#[test]
fn a_shutdown_that_cannot_write_the_fixture_keeps_the_edit_beside_it() {
    let Some(display) = display() else {
        eprintln!("SKIPPED shutdown signals: no DISPLAY (run under Xvfb)");
        return;
    };
    let mut desk = Desk::start(&display);
    desk.wait_for_edit();
    let fixture = fixture_path_for(&desk.page);
    std::fs::create_dir(&fixture).expect("test setup");
    signal(desk.child.id(), "TERM");
    desk.wait_exit();
    let kept: Vec<PathBuf> = std::fs::read_dir(desk.dir.path())
        .expect("test setup")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("seed_page.txt.proofdesk.json."))
                && p.extension().is_none_or(|x| x != "lock")
        })
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "one copy beside the fixture: {kept:?}\n{}",
        desk.log()
    );
    desk.assert_draft_in(&kept[0]);
    let name = kept[0]
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    assert!(
        desk.log().contains(name),
        "stderr says where the edit went:\n{}",
        desk.log()
    );
}

/// A display number no one uses here.
fn free_display() -> Option<u32> {
    (90..120).find(|n| {
        !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
    })
}

#[test]
fn losing_the_display_saves_a_draft() {
    if display().is_none() || Command::new("Xvfb").arg("-help").output().is_err() {
        eprintln!("SKIPPED losing the display: no DISPLAY or no Xvfb (run under .ci/run)");
        return;
    }
    let n = free_display().expect("a free display number");
    let mut x = Command::new("Xvfb")
        .arg(format!(":{n}"))
        .args(["-screen", "0", "1280x720x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
    let started = Instant::now();
    while !socket.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut desk = Desk::start(&format!(":{n}"));
    desk.wait_for_edit();
    // The X server goes away under the desk.
    x.kill().expect("Xvfb is killed");
    x.wait().expect("Xvfb ends");
    // A killed X server leaves its socket and lock behind: remove them, or
    // every run of this test uses up a display number.
    for leftover in [socket, PathBuf::from(format!("/tmp/.X{n}-lock"))] {
        if let Err(e) = std::fs::remove_file(&leftover)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            panic!("cannot remove {}: {e}", leftover.display());
        }
    }
    desk.wait_exit();
    desk.assert_draft_saved();
    assert!(
        desk.log().contains("saved a draft"),
        "says so on stderr:\n{}",
        desk.log()
    );
}
