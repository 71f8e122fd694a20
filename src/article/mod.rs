//! Articles as read (plain text, JSON records, saved HTML pages, web archives): the text
//! exactly as it came in, plus the metadata the readers found.
//!
//! Invariant: `Article::text` is never modified after reading; every offset anywhere in
//! newskg (metadata fields, tokens, mentions, evidence) is a byte offset into it, turned
//! into Unicode code points only when written as RDF.

mod html;
mod input;
mod json;
mod json_array;
pub mod language;
mod plain;
mod warc;

use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

pub use html::read_html;
pub use input::{is_stdin, read_inputs, InputFormat, ReadOptions, ReadSummary, DEFAULT_MAX_ARTICLE_BYTES};
pub use json::{read_json, read_jsonl_line};
pub use plain::{read_plain, Layout};

/// One news article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable identifier: the record's `id` or `url`, else `sha256:` and a hash of the text.
    pub id: String,
    /// Where the article came from, for messages: a path, `path:LINE` for JSONL, or `-`.
    pub input: String,
    /// The text exactly as read (for JSON records, the body field).
    pub text: String,
    /// What the reader found besides the text.
    pub metadata: Metadata,
    /// The language of the text, resolved at first use (see [`Article::language`]):
    /// detection reads the text, and an unchanged article skipped by incremental ingest
    /// never needs it.
    language: OnceLock<Option<String>>,
}

/// A metadata value, with its place in the text when it was read from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub value: String,
    pub span: Option<Range<usize>>,
}

impl Field {
    /// A value that is not part of the article text (a JSON field, a command-line option).
    pub fn detached(value: impl Into<String>) -> Self {
        Field { value: value.into(), span: None }
    }

    /// A value read from `text[span]`.
    pub fn in_text(text: &str, span: Range<usize>) -> Self {
        Field { value: text[span.clone()].to_owned(), span: Some(span) }
    }
}

/// Article metadata. Everything is optional: readers fill what their layout has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub layout: Layout,
    pub headline: Option<Field>,
    /// The publication date as written.
    pub date_text: Option<Field>,
    /// The publication date, when it could be read as a calendar day.
    pub date: Option<NaiveDate>,
    /// The dateline place as written ("WASHINGTON").
    pub dateline: Option<Field>,
    /// Bylines (JSON `authors`).
    pub authors: Vec<Field>,
    /// Contributor lines ("AP reporter Z contributed from W."); the people they name are
    /// found by extraction.
    pub contribution_notes: Vec<Field>,
    pub photo_credit: Option<Field>,
    /// The outlet, from a trailing "Source" line or the JSON `source`/`publisher` field.
    pub source: Option<Field>,
    pub url: Option<String>,
    /// Byte ranges of the text that hold article prose (headline, body, contributor lines),
    /// in order and not overlapping. Extraction looks only here.
    pub prose: Vec<Range<usize>>,
    /// The language the input declares (a JSON `language` field, a page's `<html lang>`),
    /// as given. The article's language is [`Article::language`].
    pub language: Option<String>,
    /// What the reader had to work around (printed as warnings; the article is read).
    pub warnings: Vec<String>,
}

impl Article {
    /// An article whose id is given, or else derived from the text.
    pub fn new(input: impl Into<String>, id: Option<String>, text: String, metadata: Metadata) -> Self {
        let id = id.filter(|id| !id.trim().is_empty()).unwrap_or_else(|| text_id(&text));
        Article { id, input: input.into(), text, metadata, language: OnceLock::new() }
    }

    /// The language of the text (a BCP 47 tag such as `en` or `pt-BR`): detected from the
    /// text when the detection is reliable, else as the input declares it. Detected at the
    /// first call (whatlang is most of the cost of reading an article that incremental
    /// ingest then skips); the text is never modified, so the answer never goes stale.
    pub fn language(&self) -> Option<&str> {
        self.language.get_or_init(|| language::resolve(&self.text, self.metadata.language.clone())).as_deref()
    }

    /// Whether extraction applies: the rules are for English, so an article known to be in
    /// another language is stored with its metadata and text only.
    pub fn is_english(&self) -> bool {
        self.language().is_none_or(language::is_english)
    }
}

/// The id of an article that has none: `sha256:` and the first 16 bytes of its text's hash.
pub fn text_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The byte ranges of the non-empty lines of `text[range]`, without their line ends.
pub(crate) fn lines_in(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, b) in text[range.clone()].bytes().enumerate() {
        if b == b'\n' {
            push_trimmed(text, start..range.start + i, &mut out);
            start = range.start + i + 1;
        }
    }
    push_trimmed(text, start..range.end, &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_id_is_stable_and_distinguishes_texts() {
        assert_eq!(text_id("a"), text_id("a"));
        assert_ne!(text_id("a"), text_id("b"));
        assert!(text_id("a").starts_with("sha256:"));
    }

    #[test]
    fn lines_in_skips_blank_lines_and_trims() {
        let t = "  one \n\n two\r\n";
        let lines: Vec<&str> = lines_in(t, 0..t.len()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(lines, ["one", "two"]);
    }
}
