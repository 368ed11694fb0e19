//! Issue 14, item 7: a page of one huge line. The desk lays out at most
//! [`PART_CHARS`] chars of any raw line or block in a frame (a part, between
//! markers that say what is left out), clicks in a part select the right
//! chars, and a block of millions of chars is not edited in place.
//!
//! The page here is one line of 2 MB (about 860,000 chars): laid out whole,
//! as before, every frame drew some 1.7 million glyphs.

use std::path::PathBuf;
use std::time::Duration;

use eframe::egui::{self, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use proofdesk::app::DeskApp;
use proofdesk::edit::BlockRef;
use proofdesk::i18n::Lang;
use proofdesk::page::{Span, trace};
use proofdesk::trace::{TraceIndex, char_of_raw, trace_each};
use proofdesk::ui::text::{PART_CHARS, Part, part_text};

mod support;

const SEED: &str = include_str!("data/seed_page.txt");
/// Where the text of a block starts in its row (the role tag's width).
const TAG_W: f32 = 58.0;

/// One line of mixed CJK and ASCII text, about `bytes` long, with a comma
/// an engine misread as ASCII in each repeat (an `ascii_comma` doubt).
fn one_line(bytes: usize) -> String {
    let sentence: String = SEED.lines().collect::<Vec<_>>().join("");
    let unit = format!(
        "{} Page 3 of the Daily News, 2019-05-12 (OCR run 2). 本报记者,编辑部报道。",
        sentence.trim()
    );
    let mut line = unit.repeat(bytes / unit.len() + 1);
    let cut = (0..=bytes.min(line.len()))
        .rev()
        .find(|&i| line.is_char_boundary(i))
        .unwrap_or(0);
    line.truncate(cut);
    line.push('\n');
    line
}

fn open_long_page() -> (tempfile::TempDir, Harness<'static, DeskApp>) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path: PathBuf = dir.path().join("long_line.txt");
    std::fs::write(&path, one_line(2 << 20)).expect("the page is written");
    let h = support::desk(support::opening(&path));
    (dir, h)
}

/// The glyphs of every text drawn in the last frame.
fn glyphs_drawn(h: &Harness<'_, DeskApp>) -> usize {
    fn count(shape: &egui::Shape) -> usize {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().map(count).sum(),
            egui::Shape::Text(t) => t.galley.rows.iter().map(|r| r.row.glyphs.len()).sum(),
            _ => 0,
        }
    }
    h.output().shapes.iter().map(|c| count(&c.shape)).sum()
}

/// The longest accessibility label of the last frame, in chars.
fn longest_label(h: &Harness<'_, DeskApp>) -> usize {
    h.query_all_by(|_| true)
        .filter_map(|n| n.accesskit_node().label())
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
}

/// A click at `pos`, a second after the last input (never a double click).
fn click_at(h: &mut Harness<'_, DeskApp>, pos: Pos2) {
    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + 1.0);
    h.hover_at(pos);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

/// Clicks a marker (a label holding `text`), scrolled into view first.
fn click_marker(h: &mut Harness<'_, DeskApp>, text: &str) {
    h.get_by_label(text).scroll_to_me();
    h.run();
    let at = h.get_by_label(text).rect().center();
    click_at(h, at);
    h.run();
}

fn raw_marker_before(chars: usize) -> String {
    format!(
        "◀ ({} characters before; the line is shown in part) …",
        support::thousands(chars)
    )
}

fn marker_after(chars: usize, what: &str) -> String {
    format!(
        "… ({} more characters; the {what} is shown in part) ▶",
        support::thousands(chars)
    )
}

