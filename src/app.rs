//! The desk: an [`eframe::App`] that shows one page and turns what the user
//! does into [`Intent`]s.
//!
//! The panels only read the model and push intents; after all panels are
//! drawn, [`DeskApp`] applies them (to the [`Editor`] for model changes, to
//! its own [`UiState`] for selection and view). The same path is taken for
//! keys, menus, clicks and drops, and tests drive it through the real UI.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use eframe::egui::{self, Event, KeyboardShortcut, ViewportCommand};

use crate::autosave::{Autosave, Tick};
use crate::command::Command;
use crate::doubt::DoubtWalk;
use crate::edit::{Action, BlockRef, Editor};
use crate::i18n::{Lang, Msg};
use crate::io::{fixture_path_for, page_from_bytes};
use crate::page::{ArticleKind, Page, Status};
use crate::page_image::{self as page_image, PageImage, PageImageError};
use crate::queue::Queue;
use crate::saver::{OnDisk, SaveDone, SaveError, SaveRequest, Saver};
use crate::ui;
use crate::ui::picture::PictureView;
use crate::ui::state::SimilarChoice;

mod loading;
mod retrain;
mod review;
mod similar;
mod trace;

use loading::Loading;

/// The bundled sample page, opened when no page is given.
pub const SAMPLE_PAGE: &str = include_str!("../tests/data/seed_page.txt");
/// The file name of the bundled sample page.
pub const SAMPLE_NAME: &str = "seed_page.txt";

pub use crate::ui::state::{
    Access, Conflict, ConflictChoice, Document, DoneChoice, DragItem, EditState, FindBar, GoToBar,
    Intent, Message, PathPrompt, Pending, PictureZoom, PromptPurpose, Reveal, StaleChoice,
    StaleDraft, TextSelection, UiState, UnsavedChoice, block, find_field_id, go_to_field_id,
};

/// How the desk and the binary's signal handler meet.
///
/// A shutdown signal (SIGTERM, SIGINT, SIGHUP) asks the desk to save and
/// close; if the desk does not answer, the handler writes what the desk
/// last published.
#[derive(Clone, Debug, Default)]
pub struct Shutdown {
    /// Set by the signal handler.
    pub requested: Arc<std::sync::atomic::AtomicBool>,
    /// Set by the desk once nothing unsaved is left to write.
    pub finished: Arc<std::sync::atomic::AtomicBool>,
    /// The unsaved page as of the last frame, and where it goes.
    pub rescue: Arc<Mutex<Option<SaveRequest>>>,
    /// The desk's context, to wake it.
    pub ctx: Arc<std::sync::OnceLock<egui::Context>>,
}

impl Shutdown {
    /// Writes the page the desk last published, if any (the desk did not
    /// answer, or the window is gone). Returns what happened, for stderr.
    #[must_use]
    pub fn rescue_now(&self) -> Option<String> {
        let req = self.rescue.lock().ok()?.take()?;
        Some(
            match crate::saver::write_checked(&req.page, &req.path, &req.expect) {
                Ok(_) => format!(
                    "saved a draft of the unsaved changes to {}",
                    req.path.display()
                ),
                // The fixture cannot be written: the work goes beside it.
                Err(e) => crate::saver::keep_aside_told(&req.page, &req.path, Some(&e)),
            },
        )
    }
}

/// `--screenshot`: render a few frames, save a PNG, quit.
struct ScreenshotTask {
    path: PathBuf,
    frames: u32,
    requested: bool,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    result: ScreenshotResult,
}

/// A folder export under way.
struct ExportJob {
    /// Its outcome, from the background thread.
    done: std::sync::mpsc::Receiver<Result<crate::export::FolderExport, String>>,
    /// The page on the desk could not be saved first: what to tell.
    unsaved: Option<String>,
}

/// Where `--screenshot` reports whether the PNG was written.
pub type ScreenshotResult = Arc<Mutex<Option<Result<(), String>>>>;

/// How the desk starts.
#[derive(Debug, Default)]
pub struct StartOptions {
    /// The page to open; the sample when `None`.
    pub page: Option<PathBuf>,
    /// Save a screenshot here after a few frames, then quit.
    pub screenshot: Option<PathBuf>,
    /// Receives the outcome of the screenshot.
    pub screenshot_result: Option<ScreenshotResult>,
    /// Select this block (article, block) at start.
    pub select: Option<BlockRef>,
    /// Start editing the selected block (screenshots).
    pub edit: bool,
    /// Open the find bar on this text and go to its first hit (screenshots).
    pub find: Option<String>,
    /// Autosave drafts this many seconds after the last change (`None`:
    /// off, then unsaved changes are asked about).
    pub autosave: Option<f64>,
    /// In a folder given as `page`, open this page (the remembered place).
    pub queue_page: Option<PathBuf>,
    /// Refine every proposal with this line model (`proofdesk train`),
    /// instead of the one a queue folder keeps.
    pub model: Option<PathBuf>,
    /// Keys replayed as key presses once the window is up, one per frame
    /// (`PROOFDESK_SCRIPT`, for end-to-end tests of the real binary).
    pub script: Vec<KeyboardShortcut>,
    /// Shared with the binary's signal handler.
    pub shutdown: Option<Shutdown>,
    /// Write each change of the content to this file as
    /// `SECONDS PAGE DIGEST` (`PROOFDESK_TRACE_STATES`, for the soak test).
    pub trace_states: Option<PathBuf>,
    /// The interface language for this run (`--lang`; tests pass English).
    /// `None`: the one chosen in the View menu last time, else the system
    /// locale's ([`Lang::from_env`]).
    pub lang: Option<Lang>,
}

/// What the desk remembers between runs (eframe persistence).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Remembered {
    /// The open folder.
    pub folder: Option<PathBuf>,
    /// The page of the folder on the desk.
    pub page: Option<PathBuf>,
    /// Pages and folders opened lately, the latest first.
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// The interface language chosen in the View menu (`None`: never
    /// chosen, the system's is used).
    #[serde(default)]
    pub lang: Option<Lang>,
    /// Which doubts the editor walks, in what order (Review menu).
    #[serde(default)]
    pub doubt_walk: DoubtWalk,
    /// Whether the raw pane shows whitespace (View menu). The theme and
    /// the zoom are kept with egui's own memory.
    #[serde(default)]
    pub show_whitespace: bool,
    /// Whether the page picture's pane is open (View menu).
    #[serde(default)]
    pub show_picture: bool,
    /// Whether the editor ever opened the picture's pane: then the desk no
    /// longer says that a picture lies beside a page.
    #[serde(default)]
    pub picture_seen: bool,
    /// Whether the picture follows the selection, zoomed to it (Z, View
    /// menu): a proofreader who reads glyphs against the picture keeps it
    /// on from page to page and from run to run.
    #[serde(default)]
    pub picture_follow: bool,
}

/// `path` as the desk remembers it: absolute (not resolved through
/// links), so that a run started in another folder finds it; as given
/// where the working folder cannot be read.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// How many recent pages and folders the File menu lists.
pub const RECENT_MAX: usize = 8;

/// The persistence key of [`Remembered`].
pub const REMEMBER_KEY: &str = "proofdesk-queue";

/// The correction desk.
pub struct DeskApp {
    doc: Document,
    /// View state, separate from the model.
    pub state: UiState,
    intents: Vec<Intent>,
    allow_close: bool,
    /// The session's end has written what was unsaved (or said why it
    /// could not): a shutdown and then the exit write it once.
    kept_at_exit: bool,
    screenshot: Option<ScreenshotTask>,
    /// Frames left in which the start-up selection is scrolled into view.
    settle_frames: u8,
    /// Frames drawn so far (for `PROOFDESK_TRACE_STARTUP`).
    frames: u32,
    /// The open folder.
    queue: Option<Queue>,
    autosave: Autosave,
    script: VecDeque<KeyboardShortcut>,
    /// A large page being read on a background thread.
    loading: Option<Loading>,
    /// Writes fixtures on a worker thread.
    saver: Saver,
    shutdown: Option<Shutdown>,
    /// The content key and save count last published for the shutdown
    /// handler.
    published: Option<(u64, u64)>,
    /// Saves finished so far.
    saves: u64,
    trace: Option<trace::StateTrace>,
    /// The page picture being read, and the page it was looked for.
    picture: PictureJob,
    /// A folder export running on a background thread.
    export: Option<ExportJob>,
    /// Editors of the pages left in this session, the latest first: coming
    /// back to a page brings its undo history back.
    kept: Vec<(PathBuf, Editor)>,
    /// The language chosen in the View menu, remembered for the next run
    /// (`--lang` is for one run only and is not remembered).
    chosen_lang: Option<Lang>,
    /// "Correct all similar" on the folder's other pages, running.
    folder_job: Option<similar::FolderJob>,
    /// The line model refining the proposal of each page opened (`None`:
    /// the rules alone), and whether it was given at start (then a queue
    /// folder's own model does not replace it).
    line_model: Option<std::sync::Arc<crate::line_model::LineModel>>,
    model_given: bool,
    /// The queue folder's model, trained again when a page is marked done.
    retrain: retrain::Retrain,
}

