//! The line model's learning curve on a devpages folder (issue 12):
//!
//! `cargo run --release --example learning_curve -- ../shared/devpages`
//!
//! For each group of pages (extractor × headline convention), trains the
//! line model on the group's first k pages (k = 0, 1, 2, 5, 10, 20, while
//! at least one page is left) and scores the rest, with the rules alone
//! (k = 0) and with the model: articles exact, headlines attached and
//! break F1, as `proofdesk eval` counts them. Then a 5-fold
//! cross-validation over all content-stream pages (trained on four fifths,
//! scored on the fifth). Prints Markdown tables. `SHOW=1` lists every
//! line the model changed, with the gold's tag of it; `APPLY_FROM`,
//! `ARTICLE_FROM`, `C2` and `ITERATIONS` (L-BFGS's most) try other cuts; `NO_CURVE=1` runs the
//! cross-validation alone; `PER_PAGE=1` lists each page's scores on
//! stderr; `PLOT=curve.png` also draws the curve (egui's own painter,
//! rendered headlessly through `egui_kittest` and wgpu).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::bail;
use proofdesk::eval::{Scores, compare_without_headers};
use proofdesk::line_model::{self, CUTS, ModelCuts, TrainingPage};
use proofdesk::page::{Article, RawText};

struct DevPage {
    name: String,
    group: String,
    raw: RawText,
    gold: Vec<Article>,
    training: TrainingPage,
}

fn main() -> anyhow::Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let Some(dir) = args.first() else {
        bail!("usage: learning_curve DEVPAGES_DIR");
    };
    let pages = load(dir)?;
    let cuts = cuts_from_env();
    let curve = std::env::var_os("NO_CURVE").is_none_or(|v| v.is_empty());
    let mut groups: Vec<String> = pages.iter().map(|p| p.group.clone()).collect();
    groups.sort();
    groups.dedup();
    println!(
        "| group | k (training pages) | pages scored | articles exact: rules | with the model | headlines attached: rules | with the model | break F1: rules | with the model |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut points = Vec::new();
    for group in groups.iter().filter(|_| curve) {
        let members: Vec<&DevPage> = pages.iter().filter(|p| &p.group == group).collect();
        for k in [0_usize, 1, 2, 5, 10, 20] {
            if k >= members.len() {
                break;
            }
            let (train, test) = members.split_at(k);
            let (s, _) = score(test, train, cuts)?;
            let (r, _) = score(test, &[], cuts)?;
            println!(
                "| {group} | {k} | {} | {} | {} | {} | {} | {:.3} | {:.3} |",
                test.len(),
                rate(r.articles_exact, r.articles),
                rate(s.articles_exact, s.articles),
                rate(r.stacks_attached, r.stacks),
                rate(s.stacks_attached, s.stacks),
                r.break_f1(),
                s.break_f1(),
            );
            points.push(Point {
                group: group.clone(),
                k,
                rules: r,
                model: s,
            });
        }
    }
    if let Some(path) = std::env::var_os("PLOT") {
        plot::write(&points, Path::new(&path))?;
        eprintln!("plot written to {}", Path::new(&path).display());
    }
    cross_validate(&pages, cuts)
}

/// One point of the curve: a group, its training pages, and the scores of
/// the rest of the group with the rules alone and with the model.
pub struct Point {
    group: String,
    k: usize,
    rules: Scores,
    model: Scores,
}

#[path = "learning_curve/plot.rs"]
mod plot;

fn rate(n: usize, d: usize) -> String {
    format!("{:.1}% ({n}/{d})", 100.0 * n as f64 / d.max(1) as f64)
}

/// What scoring pages found beyond [`Scores`].
#[derive(Default)]
struct Tally {
    /// Lines the model changed.
    changes: usize,
    /// Doubts of the proposals.
    doubts: usize,
    /// The spots they are in (`decision::spots`): the walk's stops.
    spots: usize,
    /// Per rule of the model: (judged, errors).
    by_rule: std::collections::BTreeMap<&'static str, (u32, u32)>,
}

