//! Issue 4 on the desk: autosave, the folder queue, stale drafts, failed
//! saves and hostile input, driven through the real UI with `egui_kittest`.
//! Time is egui's input time, set by the tests (a fake clock).

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use proofdesk::app::{DeskApp, StartOptions};
use proofdesk::edit::BlockRef;
use proofdesk::i18n::Lang;
use proofdesk::io::{fixture_path_for, read_fixture};
use proofdesk::page::{Role, Status};
use proofdesk::queue::PageState;

mod support;
use support::{SEED, desk as build, later, message, press, seed_dir};

const SMALL: &str = "标题一\n\n本报讯 这是第一段正文。\n\n第二段正文在这里。\n";

fn autosaving(page: &Path) -> StartOptions {
    StartOptions {
        page: Some(page.to_owned()),
        autosave: Some(3.0),
        ..StartOptions::default()
    }
}

/// Whether the desk asked for no further frame (idle).
fn idle(h: &Harness<'_, DeskApp>) -> bool {
    h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay == Duration::MAX
}

/// Split article 1 at block 3 and make that block a headline (16 articles).
fn edit_seed(h: &mut Harness<'_, DeskApp>) {
    h.state_mut()
        .push(proofdesk::app::Intent::Select(BlockRef::new(0, 2)));
    h.run();
    press(h, Modifiers::NONE, Key::S);
    press(h, Modifiers::NONE, Key::Num2);
    assert_eq!(h.state().page().articles.len(), 16, "split");
}

// ---------------------------------------------------------------- autosave

#[test]
fn autosave_writes_a_draft_within_three_seconds_of_the_first_change_then_idles() {
    let (_dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    let mut h = build(autosaving(&path));
    assert!(idle(&h), "nothing unsaved: no frames");
    edit_seed(&mut h);
    assert!(h.state().is_dirty());
    assert!(!idle(&h), "a timer is set");
    assert!(!fixture.exists(), "not at once");
    // At most 3 s after the first change (the exact rule, a maximum wait
    // that steady work does not postpone, is tested in `autosave`).
    later(&mut h, 3.0);
    let f = read_fixture(&fixture).expect("the draft is written");
    assert_eq!(f.status, Status::Draft);
    assert_eq!(f.articles.len(), 16);
    assert_eq!(f.articles[1].blocks[0].role, Role::Headline);
    assert!(!h.state().is_dirty());
    let when = h.state().state.autosaved.clone().expect("the time is kept");
    assert!(
        h.query_by_label(&format!("autosaved {when} UTC")).is_some(),
        "the status bar says when"
    );
    h.run();
    assert!(idle(&h), "saved: idle again, no busy repaint");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        SEED,
        "page untouched"
    );
}

#[test]
fn autosave_keeps_typing_that_is_not_committed_yet() {
    let (_dir, path) = seed_dir();
    let mut h = build(autosaving(&path));
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().state.editing.is_some());
    h.get_by_role(egui::Role::MultilineTextInput)
        .type_text("补字");
    h.run();
    later(&mut h, 3.5);
    let f = read_fixture(&fixture_path_for(&path)).expect("written while typing");
    assert!(
        f.articles[0].blocks[0].text.ends_with("补字"),
        "the typing is in it"
    );
    assert!(
        h.state().state.editing.is_some(),
        "still typing: not interrupted"
    );
    later(&mut h, 10.0);
    assert!(idle(&h), "the same typing is not written again and again");
}

#[test]
fn losing_the_focus_autosaves_at_once() {
    let (_dir, path) = seed_dir();
    let mut h = build(autosaving(&path));
    press(&mut h, Modifiers::NONE, Key::Num1);
    h.input_mut().focused = false;
    h.run();
    h.state_mut().finish_saves();
    let f = read_fixture(&fixture_path_for(&path)).expect("written on focus loss");
    assert_eq!(f.articles[0].blocks[0].role, Role::Kicker);
}

