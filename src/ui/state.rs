//! The desk's state as the panels see it: the page on the desk
//! ([`Document`]), the view ([`UiState`]), and what the panels ask for
//! ([`Intent`]).
//!
//! The panels read these and push intents; [`crate::app::DeskApp`] owns
//! them and applies the intents after every panel is drawn. They live with
//! the panels so that the panels never import the app.

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::command::Command;
use crate::doubt::DoubtWalk;
use crate::edit::{Action, BlockRef, Editor};
use crate::i18n::Lang;
use crate::lock::PageLock;
use crate::page::Page;
use crate::saver::OnDisk;

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
    Confirm(UnsavedChoice),
    /// Dismiss the message in the status bar.
    DismissMessage,
    /// Open page `i` of the queue.
    OpenQueueEntry(usize),
    /// Answer of the stale-draft dialog.
    Stale(StaleChoice),
    /// Turn autosave on or off.
    SetAutosave(bool),
    /// Show or hide the queue panel.
    ShowQueue(bool),
    /// Answer of the conflict dialog.
    Conflict(ConflictChoice),
    /// Open the bundled sample page.
    OpenSample,
    /// Answer of the path prompt: open or save as this path (`None`: cancel).
    PromptDone(Option<PathBuf>),
    /// Try the desktop's own file dialog for the open prompt.
    Browse,
    /// Answer of "mark done with doubts open?".
    ConfirmDone(DoneChoice),
    /// The find bar's text changed.
    FindQuery(String),
    /// Close the find bar.
    FindClose,
    /// The "go to" field's text changed.
    GoToText(String),
    /// Go where the "go to" field says.
    GoToSubmit,
    /// Close the "go to" bar.
    GoToClose,
    /// Show the desk in this language (View menu), and remember it.
    SetLang(Lang),
    /// Walk these doubts in this order (Review menu), and remember it.
    SetDoubtWalk(DoubtWalk),
    /// Zoom the page picture.
    ZoomPicture(PictureZoom),
    /// An answer to the "correct all similar" offer.
    Similar(SimilarChoice),
    /// Shift+click on char `usize` of a block: the corrected text from the
    /// last plain click to here is selected.
    ExtendSelection(BlockRef, usize),
    /// Shift+click on a raw char: the raw text from the last plain click
    /// to here is selected.
    ExtendRawSelection(usize),
}

/// Text selected by a click and a Shift+click, both chars included, in
/// either order: in the corrected text or in the raw text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextSelection {
    /// From char `.1` of block `.0` to another, in reading order.
    Corrected {
        /// Where the plain click was.
        anchor: (BlockRef, usize),
        /// Where the Shift+click was.
        end: (BlockRef, usize),
    },
    /// Raw offsets.
    Raw {
        /// Where the plain click was.
        anchor: usize,
        /// Where the Shift+click was.
        end: usize,
    },
}

impl TextSelection {
    /// Nothing but char `i` of block `at` (a plain click).
    #[must_use]
    pub fn at_char(at: BlockRef, i: usize) -> Self {
        Self::Corrected {
            anchor: (at, i),
            end: (at, i),
        }
    }

    /// Nothing but raw char `offset` (a plain click).
    #[must_use]
    pub fn at_raw(offset: usize) -> Self {
        Self::Raw {
            anchor: offset,
            end: offset,
        }
    }

    /// `from` extended by a Shift+click at `to` (an empty selection at the
    /// click): from `from`'s anchor when it lies in the same pane, else
    /// `to` alone.
    #[must_use]
    pub fn extend(from: Option<Self>, to: Self) -> Self {
        match (from, to) {
            (Some(Self::Corrected { anchor, .. }), Self::Corrected { end, .. }) => {
                Self::Corrected { anchor, end }
            }
            (Some(Self::Raw { anchor, .. }), Self::Raw { end, .. }) => Self::Raw { anchor, end },
            (_, to) => to,
        }
    }

    /// Whether more than the clicked char is selected.
    #[must_use]
    pub fn is_range(self) -> bool {
        match self {
            Self::Corrected { anchor, end } => anchor != end,
            Self::Raw { anchor, end } => anchor != end,
        }
    }

