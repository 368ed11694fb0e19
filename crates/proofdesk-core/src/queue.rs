//! The work queue: every page file of a folder with its status (new, draft,
//! done) read from the fixture beside it, and where the editor is.
//!
//! No GUI here. The list is built at once from the folder's names; the
//! statuses are read on a background thread and arrive through a channel,
//! so a folder of thousands of pages never blocks a frame.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::decision::Review;
use crate::io::{IoError, fixture_path_for, read_fixture};
use crate::page::Status;

/// How far a page of the queue has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageState {
    /// Not read yet.
    Unknown,
    /// No fixture, or only the automatic proposal.
    New,
    /// A draft.
    Draft,
    /// Done.
    Done,
    /// The fixture beside it cannot be read.
    Damaged,
}

impl PageState {
    /// The name shown in the queue.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Unknown => "…",
            Self::New => "new",
            Self::Draft => "draft",
            Self::Done => "done",
            Self::Damaged => "damaged",
        }
    }

    /// The state of a page whose fixture has `status`.
    #[must_use]
    pub fn of(status: Status) -> Self {
        match status {
            Status::Auto => Self::New,
            Status::Draft => Self::Draft,
            Status::Done => Self::Done,
        }
    }
}

/// One page of the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The page file.
    pub path: PathBuf,
    /// Its file name, for display.
    pub name: String,
    /// How far its correction has got, as its fixture (or the page) says.
    pub progress: Progress,
}

/// What a page's fixture says of how far its correction has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Its state.
    pub state: PageState,
    /// Whether every doubt of the proposal is settled.
    pub reviewed: bool,
    /// Whether the page's reading order is lost.
    pub reading_lost: bool,
    /// How many spots still hold an open doubt ([`Review::open_in`], every
    /// doubt walked): the review work left on the page.
    pub open_spots: usize,
}

impl Progress {
    /// A page in `state`, not reviewed, in order, no spots known.
    #[must_use]
    pub fn of(state: PageState) -> Self {
        Self {
            state,
            reviewed: false,
            reading_lost: false,
            open_spots: 0,
        }
    }

    /// A page in `state` whose fixture holds `review`.
    #[must_use]
    pub fn of_review(state: PageState, review: &Review) -> Self {
        Self {
            state,
            reviewed: review.is_reviewed(),
            reading_lost: !review.reading.is_in_order(),
            open_spots: review.open_spots(),
        }
    }
}

/// The pages of a folder and the one on the desk.
#[derive(Debug)]
pub struct Queue {
    dir: PathBuf,
    entries: Vec<Entry>,
    current: Option<usize>,
    /// Statuses read in the background, by entry index.
    incoming: Option<Receiver<Vec<(usize, Progress)>>>,
    known: usize,
}

/// Whether a file name is a page's.
///
/// Not hidden, not a fixture, not a fixture's backup, temporary, stale or
/// conflict copy (anything with `.proofdesk.json.` in it), not an editor's
/// backup (`name~`), not a page picture ([`PICTURE_EXTENSIONS`]: the image
/// an OCR engine read sits beside its text).
///
/// The one rule by which the queue and batch normalize choose pages (with
/// `is_page_entry`); any other name is a page, `x.bak` and `x.tmp`
/// included.
#[must_use]
pub fn is_page_file(name: &str) -> bool {
    let picture = name.rsplit_once('.').is_some_and(|(_, ext)| {
        PICTURE_EXTENSIONS
            .iter()
            .any(|p| p.eq_ignore_ascii_case(ext))
    });
    !(name.starts_with('.')
        || name.ends_with(".proofdesk.json")
        || name.contains(".proofdesk.json.")
        || name.ends_with('~')
        || picture)
}

/// The file extensions of page pictures, which are never pages.
pub const PICTURE_EXTENSIONS: [&str; 6] = crate::picture::EXTENSIONS;

/// Whether a folder entry is a page: its name passes [`is_page_file`] and
/// it is a regular file, or a symlink that resolves to one (a folder, or a
/// link to one, is never a page).
#[must_use]
pub(crate) fn is_page_entry(entry: &std::fs::DirEntry) -> bool {
    is_page_file(&entry.file_name().to_string_lossy())
        && entry.file_type().is_ok_and(|t| {
            t.is_file()
                || (t.is_symlink() && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()))
        })
}

