//! The search page's quotations and texts (`/search?q=&in=quotes|text`): hits of the word
//! index beside the store (`crate::search`), each with its article, date and a snippet
//! whose matching words are marked; and the links between the page's three lists (names
//! are found by `search.rs`).
//!
//! **Invariant:** every text shown is escaped (maud), the matching words are marked by
//! byte ranges of the snippet the index gave, never by searching the text again.

use maud::{html, Markup};
use oxigraph::model::NamedNode;

use super::{internal, layout, link, Ctx, ViewResult};
use crate::search::{pieces, Hit, Kind, Query, SearchError, SearchIndex};

/// Hits listed at most.
const MAX_HITS: usize = 50;

/// The kind of hits a page lists, from its `in` parameter (names when absent or unknown).
pub fn kind_of(param: Option<&str>) -> Kind {
    param.and_then(Kind::from_name).unwrap_or(Kind::Name)
}

/// Links to the same search in names, quotations and texts (the current one not linked).
pub fn tabs(query: &str, current: Kind) -> Markup {
    let q: String = form_urlencoded::byte_serialize(query.trim().as_bytes()).collect();
    html! {
        p.tabs {
            @for (i, (kind, label)) in [(Kind::Name, "Names"), (Kind::Quote, "Quotations"), (Kind::Text, "Articles")].into_iter().enumerate() {
                @if i > 0 { " · " }
                @if kind == current { strong { (label) } }
                @else { a href=(format!("/search?q={q}&in={}", kind.name())) { (label) } }
            }
        }
    }
}

/// The page of quotations or article texts holding the words of `query`.
pub fn page(ctx: &Ctx<'_>, query: &str, kind: Kind) -> ViewResult<Markup> {
    let q = query.trim();
    let found = if q.is_empty() { None } else { Some(find(ctx, q, kind)?) };
    let what = if kind == Kind::Quote { "quotation" } else { "article" };
    let body = html! {
        h1 { "Search" }
        (tabs(q, kind))
        @match &found {
            None => p { "Type some words in the box above: every word must match, in any case." },
            Some(Found::NoIndex) => p.note { "This store has no word index yet: `newskg reindex` builds it." },
            Some(Found::NoWords) => p { "“" (q) "” holds no word to search for (letters or digits)." },
            Some(Found::Hits { total, hits, stale }) => {
                @if let Some(warning) = stale { p.note #stale { (warning) } }
                @if hits.is_empty() {
                    p { "No " (what) " holds every word of “" (q) "”." }
                } @else {
                    p.note { (total) " " (what) @if *total != 1 { "s" } " with “" (q) "”"
                        @if hits.len() < *total { " (the first " (hits.len()) ")" } "." }
                    ol.hits #hits { @for hit in hits { li { (hit_markup(hit)) } } }
                }
            }
        }
    };
    Ok(layout(if q.is_empty() { "Search" } else { q }, q, body))
}

enum Found {
    NoIndex,
    NoWords,
    Hits { total: usize, hits: Vec<Hit>, stale: Option<String> },
}

fn find(ctx: &Ctx<'_>, q: &str, kind: Kind) -> ViewResult<Found> {
    let query = match Query::new(q, Some(kind), MAX_HITS) {
        Ok(query) => query,
        Err(SearchError::NoWords(_)) => return Ok(Found::NoWords),
        Err(e) => return Err(internal(e.to_string())),
    };
    let Some(index) = SearchIndex::open(ctx.store.path()).map_err(|e| internal(e.to_string()))? else {
        return Ok(Found::NoIndex);
    };
    let (total, hits) = index.search(ctx.store, &query).map_err(|e| internal(e.to_string()))?;
    Ok(Found::Hits { total, hits, stale: index.freshness().warning() })
}

fn hit_markup(hit: &Hit) -> Markup {
    let node = NamedNode::new(&hit.node).ok();
    let graph = NamedNode::new(&hit.graph).ok();
    let article = if hit.article.is_empty() { hit.graph.as_str() } else { hit.article.as_str() };
    html! {
        div.hit {
            @if hit.kind == Kind::Quote {
                @match NamedNode::new(&hit.speaker).ok() {
                    Some(speaker) => (link(&speaker, if hit.title.is_empty() { "(speaker)" } else { &hit.title })),
                    None => span.note { "(no named speaker)" },
                }
                " · "
            } @else if !hit.title.is_empty() {
                @if let Some(node) = &node { (link(node, &hit.title)) } " · "
            }
            @if let Some(graph) = &graph { (link(graph, article)) } @else { (article) }
            @if !hit.date.is_empty() { " · " span.date { (hit.date) } }
        }
        p.snippet {
            @for (marked, part) in pieces(&hit.snippet, &hit.marks) {
                @if marked { mark { (part) } } @else { (part) }
            }
            @if hit.kind == Kind::Quote { @if let Some(node) = &node { " " (link(node, "→")) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_comes_from_the_in_parameter() {
        assert_eq!(kind_of(Some("quotes")), Kind::Quote);
        assert_eq!(kind_of(Some("bogus")), Kind::Name);
    }
}
