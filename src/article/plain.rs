//! The plain-text reader: wire copy, Wikinews pages, and anything else as bare prose.
//!
//! Layouts recognised (see the README's "Input formats"):
//! - wire copy: an optional `Photo credit: X` first line, a dateline such as
//!   `WASHINGTON —` opening the first paragraph, body paragraphs, a `___` line followed by
//!   contributor lines ("X reported from Y. AP reporter Z contributed from W."), and a
//!   trailing `Source` line followed by the outlet;
//! - Wikinews: a title line, a blank line, a date line ("Friday, August 21, 2015"), body;
//! - plain: all of the text is body.
//!
//! Invariant: the text is kept byte for byte; the reader only records ranges into it.

use std::ops::Range;

use super::{lines_in, Article, Field, Metadata};
use crate::dates::parse_date;

/// Which layout a plain-text article was read as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// Wire copy (dateline, `___` contributor block, `Source` line).
    Wire,
    /// Wikinews (title, blank line, date line, body).
    Wikinews,
    /// A JSON or JSONL record.
    Json,
    /// A saved HTML page (metadata from JSON-LD or meta tags, text from the body).
    Html,
    /// Bare prose.
    #[default]
    Plain,
}

/// Reads a plain-text article. `input` names it in messages; the id is derived from the text.
pub fn read_plain(input: &str, text: String) -> Article {
    let lines = lines_with_blanks(&text);
    let metadata = read_wikinews(&text, &lines).or_else(|| read_wire(&text, &lines)).unwrap_or_else(|| Metadata {
        layout: Layout::Plain,
        prose: non_blank(&text, &lines),
        ..Metadata::default()
    });
    Article::new(input, None, text, metadata)
}

/// Every line's byte range (without the line end), blank lines included.
fn lines_with_blanks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' { i - 1 } else { i };
            out.push(start..end);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn is_blank(text: &str, r: &Range<usize>) -> bool {
    text[r.clone()].trim().is_empty()
}

fn non_blank(text: &str, lines: &[Range<usize>]) -> Vec<Range<usize>> {
    lines.iter().flat_map(|r| lines_in(text, r.clone())).collect()
}

/// Title line, blank line, date line: a Wikinews page.
fn read_wikinews(text: &str, lines: &[Range<usize>]) -> Option<Metadata> {
    let mut it = lines.iter().enumerate().filter(|(_, r)| !is_blank(text, r));
    let (ti, title) = it.next()?;
    let (di, date_line) = it.next()?;
    if di != ti + 2 || !is_blank(text, &lines[ti + 1]) {
        return None;
    }
    let date_span = lines_in(text, date_line.clone()).pop()?;
    let date = parse_date(&text[date_span.clone()])?;
    let title_span = lines_in(text, title.clone()).pop()?;
    let mut prose = vec![title_span.clone()];
    prose.extend(non_blank(text, &lines[di + 1..]));
    Some(Metadata {
        layout: Layout::Wikinews,
        headline: Some(Field::in_text(text, title_span)),
        date_text: Some(Field::in_text(text, date_span)),
        date: Some(date),
        prose,
        ..Metadata::default()
    })
}

/// Dashes that end a dateline: em dash, en dash, or a spaced hyphen pair.
const DATELINE_DASHES: &[&str] = &["\u{2014}", "\u{2013}", "--", " - "];

/// The dateline at the start of a paragraph: an all-capitals place (letters, spaces,
/// periods, commas, apostrophes; "WASHINGTON", "NEW YORK", "ST. LOUIS, Mo.") and a dash.
/// Returns the place's byte range.
fn dateline_in(text: &str, line: Range<usize>) -> Option<Range<usize>> {
    let s = &text[line.clone()];
    let (cut, _) = DATELINE_DASHES.iter().filter_map(|d| s.find(d).map(|i| (i, d))).min_by_key(|(i, _)| *i)?;
    if cut == 0 || cut > 60 {
        return None;
    }
    let place = s[..cut].trim_end();
    // The place proper is the all-capitals part before any ", State" or "(AP)".
    let head = place.split([',', '(']).next()?.trim_end();
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    let caps_ok = letters >= 2
        && head.chars().all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '\'' || c == '-')
        && head.chars().next()?.is_uppercase();
    caps_ok.then(|| line.start..line.start + head.len())
}