    /// The selected raw offsets, `start..end`.
    #[must_use]
    pub fn raw_range(self) -> Option<std::ops::Range<usize>> {
        match self {
            Self::Raw { anchor, end } => Some(anchor.min(end)..anchor.max(end) + 1),
            Self::Corrected { .. } => None,
        }
    }

    /// The selected chars of block `at` (`len` chars long).
    #[must_use]
    pub fn chars_of(self, at: BlockRef, len: usize) -> Option<std::ops::Range<usize>> {
        let Self::Corrected { anchor, end } = self else {
            return None;
        };
        let (first, last) = (anchor.min(end), anchor.max(end));
        if at < first.0 || at > last.0 {
            return None;
        }
        let start = if at == first.0 { first.1 } else { 0 };
        let stop = if at == last.0 { last.1 + 1 } else { len };
        let range = start.min(len)..stop.min(len);
        (!range.is_empty()).then_some(range)
    }

    /// The selected text: corrected text with a line break between blocks,
    /// or the raw text as extracted.
    #[must_use]
    pub fn text(self, page: &Page) -> String {
        if let Some(range) = self.raw_range() {
            let chars = page.raw.chars();
            let end = range.end.min(chars.len());
            return chars
                .get(range.start.min(end), end)
                .map(str::to_owned)
                .unwrap_or_default();
        }
        let mut parts = Vec::new();
        for (ai, a) in page.articles.iter().enumerate() {
            for (bi, b) in a.blocks.iter().enumerate() {
                let at = BlockRef::new(ai, bi);
                let len = b.text.chars().count();
                if let Some(r) = self.chars_of(at, len) {
                    parts.push(
                        b.text
                            .chars()
                            .skip(r.start)
                            .take(r.len())
                            .collect::<String>(),
                    );
                }
            }
        }
        parts.join("\n")
    }
}

/// A step of the page picture's zoom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureZoom {
    /// Fit the pane's width.
    Fit,
    /// Multiply the zoom by this many thousandths.
    Times(u32),
}

/// The find bar: what is sought, and where it was found.
#[derive(Debug, Default)]
pub struct FindBar {
    /// The text sought.
    pub query: String,
    /// Where it is in the corrected text, in reading order.
    pub hits: Vec<crate::find::Hit>,
    /// How often it is in the raw text.
    pub raw_hits: usize,
    /// The hit shown, if any.
    pub current: Option<usize>,
    /// The query and page state the hits were found for.
    pub(crate) searched: Option<(String, u64)>,
    /// Give the field the keyboard focus on the next frame.
    pub focus: bool,
}

/// The "go to" bar: an article number or a raw line.
#[derive(Debug, Default)]
pub struct GoToBar {
    /// What was typed.
    pub text: String,
    /// Give the field the keyboard focus on the next frame.
    pub focus: bool,
    /// Why the last try went nowhere.
    pub error: Option<String>,
}

/// The "go to" field's id.
#[must_use]
pub fn go_to_field_id() -> egui::Id {
    egui::Id::unique("proofdesk-go-to")
}

/// The find field's id: while it has the focus, keys type into it.
#[must_use]
pub fn find_field_id() -> egui::Id {
    egui::Id::unique("proofdesk-find")
}

/// "Correct all similar": the same correction offered at the page's other
/// places, each to be taken or left.
#[derive(Clone, Debug, PartialEq)]
pub struct SimilarOffer {
    /// The correction just made.
    pub correction: crate::concordance::Correction,
    /// The other places its `from` stands on this page.
    pub here: Places,
    /// Where each place stands on the page image, as a part of the image
    /// (0 to 1 across and down), on a page with boxes.
    pub crops: Vec<Option<[f32; 4]>>,
    /// The open folder's other pages where `from` stands.
    pub folder: FolderOffer,
    /// The page's version (`Editor::version`) the places were found in:
    /// an edit made with the offer open moves them, and they are found
    /// again.
    pub version: u64,
    /// The page's version right after the correction the offer came
    /// from: a page older than it (that correction undone) ends the offer.
    pub origin: u64,
}