/// The page picture: which page it was looked for, and the background read.
#[derive(Default)]
struct PictureJob {
    /// Whether the picture was looked for yet.
    looked: bool,
    /// The page it was looked for (`None`: the sample, or no page).
    page: Option<PathBuf>,
    /// The decoding thread's answer.
    pending: Option<std::sync::mpsc::Receiver<Result<PageImage, PageImageError>>>,
    /// What the desk said of a picture lying beside the page (once a run,
    /// while its pane is closed), to take back once the pane opens.
    hint: Option<String>,
    /// Whether the editor ever opened the picture's pane (this run or an
    /// earlier one): then nothing is said of a picture beside the page.
    seen: bool,
}

/// Pages at least this large are read and proposed on a background thread,
/// with a progress window, so that the desk keeps drawing.
pub const BACKGROUND_LOAD_BYTES: u64 = 4 * 1024 * 1024;

impl DeskApp {
    /// Creates the desk: installs the fonts, opens the start page.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, mut options: StartOptions) -> Self {
        let remembered = cc.storage.and_then(Self::remembered).unwrap_or_default();
        if options.page.is_none()
            && options.screenshot.is_none()
            && let Some(folder) = remembered.folder.clone()
        {
            options.page = Some(folder);
            options.queue_page = remembered.page.clone();
        }
        options.lang = options.lang.or(remembered.lang);
        let mut app = Self::with_context(&cc.egui_ctx, options);
        app.restore_view(remembered);
        app
    }

    /// Takes what the last run remembered of the view: the recent pages,
    /// the language chosen, the doubt walk, the whitespace, and the page
    /// picture's pane and whether it follows the selection. (The folder and
    /// its page are opened by [`Self::new`].)
    pub fn restore_view(&mut self, remembered: Remembered) {
        self.state.recent = remembered.recent;
        self.chosen_lang = remembered.lang;
        self.state.doubt_walk = remembered.doubt_walk;
        self.state.show_whitespace = remembered.show_whitespace;
        self.state.show_picture = remembered.show_picture;
        self.state.picture_follow = remembered.picture_follow;
        self.picture.seen = remembered.picture_seen || remembered.show_picture;
    }

    /// The folder and page remembered by the last run.
    #[must_use]
    pub fn remembered(storage: &dyn eframe::Storage) -> Option<Remembered> {
        eframe::get_value(storage, REMEMBER_KEY)
    }

    /// Creates the desk on a context (tests, or before the window exists).
    #[must_use]
    pub fn with_context(ctx: &egui::Context, options: StartOptions) -> Self {
        ui::style::install(ctx);
        // Zoom keys are commands of the desk (listed in F1 and the View
        // menu); egui's own handling of the same keys would zoom twice.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let sample = options.page.is_none();
        if let Some(s) = &options.shutdown {
            let _already = s.ctx.set(ctx.clone());
        }
        let mut app = Self {
            doc: if sample {
                sample_document()
            } else {
                Document::nothing()
            },
            state: UiState::default(),
            intents: Vec::new(),
            allow_close: false,
            kept_at_exit: false,
            screenshot: None,
            settle_frames: 3,
            frames: 0,
            queue: None,
            autosave: Autosave::new(options.autosave.unwrap_or(crate::autosave::DEFAULT_DELAY)),
            script: options.script.into_iter().collect(),
            loading: None,
            saver: Saver::new(),
            shutdown: options.shutdown,
            published: None,
            saves: 0,
            trace: options.trace_states.map(trace::StateTrace::new),
            picture: PictureJob::default(),
            export: None,
            kept: Vec::new(),
            folder_job: None,
            chosen_lang: None,
            line_model: None,
            model_given: false,
            retrain: retrain::Retrain::default(),
        };
        app.state.lang = options.lang.unwrap_or_else(Lang::from_env);
        app.state.autosave_on = options.autosave.is_some();
        app.state.show_queue = true;
        if let Some(model) = &options.model {
            app.use_model(model);
            app.model_given = true;
        }
        if let Some(path) = options.page {
            if path.is_dir() {
                app.open_folder(&path, options.queue_page.as_deref());
            } else {
                app.open_page(&path);
            }
        }
        app.state.selected = Some(options.select.unwrap_or(BlockRef::new(0, 0)));
        app.state.scroll_raw = true;
        app.state.scroll_corrected = Some(Reveal::At(egui::Align::Center));
        if options.edit
            && let Some(at) = app.state.selected
        {
            app.start_edit(at);
        }
        if let Some(query) = options.find {
            app.state.find = Some(FindBar {
                query,
                ..FindBar::default()
            });
            app.find_step(true);
        }
        if let Some(path) = options.screenshot {
            app.screenshot = Some(ScreenshotTask {
                path,
                frames: 0,
                requested: false,
                image: Arc::default(),
                result: options.screenshot_result.unwrap_or_default(),
            });
        }
        app
    }

    /// Refines the proposal of every page opened from now on with the line
    /// model at `path`; one that cannot be used is named in the status bar
    /// and the rules propose alone.
    pub fn use_model(&mut self, path: &Path) {
        match crate::line_model::LineModel::load(path) {
            Ok(loaded) => self.set_model(Some(loaded)),
            Err(e) => {
                self.set_model(None);
                self.state.message = Some(Message::error(self.state.lang.fill(
                    Msg::MsgModelRefused,
                    &[("path", &path.display()), ("error", &e)],
                )));
            }
        }
    }

    /// The model that refines the pages opened from now on (`None`: the
    /// rules alone), and what the status bar says of it.
    fn set_model(
        &mut self,
        model: Option<(crate::line_model::LineModel, crate::line_model::Manifest)>,
    ) {
        self.state.model_pages = model.as_ref().map(|(_, m)| m.pages.len());
        self.line_model = model.map(|(model, _)| Arc::new(model));
    }

    /// The page as it stands.
    #[must_use]
    pub fn page(&self) -> &Page {
        self.doc.editor.page()
    }

    /// The page, its history and its paths.
    #[must_use]
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Whether there are unsaved changes.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.doc.editor.is_dirty()
    }

    /// The open folder, if any.
    #[must_use]
    pub fn queue(&self) -> Option<&Queue> {
        self.queue.as_ref()
    }

    /// What the desk remembers for the next run.
    #[must_use]
    pub fn to_remember(&self) -> Remembered {
        Remembered {
            folder: self.queue.as_ref().map(|q| absolute(q.dir())),
            page: self
                .queue
                .as_ref()
                .and_then(|q| q.current_path())
                .map(absolute),
            recent: self.state.recent.clone(),
            lang: self.chosen_lang,
            doubt_walk: self.state.doubt_walk,
            show_whitespace: self.state.show_whitespace,
            show_picture: self.state.show_picture,
            picture_seen: self.picture.seen,
            picture_follow: self.state.picture_follow,
        }
    }

    /// Puts the page (or its folder, in folder mode) first among the recent
    /// ones when it changes.
    fn recent_step(&mut self) {
        let opened = self
            .queue
            .as_ref()
            .map(|q| q.dir().to_owned())
            .or_else(|| self.doc.page_path.clone())
            .map(|p| absolute(&p));
        if let Some(path) = opened
            && self.state.recent.first() != Some(&path)
        {
            self.state.recent.retain(|p| *p != path);
            self.state.recent.insert(0, path);
            self.state.recent.truncate(RECENT_MAX);
        }
    }

    /// The page with the text being typed applied, when it differs from
    /// the page (what a crash would otherwise lose).
    fn page_with_typing(&self) -> Option<Page> {
        if !self.typing_differs() {
            return None;
        }
        let e = self.state.editing.as_ref()?;
        let mut editor = self.doc.editor.clone();
        editor
            .apply(Action::EditText {
                at: e.at,
                text: e.text.clone(),
            })
            .ok()?;
        Some(editor.page().clone())
    }

    /// Whether the text being typed differs from its block.
    fn typing_differs(&self) -> bool {
        self.state
            .editing
            .as_ref()
            .is_some_and(|e| block(self.page(), e.at).is_some_and(|b| b.text != e.text))
    }

    /// Identifies the content as it stands, typing included.
    fn content_key(&self) -> u64 {
        use std::hash::{Hash as _, Hasher as _};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.doc.editor.state_id().hash(&mut h);
        self.state.editing.as_ref().map(|e| &e.text).hash(&mut h);
        h.finish()
    }

    /// Writes a draft of the unsaved content now (autosave), and waits
    /// for it. True when nothing unsaved is left behind: written, or
    /// nothing to write. False when autosave is off, the page is not
    /// written by this desk, or the write failed (the message says why;
    /// every edit stays in memory).
    pub fn autosave_now(&mut self) -> bool {
        self.autosave_write(true)
    }

    /// The autosave write; `wait`: block until it is on disk.
    fn autosave_write(&mut self, wait: bool) -> bool {
        let typing = self.page_with_typing();
        if !self.is_dirty() && typing.is_none() {
            return true;
        }
        if !self.state.autosave_on || self.doc.read_only() || self.state.conflict.is_some() {
            return false;
        }
        let key = self.content_key();
        self.autosave.written(key);
        let version = typing.is_none().then(|| self.doc.editor.version());
        let page = typing.unwrap_or_else(|| self.doc.editor.page().clone());
        self.write(page, version, false, wait).unwrap_or(true)
    }

    /// Hands `page` to the writer for the page's fixture. With `wait`,
    /// waits for it and every earlier write and returns whether it was
    /// written; without, returns `None` at once (see [`Self::poll_saves`]).
    fn write(
        &mut self,
        page: Page,
        version: Option<u64>,
        explicit: bool,
        wait: bool,
    ) -> Option<bool> {
        // Earlier writes first: their outcome is what this one expects on disk.
        self.finish_saves();
        self.trace_state();
        let id = self.saver.submit(SaveRequest {
            page,
            path: self.doc.fixture_path.clone(),
            expect: self.doc.on_disk.clone(),
            version,
            explicit,
        });
        if !wait {
            return None;
        }
        let mut written = None;
        for done in self.saver.wait_all() {
            let this = done.id == id;
            let ok = self.saved(done);
            if this {
                written = Some(ok);
            }
        }
        Some(written.unwrap_or(false))
    }

    /// Waits for every write under way and takes their outcomes.
    pub fn finish_saves(&mut self) {
        for done in self.saver.wait_all() {
            self.saved(done);
        }
    }

    /// Takes the outcomes of writes that finished, without waiting.
    fn poll_saves(&mut self) {
        while let Some(done) = self.saver.poll() {
            self.saved(done);
        }
    }

    /// Takes the outcome of a write; true if it was written.
    fn saved(&mut self, done: SaveDone) -> bool {
        self.saves += 1;
        let here = done.path == self.doc.fixture_path;
        let lang = self.state.lang;
        let what = lang.get(if done.explicit {
            Msg::MsgNotSaved
        } else {
            Msg::MsgAutosaveFailed
        });
        match done.outcome {
            Ok(stamp) => {
                if here {
                    self.doc.on_disk = OnDisk::File(stamp);
                    match done.version {
                        Some(v) => self.doc.editor.mark_saved_at(v),
                        // Text being typed was written with the page: until
                        // the next save the file holds no state of the page
                        // (the typing may yet be cancelled).
                        None => self.doc.editor.mark_saved_unversioned(),
                    }
                    if let Some(created) = &done.created {
                        self.doc.editor.set_created(created);
                    }
                    if let (Some(q), Some(p)) = (&mut self.queue, &self.doc.page_path) {
                        q.set_progress(p, done.progress);
                    }
                }
                if done.status == Status::Done {
                    self.retrain_later();
                }
                if done.explicit {
                    self.state.message = Some(Message::info(lang.fill(
                        Msg::MsgSaved,
                        &[
                            ("path", &done.path.display()),
                            ("status", &lang.get(Msg::status(done.status))),
                        ],
                    )));
                } else {
                    self.state.autosaved = Some(crate::autosave::clock_time(unix_now()));
                }
                true
            }
            Err(SaveError::Conflict { path, kept_as }) => {
                self.state.message = Some(Message::unsaved(lang.fill(
                    Msg::MsgConflict,
                    &[
                        ("what", &what),
                        ("path", &path.display()),
                        ("kept", &kept_as.display()),
                    ],
                )));
                if here {
                    self.state.conflict = Some(Conflict { path, kept_as });
                }
                false
            }
            Err(e) => {
                self.state.message = Some(Message::unsaved(
                    lang.fill(Msg::MsgSaveFailed, &[("what", &what), ("error", &e)]),
                ));
                false
            }
        }
    }

    /// The autosave timer: writes the draft at most a few seconds after
    /// the first unsaved change (on the writer thread), at once on focus
    /// loss, and asks for a repaint only when it has to.
    fn autosave_step(&mut self, ctx: &egui::Context) {
        self.poll_saves();
        self.autosave.focus(ctx.input(|i| i.focused));
        if !self.state.autosave_on || self.doc.read_only() || self.state.conflict.is_some() {
            return;
        }
        if self.saver.busy() {
            // One write at a time: the next one expects what this one leaves.
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        let now = ctx.input(|i| i.time);
        let unsaved = self.is_dirty() || self.typing_differs();
        match self.autosave.tick(now, self.content_key(), unsaved) {
            Tick::Idle => {}
            Tick::Wait(secs) => ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                secs.clamp(0.01, 3600.0),
            )),
            Tick::Save => {
                self.autosave_write(false);
                // Show the outcome when it is there.
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
        }
    }

    /// `PROOFDESK_TRACE_STATES`: the state on the desk, at each frame's end
    /// and before every write (a process killed mid-frame has then traced
    /// every state it may have written).
    fn trace_state(&mut self) {
        if let Some(t) = &mut self.trace {
            let page = self.doc.editor.page();
            t.record(
                self.doc.page_path.as_deref(),
                self.doc.editor.state_id(),
                page,
            );
        }
    }

    /// Publishes the unsaved page for the shutdown handler, when it changed.
    fn publish_rescue(&mut self) {
        let Some(shutdown) = &self.shutdown else {
            return;
        };
        let key = (self.content_key(), self.saves);
        if self.published == Some(key) {
            return;
        }
        self.published = Some(key);
        let unsaved = self.is_dirty() || self.typing_differs();
        let req = (unsaved && !self.doc.read_only()).then(|| SaveRequest {
            page: self
                .page_with_typing()
                .unwrap_or_else(|| self.doc.editor.page().clone()),
            path: self.doc.fixture_path.clone(),
            expect: self.doc.on_disk.clone(),
            version: None,
            explicit: false,
        });
        if let Ok(mut slot) = shutdown.rescue.lock() {
            *slot = req;
        }
    }

    /// A shutdown signal came: save a draft of anything unsaved (even with
    /// autosave off: the session is ending), then close.
    fn shut_down(&mut self, ctx: &egui::Context) {
        self.commit_edit();
        self.finish_saves();
        self.keep_unsaved_at_exit();
        self.nothing_to_rescue();
        self.allow_close = true;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    /// The session is ending (a shutdown signal, or a close that did not
    /// pass through the unsaved-changes question): writes what is still
    /// unsaved, even with autosave off, to the page's fixture, else beside
    /// it, and says on stderr where it went, or why it could not be kept.
    fn keep_unsaved_at_exit(&mut self) {
        if self.kept_at_exit || !self.is_dirty() {
            return;
        }
        self.kept_at_exit = true;
        let page = self.doc.editor.page().clone();
        let fixture = self.doc.fixture_path.clone();
        match &self.doc.access {
            // With a conflict pending, the write keeps this version beside
            // the fixture, as every write then does.
            Access::Write => {
                let version = self.doc.editor.version();
                let kept_before = self.state.conflict.as_ref().map(|c| c.kept_as.clone());
                if self.write(page.clone(), Some(version), false, true) == Some(true) {
                    return;
                }
                // This write found the fixture changed and kept the work
                // beside it (a conflict from before names older work).
                if let Some(c) = &self.state.conflict
                    && Some(&c.kept_as) != kept_before.as_ref()
                {
                    eprintln!(
                        "proofdesk: {} changed on disk; the unsaved changes are kept in {}",
                        fixture.display(),
                        c.kept_as.display()
                    );
                    return;
                }
            }
            // Not this desk's fixture to write: the work goes beside it.
            Access::OlderText | Access::Locked { .. } => {}
            // Nowhere to keep it (the bundled sample says so on screen).
            Access::Sample | Access::Nothing => return,
        }
        eprintln!(
            "proofdesk: {}",
            crate::saver::keep_aside_told(&page, &fixture, None)
        );
    }

    /// Tells the shutdown handler that the desk has written (or said why
    /// it could not write) everything unsaved: nothing is left for it.
    fn nothing_to_rescue(&self) {
        if let Some(s) = &self.shutdown {
            if let Ok(mut slot) = s.rescue.lock() {
                *slot = None;
            }
            s.finished.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }

    /// Scrolls the corrected pane to a block on the next frame without
    /// selecting it (tests: only what is visible is laid out, so a block
    /// must be in view to be found and clicked).
    pub fn reveal(&mut self, at: BlockRef) {
        self.state.reveal = Some(at);
    }

    /// Queues an intent, as a panel would.
    pub fn push(&mut self, intent: Intent) {
        self.intents.push(intent);
    }

    /// Applies every queued intent.
    pub fn handle_intents(&mut self, ctx: &egui::Context) {
        for intent in std::mem::take(&mut self.intents) {
            self.handle(ctx, intent);
        }

        self.refresh_similar();
        // A hint for the text being edited goes when the editing does.
        if self.state.editing.is_none()
            && self.state.message.as_ref().is_some_and(|m| m.while_editing)
        {
            self.state.message = None;
        }
    }

    fn handle(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::Run(c) => self.run(ctx, c),
            Intent::Apply(action) => {
                self.commit_edit();
                self.apply(action);
            }
            Intent::Select(at) => self.select(at, None),
            Intent::SelectChar(at, i) => self.select_char(at, i),
            Intent::ExtendSelection(at, i) => self.extend_selection(TextSelection::at_char(at, i)),
            Intent::ExtendRawSelection(offset) => {
                self.extend_selection(TextSelection::at_raw(offset));
            }
            Intent::SelectRaw(offset) => {
                self.state.text_selection = Some(TextSelection::at_raw(offset));
                if let Some(at) = self.doc.editor.locate(offset) {
                    self.commit_edit();
                    self.state.selected = Some(at);
                    self.state.focus_raw = Some(offset);
                    self.state.scroll_corrected = Some(Reveal::At(egui::Align::Center));
                }
            }
            Intent::JumpToArticle(a) => {
                self.select(BlockRef::new(a, 0), Some(egui::Align::TOP));
            }
            Intent::StartEdit(at) => {
                self.select(at, None);
                self.start_edit(at);
            }
            Intent::Open(path) => self.open_page(&path),
            Intent::Confirm(choice) => self.confirm(ctx, choice),
            Intent::DismissMessage => self.state.message = None,
            Intent::OpenQueueEntry(i) => self.open_in_queue(|_| Some(i)),
            Intent::Stale(choice) => self.resolve_stale(choice),
            Intent::ShowQueue(on) => self.state.show_queue = on,
            Intent::SetAutosave(on) => {
                self.state.autosave_on = on;
                self.autosave.reset();
            }
            Intent::Conflict(choice) => self.resolve_conflict(choice),
            Intent::OpenSample => self.open_sample(),
            Intent::Browse => self.browse(),
            Intent::FindQuery(query) => {
                let bar = self.state.find.get_or_insert_default();
                bar.query = query;
                bar.current = None;
                self.find_step(true);
            }
            Intent::FindClose => self.state.find = None,
            Intent::GoToText(text) => {
                let bar = self.state.go_to.get_or_insert_default();
                bar.text = text;
                bar.error = None;
            }
            Intent::GoToSubmit => self.go_to(),
            Intent::GoToClose => self.state.go_to = None,
            Intent::SetLang(lang) => {
                self.state.lang = lang;
                self.chosen_lang = Some(lang);
            }
            Intent::ZoomPicture(step) => self.zoom_picture(step),
            Intent::Similar(choice) => self.answer_similar(choice),
            Intent::SetDoubtWalk(walk) => {
                self.state.doubt_walk = walk;
                // The current doubt stays; N goes on in the new order.
            }
            Intent::ConfirmDone(choice) => {
                self.state.confirm_done = false;
                match choice {
                    DoneChoice::MarkDone => {
                        self.save(Status::Done);
                    }
                    DoneChoice::Review => self.step_doubt(true),
                    DoneChoice::Cancel => {}
                }
            }
            Intent::PromptDone(path) => {
                let Some(prompt) = self.state.prompt.take() else {
                    return;
                };
                if let Some(path) = path {
                    match prompt.purpose {
                        PromptPurpose::Open => self.open_page(&path),
                        PromptPurpose::SaveAs => {
                            self.save_to(&path);
                        }
                    }
                }
            }
        }
    }

    /// Opens the in-app path prompt, filled with where the page lives.
    fn open_prompt(&mut self, purpose: PromptPurpose) {
        self.commit_edit();
        // The page's folder; for the sample (or no page), the home folder
        // to save into and the working folder to open from.
        let fallback = match purpose {
            PromptPurpose::SaveAs => std::env::var_os("HOME").map(PathBuf::from),
            PromptPurpose::Open => std::env::current_dir().ok(),
        };
        let dir = self
            .doc
            .page_path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_owned)
            .or(fallback)
            .unwrap_or_default();
        let text = match purpose {
            PromptPurpose::SaveAs if self.doc.access == Access::Write => {
                self.doc.fixture_path.display().to_string()
            }
            PromptPurpose::SaveAs => crate::io::free_copy_fixture_path(
                &dir,
                &self.page().raw.file_name,
                &self.doc.fixture_path,
            )
            .display()
            .to_string(),
            PromptPurpose::Open => {
                let mut t = dir.display().to_string();
                if !t.ends_with('/') {
                    t.push('/');
                }
                t
            }
        };
        let mut prompt = PathPrompt {
            purpose,
            text,
            note: None,
            listing: None,
        };
        prompt.refresh_listing();
        self.state.prompt = Some(prompt);
    }

    /// The desktop's file dialog for the open prompt. Without a desktop
    /// dialog service it returns nothing; the prompt stays and says so.
    fn browse(&mut self) {
        let Some(prompt) = &mut self.state.prompt else {
            return;
        };
        let dir = prompt.folder();
        let started = std::time::Instant::now();
        let lang = self.state.lang;
        let picked = match prompt.purpose {
            PromptPurpose::Open => rfd::FileDialog::new()
                .set_title(lang.get(Msg::DialogOpenPage))
                .set_directory(&dir)
                .pick_file(),
            PromptPurpose::SaveAs => rfd::FileDialog::new()
                .set_title(lang.get(Msg::PromptSaveTitle))
                .set_directory(&dir)
                .save_file(),
        };
        match picked {
            Some(p) => {
                prompt.text = p.display().to_string();
                prompt.note = None;
            }
            None if started.elapsed() < std::time::Duration::from_millis(300) => {
                prompt.note = Some(lang.get(Msg::PromptNoDesktopDialog).to_owned());
            }
            None => {}
        }
    }

    /// Opens the bundled sample page (asked for from the menu).
    pub fn open_sample(&mut self) {
        self.commit_edit();
        if self.is_dirty() && !self.autosave_now() {
            self.state.message = Some(Message::error(self.state.lang.get(Msg::MsgOpenSampleFirst)));
            return;
        }
        self.install(sample_document(), None);
    }

    /// Answers the conflict dialog.
    fn resolve_conflict(&mut self, choice: ConflictChoice) {
        let Some(conflict) = self.state.conflict.take() else {
            return;
        };
        match choice {
            ConflictChoice::KeepMine => {
                // What is there now becomes the backup; this desk's version
                // goes over it.
                self.doc.on_disk = crate::saver::expectation_of(&conflict.path);
                let status = self.page().status;
                let status = if status == Status::Auto {
                    Status::Draft
                } else {
                    status
                };
                if self.save(status) {
                    let _ignored = std::fs::remove_file(&conflict.kept_as);
                }
            }
            ConflictChoice::OpenTheirs => {
                // Mine as it stands now goes into the conflict file: the
                // write that met the conflict ran in the background, and
                // an edit made meanwhile is in neither file.
                let mine = self
                    .page_with_typing()
                    .unwrap_or_else(|| self.doc.editor.page().clone());
                if let Err(e) = crate::saver::write_aside(&mine, &conflict.kept_as) {
                    self.state.message = Some(Message::unsaved(self.state.lang.fill(
                        Msg::MsgCannotKeepMine,
                        &[("kept", &conflict.kept_as.display()), ("error", &e)],
                    )));
                    self.state.conflict = Some(conflict);
                    return;
                }
                self.state.editing = None;
                self.doc.editor.mark_saved();
                if let Some(p) = self.doc.page_path.clone() {
                    self.open_page(&p);
                }
                self.state.message = Some(Message::info(self.state.lang.fill(
                    Msg::MsgOpenedTheirs,
                    &[("kept", &conflict.kept_as.display())],
                )));
            }
        }
    }

    fn select(&mut self, at: BlockRef, align: Option<egui::Align>) {
        if self.state.editing.as_ref().is_some_and(|e| e.at != at) {
            self.commit_edit();
        }
        if block(self.page(), at).is_some() {
            self.state.selected = Some(at);
            self.state.focus_raw = None;
            self.state.scroll_raw = true;
            self.state.scroll_corrected = Some(align.map_or(Reveal::Minimal, Reveal::At));
        }
    }

    /// Zooms the page picture one step (within `ui::picture::ZOOM_RANGE`);
    /// a zoom by hand stops the picture following the selection.
    fn zoom_picture(&mut self, step: PictureZoom) {
        self.state.picture_follow = false;
        let now = self.state.picture_scale();
        let range = ui::picture::ZOOM_RANGE;
        self.state.picture_zoom = match step {
            PictureZoom::Fit => 1.0,
            // A thousandths count is far below f32's exact range.
            #[expect(clippy::cast_precision_loss, reason = "small counts")]
            PictureZoom::Times(t) => (now * t as f32 / 1000.0).clamp(*range.start(), *range.end()),
        };
    }

    /// I: shows the page picture (at the selection) or hides it.
    fn toggle_picture(&mut self) {
        self.state.show_picture = !self.state.show_picture;
        self.state.scroll_picture = self.state.show_picture;
        self.picture_hint_done();
    }

    /// The picture's pane is open: what said how to open it goes, and is
    /// not said again.
    fn picture_hint_done(&mut self) {
        self.picture.seen |= self.state.show_picture;
        if self.state.show_picture
            && self.picture.hint.is_some()
            && self.state.message.as_ref().map(|m| &m.text) == self.picture.hint.as_ref()
        {
            self.state.message = None;
        }
    }

    /// Z: the page picture follows the selection, zoomed to the selected
    /// block (its pane opened if closed); again, it stops. A page without
    /// line boxes cannot be followed, and says so.
    fn follow_picture(&mut self) {
        if self.state.picture_follow && self.state.show_picture {
            self.state.picture_follow = false;
            return;
        }
        if self.page().raw.geometry().is_none() {
            let lang = self.state.lang;
            self.state.message = Some(Message::info(lang.get(Msg::MsgPictureNoBoxes)));
            return;
        }
        self.state.picture_follow = true;
        self.state.show_picture = true;
        self.state.scroll_raw = true;
        self.picture_hint_done();
    }

    /// A Shift+click at `to`: the text from the last plain click (in the
    /// same pane) to there is selected.
    fn extend_selection(&mut self, to: TextSelection) {
        self.state.text_selection = Some(TextSelection::extend(self.state.text_selection, to));
    }

    fn select_char(&mut self, at: BlockRef, char_index: usize) {
        self.state.text_selection = Some(TextSelection::at_char(at, char_index));
        self.select(at, None);
        self.state.scroll_corrected = None;
        let Some(b) = block(self.page(), at) else {
            return;
        };
        let traced = crate::page::trace(self.doc.editor.raw_chars(), &b.text, &b.spans);
        self.state.focus_raw = traced.get(char_index).copied().flatten();
    }

    /// The raw offset that identifies the selected block across changes.
    fn anchor(&self) -> Option<usize> {
        let at = self.state.selected?;
        block(self.page(), at)?.spans.first().map(|s| s.start)
    }

    /// Applies a model change and keeps the selection on the same block.
    /// Applies `action` to the page; false when the editor refused it
    /// (the message says why).
    fn apply(&mut self, action: Action) -> bool {
        // The text moves under a selection: it no longer says what it did.
        self.state.text_selection = None;
        let anchor = self.anchor();
        let old = self.state.selected;
        let was_done = self.page().status == Status::Done;
        let applied = match self.doc.editor.apply(action) {
            Ok(()) if was_done && self.page().status == Status::Draft => {
                self.state.message = Some(Message::info(self.state.lang.get(Msg::MsgDoneToDraft)));
                true
            }
            Ok(()) => {
                self.state.message = None;
                true
            }
            Err(e) => {
                self.state.message =
                    Some(Message::error(crate::i18n::edit_error(&e, self.state.lang)));
                false
            }
        };
        self.reselect(anchor, old);
        applied
    }

    fn reselect(&mut self, anchor: Option<usize>, old: Option<BlockRef>) {
        let found = anchor.and_then(|a| self.doc.editor.locate(a));
        self.state.selected = found.or_else(|| old.and_then(|o| clamp(self.page(), o)));
        self.state.scroll_raw = true;
        self.state.scroll_corrected = Some(Reveal::Minimal);
    }

    fn start_edit(&mut self, at: BlockRef) {
        if let Some(b) = block(self.page(), at) {
            let end = b.text.chars().count();
            self.start_edit_selecting(at, end..end);
        }
    }

    /// Edits the block with `chars` of its text selected (the cursor at
    /// their end).
    fn start_edit_selecting(&mut self, at: BlockRef, chars: std::ops::Range<usize>) {
        if let Some(b) = block(self.page(), at) {
            self.state.editing = Some(EditState {
                at,
                text: b.text.clone(),
                cursor: chars.end,
                anchor: chars.start,
                focus: true,
            });
        }
    }

    /// Keeps the typed text (an undoable action) and stops editing; a
    /// correction of a word is then offered at its other places.
    fn commit_edit(&mut self) {
        if let Some((before, after)) = self.commit_edit_quietly() {
            self.offer_similar(&before, &after);
        }
    }

    /// Closes the block editor, its text going into the block if it
    /// changed (no "correct all similar" offered): the block's text before
    /// and after, when it did.
    fn commit_edit_quietly(&mut self) -> Option<(String, String)> {
        let e = self.state.editing.take()?;
        let before = block(self.page(), e.at)
            .map(|b| b.text.clone())
            .filter(|t| *t != e.text)?;
        let after = e.text.clone();
        self.apply(Action::EditText {
            at: e.at,
            text: e.text,
        });
        Some((before, after))
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NextBlock => self.step_block(true),
            Command::PrevBlock => self.step_block(false),
            Command::NextArticle => self.step_article(true),
            Command::PrevArticle => self.step_article(false),
            Command::SetRole(role) => self.on_selected(|at, _| Action::SetRole { at, role }),
            Command::CycleArticleKind | Command::PrevArticleKind => {
                let forward = command == Command::CycleArticleKind;
                self.on_selected(|at, page| {
                    let kind = page
                        .articles
                        .get(at.article)
                        .map_or(ArticleKind::Article, |a| step_kind(a.kind, forward));
                    Action::SetArticleKind {
                        article: at.article,
                        kind,
                    }
                });
            }
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::MoveBlockUp | Command::MoveBlockDown => {
                let down = command == Command::MoveBlockDown;
                if let Some(action) = self
                    .state
                    .selected
                    .and_then(|at| crate::edit::move_block_action(self.page(), at, down))
                {
                    self.apply(action);
                }
            }
            Command::MoveArticleUp | Command::MoveArticleDown => self.move_article(command),
            Command::SplitArticle => self.on_selected(|at, _| Action::SplitArticle { at }),
            Command::MergeWithPrevious => self.on_selected(|at, _| Action::MergeWithPrevious {
                article: at.article,
            }),
            Command::MergeWithNext => self.on_selected(|at, _| Action::MergeWithNext {
                article: at.article,
            }),
            Command::JoinWithNext => self.on_selected(|at, _| Action::JoinWithNext { at }),
            Command::FlipOrientation => {
                self.commit_edit();
                self.apply(Action::FlipOrientation);
            }
            Command::EditText => {
                if let Some(at) = self.state.selected {
                    self.start_edit(at);
                }
            }
            Command::SplitBlockAtCursor => self.split_at_cursor(),
            Command::FinishEdit => self.commit_edit(),
            Command::CancelEdit => self.state.editing = None,
            Command::Undo | Command::Redo => self.undo_redo(command == Command::Redo),
            Command::SaveDraft => {
                self.save(Status::Draft);
            }
            Command::MarkDone => {
                if self.page().review.open_count() > 0 && self.page().status != Status::Done {
                    self.state.confirm_done = true;
                } else {
                    self.save(Status::Done);
                }
            }
            Command::Open | Command::OpenFolder => self.open_prompt(PromptPurpose::Open),
            Command::SaveAs => self.open_prompt(PromptPurpose::SaveAs),
            Command::NextPage => self.open_in_queue(|q| q.next()),
            Command::PrevPage => self.open_in_queue(|q| q.prev()),
            Command::NextUnfinished => self.open_in_queue(Queue::next_unfinished),
            Command::ToggleWhitespace => self.state.show_whitespace = !self.state.show_whitespace,
            Command::ToggleModel => {
                self.state.model_off = !self.state.model_off;
                let said = if self.state.model_off {
                    Msg::MsgModelOff
                } else {
                    Msg::MsgModelOn
                };
                self.state.message = Some(Message::info(self.state.lang.get(said)));
            }
            Command::TogglePicture => self.toggle_picture(),
            Command::FollowPicture => self.follow_picture(),
            Command::Find => self.state.find.get_or_insert_default().focus = true,
            Command::GoTo => self.state.go_to.get_or_insert_default().focus = true,
            Command::CopyBlock | Command::CopyRaw => self.copy(ctx, command == Command::CopyRaw),
            Command::ExportFolder => self.export_folder(ctx),
            Command::ToggleTheme => toggle_theme(ctx),
            Command::FindNext => self.find_step(true),
            Command::FindPrev => self.find_step(false),
            Command::ShortcutSheet => self.state.show_shortcuts = !self.state.show_shortcuts,
            Command::NextDoubt
            | Command::PrevDoubt
            | Command::AcceptDoubt
            | Command::FlipDoubt
            | Command::NextDoubtHere
            | Command::AcceptRule => self.review(command),
        }
        ctx.request_repaint();
    }

    fn on_selected(&mut self, make: impl FnOnce(BlockRef, &Page) -> Action) {
        self.commit_edit();
        if let Some(at) = self.state.selected {
            let action = make(at, self.page());
            self.apply(action);
        }
    }

    fn step_block(&mut self, forward: bool) {
        let order: Vec<BlockRef> = all_blocks(self.page());
        let here = self
            .state
            .selected
            .and_then(|s| order.iter().position(|b| *b == s));
        let next = match (here, forward) {
            (None, _) => order.first(),
            (Some(i), true) => order.get(i + 1).or(order.get(i)),
            (Some(i), false) => order.get(i.saturating_sub(1)),
        };
        if let Some(&at) = next {
            self.select(at, None);
        }
    }

    fn step_article(&mut self, forward: bool) {
        let n = self.page().articles.len();
        let a = self.state.selected.map_or(0, |s| s.article);
        let target = if forward {
            (a + 1).min(n.saturating_sub(1))
        } else {
            a.saturating_sub(1)
        };
        self.select(BlockRef::new(target, 0), Some(egui::Align::TOP));
    }

    fn move_article(&mut self, command: Command) {
        self.commit_edit();
        let Some(at) = self.state.selected else {
            return;
        };
        let n = self.page().articles.len();
        let to = if command == Command::MoveArticleUp {
            at.article.checked_sub(1)
        } else {
            Some(at.article + 1).filter(|t| *t < n)
        };
        if let Some(to) = to {
            self.apply(Action::MoveArticle {
                from: at.article,
                to,
            });
        }
    }

    fn split_at_cursor(&mut self) {
        let Some(e) = self.state.editing.clone() else {
            return;
        };
        self.commit_edit();
        let at = self.state.selected.unwrap_or(e.at);
        self.apply(Action::SplitBlock {
            at,
            char_index: e.cursor,
        });
    }

    fn undo_redo(&mut self, redo: bool) {
        self.state.editing = None;
        let anchor = self.anchor();
        let old = self.state.selected;
        let settled: Vec<bool> = self
            .page()
            .review
            .resolved
            .iter()
            .map(Option::is_some)
            .collect();
        let done = if redo {
            self.doc.editor.redo()
        } else {
            self.doc.editor.undo()
        };
        if done {
            // What a message said of the page (`Corrected … at 2 more
            // places`) may no longer hold; a failure stays to be read.
            if self.state.message.as_ref().is_some_and(|m| !m.error) {
                self.state.message = None;
            }
        } else {
            self.state.message = Some(Message::info(self.state.lang.get(if redo {
                Msg::MsgNothingToRedo
            } else {
                Msg::MsgNothingToUndo
            })));
        }
        self.reselect(anchor, old);
        // Undoing an accept or flip takes the editor back to that doubt.
        let reopened = self
            .page()
            .review
            .resolved
            .iter()
            .zip(settled)
            .position(|(now, was)| was && now.is_none());
        if let Some(i) = reopened {
            self.go_to_doubt(i);
        }
    }

    /// Saves the fixture with `status` (`draft` or `done`); true if it was
    /// written. A failure leaves every edit in memory and says why.
    pub fn save(&mut self, status: Status) -> bool {
        self.commit_edit();
        let lang = self.state.lang;
        // A page that cannot be saved here may be saved elsewhere ("Save
        // as…" beside the message); no page at all has nothing to keep.
        let refusal = match &self.doc.access {
            Access::Write => None,
            Access::OlderText => Some(Message::unsaved(lang.get(Msg::MsgOlderTextNoSave))),
            Access::Locked { holder } => Some(Message::unsaved(
                lang.fill(Msg::MsgLockedNoSave, &[("holder", holder)]),
            )),
            Access::Sample => Some(Message::unsaved(lang.get(Msg::MsgSampleNoSave))),
            Access::Nothing => Some(Message::error(lang.get(Msg::MsgNothingToSave))),
        };
        if let Some(message) = refusal {
            self.state.message = Some(message);
            return false;
        }
        if let Some(c) = &self.state.conflict {
            self.state.message = Some(Message::error(
                lang.fill(Msg::MsgChooseConflictFirst, &[("path", &c.path.display())]),
            ));
            return false;
        }
        if self.page().status != status
            && let Err(e) = self.doc.editor.apply(Action::SetStatus(status))
        {
            self.state.message = Some(Message::error(crate::i18n::edit_error(&e, lang)));
            return false;
        }
        let page = self.doc.editor.page().clone();
        let version = self.doc.editor.version();
        // Written or failed, autosave need not try this content again.
        let key = self.content_key();
        self.autosave.written(key);
        self.write(page, Some(version), true, true).unwrap_or(false)
    }

    /// "Save as…": writes the fixture to `path` (a draft, or done if the
    /// page is done) and saves there from now on. On failure nothing
    /// changes but the message.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let status = if self.page().status == Status::Done {
            Status::Done
        } else {
            Status::Draft
        };
        // The page's own fixture, written by this desk, is under its lock
        // already; any other target is locked first: a fixture another
        // desk holds is that desk's to write.
        let own = self.doc.access == Access::Write && path == self.doc.fixture_path;
        let target_lock = if own {
            None
        } else {
            match crate::lock::try_lock(path, &crate::fixture::now_rfc3339()).or_holder() {
                Ok(lock) => lock,
                Err(holder) => {
                    self.state.message = Some(Message::unsaved(self.state.lang.fill(
                        Msg::MsgSaveAsLocked,
                        &[("path", &path.display()), ("holder", &holder)],
                    )));
                    return false;
                }
            }
        };
        self.finish_saves();
        let old_path = std::mem::replace(&mut self.doc.fixture_path, path.to_owned());
        let old_access = std::mem::replace(&mut self.doc.access, Access::Write);
        let old_disk = std::mem::replace(&mut self.doc.on_disk, OnDisk::Unchecked);
        let conflict = self.state.conflict.take();
        let queue = self.queue.take();
        let ok = self.save(status);
        self.queue = queue;
        if ok {
            // Saves go to the new place from now on, under its lock; the
            // lock of the old one is of no use there.
            if !own {
                self.doc.lock = target_lock;
            }
        } else {
            self.doc.fixture_path = old_path;
            self.doc.access = old_access;
            self.doc.on_disk = old_disk;
            self.state.conflict = conflict;
        }
        ok
    }

    fn confirm(&mut self, ctx: &egui::Context, choice: UnsavedChoice) {
        let Some(pending) = self.state.confirm.take() else {
            return;
        };
        match choice {
            UnsavedChoice::Cancel => return,
            UnsavedChoice::Save => {
                if !self.save(Status::Draft) {
                    return; // saving failed; the message says why
                }
            }
            UnsavedChoice::Discard => {
                self.doc.editor = Editor::new(self.page().clone());
                // Nothing left for the shutdown handler to rescue.
                self.published = None;
            }
        }
        match pending {
            Pending::Close => {
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Pending::Open(path) => {
                self.doc.editor.mark_saved();
                self.open_page(&path);
            }
        }
    }

    /// Turns key presses into commands (removing them from the input, so
    /// that the text field never sees a shortcut it should not).
    fn keys(&mut self, ctx: &egui::Context) {
        if self.state.dialog_open() {
            return;
        }
        if ctx.memory(|m| m.has_focus(find_field_id())) {
            self.field_keys(ctx, false);
            return;
        }
        if ctx.memory(|m| m.has_focus(go_to_field_id())) {
            self.field_keys(ctx, true);
            return;
        }
        // The "correct all similar" offer answers Enter (correct the
        // checked places) and Escape (skip) while no text is edited;
        // other keys go on working the page behind it.
        if self.state.editing.is_none()
            && !self.state.show_shortcuts
            && let Some(offer) = &self.state.similar
        {
            // Enter only where there is something checked to correct (as
            // its button); keys with a modifier are the desk's.
            let takes = offer.has_places() && offer.checked_count() > 0;
            let (enter, escape) = ctx.input_mut(|i| {
                let plain = i.modifiers.is_none();
                (
                    plain && takes && i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                    plain && i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
                )
            });
            if escape {
                self.intents.push(Intent::Similar(SimilarChoice::Skip));
                return;
            }
            if enter {
                self.intents.push(Intent::Similar(SimilarChoice::Checked));
                return;
            }
        }
        // egui takes the focus from the field on Escape before the desk sees
        // the key: Escape with the bar open (and no text being edited)
        // closes it.
        if self.state.editing.is_none() && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            if self.state.go_to.is_some() {
                self.intents.push(Intent::GoToClose);
            } else if self.state.find.is_some() {
                self.intents.push(Intent::FindClose);
            }
        }
        let editing = self.state.editing.is_some();
        let commands = ctx.input_mut(|i| {
            let mut out = Vec::new();
            i.events.retain(|e| {
                if let Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } = e
                    && let Some(c) = Command::for_key(*key, *modifiers, editing)
                {
                    out.push(c);
                    return false;
                }
                true
            });
            out
        });
        for c in commands {
            if self.state.show_shortcuts
                && !matches!(c, Command::ShortcutSheet | Command::CancelEdit)
            {
                continue;
            }
            self.intents.push(Intent::Run(c));
        }
        if self.state.show_shortcuts && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.state.show_shortcuts = false;
        }
    }

    /// Keys while the find (or "go to") field has the focus: Enter /
    /// Shift+Enter (or F3 / Shift+F3) go to the next / previous hit (or go
    /// where the field says), Escape closes the bar, and commands with Ctrl
    /// still work; every other key types.
    fn field_keys(&mut self, ctx: &egui::Context, go_to: bool) {
        let commands = ctx.input_mut(|i| {
            let mut out = Vec::new();
            i.events.retain(|e| {
                let Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } = e
                else {
                    return true;
                };
                let c = match key {
                    egui::Key::Enter if go_to => {
                        self.intents.push(Intent::GoToSubmit);
                        return false;
                    }
                    egui::Key::Escape if go_to => {
                        self.intents.push(Intent::GoToClose);
                        return false;
                    }
                    egui::Key::Enter if modifiers.shift => Some(Command::FindPrev),
                    egui::Key::Enter => Some(Command::FindNext),
                    egui::Key::Escape => {
                        self.intents.push(Intent::FindClose);
                        return false;
                    }
                    _ => Command::for_key(*key, *modifiers, true).filter(|c| {
                        !matches!(
                            c,
                            Command::FinishEdit | Command::CancelEdit | Command::SplitBlockAtCursor
                        )
                    }),
                };
                c.is_none_or(|c| {
                    out.push(c);
                    false
                })
            });
            out
        });
        self.intents.extend(commands.into_iter().map(Intent::Run));
    }

    /// The folder whose done pages are exported: the open folder, else the
    /// page's own folder.
    fn export_dir(&self) -> Option<PathBuf> {
        self.queue.as_ref().map(|q| q.dir().to_owned()).or_else(|| {
            self.doc
                .page_path
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_owned)
        })
    }

    /// Exports the folder's done pages to `FOLDER/proofdesk-export/` on a
    /// background thread (the page on the desk is saved first).
    fn export_folder(&mut self, ctx: &egui::Context) {
        if self.export.is_some() {
            return;
        }
        let lang = self.state.lang;
        let Some(dir) = self.export_dir() else {
            self.state.message = Some(Message::info(lang.get(Msg::MsgExportNeedsPage)));
            return;
        };
        // The export reads the fixtures on disk: the page on the desk goes
        // there first, and where it cannot, the editor is told.
        // `autosave_now` is false only when something unsaved is left.
        let saved = self.autosave_now();
        self.finish_saves();
        let unsaved = (!saved).then(|| {
            lang.fill(
                Msg::MsgExportLeftUnsaved,
                &[("file", &self.page().raw.file_name)],
            )
        });
        let out_dir = dir.join("proofdesk-export");
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let done = crate::export::write_folder(&dir, &out_dir).map_err(|e| {
                lang.fill(
                    Msg::MsgExportStopped,
                    &[("dir", &dir.display()), ("error", &e)],
                )
            });
            // The desk may have closed; nobody listens then.
            let _gone = tx.send(done);
            ctx.request_repaint();
        });
        self.state.message = Some(match &unsaved {
            Some(note) => Message::unsaved(format!("{} {note}", lang.get(Msg::MsgExporting))),
            None => Message::info(lang.get(Msg::MsgExporting)),
        });
        self.export = Some(ExportJob { done: rx, unsaved });
    }

    /// Reports a finished export.
    fn export_step(&mut self) {
        let Some(job) = &self.export else {
            return;
        };
        let lang = self.state.lang;
        let text = match job.done.try_recv() {
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Ok(Ok(done)) => Ok(lang.fill(
                Msg::MsgExported,
                &[
                    ("pages", &done.counts[0]),
                    ("articles", &done.counts[1]),
                    ("lines", &done.counts[2]),
                    ("dir", &done.out_dir.display()),
                ],
            )),
            Ok(Err(e)) => Err(e),
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err(lang.get(Msg::MsgExportDied).to_owned())
            }
        };
        let unsaved = self.export.take().and_then(|job| job.unsaved);
        self.state.message = Some(match (text, unsaved) {
            (Ok(text), None) => Message::info(text),
            (Ok(text) | Err(text), Some(note)) => Message::unsaved(format!("{text}. {note}")),
            (Err(text), None) => Message::error(text),
        });
    }

    /// Copies the selected block's text, or the raw text it comes from (its
    /// spans in reading order, each as extracted), to the clipboard.
    fn copy(&mut self, ctx: &egui::Context, raw: bool) {
        if let Some(selection) = self.state.text_selection.filter(|s| s.is_range()) {
            let text = selection.text(self.page());
            let n = text.chars().count();
            ctx.copy_text(text);
            self.state.message = Some(Message::info(
                self.state.lang.fill(Msg::MsgCopiedSelection, &[("n", &n)]),
            ));
            return;
        }
        let Some(text) = self
            .state
            .selected
            .and_then(|at| copy_text_of(self.page(), at, raw))
        else {
            self.state.message = Some(Message::info(self.state.lang.get(Msg::MsgSelectToCopy)));
            return;
        };
        let n = text.chars().count();
        ctx.copy_text(text);
        let copied = if raw {
            Msg::MsgCopiedRaw
        } else {
            Msg::MsgCopiedCorrected
        };
        self.state.message = Some(Message::info(self.state.lang.fill(copied, &[("n", &n)])));
    }

    /// Goes where the "go to" bar says: an article, or the block fed by a
    /// raw line (the first line with text from there on).
    fn go_to(&mut self) {
        let Some(bar) = self.state.go_to.as_mut() else {
            return;
        };
        let page = self.doc.editor.page();
        let lang = self.state.lang;
        let target = match crate::find::parse_go_to(&bar.text) {
            Some(crate::find::GoTo::Article(n)) if n <= page.articles.len() => {
                Ok(BlockRef::new(n - 1, 0))
            }
            Some(crate::find::GoTo::Article(n)) => Err(lang.fill(
                Msg::GoToNoArticle,
                &[("n", &n), ("count", &page.articles.len())],
            )),
            Some(crate::find::GoTo::RawLine(n)) => {
                let lines = page.raw.lines().len();
                let hit = crate::find::glyphs_from_line(&page.raw, n)
                    .find_map(|o| self.doc.editor.locate(o).map(|at| (at, o)));
                if n > lines {
                    Err(lang.fill(Msg::GoToNoLine, &[("n", &n), ("count", &lines)]))
                } else {
                    hit.map(|(at, o)| {
                        self.state.focus_raw = Some(o);
                        at
                    })
                    .ok_or_else(|| lang.fill(Msg::GoToNoBlock, &[("n", &n)]))
                }
            }
            None => Err(lang.get(Msg::GoToHowTo).to_owned()),
        };
        match target {
            Ok(at) => {
                let focus = self.state.focus_raw;
                self.select(at, Some(egui::Align::Center));
                self.state.focus_raw = focus;
                self.state.go_to = None;
            }
            Err(e) => {
                if let Some(bar) = self.state.go_to.as_mut() {
                    bar.error = Some(e);
                }
            }
        }
    }

    /// Goes to the next (or previous) hit of the find bar, finding again
    /// first if the query or the page changed.
    fn find_step(&mut self, forward: bool) {
        let state_id = self.doc.editor.state_id();
        let page = self.doc.editor.page();
        let Some(bar) = self.state.find.as_mut() else {
            self.state.find = Some(FindBar {
                focus: true,
                ..FindBar::default()
            });
            return;
        };
        let key = (bar.query.clone(), state_id);
        if bar.searched.as_ref() != Some(&key) {
            bar.hits = crate::find::in_articles(&page.articles, &bar.query);
            bar.raw_hits = crate::find::in_raw(page.raw.text(), &bar.query).len();
            bar.searched = Some(key);
            bar.current = None;
        }
        let n = bar.hits.len();
        if n == 0 {
            bar.current = None;
            return;
        }
        let here = self.state.selected;
        let next = match bar.current {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            // The first hit at or after the selection (before it, backwards).
            None => {
                let after = bar
                    .hits
                    .iter()
                    .position(|h| here.is_none_or(|s| h.block >= s));
                match (forward, after) {
                    (true, Some(i)) => i,
                    (true, None) => 0,
                    (false, Some(i)) => (i + n - 1) % n,
                    (false, None) => n - 1,
                }
            }
        };
        bar.current = Some(next);
        let at = bar.hits[next].block;
        self.select(at, Some(egui::Align::Center));
    }

    fn files_and_close(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped.iter().map(|f| f.path().to_owned()).next() {
            self.intents.push(Intent::Open(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            self.commit_edit();
            if self.is_dirty() && !self.autosave_now() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.state.confirm = Some(Pending::Close);
            }
        }
    }

    /// Replays `PROOFDESK_SCRIPT` keys, one per frame, through the same
    /// key handling as real key presses.
    fn replay_script(&mut self, ctx: &egui::Context) {
        if self.script.is_empty() || self.frames < 4 {
            if !self.script.is_empty() {
                ctx.request_repaint();
            }
            return;
        }
        if let Some(s) = self.script.pop_front() {
            ctx.input_mut(|i| {
                i.events.push(Event::Key {
                    key: s.logical_key,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers: s.modifiers,
                });
            });
            ctx.request_repaint();
        }
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        if self.loading.is_some() {
            // Picture the page, not the progress window.
            return;
        }
        let Some(task) = &mut self.screenshot else {
            return;
        };
        task.frames += 1;
        ctx.request_repaint();
        if !self.script.is_empty() {
            // Picture the page after the script's keys, once it settled.
            task.frames = 0;
        }
        if task.frames >= 6 && !task.requested {
            task.requested = true;
            let slot = task.image.clone();
            let ctx2 = ctx.clone();
            ctx.request_screenshot(move |img| {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(img);
                }
                ctx2.request_repaint();
            });
        }
        let image = task.image.lock().ok().and_then(|mut s| s.take());
        if let Some(image) = image {
            let outcome = save_png(&image, &task.path);
            if let Ok(mut r) = task.result.lock() {
                *r = Some(outcome);
            }
            self.allow_close = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }
}

