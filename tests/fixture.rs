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
            "$.articles[0].blocks[0].text: differs from the raw text under its spans (beyond whitespace and repaired punctuation) but `edited` is false"
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
        p[0].starts_with("$.articles[1].blocks[0].role: `title` is no name this Proofdesk"),
        "{p:?}"
    );
    // The few roles it knows are listed.
    assert!(p[0].contains("`headline`"), "{p:?}");
    let p = problems(&tampered(|v| v["proposal"][0]["kind"] = "story".into()));
    assert!(
        p[0].starts_with("$.proposal[0].kind: `story` is no name this Proofdesk"),
        "{p:?}"
    );
}

#[test]
fn a_rule_or_choice_a_newer_proofdesk_wrote_is_named_with_what_to_do() {
    let mut v = serde_json::to_value(fixture()).expect("serialises");
    assert!(
        v["review"]["doubts"]
            .as_array()
            .is_some_and(|d| !d.is_empty()),
        "the page has doubts"
    );
    v["review"]["doubts"][0]["evidence"] = "a_rule_from_the_future".into();
    let p = problems(&v.to_string());
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with(
            "$.review.doubts[0].evidence: `a_rule_from_the_future` is no rule this Proofdesk"
        ),
        "{p:?}"
    );
    assert!(p[0].contains("update Proofdesk"), "{p:?}");
    // Not the list of every rule it knows.
    assert!(!p[0].contains("mid_sentence"), "{p:?}");
    v["review"]["doubts"][0]["evidence"] = "mid_sentence".into();
    v["review"]["doubts"][0]["chosen"] = "a_choice_from_the_future".into();
    let p = problems(&v.to_string());
    assert!(
        p.iter().any(|m| m.starts_with(
            "$.review.doubts[0].chosen: `a_choice_from_the_future` is no choice this Proofdesk"
        ) && m.contains("update Proofdesk")),
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

/// The fixture's JSON with `member` (`"key":value`, written as is) added to
/// the object at `pointer`, so that keys can be repeated.
fn with_member(pointer: &str, member: &str) -> String {
    let mut v = serde_json::to_value(fixture()).expect("serialises");
    v.pointer_mut(pointer)
        .and_then(serde_json::Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {pointer}"))
        .insert("__member__".to_owned(), 0.into());
    let json = v.to_string();
    assert!(
        json.contains(r#""__member__":0"#),
        "the marker is written compactly"
    );
    json.replacen(r#""__member__":0"#, member, 1)
}

#[test]
fn duplicate_keys_are_refused_at_every_level() {
    for (pointer, member, path) in [
        ("", r#""status":"done""#, "$.status"),
        ("/source", r#""file_name":"x.txt""#, "$.source.file_name"),
        ("/articles/0", r#""kind":"article""#, "$.articles[0].kind"),
        (
            "/articles/0/blocks/1",
            r#""edited":true"#,
            "$.articles[0].blocks[1].edited",
        ),
        (
            "/proposal/1/blocks/0/spans/0",
            r#""end":3"#,
            "$.proposal[1].blocks[0].spans[0].end",
        ),
        (
            "/provenance",
            r#""modified":"2026-11-29T00:00:00Z""#,
            "$.provenance.modified",
        ),
        (
            "/review",
            r#""decisions_made":1"#,
            "$.review.decisions_made",
        ),
        (
            "/review/doubts/0",
            r#""resolution":"accepted""#,
            "$.review.doubts[0].resolution",
        ),
        (
            "/review/doubts/0",
            r#""kind":"role""#,
            "$.review.doubts[0].kind",
        ),
    ] {
        let p = problems(&with_member(pointer, member));
        assert_eq!(p.len(), 1, "{member} at {pointer}: {p:?}");
        assert!(
            p[0].starts_with(&format!("{path}: duplicate field")),
            "{member} at {pointer}: {p:?}"
        );
    }
}

#[test]
fn unknown_fields_are_refused_with_their_path() {
    for (pointer, member, path) in [
        ("", r#""statsu":"done""#, "$.statsu"),
        (
            "/articles/0/blocks/1",
            r#""edted":true"#,
            "$.articles[0].blocks[1].edted",
        ),
        ("/articles/2", r#""title":"x""#, "$.articles[2].title"),
        (
            "/articles/0/blocks/0/spans/0",
            r#""length":3"#,
            "$.articles[0].blocks[0].spans[0].length",
        ),
        (
            "/review/doubts/0",
            r#""resolutoin":"accepted""#,
            "$.review.doubts[0].resolutoin",
        ),
    ] {
        let p = problems(&with_member(pointer, member));
        assert_eq!(p.len(), 1, "{member} at {pointer}: {p:?}");
        assert!(
            p[0].starts_with(&format!("{path}: unknown field")),
            "{member} at {pointer}: {p:?}"
        );
    }
}

#[test]
fn source_text_holds_no_nul_and_no_carriage_return() {
    for (bad, what) in [("标题\r\n正文", "carriage return"), ("标题\0正文", "NUL")] {
        let p = problems(&tampered(|v| {
            v["source"]["text"] = bad.into();
            v["source"]["sha256"] = proofdesk::page::sha256_hex(bad).into();
            v["articles"] = serde_json::json!([]);
            v["proposal"] = serde_json::json!([]);
            v["review"]["doubts"] = serde_json::json!([]);
        }));
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("$.source.text: "), "{p:?}");
        assert!(p[0].contains(what), "{p:?}");
    }
}

#[test]
fn dates_must_be_rfc3339_utc() {
    for bad in [
        "yesterday",
        "",
        "2026-11-28",
        "2026-11-28 18:40:00Z",
        "2026-11-28T18:40:00",
        "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z",
        "2026-11-31T00:00:00Z",
        "2026-11-28T24:00:00Z",
        "2026-11-28T18:60:00Z",
        "2026-11-28T18:40:61Z",
        "2026-11-28T18:40:00+08:00",
        "2026-11-28T18:40:00.Z",
        "2026-1-28T18:40:00Z",
    ] {
        let p = problems(&tampered(|v| v["provenance"]["modified"] = bad.into()));
        assert_eq!(p.len(), 1, "{bad:?}: {p:?}");
        assert!(
            p[0].starts_with("$.provenance.modified: "),
            "{bad:?}: {p:?}"
        );
        let p = problems(&tampered(|v| v["provenance"]["created"] = bad.into()));
        assert!(
            p.len() == 1 && p[0].starts_with("$.provenance.created: "),
            "{bad:?}: {p:?}"
        );
    }
    for good in [
        "2026-11-28T18:40:00Z",
        "2024-02-29T23:59:59Z",
        "2026-11-28T18:40:00.123456Z",
        "2026-11-28T18:40:00+00:00",
        "2016-12-31T23:59:60Z",
    ] {
        let p = problems(&tampered(|v| {
            v["provenance"]["created"] = good.into();
            v["provenance"]["modified"] = good.into();
        }));
        assert!(p.is_empty(), "{good:?}: {p:?}");
    }
}

#[test]
fn doubt_choices_must_fit_the_doubt_kind() {
    let doubt = |kind: &str, chosen: &str, alternative: &str| {
        problems(&tampered(|v| {
            let d = &mut v["review"]["doubts"][0];
            d["kind"] = kind.into();
            d["chosen"] = chosen.into();
            d["alternative"] = alternative.into();
        }))
    };
    for (kind, chosen, alternative) in [
        ("line_end", "join", "break"),
        ("space", "remove", "keep"),
        ("boundary", "new_article", "same_article"),
        ("attachment", "attach_before", "attach_after"),
        ("role", "kicker", "headline"),
    ] {
        let p = doubt(kind, chosen, alternative);
        assert!(p.is_empty(), "{kind} {chosen} {alternative}: {p:?}");
    }
    for (kind, chosen, alternative, path) in [
        ("line_end", "headline", "break", "chosen"),
        ("line_end", "join", "keep", "alternative"),
        ("space", "join", "keep", "chosen"),
        ("boundary", "same_article", "attach_after", "alternative"),
        ("attachment", "body", "attach_after", "chosen"),
        ("role", "headline", "new_article", "alternative"),
        ("line_end", "join", "join", "alternative"),
        ("role", "body", "body", "alternative"),
    ] {
        let p = doubt(kind, chosen, alternative);
        assert_eq!(p.len(), 1, "{kind} {chosen} {alternative}: {p:?}");
        assert!(
            p[0].starts_with(&format!("$.review.doubts[0].{path}: ")),
            "{kind} {chosen} {alternative}: {p:?}"
        );
    }
}

#[test]
fn missing_fields_are_named_even_where_null_is_allowed() {
    for (pointer, key, path) in [
        (
            "/review/doubts/0",
            "resolution",
            "$.review.doubts[0].resolution",
        ),
        ("/review/doubts/0", "before", "$.review.doubts[0].before"),
        ("/review/doubts/1", "after", "$.review.doubts[1].after"),
        ("/articles/1", "id", "$.articles[1].id"),
        ("/source", "sha256", "$.source.sha256"),
    ] {
        let p = problems(&tampered(|v| {
            v.pointer_mut(pointer)
                .and_then(serde_json::Value::as_object_mut)
                .and_then(|o| o.remove(key))
                .unwrap_or_else(|| panic!("{pointer} has {key}"));
        }));
        assert_eq!(p.len(), 1, "{path}: {p:?}");
        assert!(
            p[0].starts_with(&format!("{path}: missing field `{key}`")),
            "{p:?}"
        );
    }
}

#[test]
fn a_fixture_is_written_one_line_per_block_and_per_doubt() {
    let f = fixture();
    let json = f.to_json().expect("serialises");
    let blocks: usize = f.articles.iter().map(|a| a.blocks.len()).sum::<usize>()
        + f.proposal.iter().map(|a| a.blocks.len()).sum::<usize>();
    let doubts = f.review.as_ref().map_or(0, |r| r.doubts.len());
    assert!(
        blocks > 10 && doubts > 10,
        "{blocks} blocks, {doubts} doubts"
    );
    let lines: Vec<&str> = json.lines().collect();
    let block_lines = lines
        .iter()
        .filter(|l| l.trim_start().starts_with("{\"role\":"))
        .count();
    let doubt_lines = lines
        .iter()
        .filter(|l| l.trim_start().starts_with("{\"kind\":"))
        .count();
    assert_eq!(block_lines, blocks, "each block on its own line");
    assert_eq!(doubt_lines, doubts, "each doubt on its own line");
    // Every line is short except those holding one block, one doubt or the
    // raw text: nothing else is run together.
    for l in &lines {
        let t = l.trim_start();
        assert!(
            t.len() < 100
                || t.starts_with("{\"role\":")
                || t.starts_with("{\"kind\":")
                || t.starts_with("\"text\":"),
            "a long line of something else: {}",
            t.chars().take(80).collect::<String>()
        );
    }
    assert!(json.ends_with("}\n"), "ends with a newline");
    let pretty = serde_json::to_string_pretty(&f).expect("serialises");
    assert!(
        json.len() * 10 < pretty.len() * 9,
        "at least 10% smaller than fully pretty JSON: {} vs {}",
        json.len(),
        pretty.len()
    );
    let mut streamed = Vec::new();
    f.write_json(&mut streamed).expect("streams");
    assert_eq!(streamed, json.as_bytes(), "streamed as written");
}
