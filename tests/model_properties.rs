//! A model file damaged anyhow (bytes changed, cut short, bytes put in) is
//! refused with a message or used; either way nothing panics, and a page
//! proposed with a model that was read still holds every raw char in
//! exactly one block.

use std::sync::OnceLock;

use proofdesk::fixture::coverage_problems;
use proofdesk::line_model::LineModel;
use proptest::prelude::*;

mod support;

/// A model trained on the project's three corrected fixtures, as bytes.
fn model_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| support::model_of_the_fixtures().0.bytes().to_vec())
}

/// A change to the file's bytes.
#[derive(Clone, Debug)]
enum Damage {
    /// The byte at a place (a fraction of the length) set to a value.
    Set(f64, u8),
    /// The file cut at a place.
    Cut(f64),
    /// Bytes put in at a place.
    Insert(f64, Vec<u8>),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (0.0_f64..1.0, any::<u8>()).prop_map(|(at, b)| Damage::Set(at, b)),
        1 => (0.0_f64..1.0).prop_map(Damage::Cut),
        1 => (0.0_f64..1.0, prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, b)| Damage::Insert(at, b)),
    ]
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "a fraction of a small length"
)]
fn place(at: f64, len: usize) -> usize {
    ((at * len as f64) as usize).min(len)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_damaged_model_is_refused_or_proposes_a_whole_page(
        damages in prop::collection::vec(damage(), 1..4),
    ) {
        let mut bytes = model_bytes().to_vec();
        for d in &damages {
            match d {
                Damage::Set(at, b) => {
                    let i = place(*at, bytes.len().saturating_sub(1));
                    if let Some(slot) = bytes.get_mut(i) {
                        *slot = *b;
                    }
                }
                Damage::Cut(at) => bytes.truncate(place(*at, bytes.len())),
                Damage::Insert(at, b) => {
                    let i = place(*at, bytes.len());
                    bytes.splice(i..i, b.iter().copied());
                }
            }
        }
        let Ok(model) = LineModel::from_bytes(bytes) else {
            return Ok(()); // refused, with a message
        };
        let raw = proofdesk::io::page_from_bytes("seed_page.txt", support::SEED.as_bytes())
            .expect("reads")
            .raw;
        let page = proofdesk::propose_page_with(raw, Some(&model));
        let chars: Vec<char> = page.raw.text().chars().collect();
        let problems = coverage_problems(&chars, &page.articles);
        prop_assert!(problems.is_empty(), "{problems:?}");
    }
}

/// The command line names a damaged model and goes on with the rules, with
/// no panic's message or backtrace before it.
#[test]
fn a_damaged_model_is_named_without_a_panic_on_the_terminal() {
    let (model, manifest) = support::model_of_the_fixtures();
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("paper.crfsuite");
    model.save(&path, &manifest).expect("saved");
    // An offset in the file's header pointed far past its end: `crfs`
    // panics reading it.
    let mut bytes = std::fs::read(&path).expect("reads");
    bytes[40..44].copy_from_slice(&[0xff, 0xff, 0xff, 0x7f]);
    std::fs::write(&path, &bytes).expect("written");
    // Its manifest names the damaged file (else the hash, not the reader,
    // would refuse it first).
    let described = proofdesk::line_model::Manifest {
        model_sha256: proofdesk::page::sha256_hex_of(&bytes),
        ..manifest
    };
    std::fs::write(
        proofdesk::line_model::manifest_path(&path),
        serde_json::to_vec(&described).expect("encodes"),
    )
    .expect("written");
    assert!(LineModel::from_bytes(bytes).is_err(), "refused");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_proofdesk"))
        .args(["normalize", "tests/data/seed_page.txt", "--model"])
        .arg(&path)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("the binary runs");
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("damaged") && said.contains("rules alone"),
        "{said}"
    );
    assert!(
        !said.contains("panicked") && !said.contains("backtrace"),
        "{said}"
    );
}