/// The open folder's other pages in the "correct all similar" offer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FolderOffer {
    /// No folder is open, or no other page of it has the word.
    #[default]
    Nothing,
    /// The folder's other pages are being read.
    Looking,
    /// The other pages where the word stands, each place with its
    /// context, and whether they are to be corrected too (at first they
    /// are).
    Found {
        /// The pages, in the folder's order.
        pages: Vec<FolderPage>,
        /// Whether "Correct" corrects them too (their checked places).
        take: bool,
    },
}

/// One other page of the folder in the offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderPage {
    /// The page file.
    pub page: std::path::PathBuf,
    /// The places of the word on it, as the page stands on disk.
    pub places: Places,
    /// Each place's part of the page's picture, where the page has boxes
    /// and a picture beside it.
    pub crops: Vec<Option<PlaceCrop>>,
    /// What its fixture path held when it was searched: the places are
    /// corrected only on the page as it stood then.
    pub on_disk: crate::saver::OnDisk,
}

/// A place's part of a page picture that is not on the desk, loaded for
/// the painter (`crate::page_image::crops` cuts it).
#[derive(Clone, PartialEq, Eq)]
pub struct PlaceCrop(pub egui::TextureHandle);

impl PlaceCrop {
    /// Loads `image` for the painter.
    pub fn load(ctx: &egui::Context, image: &crate::page_image::PageImage) -> Self {
        Self(texture_of(ctx, "proofdesk-place", image))
    }
}

/// A decoded picture (a page's, or a part of one) loaded for the painter.
pub fn texture_of(
    ctx: &egui::Context,
    name: &str,
    image: &crate::page_image::PageImage,
) -> egui::TextureHandle {
    let size = [image.width as usize, image.height as usize];
    ctx.load_texture(
        name,
        egui::ColorImage::from_rgba_unmultiplied(size, &image.rgba),
        egui::TextureOptions::LINEAR,
    )
}

impl std::fmt::Debug for PlaceCrop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [w, h] = self.0.size();
        write!(f, "PlaceCrop({w}×{h})")
    }
}

/// Places of a corrected word on one page, each to be taken or left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Places {
    /// Each place, in reading order.
    pub places: Vec<crate::concordance::Occurrence>,
    /// Which places are checked (all at first).
    pub checked: Vec<bool>,
}

impl Places {
    /// `places`, every one checked.
    #[must_use]
    pub fn all_checked(places: Vec<crate::concordance::Occurrence>) -> Self {
        Self {
            checked: vec![true; places.len()],
            places,
        }
    }

    /// `places`, those where `correction` likely holds checked
    /// ([`crate::concordance::Correction::likely_at`]).
    #[must_use]
    pub fn checked_where_likely(
        places: Vec<crate::concordance::Occurrence>,
        correction: &crate::concordance::Correction,
    ) -> Self {
        Self {
            checked: places.iter().map(|o| correction.likely_at(o)).collect(),
            places,
        }
    }

    /// `places` found again after an edit: each checked as the place it
    /// was before (the same context, taken in order), a new one as
    /// [`Self::checked_where_likely`] would check it.
    #[must_use]
    pub fn found_again(
        &self,
        places: Vec<crate::concordance::Occurrence>,
        correction: &crate::concordance::Correction,
    ) -> Self {
        let mut left: Vec<(&crate::concordance::Occurrence, bool)> = self
            .places
            .iter()
            .zip(self.checked.iter().copied())
            .collect();
        let checked = places
            .iter()
            .map(|p| {
                left.iter()
                    .position(|(o, _)| o.before == p.before && o.after == p.after)
                    .map_or_else(|| correction.likely_at(p), |k| left.remove(k).1)
            })
            .collect();
        Self { places, checked }
    }

    /// Checks or unchecks place `i`.
    pub fn toggle(&mut self, i: usize) {
        if let Some(c) = self.checked.get_mut(i) {
            *c = !*c;
        }
    }

    /// How many places are checked.
    #[must_use]
    pub fn checked_count(&self) -> usize {
        self.checked.iter().filter(|&&c| c).count()
    }

