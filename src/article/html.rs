//! The HTML reader: a saved news page becomes an article.
//!
//! Metadata comes from the page's schema.org `NewsArticle` JSON-LD when present, else from
//! its meta tags (`og:title`, `article:published_time`, `author`, `og:site_name`,
//! `og:url`, `<link rel=canonical>`, `<title>`). The text is the article body: the
//! paragraphs of the `<article>` element holding the most paragraph text or, without one,
//! of the densest block of `<p>` elements; paragraphs inside navigation, asides, headers,
//! footers, figures, forms and blocks whose class or id says ad, promo, share, related,
//! newsletter and the like are left out.
//!
//! Invariant: the article text is the extracted body text, paragraphs joined by "\n"
//! (white space inside a paragraph collapsed to single spaces), so every offset points
//! into that text; metadata is detached (not part of the text).

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::{Article, Field, Layout, Metadata};
use crate::dates::parse_date;
use crate::error::{Error, Result};

/// schema.org types whose JSON-LD describes the article.
const ARTICLE_TYPES: &[&str] =
    &["NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting"];

/// Elements whose paragraphs are never body text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "nav",
    "aside",
    "header",
    "footer",
    "figure",
    "figcaption",
    "form",
    "script",
    "style",
    "noscript",
    "button",
    "template",
];

/// Words in a class or id that mark boilerplate.
const BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "promo",
    "sponsor",
    "sponsored",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "comments",
    "comment",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "byline",
    "caption",
    "sidebar",
    "nav",
    "navigation",
    "menu",
    "footer",
    "paywall",
    "outbrain",
    "taboola",
    "most-read",
    "trending",
];

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("valid built-in selector")
}

/// Reads a saved HTML page. `input` names it in messages.
pub fn read_html(input: &str, html: &str) -> Result<Article> {
    let doc = Html::parse_document(html);
    let ld = json_ld_article(&doc);
    let meta = meta_tags(&doc);

    let mut paragraphs = body_paragraphs(&doc);
    if paragraphs.is_empty() {
        // No paragraph markup: the JSON-LD articleBody, one paragraph per line.
        if let Some(body) = ld.as_ref().and_then(|v| str_field(v, "articleBody")) {
            paragraphs = body.lines().map(collapse).filter(|p| !p.is_empty()).collect();
        }
    }
    let text = paragraphs.join("\n");
    if text.trim().is_empty() {
        return Err(Error::Empty { input: input.to_owned() });
    }

    let ld_str =
        |key: &str| ld.as_ref().and_then(|v| str_field(v, key)).map(|s| collapse(&s)).filter(|s| !s.is_empty());
    let meta_str =
        |keys: &[&str]| keys.iter().find_map(|k| meta.get(*k)).map(|s| collapse(s)).filter(|s| !s.is_empty());

    let headline = ld_str("headline").or_else(|| meta_str(&["og:title", "twitter:title"])).or_else(|| title(&doc));
    let date_text = ld_str("datePublished")
        .or_else(|| meta_str(&["article:published_time", "datePublished", "date", "pubdate", "dc.date"]))
        .or_else(|| first_attr(&doc, "article time[datetime], time[datetime]", "datetime"));
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
        .or_else(|| first_attr(&doc, "link[rel=canonical]", "href"))
        .or_else(|| meta_str(&["og:url"]))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));

    let metadata = Metadata {
        layout: Layout::Html,
        headline: headline.map(Field::detached),
        date: date_text.as_deref().and_then(parse_date),
        date_text: date_text.map(Field::detached),
        authors: authors.into_iter().map(Field::detached).collect(),
        source: publisher.map(Field::detached),
        url: url.clone(),
        prose: std::iter::once(0..text.len()).collect(),
        ..Metadata::default()
    };
    Ok(Article::new(input, url, text, metadata))
}

