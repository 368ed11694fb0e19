//! The desk driven through its real UI with `egui_kittest`: clicks, keys,
//! drags, typing, saving. No display is needed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use proofdesk::app::{DeskApp, StartOptions, TextSelection};
use proofdesk::decision::DoubtWalk;
use proofdesk::edit::BlockRef;
use proofdesk::i18n::Lang;
use proofdesk::page::{Role, Status};

mod support;
use support::{SEED, desk_with as harness_with, message, press};

fn harness(options: StartOptions) -> Harness<'static, DeskApp> {
    harness_with(Harness::builder().with_max_steps(8), options)
}

/// Options that open `path`.
fn opening(path: PathBuf) -> StartOptions {
    StartOptions {
        page: Some(path),
        ..StartOptions::default()
    }
}

/// A temp dir holding a copy of the seed page, opened through the one
/// open function (never the file dialog).
fn seed_in_tempdir() -> (tempfile::TempDir, PathBuf, Harness<'static, DeskApp>) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("seed_page.txt");
    std::fs::write(&path, SEED).expect("the page is written");
    let mut h = harness(StartOptions::default());
    h.state_mut().open_page(&path);
    h.run();
    assert_eq!(
        h.state().document().page_path.as_deref(),
        Some(path.as_path()),
        "the page opened"
    );
    (dir, path, h)
}

fn text_at(h: &Harness<'_, DeskApp>, at: BlockRef) -> String {
    h.state().page().articles[at.article].blocks[at.block]
        .text
        .clone()
}

/// Scrolls a block into view and returns its rect. Only the articles in
/// view are laid out, so a block out of view is brought into it first
/// (without selecting it).
fn block_rect(h: &mut Harness<'_, DeskApp>, at: BlockRef) -> egui::Rect {
    let text = text_at(h, at);
    if h.query_by_label(&text).is_none() {
        h.state_mut().reveal(at);
        h.run();
    }
    h.get_by_label(&text).scroll_to_me();
    h.run();
    h.get_by_label(&text).rect()
}

fn click_block(h: &mut Harness<'_, DeskApp>, at: BlockRef) {
    let text = text_at(h, at);
    block_rect(h, at);
    h.get_by_label(&text).click();
    h.run();
    assert_eq!(
        h.state().state.selected,
        Some(at),
        "clicking {text} selects it"
    );
}

/// Ctrl+D on a page with open doubts: the desk asks first, and the answer
/// is "Mark done".
fn mark_done_anyway(h: &mut Harness<'_, DeskApp>) {
    let open = h.state().page().review.open_count();
    assert!(open > 0, "the page has open doubts");
    press(h, Modifiers::COMMAND, Key::D);
    assert_ne!(
        h.state().page().status,
        Status::Done,
        "not before the answer"
    );
    h.get_by_label_contains(&format!("({open} doubts) are still to check"));
    h.get_by_label("Mark done").click();
    h.run();
}

