//! The desk's interface language: English or Simplified Chinese, and one
//! table of every string the desk shows.
//!
//! Each entry of the table ([`Msg`]) is written once with both languages
//! side by side, so a key cannot exist in one language only: the `table!`
//! macro takes exactly two strings per key, and [`Msg::text`] is an
//! exhaustive `match`. Strings with values name them (`{n}`, `{path}`);
//! [`Lang::fill`] puts the values in, and the tests check that both
//! languages of every key have the same placeholders and that the Chinese
//! one is Chinese. Words for the core's enums (roles, article kinds,
//! statuses, doubt kinds and choices) are keys too, picked by exhaustive
//! matches ([`Msg::role`] and the like); a rule's plain words are its
//! English [`crate::doubt::Evidence::explanation`] beside the Chinese ones
//! here ([`rule`]), again an exhaustive match: a new rule, role or kind does
//! not compile until it has its Chinese words.
//!
//! What stays English on purpose:
//! - the texts of the core library's errors (`thiserror`: file I/O,
//!   decoding, fixture validation, page pictures), which the desk shows
//!   inside a translated sentence (`无法打开文件夹 … ：{error}`). The
//!   editor's refusals ([`crate::edit::EditError`]) are translated here
//!   ([`edit_error`]), since they answer everyday keys;
//! - key names (`Ctrl+S`, `Shift+A`), file names and paths, encodings
//!   (`UTF-8`, `GB18030`), and the command line's own output (stderr).
//!
//! The language is chosen by `--lang en|zh`, else in the View menu (and
//! remembered), else from the system locale ([`Lang::from_env`]). It is
//! passed to the panels in [`crate::app::UiState`]; there is no global.

use std::collections::BTreeSet;
use std::fmt::{Display, Write as _};

use crate::doubt::{Choice, Evidence, Kind, Resolution};
use crate::edit::EditError;
use crate::page::{ArticleKind, Role, Status};
use crate::punct::Mark;
use crate::queue::PageState;

/// An interface language.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages, in the order of [`Msg::text`].
    pub const ALL: [Self; 2] = [Self::En, Self::Zh];

    /// The language's code on the command line (`en`, `zh`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh",
        }
    }

    /// The language named in itself, for the View menu (the same in
    /// either interface language, so that it can always be found).
    #[must_use]
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Zh => "简体中文",
        }
    }

    /// The language of a code (`en`, `zh`, also `zh-CN`, `zh_CN`, any
    /// case).
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim().to_ascii_lowercase();
        if code == "en" || code.starts_with("en-") || code.starts_with("en_") {
            Some(Self::En)
        } else if code == "zh" || code.starts_with("zh-") || code.starts_with("zh_") {
            Some(Self::Zh)
        } else {
            None
        }
    }

    /// The language of a locale name such as `zh_CN.UTF-8` or `C`: Chinese
    /// when it starts with `zh`, else English; `None` for an empty value
    /// (unset).
    #[must_use]
    pub fn from_locale(locale: &str) -> Option<Self> {
        let locale = locale.trim();
        if locale.is_empty() {
            None
        } else if locale
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case("zh"))
        {
            Some(Self::Zh)
        } else {
            Some(Self::En)
        }
    }

    /// The language of the system locale: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty decides, as for
    /// any program's messages; none set: English.
    #[must_use]
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// [`Self::from_env`] with the variables read through `var`.
    #[must_use]
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| var(name).as_deref().and_then(Self::from_locale))
            .unwrap_or_default()
    }

    /// This language's one of a pair `[English, Chinese]`.
    #[must_use]
    pub fn pick(self, pair: [&'static str; 2]) -> &'static str {
        match self {
            Self::En => pair[0],
            Self::Zh => pair[1],
        }
    }

    /// The text of `msg` in this language, as it stands (placeholders and
    /// all: use [`Self::fill`] for a string with values).
    #[must_use]
    pub fn get(self, msg: Msg) -> &'static str {
        self.pick(msg.text())
    }

    /// The text of `msg` in this language with its placeholders filled:
    /// `lang.fill(Msg::DoubtsOpen, &[("n", &3)])`.
    ///
    /// In debug builds (and so in every test that draws the string) it
    /// panics when a placeholder has no value or a value no placeholder.
    #[must_use]
    pub fn fill(self, msg: Msg, args: &[(&str, &dyn Display)]) -> String {
        let template = self.get(msg);
        debug_assert!(
            placeholders(template) == args.iter().map(|(name, _)| *name).collect::<BTreeSet<_>>(),
            "{msg:?} in {self:?} has the placeholders {:?}, given {:?}",
            placeholders(template),
            args.iter().map(|(name, _)| *name).collect::<Vec<_>>()
        );
        fill(template, args)
    }
}

/// Puts the values of `args` into the `{name}` placeholders of `template`.
/// A value is put in as it is (a path holding `{n}` stays so); a
/// placeholder without a value stays as written.
#[must_use]
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (v, close))
        });
        if let Some((value, close)) = value {
            // Writing to a String cannot fail.
            let _infallible = write!(out, "{value}");
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The names of the `{name}` placeholders of a template (lowercase ASCII
/// letters, digits and `_`).
#[must_use]
pub fn placeholders(template: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                names.insert(name);
            }
        }
    }
    names
}

/// Defines [`Msg`]: each key with its English and its Chinese text.
macro_rules! table {
    ($($key:ident: $en:literal, $zh:literal;)*) => {
        /// A string of the desk's interface; [`Msg::text`] has it in both
        /// languages. Each key's doc is its English text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg {
            $(
                #[doc = concat!("`", $en, "`")]
                $key,
            )*
        }

        impl Msg {
            /// Every key, in the table's order.
            pub const ALL: &'static [Self] = &[$(Self::$key,)*];

            /// The text in English and in Simplified Chinese
            /// ([`Lang::ALL`] order).
            #[must_use]
            pub const fn text(self) -> [&'static str; 2] {
                match self {
                    $(Self::$key => [$en, $zh],)*
                }
            }
        }
    };
}

