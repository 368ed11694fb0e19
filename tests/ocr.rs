//! Pages read by a real OCR engine: the ten pages of
//! `../shared/devpages-ocr` (or `$PROOFDESK_DEVPAGES_OCR`), which Tesseract 5
//! wrote as plain text, hOCR and ALTO. The files are read at test time and
//! nothing of them is copied into the repository.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proofdesk::decision::{Choice, Evidence, Kind, MEASURED_OCR, Record};
use proofdesk::fixture::Fixture;
use proofdesk::io::{page_from_bytes, read_page};
use proofdesk::ocr::OcrFormat;

mod support;

fn ocr_dir() -> PathBuf {
    std::env::var_os("PROOFDESK_DEVPAGES_OCR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/devpages-ocr"),
        PathBuf::from,
    )
}

/// The devpages-ocr folder and its pages' stems, or `None` (said on
/// stdout) where it is not there: the tests that read it are skipped.
fn ocr_pages() -> Option<(PathBuf, Vec<String>)> {
    let dir = ocr_dir();
    let stems = stems(&dir);
    if stems.is_empty() {
        println!(
            "SKIPPED devpages-ocr: {} not found (set PROOFDESK_DEVPAGES_OCR to the folder)",
            dir.display()
        );
        return None;
    }
    Some((dir, stems))
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
    let Some((dir, stems)) = ocr_pages() else {
        return;
    };
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
        // Read top to bottom: headlines come before their text, for the
        // boxed reading and the plain one alike.
        for p in [&hocr, &txt] {
            let all = proofdesk::segment::propose_recording(&p.raw, Record::All);
            let orientation = all.decisions.evidences(Kind::Orientation);
            assert_eq!(orientation, [Evidence::VisualOrder], "{stem}");
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

/// A PAGE XML page (2019) holding `text` and `g`, as Transkribus,
/// eScriptorium or OCR-D would write it: one text region per paragraph,
/// written in the reverse of the order its `ReadingOrder` gives; each
/// line with its words (`words`), or with its text alone.
fn page_xml(text: &str, g: &proofdesk::ocr::Geometry, words: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let esc = |s: String| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let coords = |b: [u32; 4]| {
        format!(
            "<Coords points=\"{},{} {},{} {},{} {},{}\"/>",
            b[0], b[1], b[2], b[1], b[2], b[3], b[0], b[3]
        )
    };
    let slice = |s: usize, e: usize| esc(chars[s..e].iter().collect());
    let paragraphs = g.lines.last().map_or(0, |l| l.paragraph + 1);
    let mut regions = Vec::new();
    for p in 0..paragraphs {
        let mut r = format!("<TextRegion id=\"r{p}\">");
        for (i, l) in g.lines.iter().enumerate().filter(|(_, l)| l.paragraph == p) {
            r.push_str(&format!("<TextLine id=\"l{i}\">{}", coords(l.bbox)));
            if words {
                for w in &l.words {
                    r.push_str(&format!(
                        "<Word>{}<TextEquiv conf=\"{:.2}\"><Unicode>{}</Unicode></TextEquiv></Word>",
                        coords(w.bbox),
                        f32::from(w.confidence) / 100.0,
                        slice(w.start, w.end)
                    ));
                }
            }
            r.push_str(&format!(
                "<TextEquiv><Unicode>{}</Unicode></TextEquiv></TextLine>",
                slice(l.start, l.end)
            ));
        }
        r.push_str("</TextRegion>");
        regions.push(r);
    }
    let order: String = (0..paragraphs)
        .map(|p| format!("<RegionRefIndexed index=\"{p}\" regionRef=\"r{p}\"/>"))
        .collect();
    regions.reverse();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PcGts xmlns=\"http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15\"><Page imageFilename=\"{}\" imageWidth=\"{}\" imageHeight=\"{}\"><ReadingOrder><OrderedGroup id=\"ro\">{order}</OrderedGroup></ReadingOrder>{}</Page></PcGts>",
        esc(g.image.clone().unwrap_or_default()),
        g.page_size[0],
        g.page_size[1],
        regions.concat()
    )
}

#[test]
fn page_xml_of_the_engines_reading_is_read_as_its_alto_is() {
    let Some((dir, stems)) = ocr_pages() else {
        return;
    };
    for stem in &stems {
        // Both read from bytes, without the page picture beside them.
        let bytes = std::fs::read(dir.join(format!("{stem}.xml"))).expect("the ALTO reads");
        let alto = page_from_bytes(&format!("{stem}.xml"), &bytes).expect("the ALTO decodes");
        let a = alto.raw.geometry().expect("boxes");
        // With its words: the same text, boxes, confidences and proposal.
        let xml = page_xml(alto.raw.text(), a, true);
        let page = page_from_bytes(&format!("{stem}.page.xml"), xml.as_bytes()).expect("reads");
        let p = page.raw.geometry().expect("PAGE XML keeps its boxes");
        assert_eq!(p.format, OcrFormat::Page, "{stem}");
        assert_eq!(page.raw.text(), alto.raw.text(), "{stem}: the same text");
        assert_eq!(p.lines, a.lines, "{stem}: the same lines and words");
        assert_eq!((&p.image, p.page_size), (&a.image, a.page_size), "{stem}");
        assert_eq!(page.articles, alto.articles, "{stem}: the same proposal");
        // Its lines alone, as line-level tools write them: the same text,
        // each line one word with the line's box.
        let xml = page_xml(alto.raw.text(), a, false);
        let page = page_from_bytes(&format!("{stem}.lines.xml"), xml.as_bytes()).expect("reads");
        assert_eq!(page.raw.text(), alto.raw.text(), "{stem}: lines only");
        let p = page.raw.geometry().expect("boxes");
        assert!(
            p.lines
                .iter()
                .all(|l| l.words.len() == 1 && l.words[0].bbox == l.bbox),
            "{stem}: one word a line"
        );
    }
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
    // XML in no format Proofdesk reads is refused, not read as text with
    // its tags.
    let tei = "<?xml version=\"1.0\"?>\n<TEI><text><body><p>春风吹又生</p></body></text></TEI>";
    let e = page_from_bytes("p.xml", tei.as_bytes()).expect_err("refused");
    let message = e.to_string();
    assert!(message.contains("<TEI>"), "{message}");
    assert!(message.contains("hOCR, ALTO, PAGE XML"), "{message}");
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

/// The gold text of a devpages gold file, whitespace left out: every
/// article's titles, byline, paragraphs and captions, and the page
/// furniture.
fn gold_glyphs(gold: &serde_json::Value) -> String {
    let mut out = String::new();
    let mut push = |v: &serde_json::Value| {
        if let Some(s) = v.as_str() {
            out.extend(s.chars().filter(|c| !c.is_whitespace()));
        }
    };
    for a in gold["articles"].as_array().into_iter().flatten() {
        for k in ["kicker", "headline", "subheadline"] {
            push(&a[k]);
        }
        if a["byline_inline"] != serde_json::Value::Bool(true) {
            push(&a["byline"]);
        }
        for k in ["paragraphs", "captions"] {
            a[k].as_array().into_iter().flatten().for_each(&mut push);
        }
    }
    gold["page_furniture"]
        .as_array()
        .into_iter()
        .flatten()
        .for_each(push);
    out
}

/// Page `stem` read from its hOCR, and its gold's glyphs.
/// The devpages-ocr page `stem` read from its hOCR, beside its picture;
/// the page must be there.
fn ocr_devpage(stem: &str) -> proofdesk::page::Page {
    let dir = ocr_dir();
    assert!(
        dir.join(format!("{stem}.hocr")).exists(),
        "{}: devpages-ocr page {stem} is there",
        dir.display()
    );
    page_and_gold(&dir, stem).0
}

fn page_and_gold(dir: &Path, stem: &str) -> (proofdesk::page::Page, String) {
    let page = read_page(&dir.join(format!("{stem}.hocr"))).expect("the hOCR reads");
    (page, gold_glyphs(&gold_of(dir, stem)))
}

/// `hocr` as the engine would have written it had the page been set
/// vertically: every box turned a quarter turn clockwise on a page of
/// `height` pixels ([`support::quarter_turn`]).
fn set_vertically(hocr: &str, height: u32) -> String {
    support::rewrite_after(hocr, "bbox ", &[';', '"', '\''], |bbox| {
        let numbers: Vec<u32> = bbox
            .split_whitespace()
            .map(|n| n.parse().expect("a pixel"))
            .collect();
        let [x0, y0, x1, y1] = numbers[..] else {
            panic!("four numbers in a bbox: {bbox}");
        };
        let [a, b, c, d] = support::quarter_turn([x0, y0, x1, y1], height);
        format!("{a} {b} {c} {d}")
    })
}

/// Each running-text block's raw text (its spans).
fn body_blocks(page: &proofdesk::page::Page) -> Vec<Vec<(usize, usize)>> {
    page.articles
        .iter()
        .flat_map(|a| &a.blocks)
        .filter(|b| b.role == proofdesk::page::Role::Body)
        .map(|b| b.spans.iter().map(|s| (s.start, s.end)).collect())
        .collect()
}

#[test]
fn a_page_set_vertically_is_read_in_the_paragraphs_of_the_page_set_across() {
    // Each devpages-ocr page, its boxes turned as if it had been set in
    // columns read top to bottom (as Tesseract's `chi_sim_vert` boxes a
    // vertical page), is read as the same text, each column's place down
    // the page as its line's place across, and proposed in the same
    // paragraphs: 545 of the 552 paragraphs of running text the page set
    // across is proposed in stand as they were. (Not all: across its
    // column a line is measured as running text's where it is at most a
    // fifth wider, as a mark beside a column makes it; a kicker the
    // engine boxed 1.08 to 1.2 times running text's height across the page
    // is then running text.) Read without the picture, which is only
    // looked at on pages set across.
    let Some((dir, stems)) = ocr_pages() else {
        return;
    };
    let (mut paragraphs, mut kept) = (0, 0);
    for stem in &stems {
        let hocr = std::fs::read_to_string(dir.join(format!("{stem}.hocr"))).expect("reads");
        let across = page_from_bytes("p.hocr", hocr.as_bytes()).expect("the hOCR reads");
        let geometry = across.raw.geometry().expect("boxes");
        assert!(!geometry.is_vertical(), "{stem}: set across");
        let vertical = set_vertically(&hocr, geometry.page_size[1]);
        let down = page_from_bytes("p.hocr", vertical.as_bytes()).expect("the turned hOCR reads");
        let turned = down.raw.geometry().expect("boxes");
        assert!(turned.is_vertical(), "{stem}: set vertically");
        assert_eq!(down.raw.text(), across.raw.text(), "{stem}");
        // Turned back: every word where it was, every line along the page
        // where it was.
        let upright = turned.upright();
        assert_eq!(upright.page_size, geometry.page_size, "{stem}");
        assert_eq!(upright.lines.len(), geometry.lines.len(), "{stem}");
        for (a, b) in upright.lines.iter().zip(&geometry.lines) {
            assert_eq!(
                (a.bbox[0], a.bbox[2]),
                (b.bbox[0], b.bbox[2]),
                "{stem}: {a:?}"
            );
            let words = |l: &proofdesk::ocr::OcrLine| -> Vec<_> {
                l.words.iter().map(|w| w.bbox).collect()
            };
            assert_eq!(words(a), words(b), "{stem}: its words turned back");
        }
        let down_blocks = body_blocks(&down);
        let across_blocks = body_blocks(&across);
        paragraphs += across_blocks.len();
        kept += across_blocks
            .iter()
            .filter(|b| down_blocks.contains(b))
            .count();
    }
    assert!(paragraphs > 500, "{paragraphs} paragraphs");
    assert!(
        kept * 100 >= paragraphs * 97,
        "{kept} of {paragraphs} paragraphs kept"
    );
}

/// `alto` with every position and size in tenths of a millimetre
/// (`MeasurementUnit` `mm10`), as ABBYY's engines and others write
/// ALTO, for a page the engine read at 200 dpi (1.27 tenths a pixel).
fn in_tenths_of_a_millimetre(alto: &str) -> String {
    let mut out = alto.replace(
        "<MeasurementUnit>pixel</MeasurementUnit>",
        "<MeasurementUnit>mm10</MeasurementUnit>",
    );
    for name in ["HPOS", "VPOS", "WIDTH", "HEIGHT"] {
        out = support::rewrite_after(&out, &format!(" {name}=\""), &['"'], |pixels| {
            let pixels: f64 = pixels.parse().expect("a number");
            format!("{}", (pixels * 1.27).round())
        });
    }
    out
}

#[test]
fn an_alto_page_measured_in_millimetres_is_read_beside_its_picture() {
    // Each devpages-ocr page's ALTO rewritten in tenths of a millimetre,
    // beside its 200 dpi picture: the picture, of the page's shape at
    // 0.79 of its size in those units, is read for the marks' ink as the
    // picture of the page in pixels is (all 682 rings found again, as
    // measured), and the text is the same but for a space that the boxes
    // rounded to the unit put or leave out.
    let Some((dir, stems)) = ocr_pages() else {
        return;
    };
    let folder = tempfile::tempdir().expect("a temp dir");
    let (mut marks, mut same) = (0, 0);
    for stem in &stems {
        let alto = std::fs::read_to_string(dir.join(format!("{stem}.xml"))).expect("reads");
        let jpg = format!("{stem}.jpg");
        std::fs::copy(dir.join(&jpg), folder.path().join(&jpg)).expect("the picture copies");
        let mm10 = folder.path().join(format!("{stem}.xml"));
        std::fs::write(&mm10, in_tenths_of_a_millimetre(&alto)).expect("writes");
        let pixels = read_page(&dir.join(format!("{stem}.xml"))).expect("the ALTO reads");
        let tenths = read_page(&mm10).expect("the ALTO in mm10 reads");
        // Each ring's glyph counted without spaces (the rounding moves a
        // space here and there, and the offsets with it).
        let inked = |p: &proofdesk::page::Page| -> Vec<usize> {
            let chars: Vec<char> = p.raw.text().chars().collect();
            p.raw
                .geometry()
                .and_then(|g| g.stops_inked.clone())
                .unwrap_or_default()
                .iter()
                .map(|&o| chars[..o].iter().filter(|&&c| c != ' ').count())
                .collect()
        };
        let (a, b) = (inked(&pixels), inked(&tenths));
        assert!(!a.is_empty(), "{stem}: the picture is read in pixels");
        marks += a.len();
        same += a.iter().filter(|o| b.contains(o)).count();
        // The same text, but for a space the rounding put or left out.
        assert_eq!(
            tenths.raw.text().replace(' ', ""),
            pixels.raw.text().replace(' ', ""),
            "{stem}"
        );
    }
    assert!(
        same * 100 >= marks * 98,
        "{same} of {marks} rings found again"
    );
}

/// The ten pages scored by `eval` (the project's own scorer), read from
/// hOCR and from Tesseract's plain text: the gold placed on the engine's
/// misread text through the alignment (`eval::place_blocks_lined_up`).
/// `score_pages.py` (`../shared/tools`), which judges the held-back pages,
/// lines blocks up its own way; the README sets the two side by side.
#[test]
fn ocr_pages_scored_through_the_alignment_keep_their_accuracy() {
    let Some((dir, stems)) = ocr_pages() else {
        return;
    };
    println!("\n{}", proofdesk::eval::Scores::table_header());
    let mut by_format = Vec::new();
    for ext in ["hocr", "txt"] {
        let mut all = proofdesk::eval::Scores::default();
        let mut unplaced = (0, 0);
        for stem in &stems {
            let proofdesk::gold::DevPage { page, gold: g, .. } = proofdesk::gold::read_devpage(
                &dir.join(format!("{stem}.{ext}")),
                &dir.join(format!("{stem}.gold.json")),
                "2026-12-04T00:00:00Z",
            )
            .expect("the page and its gold read");
            unplaced.0 += g.unplaced_blocks;
            unplaced.1 += g.unplaced_chars;
            let mut s = proofdesk::eval::eval_fixture(&g.fixture);
            // Proposed afresh from the fixture, the page must be proposed
            // as `proofdesk normalize` proposed it (with the engine's
            // boxes, kept in the fixture).
            let chars: Vec<char> = page.raw.text().chars().collect();
            let printed: Vec<proofdesk::page::Article> = page
                .articles
                .iter()
                .map(|a| proofdesk::page::Article::clone(a))
                .collect();
            let as_printed = proofdesk::eval::compare(&chars, &g.fixture.articles, &printed);
            assert_eq!(
                (
                    as_printed.articles_exact,
                    as_printed.breaks_tp,
                    as_printed.bcubed_p_micro
                ),
                (s.articles_exact, s.breaks_tp, s.bcubed_p_micro),
                "{stem}.{ext}: eval proposed another page than normalize"
            );
            // Page headers are scored but not counted among the articles,
            // as by `score_pages.py`.
            let without =
                proofdesk::eval::compare_without_headers(&chars, &g.fixture.articles, &printed);
            (s.articles, s.articles_exact) = (without.articles, without.articles_exact);
            println!("{}", s.table_row(&format!("{stem}.{ext}")));
            all.add(&s);
        }
        println!(
            "{} — gold blocks not placed: {} ({} chars)",
            all.table_row(&format!("all .{ext}")),
            unplaced.0,
            unplaced.1
        );
        by_format.push(all);
    }
    let [hocr, txt] = by_format.as_slice() else {
        panic!("two formats scored");
    };
    // Measured 2026-12-04 (session 25): 71/76 from hOCR, 54/76 from
    // `.txt`, break F1 0.994 and 0.950. `score_pages.py` gave 57/76 and
    // 46/76 the same day. From hOCR, 8 of the 14 articles between fail
    // there by one glyph (003, 004, 005): where the engine dropped an
    // article's last full stop, the scorer's window of raw text, as long
    // as the gold block, takes the next article's first glyph; the other
    // 6 (002, 006, 007) by characters its windows leave unplaced (of a
    // block the proposal joined from raw text far apart) or hand to the
    // article beside, on the two pages whose rows the engine merged. The README
    // sets the two side by side. Session 28 (headline stacks read in rows
    // across the page put over the text under them, devpages-ocr 006):
    // 73/76 from hOCR, headlines attached 66/74 (64/74 before), while
    // `score_pages.py` stays at 58/76, giving three glyphs of 006's left
    // stack to the right stack's headline. The floors sit one article
    // under.
    assert!(hocr.articles_exact >= 72, "hOCR: {hocr:?}");
    assert!(txt.articles_exact >= 53, ".txt: {txt:?}");
    assert!(
        hocr.break_f1() >= 0.99 && txt.break_f1() >= 0.94,
        "{hocr:?} {txt:?}"
    );
}

/// The longest run of chars `a` and `b` share.
fn longest_common_run(a: &[char], b: &[char]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for &x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

#[test]
fn the_titles_roles_on_ocr_pages_follow_the_gold() {
    // Each kicker, headline or subheadline block of the proposal (from
    // hOCR) against the gold title it shares the longest run of letters
    // with (at least half of the block's): right where the roles agree.
    let Some((dir, stems)) = ocr_pages() else {
        return;
    };
    let letters = |s: &str| -> Vec<char> { s.chars().filter(|c| c.is_alphanumeric()).collect() };
    let (mut right, mut judged) = (0usize, 0usize);
    for stem in &stems {
        let page = read_page(&dir.join(format!("{stem}.hocr"))).expect("the hOCR reads");
        let gold = gold_of(&dir, stem);
        let titles: Vec<(&str, Vec<char>)> = gold["articles"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|a| {
                ["kicker", "headline", "subheadline"]
                    .into_iter()
                    .filter_map(move |k| a[k].as_str().map(|t| (k, letters(t))))
            })
            .collect();
        for b in page.articles.iter().flat_map(|a| &a.blocks) {
            let role = match b.role {
                proofdesk::page::Role::Kicker => "kicker",
                proofdesk::page::Role::Headline => "headline",
                proofdesk::page::Role::Subheadline => "subheadline",
                _ => continue,
            };
            let text = letters(&b.text);
            let best = titles
                .iter()
                .map(|(k, t)| (longest_common_run(&text, t), *k))
                .max_by_key(|&(n, _)| n);
            if let Some((n, gold_role)) = best
                && text.len() >= 2
                && n * 2 >= text.len()
            {
                judged += 1;
                right += usize::from(gold_role == role);
            }
        }
    }
    println!("title roles from hOCR: {right} of {judged} blocks agree with the gold");
    // Measured 2026-12-02: 107 of 114 (98 of 118 before the page image's
    // sizes set the roles and joined a headline's two lines); 2026-12-04
    // (session 28): 111 of 116, a title sized by its smallest line and
    // rows of unsure words in a stack never its headline.
    assert!(right * 100 >= judged * 90, "{right} of {judged}");
}

/// Each punctuation repair and recognition rule on the devpages-ocr pages:
/// how many of its decisions could be judged against the gold, and how
/// many were wrong (a word kept as read that was misread).
///
/// The raw glyphs are aligned with the gold glyphs (`similar`, Myers); a
/// repair is judged where its raw mark lines up with a gold char that is
/// a mark or one of the repair's two readings, and wrong unless the gold
/// char is the one written. Parts the engine read in another order than
/// the gold do not line up, and are not judged.
fn punctuation_counts(dir: &Path) -> BTreeMap<Evidence, (u32, u32)> {
    let mut counts: BTreeMap<Evidence, (u32, u32)> = BTreeMap::new();
    for stem in stems(dir) {
        let (page, gold) = page_and_gold(dir, &stem);
        let chars: Vec<char> = page.raw.text().chars().collect();
        let aligned = proofdesk::eval::line_up(&chars, &gold);
        let mut marks = proofdesk::eval::marks_lined_up(&chars, &gold);
        // The thirds of a dash the engine read as `一` are judged against
        // the gold char each lines up with (`—`, or `一` where it was one),
        // and so are the letters, figures and brackets it reads for the
        // corner quotes (`『`, `』`, or the glyph itself where it was one).
        marks.extend(
            chars
                .iter()
                .enumerate()
                .filter(|&(_, &c)| matches!(c, '一' | 'J' | '4' | '['))
                .filter_map(|(o, _)| aligned.get(&o).map(|&g| (o, g))),
        );
        let proposal = proofdesk::segment::propose_recording(&page.raw, Record::All);
        // A word is judged where all its glyphs line up with gold chars,
        // and misread where one letter or digit differs.
        for d in proposal
            .decisions
            .list
            .iter()
            .filter(|d| d.kind == Kind::Recognition)
        {
            let end = d.after.unwrap_or(d.at);
            let glyphs: Vec<usize> = (d.at..=end)
                .filter(|&o| !chars[o].is_whitespace())
                .collect();
            let gold_of: Option<Vec<char>> =
                glyphs.iter().map(|o| aligned.get(o).copied()).collect();
            let Some(gold_of) = gold_of else { continue };
            let misread = glyphs
                .iter()
                .zip(&gold_of)
                .any(|(&o, &g)| chars[o].is_alphanumeric() && chars[o] != g);
            let entry = counts.entry(d.evidence).or_default();
            entry.0 += 1;
            entry.1 += u32::from(misread);
        }
        // The picture's rules are measured on the pages read beside their
        // pictures; every other rule on the pages read without them, where
        // it judges every mark it meets. (Beside the picture it judges
        // only the marks whose ink is no ring, the harder ones: no rule
        // sure there on its own is a doubt on them; docs/doubts.md.)
        let seen = |e: Evidence| {
            matches!(
                e,
                Evidence::StopInked
                    | Evidence::AsciiCommaNoRing
                    | Evidence::NoRing
                    | Evidence::StopUnread
                    | Evidence::DotUnread
                    | Evidence::CommaUnread
                    | Evidence::QuoteUnread
                    | Evidence::QuoteInked
                    | Evidence::EnumerationInked
                    | Evidence::DotInked
                    | Evidence::StackedInked
                    | Evidence::EnumerationUnread
                    | Evidence::StackedUnread
            )
        };
        let unread = proofdesk::eval::gold_unread_after(&chars, &gold);
        count_marks(&chars, (&marks, &unread), &proposal, seen, &mut counts);
        let bytes = std::fs::read(dir.join(format!("{stem}.hocr"))).expect("the hOCR reads");
        let blind = proofdesk::io::page_from_bytes(&stem, &bytes).expect("the hOCR decodes");
        let proposal = proofdesk::segment::propose_recording(&blind.raw, Record::All);
        count_marks(
            &chars,
            (&marks, &unread),
            &proposal,
            |e| !seen(e),
            &mut counts,
        );
    }
    counts
}

/// Counts the mark decisions of `proposal` whose evidence is `counted`,
/// judged against the gold `marks` lined up with raw `chars`, and a mark
/// written after a glyph against the gold chars `unread` there (judged
/// where they are at most [`UNREAD_AT_MOST`]).
fn count_marks(
    chars: &[char],
    (marks, unread): (
        &std::collections::HashMap<usize, char>,
        &std::collections::HashMap<usize, String>,
    ),
    proposal: &proofdesk::segment::Proposal,
    counted: impl Fn(Evidence) -> bool,
    counts: &mut BTreeMap<Evidence, (u32, u32)>,
) {
    for d in proposal
        .decisions
        .list
        .iter()
        .filter(|d| d.kind == Kind::Punctuation && counted(d.evidence))
    {
        let (Choice::Mark(chosen), Choice::Mark(other)) = (d.chosen, d.alternative) else {
            continue;
        };
        if d.flip.writes_after() {
            let g = unread.get(&d.at).map_or("", String::as_str);
            if g.chars().count() <= UNREAD_AT_MOST {
                let entry = counts.entry(d.evidence).or_default();
                entry.0 += 1;
                entry.1 += u32::from(!g.contains(chosen.char_for(' ')));
            }
            continue;
        }
        let read = chars[d.at];
        let Some(&g) = marks.get(&d.at) else {
            continue;
        };
        let is_mark = !g.is_alphanumeric();
        if g != chosen.char_for(read) && g != other.char_for(read) && !is_mark {
            continue;
        }
        let entry = counts.entry(d.evidence).or_default();
        entry.0 += 1;
        entry.1 += u32::from(g != chosen.char_for(read));
    }
}

#[test]
fn punctuation_repairs_keep_their_measured_error_rates() {
    let Some((dir, _)) = ocr_pages() else {
        return;
    };
    let counts = punctuation_counts(&dir);
    let table: BTreeMap<Evidence, (u32, u32)> = MEASURED_OCR
        .iter()
        .map(|&(e, n, errors)| (e, (n, errors)))
        .collect();
    let mut source = String::from("pub const MEASURED_OCR: &[(Evidence, u32, u32)] = &[\n");
    for (e, (n, errors)) in &counts {
        source.push_str(&format!("    (Evidence::{e:?}, {n}, {errors}),\n"));
    }
    source.push_str("];\n");
    println!("{source}");
    assert!(
        counts == table,
        "the punctuation repairs' measured error rates changed; paste into crates/proofdesk-core/src/decision.rs:\n{source}"
    );
    // The repairs are worth making: over all repair rules, most are right.
    let (n, errors) = counts
        .iter()
        .filter(|(e, _)| !matches!(e, Evidence::VeryUnsureWord | Evidence::UnsureWord))
        .fold((0, 0), |(n, e), (_, &(n2, e2))| (n + n2, e + e2));
    assert!(n > 1000 && errors * 10 < n, "{errors} wrong of {n}");
    // Unsure words are misread far more often than the page's words are
    // (under 1% at 80% and above): each is worth a look.
    for rule in [Evidence::VeryUnsureWord, Evidence::UnsureWord] {
        let (n, errors) = counts.get(&rule).copied().unwrap_or_default();
        assert!(
            n > 100 && errors * 20 > n,
            "{rule:?}: {errors} misread of {n}"
        );
    }
}

/// The proposal's corrected text, all articles in order.
fn proposed_text(page: &proofdesk::page::Page) -> String {
    page.articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn the_page_picture_settles_a_comma_the_engine_read_for_a_full_stop() {
    let Some((dir, _)) = ocr_pages() else {
        return;
    };
    // On 009 Tesseract read a full stop as a comma: the one inside the
    // second paragraph of the gold's sixth article (its glyphs 12 to 20,
    // read at run time: two glyphs, the stop, five more). The comma's box
    // is the word it opens, which says nothing of the mark's shape.
    let gold = gold_paragraph("009", 5, 1);
    let stop: String = gold[12..20].iter().collect();
    assert_eq!(gold[14], '。', "the gold's full stop: {stop}");
    let comma = stop.replace('。', "，");
    let beside = read_page(&dir.join("009.hocr")).expect("the hOCR reads");
    let inked = beside
        .raw
        .geometry()
        .and_then(|g| g.stops_inked.as_ref())
        .map_or(0, Vec::len);
    assert!(inked > 50, "the picture was read: {inked} rings found");
    assert!(proposed_text(&beside).contains(&stop), "{stop}");
    // Read without its picture (from bytes, no folder), the mark stays a
    // comma and the geometry says no picture was read.
    let bytes = std::fs::read(dir.join("009.hocr")).expect("the hOCR reads");
    let blind = page_from_bytes("009.hocr", &bytes).expect("the hOCR decodes");
    assert_eq!(
        blind.raw.geometry().map(|g| g.stops_inked.is_some()),
        Some(false)
    );
    assert!(proposed_text(&blind).contains(&comma), "{comma}");
    // The reading is kept in the fixture, so the page is proposed alike
    // when the fixture is read back without the picture.
    let fixture = Fixture::from_page(&beside, "2026-12-04T00:00:00Z");
    let json = serde_json::to_string(&fixture).expect("the fixture serialises");
    let back: Fixture = serde_json::from_str(&json).expect("the fixture reads back");
    let raw = back.raw_text();
    assert_eq!(raw.geometry(), beside.raw.geometry());
    // Beside a copy of the picture scaled to half its size, the boxes
    // would fall in the wrong places: the picture is not read.
    let folder = tempfile::tempdir().expect("a temp dir");
    std::fs::copy(dir.join("009.hocr"), folder.path().join("009.hocr")).expect("copied");
    let picture = image::open(dir.join("009.jpg")).expect("the picture decodes");
    picture
        .resize(
            picture.width() / 2,
            picture.height() / 2,
            image::imageops::FilterType::Triangle,
        )
        .save(folder.path().join("009.jpg"))
        .expect("the small copy is written");
    let scaled = read_page(&folder.path().join("009.hocr")).expect("the hOCR reads");
    assert_eq!(
        scaled.raw.geometry().map(|g| g.stops_inked.is_some()),
        Some(false)
    );
    assert!(proposed_text(&scaled).contains(&comma), "{comma}");
}

#[test]
fn rings_are_found_where_the_gold_has_full_stops_and_never_where_it_has_other_marks() {
    let Some((dir, stems)) = ocr_pages() else {
        return;
    };
    // Every mark the engine reads for a `。` (a comma, an apostrophe or
    // backtick, a colon), by its kind and the gold mark it lines up with:
    // how many, and at how many the picture shows a ring.
    let kind = |c: char| match c {
        ',' | '，' => ',',
        '\'' | '`' => '\'',
        '"' | '“' | '”' => '"',
        _ => ':',
    };
    let mut found: BTreeMap<(char, char), (usize, usize)> = BTreeMap::new();
    for stem in &stems {
        let page = read_page(&dir.join(format!("{stem}.hocr"))).expect("the hOCR reads");
        let (_, gold) = page_and_gold(&dir, stem);
        let chars: Vec<char> = page.raw.text().chars().collect();
        let marks = proofdesk::eval::marks_lined_up(&chars, &gold);
        let inked = page
            .raw
            .geometry()
            .and_then(|g| g.stops_inked.clone())
            .expect("the picture was read");
        for (o, &c) in chars.iter().enumerate() {
            let read_for_stop = proofdesk::picture::READ_FOR_STOPS.contains(&c);
            let Some(&g) = marks.get(&o).filter(|_| read_for_stop) else {
                continue;
            };
            let entry = found.entry((kind(c), g)).or_default();
            entry.0 += 1;
            entry.1 += usize::from(inked.binary_search(&o).is_ok());
        }
    }
    println!("(mark read, gold mark): (read, rings found): {found:?}");
    let at = |read: char, gold: char| found.get(&(read, gold)).copied().unwrap_or_default();
    // Measured 2026-12-04 (session 26): rings at 446 of 451 full stops
    // read as commas, 147 of 149 read as apostrophes, 71 of 72 read as
    // colons; at none of 1,644 commas, 166 `、` read as apostrophes or
    // backticks, 42 colons.
    for (read, share_pct) in [(',', 98), ('\'', 97), (':', 97)] {
        let (stops, rings) = at(read, '。');
        assert!(
            stops > 50 && rings * 100 >= stops * share_pct,
            "{read}: {found:?}"
        );
    }
    for (read, gold, least) in [(',', '，', 1500), ('\'', '、', 150), (':', '：', 40)] {
        let (n, rings) = at(read, gold);
        assert!(n >= least && rings == 0, "{read} for {gold}: {found:?}");
    }
}

/// What the proposal wrote for each raw glyph, in raw order: the glyph as
/// read or repaired, and any mark written after it that the engine did
/// not read.
fn proposal_over_raw(page: &proofdesk::page::Page) -> Vec<String> {
    let chars: Vec<char> = page.raw.text().chars().collect();
    let written = proofdesk::eval::written_over_raw(&chars, &page.articles);
    let after = proofdesk::eval::written_after_raw(&chars, &page.articles);
    (0..chars.len())
        .filter(|&o| !chars[o].is_whitespace())
        .map(|o| {
            let mut s = String::from(written.get(&o).copied().unwrap_or(chars[o]));
            s.push_str(after.get(&o).map_or("", String::as_str));
            s
        })
        .collect()
}

/// One OCR page scored against its gold.
#[derive(Default)]
struct Figures {
    /// Edits from the raw text, and from the proposal's, to the gold.
    raw_edits: usize,
    proposal_edits: usize,
    gold_chars: usize,
    /// Words lined up with the gold, doubted, misread, misread on a doubt.
    words: usize,
    doubted: usize,
    misread: usize,
    caught: usize,
    /// Marks lined up with the gold, misread, repaired, and right ones made
    /// wrong.
    marks: usize,
    marks_misread: usize,
    marks_repaired: usize,
    marks_spoilt: usize,
    /// Marks the engine did not read (gold marks lined up with no raw
    /// glyph, right after one), those the proposal wrote, and marks it
    /// wrote where the gold has none or another.
    marks_unread: usize,
    unread_written: usize,
    written_wrongly: usize,
}

impl Figures {
    fn add(&mut self, o: &Self) {
        self.raw_edits += o.raw_edits;
        self.proposal_edits += o.proposal_edits;
        self.gold_chars += o.gold_chars;
        self.words += o.words;
        self.doubted += o.doubted;
        self.misread += o.misread;
        self.caught += o.caught;
        self.marks += o.marks;
        self.marks_misread += o.marks_misread;
        self.marks_repaired += o.marks_repaired;
        self.marks_spoilt += o.marks_spoilt;
        self.marks_unread += o.marks_unread;
        self.unread_written += o.unread_written;
        self.written_wrongly += o.written_wrongly;
    }

    fn row(&self, name: &str) -> String {
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        format!(
            "| {name} | {:.2}% | {:.2}% | {} | {} ({:.1}%) | {} | {} ({:.1}%) | {} of {} ({:.1}%) | {} of {} ({:.2}%) | {} of {} ({:.1}%) | {} |",
            pct(self.raw_edits, self.gold_chars),
            pct(self.proposal_edits, self.gold_chars),
            self.words,
            self.doubted,
            pct(self.doubted, self.words),
            self.misread,
            self.caught,
            pct(self.caught, self.misread),
            self.marks_repaired,
            self.marks_misread,
            pct(self.marks_repaired, self.marks_misread),
            self.marks_spoilt,
            self.marks,
            pct(self.marks_spoilt, self.marks),
            self.unread_written,
            self.marks_unread,
            pct(self.unread_written, self.marks_unread),
            self.written_wrongly
        )
    }
}

fn score_page(dir: &Path, stem: &str) -> Figures {
    let (page, gold) = page_and_gold(dir, stem);
    let chars: Vec<char> = page.raw.text().chars().collect();
    let raw: String = chars.iter().filter(|c| !c.is_whitespace()).collect();
    let over_raw = proposal_over_raw(&page);
    // The char written for each raw glyph (its first: a mark the engine
    // did not read follows it).
    let proposed: Vec<char> = over_raw
        .iter()
        .map(|s| s.chars().next().unwrap_or(' '))
        .collect();
    let mut f = Figures {
        raw_edits: proofdesk::eval::edits(&raw, &gold),
        proposal_edits: proofdesk::eval::edits(&over_raw.concat(), &gold),
        gold_chars: gold.chars().count(),
        ..Figures::default()
    };
    let aligned = proofdesk::eval::line_up(&chars, &gold);
    let marks = proofdesk::eval::marks_lined_up(&chars, &gold);
    // Marks: what the proposal wrote for each raw mark lined up with one,
    // at the place the text before it lines up with.
    for (k, &o) in (0..chars.len())
        .filter(|&i| !chars[i].is_whitespace())
        .collect::<Vec<_>>()
        .iter()
        .enumerate()
    {
        let (r, Some(&g)) = (chars[o], marks.get(&o)) else {
            continue;
        };
        if r.is_alphanumeric() || g.is_alphanumeric() {
            continue;
        }
        f.marks += 1;
        let listed = std::env::var("PROOFDESK_OCR_MARKS")
            .is_ok_and(|v| proposed[k] != g || (v == "all" && r != g));
        if listed {
            // Every mark the proposal leaves or makes wrong (with `all`,
            // every misread mark), in context.
            let text = |from: usize, to: usize| -> String {
                chars[from..to.min(chars.len())]
                    .iter()
                    .filter(|c| **c != '\n')
                    .collect()
            };
            let (before, after) = (text(o.saturating_sub(12), o), text(o + 1, o + 13));
            println!(
                "MARK {stem} {r} → {} (gold {g}) · {before}⟦{r}⟧{after}",
                proposed[k]
            );
        }
        if r != g {
            f.marks_misread += 1;
            f.marks_repaired += usize::from(proposed[k] == g);
        } else if proposed[k] != g {
            f.marks_spoilt += 1;
        }
    }
    count_unread_marks(stem, &chars, &gold, &page, &mut f);
    // Words: misread where a letter or digit differs from the gold.
    let doubts: Vec<(usize, usize)> = page
        .review
        .doubts
        .iter()
        .filter(|d| d.kind == Kind::Recognition)
        .map(|d| (d.at, d.after.unwrap_or(d.at)))
        .collect();
    f.doubted = doubts.len();
    let geometry = page.raw.geometry().expect("boxes");
    for w in geometry.lines.iter().flat_map(|l| &l.words) {
        let glyphs = (w.start..w.end).filter(|&o| !chars[o].is_whitespace());
        if !glyphs.clone().all(|o| aligned.contains_key(&o)) {
            continue; // not lined up with the gold
        }
        f.words += 1;
        if glyphs
            .into_iter()
            .any(|o| chars[o].is_alphanumeric() && aligned.get(&o) != Some(&chars[o]))
        {
            f.misread += 1;
            f.caught += usize::from(doubts.iter().any(|&(s, e)| s <= w.start && w.start <= e));
        }
    }
    f
}

/// The most gold chars lined up with no raw glyph at one place that are
/// judged as what the engine left unread there; more is text the engine
/// read elsewhere, or not at all.
const UNREAD_AT_MOST: usize = 3;

/// Counts into `f` the marks the engine did not read (gold marks lined up
/// with no raw glyph, at most [`UNREAD_AT_MOST`] chars at one place), those
/// the proposal wrote there, and the marks it wrote where the gold has
/// none or another.
fn count_unread_marks(
    stem: &str,
    chars: &[char],
    gold: &str,
    page: &proofdesk::page::Page,
    f: &mut Figures,
) {
    let unread: BTreeMap<usize, String> = proofdesk::eval::gold_unread_after(chars, gold)
        .into_iter()
        .collect();
    let written: BTreeMap<usize, String> =
        proofdesk::eval::written_after_raw(chars, &page.articles)
            .into_iter()
            .collect();
    let is_mark = |c: &char| !c.is_alphanumeric();
    let listed = std::env::var("PROOFDESK_OCR_MARKS").is_ok();
    let context = |o: usize| -> String {
        chars[o.saturating_sub(12)..(o + 3).min(chars.len())]
            .iter()
            .collect()
    };
    // The glyph after each raw glyph.
    let next_glyph = |o: usize| chars[o + 1..].iter().copied().find(|c| !c.is_whitespace());
    for (&o, g) in &unread {
        // Where the engine read a mark right after the glyph, the gold's
        // mark there is one it misread, not one it dropped (the alignment
        // paired the two apart): the misread marks are judged above.
        if g.chars().count() > UNREAD_AT_MOST || next_glyph(o).is_some_and(|c| is_mark(&c)) {
            continue;
        }
        let w = written.get(&o).map_or("", String::as_str);
        for m in g.chars().filter(is_mark) {
            f.marks_unread += 1;
            let hit = w.contains(m);
            f.unread_written += usize::from(hit);
            if !hit && listed {
                println!("UNREAD {stem} {m} · {:?}", context(o));
            }
        }
    }
    for (&o, w) in &written {
        let g = unread.get(&o).map_or("", String::as_str);
        if g.chars().count() > UNREAD_AT_MOST {
            continue; // not judged
        }
        for m in w.chars().filter(is_mark).filter(|&m| !g.contains(m)) {
            f.written_wrongly += 1;
            if listed {
                println!("WRITTEN {stem} {m} (gold {g:?}) · {:?}", context(o));
            }
        }
    }
}

#[test]
fn the_proposal_lowers_the_character_error_rate_and_doubts_the_misread_words() {
    let Some((dir, stems)) = ocr_pages() else {
        return;
    };
    println!(
        "\n| page | CER raw | CER proposal | words | doubted | misread words | on a doubt | misread marks repaired | right marks made wrong | unread marks written | marks written where none was |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let mut all = Figures::default();
    for stem in &stems {
        let f = score_page(&dir, stem);
        println!("{}", f.row(stem));
        assert!(
            f.proposal_edits < f.raw_edits,
            "{stem}: the proposal's text is no closer to the gold"
        );
        all.add(&f);
    }
    println!("{}", all.row("all"));
    // Measured 2026-12-04 (session 26): 96.9% repaired (2,364 of 2,439),
    // above the issue's bar (95%), since a comma whose ink on the page
    // picture is a full stop's ring is read as `。` (94.1% before); 1
    // right mark of 3,465 made wrong, within the issue's bar (0.1%).
    // Session 35: 98.3% (2,397), a mark whose ink is a closing quote read
    // as `”` (`quote_inked`), a comma whose ink floats at mid-height as
    // `、`, `·`, `：` or `；` (`enumeration_inked`, `dot_inked`,
    // `stacked_inked`).
    assert!(all.marks_repaired * 1000 >= all.marks_misread * 982);
    // Measured 2026-12-05 (session 34): of the 386 gold marks the engine
    // left unread (lined up with no raw glyph, and no mark read after the
    // glyph before them), the proposal writes 270 (69.9%), from the page
    // picture (`stop_unread`, `dot_unread`, `comma_unread`); session 35,
    // 293 (75.9%) with the closing quotes (`quote_unread`), the `、`, `：`
    // and `；` boxed with a line's last glyph (`enumeration_unread`,
    // `stacked_unread`) and the marks after a closing quote, and writes 2
    // where the gold has none or another. Counted with the misread marks,
    // 2,690 of 2,825 marks repaired (95.2%, the issue's bar is 95%), 3
    // right marks or places made wrong (0.09%, within its bar of 0.1%).
    assert!(all.unread_written * 1000 >= all.marks_unread * 759);
    assert!(
        (all.marks_repaired + all.unread_written) * 100
            >= (all.marks_misread + all.marks_unread) * 95
    );
    assert!((all.marks_spoilt + all.written_wrongly) * 1000 <= all.marks);
    // The issue's aim: at least 60% of the misread words on a doubt, with
    // at most 15% of the words doubted.
    assert!(all.caught * 10 >= all.misread * 6 && all.doubted * 100 <= all.words * 15);
}

#[test]
fn a_line_the_image_shows_tall_is_a_headline_of_the_text_after_it() {
    // Made up: a line set twice as tall as the text, then a paragraph.
    let line = |y: u32, h: u32, text: &str| {
        format!(
            "<TextBlock><TextLine HPOS=\"100\" VPOS=\"{y}\" WIDTH=\"400\" HEIGHT=\"{h}\"><String HPOS=\"100\" VPOS=\"{y}\" WIDTH=\"400\" HEIGHT=\"{h}\" WC=\"0.95\" CONTENT=\"{text}\"/></TextLine></TextBlock>"
        )
    };
    let mut body = String::new();
    for (i, text) in [
        "她面带微笑，向大家问好，大家都很高兴，会",
        "议开得很好，代表们纷纷发言，气氛热烈，今",
        "年的工作要抓紧抓好，不能放松。",
    ]
    .iter()
    .enumerate()
    {
        let y = 200 + 30 * u32::try_from(i).unwrap_or(0);
        body.push_str(&format!(
            "<TextLine HPOS=\"100\" VPOS=\"{y}\" WIDTH=\"400\" HEIGHT=\"28\"><String HPOS=\"100\" VPOS=\"{y}\" WIDTH=\"400\" HEIGHT=\"28\" WC=\"0.95\" CONTENT=\"{text}\"/></TextLine>"
        ));
    }
    let page = format!(
        "<alto><Layout><Page WIDTH=\"1000\" HEIGHT=\"1400\">{}<TextBlock>{body}</TextBlock></Page></Layout></alto>",
        line(100, 60, "春风又绿江南岸")
    );
    let page = page_from_bytes("p.xml", page.as_bytes()).expect("reads");
    let blocks: Vec<(proofdesk::page::Role, String)> = page
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| (b.role, b.text.clone()))
        .collect();
    assert_eq!(page.articles.len(), 1, "{blocks:?}");
    assert_eq!(
        blocks[0],
        (proofdesk::page::Role::Headline, "春风又绿江南岸".to_owned())
    );
    assert_eq!(blocks.len(), 2, "{blocks:?}");
}

/// A made-up ALTO page: one text block of `(x, y, width, height, text)`
/// lines.
fn alto_block(lines: &[Word<'_>]) -> proofdesk::page::Page {
    let lines: Vec<Vec<Word<'_>>> = lines.iter().map(|&word| vec![word]).collect();
    alto_lines(&lines)
}

fn roles_and_texts(page: &proofdesk::page::Page) -> Vec<(proofdesk::page::Role, String)> {
    page.articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| (b.role, b.text.clone()))
        .collect()
}

#[test]
fn a_row_set_a_third_larger_all_round_is_a_headline_though_not_twice_as_tall() {
    // Made up, on the boxes of a typeset OCR page: a headline the engine
    // read as two lines side by side, each boxed 1.43 times the running
    // text's height in glyphs 1.35 times as wide, a subheadline, and a
    // column of 16-glyph lines 401 px wide, 21 px high. Its halves are as
    // wide as the column in running text's cells, and the words read on
    // across them: only their size says they are a title.
    let page = alto_block(&[
        (132, 193, 393, 30, "全省春耕生产现场工作会"),
        (528, 193, 378, 30, "议在江南举行代表参观"),
        (305, 233, 427, 26, "各地代表都作了发言要抓紧时间"),
        (145, 289, 357, 21, "她面带微笑向大家问好大家都很"),
        (101, 324, 401, 21, "高兴会议开得很好代表们纷纷发言"),
        (101, 359, 403, 21, "气氛热烈今年的工作要抓紧抓好不"),
        (101, 394, 401, 21, "能放松要把各项任务都落到实处让"),
        (101, 429, 401, 21, "群众得到实惠大家都很满意会议在"),
        (101, 464, 401, 21, "热烈的掌声中结束了代表们都说这"),
        (101, 499, 200, 21, "次会开得好。"),
    ]);
    let roles = roles_and_texts(&page);
    assert_eq!(
        roles.first(),
        Some(&(
            proofdesk::page::Role::Headline,
            "全省春耕生产现场工作会议在江南举行代表参观".to_owned()
        )),
        "{roles:?}"
    );
}

#[test]
fn a_line_the_image_shows_indented_opens_a_paragraph() {
    // Made up: 20-glyph lines 400 px wide; the second paragraph's first
    // line starts two glyphs (40 px) right of the column, and the line
    // before it fills the column, ending with a comma the engine read for
    // a full stop: only the image says a paragraph ends there.
    let page = alto_block(&[
        (140, 100, 360, 20, "她面带微笑，向大家问好，大家都很高"),
        (
            100,
            130,
            400,
            20,
            "兴，会议开得很好，代表们纷纷发言，气氛热，",
        ),
        (140, 160, 360, 20, "今年的工作要抓紧抓好，不能放松，大家"),
        (
            100,
            190,
            400,
            20,
            "都说会议开得好，代表们纷纷表示要抓紧落实。",
        ),
    ]);
    let blocks = roles_and_texts(&page);
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert!(blocks[1].1.starts_with("今年"), "{blocks:?}");
}

/// A made-up ALTO page of several text blocks (the engine's paragraphs,
/// a blank line apart in its text), each of one-word lines.
fn alto_text_blocks(blocks: &[&[Word<'_>]]) -> proofdesk::page::Page {
    let mut body = String::new();
    for lines in blocks {
        body.push_str("<TextBlock>");
        for (x, y, w, h, text) in *lines {
            body.push_str(&format!(
                "<TextLine HPOS=\"{x}\" VPOS=\"{y}\" WIDTH=\"{w}\" HEIGHT=\"{h}\">\
                 <String HPOS=\"{x}\" VPOS=\"{y}\" WIDTH=\"{w}\" HEIGHT=\"{h}\" WC=\"0.95\" CONTENT=\"{text}\"/>\
                 </TextLine>"
            ));
        }
        body.push_str("</TextBlock>");
    }
    let page =
        format!("<alto><Layout><Page WIDTH=\"1000\" HEIGHT=\"1400\">{body}</Page></Layout></alto>");
    page_from_bytes("p.xml", page.as_bytes()).expect("reads")
}

#[test]
fn a_paragraph_the_engine_broke_after_a_full_line_goes_on_where_the_next_line_is_flush() {
    // Made up: 20-glyph lines 400 px wide. The engine set a paragraph gap
    // after a full line that ends a sentence; the image shows the line
    // after it flush with the column, where a paragraph's first line would
    // be indented two glyphs (40 px): the paragraph goes on. Indented, the
    // same line opens a paragraph.
    let first: [Word<'_>; 2] = [
        (140, 100, 360, 20, "山村的清晨格外宁静，鸟儿在枝头欢快地"),
        (
            100,
            130,
            400,
            20,
            "歌唱，炊烟从屋顶袅袅升起，远处传来鸡鸣。",
        ),
    ];
    let flush: [Word<'_>; 2] = [
        (
            100,
            160,
            400,
            20,
            "乡亲们早早下地干活，田野里到处是忙碌的身",
        ),
        (100, 190, 240, 20, "影，今年的收成一定不错。"),
    ];
    let blocks = roles_and_texts(&alto_text_blocks(&[&first, &flush]));
    assert_eq!(blocks.len(), 1, "{blocks:?}");
    assert!(blocks[0].1.contains("鸡鸣。乡亲们"), "{blocks:?}");
    let indented: [Word<'_>; 2] = [
        (140, 160, 360, 20, "乡亲们早早下地干活，田野里到处是忙碌"),
        (100, 190, 280, 20, "的身影，今年的收成一定不错。"),
    ];
    let blocks = roles_and_texts(&alto_text_blocks(&[&first, &indented]));
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert!(blocks[1].1.starts_with("乡亲们"), "{blocks:?}");
    // So does a full line ending on a colon, the engine's misread `。`
    // at a paragraph's end, before an indented line.
    let colon: [Word<'_>; 2] = [
        first[0],
        (100, 130, 400, 20, "歌唱，炊烟从屋顶袅袅升起，远处传来鸡鸣:"),
    ];
    let blocks = roles_and_texts(&alto_text_blocks(&[&colon, &indented]));
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert!(blocks[1].1.starts_with("乡亲们"), "{blocks:?}");
}

#[test]
fn a_line_ending_on_a_word_before_an_indented_line_ends_its_paragraph() {
    // Made up: the engine dropped the full stop of the second line
    // (`…气氛热烈` for `…气氛热烈。`); the image shows the next line
    // indented, so a paragraph ends there. Where the next line is not
    // indented, the text runs on.
    let line = |x: u32, y: u32, text: &'static str| (x, y, 500 - x, 20, text);
    // (the page's lines, how the first paragraph ends, what the second
    // holds)
    let cases = [
        (
            [
                line(140, 100, "她面带微笑，向大家问好，大家都很高"),
                line(100, 130, "兴会议开得很好代表们纷纷发言气氛热烈"),
                line(140, 160, "今年的工作要抓紧抓好，不能放松，大家"),
                line(100, 190, "都说会议开得好，代表们纷纷表示要抓紧落实"),
                line(100, 220, "各项工作，不能放松，大家都说会议开得好。"),
            ],
            // The word before the indented line ends a paragraph; an
            // unindented line goes on.
            "气氛热烈",
            "抓紧落实各项工作",
        ),
        (
            [
                line(140, 100, "他说：“我们将迎来更好的发展机遇"),
                line(100, 130, "，大家都要为此而努力，这是大家的愿望”"),
                line(140, 160, "本地的出口额预计达到3"),
                line(140, 190, "1%，况且出口增长很快，大家都很高兴。"),
                line(100, 220, "各项工作，不能放松，大家都说会议开得好。"),
            ],
            // So does a closing quote before an indented line; a figure
            // runs on (`达到3` / `1%`: a decimal point dropped), indented
            // or not.
            "愿望”",
            "达到31",
        ),
    ];
    for (lines, first_ends, second_holds) in cases {
        let blocks = roles_and_texts(&alto_block(&lines));
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert!(blocks[0].1.ends_with(first_ends), "{blocks:?}");
        assert!(blocks[1].1.contains(second_holds), "{blocks:?}");
    }
}

#[test]
fn a_body_line_the_engine_read_tall_is_not_a_headline() {
    // Made up: the middle line's box is twice as tall (a speck above it),
    // but its glyphs are as wide as the others': running text, not a
    // headline; and a short line at the text's size without punctuation
    // is the end of a paragraph, not a title.
    let page = alto_block(&[
        (140, 100, 360, 20, "她面带微笑，向大家问好，大家都很高"),
        (100, 120, 400, 40, "兴会议开得很好代表们纷纷发言气氛热烈今"),
        (100, 170, 120, 20, "年的工作要抓紧"),
        (140, 200, 360, 20, "今年的工作要抓紧抓好，不能放松，大家"),
        (100, 230, 200, 20, "都说会议开得好。"),
    ]);
    assert_one_article_of_running_text(&page);
}

#[test]
fn a_glyph_the_engine_was_unsure_of_boxed_across_a_row_is_no_headline() {
    // Made up: mid-column, the engine reads a row as one glyph it is
    // unsure of (`WC` 0.02), boxed the column's width and twice a line's
    // height, over the line below it; the column reads on across it.
    let sure = |y: u32, w: u32, text: &'static str| (vec![(100, y, w, 20, text)], 0.95);
    let page = alto_lines_sure(&[
        sure(100, 400, "会议指出，今年的工作要抓紧抓好，不能放"),
        sure(130, 400, "松，各地要认真落实各项措施，确保完成全"),
        (vec![(100, 160, 400, 46, "人")], 0.02),
        sure(186, 400, "年的目标任务，大家都说会议开得很好，代"),
        sure(216, 240, "表们纷纷表示赞同。"),
    ]);
    assert_one_article_of_running_text(&page);
}

#[test]
fn a_headline_the_engine_read_after_the_column_under_it_heads_that_column() {
    // Made up: the engine reads the column left of a headline (it starts
    // under the headline, with a dateline) before the headline itself.
    let page = alto_block(&[
        (
            1100,
            100,
            400,
            20,
            "这是上一篇文章的最后一段，写得很长很长很长。",
        ),
        (100, 400, 400, 20, "本报宁波10月8日讯（记者 梁舟）今年的工"),
        (
            100,
            430,
            400,
            20,
            "作要抓紧抓好，不能放松，大家都说会议开得",
        ),
        (600, 300, 560, 56, "春风又绿江南岸"),
        (
            600,
            400,
            400,
            20,
            "很好，代表们纷纷表示要抓紧落实，努力完成",
        ),
        (600, 430, 240, 20, "今年的各项任务。"),
    ]);
    let blocks = roles_and_texts(&page);
    let heads = |a: &proofdesk::page::Article| a.blocks.first().map(|b| (b.role, b.text.clone()));
    let with_headline = page
        .articles
        .iter()
        .find(|a| {
            a.blocks
                .iter()
                .any(|b| b.role == proofdesk::page::Role::Headline)
        })
        .unwrap_or_else(|| panic!("a headline: {blocks:?}"));
    assert_eq!(
        heads(with_headline),
        Some((proofdesk::page::Role::Headline, "春风又绿江南岸".to_owned())),
        "{blocks:?}"
    );
    let text: String = with_headline
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    assert!(
        text.contains("本报宁波") && text.contains("今年的各项任务"),
        "{blocks:?}"
    );
}

#[test]
fn a_line_set_larger_than_the_text_before_it_begins_a_new_block() {
    // Made up: a paragraph whose last line stops without punctuation, then
    // a kicker set a little larger (23 px against 20), a headline and the
    // next article: the text alone would run the paragraph on into the
    // kicker.
    let page = alto_block(&[
        (140, 100, 360, 20, "她面带微笑，向大家问好，大家都很高"),
        (100, 130, 300, 20, "兴会议开得很好代表们纷纷"),
        (200, 200, 230, 23, "守护一方碧水的青年人"),
        (150, 240, 330, 56, "春风又绿江南岸"),
        (140, 320, 360, 20, "本报宁波10月8日讯（记者 梁舟）今年"),
        (100, 350, 300, 20, "的工作要抓紧抓好，不能放松。"),
    ]);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks
            .iter()
            .any(|(role, text)| role.is_title() && text == "守护一方碧水的青年人"),
        "{blocks:?}"
    );
    assert!(
        blocks.iter().any(|(_, text)| text.ends_with("代表们纷纷")),
        "{blocks:?}"
    );
}

/// A made-up ALTO page of a headline the engine read as two boxes
/// (`first`, `second`: x, y, width, height, text): the first box, the left
/// column, the second box, then the right column.
fn headline_in_two_boxes(
    first: (u32, u32, u32, u32, &str),
    second: (u32, u32, u32, u32, &str),
) -> proofdesk::page::Page {
    headline_in_boxes(&[first], &[second])
}

/// A headline over two columns that the engine read as the boxes
/// `before`, then the left column, then the boxes `after` and the right
/// column.
fn headline_in_boxes(
    before: &[(u32, u32, u32, u32, &str)],
    after: &[(u32, u32, u32, u32, &str)],
) -> proofdesk::page::Page {
    let mut lines = before.to_vec();
    lines.extend([
        (100, 260, 400, 20, "本报宁波10月8日讯（记者 梁舟）今年的工"),
        (
            100,
            290,
            400,
            20,
            "作要抓紧抓好，不能放松，大家都说会议开得",
        ),
    ]);
    lines.extend_from_slice(after);
    lines.extend([
        (
            600,
            260,
            400,
            20,
            "很好，代表们纷纷表示要抓紧落实，努力完成",
        ),
        (600, 290, 240, 20, "今年的各项任务。"),
    ]);
    alto_block(&lines)
}

#[test]
fn a_headline_s_second_line_read_after_the_column_beside_it_rejoins_the_first() {
    // Made up: a two-line headline over two columns; the engine reads the
    // headline's first line, the left column, then the headline's second
    // line and the right column.
    let page = headline_in_two_boxes(
        (100, 100, 800, 56, "沿着长江两岸的十万亩良田里"),
        (300, 160, 400, 56, "处处是丰收的景象"),
    );
    let blocks = roles_and_texts(&page);
    assert_eq!(page.articles.len(), 1, "{blocks:?}");
    let titles: String = blocks
        .iter()
        .filter(|(role, _)| role.is_title())
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        titles, "沿着长江两岸的十万亩良田里处处是丰收的景象",
        "{blocks:?}"
    );
}

#[test]
fn a_headline_read_as_two_boxes_on_one_row_is_one_title() {
    // Made up: a one-line headline over two columns; the engine reads its
    // left half, the left column, then its right half and the right
    // column. Each case: the two boxes (x, y, width, height, text), and
    // the one title expected, not a kicker and a headline.
    let cases = [
        (
            (100, 100, 340, 56, "游客早早把湖"),
            (445, 100, 560, 56, "边的这片草坪挤得满满的"),
            "游客早早把湖边的这片草坪挤得满满的",
        ),
        // As Tesseract read a typeset page (037): the headline set only
        // 1.4 times running text's line height (28 px against 20), short
        // of the 1.5 that makes a line tall.
        (
            (190, 100, 300, 28, "游客们早早把湖边的草坪"),
            (520, 100, 300, 28, "挤得满满的一片欢声笑语"),
            "游客们早早把湖边的草坪挤得满满的一片欢声笑语",
        ),
        // As on a typeset page (001): the left half's box reaching 3 px
        // past the right half's (its last glyph a mark misread, boxed
        // wide).
        (
            (100, 100, 348, 56, "游客早早把湖"),
            (445, 100, 560, 56, "边的这片草坪挤得满满的"),
            "游客早早把湖边的这片草坪挤得满满的",
        ),
        // …or a glyph's width past it: the engine read the glyph at the
        // seam in both boxes (001, 039). The editor deletes the second
        // reading; the structure is right.
        (
            (100, 100, 398, 56, "游客早早把湖边"),
            (445, 100, 560, 56, "边的这片草坪挤得满满的"),
            "游客早早把湖边边的这片草坪挤得满满的",
        ),
    ];
    for (left, right, title) in cases {
        assert_one_article_titled(&headline_in_two_boxes(left, right), &[title]);
    }
}

/// Asserts that `page` is one article whose titles are `expected`, in
/// order.
fn assert_one_article_titled(page: &proofdesk::page::Page, expected: &[&str]) {
    let blocks = roles_and_texts(page);
    assert_eq!(page.articles.len(), 1, "{blocks:?}");
    let titles: Vec<&str> = blocks
        .iter()
        .filter(|(role, _)| role.is_title())
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(titles, expected, "{blocks:?}");
}

#[test]
fn a_headline_s_first_glyphs_read_as_blocks_of_their_own_go_back_to_it() {
    // Made up: a one-line headline over two columns; the engine reads its
    // first glyph as a block of its own (boxed lower and shorter than the
    // row, on part of its ink), then the left column, then the second
    // glyph, then the rest of the headline and the right column.
    let page = headline_in_boxes(
        &[(100, 110, 40, 34, "游")],
        &[
            (150, 112, 40, 30, "客"),
            (205, 100, 700, 56, "早早把湖边的这片草坪挤得满满的"),
        ],
    );
    assert_one_article_titled(&page, &["游客早早把湖边的这片草坪挤得满满的"]);
}

#[test]
fn a_headline_s_last_glyph_read_apart_over_its_end_goes_back_to_it() {
    // Made up: the engine reads a headline's last glyph as a block of its
    // own after the left column, boxed lower and shorter than the row and
    // from inside the glyph before it (its box overlaps the headline's by
    // 20 px): it ends the headline, not a title cutting the text after it.
    let page = headline_in_boxes(
        &[(100, 100, 680, 56, "早早把湖边的这片草坪挤得满满")],
        &[(760, 112, 60, 34, "的")],
    );
    assert_one_article_titled(&page, &["早早把湖边的这片草坪挤得满满的"]);
}

#[test]
fn a_headline_s_first_glyph_read_apart_stays_apart_from_the_kicker_over_it() {
    // Made up: as above, with a kicker over the headline, read after it;
    // the first glyph put back is the headline's, not a stub of the
    // kicker's wrapped line.
    let page = headline_in_boxes(
        &[(100, 110, 40, 34, "游")],
        &[
            (150, 100, 750, 56, "客早早把湖边的这片草坪挤得满满的"),
            (300, 60, 300, 28, "十月的江南处处秋色"),
        ],
    );
    assert_one_article_titled(
        &page,
        &["十月的江南处处秋色", "游客早早把湖边的这片草坪挤得满满的"],
    );
}

#[test]
fn a_headline_s_first_glyph_read_with_a_figure_goes_back_to_it() {
    // Made up: the engine reads a headline's first glyph as a glyph and a
    // figure (`中` read `骨1`), boxed narrow and a speck's worth taller
    // than the text's lines, before the column under the headline; the
    // image rules alone take such a box for running text.
    // The band above ends with a line over the headline.
    let page = headline_in_boxes(
        &[
            (100, 40, 300, 20, "大家都说这次会议开得很好。"),
            (100, 110, 30, 32, "骨1"),
        ],
        &[(145, 100, 700, 56, "国科学院的专家来到湖边的草坪")],
    );
    let blocks = roles_and_texts(&page);
    let article = article_of(&page, "本报宁波").expect("the dateline's article");
    let titles: Vec<&str> = page.articles[article]
        .blocks
        .iter()
        .filter(|b| b.role.is_title())
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(titles, ["骨1国科学院的专家来到湖边的草坪"], "{blocks:?}");
    assert_eq!(
        article_of(&page, "今年的各项任务"),
        Some(article),
        "{blocks:?}"
    );
}

#[test]
fn a_glyph_read_apart_between_a_headline_s_two_boxes_goes_between_them() {
    // Made up: a one-line headline over three columns; the engine reads
    // its left box, the first column, a glyph of its middle boxed on its
    // own, the second column, its right box and the third column.
    let column = |x: u32| {
        [
            (x, 260, 250, 20, "会议指出，今年的工作要抓"),
            (x, 290, 250, 20, "紧抓好，大家都说会议开得"),
        ]
    };
    let mut lines = vec![(100, 100, 300, 56, "迎接新中")];
    lines.extend(column(100));
    lines.push((415, 110, 40, 34, "国"));
    lines.extend(column(400));
    lines.push((470, 100, 300, 56, "成立五十周年"));
    lines.extend(column(700));
    lines.push((700, 320, 150, 20, "很好。"));
    let page = alto_block(&lines);
    assert_one_article_titled(&page, &["迎接新中国成立五十周年"]);
}

#[test]
fn a_headline_s_glyphs_read_apart_in_any_order_each_go_back_once() {
    // Made up, after a typeset page on which the proposal once looped: the
    // engine reads a headline's second and third glyphs as a block, then
    // its first glyph (itself boxed tall), the left column, a speck of the
    // row, then the rest of the row and the right column.
    let page = headline_in_boxes(
        &[(173, 112, 34, 26, "客早"), (100, 100, 56, 53, "游")],
        &[
            (197, 130, 7, 7, "一"),
            (227, 100, 700, 56, "早把湖边的这片草坪挤得满满的"),
        ],
    );
    let blocks = roles_and_texts(&page);
    assert!(
        blocks
            .iter()
            .any(|(role, t)| role.is_title() && t.starts_with("游客早早把湖边")),
        "{blocks:?}"
    );
}

#[test]
fn a_stack_set_a_little_larger_after_a_column_s_last_comma_heads_the_text_under_it() {
    // Made up: a column of running text stops at a comma at its foot; the
    // next column opens with a kicker and a headline set a quarter larger
    // than running text (not tall), then a dateline.
    let mut rows: Vec<(u32, u32, u32, u32, &str)> = vec![
        (100, 100, 400, 20, "本报宁波10月8日讯（记者 梁舟）今年的工"),
        (
            100,
            130,
            400,
            20,
            "作要抓紧抓好，不能放松，大家都说会议开得",
        ),
        (
            100,
            160,
            400,
            20,
            "很好，代表们纷纷表示要抓紧落实，努力完成",
        ),
        (
            100,
            190,
            400,
            20,
            "今年的各项任务，其中一千五百万份在国内发行，",
        ),
    ];
    rows.extend([
        (600, 100, 150, 25, "走进田间地头"),
        (600, 135, 380, 25, "更让人高兴的是路灯全都亮了"),
        (
            600,
            180,
            400,
            20,
            "本报讯（记者 秦晓舟）该艺术团这次是受本市",
        ),
        (600, 210, 400, 20, "民间文化协会邀请前来演出的，很受欢迎。"),
    ]);
    let page = alto_block(&rows);
    let blocks = roles_and_texts(&page);
    assert_eq!(page.articles.len(), 2, "{blocks:?}");
    let second: Vec<_> = page.articles[1]
        .blocks
        .iter()
        .map(|b| (b.role, b.text.clone()))
        .collect();
    assert!(
        second[0].0.is_title() && second[0].1 == "走进田间地头",
        "{second:?}"
    );
    assert!(
        second[1].0.is_title() && second[1].1 == "更让人高兴的是路灯全都亮了",
        "{second:?}"
    );
}

#[test]
fn a_kicker_whose_closing_bracket_the_engine_read_as_a_full_stop_heads_its_headline() {
    // Made up: an article's last lines, then a kicker set a quarter larger
    // than running text in glyphs a tenth wider, whose closing corner
    // bracket the engine read as `。`, over a headline set tall and the
    // next article's text, with no dateline to open it. The text rules
    // take the kicker for a sentence, the last of the article before; the
    // image shows it set with the headline.
    let mut lines = article_end(100, 100);
    lines.extend([
        vec![(160, 200, 275, 27, "同心协力建家园&quot;好。")],
        vec![(110, 240, 380, 40, "春风又绿江南岸")],
        vec![(150, 300, 350, 22, "据介绍，这个县的农民今年的")],
        vec![(100, 338, 400, 22, "收入有了较大增长，生活水平明")],
        vec![(100, 376, 250, 22, "显提高。")],
    ]);
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    let kicker = article_of(&page, "同心协力建家园");
    assert!(kicker.is_some(), "{blocks:?}");
    assert_eq!(kicker, article_of(&page, "春风又绿江南岸"), "{blocks:?}");
    assert_eq!(kicker, article_of(&page, "据介绍"), "{blocks:?}");
    assert_ne!(kicker, article_of(&page, "全年的目标任务"), "{blocks:?}");
    assert!(
        blocks
            .iter()
            .any(|(r, t)| r.is_title() && t.starts_with("同心协力建家园")),
        "{blocks:?}"
    );
    // A speck or rule the engine read as letters there is no kicker.
    lines[2] = vec![(160, 200, 275, 27, "5 SN _ 1。")];
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks
            .iter()
            .all(|(r, t)| !r.is_title() || !t.contains("SN")),
        "{blocks:?}"
    );
}

#[test]
fn a_subheadline_whose_flat_glyph_the_engine_boxed_low_is_set_larger() {
    // Made up: a headline, then a subheadline boxed 1.4 times running
    // text's height in glyphs a tenth wider, whose `一` the engine boxed 3
    // pixels high, then a dateline's paragraph. A flat glyph's box tells
    // nothing of its size: the subheadline is no line of running text
    // boxed tall by a speck.
    let mut lines = article_end(100, 100);
    lines.extend([
        vec![(110, 200, 380, 40, "春风又绿江南岸")],
        vec![
            (150, 250, 55, 31, "明月"),
            (205, 250, 55, 31, "何时"),
            (262, 264, 25, 3, "一"),
            (290, 250, 55, 31, "照我"),
            (345, 250, 55, 31, "还乡"),
        ],
    ]);
    lines.extend(dateline_paragraph(100, 300));
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks
            .iter()
            .any(|(r, t)| r.is_title() && t.starts_with("明月何时")),
        "{blocks:?}"
    );
    let headline = article_of(&page, "春风又绿江南岸");
    assert_eq!(headline, article_of(&page, "明月何时"), "{blocks:?}");
    assert_eq!(headline, article_of(&page, "本报讯"), "{blocks:?}");
}

#[test]
fn a_line_of_text_whose_box_a_tall_bracket_stretches_stays_running_text() {
    // Made up: running text 20 px tall; one line's box is 24 px because
    // of one word the engine boxed tall (a bracket), its other words 20 px.
    let line = |y: u32, words: &[(u32, u32, u32, &'static str)], h: u32| -> AltoLine<'static> {
        let words = words
            .iter()
            .map(|&(x, w, wh, t)| (x, y, w, wh, t, 0.95))
            .collect();
        ((100, y, 400, h), words)
    };
    let page = alto_page_of(&[
        line(
            100,
            &[(100, 400, 20, "本报宁波10月8日讯（记者梁舟）今年的工作")],
            20,
        ),
        line(
            130,
            &[(100, 400, 20, "要抓紧抓好，不能放松，大家都说如制热量为")],
            20,
        ),
        line(
            160,
            &[
                (100, 90, 20, "3480w"),
                (200, 30, 28, "（"),
                (240, 260, 20, "3000kcal的暖风机的正常工"),
            ],
            24,
        ),
        line(
            190,
            &[(100, 400, 20, "作电流为7.5a，要是在刚开机时，仪表上的")],
            20,
        ),
        line(220, &[(100, 240, 20, "指针会跳高，随后回稳。")], 20),
    ]);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks.iter().all(|(role, _)| !role.is_title()),
        "no title: {blocks:?}"
    );
    assert_eq!(page.articles.len(), 1, "{blocks:?}");
}

#[test]
fn a_line_a_misread_row_stretches_is_measured_by_its_other_words() {
    // Made up: running text 20 px tall, 20 px a glyph. Mid-column the
    // engine reads most of a row as one `|` it is unsure of (`WC` 0.06),
    // boxed over sixteen glyphs and into the rows above and below, and
    // the row's last three glyphs as sure words, one boxed taller. The
    // line is running text, read on across (typeset devpage 001 under
    // Tesseract: `…福利院的交` / `|他高兴` / `告诉我们…`).
    let sure = |y: u32, w: u32, t: &'static str| ((100, y, w, 20), vec![(100, y, w, 20, t, 0.95)]);
    let page = alto_page_of(&[
        sure(100, 380, "本报讯今年的工作要抓紧抓好，不能放松"),
        sure(130, 380, "，大家都说会议开得很好，代表们纷纷"),
        (
            (100, 150, 380, 55),
            vec![
                (100, 150, 314, 55, "|", 0.06),
                (420, 160, 20, 20, "他", 0.96),
                (440, 160, 20, 20, "高", 0.92),
                (460, 156, 20, 32, "兴", 0.92),
            ],
        ),
        sure(190, 380, "地表示赞同，会议开得很成功，各地要认"),
        sure(220, 200, "真落实各项措施。"),
    ]);
    assert_one_article_of_running_text(&page);
    let blocks = roles_and_texts(&page);
    assert_eq!(blocks.len(), 1, "one paragraph: {blocks:?}");
}

#[test]
fn a_paragraph_s_first_line_boxed_a_little_tall_under_a_headline_is_running_text() {
    // Made up: running text 22 px tall, 25 px a glyph, 400 px columns. The
    // column under a headline opens with a paragraph's first line, indented
    // two glyphs and ending at the column's edge, which the engine boxed
    // 24 px tall, most of its words 32 px (typeset devpage 016 under
    // Tesseract). It is the text's first line, not a subheadline.
    let body = |y: u32, w: u32, t: &'static str| ((100, y, w, 22), vec![(100, y, w, 22, t, 0.95)]);
    let page = alto_page_of(&[
        (
            (140, 40, 320, 44),
            vec![(140, 40, 320, 44, "春风又绿江南岸", 0.95)],
        ),
        (
            (150, 100, 350, 24),
            vec![
                (150, 101, 100, 22, "会议代表", 0.93),
                (250, 96, 100, 32, "们对这次", 0.93),
                (350, 96, 100, 32, "会议作了", 0.92),
                (450, 96, 50, 32, "发言", 0.92),
            ],
        ),
        body(136, 400, "会议指出，今年的工作要抓紧抓好，各地"),
        body(170, 400, "要认真落实各项措施，确保完成全年的目"),
        body(204, 400, "标任务，大家都说会议开得很好，代表们"),
        body(238, 400, "纷纷表示赞同，会议开得很成功，各地要"),
        body(272, 200, "抓好落实。"),
    ]);
    let blocks = roles_and_texts(&page);
    assert_eq!(page.articles.len(), 1, "{blocks:?}");
    assert_eq!(
        blocks.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        [proofdesk::page::Role::Headline, proofdesk::page::Role::Body],
        "{blocks:?}"
    );
}

#[test]
fn a_headline_flush_between_two_rows_of_text_off_their_grid_stays_a_headline() {
    // Made up: a paragraph of 17-glyph rows (25 px a glyph, 22 px tall, 38
    // px apart) whose last row ends its sentence, then a headline set 40
    // px tall across the whole column, 16 px under it, then a dateline's
    // paragraph 16 px under the headline: the rows around the headline
    // stand 2.5 rows apart, off the text's grid, and it stays a headline.
    let mut lines: Vec<Vec<Word<'_>>> = PARAGRAPH_ROWS[..4]
        .iter()
        .zip(0u32..)
        .map(|(text, i)| vec![(100, 100 + 38 * i, 425, 22, *text)])
        .collect();
    lines.push(vec![(
        100,
        252,
        425,
        22,
        "大家都说今年的日子一定会更好过。",
    )]);
    lines.push(vec![(100, 290, 425, 40, "春风又绿江南岸处处新")]);
    lines.push(vec![(150, 346, 375, 22, "本报讯（记者贺云章）这个县的农")]);
    lines.push(vec![(
        100,
        384,
        425,
        22,
        "民今年收入有了较大增长，生活水平",
    )]);
    lines.push(vec![(100, 422, 150, 22, "明显提高。")]);
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks
            .iter()
            .any(|(r, t)| *r == proofdesk::page::Role::Headline && t == "春风又绿江南岸处处新"),
        "{blocks:?}"
    );
    let headline = article_of(&page, "春风又绿江南岸");
    assert_eq!(headline, article_of(&page, "本报讯"), "{blocks:?}");
    assert_ne!(headline, article_of(&page, "一定会更好过"), "{blocks:?}");
}

/// Rows of 17 glyphs of made-up running text, one paragraph's.
const PARAGRAPH_ROWS: [&str; 8] = [
    "记者从县里了解到，这几年全县上下一",
    "心一意抓生产，农业连年获得了丰收。",
    "今年全县农民的人均收入比去年增长了",
    "一成多，家家户户的日子都好过了。富",
    "裕起来的农民又把钱投到了生产上去买",
    "了农机建了大棚还办起了加工厂，县里",
    "也为他们请来了技术员，手把手地教他",
    "们种菜养鸡。",
];

/// Asserts that `page` is one article of running text, one of whose
/// blocks holds `text`.
fn assert_running_text_holds(page: &proofdesk::page::Page, text: &str) {
    let blocks = roles_and_texts(page);
    assert_one_article_of_running_text(page);
    assert!(blocks.iter().any(|(_, t)| t.contains(text)), "{blocks:?}");
}

/// An ALTO page of one paragraph: `rows` of 25 px glyphs from `(100,
/// 100)`, 22 px tall and 38 px apart, the engine sure of them, but row
/// `at`, boxed `height` px tall and read as `words` (`x`, width, height,
/// text, how sure).
fn paragraph_with_row_read_as(
    rows: &[&str],
    at: u32,
    height: u32,
    words: &[(u32, u32, u32, &'static str, f32)],
) -> proofdesk::page::Page {
    let lines: Vec<AltoLine<'_>> = rows
        .iter()
        .zip(0u32..)
        .map(|(text, i)| {
            let y = 100 + 38 * i;
            let w = 25 * u32::try_from(text.chars().count()).unwrap_or(0);
            if i == at {
                let boxed = words
                    .iter()
                    .map(|&(x, w, h, word, sure)| (x, y, w, h, word, sure))
                    .collect();
                ((100, y, w, height), boxed)
            } else {
                ((100, y, w, 22), vec![(100, y, w, 22, *text, 0.95)])
            }
        })
        .collect();
    alto_page_of(&lines)
}

#[test]
fn a_row_of_running_text_boxed_a_little_tall_stays_in_its_paragraph() {
    // Made up: one paragraph of 17-glyph rows, 25 px a glyph, 22 px tall,
    // 38 px apart. The engine boxed its third row 24 px tall and most of
    // that row's words 39 px, down into the row below (typeset devpage
    // 022 under Tesseract); the row holds no mark, so read as a line of
    // its own it would be a title. The image shows it set in the text:
    // flush at both edges with the rows around it, at their pitch.
    // Six words of 2–4 glyphs, four of them boxed 39 px tall.
    let page = paragraph_with_row_read_as(
        &PARAGRAPH_ROWS[2..],
        2,
        24,
        &[
            (100, 50, 23, "裕起", 0.9),
            (150, 75, 39, "来的农", 0.9),
            (225, 75, 39, "民又把", 0.9),
            (300, 75, 23, "钱投到", 0.9),
            (375, 75, 39, "了生产", 0.9),
            (450, 75, 39, "上去买", 0.9),
        ],
    );
    assert_running_text_holds(
        &page,
        "都好过了。富裕起来的农民又把钱投到了生产上去买了农机",
    );
}

#[test]
fn a_row_of_running_text_boxed_tall_on_the_text_s_grid_stays_in_its_paragraph() {
    // Made up: one paragraph of 17-glyph rows, 25 px a glyph, 22 px tall,
    // 38 px apart. The engine read the fifth row with glyphs dropped (13
    // glyphs over 17 cells, so they measure wide) and most of its words
    // boxed 40 px tall: as tall and as wide as a headline's (typeset
    // devpage 015 under Tesseract). The image shows it on the text's grid
    // of rows, flush at both edges with the rows around it: a headline
    // between two rows of running text would take more room than a row.
    let page = paragraph_with_row_read_as(
        &PARAGRAPH_ROWS,
        4,
        40,
        &[
            (100, 50, 22, "裕起", 0.95),
            (150, 50, 40, "来的", 0.95),
            (200, 50, 40, "农民", 0.95),
            (300, 100, 22, "又把", 0.6),
            (400, 75, 40, "钱投到", 0.95),
            (475, 50, 40, "上去", 0.95),
        ],
    );
    assert_running_text_holds(&page, "都好过了。富裕起来的农民又把钱投到上去了农机");
}

#[test]
fn a_headline_read_in_pieces_with_glyphs_misread_between_them_is_one_title() {
    // Made up: a headline over three columns, 58 px glyphs on one row,
    // read as three boxes, each before the column under it, and its
    // glyphs between the second box and the third read as two lines half
    // as tall (`一\岂` over `二/人`: typeset devpage 004 under Tesseract,
    // where the headline's last box then opened an article of its own
    // with the column under it).
    let text = "本报讯今天上午，全省春耕生产工作会议在省城召开，会议总结了去年的农业生产工作，部署了今年的春耕生产任务，各地代表都作了发言。会议要求各地抓住有利时机，搞好种子和化肥的供应，保证春耕生产顺利地进行，各级干部要深入基层，帮助农民解决生产中遇到的实际困难，为全年农业丰收打下好的基础。";
    let glyphs: Vec<char> = text.chars().collect();
    let rows: Vec<String> = glyphs.chunks(12).map(|c| c.iter().collect()).collect();
    let title = |x: u32, w: u32, text: &'static str| -> AltoLine<'static> {
        ((x, 100, w, 58), vec![(x, 100, w, 58, text, 0.9)])
    };
    let column = |c: u32| -> Vec<AltoLine<'_>> {
        rows.iter()
            .skip(4 * c as usize)
            .take(4)
            .zip(0u32..)
            .map(|(row, i)| {
                let (x, y) = (100 + 320 * c, 190 + 34 * i);
                let w = 25 * u32::try_from(row.chars().count()).unwrap_or(0);
                ((x, y, w, 22), vec![(x, y, w, 22, row.as_str(), 0.95)])
            })
            .collect()
    };
    let mut lines = vec![title(100, 232, "春风又绿")];
    lines.extend(column(0));
    lines.push(title(344, 232, "江南两岸"));
    lines.push((
        (600, 100, 150, 28),
        vec![(600, 100, 150, 28, "一\\岂", 0.4)],
    ));
    lines.push(((600, 119, 150, 40), vec![(600, 119, 150, 40, "二/人", 0.5)]));
    lines.extend(column(1));
    lines.push(title(770, 232, "万物复苏"));
    lines.extend(column(2));
    let page = alto_page_of(&lines);
    let blocks = roles_and_texts(&page);
    assert_eq!(page.articles.len(), 1, "{blocks:?}");
    assert!(
        blocks
            .iter()
            .any(|(r, t)| *r == proofdesk::page::Role::Headline && t.contains("万物复苏")),
        "{blocks:?}"
    );
}

/// A made-up line of an ALTO page: its box (x, y, width, height) and its
/// words (x, y, width, height, text, `WC` 0–1).
type AltoLine<'a> = (
    (u32, u32, u32, u32),
    Vec<(u32, u32, u32, u32, &'a str, f32)>,
);

/// A made-up ALTO page of one text block of `lines`.
fn alto_page_of(lines: &[AltoLine<'_>]) -> proofdesk::page::Page {
    let mut body = String::new();
    for ((x, y, w, h), words) in lines {
        body.push_str(&format!(
            "<TextLine HPOS=\"{x}\" VPOS=\"{y}\" WIDTH=\"{w}\" HEIGHT=\"{h}\">"
        ));
        for (x, y, w, h, text, wc) in words {
            body.push_str(&format!(
                "<String HPOS=\"{x}\" VPOS=\"{y}\" WIDTH=\"{w}\" HEIGHT=\"{h}\" WC=\"{wc}\" CONTENT=\"{text}\"/>"
            ));
        }
        body.push_str("</TextLine>");
    }
    let page = format!(
        "<alto><Layout><Page WIDTH=\"1000\" HEIGHT=\"1400\"><TextBlock>{body}</TextBlock></Page></Layout></alto>"
    );
    page_from_bytes("p.xml", page.as_bytes()).expect("reads")
}

#[test]
fn a_line_indented_after_a_line_the_engine_dropped_opens_a_paragraph() {
    // Made up: 25 px a glyph, lines 20 px tall, 30 px apart. The engine
    // dropped a paragraph's last line (`意义。`) at a column's foot; the
    // line under the gap, indented two glyphs, is the next paragraph's
    // first, though the line before it ends on `和` and the column beside
    // comes next (typeset devpage 009 under Tesseract).
    let page = alto_block(&[
        (150, 100, 350, 20, "市里的各项工作都在有序推进之"),
        (100, 130, 400, 20, "中，各区县的落实情况得到了上级的充分"),
        (100, 160, 400, 20, "肯定，向全市展示了基层在服务群众方面"),
        (100, 190, 400, 20, "的能力，也说明了干部作风的转变和"),
        (150, 250, 300, 20, "用同样的办法和标准来衡量"),
        (540, 100, 400, 20, "这些年的做法，就能看出一个清楚的变"),
        (540, 130, 400, 20, "化，大家对此都很有信心，认为还能更"),
        (540, 160, 250, 20, "好地做到这一点。"),
    ]);
    let blocks = roles_and_texts(&page);
    assert!(blocks[0].1.ends_with("转变和"), "{blocks:?}");
    assert!(
        blocks.iter().any(|(_, t)| t.starts_with("用同样的办法")),
        "{blocks:?}"
    );
}

#[test]
fn a_caption_s_credit_misread_on_a_line_of_its_own_is_the_caption_s() {
    // Made up: running text 20 px tall; a caption 17 px in two lines,
    // its credit on the second with `本报` dropped and `摄` read as `报`
    // (typeset devpage 002 under Tesseract), between a headline and its
    // text. Both lines are the caption, not a line of text and a byline.
    let page = alto_block(&[
        (140, 40, 320, 40, "春风又绿江南岸"),
        (100, 100, 300, 17, "山村只有七百多位村民在这里"),
        (100, 125, 120, 17, "记者苗启先报"),
        (100, 160, 400, 20, "本报金华3月28日讯（记者 邵泽民）今年的"),
        (
            100,
            190,
            400,
            20,
            "工作要抓紧抓好，不能放松，大家都说很好。",
        ),
    ]);
    let blocks = roles_and_texts(&page);
    let caption = blocks
        .iter()
        .find(|(_, t)| t.ends_with("记者苗启先报"))
        .expect("the credit line");
    assert_eq!(caption.0, proofdesk::page::Role::Caption, "{blocks:?}");
    assert!(caption.1.starts_with("山村只有"), "{blocks:?}");
}

#[test]
fn a_piece_of_a_line_read_apart_goes_back_to_its_line() {
    // Made up: the engine read the end of a line (`5万`) as a line of its
    // own, after the rest of the column.
    let page = alto_block(&[
        (140, 100, 360, 20, "村里还组织党员捐款1.5万元，帮助她"),
        (100, 130, 330, 20, "修理房屋，还为她送去了米和油和"),
        (100, 160, 400, 20, "元，帮助李大娘修缮老屋，大家都很高兴。"),
        (457, 130, 43, 20, "5万"),
    ]);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks.iter().any(|(_, t)| t.contains("米和油和5万元")),
        "{blocks:?}"
    );
}

#[test]
fn a_caption_under_a_headline_stack_joins_the_article_of_the_stack() {
    // Made up: the engine reads a headline, the photo's caption under it,
    // then the article's text. The caption is set small (17 px); in the
    // second case the reporter's whole name ends its line and `摄` stands
    // alone on the next: the lone `摄` is the caption's, so the article
    // the headline opened has no text before its dateline, and the
    // dateline goes on with it.
    let captions: [&[Word<'_>]; 2] = [
        &[(100, 400, 300, 17, "代表们在会场   本报记者 梁舟 摄")],
        &[
            (100, 400, 380, 17, "代表们在会场认真听取报告”本报记者王凤侠"),
            (100, 425, 17, 17, "摄"),
        ],
    ];
    for caption in captions {
        let mut lines = vec![(150, 100, 330, 56, "春风又绿江南岸")];
        lines.extend_from_slice(caption);
        lines.extend([
            (140, 460, 360, 20, "本报宁波10月8日讯（记者 梁舟）今年"),
            (100, 490, 300, 20, "的工作要抓紧抓好，不能放松。"),
        ]);
        let page = alto_block(&lines);
        let blocks = roles_and_texts(&page);
        assert_eq!(page.articles.len(), 1, "{blocks:?}");
        assert!(
            blocks
                .iter()
                .any(|(role, t)| *role == proofdesk::page::Role::Caption
                    && t.starts_with("代表们")
                    && t.ends_with('摄')),
            "{blocks:?}"
        );
    }
}

#[test]
fn a_caption_at_the_page_s_top_right_over_a_continuation_heads_it() {
    // Made up: under the page's header, a photo's caption set small, right
    // over a continuation's text (`（上接第一版）`) with no headline: the
    // photo sits at the top of that text, as it does over an article's
    // dateline after another article's text. From the image and from the
    // engine's plain text alike.
    let lines = [
        (100, 40, 300, 22, "第2版 综合新闻"),
        (100, 400, 300, 17, "代表们在会场   本报记者 梁舟 摄"),
        (140, 440, 360, 20, "（上接第一版）会议指出，今年的"),
        (100, 470, 400, 20, "工作要抓紧抓好，各地要认真落实各"),
        (100, 500, 300, 20, "项措施，确保完成任务。"),
    ];
    // Tesseract's text of such a page: a blank line after each block, and
    // commas read as ASCII, as the engine reads most of them.
    let text = "第2版 综合新闻\n\n代表们在会场   本报记者 梁舟 摄\n\n\
                （上接第一版）会议指出,今年的\n工作要抓紧抓好,各地要认真落实各\n\
                项措施,确保完成任务,大家说,干劲足,信心强，齐努力。\n\n";
    let plain = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
    for page in [alto_block(&lines), plain] {
        let blocks = roles_and_texts(&page);
        let caption = article_of(&page, "代表们在会场");
        assert!(caption.is_some(), "{blocks:?}");
        assert_eq!(caption, article_of(&page, "（上接第一版）"), "{blocks:?}");
        assert!(
            page.articles
                .iter()
                .all(|a| a.kind != proofdesk::page::ArticleKind::CaptionOnly),
            "{blocks:?}"
        );
    }
}

/// Made up: running text 20 px tall, 20 px a glyph; then a headline of
/// three lines (`rows`), boxed 27 px tall (1.35 times) in glyphs 24 px
/// wide, under the 1.5 that makes one line a headline by its height
/// alone; then the article's dateline.
fn page_with_headline_rows(rows: [(u32, u32, u32, u32, &str); 3]) -> proofdesk::page::Page {
    let mut lines = vec![
        (100, 60, 400, 20, "群众对此表示满意，工作取得了明显的成效。"),
        (100, 90, 380, 20, "大家都说这样的做法很好，今后还要坚持。"),
        (100, 120, 140, 20, "会议到此结束。"),
    ];
    lines.extend(rows);
    lines.extend([
        (140, 290, 360, 20, "本报宁波10月8日讯（记者 梁舟）今年"),
        (
            100,
            320,
            400,
            20,
            "的工作要抓紧抓好，不能放松，大家都说很好。",
        ),
    ]);
    alto_block(&lines)
}

#[test]
fn a_headline_of_three_lines_set_a_little_larger_is_one_headline() {
    // The middle line holds a comma; its glyphs, narrow for their height,
    // are no speck over running text where the lines beside it are as tall.
    // Or the last line is a single glyph, too narrow for a title by itself.
    let cases = [
        [
            (130, 170, 216, 27, "他为千万名孩子打开了"),
            (130, 205, 216, 27, "心窗，从来没有一次"),
            (170, 240, 72, 27, "失约过"),
        ],
        [
            (130, 170, 216, 27, "他为千万名孩子打开了"),
            (130, 205, 240, 27, "心窗，从来没有一次失约"),
            (230, 240, 24, 27, "过"),
        ],
    ];
    for rows in cases {
        let page = page_with_headline_rows(rows);
        let blocks = roles_and_texts(&page);
        assert!(
            blocks
                .iter()
                .any(|(role, t)| *role == proofdesk::page::Role::Headline
                    && t.starts_with("他为千万名")
                    && t.ends_with("失约过")),
            "{blocks:?}"
        );
        assert_eq!(
            article_of(&page, "失约过"),
            article_of(&page, "梁舟"),
            "{blocks:?}"
        );
        assert_ne!(
            article_of(&page, "失约过"),
            article_of(&page, "会议到此结束"),
            "{blocks:?}"
        );
    }
}

/// A word on a made-up page: `(x, y, width, height, text)`.
type Word<'a> = (u32, u32, u32, u32, &'a str);

/// A [`Word`] that owns its text.
type OwnedWord = (u32, u32, u32, u32, String);

/// A made-up ALTO page of one text block whose lines each hold one or
/// more words.
fn alto_lines(lines: &[Vec<Word<'_>>]) -> proofdesk::page::Page {
    let sure: Vec<(Vec<Word<'_>>, f32)> = lines.iter().map(|l| (l.clone(), 0.95)).collect();
    alto_lines_sure(&sure)
}

/// An ALTO page of one text block, a line for each of `lines`' word lists,
/// the engine as sure (0–1) of each line's words as given.
fn alto_lines_sure(lines: &[(Vec<Word<'_>>, f32)]) -> proofdesk::page::Page {
    let lines: Vec<AltoLine<'_>> = lines
        .iter()
        .map(|(words, sure)| {
            let x0 = words.iter().map(|w| w.0).min().unwrap_or(0);
            let y0 = words.iter().map(|w| w.1).min().unwrap_or(0);
            let x1 = words.iter().map(|w| w.0 + w.2).max().unwrap_or(0);
            let y1 = words.iter().map(|w| w.1 + w.3).max().unwrap_or(0);
            let words = words
                .iter()
                .map(|&(x, y, w, h, text)| (x, y, w, h, text, *sure))
                .collect();
            ((x0, y0, x1 - x0, y1 - y0), words)
        })
        .collect();
    alto_page_of(&lines)
}

/// Two columns of 16-glyph lines (25 px a glyph, 400 px wide, a 40 px
/// gutter), the first row given as `first_row` and the rest as lines of
/// their own, column by column, as the engine reads them.
fn two_columns_under(first_row: Vec<Word<'static>>) -> proofdesk::page::Page {
    let left = [
        "会议指出，今年的工作要抓紧抓好，",
        "各地要认真落实各项措施，确保完成",
        "全年的目标任务。",
    ];
    let right = [
        "记者了解到，这个县的农民今年收入",
        "有了较大增长，生活水平明显提高。",
    ];
    let mut lines = vec![first_row];
    for (x, column) in [(100, &left[..]), (540, &right[..])] {
        for (i, text) in column.iter().enumerate() {
            let y = 138 + 38 * u32::try_from(i).unwrap_or(0);
            let w = 25 * u32::try_from(text.chars().count()).unwrap_or(0);
            lines.push(vec![(x, y, w, 22, *text)]);
        }
    }
    alto_lines(&lines)
}

/// Which article holds `text`, if one does.
fn article_of(page: &proofdesk::page::Page, text: &str) -> Option<usize> {
    page.articles
        .iter()
        .position(|a| a.blocks.iter().any(|b| b.text.contains(text)))
}

/// The end of an article (22 px lines from `(x, y)`, 25 px a glyph): a
/// full line, then a short one with its full stop.
fn article_end(x: u32, y: u32) -> Vec<Vec<Word<'static>>> {
    vec![
        vec![(x, y, 400, 22, "会议指出，今年的工作要抓紧抓好，")],
        vec![(x, y + 38, 200, 22, "全年的目标任务。")],
    ]
}

/// Asserts that the page made of `lines` is one article of running text.
fn assert_running_text(lines: &[Vec<Word<'_>>]) {
    assert_one_article_of_running_text(&alto_lines(lines));
}

/// Asserts that `page` is one article, all of it running text.
fn assert_one_article_of_running_text(page: &proofdesk::page::Page) {
    let blocks = roles_and_texts(page);
    assert_eq!(page.articles.len(), 1, "{blocks:?}");
    assert!(
        blocks
            .iter()
            .all(|(r, _)| *r == proofdesk::page::Role::Body),
        "{blocks:?}"
    );
}

/// Asserts that the page made of `lines` sets the headline `春风又绿江南岸`
/// in the article of each text in `with`, and in none of those `without`.
fn assert_headline_heads(lines: &[Vec<Word<'_>>], with: &[&str], without: &[&str]) {
    let page = alto_lines(lines);
    let blocks = roles_and_texts(&page);
    let headline = article_of(&page, "春风又绿江南岸");
    assert!(headline.is_some(), "{blocks:?}");
    for text in with {
        assert_eq!(headline, article_of(&page, text), "{text}: {blocks:?}");
    }
    for text in without {
        assert_ne!(headline, article_of(&page, text), "{text}: {blocks:?}");
    }
}

/// A column 200 px wide from `(x, 200)`: three lines, the first and last
/// given.
fn narrow_column(x: u32, first: &'static str, last: &'static str) -> Vec<Vec<Word<'static>>> {
    vec![
        vec![(x, 200, 200, 22, first)],
        vec![(x, 238, 200, 22, "农民今年收入有了较大增")],
        vec![(x, 276, 200, 22, last)],
    ]
}

/// An article's text opening with a dateline, from `(x, y)`: an indented
/// first line, a full one, a short last one.
fn dateline_paragraph(x: u32, y: u32) -> Vec<Vec<Word<'static>>> {
    vec![
        vec![(x + 50, y, 350, 22, "本报讯（记者贺云章）这个县的")],
        vec![(x, y + 38, 400, 22, "农民今年收入有了较大增长，生活")],
        vec![(x, y + 76, 250, 22, "水平明显提高。")],
    ]
}

/// `明月何时照我还` set a little larger than running text (30 px), as
/// three words from `(x, y)`, every one as tall.
fn larger_line(x: u32, y: u32) -> Vec<Word<'static>> {
    vec![
        (x, y, 100, 30, "明月何"),
        (x + 105, y, 70, 30, "时照"),
        (x + 180, y, 60, 30, "我还"),
    ]
}

/// The gold of devpages-ocr page `stem` in `dir`, read at run time.
fn gold_of(dir: &Path, stem: &str) -> serde_json::Value {
    let path = dir.join(format!("{stem}.gold.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("gold reads"))
        .expect("gold is JSON")
}

/// Field `key` (a title or the byline) of the gold's article `article` on
/// devpages-ocr page `stem`, whitespace left out.
fn gold_field(stem: &str, article: usize, key: &str) -> String {
    gold_of(&ocr_dir(), stem)["articles"][article][key]
        .as_str()
        .unwrap_or_else(|| panic!("{stem}: article {article} has a {key} in the gold"))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Paragraph `paragraph` of the gold's article `article` on devpages-ocr
/// page `stem`, as glyphs.
fn gold_paragraph(stem: &str, article: usize, paragraph: usize) -> Vec<char> {
    gold_of(&ocr_dir(), stem)["articles"][article]["paragraphs"][paragraph]
        .as_str()
        .unwrap_or_else(|| panic!("{stem}: article {article} has paragraph {paragraph}"))
        .chars()
        .collect()
}

/// The glyphs `range` of `text`.
fn glyphs(text: &str, range: std::ops::Range<usize>) -> String {
    text.chars().skip(range.start).take(range.len()).collect()
}

#[test]
fn a_kicker_before_a_headline_set_twice_its_size_is_a_title_of_its_own() {
    // devpages-ocr 007, the gold's fourth article: a kicker a little
    // larger than running text, then the headline at more than twice its
    // size, read as two boxes, its first three glyphs (the third misread
    // as a digit) a stub a wrapped title would leave, but not at the
    // kicker's size. The expected titles are the gold's, read at run time.
    let page = ocr_devpage("007");
    let gold_kicker = gold_field("007", 3, "kicker");
    let gold_headline = gold_field("007", 3, "headline");
    let blocks: Vec<(proofdesk::page::Role, &str)> = page
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| (b.role, b.text.as_str()))
        .collect();
    let kicker = blocks
        .iter()
        .find(|(_, t)| t.starts_with(&glyphs(&gold_kicker, 0..5)));
    assert!(
        kicker.is_some_and(|(r, t)| *r == proofdesk::page::Role::Kicker && *t == gold_kicker),
        "{blocks:?}"
    );
    let headline = blocks
        .iter()
        .find(|(_, t)| t.starts_with(&glyphs(&gold_headline, 0..2)));
    let rest = glyphs(&gold_headline, 3..gold_headline.chars().count());
    assert!(
        headline.is_some_and(|(r, t)| *r == proofdesk::page::Role::Headline && t.ends_with(&rest)),
        "{blocks:?}"
    );
}

#[test]
fn rows_read_across_the_page_are_cut_into_columns_and_keep_their_order() {
    // devpages-ocr 006: Tesseract read four columns' rows as one line each,
    // across a headline stack (the gold's third article: a two-line
    // headline over a two-line subheadline). Its boxes are loose: the
    // subheadline's last two glyphs, misread as Latin letters and a
    // glyph, are one word 258 px wide and two rows tall, so by its words'
    // boxes the subheadline's second line sat above its first and cut the
    // headline's second line off. By the rows the engine read them in,
    // the headline is whole, and the subheadline reads in order (its
    // second line is the one holding the misread `文醇并`).
    let page = ocr_devpage("006");
    let blocks = roles_and_texts(&page);
    let gold_headline = gold_field("006", 2, "headline");
    assert!(
        blocks
            .iter()
            .any(|(r, t)| *r == proofdesk::page::Role::Headline
                && t.replace(' ', "") == gold_headline),
        "{blocks:?}"
    );
    let text: String = blocks.iter().map(|(_, t)| t.replace(' ', "")).collect();
    let first = text.find(&glyphs(&gold_field("006", 2, "subheadline"), 0..4));
    let second = text.find("文醇并");
    assert!(
        first.is_some() && second.is_some() && first < second,
        "{blocks:?}"
    );
    // A gutter no lines around the row show (the engine boxed a glyph of
    // the next column over it): the continued article's line and the
    // next column's, 90 px apart on one row, are two columns, so the
    // continued article reads on into its own next line: the gold's
    // twelve glyphs across that line end (its first paragraph's glyphs
    // 21 to 33) are whole.
    let across: String = gold_paragraph("006", 3, 0)[21..33].iter().collect();
    assert!(text.contains(&across), "{across}: {blocks:?}");
}

#[test]
fn rows_of_unsure_words_over_a_headline_are_never_its_headline() {
    // devpages-ocr 007: the engine read the top edges of the glyphs of
    // the gold's seventh headline as a row of its own (`\T、 < 十`, all
    // under 50% sure), cut into pieces at the gutters; `<`, one glyph
    // boxed 109 px wide, looked set twice as large as the headline. Such
    // rows inside a stack have no size of their own: the headline is the
    // headline, and the edges stay in its stack, over it.
    let page = ocr_devpage("007");
    let headline = glyphs(&gold_field("007", 6, "headline"), 0..11);
    let blocks = roles_and_texts(&page);
    let role_of = |text: &str| {
        blocks
            .iter()
            .find(|(_, t)| t.replace(' ', "").starts_with(text))
            .map(|(r, _)| *r)
    };
    assert_eq!(
        role_of(&headline),
        Some(proofdesk::page::Role::Headline),
        "{blocks:?}"
    );
    for edge in ["<", "十"] {
        assert_eq!(
            role_of(edge),
            Some(proofdesk::page::Role::Kicker),
            "{edge}: {blocks:?}"
        );
    }
    assert_eq!(
        article_of(&page, "<"),
        article_of(&page, &headline),
        "{blocks:?}"
    );
}

#[test]
fn headline_stacks_read_in_rows_across_the_page_head_the_text_under_them() {
    // devpages-ocr 006: two stacks read in the same rows across the page,
    // with two columns of text between them. The left one (the gold's
    // third article: a kicker, a two-line headline, a two-line
    // subheadline whose last line the engine misread, ending on a full
    // stop) heads its inline byline under it; the right one (the gold's
    // fifth article: a kicker, a headline, a subheadline) stands two line
    // heights over its byline, further than one line's reach, with the
    // edges of the headline's glyphs read as rows of unsure words (`”><蕊月
    // 二 \、 Ar -AL 1及`, `v 全和`) inside it. The titles and bylines
    // looked for are the gold's, read at run time.
    let page = ocr_devpage("006");
    let blocks = roles_and_texts(&page);
    let same = |a: &str, b: &str| {
        let (x, y) = (article_of(&page, a), article_of(&page, b));
        x.is_some() && x == y
    };
    let left_byline = gold_field("006", 2, "byline");
    let left_sub = glyphs(&gold_field("006", 2, "subheadline"), 0..4);
    let right_kicker = gold_field("006", 4, "kicker");
    let right_byline = gold_field("006", 4, "byline");
    let right_sub = gold_field("006", 4, "subheadline");
    let right_opening: String = gold_paragraph("006", 4, 0)[..9].iter().collect();
    for (title, text) in [
        (gold_field("006", 2, "kicker"), left_byline.clone()),
        (left_sub.clone(), left_byline),
        (right_kicker.clone(), right_byline.clone()),
        (
            glyphs(&gold_field("006", 4, "headline"), 0..15),
            right_byline.clone(),
        ),
        ("蕊月".to_owned(), right_byline),
        // The subheadline from its fifth glyph: the engine misread the
        // second.
        (
            glyphs(&right_sub, 4..right_sub.chars().count()),
            right_opening,
        ),
    ] {
        assert!(same(&title, &text), "{title} / {text}: {blocks:?}");
    }
    // The subheadline is a title, though the engine read a full stop in it;
    // the kicker is a block of its own, not run on into the unsure row.
    let role_of = |start: &str| {
        blocks
            .iter()
            .find(|(_, t)| t.replace(' ', "").starts_with(start))
            .map(|(r, t)| (*r, t.replace(' ', "")))
    };
    assert_eq!(
        role_of(&left_sub).map(|(r, _)| r),
        Some(proofdesk::page::Role::Subheadline),
        "{blocks:?}"
    );
    assert_eq!(
        role_of(&glyphs(&right_kicker, 0..5)),
        Some((proofdesk::page::Role::Kicker, right_kicker)),
        "{blocks:?}"
    );
}

#[test]
fn a_paragraphs_lines_the_engine_set_apart_read_on_where_a_word_runs_across() {
    // devpages-ocr 005 as Tesseract's plain text: two lines of a paragraph
    // (the gold's fourth article, its second paragraph) set apart by a
    // blank line, the first ending inside a three-glyph word, the second
    // opening with the word's end and holding a comma; both read like
    // titles, they were a headline and its subheadline. The word reads
    // across, and the second line has a comma inside: they are one
    // paragraph of running text. So is the opening of the gold's sixth
    // article's second paragraph. The openings are the gold's, read at
    // run time; the engine misread one glyph of the first.
    let dir = ocr_dir();
    let path = dir.join("005.txt");
    assert!(
        path.exists(),
        "{}: devpages-ocr page 005 is there",
        dir.display()
    );
    let page = read_page(&path).expect("the plain text reads");
    let blocks = roles_and_texts(&page);
    // Where the engine misread a glyph of the opening: its place in it.
    for (article, glyph_count, misread) in [(3, 16, Some(2)), (5, 17, None)] {
        let opening = &gold_paragraph("005", article, 1)[..glyph_count];
        // The block's first glyphs are the opening's, but for that misread.
        let opens = |t: &str| {
            let t: Vec<char> = t.chars().filter(|c| *c != ' ').collect();
            t.len() >= opening.len()
                && t.iter()
                    .zip(opening)
                    .enumerate()
                    .all(|(i, (a, b))| a == b || Some(i) == misread)
        };
        assert!(
            blocks
                .iter()
                .any(|(r, t)| *r == proofdesk::page::Role::Body && opens(t)),
            "{}: {blocks:?}",
            opening.iter().collect::<String>()
        );
    }
}

#[test]
fn a_row_read_across_a_gutter_is_split_into_its_columns() {
    // Made up: the engine read the two columns' first lines as one line,
    // then each column's other lines.
    let page = two_columns_under(vec![
        (100, 100, 400, 22, "本报讯今天上午，全省工作会议召开。"),
        (540, 100, 400, 22, "本报讯近日，记者来到山区一个小县，"),
    ]);
    let text: String = page
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.as_str())
        .collect();
    // Each column's first line reads on into its own second line.
    assert!(
        text.contains("全省工作会议召开。会议指出"),
        "{:?}",
        roles_and_texts(&page)
    );
    assert!(
        text.contains("记者来到山区一个小县，记者了解到"),
        "{:?}",
        roles_and_texts(&page)
    );
    assert!(!text.contains("召开。本报讯近日"), "{text}");
}

/// Two columns of 17-glyph rows (25 px a glyph, 22 px tall, 38 px apart,
/// 425 px wide, a 40 px gutter) whose first five rows the engine read
/// across the gutter, each as one line, then each column's other rows
/// as lines of their own; the fifth row's right part is its paragraph's
/// last words. With `subheadline`, a line set a little larger (28 px
/// tall, 300 px wide) over the gutter above the rows, as a subheadline
/// centred over the right article's two columns is. The left and right
/// columns' text, each one string.
fn rows_read_across_a_gutter(subheadline: bool) -> (proofdesk::page::Page, String, String) {
    let left = "本报讯今天上午，全省农业工作会议在省城召开，会议总结了去年的工作，部署了今年的任务，各地代表都作了发言。会议指出，今年的工作要抓紧抓好，各地要认真落实各项措施，确保完成全年的目标任务，让农民的收入有更大的增长，生活水平有更明显的提高。会议要求，各级干部要深入基层，了解群众的实际困难，帮助群众解决生产生活中的问题，把各项工作做细做实，真正让群众得到实惠。会议还对春耕生产作了安排，要求各地抓住有利时机，搞好种子化肥的供应，保证春耕生产顺利进行，为全年农业丰收打下好的基础。";
    let right = [
        "记者近日来到了山区一个小县，看到这里的农民正忙着春耕，田间地头一片繁忙的景象，县里的干部也都下到了村里，帮助农民解决生产中遇到的各种困难，大家的干劲都很足。",
        "这几年，县里的变化很大，修了公路，通了电话，农民的日子越过越好，不少人家盖起了新房，买了农用车，孩子们也都上了学，村里的面貌焕然一新。",
        "农民们说，只要政策好，大家肯出力，日子就会越来越红火，他们对今后的生活充满了信心。",
    ];
    // Each paragraph's rows, its first indented two glyphs (but the
    // first of a column), as (indent in glyphs, text).
    let rows_of = |text: &str, indent: usize| -> Vec<(u32, String)> {
        let glyphs: Vec<char> = text.chars().collect();
        let mut rows = Vec::new();
        let mut at = 0;
        let mut width = 17 - indent;
        let mut first = u32::try_from(indent).unwrap_or(0);
        while at < glyphs.len() {
            let end = (at + width).min(glyphs.len());
            rows.push((first, glyphs[at..end].iter().collect()));
            at = end;
            width = 17;
            first = 0;
        }
        rows
    };
    let left_rows = rows_of(left, 0);
    let right_rows: Vec<(u32, String)> = right
        .iter()
        .enumerate()
        .flat_map(|(i, p)| rows_of(p, if i == 0 { 0 } else { 2 }))
        .collect();
    let piece = |x: u32, row: usize, (indent, text): &(u32, String)| {
        let y = 100 + 38 * u32::try_from(row).unwrap_or(0);
        let glyphs = u32::try_from(text.chars().count()).unwrap_or(0);
        (x + 25 * indent, y, 25 * glyphs, 22, text.clone())
    };
    let mut owned: Vec<Vec<OwnedWord>> = Vec::new();
    if subheadline {
        owned.push(vec![(375, 50, 300, 28, "一个小县的春天".to_owned())]);
    }
    for row in 0..5 {
        owned.push(vec![
            piece(100, row, &left_rows[row]),
            piece(565, row, &right_rows[row]),
        ]);
    }
    for (x, rows) in [(100, &left_rows), (565, &right_rows)] {
        for (row, r) in rows.iter().enumerate().skip(5) {
            owned.push(vec![piece(x, row, r)]);
        }
    }
    let lines: Vec<Vec<Word<'_>>> = owned
        .iter()
        .map(|l| {
            l.iter()
                .map(|(x, y, w, h, t)| (*x, *y, *w, *h, t.as_str()))
                .collect()
        })
        .collect();
    (alto_lines(&lines), left.to_owned(), right.concat())
}

/// Asserts that `page` reads each of `columns` in one piece, as written.
fn assert_columns_read(page: &proofdesk::page::Page, columns: &[&str]) {
    let text: String = page
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .filter(|b| b.role == proofdesk::page::Role::Body)
        .map(|b| b.text.as_str())
        .collect();
    for column in columns {
        assert!(text.contains(column), "{:?}", roles_and_texts(page));
    }
}

#[test]
fn rows_read_across_a_gutter_far_from_their_columns_lines_are_split() {
    // The first rows stand further than the gutter's usual reach from the
    // column lines that show it; the fifth is only one and a half
    // columns wide, its right part a paragraph's end.
    let (page, left, right) = rows_read_across_a_gutter(false);
    assert_columns_read(&page, &[&left, &right]);
}

#[test]
fn rows_read_across_a_gutter_under_a_subheadline_over_it_are_split() {
    // The subheadline runs across the gutter; it is set larger than the
    // rows of text under it, which still show the gutter.
    let (page, left, right) = rows_read_across_a_gutter(true);
    assert_columns_read(&page, &[&left, &right]);
}

#[test]
fn a_headline_over_two_columns_is_not_split_at_their_gutter() {
    // Made up: a headline set in 50 px glyphs, two words across the
    // columns' gutter (its glyphs advance 50 px; the gap between the
    // words is its letter spacing, over the gutter).
    let page = two_columns_under(vec![
        (100, 60, 400, 50, "春风又绿江南岸"),
        (520, 60, 400, 50, "明月何时照我还"),
    ]);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks
            .iter()
            .any(|(_, t)| t.contains("春风又绿江南岸") && t.contains("明月何时照我还")),
        "{blocks:?}"
    );
}

#[test]
fn a_headline_set_a_little_larger_over_two_columns_is_not_split_at_their_gutter() {
    // Made up, as Tesseract read a typeset page (040): a headline whose
    // words are boxed on their ink only 1.32 times running text's line
    // height (29 px against 22; short of the 1.5 of a tall line), its
    // glyphs advancing 36 px against running text's 25, two words 18 px
    // apart over the columns' 40 px gutter. Its words advance as a
    // headline's do, and running text read across a gutter leaves the
    // gutter's width between them: it is one headline, over both columns.
    let page = two_columns_under(vec![
        (150, 60, 360, 29, "今年春风又绿江南两岸"),
        (528, 60, 360, 29, "明月何时照我还乡人家"),
    ]);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks.iter().any(|(r, t)| r.is_title()
            && t.contains("春风又绿江南两岸")
            && t.contains("明月何时照我还乡")),
        "{blocks:?}"
    );
    let headline = article_of(&page, "春风又绿江南两岸");
    assert_eq!(article_of(&page, "会议指出"), headline, "{blocks:?}");
    assert_eq!(article_of(&page, "记者了解到"), headline, "{blocks:?}");
}

#[test]
fn a_headline_over_two_columns_with_a_narrow_glyph_at_the_gutter_is_not_split() {
    // Made up, as Tesseract read a typeset page (003): a headline set
    // tall over both columns, its glyph right over the gutter narrow and
    // boxed tight against the next one (`沙` 20 px wide, the next 2 px
    // to its left). Its own advance (18 px) is less than running text's;
    // over it and the word before it, the headline's pitch shows.
    let page = two_columns_under(vec![
        (150, 60, 250, 36, "春风又绿江南"),
        (410, 60, 70, 36, "两岸"),
        (492, 60, 20, 36, "沙"),
        (510, 60, 30, 36, "洲"),
        (545, 60, 360, 36, "明月何时照我还乡"),
    ]);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks
            .iter()
            .any(|(r, t)| r.is_title() && t.contains("两岸沙洲明月")),
        "{blocks:?}"
    );
}

/// Two headlines set in 50 px glyphs on one row, 20 px apart over no
/// gutter, each centred over its second line and its column of text; the
/// engine read `before` first, then the row as one line, then the right
/// headline's second line.
fn headlines_side_by_side(before: &[Vec<Word<'static>>]) -> proofdesk::page::Page {
    let mut lines = before.to_vec();
    lines.extend([
        vec![
            (120, 60, 230, 50, "春风又绿"),
            (355, 60, 120, 50, "江南岸"),
            (495, 60, 230, 50, "明月何时"),
            (730, 60, 170, 50, "照我还"),
        ],
        vec![(622, 120, 150, 50, "人未还")],
        vec![(197, 120, 200, 50, "万里长征")],
        vec![(150, 200, 350, 22, "本报讯（记者贺云章）这个县的")],
        vec![(100, 238, 400, 22, "农民今年收入有了较大增长，生活")],
        vec![(100, 276, 250, 22, "水平明显提高。")],
        vec![(590, 200, 350, 22, "本报北京电（记者王小明）今年的")],
        vec![(540, 238, 400, 22, "粮食生产形势很好，夏粮丰收已成")],
        vec![(540, 276, 75, 22, "定局。")],
    ]);
    alto_lines(&lines)
}

#[test]
fn two_headlines_side_by_side_on_one_row_head_their_own_stacks() {
    // Made up, as Tesseract read devpages-ocr 005: two headlines set in
    // 50 px glyphs on one row, 20 px apart over no gutter, each centred
    // over its second line and its column of text; the engine read the
    // row as one line, then the right headline's second line first.
    let page = headlines_side_by_side(&[]);
    let blocks = roles_and_texts(&page);
    let left = article_of(&page, "春风又绿");
    let right = article_of(&page, "明月何时");
    assert!(left.is_some() && left != right, "{blocks:?}");
    assert_eq!(article_of(&page, "万里长征"), left, "{blocks:?}");
    assert_eq!(article_of(&page, "贺云章"), left, "{blocks:?}");
    assert_eq!(article_of(&page, "人未还"), right, "{blocks:?}");
    assert_eq!(article_of(&page, "王小明"), right, "{blocks:?}");
}

#[test]
fn a_kicker_read_before_two_headlines_side_by_side_goes_over_the_one_under_it() {
    // Made up, as Tesseract read typeset page 012: a kicker set a little
    // larger over the right one of two headlines side by side, read first,
    // then the two headlines as one line. The kicker is the right
    // headline's; before, it went over the first headline read after it.
    let page = headlines_side_by_side(&[vec![(560, 22, 280, 30, "城乡居民喜迎新春")]]);
    let blocks = roles_and_texts(&page);
    let left = article_of(&page, "春风又绿");
    let right = article_of(&page, "明月何时");
    assert!(left.is_some() && left != right, "{blocks:?}");
    assert_eq!(article_of(&page, "城乡居民"), right, "{blocks:?}");
    assert_eq!(article_of(&page, "王小明"), right, "{blocks:?}");
    assert_eq!(article_of(&page, "贺云章"), left, "{blocks:?}");
}

#[test]
fn a_caption_over_the_opening_of_the_next_article_opens_it() {
    // Made up, as devpages-ocr 009: an article's text ends in the left
    // column; at the top of the right one a photo (no text) with its
    // caption under it, right over a continuation's first line.
    let page = alto_block(&[
        (
            100,
            100,
            400,
            20,
            "群众对此表示满意，工作取得了明显的成效，",
        ),
        (100, 130, 250, 20, "大家都说很好。"),
        (540, 400, 380, 17, "代表们在会场   本报记者 梁舟 摄"),
        (590, 440, 350, 20, "（上接第一版）这个县的农民今年"),
        (540, 470, 400, 20, "收入有了较大增长，生活水平明显提高。"),
    ]);
    let blocks = roles_and_texts(&page);
    let caption = article_of(&page, "梁舟");
    assert!(caption.is_some(), "{blocks:?}");
    assert_eq!(caption, article_of(&page, "上接第一版"), "{blocks:?}");
    assert_ne!(caption, article_of(&page, "群众对此"), "{blocks:?}");
}

#[test]
fn a_caption_over_a_dateline_under_a_headline_stays_with_the_headline() {
    // Made up, as devpages-ocr 001: a headline, the photo under it, its
    // caption right over the article's dateline.
    let page = alto_block(&[
        (150, 100, 330, 56, "春风又绿江南岸"),
        (100, 400, 300, 17, "代表们在会场   本报记者 梁舟 摄"),
        (140, 430, 360, 20, "本报宁波10月8日讯（记者 梁舟）今年"),
        (100, 460, 300, 20, "的工作要抓紧抓好，不能放松。"),
    ]);
    let blocks = roles_and_texts(&page);
    assert_eq!(page.articles.len(), 1, "{blocks:?}");
}

#[test]
fn a_caption_right_under_text_stays_with_that_text() {
    // Made up: the same caption right under the text above it (no photo
    // between): it closes that text's article, whatever opens below it.
    let page = alto_block(&[
        (
            100,
            100,
            400,
            20,
            "群众对此表示满意，工作取得了明显的成效，",
        ),
        (100, 130, 250, 20, "大家都说很好。"),
        (540, 340, 400, 20, "各地要认真落实各项措施，确保完成任务。"),
        (540, 372, 380, 17, "代表们在会场   本报记者 梁舟 摄"),
        (590, 412, 350, 20, "（上接第一版）这个县的农民今年"),
        (540, 442, 400, 20, "收入有了较大增长，生活水平明显提高。"),
    ]);
    let blocks = roles_and_texts(&page);
    let caption = article_of(&page, "梁舟");
    assert!(caption.is_some(), "{blocks:?}");
    assert_eq!(caption, article_of(&page, "确保完成任务"), "{blocks:?}");
    assert_ne!(caption, article_of(&page, "上接第一版"), "{blocks:?}");
}

#[test]
fn a_caption_an_engine_read_before_an_article_s_opening_heads_that_article() {
    // Made up, as Tesseract's .txt of devpages-ocr 009: the engine reads a
    // photo's caption (under the photo, over the text it illustrates)
    // between the end of one text and the opening of the next, a
    // continuation here. With no boxes, the order is all there is, and on
    // the ten pages every caption read right before an article's opening
    // belongs to that article.
    let text = "本报北京电（记者李明）近日, 记者\n\
来到山区一个小县, 这个县的农民今\n\
年收入有了较大增长, 生活水平明显\n\
提高, 干部群众都说, 这是一个好的\n\
开始，\n\n\
代表们在会场   本报记者 梁舟 摄\n\n\
（上接第一版）这个县的农民今年\n\
收入有了较大增长, 生活水平明显\n\
提高。\n";
    let page = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
    let blocks = roles_and_texts(&page);
    assert_eq!(
        role_of(&page, "梁舟"),
        Some(proofdesk::page::Role::Caption),
        "{blocks:?}"
    );
    assert!(article_of(&page, "梁舟").is_some(), "{blocks:?}");
    assert_eq!(
        article_of(&page, "梁舟"),
        article_of(&page, "上接第一版"),
        "{blocks:?}"
    );
    assert_ne!(
        article_of(&page, "梁舟"),
        article_of(&page, "李明"),
        "{blocks:?}"
    );
    // Before more running text, it stays with the text it was read in.
    let text = text.replace("（上接第一版）", "");
    let page = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
    let blocks = roles_and_texts(&page);
    assert_eq!(
        article_of(&page, "梁舟"),
        article_of(&page, "李明"),
        "{blocks:?}"
    );
}

#[test]
fn full_lines_an_engine_set_apart_with_a_word_across_their_break_are_running_text() {
    // Made up, as Tesseract's .txt of the typeset devpage 009: a paragraph
    // whose full stop the engine dropped, set apart by blank lines, holds
    // no mark at all. Its first two lines fill the column and a word runs
    // across the break between them (`进` / `行`): running text, not a
    // kicker and a headline over the next paragraph.
    let text = "本报讯（记者王林）近日, 记者来\n\
到山区一个小县, 这个县的农民今\n\
年收入有了较大增长, 生活水平明\n\
显提高。\n\n\
县里今年决定对全县的农村道路进\n\
行一次全面整修好让农民出行更加\n\
方便\n\n\
干部群众都说，这是一件好事, 大\n\
家都很支持, 也都愿意出力。\n";
    let page = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
    assert_one_article_of_running_text(&page);
}

#[test]
fn a_stack_s_roles_follow_the_sizes_the_image_shows() {
    use proofdesk::page::Role;
    // Made up: running text 25 px a glyph. A headline in 50 px glyphs
    // over two lines, a kicker above and a subheadline below it in 30 px
    // glyphs; the subheadline is the widest line (the width rules alone
    // would call the first title a kicker).
    let mut lines = vec![
        vec![
            (250, 20, 60, 30, "春风"),
            (310, 20, 60, 30, "又绿"),
            (370, 20, 90, 30, "江南岸"),
        ],
        vec![(155, 60, 400, 50, "明月何时照我还家")],
        vec![(205, 120, 300, 50, "万里长征不觉远")],
        subheadline_words(145, 180),
    ];
    lines.extend(dated_text(230, 3));
    let page = alto_lines(&lines);
    let roles = roles_and_texts(&page);
    assert_eq!(role_of(&page, "春风又绿"), Some(Role::Kicker), "{roles:?}");
    assert_eq!(
        role_of(&page, "人未还时"),
        Some(Role::Subheadline),
        "{roles:?}"
    );
    assert!(
        roles
            .iter()
            .any(|(r, t)| *r == Role::Headline && t.contains("照我还家") && t.contains("万里长征")),
        "{roles:?}"
    );
    // Two titles only: still the larger is the headline, not a kicker.
    let mut lines = vec![
        vec![(155, 60, 350, 50, "明月何时照我还")],
        subheadline_words(120, 120),
    ];
    lines.extend(dated_text(180, 2));
    let page = alto_lines(&lines);
    let roles = roles_and_texts(&page);
    assert_eq!(
        role_of(&page, "明月何时"),
        Some(Role::Headline),
        "{roles:?}"
    );
    assert_eq!(
        role_of(&page, "人未还时"),
        Some(Role::Subheadline),
        "{roles:?}"
    );
}

/// The role of the block holding `text`, if one does.
fn role_of(page: &proofdesk::page::Page, text: &str) -> Option<proofdesk::page::Role> {
    roles_and_texts(page)
        .into_iter()
        .find(|(_, t)| t.contains(text))
        .map(|(r, _)| r)
}

/// `人未还时春又来了吗我的朋友们` in 30 px glyphs (a subheadline), as three
/// words from `(x, y)`.
fn subheadline_words(x: u32, y: u32) -> Vec<Word<'static>> {
    vec![
        (x, y, 120, 30, "人未还时"),
        (x + 120, y, 150, 30, "春又来了吗"),
        (x + 270, y, 150, 30, "我的朋友们"),
    ]
}

/// An article's text from `y` (22 px lines, 38 px apart, 25 px a glyph):
/// an indented dateline, `full` full lines (at most three), a short last
/// line.
fn dated_text(y: u32, full: usize) -> Vec<Vec<Word<'static>>> {
    let fulls = [
        "农民今年收入有了较大增长，生活",
        "水平明显提高，群众对此表示满意，",
        "各地要认真落实各项措施，确保完成",
    ];
    let mut out = vec![vec![(150, y, 350, 22, "本报讯（记者贺云章）这个县的")]];
    let mut at = y;
    for text in fulls.iter().take(full) {
        at += 38;
        out.push(vec![(100, at, 400, 22, *text)]);
    }
    out.push(vec![(100, at + 38, 250, 22, "全年的目标任务。")]);
    out
}

#[test]
fn full_lines_glued_onto_text_in_an_engine_s_plain_text_are_text() {
    // Made up, as Tesseract's .txt of devpages-ocr 001: a blank line after
    // each paragraph and title; a paragraph whose first two lines carry
    // no punctuation, filling the column (the first indented), the
    // engine's comma for the full stop at its end and the one before.
    let text = "春风又绿江南岸\n\n\
本报讯（记者梁舟）今天上午，全省\n\
工作会议召开, 会议指出, 今年的工\n\
作要抓紧抓好, 各地要认真落实各项\n\
措施, 确保完成全年的目标任务，\n\n\
我们借助三楼展厅里的沙盘模型\n\
和一组照片才算弄明白园区的整个布\n\
局，\n\n\
明月何时照我还\n\n\
本报北京电（记者李明）近日，记者\n\
来到山区一个小县, 这个县的农民今\n\
年收入有了较大增长, 生活水平明显\n\
提高。\n";
    let page = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
    let blocks = roles_and_texts(&page);
    let glued = blocks
        .iter()
        .find(|(_, t)| t.contains("我们借助"))
        .expect("the glued lines");
    assert_eq!(glued.0, proofdesk::page::Role::Body, "{blocks:?}");
    assert!(glued.1.contains("整个布局"), "{blocks:?}");
    assert_eq!(
        article_of(&page, "我们借助"),
        article_of(&page, "梁舟"),
        "{blocks:?}"
    );
    assert_ne!(
        article_of(&page, "我们借助"),
        article_of(&page, "李明"),
        "{blocks:?}"
    );
    // A short headline the engine glued onto its text stays a title
    // (devpages-ocr 002).
    let text = "他说, 目前个别的超市在商品\n\
的标价方面的确存在不少问题，\n\n\
由于气候条件不同\n\n\
小城春色正浓时\n\
赶集的人不少, 也不知怎么\n\
我突然感到热闹的街市变得安静了\n\
不少, 每个人的神情都很放松:县\n\
委责成县监察局派人督办这个案\n\
子'80 年代情况不同, 省里那时工\n\
大校长待遇最好, 四级工资。\n";
    let page = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
    let blocks = roles_and_texts(&page);
    assert!(
        blocks
            .iter()
            .any(|(r, t)| r.is_title() && t.contains("小城春色正浓时")),
        "{blocks:?}"
    );
}

#[test]
fn a_line_inside_an_engine_s_block_after_text_left_unended_is_running_text() {
    // Made up, as Tesseract's .txt of a typeset page (014) writes it: two
    // rows the engine read across two columns make the page's column look
    // wide, so no line of the block after them fills it. The block's third
    // line reads like a title (no mark, short of that column), but it has
    // no blank line before it: it is in the block of the line before,
    // which stops mid-sentence, and a headline, set larger, is a block of
    // its own. It goes on from that line, with the line after it.
    let text = "调,还有本地乐手自己编写的小调，      另外,村民的卫生习惯一天天变好 噬\n\
又有孩子们排练的新戏 \"经过半年训练， 过老师同学的耐心帮助,如今小李的\n\
果园,种下了两千多株优质苹果树 ，\n\
而且“县农业技术推广站\"也在抓紧筹\n\
备之中。\n\
这次活动分成三个阶段, 吸引了 300\n";
    let page = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
    let blocks = roles_and_texts(&page);
    assert!(
        blocks.iter().any(|(r, t)| *r == proofdesk::page::Role::Body
            && t.contains("而且“县农业技术推广站”也在抓紧筹备之中。")),
        "{blocks:?}"
    );
    assert!(
        !blocks
            .iter()
            .any(|(r, t)| r.is_title() && t.contains("县农业技术推广站")),
        "{blocks:?}"
    );
}

/// Made up, as Tesseract's .txt of a typeset page (001) writes it: a
/// headline and a subheadline set over two columns, read column by column.
/// Their left halves head the first column; the right halves head the
/// second, between the first column's last line, which fills the column and
/// stops mid-word, and the rest of that sentence. `end` is that last line.
fn halves_inside_a_sentence(end: &str) -> String {
    format!(
        "山村小学迎来了\n\n\
规划到完工\n\n\
本报讯 (记者 方远) 近日, 记者走进\n\
西部山区一所村小, 看到孩子们在宽\n\
敞明亮的教室里认真听讲, 校长告诉\n\
记者, 这座教学楼是去年秋天由县里\n\
{end}\n\n\
崭新宽敞的教学大楼\n\n\
孩子们告别旧平房\n\n\
年时间就完工投入使用，老师\n\
们都说条件比过去好了很多。\n\n\
果园里的丰收季\n\n\
本报讯 (记者 林平) 今年秋天, 这个\n\
镇的苹果又获得了丰收, 果农们脸上\n\
都露出了笑容。\n"
    )
}

#[test]
fn a_stack_the_engine_wrote_inside_a_sentence_opens_no_article() {
    let text = halves_inside_a_sentence("统一规划建设的, 前后只用了不到一");
    let page = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
    let blocks = roles_and_texts(&page);
    let first = article_of(&page, "方远");
    for piece in ["崭新宽敞的教学大楼", "孩子们告别旧平房", "年时间就完工"] {
        assert_eq!(article_of(&page, piece), first, "{piece}: {blocks:?}");
    }
    assert_ne!(article_of(&page, "林平"), first, "{blocks:?}");
    let decisions = proofdesk::segment::propose_recording(&page.raw, Record::All).decisions;
    let decision = decisions
        .list
        .iter()
        .find(|d| d.evidence == Evidence::StackInsideSentence)
        .expect("the decision is recorded");
    assert_eq!(
        (decision.kind, decision.chosen, decision.alternative),
        (Kind::Boundary, Choice::SameArticle, Choice::NewArticle)
    );
    // A short line that stops so ends its paragraph (the engine dropped
    // the full stop), and a comma may be a full stop misread: after
    // either, the stack heads the text after it.
    for end in ["统一规划建设的", "统一规划建设的, 前后只用了不到一,"] {
        let text = halves_inside_a_sentence(end);
        let page = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
        let blocks = roles_and_texts(&page);
        assert_ne!(
            article_of(&page, "崭新宽敞的教学大楼"),
            article_of(&page, "方远"),
            "{end}: {blocks:?}"
        );
        assert_eq!(
            article_of(&page, "崭新宽敞的教学大楼"),
            article_of(&page, "年时间就完工"),
            "{end}: {blocks:?}"
        );
    }
}

#[test]
fn a_stack_of_one_line_blocks_after_text_the_engine_left_unended_heads_the_next_article() {
    // Made up, as Tesseract's .txt of devpages-ocr 003: the engine dropped
    // the full stop after `一行`; a kicker and a headline follow, each a
    // block of its own, then the dateline of their article.
    let text = "本报北京电（记者李明）近日，记者\n\
来到山区一个小县, 这个县的农民今\n\
年收入有了较大增长, 市里的领导班\n\
子成员中的李东海会见了罗兰市长一行\n\n\
守护一方碧水的青年人\n\n\
出口创汇 650 万欧元\n\n\
本报讯 (记者 毛远) 近两年来, 嘉\n\
兴市税务局坚持不懈, 抓作风带队\n\
伍, 把服务群众列为全局的头件大\n\
事。\n";
    let page = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
    let blocks = roles_and_texts(&page);
    for title in ["守护一方碧水的青年人", "出口创汇"] {
        assert!(
            blocks
                .iter()
                .any(|(r, t)| r.is_title() && t.starts_with(title)),
            "{title}: {blocks:?}"
        );
        assert_eq!(
            article_of(&page, title),
            article_of(&page, "毛远"),
            "{blocks:?}"
        );
    }
    assert_ne!(
        article_of(&page, "守护一方碧"),
        article_of(&page, "李明"),
        "{blocks:?}"
    );
    // A line cut off at a column's foot, followed by the rest of its
    // sentence as a block, stays running text: only a title before more
    // titles or a dateline ends what the engine left unended.
    let text = text.replace("出口创汇 650 万欧元", "他说, 这是一个好的开始。");
    let page = page_from_bytes("p.txt", text.as_bytes()).expect("reads");
    let blocks = roles_and_texts(&page);
    assert!(
        blocks
            .iter()
            .any(|(r, t)| !r.is_title() && t.contains("一行守护一方碧水的青年人")),
        "{blocks:?}"
    );
}

#[test]
fn text_never_reads_on_into_a_lower_band_of_the_page() {
    // Made up: a right-hand column whose last line the engine read ending
    // on a comma (a misread full stop), then a line far below it on the
    // left: the next band of articles.
    let lines: Vec<Vec<Word<'_>>> = vec![
        vec![(540, 100, 400, 22, "会议指出，今年的工作要抓紧抓好，")],
        vec![(540, 138, 400, 22, "各地要认真落实各项措施，确保完成")],
        vec![(540, 176, 400, 22, "全年的目标任务，各地各部门都要")],
        vec![(100, 400, 400, 22, "记者了解到，这个县的农民今年收入")],
        vec![(100, 438, 400, 22, "有了较大增长，生活水平明显提高。")],
    ];
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks.iter().any(|(_, t)| t.starts_with("记者了解到")),
        "{blocks:?}"
    );
    let decisions = proofdesk::segment::propose_recording(&page.raw, Record::All).decisions;
    assert!(
        decisions
            .list
            .iter()
            .any(|d| d.kind == Kind::LineEnd && d.evidence == Evidence::LowerBand),
        "no lower_band decision"
    );
}