fn drag(h: &mut Harness<'_, DeskApp>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.drag_at(from);
    h.run();
    for i in 1..=6u8 {
        h.hover_at(from + (to - from) * (f32::from(i) / 6.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

#[test]
fn opens_the_bundled_sample_with_both_panes() {
    let h = harness(StartOptions::default());
    let page = h.state().page();
    assert_eq!(page.raw.file_name, "seed_page.txt");
    assert_eq!(page.articles.len(), 15);
    assert_eq!(page.status, Status::Auto);
    // Corrected pane: a block by its text; raw pane: numbered lines; outline.
    assert!(h.query_by_label("鹤山区举办文明志愿者培训").is_some());
    // The raw pane shows the selected block's source (line 73 of the page).
    assert!(h.query_by_label("raw line 73").is_some());
    assert!(h.query_by_label("3. 鹤山区举办文明志愿者培训").is_some());
    // The CJK font is installed (the harness panics on tofu otherwise).
    let ctx = h.ctx.clone();
    assert!(ctx.fonts_mut(|f| f.has_glyph(&egui::FontId::proportional(15.0), '沬')));
}

#[test]
fn a_page_written_row_by_row_says_its_reading_order_is_lost() {
    let (_dir, path) = support::row_by_row_dir();
    let mut h = harness(opening(path));
    h.run();
    assert_eq!(h.state().page().raw.file_name, "rows.txt");
    // Above the corrected page, what was seen and what to do; in the
    // status bar, that the order is lost.
    let warning = h.get_by_label_contains("Reading order lost: the lines of about 2 columns");
    assert!(warning.rect().width() > 100.0);
    assert!(h.query_by_label_contains("pdftotext -raw").is_some());
    assert!(h.query_by_label(" reading order lost ").is_some());
    // The doubts line does not invite a review of text out of order.
    assert!(
        h.query_by_label_contains("but no rule read this page in order: extract it again first")
            .is_some()
    );
    assert!(h.query_by_label_contains("N: go to the next").is_none());
    // Walking only the least sure doubts, the same.
    h.state_mut().state.doubt_walk.below_percent = 90;
    h.run();
    assert!(h.state().state.doubt_walk.filters());
    assert!(
        h.query_by_label_contains("extract it again first")
            .is_some()
    );
    assert!(h.query_by_label_contains("N: go to the next").is_none());
    // The seed page itself reads in order: neither shows.
    let seed = harness(StartOptions::default());
    assert!(seed.query_by_label_contains("Reading order lost").is_none());
    assert!(seed.query_by_label(" reading order lost ").is_none());
}

#[test]
fn clicking_a_character_selects_its_block_and_its_raw_source() {
    let mut h = harness(StartOptions::default());
    let at = BlockRef::new(2, 3);
    click_block(&mut h, at);
    let block = &h.state().page().articles[2].blocks[3];
    let focus = h
        .state()
        .state
        .focus_raw
        .expect("the clicked char traces to raw text");
    assert!(
        block.spans.iter().any(|s| s.contains(focus)),
        "{focus} is in the block's source"
    );
    // j / k walk the blocks.
    press(&mut h, Modifiers::NONE, Key::J);
    assert_eq!(h.state().state.selected, Some(BlockRef::new(2, 4)));
    press(&mut h, Modifiers::NONE, Key::K);
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    assert_eq!(h.state().state.selected, Some(BlockRef::new(2, 2)));
    press(&mut h, Modifiers::COMMAND, Key::ArrowDown);
    assert_eq!(h.state().state.selected, Some(BlockRef::new(3, 0)));
}

#[test]
fn clicking_a_raw_line_selects_the_block_it_feeds() {
    let mut h = harness(StartOptions::default());
    h.get_by_label("raw line 78").click();
    h.run();
    // Line 78 opens the first paragraph of article 3, whose headline comes
    // from the bottom of the column.
    assert_eq!(h.state().state.selected, Some(BlockRef::new(2, 2)));
}

#[test]
fn split_and_merge_articles_by_keyboard() {
    let mut h = harness(StartOptions::default());
    // Nothing edited, nothing written: the status bar says no more than
    // that (beside "bundled sample: not saved", never "saved").
    assert!(h.query_by_label("no unsaved changes").is_some());
    let moved = text_at(&h, BlockRef::new(0, 2));
    click_block(&mut h, BlockRef::new(0, 2));
    press(&mut h, Modifiers::NONE, Key::S);
    assert!(h.query_by_label("● unsaved changes").is_some());
    assert!(h.query_by_label("no unsaved changes").is_none());
    let page = h.state().page();
    assert_eq!(page.articles.len(), 16);
    assert_eq!(page.articles[1].blocks[0].text, moved);
    assert_eq!(page.articles[0].blocks.len(), 2);
    assert_eq!(
        h.state().state.selected,
        Some(BlockRef::new(1, 0)),
        "selection follows the block"
    );
    press(&mut h, Modifiers::NONE, Key::M);
    assert_eq!(h.state().page().articles.len(), 15);
    assert_eq!(h.state().page().articles[0].blocks[2].text, moved);
}

#[test]
fn move_a_headline_to_another_article_by_keyboard() {
    let mut h = harness(StartOptions::default());
    let headline = text_at(&h, BlockRef::new(3, 0));
    assert_eq!(headline, "2024年开发区高素质农民培育培训班开班");
    click_block(&mut h, BlockRef::new(3, 0));
    // Shift+Up at the top of an article moves the block into the previous
    // article, into its headline stack.
    press(&mut h, Modifiers::SHIFT, Key::ArrowUp);
    let page = h.state().page();
    let a3 = &page.articles[2];
    assert_eq!(a3.blocks[1].text, headline, "after the existing headline");
    assert_eq!(a3.blocks[1].role, Role::Headline);
    assert_ne!(page.articles[3].blocks[0].text, headline);
    assert_eq!(h.state().state.selected, Some(BlockRef::new(2, 1)));
    // Shift+Down inside the article moves it down one block.
    press(&mut h, Modifiers::SHIFT, Key::ArrowDown);
    assert_eq!(h.state().page().articles[2].blocks[2].text, headline);
}

#[test]
fn move_a_headline_to_another_article_by_drag_onto_the_outline() {
    let mut h = harness(StartOptions::default());
    let headline = text_at(&h, BlockRef::new(3, 0));
    let from = block_rect(&mut h, BlockRef::new(3, 0)).center();
    let to = h
        .get_by_label("3. 鹤山区举办文明志愿者培训")
        .rect()
        .center();
    drag(&mut h, from, to);
    let page = h.state().page();
    assert_eq!(page.articles[2].blocks[1].text, headline);
    assert_eq!(page.articles[3].blocks.len(), 4);
    assert!(h.state().is_dirty());
}

#[test]
fn move_a_block_by_drag_in_the_corrected_pane() {
    let mut h = harness(StartOptions::default());
    // Drag the source note of article 1 onto the top half of its first body.
    let source = text_at(&h, BlockRef::new(0, 7));
    let target = text_at(&h, BlockRef::new(0, 1));
    let from = block_rect(&mut h, BlockRef::new(0, 7)).center();
    let rect = h.get_by_label(&target).rect();
    drag(&mut h, from, egui::pos2(rect.center().x, rect.top() + 4.0));
    let a1 = &h.state().page().articles[0];
    assert_eq!(a1.blocks[1].text, source);
    assert_eq!(a1.blocks[2].text, target);
}

#[test]
fn change_a_role_by_key_then_undo_and_redo() {
    let mut h = harness(StartOptions::default());
    let at = BlockRef::new(0, 3);
    click_block(&mut h, at);
    assert_eq!(h.state().page().articles[0].blocks[3].role, Role::Subhead);
    press(&mut h, Modifiers::NONE, Key::Num5);
    assert_eq!(h.state().page().articles[0].blocks[3].role, Role::Body);
    assert_eq!(h.state().document().editor.undo_depth(), 1);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().page().articles[0].blocks[3].role, Role::Subhead);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(h.state().page().articles[0].blocks[3].role, Role::Body);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(h.state().page().articles[0].blocks[3].role, Role::Body);
    assert!(!h.state().document().editor.can_redo());
}

#[test]
fn change_an_article_kind_by_key() {
    let mut h = harness(StartOptions::default());
    click_block(&mut h, BlockRef::new(8, 1));
    let before = h.state().page().articles[8].kind;
    press(&mut h, Modifiers::NONE, Key::T);
    assert_ne!(h.state().page().articles[8].kind, before);
    press(&mut h, Modifiers::SHIFT, Key::T);
    assert_eq!(
        h.state().page().articles[8].kind,
        before,
        "Shift+T turns the kind back"
    );
}

#[test]
fn zoom_keys_zoom_one_step_each_and_reset() {
    let mut h = harness(StartOptions::default());
    let zoom = |h: &Harness<'_, DeskApp>| h.ctx.zoom_factor();
    assert!((zoom(&h) - 1.0).abs() < 1e-6);
    press(&mut h, Modifiers::COMMAND, Key::Equals);
    assert!(
        (zoom(&h) - 1.1).abs() < 1e-6,
        "one step, not two: {}",
        zoom(&h)
    );
    press(&mut h, Modifiers::COMMAND, Key::Minus);
    press(&mut h, Modifiers::COMMAND, Key::Minus);
    assert!((zoom(&h) - 0.9).abs() < 1e-6, "{}", zoom(&h));
    press(&mut h, Modifiers::COMMAND, Key::Num0);
    assert!((zoom(&h) - 1.0).abs() < 1e-6, "{}", zoom(&h));
}

#[test]
fn edit_text_in_place_shows_the_diff_and_typing_is_not_a_shortcut() {
    let mut h = harness(StartOptions::default());
    let at = BlockRef::new(0, 0);
    click_block(&mut h, at);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().state.editing.is_some());
    h.get_by_label("Editing block text").type_text("s1j");
    h.run();
    // Typing "s" or "j" neither split an article nor moved the selection.
    assert_eq!(h.state().page().articles.len(), 15);
    press(&mut h, Modifiers::NONE, Key::Enter);
    let b = &h.state().page().articles[0].blocks[0];
    assert_eq!(b.text, "鹤壁市生态环境违法典型案例（一）s1j");
    assert!(b.edited);
    assert!(h.state().state.editing.is_none());
    assert!(
        h.query_by_label("vs. automatic:").is_some(),
        "the diff is shown"
    );
    // Escape throws typing away.
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label("Editing block text").type_text("XYZ");
    h.run();
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(text_at(&h, at), "鹤壁市生态环境违法典型案例（一）s1j");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(text_at(&h, at), "鹤壁市生态环境违法典型案例（一）");
}

#[test]
fn split_a_block_at_the_text_cursor() {
    let mut h = harness(StartOptions::default());
    let at = BlockRef::new(5, 1);
    assert_eq!(text_at(&h, at), "政策解读面对面 温暖服务心贴心");
    click_block(&mut h, at);
    press(&mut h, Modifiers::NONE, Key::Enter);
    for _ in 0..7 {
        press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    }
    press(&mut h, Modifiers::COMMAND, Key::Enter);
    assert_eq!(text_at(&h, at), "政策解读面对面");
    assert_eq!(text_at(&h, BlockRef::new(5, 2)), "温暖服务心贴心");
    // Join them again.
    press(&mut h, Modifiers::COMMAND, Key::J);
    assert_eq!(text_at(&h, at), "政策解读面对面温暖服务心贴心");
}

#[test]
fn save_a_draft_resume_it_and_mark_done() {
    let (_dir, path, mut h) = seed_in_tempdir();
    click_block(&mut h, BlockRef::new(0, 2));
    press(&mut h, Modifiers::NONE, Key::S);
    press(&mut h, Modifiers::NONE, Key::Num2);
    assert!(h.state().is_dirty());
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().is_dirty());
    let fixture_path = proofdesk::io::fixture_path_for(&path);
    let f = proofdesk::io::read_fixture(&fixture_path).unwrap();
    assert_eq!(f.status, Status::Draft);
    assert_eq!(f.articles.len(), 16);
    assert_eq!(f.articles[1].blocks[0].role, Role::Headline);
    assert_eq!(
        f.proposal.len(),
        15,
        "the fixture keeps the automatic proposal"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        SEED,
        "the raw page is never written"
    );

    // Reopen: the draft is resumed.
    // The first desk lets go of the page (its lock) before another opens it.
    drop(h);
    let mut h2 = harness(StartOptions::default());
    h2.state_mut().open_page(&path);
    h2.run();
    assert!(h2.state().document().resumed);
    assert_eq!(h2.state().page().articles.len(), 16);
    assert_eq!(h2.state().page().status, Status::Draft);
    mark_done_anyway(&mut h2);
    let f = proofdesk::io::read_fixture(&fixture_path).unwrap();
    assert_eq!(f.status, Status::Done);
    assert_eq!(f.articles[1].blocks[0].role, Role::Headline);
}

#[test]
fn opening_another_page_with_unsaved_changes_asks_first() {
    let (dir, _path, mut h) = seed_in_tempdir();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "标题\n\n本报讯 正文。\n").unwrap();
    press(&mut h, Modifiers::NONE, Key::Num1);
    h.state_mut().open_page(&other);
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().page().raw.file_name, "seed_page.txt");
    assert!(h.state().is_dirty());
    h.state_mut().open_page(&other);
    h.run();
    h.get_by_label("Discard changes").click();
    h.run();
    assert_eq!(h.state().page().raw.file_name, "other.txt");
}