impl eframe::App for DeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, REMEMBER_KEY, &self.to_remember());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The last chance: a close that did not pass through the frame.
        // A close the editor answered left nothing unsaved (saved, or
        // discarded); anything still unsaved is kept, and stderr says where.
        self.commit_edit();
        self.finish_saves();
        self.keep_unsaved_at_exit();
        self.nothing_to_rescue();
    }
}

impl DeskApp {
    /// Looks for the page's picture when the page changes, reads it on a
    /// background thread, and uploads it when it is decoded.
    fn picture_step(&mut self, ctx: &egui::Context) {
        let page = self.doc.page_path.clone();
        if !self.picture.looked || self.picture.page != page {
            self.picture.looked = true;
            self.picture.page.clone_from(&page);
            self.picture.pending = None;
            self.state.picture_zoom = 1.0;
            // The picture the OCR file names first, as the proposal read it.
            let picture = page
                .as_deref()
                .and_then(|p| crate::picture::of_page(p, &self.page().raw));
            self.state.caches.picture = match picture {
                None => PictureView::None,
                Some(path) => {
                    let (tx, rx) = std::sync::mpsc::channel();
                    let ctx = ctx.clone();
                    let name = crate::io::file_name(&path);
                    std::thread::spawn(move || {
                        // The desk may have moved on; nobody listens then.
                        let _gone = tx.send(page_image::decode(&path));
                        ctx.request_repaint();
                    });
                    self.picture.pending = Some(rx);
                    // Its pane closed: said once a run, where nothing else
                    // is said.
                    if !self.state.show_picture
                        && !self.picture.seen
                        && self.picture.hint.is_none()
                        && self.state.message.is_none()
                    {
                        let show = Command::TogglePicture.shortcut_text();
                        let follow = Command::FollowPicture.shortcut_text();
                        let hint = if self.page().raw.geometry().is_some() {
                            self.state.lang.fill(
                                Msg::MsgPictureBesideLinked,
                                &[("name", &name), ("show", &show), ("follow", &follow)],
                            )
                        } else {
                            self.state
                                .lang
                                .fill(Msg::MsgPictureBeside, &[("name", &name), ("show", &show)])
                        };
                        self.state.message = Some(Message::info(hint.clone()));
                        self.picture.hint = Some(hint);
                    }
                    PictureView::Loading(name)
                }
            };
        }
        let Some(rx) = &self.picture.pending else {
            return;
        };
        match rx.try_recv() {
            Ok(Ok(img)) => {
                let name = match &self.state.caches.picture {
                    PictureView::Loading(name) => name.clone(),
                    _ => String::new(),
                };
                let texture = crate::ui::state::texture_of(ctx, "page-picture", &img);
                self.state.caches.picture = PictureView::Ready {
                    name,
                    size: texture.size(),
                    texture,
                    original: img.original,
                };
                self.picture.pending = None;
                // Shown at the selection.
                self.state.scroll_picture = true;
            }
            Ok(Err(e)) => {
                self.state.caches.picture = PictureView::Failed(e.to_string());
                self.picture.pending = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.state.caches.picture =
                    PictureView::Failed(self.state.lang.get(Msg::PictureStopped).to_owned());
                self.picture.pending = None;
            }
        }
    }

