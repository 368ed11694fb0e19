//! Invariants of the normalizer on arbitrary text: no character is lost,
//! added or reordered inside a block, every character of the page lands in
//! exactly one block, spans stay inside the text, and fixtures round-trip.

use proofdesk::fixture::Fixture;
use proofdesk::fixture::coverage_problems;
use proofdesk::io::page_from_bytes;
use proptest::prelude::*;

/// Text made of the pieces newspaper extraction produces.
fn page_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[一-龥]{1,6}",
        2 => prop::sample::select(vec!["，", "。", "、", "；", "：", "“", "”", "（", "）", "《", "》", "！", "？", "——", "□"]).prop_map(str::to_owned),
        1 => "[0-9]{1,4}",
        1 => "[A-Za-z]{1,5}",
        3 => prop::sample::select(vec![" ", "  ", "\n", "\n\n", "\u{3000}", "\t", " \n"]).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["本报讯（记者 王凤侠）", "据新华社长沙11月21日电（记者 姜琳", "□本报记者 苗苗", "（上接第一版）", "（市生态环境局供稿）", "摄", "第 3 版 城事 2024 年 6 月 20 日 星期五"]).prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn nothing_lost_added_or_reordered(text in page_text()) {
        let Ok(page) = page_from_bytes("p.txt", text.as_bytes()) else {
            prop_assert!(text.trim().is_empty(), "only an empty page is refused");
            return Ok(());
        };
        let raw: Vec<char> = page.raw.text().chars().collect();
        for a in &page.articles {
            prop_assert!(!a.blocks.is_empty());
        }
        let problems = coverage_problems(&raw, &page.articles);
        prop_assert!(problems.is_empty(), "{:?}", problems);
    }

    #[test]
    fn fixtures_round_trip(text in page_text()) {
        let Ok(page) = page_from_bytes("p.txt", text.as_bytes()) else {
            prop_assert!(text.trim().is_empty(), "only an empty page is refused");
            return Ok(());
        };
        let f = Fixture::from_page(&page, "2026-11-28T18:00:00Z");
        let back = Fixture::from_json(&f.to_json().expect("serialises")).expect("valid");
        prop_assert_eq!(back.into_page().articles, page.articles);
    }

    #[test]
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _result = page_from_bytes("b.bin", &bytes);
    }
}