impl Tally {
    fn add(&mut self, o: &Self) {
        self.changes += o.changes;
        self.doubts += o.doubts;
        self.spots += o.spots;
        for (k, (j, e)) in &o.by_rule {
            let t = self.by_rule.entry(k).or_default();
            t.0 += j;
            t.1 += e;
        }
    }
}

/// Trains on `train` (rules only when empty) and scores `test`, the
/// proposal's decisions with them.
fn score(
    test: &[&DevPage],
    train: &[&DevPage],
    cuts: ModelCuts,
) -> anyhow::Result<(Scores, Tally)> {
    use proofdesk::decision::{Evidence, Record};
    let model = if train.is_empty() {
        None
    } else {
        let pages: Vec<TrainingPage> = train.iter().map(|p| p.training.clone()).collect();
        Some(line_model::train(&pages, cuts)?)
    };
    let mut total = Scores::default();
    let mut tally = Tally::default();
    for page in test {
        let proposal = match &model {
            Some(m) => {
                let (proposal, c) = proofdesk::judge::propose(&page.raw, m, cuts, Record::All);
                tally.changes += c.len();
                if std::env::var_os("SHOW").is_some() {
                    show_changes(page, &c);
                }
                proposal
            }
            None => proofdesk::segment::propose_recording(&page.raw, Record::All),
        };
        let chars: Vec<char> = page.raw.text().chars().collect();
        let mut s = compare_without_headers(&chars, &page.gold, &proposal.articles);
        if std::env::var_os("PER_PAGE").is_some() {
            eprintln!(
                "page {} {}: {}/{} exact, {}/{} attached",
                page.name,
                if model.is_some() { "model" } else { "rules" },
                s.articles_exact,
                s.articles,
                s.stacks_attached,
                s.stacks
            );
        }
        s.decisions = proofdesk::eval::judge_decisions(&chars, &page.gold, &proposal.decisions);
        let review =
            proofdesk::decision::Review::of(proposal.decisions.clone()).with_spots(&page.raw);
        tally.doubts += review.doubts.len();
        tally.spots += review.spot_count();
        for (d, verdict) in
            proofdesk::eval::decision_verdicts(&chars, &page.gold, &proposal.decisions)
        {
            if matches!(
                d.evidence,
                Evidence::ModelSure | Evidence::ModelUnsure | Evidence::ModelConfirms
            ) {
                let t = tally.by_rule.entry(d.evidence.name()).or_default();
                t.0 += 1;
                t.1 += u32::from(verdict != Some(d.chosen));
            }
        }
        total.add(&s);
    }
    Ok((total, tally))
}

fn load(dir: &Path) -> anyhow::Result<Vec<DevPage>> {
    let mut out = Vec::new();
    for (raw, gold) in proofdesk::gold::devpage_files(dir)? {
        let page = proofdesk::gold::read_devpage(&raw, &gold, "2000-01-01T00:00:00Z")?;
        let training = line_model::training_page(&page.page.raw, &page.gold.fixture.articles);
        out.push(DevPage {
            name: raw.display().to_string(),
            group: page.group,
            raw: page.page.raw,
            gold: page.gold.fixture.articles,
            training,
        });
    }
    eprintln!("{} pages read from {}", out.len(), dir.display());
    Ok(out)
}

