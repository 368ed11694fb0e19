//! Issue 7 on the desk: the proposal's doubts walked with N, A and F
//! through the real UI (`egui_kittest`), highlighted in both panes, counted
//! in the status bar, saved in the fixture and shown in the queue.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use proofdesk::app::{DeskApp, StartOptions};
use proofdesk::doubt::{BlockIndex, Choice, Decision, DoubtWalk, Kind, Resolution, outcome};
use proofdesk::fixture::Fixture;
use proofdesk::i18n::{Lang, Msg};
use proofdesk::io::{fixture_path_for, read_fixture};
use proofdesk::page::{Article, ArticleKind, Role};

mod support;
use support::{SEED, desk as harness, first_doubt, go_to_doubt, press, seed_gold as gold};

type Shape = Vec<(ArticleKind, Vec<(Role, String)>)>;

fn shape<A: std::borrow::Borrow<Article>>(articles: &[A]) -> Shape {
    articles
        .iter()
        .map(std::borrow::Borrow::borrow)
        .map(|a: &Article| {
            (
                a.kind,
                a.blocks.iter().map(|b| (b.role, b.text.clone())).collect(),
            )
        })
        .collect()
}

fn current(h: &Harness<'_, DeskApp>) -> Option<usize> {
    h.state().state.doubt
}

fn doubt(h: &Harness<'_, DeskApp>, i: usize) -> Decision {
    h.state().page().review.doubts[i]
}

fn resolution(h: &Harness<'_, DeskApp>, i: usize) -> Option<Resolution> {
    h.state().page().review.resolved[i]
}

/// The text of the doubt strip above the corrected page.
fn strip(h: &Harness<'_, DeskApp>) -> String {
    h.state().state.caches.doubts.strip.clone()
}

/// The open doubts of doubt `i`'s spot, in the walk's order.
fn open_here(h: &Harness<'_, DeskApp>, i: usize) -> Vec<usize> {
    h.state()
        .page()
        .review
        .open_in_spot(i, h.state().state.doubt_walk)
}

/// The status bar's count of spots and doubts still open.
fn count_label(h: &Harness<'_, DeskApp>) -> String {
    let review = &h.state().page().review;
    let spots = review.open_in(h.state().state.doubt_walk);
    format!("{spots} spots to check ({} doubts)", review.open_count())
}

/// Presses N once, then at every spot, as `decide` says of each of its
/// open doubts, C to each doubt to flip and F, then A for the rest, until
/// no doubt is current. Returns the number of flips.
fn walk(h: &mut Harness<'_, DeskApp>, mut decide: impl FnMut(&DeskApp, usize) -> bool) -> usize {
    press(h, Modifiers::NONE, Key::N);
    let n = h.state().page().review.doubts.len();
    let mut flips = 0;
    let mut steps = 0;
    while let Some(i) = current(h) {
        assert!(steps <= 2 * n, "the walk ends");
        steps += 1;
        assert_eq!(resolution(h, i), None, "the current doubt is open");
        let here = open_here(h, i);
        assert_eq!(
            here.first(),
            Some(&i),
            "the walk is at the spot's first open doubt"
        );
        let Some(&flip) = here.iter().find(|&&j| decide(h.state(), j)) else {
            press(h, Modifiers::NONE, Key::A);
            for j in here {
                assert_eq!(
                    resolution(h, j),
                    Some(Resolution::Accepted),
                    "A settled {j}"
                );
            }
            assert_ne!(current(h), Some(i), "and moved on");
            continue;
        };
        while current(h) != Some(flip) {
            press(h, Modifiers::NONE, Key::C);
            steps += 1;
            assert!(steps <= 2 * n, "C reaches every doubt of the spot");
        }
        flips += 1;
        press(h, Modifiers::NONE, Key::F);
        assert_eq!(
            resolution(h, flip),
            Some(Resolution::Flipped),
            "F flipped {flip}"
        );
        assert_ne!(current(h), Some(flip), "and moved on");
    }
    flips
}

