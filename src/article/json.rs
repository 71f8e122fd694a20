//! The JSON and JSONL reader: article records as objects, as newskg's own schema or as the
//! news scrapers write them (news-please, trafilatura `--json`, newspaper4k `to_json`),
//! recognised by their fields (see [`Dialect`] and the README's mapping table).
//!
//! newskg's schema (unknown fields are ignored): `id`, `url`, `headline` or `title`, `date`
//! or `published`, `authors` (a string, an array of strings, or an array of objects with a
//! `name`), `source` or `publisher` (a string or an object with a `name`), `language`, and
//! `body` or `text` (required). A record without a body, or with a field of the wrong type,
//! is an error for that record only.

use serde_json::{Map, Value};

use super::{Article, Field, Layout, Metadata};
use crate::dates::parse_date;
use crate::error::{Error, Result};

/// Where one kind of record keeps each article field: the keys, tried in order.
#[derive(Debug)]
struct Dialect {
    /// The tool that writes such records, for messages.
    tool: &'static str,
    text: &'static [&'static str],
    headline: &'static [&'static str],
    date: &'static [&'static str],
    authors: &'static [&'static str],
    /// Authors as one string, separated by semicolons (trafilatura: "A; B").
    authors_joined: bool,
    source: &'static [&'static str],
    url: &'static [&'static str],
    id: &'static [&'static str],
    language: &'static [&'static str],
}

const NEWSKG: Dialect = Dialect {
    tool: "newskg",
    text: &["body", "text"],
    headline: &["headline", "title"],
    date: &["date", "published"],
    authors: &["authors"],
    authors_joined: false,
    source: &["source", "publisher"],
    url: &["url"],
    id: &["id"],
    language: &["language"],
};

/// news-please: `maintext`, `date_publish` ("2019-11-19 02:24:00"), `source_domain`.
const NEWS_PLEASE: Dialect = Dialect {
    tool: "news-please",
    text: &["maintext"],
    headline: &["title", "title_page", "title_rss"],
    date: &["date_publish"],
    authors: &["authors"],
    authors_joined: false,
    source: &["source_domain"],
    url: &["url"],
    id: &[],
    language: &["language"],
};

/// trafilatura `--json`: `author` as "A; B", `source` is the URL, `source-hostname` the site.
const TRAFILATURA: Dialect = Dialect {
    tool: "trafilatura",
    text: &["text", "raw_text"],
    headline: &["title"],
    date: &["date"],
    authors: &["author"],
    authors_joined: true,
    source: &["source-hostname", "sitename", "hostname"],
    url: &["url", "source"],
    id: &["id"],
    language: &["language"],
};

/// newspaper4k `Article.to_json()`: `publish_date`, `meta_site_name`, `canonical_link`.
const NEWSPAPER: Dialect = Dialect {
    tool: "newspaper4k",
    text: &["text"],
    headline: &["title"],
    date: &["publish_date"],
    authors: &["authors"],
    authors_joined: false,
    source: &["meta_site_name"],
    url: &["url", "canonical_link"],
    id: &[],
    language: &["meta_lang", "language"],
};

impl Dialect {
    /// The dialect of a record, by the fields that only one tool writes.
    fn of(obj: &Map<String, Value>) -> &'static Dialect {
        let has = |keys: &[&str]| keys.iter().any(|k| obj.contains_key(*k));
        if has(&["body"]) {
            &NEWSKG
        } else if has(&["maintext", "date_publish", "source_domain"]) {
            &NEWS_PLEASE
        } else if has(&["publish_date", "meta_site_name", "canonical_link", "top_image"]) {
            &NEWSPAPER
        } else if has(&["source-hostname", "hostname", "fingerprint", "raw_text"]) {
            &TRAFILATURA
        } else {
            &NEWSKG
        }
    }
}

/// Reads a JSON document: one record, or an array of records. Each record gives one result,
/// named `input` for a single object and `input[i]` inside an array (read as
/// the file reader reads them, record by record).
pub fn read_json(input: &str, text: &str) -> Vec<Result<Article>> {
    let body = skip_bom(text).trim_start();
    if body.starts_with('[') {
        let reader = std::io::Cursor::new(body.as_bytes());
        return super::json_array::ArrayRecords::new(input, reader, usize::MAX).collect();
    }
    vec![read_json_record(input, body)]
}

/// Reads one JSON record (an object) from `text`, named `input` in messages.
pub(crate) fn read_json_record(input: &str, text: &str) -> Result<Article> {
    match serde_json::from_str::<Value>(skip_bom(text)) {
        Ok(v) => record(input, v),
        Err(e) => Err(bad(input, format!("invalid JSON: {e}"))),
    }
}

/// Reads one JSONL line (`line_no` counts from 1).
pub fn read_jsonl_line(input: &str, line_no: usize, line: &str) -> Result<Article> {
    read_json_record(&format!("{input}:{line_no}"), line)
}

/// The text without a leading byte order mark, which some tools write before JSON.
fn skip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn bad(input: &str, reason: String) -> Error {
    Error::BadRecord { input: input.to_owned(), reason }
}