#[test]
fn closing_with_unsaved_changes_asks_and_can_save() {
    let (_dir, path, mut h) = seed_in_tempdir();
    press(&mut h, Modifiers::NONE, Key::Num1);
    support::ask_to_close(&mut h);
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Save draft").click();
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(commands.contains(&egui::ViewportCommand::Close));
    let f = proofdesk::io::read_fixture(&proofdesk::io::fixture_path_for(&path)).unwrap();
    assert_eq!(f.articles[0].blocks[0].role, Role::Kicker);
}

#[derive(Debug)]
struct Dropped(PathBuf);
impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_file_on_the_window_opens_it() {
    let (dir, _path, mut h) = seed_in_tempdir();
    let other = dir.path().join("dropped.txt");
    std::fs::write(&other, "标题\n\n本报讯 正文。\n").unwrap();
    h.input_mut().dropped_files.push(Arc::new(Dropped(other)));
    h.run();
    assert_eq!(h.state().page().raw.file_name, "dropped.txt");
}

#[test]
fn a_character_the_font_cannot_draw_is_named_on_hover() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rare.txt");
    // U+2A6D6 is outside GBK, so the bundled subset has no glyph for it.
    std::fs::write(&path, "𪛖𪛖𪛖𪛖𪛖𪛖𪛖𪛖。\n").unwrap();
    let mut h = harness_with(Harness::builder().allow_missing_glyphs(), opening(path));
    let ctx = h.ctx.clone();
    assert!(h.state_mut().state.glyphs.missing(&ctx, '𪛖'));
    assert!(!h.state_mut().state.glyphs.missing(&ctx, '沬'));
    let rect = h.get_by_label("𪛖𪛖𪛖𪛖𪛖𪛖𪛖𪛖。").rect();
    h.hover_at(egui::pos2(rect.left() + 70.0, rect.top() + 12.0));
    h.run();
    assert!(
        h.query_by_label_contains("U+2A6D6").is_some(),
        "the code point is shown"
    );
}

#[test]
fn the_shortcut_sheet_lists_every_command() {
    let mut h = harness(StartOptions::default());
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(h.state().state.show_shortcuts);
    assert!(h.query_all_by_label("Keyboard shortcuts").count() >= 1);
    for c in proofdesk::command::Command::all() {
        assert!(
            h.query_all_by_label(&c.label(Lang::En)).count() >= 1,
            "{c:?} is on the sheet"
        );
        assert!(
            h.query_all_by_label(&c.all_shortcuts_text(Lang::En))
                .count()
                >= 1,
            "{c:?} has its keys"
        );
    }
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(!h.state().state.show_shortcuts);
}

#[test]
fn snapshot_main_view() {
    let mut h = harness(StartOptions::default());
    click_block(&mut h, BlockRef::new(2, 2));
    h.snapshot("desk_selected");
}

#[test]
fn snapshot_editing_with_diff() {
    let mut h = harness(StartOptions::default());
    click_block(&mut h, BlockRef::new(0, 0));
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label("Editing block text").type_text("（校）");
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    click_block(&mut h, BlockRef::new(0, 1));
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.snapshot("desk_editing");
}

#[test]
fn hovering_a_raw_line_names_the_block_it_feeds() {
    let mut h = harness(StartOptions::default());
    let rect = h.get_by_label("raw line 78").rect();
    h.hover_at(rect.left_center() + egui::vec2(60.0, 0.0));
    h.run();
    assert!(
        h.query_by_label_contains("article 3 «鹤山区举办文明志愿者培训», block 3")
            .is_some(),
        "the tooltip names article and block"
    );
}

#[test]
fn visible_whitespace_in_the_raw_pane() {
    let mut h = harness(StartOptions::default());
    assert!(!h.state().state.show_whitespace);
    // Drawing the markers would panic if a font lacked them.
    press(&mut h, Modifiers::NONE, Key::W);
    assert!(h.state().state.show_whitespace);
    press(&mut h, Modifiers::NONE, Key::W);
    assert!(!h.state().state.show_whitespace);
}

#[test]
fn reorder_articles_by_drag_in_the_outline_and_by_keyboard() {
    let mut h = harness(StartOptions::default());
    let from = h
        .get_by_label("2. 建设十有城市 解码幸福生活")
        .rect()
        .center();
    let to = h
        .get_by_label("4. 2024年开发区高素质农民培育培训班开班")
        .rect()
        .center();
    drag(&mut h, from, to);
    assert_eq!(
        &support::article_ids(&h)[..5],
        ["a1", "a3", "a4", "a2", "a5"]
    );
    click_block(&mut h, BlockRef::new(3, 0));
    press(&mut h, Modifiers::ALT, Key::ArrowUp);
    assert_eq!(
        &support::article_ids(&h)[..5],
        ["a1", "a3", "a2", "a4", "a5"]
    );
}