/// Wire copy: recognised by any two of its marks (photo credit, dateline, `___` block,
/// `Source` line), or by a dateline alone.
fn read_wire(text: &str, lines: &[Range<usize>]) -> Option<Metadata> {
    let content: Vec<Range<usize>> = non_blank(text, lines);
    let mut first = 0;
    let mut meta = Metadata { layout: Layout::Wire, ..Metadata::default() };
    if let Some(r) = content.first() {
        if let Some(rest) = text[r.clone()].strip_prefix("Photo credit:") {
            let lead = rest.len() - rest.trim_start().len();
            let start = r.start + "Photo credit:".len() + lead;
            if start < r.end {
                meta.photo_credit = Some(Field::in_text(text, start..r.end));
            }
            first = 1;
        }
    }
    // A trailing "Source" line followed by the outlet.
    let mut end = content.len();
    if end >= first + 2 && text[content[end - 2].clone()].eq_ignore_ascii_case("source") {
        meta.source = Some(Field::in_text(text, content[end - 1].clone()));
        end -= 2;
    }
    // The "___" line and the contributor lines after it.
    let rule = content[first..end]
        .iter()
        .position(|r| {
            let s = &text[r.clone()];
            s.len() >= 3 && s.chars().all(|c| c == '_')
        })
        .map(|i| i + first);
    let body_end = rule.unwrap_or(end);
    let dateline = content.get(first).and_then(|r| dateline_in(text, r.clone()));
    let marks = [meta.photo_credit.is_some(), meta.source.is_some(), rule.is_some(), dateline.is_some()]
        .iter()
        .filter(|m| **m)
        .count();
    if dateline.is_none() && marks < 2 {
        return None;
    }
    meta.dateline = dateline.map(|r| Field::in_text(text, r));
    meta.prose = content[first..body_end].to_vec();
    if let Some(rule) = rule {
        for r in &content[rule + 1..end] {
            meta.contribution_notes.push(Field::in_text(text, r.clone()));
            meta.prose.push(r.clone());
        }
    }
    Some(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Photo credit: example.com\nBERLIN — The mayor met the press on Monday.\nShe spoke briefly.\n___\nSmith reported from Paris. AP reporter Jo Doe contributed from Bonn.\nSource\nexample.com";

    #[test]
    fn wire_copy_gives_credit_dateline_contributors_and_source() {
        let a = read_plain("w.txt", WIRE.to_owned());
        let m = &a.metadata;
        assert_eq!(m.layout, Layout::Wire);
        assert_eq!(m.photo_credit.as_ref().unwrap().value, "example.com");
        assert_eq!(m.dateline.as_ref().unwrap().value, "BERLIN");
        assert_eq!(m.source.as_ref().unwrap().value, "example.com");
        assert_eq!(m.contribution_notes.len(), 1);
        let prose: Vec<&str> = m.prose.iter().map(|r| &a.text[r.clone()]).collect();
        assert_eq!(prose[0], "BERLIN — The mayor met the press on Monday.");
        assert!(prose.last().unwrap().starts_with("Smith reported"));
        assert!(!prose.contains(&"Source"));
        assert_eq!(a.text, WIRE, "the text is kept as read");
    }

    #[test]
    fn wikinews_page_gives_headline_and_date() {
        let t = "Storm hits coast\n\nTuesday, March 4, 2014\n\nA storm hit the coast.\n\nMore later.\n";
        let a = read_plain("n.txt", t.to_owned());
        let m = &a.metadata;
        assert_eq!(m.layout, Layout::Wikinews);
        assert_eq!(m.headline.as_ref().unwrap().value, "Storm hits coast");
        assert_eq!(m.date.unwrap().to_string(), "2014-03-04");
        assert_eq!(m.prose.len(), 3);
    }

    #[test]
    fn bare_prose_is_all_body() {
        let a = read_plain("p.txt", "Just a sentence.\nAnother one.".to_owned());
        assert_eq!(a.metadata.layout, Layout::Plain);
        assert_eq!(a.metadata.prose.len(), 2);
        assert!(a.id.starts_with("sha256:"));
    }

    #[test]
    fn a_lowercase_start_with_a_dash_is_not_a_dateline() {
        assert_eq!(dateline_in("the end — of it", 0..15), None);
        let s = "NEW YORK (AP) — Text";
        assert_eq!(&s[dateline_in(s, 0..s.len()).unwrap()], "NEW YORK");
    }
}
