//! The entity page: names, type and Wikidata link; posts held over time with their status;
//! events as a timeline with the other participants; quotations; the entities most often
//! seen with it; the articles that mention it, with a snippet around the mention.
//!
//! Long lists (articles, events, quotations) are paged, newest article first, [`PAGE`]
//! rows at a time: one query counts the rows and one finds the page's rows (sorted by the
//! article's date, without reading the other rows' IRIs); then each row is read in its own
//! article graph, by queries whose every pattern names that graph. So a page costs about
//! the same for an entity of ten articles or of ten thousand.

use std::collections::{BTreeMap, BTreeSet};

use maud::{html, Markup};
use oxigraph::model::{NamedNode, Term};
use rustc_hash::FxHashMap;

use super::highlight::{self, Chars, Mark};
use super::listing::{self, Row};
use super::model::{class_name, iri_tail, shorten};
use super::{external, href, iri, layout, link, number, page_range, text, Ctx, Params, ViewResult};
use crate::rdf::vocab::wd;

/// Rows per page of a long list.
pub const PAGE: usize = 100;
/// Entities listed as seen with this one.
const SEEN_WITH: usize = 20;
/// The newest articles of the entity in which the entities seen with it are counted.
const SEEN_IN: usize = 200;

/// The lists that are paged.
#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    Articles,
    Events,
    Quotations,
}

impl List {
    fn parse(s: &str) -> Option<List> {
        Some(match s {
            "articles" => List::Articles,
            "events" => List::Events,
            "quotations" => List::Quotations,
            _ => return None,
        })
    }
    fn name(self) -> &'static str {
        match self {
            List::Articles => "articles",
            List::Events => "events",
            List::Quotations => "quotations",
        }
    }
}

pub fn page(ctx: &Ctx<'_>, e: &NamedNode, params: &Params) -> ViewResult<Markup> {
    let only = params.get("list").and_then(List::parse);
    let n = params.get("page").and_then(|p| p.parse().ok()).unwrap_or(1usize).max(1);
    let label = ctx.label(e)?;
    let look = &mut Lookups::default();
    let page_of = |list| if only == Some(list) { n } else { 1 };
    let shows = |list| only.is_none() || only == Some(list);
    let graphs = if shows(List::Articles) { listing::graphs(ctx, &mentions(e))? } else { Vec::new() };
    let body = html! {
        (header(ctx, e, &label, graphs.len())?)
        @if only.is_none() { (posts(ctx, e, look)?) }
        @if shows(List::Events) { (events(ctx, e, page_of(List::Events), look)?) }
        @if shows(List::Quotations) { (quotations(ctx, e, page_of(List::Quotations), look)?) }
        @if only.is_none() { (seen_with(ctx, e, &graphs, look)?) }
        @if shows(List::Articles) { (articles(ctx, e, &graphs, page_of(List::Articles), look)?) }
    };
    Ok(layout(&label, "", body))
}

/// The type names of an entity, most specific first ("Country", "Place").
pub fn types(ctx: &Ctx<'_>, e: &NamedNode) -> ViewResult<Vec<String>> {
    let rows = ctx.rows(&format!(
        "SELECT ?t WHERE {{ VALUES ?t {{ nkg:Person nkg:Organization nkg:NewsOrganization nkg:GovernmentOrganization \
         nkg:InternationalOrganization nkg:Company nkg:Place nkg:Country nkg:AdministrativeArea nkg:City }} \
         FILTER EXISTS {{ {e} a ?t }} }}"
    ))?;
    let mut names: Vec<String> = rows.iter().filter_map(|r| iri(r, "t")).map(|t| iri_tail(t.as_str())).collect();
    let base = |n: &str| matches!(n, "Person" | "Organization" | "Place");
    names.sort_by_key(|n| (base(n), n.clone()));
    Ok(names.iter().map(|n| class_name(n)).collect())
}