/// Whether the gold correction takes the other side of doubt `i` than the
/// desk's page does now (the decision logic of `tests/doubts.rs`).
fn gold_flips(gold: &Fixture) -> impl FnMut(&DeskApp, usize) -> bool {
    let chars: Vec<char> = gold.source.text.chars().collect();
    let index = BlockIndex::new(&gold.articles);
    let articles = gold.articles.clone();
    move |app, i| {
        let d = app.page().review.doubts[i];
        let now = app.document().editor.doubt_outcomes()[i];
        let want = outcome(&articles, &index, &chars, &d);
        want.is_some() && want != now && want == Some(d.alternative)
    }
}

/// The "done means": on the seed page (the bundled sample), N and
/// then only A or F, as the gold says, reach the gold correction.
#[test]
fn n_then_accept_or_flip_reaches_the_seed_gold() {
    let gold = gold();
    let mut h = harness(StartOptions::default());
    assert_eq!(h.state().page().raw.text(), gold.source.text);
    let total = h.state().page().review.doubts.len();
    assert!(total > 0, "the seed proposal has doubts");
    let spots = h.state().page().review.spot_count();
    assert!(spots < total, "spots gather doubts: {spots} of {total}");
    assert!(
        h.query_by_label(&format!("{spots} spots to check ({total} doubts)"))
            .is_some(),
        "the status bar counts them"
    );
    assert_ne!(shape(&h.state().page().articles), shape(&gold.articles));
    let flips = walk(&mut h, gold_flips(&gold));
    assert!(flips >= 1, "at least one proposal was wrong");
    assert_eq!(shape(&h.state().page().articles), shape(&gold.articles));
    let review = &h.state().page().review;
    assert!(review.is_reviewed());
    assert_eq!(
        review
            .resolved
            .iter()
            .filter(|r| **r == Some(Resolution::Flipped))
            .count(),
        flips
    );
    assert!(h.query_by_label("reviewed √").is_some(), "the status bar");
    assert!(
        strip(&h).starts_with("reviewed √"),
        "the strip: {}",
        strip(&h)
    );
    assert!(
        h.state()
            .state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("reviewed")),
        "the last key says the page is reviewed"
    );
    // A and F with no current doubt change nothing and say so.
    let undo = h.state().document().editor.undo_depth();
    press(&mut h, Modifiers::NONE, Key::A);
    assert_eq!(h.state().document().editor.undo_depth(), undo);
    assert!(
        h.state()
            .state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("no doubt is current"))
    );
}

#[test]
fn n_and_shift_n_walk_the_spots_both_ways_and_wrap_and_c_walks_a_spot() {
    let mut h = harness(StartOptions::default());
    let total = h.state().page().review.doubts.len();
    // The first doubt of each spot, as N lands on them in page order.
    let starts = spot_starts(&h);
    let spots = starts.len();
    assert!(
        spots >= 3 && spots < total,
        "{spots} spots of {total} doubts"
    );
    assert_eq!(current(&h), None);
    assert!(strip(&h).contains(&format!("{spots} spots to check ({total} doubts)")));

    press(&mut h, Modifiers::NONE, Key::N);
    assert_eq!(current(&h), Some(0));
    assert!(
        strip(&h).starts_with(&format!("spot 1 of {spots} ·")),
        "{}",
        strip(&h)
    );
    assert!(
        h.query_by_label_contains(&format!("spot 1 of {spots} ·"))
            .is_some(),
        "the strip is drawn"
    );
    press(&mut h, Modifiers::NONE, Key::F8);
    assert_eq!(current(&h), Some(starts[1]), "F8 is N too: the next spot");
    assert!(strip(&h).starts_with(&format!("spot 2 of {spots} ·")));
    press(&mut h, Modifiers::SHIFT, Key::N);
    assert_eq!(current(&h), Some(0));
    press(&mut h, Modifiers::SHIFT, Key::N);
    assert_eq!(current(&h), Some(starts[spots - 1]), "wraps backwards");
    assert!(strip(&h).starts_with(&format!("spot {spots} of {spots} ·")));
    press(&mut h, Modifiers::SHIFT, Key::F8);
    assert_eq!(current(&h), Some(starts[spots - 2]));
    press(&mut h, Modifiers::NONE, Key::N);
    press(&mut h, Modifiers::NONE, Key::N);
    assert_eq!(current(&h), Some(0), "wraps forwards");

    // Every doubt's strip names its kind, its rule in plain words and the
    // other choice; the block holding it is selected and highlighted, and
    // its raw line is in view and highlighted.
    for _ in 0..total.min(12) {
        let i = current(&h).expect("a current doubt");
        let d = doubt(&h, i);
        let text = strip(&h);
        let kind = Lang::En.get(Msg::doubt_kind(d.kind));
        let other = Lang::En.get(Msg::choice(d.alternative));
        assert!(text.contains(&format!("{kind}: ")), "{text}");
        assert!(text.contains(&format!("other choice: {other}")), "{text}");
        assert!(text.contains(d.evidence.explanation()), "{text}");
        assert!(text.contains(&format!("{}%", d.confidence_percent())));
        let selected = h.state().state.selected.expect("a block is selected");
        let block = &h.state().page().articles[selected.article].blocks[selected.block];
        let glyph = match d.kind {
            Kind::LineEnd | Kind::Space => d.before.unwrap_or(d.at),
            _ => d.at,
        };
        assert!(
            block.spans.iter().any(|s| s.contains(glyph)),
            "the selected block holds doubt {i}"
        );
        let view = &h.state().state.caches.doubts;
        assert!(
            view.marks_for(selected).is_some_and(|m| !m.is_empty()),
            "corrected chars of doubt {i} are highlighted"
        );
        assert!(view.raw_contains(d.at), "its raw glyph is highlighted");
        let line = h.state().page().raw.line_of(d.at) + 1;
        assert!(
            h.query_by_label(&format!("raw line {line}")).is_some(),
            "raw line {line} of doubt {i} is in view"
        );
        press(&mut h, Modifiers::NONE, Key::N);
    }
}

