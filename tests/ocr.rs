//! Pages read by a real OCR engine: the ten pages of
//! `../shared/devpages-ocr` (or `$PROOFDESK_DEVPAGES_OCR`), which Tesseract 5
//! wrote as plain text, hOCR and ALTO. The files are read at test time and
//! nothing of them is copied into the repository.

use std::path::{Path, PathBuf};

use proofdesk::fixture::Fixture;
use proofdesk::io::{page_from_bytes, read_page};
use proofdesk::ocr::OcrFormat;

fn ocr_dir() -> PathBuf {
    std::env::var_os("PROOFDESK_DEVPAGES_OCR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/devpages-ocr"),
        PathBuf::from,
    )
}

/// The page's lines without spaces, blank lines left out: what every
/// reading of one page must agree on.
fn lines_without_spaces(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .collect()
}

fn stems(dir: &Path) -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .strip_suffix(".hocr")
                        .map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default();
    stems.sort();
    stems
}

#[test]
fn hocr_and_alto_pages_read_as_the_engines_lines_with_their_boxes() {
    let dir = ocr_dir();
    let stems = stems(&dir);
    if stems.is_empty() {
        println!(
            "SKIPPED devpages-ocr: {} not found (set PROOFDESK_DEVPAGES_OCR to the folder)",
            dir.display()
        );
        return;
    }
    let mut words = 0;
    for stem in &stems {
        let txt = read_page(&dir.join(format!("{stem}.txt"))).expect("the plain text reads");
        let hocr = read_page(&dir.join(format!("{stem}.hocr"))).expect("the hOCR reads");
        let alto = read_page(&dir.join(format!("{stem}.xml"))).expect("the ALTO reads");
        assert!(
            txt.raw.geometry().is_none(),
            "{stem}: plain text has no boxes"
        );
        // One reading, three files: the same lines as Tesseract's own text.
        assert_eq!(
            lines_without_spaces(hocr.raw.text()),
            lines_without_spaces(txt.raw.text()),
            "{stem}: hOCR lines"
        );
        assert_eq!(hocr.raw.text(), alto.raw.text(), "{stem}: hOCR and ALTO");
        assert_eq!(hocr.articles, alto.articles, "{stem}: the same proposal");
        let h = hocr.raw.geometry().expect("hOCR keeps its boxes");
        let a = alto.raw.geometry().expect("ALTO keeps its boxes");
        assert_eq!((h.format, a.format), (OcrFormat::Hocr, OcrFormat::Alto));
        assert_eq!(h.lines.len(), a.lines.len(), "{stem}: as many lines");
        if let Some((x, y)) = h.lines.iter().zip(&a.lines).find(|(x, y)| x != y) {
            panic!("{stem}: hOCR and ALTO differ on a line:\n{x:?}\n{y:?}");
        }
        assert_eq!(h.image.as_deref(), Some(format!("{stem}.jpg").as_str()));
        assert!(h.page_size[0] > 1000 && h.page_size[1] > 1000, "{stem}");
        let chars: Vec<char> = hocr.raw.text().chars().collect();
        assert!(h.problems(chars.len()).is_empty(), "{stem}: sound geometry");
        // Every non-blank raw line is one engine line, box and all.
        let raw_lines = hocr
            .raw
            .lines()
            .iter()
            .filter(|l| l.end() > l.start())
            .count();
        assert_eq!(raw_lines, h.lines.len(), "{stem}: one box per line");
        for line in &h.lines {
            assert!(line.bbox[0] < line.bbox[2] && line.bbox[1] < line.bbox[3]);
            for w in &line.words {
                let word: String = chars[w.start..w.end].iter().collect();
                assert!(!word.trim().is_empty(), "{stem}: a word has text");
            }
            words += line.words.len();
        }
        // The fixture keeps the geometry, and reads back the same.
        let json = Fixture::from_page(&hocr, "2026-12-01T00:00:00Z")
            .to_json()
            .expect("writes");
        let back = Fixture::from_json(&json).expect("reads back").into_page();
        assert_eq!(back.raw.geometry(), Some(h), "{stem}: round trip");
    }
    assert!(words > 10_000, "the pages hold {words} words");
}

#[test]
fn a_broken_ocr_file_is_refused_with_what_to_do() {
    let broken = "<?xml version=\"1.0\"?>\n<alto><Layout><Page><TextBlock></Page></alto>";
    let e = page_from_bytes("p.xml", broken.as_bytes()).expect_err("refused");
    let message = e.to_string();
    assert!(
        message.contains("ALTO file is not well-formed XML"),
        "{message}"
    );
    assert!(
        message.contains("open the file the OCR engine wrote"),
        "{message}"
    );
    // A geometry that points past the text is refused with the fixture.
    let page = page_from_bytes(
        "p.xml",
        b"<alto><Layout><Page WIDTH=\"9\" HEIGHT=\"9\"><TextBlock><TextLine HPOS=\"0\" VPOS=\"0\" WIDTH=\"9\" HEIGHT=\"9\"><String CONTENT=\"\xe6\x98\xa5\" HPOS=\"0\" VPOS=\"0\" WIDTH=\"9\" HEIGHT=\"9\" WC=\"0.5\"/></TextLine></TextBlock></Page></Layout></alto>",
    )
    .expect("a one-word page reads");
    assert_eq!(page.raw.text(), "春");
    let mut fixture = Fixture::from_page(&page, "2026-12-01T00:00:00Z");
    let json = fixture.to_json().expect("writes");
    assert!(Fixture::from_json(&json).is_ok());
    if let Some(ocr) = fixture.source.ocr.as_mut() {
        ocr.lines[0].end = 5;
    }
    let problems = fixture.problems();
    assert!(
        problems.iter().any(|p| p.path == "$.source.ocr"),
        "{problems:?}"
    );
}
