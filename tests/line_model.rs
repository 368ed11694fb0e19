//! The learned line model (issue 12), run as a user would: `proofdesk
//! train`, then `normalize --model` and `eval --model`; and its learning
//! on the devpages (`../shared/devpages` or `$PROOFDESK_DEVPAGES`, read at
//! test time, never copied here).

use std::path::{Path, PathBuf};
use std::process::Command;

use eframe::egui;
use egui_kittest::kittest::Queryable as _;
use proofdesk::app::StartOptions;
use proofdesk::eval::{Scores, compare_without_headers};
use proofdesk::line_model::{self, CUTS, TrainingPage};
use proofdesk::page::{Article, RawText};

fn proofdesk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_proofdesk"))
        .args(args)
        .output()
        .expect("the binary runs")
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed_page.txt");

mod support;

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn train_writes_a_model_that_normalize_and_eval_use() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let model = dir.path().join("paper.crfsuite");
    let model_arg = model.to_str().expect("a UTF-8 path");
    let out = proofdesk(&["train", FIXTURES, "--out", model_arg, "--folds", "0"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.starts_with("trained on 3 pages ("), "{report}");
    assert!(report.contains("not cross-validated"), "{report}");
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("paper.json")).expect("the manifest is written"),
    )
    .expect("the manifest is JSON");
    assert_eq!(manifest["feature_version"], line_model::FEATURE_VERSION);
    let names: Vec<&str> = manifest["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names.len(), 3, "{manifest}");
    assert!(
        manifest["pages"]
            .as_array()
            .expect("pages")
            .iter()
            .all(|p| p["sha256"].as_str().is_some_and(|s| s.len() == 64))
    );

    // A model trained on the seed's own correction keeps it exact.
    let out = proofdesk(&["eval", FIXTURES, "--model", model_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    let seed_row = table
        .lines()
        .find(|l| l.starts_with("| seed_page |"))
        .expect("a row for the seed");
    assert!(seed_row.contains("100.0% (15/15)"), "{seed_row}");
    let out = proofdesk(&["normalize", SEED, "--model", model_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("鹤壁市生态环境违法典型案例（一）\n"));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));

    // Cross-validation needs as many pages as folds.
    let out = proofdesk(&["train", FIXTURES, "--out", model_arg, "--folds", "3"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.contains("3-fold cross-validation"), "{report}");
}

#[test]
fn a_model_that_cannot_be_used_is_named_and_the_rules_propose() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let model = dir.path().join("broken.crfsuite");
    let model_arg = model.to_str().expect("a UTF-8 path");
    let rules = proofdesk(&["normalize", SEED]);
    assert!(rules.status.success());

    // No model there at all.
    let out = proofdesk(&["normalize", SEED, "--model", model_arg]);
    assert!(out.status.success());
    assert_eq!(out.stdout, rules.stdout);
    let said = text(&out.stderr);
    assert!(
        said.contains("broken.crfsuite") && said.contains("rules alone"),
        "the file given is named: {said}"
    );

    // A model file without the manifest `proofdesk train` writes beside it.
    std::fs::write(&model, b"lCRF not really a model").expect("written");
    let out = proofdesk(&["normalize", SEED, "--model", model_arg]);
    assert!(out.status.success());
    assert_eq!(out.stdout, rules.stdout);
    let said = text(&out.stderr);
    assert!(
        said.contains("has no manifest") && said.contains("proofdesk train"),
        "{said}"
    );

    // A damaged model file.
    std::fs::write(
        dir.path().join("broken.json"),
        format!(
            r#"{{"feature_version": {}, "pages": [], "lines": 0}}"#,
            line_model::FEATURE_VERSION
        ),
    )
    .expect("written");
    let out = proofdesk(&["normalize", SEED, "--model", model_arg]);
    assert!(out.status.success());
    assert_eq!(out.stdout, rules.stdout);
    let said = text(&out.stderr);
    assert!(
        said.contains("damaged") && said.contains("proofdesk train"),
        "{said}"
    );

    // A model of other features.
    std::fs::write(
        dir.path().join("broken.json"),
        r#"{"feature_version": 999, "pages": [], "lines": 0}"#,
    )
    .expect("written");
    let out = proofdesk(&["eval", FIXTURES, "--model", model_arg]);
    assert!(out.status.success());
    let said = text(&out.stderr);
    assert!(said.contains("version 999"), "{said}");

    // Training on nothing says what to do.
    let empty = tempfile::tempdir().expect("a temporary folder");
    let out = proofdesk(&[
        "train",
        empty.path().to_str().expect("UTF-8"),
        "--out",
        model_arg,
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("mark pages done"),
        "{}",
        text(&out.stderr)
    );
}

/// A model trained on the project's three corrected fixtures, saved as
/// `dir`'s own (`.proofdesk/model.crfsuite` and its manifest).
fn folder_model(dir: &Path) -> PathBuf {
    let (model, manifest) = support::model_of_the_fixtures();
    let path = line_model::folder_model_path(dir);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("the folder is made");
    model.save(&path, &manifest).expect("saved");
    path
}

/// The desk opens a queue folder with its own model: the status bar says
/// how many pages it learned from; a folder without one, or with a
/// damaged one, is proposed by the rules alone, and the status bar says so
/// (with why, for the damaged one).
#[test]
fn the_desk_proposes_with_a_queue_folders_model_and_says_so() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(SEED, dir.path().join("seed_page.txt")).expect("the page is copied");
    let mut h = support::desk(StartOptions::default());
    assert!(
        h.query_by_label("rules only").is_some(),
        "the sample: rules only"
    );
    folder_model(dir.path());
    h.state_mut().open_page(dir.path());
    h.run();
    assert!(
        h.query_by_label("model: 3 pages").is_some(),
        "the folder's model"
    );
    assert!(h.query_by_label("rules only").is_none());
    // The model learned the seed's own correction: its proposal stays the
    // rules' (every article of the seed exact).
    let rules = proofdesk::io::read_page(Path::new(SEED)).expect("the seed reads");
    assert_eq!(h.state().page().articles, rules.articles);

    // The editor turns the model off (Ctrl+Shift+M) and on again.
    let ctrl_shift = egui::Modifiers::COMMAND | egui::Modifiers::SHIFT;
    support::press(&mut h, ctrl_shift, egui::Key::M);
    assert!(h.query_by_label("model off: rules only").is_some());
    assert!(h.query_by_label_contains("the line model is off").is_some());
    support::press(&mut h, ctrl_shift, egui::Key::M);
    assert!(h.query_by_label("model: 3 pages").is_some(), "on again");

    let plain = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(SEED, plain.path().join("seed_page.txt")).expect("the page is copied");
    h.state_mut().open_page(plain.path());
    h.run();
    assert!(
        h.query_by_label("rules only").is_some(),
        "no model in this folder"
    );

    let damaged = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(SEED, damaged.path().join("seed_page.txt")).expect("the page is copied");
    let model = folder_model(damaged.path());
    std::fs::write(&model, b"damaged").expect("written");
    h.state_mut().open_page(damaged.path());
    h.run();
    assert!(
        h.query_by_label("rules only").is_some(),
        "a damaged model is not used"
    );
    assert!(
        h.query_by_label_contains("cannot be used").is_some(),
        "the status bar says why"
    );
}

const POOL: &str = "我们的经济社会发展取得新成就人民生活水平不断提高城乡面貌焕然一新各项事业全面进步改革开放深入推进";

/// A paper whose paragraphs all end on a full line (no short last line
/// tells the rules where one ends): page `seed`'s raw text, and its
/// correction, one body block per paragraph.
fn full_line_page(seed: usize) -> (String, Vec<Article>) {
    use proofdesk::page::{ArticleKind, Block, Span};
    use proofdesk::role::Role;
    let pool: Vec<char> = POOL.chars().collect();
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut offset = 0;
    for p in 0..6 {
        let lines = 2 + (seed + p) % 3;
        let mut block = Block {
            role: Role::Body,
            text: String::new(),
            spans: Vec::new(),
            edited: false,
        };
        for l in 0..lines {
            let line: String = (0..20)
                .map(|c| {
                    if l + 1 == lines && c == 19 {
                        '。'
                    } else {
                        pool[(seed * 7 + p * 13 + l * 5 + c) % pool.len()]
                    }
                })
                .collect();
            block.text.push_str(&line);
            block.spans.push(Span::new(offset, offset + 20));
            text.push_str(&line);
            text.push('\n');
            offset += 21;
        }
        blocks.push(block);
    }
    let article = Article {
        id: "a1".to_owned(),
        kind: ArticleKind::Article,
        blocks,
    };
    (text, vec![article])
}

/// Writes page `seed` of [`full_line_page`] as `dir/pNN.txt`, and, with a
/// status, its correction as the page's fixture.
fn write_full_line_page(dir: &Path, seed: usize, status: Option<proofdesk::page::Status>) {
    let (text, gold) = full_line_page(seed);
    let path = dir.join(format!("p{seed:02}.txt"));
    std::fs::write(&path, text).expect("the page is written");
    if let Some(status) = status {
        let mut page = proofdesk::io::read_page(&path).expect("the page reads");
        page.articles = proofdesk::page::shared(gold);
        page.status = status;
        page.review = proofdesk::decision::Review::default();
        proofdesk::io::write_fixture(&page, &proofdesk::io::fixture_path_for(&path))
            .expect("the fixture is written");
    }
}

/// Draws frames until the status bar says `label` (a model trained on its
/// thread), for at most 30 seconds; fails the test if it never does.
fn wait_for_model(h: &mut egui_kittest::Harness<'_, proofdesk::app::DeskApp>, label: &str) {
    for _ in 0..600 {
        if h.query_by_label(label).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run();
    }
    panic!(
        "the status bar never says {label:?}: {}",
        support::message(h)
    );
}

fn blocks_of(articles: &[std::sync::Arc<Article>]) -> usize {
    articles.iter().map(|a| a.blocks.len()).sum()
}

/// Opening a queue folder whose done pages have no model trains one in the
/// background; marking a page done trains it again; the status bar shows it learning, then the pages it
/// learned from; the next page opened is proposed with it (one block per
/// paragraph, where the rules alone join paragraphs that end on a full
/// line), and the model is on disk with its manifest for the next session.
#[test]
fn marking_a_page_done_retrains_the_folders_model_for_the_next_page() {
    use proofdesk::page::Status;
    let dir = tempfile::tempdir().expect("a temporary folder");
    for seed in 1..=4 {
        write_full_line_page(dir.path(), seed, Some(Status::Done));
    }
    write_full_line_page(dir.path(), 5, Some(Status::Draft));
    write_full_line_page(dir.path(), 6, None);
    let next = dir.path().join("p06.txt");
    let rules = proofdesk::io::read_page(&next).expect("the next page reads");
    assert!(
        blocks_of(&rules.articles) < 6,
        "the rules alone join some of the next page's six paragraphs"
    );

    let mut h = support::desk(StartOptions {
        page: Some(dir.path().to_owned()),
        queue_page: Some(dir.path().join("p05.txt")),
        ..StartOptions::default()
    });
    assert!(h.state().page().raw.file_name.starts_with("p05"));
    // The folder's four done pages have no model yet: opening the folder
    // trains one in the background.
    wait_for_model(&mut h, "model: 4 pages");
    assert!(support::message(&h).contains("learned from 4 done pages"));
    let (_, manifest) = line_model::LineModel::load(&line_model::folder_model_path(dir.path()))
        .expect("the folder's model is on disk");
    assert_eq!(manifest.pages.len(), 4);
    support::press(&mut h, egui::Modifiers::COMMAND, egui::Key::D);
    assert!(
        h.query_by_label("learning from the done pages…").is_some(),
        "the status bar says the model is learning"
    );
    wait_for_model(&mut h, "model: 5 pages");
    assert!(h.query_by_label("learning from the done pages…").is_none());
    assert!(
        support::message(&h).contains("learned from 5 done pages"),
        "{}",
        support::message(&h)
    );
    let (_, manifest) = line_model::LineModel::load(&line_model::folder_model_path(dir.path()))
        .expect("the folder's model is on disk");
    assert_eq!(manifest.pages.len(), 5);

    // The next page is proposed with it: one block per paragraph.
    support::press(&mut h, egui::Modifiers::COMMAND, egui::Key::PageDown);
    assert!(h.state().page().raw.file_name.starts_with("p06"));
    let (_, gold) = full_line_page(6);
    assert_eq!(blocks_of(&h.state().page().articles), 6);
    assert_eq!(
        h.state()
            .page()
            .articles
            .iter()
            .map(|a| a.as_ref().clone())
            .collect::<Vec<_>>()
            .iter()
            .flat_map(|a| a.blocks.iter().map(|b| b.text.clone()))
            .collect::<Vec<_>>(),
        gold[0]
            .blocks
            .iter()
            .map(|b| b.text.clone())
            .collect::<Vec<_>>(),
        "the model's proposal is the correction"
    );

    // Opened again, the folder's model is current: it is not trained again.
    h.state_mut().open_page(dir.path());
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run();
    }
    assert!(h.query_by_label("model: 5 pages").is_some());
    assert!(h.query_by_label("learning from the done pages…").is_none());
    assert!(
        !support::message(&h).contains("learned from"),
        "{}",
        support::message(&h)
    );
}

