//! The bundled seed page: its text output (insta snapshot), its gold
//! correction, and the same output for every supported encoding.

use proofdesk::io::{page_from_bytes, read_fixture};
use proofdesk::page::RawText;

const SEED: &[u8] = include_bytes!("data/seed_page.txt");

fn seed_text() -> String {
    page_from_bytes("seed_page.txt", SEED)
        .expect("the seed decodes")
        .to_text()
}

#[test]
fn seed_text_output() {
    insta::assert_snapshot!("seed_page_text", seed_text());
}

#[test]
fn every_encoding_gives_the_same_text() {
    let text = std::str::from_utf8(SEED).expect("the seed is UTF-8");
    let expected = seed_text();
    let mut variants: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SEED);
    variants.push(("utf-8 bom", bom));
    variants.push(("crlf", text.replace('\n', "\r\n").into_bytes()));
    variants.push(("cr", text.replace('\n', "\r").into_bytes()));
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    variants.push(("utf-16le", le));
    variants.push(("utf-16be", be));
    variants.push(("gb18030", encoding_rs::GB18030.encode(text).0.into_owned()));
    for (name, bytes) in variants {
        let page =
            page_from_bytes("seed_page.txt", &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(page.to_text(), expected, "{name} gives other text");
        assert_eq!(
            page.raw.sha256(),
            RawText::new("x", text, page.raw.encoding, page.raw.line_ending).sha256()
        );
    }
}

/// The hand-corrected seed belongs to the bundled page; its accuracy floors
/// are in `tests/eval_fixtures.rs`.
#[test]
fn seed_gold_belongs_to_the_bundled_page() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seed_page.proofdesk.json");
    let gold = read_fixture(&path).expect("the seed's gold fixture is valid");
    assert_eq!(gold.status, proofdesk::page::Status::Done);
    let proposal = page_from_bytes("seed_page.txt", SEED).expect("the seed decodes");
    assert_eq!(
        gold.source.sha256,
        proposal.raw.sha256(),
        "the gold belongs to the bundled seed"
    );
    assert_eq!(gold.articles.len(), 15);
}
