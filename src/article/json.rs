//! The JSON and JSONL reader: article records as objects.
//!
//! Schema (unknown fields are ignored): `id`, `url`, `headline` or `title`, `date` or
//! `published`, `authors` (a string, an array of strings, or an array of objects with a
//! `name`), `source` or `publisher` (a string or an object with a `name`), and `body` or
//! `text` (required). A record without a body, or with a field of the wrong type, is an
//! error for that record only.

use serde_json::{Map, Value};

use super::{Article, Field, Layout, Metadata};
use crate::dates::parse_date;
use crate::error::{Error, Result};

/// Reads a JSON document: one record, or an array of records. Each record gives one result,
/// named `input` for a single object and `input[i]` inside an array.
pub fn read_json(input: &str, text: &str) -> Vec<Result<Article>> {
    match serde_json::from_str::<Value>(skip_bom(text)) {
        Ok(Value::Array(items)) => {
            items.into_iter().enumerate().map(|(i, v)| record(&format!("{input}[{i}]"), v)).collect()
        }
        Ok(v) => vec![record(input, v)],
        Err(e) => vec![Err(bad(input, format!("invalid JSON: {e}")))],
    }
}

/// Reads one JSONL line (`line_no` counts from 1).
pub fn read_jsonl_line(input: &str, line_no: usize, line: &str) -> Result<Article> {
    let name = format!("{input}:{line_no}");
    match serde_json::from_str::<Value>(skip_bom(line)) {
        Ok(v) => record(&name, v),
        Err(e) => Err(bad(&name, format!("invalid JSON: {e}"))),
    }
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
    let text = string_field(input, &obj, &["body", "text"])?
        .ok_or_else(|| bad(input, "record has no \"body\" or \"text\" field".into()))?;
    if text.trim().is_empty() {
        return Err(Error::Empty { input: input.to_owned() });
    }
    let id = string_field(input, &obj, &["id"])?;
    let url = string_field(input, &obj, &["url"])?;
    let date_text = string_field(input, &obj, &["date", "published"])?;
    let metadata = Metadata {
        layout: Layout::Json,
        headline: string_field(input, &obj, &["headline", "title"])?.map(Field::detached),
        date: date_text.as_deref().and_then(parse_date),
        date_text: date_text.map(Field::detached),
        authors: names_field(input, &obj, "authors")?.into_iter().map(Field::detached).collect(),
        source: names_field(input, &obj, "source")
            .and_then(|s| if s.is_empty() { names_field(input, &obj, "publisher") } else { Ok(s) })?
            .into_iter()
            .next()
            .map(Field::detached),
        prose: std::iter::once(0..text.len()).collect(),
        url: url.clone(),
        ..Metadata::default()
    };
    Ok(Article::new(input, id.or(url), text, metadata))
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

/// A field holding names: a string, an object with `name`, or an array of either.
fn names_field(input: &str, obj: &Map<String, Value>, key: &str) -> Result<Vec<String>> {
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
        Some(Value::Array(items)) => items.iter().map(|v| one(v).ok_or_else(|| wrong(v))).collect(),
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
