//! An OCR page on the desk (`egui_kittest`): a word the engine was unsure
//! of is a doubt; F selects it in the block for typing the right reading,
//! and the typed correction settles the doubt.

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use proofdesk::doubt::{Choice, Kind, Resolution};

mod support;
use support::{desk, first_doubt, go_to_doubt, message, opening, press, wait_for_label};

/// A made-up ALTO page as Tesseract writes it: a short paragraph, and an
/// article with a word read at 20% (`徽笑` for `微笑`), the same misreading
/// read with confidence on the next line, and a comma read as ASCII.
const PAGE: &str = support::OCR_PAGE;

/// Goes to the first word the engine was unsure of, F, types `reading`
/// over it, and Enter.
fn retype_the_unsure_word(
    h: &mut egui_kittest::Harness<'_, proofdesk::app::DeskApp>,
    reading: &str,
) {
    let i = first_doubt(h, Kind::Recognition).expect("the unsure word is a doubt");
    go_to_doubt(h, i);
    press(h, Modifiers::NONE, Key::F);
    h.run();
    h.event(egui::Event::Text(reading.to_owned()));
    h.run();
    // Frame by frame: with a folder open, its other pages are searched on
    // a background thread, and the offer's spinner asks for frames until
    // they are (`wait_for_label` waits for them).
    h.key_press(Key::Enter);
    for _ in 0..3 {
        h.step();
    }
}

/// The desk on [`PAGE`], written to a temporary folder (kept as long as
/// the desk).
fn desk_on_the_page() -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, proofdesk::app::DeskApp>,
) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("p.xml");
    std::fs::write(&path, PAGE).expect("written");
    let h = desk(opening(&path));
    (dir, h)
}

fn all_text(h: &egui_kittest::Harness<'_, proofdesk::app::DeskApp>) -> String {
    h.state()
        .page()
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn an_unsure_word_is_a_doubt_that_f_selects_for_typing_its_right_reading() {
    let (_dir, mut h) = desk_on_the_page();
    assert!(
        all_text(&h).contains("她面带徽笑，向大家问好。"),
        "the comma is repaired: {}",
        all_text(&h)
    );
    let doubts = h.state().page().review.doubts.clone();
    let i = doubts
        .iter()
        .position(|d| d.kind == Kind::Recognition)
        .expect("the unsure word is a doubt");
    assert_eq!(doubts[i].chosen, Choice::ReadRight);
    go_to_doubt(&mut h, i);
    assert_eq!(h.state().state.doubt, Some(i), "N reaches the word");
    // The raw pane marks exactly the chars the engine was unsure of.
    let (at, last) = (doubts[i].at, doubts[i].after.expect("a word's last glyph"));
    let marked: Vec<usize> = (at.saturating_sub(3)..last + 4)
        .filter(|&o| h.state().state.caches.doubts.raw_contains(o))
        .collect();
    assert_eq!(marked, (at..=last).collect::<Vec<_>>());
    // The strip quotes the word and says what A and F do with it.
    h.run();
    let strip = strip_text(&h);
    assert!(
        strip.contains("unsure word “徽笑”") && strip.contains("F type this word's right reading"),
        "{strip}"
    );
    assert!(
        !strip.contains("flip"),
        "an unsure word is typed, not flipped: {strip}"
    );
    press(&mut h, Modifiers::NONE, Key::F);
    let editing = h.state().state.editing.clone().expect("F edits the block");
    let selected: String = editing
        .text
        .chars()
        .skip(editing.anchor)
        .take(editing.cursor - editing.anchor)
        .collect();
    assert_eq!(selected, "徽笑", "the unsure word is selected");
    assert!(
        message(&h).contains("Type the right reading"),
        "{}",
        message(&h)
    );
    // Typing replaces the selection; Enter keeps it.
    h.run();
    h.event(egui::Event::Text("微笑".to_owned()));
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        all_text(&h).contains("她面带微笑，向大家问好。"),
        "{}",
        all_text(&h)
    );
    assert_eq!(
        h.state().page().review.resolved[i],
        Some(Resolution::Edited),
        "the typed reading settles the doubt"
    );
    // Settled, the strip says so and counts the spots left, not the
    // page's doubts.
    h.run();
    let strip = strip_text(&h);
    let left = h.state().page().review.open_in(h.state().state.doubt_walk);
    let counted = match left {
        0 => "no spot left to check".to_owned(),
        1 => "1 spot left to check".to_owned(),
        n => format!("{n} spots left to check"),
    };
    assert!(
        strip.contains("settled: edited") && strip.contains(&counted),
        "{left} left: {strip}"
    );
}

/// The doubt strip's text, as drawn: the one label that names a spot or
/// says what is left to check.
fn strip_text(h: &egui_kittest::Harness<'_, proofdesk::app::DeskApp>) -> String {
    h.query_all_by(|n| {
        n.value()
            .is_some_and(|l| l.starts_with("spot ") || l.contains("left to check"))
    })
    .find_map(|n| n.accesskit_node().value())
    .unwrap_or_default()
}

/// Z: the picture follows the selection; that outlives the run, as the
/// desk's other view settings do, and Z again stops it.
#[test]
fn following_the_picture_is_remembered_for_the_next_run() {
    let (_dir, mut h) = desk_on_the_page();
    assert!(!h.state().to_remember().picture_follow);
    press(&mut h, Modifiers::NONE, Key::Z);
    let on = h.state().to_remember();
    assert!(on.picture_follow && on.show_picture, "{on:?}");
    let json = serde_json::to_string(&on).expect("serialises");
    let back: proofdesk::app::Remembered = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, on);
    // The next run on the same page follows from its first frame.
    let (_dir2, mut next) = desk_on_the_page();
    next.state_mut().restore_view(back);
    next.run();
    assert!(next.state().state.picture_follow && next.state().state.show_picture);
    // Z again stops following, and that is remembered too.
    press(&mut h, Modifiers::NONE, Key::Z);
    assert!(!h.state().to_remember().picture_follow);
    let older: proofdesk::app::Remembered =
        serde_json::from_str(r#"{"folder":null,"page":null}"#).expect("an older run's memory");
    assert!(
        !older.picture_follow,
        "an older run's memory does not follow"
    );
}

