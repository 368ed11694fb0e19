//! The desk's frame budgets, measured on the real [`DeskApp`] without a
//! window: every frame is one `egui::Context::run_ui` (input, layout,
//! widgets) plus `Context::tessellate` (shapes to triangles); only the GPU
//! upload is missing. See `BENCHMARKS.md` ("The desk", "One huge line") for the figures.
//!
//! `cargo bench --bench desk` first prints two measurements that are not
//! timings (idle frames, undo-history memory), then runs the divan timings.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Duration;

use eframe::egui::{self, Event, Key, Modifiers, MouseWheelUnit, Pos2};
use proofdesk::app::{DeskApp, StartOptions};
use proofdesk::edit::{Action, BlockRef, Editor};
use proofdesk::i18n::Lang;
use proofdesk::page::Role;

/// Counts the bytes live on the heap, to measure what the undo history
/// keeps (an allocation-level count, independent of the allocator's RSS).
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

#[expect(unsafe_code, reason = "a counting global allocator needs unsafe impl")]
// SAFETY: every call is forwarded unchanged to `System`; only a counter
// is updated beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size().cast_signed(), Ordering::Relaxed);
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size().cast_signed(), Ordering::Relaxed);
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size().cast_signed(), Ordering::Relaxed);
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size.cast_signed() - layout.size().cast_signed(),
            Ordering::Relaxed,
        );
        // SAFETY: forwarded with the caller's arguments.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const SEED: &str = include_str!("../tests/data/seed_page.txt");
/// The seed page repeated to about 1 MB of raw UTF-8.
const REPEAT_1MB: usize = 43;
const SCREEN: egui::Vec2 = egui::vec2(1600.0, 1000.0);
/// Where the pointer rests: over the corrected pane, or over the raw pane.
const OVER_CORRECTED: Pos2 = egui::pos2(560.0, 500.0);
const OVER_RAW: Pos2 = egui::pos2(1300.0, 500.0);

fn big_page() -> PathBuf {
    let path = std::env::temp_dir().join(format!("proofdesk-bench-1mb-{}.txt", std::process::id()));
    let text = SEED.repeat(REPEAT_1MB);
    if std::fs::write(&path, &text).is_err() {
        eprintln!("cannot write {}", path.display());
    }
    path
}

/// The desk on a bare egui context, with a clock of its own.
struct Desk {
    ctx: egui::Context,
    app: DeskApp,
    time: f64,
    last: Duration,
    /// Frames run so far.
    frames: u32,
}

impl Desk {
    fn new(page: Option<PathBuf>, select: Option<BlockRef>) -> Self {
        let ctx = egui::Context::default();
        let app = DeskApp::with_context(
            &ctx,
            StartOptions {
                lang: Some(Lang::En),
                page,
                select,
                ..StartOptions::default()
            },
        );
        let mut desk = Self {
            ctx,
            app,
            time: 0.0,
            last: Duration::ZERO,
            frames: 0,
        };
        // Pages of 4 MB and more are read on a thread: wait for it.
        while desk.app.is_loading() {
            std::thread::sleep(Duration::from_millis(20));
            desk.advance(0.02);
            desk.frame(Vec::new());
        }
        desk.settle();
        desk
    }

    /// One frame: input, the desk's ui, tessellation. Returns the repaint
    /// delay eframe would get.
    fn frame(&mut self, events: Vec<Event>) -> Duration {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            events,
            ..egui::RawInput::default()
        };
        self.frames += 1;
        let app = &mut self.app;
        let out = self.ctx.run_ui(input, |ui| app.show(ui));
        let primitives = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        divan::black_box(primitives);
        self.last = out
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map_or(Duration::MAX, |v| v.repaint_delay);
        self.last
    }

    fn advance(&mut self, dt: f64) {
        self.time += dt;
    }

    /// Runs frames (at 60 Hz) until the desk stops asking for an
    /// immediate repaint.
    fn settle(&mut self) -> u32 {
        let mut n = 0;
        loop {
            self.advance(1.0 / 60.0);
            let delay = self.frame(Vec::new());
            n += 1;
            if delay > Duration::ZERO || n >= 60 {
                return n;
            }
        }
    }

    fn key(&mut self, modifiers: Modifiers, key: Key) {
        let events = [true, false]
            .map(|pressed| Event::Key {
                key,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers,
            })
            .to_vec();
        self.advance(1.0 / 60.0);
        self.frame(events);
    }
}