/// The first doubt of each spot of the page, in page order.
fn spot_starts(h: &Harness<'_, DeskApp>) -> Vec<usize> {
    let review = &h.state().page().review;
    (0..review.doubts.len())
        .filter(|&i| i == 0 || review.spot_of(i) != review.spot_of(i - 1))
        .collect()
}

#[test]
fn c_walks_the_doubts_of_a_spot_and_the_whole_spot_is_marked() {
    let mut h = harness(StartOptions::default());
    let review = h.state().page().review.clone();
    let starts = spot_starts(&h);
    // The spot starting at the first of `starts` with `n` doubts or more.
    let spot_of_at_least = |n: usize| {
        let start = starts
            .iter()
            .copied()
            .find(|&s| review.spot(s).len() >= n)
            .expect("a spot that large");
        review.spot(start)
    };
    // C walks the doubts of one spot, wrapping inside it; the strip says
    // which of them is current.
    let std::ops::Range { start: big, end } = spot_of_at_least(3);
    go_to_doubt(&mut h, big);
    let n = end - big;
    assert!(
        strip(&h).contains(&format!("doubt 1 of {n} here: ")),
        "{}",
        strip(&h)
    );
    assert!(strip(&h).contains(&format!("A accept all {n} here")));
    assert!(strip(&h).contains("also here: "), "{}", strip(&h));
    // The current doubt is marked; the spot's others are marked faintly.
    for j in big + 1..end {
        let d = doubt(&h, j);
        let view = &h.state().state.caches.doubts;
        assert!(
            view.raw_in_spot(d.at),
            "the whole spot is marked in the raw pane: doubt {j}"
        );
        let at = h.state().document().editor.locate(d.at).expect("placed");
        assert!(
            view.spot_marks_for(at).is_some_and(|m| !m.is_empty()),
            "and in the corrected pane: doubt {j}"
        );
    }
    assert!(
        h.state()
            .state
            .caches
            .doubts
            .raw_contains(doubt(&h, big).at)
    );
    for want in (big + 1..end).chain([big]) {
        press(&mut h, Modifiers::NONE, Key::C);
        assert_eq!(current(&h), Some(want), "C: the spot's next doubt");
    }
    assert!(strip(&h).contains(&format!("doubt 1 of {n} here: ")));
    press(&mut h, Modifiers::NONE, Key::N);
    let next = starts.iter().copied().find(|&s| s >= end);
    assert_eq!(current(&h), next.or(Some(0)), "N leaves the spot");
    // A spot of five or more names three of its other doubts and counts
    // the rest (the sample page has none since session 48: a stack of
    // three titles whose roles and breaks are all doubts makes one).
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("stacks.txt");
    let lines = [
        "全 市 各 级 各 部 门 认 真 落 实 工 作 部",
        "署 ， 取 得 了 明 显 成 效 ， 群 众 满 意 度 不",
        "断提高。",
        "新春走基层",
        "城东新区建起第一座图书馆",
        "读者络绎不绝",
    ];
    std::fs::write(&page, lines.join("\n\n")).expect("page written");
    let mut h = harness(StartOptions {
        page: Some(page),
        ..StartOptions::default()
    });
    let review = h.state().page().review.clone();
    let five = spot_starts(&h)
        .into_iter()
        .map(|s| review.spot(s))
        .find(|spot| spot.len() >= 5)
        .expect("a spot of five doubts");
    let n = five.len();
    go_to_doubt(&mut h, five.start);
    let text = strip(&h);
    assert!(text.contains(&format!("doubt 1 of {n} here: ")), "{text}");
    assert!(
        text.contains(&format!(", {} more · A accept all {n} here", n - 4)),
        "{text}"
    );
}