/// The block that holds `word` and the chars of it there.
fn block_holding(
    h: &egui_kittest::Harness<'_, proofdesk::app::DeskApp>,
    word: &str,
) -> (proofdesk::edit::BlockRef, std::ops::Range<usize>) {
    for (a, article) in h.state().page().articles.iter().enumerate() {
        for (b, block) in article.blocks.iter().enumerate() {
            if let Some(byte) = block.text.find(word) {
                let start = block.text[..byte].chars().count();
                let at = proofdesk::edit::BlockRef::new(a, b);
                return (at, start..start + word.chars().count());
            }
        }
    }
    panic!("no block holds {word}");
}

#[test]
fn the_words_the_engine_was_unsure_of_are_marked_until_settled() {
    let (_dir, mut h) = desk_on_the_page();
    h.run();
    assert_eq!(h.state().state.doubt, None, "no doubt is current yet");
    // At rest, the unsure word's chars are marked, and only they.
    let (at, word) = block_holding(&h, "徽笑");
    let marked = h
        .state()
        .state
        .caches
        .doubts
        .unsure_marks_for(at)
        .map(<[std::ops::Range<usize>]>::to_vec);
    assert_eq!(marked, Some(std::iter::once(word).collect()));
    // The same misreading read with confidence on the next line is no
    // doubt: no other char of the page is marked.
    let all_marked = unsure_chars(&h);
    assert_eq!(all_marked, 2, "only the unsure word");
    // Typed right, the word is settled and no longer marked.
    retype_the_unsure_word(&mut h, "微笑");
    h.run();
    let (at, _) = block_holding(&h, "微笑");
    assert_eq!(h.state().state.caches.doubts.unsure_marks_for(at), None);
    assert_eq!(unsure_chars(&h), 0);
}

/// How many chars of the page the desk marks as read unsure.
fn unsure_chars(h: &egui_kittest::Harness<'_, proofdesk::app::DeskApp>) -> usize {
    let doubts = &h.state().state.caches.doubts;
    let mut n = 0;
    for (a, article) in h.state().page().articles.iter().enumerate() {
        for b in 0..article.blocks.len() {
            let at = proofdesk::edit::BlockRef::new(a, b);
            n += doubts
                .unsure_marks_for(at)
                .map_or(0, |m| m.iter().map(ExactSizeIterator::len).sum());
        }
    }
    n
}

/// A plain click at `pos`.
fn click(h: &mut egui_kittest::Harness<'_, proofdesk::app::DeskApp>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run();
    h.drag_at(pos);
    h.run();
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
}

#[test]
fn a_click_on_a_line_of_the_picture_selects_the_block_that_holds_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // The page image at a tenth of the size the engine read (1000×1400).
    let path = page_with_picture(dir.path(), "p.xml", PAGE, (100, 140));
    let mut h = desk(opening(&path));
    press(&mut h, Modifiers::NONE, Key::I);
    wait_for_label(&mut h, "page picture p.png");
    let body = h
        .state()
        .document()
        .editor
        .locate(
            h.state()
                .page()
                .raw
                .text()
                .find('本')
                .map_or(0, |b| h.state().page().raw.text()[..b].chars().count()),
        )
        .expect("the body line is in a block");
    let headline = h
        .state()
        .document()
        .editor
        .locate(0)
        .expect("the headline is in a block");
    assert_ne!(body, headline);
    // The body line's box is 100..470 × 200..228 of 1000 × 1400; each
    // point is taken on the picture where it settled (a selection may
    // scroll it).
    let mut click_at = |x: f32, y: f32| {
        let picture = settled_picture(&mut h);
        let pos = egui::pos2(
            picture.min.x + picture.width() * x / 1000.0,
            picture.min.y + picture.height() * y / 1400.0,
        );
        click(&mut h, pos);
        h.state().state.selected
    };
    assert_eq!(click_at(300.0, 214.0), Some(body), "the body line's block");
    assert_eq!(
        click_at(300.0, 130.0),
        Some(headline),
        "the first line's block"
    );
    // Off every line, nothing changes.
    assert_eq!(click_at(800.0, 1300.0), Some(headline));
}

#[test]
fn the_picture_the_ocr_file_names_is_shown_before_one_under_the_page_s_name() {
    // The ALTO names `p.jpg`; the page is `scan7.xml`, beside both its
    // named picture and one under its own name.
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("scan7.xml");
    std::fs::write(&path, PAGE).expect("written");
    for name in ["p.jpg", "scan7.png"] {
        image::RgbImage::from_pixel(100, 140, image::Rgb([250, 250, 240]))
            .save(dir.path().join(name))
            .expect("the picture is written");
    }
    let mut h = desk(opening(&path));
    press(&mut h, Modifiers::NONE, Key::I);
    wait_for_label(&mut h, "page picture p.jpg");
    assert!(h.query_by_label("page picture scan7.png").is_none());
}

/// The picture's place once it holds still for a few frames (it is laid
/// out again when its texture is loaded, and scrolled to a selection).
fn settled_picture(h: &mut egui_kittest::Harness<'_, proofdesk::app::DeskApp>) -> egui::Rect {
    let mut picture = h.get_by_label("page picture p.png").rect();
    let mut still = 0;
    for _ in 0..200 {
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.run();
        let now = h.get_by_label("page picture p.png").rect();
        still = if now == picture { still + 1 } else { 0 };
        picture = now;
        if still >= 5 {
            return picture;
        }
    }
    panic!("the picture's place never settled");
}