table! {
    // The menu bar.
    MenuFile: "File", "文件";
    MenuEdit: "Edit", "编辑";
    MenuRole: "Role", "角色";
    MenuArticle: "Article", "文章";
    MenuReview: "Review", "复核";
    MenuView: "View", "视图";
    MenuHelp: "Help", "帮助";
    MenuLanguage: "Language / 语言", "语言 / Language";
    OpenSample: "Open the bundled sample page", "打开内置示例版面";
    OpenRecent: "Open recent", "最近打开";
    AutosaveToggle: "Autosave drafts (at most 3 s after a change)", "自动保存草稿（改动后最多 3 秒）";
    ShowQueue: "Show the folder queue", "显示文件夹队列";
    MenuHint: "F1: all keys · j/k: next/previous block · n: next spot to check, a: accept the spot, f: flip a doubt · Ctrl+S: save draft · Ctrl+D: mark done · 1–0: role · s/m: split/merge articles",
        "F1：全部快捷键 · j/k：下一块/上一块 · n：下一处存疑，a：接受本处，f：改选一项 · Ctrl+S：存草稿 · Ctrl+D：标记完成 · 1–0：角色 · s/m：拆分/合并文章";

    // Commands (menus and the F1 sheet).
    CmdNextBlock: "Next block", "下一块";
    CmdPrevBlock: "Previous block", "上一块";
    CmdNextArticle: "Next article", "下一篇文章";
    CmdPrevArticle: "Previous article", "上一篇文章";
    CmdSetRole: "Role: {role}", "角色：{role}";
    CmdCycleArticleKind: "Change article kind", "更改文章类型";
    CmdPrevArticleKind: "Change article kind, backwards", "更改文章类型（反向）";
    CmdMoveBlockUp: "Move block up (into previous article at the top)", "上移块（在顶端时移入上一篇文章）";
    CmdMoveBlockDown: "Move block down (into next article at the bottom)", "下移块（在底端时移入下一篇文章）";
    CmdMoveArticleUp: "Move article up", "上移文章";
    CmdMoveArticleDown: "Move article down", "下移文章";
    CmdSplitArticle: "Split article: new article starts at this block", "拆分文章：从此块起为新文章";
    CmdMergeWithPrevious: "Merge article into the previous one", "将本文章并入上一篇";
    CmdMergeWithNext: "Merge next article into this one", "将下一篇文章并入本篇";
    CmdJoinWithNext: "Join block with the next block", "将此块与下一块合并";
    CmdFlipOrientation: "Turn the page round: every headline stack to its other neighbour", "翻转版面：每个标题组改属另一侧的文章";
    CmdEditText: "Edit block text", "编辑块文本";
    CmdSplitBlockAtCursor: "While editing: split block at the cursor", "编辑时：在光标处拆分块";
    CmdFinishEdit: "While editing: keep the text", "编辑时：保留文本";
    CmdCancelEdit: "While editing: discard the typing", "编辑时：放弃输入";
    CmdUndo: "Undo", "撤销";
    CmdRedo: "Redo", "重做";
    CmdSaveDraft: "Save draft", "保存草稿";
    CmdMarkDone: "Mark done and save", "标记完成并保存";
    CmdOpen: "Open page…", "打开版面…";
    CmdOpenFolder: "Open folder…", "打开文件夹…";
    CmdSaveAs: "Save as…", "另存为…";
    CmdNextPage: "Next page of the folder", "文件夹中的下一版";
    CmdPrevPage: "Previous page of the folder", "文件夹中的上一版";
    CmdNextUnfinished: "Next unfinished page of the folder", "文件夹中下一个未完成的版面";
    CmdToggleWhitespace: "Show whitespace in raw text", "在原文中显示空白";
    CmdToggleModel: "Propose with the line model", "用行模型给出方案";
    CmdShortcutSheet: "Keyboard shortcuts", "键盘快捷键";
    CmdNextDoubt: "Next spot with open doubts", "下一处存疑";
    CmdPrevDoubt: "Previous spot with open doubts", "上一处存疑";
    CmdNextDoubtHere: "Next open doubt at this spot", "本处的下一项存疑";
    CmdAcceptDoubt: "Accept the proposal at every open doubt of this spot (one undo step), then next spot", "接受本处全部未决存疑的自动方案（一步撤销），然后到下一处";
    CmdFlipDoubt: "Take the other choice at this doubt, then the spot's next open doubt", "此项改取另一选项，然后到本处下一项存疑";
    CmdAcceptRule: "Accept every open doubt of this rule (one undo step), then next spot", "接受此规则的全部未决存疑（一步撤销），然后到下一处存疑";
    CmdQuit: "Quit (an unsaved page is saved as a draft first)", "退出（未保存的版面先存为草稿）";
    CmdZoomIn: "Zoom in", "放大";
    CmdZoomOut: "Zoom out", "缩小";
    CmdZoomReset: "Normal size", "原始大小";
    CmdTogglePicture: "Show the page picture beside the text", "在文本旁显示版面图片";
    CmdFollowPicture: "Zoom the page picture to the selected block, following the selection", "版面图片放大到所选文本块，并随选择移动";
    CmdFind: "Find in the corrected and the raw text", "在校正稿和原文中查找";
    CmdFindNext: "Next place found", "下一处查找结果";
    CmdFindPrev: "Previous place found", "上一处查找结果";
    CmdGoTo: "Go to an article (12) or a raw line (l120)", "转到文章（12）或原文行（l120）";
    CmdCopyBlock: "Copy the block's corrected text", "复制此块的校正文本";
    CmdCopyRaw: "Copy the raw text the block comes from", "复制此块来源的原文";
    CmdToggleTheme: "Light or dark look", "浅色或深色外观";
    CmdExportFolder: "Export the folder's done pages as training data (pairs, articles, lines)", "将文件夹中已完成的版面导出为训练数据（pairs、articles、lines）";

    // The groups of the F1 sheet.
    GroupNavigate: "Navigate", "导航";
    GroupRoles: "Roles", "角色与类型";
    GroupStructure: "Articles and blocks", "文章与块";
    GroupText: "Text", "文本";
    GroupGeneral: "File, undo, view", "文件、撤销、视图";
    GroupReview: "Review doubts", "复核存疑";
    ShortcutOr: "{a}  or  {b}", "{a}  或  {b}";
    ShortcutsFooter: "Drag blocks or articles in the corrected pane or the outline to move them. Drop a page file on the window to open it.",
        "在校正稿或大纲中拖动块或文章即可移动。把版面文件拖到窗口上即可打开。";

    // Roles: long names (menus, tooltips) and the tags beside each block.
    RoleKicker: "kicker 引题", "引题";
    RoleHeadline: "headline 主题", "主题";
    RoleSubheadline: "subheadline 副题", "副题";
    RoleByline: "byline 署名", "署名";
    RoleBody: "body 正文", "正文";
    RoleSubhead: "section heading 小标题", "小标题";
    RoleCaption: "caption 图片说明", "图片说明";
    RoleSource: "source 来源", "来源";
    RoleSection: "section banner 栏目", "栏目";
    RolePageHeader: "page header 版头", "版头";
    TagKicker: "KICK", "引题";
    TagHeadline: "HEAD", "主题";
    TagSubheadline: "SUBH", "副题";
    TagByline: "BYLN", "署名";
    TagBody: "BODY", "正文";
    TagSubhead: "SECT·H", "小标题";
    TagCaption: "CAPT", "图说";
    TagSource: "SRC", "来源";
    TagSection: "BANR", "栏目";
    TagPageHeader: "PAGE", "版头";

    // Article kinds, page statuses, the queue's page states.
    KindArticle: "article", "普通文章";
    KindContinuation: "continuation", "续文";
    KindSectionBanner: "section banner", "栏目";
    KindCaptionOnly: "caption only", "仅图片说明";
    KindPageHeader: "page header", "版头";
    StatusDraft: "draft", "草稿";
    StatusDone: "done", "完成";
    QueueNew: "new", "新";
    QueueDamaged: "damaged", "损坏";
    QueueUnknown: "…", "…";

    // Doubts: kinds, choices, how they were settled, counts and the strip.
    DoubtKindLineEnd: "line end", "行尾";
    DoubtKindSpace: "space", "空格";
    DoubtKindBoundary: "article boundary", "文章边界";
    DoubtKindAttachment: "headline stack", "标题组";
    DoubtKindRole: "role", "角色";
    DoubtKindOrientation: "page orientation", "版面方向";
    DoubtKindPunctuation: "punctuation", "标点";
    DoubtKindRecognition: "recognition", "识别";
    ChoiceJoin: "joined", "相连";
    ChoiceBreak: "paragraph break", "分段";
    ChoiceRemove: "removed", "删除";
    ChoiceKeep: "kept", "保留";
    ChoiceSameArticle: "same article", "同一篇文章";
    ChoiceNewArticle: "new article", "新文章";
    ChoiceAttachBefore: "heads the article before", "属于前一篇文章";
    ChoiceAttachAfter: "heads the article after", "属于后一篇文章";
    ChoiceHeadlinesAfter: "headlines follow their bodies", "标题在正文之后";
    ChoiceHeadlinesBefore: "headlines come before their bodies", "标题在正文之前";
    ChoiceMarkAsRead: "the mark as the engine read it", "保留识别出的标点";
    ChoiceNoMark: "no mark (the engine read none here)", "不加标点（识别时此处无标点）";
    ChoiceReadRight: "read right", "识别无误";
    ChoiceMisread: "misread", "识别有误";
    ChoiceMarkComma: "comma ，", "逗号 ，";
    ChoiceMarkEnumeration: "enumeration comma 、", "顿号 、";
    ChoiceMarkFullStop: "full stop 。", "句号 。";
    ChoiceMarkColon: "colon ：", "冒号 ：";
    ChoiceMarkSemicolon: "semicolon ；", "分号 ；";
    ChoiceMarkQuestion: "question mark ？", "问号 ？";
    ChoiceMarkExclamation: "exclamation mark ！", "叹号 ！";
    ChoiceMarkOpenBracket: "opening bracket （", "左括号 （";
    ChoiceMarkCloseBracket: "closing bracket ）", "右括号 ）";
    ChoiceMarkPercent: "full-width percent ％", "全角百分号 ％";
    ChoiceMarkDecimalPoint: "full-width point ．", "全角小数点 ．";
    ChoiceMarkRatio: "ratio colon ∶", "比号 ∶";
    ChoiceMarkSlash: "full-width slash ／", "全角斜线 ／";
    ChoiceMarkOpenQuote: "opening quote “", "前引号 “";
    ChoiceMarkCloseQuote: "closing quote ”", "后引号 ”";
    ChoiceMarkCloseTitle: "closing title mark 》", "后书名号 》";
    ChoiceMarkOpenCorner: "opening corner quote 『", "前引号 『";
    ChoiceMarkCloseCorner: "closing corner quote 』", "后引号 』";
    ChoiceMarkNameDot: "name dot ·", "间隔号 ·";
    ChoiceMarkDash: "dash —", "破折号 —";
    ResolvedAccepted: "accepted", "已接受";
    ResolvedFlipped: "flipped", "已改选";
    ResolvedEdited: "edited", "已编辑";
    DoubtsReviewed: "reviewed √", "已复核 √";
    DoubtOpenOne: "1 spot to check", "还有 1 处存疑";
    DoubtsOpen: "{n} spots to check ({d} doubts)", "还有 {n} 处存疑（{d} 项）";
    DoubtsOpenBelow: "{n} spots below {percent}% ({all} doubts open in all)", "把握低于 {percent}% 的存疑还有 {n} 处（共 {all} 项未决）";
    DoubtsLeastSureFirst: "Least sure doubts first", "先看最没把握的存疑";
    DoubtsWhich: "Doubts to walk", "要看的存疑";
    DoubtsEveryCut: "every doubt", "全部存疑";
    DoubtsBelowCut: "only below {percent}% sure", "只看把握低于 {percent}% 的";
    StripNoDoubts: "no doubts on this page · reviewed √", "本版没有存疑 · 已复核 √";
    StripAllSettled: "reviewed √ · all {n} doubts settled", "已复核 √ · {n} 项存疑均已处理";
    StripOneOpen: "1 spot to check · N: go to it", "还有 1 处存疑 · N：转到该处";
    StripOpen: "{n} spots to check ({d} doubts) · N: go to the next", "还有 {n} 处存疑（{d} 项）· N：转到下一处";
    StripOpenOrderLost: "{n} spots to check ({d} doubts), but no rule read this page in order: extract it again first", "还有 {n} 处存疑（{d} 项），但本版阅读顺序已乱：请先重新提取";
    StripOpenBelow: "{n} spots below {percent}% sure ({all} doubts open in all) · N: go to the next", "把握低于 {percent}% 的存疑还有 {n} 处（共 {all} 项未决）· N：转到下一处";
    StripChoice: "{kind}: {chosen} — {why} ({percent}% right) · other choice: {other}",
        "{kind}：{chosen} —— {why}（正确率 {percent}%）· 另一选项：{other}";
    StripOpenDoubt: "spot {rank} of {open} · {choice} · A accept · F flip · Shift+A all of this rule",
        "存疑 {rank}/{open} 处 · {choice} · A 接受 · F 改选 · Shift+A 接受此规则全部";
    StripOpenDoubtHere: "spot {rank} of {open} · doubt {k} of {n} here: {choice} · also here: {also} · A accept all {n} here · F flip this one · C next here · Shift+A all of this rule",
        "存疑 {rank}/{open} 处 · 本处第 {k}/{n} 项：{choice} · 本处另有：{also} · A 接受本处全部 {n} 项 · F 此项改选 · C 本处下一项 · Shift+A 接受此规则全部";
    StripOpenUnsureWordHere: "spot {rank} of {open} · doubt {k} of {n} here: {choice} · also here: {also} · A accept all {n} here · F type this word's right reading · C next here · Shift+A all of this rule",
        "存疑 {rank}/{open} 处 · 本处第 {k}/{n} 项：{choice} · 本处另有：{also} · A 接受本处全部 {n} 项 · F 输入此词的正确写法 · C 本处下一项 · Shift+A 接受此规则全部";
    StripAlsoHereItem: "{kind}: {chosen} ({percent}%)", "{kind}：{chosen}（把握 {percent}%）";
    ListSeparator: ", ", "、";
    StripAlsoMore: "{n} more", "另有 {n} 项";
    StripSettledDoubt: "{choice} · settled: {how} · {left}",
        "{choice} · 已处理：{how} · {left}";
    StripLeft: "{n} spots left to check · N: the next", "还有 {n} 处存疑 · N：转到下一处";
    StripOneLeft: "1 spot left to check · N: go to it", "还有 1 处存疑 · N：转到该处";
    StripNoneLeft: "no spot left to check √", "已无存疑 √";
    StripUnsureWord: "unsure word “{word}” — {why}; {percent}% of such words are read right",
        "存疑字词“{word}”——{why}；此类字词 {percent}% 识别无误";
    StripOpenUnsureWord: "spot {rank} of {open} · {choice} · A: it reads right · F: type its right reading · Shift+A: every word of this rule reads right",
        "存疑 {rank}/{open} 处 · {choice} · A 识别无误 · F 输入正确写法 · Shift+A 此规则的字词全部无误";
    StripHover: "N / Shift+N: next / previous spot to check (a spot: the doubts on neighbouring lines, such as a headline stack's breaks, roles and article) · C: next doubt at this spot · A: accept every open doubt here · F: take the other choice at this doubt · any other edit there settles it too",
        "N / Shift+N：下一处 / 上一处存疑（一处：相邻几行上的存疑，如一组标题的分行、角色和归属）· C：本处下一项 · A：接受本处全部未决存疑 · F：此项改取另一选项 · 在该处做其他编辑也算处理";

    // The page's reading order (`proofdesk::reading`).
    ReadingRowsInterleaved: "Reading order lost: the lines of about {lag} columns alternate row by row, as plain pdftotext writes some pages, so no rule can read this page. Extract it again with pdftotext -raw (or PyMuPDF) to get its text in reading order; for an OCR engine's plain text, open its hOCR or ALTO instead, whose boxes give the lines their order.",
        "阅读顺序已乱：约 {lag} 栏的文字逐行交错（普通 pdftotext 有时这样输出），任何规则都读不通本版。请用 pdftotext -raw（或 PyMuPDF）重新提取，得到按阅读顺序排列的文字；若是 OCR 引擎输出的纯文本，请改开它的 hOCR 或 ALTO，其中的文字框给出行的顺序。";
    ReadingLost: "Reading order lost: the lines do not read on from one to the next, so no rule can read this page. Extract it again with pdftotext -raw (or PyMuPDF) to get its text in reading order; for an OCR engine's plain text, open its hOCR or ALTO instead, whose boxes give the lines their order.",
        "阅读顺序已乱：各行文字前后接不上，任何规则都读不通本版。请用 pdftotext -raw（或 PyMuPDF）重新提取，得到按阅读顺序排列的文字；若是 OCR 引擎输出的纯文本，请改开它的 hOCR 或 ALTO，其中的文字框给出行的顺序。";
    StatusReadingLost: "reading order lost", "阅读顺序已乱";

    // The status bar.
    StatusCounts: "{articles} articles · {blocks} blocks", "{articles} 篇文章 · {blocks} 块";
    NoPage: "no page", "无版面";
    BundledSamplePage: "bundled sample page", "内置示例版面";
    FileHover: "{where}\nfixture: {fixture}", "{where}\n样本文件：{fixture}";
    StatusHover: "page status, as the folder's list says it: new (the proposal, never saved by an editor; `auto` in the fixture) → draft (Ctrl+S) → done (Ctrl+D)", "版面状态（与文件夹列表一致）：新（自动方案，编辑尚未保存；文件中记为 `auto`）→ 草稿（Ctrl+S）→ 完成（Ctrl+D）";
    StatusModel: "model: {pages} pages", "模型：{pages} 页";
    StatusModelOne: "model: 1 page", "模型：1 页";
    StatusRulesOnly: "rules only", "仅规则";
    StatusModelOff: "model off: rules only", "模型已关闭：仅规则";
    MsgPictureBeside: "{name} lies beside this page: {show} shows it beside the text", "此页旁有版面图片 {name}：按 {show} 在文本旁显示";
    MsgPictureBesideLinked: "{name} lies beside this page: {show} shows it beside the text, {follow} zooms it to the selected block", "此页旁有版面图片 {name}：按 {show} 在文本旁显示，按 {follow} 放大到所选文本块";
    MsgPictureNoBoxes: "this page holds no boxes of its lines, so the picture cannot follow the text: only pages an OCR engine read (hOCR, ALTO, PAGE XML) have them", "此页没有文字行的位置框，版面图片无法跟随文本：只有 OCR 引擎读出的页面（hOCR、ALTO、PAGE XML）才有";
    MsgModelOff: "the line model is off: pages opened from now on are proposed by the rules alone", "行模型已关闭：此后打开的版面仅由规则给出方案";
    MsgModelOn: "the line model is on: pages opened from now on are proposed with it", "行模型已开启：此后打开的版面将用它给出方案";
    StatusLearning: "learning from the done pages…", "正在从已完成的版面学习……";
    MsgModelRetrained: "the line model learned from {pages} done pages of this folder; the next page opened is proposed with it", "行模型已从本文件夹 {pages} 个已完成版面重新学习；下一个打开的版面将用它给出方案";
    MsgModelRetrainedOne: "the line model learned from the one done page of this folder; the next page opened is proposed with it", "行模型已从本文件夹唯一一个已完成版面学习；下一个打开的版面将用它给出方案";
    MsgModelNotRetrained: "the line model of {dir} was not trained again ({error}); the pages are proposed as before", "{dir} 的行模型未能重新训练（{error}）；版面仍按原样给出方案";
    MsgRetrainDied: "training the line model stopped unexpectedly; the pages are proposed as before", "行模型训练意外中止；版面仍按原样给出方案";
    StatusModelHover: "what proposes each page opened: the rules alone, or the rules refined by a line model learned from corrected pages (proofdesk train; a queue folder's own in .proofdesk/model.crfsuite)", "每个打开的版面由什么给出方案：仅规则，或由从已校正版面学得的行模型修正的规则（proofdesk train；队列文件夹自己的模型在 .proofdesk/model.crfsuite）";
    Unsaved: "● unsaved changes", "● 有未保存的改动";
    Saved: "no unsaved changes", "无未保存的改动";
    UndoDepth: "undo {n}", "可撤销 {n} 步";
    DraftResumed: "draft resumed", "已恢复草稿";
    AccessOlderText: "older text, for reading (Save as… to keep)", "旧文本，仅供阅读（另存为…可保留）";
    AccessLocked: "read-only: open in another desk ({holder}); Save as… to keep", "只读：已在另一个校对台打开（{holder}）；另存为…可保留";
    AccessSample: "bundled sample: not saved (Save as… to keep)", "内置示例：不保存（另存为…可保留）";
    AccessNothing: "no page open (File → Open…)", "未打开版面（文件 → 打开…）";
    Autosaved: "autosaved {time} UTC", "已自动保存 {time} UTC";
    Dismiss: "dismiss", "关闭此消息";
    DoubtsSettledHover: "every doubt of the proposal is settled ({n} on this page)", "自动方案的存疑均已处理（本版共 {n} 处）";
    DoubtsOpenHover: "decisions the proposal was unsure of; click or N: go to the next one", "自动方案没有把握的判断；单击或按 N：转到下一处";

    // Dialogs.
    Cancel: "Cancel", "取消";
    UnsavedHeading: "Unsaved changes", "未保存的改动";
    UnsavedClosing: "{file} has changes that are not saved. Save a draft before closing the window?",
        "{file} 有未保存的改动。关闭窗口前先保存草稿吗？";
    UnsavedOpening: "{file} has changes that are not saved. Save a draft before opening {path}?",
        "{file} 有未保存的改动。打开 {path} 前先保存草稿吗？";
    DiscardChanges: "Discard changes", "放弃改动";
    DoneHeading: "Doubts still open", "仍有未决存疑";
    DoneOne: "1 doubt is still open on {file}. Mark the page done anyway?", "{file} 上还有 1 项存疑未决。仍然标记为完成吗？";
    DoneSpot: "1 spot ({d} doubts) is still to check on {file}. Mark the page done anyway?", "{file} 上还有 1 处存疑（{d} 项）未决。仍然标记为完成吗？";
    DoneMany: "{n} spots ({d} doubts) are still to check on {file}. Mark the page done anyway?", "{file} 上还有 {n} 处存疑（{d} 项）未决。仍然标记为完成吗？";
    MarkDone: "Mark done", "标记完成";
    GoToNextDoubt: "Go to the next spot to check", "转到下一处存疑";
    StaleHeading: "The saved work does not fit this page", "保存的工作与此版面不符";
    StaleOpenFresh: "Open the page fresh (the old draft is kept aside)", "重新打开版面（旧草稿另行保留）";
    StaleOpenDraft: "Open the draft with its own text (for reading)", "以草稿自带的文本打开（仅供阅读）";
    StaleNothingDiscarded: "Nothing is discarded: choose how to go on.", "不会丢弃任何内容：请选择如何继续。";
    StaleOtherText: "The saved work in {fixture} was made for a different text of {page}: the page file has changed since (OCR run again?).",
        "{fixture} 中保存的工作是针对 {page} 的另一份文本做的：版面文件此后已改变（重新做过 OCR？）。";
    StaleUnreadable: "The saved work beside the page cannot be read: {error}.", "无法读取版面旁保存的工作：{error}。";
    ConflictHeading: "The saved work was changed elsewhere", "保存的工作已在别处被改动";
    ConflictText: "{path} was written by another desk or program after this desk read it. Nothing was overwritten: this desk's version is kept as {kept}.",
        "本校对台读取 {path} 之后，另一个校对台或程序写入了它。没有覆盖任何内容：本校对台的版本保存为 {kept}。";
    ConflictKeepMine: "Keep mine (the version on disk becomes the .bak)", "保留我的版本（磁盘上的版本改为 .bak）";
    ConflictOpenTheirs: "Open the version on disk (mine stays in the .conflict file)", "打开磁盘上的版本（我的版本留在 .conflict 文件中）";
    PromptOpenTitle: "Open a page or a folder", "打开版面或文件夹";
    PromptSaveTitle: "Save the fixture as", "样本文件另存为";
    PromptOpen: "Open", "打开";
    PromptSave: "Save", "保存";
    PromptPathLabel: "Path (Enter to confirm, Esc to cancel)", "路径（Enter 确认，Esc 取消）";
    PromptFolderAbove: "../  (the folder above)", "../  （上一级文件夹）";
    PromptBrowse: "Browse…", "浏览…";
    PromptBrowseHover: "the desktop's own file dialog", "桌面系统自带的文件对话框";
    PromptNoDesktopDialog: "no desktop file dialog is available here: type the path, or pick it from the list",
        "此处没有可用的桌面文件对话框：请输入路径，或从列表中选择";
    DialogOpenPage: "Open a page", "打开版面";
    LoadingPage: "Reading and proposing {name} ({mb} MB)… {secs} s", "正在读取 {name} 并生成自动方案（{mb} MB）… {secs} 秒";
    LoadingNote: "Large pages are read in the background; the desk stays open.", "大版面在后台读取；校对台仍可使用。";

    // The queue pane.
    QueueHeading: "Folder", "文件夹";
    QueueProgress: "{done}/{total} done", "已完成 {done}/{total}";
    QueueReading: "reading statuses {known}/{total}…", "正在读取状态 {known}/{total}…";
    QueueReviewedHover: "reviewed: every doubt of the proposal is settled", "已复核：自动方案的存疑均已处理";
    QueueSpotsHover: "{n} spots still to check on this page (as last proposed or saved)", "本版还有 {n} 处存疑待查（按最近一次自动方案或保存）";
    QueueReadingLostHover: "reading order lost: this page's lines do not read on from one to the next; extract it again with pdftotext -raw (or PyMuPDF), or open an OCR engine's hOCR or ALTO instead of its plain text", "阅读顺序已乱：本版各行文字前后接不上；请用 pdftotext -raw（或 PyMuPDF）重新提取，OCR 纯文本则改开其 hOCR 或 ALTO";

    // The picture pane.
    PictureHeading: "Page picture", "版面图片";
    PictureHide: "hide the picture ({key})", "隐藏图片（{key}）";
    PictureNone: "No picture of this page: put PAGE.png or PAGE.jpg beside the text file (for 001.raw.txt also 001.png).",
        "此版面没有图片：把 PAGE.png 或 PAGE.jpg 放在文本文件旁（001.raw.txt 也可配 001.png）。";
    PictureReading: "reading {name}…", "正在读取 {name}…";
    PictureFit: "Fit width", "适合宽度";
    PictureFollow: "Follow", "跟随";
    PictureFollowHover: "{label} — key {key}", "{label}——按键 {key}";
    PictureScale: "the scale the picture is drawn at, in percent of its own pixels", "图片显示的比例（相对于其原始像素）";
    PictureInfo: "{name} · {w}×{h} px", "{name} · {w}×{h} 像素";
    MsgCopiedSelection: "copied {n} characters of the selection", "已复制所选的 {n} 个字符";
    PictureAlt: "page picture {name}", "版面图片 {name}";
    PictureStopped: "reading the page picture stopped", "读取版面图片的过程中断了";

    // The outline.
    OutlineHeading: "Outline", "大纲";
    OutlineArticles: "{n} articles", "{n} 篇文章";
    OutlineBlockOne: "1 block{kind}", "1 块{kind}";
    OutlineBlocks: "{n} blocks{kind}", "{n} 块{kind}";
    OutlineKind: " [{kind}]", "（{kind}）";

    // The corrected pane, the find and "go to" bars.
    CorrectedHeading: "Corrected page", "校正稿";
    CorrectedHint: "click: select · Shift+click: select text · double-click / Enter: edit · drag: move · F1: all keys",
        "单击：选中 · Shift+单击：选择文字 · 双击 / Enter：编辑 · 拖动：移动 · F1：全部按键";
    GoToLabel: "Go to", "转到";
    GoToHint: "12 (article) or l120 (raw line)", "12（文章）或 l120（原文行）";
    GoToButton: "Go", "前往";
    CloseEsc: "close (Esc)", "关闭（Esc）";
    FindHint: "find in the page", "在版面中查找";
    FindNotInCorrected: "not in the corrected text", "校正稿中没有";
    FindOf: "{k} of {n}", "第 {k} 处，共 {n} 处";
    FindFound: "{n} found", "找到 {n} 处";
    FindRaw: "{where} · {n} in the raw text", "{where} · 原文中 {n} 处";
    ArticleHandle: "≡ Article {n}", "≡ 文章 {n}";
    ArticleHandleHover: "drag to move the article; drop a block here to move it into this article",
        "拖动可移动文章；把块拖放到这里即移入本文章";
    KindLabel: "kind", "类型";
    ArticleInfo: "{id} · {n} blocks", "{id} · {n} 块";
    TagEdited: "edited", "已改";
    ShowPartBeforeBlock: "show the part of the block before this one", "显示此块的前一部分";
    ShowPartAfterBlock: "show the part of the block after this one", "显示此块的后一部分";
    ShowPartBeforeLine: "show the part of the line before this one", "显示此行的前一部分";
    ShowPartAfterLine: "show the part of the line after this one", "显示此行的后一部分";
    PartBeforeLine: "◀ ({n} characters before; the line is shown in part) …", "◀（前面还有 {n} 个字符；此行只显示一部分）…";
    PartAfterLine: "… ({n} more characters; the line is shown in part) ▶", "…（后面还有 {n} 个字符；此行只显示一部分）▶";
    PartBeforeBlock: "◀ ({n} characters before; the block is shown in part) …", "◀（前面还有 {n} 个字符；此块只显示一部分）…";
    PartAfterBlock: "… ({n} more characters; the block is shown in part) ▶", "…（后面还有 {n} 个字符；此块只显示一部分）▶";
    NotCompared: "vs. automatic: not compared ({what}; blocks over {max} characters are not compared)",
        "与自动文本对比：未比较（{what}；超过 {max} 个字符的块不作比较）";
    NotComparedBlockLong: "the block has {n} characters", "此块有 {n} 个字符";
    NotComparedAutoLong: "its automatic text is long", "其自动文本过长";
    VsAutomatic: "vs. automatic:", "与自动文本对比：";
    EditingBlock: "Editing block text", "正在编辑块文本";
    BlockTextHint: "block text", "块文本";
    EditKeep: "Keep", "保留文本";
    EditSplit: "Split at cursor", "在光标处拆分";
    EditDiscard: "Discard", "放弃";
    TooLongHeading: "This block is too long to edit in place", "此块太长，无法就地编辑";
    TooLongText: "It has {n} characters; blocks of up to {max} characters are edited in place. Its text is left as it is.",
        "它有 {n} 个字符；不超过 {max} 个字符的块才能就地编辑。其文本保持不变。";
    Close: "Close", "关闭";
    DragArticle: "Article {n}: {title}", "文章 {n}：{title}";
    MissingGlyph: "U+{code}: the font has no glyph for this character", "U+{code}：字体中没有此字符的字形";

    // The raw pane.
    RawHeading: "Raw text", "原文";
    RawWhitespace: "whitespace", "空白";
    RawNote: "as extracted · read-only", "提取原样 · 只读";
    RawLine: "raw line {n}", "原文第 {n} 行";
    RawFeedsBlock: "article {a} «{title}», block {b} ({role})", "文章 {a}《{title}》第 {b} 块（{role}）";
    RawFeedsNone: "feeds no block (blank line)", "不属于任何块（空行）";
    RawFeeds: "feeds {list}", "属于 {list}";

    // Status messages of the desk.
    MsgSaved: "saved {path} ({status})", "已保存 {path}（{status}）";
    MsgNotSaved: "not saved", "未保存";
    MsgAutosaveFailed: "autosave failed", "自动保存失败";
    MsgConflict: "{what}: {path} was changed by another desk or program; your version is kept as {kept}",
        "{what}：{path} 已被另一个校对台或程序改动；你的版本保存为 {kept}";
    MsgSaveFailed: "{what}: {error}. Your changes are kept here; use Save as… to save elsewhere",
        "{what}：{error}。你的改动仍保留在这里；可用“另存为…”保存到别处";
    MsgOpenSampleFirst: "save or undo the changes on the desk before opening the sample", "打开示例前，请先保存或撤销校对台上的改动";
    MsgOpenedTheirs: "opened the version on disk; yours is kept as {kept}", "已打开磁盘上的版本；你的版本保存为 {kept}";
    MsgCannotKeepMine: "cannot keep your version in {kept}: {error}; the version on disk was not opened", "无法把你的版本保存到 {kept}：{error}；未打开磁盘上的版本";
    MsgDoneToDraft: "this page was done; the change makes it a draft again (Ctrl+D marks it done)",
        "此版面原已完成；这次改动使它重新成为草稿（Ctrl+D 标记完成）";
    MsgNothingToUndo: "nothing to undo", "没有可撤销的操作";
    MsgNothingToRedo: "nothing to redo", "没有可重做的操作";
    MsgOlderTextNoSave: "this draft is open with its own older text; use Save as… to keep it elsewhere",
        "此草稿是以其自带的旧文本打开的；请用“另存为…”保存到别处";
    MsgLockedNoSave: "this page is open in another desk ({holder}); this one only reads it: use Save as… to keep your changes elsewhere",
        "此版面已在另一个校对台打开（{holder}）；本校对台只读：请用“另存为…”把改动保存到别处";
    MsgSaveAsLocked: "{path} is open in another desk ({holder}): it is not written from here; choose another name",
        "{path} 已在另一个校对台打开（{holder}）：本校对台不写入它；请另选文件名";
    MsgSampleNoSave: "the bundled sample page is not saved beside the program or into this folder; use Save as… to keep your corrections",
        "内置示例版面不会保存在程序旁或此文件夹中；请用“另存为…”保留你的校正";
    MsgNothingToSave: "no page is open: nothing to save", "未打开版面：没有可保存的内容";
    MsgChooseConflictFirst: "{path} was changed by another desk or program: choose which version to keep first",
        "{path} 已被另一个校对台或程序改动：请先选择保留哪个版本";
    MsgExportNeedsPage: "open a page or a folder first: its done pages are exported", "请先打开版面或文件夹：导出的是其中已完成的版面";
    MsgExportStopped: "the export of {dir} stopped: {error}", "{dir} 的导出中断了：{error}";
    MsgExporting: "exporting the folder's done pages…", "正在导出文件夹中已完成的版面…";
    MsgExportLeftUnsaved: "The unsaved changes to {file} could not be saved first: the export holds the page as it was last saved (only pages marked done are exported).", "{file} 的未保存改动未能先行保存：导出中是该版最近一次保存时的样子（只导出已标记完成的版面）。";
    MsgExported: "exported {pages} pages ({articles} articles, {lines} lines) to {dir}",
        "已导出 {pages} 个版面（{articles} 篇文章，{lines} 行）到 {dir}";
    MsgExportDied: "the export stopped before it finished", "导出未完成就中断了";
    MsgSimilarFolderDied: "the correction of the folder's other pages stopped before it finished: some may be corrected, others not; open them to see", "文件夹其他版面的批量更正未完成就中断了：部分版面可能已更正、部分没有；请打开查看";
    MsgSimilarFolderUnread: "{n} of the folder's pages could not be searched for the word (first: {file}: {error}); they are not in the offer", "文件夹中有 {n} 个版面无法检索此词（第一个：{file}：{error}），未列入";
    MsgSelectToCopy: "select a block first: Ctrl+C copies its text", "请先选中一个块：Ctrl+C 复制其文本";
    MsgCopiedCorrected: "copied {n} characters of corrected text", "已复制 {n} 个字符的校正文本";
    MsgCopiedRaw: "copied {n} characters of raw text", "已复制 {n} 个字符的原文";
    GoToNoArticle: "there is no article {n}: the page has {count}", "没有第 {n} 篇文章：本版共 {count} 篇";
    GoToNoLine: "there is no raw line {n}: the page has {count}", "没有原文第 {n} 行：本版共 {count} 行";
    GoToNoBlock: "no block comes from raw line {n} or after it", "原文第 {n} 行及其后的文字不属于任何块";
    GoToHowTo: "type an article number (12) or a raw line (l120)", "请输入文章编号（12）或原文行（l120）";
    MsgCannotStartReading: "cannot start reading {path}: {error}", "无法开始读取 {path}：{error}";
    MsgReadingStopped: "reading {path} stopped unexpectedly; try opening it again", "读取 {path} 意外中断；请再次打开";
    MsgCannotOpenFolder: "cannot open the folder {path}: {error}", "无法打开文件夹 {path}：{error}";
    MsgNoPageFiles: "{path} has no page files", "{path} 中没有版面文件";
    MsgModelRefused: "the line model {path} cannot be used ({error}); the rules propose alone", "无法使用行模型 {path}（{error}）；仅由规则给出方案";
    MsgUndoKept: "its undo history is kept (Ctrl+Z)", "其撤销历史仍保留（Ctrl+Z）";
    MsgBackOnPage: "back on this page: {kept}", "回到此版面：{kept}";
    MsgEmptyPage: "{file} has no text (empty or only whitespace): nothing to correct", "{file} 没有文字（空文件或只有空白）：无可校正";
    MsgCannotMoveAside: "cannot move {path} aside: {error}; nothing was opened", "无法把 {path} 移到一旁：{error}；未打开任何内容";
    MsgOldDraftKept: "the old draft is kept as {path}", "旧草稿保存为 {path}";
    MsgDraftOwnText: "the draft's own text, for reading: the page file has changed since; Save as… keeps a copy",
        "草稿自带的文本，仅供阅读：版面文件此后已改变；“另存为…”可保留副本";
    MsgNoFolder: "no folder is open (File → Open folder…)", "未打开文件夹（文件 → 打开文件夹…）";
    MsgNoFurtherPage: "no further page in this direction", "这个方向上没有更多版面了";
    MsgLockedNote: "{file} is open in another desk ({holder}): this desk only reads it; Save as… keeps a copy of your changes",
        "{file} 已在另一个校对台打开（{holder}）：本校对台只读；“另存为…”可保留改动的副本";
    MsgResumed: "resumed {path} ({status})", "已恢复 {path}（{status}）";
    MsgNoDoubts: "the proposal has no doubts on this page", "自动方案在本版没有存疑";
    MsgNoOpenDoubt: "no doubt is open: the page is reviewed √", "没有未决存疑：本版已复核 √";
    MsgNoCurrentDoubt: "no doubt is current: N goes to the next one", "当前没有选中的存疑：按 N 转到下一处";
    MsgAlreadySettled: "this doubt is already settled ({how}); N goes to the next open one", "此项存疑已处理（{how}）；按 N 转到下一处未决存疑";
    MsgOnlyDoubtHere: "this is the only open doubt at this spot", "本处只有这一项未决存疑";
    MsgAllSettled: "every doubt is settled: the page is reviewed √", "全部存疑均已处理：本版已复核 √";
    MsgAcceptedRuleOne: "accepted 1 open doubt of the rule “{rule}” (Ctrl+Z takes them back)",
        "已接受规则“{rule}”的 1 项未决存疑（Ctrl+Z 可撤回）";
    MsgAcceptedRule: "accepted {n} open doubts of the rule “{rule}” (Ctrl+Z takes them back)",
        "已接受规则“{rule}”的 {n} 项未决存疑（Ctrl+Z 可撤回）";

    // The editor's refusals (the English text is the core's, see `edit_error`).
    ErrNoArticle: "there is no article {n}; the page has changed since the action was made", "没有第 {n} 篇文章；操作发出后版面已改变";
    ErrNoBlock: "there is no block {b} in article {a}; the page has changed since the action was made", "第 {a} 篇文章中没有第 {b} 块；操作发出后版面已改变";
    ErrNoDoubt: "there is no doubt {n} on this page; the page has changed since the action was made", "本版没有第 {n} 项存疑；操作发出后版面已改变";
    RefusedStartsArticle: "this block already starts its article", "此块已经是文章的开头";
    RefusedLastBlock: "this is the last block of its article; nothing to join", "这是文章的最后一块；没有可合并的";
    RefusedFirstArticle: "the first article has no article before it", "第一篇文章之前没有文章";
    RefusedCursor: "put the cursor inside the text to split the block there", "请把光标放在文本中间再拆分块";
    RefusedNothingToTurn: "no article here has both a headline stack and text: nothing to turn round", "这里没有同时有标题组和正文的文章：无可翻转";
    RefusedDoubtGone: "the text this doubt is about is no longer on the page; edit it by hand", "此项存疑涉及的文字已不在版面上；请手工编辑";
    RefusedNothingFollows: "nothing follows this headline stack on the page", "版面上此标题组之后没有内容";
    RefusedNoCompeting: "this decision has no competing choice of that kind", "此判断没有这种备选";
    RefusedDifferentBlocks: "the two characters are in different blocks now; join them first", "这两个字符现在分属不同的块；请先合并";
    MsgTypeMisreadWord: "Type the right reading over the selected word; Enter keeps it.", "在选中的词上输入正确的写法；Enter 保存。";
    RefusedNotThere: "the text to correct is no longer there; look again", "要更正的文字已不在原处；请重新查看";
    SimilarTitle: "Correct all similar", "更正所有相同之处";
    SimilarSummary: "“{from}” → “{to}” at {n} more place(s) on this page:", "本版另有 {n} 处“{from}”，可改为“{to}”：";
    SimilarSummaryInChinese: "“{from}” inside Chinese text → “{to}” at {n} more place(s) on this page:", "本版中文里另有 {n} 处“{from}”，可改为“{to}”：";
    SimilarAll: "Correct all", "全部更正";
    SimilarChecked: "Correct the {n} checked (Enter)", "更正勾选的 {n} 处（Enter）";
    SimilarSkip: "Skip (Esc)", "跳过（Esc）";
    SimilarLooking: "Looking in the folder's other pages…", "正在查找本文件夹的其他页面……";
    SimilarFolder: "Also elsewhere in this folder: {n} place(s) on {pages} other page(s)", "本文件夹其他页面：{pages} 页共 {n} 处，一并更正";
    MsgSimilarFolderDone: "Corrected “{from}” → “{to}” at {n} place(s) on {pages} other page(s) of the folder (saved as drafts; each page's fixture before is kept as .bak).", "已在本文件夹另外 {pages} 页的 {n} 处把“{from}”改为“{to}”（已存为草稿；各页原文件保留为 .bak）。";
    MsgSimilarFolderLeft: "Left {file} as it was: {error}", "未改动 {file}：{error}";
    MsgSimilarNone: "No other place on this page holds “{from}”: nothing else to correct.", "本版没有别处含“{from}”，无需一并更正。";
    MsgSimilarNoneInChinese: "No other place on this page holds “{from}” inside Chinese text: nothing else to correct.", "本版中文里别处没有“{from}”，无需一并更正。";
    MsgSimilarDone: "Corrected “{from}” → “{to}” at {n} more place(s) (Ctrl+Z undoes them at once).", "已在另外 {n} 处把“{from}”改为“{to}”（Ctrl+Z 一次撤销）。";
    RefusedMisreadIsTyped: "only you know the right reading of a misread word: type it (Enter edits the block)", "识别错的词只有您知道正确写法：请输入（Enter 编辑此块）";
}

