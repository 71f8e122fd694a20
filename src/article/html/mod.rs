//! The HTML reader: a saved news page becomes an article.
//!
//! The page first goes through [`guard::bound`] (linear; flattens nesting and attribute
//! lists that no real page has, so the parser stays linear). The body is trafilatura's
//! main content ([`body::main_content`]), one paragraph per line, without the headings
//! around the body or a first line that repeats the headline; the JSON-LD `articleBody`
//! when that is over twice as long; without either, the densest block of text on the
//! page, with a warning. Metadata comes from the page's
//! JSON-LD and meta tags ([`meta`]), and from trafilatura's metadata for what they lack
//! (a date found in the URL or the page text, the site name, the title).
//!
//! **Invariant:** the article text is the extracted body text, so every offset points into
//! that text; metadata is detached (not part of the text).

mod body;
mod guard;
mod meta;

use scraper::Html;

use super::{Article, Field, Layout, Metadata};
use crate::dates::parse_date;
use crate::error::{Error, Result};
use body::collapse;

pub(crate) use guard::{MAX_ATTRIBUTES, MAX_DEPTH};

/// The nesting work ([`guard::Bounded::nesting_work`]) up to which trafilatura's readability
/// fallback runs: 10 times the most of 93 real news pages (22,000).
const MAX_NESTING_WORK_FOR_FALLBACK: usize = 250_000;

/// Reads a saved HTML page. `input` names it in messages.
pub fn read_html(input: &str, html: &str) -> Result<Article> {
    read_html_with(input, html, None)
}

/// Reads a saved HTML page whose address is known from elsewhere (a web archive's
/// `WARC-Target-URI`): `url` is then the article's URL, else the page's own.
pub(crate) fn read_html_with(input: &str, html: &str, url: Option<&str>) -> Result<Article> {
    let bounded = guard::bound(html);
    let mut warnings = Vec::new();
    if bounded.dropped_tags > 0 || bounded.dropped_attributes > 0 {
        warnings.push(format!(
            "page nested deeper than {MAX_DEPTH} elements or with over {MAX_ATTRIBUTES} attributes on a tag: \
             {} tags and {} attributes left out (their text is kept)",
            bounded.dropped_tags, bounded.dropped_attributes
        ));
    }
    let html = bounded.html.as_ref();
    let doc = Html::parse_document(html);
    let page = meta::page_metadata(&doc);
    // The readability fallback walks each candidate's subtree: on a page of thousands of
    // deeply nested elements that is quadratic, so such a page goes without it.
    let with_fallback = bounded.nesting_work <= MAX_NESTING_WORK_FOR_FALLBACK;
    if !with_fallback {
        warnings.push("page too deeply nested for the readability fallback; main-content rules only".to_owned());
    }
    let extracted = body::main_content(html, with_fallback);
    let found = extracted.as_ref().map(|e| &e.metadata);
    let nonempty = |s: &String| -> Option<String> { Some(collapse(s)).filter(|s| !s.is_empty()) };

    let headline = page.headline.clone().or_else(|| found.and_then(|m| nonempty(&m.title)));
    let mut text = extracted.as_ref().map(|e| drop_headline(&e.text, headline.as_deref())).unwrap_or_default();
    if let Some(b) = &page.article_body {
        // The publisher's own body text, when the extraction found far less of the page.
        let body = b.lines().map(collapse).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
        if text.chars().count() * 2 < body.chars().count() {
            text = body;
        }
    }
    if text.is_empty() {
        text = drop_headline(&body::densest_block(&doc), headline.as_deref());
        if !text.is_empty() {
            warnings.push("no article body found; read the densest block of text on the page".to_owned());
        }
    }
    if text.is_empty() {
        return Err(Error::Empty { input: input.to_owned() });
    }

    let date_text =
        page.date_text.clone().filter(|d| parse_date(d).is_some()).or_else(|| {
            found.and_then(|m| m.date).map(|d| d.format("%Y-%m-%d").to_string()).or(page.date_text.clone())
        });
    // Authors only from the page's own markup: trafilatura's guesses from the page text
    // ("November", "Colin Rust commented on") would become people.
    let authors = page.authors.clone();
    let source = page.publisher.clone().or_else(|| found.and_then(|m| nonempty(&m.sitename)));
    let url = url.map(str::to_owned).filter(|u| meta::is_web_url(u)).or(page.url.clone());
    let metadata = Metadata {
        layout: Layout::Html,
        headline: headline.map(Field::detached),
        date: date_text.as_deref().and_then(parse_date),
        date_text: date_text.map(Field::detached),
        authors: authors.into_iter().map(Field::detached).collect(),
        source: source.map(Field::detached),
        url: url.clone(),
        prose: std::iter::once(0..text.len()).collect(),
        language: page.lang,
        warnings,
        ..Metadata::default()
    };
    Ok(Article::new(input, url, text, metadata))
}

/// The text without a first line that only repeats the headline.
fn drop_headline(text: &str, headline: Option<&str>) -> String {
    let Some(headline) = headline else { return text.to_owned() };
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let key = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect() };
    if !rest.is_empty() && !key(first).is_empty() && key(first) == key(headline) {
        rest.to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests;
