//! Opening pages and folders: reading a page (on a background thread when
//! it is large), resuming its draft, and the choices a stale draft leaves.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::{
    Access, BACKGROUND_LOAD_BYTES, DeskApp, Document, Message, Pending, Reveal, StaleChoice,
    StaleDraft,
};
use crate::edit::{BlockRef, Editor};
use crate::i18n::{Lang, Msg};
use crate::io::fixture_path_for;
use crate::lock::{Lock, PageLock};
use crate::page::Page;
use crate::queue::Queue;
use crate::saver::{AsSaved, OnDisk, expectation_of};

/// A page being loaded in the background.
pub(super) struct Loading {
    path: PathBuf,
    bytes: u64,
    started: std::time::Instant,
    result: std::sync::mpsc::Receiver<Result<Loaded, LoadFailed>>,
}

/// A page that could not be read: why, and the lock a reopen of the page
/// on the desk carried into the read, handed back (never let go, so no
/// other desk can take the page in between).
pub(super) struct LoadFailed {
    /// What failed and what to do, for the user.
    pub(super) text: String,
    /// The page on the desk's lock, when the read was its reopen.
    pub(super) lock: Option<PageLock>,
    /// The page that was read.
    pub(super) page: PathBuf,
}

impl DeskApp {
    /// Opens a page file or a folder of pages: **every** open (dialog,
    /// drop, command line, queue, tests) goes through here. Unsaved
    /// changes are autosaved first; with autosave off (or failing) it asks.
    pub fn open_page(&mut self, path: &Path) {
        if path.is_dir() {
            self.open_folder(path, None);
            return;
        }
        self.commit_edit();
        if self.is_dirty() && !self.autosave_now() {
            self.state.confirm = Some(Pending::Open(path.to_owned()));
            return;
        }
        self.finish_saves();
        // Reopening the page on the desk, however its path is spelled: its
        // lock goes with it (another handle on the same lock file would be
        // refused, and the page opened read-only as if another desk had it).
        let carried = if self
            .doc
            .page_path
            .as_deref()
            .is_some_and(|p| crate::io::same_file(p, path))
        {
            self.doc.lock.take()
        } else {
            None
        };
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        let lang = self.state.lang;
        let model = self.line_model.clone().filter(|_| !self.state.model_off);
        if bytes >= BACKGROUND_LOAD_BYTES {
            let (tx, rx) = std::sync::mpsc::channel();
            let owned = path.to_owned();
            let spawned = std::thread::Builder::new()
                .name("proofdesk-load".to_owned())
                .spawn(move || {
                    // The desk may have gone away; then nobody needs the page.
                    let _ignored = tx.send(load_document(&owned, carried, lang, model.as_deref()));
                });
            match spawned {
                Ok(_handle) => {
                    self.loading = Some(Loading {
                        path: path.to_owned(),
                        bytes,
                        started: std::time::Instant::now(),
                        result: rx,
                    });
                }
                Err(e) => {
                    self.state.message = Some(Message::error(lang.fill(
                        Msg::MsgCannotStartReading,
                        &[("path", &path.display()), ("error", &e)],
                    )));
                }
            }
            return;
        }
        self.loaded(load_document(path, carried, lang, model.as_deref()));
    }

    /// Puts the outcome of reading a page on the desk.
    pub(super) fn loaded(&mut self, outcome: Result<Loaded, LoadFailed>) {
        match outcome {
            Ok(Loaded::Ready(doc, note)) => self.install(*doc, note),
            Ok(Loaded::Stale(stale)) => self.state.stale = Some(*stale),
            Err(failed) => {
                self.state.message = Some(Message::error(failed.text));
                // A page reopened in vain keeps its lock.
                self.give_lock_back(&failed.page, failed.lock);
            }
        }
    }

