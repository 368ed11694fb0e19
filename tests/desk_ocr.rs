//! An OCR page on the desk (`egui_kittest`): a word the engine was unsure
//! of is a doubt; F selects it in the block for typing the right reading,
//! and the typed correction settles the doubt.

use eframe::egui::{self, Key, Modifiers};
use proofdesk::doubt::{Choice, Kind, Resolution};

mod support;
use support::{desk, message, opening, press};

/// A made-up ALTO page as Tesseract writes it: a headline, and a line with
/// a word read at 20% (`徽笑` for `微笑`) and a comma read as ASCII.
const PAGE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">
 <Description><sourceImageInformation><fileName>p.jpg</fileName></sourceImageInformation>
  <OCRProcessing ID="OCR_0"><ocrProcessingStep><processingSoftware><softwareName>tesseract 5.3.0</softwareName></processingSoftware></ocrProcessingStep></OCRProcessing></Description>
 <Layout><Page WIDTH="1000" HEIGHT="1400"><PrintSpace>
  <TextBlock HPOS="100" VPOS="100" WIDTH="400" HEIGHT="60">
   <TextLine HPOS="100" VPOS="100" WIDTH="400" HEIGHT="60">
    <String HPOS="100" VPOS="100" WIDTH="400" HEIGHT="60" WC="0.95" CONTENT="春风又绿江南岸"/>
   </TextLine>
  </TextBlock>
  <TextBlock HPOS="100" VPOS="200" WIDTH="400" HEIGHT="60">
   <TextLine HPOS="100" VPOS="200" WIDTH="400" HEIGHT="28">
    <String HPOS="100" VPOS="200" WIDTH="100" HEIGHT="28" WC="0.96" CONTENT="她面带"/>
    <String HPOS="200" VPOS="200" WIDTH="60" HEIGHT="28" WC="0.2" CONTENT="徽笑"/>
    <String HPOS="260" VPOS="200" WIDTH="10" HEIGHT="28" WC="0.96" CONTENT=","/>
    <String HPOS="270" VPOS="200" WIDTH="200" HEIGHT="28" WC="0.96" CONTENT="向大家问好。"/>
   </TextLine>
  </TextBlock>
 </PrintSpace></Page></Layout>
</alto>
"#;

fn all_text(h: &egui_kittest::Harness<'_, proofdesk::app::DeskApp>) -> String {
    h.state()
        .page()
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn an_unsure_word_is_a_doubt_that_f_selects_for_typing_its_right_reading() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("p.xml");
    std::fs::write(&path, PAGE).expect("written");
    let mut h = desk(opening(&path));
    assert!(
        all_text(&h).contains("她面带徽笑，向大家问好。"),
        "the comma is repaired: {}",
        all_text(&h)
    );
    let doubts = h.state().page().review.doubts.clone();
    let i = doubts
        .iter()
        .position(|d| d.kind == Kind::Recognition)
        .expect("the unsure word is a doubt");
    assert_eq!(doubts[i].chosen, Choice::ReadRight);
    // Walk to it.
    for _ in 0..=doubts.len() {
        if h.state().state.doubt == Some(i) {
            break;
        }
        press(&mut h, Modifiers::NONE, Key::N);
    }
    assert_eq!(h.state().state.doubt, Some(i), "N reaches the word");
    press(&mut h, Modifiers::NONE, Key::F);
    let editing = h.state().state.editing.clone().expect("F edits the block");
    let selected: String = editing
        .text
        .chars()
        .skip(editing.anchor)
        .take(editing.cursor - editing.anchor)
        .collect();
    assert_eq!(selected, "徽笑", "the unsure word is selected");
    assert!(
        message(&h).contains("Type the right reading"),
        "{}",
        message(&h)
    );
    // Typing replaces the selection; Enter keeps it.
    h.run();
    h.event(egui::Event::Text("微笑".to_owned()));
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        all_text(&h).contains("她面带微笑，向大家问好。"),
        "{}",
        all_text(&h)
    );
    assert_eq!(
        h.state().page().review.resolved[i],
        Some(Resolution::Edited),
        "the typed reading settles the doubt"
    );
}
