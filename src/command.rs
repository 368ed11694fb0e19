//! Every command of the desk, with its label and keyboard shortcuts.
//!
//! The same table drives key handling, the menus and the F1 shortcut sheet,
//! so a binding can never be documented differently from how it works. The
//! labels are keys of the string table ([`crate::i18n::Msg`]); key names
//! (`Ctrl+S`) are the same in every language.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::{Lang, Msg};
use crate::page::Role;

/// A user command. The UI turns keys, menu items and buttons into commands;
/// the app executes them after the frame's panels are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Select the next block.
    NextBlock,
    /// Select the previous block.
    PrevBlock,
    /// Select the first block of the next article.
    NextArticle,
    /// Select the first block of the previous article.
    PrevArticle,
    /// Set the role of the selected block.
    SetRole(Role),
    /// Cycle the kind of the selected block's article.
    CycleArticleKind,
    /// Cycle the kind of the selected block's article backwards.
    PrevArticleKind,
    /// Move the selected block up (into the previous article at the top).
    MoveBlockUp,
    /// Move the selected block down (into the next article at the bottom).
    MoveBlockDown,
    /// Move the selected article up in reading order.
    MoveArticleUp,
    /// Move the selected article down in reading order.
    MoveArticleDown,
    /// Start a new article at the selected block.
    SplitArticle,
    /// Merge the selected article into the previous one.
    MergeWithPrevious,
    /// Merge the next article into the selected one.
    MergeWithNext,
    /// Join the selected block with the next block.
    JoinWithNext,
    /// Move every headline stack of the page to the other neighbour.
    FlipOrientation,
    /// Edit the text of the selected block.
    EditText,
    /// While editing: keep the text and split the block at the cursor.
    SplitBlockAtCursor,
    /// While editing: keep the text and stop editing.
    FinishEdit,
    /// While editing: throw the typed text away.
    CancelEdit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Save a draft fixture beside the page.
    SaveDraft,
    /// Mark the page done and save the fixture.
    MarkDone,
    /// Open a page (file dialog).
    Open,
    /// Open a folder of pages as the queue (folder dialog).
    OpenFolder,
    /// Save the fixture elsewhere (file dialog).
    SaveAs,
    /// Open the next page of the queue.
    NextPage,
    /// Open the previous page of the queue.
    PrevPage,
    /// Open the next page of the queue that is not done.
    NextUnfinished,
    /// Show or hide whitespace in the raw pane.
    ToggleWhitespace,
    /// Propose the pages opened from now on with the line model, or with
    /// the rules alone.
    ToggleModel,
    /// Show or hide the shortcut sheet.
    ShortcutSheet,
    /// Go to the next spot with open doubts (wrapping).
    NextDoubt,
    /// Go to the previous spot with open doubts (wrapping).
    PrevDoubt,
    /// Go to the next open doubt of the current spot.
    NextDoubtHere,
    /// Accept the proposal's choice at every open doubt of the current
    /// spot, then go on.
    AcceptDoubt,
    /// Take the competing choice at the current doubt, then go on.
    FlipDoubt,
    /// Accept every open doubt of the current doubt's rule, then go on.
    AcceptRule,
    /// Close the desk (an unsaved page is saved as a draft first).
    Quit,
    /// Make everything larger.
    ZoomIn,
    /// Make everything smaller.
    ZoomOut,
    /// Back to the normal size.
    ZoomReset,
    /// Show or hide the picture of the page beside the text.
    TogglePicture,
    /// Zoom the page picture to the selected block and keep it there as
    /// the selection moves (again: stop following).
    FollowPicture,
    /// Open the find bar.
    Find,
    /// Go to the next place the find bar's text is.
    FindNext,
    /// Go to the previous place the find bar's text is.
    FindPrev,
    /// Go to an article number or a raw line.
    GoTo,
    /// Copy the selected block's corrected text.
    CopyBlock,
    /// Copy the raw text the selected block comes from.
    CopyRaw,
    /// Switch between the dark and the light look.
    ToggleTheme,
    /// Export the folder's done pages as training data.
    ExportFolder,
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}
const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}
const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}
const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}
const CTRL_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// The digit key that sets each role, in [`Role::ALL`] order.
const ROLE_KEYS: [Key; 10] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
    Key::Num0,
];

/// Where a command belongs in menus and the shortcut sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Moving the selection.
    Navigate,
    /// Roles and article kinds.
    Roles,
    /// Article boundaries and order.
    Structure,
    /// Block text.
    Text,
    /// Files, undo, view.
    General,
    /// Walking the proposal's doubts.
    Review,
}