#[test]
fn a_line_whose_words_are_all_set_larger_is_no_running_text_read_with_a_speck() {
    // Made up: running text in 22 px lines, 25 px a glyph; then a title
    // set a little larger (31 px) at nearly running text's pitch, every
    // word of it as tall; then an article opening with a dateline.
    let mut lines: Vec<Vec<Word<'_>>> = vec![
        vec![(100, 100, 400, 22, "会议指出，今年的工作要抓紧抓好，")],
        vec![(100, 138, 400, 22, "各地要认真落实各项措施，确保完成")],
        vec![(100, 176, 200, 22, "全年的目标任务。")],
        vec![
            (100, 240, 100, 31, "县里新"),
            (205, 240, 60, 31, "修的"),
            (270, 240, 160, 31, "公路通到山口"),
        ],
    ];
    lines.extend(dateline_paragraph(100, 290));
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    assert!(
        blocks
            .iter()
            .any(|(r, t)| *r != proofdesk::page::Role::Body && t == "县里新修的公路通到山口"),
        "{blocks:?}"
    );
    // One word boxed taller than the rest (a speck) leaves the line
    // running text's.
    lines[3] = vec![
        (100, 240, 100, 22, "县里新"),
        (205, 240, 60, 22, "修的"),
        (270, 240, 160, 31, "公路通到山口"),
    ];
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    assert!(
        !blocks
            .iter()
            .any(|(r, t)| *r != proofdesk::page::Role::Body && t == "县里新修的公路通到山口"),
        "{blocks:?}"
    );
}