/// The keys whose Chinese text has no Chinese character, on purpose:
/// a symbol that reads the same in both languages, Chinese brackets
/// around a value, and the Chinese list mark.
pub const NOT_CJK: &[Msg] = &[Msg::QueueUnknown, Msg::OutlineKind, Msg::ListSeparator];

/// The refusals of the editor ([`EditError::Refused`]) that the table
/// translates; their English text is the core's, word for word.
const REFUSALS: [Msg; 11] = [
    Msg::RefusedStartsArticle,
    Msg::RefusedLastBlock,
    Msg::RefusedFirstArticle,
    Msg::RefusedCursor,
    Msg::RefusedNothingToTurn,
    Msg::RefusedDoubtGone,
    Msg::RefusedNothingFollows,
    Msg::RefusedNoCompeting,
    Msg::RefusedDifferentBlocks,
    Msg::RefusedMisreadIsTyped,
    Msg::RefusedNotThere,
];

impl Msg {
    /// A role's long name.
    #[must_use]
    pub fn role(role: Role) -> Self {
        match role {
            Role::Kicker => Self::RoleKicker,
            Role::Headline => Self::RoleHeadline,
            Role::Subheadline => Self::RoleSubheadline,
            Role::Byline => Self::RoleByline,
            Role::Body => Self::RoleBody,
            Role::Subhead => Self::RoleSubhead,
            Role::Caption => Self::RoleCaption,
            Role::Source => Self::RoleSource,
            Role::Section => Self::RoleSection,
            Role::PageHeader => Self::RolePageHeader,
        }
    }