fn devpages_dir() -> PathBuf {
    std::env::var_os("PROOFDESK_DEVPAGES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/devpages"),
        PathBuf::from,
    )
}

struct DevPage {
    raw: RawText,
    gold: Vec<Article>,
    training: TrainingPage,
}

/// The devpages of one group (extractor and headline convention), in name
/// order.
fn group(dir: &Path, wanted: &str) -> Vec<DevPage> {
    proofdesk::gold::devpage_files(dir)
        .expect("the devpages folder lists")
        .iter()
        .map(|(raw, gold)| {
            proofdesk::gold::read_devpage(raw, gold, "2000-01-01T00:00:00Z")
                .unwrap_or_else(|e| panic!("{}: {e}", raw.display()))
        })
        .filter(|p| p.group == wanted)
        .map(|p| DevPage {
            training: line_model::training_page(&p.page.raw, &p.gold.fixture.articles),
            raw: p.page.raw,
            gold: p.gold.fixture.articles,
        })
        .collect()
}

/// Articles exact (page headers apart, as `score_pages.py` counts),
/// headlines attached and breaks of `proposed` against each page's gold.
fn scored(pages: &[DevPage], proposed: impl Fn(&RawText) -> Vec<Article>) -> Scores {
    let mut total = Scores::default();
    for page in pages {
        let chars: Vec<char> = page.raw.text().chars().collect();
        let articles = proposed(&page.raw);
        total.add(&compare_without_headers(&chars, &page.gold, &articles));
    }
    total
}

