//! The research-use text in `../shared` (the devpages, their OCR readings
//! and the People's Daily corpus) is read by the tests when they run. None
//! of it may be copied into the project. This test fails if any text file
//! of the checkout shares a run of [`RUN`] ideographs with that text.
//!
//! Punctuation, digits, Latin letters and spaces are skipped on both
//! sides, so a quote cannot hide behind changed spacing or marks. The
//! bundled sample page (`../shared/seed`) belongs to the project, so runs
//! it holds are allowed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How many ideographs in a row make a copy. At 8, invented text with the
/// same conventions (`本报讯（记者 某某）`, `第3版`) does not match by
/// chance; a quoted headline or sentence does.
const RUN: usize = 8;

/// Folders of the checkout that hold no text of ours to check: build
/// output, the font, the word list (single words, one per line), and
/// pictures.
const SKIPPED_DIRS: [&str; 5] = [
    "target",
    "fonts",
    "screenshots",
    "crates/proofdesk-core/data",
    ".git",
];

fn shared_dir() -> PathBuf {
    std::env::var_os("PROOFDESK_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    )
}

fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Every run of [`RUN`] ideographs in `text`, read in simplified
/// characters (a quote set in traditional ones is still a quote), with
/// everything else skipped, each packed into a number: 16 bits an
/// ideograph.
fn runs(text: &str) -> Vec<u128> {
    let ideographs: Vec<u128> = text
        .chars()
        .filter(|&c| is_ideograph(c))
        .map(|c| u128::from(u32::from(proofdesk_core::lexicon::simplified(c)) - 0x4e00))
        .collect();
    ideographs
        .windows(RUN)
        .map(|w| w.iter().fold(0_u128, |packed, &c| (packed << 16) | c))
        .collect()
}

fn files_under(dir: &Path, ends: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| ends.iter().any(|e| n.ends_with(e)))
        })
        .collect();
    files.sort();
    files
}

/// The runs of the research text, less those of the sample page.
fn research_runs(shared: &Path) -> HashSet<u128> {
    let mut sources = files_under(&shared.join("devpages"), &[".raw.txt", ".gold.json"]);
    sources.extend(files_under(
        &shared.join("devpages-ocr"),
        &[".txt", ".gold.json"],
    ));
    sources.extend(files_under(&shared.join("corpus"), &[".jsonl"]));
    assert!(
        sources.len() > 40,
        "found only {} research files under {}: is it the shared folder?",
        sources.len(),
        shared.display()
    );
    let mut found = HashSet::new();
    for path in &sources {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        found.extend(runs(&text));
    }
    for seed in files_under(&shared.join("seed"), &[".txt"]) {
        let text = std::fs::read_to_string(&seed)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", seed.display()));
        for run in runs(&text) {
            found.remove(&run);
        }
    }
    found
}

/// Every text file of the checkout, outside [`SKIPPED_DIRS`].
fn project_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            if SKIPPED_DIRS.iter().any(|s| relative == Path::new(s)) {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Where `text` (one file, `name`) shares a run with `research`: one
/// finding per line.
fn copies_in(name: &str, text: &str, research: &HashSet<u128>) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| runs(line).iter().any(|r| research.contains(r)))
        .map(|(i, line)| {
            let shown: String = line.trim().chars().take(60).collect();
            format!("{name}:{}: {shown}", i + 1)
        })
        .collect()
}

#[test]
fn a_copied_sentence_is_found_across_changed_spacing_and_marks() {
    let research: HashSet<u128> = runs("记者从有关部门获悉，今年全市新建公园十二座。")
        .into_iter()
        .collect();
    let quoted = "// (`今 年 全 市 新 建 公 园` / `十二座。`)\nlet x = 1;\n";
    assert_eq!(copies_in("a.rs", quoted, &research).len(), 1);
    // Seven ideographs of it in a row are not a copy.
    assert!(copies_in("a.rs", "`今年全市新建公`", &research).is_empty());
    // Set in traditional characters, it is.
    assert_eq!(copies_in("a.rs", "記者從有關部門獲悉", &research).len(), 1);
}

#[test]
fn no_research_text_is_copied_into_the_project() {
    let shared = shared_dir();
    if !shared.join("devpages").join("README.md").is_file() {
        println!(
            "SKIPPED research_text: {} not found (set PROOFDESK_SHARED to the shared folder)",
            shared.display()
        );
        return;
    }
    let research = research_runs(&shared);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    let mut copies = Vec::new();
    for path in project_files(&root) {
        // Pictures, fonts and other binary files are not text.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        checked += 1;
        let name = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .display()
            .to_string();
        copies.extend(copies_in(&name, &text, &research));
    }
    assert!(
        checked > 50,
        "only {checked} text files found under {}",
        root.display()
    );
    assert!(
        copies.is_empty(),
        "{} lines quote research-use text from {} (invent text of the same shape instead):\n{}",
        copies.len(),
        shared.display(),
        copies.join("\n")
    );
}