#[test]
fn a_speck_between_a_headline_and_its_subheadline_does_not_cut_the_stack() {
    // Made up: a headline (50 px), a speck the engine read as a line of
    // its own (`/`, one glyph's width), a subheadline set a little larger
    // (30 px, every word), then the article.
    let mut lines = article_end(100, 60);
    lines.push(vec![(100, 200, 500, 50, "春风又绿江南岸")]);
    lines.push(vec![(300, 262, 11, 22, "/")]);
    lines.push(larger_line(120, 296));
    lines.extend(dateline_paragraph(100, 350));
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    let headline = article_of(&page, "春风又绿江南岸");
    assert!(headline.is_some(), "{blocks:?}");
    assert_eq!(headline, article_of(&page, "明月何时照我还"), "{blocks:?}");
    assert_eq!(headline, article_of(&page, "本报讯"), "{blocks:?}");
}

#[test]
fn a_subheadline_the_engine_read_after_the_first_column_goes_under_its_headline() {
    // Made up: a headline over two columns, its subheadline under it; the
    // engine reads the headline, the left column (opening with a
    // dateline), then the subheadline, then the right column.
    let mut lines = article_end(100, 40);
    lines.push(vec![(200, 200, 700, 50, "春风又绿江南岸明月何时照我还")]);
    let left = [
        "本报讯（记者贺云章）这个县的农民",
        "今年收入有了较大增长，生活水平明",
    ];
    for (i, text) in left.iter().enumerate() {
        let y = 300 + 38 * u32::try_from(i).unwrap_or(0);
        lines.push(vec![(100, y, 400, 22, *text)]);
    }
    lines.push(vec![
        (560, 262, 100, 30, "一个县"),
        (665, 262, 70, 30, "的变"),
        (740, 262, 60, 30, "化记"),
    ]);
    for (i, text) in ["显提高，家家户户都盖起了新房子，", "日子越过越红火。"]
        .iter()
        .enumerate()
    {
        let y = 300 + 38 * u32::try_from(i).unwrap_or(0);
        lines.push(vec![(540, y, 400, 22, *text)]);
    }
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    let heads: Vec<&(proofdesk::page::Role, String)> = blocks
        .iter()
        .filter(|(r, _)| *r != proofdesk::page::Role::Body)
        .collect();
    // The headline and the subheadline are one stack, before the text.
    let stack = blocks
        .iter()
        .position(|(_, t)| t.starts_with("春风"))
        .unwrap_or(usize::MAX);
    assert_eq!(
        blocks.get(stack + 1).map(|(_, t)| t.as_str()),
        Some("一个县的变化记"),
        "{heads:?} {blocks:?}"
    );
}