#[test]
fn flip_then_undo_restores_the_proposal_and_reopens_the_doubt() {
    let mut h = harness(StartOptions::default());
    let open = h.state().page().review.open_count();
    press(&mut h, Modifiers::NONE, Key::N);
    let i = current(&h).expect("a doubt");
    let before = shape(&h.state().page().articles);
    let side = h.state().document().editor.doubt_outcomes()[i];
    press(&mut h, Modifiers::NONE, Key::F);
    assert_eq!(resolution(&h, i), Some(Resolution::Flipped));
    assert_ne!(
        shape(&h.state().page().articles),
        before,
        "F changed the page"
    );
    let d = doubt(&h, i);
    assert_eq!(
        h.state().document().editor.doubt_outcomes()[i],
        Some(d.alternative),
        "the other choice is taken"
    );
    let review = &h.state().page().review;
    let walk = h.state().state.doubt_walk;
    let next = review.open_in_spot(i, walk).first().copied();
    assert_eq!(
        current(&h),
        next.or_else(|| review.step_open(Some(i), walk, true)),
        "F goes on to the spot's next open doubt, else the next spot"
    );
    assert_eq!(review.open_count(), open - 1);
    assert!(h.query_by_label(&count_label(&h)).is_some());

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        shape(&h.state().page().articles),
        before,
        "the proposal is back"
    );
    assert_eq!(resolution(&h, i), None, "the doubt is open again");
    assert_eq!(h.state().document().editor.doubt_outcomes()[i], side);
    assert_eq!(current(&h), Some(i), "undo goes back to the doubt");
    assert_eq!(h.state().page().review.open_count(), open);
    assert!(h.query_by_label(&count_label(&h)).is_some());
    // Redo flips it again.
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(resolution(&h, i), Some(Resolution::Flipped));
    // A on a settled doubt does nothing but say so.
    let undo = h.state().document().editor.undo_depth();
    press(&mut h, Modifiers::NONE, Key::A);
    assert_eq!(resolution(&h, i), Some(Resolution::Flipped));
    assert_eq!(h.state().document().editor.undo_depth(), undo);
}