    /// A role's short tag, shown beside each block.
    #[must_use]
    pub fn role_tag(role: Role) -> Self {
        match role {
            Role::Kicker => Self::TagKicker,
            Role::Headline => Self::TagHeadline,
            Role::Subheadline => Self::TagSubheadline,
            Role::Byline => Self::TagByline,
            Role::Body => Self::TagBody,
            Role::Subhead => Self::TagSubhead,
            Role::Caption => Self::TagCaption,
            Role::Source => Self::TagSource,
            Role::Section => Self::TagSection,
            Role::PageHeader => Self::TagPageHeader,
        }
    }

    /// An article kind.
    #[must_use]
    pub fn article_kind(kind: ArticleKind) -> Self {
        match kind {
            ArticleKind::Article => Self::KindArticle,
            ArticleKind::Continuation => Self::KindContinuation,
            ArticleKind::SectionBanner => Self::KindSectionBanner,
            ArticleKind::CaptionOnly => Self::KindCaptionOnly,
            ArticleKind::PageHeader => Self::KindPageHeader,
        }
    }

    /// A page status.
    #[must_use]
    pub fn status(status: Status) -> Self {
        match status {
            // As the folder's list says it: the proposal, never saved.
            Status::Auto => Self::QueueNew,
            Status::Draft => Self::StatusDraft,
            Status::Done => Self::StatusDone,
        }
    }