    /// One frame of the desk on the root `ui`: what [`eframe::App::ui`]
    /// does, callable without a window (benchmarks drive it through
    /// [`egui::Context::run_ui`]).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self
            .shutdown
            .as_ref()
            .is_some_and(|s| s.requested.load(std::sync::atomic::Ordering::SeqCst))
            && !self.allow_close
        {
            self.shut_down(&ctx);
        }
        self.picture_step(&ctx);
        self.export_step();
        self.retrain_step(&ctx);
        self.similar_step(&ctx);
        self.recent_step();
        let loading = self.loading_step(&ctx);
        if !loading {
            self.replay_script(&ctx);
            self.keys(&ctx);
        }
        self.files_and_close(&ctx);
        if let Some(q) = &mut self.queue
            && q.poll()
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if self.settle_frames > 0 {
            // Layout settles over the first frames; keep the start-up
            // selection in view until it has.
            self.settle_frames -= 1;
            self.state.scroll_raw = true;
            self.state
                .scroll_corrected
                .get_or_insert(Reveal::At(egui::Align::Center));
            ctx.request_repaint();
        }
        // The picture answers a scroll request when it is next drawn.
        self.state.scroll_picture |= self.state.scroll_raw;
        ui::draw(
            ui,
            &self.doc,
            self.queue.as_ref(),
            &mut self.state,
            &mut self.intents,
        );
        // The panels have answered this frame's scroll requests.
        self.state.scroll_corrected = None;
        self.state.scroll_raw = false;
        if loading {
            // The page on the desk is about to be replaced: no edits now.
            self.intents.clear();
        }
        self.handle_intents(&ctx);
        self.autosave_step(&ctx);
        self.publish_rescue();
        self.trace_state();
        self.screenshot_step(&ctx);
        self.frames += 1;
        if self.frames <= 8 && std::env::var_os("PROOFDESK_TRACE_STARTUP").is_some() {
            let ms = since_launch().map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0);
            eprintln!(
                "startup: frame {} drawn {ms:.0} ms after launch",
                self.frames
            );
        }
    }
}