#[test]
fn splitting_the_paragraph_by_hand_at_a_doubt_settles_it_as_edited() {
    let mut h = harness(StartOptions::default());
    let review = h.state().page().review.clone();
    let outcomes = h.state().document().editor.doubt_outcomes();
    // A line end the proposal joined, inside a body paragraph.
    let i = (0..review.doubts.len())
        .find(|&i| {
            let d = review.doubts[i];
            d.kind == Kind::LineEnd
                && d.chosen == Choice::Join
                && outcomes[i] == Some(Choice::Join)
                && h.state().document().editor.locate(d.at).is_some_and(|at| {
                    h.state().page().articles[at.article].blocks[at.block].role == Role::Body
                })
        })
        .expect("a joined line end in a paragraph is doubted");
    go_to_doubt(&mut h, i);
    let d = doubt(&h, i);
    let at = h.state().state.selected.expect("its block is selected");
    let block = h.state().page().articles[at.article].blocks[at.block].clone();
    let traced = proofdesk::page::trace(
        h.state().document().editor.raw_chars(),
        &block.text,
        &block.spans,
    );
    let cut = traced
        .iter()
        .position(|o| *o == Some(d.at))
        .expect("the glyph after the line end is in the block");
    let from_end = block.text.chars().count() - cut;
    let open = h.state().page().review.open_count();
    press(&mut h, Modifiers::NONE, Key::Enter);
    for _ in 0..from_end {
        press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    }
    press(&mut h, Modifiers::COMMAND, Key::Enter);
    let page = h.state().page();
    let first: String = block.text.chars().take(cut).collect();
    assert_eq!(
        page.articles[at.article].blocks[at.block].text.trim_end(),
        first.trim_end(),
        "the paragraph was split at the line end"
    );
    assert_eq!(resolution(&h, i), Some(Resolution::Edited));
    assert!(h.state().page().review.open_count() < open);
    assert!(h.query_by_label(&count_label(&h)).is_some());
    assert_eq!(
        h.state().document().editor.doubt_outcomes()[i],
        Some(Choice::Break)
    );
}

/// Waits for the queue's background status reading.
fn wait_for_queue(h: &mut Harness<'_, DeskApp>) {
    for _ in 0..500 {
        if !h.state().queue().expect("a folder is open").loading() {
            h.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
        h.run();
    }
    panic!("the queue never finished reading");
}

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("seed_page.txt");
    std::fs::write(&path, SEED).expect("the page is written");
    std::fs::write(dir.path().join("other.txt"), "标题\n\n本报讯 正文。\n")
        .expect("the page is written");
    (dir, path)
}

fn open_folder(dir: &Path) -> Harness<'static, DeskApp> {
    let mut h = harness(StartOptions {
        page: Some(dir.to_owned()),
        queue_page: Some(dir.join("seed_page.txt")),
        ..StartOptions::default()
    });
    wait_for_queue(&mut h);
    h
}

fn seed_entry(h: &Harness<'_, DeskApp>) -> proofdesk::queue::Entry {
    h.state()
        .queue()
        .expect("a folder")
        .entries()
        .iter()
        .find(|e| e.name == "seed_page.txt")
        .expect("the seed page is listed")
        .clone()
}