fn record(input: &str, value: Value) -> Result<Article> {
    let Value::Object(obj) = value else {
        return Err(bad(input, "a record must be a JSON object".into()));
    };
    let d = Dialect::of(&obj);
    let text = string_field(input, &obj, d.text)?.ok_or_else(|| missing_text(input, &obj, d))?;
    if text.trim().is_empty() {
        return Err(Error::Empty { input: input.to_owned() });
    }
    let id = string_field(input, &obj, d.id)?;
    let url = string_field(input, &obj, d.url)?.filter(|u| !u.trim().is_empty());
    let date_text = string_field(input, &obj, d.date)?;
    let authors = if d.authors_joined {
        let joined = string_field(input, &obj, d.authors)?.unwrap_or_default();
        joined.split(';').map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect()
    } else {
        names_field(input, &obj, d.authors)?
    };
    let metadata = Metadata {
        layout: Layout::Json,
        headline: string_field(input, &obj, d.headline)?.map(Field::detached),
        date: date_text.as_deref().and_then(parse_date),
        date_text: date_text.map(Field::detached),
        authors: authors.into_iter().map(Field::detached).collect(),
        source: names_field(input, &obj, d.source)?.into_iter().next().map(Field::detached),
        prose: std::iter::once(0..text.len()).collect(),
        url: url.clone(),
        language: string_field(input, &obj, d.language)?,
        ..Metadata::default()
    };
    Ok(Article::new(input, id.or(url), text, metadata))
}

/// The error for a record without article text: what was expected, and the fields it has.
fn missing_text(input: &str, obj: &Map<String, Value>, d: &Dialect) -> Error {
    let expected = |d: &Dialect| d.text.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(" or ");
    let mut fields: Vec<&str> = obj.keys().map(String::as_str).collect();
    fields.sort_unstable();
    let shown = fields.iter().take(20).map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ");
    let more = if fields.len() > 20 { format!(" and {} more", fields.len() - 20) } else { String::new() };
    let has = if fields.is_empty() { "it has no fields".to_owned() } else { format!("its fields: {shown}{more}") };
    if d.tool == NEWSKG.tool {
        let np = (NEWS_PLEASE.tool, expected(&NEWS_PLEASE));
        bad(input, format!("record has no \"body\" or \"text\" field ({}: {}); {has}", np.0, np.1))
    } else {
        bad(input, format!("{} record without text ({} missing or null); {has}", d.tool, expected(d)))
    }
}

/// The first of `keys` present, as a string (numbers are accepted for ids).
fn string_field(input: &str, obj: &Map<String, Value>, keys: &[&str]) -> Result<Option<String>> {
    for key in keys {
        match obj.get(*key) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(Some(s.clone())),
            Some(Value::Number(n)) if *key == "id" => return Ok(Some(n.to_string())),
            Some(other) => return Err(bad(input, format!("field \"{key}\" should be a string, not {}", kind(other)))),
        }
    }
    Ok(None)
}

/// The first of `keys` present holding names: a string, an object with `name`, or an array
/// of either.
fn names_field(input: &str, obj: &Map<String, Value>, keys: &[&str]) -> Result<Vec<String>> {
    let Some(key) = keys.iter().copied().find(|k| !matches!(obj.get(*k), None | Some(Value::Null))) else {
        return Ok(Vec::new());
    };
    fn one(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        }
    }
    let wrong = |v: &Value| bad(input, format!("field \"{key}\" should be a name or a list of names, not {}", kind(v)));
    match obj.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| one(v).ok_or_else(|| wrong(v)))
            .filter(|n| n.as_ref().map_or(true, |n| !n.trim().is_empty()))
            .collect(),
        Some(v) => one(v).map(|s| vec![s]).ok_or_else(|| wrong(v)),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_record() {
        let r = read_json(
            "a.json",
            r#"{"id":"x1","headline":"H","published":"2024-11-12","authors":["A B",{"name":"C D"}],"publisher":{"name":"AP"},"text":"Body.","extra":1}"#,
        );
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.id, "x1");
        assert_eq!(a.text, "Body.");
        assert_eq!(a.metadata.headline.as_ref().unwrap().value, "H");
        assert_eq!(a.metadata.date.unwrap().to_string(), "2024-11-12");
        assert_eq!(a.metadata.authors.len(), 2);
        assert_eq!(a.metadata.source.as_ref().unwrap().value, "AP");
    }

    #[test]
    fn an_array_gives_one_result_per_record_and_a_bad_record_fails_alone() {
        let r = read_json("b.json", r#"[{"body":"One."},{"title":"no body"},{"body":"Three.","url":"https://e.x/3"}]"#);
        assert_eq!(r.len(), 3);
        assert!(r[0].is_ok());
        let e = r[1].as_ref().unwrap_err().to_string();
        assert!(e.starts_with("b.json[1]: ") && e.contains("no \"body\""), "{e}");
        assert_eq!(r[2].as_ref().unwrap().id, "https://e.x/3");
    }

    #[test]
    fn wrong_types_are_named() {
        let e = read_jsonl_line("c.jsonl", 4, r#"{"body":"x","headline":3}"#).unwrap_err().to_string();
        assert_eq!(e, "c.jsonl:4: field \"headline\" should be a string, not a number");
        let e = read_jsonl_line("c.jsonl", 5, "{broken").unwrap_err().to_string();
        assert!(e.starts_with("c.jsonl:5: invalid JSON"), "{e}");
    }
}