    /// A page's state in the folder queue.
    #[must_use]
    pub fn page_state(state: PageState) -> Self {
        match state {
            PageState::Unknown => Self::QueueUnknown,
            PageState::New => Self::QueueNew,
            PageState::Draft => Self::StatusDraft,
            PageState::Done => Self::StatusDone,
            PageState::Damaged => Self::QueueDamaged,
        }
    }

    /// The offer's heading for `correction`'s places on the page, and
    /// what is said where the page has none: a mark read for a character
    /// is sought inside Chinese text only, and says so.
    #[must_use]
    pub fn similar_here(correction: &crate::concordance::Correction) -> (Self, Self) {
        if correction.inside_chinese() {
            (Self::SimilarSummaryInChinese, Self::MsgSimilarNoneInChinese)
        } else {
            (Self::SimilarSummary, Self::MsgSimilarNone)
        }
    }

    /// What a doubt is about.
    #[must_use]
    pub fn doubt_kind(kind: Kind) -> Self {
        match kind {
            Kind::LineEnd => Self::DoubtKindLineEnd,
            Kind::Space => Self::DoubtKindSpace,
            Kind::Boundary => Self::DoubtKindBoundary,
            Kind::Attachment => Self::DoubtKindAttachment,
            Kind::Role => Self::DoubtKindRole,
            Kind::Orientation => Self::DoubtKindOrientation,
            Kind::Punctuation => Self::DoubtKindPunctuation,
            Kind::Recognition => Self::DoubtKindRecognition,
        }
    }