impl Group {
    /// Heading in the shortcut sheet.
    #[must_use]
    pub fn title(self, lang: Lang) -> &'static str {
        lang.get(match self {
            Self::Navigate => Msg::GroupNavigate,
            Self::Roles => Msg::GroupRoles,
            Self::Structure => Msg::GroupStructure,
            Self::Text => Msg::GroupText,
            Self::General => Msg::GroupGeneral,
            Self::Review => Msg::GroupReview,
        })
    }
}

impl Command {
    /// Every command, in the order of the shortcut sheet.
    #[must_use]
    pub fn all() -> Vec<Self> {
        let mut all = vec![
            Self::NextBlock,
            Self::PrevBlock,
            Self::NextArticle,
            Self::PrevArticle,
            Self::Find,
            Self::FindNext,
            Self::FindPrev,
            Self::GoTo,
            Self::NextDoubt,
            Self::PrevDoubt,
            Self::NextDoubtHere,
            Self::AcceptDoubt,
            Self::FlipDoubt,
            Self::AcceptRule,
        ];
        all.extend(Role::ALL.into_iter().map(Self::SetRole));
        all.extend([
            Self::CycleArticleKind,
            Self::PrevArticleKind,
            Self::MoveBlockUp,
            Self::MoveBlockDown,
            Self::MoveArticleUp,
            Self::MoveArticleDown,
            Self::SplitArticle,
            Self::MergeWithPrevious,
            Self::MergeWithNext,
            Self::JoinWithNext,
            Self::FlipOrientation,
            Self::CopyBlock,
            Self::CopyRaw,
            Self::EditText,
            Self::SplitBlockAtCursor,
            Self::FinishEdit,
            Self::CancelEdit,
            Self::Undo,
            Self::Redo,
            Self::SaveDraft,
            Self::MarkDone,
            Self::SaveAs,
            Self::Open,
            Self::OpenFolder,
            Self::NextPage,
            Self::PrevPage,
            Self::NextUnfinished,
            Self::ExportFolder,
            Self::ToggleWhitespace,
            Self::ToggleModel,
            Self::TogglePicture,
            Self::FollowPicture,
            Self::ToggleTheme,
            Self::ZoomIn,
            Self::ZoomOut,
            Self::ZoomReset,
            Self::ShortcutSheet,
            Self::Quit,
        ]);
        all
    }

    /// The group of the command.
    #[must_use]
    pub fn group(self) -> Group {
        match self {
            Self::NextBlock
            | Self::PrevBlock
            | Self::NextArticle
            | Self::PrevArticle
            | Self::NextPage
            | Self::PrevPage
            | Self::NextUnfinished
            | Self::Find
            | Self::FindNext
            | Self::FindPrev
            | Self::GoTo => Group::Navigate,
            Self::SetRole(_) | Self::CycleArticleKind | Self::PrevArticleKind => Group::Roles,
            Self::MoveBlockUp
            | Self::MoveBlockDown
            | Self::MoveArticleUp
            | Self::MoveArticleDown
            | Self::SplitArticle
            | Self::MergeWithPrevious
            | Self::MergeWithNext
            | Self::JoinWithNext
            | Self::FlipOrientation => Group::Structure,
            Self::EditText
            | Self::SplitBlockAtCursor
            | Self::FinishEdit
            | Self::CancelEdit
            | Self::CopyBlock
            | Self::CopyRaw => Group::Text,
            Self::Undo
            | Self::Redo
            | Self::SaveDraft
            | Self::MarkDone
            | Self::Open
            | Self::OpenFolder
            | Self::SaveAs
            | Self::ToggleWhitespace
            | Self::ToggleModel
            | Self::ShortcutSheet
            | Self::Quit
            | Self::ZoomIn
            | Self::ZoomOut
            | Self::ZoomReset
            | Self::TogglePicture
            | Self::FollowPicture
            | Self::ToggleTheme
            | Self::ExportFolder => Group::General,
            Self::NextDoubt
            | Self::PrevDoubt
            | Self::AcceptDoubt
            | Self::FlipDoubt
            | Self::NextDoubtHere
            | Self::AcceptRule => Group::Review,
        }
    }

