//! Any bytes: decoding never panics, and decoded text has `\n` line ends only.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(d) = proofdesk::decode::decode(data) {
        assert!(!d.text.contains('\r'), "line ends are normalised");
    }
});