    /// Whether a page is being read in the background.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Checks on a background load; while it runs, shows its progress and
    /// asks for a frame now and then (the desk stays responsive but takes no
    /// edits, which the new page would replace).
    pub(super) fn loading_step(&mut self, ctx: &egui::Context) -> bool {
        let Some(loading) = &self.loading else {
            return false;
        };
        let lang = self.state.lang;
        match loading.result.try_recv() {
            Ok(outcome) => {
                self.loading = None;
                self.loaded(outcome);
                ctx.request_repaint();
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                let name = crate::io::file_name(&loading.path);
                let mb = loading.bytes as f64 / 1_048_576.0;
                let secs = loading.started.elapsed().as_secs_f64();
                egui::Modal::new(egui::Id::unique("proofdesk-loading")).show(ctx, |ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(lang.fill(
                            Msg::LoadingPage,
                            &[
                                ("name", &name),
                                ("mb", &format!("{mb:.0}")),
                                ("secs", &format!("{secs:.0}")),
                            ],
                        ));
                    });
                    ui.weak(lang.get(Msg::LoadingNote));
                });
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                true
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                let path = loading.path.display().to_string();
                self.loading = None;
                self.state.message = Some(Message::error(
                    lang.fill(Msg::MsgReadingStopped, &[("path", &path)]),
                ));
                false
            }
        }
    }

    /// Opens a folder as the queue, at `at` if given and in it, else at
    /// the first page that is not done.
    pub(super) fn open_folder(&mut self, dir: &Path, at: Option<&Path>) {
        let mut queue = match Queue::open(dir) {
            Ok(q) => q,
            Err(e) => {
                self.state.message = Some(Message::error(self.state.lang.fill(
                    Msg::MsgCannotOpenFolder,
                    &[("path", &dir.display()), ("error", &e)],
                )));
                return;
            }
        };
        let target = at
            .and_then(|p| queue.index_of(p))
            .or_else(|| queue.next_unfinished())
            .or_else(|| queue.next());
        let Some(path) = target.and_then(|i| queue.path(i)).map(Path::to_owned) else {
            // Nothing to open: the page on the desk stays, with its own
            // folder and model.
            self.state.message = Some(Message::error(
                self.state
                    .lang
                    .fill(Msg::MsgNoPageFiles, &[("path", &dir.display())]),
            ));
            return;
        };
        // The page on the desk is saved (or the editor asked) before the
        // folder's queue and model take over: kept on the desk, it keeps
        // its own.
        self.commit_edit();
        if self.is_dirty() && !self.autosave_now() {
            self.state.confirm = Some(Pending::Open(dir.to_owned()));
            return;
        }
        self.queue = Some(queue);
        self.state.show_queue = true;
        let mut refused = None;
        if !self.model_given {
            let model = crate::line_model::folder_model_path(dir);
            if model.exists() {
                self.use_model(&model);
                if self.line_model.is_none() {
                    refused = self.state.message.take();
                }
            } else {
                self.set_model(None);
            }
            self.retrain_if_stale(dir);
        }
        self.open_page(&path);
        // Said after the page's own note: the page opened, but not with
        // the folder's model.
        if refused.is_some() {
            self.state.message = refused;
        }
    }

    /// Keeps the editor of the page leaving the desk (saved, with an undo
    /// history) for this session, and gives the page coming in the editor it
    /// had, when its content is still what that editor holds. Whether the
    /// history came back.
    fn keep_history(&mut self, old: Document) -> bool {
        if let Some(path) = old.page_path.clone()
            && !old.editor.is_dirty()
            && old.editor.undo_depth() > 0
        {
            self.kept.retain(|(p, _)| *p != path);
            self.kept.insert(0, (path, old.editor));
            self.kept.truncate(KEPT_PAGES);
        }
        let Some(path) = self.doc.page_path.as_ref() else {
            return false;
        };
        let Some(i) = self.kept.iter().position(|(p, _)| p == path) else {
            return false;
        };
        let (_, editor) = self.kept.remove(i);
        if same_content(editor.page(), self.doc.editor.page()) {
            self.doc.editor = editor;
            true
        } else {
            false
        }
    }

    /// Puts a loaded document on the desk.
    pub(super) fn install(&mut self, doc: Document, note: Option<Message>) {
        self.finish_saves();
        let old = std::mem::replace(&mut self.doc, doc);
        let mut note = note;
        let lang = self.state.lang;
        if self.keep_history(old) {
            let kept = lang.get(Msg::MsgUndoKept);
            note = Some(match note {
                Some(m) if !m.error => Message::info(format!("{} · {kept}", m.text)),
                Some(m) => m,
                None => Message::info(lang.fill(Msg::MsgBackOnPage, &[("kept", &kept)])),
            });
        }
        self.state.conflict = None;
        // An offer names places of the page that left.
        self.state.similar = None;
        self.published = None;
        self.autosave.reset();
        self.state.autosaved = None;
        self.state.selected = Some(BlockRef::new(0, 0));
        self.state.editing = None;
        self.state.focus_raw = None;
        self.state.doubt = None;
        self.state.scroll_raw = true;
        self.state.scroll_corrected = Some(Reveal::At(egui::Align::TOP));
        self.state.message = note;
        if self.page().articles.is_empty() {
            self.state.message = Some(Message::error(
                lang.fill(Msg::MsgEmptyPage, &[("file", &self.page().raw.file_name)]),
            ));
        }
        if let (Some(q), Some(p)) = (&mut self.queue, &self.doc.page_path) {
            q.put_on_desk(p, &self.doc.editor.page().review);
        }
        if let Some(ctx) = self.shutdown.as_ref().and_then(|s| s.ctx.get()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!(
                "Proofdesk — {}",
                self.page().raw.file_name
            )));
        }
    }

    /// Reopening the page on the desk carried its lock into the read (and
    /// the stale-draft question): where the page stays on the desk, the
    /// lock stays with it.
    fn give_lock_back(&mut self, page: &Path, lock: Option<PageLock>) {
        if self.doc.page_path.as_deref() == Some(page) && self.doc.lock.is_none() {
            self.doc.lock = lock;
        }
    }

    /// Answers the stale-draft dialog.
    pub(super) fn resolve_stale(&mut self, choice: StaleChoice) {
        let Some(stale) = self.state.stale.take() else {
            return;
        };
        let lang = self.state.lang;
        match choice {
            StaleChoice::Cancel => self.give_lock_back(&stale.page_path, stale.lock),
            StaleChoice::OpenFresh => {
                let (access, lock) = lock_page(&stale.fixture_path, stale.lock);
                let note = if let Access::Locked { holder } = &access {
                    // Another desk has the page: the saved work beside it
                    // is not this desk's to move. The fresh proposal, to read.
                    Message::unsaved(lang.fill(
                        Msg::MsgLockedNote,
                        &[
                            ("file", &crate::io::file_name(&stale.page_path)),
                            ("holder", holder),
                        ],
                    ))
                } else {
                    let aside = crate::autosave::stale_path(
                        &stale.fixture_path,
                        &crate::fixture::now_rfc3339(),
                    );
                    if let Err(e) = std::fs::rename(&stale.fixture_path, &aside) {
                        self.state.message = Some(Message::error(lang.fill(
                            Msg::MsgCannotMoveAside,
                            &[("path", &stale.fixture_path.display()), ("error", &e)],
                        )));
                        self.give_lock_back(&stale.page_path, lock);
                        return;
                    }
                    Message::info(lang.fill(Msg::MsgOldDraftKept, &[("path", &aside.display())]))
                };
                let doc = Document {
                    editor: Editor::new(*stale.fresh),
                    page_path: Some(stale.page_path),
                    on_disk: expectation_of(&stale.fixture_path),
                    fixture_path: stale.fixture_path,
                    resumed: false,
                    access,
                    lock,
                };
                self.install(doc, Some(note));
            }
            StaleChoice::OpenDraftText => {
                let Some(draft) = stale.draft else {
                    return;
                };
                let doc = Document {
                    editor: Editor::new(*draft),
                    page_path: Some(stale.page_path),
                    fixture_path: stale.fixture_path,
                    resumed: true,
                    access: Access::OlderText,
                    on_disk: OnDisk::Unchecked,
                    lock: None,
                };
                self.install(doc, Some(Message::info(lang.get(Msg::MsgDraftOwnText))));
            }
        }
    }

    pub(super) fn open_in_queue(&mut self, pick: impl FnOnce(&mut Queue) -> Option<usize>) {
        let lang = self.state.lang;
        let Some(q) = &mut self.queue else {
            self.state.message = Some(Message::info(lang.get(Msg::MsgNoFolder)));
            return;
        };
        let path = pick(q).and_then(|i| q.path(i)).map(Path::to_owned);
        match path {
            Some(p) => self.open_page(&p),
            None => {
                self.state.message = Some(Message::info(lang.get(Msg::MsgNoFurtherPage)));
            }
        }
    }
}