    /// The label in menus and the shortcut sheet.
    #[must_use]
    pub fn label(self, lang: Lang) -> String {
        match self {
            Self::SetRole(role) => {
                lang.fill(Msg::CmdSetRole, &[("role", &lang.get(Msg::role(role)))])
            }
            other => lang.get(other.label_key()).to_owned(),
        }
    }

    /// The table's key of the label of a command without a value.
    fn label_key(self) -> Msg {
        match self {
            Self::NextBlock => Msg::CmdNextBlock,
            Self::PrevBlock => Msg::CmdPrevBlock,
            Self::NextArticle => Msg::CmdNextArticle,
            Self::PrevArticle => Msg::CmdPrevArticle,
            Self::SetRole(_) => Msg::CmdSetRole,
            Self::CycleArticleKind => Msg::CmdCycleArticleKind,
            Self::PrevArticleKind => Msg::CmdPrevArticleKind,
            Self::MoveBlockUp => Msg::CmdMoveBlockUp,
            Self::MoveBlockDown => Msg::CmdMoveBlockDown,
            Self::MoveArticleUp => Msg::CmdMoveArticleUp,
            Self::MoveArticleDown => Msg::CmdMoveArticleDown,
            Self::SplitArticle => Msg::CmdSplitArticle,
            Self::MergeWithPrevious => Msg::CmdMergeWithPrevious,
            Self::MergeWithNext => Msg::CmdMergeWithNext,
            Self::JoinWithNext => Msg::CmdJoinWithNext,
            Self::FlipOrientation => Msg::CmdFlipOrientation,
            Self::EditText => Msg::CmdEditText,
            Self::SplitBlockAtCursor => Msg::CmdSplitBlockAtCursor,
            Self::FinishEdit => Msg::CmdFinishEdit,
            Self::CancelEdit => Msg::CmdCancelEdit,
            Self::Undo => Msg::CmdUndo,
            Self::Redo => Msg::CmdRedo,
            Self::SaveDraft => Msg::CmdSaveDraft,
            Self::MarkDone => Msg::CmdMarkDone,
            Self::Open => Msg::CmdOpen,
            Self::OpenFolder => Msg::CmdOpenFolder,
            Self::SaveAs => Msg::CmdSaveAs,
            Self::NextPage => Msg::CmdNextPage,
            Self::PrevPage => Msg::CmdPrevPage,
            Self::NextUnfinished => Msg::CmdNextUnfinished,
            Self::ToggleWhitespace => Msg::CmdToggleWhitespace,
            Self::ToggleModel => Msg::CmdToggleModel,
            Self::ShortcutSheet => Msg::CmdShortcutSheet,
            Self::NextDoubt => Msg::CmdNextDoubt,
            Self::PrevDoubt => Msg::CmdPrevDoubt,
            Self::AcceptDoubt => Msg::CmdAcceptDoubt,
            Self::FlipDoubt => Msg::CmdFlipDoubt,
            Self::NextDoubtHere => Msg::CmdNextDoubtHere,
            Self::AcceptRule => Msg::CmdAcceptRule,
            Self::Quit => Msg::CmdQuit,
            Self::ZoomIn => Msg::CmdZoomIn,
            Self::ZoomOut => Msg::CmdZoomOut,
            Self::ZoomReset => Msg::CmdZoomReset,
            Self::TogglePicture => Msg::CmdTogglePicture,
            Self::FollowPicture => Msg::CmdFollowPicture,
            Self::Find => Msg::CmdFind,
            Self::FindNext => Msg::CmdFindNext,
            Self::FindPrev => Msg::CmdFindPrev,
            Self::GoTo => Msg::CmdGoTo,
            Self::CopyBlock => Msg::CmdCopyBlock,
            Self::CopyRaw => Msg::CmdCopyRaw,
            Self::ToggleTheme => Msg::CmdToggleTheme,
            Self::ExportFolder => Msg::CmdExportFolder,
        }
    }

