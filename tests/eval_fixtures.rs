//! `proofdesk eval` over the corrected pages in `tests/fixtures/`: the seed
//! page (corrected by hand) and two constructed pages of other layouts
//! (`tests/make_fixtures.rs`). Each figure must stay at or above the value
//! recorded here when the rules last changed, so a change to the normalizer
//! can only keep or raise accuracy. Raise a floor when a change improves it.

use proofdesk::eval::{Scores, eval_fixture};
use proofdesk::export::done_fixtures;

/// page, spacing errors (at most), break F1, articles exact, headlines attached, role accuracy.
const FLOORS: [(&str, usize, f64, usize, usize, f64); 3] = [
    ("layout_before_col.txt", 0, 0.960, 8, 6, 0.990),
    ("layout_wide_gb18030.txt", 0, 0.981, 6, 4, 0.979),
    ("seed_page", 0, 0.994, 15, 13, 1.000),
];

#[test]
fn fixtures_keep_their_recorded_accuracy() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let pages = done_fixtures(&dir).expect("the fixtures load");
    assert_eq!(
        pages.len(),
        FLOORS.len(),
        "every done fixture has its floors recorded"
    );
    let mut total = Scores::default();
    println!("{}", Scores::table_header());
    for (id, fixture) in &pages {
        let s = eval_fixture(fixture);
        println!("{}", s.table_row(id));
        total.add(&s);
        let &(_, spacing, f1, exact, attached, roles) = FLOORS
            .iter()
            .find(|f| f.0 == id)
            .unwrap_or_else(|| panic!("no floors recorded for {id}"));
        assert!(
            s.spacing_errors <= spacing,
            "{id}: spacing errors {} > {spacing}",
            s.spacing_errors
        );
        assert!(
            s.break_f1() >= f1 - 5e-4,
            "{id}: break F1 {:.4} < {f1}",
            s.break_f1()
        );
        assert!(
            s.articles_exact >= exact,
            "{id}: articles exact {} < {exact}",
            s.articles_exact
        );
        assert!(
            s.stacks_attached >= attached,
            "{id}: headlines attached {} < {attached}",
            s.stacks_attached
        );
        assert!(
            s.role_accuracy() >= roles - 5e-4,
            "{id}: roles {:.4} < {roles}",
            s.role_accuracy()
        );
    }
    println!("{}", total.table_row("**total**"));
    println!("{}", total.decisions.table());
    // Doubts: errors that fall on a doubt (at least), decisions doubted (at most).
    let d = total.decisions.all;
    // Recall, not a count: fewer errors (18 of them since the issue-11
    // title rules, 22 before) must not fail the bar. 16 of the 18 since the
    // confidence is measured on devpages: the wide page's headline read into
    // the next paragraph is a mid-sentence join and a body role, rules that
    // err on under 1% of their devpages decisions. 16 of 19 since glued
    // headlines of two glyphs are split: `title_wrap`, measured 1 error in
    // 40 devpages decisions (38 before), now rounds to the doubt cut (98%),
    // so the wide page's title wrap is no longer doubted. 13 of 15 since a
    // line spaced throughout is letter-spaced (session 17): the three
    // spacing errors it mended (`走  基  层`, `11 月 21 日 至 22 日`) were
    // doubted `title_phrase` ones, and the wide page's title wrap, read
    // with the same letter spacing, is mended too. 10 of 12 since a word
    // read across a line end joins the lines (`word_reads_on`, session 19):
    // the seven errors it mended were all doubted; the two undoubted ones
    // are the same.
    assert!(
        d.error_recall() >= 0.83,
        "errors on doubts {}/{} fell below 83%",
        d.flagged_errors,
        d.errors
    );
    assert!(
        d.flagged_share() <= 0.054,
        "decisions doubted {:.2}% rose above 5.4%",
        100.0 * d.flagged_share()
    );
}

#[test]
fn constructed_pages_differ_from_the_seed_layout() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let a = std::fs::read(dir.join("layout_wide_gb18030.txt")).expect("page");
    let page = proofdesk::io::page_from_bytes("p", &a).expect("decodes");
    assert_eq!(page.raw.encoding, proofdesk::decode::Encoding::Gb18030);
    assert_eq!(page.raw.line_ending, proofdesk::decode::LineEnding::Crlf);
}