#[test]
fn resolutions_are_saved_resumed_and_the_queue_shows_a_reviewed_page() {
    let (dir, path) = folder();
    let mut h = open_folder(dir.path());
    assert_eq!(h.state().page().raw.file_name, "seed_page.txt");
    assert!(!seed_entry(&h).progress.reviewed);
    // The queue counts the page's spots to check, as the status bar does;
    // the count's explanation is a tooltip.
    let spots = h.state().page().review.open_in(DoubtWalk::default());
    assert!(spots > 1);
    assert_eq!(seed_entry(&h).progress.open_spots, spots);
    h.get_by_label(&spots.to_string()).hover();
    h.run();
    h.get_by_label_contains(&format!("{spots} spots still to check on this page"));
    let total = h.state().page().review.doubts.len();
    // The first spot's doubts, and the next spot's first doubt.
    let first = h.state().page().review.spot(0);
    let next = first.end;

    // Accept the first spot, flip the next spot's first doubt, save.
    press(&mut h, Modifiers::NONE, Key::N);
    press(&mut h, Modifiers::NONE, Key::A);
    assert_eq!(current(&h), Some(next), "A went on to the next spot");
    press(&mut h, Modifiers::NONE, Key::F);
    press(&mut h, Modifiers::COMMAND, Key::S);
    let f = read_fixture(&fixture_path_for(&path)).expect("the draft is valid");
    let record = f.review.as_ref().expect("the fixture records the review");
    assert_eq!(record.doubts.len(), total);
    let settled: Vec<Option<Resolution>> = record.doubts.iter().map(|d| d.resolution).collect();
    assert!(
        settled[first.clone()]
            .iter()
            .all(|r| *r == Some(Resolution::Accepted))
    );
    assert_eq!(settled[next], Some(Resolution::Flipped));
    assert!(settled[next + 1..].iter().all(Option::is_none));
    assert!(
        !seed_entry(&h).progress.reviewed,
        "two spots settled are not all"
    );
    let left = h.state().page().review.open_in(DoubtWalk::default());
    // The next spot stays open unless its one doubt is the one flipped.
    let next_settled = h.state().page().review.spot(next).len() == 1;
    assert_eq!(
        left,
        spots - 1 - usize::from(next_settled),
        "the first spot is settled, the next still open where it holds more doubts"
    );
    assert_eq!(
        seed_entry(&h).progress.open_spots,
        left,
        "the save counts them"
    );
    assert!(h.query_by_label(&left.to_string()).is_some());
    drop(h);

    // Reopen: the resolutions are back; accept everything else and save.
    let mut h = open_folder(dir.path());
    assert!(h.state().document().resumed);
    assert_eq!(h.state().page().review.resolved[..=next], settled[..=next]);
    assert_eq!(h.state().page().review.open_count(), total - next - 1);
    assert!(h.query_by_label(&count_label(&h)).is_some());
    assert!(!seed_entry(&h).progress.reviewed, "read from the fixture");
    walk(&mut h, |_, _| false);
    assert!(h.query_by_label("reviewed √").is_some());
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(seed_entry(&h).progress.reviewed, "the queue knows at once");
    assert_eq!(seed_entry(&h).progress.open_spots, 0);
    let f = read_fixture(&fixture_path_for(&path)).expect("the draft is valid");
    let record = f.review.expect("the review");
    assert!(record.doubts.iter().all(|d| d.resolution.is_some()));
    assert_eq!(record.doubts[next].resolution, Some(Resolution::Flipped));
    drop(h);

    // A fresh desk on the folder reads it from the fixture and shows it.
    let h = open_folder(dir.path());
    assert!(seed_entry(&h).progress.reviewed);
    assert!(
        h.query_by_label("reviewed: every doubt of the proposal is settled")
            .is_none(),
        "(the mark's explanation is a tooltip)"
    );
    assert_eq!(
        h.query_all_by_label("√").count(),
        1,
        "one page of the queue is marked reviewed"
    );
    assert!(h.query_by_label("reviewed √").is_some());
    assert!(h.state().page().review.is_reviewed());
}

/// On a 1 MB page (the seed page 43 times, thousands of doubts) the walk
/// stays quick and an idle desk asks for no frame, with a doubt current.
#[test]
fn a_one_megabyte_page_walks_its_doubts_and_idles() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("big.txt");
    std::fs::write(&path, SEED.repeat(43)).expect("the page is written");
    let mut h = support::desk_with(
        Harness::builder().with_max_steps(64),
        support::opening(&path),
    );
    let review = h.state().page().review.clone();
    let total = review.doubts.len();
    let spots = review.spot_count();
    assert!(total > 2000, "a long walk: {total} doubts");
    let (first, last) = (review.spot(0), review.spot(total - 1));
    let started = std::time::Instant::now();
    press(&mut h, Modifiers::NONE, Key::N);
    press(&mut h, Modifiers::NONE, Key::A);
    assert_eq!(current(&h), Some(first.end), "A moved on to the next spot");
    press(&mut h, Modifiers::SHIFT, Key::N);
    let walked = started.elapsed();
    assert_eq!(current(&h), Some(last.start), "wrapped to the last spot");
    assert_eq!(resolution(&h, 0), Some(Resolution::Accepted));
    assert_eq!(h.state().page().review.open_count(), total - first.len());
    assert!(h.query_by_label(&count_label(&h)).is_some());
    assert!(strip(&h).starts_with(&format!("spot {} of {} ·", spots - 1, spots - 1)));
    let line = h.state().page().raw.line_of(doubt(&h, last.start).at) + 1;
    assert!(h.query_by_label(&format!("raw line {line}")).is_some());
    println!("three doubt keys on {total} doubts: {walked:?}");
    assert!(walked < Duration::from_secs(20), "{walked:?}");
    h.run();
    assert_eq!(
        h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay,
        Duration::MAX,
        "idle: no further frame is asked for"
    );
}