    /// The key bindings, first one shown in menus.
    #[must_use]
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        match self {
            Self::NextBlock => vec![plain(Key::J), plain(Key::ArrowDown)],
            Self::PrevBlock => vec![plain(Key::K), plain(Key::ArrowUp)],
            Self::NextArticle => vec![ctrl(Key::ArrowDown)],
            Self::PrevArticle => vec![ctrl(Key::ArrowUp)],
            Self::SetRole(role) => Role::ALL
                .iter()
                .position(|r| *r == role)
                .and_then(|i| ROLE_KEYS.get(i))
                .map(|k| vec![plain(*k)])
                .unwrap_or_default(),
            Self::CycleArticleKind => vec![plain(Key::T)],
            Self::PrevArticleKind => vec![shift(Key::T)],
            Self::MoveBlockUp => vec![shift(Key::ArrowUp)],
            Self::MoveBlockDown => vec![shift(Key::ArrowDown)],
            Self::MoveArticleUp => vec![alt(Key::ArrowUp)],
            Self::MoveArticleDown => vec![alt(Key::ArrowDown)],
            Self::SplitArticle => vec![plain(Key::S)],
            Self::MergeWithPrevious => vec![plain(Key::M)],
            Self::MergeWithNext => vec![shift(Key::M)],
            Self::JoinWithNext => vec![ctrl(Key::J)],
            Self::FlipOrientation => vec![plain(Key::O)],
            Self::EditText => vec![plain(Key::Enter), plain(Key::F2)],
            Self::SplitBlockAtCursor => vec![ctrl(Key::Enter)],
            Self::FinishEdit => vec![plain(Key::Enter)],
            Self::CancelEdit => vec![plain(Key::Escape)],
            Self::Undo => vec![ctrl(Key::Z)],
            Self::Redo => vec![KeyboardShortcut::new(CTRL_SHIFT, Key::Z), ctrl(Key::Y)],
            Self::SaveDraft => vec![ctrl(Key::S)],
            Self::MarkDone => vec![ctrl(Key::D)],
            Self::Open => vec![ctrl(Key::O)],
            Self::OpenFolder => vec![KeyboardShortcut::new(CTRL_SHIFT, Key::O)],
            Self::SaveAs => vec![KeyboardShortcut::new(CTRL_SHIFT, Key::S)],
            Self::NextPage => vec![ctrl(Key::PageDown)],
            Self::PrevPage => vec![ctrl(Key::PageUp)],
            Self::NextUnfinished => vec![KeyboardShortcut::new(CTRL_SHIFT, Key::PageDown)],
            Self::ToggleWhitespace => vec![plain(Key::W)],
            Self::ToggleModel => vec![KeyboardShortcut::new(CTRL_SHIFT, Key::M)],
            Self::ShortcutSheet => vec![plain(Key::F1)],
            Self::NextDoubt => vec![plain(Key::N), plain(Key::F8)],
            Self::PrevDoubt => vec![shift(Key::N), shift(Key::F8)],
            Self::AcceptDoubt => vec![plain(Key::A)],
            Self::FlipDoubt => vec![plain(Key::F)],
            Self::NextDoubtHere => vec![plain(Key::C)],
            Self::AcceptRule => vec![shift(Key::A)],
            Self::Quit => vec![ctrl(Key::Q)],
            Self::ZoomIn => vec![ctrl(Key::Plus), ctrl(Key::Equals)],
            Self::ZoomOut => vec![ctrl(Key::Minus)],
            Self::ZoomReset => vec![ctrl(Key::Num0)],
            Self::TogglePicture => vec![plain(Key::I)],
            Self::FollowPicture => vec![plain(Key::Z)],
            Self::Find => vec![ctrl(Key::F)],
            Self::FindNext => vec![plain(Key::F3)],
            Self::FindPrev => vec![shift(Key::F3)],
            Self::GoTo => vec![ctrl(Key::G)],
            Self::CopyBlock => vec![ctrl(Key::C)],
            Self::CopyRaw => vec![KeyboardShortcut::new(CTRL_SHIFT, Key::C)],
            Self::ToggleTheme => vec![KeyboardShortcut::new(CTRL_SHIFT, Key::L)],
            Self::ExportFolder => vec![KeyboardShortcut::new(CTRL_SHIFT, Key::E)],
        }
    }

    /// Whether the command is used while a block's text is being edited
    /// (all others are ignored then, so typing never triggers them).
    #[must_use]
    pub fn while_editing(self) -> bool {
        matches!(
            self,
            Self::SplitBlockAtCursor
                | Self::FinishEdit
                | Self::CancelEdit
                | Self::SaveDraft
                | Self::MarkDone
                | Self::SaveAs
                | Self::NextPage
                | Self::PrevPage
                | Self::NextUnfinished
                | Self::ShortcutSheet
                | Self::Quit
                | Self::ZoomIn
                | Self::ZoomOut
                | Self::ZoomReset
                | Self::Find
                | Self::FindNext
                | Self::FindPrev
                | Self::GoTo
        )
    }

    /// Whether the command is used when no text is being edited.
    #[must_use]
    pub fn while_browsing(self) -> bool {
        !matches!(
            self,
            Self::SplitBlockAtCursor | Self::FinishEdit | Self::CancelEdit
        )
    }

    /// The first shortcut as text (`Ctrl+S`), for menus.
    #[must_use]
    pub fn shortcut_text(self) -> String {
        self.shortcuts()
            .first()
            .map(|s| shortcut_name(*s))
            .unwrap_or_default()
    }

    /// Every shortcut as text, for the sheet (`Ctrl+Shift+Z  or  Ctrl+Y`).
    #[must_use]
    pub fn all_shortcuts_text(self, lang: Lang) -> String {
        self.shortcuts()
            .into_iter()
            .map(shortcut_name)
            .reduce(|a, b| lang.fill(Msg::ShortcutOr, &[("a", &a), ("b", &b)]))
            .unwrap_or_default()
    }

    /// The command bound to a key press with `modifiers`, in a given mode.
    #[must_use]
    pub fn for_key(key: Key, modifiers: Modifiers, editing: bool) -> Option<Self> {
        Self::all().into_iter().find(|c| {
            let usable = if editing {
                c.while_editing()
            } else {
                c.while_browsing()
            };
            usable
                && c.shortcuts()
                    .iter()
                    .any(|s| s.logical_key == key && modifiers.matches_exact(s.modifiers))
        })
    }
}