/// The "done means" path: the seed page fixed to its gold correction with
/// the keyboard alone, saved, reopened, marked done.
#[test]
fn the_seed_page_reaches_its_gold_correction_by_keyboard() {
    let (_dir, path, mut h) = seed_in_tempdir();
    let gold = proofdesk::io::read_fixture(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed_page.proofdesk.json"
    )))
    .expect("the gold fixture is valid");
    // Ctrl+↓ twice: article 3; j three times: its second paragraph, which
    // glues two printed paragraphs together.
    press(&mut h, Modifiers::COMMAND, Key::ArrowDown);
    press(&mut h, Modifiers::COMMAND, Key::ArrowDown);
    for _ in 0..3 {
        press(&mut h, Modifiers::NONE, Key::J);
    }
    let at = BlockRef::new(2, 3);
    assert_eq!(h.state().state.selected, Some(at));
    let text = text_at(&h, at);
    let second = "培训内容丰富、联系实际。";
    let cut = text.find(second).expect("the glued paragraph");
    let from_end = text[cut..].chars().count();
    press(&mut h, Modifiers::NONE, Key::Enter);
    for _ in 0..from_end {
        press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    }
    press(&mut h, Modifiers::COMMAND, Key::Enter);
    press(&mut h, Modifiers::COMMAND, Key::S);
    let fixture_path = proofdesk::io::fixture_path_for(&path);
    let saved = proofdesk::io::read_fixture(&fixture_path).expect("the draft is valid");
    let shape = |f: &proofdesk::fixture::Fixture| -> Vec<Vec<(Role, String)>> {
        f.articles
            .iter()
            .map(|a| a.blocks.iter().map(|b| (b.role, b.text.clone())).collect())
            .collect()
    };
    assert_eq!(
        shape(&saved),
        shape(&gold),
        "the draft equals the gold correction"
    );
    assert_eq!(saved.status, Status::Draft);

    // The first desk lets go of the page (its lock) before another opens it.
    drop(h);
    let mut h2 = harness(StartOptions::default());
    h2.state_mut().open_page(&path);
    h2.run();
    mark_done_anyway(&mut h2);
    let done = proofdesk::io::read_fixture(&fixture_path).expect("the fixture is valid");
    assert_eq!(done.status, Status::Done);
    assert_eq!(shape(&done), shape(&gold));
    assert_eq!(done.proposal.len(), 15, "the proposal is recorded too");
    // Spans equal the gold's once whitespace at their ends is trimmed
    // (SplitBlock keeps the line break before the cut in the left part).
    let raw: Vec<char> = SEED.chars().collect();
    let trimmed = |s: proofdesk::page::Span| {
        let mut s = s;
        while s.start < s.end && raw[s.start].is_whitespace() {
            s.start += 1;
        }
        while s.end > s.start && raw[s.end - 1].is_whitespace() {
            s.end -= 1;
        }
        s
    };
    let spans = |f: &proofdesk::fixture::Fixture| -> Vec<Vec<proofdesk::page::Span>> {
        f.articles
            .iter()
            .flat_map(|a| {
                a.blocks
                    .iter()
                    .map(|b| b.spans.iter().map(|s| trimmed(*s)).collect())
            })
            .collect()
    };
    assert_eq!(spans(&done), spans(&gold), "spans match the gold too");
}

/// Only the articles in view are laid out, whatever the size of the page:
/// on a 1 MB page (the seed page 43 times) the last article is drawn, in
/// its place at the end, when the corrected pane is scrolled to the bottom.
#[test]
fn the_last_article_of_a_one_megabyte_page_is_drawn_at_the_end() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("big.txt");
    std::fs::write(&path, SEED.repeat(43)).expect("the page is written");
    let mut h = harness_with(Harness::builder().with_max_steps(64), opening(path));
    let page = h.state().page();
    assert!(page.raw.text().len() > 1_000_000, "a 1 MB page");
    let last = page.articles.last().expect("articles");
    let title = last.title().to_owned();
    let last_text = last.blocks.last().expect("blocks").text.clone();
    let outline_label = format!("{}. {title}", page.articles.len());
    assert!(
        h.query_by_label(&last_text).is_none(),
        "the end of the page is not laid out while out of view"
    );
    // Scroll the corrected pane, and then the outline, to the end.
    for x in [560.0, 100.0] {
        h.hover_at(egui::pos2(x, 500.0));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -10_000.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        h.run();
        h.run();
    }
    let headline = h.get_by_label(&title).rect();
    let end = h.get_by_label(&last_text).rect();
    assert!(headline.top() < end.top(), "the headline comes first");
    assert!(
        end.bottom() <= 1000.0 && end.bottom() > 800.0,
        "the last block sits at the bottom of the pane: {end:?}"
    );
    assert!(
        h.query_by_label(&outline_label).is_some(),
        "the outline shows the last article too"
    );
}

#[test]
fn o_turns_the_page_round_and_undo_turns_it_back() {
    let (_dir, _path, mut h) = seed_in_tempdir();
    let shape = |h: &Harness<'_, DeskApp>| -> Vec<Vec<(Role, String)>> {
        h.state()
            .page()
            .articles
            .iter()
            .map(|a| a.blocks.iter().map(|b| (b.role, b.text.clone())).collect())
            .collect()
    };
    let before = shape(&h);
    let first_head = before[0]
        .iter()
        .find(|(r, _)| *r == Role::Headline)
        .map(|(_, t)| t.clone())
        .expect("the seed's first article has a headline");
    press(&mut h, Modifiers::NONE, Key::O);
    let after = shape(&h);
    assert_ne!(after, before, "the page changed");
    assert!(
        !after[0].iter().any(|(_, t)| *t == first_head),
        "the first article's stack went to its other neighbour"
    );
    assert!(
        after.iter().flatten().any(|(_, t)| *t == first_head),
        "and nothing was lost"
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(shape(&h), before, "one undo turns it back");
}

#[test]
fn marking_done_with_open_doubts_asks_and_editing_a_done_page_says_it_is_a_draft() {
    let (_dir, path, mut h) = seed_in_tempdir();
    let review = &h.state().page().review;
    let (spots, open) = (review.open_in(DoubtWalk::default()), review.open_count());
    assert!(spots < open, "the seed's doubts gather into fewer spots");
    press(&mut h, Modifiers::COMMAND, Key::D);
    // The question counts the spots, as the status bar does, and the doubts.
    h.get_by_label_contains(&format!("{spots} spots ({open} doubts) are still to check"));
    // "Go to the next spot to check" leaves the page a draft, at its first doubt.
    h.get_by_label("Go to the next spot to check").click();
    h.run();
    assert_eq!(h.state().page().status, Status::Auto);
    assert_eq!(h.state().state.doubt, Some(0), "at the first doubt");
    assert!(
        h.query_by_label_contains("still to check on").is_none(),
        "the question is gone"
    );
    // Cancel leaves everything as it was.
    press(&mut h, Modifiers::COMMAND, Key::D);
    h.get_by_label("Cancel").click();
    h.run();
    assert_ne!(h.state().page().status, Status::Done);
    // Mark done anyway; then an edit makes it a draft again, and says so.
    mark_done_anyway(&mut h);
    assert_eq!(h.state().page().status, Status::Done);
    let fixture = proofdesk::io::fixture_path_for(&path);
    assert_eq!(
        proofdesk::io::read_fixture(&fixture)
            .expect("written")
            .status,
        Status::Done
    );
    click_block(&mut h, BlockRef::new(2, 2));
    press(&mut h, Modifiers::NONE, Key::Num1);
    assert_eq!(h.state().page().status, Status::Draft);
    assert!(
        h.query_by_label_contains("makes it a draft again")
            .is_some(),
        "the status bar says the done page is a draft again"
    );
}