/// The desk on the made-up OCR page alone, written into `dir`, its unsure
/// word retyped `微笑`: the correction is offered at the page's other
/// place, whose block comes with it.
fn offered_on_the_page(
    dir: &tempfile::TempDir,
) -> (
    egui_kittest::Harness<'static, proofdesk::app::DeskApp>,
    proofdesk::edit::BlockRef,
) {
    let path = dir.path().join("p.xml");
    std::fs::write(&path, PAGE).expect("written");
    let mut h = desk(opening(&path));
    retype_the_unsure_word(&mut h, "微笑");
    let offer = h.state().state.similar.as_ref().expect("offered");
    let at = offer.here.places[0].at;
    (h, at)
}

#[test]
fn a_typed_correction_is_offered_at_the_pages_other_places_as_one_undo_step() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (mut h, _) = offered_on_the_page(&dir);
    assert!(all_text(&h).contains("她面带微笑"), "{}", all_text(&h));
    assert!(all_text(&h).contains("大家都徽笑着"), "not yet elsewhere");
    let offer = h
        .state()
        .state
        .similar
        .clone()
        .expect("the correction is offered");
    assert_eq!(
        (offer.correction.from(), offer.correction.to()),
        ("徽笑", "微笑")
    );
    assert_eq!(offer.here.places.len(), 1);
    assert_eq!(offer.here.places[0].after, "着。");
    h.get_by_label("“徽笑” → “微笑” at 1 more place(s) on this page:");
    h.get_by_label("Correct all").click();
    h.run();
    assert!(h.state().state.similar.is_none(), "the offer is answered");
    assert!(all_text(&h).contains("大家都微笑着"), "{}", all_text(&h));
    assert!(
        message(&h).contains("at 1 more place(s)"),
        "{}",
        message(&h)
    );
    // One undo step takes back the places corrected at once, not the
    // correction typed.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(all_text(&h).contains("大家都徽笑着"), "{}", all_text(&h));
    assert!(all_text(&h).contains("她面带微笑"), "{}", all_text(&h));
}

/// [`PAGE`] with `-` read for `一` in the unsure word and three more
/// times: for `一` in Chinese text (`做-名`), for `、` there (`安全-稳定`),
/// and between figures (`2-3`).
fn dash_page() -> String {
    PAGE.replace("CONTENT=\"徽笑\"", "CONTENT=\"大家-起\"")
        .replace("大家都徽笑着。", "做-名好党员，安全-稳定，2-3天。")
}

/// The desk on `page` (ALTO, written into `dir`), its unsure word
/// retyped `typed`, with the correction it offers.
fn offer_after_typing(
    dir: &tempfile::TempDir,
    page: &str,
    typed: &str,
) -> (
    egui_kittest::Harness<'static, proofdesk::app::DeskApp>,
    proofdesk::ui::state::SimilarOffer,
) {
    let path = dir.path().join("p.xml");
    std::fs::write(&path, page).expect("written");
    let mut h = desk(opening(&path));
    retype_the_unsure_word(&mut h, typed);
    let offer = h
        .state()
        .state
        .similar
        .clone()
        .expect("the correction is offered");
    (h, offer)
}

#[test]
fn a_mark_read_for_a_character_is_offered_alone_where_chinese_text_surrounds_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (mut h, offer) = offer_after_typing(&dir, &dash_page(), "大家一起");
    assert_eq!(
        (offer.correction.from(), offer.correction.to()),
        ("-", "一"),
        "the mark alone, not the word typed over"
    );
    let places: Vec<(&str, &str)> = offer
        .here
        .places
        .iter()
        .map(|o| (o.before.as_str(), o.after.as_str()))
        .collect();
    assert!(
        matches!(places.as_slice(), [(b, _), (_, a)] if b.ends_with('做') && a.starts_with('稳')),
        "`做-名` and `安全-稳定`, not between figures: {places:?}"
    );
    // Checked where `一` makes a word: `一名`, not `一稳`.
    assert_eq!(offer.here.checked, [true, false]);
    h.get_by_label("“-” inside Chinese text → “一” at 2 more place(s) on this page:");
    h.get_by_label("Correct the 1 checked (Enter)").click();
    h.run();
    assert!(
        all_text(&h).contains("做一名好党员，安全-稳定，2-3天。"),
        "{}",
        all_text(&h)
    );
}

/// A mark an engine read as two glyphs (`〈《记者`), written twice by the
/// proposal and once by the editor: the pair's correction is offered where
/// the page has it again.
#[test]
fn a_doubled_mark_written_once_is_offered_where_it_stands_doubled_again() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let page = PAGE
        .replace("CONTENT=\"徽笑\"", "CONTENT=\"〈《记者\"")
        .replace("大家都徽笑着。", "新华社电〈《记者王力)大家好。");
    // The proposal writes both doubled: the typed one is corrected.
    let read = proofdesk::io::page_from_bytes("p.xml", page.as_bytes()).expect("reads");
    let proposed: String = read
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(proposed.matches("（（记者").count(), 2, "{proposed}");
    let (mut h, offer) = offer_after_typing(&dir, &page, "（记者");
    assert_eq!(
        all_text(&h).matches("（（记者").count(),
        1,
        "{}",
        all_text(&h)
    );
    assert_eq!(
        (offer.correction.from(), offer.correction.to()),
        ("（（", "（")
    );
    assert_eq!(offer.here.places.len(), 1);
    h.get_by_label("Correct all").click();
    h.run();
    assert_eq!(all_text(&h).matches("（（").count(), 0, "{}", all_text(&h));
    assert_eq!(
        all_text(&h).matches("（记者").count(),
        2,
        "{}",
        all_text(&h)
    );
}