#[test]
fn closing_autosaves_and_closes_without_asking() {
    let (_dir, path) = seed_dir();
    let mut h = build(autosaving(&path));
    press(&mut h, Modifiers::NONE, Key::Num1);
    support::ask_to_close(&mut h);
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(!commands.contains(&egui::ViewportCommand::CancelClose));
    assert!(h.query_by_label("Unsaved changes").is_none());
    let f = read_fixture(&fixture_path_for(&path)).expect("written on close");
    assert_eq!(f.articles[0].blocks[0].role, Role::Kicker);
}

#[test]
fn a_done_page_stays_done_until_it_is_edited() {
    let (_dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    let mut h = build(autosaving(&path));
    press(&mut h, Modifiers::COMMAND, Key::D);
    h.get_by_label("Mark done").click();
    h.run();
    assert_eq!(read_fixture(&fixture).unwrap().status, Status::Done);
    later(&mut h, 10.0);
    assert_eq!(
        read_fixture(&fixture).unwrap().status,
        Status::Done,
        "no autosave over done"
    );
    press(&mut h, Modifiers::NONE, Key::Num1);
    later(&mut h, 3.5);
    assert_eq!(
        read_fixture(&fixture).unwrap().status,
        Status::Draft,
        "an edit makes it a draft again"
    );
}

// ------------------------------------------------------------------- queue

fn folder(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for n in names {
        std::fs::write(dir.path().join(n), SMALL).expect("a page is written");
    }
    dir
}

fn current_name(h: &Harness<'_, DeskApp>) -> String {
    h.state().page().raw.file_name.clone()
}

#[test]
fn a_folder_is_a_queue_walked_by_keys_and_switching_autosaves_first() {
    let dir = folder(&["p1.txt", "p2.txt", "p3.txt", "p10.txt"]);
    // p1 is done already.
    let mut done = build(StartOptions {
        page: Some(dir.path().join("p1.txt")),
        ..StartOptions::default()
    });
    press(&mut done, Modifiers::COMMAND, Key::D);
    if done.state().page().review.open_count() > 0 {
        done.get_by_label("Mark done").click();
        done.run();
    }
    drop(done);

    let mut h = build(StartOptions {
        page: Some(dir.path().to_owned()),
        autosave: Some(3.0),
        ..StartOptions::default()
    });
    assert_eq!(
        current_name(&h),
        "p2.txt",
        "opens the first unfinished page"
    );
    assert!(
        h.query_by_label("p10.txt").is_some(),
        "the queue lists the pages"
    );
    for _ in 0..100 {
        if !h.state().queue().unwrap().loading() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
        h.run();
    }
    assert!(
        h.query_by_label("1/4 done").is_some(),
        "progress done/total"
    );

    // Edit p2, go to the next page: the edit is autosaved first.
    press(&mut h, Modifiers::NONE, Key::Num1);
    press(&mut h, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(current_name(&h), "p3.txt");
    let f = read_fixture(&fixture_path_for(&dir.path().join("p2.txt"))).unwrap();
    assert_eq!(f.articles[0].blocks[0].role, Role::Kicker);
    let q = h.state().queue().unwrap();
    assert_eq!(
        q.entries()[1].progress.state,
        PageState::Draft,
        "the queue shows it"
    );

    // Done on p3; next unfinished wraps past done p1 to p2... after p10.
    press(&mut h, Modifiers::COMMAND, Key::D);
    if h.state().page().review.open_count() > 0 {
        h.get_by_label("Mark done").click();
        h.run();
    }
    assert!(h.query_by_label("2/4 done").is_some());
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::PageDown);
    assert_eq!(current_name(&h), "p10.txt");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::PageDown);
    assert_eq!(current_name(&h), "p2.txt", "wraps around, skips done pages");
    press(&mut h, Modifiers::COMMAND, Key::PageUp);
    assert_eq!(current_name(&h), "p1.txt");
    press(&mut h, Modifiers::COMMAND, Key::PageUp);
    assert_eq!(current_name(&h), "p1.txt", "the first page has no previous");

    // A click in the queue opens a page.
    h.get_by_role_and_label(egui::Role::Button, "p3.txt")
        .click();
    h.run();
    assert_eq!(current_name(&h), "p3.txt");
    assert!(
        h.state().page().status == Status::Done,
        "its fixture is resumed"
    );
}

