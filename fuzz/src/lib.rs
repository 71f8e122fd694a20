//! Helpers shared by the fuzz targets: the built-in rules, loaded once, the reader
//! invariants, and the extract-path invariants of `tests/it/invariants.rs` (included by
//! path so the property tests and the fuzzers check exactly the same things).

use std::sync::OnceLock;

use newskg::{Article, Rules};

#[path = "../../tests/it/invariants.rs"]
pub mod invariants;

/// The built-in rules, parsed on first use.
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("built-in rules load"))
}

/// What every reader promises about an article it returns: the text is what it was given
/// (for plain text), every metadata span is a slice of the text equal to its field, and
/// the prose ranges are slices of the text, in order and not overlapping.
pub fn check_reader_output(article: &Article) {
    let text = &article.text;
    let m = &article.metadata;
    let fields = [&m.headline, &m.date_text, &m.dateline, &m.photo_credit, &m.source];
    for f in fields.into_iter().flatten().chain(&m.authors).chain(&m.contribution_notes) {
        if let Some(span) = &f.span {
            assert_eq!(text.get(span.clone()), Some(f.value.as_str()), "field span {span:?} differs from its value");
        }
    }
    let mut end = 0;
    for r in &m.prose {
        assert!(r.start >= end && r.start <= r.end && text.get(r.clone()).is_some(), "prose {r:?} (after {end})");
        end = r.end;
    }
    assert!(!article.id.trim().is_empty(), "empty article id");
}
