//! The command line, run as a user would.

use std::process::Command;

mod support;

fn proofdesk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_proofdesk"))
        .args(args)
        .output()
        .expect("the binary runs")
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed_page.txt");
const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/seed_page.proofdesk.json"
);

#[test]
fn normalize_text_and_json() {
    let out = proofdesk(&["normalize", SEED, "--format", "text"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.starts_with("鹤壁市生态环境违法典型案例（一）\n为深入打好污染防治攻坚战，坚持精准"),
        "{}",
        &text[..200]
    );
    let out = proofdesk(&["normalize", SEED, "--format", "json"]);
    assert!(out.status.success());
    let json = String::from_utf8(out.stdout).expect("utf-8");
    let f =
        proofdesk::fixture::Fixture::from_json(&json).expect("normalize writes a valid fixture");
    assert_eq!(f.status, proofdesk::page::Status::Auto);
    assert_eq!(f.articles, f.proposal);
}

#[test]
fn binary_input_is_refused_in_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scan.png");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").expect("writes");
    let out = proofdesk(&["normalize", path.to_str().expect("utf-8 path")]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("binary file"), "{err}");
    let out = proofdesk(&["normalize", "/no/such/page.txt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/page.txt"));
}

#[test]
fn validate_reports_each_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.proofdesk.json");
    let json = std::fs::read_to_string(GOLD).expect("reads").replacen(
        "\"version\": 1",
        "\"version\": 7",
        1,
    );
    std::fs::write(&bad, json).expect("writes");
    let out = proofdesk(&["validate", GOLD, bad.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        stdout.contains("ok: ") && stdout.contains("(done, 15 articles"),
        "{stdout}"
    );
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(stderr.contains("$.version: version 7 is newer"), "{stderr}");
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

#[test]
fn export_formats_are_json_lines() {
    for (format, min_records) in [("pairs", 1), ("articles", 15), ("lines", 800)] {
        let out = proofdesk(&["export", FIXTURES, "--format", format]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).expect("utf-8");
        let records: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
            .collect();
        assert!(
            records.len() >= min_records,
            "{format}: {} records",
            records.len()
        );
        assert!(
            records.iter().any(|r| r["page_id"] == "seed_page"),
            "{format}"
        );
    }
    let out = proofdesk(&["export", FIXTURES, "--format", "articles"]);
    let first: serde_json::Value = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .find(|r| r["page_id"] == "seed_page")
        .expect("a seed record");
    assert_eq!(first["headline"], "鹤壁市生态环境违法典型案例（一）");
    assert_eq!(first["source"], "（市生态环境局供稿）");
}

#[test]
fn eval_scores_the_done_fixtures() {
    let out = proofdesk(&["eval", FIXTURES]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).expect("utf-8");
    assert!(table.contains("| seed_page | 0.000% (0/7103)"), "{table}");
    assert!(
        table.contains("spots (") && table.contains("per page; the desk stops once"),
        "the doubts and the spots they make: {table}"
    );
    let out = proofdesk(&["eval", FIXTURES, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let seed = v["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .find(|p| p["page"] == "seed_page")
        .expect("the seed");
    assert_eq!(seed["scores"]["counts"]["articles"], 15);
    assert!(seed["scores"]["break_f1"].as_f64().expect("a number") > 0.99);
    // As the desk counts them on the sample page: 42 doubts in 22 spots.
    assert_eq!(
        (&seed["scores"]["doubts"], &seed["scores"]["spots"]),
        (&serde_json::json!(42), &serde_json::json!(22))
    );
    let empty = tempfile::tempdir().expect("temp dir");
    let out = proofdesk(&["eval", empty.path().to_str().expect("utf-8 path")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no `done` fixtures"));
}

/// A folder holding the seed page with its done fixture beside it, and a
/// page without one.
fn desk_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(SEED, dir.path().join("seed_page.txt")).expect("copies");
    std::fs::copy(GOLD, dir.path().join("seed_page.txt.proofdesk.json")).expect("copies");
    std::fs::write(dir.path().join("other.txt"), "标题\n\n正 文 一 。\n").expect("writes");
    dir
}

#[test]
fn normalize_out_keeps_a_done_fixture() {
    let dir = desk_folder();
    let d = dir.path().to_str().expect("utf-8 path");
    let fixture = dir.path().join("seed_page.txt.proofdesk.json");
    let backup = dir.path().join("seed_page.txt.proofdesk.json.bak");
    std::fs::write(&backup, "the editor's older backup").expect("writes");
    let before = std::fs::read(&fixture).expect("reads");
    for run in 0..2 {
        let out = proofdesk(&["normalize", "--out", d, d]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            std::fs::read(&fixture).expect("reads") == before,
            "run {run}: the done fixture is byte for byte as it was"
        );
        assert_eq!(
            std::fs::read_to_string(&backup).expect("reads"),
            "the editor's older backup",
            "run {run}: and so is its backup"
        );
        assert!(out.status.success(), "run {run}: {stderr}");
        assert!(
            stderr.contains("1 fixture written")
                && stderr.contains("kept 1 corrected page and 0 unreadable"),
            "run {run}: the summary says what was kept: {stderr}"
        );
        assert!(dir.path().join("other.txt.proofdesk.json").exists());
    }
}

#[test]
fn refresh_proposal_changes_only_the_proposal() {
    let dir = desk_folder();
    let page = dir.path().join("seed_page.txt");
    let fixture = dir.path().join("seed_page.txt.proofdesk.json");
    // A corrected fixture with a review, whose proposal is not what the
    // rules make now.
    let out = proofdesk(&["normalize", SEED, "--format", "json"]);
    assert!(out.status.success());
    let fresh: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut f = fresh.clone();
    f["status"] = "done".into();
    f["provenance"]["created"] = "2020-01-01T00:00:00Z".into();
    f["review"]["doubts"][0]["resolution"] = "flipped".into();
    let articles = f["articles"].as_array_mut().expect("articles");
    articles.pop();
    let proposal = f["proposal"].as_array_mut().expect("proposal");
    proposal.truncate(2);
    std::fs::write(&fixture, serde_json::to_string_pretty(&f).expect("encodes")).expect("writes");
    let out = proofdesk(&[
        "normalize",
        "--out",
        dir.path().to_str().expect("utf-8 path"),
        "--refresh-proposal",
        page.to_str().expect("utf-8 path"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("refreshed 1 proposal"), "{stderr}");
    let after: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&fixture).expect("reads")).expect("json");
    for part in ["articles", "review", "status", "source"] {
        assert_eq!(after[part], f[part], "{part} is untouched");
    }
    assert_eq!(after["provenance"]["created"], "2020-01-01T00:00:00Z");
    assert_eq!(
        after["proposal"], fresh["proposal"],
        "the proposal is made anew"
    );
    assert!(
        proofdesk::io::read_fixture(&fixture).is_ok(),
        "and the fixture is valid"
    );
}

#[test]
fn an_error_gives_its_reason_once_in_one_line() {
    let missing = "/no/such/page.txt";
    let reason = std::fs::metadata(missing)
        .expect_err("the page is missing")
        .to_string();
    let out = proofdesk(&["normalize", missing]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("proofdesk: cannot read /no/such/page.txt"),
        "{err}"
    );
    assert_eq!(err.matches(&reason).count(), 1, "{reason:?} once: {err}");
}

#[test]
fn control_characters_in_a_file_name_are_not_printed_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["a\u{1b}[31mred.txt", "two\nlines.txt", "bell\u{7}.txt"] {
        let path = dir.path().join(name);
        std::fs::write(&path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").expect("writes");
        let out = proofdesk(&["normalize", path.to_str().expect("utf-8 path")]);
        assert!(!out.status.success(), "{name:?}");
        let err = String::from_utf8(out.stderr).expect("utf-8");
        assert!(
            !err.bytes().any(|b| b < 0x20 && b != b'\n'),
            "{name:?}: no raw control byte: {err:?}"
        );
        assert_eq!(err.lines().count(), 1, "{name:?}: {err:?}");
        let shown = name.escape_default().to_string();
        assert!(err.contains(&shown), "{name:?} shown as {shown}: {err:?}");
        assert!(err.contains("binary file"), "{err:?}");
    }
}

/// Every line the commands print about a file names it with its control
/// characters escaped, on stdout and stderr: `validate` (a valid fixture,
/// an invalid one), `normalize --out` (a fixture kept as it is, a file
/// named that is no page, the summary), `correct` (its listing). Before
/// session 50 only errors escaped them.
#[test]
fn control_characters_in_names_are_escaped_by_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = "a\u{1b}[31mred\nline";
    let shown = name.escape_default().to_string();
    let page = dir.path().join(format!("{name}.txt"));
    std::fs::copy(SEED, &page).expect("copies");
    let damaged = dir.path().join(format!("{name}.txt.proofdesk.json"));
    std::fs::write(&damaged, "not a fixture").expect("writes");
    let valid = dir.path().join(format!("{name}.json"));
    std::fs::copy(GOLD, &valid).expect("copies");
    let out_dir = dir.path().join(format!("{name}-out"));
    let [d, p, f, v, o] =
        [dir.path(), &page, &damaged, &valid, &out_dir].map(|p| p.to_str().expect("utf-8 path"));
    let runs: [&[&str]; 5] = [
        &["validate", v],
        &["validate", f],
        &["normalize", "--out", d, d],
        &["normalize", "--out", o, p, f],
        &["correct", "--from", "鹤壁", "--to", "鹤壁市", p],
    ];
    for args in runs {
        let out = proofdesk(args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !text.bytes().any(|b| b < 0x20 && b != b'\n'),
            "{args:?}: no raw control byte: {text:?}"
        );
        assert!(
            text.contains(&shown),
            "{args:?}: the name shown escaped: {text:?}"
        );
        assert!(
            !text.lines().any(|l| l.starts_with("line")),
            "{args:?}: no name broken onto a second line: {text:?}"
        );
    }
    // The fixture named beside its page is no page: no fixture of it.
    assert!(
        !out_dir
            .join(format!("{name}.txt.proofdesk.json.proofdesk.json"))
            .exists()
    );
}

#[test]
fn the_desk_language_is_en_or_zh() {
    let help = proofdesk(&["--help"]);
    let help = String::from_utf8(help.stdout).expect("utf-8");
    assert!(help.contains("--lang <en|zh>"), "{help}");
    let out = proofdesk(&["--lang", "fr", "--screenshot", "/nonexistent/x.png"]);
    assert!(!out.status.success(), "an unknown language is refused");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("\"fr\": the desk speaks `en` (English) or `zh` (简体中文)"),
        "{err}"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read as _;
    // Enough lines to fill the pipe: the later writes find it closed.
    let paths = vec![GOLD; 3000];
    let mut child = Command::new(env!("CARGO_BIN_EXE_proofdesk"))
        .arg("validate")
        .args(&paths)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut first = [0_u8; 16];
    child
        .stdout
        .take()
        .expect("piped")
        .read_exact(&mut first)
        .expect("a first line");
    // The reader is gone (`| head -c 16`).
    let out = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(first.starts_with(b"ok: "), "{first:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn correct_lists_then_applies_a_misreading_across_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let page = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    page("a.txt", "她面带徽笑，向大家问好。\n大家都徽笑着。\n");
    page("b.txt", "他微笑着说：没想到。\n");
    let folder = dir.path().to_str().unwrap();
    let args = ["correct", "--from", "徽笑", "--to", "微笑", folder];
    let listed = proofdesk(&args);
    assert!(listed.status.success());
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(out.contains("a.txt (auto): 2 place(s)"), "{out}");
    assert!(out.contains("她面带[徽笑→微笑]，向大家问好"), "{out}");
    assert!(!out.contains("b.txt"), "{out}");
    assert!(
        !dir.path().join("a.txt.proofdesk.json").exists(),
        "a listing writes nothing"
    );
    let applied = proofdesk(&[&args[..], &["--apply"]].concat());
    assert!(applied.status.success());
    let err = String::from_utf8_lossy(&applied.stderr);
    assert!(
        err.contains("corrected 2 place(s) on 1 page(s) of 2"),
        "{err}"
    );
    let fixture = std::fs::read_to_string(dir.path().join("a.txt.proofdesk.json")).unwrap();
    assert!(fixture.contains("面带微笑") && fixture.contains("\"status\": \"draft\""));
    let again = proofdesk(&args);
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 place(s) on 0 page(s) of 2"));
    // One glyph alone would also change it where it is right (安徽).
    let short = proofdesk(&["correct", "--from", "徽", "--to", "微", folder]);
    assert!(!short.status.success());
    // An empty --to would delete the word on every page: refused, saying why.
    let empty = proofdesk(&["correct", "--from", "微笑", "--to", "", "--apply", folder]);
    assert!(!empty.status.success());
    assert!(String::from_utf8_lossy(&empty.stderr).contains("never deletes"));
}

/// `--from -`: one ASCII mark read for a character is corrected alone,
/// only inside Chinese text (not between figures), and only where the
/// character makes a word with a glyph beside it.
#[test]
fn correct_takes_a_mark_read_for_a_character_inside_chinese_text_only() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("a.txt");
    std::fs::write(&page, "大家-起努力，做-名党员，安全-稳定。\n共2-3天。\n").unwrap();
    let folder = dir.path().to_str().unwrap();
    let listed = proofdesk(&["correct", "--from", "-", "--to", "一", folder]);
    assert!(listed.status.success());
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(out.contains("a.txt (auto): 3 place(s)"), "{out}");
    assert!(!out.contains("2[-→一]3"), "{out}");
    // Where `一` makes no word (a `、` read as `-`) it is listed and left.
    assert!(
        out.contains("安全[-→一]稳定。共2-3天… (left: no word reads across it)"),
        "{out}"
    );
    let applied = proofdesk(&["correct", "--from", "-", "--to", "一", "--apply", folder]);
    assert!(applied.status.success());
    let err = String::from_utf8_lossy(&applied.stderr);
    assert!(
        err.contains("corrected 2 place(s) on 1 page(s) of 1"),
        "{err}"
    );
    let fixture = std::fs::read_to_string(dir.path().join("a.txt.proofdesk.json")).unwrap();
    assert!(
        fixture.contains("大家一起努力，做一名党员，安全-稳定。"),
        "{fixture}"
    );
    // A mark for a mark, or for a figure, is no such correction.
    for to in ["，", "1"] {
        let refused = proofdesk(&["correct", "--from", "-", "--to", to, folder]);
        assert!(!refused.status.success(), "--to {to}");
    }
}

#[test]
fn a_page_picture_that_cannot_be_read_for_its_ink_is_named_in_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("p.xml");
    std::fs::write(&page, include_str!("data/ocr_misread.alto.xml")).expect("page");
    let page = page.to_str().expect("a UTF-8 path");
    let warning = |out: &std::process::Output| {
        assert!(out.status.success(), "the page is still proposed");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // No picture beside it: nothing to say.
    let out = proofdesk(&["normalize", page, "--format", "text"]);
    assert_eq!(warning(&out), "");
    // The picture the ALTO names (`p.jpg`) is no picture.
    let picture = dir.path().join("p.jpg");
    std::fs::write(&picture, b"not a picture").expect("picture");
    let said = warning(&proofdesk(&["normalize", page, "--format", "text"]));
    assert!(
        said.contains("cannot decode the page picture")
            && said.contains("not checked against the ink"),
        "{said}"
    );
    // A tenth of the size of the page the engine read (1000 × 1400).
    image::RgbImage::from_pixel(100, 140, image::Rgb([250, 250, 240]))
        .save_with_format(&picture, image::ImageFormat::Jpeg)
        .expect("picture");
    let said = warning(&proofdesk(&["normalize", page, "--format", "text"]));
    assert!(
        said.contains("has 100 × 140 pixels, but the engine read a page of 1000 × 1400"),
        "{said}"
    );
    // Written with the other pages into a folder, the page is named, and
    // its fixture is written all the same.
    let out_dir = dir.path().join("out");
    let out_arg = out_dir.to_str().expect("a UTF-8 path");
    let said = warning(&proofdesk(&["normalize", "--out", out_arg, page]));
    assert!(
        said.contains("warning: ")
            && said.contains("p.xml: ")
            && said.contains("has 100 × 140 pixels"),
        "{said}"
    );
    assert!(out_dir.join("p.xml.proofdesk.json").is_file());
    // At its size it is read, and nothing is said.
    image::RgbImage::from_pixel(1000, 1400, image::Rgb([250, 250, 240]))
        .save_with_format(&picture, image::ImageFormat::Jpeg)
        .expect("picture");
    assert_eq!(
        warning(&proofdesk(&["normalize", page, "--format", "text"])),
        ""
    );
}

#[test]
fn a_page_whose_reading_order_is_lost_is_named_in_a_warning() {
    let (dir, page) = support::row_by_row_dir();
    let page = page.to_str().expect("a UTF-8 path");
    // Proposed all the same, with what was seen and what to do on stderr.
    let out = proofdesk(&["normalize", page, "--format", "json"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with("proofdesk: warning: ")
            && said.contains("rows.txt: the reading order is lost: the lines of about 2 columns")
            && said.contains("extract it again with `pdftotext -raw`"),
        "{said}"
    );
    let json = String::from_utf8(out.stdout).expect("utf-8");
    let f = proofdesk::fixture::Fixture::from_json(&json).expect("a valid fixture");
    assert_eq!(
        f.into_page().review.reading,
        proofdesk::reading::ReadingOrder::RowsInterleaved { lag: 2 }
    );
    // Into a folder with the others: named too.
    let out_dir = dir.path().join("out");
    let out_arg = out_dir.to_str().expect("a UTF-8 path");
    let out = proofdesk(&["normalize", "--out", out_arg, page, SEED]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert_eq!(
        said.matches("the reading order is lost").count(),
        1,
        "{said}"
    );
    // The seed page reads in order: nothing said.
    let out = proofdesk(&["normalize", SEED, "--format", "text"]);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
