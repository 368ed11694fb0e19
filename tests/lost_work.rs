//! Issue 14, "no lost work, ever", on the desk: two desks on one page, a
//! fixture changed behind the desk's back, autosave under steady work,
//! a page that cannot be opened at start, and Save as… without a desktop
//! file dialog. Driven through the real UI with `egui_kittest`; time is
//! egui's input time, set by the tests.

use std::path::{Path, PathBuf};

use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use proofdesk::app::{Access, Intent, StartOptions};
use proofdesk::command::Command;
use proofdesk::edit::BlockRef;
use proofdesk::io::{backup_path_for, fixture_path_for, read_fixture};
use proofdesk::page::{Role, Status};

mod support;
use support::{desk as build, later, message, press, seed_dir};

fn opening(page: &Path, autosave: Option<f64>) -> StartOptions {
    StartOptions {
        page: Some(page.to_owned()),
        autosave,
        ..StartOptions::default()
    }
}

// ------------------------------------------------------ two desks, one page

#[test]
fn a_second_desk_on_the_same_page_only_reads_it_and_says_who_holds_it() {
    let (_dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    let mut a = build(opening(&path, Some(3.0)));
    assert_eq!(a.state().document().access, Access::Write);
    let mut b = build(opening(&path, Some(3.0)));
    let Access::Locked { holder } = b.state().document().access.clone() else {
        panic!(
            "the second desk must not write the page: {:?}",
            b.state().document().access
        );
    };
    assert!(
        holder.contains(&format!("pid {}", std::process::id())),
        "names the holder: {holder}"
    );
    assert!(
        message(&b).contains("open in another desk"),
        "{}",
        message(&b)
    );
    assert!(
        b.query_by_label_contains("read-only: open in another desk")
            .is_some(),
        "the status bar says so"
    );

    // Both edit; only A writes the fixture. B's Ctrl+S says what to do.
    press(&mut a, Modifiers::NONE, Key::Num1);
    press(&mut b, Modifiers::NONE, Key::Num3);
    later(&mut a, 3.5);
    later(&mut b, 3.5);
    press(&mut b, Modifiers::COMMAND, Key::S);
    assert!(message(&b).contains("Save as"), "{}", message(&b));
    let f = read_fixture(&fixture).expect("A's draft");
    assert_eq!(f.articles[0].blocks[0].role, Role::Kicker, "A's edit");
    assert!(
        !backup_path_for(&fixture).exists(),
        "B never wrote over A: there was no earlier fixture to back up"
    );
    // B keeps its edit by Save as… elsewhere.
    let elsewhere = path.with_file_name("b-copy.proofdesk.json");
    assert!(b.state_mut().save_to(&elsewhere));
    assert_eq!(
        read_fixture(&elsewhere).unwrap().articles[0].blocks[0].role,
        Role::Subheadline
    );

    // When A closes the page, a desk that opens it writes again.
    drop(a);
    let c = build(opening(&path, Some(3.0)));
    assert_eq!(c.state().document().access, Access::Write);
    assert_eq!(
        c.state().page().articles[0].blocks[0].role,
        Role::Kicker,
        "and resumes A's draft"
    );
}

#[test]
fn reopening_the_page_on_the_desk_keeps_its_lock() {
    let (_dir, path) = seed_dir();
    let mut h = build(opening(&path, Some(3.0)));
    h.state_mut().open_page(&path);
    h.run();
    assert_eq!(
        h.state().document().access,
        Access::Write,
        "a desk is not locked out by itself"
    );
}

/// The page's own lock goes with it however its path is spelled
/// (`dir/sub/../p.txt`): before session 50 the desk's second handle on its own
/// lock was refused, and the page opened read-only, naming this desk.
#[test]
fn reopening_the_page_named_another_way_keeps_its_lock() {
    let (_dir, path) = seed_dir();
    let mut h = build(opening(&path, Some(3.0)));
    let folder = path.parent().expect("a folder");
    std::fs::create_dir(folder.join("sub")).expect("mkdir");
    let other_spelling = folder
        .join("sub")
        .join("..")
        .join(path.file_name().expect("a name"));
    assert_ne!(other_spelling, path);
    h.state_mut().open_page(&other_spelling);
    h.run();
    assert_eq!(
        h.state().document().access,
        Access::Write,
        "{}",
        message(&h)
    );
}

/// A desk that saved the page under another name holds that file's lock,
/// not the page's: reopening the page while another desk holds it opens
/// it read-only (before session 50 the copy's lock was carried over, and
/// the desk wrote the page the other desk held).
#[test]
fn a_copy_s_lock_does_not_open_the_page_another_desk_holds() {
    let (_dir, path) = seed_dir();
    let mut a = build(opening(&path, Some(3.0)));
    // A saves under another name: it holds that file's lock from now on,
    // and lets go of the page's.
    let copy = path.with_file_name("copy.proofdesk.json");
    assert!(a.state_mut().save_to(&copy));
    // Another desk opens the page.
    let proofdesk::lock::Lock::Held(other) =
        proofdesk::lock::try_lock(&fixture_path_for(&path), "2026-12-06T00:00:00Z")
    else {
        panic!("A let go of the page's lock when it saved elsewhere");
    };
    a.state_mut().open_page(&path);
    a.run();
    assert!(
        matches!(a.state().document().access, Access::Locked { .. }),
        "the page another desk holds opens read-only: {:?}",
        a.state().document().access
    );
    drop(other);
}

#[test]
fn save_as_never_writes_the_fixture_another_desk_holds() {
    let (_dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    let mut a = build(opening(&path, Some(3.0)));
    press(&mut a, Modifiers::NONE, Key::Num1);
    press(&mut a, Modifiers::COMMAND, Key::S);
    let theirs = std::fs::read_to_string(&fixture).expect("A saved");
    let mut b = build(opening(&path, Some(3.0)));
    assert!(matches!(b.state().document().access, Access::Locked { .. }));
    press(&mut b, Modifiers::NONE, Key::Num3);
    // The prompt offers a name of its own, not A's fixture.
    b.state_mut().push(Intent::Run(Command::SaveAs));
    b.run();
    let offered = PathBuf::from(&b.state().state.prompt.as_ref().expect("open").text);
    assert_ne!(offered, fixture);
    assert!(!offered.exists());
    // Typed over with A's fixture, it refuses and says why.
    assert!(!b.state_mut().save_to(&fixture));
    assert!(
        message(&b).contains("open in another desk"),
        "{}",
        message(&b)
    );
    assert_eq!(std::fs::read_to_string(&fixture).unwrap(), theirs);
    // The offered name saves B's changes.
    assert!(b.state_mut().save_to(&offered));
    assert_eq!(
        read_fixture(&offered).unwrap().articles[0].blocks[0].role,
        Role::Subheadline
    );
    assert_eq!(std::fs::read_to_string(&fixture).unwrap(), theirs);
    drop(a);
}

// ------------------------------------------------- written behind its back

#[test]
fn a_fixture_changed_behind_the_desk_is_kept_and_the_editor_chooses() {
    let (_dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    let mut h = build(opening(&path, Some(3.0)));
    press(&mut h, Modifiers::NONE, Key::Num1);
    later(&mut h, 3.5);
    assert!(!h.state().is_dirty(), "the first draft is written");

    // Another program (or a desk that ignores the lock) writes the fixture.
    let theirs = {
        let mut f = read_fixture(&fixture).unwrap();
        f.status = Status::Done;
        f.to_json().unwrap()
    };
    std::fs::write(&fixture, &theirs).unwrap();

    press(&mut h, Modifiers::NONE, Key::Num3);
    later(&mut h, 3.5);
    assert_eq!(
        std::fs::read_to_string(&fixture).unwrap(),
        theirs,
        "their fixture is not overwritten"
    );
    let conflict = h.state().state.conflict.clone().expect("the desk asks");
    let mine = read_fixture(&conflict.kept_as).expect("mine is kept beside");
    assert_eq!(mine.articles[0].blocks[0].role, Role::Subheadline);
    assert!(
        h.query_by_label("The saved work was changed elsewhere")
            .is_some()
    );
    // No further autosave while the question is open, and no key edits
    // the page behind it: "Open the version on disk" would drop an edit
    // made now, which is in neither file.
    press(&mut h, Modifiers::NONE, Key::Num5);
    later(&mut h, 10.0);
    assert_eq!(std::fs::read_to_string(&fixture).unwrap(), theirs);
    assert_eq!(
        h.state().page().articles[0].blocks[0].role,
        Role::Subheadline,
        "the key went to the question, not the page"
    );

    h.get_by_label("Keep mine (the version on disk becomes the .bak)")
        .click();
    h.run();
    let now = read_fixture(&fixture).unwrap();
    assert_eq!(now.articles[0].blocks[0].role, Role::Subheadline, "mine");
    assert_eq!(
        std::fs::read_to_string(backup_path_for(&fixture)).unwrap(),
        theirs,
        "theirs is the backup"
    );
    assert!(h.state().state.conflict.is_none());
    assert!(!h.state().is_dirty());
}

#[test]
fn opening_their_version_keeps_mine_in_the_conflict_file() {
    let (_dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    let mut h = build(opening(&path, Some(3.0)));
    // Someone else writes a fixture after the desk opened a page that had none.
    let mut f = proofdesk::fixture::Fixture::from_page(h.state().page(), "2026-01-01T00:00:00Z");
    f.status = Status::Done;
    std::fs::write(&fixture, f.to_json().unwrap()).unwrap();

    press(&mut h, Modifiers::NONE, Key::Num1);
    press(&mut h, Modifiers::COMMAND, Key::S);
    let kept = h
        .state()
        .state
        .conflict
        .clone()
        .expect("a conflict")
        .kept_as;
    assert_eq!(
        read_fixture(&kept).unwrap().articles[0].blocks[0].role,
        Role::Kicker
    );
    // An edit made after the write was handed over (autosave writes in the
    // background; its outcome comes a frame or seconds later) is in
    // neither file until the editor chooses.
    h.state_mut()
        .push(Intent::Apply(proofdesk::edit::Action::SetRole {
            at: BlockRef::new(0, 0),
            role: Role::Byline,
        }));
    h.run();
    h.get_by_label("Open the version on disk (mine stays in the .conflict file)")
        .click();
    h.run();
    assert_eq!(h.state().page().status, Status::Done, "theirs on the desk");
    assert_eq!(
        read_fixture(&kept).unwrap().articles[0].blocks[0].role,
        Role::Byline,
        "mine, as it last stood, is in {}",
        kept.display()
    );
    assert!(message(&h).contains("kept as"), "{}", message(&h));
}

// ------------------------------------------------------- steady work saved

#[test]
fn steady_work_is_autosaved_within_three_seconds_of_each_change() {
    // The report: a doubt accepted every 1.5 s for 45 s wrote
    // nothing, and kill -9 lost all 30 resolutions.
    let (_dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    let mut h = build(opening(&path, Some(3.0)));
    press(&mut h, Modifiers::NONE, Key::N);
    let mut accepted = 0;
    for step in 0..30 {
        press(&mut h, Modifiers::NONE, Key::A);
        accepted += 1;
        later(&mut h, 1.5);
        if step >= 2 {
            // Everything up to 3 s ago is on disk.
            let f = read_fixture(&fixture).expect("a draft exists");
            let settled = f.review.as_ref().map_or(0, |r| {
                r.doubts.iter().filter(|d| d.resolution.is_some()).count()
            });
            assert!(
                settled + 2 >= accepted,
                "after {accepted} accepts only {settled} are on disk"
            );
        }
    }
}

// ------------------------------------------------ a page that cannot be read

#[test]
fn a_page_that_cannot_be_opened_at_start_leaves_an_empty_desk_not_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-page.txt");
    let cwd_fixture = PathBuf::from("seed_page.txt.proofdesk.json");
    let existed = cwd_fixture.exists();
    let mut h = build(opening(&missing, Some(3.0)));
    assert_eq!(h.state().document().access, Access::Nothing);
    assert!(h.state().page().articles.is_empty(), "not the sample page");
    assert!(
        message(&h).contains("no-such-page.txt"),
        "the error stays: {}",
        message(&h)
    );
    // Keys do nothing harmful, and nothing is written anywhere.
    press(&mut h, Modifiers::NONE, Key::Num1);
    press(&mut h, Modifiers::NONE, Key::S);
    later(&mut h, 5.0);
    assert!(message(&h).contains("no-such-page.txt") || !message(&h).contains("autosaved"));
    assert!(h.state().state.autosaved.is_none(), "no autosave");
    assert_eq!(
        cwd_fixture.exists(),
        existed,
        "nothing in the working folder"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_sample_page_is_never_saved_into_the_working_folder() {
    let cwd_fixture = PathBuf::from("seed_page.txt.proofdesk.json");
    let existed = cwd_fixture.exists();
    let mut h = build(StartOptions {
        autosave: Some(3.0),
        ..StartOptions::default()
    });
    assert_eq!(h.state().document().access, Access::Sample);
    press(&mut h, Modifiers::NONE, Key::Num1);
    later(&mut h, 5.0);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(message(&h).contains("Save as"), "{}", message(&h));
    assert_eq!(cwd_fixture.exists(), existed);
    // Save as… keeps it where the editor says.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mine.proofdesk.json");
    assert!(h.state_mut().save_to(&target));
    assert_eq!(
        read_fixture(&target).unwrap().articles[0].blocks[0].role,
        Role::Kicker
    );
}

// --------------------------------------------- Save as without a dialog

#[test]
fn save_as_is_an_in_app_prompt_that_works_without_a_desktop_dialog() {
    let (dir, path) = seed_dir();
    let mut h = build(opening(&path, Some(3.0)));
    press(&mut h, Modifiers::NONE, Key::Num1);
    h.state_mut().push(Intent::Run(Command::SaveAs));
    h.run();
    assert!(h.query_by_label("Save the fixture as").is_some());
    let target = dir.path().join("rescued.proofdesk.json");
    if let Some(p) = &mut h.state_mut().state.prompt {
        p.text = target.display().to_string();
    }
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let f = read_fixture(&target).expect("saved where typed");
    assert_eq!(f.articles[0].blocks[0].role, Role::Kicker);
    assert!(h.state().state.prompt.is_none(), "the prompt closes");
    assert_eq!(h.state().document().fixture_path, target);
}

#[test]
fn typing_autosaved_then_cancelled_is_not_left_in_the_draft() {
    // Autosave writes text still being typed; Escape then throws the
    // typing away. The draft on disk must not keep it.
    let (_dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    let mut h = build(opening(&path, Some(3.0)));
    let first = h.state().page().articles[0].blocks[0].text.clone();
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label("Editing block text").type_text("草稿");
    h.run();
    later(&mut h, 3.5);
    let written = read_fixture(&fixture).expect("the typing is autosaved");
    assert_eq!(written.articles[0].blocks[0].text, format!("{first}草稿"));
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().state.editing.is_none());
    assert!(h.state().is_dirty(), "the file holds what was thrown away");
    later(&mut h, 3.5);
    let now = read_fixture(&fixture).expect("written again");
    assert_eq!(now.articles[0].blocks[0].text, first, "the typing is gone");
    assert!(!h.state().is_dirty());
}

/// Types `text` as a keyboard does: each key pressed, its character,
/// the key released.
fn type_keys(h: &mut egui_kittest::Harness<'_, proofdesk::app::DeskApp>, text: &str) {
    for c in text.chars() {
        let key = Key::from_name(&c.to_uppercase().to_string());
        if let Some(key) = key {
            h.key_down(key);
        }
        h.event(eframe::egui::Event::Text(c.to_string()));
        if let Some(key) = key {
            h.key_up(key);
        }
        h.run();
    }
}

#[test]
fn a_path_typed_into_the_prompt_edits_nothing_and_enter_saves_there() {
    // `s`, `m`, `a`, `t`, `1` and Enter are the desk's keys (split, merge,
    // accept, kind, role, edit): in the path field they are the path.
    let (dir, path) = seed_dir();
    let mut h = build(opening(&path, Some(3.0)));
    let before = h.state().page().articles.clone();
    h.state_mut().push(Intent::Run(Command::SaveAs));
    h.run();
    let folder = format!("{}/", dir.path().display());
    if let Some(p) = &mut h.state_mut().state.prompt {
        p.text = folder.clone();
    }
    h.run();
    type_keys(&mut h, "smart1.json");
    assert_eq!(
        h.state().state.prompt.as_ref().map(|p| p.text.clone()),
        Some(format!("{folder}smart1.json")),
        "every key went into the field"
    );
    assert!(
        h.state().page().articles == before,
        "no key edited the page"
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        h.state().state.prompt.is_none(),
        "Enter saves and closes: {:?} {:?}",
        h.state().state.prompt.as_ref().map(|p| (&p.text, &p.note)),
        message(&h)
    );
    let target = dir.path().join("smart1.json");
    let saved = read_fixture(&target).expect("saved where typed").articles;
    assert!(
        saved.iter().eq(before.iter().map(|a| &**a)),
        "the fixture holds the page as it was"
    );
    assert!(h.state().state.editing.is_none(), "Enter edited no block");
}

#[test]
fn the_open_prompt_lists_the_folder_and_opens_what_is_picked() {
    let (dir, path) = seed_dir();
    std::fs::write(dir.path().join("other.txt"), "标题\n\n正文一段。\n").unwrap();
    let mut h = build(opening(&path, Some(3.0)));
    h.state_mut().push(Intent::Run(Command::Open));
    h.run();
    assert!(h.query_by_label("Open a page or a folder").is_some());
    h.get_by_label("other.txt").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(h.state().page().raw.file_name, "other.txt");
    assert_eq!(h.state().state.selected, Some(BlockRef::new(0, 0)));
}

#[test]
fn the_first_save_time_is_kept_by_every_later_save() {
    let (_dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    let mut h = build(opening(&path, Some(3.0)));
    press(&mut h, Modifiers::NONE, Key::Num1);
    press(&mut h, Modifiers::COMMAND, Key::S);
    let first = read_fixture(&fixture).expect("saved").provenance.created;
    std::thread::sleep(std::time::Duration::from_millis(1100));
    press(&mut h, Modifiers::NONE, Key::Num3);
    press(&mut h, Modifiers::COMMAND, Key::S);
    let f = read_fixture(&fixture).expect("saved again");
    assert_eq!(
        f.provenance.created, first,
        "created is the first save's time"
    );
    assert_ne!(f.provenance.modified, first, "modified moves on");
}

// ------------------------------------------- the shutdown handler's rescue

/// The shutdown handler writes the page the desk last published when the
/// desk does not answer. If the fixture cannot be written (here a folder
/// took its place), the page is kept beside it, and the message names the
/// copy.
#[test]
fn a_rescue_that_cannot_write_the_fixture_keeps_the_page_beside_it() {
    let (dir, path) = seed_dir();
    let fixture = fixture_path_for(&path);
    std::fs::create_dir(&fixture).expect("test setup");
    let mut page = proofdesk::io::read_page(&path).expect("the seed page reads");
    page.status = Status::Draft;
    let shutdown = proofdesk::app::Shutdown::default();
    *shutdown.rescue.lock().expect("test setup") = Some(proofdesk::saver::SaveRequest {
        page,
        path: fixture.clone(),
        expect: proofdesk::saver::OnDisk::Nothing,
        version: None,
        explicit: false,
    });
    let said = shutdown
        .rescue_now()
        .expect("a page was waiting to be rescued");
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("test setup")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.to_string_lossy().contains(".proofdesk.json.unsaved-"))
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "one copy beside the fixture: {kept:?} ({said})"
    );
    assert!(
        said.contains("could not go to") && said.contains(&kept[0].display().to_string()),
        "the message names the copy: {said}"
    );
    let copy = read_fixture(&kept[0]).expect("the copy is a readable fixture");
    assert_eq!(copy.status, Status::Draft);
    assert!(
        fixture.is_dir(),
        "what took the fixture's place is left alone"
    );
    // The slot is emptied: a second call has nothing more to write.
    assert!(shutdown.rescue_now().is_none());
}
