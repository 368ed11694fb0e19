//! The research-use text in `../shared` (the devpages, their OCR readings
//! and the People's Daily corpus) is read by the tests when they run. None
//! of it may be copied into the project. This test fails if any text file
//! of the checkout shares a run of [`RUN`] ideographs with that text, on
//! one line or across lines (a quote split over a test's array of lines).
//!
//! Punctuation, digits, Latin letters and spaces are skipped on both
//! sides, and traditional characters are read as simplified ones, so a
//! quote cannot hide behind changed spacing, marks or script. The bundled
//! sample page (`../shared/seed`) belongs to the project, so runs it holds
//! are allowed. Skipping digits makes formulaic text strict too: an
//! invented dateline with a research page's city (`本报某地…日讯（记者`) is
//! reported, so invented text takes other cities and names.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How many ideographs in a row make a copy. At 8, invented text of the
/// same shape does not match by chance; a quoted headline or sentence
/// does.
const RUN: usize = 8;

/// Folders of the checkout that hold no text of ours to check: the font,
/// the word list (single words, one per line), and pictures; also every
/// folder named `target` or `.git`, wherever it is.
const SKIPPED_DIRS: [&str; 3] = ["fonts", "screenshots", "crates/proofdesk-core/data"];

/// Text whose runs the research text happens to share without being
/// quoted: a list of the synthetic pages' cities (`tests/common/synth.rs`)
/// that a corpus sentence also lists.
const ALLOWED: [&str; 1] = ["广州武汉成都西安"];

/// The research text's folders under `../shared`, and the files read in
/// each.
const SOURCES: [(&str, &[&str]); 3] = [
    ("devpages", &[".raw.txt", ".gold.json"]),
    ("devpages-ocr", &[".txt", ".gold.json"]),
    ("corpus", &[".jsonl"]),
];

/// `../shared`, or `$PROOFDESK_SHARED`; `None` when the default is absent
/// (a checkout without the research text). A folder named in the variable
/// must be there.
fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PROOFDESK_SHARED") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.join("devpages").is_dir(),
            "PROOFDESK_SHARED={} holds no devpages folder",
            dir.display()
        );
        return Some(dir);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.join("devpages")
        .join("README.md")
        .is_file()
        .then_some(dir)
}

/// The text's ideographs in order, read in simplified form, each with the
/// number of the line it is on (from 1).
fn ideographs(text: &str) -> Vec<(u16, usize)> {
    text.lines()
        .enumerate()
        .flat_map(|(i, line)| {
            line.chars()
                .map(proofdesk_core::lexicon::fold_traditional)
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .filter_map(move |c| {
                    u16::try_from(u32::from(c) - 0x4e00)
                        .ok()
                        .map(|u| (u, i + 1))
                })
        })
        .collect()
}

/// A run of [`RUN`] ideographs packed into one number, 16 bits each.
fn packed(run: &[(u16, usize)]) -> u128 {
    run.iter()
        .fold(0_u128, |packed, &(u, _)| (packed << 16) | u128::from(u))
}

/// Every run of [`RUN`] ideographs in `text`.
fn runs(text: &str) -> Vec<u128> {
    ideographs(text).windows(RUN).map(packed).collect()
}

/// The file at `path` as text: UTF-8, or any encoding the project reads
/// pages in (a GB18030 fixture, a UTF-16 seed); `None` for a binary file.
fn text_of(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let bytes = e.into_bytes();
            if bytes.contains(&0)
                && !bytes.starts_with(b"\xff\xfe")
                && !bytes.starts_with(b"\xfe\xff")
            {
                return None;
            }
            proofdesk::decode::decode(&bytes).ok().map(|d| d.text)
        }
    }
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

/// The runs of the research text, less those of the sample page and
/// [`ALLOWED`].
fn research_runs(shared: &Path) -> HashSet<u128> {
    let mut found = HashSet::new();
    for (folder, ends) in SOURCES {
        let sources = files_under(&shared.join(folder), ends);
        assert!(
            !sources.is_empty(),
            "no research text in {}: the shared folder is incomplete",
            shared.join(folder).display()
        );
        for path in &sources {
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            found.extend(runs(&text));
        }
    }
    for seed in files_under(&shared.join("seed"), &[".txt"]) {
        let text = std::fs::read_to_string(&seed)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", seed.display()));
        for run in runs(&text) {
            found.remove(&run);
        }
    }
    for text in ALLOWED {
        for run in runs(text) {
            found.remove(&run);
        }
    }
    found
}

/// Every file of the checkout outside [`SKIPPED_DIRS`], symbolic links
/// left alone.
fn project_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let name = entry.file_name();
            if SKIPPED_DIRS.iter().any(|s| relative == Path::new(s))
                || name == "target"
                || name == ".git"
            {
                continue;
            }
            match entry.file_type() {
                Ok(t) if t.is_dir() => dirs.push(path),
                Ok(t) if t.is_file() => files.push(path),
                _ => {}
            }
        }
    }
    files.sort();
    files
}

/// Where `text` (one file, `name`) shares a run with `research`: one
/// finding per stretch of lines the shared runs cover.
fn copies_in(name: &str, text: &str, research: &HashSet<u128>) -> Vec<String> {
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    for run in ideographs(text).windows(RUN) {
        if !research.contains(&packed(run)) {
            continue;
        }
        let (first, last) = (run[0].1, run[RUN - 1].1);
        match stretches.last_mut() {
            Some(s) if first <= s.1 => s.1 = s.1.max(last),
            _ => stretches.push((first, last)),
        }
    }
    let lines: Vec<&str> = text.lines().collect();
    stretches
        .into_iter()
        .map(|(first, last)| {
            let shown: String = lines[first - 1..last]
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join(" / ")
                .chars()
                .take(80)
                .collect();
            if first == last {
                format!("{name}:{first}: {shown}")
            } else {
                format!("{name}:{first}-{last}: {shown}")
            }
        })
        .collect()
}

#[test]
fn a_copied_sentence_is_found_across_changed_spacing_marks_lines_and_script() {
    let research: HashSet<u128> = runs("记者从有关部门获悉，今年全市新建公园十二座。")
        .into_iter()
        .collect();
    let quoted = "// (`今 年 全 市 新 建 公 园` / `十二座。`)\nlet x = 1;\n";
    assert_eq!(
        copies_in("a.rs", quoted, &research),
        ["a.rs:1: // (`今 年 全 市 新 建 公 园` / `十二座。`)"]
    );
    // Seven ideographs of it in a row are not a copy.
    assert!(copies_in("a.rs", "`今年全市新建公`", &research).is_empty());
    // Split over two lines of a test's page, it is one.
    assert_eq!(
        copies_in("a.rs", "x\n\"今年全市新\",\n\"建公园\",\ny\n", &research),
        ["a.rs:2-3: \"今年全市新\", / \"建公园\","]
    );
    // Set in traditional characters, it is one too.
    assert_eq!(copies_in("a.rs", "記者從有關部門獲悉", &research).len(), 1);
}

#[test]
fn no_research_text_is_copied_into_the_project() {
    let Some(shared) = shared_dir() else {
        println!(
            "SKIPPED research_text: ../shared not found (set PROOFDESK_SHARED to the shared folder)"
        );
        return;
    };
    let research = research_runs(&shared);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    let mut copies = Vec::new();
    for path in project_files(&root) {
        let Some(text) = text_of(&path) else {
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
        "{} places quote research-use text from {} (invent text of the same shape instead):\n{}",
        copies.len(),
        shared.display(),
        copies.join("\n")
    );
}