/// What opening a page found.
pub(super) enum Loaded {
    /// Ready for the desk (with a note for the status bar).
    Ready(Box<Document>, Option<Message>),
    /// The fixture beside it does not fit: the editor chooses.
    Stale(Box<StaleDraft>),
}

/// Reads a page and resumes its draft when one lies beside it; a draft
/// for another text, or a damaged one, is left for the editor to decide.
/// What it says is in `lang` (a read error is the core's, in English).
pub(super) fn load_document(
    path: &Path,
    carried: Option<PageLock>,
    lang: Lang,
    model: Option<&crate::line_model::LineModel>,
) -> Result<Loaded, LoadFailed> {
    let fresh = match crate::io::read_page_with(path, model) {
        Ok(page) => page,
        Err(e) => {
            return Err(LoadFailed {
                text: e.to_string(),
                lock: carried,
                page: path.to_owned(),
            });
        }
    };
    let fixture_path = fixture_path_for(path);
    // The lock before the fixture: what is on disk is read under it, and
    // every later write checks it is still there.
    let (access, lock) = lock_page(&fixture_path, carried);
    if lock.is_some() {
        // Temporary files of writers that were killed mid-write: only the
        // desk that holds the page clears them.
        crate::io::remove_stale_temp_files(&fixture_path);
    }
    let (saved, on_disk) = crate::saver::as_saved(fresh, path);
    let note = match &access {
        Access::Locked { holder } => Some(Message::unsaved(lang.fill(
            Msg::MsgLockedNote,
            &[("file", &crate::io::file_name(path)), ("holder", holder)],
        ))),
        _ => None,
    };
    let doc = |page, resumed, lock| Document {
        editor: Editor::new(page),
        page_path: Some(path.to_owned()),
        fixture_path: fixture_path.clone(),
        resumed,
        access: access.clone(),
        on_disk: on_disk.clone(),
        lock,
    };
    Ok(match saved {
        AsSaved::Fresh(page) => Loaded::Ready(Box::new(doc(page, false, lock)), note),
        AsSaved::Resumed(page) => {
            let resumed = Message::info(lang.fill(
                Msg::MsgResumed,
                &[
                    ("path", &fixture_path.display()),
                    ("status", &lang.get(Msg::status(page.status))),
                ],
            ));
            Loaded::Ready(Box::new(doc(page, true, lock)), note.or(Some(resumed)))
        }
        AsSaved::Stale { fresh, draft } => {
            let reason = match &draft {
                Ok(_) => lang.fill(
                    Msg::StaleOtherText,
                    &[
                        ("fixture", &fixture_path.display()),
                        ("page", &crate::io::file_name(path)),
                    ],
                ),
                Err(e) => lang.fill(Msg::StaleUnreadable, &[("error", e)]),
            };
            Loaded::Stale(Box::new(StaleDraft {
                page_path: path.to_owned(),
                fixture_path: fixture_path.clone(),
                fresh: Box::new(fresh),
                draft: draft.ok(),
                reason,
                lock,
            }))
        }
    })
}

