//! The desk: an [`eframe::App`] that shows one page and turns what the user
//! does into [`Intent`]s.
//!
//! The panels only read the model and push intents; after all panels are
//! drawn, [`DeskApp`] applies them (to the [`Editor`] for model changes, to
//! its own [`UiState`] for selection and view). The same path is taken for
//! keys, menus, clicks and drops, and tests drive it through the real UI.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use eframe::egui::{self, Event, ViewportCommand};

use crate::command::Command;
use crate::edit::{Action, BlockRef, Editor};
use crate::io::{fixture_path_for, page_from_bytes, read_fixture, read_page, write_fixture};
use crate::page::{ArticleKind, Page, Role, Status};
use crate::ui;

/// The bundled sample page, opened when no page is given.
pub const SAMPLE_PAGE: &str = include_str!("../tests/data/seed_page.txt");
/// The file name of the bundled sample page.
pub const SAMPLE_NAME: &str = "seed_page.txt";

/// Something the user asked for, collected while the panels are drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    /// A command (key, menu or button).
    Run(Command),
    /// A model change.
    Apply(Action),
    /// Select a block.
    Select(BlockRef),
    /// Select a block and show the raw character behind char `char_index`
    /// of its text.
    SelectChar(BlockRef, usize),
    /// Select the block fed by a raw offset (a click in the raw pane).
    SelectRaw(usize),
    /// Jump to an article (outline).
    JumpToArticle(usize),
    /// Start editing a block's text.
    StartEdit(BlockRef),
    /// Open a page file (asks first when there are unsaved changes).
    Open(PathBuf),
    /// Answer of the unsaved-changes dialog.
    Confirm(Choice),
    /// Dismiss the message in the status bar.
    DismissMessage,
}

/// Answers to "unsaved changes".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Save a draft, then go on.
    Save,
    /// Throw the changes away and go on.
    Discard,
    /// Stay.
    Cancel,
}

/// What waits for the unsaved-changes dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Closing the window.
    Close,
    /// Opening another page.
    Open(PathBuf),
}

/// What is dragged in the corrected pane and the outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DragItem {
    /// A block.
    Block(BlockRef),
    /// A whole article.
    Article(usize),
}

/// How to scroll a pane to the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reveal {
    /// Only as far as needed to show it.
    Minimal,
    /// Put it at this place in the view.
    At(egui::Align),
}

impl Reveal {
    /// The alignment for `scroll_to_rect`.
    #[must_use]
    pub fn align(self) -> Option<egui::Align> {
        match self {
            Self::Minimal => None,
            Self::At(a) => Some(a),
        }
    }
}

/// The text of a block being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditState {
    /// The block.
    pub at: BlockRef,
    /// The text as typed so far.
    pub text: String,
    /// The cursor, in chars, as of the last frame.
    pub cursor: usize,
    /// Whether the text field still has to take the keyboard focus.
    pub focus: bool,
}

/// A message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// View state: everything that is not the page.
#[derive(Default)]
pub struct UiState {
    /// The selected block.
    pub selected: Option<BlockRef>,
    /// The raw offset behind the last clicked corrected character.
    pub focus_raw: Option<usize>,
    /// The block being edited, if any.
    pub editing: Option<EditState>,
    /// Show spaces and line ends in the raw pane.
    pub show_whitespace: bool,
    /// Show the shortcut sheet.
    pub show_shortcuts: bool,
    /// Scroll the raw pane to the selection on the next frame.
    pub scroll_raw: bool,
    /// The raw lines shown in the last frame.
    pub raw_visible: std::ops::Range<usize>,
    /// Scroll the corrected pane to the selection on the next frame.
    pub scroll_corrected: Option<Reveal>,
    /// The unsaved-changes dialog, if open.
    pub confirm: Option<Pending>,
    /// The last message.
    pub message: Option<Message>,
    /// Which characters the fonts can draw.
    pub glyphs: ui::style::Glyphs,
    /// Scroll the corrected pane to this block (without selecting it) on
    /// the next frame.
    pub reveal: Option<BlockRef>,
    /// Layouts and text derived from the page, kept between frames.
    pub caches: ui::Caches,
}