fn wheel(at: Pos2, dy: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(at),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: egui::vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        },
    ]
}

/// A page of one line of `mb` MB (issue 14, item 7): the seed page's text
/// without its line breaks, with some ASCII, over and over.
fn long_line_page(mb: usize) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "proofdesk-bench-line{mb}mb-{}.txt",
        std::process::id()
    ));
    let sentence: String = SEED.lines().map(str::trim).collect();
    let unit = format!("{sentence} Page 3 of the Daily News, 2019-05-12 (OCR run 2). ");
    let mut line = unit.repeat((mb << 20) / unit.len() + 1);
    let mut cut = (mb << 20).min(line.len());
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    line.truncate(cut);
    line.push('\n');
    if std::fs::write(&path, &line).is_err() {
        eprintln!("cannot write {}", path.display());
    }
    path
}

fn page_for(name: &str) -> Option<PathBuf> {
    (name == "1mb").then(big_page)
}

/// Median CPU time per frame while scrolling the corrected pane.
#[divan::bench(args = ["seed", "1mb"], sample_count = 300, sample_size = 1)]
fn scroll_corrected(bencher: divan::Bencher<'_, '_>, page: &str) {
    scroll(bencher, page, OVER_CORRECTED);
}

/// Median CPU time per frame while scrolling the raw pane.
#[divan::bench(args = ["seed", "1mb"], sample_count = 300, sample_size = 1)]
fn scroll_raw(bencher: divan::Bencher<'_, '_>, page: &str) {
    scroll(bencher, page, OVER_RAW);
}

/// Median CPU time per frame while scrolling the corrected pane of the
/// 1 MB page with the page picture (a 2480×3508 PNG, A4 at 300 dpi) shown
/// beside it.
#[divan::bench(sample_count = 300, sample_size = 1)]
fn scroll_corrected_with_picture(bencher: divan::Bencher<'_, '_>) {
    let page = big_page();
    let picture = page.with_extension("png");
    let img = image::RgbaImage::from_fn(2480, 3508, |x, y| {
        let ink = u8::from((x / 40 + y / 60) % 7 == 0) * 200;
        image::Rgba([255 - ink, 255 - ink, 250 - ink, 255])
    });
    if img.save(&picture).is_err() {
        eprintln!("cannot write {}", picture.display());
    }
    let mut desk = Desk::new(Some(page), None);
    desk.app.state.show_picture = true;
    for _ in 0..500 {
        if matches!(
            desk.app.state.caches.picture,
            proofdesk::ui::picture::PictureView::Ready { .. }
        ) {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
        desk.advance(0.01);
        desk.frame(Vec::new());
    }
    assert!(
        matches!(
            desk.app.state.caches.picture,
            proofdesk::ui::picture::PictureView::Ready { .. }
        ),
        "the picture loaded"
    );
    desk.settle();
    scroll_desk(bencher, &mut desk, OVER_CORRECTED);
}

fn scroll(bencher: divan::Bencher<'_, '_>, page: &str, at: Pos2) {
    let mut desk = Desk::new(page_for(page), None);
    scroll_desk(bencher, &mut desk, at);
}

fn scroll_desk(bencher: divan::Bencher<'_, '_>, desk: &mut Desk, at: Pos2) {
    let mut n = 0u32;
    bencher.bench_local(|| {
        // 60 frames down, 60 frames up, 90 points a frame.
        let dy = if (n / 60).is_multiple_of(2) {
            -90.0
        } else {
            90.0
        };
        n += 1;
        desk.advance(1.0 / 60.0);
        desk.frame(wheel(at, dy))
    });
}

/// Frames on a page of one 50 MB line (21.8 M chars, one block): the desk
/// lays out one part of 10,000 chars of the line and of the block. Each
/// sample is one frame with its input: a wheel step over the corrected
/// pane, a sideways wheel step over the raw pane, a click in the raw pane
/// far along the line (the corrected pane walks its block to the part that
/// shows the char), the next doubt (N).
#[divan::bench(args = ["scroll corrected", "scroll raw", "select raw far", "next doubt"], sample_count = 30, sample_size = 1)]
fn long_line_50mb(bencher: divan::Bencher<'_, '_>, what: &str) {
    let path = long_line_page(50);
    let mut desk = Desk::new(Some(path.clone()), None);
    let chars = desk.app.page().raw.chars().len();
    let mut n = 0usize;
    bencher.bench_local(|| {
        n += 1;
        desk.advance(1.0 / 60.0);
        let up = (n / 15).is_multiple_of(2);
        match what {
            "scroll corrected" => desk.frame(wheel(OVER_CORRECTED, if up { -90.0 } else { 90.0 })),
            "scroll raw" => desk.frame(wheel_x(OVER_RAW, if up { -300.0 } else { 300.0 })),
            "select raw far" => {
                // A different part each time, all along the line.
                let offset = (n * 7_919_993) % chars.max(1);
                desk.app.push(proofdesk::app::Intent::SelectRaw(offset));
                desk.frame(Vec::new())
            }
            _ => {
                desk.key(Modifiers::NONE, Key::N);
                desk.last
            }
        }
    });
    drop(desk);
    let _removed = std::fs::remove_file(path);
}

fn wheel_x(at: Pos2, dx: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(at),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: egui::vec2(dx, 0.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        },
    ]
}