/// Takes the page's lock (or carries the one this desk holds): the page is
/// written by this desk, or only read when another desk holds it.
///
/// A lock this same process holds is one of the desk's own background
/// jobs at work on the page (a folder's "correct all similar" holds each
/// page while it writes it): waited for, up to [`OWN_LOCK_WAIT`], rather
/// than opening the page read-only as if another desk had it.
fn lock_page(fixture_path: &Path, carried: Option<PageLock>) -> (Access, Option<PageLock>) {
    // Only the page's own lock is carried: one this desk took for a copy
    // it saved under another name is let go (else the desk would write a
    // page another desk holds), and so is the page's own lock named
    // another way (`pages/p.txt`, `/home/…/pages/p.txt`), taken again
    // below under this name.
    if let Some(lock) = carried.filter(|l| l.guards(fixture_path)) {
        return (Access::Write, Some(lock));
    }
    let since = std::time::Instant::now();
    loop {
        match crate::lock::try_lock(fixture_path, &crate::fixture::now_rfc3339()) {
            Lock::Held(lock) => return (Access::Write, Some(lock)),
            Lock::Taken { holder }
                if crate::lock::held_by_this_process(&holder)
                    && since.elapsed() < OWN_LOCK_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Lock::Taken { holder } => return (Access::Locked { holder }, None),
            // No lock file can be made (a read-only folder): saves will say why.
            Lock::Unavailable(_) => return (Access::Write, None),
        }
    }
}