#[test]
fn a_kicker_the_engine_read_after_the_column_under_its_headline_goes_back_over_it() {
    // Made up: a kicker (30 px) over a headline (50 px); the engine reads
    // the headline, the column under it, then the kicker.
    let mut lines = vec![vec![(100, 60, 400, 50, "春风又绿江南岸")]];
    lines.extend(dateline_paragraph(100, 140));
    lines.push(larger_line(150, 20));
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    assert_eq!(page.articles.len(), 1, "{blocks:?}");
    assert_eq!(
        blocks.first().map(|(_, t)| t.as_str()),
        Some("明月何时照我还"),
        "{blocks:?}"
    );
}

#[test]
fn a_column_read_before_its_headline_is_followed_past_a_paragraph_break() {
    // Made up: the engine reads the left column first: it opens with a
    // dateline, and its first paragraph's short last line (50 px) does not
    // overlap the next paragraph's indented first line; then the headline
    // over the columns to its right, then those columns.
    let lines: Vec<Vec<Word<'_>>> = vec![
        vec![(1100, 100, 400, 22, "这是上一篇文章的最后一段，写得很长。")],
        vec![(150, 400, 350, 22, "本报讯（记者梁舟）今年的工作")],
        vec![(100, 438, 400, 22, "要抓紧抓好，不能放松，大家都说")],
        vec![(100, 476, 50, 22, "好。")],
        vec![(160, 514, 340, 22, "代表们纷纷表示要抓紧落实会议")],
        vec![(600, 300, 560, 56, "春风又绿江南岸")],
        vec![(540, 400, 400, 22, "开得很好，代表们纷纷发言，气氛")],
        vec![(540, 438, 240, 22, "十分热烈。")],
    ];
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    let headline = article_of(&page, "春风又绿江南岸");
    assert!(headline.is_some(), "{blocks:?}");
    assert_eq!(headline, article_of(&page, "本报讯"), "{blocks:?}");
    assert_ne!(headline, article_of(&page, "上一篇文章"), "{blocks:?}");
}

