//! Builds `crates/proofdesk-core/data/lexicon.bin`, the word list that
//! tells whether a word reads on across a line break
//! (`proofdesk_core::lexicon`), from jieba's dictionary (MIT licence;
//! `pip install jieba` puts it at `site-packages/jieba/dict.txt`):
//!
//! ```text
//! cargo run --release --example make_lexicon -- DICT_TXT crates/proofdesk-core/data/lexicon.bin
//! ```
//!
//! Kept: words of one to six ideographs (U+4E00–U+9FFF); single
//! ideographs whatever their count, longer words seen at least
//! [`MIN_COUNT`] times. Each word's cost is `-ln(count / total)`, in
//! eighths of a nat, rounded, at most 255. The file's layout is described
//! in `crates/proofdesk-core/data/README.md`.

use std::collections::BTreeMap;
use std::io::Write as _;

use anyhow::{Context as _, bail};

/// Words of two ideographs or more seen fewer times than this are left out
/// (rare dictionary entries make chance words across a line break).
const MIN_COUNT: u64 = 5;

const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dict, out] = args.as_slice() else {
        bail!("usage: make_lexicon DICT_TXT OUT_BIN (jieba's dict.txt, then the file to write)");
    };
    let text = std::fs::read_to_string(dict).with_context(|| format!("could not read {dict}"))?;
    let mut total = 0u64;
    let mut words: Vec<(Vec<u16>, u64)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut fields = line.split(' ');
        let (Some(word), Some(count)) = (fields.next(), fields.next()) else {
            bail!("{dict}:{}: expected `word count [tag]`", n + 1);
        };
        let count: u64 = count
            .parse()
            .with_context(|| format!("{dict}:{}: count is not a number", n + 1))?;
        total += count;
        let units: Option<Vec<u16>> = word
            .chars()
            .map(|c| {
                let c = u32::from(c);
                (FIRST..=LAST)
                    .contains(&c)
                    .then(|| u16::try_from(c - FIRST).ok())
                    .flatten()
            })
            .collect();
        let Some(units) = units else { continue };
        if units.is_empty() || units.len() > 6 || (units.len() > 1 && count < MIN_COUNT) {
            continue;
        }
        words.push((units, count));
    }
    if total == 0 {
        bail!("{dict} holds no counts");
    }
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    let ln_total = (total as f64).ln();
    let mut by_len: BTreeMap<usize, BTreeMap<Vec<u16>, u8>> = BTreeMap::new();
    for (units, count) in words {
        #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
        let cost = ((ln_total - (count.max(1) as f64).ln()) * 8.0).round();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to 0..=255"
        )]
        let cost = cost.clamp(0.0, 255.0) as u8;
        let entry = by_len.entry(units.len()).or_default();
        let slot = entry.entry(units).or_insert(cost);
        *slot = (*slot).min(cost);
    }
    let mut bytes = b"PDLEX1".to_vec();
    for len in 1..=6 {
        let n = by_len.get(&len).map_or(0, BTreeMap::len);
        bytes.extend(u32::try_from(n)?.to_le_bytes());
    }
    for len in 1..=6 {
        for (units, cost) in by_len.get(&len).into_iter().flatten() {
            for u in units {
                bytes.extend(u.to_le_bytes());
            }
            bytes.push(*cost);
        }
    }
    std::fs::File::create(out)
        .and_then(|mut f| f.write_all(&bytes))
        .with_context(|| format!("could not write {out}"))?;
    let counts: Vec<usize> = (1..=6)
        .map(|l| by_len.get(&l).map_or(0, BTreeMap::len))
        .collect();
    println!(
        "{out}: {} bytes; words of 1..6 ideographs: {counts:?}",
        bytes.len()
    );
    Ok(())
}