#[test]
fn answering_the_offer_while_a_listed_block_is_open_for_editing_corrects_it() {
    // The editor opens the other place's block for editing, then takes
    // the offer: the block's editor must not give it its old text back.
    let dir = tempfile::tempdir().expect("a temp dir");
    let (mut h, at) = offered_on_the_page(&dir);
    h.state_mut().state.selected = Some(at);
    // F2, as Enter answers the offer while no block is open.
    press(&mut h, Modifiers::NONE, Key::F2);
    assert!(
        h.state().state.editing.is_some(),
        "the block is open for editing"
    );
    h.get_by_label("Correct all").click();
    h.run();
    assert!(
        h.state().state.editing.is_none(),
        "its editor took its text first"
    );
    assert!(all_text(&h).contains("大家都微笑着"), "{}", all_text(&h));
    assert!(
        h.state().state.similar.is_none(),
        "nothing offered the other way"
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(all_text(&h).contains("大家都微笑着"), "{}", all_text(&h));
    assert!(h.state().state.similar.is_none());
}

/// Splits the article at the block `at` (it then opens an article of its
/// own), or, at an article's first block, the article before at its second
/// block: either way the block moves, and the place in it with it.
fn move_the_place(
    h: &mut egui_kittest::Harness<'_, proofdesk::app::DeskApp>,
    at: proofdesk::edit::BlockRef,
) {
    let split_at = if at.block > 0 {
        at
    } else {
        proofdesk::edit::BlockRef::new(at.article - 1, 1)
    };
    h.state_mut().state.selected = Some(split_at);
    press(h, Modifiers::NONE, Key::S);
}

#[test]
fn an_offer_the_page_changed_under_finds_its_places_again() {
    // The editor splits the article at the offer's place while the offer
    // is open: the place now stands in another block, and the offer,
    // found again on the page as it stands, corrects it there.
    let dir = tempfile::tempdir().expect("a temp dir");
    let (mut h, at) = offered_on_the_page(&dir);
    move_the_place(&mut h, at);
    let offer = h.state().state.similar.clone().expect("still offered");
    assert_ne!(offer.here.places[0].at, at, "the place moved");
    assert!(all_text(&h).contains("大家都徽笑着"), "not yet corrected");
    h.get_by_label("Correct all").click();
    h.run();
    assert!(all_text(&h).contains("大家都微笑着"), "{}", all_text(&h));
    assert!(
        message(&h).contains("at 1 more place(s)"),
        "said done: {}",
        message(&h)
    );
}

#[test]
fn the_offer_keeps_its_checks_and_goes_only_when_its_correction_is_undone() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (mut h, at) = offered_on_the_page(&dir);
    h.state_mut().push(proofdesk::app::Intent::Similar(
        proofdesk::ui::state::SimilarChoice::Toggle(0),
    ));
    h.run();
    // Another edit with the offer open: the place is found again,
    // unchecked as the editor left it.
    move_the_place(&mut h, at);
    let offer = h.state().state.similar.clone().expect("still offered");
    assert_eq!(offer.here.checked, [false], "left unchecked");
    // Undoing that edit keeps the offer; undoing the correction it came
    // from ends it.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().state.similar.is_some(), "the split undone");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(all_text(&h).contains("她面带徽笑"), "{}", all_text(&h));
    assert!(h.state().state.similar.is_none(), "the correction undone");
}

#[test]
fn the_offer_answers_enter_and_escape() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // Escape skips it: nothing else corrected, the page's keys back.
    let (mut h, _) = offered_on_the_page(&dir);
    h.get_by_label("Skip (Esc)");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().state.similar.is_none(), "skipped");
    assert!(all_text(&h).contains("大家都徽笑着"), "{}", all_text(&h));
    assert!(h.state().state.editing.is_none(), "no block opened");
    // Enter corrects the checked places (all of them at first), and
    // opens no block for editing.
    let dir = tempfile::tempdir().expect("a temp dir");
    let (mut h, _) = offered_on_the_page(&dir);
    h.get_by_label("Correct the 1 checked (Enter)");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().state.similar.is_none(), "answered");
    assert!(all_text(&h).contains("大家都微笑着"), "{}", all_text(&h));
    assert!(h.state().state.editing.is_none(), "no block opened");
    // Undoing it takes the message saying it was done away too.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(all_text(&h).contains("大家都徽笑着"), "{}", all_text(&h));
    assert!(!message(&h).contains("place(s)"), "{}", message(&h));
}

#[test]
fn the_hint_for_a_misread_word_goes_when_its_editing_does() {
    let (_dir, mut h) = desk_on_the_page();
    let i = first_doubt(&h, Kind::Recognition).expect("the unsure word is a doubt");
    go_to_doubt(&mut h, i);
    press(&mut h, Modifiers::NONE, Key::F);
    assert!(
        message(&h).starts_with("Type the right reading"),
        "{}",
        message(&h)
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().state.editing.is_none(), "the editing ended");
    assert_eq!(message(&h), "", "the hint went with it");
}

#[test]
fn a_correction_found_nowhere_else_says_so() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("p.xml");
    // The page without its second `徽笑`.
    std::fs::write(&path, PAGE.replace("大家都徽笑着。", "大家都笑了。")).expect("written");
    let mut h = desk(opening(&path));
    retype_the_unsure_word(&mut h, "微笑");
    assert!(h.state().state.similar.is_none(), "nothing to offer");
    assert!(
        message(&h).contains("No other place on this page holds “徽笑”"),
        "{}",
        message(&h)
    );
}