    /// A choice of a decision.
    #[must_use]
    pub fn choice(choice: Choice) -> Self {
        match choice {
            Choice::Join => Self::ChoiceJoin,
            Choice::Break => Self::ChoiceBreak,
            Choice::Remove => Self::ChoiceRemove,
            Choice::Keep => Self::ChoiceKeep,
            Choice::SameArticle => Self::ChoiceSameArticle,
            Choice::NewArticle => Self::ChoiceNewArticle,
            Choice::AttachBefore => Self::ChoiceAttachBefore,
            Choice::AttachAfter => Self::ChoiceAttachAfter,
            Choice::HeadlinesAfter => Self::ChoiceHeadlinesAfter,
            Choice::HeadlinesBefore => Self::ChoiceHeadlinesBefore,
            Choice::Role(role) => Self::role(role),
            Choice::Mark(mark) => Self::mark(mark),
            Choice::ReadRight => Self::ChoiceReadRight,
            Choice::Misread => Self::ChoiceMisread,
        }
    }

    /// Side `choice` of decision `d`: as [`Self::choice`], but a mark the
    /// engine did not read, written after its glyph, is taken back by
    /// writing no mark, not the one "as read".
    #[must_use]
    pub fn side(d: &crate::doubt::Decision, choice: Choice) -> Self {
        match choice {
            Choice::Mark(Mark::AsRead) if d.flip.writes_after() => Self::ChoiceNoMark,
            other => Self::choice(other),
        }
    }

    /// A punctuation mark a repair writes.
    #[must_use]
    pub fn mark(mark: Mark) -> Self {
        match mark {
            Mark::AsRead => Self::ChoiceMarkAsRead,
            Mark::Comma => Self::ChoiceMarkComma,
            Mark::Enumeration => Self::ChoiceMarkEnumeration,
            Mark::FullStop => Self::ChoiceMarkFullStop,
            Mark::Colon => Self::ChoiceMarkColon,
            Mark::Semicolon => Self::ChoiceMarkSemicolon,
            Mark::Question => Self::ChoiceMarkQuestion,
            Mark::Exclamation => Self::ChoiceMarkExclamation,
            Mark::OpenBracket => Self::ChoiceMarkOpenBracket,
            Mark::CloseBracket => Self::ChoiceMarkCloseBracket,
            Mark::Percent => Self::ChoiceMarkPercent,
            Mark::DecimalPoint => Self::ChoiceMarkDecimalPoint,
            Mark::Ratio => Self::ChoiceMarkRatio,
            Mark::Slash => Self::ChoiceMarkSlash,
            Mark::OpenQuote => Self::ChoiceMarkOpenQuote,
            Mark::CloseQuote => Self::ChoiceMarkCloseQuote,
            Mark::CloseTitle => Self::ChoiceMarkCloseTitle,
            Mark::OpenCorner => Self::ChoiceMarkOpenCorner,
            Mark::CloseCorner => Self::ChoiceMarkCloseCorner,
            Mark::NameDot => Self::ChoiceMarkNameDot,
            Mark::Dash => Self::ChoiceMarkDash,
        }
    }

    /// How a doubt was settled.
    #[must_use]
    pub fn resolution(resolution: Resolution) -> Self {
        match resolution {
            Resolution::Accepted => Self::ResolvedAccepted,
            Resolution::Flipped => Self::ResolvedFlipped,
            Resolution::Edited => Self::ResolvedEdited,
        }
    }
}

/// Why the editor refused an action, in `lang`. A refusal the table does
/// not know (a new one in the core) is shown in the core's English.
#[must_use]
pub fn edit_error(error: &EditError, lang: Lang) -> String {
    match error {
        EditError::NoArticle(n) => lang.fill(Msg::ErrNoArticle, &[("n", n)]),
        EditError::NoBlock(a, b) => lang.fill(Msg::ErrNoBlock, &[("a", a), ("b", b)]),
        EditError::NoDoubt(n) => lang.fill(Msg::ErrNoDoubt, &[("n", n)]),
        EditError::Refused(why) => REFUSALS
            .into_iter()
            .find(|m| m.text()[0] == *why)
            .map_or_else(|| (*why).to_owned(), |m| lang.get(m).to_owned()),
    }
}

/// The plain words of a rule, `[English, Chinese]`: the English is the
/// core's ([`Evidence::explanation`]), the Chinese is here.
#[must_use]
pub fn rule(evidence: Evidence) -> [&'static str; 2] {
    [evidence.explanation(), rule_zh(evidence)]
}

/// Defines `rule_zh`: every rule's plain words in Chinese, an exhaustive
/// match (a new rule does not compile without its words).
macro_rules! rules_zh {
    ($($rule:ident: $zh:literal;)*) => {
        fn rule_zh(evidence: Evidence) -> &'static str {
            match evidence {
                $(Evidence::$rule => $zh,)*
            }
        }
    };
}