/// Parses a shortcut as written in `PROOFDESK_SCRIPT` and the sheet:
/// `s`, `2`, `ctrl+s`, `Ctrl+Shift+PageDown`, `down`.
///
/// # Errors
/// The key name is unknown.
pub fn parse_shortcut(text: &str) -> Result<KeyboardShortcut, String> {
    let mut modifiers = Modifiers::NONE;
    let mut parts: Vec<&str> = text.split('+').collect();
    let key = parts.pop().unwrap_or_default();
    for m in parts {
        match m.to_ascii_lowercase().as_str() {
            "ctrl" | "cmd" | "command" => modifiers |= Modifiers::COMMAND,
            "shift" => modifiers |= Modifiers::SHIFT,
            "alt" => modifiers |= Modifiers::ALT,
            other => return Err(format!("{other:?} is not a modifier (ctrl, shift, alt)")),
        }
    }
    let key = match key.to_ascii_lowercase().as_str() {
        "down" | "↓" => Some(Key::ArrowDown),
        "up" | "↑" => Some(Key::ArrowUp),
        "left" | "←" => Some(Key::ArrowLeft),
        "right" | "→" => Some(Key::ArrowRight),
        _ => Key::from_name(key).or_else(|| {
            let mut chars = key.chars();
            let first = chars.next()?.to_ascii_uppercase();
            Key::from_name(&format!("{first}{}", chars.as_str()))
        }),
    };
    key.map(|k| KeyboardShortcut::new(modifiers, k))
        .ok_or_else(|| format!("{text:?} is not a key"))
}

