//! Fuzzes the whole extract path on any UTF-8 text read as plain text (wire copy, Wikinews
//! or prose): extraction never panics, every span is a slice of the text, every
//! nif:anchorOf equals the text at its offsets, and the output re-parses to the same quads
//! (the invariants of `tests/it/invariants.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newskg::article::read_plain;
use newskg_fuzz::{invariants::check_article, rules};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let article = read_plain("fuzz.txt", text.to_owned());
    check_article(&article, rules());
});