#[test]
fn a_two_megabyte_line_is_laid_out_in_parts_and_clicks_select_the_right_chars() {
    let (_dir, mut h) = open_long_page();
    let page = h.state().page().clone();
    let line = page.raw.lines()[0].span();
    assert!(line.len() > 50 * PART_CHARS, "a long line: {}", line.len());
    assert_eq!(page.articles.len(), 1, "one article");
    assert_eq!(page.articles[0].blocks.len(), 1, "one block");
    let block = &page.articles[0].blocks[0];
    let block_chars = block.text.chars().count();
    assert!(block_chars > 50 * PART_CHARS, "a long block: {block_chars}");

    // Bounded: the frame draws a part of the line and of the block, not
    // the 1.7 million chars of both.
    let drawn = glyphs_drawn(&h);
    assert!(drawn > PART_CHARS, "the parts are drawn: {drawn} glyphs");
    assert!(drawn < 3 * PART_CHARS, "{drawn} glyphs drawn in one frame");
    assert!(
        longest_label(&h) <= PART_CHARS,
        "no widget carries more than a part: {}",
        longest_label(&h)
    );
    // The markers say what is left out of each.
    let raw_after = marker_after(line.len() - PART_CHARS, "line");
    let block_after = marker_after(block_chars - PART_CHARS, "block");
    assert!(h.query_by_label(&raw_after).is_some(), "{raw_after}");
    // No taller than the line: the raw pane's rows keep their height.
    let row = h.get_by_label("raw line 1").rect();
    let marker = h.get_by_label(&raw_after).rect();
    assert!(marker.height() <= row.height(), "{marker:?} in {row:?}");
    assert!(marker.left() >= row.right(), "after the line's part");
    assert!(h.query_by_label(&block_after).is_some(), "{block_after}");
    let part0: String = block.text.chars().take(PART_CHARS).collect();
    assert!(h.query_by_label(&part0).is_some(), "the block's first part");

    // A click on the first char of the raw line selects raw char 0.
    let row = h.get_by_label("raw line 1").rect();
    click_at(&mut h, egui::pos2(row.left() + 3.0, row.center().y));
    assert_eq!(h.state().state.focus_raw, Some(line.start), "raw char 0");
    assert_eq!(h.state().state.selected, Some(BlockRef::new(0, 0)));

    // The next part of the raw line: its first char is raw char 10,000.
    click_marker(&mut h, &raw_after);
    let before = raw_marker_before(PART_CHARS);
    assert!(h.query_by_label(&before).is_some(), "{before}");
    let row = h.get_by_label("raw line 1").rect();
    click_at(&mut h, egui::pos2(row.left() + 3.0, row.center().y));
    assert_eq!(
        h.state().state.focus_raw,
        Some(line.start + PART_CHARS),
        "the first char of the second part"
    );

    // The next part of the block: a click on its first char selects the
    // raw char it was traced to, and the raw pane shows the part of the
    // line that holds it.
    click_marker(&mut h, &block_after);
    let part1: String = block
        .text
        .chars()
        .skip(PART_CHARS)
        .take(PART_CHARS)
        .collect();
    assert!(
        h.query_by_label(&part1).is_some(),
        "the block's second part"
    );
    let para = h.get_by_label(&part1).rect();
    click_at(&mut h, para.min + egui::vec2(TAG_W + 3.0, 12.0));
    h.run();
    let traced = trace(page.raw.chars(), &block.text, &block.spans);
    let expected = traced[PART_CHARS].expect("the char has a raw source");
    assert_eq!(h.state().state.focus_raw, Some(expected), "char 10,000");
    assert_eq!(h.state().state.selected, Some(BlockRef::new(0, 0)));
    let raw_part = Part::holding(line.len(), expected - line.start);
    let before = raw_marker_before(raw_part.start);
    assert!(
        h.query_by_label(&before).is_some(),
        "the raw pane shows the part with raw char {expected}: {before}"
    );
    let drawn = glyphs_drawn(&h);
    assert!(drawn < 3 * PART_CHARS, "{drawn} glyphs drawn in one frame");

    // The block is not edited in place: the desk says so.
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().state.editing.is_some(), "Enter asks to edit");
    assert!(
        h.query_by_label("This block is too long to edit in place")
            .is_some(),
        "the desk says why"
    );
    assert!(
        h.query_by_role(egui::accesskit::Role::MultilineTextInput)
            .is_none(),
        "no text field of the whole block"
    );
    let drawn = glyphs_drawn(&h);
    assert!(drawn < 3 * PART_CHARS, "{drawn} glyphs drawn while editing");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().state.editing.is_none(), "Escape closes it");
    assert_eq!(h.state().page().articles[0].blocks[0].text, block.text);
    assert!(!h.state().is_dirty(), "nothing changed");
}

