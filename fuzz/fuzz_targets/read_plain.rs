//! Fuzzes the plain-text reader (wire copy, Wikinews, bare prose) on any UTF-8 text: it must
//! not panic, must keep the text byte for byte, and must return consistent spans.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newskg::article::read_plain;
use newskg_fuzz::check_reader_output;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let article = read_plain("fuzz.txt", text.to_owned());
    assert_eq!(article.text, text, "the reader changed the text");
    check_reader_output(&article);
});