    /// The places taken (block, char index): every one with `all`, else
    /// the checked ones.
    #[must_use]
    pub fn taken(&self, all: bool) -> Vec<(crate::edit::BlockRef, usize)> {
        self.places
            .iter()
            .zip(&self.checked)
            .filter(|(_, c)| all || **c)
            .map(|(o, _)| (o.at, o.char_index))
            .collect()
    }
}

impl SimilarOffer {
    /// Whether there is anything to offer yet: places on this page, or
    /// other pages of the folder found with the word.
    #[must_use]
    pub fn has_places(&self) -> bool {
        !self.here.places.is_empty()
            || matches!(&self.folder, FolderOffer::Found { pages, .. } if !pages.is_empty())
    }

    /// How many places "correct the checked" corrects: this page's checked
    /// ones and, where the folder's other pages are taken, theirs.
    #[must_use]
    pub fn checked_count(&self) -> usize {
        let in_folder = match &self.folder {
            FolderOffer::Found { take: true, pages } => {
                pages.iter().map(|p| p.places.checked_count()).sum()
            }
            _ => 0,
        };
        self.here.checked_count() + in_folder
    }
}

/// Answers to the "correct all similar" offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimilarChoice {
    /// Check or uncheck place `i`.
    Toggle(usize),
    /// Take or leave the folder's other pages.
    ToggleFolder,
    /// Check or uncheck place `.1` of the folder's other page `.0`.
    ToggleFolderPlace(usize, usize),
    /// Correct the checked places (one undoable step).
    Checked,
    /// Correct every place (one undoable step).
    All,
    /// Leave them all.
    Skip,
}

/// Answers to "mark the page done while doubts are open?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoneChoice {
    /// Mark it done anyway.
    MarkDone,
    /// Go to the next open doubt instead.
    Review,
    /// Do nothing.
    Cancel,
}

/// Answers to "the fixture on disk was changed by someone else".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Write this desk's version over it (theirs becomes the `.bak`).
    KeepMine,
    /// Drop this desk's changes (they stay in the `.conflict-` file) and
    /// open the fixture on disk.
    OpenTheirs,
}

/// A write that found the fixture changed by someone else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The fixture.
    pub path: PathBuf,
    /// Where this desk's version was kept.
    pub kept_as: PathBuf,
}

/// What the in-app path prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptPurpose {
    /// Open a page file or a folder.
    Open,
    /// Save the fixture to another place.
    SaveAs,
}

/// The in-app path prompt (used when no native file dialog can open, and
/// always reachable from the keyboard).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPrompt {
    /// Open or save.
    pub purpose: PromptPurpose,
    /// The path as typed.
    pub text: String,
    /// Why the native dialog is not shown, if it failed.
    pub note: Option<String>,
    /// The entries of the folder of `text` (name, is a folder), read once
    /// per folder.
    pub listing: Option<(PathBuf, Vec<(String, bool)>)>,
}

impl PathPrompt {
    /// The folder the typed path is in (or is).
    #[must_use]
    pub fn folder(&self) -> PathBuf {
        let p = Path::new(&self.text);
        if self.text.ends_with('/') || p.is_dir() {
            p.to_owned()
        } else {
            p.parent().map(Path::to_owned).unwrap_or_default()
        }
    }

    /// Reads the folder's entries when the folder changed: folders, and
    /// page files (for opening) or fixtures (for saving).
    pub fn refresh_listing(&mut self) {
        let dir = self.folder();
        if self.listing.as_ref().is_some_and(|(d, _)| *d == dir) {
            return;
        }
        let mut entries: Vec<(String, bool)> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        let is_dir = e.path().is_dir();
                        let shown = !name.starts_with('.')
                            && (is_dir
                                || match self.purpose {
                                    PromptPurpose::Open => crate::queue::is_page_file(&name),
                                    PromptPurpose::SaveAs => name.ends_with(".proofdesk.json"),
                                });
                        shown.then_some((name, is_dir))
                    })
                    .take(2000)
                    .collect()
            })
            .unwrap_or_default();
        entries.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| crate::queue::natural_cmp(&a.0, &b.0))
        });
        self.listing = Some((dir, entries));
    }
}