/// Time since this process started, from `/proc` (Linux; 10 ms ticks).
fn since_launch() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Field 22 (starttime, in clock ticks since boot); fields counted
    // after the command name, which is in parentheses.
    let after = stat.rsplit_once(')')?.1;
    let start: f64 = after.split_whitespace().nth(19)?.parse().ok()?;
    let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
    let now: f64 = uptime.split_whitespace().next()?.parse().ok()?;
    // USER_HZ is 100 on Linux.
    std::time::Duration::try_from_secs_f64(now - start / 100.0).ok()
}

fn sample_document() -> Document {
    let page = page_from_bytes(SAMPLE_NAME, SAMPLE_PAGE.as_bytes()).unwrap_or_else(|_| {
        crate::propose_page(crate::page::RawText::new(
            SAMPLE_NAME,
            "",
            crate::decode::Encoding::Utf8,
            crate::decode::LineEnding::Lf,
        ))
    });
    Document {
        editor: Editor::new(page),
        page_path: None,
        fixture_path: fixture_path_for(Path::new(SAMPLE_NAME)),
        resumed: false,
        access: Access::Sample,
        on_disk: OnDisk::Unchecked,
        lock: None,
    }
}

fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let (Ok(w), Ok(h)) = (u32::try_from(w), u32::try_from(h)) else {
        return Err("screenshot too large".to_owned());
    };
    // Written from egui's pixels as they are: a copy of a full-window image
    // would be held at the desk's highest memory use.
    image::save_buffer(path, image.as_raw(), w, h, image::ColorType::Rgba8)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn clamp(page: &Page, at: BlockRef) -> Option<BlockRef> {
    let n = page.articles.len();
    if n == 0 {
        return None;
    }
    let article = at.article.min(n - 1);
    let len = page.articles[article].blocks.len();
    Some(BlockRef::new(article, at.block.min(len.saturating_sub(1))))
}

