//! Replays the fuzz corpus (`fuzz/corpus/*`) through the fuzz targets'
//! checks, so that every input the fuzzers kept stays a regression test.

use std::path::Path;

use proofdesk::fixture::{Fixture, coverage_problems};

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
