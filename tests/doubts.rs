//! The doubt walk on the corrected pages in `tests/fixtures/`: an editor who
//! only presses "next doubt", then accept or flip, as the gold correction
//! says, on a fresh proposal of each page. On the seed and the
//! headlines-before page this reaches the gold correction exactly (kind,
//! role and text of every block); on the wide page, all but one headline
//! that no doubt marks.
//!
//! `DOUBTS_TRACE=wide` prints every step of the walk on the pages whose file
//! name contains `wide`; `DOUBTS_DUMP=DIR` writes each walked page as a
//! fixture (gold as its proposal) for diffing.

use proofdesk::doubt::{BlockIndex, outcome};
use proofdesk::edit::{Action, Editor};
use proofdesk::eval::{Scores, compare};
use proofdesk::export::done_fixtures;
use proofdesk::fixture::Fixture;
use proofdesk::page::{Article, ArticleKind, RawText, Role};

/// Walks every doubt of a fresh proposal of the fixture's page, accepting or
/// flipping as gold says. Returns the editor and the number of flips.
fn walk(f: &Fixture) -> (Editor, usize) {
    let raw = RawText::new(
        &f.source.file_name,
        &f.source.text,
        f.source.encoding,
        f.source.line_ending,
    );
    let chars: Vec<char> = f.source.text.chars().collect();
    let gold_index = BlockIndex::new(&f.articles);
    let mut editor = Editor::new(proofdesk::propose_page(raw));
    let mut flips = 0;
    let mut at = None;
    while let Some(i) = editor.page().review.next_open(at) {
        let d = editor.page().review.doubts[i];
        let now = editor.doubt_outcomes()[i];
        let gold = outcome(&f.articles, &gold_index, &chars, &d);
        let action = if gold.is_some() && gold != now && gold == Some(d.alternative) {
            flips += 1;
            Action::FlipDoubt(i)
        } else {
            Action::AcceptDoubt(i)
        };
        let trace = std::env::var("DOUBTS_TRACE").ok();
        if trace.is_some_and(|t| f.source.file_name.contains(&t)) {
            let ctx: String = chars[d.at.saturating_sub(4)..(d.at + 6).min(chars.len())]
                .iter()
                .filter(|c| !c.is_whitespace())
                .collect();
            println!(
                "{i} {:?} {} chosen {} now {:?} gold {:?} {:?} [{ctx}]",
                d.kind,
                d.evidence.name(),
                d.chosen.name(),
                now.map(|c| c.name()),
                gold.map(|c| c.name()),
                matches!(action, Action::FlipDoubt(_))
            );
        }
        editor.apply(action).expect("accept and flip apply");
        at = Some(i);
    }
    (editor, flips)
}

fn shape(articles: &[Article]) -> Vec<(ArticleKind, Vec<(Role, String)>)> {
    articles
        .iter()
        .map(|a| {
            (
                a.kind,
                a.blocks.iter().map(|b| (b.role, b.text.clone())).collect(),
            )
        })
        .collect()
}

fn fixtures() -> Vec<(String, Fixture)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    done_fixtures(&dir).expect("the fixtures load")
}

fn scores(f: &Fixture, articles: &[Article]) -> Scores {
    let chars: Vec<char> = f.source.text.chars().collect();
    compare(&chars, &f.articles, articles)
}

#[test]
fn walking_the_doubts_reaches_the_gold_of_every_corrected_page() {
    let pages = fixtures();
    assert_eq!(pages.len(), 3, "the seed and the two constructed pages");
    for (id, f) in pages {
        let before = scores(
            &f,
            &proofdesk::page::unshared(
                &proofdesk::propose_page(f.clone().into_page().raw).articles,
            ),
        );
        let (editor, flips) = walk(&f);
        let walked = proofdesk::page::unshared(&editor.page().articles);
        let after = scores(&f, &walked);
        println!(
            "{id}: {flips} flips; articles exact {} -> {} of {}; spacing errors {} -> {}",
            before.articles_exact,
            after.articles_exact,
            after.articles,
            before.spacing_errors,
            after.spacing_errors
        );
        if let Some(dir) = std::env::var_os("DOUBTS_DUMP") {
            let mut out = Fixture::from_page(editor.page(), "2026-01-01T00:00:00Z");
            out.proposal = f.articles.clone();
            let json = out.to_json().expect("serialises");
            std::fs::write(std::path::Path::new(&dir).join(format!("{id}.json")), json)
                .expect("dump");
        }
        assert!(flips >= 1, "{id}: the proposal has an error to flip");
        assert!(
            before.articles_exact < before.articles || id == "seed_page",
            "{id}"
        );
        assert!(editor.page().review.is_reviewed(), "{id}");
        if id == "layout_wide_gb18030.txt" {
            // Its headline printed after its body and read into the next
            // paragraph is no doubt since confidence is measured on the
            // devpages (a mid-sentence join and a body role, wrong on under
            // 1% there): the walk fixes the spacing and the rest, not it.
            assert_eq!(after.spacing_errors, 0, "{id}");
            assert!(after.articles_exact >= 6, "{id}");
            assert!(after.role_accuracy() > before.role_accuracy(), "{id}");
        } else {
            assert_eq!(shape(&walked), shape(&f.articles), "{id}");
        }
    }
}
