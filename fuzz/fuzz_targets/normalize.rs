//! Any page: the proposal never panics, every block's non-whitespace text is
//! exactly the raw text under its spans, and every raw character lands in
//! exactly one block.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(page) = proofdesk::io::page_from_bytes("fuzz.txt", data) else {
        return;
    };
    let raw: Vec<char> = page.raw.text().chars().collect();
    let problems = proofdesk::fixture::coverage_problems(&raw, &page.articles);
    assert!(problems.is_empty(), "{problems:?}");
    let _text = page.to_text();
});
