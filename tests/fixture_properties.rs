//! The fixture file is the desk's memory of every edit: whatever a hand,
//! a script or a broken disk does to one, reading it never panics, and a
//! fixture that is read round-trips, keeps its spans and geometry inside
//! its text, and exports as a training pair. (A person's correction may
//! delete text, so a fixture need not cover all of it: see
//! `fixture::coverage_problems`.)
//!
//! Real fixtures (the seed page's, a layout fixture's, and an OCR page's
//! with its boxes) are changed at random places: numbers made negative,
//! huge, zero or off by one, strings emptied or swapped for others, values
//! nulled, arrays emptied, fields and items removed.

use proofdesk::fixture::Fixture;
use proptest::prelude::*;
use serde_json::Value;

mod support;

/// The fixtures changed: two real ones and an OCR page's.
fn originals() -> Vec<Value> {
    let read = |path: &str| -> Value {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let page = proofdesk::io::page_from_bytes("p.xml", support::OCR_PAGE.as_bytes())
        .expect("the OCR page reads");
    let ocr = Fixture::from_page(&page, "2026-12-03T12:00:00Z")
        .to_json()
        .expect("serialises");
    vec![
        read("tests/fixtures/seed_page.proofdesk.json"),
        read("tests/fixtures/layout_before_col.txt.proofdesk.json"),
        serde_json::from_str(&ocr).expect("its own JSON"),
    ]
}

/// Every place in `v` that a change can hit, as a path of keys and indices.
fn places(v: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(path.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                path.push(Step::Key(k.clone()));
                places(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(Step::Index(i));
                places(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// A change made at one place.
#[derive(Clone, Debug)]
enum Change {
    Number(i64),
    OffByOne(i64),
    Text(String),
    Null,
    EmptyArray,
    Remove,
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        3 => prop_oneof![
            Just(0_i64),
            Just(-1),
            Just(i64::MAX),
            Just(i64::from(u32::MAX) + 1),
            0_i64..100_000,
        ]
        .prop_map(Change::Number),
        3 => prop_oneof![Just(1_i64), Just(-1)].prop_map(Change::OffByOne),
        1 => prop::sample::select(vec!["", "x", "body", "headline", "done", "一", "\u{0}"])
            .prop_map(|s| Change::Text(s.to_owned())),
        1 => Just(Change::Null),
        1 => Just(Change::EmptyArray),
        1 => Just(Change::Remove),
    ]
}

fn apply(root: &mut Value, path: &[Step], change: &Change) {
    let Some((last, parents)) = path.split_last() else {
        return; // never the whole document
    };
    let mut v = root;
    for step in parents {
        let next = match (step, v) {
            (Step::Key(k), Value::Object(map)) => map.get_mut(k),
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i),
            _ => None,
        };
        let Some(next) = next else { return };
        v = next;
    }
    if matches!(change, Change::Remove) {
        match (last, v) {
            (Step::Key(k), Value::Object(map)) => {
                map.remove(k);
            }
            (Step::Index(i), Value::Array(items)) if *i < items.len() => {
                items.remove(*i);
            }
            _ => {}
        }
        return;
    }
    let slot = match (last, v) {
        (Step::Key(k), Value::Object(map)) => map.get_mut(k),
        (Step::Index(i), Value::Array(items)) => items.get_mut(*i),
        _ => None,
    };
    let Some(slot) = slot else { return };
    *slot = match change {
        Change::Number(n) => Value::from(*n),
        Change::OffByOne(d) => match slot.as_i64() {
            Some(n) => Value::from(n.saturating_add(*d)),
            None => return,
        },
        Change::Text(s) => Value::from(s.as_str()),
        Change::Null => Value::Null,
        Change::EmptyArray => Value::Array(Vec::new()),
        Change::Remove => return,
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_changed_fixture_is_read_as_a_sound_page_or_refused(
        which in 0_usize..3,
        picks in prop::collection::vec((any::<prop::sample::Index>(), change()), 1..4),
    ) {
        let mut doc = originals().swap_remove(which);
        for (pick, c) in &picks {
            let mut all = Vec::new();
            places(&doc, &mut Vec::new(), &mut all);
            let path = pick.get(&all).clone();
            apply(&mut doc, &path, c);
        }
        let json = doc.to_string();
        let Ok(fixture) = Fixture::from_json(&json) else {
            return Ok(()); // refused, with a message
        };
        let back = Fixture::from_json(&fixture.to_json().map_err(|e| TestCaseError::fail(e.to_string()))?);
        prop_assert_eq!(back.as_ref().ok(), Some(&fixture), "round-trips");
        // The training pair and its records, as `proofdesk export` writes them.
        let _pair = proofdesk::export::pair("p", &fixture);
        let _articles = proofdesk::export::articles("p", &fixture);
        let _lines = proofdesk::export::lines("p", &fixture);
        let page = fixture.into_page();
        let raw: Vec<char> = page.raw.text().chars().collect();
        for a in &page.articles {
            for b in &a.blocks {
                prop_assert!(b.spans.iter().all(|s| s.start <= s.end && s.end <= raw.len()));
            }
        }
        if let Some(g) = page.raw.geometry() {
            let problems = g.problems(raw.len());
            prop_assert!(problems.is_empty(), "{problems:?}");
        }
    }
}

/// The originals are read as they are (the changes start from sound files).
#[test]
fn the_unchanged_fixtures_are_read() {
    for (i, doc) in originals().into_iter().enumerate() {
        let fixture = Fixture::from_json(&doc.to_string());
        assert!(fixture.is_ok(), "fixture {i}: {:?}", fixture.err());
    }
}