#[test]
fn three_thousand_pages_list_at_once_and_the_first_frame_is_fast() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        std::fs::write(dir.path().join(format!("page{i:04}.txt")), SMALL).unwrap();
    }
    let started = std::time::Instant::now();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(16)
        .build_eframe({
            let path = dir.path().to_owned();
            move |cc| {
                DeskApp::new(
                    cc,
                    StartOptions {
                        lang: Some(Lang::En),
                        page: Some(path),
                        ..StartOptions::default()
                    },
                )
            }
        });
    h.step();
    let first = started.elapsed();
    assert_eq!(h.state().queue().unwrap().entries().len(), 3000);
    assert!(
        first < Duration::from_secs(5),
        "first frame after {first:?}"
    );
    h.run();
    assert!(
        h.query_all_by_role_and_label(egui::Role::Button, "page0000.txt")
            .count()
            >= 1,
        "the first page is listed"
    );
    assert!(
        h.query_by_label("page2999.txt").is_none(),
        "only rows in view"
    );
    let t = std::time::Instant::now();
    while h.state().queue().unwrap().loading() {
        assert!(t.elapsed() < Duration::from_secs(60), "statuses arrive");
        std::thread::sleep(Duration::from_millis(20));
        h.run();
    }
    assert!(h.query_by_label("0/3000 done").is_some());
    // Walking the queue by keys keeps the page on the desk in view.
    for _ in 0..60 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    }
    h.run();
    assert_eq!(current_name(&h), "page0060.txt");
    assert!(
        h.query_all_by_role_and_label(egui::Role::Button, "page0060.txt")
            .count()
            >= 1,
        "the current page is scrolled into view"
    );
}

#[derive(Default)]
struct MemStorage(std::collections::HashMap<String, String>);
impl eframe::Storage for MemStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_queue_remembers_where_the_editor_stopped() {
    let dir = folder(&["a.txt", "b.txt", "c.txt"]);
    let mut h = build(StartOptions {
        page: Some(dir.path().to_owned()),
        ..StartOptions::default()
    });
    press(&mut h, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(current_name(&h), "b.txt");
    let mut storage = MemStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let r = DeskApp::remembered(&storage).expect("remembered");
    assert_eq!(r.folder.as_deref(), Some(dir.path()));
    assert_eq!(r.page, Some(dir.path().join("b.txt")));
    // The next start (no page given) reopens there.
    let h2 = build(StartOptions {
        page: r.folder,
        queue_page: r.page,
        ..StartOptions::default()
    });
    assert_eq!(current_name(&h2), "b.txt");
}

// ------------------------------------------------------------ stale drafts

/// A desk on the seed page that saved a draft of it; then the page file
/// changes (OCR run again). Returns the draft's text too.
fn drafted_then_changed() -> (
    tempfile::TempDir,
    PathBuf,
    String,
    Harness<'static, DeskApp>,
) {
    let (dir, path) = seed_dir();
    let mut h = build(StartOptions {
        page: Some(path.clone()),
        ..StartOptions::default()
    });
    edit_seed(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::S);
    let draft = std::fs::read_to_string(fixture_path_for(&path)).expect("a draft");
    std::fs::write(&path, format!("{SEED}新增一行。\n")).expect("the page changes");
    (dir, path, draft, h)
}

/// [`drafted_then_changed`], then another desk, on another page, is asked
/// to open the changed page.
fn stale_setup() -> (
    tempfile::TempDir,
    PathBuf,
    String,
    Harness<'static, DeskApp>,
) {
    // The first desk stays open until the question is on the second one's
    // screen.
    let (dir, path, draft, _first) = drafted_then_changed();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, SMALL).expect("another page");
    let mut h = build(StartOptions {
        page: Some(other),
        ..StartOptions::default()
    });
    h.state_mut().open_page(&path);
    h.run();
    assert!(
        h.query_by_label("The saved work does not fit this page")
            .is_some(),
        "the editor is told"
    );
    assert_eq!(current_name(&h), "other.txt", "nothing opened yet");
    (dir, path, draft, h)
}

