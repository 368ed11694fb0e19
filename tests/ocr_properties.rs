//! Invariants of the OCR readers on arbitrary engine output: hOCR, ALTO and
//! PAGE XML pages of random text with random boxes (empty, inverted, off
//! the page, overlapping, up to the largest a file can hold) and random confidences
//! (in range, above 100, negative, not numbers). Whatever an engine writes,
//! the desk never panics; a page it reads has sound geometry, every char
//! of its raw text in exactly one block, and a fixture that round-trips.

use proofdesk::fixture::{Fixture, coverage_problems};
use proofdesk::io::page_from_bytes;
use proptest::prelude::*;

/// One word the engine read: its text, box and confidence as written.
#[derive(Clone, Debug)]
struct Word {
    text: String,
    bbox: [i64; 4],
    confidence: String,
}

/// A page: blocks of lines of words.
type Blocks = Vec<Vec<Vec<Word>>>;

/// Text as an engine reads a Chinese page: ideographs, the marks it
/// misreads, digits, Latin, and characters XML must escape.
fn word_text() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => "[一-龥]{1,4}",
        2 => prop::sample::select(vec![
            "，", "。", ",", ":", "'", "`", ";", "*", "|", "}", "\"", "《", "〈", "(", ")",
            "、", "…", "——", "&", "<", ">", "本报讯", "记者", "摄",
        ])
        .prop_map(str::to_owned),
        1 => "[0-9]{1,3}",
        1 => "[a-z]{1,3}",
        1 => prop::sample::select(vec!["", " ", "\u{3000}", "\t"]).prop_map(str::to_owned),
    ]
}

/// A box as engines write it, sane or not.
fn bbox() -> impl Strategy<Value = [i64; 4]> {
    prop_oneof![
        6 => (0_i64..900, 0_i64..1300, 1_i64..120, 1_i64..60)
            .prop_map(|(x, y, w, h)| [x, y, x + w, y + h]),
        1 => prop::array::uniform4(-50_i64..5000),
        1 => prop::array::uniform4(0_i64..=i64::from(u32::MAX) + 10),
        1 => Just([0, 0, 0, 0]),
        1 => (0_i64..900, 0_i64..1300).prop_map(|(x, y)| [x + 40, y + 30, x, y]),
    ]
}

fn confidence() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0_u32..=100).prop_map(|c| c.to_string()),
        1 => Just("150".to_owned()),
        1 => Just("-5".to_owned()),
        1 => Just("x".to_owned()),
    ]
}

fn blocks() -> impl Strategy<Value = Blocks> {
    let word = (word_text(), bbox(), confidence()).prop_map(|(text, bbox, confidence)| Word {
        text,
        bbox,
        confidence,
    });
    let line = prop::collection::vec(word, 0..6);
    let block = prop::collection::vec(line, 0..5);
    prop::collection::vec(block, 0..6)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The box around `words` (an empty box where there are none).
fn around(words: &[Word]) -> [i64; 4] {
    let Some(first) = words.first() else {
        return [0, 0, 0, 0];
    };
    words.iter().fold(first.bbox, |a, w| {
        [
            a[0].min(w.bbox[0]),
            a[1].min(w.bbox[1]),
            a[2].max(w.bbox[2]),
            a[3].max(w.bbox[3]),
        ]
    })
}

/// A confidence as ALTO and PAGE XML write it, 0 to 1 (what is not a
/// number as it is).
fn fraction(confidence: &str) -> String {
    confidence
        .parse::<f64>()
        .map_or_else(|_| confidence.to_owned(), |c| (c / 100.0).to_string())
}

fn hocr(page: &Blocks) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta name='ocr-system' content='tesseract 5.3.0'/></head><body>\n<div class='ocr_page' title='image \"p.png\"; bbox 0 0 1000 1400'>\n",
    );
    for block in page {
        let words: Vec<Word> = block.iter().flatten().cloned().collect();
        let [a, b, c, d] = around(&words);
        out.push_str(&format!("<div class='ocr_carea' title='bbox {a} {b} {c} {d}'><p class='ocr_par' title='bbox {a} {b} {c} {d}'>\n"));
        for line in block {
            let [a, b, c, d] = around(line);
            out.push_str(&format!(
                "<span class='ocr_line' title='bbox {a} {b} {c} {d}'>"
            ));
            for w in line {
                let [a, b, c, d] = w.bbox;
                out.push_str(&format!(
                    "<span class='ocrx_word' title='bbox {a} {b} {c} {d}; x_wconf {}'>{}</span> ",
                    w.confidence,
                    escape(&w.text)
                ));
            }
            out.push_str("</span>\n");
        }
        out.push_str("</p></div>\n");
    }
    out.push_str("</div></body></html>\n");
    out
}