/// An edit action by key on the 1 MB page, applied and redrawn: the frame
/// that takes the key (and applies the action after drawing) plus the
/// frame that draws the result. Actions alternate so the page stays the
/// same size.
#[divan::bench(args = ["split/merge", "role", "move block", "move article"], sample_count = 100, sample_size = 1)]
fn edit_1mb(bencher: divan::Bencher<'_, '_>, action: &str) {
    let path = big_page();
    let mut desk = Desk::new(Some(path), None);
    let middle = desk.app.page().articles.len() / 2;
    desk.app
        .push(proofdesk::app::Intent::Select(BlockRef::new(middle, 1)));
    desk.settle();
    let keys: [(Modifiers, Key); 2] = match action {
        "split/merge" => [(Modifiers::NONE, Key::S), (Modifiers::NONE, Key::M)],
        "role" => [(Modifiers::NONE, Key::Num5), (Modifiers::NONE, Key::Num4)],
        "move block" => [
            (Modifiers::SHIFT, Key::ArrowDown),
            (Modifiers::SHIFT, Key::ArrowUp),
        ],
        _ => [
            (Modifiers::ALT, Key::ArrowDown),
            (Modifiers::ALT, Key::ArrowUp),
        ],
    };
    let mut n = 0usize;
    bencher.bench_local(|| {
        let (m, k) = keys[n % 2];
        n += 1;
        desk.key(m, k);
        desk.advance(1.0 / 60.0);
        desk.frame(Vec::new())
    });
    assert!(
        desk.app.document().editor.undo_depth() >= 50,
        "the {action} keys changed the page"
    );
}

/// Start-up on the desk side: creating the desk (reading and proposing the
/// page) and its first frame.
#[divan::bench(args = ["seed", "1mb"], sample_count = 10, sample_size = 1)]
fn open_and_first_frame(bencher: divan::Bencher<'_, '_>, page: &str) {
    let path = page_for(page);
    bencher.bench_local(|| {
        let ctx = egui::Context::default();
        let mut app = DeskApp::with_context(
            &ctx,
            StartOptions {
                lang: Some(Lang::En),
                page: path.clone(),
                ..StartOptions::default()
            },
        );
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(Pos2::ZERO, SCREEN)),
            ..egui::RawInput::default()
        };
        let out = ctx.run_ui(input, |ui| app.show(ui));
        ctx.tessellate(out.shapes, out.pixels_per_point)
    });
}