fn header(ctx: &Ctx<'_>, e: &NamedNode, label: &str, articles: usize) -> ViewResult<Markup> {
    let names: BTreeSet<String> = ctx
        .rows(&format!("SELECT DISTINCT ?l WHERE {{ {{ {e} rdfs:label ?l }} UNION {{ {e} skos:altLabel ?l }} }}"))?
        .iter()
        .filter_map(|r| text(r, "l"))
        .filter(|l| l != label)
        .collect();
    let wikidata: Vec<NamedNode> = ctx
        .rows(&format!("SELECT DISTINCT ?w WHERE {{ {e} owl:sameAs ?w }} ORDER BY ?w"))?
        .iter()
        .filter_map(|r| iri(r, "w"))
        .collect();
    let types = types(ctx, e)?;
    let articles = if articles > 0 {
        articles
    } else {
        let rows = ctx.rows(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?g nkg:mentions {e} }} }}"))?;
        rows.first().map_or(0, |r| number(r, "n") as usize)
    };
    Ok(html! {
        h1 { (label) " " @for t in &types { span.badge { (t) } " " } }
        p.iri { code { (e.as_str()) } }
        dl.meta {
            @if !names.is_empty() { dt { "Also named" } dd { (names.iter().cloned().collect::<Vec<_>>().join(" · ")) } }
            @for w in &wikidata {
                dt { "Wikidata" }
                dd { @if w.as_str().starts_with(wd::NS) { (external(&format!("https://www.wikidata.org/wiki/{}", iri_tail(w.as_str())), &iri_tail(w.as_str()))) } @else { (external(w.as_str(), w.as_str())) } }
            }
            dt { "Mentioned in" } dd { a href="#articles" { (articles) " article" @if articles != 1 { "s" } } }
        }
    })
}

/// One page of a long list: how many rows there are, and the page's rows.
struct Listing {
    total: usize,
    rows: Vec<Row>,
}

/// Page `n` of the nodes `?x` of `pattern` (in article graphs `?g`), newest article first.
fn listing(ctx: &Ctx<'_>, pattern: &str, n: usize) -> ViewResult<Listing> {
    let graphs = listing::graphs(ctx, pattern)?;
    let total = listing::total(&graphs);
    let rows = listing::rows(ctx, &graphs, Some(pattern), page_range(total, n, PAGE))?;
    Ok(Listing { total, rows })
}

/// The pattern of the articles that mention `e`.
fn mentions(e: &NamedNode) -> String {
    format!("?g nkg:mentions {e} BIND(?g AS ?x)")
}

/// What the lists show about article graphs and the nodes in them, read once per page.
#[derive(Default)]
struct Lookups {
    /// (headline or id, source name) per article graph.
    articles: FxHashMap<NamedNode, (String, Option<String>)>,
    /// Labels by (graph, node).
    labels: FxHashMap<(NamedNode, NamedNode), String>,
}

impl Lookups {
    fn article(&mut self, ctx: &Ctx<'_>, g: &NamedNode) -> ViewResult<&(String, Option<String>)> {
        if !self.articles.contains_key(g) {
            let rows = ctx.rows(&format!(
                "SELECT ?h ?id ?src WHERE {{ GRAPH {g} {{ OPTIONAL {{ {g} schema:headline ?h }} \
                 OPTIONAL {{ {g} schema:identifier ?id }} OPTIONAL {{ {g} nkg:sourceName ?src }} }} }} LIMIT 1"
            ))?;
            let row = rows.first();
            let title =
                row.and_then(|r| text(r, "h").or_else(|| text(r, "id"))).unwrap_or_else(|| iri_tail(g.as_str()));
            self.articles.insert(g.clone(), (title, row.and_then(|r| text(r, "src"))));
        }
        Ok(&self.articles[g])
    }

    fn label(&mut self, ctx: &Ctx<'_>, g: &NamedNode, n: &NamedNode) -> ViewResult<String> {
        let key = (g.clone(), n.clone());
        if !self.labels.contains_key(&key) {
            let rows = ctx.rows(&format!("SELECT ?l WHERE {{ GRAPH {g} {{ {n} rdfs:label ?l }} }} LIMIT 1"))?;
            let label = rows.first().and_then(|r| text(r, "l")).unwrap_or_else(|| iri_tail(n.as_str()));
            self.labels.insert(key.clone(), label);
        }
        Ok(self.labels[&key].clone())
    }
}