/// Trained on the first five pages of the largest group, the model is
/// scored on the group's other twenty against the rules alone. Measured
/// when written (session 12): articles exact 88.5% either way, headlines
/// attached 133 -> 134 of 137, break F1 0.9840 -> 0.9865 (25 lines
/// changed); session 21, after the rules mended most of those breaks:
/// exact 133 of 148 either way, attached 133 -> 134, break errors 24 either
/// way (19 false and 5 missed -> 17 and 7; 19 lines changed). The model
/// must never make a figure worse than the rules', and must change
/// something.
#[test]
fn five_corrected_pages_never_make_the_rest_worse() {
    let dir = devpages_dir();
    let pages = group(&dir, "pdftotext-raw headlines-after");
    assert!(
        pages.len() >= 20,
        "{}: the devpages are there",
        dir.display()
    );
    let (train, test) = pages.split_at(5);
    let training: Vec<TrainingPage> = train.iter().map(|p| p.training.clone()).collect();
    let model = line_model::train(&training, CUTS).expect("five pages train");
    let rules = scored(test, |raw| proofdesk::segment::propose(raw).0);
    let changes = std::cell::Cell::new(0);
    let refined = scored(test, |raw| {
        let (proposal, c) =
            proofdesk::judge::propose(raw, &model, CUTS, proofdesk::decision::Record::Doubts);
        changes.set(changes.get() + c.len());
        proposal.articles
    });
    println!(
        "rules: exact {}/{}, attached {}/{}, break F1 {:.5} ({} right, {} false, {} missed); with the model: exact {}/{}, attached {}/{}, break F1 {:.5} ({} right, {} false, {} missed); {} lines changed",
        rules.articles_exact,
        rules.articles,
        rules.stacks_attached,
        rules.stacks,
        rules.break_f1(),
        rules.breaks_tp,
        rules.breaks_fp,
        rules.breaks_fn,
        refined.articles_exact,
        refined.articles,
        refined.stacks_attached,
        refined.stacks,
        refined.break_f1(),
        refined.breaks_tp,
        refined.breaks_fp,
        refined.breaks_fn,
        changes.get()
    );
    assert!(changes.get() > 0, "the model changed nothing");
    assert!(refined.articles_exact >= rules.articles_exact);
    assert!(refined.stacks_attached >= rules.stacks_attached);
    // Break errors, not F1: a false break traded for a missed one moves F1
    // in its fifth decimal either way.
    assert!(refined.breaks_fp + refined.breaks_fn <= rules.breaks_fp + rules.breaks_fn);
}