/// Writes the folder of the folder test: p and q, the made-up OCR page/// Writes the folder of the folder test: p and q, the made-up OCR page
/// twice, each with its picture (the page's words drawn as dark bars where
/// the engine read them: each place offered shows its part of it), and r,
/// a page without the word.
fn write_folder(dir: &std::path::Path) {
    let bars = [
        [100, 100, 500, 160],
        [100, 200, 470, 228],
        [100, 230, 400, 258],
    ];
    write_folder_of(dir, PAGE, &bars);
}

/// [`write_folder`] with `page` for p and q, and their picture's bars
/// (`[x0, y0, x1, y1]`, cut into glyphs along their longer side).
fn write_folder_of(dir: &std::path::Path, page: &str, bars: &[[u32; 4]]) {
    let mut picture = image::RgbaImage::from_pixel(1000, 1400, image::Rgba([250, 250, 240, 255]));
    for &[x0, y0, x1, y1] in bars {
        let across = x1 - x0 >= y1 - y0;
        let (xs, ys) = if across {
            (x0..x1, y0 + 4..y1 - 4)
        } else {
            (x0 + 4..x1 - 4, y0..y1)
        };
        for x in xs {
            for y in ys.clone() {
                if (if across { x } else { y }) % 30 < 24 {
                    picture.put_pixel(x, y, image::Rgba([40, 40, 40, 255]));
                }
            }
        }
    }
    for name in ["p", "q"] {
        std::fs::write(dir.join(format!("{name}.xml")), page).expect("written");
        picture
            .save(dir.join(format!("{name}.png")))
            .expect("the picture is written");
    }
    std::fs::write(dir.join("r.txt"), "他微笑着说：没想到。\n").expect("written");
}

/// A folder of a fixed name, `pages`, in `tmp`: the queue panel shows it
/// in the snapshots.
fn pages_folder(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let dir = tmp.path().join("pages");
    std::fs::create_dir(&dir).expect("a folder");
    dir
}

/// The desk on folder `dir` (see [`write_folder`]), its first page p
/// open with its picture shown.
fn open_folder_with_picture(
    dir: &std::path::Path,
) -> egui_kittest::Harness<'static, proofdesk::app::DeskApp> {
    let mut h = desk(opening(dir));
    // The folder's first page on the desk, its text shown.
    wait_for_label(&mut h, "春风又绿江南岸。");
    let here = h.state().document().page_path.clone().expect("a page");
    assert!(here.ends_with("p.xml"), "{here:?}");
    // The page's picture read (on its thread) before its pane opens: the
    // pane opens at one width, as the snapshot has it.
    support::wait_until(&mut h, "p's picture read", |d| {
        matches!(
            d.state.caches.picture,
            proofdesk::ui::picture::PictureView::Ready { .. }
        )
    });
    press(&mut h, Modifiers::NONE, Key::I);
    wait_for_label(&mut h, "page picture p.png");
    h
}

/// A page of the folder that cannot be read (its fixture is damaged) is
/// not searched for the word, and the editor is told which and why.
#[test]
fn a_folder_page_that_cannot_be_searched_is_named() {
    let dir = tempfile::tempdir().expect("a temp dir");
    write_folder(dir.path());
    std::fs::write(dir.path().join("r.txt.proofdesk.json"), "{ damaged").expect("a fixture");
    let mut h = open_folder_with_picture(dir.path());
    retype_the_unsure_word(&mut h, "微笑");
    wait_for_label(
        &mut h,
        "Also elsewhere in this folder: 2 place(s) on 1 other page(s)",
    );
    let said = support::message(&h);
    assert!(
        said.contains("1 of the folder's pages could not be searched") && said.contains("r.txt"),
        "{said}"
    );
}

/// Types `微笑` over the unsure word of the folder's page p (see
/// [`write_folder`]) and waits for the offer to list q's two places with
/// their parts of q's picture; the offer as it then stands.
fn offered_on_q_with_pictures(
    h: &mut egui_kittest::Harness<'_, proofdesk::app::DeskApp>,
) -> proofdesk::ui::state::SimilarOffer {
    retype_the_unsure_word(h, "微笑");
    wait_for_label(
        h,
        "Also elsewhere in this folder: 2 place(s) on 1 other page(s)",
    );
    // The pages come first, their places' pictures after them.
    support::wait_until(h, "q's places' pictures arriving", |d| {
        d.state.similar.as_ref().is_some_and(|o| {
            matches!(&o.folder, proofdesk::ui::state::FolderOffer::Found { pages, .. }
                if pages[0].crops.iter().all(Option::is_some))
        })
    });
    // The offer's window grows by the places' pictures and moves up to
    // stay at the screen's foot: let it settle before clicking in it.
    h.run();
    h.state().state.similar.clone().expect("offered")
}

