//! What the desk tests share: the real desk under `egui_kittest`, keys, the
//! fake clock, the status message, and the seed page with its corrected
//! fixture.
//!
//! Each test file uses some of these helpers, not all.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::{Harness, HarnessBuilder};
use proofdesk::app::{DeskApp, StartOptions};
use proofdesk::fixture::Fixture;
use proofdesk::i18n::Lang;

/// The bundled sample page.
pub const SEED: &str = include_str!("../data/seed_page.txt");

/// The seed page's lines, two stretches of it set row by row (a line of
/// the first half, one of the second, …), as plain `pdftotext` writes a
/// page whose columns it does not tell apart: its reading order is lost.
pub fn seed_row_by_row() -> String {
    let lines: Vec<&str> = SEED.lines().filter(|l| !l.trim().is_empty()).collect();
    let half = lines.len() / 2;
    lines[..half]
        .iter()
        .zip(&lines[half..])
        .map(|(a, b)| format!("{a}\n{b}\n"))
        .collect()
}

/// The made-up OCR page (ALTO, with boxes and a picture's size) whose
/// word `徽笑` the engine misread, once on its own and once inside a word.
pub const OCR_PAGE: &str = include_str!("../data/ocr_misread.alto.xml");

/// A line model trained on the project's three corrected fixtures, with
/// its manifest.
pub fn model_of_the_fixtures() -> (
    proofdesk::line_model::LineModel,
    proofdesk::line_model::Manifest,
) {
    let fixtures = proofdesk::training::done_pages(&[
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
    ])
    .expect("the fixtures");
    let (pages, manifest) = proofdesk::training::training_set(&fixtures, || {});
    let model = proofdesk::line_model::train(&pages, proofdesk::line_model::CUTS).expect("trains");
    (model, manifest)
}

/// The seed page's corrected fixture (the gold the desk tests aim at).
pub const SEED_GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/seed_page.proofdesk.json"
);

/// The desk at 1600×1000 after its first frames, in English unless the
/// options say otherwise (never the machine's locale), with the CJK font:
/// the harness fails on any character drawn as a box.
pub fn desk(options: StartOptions) -> Harness<'static, DeskApp> {
    desk_with(Harness::builder().with_max_steps(16), options)
}

/// [`desk`] from a prepared builder (a step limit, a renderer).
pub fn desk_with(
    builder: HarnessBuilder<DeskApp>,
    options: StartOptions,
) -> Harness<'static, DeskApp> {
    let mut h = builder
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_eframe(move |cc| {
            DeskApp::new(
                cc,
                StartOptions {
                    lang: options.lang.or(Some(Lang::En)),
                    ..options
                },
            )
        });
    h.run();
    h
}

/// Options that open `page`.
pub fn opening(page: &Path) -> StartOptions {
    StartOptions {
        page: Some(page.to_owned()),
        ..StartOptions::default()
    }
}

/// Asks the window to close, as its × does (no frame drawn yet).
pub fn ask_to_close(h: &mut Harness<'_, DeskApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}

/// The page's article ids in order.
pub fn article_ids(h: &Harness<'_, DeskApp>) -> Vec<String> {
    h.state()
        .page()
        .articles
        .iter()
        .map(|a| a.id.clone())
        .collect()
}

/// Presses a key and draws a frame.
pub fn press(h: &mut Harness<'_, DeskApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Moves the fake clock `secs` on and draws a frame; an autosave it starts
/// is written on the saver's thread, which the test then waits for.
pub fn later(h: &mut Harness<'_, DeskApp>, secs: f64) {
    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + secs);
    h.run();
    h.state_mut().finish_saves();
    h.run();
}

/// Draws frames until a widget labelled `label` shows (a picture decoded
/// on its thread), for at most ten seconds; fails the test if it never
/// does.
pub fn wait_for_label(h: &mut Harness<'_, DeskApp>, label: &str) {
    use egui_kittest::kittest::Queryable as _;
    wait(h, &format!("{label:?} showing"), |h| {
        h.query_by_label(label).is_some()
    });
}

/// Draws frames until `done` holds for the desk (a page read on its
/// thread), for at most ten seconds; fails the test, naming `what`, if it
/// never does.
pub fn wait_until(h: &mut Harness<'_, DeskApp>, what: &str, done: impl Fn(&DeskApp) -> bool) {
    wait(h, what, |h| done(h.state()));
}

/// Draws frames, one at a time (a spinner asks for frames until its
/// thread is done), until `done` holds, for at most ten seconds.
fn wait(h: &mut Harness<'_, DeskApp>, what: &str, done: impl Fn(&Harness<'_, DeskApp>) -> bool) {
    for _ in 0..1000 {
        if done(h) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    panic!("{what} never happened");
}

/// Presses N until the walk is at doubt `i`'s spot, then C until doubt
/// `i` is current; fails the test if they never get there.
pub fn go_to_doubt(h: &mut Harness<'_, DeskApp>, i: usize) {
    let n = h.state().page().review.doubts.len();
    let spot = h.state().page().review.spot_of(i);
    for _ in 0..=2 * n {
        let Some(at) = h.state().state.doubt else {
            press(h, Modifiers::NONE, Key::N);
            continue;
        };
        if at == i {
            return;
        }
        let key = if h.state().page().review.spot_of(at) == spot {
            Key::C
        } else {
            Key::N
        };
        press(h, Modifiers::NONE, key);
    }
    panic!("doubt {i} is never reached by N and C");
}

/// The first doubt of the page of `kind`.
pub fn first_doubt(h: &Harness<'_, DeskApp>, kind: proofdesk::doubt::Kind) -> Option<usize> {
    h.state()
        .page()
        .review
        .doubts
        .iter()
        .position(|d| d.kind == kind)
}

/// The message in the status bar.
pub fn message(h: &Harness<'_, DeskApp>) -> String {
    h.state()
        .state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// A temp dir holding a copy of the seed page.
pub fn seed_dir() -> (tempfile::TempDir, PathBuf) {
    page_dir("seed_page.txt", SEED)
}

/// A temp dir holding the seed page set row by row ([`seed_row_by_row`])
/// as `rows.txt`.
pub fn row_by_row_dir() -> (tempfile::TempDir, PathBuf) {
    page_dir("rows.txt", &seed_row_by_row())
}

/// A temp dir holding one page, `name`, of `text`.
fn page_dir(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("the page is written");
    (dir, path)
}

/// The seed page's corrected fixture.
pub fn seed_gold() -> Fixture {
    proofdesk::io::read_fixture(Path::new(SEED_GOLD)).expect("the gold fixture is valid")
}

/// `1234567` as `1,234,567`, as the docs and the desk write counts.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A box `[x0, y0, x1, y1]` turned a quarter turn clockwise on a page
/// `height` pixels high, as an OCR engine would have boxed it had the page
/// been set vertically: a line becomes a column read top to bottom, the
/// first line the rightmost column.
pub fn quarter_turn([x0, y0, x1, y1]: [u32; 4], height: u32) -> [u32; 4] {
    [height - y1, x0, height - y0, x1]
}

/// `text` with what stands after each `key` (up to the first of `ends`)
/// rewritten by `f`.
pub fn rewrite_after(text: &str, key: &str, ends: &[char], f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(key) {
        out.push_str(&rest[..at + key.len()]);
        rest = &rest[at + key.len()..];
        let end = rest.find(ends).unwrap_or(rest.len());
        out.push_str(&f(&rest[..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