#[test]
fn a_stale_draft_asks_and_open_fresh_keeps_the_old_draft_aside() {
    let (dir, path, draft, mut h) = stale_setup();
    h.get_by_label("Open the page fresh (the old draft is kept aside)")
        .click();
    h.run();
    assert_eq!(current_name(&h), "seed_page.txt");
    assert_eq!(h.state().page().status, Status::Auto, "the proposal");
    assert!(!h.state().document().resumed);
    assert!(
        h.state().page().raw.text().ends_with("新增一行。\n"),
        "the new text"
    );
    assert!(!fixture_path_for(&path).exists());
    let aside: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".proofdesk.json.stale-"))
        .collect();
    assert_eq!(aside.len(), 1, "kept aside: {aside:?}");
    assert_eq!(
        std::fs::read_to_string(&aside[0]).unwrap(),
        draft,
        "unchanged"
    );
}

/// While the editor decides what to do with a draft that does not fit
/// the page, this desk holds the page: no other desk takes it. And where
/// another desk holds it, "open fresh" moves nothing of that desk's: the
/// fresh proposal opens to read.
#[test]
fn a_stale_draft_holds_the_page_and_open_fresh_moves_no_other_desks_work() {
    let (dir, path, draft, mut h) = stale_setup();
    let fixture = fixture_path_for(&path);
    let other_desk = || proofdesk::lock::try_lock(&fixture, "2026-12-05T00:00:00Z");
    h.get_by_label("Cancel").click();
    h.run();
    h.state_mut().open_page(&path);
    h.run();
    assert!(
        h.query_by_label("The saved work does not fit this page")
            .is_some()
    );
    assert!(
        matches!(other_desk(), proofdesk::lock::Lock::Taken { .. }),
        "the desk holds the page while it asks"
    );
    h.get_by_label("Cancel").click();
    h.run();
    // Another desk takes the page; then this one opens it fresh.
    let proofdesk::lock::Lock::Held(held) = other_desk() else {
        panic!("cancel let the page go")
    };
    h.state_mut().open_page(&path);
    h.run();
    h.get_by_label("Open the page fresh (the old draft is kept aside)")
        .click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&fixture).unwrap(),
        draft,
        "the other desk's file is where it was, unchanged"
    );
    assert!(matches!(
        h.state().document().access,
        proofdesk::app::Access::Locked { .. }
    ));
    assert!(
        h.state().page().raw.text().ends_with("新增一行。\n"),
        "the fresh proposal, to read"
    );
    drop(held);
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().contains(".stale-"))
        })
        .count();
    assert_eq!(aside, 0, "nothing was moved aside");
}

/// The page on the desk opened again after its text changed on disk: the
/// question carries the page's lock, and "Cancel" gives it back to the
/// page, which stays on the desk.
#[test]
fn cancelling_a_stale_reopen_of_the_page_on_the_desk_keeps_its_lock() {
    let (_dir, path, _draft, mut h) = drafted_then_changed();
    h.state_mut().open_page(&path);
    h.run();
    assert!(
        h.query_by_label("The saved work does not fit this page")
            .is_some()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(current_name(&h), "seed_page.txt");
    assert!(
        matches!(
            proofdesk::lock::try_lock(&fixture_path_for(&path), "2026-12-05T00:00:00Z"),
            proofdesk::lock::Lock::Taken { .. }
        ),
        "the desk still holds its page"
    );
}

#[test]
fn a_stale_draft_can_be_read_with_its_own_text_or_left_alone() {
    let (dir, path, draft, mut h) = stale_setup();
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        current_name(&h),
        "other.txt",
        "cancel keeps the desk as it was"
    );
    assert_eq!(
        std::fs::read_to_string(fixture_path_for(&path)).unwrap(),
        draft
    );

    h.state_mut().open_page(&path);
    h.run();
    h.get_by_label("Open the draft with its own text (for reading)")
        .click();
    h.run();
    assert_eq!(
        h.state().document().access,
        proofdesk::app::Access::OlderText
    );
    assert_eq!(h.state().page().articles.len(), 16, "the draft's work");
    assert_eq!(
        h.state().page().raw.text(),
        SEED,
        "with the text it was made for"
    );
    press(&mut h, Modifiers::NONE, Key::Num1);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(message(&h).contains("Save as"), "{}", message(&h));
    assert_eq!(
        std::fs::read_to_string(fixture_path_for(&path)).unwrap(),
        draft,
        "never saved over"
    );
    let copy = dir.path().join("kept.proofdesk.json");
    assert!(h.state_mut().save_to(&copy));
    assert_eq!(read_fixture(&copy).unwrap().articles.len(), 16);
}