/// Answers to "the draft beside this page is for another text (or damaged)".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaleChoice {
    /// Open the page from its proposal; the old draft is renamed aside.
    OpenFresh,
    /// Open the draft with its own raw text, for reading (saves only by
    /// "Save as…").
    OpenDraftText,
    /// Keep what is on the desk.
    Cancel,
}

/// A page whose fixture does not fit it, waiting for the editor's choice.
#[derive(Debug)]
pub struct StaleDraft {
    /// The page file.
    pub page_path: PathBuf,
    /// The fixture beside it.
    pub fixture_path: PathBuf,
    /// The page as read now, with its automatic proposal.
    pub fresh: Box<Page>,
    /// The draft with the raw text it was made for; `None` when the
    /// fixture cannot be read at all.
    pub draft: Option<Box<Page>>,
    /// What is wrong, for the dialog.
    pub reason: String,
    /// The page's lock, where this desk took it: held while the editor
    /// decides, so that no other desk writes the fixture meanwhile, and
    /// carried into the page opened fresh.
    pub lock: Option<crate::lock::PageLock>,
}

/// Answers to "unsaved changes".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
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
    /// Where the selection starts when the field takes the focus (chars;
    /// the cursor for none): a misread word is selected, so typing
    /// replaces it.
    pub anchor: usize,
    /// Whether the text field still has to take the keyboard focus.
    pub focus: bool,
}

/// A message for the user, in the interface language it was made in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
    /// Whether it reports work that could not be written where it
    /// belongs: the status bar then offers "Save as…" beside it.
    pub save_as: bool,
    /// Whether it is a hint for the text being edited, gone when the
    /// editing ends.
    pub while_editing: bool,
}

impl Message {
    /// A message that reports progress or a result.
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            error: false,
            save_as: false,
            while_editing: false,
        }
    }

    /// A message that reports a failure.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            error: true,
            save_as: false,
            while_editing: false,
        }
    }

    /// A message that reports work not written where it belongs (the
    /// save failed or was refused): "Save as…" is offered beside it.
    pub fn unsaved(text: impl Into<String>) -> Self {
        Self {
            save_as: true,
            ..Self::error(text)
        }
    }

    /// A hint for the text being edited: it goes when the editing ends.
    pub fn editing_hint(text: impl Into<String>) -> Self {
        Self {
            while_editing: true,
            ..Self::info(text)
        }
    }
}