/// The page on the desk and where it lives.
pub struct Document {
    /// The page with its undo history.
    pub editor: Editor,
    /// The page file; `None` for the bundled sample.
    pub page_path: Option<PathBuf>,
    /// Where drafts and the done fixture are written.
    pub fixture_path: PathBuf,
    /// Whether a saved draft was resumed.
    pub resumed: bool,
}

/// `--screenshot`: render a few frames, save a PNG, quit.
struct ScreenshotTask {
    path: PathBuf,
    frames: u32,
    requested: bool,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    result: ScreenshotResult,
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
}

/// The correction desk.
pub struct DeskApp {
    doc: Document,
    /// View state, separate from the model.
    pub state: UiState,
    intents: Vec<Intent>,
    allow_close: bool,
    screenshot: Option<ScreenshotTask>,
    /// Frames left in which the start-up selection is scrolled into view.
    settle_frames: u8,
    /// Frames drawn so far (for `PROOFDESK_TRACE_STARTUP`).
    frames: u32,
}

impl DeskApp {
    /// Creates the desk: installs the fonts, opens the start page.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        Self::with_context(&cc.egui_ctx, options)
    }

    /// Creates the desk on a context (tests, or before the window exists).
    #[must_use]
    pub fn with_context(ctx: &egui::Context, options: StartOptions) -> Self {
        ui::style::install(ctx);
        let mut app = Self {
            doc: sample_document(),
            state: UiState::default(),
            intents: Vec::new(),
            allow_close: false,
            screenshot: None,
            settle_frames: 3,
            frames: 0,
        };
        if let Some(path) = options.page {
            app.open_page(&path);
        }
        app.state.selected = Some(options.select.unwrap_or(BlockRef::new(0, 0)));
        app.state.scroll_raw = true;
        app.state.scroll_corrected = Some(Reveal::At(egui::Align::Center));
        if options.edit
            && let Some(at) = app.state.selected
        {
            app.start_edit(at);
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

    /// Opens a page file: **every** open (dialog, drop, command line, tests)
    /// goes through here. With unsaved changes it asks first.
    pub fn open_page(&mut self, path: &Path) {
        if self.is_dirty() {
            self.state.confirm = Some(Pending::Open(path.to_owned()));
            return;
        }
        match load_document(path) {
            Ok((doc, note)) => {
                self.doc = doc;
                self.state.selected = Some(BlockRef::new(0, 0));
                self.state.editing = None;
                self.state.focus_raw = None;
                self.state.scroll_raw = true;
                self.state.scroll_corrected = Some(Reveal::At(egui::Align::TOP));
                self.state.message = note;
            }
            Err(text) => self.state.message = Some(Message { text, error: true }),
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
            Intent::SelectRaw(offset) => {
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

    fn select_char(&mut self, at: BlockRef, char_index: usize) {
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
    fn apply(&mut self, action: Action) {
        let anchor = self.anchor();
        let old = self.state.selected;
        match self.doc.editor.apply(action) {
            Ok(()) => self.state.message = None,
            Err(e) => {
                self.state.message = Some(Message {
                    text: e.to_string(),
                    error: true,
                });
            }
        }
        self.reselect(anchor, old);
    }

    fn reselect(&mut self, anchor: Option<usize>, old: Option<BlockRef>) {
        let found = anchor.and_then(|a| self.doc.editor.locate(a));
        self.state.selected = found.or_else(|| old.and_then(|o| clamp(self.page(), o)));
        self.state.scroll_raw = true;
        self.state.scroll_corrected = Some(Reveal::Minimal);
    }

    fn start_edit(&mut self, at: BlockRef) {
        if let Some(b) = block(self.page(), at) {
            self.state.editing = Some(EditState {
                at,
                text: b.text.clone(),
                cursor: b.text.chars().count(),
                focus: true,
            });
        }
    }

    /// Keeps the typed text (an undoable action) and stops editing.
    fn commit_edit(&mut self) {
        if let Some(e) = self.state.editing.take()
            && block(self.page(), e.at).is_some_and(|b| b.text != e.text)
        {
            self.apply(Action::EditText {
                at: e.at,
                text: e.text,
            });
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NextBlock => self.step_block(true),
            Command::PrevBlock => self.step_block(false),
            Command::NextArticle => self.step_article(true),
            Command::PrevArticle => self.step_article(false),
            Command::SetRole(role) => self.on_selected(|at, _| Action::SetRole { at, role }),
            Command::CycleArticleKind => self.on_selected(|at, page| {
                let kind = page
                    .articles
                    .get(at.article)
                    .map_or(ArticleKind::Article, |a| next_kind(a.kind));
                Action::SetArticleKind {
                    article: at.article,
                    kind,
                }
            }),
            Command::MoveBlockUp | Command::MoveBlockDown => {
                let down = command == Command::MoveBlockDown;
                if let Some(action) = self
                    .state
                    .selected
                    .and_then(|at| move_block_action(self.page(), at, down))
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
            Command::EditText => {
                if let Some(at) = self.state.selected {
                    self.start_edit(at);
                }
            }
            Command::SplitBlockAtCursor => self.split_at_cursor(),
            Command::FinishEdit => self.commit_edit(),
            Command::CancelEdit => self.state.editing = None,
            Command::Undo | Command::Redo => self.undo_redo(command == Command::Redo),
            Command::SaveDraft => self.save(Status::Draft),
            Command::MarkDone => self.save(Status::Done),
            Command::Open => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("Open a page")
                    .add_filter("Page text", &["txt"])
                    .add_filter("All files", &["*"])
                    .pick_file()
                {
                    self.open_page(&path);
                }
            }
            Command::ToggleWhitespace => self.state.show_whitespace = !self.state.show_whitespace,
            Command::ShortcutSheet => self.state.show_shortcuts = !self.state.show_shortcuts,
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
        let done = if redo {
            self.doc.editor.redo()
        } else {
            self.doc.editor.undo()
        };
        if !done {
            self.state.message = Some(Message {
                text: format!("nothing to {}", if redo { "redo" } else { "undo" }),
                error: false,
            });
        }
        self.reselect(anchor, old);
    }

    /// Saves the fixture with `status` (`draft` or `done`).
    pub fn save(&mut self, status: Status) {
        self.commit_edit();
        if self.page().status != status
            && let Err(e) = self.doc.editor.apply(Action::SetStatus(status))
        {
            self.state.message = Some(Message {
                text: e.to_string(),
                error: true,
            });
            return;
        }
        match write_fixture(self.doc.editor.page(), &self.doc.fixture_path) {
            Ok(()) => {
                self.doc.editor.mark_saved();
                self.state.message = Some(Message {
                    text: format!(
                        "saved {} ({})",
                        self.doc.fixture_path.display(),
                        status.name()
                    ),
                    error: false,
                });
            }
            Err(e) => {
                self.state.message = Some(Message {
                    text: e.to_string(),
                    error: true,
                });
            }
        }
    }

    fn confirm(&mut self, ctx: &egui::Context, choice: Choice) {
        let Some(pending) = self.state.confirm.take() else {
            return;
        };
        match choice {
            Choice::Cancel => return,
            Choice::Save => {
                self.save(Status::Draft);
                if self.is_dirty() {
                    return; // saving failed; the message says why
                }
            }
            Choice::Discard => self.doc.editor = Editor::new(self.page().clone()),
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
        if self.state.confirm.is_some() {
            return;
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

    fn files_and_close(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped.iter().map(|f| f.path().to_owned()).next() {
            self.intents.push(Intent::Open(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.state.confirm = Some(Pending::Close);
        }
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(task) = &mut self.screenshot else {
            return;
        };
        task.frames += 1;
        ctx.request_repaint();
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
}

impl DeskApp {
    /// One frame of the desk on the root `ui`: what [`eframe::App::ui`]
    /// does, callable without a window (benchmarks drive it through
    /// [`egui::Context::run_ui`]).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.keys(&ctx);
        self.files_and_close(&ctx);
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
        ui::draw(ui, &self.doc, &mut self.state, &mut self.intents);
        self.handle_intents(&ctx);
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
    }
}

/// Reads a page and resumes its draft when one lies beside it.
fn load_document(path: &Path) -> Result<(Document, Option<Message>), String> {
    let page = read_page(path).map_err(|e| e.to_string())?;
    let fixture_path = fixture_path_for(path);
    let mut note = None;
    let mut resumed = false;
    let page = if fixture_path.exists() {
        match read_fixture(&fixture_path) {
            Ok(f) if f.source.sha256 == page.raw.sha256() => {
                resumed = true;
                note = Some(Message {
                    text: format!("resumed {} ({})", fixture_path.display(), f.status.name()),
                    error: false,
                });
                f.into_page()
            }
            Ok(_) => {
                note = Some(Message {
                    text: format!(
                        "{} is for a different text; starting from the proposal (saving replaces it)",
                        fixture_path.display()
                    ),
                    error: true,
                });
                page
            }
            Err(e) => {
                note = Some(Message {
                    text: format!("{e}; starting from the proposal"),
                    error: true,
                });
                page
            }
        }
    } else {
        page
    };
    Ok((
        Document {
            editor: Editor::new(page),
            page_path: Some(path.to_owned()),
            fixture_path,
            resumed,
        },
        note,
    ))
}

fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let (Ok(w), Ok(h)) = (u32::try_from(w), u32::try_from(h)) else {
        return Err("screenshot too large".to_owned());
    };
    let buffer = image::RgbaImage::from_raw(w, h, image.as_raw().to_vec())
        .ok_or_else(|| "screenshot has the wrong size".to_owned())?;
    buffer
        .save(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The block at `at`, if there is one.
#[must_use]
pub fn block(page: &Page, at: BlockRef) -> Option<&crate::page::Block> {
    page.articles.get(at.article)?.blocks.get(at.block)
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

fn next_kind(kind: ArticleKind) -> ArticleKind {
    let all = ArticleKind::ALL;
    let i = all.iter().position(|k| *k == kind).unwrap_or(0);
    all[(i + 1) % all.len()]
}

/// Where a block with `role` goes when it is dropped on an article: a title
/// joins the headline stack in kicker, headline, subheadline order; anything
/// else goes to the end.
#[must_use]
pub fn insertion_index(page: &Page, article: usize, role: Role, skip: Option<usize>) -> usize {
    let Some(a) = page.articles.get(article) else {
        return 0;
    };
    let rank = |r: Role| match r {
        Role::Kicker => 0,
        Role::Headline => 1,
        _ => 2,
    };
    let blocks: Vec<&crate::page::Block> = a
        .blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(_, b)| b)
        .collect();
    if !role.is_title() {
        return blocks.len();
    }
    blocks
        .iter()
        .take_while(|b| b.role.is_title() && rank(b.role) <= rank(role))
        .count()
}

/// The keyboard move of a block one step up or down; at the edge of its
/// article it goes into the neighbour article (a title to its headline
/// stack, anything else to the near end).
#[must_use]
pub fn move_block_action(page: &Page, at: BlockRef, down: bool) -> Option<Action> {
    let a = page.articles.get(at.article)?;
    let b = a.blocks.get(at.block)?;
    let last = a.blocks.len().saturating_sub(1);
    let to = match (down, at.block) {
        (false, 0) => {
            let prev = at.article.checked_sub(1)?;
            let len = page.articles.get(prev)?.blocks.len();
            let index = if b.role.is_title() {
                insertion_index(page, prev, b.role, None)
            } else {
                len
            };
            BlockRef::new(prev, index)
        }
        (false, i) => BlockRef::new(at.article, i - 1),
        (true, i) if i == last => {
            let next = at.article + 1;
            page.articles.get(next)?;
            let index = if b.role.is_title() {
                insertion_index(page, next, b.role, None)
            } else {
                0
            };
            BlockRef::new(next, index)
        }
        (true, i) => BlockRef::new(at.article, i + 1),
    };
    Some(Action::MoveBlock { from: at, to })
}

/// The `MoveBlock` of a drop: `from` dropped into article `article` before
/// (visual) block `before` (`None`: where its role belongs).
#[must_use]
pub fn drop_action(
    page: &Page,
    from: BlockRef,
    article: usize,
    before: Option<usize>,
) -> Option<Action> {
    let role = block(page, from)?.role;
    let same = from.article == article;
    let index = match before {
        Some(b) if same && b > from.block => b - 1,
        Some(b) => b,
        None => insertion_index(page, article, role, same.then_some(from.block)),
    };
    if same && index == from.block {
        return None;
    }
    Some(Action::MoveBlock {
        from,
        to: BlockRef::new(article, index),
    })
}