rules_zh! {
    MidSentence: "行在栏边停在句中，文字接续下去";
    OpenBracket: "括号在行尾仍未闭合，文字接续下去";
    GapAfterSentence: "行与行之间本无空行，句末之后的空行结束段落";
    TitleBlock: "识别引擎的纯文本中，自成一块、后接标题或电头的标题行结束前文，即使前文停在句中（引擎漏掉了句末标点）";
    PhotoNoteEndsTitle: "行尾括号注明配有图片，是标题的末行，下一行另起一块";
    DescriptionOverCredit: "该行未结束句子，下一行是单独成行的摄影署名，故该行是图片说明的文字，与署名合为一条图片说明";
    CreditRunsOver: "摄影署名从行尾跨到下一行，下一行只有署名的其余部分和“摄”，故两行合为一条图片说明";
    SentenceEndAtFullLine: "句子恰在栏边结束，下一行没有缩进：是否接续只是推测";
    SentenceEndBeforeOtherSetting: "句子恰在栏边结束，下一行没有缩进、字距与本行不同：是否接续只是推测";
    ShortFirstLine: "没有句末标点的较短首行按接续处理";
    FullFirstLine: "块的首行占满整栏、停在句中：按接续处理，但段落首行应有缩进，这一行也可能是标题";
    FullFirstLineBeforeIndent: "块的首行占满整栏、没有缩进，下一行缩进：段落从缩进行开始，这一整行（标题）在此结束";
    TitleWrap: "排在同一框中的几行标题是一个标题";
    WordReadsOn: "一个词跨过行尾接续下去（“困”／“难重重”）：两行是同一段文字";
    ShortLine: "此行以句末标点结束且明显较短：段落结束";
    NearlyFullLine: "此行以句末标点结束且略短：段落大概结束";
    NextIndented: "下一行看来有缩进（短两格）：新段落";
    NextIndentedWithFigures: "下一行看来有缩进（短两格），但其中有数字或拉丁字母，行宽只是估计";
    NextIndentedEndsSentence: "下一行看来有缩进（短两格），但它本身以句末结束：可能是一行的段落，也可能是本段的末行";
    CreditEndsCaption: "本行是图片说明的署名（……摄），图片说明到此为止：下一行另起一块";
    DatelineLine: "本行以电头开头，是正文：行尾按正文判断";
    BracketBeforeIndent: "整行以右括号收尾，下一行缩进且未结句：只能是新段落的首行，本段在括号后结束";
    KeptIndent: "下一行保留段首缩进（全角空格），此行没有：新段落从那里开始";
    CommaBeforeIndent: "页面图像上下一行有缩进：此行末的逗号是误认的句号，段落在此结束";
    UnendedBeforeIndent: "页面图像上下一行有缩进而此行止于词语或不结句的标点：识别漏掉或认错了句号，段落在此结束";
    OtherSize: "页面图像上下一行字号不同：块在此结束";
    LowerBand: "页面图像上下一行在版面下方另一栏区：正文不会接续过去，块在此结束";
    BoxApart: "提取工具把下一行所在的文本框另行写出，且没有线索把两者连起来：块在此结束";
    BoxWordReadsOn: "此文本框停在句中，后面一个文本框以句中文字开头，且有词语跨过两者：把它移到这里接续";
    BoxRunsOn: "此文本框停在句中，把其后最近一个以句中文字开头的文本框移到这里接续（两者之间没有跨行的词语，属于猜测）";
    NextStandsAlone: "下一行独立成行或是文章开头（电头、署名、图片说明）";
    HeadingNext: "后面是“案情简介：”这类小标题";
    TitleNext: "句末之后是标题";
    ShortMidPhrase: "停在短语中间的短行是小标题的结尾";
    StandsAlone: "此行是单独的标题、图片说明、署名或注释";
    OpensAfterComma: "逗号之后紧接电头或续文标记：要么它不是文章开头，要么前一行识别有误";
    TitleishLines: "这些行中可能有一行是夹在正文中的标题，所以是否相连只是推测";
    TitleStandsApart: "上一行可能是标题，这一行宽得不像它折下的余字";
    LetterSpacing: "字距拉开的行中的单个空格是排版所致";
    NextToLatin: "数字或拉丁字母旁的空格是提取时加入的";
    NextToLatinInTitle: "标题中数字前的空格是提取时加的，除非它隔开标题的两部分";
    NextToPunctuation: "中文标点旁的空格是排版所致";
    SpaceInBody: "正文中的真实空格已删除";
    LatinWords: "拉丁文单词或数字之间的空格保留";
    Credit: "署名中的空格（记者 王凤侠）保留";
    TitlePhrase: "标题、图片说明或栏目中两个短语之间的空格保留";
    AfterDateline: "电头之后的空格保留";
    Dateline: "电头或续文标记是文章的开头";
    RunningText: "段落接续其所在的文章";
    AfterCaption: "紧接图片说明的段落：图片说明可能已结束了这篇文章";
    HeadFirstText: "标题在前的文章延续到它的图片说明或下一篇的电头";
    DatelineAfterStack: "紧接标题之后的电头或署名与标题同属一篇";
    AfterClosedArticle: "以来源注结束的文章之后的段落开始新文章";
    AfterHeadlines: "本版标题在正文之后，所以标题之后的段落开始下一篇文章";
    BylineOpens: "署名是文章的开头";
    TailOfArticle: "小标题或来源注属于其所在的文章";
    StandsApart: "栏目、图片说明和版头各自独立";
    CaptionOverText: "页面图像上图片说明紧压在下一篇文章首行之上，其上方没有正文：它属于下一篇";
    AfterBodyBeforeDateline: "此处标题在正文之后，电头开始下一篇文章";
    AfterBodyOnly: "此处标题在正文之后，但没有标记表明下一篇文章从哪里开始";
    HeadsNextArticle: "本版标题在正文之前";
    StackInsideSentence: "这组标题夹在一句话中间：前文停在词语上，后文不以电头开头（跨两栏的标题按栏识别时被拆开的后半）";
    LoneStack: "此处标题在正文之后，但这组标题之前没有正文：它是其后正文的标题";
    StackOverUntitledText: "提取工具把这组标题与它能领起的正文分开写出（并排的标题先写）：它领起其后第一篇以电头开头而没有标题的文章";
    GluedHeadline: "粘在电头上的标题表明标题在正文之后";
    VisualOrder: "识别引擎自上而下读版面，所以标题在其正文之前";
    ColumnsSideBySide: "文本保留了版面上并排的各栏；按栏逐一阅读时，标题在其正文之前";
    BothPageEnds: "版面首尾两端对标题位置的判断一致";
    OnePageEnd: "版面的一端表明了标题的位置";
    NoPageEnd: "版面两端都看不出标题的位置：按多数提取结果，视为在正文之后";
    ContinuationSides: "续文之前紧接的内容表明标题的位置";
    OnlyTitle: "标题组中唯一的标题是主题";
    TitleSizes: "页面图像上标题组各行字号不同：最大的是主题，其上为引题，其下为副题";
    KickerCue: "结尾像引言（…强调）的第一个标题是引题";
    LetterSpacedKicker: "压在普通标题之上、字距拉开的第一个标题是引题";
    NarrowerFirst: "两个标题中，较窄的第一个视为引题";
    WiderFirst: "两个标题中，较宽的第一个视为主题";
    SimilarWidths: "两个标题宽度相近：哪个是主题只是推测";
    DashSubheadline: "以破折号开头的标题是副题";
    StackPosition: "三个标题成组时，第一个是引题，最后一个是副题";
    HeadingInArticle: "同一文章段落之间的标题（带编号、冒号或缩进）是小标题";
    ColonHeading: "以冒号结尾的短行是小标题";
    TitleInBodyColumn: "没有句子标点的短段落视为标题";
    Banner: "字距拉开的短行是栏目名";
    Motto: "与栏目同框的标题是其题语";
    Paragraph: "正文段落";
    UnendedParagraph: "没有确定句末（无句末标点或以省略号结尾）的短段落可能是标题";
    TitleishParagraph: "首行可能是小标题的段落";
    HeadlineAfterBody: "首行可能是前一篇文章标题的段落";
    FullFirstLineParagraph: "首行可能是标题且占满整栏的段落：段落首行应有缩进，这一行多半是标题";
    Pattern: "按格式识别（图片署名、署名、来源注、版头）";
    AsciiComma: "中文旁的半角逗号读作“，”";
    AsciiCommaNoRing: "页面图像上墨迹不是句号小圈的中文旁半角逗号读作“，”";
    CommaEndsParagraph: "段落不以逗号结束：读作“。”";
    DigitMark: "数字旁的英文 % . : / 读作中文版面所用的全角符号";
    ApostropheInList: "英文撇号附近还有列举符号：分隔列举项，读作“、”";
    ColonAfterSaying: "“说”“道”“问”后的英文冒号读作“：”，引出所说的话";
    ColonBeforeSpace: "后面留空的英文冒号读作“：”（全角冒号的空白半格）";
    StraightQuote: "中文旁的直引号按其配对读作“或”";
    AngleForBracket: "“记者”前或由括号收尾的“《”或“【”读作“（”";
    BarClosesPartner: "未闭合的括号或书名号之后的 | 或 } 读作“）”或“》”";
    AsteriskAfterWord: "紧跟词语的星号读作“。”";
    CornerQuoteMisread: "收住前面几字内未闭合的“『”的 J 或 4 读作“』”，开启它的 [ 读作“『”";
    DotInName: "外国人名两段之间的“:”或“'”读作间隔号“·”";
    ApostropheAfterNumber: "数字后的英文撇号是序号或数字列举，读作“、”";
    CommaBetweenDigits: "数字间的逗号（其后不是三位数）读作小数点“．”";
    DashReadAsOne: "连续三个“一”是识别成“一”的破折号“———”";
    DashBesideOne: "连续四个以上的“一”：其中三个是破折号“———”，与前后文成词的“一”保留";
    ExclamationForMark: "未闭合的“《”之后、词语之间的“!”读作“》”；“记者”前的“!”读作“（”";
    SemicolonBeforeComma: "词语后紧挨逗号的英文分号是“：”的两点，读作“：”";
    StopBoxedAsComma: "框成行脚之上小点的逗号读作“。”";
    NoRing: "页面图像上墨迹不是句号小圈的撇号或冒号读作其位置给出的另一种标点（“、”或“：”）";
    StopInked: "页面图像上墨迹是句号小圈的逗号、撇号或冒号读作“。”";
    StopUnread: "页面图像上行末字后的小点（离行脚较远）是识别时漏掉的“。”";
    CommaUnread: "页面图像上行末字后贴近行脚的小墨点是识别时漏掉的“，”";
    DotUnread: "页面图像上行末字后句号位置的实心小点是识别时漏掉的“。”（也可能是“、”）";
    EnumerationUnread: "页面图像上行末字后、行中部离开字形的小实心笔画是识别时漏掉的“、”";
    StackedUnread: "页面图像上行末小点叠在另一小点（或逗号）之上，是识别时漏掉的“：”（或“；”）";
    StackedInked: "页面图像上墨迹是行中部小点叠在另一小点（或逗号）之上的逗号读作“：”（或“；”）";
    DotInked: "页面图像上墨迹是行中部、离开行脚和两旁字形的小圆点的逗号读作“·”";
    EnumerationInked: "页面图像上墨迹是行中部、离开行脚和两旁字形的小实心笔画的逗号读作“、”";
    QuoteInked: "行末另一标点后读出的标点，在页面图像上是贴近行顶、上重下轻的引号，读作“””";
    QuoteUnread: "页面图像上行末字或标点后、贴近行顶且上重下轻的引号是识别时漏掉的“””";
    HalfWidthMark: "提取文本中紧挨中文的半角标点就是同形的全角标点（“,”即“，”，“:”即“：”）";
    AsciiSemicolon: "中文旁的半角分号读作“；”";
    AsciiSentenceMark: "中文后的半角 ! 或 ? 读作“！”或“？”";
    MisreadBracket: "中文旁的半角括号或尖括号，以及闭合已开括号的“)”，读作“（”或“）”";
    BacktickBetweenWords: "两个中文词之间的反引号，或词后的反斜杠，读作“、”";
    ApostropheAfterWord: "中文词后的撇号读作“。”（也可能是“、”）";
    ColonBetweenWords: "两个中文词之间的冒号读作“。”（也可能是“：”）";
    ColonBeforeOther: "中文词后、数字、字母或其他标点前的冒号读作“：”";
    ColonEndsParagraph: "段落不以冒号结尾：读作“。”";
    VeryUnsureWord: "识别引擎对此词的把握不到 30%";
    UnsureWord: "识别引擎对此词的把握不到 70%";
    ModelSure: "从已校正版面学得的行模型在此改变了规则的选择，且有把握";
    ModelUnsure: "从已校正版面学得的行模型在此改变了规则的选择，但把握不大";
    ModelConfirms: "规则在此没有把握；从已校正版面学得的行模型同意规则，且有把握";
}

#[cfg(test)]
mod tests {
    /// Whether `text` holds a Chinese character (CJK unified ideographs).
    fn has_cjk(text: &str) -> bool {
        text.chars().any(|c| {
            matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
        })
    }

    use super::{Lang, Msg, NOT_CJK, REFUSALS, edit_error, fill, placeholders, rule};
    use crate::doubt::Evidence;
    use crate::edit::{Action, BlockRef, EditError, Editor};
    use std::collections::{HashMap, HashSet};

    #[test]
    fn a_written_unread_mark_is_taken_back_by_writing_none() {
        use crate::doubt::{Choice, Decision, Evidence, Flip, Kind};
        use crate::punct::Mark;
        let mut d = Decision::at(
            Kind::Punctuation,
            0,
            (Choice::Mark(Mark::FullStop), Choice::Mark(Mark::AsRead)),
            Evidence::AsciiComma,
        );
        assert_eq!(Msg::side(&d, d.alternative), Msg::ChoiceMarkAsRead);
        d.flip = Flip::MarkAfter;
        assert_eq!(Msg::side(&d, d.alternative), Msg::ChoiceNoMark);
        assert_eq!(Msg::side(&d, d.chosen), Msg::ChoiceMarkFullStop);
    }

