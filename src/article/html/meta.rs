//! Page metadata: the schema.org `NewsArticle` JSON-LD when present, else the meta tags
//! (`og:title`, `article:published_time`, `author`, `og:site_name`, `og:url`,
//! `<link rel=canonical>`, `<title>`).
//!
//! **Invariant:** values are collapsed (single spaces, trimmed) and never empty; a URL is
//! kept only when it is absolute http(s).

use std::collections::HashMap;

use scraper::{Html, Selector};
use serde_json::Value;

use super::body::collapse;
use crate::dates::parse_date;

/// What a page says about itself.
#[derive(Debug, Default)]
pub(crate) struct PageMetadata {
    pub headline: Option<String>,
    pub date_text: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// The JSON-LD `articleBody`, when the page gives one.
    pub article_body: Option<String>,
    /// The `<html lang>` attribute.
    pub lang: Option<String>,
}

/// Reads the metadata of a parsed page.
pub(crate) fn page_metadata(doc: &Html) -> PageMetadata {
    let ld = json_ld_article(doc);
    let meta = meta_tags(doc);
    let ld_str =
        |key: &str| ld.as_ref().and_then(|v| str_field(v, key)).map(|s| collapse(&s)).filter(|s| !s.is_empty());
    let meta_str =
        |keys: &[&str]| keys.iter().find_map(|k| meta.get(*k)).map(|s| collapse(s)).filter(|s| !s.is_empty());

    let headline = ld_str("headline").or_else(|| meta_str(&["og:title", "twitter:title"])).or_else(|| title(doc));
    // A date that does not parse (a placeholder such as "0001-01-01") gives way to the next
    // source; the first one found is kept when none parses.
    let date_sources = [
        ld_str("datePublished"),
        meta_str(&["article:published_time", "datePublished", "datepublished", "date", "pubdate", "dc.date"]),
        first_attr(doc, "article time[datetime], time[datetime]", "datetime"),
    ];
    let date_text = date_sources
        .iter()
        .flatten()
        .find(|d| parse_date(d).is_some())
        .or_else(|| date_sources.iter().flatten().next())
        .cloned();
    let mut authors: Vec<String> = ld.as_ref().map(|v| names(v.get("author"))).unwrap_or_default();
    if authors.is_empty() {
        authors = meta
            .get("author")
            .into_iter()
            .chain(meta.get("article:author"))
            .map(|s| collapse(s))
            .filter(|s| !s.is_empty() && !s.contains("://"))
            .collect();
    }
    let publisher = ld
        .as_ref()
        .and_then(|v| names(v.get("publisher")).into_iter().next())
        .or_else(|| meta_str(&["og:site_name", "application-name"]));
    let url = ld
        .as_ref()
        .and_then(|v| str_field(v, "url").or_else(|| v.get("mainEntityOfPage").and_then(id_of)))
        .or_else(|| first_attr(doc, "link[rel=canonical]", "href"))
        .or_else(|| meta_str(&["og:url"]))
        .filter(|u| is_web_url(u));
    let article_body = ld.as_ref().and_then(|v| str_field(v, "articleBody")).filter(|b| !b.trim().is_empty());
    let lang = first_attr(doc, "html[lang]", "lang");
    let mut people: Vec<String> = Vec::new();
    for name in authors.iter().flat_map(|a| byline_names(a)) {
        if !people.contains(&name) {
            people.push(name);
        }
    }
    PageMetadata { headline, date_text, authors: people, publisher, url, article_body, lang }
}