/// Issue 13's bar: the whole seed page reviewed and marked done in at most
/// 40 key presses from start-up, reaching its gold correction: N once, then
/// at each doubt F where gold takes the other side, A where another open
/// doubt of the same rule is one gold flips, else Shift+A for the whole
/// rule; Ctrl+D at the end.
#[test]
fn the_seed_page_is_reviewed_and_done_in_forty_key_presses() {
    let gold = gold();
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("seed_page.txt");
    std::fs::write(&path, SEED).expect("the page is written");
    let mut h = harness(StartOptions {
        page: Some(path.clone()),
        ..StartOptions::default()
    });
    let mut flips_gold = gold_flips(&gold);
    let mut presses = 0;
    press(&mut h, Modifiers::NONE, Key::N);
    presses += 1;
    while let Some(i) = current(&h) {
        assert!(presses < 200, "the walk ends");
        let review = h.state().page().review.clone();
        let rule = review.doubts[i].evidence;
        let app = h.state();
        if flips_gold(app, i) {
            press(&mut h, Modifiers::NONE, Key::F);
        } else if (0..review.doubts.len()).any(|k| {
            k != i
                && review.resolved[k].is_none()
                && review.doubts[k].evidence == rule
                && flips_gold(app, k)
        }) {
            press(&mut h, Modifiers::NONE, Key::A);
        } else {
            press(&mut h, Modifiers::SHIFT, Key::A);
        }
        presses += 1;
    }
    assert!(
        h.state().page().review.is_reviewed(),
        "every doubt is settled"
    );
    press(&mut h, Modifiers::COMMAND, Key::D);
    presses += 1;
    assert_eq!(shape(&h.state().page().articles), shape(&gold.articles));
    let saved = read_fixture(&fixture_path_for(&path)).expect("the fixture is written");
    assert_eq!(saved.status, proofdesk::page::Status::Done);
    assert!(presses <= 40, "{presses} key presses");
    println!("seed page reviewed and done in {presses} key presses");
}

/// Every doubt N visits from the start until it comes round again.
fn walked(h: &mut Harness<'_, DeskApp>) -> Vec<usize> {
    let mut seen = Vec::new();
    loop {
        press(h, Modifiers::NONE, Key::N);
        let Some(i) = current(h) else { break };
        if seen.contains(&i) {
            break;
        }
        seen.push(i);
    }
    seen
}

#[test]
fn the_review_menu_walks_the_least_sure_doubts_first_and_only_those_below_a_cut() {
    let mut h = harness(StartOptions::default());
    let doubts: Vec<Decision> = h.state().page().review.doubts.to_vec();
    assert!(doubts.len() > 20, "the seed has doubts to sort");
    h.get_by_label("Review").click();
    h.run();
    h.get_by_label("Least sure doubts first").click();
    h.run();
    assert!(h.state().state.doubt_walk.least_sure_first);
    let review = h.state().page().review.clone();
    let spots = review.spot_count();
    let least = |i: usize| {
        review
            .spot(i)
            .map(|j| doubts[j].confidence_percent())
            .min()
            .unwrap_or(u8::MAX)
    };
    let order = walked(&mut h);
    assert_eq!(order.len(), spots, "every spot, once");
    let sure: Vec<(u8, usize)> = order
        .iter()
        .map(|&i| (least(i), review.spot_of(i)))
        .collect();
    assert!(
        sure.windows(2).all(|w| w[0] < w[1]),
        "least sure spots first, ties in page order: {sure:?}"
    );
    for &i in &order {
        assert_eq!(
            doubts[i].confidence_percent(),
            least(i),
            "the walk lands on the spot's least sure doubt"
        );
    }
    let starts = spot_starts(&h);
    assert_ne!(order, starts, "not the page order");
    // Only the doubts below 80%: each spot that has one, at its least sure.
    h.get_by_label("Review").click();
    h.run();
    h.get_by_label("Doubts to walk").hover();
    h.run();
    h.get_by_label("only below 80% sure").click();
    h.run();
    let below: Vec<usize> = starts
        .iter()
        .filter_map(|&s| {
            review
                .spot(s)
                .filter(|&j| doubts[j].confidence_percent() < 80)
                .min_by_key(|&j| (doubts[j].confidence_percent(), j))
        })
        .collect();
    assert!(
        !below.is_empty() && below.len() < spots,
        "the cut leaves some out"
    );
    let mut order = walked(&mut h);
    order.sort_unstable();
    assert_eq!(order, below, "N walks only the spots below 80%");
    let count = h.state().state.caches.doubts.count_text(Lang::En);
    assert_eq!(
        count,
        format!(
            "{} spots below 80% ({} doubts open in all)",
            below.len(),
            doubts.len()
        )
    );
    assert!(
        h.query_by_label_contains("spots below 80%").is_some(),
        "the status bar says so"
    );
    assert_eq!(
        h.state().to_remember().doubt_walk,
        h.state().state.doubt_walk,
        "remembered for the next run"
    );
    // A under the cut settles the spot's doubts below it, and leaves its
    // surer ones open.
    let mixed = below
        .iter()
        .copied()
        .find(|&i| review.spot(i).any(|j| doubts[j].confidence_percent() >= 80))
        .expect("a spot with doubts on both sides of 80%");
    go_to_doubt(&mut h, mixed);
    press(&mut h, Modifiers::NONE, Key::A);
    for j in review.spot(mixed) {
        let want = (doubts[j].confidence_percent() < 80).then_some(Resolution::Accepted);
        assert_eq!(resolution(&h, j), want, "doubt {j}");
    }
}

