//! Any JSON: loading a fixture never panics; a fixture that loads writes
//! back and loads again to the same value.
#![no_main]

use proofdesk::fixture::Fixture;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(f) = Fixture::from_json(json) {
        let again = f.to_json().map(|j| Fixture::from_json(&j).ok());
        assert_eq!(again.ok().flatten().as_ref(), Some(&f), "a valid fixture round-trips");
    }
});