/// The names in a byline as pages write it: "By Meg Kinnard and Errin Haines, Associated
/// Press" gives "Meg Kinnard" and "Errin Haines"; "Analysis by Chris Cillizza, CNN" gives
/// "Chris Cillizza".
pub(crate) fn byline_names(byline: &str) -> Vec<String> {
    let lower = byline.to_ascii_lowercase(); // Same byte offsets as the byline.
                                             // Up to and including a leading "... by " ("By", "Analysis by", "Written by").
    let start = match lower.find("by ") {
        Some(p) if p == 0 || (lower[..p].ends_with(' ') && lower[..p].split_whitespace().count() <= 2) => p + 3,
        _ => 0,
    };
    let rest = &byline[start..];
    let rest = rest.split(',').next().unwrap_or(rest);
    rest.split(" and ").flat_map(|p| p.split(['&', ';', '|'])).map(collapse).filter(|n| !n.is_empty()).collect()
}

/// Whether `u` is an absolute http(s) URL.
pub(crate) fn is_web_url(u: &str) -> bool {
    u.starts_with("http://") || u.starts_with("https://")
}

/// schema.org types whose JSON-LD describes the article.
const ARTICLE_TYPES: &[&str] =
    &["NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting"];

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("valid built-in selector")
}

fn title(doc: &Html) -> Option<String> {
    doc.select(&selector("title")).next().map(|t| collapse(&t.text().collect::<String>())).filter(|s| !s.is_empty())
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    doc.select(&selector(css)).find_map(|e| e.value().attr(attr)).map(collapse).filter(|s| !s.is_empty())
}

/// `<meta>` values by `property`, `name` or `itemprop` (lowercased); the first one wins.
fn meta_tags(doc: &Html) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for m in doc.select(&selector("meta[content]")) {
        let e = m.value();
        let Some(content) = e.attr("content") else { continue };
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = e.attr(key) {
                let k = if key == "itemprop" { k.to_owned() } else { k.to_ascii_lowercase() };
                out.entry(k).or_insert_with(|| content.to_owned());
            }
        }
    }
    out
}

/// The first schema.org article object in the page's JSON-LD blocks (also inside arrays
/// and `@graph`).
fn json_ld_article(doc: &Html) -> Option<Value> {
    fn find(v: &Value) -> Option<&Value> {
        match v {
            Value::Array(items) => items.iter().find_map(find),
            Value::Object(o) => {
                let is_article = match o.get("@type") {
                    Some(Value::String(t)) => ARTICLE_TYPES.contains(&local(t)),
                    Some(Value::Array(ts)) => {
                        ts.iter().filter_map(Value::as_str).any(|t| ARTICLE_TYPES.contains(&local(t)))
                    }
                    _ => false,
                };
                if is_article {
                    Some(v)
                } else {
                    o.get("@graph").and_then(find)
                }
            }
            _ => None,
        }
    }
    fn local(t: &str) -> &str {
        t.rsplit(['/', '#', ':']).next().unwrap_or(t)
    }
    doc.select(&selector(r#"script[type="application/ld+json"]"#)).find_map(|s| {
        let text: String = s.text().collect();
        let v: Value = serde_json::from_str(text.trim()).ok()?;
        find(&v).cloned()
    })
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

/// Names from a schema.org value: a string, an object with `name`, or an array of either.
fn names(v: Option<&Value>) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(collapse(s)),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(collapse),
        _ => None,
    };
    match v {
        Some(Value::Array(items)) => items.iter().filter_map(one).filter(|s| !s.is_empty()).collect(),
        Some(v) => one(v).filter(|s| !s.is_empty()).into_iter().collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::byline_names;

    #[test]
    fn bylines_give_names() {
        assert_eq!(byline_names("By Meg Kinnard and Errin Haines, Associated Press"), ["Meg Kinnard", "Errin Haines"]);
        assert_eq!(byline_names("Analysis by Chris Cillizza, CNN Editor-at-large"), ["Chris Cillizza"]);
        assert_eq!(byline_names("Lena Frost"), ["Lena Frost"]);
        assert_eq!(byline_names("Lena Frost; Omar Haddad"), ["Lena Frost", "Omar Haddad"]);
        assert_eq!(byline_names("Abby Ruby"), ["Abby Ruby"], "'by' inside a name is no byline word");
        assert!(byline_names(" , ").is_empty());
    }
}