#[test]
fn a_damaged_fixture_is_reported_and_kept_aside_only_when_asked() {
    let (dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    std::fs::write(&fixture, "{\"format\": \"proofdesk-fixture\", \"vers").unwrap();
    let mut h = build(StartOptions {
        page: Some(path),
        ..StartOptions::default()
    });
    assert!(h.query_by_label_contains("cannot be read").is_some());
    assert!(
        h.query_by_label("Open the draft with its own text (for reading)")
            .is_none(),
        "nothing to read"
    );
    h.get_by_label("Open the page fresh (the old draft is kept aside)")
        .click();
    h.run();
    assert_eq!(h.state().page().articles.len(), 15);
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".stale-")
        })
        .count();
    assert_eq!(kept, 1, "the damaged file is kept");
}

// ------------------------------------------------------------ failed saves

#[test]
fn a_failed_save_says_why_keeps_the_edits_and_save_as_works() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let path = sub.join("seed_page.txt");
    std::fs::write(&path, SEED).unwrap();
    let mut h = build(autosaving(&path));
    edit_seed(&mut h);
    // The folder vanishes and a file takes its name: no write can succeed
    // (even as root).
    std::fs::remove_dir_all(&sub).unwrap();
    std::fs::write(&sub, "a file").unwrap();
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(message(&h).starts_with("not saved"), "{}", message(&h));
    assert!(
        h.state().state.message.as_ref().unwrap().error,
        "shown as an error"
    );
    assert!(h.state().is_dirty(), "still unsaved");
    assert_eq!(h.state().page().articles.len(), 16, "every edit kept");
    assert!(
        h.query_by_label("Save as…").is_some(),
        "offered in the status bar"
    );
    // Autosave fails too, once, without a retry loop.
    press(&mut h, Modifiers::NONE, Key::Num3);
    later(&mut h, 3.5);
    assert!(
        message(&h).starts_with("autosave failed"),
        "{}",
        message(&h)
    );
    later(&mut h, 5.0);
    assert!(idle(&h), "no retry loop");
    // Save as: the underlying function of the dialog.
    let elsewhere = dir.path().join("elsewhere.proofdesk.json");
    assert!(h.state_mut().save_to(&elsewhere));
    assert!(!h.state().is_dirty());
    let f = read_fixture(&elsewhere).unwrap();
    assert_eq!(f.articles.len(), 16);
    assert_eq!(
        h.state().document().fixture_path,
        elsewhere,
        "saves go there now"
    );
}

// ---------------------------------------------------------- hostile input

fn open_hostile(name: &str, bytes: &[u8]) -> (tempfile::TempDir, Harness<'static, DeskApp>) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("the file is written");
    let mut h = support::desk_with(
        Harness::builder().with_max_steps(64).allow_missing_glyphs(),
        StartOptions::default(),
    );
    h.state_mut().open_page(&dir.path().join(name));
    h.run();
    (dir, h)
}

#[test]
fn an_empty_or_blank_page_is_named_in_the_window() {
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", &b"  \n\t\n\n  \r\n"[..]),
    ] {
        let (_dir, h) = open_hostile(name, bytes);
        let m = message(&h);
        assert!(
            m.contains(name) && (m.contains("no text") || m.contains("empty")),
            "{name}: {m}"
        );
        assert!(h.query_by_label(&m).is_some(), "shown in the window");
    }
}