#[test]
fn a_line_of_text_with_one_word_boxed_tall_is_no_headline() {
    // Made up: 16-glyph lines 400 px wide, 22 px high; the engine dropped
    // five glyphs of the fourth line (its 11 glyphs span the column) and
    // boxed one of its words 40 px high, so the line's box is tall and its
    // glyphs look wide. Its other words are running text's size.
    let mut lines = vec![
        vec![(150, 100, 350, 22, "本报讯（记者贺云章）这个县的")],
        vec![(100, 138, 400, 22, "农民今年收入有了较大增长，生活")],
        vec![(100, 176, 400, 22, "水平明显提高，大家的日子都过得")],
    ];
    lines.push(vec![
        (100, 214, 72, 22, "家家"),
        (172, 214, 72, 40, "户户"),
        (244, 214, 108, 22, "都盖起"),
        (352, 214, 148, 22, "了新房，"),
    ]);
    lines.push(vec![(100, 262, 400, 22, "日子越过越红火，乡亲们都说这是")]);
    lines.push(vec![(100, 300, 100, 22, "政策好。")]);
    assert_running_text(&lines);
}

#[test]
fn a_column_read_before_its_headline_opening_with_a_byline_goes_under_it() {
    // Made up: the end of an article to the right, then the column under
    // a headline, opening with a byline on its own line (or a photo's
    // caption, the photo set under the headline) and read before the
    // headline, then the headline.
    for opening in ["本报记者 王霞光", "志愿者在为老人义诊   本报记者 王凤侠 摄"]
    {
        let mut lines = article_end(1100, 100);
        lines.push(vec![(100, 400, 400, 18, opening)]);
        lines.push(vec![(150, 438, 350, 22, "这个县的农民今年收入有了较")]);
        lines.push(vec![(100, 476, 400, 22, "大增长，生活水平明显提高，家")]);
        lines.push(vec![(100, 514, 200, 22, "家户户盖起了新房。")]);
        lines.push(vec![(150, 300, 350, 56, "春风又绿江南岸")]);
        assert_headline_heads(
            &lines,
            &["本报记者", "家户户盖起了新房"],
            &["全年的目标任务"],
        );
    }
}

