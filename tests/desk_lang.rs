//! The desk in Simplified Chinese: started with `--lang zh` (here
//! `StartOptions::lang`), switched in the View menu, and every string it
//! shows taken from the one table (`proofdesk::i18n`). The harness fails on
//! any character drawn as a box, so the Chinese labels are drawn with the
//! bundled CJK font.

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use proofdesk::app::{DeskApp, StartOptions};
use proofdesk::command::Command;
use proofdesk::i18n::{Lang, Msg};

mod support;
use support::{message, press};

/// The desk on the bundled sample in `lang`, at 1600×1000.
fn desk(lang: Lang) -> Harness<'static, DeskApp> {
    support::desk(StartOptions {
        lang: Some(lang),
        ..StartOptions::default()
    })
}

#[test]
fn the_desk_starts_in_chinese_menus_panes_and_status_bar() {
    let h = desk(Lang::Zh);
    assert_eq!(h.state().state.lang, Lang::Zh);
    for menu in ["文件", "编辑", "角色", "文章", "复核", "视图", "帮助"] {
        assert!(h.query_by_label(menu).is_some(), "the {menu} menu");
    }
    assert!(h.query_by_label("File").is_none(), "no English menu");
    for heading in ["大纲", "校正稿", "原文"] {
        assert!(h.query_by_label(heading).is_some(), "the {heading} pane");
    }
    // The status bar: counts, open doubts, status, undo depth.
    let open = h.state().page().review.open_count();
    assert!(open > 1, "the sample has doubts");
    let spots = h.state().page().review.spot_count();
    assert!(
        h.query_by_label(&format!("还有 {spots} 处存疑（{open} 项）"))
            .is_some()
    );
    assert!(h.query_by_label_contains("篇文章 · ").is_some(), "counts");
    assert!(h.query_by_label(" 新 ").is_some(), "the page status");
    assert!(h.query_by_label("可撤销 0 步").is_some());
    assert!(
        h.query_by_label("内置示例：不保存（另存为…可保留）")
            .is_some()
    );
    // The raw pane's rows are named in Chinese too (line 73 feeds the
    // first block).
    assert!(h.query_by_label("原文第 73 行").is_some());
}

#[test]
fn the_shortcut_sheet_in_chinese_lists_every_command() {
    let mut h = desk(Lang::Zh);
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(h.state().state.show_shortcuts);
    assert!(h.query_all_by_label("键盘快捷键").count() >= 1);
    for title in [
        "导航",
        "复核存疑",
        "角色与类型",
        "文章与块",
        "文本",
        "文件、撤销、视图",
    ] {
        assert!(h.query_by_label(title).is_some(), "the group {title}");
    }
    for c in Command::all() {
        let label = c.label(Lang::Zh);
        assert!(
            h.query_all_by_label(&label).count() >= 1,
            "{c:?} is on the sheet as {label}"
        );
    }
    // Key names stay as typed; "or" is Chinese.
    assert!(h.query_by_label("Ctrl+Shift+Z  或  Ctrl+Y").is_some());
}

#[test]
fn doubts_and_messages_speak_chinese() {
    let mut h = desk(Lang::Zh);
    press(&mut h, Modifiers::NONE, Key::N);
    let strip = h.state().state.caches.doubts.strip.clone();
    let spots = h.state().page().review.spot_count();
    assert!(
        strip.starts_with(&format!("存疑 1/{spots} 处 · ")),
        "{strip}"
    );
    let d = h.state().page().review.doubts[0];
    assert!(
        strip.contains(Lang::Zh.pick(proofdesk::i18n::rule(d.evidence))),
        "the rule in plain Chinese words: {strip}"
    );
    assert!(strip.contains("另一选项："), "{strip}");
    assert!(h.query_by_label(&strip).is_some(), "the strip is drawn");
    // A refusal of the editor: the first block already starts its article.
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.state_mut().push(proofdesk::app::Intent::Select(
        proofdesk::edit::BlockRef::new(0, 0),
    ));
    h.run();
    press(&mut h, Modifiers::NONE, Key::S);
    assert_eq!(message(&h), "此块已经是文章的开头");
    // The sample page is not saved beside the program.
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(
        message(&h).starts_with("内置示例版面不会保存"),
        "{}",
        message(&h)
    );
    assert!(
        h.query_by_label("另存为…").is_some(),
        "the error offers Save as…"
    );
    // Go to: an article that is not there.
    press(&mut h, Modifiers::COMMAND, Key::G);
    assert!(h.query_by_label("转到").is_some());
    h.get_by_role(egui::Role::TextInput).type_text("99");
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    let pages = h.state().page().articles.len();
    assert!(
        h.query_by_label(&format!("没有第 99 篇文章：本版共 {pages} 篇"))
            .is_some()
    );
}