#[test]
fn a_binary_file_is_refused_with_a_message_and_the_desk_stays() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let (_dir, h) = open_hostile("image.png", &bytes);
    let m = message(&h);
    assert!(m.contains("image.png"), "{m}");
    assert!(h.state().state.message.as_ref().unwrap().error);
    assert_eq!(
        current_name(&h),
        "seed_page.txt",
        "the page on the desk stays"
    );
    assert!(h.query_by_label(&m).is_some());
}

#[test]
fn a_one_megabyte_single_line_opens() {
    let line = "这是一行很长的文字，没有换行。".repeat(1_000_000 / 45);
    let (_dir, h) = open_hostile("oneline.txt", line.as_bytes());
    assert_eq!(current_name(&h), "oneline.txt");
    assert!(h.state().page().raw.text().len() >= 990_000);
}

#[test]
fn a_tampered_fixture_is_reported_not_applied() {
    let (_dir, path) = seed_dir();
    let mut h = build(StartOptions {
        page: Some(path.clone()),
        ..StartOptions::default()
    });
    press(&mut h, Modifiers::NONE, Key::Num1);
    press(&mut h, Modifiers::COMMAND, Key::S);
    let fixture = fixture_path_for(&path);
    let json = std::fs::read_to_string(&fixture).unwrap();
    // Spans far outside the text.
    let tampered = json.replacen("\"end\":", "\"end\":99999", 1);
    assert_ne!(tampered, json, "the fixture has spans");
    std::fs::write(&fixture, &tampered).unwrap();
    let mut h = build(StartOptions::default());
    h.state_mut().open_page(&path);
    h.run();
    assert!(h.query_by_label_contains("cannot be read").is_some());
    assert_eq!(current_name(&h), "seed_page.txt");
    assert!(h.state().document().page_path.is_none(), "still the sample");
    assert_eq!(
        std::fs::read_to_string(&fixture).unwrap(),
        tampered,
        "untouched"
    );
}

#[test]
fn a_large_page_loads_in_the_background_while_the_desk_draws() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.txt");
    // About 6 MB: over the background-loading threshold.
    let text = SEED.repeat(250);
    assert!(text.len() as u64 >= proofdesk::app::BACKGROUND_LOAD_BYTES);
    std::fs::write(&path, &text).expect("writes");
    let mut h = build(StartOptions::default());
    let before = h.state().page().raw.sha256().to_owned();
    h.state_mut().open_page(&path);
    // A spinner keeps asking for frames: step, do not wait to settle.
    h.step();
    h.step();
    assert!(
        h.state().is_loading(),
        "a large page loads in the background"
    );
    assert!(
        h.query_by_label_contains("Reading and proposing big.txt")
            .is_some(),
        "the progress window names the page"
    );
    // Keys while loading do not edit the page that is about to be replaced.
    h.key_press_modifiers(Modifiers::NONE, Key::S);
    h.step();
    assert_eq!(h.state().page().raw.sha256(), before);
    assert!(!h.state().is_dirty(), "no edit was taken while loading");
    let started = std::time::Instant::now();
    let mut frames = 0;
    while h.state().is_loading() && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(50));
        h.step();
        frames += 1;
    }
    assert!(!h.state().is_loading(), "the page finished loading");
    assert!(
        frames >= 2,
        "the desk kept drawing while it loaded ({frames} frames)"
    );
    h.run();
    assert_eq!(current_name(&h), "big.txt");
    assert_eq!(h.state().page().raw.text().len(), text.len());
    assert!(h.state().page().articles.len() > 1000);
}

#[test]
fn a_failure_that_is_not_a_save_offers_no_save_as() {
    // A model that cannot be read: an error, but nothing to save elsewhere.
    let (dir, path) = seed_dir();
    let mut h = build(StartOptions {
        page: Some(path),
        ..StartOptions::default()
    });
    h.state_mut()
        .use_model(&dir.path().join("no-such-model.crfsuite"));
    h.run();
    assert!(h.state().state.message.as_ref().is_some_and(|m| m.error));
    assert!(
        h.query_by_label("Save as…").is_none(),
        "no Save as… beside: {}",
        message(&h)
    );
}