/// White space collapsed to single spaces, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Whether an element's class or id marks boilerplate, or it is a skipped element.
fn is_boilerplate(e: &ElementRef) -> bool {
    let el = e.value();
    if SKIPPED_ELEMENTS.contains(&el.name()) {
        return true;
    }
    if el.attr("role").is_some_and(|r| matches!(r, "navigation" | "complementary" | "banner" | "contentinfo")) {
        return true;
    }
    if el.attr("aria-hidden") == Some("true") || el.attr("hidden").is_some() {
        return true;
    }
    let words = el.attr("class").unwrap_or("").split_whitespace().chain(el.attr("id"));
    words.flat_map(|w| w.split(['-', '_'])).any(|w| BOILERPLATE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// Whether `p` sits inside boilerplate below (not including) `root`.
fn inside_boilerplate(p: &ElementRef, root: &ElementRef) -> bool {
    let mut node = Some(**p);
    while let Some(n) = node {
        if n.id() == root.id() {
            return false;
        }
        if let Some(e) = ElementRef::wrap(n) {
            if is_boilerplate(&e) {
                return true;
            }
        }
        node = n.parent();
    }
    false
}

/// The text of a paragraph (scripts and styles inside it left out), collapsed.
fn paragraph_text(p: &ElementRef) -> String {
    let mut s = String::new();
    for n in p.descendants() {
        if let Node::Text(t) = n.value() {
            let hidden = n
                .ancestors()
                .take_while(|a| a.id() != p.id())
                .any(|a| a.value().as_element().is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript")));
            if !hidden {
                s.push_str(t);
            }
        }
    }
    collapse(&s)
}

/// The body paragraphs of `root`: its `<p>` descendants outside boilerplate.
fn paragraphs_in(root: &ElementRef) -> Vec<String> {
    root.select(&selector("p"))
        .filter(|p| !inside_boilerplate(p, root))
        .map(|p| paragraph_text(&p))
        .filter(|t| !t.is_empty())
        .collect()
}

fn text_len(ps: &[String]) -> usize {
    ps.iter().map(|p| p.chars().count()).sum()
}

/// The body paragraphs: those of the `<article>` with the most paragraph text, else of
/// the element whose own `<p>` children hold the most text.
fn body_paragraphs(doc: &Html) -> Vec<String> {
    let best_article = doc
        .select(&selector("article, [itemprop=articleBody]"))
        .filter(|a| !is_boilerplate(a))
        .map(|a| paragraphs_in(&a))
        .max_by_key(|ps| text_len(ps));
    if let Some(ps) = best_article.filter(|ps| !ps.is_empty()) {
        return ps;
    }
    // The densest block: the parent whose direct <p> children hold the most text.
    let root = doc.root_element();
    let mut best: Option<(usize, Vec<String>)> = None;
    for parent in root.select(&selector("*")) {
        if inside_boilerplate(&parent, &root) {
            continue;
        }
        let ps: Vec<String> = parent
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.value().name() == "p" && !is_boilerplate(c))
            .map(|p| paragraph_text(&p))
            .filter(|t| !t.is_empty())
            .collect();
        let len = text_len(&ps);
        if len > 0 && best.as_ref().is_none_or(|(l, _)| len > *l) {
            best = Some((len, ps));
        }
    }
    best.map(|(_, ps)| ps).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Ignored title | Example News</title>
<meta property="og:title" content="Meta headline">
<link rel="canonical" href="https://news.example.org/2024/11/summit">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},
 {"@type":"NewsArticle","headline":"Leaders meet in  Geneva","datePublished":"2024-11-12T09:30:00+01:00",
  "author":[{"@type":"Person","name":"Lena Frost"},{"@type":"Person","name":"Omar Haddad"}],
  "publisher":{"@type":"Organization","name":"Example News"}}]}
</script>
</head><body>
<nav><p>Home | World | Politics</p></nav>
<article>
  <header><h1>Leaders meet in Geneva</h1><p class="byline">By Lena Frost</p></header>
  <p>GENEVA — Chancellor Olaf Scholz met President
     Emmanuel Macron in Geneva on Monday.</p>
  <div class="ad-slot"><p>Buy our newsletter now!</p></div>
  <figure><img src="x.jpg"><figcaption><p>Photo: Someone</p></figcaption></figure>
  <p>“We agreed on a plan,” Scholz <em>said</em>.</p>
  <aside class="related"><p>Related: other news</p></aside>
</article>
<footer><p>© Example News</p></footer>
</body></html>"#;

    #[test]
    fn json_ld_metadata_and_article_paragraphs() {
        let a = read_html("page.html", PAGE).unwrap();
        assert_eq!(
            a.text,
            "GENEVA — Chancellor Olaf Scholz met President Emmanuel Macron in Geneva on Monday.\n“We agreed on a plan,” Scholz said."
        );
        let m = &a.metadata;
        assert_eq!(m.headline.as_ref().unwrap().value, "Leaders meet in Geneva");
        assert_eq!(m.date.unwrap().to_string(), "2024-11-12");
        let authors: Vec<&str> = m.authors.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(authors, ["Lena Frost", "Omar Haddad"]);
        assert_eq!(m.source.as_ref().unwrap().value, "Example News");
        assert_eq!(m.url.as_deref(), Some("https://news.example.org/2024/11/summit"));
        assert_eq!(a.id, "https://news.example.org/2024/11/summit");
        assert_eq!(m.prose, vec![0..a.text.len()]);
        assert_eq!(m.layout, Layout::Html);
    }

    #[test]
    fn meta_tags_and_the_densest_block_without_article_or_json_ld() {
        let page = r#"<html><head><title>T</title>
<meta property="og:title" content="Court charges former mayor">
<meta property="article:published_time" content="2014-03-12">
<meta name="author" content="Ana Ruiz">
<meta property="og:site_name" content="Daily Example">
</head><body>
<div id="menu"><p>Sections</p><p>Search</p><p>Log in to read more and more and more</p></div>
<div class="content"><p>The court charged the former mayor on Tuesday.</p>
<p>Prosecutors said the contracts were rigged.</p><p class="promo">Subscribe today</p></div>
<div class="share"><p>Share this on every social network you can think of, please, now</p></div>
</body></html>"#;
        let a = read_html("p.htm", page).unwrap();
        assert_eq!(
            a.text,
            "The court charged the former mayor on Tuesday.\nProsecutors said the contracts were rigged."
        );
        assert_eq!(a.metadata.headline.as_ref().unwrap().value, "Court charges former mayor");
        assert_eq!(a.metadata.date.unwrap().to_string(), "2014-03-12");
        assert_eq!(a.metadata.authors[0].value, "Ana Ruiz");
        assert_eq!(a.metadata.source.as_ref().unwrap().value, "Daily Example");
        assert!(a.id.starts_with("sha256:"), "no URL: the id is a hash of the text");
    }

    #[test]
    fn a_page_without_body_text_is_empty() {
        let e = read_html("e.html", "<html><body><nav><p>Menu</p></nav></body></html>").unwrap_err();
        assert!(matches!(e, Error::Empty { .. }), "{e}");
    }

    #[test]
    fn article_body_json_ld_is_the_fallback() {
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","articleBody":"First line.\nSecond   line."}</script></head><body><div>no paragraphs</div></body></html>"#;
        let a = read_html("f.html", page).unwrap();
        assert_eq!(a.text, "First line.\nSecond line.");
    }
}
