//! Rebuilds the constructed test pages in `tests/fixtures/`: the seed page's
//! own sentences laid out again as other papers and extractors would (other
//! column widths, headlines before the body, spaces on both sides of
//! punctuation, no blank lines, CRLF, GB18030), with their gold correction
//! known from the construction. No corpus text is used.
//!
//! Run `cargo test --test make_fixtures -- --ignored` to regenerate them;
//! the files are committed and checked by `tests/eval_fixtures.rs`.

mod common;

use std::io::Write as _;
use std::path::Path;

use common::gold_articles;
use common::synth::{SynthPage, build_pages};
use proofdesk::fixture::Fixture;
use proofdesk::io::page_from_bytes;
use proofdesk::page::{Role, Status};

/// The seed's sentences, one JSON object per line, as the generator reads them.
fn seed_sentences(dir: &Path) -> std::path::PathBuf {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed_page.proofdesk.json");
    let gold = proofdesk::io::read_fixture(&path).expect("the seed's gold fixture");
    let out = dir.join("seed_sentences.jsonl");
    let mut file = std::fs::File::create(&out).expect("temp file");
    for a in &gold.articles {
        for b in a.blocks.iter().filter(|b| b.role == Role::Body) {
            for s in b.text.split_inclusive('。') {
                // Drop datelines; the generator makes its own.
                if s.chars().count() >= 10 && !s.contains("本报讯") && !s.contains("记者") {
                    writeln!(file, "{}", serde_json::json!({ "text": s })).expect("writes");
                }
            }
        }
    }
    out
}

fn write_page(page: &SynthPage, name: &str, gb18030: bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bytes = if gb18030 {
        encoding_rs::GB18030.encode(&page.raw).0.into_owned()
    } else {
        page.raw.clone().into_bytes()
    };
    std::fs::write(dir.join(name), &bytes).expect("writes the page");
    let mut doc = page_from_bytes(name, &bytes).expect("the page decodes");
    let want = page.raw.replace("\r\n", "\n");
    assert_eq!(doc.raw.text(), want, "{name} decodes to the text written");
    let raw: Vec<char> = doc.raw.text().chars().collect();
    let articles = gold_articles(&raw, &page.gold);
    doc.articles = proofdesk::page::shared(articles);
    doc.status = Status::Done;
    doc.created = Some("2026-11-28T19:00:00Z".to_owned());
    let fixture = Fixture::from_page(&doc, "2026-11-28T19:00:00Z");
    let json = fixture.to_json().expect("serialises");
    Fixture::from_json(&json).expect("the constructed fixture is valid");
    std::fs::write(dir.join(format!("{name}.proofdesk.json")), json).expect("writes the fixture");
    println!("{name}: {}", page.layout);
}

#[test]
#[ignore = "regenerates committed files"]
fn make_constructed_pages() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = seed_sentences(tmp.path());
    let pages = build_pages(&corpus, 400, 11).expect("the generator runs");
    let has = |p: &&SynthPage, words: &[&str]| words.iter().all(|w| p.layout.contains(w));
    let a = pages
        .iter()
        .find(|p| {
            has(
                p,
                &["headlines=before", "spacing=both-sides", "blanklines=no"],
            ) && p.gold.len() >= 5
        })
        .expect("a headlines-before page");
    let b = pages
        .iter()
        .find(|p| {
            has(p, &["headlines=after", "eol=crlf"])
                && p.layout.starts_with("col=2")
                && p.gold.len() >= 5
        })
        .expect("a wide-column CRLF page");
    write_page(a, "layout_before_col.txt", false);
    write_page(b, "layout_wide_gb18030.txt", true);
}