#[test]
fn a_typed_correction_is_offered_on_the_folders_other_pages_and_written_there() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let dir = pages_folder(&tmp);
    let dir = dir.as_path();
    write_folder(dir);
    let mut h = open_folder_with_picture(dir);
    let offer = offered_on_q_with_pictures(&mut h);
    let proofdesk::ui::state::FolderOffer::Found { pages, take: true } = &offer.folder else {
        panic!("q offered and taken: {:?}", offer.folder);
    };
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert_eq!(pages[0].page, dir.join("q.xml"));
    assert_eq!(
        pages[0].places.checked,
        [true, true],
        "each place listed, checked"
    );
    // Each of q's places is listed with its context.
    let q_place = |i: usize| {
        let o = &pages[0].places.places[i];
        format!("…{}【徽笑 → 微笑】{}…", o.before, o.after)
    };
    assert!(
        q_place(0).contains("她面带【徽笑 → 微笑】，向大家"),
        "{}",
        q_place(0)
    );
    assert!(
        h.query_by_label(&q_place(0)).is_some(),
        "q's first place is listed"
    );
    // Each of q's places with its part of q's picture, cut on the
    // background thread: 56 pixels high, as wide as the part's shape
    // (q's first place: its word's box, 74 × 42 pixels with the margin).
    let sizes: Vec<Option<[usize; 2]>> = pages[0]
        .crops
        .iter()
        .map(|c| c.as_ref().map(|c| c.0.size()))
        .collect();
    assert_eq!(sizes.len(), 2, "{sizes:?}");
    assert_eq!(sizes[0], Some([99, 56]), "{sizes:?}");
    assert!(sizes[1].is_some(), "{sizes:?}");
    // The place's part of the picture: its word's box, a quarter of its
    // height around it (1000 × 1400).
    let crop = offer.crops[0].expect("the place's part of the picture");
    let want = [
        93.0 / 1000.0,
        223.0 / 1400.0,
        407.0 / 1000.0,
        265.0 / 1400.0,
    ];
    assert!(
        crop.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-4),
        "{crop:?}"
    );
    // The panels hold still before the picture is taken.
    h.snapshot("desk_similar_folder");
    // q's first place is left: unchecked, and only the checked ones taken.
    h.get_by_label(&q_place(0)).click();
    h.run();
    let offer = h.state().state.similar.clone().expect("still offered");
    assert!(
        matches!(&offer.folder, proofdesk::ui::state::FolderOffer::Found { pages, .. }
            if pages[0].places.checked == [false, true]),
        "{:?}",
        offer.folder
    );
    h.get_by_label("Correct the 2 checked (Enter)").click();
    h.run();
    wait_for_label(
        &mut h,
        "Corrected “徽笑” → “微笑” at 1 place(s) on 1 other page(s) of the folder (saved as drafts; each page's fixture before is kept as .bak).",
    );
    assert!(
        message(&h).contains("at 1 place(s) on 1 other page(s)"),
        "{}",
        message(&h)
    );
    let fixture = std::fs::read_to_string(dir.join("q.xml.proofdesk.json")).expect("q's fixture");
    assert!(
        fixture.contains("她面带徽笑") && fixture.contains("大家都微笑着"),
        "the place unchecked is left, the other corrected: {fixture}"
    );
    assert!(fixture.contains("\"status\": \"draft\""));
    assert!(
        !dir.join("r.txt.proofdesk.json").exists(),
        "r has no such word"
    );
    // This page: its own place too, as one undo step.
    assert!(all_text(&h).contains("大家都微笑着"), "{}", all_text(&h));
}

/// The made-up OCR page set vertically: every box of its text turned a
/// quarter turn ([`support::quarter_turn`]: a line becomes a column read
/// top to bottom, the first column rightmost), on the same 1000 × 1400
/// page. The ALTO writer puts each box's four attributes together.
fn set_vertically(alto: &str) -> String {
    let mut out = String::with_capacity(alto.len());
    let mut rest = alto;
    let number = |s: &str, key: &str| -> Option<(u32, usize)> {
        let from = s.find(key)? + key.len();
        let len = s[from..].find('"')?;
        Some((s[from..from + len].parse().ok()?, from + len + 1))
    };
    while let Some(at) = rest.find("HPOS=\"") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (x, a) = number(tail, "HPOS=\"").expect("HPOS");
        let (y, b) = number(&tail[a..], "VPOS=\"").expect("VPOS");
        let (w, c) = number(&tail[a + b..], "WIDTH=\"").expect("WIDTH");
        let (h, d) = number(&tail[a + b + c..], "HEIGHT=\"").expect("HEIGHT");
        let [x0, y0, x1, y1] = support::quarter_turn([x, y, x + w, y + h], 1000);
        out.push_str(&format!(
            "HPOS=\"{x0}\" VPOS=\"{y0}\" WIDTH=\"{}\" HEIGHT=\"{}\"",
            x1 - x0,
            y1 - y0
        ));
        rest = &tail[a + b + c + d..];
    }
    out.push_str(rest);
    out
}

#[test]
fn a_correction_on_a_page_set_vertically_shows_each_place_standing_as_its_column() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let dir = pages_folder(&tmp);
    let dir = dir.as_path();
    let page = set_vertically(PAGE);
    assert!(
        page.contains(r#"HPOS="772" VPOS="200" WIDTH="28" HEIGHT="60" WC="0.2" CONTENT="徽笑""#),
        "{page}"
    );
    // The picture: the words' columns, glyph by glyph.
    write_folder_of(
        dir,
        &page,
        &[
            [840, 100, 900, 500],
            [772, 100, 800, 500],
            [742, 100, 770, 400],
        ],
    );
    let mut h = open_folder_with_picture(dir);
    let offer = offered_on_q_with_pictures(&mut h);
    assert!(all_text(&h).contains("她面带微笑"), "{}", all_text(&h));
    // This page's other place: its column's part of the picture, taller
    // than wide.
    let crop = offer.crops[0].expect("the place's part of the picture");
    assert!(crop[3] - crop[1] > crop[2] - crop[0], "{crop:?}");
    // q's places, cut on the background thread: each a column's part,
    // scaled by its width, standing up.
    let proofdesk::ui::state::FolderOffer::Found { pages, .. } = &offer.folder else {
        panic!("q offered: {:?}", offer.folder);
    };
    let sizes: Vec<[usize; 2]> = pages[0]
        .crops
        .iter()
        .flatten()
        .map(|c| c.0.size())
        .collect();
    assert_eq!(sizes.len(), 2, "{sizes:?}");
    assert!(sizes.iter().all(|&[w, h]| w == 56 && h > w), "{sizes:?}");
    h.snapshot("desk_similar_vertical");
}