#[test]
fn a_line_end_doubt_is_marked_with_the_text_around_it() {
    let mut h = harness(StartOptions::default());
    let i = first_doubt(&h, Kind::LineEnd).expect("the seed has a line-end doubt");
    go_to_doubt(&mut h, i);
    let marks = &h.state().state.caches.doubts.marks;
    assert!(!marks.is_empty(), "the doubt is marked");
    let marked: usize = marks
        .iter()
        .flat_map(|(_, ranges)| ranges)
        .map(|r| r.end - r.start)
        .sum();
    assert!(
        marked >= 5,
        "the gap's glyphs and two chars on each side, not a speck: {marks:?}"
    );
    // The raw pane marks the same stretch of the raw text.
    let view = &h.state().state.caches.doubts;
    let glyphs = SEED
        .chars()
        .enumerate()
        .filter(|&(o, c)| !c.is_whitespace() && view.raw_contains(o))
        .count();
    assert!(glyphs >= 5, "{glyphs} glyphs marked in the raw pane");
}

#[test]
fn the_queue_marks_a_page_whose_reading_order_is_lost() {
    let (dir, _) = folder();
    let rows = dir.path().join("rows.txt");
    std::fs::write(&rows, support::seed_row_by_row()).expect("the page is written");
    // Another such page, never opened: its proposal, made in the
    // background as the folder is read, says so.
    std::fs::write(dir.path().join("rows_too.txt"), support::seed_row_by_row())
        .expect("the page is written");
    let entry = |h: &Harness<'_, DeskApp>, name: &str| -> proofdesk::queue::Entry {
        h.state()
            .queue()
            .expect("a folder")
            .entries()
            .iter()
            .find(|e| e.name == name)
            .expect("the page is listed")
            .clone()
    };
    // Opened on the desk: marked, though nothing is saved yet.
    let mut h = harness(StartOptions {
        page: Some(dir.path().to_owned()),
        queue_page: Some(rows.clone()),
        ..StartOptions::default()
    });
    wait_for_queue(&mut h);
    assert_eq!(h.state().page().raw.file_name, "rows.txt");
    assert!(entry(&h, "rows.txt").progress.reading_lost);
    assert!(entry(&h, "rows_too.txt").progress.reading_lost);
    assert!(!entry(&h, "seed_page.txt").progress.reading_lost);
    assert!(!entry(&h, "other.txt").progress.reading_lost);
    assert_eq!(h.query_all_by_label("!").count(), 2, "two pages marked");
    press(&mut h, Modifiers::COMMAND, Key::S);
    let f = read_fixture(&fixture_path_for(&rows)).expect("the draft is valid");
    assert!(!f.review.expect("a review").reading_order.is_in_order());
    drop(h);
    // A fresh desk on the folder, at another page, reads it from the fixture.
    let h = open_folder(dir.path());
    assert_eq!(h.state().page().raw.file_name, "seed_page.txt");
    assert!(entry(&h, "rows.txt").progress.reading_lost);
    assert!(!entry(&h, "other.txt").progress.reading_lost);
    assert_eq!(h.query_all_by_label("!").count(), 2);
}