fn alto(page: &Blocks) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v3#\"><Description><MeasurementUnit>pixel</MeasurementUnit><sourceImageInformation><fileName>p.png</fileName></sourceImageInformation></Description>\n<Layout><Page WIDTH=\"1000\" HEIGHT=\"1400\"><PrintSpace>\n",
    );
    let pos = |b: [i64; 4]| {
        format!(
            "HPOS=\"{}\" VPOS=\"{}\" WIDTH=\"{}\" HEIGHT=\"{}\"",
            b[0],
            b[1],
            b[2] - b[0],
            b[3] - b[1]
        )
    };
    for block in page {
        let words: Vec<Word> = block.iter().flatten().cloned().collect();
        out.push_str(&format!("<TextBlock {}>\n", pos(around(&words))));
        for line in block {
            out.push_str(&format!("<TextLine {}>", pos(around(line))));
            for w in line {
                out.push_str(&format!(
                    "<String {} WC=\"{}\" CONTENT=\"{}\"/><SP/>",
                    pos(w.bbox),
                    fraction(&w.confidence),
                    escape(&w.text)
                ));
            }
            out.push_str("</TextLine>\n");
        }
        out.push_str("</TextBlock>\n");
    }
    out.push_str("</PrintSpace></Page></Layout></alto>\n");
    out
}

fn page_xml(page: &Blocks) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PcGts xmlns=\"http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15\"><Page imageFilename=\"p.png\" imageWidth=\"1000\" imageHeight=\"1400\">\n",
    );
    let points = |b: [i64; 4]| {
        format!(
            "<Coords points=\"{},{} {},{} {},{} {},{}\"/>",
            b[0], b[1], b[2], b[1], b[2], b[3], b[0], b[3]
        )
    };
    for (k, block) in page.iter().enumerate() {
        let words: Vec<Word> = block.iter().flatten().cloned().collect();
        out.push_str(&format!(
            "<TextRegion id=\"r{k}\">{}\n",
            points(around(&words))
        ));
        for (j, line) in block.iter().enumerate() {
            out.push_str(&format!(
                "<TextLine id=\"l{k}_{j}\">{}",
                points(around(line))
            ));
            for (i, w) in line.iter().enumerate() {
                out.push_str(&format!(
                    "<Word id=\"w{k}_{j}_{i}\">{}<TextEquiv conf=\"{}\"><Unicode>{}</Unicode></TextEquiv></Word>",
                    points(w.bbox),
                    fraction(&w.confidence),
                    escape(&w.text)
                ));
            }
            out.push_str("</TextLine>\n");
        }
        out.push_str("</TextRegion>\n");
    }
    out.push_str("</Page></PcGts>\n");
    out
}

/// Reads `markup` as file `name`: never a panic; a page read holds every
/// raw char in one block, sound geometry, and a fixture that round-trips.
fn holds(name: &str, markup: &str) -> Result<(), TestCaseError> {
    let Ok(page) = page_from_bytes(name, markup.as_bytes()) else {
        // Refused with a message (a page with no text at all).
        return Ok(());
    };
    let raw: Vec<char> = page.raw.text().chars().collect();
    let problems = coverage_problems(&raw, &page.articles);
    prop_assert!(problems.is_empty(), "{name}: {problems:?}");
    if let Some(g) = page.raw.geometry() {
        let problems = g.problems(raw.len());
        prop_assert!(problems.is_empty(), "{name}: {problems:?}");
    }
    let f = Fixture::from_page(&page, "2026-12-03T12:00:00Z");
    let json = f
        .to_json()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back =
        Fixture::from_json(&json).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
    prop_assert_eq!(back.into_page().articles, page.articles);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_engine_page_is_read_whole_or_refused(page in blocks()) {
        holds("p.hocr", &hocr(&page))?;
        holds("p.xml", &alto(&page))?;
        holds("p.page.xml", &page_xml(&page))?;
    }

    #[test]
    fn a_cut_off_engine_file_never_panics(page in blocks(), cut in 0.0_f64..1.0) {
        for markup in [hocr(&page), alto(&page), page_xml(&page)] {
            let mut at = (markup.len() as f64 * cut) as usize;
            while !markup.is_char_boundary(at) {
                at -= 1;
            }
            let _result = page_from_bytes("p.xml", &markup.as_bytes()[..at]);
        }
    }
}

/// The files the properties write are read as their formats: a page of
/// sane boxes gives its words' text, in order, with their boxes.
#[test]
fn the_made_up_engine_files_are_read_as_written() {
    let w = |t: &str, b: [i64; 4]| Word {
        text: t.to_owned(),
        bbox: b,
        confidence: "90".to_owned(),
    };
    let page: Blocks = vec![
        vec![vec![
            w("春风", [10, 10, 100, 60]),
            w("吹", [100, 10, 150, 60]),
        ]],
        vec![vec![w("又生", [10, 100, 100, 128])]],
    ];
    for (name, markup) in [
        ("p.hocr", hocr(&page)),
        ("p.xml", alto(&page)),
        ("p.page.xml", page_xml(&page)),
    ] {
        let read =
            page_from_bytes(name, markup.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(read.raw.text(), "春风吹\n\n又生", "{name}");
        let g = read
            .raw
            .geometry()
            .unwrap_or_else(|| panic!("{name}: boxes"));
        assert_eq!(g.lines.len(), 2, "{name}");
        assert_eq!(g.lines[0].words.len(), 2, "{name}");
        assert_eq!(g.lines[0].words[0].bbox, [10, 10, 100, 60], "{name}");
    }
}