#[test]
fn the_next_doubt_on_a_long_line_is_shown_and_marked_in_parts() {
    let (_dir, mut h) = open_long_page();
    h.key_press(Key::N);
    h.run();
    let view = &h.state().state.caches.doubts;
    let (start, _) = view.raw.expect("a doubt is current");
    let marks = view
        .marks_for(BlockRef::new(0, 0))
        .expect("the doubt is marked in the block")
        .to_vec();
    assert!(!marks.is_empty(), "marked chars");
    let marked: usize = marks.iter().map(ExactSizeIterator::len).sum();
    assert!(marked < PART_CHARS, "a few chars, as ranges: {marks:?}");
    let page = h.state().page().clone();
    let line = page.raw.lines()[0].span();
    let raw_part = Part::holding(line.len(), start - line.start);
    if raw_part.start > 0 {
        let before = raw_marker_before(raw_part.start);
        assert!(h.query_by_label(&before).is_some(), "{before}");
    }
    // Walk on to a doubt far down the line: the parts follow it.
    let far = page
        .review
        .doubts
        .iter()
        .position(|d| d.raw_range().0 > line.start + 5 * PART_CHARS)
        .expect("doubts all along the line");
    h.state_mut().state.doubt = Some(far.saturating_sub(1));
    h.key_press(Key::N);
    h.run();
    h.run();
    let (start, _) = h.state().state.caches.doubts.raw.expect("a doubt");
    assert!(start > line.start + 5 * PART_CHARS, "far down: {start}");
    let raw_part = Part::holding(line.len(), start - line.start);
    let before = raw_marker_before(raw_part.start);
    assert!(
        h.query_by_label(&before).is_some(),
        "the raw pane shows the doubt's part: {before}"
    );
    let first = h
        .state()
        .state
        .caches
        .doubts
        .marks_for(BlockRef::new(0, 0))
        .and_then(|m| m.first().cloned())
        .expect("marked in the block");
    let block = &page.articles[0].blocks[0];
    let block_part = Part::holding(block.text.chars().count(), first.start);
    let shown = part_text(&block.text, &block_part);
    assert!(
        h.query_by_label(shown).is_some(),
        "the corrected pane shows the part with the marked char {}",
        first.start
    );
    let drawn = glyphs_drawn(&h);
    assert!(drawn < 3 * PART_CHARS, "{drawn} glyphs drawn in one frame");
    // Frames come when asked, not all the time.
    h.run();
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(delay > Duration::ZERO, "idle once drawn: {delay:?}");
}