/// Issue 13, defect 1: after an edit, the "vs. automatic" diff wraps, and
/// so does every block after it (an unwrapped diff widened the pane's
/// content and every later row was cut off).
#[test]
fn text_keeps_wrapping_after_an_edit() {
    let mut h = harness(StartOptions::default());
    let long = BlockRef::new(0, 4);
    let before = block_rect(&mut h, long);
    let at = BlockRef::new(0, 1);
    click_block(&mut h, at);
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label("Editing block text").type_text("x");
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.run();
    assert!(h.state().page().articles[0].blocks[1].edited);
    let after = block_rect(&mut h, long);
    assert!(
        (after.width() - before.width()).abs() < 1.0 && after.height() > 40.0,
        "the block below still wraps: {before:?} -> {after:?}"
    );
    // The edited block and its diff both end in the typed `x`.
    let right = h
        .query_all_by_label_contains("此次公布典型案例如下：x")
        .map(|n| n.rect().max.x)
        .fold(0.0_f32, f32::max);
    assert!(
        right > 0.0 && right <= before.max.x + 1.0,
        "the diff wraps inside the pane: {right} vs {before:?}"
    );
}

/// The desk on the sample page in a 1280×720 window.
fn sample_at_1280_by_720() -> Harness<'static, DeskApp> {
    let mut h = harness_with(
        Harness::builder()
            .with_max_steps(8)
            .with_size(egui::vec2(1280.0, 720.0)),
        StartOptions::default(),
    );
    h.set_size(egui::vec2(1280.0, 720.0));
    h
}

/// Issue 13, defect 3: at 1280×720 the doubt strip wraps: the other
/// choice and the A / F keys stay inside the corrected pane.
#[test]
fn the_doubt_strip_wraps_at_1280_by_720() {
    let mut h = sample_at_1280_by_720();
    h.run();
    for _ in 0..3 {
        press(&mut h, Modifiers::NONE, Key::N);
    }
    let strip = h.get_by_label_contains("· F flip").rect();
    let raw_pane = h.get_by_label("Raw text").rect();
    assert!(
        strip.max.x <= raw_pane.min.x,
        "the strip ends before the raw pane: {strip:?} vs {raw_pane:?}"
    );
    assert!(
        strip.height() > 20.0,
        "it wraps onto a second line: {strip:?}"
    );
}

/// A window grown from 1280 to 1600 points wide gives its side panes
/// their share of what it gained, as a desk opened at 1600 has them: the
/// raw pane is not left as narrow as it was (its lines cut).
#[test]
fn a_window_made_wider_widens_the_raw_pane_too() {
    let mut h = sample_at_1280_by_720();
    for _ in 0..4 {
        h.run();
    }
    let narrow = h.get_by_label("Raw text").rect().min.x;
    let narrow_w = 1280.0 - narrow;
    h.set_size(egui::vec2(1600.0, 1000.0));
    for _ in 0..6 {
        h.run();
    }
    let wide_w = 1600.0 - h.get_by_label("Raw text").rect().min.x;
    assert!(
        wide_w > narrow_w * 1.15,
        "the raw pane widens with the window: {narrow_w} -> {wide_w}"
    );
}

/// Issue 13, defect 2: in folder mode at 1280×720 and 1024×640 the
/// corrected pane keeps room to work in, and its text wraps inside it.
#[test]
fn folder_mode_leaves_the_corrected_pane_room_at_small_sizes() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for n in ["p1.txt", "p2.txt", "p3.txt"] {
        std::fs::write(dir.path().join(n), SEED).expect("the page is written");
    }
    for (w, h_px) in [(1280.0, 720.0), (1024.0, 640.0)] {
        let mut h = harness_with(
            Harness::builder()
                .with_max_steps(8)
                .with_size(egui::vec2(w, h_px)),
            opening(dir.path().to_owned()),
        );
        h.set_size(egui::vec2(w, h_px));
        for _ in 0..10 {
            h.run();
        }
        assert!(h.state().queue().is_some(), "folder mode");
        let corrected = h.get_by_label("Corrected page").rect();
        let raw = h.get_by_label("Raw text").rect();
        let pane = raw.min.x - corrected.min.x;
        assert!(
            pane >= proofdesk::ui::CORRECTED_MIN_W - 40.0,
            "{w}x{h_px}: the corrected pane is {pane} points wide"
        );
        let note = h.get_by_label("as extracted · read-only").rect();
        let checkbox = h.get_by_label("whitespace").rect();
        assert!(
            note.max.x <= checkbox.min.x + 1.0,
            "{w}x{h_px}: the raw pane's note ends before its checkbox: {note:?} {checkbox:?}"
        );
        let body = block_rect(&mut h, BlockRef::new(0, 1));
        assert!(
            body.max.x <= raw.min.x && body.height() > 40.0,
            "{w}x{h_px}: the paragraph wraps inside the pane: {body:?}, raw pane at {}",
            raw.min.x
        );
    }
}

/// A block selected far down a page stays in view when the picture pane
/// opens beside the text and the corrected page wraps anew, narrower.
#[test]
fn the_selected_block_stays_in_view_when_the_picture_pane_opens() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("long.txt");
    std::fs::write(&path, SEED.repeat(3)).expect("the page is written");
    let n = {
        let page = proofdesk::io::read_page(&path).expect("reads");
        page.articles.len()
    };
    let at = BlockRef::new(n - 2, 1);
    let mut h = harness_with(
        Harness::builder().with_max_steps(32),
        StartOptions {
            select: Some(at),
            ..opening(path)
        },
    );
    let text = text_at(&h, at);
    let pane = h.get_by_label("Corrected page").rect();
    let in_view = |h: &Harness<'_, DeskApp>| {
        h.query_by_label(&text)
            .map(|n| n.rect())
            .filter(|r| r.top() >= pane.bottom() && r.bottom() <= 1000.0)
    };
    assert!(in_view(&h).is_some(), "selected and shown");
    press(&mut h, Modifiers::NONE, Key::I);
    h.run();
    h.get_by_label("Page picture");
    assert!(
        in_view(&h).is_some(),
        "still in view with the picture pane open: {:?}",
        h.query_by_label(&text).map(|n| n.rect())
    );
}

/// Issue 13, feature 1: the page's picture beside its text, toggled by `i`,
/// fitted to the pane and zoomed by its buttons.
#[test]
fn the_page_picture_shows_beside_the_text() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let page = dir.path().join("p.raw.txt");
    std::fs::write(&page, SEED).expect("the page is written");
    let mut h = harness(opening(page.clone()));
    press(&mut h, Modifiers::NONE, Key::I);
    assert!(h.state().state.show_picture);
    h.get_by_label("Page picture");
    assert!(
        h.query_by_label_contains("No picture of this page")
            .is_some(),
        "without a picture the pane says what to put where"
    );
    press(&mut h, Modifiers::NONE, Key::I);
    assert!(h.query_by_label("Page picture").is_none(), "i hides it");
    drop(h);

    image::RgbaImage::from_pixel(60, 80, image::Rgba([250, 250, 240, 255]))
        .save(dir.path().join("p.png"))
        .expect("the picture is written");
    let mut h = harness(opening(page));
    press(&mut h, Modifiers::NONE, Key::I);
    support::wait_for_label(&mut h, "page picture p.png");
    let picture = h.get_by_label("page picture p.png").rect();
    let raw = h.get_by_label("Raw text").rect();
    assert!(
        picture.min.x > raw.min.x,
        "the picture is right of the raw text"
    );
    let fitted = picture.width();
    assert!(
        (picture.height() / fitted - 80.0 / 60.0).abs() < 0.02,
        "its shape is kept: {picture:?}"
    );
    // The scale shown is against the picture's own 60 pixels, not the
    // pane's width (fitted is not "100%").
    let scale = format!("{:.0}%", 100.0 * fitted / 60.0);
    assert!(
        h.query_by_label(&scale).is_some(),
        "the scale beside the zoom buttons: {scale}"
    );
    h.get_by_label("+").click();
    h.run();
    let zoomed = h.get_by_label("page picture p.png").rect().width();
    assert!(
        (zoomed / fitted - 1.25).abs() < 0.02,
        "zoomed in one step: {fitted} -> {zoomed}"
    );
    h.get_by_label("Fit width").click();
    h.run();
    assert!((h.get_by_label("page picture p.png").rect().width() - fitted).abs() < 1.0);
    // Ctrl+wheel over the picture zooms it too.
    h.hover_at(picture.center());
    h.event(egui::Event::Zoom(1.5));
    h.run();
    let wheeled = h.get_by_label("page picture p.png").rect().width();
    assert!(
        (wheeled / fitted - 1.5).abs() < 0.05,
        "Ctrl+wheel: {fitted} -> {wheeled}"
    );
    // Scrolling pans it (zoomed taller than the pane).
    h.event(egui::Event::Zoom(2.0));
    h.run();
    let top = h.get_by_label("page picture p.png").rect().min.y;
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -60.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
    });
    h.run();
    let panned = h.get_by_label("page picture p.png").rect().min.y;
    assert!(panned < top - 10.0, "scrolled: {top} -> {panned}");
}