/// Every block in reading order.
#[must_use]
pub fn all_blocks(page: &Page) -> Vec<BlockRef> {
    page.articles
        .iter()
        .enumerate()
        .flat_map(|(a, art)| (0..art.blocks.len()).map(move |b| BlockRef::new(a, b)))
        .collect()
}

/// What Ctrl+C (or, `raw`, Ctrl+Shift+C) copies of block `at`: its
/// corrected text, or the raw text of its spans as extracted, one span a
/// line.
#[must_use]
pub fn copy_text_of(page: &Page, at: BlockRef, raw: bool) -> Option<String> {
    let b = block(page, at)?;
    Some(if raw {
        let chars = page.raw.chars();
        b.spans
            .iter()
            .filter_map(|s| chars.get(s.start, s.end))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        b.text.clone()
    })
}

/// The article kind after `kind` in [`ArticleKind::ALL`] (before it when
/// not `forward`), wrapping.
fn step_kind(kind: ArticleKind, forward: bool) -> ArticleKind {
    let all = ArticleKind::ALL;
    let i = all.iter().position(|k| *k == kind).unwrap_or(0);
    let step = if forward { 1 } else { all.len() - 1 };
    all[(i + step) % all.len()]
}

/// Seconds since the Unix epoch.
fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Switches between the light and the dark look.
fn toggle_theme(ctx: &egui::Context) {
    ctx.set_theme(match ctx.theme() {
        egui::Theme::Dark => egui::ThemePreference::Light,
        egui::Theme::Light => egui::ThemePreference::Dark,
    });
}