/// How long a page this process's own job holds is waited for.
const OWN_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// How many pages left in a session keep their undo history.
pub(super) const KEPT_PAGES: usize = 16;

/// Whether two pages hold the same text, status, articles and review.
fn same_content(a: &Page, b: &Page) -> bool {
    a.raw.sha256() == b.raw.sha256()
        && a.status == b.status
        && a.articles.len() == b.articles.len()
        && a.articles.iter().zip(&b.articles).all(|(x, y)| **x == **y)
        && a.review.resolved == b.review.resolved
}

#[cfg(test)]
mod tests {
    use crate::lock::{Lock, try_lock};

    #[test]
    fn a_page_this_process_s_own_job_holds_is_waited_for_not_opened_read_only() {
        // The folder's "correct all similar" holds the page for a moment
        // while the editor opens it.
        let dir = tempfile::tempdir().unwrap();
        let fixture = crate::io::fixture_path_for(&dir.path().join("p.txt"));
        let Lock::Held(job) = try_lock(&fixture, "2026-12-06T00:00:00Z") else {
            panic!("the page's lock is free");
        };
        let released = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(200));
            drop(job);
        });
        let (access, lock) = super::lock_page(&fixture, None);
        assert_eq!(
            access,
            super::Access::Write,
            "the page is written by the desk"
        );
        assert!(lock.is_some());
        released.join().unwrap();
    }

    #[test]
    fn a_reopen_that_cannot_read_the_page_hands_its_lock_back() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p.txt");
        let fixture = crate::io::fixture_path_for(&page);
        let Lock::Held(lock) = try_lock(&fixture, "2026-12-05T00:00:00Z") else {
            panic!("the page's lock is free");
        };
        // The page file is gone when the desk reads it again.
        let Err(failed) = super::load_document(&page, Some(lock), crate::i18n::Lang::En, None)
        else {
            panic!("a missing page is not read");
        };
        assert!(failed.text.contains("p.txt"), "{}", failed.text);
        assert_eq!(failed.page, page);
        assert!(failed.lock.is_some(), "the carried lock comes back");
        assert!(
            matches!(
                try_lock(&fixture, "2026-12-05T00:00:01Z"),
                Lock::Taken { .. }
            ),
            "the page stayed locked: no other desk could take it meanwhile"
        );
    }
}