/// Issue 13, feature 4: at a doubt, Shift+A accepts every open doubt of its
/// rule as one undoable step, and says how many.
#[test]
fn shift_a_accepts_every_open_doubt_of_the_rule() {
    let mut h = harness(StartOptions::default());
    // The first spot whose rule has more than one open doubt.
    let (rule, of_rule) = (0..40)
        .find_map(|_| {
            press(&mut h, Modifiers::NONE, Key::N);
            let i = h.state().state.doubt?;
            let review = &h.state().page().review;
            let rule = review.doubts[i].evidence;
            let of_rule = review.doubts.iter().filter(|d| d.evidence == rule).count();
            (of_rule > 1).then_some((rule, of_rule))
        })
        .expect("a rule with several doubts on the sample page");
    let open = h.state().page().review.open_count();
    press(&mut h, Modifiers::SHIFT, Key::A);
    assert_eq!(h.state().page().review.open_count(), open - of_rule);
    assert!(
        h.query_by_label_contains(&format!("accepted {of_rule} open doubts"))
            .is_some(),
        "the status bar says how many"
    );
    let next = h.state().state.doubt.expect("on to the next open doubt");
    assert_ne!(h.state().page().review.doubts[next].evidence, rule);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().page().review.open_count(),
        open,
        "one undo takes them back"
    );
}

/// Issue 13, feature 2: Ctrl+F finds in the corrected and the raw text;
/// Enter / F3 go to the next place (its block selected), Escape closes.
#[test]
fn ctrl_f_finds_text_and_walks_the_places() {
    let mut h = harness(StartOptions::default());
    press(&mut h, Modifiers::COMMAND, Key::F);
    assert!(h.state().state.find.is_some(), "the find bar opens");
    h.get_by_role(egui::Role::TextInput).type_text("记者");
    h.run();
    let hits = proofdesk::find::in_articles(&h.state().page().articles, "记者");
    let raw = proofdesk::find::in_raw(h.state().page().raw.text(), "记者").len();
    assert!(hits.len() >= 3, "the seed names several reporters");
    assert_eq!(
        h.state().state.find.as_ref().map(|f| f.hits.len()),
        Some(hits.len())
    );
    assert_eq!(
        h.state().state.selected,
        Some(hits[0].block),
        "the first place is selected"
    );
    assert!(
        h.query_by_label(&format!("1 of {} · {raw} in the raw text", hits.len()))
            .is_some(),
        "where it stands"
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        h.state().state.selected,
        Some(hits[1].block),
        "Enter: the next place"
    );
    press(&mut h, Modifiers::NONE, Key::F3);
    assert_eq!(h.state().state.selected, Some(hits[2].block), "F3 too");
    press(&mut h, Modifiers::SHIFT, Key::Enter);
    assert_eq!(
        h.state().state.selected,
        Some(hits[1].block),
        "Shift+Enter: back"
    );
    // `j` in the field types; it does not move the selection.
    h.get_by_role(egui::Role::TextInput).type_text("j");
    h.run();
    assert_eq!(
        h.state().state.find.as_ref().map(|f| f.query.as_str()),
        Some("记者j")
    );
    assert_eq!(h.state().state.selected, Some(hits[1].block));
    assert!(
        h.query_by_label_contains("not in the corrected text")
            .is_some()
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().state.find.is_none(), "Escape closes the bar");
}

/// Issue 13, feature 2: Ctrl+G goes to an article number or a raw line.
#[test]
fn ctrl_g_goes_to_an_article_or_a_raw_line() {
    let mut h = harness(StartOptions::default());
    press(&mut h, Modifiers::COMMAND, Key::G);
    assert!(h.state().state.go_to.is_some(), "the bar opens");
    h.get_by_role(egui::Role::TextInput).type_text("5");
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        h.state().state.selected,
        Some(BlockRef::new(4, 0)),
        "article 5"
    );
    assert!(
        h.state().state.go_to.is_none(),
        "the bar closes when it got there"
    );
    // A raw line: the block it feeds.
    press(&mut h, Modifiers::COMMAND, Key::G);
    h.get_by_role(egui::Role::TextInput).type_text("l95");
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    // Line 95 is blank: the first text from there on (line 96).
    let text: Vec<char> = SEED.chars().collect();
    let lines = h.state().page().raw.lines();
    let offset = lines[94..]
        .iter()
        .find_map(|l| (l.start()..l.end()).find(|&o| !text[o].is_whitespace()))
        .expect("text after raw line 95");
    assert!(lines[94].start() < offset, "after the blank line 95");
    let at = h.state().state.selected.expect("selected");
    let b = &h.state().page().articles[at.article].blocks[at.block];
    assert!(
        b.spans.iter().any(|s| s.contains(offset)),
        "the block fed by raw line 96 is selected"
    );
    // Nowhere: the bar says why and stays.
    press(&mut h, Modifiers::COMMAND, Key::G);
    h.get_by_role(egui::Role::TextInput).type_text("99");
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        h.query_by_label_contains("there is no article 99")
            .is_some()
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().state.go_to.is_none());
}

/// Issue 13, feature 3: Ctrl+C copies the selected block's corrected text,
/// Ctrl+Shift+C the raw text it comes from.
#[test]
fn ctrl_c_copies_the_block_and_ctrl_shift_c_its_raw_source() {
    let mut h = harness(StartOptions::default());
    let at = BlockRef::new(2, 2);
    click_block(&mut h, at);
    let text = text_at(&h, at);
    let page = h.state().page().clone();
    assert_eq!(
        proofdesk::app::copy_text_of(&page, at, false).as_deref(),
        Some(text.as_str())
    );
    let raw = proofdesk::app::copy_text_of(&page, at, true).expect("raw text");
    assert!(
        raw.contains("本 报 讯"),
        "as extracted, spaces and all: {raw}"
    );
    press(&mut h, Modifiers::COMMAND, Key::C);
    let n = text.chars().count();
    assert!(
        h.query_by_label_contains(&format!("copied {n} characters of corrected text"))
            .is_some()
    );
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    let n = raw.chars().count();
    assert!(
        h.query_by_label_contains(&format!("copied {n} characters of raw text"))
            .is_some()
    );
}