/// View state: everything that is not the page.
#[derive(Default)]
pub struct UiState {
    /// The interface language: every panel and message takes its words
    /// from the string table in it.
    pub lang: Lang,
    /// The panes' layout: the window width they were laid out for, and
    /// which layout it is (see [`UiState::panes_for`]).
    pub panes: (f32, u32),
    /// The pages the line model refining the proposals was trained on
    /// (`None`: the rules alone propose).
    pub model_pages: Option<usize>,
    /// Whether the editor turned the line model off (then the rules alone
    /// propose the pages opened).
    pub model_off: bool,
    /// The queue folder's model is being trained again.
    pub model_learning: bool,
    /// Text selected by a click and a Shift+click, for Ctrl+C.
    pub text_selection: Option<TextSelection>,
    /// Which open doubts N and Shift+N walk through, in what order.
    pub doubt_walk: DoubtWalk,
    /// The selected block.
    pub selected: Option<BlockRef>,
    /// The raw offset behind the last clicked corrected character.
    pub focus_raw: Option<usize>,
    /// The block being edited, if any.
    pub editing: Option<EditState>,
    /// Show spaces and line ends in the raw pane.
    pub show_whitespace: bool,
    /// Show the page picture pane.
    pub show_picture: bool,
    /// The find bar, when open.
    pub find: Option<FindBar>,
    /// Pages and folders opened lately, the latest first (File → Open
    /// recent).
    pub recent: Vec<PathBuf>,
    /// The "go to" bar (Ctrl+G), when open: what was typed, whether to
    /// focus it, and why the last try failed.
    pub go_to: Option<GoToBar>,
    /// The picture's zoom relative to the pane's width (0: not set, fit).
    /// While the picture follows the selection, the pane sets it to the
    /// selected block's zoom each frame.
    pub picture_zoom: f32,
    /// The picture is zoomed to the selected block and scrolled to it as
    /// the selection moves (Z).
    pub picture_follow: bool,
    /// Scroll the page picture to the selection when it is next drawn:
    /// kept until then, since the picture may be loading or hidden when
    /// the selection moves.
    pub scroll_picture: bool,
    /// Show the shortcut sheet.
    pub show_shortcuts: bool,
    /// Scroll the raw pane, and the page picture, to the selection on the
    /// next frame.
    pub scroll_raw: bool,
    /// The raw lines shown in the last frame.
    pub raw_visible: std::ops::Range<usize>,
    /// Scroll the corrected pane to the selection on the next frame.
    pub scroll_corrected: Option<Reveal>,
    /// The unsaved-changes dialog, if open.
    pub confirm: Option<Pending>,
    /// Whether "mark done with doubts still open?" is asked (its counts
    /// are the review's).
    pub confirm_done: bool,
    /// The last message.
    pub message: Option<Message>,
    /// Which characters the fonts can draw.
    pub glyphs: super::style::Glyphs,
    /// Scroll the corrected pane to this block (without selecting it) on
    /// the next frame.
    pub reveal: Option<BlockRef>,
    /// Layouts and text derived from the page, kept between frames.
    pub caches: super::Caches,
    /// The stale-draft dialog, if open.
    pub stale: Option<StaleDraft>,
    /// When the last autosave was written (`HH:MM:SS`, UTC).
    pub autosaved: Option<String>,
    /// Whether autosave is on.
    pub autosave_on: bool,
    /// Show the queue panel (when a folder is open).
    pub show_queue: bool,
    /// The current doubt (index into the page's doubts): where N, A and F
    /// act from.
    pub doubt: Option<usize>,
    /// A save that found the fixture changed by someone else, waiting for
    /// the editor's choice (autosave waits too).
    pub conflict: Option<Conflict>,
    /// "Correct all similar", offered after a correction.
    pub similar: Option<SimilarOffer>,
    /// The in-app path prompt, if open.
    pub prompt: Option<PathPrompt>,
}

impl UiState {
    /// Whether a modal dialog is open: unsaved changes, mark done with
    /// doubts, a stale draft, work changed elsewhere, or the path prompt.
    /// It takes the keys (its field, its buttons, Escape): no desk
    /// shortcut may act on the page behind it.
    #[must_use]
    pub fn dialog_open(&self) -> bool {
        self.confirm.is_some()
            || self.confirm_done
            || self.stale.is_some()
            || self.conflict.is_some()
            || self.prompt.is_some()
    }

    /// Which layout of the side panes a window `width` wide shows. Each
    /// pane keeps the width the editor dragged it to while the window
    /// keeps its width; a window made a tenth wider or narrower lays the
    /// panes out afresh for its new width (a layout is the panes' ids:
    /// egui keeps a pane's width under its id, even from the last run,
    /// and a window grown from 1280 to 1600 points would otherwise give
    /// all it gained to the corrected page, the raw lines cut and the
    /// picture too small to read).
    pub fn panes_for(&mut self, width: f32) -> u32 {
        let (laid_out, layout) = &mut self.panes;
        if *laid_out <= 0.0 {
            *laid_out = width;
        } else if (width - *laid_out).abs() > 0.1 * *laid_out {
            *laid_out = width;
            *layout += 1;
        }
        *layout
    }

    /// The picture's zoom relative to the pane's width (fitted when not set).
    #[must_use]
    pub fn picture_scale(&self) -> f32 {
        if self.picture_zoom > 0.0 {
            self.picture_zoom
        } else {
            1.0
        }
    }
}