#[test]
fn a_credit_run_over_a_line_end_in_an_engine_s_text_is_one_caption() {
    // Made up, as Tesseract's plain text sets it: a stack, then a caption
    // whose credit runs over the line end (the name broken, `摄` alone or
    // misread `报`), set apart by blank lines, then the text. A description
    // that ends a sentence reads on into the credit's tail; one that does
    // not is read as two title lines, which join.
    let heads = [
        "志愿者在社区为老人义诊 。” 本报记者 王",
        "城东小学 5 月 1 日新楼落成 “本报记者 王",
    ];
    // Or the whole name on the first line, `摄` alone on the next.
    let whole = [
        ("志愿者在社区为老人义诊 。” 本报记者 王凤侠", "摄"),
        ("城东小学 5 月 1 日新楼落成 “本报记者 王凤侠", "摄"),
    ];
    for (head, tail) in heads
        .iter()
        .flat_map(|h| ["凤侠 摄", "凤侠 报"].map(|t| (*h, t)))
        .chain(whole)
    {
        let text = format!(
            "这个县的农民今年收入有了较大增\n长，生活水平明显提高。\n\n春风又绿江南岸\n明月何时照我还\n\n\
             {head}\n{tail}\n\n本报讯（记者 李明）全县今年新修\n\
             公路一百公里，方便了群众出行。\n"
        );
        let page = page_from_bytes("p.txt", text.as_bytes()).expect("the text reads");
        let blocks = roles_and_texts(&page);
        let captions: Vec<&String> = blocks
            .iter()
            .filter(|(r, _)| *r == proofdesk::page::Role::Caption)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(captions.len(), 1, "{blocks:?}");
        assert!(
            captions[0].starts_with(&head[..6]) && captions[0].ends_with(&tail[tail.len() - 3..]),
            "{blocks:?}"
        );
    }
}

