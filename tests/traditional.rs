//! A page printed in traditional characters (Hong Kong, Taiwan, overseas
//! papers, archives from before 1956) is proposed as the same page in
//! simplified characters: the rules' words (`本報訊`, `記者`, `攝`,
//! `責任編輯`) are read in either script, and corner quotes (「」『』) as
//! quotes.
//!
//! `tests/fixtures/seed_traditional.txt` is the seed page converted char for
//! char by `tests/data/to_traditional.py --corner-quotes`, so every raw
//! offset is where it was in `tests/data/seed_page.txt`.

use std::collections::HashMap;

use proofdesk::io::page_from_bytes;
use proofdesk::page::Page;

const SEED: &[u8] = include_bytes!("data/seed_page.txt");
const SEED_TRADITIONAL: &[u8] = include_bytes!("fixtures/seed_traditional.txt");

fn page(name: &str, bytes: &[u8]) -> Page {
    page_from_bytes(name, bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The char each simplified raw char became, offset by offset; one
/// traditional char per simplified char, or the conversion was not char
/// for char.
fn conversion(simplified: &Page, traditional: &Page) -> HashMap<char, char> {
    let (s, t) = (simplified.raw.text(), traditional.raw.text());
    assert_eq!(s.chars().count(), t.chars().count(), "not char for char");
    let mut map = HashMap::new();
    for (a, b) in s.chars().zip(t.chars()) {
        let was = *map.entry(a).or_insert(b);
        assert_eq!(was, b, "{a} became both {was} and {b}");
    }
    map
}

#[test]
fn a_page_in_traditional_characters_is_proposed_as_in_simplified() {
    let simplified = page("seed_page.txt", SEED);
    let traditional = page("seed_traditional.txt", SEED_TRADITIONAL);
    let map = conversion(&simplified, &traditional);
    // The conversion reaches the words the rules read, and the quotes.
    for (s, t) in [
        ('报', '報'),
        ('讯', '訊'),
        ('记', '記'),
        ('摄', '攝'),
        ('为', '為'),
        ('“', '「'),
    ] {
        assert_eq!(map.get(&s), Some(&t), "the fixture has no {t} for {s}");
    }
    assert_eq!(simplified.articles.len(), traditional.articles.len());
    for (a, b) in simplified.articles.iter().zip(&traditional.articles) {
        assert_eq!((&a.id, a.kind), (&b.id, b.kind));
        assert_eq!(a.blocks.len(), b.blocks.len(), "article {}", a.id);
        for (x, y) in a.blocks.iter().zip(&b.blocks) {
            assert_eq!((x.role, &x.spans), (y.role, &y.spans), "{}", y.text);
            let converted: String = x
                .text
                .chars()
                .map(|c| map.get(&c).copied().unwrap_or(c))
                .collect();
            assert_eq!(converted, y.text);
        }
    }
    // The same doubts, at the same places, by the same rules.
    let doubts = |p: &Page| -> Vec<(usize, String)> {
        p.review
            .doubts
            .iter()
            .map(|d| (d.at, d.evidence.name().to_owned()))
            .collect()
    };
    assert_eq!(doubts(&simplified), doubts(&traditional));
    // And every decision, the sure ones too: a word that runs across a line
    // break is read in either script (`word_reads_on`, through the word
    // table's simplified forms).
    let decisions = |p: &Page| -> Vec<(usize, String, String)> {
        proofdesk::segment::propose_recording(&p.raw, proofdesk::decision::Record::All)
            .decisions
            .list
            .iter()
            .map(|d| {
                (
                    d.at,
                    format!("{:?}", d.chosen),
                    d.evidence.name().to_owned(),
                )
            })
            .collect()
    };
    let (s, t) = (decisions(&simplified), decisions(&traditional));
    let reads_on = s.iter().filter(|d| d.2 == "word_reads_on").count();
    assert!(
        reads_on >= 1,
        "{reads_on} words read on across a line break"
    );
    assert_eq!(s, t);
}

#[test]
fn a_page_in_big5_reads_as_the_same_page() {
    let text = std::str::from_utf8(SEED_TRADITIONAL).expect("UTF-8");
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(text);
    assert!(!unmappable, "every char of the fixture is in Big5");
    let big5 = page("seed_big5.txt", &bytes);
    let utf8 = page("seed_traditional.txt", SEED_TRADITIONAL);
    assert_eq!(big5.raw.encoding, proofdesk::decode::Encoding::Big5);
    assert_eq!(big5.raw.text(), utf8.raw.text());
    assert_eq!(big5.articles, utf8.articles);
}

#[test]
fn datelines_credits_and_captions_in_traditional_characters_are_found() {
    let text = "全國人大代表會議閉幕\n\n本報北京6月15日電（記者 王鳳俠）會議今天在京閉幕，代表們\n\n審議通過了報告。\n\n代表們在會場外合影   本報記者 李擁軍 攝\n\n□本報記者 張三\n";
    let p = page("t.txt", text.as_bytes());
    let roles: Vec<(proofdesk::page::Role, &str)> = p
        .articles
        .iter()
        .flat_map(|a| a.blocks.iter().map(|b| (b.role, b.text.as_str())))
        .collect();
    use proofdesk::page::Role;
    assert!(
        roles.contains(&(Role::Headline, "全國人大代表會議閉幕")),
        "{roles:?}"
    );
    assert!(
        roles.iter().any(|&(r, t)| r == Role::Body
            && t.starts_with("本報北京6月15日電（記者 王鳳俠）會議今天在京閉幕，代表們審議")),
        "the dateline opens the body, its credit's space kept, the line joined: {roles:?}"
    );
    assert!(
        roles.contains(&(Role::Caption, "代表們在會場外合影 本報記者 李擁軍 攝")),
        "{roles:?}"
    );
    assert!(
        roles.contains(&(Role::Byline, "□本報記者 張三")),
        "{roles:?}"
    );
}