#[test]
fn tracing_a_block_char_by_char_gives_what_trace_gives() {
    let page = proofdesk::io::page_from_bytes("seed_page.txt", SEED.as_bytes())
        .expect("the seed page reads");
    let raw = page.raw.chars();
    let mut checked = 0;
    for b in page.articles.iter().flat_map(|a| &a.blocks) {
        // The block as proposed, and as a person might have changed it.
        let half = b.text.chars().count() / 2;
        let typed: String = b
            .text
            .chars()
            .take(half)
            .chain("校对 X".chars())
            .chain(b.text.chars().skip(half))
            .collect();
        let cut: String = b.text.chars().skip(3).collect();
        let spaced = b.text.replace('，', " ， ");
        for text in [&b.text, &typed, &cut, &spaced] {
            let whole = trace(raw, text, &b.spans);
            let mut each = Vec::new();
            trace_each(raw, text, &b.spans, |_, o| {
                each.push(o);
                std::ops::ControlFlow::Continue(())
            });
            assert_eq!(each, whole, "block {:?}", b.spans);
            // The char a raw offset shows.
            if let Some((i, Some(o))) = whole.iter().enumerate().find(|(_, o)| o.is_some()) {
                assert_eq!(char_of_raw(raw, text, &b.spans, *o), Some(i));
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} texts");
    // A block joined from parts out of raw order: the char a raw offset of
    // its second part shows is found past the first part's.
    let blocks: Vec<_> = page.articles.iter().flat_map(|a| &a.blocks).collect();
    let (first, second) = (blocks[3], blocks[7]);
    let spans: Vec<Span> = second.spans.iter().chain(&first.spans).copied().collect();
    let text = format!("{}{}", second.text, first.text);
    let whole = trace(raw, &text, &spans);
    let n = second.text.chars().count();
    let (i, o) = whole
        .iter()
        .enumerate()
        .skip(n)
        .find_map(|(i, o)| o.map(|o| (i, o)))
        .expect("the first block's chars trace");
    assert!(o < second.spans[0].start, "out of raw order");
    assert_eq!(char_of_raw(raw, &text, &spans, o), Some(i));
    // Spans past the end of the raw text, or backwards, trace to nothing.
    let odd = [Span::new(raw.len() - 2, raw.len() + 5), Span::new(9, 3)];
    let text = "某某";
    let mut each = Vec::new();
    trace_each(raw, text, &odd, |_, o| {
        each.push(o);
        std::ops::ControlFlow::Continue(())
    });
    assert_eq!(each, trace(raw, text, &odd));
}

#[test]
fn a_long_blocks_trace_index_answers_as_a_walk_from_the_start() {
    let line = one_line(1 << 20);
    let page =
        proofdesk::io::page_from_bytes("long_line.txt", line.as_bytes()).expect("the page reads");
    let raw = page.raw.chars();
    let b = &page.articles[0].blocks[0];
    // Some spaces of the raw text are dropped, some typed in.
    let text: String = b.text.replacen('。', "。 ", 50);
    let whole = trace(raw, &text, &b.spans);
    let index = TraceIndex::build(raw, &text, &b.spans);
    let start = TraceIndex::start(&b.spans);
    assert_ne!(index, start, "stops along the block");
    let n = whole.len();
    assert!(n > 4 * TraceIndex::EVERY, "{n} chars");
    for i in (0..n)
        .step_by(n / 37)
        .chain([n - 1, TraceIndex::EVERY, 3 * TraceIndex::EVERY])
    {
        assert_eq!(
            index.raw_of_char(raw, &text, &b.spans, i),
            whole[i],
            "char {i}"
        );
        let Some(o) = whole[i] else { continue };
        let first = whole.iter().position(|w| *w == Some(o));
        assert_eq!(index.char_of_raw(raw, &text, &b.spans, o), first, "raw {o}");
        assert_eq!(start.char_of_raw(raw, &text, &b.spans, o), first, "raw {o}");
        // A raw char dropped from the text shows the char after it.
        if o > 0 && !whole.contains(&Some(o - 1)) {
            let after = whole.iter().position(|w| w.is_some_and(|w| w >= o - 1));
            assert_eq!(index.char_of_raw(raw, &text, &b.spans, o - 1), after);
        }
        let (from, to) = (o.saturating_sub(3), o + 4);
        let expected: Vec<usize> = (0..n)
            .filter(|&j| whole[j].is_some_and(|w| (from..to).contains(&w)))
            .collect();
        let got: Vec<usize> = index
            .chars_traced_to(raw, &text, &b.spans, from, to)
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(got, expected, "raw {from}..{to}");
    }
}

#[test]
fn parts_cut_a_text_at_chars() {
    let text: String = one_line(3 * PART_CHARS * 3).trim_end().to_owned();
    let total = text.chars().count();
    assert!(total > 2 * PART_CHARS, "{total}");
    let mut joined = String::new();
    let mut index = 0;
    loop {
        let part = Part::of(total, index);
        assert_eq!(part.index, index);
        let piece = part_text(&text, &part);
        assert_eq!(piece.chars().count(), part.len());
        let expected: String = text.chars().skip(part.start).take(part.len()).collect();
        assert_eq!(piece, expected, "part {index}");
        joined.push_str(piece);
        if part.end == total {
            assert!(
                part.after_marker(Lang::En, false).is_none(),
                "nothing after"
            );
            break;
        }
        assert_eq!(
            part.after_marker(Lang::En, false),
            Some(marker_after(total - part.end, "line"))
        );
        index += 1;
    }
    assert_eq!(joined, text, "the parts make the text");
    assert_eq!(Part::of(total, 10_000).index, index, "at most the last");
    let short = Part::of(40, 3);
    assert!(short.is_whole() && short.before_marker(Lang::En, true).is_none());
}