/// A made-up ALTO page four times as tall as wide: a headline across the
/// top (100..900 of 1000 wide, at 100 of 4000), and a short article's four
/// lines in a narrow column at the foot (600..900, at 3600), its second
/// word read at 20%.
const TALL_PAGE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">
 <Layout><Page WIDTH="1000" HEIGHT="4000"><PrintSpace>
  <TextBlock HPOS="100" VPOS="100" WIDTH="800" HEIGHT="110">
   <TextLine HPOS="100" VPOS="100" WIDTH="800" HEIGHT="110">
    <String HPOS="100" VPOS="100" WIDTH="800" HEIGHT="110" WC="0.95" CONTENT="春风又绿江南岸"/>
   </TextLine>
  </TextBlock>
  <TextBlock HPOS="600" VPOS="3600" WIDTH="300" HEIGHT="60">
   <TextLine HPOS="600" VPOS="3600" WIDTH="300" HEIGHT="28">
    <String HPOS="600" VPOS="3600" WIDTH="60" HEIGHT="28" WC="0.96" CONTENT="本报讯"/>
    <String HPOS="660" VPOS="3600" WIDTH="40" HEIGHT="28" WC="0.2" CONTENT="徽笑"/>
    <String HPOS="700" VPOS="3600" WIDTH="200" HEIGHT="28" WC="0.96" CONTENT="向大家问好，她说"/>
   </TextLine>
   <TextLine HPOS="600" VPOS="3630" WIDTH="300" HEIGHT="28">
    <String HPOS="600" VPOS="3630" WIDTH="300" HEIGHT="28" WC="0.96" CONTENT="大家都在笑着看他们"/>
   </TextLine>
   <TextLine HPOS="600" VPOS="3660" WIDTH="300" HEIGHT="28">
    <String HPOS="600" VPOS="3660" WIDTH="300" HEIGHT="28" WC="0.96" CONTENT="走过长长的小路回到"/>
   </TextLine>
   <TextLine HPOS="600" VPOS="3690" WIDTH="300" HEIGHT="28">
    <String HPOS="600" VPOS="3690" WIDTH="120" HEIGHT="28" WC="0.96" CONTENT="家里。"/>
   </TextLine>
  </TextBlock>
 </PrintSpace></Page></Layout>
</alto>
"#;

/// Where on the screen the picture `picture` shows the page box
/// `x0..x1 × y0..y1` of [`TALL_PAGE`] (1000 × 4000).
fn on_screen(picture: egui::Rect, [x0, y0, x1, y1]: [f32; 4]) -> egui::Rect {
    egui::Rect::from_min_max(
        egui::pos2(
            picture.min.x + picture.width() * x0 / 1000.0,
            picture.min.y + picture.height() * y0 / 4000.0,
        ),
        egui::pos2(
            picture.min.x + picture.width() * x1 / 1000.0,
            picture.min.y + picture.height() * y1 / 4000.0,
        ),
    )
}

/// Z: the picture is zoomed to the selected block and scrolled to it as
/// j, k and n move, so that its glyphs can be read against the text; a
/// zoom by hand (Fit) stops it.
#[test]
fn z_zooms_the_picture_to_the_selected_block_and_follows_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let TallPage {
        mut h,
        fitted,
        pane,
        headline,
        body,
    } = tall_page_in_its_pane(dir.path());
    select(&mut h, headline);
    tap(&mut h, Key::Z);
    assert!(h.state().state.picture_follow, "Z follows the selection");
    // The headline, 800 of the page's 1000 pixels wide, fills nine tenths
    // of the pane's width: 1.125 times the fitted picture.
    let zoomed = settled_picture(&mut h);
    let times = zoomed.width() / fitted.width();
    assert!((times - 1.125).abs() < 0.02, "zoomed {times}×");
    let line = on_screen(zoomed, [100.0, 100.0, 900.0, 210.0]);
    assert!(pane.contains_rect(line), "{line:?} in {pane:?}");
    // The body, 300 wide at the page's foot: 3 times, scrolled down to it.
    select(&mut h, body);
    let zoomed = settled_picture(&mut h);
    let times = zoomed.width() / fitted.width();
    assert!((times - 3.0).abs() < 0.05, "zoomed {times}×");
    let line = on_screen(zoomed, [600.0, 3600.0, 900.0, 3718.0]);
    assert!(pane.contains_rect(line), "{line:?} in {pane:?}");
    // At the unsure word (a doubt in the body), then back up with k: the
    // picture goes with the selection, not with the doubt left behind.
    let word = first_doubt(&h, Kind::Recognition).expect("the unsure word is a doubt");
    go_to_doubt(&mut h, word);
    select(&mut h, headline);
    let zoomed = settled_picture(&mut h);
    let line = on_screen(zoomed, [100.0, 100.0, 900.0, 210.0]);
    assert!(pane.contains_rect(line), "{line:?} in {pane:?}");
    // Fit: back to the page's width, no longer following.
    h.get_by_label("Fit width").click();
    let fitted_again = settled_picture(&mut h);
    assert!(!h.state().state.picture_follow, "a zoom by hand stops it");
    assert!((fitted_again.width() - fitted.width()).abs() < 1.0);
}