/// A model trained on every devpage (other newspapers than the seed's)
/// never makes the seed page worse: every article stays exact (issue 12's
/// bar). Measured when written (session 13): 15 of 15 either way.
#[test]
fn a_model_of_every_devpage_keeps_every_article_of_the_seed_exact() {
    let dir = devpages_dir();
    let pages: Vec<DevPage> = [
        "pdftotext-raw headlines-after",
        "pdftotext-raw headlines-before",
        "pymupdf headlines-after",
        "pdftotext headlines-after",
    ]
    .iter()
    .flat_map(|g| group(&dir, g))
    .collect();
    assert!(
        pages.len() >= 40,
        "{}: the devpages are there",
        dir.display()
    );
    let training: Vec<TrainingPage> = pages.iter().map(|p| p.training.clone()).collect();
    let model = line_model::train(&training, CUTS).expect("the devpages train");
    let seed =
        proofdesk::io::read_fixture(Path::new(support::SEED_GOLD)).expect("the seed's fixture");
    let rules = proofdesk::eval::eval_fixture_with(&seed, None);
    let with_model = proofdesk::eval::eval_fixture_with(&seed, Some(&model));
    println!(
        "seed: exact {}/{} with the rules, {}/{} with a model of the devpages",
        rules.articles_exact, rules.articles, with_model.articles_exact, with_model.articles
    );
    assert_eq!(rules.articles_exact, rules.articles);
    assert_eq!(with_model.articles, rules.articles);
    assert_eq!(with_model.articles_exact, with_model.articles);
}

