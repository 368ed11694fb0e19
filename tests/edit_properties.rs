//! The editor never loses an edit: any sequence of actions on a real page
//! (indices in and out of range, text of any shape) leaves a page that
//! saves as a valid fixture after every step, an action refused leaves the
//! page as it was, and undoing every step gives the proposal back, redoing
//! them the page as edited.

use proofdesk::edit::{Action, BlockRef, Editor};
use proofdesk::fixture::Fixture;
use proofdesk::page::{ArticleKind, Page, Role, Status};
use proptest::prelude::*;

mod support;

/// The seed page as proposed, and an OCR page with its boxes.
fn pages() -> Vec<Page> {
    vec![
        proofdesk::io::page_from_bytes("seed_page.txt", support::SEED.as_bytes()).expect("reads"),
        proofdesk::io::page_from_bytes("p.xml", support::OCR_PAGE.as_bytes()).expect("reads"),
    ]
}

fn at() -> impl Strategy<Value = BlockRef> {
    (0_usize..20, 0_usize..12).prop_map(|(a, b)| BlockRef::new(a, b))
}

fn role() -> impl Strategy<Value = Role> {
    prop::sample::select(Role::ALL.to_vec())
}

fn kind() -> impl Strategy<Value = ArticleKind> {
    prop::sample::select(ArticleKind::ALL.to_vec())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[一-龥，。“”]{0,12}",
        Just(String::new()),
        Just(" ".to_owned()),
        Just("  两个  空格  ".to_owned()),
        Just("a\nb".to_owned()),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        (at(), role()).prop_map(|(at, role)| Action::SetRole { at, role }),
        (0_usize..20, kind()).prop_map(|(article, kind)| Action::SetArticleKind { article, kind }),
        at().prop_map(|at| Action::SplitArticle { at }),
        (0_usize..20).prop_map(|article| Action::MergeWithPrevious { article }),
        (0_usize..20).prop_map(|article| Action::MergeWithNext { article }),
        (at(), at()).prop_map(|(from, to)| Action::MoveBlock { from, to }),
        (0_usize..20, 0_usize..20).prop_map(|(from, to)| Action::MoveArticle { from, to }),
        (at(), 0_usize..80).prop_map(|(at, char_index)| Action::SplitBlock { at, char_index }),
        at().prop_map(|at| Action::JoinWithNext { at }),
        (at(), text()).prop_map(|(at, text)| Action::EditText { at, text }),
        (
            text(),
            text(),
            prop::collection::vec((at(), 0_usize..40), 0..3)
        )
            .prop_map(|(from, to, places)| Action::ReplaceAt { from, to, places }),
        prop::sample::select(vec![Status::Auto, Status::Draft, Status::Done])
            .prop_map(Action::SetStatus),
        (0_usize..60).prop_map(Action::AcceptDoubt),
        (0_usize..60).prop_map(Action::FlipDoubt),
        Just(Action::FlipOrientation),
    ]
}

/// The page as a fixture must save, and read back as itself.
fn saves(page: &Page) -> Result<(), TestCaseError> {
    let f = Fixture::from_page(page, "2026-12-03T12:00:00Z");
    let problems = f.problems();
    prop_assert!(problems.is_empty(), "{problems:?}");
    let json = f
        .to_json()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = Fixture::from_json(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(back, f);
    Ok(())
}

/// The page exports as training lines that are its raw lines, each
/// labelled within itself: runs in order inside the line, removed spaces
/// on whitespace.
fn exports(page: &Page) -> Result<(), TestCaseError> {
    let f = Fixture::from_page(page, "2026-12-03T12:00:00Z");
    let raw_lines: Vec<&str> = page.raw.text().split('\n').collect();
    let _pair = proofdesk::export::pair("p", &f);
    let _articles = proofdesk::export::articles("p", &f);
    for l in proofdesk::export::lines("p", &f) {
        let chars: Vec<char> = l.text.chars().collect();
        prop_assert_eq!(
            Some(&l.text.as_str()),
            raw_lines.get(l.line - 1),
            "line {}",
            l.line
        );
        prop_assert!(
            l.segments.windows(2).all(|w| w[0].from < w[1].from),
            "{:?}",
            l.segments
        );
        prop_assert!(
            l.segments.iter().all(|s| s.from < chars.len().max(1)),
            "{:?}",
            l.segments
        );
        prop_assert!(
            l.removed_spaces
                .iter()
                .all(|&i| chars.get(i).is_some_and(|c| c.is_whitespace())),
            "line {}: {:?}",
            l.line,
            l.removed_spaces
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn every_step_saves_and_undo_gives_the_proposal_back(
        which in 0_usize..2,
        actions in prop::collection::vec(action(), 1..12),
    ) {
        let page = pages().swap_remove(which);
        let proposal = page.articles.clone();
        let mut editor = Editor::new(page);
        let mut applied = 0;
        for a in actions {
            let before = editor.page().articles.clone();
            if editor.apply(a).is_ok() {
                applied += 1;
            } else {
                prop_assert_eq!(&editor.page().articles, &before, "refused: unchanged");
            }
            saves(editor.page())?;
        }
        exports(editor.page())?;
        let edited = editor.page().articles.clone();
        let mut undone = 0;
        while editor.undo() {
            undone += 1;
        }
        prop_assert!(undone <= applied);
        prop_assert_eq!(&editor.page().articles, &proposal, "undo all: the proposal");
        while editor.redo() {}
        prop_assert_eq!(&editor.page().articles, &edited, "redo all: as edited");
    }
}