/// A shortcut as readable text (`Ctrl+Shift+Z`, `↓`).
#[must_use]
pub fn shortcut_name(s: KeyboardShortcut) -> String {
    let mut out = String::new();
    if s.modifiers.command || s.modifiers.ctrl {
        out.push_str("Ctrl+");
    }
    if s.modifiers.alt {
        out.push_str("Alt+");
    }
    if s.modifiers.shift {
        out.push_str("Shift+");
    }
    let key = match s.logical_key {
        Key::ArrowDown => "↓",
        Key::ArrowUp => "↑",
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        other => other.name(),
    };
    // A letter is shown as it is typed: `t` alone, `Shift+T`, `Ctrl+S`.
    if s.modifiers.is_none() && key.chars().count() == 1 {
        out.push_str(&key.to_lowercase());
    } else {
        out.push_str(key);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Command, Key, Modifiers};
    use std::collections::HashMap;

    #[test]
    fn keys_are_named_as_typed_and_every_command_has_one() {
        use super::shortcut_name;
        assert_eq!(Command::CycleArticleKind.shortcut_text(), "t");
        assert_eq!(Command::PrevArticleKind.shortcut_text(), "Shift+T");
        assert_eq!(Command::SaveDraft.shortcut_text(), "Ctrl+S");
        assert_eq!(Command::Quit.shortcut_text(), "Ctrl+Q");
        assert_eq!(Command::ShortcutSheet.shortcut_text(), "F1");
        assert_eq!(
            shortcut_name(eframe::egui::KeyboardShortcut::new(
                Modifiers::NONE,
                Key::Num1
            )),
            "1"
        );
        assert_eq!(
            Command::for_key(Key::T, Modifiers::SHIFT, false),
            Some(Command::PrevArticleKind)
        );
        assert_eq!(
            Command::for_key(Key::Equals, Modifiers::COMMAND, true),
            Some(Command::ZoomIn),
            "zoom works while typing too"
        );
        for c in Command::all() {
            assert!(!c.shortcut_text().is_empty(), "{c:?} has a key");
        }
    }

    #[test]
    fn every_command_has_its_own_label_in_each_language() {
        use crate::i18n::Lang;
        for lang in Lang::ALL {
            let mut seen = HashMap::new();
            for c in Command::all() {
                let label = c.label(lang);
                assert!(!label.is_empty(), "{c:?} has a label in {lang:?}");
                if let Some(other) = seen.insert(label.clone(), c) {
                    panic!("{other:?} and {c:?} are both {label:?} in {lang:?}");
                }
            }
        }
        let role = Command::SetRole(crate::page::Role::Headline);
        assert_eq!(role.label(Lang::En), "Role: headline 主题");
        assert_eq!(role.label(Lang::Zh), "角色：主题");
        assert_eq!(
            Command::Redo.all_shortcuts_text(Lang::Zh),
            "Ctrl+Shift+Z  或  Ctrl+Y"
        );
        assert_eq!(
            Command::Redo.all_shortcuts_text(Lang::En),
            "Ctrl+Shift+Z  or  Ctrl+Y"
        );
    }

    #[test]
    fn no_two_commands_share_a_binding_in_one_mode() {
        for editing in [false, true] {
            let mut seen = HashMap::new();
            for c in Command::all() {
                let usable = if editing {
                    c.while_editing()
                } else {
                    c.while_browsing()
                };
                if !usable {
                    continue;
                }
                for s in c.shortcuts() {
                    let name = super::shortcut_name(s);
                    if let Some(other) = seen.insert(name.clone(), c) {
                        panic!("{name} is bound to {other:?} and {c:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn script_keys_parse_like_the_sheet_prints_them() {
        for c in Command::all() {
            for s in c.shortcuts() {
                let name = super::shortcut_name(s);
                assert_eq!(super::parse_shortcut(&name), Ok(s), "{name}");
            }
        }
        assert_eq!(
            super::parse_shortcut("ctrl+s"),
            Ok(super::ctrl(Key::S)),
            "lowercase"
        );
        assert_eq!(super::parse_shortcut("s"), Ok(super::plain(Key::S)));
        assert!(super::parse_shortcut("hyper+s").is_err());
        assert!(super::parse_shortcut("nokey").is_err());
    }

    #[test]
    fn folder_keys() {
        assert_eq!(
            Command::for_key(Key::PageDown, Modifiers::COMMAND, false),
            Some(Command::NextPage)
        );
        assert_eq!(
            Command::for_key(Key::PageDown, Modifiers::COMMAND | Modifiers::SHIFT, true),
            Some(Command::NextUnfinished)
        );
    }

    #[test]
    fn keys_resolve_exactly() {
        assert_eq!(
            Command::for_key(Key::ArrowDown, Modifiers::NONE, false),
            Some(Command::NextBlock)
        );
        assert_eq!(
            Command::for_key(Key::ArrowDown, Modifiers::SHIFT, false),
            Some(Command::MoveBlockDown)
        );
        assert_eq!(
            Command::for_key(Key::ArrowDown, Modifiers::COMMAND, false),
            Some(Command::NextArticle)
        );
        assert_eq!(
            Command::for_key(Key::Z, Modifiers::COMMAND | Modifiers::SHIFT, false),
            Some(Command::Redo)
        );
        assert_eq!(Command::for_key(Key::J, Modifiers::NONE, true), None);
        assert_eq!(
            Command::for_key(Key::N, Modifiers::SHIFT, false),
            Some(Command::PrevDoubt)
        );
        assert_eq!(
            Command::for_key(Key::F8, Modifiers::NONE, false),
            Some(Command::NextDoubt)
        );
        assert_eq!(
            Command::for_key(Key::F, Modifiers::NONE, true),
            None,
            "typing an f while editing is not a flip"
        );
        assert_eq!(
            Command::for_key(Key::Enter, Modifiers::NONE, true),
            Some(Command::FinishEdit)
        );
    }
}
