//! The fixture format: round trips and validation errors with JSON paths.

use proofdesk::fixture::{Fixture, FixtureError};
use proofdesk::io::{page_from_bytes, write_fixture};

fn fixture() -> Fixture {
    let page = page_from_bytes("seed_page.txt", include_bytes!("data/seed_page.txt"))
        .expect("seed decodes");
    Fixture::from_page(&page, "2026-11-28T18:00:00Z")
}

fn problems(json: &str) -> Vec<String> {
    match Fixture::from_json(json) {
        Ok(_) => vec![],
        Err(FixtureError::Invalid(ps)) => ps.iter().map(ToString::to_string).collect(),
        Err(e) => vec![e.to_string()],
    }
}

fn tampered(f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v = serde_json::to_value(fixture()).expect("serialises");
    f(&mut v);
    v.to_string()
}

#[test]
fn round_trip_is_equal() {
    let f = fixture();
    let json = f.to_json().expect("serialises");
    let back = Fixture::from_json(&json).expect("a fresh fixture is valid");
    assert_eq!(back, f);
    let page = back.into_page();
    assert_eq!(proofdesk::page::unshared(&page.articles), f.articles);
    assert_eq!(page.raw.sha256(), f.source.sha256);
    assert_eq!(Fixture::from_page(&page, "2026-11-28T18:00:00Z"), f);
}

#[test]
fn written_file_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.proofdesk.json");
    let page = fixture().into_page();
    write_fixture(&page, &path).expect("writes");
    let back = proofdesk::io::read_fixture(&path).expect("reads");
    assert_eq!(back.articles, proofdesk::page::unshared(&page.articles));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("lists").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn wrong_or_future_version() {
    let p = problems(&tampered(|v| v["version"] = 2.into()));
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("$.version: version 2 is newer"), "{p:?}");
    let p = problems(&tampered(|v| v["format"] = "something-else".into()));
    assert!(p[0].starts_with("$.format:"), "{p:?}");
}

#[test]
fn sha256_must_match_the_text() {
    let p = problems(&tampered(|v| v["source"]["text"] = "改过的原文".into()));
    assert!(
        p.iter()
            .any(|m| m.starts_with("$.source.sha256: does not match")),
        "{p:?}"
    );
}

#[test]
fn spans_out_of_bounds() {
    let p = problems(&tampered(|v| {
        v["articles"][2]["blocks"][1]["spans"][0]["end"] = 999_999.into();
    }));
    assert!(
        p.iter()
            .any(|m| m.starts_with("$.articles[2].blocks[1].spans[0]: [")),
        "{p:?}"
    );
}

#[test]
fn unedited_text_must_match_its_spans() {
    let p = problems(&tampered(|v| {
        v["articles"][0]["blocks"][0]["text"] = "另一个标题".into();
    }));
    assert_eq!(
        p,
        vec![
            "$.articles[0].blocks[0].text: differs from the raw text under its spans (beyond whitespace) but `edited` is false"
        ]
    );
    // Marked as edited, the same text is fine.
    let p = problems(&tampered(|v| {
        v["articles"][0]["blocks"][0]["text"] = "另一个标题".into();
        v["articles"][0]["blocks"][0]["edited"] = true.into();
    }));
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn unknown_role_and_kind() {
    let p = problems(&tampered(|v| {
        v["articles"][1]["blocks"][0]["role"] = "title".into();
    }));
    assert_eq!(p.len(), 1);
    assert!(
        p[0].starts_with("$.articles[1].blocks[0].role: unknown variant `title`"),
        "{p:?}"
    );
    let p = problems(&tampered(|v| v["proposal"][0]["kind"] = "story".into()));
    assert!(
        p[0].starts_with("$.proposal[0].kind: unknown variant `story`"),
        "{p:?}"
    );
}

#[test]
fn duplicate_ids_and_truncated_files() {
    let p = problems(&tampered(|v| v["articles"][1]["id"] = "a1".into()));
    assert!(
        p.iter().any(|m| m.starts_with("$.articles[1].id:")),
        "{p:?}"
    );
    let json = fixture().to_json().expect("serialises");
    let half: String = json.chars().take(json.chars().count() / 2).collect();
    let err = Fixture::from_json(&half).expect_err("truncated");
    assert!(matches!(err, FixtureError::Json(_)), "{err}");
    assert!(err.to_string().contains("damaged"), "{err}");
}