#[test]
fn the_tail_of_a_number_boxed_tall_on_a_line_of_its_own_is_no_headline() {
    // Made up: a paragraph whose figure the engine broke at the line end,
    // its tail (`92%`) on a line of its own, boxed taller than running
    // text by the percent sign; then the next paragraph.
    let lines = vec![
        vec![(150, 100, 350, 22, "本报讯（记者贺云章）全县的")],
        vec![(100, 138, 400, 22, "污水处理率和回收率分别达到88.")],
        vec![(100, 176, 60, 34, "92%")],
        vec![(150, 222, 350, 22, "这个县的农民今年收入有了较")],
        vec![(100, 260, 400, 22, "大增长，生活水平明显提高。")],
    ];
    assert_running_text(&lines);
}

#[test]
fn columns_read_before_a_headline_over_them_go_under_it() {
    // Made up: the end of an article in the band above; a headline
    // centred over four columns (narrower than they are); the engine reads
    // the first three columns, then the headline, then the fourth column.
    let mut lines = article_end(100, 20);
    lines.extend(narrow_column(
        100,
        "本报讯（记者贺云章）这个",
        "长，生活水平明显提高，",
    ));
    lines.extend(narrow_column(
        320,
        "家家户户都盖起了新房子，",
        "日子越过越红火，乡亲们",
    ));
    lines.extend(narrow_column(
        540,
        "都说这是政策好的结果，",
        "大家干劲更足了，村里的",
    ));
    lines.push(vec![(270, 120, 520, 56, "春风又绿江南岸")]);
    lines.extend(narrow_column(
        760,
        "年轻人也纷纷回乡创业，",
        "带动了全村的发展。",
    ));
    assert_headline_heads(&lines, &["本报讯", "年轻人也纷纷回乡"], &["全年的目标任务"]);
}