/// Issue 13, feature 8: File → Open recent lists the pages (and folders)
/// opened lately, remembered between runs.
#[test]
fn open_recent_lists_the_pages_opened_lately() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let p1 = dir.path().join("p1.txt");
    let p2 = dir.path().join("p2.txt");
    std::fs::write(&p1, SEED).expect("p1");
    std::fs::write(&p2, SEED).expect("p2");
    let mut h = harness(opening(p1.clone()));
    h.state_mut().open_page(&p2);
    h.run();
    assert_eq!(
        h.state().state.recent,
        [p2.clone(), p1.clone()],
        "the latest first"
    );
    assert_eq!(
        h.state().to_remember().recent,
        [p2.clone(), p1.clone()],
        "remembered"
    );
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open recent").hover();
    h.run();
    h.get_by_label(&p1.display().to_string()).click();
    h.run();
    assert_eq!(
        h.state().document().page_path.as_deref(),
        Some(p1.as_path())
    );
    assert_eq!(h.state().state.recent, [p1, p2]);
}

/// A page or folder opened by a relative path is remembered by its
/// absolute one: the next run may start in another folder (until session
/// 50 it was remembered as given, and such a run found nothing, or
/// another folder's page of the same name).
#[test]
fn pages_opened_by_a_relative_path_are_remembered_whole() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let page = dir.path().join("p.txt");
    std::fs::write(&page, SEED).expect("p");
    let cwd = std::env::current_dir().expect("the working folder");
    let up = "../".repeat(cwd.components().count().saturating_sub(1));
    let relative = PathBuf::from(format!(
        "{up}{}",
        page.strip_prefix("/")
            .expect("an absolute temp dir")
            .display()
    ));
    assert!(
        relative.is_relative() && relative.is_file(),
        "{}",
        relative.display()
    );
    let mut h = harness(opening(relative.clone()));
    h.run();
    let recent = h.state().to_remember().recent;
    assert!(recent[0].is_absolute(), "{}", recent[0].display());
    assert!(proofdesk::io::same_file(&recent[0], &page));
    // A folder queue: its folder and page.
    h.state_mut()
        .open_page(relative.parent().expect("a folder"));
    h.run();
    let remembered = h.state().to_remember();
    let folder = remembered.folder.expect("a folder");
    assert!(folder.is_absolute(), "{}", folder.display());
    assert!(proofdesk::io::same_file(&folder, dir.path()));
    assert!(remembered.page.expect("its page").is_absolute());
}

/// Issue 13, feature 5: Ctrl+Shift+L (View menu) switches between the dark
/// and the light look.
#[test]
fn the_look_switches_between_dark_and_light() {
    let mut h = harness(StartOptions::default());
    let dark = h.ctx.theme() == egui::Theme::Dark;
    // Weak text (hints, counts) is readable in either look: at 0.8 of the
    // text colour, not egui's 0.6.
    let weak_alpha = |h: &Harness<'_, DeskApp>| h.ctx.global_style().visuals.weak_text_alpha;
    assert!((weak_alpha(&h) - 0.8).abs() < 1e-6);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    assert_eq!(h.ctx.theme() == egui::Theme::Dark, !dark, "switched");
    assert!((weak_alpha(&h) - 0.8).abs() < 1e-6, "in the other look too");
    h.snapshot("desk_light");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    assert_eq!(h.ctx.theme() == egui::Theme::Dark, dark, "and back");
}

