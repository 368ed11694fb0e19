//! Normalizer throughput: decode + normalize + segment of a page, one
//! thread, against reading and counting the same characters (what `wc -m`
//! does). Run `cargo bench --bench normalize`; see BENCHMARKS.md.

use std::hint::black_box;

use proofdesk::decode::{Encoding, LineEnding};
use proofdesk::page::RawText;

const SEED: &str = include_str!("../tests/data/seed_page.txt");

/// About 1 MB of real page text: the seed page repeated.
fn one_mb() -> String {
    SEED.repeat(1_000_000 / SEED.len() + 1)
}

fn main() {
    divan::main();
}

/// The seed page (10.6 kB): page model (with SHA-256) and proposal.
#[divan::bench]
fn propose_seed(bencher: divan::Bencher<'_, '_>) {
    bencher
        .counter(divan::counter::BytesCount::new(SEED.len()))
        .bench(|| {
            proofdesk::propose_page(RawText::new(
                "seed",
                black_box(SEED),
                Encoding::Utf8,
                LineEnding::Lf,
            ))
        });
}

/// A 1 MB page (the seed repeated).
#[divan::bench(sample_count = 30)]
fn propose_1mb(bencher: divan::Bencher<'_, '_>) {
    let text = one_mb();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            proofdesk::propose_page(RawText::new(
                "big",
                black_box(&text),
                Encoding::Utf8,
                LineEnding::Lf,
            ))
        });
}

/// Bytes to corrected text, as `proofdesk normalize --format text` does
/// (decode, propose, render), on the 1 MB page.
#[divan::bench(sample_count = 30)]
fn normalize_text_1mb(bencher: divan::Bencher<'_, '_>) {
    let bytes = one_mb().into_bytes();
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| {
            proofdesk::io::page_from_bytes("big", black_box(&bytes))
                .map(|p| p.to_text())
                .map(|t| t.len())
        });
}

/// Baseline: UTF-8 validation and counting characters of the same 1 MB, as
/// `wc -m` does.
#[divan::bench(sample_count = 30)]
fn wc_m_baseline_1mb(bencher: divan::Bencher<'_, '_>) {
    let bytes = one_mb().into_bytes();
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| {
            std::str::from_utf8(black_box(&bytes))
                .map(|s| s.chars().count())
                .unwrap_or(0)
        });
}

/// The 1 MB page proposed by the rules and refined by a line model
/// (`proofdesk normalize --model`): its features read, tagged (Viterbi and
/// forward–backward) and applied. The model is trained, before timing, on
/// the corrected seed page.
#[divan::bench(sample_count = 30)]
fn propose_1mb_with_model(bencher: divan::Bencher<'_, '_>) {
    use proofdesk::line_model::{CUTS, train, training_page};
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed_page.proofdesk.json"
    );
    let Ok(fixture) = proofdesk::io::read_fixture(std::path::Path::new(path)) else {
        panic!("the corrected seed page is at {path}");
    };
    let page = training_page(&fixture.raw_text(), &fixture.articles);
    let Ok(model) = train(&[page], CUTS) else {
        panic!("a model trains on the corrected seed page");
    };
    let text = one_mb();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            proofdesk::propose_page_with(
                RawText::new("big", black_box(&text), Encoding::Utf8, LineEnding::Lf),
                Some(&model),
            )
        });
}