/// Not following, the picture still scrolls to a block selected out of
/// its view, at the zoom it has.
#[test]
fn the_picture_scrolls_to_a_block_selected_out_of_its_view() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let TallPage {
        mut h,
        fitted,
        pane,
        body,
        ..
    } = tall_page_in_its_pane(dir.path());
    // The body at the page's foot, far under the fitted picture's top.
    select(&mut h, body);
    assert_eq!(h.state().state.selected, Some(body));
    let picture = settled_picture(&mut h);
    assert!(!h.state().state.picture_follow);
    assert!((picture.width() - fitted.width()).abs() < 1.0, "not zoomed");
    let line = on_screen(picture, [600.0, 3600.0, 900.0, 3718.0]);
    let status_top = h.get_by_label("UTF-8").rect().min.y;
    assert!(
        pane.contains_rect(line),
        "{line:?} in {pane:?}, status bar from {status_top}"
    );
}

/// [`TALL_PAGE`] open with its picture shown beside it.
struct TallPage {
    h: egui_kittest::Harness<'static, proofdesk::app::DeskApp>,
    /// The picture fitted to the pane, on screen.
    fitted: egui::Rect,
    /// The pane the picture is seen in: right of its zoom row's first
    /// button, under the line naming its file, above the status bar.
    pane: egui::Rect,
    /// The block of the headline, and of the body at the page's foot.
    headline: proofdesk::edit::BlockRef,
    body: proofdesk::edit::BlockRef,
}

/// Writes [`TALL_PAGE`] and its picture into `dir`, opens it and shows
/// the picture (frame by frame: its spinner asks for frames while it is
/// read).
fn tall_page_in_its_pane(dir: &std::path::Path) -> TallPage {
    let path = page_with_picture(dir, "p.xml", TALL_PAGE, (250, 1000));
    let mut h = desk(opening(&path));
    tap(&mut h, Key::I);
    wait_for_label(&mut h, "page picture p.png");
    let fitted = settled_picture(&mut h);
    let pane = egui::Rect::from_min_max(
        egui::pos2(
            h.get_by_label("Follow").rect().min.x,
            h.get_by_label_contains("250×1000").rect().max.y,
        ),
        egui::pos2(1600.0, 1000.0 - 20.0),
    );
    let editor = &h.state().document().editor;
    let headline = editor.locate(0).expect("the headline is in a block");
    let body = editor
        .locate(
            h.state()
                .page()
                .raw
                .text()
                .chars()
                .position(|c| c == '本')
                .expect("the body's first glyph"),
        )
        .expect("the body is in a block");
    assert_ne!(
        headline, body,
        "the headline and the body are blocks of their own"
    );
    TallPage {
        h,
        fitted,
        pane,
        headline,
        body,
    }
}

/// Selects block `at` with j and k, as an editor walks to it.
fn select(
    h: &mut egui_kittest::Harness<'_, proofdesk::app::DeskApp>,
    at: proofdesk::edit::BlockRef,
) {
    for _ in 0..6 {
        if h.state().state.selected == Some(at) {
            return;
        }
        let down = h.state().state.selected.is_none_or(|now| now < at);
        tap(h, if down { Key::J } else { Key::K });
    }
    panic!("j and k never reached {at:?}");
}

/// Z on a page with no line boxes says why the picture cannot follow.
#[test]
fn z_on_a_page_without_line_boxes_says_why_the_picture_cannot_follow() {
    let mut h = desk(proofdesk::app::StartOptions::default());
    press(&mut h, Modifiers::NONE, Key::Z);
    assert!(!h.state().state.picture_follow);
    assert!(
        message(&h).contains("no boxes of its lines"),
        "{}",
        message(&h)
    );
}

/// Presses a key and draws a few frames, not waiting for the desk to
/// settle (see [`settled_picture`]).
fn tap(h: &mut egui_kittest::Harness<'_, proofdesk::app::DeskApp>, key: Key) {
    h.key_press(key);
    for _ in 0..3 {
        h.step();
    }
}

/// A page with its picture beside it, the picture's pane closed: the
/// status bar says so, with the keys that show it and (with line boxes)
/// follow on it; the note goes when the pane opens.
#[test]
fn a_picture_beside_the_page_is_said_while_its_pane_is_closed() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = page_with_picture(dir.path(), "p.xml", PAGE, (100, 140));
    let mut h = desk(opening(&path));
    assert!(!h.state().state.show_picture);
    let said = message(&h);
    assert!(
        said.contains("p.png lies beside this page")
            && said.contains("i shows it")
            && said.contains("z zooms it"),
        "{said}"
    );
    tap(&mut h, Key::I);
    assert!(h.state().state.show_picture);
    assert!(!message(&h).contains("lies beside"), "{}", message(&h));
    // A page of extracted text has no line boxes: only the key that shows
    // its picture.
    let text = tempfile::tempdir().expect("a temp dir");
    let words = "本报讯（记者 王小林）她面带微笑，向大家问好。\n";
    let path = page_with_picture(text.path(), "q.txt", words, (100, 140));
    let h = desk(opening(&path));
    let said = message(&h);
    assert!(
        said.contains("q.png lies beside this page") && !said.contains(" z "),
        "{said}"
    );
    // Without a picture, nothing is said of one.
    let bare = tempfile::tempdir().expect("a temp dir");
    let path = bare.path().join("p.xml");
    std::fs::write(&path, PAGE).expect("written");
    let h = desk(opening(&path));
    assert!(!message(&h).contains("lies beside"), "{}", message(&h));
}

/// Writes `page` as `name` in `dir`, with a blank picture of `w`×`h`
/// pixels beside it under the page's own stem (`p.xml`: `p.png`); the
/// page's path.
fn page_with_picture(
    dir: &std::path::Path,
    name: &str,
    page: &str,
    (w, h): (u32, u32),
) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, page).expect("the page is written");
    image::RgbaImage::from_pixel(w, h, image::Rgba([250, 250, 240, 255]))
        .save(path.with_extension("png"))
        .expect("the picture is written");
    path
}
