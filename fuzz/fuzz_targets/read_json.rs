//! Fuzzes the JSON reader (one record or an array) on any UTF-8 text: it must not panic
//! (deep nesting included), every error names the input, and records read are consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newskg::article::read_json;
use newskg_fuzz::check_reader_output;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for result in read_json("fuzz.json", text) {
        match result {
            Ok(article) => check_reader_output(&article),
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.starts_with("fuzz.json"), "error does not name the input: {msg}");
                assert!(!msg.contains('\n'), "error is not one line: {msg:?}");
            }
        }
    }
});