    #[test]
    fn every_key_has_both_languages_with_the_same_placeholders() {
        assert!(Msg::ALL.len() > 200, "the table is the whole desk");
        for &m in Msg::ALL {
            let [en, zh] = m.text();
            assert!(!en.trim().is_empty(), "{m:?} has no English");
            assert!(!zh.trim().is_empty(), "{m:?} has no Chinese");
            assert_eq!(
                placeholders(en),
                placeholders(zh),
                "{m:?}: both languages name the same values\n  {en}\n  {zh}"
            );
            for text in [en, zh] {
                assert_eq!(
                    text.matches('{').count(),
                    text.matches('}').count(),
                    "{m:?}: braces pair up: {text}"
                );
            }
        }
    }

    #[test]
    fn the_chinese_text_is_chinese() {
        for &m in Msg::ALL {
            let zh = m.text()[1];
            if NOT_CJK.contains(&m) {
                assert!(!has_cjk(zh), "{m:?} is Chinese: take it off NOT_CJK");
            } else {
                assert!(has_cjk(zh), "{m:?} has no Chinese: {zh}");
            }
        }
        assert!(NOT_CJK.len() <= 3, "the allow-list stays short");
    }

    #[test]
    fn no_two_keys_say_the_same() {
        let mut seen = HashMap::new();
        for &m in Msg::ALL {
            if let Some(other) = seen.insert(m.text(), m) {
                panic!("{other:?} and {m:?} are the same entry: keep one");
            }
        }
    }

    #[test]
    fn placeholders_are_filled_by_name_and_values_are_left_alone() {
        assert_eq!(
            fill("{n} of {total}", &[("total", &17), ("n", &3)]),
            "3 of 17"
        );
        assert_eq!(
            fill("open {path}?", &[("path", &"/tmp/{n}/a.txt")]),
            "open /tmp/{n}/a.txt?",
            "a value is not read for placeholders"
        );
        assert_eq!(fill("{a} {b}", &[("a", &1)]), "1 {b}", "unfilled stays");
        assert_eq!(fill("{ x } {", &[]), "{ x } {");
        assert_eq!(
            Lang::Zh.fill(Msg::DoubtsOpen, &[("n", &21), ("d", &41)]),
            "还有 21 处存疑（41 项）"
        );
        assert_eq!(
            Lang::En.fill(Msg::DoubtsOpen, &[("d", &41), ("n", &21)]),
            "21 spots to check (41 doubts)"
        );
        assert_eq!(
            placeholders("{a}, {b_2} and {Not} {}")
                .into_iter()
                .collect::<Vec<_>>(),
            ["a", "b_2"]
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "has the placeholders")]
    fn a_missing_value_is_caught_in_debug_builds() {
        let _text = Lang::En.fill(Msg::DoubtsOpen, &[("count", &1)]);
    }

    #[test]
    fn the_system_locale_picks_the_language() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_vars(vars(&[])), Lang::En, "nothing set");
        assert_eq!(Lang::from_vars(vars(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_vars(vars(&[("LANG", "zh_TW.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_vars(vars(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(
            Lang::from_vars(vars(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
            Lang::En,
            "LC_ALL comes first"
        );
        assert_eq!(
            Lang::from_vars(vars(&[("LANG", "en_GB"), ("LC_MESSAGES", "zh_CN")])),
            Lang::Zh,
            "LC_MESSAGES before LANG"
        );
        assert_eq!(
            Lang::from_vars(vars(&[("LC_ALL", ""), ("LANG", "zh_SG")])),
            Lang::Zh,
            "an empty variable is unset"
        );
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(json, format!("\"{}\"", lang.code()));
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang);
        }
        assert_eq!(Lang::from_code("ZH-cn"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("fr"), None);
    }

    /// Every rule, found through serde (the core has no list of them): the
    /// error for an unknown name lists every name there is.
    fn all_rules() -> Vec<Evidence> {
        let err = serde_json::from_str::<Evidence>("\"?\"")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        let rules: Vec<Evidence> = err
            .split('`')
            .skip(3)
            .step_by(2)
            .filter_map(|name| serde_json::from_str(&format!("\"{name}\"")).ok())
            .collect();
        assert!(
            rules.len() >= crate::doubt::MEASURED.len(),
            "every rule is listed: {err}"
        );
        rules
    }

    #[test]
    fn every_rule_has_chinese_words() {
        let rules = all_rules();
        let mut seen = HashSet::new();
        for e in rules {
            let [en, zh] = rule(e);
            assert_eq!(en, e.explanation());
            assert!(has_cjk(zh), "{e:?}: {zh}");
            assert!(seen.insert(zh), "{e:?} says what another rule says: {zh}");
        }
    }

    #[test]
    fn words_for_the_core_enums_tell_each_apart() {
        use crate::page::{ArticleKind, Role};
        for lang in Lang::ALL {
            let roles: HashSet<_> = Role::ALL.map(|r| lang.get(Msg::role(r))).into();
            let tags: HashSet<_> = Role::ALL.map(|r| lang.get(Msg::role_tag(r))).into();
            let kinds: HashSet<_> = ArticleKind::ALL
                .map(|k| lang.get(Msg::article_kind(k)))
                .into();
            let doubt_kinds: HashSet<_> = crate::doubt::Kind::ALL
                .map(|k| lang.get(Msg::doubt_kind(k)))
                .into();
            assert_eq!(roles.len(), Role::ALL.len(), "{lang:?}");
            assert_eq!(tags.len(), Role::ALL.len(), "{lang:?}");
            assert_eq!(kinds.len(), ArticleKind::ALL.len(), "{lang:?}");
            assert_eq!(doubt_kinds.len(), crate::doubt::Kind::ALL.len(), "{lang:?}");
        }
    }

    #[test]
    fn the_editors_refusals_are_translated() {
        // The English of each refusal is the core's, word for word (read
        // from the editor's source, in this crate or in the core's).
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let core: String = ["src", "crates/proofdesk-core/src"]
            .iter()
            .map(|dir| root.join(dir))
            .filter(|dir| dir.join("edit.rs").is_file())
            .flat_map(|dir| [dir.join("edit.rs"), dir.join("edit/flip.rs")])
            .map(|path| std::fs::read_to_string(&path).unwrap())
            .collect();
        assert!(
            core.contains("EditError::Refused("),
            "the editor's source is read"
        );
        for m in REFUSALS {
            assert!(
                core.contains(&format!("\"{}\"", m.text()[0])),
                "{m:?} is not the editor's text: {}",
                m.text()[0]
            );
        }
        // Refusals met at the keyboard.
        let page = crate::propose_page(crate::page::RawText::new(
            "t.txt",
            "第一段文字。\n\n第二段文字。\n",
            crate::decode::Encoding::Utf8,
            crate::decode::LineEnding::Lf,
        ));
        let mut editor = Editor::new(page);
        for action in [
            Action::MergeWithPrevious { article: 0 },
            Action::SplitArticle {
                at: BlockRef::new(0, 0),
            },
        ] {
            let err = editor.apply(action).expect_err("refused");
            assert!(matches!(err, EditError::Refused(_)), "{err:?}");
            let zh = edit_error(&err, Lang::Zh);
            assert!(has_cjk(&zh), "{err:?} in Chinese: {zh}");
            assert_eq!(edit_error(&err, Lang::En), err.to_string());
        }
        assert_eq!(
            edit_error(&EditError::Refused("something new"), Lang::Zh),
            "something new",
            "an unknown refusal stays as the core says it"
        );
        assert_eq!(
            edit_error(&EditError::NoBlock(2, 5), Lang::En),
            EditError::NoBlock(2, 5).to_string()
        );
        assert_eq!(
            edit_error(&EditError::NoArticle(7), Lang::En),
            EditError::NoArticle(7).to_string()
        );
        assert_eq!(
            edit_error(&EditError::NoDoubt(3), Lang::En),
            EditError::NoDoubt(3).to_string()
        );
    }

    #[test]
    fn every_key_is_used_by_the_desk() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut sources = String::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs")
                {
                    sources.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        // Keys reached through the mappings from the core's enums are used
        // by them.
        let mut mapped: HashSet<Msg> = HashSet::new();
        for role in crate::page::Role::ALL {
            mapped.extend([Msg::role(role), Msg::role_tag(role)]);
        }
        mapped.extend(crate::page::ArticleKind::ALL.map(Msg::article_kind));
        mapped.extend(crate::doubt::Kind::ALL.map(Msg::doubt_kind));
        mapped.extend(crate::doubt::Choice::SIDES.map(Msg::choice));
        mapped.extend(crate::punct::Mark::ALL.map(Msg::mark));
        // A mark the engine did not read: its alternative writes none.
        let mut unread = crate::doubt::Decision::at(
            crate::doubt::Kind::Punctuation,
            0,
            (
                crate::doubt::Choice::Mark(crate::punct::Mark::FullStop),
                crate::doubt::Choice::Mark(crate::punct::Mark::AsRead),
            ),
            crate::doubt::Evidence::StopUnread,
        );
        unread.flip = crate::doubt::Flip::MarkAfter;
        mapped.insert(Msg::side(&unread, unread.alternative));
        {
            use crate::doubt::Resolution;
            use crate::page::Status;
            use crate::queue::PageState;
            mapped.extend([Status::Auto, Status::Draft, Status::Done].map(Msg::status));
            mapped.extend(
                [
                    PageState::Unknown,
                    PageState::New,
                    PageState::Draft,
                    PageState::Done,
                    PageState::Damaged,
                ]
                .map(Msg::page_state),
            );
            mapped.extend(
                [
                    Resolution::Accepted,
                    Resolution::Flipped,
                    Resolution::Edited,
                ]
                .map(Msg::resolution),
            );
        }
        mapped.extend(REFUSALS);
        mapped.extend([Msg::ErrNoArticle, Msg::ErrNoBlock, Msg::ErrNoDoubt]);
        let word = crate::concordance::Correction::new("徽笑", "微笑").expect("a correction");
        let mark = crate::concordance::Correction::of_mark_read_for_character('-', "一")
            .expect("a correction");
        for c in [word, mark] {
            mapped.extend(<[Msg; 2]>::from(Msg::similar_here(&c)));
        }
        let unused: Vec<String> = Msg::ALL
            .iter()
            .filter(|m| !mapped.contains(m))
            .map(|m| format!("{m:?}"))
            .filter(|name| !sources.contains(&format!("Msg::{name}")))
            .collect();
        assert!(
            unused.is_empty(),
            "keys no part of the desk uses: {unused:?}"
        );
    }
}
