//! Replays the fuzz corpus (`fuzz/corpus/*`) through the fuzz targets'
//! checks, so that every input the fuzzers kept stays a regression test.

use std::path::Path;

use proofdesk::fixture::{Fixture, coverage_problems};

/// The `queue` target's check, the same file the fuzz target runs.
#[cfg(unix)]
#[path = "../fuzz/common/queue_folder.rs"]
mod queue_folder;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let path = e.expect("entry").path();
            let bytes = std::fs::read(&path).expect("reads");
            (path.display().to_string(), bytes)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "the {target} corpus has seeds");
    out
}

#[test]
fn decode_corpus() {
    for (name, bytes) in inputs("decode") {
        if let Ok(d) = proofdesk::decode::decode(&bytes) {
            assert!(!d.text.contains('\r'), "{name}");
        }
    }
}

#[test]
fn normalize_corpus() {
    for (name, bytes) in inputs("normalize") {
        let Ok(page) = proofdesk::io::page_from_bytes("fuzz.txt", &bytes) else {
            continue;
        };
        let raw: Vec<char> = page.raw.text().chars().collect();
        let problems = coverage_problems(&raw, &page.articles);
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
}

#[test]
fn fixture_corpus() {
    let mut valid = 0;
    for (name, bytes) in inputs("fixture") {
        let Ok(json) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Ok(f) = Fixture::from_json(json) {
            let again = Fixture::from_json(&f.to_json().expect("serialises")).expect("round-trips");
            assert_eq!(again, f, "{name}");
            valid += 1;
        }
    }
    assert!(valid >= 1, "the corpus holds at least one valid fixture");
}

#[cfg(unix)]
#[test]
fn queue_corpus() {
    use proofdesk::queue::PageState;
    let mut seen = std::collections::BTreeSet::new();
    for (name, bytes) in inputs("queue") {
        // The check names the entry at fault; this names the input.
        eprintln!("queue: {name}");
        for (page, state, reviewed) in queue_folder::check(&bytes) {
            eprintln!("  {page:?}: {} {reviewed}", state.name());
            seen.insert((state.name(), reviewed));
        }
    }
    for state in [
        PageState::New,
        PageState::Draft,
        PageState::Done,
        PageState::Damaged,
    ] {
        assert!(
            seen.contains(&(state.name(), false)),
            "the corpus holds a {} page: {seen:?}",
            state.name()
        );
    }
    assert!(
        seen.contains(&(PageState::Draft.name(), true)),
        "the corpus holds a reviewed page: {seen:?}"
    );
}