#[test]
fn a_column_opening_a_paragraph_under_its_centred_headline_goes_under_it() {
    // Made up: the end of an article in the band above; then a column
    // whose first line opens a paragraph (indented, no dateline), read
    // before the headline centred over it and the column right of it.
    // Centred over the right column alone, the headline is not the left
    // column's.
    for (x, under) in [(320, true), (590, false)] {
        let mut lines = article_end(100, 20);
        lines.push(vec![(150, 200, 350, 22, "这个县的农民今年收入有了较")]);
        lines.push(vec![(100, 238, 400, 22, "大增长，生活水平明显提高，家")]);
        lines.push(vec![(100, 276, 400, 22, "家户户都盖起了新房子，日子越")]);
        lines.push(vec![(x, 120, 300, 56, "春风又绿江南岸")]);
        lines.push(vec![(540, 200, 400, 22, "过越红火，乡亲们都说这是政策")]);
        lines.push(vec![(540, 238, 100, 22, "好。")]);
        let column = ["这个县的农民"];
        if under {
            assert_headline_heads(&lines, &column, &["全年的目标任务"]);
        } else {
            assert_headline_heads(&lines, &[], &column);
        }
    }
}

#[test]
fn columns_left_of_a_headline_read_before_it_stay_another_article_s() {
    // Made up: an article over the two left columns, opening the page with
    // a dateline, then a headline over the two columns right of them, read
    // after them: the headline's middle is over neither, so they stay
    // before it.
    let mut lines = narrow_column(100, "本报讯（记者梁舟）这个", "长，生活水平明显提高，");
    lines.extend(narrow_column(
        320,
        "家家户户都盖起了新房子，",
        "日子越过越红火。",
    ));
    lines.push(vec![(620, 120, 360, 56, "春风又绿江南岸")]);
    lines.extend(dateline_paragraph(560, 200));
    assert_headline_heads(
        &lines,
        &["本报讯（记者贺云章）"],
        &["本报讯（记者梁舟）", "家家户户"],
    );
}

#[test]
fn a_second_stack_does_not_take_the_text_a_first_was_moved_over() {
    // Made up: the engine reads a column (opening with a dateline), the
    // headline over it (to its right, above), more of the column, then a
    // second headline: walking back from the second, the column leads to
    // the text the first headline was moved over, which is not the
    // second's.
    let mut lines = article_end(1100, 100);
    lines.extend(dateline_paragraph(100, 400));
    lines.push(vec![(600, 300, 400, 50, "春风又绿江南岸")]);
    lines.push(vec![(100, 514, 400, 22, "另外，县里还修了一条新路，方便")]);
    lines.push(vec![(100, 552, 150, 22, "大家出行。")]);
    lines.push(vec![(100, 390, 400, 50, "明月何时照我还")]);
    let page = alto_lines(&lines);
    let blocks = roles_and_texts(&page);
    let text = article_of(&page, "本报讯");
    assert_eq!(article_of(&page, "春风又绿江南岸"), text, "{blocks:?}");
    assert_ne!(article_of(&page, "明月何时照我还"), text, "{blocks:?}");
}

#[test]
fn a_dash_the_engine_read_as_three_yi_is_written_as_the_dash_and_traces_to_them() {
    // Made up: a headline set twice as tall as the text, its subtitle
    // after a dash the engine read `一一一`; then a paragraph of 20-glyph
    // lines 400 px wide whose dash stands before `一个`, which makes four
    // `一` in a row.
    let page = alto_text_blocks(&[
        &[(100, 100, 600, 40, "春风里的小村一一一记一位老教师")],
        &[
            (140, 200, 360, 20, "她说起村里来了一一一一个年轻的老师，"),
            (
                100,
                230,
                400,
                20,
                "大家都很高兴，会议开得很好，代表们纷纷发言。",
            ),
        ],
    ]);
    let blocks = roles_and_texts(&page);
    assert_eq!(
        blocks,
        vec![
            (
                proofdesk::page::Role::Headline,
                "春风里的小村———记一位老教师".to_owned()
            ),
            (
                proofdesk::page::Role::Body,
                "她说起村里来了———一个年轻的老师，大家都很高兴，会议开得很好，代表们纷纷发言。"
                    .to_owned()
            ),
        ],
        "{blocks:?}"
    );
    // Each dash traces to the `一` it was read as.
    for block in page.articles.iter().flat_map(|a| &a.blocks) {
        let traced = proofdesk::page::trace(page.raw.chars(), &block.text, &block.spans);
        for (c, at) in block.text.chars().zip(&traced) {
            if c == '—' {
                let at = at.expect("a dash traces to a raw glyph");
                assert_eq!(page.raw.text().chars().nth(at), Some('一'));
            }
        }
    }
    // Each of the dash's thirds is a decision the editor can flip back.
    let dashes = page
        .review
        .doubts
        .iter()
        .filter(|d| d.evidence == Evidence::DashReadAsOne)
        .count();
    assert_eq!(dashes, 3);
}

#[test]
fn an_article_whose_every_row_the_engine_read_across_its_gutter_is_read_column_by_column() {
    // Made up: an article of two columns of 15-glyph rows (24 px a
    // glyph, 360 px wide, a 40 px gutter), every row of which the engine
    // read as one line across the gutter; further down the page, two
    // columns of one-column lines on the same grid, which show its
    // gutter. No one-column line stands near the article's rows.
    let text: Vec<char> = "本报讯今年以来，全市各区认真落实各项惠民政策，群众生活水平明显提高，城乡面貌焕然一新，各项社会事业全面发展，教育卫生文化体育等公共服务水平不断提升，百姓的获得感和幸福感持续增强，全市上下呈现出团结奋进的良好局面，各项工作都取"
        .chars()
        .collect();
    let below: Vec<char> = "记者从市交通部门获悉，连接三个乡镇的公路昨天正式通车，沿线两万多群众出行更加方便，农产品运输时间缩短一半，公路全长二十公里，总投资八千万元，由县交通部门负责建设和养护，路面宽度达到七米，县里还将修建两座桥梁，方便群众出行，当地群众纷纷表示欢迎。"
        .chars()
        .collect();
    let rows: Vec<String> = text.chunks(15).map(|r| r.iter().collect()).collect();
    let lower: Vec<String> = below.chunks(15).map(|r| r.iter().collect()).collect();
    assert_eq!(rows.len(), 8, "four rows a column");
    let y = |k: usize| u32::try_from(k).map_or(0, |k| 33 * k);
    let mut lines: Vec<Vec<Word<'_>>> = Vec::new();
    for k in 0..4 {
        lines.push(vec![
            (100, 100 + y(k), 360, 20, rows[k].as_str()),
            (500, 100 + y(k), 360, 20, rows[4 + k].as_str()),
        ]);
    }
    for (x, part) in [(100, &lower[..8]), (500, &lower[..8])] {
        for (k, line) in part.iter().enumerate() {
            lines.push(vec![(x, 700 + y(k), 360, 20, line.as_str())]);
        }
    }
    let page = alto_lines(&lines);
    let proposed: String = proposed_text(&page)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let whole: String = text.iter().collect();
    assert!(proposed.contains(&whole), "{proposed}");
}