/// Frames eframe would run in 2 s with no input after the desk has settled:
/// eframe's loop only runs a frame on input or when the last frame's
/// `repaint_delay` (from `request_repaint` / `request_repaint_after`)
/// expires, so the clock is advanced to each requested repaint and every
/// one inside the window is counted.
fn idle_frames(page: Option<PathBuf>, pointer: Option<Pos2>) -> (u32, u32) {
    let mut desk = Desk::new(page, None);
    if let Some(p) = pointer {
        desk.advance(1.0 / 60.0);
        desk.frame(vec![Event::PointerMoved(p)]);
    }
    desk.settle();
    let settle = desk.frames;
    let start = desk.time;
    let mut frames = 0;
    loop {
        let delay = desk.last;
        if delay == Duration::MAX {
            break;
        }
        let t = desk.time + delay.as_secs_f64().max(1.0 / 60.0);
        if t - start > 2.0 {
            break;
        }
        desk.time = t;
        desk.frame(Vec::new());
        frames += 1;
    }
    (settle, frames)
}

fn live_bytes() -> isize {
    LIVE.load(Ordering::Relaxed)
}

/// 200 undoable actions of every kind on the 1 MB page; the live heap
/// grows by what the history keeps (plus the small change to the page).
fn history_bytes() -> (usize, isize, isize) {
    let raw = SEED.repeat(REPEAT_1MB);
    let page = match proofdesk::io::page_from_bytes("big.txt", raw.as_bytes()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot read the page: {e}");
            return (0, 0, 0);
        }
    };
    drop(raw);
    let before = live_bytes();
    let mut editor = Editor::new(page);
    let page_bytes = live_bytes() - before;
    let n = editor.page().articles.len();
    let mut applied = 0usize;
    let mut i = 0usize;
    while applied < 200 && i < 10_000 {
        let a = (i * 37) % n.saturating_sub(2).max(1);
        let at = BlockRef::new(a, 1);
        let action = match i % 6 {
            0 => Action::SetRole {
                at,
                role: if i.is_multiple_of(12) {
                    Role::Byline
                } else {
                    Role::Body
                },
            },
            1 => Action::SplitArticle { at },
            2 => Action::MergeWithPrevious { article: a + 1 },
            3 => Action::MoveBlock {
                from: at,
                to: BlockRef::new(a + 1, 0),
            },
            4 => Action::MoveArticle { from: a, to: a + 1 },
            _ => Action::EditText {
                at,
                text: format!("校对 {i}"),
            },
        };
        let depth = editor.undo_depth();
        if editor.apply(action).is_ok() && editor.undo_depth() > depth {
            applied += 1;
        }
        i += 1;
    }
    let after = live_bytes();
    divan::black_box(&editor);
    (applied, page_bytes, after - before - page_bytes)
}

#[expect(clippy::cast_precision_loss, reason = "byte counts for display")]
fn mb(bytes: isize) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn main() {
    let big = big_page();
    let raw_len = std::fs::metadata(&big).map_or(0, |m| m.len());
    println!(
        "1 MB page: seed page x{REPEAT_1MB} = {raw_len} bytes of raw UTF-8 ({} articles)",
        Desk::new(Some(big.clone()), None).app.page().articles.len()
    );
    for (name, page) in [("seed", None), ("1mb", Some(big.clone()))] {
        for (where_, pointer) in [
            ("pointer outside", None),
            (
                "pointer resting on the corrected pane",
                Some(OVER_CORRECTED),
            ),
        ] {
            let (settle, frames) = idle_frames(page.clone(), pointer);
            println!(
                "idle {name}, {where_}: settled after {settle} frames (input included), then {frames} frames in 2 idle seconds"
            );
        }
    }
    let (steps, page_bytes, history) = history_bytes();
    println!(
        "undo history, 1 MB page: editor holds {:.1} MB; {steps} undoable actions add {:.1} MB of live heap",
        mb(page_bytes),
        mb(history)
    );
    divan::main();
    let _removed = std::fs::remove_file(big);
}