/// Whether the desk writes the page's fixture, and if not, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// Saves go to the fixture beside the page.
    Write,
    /// A draft opened with its own older text: saved only by "Save as…".
    OlderText,
    /// Another desk has the page open: this one reads it, and saves only by
    /// "Save as…".
    Locked {
        /// Who holds it (`pid N on HOST since TIME`).
        holder: String,
    },
    /// The bundled sample page: never written beside the program or into
    /// the working folder; saved only by "Save as…".
    Sample,
    /// No page is open (it could not be read).
    Nothing,
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
    /// Whether saves go to `fixture_path`.
    pub access: Access,
    /// The fixture as this desk last read or wrote it: a write finds out
    /// whether someone else wrote it since.
    pub on_disk: OnDisk,
    /// This desk's lock on the page (released when the page leaves the desk).
    pub lock: Option<PageLock>,
}

impl Document {
    /// Whether the fixture beside the page is left alone (saves only by
    /// "Save as…").
    #[must_use]
    pub fn read_only(&self) -> bool {
        self.access != Access::Write
    }

    /// An empty desk: no page (the one asked for could not be read).
    #[must_use]
    pub fn nothing() -> Self {
        let raw = crate::page::RawText::new(
            "no page",
            "",
            crate::decode::Encoding::Utf8,
            crate::decode::LineEnding::Lf,
        );
        Self {
            editor: Editor::new(crate::propose_page(raw)),
            page_path: None,
            fixture_path: PathBuf::new(),
            resumed: false,
            access: Access::Nothing,
            on_disk: OnDisk::Unchecked,
            lock: None,
        }
    }
}

/// The block at `at`, if there is one.
#[must_use]
pub fn block(page: &Page, at: BlockRef) -> Option<&crate::page::Block> {
    page.articles.get(at.article)?.blocks.get(at.block)
}

#[cfg(test)]
mod tests {
    use super::{Places, UiState};
    use crate::concordance::Occurrence;
    use crate::edit::BlockRef;

    #[test]
    fn places_found_again_keep_their_checks() {
        let at = |block, before: &str, after: &str| Occurrence {
            at: BlockRef::new(0, block),
            char_index: 3,
            before: before.to_owned(),
            after: after.to_owned(),
        };
        let mut was = Places::all_checked(vec![at(1, "她面带", "，向"), at(2, "大家都", "着。")]);
        was.toggle(1);
        // The second place moved to another block, a third came.
        let fix = crate::concordance::Correction::new("徽笑", "微笑").expect("a correction");
        let now = was.found_again(
            vec![
                at(1, "她面带", "，向"),
                at(3, "大家都", "着。"),
                at(4, "他也", "了。"),
            ],
            &fix,
        );
        assert_eq!(now.checked, [true, false, true]);
        // A new place of a mark read for a character is checked only
        // where the character makes a word there.
        let dash = crate::concordance::Correction::of_mark_read_for_character('-', "一")
            .expect("a correction");
        let now = now.found_again(vec![at(5, "做", "名"), at(6, "安全", "稳定")], &dash);
        assert_eq!(now.checked, [true, false]);
    }

    #[test]
    fn the_panes_are_laid_out_afresh_for_a_window_a_tenth_wider_or_narrower() {
        let mut s = UiState::default();
        let first = s.panes_for(1280.0);
        assert_eq!(s.panes_for(1300.0), first, "a little wider: as it was");
        let wider = s.panes_for(1600.0);
        assert_ne!(wider, first, "a quarter wider: afresh");
        assert_eq!(s.panes_for(1590.0), wider);
        assert_ne!(s.panes_for(1280.0), wider, "narrower again: afresh");
    }

    #[test]
    fn places_taken_are_every_one_or_the_checked_ones() {
        let at = |c| Occurrence {
            at: BlockRef::new(0, 1),
            char_index: c,
            before: String::new(),
            after: String::new(),
        };
        let mut p = Places::all_checked(vec![at(3), at(9), at(20)]);
        assert_eq!(p.checked_count(), 3);
        p.toggle(1);
        p.toggle(7); // no such place: nothing changes
        assert_eq!(p.checked_count(), 2);
        let b = BlockRef::new(0, 1);
        assert_eq!(p.taken(false), [(b, 3), (b, 20)]);
        assert_eq!(p.taken(true), [(b, 3), (b, 9), (b, 20)]);
    }
}