/// The triples of a node in its graph, as (property name, value).
fn about(ctx: &Ctx<'_>, g: &NamedNode, x: &NamedNode) -> ViewResult<Vec<(String, Term)>> {
    let rows = ctx.rows(&format!("SELECT ?p ?o WHERE {{ GRAPH {g} {{ {x} ?p ?o }} }}"))?;
    Ok(rows.iter().filter_map(|r| Some((iri_tail(iri(r, "p")?.as_str()), r.get("o")?.clone()))).collect())
}

fn values_of<'a>(fields: &'a [(String, Term)], name: &'a str) -> impl Iterator<Item = &'a Term> + 'a {
    fields.iter().filter(move |(p, _)| p == name).map(|(_, o)| o)
}

fn literal_of(fields: &[(String, Term)], name: &str) -> Option<String> {
    values_of(fields, name).find_map(|o| if let Term::Literal(l) = o { Some(l.value().to_owned()) } else { None })
}

/// "Showing 1–100 of 2,345" and links to the other pages of a list.
fn pager(e: &NamedNode, list: List, total: usize, n: usize) -> Markup {
    let range = page_range(total, n, PAGE);
    let last = total.div_ceil(PAGE).max(1);
    let at = |k: usize| format!("{}&list={}&page={k}#{}", href(e), list.name(), list.name());
    html! {
        @if total > PAGE {
            nav.pages.note {
                "Showing " (range.start + 1) "–" (range.end) " of " (total) ", newest articles first. "
                @if n > 1 { a href=(at(n - 1)) { "← newer" } " " }
                @if n < last { a href=(at(n + 1)) { "older →" } }
            }
        }
    }
}

/// A post held: title, what it is of, status.
type Post = (String, Option<NamedNode>, Option<NamedNode>);

/// Where a post was seen.
struct Seen {
    first: Option<String>,
    last: Option<String>,
    mentions: usize,
    /// A holding that says so, and its article.
    example: NamedNode,
    graph: NamedNode,
}

/// Posts held, from the newest [`PAGE`] holdings: per post and status, the first and last
/// article dates and how many holdings say so.
fn posts(ctx: &Ctx<'_>, e: &NamedNode, look: &mut Lookups) -> ViewResult<Markup> {
    let list = listing(ctx, &format!("?x nkg:holder {e}"), 1)?;
    let mut posts: BTreeMap<Post, Seen> = BTreeMap::new();
    let mut of_labels = FxHashMap::default();
    for row in &list.rows {
        let fields = about(ctx, &row.graph, &row.node)?;
        let iri_of = |name| {
            values_of(&fields, name).find_map(|o| if let Term::NamedNode(n) = o { Some(n.clone()) } else { None })
        };
        let of = iri_of("roleOf");
        if let Some(of) = &of {
            of_labels.insert(of.clone(), look.label(ctx, &row.graph, of)?);
        }
        let key = (literal_of(&fields, "roleTitle").unwrap_or_default(), of, iri_of("status"));
        let seen = posts.entry(key).or_insert_with(|| Seen {
            first: None,
            last: None,
            mentions: 0,
            example: row.node.clone(),
            graph: row.graph.clone(),
        });
        let date = row.published.clone();
        if date.is_some() && (seen.first.is_none() || date < seen.first) {
            seen.first = date.clone();
        }
        if date > seen.last {
            seen.last = date;
        }
        seen.mentions += 1;
    }
    let mut posts: Vec<_> = posts.into_iter().collect();
    posts.sort_by(|a, b| b.1.last.cmp(&a.1.last).then_with(|| a.0.cmp(&b.0)));
    Ok(html! {
        @if !posts.is_empty() {
            h2 #posts { "Posts held" }
            @if list.total > PAGE { p.note { "From the " (PAGE) " newest of " (list.total) " mentions of a post." } }
            table.list {
                tr { th { "Post" } th { "Status" } th { "Mentions" } th { "First seen" } th { "Last seen" } }
                @for ((title, of, status), seen) in &posts { tr {
                    td {
                        (link(&seen.example, title))
                        @if let Some(of) = of { " of " (link(of, of_labels.get(of).map_or("", String::as_str))) }
                    }
                    td { @if let Some(s) = status { span.badge { (iri_tail(s.as_str()).to_lowercase()) } } }
                    td { (seen.mentions) }
                    td { @if let Some(d) = &seen.first { time { (d) } } }
                    td { @if let Some(d) = &seen.last { (link(&seen.graph, d)) } }
                } }
            }
        }
    })
}

