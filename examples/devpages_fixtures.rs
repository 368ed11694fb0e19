//! Writes a done training fixture for every page of a devpages folder
//! (`NNN.raw.txt` with `NNN.gold.json`), the gold converted as the tests
//! convert it (`proofdesk::gold`):
//!
//! `cargo run --release --example devpages_fixtures -- ../shared/devpages OUT_DIR`
//!
//! A folder of OCR pages (`../shared/devpages-ocr`: `NNN.hocr`, `NNN.xml`
//! or `NNN.txt` with `NNN.gold.json`) works the same way: its gold is
//! lined up with the engine's misread text (`eval::place_blocks_lined_up`)
//! and each fixture keeps the engine's boxes.
//!
//! Each fixture holds the page's raw text, the current proposal, and the
//! gold as its correction, status `done`: `proofdesk eval OUT_DIR` scores
//! the proposal against it, `proofdesk export OUT_DIR` exports it.

use std::path::PathBuf;

use anyhow::{Context as _, bail};

fn main() -> anyhow::Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [dir, out] = args.as_slice() else {
        bail!("usage: devpages_fixtures DEVPAGES_DIR OUT_DIR");
    };
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let files = proofdesk::gold::devpage_files(dir)?;
    if files.is_empty() {
        bail!(
            "no NNN.raw.txt (or NNN.hocr, NNN.xml, NNN.txt) with NNN.gold.json in {}: is it a devpages folder?",
            dir.display()
        );
    }
    for (raw, gold) in &files {
        let page = proofdesk::gold::read_devpage(raw, gold, &proofdesk::fixture::now_rfc3339())?;
        let path = out.join(format!("{}.proofdesk.json", page.name));
        let text = page.gold.fixture.to_json()?;
        proofdesk::io::write_atomic(&path, text.as_bytes())?;
    }
    println!("{} done fixtures written to {}", files.len(), out.display());
    Ok(())
}