/// `normalize --out DIR --model MODEL` writes every page's fixture with the
/// proposal the model refines, as `normalize PAGE --model` prints it; the
/// rules alone join paragraphs the model learned to keep apart.
#[test]
fn batch_normalize_refines_every_page_with_the_model() {
    use proofdesk::page::Status;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let done = dir.path().join("done");
    let todo = dir.path().join("todo");
    std::fs::create_dir_all(&done).expect("made");
    std::fs::create_dir_all(&todo).expect("made");
    for seed in 1..=5 {
        write_full_line_page(&done, seed, Some(Status::Done));
    }
    for seed in 6..=8 {
        write_full_line_page(&todo, seed, None);
    }
    let model = dir.path().join("paper.crfsuite");
    let model_arg = model.to_str().expect("a UTF-8 path");
    let done_arg = done.to_str().expect("a UTF-8 path");
    let out = proofdesk(&["train", done_arg, "--out", model_arg, "--folds", "0"]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let todo_arg = todo.to_str().expect("a UTF-8 path");
    let blocks = |out_dir: &Path, seed: usize| -> usize {
        let f =
            proofdesk::io::read_fixture(&out_dir.join(format!("p{seed:02}.txt.proofdesk.json")))
                .expect("a fixture per page");
        f.proposal.iter().map(|a| a.blocks.len()).sum()
    };
    let with = dir.path().join("with");
    let without = dir.path().join("without");
    let out = proofdesk(&[
        "normalize",
        todo_arg,
        "--out",
        with.to_str().expect("UTF-8"),
        "--model",
        model_arg,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = proofdesk(&[
        "normalize",
        todo_arg,
        "--out",
        without.to_str().expect("UTF-8"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for seed in 6..=8 {
        assert_eq!(
            blocks(&with, seed),
            6,
            "page {seed}: one block per paragraph"
        );
    }
    assert!(
        (6..=8).any(|seed| blocks(&without, seed) < 6),
        "the rules alone join some paragraphs"
    );
    // The same proposal as one page printed with the model.
    let page = todo.join("p06.txt");
    let out = proofdesk(&[
        "normalize",
        page.to_str().expect("UTF-8"),
        "--format",
        "json",
        "--model",
        model_arg,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let written: serde_json::Value = serde_json::from_slice(
        &std::fs::read(with.join("p06.txt.proofdesk.json")).expect("written"),
    )
    .expect("JSON");
    assert_eq!(printed["proposal"], written["proposal"]);
}