/// Prints each change the model made, with the gold's tag of its line.
fn show_changes(page: &DevPage, changes: &[line_model::Change]) {
    let lines = line_model::page_lines(&page.raw).lines;
    let gold = line_model::tags_of(&lines, &page.gold);
    for c in changes {
        let Some(i) = lines
            .iter()
            .position(|l| l.offsets.first() == Some(&c.offset))
        else {
            continue;
        };
        let text = |j: usize| -> String {
            lines
                .get(j)
                .map(|l| l.glyphs.iter().collect())
                .unwrap_or_default()
        };
        let verdict = match gold[i] {
            Some(g) if g == c.model => "RIGHT",
            Some(g) if g == c.rule => "WRONG",
            Some(_) => "OTHER",
            None => "?",
        };
        eprintln!(
            "{verdict} {} {:.3} rule {} -> model {} gold {}\n    {}\n  > {}\n    {}",
            page.name,
            c.confidence,
            c.rule.label(),
            c.model.label(),
            gold[i].map(|g| g.label()).unwrap_or_default(),
            text(i.wrapping_sub(1)),
            text(i),
            text(i + 1)
        );
    }
}

/// [`CUTS`], with the ones the environment sets.
fn cuts_from_env() -> ModelCuts {
    let mut cuts = CUTS;
    if let Some(v) = std::env::var("APPLY_FROM")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cuts.apply_from = v;
    }
    if let Some(v) = std::env::var("ARTICLE_FROM")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cuts.article_from = v;
    }
    if let Some(v) = std::env::var("CONFIRM_FROM")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cuts.confirm_from = v;
    }
    if let Some(v) = std::env::var("SURE_FROM").ok().and_then(|v| v.parse().ok()) {
        cuts.sure_from = v;
    }
    if let Some(v) = std::env::var("C2").ok().and_then(|v| v.parse().ok()) {
        cuts.c2 = v;
    }
    if let Some(v) = std::env::var("ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cuts.max_iterations = v;
    }
    cuts
}

/// Five-fold cross-validation over the content-stream pages: the
/// proposal's accuracy and decisions, rules alone and with the model.
fn cross_validate(pages: &[DevPage], cuts: ModelCuts) -> anyhow::Result<()> {
    let stream: Vec<&DevPage> = pages
        .iter()
        .filter(|p| !p.group.starts_with("pdftotext "))
        .collect();
    let (mut rules, mut model) = (Scores::default(), Scores::default());
    let (mut rules_tally, mut model_tally) = (Tally::default(), Tally::default());
    for fold in 0..5 {
        let in_fold = |i: &usize| i % 5 == fold;
        let pick = |keep: bool| -> Vec<&DevPage> {
            (0..stream.len())
                .filter(|i| in_fold(i) == keep)
                .map(|i| stream[i])
                .collect()
        };
        let (test, train) = (pick(true), pick(false));
        let started = Instant::now();
        let (s, t) = score(&test, &train, cuts)?;
        eprintln!(
            "fold {fold}: trained and scored in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        model.add(&s);
        model_tally.add(&t);
        let (s, t) = score(&test, &[], cuts)?;
        rules.add(&s);
        rules_tally.add(&t);
    }
    println!();
    println!(
        "5-fold cross-validation, {} content-stream pages:",
        stream.len()
    );
    println!();
    println!(
        "| proposal | articles exact | headlines attached | break F1 | lines changed | decision errors | errors on doubts | doubts per page | spots per page | spots against the bar (2 per error + 3 per page) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for (name, s, t) in [
        ("rules only", &rules, &rules_tally),
        ("rules + model", &model, &model_tally),
    ] {
        let d = s.decisions.all;
        let pages = stream.len().max(1) as f64;
        println!(
            "| {name} | {} | {} | {:.3} | {} | {} | {} | {:.1} | {:.1} | {} vs {} |",
            rate(s.articles_exact, s.articles),
            rate(s.stacks_attached, s.stacks),
            s.break_f1(),
            t.changes,
            d.errors,
            rate(d.flagged_errors, d.errors),
            t.doubts as f64 / pages,
            t.spots as f64 / pages,
            t.spots,
            2 * d.errors + 3 * stream.len(),
        );
    }
    println!();
    println!("The model's decisions, to paste into `decision::MEASURED_MODEL`:");
    println!();
    for (rule, (judged, errors)) in &model_tally.by_rule {
        println!("    ({rule}, {judged}, {errors}),");
    }
    Ok(())
}