/// The state of a page, whether its review is complete, its spots still to
/// check, and whether its reading order is lost.
///
/// The fixture beside it is read and validated as the desk reads it
/// ([`read_fixture`]), so a fixture the desk refuses is
/// [`PageState::Damaged`] here, and one it opens has the status it shows. A
/// fixture without a review record counts as not reviewed, and in order. A
/// page without a fixture is proposed by the rules
/// ([`crate::io::proposed_review`]; about a millisecond for a page of the
/// seed's size) to count its spots and tell whether its reading order is
/// lost; it is not reviewed.
#[must_use]
pub fn read_progress(page: &Path) -> Progress {
    match read_fixture(&fixture_path_for(page)) {
        Ok(f) => {
            let state = PageState::of(f.status);
            f.into_recorded_review()
                .map_or(Progress::of(state), |r| Progress::of_review(state, &r))
        }
        Err(IoError::File { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            // No fixture: nobody reviewed it yet, whatever its doubts.
            crate::io::proposed_review(page).map_or(Progress::of(PageState::New), |r| Progress {
                reviewed: false,
                ..Progress::of_review(PageState::New, &r)
            })
        }
        Err(_) => Progress::of(PageState::Damaged),
    }
}

/// Compares names so that `page2` comes before `page10`.
#[must_use]
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let mut x = a.chars().peekable();
    let mut y = b.chars().peekable();
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let mut n = String::new();
                while let Some(c) = x.next_if(char::is_ascii_digit) {
                    n.push(c);
                }
                let mut m = String::new();
                while let Some(d) = y.next_if(char::is_ascii_digit) {
                    m.push(d);
                }
                let (n2, m2) = (n.trim_start_matches('0'), m.trim_start_matches('0'));
                let o = n2.len().cmp(&m2.len()).then_with(|| n2.cmp(m2));
                if o != Ordering::Equal {
                    return o;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}

impl Queue {
    /// Lists the page files of `dir` (names only; fast) and starts reading
    /// their statuses on a background thread.
    ///
    /// # Errors
    /// The folder cannot be read.
    pub fn open(dir: &Path) -> std::io::Result<Self> {
        let mut entries: Vec<Entry> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .filter(is_page_entry)
            .map(|e| Entry {
                path: e.path(),
                name: e.file_name().to_string_lossy().into_owned(),
                progress: Progress::of(PageState::Unknown),
            })
            .collect();
        entries.sort_by(|a, b| natural_cmp(&a.name, &b.name));
        let mut queue = Self {
            dir: dir.to_owned(),
            entries,
            current: None,
            incoming: None,
            known: 0,
        };
        queue.start_reading();
        Ok(queue)
    }

    fn start_reading(&mut self) {
        let paths: Vec<PathBuf> = self.entries.iter().map(|e| e.path.clone()).collect();
        if paths.is_empty() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("proofdesk-queue".to_owned())
            .spawn(move || {
                for (chunk_no, chunk) in paths.chunks(64).enumerate() {
                    let batch: Vec<(usize, Progress)> = chunk
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (chunk_no * 64 + i, read_progress(p)))
                        .collect();
                    if tx.send(batch).is_err() {
                        return; // the queue is gone
                    }
                }
            });
        if spawned.is_ok() {
            self.incoming = Some(rx);
        } else {
            // No thread: read them here (slow, but correct).
            for i in 0..self.entries.len() {
                self.resolve(i);
            }
        }
    }

    /// Takes the statuses read so far; true while more are to come.
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.incoming else {
            return false;
        };
        loop {
            match rx.try_recv() {
                Ok(batch) => {
                    for (i, progress) in batch {
                        if let Some(e) = self.entries.get_mut(i)
                            && e.progress.state == PageState::Unknown
                        {
                            let desk = e.progress;
                            e.progress = progress;
                            if self.current == Some(i) {
                                // The page on the desk: its live review
                                // counts, not its fixture's or a fresh one.
                                e.progress.open_spots = desk.open_spots;
                                e.progress.reading_lost = desk.reading_lost;
                            }
                            self.known += 1;
                        }
                    }
                }
                Err(TryRecvError::Empty) => return true,
                Err(TryRecvError::Disconnected) => {
                    self.incoming = None;
                    return false;
                }
            }
        }
    }

    /// Whether statuses are still being read.
    #[must_use]
    pub fn loading(&self) -> bool {
        self.incoming.is_some()
    }

    /// The folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The pages, in natural name order.
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The page on the desk.
    #[must_use]
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// The page file on the desk.
    #[must_use]
    pub fn current_path(&self) -> Option<&Path> {
        self.entries.get(self.current?).map(|e| e.path.as_path())
    }

    /// Puts the page at `path` on the desk (`None` if it is not in the queue).
    pub fn set_current(&mut self, path: &Path) -> Option<usize> {
        self.current = self.index_of(path);
        self.current
    }

    /// The index of a page file.
    #[must_use]
    pub fn index_of(&self, path: &Path) -> Option<usize> {
        self.entries.iter().position(|e| e.path == path)
    }

    /// Records the state of a page, and whether its review is complete
    /// (after a save).
    pub fn set_progress(&mut self, path: &Path, progress: Progress) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.path == path) {
            if e.progress.state == PageState::Unknown {
                self.known += 1;
            }
            e.progress = progress;
        }
    }

    /// Puts the page at `path` on the desk ([`Queue::set_current`]) and
    /// records how its live review stands: its open spots and whether its
    /// reading order is lost (its fixture may not say so yet: it is written
    /// only once the page is saved). Its state, and whether its saved
    /// review is complete, stay as its fixture says; a status read later
    /// in the background keeps what the desk said.
    pub fn put_on_desk(&mut self, path: &Path, review: &Review) {
        if let Some(e) = self.set_current(path).and_then(|i| self.entries.get_mut(i)) {
            let live = Progress::of_review(e.progress.state, review);
            (e.progress.open_spots, e.progress.reading_lost) = (live.open_spots, live.reading_lost);
        }
    }

    fn resolve(&mut self, i: usize) -> PageState {
        let Some(e) = self.entries.get_mut(i) else {
            return PageState::Unknown;
        };
        if e.progress.state == PageState::Unknown {
            e.progress = read_progress(&e.path);
            self.known += 1;
        }
        e.progress.state
    }

    /// (done, statuses known, total).
    #[must_use]
    pub fn progress(&self) -> (usize, usize, usize) {
        let done = self
            .entries
            .iter()
            .filter(|e| e.progress.state == PageState::Done)
            .count();
        (done, self.known, self.entries.len())
    }

    /// The page after the current one (the first when none is current).
    #[must_use]
    pub fn next(&self) -> Option<usize> {
        match self.current {
            None => (!self.entries.is_empty()).then_some(0),
            Some(i) => (i + 1 < self.entries.len()).then_some(i + 1),
        }
    }

    /// The page before the current one (the last when none is current).
    #[must_use]
    pub fn prev(&self) -> Option<usize> {
        match self.current {
            None => self.entries.len().checked_sub(1),
            Some(i) => i.checked_sub(1),
        }
    }

    /// The next page that is not done, after the current one and wrapping
    /// around; a status not read yet is read now (one small file each).
    pub fn next_unfinished(&mut self) -> Option<usize> {
        let n = self.entries.len();
        let current = self.current;
        let start = current.map_or(0, |c| c + 1);
        (0..n)
            .map(|k| (start + k) % n)
            .filter(|&i| Some(i) != current)
            .find(|&i| self.resolve(i) != PageState::Done)
    }

    /// The page file at `i`.
    #[must_use]
    pub fn path(&self, i: usize) -> Option<&Path> {
        self.entries.get(i).map(|e| e.path.as_path())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{PageState, Progress, Queue, is_page_file, natural_cmp, read_progress};
    use crate::decision::Review;
    use crate::io::{fixture_path_for, read_fixture};
    use std::cmp::Ordering;
    use std::path::{Path, PathBuf};

    fn wait(q: &mut Queue) {
        let t = std::time::Instant::now();
        while q.poll() {
            assert!(t.elapsed().as_secs() < 30, "statuses arrive");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// A folder holding the sample page as `seed.txt`.
    fn seed_in_a_folder() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("seed.txt");
        std::fs::write(&page, include_str!("../../../tests/data/seed_page.txt")).unwrap();
        (dir, page)
    }

    /// Accepts every doubt of the review's first spot.
    fn settle_first_spot(review: &mut Review) {
        for i in review.spot(0) {
            review.resolved[i] = Some(crate::decision::Resolution::Accepted);
        }
    }

    /// A page no fixture speaks for counts the spots of its fresh proposal;
    /// its draft counts those its review leaves open.
    #[test]
    fn a_page_counts_its_spots_to_check() {
        let (_dir, page) = seed_in_a_folder();
        let fresh = crate::io::read_page(&page).unwrap().review;
        let walk = crate::decision::DoubtWalk::default();
        let spots = fresh.open_in(walk);
        assert!(
            1 < spots && spots < fresh.open_count(),
            "doubts gather into spots"
        );
        let new = read_progress(&page);
        assert_eq!((new.state, new.open_spots), (PageState::New, spots));
        assert!(!new.reviewed && !new.reading_lost);

        // Settle the first spot and save a draft: one spot fewer.
        let mut p = crate::io::read_page(&page).unwrap();
        settle_first_spot(&mut p.review);
        p.status = crate::page::Status::Draft;
        crate::io::write_fixture(&p, &fixture_path_for(&page)).unwrap();
        let draft = read_progress(&page);
        assert_eq!(
            (draft.state, draft.open_spots),
            (PageState::Draft, spots - 1)
        );
    }

    /// The page on the desk counts its live review's spots; a status read
    /// later in the background does not put the fixture's count back.
    #[test]
    fn the_page_on_the_desk_keeps_its_live_count() {
        let (dir, page) = seed_in_a_folder();
        let mut live = crate::io::read_page(&page).unwrap().review;
        let walk = crate::decision::DoubtWalk::default();
        let fresh = live.open_in(walk);
        settle_first_spot(&mut live);
        let mut q = Queue::open(dir.path()).unwrap();
        q.put_on_desk(&page, &live);
        wait(&mut q);
        let e = &q.entries()[0];
        assert_eq!(e.progress.state, PageState::New);
        assert_eq!(e.progress.open_spots, fresh - 1, "the desk's count stands");
        assert!(
            !e.progress.reviewed,
            "a page without a fixture is not reviewed"
        );
    }

    /// A valid fixture of a small page with `status`, as a JSON value.
    fn fixture_value(status: &str) -> serde_json::Value {
        static AUTO: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
        let mut v = AUTO
            .get_or_init(|| {
                let page =
                    crate::io::page_from_bytes("p.txt", "标题\n\n正文一。\n".as_bytes()).unwrap();
                let f = crate::fixture::Fixture::from_page(&page, "2026-11-28T00:00:00Z");
                serde_json::to_value(f).unwrap()
            })
            .clone();
        v["status"] = status.into();
        v
    }

    /// A doubt of the small page, settled as `resolution`.
    fn doubt(resolution: Option<&str>) -> serde_json::Value {
        serde_json::json!({"kind": "line_end", "before": 0, "at": 1, "after": null,
            "chosen": "join", "alternative": "break", "evidence": "sentence_end_at_full_line",
            "confidence_percent": 40, "resolution": resolution})
    }

    fn fixture(dir: &Path, page: &str, status: &str) {
        std::fs::write(
            dir.join(format!("{page}.proofdesk.json")),
            fixture_value(status).to_string(),
        )
        .unwrap();
    }

    #[test]
    fn names_sort_naturally_and_fixtures_are_not_pages() {
        assert_eq!(natural_cmp("p2.txt", "p10.txt"), Ordering::Less);
        assert_eq!(natural_cmp("p010", "p9"), Ordering::Greater);
        assert_eq!(natural_cmp("a", "a"), Ordering::Equal);
        assert!(is_page_file("p1.txt"));
        assert!(!is_page_file("p1.txt.proofdesk.json"));
        assert!(!is_page_file("p1.txt.proofdesk.json.bak"));
        assert!(!is_page_file(".hidden"));
        assert!(!is_page_file("001.jpg"));
        assert!(!is_page_file("001.PNG"));
        assert!(is_page_file("001.hocr"));
        assert!(is_page_file("001.xml"));
    }

    #[test]
    fn lists_pages_with_their_status_and_walks_them() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["p1.txt", "p2.txt", "p10.txt", "p3.txt", ".x.txt"] {
            std::fs::write(dir.path().join(name), "标题\n").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        fixture(dir.path(), "p1.txt", "done");
        fixture(dir.path(), "p2.txt", "draft");
        fixture(dir.path(), "p3.txt", "auto");
        std::fs::write(dir.path().join("p10.txt.proofdesk.json"), "{trunc").unwrap();
        let mut q = Queue::open(dir.path()).unwrap();
        let names: Vec<&str> = q.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["p1.txt", "p2.txt", "p3.txt", "p10.txt"]);
        wait(&mut q);
        let states: Vec<PageState> = q.entries().iter().map(|e| e.progress.state).collect();
        assert_eq!(
            states,
            [
                PageState::Done,
                PageState::Draft,
                PageState::New,
                PageState::Damaged
            ]
        );
        assert_eq!(q.progress(), (1, 4, 4));
        assert_eq!(q.next(), Some(0));
        q.set_current(&dir.path().join("p1.txt"));
        assert_eq!(q.prev(), None);
        assert_eq!(q.next(), Some(1));
        q.set_current(&dir.path().join("p10.txt"));
        assert_eq!(q.next(), None);
        // Wraps around and skips the done page.
        assert_eq!(q.next_unfinished(), Some(1));
        q.set_progress(&dir.path().join("p2.txt"), Progress::of(PageState::Done));
        assert_eq!(q.next_unfinished(), Some(2));
        assert_eq!(q.progress().0, 2);
    }

    #[test]
    fn a_fixture_whose_doubts_are_all_settled_is_reviewed() {
        let dir = tempfile::tempdir().unwrap();
        let mut settled = fixture_value("draft");
        settled["review"]["doubts"] =
            serde_json::json!([doubt(Some("accepted")), doubt(Some("flipped"))]);
        let mut open = fixture_value("draft");
        open["review"]["doubts"] = serde_json::json!([doubt(Some("edited")), doubt(None)]);
        let mut unrecorded = fixture_value("done");
        unrecorded.as_object_mut().unwrap().remove("review");
        for (page, json) in [("a.txt", settled), ("b.txt", open), ("c.txt", unrecorded)] {
            std::fs::write(dir.path().join(page), "x\n").unwrap();
            std::fs::write(
                dir.path().join(format!("{page}.proofdesk.json")),
                json.to_string(),
            )
            .unwrap();
        }
        let mut q = Queue::open(dir.path()).unwrap();
        wait(&mut q);
        let reviewed: Vec<bool> = q.entries().iter().map(|e| e.progress.reviewed).collect();
        assert_eq!(reviewed, [true, false, false]);
        assert_eq!(q.entries()[0].progress.state, PageState::Draft);
    }

    #[test]
    fn next_unfinished_reads_a_status_not_read_yet() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.txt", "b.txt", "c.txt"] {
            std::fs::write(dir.path().join(name), "x\n").unwrap();
        }
        fixture(dir.path(), "b.txt", "done");
        let mut q = Queue::open(dir.path()).unwrap();
        // Without polling, statuses may be unknown: they are read on demand.
        q.set_current(&dir.path().join("a.txt"));
        assert_eq!(q.next_unfinished(), Some(2));
    }

    /// One folder holding a page of each kind the pickers must tell apart
    /// (the queue's and batch normalize's tests share it: one rule).
    pub(crate) fn mixed_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.txt",
            "x.bak",
            "a.txt.proofdesk.json",
            "a.txt.proofdesk.json.bak",
            "a.txt.proofdesk.json.stale-20250101T000000Z",
            "a.txt.proofdesk.json.123-0.tmp",
            "notes.txt~",
            ".hidden",
        ] {
            std::fs::write(dir.path().join(name), "标题\n").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(".", dir.path().join("loop")).unwrap();
        dir
    }

    #[test]
    fn only_regular_page_files_are_queued() {
        let dir = mixed_folder();
        let q = Queue::open(dir.path()).unwrap();
        let names: Vec<&str> = q.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a.txt", "x.bak"], "one rule for pages");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_a_page_is_a_page() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real.txt"), "标题\n").unwrap();
        std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
        std::os::unix::fs::symlink("gone.txt", dir.path().join("dangling.txt")).unwrap();
        let q = Queue::open(dir.path()).unwrap();
        let names: Vec<&str> = q.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["link.txt", "real.txt"]);
    }

    #[test]
    fn three_thousand_pages_list_at_once() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..3000 {
            std::fs::write(dir.path().join(format!("page{i:04}.txt")), "x\n").unwrap();
            if i % 3 == 0 {
                fixture(dir.path(), &format!("page{i:04}.txt"), "done");
            }
        }
        let t = std::time::Instant::now();
        let mut q = Queue::open(dir.path()).unwrap();
        let listed = t.elapsed();
        assert_eq!(q.entries().len(), 3000);
        assert!(listed.as_millis() < 1000, "listed in {listed:?}");
        wait(&mut q);
        assert_eq!(q.progress(), (1000, 3000, 3000));
    }

    #[test]
    fn the_queue_and_the_desk_agree_on_every_fixture() {
        let dir = tempfile::tempdir().unwrap();
        let done = fixture_value("done");
        let pretty = serde_json::to_string_pretty(&done).unwrap();
        assert!(pretty.contains(r#""status": "done""#));
        let mut reviewed = fixture_value("draft");
        reviewed["review"]["doubts"] = serde_json::json!([doubt(Some("accepted"))]);
        let mut unknown = done.clone();
        unknown["articles"][0]["blocks"][0]["edted"] = true.into();
        let mut bad_date = done.clone();
        bad_date["provenance"]["modified"] = "2026-02-30T00:00:00Z".into();
        let mut wrong_choice = fixture_value("draft");
        let mut d = doubt(Some("accepted"));
        d["chosen"] = "headline".into();
        wrong_choice["review"]["doubts"] = serde_json::json!([d]);
        let mut carriage_return = done.clone();
        let text = "标题\r\n\r\n正文一。\r\n";
        carriage_return["source"]["text"] = text.into();
        carriage_return["source"]["sha256"] = crate::page::sha256_hex(text).into();
        let cases = [
            ("valid.txt", pretty.clone(), true),
            ("reviewed.txt", reviewed.to_string(), true),
            (
                "duplicate.txt",
                pretty.replacen(
                    r#""status": "done""#,
                    r#""status": "auto", "status": "done""#,
                    1,
                ),
                false,
            ),
            ("unknown.txt", unknown.to_string(), false),
            ("bad_date.txt", bad_date.to_string(), false),
            ("wrong_choice.txt", wrong_choice.to_string(), false),
            ("carriage_return.txt", carriage_return.to_string(), false),
            ("status_only.txt", r#"{"status": "done"}"#.to_owned(), false),
            ("truncated.txt", pretty.chars().take(200).collect(), false),
        ];
        for (name, json, readable) in cases {
            let page = dir.path().join(name);
            std::fs::write(&page, "标题\n\n正文一。\n").unwrap();
            std::fs::write(fixture_path_for(&page), json).unwrap();
            let queue = read_progress(&page);
            match read_fixture(&fixture_path_for(&page)) {
                Ok(f) => {
                    assert!(readable, "{name}: the desk reads it");
                    let settled = f
                        .review
                        .is_some_and(|r| r.doubts.iter().all(|d| d.resolution.is_some()));
                    assert_eq!(
                        (queue.state, queue.reviewed),
                        (PageState::of(f.status), settled),
                        "{name}"
                    );
                }
                Err(e) => {
                    assert!(!readable, "{name}: the desk refuses it: {e}");
                    assert_eq!(queue, Progress::of(PageState::Damaged), "{name}: {e}");
                }
            }
        }
        assert_eq!(
            read_progress(&dir.path().join("reviewed.txt")),
            Progress {
                state: PageState::Draft,
                reviewed: true,
                reading_lost: false,
                open_spots: 0,
            }
        );
    }
}