fn events(ctx: &Ctx<'_>, e: &NamedNode, n: usize, look: &mut Lookups) -> ViewResult<Markup> {
    let list = listing(ctx, &format!("?x nkg:participant {e}"), n)?;
    if list.rows.is_empty() {
        return Ok(html! {});
    }
    let mut items = Vec::new();
    for row in &list.rows {
        let fields = about(ctx, &row.graph, &row.node)?;
        let mut names = FxHashMap::default();
        for o in values_of(&fields, "participant").chain(values_of(&fields, "place")) {
            if let Term::NamedNode(o) = o {
                names.insert(o.clone(), look.label(ctx, &row.graph, o)?);
            }
        }
        let headline = look.article(ctx, &row.graph)?.0.clone();
        items.push((row, fields, names, headline));
    }
    // The page as a timeline: by the event's own date where it has one.
    items.sort_by_cached_key(|(row, fields, _, _)| {
        std::cmp::Reverse(literal_of(fields, "date").or_else(|| row.published.clone()))
    });
    Ok(html! {
        h2 #events { "Events (" (list.total) ")" }
        (pager(e, List::Events, list.total, n))
        ol.timeline {
            @for (row, fields, names, headline) in &items {
                @let own_date = literal_of(fields, "date");
                @let class = values_of(fields, "type")
                    .filter_map(|o| if let Term::NamedNode(c) = o { Some(iri_tail(c.as_str())) } else { None })
                    .find(|c| c != "Event")
                    .unwrap_or_else(|| "Event".into());
                li {
                    @match (&own_date, &row.published) {
                        (Some(d), _) => { time { (d) } }
                        (None, Some(d)) => { time title="the article's date" { (d) } span.note { "(reported) " } }
                        (None, None) => { time { "no date" } }
                    }
                    (link(&row.node, &class))
                    @for m in values_of(fields, "modality") { " " span.badge { (term_value(m)) } }
                    @let others: Vec<&NamedNode> = values_of(fields, "participant")
                        .filter_map(|o| if let Term::NamedNode(p) = o { Some(p) } else { None })
                        .filter(|p| *p != e)
                        .collect();
                    @if !others.is_empty() {
                        " with "
                        @for (k, p) in others.iter().enumerate() { @if k > 0 { ", " } (link(p, &names[*p])) }
                    }
                    @for place in values_of(fields, "place") {
                        @if let Term::NamedNode(place) = place { " · in " (link(place, &names[place])) }
                    }
                    @for t in values_of(fields, "timeExpression") { span.note { " (“" (term_value(t)) "”)" } }
                    " · " (link(&row.graph, headline))
                }
            }
        }
    })
}

