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
    bench_propose(bencher, "seed", SEED);
}

/// Times the proposal of `text`, counted in its bytes.
fn bench_propose(bencher: divan::Bencher<'_, '_>, name: &str, text: &str) {
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            proofdesk::propose_page(RawText::new(
                name,
                black_box(text),
                Encoding::Utf8,
                LineEnding::Lf,
            ))
        });
}

/// A 1 MB page (the seed repeated).
#[divan::bench(sample_count = 30)]
fn propose_1mb(bencher: divan::Bencher<'_, '_>) {
    bench_propose(bencher, "big", &one_mb());
}

/// About 1 MB of page text written in text boxes, as pdfminer.six and
/// plain `pdftotext` write a page: the seed page's lines without their
/// letter spacing, four to a box, the boxes two more blank lines apart,
/// repeated: 5,077 boxes. The lines glued onto a dateline are left out
/// (box reading steps aside where one raw line holds two).
fn one_mb_in_boxes() -> String {
    let mut page = String::new();
    let mut in_box = 0;
    for line in SEED.lines() {
        let line: String = line.chars().filter(|&c| c != ' ').collect();
        if line.trim().is_empty() || line.contains("本报讯") {
            continue;
        }
        if in_box == 4 {
            page.push_str("\n\n");
            in_box = 0;
        }
        page.push_str(&line);
        page.push_str("\n\n");
        in_box += 1;
    }
    page.repeat(1_000_000 / page.len() + 1)
}

/// A 1 MB page in text boxes ([`one_mb_in_boxes`]): box reading looks for
/// words across boxes within a page's reach, not across the whole file.
#[divan::bench(sample_count = 20)]
fn propose_1mb_in_boxes(bencher: divan::Bencher<'_, '_>) {
    bench_propose(bencher, "boxes", &one_mb_in_boxes());
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

/// An OCR page of `../shared/devpages-ocr` (Tesseract hOCR, 2,339 × 3,309
/// JPEG beside it), where the data is: `None` elsewhere (the bench then
/// measures nothing).
fn ocr_page() -> Option<std::path::PathBuf> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devpages-ocr/009.hocr");
    path.is_file().then_some(path)
}

/// Opening the OCR page beside its picture, as the desk and every command
/// do: read, parse, decode the JPEG, look for rings at the marks, propose.
#[divan::bench(sample_count = 20)]
fn open_ocr_page_beside_its_picture(bencher: divan::Bencher<'_, '_>) {
    let page = ocr_page();
    bencher.bench(|| {
        page.as_deref()
            .map(|p| proofdesk::io::read_page(black_box(p)))
    });
}

/// The same page read from its bytes alone (no picture): the proposal
/// without the ink check.
#[divan::bench(sample_count = 20)]
fn open_ocr_page_without_picture(bencher: divan::Bencher<'_, '_>) {
    let bytes = ocr_page().and_then(|p| std::fs::read(p).ok());
    bencher.bench(|| {
        bytes
            .as_deref()
            .map(|b| proofdesk::io::page_from_bytes("009.hocr", black_box(b)))
    });
}

/// The ring search alone, on the decoded picture: every comma, apostrophe
/// and colon of the page looked at.
#[divan::bench(sample_count = 20)]
fn rings_at_the_marks_of_an_ocr_page(bencher: divan::Bencher<'_, '_>) {
    let read = ocr_page().and_then(|p| {
        let bytes = std::fs::read(&p).ok()?;
        let page = proofdesk::io::page_from_bytes("009.hocr", &bytes).ok()?;
        let picture = proofdesk::picture::load(&p.with_extension("jpg")).ok()?;
        Some((page, proofdesk::picture::Gray::of(picture)))
    });
    bencher.bench(|| {
        read.as_ref().and_then(|(page, gray)| {
            let chars: Vec<char> = page.raw.text().chars().collect();
            let geometry = page.raw.geometry()?;
            Some(proofdesk::picture::stops_inked(
                geometry,
                black_box(gray),
                |o| chars.get(o).copied(),
            ))
        })
    });
}