#[test]
fn the_view_menu_switches_the_language_at_once_and_remembers_it() {
    let mut h = desk(Lang::En);
    assert!(h.query_by_label("File").is_some());
    assert_eq!(h.state().to_remember().lang, None, "nothing chosen yet");
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Language / 语言").hover();
    h.run();
    h.get_by_label("简体中文").click();
    h.run();
    assert_eq!(h.state().state.lang, Lang::Zh);
    assert!(
        h.query_by_label("文件").is_some(),
        "the menu is Chinese now"
    );
    assert!(h.query_by_label("File").is_none());
    assert!(h.query_by_label("校正稿").is_some(), "and so are the panes");
    let open = h.state().page().review.open_count();
    let spots = h.state().page().review.spot_count();
    assert!(
        h.query_by_label(&format!("还有 {spots} 处存疑（{open} 项）"))
            .is_some()
    );
    assert_eq!(
        h.state().to_remember().lang,
        Some(Lang::Zh),
        "remembered for the next run"
    );
    // And back, through the Chinese menu.
    h.get_by_label("视图").click();
    h.run();
    h.get_by_label("语言 / Language").hover();
    h.run();
    h.get_by_label("English").click();
    h.run();
    assert!(h.query_by_label("File").is_some());
    assert!(
        h.query_by_label(&format!("{spots} spots to check ({open} doubts)"))
            .is_some()
    );
    assert_eq!(h.state().to_remember().lang, Some(Lang::En));
}

#[test]
fn a_language_given_for_the_run_is_not_remembered() {
    let h = desk(Lang::Zh);
    assert_eq!(h.state().state.lang, Lang::Zh);
    assert_eq!(
        h.state().to_remember().lang,
        None,
        "--lang is for this run only"
    );
}

#[test]
fn every_table_string_the_desk_shows_is_drawn_without_boxes() {
    // The harness fails on a missing glyph; draw every Chinese string of
    // the table once, in a label, with the desk's fonts.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui(|ui| {
            proofdesk::ui::style::install(ui.ctx());
            egui::ScrollArea::vertical().show(ui, |ui| {
                for &m in Msg::ALL {
                    ui.label(m.text()[1]);
                }
            });
        });
    h.run();
    assert!(h.query_by_label("文件").is_some());
}

#[test]
fn the_remembered_language_reads_what_older_runs_stored() {
    use proofdesk::app::Remembered;
    // Stored before the desk had a language: none chosen, the system's.
    let old: Remembered =
        serde_json::from_str(r#"{"folder":null,"page":null,"recent":[]}"#).unwrap();
    assert_eq!(old.lang, None);
    let chosen = Remembered {
        lang: Some(Lang::Zh),
        ..Remembered::default()
    };
    let json = serde_json::to_string(&chosen).unwrap();
    assert!(json.contains(r#""lang":"zh""#), "{json}");
    assert_eq!(serde_json::from_str::<Remembered>(&json).unwrap(), chosen);
}

/// Chinese labels are wider than English ones; at 1280×720 a long status
/// message wraps onto a second line with its buttons, and the F1 sheet
/// stays inside the window (it scrolls).
#[test]
fn at_1280x720_the_status_bar_and_the_shortcut_sheet_stay_in_the_window() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_max_steps(16)
        .build_eframe(|cc| {
            DeskApp::new(
                cc,
                StartOptions {
                    lang: Some(Lang::Zh),
                    ..StartOptions::default()
                },
            )
        });
    h.run();
    // The sample page is not saved: a long error, with Save as… and x.
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(message(&h).starts_with("内置示例版面不会保存"));
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 720.0));
    for label in ["另存为…", "x"] {
        let rect = h.get_by_label(label).rect();
        assert!(
            window.contains_rect(rect),
            "{label} is in the window: {rect:?}"
        );
    }
    press(&mut h, Modifiers::NONE, Key::F1);
    // The sheet's title (the topmost of it and the sheet's own F1 row).
    let title = h
        .query_all_by_label("键盘快捷键")
        .map(|n| n.rect())
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .expect("the sheet is open");
    assert!(window.contains_rect(title), "the sheet's title: {title:?}");
    // Every command's label wraps inside its column, never past the
    // window's right edge.
    for c in proofdesk::command::Command::all() {
        let label = c.label(Lang::Zh);
        let mut shown = h.query_all_by_label(&label).peekable();
        assert!(shown.peek().is_some(), "{label} is on the sheet");
        for node in shown {
            let right = node.rect().max.x;
            assert!(right <= 1280.0, "{label} runs to {right}");
        }
    }
}
