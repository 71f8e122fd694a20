//! Fuzzes the JSONL line reader on any UTF-8 line: no panic, every error is one line that
//! names `input:LINE`, and records read are consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newskg::article::read_jsonl_line;
use newskg_fuzz::check_reader_output;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else { return };
    match read_jsonl_line("fuzz.jsonl", 7, line) {
        Ok(article) => check_reader_output(&article),
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("fuzz.jsonl:7: "), "error does not name the line: {msg}");
            assert!(!msg.contains('\n'), "error is not one line: {msg:?}");
        }
    }
});
