//! Writes a done training fixture for every page of a devpages folder
//! (`NNN.raw.txt` with `NNN.gold.json`), the gold converted as the tests
//! convert it (`proofdesk::gold`):
//!
//! `cargo run --release --example devpages_fixtures -- ../shared/devpages OUT_DIR`
//!
//! Each fixture holds the page's raw text, the current proposal, and the
//! gold as its correction, status `done`: `proofdesk eval OUT_DIR` scores
//! the proposal against it, `proofdesk export OUT_DIR` exports it.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

fn main() -> anyhow::Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [dir, out] = args.as_slice() else {
        bail!("usage: devpages_fixtures DEVPAGES_DIR OUT_DIR");
    };
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    if golds.is_empty() {
        bail!(
            "no NNN.gold.json in {}: is it a devpages folder?",
            dir.display()
        );
    }
    let mut written = 0;
    for gold in &golds {
        written += usize::from(write_one(gold, out)?);
    }
    println!("{written} done fixtures written to {}", out.display());
    Ok(())
}

/// Writes the fixture of one page; `false` when its raw text is missing.
fn write_one(gold: &Path, out: &Path) -> anyhow::Result<bool> {
    let stem = gold.to_string_lossy().replace(".gold.json", "");
    let raw = PathBuf::from(format!("{stem}.raw.txt"));
    if !raw.is_file() {
        eprintln!("skipped {}: no {}", gold.display(), raw.display());
        return Ok(false);
    }
    let page = proofdesk::io::read_page(&raw)?;
    let json =
        std::fs::read_to_string(gold).with_context(|| format!("reading {}", gold.display()))?;
    let made = proofdesk::gold::done_fixture(&page, &json, &proofdesk::fixture::now_rfc3339())
        .with_context(|| gold.display().to_string())?;
    let name = raw
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let path = out.join(format!("{name}.proofdesk.json"));
    let text = made.fixture.to_json()?;
    proofdesk::io::write_atomic(&path, text.as_bytes())?;
    Ok(true)
}