/// Issue 13, feature 7: File → Export (Ctrl+Shift+E) writes the folder's
/// done pages as training data and says where.
#[test]
fn the_desk_exports_the_folders_done_pages() {
    let (dir, _path, mut h) = seed_in_tempdir();
    mark_done_anyway(&mut h);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    for _ in 0..300 {
        if h.query_by_label_contains("exported 1 pages").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    let out = dir.path().join("proofdesk-export");
    assert!(
        h.query_by_label_contains(&format!("to {}", out.display()))
            .is_some(),
        "the status bar says where"
    );
    let pairs = std::fs::read_to_string(out.join("pairs.jsonl")).expect("pairs written");
    assert_eq!(pairs.lines().count(), 1, "the one done page");
    assert!(out.join("articles.jsonl").is_file() && out.join("lines.jsonl").is_file());
}

/// The export reads the fixtures on disk. With the page on the desk
/// changed and not saved (autosave off), the editor is told that the
/// changes are not in it, at the start and when it is done.
#[test]
fn an_export_with_unsaved_changes_on_the_desk_says_they_are_not_in_it() {
    let (_dir, _path, mut h) = seed_in_tempdir();
    mark_done_anyway(&mut h);
    h.state_mut().state.autosave_on = false;
    click_block(&mut h, BlockRef::new(2, 2));
    press(&mut h, Modifiers::NONE, Key::Num1);
    assert_eq!(h.state().page().status, Status::Draft, "changed, not saved");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    assert!(
        message(&h).contains("seed_page.txt could not be saved first"),
        "{}",
        message(&h)
    );
    for _ in 0..300 {
        if message(&h).contains("exported 1 pages") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    let said = message(&h);
    assert!(
        said.contains("exported 1 pages") && said.contains("as it was last saved"),
        "{said}"
    );
}

/// A folder opened while the page on the desk has unsaved changes (autosave
/// off): the editor is asked first, and until the page leaves the desk it
/// keeps its own folder (none here); an empty folder changes nothing.
#[test]
fn a_folder_opened_over_unsaved_changes_asks_before_it_takes_over() {
    let (_dir, path, mut h) = seed_in_tempdir();
    h.state_mut().state.autosave_on = false;
    click_block(&mut h, BlockRef::new(2, 2));
    press(&mut h, Modifiers::NONE, Key::Num1);
    assert!(h.state().is_dirty());
    let other = tempfile::tempdir().expect("a temp dir");
    std::fs::write(other.path().join("p1.txt"), SEED).expect("written");
    h.state_mut().open_page(other.path());
    h.run();
    assert!(h.state().state.confirm.is_some(), "the editor is asked");
    assert!(h.state().queue().is_none(), "the folder has not taken over");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().queue().is_none(), "cancelled: still no folder");
    assert_eq!(
        h.state().document().page_path.as_deref(),
        Some(path.as_path())
    );
    assert!(h.state().is_dirty(), "the changes are still on the desk");
    // An empty folder: said, and nothing changes.
    let empty = tempfile::tempdir().expect("a temp dir");
    h.state_mut().open_page(empty.path());
    h.run();
    assert!(message(&h).contains("has no page files"), "{}", message(&h));
    assert!(h.state().queue().is_none() && h.state().state.confirm.is_none());
    assert_eq!(
        h.state().document().page_path.as_deref(),
        Some(path.as_path())
    );
}

/// Issue 13, feature 9: going back to a page left in this session brings
/// its undo history back (the page was saved when it was left).
#[test]
fn undo_survives_a_page_switch_in_the_folder() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for n in ["p1.txt", "p2.txt"] {
        std::fs::write(dir.path().join(n), SEED).expect("the page is written");
    }
    let mut h = harness(StartOptions {
        page: Some(dir.path().to_owned()),
        autosave: Some(3.0),
        ..StartOptions::default()
    });
    for _ in 0..100 {
        if h.state().queue().is_some_and(|q| !q.loading()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    let p1 = dir.path().join("p1.txt");
    assert_eq!(
        h.state().document().page_path.as_deref(),
        Some(p1.as_path())
    );
    let at = BlockRef::new(2, 2);
    click_block(&mut h, at);
    let role = h.state().page().articles[2].blocks[2].role;
    press(&mut h, Modifiers::NONE, Key::Num1);
    assert_ne!(h.state().page().articles[2].blocks[2].role, role);
    press(&mut h, Modifiers::COMMAND, Key::PageDown);
    assert_ne!(
        h.state().document().page_path.as_deref(),
        Some(p1.as_path())
    );
    press(&mut h, Modifiers::COMMAND, Key::PageUp);
    assert_eq!(
        h.state().document().page_path.as_deref(),
        Some(p1.as_path())
    );
    assert!(h.query_by_label_contains("undo history is kept").is_some());
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().page().articles[2].blocks[2].role,
        role,
        "Ctrl+Z undoes the change made before the switch"
    );
}

/// Issue 13, feature 3: a click and a Shift+click select any stretch of
/// text, across blocks, in the corrected pane and in the raw pane; Ctrl+C
/// copies it.
#[test]
fn shift_click_selects_text_across_blocks_and_ctrl_c_copies_it() {
    let mut h = harness(StartOptions::default());
    let (a, b) = (BlockRef::new(0, 1), BlockRef::new(0, 2));
    let (text_a, text_b) = (text_at(&h, a), text_at(&h, b));
    click_block(&mut h, a);
    block_rect(&mut h, b);
    h.get_by_label(&text_b).click_modifiers(Modifiers::SHIFT);
    h.run();
    let Some(TextSelection::Corrected { anchor, end }) = h.state().state.text_selection else {
        panic!(
            "a corrected selection: {:?}",
            h.state().state.text_selection
        );
    };
    assert_eq!(
        (anchor.0, end.0),
        (a, b),
        "from the click to the Shift+click"
    );
    assert_eq!(
        h.state().state.selected,
        Some(a),
        "the block stays selected"
    );
    let expected = format!(
        "{}\n{}",
        text_a.chars().skip(anchor.1).collect::<String>(),
        text_b.chars().take(end.1 + 1).collect::<String>()
    );
    assert_eq!(
        TextSelection::Corrected { anchor, end }.text(h.state().page()),
        expected
    );
    press(&mut h, Modifiers::COMMAND, Key::C);
    let n = expected.chars().count();
    assert!(
        h.query_by_label_contains(&format!("copied {n} characters of the selection"))
            .is_some(),
        "{}",
        message(&h)
    );
    // An edit drops the selection: its chars no longer say what they did.
    press(&mut h, Modifiers::NONE, Key::Num5);
    assert_eq!(h.state().state.text_selection, None);

    // The raw pane (a fresh desk, at its start): a click on one raw line,
    // a Shift+click on a later one.
    let mut h = harness(StartOptions::default());
    h.get_by_label("raw line 78").click();
    h.run();
    h.get_by_label("raw line 80")
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    let Some(TextSelection::Raw { anchor, end }) = h.state().state.text_selection else {
        panic!("a raw selection: {:?}", h.state().state.text_selection);
    };
    let line_of = |offset: usize| SEED.chars().take(offset).filter(|&c| c == '\n').count() + 1;
    assert_eq!((line_of(anchor), line_of(end)), (78, 80));
    press(&mut h, Modifiers::COMMAND, Key::C);
    let n = end - anchor + 1;
    assert!(
        h.query_by_label_contains(&format!("copied {n} characters of the selection"))
            .is_some(),
        "the raw text as extracted, line break included"
    );
    // Raw offsets, copied as extracted.
    let sel = TextSelection::Raw { anchor: 3, end: 40 };
    let raw: String = SEED.chars().skip(3).take(38).collect();
    assert_eq!(sel.text(h.state().page()), raw);
    assert_eq!(sel.raw_range(), Some(3..41));
    assert!(sel.is_range() && !TextSelection::Raw { anchor: 7, end: 7 }.is_range());
}

/// `--find TEXT` (for screenshots): the find bar open on the text, at its
/// first hit, the match counted and the block selected.
#[test]
fn starting_with_a_find_opens_the_bar_at_the_first_hit() {
    let h = harness(StartOptions {
        find: Some("监测".to_owned()),
        ..StartOptions::default()
    });
    let bar = h.state().state.find.as_ref().expect("the find bar is open");
    assert_eq!(bar.query, "监测");
    assert!(bar.hits.len() > 3, "the seed mentions 监测 often");
    assert_eq!(bar.current, Some(0), "at the first hit");
    assert_eq!(h.state().state.selected, Some(bar.hits[0].block));
}

/// Issue 13, feature 5: the View menu's settings outlive the run: the
/// whitespace and picture toggles with the desk's own memory, the theme and
/// the zoom with egui's.
#[test]
fn view_settings_are_remembered_for_the_next_run() {
    let mut h = harness(StartOptions::default());
    let before = h.state().to_remember();
    assert!(!before.show_whitespace && !before.show_picture);
    press(&mut h, Modifiers::NONE, Key::W);
    press(&mut h, Modifiers::NONE, Key::I);
    let after = h.state().to_remember();
    assert!(after.show_whitespace && after.show_picture, "{after:?}");
    // Closed again, the pane was seen: no note of a picture beside a page
    // in the next run.
    press(&mut h, Modifiers::NONE, Key::I);
    let after = h.state().to_remember();
    assert!(!after.show_picture && after.picture_seen, "{after:?}");
    let json = serde_json::to_string(&after).expect("serialises");
    let back: proofdesk::app::Remembered = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, after);
    let older: proofdesk::app::Remembered =
        serde_json::from_str(r#"{"folder":null,"page":null}"#).expect("an older run's memory");
    assert!(!older.show_whitespace && !older.show_picture && !older.picture_seen);
}

/// The key strip names saving a draft and marking the page done, and the
/// Role menu names an in-article heading as its SECT-H tag reads, not
/// "subhead" beside the stack's "subheadline".
#[test]
fn the_key_strip_names_save_and_done_and_the_role_menu_a_section_heading() {
    let mut h = harness(StartOptions::default());
    assert!(
        h.query_by_label_contains("Ctrl+D: mark done").is_some(),
        "the strip under the menus names Ctrl+D"
    );
    h.get_by_label("Role").click();
    h.run();
    assert!(
        h.query_by_label_contains("section heading 小标题")
            .is_some(),
        "the Role menu lists the section heading"
    );
    assert!(h.query_by_label_contains("subhead 小标题").is_none());
}

/// An outline row cuts a long title at 22 chars; hovering it shows the
/// title whole.
#[test]
fn hovering_a_cut_title_in_the_outline_shows_it_whole() {
    let mut h = harness(StartOptions::default());
    let (n, title) = h
        .state()
        .page()
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (i + 1, a.title().to_owned()))
        .find(|(_, t)| t.chars().count() > 30)
        .expect("the sample page has a long title");
    let short: String = title.chars().take(22).collect();
    let rest: String = title.chars().skip(22).collect();
    let row = format!("{n}. {short}…");
    assert!(h.query_by_label_contains(&rest).is_none(), "cut: {row}");
    h.get_by_label(&row).hover();
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains(&rest).is_some(),
        "the tooltip holds the rest of {title}"
    );
}