fn term_value(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

fn quotations(ctx: &Ctx<'_>, e: &NamedNode, n: usize, look: &mut Lookups) -> ViewResult<Markup> {
    let list = listing(ctx, &format!("?x nkg:speaker {e}"), n)?;
    if list.rows.is_empty() {
        return Ok(html! {});
    }
    let mut items = Vec::new();
    for row in &list.rows {
        let rows =
            ctx.rows(&format!("SELECT ?t WHERE {{ GRAPH {} {{ {} nkg:text ?t }} }} LIMIT 1", row.graph, row.node))?;
        let quote = rows.first().and_then(|r| text(r, "t")).unwrap_or_default();
        items.push((row, quote, look.article(ctx, &row.graph)?.0.clone()));
    }
    Ok(html! {
        h2 #quotations { "Quotations (" (list.total) ")" }
        (pager(e, List::Quotations, list.total, n))
        ol.timeline { @for (row, quote, headline) in &items { li {
            time { @if let Some(date) = &row.published { (date) } @else { "no date" } }
            " " (link(&row.graph, headline))
            blockquote { (link(&row.node, &format!("“{}”", shorten(quote, 400)))) }
        } } }
    })
}

/// The entities most often named in the same articles, among the newest [`SEEN_IN`].
fn seen_with(ctx: &Ctx<'_>, e: &NamedNode, graphs: &[listing::Graph], look: &mut Lookups) -> ViewResult<Markup> {
    let mut counts: FxHashMap<NamedNode, (usize, NamedNode)> = FxHashMap::default();
    for row in graphs.iter().take(SEEN_IN) {
        for r in ctx.rows(&format!("SELECT ?o WHERE {{ GRAPH {0} {{ {0} nkg:mentions ?o }} }}", row.graph))? {
            if let Some(o) = iri(&r, "o").filter(|o| o != e) {
                counts.entry(o).or_insert((0, row.graph.clone())).0 += 1;
            }
        }
    }
    let mut top: Vec<(NamedNode, usize, NamedNode)> = counts.into_iter().map(|(o, (n, g))| (o, n, g)).collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    top.truncate(SEEN_WITH);
    let mut others = Vec::new();
    for (o, n, g) in top {
        let label = look.label(ctx, &g, &o)?;
        others.push((o, label, n));
    }
    Ok(html! {
        @if !others.is_empty() {
            h2 #seen-with { "Most often seen with" }
            @if graphs.len() > SEEN_IN { p.note { "In its " (SEEN_IN) " newest articles." } }
            ul.plain.columns { @for (o, label, n) in &others { li { (link(o, label)) span.note { " in " (n) " article" @if *n != 1 { "s" } } } } }
        }
    })
}

fn articles(
    ctx: &Ctx<'_>,
    e: &NamedNode,
    graphs: &[listing::Graph],
    n: usize,
    look: &mut Lookups,
) -> ViewResult<Markup> {
    let total = graphs.len();
    let list = Listing { total, rows: listing::rows(ctx, graphs, None, page_range(total, n, PAGE))? };
    if list.rows.is_empty() {
        return Ok(html! {});
    }
    let mut items = Vec::new();
    for row in &list.rows {
        let g = &row.graph;
        // The article's first mention of the entity, and the text around it.
        let spans = ctx.rows(&format!(
            "SELECT ?b ?en WHERE {{ GRAPH {g} {{ {e} nkg:evidence ?s . ?s nif:beginIndex ?b ; nif:endIndex ?en }} }}"
        ))?;
        let first = spans.iter().map(|r| (number(r, "b") as usize, number(r, "en") as usize)).min();
        let text_rows = ctx.rows(&format!("SELECT ?t WHERE {{ GRAPH {g} {{ {g} nif:isString ?t }} }} LIMIT 1"))?;
        let body = text_rows.first().and_then(|r| text(r, "t"));
        let snippet = match (body, first) {
            (Some(body), Some((b, en))) => Some(snippet(&body, b, en)),
            _ => None,
        };
        let (headline, source) = look.article(ctx, g)?.clone();
        items.push((row, headline, source, snippet));
    }
    Ok(html! {
        h2 #articles { "Articles (" (list.total) ")" }
        (pager(e, List::Articles, list.total, n))
        ol.timeline { @for (row, headline, source, snippet) in &items { li {
            time { @if let Some(date) = &row.published { (date) } @else { "no date" } }
            (link(&row.graph, headline))
            @if let Some(src) = source { span.note { " · " (src) } }
            @if let Some(s) = snippet { div.snippet { (s) } }
        } } }
    })
}

/// The sentence of a mention (cut around it when long), the mention marked.
fn snippet(text: &str, begin: usize, end: usize) -> Markup {
    let chars = Chars::new(text);
    let (window, before, after) = highlight::snippet(&chars, begin, end, 300);
    let mark = Mark { begin, end, fact: 0, span: 0, class: "k-hit", title: "the mention".into() };
    html! {
        @if before { "… " }
        (highlight::render(&chars, window, &[mark], false))
        @if after { " …" }
    }
}
